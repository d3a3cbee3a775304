"""The last line of the display gate: no character that can drive a terminal is ever written
inside a line of text, whichever widget drew it.

Strings from outside (names, tags, notes...) pass :func:`tui_reader.core.display.shown` where
they enter a widget, which shows controls visibly.  This net sits where Textual turns a line of
styled text into terminal output (``Strip.render``) and drops any control character, escape
byte or bidi override that still got there (a widget someone adds tomorrow, Textual's own
widgets showing our data, the command palette): they take no cell, so the layout is kept.
Lone surrogates (a non-UTF-8 file name) become U+FFFD, which the terminal's encoder accepts.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from tui_reader.core.display import BIDI_CONTROLS, DIRECTION_MARKS

_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{BIDI_CONTROLS}{DIRECTION_MARKS}]")


def _clean(text: str) -> str:
    return _UNSAFE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", text)


_original_render = Strip.render


def _gated_render(self: Strip, console: Console) -> str:
    if self._render_cache is None:
        segments: list[Segment] = self._segments
        if any(_UNSAFE.search(text) for text, _, _ in segments):
            clean = Strip([Segment(_clean(t), style, control) for t, style, control in segments])
            self._render_cache = _original_render(clean, console)
    return _original_render(self, console)


def install() -> None:
    """Route every line Textual writes through the net (once per process)."""
    Strip.render = _gated_render  # type: ignore[method-assign]
