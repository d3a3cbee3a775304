"""The one colour parser: what the tag dialog and ``tags set --color`` store, what the
highlights and exports read."""

from __future__ import annotations

import pytest

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.colours import colour_hex, parse_colour
from tui_reader.core.errors import TuiReaderError
from tui_reader.reading.highlights import TagPalette


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


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("bright_red", "#ff0000"),  # Rich names, stored before colours were checked
        ("plum1", "#ffafff"),
        ("hsl(120, 100%, 25%)", "#008000"),
        ("#AABBCCFF", "#aabbcc"),
        ("Orange", "#ffa500"),
        ("#aabbcc80", None),  # see-through: not a highlight colour
        ("default", None),
        ("", None),
    ],
)
def test_stored_values_read_as_hex_or_nothing(stored: str, read: str | None) -> None:
    assert colour_hex(stored) == read
