"""The text's keys (reading, selecting, annotating) typed in the library, where they mean
nothing: said where they work.  ``a`` typed in the list, back there after opening a document,
did nothing and said nothing, where a researcher meant to code what she had read."""

from __future__ import annotations

from functools import cache

from textual import events
from textual.widget import Widget

from tui_reader.ui import keymap
from tui_reader.ui.notices import notify_info

# The registry's groups of the text's own keys
TEXT_GROUPS = ("reader", "annotate")


@cache
def text_keys() -> dict[str, str]:
    """What each of the text's keys does, by its Textual name (``a``: "Annotate"); the
    digits after ``1`` say their tag, as the help's one line for the nine says them all."""
    said: dict[str, str] = {}
    for group in TEXT_GROUPS:
        for key in keymap.keys(group):
            words = key.description or f"Tag with the codebook's tag {key.keys[0]}"
            for name in key.keys:
                said.setdefault(name, words.split(" (")[0])
    return said


def said_where_it_works(widget: Widget, event: events.Key) -> bool:
    """Say where ``event``'s key works when it is one of the text's and nothing where it was
    typed takes it (no binding of ``widget``'s screen, its focus chain's, the app's); True
    when said."""
    words = text_keys().get(event.key)
    if words is None or event.key in widget.screen.active_bindings:
        return False
    label = keymap.key_label(event.key)
    notify_info(widget, f"{label}: {words}, in the text (tab goes to it)", timeout=3)
    return True
