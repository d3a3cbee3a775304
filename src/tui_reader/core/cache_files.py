"""Writing a cache file: atomically (a temporary file renamed over it, so a reader never sees
half of one) and quietly (a cache only saves time: a write that fails leaves the old file, or
none, and says nothing).  The facts cache, the placement cache and the texts pack write
through here."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_cache_file(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """Write ``path`` through ``write`` (given the open binary file); whether it was written."""
    import tempfile  # 5 ms with what it loads: not for a command that writes no cache

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True
