"""A note's text as its editor shows it, and the text saved back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.display import shown_block
from tui_reader.core.editable import as_edited, editable

# Letters, line breaks, controls of every kind, their pictures and U+FFFD as characters.
CHARACTERS = st.sampled_from(
    [*"ab \n\t\x00\x07\x1b\x7f\x85\x9b\u202e\u2066\u200e\ufffd␛␇␀␡", "\ud800"]
)
TEXTS = st.text(CHARACTERS, max_size=30)


def test_the_editor_shows_a_control_as_the_panels_do_one_character_for_one() -> None:
    note = "x\x1b]0;pwn\x07 \u202ey\x9b\x7f"
    assert editable(note) == "x␛]0;pwn␇ �y�␡" == shown_block(note)
    assert editable("plain\ttext\n") == "plain\ttext\n"


@given(TEXTS)
def test_a_note_unchanged_is_saved_as_it_was(note: str) -> None:
    shown = editable(note)
    assert len(shown) == len(note)
    assert as_edited(note, shown) == note


# Controls each shown as a picture of its own (no U+FFFD, no picture as a character).
TOLD_APART = st.text(st.sampled_from(list("ab \n\t\x00\x07\x1b\x7f\x85\u200e")), max_size=30)
TYPED = st.text(st.sampled_from(list("xy \n")), max_size=5)


@given(TOLD_APART, st.data())
def test_what_is_typed_in_one_place_is_saved_between_the_note_s_own_characters(
    note: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(note)))
    end = data.draw(st.integers(start, len(note)))
    typed = data.draw(TYPED)
    shown = editable(note)
    saved = as_edited(note, shown[:start] + typed + shown[end:])
    assert saved == note[:start] + typed + note[end:]


@given(TEXTS, st.data())
def test_what_is_saved_shows_as_what_the_editor_held(note: str, data: st.DataObject) -> None:
    # Two characters shown alike (two kinds of control as U+FFFD, a picture and its
    # control) cannot be told apart by where they were deleted: what is saved shows as
    # what the user saw, and a character nobody touched keeps its place.
    shown = editable(note)
    edited = shown
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(edited)))
        end = data.draw(st.integers(start, len(edited)))
        edited = edited[:start] + data.draw(TYPED) + edited[end:]
    assert editable(as_edited(note, edited)) == edited


def test_a_picture_the_note_holds_itself_stays_a_picture() -> None:
    note = "a ␛ and an escape \x1b"
    assert as_edited(note, "new " + editable(note)) == "new " + note
    # Without one of its own, a picture in what was changed is the control it shows.
    assert as_edited("\x1bx", "␛y") == "\x1by"


def test_a_replacement_character_is_the_one_the_note_held_where_as_many_are_left() -> None:
    note = "\u202eright\x9b middle \u2066"
    shown = editable(note)
    assert as_edited(note, "X" + shown + "Y") == "X" + note + "Y"  # both ends changed
    assert as_edited(note, "X" + shown.replace(" middle ", "") + "Y") == (
        "X" + note.replace(" middle ", "") + "Y"
    )
    # One of them deleted between two changes: which one is not known; the others kept as shown.
    assert as_edited(note, "X" + shown.replace("\x9b", "").replace("�", "", 1) + "Y").count(
        "\ufffd"
    ) in (0, 2)
