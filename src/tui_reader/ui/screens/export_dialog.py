"""The export dialog (``E``): a format, which annotations, and where; then the export runs in
a worker, its progress shown, ``esc`` stopping it before anything is written.

The formats are the ``export`` command's, named and described as its help names them; the
checks, the work and what is said of it are the command's
(:mod:`tui_reader.core.interchange.export_file`).  ``enter`` on the defaults writes every
annotation as Markdown beside the database, as ``E`` always did; opened again, the dialog
offers what was exported last on the project (its format, scope, code and file), kept for
the next start too (:mod:`tui_reader.ui.export_kept`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.codebook.names import name_up_to_its_bound
from tui_reader.core.collector import collector_paused
from tui_reader.core.display import shown, shown_name
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import FORMATS
from tui_reader.core.interchange.export_file import (
    VAULT,
    ExportCancelled,
    Exported,
    ExportStopped,
    Stop,
    export_to,
    refuse_the_database,
    refuse_what_cannot_be_written,
)
from tui_reader.core.interchange.stopping import PREPARING, READ, UNCOUNTED
from tui_reader.core.wording import capped
from tui_reader.core.workspace import Workspace
from tui_reader.locations import BY_TAG_SUFFIX, default_export_path, export_choice_path
from tui_reader.ui import keymap
from tui_reader.ui.export_kept import Chosen, keep_export, kept_export
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.notices import SAID_AT_MOST, notify_info, notify_warning, take_back_titled
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.steady_option_list import ListKeys
from tui_reader.ui.widgets.text_field import TextField

BY_TAG = "markdown-by-tag"  # Markdown a section per code: export --by tag
# The formats offered, in order: Markdown by tag after Markdown
CHOICES = ["markdown", BY_TAG, *(name for name in FORMATS if name != "markdown"), VAULT]
LABELS = {BY_TAG: "markdown by tag"}
EXPORTED_AS = "Exported as"  # the title of the notice saying an export written
# Each format's one-line hint: the command's help's words (the vault's, shorter, as its own)
HINTS = {name: f.description for name, f in FORMATS.items()} | {
    BY_TAG: "Markdown, a section per code and its passages (export --by tag)",
    VAULT: "an Obsidian vault: a note per document, per code and per journal entry",
}
TITLES = {"markdown": "Markdown", BY_TAG: "Markdown by tag", VAULT: "an Obsidian vault"}
VAULT_SUFFIX = "-vault"  # annotations-export-vault, the vault's folder beside the database
BOX_WIDTH = 76  # the box's columns at least (a terminal of 80: as wide as it takes)
BOX_MORE = 7  # the box's columns besides a format's line: border, padding, scroll bars
PROGRESS_EVERY = 0.1  # seconds between two steps of the bar (10,000 documents: not 10,000)


@dataclass(frozen=True)
class Scope:
    """Which annotations are exported: every one, a document's, a code's (and its subcodes')."""

    label: str
    tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    kind: Literal["every", "code", "document"] = "every"


# The last export asked for of each workspace, while the app runs: kept on disk too, read at
# the first E of a run (a failure to keep it leaves this one)
_LAST: WeakKeyDictionary[Workspace, Chosen] = WeakKeyDictionary()
_SAID_NOT_KEPT: set[Path] = set()  # the files a failure to write was said of, once a run


def format_of(choice: str) -> tuple[str, Literal["document", "tag"]]:
    """The export format of a choice of the list, and how Markdown groups its passages."""
    return ("markdown", "tag") if choice == BY_TAG else (choice, "document")


# The formats whose extension a format listed before them has: a name of their own, so that
# one export does not replace another's file (project after json asked to replace the json)
OWN_NAMES = {"project": "-project.json", "csv-raw": "-raw.csv", "codebook-csv": "-codebook.csv"}


def default_output(db: Path, choice: str) -> Path:
    """Where a format is written by default: beside the database (its links resolve there),
    each format in a file of its own."""
    if choice == VAULT:
        return default_export_path(db, VAULT_SUFFIX)
    if choice == BY_TAG:
        return default_export_path(db, BY_TAG_SUFFIX)
    return default_export_path(db, OWN_NAMES.get(choice, FORMATS[choice].extension))


def ending(choice: str) -> str:
    """How the name of a choice's file (or the vault's folder) ends by default."""
    if choice == VAULT:
        return VAULT_SUFFIX
    if choice == BY_TAG:
        return BY_TAG_SUFFIX
    return FORMATS[choice].extension


def path_for(path: str, was: str, chosen: str) -> str:
    """The file named ``path``, offered for the choice ``was``, for the choice ``chosen``:
    its ending (its extension, Markdown by code's ``-by-tag.md``, the vault's ``-vault``)
    that of ``chosen`` when it ends as ``was`` names its files; else as it is (a name of
    one's own: ``codes.txt``, ``~/MyVault``)."""
    old, new = ending(was), ending(chosen)
    stem = path[: -len(old)]
    if not path.endswith(old) or not stem or stem.endswith(("/", "\\")):
        return path
    return stem + new


class ExportDialog(ListKeys, Dialog[None]):
    """Chooses and runs an export of ``workspace``; ``document`` and ``tag`` (the open
    document, the code under the codebook's cursor) are offered as scopes when given."""

    DEFAULT_CSS = """
    ExportDialog OptionList, ExportDialog OptionList:focus {
        height: auto;
        max-height: 9;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        padding: 0;
    }
    ExportDialog #export-scope {
        max-height: 3;
    }
    /* 60x20, 80x24: the box at its full height (24 lines) was taller than the screen, and
       scrolled to the file's field it hid the formats and the words saying what they are */
    ExportDialog.-low #export-formats {
        max-height: 6;
    }
    ExportDialog.-low .dialog-box Input {
        height: 1;
        border: none;
        padding: 0 1;
    }
    ExportDialog.-short #export-formats {
        max-height: 3;
    }
    ExportDialog.-short #export-scope {
        max-height: 2;
    }
    ExportDialog #export-progress {
        display: none;
    }
    ExportDialog #export-progress.-shown {
        display: block;
    }
    """

    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-low"), (26, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("export")
    KEYS = ("enter export · tab next field · esc cancel", "enter export · esc cancel", "⏎ · esc")

    class Progressed(Message):
        """A worker's step: ``done`` of ``total`` documents read."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Writing(Message):
        """The worker has read the annotations and makes the file (no steps to show)."""

    class Told(Message):
        """A step of the file made: ``done`` of ``total`` ``what`` (qdpx: "files packed";
        the vault: "notes written")."""

        def __init__(self, done: int, total: int, what: str) -> None:
            super().__init__()
            self.done, self.total, self.what = done, total, what

    class Ended(Message):
        """The export ended: written, refused or stopped (``error``: the one line said;
        ``stopped``: what a vault stopped half-way holds)."""

        def __init__(
            self, exported: Exported | None, error: str | None, stopped: str | None = None
        ) -> None:
            super().__init__()
            self.exported, self.error, self.stopped = exported, error, stopped

    def __init__(
        self, workspace: Workspace, *, document: str | None = None, tag: str | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.view: CoderView = workspace.coder_view  # whose coding is on show when E was pressed
        self.scopes = [Scope("every annotation")]  # first: enter at once does what E did
        if tag is not None:
            code = shown(name_up_to_its_bound(tag))
            self.scopes.append(Scope(f"code {code} (and its subcodes)", (tag,), kind="code"))
        if document is not None:
            label = f"the open document, {shown_name(document)}"  # as every list names it
            self.scopes.append(Scope(label, documents=(document,), kind="document"))
        self.stop: Stop | None = None  # an export under way: esc stops it
        self.exporting = ""  # the line said while it runs
        self._step_said = False  # a step without a count on the line (not the export's)
        # What was exported last (E pressed again to write it again, or another format)
        db = workspace.db
        self.last = (
            _LAST.get(workspace)
            or kept_export(export_choice_path(db), CHOICES)
            or Chosen("markdown", "every", "", "")
        )
        self.format_name = self.last.choice  # one of CHOICES
        self.first_path = self.last.path or str(default_output(db, self.format_name))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            # as wide as the widest format and its words, in a terminal that has the room (at
            # 120 columns they were cut with "…" while 40 columns beside the box stood empty)
            widest = max(self._prompt(name).cell_len for name in CHOICES)
            box.styles.width = max(BOX_WIDTH, widest + BOX_MORE)
            box.border_title = "Export annotations"
            box.border_subtitle = self.KEYS[0]
            yield Label("Format", classes="dialog-label")
            yield OptionList(
                *(Option(self._prompt(name), id=name) for name in CHOICES),
                id="export-formats",
            )
            yield Label("Which annotations", classes="dialog-label")
            yield OptionList(
                *(Option(Text(scope.label), id=str(i)) for i, scope in enumerate(self.scopes)),
                id="export-scope",
            )
            yield Label("Only a code and its subcodes", classes="dialog-label")
            codes = [tag.name for tag in self.workspace.store.tags()]
            yield TextField(
                self.last.code,
                id="export-code",
                placeholder="empty: every code",
                suggester=SuggestFromList(codes, case_sensitive=False),
                select_on_focus=True,  # a code or file typed replaces the last one
            )
            yield Label("File", id="export-path-label", classes="dialog-label")
            yield TextField(self.first_path, id="export-path", select_on_focus=True)
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(classes="dialog-error")

    @property
    def moved_list(self) -> OptionList:
        """The list of formats or of annotations the focus is in (``j``/``k``, ``g``/``G``
        move in it, as in every list); in a field they are letters typed."""
        focused = self.focused
        if isinstance(focused, OptionList):
            return focused
        return self.query_one("#export-formats", OptionList)

    @staticmethod
    def _prompt(name: str) -> Text:
        return Text.assemble((LABELS.get(name, name), "bold"), "  ", (HINTS[name], "dim"))

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        # the last export's notice, at 80x24, covered the box's bottom edge and its keys
        take_back_titled(self.app, EXPORTED_AS)
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = CHOICES.index(self.format_name)
        kinds = [scope.kind for scope in self.scopes]
        scope = kinds.index(self.last.scope) if self.last.scope in kinds else 0
        self.query_one("#export-scope", OptionList).highlighted = scope
        focus_now(formats)

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format_chosen(self, event: OptionList.OptionHighlighted) -> None:
        """The path follows the format: a default one is the new format's; one typed (or
        kept from the last export) ending as the format's files takes the new one's ending
        (mine.csv offered again, qdc chosen: mine.qdc, not a codebook named as a csv)."""
        self._follow_format(event.option.id or "markdown")

    def _follow_format(self, chosen: str) -> None:
        path = self.query_one("#export-path", Input)
        defaults = {str(default_output(self.workspace.db, choice)) for choice in CHOICES}
        if path.value in defaults:  # (a format's, or one kept from before each had its own)
            path.value = str(default_output(self.workspace.db, chosen))
        elif chosen != self.format_name:
            path.value = path_for(path.value, self.format_name, chosen)
        self.format_name = chosen
        label = self.query_one("#export-path-label", Label)
        label.update("Folder" if chosen == VAULT else "File")

    @on(OptionList.OptionSelected)
    @on(Input.Submitted, "#export-path")
    def _entered(self, event: Message) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        """Export as chosen, asking first before a file is replaced."""
        if self.stop is not None:
            return  # one under way
        highlighted = self.query_one("#export-formats", OptionList).highlighted
        if highlighted is not None and CHOICES[highlighted] != self.format_name:
            # the format on show, its highlight's message not handled yet (keys typed fast
            # on a busy machine): the file follows it first, as it would have
            self._follow_format(CHOICES[highlighted])
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.show_error("Name the file to write.")
            return
        output = Path(typed).expanduser()
        if not output.is_absolute():  # as the command reads it from where the app was started
            output = output.absolute()
        if self.format_name != VAULT and output.is_dir():
            # a folder named (~/Desktop): the file goes in it, named as by default; it was
            # refused with the command's words ("name a file in it: -o …")
            output = output / default_output(self.workspace.db, self.format_name).name
            self.query_one("#export-path", Input).value = str(output)
        if self._typed_code() is None:  # said before a file is asked to be replaced
            return
        if self.format_name != VAULT:
            try:  # the database, a device: refused before "Replace?", not after a yes
                extension = FORMATS[format_of(self.format_name)[0]].extension
                refuse_what_cannot_be_written(output, extension)
                refuse_the_database(output, self.workspace.db)
            except TuiReaderError as exc:
                self.show_error(f"Not exported: {exc}")
                return
        if self.format_name != VAULT and output.is_file():
            self._ask_to_replace(output)
            return
        self._start(output, overwrite=False)

    def _ask_to_replace(self, output: Path) -> None:
        from tui_reader.ui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self._start(output, overwrite=True)
            else:
                self.show_error(f"{shown_name(str(output))} kept: name another file, or esc.")

        # The path is user data: a Text, never parsed as markup.
        question = Text.assemble("The export file ", (str(output), "bold"), " exists.\nReplace it?")
        if self._a_document(output):
            # (one with annotations is refused: it is one coded yet, a transcript to read,
            # asked of as an old export was, "The export file … exists")
            question = Text.assemble(
                (str(output), "bold"),
                " is a document of the corpus: the export would take the place of its text."
                "\nReplace it?",
            )
        self.hide_error()  # (an old one, "no such folder", read as said of this file)
        self.app.push_screen(
            ConfirmScreen(question, "Replace file?", yes="replace", no="keep"), answered
        )

    def _a_document(self, output: Path) -> bool:
        """Whether ``output`` is a document the corpus lists (a look at the file alone)."""
        try:
            return self.workspace.may_be_listed(self.workspace.key(output))
        except (TuiReaderError, ValueError, OSError):
            return False

    def _typed_code(self) -> tuple[str, ...] | None:
        """The code typed (spelled as the codebook spells it, as export --tag takes it), ()
        for none; None, said, when it is no code."""
        from tui_reader.core.analysis.matching import spelled_codes

        typed = self.query_one("#export-code", Input).value.strip().strip("/")
        if not typed:
            return ()
        codebook = [tag.name for tag in self.workspace.store.tags()]
        [code], unknown = spelled_codes([typed], codebook)
        if unknown:
            self.show_error(f"{typed}: no such code in the codebook; nothing was written.")
            focus_now(self.query_one("#export-code", Input))
            return None
        return (code,)

    def _start(self, output: Path, *, overwrite: bool) -> None:
        scope_list = self.query_one("#export-scope", OptionList)
        scope = self.scopes[scope_list.highlighted or 0]
        code = self._typed_code()
        if code is None:
            return
        typed = self.query_one("#export-code", Input).value
        path = self.query_one("#export-path", Input).value
        chosen = _LAST[self.workspace] = Chosen(self.format_name, scope.kind, typed, path)
        self._keep(chosen)
        if code:  # with the document chosen, as --tag with --doc
            scope = Scope(scope.label, tags=(*scope.tags, *code), documents=scope.documents)
        (format_name, by), workspace, view = format_of(self.format_name), self.workspace, self.view
        stop = self.stop = Stop()
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-shown")
        for widget in (*self.query(OptionList), *self.query(Input)):
            widget.disabled = True
        named = LABELS.get(self.format_name, format_name)
        self.exporting = f"Exporting as {named}… esc stops it"
        self.show_saving(self.exporting, error=False)
        post = self.post_message  # thread-safe

        def work() -> None:
            total = len(workspace.store.documents())
            done, said = 0, 0.0

            def advance() -> None:
                nonlocal done, said
                done += 1
                now = time.monotonic()
                if now - said >= PROGRESS_EVERY:
                    said = now
                    post(self.Progressed(done, total))

            told_at, telling = 0.0, ""

            def told(made: int, of: int, what: str) -> None:
                nonlocal told_at, telling
                now = time.monotonic()
                # a step begun said at once ("0 of 4 notes written": esc stops it now)
                if now - told_at >= PROGRESS_EVERY or made == of or what != telling:
                    told_at, telling = now, what
                    post(self.Told(made, of, what))

            try:
                # The library's scan steps aside meanwhile, and the collector is paused: the
                # hundreds of thousands of strings and tuples made of 100,000 annotations
                # started a pass over the app's objects each few thousand of them
                with FOREGROUND.running(), collector_paused():
                    exported = export_to(
                        workspace, format_name, output, tags=scope.tags,
                        documents=scope.documents, overwrite=overwrite, view=view,
                        advance=advance, stop=stop, files=False,
                        writing=lambda: post(self.Writing()), told=told, by=by,
                    )  # fmt: skip
            except ExportStopped as exc:  # a vault's notes written so far kept
                post(self.Ended(None, None, str(exc)))
            except ExportCancelled:
                post(self.Ended(None, None))
            except (TuiReaderError, OSError) as exc:
                post(self.Ended(None, str(exc)))
            else:
                post(self.Ended(exported, None))

        self.run_worker(work, name="export", group="export", thread=True, exclusive=True)

    def _keep(self, chosen: Chosen) -> None:
        """``chosen`` kept for the next start; a failure said once a run, the export made."""
        where = export_choice_path(self.workspace.db)
        failed = keep_export(where, chosen)
        if failed is not None and where not in _SAID_NOT_KEPT:
            _SAID_NOT_KEPT.add(where)
            notify_warning(self, failed, timeout=8)

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        self.query_one("#export-progress", ProgressBar).update(
            total=max(message.total, message.done), progress=message.done
        )
        if self._step_said and self.stop is not None and not self.stop.event.is_set():
            self._step_said = False  # the check for a file changed done: the export again
            self.show_saving(self.exporting, error=False)

    def _read(self, done: int, total: int) -> None:
        """How far the annotations' reading has got (~1 s at 100,000, longer beside other
        work): on the bar and its line; read, the bar goes to and fro again until the
        documents are counted."""
        bar = self.query_one("#export-progress", ProgressBar)
        if done >= total:
            bar.update(total=None)
            self.show_saving(self.exporting, error=False)
            return
        bar.update(total=total, progress=done)
        self.show_saving(
            f"Reading the annotations: {done:,} of {total:,}… esc stops it", error=False
        )

    @on(Writing)
    def _writing(self) -> None:
        if self.stop is None or self.stop.event.is_set():
            return  # ended, or stopping: said so already
        self.query_one("#export-progress", ProgressBar).update(total=None)
        path = self.query_one("#export-path", Input).value
        self.show_saving(f"Writing {path}… esc stops it", error=False)

    @on(Told)
    def _told(self, message: Told) -> None:
        """How far the file's making has got: counted on the bar and said."""
        if self.stop is None or self.stop.event.is_set():
            return  # ended, or stopping: said so already
        if message.what == READ:
            self._read(message.done, message.total)
            return
        if message.what in UNCOUNTED:  # no count: the bar to and fro, the line says the step
            self.query_one("#export-progress", ProgressBar).update(total=None)
            step = f"{message.what[:1].upper()}{message.what[1:]}"
            if message.what == PREPARING:  # (said once the file is begun)
                path = self.query_one("#export-path", Input).value
                step = f"{step}; writing {path}"
            self.show_saving(f"{step}… esc stops it", error=False)
            self._step_said = message.what != PREPARING
            return
        self.query_one("#export-progress", ProgressBar).update(
            total=max(message.total, message.done, 1), progress=message.done
        )
        path = self.query_one("#export-path", Input).value
        # the count first: a long path cuts the line at the dialog's edge
        made = f"{message.done:,} of {message.total:,} {message.what}"
        self.show_saving(f"{made[:1].upper()}{made[1:]}; writing {path}… esc stops it", error=False)

    @on(Ended)
    def _ended(self, message: Ended) -> None:
        self.stop = None
        if message.error is not None:  # refused (a read-only folder): said here, to fix
            self.query_one("#export-progress", ProgressBar).remove_class("-shown")
            for widget in (*self.query(OptionList), *self.query(Input)):
                widget.disabled = False
            focus_now(self.query_one("#export-path", Input))
            self.show_error(f"Not exported: {message.error}")
            return
        app = self.app
        self.dismiss(None)
        if message.stopped is not None:
            notify_warning(app, f"{message.stopped[:1].upper()}{message.stopped[1:]}", timeout=8)
            return
        if message.exported is None:
            notify_info(app, "Export cancelled; nothing was written", timeout=4)
            return
        self._say(message.exported)

    def _say(self, exported: Exported) -> None:
        app = self.app
        *said, wrote = exported.lines
        if self.view.only is not None:
            wrote += f" ({self.view.only}'s alone, the coding on show)"
        message = "\n".join([wrote, *said])
        warnings = [*exported.gone, *exported.problems]
        for problem in capped(warnings, SAID_AT_MOST):  # not a toast for each of 500
            notify_warning(app, problem, timeout=8)
        title = TITLES.get(self.format_name, self.format_name)
        notify_info(app, message, title=f"{EXPORTED_AS} {title}", timeout=8)

    def action_cancel(self) -> None:
        """esc: close, or stop the export under way (nothing is written then; a vault's
        notes written so far are kept, and said)."""
        if self.stop is not None:
            self.stop.event.set()
            self.show_saving("Stopping the export…", error=False)
            return
        self.dismiss(None)
