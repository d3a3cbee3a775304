"""Whose coding is on show, and whom mine is compared with."""

from __future__ import annotations

from tui_reader.core.annotations.coder_view import CoderView, compare_partner


def test_partner_is_the_coder_on_show_else_who_coded_most() -> None:
    counts = {"ana": 5, "ben": 2, "cy": 7}
    assert compare_partner("ana", CoderView("ben"), counts) == "ben"
    assert compare_partner("ana", CoderView(), counts) == "cy"
    assert compare_partner("ana", CoderView("ana"), counts) == "cy"
    assert compare_partner("ana", CoderView(), {"ana": 3, "ben": 1, "al": 1}) == "al"
    assert compare_partner("ana", CoderView(), {"ana": 3}) is None


def test_views_step_through_all_mine_and_each_other() -> None:
    steps = [CoderView()]
    for _ in range(4):
        steps.append(steps[-1].following("ana", ["cy", "ana", "ben"]))
    assert [v.only for v in steps] == [None, "ana", "ben", "cy", None]
