"""Agreement statistics against published worked examples and a case computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement_stats import BinaryTable, cohen_kappa, nominal_alpha

N = math.nan


def test_krippendorffs_nominal_example_with_missing_data() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    # observers, twelve units, values 1-5, some missing; nominal alpha = 0.743.
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
    assert nominal_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_krippendorffs_three_coder_example() -> None:
    # Krippendorff, Content Analysis (2004), the 3 coders x 15 units reliability data: 0.691.
    data = [
        [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
        [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
        [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
    ]
    assert nominal_alpha(data) == pytest.approx(0.691, abs=5e-4)


@pytest.mark.parametrize(
    ("table", "kappa"),
    [
        ([[20, 5], [10, 15]], 0.4),  # the textbook two-reader yes/no example (50 proposals)
        ([[45, 15], [25, 15]], 0.1304),
        ([[25, 35], [5, 35]], 0.2593),
    ],
)
def test_cohens_kappa_textbook_tables(table: list[list[int]], kappa: float) -> None:
    assert cohen_kappa(table) == pytest.approx(kappa, abs=5e-5)
    (yes_yes, yes_no), (no_yes, no_no) = table
    assert BinaryTable(yes_yes, yes_no, no_yes, no_no).kappa == pytest.approx(kappa, abs=5e-5)


def test_a_case_computed_by_hand() -> None:
    # Ten characters; A codes 0-4, B codes 2-6: both 3, A only 2, B only 2, neither 3.
    # p_o = 6/10; p_e = .5 * .5 + .5 * .5 = .5; kappa = (.6 - .5) / .5 = 0.2.
    # Coincidences: o_11 = 6, o_00 = 6, o_01 = o_10 = 4; n = 20, n_0 = n_1 = 10;
    # alpha = 1 - (n - 1) * (o_01 + o_10) / 2 / (n_0 * n_1) = 1 - 19 * 4 / 100 = 0.24.
    table = BinaryTable(both=3, only_a=2, only_b=2, neither=3)
    assert table.units == 10
    assert table.agreement == pytest.approx(0.6)
    assert table.kappa == pytest.approx(0.2)
    assert table.alpha == pytest.approx(0.24)


def test_a_coder_who_never_used_the_code_gives_a_kappa_of_exactly_zero() -> None:
    # B alone used it on 4 of 12 units: p_o = 8/12 = p_e, so kappa = 0 (never -0.000 or
    # -3.3e-16, as the difference of two rounded fractions came out).
    for table in (BinaryTable(only_b=4, neither=8), BinaryTable(only_a=1, neither=11)):
        assert table.kappa == 0.0
        assert math.copysign(1.0, table.kappa) == 1.0
    assert BinaryTable(both=5, neither=7).kappa == 1.0
    # Alpha the same way: n = 24, n_0 = 23, n_1 = 1, 2 values apart: 1 - 23 * 2 / 2 / 23 = 0.
    alpha = BinaryTable(only_a=1, neither=11).alpha
    assert alpha == 0.0 and math.copysign(1.0, alpha) == 1.0
    assert BinaryTable(both=5, neither=7).alpha == 1.0


def test_no_variation_leaves_kappa_and_alpha_undefined_with_a_reason() -> None:
    unused = BinaryTable(neither=40)
    assert unused.agreement == 1.0 and unused.kappa is None and unused.alpha is None
    assert "neither coder used" in unused.undefined_because
    everything = BinaryTable(both=7)
    assert everything.kappa is None and "every unit" in everything.undefined_because
    assert BinaryTable(both=3, neither=4).undefined_because == ""
    assert BinaryTable().agreement is None and BinaryTable().undefined_because == "no units"


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=40))
def test_the_binary_table_agrees_with_the_general_computations(
    decisions: list[tuple[bool, bool]],
) -> None:
    a = np.array([x for x, _ in decisions], dtype=float)
    b = np.array([y for _, y in decisions], dtype=float)
    table = BinaryTable(
        both=int(sum(x and y for x, y in decisions)),
        only_a=int(sum(x and not y for x, y in decisions)),
        only_b=int(sum(y and not x for x, y in decisions)),
        neither=int(sum(not x and not y for x, y in decisions)),
    )
    general = nominal_alpha([a, b])
    assert (table.alpha is None) == (general is None)
    if general is not None:
        assert table.alpha == pytest.approx(general)
    square = [[table.neither, table.only_b], [table.only_a, table.both]]
    if table.kappa is not None:
        assert cohen_kappa(square) == pytest.approx(table.kappa)
    if a.tolist() == b.tolist() and table.kappa is not None:
        assert table.kappa == pytest.approx(1.0) and table.alpha == pytest.approx(1.0)
