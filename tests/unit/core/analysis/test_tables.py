"""How a table shows a statistic: never rounded to what it is not."""

from __future__ import annotations

import pytest

from tui_reader.core.analysis.tables import statistic


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.0, "1.000"),  # perfect agreement
        (1 - 2 / 6000, ">0.999"),  # a character apart in 6,000: not perfect
        (0.9994, "0.999"),
        (0.4375, "0.438"),
        (0.0, "0.000"),
        (-1 + 1e-5, "<-0.999"),  # short of perfect disagreement
        (-1.0, "-1.000"),
    ],
)
def test_a_statistic_short_of_either_end_is_not_shown_at_it(value: float, shown: str) -> None:
    assert statistic(value) == shown
