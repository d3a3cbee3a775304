"""The theme chosen in the app, kept for its next start: on a terminal with a light
background, "Toggle dark / light theme" had to be chosen again at every start.

The file (:func:`~tui_reader.locations.theme_path`) holds a theme's name and nothing else;
one that is not there, cannot be read or names no theme of this Textual leaves the default.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from tui_reader.core.documents.safe_read import read_document_bytes, written_anew
from tui_reader.core.errors import DocumentError

THEME_NAME_MOST = 100  # characters of a theme's name read: a file of another kind is no name


def kept_theme(path: Path, available: Collection[str]) -> str | None:
    """The theme named in ``path`` when it is one of ``available``, else None."""
    try:  # never waiting on a FIFO there (the start held for good), nor a device read
        raw = read_document_bytes(path, max_bytes=4 * (THEME_NAME_MOST + 1))
    except (DocumentError, ValueError):
        return None
    name = raw.decode("utf-8", "replace")[: THEME_NAME_MOST + 1].strip()
    return name if name in available else None


def keep_theme(path: Path, name: str) -> str | None:
    """Write ``name`` to ``path`` (its folder made); what failed, in a line, else None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        written_anew(part, (name + "\n").encode("utf-8"))
        part.replace(path)
    except OSError as error:
        reason = error.strerror or error
        return f"the theme chosen ({name}) is not kept for the next start: {path}: {reason}"
    return None
