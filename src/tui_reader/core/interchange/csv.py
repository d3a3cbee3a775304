"""CSV export: one row per annotation-tag pair, Taguette's layout, safe to open in a spreadsheet.

Columns: ``id, document, tag, content`` (as Taguette's highlights export names them; ``content``
is the passage) then ``note, start, end,
line, status, created, page, speaker, timestamp`` (those three for documents with pages or
speaker turns: ``12`` or ``12–13``, ``P03``, ``00:07:09``), ``coder``, ``updated`` (when the
passage last changed: an import keeps it, as it keeps ``created``).  An untagged annotation
has one row with an empty tag.  The text starts with a UTF-8 byte-order mark so spreadsheet
programs pick the right encoding, rows end in CRLF (RFC 4180), and a text cell a spreadsheet
would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
made inert with a leading ``'``, and so is one that starts with ``'`` and then one of those: a
cell that starts with ``'`` followed by (more ``'`` and) one of those was neutralised, and the
cell is the rest.  For data tools ``csv-raw`` (:func:`render_raw`) writes every cell as it is,
with no byte-order mark.  ``start``/``end`` are code points into the document's canonical text,
half-open.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, compress, count, groupby, repeat
from typing import Any, cast

from tui_reader.core.analysis.values import Value, ValueType, show_value, type_of
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.forked import in_two_as_taken
from tui_reader.core.interchange import (
    Annotations,
    Codebook,
    Documents,
    ExportOptions,
    export_order,
    parts,
)
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import export_block, export_key, export_line
from tui_reader.core.interchange.parts import joined_parts
from tui_reader.core.interchange.places import times_only
from tui_reader.core.interchange.places_in_text import Place, Places
from tui_reader.core.interchange.stopping import check, checked

COLUMNS = (
    "id", "document", "tag", "content", "note", "start", "end", "line", "status", "created",
    "page", "speaker", "timestamp", "coder", "updated",
)  # fmt: skip
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRSTS = frozenset(_FORMULA_START)  # each one character (see _guarded)
_RISKY_FIRSTS = _FORMULA_FIRSTS | {"'"}  # the first characters of cells inert() may change
_FIRST = operator.itemgetter(slice(0, 1))


SHARE_FROM = 20_000  # rows from which a command has a second process write half of them
CELL_LIMIT = 32_767  # the most characters (UTF-16 units) a cell of Excel holds: it cuts the rest


def over_cell_limit(*columns: Sequence[str]) -> int:
    """How many rows of ``columns`` (one cell each per row: the passages, the notes) hold a
    cell longer than a spreadsheet cell holds (:data:`CELL_LIMIT`, counted as Excel counts:
    a character past U+FFFF is two)."""
    rows: set[int] = set()
    for cells in columns:
        rows.update(
            n
            for n, cell in enumerate(cells)
            if len(cell) > CELL_LIMIT // 2 and len(cell.encode("utf-16-le")) // 2 > CELL_LIMIT
        )
    return len(rows)


def formula_like(cell: str) -> bool:
    """Whether a spreadsheet opening a CSV would run ``cell`` as a formula (it begins with
    ``=``, ``+``, ``-``, ``@``, tab or carriage return)."""
    return cell.startswith(_FORMULA_START)


def inert(cell: str) -> str:
    """``cell`` made safe from spreadsheet formula injection (OWASP: prefix a ``'``).  A cell
    that begins with ``'`` and then one of those characters gets one too (``'=x`` is
    ``''=x``, which a spreadsheet shows as ``'=x``): every cell reads back as it was."""
    if formula_like(cell) or (cell[:1] == "'" and cell.lstrip("'").startswith(_FORMULA_START)):
        return "'" + cell
    return cell


def restored(cell: str) -> str:
    """A cell :func:`inert` made inert as it was (``'=x`` -> ``=x``, ``''=x`` -> ``'=x``);
    any other as it is."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in _FORMULA_FIRSTS else cell


def attribute_column(name: str) -> str:
    """The column of a document attribute: its name, unless a fixed column has it, in any
    case (``Coder``, ``Content``: a reader takes a header's names case aside, as ours does)."""
    return f"attribute:{name}" if name.casefold() in _COLUMN_NAMES else name


def attribute_name(column: str) -> str:
    """The attribute of a column :func:`attribute_column` named: ``attribute:start`` is
    ``start``'s, any other column the attribute of its name."""
    name = column.removeprefix("attribute:")
    return name if name != column and name.casefold() in _COLUMN_NAMES else column


_COLUMN_NAMES = frozenset(COLUMNS)


def render_raw(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """``csv-raw``: the same table with every cell as it is and no byte-order mark, for data
    tools (pandas, R) rather than spreadsheets: never open it in one."""
    return render(annotations, documents, tags, options, protect=False)


def render(
    annotations: Annotations,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    *,
    protect: bool = True,
) -> str:
    """The CSV text (with its byte-order mark) for ``annotations`` in (document, start) order;
    ``protect=False``: cells as they are, no byte-order mark."""
    ordered = AnnotationColumns.of_annotations(sorted(annotations, key=export_order(options)))
    return b"".join(render_columns(ordered, documents, tags, options, protect=protect)).decode(
        "utf-8"
    )


def render_raw_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> Iterator[bytes]:
    """:func:`render_raw` of annotations given as columns, in reading order, in parts made as
    they are taken."""
    return render_columns(columns, documents, tags, options, protect=False)


def render_columns(
    columns: AnnotationColumns,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    *,
    protect: bool = True,
) -> Iterator[bytes]:
    """:func:`render` of annotations given as columns, in reading order, in UTF-8, in parts
    (see :mod:`.parts`).

    The table is built a column at a time, as the csv module writes it (100,000 annotations:
    each column is a few passes in C; the formula guard and the quoting only where a cell
    needs them).  The byte-order mark is encoded on its own."""
    guard = inert if protect else str
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # a column for each attribute of the corpus (attribute_spellings), not only of the
    # documents exported: a query's result, or an export of some documents, gave another
    # header for each result, which a script stacking them or reading a column by its place
    # could not take
    held = {n for values in options.attributes.values() for n in values}
    names = sorted(held | set(options.attribute_spellings.values()))
    # a name through the gate as its values are: one from a database edited by hand (attr
    # set refuses it) held an escape sequence, written raw into a header read on a terminal
    writer.writerow([*COLUMNS, *(guard(attribute_column(export_line(n))) for n in names)])
    lines, pages, speakers, timestamps = _place_columns(
        columns, documents, Places(documents, options.places)
    )
    check()
    guarded = _guarded if protect else _as_is
    by_document: dict[str, tuple[str, ...]] = {}
    for key in dict.fromkeys(columns.document) if names else ():
        own = options.attributes.get(options.file_keys.get(key, key), {})
        cells = [_value_cell(own[n], guard) if n in own else "" for n in names]
        by_document[key] = tuple(csv_cells(cells))

    # Whether each column's times are all tui-reader's, told once for the whole (and kept
    # for the lines on times that are none), not again for each half of the rows
    check()
    told = {name: columns.all_utc_to_the_second(name) for name in ("created", "updated")}

    def times(name: str, lo: int, hi: int) -> list[str]:
        cells = getattr(columns, name)[lo:hi]
        return cells if told[name] else times_only(cells)

    def rows_of(lo: int, hi: int) -> list[bytes]:
        """The rows of annotations ``lo`` to ``hi`` (each once per tag), in parts."""
        check()
        tag_sets = [t or _NO_TAG for t in columns.tags[lo:hi]]
        # An annotation's row once per tag: its index repeated that many times.
        each = list(chain.from_iterable(map(repeat, range(hi - lo), map(len, tag_sets))))

        def expanded(cells: list[Any]) -> list[Any]:
            return list(map(cells.__getitem__, each))

        def column(cells: list[str]) -> list[str]:
            check()  # esc in the app's export dialog: stopped between two columns
            return expanded(csv_cells(cells))

        table = [
            column(guarded(columns.id[lo:hi])),
            column(guarded(columns.document[lo:hi])),
            csv_cells(guarded(list(chain.from_iterable(tag_sets)))),
            column(guarded(columns.quote[lo:hi])),
            column(guarded(columns.note[lo:hi])),
            column(list(map(str, columns.start[lo:hi]))),
            column(list(map(str, columns.end[lo:hi]))),
            column(lines[lo:hi]),
            column(columns.status[lo:hi]),
            column(guarded(times("created", lo, hi))),
            column(pages[lo:hi]),
            column(guarded(speakers[lo:hi])),
            column(timestamps[lo:hi]),
            column(guarded(columns.coder[lo:hi])),
            column(guarded(times("updated", lo, hi))),
        ]
        rows: Iterable[tuple[str, ...]] = zip(*table, strict=True)
        if names:
            attributes = expanded(list(map(by_document.__getitem__, columns.document[lo:hi])))
            rows = map(operator.add, rows, attributes)
        return joined_parts(map(",".join, rows), "\r\n")

    def rows_in_parts(lo: int, hi: int) -> Iterator[bytes]:
        """:func:`rows_of` ``lo`` to ``hi``, :data:`.parts.PART` annotations at a time, each part
        made as it is taken (never the whole table held: 68 MB at 100,000 annotations)."""
        for low in range(lo, hi, parts.PART):
            if low > lo:
                yield b"\r\n"
            yield from rows_of(low, min(low + parts.PART, hi))

    def whole() -> Iterator[bytes]:
        yield ((BOM if protect else "") + buffer.getvalue()).encode("utf-8")
        written = False
        # 100,000 annotations: the second half of the rows made by a second process while
        # this one writes the first (the places above found here, where they are kept for
        # the next export)
        halves = in_two_as_taken(len(columns), SHARE_FROM, rows_in_parts)
        for rows in chain(halves, [_uncoded_rows(columns, names, options, guard)]):
            first = True
            for part in rows:
                if first and written:
                    yield b"\r\n"
                first = False
                written = True
                yield part
        if written:
            yield b"\r\n"

    return whole()


def _uncoded_rows(
    columns: AnnotationColumns,
    names: Sequence[str],
    options: ExportOptions,
    guard: Callable[[str], str],
) -> list[bytes]:
    """A row for each document of the export with attributes and no passage in it, after
    the passages' rows, in the documents' order: its document and its attributes' cells,
    the passage's cells empty (an interview not coded yet keeps its age and date, which
    import reads back as those of a passage's row); none when codes were chosen (``--tag``:
    the passages of those codes are asked for, not the documents).  Keys as the export gate
    writes them."""
    if not names or options.sections:
        return []
    gated = {key: shown for shown, key in options.file_keys.items()}
    exported = set(columns.document)
    documents = sorted(
        (gated.get(key, export_key(key)), values)
        for key, values in options.attributes.items()
        if values
    )
    blank = [""] * (len(COLUMNS) - 2)
    rows = [
        csv_cells(
            [
                "",
                guard(shown),
                *blank,
                *(_value_cell(values[n], guard) if n in values else "" for n in names),
            ]
        )
        for shown, values in documents
        if shown not in exported
    ]
    return joined_parts(map(",".join, rows), "\r\n") if rows else []


ORPHAN = AnchorStatus.ORPHAN.value


_QUOTED = re.compile('[,"\r\n]')  # what makes the csv module quote a cell (QUOTE_MINIMAL)
_QUOTED_CHARS = (",", '"', "\r", "\n")


def csv_cells(cells: list[str]) -> list[str]:
    """``cells`` as the csv module writes them in a row (a cell holding a comma, a quote or
    a line break quoted, its quotes doubled): a pass in C, and a copy only when one needs it."""
    joined = "".join(cells)
    if not any(map(joined.__contains__, _QUOTED_CHARS)):  # most columns: a few scans in C
        return cells
    # looked at esc as it goes: the quotes of 100,000 passages, 0.5 s
    quoted = list(compress(count(), map(_QUOTED.search, checked(cells))))
    if not quoted:
        return cells
    cells = list(cells)
    for n in quoted:
        cells[n] = '"' + cells[n].replace('"', '""') + '"'
    return cells


_NO_TAG = ("",)  # the one row of an untagged annotation


def _place_columns(
    columns: AnnotationColumns, documents: Documents, places: Places
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The line, page, speaker and timestamp cells of each row (empty for an orphan or a
    document not there): a document's places as the cache keeps them taken a run of rows at
    a time (columns: no Place made), the others found a document at a time
    (:meth:`Places.run`), then each cell a column at a time."""
    keys, starts, ends, statuses = columns.document, columns.start, columns.end, columns.status
    runs = [(key, len(list(run_rows))) for key, run_rows in groupby(keys)]
    whole = None
    if ORPHAN not in statuses and all(key in documents for key, _ in runs):
        run_keys, counts = [key for key, _ in runs], [rows for _, rows in runs]
        whole = places.every_in_order(run_keys, counts, starts, ends)
    if whole is not None:  # every document's kept, in this order: the cache's columns whole
        return _place_cells(whole[0], whole[2], whole[3], whole[4], [])
    line_numbers: list[int] = []
    pages: list[str] = []
    speakers: list[str] = []
    timestamps: list[str] = []
    nowhere: list[int] = []  # the rows without a place
    lo = 0
    # Each document's rows in a run, the runs in the order given: by name, or by the
    # documents' rank (a query sorted by an attribute), not the order of their names.
    for key, rows in runs:
        check()  # a document's places
        hi = lo + rows
        there = key in documents
        kept = None
        if there and ORPHAN not in statuses[lo:hi]:
            kept = places.in_order(key, starts[lo:hi], ends[lo:hi])
        if kept is not None:  # every one known, in order
            found = (kept[0], kept[2], kept[3], kept[4])
        else:
            found = _run_places(places, key, there, lo, hi, columns, nowhere)
        line_numbers.extend(found[0])
        pages.extend(found[1])
        speakers.extend(found[2])
        timestamps.extend(found[3])
        lo = hi
    return _place_cells(line_numbers, pages, speakers, timestamps, nowhere)


def _place_cells(
    line_numbers: list[int],
    pages: list[str],
    speakers: list[str],
    timestamps: list[str],
    nowhere: list[int],
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The line, page, speaker and timestamp cells of the rows of these places, those of
    the rows ``nowhere`` empty (new lists: the places cache's own columns are never the
    cells written in)."""
    check()
    lines = list(map(str, line_numbers))
    # "p. 12" -> "12"
    pages = [page.split(" ", 1)[-1] for page in pages] if any(pages) else list(pages)
    speakers, timestamps = list(speakers), list(timestamps)
    for row in nowhere:
        lines[row] = pages[row] = speakers[row] = timestamps[row] = ""
    return lines, pages, speakers, timestamps


def _run_places(
    places: Places,
    key: str,
    there: bool,
    lo: int,
    hi: int,
    columns: AnnotationColumns,
    nowhere: list[int],
) -> tuple[list[int], list[str], list[str], list[str]]:
    """The line, page, speaker and time columns of rows ``lo`` to ``hi`` (document ``key``'s; its
    file ``there`` or not), the known ones from the cache, the others found together; a row
    without a place (an orphan, a file not there) is added to ``nowhere``."""
    starts, ends, statuses = columns.start, columns.end, columns.status
    known = places.known(key) if there else None
    spans = zip(starts[lo:hi], ends[lo:hi], strict=True)
    got = list(map(known.get, spans)) if known else [None]
    if not (None in got or ORPHAN in statuses[lo:hi]):
        run = cast(list[Place], got)  # every one known
        return (
            [place.line for place in run],
            [place.page for place in run],
            [place.speaker for place in run],
            [place.time for place in run],
        )
    if there and ORPHAN not in statuses[lo:hi]:  # every one placed: found together
        found = places.run_columns(key, starts[lo:hi], ends[lo:hi])
        return found[0], found[2], found[3], found[4]
    count = hi - lo
    lines, pages, speakers, times = [0] * count, [""] * count, [""] * count, [""] * count
    placed: list[int] = []
    for row in range(lo, hi):
        (nowhere if statuses[row] == ORPHAN or not there else placed).append(row)
    if placed:  # found together (see Places.run_columns)
        offsets = ([starts[row] for row in placed], [ends[row] for row in placed])
        found = places.run_columns(key, *offsets)
        for row, line, page, speaker, time in zip(
            placed, found[0], found[2], found[3], found[4], strict=True
        ):
            at = row - lo
            lines[at], pages[at], speakers[at], times[at] = line, page, speaker, time
    return lines, pages, speakers, times


def _value_cell(value: Value, guard: Callable[[str], str]) -> str:
    """An attribute's value as its cell: a number as it is (``-5`` is the number a spreadsheet
    reads, never a formula: guarded, it would be text), anything else through the export gate
    (a value from a spreadsheet may hold an escape sequence or a bidi override), its lines
    kept as a passage's are (a cell of two lines, as attr import reads one), and
    ``guard``."""
    if type_of(value) is ValueType.NUMBER:
        return show_value(value)
    return guard(export_block(show_value(value)))


def _as_is(cells: list[str]) -> list[str]:
    return cells


def _guarded(cells: list[str]) -> list[str]:
    """``cells`` each made :func:`inert`: passes in C over each cell's first character
    (none a formula's start in most columns), and a copy only when one needs it."""
    firsts = list(map(_FIRST, cells))
    if _FORMULA_FIRSTS.isdisjoint(firsts) and "'" not in firsts:
        return cells
    risky = list(compress(count(), map(_RISKY_FIRSTS.__contains__, firsts)))
    cells = list(cells)
    for n in risky:
        cells[n] = inert(cells[n])
    return cells
