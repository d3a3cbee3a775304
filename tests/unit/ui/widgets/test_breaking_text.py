"""A long value (a file name, a path, an address) goes on at a space or after - _ /."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui_reader.ui.widgets.breaking_text import (
    PATH_BREAKS,
    BreakingText,
    HangingText,
    broken_lines,
    parted_lines,
)

NAME = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _lines(value: str, width: int) -> list[str]:
    return [line.plain for line in broken_lines(Text(value), width)]


def test_a_name_goes_on_after_a_dash_an_underscore_or_a_slash() -> None:
    assert _lines(NAME, 55) == ["mexico-hosts-southcom-conference-to-launch-plan-", "pentagon.txt"]
    assert _lines("interviews/2019/wave_two_final.txt", 20) == [
        "interviews/2019/",
        "wave_two_final.txt",
    ]
    assert _lines("two words", 6) == ["two", "words"]


def test_broken_at_a_path_s_slashes_alone_a_file_name_stays_whole() -> None:
    said = Text("Wrote 3 to /home/ana/exports/annotations-export.csv")
    lines = [line.plain for line in broken_lines(said, 45, PATH_BREAKS)]
    assert lines == ["Wrote 3 to /home/ana/exports/", "annotations-export.csv"]
    assert [line.plain for line in broken_lines(said, 45)] == [
        "Wrote 3 to /home/ana/exports/annotations-",
        "export.csv",
    ]
    assert str(BreakingText(said, PATH_BREAKS)) == said.plain


def test_breaks_a_word_begins_with_stay_with_it() -> None:
    """An option (``--doc``) or a path's first ``/`` is not left alone at a line's end."""
    said = "as tui-reader agreement ana ben --doc plan.txt"
    assert _lines(said, 34) == ["as tui-reader agreement ana ben", "--doc plan.txt"]
    assert _lines("in /home/ana", 7) == ["in", "/home/", "ana"]


def test_a_part_wider_than_the_line_is_folded_and_lines_stay_lines() -> None:
    assert _lines("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]
    assert _lines("日本語の長い名前", 6) == ["日本語", "の長い", "名前"]
    assert _lines("a\n\nb", 5) == ["a", "", "b"]


def test_in_a_table_cell_it_breaks_at_the_cell_width() -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(min_width=12)
    table.add_column(overflow="fold")
    table.add_row("path", BreakingText(Text(NAME)))
    console = Console(width=66, record=True, color_system=None)
    console.print(table)
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert lines == ["path          mexico-hosts-southcom-conference-to-launch-plan-",
                     "              pentagon.txt"]  # fmt: skip


def test_parted_lines_break_between_parts_and_keep_each_whole() -> None:
    parts = [Text("Frequencies"), Text("4 coded passages"), Text("f m c: reports")]
    assert parted_lines(parts, 80).plain == "Frequencies · 4 coded passages · f m c: reports"
    assert parted_lines(parts, 40).plain.split("\n") == [
        "Frequencies · 4 coded passages",
        "f m c: reports",
    ]
    assert parted_lines(parts, 5).plain.split("\n") == [p.plain for p in parts]  # (Rich wraps)


def test_hanging_text_wraps_its_body_under_its_first_word() -> None:
    head = Text(" 1  2026-12-05 09:50  0 annotations  ")
    body = Text("set colour/description of militarization  [app]")
    console = Console(width=60, record=True, color_system=None)
    console.print(HangingText(head, body))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    column = len(head)
    assert lines[0].startswith(head.plain + "set colour/description")
    assert lines[1:] and all(line[:column].strip() == "" for line in lines[1:]), lines
    assert " ".join(" ".join(lines).split()) == " ".join(str(HangingText(head, body)).split())
