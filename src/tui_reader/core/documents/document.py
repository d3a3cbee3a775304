"""Bytes -> Document: decoded, sanitised canonical text, style spans and metadata.

All offsets are code points into ``Document.text``, half-open ``[start, end)``.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core import digests
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.formats import (
    BINARY_FORMATS,
    CONVERTER_VERSIONS,
    SNIFFED_CHARS,
    Parsed,
    format_of,
    format_of_content,
    format_of_text,
    unsupported_reason,
)
from tui_reader.core.documents.formats.plain import parse_plain
from tui_reader.core.documents.lines import added_breaks
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.core.documents.sanitize import clean_text, sanitize
from tui_reader.core.documents.span_table import SpanTable
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.streamed_text import read_utf8_text
from tui_reader.core.documents.turns import (
    Turn,
    find_turns,
    labelled_turns,
    passage_citation,
    speakers_named,
    turn_at,
)
from tui_reader.core.documents.words import count_words
from tui_reader.core.errors import (
    ConversionStopped,
    DocumentError,
    TimeLimitStopped,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from tui_reader.core.documents.conversion_cache import ConversionCache
    from tui_reader.core.documents.table_units import UnitRule


@dataclass(frozen=True, eq=False)
class Document:
    """A loaded document.  ``text`` is the canonical text every offset refers to."""

    path: Path
    text: str
    spans: Sequence[Span]  # a SpanTable when the document was parsed
    title: str
    format: str  # a name from formats.FORMAT_BY_SUFFIX: "text", "markdown", "pdf", ...
    encoding: str  # of a text file; "" for formats converted from their bytes
    sha256: str = field(repr=False)
    words: int = 0
    pages: tuple[int, ...] = field(default=(), repr=False)  # page n starts at pages[n - 1]
    turns: tuple[Turn, ...] = field(default=(), repr=False)  # speaker turns of a transcript
    # What the file says of itself: title, author, date, site, url, pages, speakers, ...
    metadata: Mapping[str, str | int] = field(default_factory=dict, repr=False)
    # Only the beginning of a big file, shown while the whole loads (see preview.py): its
    # offsets are the document's, but no annotation is placed or made on it.
    preview: bool = False
    # What could not be read of the file, the rest read (Parsed.problems): reasons, each to
    # follow the file's name and a colon.
    problems: tuple[str, ...] = field(default=(), repr=False)
    # A plain text's newlines that are no line feed of its file (a form feed, a lone CR:
    # lines.added_breaks), so that "line N" is the file's, as grep and search count it.
    added_breaks: tuple[int, ...] = field(default=(), repr=False)
    # The pages that could not be read (a scan without a text layer, a damaged page), each
    # with why (Parsed.unread): they hold no text, and lie where the page after them starts.
    unread_pages: tuple[tuple[int, str], ...] = field(default=(), repr=False)
    # The SHA-256 of the file's bytes it was read from, where they were read whole (not a
    # plain text read a chunk at a time): ""  when not known.
    source_sha256: str = field(default="", repr=False)

    def problem_lines(self) -> list[str]:
        """Each of :attr:`problems` on a line of its own naming the file, as a
        :class:`DocumentError` names it (not yet made safe to show)."""
        return [f"{self.path}: {problem}" for problem in self.problems]

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or ``None`` for a document without pages."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))

    def page_start(self, page: int) -> int:
        """Where page ``page`` (1-based, clamped to the document's pages) starts."""
        if not self.pages:
            return 0
        return self.pages[min(max(1, page), len(self.pages)) - 1]

    def unread_at(self, offset: int) -> tuple[tuple[int, str], ...]:
        """The unread pages (:attr:`unread_pages`) lying at ``offset``: those that start
        where the page holding it does (they hold no text, the page after them starts
        there), when ``offset`` is on that page's first line (reading over the place they
        were left out of), or that page itself (the last page, unread)."""
        if not self.unread_pages:
            return ()
        page = self.page_at(offset) or 1
        start = self.page_start(page)
        line_end = self.text.find("\n", start)
        if offset > (len(self.text) if line_end < 0 else line_end):
            return ()
        return tuple(
            (number, why)
            for number, why in self.unread_pages
            if number <= page and self.page_start(number) == start
        )

    @property
    def unit_rule(self) -> UnitRule:
        """How its sentences and paragraphs are cut: a table's (a CSV, TSV or Excel
        document) a row a paragraph and a sentence in its cell, any other's as prose is."""
        from tui_reader.core.documents.table_units import rule_for

        return rule_for(self.format, self.turns)

    def turn_at(self, offset: int) -> Turn | None:
        """The speaker turn holding ``offset``, or ``None``."""
        return turn_at(self.turns, offset) if self.turns else None

    def page_label(self, start: int, end: int | None = None) -> str:
        """``p. 12`` (or ``pp. 12–13`` for a passage over a page break); ``""`` without pages."""
        first = self.page_at(start)
        if first is None:
            return ""
        last = self.page_at(max(start, (end if end is not None else start) - 1)) or first
        return f"p. {first}" if last == first else f"pp. {first}–{last}"

    def citation(self, start: int, end: int | None = None) -> str:
        """Where ``[start, end)`` lies as a reader cites it: ``p. 12``, ``[00:07:09] P03``
        (across a question and its answer, ``[00:07:09] INTERVIEWER, P03``: see
        :func:`passage_citation`), both (``p. 3, [00:07:09] P03``), or ``""``."""
        parts = [self.page_label(start, end)]
        if self.turns:
            parts.append(passage_citation(self.turns, start, start if end is None else end)[2])
        return ", ".join(part for part in parts if part)


def text_sha256(text: str) -> str:
    """Hex sha256 of canonical text encoded as UTF-8 (the identity annotations are made on)."""
    if len(text) <= _CHUNK:  # (most texts: one copy, hashed as it is made)
        return digests.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    digest = digests.sha256(size=len(text))  # (its UTF-8 is as long at least)
    for i in range(0, len(text), _CHUNK):
        digest.update(text[i : i + _CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load_document(path: Path) -> Document:
    """Read and parse the file at ``path``.

    Its format is its name's, but for a plain text that is subtitles (see
    :func:`parse_document`).  Raises :class:`DocumentError` (or a subclass) naming the file
    and the problem: unsupported extension, unreadable file, binary data.
    """
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormatError(path, unsupported_reason(path.suffix))
    if fmt == "text":  # UTF-8 text is read a chunk at a time: its bytes are never whole
        added: list[int] = []
        pages: list[int] = []
        clean = read_utf8_text(path, added=added, pages=pages)
        if clean is not None and format_of_text(clean) == "text":
            parsed = _parse_text(clean, fmt, pages)
            return _document(path, fmt, "utf-8", parsed, added=added)
        # (subtitles saved as text: converted from their bytes, as their format is)
    return parse_document(read_document_bytes(path), path, fmt)  # no reference kept here


def file_format(path: Path) -> str | None:
    """The format :func:`load_document` reads the file at ``path`` in: its name's, and a
    plain text's told by its first bytes too (subtitles saved as text); ``None`` when its
    name is of no format read.  A file that cannot be read now is its name's (loading it
    says why)."""
    fmt = format_of(path)
    if fmt != "text":
        return fmt
    try:
        head = read_document_bytes(path, max_bytes=4 * SNIFFED_CHARS)
    except DocumentError:
        return fmt
    return format_of_text(head)


def parse_document(
    data: bytes, path: Path, fmt: str = "text", cache: ConversionCache | None = None
) -> Document:
    """Build a :class:`Document` from raw bytes (see :func:`load_document`).

    Formats other than plain text are converted (Markdown rendered) once and then read from
    ``cache`` (by default the user's conversion cache); a plain text that is subtitles
    (:func:`.formats.format_of_text`: a WebVTT or SubRip file saved as ``.txt``) is read as
    its format, or as the text it is when no cue of it can be read."""
    sniffed = format_of_content(fmt, data) or fmt
    if sniffed != fmt:
        try:
            return parse_document(data, path, sniffed, cache)
        except DocumentError:
            pass  # its header and timings without a word said: a text named so is shown
    source = digests.sha256(data).hexdigest()
    # The cache (json) and the converters' process limit (multiprocessing) are imported when
    # needed: a plain text opens without them (a format of no converter version is not kept).
    version = CONVERTER_VERSIONS.get(fmt)
    key = ""
    if version is not None:
        from tui_reader.core.documents.conversion_cache import cache_key, default_cache

        cache = cache if cache is not None else default_cache()
        key = cache_key(data, fmt, version, source)
        cached = cache.get(key)
        if cached is not None:
            return _document(
                path,
                fmt,
                cached.encoding,
                cached.parsed,
                cached.sha256,
                cached.words,
                source=source,
            )
        refused = cache.refusal(key)
        if refused is not None:  # these bytes could not be converted: said again, not tried
            raise DocumentError(path, refused)
        if fmt in _CONVERTERS or (fmt == "markdown" and len(data) > MARKDOWN_IN_PROCESS_BYTES):
            _not_stopped_again(cache, key, path, fmt)
    added: list[int] = []  # a plain text's (the others' lines are their text's)
    pages: list[int] = []  # its form feeds among them
    if fmt in _CONVERTERS:
        parsed, encoding = _converted(data, path, fmt, key, cache), ""
    elif fmt == "markdown" and len(data) > MARKDOWN_IN_PROCESS_BYTES:
        # A big Markdown file (a data table: 2 s a MB, in markdown-it-py) is rendered under
        # the converters' time limit, so that one of hundreds of MB cannot hold the app or
        # a command for minutes: it is refused, one line naming it (see the constant).
        encoding = decode_bytes(data, path)[1]
        parsed = _converted(data, path, fmt, key, cache)
    else:  # plain text and Markdown: decoded, then parsed
        decoded, encoding = decode_bytes(data, path)
        # load_document hands its bytes over: this is the last reference, so a 50 MB file's
        # bytes are freed before its text is parsed (the peak stays near text + file).
        del data
        if fmt == "text":
            added = added_breaks(decoded, pages)
        clean = clean_text(decoded)
        del decoded
        parsed = _parse_text(clean, fmt, pages)
    document = _document(path, fmt, encoding, parsed, added=added, source=source)
    if key and cache is not None:
        from tui_reader.core.documents.conversion_cache import Cached

        cache.put(key, Cached(parsed, document.sha256, document.words, encoding))
    return document


def _converted(
    data: bytes, path: Path, fmt: str, key: str, cache: ConversionCache | None
) -> Parsed:
    """``data`` converted as ``fmt`` under the converters' limits.  The converter's answer
    that it cannot read them (a scanned PDF's "no text layer", a damaged Word file) is kept
    in ``cache`` under ``key``, so the next command or start says it without converting
    again (3 to 4 s on a busy machine, the converters' server started for it); a conversion
    stopped by its time or memory limit, which a busy machine may cause, is not kept as its
    answer: a stop by the time limit is counted (see :func:`_not_stopped_again`)."""
    from tui_reader.core.documents.conversion_limit import convert_in_time

    try:
        return convert_in_time(data, path, fmt)
    except TimeLimitStopped as exc:
        if key and cache is not None:
            cache.note_stop(key, exc.limit)
        raise
    except ConversionStopped:
        raise
    except DocumentError as exc:
        if key and cache is not None:
            cache.refuse(key, exc.reason)
        raise


def _not_stopped_again(cache: ConversionCache, key: str, path: Path, fmt: str) -> None:
    """Raise :class:`ConversionStopped` when the conversion of ``key`` was stopped by a time
    limit as long as today's on enough runs that it is not tried again: each command waited
    the whole limit (30 s, more on a busy machine) to say the same."""
    import time

    from tui_reader.core.documents.formats import FORMAT_LABELS
    from tui_reader.locations import ENV_CONVERT_SECONDS, resolve_convert_seconds

    limit = resolve_convert_seconds()
    stops = cache.stopped(key, limit) if limit > 0 else None
    if stops is None:
        return
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stops.last))
    raise ConversionStopped(
        path,
        f"{FORMAT_LABELS.get(fmt, fmt)} conversion stopped by its {stops.limit:g} s limit on "
        f"{stops.runs} runs, the last at {when}: not tried again until the file changes; "
        f"{ENV_CONVERT_SECONDS}={4 * stops.limit:g} gives it longer",
    )


def plain_markdown_document(
    clean: str,
    path: Path,
    encoding: str,
    source_words: int | None = None,
    *,
    with_spans: bool = True,
) -> Document | None:
    """The Document of the sanitised Markdown ``clean`` (the text of the file ``path``) when
    it is plain Markdown, rendered without markdown-it (no conversion cache needed: that is
    cheaper than reading a cached copy); ``None`` for any other Markdown.  ``source_words``:
    the words of ``clean``, when they are known.  ``with_spans=False``: a Document for its
    facts only, without spans (never shown)."""
    rendered = plain_markdown_parts(clean, source_words, with_spans=with_spans)
    if rendered is None:
        return None
    parsed, words = rendered
    return _document(path, "markdown", encoding, parsed, words=words)


def plain_markdown_parts(
    clean: str, source_words: int | None = None, *, with_spans: bool = False
) -> tuple[Parsed, int | None] | None:
    """What :func:`plain_markdown_document` makes its Document of: the rendering of the plain
    Markdown ``clean`` with its turns, and its words when ``source_words`` are given (else
    None: counted in its text); ``None`` for any other Markdown.  Without spans (but its
    headings'), as the library's facts take it (:func:`told_of` gives the rest): a Document
    made for them alone, its path and span table, was a quarter of their time."""
    from tui_reader.core.documents.formats.markdown import render_plain

    parsed = render_plain(clean, with_spans=with_spans)
    if parsed is None:
        return None
    # Its text is the source's words and the bullets "•" that replace its "-"; only the
    # hashes of its headings are dropped (every line starting with "#" is a heading: as
    # many as its heading spans; counted in its source, "\n#" went at a character's pace,
    # a fifth of a Markdown file's first listing).  It is drawn from the sanitised source
    # (no entity decodes to a control): no sanitising.
    words = None
    if source_words is not None:
        words = source_words - sum(1 for span in parsed.spans if span.kind is SpanKind.HEADING)
    return _with_turns(parsed, at_headings=True), words


def plain_markdown_text(clean: str, path: Path | str) -> tuple[str, str] | None:
    """``(title, text)`` of :func:`plain_markdown_document` without the rest of the
    Document (its spans, hash, words and turns: a search needs none of them)."""
    from tui_reader.core.documents.formats.markdown import render_plain_text

    parsed = render_plain_text(clean)
    return None if parsed is None else (_title(parsed, path), parsed.text)


def plain_markdown_utf8(clean: str, path: Path | str) -> tuple[str, bytes] | None:
    """``(title, text's UTF-8)`` of :func:`plain_markdown_text` of an ASCII note holding a
    heading, its text never made (:func:`~tui_reader.core.documents.formats.markdown.
    render_plain_utf8`); else ``None`` (:func:`plain_markdown_text` says it)."""
    from tui_reader.core.documents.formats.markdown import render_plain_utf8

    rendered = render_plain_utf8(clean)
    if rendered is None:
        return None
    utf8, title = rendered
    return _title(Parsed(text="", spans=[], title=title), path), utf8


# Markdown bigger than this is rendered in a child, under the time limit (see parse_document).
# Some Markdown costs far more a byte than prose (0.55 s of CPU a MB): a row of 250,000 table
# cells 4 s a MB, 400 KB of nested brackets 3.4 s, of emphasis 2.2 s; a file of 1 MB held the
# command or the app's worker for seconds, past any limit.  The child costs about 0.05 s more,
# once (the text is then cached): at 128 KB, prose renders in 0.07 s, the worst in about 1 s.
MARKDOWN_IN_PROCESS_BYTES = 128_000


def _parse_markdown(clean: str, _path: Path) -> Parsed:
    """A Markdown file's decoded, sanitised text rendered (as a converter is called)."""
    return _parse_text(clean, "markdown")


def _parse_text(clean: str, fmt: str, pages: Sequence[int] = ()) -> Parsed:
    """``pages``: a plain text's newlines that end a page of its file (form feeds)."""
    if fmt == "markdown":
        # Imported here: a plain-text document never pays for markdown-it-py.
        from tui_reader.core.documents.formats.markdown import parse_markdown

        parsed: Parsed = parse_markdown(clean)
    else:
        parsed = parse_plain(clean, pages)
    return _finished(parsed, clean, fmt)


def _finished(parsed: Parsed, clean: str, fmt: str) -> Parsed:
    # Markdown rendering may reintroduce nothing unsafe (its output is drawn from the
    # sanitised input), but entity references such as "&#27;" decode to controls: sanitise
    # again and, if that changed anything, fall back to the safe plain rendering.
    if fmt == "markdown" and sanitize(parsed.text) != parsed.text:
        parsed = parse_plain(clean)
    if not parsed.turns:
        parsed = _with_turns(parsed, at_headings=fmt == "markdown")
    if fmt == "markdown" and not parsed.turns:
        parsed = _with_labelled_turns(replace(parsed, labels=_strong_labels(parsed)))
    return parsed


# Converters are imported when first needed: their libraries take time to load.
_CONVERTERS: dict[str, str] = {
    "pdf": "pdf:convert_pdf",
    "docx": "docx:convert_docx",
    "odt": "odt:convert_odt",
    "epub": "epub:convert_epub",
    "html": "html:convert_html",
    "mhtml": "mhtml:convert_mhtml",
    "rtf": "rtf:convert_rtf",
    "vtt": "subtitles:convert_vtt",
    "srt": "subtitles:convert_srt",
    "sbv": "subtitles:convert_sbv",
    "eml": "mail:convert_eml",
    "csv": "delimited:convert_csv",
    "tsv": "delimited:convert_tsv",
    "xlsx": "xlsx:convert_xlsx",
}
# Comma- and tab-separated text: a file of no bytes is an empty table, as an empty text is
# an empty document (an export's file made and not yet written is no damaged one).
_TABLE_FORMATS = frozenset({"csv", "tsv"})
# Formats whose text is looked at for speaker turns once converted (subtitles find their own;
# plain text and Markdown are looked at as they are parsed).  A transcript shared as a PDF,
# a web page or an e-book had none: no speakers, no turn keys, no autocode --speaker.
_TRANSCRIPT_FORMATS = frozenset(
    {"docx", "odt", "rtf", "pdf", "html", "mhtml", "epub", "eml", "csv", "tsv", "xlsx"}
)
_TURN_ENDS = frozenset({SpanKind.HEADING, SpanKind.RULE})  # what ends a transcript's turn
_TITLE_TURNS = 3  # the first turns whose lines a title found above a transcript may be


def _converter(fmt: str) -> Callable[..., Parsed]:
    module, name = _CONVERTERS[fmt].split(":")
    loaded: Any = importlib.import_module(f"tui_reader.core.documents.formats.{module}")
    converter: Callable[..., Parsed] = getattr(loaded, name)
    return converter


def convert(data: bytes, path: Path, fmt: str) -> Parsed:
    """Convert the file bytes ``data``: binary formats from their bytes, the rest from their
    decoded, sanitised text.  Any failure of a converter's library is a DocumentError.  (The
    app and the commands call it through :func:`.conversion_limit.convert_in_time`.)"""
    if not data and fmt in _CONVERTERS and fmt not in _TABLE_FORMATS:
        # A file of no bytes (made and never saved, or cut off when copied) was called
        # damaged ("not a readable zip", "damaged or not a PDF"): a good copy was looked for.
        raise DocumentError(path, "empty file (0 bytes)")
    converter: Callable[..., Parsed] = _parse_markdown if fmt == "markdown" else _converter(fmt)
    try:
        if fmt in BINARY_FORMATS:
            parsed = converter(data, path)
        else:
            declared = None
            if fmt == "rtf":  # its binary data (a picture's raw bytes) is no text to decode
                from tui_reader.core.documents.formats.rtf import without_binary

                data = without_binary(data)
            if fmt == "html":
                from tui_reader.core.documents.formats.html import declared_encoding

                declared = declared_encoding(data)
            decoded, _ = decode_bytes(data, path, declared)
            parsed = converter(clean_text(decoded), path)
    except DocumentError:
        raise
    except RecursionError as exc:
        raise DocumentError(path, f"refused: {fmt} nested too deeply") from exc
    except MemoryError as exc:  # (its memory cap: kept as no answer on the file)
        raise ConversionStopped(path, f"refused: {fmt} too big to convert") from exc
    except Exception as exc:  # a library's own error on a malformed file
        raise DocumentError(path, f"damaged {fmt} file ({type(exc).__name__})") from exc
    if sanitize(parsed.text) != parsed.text:  # every converter writes sanitised text
        raise DocumentError(path, f"{fmt} conversion produced unsafe text")
    if fmt in _TRANSCRIPT_FORMATS and not parsed.turns:
        parsed = _with_turns(parsed, at_headings=True)
    if fmt in _STRONG_FORMATS and not parsed.turns and not parsed.labels:
        parsed = replace(parsed, labels=_strong_labels(parsed))
    return _with_labelled_turns(parsed)


def _with_labelled_turns(parsed: Parsed) -> Parsed:
    """``parsed`` with the turns its speakers' names only its format shows give (see
    :attr:`Parsed.labels`), when it has no turns and they read as a transcript's."""
    if parsed.labels and not parsed.turns:  # speakers' names only its format shows
        turns = labelled_turns(parsed.text, parsed.labels)
        if turns:
            title = parsed.title
            if title and any(parsed.text.startswith(title, t.start) for t in turns[:_TITLE_TURNS]):
                # The first turn's line ("ANA LÓPEZ Where did you sleep?", the name set bold)
                # read as a title before its name was known as a speaker's: no speaker's
                # words are a title, as in a plain text transcript.
                title = None
            parsed = replace(parsed, turns=_ended_at_headings(turns, parsed), title=title)
    return parsed


# Formats whose bold is a span of the text only (a web page's <b>, an e-book's, Markdown's
# **): a speaker's name set bold before what was said, no colon ("**ANA** Under the
# bridge."), gave no turns, as it did in Word before its runs were read for them.
_STRONG_FORMATS = frozenset({"html", "mhtml", "epub", "markdown"})


def _strong_labels(parsed: Parsed) -> tuple[tuple[int, int, int], ...]:
    """The speakers' names set bold opening ``parsed``'s paragraphs (a strong span at a
    paragraph's start), as :attr:`Parsed.labels` holds them, read as Word's bold runs are
    (:func:`~.formats.builder.bold_label`)."""
    strong = {s.start: s.end for s in parsed.spans if s.kind is SpanKind.STRONG}
    if not strong:
        return ()
    from tui_reader.core.documents.formats.builder import bold_label

    labels = []
    for span in parsed.spans:
        bold_end = strong.get(span.start) if span.kind is SpanKind.PARAGRAPH else None
        if bold_end is not None and bold_end < span.end:
            text = parsed.text[span.start : span.end]
            label = bold_label(text, bold_end - span.start, span.start)
            if label is not None:
                labels.append(label)
    return tuple(sorted(labels))


def _with_turns(parsed: Parsed, *, at_headings: bool = False) -> Parsed:
    """``parsed`` with the speaker turns of its text, if it is a transcript; ``at_headings``:
    a turn ends before a heading or a horizontal rule that follows it (a Word file's Notes
    section, where its footnotes and comments are, its next part, a Markdown transcript's
    closing notes after a rule), never running on to the end."""
    turns = find_turns(parsed.text)
    if not turns:
        return parsed
    if at_headings:
        turns = _ended_at_headings(turns, parsed)
    title = parsed.title
    if title and any(_first_line(parsed.text, t.start) == title for t in turns[:_TITLE_TURNS]):
        # A name and its time set bold above what was said ("Maria Lopez (00:00:05)", a
        # transcript's first turn) read as a title typed bold before the turn was known:
        # no speaker's label is a title.
        title = None
    return replace(parsed, turns=turns, title=title)


def _first_line(text: str, start: int) -> str:
    """The line of ``text`` starting at ``start``, stripped."""
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end].strip()


def _ended_at_headings(turns: tuple[Turn, ...], parsed: Parsed) -> tuple[Turn, ...]:
    """``turns`` each ended before a heading or a rule after it (:data:`_TURN_ENDS`) or a
    table (:attr:`Parsed.tables`: the last turn of a Word transcript ran on over the table of
    its participants below it), and a turn opening in a listing (a web page's ``<pre>``, a
    Markdown fence: an exchange quoted whole in a report) where the listing ends: the last
    one ran on over the report's next paragraphs, coded as that speaker's words."""
    tables = _tables_ending_turns(turns, parsed.text, parsed.tables)
    heads = sorted([*(s.start for s in parsed.spans if s.kind in _TURN_ENDS), *tables])
    listings = sorted((s.start, s.end) for s in parsed.spans if s.kind is SpanKind.CODE_BLOCK)
    if not heads and not listings:
        return turns
    starts = [start for start, _ in listings]
    ended = []
    for turn in turns:
        i = bisect_right(heads, turn.body)
        if i < len(heads) and heads[i] < turn.end:
            end = len(parsed.text[: heads[i]].rstrip())
            turn = replace(turn, end=max(end, turn.body))
        j = bisect_right(starts, turn.start) - 1
        if j >= 0 and turn.start < listings[j][1] < turn.end:
            end = len(parsed.text[: listings[j][1]].rstrip())
            turn = replace(turn, end=max(end, turn.body))
        ended.append(turn)
    return tuple(ended)


def _tables_ending_turns(
    turns: Sequence[Turn], text: str, tables: Sequence[tuple[int, int]]
) -> list[int]:
    """Where the ``tables`` (``(start, end)`` each) that end the turn they are in start: all
    but those inside an answer, words of it below the table before the next turn opens (a
    table in the middle of an answer left the answer's words after it in no turn)."""
    starts = [turn.start for turn in turns]
    ending = []
    for start, end in tables:
        following = bisect_right(starts, start)
        if following == len(starts) or starts[following] < end:
            ending.append(start)  # after the last turn, or a table of turns
        elif not text[end : starts[following]].strip():
            ending.append(start)  # right above the next turn: nothing of the answer below it
    return ending


def _document(
    path: Path,
    fmt: str,
    encoding: str,
    parsed: Parsed,
    sha256: str | None = None,
    words: int | None = None,
    *,
    added: Sequence[int] = (),
    source: str = "",
) -> Document:
    text = parsed.text
    title, metadata, turns = told_of(parsed, path)
    return Document(
        path=path,
        text=text,
        spans=SpanTable.of(parsed.spans),
        title=title,
        format=fmt,
        encoding=encoding,
        sha256=text_sha256(text) if sha256 is None else sha256,
        words=count_words(text) if words is None else words,
        pages=parsed.pages,
        turns=turns,
        metadata=metadata,
        problems=parsed.problems,
        added_breaks=tuple(added),
        unread_pages=parsed.unread,
        source_sha256=source,
    )


def told_of(parsed: Parsed, path: Path | str) -> tuple[str, dict[str, str | int], tuple[Turn, ...]]:
    """The title, metadata and turns of the Document of ``parsed`` (the file ``path``)."""
    title = _title(parsed, path)
    # What a file says of itself (a PDF's title and author, an EPUB's publisher) is shown
    # as it is: it may hold control characters (a BEL, an escape sequence's remains).
    metadata = {k: sanitize(v) if isinstance(v, str) else v for k, v in parsed.metadata.items()}
    turns = _outside_headings(parsed.turns, parsed.spans)
    speakers = speakers_named(turns)
    if speakers:
        metadata.setdefault("speakers", speakers)
    return title, metadata, turns


def _outside_headings(turns: tuple[Turn, ...], spans: Sequence[Span]) -> tuple[Turn, ...]:
    """``turns`` without those a heading holds whole: a Word or Markdown transcript's title
    "Entrevista 1: Migración y trabajo" is no turn of a speaker "Entrevista 1" (a heading
    of a label alone, what was said below it, still opens its turn).  Done as the document
    is made, so a conversion kept in the cache reads so too."""
    heads = sorted((s.start, s.end) for s in spans if s.kind is SpanKind.HEADING)
    if not turns or not heads:
        return turns
    starts = [start for start, _ in heads]

    def in_heading(turn: Turn) -> bool:
        i = bisect_right(starts, turn.start) - 1
        return i >= 0 and turn.end <= heads[i][1]

    kept = tuple(turn for turn in turns if not in_heading(turn))
    return turns if len(kept) == len(turns) else kept


def _title(parsed: Parsed, path: Path | str) -> str:
    """The document's title: the one its format found, else its metadata's, else its name."""
    title = one_line(parsed.title) if parsed.title else ""
    return title or one_line(str(parsed.metadata.get("title", ""))) or Path(path).stem


# Code points hashed at a time: their copies (the slice, its UTF-8) stay under 256 KB, so
# hashing a 50 MB text adds nothing to the memory it takes at its peak (1 M: 5 MB more).
_CHUNK = 1 << 16


TITLE_LENGTH = 200  # code points: a title longer than this (a first line that is a whole
# paragraph) is cut at a word with an ellipsis, so lists, headings and exports name it in a line


def one_line(title: str) -> str:
    """``title`` on one line, control characters left out, spaces collapsed, at most
    :data:`TITLE_LENGTH` code points: a longer one ends at the last whole word that fits,
    followed by "…"."""
    line = " ".join(sanitize(title[: TITLE_LENGTH * 4]).split())
    if len(line) <= TITLE_LENGTH:
        return line
    cut = line.rfind(" ", TITLE_LENGTH // 2, TITLE_LENGTH)
    return line[: TITLE_LENGTH - 1 if cut < 0 else cut].rstrip() + "…"
