"""The agreement box (K, then =) fits 80 columns by cutting a long code's name: two codes
below one parent must still be told apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.core.analysis.agreement import AgreementRow
from tui_reader.core.analysis.agreement_stats import BinaryTable
from tui_reader.ui.screens.agreement import CODE_WIDTH, figures_lines


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
