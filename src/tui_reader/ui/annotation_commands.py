"""Command palette entries for annotating: the annotation actions, and one "Tag with" command
per codebook tag (any tag, not only the nine on the number keys)."""

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
        commands: list[Command] = [
            ("Annotate", "Tag and note the selection, or the sentence at the caret (a)",
             pane.action_annotate),
            ("Select sentence", "Select the sentence at the caret (s)",
             pane.action_select_sentence),
            ("Select paragraph", "Select the paragraph at the caret (p)",
             pane.action_select_paragraph),
            ("Annotations panel", "Show or hide the list of this document's annotations (A)",
             pane.action_toggle_panel),
            ("Next annotation", "Move the caret to the next annotation (])",
             pane.action_next_annotation),
            ("Previous annotation", "Move the caret to the previous annotation ([)",
             pane.action_previous_annotation),
            ("Edit annotation", "Edit the tags and note of the annotation at the caret (e)",
             pane.action_edit),
            ("Delete annotation", "Delete the annotation at the caret, after asking (x)",
             pane.action_delete),
            ("Undo deletion", "Bring back the last deleted annotation (u)", pane.action_undo),
            ("Repeat last tags", "Tag the selection with the tags applied last (.)",
             pane.action_repeat_tags),
        ]  # fmt: skip
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
