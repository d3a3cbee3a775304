"""Command palette entries for annotating: one "Tag with" command per codebook tag (any tag, not
only the nine on the number keys); the annotating keys are listed from the registry."""

from __future__ import annotations

from functools import partial

from tui_reader.ui.commands import Command, ListedCommands
from tui_reader.ui.reading_pane import ReadingPane


class AnnotationCommands(ListedCommands):
    """Annotation actions of the reading view, when the palette is opened over it."""

    SEARCH_ONLY_PREFIX = "Tag with: "

    def _pane(self) -> ReadingPane | None:
        """The reading pane of the screen the palette was opened over, if it has one: not
        one hidden under a view or a dialog (the codebook's "Tag with" tagged the sentence
        at a caret no one could see)."""
        found: list[ReadingPane] = list(self.screen.query(ReadingPane))
        return found[0] if found else None

    def _commands(self) -> list[Command]:
        pane = self._pane()
        if pane is None:
            return []
        commands: list[Command] = []  # the annotating keys come with the main screen's
        for index, tag in enumerate(pane.codebook):
            key = f" ({index + 1})" if index < 9 else ""
            commands.append(
                (
                    f"Tag with: {tag.name}",
                    f"Tag the selection (or the annotation or sentence at the caret){key}",
                    partial(pane.apply_tags, (tag.name,)),
                )
            )
        return commands
