"""less's ``&pattern`` in the reading pane: only the lines holding a match show, ``&`` with an
empty pattern shows every line again.  A worker finds the lines (the search's hits, smart case,
a phrase over a line's end found as ``/`` finds it: :func:`~.search.document_hits`) and posts
them; the text view lays out those lines alone
(:class:`~tui_reader.reading.filtered.FilteredLayout`).  What the filter shows is said in the
status line (:attr:`LineFilter.message`)."""

from __future__ import annotations

from textual.widget import Widget

from tui_reader.core.documents.document import Document
from tui_reader.core.search.hit_list import Hits
from tui_reader.core.wording import QUOTED_AT_MOST, clipped, counted
from tui_reader.reading.filtered import ShownLines, lines_holding
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.notices import notify_info, notify_warning
from tui_reader.ui.reading_pane.search import (
    document_hits,
    hit_marks,
    not_found,
    refused_or_found,
    yield_to_keys,
)
from tui_reader.ui.widgets.reader import ReaderView

LAYER = "filter"  # the text view's layer of the pattern's matches


class LineFilter:
    """The filter of the document shown in ``reader``; ``owner`` runs the worker."""

    class LinesFound(FieldMessage):
        """The lines of ``document`` holding ``query``."""

        document: Document
        query: str
        lines: ShownLines
        hits: Hits  # marked on the lines shown, as less highlights them
        carried: bool = False  # the filter on the document shown before, kept on this one
        problem: str = ""  # the regular expression is none, or took too long (no lines)
        refused: bool = False  # it is none: nothing searched, the filter before kept

    def __init__(self, owner: Widget, reader: ReaderView) -> None:
        self.owner = owner
        self.reader = reader
        self.query = ""  # the filter on (or asked for), "" none
        self.literal = False  # its pattern taken as typed (less's ^R), not as a regex
        self.message = ""  # for the status line
        self.filtering = False
        self._before = ("", False, "")  # the query, literal and message a filter replaces

    def run(
        self, document: Document, query: str, *, carried: bool = False, literal: bool | None = None
    ) -> None:
        """Show only the lines of ``document`` holding ``query`` (a regular expression, as
        less reads one, unless ``literal``; None: as the filter on took it), found in a
        worker; an empty ``query`` shows every line again.  ``carried``: the filter was on the
        document shown before, and stays on as another opens (as less keeps it from file to
        file)."""
        if not query:
            self.clear()
            return
        if literal is None:
            literal = self.literal
        if not self.filtering:
            self._before = (self.query, self.literal, self.message)
        self.query = query
        self.literal = literal
        self.filtering = True
        self.message = f"filtering “{query}”…"
        layout = self.reader.layout_engine if self.reader.document is document else None

        def find() -> None:
            hits, problem, refused = refused_or_found(
                query,
                lambda: document_hits(
                    document, query, layout, literal=literal, pause=yield_to_keys
                ),
                literal=literal,
            )
            if refused:
                refusal = self.LinesFound(
                    document, query, ShownLines(), hits, carried, problem, True
                )
                self.owner.post_message(refusal)
                return
            ends = hits.length if hits.ends is None else hits.ends
            soft = layout.soft_ranges if layout is not None else ()
            lines = lines_holding(document.text, hits.starts, ends, soft, pause=yield_to_keys)
            found = self.LinesFound(document, query, lines, hits, carried, problem)
            self.owner.post_message(found)

        self.owner.run_worker(find, thread=True, exclusive=True, group="filter")

    def found(self, message: LinesFound) -> None:
        """Show the lines found (when they are for the document shown and the filter asked
        for last); none found leaves the text as it was, and says so, as less does.  A filter
        kept from the document before that is on no line of this one shows every line and
        stays on, said, for the next document."""
        if message.query != self.query or message.document is not self.reader.document:
            return
        self.filtering = False
        if message.refused:  # said, as less says "Invalid pattern"; the filter before kept
            self.query, self.literal, self.message = self._before
            notify_warning(self.owner, message.problem)
            return
        if message.problem:  # (a regular expression that took too long: none is on)
            self.clear()
            notify_warning(self.owner, message.problem)
            return
        if not message.lines and message.carried:
            self.reader.set_filter(None)
            self.reader.clear_marks(LAYER)
            self.message = f"&“{message.query}”: on no line here, every line shown"
            notify_info(
                self.owner,
                f"The filter &{clipped(message.query, QUOTED_AT_MOST)} is on no line of this "
                "document: every line shown (& enter: no filter)",
                timeout=4,
            )
            return
        if not message.lines:
            self.query = ""
            self.message = ""
            notify_warning(self.owner, not_found(message.query, literal=self.literal), timeout=3)
            return
        self.reader.set_filter(message.lines)
        self.reader.set_mark_source(LAYER, hit_marks(message.hits))
        more = "+" if message.hits.truncated else ""
        self.message = f"&“{message.query}”: {counted(message.lines.count, 'line')}{more}"

    def clear(self) -> None:
        """Every line shown again."""
        self.query = ""
        self.message = ""
        self.filtering = False
        self.reader.clear_marks(LAYER)
        if self.reader.shown_lines is not None:
            self.reader.set_filter(None)
