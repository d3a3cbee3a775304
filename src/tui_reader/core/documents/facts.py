"""What the library shows of a document (title, words, length) without building the Document.

Plain text: the same decoding, sanitising, title rule and word count as
:func:`~tui_reader.core.documents.document.load_document`, so the facts are exact, minus the
paragraph spans.  Plain Markdown (paragraphs, ``#`` headings, ``-`` lists) is rendered without
markdown-it, so its facts are exact too.  Other Markdown: parsing is the expensive part
(markdown-it-py, about 1 MB/s), so :func:`quick_facts` reads the title from the first heading
and counts the words of the source without its markup characters (close, marked
``exact=False``); :func:`facts_of` gives the exact facts of a loaded document.  Other formats
(converters) have no quick facts: the caller loads them (and caches the result).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core import digests
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import (
    Document,
    one_line,
    parse_document,
    plain_markdown_parts,
    text_sha256,
    told_of,
)
from tui_reader.core.documents.formats import FORMAT_LABELS, Parsed, format_of_text
from tui_reader.core.documents.lines import page_breaks
from tui_reader.core.documents.safe_read import read_document_bytes_and_status
from tui_reader.core.documents.sanitize import (
    C0_AND_DEL,
    clean_text,
    holds_invisible,
    holds_separator,
)
from tui_reader.core.documents.stamps import Stamp, stamp_of_stat
from tui_reader.core.documents.titles import find_title_line
from tui_reader.core.documents.turns import find_turns, speakers_named
from tui_reader.core.documents.words import clean_utf8_words, count_words
from tui_reader.core.lazy_pattern import LazyPattern
from tui_reader.core.rare_find import holds_any_byte

if TYPE_CHECKING:
    from tui_reader.core.documents.facts_cache import FactsCache

QUICK_FORMATS = frozenset({"text", "markdown"})
_HEADING = LazyPattern(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*(?:#+[ \t]*)?$", re.MULTILINE)
# Emphasis, code and link markup; an underscore inside a word is none ("my_crate_name",
# "snake_case": CommonMark emphasises no part of a word with underscores); a footnote's
# reference ("[^1]": no part of a title, as the rendering's number is none).
_INLINE_MARKUP = LazyPattern(r"\[\^[^\]\s]+\]|[*`~]+|(?<!\w)_+|_+(?!\w)|!?\[|\]\([^)]*\)")
_HTML_COMMENT = LazyPattern(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TITLE_SCAN = 64 * 1024  # code points of a note looked at for a title line
# A vault's link ("[[Page|shown]]") or highlight ("==marked==") in a heading.
_VAULT_MARKUP = LazyPattern(r"!?\[\[([^\[\]|\n]*?)(?:\|([^\[\]\n]*))?\]\]|==([^\s=][^=\n]*?)==")


def _vault_words(found: re.Match[str]) -> str:
    """What the rendering shows of a vault's link or highlight (see formats.markdown)."""
    if found.group(3) is not None:
        return found.group(3)
    target, shown = found.group(1).strip(), (found.group(2) or "").strip()
    return shown or " > ".join(part for part in target.split("#") if part)


# A "word" of Markdown source that the rendering drops: a heading's hashes, a quote marker,
# a table's pipes (bullets and numbers stay: they are drawn as "•" and "1.").
_MARKUP_WORD = LazyPattern(r"(?:^|(?<=\s))(?:#{1,6}|>+|\|)(?=\s|$)")


@dataclass(slots=True)
class DocumentFacts:
    """Title, words and length (code points of canonical text) of a document, and what
    ``tui-reader list`` tells of it; ``exact`` is False when they were estimated from the
    source (Markdown before it is parsed: no hash then).

    Never changed once made, yet not a frozen dataclass: a frozen one's ``__init__`` sets
    each of its ten fields through ``object.__setattr__``, four times as long, and the facts
    cache makes one for each of a corpus's 10,000 files before the library's first rows
    (never hashed: its metadata is a dict)."""

    title: str
    words: int
    length: int
    exact: bool = True
    format: str = "text"
    encoding: str = ""
    sha256: str = ""
    pages: int = 0
    metadata: Mapping[str, str | int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # what could not be read of it (Document.problems)

    @property
    def kind(self) -> str:
        """The format's name for converted formats ("PDF", "Word"), else ""."""
        return "" if self.format in QUICK_FORMATS else FORMAT_LABELS.get(self.format, "")

    def fields(self) -> FactFields:
        """Its fields in order, as plain data (``DocumentFacts(*fields)`` makes it again):
        what a second process hands back, pickled at C's pace (the objects themselves went
        through their slots' state, a dictionary each, 5,000 of them a first listing)."""
        return (
            self.title,
            self.words,
            self.length,
            self.exact,
            self.format,
            self.encoding,
            self.sha256,
            self.pages,
            self.metadata,
            self.problems,
        )


FactFields = tuple[
    str, int, int, bool, str, str, str, int, Mapping[str, str | int], tuple[str, ...]
]


def facts_of(document: Document) -> DocumentFacts:
    """The exact facts of a loaded document."""
    return DocumentFacts(
        document.title,
        document.words,
        len(document.text),
        format=document.format,
        encoding=document.encoding,
        sha256=document.sha256,
        pages=len(document.pages),
        metadata=dict(document.metadata),
        problems=document.problems,
    )


def quick_facts(path: Path | str, fmt: str) -> DocumentFacts:
    """Facts of the text or Markdown file at ``path`` without parsing it into a Document
    (given as listed, a text file's needs no ``Path``: 10,000 of them cost 0.1 s).

    Raises :class:`DocumentError` as :func:`load_document` would (unreadable, binary)."""
    return quick_facts_and_stamp(path, fmt)[0]


def quick_facts_and_stamp(
    path: Path | str, fmt: str, kept: FactsCache | None = None, key: str = ""
) -> tuple[DocumentFacts, Stamp]:
    """:func:`quick_facts`, with the stamp of the file they were read from (taken as it was
    opened: a first listing stat'ed each file before reading it, a tenth of its time).
    ``kept`` and ``key``: as :func:`quick_facts_text_and_raw` takes them."""
    facts, _text, stamp, _raw = quick_facts_text_and_raw(path, fmt, kept, key)
    return facts, stamp


def quick_facts_and_text(
    path: Path | str, fmt: str, kept: FactsCache | None = None, key: str = ""
) -> tuple[DocumentFacts, str | None, Stamp]:
    """:func:`quick_facts_and_stamp`, with the document's canonical text when the facts are
    exact and were read (as :func:`load_document` makes it: what passages are placed in),
    else ``None`` (Markdown that is not plain: its text needs the conversion; or the facts
    ``kept`` given back, see :func:`quick_facts_text_and_raw`)."""
    facts, text, stamp, _raw = quick_facts_text_and_raw(path, fmt, kept, key)
    return facts, text, stamp


def quick_facts_text_and_raw(
    path: Path | str, fmt: str, kept: FactsCache | None = None, key: str = ""
) -> tuple[DocumentFacts, str | None, Stamp, str]:
    """:func:`quick_facts_and_text`, with the SHA-256 of the file's bytes read.  ``kept``:
    the facts cache holding ``key``'s facts: when the file's bytes are those they were found
    in (its stamp changed: touched, a sync or a checkout), they are given back with no text
    and kept under its stamp now (:meth:`FactsCache.touched`, the rule for every format):
    no title, word or turn found again, no Markdown rendered.  Facts exact and no text: those
    kept (their text is the one of their hash)."""
    if fmt not in QUICK_FORMATS:
        raise ValueError(f"no quick facts for {fmt!r} documents")
    data, status = read_document_bytes_and_status(path)
    stamp = stamp_of_stat(status)
    if kept is not None:
        same = kept.touched(key, stamp, data)
        if same is not None:
            return same[0], None, stamp, same[1]
    facts, text, raw = _quick_facts(data, path, fmt)
    return facts, text, stamp, raw


def _quick_facts(data: bytes, path: Path | str, fmt: str) -> tuple[DocumentFacts, str | None, str]:
    """The facts, the text (as :func:`quick_facts_and_text` says) and the bytes' SHA-256."""
    if fmt == "text" and format_of_text(data) != "text":  # subtitles saved as text
        parsed = parse_document(data, Path(path), fmt)
        return facts_of(parsed), parsed.text, parsed.source_sha256
    clean = clean_utf8_and_words(data)
    words = -1
    # (a clean UTF-8 text's hash is its bytes': taken once for both)
    raw = digests.sha256(data).hexdigest()
    sha256 = ""
    pages: list[int] = []  # (a form feed is a control byte: none in a clean file)
    if clean is not None:  # most files: one pass over the bytes, and they are the text's UTF-8
        (text, words), encoding = clean, "utf-8"
        if fmt == "text":  # (a Markdown file's hash is its rendered text's, not its source's)
            sha256 = raw
    else:
        decoded, encoding = decode_bytes(data, path)
        pages = page_breaks(decoded) if fmt == "text" else []
        text = clean_text(decoded)
        del decoded
    del data
    if fmt == "markdown":
        rendered = plain_markdown_parts(text, None if words < 0 else words)
        if rendered is not None:  # exact, and as cheap as plain text
            return _plain_markdown_facts(*rendered, path, encoding), rendered[0].text, raw
        words = count_words(text) if words < 0 else words
        return _markdown_facts(text, Path(path), encoding, words), None, raw
    speakers = speakers_named(find_turns(text))
    metadata: dict[str, str | int] = {}
    if speakers:  # as load_document tells a transcript's speakers
        metadata["speakers"] = speakers
    facts = DocumentFacts(
        plain_title(text, path, pages),
        count_words(text) if words < 0 else words,
        len(text),
        encoding=encoding,
        sha256=sha256 or text_sha256(text),
        metadata=metadata,
    )
    return facts, text, raw


_UNCLEAN = C0_AND_DEL  # what decoding refuses or cleaning removes (CR, NUL, ESC, ...)
_C1_UTF8 = LazyPattern(rb"\xc2[\x80-\x9f\xad]")  # a C1 control or a soft hyphen


def clean_utf8(data: bytes) -> str | None:
    """The text of ``data`` when it is UTF-8 (no BOM) that cleaning leaves as it is: then
    ``clean_text(decode_bytes(data)[0])`` is ``data`` decoded, and its
    encoding "utf-8"; ``None`` otherwise (the caller takes that path).  As
    :func:`clean_utf8_and_words` says, without counting words (a third of its time)."""
    if data.startswith(codecs.BOM_UTF8):
        return None
    if holds_any_byte(data, _UNCLEAN):  # a control byte to clean
        return None
    return _decoded_clean(data)


def _decoded_clean(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 when that needs no cleaning of C1 controls, soft hyphens or
    zero-width spaces and no line separator to turn into newlines, else None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.isascii():  # (known at once) no C1 control, soft hyphen, separator or joiner
        return text
    if b"\xc2" in data and _C1_UTF8.search(data) is not None:
        return None
    # Looked for in the text, a character at a time at memchr's pace: in its bytes, each
    # curly apostrophe (E2 80 99) began a false start of the separators' and the zero-width
    # characters' bytes (0.1 ms for an article of 10 KB with a hundred of them).
    if holds_separator(text):
        return None  # a line or paragraph separator, turned into newlines
    if holds_invisible(text):
        return None  # a zero-width space or joiner, left out
    return text


def clean_utf8_and_words(data: bytes) -> tuple[str, int] | None:
    """:func:`clean_utf8`'s text and its words (``len(text.split())``): the pass over the
    bytes that finds no control byte counts the words."""
    if data.startswith(codecs.BOM_UTF8):
        return None
    words = clean_utf8_words(data, _UNCLEAN)
    text = None if words is None else _decoded_clean(data)
    return None if text is None or words is None else (text, words)


def plain_title(text: str, path: Path | str, pages: Sequence[int] = ()) -> str:
    """The title :func:`load_document` gives the plain text ``text`` of the file ``path``
    (``pages``: the newlines of ``text`` that end a page of the file, its form feeds:
    :func:`~.lines.page_breaks` of the file decoded)."""
    found = find_title_line(text, pages=pages)
    return (one_line(text[found[0] : found[1]]) if found else "") or Path(path).stem


def _plain_markdown_facts(
    parsed: Parsed, words: int | None, path: Path | str, encoding: str
) -> DocumentFacts:
    """The facts of the Document of plain Markdown :func:`plain_markdown_parts` gives (its
    rendering ``parsed`` and ``words``, of the file ``path``), that Document not made."""
    text = parsed.text
    title, metadata, _turns = told_of(parsed, path)
    return DocumentFacts(
        title,
        count_words(text) if words is None else words,
        len(text),
        format="markdown",
        encoding=encoding,
        sha256=text_sha256(text),
        pages=len(parsed.pages),
        metadata=metadata,
        problems=parsed.problems,
    )


def _markdown_facts(source: str, path: Path, encoding: str, words: int) -> DocumentFacts:
    from tui_reader.core.documents.formats.markdown import header_fields

    # The title a note's header gives titles it, as its rendering does (an Obsidian or Hugo
    # note's "title:"): the library named it by its first heading until it was opened.
    own = str(header_fields(source).get("title") or "")
    headings = [(len(m.group(1)), m.group(2)) for m in _HEADING.finditer(source, 0, 200_000)]
    raw: str | None = own or None
    for level, heading in headings if raw is None else ():
        if level == 1 and heading.strip():
            raw = heading
            break
    if raw is None and headings:
        raw = headings[0][1]
    if raw is None:
        # A comment is shown as nothing: no title ("<!-- draft -->" above the note).
        shown = _HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), source[:_TITLE_SCAN])
        found = find_title_line(shown)
        raw = shown[found[0] : found[1]] if found else None
    if raw and ("[[" in raw or "==" in raw):  # a vault's link or highlight, as rendered
        raw = _VAULT_MARKUP.sub(_vault_words, raw)
    title = one_line(_INLINE_MARKUP.sub("", raw)) if raw else ""
    words -= len(_MARKUP_WORD.findall(source))
    return DocumentFacts(
        title or path.stem,
        max(0, words),
        len(source),
        exact=False,
        format="markdown",
        encoding=encoding,
    )
