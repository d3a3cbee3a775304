"""``in_two``: a range of rows made in two halves, the second by a forked copy when a core is
free; the same as made whole, whatever the copy does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def two_cores_in_a_command(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from tui_reader.core.store.caller import FORKING

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    token = FORKING.set(True)
    yield
    FORKING.reset(token)


def _loadavg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    file = tmp_path / "loadavg"
    file.write_text(text)
    monkeypatch.setattr(forked, "LOADAVG", str(file))


@pytest.mark.usefixtures("two_cores_in_a_command")
def test_a_core_is_free_when_nothing_else_runs_now_whatever_the_last_minute_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a build that used both cores ended seconds ago: the minute's average is still high
    monkeypatch.setattr(os, "getloadavg", lambda: (2.6, 1.4, 0.9))
    _loadavg(tmp_path, monkeypatch, "2.60 1.40 0.90 1/95 1729\n")
    assert forked.core_free()


@pytest.mark.usefixtures("two_cores_in_a_command")
def test_no_core_is_free_while_another_task_runs_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    _loadavg(tmp_path, monkeypatch, "0.10 0.10 0.10 2/95 1729\n")
    assert not forked.core_free()


@pytest.mark.usefixtures("two_cores_in_a_command")
def test_where_the_system_does_not_say_what_runs_now_the_minutes_average_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "LOADAVG", str(tmp_path / "none"))
    monkeypatch.setattr(os, "getloadavg", lambda: (2.5, 1.0, 1.0))
    assert not forked.core_free()
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 1.0, 1.0))
    assert forked.core_free()
    _loadavg(tmp_path, monkeypatch, "garbled\n")
    assert forked.core_free()


def test_the_app_never_forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _loadavg(tmp_path, monkeypatch, "0.00 0.00 0.00 1/95 1729\n")
    assert not forked.core_free()  # FORKING is set by the command line only


def test_the_first_half_is_given_as_it_is_made_while_a_copy_makes_the_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(forked, "core_free", lambda: True)
    parent = os.getpid()
    made_here: list[int] = []

    def rows(lo: int, hi: int) -> Iterator[tuple[int, bool]]:
        for n in range(lo, hi):
            if os.getpid() == parent:
                made_here.append(n)
            yield n, os.getpid() == parent

    halves = forked.in_two_as_taken(11, 10, rows)
    first = iter(next(halves))
    taken = [next(first)]
    assert made_here == [0]  # the copy makes the second half meanwhile
    taken += first
    for half in halves:
        taken += half
    assert [n for n, _ in taken] == list(range(11))
    assert [n for n, here in taken if here] == made_here == list(range(5))
    assert len(forks) == 1
