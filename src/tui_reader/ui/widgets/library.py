"""The library pane: every document with title, words, annotations and reading progress.

``/`` filters as you type; files that could not be read are listed greyed with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from tui_reader.ui import keymap

TITLE_WIDTH = 36  # cells of a title before the pane is laid out; longer ones end in …


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library.  ``error`` is set (and the rest unknown) for unreadable files."""

    key: str
    rel: str
    title: str = ""
    words: int = 0
    length: int = 0  # code points of canonical text
    annotations: int = 0
    position: int | None = None  # saved reading position, code points
    error: str | None = None
    loading: bool = False

    @property
    def readable(self) -> bool:
        return self.error is None and not self.loading

    @property
    def progress(self) -> int | None:
        """Per cent read (position over length), or ``None`` when never opened."""
        if self.position is None or not self.readable:
            return None
        if self.length == 0:
            return 100
        return round(100 * min(self.position, self.length) / self.length)

    def matches(self, query: str) -> bool:
        haystack = f"{self.title} {self.rel}".casefold()
        return all(word in haystack for word in query.casefold().split())


class LibraryTable(DataTable[Text | str]):
    """The document table with vim keys."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("library")

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)


class Library(Vertical):
    """The library pane (a filter input over a table of :class:`LibraryEntry`)."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("library.filter")

    class DocumentChosen(Message):
        """The user chose the document ``key`` (enter)."""

        def __init__(self, library: Library, entry: LibraryEntry) -> None:
            super().__init__()
            self.library = library
            self.entry = entry

        @property
        def control(self) -> Library:
            return self.library

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: dict[str, LibraryEntry] = {}
        self._order: list[str] = []
        self._current: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter documents…", id="library-filter")
        table = LibraryTable(
            id="library-table", cursor_type="row", zebra_stripes=False, show_header=False
        )
        yield table

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    @property
    def entries(self) -> list[LibraryEntry]:
        """Every entry in corpus order (filtered or not)."""
        return [self._entries[key] for key in self._order]

    def entry(self, key: str) -> LibraryEntry | None:
        return self._entries.get(key)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Replace the whole list (keeps the filter and the cursor's document)."""
        self._entries = {e.key: e for e in entries}
        self._order = [e.key for e in entries]
        self._rebuild()

    def update_entry(self, entry: LibraryEntry) -> None:
        """Add or replace one entry."""
        if entry.key not in self._entries:
            self._order.append(entry.key)
        self._entries[entry.key] = entry
        table = self.table
        if entry.key in table.rows:
            table.update_cell(entry.key, "document", _cell(entry, self._width()))
        else:
            self._rebuild()

    def update_position(
        self, key: str, position: int | None = None, annotations: int | None = None
    ) -> None:
        entry = self._entries.get(key)
        if entry is None:
            return
        changes: dict[str, object] = {}
        if position is not None:
            changes["position"] = position
        if annotations is not None:
            changes["annotations"] = annotations
        self.update_entry(replace(entry, **changes))  # type: ignore[arg-type]

    def set_current(self, key: str) -> None:
        """Mark ``key`` as the open document and put the cursor on it."""
        self._current = key
        table = self.table
        if key in table.rows:
            table.move_cursor(row=table.get_row_index(key), animate=False)

    def action_filter(self) -> None:
        filter_input = self.query_one("#library-filter", Input)
        filter_input.add_class("-active")
        self.screen.set_focus(filter_input)  # at once: keys typed right after "/" filter

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if not isinstance(event, Key) or event.key != "escape":
            return
        filter_input = self.query_one("#library-filter", Input)
        if filter_input.has_focus or filter_input.value:
            event.stop()
            filter_input.value = ""
            filter_input.remove_class("-active")
            self._rebuild()
            self.table.focus()

    @on(DataTable.RowSelected, "#library-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        entry = self._entries.get(key) if key is not None else None
        if entry is not None:
            self.post_message(self.DocumentChosen(self, entry))

    def _rebuild(self) -> None:
        table = self.table
        query = self.query_one("#library-filter", Input).value.strip()
        cursor_key = self._cursor_key() or self._current
        width = self._width()
        table.clear(columns=True)
        table.add_column("Document", key="document", width=width)
        for key in self._order:
            entry = self._entries[key]
            if query and not entry.matches(query):
                continue
            table.add_row(_cell(entry, width), key=key, height=2)
        if cursor_key is not None and cursor_key in table.rows:
            table.move_cursor(row=table.get_row_index(cursor_key), animate=False)

    def _width(self) -> int:
        width = self.table.scrollable_content_region.width if self.is_mounted else 0
        return max(12, width - 2) if width > 0 else TITLE_WIDTH

    def on_resize(self) -> None:
        if self._order:
            self._rebuild()

    def _cursor_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        if not table.is_valid_coordinate(table.cursor_coordinate):
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _cell(entry: LibraryEntry, width: int) -> Text:
    """Two lines: the title, then words, annotations and progress (or the problem)."""
    if entry.loading:
        return Text.assemble((_clip(entry.rel, width), "dim"), "\n", ("loading…", "dim italic"))
    if entry.error is not None:
        return Text.assemble(
            (_clip(entry.rel, width), "dim"), "\n", (_clip(entry.error, width), "dim italic")
        )
    details = [f"{entry.words:,} words"]
    if entry.annotations:
        noun = "annotation" if entry.annotations == 1 else "annotations"
        details.append(f"{entry.annotations} {noun}")
    progress = entry.progress
    if progress is not None:
        details.append(f"{progress}% read")
    return Text.assemble(
        (_clip(entry.title, width), "bold"), "\n", (_clip(" · ".join(details), width), "dim")
    )
