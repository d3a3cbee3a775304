"""Agreement statistics: percent agreement, Cohen's kappa, Krippendorff's alpha (nominal).

Written here with numpy rather than taken from the ``krippendorff`` package, whose GPL licence
does not fit ours.  The formulas are Cohen (1960) and Krippendorff, "Computing Krippendorff's
Alpha-Reliability" (2011): alpha = 1 - D_o / D_e over the coincidence matrix of the values
pairable within each unit (units coded by fewer than two coders drop out).  A statistic the
data leave undefined (no variation: every value the same) is ``None`` with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class BinaryTable:
    """Two coders' yes/no decisions over the same units, counted: a 2x2 table."""

    both: int = 0  # units both coders coded
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    def __add__(self, other: BinaryTable) -> BinaryTable:
        return BinaryTable(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )

    @property
    def units(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def agreement(self) -> float | None:
        """The fraction of units the coders decided alike (None with no units)."""
        return (self.both + self.neither) / self.units if self.units else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa, or None when chance agreement is 1 (see :attr:`undefined_because`)."""
        # (p_o - p_e) / (1 - p_e) with the n^2 cleared: whole numbers until the one division,
        # so a kappa of 0 or 1 is exactly that, never -3e-16 (shown as -0.000).
        both, only_a, only_b, neither = self.both, self.only_a, self.only_b, self.neither
        chance = (both + only_a) * (only_a + neither) + (both + only_b) * (only_b + neither)
        if not chance:  # no units, or p_e = 1
            return None
        return 2 * (both * neither - only_a * only_b) / chance

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha (nominal), or None when every value is the same."""
        # 1 - (n - 1) * D_o / D_e over the 2x2 coincidences, in whole numbers until the one
        # division (as kappa): n values, n_0 "no" and n_1 "yes", 2 * (only_a + only_b) apart.
        apart = self.only_a + self.only_b
        n = 2 * self.units
        no, yes = 2 * self.neither + apart, 2 * self.both + apart
        if not no * yes:  # every value the same
            return None
        return (no * yes - (n - 1) * apart) / (no * yes)

    @property
    def undefined_because(self) -> str:
        """Why kappa and alpha are undefined (``""`` when they are not)."""
        if not self.units:
            return "no units"
        if self.both + self.only_a + self.only_b == 0:
            return "no variation: neither coder used the code here"
        if self.neither + self.only_a + self.only_b == 0:
            return "no variation: both coders coded every unit"
        return ""


def cohen_kappa(table: ArrayLike) -> float | None:
    """Cohen's kappa of a square contingency table (rows: coder A's category, columns: B's);
    None when chance agreement is 1."""
    counts = np.asarray(table, dtype=np.float64)
    total = counts.sum()
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or total <= 0:
        raise ValueError("a square table of counts with at least one unit is needed")
    observed = np.trace(counts) / total
    expected = float(counts.sum(axis=1) @ counts.sum(axis=0)) / total**2
    if expected >= 1:
        return None
    return float((observed - expected) / (1 - expected))


def nominal_alpha(reliability: ArrayLike) -> float | None:
    """Krippendorff's alpha for nominal data: ``reliability`` is coders x units, NaN where a
    coder gave no value.  None when the pairable values show no variation."""
    data = np.asarray(reliability, dtype=np.float64)
    if data.ndim != 2:
        raise ValueError("reliability data are coders x units")
    values = np.unique(data[~np.isnan(data)])
    # counts[u, c]: how many coders gave unit u the value c
    counts = np.stack([(data == v).sum(axis=0) for v in values], axis=1).astype(np.float64)
    pairable = counts.sum(axis=1)
    counts = counts[pairable >= 2]
    pairable = pairable[pairable >= 2]
    if not len(counts):
        return None
    weights = 1.0 / (pairable - 1)
    coincidence = (counts * weights[:, None]).T @ counts
    coincidence -= np.diag((counts * weights[:, None]).sum(axis=0))
    return alpha_from_coincidences(coincidence)


def alpha_from_coincidences(coincidence: np.ndarray) -> float | None:
    """Nominal alpha from a coincidence matrix (values x values); None without variation."""
    marginals = coincidence.sum(axis=1)
    n = marginals.sum()
    if n <= 1:
        return None
    disagreeing = coincidence.sum() - np.trace(coincidence)
    expected = (n * n - float(marginals @ marginals)) / (n - 1)
    if expected <= 0:
        return None
    return float(1.0 - disagreeing / expected)
