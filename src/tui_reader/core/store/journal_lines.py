"""What the journal holds: tables of records, changes to them, and a change set as one line
(``crc32-hex SPACE json NEWLINE``, the JSON compact, in UTF-8) that a torn write cannot pass
off as whole."""

from __future__ import annotations

import codecs
import json
import os
import zlib
from collections.abc import Collection, Iterable, Mapping, MutableMapping, Sequence
from itertools import chain, compress, repeat
from operator import is_, is_not
from pathlib import Path
from typing import Any

from tui_reader.core.collector import collector_paused
from tui_reader.core.errors import StoreError
from tui_reader.core.exact_json import json_loads

Record = dict[str, Any]
# The tables of a database: a dict, or the store's SnapshotTables (each parsed when first used).
Tables = MutableMapping[str, dict[str, Record]]
# One change: (table, doc_id, document); document None deletes it.  doc_id None addresses the
# table itself: document None drops the table, {} creates it when missing.
Change = tuple[str, str | None, Record | None]


def encode_line(changes: Sequence[Change]) -> bytes:
    """One journal line: ``crc32-hex SPACE json NEWLINE``."""
    return b"".join(line_parts(changes))


def line_parts(
    changes: Sequence[Change], plain: Collection[Record] = ()
) -> tuple[bytes, bytes, bytes]:
    """:func:`encode_line`'s line in the three parts it is written in (``crc32-hex SPACE``,
    the JSON, the newline): joined, an autocode's 100 MB line was one more copy of it.
    ``plain``: records of the changes known to be plain (see :func:`changes_json`)."""
    payload = changes_json(changes, plain)
    return b"%08x " % zlib.crc32(payload), payload, b"\n"


# What orjson writes as json.dumps reads it back: any other type (a float, which orjson
# writes ``null`` when it is no number, NaN or infinite; a subclass of str or int) sends the
# changes to json.dumps.
_PLAIN = frozenset({str, int, bool, type(None), dict, list, tuple})


def changes_json(changes: Sequence[Change], plain: Collection[Record] = ()) -> bytes:
    """The JSON of a journal line: compact, UTF-8.  Written by orjson (a code renamed on
    20,000 passages is a line of 40 MB, each record in it three times: 0.46 s of CPU by
    ``json.dumps``, 0.09 s by orjson) when every value is of :data:`_PLAIN` types and
    orjson takes them (an integer beyond 64 bits, a lone surrogate, a key that is no text
    or a value nested too deeply it refuses); else by ``json.dumps`` as before, in ASCII.
    Either reads back as the same changes: ``json.loads`` reads the line's bytes as UTF-8,
    in this version and the earlier ones.  ``plain``: records the caller checked to hold
    only those types, field by field (an annotation's as the store writes it, which a coder
    renamed checks), not looked at again wherever the changes hold them (the 20,004
    records a coder renamed on, each twice more in its step: 0.18 s of 0.2 s)."""
    known = {id(record): record for record in plain}
    if _only_plain(changes, known):
        import orjson

        try:
            return orjson.dumps(changes)
        except TypeError:  # (orjson.JSONEncodeError)
            pass
    return json.dumps(changes, separators=(",", ":")).encode("ascii")


def _only_plain(value: object, known: Mapping[int, object] | None = None) -> bool:
    """Whether ``value`` and everything in it is of exactly one of :data:`_PLAIN` types:
    looked at a level at a time, each level's values in passes in C (the 60,000 records of
    a line of 40 MB: 0.14 s).  Each dict is looked at once, however often the changes hold
    it (a step holds the very records its changes put: the 20,004 records an undo of a
    coder renamed puts back, each again in its step, were looked at twice).  ``known``:
    dicts known to be so, by their ``id`` (the map holds them, so no other object takes one
    of those ids meanwhile), passed over."""
    seen: dict[int, object] = dict(known) if known else {}  # (holds each: its id is its own)
    level = [value]
    while level:
        kinds = set(map(type, level))
        if not kinds <= _PLAIN:
            return False
        nested: list[Iterable[object]] = []
        if dict in kinds:
            listed = list(compress(level, map(is_, map(type, level), repeat(dict))))
            if seen:  # (each found in C: the map's value for its id is it)
                listed = list(compress(listed, map(is_not, map(seen.get, map(id, listed)), listed)))
            # (a dict held twice in one level: looked at once)
            fresh = dict(zip(map(id, listed), listed, strict=True))
            seen.update(fresh)
            nested.append(chain.from_iterable(map(dict.values, fresh.values())))  # type: ignore[arg-type]
        for kind in (list, tuple):
            if kind in kinds:
                nested.append(
                    chain.from_iterable(compress(level, map(is_, map(type, level), repeat(kind))))  # type: ignore[arg-type]
                )
        level = list(chain.from_iterable(nested))
    return True


def decode_line(line: bytes) -> list[Change] | None:
    """The changes of one complete journal line, or ``None`` when it is torn or damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:].rstrip(b"\n")
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        raw = json_loads(payload)  # nested too deeply: damaged, as any other
    except ValueError:
        return None
    if not isinstance(raw, list) or not all(map(_is_change, raw)):
        return None  # not changes (a line written by hand, or by another program): damaged
    return [(c[0], c[1], c[2]) for c in raw]


def _is_change(value: Any) -> bool:
    """Whether ``value`` is a :data:`Change` as JSON holds it: ``[table, doc_id, document]``."""
    return (
        type(value) is list
        and len(value) == 3
        and type(value[0]) is str
        and (value[1] is None or type(value[1]) is str)
        and (value[2] is None or type(value[2]) is dict)
    )


def parse_snapshot(data: bytes, path: Path) -> dict[str, dict[str, Record]]:
    """The tables of a TinyDB JSON file; :class:`StoreError` naming the file when it is not one."""
    if not data.strip():
        return {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = data.file_byte(exc.start) if isinstance(data, BlankGap) else exc.start
        raise StoreError(f"{path}: not a text file ({exc.reason} at byte {at})") from exc
    try:
        raw = _parsed(text)
    except json.JSONDecodeError as exc:
        if isinstance(data, BlankEnd) and exc.pos == len(text):
            exc.lineno, exc.colno = data.end_place(exc.lineno, exc.colno)
        elif isinstance(data, BlankGap):
            exc.lineno, exc.colno = data.file_place(text, exc.pos, exc.lineno, exc.colno)
        begins = text.lstrip()[:24]
        if exc.pos == len(text) - len(text.lstrip()) and begins[:1] not in ("{", "[", "\x00"):
            # text that never was JSON (notes, a command's output sent into it with '>', a
            # document named as --db): it was "damaged JSON (Expecting value at line 1,
            # column 1)", as though the database had been broken
            raise StoreError(
                f"{path}: not a tui-reader database: it holds text, no JSON (it begins "
                f"{begins!r}); the file was left as it is"
            ) from exc
        raise StoreError(
            f"{path}: damaged JSON ({json_problem(exc)} at line {exc.lineno}, column "
            f"{exc.colno}); "
            "the file was left as it is"
        ) from exc
    if not isinstance(raw, dict):
        raise StoreError(f"{path}: not a TinyDB database (top level is not an object)")
    for name, table in raw.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise StoreError(f"{path}: not a TinyDB database ({not_an_object(name, table)})")
    return raw


HEAD_BYTES = 65_536
"""How much of a database file :func:`refusing_start` is given."""

_JSON_STARTS = frozenset(b'{["-0123456789tfn')


def refusing_start(head: bytes) -> bytes | None:
    """The start of a file, ``head`` its first bytes, to read in place of the whole file
    when its first character already says it is no JSON, else None.  A 2 GB sparse file of
    NUL bytes named as the database was read whole and decoded (4.2 GB resident) to say
    so.  The decoder stops at that character, so the start gives the message the whole
    file gives.  A head starting with JSON, a byte order mark, any byte beyond ASCII, or
    nothing but blanks is left to the whole read."""
    body = head.lstrip(b" \t\r\n")
    if not body or body[0] >= 0x80 or body[0] in _JSON_STARTS:
        return None
    return _whole_characters(head)


_MARKS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_AFTER_NUL = 128  # bytes of the head after its NUL byte: the decoder's view past it, 24 characters


def nul_start(head: bytes, tail: bytes) -> bytes | None:
    """The start of a file, ``head`` its first bytes and ``tail`` its last, to read in place
    of the whole file when a NUL byte in the head already says it is no JSON, else None.
    ``{`` and then 512 MB of NUL bytes named as the database was read and decoded whole
    (1.07 GB resident) to say so.  No JSON text holds a NUL byte (in a string it is
    escaped), so the decoder stops at the first one at the latest, and the start gives the
    message the whole file gives.  Left to the whole read: a head with a byte order mark
    (UTF-16 holds NUL bytes), a NUL byte near the head's end, and a file laid out a table
    per line (``{`` and ``}`` on lines of their own), each table's line parsed when first
    used, so a NUL byte in one table leaves the others readable as before."""
    at = head.find(b"\x00")
    if at < 0 or at > HEAD_BYTES - _AFTER_NUL or head.startswith(_MARKS):
        return None
    if head.startswith(b"{\n") and tail.rstrip(b"\n")[-2:] in (b"\n}", b""):
        return None
    return _whole_characters(head)


def damaged_start(fd: int) -> bytes | None:
    """The start of the database file open as ``fd`` to parse in place of the whole file
    (:func:`refusing_start`, :func:`nul_start`, :func:`blank_end`), or None: read it whole."""
    head = os.pread(fd, HEAD_BYTES, 0)
    start = refusing_start(head)
    if start is None and len(head) == HEAD_BYTES:  # (shorter: the head is the whole file)
        size = os.fstat(fd).st_size
        start = nul_start(head, os.pread(fd, HEAD_BYTES, max(size - HEAD_BYTES, 0)))
        if start is None:
            start = blank_end(fd, head)
        if start is None:
            start = far_blank_run(fd, head, size)
    return start


_BLANKS = b" \t\r\n"
_BLANK_CHUNK = 1024 * 1024  # bytes of a file's blank end read at a time


class BlankEnd(bytes):
    """A database file's bytes before the blanks it ends in, a long run of them that
    :func:`blank_end` did not keep: the place of the file's end, where the decoder stops
    when the text before them is not whole, is told by :meth:`end_place`."""

    newlines: int  # the newlines of the blanks left out
    last_line: int  # the characters of their last line (all of them: none is a newline)

    def end_place(self, line: int, column: int) -> tuple[int, int]:
        """The line and column of the file's end, ``line`` and ``column`` those of the end
        of these bytes."""
        if self.newlines:
            return line + self.newlines, self.last_line + 1
        return line, column + self.last_line


class BlankGap(bytes):
    """A database file's bytes with a long run of blanks that :func:`blank_end` found
    between its start and the rest written as one space: the same JSON text to the
    decoder, the run being outside any string.  The place of a fault after the run, in
    the file, is told by :meth:`file_place`."""

    at: int  # the character standing for the run (its index in the decoded text)
    at_byte: int  # and in these bytes
    length: int  # the run's bytes (all ASCII: as many characters)
    newlines: int  # its newlines
    last_line: int  # the characters after its last newline (all of them when it has none)

    def file_place(self, text: str, pos: int, line: int, column: int) -> tuple[int, int]:
        """The line and column in the file of the fault at ``pos`` in ``text`` (these bytes
        decoded), ``line`` and ``column`` its place in ``text``."""
        if pos <= self.at:
            return line, column
        if text.find("\n", self.at + 1, pos) >= 0:
            return line + self.newlines, column
        if self.newlines:
            return line + self.newlines, self.last_line + pos - self.at
        return line, column + self.length - 1

    def file_byte(self, at: int) -> int:
        """The offset in the file of the byte at ``at`` in these bytes."""
        return at if at <= self.at_byte else at + self.length - 1


def blank_end(fd: int, head: bytes) -> BlankEnd | BlankGap | None:
    """The start of the database file open as ``fd`` (``head`` its first bytes) to parse in
    place of the whole file when all it holds after that start is blanks: the JSON text, or
    what of it there is, ends there, and a long file is no more to read.  ``{`` and then
    512 MB of spaces named as the database was read and decoded whole (1.07 GB resident) to
    say it was damaged JSON at its end.  Read a chunk at a time to see they are blanks.
    When something follows them, the start and what follows with one space between
    (:class:`BlankGap`): ``{``, 512 MB of spaces and ``x`` was read whole.  None when the
    head ends in no blank, or the run starts inside a string (its spaces are the string's;
    but see :func:`_read_around`)."""
    start = len(head.rstrip(_BLANKS))
    if start == len(head) or head.startswith(_MARKS):
        return None
    newlines = head.count(b"\n", start)
    last = len(head) - (head.rfind(b"\n", start) + 1 if newlines else start)
    mixed = bool(head[start:].translate(None, b" "))
    found = _blanks_from(fd, len(head), newlines, last, mixed)
    return _read_around(fd, head[:start], found)


_Run = tuple[int, int, int, bool, bool]


def _blanks_from(fd: int, pos: int, newlines: int, last: int, mixed: bool) -> _Run:
    """Where the run of blanks at ``pos`` in the file open as ``fd`` ends, with its newlines
    and the characters of its last line (``newlines`` and ``last`` those of the run before
    ``pos``), whether something follows it, and whether it holds a blank other than a
    space (``mixed``: the run before ``pos`` did).  Read a chunk at a time."""
    while chunk := os.pread(fd, _BLANK_CHUNK, pos):
        other = chunk.translate(None, _BLANKS)  # (strip takes seven times as long)
        if other:
            chunk = chunk[: chunk.index(other[:1])]
        pos += len(chunk)
        count = chunk.count(b"\n")
        if count:
            newlines += count
            last = len(chunk) - chunk.rfind(b"\n") - 1
        else:
            last += len(chunk)
        mixed = mixed or bool(count) or bool(chunk.translate(None, b" "))
        if other:
            return pos, newlines, last, True, mixed
    return pos, newlines, last, False, mixed


def _read_around(fd: int, start: bytes, run: _Run) -> BlankEnd | BlankGap | None:
    """The file open as ``fd`` read as ``start``, the run of blanks after it (``run``, see
    :func:`_blanks_from`) as one space and what follows it, or None: read it whole.  A run
    inside a string is the string's: read so only when it is of spaces alone, at least
    :data:`FAR_RUN` long, the bytes around it at most :data:`_TRIED_MOST`, and the text so
    read is no JSON (a note of 64 MB of spaces in a file damaged anyway was read whole).
    One space in the string in place of the run leaves every token as it was, so the
    decoder stops at the same place; a database whose note holds such a run parses, and is
    read whole.  A run inside a string that holds a tab or a line break is read up to the
    first of them (:func:`_to_first_control`): no valid file holds one there."""
    pos, newlines, last, followed, mixed = run
    inside = _string_at_end(start)
    if inside is False:
        return _run_read(fd, start, pos, newlines, last, followed)
    if inside is None:
        return None
    if mixed:
        return _to_first_control(fd, start, pos)
    if pos - len(start) < FAR_RUN:
        return None
    if len(start) + os.fstat(fd).st_size - pos > _TRIED_MOST:
        return None  # (a large database parsed twice, every table, when it is valid)
    found = _run_read(fd, start, pos, newlines, last, followed)
    try:
        _parsed(found.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return found
    except ValueError:
        return None  # (none known: left to the whole read)
    return None  # valid: the string is a note's, of spaces, and read with them


def _to_first_control(fd: int, start: bytes, pos: int) -> BlankEnd | BlankGap:
    """The file open as ``fd`` read as ``start`` (which ends inside a string), the spaces of
    the run of blanks after it (up to ``pos``) as one space, and the run's first tab, carriage
    return or line feed, where the decoder stops: a string holds none of them as it is
    (JSON writes ``\\t``, ``\\n``), so the file is damaged there whatever follows.  ``{"t": "x``,
    a run of 64 MB of spaces and a line break in it, and the rest, was read and decoded
    whole to say so."""
    at = len(start)
    while at < pos:
        chunk = os.pread(fd, min(_BLANK_CHUNK, pos - at), at)
        spaces = len(chunk) - len(chunk.lstrip(b" "))
        at += spaces
        if spaces < len(chunk) or not chunk:
            break
    control = os.pread(fd, 1, at)
    if at == len(start):
        end = BlankEnd(start + control)
        end.newlines, end.last_line = 0, 0
        return end
    found = BlankGap(start + b" " + control)
    found.at_byte = len(start)
    found.at = len(start.decode("utf-8", "replace"))
    found.length = at - len(start)
    found.newlines, found.last_line = 0, found.length
    return found


def _run_read(
    fd: int, start: bytes, pos: int, newlines: int, last: int, followed: bool
) -> BlankEnd | BlankGap:
    """The file open as ``fd`` read as ``start``, the run of blanks after it (up to
    ``pos``) and what follows it (see :func:`_blanks_from`)."""
    if followed:
        return _gap(fd, start, pos, newlines, last)
    found = BlankEnd(start)
    found.newlines, found.last_line = newlines, last
    return found


FAR_RUN = 1024 * 1024
"""Blanks past a database file's first bytes in a run this long are read as one space
(:func:`far_blank_run`)."""
_PROBE = 4096  # bytes read every FAR_RUN bytes to find such a run
# The most bytes around a run in a string parsed to see whether they are JSON (a valid
# file is then read whole: its run is a note's).
_TRIED_MOST = 16 * 1024 * 1024


def far_blank_run(fd: int, head: bytes, size: int) -> BlankEnd | BlankGap | None:
    """The database file open as ``fd`` (``size`` bytes, ``head`` the first) to parse in
    place of the whole file when a run of blanks at least :data:`FAR_RUN` long, outside a
    string, begins past the bytes :func:`blank_end` looks at: 100 KB of JSON, 512 MB of
    spaces and ``x`` was read and decoded whole.  Found by reading :data:`_PROBE` bytes
    every :data:`FAR_RUN` (a few hundred reads of a large database), each wholly blank
    within such a run.  None
    when there is none, or it begins inside a string (its spaces are the string's; but see
    :func:`_read_around`), or the file begins with a byte order mark (read whole, as
    :func:`blank_end` leaves it)."""
    if head.startswith(_MARKS):
        return None
    for probe in range(FAR_RUN, size - _PROBE + 1, FAR_RUN):
        if os.pread(fd, _PROBE, probe).translate(None, _BLANKS):
            continue
        begin = _run_begins(fd, probe)
        found = _blanks_from(fd, begin, 0, 0, False)
        if found[0] - begin < FAR_RUN:
            continue  # a short run (spaces in a note): the probes go on past it
        start = os.pread(fd, begin, 0)
        return None if len(start) != begin else _read_around(fd, start, found)
    return None


def _run_begins(fd: int, pos: int) -> int:
    """Where the run of blanks holding the byte at ``pos`` of the file open as ``fd``
    begins (about :data:`FAR_RUN` bytes back at most: the probe before it found none)."""
    while pos > 0:
        at = max(pos - _BLANK_CHUNK, 0)
        kept = os.pread(fd, pos - at, at).rstrip(_BLANKS)
        if kept:
            return at + len(kept)
        pos = at
    return 0


def _string_at_end(start: bytes) -> bool | None:
    """Whether the JSON text ``start`` ends inside a string (the decoder says so), None
    when that is not told (not UTF-8, nested too deeply: left to the whole read)."""
    try:
        json.loads(start.decode("utf-8"))
    except json.JSONDecodeError as exc:
        return exc.msg.startswith("Unterminated string")
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return False


def _gap(fd: int, start: bytes, pos: int, newlines: int, last: int) -> BlankGap:
    """:class:`BlankGap` of the file open as ``fd``: ``start``, a space, its bytes from
    ``pos`` on; the run between them ``pos - len(start)`` bytes, its newlines and the
    characters of its last line ``newlines`` and ``last``."""
    parts = [start, b" "]
    at = pos
    while part := os.pread(fd, _BLANK_CHUNK, at):
        parts.append(part)
        at += len(part)
    found = BlankGap(b"".join(parts))
    found.at_byte = len(start)
    found.at = len(start.decode("utf-8", "replace"))
    found.length = pos - len(start)
    found.newlines, found.last_line = newlines, last
    return found


def _whole_characters(head: bytes) -> bytes:
    """``head`` without a last character cut (the decoder would call it damaged there)."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head).encode("utf-8")
    except UnicodeDecodeError:  # a byte no UTF-8 in the head: the whole file stops there too
        return head


def not_an_object(name: str, table: object) -> str:
    """What is not an object in the table ``name``: the table, or the first of its records
    that is not (it was "table 'memos' is not an object" of a table holding one record
    edited by hand into a text, which sent the user looking at the wrong thing)."""
    if isinstance(table, dict):
        for key, record in table.items():
            if not isinstance(record, dict):
                return f"record {key} of table {name!r} is not an object"
    return f"table {name!r} is not an object"


def json_problem(exc: json.JSONDecodeError) -> str:
    """What the decoder found wrong, its "at" said once: "Unterminated string starting at"
    read "starting at at line 3" before the place."""
    return exc.msg.removesuffix(" at")


def _parsed(text: str) -> Any:
    """``json.loads`` with the cyclic collector paused: parsing a database makes millions of
    containers and no cycle, which the collector would walk again and again meanwhile (a
    200 MB database: about 0.5 s CPU).  Reference counting frees them as ever."""
    with collector_paused():
        return json_loads(text)  # nested too deeply: damaged JSON


def apply_changes(tables: Tables, changes: Sequence[Change]) -> None:
    for table, doc_id, doc in changes:
        if doc_id is None:
            if doc is None:
                tables.pop(table, None)
            else:
                tables.setdefault(table, {})
        elif doc is None:
            tables.get(table, {}).pop(doc_id, None)
        else:
            tables.setdefault(table, {})[doc_id] = doc


def valid_prefix(raw: bytes) -> tuple[list[Change], int, bool]:
    """The changes of the complete, valid lines at the start of ``raw`` (a journal's bytes
    from a line start), how many bytes they take, and whether a damaged line stopped them.
    A torn last line (no newline: never acknowledged) just ends them.  :class:`ValueError`
    when a damaged line is followed by valid ones (not a damaged tail: the files are left
    as they are).  A record put again, neither it deleted nor its table changed between,
    is put once, with what it was put last, where it was put first (:func:`_put`)."""
    changes: list[Change] = []
    put_at: dict[str, dict[str, int]] = {}
    pos = 0
    while pos < len(raw):
        nl = raw.find(b"\n", pos)
        if nl < 0:
            break  # a torn, unacknowledged last line
        decoded = decode_line(raw[pos : nl + 1])
        if decoded is None:
            if _valid_line_from(raw, nl + 1):
                raise ValueError(pos)
            return changes, pos, True
        for change in decoded:
            _put(change, changes, put_at)
        pos = nl + 1
    return changes, pos, False


def _put(change: Change, changes: list[Change], put_at: dict[str, dict[str, int]]) -> None:
    """Add ``change`` to ``changes``; a record's put in the place of the put of it before,
    when ``put_at`` (each table's records put, by key, at their place in ``changes``) has
    one: applied, the changes make the same tables, their records in the same order, and
    hand out the same ids (a record's id is its key).  A journal of one line of 1.8 KB
    repeated to 64 MB kept every copy of its records, to apply one after another: 370 MB
    resident to open the database."""
    table, key, record = change
    if key is None:  # a table made or dropped: its records' puts stand apart from later ones
        put_at.pop(table, None)
    elif record is None:  # a record deleted: put again, it goes last
        put_at.get(table, {}).pop(key, None)
    else:
        puts = put_at.setdefault(table, {})
        before = puts.get(key)
        if before is not None:
            changes[before] = change
            return
        puts[key] = len(changes)
    changes.append(change)


def _valid_line_from(raw: bytes, pos: int) -> bool:
    """Whether a line of ``raw`` from ``pos`` on is a valid one (the last counted with or
    without its newline), looked at 64 KiB of lines at a time: a journal of millions of
    damaged lines is not split into one list of them all (64 MB of short ones took 887 MB)."""
    while pos < len(raw):
        end = raw.find(b"\n", pos + _LOOKED_AT_ONCE)
        end = len(raw) if end < 0 else end
        if any(decode_line(line + b"\n") for line in raw[pos:end].split(b"\n")):
            return True
        pos = end + 1
    return False


_LOOKED_AT_ONCE = 1 << 16  # bytes of lines split at a time
