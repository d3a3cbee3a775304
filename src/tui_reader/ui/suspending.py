"""``ctrl+z``: the app stopped as ``less`` is, back to the shell that started it, ``fg``
bringing it back redrawn.

A stopped process comes back only when something continues it: a shell with job control,
whose ``fg`` does.  Stopped with no such shell (run by tmux or a window manager directly,
under ``setsid``, or by a script without job control), it would wait for ever on a screen
left as the shell's; so :func:`shell_can_resume` looks first, and the app says why it stays.
Stopping is asked of the whole process group, as the terminal's own ``ctrl+z`` does: a
script that ran the app stops with it, and its shell sees the job stopped.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def _parent_of(pid: int) -> int | None:
    """The parent of ``pid`` (our own from the system; another's from ``/proc``): None
    when it cannot be known."""
    if pid == os.getpid():
        return os.getppid()
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[1])  # the name, in (), may hold spaces
    except (OSError, ValueError, IndexError):
        return None


def _group_and_session(pid: int) -> tuple[int, int] | None:
    try:
        return os.getpgid(pid), os.getsid(pid)
    except OSError:  # gone, or (some systems) in another session
        return None


def shell_can_resume() -> bool:
    """Whether a stopped app would be continued: its process group in the foreground of its
    terminal, and not orphaned, some ancestor of the app in the group having its parent in
    the same session, but in another group (a shell with job control, which put the job in
    a group of its own).  The kernel stops no orphaned group for a ``ctrl+z``, for this very
    reason."""
    if sys.platform == "win32":
        return False
    try:
        group, session = os.getpgrp(), os.getsid(0)
        if os.tcgetpgrp(sys.__stdin__.fileno() if sys.__stdin__ else 0) != group:
            return False
    except (OSError, ValueError, AttributeError):
        return False
    pid = os.getpid()
    for _ in range(64):  # a loop in /proc's answers never hangs us
        parent = _parent_of(pid)
        if parent is None or parent <= 1:
            return False
        found = _group_and_session(parent)
        if found is None or found[1] != session:
            return False
        if found[0] != group:
            return True
        pid = parent
    return False


def stop_process_group() -> None:
    """Stop the app's process group as the terminal's ``ctrl+z`` would (Textual's handler of
    SIGTSTP leaves application mode first, and takes it back on SIGCONT)."""
    os.killpg(os.getpgrp(), signal.SIGTSTP)
