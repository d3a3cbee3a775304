"""Passages shown in full: one widget for every list of coded passages (the query view, the
reports' drill-down).  Each passage is wrapped to the list's width and never cut: a heading
(anchor mark, document title, line, note mark), the line of context before it (dim), the
passage itself in its code's colour, the line after (dim), then its codes and its note.

Titles, quotes, notes and tag names are user data: they are shown as plain :class:`Text`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePosixPath

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.widgets.option_list import Option

from tui_reader.core.analysis.context import PassageInContext
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.codebook.names import name_up_to_its_bound
from tui_reader.core.display import shown, shown_block, shown_text, shown_text_block
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui.widgets.growing_option_list import GrowingOptionList

NOTE_MARK = "✎"
MIN_TITLE_CELLS = 12  # a title cut to fit the heading's line keeps at least these cells


def tag_chips(tags: Sequence[str], palette: TagPalette) -> Text:
    """Tags as coloured chips, in the colours their highlights are drawn in."""
    chips = Text()
    for index, name in enumerate(tags):
        if index:
            chips.append(" ")
        chips.append(f" {shown(name_up_to_its_bound(name))} ", style=palette.colour(name).style)
    return chips


def note_shown(note: str, style: str = "") -> Text:
    """A note as a passage list and the side panel show it: whole up to
    :data:`SHOWN_CHARACTERS`, else its start and how much is left (a note of 1 MB, a
    transcript pasted into it, was wrapped whole each time the caret came onto its passage,
    the app frozen for seconds; the edit dialog, ``e``, has it whole)."""
    start, left = _up_to(note, SHOWN_CHARACTERS)
    text = Text(shown_block(start), style=style)
    if left:
        text.append(f" … {left:,} more characters (e on its passage edits it whole)", style="dim")
    return text


def titles_shared(passages: Iterable[Passage]) -> frozenset[str]:
    """The titles two documents or more among ``passages`` have: their headings name their
    files (two copies of an article, transcripts headed alike, read as one document)."""
    documents = {(p.annotation.document, p.title) for p in passages}
    per_title = Counter(title for _key, title in documents)
    return frozenset(title for title, count in per_title.items() if count > 1)


def several_coders(annotations: Iterable[Annotation]) -> bool:
    """Whether ``annotations`` were made by more than one coder: each passage of a list of
    them says whose it is."""
    first: str | None = None
    for annotation in annotations:
        if first is None:
            first = annotation.coder
        elif annotation.coder != first:
            return True
    return False


def passage_heading(
    passage: Passage,
    page: int | None = None,
    speaker: str = "",
    *,
    named: bool = False,
    coder: bool = False,
    width: int = 0,
    label: str = "",
) -> Text:
    """Anchor mark, document title (``named``: after its file's name), ``label`` (what the
    list is ordered by: ``group: news``), page, speaker, line, note mark and (``coder``) whose
    passage it is, on one line.  ``width``: the cells the line has; a title too long for them
    is cut with "…" (wrapped, a long title took the four lines of a list at 40x12 and its
    passage was never in sight)."""
    annotation = passage.annotation
    heading = Text(no_wrap=False)
    if annotation.status == AnchorStatus.ORPHAN:
        heading.append("orphan ", style="bold red")
    elif annotation.status == AnchorStatus.FUZZY:
        heading.append("≈ ", style="bold yellow")
    mark = heading.cell_len
    if named:
        heading.append(shown(PurePosixPath(annotation.document).name), style="bold")
        heading.append(" · ")
    title = shown_text(passage.title)
    if width > 0:
        rest = passage_heading(passage, page, speaker, coder=coder, label=label)
        room = width - heading.cell_len - (rest.cell_len - mark - cell_len(title))
        kept = max(MIN_TITLE_CELLS, room)  # a title shorter than this is never cut (or padded)
        if cell_len(title) > kept:
            title = set_cell_size(title, kept - 1) + "…"
    heading.append(title, style="bold")
    parts: list[tuple[str, str]] = []
    if label:
        parts.append((shown(label), "dim"))
    if page is not None:
        parts.append((f"page {page}", "dim"))
    if speaker:
        parts.append((shown(speaker), "italic"))
    if passage.line is not None:
        parts.append((f"line {passage.line}", "dim"))
    if annotation.note:
        parts.append((NOTE_MARK, "bold"))
    if coder:
        parts.append((f"by {shown(annotation.coder or '?')}", "italic"))
    # Too long for ``width`` (a short title is never cut), the heading goes on to its next
    # line between two parts: wrapped at its spaces it read "... line 1  by" / "root".
    line = heading.cell_len
    for part, style in parts:
        if width > 0 and line + 2 + cell_len(part) > width:
            heading.append("\n")
            heading.append(part, style=style)
            line = cell_len(part)
        else:
            heading.append(f"  {part}", style=style)
            line += 2 + cell_len(part)
    return heading


def full_passage(
    item: PassageInContext,
    palette: TagPalette,
    skip_tag: str = "",
    *,
    named: bool = False,
    coder: bool = False,
    width: int = 0,
    label: str = "",
) -> Text:
    """The passage in full with its heading (``named``: with its file's name; ``coder``: with
    whose it is; ``width``: its title cut to keep it one line; ``label``: what the list is
    ordered by), context, codes (but ``skip_tag``) and note."""
    text = passage_heading(
        item.passage, item.page, item.speaker, named=named, coder=coder, width=width,
        label=label,
    )  # fmt: skip
    text.append("\n")
    text.append_text(passage_body(item.annotation, palette, item.before, item.after, skip_tag))
    return text


SHOWN_CHARACTERS = 4_000  # a passage longer than this (a whole book's paragraph) shows its start


def _up_to(text: str, limit: int) -> tuple[str, int]:
    """``text``, or its first ``limit`` code points ending at a space where there is one, and
    how many are left out: wrapping a passage of a million characters in a list would hold
    the screen for minutes at every paint."""
    if len(text) <= limit:
        return text, 0
    cut = text.rfind(" ", limit // 2, limit)
    cut = limit if cut < 0 else cut
    return text[:cut], len(text) - cut


def passage_body(
    annotation: Annotation,
    palette: TagPalette,
    before: str = "",
    after: str = "",
    skip_tag: str = "",
    *,
    untagged: str = "",
) -> Text:
    """The passage in full (it wraps; past :data:`SHOWN_CHARACTERS` its start and how much
    is left), in its code's colour, between its context;
    then its codes (but ``skip_tag``; ``untagged`` when it has none) and its note."""
    text = Text()
    if before:
        text.append(shown_text(before), style="dim")
    quote, left = _up_to(annotation.quote.strip("\n"), SHOWN_CHARACTERS)
    text.append(shown_text_block(quote), style=palette.annotation_colour(annotation).style)
    if left:
        text.append(f" … {left:,} more characters (enter opens the passage)", style="dim")
    if after:
        text.append(shown_text(after), style="dim")
    tags = [t for t in annotation.tags if t != skip_tag]
    if tags or annotation.note or untagged:
        text.append("\n")
        if tags:
            text.append_text(tag_chips(tags, palette))
        elif untagged:
            text.append(untagged, style="dim")
        if annotation.note:
            text.append(f"{'  ' if tags or untagged else ''}{NOTE_MARK} ", style="bold")
            text.append_text(note_shown(annotation.note.strip(), "italic"))
    return text


class PassageList(GrowingOptionList):
    """Passages in full, one option each; ``passages`` is what is shown (their options are
    made as they come near the screen)."""

    DEFAULT_CSS = """
    PassageList > .option-list--option {
        padding: 0 1;
    }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.passages: list[PassageInContext] = []
        # What the options were made with (see on_resize): the palette, the code left out,
        # the label, and the width their headings were cut for.
        self._made_with: tuple[TagPalette, str, Callable[[PassageInContext], str] | None] | None = (
            None
        )
        self._made_width = 0
        # Where a character typed here that no key of the list or its screen takes goes
        # (the query view's query, at its end); None: nowhere, as any list.
        self.typed_elsewhere: Callable[[str], None] | None = None

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)  # a binding of the list's chain run at once, if any
        typed = self.typed_elsewhere
        character = event.character
        if typed is None or event._stop_propagation or not event.is_printable or not character:
            return
        if self.app.focused is self:  # (else passed on to where the focus went)
            event.stop()
            event.prevent_default()
            typed(character)

    def show(
        self,
        passages: Sequence[PassageInContext],
        palette: TagPalette,
        skip_tag: str = "",
        *,
        label: Callable[[PassageInContext], str] | None = None,
    ) -> None:
        """List ``passages``, keeping the cursor on the same one when it is still listed;
        ``label``: what each passage's heading says the list is ordered by (its document's
        value of the attribute: ``group: news``)."""
        previous = self.current
        shown_now = self.passages = list(passages)
        at = None
        if previous is not None:
            at = next(
                (i for i, p in enumerate(shown_now) if p.annotation.id == previous.annotation.id),
                None,
            )

        shared = titles_shared(item.passage for item in shown_now)
        several = several_coders(item.annotation for item in shown_now)
        width = self._room()
        self._made_with, self._made_width = (palette, skip_tag, label), width

        def make(start: int, end: int) -> list[Option]:
            return [
                Option(
                    full_passage(
                        item,
                        palette,
                        skip_tag,
                        named=item.passage.title in shared,
                        coder=several,
                        width=width,
                        label="" if label is None else label(item),
                    ),
                    id=item.annotation.id,
                )
                for item in shown_now[start:end]
            ]

        self.grow_options(len(shown_now), make, reach=at or 0, rules=True)
        if at is not None:
            self.highlighted = at
        elif shown_now:
            self.highlighted = 0

    def _room(self) -> int:
        """The options' room: the list's, less its padding and the scrollbar it may get."""
        return self.scrollable_content_region.width - 2 - 2 if self.is_mounted else 0

    def on_resize(self) -> None:
        """The passages made again for a new width (the terminal resized): each heading's
        title was cut for the width the list had when they were made, and at 50x15 after
        120x40 a heading wrapped over three lines, the passage itself below the list's end."""
        if self.passages and self._made_with is not None and self._room() != self._made_width:
            palette, skip_tag, label = self._made_with
            self.show(self.passages, palette, skip_tag, label=label)

    @property
    def current(self) -> PassageInContext | None:
        """The passage under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.passages):
            return None
        return self.passages[index]
