"""Authorization beyond roles per field: the role matrix and the relationship manager's book."""
