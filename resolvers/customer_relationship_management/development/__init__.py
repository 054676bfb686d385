"""Development tasks of a relationship plan (BIAN behaviour qualifier Development)."""
