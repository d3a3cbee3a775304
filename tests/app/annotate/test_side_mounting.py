"""The side panel (the annotation in full, the annotations list) is built when it first shows
or is first asked for, not with the first screen; built late, it shows what it would have."""

from __future__ import annotations

from pathlib import Path

from helpers.app import opened, side_details, workers_done
from helpers.passages import MEXICO, Annotated
from textual.widgets import OptionList

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.reading_pane.details import AnnotationDetails
from tui_reader.ui.screens.help import collect_bindings
from tui_reader.ui.screens.main import MainScreen


def app_on_mexico(annotated: Annotated) -> ReaderApp:
    return ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)


async def test_a_first_screen_without_room_for_the_side_does_not_build_it(
    annotated: Annotated,
) -> None:
    async with app_on_mexico(annotated).run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        await workers_done(pilot.app)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.query(AnnotationsPanel) and not screen.query(AnnotationDetails)
        # moving about and annotating do not build it either
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("remilitarize the region") + 2)
        await pilot.press("s", "1")
        await pilot.pause()
        assert screen.pane.mounted_panel is None and not screen.query(AnnotationsPanel)
        # its keys are in the help all the same
        listed = [text for rows in collect_bindings(screen).values() for _, text in rows]
        assert "Re-attach orphan" in listed and "Go to the annotation" in listed


async def test_A_builds_the_panel_open_focused_on_the_annotation_under_the_caret(
    annotated: Annotated,
) -> None:
    async with app_on_mexico(annotated).run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        await workers_done(pilot.app)
        assert reader.document is not None
        text = reader.document.text
        reader.move_caret(text.index("massively deporting migrants") + 4)
        await pilot.press("A")
        await pilot.pause()
        panel = pilot.app.screen.query_one(AnnotationsPanel)
        assert panel.has_class("-open") and panel.has_focus_within
        assert panel.current is not None and panel.current.tags == ("migration/deportation",)
        assert len(panel.query_one(OptionList).options) == 3  # this document's three
        await pilot.press("k")  # the list's keys: up a row, then jump to it
        chosen = panel.current
        assert chosen is not None and chosen.tags != ("migration/deportation",)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.has_focus and reader.caret == chosen.start
        details = await side_details(pilot)  # built with it, showing the caret's annotation
        assert details.annotation is not None and details.annotation.id == chosen.id


async def test_a_wide_screen_shows_the_side_at_once_with_the_caret_s_annotation(
    annotated: Annotated,
) -> None:
    async with app_on_mexico(annotated).run_test(size=(220, 40)) as pilot:
        reader = await opened(pilot)
        await workers_done(pilot.app)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("remilitarize the region") + 2)
        await pilot.pause()
        details = pilot.app.screen.query_one(AnnotationDetails)
        assert details.display and details.region.width > 0
        assert details.annotation is not None
        assert details.annotation.tags == ("militarization", "policy/border")
        panel = pilot.app.screen.query_one(AnnotationsPanel)
        assert panel.current is not None and panel.current.id == details.annotation.id
