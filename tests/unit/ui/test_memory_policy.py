"""The app fixes glibc's mmap threshold once, where there is glibc, and nowhere else."""

from __future__ import annotations

import platform
import sys

from helpers.forking import new_python_prints


def test_the_threshold_is_fixed_where_glibc_is_and_only_once() -> None:
    """It is fixed without the ``ctypes`` package (0.2 MB resident for the session): the
    call needs only ``_ctypes``."""
    code = (
        "from tui_reader.ui import memory_policy as m\n"
        "first = m.keep_big_blocks_returnable()\n"
        "print(first, m.keep_big_blocks_returnable() is first)\n"
        "import sys\n"
        "print('ctypes' in sys.modules)\n"
    )
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert new_python_prints(code).split() == [str(glibc), "True", "False"]
