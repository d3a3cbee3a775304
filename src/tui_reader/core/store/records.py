"""What every part of the store builds on: the tables, the index and the write context.

:class:`~tui_reader.core.store.annotation_store.AnnotationStore` is made of parts, one per kind
of record (:mod:`~tui_reader.core.store.tag_records`,
:mod:`~tui_reader.core.store.history_records`, :mod:`~tui_reader.core.store.document_records`);
each part reads and writes through what this base declares and the store provides.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path

from tui_reader.core.store.index import StoreIndex
from tui_reader.core.store.journal import Change, JournaledTables, Record


class Records:
    """The store's shared state and write path, provided by :class:`AnnotationStore`."""

    path: Path  # the database file
    _tables: JournaledTables
    _index: StoreIndex
    _mutex: threading.RLock
    _pending: threading.local  # the undoable step this thread is gathering, if any
    revision: int  # grows with every change seen, ours or another process's
    coder: str  # who works in it: the coder of what is written

    def _writing(self) -> contextlib.AbstractContextManager[None]:
        """Lock, catch up with other processes; index reservations are undone on failure."""
        raise NotImplementedError

    def _commit(
        self,
        changes: list[Change],
        label: str | None = None,
        joined: Mapping[str, str] | None = None,
        before: Mapping[str, Record] | None = None,
    ) -> None:
        """Save ``changes`` durably; with a ``label`` they are an undoable step (``joined``:
        a join of moved documents' memos and attributes, see ``history.JOINED``; ``before``:
        the annotation records the changes replace, read alone, when the table is not
        parsed)."""
        raise NotImplementedError

    def _rebuild(self) -> None:
        """Rebuild the index from the tables."""
        raise NotImplementedError

    def _memo_retag_changes(self, old: str, new: str) -> list[Change]:
        """The changes that make code memos follow a renamed or merged code."""
        raise NotImplementedError

    def _memo_delete_changes(self, name: str, with_children: bool) -> list[Change]:
        """The changes that delete the memos of a deleted code."""
        raise NotImplementedError
