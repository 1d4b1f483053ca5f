"""yjb2006_support in pandas."""
