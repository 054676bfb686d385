"""The rules of a plan's customer incidents (BIAN behaviour qualifier Incident)."""
