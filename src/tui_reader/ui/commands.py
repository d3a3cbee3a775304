"""Command palette (ctrl+p): the app's actions and "open document" for every document.

Document titles are user data: they are shown as plain :class:`Content`, never parsed as
markup (Textual's ``Matcher.highlight`` would parse them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from tui_reader.ui.screens.main import MainScreen

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


class ReaderCommands(ListedCommands):
    """Actions of the reading app, and one "Open" command per readable document."""

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
            ("Help: keys", "Show every key binding", partial(app.run_action, "help")),
            ("Export annotations as Markdown", "Write annotations-export.md beside the DB (E)",
             partial(app.run_action, "export_markdown")),
        ]  # fmt: skip
        if main is None:
            return commands
        reader = main.reader
        commands += [
            ("Search in document", "Find text in the open document (/)", main.action_start_search),
            ("Codebook: browse tags and their passages",
             "Every passage of a tag across the corpus; rename, merge, delete tags (T)",
             main.action_codebook),
            ("Search the whole corpus", "Find text in every document (F)",
             main.action_corpus_search),
            ("Next document", "Open the next document (>)", main.action_next_document),
            ("Previous document", "Open the previous document (<)", main.action_previous_document),
            ("Go to top", "Move the caret to the start of the document (g)", reader.action_top),
            ("Go to bottom", "Move the caret to the end of the document (G)", reader.action_bottom),
            ("Wider text", "Widen the reading measure by 8 columns",
             partial(setattr, reader, "measure", reader.measure + 8)),
            ("Narrower text", "Narrow the reading measure by 8 columns",
             partial(setattr, reader, "measure", max(24, reader.measure - 8))),
            ("Focus library", "Move to the document list", main.show_library),
            ("Show/hide the library", "Give the text the room of the document list (L)",
             main.action_toggle_library),
            ("Focus reader", "Move to the reading view", reader.focus),
        ]  # fmt: skip
        for entry in main.library.entries:
            if entry.readable:
                commands.append(
                    (f"Open: {entry.title}", escape(entry.rel), partial(_open, main, entry.key))
                )
        return commands


def _open(main: MainScreen, key: str) -> None:
    main.open_document(key)
    main.reader.focus()
