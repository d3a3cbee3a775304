"""The reports table's column headings written on lines (:func:`heading_lines`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.core.analysis.report_grid import fitted
from tui_reader.ui.widgets.report_table import heading_lines

LONG_FILE = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_a_heading_already_fitted_is_cut_once_more_with_one_ellipsis() -> None:
    """At 80x24 the matrix headed a document's column "mexico-hosts-" over "…f…-pentagon.txt":
    the grid fits a file's name to 40 cells (an ellipsis in its middle), and the table kept
    the end of that under its start with an ellipsis of its own, a letter of the name
    between the two.  The end kept is what follows the ellipsis already there."""
    lines = heading_lines(fitted(LONG_FILE), 16, 2)
    assert lines[-1] == "…-pentagon.txt", lines
    assert all(line.count("…") <= 1 for line in lines), lines


@given(
    st.text(alphabet="abcdefgh-", min_size=41, max_size=90),
    st.integers(min_value=4, max_value=30),
    st.integers(min_value=1, max_value=3),
)
def test_every_heading_line_fits_and_holds_one_ellipsis_at_most(
    name: str, width: int, most: int
) -> None:
    lines = heading_lines(fitted(name), width, most)
    assert 1 <= len(lines) <= most
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).count("…") <= 1, lines
