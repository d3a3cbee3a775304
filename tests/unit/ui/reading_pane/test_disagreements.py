"""Which disagreement of two compared coders d / D go to, and which the status line names."""

from __future__ import annotations

from tui_reader.ui.reading_pane.coders import Disagreements


def test_d_and_d_back_go_from_the_caret_either_way() -> None:
    places = Disagreements([(5, 9), (20, 30), (40, 41)])
    assert places.step(0, forward=True) == 5
    assert places.step(5, forward=True) == 20
    assert places.step(40, forward=True) is None
    assert places.step(40, forward=False) == 20
    assert places.step(5, forward=False) is None
    assert Disagreements([]).step(3, forward=True) is None


def test_two_places_starting_at_one_offset_are_each_visited_once_in_order() -> None:
    """Two places starting at one offset: d went from before them to the second (2/3) and
    then past both, so "1/3" was never shown and the first never visited."""
    places = Disagreements([(5, 9), (5, 30), (40, 41)])
    seen = []
    caret = 0
    while (start := places.step(caret, forward=True)) is not None:
        caret = start
        seen.append(places.figure(caret))
    assert seen == ["disagreement 1/3", "disagreement 2/3", "disagreement 3/3"]
    back = []
    while (start := places.step(caret, forward=False)) is not None:
        caret = start
        back.append(places.figure(caret))
    assert back == ["disagreement 2/3", "disagreement 1/3"]


def test_a_caret_put_on_a_shared_start_names_the_first_there() -> None:
    places = Disagreements([(5, 9), (5, 30)])
    assert places.figure(5) == "disagreement 1/2"
    assert places.figure(12) == "disagreement 2/2"  # past the first, inside the second
    assert places.step(5, forward=True) == 5  # from the first to the second, at one offset
    assert places.figure(5) == "disagreement 2/2"
