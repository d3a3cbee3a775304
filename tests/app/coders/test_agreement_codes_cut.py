"""The agreement box (K, then =) fits 80 columns by cutting a long code's name: two codes
below one parent must still be told apart."""

from __future__ import annotations

import pytest
from helpers.app import terminal_lines
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App
from textual.widgets import Static

from tui_reader.core.analysis.agreement import AgreementRow
from tui_reader.core.analysis.agreement_stats import BinaryTable
from tui_reader.ui.screens.agreement import CODE_WIDTH, AgreementDialog, figures_lines


def _code_cells(codes: list[str]) -> list[str]:
    rows = [AgreementRow(code, BinaryTable(1, 2, 3, 40)) for code in codes]
    return [line[:CODE_WIDTH].rstrip() for line in figures_lines(rows)[1:]]


def test_codes_below_one_parent_cut_to_fit_keep_their_own_level() -> None:
    """At 80x24 militarization/checkpoints and militarization/training both showed as
    'militarization/…', two rows of figures no one could tell apart."""
    cells = _code_cells(["militarization/checkpoints", "militarization/training", "economy"])
    assert cells == ["mil…/checkpoints", "milita…/training", "economy"]


@given(st.lists(st.sampled_from(["a", "ab", "é", "漢", "/"]), min_size=1, max_size=40))
def test_a_code_cut_to_fit_takes_the_column_and_ends_as_the_code_does(parts: list[str]) -> None:
    code = "".join(parts).strip("/") or "a"
    (cell,) = _code_cells([code])
    assert cell_len(cell) <= CODE_WIDTH
    if cell_len(code) <= CODE_WIDTH:
        assert cell == code
    else:
        assert "…" in cell
        end = cell.split("…", 1)[1]
        assert end
        assert code.endswith(end)


class _Figures(App[None]):
    def on_mount(self) -> None:
        rows = [
            AgreementRow("context/checkpoints", BinaryTable(3, 1, 2, 900)),
            AgreementRow("militarization/training", BinaryTable(5, 0, 1, 900)),
            AgreementRow(
                "a code whose name runs on and on, past any box at 120 columns",
                BinaryTable(1, 1, 1, 9),
            ),
        ]
        self.push_screen(AgreementDialog("ana", "ben", "interview.txt", rows))


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (100, 30)])
async def test_a_wide_terminal_gives_the_codes_room_in_the_agreement_box(
    size: tuple[int, int],
) -> None:
    """At 120x40 the box kept its 78 columns and cut context/checkpoints to
    'con…/checkpoints', the spare columns beside it unused.  A wider terminal widens the box
    for the codes (no wider than the screen); at 80 columns they are cut as before."""
    app = _Figures()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        lines = str(dialog.query_one("#agreement-figures", Static).render()).splitlines()
        codes = [line[: line.index("  ")] for line in lines[1:]]
        box = dialog.query_one(".dialog-box")
        assert box.region.x >= 0 and box.region.right <= size[0]
        assert max(cell_len(line) for line in lines) <= box.content_region.width - 1
        if size[0] >= 120:
            assert codes[:2] == ["context/checkpoints", "militarization/training"]
            assert "…" in codes[2]
        elif size[0] == 80:
            assert codes[:2] == ["con…/checkpoints", "milita…/training"]
        else:
            assert codes[0] == "context/checkpoints"


async def test_the_agreement_box_made_wider_while_open_gives_the_codes_their_room() -> None:
    app = _Figures()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        figures = dialog.query_one("#agreement-figures", Static)
        assert "con…/checkpoints" in str(figures.render())
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        lines = str(figures.render()).splitlines()
        assert lines[1].startswith("context/checkpoints ")
        box = dialog.query_one(".dialog-box")
        assert max(cell_len(line) for line in lines) <= box.content_region.width - 1
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "con…/checkpoints" in str(figures.render())
        assert box.region.right <= 80


async def test_a_narrow_terminal_has_each_code_s_figures_on_one_line() -> None:
    """At 60x20 the figures were laid out for 80 columns: each code's line of 71 cells ran
    on a second line in the box, its L only and R only under the code.  They fit the box."""
    app = _Figures()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        lines = str(dialog.query_one("#agreement-figures", Static).render()).splitlines()
        box = dialog.query_one(".dialog-box")
        assert box.region.x >= 0 and box.region.right <= 60
        assert max(cell_len(line) for line in lines) <= box.content_region.width - 1, lines
        assert lines[0].split() == [
            "code",
            "units",
            "agreed",
            "kappa",
            "alpha",
            "L",
            "only",
            "R",
            "only",
        ]


LONG_NAME = "us-mexico-border-security-and-militarization-plan-pentagon.txt"


class _LongName(App[None]):
    def on_mount(self) -> None:
        rows = [AgreementRow("context/checkpoints", BinaryTable(3, 1, 2, 900))]
        self.push_screen(AgreementDialog("ana", "ben", LONG_NAME, rows, coded=(True, False)))


def _box_words(app: App[None], widget: Static) -> str:
    """``widget``'s lines on the terminal, a line ending in ``-`` going on in the next one
    as one word, another's end and the next one's start two words."""
    region = widget.content_region
    rows = terminal_lines(app)[region.y : region.bottom]
    lines = [row[region.x : region.right].rstrip() for row in rows]
    joined = lines[0]
    for line in lines[1:]:
        joined += line if joined.endswith("-") else " " + line
    return joined


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_a_long_document_name_in_the_agreement_box_goes_on_after_a_dash(
    size: tuple[int, int],
) -> None:
    """At 60x20 the box's words broke a document's name in a word: "...-plan-pen" above
    "tagon.txt", the command's --doc likewise.  It goes on after a dash."""
    app = _LongName()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        for name in ("#agreement-said", "#agreement-uncoded"):
            widget = dialog.query_one(name, Static)
            said = str(widget.content)
            assert LONG_NAME in said
            assert _box_words(app, widget) == said


def test_the_row_over_every_code_is_named_whole_where_the_figures_leave_room() -> None:
    """At 60x20 the agreement box named its last row "(all…es)": the code's column was held to
    8 cells while the figures' columns were padded to their widths at 80 columns.  The code's
    column takes what the figures leave first (up to its width at 80 columns); the lines
    still fit the room."""
    rows = [
        AgreementRow("deportation", BinaryTable(1, 2, 3, 40)),
        AgreementRow(None, BinaryTable(0, 0, 0, 0)),
    ]
    room = 60 * 95 // 100 - 7  # the box's room at 60 columns
    lines = figures_lines(rows, room)
    assert [line.split()[0] for line in lines[1:3]] == ["deportation", "(all"], lines
    assert "(all codes)" in lines[2], lines
    assert max(cell_len(line) for line in lines) <= room, lines
    # at 80 columns the code's column is as wide as before
    assert figures_lines(rows)[1].startswith("deportation" + " " * (CODE_WIDTH - 11) + " ")


async def test_a_code_cut_to_a_few_cells_keeps_the_end_of_its_own_level() -> None:
    """At 60x20 the box's code column has 8 to 11 cells: context/checkpoints read
    "cont…nts" or "conte…oints", the parent's start and the leaf's last letters, neither a
    word.  It keeps the end of its own level ("…heckpoints")."""
    app = _Figures()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = str(app.screen.query_one("#agreement-figures", Static).render()).splitlines()
        codes = [line.split()[0] for line in lines[1:3]]
        assert codes == ["…heckpoints", "m…/training"], lines


def test_a_code_cut_keeps_its_own_level_s_end() -> None:
    from tui_reader.ui.screens.agreement import _cut as cut

    assert cut("militarization/checkpoints", 16) == "mil…/checkpoints"
    assert cut("context/checkpoints", 8) == "…kpoints"
    assert cut("a very long code without a parent", 8) == "a ve…ent"
