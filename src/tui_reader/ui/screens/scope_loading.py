"""The coded passages of the whole project, placed in their documents in a worker, for the
views that ask questions of them (query, reports) and the codebook's passages.

:func:`load_scope_for` starts the worker; it posts :class:`ScopeLoaded` (each document it
could not read named in a warning first) or :class:`ScopeFailed` to the view, and meanwhile
:class:`ScopeProgress` now and then (a first look at 10,000 documents takes seconds); the
view closed, the worker stops before the next document.  The library's scan steps aside
meanwhile (:mod:`tui_reader.ui.foreground`): it reads the same documents for their facts, and
the two threads share one interpreter lock.

The passages placed are kept for the workspace (:class:`PlacedScopes`, their one owner): a
view opened next (the reports after the query view, the query view again, a cell's query,
the codebook: :func:`shared_scope`) takes them while the coding, the listing and the
annotated files are as they were, and places nothing again (each view placed them anew:
seconds each on 10,000 documents).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.screen import Screen
from textual.worker import get_current_worker

from tui_reader.core.analysis.scope import COUNTED, PLACING, Scope, ScopeCancelled, load_scope
from tui_reader.core.analysis.scope_first import PlaceFirst, Wanted
from tui_reader.core.annotations.placement_cache import Stamp
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import capped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import SAID_AT_MOST, notify_warning


def coded_in(scope: Scope, passages: int, coder: str | None, whose: str = "") -> str:
    """``2 coded passages in 1 of 2 documents``: ``passages`` (of ``coder``, all when None;
    ``whose`` says whose after the count), the documents holding them and the documents in
    scope.  Not ``2 coded passages · 2 documents``, which read as the documents they are in."""
    documents = counted(len(scope.lengths), "document")
    if passages == 0:
        return f"0 coded passages{whose} in {documents}"
    coded = scope.coded_documents(coder)
    return f"{counted(passages, 'coded passage')}{whose} in {coded:,} of {documents}"


class ScopeLoaded(FieldMessage):
    """The coded passages are placed: ``scope``."""

    scope: Scope


class ScopeProgress(FieldMessage):
    """``done`` of the ``total`` items of ``step`` (files read to find moved ones, or
    documents placed: :data:`~tui_reader.core.analysis.scope.COUNTED`) so far."""

    done: int
    total: int
    step: str = PLACING

    def line(self) -> str:
        """What the view says meanwhile."""
        return f"{self.step}… {self.done:,} of {self.total:,} {COUNTED[self.step]}"


PROGRESS_EVERY = 0.1  # seconds between two ScopeProgress messages at most


class ScopePlacedFirst(FieldMessage):
    """The documents whose records carry ``codes`` (asked for while the passages are placed),
    or that the query asked may match, are placed, with those placed before them: ``scope``
    holds them, the rest are placed.  ``codes`` None: a look at the documents placed so far,
    whatever their passages carry."""

    scope: Scope
    codes: Wanted | None


class ScopeFailed(FieldMessage):
    """The passages could not be placed, for ``reason`` (one line, for a person)."""

    reason: str


@dataclass(frozen=True)
class _Placed:
    """A scope as placed, and what it was placed from: the store's coding revision, the
    corpus's keys and the annotated files' stamps, taken before the placing began."""

    scope: Scope
    revision: int
    keys: list[str]
    stamps: dict[str, Stamp | None]


class PlacedScopes:
    """The one owner of each workspace's placed passages: the last scope placed whole, given
    to the next view that asks while nothing it was placed from changed."""

    _kept: ClassVar[weakref.WeakKeyDictionary[Workspace, _Placed]] = weakref.WeakKeyDictionary()

    @classmethod
    def current(cls, workspace: Workspace) -> Scope | None:
        """The scope kept for ``workspace`` when the coding (another process's included),
        the corpus's files and the annotated files' stamps are as it was placed from; None
        else (then forgotten).  A stat per annotated file and per folder: in a worker."""
        kept = cls._kept.get(workspace)
        if kept is None:
            return None
        workspace.store.reload_if_changed()  # another process's coding, not yet polled
        if workspace.listing_changed():
            workspace.refresh_files()
        if (
            workspace.store.coding_revision != kept.revision
            or workspace.keys() != kept.keys
            or workspace.annotated_stamps() != kept.stamps
        ):
            cls._kept.pop(workspace, None)
            return None
        return kept.scope

    @classmethod
    def place(cls, workspace: Workspace, placing: Callable[[], Scope]) -> Scope:
        """The scope ``placing`` gives, kept when the coding did not change meanwhile."""
        workspace.store.reload_if_changed()
        revision = workspace.store.coding_revision
        stamps = workspace.annotated_stamps()  # before: a file written meanwhile differs
        scope = placing()
        if workspace.store.coding_revision == revision:
            cls._kept[workspace] = _Placed(scope, revision, workspace.keys(), stamps)
        else:
            cls._kept.pop(workspace, None)
        return scope


def shared_scope(
    workspace: Workspace,
    progress: Callable[[int, str], Callable[[], None]] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    first: PlaceFirst | None = None,
    placed_first: Callable[[Scope, Wanted | None], None] = lambda _scope, _codes: None,
) -> Scope:
    """The project's coded passages placed whole: those :class:`PlacedScopes` keeps when
    nothing they were placed from changed, else placed now (and kept).  The query view, the
    reports and the codebook each take them here, in a worker (a first placing of 10,000
    documents takes seconds); :class:`ScopeCancelled` once ``cancelled()``."""
    scope = PlacedScopes.current(workspace)  # placed for another view: taken
    if scope is None:
        scope = PlacedScopes.place(
            workspace,
            lambda: load_scope(
                workspace,
                progress=progress,
                cancelled=cancelled,
                first=first,
                placed_first=placed_first,
            ),
        )
    return scope


def load_scope_for(
    view: Screen[Any], workspace: Workspace, first: PlaceFirst | None = None
) -> None:
    """Place the project's coded passages for ``view`` in a thread worker (the documents
    whose records carry the codes asked of ``first`` meanwhile first: :class:`ScopePlacedFirst`
    is posted once they are)."""

    def placed_first(scope: Scope, codes: Wanted | None) -> None:
        view.post_message(ScopePlacedFirst(scope, codes))

    def progress(total: int, step: str) -> Callable[[], None]:
        done, last = 0, time.monotonic()

        def advance() -> None:
            nonlocal done, last
            done += 1
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY:  # not a message for each of 10,000 documents
                last = now
                view.post_message(ScopeProgress(done, total, step))

        return advance

    def load() -> None:
        worker = get_current_worker()
        try:
            with FOREGROUND.running():  # the view waits on it: the library's scan steps aside
                scope = shared_scope(
                    workspace, progress, lambda: worker.is_cancelled, first, placed_first
                )
        except ScopeCancelled:
            return  # the view closed: esc stops the placing, its next opening goes on
        except TuiReaderError as exc:
            view.post_message(ScopeFailed(str(exc)))
            return
        # A folder of 500 annotated files moved away: 5 toasts and "495 more like these",
        # as the command line says them, not 500 (each time the view opened).
        for problem in capped(scope.problems, SAID_AT_MOST):
            notify_warning(view.app, problem, "Document not read")
        view.post_message(ScopeLoaded(scope))

    view.run_worker(load, thread=True, exclusive=True, group="scope")
