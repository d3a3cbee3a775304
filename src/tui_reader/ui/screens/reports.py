"""The reports view (``R``): frequencies, the code x document (or attribute) matrix and
co-occurrence as tables shaded by magnitude, with bar charts of passages per code and of
coverage per document; ``enter`` on a cell lists its passages in the query view, and
``enter`` there closes both on the passage (the caller opens it).

``f`` frequencies, ``m`` matrix, ``c`` co-occurrence, ``b`` matrix columns by document or by
each attribute in turn.  Shading blends the theme's accent into its background, so it reads in
dark and light themes alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.color import Color
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui_reader.core.analysis.reports import (
    NO_VALUE,
    column_order,
    cooccurrence,
    coverage_by_document,
    frequencies,
    matrix,
    meeting_passages,
)
from tui_reader.core.analysis.scope import Scope
from tui_reader.core.analysis.tables import cell_text
from tui_reader.core.analysis.values import show_value
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.wording import counted
from tui_reader.ui import keymap
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.scope_loading import ScopeFailed, ScopeLoaded, load_scope_for
from tui_reader.ui.widgets.bar_chart import bar_chart

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace

Computed = tuple[list[dict[str, Any]], int]  # report rows, matrix columns left out
KINDS = {"frequencies": "Frequencies", "matrix": "Matrix", "cooccurrence": "Co-occurrence"}
NBSP = "\u00a0"  # pads cells (a table strips leading spaces) so that shading fills them
MAX_COLUMNS = 200  # matrix columns shown (the busiest); the CLI prints them all
MAX_BARS = 100  # documents in the coverage chart (the most coded)
SHADED = {"passages", "documents", "characters", "coverage"}  # frequencies' shaded columns


class ReportsScreen(ClosesOnce, Screen[Passage | None]):
    """Dismisses with the passage chosen in a drill-down (None when closed)."""

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
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("reports")

    def __init__(
        self, workspace: Workspace, kind: str = "frequencies", *, scope: Scope | None = None
    ) -> None:
        """``scope``: what to report on, when the caller has it already (else it is loaded
        from ``workspace`` in a worker)."""
        super().__init__()
        self.workspace = workspace
        self.kind = kind
        self.by = "document"
        self.scope: Scope | None = scope
        self.rows: list[dict[str, Any]] = []
        self.hidden_columns = 0  # matrix columns left out (see MAX_COLUMNS)
        self.computing = False  # a worker computes the report asked for
        self._computed: dict[tuple[str, str], Computed] = {}  # (kind, by) -> rows, hidden
        self._coverage: dict[str, float] | None = None
        self.columns: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Placing the coded passages…"), id="reports-heading")
        yield DataTable(id="reports-table", cursor_type="cell", zebra_stripes=False)
        with VerticalScroll(id="reports-charts"):
            yield Static(id="reports-chart")
        yield Footer()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#reports-table", DataTable)

    def on_mount(self) -> None:
        self.title = "Reports"
        self.table.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show_report())
        if self.scope is None:
            load_scope_for(self, self.workspace)
        else:
            self.show_report()

    @on(ScopeLoaded)
    def _loaded(self, message: ScopeLoaded) -> None:
        self.scope = message.scope
        self.show_report()

    @on(ScopeFailed)
    def _failed(self, message: ScopeFailed) -> None:
        self._say(message.reason)

    def _say(self, message: str) -> None:
        self.query_one("#reports-heading", Static).update(Text(message))

    # -- the tables ------------------------------------------------------------------------

    def attribute_names(self) -> list[str]:
        return sorted({n for values in self.workspace.store.attributes().values() for n in values})

    def _column_of(self, key: str, by: str | None = None) -> str:
        by = self.by if by is None else by
        if by == "document" or self.scope is None:
            return key
        value = self.scope.attributes(key, by.casefold())
        return NO_VALUE if value is None else show_value(value)

    def compute(self, kind: str, by: str) -> Computed:
        """The rows of report ``kind`` (matrix columns ``by``), and how many matrix columns
        were left out.  Pure: runs in a worker."""
        scope = self.scope
        if scope is None:
            return [], 0
        if kind == "frequencies":
            return frequencies(scope.annotations, scope.lengths), 0
        if kind == "cooccurrence":
            return cooccurrence(scope.annotations), 0

        def column_of(key: str) -> str:
            return self._column_of(key, by)

        columns = sorted({column_of(k) for k in scope.lengths}, key=column_order)
        rows = matrix(scope.annotations, columns, column_of)
        if len(columns) <= MAX_COLUMNS:
            return rows, 0
        # A table of thousands of columns cannot be read on a screen: the busiest ones are
        # shown (the command line's report gives them all).
        totals = {c: sum(int(r[c]) for r in rows) for c in columns}
        kept = set(sorted(columns, key=lambda c: -totals[c])[:MAX_COLUMNS])
        shown = [{k: v for k, v in r.items() if k == "tag" or k in kept} for r in rows]
        return shown, len(columns) - len(kept)

    def show_report(self) -> None:
        """Show the report chosen: at once when it was computed before, else when a worker
        has computed it (the screen stays live meanwhile)."""
        if self.scope is None:
            return
        key = (self.kind, self.by)
        if key in self._computed:
            self._paint(*self._computed[key])
            return
        self.computing = True
        self._compute(self.kind, self.by)

    @work(thread=True, group="reports-compute")
    def _compute(self, kind: str, by: str) -> None:
        rows, hidden = self.compute(kind, by)
        if self._coverage is None and self.scope is not None:
            self._coverage = coverage_by_document(self.scope.annotations, self.scope.lengths)
        self.app.call_from_thread(self._computed_one, kind, by, rows, hidden)

    def _computed_one(self, kind: str, by: str, rows: list[dict[str, Any]], hidden: int) -> None:
        self._computed[(kind, by)] = (rows, hidden)
        if (kind, by) == (self.kind, self.by):
            self.computing = False
            self._paint(rows, hidden)

    def _paint(self, rows: list[dict[str, Any]], hidden: int) -> None:
        assert self.scope is not None
        self.rows, self.hidden_columns = rows, hidden
        self.columns = (
            ["tag", *(r["tag"] for r in self.rows)]
            if self.kind == "cooccurrence"
            else (list(dict.fromkeys(k for row in self.rows for k in row)) or ["tag"])
        )
        table = self.table
        table.clear(columns=True)
        widths = {c: self._width(c) for c in self.columns}
        for column in self.columns:  # widths given: a repaint never measures half a table
            table.add_column(Text(self._label(column)), key=column, width=widths[column])
        largest = self._largest()
        for row in self.rows:
            cells = (self._cell(row, c, largest, widths[c]) for c in self.columns)
            table.add_row(*cells, key=row["tag"])
        by = f" · columns by {self.by} (b)" if self.kind == "matrix" else ""
        if self.hidden_columns:
            by += f", the {MAX_COLUMNS} with most passages (tui-reader report matrix: all)"
        orphans = f" · {self.scope.orphans} orphaned left out" if self.scope.orphans else ""
        heading = Text()
        heading.append(KINDS[self.kind], style="bold")
        heading.append(
            f"{by} · {counted(len(self.scope.annotations), 'passage')} in "
            f"{counted(len(self.scope.lengths), 'document')}{orphans} · f m c: reports · "
            "enter: the passages of a cell",
            style="dim",
        )
        self._say_text(heading)
        self._draw_charts()

    def _say_text(self, text: Text) -> None:
        self.query_one("#reports-heading", Static).update(text)

    def _largest(self) -> dict[str, float]:
        """The largest value per shaded column (frequencies), or of the whole table."""
        if self.kind == "frequencies":
            return {c: max([float(r[c]) for r in self.rows] or [0.0]) for c in SHADED}
        every = [float(v) for r in self.rows for k, v in r.items() if k != "tag"]
        top = max(every or [0.0])
        return {c: top for c in self.columns[1:]}

    def _width(self, column: str) -> int:
        """The cells a column needs: its heading or its widest value."""
        label = self._label(column)
        return max([len(label), *(len(cell_text(column, r.get(column, "-"))) for r in self.rows)])

    def _label(self, column: str) -> str:
        if self.kind == "matrix" and self.by == "document":
            return column.rsplit("/", 1)[-1]  # the file name: keys are long
        return column

    def _cell(
        self, row: dict[str, Any], column: str, largest: dict[str, float], width: int
    ) -> Text:
        if column not in row:
            return Text("-".rjust(width, NBSP), style="dim")
        value = row[column]
        if column == "tag":
            return Text(str(value))
        # padded to the column's width so that the shading fills the cell
        shown = Text(cell_text(column, value).rjust(width, NBSP))
        top = largest.get(column, 0.0)
        if top > 0 and float(value) > 0:
            shown.stylize(self._shade(float(value) / top))
        return shown

    def _shade(self, fraction: float) -> Style:
        """A background between the theme's background and its accent, by ``fraction``, with
        text that contrasts with it."""
        variables = self.app.theme_variables
        base = Color.parse(variables.get("background", "#000000"))
        accent = Color.parse(variables.get("accent", variables.get("primary", "#0178d4")))
        background = base.blend(accent, 0.12 + 0.6 * fraction)
        return Style(
            bgcolor=background.rich_color, color=background.get_contrast_text(1.0).rich_color
        )

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
        bars = [(key, share, f"{share * 100:.1f}%") for key, share in titles[:MAX_BARS]]
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
        self.by = (
            choices[(choices.index(self.by) + 1) % len(choices)]
            if self.by in choices
            else "document"
        )
        self.kind = "matrix"
        self.show_report()

    def action_close(self) -> None:
        self.dismiss(None)

    def cell_passages(self, row: int, column: int) -> tuple[str, list[Annotation]]:
        """What the cell at ``(row, column)`` counts: a description and its passages."""
        if self.scope is None or not 0 <= row < len(self.rows):
            return "", []
        tag = str(self.rows[row]["tag"])
        name = self.columns[column] if 0 <= column < len(self.columns) else "tag"
        annotations = self.scope.annotations
        if self.kind == "cooccurrence" and name not in ("tag", tag):
            return f'"{tag}" AND "{name}"', meeting_passages(annotations, tag, name)
        coded = [a for a in annotations if tag in a.tags]
        if self.kind == "matrix" and name != "tag":
            where = f'doc:"{name}"' if self.by == "document" else f'{self.by}="{name}"'
            return f'"{tag}" AND {where}', [a for a in coded if self._column_of(a.document) == name]
        return f'"{tag}"', coded

    @on(DataTable.CellSelected, "#reports-table")
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        self.drill(event.coordinate.row, event.coordinate.column)

    def action_drill(self) -> None:
        cursor = self.table.cursor_coordinate
        self.drill(cursor.row, cursor.column)

    def drill(self, row: int, column: int) -> None:
        """List the passages of the cell at ``(row, column)`` in the query view."""
        description, passages = self.cell_passages(row, column)
        if not passages:
            self.notify("No passages in this cell.", markup=False)
            return
        self.app.push_screen(
            QueryScreen(self.workspace, description, passages=passages), self._drilled
        )

    def _drilled(self, passage: Passage | None) -> None:
        if passage is not None:
            self.dismiss(passage)

    def on_resize(self) -> None:
        self._draw_charts()
