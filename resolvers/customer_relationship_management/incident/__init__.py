"""Customer incidents of a relationship plan (BIAN behaviour qualifier Incident)."""
