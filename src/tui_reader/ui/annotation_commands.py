"""Command palette entries for annotating: one "Tag with" command per codebook tag (any tag, not
only the nine on the number keys); the annotating keys are listed from the registry."""

from __future__ import annotations

from functools import partial

from tui_reader.ui.commands import Command, ListedCommands
from tui_reader.ui.widgets.annotated_reader import AnnotatedReader


class AnnotationCommands(ListedCommands):
    """Annotation actions of the reading view, when one is on screen."""

    SEARCH_ONLY_PREFIX = "Tag with: "

    def _pane(self) -> AnnotatedReader | None:
        for screen in reversed(self.app.screen_stack):
            found: list[AnnotatedReader] = list(screen.query(AnnotatedReader))
            if found:
                return found[0]
        return None

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
