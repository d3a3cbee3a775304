"""Freed big blocks go back to the system (glibc), so a big document's peak stays low.

glibc's malloc serves blocks of 128 KB and more by mmap and unmaps them when they are freed,
but it raises that threshold to the size of any such block freed (up to 32 MB): from then
on, blocks that size come from the heap and, freed, stay resident in its holes.  Loading a
50 MB text frees many blocks of a few hundred KB (decoded pieces, hashed pieces, arrays
growing): with the threshold left to move, the app kept 5 MB more resident at its peak.
:func:`keep_big_blocks_returnable` fixes the threshold at glibc's default, once, before the
first long load.  Elsewhere (macOS, musl) nothing is done.
"""

from __future__ import annotations

import sys

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 128 * 1024  # glibc's default: blocks this big are mapped, and unmapped
_fixed: bool | None = None


def keep_big_blocks_returnable() -> bool:
    """Fix glibc's mmap threshold (once per process); False where there is no glibc."""
    global _fixed
    if _fixed is None:
        _fixed = _fix_threshold()
    return _fixed


def _fix_threshold() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # loaded here: only an app that opens a big document needs it

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
