"""Textual's ``OptionList``, steady against keys sent fast (the monkey test found this)."""

from __future__ import annotations

import contextlib
from typing import Literal

from textual.geometry import Size
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """An ``OptionList`` whose page keys, pressed before its new options are laid out into
    lines, do nothing instead of crashing the app (``KeyError`` inside Textual's
    ``_move_page``).  Every option list of the app is one."""

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        with contextlib.suppress(KeyError, IndexError):
            super()._move_page(direction)

    # A list left no cell for an option's text (the codebook's passages in a terminal made 20
    # columns wide) crashed the app: Textual wraps each option at a width of 0 to know its
    # height (``ValueError``).  As for a list of no size, its lines wait for the resize that
    # gives them room; its height meanwhile is a line an option.

    def _text_room(self, width: int) -> int:
        return width - self.get_component_styles("option-list--option").padding.width

    def _update_lines(self) -> None:
        region = self.scrollable_content_region
        if region and self._text_room(region.width - self._get_left_gutter_width()) >= 1:
            super()._update_lines()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._text_room(width) < 1:
            return self.option_count
        return super().get_content_height(container, viewport, width)


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
