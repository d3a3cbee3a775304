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

import os
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
    # The call is made with ``_ctypes`` alone: the ``ctypes`` package around it builds its
    # types and helpers at import (0.2 MB resident, for the rest of the session), and this
    # one call needs none of them.  Loaded here: only an app that opens a big document
    # needs it.
    import _ctypes

    try:
        program = _ctypes.dlopen(None, os.RTLD_NOW | os.RTLD_LOCAL)  # type: ignore[arg-type]
        address = _ctypes.dlsym(program, "mallopt")  # (None: the program and its libraries)
    except (OSError, AttributeError):
        return False

    class CInt(_ctypes._SimpleCData):  # type: ignore[type-arg]  # (generic in stubs only)
        _type_ = "i"

    class Mallopt(_ctypes.CFuncPtr):
        _flags_ = _ctypes.FUNCFLAG_CDECL
        _restype_ = CInt
        _argtypes_ = (CInt, CInt)

    return bool(Mallopt(address)(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
