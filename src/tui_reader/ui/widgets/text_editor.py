"""A multi-line editor (an annotation's note, a memo) that keeps a burst of keys in the order
they were typed.

Textual's ``TextArea`` types a character (and ``enter``, ``tab``) in its own key handler, while a
key its dialog binds (``ctrl+s`` saves, ``esc`` cancels) runs only once the key has bubbled up to
the dialog: the keys typed right behind ``ctrl+s`` were typed into the note first and saved
with it ("a notejj").  :class:`TextEditor` runs every other key's binding (its own, then the
nearest container's) in its own key handler, in the order the keys came, as
:class:`~tui_reader.ui.widgets.text_field.TextField` does for one-line fields; the keys behind a
key that closed the dialog go where the focus goes next.

Textual brings the cursor into view before an edit's new lines are counted in the text's
height: ``enter`` at the end of a note or memo longer than its box put the cursor on a line
below the box, out of view, until a character was typed there.  The editor brings the cursor
into view again once an edit has made the text its new height.

A note wrapped again at a new width (the terminal resized under the dialog) into as many lines
as before kept the lines Textual had drawn at the old width: the first line showed the words it
held before and the words moved to the second line showed nowhere ("... will need" / "dialog
box here.", "wrapping in a narrow" lost).  The editor is drawn again whole when it resizes.

A control character in the text (an escape, a bell, a bidi override) is shown as the panels show
it (``␛``, ``␇``, ``�``), where Textual drew it as nothing; :attr:`TextEditor.text` is the text
to save, the note's own characters where the user changed nothing (see
:mod:`tui_reader.core.editable`).

Moved on the screen without its cursor moving (its dialog's box scrolled, the terminal resized),
the editor puts the terminal's cursor where its own is drawn, each time it is drawn.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from tui_reader.core.editable import as_edited, editable
from tui_reader.ui.widgets.key_bursts import passed_to_new_screen, run_binding_at_once

TYPED_HERE = frozenset({"enter", "tab"})  # keys the editor types itself (a newline, a tab)


class TextEditor(TextArea):
    """A ``TextArea`` whose bindings, and its containers', run in typing order, showing the
    controls its text holds."""

    def __init__(self, text: str = "", **options: Any) -> None:
        self._opened = text  # the text as given, its controls as they are
        self._shown = editable(text)  # as shown (Textual asks for the text as it draws)
        super().__init__(self._shown, **options)

    def load_text(self, text: str) -> None:
        self._opened, self._shown = text, editable(text)
        super().load_text(self._shown)

    @property
    def text(self) -> str:
        """The text to save: as typed, the characters it was given where it is unchanged."""
        typed = self.document.text
        return self._opened if typed == self._shown else as_edited(self._opened, typed, self._shown)

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    async def _on_key(self, event: events.Key) -> None:
        if passed_to_new_screen(self, event):
            return
        typed_here = event.is_printable or event.key in TYPED_HERE
        if not typed_here and await run_binding_at_once(self, event, self.ancestors_with_self):
            return
        await super()._on_key(event)

    def on_resize(self) -> None:
        # Runs before TextArea's own handler wraps the text again; the refresh draws after it.
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Drawn where it now is (its box scrolled, the dialog laid out again at a new size):
        # the terminal's cursor put where the editor's is, which Textual says only as the
        # cursor moves or the editor's own text scrolls, else left where the editor was.
        if self.has_focus and self.screen.is_current:
            self.app.cursor_position = self.cursor_screen_offset
        return super().render_lines(crop)

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self.scroll_cursor_visible()  # within the text's height after the edit
        return result
