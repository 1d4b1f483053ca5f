"""The ``yjhub`` command line: one module per command, each adding its own sub-parser."""
