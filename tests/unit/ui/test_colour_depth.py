"""A terminal whose TERM says it takes 24-bit colour is drawn in it, as one saying so by
COLORTERM is; the others keep what they say."""

from __future__ import annotations

import pytest
from rich.console import Console

from tui_reader.ui.colour_depth import say_direct_colour, takes_direct_colour


@pytest.mark.parametrize(
    ("environ", "colours"),
    [
        ({"TERM": "xterm-direct"}, "truecolor"),
        ({"TERM": "kitty-direct"}, "truecolor"),
        ({"TERM": "xterm-direct256"}, "truecolor"),
        ({"TERM": "xterm-24bit"}, "truecolor"),
        ({"TERM": "xterm-256color"}, "256"),
        ({"TERM": "xterm"}, "standard"),
        ({"TERM": "direct"}, "standard"),  # no terminfo name of one
        ({"TERM": "xterm-direct", "COLORTERM": "256color"}, "standard"),  # said otherwise
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "truecolor"),
    ],
)
def test_the_colours_the_app_draws_in(environ: dict[str, str], colours: str) -> None:
    """As Textual makes its console: the colours Rich finds in the environment."""
    say_direct_colour(environ)
    console = Console(color_system="auto", force_terminal=True, _environ=environ)
    assert console.color_system == colours


def test_only_a_terminfo_name_of_direct_colour_takes_it() -> None:
    assert takes_direct_colour("foot-direct") and takes_direct_colour(" XTERM-DIRECT ")
    assert not takes_direct_colour("xterm-256color") and not takes_direct_colour("")
