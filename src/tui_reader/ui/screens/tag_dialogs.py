"""Small dialogs of the codebook screen: a tag name (rename, merge into) and a tag's colour and
description.

Each saves what its callback gives (a :class:`~tui_reader.ui.save_wait.Saving`) before it
closes, through :meth:`~tui_reader.ui.screens.dialog.Dialog.save_typed`: when it is refused
(read-only database, a clash of names, the user stopped waiting for another tui-reader) the
error is shown and the dialog stays open with what was typed, so nothing pretends to be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.colours import parse_colour
from tui_reader.core.codebook.tag_field import has_empty_level, matching_tags, normalise_tag
from tui_reader.core.display import shown
from tui_reader.core.errors import SeeThroughColourError, TuiReaderError
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.save_wait import Saving
from tui_reader.ui.screens.annotate_dialog import TagSuggester
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.text_field import HandingOverField


class _SavingDialog(Dialog[bool]):
    """Dismisses with True once ``save`` succeeded, False when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("dialog")

    def _try_save(self, save: Callable[[], Saving[Any]]) -> None:
        self.save_typed(save, lambda _: self.dismiss(True))

    def action_cancel(self) -> None:
        """esc: closes, asking first when something was typed (it would be lost)."""
        self.close_asking("Discard what was typed here?", lambda: self.dismiss(False))


class TagNameDialog(_SavingDialog):
    """Asks for one tag name, completed from ``names`` (right arrow accepts the completion);
    ``save(name)`` gets the name normalised (``" a / b "`` -> ``"a/b"``)."""

    KEYS = (
        "enter save · → complete · esc cancel",
        "enter save · esc cancel",
        "enter save · esc",
        "enter · esc",
    )

    def __init__(
        self,
        title: str,
        prompt: str,
        save: Callable[[str], Saving[Any]],
        *,
        value: str = "",
        names: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.save = save
        self.value = value
        self.names = list(names)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = self.KEYS[0]
            yield Label(Text(shown(self.prompt)), classes="dialog-label")  # it names a tag
            # the keys typed behind enter go to the codebook once the name is saved (typed
            # in the field as it closed, "u" to undo the rename was lost)
            yield HandingOverField(
                self.value,
                suggester=TagSuggester(self.names) if self.names else None,
                id="tag-name",
            )
            yield Static(classes="dialog-matches", id="tag-name-matches")
            yield Static(classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        field = self.query_one("#tag-name", Input)
        focus_now(field)
        field.select_all()  # the old name, offered to type over (→ or end to edit it)
        self._show_matches(self.value)

    @on(Input.Changed, "#tag-name")
    def _changed(self, event: Input.Changed) -> None:
        self._show_matches(event.value)

    def _show_matches(self, value: str) -> None:
        line = Text()
        if has_empty_level(value):  # a//b typed is the code a/b: said, as the command line says
            line.append(f"taken as {shown(normalise_tag(value))}", style="bold")
            line.append(": an empty level between '/' dropped  ", style="italic")
        if self.names and "," not in value:
            for name in matching_tags(value, self.names, limit=6):
                line.append(shown(name), style="bold" if name == normalise_tag(value) else "")
                line.append("  ")
        self.query_one("#tag-name-matches", Static).update(line)

    @on(Input.Submitted, "#tag-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = normalise_tag(event.value)
        self._try_save(lambda: self.save(name))

    def typed(self) -> bool:
        """A name typed that is not the one the dialog opened with."""
        value = normalise_tag(self.query_one("#tag-name", Input).value)
        return bool(value) and value != normalise_tag(self.value)


class TagStyleDialog(_SavingDialog):
    """A tag's colour and description; ``save(tag)`` gets the tag with both set."""

    KEYS = (
        "enter save · tab next field · esc cancel",
        "enter save · tab · esc cancel",
        "enter save · esc cancel",
        "enter save · esc",
        "enter · esc",  # a box 20 columns wide
    )

    def __init__(self, tag: Tag, current_colour: str, save: Callable[[Tag], Saving[Any]]) -> None:
        super().__init__()
        self.tag = tag
        self.current_colour = current_colour
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(f"Tag {shown(self.tag.name)}")  # a tag name: never markup
            box.border_subtitle = self.KEYS[0]
            yield Label(
                Text("Colour (#rrggbb or a name; empty: automatic)"), classes="dialog-label"
            )
            # the keys typed behind enter go to the codebook once saved, not into the text
            # saved (enter and u saved the description with a "u" at its end)
            yield HandingOverField(self.tag.color, placeholder=self.current_colour, id="tag-colour")
            yield Static(classes="dialog-matches", id="tag-colour-sample")
            yield Label(Text("Description"), classes="dialog-label")
            yield HandingOverField(self.tag.description, id="tag-description")
            yield Static(classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        field = self.query_one("#tag-colour", Input)
        focus_now(field)
        field.select_all()  # the colour, offered to type over; the description is edited
        self._sample(self.tag.color)

    @on(Input.Changed, "#tag-colour")
    def _colour_changed(self, event: Input.Changed) -> None:
        self._sample(event.value)

    def _sample(self, value: str) -> None:
        sample = Text()
        try:
            colour = parse_colour(value) or self.current_colour
        except SeeThroughColourError as exc:  # a whole colour: why enter refuses it
            sample.append(exc.reason, style="italic")
        except TuiReaderError:
            sample.append("not a colour yet", style="italic")
        else:
            sample.append("      ", style=Style(bgcolor=colour))
            sample.append(f" {colour}" + ("" if value.strip() else " (automatic)"))
        self.query_one("#tag-colour-sample", Static).update(sample)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()

        def save() -> Saving[Any]:
            colour = parse_colour(self.query_one("#tag-colour", Input).value)
            description = " ".join(self.query_one("#tag-description", Input).value.split())
            return self.save(Tag(self.tag.name, colour, description))

        self._try_save(save)

    def typed(self) -> bool:
        """A colour or a description other than the tag's."""
        colour = self.query_one("#tag-colour", Input).value.strip()
        description = " ".join(self.query_one("#tag-description", Input).value.split())
        return (colour, description) != (
            self.tag.color.strip(),
            " ".join(self.tag.description.split()),
        )
