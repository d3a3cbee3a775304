"""The reports' bar charts: one line per row, the bars lined up, whatever the labels hold.
A Japanese code (two cells a character) pushed its bar to a line of its own, and a file name
with a line break in it broke its row in two."""

from __future__ import annotations

from rich.cells import cell_len

from tui_reader.ui.widgets.bar_chart import bar_chart

ROWS = [
    ("Ünïcödé/日本語のコード", 1.0, "1"),
    ("docs_corpus/bad\nname.txt", 2.0, "2"),
    ("日本語のコード" * 4, 1.0, "1"),
    ("plain", 2.0, "2"),
]


def test_each_row_is_one_line_its_bar_where_the_others_start() -> None:
    lines = bar_chart("Passages per code", ROWS, 60).plain.splitlines()
    assert len(lines) == 1 + len(ROWS)
    rows = lines[1:]
    assert len({cell_len(line) for line in rows}) == 1
    starts = {cell_len(line[: line.index("█")]) for line in rows}
    assert len(starts) == 1  # the bars start in one column
    assert rows[1].startswith("docs_corpus/bad⏎name.txt")
    assert rows[2].startswith("日本語") and "…" in rows[2] and rows[2].rstrip().endswith("1")


def test_long_labels_alike_but_at_their_start_stay_apart() -> None:
    leaf = "very_long_code_name_about_militarization_of_the_southern_border"
    rows = [(f"theme{n}/{leaf}", 1.0, "1") for n in range(3)]
    lines = bar_chart("Passages per code", rows, 60).plain.splitlines()[1:]
    labels = [line.split(" ")[0] for line in lines]
    assert len(set(labels)) == 3, labels
    assert all(label.startswith(f"theme{n}/") for n, label in enumerate(labels))
