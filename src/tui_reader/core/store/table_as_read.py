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
from collections.abc import Callable
from itertools import compress, islice, repeat
from operator import is_, not_

from tui_reader.core.store.journal_lines import Record

Table = dict[str, Record]
Dump = Callable[[Table], list[bytes]]  # a table's JSON in parts (snapshot.table_json)
# Where each record of a line but the last ends, found another way (snapshot._step_borders)
Borders = Callable[[memoryview], list[int] | None]

_BORDER = re.compile(rb'\}, "')  # one record's end and the next one's key
_START = re.Match.start


class TableAsRead:
    """The line a table was parsed from and its records as they were then, in its order."""

    __slots__ = ("keys", "line", "table", "values")

    def __init__(self, line: bytes | memoryview, table: Table) -> None:
        self.line = line  # the table's JSON as read (a view into the file's bytes)
        self.table = table  # the very mapping parsed from it
        self.keys = list(table)
        self.values = list(table.values())

    def written(
        self, table: Table, dump: Dump, find_borders: Borders | None = None
    ) -> list[bytes | memoryview] | None:
        """``table``'s JSON in parts, the same bytes as ``dump`` of it whole: each run of
        records still there as they were read (the very objects: a change replaces a record,
        never edits one) the line's own bytes, the others dumped.  None when the line cannot
        be cut so (the caller dumps the table whole): the records are not where the line's
        borders say, or one was deleted and put back (it is written last).  ``find_borders``:
        where the records end when ``}, "`` does not say it (the history's steps hold
        objects in objects), taken when it finds one place less than there are records."""
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
            return [line[:-1], b", ", *members(dump(added)), b"}"]
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
            if not gone[i]:
                replaced[keys[i]] = table[keys[i]]
            position = i + 1
        if replaced:
            groups.append(members(dump(replaced)))
        if position < count:
            if not _key_at(line, start(position), keys[position]):
                return None
            groups.append([line[start(position) : end(count - 1)]])
        if added:
            groups.append(members(dump(added)))
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
    written = key.encode() if key.isdecimal() and key.isascii() else json.dumps(key)[1:-1].encode()
    head = b'"%s": {' % written
    return line[start : start + len(head)] == head


def members(parts: list[bytes]) -> list[bytes | memoryview]:
    """The parts of a table's JSON without its braces."""
    if len(parts) == 1:
        return [parts[0][1:-1]]
    return [parts[0][1:], *parts[1:-1], parts[-1][:-1]]
