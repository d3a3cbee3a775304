"""An option list of many items whose options are made a batch at a time.

Textual's ``OptionList`` wraps every option to its width to know its height before it draws
anything: 4,000 passages of a code took seconds at each move in the codebook's tree.  This list
makes (and so measures) the options of the first items, and the next batch whenever the
cursor or the scroll comes near the last one made; ``end`` (or ``G``) makes them all.  The
items and their order are the caller's; option ``i`` is item ``i``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.widgets.option_list import Option

from tui_reader.ui.widgets.key_bursts import KeysFollowFocus
from tui_reader.ui.widgets.steady_option_list import SteadyOptionList

BATCH = 100  # options made at a time


class GrowingOptionList(SteadyOptionList, KeysFollowFocus):
    """A :class:`SteadyOptionList` whose options are made when they come near the screen."""

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._total = 0  # items to show
        self._made = 0  # items whose options are made
        self._make: Callable[[int, int], Iterable[Option]] = lambda start, end: ()
        self._rules = False  # a rule between items
        # The view's choice of the item at an index (enter): called at once, not by a message
        # posted behind the keys typed right after enter, which reached this list before the
        # view closed and were lost (j, s meant for the text a passage opened).
        self.chosen: Callable[[int], None] | None = None

    def action_select(self) -> None:
        if self.chosen is not None and self.highlighted is not None:
            self.chosen(self.highlighted)
        else:
            super().action_select()

    async def _on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the item clicked; a click on the cursor's item (the
        second of a double click too) chooses it, as ``enter`` does: as a report's cells
        (Textual's own list chose at the first click, and a passage opened, its list gone,
        where the user only reached for it)."""
        event.prevent_default()  # not OptionList's click, which chooses at once
        clicked = event.style.meta.get("option")
        if not isinstance(clicked, int) or self._options[clicked].disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked

    @property
    def made(self) -> int:
        """How many items' options are made (the first ones)."""
        return self._made

    @property
    def total(self) -> int:
        """How many items the list shows (their options made or to be made)."""
        return self._total

    def more_items(self, total: int) -> None:
        """Show ``total`` items, more than before (a search still finding them): their
        options are made now if the list does not yet reach past the screen, else as the
        cursor or the scroll comes near them."""
        self._total = max(self._total, total)
        self._grow_if_near_end()

    def grow_options(
        self,
        total: int,
        make: Callable[[int, int], Iterable[Option]],
        *,
        reach: int = 0,
        rules: bool = False,
    ) -> None:
        """Show ``total`` items: ``make(start, end)`` gives the options of items ``[start,
        end)``, one each (or, without rules, more: a heading above an item, which makes the
        cursor near the end a little early); ``rules``: a rule between them.  The options are
        made up to item ``reach`` and a batch beyond it now, the rest when needed."""
        self._total, self._make, self._made, self._rules = total, make, 0, rules
        self.set_options(())
        self.grow_to(reach + BATCH)

    def grow_to(self, count: int) -> None:
        """Make the options of the first ``count`` items (at most every item)."""
        end = min(self._total, count)
        if end <= self._made:
            return
        start, self._made = self._made, end
        options: list[Option | None] = []
        for option in self._make(start, end):
            options.append(option)
            if self._rules:
                options.append(None)  # the rule below it
        if self._rules and end == self._total:
            options.pop()  # none below the last item
        self.add_options(options)

    def _grow_if_near_end(self) -> None:
        if self._made >= self._total:
            return
        highlighted = self.highlighted
        near_cursor = highlighted is not None and highlighted >= self._made - BATCH // 2
        height = self.scrollable_content_region.height
        near_scroll = self.scroll_y + 2 * height >= self.virtual_size.height
        if near_cursor or near_scroll:
            self.grow_to(self._made + BATCH)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._grow_if_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value:
            self._grow_if_near_end()

    def action_last(self) -> None:
        self.grow_to(self._total)
        super().action_last()
