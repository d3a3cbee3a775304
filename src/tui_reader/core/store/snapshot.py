"""The snapshot ``annotations.json`` as tables, each parsed when first used.

The store writes the snapshot one table per line, still one plain JSON object (TinyDB and
earlier versions read it as ever)::

    {
    "annotations": {"1": {...}, ...},
    "history": {"1": {...}},
    "meta": {...}
    }

JSON strings never hold a raw newline, so a line holds exactly one table and a reader can parse
only the tables it needs: a report reads the annotations and the codebook, never the undo
history, which can be as large (one imported step holds every record it created).  A table's
line is parsed when it is first asked for; changes to a table not parsed yet wait beside it, in
order, and are applied when it is (or written out by the next fold).  A fold writes a table that
was never parsed nor changed back as the bytes it was read from, and in a command, where the
file's bytes live on anyway, a table parsed and only added to as those bytes, the records added
after them.

Any other layout (one line, as TinyDB and earlier versions wrote it, or indented) is parsed
whole, as before.  A line that turns out to be damaged when its table is first used is reported
as a damaged file (:class:`StoreError`, the file left as it is), as the whole file's parse would
have reported it on opening.
"""

from __future__ import annotations

import bisect
import codecs
import gc
import itertools
import json
import operator
import re
from collections.abc import Callable, Collection, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import TypeVar, overload

from tui_reader.core import exact_json
from tui_reader.core.collector import collector_paused
from tui_reader.core.errors import StoreError
from tui_reader.core.giving_way import give_way
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.core.store.journal_lines import (
    BlankGap,
    Change,
    Record,
    json_problem,
    not_an_object,
    parse_snapshot,
)
from tui_reader.core.store.table_as_read import (
    ADDED_AT_ONCE,
    Known,
    TableAsRead,
    added_json,
    key_head,
    members,
    step_json,
)

Table = dict[str, Record]
_T = TypeVar("_T")

_KEY = re.compile(rb'"(?:[^"\\\n]|\\.)*": ')  # a table's name at a line's start


class _Unparsed:
    """A table's line not parsed yet, and the changes to it since it was read."""

    __slots__ = ("coded", "heads", "line", "outlined", "pending", "places", "raw")

    def __init__(self, line: int, raw: bytes | memoryview) -> None:
        self.line = line  # the line's number in the file (from 1), for an error message
        # The JSON of the table, as read: its own bytes, or in a command a view into the
        # file's (see _table_lines), copied out only when asked for as bytes (:attr:`value`)
        self.raw = raw
        self.pending: list[Change] = []
        # The keys of its records, when a step was written on :meth:`SnapshotTables.outline`
        # alone: the table stands as it was read then, changed since by ``pending`` only
        self.outlined: frozenset[str] | None = None
        # Where each record of the line lies in it (its key's quote to after its brace),
        # once one was read alone (SnapshotTables.step_alone, records_alone)
        self.places: dict[str, tuple[int, int]] | None = None
        # Its records without their changes, as read (a history line), once found so
        # (SnapshotTables.heads_placed): not looked for again by SnapshotTables.outline
        self.heads: Table | None = None
        # What SnapshotTables.code_records_alone found of a code, while nothing is pending
        self.coded: tuple[str, tuple[set[str], Table]] | None = None

    @property
    def value(self) -> bytes:
        """The JSON of the table, as read, as bytes of its own."""
        raw = self.raw
        if type(raw) is not bytes:
            raw = self.raw = bytes(raw)
        return raw


class SnapshotTables(MutableMapping[str, Table]):
    """The tables of ``annotations.json``: table name -> {doc_id: record}, in the file's
    order.  A table read from a line of its own is parsed the first time it is looked at."""

    def __init__(self, path: Path, tables: dict[str, Table | _Unparsed] | None = None) -> None:
        self.path = path
        self._tables: dict[str, Table | _Unparsed] = {} if tables is None else tables
        # Tables parsed in a command, by name: the line each was read from (a view into the
        # file's bytes, which live as long as the command anyway) and its records as read.  A
        # fold writes the records still there as read as that line's bytes, and dumps only
        # the others: an annotation or a memo added to a database of 100,000 annotations
        # wrote their 70 MB again, and a code renamed on 4,000 of them dumped all 100,000.
        self._as_read: dict[str, TableAsRead] = {}
        self.by_line = True  # read from a file written one table per line (or from nothing)

    @classmethod
    def read(cls, data: bytes, path: Path) -> SnapshotTables:
        """The tables of a snapshot's bytes: table by table when written one per line, else
        parsed whole (:class:`StoreError` naming the file when that is not a database).  A
        byte-order mark before it is left out: a database saved again by a Windows editor or
        PowerShell (``Set-Content -Encoding UTF8``), a code's name fixed by hand, was refused
        as "damaged JSON (Unexpected UTF-8 BOM ...)"; the next fold writes it without one.
        Written in UTF-16 with its mark (Windows PowerShell's ``>`` and ``Out-File``), it was
        "not a text file": it is read as the text it is, written back in UTF-8."""
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                data = data.decode("utf-16").encode("utf-8")
            except UnicodeDecodeError as exc:  # half a character, a lone surrogate
                raise StoreError(
                    f"{path}: damaged UTF-16 text ({exc.reason} at byte {exc.start}); the file "
                    "was left as it is"
                ) from exc
        # (a run of blanks written as one space: its lines are not the file's)
        lines = None if isinstance(data, BlankGap) else _table_lines(data)
        if lines is not None:
            return cls(path, lines)
        tables = cls(path, dict(parse_snapshot(data, path)))
        tables.by_line = not tables  # an empty file has no tables to lay out
        return tables

    # -- the mapping -------------------------------------------------------------------------

    def __getitem__(self, name: str) -> Table:
        value = self._tables[name]
        return value if type(value) is dict else self._parse(name)

    @overload
    def get(self, name: str, /) -> Table | None: ...
    @overload
    def get(self, name: str, default: Table, /) -> Table: ...
    @overload
    def get(self, name: str, default: _T, /) -> Table | _T: ...

    def get(self, name: str, default: object = None, /) -> object:
        value = self._tables.get(name)
        if value is None:
            return default
        return value if type(value) is dict else self._parse(name)

    def __setitem__(self, name: str, table: Table) -> None:
        self._as_read.pop(name, None)
        self._tables[name] = table

    def __delitem__(self, name: str) -> None:
        self._as_read.pop(name, None)
        del self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __contains__(self, name: object) -> bool:
        return name in self._tables

    def __repr__(self) -> str:
        shown = {k: v if type(v) is dict else "<not parsed>" for k, v in self._tables.items()}
        return f"SnapshotTables({shown!r})"

    def records_labelled(self, name: str, prefixes: tuple[str, ...]) -> Table:
        """The records of table ``name`` whose ``label`` starts with one of ``prefixes`` (as
        its changes since it was read leave them), without parsing the others when the table's
        line is not parsed yet: the few steps that renamed a code, not the whole history (one
        imported step holds every record it created).  In that line a step's label opens it
        (the store writes it first); when one does not, or the line is not ASCII, the table is
        parsed whole."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed):
            return {k: r for k, r in self.get(name, {}).items() if _labelled(r, prefixes)}
        found = _labelled_records(unparsed.value, prefixes)
        if found is None:
            return {k: r for k, r in self[name].items() if _labelled(r, prefixes)}
        for _, doc_id, doc in unparsed.pending:
            if doc_id is None:
                found = {}  # the table made again (or dropped)
            elif doc is not None and _labelled(doc, prefixes):
                found[doc_id] = doc
            else:
                found.pop(doc_id, None)
        return found

    def step_heads(self, name: str) -> Table | None:
        """The records of the history table ``name`` without their ``changes`` (as its changes
        since it was read leave them), not parsing those when the table's line is not parsed
        yet: ``history`` lists steps, and one autocode step can hold millions of passages
        (gigabytes once parsed) that a listing never looks at.  None when the line is not laid
        out as the store writes a step (``label`` first, ``changes`` before ``undone``, last):
        the table is to be parsed whole."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed):
            return None
        found = _step_heads(unparsed.value)
        if found is None:
            return None
        for _, doc_id, doc in unparsed.pending:
            if doc_id is None:
                found = {}  # the table made again (or dropped)
            elif doc is None:
                found.pop(doc_id, None)
            else:
                found[doc_id] = doc
        return found

    def step_alone(self, name: str, key: str) -> Record | None:
        """The record ``key`` of the history table ``name`` (as its changes since it was
        read leave it), its line not parsed: only that record's text is, where
        :meth:`step_heads` finds it (an undo takes back one step, and the history's line
        can hold 50,000 entries, 70 MB: parsed whole, then written whole again by the
        fold).  Once read so, a fold writes the line around the records changed since
        (:func:`_written_around`).  None when the table is parsed already, the line is
        not laid out as the store writes it, holds a key twice or not ``key``, or the
        record's text is no object: the table is to be parsed whole."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed):
            return None
        for _, doc_id, doc in reversed(unparsed.pending):  # its last change, if any
            if doc_id is None:
                return None
            if doc_id == key:
                return doc
        places = unparsed.places
        if places is None:
            places = {}
            if _step_heads(unparsed.raw, places=places) is None:
                return None
        if key not in places:
            return None
        start, end = places[key]
        value = bytes(unparsed.raw[start:end])  # (the view kept, as _parse wants it)
        opening = value.find(b": {") + 2  # after the key (a key holds no raw '"')
        try:
            record = exact_json.loads(value[opening:])
        except (ValueError, RecursionError):
            return None  # damaged: the whole table's parse says so
        if type(record) is not dict:
            return None
        unparsed.places = places
        return record

    def records_alone(self, name: str, keys: Collection[str]) -> Table | None:
        """Those of the records ``keys`` of table ``name`` it holds (as its changes since it
        was read leave them), its line not parsed: only those records' texts are, where
        :func:`_record_places` finds each record of the line (an undo of a code renamed on
        4,000 passages looks at those alone, and parsing the 68 MB of 100,000 annotations
        for them took most of its time).  Once read so, a fold writes the line around the
        records changed since (:func:`_written_around`).  None when the table is parsed
        already, made again or dropped since, its line is not laid out as the store writes
        a table of flat records, or a record asked for is damaged there: the table is to be
        parsed whole."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed):
            return None
        latest: dict[str, Record | None] = {}
        for _, doc_id, doc in unparsed.pending:
            if doc_id is None:
                return None
            latest[doc_id] = doc
        places = unparsed.places
        raw = unparsed.raw  # (the view kept, as _parse wants it)
        if places is None:  # (searched in the file's bytes themselves: never copied out)
            places = _record_places(raw)
            if places is None:
                return None
        asked = [k for k in dict.fromkeys(keys) if k not in latest and k in places]
        # each record's member, '"KEY": {...}', as the line has it: parsed in one text
        text = b"{" + b", ".join(raw[slice(*places[k])] for k in asked) + b"}"
        try:
            read = exact_json.loads(text) if asked else {}
        except (ValueError, RecursionError):
            return None  # damaged: the whole table's parse says so
        if type(read) is not dict or list(read) != asked or set(map(type, read.values())) - {dict}:
            return None
        found: Table = {k: doc for k in keys if (doc := latest.get(k)) is not None}
        found.update(read)
        unparsed.places = places
        return found

    def code_records_alone(self, name: str, code: str) -> tuple[set[str], Table] | None:
        """The codes every record of table ``name`` names (each record's ``"tags"`` list, as
        its bytes spell them: read alone, not the records) and those of its records that may
        carry ``code`` or a code below it (:meth:`records_alone` of each record whose bytes
        hold ``code`` quoted whole or before a ``/``), its line not parsed: a rename of a code
        on 4,000 of 100,000 passages parsed all 100,000 to find them.  None when the table is
        parsed or changed already, its line is not laid out as :func:`_record_places` wants,
        a ``"tags"`` of the line is not followed by a list of texts, or any text of the line
        may spell a character of ``code`` (or of ``tags``) as the store does not write it:
        ``\\/``, a ``\\u`` escape of one, ``code`` holding a character written escaped
        (not printable ASCII).  The records found are a superset of those carrying it: each
        is to be tested."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed) or unparsed.pending:
            return None
        if unparsed.coded is not None and unparsed.coded[0] == code:
            return unparsed.coded[1]  # (the line as read, nothing pending: the same)
        if not (code.isascii() and code.isprintable()) or '"' in code or "\\" in code:
            return None
        value = unparsed.raw  # (searched in the file's bytes themselves: never copied out)
        if _escapes_one_of(value, set(code) | set("tags")):
            return None
        lists = _code_lists(value)
        if lists is None:
            return None
        names: set[str] = set()
        for text in lists:
            try:
                listed = exact_json.loads(text)
            except (ValueError, RecursionError):
                return None
            if type(listed) is not list or not all_texts(listed):
                return None
            names.update(listed)
        places = unparsed.places if unparsed.places is not None else _record_places(value)
        if places is None:
            return None
        quoted_code = json.dumps(code).encode("ascii")
        hits = sorted(
            found.start()
            for found in re.finditer(
                re.escape(quoted_code) + b"|" + re.escape(quoted_code[:-1] + b"/"), value
            )
        )
        order = sorted(places.items(), key=_PLACE_START)
        starts = [place[0] for _, place in order]
        keys: dict[str, None] = {}
        for hit in hits:
            at = bisect.bisect_right(starts, hit) - 1
            if at < 0 or hit >= order[at][1][1]:
                return None  # outside every record: not laid out as thought
            keys[order[at][0]] = None
        unparsed.places = places
        records = self.records_alone(name, list(keys))
        if records is None or list(records) != list(keys):
            return None
        unparsed.coded = (code, (names, records))
        return names, records

    def heads_placed(self, name: str) -> Table | None:
        """:meth:`step_heads` of the history table ``name`` when its line is not parsed nor
        changed yet, each record's place in it found too: the steps it then reads alone
        (:meth:`step_alone`) and those changed, dropped or added are written around the
        others by the fold (:func:`_written_around`).  None otherwise."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed) or unparsed.pending:
            return None
        places: dict[str, tuple[int, int]] = {}
        heads = _step_heads(unparsed.raw, places=places)
        if heads is None:
            return None
        unparsed.places = places
        unparsed.heads = heads
        return dict(heads)

    def outline(self, name: str, most: int) -> tuple[Table, int] | None:
        """The records of the history table ``name`` without their ``changes``
        (:meth:`step_heads`) and a bound on how many entries all their changes hold, for a
        command to add a step without parsing the table (a history of 40,000 entries took
        0.25 s to parse at each change).  None unless the table is not parsed yet nor
        changed, in a command (a view into the file's bytes: written back around what is
        added, as :class:`TableAsRead` writes a table parsed there), laid out as the store
        writes it, and holds a step.  Once outlined, the table is written as if it had been
        parsed then (see :meth:`to_parts` and :meth:`_parse`).

        The bound counts the ``]`` of the whole line that no ``"`` stands just before: an
        entry ``[table, doc_id, before, after]`` ends with an object's ``}``, a ``null`` or a
        blank before its ``]``, wherever the line's records begin and end (a record holding
        a text such as ``}, "9": {"label": `` cannot move it), and a ``]`` in a text only
        makes it larger.  A code's list of tags ends with ``"]``: 44,189 for 44,000 entries
        (parsing them took 0.25-0.5 s).  The bound is counted up to ``most`` only (what the
        caller can take): past it, any number larger than ``most`` (:func:`_entry_bound`)."""
        unparsed = self._tables.get(name)
        if (
            not isinstance(unparsed, _Unparsed)
            or unparsed.pending
            or type(unparsed.raw) is not memoryview
        ):
            return None
        value = bytes(unparsed.raw)  # (searched as bytes; the view kept, as _parse wants it)
        heads = _step_heads(value) if unparsed.heads is None else dict(unparsed.heads)
        if not heads:
            return None
        bound = _entry_bound(value, most)
        unparsed.outlined = frozenset(heads)
        return heads, bound

    def damaged_steps(
        self, name: str, keys: Collection[str], damaged: Callable[[object], bool]
    ) -> set[str] | None:
        """Those of ``keys``, records of the history table ``name``, whose ``changes`` are
        ``damaged`` (a database edited by hand), when the table's line is not parsed yet and
        is laid out as :meth:`step_heads` reads it; None otherwise (the caller looks at the
        parsed records).  A step's changes are parsed alone, one step at a time, each let go
        before the next: up to :data:`CHECKED_CHANGES` bytes of them; a longer one's (an
        autocode of millions of passages) are checked to be a list, not parsed."""
        unparsed = self._tables.get(name)
        if not isinstance(unparsed, _Unparsed):
            return None
        spans: dict[str, tuple[int, int]] = {}
        if _step_heads(unparsed.value, spans) is None:
            return None
        value = unparsed.value
        found: set[str] = set()
        for key, (start, end) in spans.items():
            if key not in keys:
                continue
            if end - start > CHECKED_CHANGES:
                piece = value[start : start + 1] + value[end - 1 : end]
                if piece != b"[]":
                    found.add(key)
                continue
            try:
                if damaged(json.loads(value[start:end])):
                    found.add(key)
            except ValueError:  # (not JSON: the heads would not have been read)
                found.add(key)
        for _, doc_id, doc in unparsed.pending:
            if doc_id is None:
                found = set()
            elif doc is None:
                found.discard(doc_id)
            elif doc_id in keys and damaged(doc.get("changes")):
                found.add(doc_id)
            else:
                found.discard(doc_id)
        return found

    def parsed(self) -> list[str]:
        """The names of the tables parsed so far (or made in memory)."""
        return [name for name, value in self._tables.items() if isinstance(value, dict)]

    # -- changes and the fold ----------------------------------------------------------------

    def apply(self, changes: Sequence[Change]) -> None:
        """Apply journal changes (see :data:`~tui_reader.core.store.journal_lines.Change`);
        those to a table not parsed yet wait beside it."""
        tables = self._tables
        as_read = self._as_read
        for change in changes:
            table, doc_id, doc = change
            current = tables.get(table)
            if as_read and doc_id is None and table in as_read:
                del as_read[table]  # the table made again or dropped: written from its records
            if doc_id is None:
                if doc is None:
                    tables.pop(table, None)
                elif current is None:
                    tables[table] = {}
            elif type(current) is dict:
                if doc is None:
                    current.pop(doc_id, None)
                else:
                    current[doc_id] = doc
            elif isinstance(current, _Unparsed):
                current.pending.append(change)
            elif doc is not None:
                tables[table] = {doc_id: doc}

    def to_bytes(self) -> bytes:
        """The snapshot, one table per line (see the module's docstring): a table neither
        parsed nor changed is written back as it was read."""
        return b"".join(self.to_parts())

    def to_parts(self) -> list[bytes | memoryview]:
        """:meth:`to_bytes` in the parts it is written in: each table's text is not copied
        again (joined, a 100 MB table was held three times over while it was written)."""
        if not self._tables:
            return [b"{}"]
        parts: list[bytes | memoryview] = [b"{\n"]
        known: Known = {}  # the JSON of records written, which a step holding them writes
        for name, value in self._tables.items():
            if len(parts) > 1:
                parts.append(b",\n")
            parts += [json.dumps(name).encode("ascii"), b": "]
            if isinstance(value, _Unparsed) and not value.pending:
                parts.append(value.value)
            elif isinstance(value, _Unparsed) and (added := _added_alone(value)) is not None:
                # only records added since it was outlined: after its bytes, as
                # TableAsRead.written writes a table parsed then and only added to
                parts += [value.raw[:-1], b", ", *members(table_json(added)), b"}"]
            elif (
                isinstance(value, _Unparsed)
                and (around := _written_around(value, known)) is not None
            ):
                parts += around  # a step read alone and changed, or steps added
            else:
                as_read = self._as_read.get(name)
                written = (
                    None
                    if as_read is None
                    else as_read.written(self[name], table_json, _step_borders, known)
                )
                parts += table_json(self[name]) if written is None else written
        parts.append(b"\n}\n")
        return parts

    def copy_to_write(self) -> SnapshotTables:
        """The tables as they are now, for :meth:`to_parts` in another thread while this
        one goes on changing (a fold that writes the file without holding the database):
        each parsed table a copy of its mapping (a change replaces a record, never edits
        it), a table with changes waiting parsed first, a line never changed shared."""
        copied: dict[str, Table | _Unparsed] = {}
        for name, value in self._tables.items():
            if isinstance(value, _Unparsed) and not value.pending:
                copied[name] = value  # its bytes, which nothing changes
            else:
                copied[name] = dict(self[name])
        return SnapshotTables(self.path, copied)

    # -- parsing a table ---------------------------------------------------------------------

    def _parse(self, name: str) -> Table:
        unparsed = self._tables[name]
        assert isinstance(unparsed, _Unparsed)
        lives_to_exit = READS_LIVE_TO_EXIT.get()
        frozen = lives_to_exit or len(unparsed.raw) >= FROZEN_FROM
        if frozen and not lives_to_exit and name in _FROZEN_TABLES:
            _collect_what_a_frozen_table_left()
        try:
            with collector_paused():  # millions of containers, no cycle (see journal_lines)
                table = exact_json.loads_object(unparsed.raw)  # json.loads's value, faster
                if frozen:
                    gc.freeze()  # lives on: never walked by the collector (see FROZEN_FROM)
                    _FROZEN_TABLES.add(name)
        except UnicodeDecodeError as exc:
            raise StoreError(
                f"{self.path}: not a text file ({exc.reason} at line {unparsed.line})"
            ) from exc
        except json.JSONDecodeError as exc:
            raise StoreError(
                f"{self.path}: damaged JSON ({json_problem(exc)} at line {unparsed.line}, in "
                f"table {name!r}); the file was left as it is"
            ) from exc
        if not isinstance(table, dict) or not set(map(type, table.values())) <= {dict}:
            raise StoreError(f"{self.path}: not a TinyDB database ({not_an_object(name, table)})")
        self._tables[name] = table
        # A command's (the bytes live on): kept as read, to write back around what changed;
        # also when outlined, and changed since, as if it had been parsed then
        as_read = not unparsed.pending or unparsed.outlined is not None
        if as_read and type(unparsed.raw) is memoryview and table:
            self._as_read[name] = TableAsRead(unparsed.raw, table)
        if unparsed.pending:
            self.apply(unparsed.pending)
        return table


def _added_alone(unparsed: _Unparsed) -> Table | None:
    """The records added to an outlined table (see :meth:`SnapshotTables.outline`) when its
    changes since are only that: each a record put under a key it did not have, once."""
    keys = unparsed.outlined
    if keys is None:
        return None
    added: Table = {}
    for _, doc_id, doc in unparsed.pending:
        if doc_id is None or doc is None or doc_id in keys or doc_id in added:
            return None
        added[doc_id] = doc
    return added


def _written_around(
    unparsed: _Unparsed, known: Known | None = None
) -> list[bytes | memoryview] | None:
    """The JSON of a table whose line was read a record at a time (:meth:`SnapshotTables.
    step_alone`, :meth:`SnapshotTables.records_alone`, :meth:`SnapshotTables.heads_placed`)
    and changed since only by records replaced, deleted or added: the line's own bytes
    around the records replaced or deleted, each replaced one dumped in its place, the
    records added (a record deleted and put back among them) dumped after them, the same
    bytes as a dump of the table parsed and changed.  None otherwise (the table made again
    or dropped): the table is parsed and written whole.  ``known``: the JSON of records the
    fold wrote before, which a step added writes again (:func:`~.table_as_read.step_json`)."""
    places = unparsed.places
    if not places:
        return None
    replaced: Table = {}
    deleted: set[str] = set()
    added: Table = {}
    for _, doc_id, doc in unparsed.pending:
        if doc_id is None:
            return None
        if doc is None:
            replaced.pop(doc_id, None)
            added.pop(doc_id, None)
            if doc_id in places:
                deleted.add(doc_id)
        elif doc_id in places and doc_id not in deleted:
            replaced[doc_id] = doc
        else:
            added[doc_id] = doc  # (a record deleted and put back: now after the others)
    raw = unparsed.raw
    last = len(raw) - 1  # the line's closing brace
    groups: list[list[bytes | memoryview]] = []
    at = 1  # the first record of the line not written yet (its key's quote)
    touched = sorted((*places[key], key) for key in (*replaced, *deleted))
    dumped = iter(
        _each_dumped({key: replaced[key] for *_, key in touched if key in replaced}, known)
    )
    for start, end, key in touched:
        if start > at:  # the records as read before it, without the ", " after them
            groups.append([raw[at : start - 2]])
        if key in replaced:
            groups.append(next(dumped))
        at = end + 2 if end < last else last  # after the ", " that follows it
    if at < last:
        groups.append([raw[at:last]])
    if added:
        groups.append(added_json(added, table_json, known))
    parts: list[bytes | memoryview] = [b"{"]
    for group in groups:
        if len(parts) > 1:
            parts.append(b", ")
        parts += group
    parts.append(b"}")
    return parts


def _each_dumped(table: Table, known: Known | None = None) -> list[list[bytes | memoryview]]:
    """Each record of ``table`` as its member of one dump of it (``"KEY": {...}``): the
    table dumped in one call and cut where ``}, "`` parts two records, when it parts them
    alone (records holding no object: the annotations'); else each record dumped alone
    (20,000 records dumped one at a time took 0.3 s more).  ``known``: where the JSON of
    each record so cut is kept, and whence a step holding records in it is written
    (:func:`~.table_as_read.step_json`: an undo's step holds each record it puts back)."""
    if known and len(table) <= ADDED_AT_ONCE:
        steps = {key: step_json(record, known) for key, record in table.items()}
        if any(steps.values()):
            return [
                members(table_json({key: table[key]}))
                if written is None
                else [json.dumps({key: 0})[1:-2].encode("ascii"), written]
                for key, written in steps.items()
            ]
    if len(table) < 2:
        return [members(table_json(table))] if table else []
    text = json.dumps(table).encode("ascii")
    borders = [found.start() for found in _BORDER.finditer(text)]
    if len(borders) != len(table) - 1:
        return [members(table_json({key: record})) for key, record in table.items()]
    view = memoryview(text)
    starts = [1, *(at + 3 for at in borders)]
    ends = [*(at + 1 for at in borders), len(text) - 1]
    if known is not None:
        for key, record, start, end in zip(table, table.values(), starts, ends, strict=True):
            known[id(record)] = (record, view[start + len(key_head(key)) - 1 : end])
    return [[view[start:end]] for start, end in zip(starts, ends, strict=True)]


_BORDER = re.compile(rb'\}, "')  # one record's end and the next one's key


def _labelled(record: Record, prefixes: tuple[str, ...]) -> bool:
    label = record.get("label")
    return isinstance(label, str) and label.startswith(prefixes)


def _labelled_records(value: bytes, prefixes: tuple[str, ...]) -> Table | None:
    """The records of the table whose JSON is ``value`` labelled with one of ``prefixes``,
    each parsed alone where its label is found (None when one such label does not open its
    record, the text is not ASCII or is damaged there: the table is to be parsed whole)."""
    needles = [b'"label": ' + json.dumps(p).encode("ascii")[:-1] for p in prefixes]
    starts = sorted(at for n in needles for at in _occurrences(value, n))
    if not starts:
        return {}
    if not value.isascii():
        return None
    text = value.decode("ascii")
    decoder = json.JSONDecoder()
    found: Table = {}
    for at in starts:
        key_end = at - 4  # the key's closing quote: '"ID": {' before the label
        if at < 6 or text[key_end:at] != '": {':
            return None
        key_start = text.rfind('"', 0, key_end)
        if key_start < 0 or text[key_start - 1 : key_start] not in ("{", " "):
            return None
        try:
            record, _ = decoder.raw_decode(text, at - 1)
            doc_id = json.loads(text[key_start : key_end + 1])
        except json.JSONDecodeError:
            return None
        if not isinstance(record, dict) or not isinstance(doc_id, str):
            return None
        found[doc_id] = record
    return found


# A record of a table of flat records as the store writes it: its key (a TinyDB id) and the
# brace opening it, at the line's start or after the record before
_FIRST_RECORD = re.compile(rb'\{"([0-9]+)": \{')
_NEXT_RECORD = re.compile(rb'\}, "([0-9]+)": \{')


def _record_places(value: bytes | memoryview) -> dict[str, tuple[int, int]] | None:
    """Where each record of the table whose JSON is ``value`` lies, its key's quote to after
    its brace, when it is laid out as the store writes a table of flat records (the
    annotations', the memos'): no ``{`` but the table's and its records' (a record holding
    an object, however spaced, or a text holding a brace: None, the table is to be parsed
    whole), so each ``}, "`` of the line ends a record (a text writes a quote ``\\"``),
    the next one's key a TinyDB id; None too when a key is there twice or the line is laid
    out otherwise.  Found by a few passes in C, no Python step per record (the 68 MB of
    100,000 annotations at load 10: 0.21 s when each record's match was looked at in
    Python, 0.17 s so; parsing them takes 0.45 s)."""
    if value == b"{}":
        return {}
    first = _FIRST_RECORD.match(value)
    if first is None or value[-2:] != b"}}":
        return None
    borders = list(map(_START, _BORDER.finditer(value)))  # every ``}, "``
    named = _NEXT_RECORD.findall(value)  # those followed by a key: each of them, or not
    if len(named) != len(borders) or _braces(value, len(named) + 2) != len(named) + 2:
        return None
    keys = b" ".join([first[1], *named]).decode("ascii").split(" ")
    starts = [1, *map(operator.add, borders, itertools.repeat(3))]
    ends = [*map(operator.add, borders, itertools.repeat(1)), len(value) - 1]
    places = dict(zip(keys, zip(starts, ends, strict=True), strict=True))
    return places if len(places) == len(keys) else None


_START = re.Match.start
_BRACE = re.compile(rb"\{")
_BRACES_AT_ONCE = 1 << 20  # the bytes whose braces are listed at once: 8 MB of list at most


def _braces(value: bytes | memoryview, most: int) -> int:
    """How many ``{`` ``value`` holds, counted up to ``most`` (past it, a larger number):
    each megabyte's listed by a pass in C, which reads the file's bytes themselves as
    :meth:`bytes.count` reads bytes (a table's line was copied out of them to be counted and
    searched: 68 MB and 0.05 s of CPU for the bench's annotations)."""
    found = 0
    for at in range(0, len(value), _BRACES_AT_ONCE):
        found += len(_BRACE.findall(value, at, at + _BRACES_AT_ONCE))
        if found > most:
            break
    return found


_PLACE_START = operator.itemgetter(1)  # (of a (key, place) pair: sorted by the place)
# Each "tags" of a line, as bytes.count finds them, and the list of codes after it when the
# store wrote one there (empty when none follows)
_TAGS_AND_LIST = re.compile(rb'"tags"(?=: (\[[^\]]*\]))?')
_HEX = frozenset(b"0123456789abcdefABCDEF")


def _code_lists(value: bytes | memoryview) -> set[bytes] | None:
    """The texts of the lists of codes in the line ``value``, each ``"tags"`` of which
    starts one and none of which is in one; None when one is not so.  Each ``"tags"`` is
    found as :meth:`bytes.count` finds them, the next looked for after its quote, its list
    with it, in one pass (it was a count and a search of the lists: 0.11 s of CPU on the
    bench's 68 MB of annotations, 0.06 s so, 5 runs at load 11)."""
    lists = set(_TAGS_AND_LIST.findall(value))
    if b"" in lists or any(b'"tags"' in text for text in lists):
        return None
    return lists


_ESCAPE = re.compile(rb"\\[/u]")  # a \/ or a \u, escapes or not


def _escapes_one_of(value: bytes | memoryview, characters: set[str]) -> bool:
    """Whether the JSON ``value`` may spell one of ``characters`` as an escape: it holds a
    ``\\/`` (escape or not), or a ``\\u`` escaping one of them (an escape when an odd run
    of backslashes ends at its ``u``; one not followed by four hex digits may be anything).
    Each found by one pass in C (the bench's 68 MB of annotations hold 2,386 ``\\u``, for a
    bullet): 0.15 s of CPU when ``\\/`` was looked for alone and each ``\\u`` found by a
    search of its own, 0.03 s so (5 runs, load 11)."""
    for found in _ESCAPE.finditer(value):
        at = found.start()
        if value[at + 1] == 0x2F:  # "/"
            return True
        run = at
        while run > 0 and value[run - 1] == 0x5C:  # the backslashes before it
            run -= 1
        if (at - run) % 2 == 0:  # (an escaped backslash, then a u, is no escape)
            hexes = value[at + 2 : at + 6]
            if len(hexes) != 4 or not all(c in _HEX for c in hexes):
                return True
            if chr(int(bytes(hexes), 16)) in characters:
                return True
    return False


def all_texts(values: list[object]) -> bool:
    """Whether each of ``values`` is exactly a text."""
    return set(map(type, values)) <= {str}


# Where a step's record starts in the history's line: its key, and the label the store writes
# first; and the key of the changes, which a step's record holds after its label, origin, time
# and count, its ``undone`` last.
_STEP_START = re.compile(rb'"(?:forgotten-)?[0-9]+": \{"label": ')
# Where the record after a step's starts: any key after a brace (a step's label is looked
# for after it): one edited by hand not laid out so (its label not first, a key that is no
# number) was read as the end of the step before it, that step's "undone" its own.
_RECORD_AFTER = re.compile(rb'\}, "(?:[^"\\]|\\.)*": \{')
_LABEL = b'"label": '

_CHANGES = b', "changes": '
_CHANGES_AT = re.compile(re.escape(_CHANGES))  # (found so in a view of the file's bytes too)
_UNDONE = b', "undone": '
# The bytes before a step's end looked at first for its "undone": its value (null, or the
# mark of its undo) and the brace after it are a few bytes
_UNDONE_TAIL = 4096


def _step_heads(
    value: bytes | memoryview,
    spans: dict[str, tuple[int, int]] | None = None,
    places: dict[str, tuple[int, int]] | None = None,
) -> Table | None:
    """Each record of the history table whose JSON is ``value``, its ``changes`` left out and
    never parsed: the text before them and the ``undone`` after them are parsed alone, the
    changes between are skipped by finding where the next step's record starts (None when a
    record is not laid out so, or is damaged there: the table is to be parsed whole).
    ``spans``: where each record's changes lie; ``places``: where each record lies, its
    key's quote to after its brace (None too when a key is there twice)."""
    found: Table = {}
    end = len(value) - 1  # the table's closing brace
    if value[:1] != b"{" or value[end:] != b"}":
        return None
    pos = 1
    if pos == end:
        return found
    while True:
        start = _STEP_START.match(value, pos)
        if start is None:
            return None
        open_at = start.end() - len(b'{"label": ')
        found_changes = _CHANGES_AT.search(value, open_at, open_at + HEAD_MOST)
        changes = -1 if found_changes is None else found_changes.start()
        after = _RECORD_AFTER.search(value, max(changes, open_at))
        record_end = after.start() if after is not None else end - 1  # the record's brace
        if changes < 0 or value[record_end : record_end + 1] != b"}":
            return None
        if after is not None and value[after.end() : after.end() + len(_LABEL)] != _LABEL:
            return None  # a record not laid out as a step, or a brace in a change: parse it
        undone = _last_found(value, _UNDONE, changes, record_end)
        try:
            key = json.loads(bytes(value[pos : open_at - 2]))
            record = json.loads(bytes(value[open_at:changes]) + b"}")
            tail = json.loads(b"{" + bytes(value[undone + 2 : record_end + 1]))
        except ValueError:
            return None
        if undone < 0 or not isinstance(record, dict) or not isinstance(tail, dict):
            return None
        if "changes" in record or set(tail) != {"undone"}:
            return None
        record.update(tail)
        found[key] = record
        if spans is not None:  # where its changes lie in ``value``
            spans[key] = (changes + len(_CHANGES), undone)
        if places is not None:
            if key in places:
                return None  # the last one counts, at the first one's place: parse it
            places[key] = (pos, record_end + 1)
        if after is None:
            return found
        pos = after.start() + len(b"}, ")


def _last_found(value: bytes | memoryview, needle: bytes, start: int, end: int) -> int:
    """``value.rfind(needle, start, end)``, for a view of the file's bytes too: the last
    :data:`_UNDONE_TAIL` bytes before ``end`` copied and looked at first, where a step's
    record holds its "undone", the whole span only when it is not there (a command's
    history of 70 MB was copied out of the file's bytes to find its steps: 0.05 s of CPU
    and 70 MB more held)."""
    tail = max(start, end - _UNDONE_TAIL)
    at = bytes(value[tail:end]).rfind(needle)
    if at >= 0:
        return tail + at
    if tail == start:
        return -1
    at = bytes(value[start:end]).rfind(needle)
    return at if at < 0 else start + at


def _entry_bound(value: bytes, most: int) -> int:
    """How many ``]`` of ``value`` no ``"`` stands just before (the count of ``]`` less that
    of ``"]``), counted up to ``most``: once it passes ``most``, that count (``most + 1``;
    0 for a ``most`` below 0).
    The ``]`` are found one by one, the byte before each looked at: a history's ``]`` lie
    hundreds of bytes apart (a passage's record, its quote, its list of tags), and two
    counts over the whole line, the second of two bytes, took 0.09-0.10 s at 70 MB."""
    found = 0
    if most < 0:
        return found
    find = value.find
    at = find(b"]")
    while at >= 0:
        if at == 0 or value[at - 1] != 0x22:  # (a '"' before it: a list of texts ends so)
            found += 1
            if found > most:
                break
        at = find(b"]", at + 1)
    return found


def _step_borders(line: memoryview) -> list[int] | None:
    """Where each record but the last of the history's ``line`` ends (its closing brace), as
    :func:`_step_heads` finds them: the line of a history parsed is written around the steps
    changed, dropped or added (a step holds objects in objects, which ``}, "`` parts too),
    rather than dumped whole (a full history, 65 MB, at each step that drops the oldest).
    None when the line is not laid out so."""
    places: dict[str, tuple[int, int]] = {}
    if _step_heads(line, places=places) is None:
        return None
    ends = sorted(end for _, end in places.values())
    return [end - 1 for end in ends[:-1]]


CHECKED_CHANGES = 1 << 22  # bytes of a step's changes parsed to check them (4 MB)
HEAD_MOST = 1 << 20  # the most a step's label, origin, time and count take before its changes


def _occurrences(data: bytes, needle: bytes) -> Iterator[int]:
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + len(needle))


# A table this long (~1,500 annotations) read by the app is frozen out of the collector's
# passes too: it lives as long as the store (until another process changes the file), and at
# 100,000 annotations the passes over its records as the collector ran again held every
# thread for 0.1-0.2 s each, a fifth of a second after another while the app started (keys
# typed meanwhile waited).  Only cycles already unreachable when it is frozen are never
# collected: once a big table is read, not once a key.
FROZEN_FROM = 1 << 20
_FROZEN_TABLES: set[str] = set()  # the names of the tables frozen so far in this process


def _collect_what_a_frozen_table_left() -> None:
    """Before the app freezes a big table read again (another process folded the file), the
    objects frozen with the one before are let go and collected: what it left that only the
    collector frees (cycles through the annotations built from it) would live on frozen, a
    database's size more each time (128 MB at 100,000 annotations).  One full pass, only when
    a table frozen before is read again."""
    gc.unfreeze()
    gc.collect()


SCAN_BYTES = 1 << 22  # read at a time by may_name_table


def may_name_table(path: Path, name: str) -> bool:
    """Whether the database file or journal at ``path`` may hold the table ``name`` (False:
    surely not), without reading the whole file into memory or parsing it: a search asks
    whether the database has memos before it opens the store (the whole file: 128 MB at
    100,000 annotations).  In a file written one table per line each table's name starts a
    line, and a newline is rare there (one per table): that is looked for; in any other
    layout, or a journal, the name anywhere.  Read a few MB at a time.  OSError as reading
    raises it."""
    quoted = json.dumps(name).encode("ascii")
    with open(path, "rb") as handle:
        head = handle.read(3)
        needle = b"\n" + quoted + b": " if head == b'{\n"' else quoted
        if needle in head:
            return True
        buffer = bytearray(SCAN_BYTES)
        overlap = len(needle) - 1  # a match across two reads lies in the last bytes and next
        kept = head[-overlap:]
        while True:
            count = handle.readinto(buffer)
            if not count:
                return False
            start = bytes(buffer[: min(count, overlap)])
            if needle in kept + start or buffer.find(needle, 0, count) >= 0:
                return True
            if count >= overlap:
                kept = bytes(buffer[count - overlap : count])
            else:
                kept = (kept + start)[-overlap:]


def named_lines(path: Path, names: set[str]) -> bytes | None:
    """A snapshot holding only the tables ``names`` of the file at ``path`` (those of them it
    has), read without the others: the file is scanned a few MB at a time for its newlines
    (one per table when written a table per line) and only the lines of those tables are
    read.  None when the file is not written a table per line (read it whole).  OSError as
    reading raises it."""
    wanted = {json.dumps(name).encode("ascii") + b": " for name in names}
    longest = max(map(len, wanted), default=0)
    with open(path, "rb") as handle:
        if handle.read(3) != b'{\n"':
            return None
        starts = [2]  # where each line starts (the first after "{\n")
        buffer = bytearray(SCAN_BYTES)
        base = 3
        while count := handle.readinto(buffer):
            at = buffer.find(b"\n", 0, count)
            while at >= 0:
                starts.append(base + at + 1)
                at = buffer.find(b"\n", at + 1, count)
            base += count
        size = base
        lines = []
        for start, after in zip(starts, [*starts[1:], size + 1], strict=True):
            end = after - 1  # the newline ending this line
            handle.seek(start)
            key = handle.read(min(longest, end - start))
            if any(key.startswith(k) for k in wanted):
                handle.seek(start)
                lines.append(handle.read(end - start).removesuffix(b","))
    return b"{\n" + b",\n".join(lines) + b"\n}" if lines else b"{}"


def _table_lines(data: bytes) -> dict[str, Table | _Unparsed] | None:
    """Each table's line when ``data`` is written one table per line, else None.  In a
    command (:data:`~tui_reader.core.store.caller.READS_LIVE_TO_EXIT`) each is a view into
    ``data``, not copied out: an export parses the annotations' line from it and never
    looks at the history's, as long (copying every line out of a database of 100,000
    annotations took 0.1 s).  The whole file's bytes then live as long as the command, as
    its copied lines would have.  Elsewhere (the app, which reads the file again each time
    another process changed it) each line is copied out, so no table left unparsed keeps
    the whole file alive."""
    view = memoryview(data) if READS_LIVE_TO_EXIT.get() else None
    end = len(data)
    while end and data[end - 1] == 0x0A:  # the newlines after the last brace
        end -= 1
    if not data.startswith(b"{\n") or data[end - 2 : end] != b"\n}":
        return None
    end -= 2  # the last table's line ends here
    found: dict[str, Table | _Unparsed] = {}
    pos, number = 2, 2
    while pos < end:
        nl = data.find(b"\n", pos, end)
        last = nl < 0
        stop = end if last else nl
        value_end = stop if last else stop - 1  # before the comma
        key = _KEY.match(data, pos, stop)
        if (
            key is None
            or (not last and data[stop - 1 : stop] != b",")
            or data[key.end() : key.end() + 1] != b"{"
            or data[value_end - 1 : value_end] != b"}"
        ):
            return None
        try:
            name = json.loads(data[pos : key.end() - 2])
        except ValueError:
            return None
        if name in found:
            return None  # a name twice: the whole file's parse says which one counts
        line = data if view is None else view
        found[name] = _Unparsed(number, line[key.end() : value_end])
        pos, number = stop + 1, number + 1
    return found


WRITTEN_AT_ONCE = 1000  # records a table's JSON is written with at a time (see table_json)


def table_json(table: Table) -> list[bytes]:
    """``json.dumps(table)``, the same bytes, in parts of :data:`WRITTEN_AT_ONCE` records
    each: one call over 100,000 records held the interpreter for seconds on a busy machine,
    so a fold in a worker kept the app from answering a key all that while; between parts,
    other threads run, the main one alone while it is busy (:mod:`~tui_reader.core.giving_way`:
    the app's keys answered before the fold goes on).  Nothing is made per record that
    outlives its part (100,000 pairs listed at once set off a full collection of the app's
    objects), and the parts are never joined (written one after the other)."""
    if len(table) <= WRITTEN_AT_ONCE:
        return [json.dumps(table).encode("ascii")]
    records = iter(table.items())
    parts = [b"{"]
    while part := dict(itertools.islice(records, WRITTEN_AT_ONCE)):
        if len(parts) > 1:
            parts.append(b", ")
            give_way()  # (in a worker: the app's keys answered first)
        parts.append(json.dumps(part)[1:-1].encode("ascii"))
    parts.append(b"}")
    return parts
