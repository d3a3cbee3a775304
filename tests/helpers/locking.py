"""The database's lock held as another tui-reader process holds it (issue 15, item 14)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui_reader.locations import db_sidecars


@contextmanager
def lock_held(db: Path) -> Iterator[None]:
    """The lock of database ``db`` held through a file description of its own, as another
    process holds it (flock locks of two open files exclude each other)."""
    fd = os.open(db_sidecars(db)[1], os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
