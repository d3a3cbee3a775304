"""The history view (``U``): the recent changes, newest first, as ``tui-reader history``
lists them, and undo from there: ``enter`` takes back the chosen step and every one after it,
``u`` the chosen step alone (as ``tui-reader undo ID``), ``ctrl+r`` redoes; ``p`` prunes the
history of the steps before the chosen one, once confirmed (``tui-reader history --prune``).

Each undo is the store's own (:meth:`~tui_reader.core.store.history_records.HistoryRecords.undo`,
:meth:`~tui_reader.core.store.history_records.HistoryRecords.undo_back_to`), saved by the app's
one save path; the list is read again after each.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static
from textual.widgets.option_list import Option

from tui_reader.core.display import shown
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store import history
from tui_reader.core.store.caller import APP_OPTIONS
from tui_reader.core.wording import counted
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import notify_info, notify_warning, step_refused
from tui_reader.ui.save_wait import saves_of
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.breaking_text import (
    HANGING_LEAST,
    BreakingText,
    HangingText,
    broken_lines,
)
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus
from tui_reader.ui.widgets.steady_option_list import ListKeys, SteadyOptionList

if TYPE_CHECKING:
    from tui_reader.core.store.annotation_store import AnnotationStore

Line = history.Step | history.DroppedRun
T = TypeVar("T")


WORDS_LEAST = 24  # cells of a step's words beside its id, time and count, at least
ORIGIN_LEAST = 40  # cells of an origin said after a step's words (one cut is said whole below)


def origin_fitted(origin: str, room: int) -> str:
    """A step's ``origin`` in ``room`` cells: whole where it fits; else without the app's
    options given before the command's name (``--db FILE``), an ellipsis in their place,
    then cut at its end with another.  Cut at its end alone, a command run with ``--db`` and
    ``--corpus`` said "tui-reader --db /home/ana/fieldwork/ann…", never which command made
    the step."""
    if cell_len(origin) <= room:
        return origin
    origin = _without_app_options(origin)
    if cell_len(origin) <= room:
        return origin
    return set_cell_size(origin, max(room - 1, 0)).rstrip(" ") + "…"


def _without_app_options(origin: str) -> str:
    """``origin``, a command line as the command records it (``shlex.join``), without the
    app's options before the command's name ("tui-reader … annotate a.txt ..."); as it is
    when it has none (or is no command's: a key, "app")."""
    try:
        words = shlex.split(origin)
    except ValueError:  # not a command line as recorded
        return origin
    if not words or words[0] != "tui-reader":
        return origin
    at = 1
    while at < len(words) and words[at].split("=", 1)[0] in APP_OPTIONS:
        at += 1 if "=" in words[at] else 2
    if at == 1 or at >= len(words):
        return origin
    return f"tui-reader … {shlex.join(words[at:])}"


def _ids(line: Line) -> str:
    if isinstance(line, history.DroppedRun):
        return f"{line.steps[-1].id}–{line.steps[0].id}"
    return str(line.id)


def _count(line: Line) -> str:
    return counted(line.annotations, "annotation")


def line_text(
    line: Line,
    ids_width: int = 5,
    count_width: int = 16,
    *,
    narrow: bool = False,
    width: int = 0,
) -> BreakingText | HangingText:
    """One step (or a run of dropped ones) as the list shows it: id, when, annotations, what
    was done, then how it stands (undone, dropped).  The ids and the counts are aligned in
    columns as wide as the list's widest (``ids_width``, ``count_width``): fixed at 5 and 16
    they made a row of 43 cells before its words, which a narrow terminal's list wrapped
    inside the count ("1" on a line, "annotation" on the next).  ``narrow``: a list too
    narrow for the id, the time and the count on one line has the count begin the next.
    ``width``: the list's (0: not known); an origin that does not fit after the words begins
    the next line whole, under them (it wrapped inside its brackets: "[tui-reader annotate"
    on a line, "mexico-hosts-southc…]" on the next)."""
    if isinstance(line, history.DroppedRun):
        what = f"{len(line.steps)} earlier steps dropped"
        state = "dropped: cannot be undone"
        when = line.steps[0].when
    else:
        what, when = shown(line.label), line.when
        state = "dropped: cannot be undone" if line.dropped else "undone" if line.undone else ""
    ids, count, at = _ids(line), _count(line), when[:16].replace("T", " ")
    head = Text(f"{ids:>{ids_width}}  {at}  {count:>{count_width}}  ")
    column, indent = width, min(ids_width + 2, width // 4)  # where the words wrap, and under what
    hanging, above = False, None
    if narrow:  # the id and time a line, then the count, the words wrapped in their column
        above, head = Text(f"{ids:>{ids_width}}  {at}"), Text(f"{count}  ")
    if not width or width - head.cell_len >= HANGING_LEAST:  # the words beside the head
        text, column, indent, hanging = Text(), max(width - head.cell_len, 0), 0, True
    else:  # the head and the words wrapped as one text (as HangingText does when so narrow)
        text = head.copy() if above is None else Text(f"{above.plain}\n{head.plain}")
    text.append(what)
    origin = "" if isinstance(line, history.DroppedRun) else " ".join(line.origin.split())
    if origin:  # the command or key it came from, as the command's listing gives it
        said = f"[{origin_fitted(origin, ORIGIN_LEAST)}]"
        # the words' last line as wrapped (not their length modulo the column: a line
        # wrapped short of it left "[key" at a row's end and "1]" on the next)
        last = cell_len(broken_lines(text, column)[-1].plain) if column else 0
        if column and last + 2 + cell_len(said) > column:
            # a line of its own: as much of it as that line holds
            said = f"[{origin_fitted(origin, max(column - indent, 2) - 2)}]"
            text.append(f"\n{' ' * indent}{said}", style="dim")
        else:
            text.append(f"  {said}", style="dim")
    if state:
        text.append(f"  ({state})", style="dim")
    # what was done wrapped in its column, not under the id ("create" / "annotation  [app]"),
    # a file name broken after a "-", "_" or "/" (folded, "...-ramp-up-secu" above "rity-...")
    return HangingText(head, text, above) if hanging else BreakingText(text)


class StepList(SteadyOptionList, KeysFollowFocus):
    """The steps: the keys of a burst typed behind one that closes the history (esc, then
    ``Q`` and a query) go where the focus went, as the other lists' do (they ran here, on the
    history closed, and the query's letters were lost)."""


class HistoryScreen(ListKeys, Dialog[None]):
    """The store's steps, newest first; undo back to one, or one alone, and redo."""

    DEFAULT_CSS = """
    HistoryScreen > .dialog-box {
        width: 100;
        height: 80%;
    }
    HistoryScreen #history-steps {
        height: 1fr;
        border: none;
        /* the scroll bar's columns kept: steps that overfilled the list lost them to it once
           listed, and an origin fitted to the width before wrapped ("]" cut off) */
        scrollbar-gutter: stable;
    }
    /* a short terminal: the steps, not the words about them */
    HistoryScreen.-short .dialog-label {
        display: none;
    }
    HistoryScreen.-short > .dialog-box {
        height: 100%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("history")
    # Its keys are refused while a save of seconds is written (ReaderApp.run_action): each
    # reads the store the save holds.
    REFUSED_WHILE_SAVING = True
    LONG_STEP = 2_000  # annotations from which an undo or redo takes seconds (at 100,000)
    KEYS = (
        "enter undo back to here · u undo this step alone · ctrl+r redo · p prune before · esc",
        "enter back to here · u this alone · ^r redo · p prune · esc",
        "enter · u · ^r · p · esc",
    )

    def __init__(self, store: AnnotationStore) -> None:
        super().__init__()
        self.store = store
        self.lines: list[Line] = []
        self._narrow = False  # the steps listed in their narrow form (see _too_narrow)
        self._width = 0  # the list's width they were listed for (an origin fits it)

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box", classes="dialog-box") as box:
            box.border_title = "History: the recent changes"
            box.border_subtitle = self.KEYS[0]
            yield Static(
                Text(
                    "Newest first. Undoing back to a step takes back every step after it too; "
                    "ctrl+r redoes them one at a time.",
                    style="dim",
                ),
                classes="dialog-label",
            )
            yield StepList(id="history-steps")
            yield Static("", classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        self.read_steps()
        focus_now(self.steps_list)
        # the records it cannot list (a database edited by hand), a line each, as `tui-reader
        # history` says them: undo and redo pass over them (each step's changes not read here)
        unread = self.store.history_problems()
        if unread:
            notify_warning(self, "\n".join(unread), "History records not read")

    @property
    def steps_list(self) -> SteadyOptionList:
        return self.query_one("#history-steps", SteadyOptionList)

    @property
    def moved_list(self) -> SteadyOptionList:
        return self.steps_list

    def read_steps(self) -> None:
        """The list read again from the store (the cursor kept on the step it was on)."""
        chosen = self.chosen()
        self.lines = history.grouped(self.store.history(None))
        self._list_steps()
        if not self.lines:
            return
        ids = [self._newest_id(line) for line in self.lines]
        if chosen not in ids:  # first: the step u would undo, the newest one not undone
            live = (line for line in self.lines if isinstance(line, history.Step))
            chosen = next((s.id for s in live if not (s.undone or s.dropped)), ids[0])
        self.steps_list.highlighted = ids.index(chosen)

    def _widths(self) -> tuple[int, int]:
        """The columns of the ids and of the counts: as wide as the widest listed."""
        ids_width = max((len(_ids(line)) for line in self.lines), default=1)
        return ids_width, max((len(_count(line)) for line in self.lines), default=1)

    def _too_narrow(self) -> bool:
        """Whether the list (laid out) is too narrow for a step's id, time and count on one
        line with :data:`WORDS_LEAST` cells of its words beside them (a terminal of 60
        columns: "create" / "annotation" / "[app]" a line each): the count then begins the
        next."""
        ids_width, count_width = self._widths()
        room = self.steps_list.scrollable_content_region.width
        return 0 < room < ids_width + 2 + 16 + 2 + count_width + 2 + WORDS_LEAST

    def _list_steps(self) -> None:
        """The steps listed (as wide as the list is: :meth:`_too_narrow`)."""
        steps = self.steps_list
        highlighted = steps.highlighted
        steps.clear_options()
        ids_width, count_width = self._widths()
        self._narrow = narrow = self._too_narrow()
        self._width = width = steps.scrollable_content_region.width
        steps.add_options(
            Option(line_text(line, ids_width, count_width, narrow=narrow, width=width))
            for line in self.lines
        )
        pruned = self.store.pruned_at()
        if pruned is not None:  # the end of what undo can reach, said (after the steps)
            newest, when = pruned
            said = Text(
                f"{'…':>{ids_width}}  {when[:16].replace('T', ' ')}  the history was pruned of the "
                f"steps up to {newest}: undo stops here",
                style="dim",
            )
            steps.add_option(Option(said, disabled=True))
        if not self.lines and pruned is None:
            steps.add_option(Option(Text("Nothing done yet: no step to undo.", style="dim")))
        if highlighted is not None and self.lines:
            steps.highlighted = min(highlighted, len(self.lines) - 1)

    def _fit_steps(self) -> None:
        """The steps listed again for the list's new width (the narrow form, the origins)."""
        width = self.steps_list.scrollable_content_region.width
        if self.is_mounted and self.lines and width != self._width:
            self._list_steps()

    def on_resize(self) -> None:
        super().on_resize()
        self.call_after_refresh(self._fit_steps)  # once the list has its new width

    def chosen(self) -> int | None:
        """The id of the step under the cursor (a run of dropped steps: its newest)."""
        if not self.is_mounted:
            return None
        index = self.steps_list.highlighted
        if index is None or not 0 <= index < len(self.lines):
            return None
        return self._newest_id(self.lines[index])

    @staticmethod
    def _newest_id(line: Line) -> int:
        return line.steps[0].id if isinstance(line, history.DroppedRun) else line.id

    def action_undo_back(self) -> None:
        """``enter``: undo the chosen step and every step after it not undone."""
        step_id = self.chosen()
        if step_id is not None:
            due = sum(
                line.annotations
                for line in self.lines
                if isinstance(line, history.Step)
                and line.id >= step_id
                and not (line.undone or line.dropped)
            )
            self._save(
                lambda: self.store.undo_back_to(step_id),
                self._undone_back,
                self._long("Undoing", due, f"back to step {step_id}"),
                f"Not saved: the undo of the changes back to step {step_id}. To undo them, "
                "enter on that step again in the history (U).",
            )

    def action_undo_one(self) -> None:
        """``u``: undo the chosen step alone (``tui-reader undo ID``)."""
        step_id = self.chosen()
        if step_id is not None:
            due = sum(
                line.annotations
                for line in self.lines
                if isinstance(line, history.Step) and line.id == step_id
            )
            self._save(
                lambda: [self.store.undo(step_id)],
                self._undone_back,
                self._long("Undoing", due, f"step {step_id}"),
                f"Not saved: the undo of step {step_id} alone. To undo it, u on that step "
                "again in the history (U).",
            )

    def action_redo(self) -> None:
        """``ctrl+r``: redo the step undone last."""

        def redone(step: history.Step) -> None:
            notify_info(self, history.describe_step(step, redo=True), timeout=4)
            self.read_steps()

        try:
            due = self.store.passages_due(redo=True)
        except TuiReaderError as exc:
            step_refused(self, exc)
            return
        self._save(
            self.store.redo,
            redone,
            self._long("Redoing", due, "the last change undone"),
            "Not saved: the redo of the last change undone. To redo it, ctrl+r again in "
            "the history (U).",
        )

    def _long(self, doing: str, due: int, what: str) -> str:
        """What a step of :data:`LONG_STEP` annotations or more does, said while the save
        worker takes it; "" for a step taken at once."""
        return f"{doing} {what} on {counted(due, 'passage')}…" if due >= self.LONG_STEP else ""

    def action_prune(self) -> None:
        """``p``: remove the steps before the chosen one from the history, once confirmed
        (``tui-reader history --prune --keep N``, N the steps from it to the newest)."""
        step_id = self.chosen()
        if step_id is None:
            return
        steps = self.store.history(None)
        keep = sum(step.id >= step_id for step in steps)
        older = len(steps) - keep
        if not older:
            notify_info(self, f"No step before step {step_id}: nothing to prune.", timeout=4)
            return
        question = Text(
            f"Remove the {counted(older, 'step')} before step {step_id} from the history? "
            f"Undo will stop at step {step_id}; a step pruned cannot be brought back. The "
            "annotations, codes and memos stay as they are; what those steps deleted is "
            "kept so that a merge does not bring it back (tui-reader history --prune "
            "--forget-deleted removes that too)."
        )

        def answered(prune: bool | None) -> None:
            if prune:
                self._save(
                    lambda: self.store.prune(keep),
                    self._pruned,
                    draft=f"Not saved: the steps before step {step_id} removed from the "
                    "history. To remove them, p on that step again in the history (U).",
                )

        self.app.push_screen(
            ConfirmScreen(question, "Prune the history", yes="prune", no="keep"), answered
        )

    def _pruned(self, found: history.Pruning) -> None:
        notify_info(
            self,
            f"Pruned: {counted(len(found.steps), 'step')} removed from the history; "
            "the annotations are as they were.",
            timeout=4,
        )
        aside = history.left_aside(found)
        if aside is not None:
            notify_info(self, aside, timeout=8)
        self.read_steps()

    def action_close(self) -> None:
        self.dismiss(None)

    def _undone_back(self, steps: list[history.Step]) -> None:
        if len(steps) == 1:
            notify_info(self, history.describe_step(steps[0], redo=False), timeout=4)
        elif steps:
            oldest = steps[-1]
            notify_info(
                self,
                f"Undone: {counted(len(steps), 'step')}, back to “{oldest.label}” "
                f"(step {oldest.id}).",
                timeout=4,
            )
        self.read_steps()

    def _save(
        self, save: Callable[[], T], then: Callable[[T], None], long: str = "", draft: str = ""
    ) -> None:
        """``save()`` by the app's one save path, then ``then(result)``; a refusal said, and
        what an undo of several steps did before it was refused.  ``long``: what a step of
        seconds does, said on the dialog's line first and taken by the app's save worker, the
        screen live (the keys typed meanwhile refused and said).  ``draft``: what the step
        is, kept for the next start to offer back if a signal ends the app as it waits for
        another program's lock."""

        def done(result: T) -> None:
            self._said_done()
            then(result)

        def failed(error: TuiReaderError) -> None:
            self._said_done()
            if isinstance(error, history.UndoStopped) and error.undone:
                self._undone_back(list(error.undone))
            else:
                self.read_steps()
            step_refused(self, error)

        if long:
            self.show_saving(f"{long} (a few seconds)", error=False)
        try:
            saves_of(self.app).run(
                save, done, failed, long=long, draft=(draft, None) if draft else None
            )
        except TuiReaderError as exc:
            failed(exc)

    def _said_done(self) -> None:
        """The line saying a step of seconds under way, taken away once it is done."""
        for line in self.query(".dialog-error").results(Static):
            line.update("")
            line.remove_class("-shown", "-waiting")
