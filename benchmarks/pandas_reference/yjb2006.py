"""yjb2006 in pandas."""
