"""Search across every document of a corpus, and its memos: hits with their document (or
memo), line and context.

Smart case as in the in-document search (:mod:`tui_reader.core.search.hits`).  Offsets are code
points into each document's canonical text, half-open ``[start, end)``; lines are 1-based
source lines (not wrapped display lines): a plain text file's as grep counts them (a form feed
or a lone CR no line break, :func:`file_breaks`), another format's counted by ``\\n`` in the
canonical text, as ``tui-reader search`` says them.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui_reader.core.digests import sha256
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import (
    load_document,
    parse_document,
    plain_markdown_text,
    plain_markdown_utf8,
)
from tui_reader.core.documents.facts import clean_utf8, plain_title
from tui_reader.core.documents.formats import format_of_name, format_of_text
from tui_reader.core.documents.lines import LineIndex, added_breaks, page_breaks
from tui_reader.core.documents.safe_read import (
    MadeALink,
    listed_no_link,
    read_document_bytes,
    read_small_document,
)
from tui_reader.core.documents.sanitize import clean_text
from tui_reader.core.documents.stamps import Stamp, file_stamp, file_stamps, stamp_of_stat
from tui_reader.core.documents.streamed_text import read_utf8_text
from tui_reader.core.errors import BinaryFileError, DocumentError
from tui_reader.core.rare_find import holds_any_byte
from tui_reader.core.search.finder import UNCLEAN, Finder, smart_case_finder
from tui_reader.core.search.hits import (
    CONTEXT_WIDTH,
    LONGEST_WORD_LEFT_OUT,
    file_line_bounds,
    find_hits,
)
from tui_reader.core.search.text_pack import ASCII, TextPack, text_flags
from tui_reader.locations import texts_cache_path

if TYPE_CHECKING:
    from tui_reader.core.analysis.memos import Memo
    from tui_reader.core.workspace import Workspace

MAX_COUNTED = 10_000_000  # hits counted per document (beyond: "+")
COUNTS_KEPT = 4  # literals whose hits counted in each text kept are kept (CorpusTexts)
LOOKED_AT_ONCE = 256  # documents of search_texts whose packed texts are looked at in one look


@dataclass(frozen=True)
class CorpusHit:
    """One hit: ``[start, end)`` in document ``key``; ``context`` is one line of text around
    it, the hit at ``context[hit_start:hit_end]``.  A hit in a memo has its ``memo`` (offsets
    and line into the memo's text; ``key`` the memo's document for a document's memo)."""

    key: str
    title: str
    start: int
    end: int
    line: int
    context: str
    hit_start: int
    hit_end: int
    query: str = ""  # what was searched
    memo: Memo | None = None

    @property
    def group(self) -> str:
        """What the hit is listed under: its document, or its memo."""
        return f"memo:{self.memo.id}" if self.memo is not None else self.key


@dataclass
class CorpusResults:
    """The hits of ``query`` over a corpus: the first ones in ``hits``, all counted."""

    query: str
    hits: list[CorpusHit] = field(default_factory=list)
    total: int = 0  # every hit, shown or not
    truncated: bool = False  # some document had more than MAX_COUNTED hits: total is a floor
    documents: int = 0  # documents with at least one hit
    memos: int = 0  # memos with at least one hit
    per_document: dict[str, int] = field(default_factory=dict)  # hit.group -> hits (with any)
    searched: int = 0  # documents searched
    problems: list[str] = field(default_factory=list)  # documents that could not be read
    # files refused as no text whose bytes hold a match (:func:`binary_text`), by key: grep's
    # "binary file matches"; their hits are not listed (there is no text to open them in)
    binary: list[str] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        """Fewer hits are listed than were found."""
        return len(self.hits) < self.total

    def snapshot(self) -> CorpusResults:
        """A copy of the results so far, for another thread to show while the search goes on."""
        return replace(self, hits=list(self.hits), per_document=dict(self.per_document),
                       problems=list(self.problems), binary=list(self.binary))  # fmt: skip


# Bytes of a file refused as no text that the app's corpus search reads to search it in its
# bytes (:meth:`CorpusTexts.binary_holds`): read again at each search as the query is typed
# (none of it is kept), a larger one (a disk image named .txt) is said as it was refused.
BINARY_SEARCHED = 16 << 20


def binary_text(data: bytes) -> str:
    """What is searched, as grep searches it, in the bytes ``data`` of a file refused as no
    text (:class:`~tui_reader.core.errors.BinaryFileError`: NUL bytes, mostly control bytes):
    its UTF-8 read as it is (a byte no UTF-8 matches nothing), each NUL a line's end."""
    return data.decode("utf-8", "replace").replace("\x00", "\n")


def _flat(text: str) -> str:
    """``text`` with each run of whitespace made one space (``re.sub(r"\\s+", " ", text)``):
    split and joined, three times faster than the regex, which replaced every single space
    of a context (a fifth of listing a common word's first 1,000 hits).  ``str.split`` and
    ``\\s`` see the same whitespace (``str.isspace``)."""
    flat = " ".join(text.split())
    if not flat:
        return " " if text else ""
    if text[0].isspace():
        flat = " " + flat
    if text[-1].isspace():
        flat += " "
    return flat


# Where a context ends, before and after its hit: a document's and a memo's at the ends of
# the hit's line, the line whose number is shown beside it (a transcript's turn is not run
# into the next speaker's, nor a title into the story), as ``tui-reader search`` and grep
# print a hit's line and a memo's editor shows its lines.
LINE_END = re.compile(r"\n")


def hit_context(
    text: str,
    start: int,
    end: int,
    width: int = CONTEXT_WIDTH,
    *,
    within: re.Pattern[str] | None = None,
    line: tuple[int, int] | None = None,
) -> tuple[str, int, int]:
    """One line (whitespace runs made single spaces) of at most about ``width`` code points
    around ``text[start:end]``: ``(context, hit_start, hit_end)`` with the (flattened) hit at
    ``context[hit_start:hit_end]``.  Text cut at either end is marked with ``…``.
    ``within``: the break (:data:`LINE_END`) the context does not reach past on either
    side of the hit, as if the text began and ended there; ``line``: where the hit's line
    begins and ends (:func:`~tui_reader.core.search.hits.file_line_bounds`), in its stead."""
    hit = _flat(text[start:end])
    if len(hit) > width:
        hit = hit[: max(1, width - 1)] + "…"
    room = max(0, width - len(hit))
    reach = 4 * room + 16  # raw code points enough to fill `room` after collapsing spaces
    before_room = room // 3
    low, high = (0, len(text)) if line is None else line
    raw_before = text[max(low, start - reach) : start]
    begun = start - len(raw_before) == low  # nothing of the text (the line) before it
    raw_after = text[end : min(high, end + reach)]
    ended = end + len(raw_after) >= high
    if within is not None and line is None:
        breaks = [m.end() for m in within.finditer(raw_before)]
        if breaks:
            raw_before, begun = raw_before[breaks[-1] :], True
        found = within.search(raw_after)
        if found is not None:
            raw_after, ended = raw_after[: found.start()], True
    after = _flat(raw_after)
    if ended:
        after = after.rstrip()
        # the room the end leaves unused goes before the hit, as the command's line has it
        before_room = max(before_room, room - len(after))
    flat_before = _flat(raw_before)
    if begun:
        flat_before = flat_before.lstrip()

    def fitted_before(size: int) -> str:
        if len(flat_before) > size or (not begun and flat_before):
            return "…" + _word_tail(flat_before, size - 1) if size else ""
        return flat_before

    before = fitted_before(before_room)
    after_room = room - len(before)
    if len(after) > after_room or (not ended and after):
        after = _word_head(after, after_room - 1) + "…" if after_room else ""
        if before != flat_before:
            # The room the after's cut at a word left goes before the hit: a word there was
            # left out with its room unused ("…versions of the software inside them,
            # although the…" where "modified" fitted).
            before = fitted_before(room - len(after))
    return before + hit + after, len(before), len(before) + len(hit)


def _word_tail(before: str, size: int) -> str:
    """The last ``size`` code points at most of ``before`` (the flattened text before a hit),
    begun at a word: a word cut at the start is left out, unless the kept part is all one
    word, the one the hit is in (its letters beside the hit stay), or the cut run of letters
    is longer than any word (:data:`LONGEST_WORD_LEFT_OUT`: a part of it is shown)."""
    cut = len(before) - max(0, size)
    if cut <= 0:
        return before
    space = before.find(" ", cut, cut + LONGEST_WORD_LEFT_OUT + 1)
    if before[cut - 1] != " " and space >= 0:
        cut = space
    return before[cut:].lstrip(" ")


def _word_head(after: str, size: int) -> str:
    """The first ``size`` code points at most of ``after`` (the flattened text after a hit),
    ended at a word, as :func:`_word_tail` begins one."""
    cut = max(0, size)
    if cut >= len(after):
        return after
    space = after.rfind(" ", max(0, cut - LONGEST_WORD_LEFT_OUT - 1), cut)
    if after[cut] != " " and space >= 0:
        cut = space
    return after[:cut].rstrip(" ")


def search_document(
    key: str,
    title: str,
    text: str,
    query: str,
    *,
    room: int,
    width: int = CONTEXT_WIDTH,
    breaks: Callable[[], Sequence[int]] = tuple,
    within: re.Pattern[str] | None = LINE_END,
) -> tuple[list[CorpusHit], int, bool]:
    """The hits of ``query`` in one document: up to ``room`` of them as :class:`CorpusHit`,
    the number of hits found (at most MAX_COUNTED), and whether that limit was reached.
    ``breaks()``: the newlines of ``text`` that are no line feed of its file
    (:func:`file_breaks`), asked only when a hit is listed, so that a hit's line is the
    file's, as grep and ``tui-reader search`` count it.  ``within``: where a hit's context
    ends (:func:`hit_context`)."""
    found = find_hits(text, query, limit=MAX_COUNTED, across_lines=True)
    shown = found[: max(0, room)]
    added = breaks() if shown else ()
    starts = [s for s, _ in shown]
    lines = LineIndex(text, added).lines(starts)
    # a form feed's or a lone CR's lines are one of the file's, its context the whole line's
    joined = LineIndex(text).lines(starts) if added and within is LINE_END else None
    hits = []
    for at, ((start, end), line) in enumerate(zip(shown, lines, strict=True)):
        bounds = None
        if joined is not None:
            bounds = file_line_bounds(text, start, end, joined[at], added)
        context, hit_start, hit_end = hit_context(
            text, start, end, width, within=within, line=bounds
        )
        hits.append(CorpusHit(key, title, start, end, line, context, hit_start, hit_end, query))
    return hits, len(found), found.truncated


def search_corpus(
    documents: Iterable[tuple[str, str, str | int]],
    query: str,
    *,
    limit: int = 1000,
    width: int = CONTEXT_WIDTH,
    cancelled: Callable[[], bool] = lambda: False,
    memos: Sequence[Memo] = (),
    searched: Callable[[CorpusResults], None] = lambda results: None,
    breaks: Callable[[str], Sequence[int]] = lambda key: (),
) -> CorpusResults:
    """Search ``query`` (smart case) in ``documents``, ``(key, title, text)`` in corpus order,
    then in ``memos``: the first ``limit`` hits listed, every hit counted.  Once ``limit`` hits
    are listed, a document's "text" may be the number of its hits, counted without loading
    it (:func:`search_texts`).  Stops early (with
    what it has) when ``cancelled()`` turns true; an iterable may raise nothing but yield in
    its own time.  ``searched(results)`` is called after each document (the results so far,
    to stream).  ``breaks(key)``: the newlines of document ``key``'s text that are no line
    feed of its file (:meth:`CorpusTexts.breaks`), asked for a document with a hit listed."""
    results = CorpusResults(query)
    if not query:
        return results
    for key, title, text in documents:
        if cancelled():
            break
        room = limit - len(results.hits)
        hits: list[CorpusHit] = []
        if isinstance(text, int):  # its hits counted, its text not loaded
            if room > 0:
                raise ValueError(f"{key}: counted while hits are still to be listed")
            count, truncated = min(text, MAX_COUNTED), text > MAX_COUNTED
        elif not text:  # nothing to search (a text found to hold no match): no hit
            count, truncated = 0, False
        else:
            hits, count, truncated = search_document(
                key, title, text, query, room=room, width=width,
                breaks=functools.partial(breaks, key),
            )  # fmt: skip
        results.searched += 1
        results.hits.extend(hits)
        results.total += count
        results.truncated |= truncated
        results.documents += count > 0
        if count:
            results.per_document[key] = count
        searched(results)
    if memos:  # (the memos' module, 10 ms to load, is not a command's reading of files)
        from tui_reader.core.analysis.memos import MemoKind
    for memo in memos:
        if cancelled():
            break
        hits, count, truncated = search_document(
            memo.target if memo.kind is MemoKind.DOCUMENT else "",
            memo.label,
            memo.text,
            query,
            room=limit - len(results.hits),
            width=width,
        )
        results.hits.extend(replace(hit, memo=memo) for hit in hits)
        results.total += count
        results.truncated |= truncated
        results.memos += count > 0
        if count:
            results.per_document[f"memo:{memo.id}"] = count
    return results


def search_texts(
    texts: CorpusTexts,
    keys: Sequence[str],
    query: str,
    *,
    limit: int = 1000,
    width: int = CONTEXT_WIDTH,
    cancelled: Callable[[], bool] = lambda: False,
    memos: Sequence[Memo] = (),
    searched: Callable[[CorpusResults], None] = lambda results: None,
    unchecked: Collection[str] = (),
) -> CorpusResults:
    """:func:`search_corpus` over the documents ``keys``, their texts from ``texts``: a
    document whose packed bytes hold no match is skipped unread, and once ``limit`` hits are
    listed, a document's hits are counted in its packed bytes, not loaded (a common word's
    search is then counting, not decoding 10,000 texts).  Documents that cannot be read are
    named in ``results.problems`` (as they come: ``searched`` sees them); a file refused as
    no text is searched in its bytes as grep searches it, named in ``results.binary`` when
    they hold a match (grep's "binary file matches"), else said nothing of (one larger than
    :data:`BINARY_SEARCHED` is named among the problems, as refused).  ``unchecked``:
    the locations of plain texts and Markdown files among them the listing did not read yet,
    any of which may be a Markdown export of ours
    (:meth:`~tui_reader.core.workspace.Workspace.keys_to_search`): each is told by its first
    bytes as it is read, and one of ours left out, as the listing leaves it out."""
    finder = smart_case_finder(query)
    problems: list[str] = []
    binary: list[str] = []  # files refused as no text whose bytes hold a match
    full = False  # the listed hits are: the rest is counted

    def documents() -> Iterator[tuple[str, str, str | int]]:
        for at in range(0, len(keys), LOOKED_AT_ONCE):
            batch = keys[at : at + LOOKED_AT_ONCE]
            yield from looked(batch, texts.looks(batch, finder, count=full, unchecked=unchecked))

    def looked(
        batch: Sequence[str], looks: list[tuple[str, str | int] | None]
    ) -> Iterator[tuple[str, str, str | int]]:
        for key, look in zip(batch, looks, strict=True):
            if cancelled():
                return
            if look is not None and (full or not isinstance(look[1], int)):
                yield key, *look  # told by its packed bytes, in the batch's one look
                continue
            try:
                counted = texts.counted(key, finder) if full and texts.holds(key) else None
                if counted is not None:
                    yield key, counted[0], counted[1]
                    continue
                # Read just now once the listed hits are in: its hits counted in its bytes.
                title, text = texts.searchable(key, finder, count=full, unchecked=unchecked)
            except BinaryFileError as exc:  # no text: searched in its bytes, as grep does
                try:
                    if texts.binary_holds(key, finder):
                        binary.append(key)
                except DocumentError:  # (not read again: said as it was refused)
                    problems.append(str(exc))
                    continue
                yield key, "", ""  # searched: no hit of it listed or counted
                continue
            except DocumentError as exc:
                problems.append(str(exc))
                continue
            except OwnExport:
                continue  # no document: the listing leaves it out
            yield key, title, text

    def after(results: CorpusResults) -> None:
        nonlocal full
        full = len(results.hits) >= limit
        results.problems, results.binary = problems, binary
        searched(results)

    results = search_corpus(
        documents(), query, limit=limit, width=width, cancelled=cancelled, memos=memos,
        searched=after, breaks=texts.breaks,
    )  # fmt: skip
    results.problems, results.binary = problems, binary
    return results


class OwnExport(Exception):
    """The plain text to search is a Markdown export of ours (see :func:`search_texts`'s
    ``unchecked``): no document."""


def _own_markdown_file(where: Path | str) -> bool:
    """Whether the file at ``where`` begins as a Markdown export of ours (the listing's
    module loaded when first asked)."""
    from tui_reader.core.documents.corpus import own_markdown_file

    return own_markdown_file(where)


_Read = TypeVar("_Read")

WHOLE_BYTES = 1 << 20  # a text this small is read whole: decoded once, checked in one pass


def title_and_text(path: Path, fmt: str, size: int | None = None) -> tuple[str, str]:
    """The title and canonical text of the file at ``path`` (format ``fmt``, ``size`` bytes
    when known), as :func:`load_document` gives them: plain text and plain Markdown without
    building more than they need; other formats loaded.  Raises :class:`DocumentError`."""
    title, text, _utf8 = read_canonical(path, fmt, size)
    return title, text


def _canonical_of(
    data: bytes, where: Path | str, fmt: str, titled: bool = True
) -> tuple[str, str, bytes | None]:
    """:func:`read_canonical` of the small text or Markdown file at ``where`` whose bytes are
    ``data``."""
    if fmt == "text" and format_of_text(data) != "text":  # subtitles saved as text
        document = parse_document(data, Path(where), fmt)
        return document.title, document.text, None
    clean = clean_utf8(data)  # most files: no cleaning to do
    if fmt == "text" and clean is not None:
        return _plain_title(clean, where, (), titled), clean, data
    pages: list[int] = []  # a plain text's form feeds (none in a clean file)
    if clean is None:
        decoded = decode_bytes(data, where)[0]
        pages = page_breaks(decoded) if fmt == "text" and titled else []
        clean = clean_text(decoded)
        del decoded
    del data
    if fmt == "text":
        return _plain_title(clean, where, pages, titled), clean, None
    plain = plain_markdown_text(clean, where)
    if plain is not None:
        return *plain, None
    document = load_document(Path(where))
    return document.title, document.text, None


# What may give a small file's title and text from its bytes instead of finding them: called
# with the bytes and what finds them (see tui_reader.core.interchange.texts_read)
ReadMemo = Callable[
    [bytes, Callable[[], tuple[str, str, bytes | None]]], tuple[str, str, bytes | None]
]


def read_canonical(
    where: Path | str,
    fmt: str,
    size: int | None = None,
    *,
    titled: bool = True,
    memo: ReadMemo | None = None,
    digested: Callable[[str], object] | None = None,
) -> tuple[str, str, bytes | None]:
    """:func:`title_and_text` of the file at ``where`` (as a string: no ``Path`` made for a
    small plain text or Markdown file), and the text's UTF-8 when it is the file's bytes as
    read (a small, clean UTF-8 plain text: no second encoding to pack it), else ``None``.
    ``titled=False``: a plain text's title is not looked for (``""``), for a reader that
    shows none.  ``memo``: asked for a small plain text's or Markdown file's (see
    :data:`ReadMemo`).  ``digested``: given the SHA-256 (hex) of the bytes a plain text read
    a piece at a time as UTF-8 was made of, hashed as they were read (a small file's are the
    memo's to hash), before the text is returned."""
    if fmt in ("text", "markdown") and size is not None and size <= WHOLE_BYTES:
        return _canonical_in(read_document_bytes(where), where, fmt, titled, memo)
    path = Path(where)
    if fmt == "text":
        pages: list[int] = []  # its form feeds, for its title
        hashed = sha256(size=size) if digested is not None else None
        # a regular file, never blocking, within the size limit
        text = read_utf8_text(path, pages=pages, hashed=None if hashed is None else hashed.update)
        if text is None:  # not UTF-8: decoded whole, as load_document does then
            hashed = None  # (the bytes hashed so far are not all the text's)
            decoded, _ = decode_bytes(read_document_bytes(path), path)
            pages = page_breaks(decoded) if titled else []
            text = clean_text(decoded)
            del decoded
        if format_of_text(text) == "text":  # (subtitles saved as text: loaded, below)
            if hashed is not None and digested is not None:
                digested(hashed.hexdigest())
            return _plain_title(text, path, pages, titled), text, None
    if fmt == "markdown":
        decoded, _ = decode_bytes(read_document_bytes(path), path)
        plain = plain_markdown_text(clean_text(decoded), path)
        if plain is not None:
            return *plain, None
    document = load_document(path)
    return document.title, document.text, None


def read_canonical_stamped(
    where: Path | str,
    fmt: str,
    *,
    titled: bool = True,
    memo: ReadMemo | None = None,
    digested: Callable[[str], object] | None = None,
) -> tuple[os.stat_result, str, str, bytes | None]:
    """:func:`read_canonical` of the plain text or Markdown file at ``where``, with the
    file's status as the one open that reads it gives it (no ``stat`` of it before: what
    its stamp is, the bytes read are from that file as it was then or later).  Raises
    :class:`DocumentError`."""
    data, st = read_small_document(where, WHOLE_BYTES)
    if data is None:  # a big file: read a piece at a time
        return (st, *read_canonical(where, fmt, st.st_size, titled=titled, digested=digested))
    return (st, *_canonical_in(data, where, fmt, titled, memo))


def _canonical_in(
    data: bytes, where: Path | str, fmt: str, titled: bool, memo: ReadMemo | None
) -> tuple[str, str, bytes | None]:
    """:func:`_canonical_of`, through ``memo`` when given."""
    if memo is None:
        return _canonical_of(data, where, fmt, titled)
    return memo(data, lambda: _canonical_of(data, where, fmt, titled))


def _plain_title(text: str, where: Path | str, pages: Sequence[int], titled: bool) -> str:
    """The title of the plain text ``text`` of the file ``where`` (:func:`plain_title`), or
    ``""`` when not ``titled``."""
    return plain_title(text, where, pages) if titled else ""


def file_breaks(where: Path | str, fmt: str) -> list[int]:
    """The newlines of the canonical text of the file at ``where`` (format ``fmt``) that are
    no line feed of the file (:func:`~tui_reader.core.documents.lines.added_breaks`: a form
    feed, a lone CR), so that a search says a plain text's lines as grep counts them; empty
    for another format (its lines are its canonical text's), for a file whose only breaks
    are line feeds (told from its bytes, not decoded) and for one that cannot be read now.
    Read again only for a document with a hit to print: the texts pack keeps the canonical
    text alone."""
    if fmt != "text":
        return []
    try:
        data = read_document_bytes(where)
    except DocumentError:
        return []  # gone since its text was read: its lines as the text has them
    if format_of_text(data) != "text":
        return []  # subtitles saved as text: converted, its lines its text's
    if not any(byte in data for byte in (b"\r", b"\x0b", b"\x0c", b"\x00")):
        # (a NUL: perhaps UTF-16, decoded as its reading decoded it)
        if data.isascii():
            return []
        if not any(sep in data for sep in _SEPARATORS_UTF8) and _is_utf8(data):
            return []  # UTF-8 without NEXT LINE or a separator: read as UTF-8, no break added
    try:
        return added_breaks(decode_bytes(data, where)[0])
    except DocumentError:
        return []


_SEPARATORS_UTF8 = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(slots=True)
class FreshText:
    """A document's text read just now for a search: the ``stamp`` of the file as it was
    read; its ``title`` (``None``: a plain text's, found from the text when it is needed:
    most documents a search reads are never listed); its ``text``, or (``None``) ``data``,
    its UTF-8 read from a clean file and not decoded (a search that finds nothing in it never
    needs it); ``data`` also when it is both; ``held``: whether it holds a match of the
    search's finder (``None``: its bytes could not tell)."""

    stamp: Stamp
    title: str | None
    text: str | None
    data: bytes | None
    held: bool | None = None
    problems: tuple[str, ...] = ()  # what could not be read of the file (Document.problems)
    # each line break of the text a line feed of the file (a plain text read clean): its
    # lines are the file's (file_breaks would find none)
    file_lines: bool = False
    flags: int | None = None  # the text's text_flags, when found as it was read
    ours: bool = False  # a Markdown export of ours (read_fresh's exports): no document

    def decoded(self) -> str:
        if self.text is None:
            assert self.data is not None
            self.text = self.data.decode("utf-8")
        return self.text


def read_fresh(
    where: Path | str, fmt: str, finder: Finder | None = None, *, exports: bool = False
) -> FreshText:
    """The text of the plain text or Markdown file at ``where`` as :func:`read_canonical`
    gives it, with its file's stamp (from the one open that reads it: no ``stat`` before);
    a small clean ASCII text file is neither decoded nor titled, and ``finder`` tested on its
    bytes in the pass that finds it clean.  ``exports``: a plain text or Markdown file
    beginning as a Markdown export of ours is told (``FreshText.ours``, nothing else read of
    it), from the bytes read.  Raises :class:`DocumentError`."""
    data, st = read_small_document(where, WHOLE_BYTES)
    stamp = stamp_of_stat(st)
    if exports:
        from tui_reader.core.documents.corpus import own_markdown_start

        if own_markdown_start(data) if data is not None else _own_markdown_file(where):
            return FreshText(stamp, None, None, None, False, ours=True)
    if data is None:  # a big file: read a piece at a time
        title, text, utf8 = read_canonical(where, fmt, st.st_size)
        return FreshText(stamp, title, text, utf8)
    if fmt == "text" and format_of_text(data) == "text":  # (else converted: below)
        if data.isascii():
            if finder is not None:
                clean, held = finder.in_ascii_file(data)
            else:
                clean, held = not holds_any_byte(data, UNCLEAN), None
            if clean:  # (no CR, form feed or other control: its line feeds alone)
                return FreshText(stamp, None, None, data, held, file_lines=True, flags=ASCII)
        utf8_text = clean_utf8(data)
        if utf8_text is not None:  # (no control but its line feeds and tabs, no separator)
            flags = text_flags(utf8_text, len(data))  # (data_flags would decode it again)
            held = None if finder is None else finder.in_bytes(data, 0, len(data), flags)
            return FreshText(stamp, None, utf8_text, data, held, file_lines=True, flags=flags)
        decoded = decode_bytes(data, where)[0]
        pages = page_breaks(decoded)
        text = clean_text(decoded)
        del decoded
        # (titled now when a form feed may title it: the text alone does not tell)
        return FreshText(stamp, plain_title(text, where, pages) if pages else None, text, None)
    if fmt == "markdown" and data.isascii():  # (most notes: their text made as UTF-8 alone)
        note = clean_utf8(data)
        rendered = None if note is None else plain_markdown_utf8(note, where)
        if rendered is not None:
            title, utf8 = rendered
            flags = ASCII if utf8.isascii() else 0  # (ASCII but for its bullets: text_flags')
            held = None if finder is None else finder.in_bytes(utf8, 0, len(utf8), flags)
            return FreshText(stamp, title, None, utf8, held, flags=flags)
    title, text, utf8 = _canonical_of(data, where, fmt)
    return FreshText(stamp, title, text, utf8)


class CorpusTexts:
    """The title and text of every readable document of a workspace, read once and read again
    when a file changes (its modification time or size), so that searching the corpus as the
    user types does not parse every file on every keystroke.  The texts are kept in a
    :class:`TextPack` (``pack``, by default the workspace database's; kept between runs, so
    that a first search does not read every file either), as UTF-8 searched where it lies: a
    text is decoded only to list its hits, and never held decoded beside its packed copy (10,000
    texts would be held twice).  Texts a full pack cannot take are held here, decoded."""

    def __init__(self, workspace: Workspace, pack: TextPack | None = None) -> None:
        self.workspace = workspace
        self.pack = pack if pack is not None else TextPack(texts_cache_path(workspace.db))
        self._lock = threading.Lock()
        self._texts: dict[str, tuple[Stamp, str, str]] = {}  # the pack was full
        # The hits counted in the texts kept, for the last COUNTS_KEPT literals counted (by
        # Finder.counts_as): document key -> the stamp of the text counted, its hits.  A
        # common word's search counted them again in every text at each search (the one
        # asked again as F opens): its 100 MB lowercased and counted, two thirds of it.
        self._counts: dict[tuple[bytes, bool, bool], dict[str, tuple[Stamp, int]]] = {}

    def get(self, key: str) -> tuple[str, str]:
        """``(title, text)`` of document ``key`` (a key the workspace listed).  Raises
        :class:`DocumentError`."""
        return self._get(key, *self._stamped(key))

    def searchable(
        self, key: str, finder: Finder, *, count: bool = False, unchecked: Collection[str] = ()
    ) -> tuple[str, str | int]:
        """``(title, text)`` of document ``key`` to search with ``finder``: ``("", "")``
        when its text holds no match and that was found without decoding it (from the pack
        holding the text of the unchanged file, or from the bytes of a file read just now):
        nothing of it is needed.  With ``count``, ``("", hits)`` when its hits can be counted
        in its bytes (:meth:`Finder.count_in_bytes`).  Raises :class:`DocumentError`, and
        :class:`OwnExport` when the file is a text in ``unchecked`` (see
        :func:`search_texts`) beginning as a Markdown export of ours."""
        where = self._where(key)
        fmt = format_of_name(os.path.basename(where))
        told = bool(unchecked) and str(where) in unchecked
        if fmt in ("text", "markdown") and not self.holds(key):  # read for the first time
            return self._fresh(key, where, fmt, finder, count, told)
        if told and _own_markdown_file(where):
            raise OwnExport(key)
        stamp = file_stamp(where)
        held = self.pack.test(key, stamp, finder.in_bytes)
        if held is False:
            return "", ""
        title, text = self._get(key, where, stamp)
        if held is None and self.pack.test(key, stamp, finder.in_bytes) is False:
            return "", ""  # read and packed just now: its bytes tested, not its text
        counted = self._count(key, stamp, finder) if count else None
        return ("", counted) if counted is not None else (title, text)

    def binary_holds(self, key: str, finder: Finder) -> bool:
        """Whether the file of ``key``, refused as no text (a ``.txt`` holding NUL bytes),
        holds a match of ``finder`` in its bytes as grep searches them (:func:`binary_text`).
        Read again each time (no text of it is kept); a file larger than
        :data:`BINARY_SEARCHED` is not.  Raises :class:`DocumentError`."""
        where = self._where(key)
        data = self._read(key, where, lambda: read_document_bytes(where, limit=BINARY_SEARCHED))
        return finder.found_in(binary_text(data))

    def breaks(self, key: str) -> Sequence[int]:
        """The newlines of document ``key``'s canonical text that are no line feed of its
        file (a form feed, a lone CR): those of its loaded document when the workspace holds
        it for the file as it is (``Document.added_breaks``), else found in the file
        (:func:`file_breaks`); empty when it cannot be read now."""
        loaded = self.workspace.loaded(key)
        if loaded is not None:
            return loaded.added_breaks
        try:
            where = self._where(key)
        except DocumentError:
            return ()
        return file_breaks(where, format_of_name(os.path.basename(where)) or "")

    def looks(
        self, keys: Sequence[str], finder: Finder, *, count: bool, unchecked: Collection[str] = ()
    ) -> list[tuple[str, str | int] | None]:
        """What :meth:`searchable` gives each document of ``keys`` when its packed bytes tell
        it (``("", "")``: no match; with ``count``, ``("", hits)``), found in one look: the
        stamps of their files taken together and their texts tested under one lock; ``None``
        for the others (not packed, changed, listed as no file inside the corpus, among
        ``unchecked``, or a match to list), which :meth:`searchable` reads.  A search of
        10,000 texts kept looked each up in turn, a lock taken and a stamp and a row found
        for each, six calls more a document."""
        inside = self.workspace.listed_location
        held = self.pack.held(keys)
        places = [inside(key) if packed else None for key, packed in zip(keys, held, strict=True)]
        if unchecked:
            places = [None if where in unchecked else where for where in places]
        stamps = file_stamps(places)
        test = finder.count_in_bytes if count else finder.in_bytes
        counts = self._counts_of(finder) if count else None
        known: list[int | None] = [None] * len(keys)
        tested = stamps
        if counts:  # (the texts whose hits were counted as they are now: not looked at)
            tested = list(stamps)
            for at, (key, stamp) in enumerate(zip(keys, stamps, strict=True)):
                had = counts.get(key) if stamp is not None else None
                if had is not None and had[0] == stamp:
                    known[at], tested[at] = had[1], None
        results: list[tuple[str, str | int] | None] = []
        looks = self.pack.test_each(zip(keys, tested, strict=True), test)
        for key, stamp, hits, look in zip(keys, stamps, known, looks, strict=True):
            if hits is not None:
                results.append(("", hits))
                continue
            told = None if look is None else look[0]
            if told is False or (count and told is not None and told is not True):
                results.append(("", "" if told is False else told))
                if counts is not None and stamp is not None and told is not False:
                    counts[key] = (stamp, told)
            else:
                results.append(None)
        return results

    def counted(self, key: str, finder: Finder) -> tuple[str, int] | None:
        """``(title, hits)`` of document ``key``, its hits counted in its packed bytes
        (:meth:`Finder.count_in_bytes`); ``None`` when they cannot be (the text is to be
        searched).  The title is ``""`` (a counted document's hits are not listed).  Raises
        :class:`DocumentError`."""
        _where, stamp = self._stamped(key)
        count = self._count(key, stamp, finder)
        return None if count is None else ("", count)

    def _count(self, key: str, stamp: Stamp, finder: Finder) -> int | None:
        """The hits of ``finder`` counted in the packed text of ``key`` read from a file with
        this ``stamp`` (:meth:`Finder.count_in_bytes`), as counted before if it was."""
        counts = self._counts_of(finder)
        had = None if counts is None else counts.get(key)
        if had is not None and had[0] == stamp:
            return had[1]
        count = self.pack.test(key, stamp, finder.count_in_bytes)
        if count is not None and counts is not None:
            counts[key] = (stamp, count)
        return count

    def _counts_of(self, finder: Finder) -> dict[str, tuple[Stamp, int]] | None:
        """The hits counted before of what ``finder`` counts (:attr:`Finder.counts_as`), a
        table of its own made if none is kept, the oldest of COUNTS_KEPT let go; ``None``
        for a finder that counts none."""
        what = finder.counts_as
        if what is None:
            return None
        with self._lock:
            counts = self._counts.pop(what, None)
            if counts is None:
                counts = {}
                while len(self._counts) >= COUNTS_KEPT:
                    del self._counts[next(iter(self._counts))]
            self._counts[what] = counts  # (the last asked for is the last let go)
            return counts

    def save(self) -> None:
        """Keep the texts read for the next run (see :class:`TextPack`)."""
        self.pack.save()

    def forget_missing(self, keys: Iterable[str]) -> None:
        """Drop the texts of documents not in ``keys`` (deleted or moved files)."""
        wanted = set(keys)
        with self._lock:
            for key in [k for k in self._texts if k not in wanted]:
                del self._texts[key]
            for counts in self._counts.values():  # (their hits counted: a search may count
                for key in [k for k in list(counts) if k not in wanted]:  # meanwhile)
                    counts.pop(key, None)
        self.pack.keep_only(wanted)

    def _stamped(self, key: str) -> tuple[Path | str, Stamp]:
        """Where the file of ``key`` is (see :meth:`_where`) and its stamp."""
        where = self._where(key)
        return where, file_stamp(where)

    def _where(self, key: str) -> Path | str:
        """Where the file of ``key`` is: its listed location when listed inside (no ``Path``
        made, 10,000 of them cost a tenth of a second)."""
        where: Path | str | None = self.workspace.listed_location(key)
        if where is None:
            where = self.workspace.path(key)
            self.workspace.check_inside(where)  # never a text from outside, even a packed one
        return where

    def _read(self, key: str, where: Path | str, read: Callable[[], _Read]) -> _Read:
        """``read()`` of the file of ``key`` at ``where``.  A file taken as inside the corpus
        because the last listing found it there, no link (up to a few seconds old), is read
        as no link (:func:`listed_no_link`): made a link since (``a.txt`` to
        ``/etc/passwd``), it is read only once where it leads is found inside the corpus."""
        if self.workspace.listed_location(key) != where:
            return read()  # (looked at by _where)
        try:
            with listed_no_link():
                return read()
        except MadeALink:
            self.workspace.check_key_inside(key)
            return read()

    def holds(self, key: str) -> bool:
        """Whether a text of ``key`` is kept (packed, or held here), for some stamp."""
        if key in self.pack:
            return True
        with self._lock:
            return key in self._texts

    def _fresh(
        self, key: str, where: Path | str, fmt: str, finder: Finder, count: bool, told: bool
    ) -> tuple[str, str | int]:
        """:meth:`searchable` of a text or Markdown file read now (see :func:`read_fresh`;
        ``told``: whether it is to be told from an export of ours)."""
        fresh = self._read(key, where, lambda: read_fresh(where, fmt, finder, exports=told))
        if fresh.ours:
            raise OwnExport(key)
        kept = self.pack.put(
            key, fresh.stamp, fresh.title, fresh.text, fresh.data,
            file_lines=fresh.file_lines, flags=fresh.flags,
        )  # fmt: skip
        held = fresh.held
        if held is None and kept:
            held = self.pack.test(key, fresh.stamp, finder.in_bytes)
        title = fresh.title
        if not kept:
            text = fresh.decoded()
            title = plain_title(text, where) if title is None else title
            with self._lock:
                self._texts[key] = (fresh.stamp, title, text)
        if held is False:
            return "", ""
        if count and kept:
            counted = self._count(key, fresh.stamp, finder)
            if counted is not None:
                return "", counted
        text = fresh.decoded()
        return (plain_title(text, where) if title is None else title), text

    def _get(self, key: str, where: Path | str, stamp: Stamp) -> tuple[str, str]:
        packed = self.pack.get(key, stamp)
        if packed is not None:
            title, text = packed
            return (plain_title(text, where) if title is None else title), text
        with self._lock:
            known = self._texts.get(key)
        if known is not None and known[0] == stamp:
            return known[1], known[2]
        fmt = format_of_name(os.path.basename(where))
        utf8: bytes | None = None
        problems: tuple[str, ...] = ()  # kept with the text: the command's search says them
        if fmt in ("text", "markdown"):  # no Document to build: half the time
            title, text, utf8 = self._read(key, where, lambda: read_canonical(where, fmt, stamp[1]))
        else:
            document = self.workspace.document(key)
            title, text, problems = document.title, document.text, document.problems
        # A small clean UTF-8 plain text (its bytes its text's): its lines are its file's.
        file_lines = fmt == "text" and utf8 is not None
        kept = self.pack.put(key, stamp, title, text, utf8, problems, file_lines=file_lines)
        del utf8
        with self._lock:
            if kept:
                self._texts.pop(key, None)
            else:
                self._texts[key] = (stamp, title, text)
        return title, text
