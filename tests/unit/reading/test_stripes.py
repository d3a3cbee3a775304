"""Coding stripes: which codes the margin shows beside a display line."""

from __future__ import annotations

from helpers.annotations import annotation

from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.reading.highlights import TagPalette
from tui_reader.reading.stripes import BAR, StripePainter, stripe_marks


def test_a_passage_that_lost_its_place_draws_no_bar() -> None:
    # A passage whose text was edited away (an orphan) keeps its old offsets: it drew a bar
    # beside whatever text now sits there, though it is highlighted nowhere.
    placed = annotation("a", 0, "first line", "theme")
    lost = annotation("b", 20, "was here", "lost", status=AnchorStatus.ORPHAN)
    fuzzy = annotation("c", 40, "moved a little", "moved", status=AnchorStatus.FUZZY)
    marks = stripe_marks([placed, lost, fuzzy], TagPalette())
    assert [mark.tag for mark in marks] == ["theme", "moved"]
    painter = StripePainter([("", marks)])
    assert painter.width == 3
    assert [cell.text for cell in painter.cells(20, 30)] == [" ", " ", " "]
    assert BAR in [cell.text for cell in painter.cells(0, 10)]
