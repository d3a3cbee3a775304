"""The Textual user interface (talks to :mod:`tui_reader.core` only)."""

from tui_reader.ui.asyncio_without_tls import load_asyncio_without_tls

load_asyncio_without_tls()  # before Textual imports it (see the module)
