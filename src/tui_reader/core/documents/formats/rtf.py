"""RTF -> canonical text and spans: headings, emphasis, lists, tables, links, footnotes.

No maintained RTF library with a licence we can take keeps the styles (striprtf gives plain
text; rtfparse only unpacks HTML from e-mail RTF and pulls a GPL dependency; pyth3 has not
been released since 2019), so this is a small reader of RTF's control words: groups carry
the character and paragraph state, destinations that hold no text (font, colour and style
tables, pictures, ignorable ``\\*`` groups) are skipped.  What it keeps:

- a section's first page's header and footer once where the section begins, not their page
  numbers nor words already written (as a Word file's are read);

- ``\\b`` ``\\i`` ``\\strike`` as strong, emphasis, strikethrough spans; ``\\v`` (hidden) left out;
- headings from ``\\outlinelevelN`` or a paragraph style ``\\sN`` named "heading N" / "title";
- list items from the marker Word and LibreOffice write in ``{\\listtext ...}`` (or
  ``{\\pntext ...}``) with their level ``\\ilvlN``, as Markdown lists show them;
- tables (``\\intbl`` ... ``\\cell`` ... ``\\row``, or a row defined by ``\\trowd`` without
  ``\\intbl``) as ``a │ b`` rows;
- ``HYPERLINK`` fields as links; footnotes as ``[n]`` and a Notes section at the end;
- ``\\uN`` (with ``\\ucN``), ``\\'hh`` in the code page of ``\\ansicpgN`` or the font's charset;
- title, author and creation date from ``{\\info}``.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.builder import (
    TextBuilder,
    bold_label,
    bullet,
    page_numbering,
    spanned_cell,
)
from tui_reader.core.documents.formats.rtf_reader import RtfReader, RtfState
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.table_units import cell_words
from tui_reader.core.documents.titles import find_title_line, line_title, typed_title
from tui_reader.core.errors import DocumentError

_HEADING = re.compile(r"^(?:heading|titre|überschrift|título)\s*(\d)$")
_BULLET_MARKS = frozenset("·•▪◦o§\uf0b7\uf0a7\uf0d8\uf076-–*")


# A control word "\binN" (N bytes of binary data follow its delimiting space), its
# backslash no escaped one ("\\bin" is a backslash, then the word "bin").
_BINARY = re.compile(rb"(?<!\\)((?:\\\\)*)\\bin(-?\d{1,10}) ?")


def without_binary(data: bytes) -> bytes:
    """The RTF file ``data`` without the binary data ``\\binN`` gives (a picture, an object
    written as raw bytes), control words and bytes: read as text, its NUL bytes had the file
    refused as binary, and its bytes (decoded, cleaned) no longer counted N."""
    if b"\\bin" not in data:
        return data
    parts: list[bytes] = []
    pos = 0
    while (found := _BINARY.search(data, pos)) is not None:
        parts.append(data[pos : found.start()] + found.group(1))
        pos = found.end() + max(0, int(found.group(2)))
    parts.append(data[pos:])
    return b"".join(parts)


def convert_rtf(text: str, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the RTF document ``text`` (decoded)."""
    if not text.lstrip().startswith("{\\rtf"):
        raise DocumentError(path, "not an RTF document (no {\\rtf header)")
    writer = _Writer()
    writer.read(text)
    return writer.parsed()


_MARK_LENGTH = 3  # characters at most of an author's own mark of a footnote ("*", "††")


class _Writer(RtfReader):
    """Writes the text of an RTF document as canonical text and spans."""

    def __init__(self) -> None:
        super().__init__()
        self.out = TextBuilder()
        self.notes: list[str] = []
        self.author = ""  # of the comment being read (its \\atnauthor)
        self.title: str | None = None
        self.last_written = ""  # the end of the text, to see a note's reference
        # Where the last raised run of a mark or two ends, and its text ("*", "†"): an
        # author's own mark of the footnote that may follow it (see start_footnote).
        self.raised_mark: tuple[int, int, str] | None = None
        self.mark_labels: dict[int, str] = {}  # a note's number -> its author's mark
        # The paragraph being written.
        self.para_start: int | None = None
        self.item = False
        self.after_item = False
        # The table being written.
        self.table_start: int | None = None
        self.cells = 0  # cells ended in this row
        self.cells_before = 0  # cells of the table's row before (0: none)
        self.separators = 0  # cell separators written in this row
        self.row_open = False
        # Word's vertical merges (\clvmgf the first cell, \clvmrg one merged into it, each
        # before its \cellx): the row being defined's, the row being written's, where the
        # cell being written starts, and what each column's first merged cell says.
        self.merge_next = ""
        self.defining: list[str] = []
        self.merges: list[str] = []
        self.cell_start = 0
        self.merged_above: dict[int, str] = {}
        # A paragraph's opening words set bold, being written (lead_open), where they end,
        # and whether words not bold followed them (led): a speaker's name?
        self.lead_open = self.led = False
        self.lead_end = 0
        self.labels: list[tuple[int, int, int]] = []  # see Parsed.labels
        self.first_seen = False  # whether a paragraph of text was written
        self.bold_opening: str | None = None  # the first, when set bold all through
        self.running_said: set[str] = set()  # the words of headers and footers written
        self.running_end = 0  # where the first section's, written above the body, end

    def write(self, text: str) -> None:
        state = self.state
        if self.running and self.para_start is None and text.strip(" \n"):
            self.write_running()
        if self.para_start is None:
            # The spaces between groups do not start a paragraph, nor a page break or a
            # line break after its mark (a blank line opened the next page's paragraph).
            text = text.lstrip(" \n")
            if not text:
                return
        if self.dropped:
            # Words left out between two spaces ("secret {\\v hidden} is"): one space.
            self.dropped = False
            if text.startswith(" ") and self.last_written.endswith(" "):
                text = text.lstrip(" ")
                if not text:
                    return
        self.begin_paragraph()
        out = self.out
        if self.row_open and self.cells > self.separators:
            out.write(" │ " * (self.cells - self.separators))
            self.separators = self.cells
        if state.intbl and self.row_open:
            text = cell_words(text)  # a cell's own "│" parts no cells
            if "\n" in text:
                # A row is a line: a line break in a cell cut its row in two.
                text = text.replace("\n", " ")
                if text.startswith(" ") and self.last_written.endswith(" "):
                    text = text[1:]
        start = out.length
        out.write(text)
        self.last_written = (self.last_written + text)[-16:]
        mark = text.strip()
        if state.raised and 0 < len(mark) <= _MARK_LENGTH:
            self.raised_mark = (start, out.length, mark)
        elif text.strip():
            self.raised_mark = None
        if self.lead_open:
            if state.bold:
                self.lead_end = out.length
            elif text.strip():
                self.lead_open, self.led = False, self.lead_end > (self.para_start or 0)
        for on, kind in ((state.bold, SpanKind.STRONG), (state.italic, SpanKind.EMPHASIS),
                         (state.strike, SpanKind.STRIKETHROUGH)):  # fmt: skip
            if on and out.length > start:
                out.styled(start, kind)

    def write_running(self) -> None:
        """Write, where a section's text begins, the header and the footer of its first page
        (its own first page's if it has one, else the section's), but for page numbers and
        for words written already (the header every section repeats): Word's header, "CASE
        17 - CONFIDENTIAL", was lost in its RTF as it was read in its .docx.  They are no
        title, bold opening or speaker of the body's."""
        running, self.running = self.running, {}
        first = self.out.length == 0
        for kind in ("header", "footer"):
            chosen = (f"{kind}f",) if self.title_page else ()
            text = next(
                (running[k] for k in (*chosen, kind, f"{kind}r", f"{kind}l") if running.get(k)),
                "",
            )
            said = " ".join(text.split()).casefold()
            if not said or page_numbering(text) or said in self.running_said:
                continue
            self.running_said.add(said)
            self.close_table()
            self.out.block()
            start = self.out.length
            self.out.write(" ".join(text.split()))
            self.out.span(start, SpanKind.PARAGRAPH)
        self.out.block()
        if first:
            self.running_end = self.out.length

    def begin_paragraph(self) -> None:
        if self.para_start is not None:
            return
        out = self.out
        if self.state.intbl:
            if self.table_start is None:
                out.block()
                self.table_start = out.length
            if not self.row_open:
                # a table of one column (a list of questions set in a table) a paragraph
                # a row, as the builder's tables have it: its lines, no cell's mark among
                # them, were one paragraph of prose
                one = self.cells_before == 1 and len(self.defining or self.merges) == 1
                if one:
                    out.block()
                else:
                    out.line()
                self.row_open = True
            self.para_start = out.length
            return
        self.close_table()
        if self.state.listed and not self.item:
            self.item = True  # a list paragraph without a written marker: a bullet
            self.begin_paragraph_block()
            start = out.length
            out.write("  " * self.state.ilvl)
            marker = out.length
            out.write(bullet(self.state.ilvl) + " ")
            out.span(marker, SpanKind.BULLET)
            self.para_start = start
            return
        self.begin_paragraph_block()
        self.para_start = self.lead_end = out.length
        self.lead_open = True

    def begin_paragraph_block(self) -> None:
        if self.item and self.after_item:
            self.out.line()
        else:
            self.out.block()

    def end_paragraph(self) -> None:
        start, self.para_start = self.para_start, None
        item, self.item = self.item, False
        if start is None:
            self.after_item = False
            return
        state = self.state
        if self.table_start is not None and state.intbl:
            self.out.write(" ")  # paragraphs of one cell run on
            return
        level = self.heading_level(state)
        if not self.first_seen and self.out.length > start:
            # The first paragraph, set bold all through: a title typed without a style?
            self.first_seen = True
            written = self.out.since(start)
            if (
                not level
                and not item
                and self.lead_open
                and not written[self.lead_end - start :].strip()
            ):
                self.bold_opening = " ".join(written.split())
        if level:
            self.out.span(start, SpanKind.HEADING, level)
            if level == "1" and self.title is None:
                self.title = self.out.words_since(start) or None
        else:
            self.out.span(start, SpanKind.LIST_ITEM if item else SpanKind.PARAGRAPH)
            # Its bold opening words, words not bold after them: a transcript's speaker's
            # name, no colon after it.
            if self.led and not item:
                label = bold_label(self.out.since(start), self.lead_end - start, start)
                if label is not None:
                    self.labels.append(label)
        self.lead_open = self.led = False
        self.after_item = item

    def heading_level(self, state: RtfState) -> str:
        if 0 <= state.outline <= 5:
            return str(state.outline + 1)
        name = self.styles.get(state.style, "")
        found = _HEADING.match(name)
        if found and found.group(1) != "0":
            return found.group(1)
        return "1" if name == "title" else ""

    def define_row(self) -> None:
        """A row's definition begins (``\\trowd``): its cells' merges come, one a ``\\cellx``."""
        self.defining = []
        self.merge_next = ""

    def define_cell(self) -> None:
        self.defining.append(self.merge_next)
        self.merge_next = ""

    def end_cell(self) -> None:
        if self.table_start is None:
            return
        # A cell merged into the one above it (\clvmrg) says what that one says, as the
        # row reads (:func:`.builder.spanned_cell`): the rows below it started " │ La 72".
        merges = self.defining or self.merges
        column = self.cells
        merge = merges[column] if column < len(merges) else ""
        said = ""
        start = max(self.cell_start, self.table_start)
        if merge and self.cells == self.separators and self.out.length > start:
            said = " ".join(self.out.since(start).split()).strip("│ ")
        if merge == "clvmrg" and not said:
            above = spanned_cell(self.merged_above.get(column, ""))
            if above:
                self.write(above)
        elif merge == "clvmgf":
            self.merged_above[column] = said
        else:
            self.merged_above.pop(column, None)
        self.para_start = None
        self.cells += 1
        self.cell_start = self.out.length

    def end_row(self) -> None:
        self.para_start = None
        self.row_open = False
        self.cells_before = self.cells
        self.cells = self.separators = 0
        self.merges = self.defining  # (a row defined again at its end: the next one's)
        self.cell_start = self.out.length

    def into_table(self) -> None:
        """\\intbl after the text of a paragraph began ("cell 1\\intbl\\cell"): the
        paragraph opens the table."""
        if self.para_start is not None and self.table_start is None and not self.state.dest:
            self.table_start = self.para_start
            self.row_open = True
            self.cells = self.separators = 0

    def close_table(self) -> None:
        if self.table_start is not None:
            self.out.table_span(self.table_start)
            self.out.block()
            self.table_start = None
            self.row_open = False
            self.cells = self.separators = self.cells_before = 0
            self.merged_above = {}

    def field_result(self) -> None:
        link, self.link = self.link, ""
        start = self.out.length

        def close() -> None:
            if link:  # from where the text of the result begins (after a paragraph break)
                begun = start if self.para_start is None else max(start, self.para_start)
                self.out.span(begun, SpanKind.LINK, link)

        self.closing = close

    def comment_author(self, text: str) -> None:
        self.author = text

    def start_comment(self) -> None:
        """A comment (``\\annotation``): numbered and gathered in Notes like a footnote, its
        text after "Comment (author): "."""
        label = f"Comment ({self.author}): " if self.author else "Comment: "
        self.author = ""
        self.start_footnote(label)

    def start_footnote(self, label: str = "") -> None:
        number = len(self.notes) + 1
        reference = f"[{number}]"
        raised, out = self.raised_mark, self.out
        mark = ""
        if self.last_written.endswith(reference):  # \chftn wrote it before the note
            pass
        elif not label and raised is not None and raised[1] == out.length:
            # The author's own mark raised right before the note ("market{\super *}"), as
            # Word writes a footnote so marked: the note's reference, no number beside it
            # ("market*[1]"), no part of a heading's title, and the note's label.
            out.note_marks.append(raised[:2])
            mark = raised[2]
            self.mark_labels[number] = f"{mark} "
        else:
            self.emit_reference(reference)
        self.raised_mark = None
        self.notes.append("")

        def done(text: str) -> None:
            if mark:  # the note repeats its mark where it opens: its label already
                text = text.lstrip()
                text = text[len(mark) :].lstrip() if text.startswith(mark) else text
            self.notes[number - 1] = label + text

        self.start_capture(done)

    def list_marker(self, text: str) -> None:
        self.item = True
        self.begin_paragraph()
        out = self.out
        out.write("  " * self.state.ilvl)
        start = out.length
        mark = text.strip()
        out.write((bullet(self.state.ilvl) if not mark or mark in _BULLET_MARKS else mark) + " ")
        out.span(start, SpanKind.BULLET)

    def parsed(self) -> Parsed:
        out = self.out
        for number in out.notes(len(self.notes), self.mark_labels):
            out.write(self.notes[number - 1])
        text = out.text()
        spans = out.sorted_spans()
        # (the header's line, "CONFIDENTIAL - Case 17", is no title of the document's)
        titled = " " * self.running_end + text[self.running_end :]
        title = (
            str(self.metadata.get("title") or "") or self.title or typed_title(self.bold_opening)
        )
        if title is None:  # a line that reads like one, not the first paragraph
            # nor a table's first row ("Name │ Place │ Age"): a paragraph of its own
            title = line_title(titled, spans, out.tables)
            found = find_title_line(titled, first_line=False) if title is not None else None
            if found is not None:
                spans.append(Span(found[0], found[1], SpanKind.TITLE))
                spans.sort(key=lambda s: (s.start, -s.end))
        labels, tables = tuple(self.labels), tuple(out.tables)
        return Parsed(text, spans, title, (), (), self.metadata, labels=labels, tables=tables)

    def footnote_reference(self) -> None:
        self.emit_reference(f"[{len(self.notes) + 1}]")

    def emit_reference(self, reference: str) -> None:
        """Write a note's or a comment's number where it is referred to: no part of the
        title of the heading holding it ("Visit to the market", not "...market[1]")."""
        self.emit(reference)
        out = self.out
        if out.length >= len(reference) and out.since(out.length - len(reference)) == reference:
            out.note_marks.append((out.length - len(reference), out.length))

    def finish(self) -> None:
        self.end_paragraph()
        self.close_table()
