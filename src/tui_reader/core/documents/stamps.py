"""A file's stamp: what tells a text kept from it (in the facts cache, the texts pack, the
loaded texts) is stale."""

from __future__ import annotations

import os
from pathlib import Path

from tui_reader.core.errors import DocumentError

Stamp = tuple[int, int]  # (mtime_ns, size)


def file_stamp(path: Path | str) -> Stamp:
    """``(mtime_ns, size)`` of the file at ``path``.

    Raises :class:`DocumentError` naming the file when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise DocumentError(Path(path), exc.strerror or "cannot read") from exc
    return stamp_of_stat(st)


def stamp_of_stat(st: os.stat_result) -> Stamp:
    """The stamp of a file whose ``os.stat`` is ``st``."""
    return (st.st_mtime_ns, st.st_size)
