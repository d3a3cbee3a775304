"""A document's details (``i`` from the reader or the library): the file, what it says of itself
(title, author, date, source, pages, ...), its text, how it was converted, how much of it is
coded, and its attributes, which are edited here (``country=Mexico age=34``, ``wave=`` removes).

Every value is user data (file names, metadata a file carries, attribute values): shown through
``core.display.shown`` as plain :class:`Text`, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from tui_reader.core.analysis.attributes import attribute_types, format_attributes, parse_edit
from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.analysis.reports import coverage_of
from tui_reader.core.analysis.values import show_value
from tui_reader.core.display import shown
from tui_reader.core.documents.details import DetailSection, document_details
from tui_reader.core.errors import DocumentError
from tui_reader.ui import keymap
from tui_reader.ui.save_wait import Saving
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.library_entry import coded_share
from tui_reader.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from tui_reader.core.documents.document import Document
    from tui_reader.core.workspace import Workspace
    from tui_reader.ui.screens.main import MainScreen

EDIT_HINT = "country=Mexico age=34 · an empty value removes: wave="
STATUS_HINT = "Type attributes and press enter; yours win over the file's (queries and the \
library's filter use both)."


class DocumentDetails(Dialog[None]):
    """The details of the document ``key``; ``document`` when it is loaded already (else it is
    loaded in a worker)."""

    DEFAULT_CSS = """
    DocumentDetails > .dialog-box {
        width: 96;
    }
    DocumentDetails #details-body {
        height: auto;
        max-height: 75vh;
    }
    DocumentDetails #details-status {
        color: $text-muted;
    }
    DocumentDetails #details-status.-error {
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("details")

    def __init__(
        self, workspace: Workspace, key: str, rel: str, document: Document | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.key = key
        self.rel = rel
        self.document = document
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="details-box", classes="dialog-box") as box:
            box.border_title = Text(f"Details: {shown(self.rel)}")  # a file name: never markup
            box.border_subtitle = "enter sets the attributes typed · esc closes"
            with VerticalScroll(id="details-body"):
                yield Static(Text("reading the document…", style="dim"), id="details-text")
            yield TextField(placeholder=EDIT_HINT, id="details-edit")
            yield Static(Text(STATUS_HINT), id="details-status")

    def on_mount(self) -> None:
        self.query_one("#details-edit", Input).focus()
        if self.document is None:
            self._load()
        else:
            self.show()

    @work(thread=True, group="details", exclusive=True)
    def _load(self) -> None:
        try:
            document = self.workspace.document(self.key)
        except DocumentError as exc:
            self.app.call_from_thread(self._failed, exc.reason)
        else:
            self.app.call_from_thread(self._loaded, document)

    def _loaded(self, document: Document) -> None:
        self.document = document
        self.show()

    def _failed(self, reason: str) -> None:
        self.problem = reason
        self.show()

    # -- what is shown ---------------------------------------------------------------------

    def show(self) -> None:
        self.query_one("#details-text", Static).update(self.describe())

    def describe(self) -> RenderableType:
        parts: list[RenderableType] = []
        if self.document is not None:
            parts.extend(_section(s) for s in document_details(self.document, self.rel))
        else:
            problem = self.problem or "not read"
            parts.append(
                _section(DetailSection("File", (("path", self.rel), ("problem", problem))))
            )
        parts.append(self._coding())
        parts.append(self._attributes())
        return Group(*parts)

    def _coding(self) -> RenderableType:
        store = self.workspace.store
        annotations = self.workspace.coder_view.filter(store.annotations(self.key))
        rows = [("annotations", f"{len(annotations):,}")]
        if self.document is not None:
            share = coverage_of(annotations, self.key, len(self.document.text))
            rows.append(("coded", f"{coded_share(share)} of the text"))
        memo = store.memo(MemoKind.DOCUMENT, self.key)
        rows.append(("memo", "yes (M in the reader opens it)" if memo else "none"))
        return _section(DetailSection("Coding", tuple(rows)))

    def _attributes(self) -> RenderableType:
        own = self.workspace.store.attributes().get(self.key, {})
        given = format_attributes(self.document) if self.document is not None else {}
        table = _grid()
        for name, value in sorted(own.items()):
            table.add_row(Text(shown(name)), Text(shown(show_value(value))), Text(""))
        for name, value in given.items():
            if name not in own:
                from_file = Text("from the file", style="dim")
                table.add_row(Text(shown(name), style="dim"), Text(shown(show_value(value))),
                              from_file)  # fmt: skip
        heading = Text("Attributes", style="bold")
        if not own:
            heading.append("  none of yours yet: type them below", style="dim")
        return Group(heading, table)

    # -- editing ---------------------------------------------------------------------------

    @on(Input.Submitted, "#details-edit")
    def _edit(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        store, field, key = self.workspace.store, event.input, self.key

        def ask() -> Saving[list[str]]:
            values, removed = parse_edit(field.value, attribute_types(store.attributes()))

            def write() -> list[str]:
                if values:
                    store.set_attributes([(key, values)])
                return store.unset_attributes(key, removed) if removed else []

            def written(gone: list[str]) -> None:
                done = [f"{n}={show_value(v)}" for n, v in values.items()]
                said = [f"set {', '.join(done)}"] if done else []
                if gone:
                    said.append(f"removed {', '.join(gone)}")
                if missing := [n for n in removed if n not in gone]:
                    said.append(f"had no {', '.join(missing)}")
                message = "; ".join(said)
                self.show_saving(message[:1].upper() + message[1:] + ".", error=False)
                field.value = ""
                self.show()

            return Saving(write, written)

        self.save_typed(ask, lambda _: None)  # the details stay open

    def show_saving(self, message: str, *, error: bool) -> None:
        """The details' status line (a save's errors and waits, what was set)."""
        status = self.query_one("#details-status", Static)
        status.set_class(error, "-error")
        status.update(Text(shown(message)))

    def action_close(self) -> None:
        if not self.closing_refused():
            self.dismiss(None)


def _grid() -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(min_width=12, style="")
    table.add_column(ratio=1, overflow="fold")
    table.add_column()
    return table


def _section(section: DetailSection) -> RenderableType:
    table = _grid()
    for label, value in section.rows:
        table.add_row(Text(shown(label), style="dim"), Text(shown(value)), Text(""))
    return Group(Text(section.title, style="bold"), table, Text(""))


def show_details(main: MainScreen) -> None:
    """The details of the library's selected document when the library has the focus, else
    of the open one."""
    library = main.library
    focused = main.focused
    key = main.pane.key
    if focused is not None and library in focused.ancestors_with_self:
        key = library.table.cursor_key or key
    if key is None:
        main.notify("No document to describe.", markup=False)
        return
    entry = library.entry(key)
    rel = entry.rel if entry is not None else key
    document = main.pane.document if key == main.pane.key and not main.pane.previewing else None
    main.app.push_screen(DocumentDetails(main.workspace, key, rel, document))
