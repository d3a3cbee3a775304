"""The history's steps as ``tui-reader history`` lists them, read without opening the store.

Opening the store replays the whole journal: every change of every line parsed, so an import
of 100,000 annotations not folded yet (one line of 100 MB, every record in it twice, as saved
and in its step) was built whole to list one line of it.  Here the journal is read a few MB at
a time: each line's checksum is checked as it streams by, and only the changes of the
``history`` table and of ``meta`` (the schema) are read from it, a step's record without its
``changes`` (read as :meth:`SnapshotTables.step_heads` reads the snapshot's).

Each line is written by :func:`~.journal_lines.line_parts`: compact JSON (UTF-8), a change
``[table, doc_id, document]``, a step's record ``label`` first and ``undone`` last.  A JSON
string never holds an unescaped quote, so ``["history",`` starts a change of that table (a
step's own changes are of the recorded tables only).  Anything else (a line not so written, a
damaged one, ``"history"`` found elsewhere, the files changing meanwhile): None, and the
caller opens the store as before.
"""

from __future__ import annotations

import bisect
import json
import re
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tui_reader.core.documents.safe_read import special_file_problem
from tui_reader.core.errors import StoreError
from tui_reader.core.store.durable_files import StatKey, stat_key
from tui_reader.core.store.index import HISTORY, META
from tui_reader.core.store.journal_lines import Record, damaged_start
from tui_reader.core.store.schema import SCHEMA_VERSION, schema_of
from tui_reader.core.store.snapshot import (
    CHECKED_CHANGES,
    HEAD_MOST,
    SnapshotTables,
    named_lines,
)
from tui_reader.locations import db_sidecars

READ_AT_ONCE = 1 << 22  # bytes of the journal read at a time
WHOLE_UNDER = 1 << 18  # a snapshot smaller than this is read whole (its layout aside)

_NEEDLES = (b'["history",', b'["meta",')
_CHANGE = re.compile(rb'\[("history"|"meta"),(null|"[^"\\]*"),')
# the end of a step's record: its changes closed, "undone", the record and the change closed
_TAIL = re.compile(rb'\],"undone":(null|-?[0-9]+)\}\]\Z')


@dataclass
class StepHeads:
    """The history's records without their ``changes``, and which have damaged changes."""

    heads: dict[str, Record]
    _tables: SnapshotTables
    # where each step's changes set in the journal lie in it (start, end), or the changes
    journal_changes: dict[str, tuple[int, int] | object] = field(default_factory=dict)
    _journal: Path | None = None
    # the journal as it was read (inode, size, time): the places above are in that one
    _journal_key: StatKey | None = None

    def damaged(self, keys: Collection[str], damaged: Callable[[object], bool]) -> set[str] | None:
        """Those of ``keys`` whose changes are ``damaged`` (a callable of the parsed changes):
        parsed alone up to :data:`CHECKED_CHANGES` bytes, a longer one checked to be a list.
        None when a step's changes are read from the journal and it is no longer the one read
        (a fold emptied it meanwhile, a save added to it): the places read are not that
        step's any more, so what they hold says nothing of it; read the history again."""
        found: set[str] = set()
        in_snapshot = [k for k in keys if k not in self.journal_changes]
        if in_snapshot:
            marked = self._tables.damaged_steps(HISTORY, in_snapshot, damaged)
            if marked is None:
                table = self._tables.get(HISTORY, {})
                marked = {k for k in in_snapshot if k in table and damaged(table[k].get("changes"))}
            found |= marked
        places: dict[str, tuple[int, int]] = {}
        for key in keys:
            where = self.journal_changes.get(key)
            if isinstance(where, tuple):
                places[key] = where
            elif where is not None and damaged(where):
                found.add(key)
        if not places:
            return found
        assert self._journal is not None
        try:
            with open(self._journal, "rb") as handle:
                for key, (start, end) in places.items():
                    if _damaged_at(handle, start, end, damaged):
                        found.add(key)
        except OSError:
            return None  # (gone: a fold meanwhile, or unreadable: the store says which)
        if stat_key(self._journal) != self._journal_key:
            return None  # read after a fold or a save: perhaps other bytes than the step's
        return found


def _damaged_at(handle: IO[bytes], start: int, end: int, damaged: Callable[[object], bool]) -> bool:
    """Whether the changes at ``start``-``end`` of the journal ``handle`` are ``damaged``
    (see :meth:`StepHeads.damaged`)."""
    if end - start > CHECKED_CHANGES:
        handle.seek(start)
        first = handle.read(1)
        handle.seek(end - 1)
        return first + handle.read(1) != b"[]"
    handle.seek(start)
    try:
        return damaged(json.loads(handle.read(end - start)))
    except ValueError:
        return True


def read_step_heads(path: Path) -> StepHeads | None:
    """The history of the database at ``path`` as :class:`StepHeads`, the snapshot's with the
    journal's changes, without building the records of any step's changes; None when it
    cannot be read so (see the module's docstring): the store is to be opened."""
    journal = db_sidecars(path)[0]
    if any(special_file_problem(own) for own in (path, journal)):
        return None
    for _ in range(3):  # a fold meanwhile replaces the file and empties the journal
        before = stat_key(path), stat_key(journal)
        try:
            found = _read(path, journal)
        except (OSError, ValueError, StoreError):
            return None
        if (stat_key(path), stat_key(journal)) == before:
            if found is not None:
                found._journal_key = before[1]
            return found
    return None


def _read(path: Path, journal: Path) -> StepHeads | None:
    size = path.stat().st_size
    if not size:
        return None  # emptied (a '>' into it?): the store says what to do
    if size < WHOLE_UNDER:
        tables = SnapshotTables.read(path.read_bytes(), path)
    else:
        with open(path, "rb") as handle:
            if damaged_start(handle.fileno()) is not None:
                return None  # no database: the store refuses it from its start
        data = named_lines(path, {HISTORY, META})
        if data is None:
            return None
        tables = SnapshotTables.read(data, path)
    heads = tables.step_heads(HISTORY) if HISTORY in tables else {}
    if heads is None:
        if size >= WHOLE_UNDER:
            return None  # not laid out as the store writes it: parsed whole by the store
        heads = {k: _head(r) for k, r in tables.get(HISTORY, {}).items()}
    meta = dict(tables.get(META, {}))
    found = StepHeads(heads, tables, _journal=journal)
    try:
        with open(journal, "rb") as handle:
            if not _replay(handle, found, meta):
                return None
    except FileNotFoundError:
        pass  # no change since the last fold
    if schema_of({META: meta}) != SCHEMA_VERSION:
        return None  # an older database (migrated as it is read) or a newer one
    return found


def _head(record: Record) -> Record:
    return {k: v for k, v in record.items() if k != "changes"}


def _replay(handle: IO[bytes], found: StepHeads, meta: dict[str, Record]) -> bool:
    """Apply the journal's changes to the history and ``meta`` to ``found`` and ``meta``;
    False when the journal is not as the module's docstring says (or damaged)."""
    lines, places = _scan(handle)
    for start, end, crc in lines:
        handle.seek(start)
        head = handle.read(11)
        if len(head) < 11 or head[8:11] not in (b" [[", b" []"):
            return False
        try:
            if int(head[:8], 16) != crc:
                return False  # damaged: the store says so
        except ValueError:
            return False
        starts = places[bisect.bisect_right(places, start) : bisect.bisect_left(places, end)]
        # a change not read whole ends right before the next one, or before the line's "]"
        for at, after in zip(starts, [*starts[1:], end][: len(starts)], strict=True):
            if not _change(handle, at, after - 1, found, meta):
                return False
    return True


def _scan(handle: IO[bytes]) -> tuple[list[tuple[int, int, int]], list[int]]:
    """One pass over the journal, a few MB at a time: each complete line's (start, end: its
    newline, CRC-32 of its JSON) and where one of :data:`_NEEDLES` occurs, in order."""
    lines: list[tuple[int, int, int]] = []
    places: list[int] = []
    overlap = max(map(len, _NEEDLES)) - 1
    kept = b""  # the last bytes of the piece before: a needle across two pieces
    base = 0  # the offset of the piece read
    line_start, crc = 0, 0
    while piece := handle.read(READ_AT_ONCE):
        text = kept + piece
        origin = base - len(kept)
        for needle in _NEEDLES:
            at = text.find(needle)
            while at >= 0:
                if at + len(needle) > len(kept):  # not wholly in the bytes seen before
                    places.append(origin + at)
                at = text.find(needle, at + 1)
        pos = 0
        while True:
            nl = piece.find(b"\n", pos)
            stop = len(piece) if nl < 0 else nl
            from_ = max(pos, line_start + 9 - base)
            if from_ < stop:
                crc = zlib.crc32(memoryview(piece)[from_:stop], crc)
            if nl < 0:
                break
            lines.append((line_start, base + nl, crc))
            line_start, crc = base + nl + 1, 0
            pos = nl + 1
        kept = text[-overlap:]
        base += len(piece)
    places.sort()
    return lines, places


def _change(
    handle: IO[bytes], at: int, end: int, found: StepHeads, meta: dict[str, Record]
) -> bool:
    """Apply the change of ``history`` or ``meta`` starting at ``at``, which ends at ``end``
    unless it is read whole (a change after it is of those tables too: the store writes a
    step after the changes it records, and the steps it drops after it); False when it is
    not read as one."""
    handle.seek(at)
    piece = handle.read(min(HEAD_MOST, end - at))
    match = _CHANGE.match(piece)
    if match is None:
        return False
    table = HISTORY if match.group(1) == b'"history"' else META
    doc_id = json.loads(match.group(2))
    rest = match.end()
    if piece.startswith(b"null]", rest):
        _apply(found, meta, table, doc_id, None)
        return True
    try:  # a small change: parsed whole
        value, _ = json.JSONDecoder().raw_decode(piece[rest:].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        value = None
    if isinstance(value, dict):
        if table == HISTORY and doc_id is not None:
            found.journal_changes[doc_id] = value.get("changes")
        _apply(found, meta, table, doc_id, value)
        return True
    if table != HISTORY or doc_id is None or not piece.startswith(b'{"label":', rest):
        return False
    # a step too long to read: its head, up to its changes, and its "undone" after them
    changes = piece.find(b',"changes":', rest)
    if changes < 0:
        return False
    record = json.loads(piece[rest:changes] + b"}")
    opens = at + changes + len(b',"changes":')
    if not isinstance(record, dict) or "changes" in record or end - opens < 64:
        return False
    handle.seek(end - 64)
    tail = _TAIL.search(handle.read(64))
    if tail is None:
        return False
    record["undone"] = json.loads(tail.group(1))
    found.journal_changes[doc_id] = (opens, end - 64 + tail.start() + 1)
    _apply(found, meta, table, doc_id, record)
    return True


def _apply(
    found: StepHeads, meta: dict[str, Record], table: str, doc_id: str | None, doc: Any
) -> None:
    """One change, as :func:`~.journal_lines.apply_changes` makes it (a step without its
    changes)."""
    target = found.heads if table == HISTORY else meta
    if doc_id is None:
        if doc is None:
            target.clear()
        return
    if doc is None:
        target.pop(doc_id, None)
        if table == HISTORY:
            found.journal_changes.pop(doc_id, None)
    else:
        target[doc_id] = _head(doc) if table == HISTORY else doc
