"""The annotate dialog: tags (completed from the codebook) and a note for one passage.

Keys, as in every dialog: ``→`` at the end of the tags field completes the tag being typed
as a shell completes a word (the inline suggestion, then the next tag on another press, else
the first tag listed); ``tab``/``shift+tab`` always move between
the fields; ``enter`` in the tags field saves, ``ctrl+s`` saves from anywhere (``enter`` in the
note starts a new line); ``escape`` cancels, and asks first when something was typed.  The
hints under the box follow the focused field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.names import tag_order
from tui_reader.core.codebook.tag_field import (
    complete_last_tag,
    format_tags,
    has_empty_level,
    matching_tags,
    next_completion,
    normalise_tag,
    parse_tags,
    replace_last_tag,
    spelled_nearly,
)
from tui_reader.core.wording import counted
from tui_reader.reading.highlights import TagPalette, excerpt
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.save_wait import Saving
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.text_editor import TextEditor
from tui_reader.ui.widgets.text_field import HandingOverField
from tui_reader.ui.worker_results import deliver

QUOTE_WIDTH = 200  # code points of the passage shown at the top of the dialog
SHORT_BELOW = 23  # rows: a terminal shorter shows the dialog's parts closer together


@dataclass(frozen=True)
class AnnotationDraft:
    """What the dialog returns on save: the tags (parsed, in order) and the note."""

    tags: tuple[str, ...]
    note: str


class TagSuggester(Suggester):
    """Inline completion of the last comma-separated tag from the codebook."""

    def __init__(self, codebook: Sequence[str]) -> None:
        # Case-sensitive so the completion starts with the field exactly as typed.
        super().__init__(use_cache=False, case_sensitive=True)
        self.codebook = list(codebook)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_last_tag(value, self.codebook)


class TagsInput(HandingOverField):
    """The tags field: ``→`` at the end completes the tag being typed; ``tab`` is left to the
    screen, so it always moves on to the note.  A list of codes pasted a line each is so many
    tags."""

    PASTED_LINES_JOINED = ", "

    def __init__(
        self,
        codebook: Sequence[str],
        value: str = "",
        placeholders: Sequence[str] = (),
        id: str | None = None,
    ) -> None:
        # Coming back to the field keeps the tags typed already (a TextField never selects).
        super().__init__(value, placeholders=placeholders, suggester=TagSuggester(codebook), id=id)
        self.codebook = list(codebook)
        # The field as typed before → completed it, and as → left it: → again there offers
        # the next tag it completes to.
        self._completed = ("", "")

    def action_cursor_right(self, select: bool = False) -> None:
        """At the end: the inline suggestion (:func:`complete_last_tag`, as a shell completes
        a word), then on each press again the next tag what was typed completes to, as a
        shell's tab does; else the first listed tag whose level starts with what is typed
        (``mil`` -> ``policy/militarization``); elsewhere a plain move."""
        if select or not self.cursor_at_end:
            super().action_cursor_right(select)
            return
        stem, completed = self._completed
        if self._suggestion:
            typed = self.value
            super().action_cursor_right(select)
            self._completed = (typed, self.value)
            return
        if completed == self.value:
            following = next_completion(stem, self.value, self.codebook)
            if following is not None:
                self.value = following
                self.cursor_position = len(self.value)
                self._completed = (stem, self.value)
                return
        _head, _sep, last = self.value.rpartition(",")
        matches = matching_tags(self.value, self.codebook, limit=1)
        if last.strip() and matches:
            self.value = replace_last_tag(self.value, matches[0])
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)


# How tags are written, in words of no corpus's subject (the sample corpus's own codes,
# "protest, policy/militarization", were shown to every project): widest first.
TAGS_PLACEHOLDERS = (
    "e.g. theme, theme/sub-theme (a comma between tags)",
    "e.g. theme, theme/sub-theme",
    "tags",
)
TAGS_HINTS = "→ complete · enter save · tab to the note · esc cancel"
NOTE_HINTS = "enter new line · ctrl+s save · shift+tab to the tags · esc cancel"
# The same keys where the box is narrow (60 columns).
TAGS_KEYS = (
    TAGS_HINTS,
    "→ complete · enter save · tab note · esc cancel",
    "enter save · tab note · esc cancel",
    "enter save · esc cancel",  # a box 40 columns wide
    "enter save · esc",
    "enter · esc",  # a box 20 columns wide
)
NOTE_KEYS = (
    NOTE_HINTS,
    "ctrl+s save · shift+tab tags · esc cancel",
    "ctrl+s save · esc cancel",
    "ctrl+s save · esc",
    "ctrl+s · esc",  # a box 20 columns wide
)


class AnnotateDialog(Dialog[AnnotationDraft | None]):
    """Tags and note for a passage; dismisses with an :class:`AnnotationDraft` or None.

    ``counts`` (annotations per tag) puts the most used tags first in the completion.

    With ``save``, the dialog saves what ``save(draft)`` gives before it closes
    (:meth:`~tui_reader.ui.screens.dialog.Dialog.save_typed`): when it is refused (read-only
    database, disk full, the user stopped waiting for another tui-reader) the error is shown
    and the dialog stays open with everything typed, so nothing is lost and nothing pretends to
    be saved.
    """

    DEFAULT_CSS = """
    AnnotateDialog > .dialog-box {
        width: 76;
    }
    AnnotateDialog #annotate-quote {
        color: $text-muted;
        text-style: italic;
        max-height: 4;
        margin-bottom: 1;
    }
    AnnotateDialog #annotate-matches {
        margin-bottom: 1;
    }
    AnnotateDialog #annotate-note {
        height: 6;
    }
    /* A short terminal (40x12): every part on one or a few lines, no blank line between
       them, so the box fits whole; scrolled to the field, it hid the quote being coded. */
    AnnotateDialog.-short #annotate-quote {
        max-height: 2;
        margin-bottom: 0;
    }
    AnnotateDialog.-short #annotate-tags-label {
        display: none;  /* the field's placeholder says it */
    }
    AnnotateDialog.-short #annotate-tags {
        height: 1;
        border: none;
        padding: 0 1;
    }
    AnnotateDialog.-short #annotate-matches {
        margin-bottom: 0;
    }
    AnnotateDialog.-short #annotate-note {
        height: 3;
        border: none;
    }
    """
    # Below this many rows the box would not fit whole (its parts need 20).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    # In the memo's and the journal's order: their footers read "^s Save  esc Cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="annotate.save"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel"),
    ]

    def __init__(
        self,
        quote: str,
        codebook: Sequence[Tag],
        tags: Sequence[str] = (),
        note: str = "",
        title: str = "Annotate",
        save: Callable[[AnnotationDraft], Saving[Any]] | None = None,
        counts: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__()
        self.save = save
        self.quote = quote
        self.codebook = list(codebook)
        self.palette = TagPalette(self.codebook)  # colours follow the codebook's own order
        # Completion offers the most used tags first, then as every list of codes: t1, t2, t14.
        used = counts or {}
        self.names = sorted(
            (tag.name for tag in self.codebook), key=lambda n: (-used.get(n, 0), tag_order(n))
        )
        # The codebook's tags and the parents they imply (``policy`` of ``policy/border``):
        # a tag typed that is none of them is a new one.
        self._known = {
            "/".join(name.split("/")[: depth + 1])
            for name in self.names
            for depth in range(name.count("/") + 1)
        }
        self.initial_tags = tuple(tags)
        self.initial_note = note
        self.title_text = title
        # Held, not looked up: a late refit of the keys (the terminal resized as the dialog
        # closed) came once its parts were gone, and a look-up stopped the app.
        self.box = Vertical(id="annotate-box", classes="dialog-box")
        self.note = TextEditor(self.initial_note, id="annotate-note", soft_wrap=True)

    def compose(self) -> ComposeResult:
        names = self.names
        with self.box as box:
            box.border_title = self.title_text
            box.border_subtitle = TAGS_HINTS
            yield Static(self._quote_text(), id="annotate-quote")
            yield Label(
                "Tags (comma-separated, parent/child allowed)",
                classes="dialog-label",
                id="annotate-tags-label",
            )
            yield TagsInput(
                names,
                value=format_tags(self.initial_tags) + (", " if self.initial_tags else ""),
                placeholders=TAGS_PLACEHOLDERS,
                id="annotate-tags",
            )
            yield Static(id="annotate-matches", classes="dialog-matches")
            yield Label("Note", classes="dialog-label")
            yield self.note
            yield Static(id="annotate-error", classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        self._count_in_worker()
        # A note being edited is added to at its end (tab to it put the cursor before its
        # first word: what was typed went in front, glued to it).
        self.note.move_cursor(self.note.document.end)
        tags = self.query_one("#annotate-tags", TagsInput)
        focus_now(tags)
        tags.cursor_position = len(tags.value)
        self._show_matches(tags.value)

    def on_descendant_focus(self) -> None:
        self.keys_changed()

    def keys_changed(self) -> None:
        """The hints under the box are those of the focused field."""
        self.fit_keys(self.box, *(NOTE_KEYS if self.note.has_focus else TAGS_KEYS))

    def _quote_text(self, characters: int | None = None) -> Text:
        """The quote's beginning and its length in characters as the eye sees them, as the
        status line counts the selection; ``…`` while a worker counts a long quote
        (:meth:`_count_in_worker`)."""
        from tui_reader.core.documents.units import character_count, long_count_waits

        shown = excerpt(self.quote, QUOTE_WIDTH)
        quote = self.quote
        if characters is None and long_count_waits(quote, 0, len(quote)):
            return Text(f"“{shown}”  (… characters)")
        if characters is None:
            characters = character_count(quote, 0, len(quote))
        return Text(f"“{shown}”  ({counted(characters, 'character')})")

    def _count_in_worker(self) -> None:
        """A long quote's first count loads numpy and makes the break classes' table (a third
        of a second, once a run): done in a worker, not on the app's thread as the dialog
        opens, the count shown once it is known."""
        from tui_reader.core.documents.units import character_count, long_count_waits

        quote = self.quote
        if not long_count_waits(quote, 0, len(quote)):
            return
        label = self.query_one("#annotate-quote", Static)

        def count() -> None:
            characters = character_count(quote, 0, len(quote))
            deliver(label, lambda: label.update(self._quote_text(characters)))

        self.run_worker(
            count,
            thread=True,
            description="counting the quote's characters",
            exit_on_error=False,
        )

    @on(Input.Changed, "#annotate-tags")
    def _tags_changed(self, event: Input.Changed) -> None:
        self._show_matches(event.value)

    def _show_matches(self, value: str) -> None:
        names = self.names
        matches = matching_tags(value, names)
        line = Text()
        head, _sep, last = value.rpartition(",")
        # Every tag typed that the codebook does not have (the one being typed once nothing
        # completes it): "new tag:" named only the last, though each of them is made.
        new = [t for t in parse_tags(head, names) if t not in self._known]
        # The tag being typed is new unless a tag's name goes on from it (being completed):
        # "fear" typed beside emotion/fear made a code "fear" at enter, though unsaid.
        typed = normalise_tag(last)
        completed = any(n.casefold().startswith(typed.casefold()) for n in matches)
        if typed and not completed and parse_tags(typed, names)[0] not in self._known:
            new.append(typed)
        new = list(dict.fromkeys(new))
        # a//b typed is the code a/b: said beside it, as the command line says it
        dropped = {normalise_tag(p) for p in value.split(",") if has_empty_level(p)}
        if new:
            line.append("new tags: " if len(new) > 1 else "new tag: ")
            for n, name in enumerate(new):
                line.append(", " if n else "")
                line.append(name, style="bold")
                # migración/viaje typed where the codebook has migracion/viaje: a second
                # code, nothing offered beside it (the completion keeps the accents)
                near = spelled_nearly(name, names)
                if near is not None:
                    line.append(f" (the codebook has {near})", style="italic")
                if name in dropped:
                    line.append(" (an empty level between '/' dropped)", style="italic")
            line.append("  " if matches else "")
        elif not names:
            line.append("No tags yet: type a name to create one")
        for name in matches:
            line.append(f" {name} ", style=self.palette.colour(name).style)
            line.append(" ")
        self.query_one("#annotate-matches", Static).update(line)

    @on(Input.Submitted, "#annotate-tags")
    def _submitted(self) -> None:
        self.action_save()

    def draft(self) -> AnnotationDraft:
        """The tags and note as they stand in the fields."""
        names = self.names
        tags = parse_tags(self.query_one("#annotate-tags", TagsInput).value, names)
        note = self.note.text.strip()
        return AnnotationDraft(tags, note)

    def action_save(self) -> None:
        if self.app.screen is not self:
            return  # closed already: an enter queued behind the one that saved
        draft, save = self.draft(), self.save
        if save is None:
            self.dismiss(draft)
        else:
            self.save_typed(lambda: save(draft), lambda _: self.dismiss(draft))

    def typed(self) -> bool:
        """True when the fields differ from what the dialog opened with."""
        draft = self.draft()
        initial = AnnotationDraft(
            parse_tags(format_tags(self.initial_tags), self.names), self.initial_note.strip()
        )
        return draft != initial

    def typed_draft(self) -> str:
        tags = self.query_one("#annotate-tags", TagsInput).value.strip().rstrip(",")
        return f"{self.title_text}: {self.quote}\n\nTags: {tags}\n\nNote:\n{self.note.text}"

    def action_cancel(self) -> None:
        self.close_asking("Discard the tags and note typed here?", lambda: self.dismiss(None))
