"""Textual's ``OptionList``, steady against keys sent fast (the monkey test found this)."""

from __future__ import annotations

import contextlib
from typing import Literal

from textual.widgets import OptionList

from tui_reader.ui import textual_guards

textual_guards.guard_option_lists()  # Textual's, the palette's too: before any is made


class SteadyOptionList(OptionList):
    """An ``OptionList`` whose page keys, pressed before its new options are laid out into
    lines, do nothing instead of crashing the app (``KeyError`` inside Textual's
    ``_move_page``).  Every option list of the app is one."""

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        with contextlib.suppress(KeyError, IndexError):
            super()._move_page(direction)


class ListKeys:
    """``j``/``k``/``g``/``G`` of a screen whose list is :attr:`moved_list`: they move in it
    when it has the focus (in the screen's text field they are letters typed)."""

    @property
    def moved_list(self) -> OptionList:
        raise NotImplementedError

    def action_cursor(self, step: int) -> None:
        moved = self.moved_list
        if moved.has_focus:
            if step > 0:
                moved.action_cursor_down()
            else:
                moved.action_cursor_up()

    def action_cursor_end(self, index: int) -> None:
        moved = self.moved_list
        if moved.has_focus:
            if index >= 0:
                moved.action_first()
            else:
                moved.action_last()
