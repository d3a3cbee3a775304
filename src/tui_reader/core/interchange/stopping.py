"""An export stopped while a format makes its text (``esc`` in the app's export dialog): the
formats' long loops over the passages look, every :data:`EVERY` passages, at the check the
export set for the thread making it (:func:`stopped_by`), which raises to stop it.  Without
one set (the command, a test rendering a format) they look at nothing: ``checked`` gives the
items as they are.  Markdown at 100,000 annotations took seconds to make, and ``esc`` was
seen only once it was made."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

EVERY = 1000  # items between two looks (a look: one call; 100,000 passages, 100 looks)

_CHECK: ContextVar[Callable[[], None] | None] = ContextVar("export_check", default=None)
# How far a format has got making its file: (done, total, of what), told as it goes
Tell = Callable[[int, int, str], object]
_TELL: ContextVar[Tell | None] = ContextVar("export_tell", default=None)
# What the store's annotations read are told as (an export reads them before its file)
READ = "annotations read"
# Steps with no count, told as begun (0 of 0) so that the line says what is done meanwhile:
# the look at every document's file for a change since its passages were placed (0.55 s at
# 10,000), a Markdown export's passages made ready to be written (0.7 s at 100,000)
CHECKING = "checking that no document changed since its passages were placed"
PREPARING = "preparing the passages"
UNCOUNTED = frozenset((CHECKING, PREPARING))


@contextmanager
def stopped_by(check: Callable[[], None]) -> Iterator[None]:
    """While in the block, the formats call ``check`` as they go (it raises to stop them)."""
    token = _CHECK.set(check)
    try:
        yield
    finally:
        _CHECK.reset(token)


def check() -> None:
    """Look once: between two documents, two parts, two runs of a loop."""
    looked = _CHECK.get()
    if looked is not None:
        looked()


def checked(items: Iterable[T], every: int = EVERY) -> Iterable[T]:
    """``items``, looked at :func:`check` every ``every`` of them as they are taken; the
    items themselves when no check is set."""
    looked = _CHECK.get()
    if looked is None:
        return items
    return _every(iter(items), looked, every)


def _every(items: Iterator[T], looked: Callable[[], None], every: int) -> Iterator[T]:
    while chunk := list(islice(items, every)):
        looked()
        yield from chunk


@contextmanager
def told_to(tell: Tell) -> Iterator[None]:
    """While in the block, a format making its file tells ``tell(done, total, what)`` how far
    it has got ("sources packed": a qdpx of 10,000 documents took 20 s with no count)."""
    token = _TELL.set(tell)
    try:
        yield
    finally:
        _TELL.reset(token)


def tell(done: int, total: int, what: str) -> None:
    """``done`` of ``total`` ``what`` made, told to the block's :func:`told_to`, if any."""
    told = _TELL.get()
    if told is not None:
        told(done, total, what)


def begun(what: str) -> None:
    """A step with no count (one of :data:`UNCOUNTED`) begun, told as 0 of 0 ``what``."""
    tell(0, 0, what)


def told_along(items: Sequence[T], what: str, every: int | None = None) -> Iterable[T]:
    """``items`` as :func:`checked` gives them, each ``every`` (default :data:`EVERY`) of
    them taken told to the block's :func:`told_to` (``done`` of ``len(items)`` ``what``);
    ``items`` themselves when neither a check nor a tell is set (the command)."""
    looked, told = _CHECK.get(), _TELL.get()
    if looked is None and told is None:
        return items
    return _told(items, looked or _nothing, told or _nothing, what, every or EVERY)


def _nothing(*_: object) -> None:
    """No check, or no tell, set."""


def _told(
    items: Sequence[T], looked: Callable[[], None], told: Tell, what: str, every: int
) -> Iterator[T]:
    total = len(items)
    for start in range(0, total, every):
        looked()
        told(start, total, what)
        yield from items[start : start + every]
    told(total, total, what)
