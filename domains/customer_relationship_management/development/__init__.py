"""The rules of a plan's development tasks (BIAN behaviour qualifier Development)."""
