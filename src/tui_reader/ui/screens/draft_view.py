"""A kept draft's text shown read-only to copy from (:mod:`~tui_reader.ui.kept_drafts_offer`):
the memo dialog's box, its footer saying the keys it has; nothing in it saves."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from tui_reader.ui import keymap
from tui_reader.ui.screens.memo_dialog import MemoDialog


class DraftView(MemoDialog):
    """``text`` read-only: selected with shift and the arrows (``f7`` all of it), copied with
    ``ctrl+c``; ``esc`` (or ``ctrl+s``, which saves nothing here) closes it."""

    # (its footer said "^s Save  esc Cancel", the memo's keys, below "esc close")
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("draft")
    KEYS = (
        "read only · shift+arrows select · f7 all · ctrl+c copy · esc close",
        "read only · ctrl+c copy · esc close",
        "ctrl+c copy · esc close",
        "esc close",
    )

    def on_mount(self) -> None:
        super().on_mount()
        for editor in self.query("#memo-text"):
            editor.read_only = True  # type: ignore[attr-defined]

    def typed(self) -> bool:
        return False  # nothing typed here: closing never asks

    def action_save(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
