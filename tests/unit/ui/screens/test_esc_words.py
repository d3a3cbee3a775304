"""What a dialog's border says esc does is what its footer says: the agreement box's border
said "esc close" above a footer saying "esc Cancel", a kept draft's "esc close" above
"^s Save  esc Cancel", though neither box changes anything."""

from __future__ import annotations

import importlib
import pkgutil
import re

import tui_reader.ui.screens as screens
from tui_reader.ui.screens.dialog import Dialog


def every_dialog() -> list[type[Dialog[object]]]:
    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"{screens.__name__}.{module.name}")
    found: list[type[Dialog[object]]] = []
    waiting: list[type[Dialog[object]]] = [Dialog]
    while waiting:
        kind = waiting.pop()
        found.append(kind)
        waiting.extend(kind.__subclasses__())
    return found


def footer_words(kind: type[Dialog[object]], key: str) -> list[str]:
    """What the footer of a ``kind`` says its ``key`` does (the bindings it shows)."""
    bindings = kind._merged_bindings
    assert bindings is not None
    return [b.description for b in bindings.key_to_bindings.get(key, []) if b.show]


def test_each_dialog_s_border_and_footer_say_esc_in_the_same_words() -> None:
    checked = 0
    for kind in every_dialog():
        said = {m.group(1) for hint in kind.KEYS for m in re.finditer(r"\besc (\w+)", hint)}
        if not said:
            continue
        footer = footer_words(kind, "escape")
        assert footer, (kind.__name__, "no esc in the footer")
        for word in said:
            # ("esc closes" in a sentence is the footer's "Close")
            assert any(word.lower().startswith(f.split()[0].lower()) for f in footer), (
                kind.__name__,
                word,
                footer,
            )
        checked += 1
    assert checked >= 5  # the annotate, memo, tag, merge, export and agreement boxes...


def test_a_box_that_saves_nothing_offers_no_save_in_its_footer() -> None:
    from tui_reader.ui.screens.draft_view import DraftView

    for key in ("ctrl+s", "escape"):
        assert footer_words(DraftView, key) == ["Close"], key
