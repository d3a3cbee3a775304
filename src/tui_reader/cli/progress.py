"""A progress bar on stderr for long commands, only when stderr is a terminal (Rich's)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

SHOW_FROM = 200  # items: fewer finish before a bar would say anything


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


def advancing(items: Iterable[T], advance: Callable[[], None]) -> Iterator[T]:
    """``items``, calling ``advance()`` after each has been dealt with."""
    for item in items:
        yield item
        advance()
