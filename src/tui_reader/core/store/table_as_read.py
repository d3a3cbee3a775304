"""A table a command parsed, kept beside the line it was read from, so that a fold writes
the records it did not change as the line's own bytes and dumps only the others.

The store writes a table as one ``json.dumps`` of it: ``{"1": {...}, "2": {...}}``, each
record an object, the members parted by ``", "``.  A JSON string holds no raw ``"`` (it is
written ``\\"``), so ``}, "`` never falls inside one: in such a line it is found where one
record ends and the next begins, or inside a record that holds an object beside another
member.  When it is found exactly once less often than there are records, each is a border
between two records, and the records' places in the line are known from one search in C
(0.04 s over the 68 MB of 100,000 annotations, where dumping them again took 0.7 s).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, MutableMapping
from itertools import compress, islice, repeat
from operator import is_, not_

from tui_reader.core.store.journal_lines import Record

Table = dict[str, Record]
Dump = Callable[[Table], list[bytes]]  # a table's JSON in parts (snapshot.table_json)
# Where each record of a line but the last ends, found another way (snapshot._step_borders)
Borders = Callable[[memoryview], list[int] | None]

_BORDER = re.compile(rb'\}, "')  # one record's end and the next one's key
_START = re.Match.start

# The JSON of records a fold has written, by the record's id (the record kept beside it, so
# no other object takes its id meanwhile): a step holding them writes these bytes again
# (see step_json).
Known = MutableMapping[int, tuple[Record, bytes | memoryview]]


class TableAsRead:
    """The line a table was parsed from and its records as they were then, in its order."""

    __slots__ = ("keys", "line", "table", "values")

    def __init__(self, line: bytes | memoryview, table: Table) -> None:
        self.line = line  # the table's JSON as read (a view into the file's bytes)
        self.table = table  # the very mapping parsed from it
        self.keys = list(table)
        self.values = list(table.values())

    def written(
        self,
        table: Table,
        dump: Dump,
        find_borders: Borders | None = None,
        known: Known | None = None,
    ) -> list[bytes | memoryview] | None:
        """``table``'s JSON in parts, the same bytes as ``dump`` of it whole: each run of
        records still there as they were read (the very objects: a change replaces a record,
        never edits one) the line's own bytes, the others dumped.  None when the line cannot
        be cut so (the caller dumps the table whole): the records are not where the line's
        borders say, or one was deleted and put back (it is written last).  ``find_borders``:
        where the records end when ``}, "`` does not say it (the history's steps hold
        objects in objects), taken when it finds one place less than there are records.
        ``known``: where the JSON of each record replaced, as read and as written, is kept
        (see :func:`step_json`); the records replaced are then dumped one at a time (as
        fast as in runs: 20,004 of them, 0.13 s either way), each cut from its dump."""
        if table is not self.table:
            return None
        # Cut as a view: the records kept are written from the line's own bytes, never
        # copied (a copy of the whole line and of each run kept: two of 68 MB per fold).
        line = memoryview(self.line)
        keys, values = self.keys, self.values
        count = len(keys)
        now = list(map(table.get, keys))
        kept = list(map(is_, now, values))
        gone = list(map(is_, now, repeat(None, count)))
        present = list(compress(keys, map(not_, gone))) if any(gone) else keys
        if list(islice(table, len(present))) != present:
            return None  # a record deleted and put back: now after the others
        added = dict(islice(table.items(), len(present), None))
        if all(kept):  # only added to: the line as it was, the new records after it
            if not added:
                return [line]
            return [line[:-1], b", ", *added_json(added, dump, known), b"}"]
        borders = _borders(line, count)
        if borders is None and find_borders is not None:
            borders = find_borders(line)
            if borders is not None and len(borders) != count - 1:
                borders = None
        if borders is None:
            return None

        def start(i: int) -> int:  # where record i's key starts in the line
            return borders[i - 1] + 3 if i else 1

        def end(i: int) -> int:  # just after record i's closing brace
            return borders[i] + 1 if i < count - 1 else len(line) - 1

        groups: list[list[bytes | memoryview]] = []
        replaced: Table = {}  # records replaced in a row, dumped together
        position = 0  # the first record of the line not written yet
        for i in compress(range(count), map(not_, kept)):  # each one gone or replaced
            if i > position:  # records position..i-1 as read: the line's bytes
                # cut where the line's borders say, each cut checked to fall before a key
                if not _key_at(line, start(position), keys[position]):
                    return None
                if not _key_at(line, start(i), keys[i]):
                    return None
                if replaced:
                    groups.append(members(dump(replaced)))
                    replaced = {}
                groups.append([line[start(position) : end(i - 1)]])
            if known is not None:
                head = key_head(keys[i])
                if line[start(i) : start(i) + len(head)] == head:  # as read: its own bytes
                    known[id(values[i])] = (values[i], line[start(i) + len(head) - 1 : end(i)])
                if not gone[i]:  # dumped alone, its JSON cut from the table's
                    record = table[keys[i]]
                    (member,) = members(dump({keys[i]: record}))
                    known[id(record)] = (record, member[len(head) - 1 :])
                    groups.append([member])
            elif not gone[i]:
                replaced[keys[i]] = table[keys[i]]
            position = i + 1
        if replaced:
            groups.append(members(dump(replaced)))
        if position < count:
            if not _key_at(line, start(position), keys[position]):
                return None
            groups.append([line[start(position) : end(count - 1)]])
        if added:
            groups.append(added_json(added, dump, known))
        if not groups:
            return [b"{}"]
        parts: list[bytes | memoryview] = [b"{"]
        for group in groups:
            if len(parts) > 1:
                parts.append(b", ")
            parts += group
        parts.append(b"}")
        return parts


def _borders(line: memoryview, count: int) -> list[int] | None:
    """Where each of the ``count`` records of ``line`` but the last ends (its closing brace,
    the next one's key 3 bytes on); None when ``}, "`` is not found exactly between each two
    of them."""
    if count < 1 or bytes(line[:2]) != b'{"' or bytes(line[-2:]) != b"}}":
        return None
    borders = list(map(_START, _BORDER.finditer(line)))
    if len(borders) != count - 1:
        return None  # a record holds an object beside another member, or a layout of its own
    return borders


def _key_at(line: memoryview, start: int, key: str) -> bool:
    """Whether the record ``key`` starts at ``start`` of ``line``, as a dump writes it."""
    head = key_head(key)
    return line[start : start + len(head)] == head


def key_head(key: str) -> bytes:
    """How a dump of a table writes the start of its record ``key``: ``"KEY": {``."""
    written = key.encode() if key.isdecimal() and key.isascii() else json.dumps(key)[1:-1].encode()
    return b'"%s": {' % written


ADDED_AT_ONCE = 1000  # records added written at once by added_json (snapshot.table_json's)


def added_json(added: Table, dump: Dump, known: Known | None) -> list[bytes | memoryview]:
    """The members of ``dump(added)``, the records added to a table: each step among them
    whose records ``known`` has the JSON of written from it (:func:`step_json`), when they
    are a few (no part of the dump given way between: see snapshot.table_json)."""
    if not known or len(added) > ADDED_AT_ONCE:
        return members(dump(added))
    steps = {key: step_json(record, known) for key, record in added.items()}
    if not any(steps.values()):
        return members(dump(added))
    parts: list[bytes | memoryview] = []
    for key, written in steps.items():
        if parts:
            parts.append(b", ")
        if written is None:
            parts += members(dump({key: added[key]}))
        else:
            parts += (json.dumps({key: 0})[1:-2].encode("ascii"), written)
    return parts


def step_json(step: Record, known: Known) -> bytes | None:
    """``json.dumps(step)``, the same bytes, when ``step`` is a history step whose changes
    (a list of ``[table, key, record, record]`` entries) hold records ``known`` has the JSON
    of: those bytes written again, each other record dumped.  A coder renamed on 20,004
    passages wrote its step (27 MB: each record as it was and as it is) with one dump of
    it, 0.29 s of CPU, after the fold had written each of those records in the annotations'
    line (as read, as dumped).  None when ``step`` is no such step, or none of its records
    is known (the caller dumps it)."""
    changes = step.get("changes")
    if type(changes) is not list or not changes:
        return None
    fields = list(step)
    at = fields.index("changes")
    parts: list[bytes | memoryview] = [b"{"]
    if at:
        head = json.dumps({name: step[name] for name in fields[:at]})
        parts.append(b"%s, " % head[1:-1].encode("ascii"))
    parts.append(b'"changes": [')
    names: dict[str, bytes] = {}
    found_any = False
    for n, entry in enumerate(changes):
        if type(entry) is not list or len(entry) != 4:
            return None
        table, key, *records = entry
        if type(table) is not str or type(key) is not str:
            return None
        name = names.get(table)
        if name is None:
            name = names[table] = json.dumps(table).encode("ascii")
        written = b'"%s"' % key.encode() if key.isdecimal() and key.isascii() else None
        if written is None:
            written = json.dumps(key).encode("ascii")
        parts.append(b"%s[%s, %s" % (b", " if n else b"", name, written))
        for record in records:
            found = known.get(id(record))
            if record is None:
                parts.append(b", null")
            elif found is not None and found[0] is record:
                parts += (b", ", found[1])
                found_any = True
            else:
                parts.append(b", %s" % json.dumps(record).encode("ascii"))
        parts.append(b"]")
    parts.append(b"]")
    if not found_any:
        return None
    rest = {name: step[name] for name in fields[at + 1 :]}
    if rest:
        parts.append(b", %s" % json.dumps(rest)[1:-1].encode("ascii"))
    parts.append(b"}")
    return b"".join(parts)


def members(parts: list[bytes]) -> list[bytes | memoryview]:
    """The parts of a table's JSON without its braces."""
    if len(parts) == 1:
        return [parts[0][1:-1]]
    return [parts[0][1:], *parts[1:-1], parts[-1][:-1]]
