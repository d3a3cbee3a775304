"""tui-reader: close reading and qualitative coding of text in the terminal."""

__version__ = "0.1.0"
