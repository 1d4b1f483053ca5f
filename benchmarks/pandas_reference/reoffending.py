"""reoffending in pandas."""
