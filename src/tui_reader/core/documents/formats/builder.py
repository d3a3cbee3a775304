"""Writing canonical text piece by piece, with block separation and style spans.

Converters of binary formats write through a :class:`TextBuilder`: every piece is sanitised
as it is written (so no offset moves afterwards), blocks are separated by a blank line, and a
span can be opened before its text is written and closed after.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from tui_reader.core.documents.sanitize import normalize_newlines, sanitize, without_invisible
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.table_units import cell_words
from tui_reader.core.documents.turns import NAME_JOIN, NAME_MARK, NAME_TITLE

# What a program writes as a file's title when its user gave none: its own name for the
# file ("Microsoft Word - x.docx", "PowerPoint Presentation", "Document1"; a web page's
# editor: "Document", "Untitled Document", "New Page 1"), or the name.
_UNTITLED = re.compile(
    r"^(?:untitled(?: document| page)?|new page ?\d*"
    r"|microsoft (?:word|powerpoint|excel) - .*|powerpoint presentation"
    r"|document ?\d*|.*\.(?:docx?|pdf|tex|indd|pptx?|odt|odp|rtf|txt|xlsx?|html?|pages|key))$",
    re.IGNORECASE,
)


def untitled(title: str) -> bool:
    """Whether ``title``, a file's own title (its properties'), is none a person gave it."""
    return _UNTITLED.match(title) is not None


# A header's or footer's paragraph that numbers the page and says nothing else: "Page 1 of
# 3", "- 2 -", "Seite 1 von 3", "1/3" (a field's result as Word last saved it).
_PAGE_NUMBERING = re.compile(
    r"[\s\-–—|]*(?:(?:page|p\.|pg\.?|seite|página|pagina|page n°)\s*)?\d*"
    r"(?:\s*(?:of|/|de|von|sur|di|van)\s*\d*)?[\s\-–—|]*",
    re.IGNORECASE,
)


def page_numbering(text: str) -> bool:
    """Whether ``text``, a header's or footer's paragraph, numbers the page and says nothing
    else (or nothing): it is not read with the running matter (Word's, OpenDocument's)."""
    return _PAGE_NUMBERING.fullmatch(text) is not None


# A table's cell spanning rows (a web page's rowspan, Word's vertical merge, OpenDocument's
# rows spanned) is read in each row it spans, as the eye reads each row with it: its rows
# below started with an empty cell (" │ La 72 │ 325"), the label they are under nowhere on
# their line.  A label is written again; a longer text, said once, is a ditto mark below.
_SPANNED_LABEL = 60
DITTO = "〃"


def spanned_cell(said: str) -> str:
    """What a row below the cell saying ``said``, which spans it, reads in its column."""
    if not said:
        return ""
    return said if len(said) <= _SPANNED_LABEL else DITTO


_BULLETS = ("•", "◦", "▪")


def bullet(depth: int) -> str:
    """The bullet glyph of a list item at nesting ``depth`` (as Markdown documents show it)."""
    return _BULLETS[depth % len(_BULLETS)]


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


# Word's longest label: 31 characters ([MS-OI29500] 2.1.283, lvlText), so its repeated
# letters run to 31 z's, 806.  A number past them is written in digits, as a roman one past
# 3999 is: a list of a file's starting at 999,999,999 made each of its labels 38 MB of "a",
# a 36 KB .docx two gigabytes and refused after 15 s.
LONGEST_LETTERS = 26 * 31


def number_label(value: int, fmt: str) -> str:
    """``value`` written in the list number format ``fmt`` (Word's names: decimal,
    lowerLetter, upperRoman, ...; ``alpha``/``Alpha`` the letters counted as a browser and
    LibreOffice count them; unknown formats in digits)."""
    if fmt in ("lowerLetter", "upperLetter") and value <= LONGEST_LETTERS:
        # Word repeats the letter: a..z, aa..zz, aaa..
        letter = chr(ord("a") + (max(value, 1) - 1) % 26) * ((max(value, 1) - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("alpha", "Alpha") and value > 0:
        # a..z, aa, ab, .. az, ba (CSS's lower-alpha; ODF's letters unless synchronised)
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "Alpha" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for amount, digits in _ROMAN:
            while value >= amount:
                roman += digits
                value -= amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":  # counted, not shown
        return ""
    return str(value)


_SUPERSCRIPTS = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")


def superscript(text: str) -> str:
    """``text`` set as a superscript, in Unicode's superscript characters when it is made of
    digits and signs ("2" is "²": "mc²", "10⁻³", a note's number "claim¹"), as it is when any
    character has none ("th" of "4th")."""
    raised = text.translate(_SUPERSCRIPTS)
    if all(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ" or c.isspace() for c in raised):
        return raised
    return text


_P = TypeVar("_P")
_BREAKS = frozenset({"\n", "\n\n"})  # what block and line write


class TextBuilder:
    """Canonical text and spans under construction.

    A soft hyphen (U+00AD: where a word may be broken at a line end, as web pages, e-books and
    OpenDocument files hold them in every long word) is left out, as a page shows none inside
    a line: kept, it parted the word for a search ("Donau\u00addampf" is no "Donaudampf").
    ``soft_hyphens`` keeps them (a PDF's lines, which break words where they end)."""

    def __init__(self, *, soft_hyphens: bool = False) -> None:
        self._soft_hyphens = soft_hyphens
        self._parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self._tail = ""  # the last two characters written
        self._in_cell = 0  # a table's cell is being written (see table)
        # Where each table written lies, (start, end): a table of one row is one line of
        # its own, as a paragraph is, and no title (titles.line_title).
        self.tables: list[tuple[int, int]] = []
        # Where each note's or comment's number written in the text lies, (start, end), and
        # each text box's words in a paragraph: a heading's title is read without them
        # ("Visit to the market", not "...market[1]" nor "Sidebar: prices rose Visit...").
        self.note_marks: list[tuple[int, int]] = []
        # Where each text box's paragraph in a paragraph lies, (start, end): body text, no
        # part of the heading holding it (:meth:`heading_span`).
        self.boxes: list[tuple[int, int]] = []
        # A note's label was just written ("[2] "): the spaces opening its text are left out.
        # Word writes its notes so, " About 15 € an hour." after the note's own number,
        # which read "[2]  About 15 € an hour.".
        self._after_label = False

    def note_mark(self, number: int) -> None:
        """Write the number of a note or comment referred to here ("[3]")."""
        start = self.length
        self.write(f"[{number}]")
        self.note_marks.append((start, self.length))

    def note_mark_range(self, start: int) -> None:
        """What was written from ``start`` on (a text box's paragraph in a paragraph) is no
        part of the title of the paragraph holding it (:meth:`words_since`), nor of its
        heading (:meth:`heading_span`)."""
        if self.length > start:
            self.note_marks.append((start, self.length))
            self.boxes.append((start, self.length))

    def words_since(self, offset: int) -> str:
        """The words written from ``offset`` on, one space between them, without the numbers
        of notes among them (:meth:`note_mark`): a heading's or a line's as its title."""
        text = self.since(offset)
        for start, end in sorted(self.note_marks, reverse=True):
            if end <= offset:
                break
            text = text[: max(0, start - offset)] + text[end - offset :]
        return " ".join(text.split())

    def write(self, text: str) -> None:
        """Append ``text`` (sanitised; CR/LF normalised; tabs kept; soft hyphens, zero-width
        spaces and joiners left out; in a table's cell, a line break a space and a bar "|")."""
        # Printable all through (a cell, a cue, a name: most writes), or a block's or a line's
        # break, it holds no control, no line end to normalise, no soft hyphen and nothing
        # invisible: said at once, where the four looks cost a table or a subtitle file of
        # 1,000,000 rows seconds.
        if not text.isprintable() and text not in _BREAKS:
            text = sanitize(normalize_newlines(text))
            if "\xad" in text and not self._soft_hyphens:
                text = text.replace("\xad", "")
            text = without_invisible(text)  # see sanitize.INVISIBLE
        if self._after_label:
            text = text.lstrip(" \t")
            self._after_label = not text
        if self._in_cell:
            text = cell_words(text)  # a cell's own "│" parts no cells
            if "\n" in text:
                # A row is a line: a line break in a cell ("Where did you sleep?" and "And
                # where did you eat?" in a transcript's cell) cut its row in two.
                text = text.replace("\n", " ")
                if text.startswith(" ") and self._tail.endswith(" "):
                    text = text.lstrip(" ")
        if text:
            self._parts.append(text)
            self.length += len(text)
            self._tail = (self._tail + text)[-2:]

    def write_inline(self, text: str) -> None:
        """Append running text: whitespace runs (newlines too) become one space, and no space
        starts a line."""
        core = " ".join(text.split())
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and core else ""
        text = lead + core + trail
        if text.startswith(" ") and (self.length == 0 or self._tail[-1:] in (" ", "\n")):
            text = text[1:]
        self.write(text)

    def block(self) -> None:
        """Start a new block: a blank line after what was written (none at the start)."""
        if self.length == 0:
            return
        self._trim_trailing_spaces()
        if self._tail.endswith("\n\n"):
            return
        self.write("\n" if self._tail.endswith("\n") else "\n\n")

    def at_line_start(self) -> bool:
        """Whether what was written ends a line (and something was)."""
        return self.length > 0 and self._tail.endswith("\n")

    def below(self) -> None:
        """Start a new line right below what was written: a blank line just written after
        it is taken back (a definition below its term)."""
        if self._tail.endswith("\n\n") and self._parts and self._parts[-1].endswith("\n"):
            self.remove_last(1)
        else:
            self.line()

    def line(self) -> None:
        """Start a new line (a line break inside a block)."""
        if self.length and not self._tail.endswith("\n"):
            self._trim_trailing_spaces()
            self.write("\n")

    def table(
        self,
        rows: Iterable[Iterable[Iterable[_P]]],
        paragraph: Callable[[_P], None],
        *,
        sheet: bool = False,
    ) -> None:
        """A table as readable text, one block: a line per row, cells joined by " │ ", the
        paragraphs and line breaks of a cell by a space; ``paragraph`` writes one paragraph
        of a cell.  A row's empty cells at its end are left out, and a row left with none,
        as a web page's are (html_text._laid_out): a form's blank last column ended each
        row in a stray " │", a row of blank cells was a line of " │" alone.  A table of one
        column (a list of questions set in a table) is a block a row: its lines, no cell's
        mark among them, were one paragraph of prose, a sentence running from one row into
        the next ("Age Where did you grow up"); not a ``sheet``'s, a line a row as the same
        sheet saved as CSV is."""
        self.block()
        start = self.length
        laid = [list(row) for row in rows]
        apart = not sheet and len(laid) > 1 and all(len(row) <= 1 for row in laid)
        for row in laid:
            if apart:
                self.block()
            else:
                self.line()
            opened_row = self.length
            kept = self.length  # where the row's last cell holding words ends
            for i, cell in enumerate(row):
                if i:
                    self.write(" │ ")
                opened = self.length
                for p in cell:
                    if self.length > opened and not self._tail.endswith(" "):
                        # One space after the cell's words so far: an empty paragraph (a
                        # blank line, the one Word writes below a table in a cell) added one.
                        self.write(" ")
                    self._in_cell += 1
                    try:
                        paragraph(p)
                    finally:
                        self._in_cell -= 1
                said = self.since(opened)
                self._cut(opened + len(said.rstrip(" ")))
                if said.strip():
                    kept = self.length
            self._cut(kept)
            if apart:
                self.span(opened_row, SpanKind.PARAGRAPH)
        if apart:
            self._table_placed(start)
        else:
            self.table_span(start)
        self.block()

    def table_span(self, start: int) -> None:
        """End the table written since ``start``: one paragraph span over its rows, its
        place kept in :attr:`tables`."""
        self.span(start, SpanKind.PARAGRAPH)
        self._table_placed(start)

    def _table_placed(self, start: int) -> None:
        """Keep the place of the table written since ``start`` in :attr:`tables`."""
        if self.length > start:
            self.tables.append((start, self.length))

    def span(self, start: int, kind: SpanKind, data: str = "") -> None:
        """Add a span from ``start`` to the end of what was written (if it is not empty)."""
        end = self.length
        while end > start and self._char_before(end).isspace():
            end -= 1
        if end > start:
            self.spans.append(Span(start, end, kind, data))

    def heading_span(self, start: int, level: str) -> None:
        """A heading of ``level`` from ``start`` to the end of what was written: the lines of
        a text box anchored in it (a sidebar, :meth:`note_mark_range`) each a paragraph, body
        text, and only the heading's own words the heading (they had its style over them)."""
        boxes = sorted(box for box in self.boxes if box[1] > start)
        if not boxes:
            self.span(start, SpanKind.HEADING, level)
            return
        text = self.since(start)
        pieces: list[tuple[int, int, SpanKind]] = []
        at = start
        for box_start, box_end in boxes:
            if box_start < at:
                continue  # inside the box before (a box in a box): its lines are in it
            pieces += [(at, box_start, SpanKind.HEADING), (box_start, box_end, SpanKind.PARAGRAPH)]
            at = box_end
        pieces.append((at, self.length, SpanKind.HEADING))
        for piece_start, piece_end, kind in pieces:
            words = text[piece_start - start : piece_end - start]
            first = piece_start + len(words) - len(words.lstrip())
            end = piece_start + len(words.rstrip())
            if end > first:
                data = level if kind is SpanKind.HEADING else ""
                self.spans.append(Span(first, end, kind, data))

    def styled(self, start: int, kind: SpanKind) -> None:
        """Style what was written since ``start`` as ``kind`` (emphasis, strong, ...), one span
        with the run of that style just before it (a run split by the writer stays whole)."""
        spans = self.spans
        for i in range(len(spans) - 1, max(-1, len(spans) - 4), -1):
            if spans[i].kind is kind and spans[i].end == start:
                spans[i] = Span(spans[i].start, self.length, kind)
                return
        spans.append(Span(start, self.length, kind))

    def notes(self, count: int, labels: Mapping[int, str] | None = None) -> Iterator[int]:
        """A "Notes" section (a level-2 heading), then a paragraph ``[n] …`` per note (or
        its label in ``labels``: an author's own mark): yields each note's number once its
        label is written, for the caller to write its text."""
        if not count:
            return
        self.block()
        start = self.length
        self.write("Notes")
        self.span(start, SpanKind.HEADING, "2")
        for number in range(1, count + 1):
            self.block()
            start = self.length
            self.write(labels[number] if labels and number in labels else f"[{number}] ")
            self._after_label = True
            yield number
            self._after_label = False
            self.span(start, SpanKind.PARAGRAPH)

    def text(self) -> str:
        """The canonical text (trailing whitespace removed)."""
        self._trim_trailing_spaces()
        while self._parts and self._parts[-1].endswith("\n"):
            last = self._parts[-1].rstrip("\n")
            self.length -= len(self._parts[-1]) - len(last)
            self._parts[-1] = last
            if not last:
                self._parts.pop()
        return "".join(self._parts)

    def sorted_spans(self) -> list[Span]:
        """The spans in (start, longest first) order, clipped to the final text."""
        length = self.length
        spans = [s if s.end <= length else Span(s.start, length, s.kind, s.data)
                 for s in self.spans if s.start < length]  # fmt: skip
        return sorted(spans, key=lambda s: (s.start, -s.end))

    def since(self, offset: int) -> str:
        """What was written from ``offset`` on (near the end: the last parts are walked)."""
        pos, pieces = self.length, []
        for part in reversed(self._parts):
            if pos <= offset:
                break
            pieces.append(part[max(0, offset - (pos - len(part))) :])
            pos -= len(part)
        return "".join(reversed(pieces))

    def _char_before(self, offset: int) -> str:
        # Only ever asked near the end: walk back over the last parts.
        pos = self.length
        for part in reversed(self._parts):
            if pos - len(part) < offset:
                return part[offset - 1 - (pos - len(part))]
            pos -= len(part)
        return ""

    def _trim_trailing_spaces(self) -> None:
        while self._parts and self._parts[-1].endswith((" ", "\t")):
            last = self._parts[-1].rstrip(" \t")
            self.length -= len(self._parts[-1]) - len(last)
            self._parts[-1] = last
            if not last:
                self._parts.pop()
        self._tail = self._last_two()

    def _last_two(self) -> str:
        """The last two characters of the last two parts (as ``"".join(parts[-2:])[-2:]``),
        without joining them: a part may be a cell of megabytes."""
        parts = self._parts
        last = parts[-1] if parts else ""
        if len(last) >= 2 or len(parts) < 2:
            return last[-2:]
        return (parts[-2][-2:] + last)[-2:]

    def _cut(self, offset: int) -> None:
        """Take back what was written after ``offset`` (blank cells: no span starts there)."""
        while self._parts and self.length > offset:
            last = self._parts[-1]
            over = self.length - offset
            if len(last) <= over:
                self._parts.pop()
                self.length -= len(last)
            else:
                self._parts[-1] = last[:-over]
                self.length = offset
        self._tail = self._last_two()

    def remove_last(self, count: int) -> None:
        """Take back the last ``count`` code points written (within the last piece)."""
        if self._parts and len(self._parts[-1]) >= count:
            self._parts[-1] = self._parts[-1][:-count]
            self.length -= count
            self._tail = self._last_two()


# A speaker's name: one to four words, a letter first ("INTERVIEWER", "Ana López", "P03"),
# with a title before them and the small words of a family's name ("Dr Ana María de la Cruz"):
# as a Word file's bold label, so a PDF's label before its colon (one rule for both).
SPEAKER_NAME = (
    NAME_TITLE.replace("[ \\t]", "[ \u00a0]")
    + r"[^\W\d_][\w.'’-]*(?:[ \u00a0]"
    + NAME_JOIN.replace("[ \\t]", "[ \u00a0]")
    + r"[\w.'’-]+){0,3}"
)
# A bold name may carry a role or a code in brackets ("Ana (INT)", "P[1]"), or a sound the
# transcriber noted ("Ana [laughs]", its speaker Ana): such a turn was read as the words of
# the speaker before it.
_NAME = re.compile(SPEAKER_NAME + NAME_MARK.replace("[ \\t]", "[ \u00a0]"))


def bold_label(written: str, bold: int, start: int) -> tuple[int, int, int] | None:
    """A paragraph's opening words set bold as a speaker's name, ``(start, end, body)`` in
    the text (see ``Parsed.labels``), or ``None``: ``written`` is the paragraph's text,
    written from ``start``, its first ``bold`` characters bold.  A name is one to four
    words, then a space and words not bold ("INTERVIEWER How did you come?"; a colon or a
    tab after it the text itself shows)."""
    lead, rest = written[:bold], written[bold:]
    name = lead.strip()
    if not _NAME.fullmatch(name) or not (lead[-1:].isspace() or rest[:1].isspace()):
        return None
    if not any(c.isalpha() for c in rest):
        return None
    at = start + len(lead) - len(lead.lstrip())
    return at, at + len(name), start + len(written) - len(rest.lstrip())
