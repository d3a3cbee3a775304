"""The help screen (``?``): every key binding of the app, grouped by where it works.

The keys listed are those of the registry (:mod:`tui_reader.ui.keymap`) live on the screen
below, under the registry's headings.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.columns import Columns
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from tui_reader.core.display import shown
from tui_reader.ui import keymap
from tui_reader.ui.screens.beneath import DrawsTheScreenBelow
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.widgets.key_scroll import KeyScroll
from tui_reader.ui.widgets.steady_footer import DialogFooter
from tui_reader.ui.widgets.text_field import HandingOverField, filter_left

GROUP_ORDER = ("Anywhere", "Library", "Reader", "Search prompt")
SHORT_BELOW = 16  # lines of the terminal under which the help drops its blank lines


def collect_bindings(screen: Screen[object]) -> dict[str, list[tuple[str, str]]]:
    """``heading -> [(keys, description)]`` for every binding of the registry
    (:mod:`tui_reader.ui.keymap`) live on ``screen``, its widgets and the app, and on the
    parts its widgets mount when first shown (their ``MOUNTED_WHEN_SHOWN``: functions that
    give the parts' classes, whose modules load with the part, or here).  A node whose key
    acts only in some of its states names the keys that do not act in the state it is in
    (its ``help_leaves_out()``: key ids), and they are left out."""
    registry = keymap.by_id()
    nodes: list[DOMNode] = [screen.app, screen, *screen.walk_children()]
    left_out: set[str] = set()
    for node in nodes:
        leaves_out = getattr(node, "help_leaves_out", None)
        if callable(leaves_out):
            left_out.update(leaves_out())
    classes = [type(node) for node in nodes]
    for node in nodes:
        parts = (part() for part in getattr(node, "MOUNTED_WHEN_SHOWN", ()))
        classes.extend(c for c in parts if c not in classes)
    # A key the screen binds itself is the screen's there, not the app's: q closes the
    # codebook, the query view, the reports and the corpus search (their help said "q Quit").
    screens_own = {name for b in _bindings_of(type(screen)) for name in b.key.split(",")}
    rows: dict[tuple[str, str], tuple[list[str], str]] = {}  # (heading, id) -> (keys, text)
    for cls in classes:
        for binding in _bindings_of(cls):
            key = registry.get(binding.id or "")
            heading = "" if key is None else keymap.title_of(key.id)
            if key is None or not heading or not key.description or key.id in left_out:
                continue
            live = key.keys
            if cls is classes[0] and not binding.priority:  # the app's: the screen's first
                live = tuple(name for name in key.keys if name not in screens_own)
                if not live:
                    continue
            names, _ = rows.setdefault((heading, key.id), ([], key.description))
            for name in live:
                label = keymap.key_label(name)
                if label not in names:
                    names.append(label)
    groups: dict[str, list[tuple[str, str]]] = {}
    for (heading, _), (names, description) in rows.items():
        groups.setdefault(heading, []).append((" ".join(names), description))
    return groups


def _bindings_of(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings of a node of ``node_class`` as declared (class ``BINDINGS``, base classes
    first)."""
    found: list[Binding] = []
    for cls in reversed(node_class.__mro__):
        found.extend(b for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding))
    return found


class HelpScreen(DrawsTheScreenBelow, StyledOnce, ClosesOnce, ModalScreen[None]):
    """Lists every binding; any of ``escape``, ``q``, ``?`` closes it; the list keys scroll
    it (:class:`KeyScroll`); ``/`` filters it."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("help")
    # A short terminal (20x6): the box and its margins took every line, the keys none.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    def __init__(self, groups: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__()
        self.groups = groups
        self._filter = ""
        self.filter_field = HandingOverField(
            placeholders=("Filter the keys (enter keeps, esc clears)", "Filter the keys"),
            id="help-filter",
        )

    def compose(self) -> ComposeResult:
        yield DialogFooter()  # esc closes it; not the keys of the screen below
        with KeyScroll(id="help-body"):  # focused: keys typed right behind `?` come to it
            yield Static(Text("tui-reader — keys", style="bold"), id="help-title")
            yield self.filter_field
            yield Static(self._table(), id="help-table")
            yield Static(Text("esc, q or ? closes this screen", style="dim"), id="help-foot")

    def _table(self) -> HelpTable | Text:
        """Every group's keys (those whose keys or words hold the filter's text, in any
        case), as wide as the screen has room for."""
        names = [g for g in GROUP_ORDER if g in self.groups]
        names += [g for g in self.groups if g not in GROUP_ORDER]
        wanted = self._filter.strip().casefold()
        groups = [
            (name, [row for row in self.groups[name] if wanted in " ".join(row).casefold()])
            for name in names
        ]
        groups = [(name, rows) for name, rows in groups if rows]
        if not groups:
            return Text(f"No key's words hold “{shown(self._filter.strip())}”.", style="bold")
        return HelpTable(groups)

    # -- filter: / as the library's and the codebook's -------------------------------------

    def action_filter(self) -> None:
        self.query_one("#help-body", KeyScroll).scroll_home(animate=False)
        field = self.filter_field
        field.add_class("-active")
        field.edit()  # at once, after the filter's text

    @on(Input.Changed, "#help-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        value = event.input.value  # the field as it is now, the last of letters typed fast
        if value == self._filter:
            return
        self._filter = value
        self.query_one("#help-table", Static).update(self._table())

    @on(Input.Submitted, "#help-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        filter_left(event.input, self.query_one("#help-body", KeyScroll))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``escape`` in the filter clears it, else closes the help: only the one that applies
        is live (and in the footer), so the key runs it."""
        if action == "clear_filter":
            return self.focused is self.filter_field
        return True

    def action_clear_filter(self) -> None:
        filter_left(self.filter_field, self.query_one("#help-body", KeyScroll), cleared=True)


# Cells a description keeps beside the keys made one column (else each group's keys are as
# wide as its own, and a narrow terminal's descriptions keep their words whole).
_DESCRIPTION_ROOM = 40
_KEYS_ROOM = 10  # cells the keys take at least, so that short keys line up
_NARROW_DESCRIPTION = 12  # cells a description keeps at least, where the width allows


class HelpTable:
    """One table per group, flowed into as many columns as the width has room for, the keys
    of every group in one column as wide as the widest keys of all (each group's as wide as
    its own put each section's descriptions at another indent) where that leaves the
    descriptions room."""

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        self.groups = groups
        self.widest = max((cell_len(keys) for _, rows in groups for keys, _ in rows), default=0)

    def columns(self, width: int) -> Columns:
        """The groups laid out for ``width`` cells."""
        shared = self.widest if width >= self.widest + 2 + _DESCRIPTION_ROOM else 0
        # Narrower than the keys' ten cells and a description's twelve (a terminal 20 wide):
        # the keys as wide as they are, the words wrapped in what is left (held to their
        # widths, the words had a cell or two: "Q" for "Quit", the rest cut off).
        roomy = width >= _KEYS_ROOM + 2 + _NARROW_DESCRIPTION
        tables = []
        for group, rows in self.groups:
            table = Table.grid(padding=(0, 2 if roomy else 1))
            keys_width = max(_KEYS_ROOM, shared) if roomy else None
            table.add_column(justify="right", style="bold", no_wrap=True, min_width=keys_width)
            # a narrow terminal: wrapped, never cut off
            table.add_column(min_width=_NARROW_DESCRIPTION if roomy else None)
            table.add_row(Text(""), Text(group, style="bold underline"))
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
            table.add_row("", "")
            tables.append(table)
        return Columns(tables, padding=(0, 4))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.columns(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.columns(options.max_width))
