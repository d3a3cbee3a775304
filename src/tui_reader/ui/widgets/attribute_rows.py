"""A document's attributes as a list with a cursor, in its details: the user's own, then those
its file gives (grey, "from the file").  ``e``/``enter`` edits the selected one's value, ``x``
deletes it, ``a`` adds one: the list says what was asked, the details do it, at once (told by
the ``asked`` they give the list): posted as a message, what was asked came behind the keys
typed right after ``e`` or ``a``, which the list took meanwhile as its own keys.

Names and values are user data: shown through ``core.display.shown``, never markup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget

from tui_reader.core.analysis.attributes import FORMAT_NUMBERS
from tui_reader.core.analysis.values import Value, show_value
from tui_reader.core.display import shown, shown_text
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus

NAME_WIDTH = 12  # as the details' other sections (their labels' column)
# Below this width the rows the file gives say so by their grey alone, with no "from the
# file" beside them: at 40 columns that column left a title three letters a line.
ORIGIN_SAID_FROM = 50
ROW_META = "attribute_row"  # the index of the row a line of the list belongs to


@dataclass(frozen=True)
class AttributeRow:
    name: str
    value: Value
    own: bool  # the user's (else the file gives it)


class AttributeRows(KeysFollowFocus, can_focus=True):
    """The attributes, one a line; the cursor's row shows when the list has the focus.  The
    keys of a burst typed behind one that gave the focus to the field go to the field."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("details.attributes")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"attribute-rows--cursor"}
    DEFAULT_CSS = """
    AttributeRows {
        height: auto;
        & > .attribute-rows--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .attribute-rows--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0)

    class Request(FieldMessage):
        """What a key of the list asks of the details."""

    class Edit(Request):
        """Edit the value of ``row`` (None: add an attribute)."""

        row: AttributeRow | None

    class Delete(Request):
        row: AttributeRow

    class Memo(Request):
        """Write the document's memo."""

    def __init__(self, asked: Callable[[AttributeRows.Request], None], *, id: str | None = None):
        super().__init__(id=id)
        self.rows: list[AttributeRow] = []
        self.asked = asked

    def show(self, rows: list[AttributeRow], select: str | None = None) -> None:
        """Show ``rows`` with the cursor on the attribute ``select`` (one just set), else on
        the one it was on, when it is still there."""
        name = self.selected.name if self.selected is not None else None
        name = select if select is not None else name
        self.rows = rows
        names = [row.name for row in rows]
        self.cursor = names.index(name) if name in names else min(self.cursor, len(rows) - 1)
        self.refresh(layout=True)

    @property
    def selected(self) -> AttributeRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1))

    def watch_cursor(self, cursor: int) -> None:
        """Keep the cursor's row in view in the scrolling body around the list (a row is a
        line, or two when a long value wraps: two are brought in)."""
        container = self.parent
        if self.has_focus and isinstance(container, Widget) and container.is_scrollable:
            row = Region(0, self.virtual_region.y + cursor, 1, 2)
            container.scroll_to_region(row, animate=False, immediate=True)

    def render(self) -> RenderableType:
        if not self.rows:
            return Text("none yet: a adds one (or type it below)", style="dim")
        said = self.size.width >= ORIGIN_SAID_FROM  # "from the file" beside the value
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(min_width=NAME_WIDTH, no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        if said:
            table.add_column()
        cursor_style = self.get_component_rich_style("attribute-rows--cursor")
        for index, row in enumerate(self.rows):
            grey = "" if row.own else "dim"
            name = Text(shown(row.name), style=grey)
            # (the file's own words, a title, as the reading view shows its text)
            show = shown if row.own else shown_text
            value = Text(show(_value_said(row)), style="" if said else grey)
            origin = Text("" if row.own else "from the file", style="dim")
            style = cursor_style if index == self.cursor and self.has_focus else Style()
            # Each line of the row says which row it is: a click finds the row it fell on,
            # however many lines a long value wrapped to above it.
            style += Style.from_meta({ROW_META: index})
            table.add_row(name, value, *([origin] if said else []), style=style)
        return table

    def on_click(self, event: events.Click) -> None:
        """A click selects the row under it (the list takes the focus as for any widget)."""
        index = event.style.meta.get(ROW_META)
        if isinstance(index, int):
            self.cursor = index

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_edit(self) -> None:
        if self.selected is not None:
            self.asked(self.Edit(self.selected))

    def action_add(self) -> None:
        self.asked(self.Edit(None))

    def action_delete(self) -> None:
        if self.selected is not None:
            self.asked(self.Delete(self.selected))

    def action_memo(self) -> None:
        self.asked(self.Memo())


# The file's counts, said as the details' other numbers are ("1,173"): a user's number (a
# year, an id) is said as typed.
_COUNTS = frozenset((*FORMAT_NUMBERS, "pages"))


def _value_said(row: AttributeRow) -> str:
    """How ``row``'s value is said in the list."""
    value = row.value
    if not row.own and row.name in _COUNTS and type(value) is int:
        return f"{value:,}"
    return show_value(value)
