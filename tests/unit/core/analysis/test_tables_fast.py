"""A table of whole numbers (a matrix's 10,000 columns) is written in C, and writes exactly
what the cell-at-a-time writing (kept here as it was) writes, whatever the rows hold; the
matrix's rows are the rows it made before; the frequencies of Passage tuples (unpacked in the
loop) are the frequencies of any other coded passages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import pytest
from helpers import examples
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis import tables
from tui_reader.core.analysis.reports import (
    column_key,
    cooccurrence,
    frequencies,
    matrix,
    report_tags,
)
from tui_reader.core.analysis.scope_records import Passage
from tui_reader.core.analysis.tables import _is_number, cell_text, columns_of, render_table


def _table_before(rows: Sequence[dict[str, Any]]) -> str:
    """The aligned table as it was written a cell at a time."""
    columns = columns_of(rows)
    labels = [column_key(str(row.get("tag"))) for row in rows]
    if len(rows) > 1 and set(columns[1:]) == set(labels):  # code x code: in the rows' order
        columns = ["tag", *labels]
    cells = [[cell_text(c, row.get(c, "-")) for c in columns] for row in rows]
    if not columns:
        return "(no coded passages)\n"
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [
        i > 0 and all(_is_number(row[c]) for row in rows if c in row) for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)]) + "\n"


VALUE = st.one_of(
    st.integers(0, 12000), st.floats(0, 1), st.booleans(), st.text("ab|-", max_size=3)
)
COLUMN = st.sampled_from(["tag", "a.txt", "b.txt", "coverage", "x", "y"])


@st.composite
def table_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    columns = draw(st.lists(COLUMN, unique=True, max_size=5))
    whole = draw(st.booleans())  # mostly a matrix: the same columns, whole numbers
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        first = draw(st.sampled_from(["tag", "x"]) if not whole else st.just("tag"))
        row: dict[str, Any] = {first: draw(st.text("xyz/", min_size=1, max_size=4))}
        for column in columns:
            if whole:
                row[column] = draw(st.integers(0, 12000))
            elif draw(st.integers(0, 4)):
                row[column] = draw(VALUE)
        rows.append(row)
    return rows


@settings(max_examples=examples(400))
@given(table_rows())
def test_the_table_written_in_c_is_the_table_written_a_cell_at_a_time(
    rows: list[dict[str, Any]],
) -> None:
    assert render_table(rows, "table") == _table_before(rows)


def _matrix_before(passages: Sequence[Passage], columns: Sequence[str]) -> list[dict[str, Any]]:
    names = report_tags(passages)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    order = dict.fromkeys(map(column_key, columns))  # a column named "tag" apart
    for a in passages:
        order.setdefault(column_key(a.document))
        for tag in dict.fromkeys(a.tags):
            counts[tag][column_key(a.document)] += 1
    return [{"tag": tag} | {c: counts[tag][c] for c in order} for tag in names]


PASSAGE = st.builds(
    Passage,
    st.sampled_from(["a.txt", "b.txt", "tag", "tag (column)", "c.txt"]),
    st.just(0),
    st.just(1),
    st.lists(st.sampled_from(["x", "y", "x/z", "tag"]), max_size=3),
)


@settings(max_examples=examples(300))
@given(st.lists(PASSAGE, max_size=8), st.lists(st.sampled_from(["a.txt", "d.txt"]), unique=True))
def test_the_matrix_rows_are_the_rows_made_a_cell_at_a_time(
    passages: list[Passage], columns: list[str]
) -> None:
    rows = matrix(passages, columns)
    assert [list(r.items()) for r in rows] == [
        list(r.items()) for r in _matrix_before(passages, columns)
    ]
    assert all(type(r) is dict for r in rows)


class _Coded:
    """A coded passage that is not a Passage tuple (as an Annotation is not)."""

    def __init__(self, passage: Passage) -> None:
        self.document, self.start, self.end, self.tags, self.coder = passage


SPAN = st.builds(
    lambda document, start, length, tags: Passage(document, start, start + length, tags),
    st.sampled_from(["a.txt", "b.txt"]),
    st.integers(0, 30),
    st.integers(1, 10),
    st.lists(st.sampled_from(["x", "y", "x/z"]), max_size=3),
)


@settings(max_examples=examples(300))
@given(st.lists(SPAN, max_size=10), st.sampled_from([(), ("x",), ("y", "x/z")]))
def test_frequencies_of_passage_tuples_are_the_frequencies_of_coded_objects(
    passages: list[Passage], tags: tuple[str, ...]
) -> None:
    lengths = {"a.txt": 50, "b.txt": 40}
    objects: list[Any] = [_Coded(p) for p in passages]
    assert frequencies(passages, lengths, tags) == frequencies(objects, lengths, tags)


@given(table_rows(), st.booleans())
def test_the_columns_are_every_key_in_first_seen_order(
    rows: list[dict[str, Any]], reordered: bool
) -> None:
    """Rows with the same keys (a matrix's) are answered from the first row alone."""
    if reordered and rows:  # the same keys, another order: the first row's order counts
        rows = [*rows, dict(reversed(list(rows[0].items())))]
    assert columns_of(rows) == list(dict.fromkeys(k for row in rows for k in row))


@settings(max_examples=examples(100))
@given(
    st.lists(
        st.sampled_from(
            ["a", " ", "~", "…", "é", "e\u0301", "中", "😀", "\u200d", "\ufe0f", "\x00", "\x1b",
             "\x85", "\u00ad", "ｱ", "\u0301", "─", "\u2028", "👨\u200d👩"]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_a_cells_width_is_the_one_rich_measures(text: str) -> None:
    """A cell's width found with its printable ASCII counted at once is the width rich
    measures a character at a time (or whole, joined emoji and all)."""
    from rich.cells import cell_len

    from tui_reader.core.analysis.tables import _cells

    assert _cells(text) == (len(text) if text.isascii() else cell_len(text))


CODED = st.builds(
    Passage,
    st.sampled_from(["a.txt", "b.txt"]),
    st.integers(0, 6),
    st.integers(7, 9),
    st.lists(st.sampled_from(["x", "y", "x/z", "tag", "-5", "a long code"]), max_size=3),
)


@settings(max_examples=examples(300))
@given(st.lists(CODED, max_size=8))
def test_a_cooccurrence_written_in_c_is_the_one_written_a_cell_at_a_time(
    passages: list[Passage],
) -> None:
    rows = cooccurrence(passages)
    assume(len(rows) > 1)  # (one code's own column is told by code_by_code, apart)
    assert render_table(rows, "table", code_by_code=True) == _table_before(rows)


def test_a_cooccurrence_of_many_codes_makes_only_its_names_cells_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a table of 2,000 codes made 4 million cells one at a time (twice: widths, then lines)
    codes = [f"código {i:03d}" for i in range(120)]
    passages = [Passage("a.txt", i, i + 2, (code,)) for i, code in enumerate(codes)]
    rows = cooccurrence(passages)
    made = Counter[str]()

    def counted(column: str, value: Any) -> str:
        made[column] += 1
        return cell_text(column, value)

    monkeypatch.setattr(tables, "cell_text", counted)
    text = render_table(rows, "table", code_by_code=True)
    assert text.splitlines()[3].split()[2:6] == ["1", "-", "1", "0"]  # código 001 meets 000, 002
    assert made == {"tag": 2 * len(codes)}  # each row's code's name, for its width and its line


@settings(max_examples=examples(300))
@given(
    st.lists(st.sampled_from(["a.txt", "b", "tag (column)", "código.txt"]), unique=True),
    st.lists(st.text("xyz/é", min_size=1, max_size=4), max_size=4),
    st.data(),
)
def test_a_matrix_makes_each_rows_cells_once_its_widths_those_of_its_counts(
    columns: list[str], codes: list[str], data: st.DataObject
) -> None:
    """A matrix's widths are found from each column's largest and smallest count, not from
    its cells (a row of 10,000 cells was written out for its widths, then for its line):
    the same table, negative counts and counts wider than their column's name too."""
    rows: list[dict[str, Any]] = [
        {"tag": code, **{c: data.draw(st.integers(-12000, 10**12)) for c in columns}}
        for code in codes
    ]
    made = Counter[int]()
    cells_of = tables._cells_of

    def counted(row: dict[str, Any], keys: list[str]) -> list[str]:
        made[id(row)] += 1
        return cells_of(row, keys)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "_cells_of", counted)
        written = render_table(rows, "table")
    if all(map(str.isascii, codes)):  # (the table before measures a code by its length)
        assert written == _table_before(rows)
    assert sorted(made.values()) == [1] * len(rows)  # once each: its line
    if rows:  # a column as wide as its widest count or name
        dashes = written.splitlines()[1].split("  ")
        assert [len(d) for d in dashes[1:]] == [
            max(len(c), *(len(str(row[c])) for row in rows)) for c in columns
        ]
