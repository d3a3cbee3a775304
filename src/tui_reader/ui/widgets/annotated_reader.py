"""Annotating in the reading view: highlights, the keys that select and tag, the details of
the annotation under the caret and the annotations panel.

:class:`AnnotatedReader` is a container placed around the reading pane (which holds the
:class:`ReaderView`) and the side container ``#side``; it mounts its panels into ``#side`` and
its keys work while the reading view or the panels have focus:

- ``s`` / ``p`` select the sentence / paragraph at the caret (pressed again: the next one too);
- ``a`` (or ``enter`` with a selection) opens the annotate dialog on the selection, or on the
  sentence at the caret; on a passage already annotated it edits that annotation;
- ``1``-``9`` tag the selection with the codebook's first nine tags, ``.`` repeats the last
  tags; with no selection they tag the annotation under the caret, else the sentence there;
- ``]`` / ``[`` next / previous annotation, ``e`` edit, ``x`` delete (confirmed), ``u`` undo;
- ``A`` opens the side panel with the annotations list (``enter`` go, ``r`` re-attach an
  orphan to the selection, ``escape`` back to the text); ``A`` again closes it.

The side panel stays open by itself when the screen leaves the text its full measure beside it.
Every change goes through the store at once; when the store refuses it (read-only database,
disk full) an error is shown and nothing is drawn.  Offsets are code points, half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget

from tui_reader.core import textnav
from tui_reader.core.annotating import Annotator
from tui_reader.core.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.highlights import HighlightIndex, TagPalette, excerpt
from tui_reader.core.model import AnchorStatus, Annotation, Tag
from tui_reader.core.preview import PREVIEW_BYTES, PREVIEW_THRESHOLD
from tui_reader.core.ranges import Mark
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog, AnnotationDraft
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.widgets.annotation_details import AnnotationDetails
from tui_reader.ui.widgets.annotations_panel import AnnotationsPanel
from tui_reader.ui.widgets.reader import ReaderView

HIGHLIGHT_LAYER = "highlights"
CODEBOOK_KEYS = 9  # `1`-`9`
SIDE_WIDTH = 40  # cells of the side panel (as app.tcss sets #side)
RELOAD_SECONDS = 2.0  # how often to look for changes other processes made to the database

Range = tuple[int, int]


def trimmed(text: str, start: int, end: int) -> Range:
    """``[start, end)`` without leading and trailing whitespace (may become empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_preview(document: Document) -> bool:
    """Whether ``document`` is the beginning of a big file shown while the whole loads
    (see :mod:`tui_reader.core.preview`): no annotation is loaded or made on it."""
    if document.format != "text" or len(document.text) > PREVIEW_BYTES:
        return False
    try:
        return document.path.stat().st_size >= PREVIEW_THRESHOLD
    except OSError:
        return False


class AnnotatedReader(Horizontal):
    """Around the reading pane and ``#side``: highlights, annotation keys, the panels."""

    DEFAULT_CSS = """
    AnnotatedReader {
        width: 1fr;
        height: 1fr;
    }
    AnnotatedReader #annotate-details {
        height: auto;
        max-height: 50%;
    }
    AnnotatedReader #annotate-panel {
        display: none;
    }
    AnnotatedReader #annotate-panel.-open {
        display: block;
    }
    """

    HELP_GROUP = "Annotating"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "select_sentence", "Sentence", id="annotate.sentence"),
        Binding("p", "select_paragraph", "Paragraph", id="annotate.paragraph", show=False),
        Binding("a", "annotate", "Annotate", id="annotate.annotate"),
        Binding("enter", "annotate_selection", "Annotate the selection", id="annotate.enter",
                show=False),
        *(
            Binding(
                str(n),
                f"apply_tag({n - 1})",
                # one line in the help for all nine keys
                "Tag with the codebook's tag 1 (2…9: tags 2…9)" if n == 1 else "",
                id=f"annotate.tag{n}",
                show=False,
            )
            for n in range(1, CODEBOOK_KEYS + 1)
        ),
        Binding("full_stop", "repeat_tags", "Repeat the last tags", key_display=".",
                id="annotate.repeat", show=False),
        Binding("right_square_bracket", "next_annotation", "Next annotation", key_display="]",
                id="annotate.next", show=False),
        Binding("left_square_bracket", "previous_annotation", "Previous annotation",
                key_display="[", id="annotate.previous", show=False),
        Binding("e", "edit", "Edit the annotation", id="annotate.edit", show=False),
        Binding("x", "delete", "Delete the annotation (asks first)", id="annotate.delete",
                show=False),
        Binding("u", "undo", "Undo the last deletion", id="annotate.undo", show=False),
        Binding("A", "toggle_panel", "Annotations", id="annotate.panel"),
    ]  # fmt: skip

    class Changed(Message):
        """The annotations of the document shown changed (loaded, added, edited, deleted)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count  # annotations of the document, orphans included

    def __init__(
        self,
        workspace: Workspace,
        *children: Widget,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(*children, id=id, classes=classes)
        self.workspace = workspace
        self.annotator = Annotator(workspace.store)
        self.key: str | None = None  # the document key of the document shown
        self._document: Document | None = None
        self._annotations: list[Annotation] = []
        self._index = HighlightIndex(())
        self._codebook: list[Tag] = []
        self._warned_read_only = False
        self.previewing = False  # only the beginning of a big file is shown, still loading
        self._loads = 0  # reloads started; only the latest one's result is shown
        self._changes = 0  # changes made here; a load started before one is stale
        self._revision: int | None = None  # the store's revision last shown (None: loading)

    # -- composition and state -------------------------------------------------------------

    def on_mount(self) -> None:
        self._codebook = self.workspace.store.tags()
        self.side.mount(AnnotationDetails(id="annotate-details"))
        self.side.mount(AnnotationsPanel(id="annotate-panel"))
        self.set_interval(RELOAD_SECONDS, self._reload_if_changed)
        self.call_after_refresh(self.reload)

    @property
    def side(self) -> Widget:
        """The side container the panels live in."""
        return self.query_one("#side")

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def details(self) -> AnnotationDetails:
        return self.query_one(AnnotationDetails)

    @property
    def panel(self) -> AnnotationsPanel:
        return self.query_one(AnnotationsPanel)

    @property
    def annotations(self) -> list[Annotation]:
        """The annotations of the document shown (orphans included)."""
        return list(self._annotations)

    @property
    def codebook(self) -> list[Tag]:
        return list(self._codebook)

    def reload(self) -> None:
        """Load the document's annotations (re-anchored against its text, in a worker) and the
        codebook, then redraw.  Called when another document is shown or the store changed."""
        document = self.reader.document
        if document is not self._document:  # nothing of the previous document stays on show
            self._document = document
            self.key = None if document is None else self.workspace.key(document.path)
            self.previewing = document is not None and is_preview(document)
            self._annotations = []
            self._redraw()
        self._loads += 1
        if document is not None and self.key is not None and not self.previewing:
            self._load(document, self.key, self._loads, self._changes)

    @work(thread=True, exclusive=True, group="annotations")
    def _load(self, document: Document, key: str, load: int, changes: int) -> None:
        problems = len(self.workspace.problems)
        try:
            # Taken first: a change landing while we read shows at the next poll.
            revision = self.workspace.store.revision
            placed = self.workspace.anchored(key)
            codebook = self.workspace.store.tags()
        except TuiReaderError as exc:
            self.app.call_from_thread(
                partial(self.notify, markup=False),
                str(exc),
                title="Annotations not loaded",
                severity="error",
            )
            return
        for problem in self.workspace.problems[problems:]:
            self.app.call_from_thread(
                partial(self.notify, markup=False),
                problem,
                title="Re-anchored positions not saved",
                severity="warning",
            )
        self.app.call_from_thread(self._loaded, document, load, changes, placed, codebook, revision)

    def _loaded(
        self,
        document: Document,
        load: int,
        changes: int,
        placed: list[Annotation],
        codebook: list[Tag],
        revision: int,
    ) -> None:
        if document is not self._document or load != self._loads:
            return  # another document, or a newer load: that one counts
        if changes != self._changes:
            self.reload()  # the user changed something meanwhile: load again, with it
            return
        self._annotations = placed
        self._codebook = codebook
        self._revision = revision
        if self.workspace.store.read_only and not self._warned_read_only:
            self._warned_read_only = True
            self.notify(
                f"{self.workspace.store.path} is read-only: annotations can be read but not "
                "changed.",
                title="Read-only database",
                severity="warning",
                markup=False,
            )
        self._redraw()

    def _reload_if_changed(self) -> None:
        """Redraw when the store changed since what is shown (another process wrote)."""
        if self.key is None or self._revision is None:
            return
        store = self.workspace.store
        try:
            store.reload_if_changed()
        except TuiReaderError as exc:
            self.notify(str(exc), title="Database", severity="error", markup=False)
            return
        if store.revision != self._revision:
            self._revision = None  # until the reload lands
            self.reload()

    def _redraw(self) -> None:
        self._index = HighlightIndex(self._annotations)
        palette = TagPalette(self._codebook)
        marks = [Mark(s, e, style) for s, e, style in self._index.styles(palette)]
        self.reader.set_marks(HIGHLIGHT_LAYER, marks)
        self.details.set_codebook(self._codebook)
        self.panel.set_annotations(self._annotations, self._codebook)
        self._show_caret_annotation()
        self.post_message(self.Changed(len(self._annotations)))

    def _show_caret_annotation(self) -> None:
        found = self._index.at(self.reader.caret)
        self.details.annotation = found
        if found is not None and not self.panel.has_focus_within:
            self.panel.highlight(found.id)
        self._update_sidebar()

    def _update_sidebar(self) -> None:
        """Open ``#side`` when the panel is open, or when there is room for it beside the text
        at its full measure (so the text never reflows as the caret moves)."""
        panels = self.side.query(AnnotationsPanel)
        if not panels:
            return  # not mounted yet
        room = self.size.width - SIDE_WIDTH >= self.reader.measure + 2
        self.side.set_class(panels.first().has_class("-open") or room, "-open")

    def on_resize(self, event: Resize) -> None:
        self._update_sidebar()

    @on(ReaderView.DocumentChanged)
    def _document_changed(self) -> None:
        self.reload()

    @on(ReaderView.CaretMoved)
    def _caret_moved(self) -> None:
        if self.reader.document is self._document:
            self._show_caret_annotation()

    def _annotatable(self) -> Document | None:
        """The document shown, when new annotations can be made on it (not while only the
        beginning of a big file is shown: its text and hash are not the document's yet)."""
        if self.previewing:
            self.notify(
                "The document is still loading: annotate in a moment.", timeout=3, markup=False
            )
            return None
        return self.reader.document

    # -- what to act on ----------------------------------------------------------------------

    def _text(self) -> str:
        document = self.reader.document
        return "" if document is None else document.text

    def _sentence_at_caret(self) -> Range | None:
        text = self._text()
        if not text:
            return None
        start, end = trimmed(text, *textnav.sentence_range(text, self.reader.caret))
        return (start, end) if start < end else None

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

    def _select_unit(self, unit: Callable[[str, int], Range]) -> None:
        text = self._text()
        if not text:
            return
        selection = self.reader.selection
        if selection is None:
            start, end = trimmed(text, *unit(text, self.reader.caret))
        else:
            start = trimmed(text, *unit(text, selection[0]))[0]
            end = trimmed(text, *unit(text, max(selection[0], selection[1] - 1)))[1]
            if (start, end) == selection:  # whole units already: take in the next one
                following = end
                while following < len(text) and text[following].isspace():
                    following += 1
                if following < len(text):
                    end = max(end, trimmed(text, *unit(text, following))[1])
        if start >= end:
            return
        self.reader.move_caret(start, select=False)
        self.reader.move_caret(end, select=True)

    def action_select_sentence(self) -> None:
        self._select_unit(textnav.sentence_range)

    def action_select_paragraph(self) -> None:
        self._select_unit(textnav.paragraph_range)

    # -- annotating ----------------------------------------------------------------------------

    def _failed(self, exc: TuiReaderError) -> None:
        self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)

    def _after_change(self, focus: Annotation | None = None) -> None:
        self._changes += 1
        self._codebook = self.workspace.store.tags()
        self._revision = self.workspace.store.revision
        self._redraw()
        if focus is not None:
            self.panel.highlight(focus.id)

    def _replace(self, saved: Annotation) -> None:
        self._annotations = [a for a in self._annotations if a.id != saved.id] + [saved]
        self._annotations.sort(key=lambda a: (a.start, a.end, a.created, a.id))

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
            self.reader.clear_selection()
            self._after_change(saved)

        self.app.push_screen(AnnotateDialog(quote, self._codebook, save=save))

    def action_annotate_selection(self) -> None:
        if self.reader.selection is None:
            raise SkipAction()
        self.action_annotate()

    def _open_editor(self, annotation: Annotation) -> None:
        def save(draft: AnnotationDraft) -> None:
            saved = self.annotator.edit(annotation, draft.tags, draft.note)
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
        self.reader.clear_selection()
        self._after_change(saved)
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
        if not self.side.has_class("-open"):  # too narrow for the side panel: say it here
            summary = ", ".join(annotation.tags) or "no tags"
            if annotation.note:
                summary += f" · ✎ {excerpt(annotation.note, 60)}"
            self.notify(summary, title="Annotation (A shows all)", timeout=3, markup=False)

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
        opening = not panel.has_class("-open") or not panel.has_focus_within
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
