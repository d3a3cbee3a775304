"""A report laid out for the screen: texts, widths, and shading against the largest value."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.core.analysis.report_grid import MISSING, report_grid, started
from tui_reader.core.analysis.tables import render_table


def test_frequencies_shade_each_column_against_its_own_largest() -> None:
    rows = [
        {"tag": "a", "passages": 2, "coverage": 0.5},
        {"tag": "b", "passages": 4, "coverage": 0.25},
    ]
    grid = report_grid(rows, shaded=("passages", "coverage"))
    assert grid.columns == ["tag", "passages", "coverage"]
    assert grid.cells == [["a", "2", "50.0%"], ["b", "4", "25.0%"]]
    assert grid.shades == [[0.0, 0.5, 1.0], [0.0, 1.0, 0.5]]
    assert grid.widths == [3, 8, 8]  # "passages", "coverage": the headings are the widest


def test_a_matrix_shades_against_the_largest_cell_of_the_table_and_zero_not_at_all() -> None:
    rows = [{"tag": "a", "x": 1, "y": 0}, {"tag": "b", "x": 4, "y": 2}]
    grid = report_grid(rows, heading=lambda column: column.upper())
    assert grid.headings == ["TAG", "X", "Y"]
    assert grid.shades == [[0.0, 0.25, 0.0], [0.0, 1.0, 0.5]]


def test_co_occurrence_columns_follow_the_rows_and_a_code_s_own_cell_is_missing() -> None:
    rows = [{"tag": "b", "a": 1}, {"tag": "a", "b": 1}]
    grid = report_grid(rows, code_by_code=True)
    assert grid.columns == ["tag", "b", "a"]
    assert grid.cells == [["b", MISSING, "1"], ["a", "1", MISSING]]
    assert grid.shades[0][1] is None and grid.shades[1][2] is None


def test_a_code_named_with_controls_is_shown_harmless_and_wide_characters_are_measured() -> None:
    rows = [{"tag": "x\x1b]0;pwned\x07", "国家": 3}]
    grid = report_grid(rows)
    assert "\x1b" not in grid.cells[0][0] and "\x07" not in grid.cells[0][0]
    assert grid.widths[1] == 4  # two wide characters take four cells


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("xyz"), st.integers(0, 50)), max_size=6))
def test_every_shade_is_between_nothing_and_the_largest(counts: list[dict[str, int]]) -> None:
    rows = [{"tag": f"t{i}", **row} for i, row in enumerate(counts)]
    grid = report_grid(rows)
    assert len(grid.cells) == len(rows)
    for row, shades in zip(rows, grid.shades, strict=True):
        for column, shade in zip(grid.columns[1:], shades[1:], strict=True):
            if column not in row:
                assert shade is None
            else:
                assert shade is not None and 0.0 <= shade <= 1.0
                assert (shade > 0) == (row[column] > 0)
    values = [v for row in counts for v in row.values()]
    if values and max(values) > 0:
        assert max(s for shades in grid.shades for s in shades[1:] if s is not None) == 1.0


def test_a_long_code_or_document_name_is_cut_in_the_middle_so_the_numbers_stay_in_view() -> None:
    """A code named at length (or a document's long file name as a matrix heading) made its
    column as wide as the name: on a 120-column screen the reports showed the codes and not
    one number."""
    code = "themes/migration/" + "a-very-long-code-name-" * 6 + "leaf"
    document = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    grid = report_grid([{"tag": code, document: 3}, {"tag": "short", document: 1}])
    assert grid.widths == [40, 40]  # WIDEST
    tag, value = grid.cells[0]
    assert tag.startswith("themes/migration/") and tag.endswith("…" + code[-13:])
    assert grid.cells[1] == ["short", "1"] and value == "3"
    # the heading whole: the table breaks it into lines and cuts what its last cannot hold
    assert grid.headings[1] == document
    wide = report_grid([{"tag": "国" * 50, "n": 1}])
    assert cell_len(wide.cells[0][0]) <= 40


def test_a_coverage_is_never_rounded_to_none_or_to_the_whole() -> None:
    """A code on 40 characters of a corpus of 50 million showed 0.0% coverage, as if it
    covered nothing; one short of the whole, 100.0%."""
    rows = [
        {"tag": "rare", "coverage": 8e-07},
        {"tag": "all", "coverage": 0.99996},
        {"tag": "half", "coverage": 0.5},
        {"tag": "none", "coverage": 0.0},
        {"tag": "whole", "coverage": 1.0},
    ]
    cells = [row[1] for row in report_grid(rows, shaded=("coverage",)).cells]
    assert cells == ["<0.1%", ">99.9%", "50.0%", "0.0%", "100.0%"]
    table = render_table(rows, "table")
    assert "<0.1%" in table and ">99.9%" in table


def test_file_headings_name_each_file_by_as_many_folders_as_tell_it_apart() -> None:
    from tui_reader.core.analysis.report_grid import file_headings

    keys = ["c/2019/i.txt", "c/2020/i.txt", "c/a/2019/i.txt", "i.txt", "c/j.txt", "tag"]
    assert file_headings(keys) == {
        "c/2019/i.txt": "c/2019/i.txt",
        "c/2020/i.txt": "2020/i.txt",
        "c/a/2019/i.txt": "a/2019/i.txt",
        "i.txt": "i.txt",
        "c/j.txt": "j.txt",
        "tag": "tag",
    }
    assert file_headings([]) == {}


def test_started_keeps_a_text_s_start_cut_after_a_whole_word_where_one_fits() -> None:
    assert started("characters", 20) == "characters"
    assert started("characters", 8) == "charact…"
    assert started("two words here", 12) == "two words…"
    assert started("characters", 1) == "…"
    assert started("日本語の見出し", 6) == "日本…"


def test_started_keeps_a_code_path_s_last_level_its_middle_left_out() -> None:
    """At the right edge the cooccurrence's heading theme0/sub8 read "theme0/…": every
    heading of the codes under theme0 alike, the level that tells them apart hidden.  A
    path keeps its last level whole where it fits, its middle left out."""
    assert started("theme0/sub8", 9) == "the…/sub8"
    assert started("theme0/sub8", 6) == "…/sub8"
    assert started("theme0/middle/sub8", 12) == "theme0…/sub8"
    assert started("a/b/c", 5) == "a/b/c"
    assert started("日本/見出し", 10) == "日…/見出し"
    assert started("日本/見出し", 9) == "…/見出し"
    # a last level too long to show whole: its start, as a word's
    assert started("theme0/subcategory", 9) == "theme0/…"
    # a heading's first line, ending in its slash, has no last level to keep: cut as a word
    assert started("actors/", 4) == "act…"
    assert started("migration/", 9) == "migratio…"
