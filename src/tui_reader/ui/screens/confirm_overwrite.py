"""A yes/no question before a file is replaced: ``y``/enter replaces, ``n``/escape keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmOverwrite(ModalScreen[bool]):
    """Ask whether to replace ``path``; dismisses with True to replace, False to keep it."""

    HELP_GROUP = "Replace file?"
    DEFAULT_CSS = """
    ConfirmOverwrite {
        align: center middle;
    }
    ConfirmOverwrite > Vertical {
        width: auto;
        max-width: 80%;
        height: auto;
        padding: 1 2;
        border: thick $warning;
        background: $surface;
    }
    ConfirmOverwrite .question {
        width: auto;
        margin-bottom: 1;
    }
    ConfirmOverwrite Horizontal {
        width: auto;
        height: auto;
    }
    ConfirmOverwrite Button {
        margin-right: 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Replace", id="confirm_overwrite.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm_overwrite.no"),
    ]

    def __init__(self, path: Path, what: str = "file") -> None:
        super().__init__()
        self.path = path
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            # The path is user data: a Text, never parsed as markup.
            yield Static(
                Text.assemble(
                    f"The {self.what} ", (str(self.path), "bold"), " exists.\nReplace it?"
                ),
                classes="question",
            )
            with Horizontal():
                yield Button("Replace (y)", variant="warning", id="yes")
                yield Button("Keep (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
