"""One module per input format; each turns a file into canonical text + spans (+ pages, turns,
metadata).

Text formats (plain, Markdown, web pages, RTF, subtitles) receive decoded, newline-normalised,
sanitised text; binary formats (PDF, Word, OpenDocument, EPUB) receive the file's bytes and
sanitise every piece of text they write (see :mod:`.builder`), so offsets never move after
conversion.  Offsets are code points into ``Parsed.text``, half-open ``[start, end)``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui_reader.core.lazy_pattern import LazyPattern

if TYPE_CHECKING:  # listing a corpus needs the formats' names, not their parts
    from pathlib import Path

    from tui_reader.core.documents.spans import Span
    from tui_reader.core.documents.turns import Turn

Metadata = Mapping[str, str | int]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a format module produces.

    ``title`` is ``None`` when the format found none of its own.  ``pages`` holds the offset
    where each page starts (page ``n`` starts at ``pages[n - 1]``), empty for formats without
    pages.  ``turns`` are the speaker turns of a transcript.  ``metadata`` holds what the file
    says of itself: ``title``, ``author``, ``date``, ``site``, ``url``, ``pages``, ...
    ``problems`` are what could not be read of a file whose rest was (an EPUB's missing
    chapter), each a reason to follow the file's name and a colon, as a DocumentError's.
    ``labels`` are speakers' names only the file's formatting tells (see the field).
    """

    text: str
    spans: Sequence[Span]  # a list, or a SpanTable (plain text: one span per paragraph)
    title: str | None
    pages: tuple[int, ...] = ()
    turns: tuple[Turn, ...] = ()
    metadata: Metadata = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    # Speakers' names the text alone does not tell from words: a Word transcript's names set
    # bold before what was said, no colon ("INTERVIEWER How did you come?"), each
    # (start, end, body); looked at for turns when the text shows none (not kept in caches:
    # the turns found are).
    labels: tuple[tuple[int, int, int], ...] = ()
    # The pages that could not be read, each (its number, 1-based; why, a few words: "scanned,
    # no text layer"): they hold no text (a page's start is the next one's), which only
    # ``problems`` named, for the whole file; so the reader can say so where they lie.
    unread: tuple[tuple[int, str], ...] = ()
    # Where each table of a Word, OpenDocument or RTF file lies, (start, end): a
    # transcript's turn ends before a table after it (see document._ended_at_headings), no
    # speaker's words (not kept in caches: the turns found are).
    tables: tuple[tuple[int, int], ...] = ()


FORMAT_BY_SUFFIX: dict[str, str] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    # comma- and tab-separated text, as transcription services export a transcript (a row
    # a turn: speaker, time, what was said), read with the csv module: a .csv was refused,
    # a .tsv's quoted cells kept their quotes
    ".csv": "csv",
    ".tsv": "tsv",
    # an Excel workbook: survey answers (Microsoft Forms exports them so alone) and a
    # transcript kept as a sheet, read as its sheet saved as CSV is
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",  # with macros (never run): the same workbook
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",  # with macros (never run): the same document
    ".dotx": "docx",  # a template: the same document
    ".dotm": "docx",
    ".odt": "odt",
    ".ott": "odt",  # a template: the same document
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".webarchive": "mhtml",  # Safari's Web Archive: a saved page, read as MHTML's is
    ".epub": "epub",
    ".vtt": "vtt",
    ".srt": "srt",
    ".sbv": "sbv",  # YouTube's captions (SubViewer), as YouTube Studio downloads them
    ".eml": "eml",  # an e-mail message saved as a file
}


# Files of a kind people keep beside their documents that tui-reader cannot read, and what
# to do: an old Word file was refused as any other file ("unsupported file type '.doc'").
_SAVE_AS = {
    ".doc": "an old Word file (Word 97-2003)",
    ".dot": "an old Word template (Word 97-2003)",
    ".wpd": "a WordPerfect file",
    ".wps": "a Microsoft Works file",
    ".sxw": "an old OpenOffice file",
}


# Files that Word and LibreOffice do not save again as .docx, and how their own program
# makes one: a Mac's Pages document, and the link Google Drive for desktop keeps in a synced
# folder for each Google Docs document (a few bytes naming it, not its text). Each was
# "unsupported file type", which said nothing of how to read it.
_EXPORT_AS = {
    ".pages": ("an Apple Pages file", "export it as .docx in Pages (File > Export To > Word)"),
    ".gdoc": (
        "a link to a Google Docs document (Google Drive's, not the document)",
        "download it as .docx in Google Docs (File > Download > Microsoft Word)",
    ),
    # the spreadsheets a workbook (.xlsx) is made of: each was "unsupported file type"
    ".xls": (
        "an old Excel workbook (Excel 97-2003)",
        "save it as .xlsx in Excel or LibreOffice (File > Save As)",
    ),
    ".ods": (
        "an OpenDocument spreadsheet",
        "save it as .xlsx in LibreOffice (File > Save As, Excel 2007-365)",
    ),
    ".numbers": (
        "an Apple Numbers file",
        "export it as .xlsx in Numbers (File > Export To > Excel)",
    ),
}


# The kinds of documents an empty corpus is told it may hold (the app's, list's), the common
# of those FORMAT_BY_SUFFIX reads
SAID_SUFFIXES = ".txt, .md, .pdf, .docx, .odt, .rtf, .epub, .html, .csv, .vtt, .srt, .eml"
UNSUPPORTED = "unsupported file type"  # a file of a type read by no program tui-reader knows


def unsupported_reason(suffix: str) -> str:
    """Why a file whose name ends in ``suffix`` is not read, and for an old word
    processor's file, or a document of a program tui-reader cannot read, what to do ("save
    it as .docx")."""
    exported = _EXPORT_AS.get(suffix.lower())
    if exported is not None:
        return f"{exported[0]}, which tui-reader does not read; {exported[1]}"
    kind = _SAVE_AS.get(suffix.lower())
    if kind is None:
        return f"{UNSUPPORTED} {suffix!r}"
    return f"{kind}, which tui-reader does not read; save it as .docx in Word or LibreOffice"


# The media type of a file of each extension tui-reader reads (IANA's where it names one), as
# an export says what a document's file is (a W3C target's format): fixed here, not the
# system's mimetypes, whose tables differ from one machine to another
MEDIA_TYPE_BY_SUFFIX: dict[str, str] = {
    "": "text/plain",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docm": "application/vnd.ms-word.document.macroEnabled.12",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    ".dotm": "application/vnd.ms-word.template.macroEnabled.12",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ott": "application/vnd.oasis.opendocument.text-template",
    ".rtf": "application/rtf",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".mht": "multipart/related",
    ".mhtml": "multipart/related",
    ".epub": "application/epub+zip",
    ".vtt": "text/vtt",
    ".eml": "message/rfc822",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
}


def media_type_of_name(name: str) -> str | None:
    """The media type of a file named ``name`` (by its extension, as :func:`format_of_name`
    reads it), or None where none is registered (a Safari web archive, subtitles of
    SubRip or YouTube) or tui-reader does not read the file."""
    dot = name.rfind(".")
    return MEDIA_TYPE_BY_SUFFIX.get(name[dot:].lower() if 0 < dot < len(name) - 1 else "")


def format_of(path: Path) -> str | None:
    """The format name for ``path`` by its extension, or ``None`` when unsupported."""
    return format_of_name(path.name)


def format_of_name(name: str) -> str | None:
    """The format name for a file named ``name`` (its extension, as ``Path.suffix`` finds
    it; none: plain text), or ``None``: without building a Path (a corpus of 10,000 files is
    listed)."""
    dot = name.rfind(".")
    return FORMAT_BY_SUFFIX.get(name[dot:].lower() if 0 < dot < len(name) - 1 else "")


# A file its name calls plain text that is subtitles: a WebVTT file (its header, then a cue's
# timing in its first lines) or a SubRip one (a cue's number, then its timing), as Zoom and
# Otter save transcripts ("transcript.txt"). A timing line further in (an arrow in a text's
# words, "draft --> review", or a Teams transcript's "0:0:4.32 --> 0:0:8.64" above a name with
# no number before it) leaves a text a text.
_NEWLINE = r"(?:\r\n?|\n)"
_CUE_STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}"
_CUE_TIMING = rf"[ \t]*{_CUE_STAMP}[ \t]*-->[ \t]*{_CUE_STAMP}(?:[ \t][^\r\n]*)?(?:{_NEWLINE}|\Z)"
_WEBVTT_HEAD = LazyPattern(rf"WEBVTT(?:[ \t][^\r\n]*)?{_NEWLINE}")
_WEBVTT_TIMING = LazyPattern(rf"^{_CUE_TIMING}", re.MULTILINE)
_SUBRIP_HEAD = LazyPattern(rf"(?:[ \t]*{_NEWLINE})*[ \t]*\d{{1,9}}[ \t]*{_NEWLINE}{_CUE_TIMING}")
# A WebVTT file without its header (a Teams transcript whose "WEBVTT" line was lost when it
# was copied into a .txt): a cue's identifier as Teams writes it (a GUID, "/12-0" after it) or
# a number, or none, then a cue's timing and the voice naming its speaker ("<v Ana Ruiz>").
# The voice is what tells it: a text holding a timing or an arrow stays a text.
_TEAMS_CUE_ID = r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?:/\d+-\d+)?"
_HEADLESS_VTT = LazyPattern(
    rf"(?:[ \t]*{_NEWLINE})*(?:[ \t]*(?:{_TEAMS_CUE_ID}|\d{{1,9}})[ \t]*{_NEWLINE})?"
    rf"{_CUE_TIMING}[ \t]*<v(?:\.[^\s>]*)?[ \t]+[^>\r\n]+>"
)
SNIFFED_CHARS = 4096  # how much of a text's beginning tells whether it is subtitles


def format_of_text(head: str | bytes) -> str:
    """The format of a file its name calls plain text, by what it begins with (``head``:
    its first :data:`SNIFFED_CHARS` characters or more, decoded or as bytes): ``"vtt"`` or
    ``"srt"`` for subtitles saved as text, else ``"text"``.  Every reader of a plain text's
    canonical text asks this first (:func:`format_of_content`), so that the app, ``list``,
    ``search``, the exports and the caches all read one text of the file."""
    if isinstance(head, bytes):
        if head[:1].isalpha() and head[:1] != b"W" and not _may_open_cue_id(head):
            return "text"  # most texts: one byte looked at
        head = _head_text(head)
    head = head[:SNIFFED_CHARS].lstrip("\ufeff")
    first = head[:1]
    if not first or not (
        first == "W" or first.isdigit() or first.isspace() or _may_open_cue_id(head)
    ):
        return "text"
    if first == "W":
        header = _WEBVTT_HEAD.match(head)
        if header is not None and _WEBVTT_TIMING.search(head, header.end()):
            return "vtt"
        return "text"
    if headless_vtt(head):
        return "vtt"
    return "srt" if _SUBRIP_HEAD.match(head) else "text"


def headless_vtt(text: str) -> bool:
    """Whether ``text`` is a WebVTT file's cues without its header (:data:`_HEADLESS_VTT`),
    told by its first :data:`SNIFFED_CHARS` characters, as :func:`format_of_text` tells it
    (a file of blank lines named .vtt was matched whole)."""
    return _HEADLESS_VTT.match(text[:SNIFFED_CHARS]) is not None


def _may_open_cue_id(head: str | bytes) -> bool:
    """Whether ``head`` may open with a Teams cue's identifier (a GUID: its first character
    a figure or a letter of A to F) above a timing's arrow, looked for in its first line or
    two; asked before the text is decoded and matched (UTF-16 without a byte-order mark
    too, its arrow's characters each a NUL byte apart)."""
    if isinstance(head, bytes):
        return head[:1] in b"abcdefABCDEF" and (
            b"-->" in head[:_CUE_ID_PROBE] or b"-\x00-\x00>\x00" in head[: 2 * _CUE_ID_PROBE]
        )
    return head[:1] in "abcdefABCDEF" and "-->" in head[:_CUE_ID_PROBE]


_CUE_ID_PROBE = 160  # characters: a cue's identifier and its timing's arrow after it


def format_of_content(fmt: str | None, head: str | bytes) -> str | None:
    """The format of a file whose name gives ``fmt`` (:func:`format_of_name`) and whose
    content begins with ``head``: a plain text's is :func:`format_of_text`, any other
    format is its name's."""
    return format_of_text(head) if fmt == "text" else fmt


def _head_text(data: bytes) -> str:
    """The first characters of the file bytes ``data``, enough to tell subtitles by: its
    byte-order mark read (UTF-8, UTF-16, UTF-32) or, without one, UTF-16 told by its NUL
    bytes; any other bytes one character each (the marks looked for are ASCII)."""
    head = data[: 4 * SNIFFED_CHARS]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore")[:SNIFFED_CHARS]
    if head[1:2] == b"\x00" and head[:1] != b"\x00":
        return head.decode("utf-16-le", "ignore")[:SNIFFED_CHARS]
    if head[:1] == b"\x00" and head[1:2] != b"\x00":
        return head.decode("utf-16-be", "ignore")[:SNIFFED_CHARS]
    return head[:SNIFFED_CHARS].decode("latin-1")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which begins it
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


BINARY_FORMATS = frozenset({"pdf", "docx", "odt", "epub", "mhtml", "eml", "xlsx"})
"""Formats converted from the file's bytes (the rest are decoded to text first)."""

# The formats of a page saved from the web, whose metadata may give the address it was
# saved from ("url"): a PDF a browser printed it to among them (the address in its
# running lines).
SAVED_PAGE_FORMATS = frozenset({"html", "mhtml", "pdf"})

CONVERTER_VERSIONS: dict[str, int] = {
    "markdown": 103,  # rendered once, then read from the conversion cache like the rest
    "pdf": 176,
    "docx": 191,
    "odt": 116,
    "epub": 114,
    "html": 189,
    "mhtml": 147,
    "rtf": 110,
    "vtt": 42,
    "srt": 38,
    "sbv": 16,
    "csv": 45,
    "tsv": 44,
    "eml": 88,
    "xlsx": 6,
}
"""Bumped when a converter's output changes: cached conversions of older versions are stale."""

DECODING_VERSION = 58  # 2: UTF-8 with a few stray bytes stays UTF-8; 3: NULs not UTF-16;
# 4: Czech, Slovak, Hungarian in Windows-1250 or ISO-8859-2 not read as Windows-1252;
# 5: Turkish not read as Windows-1252, Polish in ISO-8859-2 not as Windows-1250;
# 6: Vietnamese in Windows-1258 not read as Windows-1252; 7: UTF-32 without a BOM read;
# 8: NEXT LINE, LINE SEPARATOR and PARAGRAPH SEPARATOR are line and paragraph breaks;
# 9: a vertical tab and a form feed are line breaks; 10: a text a byte-order mark opens
# read when slightly damaged; 11: an overstruck letter written once; 12: ISO-2022 read;
# 13: Russian and Ukrainian in KOI8 not read as Shift-JIS or Windows-1251; 14: Lithuanian
# and Latvian in Windows-1257 not read as Windows-1252; 15: Western text from DOS (850, 437)
# or an old Mac read in its page; 16: Polish and Czech from DOS (852) not read as ISO-8859-2;
# 17: Windows-1252's quotes and dashes not read as an old Mac's or DOS's letters, a Western
# text not as Chinese; 18: a text file's soft hyphens left out; 19: a text padded with NUL
# bytes (or holding a stray few) read without them; 20: a short text in ISO-8859-5, or in
# DOS's 852 taken for Japanese, read in its page; 21: a file of nothing but NUL bytes refused;
# 22: a text of short pages ended by form feeds not refused as binary; 23: a short
# Hebrew text not read as Russian; 24: a short Russian text in KOI8 not read as UTF-16;
# 25: a short Arabic text in ISO-8859-6 not read as Thai; 26: a short Thai text not read
# as Japanese or EBCDIC; 27: a text's zero-width spaces and word joiners left out; 28: a
# short Western line not read as Chinese; 29: a short Turkish line not read as Icelandic;
# 30: a short Greek text not read as Russian; 31: a short Arabic text not read as Russian;
# 32: a word or two of Hebrew or Russian (Windows-1255, KOI8, DOS's 866) not read as Chinese;
# 33: a word or two of Greek not read as Arabic or Russian; 34: a word or two of Russian
# in capitals (Windows-1251, KOI8) read in its page, and one word of two letters ("да");
# 35: UTF-8 text holding a stray NUL byte or two not read as UTF-16; 36: a text without a
# NUL byte never read as UTF-16 or UTF-32 (a short line ending "\r\n"); 37: a short
# Japanese text in EUC-JP not read as Korean; 38: a few words of Greek or Russian read in
# the page whose letters are the more common; 39: a word or two of Arabic, or of Hebrew
# without a final letter, read in its page; 40: a word or two of a Western language with
# an accented letter ("Café") read as Windows-1252; 41: a short Chinese text in GBK not read
# as Korean, a word of Korean not as Chinese in Big5; 42: a short UTF-8 text with a few
# stray bytes stays UTF-8; 43: a few words of Hebrew without a final letter not read as Russian;
# 44: a word of Russian not read as Greek without a vowel; 45: a short text whose few valid
# UTF-8 characters are letters of two scripts other than Latin ("спасибо" in DOS's 866) not
# read as UTF-8; 46: a word or two of Polish or Turkish with more accented letters than plain
# ones ("Łódź", "Şükrü") not read as Ukrainian or Urdu; 47: a word or two of Polish or
# Czech that spells French too ("Dziękuję" as "Dziêkujê") read in its page; 48: Greek words
# of three letters ("Ναι") read as Greek; 49: a text of one character beyond ASCII read in
# Windows-1252, not EBCDIC or Urdu's page; 50: a Japanese text in Shift-JIS not read as
# Korean, a German one from DOS with a "ü" or two not as Japanese, French in Latin-9 ("œ")
# not in Windows-1252, a Western line with a fraction alone ("½ cup") not as Thai or Japanese,
# nor an English one with a sign or two ("5 µg", "Brand®") as Chinese, Greek or Ukrainian,
# an old Mac's curly quotes not read as capitals inside words ("DonÕt")
# 51: a Western text from DOS whose signs stand beside figures ("20°C ± 2, ½ of £5") read in
# DOS's page, not as letters in Windows-1252 ("20øC ñ 2"), a word of Japanese in Shift-JIS
# ("日本語") not as Big5's Hong Kong extension
# 52: a line or two of Cantonese in Big5 not read as Korean, Japanese or a Western page,
# a few short lines of Korean in EUC-KR not as Urdu's page; 53: a line of Cantonese in
# Big5 holding a sign and an accent over nothing as UTF-8 ("®͡") not read as UTF-8
# 54: a WebVTT or SubRip file saved as text (Zoom's, Otter's "transcript.txt") read as one
# 55: a line end of CRs before a LF (CR CR LF, a CR LF written again on Windows) one line end
# 56: a Teams WebVTT transcript saved as text without its WEBVTT line read as WebVTT
# 57: and so in UTF-16 without a byte-order mark, its first cue's identifier opening with a letter
# 58: a plain text's title no line running on under a first line of text (a form feed's or a
# lone CR's part of a line among them)
"""Bumped when decoding or cleaning gives another text for the same bytes (plain text too)."""


def texts_version() -> str:
    """What a canonical text kept between runs depends on besides its file's bytes: the
    converters' versions and the decoding's.  The caches that keep texts or what is drawn
    from them (search texts, document facts, placements) hold for this value only: after a
    converter changed, a search found the old text and its lines in the new document."""
    converters = ",".join(f"{k}={v}" for k, v in sorted(CONVERTER_VERSIONS.items()))
    return f"{converters},decoding={DECODING_VERSION}"


FORMAT_LABELS: dict[str, str] = {
    "text": "text",
    "markdown": "Markdown",
    "pdf": "PDF",
    "docx": "Word",
    "odt": "OpenDocument",
    "rtf": "RTF",
    "html": "web page",
    "mhtml": "web archive",
    "epub": "EPUB",
    "vtt": "WebVTT",
    "srt": "SubRip",
    "sbv": "SubViewer",
    "csv": "CSV",
    "tsv": "tab-separated",
    "eml": "e-mail",
    "xlsx": "Excel",
}
"""How each format is named to people (library, details, ``list``)."""
