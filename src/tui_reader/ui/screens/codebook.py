"""The codebook screen (``T``): the tag tree on the left, every passage of the selected tag
across the corpus on the right.

Left: tags nested by ``/``, each with its highlight colour, its count (annotations with the
tag or one of its children) and its description; ``/`` filters.  Right: the passages tagged
with the selected tag (a parent includes its children), re-anchored against the documents'
current text, with document title, line, quote, other tags, note and anchor marks; ``enter``
closes the screen on that passage (the caller opens it).  ``r`` rename, ``m`` merge, ``d``
delete (asks first), ``c`` colour and description: each through the store, each failure
shown as an error.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, Tree
from textual.worker import get_current_worker

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.analysis.scope import ScopeCancelled
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.annotations.passages import (
    Cancelled,
    Passage,
    by_tag,
    passages_of_scope,
    refreshed,
)
from tui_reader.core.codebook.tree import (
    CodebookNode,
    Combinations,
    counted_tree,
    filter_matches,
    filter_tree,
)
from tui_reader.core.collector import collector_paused
from tui_reader.core.display import shown, shown_block
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import capped, counted
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.narrow import ONE_PANE_BELOW
from tui_reader.ui.notices import SAID_AT_MOST, notify_error, notify_warning
from tui_reader.ui.reading_pane.details import NUMBER_KEYS
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.codebook_edits import CodebookEdits
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.screens.scope_loading import shared_scope
from tui_reader.ui.showing import show
from tui_reader.ui.store_poll import StoreChanged
from tui_reader.ui.widgets.codebook_views import (
    CodebookTree,
    TagPassages,
    description_up_to,
    shown_code,
)
from tui_reader.ui.widgets.steady_footer import SteadyFooter
from tui_reader.ui.widgets.text_field import FilterField, filter_left
from tui_reader.ui.widgets.view_header import ViewHeader
from tui_reader.ui.worker_results import deliver

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.css.query import QueryType
    from textual.widget import Widget

    from tui_reader.core.workspace import Workspace

PROGRESS_SECONDS = 0.2  # how often the placing of the passages shows how far it is
SHORT_BELOW = 20  # rows: a terminal shorter shows the passages unframed, under a shorter heading
MEMO_SHOWN = 2_000  # characters of a code's memo shown above its passages (six lines hold fewer)


@dataclass(frozen=True)
class _Counts:
    """What a counts worker read: the codebook, its tree counted, the annotations on show,
    the passages given refreshed (None: none given), the annotations by their codes."""

    ticket: int
    codebook: list[Tag]
    nodes: list[CodebookNode]
    annotations: list[Annotation]
    fresh: list[Passage] | None
    combinations: Combinations


@dataclass
class _LastOpened:
    """The code whose passage was last opened from a workspace's codebook, and that passage's
    place in its list: ``T`` after reading it comes back to them, the next one a ``j`` away
    (closed with ``esc``, the codebook starts afresh)."""

    tag: str
    highlighted: int


_LAST: WeakKeyDictionary[Workspace, _LastOpened] = WeakKeyDictionary()


class CodebookScreen(StyledOnce, ClosesOnce, Screen[Passage | None]):
    """Browse the codebook and the passages of each tag; edit the codebook.

    Dismisses with the :class:`Passage` chosen with ``enter`` (None when closed)."""

    DEFAULT_CSS = """
    CodebookScreen #codebook-main {
        height: 1fr;
    }
    CodebookScreen #codebook-left {
        width: 40%;
        min-width: 28;
        max-width: 70;
        border-right: vkey $panel-lighten-1;
    }
    /* A narrow terminal: the tags above their passages, each the whole width (beside
       each other the passages had a word a line) */
    CodebookScreen.-narrow #codebook-main {
        layout: vertical;
    }
    CodebookScreen.-narrow #codebook-left {
        width: 1fr;
        max-width: 100%;
        height: 40%;
        border-right: none;
        border-bottom: hkey $panel-lighten-1;
    }
    CodebookScreen #codebook-filter {
        display: none;
        height: 3;
    }
    CodebookScreen #codebook-filter.-active {
        display: block;
    }
    CodebookScreen #codebook-tree {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
    }
    /* The code's name and description, cut at three lines (c shows the description whole),
       and under them its counts, always in view: a description of two hundred characters
       at 80x24 filled the heading's four lines, and the counts and orphans were never seen */
    CodebookScreen #codebook-heading {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
    }
    CodebookScreen #codebook-counts {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
    }
    CodebookScreen #codebook-passages {
        height: 1fr;
    }
    /* the code's memo, under its name and counts: a few lines of it, M to read it all */
    CodebookScreen #codebook-memo {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    CodebookScreen #codebook-empty {
        color: $text-muted;
        padding: 1 2;
    }
    /* A short terminal (40x12): the heading a line each for the tag and its count, the
       passages unframed (the frame and a heading of four lines left the list one line,
       which held a passage's heading and never its words). */
    CodebookScreen.-short #codebook-heading, CodebookScreen.-short #codebook-counts {
        max-height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CodebookScreen.-short #codebook-passages {
        border: none;
    }
    CodebookScreen.-short #codebook-memo {
        max-height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    /* (at 20x6 the filter's field, three lines high, in the tags' one line over their
       line's rule, showed a blank line: what was typed out of view) */
    CodebookScreen.-short #codebook-filter {
        height: 1;
        border: none;
        padding: 0 1;
    }
    CodebookScreen.-short.-narrow #codebook-left {
        border-bottom: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("codebook")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (ONE_PANE_BELOW, "-wide")]  # noqa: RUF012 (Textual types it an instance variable)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)
    # The tags' tree first (on_mount focuses it): Textual's first focusable, the filter
    # field, took the focus and gave it back, styled three times as the codebook opened.
    AUTO_FOCUS = "#codebook-tree"

    def __init__(self, workspace: Workspace, *, select: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        last = _LAST.get(workspace) if select is None else None
        self._back_at = None if last is None else last.highlighted  # the passage opened last
        self._back_to: str | None = None  # the passage under the cursor as they are placed again
        if last is not None:
            select = last.tag
        self.nodes: list[CodebookNode] = []
        self.codebook: list[Tag] = []
        self.memos: dict[str, str] = {}  # each code's memo, by the code's name
        self.palette = TagPalette(())
        self.passages: list[Passage] = []
        self._tagged: dict[str, list[Passage]] = {}  # the passages of each tag (by_tag)
        self.placing = True  # passages are being placed in their documents
        self._not_placed: str | None = None  # why the last placing failed, when it did
        self._enters_while_placing = 0  # enter on a tag before its passages were placed
        self.placed = (0, 0)  # documents placed so far, of how many (while placing)
        # the documents said not read: each once while the view is open, not again at each
        # placing of the passages (a rename, its undo and redo each said them all again)
        self._unread_said: set[str] = set()
        self.changed = False  # the codebook was edited here
        self.selected: str | None = select  # the tag whose passages are listed
        self._filter = ""
        self._revision = -1  # the store's revision shown
        self.counting = True  # the tags' counts are being read (a worker)
        # the annotations on show by their codes, as last counted (an edit here maps them)
        self._combinations: Combinations | None = None
        self.retagging = False  # the passages' codes are read again after an edit here
        self._asked = 0  # counts asked for so far (each a ticket)
        self._shown_ticket = 0  # the ticket of the counts on show
        self._used_only: set[str] = set()  # tags on annotations, not in the codebook
        self.edits = CodebookEdits(self)
        self.tag_tree = CodebookTree(id="codebook-tree")
        self.passage_list = TagPassages(id="codebook-passages")
        self.passage_list.chosen = self._passage_chosen
        self.passage_list.chosen_unlisted = self._chosen_before_placed
        # Held, not looked up: a key typed right behind T (esc) ran before they were mounted,
        # and a look-up stopped the app.
        self.filter_field = FilterField(
            placeholders=("Filter tags (enter keeps, esc clears)", "Filter tags", "Filter"),
            id="codebook-filter",
        )
        self.heading = Static(id="codebook-heading")
        self.counts = Static(id="codebook-counts")  # under the heading, cut never by it
        self.memo = Static(id="codebook-memo")
        self.empty = Static(id="codebook-empty")

    def compose(self) -> ComposeResult:
        yield ViewHeader()
        with Horizontal(id="codebook-main"):
            with Vertical(id="codebook-left"):
                yield self.filter_field
                yield self.tag_tree
            with Vertical(id="codebook-right"):
                yield self.heading
                yield self.counts
                yield self.memo
                yield self.empty
                yield self.passage_list
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = "Codebook"
        self._read_tags()
        self._rebuild_tree()
        focus_now(self.tag_tree)
        self.call_after_refresh(self._load)  # the tree on screen first, then the counts

    # -- data --------------------------------------------------------------------------------

    def _read_tags(self) -> None:
        """Read the codebook (a few hundred tags at most) and show its tree at once, the
        counts to follow from a worker (they read every annotation: 100,000 take seconds)."""
        store = self.workspace.store
        try:
            self._revision = store.revision
            self.codebook = store.tags()
            self.memos = {memo.target: memo.text for memo in store.memos(MemoKind.CODE)}
        except TuiReaderError as exc:
            notify_error(self, exc, "Codebook")
        self.palette = TagPalette(self.codebook)
        self.counting = True
        self._asked += 1
        # Tags found only on annotations stay in the tree while their counts are read again.
        self.nodes = counted_tree(self.codebook, {(path,): 0 for path in self._used_only})

    def _counts(
        self, ticket: int, passages: list[Passage] | None, cancelled: Callable[[], bool]
    ) -> _Counts | None:
        """In a worker: the codebook, its tree with every tag's count and the annotations on
        show; ``passages`` refreshed with the store's tags and notes (None: none given).  None
        when the store could not be read (the error shown).  ``cancelled()`` is asked between
        the parts (the screen closed: :class:`Cancelled`, the rest not done)."""
        store = self.workspace.store
        with collector_paused():  # 100,000 annotations in lists: no collector pass over them
            try:
                codebook = store.tags()
                annotations = self._visible()
            except TuiReaderError as exc:
                notify_error(self.app, exc, "Codebook")  # thread-safe
                return None
            if cancelled():
                raise Cancelled
            combinations = Counter(a.tags for a in annotations)  # (in C: see codebook_tree)
            nodes = counted_tree(codebook, combinations)
            if cancelled():
                raise Cancelled
            fresh = None if passages is None else refreshed(passages, annotations, cancelled)
        return _Counts(ticket, codebook, nodes, annotations, fresh, combinations)

    @work(thread=True, exclusive=True, group="codebook-counts", description="codebook counts")
    def _count(self, ticket: int, passages: list[Passage] | None) -> None:
        """The counts read again after an edit (and the passages' tags with them)."""
        worker = get_current_worker()
        try:
            counted = self._counts(ticket, passages, lambda: worker.is_cancelled)
        except Cancelled:  # the screen closed: nothing to show them in
            return
        if counted is None:  # not read (the error shown): the tree waits for them no more
            deliver(self, self._not_counted, ticket)
        elif not get_current_worker().is_cancelled:
            fresh = counted.fresh
            tagged = None if fresh is None else by_tag(fresh)
            deliver(self, self._counted, counted, passages, tagged)

    def _counted(
        self,
        counts: _Counts,
        given: list[Passage] | None,
        tagged: dict[str, list[Passage]] | None,
    ) -> None:
        """A worker's counts: shown unless a later count has been shown already."""
        ticket, codebook, nodes, fresh = counts.ticket, counts.codebook, counts.nodes, counts.fresh
        if ticket <= self._shown_ticket:
            return
        self._shown_ticket = ticket
        self._cursor_followed()
        self.counting = ticket < self._asked  # a later count is on its way
        self.retagging = self.retagging and self.counting
        self._combinations = counts.combinations
        self.codebook, self.palette, self.nodes = codebook, TagPalette(codebook), nodes
        self._used_only = {
            node.path for top in nodes for node in top.walk() if node.tag is None and node.own
        }
        if fresh is not None and given is self.passages:  # not placed again since
            self._set_passages(fresh, tagged)
        self._rebuild_tree()

    def _not_counted(self, ticket: int) -> None:
        """A worker's counts could not be read (the error was shown): the tree shows the
        counts it had and waits for them no more ("reading the counts…" for ever), unless a
        later count is on its way."""
        if ticket <= self._shown_ticket:
            return
        self._shown_ticket = ticket
        self._cursor_followed()
        self.counting = ticket < self._asked
        self.retagging = self.retagging and self.counting
        self._rebuild_tree()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        """Show what another process changed (tags, annotations) since we looked."""
        store = self.workspace.store
        if store.revision == self._revision or self.placing:
            return
        # the passage under the cursor, gone from the list while they are placed, is kept
        # to go back to (a researcher on the second of a code's passages stays there)
        if (current := self.passage_list.current) is not None:
            self._back_to = current.annotation.id
        self._cursor_followed()
        self._read_tags()
        self._rebuild_tree()
        self.placing, self.placed = True, (0, 0)  # new or moved annotations: place them again
        self._show_passages()
        self._load()

    @work(thread=True, exclusive=True, group="codebook-passages", description="codebook")
    def _load(self) -> None:
        """The counts (the tree waits for them), then the passages placed in their documents."""
        worker = get_current_worker()
        shown_at = 0.0
        asked = self._asked

        def cancelled() -> bool:  # the screen closed (Textual cancels its workers)
            return worker.is_cancelled

        try:
            counted = self._counts(asked, None, cancelled)
        except Cancelled:  # the screen closed: nothing to show them in
            return
        if worker.is_cancelled:
            return
        if counted is not None:
            annotations = counted.annotations
            deliver(self, self._counted, counted, None, None)
        else:  # not read (the error shown): the tree waits for them no more
            deliver(self, self._not_counted, asked)
        revision = self.workspace.store.revision

        def progress(total: int, _step: str) -> Callable[[], None]:
            done = 0

            def advance() -> None:
                nonlocal done, shown_at
                done += 1
                now = time.monotonic()
                if now - shown_at >= PROGRESS_SECONDS or done == total:
                    shown_at = now
                    deliver(self, self._progress, done, total)

            return advance

        try:
            # The placing the query view and the reports share: one opened before took it
            # (or takes it after), nothing placed again.
            with FOREGROUND.running():  # waited on: the library's scan steps aside
                scope = shared_scope(self.workspace, progress, cancelled)
                passages = passages_of_scope(self.workspace, scope, cancelled)
            problems = scope.problems
        except (Cancelled, ScopeCancelled):
            return
        except TuiReaderError as exc:
            notify_error(self.app, exc, "Passages")  # thread-safe
            # placing no more: it said "placing…" for ever, and placed nothing at a change
            deliver(self, self._placing_failed, str(exc))
            return
        if worker.is_cancelled:
            return
        # Edits made while placing: the store knows the current tags (here, not on the
        # screen's thread: 100,000 annotations take a second).  Only the coders shown.
        if counted is None or self.workspace.store.revision != revision:
            revision = self.workspace.store.revision
            annotations = self._visible()
        try:
            passages = refreshed(passages, annotations, cancelled)
        except Cancelled:
            return
        deliver(self, self._loaded, passages, by_tag(passages), problems, revision)

    def _visible(self) -> list[Annotation]:
        return self.workspace.coder_view.filter(self.workspace.store.annotations())

    def _progress(self, done: int, total: int) -> None:
        if self.placing:
            self.placed = (done, total)
            self._show_passages()

    def _loaded(
        self,
        passages: list[Passage],
        tagged: dict[str, list[Passage]],
        problems: list[str],
        revision: int,
    ) -> None:
        if self.workspace.store.revision != revision:  # changed since: refreshed again
            passages = refreshed(passages, self._visible())
            tagged = by_tag(passages)
        self._set_passages(passages, tagged)
        self._revision = self.workspace.store.revision  # positions it saved are shown
        self.placing = False
        self.placed = (0, 0)
        self._not_placed = None
        fresh = [problem for problem in problems if problem not in self._unread_said]
        self._unread_said.update(fresh)
        for problem in capped(fresh, SAID_AT_MOST):  # not a toast for each of 500
            notify_warning(self, problem, "Document not read")
        self._show_passages()
        # enter (go to the passages) and enter again (open one), typed before they were
        # placed: done now, as typed (they folded the tag instead)
        enters, self._enters_while_placing = self._enters_while_placing, 0
        listed = self.passage_list
        back_at, self._back_at = self._back_at, None
        back_to, self._back_to = self._back_to, None
        if back_to is not None and not enters:
            ids = [p.annotation.id for p in listed.passages]
            if back_to in ids:
                listed.highlighted = ids.index(back_to)
        if back_at is not None and not enters and listed.passages:
            listed.highlighted = min(back_at, len(listed.passages) - 1)
            self.set_focus(listed)
        if enters and listed.passages:
            if listed.highlighted is None:
                listed.highlighted = 0
            if enters > 1 and (passage := self.current_passage) is not None:
                self._open(passage)
            else:
                self.set_focus(listed)

    def _set_passages(
        self, passages: list[Passage], tagged: dict[str, list[Passage]] | None = None
    ) -> None:
        """The passages, and their index by tag (made here unless the worker made it: 100,000
        passages take a while)."""
        self.passages = passages
        self._tagged = by_tag(passages) if tagged is None else tagged

    def _after_change(
        self,
        select: str | None,
        nearest: Sequence[str] = (),
        recount: Callable[[Combinations], Combinations] | None = None,
    ) -> None:
        """After a codebook edit: the tree of the new codebook at once, its counts and the
        passages' tags from a worker; with ``recount`` (how the edit changed the annotations'
        codes), the counts at once too, from those last read."""
        self.changed = True
        counted_before = not self.counting  # the counts on show are the store's (no later one due)
        self._read_tags()
        if recount is not None and self._combinations is not None and counted_before:
            self._combinations = recount(self._combinations)
            self.nodes = counted_tree(self.codebook, self._combinations)
            self.counting, self.retagging = False, True
        if select is None:  # of the new codebook: a parent may have gone with its child
            select = next((path for path in nearest if self._node(path) is not None), None)
        if select is not None:
            self.selected = select
        self._rebuild_tree()
        self._count(self._asked, self.passages)

    # -- the tree ----------------------------------------------------------------------------

    def _rebuild_tree(self) -> None:
        visible = filter_tree(self.nodes, self._filter)
        at = self.tag_tree.show(
            visible,
            self.palette,
            self.selected,
            counted=not self.counting,
            memos=self.memos,
            folding=not self._filter.strip(),  # a filter shows every code it finds
            keys={tag.name: n for n, tag in enumerate(self.codebook[:NUMBER_KEYS], start=1)},
        )
        if at is not None or not visible:  # a filter hiding every tag: none is selected
            self.selected = at
        self._show_passages()

    @on(Tree.NodeHighlighted, "#codebook-tree")
    def _follow_cursor(self) -> None:
        """The tag under the tree's cursor is the one selected, now: keys typed fast run
        before the cursor's highlight message arrives (``j`` then ``r`` renamed the tag the
        cursor had just left)."""
        if self._cursor_followed():
            self._show_passages()

    def _cursor_followed(self) -> bool:
        """Select the tag under the tree's cursor if a key moved it there since (its highlight
        message still on its way); whether it did.  The tree shown again (counts arrived, the
        store changed) keeps the cursor where the key put it: shown with the tag it left, it
        put the cursor back (``j`` typed as a rename's counts arrived was undone)."""
        node = self.tag_tree.cursor_node
        if node is not None and node.data is not None and node.data != self.selected:
            self.selected = node.data
            return True
        return False

    def _node(self, path: str | None) -> CodebookNode | None:
        for top in self.nodes:
            for node in top.walk():
                if node.path == path:
                    return node
        return None

    # -- the passages ------------------------------------------------------------------------

    def _placing_failed(self, reason: str) -> None:
        """The passages could not be placed: said under each tag; placed again at the next
        change of the store."""
        self.placing = False
        self.placed = (0, 0)
        self._not_placed = reason
        self._show_passages()

    def _head(self, title: Text, counts: Text | None = None) -> None:
        """The heading of the right side: ``title`` (the code), and ``counts`` under it."""
        self.heading.update(title)
        self.counts.update(counts or "")
        show(self.counts, counts is not None)

    def _show_passages(self) -> None:
        empty = self.empty
        option_list = self.passage_list
        tag = self.selected
        node = self._node(tag)
        self._show_memo(tag if node is not None else None)
        if tag is not None and node is None and self.counting:  # a tag the counts will bring
            self._head(Text(shown_code(tag), "bold"), Text("reading the counts…", "dim italic"))
            show(empty, False)
            show(option_list)
            option_list.show([], tag, self.palette)
            return
        if tag is None and self.nodes:  # the filter hides every tag
            self._head(Text(f"No tag matches “{shown(self._filter)}”", style="bold"))
            empty.update(Text("esc in the filter clears it; / changes it.", style="italic"))
            show(empty)
            show(option_list, False)
            option_list.show([], "", self.palette)
            return
        if tag is None or node is None:
            self._head(Text("The codebook is empty", style="bold"))
            empty.update(Text("No tags yet. Select a passage in the reader and press a to tag it."))
            show(empty)
            show(option_list, False)
            option_list.show([], "", self.palette)
            return
        title = Text()
        title.append("  ", style=Style(bgcolor=self.palette.colour(tag).background))
        title.append(f" {shown_code(tag)}", style="bold")  # user data: the display gate
        if node.tag is not None and node.tag.description:
            description, left = description_up_to(node.tag.description)
            title.append(f" — {shown(description)}", style="italic")
            if left:
                title.append(f" … {left:,} more characters", style="dim")
        if self.placing:
            counts = Text("placing the passages in their documents…", style="dim italic")
            done, total = self.placed
            if total:
                counts.append(f" {done:,} of {counted(total, 'document')}")
            self._head(title, counts)
            option_list.show([], tag, self.palette)
            show(empty, False)
            show(option_list)
            return
        if self._not_placed is not None:
            said = f"the passages were not placed: {shown(self._not_placed)}"
            self._head(title, Text(said, style="dim italic"))
            option_list.show([], tag, self.palette)
            show(empty, False)
            show(option_list)
            return
        tagged = self._tagged.get(tag, [])
        # Counted at once after an edit here, the passages' codes read again later: a list
        # of another length is another set (a merge into this code, or one undone or
        # redone: 7,695 merged passages listed for seconds under a code of 3,892), and is
        # not shown.  A renamed code has none listed under its new name until then.
        stale = self.retagging and len(tagged) != node.total
        if stale:
            tagged = []
        documents = len({p.key for p in tagged})
        orphans = sum(p.annotation.status == AnchorStatus.ORPHAN for p in tagged)
        # whose coding is counted (C), as the query view and the reports say it: ben's code at
        # 0, with only mine shown, read as his coding gone
        view = self.workspace.coder_view
        whose = "" if view.only is None else f" ({view.label(self.workspace.store.coder)})"
        counts = Text(
            f"{counted(len(tagged), 'passage')}{whose} in {counted(documents, 'document')}",
            style="dim",
        )
        if stale:  # edited here: they follow
            said = f"{counted(node.total, 'passage')}{whose}, listed in a moment…"
            counts = Text(said, style="dim")
        if node.children:
            counts.append(" (with its children)", style="dim")
        if orphans:
            counts.append(f" · {orphans} orphaned", style="dim red")
        self._head(title, counts)
        option_list.show(tagged, tag, self.palette)
        if (self.counting or self.retagging) and not tagged:  # edited here: they follow
            empty.update(Text("reading the passages' tags…", style="dim italic"))
        else:
            empty.update(Text(f"No passage{whose} is tagged {shown_code(tag)}.", style="italic"))
        show(empty, not tagged)
        show(option_list, bool(tagged))

    def _show_memo(self, tag: str | None) -> None:
        """The memo of ``tag`` under its heading (none: nothing shown): its beginning, what
        six lines can show (a memo of a megabyte was wrapped whole at each move onto its
        code, a third of a second a key)."""
        text = self.memos.get(tag, "").strip() if tag is not None else ""
        if text:
            cut = text[:MEMO_SHOWN].rstrip() + ("…" if len(text) > MEMO_SHOWN else "")
            self.memo.update(Text.assemble(("✎ ", "bold"), shown_block(cut)))
        show(self.memo, bool(text))

    def memos_changed(self) -> None:
        """A code's memo written or deleted here: its mark and its words shown."""
        try:
            self.memos = {m.target: m.text for m in self.workspace.store.memos(MemoKind.CODE)}
        except TuiReaderError as exc:
            notify_error(self, exc, "Codebook")
        self._rebuild_tree()

    @property
    def current_passage(self) -> Passage | None:
        return self.passage_list.current

    @on(OptionList.OptionSelected, "#codebook-passages")
    def _passage_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._passage_chosen(event.option_index)

    def _passage_chosen(self, index: int) -> None:
        passages = self.passage_list.passages
        if 0 <= index < len(passages):
            self._open(passages[index], index)

    def _chosen_before_placed(self) -> None:
        """``enter`` on the passages before they were placed (``tab`` and ``enter`` typed as
        the codebook opened, or on a big corpus): the first is opened once they are, as
        ``enter`` twice on the tag does (it was lost: the passages showed and nothing
        opened)."""
        if self.placing:
            self._enters_while_placing = max(self._enters_while_placing + 1, 2)

    def _open(self, passage: Passage, index: int | None = None) -> None:
        """Close on ``passage``, to be shown in its document; remembered with its code."""
        if self.edits.refused_while_saving():
            return
        at = self.passage_list.highlighted if index is None else index
        if self.selected is not None and at is not None:
            _LAST[self.workspace] = _LastOpened(self.selected, at)
        self.dismiss(passage)

    def action_choose(self) -> None:
        """``enter``: on the tree, go to the passages; on a passage, open it."""
        if self.tag_tree.has_focus:
            self._follow_cursor()
        if self.passage_list.has_focus:
            passage = self.current_passage
            if passage is not None:
                self._open(passage)
        elif self.passage_list.passages:
            self.set_focus(self.passage_list)
            if self.passage_list.highlighted is None:
                self.passage_list.highlighted = 0
        elif self.tag_tree.has_focus and self.placing:
            self._enters_while_placing += 1  # its passages are not known yet
        elif self.tag_tree.has_focus and self.tag_tree.cursor_node is not None:
            self.tag_tree.cursor_node.toggle()

    def action_cursor(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, Tree | OptionList):
            if step > 0:
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()

    def action_cursor_end(self, index: int) -> None:
        """``g`` / ``G``: the first / the last tag or passage."""
        focused = self.focused
        if isinstance(focused, OptionList):
            if index >= 0:
                focused.action_first()
            else:
                focused.action_last()
        elif isinstance(focused, CodebookTree):
            focused.to_line(index)

    # -- filter ------------------------------------------------------------------------------

    # tab goes between the codes and their passages, past the filter (``/`` goes there): from
    # the passages it landed in the filter, and the j typed next went into it.

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        before, moved = self.focused, super().focus_next(selector)
        if moved is not None and moved is not before and moved.id == "codebook-filter":
            moved = super().focus_next(selector)
        return moved

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        before, moved = self.focused, super().focus_previous(selector)
        if moved is not None and moved is not before and moved.id == "codebook-filter":
            moved = super().focus_previous(selector)
        return moved

    def action_filter(self) -> None:
        field = self.filter_field
        field.add_class("-active")
        field.edit()  # at once, after the filter's text

    @on(Input.Changed, "#codebook-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # The field as it is now: letters typed fast reach it before the screen takes their
        # messages, and each letter's tree of 2,000 codes was shown in turn, the screen still
        # until the last one's; the first message shows the last letter's, the rest none.
        value = event.input.value
        if value == self._filter:
            return
        self._filter = value
        # The cursor on a tag the filter names, not on a parent kept only to hold one.
        matches = filter_matches(self.nodes, self._filter)
        if matches and self.selected not in matches:
            self.selected = matches[0]
        self._rebuild_tree()

    @on(Input.Submitted, "#codebook-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        filter_left(event.input, self.tag_tree)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``escape`` is one level back: the filter cleared when typing in it, the passages
        left for their tag, else the codebook closed; only the one that applies is live (and
        in the footer), so the key runs it."""
        # (the focus as it is now: has_focus follows it by a message, behind a burst's keys)
        if action == "clear_filter":
            return self.focused is self.filter_field
        if action == "back":
            return self.focused is self.passage_list
        return True

    def action_clear_filter(self) -> None:
        filter_left(self.filter_field, self.tag_tree, cleared=True)

    def action_back(self) -> None:
        # (the focus moved now, here and wherever a key moves it between the lists: focus()
        # waits its turn, and the keys of a burst behind it went to the list it left)
        self.set_focus(self.tag_tree)

    def action_close(self) -> None:
        if self.edits.refused_while_saving():
            return
        _LAST.pop(self.workspace, None)  # done with it: the next T starts afresh
        self.dismiss(None)

    # -- editing: CodebookEdits acts --------------------------------------------------------

    def action_act(self, verb: str, *arguments: object) -> None:
        """Run the editing action ``verb`` (the key registry's ``act('rename')``...)."""
        if verb not in CodebookEdits.VERBS:
            raise ValueError(f"no codebook action {verb!r}")
        if self.edits.refused_while_saving():
            return
        self._follow_cursor()
        getattr(self.edits, verb)(*arguments)

    def after_change(
        self,
        select: str | None,
        *,
        place: bool = False,
        nearest: Sequence[str] = (),
        recount: Callable[[Combinations], Combinations] | None = None,
    ) -> None:
        """Refresh the tree, counts and passages after an edit (``place``: place the
        passages again, some may have come back or gone; ``nearest``: the tags to select,
        the first still in the codebook, when ``select`` is None; ``recount``: how the edit
        changed the annotations' codes, for the counts at once)."""
        self._after_change(select, nearest, recount)
        if place:
            self.placing, self.placed = True, (0, 0)
            self._load()

    def node(self, path: str | None) -> CodebookNode | None:
        return self._node(path)
