"""Keys typed very fast: every screen and dialog closed before its mount was handled (pushed
and popped at once) leaves the app running, and its late timers and workers find it gone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers.analysis import analysis_app
from helpers.app import ready, workers_done
from helpers.passages import MEXICO, Annotated
from textual.screen import Screen

from tui_reader.core.annotations.model import Tag
from tui_reader.core.workspace import Workspace
from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.goto_page import GotoPageDialog
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog

SCREENS: dict[str, Callable[[Workspace], Screen[object]]] = {
    "annotate": lambda w: AnnotateDialog("a quote", [Tag("policy")], ("policy",), "a note"),
    "memo": lambda w: MemoDialog("Journal", "typed"),
    "confirm": lambda w: ConfirmScreen("Delete?", "Delete"),
    "goto page": lambda w: GotoPageDialog(12, 3),
    "help": lambda w: HelpScreen({"Reading": [("j", "down")]}),
    "tag name": lambda w: TagNameDialog("Rename", "New name", lambda _: None, value="policy"),  # type: ignore[arg-type,return-value]
    "tag style": lambda w: TagStyleDialog(Tag("policy"), "red", lambda _: None),  # type: ignore[arg-type,return-value]
    "details": lambda w: DocumentDetails(w, MEXICO, "mexico.txt", w.document(MEXICO)),
    "codebook": lambda w: CodebookScreen(w),
    "corpus search": lambda w: CorpusSearchScreen(w, "Pentagon"),
    "query": lambda w: QueryScreen(w, "militarization"),
    "reports": lambda w: ReportsScreen(w),
    "palette": lambda w: SteadyCommandPalette(),
}


async def test_a_screen_closed_as_it_opens_does_not_stop_the_app(annotated: Annotated) -> None:
    # Each screen in turn, on one app: a screen made afresh each time, pushed and popped at
    # once twice, its late timers and workers let run out before the next.
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        for name, make in SCREENS.items():
            for _ in range(2):
                app.push_screen(make(main.workspace))
                app.pop_screen()
                await pilot.pause()
            await workers_done(app)
            await pilot.pause(0.1)  # late timers and refreshes: nothing to wait for, by design
            assert app.is_running and isinstance(app.screen, MainScreen), name
    assert app.return_code in (None, 0)


DIALOGS = ["annotate", "memo", "confirm", "goto page", "tag name", "tag style", "details"]


async def test_a_resize_that_reaches_a_dialog_as_it_closes_does_not_stop_the_app(
    annotated: Annotated,
) -> None:
    # A dialog refits its keys to its box once the resize is drawn: the terminal resized as
    # the dialog closed, that came after its parts were gone.  Each dialog in turn, on one
    # app: a dialog made afresh each time, nothing of the one before left on the screen.
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        stack = list(app.screen_stack)
        for name in DIALOGS:
            dialog = SCREENS[name](main.workspace)
            assert isinstance(dialog, Dialog)
            await app.push_screen(dialog)
            await pilot.pause()
            dialog.on_resize()  # its refit, due after the next refresh
            await dialog.dismiss(None)
            await pilot.pause()
            dialog.keys_changed()  # as late again
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, MainScreen), name
            assert app.screen_stack == stack, name  # the dialog gone
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("mounted", [False, True], ids=["T then esc at once", "esc, esc"])
async def test_esc_typed_fast_in_the_codebook_closes_it_and_does_nothing_more(
    annotated: Annotated, mounted: bool
) -> None:
    # The terminal monkey stopped the app twice here: T then esc at once ran the codebook's
    # back before its widgets were mounted, and it looked up its filter; esc, esc: the second
    # found the closed codebook's binding still, its widgets let go of.
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        codebook = CodebookScreen(main.workspace)
        app.push_screen(codebook)
        if mounted:
            await pilot.pause()
        # The first esc: only closing is live (no filter or passage list has the focus yet)
        for action in ("clear_filter", "back"):
            assert not await app.run_action(action, codebook)
        assert await app.run_action("close", codebook)
        await pilot.pause()
        assert codebook not in app.screen_stack
        assert await app.run_action("close", codebook)  # the second: taken, nothing done
        await workers_done(app)
        assert app.screen is main and app.return_code is None
