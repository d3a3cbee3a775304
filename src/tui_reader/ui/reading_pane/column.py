"""The reading column of the reading pane: the document's title, the text view, the one-line
annotation summary, the search prompt and the status line.

It opens documents (:class:`~tui_reader.ui.reading_pane.loading.DocumentLoader`), saves the
reading position (:class:`~tui_reader.ui.reading_pane.positions.ReadingPositions`), searches
the document (:class:`~tui_reader.ui.reading_pane.search.DocumentSearch`) and keeps the status
line; what it shows about annotations is bound down from the pane.  Offsets are code points.
"""

from __future__ import annotations

import os
import stat
import time
from math import inf
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Input, Static

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.display import shown, shown_text, without_bidi
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.safe_read import not_regular, unreadable_now
from tui_reader.core.documents.stamps import Stamp, file_stamp
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.wording import capped
from tui_reader.core.workspace import Workspace
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import SAID_AT_MOST, notify_info, notify_warning
from tui_reader.ui.reading_pane.coders import Disagreements
from tui_reader.ui.reading_pane.loading import DocumentLoader
from tui_reader.ui.reading_pane.opening_keys import KeysWhileOpening
from tui_reader.ui.reading_pane.positions import ReadingPositions
from tui_reader.ui.reading_pane.status_line import StatusLine
from tui_reader.ui.store_poll import StoreUnreadable
from tui_reader.ui.widgets.finished_lines import KeptLines
from tui_reader.ui.widgets.reader import DEFAULT_MEASURE, ReaderView

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui_reader.core.annotations.passages import Passage
    from tui_reader.ui.reading_pane.line_filter import LineFilter
    from tui_reader.ui.reading_pane.search import DocumentSearch
    from tui_reader.ui.reading_pane.search_bar import SearchBar

FILE_CHECK_SECONDS = 2.0  # how often the shown document's file is looked at (one stat)
SEARCH_PROMPT = "Search (a capital letter makes it exact) — enter to find"
# The prompt in shorter forms, the first that fits whole shown (at 80 columns beside the
# library it was cut in a word: "Search (a capital letter makes it exac").
SEARCH_PROMPTS = (
    SEARCH_PROMPT,
    "Search (a capital letter makes it exact)",
    "Search (Capital: exact)",
    "Search",
)


# less's &pattern: the prompt, in shorter forms too
FILTER_PROMPTS = (
    "Show only the lines holding (enter; empty: every line)",
    "Only the lines holding (empty: all)",
    "Filter lines",
)


def search_again_prompts(query: str) -> tuple[str, ...]:
    """The prompt after a search of ``query``: enter searches for it again."""
    from tui_reader.reading.highlights import excerpt

    short = excerpt(query, 20)
    return (
        f"Search again for “{query}” (enter), or type a new search",
        f"Search again for “{short}” (enter), or type a new search",
        f"enter: “{short}” again, or type a new search",
        f"enter: “{short}” again",
        "enter: search again",
        "Search",
    )


def _search_bar_class() -> type[SearchBar]:
    """The search prompt: its module loads with the prompt, at the first ``/``."""
    from tui_reader.ui.reading_pane.search_bar import SearchBar

    return SearchBar


class DocumentTitle(KeptLines, Static):
    """The document's title over the text: its line drawn again only when it changes."""


class ReadingColumn(Vertical):
    """Title, text, summary, search prompt and status line of one document."""

    BLANK = True  # wholly covered by them (see main.MainScreen)

    MOUNTED_WHEN_SHOWN = (_search_bar_class,)  # the help lists its keys before it is shown
    # Bound from the reading pane: what the summary line and the status line say.
    annotation_count: reactive[int | None] = reactive(0, init=False)  # None: being placed
    current: reactive[Annotation | None] = reactive(None, init=False)
    codebook: reactive[tuple[Tag, ...]] = reactive((), init=False)
    side_open: reactive[bool] = reactive(False, init=False)

    class Opened(FieldMessage):
        """``key`` is shown (only its beginning while ``preview``)."""

        key: str
        preview: bool
        changed: bool = False  # opened again because its file changed on disk

    class OpenFailed(FieldMessage):
        """``key`` could not be opened, for ``reason`` (naming the file); ``problem``: the
        reason without the name."""

        key: str
        reason: str
        problem: str

    class FileGone(FieldMessage):
        """The file of ``key``, on show, is gone or unreadable, for ``reason``; None: it is
        back (its text was kept on show meanwhile)."""

        key: str
        reason: str | None

    class Left(FieldMessage):
        """The file of ``key``, on show, was written over by an export: it is no longer
        shown (no longer a document)."""

        key: str

    class PositionSaved(FieldMessage):
        """The reading position of ``key`` was written: ``caret``."""

        key: str
        caret: int

    def __init__(
        self, workspace: Workspace, *, measure: int = DEFAULT_MEASURE, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.loader = DocumentLoader(self, workspace)
        self.keys_while_opening = KeysWhileOpening(self)
        self.positions = ReadingPositions(self, workspace.store)
        self.key: str | None = None  # the document shown
        self.open_key: str | None = None  # the document asked for last (maybe still loading)
        self.previewing = False  # only the beginning of a big file is shown, still loading
        # (key, query, the caret put on its hit) searched once it opens
        # (key, query, placed, literal): a search to run once key's document is in
        self._pending_search: tuple[str, str, bool, bool] | None = None
        # A search under way keeps the prompt, and the keys typed behind its enter, until its
        # first hit is shown (then they go to the text, in the order typed).
        self._prompt_waits = False
        self._filter_prompt = False  # the prompt asks for a filter (&), not a search (/)
        self._stamp: Stamp | None = None  # of the shown document's file when it was read
        self._gone_said: str | None = None  # the key whose file was said to be gone
        self._reopening: tuple[str, int] | None = None  # (key, top offset) of a changed file
        self._reopened_said: tuple[str, float] = ("", -inf)  # "changed on disk": key, when
        self._search: DocumentSearch | None = None  # made at the first search (search)
        self._line_filter: LineFilter | None = None  # and filter (line_filter)
        self._disagreements: Disagreements | None = None  # two coders compared (K)
        # Kept (not queried): the position is saved when the screen goes, children first.
        self._reader = ReaderView(id="reader", measure=measure)
        self._status = StatusLine(id="status")  # kept too: it changes with every key
        self._summary_mounted = False

    def compose(self) -> ComposeResult:
        yield DocumentTitle(Text("No document open"), id="doc-title")
        yield self._reader
        # The summary line mounts under the text with the first annotation under the caret
        # (watch_current: a first screen mostly has none), the search prompt above the status
        # line at the first "/".
        yield self._status

    def watch_current(self, annotation: Annotation | None) -> None:
        if annotation is None or self._summary_mounted:
            return
        from tui_reader.ui.reading_pane.details import AnnotationSummary

        self._summary_mounted = True
        column = ReadingColumn
        with self._context():  # bound to this column's reactives, as if composed here
            summary = AnnotationSummary(id="annotate-summary").data_bind(
                column.codebook, annotation=column.current, side_open=column.side_open
            )
        self.mount(summary, after=self._reader)

    @property
    def reader(self) -> ReaderView:
        return self._reader

    @property
    def document(self) -> Document | None:
        return self.reader.document

    @property
    def search(self) -> DocumentSearch:
        """The search of the document (``/``), made when first asked for: its module, and
        the line filter's, load with the first search, not with the first screen."""
        if self._search is None:
            from tui_reader.ui.reading_pane.search import DocumentSearch

            self._search = DocumentSearch(self, self.reader)
        return self._search

    def current_hit(self) -> tuple[int, int] | None:
        """The search's current hit (the one ``n`` and ``N`` went to last), None with none
        (no search made: none is made to answer)."""
        search = self._search
        if search is None or search.index is None or not search.hits:
            return None
        start, end = search.hits[search.index]
        return start, end

    @property
    def line_filter(self) -> LineFilter:
        """The filter of the lines shown (``&``), made when first asked for."""
        if self._line_filter is None:
            from tui_reader.ui.reading_pane.line_filter import LineFilter

            self._line_filter = LineFilter(self, self.reader)
        return self._line_filter

    def on_mount(self) -> None:
        # The status line follows the caret in the same frame: a watcher runs as the caret
        # changes, where the CaretMoved message would be handled a frame later.
        self.watch(self.reader, "caret", self.update_status, init=False)
        self.set_interval(FILE_CHECK_SECONDS, self.reopen_if_changed)

    def watch_annotation_count(self) -> None:
        self.update_status()

    # -- opening documents ---------------------------------------------------------------------

    def open(self, key: str, caret: int | None = None) -> None:
        """Load ``key`` in a worker and show it with the caret at ``caret`` (a code point),
        by default at its saved reading position."""
        self.save_position()
        self.open_key = key
        loaded = self.loader.load_now(key, caret)
        if isinstance(loaded, DocumentLoader.DocumentLoaded):
            self._document_loaded(loaded)
        elif isinstance(loaded, DocumentLoader.LoadFailed):
            self._load_failed(loaded)
        else:
            name = shown(self.workspace.path(key).name)  # a file name: any character
            self.set_title(Text(f"Opening {name}…", style="italic"))
            if self.key is not None and key != self.key:
                # Another document than the one on show (not it opened again, its file
                # changed; nor the first, at a start, while the library has the keys).
                self.keys_while_opening.begin()
            self.loader.start(key, caret)

    def reopen_if_changed(self) -> None:
        """Open the shown document again when its file changed on disk (edited in another
        program): the text, and the annotations placed in it, are the file's again, at the
        same place in the text.  A file gone or unreadable leaves the text on show, said once:
        what is coded meanwhile is kept, and placed again when the file is back."""
        key, document = self.key, self.document
        if key is None or document is None or self.previewing or self.open_key != key:
            return
        try:
            stamp = file_stamp(self.workspace.path(key))
            if stamp != self._stamp:  # replaced by a folder, a FIFO: no file to open again
                _a_regular_file(self.workspace.path(key))
        except TuiReaderError as exc:
            if self._gone_said != key:
                self._gone_said = key
                reason = exc.reason if isinstance(exc, DocumentError) else str(exc)
                notify_warning(
                    self,
                    f"{shown(self.workspace.path(key).name)}: {shown(reason)}; its text stays on "
                    "show, and what you code is kept for it",
                )
                self.post_message(self.FileGone(key, reason))  # the library marks its row
            return
        if self._gone_said is not None:
            self.post_message(self.FileGone(key, None))
        self._gone_said = None
        if stamp == self._stamp:
            return
        self._stamp = stamp  # once per change, however long the load takes
        path = self.workspace.path(key)
        # (loaded here: the corpus module is not one the first screen needs)
        from tui_reader.core.documents.corpus import written_by_us

        if written_by_us(str(path)):  # an export written over it (export > doc.txt)
            self._left(key, path)
            return
        self._reopening = (key, self.reader.top_offset)
        # A file written again and again (a transcript or a log growing as it is read) is
        # said once while that notice is on show: one for each change stacked up over the
        # text.
        now = time.monotonic()
        said_key, said_at = self._reopened_said
        if said_key != key or now - said_at >= self.app.NOTIFICATION_TIMEOUT:
            self._reopened_said = (key, now)
            notify_info(self, f"{shown(self.workspace.path(key).name)} changed on disk: reopened")
        self.open(key, caret=self.reader.caret)

    def _left(self, key: str, path: Path) -> None:
        """The file of ``key``, on show, written over by an export of ours: no longer a
        document (the library leaves it out), so not shown as one: said, and left (its
        reading position saved, its annotations kept in the database, untouched)."""
        self.save_position()
        notify_warning(
            self,
            f"{shown(path.name)}: written over by a tui-reader export, no longer a document: "
            "left; its annotations are kept",
        )
        self.set_title(Text(f"{shown(path.name)}: no longer a document", style="italic"))
        self.key = self.open_key = None
        self.previewing = False
        self.reader.set_document(None)
        self.post_message(self.Left(key))

    def show_offset(self, key: str, offset: int, search: str | None = None) -> None:
        """Open ``key`` (unless it is open) with the caret and view on ``offset``; with
        ``search``, search it there too (so ``n``/``N`` go on from the hit)."""
        reader = self.reader
        # (the corpus search's hit: its query found as typed, as F finds it)
        self._pending_search = None if search is None else (key, search, True, True)
        if key == self.key == self.open_key and not self.previewing:
            reader.move_caret(offset, select=False)
            reader.scroll_to(
                y=max(0, reader.line_number - reader.size.height // 3),
                animate=False,
                immediate=True,
            )
            if self.document is not None:
                self._search_when_open(key, self.document)
        else:
            self.open(key, offset)
        focus_now(reader)

    def say_if_gone(self, key: str) -> None:
        """A place in ``key`` chosen in another view (a passage, a hit): when it is the open
        document and its file is gone, one line says the place is shown in its text kept."""
        why = unreadable_now(self.workspace.path(key)) if key == self.key == self.open_key else None
        if why is not None:
            notify_warning(
                self,
                f"{shown(self.workspace.path(key).name)}: {why}; this is its text kept on show",
            )

    def show_passage(self, passage: Passage) -> bool:
        """Go to a passage chosen in another view (codebook, query, reports), saying why
        when it cannot be shown where it was coded; False when its document cannot be read
        (the caller offers to place it in another)."""
        annotation = passage.annotation
        document = self.document
        if (
            passage.line is None
            and annotation.document == self.key == self.open_key
            and document is not None
            and document.text[annotation.start : annotation.end] == annotation.quote
        ):
            # The open document's file is gone, its text kept on show: the passage is there.
            self.say_if_gone(annotation.document)
            self.show_offset(annotation.document, annotation.start)
            return True
        if passage.line is None:
            return False
        if annotation.status == AnchorStatus.ORPHAN:
            notify_warning(
                self,
                "This annotation is orphaned: its passage is no longer in the document; the "
                "caret is where it used to be.",
            )
        self.show_offset(annotation.document, annotation.start)
        return True

    def goto_page(self) -> None:
        """Ask for a page number (documents with pages: PDF) and show that page at the top."""
        from tui_reader.ui.screens.goto_page import GotoPageDialog

        doc, reader = self.document, self.reader
        if doc is None:  # nothing open: no document to say has no pages
            notify_info(self, "Open a document first.")
            return
        if not doc.pages:
            notify_warning(self, "This document has no pages.")
            return

        def chosen(page: int | None) -> None:
            if page is None or doc is not reader.document:
                return
            reader.move_caret(doc.page_start(page), select=False)
            reader.scroll_to(y=reader.line_number, animate=False)  # the page starts at the top
            focus_now(reader)

        current = doc.page_at(reader.caret) or 1
        self.app.push_screen(GotoPageDialog(len(doc.pages), current), chosen)

    def write_memo(
        self,
        key: str | None = None,
        name: str = "",
        *,
        text: str | None = None,
        closed: Callable[[object], None] | None = None,
    ) -> None:
        """Write the memo (Markdown, saved with ctrl+s) of the document ``key`` (named
        ``name``), by default of the open one; ``text``: what the editor opens with, rather
        than the memo's (a draft kept); ``closed``: run once the editor closes."""
        from tui_reader.core.analysis.memos import MemoKind
        from tui_reader.ui.screens.memo_dialog import MemoDialog

        if key is None or key == self.key:
            key, name = self.key, self.document.title if self.document else ""
        if key is None:
            notify_info(self, "Open a document first.")
            return
        title = f"Memo: {without_bidi(name) or key}"  # a title: as the text shows it
        workspace, document = self.workspace, key

        def remember() -> None:  # moved with no passage, its file is found by its text
            workspace.remember_texts([document])

        memo = MemoDialog.of(workspace.store, MemoKind.DOCUMENT, key, title, remember, text)
        self.app.push_screen(memo, closed)

    def _search_when_open(self, key: str, document: Document) -> None:
        pending, self._pending_search = self._pending_search, None
        if pending is not None and pending[0] == key:
            _, query, placed, literal = pending
            self.search.search(document, query, self.reader.caret, placed, literal=literal)
        self._search_found()  # (another document opened meanwhile: the prompt waits no more)

    @on(DocumentLoader.DocumentLoaded)
    def _document_loaded(self, message: DocumentLoader.DocumentLoaded) -> None:
        self.call_after_refresh(message.shown.set)  # the loader goes on once it is painted
        key, document = message.key, message.document
        if message.store_problem is not None:  # the text is read all the same
            self.post_message(StoreUnreadable(message.store_problem))
        if key != self.open_key:
            return  # a load that finished after another document was asked for
        reader = self.reader
        reopening, self._reopening = self._reopening, None
        changed = False
        if not message.preview:
            self._stamp = self.workspace.stamp_of_loaded(key, document)
        if self.previewing and key == self.key and not message.preview:
            # The whole document replaces its preview: keep the caret, the selection and
            # the view (a caret sent to the end goes to the new end).
            self.previewing = False
            reader.replace_document(document)
            self._filter_again(document)
        elif reopening is not None and reopening[0] == key == self.key and not message.preview:
            # Its file changed: the same place in the new text (at the same words), the
            # search on it run again there, a selection being made kept where its text still is.
            changed = True
            again = self._search_to_run_again()
            if not reader.show_edited(document, message.caret or 0, top=reopening[1]):
                notify_warning(
                    self,
                    f"{shown(self.workspace.path(key).name)}: the text selected changed in "
                    "the file: the selection is dropped",
                )
            if again is not None:
                self.search.search(document, again[0], reader.caret, literal=again[1], again=True)
            self._filter_again(document)
        else:
            self.save_position()
            self.key = key
            self.previewing = message.preview
            self._clear_search()
            reader.set_document(document, caret=message.caret or 0)
            self.positions.known(key, reader.caret)
            self._filter_again(document, carried=True)  # as less keeps it from file to file
        if not self.previewing:  # its marks, where they are in this text
            reader.put_named_marks(self.positions.marks_in(key, document.text))
        title = Text(shown_text(document.title), style="bold")
        if self.previewing:
            title.append("  (loading the rest…)", style="italic dim")
        self.set_title(title)
        self.update_status()
        if not self.previewing:
            self._search_when_open(key, document)
            # an EPUB's missing chapters: the first few, the rest counted
            for problem in capped(document.problem_lines(), SAID_AT_MOST):
                notify_warning(self, shown(problem), "Not all of it read", timeout=10)
        self.post_message(self.Opened(key, self.previewing, changed))
        self.keys_while_opening.end()

    @on(DocumentLoader.LoadFailed)
    def _load_failed(self, message: DocumentLoader.LoadFailed) -> None:
        if message.key != self.open_key:
            return  # another document was asked for meanwhile
        on_show = self.document
        reopening, self._reopening = self._reopening, None
        if reopening is not None and reopening[0] == message.key and on_show is not None:
            # Its file changed on disk into something that cannot be read (a program writing
            # it, bytes that are no text): the text stays on show, as for a file gone; the
            # next change of the file opens it again.
            notify_warning(
                self,
                f"{shown(message.reason)}; its text stays on show, and what you code is kept "
                "for it",
            )
            return
        if self.key == message.key or on_show is None:
            self.set_title(Text(f"Cannot open {shown(message.key)}", style="italic"))
            self.key = None
            self.previewing = False
            self.reader.set_document(None)
        else:  # the document on show stays, and the title keeps naming it
            self.open_key = self.key
            title = Text(shown_text(on_show.title), style="bold")
            if self.previewing:
                title.append("  (loading the rest…)", style="italic dim")
            self.set_title(title)
        self.post_message(self.OpenFailed(message.key, message.reason, message.problem))
        self.keys_while_opening.end()

    def set_title(self, text: Text) -> None:
        self.query_one("#doc-title", Static).update(text)

    # -- the caret, the position, the status line ----------------------------------------------

    @on(ReaderView.CaretMoved)
    def _caret_moved(self) -> None:
        self.positions.moved(self.save_position)

    @on(ReaderView.MarkSet)
    def _mark_set(self, message: ReaderView.MarkSet) -> None:
        if self.key is not None and message.document is self.document:
            self.positions.set_mark(self.key, message.letter, message.document.text, message.offset)

    @on(ReaderView.SelectionChanged)
    def _selection_changed(self) -> None:
        self.update_status()

    def save_position(self, *, quitting: bool = False) -> None:
        """Write the caret of the open document to the store (if it moved); ``quitting``:
        the app closes (see :meth:`ReadingPositions.save`)."""
        document = self.document
        if self.key is None or document is None or self.previewing:
            return
        saves = getattr(self.app, "saves", None)
        if not quitting and saves is not None and saves.under_way:
            # a save of seconds holds the store: the place is kept once it is written
            self.positions.moved(self.save_position)
            return
        caret = self.reader.caret
        if self.positions.save(self.key, caret, document.sha256, quitting=quitting):
            self.post_message(self.PositionSaved(self.key, caret))

    def on_unmount(self) -> None:
        self.save_position()

    def show_disagreements(self, places: list[tuple[int, int]] | None) -> None:
        """Say in the status line which of ``places`` (where two compared coders disagree)
        the caret is on; None: no coders compared, nothing said."""
        self._disagreements = None if places is None else Disagreements(places)
        self.update_status()

    def step_disagreement(self, *, forward: bool) -> int | None:
        """Where the next (or previous) disagreement of the compared coders starts, from the
        caret, each once and in order; None when there is none that way (or none compared)."""
        compared = self._disagreements
        return None if compared is None else compared.step(self.reader.caret, forward=forward)

    def update_status(self) -> None:
        reader = self.reader
        compared = self._disagreements
        only, me = self.workspace.coder_view.only, self.workspace.store.coder
        self._status.show_reading(
            reader.document, reader.caret, reader.selection, self.annotation_count,
            self._search.message if self._search else "",
            self._line_filter.message if self._line_filter else "",
            "" if compared is None else compared.figure(reader.caret),
            "" if only is None else "mine" if only == me else f"{only}'s",
        )  # fmt: skip

    # -- in-document search --------------------------------------------------------------------

    def start_search(self, *, filtering: bool = False) -> None:
        """The prompt: a search (``/``), or ``filtering`` the lines shown (``&``)."""
        if not self.is_attached:  # a "/" typed while the screen is taken down (a quit)
            return
        search_bar = _search_bar_class()
        bar = next(self.query("#search").results(search_bar), None)
        if bar is None:
            bar = search_bar(placeholders=SEARCH_PROMPTS, id="search")
            self.mount(bar, before=self._status)
        bar.add_class("-active")
        bar.value = ""
        bar.set_literal(False)  # (less's ^R is for one search)
        self._filter_prompt = filtering
        query = self.search.query
        if filtering:
            bar.set_placeholders(FILTER_PROMPTS)
        else:
            bar.set_placeholders(search_again_prompts(query) if query else SEARCH_PROMPTS)
        # Focus at once (not after a refresh): keys typed right after "/" go to the prompt.
        self.screen.set_focus(bar)

    def on_search_bar_cancelled(self) -> None:  # SearchBar.Cancelled (its module loads later)
        self._close_search_bar()

    def _close_search_bar(self, *, focus_taken: bool = False) -> None:
        """Hide the prompt, the text focused (``focus_taken``: unless the focus went
        elsewhere meanwhile, a click on the library while a search ran)."""
        self._prompt_waits = False
        bar = self._search_bar()
        bar.waiting = False
        bar.remove_class("-active")
        if not focus_taken or bar.has_focus or self.app.focused is None:
            self.screen.set_focus(self.reader)

    def _search_bar(self) -> SearchBar:
        return self.query_one("#search", _search_bar_class())

    def _search_found(self) -> None:
        """The search asked for at the prompt has shown its first hit (or found none, or
        ended): the prompt closes, and the keys typed behind its enter go to the text."""
        if self._prompt_waits and not (self._search is not None and self._search.searching):
            self._close_search_bar(focus_taken=True)

    @on(Input.Submitted, "#search")  # the search prompt's (a SearchBar)
    def _search_submitted(self, event: Input.Submitted) -> None:
        """The search runs in a worker: the prompt stays, holding the keys typed behind
        ``enter``, until its first hit is shown (``/plan``, enter, ``n``, ``v`` typed fast
        started the selection where the caret was before the search, then went to the
        hit: a selection of pages, which ``a`` coded)."""
        event.stop()
        document = self.document
        # A regular expression that is none is said by the search's worker, which compiles
        # it (a long one takes seconds): the search or filter before it kept.
        literal = self._search_bar().literal
        if self._filter_prompt:
            self._filter_submitted(event.value, literal=literal)
            return
        if not event.value:  # enter alone repeats the last search, as in less (^R with it)
            literal = self.search.literal
        query = event.value or self.search.query
        if self.previewing and query and self.key is not None:
            # Searched once the whole text is in (it was dropped: "search again in a moment");
            # the prompt waits for its first hit as for any search, holding the keys typed
            # behind enter (they moved the caret in the beginning shown, and the jump then
            # stretched a selection begun there to the hit)
            self.search.clear()
            self.search.query = query
            self.search.literal = literal
            self.search.message = "searching once the text is in…"
            self._pending_search = (self.key, query, False, literal)
            notify_info(self, "The document is still loading: the search runs once it is in")
            self._prompt_waits = self._search_bar().waiting = True
            self.update_status()
            return
        if not query or document is None:
            self.search.clear()
            self._close_search_bar()
        else:
            self.search.search(document, query, self.reader.caret, literal=literal)
            self._prompt_waits = self._search_bar().waiting = True
        self.update_status()

    def _filter_submitted(self, query: str, *, literal: bool) -> None:
        """``&pattern``, enter: only the lines holding it shown (found in a worker; the
        prompt closes at once, the keys typed behind enter going to the text); ``&`` and
        enter alone: every line again.  While the rest of a big file loads, the filter
        runs on the beginning shown, and again on the whole once it is in."""
        self._close_search_bar()
        document = self.document
        if document is None:
            return
        self.line_filter.run(document, query, literal=literal)
        self.update_status()

    def _filter_again(self, document: Document, *, carried: bool = False) -> None:
        """The filter on, run again on ``document``, the text shown now (the whole of a
        big file after its beginning, the file edited on disk; ``carried``: another document
        opened)."""
        if self._line_filter is not None and self._line_filter.query:
            self._line_filter.run(document, self._line_filter.query, carried=carried)

    # Taken by their handlers' names: their classes load with the first search or filter.
    def on_line_filter_lines_found(self, message: LineFilter.LinesFound) -> None:
        self.line_filter.found(message)
        self.update_status()

    def on_document_search_hits_found(self, message: DocumentSearch.HitsFound) -> None:
        self.search.found(message)
        self.update_status()
        self._search_found()

    def step_hit(self, *, forward: bool) -> None:
        """``n`` / ``N``: the next / previous hit."""
        self.search.step(forward=forward)
        self.update_status()

    def _search_to_run_again(self) -> tuple[str, bool] | None:
        """The search on the text (its query and whether taken as typed), cleared: to be run
        again on the edited text (as less's n goes on in a file changed); None when none."""
        search = self._search
        if search is None or not search.query or not (search.hits or search.searching):
            self._clear_search()
            return None
        again = (search.query, search.literal)
        search.clear()
        return again

    def _clear_search(self) -> None:
        """No search on the text any more (none made yet: none to clear)."""
        if self._search is not None:
            self._search.clear()

    @on(ReaderView.Cleared)
    def _reader_cleared(self) -> None:
        """esc on the text, nothing selected: the search and the notices on show go."""
        self._clear_search()
        self.app.clear_notifications()
        self.update_status()
        self._search_found()


def _a_regular_file(path: Path) -> None:
    """Raises :class:`DocumentError` naming ``path`` when it is no regular file (a folder
    put in its place): it was said "changed on disk: reopened", then that it was a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise DocumentError(path, exc.strerror or "cannot read") from exc
    if not stat.S_ISREG(mode):
        raise DocumentError(path, not_regular(mode))
