"""The reading pane's moves between annotations (what changes them is
:mod:`~tui_reader.ui.reading_pane.annotating`'s): to the next or previous annotation from the
caret, to the one chosen in the annotations panel, and the panel opened or closed.  Nothing here
saves.  Which key does what is the key registry's (:mod:`tui_reader.ui.keymap`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.ui.focusing import focus_now
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
        # the annotation the caret was last taken to, and where: of several at one place,
        # the one shown, acted on and stepped on from
        self._gone_to: tuple[int, Annotation] | None = None

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
        self._gone_to = (place, annotation)
        reader.clear_selection()
        there = reader.caret == place  # (another at the caret's place: the caret stays)
        reader.jump(place)  # out of sight: at the top, as less shows a place
        reader.reveal(max(place, annotation.end - 1))  # its end in sight too
        if there:
            self.pane.show_caret_annotation()

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
        """To the next (or previous) annotation from the caret; several at one place (starting
        together, or shown from one line by the line filter) one after the other; with the
        line filter on, the next one on the lines shown, those it hides stepped over (the
        caret was taken to a line near a hidden one and never reached it), said when only
        hidden ones are left."""
        caret = self.pane.reader.caret
        taken = self.gone_to()
        on = taken or self.pane.highlights.at(caret)
        found, hidden = self.pane.highlights.step(
            caret, on, forward=forward, place=self._place, taken=taken is not None
        )
        if found is not None:
            self._go_to(found)
            return
        where = "after" if forward else "before"
        if hidden:
            notify_info(
                self.pane,
                f"No annotation {where} the caret on the lines shown: the filter hides the "
                f"others. {SHOW_ALL}",
                timeout=3,
            )
        else:
            notify_info(self.pane, f"No annotation {where} the caret.", timeout=2)

    def gone_to(self) -> Annotation | None:
        """The annotation the caret was last taken to (``]``, ``[``, the panel), while the
        caret is where it was put for it and the annotation is still placed."""
        if self._gone_to is None:
            return None
        place, annotation = self._gone_to
        highlights = self.pane.highlights
        index = highlights.position(annotation)
        if index is None or place != self.pane.reader.caret:
            self._gone_to = None
            return None
        return highlights.placed[index]

    def under_caret(self) -> Annotation | None:
        """The annotation the caret is on: the one it was taken to, of several at one place,
        else the innermost one covering it."""
        return self.gone_to() or self.pane.highlights.at(self.pane.reader.caret)

    def toggle_panel(self) -> Awaitable[None] | None:
        """Open the panel and go to it; open beside the text, go to it, its cursor where it
        was left (on the orphan to re-attach to the passage just selected: A then r); from
        the panel, close it.  Opened for the first time, the panel is mounted: what is
        returned is awaited by the key's run, so that the keys typed behind ``A`` (already
        on their way to the text) find the focus on the panel's list."""
        panel = self.pane.panel
        opening = not panel.has_class("-open")
        if not opening and not panel.has_focus_within:
            panel.focus_list()
            return None
        panel.set_class(opening, "-open")
        self.pane.update_sidebar()
        if opening:
            caret = self.pane.reader.caret
            nearest = self.under_caret() or self.pane.highlights.after(caret)
            if nearest is not None:
                panel.highlight(nearest.id)
            self.pane.follow_caret_when_placed()
            panel.focus_list()
            if not panel.composed:
                return self._focus_once_mounted(panel)
        else:
            focus_now(self.pane.reader)
        return None

    async def _focus_once_mounted(self, panel: AnnotationsPanel) -> None:
        await self.pane.side_mounted()
        panel.focus_list()

    def jump(self, message: AnnotationsPanel.Jump) -> None:
        """To the annotation chosen in the panel (the text gets the focus)."""
        self.jump_to(message.annotation)

    def jump_to(self, annotation: Annotation) -> None:
        """To ``annotation``, chosen in the panel (the text gets the focus, at once)."""
        self._go_to(annotation)
        if annotation.status != AnchorStatus.ORPHAN:
            self.pane.screen.set_focus(self.pane.reader)  # now (focus() waits its turn)
