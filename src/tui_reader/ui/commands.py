"""Command palette (ctrl+p): the registry's keys (:mod:`tui_reader.ui.keymap`) that have a
palette name, a few actions without a key, and "open document" for every document.

Document titles are user data: they are shown as plain :class:`Content`, never parsed as
markup (Textual's ``Matcher.highlight`` would parse them).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Mount
from textual.markup import escape
from textual.screen import Screen
from textual.timer import Timer, TimerCallback

from tui_reader.ui import keymap, textual_guards
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.screens.beneath import DrawsTheScreenBelow
from tui_reader.ui.screens.closing import ClosesOnce

if TYPE_CHECKING:
    from tui_reader.ui.screens.main import MainScreen

textual_guards.guard_option_lists()  # the palette's list, in a terminal a few columns wide

Command = tuple[str, str, Callable[[], object]]


def plain_highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as plain text with the matched characters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ListedCommands(Provider):
    """A provider over a list of ``(name, help, callback)`` commands.

    Discovery (the palette opened with no query) lists them all except those whose name
    starts with ``SEARCH_ONLY_PREFIX`` (one per document or tag: too many to list unasked)."""

    SEARCH_ONLY_PREFIX = ""

    def _commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        prefix = self.SEARCH_ONLY_PREFIX
        for name, help_text, callback in self._commands():
            if not (prefix and name.startswith(prefix)):
                yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, plain_highlight(matcher, name), callback, text=name, help=help_text
                )


def bound_commands(screen: Screen[Any]) -> list[Command]:
    """A command for every key of the registry that has a palette name and is live on
    ``screen`` (or the app): the registry's words, its key, run on the widget that binds it.
    Over a dialog or the help (a modal screen) the app's keys are not live, as they are not
    for the keyboard: the palette's "Journal" over the help, then "Help" over that journal,
    stacked the two without end."""
    registry = keymap.by_id()
    # A question's answers in its own words, as its footer says them ("Replace", "Keep").
    words: dict[str, str] = getattr(screen, "footer_words", {})
    found: dict[str, Command] = {}
    nodes = [screen, *screen.walk_children()]
    for node in nodes if screen.is_modal else [screen.app, *nodes]:
        for cls in type(node).__mro__:
            for binding in cls.__dict__.get("BINDINGS", ()):
                key = registry.get(getattr(binding, "id", None) or "")
                if key is None or not key.palette or key.id in found:
                    continue
                label = keymap.key_label(key.keys[0])
                found[key.id] = (
                    words.get(key.id, key.palette),
                    f"{key.description} ({label})",
                    partial(screen.app.run_action, key.action, node),
                )
    return list(found.values())


class ReaderCommands(ListedCommands):
    """The keys of the main screen and the app (from the registry), a few actions without a
    key, and one "Open" command per readable document."""

    SEARCH_ONLY_PREFIX = "Open: "

    def _main(self) -> MainScreen | None:
        from tui_reader.ui.screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _commands(self) -> list[Command]:
        main = self._main()
        app = self.app
        commands: list[Command] = [
            ("Toggle dark / light theme", "Switch between the dark and light themes",
             app.action_toggle_dark),
        ]  # fmt: skip
        if main is None or self.screen is not main:
            # Over a view or a dialog, its own keys: the main screen's opened another view
            # (or dialog) over it, the same one again and again ("Reports" in the reports).
            return commands + bound_commands(self.screen if main is not None else app.screen)
        reader = main.reader
        commands += bound_commands(main)
        commands += [
            ("Wider text", "Widen the reading measure by 8 columns",
             partial(setattr, reader, "measure", reader.measure + 8)),
            ("Narrower text", "Narrow the reading measure by 8 columns",
             partial(setattr, reader, "measure", max(24, reader.measure - 8))),
            ("Focus library", "Move to the document list", main.show_library),
            # the library's / (its field is in the library: shown first, when L or the
            # width hid it, so that what is typed next is seen filtering)
            ("Library: filter by words, path or attributes",
             "Filter the documents: words of the title or path, attributes (country=Mexico, "
             "age>30) (/ in the library)", partial(_filter_library, main)),
            ("Focus reader", "Move to the reading view", reader.focus),
        ]  # fmt: skip
        me = main.workspace.store.coder
        commands.append(("Coders: show everyone's coding", "Every coder's annotations",
                         partial(main.pane.coders.show, None)))  # fmt: skip
        for coder in main.workspace.store.coder_counts():
            whose = "my" if coder == me else f"{coder}'s"
            commands.append((f"Coders: show only {coder}", f"Only {whose} annotations",
                             partial(main.pane.coders.show, coder)))  # fmt: skip
            if coder != me:
                commands.append((f"Compare with {coder}", f"My codes and {whose} side by side",
                                 partial(main.pane.coders.compare_with, coder)))  # fmt: skip
        for entry in main.library.entries:
            if entry.readable:
                commands.append(
                    (f"Open: {entry.title}", escape(entry.rel), partial(_open, main, entry.key))
                )
        return commands


def _filter_library(main: MainScreen) -> None:
    main.show_library()
    main.library.action_filter()


def _open(main: MainScreen, key: str) -> None:
    main.open_document(key)
    focus_now(main.reader)


SHORT_BELOW = 16  # lines of the terminal under which the palette's field is one line

# Textual's search itself, without its worker decorator (ours runs it in the same worker).
_GATHER_COMMANDS = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SteadyCommandPalette(DrawsTheScreenBelow, ClosesOnce, CommandPalette):
    """Textual's palette, steady against keys that come before its list is laid out: PageUp
    pressed at once after ``ctrl+p`` asks the list for a line it has not measured yet
    (``KeyError`` inside Textual); such a key does nothing instead of crashing the app.  And
    against a search that runs once the palette is closed again.  On a short terminal (20x8)
    its field is one line at the top, as its list found nothing in view under Textual's
    margin and the field's blank borders."""

    DEFAULT_CSS = """
    SteadyCommandPalette.-short > Vertical {
        margin-top: 0;
    }
    SteadyCommandPalette.-short #--input {
        border: none;
    }
    SteadyCommandPalette.-short SearchIcon {
        margin-top: 0;
    }
    SteadyCommandPalette.-short CommandInput {
        border: none;
        height: 1;
    }
    SteadyCommandPalette.-short CommandList {
        border: none;
        max-height: 100vh;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    def _on_mount(self, event: Mount) -> None:
        """Textual's set-up, for a palette still open: one closed as it opened (ctrl+p and
        escape in one burst) found no screen under it (``IndexError`` inside Textual)."""
        if self.closed_as_opened():
            event.prevent_default()  # Textual's own handler, run after this one, is skipped

    def _action_command_list(self, action: str) -> None:
        with contextlib.suppress(KeyError, IndexError):
            super()._action_command_list(action)

    async def _watch__show_busy(self) -> None:
        """Textual's busy mark, steady against a palette whose children are gone (closed while
        a search was still marking itself busy: ``NoMatches`` inside Textual)."""
        with contextlib.suppress(NoMatches):
            await super()._watch__show_busy()

    def _watch__list_visible(self) -> None:
        with contextlib.suppress(NoMatches):  # the same, for the list shown or hidden
            super()._watch__list_visible()

    def _action_cursor_down(self) -> None:
        with contextlib.suppress(NoMatches):  # the same, for down pressed as it closes
            super()._action_cursor_down()

    def set_timer(
        self,
        delay: float,
        callback: TimerCallback | None = None,
        *,
        name: str | None = None,
        pause: bool = False,
    ) -> Timer:
        """Textual's timers of the palette (its "No matches found" shown after a pause),
        steady against a palette whose list is gone when the pause ends (closed meanwhile:
        ``NoMatches`` inside Textual)."""
        if callback is None:
            return super().set_timer(delay, None, name=name, pause=pause)
        timed = callback

        async def steady() -> None:
            with contextlib.suppress(NoMatches):
                result = timed()
                if inspect.isawaitable(result):
                    await result

        return super().set_timer(delay, steady, name=name, pause=pause)

    @work(
        exclusive=True,
        group=CommandPalette._GATHER_COMMANDS_GROUP,
        description="command palette search",
    )
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's search, steady against a palette closed (its list gone) before the search
        ran: keys typed fast open and close it in one go (``NoMatches`` inside Textual)."""
        with contextlib.suppress(NoMatches):
            await _GATHER_COMMANDS(self, search_value)
