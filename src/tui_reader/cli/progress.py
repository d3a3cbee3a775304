"""A progress bar on stderr for long commands, only when stderr is a terminal (Rich's)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

SHOW_FROM = 200  # items: fewer finish before a bar would say anything
SHOW_FROM_BYTES = 256 * 1024  # a file this big takes a while to import


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``; draws a bar on stderr when it is a terminal and ``total`` is
    large, and nothing at all otherwise (piped output stays clean)."""
    if total < SHOW_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (label, BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


@contextmanager
def stage_bar(label: str, stages: Sequence[str], *, long: bool) -> Iterator[Callable[[str], None]]:
    """Yields ``reached(stage)``, to call as each of ``stages`` begins: for work done in a few
    long steps rather than item by item (an import reads, compares, then saves in one write).
    Draws ``label: stage`` and a bar of the steps on stderr when it is a terminal and the
    work is ``long``; nothing otherwise."""
    if not long or not sys.stderr.isatty():
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=len(stages))

        def reached(stage: str) -> None:
            done = stages.index(stage) if stage in stages else 0
            progress.update(task, completed=done, description=f"{label}: {stage}")

        yield reached


def advancing(items: Iterable[T], advance: Callable[[], None]) -> Iterator[T]:
    """``items``, calling ``advance()`` after each has been dealt with."""
    for item in items:
        yield item
        advance()
