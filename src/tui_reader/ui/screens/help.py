"""The help screen (``?``): every key binding of the app, grouped by where it works.

Bindings are read from the live widgets, so a binding added anywhere (with an ``id`` and a
description) is listed without editing this screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GROUP_ORDER = ("Anywhere", "Library", "Reader", "Search prompt")
_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "full_stop": ".",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "space",
    "escape": "esc",
    "enter": "enter",
    "tab": "tab",
    "shift+tab": "shift+tab",
}


def key_label(key: str) -> str:
    """How a Textual key name is written for a person: ``right_parenthesis`` -> ``)``."""
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    if len(key) == 1:
        return key
    character = key_to_character(key)
    if character is not None and character.isprintable() and not character.isspace():
        return character
    return key


def collect_bindings(screen: Screen[object]) -> dict[str, list[tuple[str, str]]]:
    """``group -> [(keys, description)]`` for every binding with an id on ``screen``, its
    widgets and the app, deduplicated."""
    nodes: list[DOMNode] = [screen.app, screen, *screen.walk_children()]
    rows: dict[tuple[str, str], tuple[list[str], str]] = {}  # (group, id) -> (keys, text)
    for node in nodes:
        group = str(getattr(node, "HELP_GROUP", "") or "")
        if not group:
            continue
        for binding in _bindings_of(node):
            if not binding.id or not binding.description:
                continue
            keys, _ = rows.setdefault((group, binding.id), ([], binding.description))
            label = key_label(binding.key)
            if label not in keys:
                keys.append(label)
    groups: dict[str, list[tuple[str, str]]] = {}
    for (group, _), (keys, description) in rows.items():
        groups.setdefault(group, []).append((" ".join(keys), description))
    return groups


def _bindings_of(node: DOMNode) -> list[Binding]:
    """The node's bindings as declared (class ``BINDINGS``, base classes first), so keys
    show in the order their authors wrote them: ``down j``, ``g home``."""
    found: list[Binding] = []
    for cls in reversed(type(node).__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                found.extend(
                    Binding(key.strip(), binding.action, binding.description, id=binding.id)
                    for key in binding.key.split(",")
                )
    return found


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of ``escape``, ``q``, ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", show=False),
    ]

    def __init__(self, groups: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("tui-reader — keys", style="bold"), id="help-title")
            yield Static(self._table(), id="help-table")
            yield Static(Text("esc, q or ? closes this screen", style="dim"), id="help-foot")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        names = [g for g in GROUP_ORDER if g in self.groups]
        names += [g for g in self.groups if g not in GROUP_ORDER]
        for index, group in enumerate(names):
            if index:
                table.add_row("", "")
            table.add_row(Text(""), Text(group, style="bold underline"))
            for keys, description in self.groups[group]:
                table.add_row(Text(keys), Text(description))
        return table

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
