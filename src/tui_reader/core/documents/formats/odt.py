"""OpenDocument .odt -> canonical text and spans: headings, emphasis, lists, tables, notes.

``content.xml`` is read through :class:`~.archive.Container` (zip bombs refused, XML parsed
without entities or network).  Bold and italic come from the automatic styles a text span
names; footnotes and comments are collected at the end under "Notes", referenced as ``[n]``
(a comment as ``Comment (author): ...``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

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
from tui_reader.core.documents.formats.odt_lists import (
    MAX_LEVEL,
    XML_ID,
    LevelStyle,
    ListCounter,
    ListStyle,
    ListStyles,
)
from tui_reader.core.documents.formats.symbol_fonts import is_symbol_font, symbol_text
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.titles import line_title
from tui_reader.core.errors import DocumentError

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# A drawing's title and description (an image's alternative text): not shown on the page,
# they were run into the paragraph holding the drawing ("Picture hereLogo of the agency").
_NOT_SHOWN = frozenset({f"{_SVG}title", f"{_SVG}desc"})
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_MAX_DEPTH = 200
_ROW_GROUPS = frozenset(
    {f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"}
)


def _encrypted(box: Container) -> bool:
    """Whether the package's manifest says its content is encrypted (a file saved with a
    password: its content.xml is ciphertext, said to be 'not well-formed XML')."""
    if "META-INF/manifest.xml" not in box.names:
        return False
    try:
        manifest = box.xml("META-INF/manifest.xml")
    except DocumentError:  # a manifest nothing else reads: the content may be fine
        return False
    for entry in manifest.iter(f"{_MANIFEST}file-entry"):
        if entry.get(f"{_MANIFEST}full-path") == "content.xml":
            return entry.find(f"{_MANIFEST}encryption-data") is not None
    return False


def convert_odt(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the OpenDocument text ``data``."""
    box = Container(data, path, "OpenDocument")
    if "content.xml" not in box.names:
        raise DocumentError(path, "not an OpenDocument file (no content.xml)")
    if _encrypted(box):
        raise DocumentError(
            path,
            "this OpenDocument file is protected by a password (encrypted): it cannot be "
            "read; save it again without a password",
        )
    root = box.xml("content.xml")
    styles = box.xml("styles.xml") if "styles.xml" in box.names else None
    # Character styles: named ones ("Emphasis", "Strong Emphasis") from styles.xml, then the
    # automatic ones of content.xml, each with what the styles it is based on set.
    properties = _StyleProperties((root,) if styles is None else (styles, root))
    reader = _Reader(properties.text_styles(), ListStyles(root, styles))
    reader.raised = properties.raised()
    reader.symbols = properties.symbols()
    reader.hidden = properties.hidden()
    reader.hidden_paragraphs = properties.hidden("paragraph")
    reader.capital_styles = properties.capitals()
    reader.capital_paragraphs = properties.capitals("paragraph")
    reader.title_styles = properties.titles()
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    running = 0  # where the first page's header and footer, written above the body, end
    if body is not None:
        if styles is not None:
            reader.master_pages = {
                str(p.get(f"{STYLE}name")): p for p in styles.iter(f"{STYLE}master-page")
            }
            reader.page_styles = _page_styles(root, styles)
            reader.running_matter(_first_master_page(root, body))
            running = reader.out.length
        reader.ranges = _ranges(body)
        reader.blocks(body, 0)
    reader.notes()
    metadata = _meta(box)
    text = reader.out.text()
    spans = reader.out.sorted_spans()
    # (the header's line, "CONFIDENTIAL - Interview 12", is no title of the document's)
    titled = " " * running + text[running:] if running else text
    return Parsed(
        text,
        spans,
        str(metadata.get("title") or "")
        or reader.title
        or line_title(titled, spans, reader.out.tables),
        (),
        (),
        metadata,
        labels=tuple(reader.labels),
        tables=tuple(reader.out.tables),
        problems=(_TOO_DEEP,) if reader.too_deep else (),
    )


# What is said of a file whose text was left out below _MAX_DEPTH levels of lists, sections or
# spans in one another: it was left out without a word, the rest read as if it were all.
_TOO_DEEP = (
    f"text nested more than {_MAX_DEPTH} levels deep (lists, sections or styled words "
    "in one another) left out"
)


class _Reader:
    def __init__(self, styles: dict[str, tuple[bool, bool]], lists: ListStyles) -> None:
        self.out = TextBuilder()
        self.styles = styles
        self.raised: set[str] = set()  # the character styles that raise their text
        self.symbols: dict[str, str] = {}  # character style -> the symbol font it sets
        self.hidden: set[str] = set()  # the character styles that hide their text
        self.hidden_paragraphs: set[str] = set()  # the paragraph styles that hide theirs
        # The character and paragraph styles that set their text in capitals (True) or
        # say it is not (False), and whether the text being written is.
        self.capital_styles: dict[str, bool] = {}
        self.capital_paragraphs: dict[str, bool] = {}
        self.capitals = False
        self.title_styles: set[str] = set()  # the paragraph styles of a document's title
        self.list_styles = lists
        self.title: str | None = None
        self.labels: list[tuple[int, int, int]] = []  # see Parsed.labels
        self.notes_found: list[Any] = []
        self.note_labels: dict[int, str] = {}  # a note's number -> its author's own mark
        self.comments_open: dict[str, Any] = {}  # comments on a range, by name: see inline
        self.ranges: set[str] = set()  # the names of comments whose range ends after them
        self.list_depth = -1
        self.too_deep = False  # text left out below _MAX_DEPTH levels (see _TOO_DEEP)
        self.counter: ListCounter | None = None  # the list being read
        self.list_style: ListStyle = {}
        self.by_id: dict[str, ListCounter] = {}  # xml:id -> its list, to be continued
        self.last_list: tuple[str, ListCounter] | None = None  # (style, list) read last
        self.outline_counter = ListCounter()  # the numbers of headings
        # The master pages by name, the paragraph and table styles that start a page of one
        # (their master-page-name), the one the page being read is of, and the words of
        # the headers and footers written (see page_matter).
        self.master_pages: dict[str, Any] = {}
        self.page_styles: dict[str, str] = {}
        self.master = ""
        self.matter_said: set[str] = set()

    def running_matter(self, master: str) -> None:
        """Write, once above the body, the header and the footer of the first page (of the
        master page ``master``: its first page's own if it has them, else its own), but for
        their page numbers: they were never read, and a header's case number or
        "CONFIDENTIAL - Interview 12" was lost without a word.  What they write is no
        title or speaker of the body's."""
        page = self.master_pages.get(master)
        if page is None:
            page = next(iter(self.master_pages.values()), None)
        if page is None:
            return
        self.master = master
        for part in self._matter(page):
            self.blocks(part, 0)
        self.title = None
        self.labels.clear()
        self.out.block()

    def page_matter(self, node: Any) -> None:
        """Before ``node``, a paragraph or table whose style starts a page of another master
        page (an appendix's "Appendix B - Interview transcripts"), write that page's header
        and footer when they say what none before said: only the first page's were read.
        What they write is no title or speaker of the body's.  A list starts a page as its
        first paragraph's style has it (LibreOffice sets the page style there, not on the
        list: an appendix opening with a numbered list lost its header)."""
        if node.tag == f"{TEXT}list":
            node = next(node.iter(f"{TEXT}p", f"{TEXT}h"), None)
            if node is None:
                return
        style = str(node.get(f"{TEXT}style-name") or node.get(f"{TABLE}style-name") or "")
        master = self.page_styles.get(style, "")
        if not master or master == self.master or master not in self.master_pages:
            return
        self.master = master
        parts = self._matter(self.master_pages[master])
        if not parts:
            return
        kept = (self.title, len(self.labels))
        self.out.block()
        for part in parts:
            self.blocks(part, 0)
        self.title = kept[0]
        del self.labels[kept[1] :]
        self.out.block()

    def _matter(self, page: Any) -> list[Any]:
        """The header and the footer of the first page of the master page ``page`` (its
        first page's own if it has them), without their page numbers, but for those whose
        words were written already."""
        found = []
        for kind in ("header", "footer"):
            part = page.find(f"{STYLE}{kind}-first")
            if part is None or part.get(f"{STYLE}display") == "false":
                part = page.find(f"{STYLE}{kind}")
            if part is None or part.get(f"{STYLE}display") == "false":
                continue
            for p in [p for p in part.iter(f"{TEXT}p") if page_numbering("".join(p.itertext()))]:
                p.getparent().remove(p)
            said = " ".join(" ".join(part.itertext()).split()).casefold()
            if not said or said in self.matter_said:
                continue
            self.matter_said.add(said)
            found.append(part)
        return found

    def blocks(self, parent: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.too_deep = True
            return
        # An index's entries (a table of contents' lines): the lines of one block, as the
        # document shows them; a blank line parted each from the next.
        entries = parent.tag == f"{TEXT}index-body"
        entry_before = False
        for child in parent:
            tag = child.tag
            if self.page_styles and tag in _PAGED:
                self.page_matter(child)
            if tag == f"{TEXT}p":
                if str(child.get(f"{TEXT}style-name") or "") in self.title_styles:
                    # Its Title style: the document's title, a heading as Word's is.
                    self.paragraph(child, SpanKind.HEADING, "1")
                else:
                    self.paragraph(child, SpanKind.PARAGRAPH, "", line=entry_before)
                    entry_before = entries
                continue
            entry_before = False
            if tag == f"{TEXT}h":
                level = str(child.get(f"{TEXT}outline-level") or "1")
                self.paragraph(child, SpanKind.HEADING, level if level.isdecimal() else "1")
            elif tag == f"{TEXT}list":
                self.list(child, depth)
            elif tag == f"{TABLE}table":
                self.table(child)
            elif (
                tag in _CONTAINERS
                and child.get(f"{TEXT}display") != "none"  # a section hidden: not shown
            ):
                self.blocks(child, depth + 1)

    def paragraph(self, node: Any, kind: SpanKind, level: str, *, line: bool = False) -> None:
        """Write the paragraph ``node``: after a blank line, or a line break when ``line``."""
        if str(node.get(f"{TEXT}style-name") or "") in self.hidden_paragraphs:
            return  # a paragraph its style hides (a template's instructions to its user)
        if _hidden_paragraph(node):
            return  # a paragraph its condition hides (a mail merge's empty line)
        out = self.out
        out.line() if line else out.block()
        start = out.length
        if kind is SpanKind.HEADING and node.get(f"{TEXT}is-list-header") != "true":
            self.heading_number(node, int(level))
        title_start = out.length  # a numbered heading's title leaves its number out
        spans = len(out.spans)
        self.capitals = self.capital_paragraphs.get(str(node.get(f"{TEXT}style-name") or ""), False)
        self.inline(node, (False, False), 0)
        self.capitals = False
        if kind is SpanKind.PARAGRAPH:
            self._label(title_start, spans)
        if kind is SpanKind.HEADING:
            out.heading_span(start, level)  # a text box's lines in it are body text
        else:
            out.span(start, kind, level)
        if kind is SpanKind.HEADING and level == "1" and self.title is None:
            self.title = out.words_since(title_start) or None  # without "[1]"

    def _label(self, start: int, spans: int) -> None:
        """Keep the bold words opening the paragraph written from ``start`` (its spans from
        the ``spans``-th) as a speaker's name when they read as one
        (:func:`.builder.bold_label`): a transcript's names set bold, no colon after them."""
        out = self.out
        bold = start
        for span in sorted(out.spans[spans:], key=lambda span: span.start):
            if span.kind is SpanKind.STRONG and span.start <= bold < span.end:
                bold = span.end
        if bold > start:
            label = bold_label(out.since(start), bold - start, start)
            if label is not None:
                self.labels.append(label)

    def heading_number(self, node: Any, level: int) -> None:
        """Write the heading's number ("2.1 "), if the outline style numbers its level."""
        outline = self.list_styles.outline
        if not outline.get(level, LevelStyle()).fmt:
            return
        start_value = str(node.get(f"{TEXT}start-value") or "")
        given = _number(start_value)
        label = self.outline_counter.next_label(level, outline, given)
        if label:
            self.out.write(label + " ")

    def list(self, node: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.too_deep = True
            return
        out = self.out
        outer = (self.counter, self.list_style)
        style_name = str(node.get(f"{TEXT}style-name") or "")
        if not style_name and self.counter is None:
            style_name = self.list_styles.of_paragraph(_first_paragraph_style(node))
        if style_name:
            self.list_style = self.list_styles.lists.get(style_name, {})
        if self.counter is None:
            self.counter = self._list_counter(node, style_name)
        self.list_depth += 1
        level = min(self.list_depth + 1, MAX_LEVEL)
        first_item = True
        for item in node:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            children = [c for c in item if isinstance(c.tag, str)]
            nested_only = bool(children) and children[0].tag == f"{TEXT}list"
            start = out.length
            if self.list_depth == 0 and first_item:
                out.block()  # a list is a block of its own, however its first item looks
            if not nested_only:
                out.line()
                out.write("  " * self.list_depth)
                start = out.length
                if item.tag == f"{TEXT}list-item":
                    self._marker(item, level)
            first_item = False
            first = True
            for child in children:
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    if not first:
                        out.write(" ")
                    self.inline(child, (False, False), 0)
                    first = False
                elif child.tag == f"{TEXT}list":
                    self.list(child, depth + 1)
            if not nested_only:
                out.span(start, SpanKind.LIST_ITEM)
        self.list_depth -= 1
        if outer[0] is None:
            self.last_list = (style_name, self.counter)
        self.counter, self.list_style = outer

    def _list_counter(self, node: Any, style_name: str) -> ListCounter:
        """A new list, or the one this list continues."""
        continued = self.by_id.get(str(node.get(f"{TEXT}continue-list") or ""))
        before = self.last_list
        if (
            continued is None
            and node.get(f"{TEXT}continue-numbering") == "true"
            and (before is not None and before[0] == style_name)
        ):
            continued = before[1]
        counter = continued or ListCounter()
        own_id = node.get(XML_ID)
        if own_id:
            self.by_id[str(own_id)] = counter
        return counter

    def _marker(self, item: Any, level: int) -> None:
        out = self.out
        assert self.counter is not None
        start_value = item.get(f"{TEXT}start-value")
        given = _number(str(start_value or ""))
        label = self.counter.next_label(level, self.list_style, given)
        start = out.length
        if label is None:
            out.write(bullet(self.list_depth) + " ")
        elif label:
            out.write(label + " ")
        out.span(start, SpanKind.BULLET)

    def table(self, node: Any) -> None:
        laid_out = _laid_out(node, self.hidden_paragraphs)
        if laid_out:
            # A page laid out in a table of one row (a newsletter's contents beside its
            # article): its headings and paragraphs were run into one line of cells.  Each
            # cell's are written as they stand, one cell after another.
            for cell in laid_out:
                self.blocks(cell, 1)
            return
        spanned: dict[int, tuple[int, str]] = {}  # see _row_cells
        rows = (_row_cells(row, self.hidden_paragraphs, spanned) for row in _repeated_rows(node))
        self.out.table(rows, self._cell_paragraph)

    def _cell_paragraph(self, p: Any) -> None:
        """A table cell's paragraph, or what a cell spanning rows above says (a string)."""
        if isinstance(p, str):
            self.out.write(p)
        else:
            self.inline(p, (False, False), 0)

    def inline(self, node: Any, style: tuple[bool, bool], depth: int) -> None:
        out = self.out
        self.write(node.text)
        for child in node:
            tag = child.tag
            if depth > _MAX_DEPTH:
                self.too_deep = True
                break
            if tag == f"{TEXT}span":
                name = str(child.get(f"{TEXT}style-name") or "")
                own = self.styles.get(name, (False, False))
                start = out.length
                if name in self.hidden:
                    # Hidden text (neither shown nor printed: a template's instructions), as
                    # Word's is left out: it was read into the words beside it.
                    pass
                elif name in self.symbols and len(child) == 0:
                    # Set in a symbol font (Symbol, Wingdings): its characters are the font's
                    # own, kept as private-use code points ("\uf061" for "α").
                    self.write(symbol_text(self.symbols[name], child.text or ""))
                elif name in self.raised and len(child) == 0:
                    # A superscript's digits raised: they ran into the word before ("mc2").
                    self.write(superscript(child.text or ""))
                else:
                    # Text a style sets in capitals is shown and printed in capitals: it was
                    # read in the case it was typed in.
                    around = self.capitals
                    self.capitals = self.capital_styles.get(name, around)
                    self.inline(child, own, depth + 1)
                    self.capitals = around
                if own[0]:
                    out.span(start, SpanKind.STRONG)
                if own[1]:
                    out.span(start, SpanKind.EMPHASIS)
            elif tag == f"{TEXT}a":
                start = out.length
                self.inline(child, style, depth + 1)
                out.span(
                    start, SpanKind.LINK, str(child.get("{http://www.w3.org/1999/xlink}href") or "")
                )
            elif tag == f"{TEXT}s":
                count = str(child.get(f"{TEXT}c") or "1")
                out.write(" " * min(100, _number(count) or 1))
            elif tag == f"{TEXT}tab":
                out.write("\t")
            elif tag == f"{TEXT}line-break":
                out.write("\n")
            elif tag == f"{TEXT}note":
                self.notes_found.append(child.find(f"{TEXT}note-body"))
                citation = child.find(f"{TEXT}note-citation")
                mark = "" if citation is None else str(citation.get(f"{TEXT}label") or "")
                mark = " ".join(mark.split())
                if mark:
                    # The author's own mark ("*", "†"), not a number: the note's reference
                    # and its label, as the document shows it; it was read "[1]".
                    start = out.length
                    out.write(mark)
                    out.note_marks.append((start, out.length))
                    self.note_labels[len(self.notes_found)] = f"{mark} "
                else:
                    out.note_mark(len(self.notes_found))
            elif tag == f"{OFFICE}annotation":  # a comment: a note, said to be one
                name = str(child.get(f"{OFFICE}name") or "")
                if name and name in self.ranges:
                    # A comment on a range of words opens it: its number goes where the
                    # range ends, after its words, as Word's does; it was run into the
                    # first word of the range ("A comment [1]on these words"), and of a
                    # range across paragraphs, still is ("Across [2]two").
                    self.comments_open[name] = child
                else:
                    self.notes_found.append(child)
                    out.note_mark(len(self.notes_found))
            elif tag == f"{OFFICE}annotation-end":
                opened = self.comments_open.pop(str(child.get(f"{OFFICE}name") or ""), None)
                if opened is not None:
                    self.notes_found.append(opened)
                    out.note_mark(len(self.notes_found))
            elif tag == f"{TEXT}hidden-text":
                # Conditional text its condition hides (a mail merge's or a template's
                # version for another reader): not shown nor printed, it was read into the
                # words beside it ("Visible secrettext.").  Shown when its condition shows it.
                if child.get(f"{TEXT}is-hidden") != "true":
                    self.inline(child, style, depth + 1)
            elif tag == f"{TEXT}ruby-text":  # the reading of the ruby base: in brackets
                out.write("(")
                self.inline(child, style, depth + 1)
                out.write(")")
            elif tag in (f"{TEXT}p", f"{TEXT}h"):
                # A paragraph of a text box (a frame in the paragraph): a line of its own, as
                # Word's are; its lines ran into each other and into the paragraph around.
                # No words of the heading holding it (a sidebar's) titled the document.
                out.line()
                box = out.length
                self.inline(child, style, depth + 1)
                out.line()
                out.note_mark_range(box)
            elif tag not in _NOT_SHOWN:
                before = out.length
                self.inline(child, style, depth + 1)
                tail = child.tail
                if (
                    isinstance(tag, str)
                    and tag.startswith(_DRAW)
                    and out.length == before
                    and tail
                    and tail[0] == " "
                    and out.since(out.length - 1) == " "
                ):
                    # A picture among the words, left out of the text: the spaces either
                    # side of it are one ("See the map  below.").
                    tail = tail[1:]
                self.write(tail)
                continue
            self.write(child.tail)

    def write(self, text: str | None) -> None:
        if text and self.out.at_line_start():
            # White space opening a line (after a text box's lines) is none, as in a
            # paragraph's start: a stray space opened the line (" After the box.").
            text = text.lstrip(" \t\r\n")
        if text:
            self.out.write((text.upper() if self.capitals else text).replace("\n", " "))

    def notes(self) -> None:
        for opened in self.comments_open.values():
            # A range whose end was not read (in words left out: hidden, deleted): the
            # comment is referred to at the end of the text, never lost.
            self.notes_found.append(opened)
            self.out.note_mark(len(self.notes_found))
        self.comments_open.clear()
        found = list(self.notes_found)
        for number in self.out.notes(len(found), self.note_labels):
            body = found[number - 1]
            if body is not None and body.tag == f"{OFFICE}annotation":
                author = " ".join(str(body.findtext(f"{_DC}creator") or "").split())
                self.out.write(f"Comment ({author}): " if author else "Comment: ")
            for p in () if body is None else _cell_paragraphs(body, self.hidden_paragraphs):
                self.inline(p, (False, False), 0)
                self.out.write(" ")


# What holds a document's paragraphs without being one: a section, and an index (a table of
# contents, an alphabetical index, a list of figures...), its title and its body (its
# entries' templates, in its source, are no text).  A table of contents was left out.
_CONTAINERS = frozenset(
    f"{TEXT}{name}"
    for name in ("section", "soft-page-break", "index-body", "index-title", "table-of-content",
                 "alphabetical-index", "illustration-index", "table-index", "object-index",
                 "user-index", "bibliography")
)  # fmt: skip


def _ranges(body: Any) -> set[str]:
    """The names of the comments of ``body`` on a range of words: those whose end mark
    (``office:annotation-end``) comes after them, in their paragraph or a later one."""
    opened: set[str] = set()
    ranges: set[str] = set()
    for node in body.iter(f"{OFFICE}annotation", f"{OFFICE}annotation-end"):
        name = str(node.get(f"{OFFICE}name") or "")
        if not name:
            continue
        if node.tag == f"{OFFICE}annotation":
            opened.add(name)
        elif name in opened:
            ranges.add(name)
    return ranges


def _rows(table: Any) -> Iterator[Any]:
    """The rows of ``table`` (its header rows and row groups too), not a nested table's."""
    for child in table:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


_MAX_SPAN = 1000  # columns a cell is said to span or repeat: a hostile file's are no concern
_MAX_REPEATED_CELLS = 20_000  # cells of words a table's repeated rows may add, in all


def _hidden_paragraph(node: Any) -> bool:
    """Whether the paragraph ``node`` is hidden by a condition (``text:hidden-paragraph``
    whose last reckoning hid it): neither shown nor printed."""
    return any(
        child.tag == f"{TEXT}hidden-paragraph" and child.get(f"{TEXT}is-hidden") == "true"
        for child in node
    )


def _worded(node: Any) -> bool:
    """Whether ``node`` holds any words."""
    return any(text.strip() for text in node.itertext())


def _repeated_rows(table: Any) -> Iterator[Any]:
    """The rows of ``table`` as it shows them: a row said to be repeated
    (``table:number-rows-repeated``, as a spreadsheet writes equal rows) once for each time,
    up to :data:`_MAX_SPAN`; it was read once.  A row without words is written once however
    often it repeats (a spreadsheet-made table repeats its blank rows to a million): it is
    left out of the text in any case.  Repeats write at most :data:`_MAX_REPEATED_CELLS`
    cells of words more in a table, so that a hostile file's (a million rows of a thousand
    cells) neither hangs its reading nor fills the memory."""
    budget = _MAX_REPEATED_CELLS
    for row in _rows(table):
        times = _count(row.get(f"{TABLE}number-rows-repeated"))
        if times > 1 and _worded(row):
            width = sum(
                _count(cell.get(f"{TABLE}number-columns-repeated"))
                for cell in row
                if cell.tag == f"{TABLE}table-cell" and _worded(cell)
            )
            times = max(1, min(times, budget // max(width, 1)))
            budget -= (times - 1) * width
        else:
            times = 1
        for _ in range(times):
            yield row


def _row_cells(
    row: Any, hidden: Collection[str] = (), spanned: dict[int, tuple[int, str]] | None = None
) -> Iterator[Iterator[Any]]:
    """The cells of ``row``, each its paragraphs, laid out as the table shows them: a cell
    covered by one spanning rows above it (``table:covered-table-cell``) is an empty cell in
    its column, so the cells after it stay in their columns ("Diaz │ 31" under "Ana │ Ruiz │
    30" was read as if Diaz stood in Ana's column), as on a web page or in a Word file; a
    cell covered by one spanning columns beside it is that one cell, written once, and
    covered cells ending the row are left out.  A cell said to be repeated
    (``table:number-columns-repeated``) is written once for each column it fills, up to
    :data:`_MAX_SPAN`; it was written once, the cells after it out of their columns.  Empty
    cells are written only when a cell of words follows them: a spreadsheet-made row
    repeats its blank cells to the sheet's last column.  A cell covered by one spanning
    rows above says what that one says, as the row reads (:func:`.builder.spanned_cell`;
    ``spanned``, kept from row to row: a column -> the rows it still spans, what it says):
    the rows below it started " │ La 72 │ 325"."""
    spanned = {} if spanned is None else spanned
    beside = 0  # how many columns more the cell before spans
    empty = 0  # empty cells (covered, blank), written when a cell of words follows them
    column = 0
    for cell in row:
        if cell.tag == f"{TABLE}table-cell":
            times = _count(cell.get(f"{TABLE}number-columns-repeated"))
            beside = _count(cell.get(f"{TABLE}number-columns-spanned")) - 1
            rows = _count(cell.get(f"{TABLE}number-rows-spanned"))
            if rows > 1 and times == 1:
                said = " ".join(" ".join(p.itertext()) for p in _cell_paragraphs(cell, hidden))
                spanned[column] = (rows - 1, " ".join(said.split()))
            column += times + beside
            if not _worded(cell):
                empty += times
                continue
            for _ in range(empty):
                yield iter(())
            empty = 0
            for _ in range(times):
                yield _cell_paragraphs(cell, hidden)
        elif cell.tag == f"{TABLE}covered-table-cell":
            for _ in range(_count(cell.get(f"{TABLE}number-columns-repeated"))):
                if beside:
                    beside -= 1
                    continue
                left, said = spanned.pop(column, (0, ""))
                if left > 1:
                    spanned[column] = (left - 1, said)
                column += 1
                if not said:
                    empty += 1
                    continue
                for _ in range(empty):
                    yield iter(())
                empty = 0
                yield iter([spanned_cell(said)])


def _page_styles(root: Any, styles: Any) -> dict[str, str]:
    """The paragraph and table styles that start a page of a master page: name -> the
    master page's name (the document's automatic styles, and its named ones)."""
    found = {}
    for source in (styles, root):
        for style in source.iter(f"{STYLE}style"):
            master = style.get(f"{STYLE}master-page-name")
            if master:
                found[str(style.get(f"{STYLE}name"))] = str(master)
    return found


def _first_master_page(root: Any, body: Any) -> str:
    """The name of the master page the document's first page is set by: the one its first
    paragraph's or table's style names, else LibreOffice's default ("Standard")."""
    first = next((c for c in body if c.tag in (f"{TEXT}p", f"{TEXT}h", f"{TABLE}table")), None)
    if first is not None:
        name = first.get(f"{TEXT}style-name") or first.get(f"{TABLE}style-name")
        for style in root.iter(f"{STYLE}style"):
            if style.get(f"{STYLE}name") == name and style.get(f"{STYLE}master-page-name"):
                return str(style.get(f"{STYLE}master-page-name"))
    return "Standard"


_PAGED = frozenset({f"{TEXT}p", f"{TEXT}h", f"{TABLE}table", f"{TEXT}list"})  # may start a page


def _count(value: Any) -> int:
    """A count of columns an attribute gives (spanned, repeated): 1 when missing or no number."""
    text = str(value or "").strip()
    if not text.isdecimal() or len(text) > 6:  # "1e9", or more digits than any table's
        return _MAX_SPAN if text.isdecimal() else 1
    return min(max(int(text), 1), _MAX_SPAN)


def _cell_paragraphs(node: Any, hidden: Collection[str] = ()) -> Iterator[Any]:
    """The paragraphs and headings of a table cell or a note, a nested table's and list's
    too, each once: not the paragraphs inside a paragraph (its notes and comments, which
    :meth:`_Reader.inline` numbers), nor those a condition or a paragraph style of
    ``hidden`` hides (they were read in a cell, as a note's words)."""
    for child in node:
        if child.tag in (f"{TEXT}p", f"{TEXT}h"):
            if not _hidden_paragraph(child) and (
                str(child.get(f"{TEXT}style-name") or "") not in hidden
            ):
                yield child
        elif isinstance(child.tag, str):
            yield from _cell_paragraphs(child, hidden)


def _laid_out(table: Any, hidden: Collection[str] = ()) -> list[Any]:
    """The cells of ``table`` when it lays a page out rather than lists data: it has one
    row, a cell of which holds a heading or two paragraphs of words; else none."""
    rows = list(_rows(table))
    if len(rows) != 1:
        return []
    cells = [cell for cell in rows[0] if cell.tag == f"{TABLE}table-cell"]
    for cell in cells:
        paragraphs = list(_cell_paragraphs(cell, hidden))
        worded = sum(1 for p in paragraphs if "".join(p.itertext()).strip())
        if worded >= 2 or any(p.tag == f"{TEXT}h" for p in paragraphs):
            return cells
    return []


def _first_paragraph_style(node: Any) -> str:
    """The paragraph style of the first paragraph of a list (its list style may come from it)."""
    for p in node.iter(f"{TEXT}p", f"{TEXT}h"):
        return str(p.get(f"{TEXT}style-name") or "")
    return ""


_PROPERTIES = (
    f"{FO}font-weight", f"{FO}font-style", f"{TEXT}display", f"{STYLE}text-position",
    f"{STYLE}font-name", f"{FO}font-family", f"{FO}text-transform",
)  # fmt: skip
_PERCENT = re.compile(r"[0-9]+(?:\.[0-9]+)?%")


class _StyleProperties:
    """The text properties of the document's styles (of ``parts``: styles.xml's, then
    content.xml's), each style's with those of the styles it is based on
    (``style:parent-style-name``) under its own: an automatic style based on a named one
    that hides or raises its text hid or raised nothing."""

    def __init__(self, parts: tuple[Any, ...]) -> None:
        own: dict[tuple[str, str], tuple[dict[str, str], str]] = {}
        self.faces: dict[str, str] = {}
        for part in parts:
            for face in part.iter(f"{STYLE}font-face"):
                family = str(face.get(f"{_SVG}font-family") or "").strip("'\"")
                self.faces[str(face.get(f"{STYLE}name"))] = family
            for style in part.iter(f"{STYLE}style"):
                props = style.find(f"{STYLE}text-properties")
                values = {}
                if props is not None:
                    values = {k: str(props.get(k)) for k in _PROPERTIES if props.get(k) is not None}
                key = (str(style.get(f"{STYLE}family") or ""), str(style.get(f"{STYLE}name")))
                own[key] = (values, str(style.get(f"{STYLE}parent-style-name") or ""))
        self.styles: dict[tuple[str, str], dict[str, str]] = {}
        self.based_on: dict[tuple[str, str], set[str]] = {}  # a style's name, its ancestors'
        for key in own:
            chain: list[dict[str, str]] = []
            current: tuple[str, str] | None = key
            seen: set[tuple[str, str]] = set()
            while current in own and current not in seen:
                assert current is not None
                seen.add(current)
                values, parent = own[current]
                chain.append(values)
                current = (key[0], parent) if parent else None
            self.based_on[key] = {name for _, name in seen}
            merged: dict[str, str] = {}
            for values in reversed(chain):
                merged.update(values)
            self.styles[key] = merged

    def _by_name(self, family: str = "") -> Iterator[tuple[str, dict[str, str]]]:
        """Each style's name and properties; of ``family`` only when one is given, else
        the character styles last (a span names its style by its name alone)."""
        keys = sorted(self.styles, key=lambda key: key[0] == "text")
        for key in keys:
            if not family or key[0] == family:
                yield key[1], self.styles[key]

    def text_styles(self) -> dict[str, tuple[bool, bool]]:
        """Style name -> (bold, italic)."""
        return {
            name: (
                props.get(f"{FO}font-weight", "") in ("bold", "600", "700", "800", "900"),
                props.get(f"{FO}font-style", "") in ("italic", "oblique"),
            )
            for name, props in self._by_name()
        }

    def hidden(self, family: str = "") -> set[str]:
        """The names of the styles that hide their text (``text:display="none"``)."""
        return {
            name for name, props in self._by_name(family) if props.get(f"{TEXT}display") == "none"
        }

    def symbols(self) -> dict[str, str]:
        """Style name -> the symbol font (Symbol, Wingdings) it sets its text in, by the name
        of a font face (``style:font-name``) or a family (``fo:font-family``)."""
        found = {}
        for name, props in self._by_name():
            face = props.get(f"{STYLE}font-name", "")
            font = self.faces.get(face, face) or props.get(f"{FO}font-family", "").strip("'\"")
            if is_symbol_font(font):
                found[name] = font
        return found

    def capitals(self, family: str = "") -> dict[str, bool]:
        """Style name -> whether it sets its text in capitals (``fo:text-transform``
        "uppercase"), for the styles that say either way."""
        return {
            name: props[f"{FO}text-transform"] == "uppercase"
            for name, props in self._by_name(family)
            if f"{FO}text-transform" in props
        }

    def titles(self) -> set[str]:
        """The names of the paragraph styles that are the document's "Title" style or based
        on it (what LibreOffice's Title style sets: a document's title)."""
        return {
            name
            for (family, name), names in self.based_on.items()
            if family == "paragraph" and "Title" in names
        }

    def raised(self) -> set[str]:
        """The names of the styles that set their text as a superscript (a text position
        "super", or raised by a share of the line: "33% 58%")."""
        raised = set()
        for name, props in self._by_name():
            position = props.get(f"{STYLE}text-position", "").split()
            first = position[0] if position else ""
            if first == "super" or (_PERCENT.fullmatch(first) and float(first[:-1]) > 0):
                raised.add(name)
        return raised


def _meta(box: Container) -> dict[str, str | int]:
    if "meta.xml" not in box.names:
        return {}
    root = box.xml("meta.xml")
    found: dict[str, str | int] = {}
    fields = (
        ("title", f"{_DC}title"),
        ("author", f"{_DC}creator"),
        ("author", f"{META}initial-creator"),
        ("date", f"{META}creation-date"),
    )
    for name, tag in fields:
        node = root.find(f"{OFFICE}meta/{tag}")
        value = " ".join(str(node.text or "").split()) if node is not None else ""
        if name == "title" and untitled(value):
            # Word's own name for the file ("Document1", "Microsoft Word - x.docx"):
            # it titled the document, not its first heading.
            continue
        if value and name not in found:
            found[name] = value[:10] if name == "date" else value
    return found


def _number(value: str) -> int | None:
    """``value`` as a number when it is one in decimal digits (not "²", not 5,000 digits)."""
    return int(value) if value.isdecimal() and len(value) < 10 else None
