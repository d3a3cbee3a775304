"""PDF (with a text layer) -> paragraphs of running text, with the page each part is on.

pypdfium2 (PDFium) gives each page's text in reading order, line by line, and where each
character sits.  Lines are joined into paragraphs: a new paragraph starts after a vertical
gap, at an indented line, after a line that stops short of its column's edge and ends a
sentence or comes before one that does not go on in lowercase (an entry of a list set with
a hanging indent, its next lines set in, is one passage), at a line set in a bigger
font (but for a heading's next line, right below it in its size), or across a page break
where the gap fell at the page's edge (the next page's text starts lower, or this one's
ends higher on a sentence's end, than full pages' text does: known from the pages' first
and last lines, the document's first and last included), or at a column's foot (it ends
higher on a sentence's end than the next column of its page goes down); a sentence broken
over lines or pages is one passage.  Left ambiguous: with two pages, a blank line at the
foot of the first when the second page is shorter and the last line is full.  At a full
column's foot (not a page's), a line ending a sentence a word short of the edge before a line
not set in opening with a capital ends its paragraph where the document's own such lines
inside its columns mostly stand above a paragraph's gap (short paragraphs), else goes on.
A word
hyphenated at a line end is joined (a compound the document writes whole elsewhere keeps its
hyphen: "self-determination"; so do "well-known", "twenty-five", a compound left open,
"short- and long-term", one of two words an English text writes alone, "conflict-free",
and one of three words or more, "state-of-the-art").  Digits set small and raised after a
word (a note's number, a power) are written raised ("claim¹²").  A list's item (a bullet
opens it) and an entry of a table of contents (dot leaders and a page number end it) are
passages of their own.  Running headers
and footers (a line repeated at the top or bottom of most pages, at the same height; page
numbers; a chapter's title in their band, in the margin) are left out.  Notes at a page's
foot (set smaller, a number opening them; at a column's foot too) are read
after the paragraph they interrupt.  A chapter's drop cap is its first word's letter.
The numbers of a page's lines in its margin (a deposition's transcript) are left out.
``Parsed.pages`` keeps where each page starts.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.builder import (
    SPEAKER_NAME,
    TextBuilder,
    superscript,
    untitled,
)
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.table_units import cell_words
from tui_reader.core.documents.titles import ends_as_sentence, find_title_line
from tui_reader.core.errors import DocumentError

NO_TEXT_LAYER = "no text layer: scanned? run OCR first"
_LINE = re.compile(r"[^\r\n]+")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|de|von)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
# A list's item (its bullet opens the line) and an entry of a table of contents (dot leaders
# and a page number end it): each a line of its own, however full the line before.
_ITEM = re.compile(r"[•◦▪▫‣●○■□∙]\s")
# A caption's opening: its kind, its number and a full stop, a colon or a dash ("Table 1.",
# "Figure 2:", "Fig. 3 —", "Tabla 1.", "Abbildung 4:"), "Table 1 shows ..." is the text's.
_CAPTION = re.compile(
    r"(?:Table|Figure|Fig\.|Chart|Graph|Map|Exhibit|Plate|Box|Tabla|Figura|Cuadro|Gráfico"
    r"|Mapa|Tableau|Graphique|Carte|Tabelle|Abbildung|Abb\.|Tabella|Grafico)[ \t\xa0]+"
    r"(?:[A-Z]?\d{1,3}(?:\.\d{1,3})?|[IVXLC]{1,6})(?:[.:]|[ \t\xa0]+[-–—])(?:[ \t\xa0]|$)"
)
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})$")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad\u2010\x02]$")
# A hyphen or a dash ending a line after a figure or an abbreviation's full stop, where
# hyphenation breaks no word: it joins what goes on the next line ("U.S.-" then "Mexico",
# "1978-" then "1992", "pp. 305–" then "333"), no space after it.
_HYPHEN_AFTER_SIGN = re.compile(r"(?:\d|\b[^\W\d_]\.)[-\u2010\u2013]$")
_DIGITS = re.compile(r"\d+")
# A word joined by a hyphen ("self-determination", "well-known"), as a line holds it whole.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LAST_WORD = re.compile(r"[^\W\d_]+-$")
_FIRST_WORD = re.compile(r"[^\W_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A glyph without a character (U+FFFE, see _page_lines) between two spaces: one space stays.
_NO_CHARACTER = re.compile(" ?\ufffe+(?= )")
# What a PDF maker writes where its user gave no title, author or subject (ReportLab writes
# "(anonymous)" and "(unspecified)", or "anonymous" and "unspecified"): no value at all.
_PLACEHOLDER = re.compile(r"^\(?(?:anonymous|unspecified|untitled|unknown)\)?$", re.I)


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    left: float
    right: float
    top: float  # of its first character
    base: float  # the bottom of its first character
    bottom: float  # of its last character (a line PDFium joined may span two)
    height: float
    numbered: float = -1.0  # where its text starts after a number opening it (-1: none)
    cells: str = ""  # its text with its cells apart (" │ "), when set wide apart on it
    columns: tuple[tuple[float, float], ...] = ()  # where each of its cells starts and ends
    hang: float = 0.0  # where its words start after a label set apart in the margin (0: none)
    lead: float = 0.0  # how wide its first word is set (0: not measured)
    boxed: bool = False  # a form's check box or radio button was put on it
    filled: float = 0.0  # where the leftmost form field whose answer was put on it starts
    # A line written right to left: its left and right as it runs, and its first word's
    # width from its right end (its left and right above are its first and last characters')
    leftward: tuple[float, ...] = ()
    # Its cells are words set apart by gaps all of one width (see _spread): a justified
    # line's, spread to fill its column, when a line of its paragraph is beside it.
    spread: bool = False


def convert_pdf(data: bytes, path: Path) -> Parsed:
    """Canonical text, paragraph spans, page starts and metadata of the PDF ``data``."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(path, "encrypted PDF: it needs a password") from exc
        raise DocumentError(path, "damaged or not a PDF") from exc
    damaged: list[int] = []  # pages that could not be read: the others are
    unmapped: list[int] = []  # pages drawing text PDFium gives no character of
    # Pages of a few lines at most that are a picture (a scan without OCR, which a library
    # may have stamped with a line of text): a page of its own text or none.  Told while
    # the page is open: opened again to be looked at, a document of 100,000 short pages
    # took 10 s.
    pictured: set[int] = set()
    unseen: list[pdfium.PdfiumError] = []  # a page whose pictures could not be looked at
    try:
        pages = []
        for n in range(len(pdf)):
            try:
                pages.append(_page_lines(pdf, n, unmapped, (pictured, unseen)))
            except pdfium.PdfiumError:  # one damaged page refused the whole file
                pages.append([])
                damaged.append(n)
        if damaged and len(damaged) == len(pages):
            raise pdfium.PdfiumError("no page could be read")
        info = _metadata(pdf)
        info["fingerprint"] = _fingerprint(pdf, data)
        if unseen:
            raise unseen[0]  # as a page's pictures not looked at ever was
    except pdfium.PdfiumError as exc:
        raise DocumentError(path, f"damaged PDF ({exc})") from exc
    finally:
        pdf.close()
    if not any(pages):
        # A text layer all in a font with no Unicode map is one, which cannot be read: it
        # was said to be none ("scanned? run OCR first"), and so sent to OCR for nothing.
        # Scans among such pages are said too: told of one reason alone, the reader ran OCR
        # and still could not read the others, or never learnt some pages were scans.
        pictures = sorted(pictured - set(unmapped))
        raise DocumentError(path, _nothing_readable(pictures, unmapped, len(pages)))
    pages = [_without_axis_labels(_without_line_numbers(page)) for page in pages]
    compounds = _compounds([line for page in pages for line in page])
    pages = [[_joined(line, compounds) for line in page] for page in pages]
    every_line = [line for page in pages for line in page]
    # A line on two scanned pages or more, as written and at one height, is their stamp
    # (not on a cover sheet before them, it was no running line of the whole document).
    stamps = Counter((line.text, round(line.top / 3)) for n in pictured for line in pages[n])
    shown = {n: pages[n] for n in pictured}  # their lines, running ones too
    written = [bool(page) for page in pages]  # pages holding lines, running ones too
    running = _drop_running_lines(pages)
    # Scanned pages, their only text running lines (a library's stamp, a page number): a
    # scan so stamped was read as its stamps, one behind a cover sheet as its cover alone.
    # (On most of the pictured pages: a title slide shown again on a picture is no stamp.)
    stamped = max(2, 0.8 * len(pictured))
    scanned = [
        n
        for n in sorted(pictured)
        if all(
            stamps[line.text, round(line.top / 3)] >= stamped or _PAGE_NUMBER.match(line.text)
            for line in shown[n]
        )
    ]
    scans = set(scanned)
    if scans and not any(lines for n, lines in enumerate(written) if n not in scans):
        # nothing but scans and their stamps (and pages of text no character of is known)
        raise DocumentError(path, _nothing_readable(scanned, unmapped, len(pages)))
    problems: tuple[str, ...] = ()
    unread = [(n + 1, "damaged, not read") for n in damaged]
    if damaged:
        problems = (f"{_counted(damaged, len(pages))} damaged, left out: {_page_list(damaged)}",)
    if unmapped:
        problems += (_unmapped_pages(unmapped, len(pages)),)
    if scanned:
        # A page or two of a picture without text among pages of text may be a photograph
        # as well as a scan, and is said as either: such a page was said nothing of, and
        # the text jumped over it.
        sure = len(scanned) > 1 and 3 * len(scanned) >= len(pages)
        problems += (_scanned_pages(scanned, len(pages), sure=sure),)
        why = "scanned, no text layer" if sure else "a picture without text (a scan?)"
        unread += [(n + 1, why) for n in scanned]
        for n in scanned:
            pages[n] = []
    # A document made only of what looks like running lines (a page of one line each:
    # "Slide 3 of 40", a card per page) is read whole, not said to have no text.
    notes = _foot_notes(pages)
    lines = [line for page in pages for line in page] or every_line
    if _right_to_left(lines):
        for line in lines:
            _mirrored(line)
    out, page_starts = _paragraphs(lines, len(pages), notes, {n - 1 for n, _why in unread})
    text = out.text()
    spans = out.sorted_spans()
    title = info.get("title")
    first = min(spans, key=lambda span: span.start, default=None)
    opening = " ".join(text[first.start : first.end].split()) if first is not None else ""
    if not title and first is not None and first.kind is SpanKind.HEADING and " " in opening:
        # The document opens with a heading of words (its title, set bigger than the text;
        # one word is more often a section's, "Abstract"): a line of two words ("Border
        # Report") is no title to find_title_line, which took the first line of three
        # words below it, a table's header ("Name Age City").
        title = opening
    if not title:
        # A line that reads like a title; not the first paragraph, whatever it is (a page
        # of running text was titled by its first 200 characters): else its file's name.
        found = find_title_line(text, first_line=False)
        if found is not None and not ends_as_sentence(text[found[0] : found[1]]):
            title = text[found[0] : found[1]]  # (a sentence further on is a line of the text)
    metadata: dict[str, str | int] = {k: v for k, v in info.items() if v}
    metadata["pages"] = len(pages)
    address = _printed_address(running)
    if address:
        metadata["url"] = address
    return Parsed(
        text, spans, title or None, tuple(page_starts), (), metadata, problems,
        unread=tuple(sorted(unread)),
    )  # fmt: skip


# A letter of a script written right to left: Hebrew, Arabic (its presentation forms too),
# Syriac, Thaana, N'Ko.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u07ff\u0800-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_SAMPLE = 2000  # lines looked at to tell which way a document's text runs


def _right_to_left(lines: list[_Line]) -> bool:
    """Whether most letters of ``lines`` (their first :data:`_SCRIPT_SAMPLE`) are of a script
    written right to left: a Hebrew or an Arabic document's."""
    sample = "".join(line.text for line in lines[:_SCRIPT_SAMPLE])
    return 2 * len(_RIGHT_TO_LEFT.findall(sample)) > len(_LETTER.findall(sample))


def _mirrored(line: _Line) -> None:
    """Set ``line`` as in a mirror, its start at its right end: a line of a text written
    right to left starts at its column's right edge and a paragraph's last line stops short
    of the left one, where one written left to right starts and stops at the other edges.
    Read so, each line of a Hebrew paragraph set ragged left was an indented first line,
    and a justified paragraph's last line a paragraph of its own."""
    if line.leftward:
        line.left, line.right, line.lead = line.leftward
    line.left, line.right = -line.right, -line.left
    line.columns = tuple((-end, -start) for start, end in line.columns)
    if line.hang:
        line.hang = -line.hang
    if line.filled:
        line.filled = -line.filled
    if line.numbered >= 0:
        line.numbered = -line.numbered


def _page_lines(
    pdf: pdfium.PdfDocument,
    number: int,
    unmapped: list[int] | None = None,
    pictured: tuple[set[int], list[pdfium.PdfiumError]] | None = None,
) -> list[_Line]:
    """The lines of page ``number`` of ``pdf``; the page put in ``unmapped`` when text is
    drawn on it that PDFium gives no character of (see :func:`_unmapped_text`), and in the
    first of ``pictured`` when it has 3 lines at most and is mostly a picture (see
    :func:`_pictured`; an error looking at its pictures put in the second)."""
    page = pdf[number]
    # What the page's annotations show (a filled form's answers, a typed comment, a stamp)
    # is drawn apart from its text, which left it out: a questionnaire read "Name:" and
    # "Answer:" without what was written in them.  It is made part of the page first, after
    # its own text (``shown`` characters), and its lines are then put where they stand.
    shown = _own_characters(page) if _shows_annotations(page) else None
    boxes_ticked = _check_boxes(pdf, page) if shown is not None else []
    if shown is not None:
        if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) != 1:
            shown = None  # FLATTEN_SUCCESS: anything else, nothing was added
        else:
            page.close()
            page = pdf[number]
    textpage = page.get_textpage()
    if page.get_rotation() % 360 and _set_upright(textpage):
        # A page turned by its /Rotate (a scan or a table a reader turned and saved) whose
        # text stands upright on the page itself: PDFium read its lines in the order the
        # turned view shows them side by side, the last first.  Read as set, top down.
        textpage.close()
        page.set_rotation(0)
        textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        count = textpage.count_chars()
        if unmapped is not None and _unmapped_text(page, textpage, count):
            unmapped.append(number)
        if count != len(raw):
            # A glyph without a character (no Unicode mapping) is counted but left out of the
            # text: the indices did not line up and the whole page lost where its lines are
            # (one paragraph, no running lines).  Read each character, such a glyph as
            # U+FFFE (left out of the line's text below), so that they do.
            raw = "".join(
                chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0xFFFE) for i in range(count)
            )
        boxes = count == len(raw)  # else the indices do not line up
        if boxes and "\ufffe" in raw:
            raw = _marked_hyphens(textpage, raw)
        if boxes:
            raw = _raised_digits(textpage, raw)
            raw = _overprinted(textpage, raw)
        lines: list[_Line] = []
        placed: list[tuple[_Line, int, int]] = []  # each line and its first and last character
        added: list[_Line] = []  # the lines of what the annotations show
        for match in _pieces(textpage, raw, shown if boxes else None):
            text = match.group().replace("\x02", "-")
            if text.endswith(_LINE_END_HYPHEN):  # parted from what PDFium joined it to
                text = text[:-1] + "-"
            if "\ufffe" in text:  # a glyph without a character, and a space beside it
                text = _NO_CHARACTER.sub("", text).replace("\ufffe", "")
            if _SURROGATE.search(text):  # a character beyond the BMP, read as its two halves
                text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            if not text.strip():
                continue
            first = match.start() + len(text) - len(text.lstrip())
            last = match.end() - 1 - (len(match.group()) - len(match.group().rstrip()))
            if boxes:
                left, base, start, top = textpage.get_charbox(first, loose=True)
                end, bottom, right, _ = textpage.get_charbox(last, loose=True)
            else:
                left = right = top = base = bottom = start = end = 0.0
            line = _Line(text.strip(), number, left, right, top, base, bottom, top - base)
            if boxes and right - left > _WIDE * line.height * len(line.text):
                line.cells, line.columns, line.spread = _cells(textpage, raw, first, last, line)
            if boxes:
                line.hang = _hang(textpage, raw, first, line)
                line.lead = _lead(textpage, raw, first, line)
                if right < left:
                    # A line written right to left (Hebrew, Arabic): its first character
                    # stands at its right end, its last at its left.  Where it runs, for a
                    # document written so (see _mirrored): its left and right are theirs
                    # (it was as wide as its inner characters' edges, its right before its
                    # left), its first word measured from its right end.
                    line.leftward = (end, start, _lead(textpage, raw, first, line, start))
            opening = _LINE_NUMBER.match(line.text) if boxes else None
            if opening is not None and opening.end() < len(line.text):
                # Where its text starts after the number, should it be a line's number in
                # the margin (see _without_line_numbers).
                after = first + opening.end()
                line.numbered = textpage.get_charbox(after, loose=True)[0]
            if boxes:
                line.text = _note_number_apart(textpage, raw, first, line.text)
            (added if shown is not None and match.start() >= shown else lines).append(line)
            placed.append((line, first, last))
        if boxes:
            _rows_under(textpage, raw, placed)
        if boxes and boxes_ticked:
            starts = _word_starts(textpage, raw, placed)
            marked = [box for box in boxes_ticked if box[4]]
            added = _with_check_boxes(lines, added, marked, number, starts)
            fields = [box for box in boxes_ticked if not box[4]]
            spans = {id(line): (first, last) for line, first, last in placed}

            def within(line: _Line, box: tuple[float, float, float, float, str]) -> str:
                first, last = spans[id(line)]
                kept = []
                for at in range(first, last + 1):
                    left, bottom, right, top = textpage.get_charbox(at, loose=True)
                    x, y = (left + right) / 2, (bottom + top) / 2
                    inside = box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1
                    kept.append(raw[at] if inside or raw[at] == " " else " ")
                return " ".join("".join(kept).split())

            added = _with_field_values(lines, added, fields, starts, within)
        for line in added:  # before the first of the page's own lines below it
            at = next((i for i, own in enumerate(lines) if own.top < line.top - 1), len(lines))
            lines.insert(at, line)
        if boxes and not added:
            lines = _columns_apart(textpage, raw, placed) or lines
        lines = _rejoined(lines) if boxes else lines
        _justified_unparted(lines)
        if pictured is not None and len(lines) <= 3:
            try:
                if _pictured(page):
                    pictured[0].add(number)
            except pdfium.PdfiumError as exc:  # not the page unread: the file is damaged
                pictured[1].append(exc)
        return lines
    finally:
        textpage.close()
        page.close()


def _set_upright(textpage: pdfium.PdfTextPage) -> bool:
    """Whether most of the text of ``textpage`` runs left to right on the page as it is
    set, before any turn its /Rotate asks (the next character of a word further right, not
    further up or down)."""
    raw = textpage.get_text_range()
    if textpage.count_chars() != len(raw):
        return False
    across = down = 0
    for i in range(min(len(raw), _UPRIGHT_SAMPLE) - 1):
        if raw[i].isalnum() and raw[i + 1].isalnum():
            left, bottom, _, _ = textpage.get_charbox(i)
            next_left, next_bottom, _, _ = textpage.get_charbox(i + 1)
            if abs(next_left - left) > abs(next_bottom - bottom):
                across += next_left > left
            else:
                down += 1
    return across > down


_UPRIGHT_SAMPLE = 400  # characters of a turned page looked at to tell how its text runs


# A line set wider than its characters take (more than this much of its height for each,
# where a line of prose takes about half) may be a table's row: its gaps are looked at.
_WIDE = 0.7
_CELL_GAP = 1.0  # of a line's height at least between two words: two cells of a table
_SPACES = re.compile(r" +")


def _cells(
    textpage: pdfium.PdfTextPage, raw: str, first: int, last: int, line: _Line
) -> tuple[str, tuple[tuple[float, float], ...], bool]:
    """The text of ``line`` (``raw[first:last + 1]``, its ends stripped) with the spaces
    that stand for a wide gap, a table's cells apart, written " │ ", and where each cell
    starts and ends on the page, and whether its words are spread (see :func:`_spread`);
    or ``("", (), False)`` when it has none.  PDFium writes one space for any gap, and a
    table's row read as a sentence of its cells' words ("January 120 98")."""
    if raw[first : last + 1] != line.text:
        return "", (), False  # its characters not one for one with its text (see _page_lines)
    parts: list[str] = []
    columns: list[tuple[float, float]] = []
    gaps: list[tuple[float, str]] = []  # each space's width, and the character before it
    at = 0
    starts = line.left
    for run in _SPACES.finditer(line.text):
        before = first + run.start() - 1
        after = first + run.end()
        ends = textpage.get_charbox(before, loose=True)[2]
        begins = textpage.get_charbox(after, loose=True)[0]
        gaps.append((begins - ends, raw[before]))
        if begins - ends >= _CELL_GAP * line.height:
            parts += [cell_words(line.text[at : run.start()]), " │ "]
            columns.append((starts, ends))
            at, starts = run.end(), begins
    if not parts:
        return "", (), False
    cells = "".join([*parts, cell_words(line.text[at:])])
    return cells, (*columns, (starts, line.right)), _spread(gaps, line.height)


def _rows_under(
    textpage: pdfium.PdfTextPage, raw: str, placed: list[tuple[_Line, int, int]]
) -> None:
    """Give the cells of a table's row to each line of ``placed`` (a page's lines, each with
    its first and last character) right below a row with cells whose runs of text (as
    PDFium sees them) each start where a cell of that row does: a row of a short cell and a
    long one ("Waiting    Time spent in queues, shelters or camps ...", under "Code
    Definition") is set no wider than prose, so its gaps were not measured (see _WIDE), and
    it was read as a passage of prose, "Waiting Time spent in queues ...", its cells lost."""
    for (above, _, _), (line, first, last) in itertools.pairwise(placed):
        if line.cells or not above.cells or " " not in line.text:
            continue
        if not (line.top < above.top and above.bottom - line.top <= line.height):
            continue  # (right below it: less than a line's height between them)
        starts = [start for start, _ in above.columns]
        count = textpage.count_rects(first, last - first + 1)
        if not 2 <= count <= len(starts):
            continue
        runs = [textpage.get_rect(i)[0] for i in range(count)]
        if all(any(abs(run - start) <= line.height for start in starts) for run in runs):
            line.cells, line.columns, line.spread = _cells(textpage, raw, first, last, line)


_SPREAD_WORDS = 2  # words of a spread line at least
_SPREAD_SLACK = 0.1  # of a line's height: the most a justified line's gaps differ by


def _spread(gaps: list[tuple[float, str]], height: float) -> bool:
    """Whether a line's ``gaps`` (each space's width and the character before it), all a
    table's cells apart, are a justified line's: one width, to :data:`_SPREAD_SLACK`, as
    justifying spreads a line's spaces alike to fill its column (the gaps after a stop or a
    comma as wide or wider: TeX widens them).  A table's row of one-word cells sets its
    gaps by its columns, each its own width."""
    if len(gaps) < _SPREAD_WORDS - 1 or min(gap for gap, _ in gaps) < _CELL_GAP * height:
        return False
    slack = _SPREAD_SLACK * height
    plain = [gap for gap, before in gaps if before.isalnum()] or [gap for gap, _ in gaps]
    narrowest = min(plain)
    return max(plain) - narrowest <= slack and all(gap >= narrowest - slack for gap, _ in gaps)


_INDENT_HEIGHTS = 3.0  # a paragraph's first line set in this many of its heights at most
_MEASURE_SLACK = 0.5  # of a line's height: two lines' right edges this near fill one measure


def _justified_unparted(lines: list[_Line]) -> None:
    """Read the spread lines of ``lines`` (a page's) as prose, not a table's rows, where the
    line above or below, of no cells, fills the same measure (its right edge the same, its
    left too or set in as a paragraph's first line is): a justified column's line holding
    few long words ("changed      region      permits      the      across") has its
    spaces spread a line's height wide, and was read as a table's row of its own, its
    paragraph cut around it."""
    for at, line in enumerate(lines):
        if not (line.spread and line.cells):
            continue
        beside = [lines[i] for i in (at - 1, at + 1) if 0 <= i < len(lines)]
        slack = _MEASURE_SLACK * line.height
        if any(
            not other.cells
            and other.page == line.page
            and abs(other.right - line.right) <= slack
            and abs(other.left - line.left) <= _INDENT_HEIGHTS * line.height
            and -slack <= max(other.base - line.top, line.base - other.top) <= line.height
            for other in beside
        ):
            line.cells, line.columns = "", ()


_LABEL_CHARS = 30  # a label set in the margin before a line's words: this long at most
_HANG_SLACK = 0.5  # of a line's height: a line starting this near a hanging indent's words


def _lead(
    textpage: pdfium.PdfTextPage, raw: str, first: int, line: _Line, start: float | None = None
) -> float:
    """How wide the first word of ``line`` (its first character ``raw[first]``) is set on
    the page, or 0 when its characters are not its text's one for one; ``start``: where a
    line written right to left starts, its first word at its right end."""
    end = line.text.find(" ") % (len(line.text) + 1)  # (a word alone: the line)
    if end <= 0 or raw[first : first + end] != line.text[:end]:
        return 0.0
    box: tuple[float, float, float, float] = textpage.get_charbox(first + end - 1, loose=True)
    return max(0.0, start - box[0] if start is not None else box[2] - line.left)


def _hang(textpage: pdfium.PdfTextPage, raw: str, first: int, line: _Line) -> float:
    """Where the words of ``line`` start after a label set apart before them, a line's
    height or more ("WITNESS:" in the margin, what was said at a tab stop, the lines going
    on below it starting there too: a hanging indent, as hearings' and interviews'
    transcripts are set); 0.0 for a line without one."""
    if not raw.startswith(line.text, first):
        return 0.0  # its characters not one for one with its text (see _page_lines)
    word = 0
    for run in _SPACES.finditer(line.text, 0, _LABEL_CHARS):
        # Only after a word a label may end with (a colon, a full stop, capitals or a
        # digit: "CHAIR:", "Q.", "P03"): a line of prose asks PDFium for no box (measuring
        # every line's gaps cost a fifth of a long PDF's conversion).
        said, word = line.text[word : run.start()], run.end()
        if not (said.endswith((":", ".")) or said.isupper() or any(c.isdigit() for c in said)):
            continue
        before = first + run.start() - 1
        after = first + run.end()
        if after >= first + len(line.text):
            break
        start = textpage.get_charbox(after, loose=True)[0]
        if start - textpage.get_charbox(before, loose=True)[2] >= _CELL_GAP * line.height:
            return float(start)
    return 0.0


_COLUMN_LINES = 6  # lines side by side, at least, that a table's rows are told from
_FEW_COLUMN_LINES = 2  # lines side by side, at least, read as columns when they are prose
_COLUMN_PIECE = 15  # characters of each column's part of such a line, at least
_GOING_ON = 0.3  # of the columns' lines opening in a small letter, at least: running text


def _columns_apart(
    textpage: pdfium.PdfTextPage, raw: str, placed: list[tuple[_Line, int, int]]
) -> list[_Line] | None:
    """The lines of a page set in two columns or three whose lines PDFium joined, each line
    of the left column and the lines beside it read as one ("the border closed in the In
    the second column"): parted where the gutters between them are, the left column's
    lines first, then the next one's; a line across them (a title, a heading of the next
    part, a closing line) where it stands, the columns above it read before it and those
    below it after it; ``None`` when the page is not so (most of its lines not
    runs of prose a gutter apart, at the same places).  Fewer than :data:`_COLUMN_LINES`
    lines side by side (a short page, an article's last) are columns only when they read as
    prose by both of :func:`_running_text`'s rules (:func:`_prose`): a short table's rows
    stay rows."""
    if len(placed) < _FEW_COLUMN_LINES:
        return None
    parted: list[list[_Line]] = []
    starts: list[tuple[float, ...]] = []  # where each column but the first starts, by line
    for line, first, last in placed:
        pieces = _runs(textpage, raw, line, first, last, _COLUMN_PIECE)
        if pieces is not None:
            starts.append(tuple(piece.left for piece in pieces[1:]))
        parted.append(pieces if pieces is not None else [line])
    if not starts:
        return None
    count = Counter(len(at) for at in starts).most_common(1)[0][0]  # gutters of the page
    starts = [at for at in starts if len(at) == count]
    if len(starts) < max(_FEW_COLUMN_LINES, len(placed) // 2):
        return None
    gutters = [statistics.median(at[i] for at in starts) for i in range(count)]
    height = statistics.median(line.height for line, _, _ in placed)
    if any(
        abs(at - gutter) > 2 * height
        for line_at in starts
        for at, gutter in zip(line_at, gutters, strict=True)
    ):
        return None  # runs apart here and there: a table's cells, no gutter
    for i, (line, first, last) in enumerate(placed):
        # A paragraph's last line in a column, too short to tell a gutter ("up." beside
        # "north."), or a row with a column ended: parted where the gutters are.
        pieces = parted[i]
        if len(pieces) == 1 or (len(pieces) - 1 != count):
            short = _runs(textpage, raw, line, first, last, 1)
            if short is not None and all(
                any(abs(piece.left - gutter) <= 2 * height for gutter in gutters)
                for piece in short[1:]
            ):
                parted[i] = short
            elif len(pieces) > 1 and not all(
                any(abs(piece.left - gutter) <= 2 * height for gutter in gutters)
                for piece in pieces[1:]
            ):
                parted[i] = [line]
    # Running text, each column's lines going on one another's sentences ("filled up" below
    # "and the shelters"), not a table's rows of cells each its own ("Ana López" beside
    # "San Pedro Sula"): a table's rows stay rows.
    columns: list[list[_Line]] = [[] for _ in range(count + 1)]
    ordered: list[_Line] = []  # the page read: each band of columns, then a line across
    band: list[list[_Line]] = [[] for _ in range(count + 1)]  # the columns since that line
    for line_pieces in parted:
        for piece in line_pieces:
            column = _column_of(piece, gutters, height)
            if column is None:
                ordered += _band_read(band, height)
                band = [[] for _ in range(count + 1)]
                ordered.append(piece)
            else:
                columns[column].append(piece)
                band[column].append(piece)
    ordered += _band_read(band, height)
    sides = [piece for line_pieces in parted if len(line_pieces) > 1 for piece in line_pieces]
    if not _running_text(sides) or (
        len(starts) < _COLUMN_LINES
        and not (_prose(sides) or _filling([_sided(column, parted) for column in columns]))
    ):
        return None
    return ordered


def _band_read(band: list[list[_Line]], height: float) -> list[_Line]:
    """The lines of ``band`` (its columns' lines, side by side) in reading order: each
    column's, then the next one's; but lines set smaller than the text (notes, see
    :data:`_NOTE_SIZE`) closing a column below every other column's lines last (a journal's
    notes at the foot of its left column were read between the columns, cutting the
    sentence going on from one to the next, and were no page's notes)."""
    feet: list[_Line] = []
    read: list[_Line] = []
    for number, column in enumerate(band):
        lowest = min(
            (line.base for other, lines in enumerate(band) if other != number for line in lines),
            default=None,
        )
        at = len(column)
        while (
            lowest is not None
            and at > 0
            and 0 < column[at - 1].height < _NOTE_SIZE * height
            and column[at - 1].top < lowest
        ):
            at -= 1
        if at > 0:  # (a column of notes alone is no column's foot)
            read += column[:at]
            feet += column[at:]
        else:
            read += column
    return read + feet


def _column_of(piece: _Line, gutters: list[float], height: float) -> int | None:
    """The column ``piece`` stands in (0: the first), its gutters starting the others at
    ``gutters``; ``None`` for a line across a gutter (a title, a closing line)."""
    column = sum(1 for gutter in gutters if piece.left >= gutter - 2 * height)
    if column < len(gutters) and piece.right >= gutters[column] - height:
        return None
    return column


def _sided(column: list[_Line], parted: list[list[_Line]]) -> list[_Line]:
    """The lines of ``column`` that stood beside another column's on their line."""
    beside = {id(piece) for line_pieces in parted if len(line_pieces) > 1 for piece in line_pieces}
    return [line for line in column if id(line) in beside]


_RUN_ON = 2 / 3  # of the halves, at least, ending inside a sentence: lines of prose
_PROSE_WORDS = 5  # words a half holds on average, at least, when a column's lines are prose


def _running_text(halves: list[_Line]) -> bool:
    """Whether ``halves`` (two columns' lines parted) read as running text: enough of them
    open in a small letter, going on the sentence of the line above; or, in a language or a
    text whose lines mostly open with a capital (German's nouns, names), most of them end
    inside a sentence and they hold words enough to be a column's lines, not a table's
    cells ("Question 1: Where did you sleep?" beside "Answer 1: Under the bridge.")."""
    if sum(1 for half in halves if half.text[:1].islower()) >= _GOING_ON * len(halves):
        return True
    run_on = sum(1 for half in halves if _ENDS_SENTENCE.search(half.text) is None)
    words = sum(len(half.text.split()) for half in halves)
    return run_on >= _RUN_ON * len(halves) and words >= _PROSE_WORDS * len(halves)


def _prose(halves: list[_Line]) -> bool:
    """Whether ``halves`` (a few lines of two columns, parted) are prose, not a short
    table's cells: enough of them open in a small letter, going on the sentence above,
    and they hold words enough to be a column's lines."""
    going_on = sum(1 for half in halves if half.text[:1].islower())
    words = sum(len(half.text.split()) for half in halves)
    return going_on >= _GOING_ON * len(halves) and words >= _PROSE_WORDS * len(halves)


def _filling(columns: list[list[_Line]]) -> bool:
    """Whether the lines of each of ``columns`` (the lines of each column that stand beside
    another's) fill their column as wrapped prose does, in a language whose lines mostly
    open with a capital (German's nouns): each but the last stops short of the column's
    widest line by less than the next line's first word and a space, else that word would
    have been set on it.  A short table's cells end where their words do
    (:func:`_running_text`'s second rule alone took them for prose)."""
    for column in columns:
        if not column:
            continue
        edge = max(line.right for line in column)
        for line, below in itertools.pairwise(column):
            character = (line.right - line.left) / max(1, len(line.text))  # its width, about
            room = len(below.text.split(" ", 1)[0]) + 2  # the word, a space, and slack
            if edge - line.right > room * character:
                return False
    return True


def _runs(
    textpage: pdfium.PdfTextPage, raw: str, line: _Line, first: int, last: int, least: int
) -> list[_Line] | None:
    """``line`` parted in two or three when PDFium sees its characters as runs of text a
    wide gap apart on one baseline (columns' lines), each of ``least`` characters at least;
    else ``None``."""
    count = textpage.count_rects(first, last - first + 1)
    if not 2 <= count <= _MOST_COLUMNS or len(line.text) < count * (least + 1) - 1:
        return None
    if _as_read(raw, first, last) != line.text:
        return None
    rects = [textpage.get_rect(i) for i in range(count)]  # left, bottom, right, top
    # A gutter a line's height wide at least: journals set theirs narrower than two (16 pt
    # beside lines of 10 pt), and a line filling its column was not parted from its
    # neighbour, the page read across.
    for one, two in itertools.pairwise(rects):
        if two[0] - one[2] < line.height or abs(two[1] - one[1]) > line.height:
            return None
    pieces: list[_Line] = []
    at = 0
    split = -1
    # A run's box starts where its first glyph's ink does, a character's box where its room
    # does: a figure's or a bracket's ink starts a point or more inside it ("1985." opening
    # a right column's line was read on the left one's).  Half a line's height of slack,
    # the gutter being a height wide at least.
    slack = line.height / 2
    for i, rect in enumerate(rects[1:], 1):
        split = line.text.find(" ", split + 1)  # the first space the next run's words follow
        while (
            split >= 0 and textpage.get_charbox(first + split + 1, loose=True)[0] < rect[0] - slack
        ):
            split = line.text.find(" ", split + 1)
        if split < 0:
            return None
        head = line.text[at:split].strip()
        if len(head) < least:
            return None
        pieces.append(
            replace(
                line, text=head, left=rects[i - 1][0], right=rects[i - 1][2], cells="", columns=()
            )
        )
        at = split
    tail = line.text[at:].strip()
    if len(tail) < least:
        return None
    pieces.append(
        replace(line, text=tail, left=rects[-1][0], right=rects[-1][2], cells="", columns=())
    )
    for piece in pieces[1:]:
        piece.numbered = -1.0
        piece.hang = piece.lead = 0.0  # (measured on the line's start, the first piece's)
    if pieces[0].hang >= pieces[0].right:
        pieces[0].hang = 0.0  # the gap was the gutter's
    pieces[0].left = line.left
    return pieces


_MOST_COLUMNS = 3  # runs of text on a line, at most, read as columns' lines


def _as_read(raw: str, first: int, last: int) -> str:
    """The characters ``raw[first:last + 1]`` as a line's text has them: a line-end hyphen
    PDFium joined its line at, which ends the line, written "-" (see :func:`_page_lines`)."""
    text = raw[first : last + 1]
    return text[:-1] + "-" if text.endswith(_LINE_END_HYPHEN) else text


# Annotations whose appearance shows text: a form's field, a typed comment, a stamp.
_SHOWING = frozenset(
    {pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT, pdfium_c.FPDF_ANNOT_STAMP}
)


def _shows_annotations(page: pdfium.PdfPage) -> bool:
    """Whether ``page`` has an annotation that may show text (most pages have none, or
    only links)."""
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annotation:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) in _SHOWING:
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return False


# What a form's check box shows, ticked or not, and a radio button, chosen or not.
_TICKED, _UNTICKED = "\u2612", "\u2610"  # ☒ ☐
_CHOSEN, _UNCHOSEN = "\u25c9", "\u25cb"  # ◉ ○
_MARKS = (_TICKED, _UNTICKED, _CHOSEN, _UNCHOSEN)


def _check_boxes(
    pdf: pdfium.PdfDocument, page: pdfium.PdfPage
) -> list[tuple[float, float, float, float, str]]:
    """Each check box and radio button of the form on ``page`` (of ``pdf``): its box
    (left, bottom, right, top) and what it shows, ``_TICKED`` or ``_UNTICKED`` (a radio
    button ``_CHOSEN`` or ``_UNCHOSEN``); each other field's box with "" (a text field's, a
    list's: what was written or chosen in it is drawn as text).  A box's appearance is a
    drawing, no text: a questionnaire's ticked "Consent given:" read with nothing beside
    it.  A button with states has its state's name under /AS, "Off" when not ticked.  A
    radio button is told by its field's flags, which its widget may hold or the field above
    it: PDFium's form reads both (each of a question's options read as a check box, "☒
    Spanish ☐ English", as if more than one could be ticked)."""
    found = []
    form: Any = None
    try:
        for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
            if not annotation:
                continue
            try:
                if pdfium_c.FPDFAnnot_GetSubtype(annotation) != pdfium_c.FPDF_ANNOT_WIDGET:
                    continue
                state = _name_value(annotation, "AS")
                rect = pdfium_c.FS_RECTF()
                if not pdfium_c.FPDFAnnot_GetRect(annotation, rect):
                    continue
                if not state:  # a field showing what was written in it (or chosen)
                    found.append((rect.left, rect.bottom, rect.right, rect.top, ""))
                    continue
                if form is None:
                    form = _Form(pdf)
                if form.is_radio(annotation):
                    mark = _UNCHOSEN if state == "Off" else _CHOSEN
                else:
                    mark = _UNTICKED if state == "Off" else _TICKED
                found.append((rect.left, rect.bottom, rect.right, rect.top, mark))
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annotation)
    finally:
        if form is not None:
            form.close()
    return found


class _Form:
    """PDFium's reading of the form of a PDF, asked what kind of field a widget is, then
    closed: made only for a page holding a button with states (it reads every field of the
    document), apart from the document's pages, which are read as if it had none."""

    def __init__(self, pdf: pdfium.PdfDocument) -> None:
        self._info = pdfium_c.FPDF_FORMFILLINFO(version=2)  # kept while the form is open
        self._handle = pdfium_c.FPDFDOC_InitFormFillEnvironment(pdf.raw, self._info)

    def is_radio(self, annotation: Any) -> bool:
        """Whether the widget ``annotation`` is a radio button's."""
        return bool(self._handle) and (
            pdfium_c.FPDFAnnot_GetFormFieldType(self._handle, annotation)
            == pdfium_c.FPDF_FORMFIELD_RADIOBUTTON
        )

    def close(self) -> None:
        if self._handle:
            pdfium_c.FPDFDOC_ExitFormFillEnvironment(self._handle)
            self._handle = None


def _name_value(annotation: Any, key: str) -> str:
    """The value under ``key`` of ``annotation``'s dictionary (a name or a string), or ""."""
    if pdfium_c.FPDFAnnot_GetValueType(annotation, key.encode()) not in (
        pdfium_c.FPDF_OBJECT_NAME, pdfium_c.FPDF_OBJECT_STRING,
    ):  # fmt: skip
        return ""
    size = pdfium_c.FPDFAnnot_GetStringValue(annotation, key.encode(), None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pointer = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    pdfium_c.FPDFAnnot_GetStringValue(annotation, key.encode(), pointer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")


def _word_starts(
    textpage: pdfium.PdfTextPage, raw: str, placed: list[tuple[_Line, int, int]]
) -> dict[int, list[tuple[int, float]]]:
    """The words of each line of ``placed`` whose text is its characters one for one (by
    the line's id): where each word but the first starts in its text, and on the page."""
    starts: dict[int, list[tuple[int, float]]] = {}
    for line, first, last in placed:
        if raw[first : last + 1] != line.text:
            continue
        starts[id(line)] = [
            (at, textpage.get_charbox(first + at, loose=True)[0])
            for at in range(1, len(line.text))
            if line.text[at - 1] == " " and line.text[at] != " "
        ]
    return starts


def _with_check_boxes(
    lines: list[_Line],
    added: list[_Line],
    found: list[tuple[float, float, float, float, str]],
    number: int,
    starts: dict[int, list[tuple[int, float]]],
) -> list[_Line]:
    """Put what each check box of ``found`` shows beside the page's line it stands on,
    after it or before it ("Consent given: ☒"), or before the word it stands before among
    the line's (a radio button before each option, "Language: ◉ Spanish ○ English", read
    "Language: Spanish English ◉ ○"; ``starts``: see :func:`_word_starts`), or on a line of
    its own; ``added`` (the lines of what the annotations show) without what a box's
    appearance drew as text (a dingbat's tick, "4" or "✔"), returned."""
    added = [
        line
        for line in added
        if not any(
            left - 1 <= line.left and line.right <= right + 1 and bottom - 1 <= line.base
            and line.top <= top + 1
            for left, bottom, right, top, _ in found
        )
    ]  # fmt: skip
    # Right to left: a mark put into a line leaves where the words before it stand; those
    # after the words go right after them, before the marks further right.
    ends: dict[int, int] = {}  # each line's length before any mark was put after its words
    for left, bottom, right, top, mark in sorted(found, key=lambda box: -box[0]):
        middle = (bottom + top) / 2
        line = next(
            (
                own
                for own in lines
                if own.base - own.height / 2 <= middle <= own.top + own.height / 2
            ),
            None,
        )
        if line is None:
            added.append(_Line(mark, number, left, right, top, bottom, bottom, top - bottom))
            continue
        before = next((at for at, x in starts.get(id(line), ()) if right <= x + 1), None)
        if right <= line.left + 1:
            # (its words hang from the box: a label's next line under them goes on)
            line.hang, line.lead = line.hang or line.left, 0.0
            line.text, line.left = f"{mark} {line.text}", left
        elif before is not None and left >= line.left:  # before the word after it
            line.text = f"{line.text[:before]}{mark} {line.text[before:]}"
        else:  # after its words (or within a word: after them, as read)
            end = ends.setdefault(id(line), len(line.text))
            line.text = f"{line.text[:end]} {mark}{line.text[end:]}"
            line.right = max(line.right, right)
        line.cells, line.columns, line.boxed = "", (), True
    return added


def _with_field_values(
    lines: list[_Line],
    added: list[_Line],
    found: list[tuple[float, float, float, float, str]],
    starts: dict[int, list[tuple[int, float]]],
    within: Callable[[_Line, tuple[float, float, float, float, str]], str],
) -> list[_Line]:
    """Put what each field of ``found`` shows (the first line of ``added`` in its box) on
    the page's line its box stands on, to the right of where that line starts: after its
    words, or before the word after the box ("Name: Ana Ruiz Age: 34"; ``starts``: see
    :func:`_word_starts`).  A filled questionnaire read "Name:" and "Ana Ruiz" as two
    paragraphs, where a check box stands on its label's row.  A line of ``added`` across
    two fields' boxes on one row (PDFium reads "Ana Ruiz" and "34" as one line) is parted
    by ``within`` (the words of a line in a box).  ``added`` without the lines so put,
    returned (a field on no line's row, and an answer's lines wrapped below its first, stay
    where they stand)."""
    puts: list[tuple[tuple[float, float, float, float, str], str, _Line]] = []
    taken: set[int] = set()
    for value in added:
        middle = (value.top + value.base) / 2
        boxes = [
            box
            for box in found
            if box[1] - 1 <= middle <= box[3] + 1 and box[0] - 1 <= value.right
            and value.left <= box[2] + 1
        ]  # fmt: skip
        # (a line of an answer wrapped below its first stays where it stands)
        boxes = [
            box
            for box in boxes
            if not any(
                other is not value and box[0] - 1 <= other.left <= box[2] + 1
                and box[1] - 1 <= (other.top + other.base) / 2 <= box[3] + 1
                and other.top > value.top + 1
                for other in added
            )
        ]  # fmt: skip
        if not boxes:
            continue
        parts = (
            [(boxes[0], value.text)]
            if len(boxes) == 1 and boxes[0][0] - 1 <= value.left
            else [(box, within(value, box)) for box in boxes]
        )
        labels = [
            next(
                (
                    own
                    for own in lines
                    if own.base - own.height / 2 <= middle <= own.top + own.height / 2
                    and own.left < box[0]
                ),
                None,
            )
            for box, _ in parts
        ]
        whole = "".join(text for _, text in parts).replace(" ", "")
        if whole != value.text.replace(" ", "") or any(label is None for label in labels):
            continue  # (read as it stands, nothing of it lost)
        taken.add(id(value))
        puts += [
            (box, text, label) for (box, text), label in zip(parts, labels, strict=True) if label
        ]
    ends: dict[int, int] = {}  # each line's length before any answer was put after its words
    for box, text, line in sorted(puts, key=lambda put: -put[0][0]):  # right to left
        before = next((at for at, x in starts.get(id(line), ()) if box[2] <= x + 1), None)
        if before is not None:  # before the word after the field
            line.text = f"{line.text[:before]}{text} {line.text[before:]}"
        else:
            end = ends.setdefault(id(line), len(line.text))
            line.text = f"{line.text[:end]} {text}{line.text[end:]}"
            line.right = max(line.right, box[2])
        line.cells, line.columns = "", ()
        line.filled = min(line.filled or box[0], box[0])
    return [line for line in added if id(line) not in taken]


_UNMAPPED_AT_LEAST = 10  # pieces of text drawn without a character, for a page to be said


def _unmapped_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, count: int) -> bool:
    """Whether ``page`` draws pieces of text (``_UNMAPPED_AT_LEAST`` or more) of which its
    text, ``count`` characters, holds no character: a font PDFium could not map to Unicode
    (a Chinese letter drawn one character at a time in a CJK font named by a GBK-EUC-H
    encoding, not embedded).  Its text was lost without a word: digits and brackets left."""
    if pdfium_c.FPDFPage_CountObjects(page.raw) < max(count, _UNMAPPED_AT_LEAST):
        return False  # fewer pieces than characters read (pieces in a form's not counted)
    held = {
        ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value
        for i in range(count)
    }
    lost = pieces = 0
    for piece in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=3):
        pieces += 1
        if ctypes.cast(piece.raw, ctypes.c_void_p).value in held:
            continue
        # Its glyphs unknown, it has no size either (a piece drawn again over itself, for
        # bold, is also left out of the text, and has its size)
        left, bottom, right, top = piece.get_bounds()
        if right <= left and top <= bottom:
            lost += 1
    # A space drawn alone has no size either, and is no character of the text: a page of
    # text sets a few among its pieces, not most of them, nor more than its characters.
    return lost >= _UNMAPPED_AT_LEAST and 2 * lost >= pieces and lost >= count


def _nothing_readable(scans: list[int], unmapped: list[int], total: int) -> str:
    """What is said of a PDF none of whose text can be read: its pages ``scans`` (0-based)
    are scans without a text layer, its pages ``unmapped`` draw text in a font with no
    Unicode map; both named when it has both."""
    if not unmapped:
        return NO_TEXT_LAYER
    if not scans:
        return _unmapped_pages(unmapped, total)
    return f"no text to read: {_scanned_pages(scans, total)}; {_unmapped_pages(unmapped, total)}"


def _unmapped_pages(unmapped: list[int], total: int) -> str:
    """What is said of the pages ``unmapped`` (of ``total``) drawing text in a font with no
    Unicode map; nothing when there are none."""
    if not unmapped:
        return ""
    holds = "holds" if len(unmapped) == 1 else "hold"
    return (
        f"{_counted(unmapped, total)} {holds} text in a font with no Unicode map, not readable: "
        f"{_page_list(unmapped)}"
    )


def _own_characters(page: pdfium.PdfPage) -> int:
    """How many characters the text of ``page`` holds, its annotations aside."""
    textpage = page.get_textpage()
    try:
        return int(textpage.count_chars())
    finally:
        textpage.close()


class _Piece:
    """A part of a line of the text of a page: what ``_LINE.finditer`` gives."""

    def __init__(self, raw: str, start: int, end: int) -> None:
        self._raw, self._start, self._end = raw, start, end

    def group(self) -> str:
        return self._raw[self._start : self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _parted_at_hyphens(textpage: pdfium.PdfTextPage, raw: str, match: Any) -> Iterator[Any]:
    """The line ``match`` of ``raw``, parted after each line-end hyphen PDFium joined it to
    text that is not the next line's: far below its line, a word broken at a page's last line
    went on with the page's number ("con-" then "3": "con-3 tent"), and that number was read
    as the word's and never left out as the page's; or below a row of two columns, the
    right column's word broken at its end ("dif-") went on with the left column's next line,
    and the two rows, one line, were read across both columns, out of their order."""
    start = match.start()
    at = raw.find(_LINE_END_HYPHEN, start, match.end())
    while at >= 0 and at + 1 < match.end():
        _, base, _, top = textpage.get_charbox(at, loose=True)
        after = textpage.get_charbox(at + 1, loose=True)[1]
        height = top - base
        if base - after > _FAR_BELOW * height or (
            base - after > height / 2 and _beside_a_gutter(textpage, start, at)
        ):
            yield _Piece(raw, start, at + 1)
            start = at + 1
        at = raw.find(_LINE_END_HYPHEN, at + 1, match.end())
    yield _Piece(raw, start, match.end())


_FAR_BELOW = 2.5  # lines' heights below a line, at least: no next line, a page's foot


def _beside_a_gutter(textpage: pdfium.PdfTextPage, start: int, at: int) -> bool:
    """Whether the characters ``start`` to ``at`` (a line-end hyphen) hold, on the hyphen's
    line, two runs of text a gutter apart (a line's height at least, as :func:`_runs`
    tells two columns): the hyphen ends a row's right column."""
    _, base, _, top = textpage.get_charbox(at, loose=True)
    height = top - base
    runs = [
        textpage.get_rect(i) for i in range(textpage.count_rects(start, at - start + 1))
    ]  # left, bottom, right, top
    on_line = sorted((run for run in runs if abs(run[1] - base) <= height), key=lambda r: r[0])
    return any(two[0] - one[2] >= height for one, two in itertools.pairwise(on_line))


def _pieces(textpage: pdfium.PdfTextPage, raw: str, shown: int | None) -> Iterator[Any]:
    """The lines of the page's text ``raw``; from character ``shown`` on (what its
    annotations show), parted where the next character stands lower or higher than a
    line: PDFium joins the answers of a form's fields into one line."""
    for match in _LINE.finditer(raw):
        if _LINE_END_HYPHEN in match.group():
            yield from _parted_at_hyphens(textpage, raw, match)
            continue
        if shown is None or match.end() <= shown:
            yield match
            continue
        start = max(match.start(), shown)
        if start > match.start():
            yield _Piece(raw, match.start(), start)
        base = None
        for i in range(start, match.end()):
            _, bottom, _, top = textpage.get_charbox(i, loose=True)
            if base is not None and raw[i] != " " and abs(bottom - base) > (top - bottom) / 2:
                yield _Piece(raw, start, i)
                start = i
            if raw[i] != " ":
                base = bottom
        yield _Piece(raw, start, match.end())


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    raw = pdf.get_metadata_dict(skip_empty=True)
    title = _given(raw, "Title")
    if untitled(title):
        title = ""
    date = str(raw.get("CreationDate", ""))
    found = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", date)
    iso = "-".join(part for part in (found.groups() if found else ()) if part)
    return {
        "title": title,
        "author": _given(raw, "Author"),
        "date": iso,
        "subject": _given(raw, "Subject"),
    }


def _fingerprint(pdf: pdfium.PdfDocument, data: bytes) -> str:
    """The PDF's fingerprint as PDF.js makes it, by which Hypothesis names a PDF read from
    a file (``urn:x-pdf:`` and it): the first of the file identifiers its trailer holds, in
    hexadecimal, when it is 16 bytes and not all zeros; else the MD5 of its first 1,024
    bytes."""
    try:
        ident = bytes(pdf.get_identifier(pdfium_c.FILEIDTYPE_PERMANENT))
    except pdfium.PdfiumError:
        ident = b""
    if len(ident) == 16 and any(ident):
        return ident.hex()
    from hashlib import md5

    return md5(data[:1024], usedforsecurity=False).hexdigest()


def _given(raw: dict[str, str], name: str) -> str:
    """The field ``name`` of a PDF's document information on one line, or "" when its maker
    wrote a placeholder there ("(anonymous)", "(unspecified)")."""
    value = " ".join(str(raw.get(name, "")).split())
    return "" if _PLACEHOLDER.match(value) else value


# A line's number in the margin of a page whose lines are numbered (a deposition's or a
# court's transcript, pleading paper: 1 to 25 or 28 on every page), read into its line.
_LINE_NUMBER = re.compile(r"(\d{1,2})(?:\s+|$)")
_NUMBERED_LINES = 20  # lines numbered 1, 2, 3... on a page, at least, for its lines to be


def _without_line_numbers(page: list[_Line]) -> list[_Line]:
    """``page`` without the numbers of its lines, when its lines are numbered in its margin
    from 1 on (twenty or more, nine in ten of its lines, in order): they were read into the
    text ("Fifth 3 Street", "1 Q. Where were you?"), and a line holding only its number
    (an empty line of the transcript) was a word of its own."""
    numbered: list[tuple[int, re.Match[str]]] = []
    expected = 1
    for i, line in enumerate(page):
        found = _LINE_NUMBER.match(line.text)
        if found is not None and int(found.group(1)) == expected:
            numbered.append((i, found))
            expected += 1
    if len(numbered) < _NUMBERED_LINES or 10 * len(numbered) < 9 * len(page):
        return page
    lines = list(page)
    for i, found in numbered:
        line = lines[i]
        text = line.text[found.end() :]
        if not text:
            lines[i] = replace(line, text="")
            continue
        left = line.numbered if line.numbered >= 0 else line.left
        # (The gap after its number is no label's: the line hangs from nothing.)
        lines[i] = replace(line, text=text, left=left, numbered=-1.0, hang=0.0, lead=0.0)
    return [line for line in lines if line.text]


# A table's caption ("Table 1.", "Box 2:"), not a figure's.
_TABLE_CAPTION = re.compile(r"(?:Table|Tabla|Cuadro|Tableau|Tabelle|Tabella|Box)\b")
_LABEL_CHARACTERS = 12  # an axis's label is this long at most ("Jan", "2019", "10,000")


def _without_axis_labels(page: list[_Line]) -> list[_Line]:
    """``page`` without the labels along a chart's foot: a line of three cells or more
    set apart, each short, no row of a table above it, right above a figure's caption
    ("Figure 1.", "Chart 2:").  They were read as a table's row of their own, "Jan │ Feb │
    Mar │ Apr", between the text and the caption, where a reader sees a picture."""
    kept: list[_Line] = []
    for i, line in enumerate(page):
        below = page[i + 1] if i + 1 < len(page) else None
        cells = line.cells.split(" │ ") if line.cells else []
        if (
            len(cells) >= 3
            and all(len(cell) <= _LABEL_CHARACTERS for cell in cells)
            and below is not None
            and below.page == line.page
            and 0 < line.bottom - below.base < 3 * max(line.height, 1.0)
            and _CAPTION.match(below.text) is not None
            and _TABLE_CAPTION.match(below.text) is None
            and not (kept and kept[-1].cells and kept[-1].page == line.page)
        ):
            continue
        kept.append(line)
    return kept


def _pictured(page: pdfium.PdfPage) -> bool:
    """Whether ``page`` is mostly a picture: an image covering half of it or more, as a
    scanned page is."""
    width, height = page.get_size()
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) >= 0.5 * width * height > 0:
            return True
    return False


def _scanned_pages(scanned: list[int], total: int, *, sure: bool = True) -> str:
    """What the user is told of the ``scanned`` pages (0-based) of ``total``: scans, or
    (not ``sure``: a page or two among pages of text) pictures without text, a scan or a
    photograph."""
    if sure:
        return (
            f"{_counted(scanned, total)} scanned, without a text layer (run OCR first to read "
            f"them): {_page_list(scanned)}"
        )
    if len(scanned) == 1:
        said = "is a picture without text (a scan? run OCR first to read it)"
    else:
        said = "are pictures without text (scans? run OCR first to read them)"
    return f"{_counted(scanned, total)} {said}: {_page_list(scanned)}"


def _counted(numbers: list[int], total: int) -> str:
    """How many of the document's ``total`` pages ``numbers`` are: "3 of its 40 pages"."""
    return f"{len(numbers)} of its {total} pages"


def _page_list(numbers: list[int]) -> str:
    """The pages ``numbers`` (0-based, in order) as people write them: "pages 2-4, 9"."""
    runs: list[str] = []
    for _, group in itertools.groupby(enumerate(numbers), key=lambda pair: pair[1] - pair[0]):
        pages = [n + 1 for _, n in group]
        runs.append(f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0]))
    return f"{'page' if len(numbers) == 1 else 'pages'} {', '.join(runs)}"


def _drop_running_lines(pages: list[list[_Line]]) -> list[tuple[str, bool]]:
    """Remove headers, footers and page numbers: the first and last two lines of a page (in
    its contents' order, and by their height on it) when they repeat (digits aside) at the
    same height on most pages, or on most pages of one hand (a book's or a journal's
    headers alternate: the authors on even pages, the title on odd ones), or are a bare
    page number.  (A sentence that happens to end two pages is not a footer: it stands at
    another height.)  A line its maker wrote first but set at the page's foot (a library's
    "Downloaded from ... on ..." stamp) was read, run into the paragraph going on.  Returns
    the running lines left out (not the bare page numbers), as written (their cells apart,
    " │ ", when set wide apart), each with whether it heads its page."""
    running: list[tuple[str, bool]] = []
    written = [number for number, page in enumerate(pages) if page]
    if len(written) == 1:  # a page a browser printed: its lines are running on no other
        page = pages[written[0]]
        printed = _printed_band(page)
        highest = max(line.top for line in page)
        running += [(line.cells or line.text, line.top >= highest) for line in printed]
        pages[written[0]] = [line for line in page if all(line is not p for p in printed)]
    counts: Counter[tuple[str, int]] = Counter()
    hands: tuple[Counter[tuple[str, int]], Counter[tuple[str, int]]] = (Counter(), Counter())
    inner: Counter[str] = Counter()  # the words (digits aside) of the lines amid the pages
    for number, page in enumerate(pages):
        ends = _edges(page)
        keys = {_running_key(line) for line in ends}
        counts.update(keys)
        hands[number % 2].update(keys)
        if len(page) > 4:  # (else every line is an edge's)
            at_edge = {id(line) for line in ends}
            inner.update(_running_key(line)[0] for line in page if id(line) not in at_edge)
    # Pages without a line (blank, damaged) hold no running line either: not counted.
    repeated = _repeated(sum(1 for page in pages if page))
    # A short paper's running header, on every page but its first (a journal's first page
    # is headed otherwise, by its name and issue): it was read on each of them, in the
    # paragraph going on from the page before, where a longer paper's was left out.
    # (Pages of a few lines, slides, a card each, are left as they were.)
    texts = sum(1 for page in pages if page)
    after_first = texts - 1 if 3 <= texts < 6 else len(pages) + 1
    first_keys = {_running_key(line) for line in _edges(pages[written[0]])} if written else set()
    # Each hand of a document of three pages or more: the pages of one parity.  (A short
    # chapter's or article's title heading its first and third pages, its author's name
    # its second, was read into the third page's first sentence.)
    by_hand = (
        (_repeated(sum(1 for p in pages[0::2] if p)), _repeated(sum(1 for p in pages[1::2] if p)))
        if len(pages) >= 3
        else (len(pages) + 1, len(pages) + 1)
    )
    # Two pages: each hand is one page, on which no line repeats (see _paired_edges).
    paired = _paired_edges(pages) if len(pages) == 2 and len(written) == 2 else set()
    repeating: list[set[int]] = []
    bodies: list[list[_Line]] = []
    for number, page in enumerate(pages):
        hand, enough = hands[number % 2], by_hand[number % 2]
        repeating.append(
            {
                id(line)
                for line in _edges(page)
                if (
                    counts[key := _running_key(line)] >= repeated
                    or (counts[key] >= after_first and key not in first_keys and len(page) > 4)
                    or hand[key] >= enough
                    or id(line) in paired
                )
                # A line like more lines amid the pages than the pages it heads or ends is
                # the text's (a transcript's turn opening a page, "Ana Lopez 0:09", as
                # "Ana Lopez 0:29" does two pages on, and a dozen turns between them).
                and inner[key[0]] < counts[key]
            }
        )
        bodies.append(
            [
                line
                for line in page
                if id(line) not in repeating[-1] and not _PAGE_NUMBER.match(line.text)
            ]
        )
    gaps = sorted(gap for body in bodies for gap in _line_gaps(body))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    # The heights the running lines found stand at: a header naming the chapter its page is
    # in ("Chapter 2: Findings" on the odd pages of that chapter, a few pages each) stands
    # there too, in the page's margin, and was read where it stood, a sentence going on to
    # the next page cut in two by it.  (On the first page, only a line standing on another
    # page too: a title page's top line may stand there.)
    band = {
        round(line.top / 3)
        for number, page in enumerate(pages)
        for line in _edges(page)
        if id(line) in repeating[number]
    }
    for number, page in enumerate(pages):
        for line in _edges(page):
            if id(line) in repeating[number] or round(line.top / 3) not in band:
                continue
            if number == 0 and counts[_running_key(line)] < 2:
                continue
            others = [other for other in bodies[number] if other is not line]
            if others and _in_margin(line, others, usual):
                repeating[number].add(id(line))
                bodies[number] = others
    for number, page in enumerate(pages):
        edges = {id(line) for line in _edges(page)}
        for line in page:
            if id(line) in edges and not _PAGE_NUMBER.match(line.text):
                # (a footer's, apart from the text: a table's last row keeps its figures)
                others = [other for other in bodies[number] if other is not line]
                if others and _in_margin(line, others, usual):
                    _without_page_number(line)
        kept = []
        for line in page:
            if id(line) in edges and _PAGE_NUMBER.match(line.text):
                continue
            if (
                id(line) in edges
                and id(line) in repeating[number]
                and _in_margin(line, bodies[number], usual)
            ):
                top = max((other.top for other in bodies[number]), default=line.top)
                running.append((line.cells or line.text, line.top > top))
                continue
            kept.append(line)
        pages[number] = kept
    return running


# A page number ending a running line after its words, as only a page number is written:
# "- 1 -", "Page 1 of 3", "1 of 3" (not a bare figure, "Annual report 2024", nor a page
# named in words, "Continued on page 12").
_ENDING_PAGE_NUMBER = re.compile(
    r"\s+(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:(?:page|seite|página|pagina)\s*)?\d{1,4}"
    r"\s+(?:of|de|von)\s+\d{1,4})$",
    re.IGNORECASE,
)


def _without_page_number(line: _Line) -> None:
    """``line`` (a page's first or last, in its margin) without the page number beside its
    words: a footer's "Transcribed by https://otter.ai" and "- 1 -" on one baseline were
    read as one line, or a row of two cells, ending the last speaker's turn, where the
    number alone is left out.  A cell of a bare page number goes (the cells apart, it
    stands apart), or a number written as only a page's is (:data:`_ENDING_PAGE_NUMBER`)."""
    if not line.cells:
        ending = _ENDING_PAGE_NUMBER.search(line.text)
        if ending is not None and ending.start() > 0:
            line.text = line.text[: ending.start()]
        return
    cells = line.cells.split(" │ ")
    if len(cells) < 2:
        return
    if _PAGE_NUMBER.match(cells[-1].strip()):
        cells, line.columns = cells[:-1], line.columns[:-1]
    elif _PAGE_NUMBER.match(cells[0].strip()):
        cells, line.columns = cells[1:], line.columns[1:]
    else:
        return
    line.text = " ".join(cells)
    line.cells = " │ ".join(cells) if len(cells) > 1 else ""
    if not line.cells:
        line.columns = ()


# A web address a browser prints in a running line: alone, or beside the page's number
# ("1/3", "Page 1 of 3") in its cell, or after the page's title in a header (Firefox's);
# its last punctuation aside.  An address after words in a footer is none: a library's
# stamp ("This content downloaded ... All use subject to https://about.jstor.org/terms"),
# Otter's "Transcribed by https://otter.ai".
_PRINTED_ADDRESS = re.compile(
    r"(?P<before>.*\s)??(?:(?:page\s+)?\d{1,4}\s*(?:/|of|de|von)\s*\d{1,4}\s+)?"
    r"(?P<address>https?://\S+?)[.,;:]?"
    r"(?:\s+(?:page\s+)?\d{1,4}\s*(?:/|of|de|von)\s*\d{1,4})?",
    re.IGNORECASE,
)


def _printed_in(text: str, header: bool) -> str:
    """The web address a running line's ``text`` (its cells parted by " │ ") shows as a
    browser prints it (:data:`_PRINTED_ADDRESS`; ``header``: the line heads its page), or
    ""; "" too when the browser cut it short to fit ("…" or "..." in it)."""
    for cell in text.split(" │ "):
        found = _PRINTED_ADDRESS.fullmatch(cell.strip())
        if found is None or (found.group("before") and not header):
            continue
        rest = cell.strip()[found.start("address") :]  # (cut short: "https://a.org/b...")
        if "…" not in rest and "..." not in rest:
            return found.group("address")
    return ""


def _printed_address(running: list[tuple[str, bool]]) -> str:
    """The web page a browser printed the PDF from: the address its running lines show (a
    browser's "Print to PDF" sets it in a header or footer of every page, beside the page's
    title, the date or the page's number); "" when none."""
    found = Counter(address for address in itertools.starmap(_printed_in, running) if address)
    return found.most_common(1)[0][0] if found else ""


# The count of the pages of a document of one, as a browser prints it beside a page's
# address or the date: Chrome's "1/1", Firefox's "1 of 1", Safari's "Page 1 of 1".
_ONE_OF_ONE = re.compile(r"(?<!\S)(?:page\s+)?1\s*(?:/|of|de|von)\s*1(?!\S)", re.IGNORECASE)


def _printed_band(page: list[_Line]) -> list[_Line]:
    """The lines a browser printed above and below the one page of a document (a web page
    printed to PDF): the page's highest and lowest lines, when each stands in its margin,
    one of them shows a web address as a browser prints it (:func:`_printed_in`) and one of
    them the count of the pages ("1/1").  Such lines run on no other page, and were read as
    the text's (the address a paragraph's start).  Else none."""
    if len(page) < 3:
        return []
    high = sorted(page, key=lambda line: -line.top)
    body = high[1:-1]
    gaps = sorted(_line_gaps(body))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    band = [line for line in (high[0], high[-1]) if _in_margin(line, body, usual)]
    if any(_printed_in(line.cells or line.text, line is high[0]) for line in band) and any(
        _ONE_OF_ONE.search(line.text) for line in band
    ):
        return band
    return []


def _line_gaps(body: list[_Line]) -> list[float]:
    """The space between each line of ``body`` and the next below it (lines of one row
    aside)."""
    rows = sorted(body, key=lambda line: -line.top)
    return [a.base - b.top for a, b in itertools.pairwise(rows) if a.base > b.top]


def _in_margin(line: _Line, body: list[_Line], usual: float) -> bool:
    """Whether ``line`` stands above or below all of its page's ``body`` (its lines but the
    repeating ones and page numbers), farther from it than the ``usual`` space between two
    lines of the document: a running header's band.  A line of the text that happens to
    repeat at the top of each page ("Section 2. The national guard...", a two-column page's
    first line) is the body's own, one line's spacing from the next, or beside another of
    its row."""
    if line.height <= 0 or not body:  # no boxes read, or no other line: nothing to go by
        return True
    above = line.base - max(other.top for other in body)  # its foot above the body's top
    below = min(other.base for other in body) - line.top  # its top below the body's foot
    return max(above, below) > _MARGIN_GAP * usual


# A running line stands farther from the body than its lines from one another, by this much.
_MARGIN_GAP = 1.5


def _paired_edges(pages: list[list[_Line]]) -> set[int]:
    """The lines of a document of two pages that stand highest on each, at one height, both
    set smaller than its text, and so those that stand lowest: running lines of one hand
    each, as a short article's or chapter's title heads one page and its authors' names the
    other.  Neither repeating, they were read into the text, the names between the halves
    of the sentence going on over the page.  (Whether they stand apart from the text, in the
    margin, is weighed as for any running line.)"""
    heights = [line.height for page in pages for line in page if line.height > 0]
    if not heights or not all(pages):
        return set()
    small = _RUNNING_SIZE * statistics.median(heights)
    paired: set[int] = set()
    for edge in (max, min):
        first, second = (edge(page, key=_top) for page in pages)
        if round(first.top / 3) == round(second.top / 3) and all(
            0 < line.height <= small for line in (first, second)
        ):
            paired.update((id(first), id(second)))
    return paired


_RUNNING_SIZE = 0.9  # of the text's usual line height, at most: a running line is set smaller


def _top(line: _Line) -> float:
    return line.top


def _repeated(pages: int) -> int:
    """On how many of ``pages`` pages a line must stand to be a running line."""
    if pages < 2:
        return 2  # one page: only a bare page number is known to be running
    if pages < 6:
        return pages  # a short document: on every page
    return max(3, pages * 2 // 5)


def _edges(page: list[_Line]) -> list[_Line]:
    """The first and last two lines of ``page`` in its contents' order and by height."""
    if len(page) <= 4:
        return page
    high = sorted(page, key=lambda line: -line.top)
    return [*page[:2], *page[-2:], *high[:2], *high[-2:]]


def _running_key(line: _Line) -> tuple[str, int]:
    """The line's words (digits aside) and its height on the page (in 3 pt steps)."""
    return _DIGITS.sub("#", " ".join(line.text.lower().split())), round(line.top / 3)


# A hyphen PDFium found at a line's end, before a small letter: it joins the two lines and
# writes the hyphen as 0x02 (U+FFFE in the page's text).  Marked so until the document's
# compounds are known (see _joined).
_LINE_END_HYPHEN = "\x03"
_BROKEN_WORD = re.compile(rf"([^\W\d_]+){_LINE_END_HYPHEN}([^\W_]+)")


# Digits right after a word or its punctuation: a note's number, or a power, when set small
# and raised ("claim¹²", "mc²").
_AFTER_WORD_DIGITS = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"'])( ?)(\d{1,3})(?!\d)")


def _rejoined(lines: list[_Line]) -> list[_Line]:
    """``lines`` with a line that goes on another on the same baseline, right after its end,
    made one with it: PDFium parts a line after a raised character ("the theory.³" then
    "Then more"), and the rest of the line was read as a paragraph of its own."""
    joined: list[_Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if last is not None and _marks(last, line):
            joined[-1] = replace(
                line, text=f"{last.text} {line.text}", left=last.left, cells="", columns=()
            )
            continue
        if last is not None and _drop_cap(last, line):
            # The lines beside the letter go on under the words, as a hanging indent's do.
            joined[-1] = replace(
                line, text=last.text + line.text, cells="", columns=(), hang=line.left
            )
            continue
        height = max(last.height, line.height) if last is not None else 0.0
        if (
            last is not None
            and height > 0
            and abs(line.base - last.base) < 0.2 * height
            and -1 <= line.left - last.right < 0.8 * height  # a space or two: no column's gap
        ):
            space = " " if line.left - last.right > 0.1 * height else ""
            last.text = f"{last.text}{space}{line.text}"
            last.cells, last.columns = "", ()
            last.right, last.bottom = line.right, line.bottom
            continue
        joined.append(line)
    return joined


# A note's number or mark alone, as it opens the note at a page's foot.
_MARK = re.compile(r"(?:\d{1,3}|[*†‡§¶]{1,3})")


def _drop_cap(cap: _Line, line: _Line) -> bool:
    """Whether ``cap`` is a chapter's first letter set as a drop cap, two lines high or
    more, ``line`` (its word's rest) beside it at its top: read as a line of its own, the
    letter was a heading and the word was cut ("E", then "very morning in the summer"),
    found by no search."""
    return (
        len(cap.text) == 1
        and cap.text.isalpha()
        and line.height > 0
        and cap.height > 2 * line.height
        and cap.base < line.top <= cap.top + 0.5 * line.height
        and -1 <= line.left - cap.right < 2 * line.height
    )


def _marks(mark: _Line, line: _Line) -> bool:
    """Whether ``mark`` is a note's number or mark set small and raised right before
    ``line`` on its row, as a journal opens each note at a page's foot: PDFium read it as a
    line of its own, and a number so alone at the page's foot was taken for the page's
    number and left out, the note run into the one above."""
    return (
        _MARK.fullmatch(mark.text) is not None
        and 0 < mark.height < line.height
        and line.base + 0.1 * line.height < mark.base < line.top
        and -1 <= line.left - mark.right < 0.8 * line.height
    )


# A note's number run into the first word of its note ("1The ledger is now kept").
_NOTE_NUMBER_RUN_IN = re.compile(r"(\d{1,3})(?=[^\W\d_]|[\"'“‘«„(\[])")
_QUOTES = "\"'“‘«„"  # a quotation mark's box stands high: a raised number's foot is below it


def _note_number_apart(textpage: pdfium.PdfTextPage, raw: str, first: int, text: str) -> str:
    """``text`` (a line whose first character is the page's ``first``) with a space after
    the number that opens it when that number is set smaller than, or raised above, the
    character after it, as a journal opens each note at a page's foot: PDFium joined the
    two itself with no space between ("1The ledger is now kept"), and neither the note's
    first word nor its number was found by a search.  So for a note opening with a small
    letter, a quotation mark or a bracket ("1see Dunn", "2“Papers,” he said", "3(Names
    changed.)"), whose number was run into it.  Digits set as the word's letters are
    ("3D", "2Pac", "1st") are left as they are."""
    found = _NOTE_NUMBER_RUN_IN.match(text)
    letter = first + found.end() if found is not None else first
    if found is None or raw[letter] != text[found.end()]:
        return text  # else no number, or the line's text not its characters one for one
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, letter)
    digits = range(first, letter)
    smaller = all(0 < pdfium_c.FPDFText_GetFontSize(textpage.raw, i) <= 0.8 * size for i in digits)
    _, foot, _, top = textpage.get_charbox(letter)
    raised = raw[letter] not in _QUOTES and all(
        textpage.get_charbox(i)[1] > foot + 0.25 * (top - foot) for i in digits
    )
    return f"{found.group()} {text[found.end() :]}" if smaller or raised else text


def _raised_digits(textpage: pdfium.PdfTextPage, raw: str) -> str:
    """``raw`` with the digits set as a superscript (smaller than the character before them,
    standing above its foot) written raised: a note's number was run into the word before
    it ("the claim12 says"), a power into its base ("E=mc2")."""
    chars: list[str] | None = None
    for found in _AFTER_WORD_DIGITS.finditer(raw):
        before, digits = found.start() - 1, range(found.start(2), found.end())
        spaced = found.start(2) > found.start()
        # A space between the word and its note's number that PDFium made up (the number
        # set a little apart: "interviewees 1 described"), none in the page's text: left
        # out (a glyph without a character, see _page_lines), the number raised.
        if spaced and pdfium_c.FPDFText_IsGenerated(textpage.raw, found.start()) != 1:
            continue
        small = 0.8 * pdfium_c.FPDFText_GetFontSize(textpage.raw, before)
        if not all(0 < pdfium_c.FPDFText_GetFontSize(textpage.raw, i) <= small for i in digits):
            continue  # most: digits the size of the word's letters ("COVID19")
        _, foot, _, top = textpage.get_charbox(before)
        if all(textpage.get_charbox(i)[1] > foot + 0.25 * (top - foot) for i in digits):
            chars = list(raw) if chars is None else chars
            chars[found.start(2) : found.end()] = superscript(found.group(2))
            if spaced:
                chars[found.start()] = "\ufffe"
    return raw if chars is None else "".join(chars)


_WORD = re.compile(r"\S{2,}")
_OVERPRINT = 0.15  # how far, in the height of its first letter, a word drawn again may lie
_OVERPRINT_LOOKS = 3


def _overprinted(textpage: pdfium.PdfTextPage, raw: str) -> str:
    """``raw`` with each word of a line drawn again where it was drawn (a cover's "fake
    bold", a line printed over itself a few times) marked as glyphs without a character:
    PDFium left some of the copies in, and the line read "ANHUI ANLI CO.,LTD. ANHUI ANLI
    CO.,LTD." ("股票代码：300218 ：300218", a copy of a word's end alone).  A word said again
    elsewhere on its line is kept."""
    chars: list[str] | None = None
    for line in _LINE.finditer(raw):
        text = line.group()
        for word in _WORD.finditer(text):
            before = text.find(word.group(), 0, word.start())
            if before < 0:
                continue
            at = line.start() + word.start()
            again = textpage.get_charbox(at)
            for _ in range(_OVERPRINT_LOOKS):  # (its earlier places on the line, the first few)
                left, bottom, _right, top = textpage.get_charbox(line.start() + before)
                near = _OVERPRINT * (top - bottom)  # (none when it has no height: no place)
                if near > 0 and abs(again[0] - left) <= near and abs(again[1] - bottom) <= near:
                    chars = chars or list(raw)
                    chars[at : at + len(word.group())] = "\ufffe" * len(word.group())
                    break
                before = text.find(word.group(), before + 1, word.start())
                if before < 0:
                    break
    return raw if chars is None else "".join(chars)


def _marked_hyphens(textpage: pdfium.PdfTextPage, raw: str) -> str:
    """``raw`` with each line-end hyphen PDFium joined its lines at marked
    :data:`_LINE_END_HYPHEN` (it was left out as a glyph without a character: "self-" then
    "determination" was read "selfdetermination")."""
    chars = list(raw)
    at = raw.find("\ufffe")
    while at >= 0:
        if pdfium_c.FPDFText_GetUnicode(textpage.raw, at) == 2:
            chars[at] = _LINE_END_HYPHEN
        at = raw.find("\ufffe", at + 1)
    return "".join(chars)


def _joined(line: _Line, compounds: _Words) -> _Line:
    """``line`` with the words broken by a line-end hyphen joined, but a compound's hyphen
    (see :func:`_hyphen_kept`) kept; and without the soft hyphens inside it (where a word
    may break, a text layer holds one now and then: no line shows it, and a search for the
    word found nothing), its last one kept (a word it broke: see :data:`_HYPHENATED`)."""
    if "\xad" in line.text[:-1]:
        text = line.text[:-1].replace("\xad", "") + line.text[-1]
        line = replace(line, text=text, cells="", columns=())
    if _LINE_END_HYPHEN not in line.text:
        return line

    def word(match: re.Match[str]) -> str:
        first, rest = match.group(1), match.group(2)
        if _suspended(match.string[match.start(2) :]):
            return f"{first}- {rest}"  # "short-" + "and long-term"
        if _chained(match.string[: match.start(1)], first, rest, match.string[match.end(2) :]):
            return f"{first}-{rest}"  # "state-" + "of-the-art"
        return f"{first}-{rest}" if _hyphen_kept(first, rest, compounds) else first + rest

    text = _BROKEN_WORD.sub(word, line.text).replace(_LINE_END_HYPHEN, "")
    return replace(line, text=text, cells="", columns=())


class _Words(NamedTuple):
    """The words of a document's lines a line-end hyphen is weighed by (lower case)."""

    compounds: set[str]  # joined by a hyphen, as a line holds them whole
    alone: set[str]  # written alone, with no hyphen to them, no line-end hyphen before them
    # ``alone`` in order, to find the words opening with given letters; empty where the
    # document is not in English (see :func:`_english`): no two words of it are weighed.
    ordered: tuple[str, ...] = ()


def _compounds(lines: list[_Line]) -> _Words:
    """The words of ``lines`` a line-end hyphen is weighed by (see :class:`_Words`)."""
    compounds = {word.lower() for line in lines for word in _COMPOUND.findall(line.text)}
    alone: set[str] = set()
    broken = False  # the line before ended in a hyphen: this one's first word is no word
    for line in lines:
        words = _ALONE_WORD.findall(line.text)
        if broken and words and line.text.lstrip().startswith(words[0]):
            words = words[1:]
        alone.update(word.lower() for word in words)
        broken = _HYPHENATED.search(line.text) is not None
    return _compounds_of(compounds, alone)


def _compounds_of(compounds: set[str], alone: set[str]) -> _Words:
    """:class:`_Words` of the words ``compounds`` and ``alone`` (lower case)."""
    return _Words(compounds, alone, tuple(sorted(alone)) if _english(alone) else ())


def _english(alone: set[str]) -> bool:
    """Whether the words ``alone`` are an English text's: "the", "and" and "of" among them,
    and no two of the small words German, Dutch or a Scandinavian language writes, whose
    compounds are written closed ("Punktmenge" broken "Punkt-" then "menge", both words of
    the text: the hyphen broke the word)."""
    return alone >= _ENGLISH and len(_CLOSED_COMPOUNDS_LANGUAGES & alone) < 2


_ENGLISH = frozenset({"the", "and", "of"})
_CLOSED_COMPOUNDS_LANGUAGES = frozenset(
    {"und", "der", "nicht", "ist", "oder", "het", "een", "niet", "och", "att", "inte", "ikke", "og"}
)


# A word with no hyphen (or mark of one) to it, and a suspended compound's left open.
_ALONE_WORD = re.compile(r"(?<![-\u2010\u00ad\x02\x03\w])[^\W\d_]+(?![-\u2010\u00ad\x02\x03\w])")
_SUSPENDED = re.compile(
    r"(?:and|or|nor|et|ou|y|o|e|und|oder|bis|sowie|bzw\.)[ \t]+(?:\S+[ \t]+){0,2}?"
    r"[^\W\d_]+-[^\W\d_]"
    r"|(?:und|oder|bis|sowie|bzw\.)[ \t]+[A-ZÄÖÜ]"
)


def _suspended(after: str) -> bool:
    """Whether ``after``, what goes on after a hyphen a line ends in, leaves the hyphen's
    compound open, its second word said once after a conjunction ("short-" then "and
    long-term", "low-" then "or middle-income", "Sozial-" then "und Geisteswissenschaften"):
    the hyphen is the compound's, a space after it.  It was taken for a word broken at the
    line's end: "shortand long-term"."""
    return _SUSPENDED.match(after) is not None


def _compound(before: str, after: str, compounds: _Words) -> bool:
    """Whether the hyphen ending the line ``before`` is a compound's, the line ``after``
    holding the rest: the document writes the compound whole elsewhere ("self-" then
    "determination", "self-determination" on a line).  It was taken for a word broken at the
    line's end, and "selfdetermination" was written."""
    last, first = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    if last is None or first is None:
        return False
    if _chained(before[: last.start()], last.group()[:-1], first.group(), after[first.end() :]):
        return True
    return _hyphen_kept(last.group()[:-1], first.group(), compounds)


def _chained(before: str, first: str, rest: str, after: str) -> bool:
    """Whether the hyphen a line ends in, between the word ``first`` and ``rest`` (the next
    line's first word), is one of a compound of three words or more whose small word stands
    by it: ``before`` (what stands before ``first``) ends in a hyphen and ``first`` is a
    small word ("part-of-" then "speech", "up-to-" then "date"), or ``rest`` is one and
    ``after`` (what goes on after it) opens with a hyphen and a letter ("state-" then
    "of-the-art", "video-" then "on-demand").  They were read "part-ofspeech",
    "stateof-the-art".  (A word broken before a compound's hyphen, "do-" then
    "main-specific", is not one.)"""
    if before.endswith("-") and first.lower() in _CHAIN_WORDS:
        return True
    chained = len(after) > 1 and after[0] == "-" and after[1].isalpha()
    return chained and rest.lower() in _CHAIN_WORDS


# The small words inside a compound of three words ("state-of-the-art", "up-to-date",
# "mother-in-law", "face-to-face", "one-and-a-half").
_CHAIN_WORDS = frozenset({"a", "and", "by", "for", "in", "of", "on", "or", "the", "to"})


def _hyphen_kept(first: str, rest: str, compounds: _Words) -> bool:
    """Whether a hyphen a line ends in, between the word ``first`` and ``rest`` (the next
    line's first word), is the word's own: the document writes the compound whole elsewhere
    ("self-determination"), a number follows it ("COVID-" then "19"), a capital after a
    word in small letters ("anti-" then "American", "Nord-" then "Süd": a word broken in two
    goes on in small letters, unless the document writes it whole, "PageRank"), or it
    follows "self" ("self-" then "determination", but "self-" then "ish").
    Else it broke the word, and is left out.  They were all joined: "selfdetermination",
    "antiAmerican", "COVID19".  So is a compound of "well", "ill" or "so" and a word the
    document writes alone, never with them ("well-" then "known", "so-" then "called", but
    "so-" then "cial"), or a number's ("twenty-" then "five"): "wellknown" was written;
    and a prefix's before such a word ("pre-" then "war", "non-" then "union"), but for a
    word of one piece the prefix's letters open ("pre-" then "sent": see
    :data:`_PREFIXED_WORDS`): "prewar" was written."""
    if f"{first}-{rest}".lower() in compounds.compounds or rest[:1].isdecimal():
        return True
    if rest[:1].isupper() and any(c.islower() for c in first):
        # (but for a word the document writes whole, its capital inside: "Page-" then
        # "Rank" with "PageRank" written, "Mc-" then "Donald" with "McDonald")
        return (first + rest).lower() not in compounds.alone
    first, rest = first.lower(), rest.lower()
    if first in _TENS:
        return rest in _UNITS
    if first in _OPEN_FIRST and len(rest) >= 4 and rest in compounds.alone:
        return first + rest not in compounds.alone
    if first in _PREFIXES and len(rest) >= 3 and rest in compounds.alone:
        joined = first + rest
        return joined not in compounds.alone and not joined.startswith(_PREFIXED_WORDS)
    if first == "self":
        return not rest.startswith(("ish", "less"))
    return _two_words(first, rest, compounds)


def _two_words(first: str, rest: str, compounds: _Words) -> bool:
    """Whether ``first`` and ``rest`` (lower case), parted by a hyphen a line ends in, are
    two words of an English text's compound: each a word of three letters or more the text
    writes alone, neither a small word closed compounds are made of ("with-" then "out",
    "there-" then "fore", "success-" then "fully"), and no word the text writes alone opens
    as the two joined do but for their last two letters ("frame-" then "work", with
    "frameworks" written).  "conflict-" then "free", "rule-" then "based", "text-" then
    "classification" were read "conflictfree", "rulebased", "textclassification"."""
    if not compounds.ordered or len(first) < 3 or len(rest) < 3:
        return False
    if first in _CLOSED_FIRST or rest in _CLOSED_REST:
        return False
    if first not in compounds.alone or rest not in compounds.alone:
        return False
    joined = first + rest
    opening = joined[: max(len(first) + 2, len(joined) - 2)]
    at = bisect.bisect_left(compounds.ordered, opening)
    return at == len(compounds.ordered) or not compounds.ordered[at].startswith(opening)


# The small words English writes closed compounds of, first ("some-" then "thing", "there-"
# then "fore", "with-" then "in", "back-" then "ground") or last ("every-" then "one",
# "care-" then "less", "fit-" then "ness", "success-" then "fully", "other-" then "wise").
_CLOSED_FIRST = frozenset(
    {"after", "and", "any", "back", "but", "can", "down", "every", "ever", "for", "fore",
     "further", "her", "here", "him", "how", "into", "its", "mean", "more", "never", "none",
     "not", "off", "our", "out", "over", "some", "the", "them", "then", "there",
     "through", "under", "what", "when", "where", "which", "while", "who", "with", "you",
     "your"}
)  # fmt: skip
_CLOSED_REST = frozenset(
    {"able", "ably", "body", "ever", "fore", "ful", "fully", "hood", "hoods", "less",
     "lessly", "like", "more", "ness", "one", "ones", "out", "self", "selves", "ship",
     "ships", "some", "soever", "the", "theless", "thing", "things", "ward", "wards",
     "where", "while", "wise", "with"}
)  # fmt: skip


# Words a compound opens with a hyphen after them, before a word of its own ("well-known",
# "ill-fated", "so-called"), where hyphenation rarely breaks a word of one piece.
_OPEN_FIRST = frozenset({"well", "ill", "so"})
# Prefixes a compound writes with a hyphen before a word ("pre-war", "post-colonial",
# "non-union", "anti-racist"): not "co", "ex", "re", "pro", "mid" or "de", whose letters open
# too many words of one piece whose rest is a word ("cotton", "extend", "return", "prolong",
# "midnight", "debate").
_PREFIXES = frozenset({"pre", "post", "non", "anti", "semi", "pseudo", "quasi"})
# The openings of the common words of one piece that open with those letters, the rest a
# word too ("present", "prevent", "postage", "nonsense", "antibody", "semicolon"): joined.
_PREFIXED_WORDS = (
    "preamble", "precaution", "precondition", "precursor", "predate", "predestin",
    "predispos", "predomin", "preeminen", "preface", "prefix", "preheat", "prelate",
    "premature", "premedit", "preoccup", "prepa", "preposition", "prerequisite", "presage",
    "prescien", "prescri", "present", "preserv", "presid", "presuppos", "pretend", "pretens",
    "pretext", "prevent", "preview", "postage", "postal", "postcard", "posted", "poster",
    "postgrad", "postman", "postmark", "postmaster", "postpone", "postscript", "posture",
    "nonsense", "nonentit", "antibod", "anticlimax", "antifreeze", "antimatter",
    "antiseptic", "antisocial", "antithes", "antitrust", "semicircle", "semicolon",
    "semiconductor", "semifinal",
)  # fmt: skip
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


# A note at a page's foot opens with its number or mark ("1 The ledger", "12. See", "* In").
_NOTE_START = re.compile(r"(?:\d{1,3}(?!\d)\.?|[*†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*\S")
_NOTE_SIZE = 0.85  # of the text's usual line height, at most: a note is set smaller


def _foot_notes(pages: list[list[_Line]]) -> dict[int, list[_Line]]:
    """The notes at the foot of each page, taken out of its lines (page number -> its notes'
    lines): the lines ending a page set smaller than the text, below its last line of text,
    the first opening with a note's number or mark.  Read where they stand, they cut the
    sentence going on to the next page in two ("The shelter opened in March", a note, "and
    its staff counted"); they are read after the paragraph they interrupt."""
    heights = [line.height for page in pages for line in page if line.height > 0]
    if not heights:
        return {}
    height = statistics.median(heights)
    notes: dict[int, list[_Line]] = {}
    for number, page in enumerate(pages):
        columns_notes = _column_foot_notes(page, height)
        if columns_notes:
            notes[number] = columns_notes
            taken = {id(line) for line in columns_notes}
            page[:] = [line for line in page if id(line) not in taken]
        written_first = _notes_written_first(page, height)
        if written_first:
            notes[number] = written_first + notes.get(number, [])
            del page[: len(written_first)]
        at = len(page)
        while at > 0 and 0 < page[at - 1].height < _NOTE_SIZE * height:
            at -= 1
        if at == 0 or at == len(page) or not _NOTE_START.match(page[at].text):
            continue
        if page[at].top >= page[at - 1].base:  # not below the text's last line
            continue
        notes[number] = notes.get(number, []) + page[at:]
        del page[at:]
    return notes


def _notes_written_first(page: list[_Line], height: float) -> list[_Line]:
    """The notes opening ``page``'s lines that stand at its foot, below every other line:
    set smaller than the text (``height``: its lines' usual height), the first opening with
    a note's number or mark.  A maker that draws a page's frame before its text (ReportLab's
    onPage, a template's footnote area) writes them first, and they were read above the
    page's first line."""
    end = 0
    while end < len(page) and 0 < page[end].height < _NOTE_SIZE * height:
        end += 1
    if end == 0 or end == len(page) or not _NOTE_START.match(page[0].text):
        return []
    if max(line.top for line in page[:end]) >= min(line.base for line in page[end:]):
        return []  # not below the page's text: a heading, a header set small
    return page[:end]


def _column_foot_notes(page: list[_Line], height: float) -> list[_Line]:
    """The notes at the foot of a column of ``page`` that its text goes on after, in the
    order read: set smaller than the text (``height``: its lines' usual height), the first
    opening with a note's number or mark, below the line before; the line after them back
    up the page, at the next column's top; and standing at the page's foot (as low as its
    lowest other line, a line's height or so above it at most).  Read where they stand, as
    a journal's PDF writes them, after the column's last line, they cut the paragraph going
    on into the next column in two ("... ran the trans-", a note, "scribed ...")."""
    found: list[_Line] = []
    at = 1
    while at < len(page) - 1:
        first = page[at]
        end = at
        while end < len(page) and 0 < page[end].height < _NOTE_SIZE * height:
            end += 1
        if (
            end > at
            and end < len(page)
            and page[at - 1].height >= _NOTE_SIZE * height
            and _NOTE_START.match(first.text)
            and first.top < page[at - 1].base
            and page[end].top > first.top + height
        ):
            run = page[at:end]
            others = [line.base for line in page if all(line is not note for note in run)]
            if run[-1].base <= min(others) + 1.5 * height:
                found += run
        at = max(end, at + 1)
    return found


# A label opening a line, as a transcript's speaker is named: "Ana:", "Interviewer:", "P03:",
# "Dr Ana María de la Cruz:" (a name as a Word file's bold label is one).
_LABEL = re.compile("(" + SPEAKER_NAME + r"|[^\W\d_]{1,3}\d{1,3}):\s")


def _speaker_labels(lines: list[_Line]) -> frozenset[str]:
    """The labels that open two lines or more (a transcript's speakers, none of the words
    a line of prose opens with: "Note:"), when two of them open three lines or more, one in
    twenty of all."""
    from tui_reader.core.documents.turns import NOT_SPEAKERS

    counts: Counter[str] = Counter()
    for line in lines:
        found = _LABEL.match(line.text)
        if found is not None and found.group(1).lower() not in NOT_SPEAKERS:
            counts[found.group(1)] += 1
    labels = frozenset(label for label, count in counts.items() if count >= 2)
    opened = sum(counts[label] for label in labels)
    if len(labels) < 2 or opened < 3 or 20 * opened < len(lines):
        return frozenset()
    return labels


def _opens_turn(text: str, speakers: frozenset[str]) -> bool:
    """Whether the line ``text`` opens with one of the transcript's ``speakers``' labels:
    a turn of its own, however full the line before (a turn of one line ran into the next:
    "... for a room. Interviewer: And in the morning?", and the second turn was lost)."""
    found = _LABEL.match(text)
    return found is not None and found.group(1) in speakers


def _write_notes(out: TextBuilder, lines: list[_Line]) -> None:
    """The notes of ``lines`` (a page's foot), a paragraph each, after what was written."""
    start = -1
    for line in lines:
        if start < 0 or _NOTE_START.match(line.text):
            if start >= 0:
                out.span(start, SpanKind.PARAGRAPH)
            out.block()
            start = out.length
            out.write(line.text)
        else:
            out.write(" " + line.text)
    if start >= 0:
        out.span(start, SpanKind.PARAGRAPH)


def _paragraphs(
    lines: list[_Line],
    page_count: int,
    notes: dict[int, list[_Line]] | None = None,
    left_out: Collection[int] = (),
) -> tuple[TextBuilder, list[int]]:
    """The paragraphs of ``lines``, and where each page starts in them; the ``notes`` of a
    page's foot after the paragraph going on when its text ends.  A paragraph ends where a
    page of ``left_out`` (0-based: a scan, a damaged page) lay: a paragraph going on at page
    1's foot went on into page 3's first, over the scan between them."""
    notes = notes or {}
    pending: list[_Line] = []  # notes of pages whose text is written, for the next break
    spacing, height, left, right = _typical(lines)
    tabular = _tabular_lines(lines)
    table_starts = _next_tables(lines, tabular)
    page_top, page_bottom = _page_edges(lines, height)
    column_right = _column_rights(lines, height, right)
    column_left = _column_lefts(lines, height, left)
    set_in = _first_lines_set_in(lines, height, column_left)
    set_in |= _headings_atop(lines, height, column_left, column_right, right)
    set_in |= _parted_as_elsewhere(
        lines, (spacing, height, right), column_left, column_right, tabular
    )
    feet = _feet_beside(lines)
    blocks = _blocks_set_in(lines, height, column_left, column_right, right)
    out = TextBuilder(soft_hyphens=True)  # a line's last one joins a word: see _HYPHENATED
    compounds = _compounds(lines)
    speakers = _speaker_labels(lines)
    page_starts = [0] * page_count
    seen_page = -1
    start = 0
    kind = SpanKind.PARAGRAPH
    previous: _Line | None = None
    hang = -1.0  # where the words of the paragraph's label set in the margin start (see _hang)
    opened: _Line | None = None  # the line opening the paragraph being written
    for line in lines:
        if previous is not None and line.page != previous.page:
            for page in range(previous.page, line.page):
                pending.extend(notes.get(page, ()))
        big = height > 0 and line.height > 1.25 * height
        in_table = previous is not None and id(previous) in tabular
        heading_on = big and previous is not None and _heading_goes_on(previous, line)
        # Where the previous line's column ends: a block set in on both sides (a quotation,
        # see _blocks_set_in) ends before its column does.
        edge = (
            0.0
            if previous is None
            else min(
                column_right.get(_column(previous, height), right),
                blocks.get(id(previous), right),
            )
        )
        hung = (
            previous is opened
            and previous is not None
            and _hangs_from(previous, line, height, column_left(line), edge)
        )
        if hung:
            hang = line.left  # (the entry's next lines start there too)
        if previous is None or (
            not heading_on
            and (
                big
                or any(page in left_out for page in range(previous.page + 1, line.page))
                or _hung_entry_ends(previous, line, opened, height)
                or in_table != (id(line) in tabular)  # a table starts or ends
                or (
                    in_table
                    and line.page != previous.page
                    and not _table_goes_on(previous, line, opened, page_bottom, spacing)
                )
                or id(line) in table_starts  # another table right below one
                or (id(previous) in blocks and id(line) not in blocks)  # out of a quotation
                or id(line) in set_in
                or (speakers and _opens_turn(line.text, speakers))
                # (A table's rows are its own, one under the other, however short they
                # stop: a row stopping short of the text's right edge before one opening
                # with a capital parted the table there, its rows a passage each.  A
                # form's rows of answers stand alone, as _breaks has them.)
                or (
                    not (in_table and id(line) in tabular and not (previous.filled or line.filled))
                    and _breaks(
                        previous,
                        line,
                        spacing,
                        height,
                        # A line going on under the words of a label set in the margin (a
                        # hanging indent) starts where they do: no indented line, its
                        # paragraph's (each turn's first line was a paragraph of its own).
                        hang if abs(line.left - hang) < _HANG_SLACK * height else column_left(line),
                        edge,
                        (page_top, page_bottom),
                        _foot_beside(previous, feet)
                        if line.page == previous.page and line.top > previous.top
                        else previous.base,
                    )
                )
            )
        ):
            if previous is not None:
                out.span(start, kind, "2" if kind is SpanKind.HEADING else "")
            if pending:
                _write_notes(out, pending)
                pending = []
            out.block()
            start = out.length
            kind = SpanKind.HEADING if big and len(line.text) < 120 else SpanKind.PARAGRAPH
            text = (line.cells or line.text) if id(line) in tabular else line.text
            hang = line.hang or -1.0
            opened = line
        elif in_table:  # a table's rows: a line each, its cells apart
            text = "\n" + (line.cells or line.text)
        elif _HYPHENATED.search(previous.text) and _suspended(line.text):
            # "short-" + "and long-term": a compound's hyphen, its second word left out
            if previous.text[-1] not in "-\u2010":
                out.remove_last(1)
                out.write("-")
            text = " " + line.text
        elif _HYPHENATED.search(previous.text) and (
            line.text[:1].islower() or _compound(previous.text, line.text, compounds)
        ):
            text = line.text
            if not _compound(previous.text, text, compounds):
                out.remove_last(1)  # "inter-" + "view": the hyphen only broke the word
        elif _HYPHEN_AFTER_SIGN.search(previous.text) and line.text[:1].isalnum():
            text = line.text  # "U.S.-" + "Mexico", "1978-" + "1992": no word broken, no space
        else:
            text = " " + line.text
        while seen_page < line.page:
            seen_page += 1
            page_starts[seen_page] = out.length + (1 if text.startswith((" ", "\n")) else 0)
        out.write(text)
        previous = line
    out.span(start, kind, "2" if kind is SpanKind.HEADING else "")
    last_page = previous.page if previous is not None else -1
    for page in sorted(notes):
        if page >= last_page:
            pending.extend(notes[page])
    if pending:
        _write_notes(out, pending)
    end = len(out.text())
    for number in range(seen_page + 1, page_count):
        page_starts[number] = end  # pages with no text after the last line of text
    return out, [min(s, end) for s in page_starts]


def _blocks_set_in(
    lines: list[_Line],
    height: float,
    column_left: Callable[[_Line], float],
    column_right: dict[tuple[int, int], float],
    right: float,
) -> dict[int, float]:
    """Where each block of ``lines`` set in on both sides ends: for each line of lines one
    under the other, set in alike from their column's left edge and ending short of its
    right one (``column_right``, else ``right``: a quotation, as a participant's words are
    set in an article; not the lines beside a chapter's drop cap, which fill their
    column), each but the last filling the block's width
    (the next one's first word would not have fitted), the right edge of the block's
    longest line; each but the last holds words of prose (:data:`_HANG_WORDS` at
    least: a program's lines hold few).  Its column ends further right (a block of five
    lines or more is a column of its own: see _column_rights), and a quotation of two to
    four lines read as a paragraph a line, each line set in and stopping short."""
    found: dict[int, float] = {}
    if height <= 0:
        return found
    run: list[_Line] = []
    for line in [*lines, None]:
        last = run[-1] if run else None
        if (
            line is not None
            and last is not None
            and line.page == last.page
            and line.top < last.top
            and last.bottom - line.base <= 1.5 * height
            and abs(line.left - last.left) <= 0.5 * height
        ):
            run.append(line)
            continue
        if len(run) >= 2 and run[0].left - column_left(run[0]) > 1.2 * height:
            edge = max(member.right for member in run)
            ends = column_right.get(_column(run[0], height), right)
            if ends - edge > 1.2 * height and all(
                edge - a.right <= _room(a, b) and len(a.text.split()) >= _HANG_WORDS
                for a, b in itertools.pairwise(run)
            ):
                found.update((id(member), edge) for member in run)
        run = [line] if line is not None else []
    return found


def _feet_beside(lines: list[_Line]) -> dict[int, tuple[list[float], list[float]]]:
    """For each page of ``lines``, where its lines start, in order, and the base of the
    lowest line starting there or further right: what :func:`_foot_beside` looks up (in
    one search, not a look at each line of the page at each column's top)."""
    placed: dict[int, list[tuple[float, float]]] = {}
    for line in lines:
        placed.setdefault(line.page, []).append((line.left, line.base))
    feet: dict[int, tuple[list[float], list[float]]] = {}
    for page, starts in placed.items():
        starts.sort()
        lowest = list(itertools.accumulate((base for _, base in reversed(starts)), min))
        feet[page] = ([left for left, _ in starts], lowest[::-1])
    return feet


def _foot_beside(line: _Line, feet: dict[int, tuple[list[float], list[float]]]) -> float:
    """Where the lowest of the lines right of ``line`` on its page stands (``feet``: see
    :func:`_feet_beside`): how far down the columns after ``line``'s go (its own base when
    none)."""
    lefts, lowest = feet[line.page]
    at = bisect.bisect_right(lefts, line.right)
    return lowest[at] if at < len(lefts) else line.base


def _table_goes_on(
    a: _Line, b: _Line, opened: _Line | None, page_bottom: float, spacing: float
) -> bool:
    """Whether the table row ``b``, opening the page after that of the row ``a``, goes on
    ``a``'s table (its first row ``opened``): ``a`` stands at its page's foot, where full
    pages' text ends, and ``b`` has as many cells, each under one of ``a``'s, and is no
    copy of the table's first row (a header set again atop each page starts the table
    again).  A long table was parted at each page's end, a passage a page."""
    if b.page != a.page + 1 or len(b.columns) < 2 or len(b.columns) != len(a.columns):
        return False
    if page_bottom > 0 and a.base - page_bottom > 2 * max(spacing, a.height):
        return False  # (a table ending higher up its page: the next page's is another)
    slack = max(b.height, 1.0)
    if not all(_under(cell, seen, slack) for cell, seen in zip(b.columns, a.columns, strict=True)):
        return False
    return opened is None or _cells_of(b) != _cells_of(opened)


# A line ending a sentence: its last word ends it (a colon or a semicolon goes on: a
# reference's "Ithaca:" before its publisher's name on the next line).
_ENDS_FULLY = re.compile(r"[.!?…][\"'”’»)\]]*$")
_MOST_HANG = 4  # lines' heights, at most, that a hanging indent's lines are set in by
_HANG_WORDS = 6  # words of a line, at least, that a hanging indent's next line goes on
# (a program's lines, set in as a block, fill their block's own width)


def _hangs_from(a: _Line, b: _Line, height: float, left: float, right: float) -> bool:
    """Whether ``b``, set in from ``a`` on the next line, goes on ``a``'s paragraph as a
    hanging indent sets it (a reference list's entries, their first line at the column's
    edge and the next ones set in), ``a`` being its paragraph's first line: ``a`` starts at
    the column's edge (``left``), or where ``b`` does, set in; it fills its line (``b``'s
    first word would not have fitted before ``right``); ``b`` stands right below it, set in
    by a few lines' heights at most, and goes on ``a``'s sentence (``a`` ends none, or
    ``b`` opens in a small letter, or ``a`` opens a reference's entry: see
    :data:`_REFERENCE_OPENING`).  (A paragraph of one line, full and going on, is no
    paragraph.)  Read as paragraphs' first lines, each entry was parted after its first
    line, its next lines a passage of their own."""
    if height <= 0 or a.page != b.page or b.top > a.top:
        return False
    set_in = b.left - a.left
    edge = abs(a.left - left) <= 0.5 * height
    alike = abs(set_in) <= 0.5 * height and 1.2 * height < b.left - left  # (both set in)
    return (
        ((edge and 1.2 * height < set_in) or alike)
        and b.left - left <= _MOST_HANG * height
        and right - a.right <= _room(a, b)
        and len(a.text.split()) >= _HANG_WORDS
        and a.bottom - b.base <= 1.5 * height
        and (
            _ENDS_FULLY.search(a.text) is None
            or b.text[:1].islower()
            or _REFERENCE_OPENING.match(a.text) is not None
        )
    )


# The first line of a reference list's entry: its number ("[12] ", "12. ") or its author's
# family name and a comma, then an initial or a year ("Dunn, T. J. (1996). The
# Militarization of the Border, 1978-1992."): ending a sentence, as its title does, it
# goes on all the same ("Austin: CMAS Books.", set in below it), and was parted there.
_REFERENCE_OPENING = re.compile(
    r"(?:\[\d{1,3}\]|\d{1,3}\.)[ \t]"
    r"|[^\W\d_][\w'’-]*,[ \t](?:[^\W\d_]\.|.*\b(?:1[5-9]|20)\d\d[a-z]?\b)"
)


def _hung_entry_ends(a: _Line, b: _Line, opened: _Line | None, height: float) -> bool:
    """Whether ``b`` opens the next entry of a hanging indent's list: the paragraph so far
    opened at the edge ``b`` starts at (``opened``, its first line), ``a`` (a later line)
    was set in from it, and ``b`` is back at that edge.  Its line above full, it was read as
    going on the entry above ("... pages 305 to 333. Nevins, J. (2010) ...")."""
    return (
        opened is not None
        and a is not opened
        and height > 0
        and a.page == b.page
        and b.top < a.top
        and abs(b.left - opened.left) <= 0.5 * height
        and a.left - b.left > 0.8 * height
    )


def _heading_goes_on(a: _Line, b: _Line) -> bool:
    """Whether the big line ``b`` is the next line of the heading ``a`` (a title wrapped
    over two lines): set in the same size, on the same page, right below it, a line's pitch
    apart (two headings one above the other have a heading's space between them)."""
    return (
        a.page == b.page
        and abs(a.height - b.height) <= 0.1 * a.height
        and 0 < a.bottom - b.base <= 1.5 * a.height
    )


# Lines' heights between a line and a check box's row below it: a gap wider than a wrapped
# label's lines stand, set single or one and a half spaced (1.0 to 1.3 heights apart).
_FORM_ROW_GAP = 1.6


def _breaks(
    a: _Line,
    b: _Line,
    spacing: float,
    height: float,
    left: float,
    right: float,
    page: tuple[float, float],
    foot: float,
) -> bool:
    """True when line ``b`` starts a new paragraph after line ``a`` (``left``: where the
    lines of ``b``'s column start, ``right``: where those of ``a``'s end; ``foot``: the
    base of the lowest line right of ``a`` on its page when ``b`` opens the next column of
    that page, else ``a``'s own).
    """
    if _ITEM.match(b.text) or _CONTENTS_ENTRY.search(a.text):
        return True
    if _CAPTION.match(b.text) and _ENDS_SENTENCE.search(a.text):
        # A table's or a figure's caption right below a paragraph's last line, full: it was
        # read as that paragraph's last sentence ("... the crossing point. Table 1.
        # Arrivals by month"), its table or figure with no caption.
        return True
    if (
        b.text.startswith(_MARKS)
        or a.text.endswith(_MARKS)
        or (a.boxed and any(mark in a.text[1:] for mark in _MARKS))
    ):
        # A form's row of a check box stands alone, one of radio buttons before their
        # options too ("Language: ◉ Spanish ○ English"); a box's label may wrap below it.
        # (A circle in a line's words, "f ○ g", is no form's: only the form's marks.)
        return True
    if b.filled or (a.filled and b.left < a.filled - 1):
        # A form's row holding a field's answer ("Name: Ana Ruiz") stands alone; an answer
        # wrapped in its field goes on below it.
        return True
    if b.text.endswith(_MARKS) and a.bottom - b.base > _FORM_ROW_GAP * max(a.height, 1):
        # A form's row of a check box after its label ("Consent given: ☒") set further below
        # the line above than a wrapped label's lines stand: a row of its own.  A heading
        # as far above the first row as the rows are apart was read as that row's start
        # (the spacing was the rows', so the heading's gap parted nothing).
        return True
    if spacing <= 0:  # no geometry: a short line ending a sentence ends its paragraph
        return bool(_ENDS_SENTENCE.search(a.text)) and len(a.text) < 50
    if height > 0 and a.height > 1.25 * height:
        return True  # after a heading
    indent = b.left - left > 1.2 * height
    # A line ending a paragraph stops short: the next line's first word would have fitted.
    # (Proportional fonts: a margin of half the word again for its letters' widths.)
    # The next word's width as set, when measured (a space and a tenth more): "Paragraph"
    # after a line 62 points short at a column's foot was taken to need 67 (its letters
    # as wide as the line's on average, and half again), and the paragraph ran on into
    # the next column's.
    room = _room(a, b)
    # It ends its paragraph when it ends a sentence, or when the next line does not go on in
    # lowercase: a line of code, a list's item, an address ("END" before "The ::= token").
    # (A line ending in a hyphen after a figure, "pages 305-", goes on: "333 of ...".)
    short = (
        right - a.right > room
        and not _HYPHEN_AFTER_SIGN.search(a.text)
        and (bool(_ENDS_SENTENCE.search(a.text)) or not b.text[:1].islower())
    )
    if a.page != b.page or b.top > a.top:  # a new page or column
        # The gap before a paragraph may fall at the top of the next page (its text starts
        # lower) or at the bottom of this one (it ends higher, on a sentence's end).
        page_top, page_bottom = page
        lower = a.page != b.page and page_top - b.top > 0.5 * spacing
        early = (
            a.page != b.page
            and a.base - page_bottom > 0.5 * spacing
            and bool(_ENDS_SENTENCE.search(a.text))
        )
        # So may it fall at a column's foot: the column ends on a sentence's end a line or
        # more higher than the next column of its page goes down (``foot``), and than full
        # pages end (the next paragraph, with the space above it, did not fit below).  A
        # ragged-right paragraph's last line stopping only a little short there, the next
        # column opening with a capital, was read on into that column's first paragraph.
        # (Columns balanced at an article's end, or standing over a figure, end alike.)
        early = early or (
            a.base - foot > 0.5 * spacing
            and a.base - page_bottom > 0.5 * spacing
            and bool(_ENDS_SENTENCE.search(a.text))
        )
        return indent or short or lower or early
    gap = a.bottom - b.base
    return gap > 1.45 * spacing or indent or short


# Of a line's height, at least, that a paragraph's first line is set in when it is not
# set in as far as _breaks asks (1.2): an indent of one em, as two-column journals and
# Word set it (10 points in 10-point type), is 0.85 to 0.9 of a line's height as its
# characters' boxes stand.
_SMALL_INDENT = 0.75


def _first_lines_set_in(
    lines: list[_Line], height: float, column_left: Callable[[_Line], float]
) -> set[int]:
    """The ids of the lines set in by an em or so (see :data:`_SMALL_INDENT`) that open a
    paragraph: the line before ends a sentence at its column's edge, the line opens with a
    capital or a figure, and the line after it is back at its column's edge, below it.
    Such a first line after a full line (a paragraph's last line filling its column, as
    justified text has it at a column's foot) went on the paragraph before: across a
    column's or a page's top, where no gap parts them, nothing else told them apart.  (A
    block or a list's item set in, its next lines set in too, is no such line.)"""
    found: set[int] = set()
    if height <= 0:
        return found
    for a, b, c in zip(lines, lines[1:], lines[2:], strict=False):
        if not (b.text[:1].isupper() or b.text[:1].isdigit()) or not _ENDS_FULLY.search(a.text):
            continue  # (before the columns' edges are looked for)
        edge = column_left(b)
        if (
            _SMALL_INDENT * height < b.left - edge <= 1.2 * height
            and abs(a.left - column_left(a)) < _SMALL_INDENT * height
            and c.page == b.page
            and c.top < b.top
            and abs(c.left - edge) < _SMALL_INDENT * height
            and column_left(c) == edge
        ):
            found.add(id(b))
    return found


_HEADING_WIDTH = 0.6  # of its column's width, at most, that a heading atop a column fills


def _headings_atop(
    lines: list[_Line],
    height: float,
    column_left: Callable[[_Line], float],
    column_right: dict[tuple[int, int], float],
    right: float,
) -> set[int]:
    """The ids of the lines heading a column or a page: at its top, the line before (the
    foot of the column or page before) ending a sentence; opening with a capital or a
    figure, ending none, filling less than :data:`_HEADING_WIDTH` of its column; the line
    after it below it in its column.  A section's heading set in the text's size ("2
    Methods", in bold) loses the space above it at a column's top, and its line went on
    the paragraph ending at the foot of the column before ("... before the next round. 2
    Methods")."""
    found: set[int] = set()
    if height <= 0:
        return found
    for a, b, c in zip(lines, lines[1:], lines[2:], strict=False):
        if (a.page == b.page and b.top <= a.top) or not _ENDS_FULLY.search(a.text):
            continue  # (not at a column's or a page's top, or no sentence ends there)
        edge = column_left(b)
        width = column_right.get(_column(b, height), right) - edge
        if (
            (b.text[:1].isupper() or b.text[:1].isdigit())
            and _ENDS_SENTENCE.search(b.text) is None
            and b.right - edge < _HEADING_WIDTH * width
            and c.page == b.page
            and c.top < b.top
            and column_left(c) == edge
        ):
            found.add(id(b))
    return found


_PARTED_SEEN = 3  # paragraphs, at least, seen parted after a sentence ending a full line


def _parted_as_elsewhere(
    lines: list[_Line],
    typical: tuple[float, float, float],
    column_left: Callable[[_Line], float],
    column_right: dict[tuple[int, int], float],
    tabular: set[int],
) -> set[int]:
    """The ids of the lines opening a column after a full line ending a sentence
    (see :func:`_sentence_then_capital`; the next line's first word would not have fitted
    on it) where the document's own columns show that such a line ends its paragraph more
    often than not: inside a column, the full lines so followed stand above a gap (a
    paragraph's space) more often than right above the next line, three times at least
    (``typical``: the text's line spacing, line height and right edge).  A paragraph's
    last line a word short of a ragged column's edge, at the column's foot, was read on
    into the next column's first paragraph: no gap and no indent at a column's top tell
    it, but a text of short paragraphs parted by gaps (a newsletter, an interview's
    answers) ends them there far more often than a sentence ends a line inside one; a
    text of long paragraphs, or of paragraphs set in, does not.  A page's foot is left out:
    a text of one column runs its paragraphs over pages far more often than its pages end
    on a paragraph's last full line (a property test of short paragraphs over pages of six
    lines split one at a page's foot)."""
    spacing, height, right = typical
    found: set[int] = set()
    if spacing <= 0 or height <= 0:
        return found
    parted = going_on = 0
    tops: list[_Line] = []
    for a, b in itertools.pairwise(lines):
        if (
            id(a) in tabular
            or id(b) in tabular
            or max(a.height, b.height) > 1.25 * height
            or not _sentence_then_capital(a, b)
            or b.left - column_left(b) > _SMALL_INDENT * height
            or column_right.get(_column(a, height), right) - a.right > _room(a, b)
        ):
            continue
        if a.page != b.page:
            continue  # a page's foot: a paragraph read on over it, as ever (see below)
        if b.top > a.top:
            tops.append(b)
        elif a.bottom - b.base > 1.45 * spacing:
            parted += 1
        else:
            going_on += 1
    if parted >= _PARTED_SEEN and parted > going_on:
        found.update(id(b) for b in tops)
    return found


def _sentence_then_capital(a: _Line, b: _Line) -> bool:
    """Whether ``a`` ends a sentence and ``b``, the line after it, opens with a capital or
    a figure."""
    return _ENDS_FULLY.search(a.text) is not None and (b.text[:1].isupper() or b.text[:1].isdigit())


def _room(a: _Line, b: _Line) -> float:
    """The room ``b``'s first word needs at the end of the line ``a`` (see :func:`_breaks`)."""
    char_width = max(a.right - a.left, b.right - b.left) / max(1, len(a.text), len(b.text))
    next_word = len(b.text.split(" ", 1)[0]) + 1
    return 1.1 * b.lead + char_width if b.lead > 0 else 1.5 * next_word * char_width


def _column(line: _Line, height: float) -> tuple[int, int]:
    """The page and the column a line is in, told by where it starts (in steps of two
    lines' height: an indented line is in a column of its own)."""
    return line.page, round(line.left / max(2 * height, 1.0))


_OTHER_COLUMN = 10  # lines' heights between two lines' starts: they stand in two columns


def _column_lefts(lines: list[_Line], height: float, left: float) -> Callable[[_Line], float]:
    """Where the lines of a line's column start: ``left`` (the text's usual margin) for a
    line near it, and for one in another column (a page's right column) the leftmost margin
    two lines or more of its page share, at the line's start or up to three lines' height
    before it (an indented line's column starts before it).  Measured from the text's usual
    margin, every line of a right column was indented, and a paragraph of its own."""
    shared: dict[int, list[int]] = {}
    counts = Counter((line.page, round(line.left)) for line in lines)
    for (page, margin), count in counts.items():
        if count >= 2:
            shared.setdefault(page, []).append(margin)
    reach, other = 3 * height, _OTHER_COLUMN * height

    def column_left(line: _Line) -> float:
        if abs(line.left - left) <= other:
            return left
        near = [m for m in shared.get(line.page, ()) if line.left - reach <= m <= line.left + 1]
        return float(min(near)) if near else left

    return column_left


def _column_rights(lines: list[_Line], height: float, right: float) -> dict[tuple[int, int], float]:
    """Where the lines of each column of five lines or more end, when short of ``right``
    (the text's right edge): the left column of a page set in two, whose lines all stop
    short of the right column's edge.  Lines running on past where another column of the
    page starts (an article's title, authors and abstract across both, above them) are
    not the column's: its lines were all taken to stop short, and each ending a sentence
    ended its paragraph.  A column of a few lines set in from another by less than a
    column's gap (paragraphs' indented first lines) ends where that one does."""
    by_column: dict[tuple[int, int], list[_Line]] = {}
    for line in lines:
        by_column.setdefault(_column(line, height), []).append(line)
    starts: dict[int, list[float]] = {}  # where each column of a page starts
    for (page, _), column in by_column.items():
        if len(column) >= 5:
            starts.setdefault(page, []).append(min(line.left for line in column))
    edges: dict[tuple[int, int], float] = {}
    for (page, at), column in by_column.items():
        if len(column) < 5:
            continue
        left = min(line.left for line in column)
        next_start = min(
            (x for x in starts[page] if x > left + _OTHER_COLUMN * height), default=None
        )
        rights = sorted(
            line.right for line in column if next_start is None or line.right < next_start
        )
        if rights:
            edges[page, at] = min(right, rights[int(len(rights) * 0.98)])
    near = round(_OTHER_COLUMN / 2)  # (the columns' steps are two lines' height)
    for page, at in by_column:
        if (page, at) not in edges:
            outer = [key for key in edges if key[0] == page and at - near < key[1] < at]
            if outer:
                edges[page, at] = edges[max(outer)]
    return edges


def _page_edges(lines: list[_Line], height: float) -> tuple[float, float]:
    """Where the text of a full page starts and ends: the highest top of a page's first line
    and the lowest base of its last line that two pages or more share (pages that start lower
    or end higher are the exceptions these edges reveal; with no such pair, the highest start
    and the lowest end).  The document's first line and its last line count too when they are
    body text (not a heading, not a footnote): they show where a page's text may start and
    end, so that even two pages tell a paragraph break at the page's edge."""
    firsts: Counter[int] = Counter()
    lasts: Counter[int] = Counter()
    for a, b in itertools.pairwise(lines):
        if a.page != b.page:
            lasts[round(a.base)] += 1
            firsts[round(b.top)] += 1
    if not firsts:
        return 0.0, 0.0
    if height > 0 and abs(lines[0].height - height) < 0.2 * height:
        firsts[round(lines[0].top)] += 1
    if height > 0 and abs(lines[-1].height - height) < 0.2 * height:
        lasts[round(lines[-1].base)] += 1
    top = max(firsts, key=lambda t: (min(firsts[t], 2), t))
    bottom = max(lasts, key=lambda b: (min(lasts[b], 2), -b))
    return float(top), float(bottom)


def _tabular_lines(lines: list[_Line]) -> set[int]:
    """The ids of the lines of ``lines`` that are a table's rows: lines of two words or more
    set twice as wide as their characters take in the text's usual lines (cells apart), two
    such lines at least one under the other (or lines with cells apart: see _cells).  A
    table's rows were run into one paragraph ("Month Arrivals Departures January 120 98
    February 143 110")."""
    # Characters' widths in their line's heights: a title set big is as wide as its size
    # makes it, not a table's row (its two lines, joined, were read as one).
    widths = [
        (line.right - line.left) / len(line.text) / line.height
        for line in lines
        if len(line.text) >= 20 and line.right > line.left and line.height > 0
    ]
    usual = statistics.median(widths) if len(widths) >= 3 else 0.0
    heights = [line.height for line in lines if line.height > 0]
    height = statistics.median(heights) if heights else 0.0  # of a line PDFium gave none
    # A line whose words stand a line's height apart somewhere (see _cells) is one too: a
    # table filling most of a page set the usual width itself.
    wide = [
        bool(line.cells)
        or (
            usual > 0
            and line.right - line.left
            > 2 * usual * len(line.text) * (line.height if line.height > 0 else height)
            and " " in line.text
        )
        for line in lines
    ]
    rows: set[int] = set()
    for i, line in enumerate(lines):
        beside = (i > 0 and wide[i - 1] and lines[i - 1].page == line.page) or (
            i + 1 < len(lines) and wide[i + 1] and lines[i + 1].page == line.page
        )
        # A line alone whose words stand a line's height apart (a header's left and right
        # parts, "Field report 12" and "Confidential" on one baseline) is a row of one: it
        # was read as one run of words, "Field report 12 Confidential", and titled the file.
        if (wide[i] and beside) or line.cells:
            rows.add(id(line))
    return rows


_TABLE_GAP = 1.6  # of a table's usual distance between rows: a gap parting two tables


def _next_tables(lines: list[_Line], tabular: set[int]) -> set[int]:
    """The ids of the table rows of ``lines`` (``tabular``) that open another table right
    below a table's last row, as a reader sees two: further below it than the table's rows
    stand apart (see :data:`_TABLE_GAP`), or set in other columns (see _tables_parted).
    Two tables one under the other were read as one, since a table's rows no longer part
    at a row stopping short (see _paragraphs)."""
    starts: set[int] = set()
    run: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and id(line) in tabular and (not run or run[-1].page == line.page):
            run.append(line)
            continue
        if len(run) >= 2:
            starts |= _tables_parted(run)
        run = [line] if line is not None and id(line) in tabular else []
    return starts


def _tables_parted(rows: list[_Line]) -> set[int]:
    """The ids of the ``rows`` (a table's rows, one under the other on a page) that open
    another table (see :func:`_next_tables`)."""
    gaps = [a.bottom - b.base for a, b in itertools.pairwise(rows)]
    usual = sorted(gaps)[(len(gaps) - 1) // 2]  # (the lower middle: two tables' one gap)
    starts: set[int] = set()
    columns: list[tuple[float, float]] = list(rows[0].columns)
    header = 0  # the index of the current table's first row
    for at, (a, b, gap) in enumerate(zip(rows, rows[1:], gaps, strict=False), start=1):
        slack = max(b.height, 1.0)
        # Other columns: a cell of the row under none of the table's so far, and a cell of
        # the row above over none of the row's (a row's empty cell leaves a column out; a
        # listing's wider first cell pushes the next ones along, each still under one).
        other = (
            bool(columns)
            and len(b.columns) > 1
            and any(not any(_under(cell, seen, slack) for seen in columns) for cell in b.columns)
            and any(not any(_under(cell, seen, slack) for seen in b.columns) for cell in a.columns)
        )
        if (
            (len(gaps) > 1 and usual > 0 and gap > _TABLE_GAP * usual)
            or other
            or _another_header(rows, header, at)
        ):
            starts.add(id(b))
            columns = []
            header = at
        columns += b.columns
    return starts


def _cells_of(row: _Line) -> list[str]:
    """The cells of the table's row ``row``, as written."""
    return (row.cells or row.text).split(" │ ")


def _another_header(rows: list[_Line], header: int, at: int) -> bool:
    """Whether ``rows[at]``, in the same columns as the table above it whose first row is
    ``rows[header]``, is another table's header: that first row again, as written; or a
    row of words, each cell another and opening with a capital, no figure in it, or a word
    over years (see :func:`_years_header`), cells as many as that first row's (a row of
    words), under two rows or more that each hold a figure and over one that does too.
    Two tables in the same columns one right under the other, no gap or caption between
    them, were read as one passage, the second's header a row of the first."""
    row = _cells_of(rows[at])
    if at - header < 2 or len(row) < 2:
        return False
    if row == _cells_of(rows[header]):
        return True
    if at - header < 3:
        return False

    def figures(cells: list[str]) -> bool:
        return any(character.isdigit() for cell in cells for character in cell)

    def words(cells: list[str]) -> bool:  # (a header's cells differ: "None │ None" is no header)
        return (
            not figures(cells)
            and all(cell[:1].isupper() for cell in cells)
            and len(set(cells)) == len(cells)
        )

    return (
        at + 1 < len(rows)
        and (words(row) or _years_header(row, rows[header + 1 : at]))
        and words(_cells_of(rows[header]))
        and len(row) == len(_cells_of(rows[header]))
        and all(figures(_cells_of(between)) for between in rows[header + 1 : at])
        and figures(_cells_of(rows[at + 1]))
    )


_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
# How far apart a header's years stand: each year, every other, every five or ten.
_YEAR_STEPS = frozenset({1, 2, 5, 10})


def _years_header(row: list[str], above: list[_Line]) -> bool:
    """Whether the cells ``row`` are a header of years: a word opening it, then years in
    order, evenly apart (see :data:`_YEAR_STEPS`) ("Year │ 2019 │ 2020", "Region │ 2000 │
    2010 │ 2020"), under rows ``above`` none of which holds years alone after its first
    cell (a table of years: "Founded │ 1998 │ 2004" is one of its rows)."""

    def years(cells: list[str]) -> list[int] | None:
        if len(cells) < 2 or not all(_YEAR.fullmatch(cell) for cell in cells[1:]):
            return None
        return [int(cell) for cell in cells[1:]]

    found = years(row)
    if found is None or not row[0][:1].isupper() or any(c.isdigit() for c in row[0]):
        return False
    steps = {b - a for a, b in itertools.pairwise(found)}
    if len(steps) != 1 or abs(next(iter(steps), 0)) not in _YEAR_STEPS:
        return False
    return not any(years(_cells_of(line)) for line in above)


def _under(cell: tuple[float, float], column: tuple[float, float], slack: float) -> bool:
    """Whether the cell ``cell`` (its left and right on the page) stands under ``column``:
    they overlap, or start or end within ``slack`` of each other."""
    return (
        (cell[0] < column[1] - slack / 2 and column[0] < cell[1] - slack / 2)
        or abs(cell[0] - column[0]) < slack
        or abs(cell[1] - column[1]) < slack
    )


def _typical(lines: list[_Line]) -> tuple[float, float, float, float]:
    """Usual line spacing, median line height, usual left margin and right edge of the text."""
    gaps = [
        a.bottom - b.base
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < a.bottom - b.base < 3 * max(a.height, 1)
    ]
    if not gaps:
        # Lines all set further apart than three lines' height (a form's rows, a title
        # well above them): the nearest two give the spacing, and a wider gap parts
        # paragraphs (else none was told apart from the next line but by its sentence).
        nearest = min(
            (
                a.bottom - b.base
                for a, b in itertools.pairwise(lines)
                if a.page == b.page and a.bottom - b.base > 0
            ),
            default=0.0,
        )
        if not nearest:
            return 0.0, 0.0, 0.0, 0.0
        gaps = [nearest]
    # The usual distance between lines: a low quantile, so that paragraph gaps, however
    # many, do not count as line spacing.
    spacing = sorted(gaps)[len(gaps) // 4]
    height = statistics.median(line.height for line in lines)
    left = Counter(round(line.left) for line in lines).most_common(1)[0][0]
    rights = sorted(line.right for line in lines)
    right = rights[int(len(rights) * 0.98)]  # ragged text: the longest lines show the margin
    return spacing, height, float(left), right
