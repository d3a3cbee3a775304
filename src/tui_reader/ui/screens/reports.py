"""The reports view (``R``): frequencies, the code x document (or attribute) matrix and
co-occurrence as tables shaded by magnitude, with bar charts of passages per code and of
coverage per document; ``enter`` on a cell lists its passages in the query view, and
``enter`` there closes both on the passage (the caller opens it).

``f`` frequencies, ``m`` matrix, ``c`` co-occurrence, ``b`` matrix columns by document, by
each attribute in turn, then by speaker where a coded document is a transcript
(``report matrix --by-speaker``), then by coder where two coders or more coded (``report matrix
--by-coder``), ``d`` the codes at their first level, two levels, ... or
each apart (``report --depth``: a parent's row counts every passage coded with it or below it once).
A worker computes a report and lays it out (:class:`ReportGrid`) once per scope; the table
draws only the cells in view, so showing a report again is immediate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Static

from tui_reader.core.analysis.coverage import coverage_by_document
from tui_reader.core.analysis.known_turns import turns_known
from tui_reader.core.analysis.query import quoted, quoted_name
from tui_reader.core.analysis.report_grid import ReportGrid, file_headings, report_grid
from tui_reader.core.analysis.reports import (
    MEETING_PLACE,
    NO_VALUE,
    CodesAt,
    at_depth,
    attribute_columns,
    cell_query,
    coder_matrix,
    column_key,
    column_name,
    column_order,
    column_where,
    cooccurrence,
    counted_itself,
    frequencies,
    matrix,
    meeting_passages,
    report_tags,
)
from tui_reader.core.analysis.scope import Scope, left_out_note
from tui_reader.core.analysis.scope_records import Passage as ScopePassage
from tui_reader.core.analysis.speaker_columns import SpeakerColumns, speaker_matrix, speaker_where
from tui_reader.core.analysis.tables import percent
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.wording import counted
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.key_relay import relay_of, sent_again
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.scope_loading import (
    ScopeFailed,
    ScopeLoaded,
    ScopeProgress,
    coded_in,
    load_scope_for,
)
from tui_reader.ui.store_poll import StoreChanged
from tui_reader.ui.widgets.bar_chart import bar_chart
from tui_reader.ui.widgets.breaking_text import parted_lines
from tui_reader.ui.widgets.key_scroll import KeyScroll
from tui_reader.ui.widgets.report_table import ReportTable
from tui_reader.ui.widgets.steady_footer import SteadyFooter
from tui_reader.ui.widgets.view_header import ViewHeader

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace

KINDS = {"frequencies": "Frequencies", "matrix": "Matrix", "cooccurrence": "Co-occurrence"}
# What a co-occurrence cell counts, over its table: the longest form that fits is said
CELL_MEANING = (
    f"a cell: the places two codes meet, {MEETING_PLACE}",
    "a cell: a passage with both codes, or two overlapping, one with each",
)
MAX_COLUMNS = 200  # matrix columns, co-occurrence codes shown (the busiest); the CLI: all
MAX_BARS = 100  # documents in the coverage chart (the most coded)
CHARTS_FROM = 16  # rows of the screen: a shorter one shows the table alone, its rows not hidden
SHADED = ("passages", "documents", "characters", "coverage")  # frequencies' shaded columns
# b's matrix by the speakers of the turns (no attribute's name: those hold no space)
BY_SPEAKER = "speaker of the turns"
BY_CODER = "coder of the passages"  # report matrix --by-coder: a column per coder


class Computed(FieldMessage):
    """A report computed and laid out by the worker: its rows, how many matrix columns were
    left out (see :data:`MAX_COLUMNS`), its grid, and the coverage per document."""

    kind: str
    by: str
    depth: int | None
    rows: list[dict[str, Any]]
    hidden: int
    grid: ReportGrid
    coverage: dict[str, float]
    scope: Scope | None  # the passages it was computed from
    spoken: bool  # whether a coded document is a transcript (b goes by speaker then)


@dataclass
class _LastReport:
    """The report, and its cell, whose passage was last opened from a workspace's reports:
    ``R`` after reading it comes back to them, and ``enter`` on that cell lists its passages
    on the one opened (closed with ``esc``, the view starts afresh)."""

    kind: str
    by: str
    depth: int | None
    cursor: tuple[int, int]
    passage: str = ""  # the id of the annotation opened


_LAST: WeakKeyDictionary[Workspace, _LastReport] = WeakKeyDictionary()


class ReportsScreen(StyledOnce, ClosesOnce, Screen[Passage | None]):
    """Dismisses with the passage chosen in a drill-down (None when closed); opened again
    without a report named, it shows the report and the cell that passage came from."""

    DEFAULT_CSS = """
    ReportsScreen #reports-heading {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    ReportsScreen #reports-table {
        height: 1fr;
    }
    ReportsScreen #reports-charts {
        height: 40%;
        border-top: hkey $panel-lighten-1;
        padding: 0 1;
    }
    /* A short terminal (30x8, 20x6): the heading's first line, the report's kind (the rest
       of it, wrapped on a narrow screen, took every line the table had: not a row of the
       report showed). */
    ReportsScreen.-short #reports-heading {
        max-height: 1;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (CHARTS_FROM, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("reports")

    def __init__(
        self, workspace: Workspace, kind: str | None = None, *, scope: Scope | None = None
    ) -> None:
        """``scope``: what to report on, when the caller has it already (else it is loaded
        from ``workspace`` in a worker); ``kind`` None: the frequencies, or the report a
        passage was last opened from."""
        super().__init__()
        self.workspace = workspace
        last = _LAST.get(workspace) if kind is None else None
        self.kind = kind or (last.kind if last is not None else "frequencies")
        self.by = last.by if last is not None else "document"
        # the codes at their first ``depth`` levels (d), None: each code apart
        self.depth: int | None = last.depth if last is not None else None
        self._back_at = last.cursor if last is not None else None  # the cell drilled last
        self._opened = last  # its passage opened: the cell's list comes back to it
        self.scope: Scope | None = scope
        self._revision = workspace.store.coding_revision  # the store's, the passages placed from
        self.rows: list[dict[str, Any]] = []
        self.hidden_columns = 0  # matrix columns left out (see MAX_COLUMNS)
        self.computing = False  # a worker computes the report asked for
        self._drill_when_shown = False  # enter typed before the report asked for was shown
        self._behind_drill: list[events.Key] = []  # the keys typed behind that enter
        # (kind, by, depth) -> the report
        self._computed: dict[tuple[str, str, int | None], Computed] = {}
        self._coverage: dict[str, float] | None = None
        self._heading: list[Text] | None = None  # the parts the heading says, at its width
        self._heading_lead = 1  # of them, those saying what the report is
        self._read: list[ScopePassage | Annotation] | None = None  # see _passages()
        self._speakers: SpeakerColumns | None = None  # see speakers()
        self._spoken: bool | None = None  # a coded document is a transcript (None: not known)
        self.columns: list[str] = []

    def compose(self) -> ComposeResult:
        yield ViewHeader()
        yield Static(Text("Placing the coded passages…"), id="reports-heading")
        yield ReportTable(id="reports-table")
        with KeyScroll(id="reports-charts"):
            yield Static(id="reports-chart")
        yield SteadyFooter()

    @property
    def table(self) -> ReportTable:
        return self.query_one("#reports-table", ReportTable)

    def on_mount(self) -> None:
        self.title = "Reports"
        if self._back_at is not None:
            self.table.cursor = self._back_at  # kept by the report's first show
        focus_now(self.table)
        self.table.keys_wait = self._wait_behind_drill
        # The table restyles itself; the charts' bars take the theme's accent.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw_charts())
        # The work starts once the screen is painted: a worker computing holds Python's
        # lock most of the time, and would slow the first paint several times over.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        if self.scope is None:
            self._load_scope()
        else:
            self.show_report()

    def _load_scope(self) -> None:
        self._revision = self.workspace.store.coding_revision
        load_scope_for(self, self.workspace)

    @on(ScopeLoaded)
    def _loaded(self, message: ScopeLoaded) -> None:
        if self.workspace.store.coding_revision != self._revision:  # changed while placing
            self._load_scope()
            return
        self.scope, self._read, self._speakers = message.scope, None, None
        self.show_report()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        """The database changed while the reports were open (an autocode or a merge from the
        command line, another terminal's coding): the passages are placed again and the
        report on show computed again, its cursor kept; its counts were those of the
        database as it was when the reports opened, whichever report was asked for next.
        (Still placing, they are placed again once placed.)"""
        if self.scope is None or self.workspace.store.coding_revision == self._revision:
            return
        self.scope, self._read, self._coverage = None, None, None
        self._speakers, self._spoken = None, None
        self._computed.clear()
        self._say("The database changed: placing the coded passages again…")
        self._load_scope()

    @on(ScopeProgress)
    def _progress(self, message: ScopeProgress) -> None:
        if self.scope is None:
            self._say(message.line())

    @on(ScopeFailed)
    def _failed(self, message: ScopeFailed) -> None:
        self._say(message.reason)

    def _say(self, message: str) -> None:
        self._heading = None
        self.query_one("#reports-heading", Static).update(Text(message))

    # -- the tables ------------------------------------------------------------------------

    def attribute_names(self) -> list[str]:
        """The attributes ``b`` goes through after the documents, each once however its
        name is spelled (:func:`~tui_reader.core.analysis.attributes.attribute_names`)."""
        from tui_reader.core.analysis.attributes import attribute_names

        return attribute_names(self.workspace.store.attributes())

    def _columns(self, by: str) -> tuple[list[str], Callable[[str], str]]:
        """The matrix's columns by ``by`` (``document`` or an attribute) and the column of a
        document (an attribute's values as a query takes them: México and mexico are one)."""
        scope = self.scope
        if by == "document" or scope is None:
            return sorted(scope.lengths if scope else (), key=column_order), str
        name = by.casefold()
        return attribute_columns(scope.lengths, lambda key: scope.attributes(key, name))

    def compute(
        self, kind: str, by: str, depth: int | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """The rows of report ``kind`` (matrix columns ``by``, the codes at their first
        ``depth`` levels), and how many matrix columns were left out.  Pure: runs in a
        worker."""
        scope = self.scope
        if scope is None:
            return [], 0
        passages: Sequence[ScopePassage | Annotation] = self._passages()
        if depth is not None:
            passages = at_depth(passages, depth)
        if kind == "frequencies":
            return frequencies(passages, scope.lengths), 0
        if kind == "cooccurrence":
            # thousands of codes make millions of cells no one reads on a screen: the codes
            # meeting the others most are shown (the command line's report gives them all);
            # a code meeting no other is a row and a column of zeros: left out, and said
            rows = cooccurrence(passages, at_most=MAX_COLUMNS)
            alone = {str(r["tag"]) for r in rows if not any(v for k, v in r.items() if k != "tag")}
            if alone:
                empty = {column_key(name) for name in alone}
                rows = [
                    {k: v for k, v in r.items() if k not in empty}
                    for r in rows
                    if r["tag"] not in alone
                ]
            return rows, len(report_tags(passages)) - len(rows)

        if by == BY_SPEAKER:
            rows = speaker_matrix(passages, self.speakers())
        elif by == BY_CODER:
            rows = coder_matrix(passages)
        else:
            columns, column_of = self._columns(by)
            rows = matrix(passages, columns, column_of)
        keys = [k for k in rows[0] if k != "tag"] if rows else []
        totals = {c: sum(int(r[c]) for r in rows) for c in keys}
        # A column no passage is in (305 documents, two coded) is a column of zeros: only
        # the others are shown, and how many were left out is said (the command line's report
        # gives them all).  Of thousands of columns, which cannot be read on a screen, the
        # busiest are shown.
        coded = [c for c in keys if totals[c]]
        kept = set(sorted(coded, key=lambda c: -totals[c])[:MAX_COLUMNS])
        if len(kept) == len(keys):
            return rows, 0
        shown = [{k: v for k, v in r.items() if k == "tag" or k in kept} for r in rows]
        # the documents without the attribute, none coded: their column is no value, and the
        # command line's matrix leaves it out too (the heading counted it among the values
        # "the command lists", which it did not)
        unsaid = {column_key(NO_VALUE)} if by not in ("document", BY_SPEAKER, BY_CODER) else set()
        return shown, len([k for k in keys if k not in kept and k not in unsaid])

    def speakers(self) -> SpeakerColumns:
        """The speakers of the scope's passages (the matrix by speaker's columns), each
        document's turns read once (in a worker: a report by speaker computes them), a
        document whose facts kept for its file as it is now name no speaker not loaded."""
        if self._speakers is None:
            self._speakers = SpeakerColumns(turns_known(self.workspace))
        return self._speakers

    def _transcripts_coded(self) -> bool:
        """Whether a document of the scope's passages is a transcript, as its format tells
        (its speakers, the facts a query's ``speakers=`` reads).  Pure: runs in a worker."""
        scope = self.scope
        if scope is None:
            return False
        coded = {p.document for p in self._passages()}
        return any(scope.attributes(key, "speakers") is not None for key in sorted(coded))

    def _passages(self) -> list[ScopePassage | Annotation]:
        """What the reports read of the scope's passages (places and codes), made once in
        a worker: the passages kept as records are not built as annotations (100,000 took
        seconds)."""
        if self._read is None:
            assert self.scope is not None
            view = self.workspace.coder_view  # whose coding is on show (C), as in the library
            if view.only is None:
                self._read = self.scope.passages()
            else:
                self._read = list(view.filter(self.scope.annotations))
        return self._read

    def grid_of(self, kind: str, by: str, rows: list[dict[str, Any]]) -> ReportGrid:
        """``rows`` of report ``kind`` laid out for the table.  Pure: runs in a worker."""
        if kind == "frequencies":
            return report_grid(rows, shaded=SHADED)
        if kind == "cooccurrence":
            return report_grid(rows, code_by_code=True)
        if by == "document":  # the file name (keys are long), with folders where it is shared
            headings = file_headings(rows[0].keys() if rows else ())
            return report_grid(rows, heading=lambda column: headings.get(column, column))
        return report_grid(rows)

    def show_report(self) -> None:
        """Show the report chosen: at once when it was computed before, else when a worker
        has computed it (the screen stays live meanwhile)."""
        if self.scope is None:
            return
        key = self._report_key()
        if key in self._computed:
            self._paint(self._computed[key])
            return
        self.computing = True
        self._say(f"Computing the {KINDS[self.kind].casefold()}…")
        self._compute(*key)

    def _report_key(self) -> tuple[str, str, int | None]:
        """The report asked for: its kind, the matrix's columns (only the matrix has
        them: the frequencies computed with the matrix by country are the same) and the
        codes' depth."""
        return (self.kind, self.by if self.kind == "matrix" else "", self.depth)

    @work(thread=True, group="reports-compute", description="report")
    def _compute(self, kind: str, by: str, depth: int | None) -> None:
        scope = self.scope
        rows, hidden = self.compute(kind, by, depth)
        grid = self.grid_of(kind, by, rows)
        coverage = self._coverage
        if coverage is None and self.scope is not None:
            coverage = coverage_by_document(self._passages(), self.scope.lengths)
        spoken = self._spoken
        if spoken is None:
            spoken = self._transcripts_coded()
        self.post_message(
            Computed(kind, by, depth, rows, hidden, grid, coverage or {}, scope, spoken)
        )

    @on(Computed)
    def _computed_one(self, report: Computed) -> None:
        if report.scope is not self.scope:  # of the passages before the database changed
            return
        key = (report.kind, report.by, report.depth)
        self._computed[key] = report
        self._coverage = report.coverage
        self._spoken = report.spoken
        if key == self._report_key():
            self.computing = False
            self._paint(report)
            if self._drill_when_shown:
                self._drill_when_shown = False
                self.action_drill()

    def _paint(self, report: Computed) -> None:
        assert self.scope is not None
        self.rows, self.hidden_columns = report.rows, report.hidden
        self.columns = report.grid.columns
        self.table.show(report.grid)
        by = f" · columns by {self.by} (b)" if self.kind == "matrix" else ""
        if self.hidden_columns and self.kind == "matrix":
            listed = len(self.rows[0]) - 1 if self.rows else 0
            if listed == MAX_COLUMNS:
                by += f", the {listed} with most passages of {listed + self.hidden_columns:,}"
            else:
                units = {"document": "document", BY_SPEAKER: "speaker", BY_CODER: "coder"}
                unit = units.get(self.by, "value")
                by += f", {counted(self.hidden_columns, unit)} without passages left out"
            by += f" (the command {_every_column_command(self.by)} lists them all)"
        elif self.hidden_columns:
            everyone = len(self.rows) + self.hidden_columns
            by += (
                f" · the {MAX_COLUMNS} codes meeting the others most, of {everyone:,}"
                if len(self.rows) == MAX_COLUMNS
                else f" · {counted(self.hidden_columns, 'code')} meeting no other left out"
            ) + " (the command tui-reader report cooccurrence lists them all)"
        view = self.workspace.coder_view
        orphans = left_out_note(self.scope, coders=None if view.only is None else [view.only])
        shown = self.scope.count if self._read is None else len(self._read)
        whose = "" if view.only is None else f" ({view.label(self.workspace.store.coder)})"
        # Each a part of its own, the line broken between them: one part, the report's line
        # at 50 columns ended "Matrix · columns by group (b) · codes at their" (a short
        # terminal's heading is one line).
        parts = [Text(KINDS[self.kind], style="bold")]
        if by:
            parts.append(Text(by.removeprefix(" · "), style="dim"))
        if self.depth is not None:
            levels = "level" if self.depth == 1 else f"{self.depth} levels"
            parts.append(Text(f"codes at their first {levels} (d)", style="dim"))
        self._heading_lead = len(parts)  # what the report is, before the figures and hints
        parts += [
            Text(f"{coded_in(self.scope, shown, view.only, whose)}{orphans}", style="dim"),
            Text("f m c: reports", style="dim"),
            Text("d: code levels", style="dim"),
            Text("enter: the passages of a cell", style="dim"),
        ]
        self._heading = parts
        self._say_heading()
        self._draw_charts()

    def _say_heading(self) -> None:
        """The heading's parts, each whole on a line where it fits (at the heading's width);
        the co-occurrence's, what a cell counts, in the longest of its forms that fits a line
        (none on a narrow screen: the table's rows first)."""
        if self._heading is not None:
            heading = self.query_one("#reports-heading", Static)
            width = heading.content_size.width or self.app.size.width - 2
            parts = list(self._heading)
            meaning = CELL_MEANING if self.kind == "cooccurrence" else ()
            fitting = next((form for form in meaning if len(form) <= width), None)
            if fitting is not None:  # said before enter opens a cell
                parts.insert(self._heading_lead, Text(fitting, style="dim"))
            heading.update(parted_lines(parts, width, style="dim"))

    def _bar_style(self) -> Style:
        variables = self.app.theme_variables
        return Style(color=Color.parse(variables.get("accent", "#ffa62b")).rich_color)

    def _draw_charts(self) -> None:
        scope = self.scope
        if scope is None:
            return
        width = max(30, self.size.width - 4)
        chart = Text()
        if self.kind == "frequencies":
            bars = [(r["tag"], float(r["passages"]), str(r["passages"])) for r in self.rows]
            chart.append_text(bar_chart("Passages per code", bars, width, self._bar_style()))
            chart.append("\n")
        coverage = self._coverage or {}
        titles = sorted(coverage.items(), key=lambda item: (-item[1], item[0]))
        # each named as the matrix heads its column: the file name, folders where shared
        names = file_headings(coverage)
        bars = [(names[key], share, percent(share)) for key, share in titles[:MAX_BARS]]
        title = "Coverage per document (share of its text coded)"
        if len(titles) > MAX_BARS:
            title += f": the {MAX_BARS} most coded of {len(titles)}"
        chart.append_text(bar_chart(title, bars, width, self._bar_style()))
        self.query_one("#reports-chart", Static).update(chart)

    # -- actions ---------------------------------------------------------------------------

    def action_report(self, kind: str) -> None:
        self.kind = kind
        self.show_report()

    def action_next_by(self) -> None:
        choices = ["document", *self.attribute_names()]
        if self._spoken:  # who said what: a column per speaker of the transcripts
            choices.append(BY_SPEAKER)
        if self.workspace.coder_view.only is None and len(self.workspace.store.coder_counts()) > 1:
            choices.append(BY_CODER)  # each coder's passages of each code
        self.by = (
            choices[(choices.index(self.by) + 1) % len(choices)]
            if self.by in choices
            else "document"
        )
        self.kind = "matrix"
        self.show_report()

    def action_next_depth(self) -> None:
        """The codes at their first level, then two levels, ... down to one level above the
        deepest code used here, then each code apart again."""
        if self.scope is None:
            return
        deepest = max((t.count("/") + 1 for p in self._passages() for t in p.tags), default=1)
        if deepest == 1:
            self.notify("No code here has codes below it.", markup=False)
            return
        depth = 1 if self.depth is None else self.depth + 1
        self.depth = depth if depth < deepest else None
        self.show_report()

    def action_close(self) -> None:
        _LAST.pop(self.workspace, None)  # done with it: the next R starts afresh
        self.dismiss(None)

    def cell_passages(self, row: int, column: int) -> tuple[str, list[Annotation]]:
        """What the cell at ``(row, column)`` counts: a description and its passages."""
        description, passages, _ = self._cell(row, column)
        return description, passages

    def _cell(self, row: int, column: int) -> tuple[str, list[Annotation], bool]:
        """:meth:`cell_passages`, and whether a code's own cell lists every passage its
        description, the code, matches as a query (which takes the codes below it)."""
        if self.scope is None or not 0 <= row < len(self.rows):
            return "", [], True
        tag = str(self.rows[row]["tag"])
        # the first column is the code's own; another is a code's, document's or value's
        name = column_name(self.columns[column]) if 0 < column < len(self.columns) else None
        meeting = self.kind == "cooccurrence" and name is not None and name != tag
        # those only, not 100,000 built; a co-occurrence's pairs of passages, one carrying
        # each code, too
        codes = frozenset({tag, name} if meeting and name is not None else {tag})
        carried = self.scope.carrying(codes)
        annotations = self.workspace.coder_view.filter(carried)
        # the query each cell stands for, read back as it is whatever the names hold (at a
        # depth, a code takes those below it, as a query's code does; a row counting a
        # code's own passages is written exactly:"code")
        if meeting and name is not None:
            met = meeting_passages(annotations, tag, name, self.depth)
            tags = (t for a in carried for t in a.tags)
            return cell_query(tag, name, counted_itself((tag, name), self.depth, tags)), met, True
        codes_of = CodesAt(self.depth)
        coded = [a for a in annotations if tag in codes_of(a.tags)]
        whole = len(coded) == len(annotations)
        # the code's own passages alone, not those of a code below it, edited and run too
        code = quoted(tag) if whole else f"exactly:{quoted(tag)}"
        if self.kind == "matrix" and name is not None and self.by == BY_SPEAKER:
            speakers = self.speakers()  # a passage of two speakers in both their columns
            in_column = [a for a in coded if name in speakers.columns_of(a)]
            return f"{code} AND {speaker_where(name, speakers)}", in_column, whole
        if self.kind == "matrix" and name is not None and self.by == BY_CODER:
            in_column = [a for a in coded if a.coder == name]
            return f"{code} AND coder:{quoted_name(name)}", in_column, whole
        if self.kind == "matrix" and name is not None:
            columns, column_of = self._columns(self.by)
            where = column_where(self.by, name, columns)
            in_column = [a for a in coded if column_of(a.document) == name]
            return f"{code} AND {where}", in_column, whole
        return code, coded, whole

    @on(ReportTable.CellChosen)
    def _cell_chosen(self, event: ReportTable.CellChosen) -> None:
        """A click on the cursor's cell: not while the next report is computed, whose kind
        is set while the table still shows the last one (the frequencies' passages cell,
        clicked as the co-occurrence was computed, was read as 'foo AND passages')."""
        if self.computing:
            return
        self.drill(event.row, event.column)

    def action_drill(self) -> None:
        if self.computing or self.scope is None:
            # typed right behind R (or m, c): the cell is the report's once it is shown
            # (said "No passages in this cell." of the report not shown yet)
            self._drill_when_shown = True
            return
        self.drill(*self.table.cursor)
        behind, self._behind_drill = self._behind_drill, []
        relay = relay_of(self.app)
        for key in behind:  # to the cell's passages (or back to the table: none listed)
            relay.pass_on(key, self.table)

    def _wait_behind_drill(self, event: events.Key) -> bool:
        """Whether ``event``, typed on the table behind an enter that waits for the report
        to be shown, waits for that enter too: it goes to the cell's passages then (``R``
        typed behind it, which goes back to the cell, was lost on the table; ``j`` moved
        the cursor to the next row before its cell was listed)."""
        if not self._drill_when_shown:
            return False
        self._behind_drill.append(sent_again(event))
        return True

    def drill(self, row: int, column: int) -> None:
        """List the passages of the cell at ``(row, column)`` in the query view; not when
        another screen is on top (a question asked while a report typed ahead of was being
        computed): the view opened over it, hiding the question waiting for its answer."""
        if self.app.screen is not self:
            return
        description, passages, whole = self._cell(row, column)
        if not passages:
            self.notify("No passages in this cell.", markup=False)
            return
        last = self._opened
        opened = (
            last.passage
            if last is not None
            and (last.kind, last.by, last.depth, last.cursor)
            == (self.kind, self.by, self.depth, (row, column))
            else None
        )
        self.app.push_screen(
            QueryScreen(
                self.workspace,
                description,
                passages=passages,
                opened=opened,
                heading=self.cell_heading(row, column, whole),
                meeting=self._meeting(row, column),
            ),
            self._drilled,
        )

    def _meeting(self, row: int, column: int) -> tuple[str, str] | None:
        """A co-occurrence cell's two codes (None: another cell's)."""
        if self.kind != "cooccurrence" or not 0 <= row < len(self.rows):
            return None
        tag = str(self.rows[row]["tag"])
        name = column_name(self.columns[column]) if 0 < column < len(self.columns) else None
        return None if name is None or name == tag else (tag, name)

    def cell_heading(
        self, row: int, column: int, whole: bool | None = None
    ) -> tuple[str, str] | None:
        """What the passages of the cell at ``(row, column)`` are when its query does not say
        it (the view's title, and what is said beside their count), None when it does.  A
        co-occurrence cell's: its two codes and its count of places (a passage carrying both,
        or two overlapping passages, one carrying each, a pair listing two passages).  A code
        with codes below it: its own passages, which its query, taking those codes too, does
        not list alone (``whole``: whether the cell lists every passage the code matches,
        as :meth:`_cell` found; None: looked at here)."""
        if not 0 <= row < len(self.rows):
            return None
        tag = str(self.rows[row]["tag"])
        key = self.columns[column] if 0 < column < len(self.columns) else None
        name = column_name(key) if key is not None else None
        if self.kind == "cooccurrence" and key is not None and name is not None and name != tag:
            count = int(self.rows[row].get(key, 0))
            met = f"{quoted(tag)} meets {quoted(name)} in {counted(count, 'place')}"
            return met, f"where {met} (a passage with both, or two overlapping, one with each)"
        # a code's own cell (a co-occurrence's name and diagonal too): its query, the code,
        # takes the codes below it; the cell, those its row counts. Asked of the passages
        # themselves, as a co-occurrence has no row for a code below that meets nothing.
        if whole is None:
            whole = self._cell(row, column)[2]
        if whole:
            return None
        itself = f"{quoted(tag)} itself"
        if self.kind == "matrix" and name is not None and self.by == BY_SPEAKER:
            itself += f", {speaker_where(name, self.speakers())}"
        elif self.kind == "matrix" and name is not None and self.by == BY_CODER:
            itself += f", coder:{quoted_name(name)}"
        elif self.kind == "matrix" and name is not None:
            where = column_where(self.by, name, self._columns(self.by)[0])
            itself += f", {where}"
        return itself, f"coded {itself} (not a code below it)"

    def _drilled(self, passage: Passage | None) -> None:
        if passage is not None:
            cursor = self.table.cursor
            last = _LastReport(self.kind, self.by, self.depth, cursor, passage.annotation.id)
            _LAST[self.workspace] = self._opened = last
            self.dismiss(passage)

    def on_resize(self) -> None:
        # Under the heading, the charts' share of a short screen (40x12) left the table its
        # header alone: not one of its rows showed.
        self.query_one("#reports-charts").display = self.size.height >= CHARTS_FROM
        self._draw_charts()
        self.call_after_refresh(self._say_heading)  # once the heading has its new width


def _every_column_command(by: str) -> str:
    """The command listing every column of the matrix by ``by``, those without passages too."""
    import shlex

    option = {"document": "", BY_SPEAKER: " --by-speaker", BY_CODER: " --by-coder"}
    return "tui-reader report matrix" + option.get(by, f" --by {shlex.quote(by)}")
