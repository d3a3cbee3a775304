"""In-document search for the reading pane: ``/`` asks, a worker finds every hit, ``n``/``N``
go from hit to hit.  Hits are marked in the text view's ``search`` layer; what the search
found is said in the status line (:attr:`DocumentSearch.message`)."""

from __future__ import annotations

import time
from array import array
from bisect import bisect_right
from collections.abc import Callable

from textual.widget import Widget

from tui_reader.core.documents.document import Document
from tui_reader.core.search.hit_list import Hits, hit_after, hit_before
from tui_reader.core.wording import counted
from tui_reader.reading.layout import Flowed, Layout
from tui_reader.reading.marks import FixedLengthMarks, Mark, MarkKind, SortedMarks
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.notices import notify_info, notify_warning
from tui_reader.ui.widgets.reader import ReaderView

MAX_HITS = 10_000_000  # search hits kept per document (8 bytes each)
NO_HITS = Hits(array("q"), 0)
PAUSE_SECONDS = 0.0005
PAUSE_AFTER = 0.002  # seconds of work between two pauses, at least


def yield_to_keys() -> None:
    """A pause of a worker between slices of its work (the search's, the line filter's):
    the interface thread takes the interpreter at once (a key answered), where otherwise it
    waited its turn each time it gave it up, 5 ms, many times a key.  Only once the worker
    has worked :data:`PAUSE_AFTER` since its last pause: a common word's million hits in
    slices of 512 paused 2,000 times, a second and a half more for the search."""
    global _paused
    if time.perf_counter() - _paused >= PAUSE_AFTER:
        time.sleep(PAUSE_SECONDS)
        _paused = time.perf_counter()


_paused = 0.0  # when a worker last paused (any of them: one at a time runs for long)


def document_hits(
    document: Document,
    query: str,
    layout: Layout | None,
    *,
    literal: bool = False,
    pause: Callable[[], None] | None = None,
) -> Hits:
    """Every hit of ``query`` in ``document``, a regular expression as less reads one unless
    ``literal`` or it holds no sign of one (:func:`reader_hits`); in a text wrapped by hand,
    as its paragraphs read on screen (flowed): a phrase broken over two of the file's lines is
    found; and in any text a phrase or a compound where a line ends at one of its spaces or
    after one of its hyphens (``self-`` above ``determination``: :func:`find_hits`
    ``across_lines``), the lines a text wrapped by hand holds that do not flow (a list's, a
    quotation's) too.  Raises :class:`~tui_reader.core.errors.PatternError` for a regular
    expression that is none or takes too long."""
    # a first search's, not a first screen's
    from tui_reader.core.search.reader_pattern import reader_hits

    def found(text: str) -> Hits:
        return reader_hits(
            text, query, literal=literal, limit=MAX_HITS, across_lines=True, pause=pause
        )

    if layout is None or not layout.has_soft:
        return found(document.text)
    flowed = Flowed(layout)
    # (its soft breaks are spaces already; the lines that do not flow are searched across)
    hits = found(flowed.text)
    if flowed.text is document.text:
        return hits
    spans = [flowed.span(start, end) for start, end in hits]
    starts = array("q", [start for start, _ in spans])
    if all(end - start == hits.length for start, end in spans):
        return Hits(starts, hits.length, truncated=hits.truncated)  # one length: one array
    return Hits(
        starts,
        hits.length,
        truncated=hits.truncated,
        ends=array("q", [end for _, end in spans]),
    )


SAID_QUERY = 120  # characters of a query a notice shows, at most


def said_query(query: str) -> str:
    """``query`` as a notice says it: a pasted page (300,000 characters) whole filled the
    screen with its toast, the end of the line (what is wrong) past its bottom."""
    if len(query) <= SAID_QUERY:
        return query
    from tui_reader.reading.highlights import excerpt

    return excerpt(query, SAID_QUERY)


def not_found(query: str, where: str = "", *, literal: bool = False) -> str:
    """The line saying ``query`` was not found (``where``: " on the lines shown"); a query
    taken as typed (``literal``, less's ``^R``) that reads as a regular expression is said to
    have been, else the user of less or grep is left to wonder why lines they see are not
    found."""
    from tui_reader.core.search.hits import reads_as_regex  # loaded by a search already

    said = f"Pattern not found{where}: {said_query(query)}"
    if literal and reads_as_regex(query):
        said += " (taken as typed, ^R: not as a regular expression)"
    elif not literal and _matches_empty_text_only(query):  # /^ alone, /\b: as search -E says
        from tui_reader.core.search.user_pattern import empty_text_only

        said = f"Pattern not found{where}: {empty_text_only(query)}"
    return said


def _matches_empty_text_only(query: str) -> bool:
    """Whether ``query``, read as a regular expression, matches only empty text (``^``,
    ``\b``): a search found no hit for it however the text reads."""
    from tui_reader.core.errors import PatternError
    from tui_reader.core.search.reader_pattern import compiled, is_regex
    from tui_reader.core.search.user_pattern import matches_empty_text

    if not is_regex(query):
        return False
    try:
        return matches_empty_text(compiled(query))
    except PatternError:
        return False


def pattern_problem(query: str, find: Callable[[], Hits]) -> tuple[Hits, str]:
    """The hits ``find()`` finds, or none and what is wrong with the regular expression
    ``query`` (one line: it is none, or it takes too long)."""
    from tui_reader.core.errors import PatternError

    try:
        return find(), ""
    except PatternError as exc:
        return NO_HITS, f"Search {said_query(query)!r}: {_reason(exc.reason)}"


def refused_or_found(
    query: str, find: Callable[[], Hits], *, literal: bool
) -> tuple[Hits, str, bool]:
    """In a search's worker: what is wrong with ``query`` read as a regular expression,
    said before it is searched for (:func:`no_pattern`), and True (refused); else the hits
    ``find()`` finds or its problem (:func:`pattern_problem`), and False.  Compiled here,
    not on the interface's thread: a pattern of 300 KB takes a second and more to compile,
    and the keys waited for it."""
    problem = no_pattern(query, literal=literal)
    if problem:
        return NO_HITS, problem, True
    return *pattern_problem(query, find), False


def no_pattern(query: str, *, literal: bool) -> str:
    """What is wrong with ``query`` read as a regular expression (unless ``literal`` or it
    holds no sign of one), said before it is searched for, as less says "Invalid pattern";
    "" when nothing is."""
    from tui_reader.core.errors import PatternError
    from tui_reader.core.search.reader_pattern import compiled, is_regex

    if literal or not is_regex(query):
        return ""
    try:
        compiled(query)
    except PatternError as exc:
        said = f"Search {said_query(query)!r}: {_reason(exc.reason)}"
        return f"{said} (^R at the prompt: take it as typed)"
    return ""


def _reason(reason: str) -> str:
    """What is wrong with a regular expression, as a notice says it: the compiler's reason
    quotes the pattern at times (a group it cannot read), cut as :func:`said_query` cuts it."""
    return reason if len(reason) <= 2 * SAID_QUERY else said_query(reason)


def hit_marks(hits: Hits) -> FixedLengthMarks | SortedMarks:
    """The marks of ``hits`` in the text view: one array of starts for hits of one length,
    else (a text not composed, NFC; a book's soft breaks) their starts and ends."""
    hit = MarkKind.SEARCH_HIT
    if hits.ends is None:
        return FixedLengthMarks(hits.starts, hits.length, hit)
    return SortedMarks(hits.starts, hits.ends, hit)


class DocumentSearch:
    """The search of the document shown in ``reader``; ``owner`` runs the worker."""

    class HitsFound(FieldMessage):
        """Every hit of ``query`` in ``document``, searched from ``caret``."""

        document: Document
        query: str
        hits: Hits
        caret: int
        placed: bool = False  # the caret was put on the hit searched from (see search)
        problem: str = ""  # the regular expression is none, or took too long (no hits)
        refused: bool = False  # it is none: nothing searched, the search before kept
        again: bool = False  # the search run again on an edited text: the caret stays

    def __init__(self, owner: Widget, reader: ReaderView) -> None:
        self.owner = owner
        self.reader = reader
        self.query = ""  # the last query (enter alone repeats it, as in less)
        self.literal = False  # the last query taken as typed (less's ^R), not as a regex
        self._before = ("", False, "")  # the query, literal and message a search replaces
        self.hits = NO_HITS
        self.index: int | None = None  # the current hit
        self.message = ""  # for the status line
        # A search under way: ``n``/``N`` pressed before its hits come (``/word``, enter and
        # ``n`` typed in one burst) are kept, and taken from its first hit.
        self.searching = False
        self._steps: list[bool] = []

    def search(
        self,
        document: Document,
        query: str,
        caret: int,
        placed: bool = False,
        *,
        literal: bool = False,
        again: bool = False,
    ) -> None:
        """Find ``query`` in ``document`` in a worker (a regular expression, as less reads
        one, unless ``literal``); the caret goes to the first hit at or after ``caret``
        (``again``: the search on show run again on the edited text of its file; the hits
        are marked, the caret stays, ``n`` goes on from it).
        ``placed``: the caret is on that hit already (a hit chosen in the corpus search), and
        a key typed since that moved it (``enter``, ``j``, ``s`` in one burst) keeps it where
        it moved: the hits are marked, the caret not taken back."""
        if not self.searching:
            self._before = (self.query, self.literal, self.message)
        self.query = query
        self.literal = literal
        self.message = "searching…"
        self.searching = True
        self._steps = []
        layout = self.reader.layout_engine if self.reader.document is document else None

        def find() -> None:
            # paused between slices: a 50 MB text's search held keys a tenth of a second
            hits, problem, refused = refused_or_found(
                query,
                lambda: document_hits(
                    document, query, layout, literal=literal, pause=yield_to_keys
                ),
                literal=literal,
            )
            found = self.HitsFound(document, query, hits, caret, placed, problem, refused, again)
            self.owner.post_message(found)

        self.owner.run_worker(
            find,
            thread=True,
            exclusive=True,
            group="search",
        )

    def found(self, message: HitsFound) -> None:
        """Show the hits found (when they are for the document shown)."""
        if message.query != self.query and self.searching:
            return  # an earlier query's, found after the last one was asked for
        steps, self._steps, self.searching = self._steps, [], False
        if message.refused:  # said, as less says "Invalid pattern"; the search before kept
            self.query, self.literal, self.message = self._before
            notify_warning(self.owner, message.problem)
            return
        if message.document is not self.reader.document:
            return
        self.hits = message.hits
        self.reader.set_mark_source("search", hit_marks(message.hits))
        if message.again:
            self._found_again(message)
            for forward in steps:
                self.step(forward)
            return
        if not message.hits:
            self.index = None
            self.reader.clear_marks("search-current")
            if message.problem:
                self.message = f"“{message.query}”: no pattern"
                notify_warning(self.owner, message.problem)
                return
            self.message = f"“{message.query}” not found"
            notify_warning(self.owner, not_found(message.query, literal=self.literal), timeout=3)
            return
        first = self._shown(hit_after(message.hits, message.caret - 1), forward=True)
        if first is None:  # hits only on lines a filter hides (less's &)
            self.index = None
            self.reader.clear_marks("search-current")
            self.message = f"“{message.query}” not on the lines shown"
            notify_warning(
                self.owner, not_found(message.query, " on the lines shown", literal=self.literal)
            )
            return
        if message.placed and self.reader.caret != message.caret:
            self._current(first)  # moved since by the keys typed behind the choice: kept
        else:
            self.go_to(first)
            self._say_if_wrapped(first, message.caret, forward=True, at_caret=True)
        for forward in steps:
            self.step(forward)

    def _found_again(self, message: HitsFound) -> None:
        """The hits of the search run again on an edited text: marked, the caret left where
        it is (the current hit the one it is on, if any), said in the status line only."""
        self.index = None
        self.reader.clear_marks("search-current")
        hits = message.hits
        at = hit_after(hits, self.reader.caret - 1) if hits else None
        if at is not None and hits[at][0] == self.reader.caret:
            self._current(at)
        elif hits:
            more = "+" if hits.truncated else ""
            self.message = f"“{message.query}” {counted(len(hits), 'hit')}{more}"
        else:
            self.message = f"“{message.query}” not found"

    def _shown(self, index: int | None, *, forward: bool) -> int | None:
        """Hit ``index``, or when a filter (less's ``&``) hides its line, the first hit on a
        line shown from there on (``forward``) or back, round the text; None when no hit is
        on a line shown.  A run of lines hidden is stepped over at once, never hit by hit."""
        lines, document = self.reader.shown_lines, self.reader.document
        if index is None or lines is None or document is None:
            return index
        text, hits, runs = document.text, self.hits, lines.starts
        for _ in range(len(runs) + 2):  # each step goes on to another run of lines shown
            start = hits[index][0]
            if lines.holds(text, start):
                return index
            k = bisect_right(runs, start)  # the run after the hit
            if forward:
                index = hit_after(hits, (runs[k] if k < len(runs) else runs[0]) - 1)
            else:
                index = hit_before(hits, lines.ends[k - 1] if k > 0 else lines.ends[-1])
            if index is None:
                return None
        return None

    def _current(self, index: int | None) -> None:
        """Hit ``index`` made the current one (marked, said in the status line), the caret
        left where it is."""
        if index is None or not self.hits:
            return
        self.index = index
        start, end = self.hits[index]
        self.reader.set_marks("search-current", [Mark(start, end, MarkKind.SEARCH_CURRENT)])
        more = "+" if self.hits.truncated else ""
        self.message = f"“{self.query}” {index + 1}/{len(self.hits)}{more}"

    def go_to(self, index: int | None) -> None:
        if index is None or not self.hits:
            return
        self._current(index)
        start, end = self.hits[index]
        if self.reader.caret != start:
            self.reader.note_jump()
        self.reader.jump(start)  # out of sight: at the top, the text after it in sight
        self.reader.reveal(max(start, end - 1))  # a hit wrapped at the foot of the view shows whole

    def step(self, forward: bool) -> None:
        """``n`` / ``N``: the next / previous hit from the caret."""
        if self.searching:
            self._steps.append(forward)  # from the first hit, once found
            return
        if not self.hits and self.reader.document is None:  # nothing to search in
            notify_info(self.owner, "No document open: nothing to search", timeout=2)
            return
        if not self.hits:
            notify_info(self.owner, "No search: press / to search", timeout=2)
            return
        find = hit_after if forward else hit_before
        caret = self.reader.caret
        index = self._shown(find(self.hits, caret), forward=forward)
        self.go_to(index)
        self._say_if_wrapped(index, caret, forward=forward)

    def _say_if_wrapped(
        self, index: int | None, caret: int, *, forward: bool, at_caret: bool = False
    ) -> None:
        """Say so when the hit gone to is back at the other end of the text (as vim says
        "search hit BOTTOM, continuing at TOP"): else ``n`` at the last hit jumped to the
        first with no word, and the reader took the text's start for more hits below."""
        if index is None:
            return
        start = self.hits[index][0]
        wrapped = (start < caret if at_caret else start <= caret) if forward else start >= caret
        if wrapped:
            where = "bottom: on from the top" if forward else "top: on from the bottom"
            notify_info(self.owner, f"Search hit the {where}", timeout=2)
            self.message += f" (from the {'top' if forward else 'bottom'})"

    def clear(self) -> None:
        """Forget the hits (the last query stays for ``/`` then ``enter``)."""
        self.hits = NO_HITS
        self.index = None
        self.message = ""
        self.searching = False
        self._steps = []
        self.reader.clear_marks("search")
        self.reader.clear_marks("search-current")
