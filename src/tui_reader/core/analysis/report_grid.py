"""A report's rows (see :mod:`tui_reader.core.analysis.reports`) laid out for a screen: column
headings, widths, each cell's text and how strongly it is shaded (its value over the
largest).  Pure and cheap to keep: the reports view lays a report out once, in its worker, and
its table paints only the cells in view."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size

from tui_reader.core.analysis.reports import column_key
from tui_reader.core.analysis.tables import cell_text, columns_of
from tui_reader.core.display import shown, shown_pictured

MISSING = "-"  # a cell its row has no value for (a code's own co-occurrence column)
# The widest a code or a heading is shown, in cells: a longer one is cut in the middle, so that
# one long code name or file name does not push every number out of the screen.
WIDEST = 40


@dataclass(frozen=True)
class ReportGrid:
    """``columns[0]`` is the code; ``cells[r][c]`` the text of row ``r``'s column ``c`` (made
    safe for a terminal), ``widths`` in terminal cells;
    ``shades[r][c]`` in ``(0, 1]`` how strongly it is shaded, ``0.0`` not shaded, ``None``
    a missing cell (shown dim)."""

    columns: list[str]
    headings: list[str]  # whole: a column fits its heading to its width (WIDEST at most)
    widths: list[int]
    cells: list[list[str]]
    shades: list[list[float | None]]

    @property
    def row_count(self) -> int:
        return len(self.cells)


def report_grid(
    rows: Sequence[dict[str, Any]],
    *,
    code_by_code: bool = False,
    shaded: Collection[str] = (),
    heading: Callable[[str], str] = str,
) -> ReportGrid:
    """Lay ``rows`` out.  ``code_by_code``: the columns are the rows' codes in row order
    (co-occurrence).  ``shaded``: the columns shaded each against its own largest value;
    when empty, every value column is shaded against the largest of the whole table.
    ``heading`` names a column on screen (a document's key by its file name)."""
    columns = (
        ["tag", *(column_key(str(r["tag"])) for r in rows)] if code_by_code else columns_of(rows)
    )
    columns = columns or ["tag"]
    largest = _largest(rows, columns, shaded)
    cells: list[list[str]] = []
    shades: list[list[float | None]] = []
    for row in rows:
        texts = [fitted(shown(str(row.get("tag", ""))))]
        fractions: list[float | None] = [0.0]
        for column in columns[1:]:
            if column not in row:
                texts.append(MISSING)
                fractions.append(None)
                continue
            value = row[column]
            texts.append(cell_text(column, value))
            top = largest.get(column, 0.0)
            number = float(value)
            fractions.append(number / top if top > 0 and number > 0 else 0.0)
        cells.append(texts)
        shades.append(fractions)
    # Names as the list shows them, whole: the table breaks a heading into lines and cuts
    # only what its last line cannot hold (shortened here first, a long file name lost its
    # middle where its lines had the room); its column is never wider than WIDEST for it.
    headings = [shown_pictured(heading(c)) for c in columns]
    widths = [
        max([min(cell_len(headings[i]), WIDEST), *(cell_len(texts[i]) for texts in cells)])
        for i in range(len(columns))
    ]
    return ReportGrid(columns, headings, widths, cells, shades)


def file_headings(keys: Iterable[str]) -> dict[str, str]:
    """The heading of each document ``keys`` names (a matrix's columns): its file name where
    no other key has it, else its path from as many folders up as tell it apart from the
    others of that name (``2019/int-1.txt`` beside ``2020/int-1.txt``), the whole key at
    most."""
    parts = {key: key.split("/") for key in dict.fromkeys(keys)}
    levels = dict.fromkeys(parts, 1)
    while True:
        named: dict[str, list[str]] = {}
        for key, levels_up in levels.items():
            named.setdefault("/".join(parts[key][-levels_up:]), []).append(key)
        longer = [
            key
            for shared in named.values()
            if len(shared) > 1
            for key in shared
            if levels[key] < len(parts[key])
        ]
        if not longer:
            return {key: "/".join(parts[key][-levels[key] :]) for key in parts}
        for key in longer:
            levels[key] += 1


def fitted(text: str, width: int = WIDEST) -> str:
    """``text`` in at most ``width`` cells: when wider, its start and its end with an ellipsis
    between (a code's top level and its leaf, a file name's start and its extension)."""
    if cell_len(text) <= width:
        return text
    head_cells = (width - 1) * 2 // 3
    tail_cells = width - 1 - head_cells
    tail = ""
    for char in reversed(text):
        if cell_len(char + tail) > tail_cells:
            break
        tail = char + tail
    return set_cell_size(text, head_cells) + "…" + tail


WORD_ENDS = frozenset(" /-_.")  # a heading cut after one of these keeps its words whole


def started(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: when wider, its start and an ellipsis, cut after
    a whole word where one fits ("two words…"), else after as many characters as fit
    ("charact…"); a path's last level kept whole where it fits, its middle left out
    ("the…/sub8": "theme0/…" hid what tells the codes under theme0 apart).  For a heading
    its column's edge cuts: it reads on to the right, where :func:`fitted`'s start and end
    around an ellipsis read "char…ers".  A text ending in its slash (a heading's first line,
    "actors/" over "southcom") is cut as a word is: "actor…", not "ac…/", which read as a
    level left out."""
    if cell_len(text) <= width:
        return text
    path, slash, last = text.rpartition("/")
    if slash and last and cell_len(last) + 2 <= width:
        return _cut(path, width - cell_len(last) - 2).rstrip("/") + "…/" + last
    room = max(0, width - 1)
    kept = _cut(text, room)
    end = len(kept)
    if end < len(text) and text[end] not in WORD_ENDS:  # the cut falls inside a word
        word_end = max((i + 1 for i, char in enumerate(kept) if char in WORD_ENDS), default=0)
        if word_end:
            kept = kept[:word_end].rstrip()
    return kept + "…"


def ended(text: str, room: int) -> str:
    """The end of ``text`` in at most ``room`` cells."""
    end = ""
    for char in reversed(text):
        if cell_len(char + end) > room:
            break
        end = char + end
    return end


def _cut(text: str, room: int) -> str:
    """The start of ``text`` in at most ``room`` cells (a wide character cut in two left out)."""
    kept = set_cell_size(text, room).rstrip()
    while cell_len(kept) > room:  # a wide character cut in two was padded back
        kept = kept[:-1]
    return kept


def _largest(
    rows: Sequence[dict[str, Any]], columns: list[str], shaded: Collection[str]
) -> dict[str, float]:
    if shaded:
        return {c: max([float(r[c]) for r in rows if c in r] or [0.0]) for c in shaded}
    top = max([float(v) for r in rows for k, v in r.items() if k != "tag"] or [0.0])
    return {c: top for c in columns[1:]}
