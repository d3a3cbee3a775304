"""The reading pane: the text of one document with everything about it, composed here.

Left, the reading column: the document's title, the text view (:class:`ReaderView`), a
one-line summary of the annotation under the caret (when the side panel is closed), the
search prompt and the status line.  Right, the side panel: the annotation under the caret in
full, and the annotations list (``A``).  The side opens by itself when the text keeps its full
measure beside it (so the text never reflows as the caret moves).

The pane owns the shared state as reactives (:attr:`codebook`, :attr:`placed`,
:attr:`current`, :attr:`side_open`) and binds it down to the children that show it; they
send messages up.  Workers post typed messages: :class:`DocumentLoader.DocumentLoaded`,
:class:`AnnotationPlacer.AnnotationsPlaced`, :class:`DocumentSearch.HitsFound`.  The
screen passes the app's store poll on (:meth:`store_changed`).  Offsets are code
points into the document's canonical text, half-open.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.workspace import Workspace
from tui_reader.reading.highlights import HighlightIndex, TagPalette
from tui_reader.reading.marks import Mark
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import notify_error, notify_info, notify_warning
from tui_reader.ui.reading_pane.annotating import Annotating
from tui_reader.ui.reading_pane.annotation_moves import AnnotationMoves
from tui_reader.ui.reading_pane.coders import Coders
from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.reading_pane.placing import AnnotationPlacer
from tui_reader.ui.reading_pane.selecting import Selecting
from tui_reader.ui.widgets.reader import DEFAULT_MEASURE, ReaderView

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from tui_reader.core.analysis.agreement import AgreementRow
    from tui_reader.core.analysis.agreement_units import Unit
    from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
    from tui_reader.ui.reading_pane.details import AnnotationDetails


def _annotation_details_class() -> type[AnnotationDetails]:
    """The annotation in full: its module loads with the side's parts (or the summary line)."""
    from tui_reader.ui.reading_pane.details import AnnotationDetails

    return AnnotationDetails


def _annotations_panel_class() -> type[AnnotationsPanel]:
    """The annotations list: its module loads with the side's parts, when first shown."""
    from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel

    return AnnotationsPanel


HIGHLIGHT_LAYER = "highlights"
# Rows of the side under which the open annotations list has it alone: in a terminal 12 rows
# high the annotation's box and the list's shared five, their borders all that showed.
BOTH_FROM = 10


class ReadingPane(Horizontal):
    """One document: text, search, status, annotations."""

    BLANK = True  # wholly covered by the reading column and the side (see main.MainScreen)

    DEFAULT_CSS = """
    ReadingPane { width: 1fr; height: 1fr; }
    ReadingPane #annotate-details { height: auto; max-height: 50%; }
    ReadingPane #annotate-panel { display: none; }
    ReadingPane #annotate-panel.-open { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("annotate")
    # the side's parts mount when first shown: the help lists their keys before
    MOUNTED_WHEN_SHOWN = (_annotation_details_class, _annotations_panel_class)

    codebook: reactive[tuple[Tag, ...]] = reactive((), init=False)
    placed: reactive[tuple[Annotation, ...]] = reactive((), init=False)  # orphans too
    # orphans of unreadable files, to be placed in the document shown (:meth:`carry`)
    carried: reactive[tuple[Annotation, ...]] = reactive((), init=False)
    # None while a document just opened has its annotations placed (seconds under load):
    # not "0 annotations", which read as work lost
    annotation_count: reactive[int | None] = reactive(0, init=False)
    current: reactive[Annotation | None] = reactive(None, init=False)
    side_open: reactive[bool] = reactive(False, init=False)

    class AnnotationsChanged(FieldMessage):
        """The document ``key`` has ``count`` annotations (loaded, added, edited, deleted),
        ``coverage`` the share of its text coded (0-1)."""

        key: str | None
        count: int
        coverage: float = 0.0

    class PanelToggled(FieldMessage):
        """The annotations panel opened (``open``) or closed; ``cramped``: the text has less
        than its measure beside it (the library may make way)."""

        open: bool
        cramped: bool = False

    def __init__(
        self, workspace: Workspace, *, measure: int = DEFAULT_MEASURE, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.measure = measure
        self.annotator = Annotator(workspace.store)
        self.selecting = Selecting(self)
        self.annotating = Annotating(self)
        self.moves = AnnotationMoves(self)
        self.coders = Coders(self)
        self.placer = AnnotationPlacer(self, workspace)
        self.highlights = HighlightIndex(())
        self._document: Document | None = None  # the document the annotations are for
        self._loads = 0  # placings started; only the latest one's result is shown
        self._changes = 0  # changes made here; a placing started before one is stale
        self._revision: int | None = None  # the store's revision shown (None: placing)
        self._unplaced = False  # the document on show has had none of its annotations placed
        # The panel opened (A) before the passages were placed, with its cursor then (an id,
        # or None): the placing puts it on the caret's passage unless the user moved it.
        self._follow_when_placed: tuple[str | None] | None = None
        self._panel_open = False
        # Where the caret was, and the annotation it was in, when the panel last followed it:
        # a redraw (a placing landing, the database changed elsewhere) with the caret where
        # it was leaves the panel's cursor where the reader put it since (an orphan to
        # re-attach), and only a caret moved, or another annotation under it, moves it.
        self._followed: tuple[int, str | None] | None = None
        self._side_parts: tuple[AnnotationDetails, AnnotationsPanel] | None = None
        self._side_mounting: AwaitMount | None = None  # the side's parts, mounted when first wanted
        self._warned_read_only = False
        self.stripes_shown = False  # coding stripes in the margin (S)
        self.every_coder: tuple[Annotation, ...] = ()  # every coder's, as last placed
        self._landing = False  # a placing's passages being set: every_coder set with them
        self.compared: tuple[str, str] | None = None  # two coders side by side in the margin
        self.disagreements: list[tuple[int, int]] = []  # where the two compared coders differ

    def compose(self) -> ComposeResult:
        pane = ReadingPane
        yield ReadingColumn(self.workspace, measure=self.measure, id="reader-pane").data_bind(
            pane.codebook, pane.current, pane.side_open, annotation_count=pane.annotation_count
        )
        # Its parts mount when the side first shows or is first asked for (:meth:`_side`):
        # at 120 columns a first screen has it hidden, and need not build it (~11 ms).
        yield Vertical(id="side")

    # -- the children ------------------------------------------------------------------------

    @property
    def column(self) -> ReadingColumn:
        return self.query_one(ReadingColumn)

    @property
    def reader(self) -> ReaderView:
        return self.column.reader

    @property
    def annotations(self) -> list[Annotation]:
        """The annotations of the document shown, orphans included."""
        return list(self.placed)

    @property
    def key(self) -> str | None:
        """The key of the document shown."""
        return self.column.key

    @property
    def previewing(self) -> bool:
        """Whether only the beginning of a big file is shown (no annotations then)."""
        return self.column.previewing

    @property
    def details(self) -> AnnotationDetails:
        """The side's annotation in full (its parts mounted if they were not)."""
        return self._side()[0]

    @property
    def panel(self) -> AnnotationsPanel:
        """The annotations list (the side's parts mounted if they were not)."""
        return self._side()[1]

    @property
    def mounted_panel(self) -> AnnotationsPanel | None:
        """The annotations list if the side's parts are mounted; ``None`` before: nothing
        in it to highlight or to act on."""
        return None if self._side_parts is None else self._side_parts[1]

    def _side(self) -> tuple[AnnotationDetails, AnnotationsPanel]:
        if self._side_parts is None:
            pane = ReadingPane
            details = _annotation_details_class()(id="annotate-details")
            panel = _annotations_panel_class()(id="annotate-panel")
            panel.jump_now = self.moves.jump_to
            panel.leave_now = self.on_annotations_panel_leave
            with self._context():  # bound to this pane's reactives, as if composed here
                details.data_bind(pane.codebook, annotation=pane.current)
                panel.data_bind(pane.codebook, annotations=pane.placed, carried=pane.carried)
            self._side_parts = (details, panel)
            self._side_mounting = self.side.mount(details, panel)
        return self._side_parts

    async def side_mounted(self) -> None:
        """Return once the side's parts (the panel, its list) are mounted and composed."""
        if self._side_mounting is not None:
            await self._side_mounting

    @property
    def side(self) -> Vertical:
        return self.query_one("#side", Vertical)

    @property
    def document(self) -> Document | None:
        return self.reader.document

    def on_mount(self) -> None:
        self.codebook = tuple(self.workspace.store.tags())
        self.call_after_refresh(self.reload)

    # -- the annotations -----------------------------------------------------------------------

    def reload(self) -> None:
        """Place the document's annotations (in a worker) and read the codebook, then redraw:
        when another document is shown, or the store changed."""
        document = self.document
        if document is not self._document:  # nothing of the previous document stays on show
            self._document = document
            self.placed = ()
            self.every_coder = ()
            self._unplaced = document is not None and self.key is not None
            self._follow_when_placed = None
            self._redraw()
        self._loads += 1
        if document is not None and self.key is not None and not self.previewing:
            self.placer.start(document, self.key, self._loads, self._changes)

    @on(ReaderView.DocumentChanged)
    def _document_changed(self) -> None:
        self.reload()

    @on(ReaderView.PercentTyped)
    def _percent_typed(self, message: ReaderView.PercentTyped) -> None:
        message.stop()
        self.annotating.take_back_digits(message.since, message.typed)

    @on(ReaderView.CaretMoved)
    def _caret_moved(self, message: ReaderView.CaretMoved) -> None:
        # No one above the pane follows the caret: the message stops here rather than go
        # through the panes and the screen to the app, as it would at every key (the screen
        # draws the key's frame only once its queue is empty).
        message.stop()
        if self.reader.document is self._document:
            self.show_caret_annotation()

    @on(AnnotationPlacer.TextChanged)
    def _text_changed(self, message: AnnotationPlacer.TextChanged) -> None:
        if message.document is self._document:
            self.column.reopen_if_changed()

    @on(AnnotationPlacer.NotPlaced)
    def _not_placed(self, message: AnnotationPlacer.NotPlaced) -> None:
        if message.document is self._document and self._unplaced:
            self._unplaced = False  # the count is what is shown: none
            self._redraw()

    @on(AnnotationPlacer.AnnotationsPlaced)
    def _placed(self, message: AnnotationPlacer.AnnotationsPlaced) -> None:
        if message.document is not self._document or message.load != self._loads:
            return  # another document, or a newer placing: that one counts
        if message.changes != self._changes:
            self.reload()  # the user changed something meanwhile: place again, with it
            return
        panel, wanted = self.mounted_panel, self._follow_when_placed
        self._follow_when_placed = None
        untouched = wanted is not None and panel is not None and _shown_id(panel) == wanted[0]
        self.codebook = tuple(message.codebook)
        self.every_coder = tuple(message.annotations)
        self._landing = True
        try:
            self.placed = tuple(self.workspace.coder_view.filter(message.annotations))
        finally:
            self._landing = False
        self._revision = message.revision
        self._unplaced = False
        store = self.workspace.store
        if store.read_only and not self._warned_read_only:
            self._warned_read_only = True
            notify_warning(
                self,
                f"{store.path} is read-only: annotations can be read but not changed.",
                "Read-only database",
            )
        self._redraw()
        if untouched and panel is not None:
            caret = self.reader.caret
            nearest = self.moves.under_caret() or self.highlights.after(caret)
            if nearest is not None:
                panel.highlight(nearest.id)

    def follow_caret_when_placed(self) -> None:
        """The panel was opened before the document's passages were placed: once they are,
        its cursor goes to the caret's passage (the list, having the focus, follows the caret
        no more), unless the user has moved it by then."""
        if self._unplaced:
            panel = self.mounted_panel
            self._follow_when_placed = (None if panel is None else _shown_id(panel),)

    def store_changed(self) -> None:
        """Another process changed the database: place the annotations again."""
        if self.key is None or self._revision is None:
            return
        if self.workspace.store.revision != self._revision:
            self._revision = None  # until the placing lands
            self.reload()

    def watch_placed(self, old: tuple[Annotation, ...], new: tuple[Annotation, ...]) -> None:
        """A passage coded, changed or deleted here: every coder's passages follow (the
        agreement's figures, =, left out a passage coded since the last placing)."""
        if self._landing:
            return
        made = {a.id: a for a in new}
        gone = {a.id for a in old} - made.keys()
        kept = [made.pop(a.id, a) for a in self.every_coder if a.id not in gone]
        every = [*kept, *made.values()]  # (what is left of made: added)
        self.every_coder = tuple(sorted(every, key=lambda a: (a.start, a.end, a.created, a.id)))

    def changed(self, focus: Annotation | None = None) -> None:
        """Redraw after a change made here (``focus``: the annotation to show in the list)."""
        self._changes += 1
        try:
            self.codebook = tuple(self.workspace.store.tags())
        except TuiReaderError as exc:
            notify_error(self, exc, "Codebook not read")
        self._revision = self.workspace.store.revision
        self._redraw()
        panel = self.mounted_panel
        if focus is not None and panel is not None:
            panel.highlight(focus.id)

    def _redraw(self) -> None:
        self.highlights = HighlightIndex(self.placed)
        palette = TagPalette(self.codebook)
        marks = [Mark(s, e, style) for s, e, style in self.highlights.styles(palette)]
        self.reader.set_marks(HIGHLIGHT_LAYER, marks)
        self._paint_stripes(palette)
        self.show_caret_annotation()
        self.annotation_count = None if self._unplaced else len(self.placed)
        if self._unplaced:
            return  # the library keeps the document's count until they are placed
        coverage = 0.0
        if self._document is not None and self.key is not None:
            from tui_reader.core.analysis.coverage import coverage_of  # the share coded

            coverage = coverage_of(self.placed, self.key, len(self._document.text))
        self.post_message(self.AnnotationsChanged(self.key, len(self.placed), coverage))

    def show_stripes(self, shown: bool) -> None:
        """Show or hide the coding stripes: which codes cover each line, in the margin."""
        self.stripes_shown = shown
        self._paint_stripes(TagPalette(self.codebook))

    def compare(self, coders: tuple[str, str] | None) -> None:
        """Show two coders' codes side by side in the margin (one column each) and find where
        they disagree; None: back to the plain stripes (or none)."""
        self.compared = coders
        self._paint_stripes(TagPalette(self.codebook))

    def agreement_rows(self) -> list[AgreementRow] | None:
        """The compared coders' figures in the document on show, as ``tui-reader agreement
        A B --doc DOC`` gives them; None when no two coders are compared or no document is
        on show."""
        if self.compared is None or self._document is None or self.key is None:
            return None
        # Imported here: agreement loads numpy, which a start need not wait for.
        from tui_reader.core.analysis.agreement import document_agreement

        first, second = ([a for a in self.every_coder if a.coder == c] for c in self.compared)
        document = self._document
        return document_agreement(
            first, second, self.key, document.text, document.turns, rule=document.unit_rule
        )

    def agreement_rows_by(self) -> Callable[[Unit], list[AgreementRow]] | None:
        """What gives the compared coders' figures in the document on show by a unit, as
        ``tui-reader agreement A B --doc DOC --unit UNIT`` (their passages and the text as
        they are now, counted when asked, in a worker); None as :meth:`agreement_rows`."""
        if self.compared is None or self._document is None or self.key is None:
            return None
        from tui_reader.core.analysis.agreement import document_agreement

        first, second = ([a for a in self.every_coder if a.coder == c] for c in self.compared)
        key, document = self.key, self._document
        return lambda unit: document_agreement(
            first, second, key, document.text, document.turns, unit, document.unit_rule
        )

    def _paint_stripes(self, palette: TagPalette) -> None:
        self._paint_columns(palette)
        # The status line says which disagreement the caret is on, of those found now
        self.column.show_disagreements(None if self.compared is None else self.disagreements)

    def _paint_columns(self, palette: TagPalette) -> None:
        self.disagreements = []
        if self.compared is None and not self.stripes_shown:
            if self.reader.stripes is not None:
                self.reader.set_stripes(None)
            return
        from tui_reader.reading.stripes import StripePainter, stripe_marks  # when first shown

        if self.compared is not None:
            first, second = ([a for a in self.every_coder if a.coder == c] for c in self.compared)
            columns = [(self.compared[0], first), (self.compared[1], second)]
            self.reader.set_stripes(
                StripePainter([(coder, stripe_marks(coded, palette)) for coder, coded in columns])
            )
            if self._document is not None and self.key is not None:
                # Imported here: agreement loads numpy, which a start need not wait for.
                from tui_reader.core.analysis.agreement import disagreement_places

                document = self._document
                self.disagreements = disagreement_places(
                    first, second, self.key, document.text, document.turns
                )
            return
        self.reader.set_stripes(StripePainter([("", stripe_marks(self.placed, palette))]))

    def show_caret_annotation(self) -> None:
        """Show the annotation the caret is on (the details, the summary line, the panel's
        cursor following it)."""
        found = self.moves.under_caret()
        self.current = found
        panel = self.mounted_panel
        seen = (self.reader.caret, None if found is None else found.id)
        following = panel is not None and not panel.has_focus_within and seen != self._followed
        if found is not None and panel is not None and following:
            panel.highlight(found.id)
        self._followed = seen
        self.update_sidebar()

    # -- the side panel ------------------------------------------------------------------------

    @property
    def side_width(self) -> int:
        """Cells of the side panel, as the stylesheet sets them (under the text, in a narrow
        terminal: the whole width, nothing left beside it)."""
        width = self.side.styles.width
        if width is not None and not width.is_cells:
            return self.size.width
        return 0 if width is None else int(width.value)

    def update_sidebar(self) -> None:
        """Open the side when the annotations panel is open, or when there is room for it
        beside the text at its full measure (so the text never reflows as the caret moves)."""
        panel = self.mounted_panel
        panel_open = panel is not None and panel.has_class("-open")
        if panel_open != self._panel_open:
            self._panel_open = panel_open
            self.post_message(self.PanelToggled(panel_open, cramped=not self.room_for_text()))
        room = self.size.width - self.side_width >= self.reader.measure + 2
        self.side_open = panel_open or room
        if self._side_parts is not None:
            self.call_after_refresh(self._fit_side)

    def _fit_side(self) -> None:
        """The annotation's box shows above the open list when the side has the rows for
        both, else the list has them all."""
        if self._side_parts is not None:
            details, panel = self._side_parts
            short = self.side.size.height < BOTH_FROM and panel.has_class("-open")
            details.display = not short

    @property
    def panel_open(self) -> bool:
        """The annotations panel is open (as last told by :class:`PanelToggled`)."""
        return self._panel_open

    def room_for_text(self) -> bool:
        """Whether the text keeps its full measure beside the side panel."""
        reader = self.reader
        chrome = reader.outer_size.width - reader.scrollable_content_region.width + 1
        return self.size.width - self.side_width >= reader.measure + chrome

    def watch_side_open(self, side_open: bool) -> None:
        if side_open:
            self._side()
        self.side.set_class(side_open, "-open")

    def on_resize(self) -> None:
        self.update_sidebar()

    # -- the annotating keys and the panel's messages: Annotating acts -------------------------

    def action_act(self, verb: str, *arguments: object) -> Awaitable[None] | None:
        """Run the selecting or annotating action ``verb`` (the key registry's
        ``act('annotate')``, ``act('apply_tag', 0)``...): :class:`Selecting`,
        :class:`Annotating` and :class:`AnnotationMoves` hold them.  What the action still
        awaits (the panel mounted when first opened) is returned, and the key's run awaits it."""
        for actor in (self.selecting, self.annotating, self.moves):
            if verb in actor.VERBS:
                done: Awaitable[None] | None = getattr(actor, verb)(*arguments)
                return done
        raise ValueError(f"no annotating action {verb!r}")

    def apply_tags(self, tags: Sequence[str]) -> None:
        self.annotating.apply_tags(tags)

    # The panel's messages, by their handlers' names (its module loads with the panel).

    def on_annotations_panel_jump(self, message: AnnotationsPanel.Jump) -> None:
        self.moves.jump(message)

    def on_annotations_panel_leave(self) -> None:
        focus_now(self.reader)

    def on_annotations_panel_confirm(self, message: AnnotationsPanel.Confirm) -> None:
        self.annotating.confirm_place(message)

    def on_annotations_panel_delete(self, message: AnnotationsPanel.Delete) -> None:
        self.annotating.panel_delete(message)

    def carry(self, annotation: Annotation, *, unreadable: bool = True) -> None:
        """Keep ``annotation`` (an orphan whose file cannot be read: renamed and edited,
        deleted; or, not ``unreadable``, one the user takes from its document, its passage
        moved to another file) in the annotations panel of whichever document is shown, to
        be re-attached to a passage selected there (``r``), as an orphan of that document is."""
        from tui_reader.core.display import shown
        from tui_reader.reading.highlights import excerpt

        self.carried = (annotation, *(a for a in self.carried if a.id != annotation.id))
        where = f"{shown(annotation.document)} cannot be read (moved or deleted?). " * unreadable
        (notify_warning if unreadable else notify_info)(
            self,
            f"{where}To place “{excerpt(annotation.quote, 40)}” in another document: open "
            "it, select the passage, then A and r on it (listed last).",
        )

    def on_annotations_panel_carry(self, message: AnnotationsPanel.Carry) -> None:
        self.carry(message.annotation, unreadable=False)

    def on_annotations_panel_reattach(self, message: AnnotationsPanel.Reattach) -> None:
        self.annotating.reattach(message)


def _shown_id(panel: AnnotationsPanel) -> str | None:
    """The id of the annotation under the panel's cursor, or None."""
    current = panel.current
    return None if current is None else current.id
