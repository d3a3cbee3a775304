"""The command palette (ctrl+p) over each screen offers that screen's own commands, and runs
them there: never one of a screen hidden under it."""

from __future__ import annotations

from pathlib import Path

from helpers.annotations import add_tags
from helpers.app import (
    AppFactory,
    command_chosen,
    ready,
    status_text,
    wait_until,
    workers_done,
)
from textual.screen import Screen

from tui_reader.core.search.hits import find_hits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui import keymap
from tui_reader.ui.commands import ReaderCommands
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.export_dialog import ExportDialog
from tui_reader.ui.screens.goto_page import GotoPercentDialog
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen


async def test_tag_with_is_not_offered_over_a_view_hiding_the_text(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The palette's "Tag with: foo" chosen in the codebook tagged the sentence at the caret
    of the text hidden under it, a passage no one saw chosen."""
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        add_tags(store, ["foo"])
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await command_chosen(pilot, "Tag with: foo")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await workers_done(app)
        assert list(app.workspace.store.annotations()) == []


def _footer_keys(screen: Screen[object]) -> set[str]:
    """The ids of the registry's keys the footer shows on ``screen``: its own and its
    widgets', those live there now (the codebook's esc that goes back from the passages is
    offered only in them)."""
    registry = keymap.by_id()
    found = set()
    for node in [screen, *screen.walk_children()]:
        for cls in type(node).__mro__:
            for binding in cls.__dict__.get("BINDINGS", ()):
                key = registry.get(getattr(binding, "id", None) or "")
                live = screen.app._check_action_state(binding.action, node) is not False
                if key is not None and key.footer and live:
                    found.add(key.id)
    return found


# Each view or dialog, by the keys that open it from the text.
VIEWS: list[tuple[tuple[str, ...], type[Screen[object]]]] = [
    (("T",), CodebookScreen),
    (("R",), ReportsScreen),
    (("Q",), QueryScreen),
    (("F",), CorpusSearchScreen),
    (("i",), DocumentDetails),
    (("question_mark",), HelpScreen),
    (("J",), MemoDialog),
    (("percent_sign",), GotoPercentDialog),
    (("E",), ExportDialog),
]


async def test_the_palette_over_a_view_or_dialog_offers_its_footers_keys(
    make_app: AppFactory,
) -> None:
    """Over a view or a dialog the palette offered only the theme, the help, the export
    and the journal: none of the view's own commands (the codebook's rename or merge, the
    reports' matrix, the query's edit), not even those its footer shows.  Each view is
    opened in turn from the text on one app, and closed before the next."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        for open_keys, kind in VIEWS:
            main.reader.focus()
            for key in open_keys:
                await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
                await pilot.press(key)
                await workers_done(app)  # the first export written: the second asks
            await wait_until(pilot, lambda k=kind: isinstance(app.screen, k))
            screen = app.screen
            commands = ReaderCommands(screen)._commands()
            offered = {help_text for _, help_text, _ in commands}
            # a question's answers in its words, as its footer says them ("Replace", "Keep")
            words = set(getattr(screen, "footer_words", {}).values())
            assert words <= {c[0] for c in commands}, kind.__name__
            footer = _footer_keys(screen)
            assert footer, kind.__name__
            for key_id in footer:
                key = keymap.by_id()[key_id]
                assert any(text.startswith(key.description) for text in offered), (
                    kind.__name__,
                    key_id,
                )
            while not isinstance(app.screen, MainScreen):
                await app.pop_screen()
            await workers_done(app)


async def test_a_views_command_runs_on_the_view(make_app: AppFactory, tmp_path: Path) -> None:
    """ "Report: matrix" chosen in the palette over the reports shows the matrix."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen))
        reports = app.screen
        assert isinstance(reports, ReportsScreen) and reports.kind != "matrix"
        await command_chosen(pilot, "Report: matrix")
        await wait_until(pilot, lambda: app.screen is reports and reports.kind == "matrix")


async def test_the_palette_over_the_help_does_not_stack_journals_and_helps(
    make_app: AppFactory,
) -> None:
    """The app's keys do nothing over the help or a dialog (J in the help), but the palette
    offered them there: "Journal" over the help, "Help" over that journal, and so on, stacked
    the two without end. Over a dialog the palette offers the keys that work there."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        for command in ("Journal: write", "Help: keys"):
            await command_chosen(pilot, command)
            await pilot.pause()
        assert len(app.screen_stack) <= 2, app.screen_stack


async def test_the_palette_over_the_text_offers_the_selection_and_the_search_hits(
    make_app: AppFactory,
) -> None:
    """Over the text the palette offered no command for v, the key its footer shows first
    ("Select"), nor for n and N: "select" found only a sentence, a paragraph and a turn,
    "hit" found nothing. Each is offered with its key, and runs on the text: a selection
    begins at the caret, and the search goes to its next hit and back."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        reader = main.reader
        reader.focus()
        offered = {name: help_text for name, help_text, _ in ReaderCommands(main)._commands()}
        for key_id in ("reader.select", "reader.next_hit", "reader.previous_hit"):
            key = keymap.by_id()[key_id]
            assert key.palette in offered, key_id
            assert offered[key.palette].endswith(f"({keymap.key_label(key.keys[0])})")
        hits = list(find_hits(reader.document.text, "mexico"))  # type: ignore[union-attr]
        assert len(hits) > 2
        await pilot.press("slash", *"mexico", "enter")
        await wait_until(pilot, lambda: reader.caret == hits[0][0])
        await command_chosen(pilot, keymap.by_id()["reader.next_hit"].palette)
        await wait_until(pilot, lambda: reader.caret == hits[1][0])
        await command_chosen(pilot, keymap.by_id()["reader.previous_hit"].palette)
        await wait_until(pilot, lambda: reader.caret == hits[0][0])
        assert reader.selection is None
        await command_chosen(pilot, keymap.by_id()["reader.select"].palette)
        await wait_until(pilot, lambda: reader.selection is not None)
        await pilot.press("w")
        await wait_until(pilot, lambda: "selected" in status_text(main))
