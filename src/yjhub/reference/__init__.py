"""Reference data worked out by rule (bank holidays) rather than typed in."""
