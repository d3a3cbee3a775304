"""The side panel showing the annotation under the caret in full: tags, quote, note, status,
coder and dates."""

from __future__ import annotations

from collections.abc import Sequence

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.codebook.names import name_up_to_its_bound
from tui_reader.core.display import shown
from tui_reader.reading.highlights import TagPalette, excerpt
from tui_reader.ui.widgets.breaking_text import BreakingText, PartedText

NUMBER_KEYS = 9  # keys 1-9 apply the codebook's first nine tags
QUOTE_WIDTH = 400  # code points of the quote shown; the note whole up to a bound (_note)

STATUS_LABELS = {
    AnchorStatus.ANCHORED: "",
    AnchorStatus.FUZZY: "re-anchored approximately (the text changed)",
    AnchorStatus.ORPHAN: "orphaned: its passage is no longer in the document",
}


def _when(stamp: str) -> str:
    """An ISO 8601 UTC stamp as ``2026-11-20 10:00 UTC`` (unchanged when not of that form)."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


class AnnotationDetails(Static):
    """Shows :attr:`annotation` (tags, quote, note, status, coder, dates), or a hint when
    None."""

    DEFAULT_CSS = """
    AnnotationDetails {
        width: 1fr;
        height: auto;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
    }
    AnnotationDetails.-empty {
        color: $text-muted;
    }
    """

    annotation: reactive[Annotation | None] = reactive(None, always_update=True)
    codebook: reactive[tuple[Tag, ...]] = reactive((), init=False)

    def __init__(self, codebook: Sequence[Tag] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.palette = TagPalette(codebook)
        self.set_reactive(AnnotationDetails.codebook, tuple(codebook))

    def on_mount(self) -> None:
        self.border_title = "Annotation"

    def set_codebook(self, codebook: Sequence[Tag]) -> None:
        """Use the colours of ``codebook`` and show its first nine tags with their number keys
        (call when tags were added or recoloured)."""
        self.codebook = tuple(codebook)

    def watch_codebook(self, codebook: tuple[Tag, ...]) -> None:
        self.palette = TagPalette(codebook)
        self.mutate_reactive(AnnotationDetails.annotation)

    def watch_annotation(self, annotation: Annotation | None) -> None:
        self.set_class(annotation is None, "-empty")
        self.update(Group(self.describe(annotation), self.number_keys()))

    def number_keys(self) -> RenderableType:
        """``1 tag  2 tag ...``: which tag each of the keys 1-9 applies, each key beside its
        tag however narrow the panel (wrapped as words, a line ended with "5" and began with
        its tag)."""
        if not self.codebook:
            return Text("Keys 1-9 tag with the codebook's first tags (none yet).", style="dim")
        entries = []
        for index, tag in enumerate(self.codebook[:NUMBER_KEYS]):
            entry = Text(no_wrap=True, overflow="ellipsis")
            entry.append(f"{index + 1}", style="bold")
            entry.append(" ")
            name = shown(name_up_to_its_bound(tag.name))
            entry.append(f" {name} ", style=self.palette.colour(tag.name).style)
            entries.append(entry)
        return Columns(entries, padding=(0, 1))

    def describe(self, annotation: Annotation | None) -> RenderableType:
        """What the panel shows for ``annotation`` (the number keys come below it)."""
        if annotation is None:  # (the keys each whole: a line began with "· a annotate")
            hints = ("v select", "s sentence", "p paragraph", "a annotate", "] next")
            return Group(
                Text("No annotation under the caret.", style="dim"),
                PartedText([Text(hint, style="dim") for hint in hints], style="dim"),
                Text(""),
            )
        parts: list[RenderableType] = []
        if annotation.tags:  # broken after a / or a - (a long code was cut in a word)
            parts.append(BreakingText(_tag_chips(annotation.tags, self.palette)))
        else:
            parts.append(Text("(no tags)", style="dim"))
        parts.append(Text(f"“{excerpt(annotation.quote, QUOTE_WIDTH)}”", style="italic"))
        if annotation.note:
            parts.append(Text("Note", style="bold"))
            parts.append(_note(annotation.note))
        status = STATUS_LABELS.get(annotation.status, "")
        if status:
            parts.append(Text(status, style="bold"))
        dates = [f"by {shown(annotation.coder)}"] if annotation.coder else []
        dates.append(f"created {_when(annotation.created)}")
        if annotation.updated and annotation.updated != annotation.created:
            dates.append(f"edited {_when(annotation.updated)}")
        # each whole on a line where it fits ("UTC" began a line of its own)
        parts.append(PartedText([Text(d, style="dim") for d in dates], style="dim"))
        # Each key beside its word however narrow the panel (as words, "[" ended a line), in
        # a line of parts as the keys said without an annotation (laid out as columns at
        # 80x24, "e edit      x delete  ] next" stood over a lone "[ previous").
        keys = [Text(k, style="dim") for k in ("e edit", "x delete", "] next", "[ previous")]
        parts.extend((PartedText(keys, style="dim"), Text("")))
        return Group(*parts)


class AnnotationSummary(Static):
    """One line under the text for the annotation under the caret, when the side panel is
    closed (a narrow screen): its tags, note and state; ``A`` shows it in full.  Its three
    reactives are bound to the reading pane's."""

    DEFAULT_CSS = """
    AnnotationSummary {
        height: 1;
        text-wrap: nowrap;  /* one line, cut with an ellipsis: never a second line out of view */
        text-overflow: ellipsis;
        padding: 0 1;
        background: $panel;
        display: none;
    }
    AnnotationSummary.-shown {
        display: block;
    }
    """

    annotation: reactive[Annotation | None] = reactive(None, init=False)
    codebook: reactive[tuple[Tag, ...]] = reactive((), init=False)
    side_open: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.palette = TagPalette()

    def watch_codebook(self, codebook: tuple[Tag, ...]) -> None:
        self.palette = TagPalette(codebook)
        self._show()

    def watch_annotation(self) -> None:
        self._show()

    def watch_side_open(self) -> None:
        self._show()

    def _show(self) -> None:
        """The annotation under the caret, unless the side panel shows it (or there is none)."""
        annotation = None if self.side_open else self.annotation
        self.set_class(annotation is not None, "-shown")
        if annotation is not None:
            self.update(self.describe(annotation))

    def describe(self, annotation: Annotation) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        if annotation.tags:
            line.append_text(_tag_chips(annotation.tags, self.palette))
        else:
            line.append("(no tags)", style="dim")
        if annotation.status == AnchorStatus.FUZZY:
            line.append("  ≈", style="bold")
        if annotation.note:
            line.append("  ✎ ", style="bold")
            line.append(shown(" ".join(annotation.note.split())))
        line.append("  · A: details", style="dim")
        return line


def _note(note: str) -> Text:
    """The passage lists' note: whole, up to a bound (their module loads when an annotation
    is first shown)."""
    from tui_reader.ui.widgets.passage_list import note_shown

    return note_shown(note)


def _tag_chips(tags: Sequence[str], palette: TagPalette) -> Text:
    """The passage lists' tag chips (their module loads when an annotation is first shown)."""
    from tui_reader.ui.widgets.passage_list import tag_chips

    return tag_chips(tags, palette)
