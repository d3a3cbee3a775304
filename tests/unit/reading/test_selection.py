"""Trimmed passages and selections grown by whole sentences/paragraphs (core/passages.py)."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import units as textnav
from tui_reader.reading.selection import grow_selection, selection_in_edited, trimmed, unit_at

TEXT = "First one here.  Second one!  Third?\n\nNew paragraph starts. It ends."


def test_trimmed() -> None:
    assert trimmed("  ab  ", 0, 6) == (2, 4)
    assert trimmed("   ", 0, 3) == (3, 3)


def test_a_selection_is_trimmed_of_an_accent_set_on_a_space() -> None:
    # A PDF may set an accent apart from its letter, on the space before it: a passage
    # selected from that space kept the accent, alone at its start, in its quote.
    text = "dit oui. \u0301Etait-ce vrai? \u0301 \n"
    start, end = trimmed(text, text.index(" \u0301"), len(text))
    assert text[start:end] == "Etait-ce vrai?"
    assert trimmed(text, text.index("?") + 1, len(text)) == (len(text), len(text))
    assert trimmed("\te\u0301", 0, 3) == (1, 3)  # an accent on its letter stays
    assert trimmed("\t\u0301a", 0, 3) == (1, 3)  # an accent after a tab carries none


def test_sentence_then_next_then_next() -> None:
    caret = TEXT.index("one here")
    first = grow_selection(TEXT, None, caret, textnav.sentence_range)
    assert first is not None and TEXT[first[0] : first[1]] == "First one here."
    second = grow_selection(TEXT, first, first[1], textnav.sentence_range)
    assert second is not None and TEXT[second[0] : second[1]] == "First one here.  Second one!"
    third = grow_selection(TEXT, second, second[1], textnav.sentence_range)
    assert third is not None and TEXT[third[0] : third[1]].endswith("Third?")


def test_partial_selection_snaps_to_whole_sentences() -> None:
    start, end = TEXT.index("one here"), TEXT.index("cond")
    grown = grow_selection(TEXT, (start, end), end, textnav.sentence_range)
    assert grown is not None and TEXT[grown[0] : grown[1]] == "First one here.  Second one!"


def test_paragraph_and_empty_text() -> None:
    assert unit_at(TEXT, TEXT.index("ends"), textnav.paragraph_range) == (
        TEXT.index("New"),
        len(TEXT),
    )
    assert grow_selection("", None, 0, textnav.sentence_range) is None
    assert grow_selection("   \n\n  ", None, 2, textnav.sentence_range) is None


@settings(max_examples=examples(150), deadline=None)
@given(
    st.text(alphabet="ab .!?\n", max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
    st.booleans(),
)
def test_grown_selection_contains_the_selection_and_is_trimmed(
    text: str, a: int, b: int, selecting: bool
) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    selection = trimmed(text, a, b) if selecting else None
    if selection is not None and selection[0] >= selection[1]:
        selection = None
    for unit in (textnav.sentence_range, textnav.paragraph_range):
        grown = grow_selection(text, selection, b, unit)
        if grown is None:
            continue
        start, end = grown
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        if selection is not None:
            assert start <= selection[0] and selection[1] <= end


def test_s_pressed_again_takes_the_next_sentence_after_an_accent_set_on_a_space() -> None:
    # A PDF may set an accent apart from its letter, on the space before it: pressed again,
    # s stopped at the sentence before it, the accent taken for the next sentence's start.
    text = "Il dit oui. \u0301Etait-ce vrai? Non.\n\n \u0301\n\nAutre chose."
    selection = grow_selection(text, None, 0, textnav.sentence_range)
    assert selection is not None and text[slice(*selection)] == "Il dit oui."
    selection = grow_selection(text, selection, 0, textnav.sentence_range)
    assert selection is not None and text[slice(*selection)] == "Il dit oui. \u0301Etait-ce vrai?"
    paragraph = grow_selection(text, None, 0, textnav.paragraph_range)
    paragraph = grow_selection(text, paragraph, 0, textnav.paragraph_range)
    assert paragraph is not None and text[slice(*paragraph)].endswith("Autre chose.")


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(st.sampled_from(["Word", " ", "\n\n", ".", "?", " \u0301", "e\u0301"]), max_size=30),
    st.integers(0, 200),
)
def test_pressed_again_and_again_s_and_p_reach_the_last_sentence(
    pieces: list[str], caret: int
) -> None:
    text = "".join(pieces)
    for unit in (textnav.sentence_range, textnav.paragraph_range):
        selection = None
        for _ in range(len(text) + 1):
            grown = grow_selection(text, selection, min(caret, len(text)), unit)
            if grown is None or grown == selection:
                break
            selection = grown
        if selection is not None:
            assert trimmed(text, selection[1], len(text))[0] == len(text)


def test_a_selection_is_found_again_in_the_text_of_its_file_edited() -> None:
    old = "Alpha beta gamma. Delta epsilon zeta. Eta theta."
    anchor, caret = old.index("Delta"), old.index("zeta") + 3  # "Delta epsilon zeta"
    assert selection_in_edited(old, old, anchor, caret) == (anchor, caret)
    assert selection_in_edited(old, "New. " + old, anchor, caret) == (anchor + 5, caret + 5)
    backwards = selection_in_edited(old, "New. " + old, caret, anchor)  # caret before anchor
    assert backwards == (caret + 5, anchor + 5)
    edited_after = old.replace("Eta", "ETA")
    assert selection_in_edited(old, edited_after, anchor, caret) == (anchor, caret)
    assert selection_in_edited(old, old.replace("epsilon", "EPSILON"), anchor, caret) is None
    assert selection_in_edited(old, "", anchor, caret) is None
    assert selection_in_edited(old, old[:10], len(old), len(old)) == (10, 10)


@given(
    st.text(alphabet="ab .\n", max_size=40),
    st.text(alphabet="xyz", min_size=4, max_size=12),
    st.text(alphabet="ab .\n", max_size=40),
    st.text(alphabet="ab .\n", max_size=20),
)
@settings(max_examples=examples(200))
def test_a_selection_kept_holds_the_same_characters(
    before: str, held: str, after: str, added: str
) -> None:
    # Whatever is written in front of it, a selection kept holds exactly what it held.
    old = before + held + after
    anchor, caret = len(before), len(before) + len(held) - 1
    moved = selection_in_edited(old, added + old, anchor, caret)
    assert moved is not None
    new = added + old
    assert new[moved[0] : moved[1] + 1] == held
