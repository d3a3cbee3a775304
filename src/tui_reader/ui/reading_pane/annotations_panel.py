"""The annotations panel: a document's annotations in reading order, then its orphans.

Each row shows the passage in full (wrapped), its tags as coloured chips, its note, and the
anchor state (``≈`` re-anchored approximately, ``orphan``).  ``enter`` jumps to an annotation,
``r`` re-attaches an orphan (or a ``≈`` one) to the reader's current selection, ``c`` accepts a
``≈`` one where it is, ``x`` deletes, ``escape`` goes back to the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import notify_info, notify_warning
from tui_reader.ui.widgets.steady_option_list import SteadyOptionList

EXCERPT_WIDTH = 60  # code points of quote per row


def annotation_row(
    annotation: Annotation,
    palette: TagPalette,
    width: int = EXCERPT_WIDTH,
    *,
    coder: bool = False,
) -> Text:
    """One panel row: the anchor mark and the passage in full (it wraps, never cut), then its
    tags and note, drawn as every passage list draws them (:func:`passage_body`), and
    (``coder``: the panel lists more than one coder's) whose it is, as those lists say it."""
    # The passage lists' module loads with the first row: the first screen shows none.
    from tui_reader.core.display import shown
    from tui_reader.ui.widgets.passage_list import passage_body

    row = Text()
    if annotation.status == AnchorStatus.ORPHAN:
        row.append("orphan ", style="bold red")
    elif annotation.status == AnchorStatus.FUZZY:
        row.append("≈ ", style="bold yellow")
    row.append_text(passage_body(annotation, palette, untagged="(no tags)"))
    if coder:
        row.append(f"  by {shown(annotation.coder or '?')}", style="italic")
    return row


# The panel's keys on its border (not in the footer, which keeps `? Help`), in fewer words
# each time: the first that fits the border whole is shown (Textual cut a line too long in a
# word, "enter go · c accept ≈ · r re-att…", the keys at its end lost).
_KEYS = ("enter go · r re-attach · x delete", "r re-attach · x delete", "r re-attach")
_KEYS_FUZZY = (  # while a passage found again (≈) waits to be accepted
    "enter go · c accept ≈ · r re-attach · x delete",
    "c accept ≈ · r re-attach · x delete",
    "c accept ≈ · r re-attach · x del",
    "c accept ≈ · r re-attach",
    "c accept ≈",
)


def _panel_list_class() -> type[SteadyOptionList]:
    """The panel's list: a burst's keys behind ``enter`` follow the focus to the text (see
    :class:`~tui_reader.ui.widgets.key_bursts.KeysFollowFocus`), and ``enter`` goes to the
    annotation at once (an ``OptionSelected`` posted came behind those keys, which the list
    had taken meanwhile: ``j`` moved its cursor, not the caret)."""
    from tui_reader.ui.widgets.key_bursts import KeysFollowFocus

    class PanelList(SteadyOptionList, KeysFollowFocus):
        def action_select(self) -> None:
            panel = self.parent
            if isinstance(panel, AnnotationsPanel):
                panel.action_select()
            else:  # pragma: no cover - the list lives in the panel
                super().action_select()

    return PanelList


class AnnotationsPanel(Vertical):
    """Lists annotations; posts :class:`Jump`, :class:`Reattach`, :class:`Delete` and
    :class:`Leave` (``escape``)."""

    DEFAULT_CSS = """
    AnnotationsPanel {
        width: 1fr;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
    }
    AnnotationsPanel:focus-within {
        border: round $primary;
        border-title-color: $primary;
    }
    AnnotationsPanel > #annotations-empty {
        color: $text-muted;
        padding: 0 1;
    }
    AnnotationsPanel > OptionList {
        height: 1fr;
        background: transparent;
    }
    /* compact drops the list's border and the rows' padding: the rows' quotes touched the
       panel's border ("│We crossed"), where the codebook's passages stand a cell off it */
    AnnotationsPanel > OptionList.-textual-compact > .option-list--option {
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("annotations")

    class Request(FieldMessage):
        """The user asked for something about ``annotation`` (the subclasses say what)."""

        annotation: Annotation

    class Jump(Request):
        """Go to the annotation."""

    class Reattach(Request):
        """Re-attach the (orphaned) annotation to the current selection."""

    class Carry(Request):
        """Take the orphan to another document: listed in the panel of every document."""

    class Confirm(Request):
        """Accept the approximate place of a fuzzy annotation."""

    class Delete(Request):
        """Delete the annotation."""

    class Leave(Message):
        """The user asked to go back to the text (the panel stays open)."""

    # Bound to the reading pane's: the document's annotations and the codebook (colours).
    annotations: reactive[tuple[Annotation, ...]] = reactive((), init=False)
    codebook: reactive[tuple[Tag, ...]] = reactive((), init=False)
    # Orphans of documents that cannot be read (a file renamed and edited), chosen in the
    # codebook to be placed in the document shown: listed last, ``r`` re-attaches them here.
    carried: reactive[tuple[Annotation, ...]] = reactive((), init=False)

    def __init__(self, codebook: Sequence[Tag] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.palette = TagPalette(codebook)
        self._by_id: dict[str, Annotation] = {}
        self._annotations: list[Annotation] = []  # in the list's order
        self._carried: list[Annotation] = []  # the carried ones not already this document's
        self._row_width = EXCERPT_WIDTH
        # Asked for before the list was composed or filled (the panel is mounted the moment
        # it is wanted, its annotations bound a moment later):
        self._composed = False
        self._wanted: str | None = None  # the annotation to highlight once listed
        self._focus_when_composed = False
        self._key_forms: tuple[str, ...] = _KEYS  # the border's keys, in shorter forms

    def compose(self) -> ComposeResult:
        yield Static("No annotations in this document.", id="annotations-empty")
        yield _panel_list_class()(id="annotations-list", compact=True)

    def on_mount(self) -> None:
        self._composed = True
        self.border_title = "Annotations"
        self._key_forms = _KEYS
        self._fit_keys()
        self._refresh_list()
        if self._focus_when_composed:
            self.focus_list()

    def _fit_keys(self) -> None:
        """The border's keys: the first of their forms that fits the panel's width whole."""
        from tui_reader.ui.widgets.border_fit import fit_subtitle

        fit_subtitle(self, self._key_forms)

    def on_resize(self) -> None:
        self._fit_keys()
        width = max(16, self.content_region.width - 1)
        if width != self._row_width:
            self._row_width = width
            self._refresh_list()

    def set_annotations(
        self, annotations: Sequence[Annotation], codebook: Sequence[Tag] | None = None
    ) -> None:
        """Show ``annotations``: placed ones by position, then the orphans."""
        if codebook is not None:
            self.codebook = tuple(codebook)
        self.annotations = tuple(annotations)

    def watch_codebook(self, codebook: tuple[Tag, ...]) -> None:
        self.palette = TagPalette(codebook)
        if self._composed:
            self._refresh_list()

    def watch_annotations(self) -> None:
        self._arrange()

    def watch_carried(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        annotations = self.annotations
        placed = [a for a in annotations if a.status != AnchorStatus.ORPHAN]
        orphans = [a for a in annotations if a.status == AnchorStatus.ORPHAN]
        placed.sort(key=lambda a: (a.start, -a.end, a.created))
        orphans.sort(key=lambda a: (a.start, a.created))
        own = {a.id for a in annotations}
        self._carried = [a for a in self.carried if a.id not in own]
        self._annotations = placed + orphans + self._carried
        self._by_id = {a.id: a for a in self._annotations}
        if self._composed:
            self._refresh_list()

    def _refresh_list(self) -> None:
        option_list = self.query_one("#annotations-list", OptionList)
        previous = option_list.highlighted_option
        listed = option_list.option_count > 0
        options: list[Option | None] = []
        carried = {a.id for a in self._carried}
        placed = [
            a for a in self._annotations if a.status != AnchorStatus.ORPHAN and a.id not in carried
        ]
        orphans = [
            a for a in self._annotations if a.status == AnchorStatus.ORPHAN and a.id not in carried
        ]
        from tui_reader.ui.widgets.passage_list import several_coders

        # a team's database: the same words coded alike by each coder are told apart
        coder = several_coders(self._annotations)
        for annotation in placed:
            options.append(
                Option(
                    annotation_row(annotation, self.palette, self._row_width, coder=coder),
                    id=annotation.id,
                )
            )
        if orphans:
            options.append(
                Option(
                    Text(
                        f"Orphaned ({len(orphans)}): esc, select the passage in the text, "
                        "then A back here and r to re-attach (m: to another document)",
                        style="bold",
                    ),
                    id="annotations-orphans-heading",
                    disabled=True,
                )
            )
            for annotation in orphans:
                options.append(
                    Option(
                        annotation_row(annotation, self.palette, self._row_width, coder=coder),
                        id=annotation.id,
                    )
                )
        if self._carried:
            options.append(
                Option(
                    Text(
                        f"To place here ({len(self._carried)}), from other documents: esc, "
                        "select the passage in the text, then A back here and r",
                        style="bold",
                    ),
                    id="annotations-carried-heading",
                    disabled=True,
                )
            )
            from tui_reader.core.display import shown

            for annotation in self._carried:
                row = Text(f"{shown(annotation.document)}: ", style="dim")
                row.append_text(
                    annotation_row(annotation, self.palette, self._row_width, coder=coder)
                )
                options.append(Option(row, id=annotation.id))
        option_list.set_options(options)
        # the key that takes a ≈ away, said while one is listed (an orphan's heading says r)
        fuzzy = any(a.status == AnchorStatus.FUZZY for a in placed)
        self._key_forms = _KEYS_FUZZY if fuzzy else _KEYS
        self._fit_keys()
        if listed and option_list.has_focus and not self._annotations:
            # The last one was deleted from the list: hidden, the list would lose the focus
            # to nothing, and no key (u to undo, A to close) would be heard.
            self.post_message(self.Leave())
        self.query_one("#annotations-empty").display = not self._annotations
        option_list.display = bool(self._annotations)
        self.border_title = (
            f"Annotations ({len(placed)})"
            + (f" · {len(orphans)} orphaned" if orphans else "")
            + (f" · {len(carried)} to place" if carried else "")
        )
        if previous is not None and previous.id in self._by_id:
            self.highlight(previous.id)
        elif self._wanted in self._by_id:
            self.highlight(self._wanted)
        elif self._annotations:  # the first annotation (an orphan's row under its heading)
            self.highlight(self._annotations[0].id)
        if self._annotations:
            self._wanted = None

    def highlight(self, annotation_id: str | None) -> None:
        """Move the list's cursor to ``annotation_id`` (no message is posted)."""
        if not self._composed or not self._annotations:
            self._wanted = annotation_id
            return
        if annotation_id is None or annotation_id not in self._by_id:
            return
        option_list = self.query_one("#annotations-list", OptionList)
        option_list.highlighted = option_list.get_option_index(annotation_id)

    @property
    def current(self) -> Annotation | None:
        """The annotation under the list's cursor."""
        if not self._composed:
            return None
        option = self.query_one("#annotations-list", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(option.id)

    @property
    def composed(self) -> bool:
        """Whether the list is composed (the panel is mounted the moment it is first wanted)."""
        return self._composed

    def focus_list(self) -> None:
        if not self._composed:
            self._focus_when_composed = True
            return
        focus_now(self.query_one("#annotations-list", OptionList))

    @on(OptionList.OptionSelected, "#annotations-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        annotation = self._by_id.get(event.option.id or "")
        if annotation is not None:
            self._go(annotation)

    def action_reattach(self) -> None:
        if (annotation := self.current) is None:
            return
        if annotation.status == AnchorStatus.ANCHORED and annotation not in self._carried:
            # Moving a well-anchored highlight by accident would be worse than a no-op.
            notify_warning(
                self,
                "This annotation is anchored; only orphaned or approximately re-anchored (≈) "
                "ones can be re-attached.",
            )
            return
        self.post_message(self.Reattach(annotation))

    # Called with the annotation chosen, at once (the pane sets it): the focus is on the text
    # before the keys typed behind enter are looked at.  Without it, Jump is posted.
    jump_now: Callable[[Annotation], None] | None = None

    def action_select(self) -> None:
        """``enter``: go to the annotation under the list's cursor."""
        if (annotation := self.current) is not None:
            self._go(annotation)

    def _go(self, annotation: Annotation) -> None:
        if self.jump_now is not None:
            self.jump_now(annotation)
        else:
            self.post_message(self.Jump(annotation))

    def action_carry(self) -> None:
        if (annotation := self.current) is None:
            return
        if annotation.status != AnchorStatus.ORPHAN or annotation in self._carried:
            notify_info(
                self,
                "Only an orphan of this document is taken to another one (m): "
                "an annotation in place is moved by deleting it and annotating anew.",
            )
            return
        self.post_message(self.Carry(annotation))

    def action_confirm(self) -> None:
        if (annotation := self.current) is None:
            return
        if annotation.status != AnchorStatus.FUZZY:
            notify_info(self, "Only an approximately re-anchored (≈) annotation needs accepting.")
            return
        self.post_message(self.Confirm(annotation))

    # The list verbs (keymap.list_keys), whichever of the panel's widgets has focus.

    def action_cursor_down(self) -> None:
        self.query_one("#annotations-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#annotations-list", OptionList).action_cursor_up()

    def action_first(self) -> None:
        self.query_one("#annotations-list", OptionList).action_first()

    def action_last(self) -> None:
        self.query_one("#annotations-list", OptionList).action_last()

    # Called at once on escape (the pane sets it), as jump_now on enter: the focus is on the
    # text before the keys typed behind escape are looked at ("j" moved the list's cursor).
    # Without it, Leave is posted.
    leave_now: Callable[[], None] | None = None

    def action_leave(self) -> None:
        if self.leave_now is not None:
            self.leave_now()
        else:
            self.post_message(self.Leave())

    def action_delete(self) -> None:
        annotation = self.current
        if annotation is not None:
            self.post_message(self.Delete(annotation))
