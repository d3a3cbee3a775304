"""A document's details (``i`` from the reader or the library): the file, what it says of itself
(title, author, date, source, pages, ...), its text, how it was converted, how much of it is
coded, its memo, and its attributes, which are edited here: typed in the field
(``country=Mexico age=34``, ``wave=`` removes), or from the list (``tab``): ``e`` edits the
selected one's value, ``x`` deletes it, ``a`` adds one, ``M`` writes the memo.

Every value is user data (file names, metadata a file carries, attribute values): shown through
``core.display.shown`` as plain :class:`Text`, never markup.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from tui_reader.core.analysis.attributes import (
    attribute_types,
    dates_kept_as_text,
    edit_words,
    format_attributes,
    hiding_format_values,
    parse_edit,
    replacing,
    year_columns,
    years_as_periods,
    years_now_dates,
)
from tui_reader.core.analysis.coverage import coverage_of
from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.analysis.values import Value, show_value
from tui_reader.core.display import shown, shown_block, shown_text, without_bidi
from tui_reader.core.documents.details import DetailSection, document_details
from tui_reader.core.errors import DocumentError
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.save_wait import Saving
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.attribute_rows import AttributeRow, AttributeRows
from tui_reader.ui.widgets.breaking_text import BreakingText
from tui_reader.ui.widgets.library_entry import coded_share
from tui_reader.ui.widgets.text_field import HandingOverField
from tui_reader.ui.worker_results import deliver

if TYPE_CHECKING:
    from tui_reader.core.documents.document import Document
    from tui_reader.core.workspace import Workspace
    from tui_reader.ui.screens.main import MainScreen

EDIT_HINT = "country=Mexico age=34 · an empty value removes: wave="
EDIT_HINTS = (  # the same in fewer words, for a narrower box
    EDIT_HINT,
    "country=Mexico age=34 · wave= removes",
    "country=Mexico age=34",
    "name=value",
)
STATUS_HINT = "Yours win over the file's; queries and the library's filter use both."
MEMO_LINES = 20  # the memo's lines shown here (M shows it all)
LIST_HINTS = (("details.edit", "edit"), ("details.delete", "delete"), ("details.add", "add"),
              ("details.memo", "memo"))  # fmt: skip


def joined_value(text: str, name: str) -> str:
    """``text`` typed to edit the attribute ``name`` (``e`` in the list, which offers
    ``name=VALUE``), the words right after its first one, none holding "=", taken as part of
    its value (``site=Tapachula Centro``: one value, as the quotes it would need make it);
    any other ``text`` as typed."""
    words = edit_words(text)
    if not words or words[0].partition("=")[0].strip().casefold() != name.casefold():
        return text
    typed, _, first = words[0].partition("=")
    value, rest = [first], words[1:]
    while rest and "=" not in rest[0]:
        value.append(rest.pop(0))
    if len(value) == 1:
        return text
    return shlex.join([f"{typed}={' '.join(value)}", *rest])


class DocumentDetails(Dialog[None]):
    """The details of the document ``key``; ``document`` when it is loaded already (else it is
    loaded in a worker); ``problem``: what is wrong with its file (the open document's text
    kept on show, its file gone)."""

    DEFAULT_CSS = """
    DocumentDetails > .dialog-box {
        width: 96;
    }
    DocumentDetails #details-body {
        height: auto;
        max-height: 100%;  /* what the field and the status line, docked below, leave */
    }
    DocumentDetails #details-foot {
        dock: bottom;
        height: auto;
        max-height: 100%;  /* taller than the box (20x6): what is said cut, not the field */
    }
    DocumentDetails #details-status {
        color: $text-muted;
    }
    /* A short terminal (40x12): the standing hint's two lines go to the details (five lines
       were left them); what a save says still shows. */
    DocumentDetails.-short #details-status.-hint {
        display: none;
    }
    DocumentDetails #details-status.-error {
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("details")
    # The field has the focus from the start: given first to the list (the first that takes
    # it), a short terminal scrolled the body to the list, the file's sections out of view.
    AUTO_FOCUS = "#details-edit"

    def __init__(
        self,
        workspace: Workspace,
        key: str,
        rel: str,
        document: Document | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.key = key
        self.rel = rel
        self.document = document
        self.problem = problem
        self._from_list = False  # the field was filled from the list: back to it when done
        self._editing: str | None = None  # the attribute whose value the field was given
        self._offered = ""  # what the field was given to edit (typed(): what differs from it)
        # Held, not looked up: a box closed while it opened (keys typed fast) has let go of
        # its inner widgets by the time its mount is handled, and a look-up failed there.
        self.box = Vertical(id="details-box", classes="dialog-box")
        self.body = VerticalScroll(id="details-body", can_focus=False)
        self.text = Static(Text("reading the document…", style="dim"), id="details-text")
        self.heading = Static(Text("Attributes"), id="details-attributes-heading")
        self.status = Static(Text(STATUS_HINT), id="details-status", classes="-hint")
        self.attribute_rows = AttributeRows(self._asked, id="details-attributes")
        # The keys typed behind enter wait for the save, which reads the field: typed in it
        # first, "age=34", enter, "wave=2" set age to the text "34wave=2".
        self.field = HandingOverField(placeholders=EDIT_HINTS, id="details-edit")

    def compose(self) -> ComposeResult:
        with self.box:
            self.box.border_title = Text(f"Details: {shown(self.rel)}")  # a name: never markup
            with self.body:
                yield self.text
                yield self.heading
                yield self.attribute_rows
            with Vertical(id="details-foot"):
                yield self.field
                yield self.status

    def on_mount(self) -> None:
        focus_now(self.field)
        self._hint()
        if self.document is None:
            self._load()
        else:
            self.show()

    @work(thread=True, group="details", exclusive=True, description="document details")
    def _load(self) -> None:
        try:
            document = self.workspace.document(self.key)
        except DocumentError as exc:
            deliver(self, self._failed, exc.reason)
        else:
            deliver(self, self._loaded, document)

    def _loaded(self, document: Document) -> None:
        self.document = document
        self.show()

    def _failed(self, reason: str) -> None:
        self.problem = reason
        self.show()

    # -- what is shown ---------------------------------------------------------------------

    def show(self, select: str | None = None) -> None:
        """Show the details; the attribute list's cursor on ``select`` (one just set)."""
        rows = self.attributes()
        # the file's attributes, listed below, are not said again above
        self.text.update(self.describe({row.name for row in rows if not row.own}))
        heading = Text.assemble(("Attributes", "bold"))
        if not any(row.own for row in rows):
            # a, the list's key, typed in the field is a letter: said with the way to the list
            heading.append("  none of yours yet: type them below (or tab, then a)", style="dim")
        self.heading.update(heading)
        self.attribute_rows.show(rows, select)
        self.call_after_refresh(self._own_in_view)

    def _own_in_view(self) -> None:
        """Scroll the details by the few lines they run past the box, when so few, to show
        the user's own attributes (first in the list): at 120x40 a PDF's ran two lines long,
        and of "country" and "type" set only "country" was seen.  Far longer (a short
        terminal) they stay at their top, the file's sections first (the list a tab away)."""
        own = sum(row.own for row in self.attribute_rows.rows)
        seen = self.body.scrollable_content_region.height
        if not own or not seen or self.attribute_rows.has_focus:
            return
        bottom = self.attribute_rows.virtual_region.y + own  # a line each (a long one wraps)
        short = bottom - (round(self.body.scroll_y) + seen)
        if 0 < short <= max(2, seen // 4):
            self.body.scroll_to(y=bottom - seen, animate=False, immediate=True)

    def describe(self, elsewhere: Collection[str] = ()) -> RenderableType:
        """The file, its text, its coding and its memo; ``elsewhere``: the facts the
        attribute list says (see :func:`document_details`)."""
        parts: list[RenderableType] = []
        if self.document is not None:
            sections = document_details(self.document, self.rel, elsewhere=elsewhere)
            if self.problem is not None:  # the file said first, its text kept described
                file = sections[0]
                sections[0] = DetailSection(file.title, (*file.rows, ("problem", self.problem)))
            parts.extend(_section(s) for s in sections)
        else:
            problem = self.problem or "not read"
            parts.append(
                _section(DetailSection("File", (("path", self.rel), ("problem", problem))))
            )
        parts.append(self._coding())
        parts.append(self._memo())
        return Group(*parts)

    def _coding(self) -> RenderableType:
        store = self.workspace.store
        annotations = self.workspace.coder_view.filter(store.annotations(self.key))
        rows = [("annotations", f"{len(annotations):,}")]
        if self.document is not None:
            share = coverage_of(annotations, self.key, len(self.document.text))
            rows.append(("coded", f"{coded_share(share)} of the text"))
        return _section(DetailSection("Coding", tuple(rows)))

    def _memo(self) -> RenderableType:
        """The document's memo as notes are shown: its Markdown as written, wrapped."""
        memo = self.workspace.store.memo(MemoKind.DOCUMENT, self.key)
        heading = Text.assemble(("Memo", "bold"))
        if memo is None or not memo.text.strip():
            heading.append("  none yet: M (from the attributes) writes one", style="dim")
            return Group(heading, Text(""))
        lines = shown_block(memo.text.strip()).splitlines()
        text = Text("\n".join(lines[:MEMO_LINES]))
        if len(lines) > MEMO_LINES:
            more = len(lines) - MEMO_LINES
            text.append(f"\n… {more} more lines (M shows the whole memo)", style="dim")
        return Group(heading, text, Text(""))

    def attributes(self) -> list[AttributeRow]:
        """The user's attributes (by name), then the file's that they do not replace."""
        own = self.workspace.store.attributes().get(self.key, {})
        given = format_attributes(self.document) if self.document is not None else {}
        rows = [AttributeRow(name, value, own=True) for name, value in sorted(own.items())]
        rows += [AttributeRow(n, v, own=False) for n, v in given.items() if n not in own]
        return rows

    # -- editing ---------------------------------------------------------------------------

    # -- the list's keys -------------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        self._hint()

    def keys_changed(self) -> None:
        self._hint()

    def _hint(self) -> None:
        """The box's last line: the keys of what has the focus (the registry's keys), in
        fewer words where the box is too narrow for them all (never cut in a word)."""
        if self.attribute_rows.has_focus:
            keys = keymap.by_id()
            said = [f"{keymap.key_label(keys[i].keys[0])} {word}" for i, word in LIST_HINTS]
            forms = [
                [*said, "tab: the field", "esc closes"],
                [*said, "tab", "esc"],
                [*said[:3], "esc"],  # a box 40 columns wide: the memo and tab unsaid
                [*said[:2], "esc"],
                [said[0], "esc"],  # a box 20 columns wide
            ]
        else:
            forms = [
                ["enter sets the attributes typed", "tab: the list", "esc closes"],
                ["enter sets", "tab: the list", "esc"],
                ["enter sets", "esc"],  # a box 30 columns wide: the list's tab unsaid
                ["enter", "esc"],
            ]
        self.fit_keys(self.box, *(" · ".join(form) for form in forms))

    def _asked(self, asked: AttributeRows.Request) -> None:
        """What the list's keys ask, done now: the focus given to the field before the keys
        typed behind ``e`` or ``a`` reach the list (they follow it to the field)."""
        if isinstance(asked, AttributeRows.Edit):
            self._edit_from_list(asked)
        elif isinstance(asked, AttributeRows.Delete):
            self._delete_from_list(asked)
        else:
            self._write_memo()

    def _edit_from_list(self, message: AttributeRows.Edit) -> None:
        row = message.row
        field = self.field
        self._editing = None if row is None else row.name
        if row is None:
            field.value = self._offered = ""
            self.show_saving(
                "Type name=value and press enter (esc: back to the list).", error=False
            )
        else:
            field.value = self._offered = f"{row.name}={shlex.quote(show_value(row.value))}"
            said = f"Change the value of {row.name} and press enter (empty removes it)."
            self.show_saving(said, error=False)
        self._from_list = True
        focus_now(field)
        field.cursor_position = len(field.value)

    def _delete_from_list(self, message: AttributeRows.Delete) -> None:
        row = message.row
        if not row.own:
            said = f"{row.name} comes from the file: e sets your own value in its place."
            self.show_saving(said, error=True)
            return
        question = Text(f"Delete the attribute {shown(row.name)} ")
        question.append(f"({shown(show_value(row.value))})", style="dim")
        question.append(" of this document?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_typed(lambda: self._saving({}, [row.name]), lambda _: None)
            focus_now(self.attribute_rows)

        self.app.push_screen(ConfirmScreen(question, "Delete attribute"), answered)

    def _write_memo(self) -> None:
        from tui_reader.ui.screens.memo_dialog import MemoDialog  # the memo imports the store

        # a title as the text shows it (a name, the file's, as every name)
        title = without_bidi(self.document.title) if self.document is not None else self.rel
        workspace, key = self.workspace, self.key
        memo = MemoDialog.of(
            workspace.store,
            MemoKind.DOCUMENT,
            key,
            f"Memo: {title}",
            lambda: workspace.remember_texts([key]),  # moved with no passage, found by its text
        )
        self.app.push_screen(memo, lambda _saved: self.show())

    @on(Input.Submitted, "#details-edit")
    def _edit(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        emptied = self._editing if self._from_list else None
        if not event.value.strip() and emptied is None:
            self.show_saving(f"Nothing typed: {EDIT_HINT}.", error=False)
            return

        def ask() -> Saving[list[str]]:
            if emptied is not None and not field.value.strip():  # its value cleared: removed
                return self._saving({}, [emptied])
            typed = field.value if emptied is None else joined_value(field.value, emptied)
            own = replacing(self.workspace.store.attributes(), self.key, edit_words(typed))
            return self._saving(*parse_edit(typed, attribute_types(own), year_columns(own)))

        def saved(_gone: list[str]) -> None:
            field.value = ""
            if self._from_list:
                self._from_list = False
                self._editing = None
                self._offered = ""
                focus_now(self.attribute_rows)  # the keys held go to the list
            else:
                self.field.stay()  # typed in the field emptied: the next attribute

        self.save_typed(ask, saved)  # the details stay open

    def _saving(self, values: dict[str, Value], removed: list[str]) -> Saving[list[str]]:
        """The save that sets ``values`` and removes ``removed``, and says what it did."""
        store, key = self.workspace.store, self.key
        periods: list[tuple[str, dict[str, Value]]] = []  # years made those of dates

        def write() -> list[str]:
            if values:  # a date where years were: those are the years of dates (attr set)
                periods[:] = years_as_periods(store.attributes(), values)
                store.set_attributes([*periods, (key, values)])
                self.workspace.remember_texts([key])  # moved with no passage, found by its text
            return store.unset_attributes(key, removed) if removed else []

        def written(gone: list[str]) -> None:
            done = [f"{n}={show_value(v)}" for n, v in values.items()]
            said = [f"set {', '.join(done)}"] if done else []
            if gone:
                said.append(f"removed {', '.join(gone)}")
            missing = [n for n in removed if n not in gone]
            given = format_attributes(self.document) if self.document is not None else {}
            if kept := [n for n in missing if n in given]:
                said.append(f"kept {', '.join(kept)}: the file gives it (only yours are removed)")
            if missing := [n for n in missing if n not in given]:
                said.append(f"had no {', '.join(missing)}")
            said.extend(hiding_format_values(values))
            said.extend(dates_kept_as_text(values))
            said.extend(years_now_dates(periods))
            message = "; ".join(said)
            self.show_saving(message[:1].upper() + message[1:] + ".", error=False)
            self.show(select=next(iter(values), None))

        return Saving(write, written)

    def show_saving(self, message: str, *, error: bool) -> None:
        """The details' status line (a save's errors and waits, what was set)."""
        status = self.status
        status.set_class(error, "-error")
        status.set_class(message == STATUS_HINT, "-hint")
        status.update(Text(shown(message)))

    def action_close(self) -> None:
        if self._from_list and self.field.has_focus:  # back to the list, the edit dropped
            self._from_list = False
            self._editing = None
            self.field.value = self._offered = ""
            self.show_saving(STATUS_HINT, error=False)
            focus_now(self.attribute_rows)
            return
        self.close_asking("Discard the attributes typed here?", lambda: self.dismiss(None))

    def typed(self) -> bool:
        """Attributes typed in the field and not set: esc and quitting ask before dropping
        them."""
        value = self.field.value.strip()
        return value != self._offered.strip() and bool(value or self._from_list)


def _grid() -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(min_width=12, style="")
    table.add_column(ratio=1, overflow="fold")
    table.add_column()
    return table


def _section(section: DetailSection) -> RenderableType:
    table = _grid()
    show = shown_text if section.words else shown
    for label, value in section.rows:
        value_text = BreakingText(Text(show(value)))  # a long file name goes on at a dash
        table.add_row(Text(shown(label), style="dim"), value_text, Text(""))
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
    problem = None
    if document is not None and not main.workspace.path(key).is_file():
        problem = "the file is gone (moved or deleted?); below, its text kept on show"
    main.app.push_screen(DocumentDetails(main.workspace, key, rel, document, problem))
