"""Report rows (lists of dicts, see :mod:`tui_reader.core.analysis.reports`) as an aligned text
table, CSV, Markdown or JSON.  JSON prints the rows exactly, a CSV a fraction to six significant
digits; the others show a ``coverage`` as a percentage."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import Any

from rich.cells import cell_len

from tui_reader.core.analysis.reports import column_key
from tui_reader.core.display import shown_json, shown_pictured
from tui_reader.core.interchange.csv import inert

TABLE_FORMATS = ("table", "csv", "markdown", "json")


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every key of the rows, in first-seen order."""
    if not rows:
        return []
    first = rows[0].keys()
    if all(row.keys() == first for row in rows):  # a matrix's rows: 10,000 columns each
        return list(first)
    return list(dict.fromkeys(k for row in rows for k in row))


def percent(share: float) -> str:
    """``share`` (0-1) as a percentage of one decimal, never rounded to what it is not: a
    code on a few characters of a corpus of millions is ``<0.1%``, not the ``0.0%`` that
    said it covered nothing, and one short of the whole ``>99.9%``, not ``100.0%``."""
    if 0 < share < 0.0005:
        return "<0.1%"
    if 0.9995 <= share < 1:
        return ">99.9%"
    return f"{share * 100:.1f}%"


def statistic(value: float) -> str:
    """A kappa or an alpha to three decimals, never rounded to what it is not: one short of
    perfect agreement (two coders a character apart over thousands) is ``>0.999``, not the
    ``1.000`` that said they coded alike, and one short of perfect disagreement ``<-0.999``."""
    shown = f"{value:.3f}"
    if shown == "1.000" and value < 1:
        return ">0.999"
    if shown == "-1.000" and value > -1:
        return "<-0.999"
    return shown


def cell_text(column: str, value: Any) -> str:
    if column == "coverage" and isinstance(value, float):
        return percent(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _csv_cell(value: Any) -> str:
    """A CSV cell: a number as it is (a spreadsheet reads ``-0.28`` as the number it is, never
    a formula: guarded, a negative kappa would be text), a fraction to six significant
    digits (:func:`csv_float`); any text made inert as the export's and the query's cells
    are, a code or a column named ``+1`` or ``-5`` too (a spreadsheet would read it as the
    number 1, or -5): what is a number is told by its type, never by how its text looks."""
    if type(value) is float:
        return csv_float(value)
    if type(value) is int:
        return str(value)
    return inert(str(value))


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _header_cell(column: str, codes_across: bool) -> str:
    """A CSV header's cell: a column named by a number (a value of a number attribute) as it
    is; any other name, a code's whatever it looks like, made inert."""
    number = not codes_across and _NUMBER.fullmatch(column)
    return column if number else inert(column)


def csv_float(value: float) -> str:
    """A fraction or a statistic as every CSV writes it (a report's coverage, agreement's
    kappa): six significant digits, ``0.166667``, a tiny one ``4e-07`` (never the ``0`` of
    six decimals, which said a code found in its documents covered none of them); the JSON
    gives each whole."""
    return f"{value:.6g}"


def render_table(
    rows: Sequence[dict[str, Any]],
    format_name: str,
    empty: Sequence[str] = (),
    *,
    code_by_code: bool = False,
) -> str:
    """The rows in ``format_name`` (one of :data:`TABLE_FORMATS`), ending in a newline: the
    pieces :func:`table_pieces` gives, joined."""
    return "".join(table_pieces(rows, format_name, empty, code_by_code=code_by_code))


JSON_ROWS_A_PIECE = 8  # rows of JSON written at a time (the others: a row at a time)


def table_pieces(
    rows: Sequence[dict[str, Any]],
    format_name: str,
    empty: Sequence[str] = (),
    *,
    code_by_code: bool = False,
) -> Iterator[str]:
    """The rows in ``format_name`` (one of :data:`TABLE_FORMATS`), a few rows at a time, for a
    caller to write as they come: the text of a co-occurrence of 2,000 codes is 140 MB, and
    made whole, with each of its 4 million cells kept until the end, it took 1.7 GB.  A
    cell a row has no key for (a code's own column in co-occurrence) shows as ``-`` (empty
    in CSV, where a column of numbers stays one).  CSV is for spreadsheets, as the export's:
    a byte-order mark first (Excel reads UTF-8 by it: ``Sécurité``, not ``SÃ©curitÃ©``),
    cells that would be formulas made inert; with no row, its header names the columns
    ``empty`` gives (a script reading it finds them).  ``code_by_code``: the rows are a
    code x code table (co-occurrence), a column for each row's code, told so by the
    caller: one of a single code has its code's column too (its header was ``tag`` alone,
    where every other co-occurrence names a column for each code)."""
    if format_name == "json":
        yield from _json_pieces(rows)
        return
    # (a code x code table's columns are its rows' codes: not read from 4 million keys)
    columns = [] if code_by_code and rows else columns_of(rows)
    columns = columns or (list(empty) if format_name == "csv" else [])
    codes_across = bool(rows) and (code_by_code or _code_by_code(rows, columns))
    if codes_across:  # the codes' columns in the rows' order
        columns = ["tag", *(column_key(str(r["tag"])) for r in rows)]
    if format_name == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        # a column of a value -5 (matrix --by score) is named -5, as the JSON's keys; a
        # code's column (co-occurrence) '-5, as the code is in its row
        writer.writerow([_header_cell(c, codes_across) for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c, "")) for c in columns])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if not rows:
            yield buffer.getvalue()
        return
    if format_name == "markdown":
        yield from _markdown(columns, rows)
        return
    if format_name != "table":
        raise ValueError(f"unknown table format {format_name!r}")
    if not columns:
        yield "(no coded passages)\n"
        return
    numeric = _numeric_columns(rows, columns)
    keys = columns
    # each cell on its one line: a value of two lines (an attribute's, a matrix's column)
    # broke its row, and a tab its alignment (shown as the terminal's safe text shows them)
    columns = [shown_pictured(c) for c in columns]
    texts = [i for i, number in enumerate(numeric) if not number]

    def cells_of(row: dict[str, Any]) -> list[str]:
        row_cells = _cells_of(row, keys)
        for i in texts:
            row_cells[i] = shown_pictured(row_cells[i])
        return row_cells

    counts_only = not numeric[0] and all(numeric[1:])  # a code, then numbers (the matrix)
    widths = list(_widths(columns))
    counted = _count_widths(rows, keys) if counts_only else None
    if counted is not None:  # a matrix's 10,000 columns: no cell made but the code's
        widths[1:] = map(max, widths[1:], counted)
        for row in rows:
            first = shown_pictured(cell_text(keys[0], row[keys[0]]))
            widths[0] = max(widths[0], _cells(first))
    else:  # a row at a time: the cells of every row at once were 4 million strings
        for row in rows:
            widths = list(map(max, widths, _widths(cells_of(row))))

    def line(values: Sequence[str]) -> str:
        if counts_only and "".join(values[1:]).isascii():  # a matrix's 10,000 columns: in C
            parts = [_padded(values[0], widths[0], False)]
            parts.extend(map(str.rjust, values[1:], widths[1:]))
        elif counts_only:  # a code or a column named in Chinese, with an emoji...
            parts = [_padded(values[0], widths[0], False)]
            parts.extend(_padded(v, w, True) for v, w in zip(values[1:], widths[1:], strict=True))
        else:
            parts = [
                _padded(v, w, right) for v, w, right in zip(values, widths, numeric, strict=True)
            ]
        return "  ".join(parts).rstrip()

    yield line(columns) + "\n" + line(["-" * w for w in widths]) + "\n"
    for row in rows:
        yield line(cells_of(row)) + "\n"


def _count_widths(rows: Sequence[dict[str, Any]], keys: list[str]) -> list[int] | None:
    """The width of each column after the first when every row holds ``keys`` in their order
    and whole numbers after its first (a matrix), each column's cells written as ``str``
    writes its numbers: the longer of its largest and its smallest, found by columns in C
    (each row's 10,000 cells written out to measure them took half of writing the table).
    None for any other rows (a co-occurrence's, whose row has no cell of its own code)."""
    if not rows or not all(list(row) == keys for row in rows):
        return None
    values = [list(row.values())[1:] for row in rows]
    if not all(all_of(counts, int) for counts in values):
        return None
    columns = list(zip(*values, strict=True))
    largest = map(len, map(str, map(max, columns)))
    return list(map(max, largest, map(len, map(str, map(min, columns)))))


def _widths(cells: list[str]) -> Iterator[int]:
    """The terminal cells each of ``cells`` takes (in C when they are ASCII)."""
    if "".join(cells[1:]).isascii():  # a code's name, then counts
        return chain((_cells(cells[0]),), map(len, cells[1:])) if cells else iter(())
    return map(_cells, cells)


def _cells(text: str) -> int:
    """The terminal cells ``text`` takes: a Chinese character or an emoji two, a combining
    accent none (as rich counts them).  Rich counts a text a character at a time, unless
    a joiner or a variation selector joins some: then each printable ASCII character is one
    cell, and the rest are counted alone (a passage's excerpt ending in "…" took 70 lookups,
    and listing 160,000 disagreements a third of its time measuring them)."""
    if text.isascii():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:
        return cell_len(text)
    rest = text.translate(_PRINTABLE_ASCII)
    return len(text) - len(rest) + cell_len(rest)


_PRINTABLE_ASCII = dict.fromkeys(range(0x20, 0x7F))  # str.translate's: each one left out


def _padded(text: str, width: int, right: bool) -> str:
    """``text`` padded with spaces to ``width`` cells, on the left when ``right``."""
    pad = " " * (width - _cells(text))
    return pad + text if right else text + pad


def _code_by_code(rows: Sequence[dict[str, Any]], columns: list[str]) -> bool:
    """Whether ``rows`` are a code x code table (co-occurrence): a column for each row's code
    and no other (a frequencies row of a code named ``passages`` is none)."""
    return len(rows) > 1 and set(columns[1:]) == {column_key(str(r.get("tag"))) for r in rows}


def _markdown(columns: list[str], rows: Sequence[dict[str, Any]]) -> Iterator[str]:
    if not columns:
        yield "_No coded passages._\n"
        return
    # (the Markdown parser it loads stays off every other report's path)
    from tui_reader.core.interchange.markdown_text import escape_inline

    def escape(text: str) -> str:
        """A cell that reads as its text: a code, a document or a value may hold what
        Markdown reads as syntax (a code <unclear> was an HTML tag, shown as nothing;
        *key* emphasis; [x](y) a link), escaped as the export escapes a passage; a count,
        and a code's own co-occurrence cell ("-"), as they are."""
        return text if text == "-" or _COUNT.fullmatch(text) else escape_inline(text)

    # numbers to the right (a code's own co-occurrence cell is none: "-"); the rows read
    # once, not once a column (a co-occurrence's rows are made as they are read)
    align = ["---:" if number else "---" for number in _numeric_columns(rows, columns)]
    yield "| " + " | ".join(map(escape, columns)) + " |\n| " + " | ".join(align) + " |\n"
    for row in rows:
        yield "| " + " | ".join(map(escape, _cells_of(row, columns))) + " |\n"


def _json_pieces(rows: Sequence[dict[str, Any]]) -> Iterator[str]:
    """The rows as one JSON list, as :func:`shown_json` writes it, a few rows at a time: each
    piece is a list of its rows written alike, without its brackets (its rows indented as
    the whole list's are)."""
    if not rows:
        yield shown_json([]) + "\n"
        return
    for n in range(0, len(rows), JSON_ROWS_A_PIECE):
        text = shown_json(list(rows[n : n + JSON_ROWS_A_PIECE]))  # "[\n  {...},\n  {...}\n]"
        yield ("[\n" if n == 0 else ",\n") + text[2:-2]
    yield "\n]\n"


_COUNT = re.compile(r"-?[0-9][0-9.]*%?")  # a count, a share or a statistic as a cell shows it


def _cells_of(row: dict[str, Any], columns: list[str]) -> list[str]:
    """The row's cells in ``columns`` (``-`` where it has none); a row of whole numbers after
    its first cell (a matrix's 10,000, a co-occurrence's), is written in C."""
    values = list(row.values())
    if columns and all_of(values[1:], int) and next(iter(row)) == columns[0]:
        first = cell_text(columns[0], values[0])
        if len(values) == len(columns) and list(row) == columns:
            return [first, *map(str, values[1:])]
        # a co-occurrence's row, without its own code's key (its "-"): in C too, where it
        # was 4 million cells of a table of 2,000 codes each made in Python
        return [first, *map(str, map(row.get, columns[1:], repeat("-")))]
    return [cell_text(c, row.get(c, "-")) for c in columns]


def _numeric_columns(rows: Sequence[dict[str, Any]], columns: list[str]) -> list[bool]:
    """Which columns are right-aligned: every one but the first that holds only numbers."""
    first = columns[0] if columns else None
    if all(
        next(iter(row), None) == first and all_of(islice(row.values(), 1, None), int, float)
        for row in rows
    ):  # every cell but each row's first is a number: a pass in C per row
        return [i > 0 for i in range(len(columns))]
    return [i > 0 and _numeric_column(rows, c) for i, c in enumerate(columns)]


def all_of(values: Iterable[Any], *kinds: type) -> bool:
    """Whether every value is exactly of one of ``kinds`` (a bool is no int here)."""
    return set(map(type, values)) <= set(kinds)


def _numeric_column(rows: Sequence[dict[str, Any]], column: str) -> bool:
    return all(_is_number(row[column]) for row in rows if column in row)


def _is_number(value: Any) -> bool:
    """A number, or a figure written as a cell shows it (agreement's ``91.5%``, ``>99.9%``,
    ``-0.040``, ``n/a`` where the data leave it undefined): right-aligned, so that the
    points of a column's figures stand one above the other."""
    if isinstance(value, str):
        return _SHOWN_FIGURE.fullmatch(value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


_SHOWN_FIGURE = re.compile(r"[<>]?-?[0-9][0-9,.]*%?|n/a")
