"""What a document's details tell: the file, what the file says of itself (title, author, date,
source, pages, ...), the text, and how it was converted.  Plain strings, for the app's details
view (labels and values are shown through ``core.display.shown`` there)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tui_reader.core.documents.document import Document
from tui_reader.core.documents.formats import CONVERTER_VERSIONS, FORMAT_LABELS
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.turns import Turn
from tui_reader.core.wording import counted

# The metadata a format gives, in the order a reader looks for them (the rest follow by name).
METADATA_ORDER = (
    "title", "author", "agency", "date", "publisher", "site", "url", "subject", "language", "pages",
    "speakers",
)  # fmt: skip

# What each converter does to a file, so a reader knows what the text they code is made of.
CONVERSION_NOTES = {
    "markdown": "Markdown rendered: headings, emphasis, lists, quotes and code kept as styles.",
    "pdf": "Text layer of the PDF: lines joined into paragraphs, hyphenated line ends joined, "
    "running headers, footers and page numbers left out; the page of every passage is kept.",
    "docx": "Word document: headings, emphasis, lists (numbered as Word numbers them) and "
    "tables kept; footnotes, endnotes and comments numbered [n] and gathered in a Notes "
    "section at the end.",
    "odt": "OpenDocument text: headings, emphasis, lists (numbered by their list styles) and "
    "tables kept; notes and comments numbered [n] and gathered in a Notes section at the end.",
    "rtf": "RTF: headings, emphasis, lists, tables and links kept; footnotes and comments "
    "numbered [n] and gathered in a Notes section at the end.",
    "html": "Saved web page: the article only (navigation, adverts, cookie notices, footers "
    "and scripts left out); the title without the site's name.",
    "mhtml": "Web page saved as one file (MHTML, or Safari's Web Archive): the article only, "
    "as of a saved web page.",
    "epub": "EPUB: chapters in reading order, with their headings.",
    "vtt": "WebVTT subtitles: cues as speaker turns (a speaker's consecutive cues merged).",
    "srt": "SubRip subtitles: cues as speaker turns (a speaker's consecutive cues merged).",
    "sbv": "YouTube's captions (SubViewer): cues as speaker turns, as SubRip's.",
    "csv": "CSV: a transcript's rows as speaker turns (a speaker and a text column), "
    "else a table's rows, cells parted by │.",
    "tsv": "Tab-separated text: a transcript's rows as speaker turns (a speaker and a text "
    "column), else a table's rows, cells parted by │.",
    "eml": "E-mail message: its sender, recipients, date and subject, then its text (its "
    "plain part, else its web page); its attachments named, not read.",
    "xlsx": "Excel workbook: its sheet's rows as a CSV's are (a transcript's as speaker turns, "
    "else a table's, cells parted by │); each sheet of several under its name.",
}


@dataclass(frozen=True)
class DetailSection:
    """A heading and its ``(label, value)`` rows; ``words``: the values are the document's
    own words (what its file says of itself: a title, an author), shown as the reading view
    shows its text (:func:`~tui_reader.core.display.shown_text`), not as a name."""

    title: str
    rows: tuple[tuple[str, str], ...]
    words: bool = False


def format_label(fmt: str) -> str:
    """How the format ``fmt`` is named to people (``PDF``, ``Word``)."""
    return FORMAT_LABELS.get(fmt, fmt)


def document_details(
    document: Document, rel: str, *, elsewhere: Collection[str] = ()
) -> list[DetailSection]:
    """The file (``rel``: its path in the corpus), its metadata, its text and its conversion.
    ``elsewhere``: the facts said in another place of the same view (the attributes the file
    gives, listed with the user's), by name: each left out here, and a section they leave
    empty, so that a fact is said once, as one number."""
    file_rows = [("path", rel), ("format", format_label(document.format))]
    if document.encoding:
        file_rows.append(("encoding", document.encoding))
    sections = [DetailSection("File", tuple(file_rows))]
    metadata = [(name, str(document.metadata[name])) for name in _metadata_names(document)]
    if metadata:
        sections.append(DetailSection("From the file", tuple(metadata), words=True))
    text_rows = [("words", f"{document.words:,}"), ("characters", f"{len(document.text):,}")]
    if document.pages:
        text_rows.append(("pages", f"{len(document.pages):,}"))
    if document.turns:
        text_rows.append(("speaker turns", f"{len(document.turns):,}"))
    sections.append(DetailSection("Text", tuple(text_rows)))
    sections.append(
        DetailSection("Conversion", tuple(("", note) for note in conversion_notes(document)))
    )
    if not elsewhere:
        return sections
    kept = [
        DetailSection(s.title, tuple(r for r in s.rows if r[0] not in elsewhere), s.words)
        for s in sections
    ]
    return [section for section in kept if section.rows]


def _metadata_names(document: Document) -> list[str]:
    given = [name for name, value in document.metadata.items() if str(value).strip()]
    known = [name for name in METADATA_ORDER if name in given]
    return known + sorted(name for name in given if name not in METADATA_ORDER)


def conversion_notes(document: Document) -> list[str]:
    """How the text was made from the file, one sentence each."""
    notes = []
    described = CONVERSION_NOTES.get(document.format)
    if described:
        notes.append(described)
    elif document.format == "text":
        notes.append("Plain text, shown as it is.")
    version = CONVERTER_VERSIONS.get(document.format)
    if version is not None:
        notes.append(f"Converted once and kept in the conversion cache (converter version "
                     f"{version}); annotations point into the converted text.")  # fmt: skip
    if any(span.kind == SpanKind.SOFT_WRAP for span in document.spans):
        notes.append("Hard-wrapped: its paragraphs are reflowed to the reading width for "
                     "display (the text itself is unchanged).")  # fmt: skip
    for problem in document.problems:  # what could not be read, the rest read
        notes.append(f"Not read: {problem}.")
    if document.turns:
        notes.append(f"Transcript: {_turns_said(document.turns)} (t selects a turn).")
    return notes


def _turns_said(turns: Sequence[Turn]) -> str:
    """What ``turns`` are: those of named speakers, and those naming no one (a subtitle
    file's cues), which are no speaker's."""
    named = [turn.speaker for turn in turns if turn.speaker]
    speakers = counted(len(set(named)), "speaker")
    if len(named) == len(turns):
        return f"{counted(len(turns), 'speaker turn')} of {speakers} recognised"
    unnamed = len(turns) - len(named)
    if not named:
        return f"{counted(unnamed, 'turn')} recognised, naming no speaker"
    return (
        f"{counted(len(turns), 'turn')} recognised: {counted(len(named), 'speaker turn')} "
        f"of {speakers}, {unnamed} naming no speaker"
    )
