"""Textual's ``OptionList``, steady against keys sent fast (the monkey test found this)."""

from __future__ import annotations

import contextlib
from typing import Literal

from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """An ``OptionList`` whose page keys, pressed before its new options are laid out into
    lines, do nothing instead of crashing the app (``KeyError`` inside Textual's
    ``_move_page``).  Every option list of the app is one."""

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        with contextlib.suppress(KeyError, IndexError):
            super()._move_page(direction)
