"""Word .docx -> canonical text and spans: headings, emphasis, lists, tables, footnotes.

The document is read straight from its XML (``word/document.xml`` and the styles, numbering,
footnote, comment and property parts) through :class:`~.archive.Container`, which refuses zip
bombs and parses without entities or network.  Footnotes, endnotes and comments are collected
at the end under "Notes", each referenced in the text as ``[n]`` (a comment as
``Comment (author): ...``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.archive import Container
from tui_reader.core.documents.formats.builder import (
    TextBuilder,
    bold_label,
    bullet,
    page_numbering,
    spanned_cell,
    superscript,
    untitled,
)
from tui_reader.core.documents.formats.docx_numbering import Numbering
from tui_reader.core.documents.formats.html_text import HtmlWriter, parse_html
from tui_reader.core.documents.formats.mhtml import mhtml_page
from tui_reader.core.documents.formats.symbol_fonts import (
    font_character,
    is_symbol_font,
    symbol_text,
)
from tui_reader.core.documents.sanitize import clean_text, normalize_newlines, sanitize
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.titles import line_title, typed_title
from tui_reader.core.errors import DocumentError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
# A heading style's name, its level after it: "Heading 2", in Word's other languages too.
# "Heading" alone is the first level's: Pages names its headings "Heading", "Heading 2" and
# "Heading 3", and a document it exported to Word read its first-level headings as text.
_HEADING = re.compile(r"^(?:heading|título|titre|überschrift)\s*(\d)?$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list (bullet|number)(?: (\d))?$")
# The entries of a table of contents ("toc 1".."toc 9", Word's names whatever the language
# shown) or of figures: the lines of one block, as Word shows them.
_CONTENTS_ENTRY = re.compile(r"toc ?(\d)|table of figures")
_CONTENTS = "contents"  # the entries' list (see _Reader.after_item)
_OFF = frozenset({"0", "false", "off", "none"})
_ON = frozenset({"1", "true", "on"})
# A reference in the text -> the part its note is in (a comment is a note, said to be one).
_NOTE_PARTS = {
    f"{W}footnoteReference": "footnotes",
    f"{W}endnoteReference": "endnotes",
    f"{W}commentReference": "comments",
}
# What Word shows once or not at all: the second telling of a drawing (an
# mc:AlternateContent's Fallback repeats its Choice: a text box's text twice), and tracked
# deletions and moves (a moved passage is also where it was moved to).
_NOT_SHOWN = frozenset({f"{_MC}Fallback", f"{W}del", f"{W}moveFrom"})
# Parts of a table (and content controls) whose paragraphs are the cell's own.
_CONTAINERS = frozenset(
    {f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins",
     f"{W}moveTo", f"{_MC}AlternateContent", f"{_MC}Choice"}
)  # fmt: skip


def convert_docx(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the Word document ``data``."""
    if not data.startswith(b"PK"):
        other = _in_other_format(data, path)
        if other is not None:
            return other
    box = Container(data, path, "Word")
    if "word/document.xml" not in box.names:
        raise DocumentError(path, "not a Word document (no word/document.xml)")
    reader = _Reader(box)
    body = box.xml("word/document.xml").find(f"{W}body")
    running = 0  # where the first page's header and footer, written above the body, end
    if body is not None:
        reader.walk = True
        sections = _sections(body)
        reader.running_matter(sections[0][1])
        running = reader.out.length
        reader.walk = next(body.iter(*_WALKED), None) is not None
        for index, (blocks, properties) in enumerate(sections):
            if index:
                reader.section_matter(properties)
            reader.blocks(blocks)
    reader.notes()
    out = reader.out
    text = out.text()
    # (the header's line, "CONFIDENTIAL - Interview 12", is no title of the document's)
    titled = " " * running + text[running:] if running else text
    metadata = _properties(box)
    spans = out.sorted_spans()
    return Parsed(
        text,
        spans,
        str(metadata.get("title") or "")
        or reader.title
        or typed_title(reader.bold_opening)
        or line_title(titled, spans, out.tables),
        (),
        (),
        metadata,
        labels=tuple(reader.labels),
        tables=tuple(out.tables),
    )


class _Reader:
    def __init__(self, box: Container) -> None:
        self.box = box
        self.out = TextBuilder()
        self.title: str | None = None
        # The first paragraph of text, when it is set bold all through (None: it was not):
        # a title typed without a Title or Heading style.
        self.bold_opening: str | None = None
        self.first_seen = False  # whether a paragraph of text was written
        self.plain_chars = 0  # characters of the paragraph being written, not set bold
        self.styles = _styles(box)
        self.default_style = _default_style(box, self.styles)
        self.numbering = Numbering(
            box.xml("word/numbering.xml") if "word/numbering.xml" in box.names else None,
            {style_id: style.num_id for style_id, style in self.styles.items() if style.num_id},
        )
        self.counters: dict[tuple[str, int], int] = {}
        self.note_refs: list[tuple[str, str]] = []  # (part, id) in order of reference
        self.custom_marks: dict[int, str] = {}  # a note's number -> its author's own mark
        self.mark_to_come = ""  # what of an author's own mark is still to be written
        # The fields the runs are in, innermost last: True once at its result ("separate").
        self.fields: list[bool] = []
        self.coding = False  # in a field's code (its instruction), which Word does not show
        self.after_item = ""  # the list of the paragraph before, if it was an item
        self.walk = True  # whether a paragraph's runs may need walking (see _runs)
        # A paragraph's opening words set bold, being written (see runs): a speaker's name?
        self.lead_open = False
        self.lead_end = 0
        self.labels: list[tuple[int, int, int]] = []  # see Parsed.labels
        # The paragraph before ended in a mark always hidden (a run-in heading): the next
        # paragraph goes on on its line (see paragraph).
        self.run_in = False
        # Header and footer: the parts each kind's references name so far (a section
        # naming none has its section's before) and the words they wrote, whitespace
        # folded (see section_matter).
        self.matter_refs: dict[str, dict[str, str]] = {}
        self.matter_said: set[str] = set()

    def blocks(self, parent: Any) -> None:
        # Paragraphs whose mark was deleted with changes tracked: one paragraph with the
        # next, as Word shows them with the change made (two paragraphs joined were read
        # as two, the second opening with the space typed where they met).
        joined: list[Any] = []
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                joined.append(child)
                # (a document holding no deletion has no deleted mark: not looked for)
                if not (self.walk and _mark_deleted(child)):
                    self.paragraph(*joined)
                    joined = []
                continue
            if joined:  # a table after a deleted mark: the paragraphs before it end there
                self.paragraph(*joined)
                joined = []
            if tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.blocks(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child)
            elif tag == f"{W}altChunk":
                self.alt_chunk(str(child.get(f"{_R}id") or ""))
        if joined:
            self.paragraph(*joined)

    def running_matter(self, section: Any) -> None:
        """Write, once above the body, the header and the footer of the first page (its
        section's first page's if it has its own, else its section's), but for their page
        numbers ("Page 1 of 3"): they were never read, and a header's case number or
        "CONFIDENTIAL - Interview 12" was lost without a word.  What they write is no
        title, bold opening or speaker of the body's."""
        if section is None:
            return
        for blocks in self._matter(section):
            self.blocks(blocks)
        self.first_seen, self.bold_opening, self.title = False, None, None
        self.labels.clear()
        self.after_item, self.run_in = "", False
        self.out.block()

    def section_matter(self, section: Any) -> None:
        """Write, at the start of a later section, the header and footer of its first page
        when they say what none before said ("Appendix B - Interview transcripts"): only
        the first section's were read, and a section's own heading was lost.  The same
        words again (the header every section repeats) are not written twice.  What they
        write is no title, bold opening or speaker of the body's."""
        if section is None:
            return
        kept = (self.first_seen, self.bold_opening, self.title, len(self.labels))
        wrote = False
        for blocks in self._matter(section):
            if not wrote:
                self.after_item, self.run_in = "", False
                self.out.block()
                wrote = True
            self.blocks(blocks)
        if wrote:
            self.first_seen, self.bold_opening, self.title, count = kept
            del self.labels[count:]
            self.after_item, self.run_in = "", False
            self.out.block()

    def _matter(self, section: Any) -> list[list[Any]]:
        """The blocks of the header and of the footer the first page of ``section`` shows
        (its own first page's if it has one, else its section's; a kind the section does
        not name is the section's before), but for page numbers, leaving out those whose
        words were written already."""
        titled = section.find(f"{W}titlePg")
        first = titled is not None and _val(titled).lower() not in ("0", "false", "off")
        parts = _relationships(self.box)
        found = []
        for kind in ("header", "footer"):
            refs = self.matter_refs.setdefault(kind, {})
            refs.update(
                (str(ref.get(f"{W}type") or "default"), str(ref.get(f"{_R}id") or ""))
                for ref in section.iter(f"{W}{kind}Reference")
            )
            rel_id = refs.get("first", "") if first else ""
            name = parts.get(rel_id or refs.get("default", ""), "")
            if name not in self.box.names:
                continue
            blocks = [
                child
                for child in self.box.xml(name)
                if child.tag != f"{W}p" or not _page_numbering(child)
            ]
            words = " ".join("".join(t.text or "" for t in b.iter(f"{W}t")) for b in blocks)
            said = " ".join(words.split()).casefold()
            if said and said in self.matter_said:
                continue
            self.matter_said.add(said)
            found.append(blocks)
        return found

    def alt_chunk(self, rel_id: str) -> None:
        """A part Word shows in the document's place but keeps in another format (a web
        page, MHTML, RTF or text: what HTML-to-Word converters write): read as that format.
        It was left out, and a document made of one showed no text at all."""
        name = _relationships(self.box).get(rel_id, "")
        if name not in self.box.names:
            return
        data = self.box.read(name)
        self.after_item = ""
        self.run_in = False
        self.out.block()
        suffix = posixpath.splitext(name)[1].lower()
        if suffix in (".mht", ".mhtml"):
            page = mhtml_page(data, self.box.path)
            if page is not None:
                HtmlWriter(self.out).element(parse_html(page, self.box.path, f"Word part {name}"))
        elif suffix in (".htm", ".html", ".xhtml", ".xht"):
            HtmlWriter(self.out).element(parse_html(data, self.box.path, f"Word part {name}"))
        elif suffix in (".rtf", ".txt", ".text"):
            text = decode_bytes(data, self.box.path)[0]
            if suffix == ".rtf":
                from tui_reader.core.documents.formats.rtf import convert_rtf

                text = convert_rtf(sanitize(normalize_newlines(text)), self.box.path).text
            self.out.write(text)
        self.out.block()

    def paragraph(self, p: Any, *joined: Any) -> None:
        """Write the paragraph ``p`` (the paragraphs ``joined`` to it after its text)."""
        if all(self._hidden_whole(part) for part in (p, *joined)):
            # A paragraph hidden whole, its mark and its words (a template's instructions,
            # a list item hidden for one reader): Word neither shows nor prints it, its
            # bullet or number neither; an item's bullet was read alone on a line ("•").
            return
        # A run-in heading's paragraph before (Word's style separator): this one goes on on
        # its line, as Word shows the two, no bullet or number of its own.
        run_in, self.run_in = self.run_in, False
        out = self.out
        style_id, style, level = self._styled(p)
        num = p.find(f"{W}pPr/{W}numPr")
        own_id = num.find(f"{W}numId") if num is not None else None
        own_level = num.find(f"{W}ilvl") if num is not None else None
        num_id = _val(own_id) if own_id is not None else style.num_id
        ilvl = _val(own_level) if own_level is not None else style.ilvl
        list_level = int(ilvl) if ilvl.isdecimal() and len(ilvl) < 2 else 0
        if own_level is None and not style.ilvl:
            list_level = self.numbering.style_levels.get(style_id, list_level)
        by_name = _LIST_STYLE.match(style.name)
        numbered = num_id not in ("", "0") or (by_name is not None and own_id is None)
        depth = list_level
        if by_name and depth == 0 and by_name.group(2):
            depth = int(by_name.group(2)) - 1  # "List Number 2" is indented as a second level
        item = numbered and not level and not run_in
        list_id = self.numbering.list_of(num_id) or f"style:{style_id}"
        # Items of one list stay together: a line between them, not a blank line.
        same_list = self.after_item == list_id or (bool(self.after_item) and depth > 0)
        # So do a table of contents' entries: a blank line parted each from the next.
        entry = None if level or item or run_in else _CONTENTS_ENTRY.fullmatch(style.name)
        if run_in:
            self.after_item = ""
        elif entry is not None:
            out.line() if self.after_item == _CONTENTS else out.block()
            self.after_item = _CONTENTS
        else:
            out.line() if item and same_list else out.block()
            self.after_item = list_id if item else ""
        if entry is not None and entry.group(1):
            out.write("  " * max(0, int(entry.group(1)) - 1))  # a lower level indented
        start = out.length
        if item:
            out.write("  " * depth)
            marker_start = out.length
            out.write(self._marker(num_id, list_level, depth, list_id, by_name))
            out.span(marker_start, SpanKind.BULLET)
        elif (
            level
            and numbered
            and not run_in
            and self.numbering.level(num_id, list_level) is not None
        ):
            label = self.numbering.next_label(num_id, list_level)
            if label:  # Word's heading numbering: "2.1 Background"
                out.write(label + self.numbering.suffix(num_id, list_level))
        title_start = out.length  # a numbered heading's title leaves its number out
        self.plain_chars = 0
        self.lead_open, self.lead_end = not level and not item, title_start
        for part in (p, *joined):
            self.runs(part)
        self.lead_open = False
        if self.lead_end > title_start:
            self._label(title_start)
        if not self.first_seen and out.length > title_start:
            self.first_seen = True
            if not level and not item and self.plain_chars == 0:
                self.bold_opening = self._written_since(title_start)
        if level:
            out.heading_span(start, level)  # a text box's lines in it are body text
            if self.title is None and level == "1":
                self.title = self._written_since(title_start)
        elif item:
            out.span(start, SpanKind.LIST_ITEM)
        else:
            out.span(start, SpanKind.PARAGRAPH)
        self.run_in = _mark_always_hidden(joined[-1] if joined else p)

    def _marker(self, num_id: str, list_level: int, depth: int, list_id: str, by_name: Any) -> str:
        """The label of a list item and the space after it ("3. ", "b) ", "• ")."""
        if self.numbering.level(num_id, list_level) is not None:
            label = self.numbering.next_label(num_id, list_level)
            if label is None:
                return bullet(depth) + " "
            return label + self.numbering.suffix(num_id, list_level) if label else ""
        # No definition (a list style without numbering part): numbered by the style's name.
        if by_name is not None and by_name.group(1) == "number":
            count = self.counters.get((list_id, depth), 0) + 1  # counted per list
            self.counters[(list_id, depth)] = count
            return f"{count}. "
        return bullet(depth) + " "

    def _hidden_whole(self, p: Any) -> bool:
        """Whether the paragraph ``p`` is hidden whole: its mark hidden (its own run
        properties, or its style's) and none of its runs' words shown."""
        shown_look = self.styles.get(
            _val(p.find(f"{W}pPr/{W}pStyle")), self.default_style
        ).text_look
        mark = p.find(f"{W}pPr/{W}rPr")
        look = _run_look(mark, self.styles, shown_look) if mark is not None else shown_look
        if not look.get("vanish"):
            return False
        for run in p.iter(f"{W}r"):
            if not any((t.text or "").strip() for t in run.iter(f"{W}t")):
                continue
            props = run.find(f"{W}rPr")
            if not (
                _run_look(props, self.styles, shown_look) if props is not None else shown_look
            ).get("vanish"):
                return False
        return True

    def runs(self, p: Any) -> None:
        out = self.out
        # What the paragraph's style says of its text (hidden, raised, in a symbol font);
        # not its bold or italics: a heading's style makes it bold.
        paragraph_look = self.styles.get(_val(p.find(f"{W}pPr/{W}pStyle")), self.default_style)
        shown_look = paragraph_look.text_look
        hidden_between = False  # hidden words left out right after a space
        boxes: list[int] = []  # where each text box's paragraph open in it starts
        if self.coding:
            # A field's code never runs into the next paragraph: a field left unended (a
            # damaged file) hides no more than its own.
            self.fields = [True for _ in self.fields]
            self.coding = False
        for run in _runs(p) if self.walk else p.iter(f"{W}r"):
            if run is _BOX_START or run is _BOX_END:
                # A paragraph of a text box starts or ends: a line of its own, no words of
                # the paragraph holding it as its title (a sidebar anchored in a heading).
                out.line()
                if run is _BOX_START:
                    boxes.append(out.length)
                elif boxes:
                    out.note_mark_range(boxes.pop())
                hidden_between = True  # the space before the box opens no line after it
                continue
            if isinstance(run, str):  # the brackets around a ruby's reading
                out.write(run)
                continue
            props = run.find(f"{W}rPr")
            look = _run_look(props, self.styles, shown_look) if props is not None else shown_look
            if look.get("vanish"):
                # Hidden text, which Word neither shows nor prints (as RTF's \v is left
                # out): it was read into the words beside it ("HIDDEN NOTEVisible text").
                # Hidden by its style too (a template's instructions to its user).
                hidden_between = out.length > 0 and out.since(out.length - 1) == " "
                continue
            bold = bool(look.get("b"))
            italic = bool(look.get("i"))
            strike = bool(look.get("strike"))
            start = out.length
            font = str(look.get("font", ""))
            font = font if is_symbol_font(font) else ""
            # A superscript ("mc2" for mc², a note's number typed by hand) was run into the
            # word before it: its digits are written raised.
            raised = look.get("vertAlign") == "superscript"
            capitals = bool(look.get("caps"))
            for child in run:
                tag = child.tag
                if self.coding and tag != f"{W}fldChar":
                    continue  # a field's code: a field inside it shows its result to it alone
                if tag in (f"{W}t", f"{_M}t"):
                    written = symbol_text(font, child.text or "") if font else child.text or ""
                    if capitals:  # All Caps: Word shows (and prints) it in capitals
                        written = written.upper()
                    if hidden_between and written.startswith(" "):
                        # The spaces either side of hidden words: one ("Visible  text"); a
                        # line after a text box's lines opens with none (" after the box").
                        written = written[1:] if not out.at_line_start() else written.lstrip()
                    hidden_between = False
                    mark_start = out.length
                    out.write(superscript(written) if raised else written)
                    if self.mark_to_come:
                        # The author's mark for a note ("*", "†") is its number: no part of
                        # the title of the heading holding it ("Title*").
                        typed = written.strip()
                        if typed and self.mark_to_come.startswith(typed):
                            out.note_mark_range(mark_start)
                            self.mark_to_come = self.mark_to_come[len(typed) :]
                        else:
                            self.mark_to_come = ""
                elif tag == f"{W}sym":  # a character of a font's own (Symbol, Wingdings)
                    out.write(_symbol(child))
                elif tag in (f"{W}tab", f"{W}ptab"):  # a tab, or one set at a position
                    out.write("\t")
                elif tag in (f"{W}br", f"{W}cr"):
                    # A page or column break where a line starts (a paragraph of its own, or
                    # opening one, before a chapter) is no blank line.
                    if child.get(f"{W}type") in (None, "textWrapping") or not out.at_line_start():
                        out.write("\n")
                elif tag in _NOTE_PARTS:
                    self.note_refs.append((_NOTE_PARTS[tag], str(child.get(f"{W}id"))))
                    if str(child.get(f"{W}customMarkFollows", "")).lower() in _ON:
                        # The author's own mark ("*", "†") follows as text: it is the
                        # reference, and labels the note.
                        mark = _following_text(child)
                        self.custom_marks[len(self.note_refs)] = self.mark_to_come = mark
                    else:
                        out.note_mark(len(self.note_refs))
                elif tag == f"{W}noBreakHyphen":
                    out.write("-")
                elif tag in _PICTURES:
                    # A picture among the words, left out of the text: the spaces either
                    # side of it are one, as of hidden words ("the map  below").
                    hidden_between = out.length > 0 and out.since(out.length - 1) == " "
                elif tag == f"{W}fldChar":
                    self._field(child)
            if not bold and not self.first_seen and out.length > start:
                self.plain_chars += len(out.since(start).strip())
            if self.lead_open and out.length > start:
                if bold:
                    self.lead_end = out.length
                elif out.since(start).strip():
                    self.lead_open = False
            for on, kind in ((bold, SpanKind.STRONG), (italic, SpanKind.EMPHASIS),
                             (strike, SpanKind.STRIKETHROUGH)):  # fmt: skip
                if on and out.length > start:
                    out.styled(start, kind)

    def _field(self, mark: Any) -> None:
        """Follow a field's begin, separate or end ``mark`` (``w:fldChar``): the result a
        field nested in another's code gives ("IF { PAGE } = 1 ...") is no text shown; it
        was read into the outer field's result ("A1xB" for "AxB").  A form's check box or
        list shows what it holds."""
        kind = mark.get(f"{W}fldCharType")
        if kind == "begin":
            if not self.coding:
                self.out.write(_form_field(mark))
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()
        self.coding = not all(self.fields)

    def table(self, tbl: Any) -> None:
        self.after_item = ""  # the list of the paragraph before, if it was an item
        self.run_in = False  # a table is no paragraph to run into
        kept = [row for row in _within(tbl, f"{W}tr") if not _row_deleted(row)]
        cells = [
            [cell for cell in _within(row, f"{W}tc") if not _cell_deleted(cell)] for row in kept
        ]
        if self._laid_out(cells):
            # A table laying a page out (a newsletter's contents beside its article, a
            # form's sections side by side): its headings and paragraphs were run into one
            # line of cells.  Each cell's are written as they stand, one cell after another.
            for row in cells:
                for cell in row:
                    self.blocks(cell)
            return
        self.out.table(_merged_down(cells), self._cell_paragraph)

    def _cell_paragraph(self, p: Any) -> None:
        """A table cell's paragraph, or what a cell merged down into it says (a string)."""
        if isinstance(p, str):
            self.out.write(p)
        else:
            self.runs(p)

    def _laid_out(self, cells: list[list[Any]]) -> bool:
        """Whether the table of ``cells`` (a list a row) lays a page out rather than lists
        data: a cell of it holds a heading, or it has one row a cell of which holds two
        paragraphs of words (as a page laid out in a table does; a table of data holds a
        row of headers above rows of values)."""
        paragraphs = [[_paragraphs(cell) for cell in row] for row in cells]
        if any(self._styled(p)[2] for row in paragraphs for cell in row for p in cell):
            return True
        if len(cells) != 1:
            return False
        return any(
            sum(1 for p in cell if "".join(p.itertext()).strip()) >= 2
            for cell in (_paragraphs(cell) for cell in cells[0])
        )

    def _styled(self, p: Any) -> tuple[str, _Style, str]:
        """The paragraph ``p``'s style's id, its style, and its heading's level ("" when it
        is no heading): its own outline level, else its style's."""
        style_id = _val(p.find(f"{W}pPr/{W}pStyle"))
        style = self.styles.get(style_id) or _Style(style_id.lower(), level=_level(style_id))
        own_outline = p.find(f"{W}pPr/{W}outlineLvl")
        level = _outline_level(own_outline) if own_outline is not None else style.level
        return style_id, style, level

    def notes(self) -> None:
        if not self.note_refs:
            return
        self.walk = True  # the notes' parts were not looked at
        parts = {
            part: _notes_by_id(self.box, part) for part in {part for part, _ in self.note_refs}
        }
        refs = list(self.note_refs)  # a note's text may refer to more: not listed again
        labels: dict[int, str] = {}
        for number, mark in self.custom_marks.items():
            part, note_id = refs[number - 1]
            note = parts[part].get(note_id)
            opening = "".join(note.itertext()).lstrip() if note is not None else ""
            # The note's text opens with the mark, as Word writes it: no label before it.
            labels[number] = "" if mark and opening.startswith(mark) else f"{mark or '*'} "
        for number in self.out.notes(len(refs), labels):
            part, note_id = refs[number - 1]
            note = parts[part].get(note_id)
            if note is not None and part == "comments":
                author = " ".join(str(note.get(f"{W}author") or "").split())
                self.out.write(f"Comment ({author}): " if author else "Comment: ")
            for p in () if note is None else _paragraphs(note):
                self.runs(p)
                self.out.write(" ")

    def _label(self, start: int) -> None:
        """Keep the bold words opening the paragraph written from ``start`` as a speaker's
        name (:attr:`Parsed.labels`) when they read as one (:func:`.builder.bold_label`)."""
        label = bold_label(self.out.since(start), self.lead_end - start, start)
        if label is not None:
            self.labels.append(label)

    def _written_since(self, start: int) -> str:
        return self.out.words_since(start)  # a note's number left out ("Title[1]")


def _following_text(reference: Any) -> str:
    """The text written right after ``reference`` (a note's reference) in its run, or in
    the next run when it ends the run: the mark an author typed for the note ("*")."""
    parts: list[str] = []
    for sibling in reference.itersiblings():
        if sibling.tag == f"{W}t":
            parts.append(sibling.text or "")
        elif parts:
            break
    if not parts:
        run = reference.getparent()
        following = run.getnext() if run is not None else None
        if following is not None and following.tag == f"{W}r":
            parts = [t.text or "" for t in following.iterchildren(f"{W}t")]
    return "".join(parts).strip()


# What makes a paragraph's runs more than all the runs below it, in document order.
_WALKED = (*_NOT_SHOWN, f"{W}txbxContent", f"{W}ruby", f"{_M}r")


_BOX_START = object()  # a paragraph of a text box starts (see _runs)
_BOX_END = object()  # and ends


def _merged_down(cells: list[list[Any]]) -> Iterator[Iterator[Any]]:
    """The rows of ``cells`` (a list a row), each its cells' paragraphs; a cell merged with
    the one above it (``w:vMerge``, Word's vertical merge) says what that one says, as the
    row reads (:func:`.builder.spanned_cell`): it was an empty cell, the rows below the
    merged cell starting " │ La 72 │ 325"."""
    above: dict[int, str] = {}  # a column of the grid -> what its merged cell says
    for row in cells:
        laid: list[Any] = []
        column = 0
        for cell in row:
            props = cell.find(f"{W}tcPr")
            merge = props.find(f"{W}vMerge") if props is not None else None
            span = props.find(f"{W}gridSpan") if props is not None else None
            width = _val(span) if span is not None else ""
            if merge is not None and _val(merge) != "restart":
                laid.append(iter([spanned_cell(above.get(column, ""))]))
            else:
                paragraphs = list(_paragraphs(cell))
                laid.append(iter(paragraphs))
                if merge is not None:
                    above[column] = " ".join(
                        " ".join("".join(t.text or "" for t in p.iter(f"{W}t")).split())
                        for p in paragraphs
                    ).strip()
                else:
                    above.pop(column, None)
            column += int(width) if width.isdecimal() and len(width) < 4 else 1
        yield iter(laid)


def _runs(p: Any) -> Iterator[Any]:
    """The runs of the paragraph ``p`` in document order (in hyperlinks, fields, insertions,
    ...), each once: none of what Word does not show (:data:`_NOT_SHOWN`).  The paragraphs of
    a text box in a run follow that run, each between :data:`_BOX_START` and
    :data:`_BOX_END` (a line of its own).  A
    paragraph holding none of :data:`_WALKED` (most) is every run below it, as lxml finds
    them (the walk cost an eighth of a long document's conversion; a document holding none
    of them at all does not look, :attr:`_Reader.walk`)."""
    if next(p.iter(*_WALKED), None) is None:
        return p.iter(f"{W}r")  # type: ignore[no-any-return]
    return _walked(p)


def _walked(p: Any) -> Iterator[Any]:
    """:func:`_runs`, walked."""
    for child in p:
        tag = child.tag
        if tag in _NOT_SHOWN or not isinstance(tag, str):
            continue
        if tag == f"{W}r":
            yield child
            yield from _boxed(child)
        elif tag == f"{_M}r":  # a run of an equation: its text is m:t
            yield child
        elif tag != f"{W}pPr":
            yield from _walked(child)


def _boxed(node: Any) -> Iterator[Any]:
    """What a run holds besides its own text: the runs of the paragraphs inside it (a
    drawing's text box), each paragraph between :data:`_BOX_START` and :data:`_BOX_END`; a
    ruby's base, then its reading between the strings "(" and ")" ("漢字(かんじ)"); other
    runs inside it."""
    for child in node:
        tag = child.tag
        if tag in _NOT_SHOWN or not isinstance(tag, str) or tag == f"{W}t":
            continue
        if tag == f"{W}p":
            yield _BOX_START
            yield from _runs(child)
            yield _BOX_END
        elif tag == f"{W}ruby":
            base, reading = child.find(f"{W}rubyBase"), child.find(f"{W}rt")
            if base is not None:
                yield from _runs(base)
            if reading is not None:
                yield "("
                yield from _runs(reading)
                yield ")"
        elif tag == f"{W}r":
            yield child
            yield from _boxed(child)
        else:
            yield from _boxed(child)


def _paragraphs(node: Any) -> Iterator[Any]:
    """The paragraphs of a table cell or a note: a nested table's too, each once (a text
    box's paragraphs are its paragraph's, :func:`_runs`)."""
    for child in node:
        if child.tag == f"{W}p":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _paragraphs(child)


def _within(node: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``node`` (rows of a table, cells of a row), also those inside
    a content control or custom XML; not those of a table nested in a cell."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _within(child, tag)


def _row_deleted(row: Any) -> bool:
    """Whether the table row ``row`` was deleted with changes tracked: Word shows it gone
    (its words, deleted too, are not read), and it was read as a row of empty cells (" │")."""
    return row.find(f"{W}trPr/{W}del") is not None


def _cell_deleted(cell: Any) -> bool:
    """Whether the table cell ``cell`` was deleted with changes tracked (see _row_deleted)."""
    return cell.find(f"{W}tcPr/{W}cellDel") is not None


def _mark_deleted(p: Any) -> bool:
    """Whether the mark ending the paragraph ``p`` was deleted (or moved) with changes
    tracked: its text runs on into the next paragraph's."""
    props = p.find(f"{W}pPr/{W}rPr")
    return props is not None and (
        props.find(f"{W}del") is not None or props.find(f"{W}moveFrom") is not None
    )


def _mark_always_hidden(p: Any) -> bool:
    """Whether the mark ending the paragraph ``p`` is hidden even when hidden text is shown
    (``w:specVanish``, Word's style separator after a run-in heading): Word shows the
    paragraph and the next as one."""
    props = p.find(f"{W}pPr/{W}rPr")
    if props is None:
        return False
    special = props.find(f"{W}specVanish")
    return special is not None and _val(special).lower() not in _OFF


def _sections(body: Any) -> list[tuple[list[Any], Any]]:
    """The body's sections in order: each one's blocks and its properties (Word keeps a
    section's in its last paragraph, the last section's at the body's end; None when it
    has none)."""
    sections: list[tuple[list[Any], Any]] = []
    blocks: list[Any] = []
    for child in body:
        blocks.append(child)
        if child.tag == f"{W}p":
            ends = child.find(f"{W}pPr/{W}sectPr")
            if ends is not None:
                sections.append((blocks, ends))
                blocks = []
    sections.append((blocks, body.find(f"{W}sectPr")))
    return sections


def _page_numbering(p: Any) -> bool:
    """Whether the paragraph ``p`` numbers the page and says nothing else (or nothing)."""
    return page_numbering("".join(t.text or "" for t in p.iter(f"{W}t")))


def _relationships(box: Container) -> dict[str, str]:
    """The document's relationships: id -> the name of the part it points to in the zip."""
    name = "word/_rels/document.xml.rels"
    if name not in box.names:
        return {}
    found = {}
    for rel in box.xml(name).iter(f"{_PACKAGE_RELS}Relationship"):
        target = str(rel.get("Target") or "")
        if not target or rel.get("TargetMode") == "External":
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("word", target)
        found[str(rel.get("Id") or "")] = posixpath.normpath(part)
    return found


_RTF = re.compile(rb"\s*\{\\rtf")
_WEB_PAGE = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_MIME = re.compile(rb"\s*mime-version\s*:", re.I)


def _in_other_format(data: bytes, path: Path) -> Parsed | None:
    """The Word file ``data`` read as what it is when it is no zip but RTF, a web page or a
    web archive (MHTML) named ``.docx``, as programs that export "for Word" write it and
    Word opens it; ``None`` for anything else.  It was said to be damaged."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _RTF.match(head):
        from tui_reader.core.documents.formats.rtf import convert_rtf

        return convert_rtf(clean_text(decode_bytes(data, path)[0]), path)
    page: str | None = None
    if _MIME.match(head):
        page = mhtml_page(data, path)
    elif _WEB_PAGE.match(head):
        from tui_reader.core.documents.formats.html import declared_encoding

        page = decode_bytes(data, path, declared_encoding(data))[0]
    if page is None:
        return None
    from tui_reader.core.documents.formats.html import convert_html

    return convert_html(clean_text(page), path)


def _form_field(field: Any) -> str:
    """What a form field of the old kind shows, in the field's first part (its ``w:ffData``):
    a check box ☒ or ☐, a drop-down list its chosen entry (a text field shows its result in
    the runs that follow).  They showed nothing: a questionnaire's answers were lost."""
    data = field.find(f"{W}ffData")
    if data is None:
        return ""
    box = data.find(f"{W}checkBox")
    if box is not None:
        checked, default = box.find(f"{W}checked"), box.find(f"{W}default")
        if checked is not None:  # its state, ticked unless its value says not
            on = _val(checked).lower() not in _OFF
        else:  # its state as made: "1" ticked
            on = default is not None and _val(default).lower() in ("1", "true", "on")
        return "☒" if on else "☐"
    choices = data.find(f"{W}ddList")
    if choices is not None:
        entries = [_val(entry) for entry in choices.findall(f"{W}listEntry")]
        chosen = _val(choices.find(f"{W}result")) or _val(choices.find(f"{W}default")) or "0"
        index = int(chosen) if chosen.isdecimal() and len(chosen) < 6 else 0
        return entries[index] if index < len(entries) else ""
    return ""


Look = dict[str, str | bool]
"""What run properties say of a run's text: hidden (``vanish``), bold (``b``), italic
(``i``), struck (``strike``), in All Caps (``caps``), on or off; raised or lowered
(``vertAlign``); its ``font``."""
# What a run shows that is no text: a picture, a drawing, an embedded object.
_PICTURES = frozenset({f"{W}drawing", f"{W}pict", f"{W}object", f"{_MC}AlternateContent"})
_FLAGS = ("vanish", "b", "i", "strike", "caps")
# What a paragraph style gives its runs (a heading's style set in All Caps: its capitals).
_TEXT_LOOK = ("vanish", "vertAlign", "font", "caps")


def _look(props: Any) -> Look:
    """What the run properties ``props`` (a ``w:rPr``) set themselves."""
    look: Look = {}
    if props is None:
        return look
    for name in _FLAGS:
        node = props.find(f"{W}{name}")
        if node is not None:
            look[name] = _val(node).lower() not in _OFF
    align = props.find(f"{W}vertAlign")
    if align is not None:
        look["vertAlign"] = _val(align)
    fonts = props.find(f"{W}rFonts")
    if fonts is not None:
        font = str(fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or "")
        if font:
            look["font"] = font
    return look


def _run_look(props: Any, styles: dict[str, _Style], paragraph: Look) -> Look:
    """A run's look: its own properties, else its character style's (Word's "Strong",
    "Emphasis", a style made hidden or raised), else what its ``paragraph`` style gives."""
    own = _look(props)
    style = styles.get(_val(props.find(f"{W}rStyle")))
    if style is None:
        return {**paragraph, **own} if paragraph else own
    return {**paragraph, **style.look, **own}


def _symbol(sym: Any) -> str:
    """The character a ``w:sym`` shows: its code (hexadecimal, a symbol font's byte plus
    0xF000) in its font.  It was left out: "Speed  and" for "Speed α and".  A code of a font
    no table reads is left out (:func:`font_character`)."""
    try:
        code = int(str(sym.get(f"{W}char") or ""), 16)
    except ValueError:
        return ""
    if not 0x20 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return ""
    return font_character(str(sym.get(f"{W}font") or ""), chr(code))


def _val(node: Any) -> str:
    return str(node.get(f"{W}val") or "") if node is not None else ""


@dataclass(frozen=True, slots=True)
class _Style:
    """What a style says: its name (lower case), the list it numbers with (a paragraph
    style) and the look of its text (:data:`Look`, through the styles it is based on)."""

    name: str
    num_id: str = ""
    ilvl: str = ""
    look: Look = field(default_factory=dict)
    level: str = ""  # the heading level of its paragraphs, "1".."6" ("": none)

    @property
    def text_look(self) -> Look:
        """What a paragraph of this style gives its runs (:data:`_TEXT_LOOK`)."""
        return {k: v for k, v in self.look.items() if k in _TEXT_LOOK}


def _styles(box: Container) -> dict[str, _Style]:
    """styleId -> its name and list (``w:numPr``, inherited through ``w:basedOn``)."""
    if "word/styles.xml" not in box.names:
        return {}
    nodes = {
        str(style.get(f"{W}styleId") or ""): style
        for style in box.xml("word/styles.xml").iter(f"{W}style")
    }
    styles: dict[str, _Style] = {}
    for style_id, node in nodes.items():
        name = _val(node.find(f"{W}name")).lower() or style_id.lower()
        num_id = ilvl = ""
        level: str | None = None  # its heading level, once known ("": none)
        looks: list[Look] = []  # the style's own first, then those it is based on
        seen: set[str] = set()
        current: Any = node
        while current is not None:
            num = current.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = num_id or _val(num.find(f"{W}numId"))
                ilvl = ilvl or _val(num.find(f"{W}ilvl"))
            if level is None:
                # A heading by its name, by its outline level, or by the style it is based
                # on ("Chapter Title" based on "Heading 1"): it was read as a paragraph.
                outline = current.find(f"{W}pPr/{W}outlineLvl")
                named = _level(_val(current.find(f"{W}name")).lower())
                if named:
                    level = named
                elif outline is not None:
                    level = _outline_level(outline)
            looks.append(_look(current.find(f"{W}rPr")))
            parent = _val(current.find(f"{W}basedOn"))
            if not parent or parent in seen:
                break
            seen.add(parent)
            current = nodes.get(parent)
        look: Look = {}
        for based in reversed(looks):
            look.update(based)
        styles[style_id] = _Style(name, num_id, ilvl, look, level or "")
    return styles


def _level(name: str) -> str:
    """The heading level a style's ``name`` (lower case) gives its paragraphs: "heading 2"
    (and Word's other languages' names) its number, "heading" and "title" "1", else ""."""
    heading = _HEADING.match(name)
    return (heading.group(1) or "1") if heading else ("1" if name == "title" else "")


def _outline_level(outline: Any) -> str:
    """The heading level a ``w:outlineLvl`` sets: 0 is a first level's, 9 body text's ("");
    below the sixth, a sixth level's."""
    value = _val(outline)
    return str(min(int(value) + 1, 6)) if value.isdecimal() and int(value) < 9 else ""


def _default_style(box: Container, styles: dict[str, _Style]) -> _Style:
    """The paragraph style of a paragraph that names none (Word's "Normal")."""
    if "word/styles.xml" in box.names:
        for style in box.xml("word/styles.xml").iter(f"{W}style"):
            if style.get(f"{W}type") == "paragraph" and str(
                style.get(f"{W}default") or ""
            ).lower() in ("1", "true", "on"):
                found = styles.get(str(style.get(f"{W}styleId") or ""))
                if found is not None:
                    return found
    return _Style("")


def _notes_by_id(box: Container, part: str) -> dict[str, Any]:
    name = f"word/{part}.xml"
    if name not in box.names:
        return {}
    tag = f"{W}{part[:-1]}"
    return {str(note.get(f"{W}id")): note for note in box.xml(name).iter(tag)}


# The author and dates of the template python-docx makes its files from, which a program
# writing Word files with it (a transcription tool's export) keeps unless it sets its own:
# every such file was by "python-docx", dated 2013-12-23.
_TEMPLATE_PROPERTIES = {"author": ("python-docx",), "date": ("2013-12-23T23:15:00Z",)}


def _properties(box: Container) -> dict[str, str | int]:
    if "docProps/core.xml" not in box.names:
        return {}
    root = box.xml("docProps/core.xml")
    found: dict[str, str | int] = {}
    for name, tag in (("title", f"{_DC}title"), ("author", f"{_DC}creator"),
                      ("date", f"{_DCTERMS}created")):  # fmt: skip
        node = root.find(tag)
        value = " ".join(str(node.text or "").split()) if node is not None else ""
        if name == "title" and untitled(value):
            # Word's own name for the file ("Document1", "Microsoft Word - x.docx"):
            # it titled the document, not its first heading.
            continue
        if value in _TEMPLATE_PROPERTIES.get(name, ()):
            continue  # a program's template's, no author's or date
        if value:
            found[name] = value[:10] if name == "date" else value
    return found
