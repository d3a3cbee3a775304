"""A paste of several lines into a one-line field is one line: Textual's Input kept the first
line alone, so a phrase copied over a line's end and pasted after ``/`` searched for its first
half, without a word of the rest."""

from __future__ import annotations

from typing import TypeVar

from helpers.app import AppFactory, main_screen, wait_until
from textual import events
from textual.app import App, ComposeResult
from textual.command import CommandInput
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui_reader.core.annotations.model import Tag
from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog, TagsInput
from tui_reader.ui.widgets.text_field import TextField

F = TypeVar("F", bound=Input)


async def _pasted_into(pilot: Pilot[object], kind: type[F], text: str) -> F:
    """Once a ``kind`` field is focused, ``text`` pasted into it; the field, once it holds
    what the paste gave."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.focused, kind))
    field = app.focused
    assert isinstance(field, kind)
    field.post_message(events.Paste(text))
    await wait_until(pilot, lambda: field.value != "")
    return field


async def test_a_phrase_pasted_over_a_line_end_after_slash_is_searched_whole(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        screen.reader.focus()
        await pilot.press("slash")
        field = await _pasted_into(pilot, TextField, "the utter subservience\r\n  of the Peña\n")
        assert field.value == "the utter subservience of the Peña"


class _Fields(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.dialog = AnnotateDialog("a quote", [Tag("border")])

    def compose(self) -> ComposeResult:
        yield Static("reader")
        yield TextField("country=", id="attributes")

    def on_mount(self) -> None:
        self.push_screen(self.dialog)


async def test_pasted_lines_are_so_many_tags_and_one_line_elsewhere() -> None:
    app = _Fields()
    async with app.run_test() as pilot:
        tags = await _pasted_into(pilot, TagsInput, "militarization\n\nborder/checkpoint\n")
        assert tags.value == "militarization, border/checkpoint"
        tags.post_message(events.Paste(" shelter\n"))  # one line: as Input pastes it
        await wait_until(pilot, lambda: tags.value.endswith("shelter"))
        assert tags.value == "militarization, border/checkpoint shelter"
        app.pop_screen()
        field = app.query_one("#attributes", TextField)
        field.focus()
        field.cursor_position = len(field.value)
        field.post_message(events.Paste("Mexico\nage=34\n\t\n"))
        await wait_until(pilot, lambda: field.value != "country=")
        assert field.value == "country=Mexico age=34"


async def test_lines_pasted_into_the_command_palette_are_one_line(
    make_app: AppFactory,
) -> None:
    """The palette's own field (Textual's, not ours) kept the first line of a paste alone:
    "export" / "annotations" copied from a note searched for "export"."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, SteadyCommandPalette))
        field = app.screen.query_one(CommandInput)
        await wait_until(pilot, lambda: app.focused is field)
        app.post_message(events.Paste("export\r\n  annotations\n\n"))  # as the terminal sends it
        await wait_until(pilot, lambda: field.value != "")
        assert field.value == "export annotations"
