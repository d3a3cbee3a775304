"""The Textual user interface (talks to :mod:`tui_reader.core` only)."""
