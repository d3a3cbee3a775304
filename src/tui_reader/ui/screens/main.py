"""The main screen: library | reading view | side panel, with search and reading positions.

The ``#side`` container on the right is empty here: panels that show annotations mount
into it (and show it by adding the ``-open`` class).
"""

from __future__ import annotations

import threading
import time
from array import array
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.preview import load_preview
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.search.hits import Hits, find_hits, hit_after, hit_before
from tui_reader.reading.marks import FixedLengthMarks, Mark, MarkKind
from tui_reader.ui import keymap
from tui_reader.ui.widgets.annotated_reader import AnnotatedReader
from tui_reader.ui.widgets.highlighted_reader import SIDE_WIDTH
from tui_reader.ui.widgets.library import Library, LibraryEntry
from tui_reader.ui.widgets.reader import DEFAULT_MEASURE, ReaderView
from tui_reader.ui.widgets.search_bar import SearchBar
from tui_reader.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui_reader.core.annotations.passages import Passage
    from tui_reader.core.search.corpus import CorpusHit
    from tui_reader.core.workspace import Workspace

MAX_HITS = 10_000_000  # search hits kept per document (8 bytes each)
NO_HITS = Hits(array("q"), 0)
SEARCH_PROMPT = "Search (a capital letter makes it exact) — enter to find"
PREVIEW_SETTLE = 0.15  # seconds the first screen of a big file gets to reach the terminal
SAVE_DELAY = 1.5  # seconds of stillness before the reading position is written


class MainScreen(Screen[None]):
    """Library, reading view and status line."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("main", "find")

    def __init__(
        self, workspace: Workspace, open_key: str | None = None, *, measure: int = DEFAULT_MEASURE
    ) -> None:
        super().__init__()
        self.measure = measure
        self.workspace = workspace
        self.open_key = open_key
        self.current_key: str | None = None
        self.annotation_count = 0
        self.previewing = False  # the reader shows the beginning of a document still loading
        self.query_text = ""
        self.hits = NO_HITS
        self.hit_index: int | None = None
        self._search_message = ""
        self._saved: dict[str, int] = {}
        self._save_timer: Timer | None = None
        self._save_failed = False
        self._candidates: list[str] = []
        self._pending_search: tuple[str, str] | None = None  # (key, query) once it opens
        self._auto_open = False
        self._scan_started = False
        self._reader: ReaderView | None = None
        self._library: Library | None = None
        self._library_made_way = False  # hidden to give the text room beside the side panel

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Library(id="library")
            with AnnotatedReader(
                self.workspace, id="annotated", on_panel_toggled=self._panel_toggled
            ):
                with Vertical(id="reader-pane"):
                    yield Static(Text("No document open"), id="doc-title")
                    yield ReaderView(id="reader", measure=self.measure)
                    yield SearchBar(placeholder=SEARCH_PROMPT, id="search")
                    yield StatusLine(id="status")
                yield Vertical(id="side")
        yield Footer()

    @property
    def reader(self) -> ReaderView:
        if self._reader is None:
            self._reader = self.query_one("#reader", ReaderView)
        return self._reader

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = self.query_one("#library", Library)
        return self._library

    @property
    def document(self) -> Document | None:
        return self.reader.document

    def on_mount(self) -> None:
        files = self.workspace.files
        self.library.set_entries(
            [LibraryEntry(key=self.workspace.key(f.path), rel=f.rel, loading=True) for f in files]
        )
        # The first document shows before the library is scanned: scanning loads every file
        # and would compete with it for the interpreter.
        self._candidates = [self.workspace.key(f.path) for f in files if f.format is not None]
        if self.open_key is not None:
            self.open_document(self.open_key)
            self.reader.focus()
        else:
            self.library.table.focus()
            self._open_next_candidate()
        if not files:
            self._set_title(Text(f"No documents in {self.workspace.corpus}"))

    # -- the library pane ------------------------------------------------------------------

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

    def _panel_toggled(self, panel_open: bool) -> None:
        """Beside the open annotations panel the text keeps its measure: the library makes
        way when there is no room for all three, and comes back when the panel closes."""
        library = self.library
        if panel_open and library.display and not self._room_for_library():
            library.display = False
            self._library_made_way = True
            if self.focused is None or library in self.focused.ancestors_with_self:
                self.set_focus(self.reader)
        elif not panel_open and self._library_made_way:
            self._library_made_way = False
            library.display = True

    def _room_for_library(self) -> bool:
        """Whether library, text (at its full measure) and side panel fit side by side."""
        reader = self.reader
        chrome = reader.outer_size.width - reader.scrollable_content_region.width + 1
        width = self.query_one("#main").size.width
        return width - self.library.outer_size.width - SIDE_WIDTH >= reader.measure + chrome

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

    # -- documents -----------------------------------------------------------------------

    def _document(self, key: str) -> Document:
        """Load through the workspace cache (one load per key, even from two threads)."""
        return self.workspace.document(key)

    def open_document(self, key: str, caret: int | None = None) -> None:
        """Load ``key`` in a worker and show it with the caret at ``caret`` (a code point),
        by default at its saved reading position."""
        self.save_position()
        self.open_key = key
        self._set_title(Text(f"Opening {self.workspace.path(key).name}…", style="italic"))
        self._load(key, caret)

    def show_offset(self, key: str, offset: int, search: str | None = None) -> None:
        """Open document ``key`` (unless it is open) with the caret and view on ``offset``;
        with ``search``, search it there too (so ``n``/``N`` go on from the hit)."""
        reader = self.reader
        self._pending_search = None if search is None else (key, search)
        if key == self.current_key == self.open_key and not self.previewing:
            reader.move_caret(offset, select=False)
            reader.scroll_to(y=max(0, reader.line_number - reader.size.height // 3), animate=False)
            if self.document is not None:
                self._search_when_open(key, self.document)
        else:
            self.open_document(key, offset)
        self.set_focus(reader)

    def _search_when_open(self, key: str, doc: Document) -> None:
        pending, self._pending_search = self._pending_search, None
        if pending is not None and pending[0] == key:
            self.query_text = pending[1]
            self._search(doc, pending[1], self.reader.caret)

    @work(thread=True, exclusive=True, group="open")
    def _load(self, key: str, caret: int | None = None) -> None:
        try:
            store = self.workspace.store
            position = store.reading_position(key) if caret is None else caret
            count = len(self.workspace.coder_view.filter(store.annotations(key)))
            # A big file shows its beginning at once while the whole of it loads.
            preview = load_preview(self.workspace.path(key))
            if preview is not None and (position or 0) <= len(preview.text) // 2:
                painted = threading.Event()
                self.app.call_from_thread(self._show, key, preview, position, count, True)
                self.app.call_from_thread(self.call_after_refresh, painted.set)
                # Loading holds the interpreter for long stretches: let the screen paint, and
                # Textual's writer thread send it to the terminal, before starting.
                painted.wait(timeout=2.0)
                time.sleep(PREVIEW_SETTLE)
            doc = self._document(key)
        except TuiReaderError as exc:
            self.app.call_from_thread(self._load_failed, key, str(exc))
            return
        self.app.call_from_thread(self._show, key, doc, position, count)

    def _load_failed(self, key: str, message: str) -> None:
        if key != self.open_key:
            return  # another document was asked for meanwhile
        if self._auto_open:
            self._open_next_candidate()  # its problem shows greyed in the library
            return
        self._start_scan()
        self.notify(message, title="Cannot open", severity="error", timeout=8, markup=False)
        entry = self.library.entry(key)
        if entry is not None:  # greyed in the library with the reason, like unreadable files
            reason = message.removeprefix(f"{self.workspace.path(key)}: ")
            self.library.update_entry(replace(entry, error=reason, loading=False))
        shown = self.document
        if self.current_key == key or shown is None:
            self._set_title(Text(f"Cannot open {key}", style="italic"))
            self.current_key = None
            self.previewing = False
            self.reader.set_document(None)
        else:
            # The document on show stays, and the title keeps naming it.
            self.open_key = self.current_key
            title = Text(shown.title, style="bold")
            if self.previewing:
                title.append("  (loading the rest…)", style="italic dim")
            self._set_title(title)

    def _show(
        self,
        key: str,
        doc: Document,
        position: int | None,
        count: int,
        preview: bool = False,
    ) -> None:
        if key != self.open_key:
            return  # a load that finished after another document was asked for
        reader = self.reader
        self._auto_open = False
        if not preview:
            self._start_scan()
        if self.previewing and key == self.current_key and not preview:
            # The whole document replaces its preview: keep the caret and the view.
            self.previewing = False
            reader.set_document(doc, caret=reader.caret, top=reader.top_offset)
            self._set_title(Text(doc.title, style="bold"))
            self._update_status()
            self._search_when_open(key, doc)
            return
        self.save_position()
        self.current_key = key
        self.previewing = preview
        self.annotation_count = count
        self._clear_search()
        title = Text(doc.title, style="bold")
        if preview:
            title.append("  (loading the rest…)", style="italic dim")
        self._set_title(title)
        reader.set_document(doc, caret=position or 0)
        self._saved[key] = reader.caret
        self.library.set_current(key)
        self.library.update_position(key, position=reader.caret)
        self._update_status()
        if not preview:
            self._search_when_open(key, doc)

    def action_next_document(self) -> None:
        self._step_document(1)

    def action_previous_document(self) -> None:
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        # Files still being read count: right after start-up the whole library is.
        keys = [e.key for e in self.library.entries if e.error is None]
        if not keys:
            return
        here = self.open_key or self.current_key  # a document still loading counts
        start = 0 if step > 0 else len(keys) - 1
        index = keys.index(here) + step if here in keys else start
        if 0 <= index < len(keys):
            self.open_document(keys[index])
        else:
            self.notify(
                "No next document" if step > 0 else "No previous document", timeout=2, markup=False
            )

    @on(Library.DocumentChosen)
    def _chosen(self, event: Library.DocumentChosen) -> None:
        entry = event.entry
        if entry.error is not None:
            self.notify(
                f"{entry.rel}: {entry.error}", title="Cannot open", severity="warning", markup=False
            )
            return
        if entry.loading:
            self.notify(f"{entry.rel} is still loading", timeout=2, markup=False)
            return
        if entry.key != self.current_key:
            self.open_document(entry.key)
        self.set_focus(self.reader)

    # -- codebook and corpus search (their screens) ----------------------------------------

    def action_codebook(self) -> None:
        from tui_reader.ui.screens.codebook import CodebookScreen

        self.app.push_screen(CodebookScreen(self.workspace), self._codebook_closed)

    def _codebook_closed(self, passage: Passage | None) -> None:
        self.query_one(AnnotatedReader).reload()  # tags may have been renamed or recoloured
        if passage is None:
            return
        annotation = passage.annotation
        if passage.line is None:
            self.notify(
                f"{annotation.document} cannot be read (moved or deleted?): its annotation is "
                "kept, and can be exported.",
                severity="warning",
                markup=False,
            )
            return
        if annotation.status == AnchorStatus.ORPHAN:
            self.notify(
                "This annotation is orphaned: its passage is no longer in the document; the "
                "caret is where it used to be.",
                severity="warning",
                markup=False,
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

    # -- analysis: query view, reports, coding stripes -----------------------------------

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

    def action_toggle_stripes(self) -> None:
        annotated = self.query_one(AnnotatedReader)
        annotated.show_stripes(not annotated.stripes_shown)

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
        self.query_one(AnnotatedReader).reload()
        self.library.recount()

    def action_compare_coders(self) -> None:
        """My codes and another coder's side by side in the margin (again: back)."""
        annotated = self.query_one(AnnotatedReader)
        if annotated.compared is not None:
            annotated.compare(None)
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
        annotated = self.query_one(AnnotatedReader)
        me = self.workspace.store.coder
        annotated.compare((me, other))
        found = len(annotated.disagreements)
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
        annotated = self.query_one(AnnotatedReader)
        if annotated.compared is None:
            self.notify("Compare two coders first (K).", timeout=3)
            return
        caret = self.reader.caret
        starts = [start for start, _ in annotated.disagreements]
        chosen = (
            next((s for s in starts if s > caret), None)
            if forward
            else next((s for s in reversed(starts) if s < caret), None)
        )
        if chosen is None:
            self.notify("No more disagreements this way.", timeout=3)
            return
        self.show_offset(self.current_key or "", chosen)

    # -- reading position ----------------------------------------------------------------

    @on(ReaderView.CaretMoved)
    def _caret_moved(self, event: ReaderView.CaretMoved) -> None:
        self._update_status()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    @on(ReaderView.SelectionChanged)
    def _selection_changed(self, event: ReaderView.SelectionChanged) -> None:
        self._update_status()

    def save_position(self) -> None:
        """Write the caret of the open document to the store (if it moved)."""
        key = self.current_key
        if key is None or self.reader.document is None or self._save_failed or self.previewing:
            return
        caret = self.reader.caret
        if self._saved.get(key) == caret:
            return
        try:
            self.workspace.store.set_reading_position(key, caret)
        except TuiReaderError as exc:
            self._save_failed = True
            self.notify(
                str(exc), title="Reading position not saved", severity="warning", markup=False
            )
            return
        self._saved[key] = caret
        if self.is_mounted and self.library.is_attached:
            self.library.update_position(key, position=caret)

    def on_unmount(self) -> None:
        self.save_position()

    # -- search --------------------------------------------------------------------------

    def action_start_search(self) -> None:
        bar = self.query_one("#search", SearchBar)
        bar.add_class("-active")
        bar.value = ""
        bar.placeholder = (
            f"Search again for “{self.query_text}” (enter), or type a new search"
            if self.query_text
            else SEARCH_PROMPT
        )
        # Focus at once (not after a refresh): keys typed right after "/" go to the prompt.
        self.set_focus(bar)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self._close_search_bar()

    def _close_search_bar(self) -> None:
        self.query_one("#search", SearchBar).remove_class("-active")
        self.set_focus(self.reader)

    @on(SearchBar.Submitted, "#search")
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        self._close_search_bar()
        query = event.value
        doc = self.document
        if self.previewing:
            self.notify(
                "The document is still loading: search again in a moment", timeout=3, markup=False
            )
            return
        query = query or self.query_text  # enter alone repeats the last search, as in less
        if not query or doc is None:
            self._clear_search()
            return
        self.query_text = query
        self._search_message = "searching…"
        self._update_status()
        self._search(doc, query, self.reader.caret)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, doc: Document, query: str, caret: int) -> None:
        hits = find_hits(doc.text, query, limit=MAX_HITS)
        self.app.call_from_thread(self._show_hits, doc, query, hits, caret)

    def _show_hits(self, doc: Document, query: str, hits: Hits, caret: int) -> None:
        if doc is not self.document:
            return
        self.hits = hits
        marks = FixedLengthMarks(hits.starts, hits.length, MarkKind.SEARCH_HIT)
        self.reader.set_mark_source("search", marks)
        if not hits:
            self.hit_index = None
            self.reader.clear_marks("search-current")
            self._search_message = f"“{query}” not found"
            self.notify(f"Pattern not found: {query}", severity="warning", timeout=3, markup=False)
            self._update_status()
            return
        self._goto_hit(hit_after(hits, caret - 1))

    def _goto_hit(self, index: int | None) -> None:
        if index is None or not self.hits:
            return
        self.hit_index = index
        start, end = self.hits[index]
        self.reader.set_marks("search-current", [Mark(start, end, MarkKind.SEARCH_CURRENT)])
        more = "+" if self.hits.truncated else ""
        self._search_message = f"“{self.query_text}” {index + 1}/{len(self.hits)}{more}"
        self.reader.move_caret(start)
        self._update_status()

    def action_next_hit(self) -> None:
        if not self.hits:
            self.notify("No search: press / to search", timeout=2, markup=False)
            return
        self._goto_hit(hit_after(self.hits, self.reader.caret))

    def action_previous_hit(self) -> None:
        if not self.hits:
            self.notify("No search: press / to search", timeout=2, markup=False)
            return
        self._goto_hit(hit_before(self.hits, self.reader.caret))

    @on(ReaderView.Cleared)
    def _reader_cleared(self) -> None:
        self._clear_search()

    def _clear_search(self) -> None:
        self.hits = NO_HITS
        self.hit_index = None
        self._search_message = ""
        reader = self.reader
        reader.clear_marks("search")
        reader.clear_marks("search-current")
        self._update_status()

    # -- title and status ----------------------------------------------------------------

    def _set_title(self, text: Text) -> None:
        self.query_one("#doc-title", Static).update(text)

    def set_annotation_count(self, count: int) -> None:
        """Show ``count`` annotations for the open document (status line and library)."""
        self.annotation_count = count
        if self.current_key is not None:
            self.library.update_position(self.current_key, annotations=count)
        self._update_status()

    @on(AnnotatedReader.Changed)
    def _annotations_changed(self, event: AnnotatedReader.Changed) -> None:
        self.set_annotation_count(event.count)

    def _update_status(self) -> None:
        status = self.query_one("#status", StatusLine)
        reader = self.reader
        doc = reader.document
        if doc is None:
            status.show("", self._search_message)
            return
        caret = reader.caret
        layout = reader.layout_engine
        total = len(doc.text)
        percent = 100 if total == 0 else round(100 * caret / total)
        approx = "" if layout.is_exact else "~"
        parts = [f"{percent}%", f"line {layout.line_of(caret) + 1}/{approx}{layout.line_count}"]
        if doc.pages:
            parts.insert(0, f"p. {doc.page_at(caret)}/{len(doc.pages)}")
        turn = doc.turn_at(caret)
        if turn is not None:
            parts.insert(0, turn.citation)
        selection = reader.selection
        if selection is not None:
            parts.append(f"selected {selection[1] - selection[0]} chars")
        noun = "annotation" if self.annotation_count == 1 else "annotations"
        parts.append(f"{self.annotation_count} {noun}")
        if self._search_message:
            parts.append(self._search_message)
        status.show(doc.path.name, "  ·  ".join(parts))
