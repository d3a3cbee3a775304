"""Tag colours, overlap segments and caret look-ups (core/highlights.py)."""

from __future__ import annotations

import itertools

from helpers import examples
from helpers.annotations import annotation
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.reading.highlights import (
    PALETTE,
    HighlightIndex,
    TagPalette,
    contrast_ratio,
    excerpt,
    readable_on,
    segments,
)

# --- colours ---------------------------------------------------------------------------------


def test_palette_colours_are_distinct_and_readable() -> None:
    assert len(set(PALETTE)) == len(PALETTE) == 24
    for background in PALETTE:
        colour = readable_on(background)
        # WCAG AA for normal text is 4.5; every highlight must reach it on its own background.
        assert contrast_ratio(colour.background, colour.foreground) >= 4.5, background


def test_codebook_tags_get_distinct_colours_in_creation_order() -> None:
    codebook = [Tag(f"t{i}") for i in range(24)]
    palette = TagPalette(codebook)
    colours = [palette.colour(f"t{i}").background for i in range(24)]
    assert colours == list(PALETTE)


def test_own_tag_colour_wins_and_bad_colour_falls_back() -> None:
    palette = TagPalette(
        [Tag("a", color="red"), Tag("b", color="not a colour"), Tag("c", "#123456")]
    )
    assert palette.colour("a").background == "#ff0000"  # CSS red, as the tag dialog stores it
    assert palette.colour("b").background == PALETTE[1]
    assert palette.colour("c") == readable_on("#123456")
    assert palette.colour("c").foreground == "#fafafa"  # light text on a dark colour


def test_unknown_tag_colour_is_stable() -> None:
    assert TagPalette().colour("zeta") == TagPalette([Tag("x")]).colour("zeta")
    assert TagPalette().colour("zeta").background in PALETTE


def test_first_tag_decides_the_annotation_colour() -> None:
    palette = TagPalette([Tag("a"), Tag("b")])
    assert palette.annotation_colour(annotation("", 0, "q", "b", "a", end=1)) == palette.colour("b")
    untagged = palette.annotation_colour(annotation("", 0, end=1))
    assert untagged.background not in {
        palette.colour("a").background,
        palette.colour("b").background,
    }


# --- segments --------------------------------------------------------------------------------


def test_overlap_is_split_and_innermost_drawn() -> None:
    outer = annotation("", 0, "q", "a", end=10)
    inner = annotation("", 3, "q", "b", end=5)
    result = [(s.start, s.end, [a.id for a in s.annotations]) for s in segments([inner, outer])]
    assert result == [
        (0, 3, [outer.id]),
        (3, 5, [outer.id, inner.id]),
        (5, 10, [outer.id]),
    ]
    assert segments([inner, outer])[1].top == inner


def test_crossing_highlights_and_gaps() -> None:
    first = annotation("", 0, "q", "a", end=6)
    second = annotation("", 4, "q", "b", end=9)
    third = annotation("", 12, "q", "c", end=14)
    spans = [(s.start, s.end, len(s.annotations)) for s in segments([first, second, third])]
    assert spans == [(0, 4, 1), (4, 6, 2), (6, 9, 1), (12, 14, 1)]


def test_orphans_and_empty_ranges_are_not_drawn() -> None:
    orphan = annotation("", 0, "q", "a", end=5, status=AnchorStatus.ORPHAN)
    assert segments([orphan, annotation("", 7, "q", "b", end=7)]) == []


def test_styles_underline_overlaps_in_the_inner_colour() -> None:
    palette = TagPalette([Tag("a"), Tag("b")])
    runs = HighlightIndex(
        [annotation("", 0, "q", "a", end=10), annotation("", 2, "q", "b", end=4)]
    ).styles(palette)
    assert [(s, e) for s, e, _ in runs] == [(0, 2), (2, 4), (4, 10)]
    assert runs[0][2] == palette.colour("a").style
    overlap = runs[1][2]
    assert overlap.bgcolor == palette.colour("b").style.bgcolor
    assert overlap.underline and overlap.bold
    assert isinstance(overlap, Style)


ranges = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@settings(max_examples=examples(150), deadline=None)
@given(ranges)
def test_segments_cover_exactly_the_highlighted_offsets(spans: list[tuple[int, int]]) -> None:
    annotations = [annotation(str(i), s, end=e) for i, (s, e) in enumerate(spans)]
    result = segments(annotations)
    # sorted, non-empty, non-overlapping
    for segment in result:
        assert segment.start < segment.end
    for before, after in itertools.pairwise(result):
        assert before.end <= after.start
    # every offset's covering set is exactly the annotations containing it
    for offset in range(0, 95):
        expected = {a.id for a in annotations if a.start <= offset < a.end}
        found = [s for s in result if s.start <= offset < s.end]
        if expected:
            assert len(found) == 1
            assert {a.id for a in found[0].annotations} == expected
            inner = HighlightIndex(annotations).at(offset)
            assert inner is not None and inner.id == found[0].top.id
        else:
            assert found == []
            assert HighlightIndex(annotations).at(offset) is None


@settings(max_examples=examples(100), deadline=None)
@given(ranges, st.integers(0, 95))
def test_next_and_previous_are_nearest_starts(spans: list[tuple[int, int]], caret: int) -> None:
    annotations = [annotation(str(i), s, end=e) for i, (s, e) in enumerate(spans)]
    after = [a.start for a in annotations if a.start > caret]
    before = [a.start for a in annotations if a.start < caret]
    found_next = HighlightIndex(annotations).after(caret)
    found_prev = HighlightIndex(annotations).before(caret)
    assert (found_next.start if found_next else None) == (min(after) if after else None)
    assert (found_prev.start if found_prev else None) == (max(before) if before else None)


@settings(max_examples=examples(150), deadline=None)
@given(ranges, st.lists(st.integers(0, 95), max_size=6), st.sets(st.integers(0, 11)))
def test_stepping_goes_to_each_annotation_shown_once_in_order(
    spans: list[tuple[int, int]], cuts: list[int], hidden: set[int]
) -> None:
    """] and [ from one annotation to the next go to each one shown once, in the order of
    the index, however many share a place (starting together, or shown from one line), and
    say whether they stepped over one not shown; never round, never on the spot."""
    annotations = [annotation(str(i), s, end=e) for i, (s, e) in enumerate(spans)]
    index = HighlightIndex(annotations)
    places = sorted({*cuts, 100})

    def place(a: Annotation) -> int | None:  # each start taken to the next cut: shared places
        return None if int(a.id) in hidden else min(c for c in places if c >= a.start)

    shown = [a.id for a in index.placed if place(a) is not None]
    for forward in (True, False):
        caret, on, visited, passed = (-1 if forward else 10**6), None, [], False
        while True:
            found, passed = index.step(caret, on, forward=forward, place=place)
            if found is None:
                break
            assert len(visited) <= len(shown)
            visited.append(found.id)
            caret, on = place(found), found  # type: ignore[assignment]
        assert visited == (shown if forward else shown[::-1])
        last = index.placed.index(on) if on is not None else (-1 if forward else len(spans))
        beyond = index.placed[last + 1 :] if forward else index.placed[: max(last, 0)]
        assert passed == any(place(a) is None for a in beyond)


@settings(max_examples=examples(150), deadline=None)
@given(ranges, st.integers(0, 95))
def test_stepping_from_a_place_reached_by_other_keys_goes_to_every_one_there(
    spans: list[tuple[int, int]], caret: int
) -> None:
    """The caret put by other keys (g, a motion) where several passages start, the innermost
    shown: ] went past the longer ones starting there (reached by [ alone).  It goes to each
    of them, then the innermost again, then on; where one starts alone, on beyond it."""
    annotations = [annotation(str(i), s, end=e) for i, (s, e) in enumerate(spans)]
    index = HighlightIndex(annotations)
    on, taken, at, visited = index.at(caret), False, caret, []
    while True:
        found, _ = index.step(at, on, forward=True, taken=taken)
        if found is None:
            break
        visited.append(found.id)
        at, on, taken = found.start, found, True
    together = [a.id for a in index.placed if a.start == caret]
    beyond = [a.id for a in index.placed if a.start > caret]
    assert visited == (together if len(together) > 1 else []) + beyond


def test_from_the_top_the_longer_passage_starting_with_the_text_is_stepped_to() -> None:
    long, short, later = (
        annotation("long", 0, end=200),
        annotation("short", 0, end=10),
        (annotation("later", 7, end=210)),
    )
    index = HighlightIndex([long, short, later])
    assert index.at(0) == short  # shown at the top
    found, _ = index.step(0, short, forward=True, taken=False)
    assert found == long
    found, _ = index.step(0, long, forward=True)
    assert found == short
    found, _ = index.step(0, short, forward=True)
    assert found == later


def test_excerpt_keeps_both_ends() -> None:
    assert excerpt("a  b\n c", 10) == "a b c"
    cut = excerpt("The quick brown fox jumps over the lazy dog", 20)
    assert len(cut) <= 20 and cut.startswith("The quick") and cut.endswith("dog") and "…" in cut


@given(st.text(max_size=80), st.integers(0, 40))
@settings(max_examples=examples(100), deadline=None)
def test_excerpt_never_exceeds_width(text: str, width: int) -> None:
    assert len(excerpt(text, width)) <= max(width, 0)


def test_an_excerpt_never_cuts_a_character_in_half() -> None:
    # A quote cut to fit a notice or the delete question kept half of a family emoji (two of
    # its three people), a flag's first letter (a boxed F) or an e without its accent.
    from tui_reader.core.documents.units import next_character

    family = "👨\u200d👩\u200d👧"
    for text in (
        "ab " + family * 20 + " cd",
        "🇫🇷🇩🇪" * 30,
        "e\u0301" * 50,
        "x" + "👍🏽" * 40,
    ):
        starts = {0, len(text)}
        at = 0
        while at < len(text):
            at = next_character(text, at)
            starts.add(at)
        for width in range(2, 40):
            cut = excerpt(text, width)
            head, tail = cut.split("…")
            assert len(cut) <= width
            assert len(head) in starts, (text[:6], width, cut)
            assert len(text) - len(tail) in starts, (text[:6], width, cut)
