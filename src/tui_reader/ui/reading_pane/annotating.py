"""The reading pane's half that acts on annotations (what is selected is
:mod:`~tui_reader.ui.reading_pane.selecting`'s): annotating the selection or the sentence at
the caret, tagging with the codebook's keys, moving between annotations, editing, deleting
(confirmed), undo and redo from the store's history, and the annotations panel's requests
(re-attach, accept a place, delete); moving between annotations is
:mod:`~tui_reader.ui.reading_pane.annotation_moves`'s.
Which key does what is the key registry's (:mod:`tui_reader.ui.keymap`).

:class:`Annotating` works only through the pane's public face.  Every change goes through the
store at once; when the store refuses it (read-only database, disk full) an error is shown and
nothing is drawn.  Offsets are code points, half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from time import monotonic
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.actions import SkipAction

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.display import shown
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.annotation_store import StaleAnnotationError
from tui_reader.core.wording import counted
from tui_reader.reading.highlights import excerpt
from tui_reader.reading.selection import Range, trimmed
from tui_reader.ui.notices import Said, notify_error, notify_info, notify_warning, step_refused
from tui_reader.ui.save_wait import Saving, saves_of

if TYPE_CHECKING:
    from tui_reader.core.store.history import Step
    from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
    from tui_reader.ui.reading_pane.pane import ReadingPane
    from tui_reader.ui.screens.annotate_dialog import AnnotationDraft

T = TypeVar("T")


def describe(annotation: Annotation) -> str:
    """The tags and note of ``annotation`` in a few words."""
    tags = ", ".join(annotation.tags) or "no tags"
    note = f"note “{excerpt(annotation.note, 60)}”" if annotation.note else "no note"
    return f"{tags}; {note}"


class Annotating:
    """The annotating actions of a :class:`~tui_reader.ui.reading_pane.pane.ReadingPane`,
    through its public face (the pane's keys and panel messages call them)."""

    # What the key registry may ask for (``act('verb', ...)`` on the pane).
    VERBS = frozenset(
        {
            "annotate", "annotate_selection", "apply_tag", "repeat_tags", "edit", "delete",
            "step_back",
        }
    )  # fmt: skip

    # Seconds a digit's tagging is kept in mind, to be taken back when the digits were a
    # percent (less's 50%: see take_back_digits)
    DIGITS_KEPT = 5.0

    def __init__(self, pane: ReadingPane) -> None:
        self.pane = pane
        # When each digit key tagged, and the ids of the steps its save made (filled in as
        # the save is taken)
        self._by_digits: list[tuple[float, list[int]]] = []

    # -- what to act on ----------------------------------------------------------------------

    def _text(self) -> str:
        document = self.pane.reader.document
        return "" if document is None else document.text

    def _same_range(self, span: Range) -> Annotation | None:
        """My annotation on exactly ``span`` (a colleague's is theirs: never coded for them)."""
        placed = (a for a in self.pane.placed if a.status != AnchorStatus.ORPHAN)
        return next((a for a in placed if (a.start, a.end) == span and self._mine(a)), None)

    def _mine(self, annotation: Annotation) -> bool:
        """Whether ``annotation`` is the coding of whoever codes in this app."""
        return not annotation.coder or annotation.coder == self.pane.workspace.store.coder

    def _focused_annotation(self, verb: str) -> Annotation | None:
        """The annotation the user points at: the panel's current row when the panel has
        focus, else the one under the caret (None, said, when there is none to ``verb``)."""
        panel = self.pane.mounted_panel
        if panel is not None and panel.has_focus_within and panel.current is not None:
            return panel.current
        found = self.pane.moves.under_caret()
        if found is None:
            notify_warning(self.pane, f"No annotation under the caret to {verb}.")
        return found

    # -- annotating ----------------------------------------------------------------------------

    def _failed(self, exc: TuiReaderError) -> None:
        self._show_newer(exc)
        notify_error(self.pane, exc, "Not saved", timeout=10)

    def _shown_here(self, then: Callable[[T], None]) -> Callable[[T], None]:
        """``then``, when this document is still the one shown once the save is made (it may
        wait for another tui-reader's lock: :mod:`tui_reader.ui.save_wait`)."""
        key = self.pane.key

        def shown_here(result: T) -> None:
            if self.pane.key == key and self.pane.is_attached:
                then(result)
            else:
                notify_info(self.pane.app, "Saved.", timeout=2)

        return shown_here

    def _saving(
        self,
        save: Callable[[], T],
        then: Callable[[T], None],
        failed: Callable[[TuiReaderError], None] | None = None,
        long: str = "",
        draft: str = "",
    ) -> None:
        """``save()`` through the app's one save path, then show its result with ``then``; a
        refusal is shown (or given to ``failed``), now or once the save was tried (``long``:
        what a save of seconds does, taken by the save worker, the screen live; ``draft``:
        what the change is, kept for the next start to offer back if it is dropped as a
        signal ends the app while it waits for another program's lock)."""
        failed = self._failed if failed is None else failed
        kept = (draft, self.pane.key) if draft else None
        try:
            saves_of(self.pane.app).run(save, self._shown_here(then), failed, long=long, draft=kept)
        except TuiReaderError as exc:
            failed(exc)

    def _refused_in_dialog(self, exc: TuiReaderError) -> TuiReaderError:
        self._show_newer(exc)
        return exc  # the dialog says it

    def _show_newer(self, exc: TuiReaderError) -> None:
        """A save refused for an older revision: show the version another process saved."""
        if not isinstance(exc, StaleAnnotationError):
            return
        current = exc.current
        if current.document == self.pane.key:
            self._replace(current)
            self.pane.changed(current)
        carried = self.pane.carried
        if any(a.id == current.id for a in carried):  # another document's, to place here
            # (as placed: an orphan, whatever the stored record says of its place)
            newer = {a.id: current.evolve(status=a.status) for a in carried if a.id == current.id}
            self.pane.carried = tuple(newer.get(a.id, a) for a in carried)

    def annotate(self) -> None:
        document = self.annotatable()
        span = self.pane.selecting.target_range()
        if document is None or self.pane.key is None or span is None:
            notify_warning(self.pane, "Nothing to annotate here.")
            return
        self._annotate(document, span)

    def restore(self, quote: str, tags: str, note: str, closed: Callable[[object], None]) -> bool:
        """Open the annotate dialog on ``quote`` in the document shown (its first place), the
        tags and note of a kept draft typed in, as when it was stopped; ``closed`` once it
        closes.  False, nothing opened, when the passage is no longer in it."""
        document = self.annotatable()
        at = -1 if document is None or self.pane.key is None else document.text.find(quote)
        if document is None or at < 0:
            return False
        self._annotate(document, (at, at + len(quote)), (tags, note), closed)
        return True

    def _annotate(
        self,
        document: Document,
        span: Range,
        typed: tuple[str, str] | None = None,
        closed: Callable[[object], None] | None = None,
    ) -> None:
        """The annotate dialog on ``span`` (the editor of my annotation on it, if any), the
        fields holding ``typed`` (the tags field, the note) when given."""
        from tui_reader.core.codebook.tag_field import parse_tags

        names = [tag.name for tag in self.pane.codebook]
        filled = None if typed is None else (parse_tags(typed[0], names), typed[1])
        existing = self._same_range(span)
        if existing is not None:
            self._open_editor(existing, filled, closed)
            return
        quote = document.text[span[0] : span[1]]

        key = self.pane.key
        assert key is not None  # (a document shown)

        def made(saved: Annotation) -> None:
            self.pane.placed = (*self.pane.placed, saved)
            self._show_made(saved)

        from tui_reader.ui.screens.annotate_dialog import AnnotateDialog  # TextArea: when used

        def save(draft: AnnotationDraft) -> Saving[Annotation]:
            annotator, (start, end) = self.pane.annotator, span
            return Saving(
                lambda: annotator.create(key, document, start, end, draft.tags, draft.note),
                self._shown_here(made),
                self._refused_in_dialog,
            )

        tags, note = filled or ((), "")
        self.pane.app.push_screen(
            AnnotateDialog(
                quote, self.pane.codebook, tags, note, save=save, counts=self._tag_counts()
            ),
            closed,
        )

    def _show_made(self, saved: Annotation) -> None:
        """Drop the selection and leave the caret at the start of ``saved`` (a selection ends
        past its passage), so the details show what was just made; on the search's current
        hit when it is in ``saved``: a hit coded in its sentence left the caret before it,
        and ``n`` went to that hit again, not on to the next."""
        caret = saved.start
        hit = self.pane.column.current_hit()
        if hit is not None and saved.start <= hit[0] < saved.end:
            caret = hit[0]
        self.pane.reader.move_caret(caret, select=False)
        self.pane.changed(saved)

    def _tag_counts(self) -> dict[str, int]:
        try:
            return self.pane.workspace.store.tag_counts()
        except TuiReaderError:
            return {}  # completion in codebook order is fine

    def annotate_selection(self) -> None:
        if self.pane.reader.selection is None:
            raise SkipAction()
        self.annotate()

    def _open_editor(
        self,
        annotation: Annotation,
        filled: tuple[Sequence[str], str] | None = None,
        closed: Callable[[object], None] | None = None,
    ) -> None:
        from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

        base = annotation

        def edited(saved: Annotation) -> None:
            self._replace(saved)
            self.pane.reader.clear_selection()
            self.pane.changed(saved)

        def refused(exc: TuiReaderError) -> TuiReaderError:
            nonlocal base
            if not isinstance(exc, StaleAnnotationError):
                return exc
            # The dialog stays open with what was typed; saving again saves it over the
            # newer version, now shown in the text and named here.
            base = exc.current
            self._show_newer(exc)
            return TuiReaderError(f"{exc}: {describe(exc.current)}. Save again to replace it.")

        def save(draft: AnnotationDraft) -> Saving[Annotation]:
            annotator, seen = self.pane.annotator, base
            return Saving(
                lambda: annotator.edit(seen, draft.tags, draft.note),
                self._shown_here(edited),
                refused,
            )

        self.pane.app.push_screen(
            AnnotateDialog(
                annotation.quote,
                self.pane.codebook,
                tags=annotation.tags if filled is None else filled[0],
                note=annotation.note if filled is None else filled[1],
                title="Edit annotation" if self._mine(annotation) else _theirs(annotation),
                save=save,
                counts=self._tag_counts(),
            ),
            closed,
        )

    def apply_tags(self, tags: Sequence[str], *, by_digit: bool = False) -> None:
        """Tag the selection (a new annotation, or the one on exactly that passage); with no
        selection the annotation under the caret, else the sentence at the caret.
        ``by_digit``: a digit key's, the step its save makes noted for
        :meth:`take_back_digits`."""
        document = self.annotatable()
        if document is None or self.pane.key is None:
            return
        target: Annotation | None = None
        span: Range | None = None
        if self.pane.reader.selection is not None:
            span = self.pane.selecting.target_range()
            target = None if span is None else self._same_range(span)
        else:
            target = self.pane.moves.under_caret()
            if target is not None and not self._mine(target):
                # a colleague's passage: coded as mine, theirs left as they coded it
                span, target = (target.start, target.end), None
                target = self._same_range(span)
            elif target is None:
                span = self.pane.selecting.sentence_at_caret()
                target = None if span is None else self._same_range(span)
        annotator, key = self.pane.annotator, self.pane.key
        made: list[int] = []
        if by_digit:
            now = monotonic()
            kept = [(at, steps) for at, steps in self._by_digits if now - at < self.DIGITS_KEPT]
            self._by_digits = [*kept, (now, made)]

        def noted(saved: Annotation) -> Annotation:
            """(In the save's turn) the step the save made, noted for a digit key's."""
            if by_digit:
                made.extend(step.id for step in self.pane.workspace.store.history(1))
            return saved

        def tagged(saved: Annotation) -> None:
            if target is not None:
                self._replace(saved)
            else:
                self.pane.placed = (*self.pane.placed, saved)
            self._show_made(saved)
            notify_info(
                self.pane, f"“{excerpt(saved.quote, 40)}”: {', '.join(saved.tags)}", timeout=2
            )

        if target is not None and all(t in target.tags for t in tags) and self._current(target):
            # Nothing to add: no step written that u would take back without a change seen.
            # (Only of the version stored: one changed by another tui-reader is left to the
            # save, which refuses it and shows the newer version.)
            annotator.last_tags = tuple(tags)
            notify_info(
                self.pane,
                f"“{excerpt(target.quote, 40)}” is coded {', '.join(tags)} already: "
                "nothing changed.",
                timeout=3,
            )
        elif target is not None:
            added = (*target.tags, *(t for t in tags if t not in target.tags))
            draft = _annotation_draft("Edit annotation", target.quote, added, target.note)
            self._saving(lambda: noted(annotator.add_tags(target, tags)), tagged, draft=draft)
        elif span is not None:
            start, end = span
            draft = _annotation_draft("Annotate", document.text[start:end], tags, "")
            self._saving(
                lambda: noted(annotator.create(key, document, start, end, tags)),
                tagged,
                draft=draft,
            )
        else:
            notify_warning(self.pane, "Nothing to tag here.")

    def _current(self, shown_here: Annotation) -> bool:
        """Whether ``shown_here`` is the version stored now (no other tui-reader changed it)."""
        stored = self.pane.workspace.store.get(shown_here.id)
        return stored is not None and stored.revision == shown_here.revision

    def apply_tag(self, index: int) -> None:
        if index >= len(self.pane.codebook):
            count = len(self.pane.codebook)
            notify_warning(
                self.pane,
                f"No tag {index + 1}: the codebook has {count} tag{'s' if count != 1 else ''}. "
                "Press a to create tags.",
            )
            return
        self.apply_tags([self.pane.codebook[index].name], by_digit=True)

    def take_back_digits(self, since: float, typed: str) -> None:
        """The digits typed from ``since`` (monotonic seconds) were a percent, ``typed``%
        as less reads it, not tags: what each of them tagged is undone, newest first (redo
        brings it back), and said.  A less reader's 50% tagged the sentence at the caret
        with the fifth code."""
        runs = [steps for at, steps in self._by_digits if at >= since]
        self._by_digits = [(at, steps) for at, steps in self._by_digits if at < since]
        if not runs:
            return
        annotator = self.pane.annotator

        def undo() -> list[Step]:
            # (in the save's turn: the digits' saves, before it, noted their steps)
            return [annotator.undo(step) for step in sorted({s for r in runs for s in r})[::-1]]

        def undone(steps: list[Step]) -> None:
            if not steps:
                return
            self.pane.reload()
            what = "tag" if len(steps) == 1 else "tags"
            notify_info(
                self.pane,
                f"{typed}%: went to {typed}% of the text, as less does; the {what} its "
                "digits applied undone (ctrl+r redoes).",
                timeout=4,
            )

        self._saving(
            undo,
            undone,
            lambda exc: step_refused(self.pane, exc),
            draft=f"Not saved: the undo of the tags the digits of {typed}% applied. "
            "The history (U) shows the changes to take back.",
        )

    def repeat_tags(self) -> None:
        if not self.pane.annotator.last_tags:
            notify_warning(self.pane, "No tags applied yet: nothing to repeat.")
            return
        self.apply_tags(self.pane.annotator.last_tags)

    # -- editing, deleting, undoing ------------------------------------------------------------

    def edit(self) -> None:
        if (annotation := self._focused_annotation("edit")) is not None:
            self._open_editor(annotation)

    def delete(self) -> None:
        if (annotation := self._focused_annotation("delete")) is not None:
            self._confirm_delete(annotation)

    def _confirm_delete(self, annotation: Annotation) -> None:
        question = Text("Delete the annotation on\n")
        question.append(f"“{excerpt(annotation.quote, 120)}”", style="italic")
        if annotation.tags:
            question.append(f"\ntagged {', '.join(annotation.tags)}")
        if annotation.note:
            question.append(" with a note")
        question.append("?\n")
        if not self._mine(annotation):  # a colleague's coding: the agreement with it changes
            question.append(f"It is {shown(annotation.coder)}'s coding, not yours.\n", style="bold")
        question.append("u undoes it.", style="dim")

        def deleted(_: Annotation) -> None:
            self.pane.placed = tuple(a for a in self.pane.placed if a.id != annotation.id)
            self.pane.carried = tuple(a for a in self.pane.carried if a.id != annotation.id)
            self.pane.changed()
            notify_info(
                self.pane, f"Deleted “{excerpt(annotation.quote, 40)}”. u undoes.", timeout=4
            )

        def answered(yes: bool | None) -> None:
            if yes:
                annotator = self.pane.annotator
                self._saving(
                    lambda: annotator.delete(annotation),
                    deleted,
                    draft=f"Not saved: the annotation on “{annotation.quote}” "
                    f"({describe(annotation)}) deleted. To delete it, x on it again.",
                )

        from tui_reader.ui.screens.confirm import ConfirmScreen

        self.pane.app.push_screen(ConfirmScreen(question, title="Delete annotation"), answered)

    def step_back(self, redo: bool) -> None:
        """Undo the store's last step (``redo``: redo what was undone last); a step of
        :data:`LONG_STEP` annotations or more (a code renamed on 19,000 passages: seconds)
        said first and taken by the app's save worker, the screen live (the keys typed
        meanwhile refused and said: ``ReaderApp.run_action``)."""
        annotator, app = self.pane.annotator, self.pane.app
        try:
            count = self.pane.workspace.store.passages_due(redo=redo)
        except TuiReaderError as exc:
            step_refused(self.pane, exc)
            return
        long = ""
        if count >= self.LONG_STEP:
            doing = "Redoing" if redo else "Undoing"
            long = f"{doing} the last change on {counted(count, 'passage')}…"
            self._step_said.info(app, f"{long} (a few seconds)", timeout=60)

        caret = self.pane.reader.caret  # moved meanwhile (keys read on during a long step)
        self._saving(
            lambda: annotator.redo() if redo else annotator.undo(),
            lambda step: self._stepped(step, redo=redo, caret=caret),
            lambda exc: step_refused(self.pane, exc),
            long=long,
            draft=f"Not saved: {'a redo (ctrl+r)' if redo else 'an undo (u)'} of the last "
            "change. The history (U) shows the changes to take back or bring back.",
        )
        if long:  # (taken, refused, or shown elsewhere: another document open by then)
            saves_of(app).when_saved(lambda _: self._step_said.take_back(app))

    LONG_STEP = 2_000  # annotations from which an undo or redo takes seconds (at 100,000)

    @cached_property
    def _step_said(self) -> Said:
        """What a long undo or redo does, taken back once it is done."""
        return Said()

    def _stepped(self, step: Step, *, redo: bool, caret: int | None = None) -> None:
        """The step is taken: shown, and said.  The caret goes to the first passage of this
        document the step brought back or changed, unless it was moved from ``caret`` (where
        it was as the step was asked for) meanwhile: the reader read on during a long step."""
        self.pane.reload()
        store = self.pane.workspace.store
        moved = caret is not None and self.pane.reader.caret != caret
        for annotation_id in () if moved else step.annotation_ids:
            found = store.get(annotation_id)
            if found is not None and found.document == self.pane.key:
                if found.status != AnchorStatus.ORPHAN:
                    self.pane.reader.move_caret(min(found.start, len(self._text())), select=False)
                break
        from tui_reader.core.store.history import describe_step  # loaded by the step

        notify_info(self.pane, describe_step(step, redo=redo), timeout=4)

    # -- the annotations panel -----------------------------------------------------------------

    def confirm_place(self, message: AnnotationsPanel.Confirm) -> None:
        def confirmed(saved: Annotation) -> None:
            self._replace(saved)
            self.pane.changed(saved)
            notify_info(
                self.pane, f"Accepted the place of “{excerpt(saved.quote, 40)}”.", timeout=3
            )

        annotator = self.pane.annotator
        draft = (
            f"Not saved: the new place of the annotation on “{message.annotation.quote}” "
            "accepted. To accept it, c on it again in the annotations (A)."
        )
        self._saving(lambda: annotator.confirm(message.annotation), confirmed, draft=draft)

    def panel_delete(self, message: AnnotationsPanel.Delete) -> None:
        self._confirm_delete(message.annotation)

    def reattach(self, message: AnnotationsPanel.Reattach) -> None:
        document = self.annotatable()
        selection = self.pane.reader.selection
        span = None if selection is None else trimmed(self._text(), *selection)
        if document is None or span is None or span[0] >= span[1]:
            notify_warning(
                self.pane,
                "Select the passage first (esc to the text, then v and a motion, s or p), then "
                "A back here and r to re-attach the annotation to it.",
            )
            return

        def reattached(saved: Annotation) -> None:
            self.pane.carried = tuple(a for a in self.pane.carried if a.id != saved.id)
            self._replace(saved)
            self.pane.reader.clear_selection()
            self.pane.changed(saved)
            notify_info(self.pane, f"Re-attached to “{excerpt(saved.quote, 40)}”.", timeout=3)

        annotator, (start, end) = self.pane.annotator, span
        orphan = message.annotation  # (saved where it is stored when only its place changed)
        key = self.pane.key  # another document's orphan (carried here) moves to this one
        draft = (
            f"Not saved: the annotation on “{orphan.quote}” ({describe(orphan)}) re-attached "
            f"to “{document.text[start:end]}”. To re-attach it, select that passage, then r "
            "on it again in the annotations (A)."
        )
        self._saving(
            lambda: annotator.reattach(orphan, document, start, end, key), reattached, draft=draft
        )

    # -- helpers -------------------------------------------------------------------------------

    def annotatable(self) -> Document | None:
        """The document shown, when new annotations can be made on it (not while only the
        beginning of a big file is shown: its text and hash are not the document's yet)."""
        if self.pane.previewing:
            notify_info(
                self.pane, "The document is still loading: annotate in a moment.", timeout=3
            )
            return None
        return self.pane.reader.document

    def _replace(self, saved: Annotation) -> None:
        kept = [a for a in self.pane.placed if a.id != saved.id]
        self.pane.placed = tuple(
            sorted([*kept, saved], key=lambda a: (a.start, a.end, a.created, a.id))
        )


def _annotation_draft(title: str, quote: str, tags: Sequence[str], note: str) -> str:
    """A change made by a key, as the annotate dialog (``title``) keeps its draft
    (``AnnotateDialog.typed_draft``): the next start opens it on its passage, to save."""
    return f"{title}: {quote}\n\nTags: {', '.join(tags)}\n\nNote:\n{note}"


def _theirs(annotation: Annotation) -> str:
    """The editor's title over a colleague's annotation: whose coding the change changes."""
    return f"Edit {shown(annotation.coder)}'s annotation (not yours)"
