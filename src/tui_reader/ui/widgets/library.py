"""The library pane: every document with title, words, annotations, the share of it coded
and reading progress.

``/`` filters as you type: words of the title or path, attribute filters (``country=Mexico``,
``age>30``), or both; files that could not be read are listed greyed with the reason (more
than 20 files of types it does not read are left out, said, and listed by a filter).  ``o``
sorts (file, title, words, annotations, last modified), ``O`` reverses; the header the first
sort shows sorts at a click.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui_reader.core.collector import collector_paused
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.natural_order import natural_key
from tui_reader.core.wording import agreeing, counted
from tui_reader.ui import keymap
from tui_reader.ui.collector import made_to_live
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import SAID_AT_MOST, Said, notify_error, notify_info
from tui_reader.ui.widgets.finished_lines import KeptLines
from tui_reader.ui.widgets.library_table import LibraryTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.widgets import ProgressBar

    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.documents.catalog import Looked, Scanned
    from tui_reader.core.documents.corpus import CorpusFile
    from tui_reader.core.documents.document import Document
    from tui_reader.core.documents.facts import DocumentFacts
    from tui_reader.core.documents.facts_cache import FactsCache
    from tui_reader.core.workspace import Workspace
    from tui_reader.ui.widgets.library_counts import KnownCounts
    from tui_reader.ui.widgets.library_entry import LibraryEntry
    from tui_reader.ui.widgets.library_listing import StampLooks
    from tui_reader.ui.widgets.text_field import TextField

# The listing, the scan, the store's counts and the rows (library_listing, library_counts,
# library_entry) load with the first listing, after the first screen: it does not need them.

__all__ = ["Library"]

TITLE_WIDTH = 36  # cells of a title before the pane is laid out; longer ones end in …
ORDER_AGAIN_SHARE = 10  # a scan orders the rows again once 1/10 of them came (and at its end)
SHOW_PROGRESS_FROM = 50  # documents: a smaller library fills in before a bar would help
PROGRESS_STEPS = 100  # the scan's bar moves by a per cent of the files at least
RELIST_SECONDS = 3.0  # how often the corpus folders (one stat a folder) and files are looked at
# Documents: fewer are listed, and their facts read, in a frame or two; they never wait for a
# corpus search (which waited seconds on a loaded machine, the rows "loading…" meanwhile).
STEPS_ASIDE_FROM = 200
# Files of a type tui-reader does not read listed each at most; more are left out of the
# rows (said, and listed by a filter), as ``list`` counts them (cli.list_docs.NAMED_AT_MOST)
OTHERS_LISTED = 20
ROWS_SHOWN_TIMEOUT = 2.0  # seconds the listing waits for its rows to show before counting


# The orders of the library (``o`` goes to the next, ``O`` reverses it; a click on the header
# chooses one): the corpus's files, titles A to Z, then the most words, annotations, the last
# modified first.  The header's word for each.
SORTS = {
    "files": "file",
    "title": "title",
    "words": "words",
    "annotations": "ann.",
    "modified": "modified",
}


NEXT_SORT = ""  # what a click on the narrow header asks for: the next order


class SortHeader(Static):
    """The line above the rows saying their order; a click on a word sorts by it (on the word
    of the order shown, reverses it).  Mounted at the first sort."""

    DEFAULT_CSS = """
    SortHeader {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    class Chosen(FieldMessage):
        sort: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        self._sort = ("files", False)

    def show(self, sort: str, reverse: bool) -> None:
        self._sort = (sort, reverse)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """Every order's word, the one shown marked; where they do not fit (the library
        beside the text at 80 columns: 24 cells), the order shown alone, a click going to
        the next one as ``o`` does."""
        sort, reverse = self._sort
        arrow = " ↑" if reverse else " ↓"
        text = Text()
        self._spans = []
        for n, (name, word) in enumerate(SORTS.items()):
            if n:
                text.append("  ")  # the five words and an arrow in a 40-column library
            start = len(text)
            if name == sort:
                text.append(word + arrow, style="bold reverse")
            else:
                text.append(word)
            self._spans.append((start, len(text), name))
        room = self.content_region.width if self.is_mounted else 0
        if 0 < room < text.cell_len:
            text = Text("by ")
            text.append(SORTS[sort] + arrow, style="bold reverse")
            text.append("  o: next")
            self._spans = [(0, len(text), NEXT_SORT)]
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, name in self._spans:
            if start <= offset.x < end:
                event.stop()
                self.post_message(self.Chosen(name))
                return


def _filter_field_class() -> type[TextField]:
    """The filter's field: its module loads with the field, at the first ``/``."""
    from tui_reader.ui.widgets.text_field import FilterField

    return FilterField


class Library(KeptLines, Vertical):
    """The library pane: a filter input over a :class:`LibraryTable` of :class:`LibraryEntry`.

    :meth:`list_files` lists the corpus in a thread worker, its rows filled from the facts cache
    (locations.facts_cache_path) where it knows them; :meth:`scan` fills the rest from a thread
    worker that posts them in batches (typed messages), cheapest facts first; the pane follows
    the store: counts and positions change when another process changes the database.
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("library.filter")
    MOUNTED_WHEN_SHOWN = (_filter_field_class,)  # the help lists its keys before it is shown
    DEFAULT_CSS = """
    Library #library-progress {
        display: none;
        height: 1;
        padding: 0 1;
        & Bar {
            width: 1fr;
        }
    }
    """

    class FactsRead(FieldMessage):
        """A batch of facts from the scan: ``(key, facts or the reason it cannot be read)``."""

        results: list[Scanned]
        done: int  # results so far (a key may come twice: estimated, then exact)
        total: int
        known: KnownCounts  # what the store says of them (read in the worker)
        finished: bool = False

    class Listed(FieldMessage):
        """The corpus was listed: ``(key, file)`` of each file in order, the folders that
        could not be read, and what the facts cache knew of the files."""

        files: list[tuple[str, CorpusFile]]
        unreadable: list[str]
        cache: FactsCache
        looked: Looked
        first: bool = True  # the listing at start (else: files were added or removed since)
        generation: int = 0  # the workspace's listing it shows
        # The rows of the listing at start, made by its worker (None: made by the UI thread,
        # from the rows it shows): 10,000 took the UI thread 20 ms, a frame and more.
        rows: dict[str, LibraryEntry] | None = None
        # Set once its rows are on screen: the worker's counting (seconds at 100,000
        # annotations) does not take the interpreter from the UI thread before.
        shown: threading.Event = field(default_factory=threading.Event)

    class HeadListed(FieldMessage):
        """The first rows of the listing at start, as the last run kept them and nothing
        changed since (see :func:`~.library_listing.listing_head`), shown while the corpus is
        listed: ``rows`` in corpus order."""

        rows: dict[str, LibraryEntry]

    class Relinked(FieldMessage):
        """The annotations of files gone followed them to the files listed now (a listing
        again, after a file was renamed): ``moved``, each old key's new one."""

        moved: dict[str, str]

    class WrittenAgain(FieldMessage):
        """Files written again in place since they were listed (their stamps changed, their
        folders' times not): ``keys``."""

        keys: frozenset[str]

    class Counted(FieldMessage):
        """What the store says of listed documents (after :class:`Listed`, from its worker):
        ``key: (annotations, reading position, share coded)``."""

        said: dict[str, tuple[int, int | None, float]]

    class Recounted(FieldMessage):
        """The entries whose counts, positions or share coded the store now tells otherwise
        (worked out in a worker: at 100,000 annotations, seconds)."""

        changed: dict[str, LibraryEntry]

    def __init__(
        self, *, chosen: Callable[[LibraryEntry], None] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.chosen = chosen  # the user chose the document of an entry (enter, a click)
        self._entries: dict[str, LibraryEntry] = {}
        self._said: set[str] = set()  # keys whose row has the store's word (counts, coverage)
        self._order: list[str] = []
        self._current: str | None = None
        # The open document whose row a listing dropped (its file gone), and the rows shown
        # then: > and < go on from its place (the first or the last document opened).
        self._left_rows: tuple[str, list[str]] | None = None
        self._workspace: Workspace | None = None
        self._store_revision = -1
        self._cache: FactsCache | None = None  # the facts cache, read by the listing
        self._looked: Looked | None = None  # what it knew (None: not listed yet)
        self._scan_wanted = False
        self._relinked = False  # files not found where the database says looked for
        self._found_said = 0  # annotations said to have followed their files
        # The file under the cursor that a listing again dropped, and the row the cursor
        # went to then (the next one).
        self._cursor_left: tuple[str, str] | None = None
        self._early: dict[str, dict[str, object]] = {}  # changes that came before the listing
        self._relisting = False  # a listing after a change in the corpus folders is under way
        self._head_wanted = False  # the listing's first rows as kept shown while it lists
        self._stamp_looks: StampLooks | None = None  # made in the first look's worker
        self._generation = 0  # the workspace's listing the rows show
        # Titles two rows or more share (their rows name their files); None: to work out.
        self._shared: frozenset[str] | None = None
        self._last_shared: frozenset[str] = frozenset()
        # How many readable rows have each title, kept with _shared: a batch of the scan
        # counts its rows alone (each batch counted the 10,000 rows: 0.5 s of a first scan)
        self._title_counts: Counter[str] | None = None
        self._sort = "files"  # the rows' order (SORTS), reversed or not
        self._reverse = False
        self._problems: tuple[str, ...] = ()  # why the filter typed matches nothing, as said
        self._filter_said = Said()
        self._modified: dict[str, float] = {}  # each file's modification time, when sorted by it
        self._natural: dict[str, tuple[str | int, ...]] = {}  # each title's natural sort key
        self._unordered = 0  # rows the scan changed since they were last ordered
        # What the filter field's border says (how many it keeps), in shorter forms each
        self._count_forms: tuple[str, ...] = ("",)
        self._others_said = 0  # files of no format read left out of the rows, as said
        # The scan's progress bar, once a scan long enough to need it mounted it (its module
        # loads then), and the step of PROGRESS_STEPS it shows.
        self._progress: ProgressBar | None = None
        self._progress_step = 0

    def compose(self) -> ComposeResult:
        # The filter field is mounted above the list at the first "/" (action_filter).
        yield LibraryTable(self._row_text, self._row_chosen, id="library-table")
        # The progress bar is mounted by a scan long enough to need it (scan).

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    @property
    def entries(self) -> list[LibraryEntry]:
        """Every entry in corpus order (filtered or not)."""
        return [self._entries[key] for key in self._order]

    @property
    def listed(self) -> bool:
        """Whether the corpus listing came (:meth:`list_files`)."""
        return self._looked is not None

    def entry(self, key: str) -> LibraryEntry | None:
        return self._entries.get(key)

    def cell(self, key: str) -> Text:
        """The two lines the row of ``key`` shows (at the pane's width)."""
        from tui_reader.ui.widgets.library_entry import row_text  # loaded with the rows

        entry = self._entries[key]
        return row_text(entry, self._width(), named=entry.title in self._shared_titles())

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Replace the whole list (keeps the filter and the cursor's document)."""
        self._entries = {e.key: e for e in entries}
        self._order = [e.key for e in entries]
        self._titles_changed()
        self._rebuild()

    def update_entry(self, entry: LibraryEntry) -> None:
        """Add or replace one entry."""
        old = self._entries.get(entry.key)
        if old is None or old.title != entry.title or old.readable != entry.readable:
            self._titles_changed()
        if old is None:
            self._order.append(entry.key)
            self._entries[entry.key] = entry
            self._rebuild()
            return
        self._entries[entry.key] = entry
        self.table.refresh_row(entry.key)

    def mark_failed(self, key: str, reason: str) -> None:
        """``key`` could not be opened: greyed with ``reason``, like unreadable files."""
        self._change(key, error=reason, loading=False)

    def neighbour(self, key: str | None, step: int) -> str | None:
        """The document ``step`` places from ``key`` in the list (files still being read
        count; from none: the first or the last); None past either end.  With a filter typed,
        among the documents it shows (``key``, shown or not, keeps its place among them).
        Unreadable files are passed over, but ``key`` keeps its place even when it is one (the
        open document whose file is gone: its neighbours, not the first or the last).  The
        rows' order as shown, when ``key`` has one: a row whose file has just gone stays in
        its place until the list is sorted again (unreadable files sort last)."""
        entries = self._entries
        table = self.table
        if key is not None and table.row_index(key) is not None:
            keys = [k for k in table.keys if entries[k].error is None or k == key]
        else:
            keys = [k for k in self._sorted(self._order) if entries[k].error is None or k == key]
            if self._filter_text():
                shown = set(table.keys)
                keys = [k for k in keys if k in shown or k == key]
        left = self._left_rows
        if key is not None and key not in entries and left is not None and left[0] == key:
            # The open document's row dropped by a listing (its file gone): from its place.
            rows = left[1]
            at = rows.index(key)
            around = rows[at + 1 :] if step > 0 else rows[:at][::-1]
            listed = set(keys)
            return next(islice((k for k in around if k in listed), abs(step) - 1, None), None)
        index = keys.index(key) + step if key in keys else (0 if step > 0 else len(keys) - 1)
        return keys[index] if 0 <= index < len(keys) else None

    def update_position(
        self,
        key: str,
        position: int | None = None,
        annotations: int | None = None,
        coverage: float | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if position is not None:
            changes["position"] = position
        if annotations is not None:
            changes["annotations"] = annotations
        if coverage is not None:
            changes["coverage"] = coverage
        self._change(key, **changes)

    def update_facts(self, key: str, document: Document) -> None:
        """``key`` was read again (its file changed on disk): its title, words and length
        are the new text's."""
        from tui_reader.core.documents.facts import facts_of

        facts = facts_of(document)
        self._change(
            key,
            title=facts.title,
            words=facts.words,
            kind=facts.kind,
            pages=facts.pages,
            length=facts.length,
            facts=facts,
            error=None,  # read: a reason it could not be read before is past
            loading=False,
        )

    def _change(self, key: str, **changes: object) -> None:
        """The entry of ``key`` with ``changes``; before the listing came, kept for it (the
        first document opens before it)."""
        if not self.listed:
            self._early.setdefault(key, {}).update(changes)
            return
        entry = self._entries.get(key)
        if entry is not None:
            self.update_entry(replace(entry, **changes))  # type: ignore[arg-type]

    @property
    def current(self) -> str | None:
        """The key of the open document the library knows of (its row marked)."""
        return self._current

    def set_current(self, key: str) -> None:
        """Mark ``key`` as the open document and put the cursor on it (when another was open:
        the same shown again, in full after its beginning or its file changed, leaves the
        cursor where the user has moved it since; so does the first document to open, the
        app starting, when the user has moved the cursor while it loaded)."""
        self._left_rows = None
        if key == self._current:
            return
        first, self._current = self._current is None, key
        table = self.table
        row = table.row_index(key)
        if row is not None and not (first and table.moved_by_user):
            table.move_cursor(row)

    # -- the listing and the scan -----------------------------------------------------------

    def list_files(
        self, workspace: Workspace, *, after_refresh: bool = False, head: bool = False
    ) -> None:
        """List the corpus of ``workspace`` in a worker, once: the rows come in one
        :class:`Listed` message, each with its facts when the facts cache has them (a second
        start shows everything at once); :meth:`scan` reads the rest.  ``after_refresh``:
        the worker starts once the screen is painted (it would share the interpreter with the
        first screen, which does not need it).  ``head``: the listing's first rows as the
        last run kept them are shown meanwhile, when nothing changed them (the rows are the
        first screen: :class:`HeadListed`)."""
        if self._workspace is not None:
            return
        self._head_wanted = head
        self._workspace = workspace
        self._store_revision = workspace.store.revision
        if after_refresh:
            self.call_after_refresh(self._list_worker, workspace, first=True)
        else:
            self._list_worker(workspace, first=True)

    @work(thread=True, group="library-list", exclusive=True, description="library listing")
    def _list_worker(
        self,
        workspace: Workspace,
        first: bool,
        counted: frozenset[str] = frozenset(),
        written: frozenset[str] = frozenset(),
    ) -> None:
        """``counted``: the rows the store's word reached already (a listing again asks the
        store of the others only: they keep theirs, and the store's changes come anyway);
        ``written``: the files written again in place (a plain text among them lists the
        corpus anew: it may be an export of ours now)."""
        from tui_reader.ui.widgets.library_counts import says_nothing, store_says
        from tui_reader.ui.widgets.library_listing import list_corpus

        worker = get_current_worker()
        if first and self._head_wanted:
            self._post_head(workspace)
        listing = list_corpus(workspace, again=not first, written=written)
        # Making 10,000 rows takes the UI thread a tenth of a second: not while a corpus
        # search, which hides the library, runs (see ui.foreground).
        if len(listing.files) >= STEPS_ASIDE_FROM:
            FOREGROUND.step_aside(lambda: worker.is_cancelled)
        rows = None
        if first:
            with collector_paused():  # 10,000 entries that live on (see ui.collector)
                rows = listed_rows(listing.files, dict(listing.looked.found), {}, set())
        if not worker.is_cancelled:
            listed = self.Listed(
                listing.files,
                listing.unreadable,
                listing.cache,
                listing.looked,
                first,
                listing.generation,
                rows=rows,
            )
            self.post_message(listed)
            listed.shown.wait(timeout=ROWS_SHOWN_TIMEOUT)
            if first:
                from tui_reader.ui.widgets.library_listing import keep_listing_head

                keep_listing_head(workspace, listing.cache)  # (for the next start)
            # Then what the store says of them (counts, positions, share coded): at 100,000
            # annotations, seconds; the UI thread had it before the rows (17 s under load).
            found = [
                (k, f)
                for k, f in listing.looked.found
                if not isinstance(f, str) and k not in counted
            ]
            if not found:
                return  # (at 100,000 annotations a listing again read them all: seconds)
            if first and says_nothing(workspace):
                return  # the first rows say it already (a message of 10,000 rows saying 0)
            with made_to_live():  # the store's annotations of 10,000 documents live on
                said = store_says(workspace, found, cancelled=lambda: worker.is_cancelled)
            if not worker.is_cancelled:
                self.post_message(self.Counted(said))

    def _post_head(self, workspace: Workspace) -> None:
        """Post the listing's first rows as the last run kept them, when nothing changed them
        since (:class:`HeadListed`): 10,000 files take a fifth of a second to list, their
        first screen of rows a few milliseconds."""
        from tui_reader.ui.widgets.library_listing import listing_head

        head = listing_head(workspace)
        if head:
            files = [(key, file) for key, file, _ in head]
            found: dict[str, DocumentFacts | str] = {key: facts for key, _, facts in head}
            self.post_message(self.HeadListed(listed_rows(files, found, {}, set())))

    @on(HeadListed)
    def _head_listed(self, message: Library.HeadListed) -> None:
        """Show the listing's first rows while it is made: not once it came, nor when the rows
        are filtered or sorted otherwise meanwhile (they would not be its first)."""
        message.stop()
        if self.listed or self._entries or self._filter_text() or self._sort != "files":
            return
        if self._reverse:
            return
        self._entries = dict(message.rows)
        self._order = list(message.rows)
        self._rebuild()

    def _relist_if_changed(self) -> None:
        """List the corpus again when a file was added, removed or renamed in it (the
        timer's check: a ``stat`` of each folder); the rows of files still there stay."""
        workspace = self._workspace
        if workspace is None or self._looked is None or self._relisting or FOREGROUND.busy:
            return  # (a corpus search running: looked at again at the next tick)
        # Listed again elsewhere (the corpus search) since the rows were made, or changed.
        if workspace.listing_generation != self._generation or workspace.listing_changed():
            self._relist(workspace)
        elif self._cache is not None:
            self._stamps_worker(workspace, self._looked, self._cache)

    def _relist(self, workspace: Workspace, again: frozenset[str] = frozenset()) -> None:
        """List the corpus again; ``again``: files written again, whose counts are asked
        again with their facts."""
        self._relisting = True
        counted = frozenset(self._said - again)
        self._list_worker(workspace, first=False, counted=counted, written=again)

    @work(thread=True, group="library-stamps", exclusive=True, description="library stamps")
    def _stamps_worker(self, workspace: Workspace, looked: Looked, cache: FactsCache) -> None:
        """Look at the files' stamps in turn (:class:`StampLooks`): a file written again in
        place, which no folder's time shows, is listed and read again."""
        from tui_reader.ui.widgets.library_listing import StampLooks

        if self._stamp_looks is None:
            self._stamp_looks = StampLooks()
        again = self._stamp_looks.look(workspace, looked, cache)
        if again and not get_current_worker().is_cancelled:
            self.post_message(self.WrittenAgain(frozenset(again)))

    @on(WrittenAgain)
    def _written_again(self, message: Library.WrittenAgain) -> None:
        message.stop()
        if self._workspace is not None and not self._relisting:
            self._relist(self._workspace, message.keys)

    @on(Listed)
    def _listed(self, message: Library.Listed) -> None:
        relisted = self._looked is not None
        self._relisting = False
        self._generation = message.generation
        self._cache, self._looked = message.cache, message.looked
        before = self._entries if relisted else {}
        still: set[str] = set()  # rows kept as they were, with the store's word if they had it
        entries = message.rows
        if entries is None or relisted:
            left = {key for key, _ in message.looked.left}
            found = dict(message.looked.found)
            with collector_paused():  # 10,000 entries that live on (see ui.collector)
                entries = listed_rows(message.files, found, before, left, still)
        for key, changes in self._early.items():  # what the open document said meanwhile
            if key in entries:
                entries[key] = replace(entries[key], **changes)  # type: ignore[arg-type]
        self._early.clear()
        current = self._current
        if relisted and current is not None and current in before and current not in entries:
            self._left_rows = (current, self.table.keys)
        self._entries = entries
        self._titles_changed()
        self._said &= still  # the others are told again (the listing's worker asks for them)
        self._order = [key for key, _ in message.files]
        under = self.table.cursor_key
        put = self._cursor_kept(entries) if relisted else None
        # (the file under the cursor renamed: the cursor goes to it once its annotations
        # followed it, see _relinked_files, where it stayed on the next row as for a file
        # deleted)
        self._cursor_left = (under, put) if put is not None and under is not None else None
        self._rebuild(put)
        self.call_after_refresh(message.shown.set)
        if relisted:
            self._say_relisted(before, entries)
        else:
            self.set_interval(RELIST_SECONDS, self._relist_if_changed)
        scanning = self._scan_wanted and (not relisted or bool(message.looked.left))
        if relisted and self._relinked and _renamed_maybe(before, entries):
            # A file renamed or moved while the app runs: its annotations follow it now, as
            # the scan moved those of files moved before the start (else its row showed none,
            # as if lost, until the document was opened).
            self._relinked = False
            if not scanning and self._workspace is not None:
                self._relink_worker(self._workspace)
        if scanning:
            self._start_scan()

    @on(Relinked)
    def _relinked_files(self, message: Library.Relinked) -> None:
        """The file under the cursor was renamed: the cursor goes to its new row, when it is
        still on the row it went to when the file left the listing."""
        left, self._cursor_left = self._cursor_left, None
        if left is None:
            return
        old, put = left
        new = message.moved.get(old)
        table = self.table
        row = table.row_index(new) if new is not None and table.cursor_key == put else None
        if row is not None:
            table.move_cursor(row)

    def _say_relisted(self, before: dict[str, LibraryEntry], now: dict[str, LibraryEntry]) -> None:
        added = sum(1 for key in now if key not in before)
        removed = sum(1 for key in before if key not in now)
        parts = [counted(n, "document") + " " + what
                 for n, what in ((added, "added"), (removed, "removed")) if n]  # fmt: skip
        if parts:
            notify_info(self, f"Library: {' and '.join(parts)}", timeout=3)

    def scan(self, workspace: Workspace) -> None:
        """Read the facts the listing did not find cached, in a worker (their rows show
        "loading…" meanwhile), once, after the listing; :meth:`store_changed` then keeps the
        counts in step."""
        self.list_files(workspace)
        if self._scan_wanted:
            return  # scanned once: the store poll keeps it in step
        self._scan_wanted = True
        if self._looked is not None:
            self._start_scan()

    def _start_scan(self) -> None:
        looked, cache, workspace = self._looked, self._cache, self._workspace
        assert looked is not None and cache is not None and workspace is not None
        if len(looked.left) > SHOW_PROGRESS_FROM:
            from textual.widgets import ProgressBar  # a scan long enough to need it

            progress = self._progress  # the bar of an earlier scan (files added since)
            if progress is None:
                progress = ProgressBar(id="library-progress", show_eta=False, show_percentage=True)
                self._progress = progress
                self.mount(progress)
            progress.update(total=len(looked.left), progress=0)
            self._progress_step = 0
            progress.display = True
        self._scan_worker(workspace, looked, cache)

    @work(thread=True, group="library-scan", exclusive=True, description="library scan")
    def _scan_worker(self, workspace: Workspace, looked: Looked, cache: FactsCache) -> None:
        from tui_reader.ui.widgets.library_listing import scan_in_batches

        worker = get_current_worker()
        total = len(looked.left)

        def cancelled() -> bool:
            if total >= STEPS_ASIDE_FROM:  # a corpus search goes first
                FOREGROUND.step_aside(lambda: worker.is_cancelled)
            return worker.is_cancelled

        from tui_reader.ui.widgets.library_counts import KnownCounts

        with made_to_live():  # the facts and the store's annotations of each document
            for batch, done, last in scan_in_batches(workspace, looked, cache, cancelled):
                if not (last and worker.is_cancelled):
                    keys = [k for k, f in batch if not isinstance(f, str)]
                    known = KnownCounts.of(workspace, keys, cancelled=lambda: worker.is_cancelled)
                    self.post_message(self.FactsRead(batch, done, total, known, finished=last))
        if worker.is_cancelled or self._relinked:
            return
        self._relink(workspace, cancelled)

    @work(thread=True, group="library-scan", exclusive=True, description="library relink")
    def _relink_worker(self, workspace: Workspace) -> None:
        """The annotations of the files gone follow them to the files listed again (a file
        renamed while the app runs), without a scan: every file listed was known."""
        worker = get_current_worker()

        def cancelled() -> bool:
            FOREGROUND.step_aside(lambda: worker.is_cancelled)  # a corpus search goes first
            return worker.is_cancelled

        if not self._relinked:
            self._relink(workspace, cancelled)

    def _relink(self, workspace: Workspace, cancelled: Callable[[], bool]) -> None:
        """The annotations of files not found where the database says moved to the listed
        files of their text (in a worker); said when some were.  Once a session, and again
        after a listing that found files removed and others added: a file truly gone is not
        looked for at each listing."""
        self._relinked = True
        moved_before = dict(workspace.moved)
        try:  # (its saves bring the counts: the store poll sees them)
            workspace.relink_listed(cancelled)
            # what was said before (not what moved before: the document opened first may
            # have taken its annotations back before this scan, and they were not said)
            said = _found_again(workspace, self._found_said)
        except TuiReaderError as exc:
            notify_error(self.app, exc, "Library")  # thread-safe
            return
        moved = {
            old: new
            for (old, new), n in workspace.moved.items()
            if n > moved_before.get((old, new), 0)
        }
        if moved:
            self.post_message(self.Relinked(moved))  # the open document follows its file
        if said:
            self._found_said = sum(workspace.moved.values())
            notify_info(self.app, said, timeout=10)

    @on(FactsRead)
    def _scanned(self, message: Library.FactsRead) -> None:
        message.stop()
        self._apply_facts(message.results, message.known)
        ended = message.finished or message.done >= message.total
        progress = self._progress
        if progress is not None and progress.display:
            # Moved on when the share it shows changes (a per cent), not at each batch (twenty
            # a second): each move laid the bar out and painted it again, 0.2 s of the UI
            # thread's CPU in a first scan of 10,000 files, taken from the scan itself.
            done = min(message.done, message.total)
            step = done * PROGRESS_STEPS // max(1, message.total)
            if step != self._progress_step or ended:
                self._progress_step = step
                progress.update(progress=done)
            if ended:
                progress.display = False  # every file is listed; what follows only refines
        # Titles and attributes arrived: the filter matches them, a sort orders them.  Not at
        # each batch (twenty a second): the rows jumped under the cursor, each time sorted.
        self._unordered += len(message.results)
        if (self._filter_text() or self._sort != "files") and (
            ended or self._unordered * ORDER_AGAIN_SHARE >= len(self._order)
        ):
            self._rebuild()

    def _apply_facts(self, results: list[Scanned], known: KnownCounts) -> None:
        """The rows of ``results`` made whole, with their counts, positions and share coded
        (``known``: what the store says of them, read in the scan's worker), and drawn
        again."""
        changed: list[str] = []
        for key, facts in results:
            old = self._entries.get(key)
            if old is None:
                continue
            if isinstance(facts, str):
                entry = replace(old, error=facts, loading=False)
            elif old.error is not None and not old.loading:
                continue  # it failed to open: the reason stays
            else:
                entry = known.entry(key, old.rel, old.position, facts, old.error)
                self._said.add(key)
            self._title_replaced(old, entry)
            self._entries[key] = entry
            changed.append(key)
        self.table.refresh_rows(changed)

    def store_changed(self) -> None:
        """Counts and positions follow the database when another process changed it (the
        command line, another window): the app's store poll says so."""
        if self._workspace is None:
            return
        store = self._workspace.store
        if store.revision != self._store_revision:
            self._store_revision = store.revision
            self._apply_store(self._workspace)

    def recount(self) -> None:
        """Counts again (the coders shown changed)."""
        if self._workspace is not None:
            self._apply_store(self._workspace)

    def _apply_store(self, workspace: Workspace) -> None:
        self._recount_worker(workspace, dict(self._entries))

    @work(thread=True, group="library-recount", exclusive=True, description="library counts")
    def _recount_worker(self, workspace: Workspace, entries: dict[str, LibraryEntry]) -> None:
        from tui_reader.ui.widgets.library_counts import recounted

        worker = get_current_worker()
        changed = recounted(entries, workspace)
        if not worker.is_cancelled:
            self.post_message(self.Recounted(changed))

    @on(Counted)
    def _counted(self, message: Library.Counted) -> None:
        message.stop()
        changed: list[str] = []
        for key, (count, position, coverage) in message.said.items():
            entry = self._entries.get(key)
            if entry is None or entry.loading or entry.error is not None:
                continue  # gone, or its facts not read yet (the scan brings its counts)
            self._said.add(key)
            if entry.position is not None:
                position = entry.position  # saved in this session: newer than the store's
            if (count, position, coverage) != (
                entry.annotations,
                entry.position,
                entry.coverage,
            ):
                self._entries[key] = replace(
                    entry, annotations=count, position=position, coverage=coverage
                )
                changed.append(key)
        if changed:
            self.table.refresh_rows(changed)
            if self._sort != "files":
                self._rebuild()  # sorted by what changed

    @on(Recounted)
    def _recounted(self, message: Library.Recounted) -> None:
        message.stop()
        for key, entry in message.changed.items():
            now = self._entries.get(key)
            if now is None:
                continue  # gone from the corpus meanwhile
            # Only the counts come from the worker: facts that came meanwhile stay, and the
            # open document's place, the caret's, newer than the one saved last.
            opened = key == self._current and now.position is not None
            self._entries[key] = replace(
                now,
                annotations=entry.annotations,
                position=now.position if opened else entry.position,
                coverage=entry.coverage,
            )
            self.table.refresh_row(key)
        if self._filter_text() or (message.changed and self._sort != "files"):
            self._rebuild()  # attributes may have changed; the order may have

    # -- filtering and keys -----------------------------------------------------------------

    def _filter_field(self) -> Input | None:
        return next(self.query("#library-filter").results(Input), None)

    def _filter_text(self) -> str:
        field = self._filter_field()
        return "" if field is None else field.value.strip()

    def action_filter(self) -> None:
        if not self.is_attached:  # a "/" typed while the screen is taken down (a quit)
            return
        filter_input = self._filter_field()
        if filter_input is None:
            from tui_reader.ui.widgets.text_field import FilterField

            filter_input = FilterField(placeholder="Filter documents…", id="library-filter")
            self.mount(filter_input, before=self.table)
        filter_input.add_class("-active")
        self.screen.set_focus(filter_input)  # at once: keys typed right after "/" filter
        filter_input.cursor_position = len(filter_input.value)  # after its text, kept

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        from tui_reader.ui.widgets.text_field import filter_left

        event.stop()
        filter_left(self._filter_field() or event.input, self.table)

    def escape_clears_the_filter(self) -> bool:
        """``esc`` here clears the filter: it is being typed, or one is on and the focus is
        in the library (the focus as it is now: ``has_focus`` follows it by a message, behind
        a burst's keys)."""
        field = self._filter_field()
        if field is None or not self.is_attached:
            return False
        focused = self.app.focused
        return focused is field or (
            bool(field.value) and focused is not None and self in focused.ancestors_with_self
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``esc`` clears the filter only where it does (else it goes on to the screen's)."""
        if action == "clear_filter":
            return self.escape_clears_the_filter()
        return True

    def action_clear_filter(self) -> None:
        """``esc``: the filter emptied, hidden and left for the list, at once, a binding run
        in the order typed (handled as the key bubbled up to the library, it ran after the
        keys typed behind it: ``/`` opened the filter with its old text, the letters typed
        there, then the esc wiped them and gave the list the focus, and ``enter`` typed for
        the filter opened a document)."""
        from tui_reader.ui.widgets.text_field import filter_left

        field = self._filter_field()
        if field is None:
            return
        filter_left(field, self.table, cleared=True)
        self._rebuild()
        self.refresh_bindings()  # its esc no longer in the footer (the focus may not move)

    def _row_chosen(self, key: str) -> None:
        """The row of ``key`` chosen: the screen's ``chosen`` runs at once (it may move the
        focus, and the keys typed right behind enter follow it)."""
        entry = self._entries.get(key)
        if entry is not None and self.chosen is not None:
            self.chosen(entry)

    def _cursor_kept(self, entries: dict[str, LibraryEntry]) -> str | None:
        """The row the cursor goes to when the file under it left the listing: the next row
        still listed (else the one before), so that it stays in its place (it went back to
        the first document, the place far down a long list lost); None when it is listed."""
        table = self.table
        key, rows = table.cursor_key, table.keys
        if key is None or key in entries:
            return None
        at = rows.index(key)
        after = (k for k in rows[at + 1 :] if k in entries)
        return next(after, None) or next((k for k in rows[:at][::-1] if k in entries), None)

    def _rebuild(self, cursor_key: str | None = None) -> None:
        """The rows again (filtered and sorted), the cursor on ``cursor_key``, else on the
        row it was on, else on the open document."""
        self._unordered = 0
        table = self.table
        query = self._filter_text()
        cursor_key = cursor_key or table.cursor_key or self._current
        problems: tuple[str, ...] = ()
        if query:
            # The filter's query language is loaded with the first filter typed.
            from tui_reader.core.analysis.library_filter import library_filter

            entries = self._entries
            # (an attribute no document has is said once every file's own are known)
            read = not any(entry.loading for entry in entries.values())
            chosen = library_filter(query, self._attributes(), self._order, every_read=read)
            problems = chosen.problems
            keys = [
                key
                for key in self._order
                if chosen.matches(key, entries[key].title, entries[key].rel)
            ]
        else:
            keys = self._without_others(self._order)
        self._say_problems(problems)
        table.set_rows(self._sorted(keys), cursor_key)
        # How many the filter keeps (an empty list says why), in fewer words where the
        # library is narrow: "no document ma…" was cut in a word at 21 columns.  Out of the
        # rows the library lists unfiltered ("450 of 1,651" counted files it leaves out), or
        # of every file when the filter lists some of those (a name, an extension: ".png").
        total = len(self._order)
        if query:
            others = self._others(self._order)
            if others and others.isdisjoint(keys):
                total -= len(others)
        kept, listed = f"{len(keys):,}", f"{total:,}"
        self._count_forms = (
            ("",)
            if not query
            else (f"{kept} of {listed}", f"{kept}/{listed}", kept)
            if keys
            else ("no document matches", "no match", "none")
        )
        self._fit_count()

    def _without_others(self, order: list[str]) -> list[str]:
        """The rows of ``order`` unfiltered: the files of a type tui-reader does not read
        (a program's .so, a photo's .png) left out when they are more than OTHERS_LISTED,
        and said once, how many of each extension, with how to list them (``/`` and a name
        or an extension: a filter lists each matching).  Started in a home folder, the
        library listed 30,000 such rows, among which its documents were lost."""
        others = self._others(order)
        if not others:
            return list(order)
        entries = self._entries
        if len(others) != self._others_said:
            self._others_said = len(others)
            kinds = Counter(os.path.splitext(entries[key].rel)[1].lower() for key in others)
            most = ", ".join(f"{n:,} {suffix}" for suffix, n in kinds.most_common(4))
            more = ", …" if len(kinds) > 4 else ""
            notify_info(
                self.app,
                f"{len(others):,} files of types tui-reader does not read are not listed "
                f"({most}{more}); / and a name or an extension lists them",
                title="Library",
                timeout=10,
            )
        return [key for key in order if key not in others]

    def _others(self, order: list[str]) -> set[str]:
        """The files of ``order`` of a type tui-reader does not read that the rows leave out
        unfiltered: none when they are OTHERS_LISTED or fewer (each listed)."""
        entries = self._entries
        errors = [(key, entry.error) for key in order if (entry := entries[key]).error]
        if len(errors) <= OTHERS_LISTED:
            return set()
        from tui_reader.core.documents.formats import UNSUPPORTED

        others = {key for key, error in errors if error.startswith(UNSUPPORTED)}
        return others if len(others) > OTHERS_LISTED else set()

    def _say_problems(self, problems: tuple[str, ...]) -> None:
        """Say why the filter matches no document (``words>abc``: words holds numbers), as
        ``query --where`` says it: a warning for each problem, the last filter's taken back
        when the filter changes or is cleared, so none sits over a list it does not tell of."""
        if problems == self._problems:
            return
        self._problems = problems
        if not self.is_attached:
            return
        self._filter_said.take_back(self.app)
        for problem in problems[:SAID_AT_MOST]:
            self._filter_said.warn(self.app, problem, "Filter")

    def _fit_count(self, later: bool = True) -> None:
        """The filter field's count: the first of its forms its width shows whole; a field
        just mounted (at the first ``/``, its query typed at once) once it has a width."""
        field = self._filter_field()
        if field is None:
            return
        if not field.outer_size.width and later:
            self.call_after_refresh(self._fit_count, False)
            return
        from tui_reader.ui.widgets.border_fit import fit_subtitle

        fit_subtitle(field, self._count_forms)

    def on_key(self, event: events.Key) -> None:
        """A key of the text's typed in the list, which takes none: said where it works."""
        from tui_reader.ui.widgets.text_keys import said_where_it_works

        if said_where_it_works(self, event):
            event.stop()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_count, False)  # once the field has its new width

    # -- the order ---------------------------------------------------------------------------

    @property
    def sort(self) -> tuple[str, bool]:
        """The rows' order (a key of :data:`SORTS`) and whether it is reversed."""
        return self._sort, self._reverse

    def action_next_sort(self) -> None:
        names = list(SORTS)
        self.sort_by(names[(names.index(self._sort) + 1) % len(names)])

    def action_reverse_sort(self) -> None:
        self.sort_by(self._sort, reverse=not self._reverse)

    def sort_by(self, sort: str, *, reverse: bool = False) -> None:
        """Show the rows in the order ``sort`` (the cursor stays on its document)."""
        if not self.is_attached:
            return
        if sort == "modified" and (sort != self._sort or not self._modified):
            self._modified = {}  # looked at again: files change on disk
        self._sort, self._reverse = sort, reverse
        headers = list(self.query("#library-sort").results(SortHeader))
        header = headers[0] if headers else SortHeader(id="library-sort")
        if not headers:
            self.mount(header, before=self.table)
        header.show(sort, reverse)
        self._rebuild()

    @on(SortHeader.Chosen)
    def _sort_chosen(self, message: SortHeader.Chosen) -> None:
        message.stop()
        if message.sort == NEXT_SORT:
            self.action_next_sort()
            return
        same = message.sort == self._sort
        self.sort_by(message.sort, reverse=same and not self._reverse)

    def _sorted(self, keys: list[str]) -> list[str]:
        """``keys`` in the order chosen; ties (and unreadable files, last) in corpus order."""
        sort = self._sort
        if sort == "files":
            ordered = keys
        else:
            entries = self._entries
            if sort in ("title", "words"):
                readable = [k for k in keys if entries[k].readable]
                unread = [k for k in keys if not entries[k].readable]
                if sort == "title":
                    natural = self._natural
                    titles = [entries[k].title or entries[k].rel for k in readable]
                    for title in titles:
                        if title not in natural:
                            natural[title] = natural_key(title)
                    by_key = dict(zip(readable, map(natural.__getitem__, titles), strict=True))
                    readable.sort(key=by_key.__getitem__)
                else:
                    readable.sort(key=lambda k: -entries[k].words)
                ordered = readable + unread
            elif sort == "annotations":
                ordered = sorted(keys, key=lambda k: -entries[k].annotations)
            else:
                modified = self._modified_times(keys)
                ordered = sorted(keys, key=lambda k: -modified.get(k, 0.0))
        return ordered[::-1] if self._reverse else list(ordered)

    def _modified_times(self, keys: list[str]) -> dict[str, float]:
        """Each file's modification time (one ``stat`` a file, once a sort: 10,000 in a few
        hundredths of a second); a file gone is the oldest."""
        workspace, modified = self._workspace, self._modified
        if workspace is not None:
            for key in keys:
                if key not in modified:
                    try:
                        modified[key] = os.stat(workspace.path(key)).st_mtime
                    except (OSError, ValueError):
                        modified[key] = 0.0
        return modified

    def _row_text(self, key: str, width: int) -> Text:
        from tui_reader.ui.widgets.library_entry import row_text  # loaded with the rows

        entry = self._entries[key]
        return row_text(entry, width, named=entry.title in self._shared_titles())

    def _titles_changed(self) -> None:
        """A title came or changed: the titles shared are worked out again once the screen
        is drawn (a row off screen may share the title of one on it)."""
        if self._shared is not None:
            self._shared = None
            self._title_counts = None
            if self.is_mounted:
                self.call_after_refresh(self._shared_titles)

    def _title_replaced(self, old: LibraryEntry, new: LibraryEntry) -> None:
        """The row ``old`` becomes ``new``: the titles shared are counted again for it alone
        when they are known (else worked out whole when next asked for)."""
        counts = self._title_counts
        if counts is None or self._shared is None:
            if old.title != new.title:
                self._titles_changed()
            return
        was = old.title if old.readable and old.title else ""
        now = new.title if new.readable and new.title else ""
        if was == now:
            return
        shared = set(self._shared)
        if was:
            counts[was] -= 1
            if counts[was] < 2:
                shared.discard(was)
            if not counts[was]:
                del counts[was]
        if now:
            counts[now] += 1
            if counts[now] > 1:
                shared.add(now)
        if shared != self._shared:
            self._shared = self._last_shared = frozenset(shared)
            if self.is_mounted:
                self.call_after_refresh(self.table.refresh_all_rows)

    def _shared_titles(self) -> frozenset[str]:
        """The titles two documents or more have (interview transcripts all headed
        "Interview"): their rows name their files, or they could not be told apart.  Worked
        out again after a title came or changed; the rows drawn are drawn again when the
        titles shared changed."""
        if self._shared is None:
            before = self._last_shared
            counts = Counter(e.title for e in self._entries.values() if e.readable and e.title)
            self._title_counts = counts
            self._shared = self._last_shared = frozenset(
                title for title, count in counts.items() if count > 1
            )
            if self._shared != before and self.is_mounted:
                self.call_after_refresh(self.table.refresh_all_rows)
        return self._shared

    def _attributes(self) -> DocumentAttributes:
        """The attributes of the documents listed: the user's, then those of their facts."""
        from tui_reader.core.analysis.attributes import DocumentAttributes

        own = self._workspace.store.attributes() if self._workspace is not None else {}

        def facts(key: str) -> DocumentFacts:
            entry = self._entries.get(key)
            if entry is None or entry.facts is None:
                raise DocumentError(Path(key), "not read yet")
            return entry.facts

        return DocumentAttributes(own, facts)

    def _width(self) -> int:
        width = self.table.scrollable_content_region.width if self.is_mounted else 0
        return max(12, width - 2) if width > 0 else TITLE_WIDTH


def _renamed_maybe(before: dict[str, LibraryEntry], now: dict[str, LibraryEntry]) -> bool:
    """Whether a listing again found a file gone and another new: one renamed or moved."""
    return any(key not in now for key in before) and any(key not in before for key in now)


def _found_again(workspace: Workspace, found_before: int = 0) -> str:
    """What the library says of the annotations that followed their files this session (by
    the scan, or the document opened first), and of those left on files not here: a corpus
    brought without one of its files leaves its passages orphans, on no row.  Empty when
    none moved (a file deleted on purpose is not said at every start).  ``found_before``:
    those said already (a relink after a listing again says the ones it moved)."""
    found = sum(workspace.moved.values()) - found_before
    if not found:
        return ""
    how = " or hold their passages" if workspace.moved_edited else ""
    said = (
        f"{counted(found, 'annotation')} found again: their files were not where the "
        f"database says; files here have the same text{how}"
    )
    gone = workspace.store.annotations_of(workspace.missing_keys(listed_now=True))
    left = sum(map(len, gone.values()))
    if not left:
        return said
    files = sorted(key for key, annotations in gone.items() if annotations)
    named = ", ".join(files[:3]) + (", ..." if len(files) > 3 else "")
    which = agreeing(left, "it", "them")
    return (
        f"{said}. {counted(left, 'annotation')} {agreeing(left, 'is', 'are')} left on "
        f"{agreeing(len(files), 'a file', f'{len(files)} files')} not here ({named}): the "
        f"codebook (T) lists {which} as {agreeing(left, 'an orphan', 'orphans')}, exports "
        f"keep {which}"
    )


def listed_rows(
    files: list[tuple[str, CorpusFile]],
    found: dict[str, DocumentFacts | str],
    before: dict[str, LibraryEntry],
    left: set[str],
    still: set[str] | None = None,
) -> dict[str, LibraryEntry]:
    """The rows of a listing's ``files``, by key: each with its facts ``found`` (or why it
    cannot be read; "loading…" when neither came yet), or the row it had ``before`` when its
    file is the same (its facts, counts and position stay: noted in ``still``), unless it
    is ``left`` to read again.  The store's word comes next (:class:`Library.Counted`)."""
    from tui_reader.ui.widgets.library_counts import KnownCounts
    from tui_reader.ui.widgets.library_entry import LibraryEntry

    known = KnownCounts({}, {}, {})
    entries: dict[str, LibraryEntry] = {}
    for key, file in files:
        facts = found.get(key)
        kept = before.get(key)
        if kept is not None and key not in left and kept.rel == file.rel:
            entries[key] = kept  # unchanged: its facts, counts and position stay
            if still is not None:
                still.add(key)
        elif facts is None:
            entries[key] = LibraryEntry(key=key, rel=file.rel, loading=True)
        elif isinstance(facts, str):
            entries[key] = LibraryEntry(key=key, rel=file.rel, error=facts)
        else:
            entries[key] = known.entry(key, file.rel, None, facts)
    return entries
