"""A file's stamp: what tells a text kept from it (in the facts cache, the texts pack, the
loaded texts) is stale.

The modification time and size alone do not: ``cp -p``, ``touch -r``, ``rsync -t``, an
unpacked archive or a same-size rewrite within one tick of the clock leave both as they were
while the text changed.  The change time (``st_ctime_ns``) cannot be set back by hand: any
write, or any setting of the modification time, moves it; the inode tells a file replaced by
another (an editor's save by rename) that has the old one's times and size."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tui_reader.core.errors import DocumentError

_HALF = 1 << 63
Stamp = tuple[int, int, int, int]  # (mtime_ns, size, ctime_ns, inode)


def file_stamp(path: Path | str) -> Stamp:
    """``(mtime_ns, size, ctime_ns, inode)`` of the file at ``path``.

    Raises :class:`DocumentError` naming the file when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise DocumentError(Path(path), exc.strerror or "cannot read") from exc
    return stamp_of_stat(st)


def file_stamps(
    paths: Iterable[str | None], taken: dict[str, os.stat_result] | None = None
) -> list[Stamp | None]:
    """The stamp of each file of ``paths`` (:func:`file_stamp`), taken one after the other
    before the files are used: ``None`` for a path ``None`` and for a file that cannot be
    looked at (:func:`file_stamp` of it says why).  ``taken``: the ``os.stat`` of files
    taken just before (by the listing, by location), each used once, for its file, in the
    place of a second ``stat``."""
    stamps: list[Stamp | None] = []
    for path in paths:
        if path is None:
            stamps.append(None)
            continue
        st = taken.pop(path, None) if taken else None
        try:
            stamps.append(stamp_of_stat(os.stat(path) if st is None else st))
        except OSError:
            stamps.append(None)
    return stamps


def stamp_of_stat(st: os.stat_result) -> Stamp:
    """The stamp of a file whose ``os.stat`` is ``st``."""
    # The inode as a signed 64-bit number (the texts pack keeps stamps so): some file systems
    # number files past 2**63.
    inode = (st.st_ino + _HALF) % (2 * _HALF) - _HALF
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, inode)
