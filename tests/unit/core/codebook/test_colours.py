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


@pytest.mark.parametrize("typed", ["nope", "ansi_red", "#ff33669", "rgb(1deg, 2, 3, 0.5)"])
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


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("rgb(10%,0,0)", "#1a0000"),  # 25.5 rounds up, as CSS rounds it
        ("rgb(100%, 50%, 0%)", "#ff8000"),
        ("rgb(255 128 0)", "#ff8000"),  # CSS's space-separated form
        ("rgb(255 128 0 / 100%)", "#ff8000"),
        ("rgba(255, 128, 0, 100%)", "#ff8000"),
        ("rgb(127.6, 0, 0)", "#800000"),
        ("rgb(300, -5, 0)", "#ff0000"),  # clamped, as CSS clamps
        ("hsl(120 100% 25%)", "#008000"),
        ("hsl(120deg, 100%, 25%)", "#008000"),
        ("hsl(0.5turn 100% 50%)", "#00ffff"),
        ("hsl(200grad, 100%, 50%)", "#00ffff"),
        ("hsl(120, 100%, 25%, 1)", "#008000"),
    ],
)
def test_css_colour_functions_are_read_as_css_reads_them(typed: str, stored: str) -> None:
    assert parse_colour(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "rgb(1, 2)",
        "rgb(1, 2, 3, 4, 5)",
        "rgb(1 2, 3)",
        "rgb(1deg, 2, 3)",
        "hsl(120, 100%)",
        "hsl(120%, 100%, 50%)",
        "rgb()",
    ],
)
def test_css_colour_functions_that_are_no_opaque_colour_are_refused(typed: str) -> None:
    with pytest.raises(TuiReaderError, match="is not a colour"):
        parse_colour(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "#FF336699",  # CSS's #rrggbbaa: a see-through #ff3366
        "#f369",
        "#336699fe",
        "rgba(1,2,3,0.5)",
        "rgb(255 128 0 / 50%)",
        "rgba(255, 128, 0, 50%)",
        "hsla(120, 100%, 25%, 0)",
    ],
)
def test_a_see_through_colour_is_refused_as_see_through_not_as_no_colour(typed: str) -> None:
    with pytest.raises(TuiReaderError, match=r"see-through colour.*must be opaque") as refused:
        parse_colour(typed)
    assert "is not a colour" not in str(refused.value)


@pytest.mark.parametrize(
    ("given", "css", "alpha_first"),
    [
        ("#FF336699", None, "#336699"),  # .NET's opaque #336699; to CSS a see-through #ff3366
        ("#336699ff", "#336699", "#336699"),  # opaque only read as CSS reads it
        ("#ffff0000", None, "#ff0000"),  # both ends ff: the alpha first, as the format says
        ("#80ff0000", None, None),  # see-through either way
        ("#336699", "#336699", "#336699"),
    ],
)
def test_eight_digits_are_read_with_the_alpha_where_the_format_puts_it(
    given: str, css: str | None, alpha_first: str | None
) -> None:
    assert colour_hex(given) == css
    assert colour_hex(given, alpha_first=True) == alpha_first
