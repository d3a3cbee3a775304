"""The text's keys (reading, selecting, annotating) typed in the library, where they mean
nothing: said where they work.  ``a`` typed in the list, back there after opening a document,
did nothing and said nothing, where a researcher meant to code what she had read.  The other
way round too: the library's and the annotations panel's own keys typed in the text (``o``
to sort the library, ``c`` to accept a passage placed again) did nothing, unsaid."""

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


# The groups of the panes' own keys beside the text, and where each works, as said of one
# typed in the text
PANE_GROUPS = {
    "library.filter": "in the library (tab goes to it; L shows it)",
    "annotations": "in the annotations panel (A goes to it)",
}


@cache
def pane_keys() -> dict[str, tuple[str, str]]:
    """What each key of the panes beside the text does and where, by its Textual name
    (``o``: "Sort: files, title, words, annotations, modified", "in the library ...")."""
    said: dict[str, tuple[str, str]] = {}
    for group, where in PANE_GROUPS.items():
        for key in keymap.keys(group):
            for name in key.keys:
                said.setdefault(name, (key.description, where))
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


def said_where_a_pane_s_key_works(widget: Widget, event: events.Key) -> bool:
    """Say where ``event``'s key works when it is one of a pane's beside the text (the
    library's, the annotations panel's) and nothing where it was typed takes it; True when
    said."""
    found = pane_keys().get(event.key)
    if found is None or event.key in widget.screen.active_bindings:
        return False
    words, where = found
    notify_info(widget, f"{keymap.key_label(event.key)}: {words}, {where}", timeout=3)
    return True
