"""The reading view with its annotations shown: highlights painted in the reader's
``highlights`` layer, the annotation under the caret in the details panel, the document's
annotations in the annotations panel (both mounted into the screen's ``#side`` container).
``#side`` opens by itself when the screen leaves the text its full measure beside it (so the text
never reflows as the caret moves); otherwise ``A`` opens it, and meanwhile one line under the
text sums up the annotation under the caret.

:class:`HighlightedReader` is a container placed around the reading pane (which holds the
:class:`ReaderView`) and ``#side``.  It loads the shown document's annotations re-anchored
against its text (in a worker), redraws after every change, and notices changes other
processes make to the database.  :class:`~tui_reader.ui.widgets.annotated_reader.
AnnotatedReader` adds the keys that make annotations.  Offsets are code points, half-open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on, work
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget

from tui_reader.core.analysis.agreement import disagreement_places
from tui_reader.core.analysis.reports import coverage_by_document
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.preview import PREVIEW_BYTES, PREVIEW_THRESHOLD
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.workspace import Workspace
from tui_reader.reading.highlights import HighlightIndex, TagPalette
from tui_reader.reading.marks import Mark
from tui_reader.reading.stripes import StripePainter, stripe_marks
from tui_reader.ui.widgets.annotation_details import AnnotationDetails, AnnotationSummary
from tui_reader.ui.widgets.annotations_panel import AnnotationsPanel
from tui_reader.ui.widgets.reader import ReaderView

HIGHLIGHT_LAYER = "highlights"
SIDE_WIDTH = 40  # cells of the side panel (as app.tcss sets #side)
RELOAD_SECONDS = 2.0  # how often to look for changes other processes made to the database


def is_preview(document: Document) -> bool:
    """Whether ``document`` is the beginning of a big file shown while the whole loads
    (see :mod:`tui_reader.core.documents.preview`): no annotation is loaded or made on it."""
    if document.format != "text" or len(document.text) > PREVIEW_BYTES:
        return False
    try:
        return document.path.stat().st_size >= PREVIEW_THRESHOLD
    except OSError:
        return False


class HighlightedReader(Horizontal):
    """Around the reading pane and ``#side``: highlights and the annotation panels."""

    DEFAULT_CSS = """
    HighlightedReader {
        width: 1fr;
        height: 1fr;
    }
    HighlightedReader #annotate-details {
        height: auto;
        max-height: 50%;
    }
    HighlightedReader #annotate-panel {
        display: none;
    }
    HighlightedReader #annotate-panel.-open {
        display: block;
    }
    """

    class Changed(Message):
        """The annotations of the document shown changed (loaded, added, edited, deleted)."""

        def __init__(self, count: int, coverage: float = 0.0) -> None:
            super().__init__()
            self.count = count  # annotations of the document, orphans included
            self.coverage = coverage  # share of its text coded (0-1)

    def __init__(
        self,
        workspace: Workspace,
        *children: Widget,
        id: str | None = None,
        classes: str | None = None,
        on_panel_toggled: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(*children, id=id, classes=classes)
        self.workspace = workspace
        # Called (not messaged) as the annotations panel opens (True) or closes, so the screen
        # can make room in the same layout pass: the text re-wraps once, not twice.
        self._on_panel_toggled = on_panel_toggled
        self.key: str | None = None  # the document key of the document shown
        self._document: Document | None = None
        self._annotations: list[Annotation] = []  # those on show (the coder view's choice)
        self._placed: list[Annotation] = []  # every coder's, as last loaded
        self._index = HighlightIndex(())
        self._codebook: list[Tag] = []
        self._warned_read_only = False
        self.previewing = False  # only the beginning of a big file is shown, still loading
        self._loads = 0  # reloads started; only the latest one's result is shown
        self._changes = 0  # changes made here; a load started before one is stale
        self._revision: int | None = None  # the store's revision last shown (None: loading)
        self._panel_open = False  # as last told to on_panel_toggled
        self.stripes_shown = False  # coding stripes in the margin (S)
        self.compared: tuple[str, str] | None = None  # two coders side by side in the margin
        self.disagreements: list[tuple[int, int]] = []  # where the two compared coders differ

    # -- composition and state -------------------------------------------------------------

    def on_mount(self) -> None:
        self._codebook = self.workspace.store.tags()
        self.side.mount(AnnotationDetails(id="annotate-details"))
        self.side.mount(AnnotationsPanel(id="annotate-panel"))
        # The one-line summary goes right under the reading view, in the reading pane.
        pane = self.reader.parent
        if isinstance(pane, Widget):
            pane.mount(AnnotationSummary(id="annotate-summary"), after=self.reader)
        self.set_interval(RELOAD_SECONDS, self._reload_if_changed)
        self.call_after_refresh(self.reload)

    @property
    def side(self) -> Widget:
        """The side container the panels live in."""
        return self.query_one("#side")

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def details(self) -> AnnotationDetails:
        return self.query_one(AnnotationDetails)

    @property
    def panel(self) -> AnnotationsPanel:
        return self.query_one(AnnotationsPanel)

    @property
    def annotations(self) -> list[Annotation]:
        """The annotations of the document shown (orphans included)."""
        return list(self._annotations)

    @property
    def codebook(self) -> list[Tag]:
        return list(self._codebook)

    def reload(self) -> None:
        """Load the document's annotations (re-anchored against its text, in a worker) and the
        codebook, then redraw.  Called when another document is shown or the store changed."""
        document = self.reader.document
        if document is not self._document:  # nothing of the previous document stays on show
            self._document = document
            self.key = None if document is None else self.workspace.key(document.path)
            self.previewing = document is not None and is_preview(document)
            self._annotations = []
            self._redraw()
        self._loads += 1
        if document is not None and self.key is not None and not self.previewing:
            self._load(document, self.key, self._loads, self._changes)

    @work(thread=True, exclusive=True, group="annotations")
    def _load(self, document: Document, key: str, load: int, changes: int) -> None:
        problems = len(self.workspace.problems)
        try:
            # Taken first: a change landing while we read shows at the next poll.
            revision = self.workspace.store.revision
            placed = self.workspace.anchored(key)
            codebook = self.workspace.store.tags()
        except TuiReaderError as exc:
            self.app.call_from_thread(
                partial(self.notify, markup=False),
                str(exc),
                title="Annotations not loaded",
                severity="error",
            )
            return
        for problem in self.workspace.problems[problems:]:
            self.app.call_from_thread(
                partial(self.notify, markup=False),
                problem,
                title="Re-anchored positions not saved",
                severity="warning",
            )
        self.app.call_from_thread(self._loaded, document, load, changes, placed, codebook, revision)

    def _loaded(
        self,
        document: Document,
        load: int,
        changes: int,
        placed: list[Annotation],
        codebook: list[Tag],
        revision: int,
    ) -> None:
        if document is not self._document or load != self._loads:
            return  # another document, or a newer load: that one counts
        if changes != self._changes:
            self.reload()  # the user changed something meanwhile: load again, with it
            return
        self._placed = placed
        self._annotations = self.workspace.coder_view.filter(placed)
        self._codebook = codebook
        self._revision = revision
        if self.workspace.store.read_only and not self._warned_read_only:
            self._warned_read_only = True
            self.notify(
                f"{self.workspace.store.path} is read-only: annotations can be read but not "
                "changed.",
                title="Read-only database",
                severity="warning",
                markup=False,
            )
        self._redraw()

    def _reload_if_changed(self) -> None:
        """Redraw when the store changed since what is shown (another process wrote)."""
        if self.key is None or self._revision is None:
            return
        store = self.workspace.store
        try:
            store.reload_if_changed()
        except TuiReaderError as exc:
            self.notify(str(exc), title="Database", severity="error", markup=False)
            return
        if store.revision != self._revision:
            self._revision = None  # until the reload lands
            self.reload()

    def _redraw(self) -> None:
        self._index = HighlightIndex(self._annotations)
        palette = TagPalette(self._codebook)
        marks = [Mark(s, e, style) for s, e, style in self._index.styles(palette)]
        self.reader.set_marks(HIGHLIGHT_LAYER, marks)
        self._paint_stripes(palette)
        self.details.set_codebook(self._codebook)
        self.panel.set_annotations(self._annotations, self._codebook)
        self._show_caret_annotation()
        coverage = 0.0
        if self._document is not None and self.key is not None:
            placed = [a for a in self._annotations if a.status != AnchorStatus.ORPHAN]
            lengths = {self.key: len(self._document.text)}
            coverage = coverage_by_document(placed, lengths)[self.key]
        self.post_message(self.Changed(len(self._annotations), coverage))

    def show_stripes(self, shown: bool) -> None:
        """Show or hide the coding stripes: which codes cover each line, in the margin."""
        self.stripes_shown = shown
        self._paint_stripes(TagPalette(self._codebook))

    def compare(self, coders: tuple[str, str] | None) -> None:
        """Show two coders' codes side by side in the margin (one column each) and find where
        they disagree; None: back to the plain stripes (or none)."""
        self.compared = coders
        self._paint_stripes(TagPalette(self._codebook))

    def _paint_stripes(self, palette: TagPalette) -> None:
        self.disagreements = []
        if self.compared is not None:
            first, second = ([a for a in self._placed if a.coder == c] for c in self.compared)
            columns = [(self.compared[0], first), (self.compared[1], second)]
            self.reader.set_stripes(
                StripePainter([(coder, stripe_marks(coded, palette)) for coder, coded in columns])
            )
            if self._document is not None and self.key is not None:
                self.disagreements = disagreement_places(
                    first, second, self.key, self._document.text
                )
            return
        if not self.stripes_shown:
            if self.reader.stripes is not None:
                self.reader.set_stripes(None)
            return
        self.reader.set_stripes(StripePainter([("", stripe_marks(self._annotations, palette))]))

    def _show_caret_annotation(self) -> None:
        found = self._index.at(self.reader.caret)
        self.details.annotation = found
        if found is not None and not self.panel.has_focus_within:
            self.panel.highlight(found.id)
        self._update_sidebar()

    def _update_sidebar(self) -> None:
        """Open ``#side`` when the panel is open, or when there is room for it beside the text
        at its full measure (so the text never reflows as the caret moves)."""
        panels = self.side.query(AnnotationsPanel)
        if not panels:
            return  # not mounted yet
        panel_open = panels.first().has_class("-open")
        if panel_open != self._panel_open:
            self._panel_open = panel_open
            if self._on_panel_toggled is not None:
                self._on_panel_toggled(panel_open)
        room = self.size.width - SIDE_WIDTH >= self.reader.measure + 2
        self.side.set_class(panel_open or room, "-open")
        summaries = self.query(AnnotationSummary)
        if summaries:  # the one-line summary stands in for the side panel when it is closed
            shown = None if self.side.has_class("-open") else self.details.annotation
            summaries.first().show(shown, self.details.palette)

    def on_resize(self, event: Resize) -> None:
        self._update_sidebar()

    @on(ReaderView.DocumentChanged)
    def _document_changed(self) -> None:
        self.reload()

    @on(ReaderView.CaretMoved)
    def _caret_moved(self) -> None:
        if self.reader.document is self._document:
            self._show_caret_annotation()

    def _annotatable(self) -> Document | None:
        """The document shown, when new annotations can be made on it (not while only the
        beginning of a big file is shown: its text and hash are not the document's yet)."""
        if self.previewing:
            self.notify(
                "The document is still loading: annotate in a moment.", timeout=3, markup=False
            )
            return None
        return self.reader.document

    def _after_change(self, focus: Annotation | None = None) -> None:
        self._changes += 1
        self._codebook = self.workspace.store.tags()
        self._revision = self.workspace.store.revision
        self._redraw()
        if focus is not None:
            self.panel.highlight(focus.id)

    def _replace(self, saved: Annotation) -> None:
        self._annotations = [a for a in self._annotations if a.id != saved.id] + [saved]
        self._annotations.sort(key=lambda a: (a.start, a.end, a.created, a.id))
