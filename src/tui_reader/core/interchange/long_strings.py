"""A JSON file read a part at a time, each string of more than :data:`MAX_TEXT` characters
left out as it is read (none is kept whole): the record check then names its record and
field as it names any string too long (``note: longer than 16,777,216 characters``).

An import of a note of 200 MB read the whole file, decoded it and parsed it before the
check refused the note: 1.0 GB resident.  Read so, what the file holds besides its long
strings is held, and one part (:data:`PART` bytes) more.

A string's characters are counted in its bytes, as JSON writes them: each byte that begins
a UTF-8 character one, each escape one (``\\n``, ``\\u00e9``), an escaped surrogate pair
(``\\ud83d\\ude00``) one.  Only a string longer than :data:`MAX_TEXT` bytes is counted so;
a shorter one cannot hold more characters than that.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from tui_reader.core.interchange.import_schema import MAX_TEXT, TOO_LONG, TOO_LONG_CELL

PART = 2**20  # bytes read at a time

# Each escape of a JSON string (a surrogate pair's two escapes one), which a character
# counts: read from the left, so that an escaped backslash is one (``\\u0041`` is a
# backslash, then "u0041")
_ESCAPE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.", re.S
)
_HIGH_SURROGATE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\Z")
# the escapes of a backslash and of a quote, made "__": the quotes left are those of no escape
# (every other escape's second byte is no backslash nor quote: left as it is, each part's
# many line ends were substituted at twice the time)
_TWO_BYTES = re.compile(rb'\\[\\"]')
_CONTINUING = bytes(range(0x80, 0xC0))  # bytes that go on a UTF-8 character
# What a string too long is read as: a JSON string's content, no character of which a file
# may hold (a NUL), which the record check says is too long.
_LEFT_OUT = TOO_LONG.encode("ascii").replace(b"\x00", b"\\u0000")


def characters(content: bytes) -> int:
    """The characters of ``content``, a part of a JSON string as its file writes it."""
    if b"\\" in content:
        content = _ESCAPE.sub(b"e", content)
    return len(content) - (len(content) - len(content.translate(None, _CONTINUING)))


def looks_like_json(head: bytes) -> bool:
    """Whether a file beginning ``head`` begins as a JSON object or array does (after a
    byte-order mark and blanks)."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")[:1] in (b"[", b"{")


def looks_like_csv(head: bytes) -> bool:
    """Whether a file beginning ``head`` may be a CSV file in UTF-8: neither JSON nor
    markup (a REFI-QDA codebook, Taguette's HTML), a zip or UTF-16 (Excel's "Unicode
    Text")."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] == b"PK\x03\x04":
        return False
    begins = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")[:1]
    return begins not in (b"[", b"{", b"<")


def read_without_long_strings(handle: BinaryIO, most: int) -> tuple[bytes, int]:
    """The bytes of ``handle``, a JSON file's strings, or a CSV file's cells, of more than
    :data:`MAX_TEXT` characters read as :data:`TOO_LONG` (:data:`TOO_LONG_CELL`), never held
    whole; the other bytes as they are; and how many bytes were read: ``most`` at most and one
    more (the caller tells the file is too large).  A file in UTF-16 with its byte-order mark
    (Excel's "Unicode text") is read so too, and given back in UTF-16."""
    head = handle.read(min(MAX_TEXT, most + 1))
    read = [len(head)]

    def counted(parts: Iterator[bytes]) -> Iterator[bytes]:
        for part in parts:
            read[0] += len(part)
            yield part

    codec = _UTF16.get(head[:2]) if head[:4] != b"\xff\xfe\x00\x00" else None  # (UTF-32)
    if len(head) == MAX_TEXT and codec is not None:
        parts = counted(parts_of(handle, most - len(head)))
        bounded = _utf16_without_long_strings(head, parts, codec)
        if bounded is not None:
            return bounded, read[0]
        rest = b"".join(parts)  # not JSON nor CSV: as it is
        return head + rest, len(head) + len(rest)
    json = looks_like_json(head)
    if len(head) < MAX_TEXT or not (json or looks_like_csv(head)):  # nothing of it is longer
        whole = head + handle.read(max(0, most + 1 - len(head)))
        return whole, len(whole)
    given = (head[i : i + PART] for i in range(0, len(head), PART))
    parts = itertools.chain(given, counted(parts_of(handle, most - len(head))))
    bounded = without_long_strings(parts) if json else csv_without_long_cells(parts)
    return bounded, read[0]


_UTF16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def _utf16_without_long_strings(head: bytes, parts: Iterator[bytes], codec: str) -> bytes | None:
    """The UTF-16 file beginning ``head`` (its byte-order mark), its other bytes ``parts``,
    with its long strings or cells left out as :func:`read_without_long_strings` leaves them
    out of a UTF-8 file's (its parts made UTF-8 a part at a time, then UTF-16 again); None
    when it is neither JSON nor CSV (``parts`` then not read).  A lone surrogate is kept."""
    decoder = codecs.getincrementaldecoder(codec)("surrogatepass")

    def utf8(data: bytes, *, final: bool = False) -> bytes:
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError:  # an odd byte at its end: as the decoding reads it
            text = "\ufffd"
        return text.encode("utf-8", "surrogatepass")

    first = utf8(head[2:])
    json = looks_like_json(first)
    if not (json or looks_like_csv(first)):
        return None
    given = itertools.chain(
        (first[i : i + PART] for i in range(0, len(first), PART)),
        (utf8(part) for part in parts),
        (utf8(b"", final=True),),
    )
    bounded = without_long_strings(given) if json else csv_without_long_cells(given)
    return head[:2] + bounded.decode("utf-8", "surrogatepass").encode(codec, "surrogatepass")


def parts_of(handle: BinaryIO, most: int) -> Iterator[bytes]:
    """The bytes of ``handle`` a part at a time, :data:`PART` bytes, ``most`` at most and
    one more (the caller tells the file is too large)."""
    left = most + 1
    while left > 0:
        part = handle.read(min(PART, left))
        if not part:
            return
        left -= len(part)
        yield part


def without_long_strings(parts: Iterable[bytes], most: int = MAX_TEXT) -> bytes:
    """The JSON text ``parts`` make, each string of it of more than ``most`` characters
    read as :data:`TOO_LONG` (never held whole); any other byte as it is.  What is kept is
    views of the parts, joined once at the end (each part copied as it was cut and kept
    took a file of 76 MB five times as long to read)."""
    out: list[bytes | memoryview] = []
    carry = b""
    inside = False  # in a string, at the end of what was read
    start = 0  # the first item of ``out`` that the string the last part ends in holds
    length = 0  # bytes of that string so far
    counted: int | None = None  # its characters, once it is longer than ``most`` bytes
    left_out = False  # it is too long: what it holds is no longer kept
    ahead = iter(parts)
    while True:
        given = next(ahead, None)  # None: the end, where what was carried is read whole
        part = carry + given if carry and given is not None else given or carry
        cut = len(part) if given is None else _whole_escapes(part)
        part, carry = part[:cut], part[cut:]
        view = memoryview(part)
        plain = _TWO_BYTES.sub(b"__", part) if b'\\"' in part or b"\\\\" in part else part
        at = 0
        if inside:  # the string the last part ended in goes on
            quote = plain.find(b'"')
            end = len(part) if quote < 0 else quote
            length += end
            if not left_out:
                out.append(view[:end])
            if length > most and not left_out:
                if counted is None:
                    counted = characters(b"".join(out[start:]))
                else:
                    counted += characters(part[:end])
                if counted > most:
                    del out[start:]
                    out.append(_LEFT_OUT)
                    left_out = True
            if quote >= 0:  # it ends here
                out.append(b'"')
            at, inside = (len(part), True) if quote < 0 else (quote + 1, False)
        if not inside:
            opens = plain.count(b'"', at) % 2  # a string begins after the last quote
            last = plain.rfind(b'"') + 1 if opens else len(part)  # (and goes on)
            if last - at > most:
                out.append(_closed_bounded(part[:last], plain[:last], at, most))
            else:
                out.append(view[at:last])
            if opens:
                inside, length, counted, left_out = True, len(part) - last, None, False
                start = len(out)
                out.append(view[last:])
        if given is None:
            break
    return b"".join(out)


def _closed_bounded(part: bytes, plain: bytes, at: int, most: int) -> bytes:
    """``part[at:]`` (out of any string at ``at``; ``plain``: it with its escapes made
    "__") with each string that begins and ends in it of more than ``most`` characters
    read as :data:`TOO_LONG`: a part longer than ``most`` bytes (never so of a file's
    parts, :data:`PART` bytes, shorter than :data:`MAX_TEXT`)."""
    pieces: list[bytes] = []
    pos = at
    for n, between in enumerate(plain[at:].split(b'"')):
        end = pos + len(between)
        content = part[pos:end]
        # the odd ones are strings, closed but the last (which the caller goes on with)
        long = n % 2 and end < len(part) and len(content) > most and characters(content) > most
        pieces.append(_LEFT_OUT if long else content)
        pos = end + 1
    return b'"'.join(pieces)


def _whole_escapes(part: bytes) -> int:
    """Where ``part`` is cut so that no escape of a string is parted (a backslash among its
    last 12 bytes: before the run of backslashes it is in)."""
    near = part.find(b"\\", max(0, len(part) - 12))
    if near < 0:
        return len(part)
    cut = len(part[:near].rstrip(b"\\"))
    if cut <= 0:  # a part of backslashes alone: cut after a pair of them (it begins an escape)
        return near - near % 2
    before = part[:cut]
    # a surrogate pair's first escape stays with its second: the pair is one character
    if _HIGH_SURROGATE.search(before, max(0, cut - 6)) is not None:
        run = cut - 6 - len(before[: cut - 6].rstrip(b"\\"))  # backslashes before it
        if run % 2 == 0:  # its backslash begins an escape
            return cut - 6
    return cut


# What parts the cells of a CSV file (any of the separators a CSV file of ours, Taguette's or a
# spreadsheet's uses: a cell holding one of the others is only seen shorter), and its rows
_CSV_BREAK = re.compile(rb"[,;\t|\r\n]")
_CSV_LEFT_OUT = TOO_LONG_CELL.encode()


def csv_without_long_cells(parts: Iterable[bytes], most: int = MAX_TEXT) -> bytes:
    """The CSV text ``parts`` make (UTF-8), each cell of it of more than ``most`` characters
    read as :data:`TOO_LONG_CELL` (never held whole); any other byte as it is.  A byte is in a
    quoted cell when an odd number of quotes comes before it (a quote doubled in a cell is
    two); a cell ends at a separator or a line's end out of quotes.  Its characters: its
    bytes that begin a UTF-8 character, but the quotes around it and the first of each pair
    in it.  No part is longer than ``most`` bytes."""
    out: list[bytes | memoryview] = []
    carry = b""
    inside = False  # in quotes at the end of what was read
    start = 0  # the first item of ``out`` that the cell the last part ends in holds
    length = 0  # bytes of that cell so far
    counted: int | None = None  # its UTF-8 characters, once it is longer than ``most`` bytes
    quotes = 0  # and its quotes then: a quoted cell's two and each doubled one's second
    left_out = False  # it is too long: what it holds is no longer kept
    ahead = iter(parts)
    while True:
        given = next(ahead, None)
        part = carry + given if carry and given is not None else given or carry
        cut = len(part) if given is None else _whole_quotes(part)
        part, carry = part[:cut], part[cut:]
        view = memoryview(part)
        plain = part.replace(b'""', b"__") if b'""' in part else part
        first, last, inside_after = _cell_ends(plain, inside)
        end = len(part) if first < 0 else first
        length += end
        if not left_out:
            out.append(view[:end])
        if length > most and not left_out:
            seen = b"".join(out[start:]) if counted is None else part[:end]
            counted = (counted or 0) + _utf8_characters(seen)
            quotes += seen.count(b'"')
            if counted - (quotes // 2 + 1 if quotes else 0) > most:
                del out[start:]
                out.append(_CSV_LEFT_OUT)
                left_out = True
        if first >= 0:  # the cell ends here; the last one of the part begins after ``last``
            out.append(view[first : last + 1])
            start, length, counted, left_out = len(out), len(part) - last - 1, None, False
            quotes = 0
            out.append(view[last + 1 :])
        inside = inside_after
        if given is None:
            break
    return b"".join(out)


def _cell_ends(plain: bytes, inside: bool) -> tuple[int, int, bool]:
    """The first and last separator or line end of ``plain`` (a part, its doubled quotes
    "__") out of quotes, -1 for none, and whether it ends in quotes; ``inside``: whether it
    begins in them."""
    pieces = plain.split(b'"')
    quoted = inside  # whether the piece looked at is in quotes
    first = -1
    at = 0
    for piece in pieces:
        if not quoted and (found := _CSV_BREAK.search(piece)) is not None:
            first = at + found.start()
            break
        at += len(piece) + 1
        quoted = not quoted
    ends_inside = inside != (len(pieces) % 2 == 0)
    if first < 0:
        return -1, -1, ends_inside
    quoted = ends_inside
    at = len(plain)
    for piece in reversed(pieces):
        at -= len(piece)
        if not quoted:
            last = _last_break(piece)
            if last >= 0:
                return first, at + last, ends_inside
        at -= 1
        quoted = not quoted
    return first, first, ends_inside  # pragma: no cover (the first is one)


def _last_break(piece: bytes) -> int:
    return max(piece.rfind(b) for b in (b",", b";", b"\t", b"|", b"\r", b"\n"))


def _utf8_characters(content: bytes) -> int:
    """The characters of ``content`` (UTF-8): its bytes that begin one."""
    return len(content.translate(None, _CONTINUING))


def _whole_quotes(part: bytes) -> int:
    """Where ``part`` is cut so that no doubled quote is parted: before the run of quotes it
    ends with (after a pair of them, a part of quotes alone)."""
    cut = len(part.rstrip(b'"'))
    if cut == len(part):
        return cut
    return cut if cut > 0 else len(part) - len(part) % 2
