"""The reading pane's moves between annotations (what changes them is
:mod:`~tui_reader.ui.reading_pane.annotating`'s): to the next or previous annotation from the
caret, to the one chosen in the annotations panel, and the panel opened or closed.  Nothing here
saves.  Which key does what is the key registry's (:mod:`tui_reader.ui.keymap`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.ui.notices import notify_info, notify_warning

if TYPE_CHECKING:
    from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
    from tui_reader.ui.reading_pane.pane import ReadingPane

SHOW_ALL = "& then enter shows every line."


class AnnotationMoves:
    """The moves of a :class:`~tui_reader.ui.reading_pane.pane.ReadingPane` between its
    annotations, through its public face (the pane's keys and panel messages call them)."""

    # What the key registry may ask for (``act('verb', ...)`` on the pane).
    VERBS = frozenset({"step_annotation", "toggle_panel"})

    def __init__(self, pane: ReadingPane) -> None:
        self.pane = pane

    def _go_to(self, annotation: Annotation) -> None:
        if annotation.status == AnchorStatus.ORPHAN:
            notify_warning(
                self.pane,
                "This annotation is orphaned: its passage is no longer in the document. Select "
                "where it belongs and press r in the annotations panel to re-attach it.",
            )
            return
        reader = self.pane.reader
        place = self._place(annotation)
        if place is None:
            notify_info(self.pane, f"This annotation is on a line the filter hides. {SHOW_ALL}")
            return
        reader.clear_selection()
        reader.jump(place)  # out of sight: at the top, as less shows a place
        reader.reveal(max(place, annotation.end - 1))  # its end in sight too

    def _place(self, annotation: Annotation) -> int | None:
        """Where the caret goes for ``annotation``: its start, or with the line filter on
        (less's ``&``) the start of its part on the lines shown; None when they hide it."""
        reader = self.pane.reader
        lines, document = reader.shown_lines, reader.document
        if lines is None or document is None:
            return annotation.start
        if not lines.shows(document.text, annotation.start, annotation.end):
            return None
        return lines.nearest(document.text, annotation.start, forward=True)

    def step_annotation(self, forward: bool) -> None:
        """To the next (or previous) annotation from the caret; with the line filter on,
        the next one on the lines shown, those it hides stepped over (the caret was taken to
        a line near a hidden one and never reached it), said when only hidden ones are left."""
        caret, highlights = self.pane.reader.caret, self.pane.highlights
        where = "after" if forward else "before"
        hidden = False
        for annotation in highlights.beyond(caret, forward=forward):
            place = self._place(annotation)
            if place is not None and (place > caret if forward else place < caret):
                self._go_to(annotation)
                return
            hidden = hidden or place is None
        if hidden:
            notify_info(
                self.pane,
                f"No annotation {where} the caret on the lines shown: the filter hides the "
                f"others. {SHOW_ALL}",
                timeout=3,
            )
        else:
            notify_info(self.pane, f"No annotation {where} the caret.", timeout=2)

    def toggle_panel(self) -> None:
        """Open the panel and go to it; open beside the text, go to it, its cursor where it
        was left (on the orphan to re-attach to the passage just selected: A then r); from
        the panel, close it."""
        panel = self.pane.panel
        opening = not panel.has_class("-open")
        if not opening and not panel.has_focus_within:
            panel.focus_list()
            return
        panel.set_class(opening, "-open")
        self.pane.update_sidebar()
        if opening:
            caret = self.pane.reader.caret
            nearest = self.pane.highlights.at(caret) or self.pane.highlights.after(caret)
            if nearest is not None:
                panel.highlight(nearest.id)
            panel.focus_list()
        else:
            self.pane.reader.focus()

    def jump(self, message: AnnotationsPanel.Jump) -> None:
        """To the annotation chosen in the panel (the text gets the focus)."""
        self.jump_to(message.annotation)

    def jump_to(self, annotation: Annotation) -> None:
        """To ``annotation``, chosen in the panel (the text gets the focus, at once)."""
        self._go_to(annotation)
        if annotation.status != AnchorStatus.ORPHAN:
            self.pane.screen.set_focus(self.pane.reader)  # now (focus() waits its turn)
