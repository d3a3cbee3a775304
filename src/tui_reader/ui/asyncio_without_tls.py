"""asyncio loaded without :mod:`ssl`, which it imports for connections over TLS, and which
loads OpenSSL's two libraries: about 4 MB resident before the app's first screen (1.3 MB
once a big text has been hashed with OpenSSL's SHA-256, which loads one of them), for
connections the app never makes.  Textual imports asyncio first; the app's modules are
imported after this one (see ``tui_reader/ui/__init__.py``).

asyncio is written for a Python built without ``ssl``: each of its modules imports it
within ``try``/``except ImportError`` and takes ``None``.  ``ssl`` is refused while asyncio
is imported, and importable again right after (``urllib.request``, which reading a W3C file
may load, imports it).  When asyncio or ``ssl`` is loaded already (a test runner, another
program importing the app), nothing is done."""

from __future__ import annotations

import sys


def load_asyncio_without_tls() -> None:
    """Import asyncio without ``ssl``, unless one of them is loaded already."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # "import ssl": ImportError
    try:
        import asyncio  # noqa: F401
    finally:
        if "ssl" in sys.modules and sys.modules["ssl"] is None:
            del sys.modules["ssl"]
