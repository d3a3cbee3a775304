"""The colour field of the tag dialog."""

from __future__ import annotations

import pytest

from tui_reader.core.annotations.model import Tag
from tui_reader.core.errors import TuiReaderError
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui.screens.tag_dialogs import parse_colour


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("orange", "#ffa500"), (" #ABC ", "#aabbcc"), ("rgb(10,20,30)", "#0a141e"), ("", "")],
)
def test_colours_are_stored_as_hex_the_highlights_use(typed: str, stored: str) -> None:
    assert parse_colour(typed) == stored
    if stored:  # the highlight takes exactly that colour
        assert TagPalette([Tag("t", stored)]).colour("t").background == stored


@pytest.mark.parametrize("typed", ["nope", "ansi_red", "rgba(1,2,3,0.5)"])
def test_what_is_not_a_colour_is_refused(typed: str) -> None:
    with pytest.raises(TuiReaderError, match="is not a colour"):
        parse_colour(typed)
