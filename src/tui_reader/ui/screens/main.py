"""The main screen: the library beside the reading pane; composition and routing only.

The library lists the corpus and says which document to open; the reading pane
(:mod:`tui_reader.ui.reading_pane`) opens, shows and annotates it.  This screen passes
choices from one to the other, opens the codebook and the corpus search, and keeps the
library's figures (progress, annotation counts) in step with what the pane reports.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.documents.document import Document
from tui_reader.core.search.hits import Hits
from tui_reader.ui import keymap
from tui_reader.ui.notices import notify_error, notify_info, notify_warning
from tui_reader.ui.reading_pane import SEARCH_PROMPT, ReadingColumn, ReadingPane
from tui_reader.ui.store_poll import StoreChanged
from tui_reader.ui.widgets.library import Library, LibraryEntry
from tui_reader.ui.widgets.reader import DEFAULT_MEASURE, ReaderView

if TYPE_CHECKING:
    from tui_reader.core.annotations.passages import Passage
    from tui_reader.core.search.corpus import CorpusHit
    from tui_reader.core.workspace import Workspace

__all__ = ["SEARCH_PROMPT", "MainScreen"]


class MainScreen(Screen[None]):
    """Library and reading pane."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("main", "find")

    def __init__(
        self, workspace: Workspace, open_key: str | None = None, *, measure: int = DEFAULT_MEASURE
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.measure = measure
        self.first_key = open_key  # the document to open first (None: the last one read)
        self._candidates: list[str] = []  # at start-up: documents to try in turn
        self._auto_open = False
        self._scan_started = False
        self._library_made_way = False  # hidden to give the text room beside the side panel

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Library(id="library")
            yield ReadingPane(self.workspace, measure=self.measure, id="annotated")
        yield Footer()

    # -- typed accessors -----------------------------------------------------------------------

    @property
    def pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def column(self) -> ReadingColumn:
        return self.pane.column

    @property
    def reader(self) -> ReaderView:
        return self.pane.reader

    @property
    def library(self) -> Library:
        return self.query_one(Library)

    @property
    def document(self) -> Document | None:
        return self.pane.document

    @property
    def current_key(self) -> str | None:
        return self.pane.key

    @property
    def previewing(self) -> bool:
        return self.pane.previewing

    @property
    def hits(self) -> Hits:
        return self.column.search.hits

    @property
    def query_text(self) -> str:
        return self.column.search.query

    # -- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        files = self.workspace.files
        self.library.set_entries(
            [LibraryEntry(key=self.workspace.key(f.path), rel=f.rel, loading=True) for f in files]
        )
        # The first document shows before the library is scanned: scanning loads every file
        # and would compete with it for the interpreter.
        self._candidates = [self.workspace.key(f.path) for f in files if f.format is not None]
        last = self.workspace.store.last_read()
        if self.first_key is None and last in self._candidates:
            self.first_key = last  # the document the user was reading, at its place
        if self.first_key is not None:
            self.open_document(self.first_key)
            self.reader.focus()
        else:
            self.library.table.focus()
            self._open_next_candidate()
        if not files:
            self.column.set_title(Text(f"No documents in {self.workspace.corpus}"))

    def _open_next_candidate(self) -> None:
        """At start-up without a file to open: try the corpus files in order."""
        if self._candidates:
            self._auto_open = True
            self.open_document(self._candidates.pop(0))
        else:
            self._start_scan()

    def _start_scan(self) -> None:
        if not self._scan_started:
            self._scan_started = True
            self.library.scan(self.workspace)

    # -- the library and the pane --------------------------------------------------------------

    def open_document(self, key: str, caret: int | None = None) -> None:
        self.column.open(key, caret)

    def show_offset(self, key: str, offset: int, search: str | None = None) -> None:
        self.column.show_offset(key, offset, search)

    def save_position(self) -> None:
        self.column.save_position()

    @on(ReadingColumn.Opened)
    def _opened(self, message: ReadingColumn.Opened) -> None:
        self._auto_open = False
        if not message.preview:
            self._start_scan()
        self.library.set_current(message.key)
        self.library.update_position(message.key, position=self.reader.caret)

    @on(ReadingColumn.OpenFailed)
    def _open_failed(self, message: ReadingColumn.OpenFailed) -> None:
        if self._auto_open:
            self._open_next_candidate()  # its problem shows greyed in the library
            return
        self._start_scan()
        notify_error(self, message.reason, "Cannot open", timeout=8)
        entry = self.library.entry(message.key)
        if entry is not None:  # greyed in the library with the reason, like unreadable files
            reason = message.reason.removeprefix(f"{self.workspace.path(message.key)}: ")
            self.library.update_entry(replace(entry, error=reason, loading=False))

    @on(ReadingColumn.PositionSaved)
    def _position_saved(self, message: ReadingColumn.PositionSaved) -> None:
        self.library.update_position(message.key, position=message.caret)

    @on(ReadingPane.AnnotationsChanged)
    def _annotations_changed(self, message: ReadingPane.AnnotationsChanged) -> None:
        if message.key is not None:
            self.library.update_position(
                message.key, annotations=message.count, coverage=message.coverage
            )

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.pane.store_changed()

    @on(Library.DocumentChosen)
    def _chosen(self, event: Library.DocumentChosen) -> None:
        entry = event.entry
        if entry.error is not None:
            notify_warning(self, f"{entry.rel}: {entry.error}", "Cannot open")
            return
        if entry.loading:
            notify_info(self, f"{entry.rel} is still loading", timeout=2)
            return
        if entry.key != self.current_key:
            self.open_document(entry.key)
        self.set_focus(self.reader)

    # n/N work wherever the focus is on this screen; / is the text's (the library filters).

    def action_start_search(self) -> None:
        self.column.start_search()

    def action_next_hit(self) -> None:
        self.column.step_hit(forward=True)

    def action_previous_hit(self) -> None:
        self.column.step_hit(forward=False)

    def action_next_document(self) -> None:
        self._step_document(1)

    def action_previous_document(self) -> None:
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        # Files still being read count: right after start-up the whole library is.
        keys = [e.key for e in self.library.entries if e.error is None]
        if not keys:
            return
        here = self.column.open_key or self.current_key  # a document still loading counts
        start = 0 if step > 0 else len(keys) - 1
        index = keys.index(here) + step if here in keys else start
        if 0 <= index < len(keys):
            self.open_document(keys[index])
        else:
            notify_info(self, "No next document" if step > 0 else "No previous document", timeout=2)

    # -- showing and hiding the library --------------------------------------------------------

    def action_toggle_library(self) -> None:
        """Show the library (and focus it) or hide it (the text gets its room)."""
        library = self.library
        self._library_made_way = False
        if library.display:
            library.display = False
            self.set_focus(self.reader)
        else:
            self.show_library()

    def show_library(self) -> None:
        """Show the library (hidden or not) and focus its list."""
        self._library_made_way = False
        self.library.display = True
        self.set_focus(self.library.table)

    @on(ReadingPane.PanelToggled)
    def _panel_toggled(self, message: ReadingPane.PanelToggled) -> None:
        """Beside the open annotations panel the text keeps its measure: the library makes
        way when there is no room for all three, and comes back when the panel closes."""
        library = self.library
        if message.open and library.display and not self._room_for_library():
            library.display = False
            self._library_made_way = True
            if self.focused is None or library in self.focused.ancestors_with_self:
                self.set_focus(self.reader)
        elif not message.open and self._library_made_way:
            self._library_made_way = False
            library.display = True

    def _room_for_library(self) -> bool:
        """Whether library, text (at its full measure) and side panel fit side by side."""
        reader = self.reader
        chrome = reader.outer_size.width - reader.scrollable_content_region.width + 1
        width = self.query_one("#main").size.width
        room = width - self.library.outer_size.width - self.pane.side_width
        return room >= reader.measure + chrome

    # -- codebook and corpus search (their screens) --------------------------------------------

    def action_codebook(self) -> None:
        from tui_reader.ui.screens.codebook import CodebookScreen

        self.app.push_screen(CodebookScreen(self.workspace), self._codebook_closed)

    def _codebook_closed(self, passage: Passage | None) -> None:
        self.pane.reload()  # tags may have been renamed or recoloured
        if passage is None:
            return
        annotation = passage.annotation
        if passage.line is None:
            notify_warning(
                self,
                f"{annotation.document} cannot be read (moved or deleted?): its annotation is "
                "kept, and can be exported.",
            )
            return
        if annotation.status == AnchorStatus.ORPHAN:
            notify_warning(
                self,
                "This annotation is orphaned: its passage is no longer in the document; the "
                "caret is where it used to be.",
            )
        self.show_offset(annotation.document, annotation.start)

    def action_goto_page(self) -> None:
        from tui_reader.ui.screens.goto_page import GotoPageDialog

        doc = self.reader.document
        if doc is None or not doc.pages:
            self.notify("This document has no pages.", severity="warning", markup=False)
            return
        current = doc.page_at(self.reader.caret) or 1
        self.app.push_screen(GotoPageDialog(len(doc.pages), current), self._goto_page_chosen)

    def _goto_page_chosen(self, page: int | None) -> None:
        doc = self.reader.document
        if page is None or doc is None or not doc.pages:
            return
        reader = self.reader
        reader.move_caret(doc.page_start(page), select=False)
        reader.scroll_to(y=reader.line_number, animate=False)  # the page starts at the top
        self.set_focus(reader)

    def action_corpus_search(self) -> None:
        from tui_reader.ui.screens.corpus_search import CorpusSearchScreen

        self.app.push_screen(CorpusSearchScreen(self.workspace), self._corpus_search_closed)

    def _corpus_search_closed(self, hit: CorpusHit | None) -> None:
        if hit is not None:
            self.show_offset(hit.key, hit.start, search=hit.query or None)

    # -- analysis: query view, reports, coding stripes -----------------------------------------

    def action_query(self) -> None:
        from tui_reader.ui.screens.query import QueryScreen

        self.app.push_screen(QueryScreen(self.workspace), self._codebook_closed)

    def action_reports(self) -> None:
        from tui_reader.ui.screens.reports import ReportsScreen

        self.app.push_screen(ReportsScreen(self.workspace), self._codebook_closed)

    def action_document_memo(self) -> None:
        """Write the open document's memo (Markdown, saved with ctrl+s)."""
        from tui_reader.core.analysis.memos import Memo, MemoKind
        from tui_reader.ui.screens.memo_dialog import MemoDialog

        key = self.current_key
        if key is None:
            self.notify("Open a document first.", markup=False)
            return
        store = self.workspace.store
        old = store.memo(MemoKind.DOCUMENT, key)

        def save(text: str) -> None:
            store.put_memo(old.evolve(text=text) if old else Memo(MemoKind.DOCUMENT, key, text))

        title = f"Memo: {self.document.title if self.document else key}"
        self.app.push_screen(MemoDialog(title, old.text if old else "", save))

    def action_journal(self) -> None:
        """Write a new dated entry of the project journal."""
        from tui_reader.core.analysis.memos import Memo, MemoKind
        from tui_reader.ui.screens.memo_dialog import MemoDialog

        store = self.workspace.store

        def save(text: str) -> None:
            store.put_memo(Memo(MemoKind.JOURNAL, "", text))

        earlier = store.memos(MemoKind.JOURNAL)
        self.app.push_screen(MemoDialog("Journal: new entry", "", save, earlier))

    def action_document_details(self) -> None:
        from tui_reader.ui.screens.document_details import show_details

        show_details(self)

    def action_toggle_stripes(self) -> None:
        self.pane.show_stripes(not self.pane.stripes_shown)

    # -- coders: whose coding is shown, compare two -----------------------------------------

    def action_next_coder_view(self) -> None:
        """Show every coder's annotations, only mine, or each other coder's in turn."""
        store = self.workspace.store
        view = self.workspace.coder_view.following(store.coder, list(store.coder_counts()))
        self.show_coders(view.only)

    def show_coders(self, only: str | None) -> None:
        """Show every coder's annotations (None) or those of coder ``only``; the library's
        counts (and the codebook's, when opened) follow."""
        view = CoderView(only)
        self.workspace.coder_view = view
        self.notify(f"Showing {view.label(self.workspace.store.coder)}.", timeout=3, markup=False)
        self.pane.reload()
        self.library.recount()

    def action_compare_coders(self) -> None:
        """My codes and another coder's side by side in the margin (again: back)."""
        pane = self.pane
        if pane.compared is not None:
            pane.compare(None)
            self.notify("Compare view closed.", timeout=3)
            return
        store = self.workspace.store
        me, view = store.coder, self.workspace.coder_view
        others = [c for c, _ in sorted(store.coder_counts().items(), key=lambda i: -i[1])]
        other = (
            view.only if view.only not in (None, me) else next((c for c in others if c != me), None)
        )
        if other is None:
            self.notify(
                f"Only {me} has coded here: merge another coder's database to compare "
                "(tui-reader merge OTHER).",
                title="Nothing to compare",
                severity="warning",
                markup=False,
            )
            return
        self.compare_with(other)

    def compare_with(self, other: str) -> None:
        """My codes and ``other``'s side by side in the margin."""
        pane = self.pane
        me = self.workspace.store.coder
        pane.compare((me, other))
        found = len(pane.disagreements)
        self.notify(
            f"Left: {me}, right: {other}. {found} place{'s' if found != 1 else ''} where you "
            "disagree in this document: d / D go from one to the next.",
            title="Compare coders",
            timeout=6,
            markup=False,
        )

    def action_next_disagreement(self) -> None:
        self._to_disagreement(forward=True)

    def action_previous_disagreement(self) -> None:
        self._to_disagreement(forward=False)

    def _to_disagreement(self, forward: bool) -> None:
        pane = self.pane
        if pane.compared is None:
            self.notify("Compare two coders first (K).", timeout=3)
            return
        caret = self.reader.caret
        starts = [start for start, _ in pane.disagreements]
        chosen = (
            next((s for s in starts if s > caret), None)
            if forward
            else next((s for s in reversed(starts) if s < caret), None)
        )
        if chosen is None:
            self.notify("No more disagreements this way.", timeout=3)
            return
        self.show_offset(self.current_key or "", chosen)
