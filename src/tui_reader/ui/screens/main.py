"""The main screen: the library beside the reading pane; composition and routing only.

The library lists the corpus and says which document to open; the reading pane
(:mod:`tui_reader.ui.reading_pane`) opens, shows and annotates it.  This screen passes
choices from one to the other, opens the codebook and the corpus search, and keeps the
library's figures (progress, annotation counts) in step with what the pane reports.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen

from tui_reader.core.display import shown
from tui_reader.core.documents.formats import SAID_SUFFIXES
from tui_reader.core.documents.safe_read import unreadable_now
from tui_reader.core.wording import capped
from tui_reader.ui import keymap
from tui_reader.ui.narrow import ONE_PANE_BELOW, PANEL_BESIDE_FROM
from tui_reader.ui.notices import SAID_AT_MOST, notify_error, notify_info, notify_warning
from tui_reader.ui.reading_pane import SEARCH_PROMPT, ReadingColumn, ReadingPane
from tui_reader.ui.reading_pane.coders import Coders
from tui_reader.ui.save_wait import saves_of
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.screens.start_up import StartUp
from tui_reader.ui.showing import show
from tui_reader.ui.store_poll import StoreChanged
from tui_reader.ui.widgets.library import Library
from tui_reader.ui.widgets.reader import DEFAULT_MEASURE, ReaderView
from tui_reader.ui.widgets.steady_footer import SteadyFooter
from tui_reader.ui.widgets.view_header import ViewHeader

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.css.query import QueryType
    from textual.widget import Widget

    from tui_reader.core.annotations.passages import Passage
    from tui_reader.core.search.corpus import CorpusHit
    from tui_reader.core.workspace import Workspace
    from tui_reader.ui.reading_pane.opening_keys import KeysWhileOpening
    from tui_reader.ui.widgets.library_entry import LibraryEntry

# The views opened over the main screen (key registry actions ``view('name')``).
VIEWS = {
    "codebook": ("tui_reader.ui.screens.codebook", "CodebookScreen"),
    "query": ("tui_reader.ui.screens.query", "QueryScreen"),
    "reports": ("tui_reader.ui.screens.reports", "ReportsScreen"),
    "corpus_search": ("tui_reader.ui.screens.corpus_search", "CorpusSearchScreen"),
}

__all__ = ["SEARCH_PROMPT", "MainScreen"]

# The footer's keys that act on the text on show (offered only when one is).
TEXT_KEYS = frozenset(
    key.id for group in ("reader", "find", "annotate") for key in keymap.keys(group) if key.footer
)


SHORT_BELOW = 16  # rows: a terminal shorter shows the search's and the filter's fields a line high
# rows: a terminal shorter shows its notices without blank lines above and below their words
# (at 80x24 a merge's and the compare's notices hid most of the text)
LOW_BELOW = 30


class MainScreen(StyledOnce, Screen[None]):
    """Library and reading pane, side by side (the screen's layout is horizontal: the header
    and the footer are docked), with no container of their own: a first screen with one
    widget fewer to mount, style and lay out."""

    # Its keys are refused while a save of seconds is written (ReaderApp.run_action): the
    # reading view's actions read the store the save holds (an undo of 19,000 passages).
    REFUSED_WHILE_SAVING = True

    # Wholly covered by the header, the library, the reading pane and the footer, so it
    # draws nothing of its own: Textual draws every container under a changed line again,
    # each frame.
    BLANK = True

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("main", "find", "library.undo")
    # None of the app's width classes (the other screens' -narrow or -wide): the first
    # screen would be styled again at its first size; a narrow one is -one-pane (_fit_width).
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []  # type: ignore[misc]
    # No focus by Textual first: on_mount focuses the text (or the library's list); the
    # library's filter field, first in line, would take it and give it back, styled twice.
    AUTO_FOCUS = ""

    def __init__(
        self, workspace: Workspace, open_key: str | None = None, *, measure: int = DEFAULT_MEASURE
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.measure = measure
        self.start_up = StartUp(workspace, open_key)
        self._library_made_way = False  # hidden to give the text room beside the side panel
        self._library_narrowed = False  # hidden for the text in a narrow terminal
        self._folders_said: set[str] = set()  # the listing's folders not read, said once
        # (a document being opened, and what to do once it is shown in full or cannot be)
        self._then_opened: tuple[str, Callable[[bool], None]] | None = None
        # what waits for the library's first rows on screen (see after_first_rows), and
        # whether the screen opened on them (no document to open at once)
        self._after_first_rows: list[Callable[[], None]] | None = []
        self._opened_on_library = False

    def compose(self) -> ComposeResult:
        yield ViewHeader()
        yield Library(chosen=self._chosen, id="library")
        yield ReadingPane(self.workspace, measure=self.measure, id="annotated")
        yield SteadyFooter()

    # -- typed accessors -----------------------------------------------------------------------

    @property
    def pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def column(self) -> ReadingColumn:
        return self.pane.column

    @property
    def keys_while_opening(self) -> KeysWhileOpening:
        """The keys typed while another document opens, held for it
        (:func:`~tui_reader.ui.reading_pane.opening_keys.held_while_opening`)."""
        return self.column.keys_while_opening

    @property
    def reader(self) -> ReaderView:
        return self.pane.reader

    @property
    def library(self) -> Library:
        return self.query_one(Library)

    # -- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        key, chosen = self.start_up.first()
        self._opened_on_library = key is None
        # In a worker: the first document does not wait for it, nor its first screen.
        self.library.list_files(self.workspace, after_refresh=key is not None, head=key is None)
        self.set_focus(self.reader if chosen else self.library.table)
        if key is not None:
            self.open_document(key)
        else:  # the first corpus file opens when the listing comes (_listed)
            name = shown(self.workspace.corpus.name or str(self.workspace.corpus))
            self.column.set_title(Text(f"Listing {name}…", style="italic"))

    def after_first_rows(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the library's first rows are on screen when the screen opened
        on the library (no document to open at once: its rows are the first screen), else
        now.  The listing of 10,000 files shares the interpreter with what runs meanwhile."""
        waiting = self._after_first_rows
        if waiting is not None and self._opened_on_library:
            waiting.append(then)
        else:
            then()

    def _first_rows_shown(self) -> None:
        waiting, self._after_first_rows = self._after_first_rows, None
        for then in waiting or ():
            then()

    @on(Library.Listed)
    def _listed(self, message: Library.Listed) -> None:
        if message.first and self._after_first_rows is not None:
            self.call_after_refresh(self._first_rows_shown)  # (the library's own refresh)
        # a folder not read, said as it comes: at the start, and while reading (the corpus
        # folder deleted or its drive unmounted was said "2 documents removed", and no more)
        fresh = [problem for problem in message.unreadable if problem not in self._folders_said]
        self._folders_said = set(message.unreadable)  # one read again is said when it goes
        for problem in capped(fresh, SAID_AT_MOST):
            notify_warning(self, problem, "Folder not read", timeout=10)
        # (a folder of files none of which is a document, a program's .so files, has none:
        # the reading view said "Listing c…" for ever)
        documents = [key for key, f in message.files if f.format is not None]
        if not message.first:
            # Files added or removed while reading: the library's rows change; with nothing
            # opened yet (an empty folder filling), what the reading view says follows.
            if self.column.open_key is None:
                self._say_none_open(bool(documents))
            return
        if not documents:
            self._say_none_open(False)
            if not message.unreadable:  # a folder not read is said as such
                notify_info(self, self._how_to_add_documents(), title="No documents", timeout=30)
        waiting = self.start_up.waiting
        self.start_up.listed(documents)
        if waiting:
            self._open_or_scan(self.start_up.next_candidate())

    @on(Library.Relinked)
    def _relinked(self, message: Library.Relinked) -> None:
        """The open document's file was renamed or moved while it was read, and its
        annotations went with the file: the new file opens at the same place (its text is the
        same), where the text kept on show had lost their highlights."""
        key = self.pane.key
        new = message.moved.get(key) if key is not None else None
        if key is None or new is None or self.workspace.path(key).is_file():
            return
        self.open_document(new, self.reader.caret)

    def _say_none_open(self, listed: bool) -> None:
        if listed:
            self.column.set_title(Text("Choose a document in the library: enter opens it"))
        else:
            self.column.set_title(Text(f"No documents in {shown(self.workspace.corpus)}"))

    def _how_to_add_documents(self) -> str:
        """What to do in an empty corpus: it said "No documents in c" over a blank screen, and
        nothing of which files are read, nor that one saved there is listed at once."""
        return (
            f"Save or copy documents into {shown(self.workspace.corpus)} ({SAID_SUFFIXES}): "
            "each is listed as it comes. tui-reader FOLDER reads another folder."
        )

    def _open_or_scan(self, key: str | None) -> None:
        if key is not None:
            self.open_document(key)
        else:  # the first document shows before the scan competes with it
            self.library.scan(self.workspace)

    # -- the footer ----------------------------------------------------------------------------

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer offers: not those of a text when none is on show (an empty
        corpus said 'v Select  a Annotate  A Annotations  / Search' over nothing), nor the
        library's when it lists no document ('⏎ Open  / Filter').  The keys still run as
        before (``a`` says 'Nothing to annotate here.')."""
        bindings = super().active_bindings
        try:
            reader, library = self.reader, self.library
            rows = library.table.row_count
        except NoMatches:  # the screen is being taken down: no footer to show them
            return bindings
        hidden: set[str] = set()
        if reader.document is None:
            hidden |= TEXT_KEYS
        if not rows:
            hidden.add("library.open")
            if not library.entries:
                hidden.add("library.filter")
        return {
            key: active
            for key, active in bindings.items()
            if not (active.binding.show and active.binding.id in hidden)
        }

    # -- the library and the pane --------------------------------------------------------------

    def open_document(self, key: str, caret: int | None = None) -> None:
        self.column.open(key, caret)

    def open_document_then(self, key: str, then: Callable[[bool], None]) -> None:
        """Open ``key`` (a document of the library), then ``then(True)`` once it is shown in
        full, or ``then(False)`` when it cannot be opened or is not in the library."""
        if self.library.entry(key) is None:
            then(False)
            return
        self._then_opened = (key, then)
        self.open_document(key)

    def _opening_done(self, key: str, shown: bool) -> None:
        waiting = self._then_opened
        if waiting is not None and waiting[0] == key:
            self._then_opened = None
            waiting[1](shown)

    @on(ReadingColumn.Opened)
    def _opened(self, message: ReadingColumn.Opened) -> None:
        self.start_up.opened()
        if not message.preview:
            self.call_later(self._opening_done, message.key, True)
        if not message.preview:
            self._open_or_scan(None)
        if message.key != self.pane.key:
            # Another document was shown before this message came (`>` typed twice in a
            # burst): the text, caret and facts on show are that one's, and so is its row;
            # its own message follows.
            return
        self.library.set_current(message.key)
        self.library.update_position(message.key, position=self.reader.caret)
        entry = self.library.entry(message.key)
        failed = entry is not None and entry.error is not None  # it opens now: no longer grey
        document = self.reader.document
        # Its file edited in place since the library read it (another file was on show: the
        # folder's listing did not change): its row takes the text now shown.
        stale = (
            entry is not None
            and entry.readable  # read by the library (a row still loading has its scan)
            and document is not None
            and not message.preview
            and (entry.words, entry.length) != (document.words, len(document.text))
        )
        if (message.changed or failed or stale) and document is not None:
            self.library.update_facts(message.key, document)

    @on(ReadingColumn.OpenFailed)
    def _open_failed(self, message: ReadingColumn.OpenFailed) -> None:
        self._opening_done(message.key, False)
        if self.start_up.trying:  # quietly: its problem shows greyed in the library
            self._open_or_scan(self.start_up.next_candidate())
            return
        self._open_or_scan(None)
        notify_error(self, message.reason, "Cannot open", timeout=8)
        self.library.mark_failed(message.key, message.problem)

    @on(ReadingColumn.FileGone)
    def _file_gone(self, message: ReadingColumn.FileGone) -> None:
        """The open document's file is gone: its row says so at once (not only at the next
        listing, which drops it), as an unreadable file's; back, the row is as before."""
        if message.reason is None:
            if (document := self.reader.document) is not None:
                self.library.update_facts(message.key, document)
            return
        self.library.mark_failed(message.key, f"{message.reason} (its text kept on show)")

    @on(ReadingColumn.Left)
    def _left(self, message: ReadingColumn.Left) -> None:
        """The open document written over by an export: back to the library, which lists
        the corpus again (its row goes)."""
        self.show_library()

    @on(ReadingColumn.PositionSaved)
    def _position_saved(self, message: ReadingColumn.PositionSaved) -> None:
        self.library.update_position(message.key, position=message.caret)

    @on(ReadingPane.AnnotationsChanged)
    def _annotations_changed(self, message: ReadingPane.AnnotationsChanged) -> None:
        if message.key is not None:
            # the open document's row says the place the caret reached, with its new count:
            # the place saved last (after the caret stops) said "19% read" beside "54%"
            caret = self.reader.caret if message.key == self.pane.key else None
            self.library.update_position(
                message.key, caret, annotations=message.count, coverage=message.coverage
            )

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.pane.store_changed()
        self.library.store_changed()

    @on(Coders.ViewChanged)
    def _coder_view_changed(self) -> None:
        self.library.recount()  # the codebook counts as it opens
        self.column.update_status()  # whose annotations it counts (the count may be the same)

    def _chosen(self, entry: LibraryEntry) -> None:
        """The library's document of ``entry`` chosen (enter, a click): opened, the focus on
        its text.  Not while a save of seconds holds the store (a click on the cursor's row:
        enter is refused with the screen's keys): opening reads the document's passages."""
        if saves_of(self.app).refusing():
            return
        why = unreadable_now(self.workspace.path(entry.key)) if entry.key == self.pane.key else None
        if why is not None:
            # The open document's file is gone, or no file now (a FIFO put in its place):
            # opening it again would read nothing, and the text kept on show (what is coded
            # meanwhile is kept for it) would go with it.
            notify_warning(
                self,
                f"{shown(entry.rel)}: {why}; its text stays on show, and what you code is "
                "kept for it",
            )
        elif entry.error is not None:
            # The file may be readable now (put right, or written again by the program that
            # makes it): it is tried again, and a failure says why once more.
            self.open_document(entry.key)
        else:  # a row the library's scan has not read yet opens too: its facts come with it
            if entry.key != self.pane.key:
                self.open_document(entry.key)
            self.set_focus(self.reader)

    # n/N work wherever the focus is on this screen; / is the text's (the library filters).

    def action_start_search(self) -> None:
        self.column.start_search()

    def action_start_filter(self) -> None:
        self.column.start_search(filtering=True)

    def action_next_hit(self) -> None:
        self.column.step_hit(forward=True)

    def action_previous_hit(self) -> None:
        self.column.step_hit(forward=False)

    def action_step_document(self, step: int) -> None:
        here = self.column.open_key or self.pane.key  # a document still loading counts
        key = self.library.neighbour(here, step)
        if key is not None:
            self.open_document(key)
        elif self.library.entries:
            notify_info(self, "No next document" if step > 0 else "No previous document", timeout=2)

    def action_step_back(self, redo: bool) -> None:
        """``u`` (``ctrl+r``: redo) from the library: the reading pane's undo, as from the
        text."""
        self.pane.action_act("step_back", redo)

    # -- showing and hiding the library --------------------------------------------------------

    def action_toggle_library(self) -> None:
        """Show the library (and focus it) or hide it (the text gets its room)."""
        library = self.library
        self._library_made_way = self._library_narrowed = False
        if library.display:
            library.display = False
            self.pane.display = True
            self.set_focus(self.reader)
        else:
            self.show_library()

    def show_library(self) -> None:
        """Show the library (hidden or not) and focus its list."""
        self._library_made_way = self._library_narrowed = False
        self.library.display = True
        if self.one_pane:
            self.pane.display = False
        self.set_focus(self.library.table)

    def on_resize(self) -> None:
        self._fit_width()
        # (set by hand, as -one-pane: a breakpoint would style the first screen again)
        self.set_class(self.size.height < SHORT_BELOW, "-short")
        self.set_class(self.size.height < LOW_BELOW, "-low")

    @property
    def one_pane(self) -> bool:
        """The terminal is too narrow for the library beside the text: one shows at a time
        (the library keeps 24 columns, its least: at 40 the text had 15, at 24 none)."""
        return self.size.width < ONE_PANE_BELOW

    def _fit_width(self) -> None:
        """In a narrow terminal the library or the text, whichever has the focus, takes the
        whole width; when it is wide again, both show (the library if only the width hid
        it)."""
        library, pane = self.library, self.pane
        self.set_class(self.one_pane, "-one-pane")
        self.set_class(self.size.width < PANEL_BESIDE_FROM, "-panel-under")
        if not self.one_pane:
            show(pane)  # (at every start: shown already)
            if self._library_narrowed:
                self._library_narrowed = False
                show(library)
                if pane.panel_open:  # opened while narrow: the text may have no room now
                    self.call_after_refresh(self._make_way_if_cramped)
            return
        if library.display and pane.display:
            focused = self.focused
            if focused is not None and library in focused.ancestors_with_self:
                pane.display = False
            else:
                library.display = False
                self._library_narrowed = True

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return self._focus_across(super().focus_next, selector, forward=True)

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return self._focus_across(super().focus_previous, selector, forward=False)

    def _focus_across(
        self,
        move: Callable[[str | type[QueryType]], Widget | None],
        selector: str | type[QueryType],
        *,
        forward: bool,
    ) -> Widget | None:
        """``tab`` goes from pane to pane: past the library's filter (``/`` goes there; a
        tab from the text landed in it while it held a filter, and the ``j`` typed next went
        into the filter), and in a narrow terminal, past the last part shown, to the other one
        (the text from the library, the library from the text), as if both were on show."""
        before = self.focused
        moved = move(selector)
        if moved is not None and moved is not before and moved.id == "library-filter":
            moved = move(selector)
        if not self.one_pane or before is None or moved is None:
            return moved
        chain = self.focus_chain
        if before not in chain or moved not in chain:
            return moved
        ahead = chain.index(moved) - chain.index(before)
        if (ahead > 0) if forward else (ahead < 0):
            return moved  # still within the part shown
        if self.library.display and not self.pane.display:
            if self.column.open_key is not None:
                self.set_focus(self.reader)
        elif self._library_narrowed:
            self.set_focus(self.library.table)
        return self.focused

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """In a narrow terminal the part the focus goes to shows, the whole width."""
        if not self.one_pane:
            return
        library, pane = self.library, self.pane
        if library in event.widget.ancestors_with_self:
            show(library)
            show(pane, False)
        elif pane in event.widget.ancestors_with_self:
            show(pane)
            if library.display:
                library.display = False
                self._library_narrowed = True

    @on(ReadingPane.PanelToggled)
    def _panel_toggled(self, message: ReadingPane.PanelToggled) -> None:
        """Beside the open annotations panel the text keeps its measure: the library makes
        way when there is no room for all three, and comes back when the panel closes."""
        library = self.library
        if message.open and library.display and message.cramped:
            self._make_way()
        elif not message.open and self._library_made_way:
            self._library_made_way = False
            library.display = True

    def _make_way_if_cramped(self) -> None:
        """The library back beside the annotations panel opened in a narrow terminal, now
        wide: it makes way as it does when the panel opens, where the text has not its measure
        beside them (at 80 columns the text had 12, a word a line)."""
        pane = self.pane
        shown_beside = self.library.display and not self.one_pane and pane.panel_open
        if shown_beside and not pane.room_for_text():
            self._make_way()

    def _make_way(self) -> None:
        """Hide the library to give the text room beside the annotations panel (it comes back
        when the panel closes)."""
        library = self.library
        library.display = False
        self._library_made_way = True
        if self.focused is None or library in self.focused.ancestors_with_self:
            self.set_focus(self.reader)

    # -- the views over this screen: codebook, query, reports, corpus search -------------------

    def action_view(self, name: str) -> None:
        """Open the view ``name`` (its module is imported then: start-up does not pay for it);
        the passage or hit chosen there is shown here when it closes."""
        module, screen = VIEWS[name]
        view = getattr(import_module(module), screen)(self.workspace)
        self.app.push_screen(view, self._view_closed)

    def _view_closed(self, chosen: Passage | CorpusHit | None) -> None:
        from tui_reader.core.annotations.passages import Passage  # loaded by the view by then

        self.pane.reload()  # tags may have been renamed or recoloured
        if isinstance(chosen, Passage):
            if not self.column.show_passage(chosen):
                self.pane.carry(chosen.annotation)  # its file unreadable: placed elsewhere
        elif chosen is not None:
            self.column.say_if_gone(chosen.key)
            self.column.show_offset(chosen.key, chosen.start, search=chosen.query or None)

    def action_history(self) -> None:
        """The history view (``U``): the recent changes, undo back to one; the text on show
        placed again once it closes (its annotations may have been undone)."""
        from tui_reader.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.workspace.store), lambda _: self.pane.reload())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``esc`` clears the notices only where it has nothing else to do: a field's (the
        library's filter clears)."""
        if action == "clear_notices":
            from textual.widgets import Input

            if isinstance(self.focused, Input):
                return False
            try:
                if self.library.escape_clears_the_filter():
                    return False
            except NoMatches:  # the screen taken down (a quit)
                return False
        return super().check_action(action, parameters)

    def action_clear_notices(self) -> None:
        """``esc`` with nothing to close or clear: the notices on show go (a merge's and
        the compare's covered most of the text of a small terminal, till they timed out)."""
        self.app.clear_notifications()

    def action_merge(self) -> None:
        """The merge dialog (``I``): a colleague's coding brought in as ``tui-reader merge``
        brings it, the passages placed again once it is merged."""
        from tui_reader.ui.screens.merge_dialog import MergeDialog

        self.app.push_screen(MergeDialog(self.workspace, self._merged))

    def _merged(self) -> None:
        self.pane.reload()
        self.library.store_changed()

    def action_goto_page(self) -> None:
        self.column.goto_page()

    # -- memos, stripes, coders ------------------------------------------------------------------

    def action_document_memo(self) -> None:
        """The memo of the library's selected document when the library has the focus (as
        ``i`` describes it), else of the open one."""
        focused = self.focused
        if focused is not None and self.library in focused.ancestors_with_self:
            key = self.library.table.cursor_key
            entry = self.library.entry(key) if key is not None else None
            if entry is not None and entry.readable:
                self.column.write_memo(entry.key, entry.title)
                return
        self.column.write_memo()

    def action_document_details(self) -> None:
        from tui_reader.ui.screens.document_details import show_details

        show_details(self)

    def action_toggle_stripes(self) -> None:
        self.pane.show_stripes(not self.pane.stripes_shown)

    def action_next_coder_view(self) -> None:
        self.pane.coders.next_view()

    def action_compare_coders(self) -> None:
        self.pane.coders.toggle_compare()

    def action_next_disagreement(self) -> None:
        self.pane.coders.step_disagreement(forward=True)

    def action_previous_disagreement(self) -> None:
        self.pane.coders.step_disagreement(forward=False)

    def action_agreement_figures(self) -> None:
        self.pane.coders.show_figures()
