"""Corpus search (``F``): every hit of a query across all documents and memos, found as you
type.  Memos are listed after the documents, marked ``✎ memo of …``; ``enter`` on a memo's hit
opens the memo in the editor.

Smart case as in the in-document search.  The search runs in a thread worker (a new query
cancels the one running), documents' texts are kept between searches (and reloaded when their
file changes), and at most :data:`MAX_SHOWN` hits are listed while all are counted.
``enter`` closes the screen on the chosen hit (the caller opens the document there).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content, Span
from textual.screen import Screen
from textual.style import Style as VisualStyle
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.display import shown
from tui_reader.core.documents.corpus import folder_gone
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.search.corpus import CorpusHit, CorpusResults, search_texts
from tui_reader.core.search.hits import CONTEXT_WIDTH, LONGEST_WORD_LEFT_OUT
from tui_reader.core.wording import counted
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import notify_error
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.widgets.growing_option_list import GrowingOptionList
from tui_reader.ui.widgets.steady_footer import SteadyFooter
from tui_reader.ui.widgets.steady_option_list import ListKeys
from tui_reader.ui.widgets.text_field import HandingOverField
from tui_reader.ui.widgets.view_header import ViewHeader

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace

MAX_SHOWN = 1000  # hits listed (all are counted)
TYPING_PAUSE = 0.15  # seconds of stillness before a search starts
PROGRESS_EVERY = 0.25  # seconds between progress updates of a long search
ROWS_EVERY = 1.0  # seconds between rows added below a full screen while a search runs
PROMPT = "Search every document (a capital letter makes it exact)"
PROMPTS = (PROMPT, "Search every document (a capital: exact)", "Search every document", "Search")


class _Memory:
    """What a workspace's corpus searches keep between visits: the last query (the documents'
    texts are the workspace's, :attr:`Workspace.corpus_texts`).  Nothing here refers to the
    workspace, the table's key: a value that did kept it, and every app's, alive."""

    def __init__(self) -> None:
        self.query = ""


_MEMORY: WeakKeyDictionary[Workspace, _Memory] = WeakKeyDictionary()


def _memory(workspace: Workspace) -> _Memory:
    memory = _MEMORY.get(workspace)
    if memory is None:
        memory = _MEMORY[workspace] = _Memory()
    return memory


def fitted(context: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """``context`` (the hit at ``[start, end)``) cut to ``room`` cells around its hit, an
    ellipsis where it was cut, and where the hit lies then: the hits' lines are made as wide
    as the list when searched, and the terminal may be narrowed since (a hit cut off at the
    right edge).  As it is when it fits, or when the list is not laid out (``room`` < 1)."""
    if room < 1 or cell_len(context) <= room:
        return context, start, end
    size = len(context)
    first, last = start, end
    used = cell_len(context[first:last])

    def fits(width: int, first: int, last: int) -> bool:
        return width + (first > 0) + (last < size) <= room  # an ellipsis a cut side

    while not fits(used, first, last) and last - first > 1:  # the hit alone is too wide
        last -= 1
        used -= get_character_cell_size(context[last])
    grew = True
    while grew:  # then the words around it, a word each side in turn
        grew = False
        if first > 0:
            before = _word_before(context, first)
            width = cell_len(context[before:first])
            if fits(used + width, before, last):
                first, used, grew = before, used + width, True
        if last < size:
            after = _word_after(context, last)
            width = cell_len(context[last:after])
            if fits(used + width, first, after):
                last, used, grew = after, used + width, True
    cut = 1 if first > 0 else 0
    shown = "…" * cut + context[first:last] + ("…" if last < size else "")
    return shown, cut + start - first, cut + min(end, last) - first


def _word_before(context: str, first: int) -> int:
    """Where the word before ``context[first:]`` begins, with the spaces after it (or the
    rest of the word ``first`` is in): a line is cut at a word, not in one ("…at the
    shelt…" at 40 columns); a run of letters longer than any word
    (:data:`LONGEST_WORD_LEFT_OUT`) a letter at a time, to show a part of it."""
    at = first
    while at > 0 and context[at - 1].isspace():
        at -= 1
    while at > 0 and not context[at - 1].isspace():
        at -= 1
    return at if first - at <= LONGEST_WORD_LEFT_OUT + 1 else first - 1


def _word_after(context: str, last: int) -> int:
    """Where the word after ``context[:last]`` ends, with the spaces before it: as
    :func:`_word_before`, after."""
    at, size = last, len(context)
    while at < size and context[at].isspace():
        at += 1
    while at < size and not context[at].isspace():
        at += 1
    return at if at - last <= LONGEST_WORD_LEFT_OUT + 1 else last + 1


def _heading(
    pieces: list[tuple[str, VisualStyle | None]],
    tally: tuple[str, VisualStyle | None],
    room: int,
) -> list[tuple[str, VisualStyle | None]]:
    """A document's heading among the hits, ``pieces`` (its title, or file and title) then
    its ``tally`` of hits, in ``room`` cells: a title too long for them cut with an ellipsis
    before the tally, which stays whole (cut at the list's edge, a long title's "3 hits"
    was not shown at 80 columns).  As it is when it fits, or the list is not laid out."""
    left = room - cell_len(tally[0])
    if room < 1 or sum(cell_len(text) for text, _ in pieces) <= left:
        return [*pieces, tally]
    fitted: list[tuple[str, VisualStyle | None]] = []
    left -= 1  # the ellipsis
    for text, style in pieces:
        width = cell_len(text)
        if width > left:
            fitted.append((set_cell_size(text, max(0, left)).rstrip() + "…", style))
            break
        fitted.append((text, style))
        left -= width
    return [*fitted, tally]


def _content(pieces: list[tuple[str, VisualStyle | None]]) -> Content:
    """One line of ``pieces``, each in its style (as Rich's ``Text.append`` makes it)."""
    spans, at = [], 0
    for text, style in pieces:
        if text and style is not None:
            spans.append(Span(at, at + len(text), style))
        at += len(text)
    return Content("".join(text for text, _ in pieces), spans)


class HitList(GrowingOptionList):
    """The hits: ``enter`` before any is listed (typed right behind the query) is kept, in
    :attr:`open_first`, for the first hit to come."""

    open_first = False

    def action_select(self) -> None:
        if self.highlighted is None:
            self.open_first = True
            return
        screen = self.screen
        option = self.get_option_at_index(self.highlighted)
        if isinstance(screen, CorpusSearchScreen) and option.id is not None:
            # At once, not by a message posted behind the keys typed right after enter: the
            # hit opens (the search closes) before they are looked at, and they go to the text.
            screen.choose(option.id)
        else:
            super().action_select()


def summary(results: CorpusResults) -> str:
    """``"1,000 of 52,310 hits in 12 documents"`` (``… and 2 memos``; or ``"No hit for …"``)."""
    if not results.total:
        return f"No hit for “{results.query}” in {counted(results.searched, 'document')}"
    more = "+" if results.truncated else ""
    shown = f"{len(results.hits):,} of " if results.capped else ""
    noun = "hit" if results.total == 1 else "hits"
    where = [counted(results.documents, "document")] if results.documents else []
    if results.memos:
        where.append(counted(results.memos, "memo"))
    return f"{shown}{results.total:,}{more} {noun} in {' and '.join(where)}"


SHORT_BELOW = 16  # rows: a terminal shorter shows the query a line high, the hits unframed


class CorpusSearchScreen(StyledOnce, ListKeys, ClosesOnce, Screen[CorpusHit | None]):
    """Type a query; the hits of every document are listed; ``enter`` opens one."""

    class Found(FieldMessage):
        """From the search worker, which never waits for the screen to show it: the hits so
        far (``total`` given: of the first ``done`` of ``total`` documents) or all of them."""

        generation: int
        results: CorpusResults
        done: int = 0
        total: int = 0

    class Searching(FieldMessage):
        """From the search worker: ``done`` of ``total`` documents searched, no new hit."""

        generation: int
        query: str
        done: int
        total: int

    class Failed(FieldMessage):
        """From the search worker: the search could not be made, and why (``gone``: the
        corpus folder is not there, which ``reason`` says whole)."""

        generation: int
        reason: str
        gone: bool = False

    DEFAULT_CSS = """
    CorpusSearchScreen #corpus-query {
        margin: 0 1;
    }
    CorpusSearchScreen #corpus-summary {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 2;
        color: $text-muted;
    }
    CorpusSearchScreen #corpus-results {
        height: 1fr;
        text-wrap: nowrap;  /* one line a hit, cut with an ellipsis */
        text-overflow: ellipsis;
    }
    CorpusSearchScreen > .corpus-search--hit {
        text-style: bold reverse;
        color: $warning;
    }
    CorpusSearchScreen > .corpus-search--where {
        color: $text-muted;
    }
    /* A short terminal (20x6): the query a line high and the hits unframed; the query's
       three lines and the list's borders took every line, the hits none. */
    CorpusSearchScreen.-short #corpus-query {
        height: 1;
        border: none;
        padding: 0 1;
    }
    CorpusSearchScreen.-short #corpus-results {
        border: none;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"corpus-search--hit", "corpus-search--where"}

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("corpus_search")

    def __init__(self, workspace: Workspace, query: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.memory = _memory(workspace)
        self.initial = self.memory.query if query is None else query
        self.results: CorpusResults | None = None
        self.searching = False
        self._generation = 0
        self._timer: Timer | None = None
        self._to_results = False  # enter was pressed before the query had hits
        self._fresh_list = False  # enter gave the (old) list the focus before a new search
        self._end_pending: int | None = None  # g/G typed before the first hits: the index
        self._steps_pending = 0  # j/k typed before the first hits: the rows to move
        self._keys: list[str] = []
        self._relisted = False
        # The titles two documents or more among the hits have, for which results (its id
        # and how many hits it had).
        self._shared: tuple[tuple[int, int], frozenset[str]] = ((0, -1), frozenset())
        # What the result list shows: the hits of search `_listed_of` (their rows made as the
        # list nears them); later results of the same search add their new hits below (the
        # list is not built again).
        self._listed_of = 0
        self._rows_width = 0  # the list's width when its rows were made (0: not laid out)
        self._rows_added = 0.0  # when rows were last added (time.monotonic())
        # The view's parts, made here and kept: the query, the summary line, the hits.
        # Kept, not queried: a screen closed as it mounts (keys sent fast) has no children left.
        self.query_input = HandingOverField(
            self.initial, placeholders=PROMPTS, id="corpus-query", empty_enter_leaves=False
        )
        self.summary = Static(id="corpus-summary")
        self.result_list = HitList(id="corpus-results")

    def compose(self) -> ComposeResult:
        if self.initial and not self._generation:
            # Searched as the screen is made: its mount and first layout (a tenth of a second
            # at start, more under load) run while the first documents are searched.
            self._start(self.initial)  # relisted when it ends: not competing for the first hits
        yield ViewHeader()
        yield self.query_input
        yield self.summary
        yield self.result_list
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = "Search the corpus"
        focus_now(self.query_input)
        self.query_input.select_all()
        if not self.initial:
            self._say_what_is_searched()
            self._relist()

    @work(thread=True, exclusive=True, group="corpus-list", description="corpus listing")
    def _relist(self) -> None:
        self._relisted = True
        if self.workspace.listing_changed():  # one stat a folder: else no file came or went
            self.workspace.refresh_files()
        keys = self.workspace.keys()
        self.workspace.corpus_texts.forget_missing(keys)
        self.app.call_from_thread(setattr, self, "_keys", keys)

    def _documents(self) -> list[str]:
        """The documents' keys as the corpus was last listed (by the library or this screen)."""
        if not self._keys:
            self._keys = self.workspace.keys()
        return self._keys

    def _say_what_is_searched(self) -> None:
        """Before a query: the documents a search looks at, or that their folder is gone
        (deleted while the app runs: "1 document: type to search them all" was said of it
        until a key was typed)."""
        corpus = self.workspace.corpus
        if not corpus.is_dir():  # one stat
            self._say(shown(folder_gone(str(corpus))))
        else:
            self._say(f"{counted(len(self._documents()), 'document')}: type to search them all")

    def _say(self, message: str) -> None:
        self.summary.update(Text(message), layout=False)  # one line, always: no layout

    # -- searching ---------------------------------------------------------------------------

    @on(Input.Changed, "#corpus-query")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._to_results = False  # still typing
        if event.value == self.memory.query and (self.searching or self.results is not None):
            return  # the query searched already (the field filled with it on mount)
        self._timer = self.set_timer(TYPING_PAUSE, partial(self._start, event.value))

    def _start(self, query: str) -> None:
        self._generation += 1
        self._end_pending = None
        self._steps_pending = 0
        self.result_list.open_first = False
        self.memory.query = query
        if not query:
            self.workers.cancel_group(self, "corpus-search")
            self.searching = False
            self.results = None
            self.result_list.grow_options(0, self._options)
            self._say_what_is_searched()
            return
        self.searching = True
        self._say(f"Searching for “{query}”…")
        # The line number's column, and the scrollbar the hits may bring.
        results = self.result_list
        # From the list's outer width, whether its scrollbar shows at this moment or not (a
        # list just cleared may say so before it is laid out again): the same room each time.
        frame = results.styles.gutter.width + results.styles.scrollbar_size_vertical
        room = results.region.width - frame - 10
        width = max(40, room) if self.result_list.size.width else CONTEXT_WIDTH
        self._search(query, self._generation, width)

    @work(thread=True, exclusive=True, group="corpus-search", description="corpus search")
    def _search(self, query: str, generation: int, width: int) -> None:
        worker = get_current_worker()
        keys: list[str] = []
        last_report = time.monotonic()
        listed = 0  # hits sent to the screen so far
        counted = 0  # hits counted in what was sent

        def searched(results: CorpusResults) -> None:
            """The first hits at once, then what came meanwhile every PROGRESS_EVERY (hits
            counted since, once the list is full, too: the summary said the figures of the
            last hit listed, for the rest of a common word's search)."""
            nonlocal last_report, listed, counted
            now = time.monotonic()
            first = results.hits and not listed
            if not first and now - last_report <= PROGRESS_EVERY:
                return
            last_report = now
            done = results.searched + len(results.problems)
            if len(results.hits) != listed or results.total != counted:
                listed, counted = len(results.hits), results.total
                self.post_message(self.Found(generation, results.snapshot(), done, len(keys)))
            else:
                self.post_message(self.Searching(generation, query, done, len(keys)))

        corpus = self.workspace.corpus
        if not corpus.is_dir():
            # Deleted (moved, its drive unmounted) while the app runs: its listing had no
            # document left and the search said "No hit for … in 0 documents".
            self.post_message(self.Failed(generation, folder_gone(str(corpus)), gone=True))
            return
        try:
            with FOREGROUND.running():  # the library scan steps aside meanwhile
                # The files as listed last (the library relists; this screen once its first
                # search has ended): read here, the first listing may still run at start
                # (those it found, once found: their plain texts told from our exports here).
                keys, unchecked, foretold = self.workspace.keys_to_search()
                results = search_texts(
                    self.workspace.corpus_texts,
                    keys,
                    query,
                    limit=MAX_SHOWN,
                    width=width,
                    cancelled=lambda: worker.is_cancelled,
                    memos=self.workspace.store.memos(),
                    searched=searched,
                    unchecked=unchecked,
                )
        except TuiReaderError as exc:
            notify_error(self.app, exc, "Search")  # thread-safe
            # the search ended: it said "Searching…" for ever, enter waiting for its hits
            self.post_message(self.Failed(generation, str(exc)))
            return
        if foretold and not worker.is_cancelled and self.workspace.keys() != keys:
            # The listing kept by an earlier run, searched while the corpus was listed, is not
            # the listing made (a file written over in place as an export of ours): searched
            # again, the hits listed anew.
            self.app.call_from_thread(self._again, generation, query)
            return
        if not worker.is_cancelled:
            self.post_message(self.Found(generation, results))
        self.workspace.keep_listing()  # the listing, for the next run's first search's order
        self.workspace.corpus_texts.save()  # and the texts read

    def _again(self, generation: int, query: str) -> None:
        """Search ``query`` again, unless another search was asked for since ``generation``."""
        if generation == self._generation:
            self._start(query)

    @on(Searching)
    def _searching(self, message: Searching) -> None:
        message.stop()
        self._progress(message.generation, message.query, message.done, message.total)

    def _progress(self, generation: int, query: str, done: int, total: int) -> None:
        if generation != self._generation:
            return
        if self.results is not None and self.results.query == query:  # hits listed already
            self._say(f"{summary(self.results)} so far · searching {done:,}/{total:,} documents")
        else:
            self._say(f"Searching for “{query}”… {done:,}/{total:,} documents")

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a newer query was typed meanwhile
        self.searching = False
        self.results = None  # the hits of an earlier query are not this one's
        self.result_list.grow_options(0, self._options)
        reason = shown(message.reason)
        self._say(reason if message.gone else f"Search failed: {reason}")

    @on(Found)
    def _found(self, message: Found) -> None:
        message.stop()
        self._show(message.generation, message.results, message.done, message.total)

    def _show(self, generation: int, results: CorpusResults, done: int = 0, total: int = 0) -> None:
        """List ``results``: the final ones, or (``total`` given) those found in the first
        ``done`` of ``total`` documents while the search goes on."""
        if generation != self._generation:
            return  # a newer query was typed meanwhile
        self.searching = bool(total)
        self.results = results
        if total:
            self._progress(generation, results.query, done, total)
        else:
            if not self._relisted:
                self._relist()
            line = summary(results)
            if results.binary:  # (as grep says it of each: their hits have no text to open)
                files = len(results.binary)
                line += f" · {counted(files, 'binary file')} match{'es' if files == 1 else ''}"
            if results.problems:
                line += f" · {counted(len(results.problems), 'document')} could not be read"
            self._say(line)
        listed = self.result_list
        if self._listed_of != generation:  # a new search: a new list
            self._listed_of = generation
            # Searched again (a memo edited): the hit highlighted stays; a new query's
            # list starts at its first hit, though the list may have the focus already.
            kept = listed.highlighted if listed.has_focus and not self._fresh_list else None
            self._fresh_list = False
            listed.grow_options(len(results.hits), self._options, reach=kept or 0)
            self._rows_added = time.monotonic()
            first = next((i for i, o in enumerate(listed.options) if not o.disabled), None)
            if kept is not None and kept < listed.option_count:  # searched again (a memo edited)
                listed.highlighted = kept
            elif first is not None:
                listed.highlighted = first
        elif len(results.hits) > listed.total and (not total or self._rows_due()):
            # More of the same search: added below (the list, laid out and drawn again each
            # time, is not touched four times a second for rows below the screen); their rows
            # are made when the list nears them.
            had_hits = listed.total > 0
            before = self._shared[1]
            if self._shared_titles(results) - before:
                # a document found now shares the title of one listed: its heading names
                # its file now, the rows made are made again
                kept = listed.highlighted
                listed.grow_options(len(results.hits), self._options, reach=kept or 0)
                if kept is not None and kept < listed.option_count:
                    listed.highlighted = kept
            else:
                listed.more_items(len(results.hits))
            self._rows_added = time.monotonic()
            if not had_hits:
                listed.highlighted = next(
                    (i for i, o in enumerate(listed.options) if not o.disabled), None
                )

        if self._end_pending is not None and not total and results.hits:
            index, self._end_pending = self._end_pending, None
            super().action_cursor_end(index)
        if self._steps_pending and listed.highlighted is not None:
            steps, self._steps_pending = self._steps_pending, 0
            super().action_cursor(steps)
        if listed.open_first and (listed.highlighted is not None or not total):
            # enter typed before the first hit was listed (it was lost): the first opens
            listed.open_first = False
            if listed.highlighted is not None and listed.has_focus:
                listed.action_select()
        if self._to_results and results.query == self.memory.query:
            if results.hits:
                self._to_results = False
                self.action_to_results()
            elif not total:  # it found nothing: the query to edit
                self._to_results = False
                focus_now(self.query_input)

    def _rows_due(self) -> bool:
        """Whether hits found since the rows were last added are to be added now, while the
        search goes on: when the list does not fill the screen yet, else every ROWS_EVERY."""
        results = self.result_list
        return (
            results.option_count <= results.size.height
            or time.monotonic() - self._rows_added >= ROWS_EVERY
        )

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._refit)

    def _row_room(self) -> int:
        """The cells a hit's row has: the list's width less its gutter, an option's padding
        and its scroll bar, whether the bar shows yet or not (rows made to the list's content
        width, its options' padding left out, were cut mid-word at its right edge by the
        list, "…entral American Migra…" at 40 columns); 0 when the list is not laid out."""
        listed = self.result_list
        if not listed.size.width:
            return 0
        frame = listed.styles.gutter.width + listed.styles.scrollbar_size_vertical
        option = listed.get_component_styles("option-list--option").padding.width
        return max(1, listed.region.width - frame - option)

    def _refit(self) -> None:
        """The hits' rows made again for the list's new width (kept on the same hit): made at
        the old one, they were cut at the right edge, the match with them."""
        listed = self.result_list
        if self.results is None or not listed.option_count:
            return
        if self._row_room() == self._rows_width:
            return
        kept = listed.highlighted
        listed.grow_options(len(self.results.hits), self._options, reach=kept or 0)
        if kept is not None and kept < listed.option_count:
            listed.highlighted = kept

    def _options(self, start: int, end: int) -> list[Option]:
        """The rows of the hits ``[start, end)`` of the results shown, grouped as grep tools
        do: the document once, then one line per hit.  Made as Textual ``Content``, its styles
        converted once (a Rich ``Text`` a row is converted row by row: a fifth of a second for
        1,000 rows)."""
        results = self.results
        if results is None:
            return []
        ansi = self.app.ansi_theme

        def style(rich: RichStyle) -> VisualStyle:
            return VisualStyle.from_rich_style(rich, ansi)

        hit_style = style(self.get_component_rich_style("corpus-search--hit", partial=True))
        where_style = style(self.get_component_rich_style("corpus-search--where", partial=True))
        bold = style(self.app.console.get_style("bold"))
        bold_italic = style(self.app.console.get_style("bold italic"))
        options = []
        room = self._row_room()
        self._rows_width = room
        last_group = results.hits[start - 1].group if start else None
        shared = self._shared_titles(results)
        for index in range(start, min(end, len(results.hits))):
            hit = results.hits[index]
            if hit.group != last_group:
                last_group = hit.group
                pieces: list[tuple[str, VisualStyle | None]]
                if hit.memo is not None:
                    pieces = [("✎ ", where_style), (shown(hit.title), bold_italic)]
                elif hit.title in shared:  # documents of one title: told apart by file
                    pieces = [(shown(self._file_name(hit.key)), bold), (f" · {hit.title}", None)]
                else:
                    pieces = [(hit.title, bold)]
                count = results.per_document.get(hit.group, 0)
                tally = (f"  {counted(count, 'hit')}", where_style)
                options.append(Option(_content(_heading(pieces, tally, room)), disabled=True))
            where = f"{hit.line:>7}  "
            context, hit_start, hit_end = fitted(
                hit.context, hit.hit_start, hit.hit_end, room - len(where)
            )
            spans = [Span(0, len(where), where_style)]
            if hit_start < hit_end:
                at = len(where)
                spans.append(Span(at + hit_start, at + hit_end, hit_style))
            row = Content(where + context, spans)  # document text: never markup
            options.append(Option(row, id=str(index)))
        return options

    def _shared_titles(self, results: CorpusResults) -> frozenset[str]:
        """The titles two documents or more among the hits have: their groups name their
        files (two copies of an article, transcripts headed alike, were headings alike)."""
        known = (id(results), len(results.hits))
        if self._shared[0] != known:
            documents = {(h.key, h.title) for h in results.hits if h.memo is None}
            per_title = Counter(title for _key, title in documents)
            titles = frozenset(title for title, n in per_title.items() if n > 1)
            self._shared = (known, titles)
        return self._shared[1]

    def _file_name(self, key: str) -> str:
        """The document's file as the library names it: its path in the corpus folder."""
        workspace = self.workspace
        return os.path.relpath(workspace.path(key), workspace.corpus)

    # -- choosing ----------------------------------------------------------------------------

    @on(Input.Submitted, "#corpus-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if event.value != self.memory.query:  # not the query searched (or being searched)
            self._start(event.value)
        found = self.results is not None and self.results.query == event.value
        if found and self.results is not None and self.results.hits:
            if self.focused is self.result_list:
                # ``down`` typed right before: it gave the hits the focus once this enter had
                # reached the query; the enter is the hits', and opens the one highlighted.
                self.result_list.action_select()
            else:
                self.action_to_results()
        elif found and not self.searching:
            self.query_input.stay()  # it found nothing: the query stays to edit, and the keys
        elif event.value:
            # The keys typed after enter are for the hits, not the query, even before the
            # first hits are listed (typed in one burst, `G` went into the query): the list
            # takes them now; the query gets them back if the search finds nothing.
            if self._to_results:  # enter again (down, then enter) before the first hit
                self.result_list.open_first = True
            self._to_results = True
            if self._listed_of != self._generation:  # it lists another query's hits
                self._fresh_list = True
                self.result_list.grow_options(0, self._options)  # enter opens none of them
            focus_now(self.result_list)

    def action_cursor_end(self, index: int) -> None:
        """``g``/``G``; typed before the search has listed a hit, the cursor goes there once
        it has found them all (``G``: the last, as ``less`` waits for the end of a file)."""
        self._end_pending = None
        if self.searching and not self.result_list.option_count and self.result_list.has_focus:
            self._end_pending = index
            return
        super().action_cursor_end(index)

    def action_cursor(self, step: int) -> None:
        """``j``/``k``; typed before the search has listed a hit (behind ``enter`` in one
        burst), the cursor moves once the first hits are listed: the key was lost."""
        self._end_pending = None
        self.result_list.open_first = False
        if self.searching and not self.result_list.option_count and self.result_list.has_focus:
            self._steps_pending += step
            return
        self._steps_pending = 0
        super().action_cursor(step)

    def action_to_results(self) -> None:
        if self.results is not None and self.results.hits:
            if self.query_input.has_focus:
                # The focus moves once the keys already typed have been handled: held, the
                # keys behind ``down`` go to the hits (``G`` was typed into the query).
                self.query_input.hold_keys()
            focus_now(self.result_list)
        elif self.query_input.has_focus and self.query_input.value:
            # Typed before the first hits were listed (``down`` right behind the query was
            # lost): as enter does, the keys behind it go to the hits (``j`` was typed into
            # the query).
            field = self.query_input
            field.hold_keys()
            field.post_message(Input.Submitted(field, field.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` (edit the query) is left out of the footer while the query is being typed:
        there it is a character typed."""
        # Textual: False hides the key (None would show it disabled)
        return not (action == "edit_query" and self.query_input.has_focus)

    def action_edit_query(self) -> None:
        self.query_input.edit()  # at once (the keys typed right behind "/"), to refine it

    @property
    def moved_list(self) -> OptionList:
        return self.result_list

    @on(OptionList.OptionSelected, "#corpus-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.choose(event.option.id)

    def action_open_hit(self) -> None:
        """``enter`` on the hits (which their list takes as its choice): the hit under the
        cursor opened."""
        highlighted = self.result_list.highlighted
        if self.result_list.has_focus and highlighted is not None:
            option_id = self.result_list.get_option_at_index(highlighted).id
            if option_id is not None:
                self.choose(option_id)

    def choose(self, option_id: str) -> None:
        """The hit of the option ``option_id`` chosen (enter, a click): its document opened
        there, or its memo in the editor."""
        if self.results is not None:
            hit = self.results.hits[int(option_id)]
            if hit.memo is not None:
                self._edit_memo(hit.memo, (hit.start, hit.end))
            else:
                self.dismiss(hit)

    def _edit_memo(self, memo: Memo, hit: tuple[int, int]) -> None:
        """The memo in the editor, the ``hit`` (offsets into its text) selected in view;
        saved with ctrl+s, then searched again."""
        from tui_reader.ui.save_wait import Saving
        from tui_reader.ui.screens.memo_dialog import MemoDialog, erasing

        store = self.workspace.store

        def save(text: str) -> Saving[Memo]:
            edited = memo.evolve(text=text)
            return Saving(lambda: store.put_memo(edited))

        def closed(saved: str | None) -> None:
            if saved is not None and self.results is not None:
                self._start(self.results.query)

        title = memo.label[:1].upper() + memo.label[1:]
        erase = partial(erasing, store, memo)
        whose = None if memo.kind is MemoKind.JOURNAL else (memo.kind, memo.target)
        dialog = MemoDialog(title, memo.text, save, erase=erase, at=hit, subject=whose)
        self.app.push_screen(dialog, closed)

    def action_close(self) -> None:
        self.workers.cancel_group(self, "corpus-search")
        self.dismiss(None)
