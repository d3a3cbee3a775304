"""The query view (``Q``): type a query, see every matching passage in full; ``enter`` on a
passage closes the view on it (the caller opens the document there).

The language is :mod:`tui_reader.core.analysis.query`'s; a syntax error shows under the input
with a caret at its column.  The corpus's coded passages are placed once, in a worker, when
the view opens; each query then runs on them in memory.  The reports' drill-down opens this
view on a given list of passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.worker import NoActiveWorker, Worker, get_current_worker

from tui_reader.core.analysis.attributes import attribute_names
from tui_reader.core.analysis.codes_apart import apart_line
from tui_reader.core.analysis.context import (
    PassageInContext,
    first_documents,
    in_context,
    plain_texts,
)
from tui_reader.core.analysis.known_turns import turns_known
from tui_reader.core.analysis.matching import (
    PassageSpeakers,
    coders_asked,
    coders_spelled,
    comparisons_naming_codes,
    compile_query,
    documents_spelled,
    everything_below_naming_codes,
    no_code_lines,
    query_warnings,
    spaced_comparisons,
    spaced_values,
    spelled_as_coded,
    unmatched_attributes,
    unmatched_values,
)
from tui_reader.core.analysis.paragraph_places import KeptParagraphs
from tui_reader.core.analysis.query import LANGUAGE as QUERY_LANGUAGE
from tui_reader.core.analysis.query import parse_query
from tui_reader.core.analysis.reports import documents_by_value
from tui_reader.core.analysis.scope import Scope, attribute_lookup, left_out_note
from tui_reader.core.analysis.scope_first import FirstAsked, PlaceFirst, Wanted
from tui_reader.core.analysis.scope_records import carries_any, codes_required, uncarried
from tui_reader.core.analysis.values import Value, show_value
from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.errors import QuerySyntaxError, TuiReaderError
from tui_reader.core.wording import agreeing, capped, counted
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import SAID_AT_MOST, Said
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.screens.scope_loading import (
    ScopeFailed,
    ScopeLoaded,
    ScopePlacedFirst,
    ScopeProgress,
    coded_in,
    load_scope_for,
)
from tui_reader.ui.store_poll import StoreChanged
from tui_reader.ui.widgets.breaking_text import broken_lines
from tui_reader.ui.widgets.passage_list import PassageList
from tui_reader.ui.widgets.steady_footer import SteadyFooter
from tui_reader.ui.widgets.steady_option_list import ListKeys
from tui_reader.ui.widgets.text_field import QueryField
from tui_reader.ui.widgets.view_header import ViewHeader
from tui_reader.ui.worker_results import deliver

if TYPE_CHECKING:
    from tui_reader.core.analysis.coder_agreement import Progress
    from tui_reader.core.workspace import Workspace

PROMPT = 'Query: codes with AND OR NOT ( ), country=Mexico, age>30, doc:NAME, text:"..."'
# The same in fewer words, for a narrower view (80 columns cut it in a word).
PROMPTS = (
    PROMPT,
    'Query: codes AND OR NOT, country=Mexico, age>30, text:"..."',
    "Query: codes AND OR NOT, country=Mexico",
    "Query: codes, attributes",
    "Query",
)

# The query language, under the view's keys in its help (``?``): where the query is typed.
LANGUAGE = ("Query language", list(QUERY_LANGUAGE))

_FIGURES_SEEN = 20  # cells of the coded passages' figures worth showing after the hint, cut
# The figures' words said shorter where the line is narrow: "107 coded in 8 of 11 documents"
_CODED_PASSAGES = re.compile(r" coded passages? ")

SHORT_BELOW = 20  # rows: a terminal shorter shows the query and its passages unframed
FIRST_SHOWN = 200  # passages shown while the rest of a query's are placed in context
# seconds the keys typed behind enter wait for the query's passages; while the query they
# follow runs, they wait on (past this, a second enter was typed in the query and ran it again)
HOLD_WHILE_RUNNING = 5.0
# seconds between two looks at the passages placed so far, for a query that may match a
# passage carrying none of its codes (NOT x, text:) run while the project's are placed; at
# least as long as the last run took: each runs over every passage placed so far (100,000:
# seconds on a busy machine), and runs one after the other took the placing's time
LOOK_AGAIN = 1.0
CUTTING_SAID_EVERY = 0.2  # seconds: how often the units cut for a distance are counted


class _CutReplaced(Exception):
    """Raised in a run's worker, between two documents cut into units for its distance,
    once a newer run replaced it (the query run again, the passages placed whole): its cut
    stops there, and the newer run's goes on alone."""


@dataclass
class _LastQuery:
    """The query of the passage last opened from a workspace's query view, and its place in
    the list: ``Q`` after reading that passage comes back to them, the next one a ``j`` away
    (closed with ``esc``, the view starts afresh)."""

    query: str
    highlighted: int
    sort_by: str | None = None  # the attribute its passages were listed by (``o``)


_LAST: WeakKeyDictionary[Workspace, _LastQuery] = WeakKeyDictionary()


def _listed(passage: PassageInContext) -> tuple[str, int, int, str, str]:
    """The order passages are found in, by document (:func:`reading_order`)."""
    return reading_order(passage.annotation)


class QueryScreen(StyledOnce, ListKeys, ClosesOnce, Screen[Passage | None]):
    """Dismisses with the passage chosen with ``enter`` (None when closed); opened again
    without a query, it shows the last one run, on the passage opened from it."""

    DEFAULT_CSS = """
    QueryScreen #query-input {
        margin: 0 0;
    }
    QueryScreen #query-status {
        height: auto;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;  /* a line each: a pasted query of pages leaves room for passages */
        text-overflow: ellipsis;
    }
    QueryScreen #query-status.-error {
        color: $error;
    }
    QueryScreen #query-passages {
        height: 1fr;
    }
    /* A query's warnings across the view, their words on few lines, below its answer: at
       80x24 half the width, NEAR explained stood fourteen lines tall, and with a misspelt
       code's over it the notices covered the count line and the query */
    QueryScreen Toast {
        width: 100%;
        max-width: 100%;
        padding: 0 1;
        margin-top: 0;
    }
    /* However many they are, below the count line: a dozen misspelt codes, NEAR explained
       and notices after them stood over the answer, the query and the title at 80x24; at
       40x12 the query (a line) and its count stay in sight too. */
    QueryScreen ToastRack {
        max-height: 60%;
        /* Textual's rack is invisible (its toasts are not): it had no size, so it could not
           scroll to its newest toast, and notices more than it holds showed the oldest and
           cut the newest.  Seen, it has its size and scrolls; its ground lets the view show. */
        visibility: visible;
        background: transparent;
    }
    /* A short terminal (40x12): the query and the list without their frames, the passages
       twice the lines (four lines held a heading and the context before the passage). */
    QueryScreen.-short #query-input {
        height: 1;
        border: none;
        padding: 0 1;
    }
    QueryScreen.-short #query-passages {
        border: none;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("query")
    HELP_MORE: ClassVar[tuple[str, list[tuple[str, str]]]] = LANGUAGE  # under the keys in ?

    def __init__(
        self,
        workspace: Workspace,
        query: str = "",
        *,
        passages: Sequence[Annotation] | None = None,
        opened: str | None = None,
        heading: tuple[str, str] | None = None,
        meeting: tuple[str, str] | None = None,
    ) -> None:
        """``passages``: a report cell's, listed without a query run (``opened``: the id of
        the one opened from that list before, where the cursor comes back to; ``heading``:
        what they are when no query says it, as the view's title and beside its count of
        passages: a co-occurrence cell's two codes and count, a code's own passages;
        ``meeting``: a co-occurrence cell's two codes: its field, run again as it is, lists
        the cell's passages again under its heading; edited, it runs as any query, its
        OVERLAPS kept)."""
        super().__init__()
        self.heading = heading if passages is not None else None
        # a co-occurrence cell's: its query, heading, passages and codes, listed again at
        # enter on its query unchanged (run as a query, it lists only those carrying both)
        self._cell = (
            (query, heading, list(passages), meeting)
            if passages is not None and meeting is not None
            else None
        )
        self.workspace = workspace
        last = _LAST.get(workspace) if not query and passages is None else None
        self.sort_by: str | None = None  # the attribute the passages are listed by (o)
        if last is not None:
            query = last.query
            self.sort_by = last.sort_by
        self._back_at = None if last is None else last.highlighted  # the passage opened last
        self._back_to = opened  # a report cell's passage opened last
        self.from_cell = passages is not None  # a report cell's passages: R goes back to it
        self.query_text = query
        self.preset = None if passages is None else list(passages)
        self.scope: Scope | None = None
        self._left_out = ""  # what the scope left out of the query run (left_out_note)
        self._scope_asked = False  # the project's passages asked to be placed
        self._paragraphs = KeptParagraphs(workspace)  # (see _load_scope)
        self._revision = -1  # the store's revision the passages were placed from
        self._rerun: str | None = None  # the query to run again once placed again
        # A query typed while the passages are placed: the documents holding its codes are
        # placed first (``_first``), and it runs on those (``_early``) while the rest are;
        # what it found is said "so far" (``_so_far``) until it runs on the whole project.
        # Meanwhile (and for one that may match a passage carrying none of its codes,
        # until the end) it runs on the documents placed so far (a look, ``_early``
        # without codes), again every LOOK_AGAIN.
        self._first = PlaceFirst()
        self._asked: Wanted | None = None  # what was last asked of ``_first``
        # the codes on passages, every coder's and the coding's on show, of a revision and view
        self._carried: tuple[tuple[int, str | None], list[str], list[str]] | None = None
        # the query whose answer the status line shows (so far or whole): run again, it is
        # not said to be found again meanwhile, and the line changes once, to its answer
        self._showing: str | None = None
        # the query whose whole answer is on show (of its documents placed first, or said
        # before any placing): run again, its first passages are not shown before the rest
        self._complete: str | None = None
        self._answered = False  # the query on show matched nothing, said before any placing
        self._early: ScopePlacedFirst | None = None
        self._whole = True  # the query on show ran on the whole project's passages
        self._so_far: str | None = None  # what the status line says of it meanwhile
        self._ran_from = 0.0  # when its last run so far began (monotonic)
        # the first passages shown, what the status line says while the rest are read
        self._finding_rest: str | None = None
        self.palette = TagPalette(())
        self.codebook: list[str] = []  # the tag names, for a query's codes typed in another case
        self.matches: list[PassageInContext] = []
        self.running = True  # placing passages or running a query
        self._to_passages = False  # enter was pressed before the passages were placed
        self._end_pending: int | None = None  # g/G typed before a query's passages showed
        # The view's parts, made here and kept: the query, what it found, the passages.
        # Its keys (ctrl+u, ctrl+w, backspace...) run in the order typed, and those typed
        # behind enter go to the passages enter moves to.
        self.input = QueryField(
            value=query,
            placeholders=PROMPTS,
            id="query-input",
            empty_enter_leaves=False,
            hold_at_most=HOLD_WHILE_RUNNING,
            # however long the query runs (a busy machine): its passages take the focus
            handing_over=lambda: self._to_passages and self.running,
            typed_after_a_pause=True,  # the query edited while its passages are placed
        )
        self.status = Static(Text("Placing the coded passages…"), id="query-status")
        self._ready: str | None = None  # the figures the status line says with its hint
        self._error: str | None = None  # the error the status line says, wrapped at its width
        self.said = Said()  # the warnings on the query on show: taken back with it
        self.passage_list = PassageList(id="query-passages")
        self.passage_list.chosen = lambda _index: self._open_current()
        # A user typing on behind enter refines the query: the keys the passages do not take
        # go to it (every key was lost on the list, the query found as it was).
        self.passage_list.typed_elsewhere = self._refine

    def compose(self) -> ComposeResult:
        yield ViewHeader()
        yield self.input
        yield self.status
        yield self.passage_list
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = "Query" if self.heading is None else f"Query: {self.heading[0]}"
        self._read_codebook()
        if self.preset is not None:
            # a cell's query, longer than the field, read from its start; "/" edits at its end
            self.input.cursor_position = 0
            focus_now(self.passage_list)
            self._place(self.preset, None, self.query_text)
        else:
            focus_now(self.input)
            self._load_scope()

    def _read_codebook(self) -> None:
        codebook = self.workspace.store.tags()
        self.palette = TagPalette(codebook)
        self.codebook = [t.name for t in codebook]

    def _load_scope(self) -> None:
        self._scope_asked = True
        # the paragraphs (sentences, words) a distance counts, kept while these passages are
        # (placed again: not)
        self._paragraphs = KeptParagraphs(self.workspace)
        self._revision = self.workspace.store.coding_revision
        self._early = None
        if self.query_text:  # opened again on the last query: its documents first, and
            self._codes_first(self.query_text)  # a look at those placed so far meanwhile
            self._first.look()
        load_scope_for(self, self.workspace, self._first)

    def _codes_first(self, query: str) -> Wanted | None:
        """What ``query`` asks to be placed first: the documents that may hold a passage it
        matches, by the codes their passages carry (of the coder on show) and their own
        attributes (None: it does not parse); asked of the placing when it changed."""
        try:
            tree, _ = spelled_as_coded(parse_query(query), self.codebook)
        except TuiReaderError:
            return None
        only = self.workspace.coder_view.only
        asked = self._asked
        if isinstance(asked, FirstAsked) and asked.tree == tree and asked.coder == only:
            return asked
        store = self.workspace.store
        asked = FirstAsked(tree, only, store.attributes(), store.default_coder)
        self._asked = asked
        self._first.want(asked)
        return asked

    @on(ScopePlacedFirst)
    def _placed_first(self, message: ScopePlacedFirst) -> None:
        """The documents holding the codes of the query typed are placed, or (a look) some
        documents: it runs on them while the rest are (the whole project's run follows,
        ``_scope_loaded``), the cursor kept on its passage."""
        if self.scope is not None or self.workspace.store.coding_revision != self._revision:
            return
        query = self._rerun if self._rerun is not None else self.query_text
        codes = self._codes_first(query) if query else None
        early = self._early
        held = early is not None and early.codes is not None and early.codes == codes
        if message.codes is None and held:  # every passage the query can match is held
            return  # already: not a look at fewer
        self._early = message
        if query and (message.codes is None or codes == message.codes):
            current = self.passage_list.highlighted
            if (
                not self._whole
                and self._back_to is None  # one still to find: the cursor is not on it yet
                and current is not None
                and 0 <= current < len(self.matches)
            ):
                self._back_to = self.matches[current].annotation.id
            self.run_query(query)

    def _scope_before_the_whole(self, query: str) -> Scope | None:
        """The passages ``query`` can run on while the project's are placed: those placed
        with its codes' documents first, or those a look found placed so far; None when
        there are none yet."""
        codes = self._codes_first(query)
        early = self._early
        if early is None or (early.codes is not None and early.codes != codes):
            return None
        return early.scope

    def _look_again(self) -> None:
        """The passages placed since the last look: the query on show runs on them."""
        early = self._early
        if self.scope is None and not self._whole and early is not None and early.codes is None:
            self._first.look()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        """The database changed while the view was open (an autocode or a merge from the
        command line, another terminal's coding): the passages are placed again and the
        query on show run again, the cursor kept on its passage; its counts were those of
        the database as it was when the view opened, however often the query ran.  (Still
        placing, the passages are placed again once placed; a report cell's own list stays.)"""
        if self.scope is None or self.workspace.store.coding_revision == self._revision:
            return
        self._read_codebook()
        current = self.passage_list.highlighted
        if current is not None and 0 <= current < len(self.matches):
            self._back_to = self.matches[current].annotation.id
        # a co-occurrence cell's own list stays (its query would list fewer)
        cell_on_show = self._cell is not None and self.preset is not None
        self._rerun = (
            self.query_text if (self.matches or self.query_text) and not cell_on_show else None
        )
        self.scope = None
        self.running = True
        self._showing = self._complete = None  # counted again: found again
        self._say("The database changed: placing the coded passages again…")
        self._load_scope()

    # -- work ------------------------------------------------------------------------------

    @on(ScopeLoaded)
    def _scope_loaded(self, message: ScopeLoaded) -> None:
        if self.workspace.store.coding_revision != self._revision:  # changed while placing
            self._rerun = self._rerun if self._rerun is not None else self.query_text or None
            self._load_scope()
            return
        scope = self.scope = message.scope
        self.running = False
        self._early, self._so_far = None, None
        if not self._whole:  # a query shown so far: run on the whole, its cursor kept
            current = self.passage_list.highlighted
            if self._back_to is None and current is not None and 0 <= current < len(self.matches):
                self._back_to = self.matches[current].annotation.id
            self._rerun = self._rerun or self.query_text  # not one typed since, not entered
        rerun, self._rerun = self._rerun, None
        if rerun:
            self.run_query(rerun)
        elif self._cell is not None and self.preset is not None:
            # a co-occurrence cell's own list on show (its query would list fewer): listed
            # again as it is, the cursor kept, the status line its own again
            self.running = True
            self._place(self.preset, None, self.query_text)
        elif self.input.value.strip():
            self.run_query(self.input.value)
        else:
            view = self.workspace.coder_view  # whose coding is on show (C), as in the reports
            if view.only is None:
                count = scope.count  # nothing built here: 100,000 took seconds of the screen
                whose = ""
            else:
                count = scope.count_by(view.only)
                whose = f" ({view.label(self.workspace.store.coder)})"
            # The query runs at enter, not as it is typed: said, or a typed query waited
            self._say_ready(coded_in(scope, count, view.only, whose))

    def run_query(self, query: str) -> None:
        """Run ``query`` over the placed passages (a syntax error shows under the input)."""
        self.said.take_back(self.app)  # of the query before
        self.query_text = query
        self._answered = False
        scope = self.scope
        if scope is None and self._scope_asked and self._carried_by_none(query):
            return
        if scope is None:  # runs when the passages are placed (its codes' documents first)
            scope = self._scope_before_the_whole(query)
        if scope is None:
            if not self._scope_asked:  # a report cell's view: the project's passages now
                self.running = True
                self._say("Placing the coded passages…")
                self._load_scope()
                return
            # A look at the documents placed so far: its codes' documents (when it has
            # any) may be all of them (a code in every interview), placed first in vain
            self._first.look()
            if not self._whole:  # the last query's passages, found so far: not this one's
                self._so_far = self._showing = self._complete = None
                self.matches = []
                self.passage_list.show([], self.palette)
                self._say("Placing the coded passages…")
            return
        self._whole = scope is self.scope
        # its answer on show (so far, or said before any placing): run again without saying
        # that its passages are being found; its whole answer: its first passages not shown
        # before the rest either
        finding = self._showing != query
        quiet = self._complete == query
        try:
            tree = parse_query(query)
            tree, unknown = spelled_as_coded(tree, self.codebook)
            tree = documents_spelled(tree, scope.known)  # doc:A.TXT of a.txt
            # coder:BEN, not ben too
            tree = coders_spelled(tree, self.workspace.store.coder_counts)
            # (the kept facts read by the worker matching, at the first document it asks)
            workspace = self.workspace
            speakers = PassageSpeakers(
                workspace.document, list(scope.lengths), turns_known(workspace)
            )
            # OVERLAPS, WITHIN, OVERLAPPED BY...: the other passages looked for among these
            test = compile_query(
                tree,
                scope.attributes,
                speakers=speakers,
                passages=scope.carrying,
                paragraphs=self._paragraphs.paragraphs(
                    self._cutting(query),
                    lambda line: deliver(self, self._warn_unread, line, query),
                ),
            )
        except QuerySyntaxError as exc:
            self._say_error(str(exc))
            return
        except TuiReaderError as exc:
            self._say_error(str(exc))
            return
        if not self._whole:  # what it warns of is said of the whole project's, once placed
            self._ran_from = monotonic()
            if finding:
                self._so_far = f"Finding the passages that match {query}"
                self._say(f"{self._so_far}…")
            self.running = True
            self._left_out = ""
            self._place(scope, (test, codes_required(tree)), query, quiet=quiet)
            return
        self._so_far = None
        # A code on passages but not in the codebook is no mistake.
        unknown = scope.uncoded(unknown)
        spaced = spaced_values(query, unknown)  # country=United States: one value
        # its comparison is not said to match nothing too ("no document has country 'United'")
        spaced_compared = spaced_comparisons(query, unknown)
        taken = {word for _, words in spaced for word in words}
        unknown = [name for name in unknown if name not in taken]
        said = [line for line, _ in spaced]
        said += everything_below_naming_codes(query, self.codebook)
        said += comparisons_naming_codes(tree, self.codebook)
        store = self.workspace.store
        attributes = scope.attributes
        said += query_warnings(
            tree, attributes.types, scope.known, store.coder_counts,
            attributes.dates_holding_words, attributes.numbers_holding_years,
        )  # fmt: skip
        for problem in capped(said, SAID_AT_MOST):  # as the command line says them
            self.said.warn(self.app, problem)
        if finding:
            self._say(f"Finding the passages that match {query}…")
        self.running = True  # from now: a g/G typed behind enter waits for the passages
        types = scope.attributes.types

        def held(name: str) -> bool:  # documents read, in the worker, for a name not known
            return any(scope.attributes(key, name) is not None for key in scope.known)

        def values(name: str) -> list[Value]:  # in the worker, as held
            return [v for key in scope.known if (v := scope.attributes(key, name)) is not None]

        codebook = self.codebook

        def unheld() -> list[str]:  # in the worker: what a code became is read in the history
            lines = no_code_lines(unknown, codebook, store.renamed_tags, query) if unknown else []
            return [
                *(line[:1].upper() + line[1:] for line in lines),
                *unmatched_attributes(tree, types, held),
                *unmatched_values(tree, values, spaced=spaced_compared),
            ]

        required = codes_required(tree)
        # what the scope left out that the query could have matched, said in the heading as
        # the command says it (a file gone whose passages carry none of its codes: not)
        missed = [
            path
            for path, tags in scope.gone_tags.items()
            if required is None or any(carries_any(t, required) for t in tags)
        ]
        only = self.workspace.coder_view.only  # another coder's orphans are none of these
        coders = None if only is None else {only}
        asked = coders_asked(tree, lambda: [*store.coder_counts(), *scope.orphan_coders])
        if asked is not None:  # coder:ana typed in the query
            coders = asked if coders is None else coders & asked
        self._left_out = left_out_note(scope, missed, coders)
        view = self.workspace.coder_view

        def apart() -> str | None:  # in the worker, of a query of codes that matched nothing
            line = apart_line(tree, lambda codes: view.filter(scope.carrying(codes)), attributes)
            if line is None:  # speaker:Carlos for Carlos Méndez: the speakers there said
                line = next(iter(speakers.unmatched(tree, scope.lengths)), None)
            return None if line is None else line[:1].upper() + line[1:]

        self._place(scope, (test, required), query, unheld, apart, quiet=quiet)

    def _carried_by_none(self, query: str) -> bool:
        """While the passages are placed: when no passage can match ``query``, as the codes
        on the database's passages (of the coder on show) and the documents' own attributes
        tell before any is placed, that nothing matches is said at once, with the codes in no
        way in the codebook as the command line says them (it waited for every document
        placed: 35 s on 10,000 under load; and so did ``border OR country=Peru``, and a code
        only a coder not on show carries)."""
        try:
            tree, unknown = spelled_as_coded(parse_query(query), self.codebook)
        except TuiReaderError:
            return False  # said once the passages are placed, as before
        asked = self._codes_first(query)
        if not isinstance(asked, FirstAsked):
            return False
        store = self.workspace.store
        view = self.workspace.coder_view
        state = (store.coding_revision, view.only)
        if self._carried is None or self._carried[0] != state:
            every = [code for code, n in store.tag_counts().items() if n]
            shown = every
            if view.only is not None:
                shown = [code for code, n in store.tag_counts({view.only}).items() if n]
            self._carried = (state, every, shown)
        _, carried, shown = self._carried
        required = codes_required(tree)
        uncoded = required is not None and not carries_any(shown, required)
        if not uncoded and not asked.none_match(store.documents(), shown):
            return False
        unknown = uncarried(unknown, carried)
        lines = no_code_lines(unknown, self.codebook, store.renamed_tags, query) if unknown else []
        for line in capped(lines, SAID_AT_MOST):  # as the command line says them
            self.said.warn(self.app, line[:1].upper() + line[1:])
        self._so_far = None
        self.matches = []
        self.passage_list.show([], self.palette)
        whose = "" if view.only is None else f" ({view.label(store.coder)})"
        # said until another query runs: not replaced by the placing's count (its end runs
        # it again, on the whole project, saying the same)
        self._say(f"0 passages{whose} in 0 documents match {query}")
        self._answered = True
        self._showing = self._complete = query
        return True

    @work(thread=True, exclusive=True, group="query-run", description="query")
    def _place(
        self,
        annotations: list[Annotation] | Scope,
        wanted: tuple[Callable[[Annotation], bool], frozenset[str] | None] | None,
        query: str,
        unheld: Callable[[], list[str]] | None = None,
        apart: Callable[[], str | None] | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """Show ``annotations`` in their context; of a scope, those the ``wanted`` test
        keeps of the passages carrying its codes (None: every passage may match): only those
        are built from the scope's records, and all are tested here, not on the screen's
        thread; ``unheld``: the codes the query names that are in no way in the codebook (with
        what each became, read in the history) and the attributes it compares that no
        document has, said (a name no query knows is looked for in the documents here);
        ``apart``: what is said when nothing matched (``a AND b`` whose passages overlap);
        ``quiet``: the query's whole answer is on show, and stays until this one replaces it
        (no first passages shown before the rest, no count of the documents read for them).
        The library's scan steps aside meanwhile: the user waits on this."""
        # (replaced while cutting paragraphs: a newer run shows its own)
        with FOREGROUND.running(), suppress(_CutReplaced):
            self._placed(annotations, wanted, query, unheld, apart, quiet)

    def _placed(
        self,
        annotations: list[Annotation] | Scope,
        wanted: tuple[Callable[[Annotation], bool], frozenset[str] | None] | None,
        query: str,
        unheld: Callable[[], list[str]] | None,
        apart: Callable[[], str | None] | None = None,
        quiet: bool = False,
    ) -> None:
        """:meth:`_place`'s work, in its worker."""
        worker = get_current_worker()
        self.running = True
        problems = list(capped(unheld() if unheld is not None else [], SAID_AT_MOST))
        if problems and not worker.is_cancelled:  # not of a query run again, or closed
            deliver(self, self._warn, problems, query)
        if isinstance(annotations, Scope):
            test, codes = wanted if wanted is not None else (None, None)
            carrying = annotations.annotations if codes is None else annotations.carrying(codes)
            # whose coding is on show (C), as in the reports and the library
            carrying = self.workspace.coder_view.filter(carrying)
            kept = [a for a in carrying if test is None or test(a)]
            if worker.is_cancelled:
                return
            line = apart() if apart is not None and not kept else None
            if line is not None:
                deliver(self, self._warn, [line], query)
            annotations = kept
        first, rest = first_documents(annotations, FIRST_SHOWN)
        load, stop = self.workspace.document, lambda: worker.is_cancelled
        plain = plain_texts(self.workspace)  # (a plain text's context: no Document loaded)
        shown, problems = in_context(first, load, stop, plain)
        if rest and not worker.is_cancelled:
            # The first passages show while the rest are placed (their documents read).
            if not quiet:
                deliver(self, self._show_of, worker, shown, problems, query, True)
            reading = None if quiet else self._reading_rest(worker, query)
            more, problems = in_context(rest, load, stop, plain, reading=reading)
            shown = shown + more
        if not worker.is_cancelled:
            deliver(self, self._show_of, worker, shown, problems, query)

    def _reading_rest(self, worker: Worker[None], query: str) -> Callable[[int, int], None]:
        """In ``worker``: the documents of the rest of ``query``'s passages read for their
        context, counted on the status line a few times a second (on 10,000 documents the
        line said "finding the rest…" unchanged for 40 seconds); the first at once."""
        said_at = -CUTTING_SAID_EVERY

        def reading(done: int, of: int) -> None:
            nonlocal said_at
            if monotonic() - said_at >= CUTTING_SAID_EVERY:
                said_at = monotonic()
                deliver(self, self._say_reading, worker, done, of, query)

        return reading

    def _say_reading(self, worker: Worker[None], done: int, of: int, query: str) -> None:
        if worker.is_cancelled or not self.running or query != self.query_text:
            return
        if self._finding_rest is not None:  # the count first: a narrow line cuts its end
            read = f"{done:,} of {counted(of, 'document')}"
            self._say(f"Finding the rest: {read}… · {self._finding_rest}")

    def _cutting(self, query: str) -> Progress:
        """What shows, in place of the status line, the documents' texts read and cut into
        paragraphs (sentences, words) for ``query``'s distance (``FOLLOWS/2``, ``NEAR/2s``): a
        first one over thousands of documents took half a minute with nothing said. Said from
        the worker testing the passages, at most a few times a second, while ``query`` is the
        one on show; a run replaced meanwhile stops cutting at its next document
        (:class:`_CutReplaced`); not said over the query's answer on show, which stays."""

        @contextmanager
        def progress(label: str, total: int | Callable[[], int]) -> Iterator[Callable[[], None]]:
            try:  # the run's, cutting (a newer one cancels it)
                worker: Worker[None] | None = get_current_worker()
            except NoActiveWorker:  # (asked on the screen's thread: never replaced)
                worker = None
            count = total() if callable(total) else total
            done, said_at = 0, monotonic()
            deliver(self, self._say_cut, label, 0, count, query)

            def advance() -> None:
                nonlocal done, said_at
                if worker is not None and worker.is_cancelled:
                    raise _CutReplaced
                done += 1
                if monotonic() - said_at >= CUTTING_SAID_EVERY or done == count:
                    said_at = monotonic()
                    deliver(self, self._say_cut, label, done, count, query)

            yield advance

        return progress

    def _say_cut(self, label: str, done: int, count: int, query: str) -> None:
        if query == self.query_text and self.running and self._showing != query:
            self._say(f"{label}: {done:,} of {counted(count, 'document')}…")

    def _warn_unread(self, line: str, query: str) -> None:
        """A document whose units ``query``'s distance could not count, named."""
        if query == self.query_text:
            self.said.warn(self.app, line, "Document not read")  # (its path as it is)

    def _warn(self, problems: list[str], query: str) -> None:
        if query == self.query_text:  # still the query on show
            for problem in problems:
                self.said.warn(self.app, problem)

    def _show_of(
        self,
        worker: Worker[None],
        shown: list[PassageInContext],
        problems: list[str],
        query: str,
        partial: bool = False,
    ) -> None:
        """:meth:`_show`, on the screen's thread, unless a newer run replaced ``worker``'s
        meanwhile: a run on the passages placed so far, delivered just as the database's
        change was placed whole and the query ran again, was listed once the newer run had
        started; the cursor's passage not among them, the cursor went to the first, and the
        newer run's list kept it there."""
        if not worker.is_cancelled:
            self._show(shown, problems, query, partial)

    def _show(
        self,
        shown: list[PassageInContext],
        problems: list[str],
        query: str,
        partial: bool = False,
    ) -> None:
        """Show the passages found: all of them, or (``partial``) the first while the rest
        are placed."""
        shown = self._ordered(shown)
        self.matches = shown
        self.running = partial
        for problem in problems:
            self.said.warn(self.app, problem, "Document not read")
        self.passage_list.show(shown, self.palette, label=self._sort_label())
        if self._back_at is not None and not partial and query == self.query_text:
            back_at, self._back_at = self._back_at, None
            if shown:
                self.passage_list.highlighted = min(back_at, len(shown) - 1)
                self._to_passages = True
        if self._back_to is not None and not partial:
            back_to = self._back_to
            at = next((i for i, p in enumerate(shown) if p.annotation.id == back_to), None)
            if at is not None:
                self.passage_list.highlighted = at
            if at is not None or self._whole:  # a run on the passages placed so far may
                self._back_to = None  # not hold it yet: the run on them all then keeps it
        if self._to_passages and not partial and not shown:
            # Nothing to go to: the query keeps the focus, to be edited (the keys typed
            # behind enter go into it; the empty list took them, and the next query typed)
            self._to_passages = False
            self.input.stay()
        elif self._to_passages and shown:
            self._to_passages = False
            self.set_focus(self.passage_list)
        if self._end_pending is not None and not partial:
            index, self._end_pending = self._end_pending, None
            super().action_cursor_end(index)
        documents = len({p.annotation.document for p in shown})
        view = self.workspace.coder_view
        whose = "" if view.only is None else f" ({view.label(self.workspace.store.coder)})"
        found = f"{counted(len(shown), 'passage')}{whose} in {counted(documents, 'document')}"
        if self.sort_by is not None and shown:  # (nothing found: no order to name)
            found = f"{found} (by {self.sort_by})"
        self._finding_rest = None
        if self.heading is not None:  # not what a query matches: what the heading says
            so_far = " so far" if partial else ""
            self._say(f"{found}{so_far} {self.heading[1]}")
            if partial:
                self._finding_rest = f"{found} so far {self.heading[1]}"
        elif partial:
            self._finding_rest = f"{found} so far match {query}"
            self._say(f"{self._finding_rest}; finding the rest…")
        elif not self._whole:  # its codes' documents placed, not yet the project's others
            self._so_far = f"{found} so far match {query}"
            self._say(f"{self._so_far} · placing the rest of the project's passages…")
            if self._early is not None and self._early.codes is None:
                took = monotonic() - self._ran_from  # a look: another later, not sooner
                self.set_timer(max(LOOK_AGAIN, took), self._look_again)
        else:
            matched = agreeing(len(shown), "matches", "match")
            self._say(f"{found} {matched} {query}{self._left_out}")
        self._showing = query
        # all it matches, or what a look found so far (more to come)
        early = self._early
        whole = not partial and (self._whole or (early is not None and early.codes is not None))
        self._complete = query if whole else None

    def _sort_label(self) -> Callable[[PassageInContext], str] | None:
        """What each passage's heading says of the attribute ``o`` lists them by (its
        document's value, ``group: news``; ``no group``): sorted by it, the list did not say
        where one group, or one date of a timeline, ended and the next began."""
        name = self.sort_by
        if name is None:
            return None
        folded = name.casefold()
        attributes = self._attributes()

        def label(item: PassageInContext) -> str:
            value = attributes(item.annotation.document, folded)
            return f"no {name}" if value is None else f"{name}: {show_value(value)}"

        return label

    def _attributes(self) -> Callable[[str, str], Value | None]:
        """The documents' attributes: the scope's, or (a report cell's passages, the
        project's not placed) the workspace's."""
        if self.scope is not None:
            return self.scope.attributes
        return attribute_lookup(self.workspace)

    def _ordered(self, shown: list[PassageInContext]) -> list[PassageInContext]:
        """``shown`` by their documents' value of the attribute ``o`` chose (as ``query
        --sort`` lists them: :func:`documents_by_value`), in their order within a document;
        as they are when by document, or when no document of theirs has it."""
        name = self.sort_by
        if name is None or not shown:
            return shown
        folded = name.casefold()
        attributes = self._attributes()
        keys = {p.annotation.document for p in shown}
        rank = documents_by_value(keys, lambda key: attributes(key, folded))
        if not rank:
            return shown
        return sorted(shown, key=lambda p: rank[p.annotation.document])  # stable

    def action_next_sort(self) -> None:
        """``o``: the passages by document, then by each attribute in turn (the reports' ``b``
        goes through the same ones)."""
        choices: list[str | None] = [None, *attribute_names(self.workspace.store.attributes())]
        at = choices.index(self.sort_by) if self.sort_by in choices else 0
        self.sort_by = choices[(at + 1) % len(choices)]
        if self.matches and not self.running:
            current = self.passage_list.current
            self._show(sorted(self.matches, key=_listed), [], self.query_text)
            if current is not None:  # the cursor stays on its passage
                ids = [p.annotation.id for p in self.matches]
                self.passage_list.highlighted = ids.index(current.annotation.id)
        elif self.sort_by is not None and not self.running:
            self.app.notify(f"The passages will be listed by {self.sort_by}.", timeout=3)

    @on(ScopeProgress)
    def _progress(self, message: ScopeProgress) -> None:
        # (not over a query answered before any placing)
        if self.scope is None and not self._answered:  # the count first: a narrow line
            # cuts its end (the query)
            so_far = "" if self._so_far is None else f" · {self._so_far}"
            self._say(f"{message.line()}{so_far}")

    @on(ScopeFailed)
    def _failed(self, message: ScopeFailed) -> None:
        self.running = False
        self._say_error(message.reason)

    def on_unmount(self) -> None:
        self.said.take_back(self.app)  # closed: they were said of what it showed

    def _say(self, message: str | Text, *, error: bool = False) -> None:
        self._ready = self._error = None
        self.status.update(Text(message) if isinstance(message, str) else message)
        self.status.set_class(error, "-error")

    def _say_error(self, message: str) -> None:
        """An error, its words wrapped at the line's width (at 60 columns "the query ends too
        soon: expected a code or a filter" was cut to "expect…"); the query and the caret
        under its column below it, a line each, so that the caret stays under its column."""
        width = self.status.content_size.width or self.app.size.width - 2
        said, newline, query_lines = message.partition("\n")
        text = Text("\n").join(broken_lines(Text(said), width))
        if newline:
            text.append(newline + query_lines)
        self._showing = self._complete = None
        self._say(text, error=True)
        self._error = message

    def _say_ready(self, figures: str) -> None:
        """``figures`` (the coded passages), then that a query runs at enter and where its
        language is told (the help of the passages' keys: ``?`` typed in the query is a
        character of it): where the line is too narrow, the hint first, the figures cut
        after it (80 columns), or narrower the hint without the language (at 40 columns
        "enter runs it" was cut off, and a query typed waited)."""
        self._showing = self._complete = None
        width = self.status.content_size.width or self.app.size.width - 2
        hint = "type a query, enter runs it; tab, then ?: the language"
        short = f"{figures}: type a query, enter runs it"
        if cell_len(f"{figures}: {hint}") <= width:
            self._say(f"{figures}: {hint}")
        elif width >= cell_len(hint) + _FIGURES_SEEN:  # 80 columns: the figures cut
            self._say(f"{hint} · {figures}")
        else:
            said = f"enter runs a query · {figures}"
            if cell_len(said) > width:  # (at 60 columns "... in 8 of 11 docume…")
                said = f"enter runs a query · {_CODED_PASSAGES.sub(' coded ', figures, 1)}"
            self._say(short if cell_len(short) <= width else said)
        self._ready = figures

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit_ready)  # once the line has its new width

    def _refit_ready(self) -> None:
        if self._ready is not None:
            self._say_ready(self._ready)
        elif self._error is not None:
            self._say_error(self._error)

    # -- events ----------------------------------------------------------------------------

    @on(Input.Submitted, "#query-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._cell is not None and event.value.strip() == self._cell[0].strip():
            self._cell_again()
            return
        if event.value.strip():
            self.preset = None
            if self.heading is not None:  # a query of its own now
                self.heading = None
                self.title = "Query"
            # the query on show when the database changed, to run again once its passages
            # are placed again: this one is run then instead
            self._rerun = None
            self.run_query(event.value)
            # The passages take the focus once this query's are shown (``_show``): the keys
            # typed behind enter (a second enter opens the first) act on them, not on the last
            # query's passages still listed.  A query in error keeps the focus and those keys.
            # (nothing to go to: the query keeps the focus, to be edited)
            self._to_passages = not (self.status.has_class("-error") or self._answered)
            if not self._to_passages:
                self.input.stay()

    def _cell_again(self) -> None:
        """A co-occurrence cell's query run again as it is: the cell's passages, as the
        cell lists them (a query of its two codes lists only the passages carrying both)."""
        assert self._cell is not None
        query, heading, passages, _ = self._cell
        self.said.take_back(self.app)
        self.preset, self.heading, self.query_text = list(passages), heading, query
        self.input.value = query
        self.title = "Query" if heading is None else f"Query: {heading[0]}"
        self._rerun = None
        self._whole = True
        self.running = True
        self._to_passages = True
        self._place(self.preset, None, query)

    def _refine(self, character: str) -> None:
        """``character``, typed on the passages and taken by nothing there, typed at the
        query's end, which takes the focus (see :attr:`PassageList.typed_elsewhere`)."""
        self.input.edit()
        self.input.insert_text_at_cursor(character)

    @on(Input.Changed, "#query-input")
    def _typed(self) -> None:
        self._to_passages = False  # still typing

    @on(OptionList.OptionSelected, "#query-passages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open_current()

    def action_open_passage(self) -> None:
        """``enter`` on the passages (which their list takes as its choice): close on the
        passage under the cursor, to be shown in its document."""
        self._open_current()

    def _open_current(self) -> None:
        """Close on the passage under the cursor, to be shown in its document."""
        current = self.passage_list.current
        if current is not None:
            highlighted = self.passage_list.highlighted
            if self.preset is None and highlighted is not None:  # not a report's cell
                _LAST[self.workspace] = _LastQuery(self.query_text, highlighted, self.sort_by)
            self.dismiss(current.passage)

    @property
    def moved_list(self) -> OptionList:
        return self.passage_list

    def action_cursor_end(self, index: int) -> None:
        """``g``/``G``; typed while a query's passages are found (right behind ``enter``), the
        cursor goes there once they all show (``G``: the last, as ``less`` waits for the end)."""
        self._end_pending = None
        if self.running and self.passage_list.has_focus:
            self._end_pending = index
            return
        super().action_cursor_end(index)

    def action_cursor(self, step: int) -> None:
        self._end_pending = None
        super().action_cursor(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` (edit the query) and ``R`` (back to the report's cell) are left out of the
        footer while the query is being typed: there they are characters typed.  ``R`` is
        the view's only when it lists a report cell's passages: elsewhere it goes to the
        query, as any character the passages do not take."""
        # Textual: False hides the key, and a key typed on the passages goes on to the query
        # (None would show it disabled)
        if action == "back_to_cell":
            return self.from_cell and not self.input.has_focus
        return not (action in ("edit_query", "clear_query") and self.input.has_focus)

    def help_leaves_out(self) -> frozenset[str]:
        """The help's keys that do not act here: ``R`` (back to the report's cell) but over a
        report cell's passages (the help of the view opened with ``Q`` listed it)."""
        return frozenset() if self.from_cell else frozenset({"query.back"})

    def action_back_to_cell(self) -> None:
        """``R`` on a report cell's passages: back to the reports, the cursor on that cell,
        as the README's "`R` again comes back to the cell" says (it was typed into the
        query)."""
        self.dismiss(None)

    def action_edit_query(self) -> None:
        self.input.edit()  # at once (the keys typed right behind "/"), to refine the query

    def action_clear_query(self) -> None:
        """``ctrl+u`` on the passages: the query cleared, and the field focused at once, for
        a new one (``ctrl+u`` then a query and ``enter`` typed at once ran the new query
        appended to the last one, and only where that one had found passages)."""
        self.input.value = ""
        self.input.edit()

    def action_close(self) -> None:
        # (the focus as it is now, not has_focus, which follows it by a message: an esc
        # typed right behind the one that left the field found the field focused still)
        if self.focused is self.input and self.passage_list.passages:
            # Back to the passages listed: the query above them is theirs again, not an
            # edit left unrun (it read "policy OR actors" over the passages of "policy").
            if self.input.value != self.query_text:
                self.input.value = self.query_text
            # now: focus() waits its turn, and an esc typed right behind (a double tap)
            # came back here, leaving the view open
            self.set_focus(self.passage_list)
            return
        if self.preset is None:
            _LAST.pop(self.workspace, None)  # done with it: the next Q starts afresh
        self.dismiss(None)
