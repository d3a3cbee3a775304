"""The merge dialog (palette: "Merge a colleague's coding…"): the file of another coder (a
database, or a json/project/w3c/qdpx export), read and planned in a worker as ``tui-reader
merge --dry-run`` plans it, the plan said, then merged by the app's save worker once asked,
one step of the history (``u`` undoes it).  The merge is the command's
(:mod:`tui_reader.core.interchange.merging`)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from tui_reader.core.display import is_safe, shown, shown_name
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.coded_work import NAME_THE_CODER, read_coded_work
from tui_reader.core.interchange.merging import PlannedMerge, apply_planned, plan_work
from tui_reader.core.interchange.reconcile import PlanStopped, Verdict
from tui_reader.core.wording import counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import coder_name, coder_name_change
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import notify_error, notify_info
from tui_reader.ui.save_wait import saves_of
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.text_field import TextField
from tui_reader.ui.worker_results import deliver

LISTED_AT_MOST = 2000  # entries of a folder read to complete a name typed in it
PROBLEMS_LISTED = 3  # problems of a plan said in the dialog; the rest counted
# what the dialog says where the command would ask for --other-coder
NAME_THEIR_CODER = "type whose they are in the field of their coder"


class PathSuggester(Suggester):
    """Inline completion of the last part of a path from the files of its folder."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return completed_path(value)


def completed_path(value: str) -> str | None:
    """``value`` with its last part completed to the first name in its folder (sorted) that
    starts with it (a folder's ends in ``/``), or None when none does."""
    if not value or os.path.isfile(os.path.expanduser(value)):
        return None  # a file named whole: nothing longer offered (its ".lock" beside it)
    folder, _, start = value.rpartition(os.sep)
    if folder:
        where = Path(os.path.expanduser(folder))
    else:  # "/tm" is in the root, "not" here
        where = Path(os.sep if value.startswith(os.sep) else ".")
    names: list[tuple[str, bool]] = []
    try:
        with os.scandir(where) as entries:
            for count, entry in enumerate(entries):
                if count >= LISTED_AT_MOST:
                    break
                if entry.name.startswith(start) and entry.name != start:
                    try:
                        names.append((entry.name, entry.is_dir()))
                    except OSError:
                        continue
    except OSError:
        return None
    if not names:
        return None
    name, is_dir = min(names)
    head = value[: len(value) - len(start)]
    return f"{head}{name}{os.sep if is_dir else ''}"


def merge_summary(planned: PlannedMerge, name: str) -> str:
    """What the merge would do, in the command's words, shorter."""
    plan = planned.plan
    named = plan.work.coders_said()
    said = (
        f"{shown_name(name)} ({plan.work.kind}; {named}): "
        f"{plan.count(Verdict.ADD)} new, {plan.count(Verdict.UPDATE)} newer than ours (taken), "
        f"{plan.count(Verdict.OLDER)} older than ours (ours kept), "
        f"{plan.count(Verdict.CONFLICT)} changed on both sides (ours kept, theirs beside it), "
        f"{plan.count(Verdict.UNCHANGED)} unchanged, "
        f"{plan.count(Verdict.DELETED)} deleted here (not brought back); "
        f"{counted(len(plan.new_tags), 'new code')}{plan.memos_and_attributes_said()}"
    )
    if plan.missing_documents:
        said += (
            f"; {counted(len(plan.missing_documents), 'document')} of theirs not here "
            "(their passages show as orphans)"
        )
    problems = len(planned_problems(planned))
    if problems:
        said += f"; {counted(problems, 'problem')} reading it"
    return said


def merged_said(planned: PlannedMerge, name: str) -> str:
    """What a merge did, for its notice: the counts of the plan that are not 0, so that it
    fits a few lines of a small terminal (the dialog said every count before)."""
    plan = planned.plan
    named = plan.work.coders_said()
    parts = [
        f"{count} {words}"
        for count, words in (
            (plan.count(Verdict.ADD), "new"),
            (plan.count(Verdict.UPDATE), "newer than ours (taken)"),
            (plan.count(Verdict.OLDER), "older than ours (ours kept)"),
            (plan.count(Verdict.CONFLICT), "changed on both sides (both kept)"),
            (plan.count(Verdict.DELETED), "deleted here (not brought back)"),
        )
        if count
    ]
    if plan.new_tags:
        parts.append(counted(len(plan.new_tags), "new code"))
    said = f"{shown_name(name)} ({named}): {', '.join(parts) or 'nothing new'}"
    said += plan.memos_and_attributes_said()
    if plan.missing_documents:
        said += f"; {counted(len(plan.missing_documents), 'document')} of theirs not here"
    problems = len(planned_problems(planned))
    if problems:
        said += f"; {counted(problems, 'problem')} reading it"
    return said


def planned_problems(planned: PlannedMerge) -> tuple[str, ...]:
    """The problems of a plan, one a line, in the order the merge command says them."""
    return (*planned.changed, *planned.left_out, *planned.plan.work.problems)


def problems_listed(planned: PlannedMerge) -> list[str]:
    """The first problems of a plan, then how many more ``merge --dry-run`` lists."""
    problems = planned_problems(planned)
    lines = [shown(p) for p in problems[:PROBLEMS_LISTED]]
    if len(problems) > PROBLEMS_LISTED:
        lines.append(
            f"…and {len(problems) - PROBLEMS_LISTED} more (tui-reader merge --dry-run lists them)"
        )
    return lines


def their_coder(typed: str) -> tuple[str | None, str | None]:
    """The coder name typed for their passages that name none (``merge --other-coder``):
    None when nothing is typed (what their file says), and what is said of it when it is
    recorded otherwise than typed; :class:`TuiReaderError` when it cannot be a name."""
    if not typed.strip():
        return None, None
    if not is_safe(typed):
        raise TuiReaderError(
            f"the coder name {shown(repr(typed))}: a control character, line break or "
            "direction mark cannot be part of a coder name"
        )
    name = coder_name(typed)
    change = coder_name_change(typed)
    return name, None if change is None else f"the coder name typed {change}: it is {name!r}"


class MergeDialog(Dialog[None]):
    """Asks for the other coder's file (and, for their passages that name no coder, whose
    they are: ``merge --other-coder``), says what merging it would do, and merges it once
    asked (``enter`` again)."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("dialog")
    KEYS = ("enter read · tab their coder · enter again merge · esc cancel", "enter · tab · esc")

    def __init__(self, workspace: Workspace, merged: object = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.planned: PlannedMerge | None = None
        self.planned_path: Path | None = None
        self.planned_revision: object = None
        self.reading = False
        self.stop = threading.Event()  # set: the file being read is no longer wanted
        self.asked = 0  # the files named so far: a plan is said only for the last one
        self.merged = merged  # called once merged (the main screen places the passages)
        self.said_of_coder: str | None = None  # the coder name typed, recorded otherwise

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Merge a colleague's coding"
            box.border_subtitle = self.KEYS[0]
            yield Label(
                "Their database, or a json/project/w3c/qdpx export (→ completes):",
                classes="dialog-label",
            )
            yield TextField(id="merge-path", suggester=PathSuggester(), select_on_focus=True)
            yield Label(
                "Their coder, for passages naming none (empty: as their file says):",
                classes="dialog-label",
            )
            yield TextField(
                id="merge-coder", placeholder="as their file says", select_on_focus=True
            )
            yield Static(id="merge-plan", classes="dialog-label")
            yield Static(classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        focus_now(self.query_one("#merge-path", Input))

    @on(Input.Changed, "#merge-path")
    @on(Input.Changed, "#merge-coder")
    def _changed(self, _event: Input.Changed) -> None:
        self.planned = None  # another file: read again before merging
        self.asked += 1  # a file being read is no longer the one named: its plan unsaid
        self.stop.set()
        self.reading = False
        self.query_one("#merge-plan", Static).update("")
        self.hide_error()

    @on(Input.Submitted, "#merge-path")
    @on(Input.Submitted, "#merge-coder")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.reading:
            return
        if self.planned is not None and self.planned_path is not None:
            self._merge(self.planned_path)
            return
        typed = self.query_one("#merge-path", Input).value.strip()
        if not typed:
            self.show_error("Name the other coder's file.")
            return
        try:
            coder, said_of_coder = their_coder(self.query_one("#merge-coder", Input).value)
        except TuiReaderError as exc:
            self.show_error(f"Not merged: {shown(str(exc))}")
            return
        self.said_of_coder = said_of_coder
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = path.absolute()
        self.reading = True
        self.query_one("#merge-plan", Static).update(Text(f"Reading {shown_name(str(path))}…"))
        asked = self.asked
        self.stop = stop = threading.Event()
        self.run_worker(
            lambda: self._plan(path, asked, stop, coder), thread=True, group="merge-plan"
        )

    def _plan(
        self, path: Path, asked: int, stop: threading.Event, coder: str | None = None
    ) -> None:
        """In a worker: the file read and the merge planned (nothing saved); left off
        between its steps once ``stop`` is set (the dialog closed, another file named)."""
        workspace = self.workspace
        try:
            if path.exists() and workspace.db.exists() and os.path.samefile(path, workspace.db):
                raise TuiReaderError(f"{path}: that is this database; name the other coder's file")
            revision = workspace.store.revision
            work = read_coded_work(
                path, coder, db=workspace.db, corpus=workspace.corpus, stopped=stop.is_set
            )
            planned = plan_work(  # a document of theirs in no folder here: in our corpus
                workspace, work, str(path), stopped=stop.is_set, corpus=workspace.corpus
            )
        except PlanStopped:
            return
        except (TuiReaderError, OSError) as exc:
            deliver(self, self._unread, str(exc).replace(NAME_THE_CODER, NAME_THEIR_CODER), asked)
            return
        deliver(self, self._planned, path, planned, revision, asked)

    def _unread(self, problem: str, asked: int) -> None:
        if asked != self.asked:
            return  # another file named since
        self.reading = False
        self.query_one("#merge-plan", Static).update("")
        self.show_error(f"Not merged: {shown(problem)}")

    def _planned(self, path: Path, planned: PlannedMerge, revision: object, asked: int) -> None:
        if asked != self.asked:
            return  # another file named since
        self.reading = False
        self.planned, self.planned_path, self.planned_revision = planned, path, revision
        self.hide_error()
        said = Text("Would merge " + merge_summary(planned, path.name))
        if self.said_of_coder is not None:
            said.append(f"\n  {shown(self.said_of_coder)}")
        for line in problems_listed(planned):
            said.append(f"\n  {line}")
        said.append("\nenter merges · esc leaves it", style="bold")
        self.query_one("#merge-plan", Static).update(said)

    def _merge(self, path: Path) -> None:
        planned = self.planned
        if planned is None:
            return
        workspace, revision = self.workspace, self.planned_revision
        app, merged = self.app, self.merged

        def save() -> PlannedMerge:
            chosen = planned
            if workspace.store.revision != revision:  # changed since it was planned
                chosen = plan_work(workspace, planned.work, str(path), corpus=workspace.corpus)
            apply_planned(workspace, chosen, path.name)
            return chosen

        def done(chosen: PlannedMerge) -> None:
            notify_info(app, f"Merged {merged_said(chosen, path.name)} (u undoes it)", timeout=10)
            if callable(merged):
                merged()

        def failed(error: TuiReaderError) -> None:
            notify_error(app, f"Not merged: {shown(str(error))}", "Merge")

        self.dismiss(None)
        try:
            saves_of(app).run(save, done, failed, long=f"Merging {shown_name(path.name)}…")
        except TuiReaderError as exc:
            failed(exc)

    def action_cancel(self) -> None:
        self.stop.set()  # a file being read: its plan not made
        self.dismiss(None)
