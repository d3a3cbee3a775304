"""A widget shown or hidden, and left as it is when it is so already.

Textual takes any display set as a change: a widget the stylesheet shows, set shown, takes
the display into its own style, is drawn again whole and has the whole screen laid out
again.  The width fit of the main screen set the reading pane shown so at every start, the
footer each of its keys, the codebook its list of passages as it opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget


def show(widget: Widget, shown: bool = True) -> None:
    """Show ``widget`` (``shown`` False: hide it), unless it is so already."""
    if widget.display != shown:
        widget.display = shown
