"""The rows of a CSV file a user gives: one cut off inside a quoted cell (a download or a
copy broken off) was read without a word, the rest of the file that cell's text; it is said,
naming the line the cell opens on. Quotes doubled in a cell, and a quote written in a cell
unquoted, are read as before."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.csv_rows import csv_rows, header_delimiter
from tui_reader.core.errors import ImportFormatError


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('doc,country\nmx-1.txt,"Mexico\nus-1.txt,USA\n', 2),
        ('doc,note\na.txt,"he said ""no"" twice"\nb.txt,"cut off here', 3),
        ('doc,note\na.txt,"two\nlines"\nb.txt,"cut', 4),
    ],
)
def test_a_file_ending_inside_a_quoted_cell_is_said_to_be_cut_off(text: str, line: int) -> None:
    with pytest.raises(ImportFormatError) as said:
        csv_rows(text, "cases.csv")
    assert str(said.value) == (
        f"cases.csv: ends inside a quoted cell opened on line {line} (was the file cut off?); "
        "nothing was read from it"
    )


def test_quotes_in_cells_are_read_as_before() -> None:
    assert csv_rows('doc,size\na.txt,5 "inch\nb.txt,"a ""b"""\n', "f.csv") == [
        ["doc", "size"],
        ["a.txt", '5 "inch'],
        ["b.txt", 'a "b"'],
    ]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=4), max_size=6))
def test_any_table_the_csv_module_writes_is_read_back(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    assert csv_rows(text, "f.csv") == list(csv.reader(io.StringIO(text)))


def test_the_separator_is_told_by_the_first_line_s_start_however_long_the_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The Sniffer's search for a quoted cell takes the square of the line's length or more:
    # a first line of 217 KB held `attr import` 40 s, one of a few MB for hours.  A sample
    # longer than a header's is refused here before it is searched.
    sniff = csv.Sniffer.sniff

    def bounded(self: csv.Sniffer, sample: str, delimiters: str | None = None) -> type[csv.Dialect]:
        assert len(sample) <= 2048, f"{len(sample):,} characters sniffed"
        return sniff(self, sample, delimiters)

    monkeypatch.setattr(csv.Sniffer, "sniff", bounded)
    long_header = ";".join(f'"question {n}, in full"' for n in range(50_000))
    assert header_delimiter(long_header + "\n1;2\n") == ";"
    assert header_delimiter(', "x' * 300_000) == ","
    assert header_delimiter("doc\tcountry\r" + "a" * 100_000) == "\t"
    assert header_delimiter("doc,country\nmx-1.txt,Mexico\n") == ","
