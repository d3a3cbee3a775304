"""Snapshot tests driven by keys, one class per feature.

Update after a deliberate visual change with
``pytest tests/snapshots --snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import analysis_app
from helpers.annotations import add_tags, annotation
from helpers.app import opened, ready, wait_until, workers_done
from helpers.passages import MEXICO, Annotated
from helpers.passages import US as US_KEY
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from tui_reader.core.analysis.agreement import AgreementRow
from tui_reader.core.analysis.agreement_stats import BinaryTable
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import AnchorStatus, Tag, make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.reading_pane.details import AnnotationDetails
from tui_reader.ui.screens.agreement import AgreementDialog
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen

# --- reading ---------------------------------------------------------------------------------

SIZE = (110, 32)
THEMES = ["textual-dark", "textual-light"]


async def settled(pilot: Pilot[Any]) -> None:
    """The app as its user sees it once it is done, before its picture: every worker ended
    (a field's completion, a document read) and what each said drawn; and every field's
    cursor shown steadily.  Blinking, a cursor is on for half a second and off for the next:
    the picture showed it or not as a loaded machine took more or less than half a second
    between the last key and the picture."""
    await workers_done(pilot.app)
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
        for area in screen.query(TextArea):
            area.cursor_blink = False
    await pilot.pause()


def pressing(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Press ``keys`` once the app's screen is shown (a harness pushes its dialog as it
    starts), then wait for the app to settle (:func:`settled`)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: pilot.app.screen.is_mounted)
        await pilot.press(*keys)
        await settled(pilot)

    return run_before


def prepare(theme: str, *keys: str, search: bool = False) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        screen = await ready(pilot)
        if keys:
            await pilot.press(*keys)
        if search:
            # The hits come from a worker; the "n" typed behind enter waits for them, held by
            # the search field until the focus is back in the text: the caret on the second
            # hit (n taken) before its place is saved, not on the first (the place saved
            # there, then n moved the caret: "0% read" beside "2/14").
            hits = screen.column.search
            await wait_until(pilot, lambda: bool(hits.hits) and hits.index == 1)
            # The caret moved to a hit: its position is saved after a moment of stillness
            # and the library's row says how much is read.  Saved now, not by a timer that a
            # busy machine lets run before the picture is taken or not.
            screen.column.save_position()
            key = screen.column.key
            await wait_until(
                pilot,
                lambda: (
                    (entry := screen.library.entry(key or "")) is not None
                    and entry.position == screen.reader.caret
                ),
            )
        await settled(pilot)

    return run_before


class TestReader:
    """The library with a document, search hits and the help screen, dark and light."""

    @pytest.mark.parametrize("theme", THEMES)
    def test_library_and_document(
        self, snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
    ) -> None:
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=prepare(theme))

    @pytest.mark.parametrize("theme", THEMES)
    def test_search_hits(
        self, snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
    ) -> None:
        keys = ("tab", "slash", *"mexico", "enter", "n")
        assert snap_compare(
            make_app(), terminal_size=SIZE, run_before=prepare(theme, *keys, search=True)
        )

    @pytest.mark.parametrize("theme", THEMES)
    def test_help_screen(
        self, snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
    ) -> None:
        assert snap_compare(
            make_app(), terminal_size=SIZE, run_before=prepare(theme, "question_mark")
        )


# --- annotating ------------------------------------------------------------------------------

CODEBOOK = [
    Tag("militarization"),
    Tag("migration"),
    Tag("policy/security"),
    Tag("policy/aid"),
    Tag("sources/official"),
]
QUOTE = (
    "The conference, hosted by Mexico's defence ministry, will launch a plan with the "
    "Pentagon's Southern Command to coordinate security operations in the region."
)
ON_A = {"document": "docs_corpus/a.txt", "updated": "2026-11-21T09:30:00Z"}
ANNOTATIONS = [
    annotation(
        "a1", 10, QUOTE, "militarization", "policy/security", note="Compare with 2019 plan.", **ON_A
    ),
    annotation("a2", 400, "targeting Central American migrants", "migration", **ON_A),
    annotation(
        "a3",
        650,
        "according to two officials",
        "sources/official",
        status=AnchorStatus.FUZZY,
        **ON_A,
    ),
    annotation(
        "a4",
        900,
        "a paragraph that was later removed from the article",
        "policy/aid",
        status=AnchorStatus.ORPHAN,
        **ON_A,
    ),
]


class DialogHarness(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the reading view would be here\n" * 20)

    def on_mount(self) -> None:
        self.push_screen(AnnotateDialog(QUOTE, CODEBOOK))


class PanelHarness(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield AnnotationsPanel(CODEBOOK)
            yield AnnotationDetails(CODEBOOK)

    def on_mount(self) -> None:
        self.query_one(AnnotationsPanel).set_annotations(ANNOTATIONS)
        self.query_one(AnnotationsPanel).focus_list()
        self.query_one(AnnotationDetails).annotation = ANNOTATIONS[0]


class ConfirmHarness(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the reading view would be here\n" * 20)

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("Delete the annotation on “The conference, hosted…”?"))


class AgreementHarness(App[None]):
    """The agreement figures of two coders over a document: codes agreed on, one cut to fit,
    one neither used (its kappa and alpha n/a, said why), every code pooled."""

    def compose(self) -> ComposeResult:
        yield Static("the reading view would be here\n" * 30)

    def on_mount(self) -> None:
        rows = [
            AgreementRow("military", BinaryTable(13, 18, 14, 14631)),
            AgreementRow("policy/security/border control", BinaryTable(120, 3, 0, 14553)),
            AgreementRow("unused", BinaryTable(0, 0, 0, 14676)),
        ]
        pooled = sum((row.table for row in rows), BinaryTable())
        rows.append(AgreementRow(None, pooled))
        self.push_screen(AgreementDialog("ana", "ben", "docs_corpus/interview 3.txt", rows))


def _seeded_app(corpus: Path, db: Path) -> ReaderApp:
    """The real app on the Pentagon article with overlapping highlights, an untagged one and
    an orphan, all with fixed ids and dates so the picture is stable."""
    doc = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
    store = AnnotationStore(db)
    text = load_document(corpus / Path(doc).name).text
    add_tags(store, ["militarization", "migration", "policy/security"])

    def put(ident: str, phrase: str, *tags: str, note: str = "", length: int = 0) -> None:
        start = text.index(phrase)
        made = make_annotation(doc, text, start, start + (length or len(phrase)), "", tags, note)
        store.put(
            made.evolve(id=ident, created="2026-11-20T10:00:00Z", updated="2026-11-20T10:00:00Z")
        )

    put(
        "h1",
        "In a move that reveals",
        "militarization",
        "policy/security",
        note="Framing: subservience.",
        length=194,
    )
    put("h2", "Mexico agreed to host a U.S. security meeting", "migration")
    put("h3", "The news has gone almost unnoticed.")
    lost = make_annotation(doc, text, 0, 10, "", ("policy/security",))
    store.put(
        lost.evolve(
            id="h4",
            quote="a sentence edited away",
            prefix="",
            suffix="",
            status=AnchorStatus.ORPHAN,
            created="2026-11-20T10:00:00Z",
            updated="2026-11-20T10:00:00Z",
        )
    )
    store.close()

    class App_(ReaderApp):
        CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    return App_(corpus, db, corpus / Path(doc).name)


class TestAnnotate:
    """The annotate dialog, the annotations and details panels, the confirm dialog, highlights."""

    def test_dialog_with_completion(self, snap_compare: Any) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await pressing("m", "i", "g")(pilot)
            # the completion of "mig" shown (worked out in a worker) before right takes it
            await pressing("right", "comma", "space", "p", "o")(pilot)

        assert snap_compare(DialogHarness(), terminal_size=(90, 26), run_before=run_before)

    def test_panel_and_details(self, snap_compare: Any) -> None:
        assert snap_compare(PanelHarness(), terminal_size=(110, 24), run_before=pressing("down"))

    def test_confirm(self, snap_compare: Any) -> None:
        assert snap_compare(ConfirmHarness(), terminal_size=(80, 12), run_before=pressing())

    def test_agreement_figures_fit_80_columns(self, snap_compare: Any) -> None:
        assert snap_compare(AgreementHarness(), terminal_size=(80, 24), run_before=pressing())

    @pytest.mark.parametrize("theme", THEMES)
    def test_highlights_overlap_details_and_panel(
        self, snap_compare: Any, corpus_copy: Path, db_copy: Path, theme: str
    ) -> None:
        app = _seeded_app(corpus_copy, db_copy)

        async def open_and_point(pilot: Pilot[int]) -> None:
            pilot.app.theme = theme
            reader_view = await opened(pilot)
            assert reader_view.document is not None
            main = pilot.app.screen
            assert isinstance(main, MainScreen)
            # The passages placed (a worker started once the text is drawn) before the caret
            # moves and A opens the panel on the passage under it: placed only after A, the
            # panel had its cursor on the first passage (the list had the focus then, and
            # does not follow the caret while it has).
            await wait_until(pilot, lambda: bool(main.pane.placed))
            pilot.app.sub_title = "docs_corpus"  # the real path is a temporary folder
            reader_view.move_caret(reader_view.document.text.index("agreed to host"))
            await pilot.press("A", "escape")  # open the panel, then back to the text
            await settled(pilot)

        assert snap_compare(app, terminal_size=(150, 34), run_before=open_and_point)


# --- codebook --------------------------------------------------------------------------------


async def codebook_on_militarization(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await ready(pilot)
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing)
    await pilot.press("j", "j")
    await wait_until(pilot, lambda: screen.selected == "militarization")
    await settled(pilot)


class TestCodebook:
    """The codebook screen: the tag tree and the passages of ``militarization``."""

    def test_codebook_screen(self, snap_compare: Callable[..., bool], annotated: Annotated) -> None:
        app = ReaderApp(annotated.corpus, annotated.db, measure=80)
        assert snap_compare(app, terminal_size=(110, 30), run_before=codebook_on_militarization)


# --- analysis: query view, reports, coding stripes ------------------------------------------


def prepare_analysis(theme: str, *keys: str) -> Callable[[Pilot[Any]], Any]:
    """Press ``keys`` one by one, letting the query and reports views finish their work."""

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await ready(pilot)
        views = {"Q": QueryScreen, "R": ReportsScreen}
        for key in keys:
            opens = key in views and not isinstance(pilot.app.screen, QueryScreen | ReportsScreen)
            details = (  # "i" opens the details (not typed into a field)
                key == "i"
                and isinstance(pilot.app.screen, MainScreen)
                and not isinstance(pilot.app.focused, Input)
            )
            await pilot.press(key)
            if opens:  # the view is pushed after the key: wait for it
                await wait_until(pilot, lambda k=key: isinstance(pilot.app.screen, views[k]))
            if details:  # keys typed next go to its field: wait for the field to have them
                await wait_until(
                    pilot,
                    lambda: (
                        isinstance(s := pilot.app.screen, DocumentDetails) and s.field.has_focus
                    ),
                )
            screen = pilot.app.screen
            if isinstance(screen, QueryScreen):
                await wait_until(
                    pilot, lambda s=screen: s.scope is not None or s.preset is not None
                )
                await wait_until(pilot, lambda s=screen: not s.running)
            if isinstance(screen, ReportsScreen):
                await wait_until(pilot, lambda s=screen: bool(s.rows) and not s.computing)
        await settled(pilot)

    return run_before


class TestAnalysis:
    """The query view, the reports view (frequencies; matrix by an attribute) and the coding
    stripes, dark and light."""

    SIZE = (110, 34)

    @pytest.mark.parametrize("theme", THEMES)
    def test_query_view(
        self, snap_compare: Callable[..., bool], annotated: Annotated, theme: str
    ) -> None:
        keys = ("Q", *"militarization OR migration", "enter")
        app = analysis_app(annotated)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=prepare_analysis(theme, *keys))

    @pytest.mark.parametrize("theme", THEMES)
    def test_reports_view(
        self, snap_compare: Callable[..., bool], annotated: Annotated, theme: str
    ) -> None:
        app = analysis_app(annotated)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=prepare_analysis(theme, "R"))

    @pytest.mark.parametrize("theme", THEMES)
    def test_reports_matrix_by_country(
        self, snap_compare: Callable[..., bool], annotated: Annotated, theme: str
    ) -> None:
        keys = ("R", "m", "b", "down", "right")
        app = analysis_app(annotated)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=prepare_analysis(theme, *keys))

    @pytest.mark.parametrize("theme", THEMES)
    def test_coding_stripes(
        self, snap_compare: Callable[..., bool], annotated: Annotated, theme: str
    ) -> None:
        app = analysis_app(annotated)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=prepare_analysis(theme, "S"))

    @pytest.mark.parametrize("theme", THEMES)
    def test_document_details(
        self, snap_compare: Callable[..., bool], annotated: Annotated, theme: str
    ) -> None:
        """``i``: the open document's details, after setting an attribute in them."""
        keys = ("i", *"age=34", "enter")
        app = analysis_app(annotated)
        assert snap_compare(app, terminal_size=(110, 44), run_before=prepare_analysis(theme, *keys))

    def test_document_details_attribute_list_and_memo(
        self, snap_compare: Callable[..., bool], annotated: Annotated
    ) -> None:
        """The details with the document's memo shown, and the attribute list in focus (its
        keys in the box's last line); the cursor went to the attribute just set (age), then
        down one."""
        with AnnotationStore(annotated.db) as store:
            text = "# Why this source\n\nSouthCom's *plan* is named twice; " + "compare " * 30
            store.put_memo(Memo(MemoKind.DOCUMENT, MEXICO, text))
        keys = ("i", *"age=34", "enter", "tab", "j")
        app = analysis_app(annotated)
        run_before = prepare_analysis("textual-dark", *keys)
        assert snap_compare(app, terminal_size=(110, 50), run_before=run_before)

    def test_library_filtered_by_attribute_and_word(
        self, snap_compare: Callable[..., bool], annotated: Annotated
    ) -> None:
        """The library filtered by ``country=USA security``; each row says how much is coded."""
        keys = ("L", "L", "slash", *"country=USA security")
        app = analysis_app(annotated)
        run_before = prepare_analysis("textual-dark", *keys)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=run_before)

    def test_corpus_search_finds_memos(
        self, snap_compare: Callable[..., bool], annotated: Annotated
    ) -> None:
        """``F``: the hits in memos come after the documents', marked ``✎ memo of …``."""
        from tui_reader.core.analysis.memos import Memo, MemoKind
        from tui_reader.ui.screens.corpus_search import CorpusSearchScreen

        with AnnotationStore(annotated.db) as store:
            text = "Patrols: compare with the other article.\n"
            store.put_memo(Memo(MemoKind.DOCUMENT, US_KEY, text))

        async def run_before(pilot: Pilot[Any]) -> None:
            await ready(pilot)
            await pilot.press("F", *"patrols")
            screen = pilot.app.screen
            assert isinstance(screen, CorpusSearchScreen)
            await wait_until(
                pilot,
                lambda: (
                    screen.results is not None
                    and screen.results.query == "patrols"
                    and not screen.searching  # the memos' hits come last: wait for the end
                ),
            )
            await settled(pilot)

        app = ReaderApp(annotated.corpus, annotated.db)
        assert snap_compare(app, terminal_size=self.SIZE, run_before=run_before)
