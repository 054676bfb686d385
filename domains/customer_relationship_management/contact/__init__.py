"""The rules of plan contacts and the plan's Request (BIAN behaviour qualifier Contact)."""
