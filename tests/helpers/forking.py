"""Counting the copies a command forks of itself (its second process for half of a long
reading, see ``tui_reader.core.forked``, or the search's helper)."""

from __future__ import annotations

import os

import pytest


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the copies forked from now on (in this process, the parent)."""
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forked
