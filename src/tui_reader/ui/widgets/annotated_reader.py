"""The keys that make annotations in the reading view.

:class:`AnnotatedReader` is a :class:`~tui_reader.ui.widgets.highlighted_reader.
HighlightedReader` (the container around the reading pane and ``#side`` that shows the
highlights and the panels) whose keys work while the reading view or the panels have focus:

- ``s`` / ``p`` select the sentence / paragraph at the caret (pressed again: the next one too);
- ``a`` (or ``enter`` with a selection) opens the annotate dialog on the selection, or on the
  sentence at the caret; on a passage already annotated it edits that annotation;
- ``1``-``9`` tag the selection with the codebook's first nine tags, ``.`` repeats the last
  tags; with no selection they tag the annotation under the caret, else the sentence there;
- ``]`` / ``[`` next / previous annotation, ``e`` edit, ``x`` delete (confirmed), ``u`` undo;
- ``A`` opens the side panel with the annotations list (``enter`` go, ``r`` re-attach an
  orphan to the selection, ``c`` accept an approximate place, ``escape`` back to the text);
  ``A`` again closes it.

Every change goes through the store at once; when the store refuses it (read-only database,
disk full) an error is shown and nothing is drawn.  Offsets are code points, half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.widget import Widget

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.documents import units as textnav
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.annotation_store import StaleAnnotationError
from tui_reader.core.workspace import Workspace
from tui_reader.reading.highlights import excerpt
from tui_reader.reading.selection import Range, Unit, grow_selection, trimmed, unit_at
from tui_reader.ui import keymap
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog, AnnotationDraft
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.widgets.annotations_panel import AnnotationsPanel
from tui_reader.ui.widgets.highlighted_reader import (
    HIGHLIGHT_LAYER,
    HighlightedReader,
    is_preview,
)

__all__ = ["HIGHLIGHT_LAYER", "AnnotatedReader", "is_preview"]

CODEBOOK_KEYS = 9  # `1`-`9`


def describe(annotation: Annotation) -> str:
    """The tags and note of ``annotation`` in a few words."""
    tags = ", ".join(annotation.tags) or "no tags"
    note = f"note “{excerpt(annotation.note, 60)}”" if annotation.note else "no note"
    return f"{tags}; {note}"


class AnnotatedReader(HighlightedReader):
    """:class:`HighlightedReader` with the keys that select, annotate, tag, move between,
    edit, delete and restore annotations."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("annotate")

    def __init__(
        self,
        workspace: Workspace,
        *children: Widget,
        id: str | None = None,
        classes: str | None = None,
        on_panel_toggled: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(
            workspace, *children, id=id, classes=classes, on_panel_toggled=on_panel_toggled
        )
        self.annotator = Annotator(workspace.store)

    # -- what to act on ----------------------------------------------------------------------

    def _text(self) -> str:
        document = self.reader.document
        return "" if document is None else document.text

    def _sentence_at_caret(self) -> Range | None:
        return unit_at(self._text(), self.reader.caret, textnav.sentence_range)

    def _target_range(self) -> Range | None:
        """The selection (trimmed), else the sentence at the caret."""
        selection = self.reader.selection
        if selection is not None:
            start, end = trimmed(self._text(), *selection)
            if start < end:
                return start, end
        return self._sentence_at_caret()

    def _same_range(self, span: Range) -> Annotation | None:
        for annotation in self._annotations:
            if annotation.status != AnchorStatus.ORPHAN and (annotation.start, annotation.end) == (
                span
            ):
                return annotation
        return None

    def _focused_annotation(self) -> Annotation | None:
        """The annotation the user points at: the panel's current row when the panel has
        focus, else the one under the caret."""
        if self.panel.has_focus_within and self.panel.current is not None:
            return self.panel.current
        return self._index.at(self.reader.caret)

    # -- selecting ---------------------------------------------------------------------------

    def _select_unit(self, unit: Unit) -> None:
        grown = grow_selection(self._text(), self.reader.selection, self.reader.caret, unit)
        if grown is not None:
            self.reader.move_caret(grown[0], select=False)
            self.reader.move_caret(grown[1], select=True)

    def action_select_sentence(self) -> None:
        self._select_unit(textnav.sentence_range)

    def action_select_paragraph(self) -> None:
        self._select_unit(textnav.paragraph_range)

    # -- annotating ----------------------------------------------------------------------------

    def _failed(self, exc: TuiReaderError) -> None:
        self._show_newer(exc)
        self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)

    def _show_newer(self, exc: TuiReaderError) -> None:
        """A save refused for an older revision: show the version another process saved."""
        if isinstance(exc, StaleAnnotationError) and exc.current.document == self.key:
            self._replace(exc.current)
            self._after_change(exc.current)

    def action_annotate(self) -> None:
        document = self._annotatable()
        span = self._target_range()
        if document is None or self.key is None or span is None:
            self.notify("Nothing to annotate here.", severity="warning", markup=False)
            return
        existing = self._same_range(span)
        if existing is not None:
            self._open_editor(existing)
            return
        quote = document.text[span[0] : span[1]]

        def save(draft: AnnotationDraft) -> None:
            key = self.key
            if key is None:
                return
            saved = self.annotator.create(key, document, span[0], span[1], draft.tags, draft.note)
            self._annotations.append(saved)
            self._show_made(saved)

        self.app.push_screen(
            AnnotateDialog(quote, self._codebook, save=save, counts=self._tag_counts())
        )

    def _show_made(self, saved: Annotation) -> None:
        """Drop the selection and leave the caret at the start of ``saved`` (a selection ends
        past its passage), so the details show what was just made."""
        self.reader.move_caret(saved.start, select=False)
        self._after_change(saved)

    def _tag_counts(self) -> dict[str, int]:
        try:
            return self.workspace.store.tag_counts()
        except TuiReaderError:
            return {}  # completion in codebook order is fine

    def action_annotate_selection(self) -> None:
        if self.reader.selection is None:
            raise SkipAction()
        self.action_annotate()

    def _open_editor(self, annotation: Annotation) -> None:
        base = annotation

        def save(draft: AnnotationDraft) -> None:
            nonlocal base
            try:
                saved = self.annotator.edit(base, draft.tags, draft.note)
            except StaleAnnotationError as exc:
                # The dialog stays open with what was typed; saving again saves it over the
                # newer version, now shown in the text and named here.
                base = exc.current
                self._show_newer(exc)
                raise TuiReaderError(
                    f"{exc}: {describe(exc.current)}. Save again to replace it."
                ) from exc
            self._replace(saved)
            self.reader.clear_selection()
            self._after_change(saved)

        self.app.push_screen(
            AnnotateDialog(
                annotation.quote,
                self._codebook,
                tags=annotation.tags,
                note=annotation.note,
                title="Edit annotation",
                save=save,
                counts=self._tag_counts(),
            )
        )

    def apply_tags(self, tags: Sequence[str]) -> None:
        """Tag the selection (a new annotation, or the one on exactly that passage); with no
        selection the annotation under the caret, else the sentence at the caret."""
        document = self._annotatable()
        if document is None or self.key is None:
            return
        target: Annotation | None = None
        span: Range | None = None
        if self.reader.selection is not None:
            span = self._target_range()
            target = None if span is None else self._same_range(span)
        else:
            target = self._index.at(self.reader.caret)
            if target is None:
                span = self._sentence_at_caret()
                target = None if span is None else self._same_range(span)
        try:
            if target is not None:
                saved = self.annotator.add_tags(target, tags)
                self._replace(saved)
            elif span is not None:
                saved = self.annotator.create(self.key, document, span[0], span[1], tags)
                self._annotations.append(saved)
            else:
                self.notify("Nothing to tag here.", severity="warning", markup=False)
                return
        except TuiReaderError as exc:
            self._failed(exc)
            return
        self._show_made(saved)
        self.notify(
            f"“{excerpt(saved.quote, 40)}”: {', '.join(saved.tags)}", timeout=2, markup=False
        )

    def action_apply_tag(self, index: int) -> None:
        if index >= len(self._codebook):
            count = len(self._codebook)
            self.notify(
                f"No tag {index + 1}: the codebook has {count} tag{'s' if count != 1 else ''}. "
                "Press a to create tags.",
                severity="warning",
                markup=False,
            )
            return
        self.apply_tags([self._codebook[index].name])

    def action_repeat_tags(self) -> None:
        if not self.annotator.last_tags:
            self.notify("No tags applied yet: nothing to repeat.", severity="warning", markup=False)
            return
        self.apply_tags(self.annotator.last_tags)

    # -- moving between annotations ------------------------------------------------------------

    def _go_to(self, annotation: Annotation) -> None:
        if annotation.status == AnchorStatus.ORPHAN:
            self.notify(
                "This annotation is orphaned: its passage is no longer in the document. Select "
                "where it belongs and press r in the annotations panel to re-attach it.",
                severity="warning",
                markup=False,
            )
            return
        self.reader.move_caret(annotation.start, select=False)

    def action_next_annotation(self) -> None:
        found = self._index.after(self.reader.caret)
        if found is None:
            self.notify("No annotation after the caret.", timeout=2, markup=False)
        else:
            self._go_to(found)

    def action_previous_annotation(self) -> None:
        found = self._index.before(self.reader.caret)
        if found is None:
            self.notify("No annotation before the caret.", timeout=2, markup=False)
        else:
            self._go_to(found)

    # -- editing, deleting, undoing ------------------------------------------------------------

    def action_edit(self) -> None:
        annotation = self._focused_annotation()
        if annotation is None:
            self.notify("No annotation under the caret to edit.", severity="warning", markup=False)
            return
        self._open_editor(annotation)

    def action_delete(self) -> None:
        annotation = self._focused_annotation()
        if annotation is None:
            self.notify(
                "No annotation under the caret to delete.", severity="warning", markup=False
            )
            return
        self._confirm_delete(annotation)

    def _confirm_delete(self, annotation: Annotation) -> None:
        question = Text("Delete the annotation on\n")
        question.append(f"“{excerpt(annotation.quote, 120)}”", style="italic")
        if annotation.tags:
            question.append(f"\ntagged {', '.join(annotation.tags)}")
        if annotation.note:
            question.append(" with a note")
        question.append("?\n")
        question.append("u undoes it.", style="dim")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.annotator.delete(annotation)
            except TuiReaderError as exc:
                self._failed(exc)
                return
            self._annotations = [a for a in self._annotations if a.id != annotation.id]
            self._after_change()
            self.notify(
                f"Deleted “{excerpt(annotation.quote, 40)}”. u undoes.", timeout=4, markup=False
            )

        self.app.push_screen(ConfirmScreen(question, title="Delete annotation"), answered)

    def action_undo(self) -> None:
        if not self.annotator.can_undo:
            self.notify("Nothing to undo.", timeout=2, markup=False)
            return
        try:
            restored = self.annotator.undo_delete()
        except TuiReaderError as exc:
            self._failed(exc)
            return
        if restored is None:
            return
        if restored.document == self.key:
            self._annotations.append(restored)
            self._after_change(restored)
            self._go_to(restored)
            self.notify(f"Restored “{excerpt(restored.quote, 40)}”.", timeout=3, markup=False)
        else:
            self.notify(
                f"Restored “{excerpt(restored.quote, 40)}” in {restored.document}.", markup=False
            )

    # -- the annotations panel -----------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        """Open the panel and focus it; from the text with the panel open, focus it; from the
        panel, close it."""
        panel = self.panel
        opening = not panel.has_class("-open")
        panel.set_class(opening, "-open")
        self._update_sidebar()
        if opening:
            caret = self.reader.caret
            nearest = self._index.at(caret) or self._index.after(caret)
            if nearest is not None:
                panel.highlight(nearest.id)
            panel.focus_list()
        else:
            self.reader.focus()

    @on(AnnotationsPanel.Jump)
    def _jump(self, message: AnnotationsPanel.Jump) -> None:
        self._go_to(message.annotation)
        if message.annotation.status != AnchorStatus.ORPHAN:
            self.reader.focus()

    @on(AnnotationsPanel.Leave)
    def _leave_panel(self) -> None:
        self.reader.focus()

    @on(AnnotationsPanel.Confirm)
    def _confirm_place(self, message: AnnotationsPanel.Confirm) -> None:
        try:
            saved = self.annotator.confirm(message.annotation)
        except TuiReaderError as exc:
            self._failed(exc)
            return
        self._replace(saved)
        self._after_change(saved)
        self.notify(f"Accepted the place of “{excerpt(saved.quote, 40)}”.", timeout=3, markup=False)

    @on(AnnotationsPanel.Delete)
    def _panel_delete(self, message: AnnotationsPanel.Delete) -> None:
        self._confirm_delete(message.annotation)

    @on(AnnotationsPanel.Reattach)
    def _reattach(self, message: AnnotationsPanel.Reattach) -> None:
        document = self._annotatable()
        selection = self.reader.selection
        span = None if selection is None else trimmed(self._text(), *selection)
        if document is None or span is None or span[0] >= span[1]:
            self.notify(
                "Select the passage first (v and a motion, s or p in the text), then press r "
                "here to re-attach the annotation to it.",
                severity="warning",
                markup=False,
            )
            return
        try:
            saved = self.annotator.reattach(message.annotation, document, *span)
        except TuiReaderError as exc:
            self._failed(exc)
            return
        self._replace(saved)
        self.reader.clear_selection()
        self._after_change(saved)
        self.notify(f"Re-attached to “{excerpt(saved.quote, 40)}”.", timeout=3, markup=False)
