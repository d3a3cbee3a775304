"""A hit's line cut to the list's width around its hit (the terminal narrowed since the
search): the hit stays in view, the line fits, an ellipsis says where it was cut."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.ui.screens.corpus_search import fitted

LETTERS = st.sampled_from([*"ab xyz", "é", "検", "語"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(LETTERS, min_size=1, max_size=80), st.data(), st.integers(4, 90))
def test_the_line_fits_and_shows_its_hit(
    letters: list[str], data: st.DataObject, room: int
) -> None:
    context = "".join(letters)
    start = data.draw(st.integers(0, len(context) - 1))
    end = data.draw(st.integers(start + 1, len(context)))
    shown, first, last = fitted(context, start, end, room)
    assert cell_len(shown) <= room
    assert 0 <= first < last <= len(shown)
    hit = context[start:end]
    assert hit.startswith(shown[first:last])  # all of the hit, or as much as fits
    if cell_len(context) <= room:
        assert (shown, first, last) == (context, start, end)
    else:
        assert shown.startswith("…") or context.startswith(shown[:first])
        if cell_len(hit) + 2 <= room:
            assert shown[first:last] == hit


def test_a_line_cut_to_a_narrow_list_is_cut_at_words() -> None:
    """At 40 columns a hit's line ended in half a word ("…at the shelt…"): it is cut where a
    word ends, an ellipsis after it, and begun where one begins."""
    context = "families were waiting at the shelter in Tapachula for weeks before the buses"
    start = context.index("waiting")
    for room in range(12, len(context)):
        shown, first, last = fitted(context, start, start + len("waiting"), room)
        assert shown[first:last] == "waiting" and shown.endswith("…"), (room, shown)
        assert f" {shown.strip('…')} " in f" {context} ", (room, shown)  # whole words
        assert cell_len(shown) >= room - len(" Tapachula"), (room, shown)  # a word left out
    assert fitted(context, start, start + 7, 31)[0] == "families were waiting at the…"
    # a run of letters longer than any word is shown in part
    long = "see " + "x" * 40 + " and waiting here"
    at = long.index("waiting")
    shown, first, last = fitted(long, at, at + 7, 24)
    assert shown[first:last] == "waiting" and shown.startswith("…x")
