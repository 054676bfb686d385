"""The relationship plan's rules: its lock, fields, creation, update, moves and reads."""
