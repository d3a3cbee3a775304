"""``in_two``: a range of rows made in two halves, the second by a forked copy when a core is
free; the same as made whole, whatever the copy does."""

from __future__ import annotations

import os

import pytest
from helpers.forking import counted_forks

from tui_reader.core import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")


def _squares(lo: int, hi: int) -> list[int]:
    return [n * n for n in range(lo, hi)]


def test_rows_below_the_threshold_or_without_a_free_core_are_made_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(forked, "core_free", lambda: True)
    assert forked.in_two(9, 10, _squares) == [_squares(0, 9)]
    monkeypatch.setattr(forked, "core_free", lambda: False)
    assert forked.in_two(90, 10, _squares) == [_squares(0, 90)]
    assert forks == []


def test_the_second_half_is_made_by_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(forked, "core_free", lambda: True)
    parent = os.getpid()
    made_where: list[int] = []

    def rows(lo: int, hi: int) -> list[tuple[int, bool]]:
        made_where.append(lo)  # only the parent's list is seen here
        return [(n, os.getpid() == parent) for n in range(lo, hi)]

    first, second = forked.in_two(11, 10, rows)
    assert [n for n, _ in first + second] == list(range(11))
    assert all(here for _, here in first) and not any(here for _, here in second)
    assert len(forks) == 1 and made_where == [0]


def test_a_copy_that_fails_leaves_its_half_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(forked, "core_free", lambda: True)
    parent = os.getpid()

    def rows(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            raise MemoryError  # as anything could, there
        return _squares(lo, hi)

    first, second = forked.in_two(50, 10, rows)
    assert first + second == _squares(0, 50)
    assert len(forks) == 1


def test_a_copy_that_cannot_start_leaves_it_all_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forked, "core_free", lambda: True)

    def no_fork() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forked.in_two(50, 10, _squares) == [_squares(0, 50)]
