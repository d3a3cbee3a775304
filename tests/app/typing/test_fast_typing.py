"""Symptom 4: typing fast (a burst of keys, as key repeat or a quick typist sends them) in
the library filter, the `/` search prompt or the codebook filter keeps every character in
order: "milit", five backspaces, "interv" gives "interv", not "minter"."""

from __future__ import annotations

import unicodedata

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.passages import Annotated
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen

TYPED = [*"milit", *["backspace"] * 5, *"interv"]


async def burst(pilot: Pilot[int], keys: list[str]) -> None:
    """Send ``keys`` the way the terminal does when they come 10 ms apart to a busy app:
    all queued before the app handles the first."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else unicodedata.lookup("DELETE") if key == "delete" else None
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    for _ in range(10):
        await pilot.pause()


async def test_library_filter_keeps_a_burst_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.library.table.focus()
        await pilot.press("slash")
        field = screen.library.query_one("#library-filter", Input)
        assert field.has_focus
        await burst(pilot, TYPED)
        assert field.value == "interv"


async def test_search_prompt_keeps_a_burst_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("slash")
        field = screen.query_one("#search", Input)
        assert field.has_focus
        await burst(pilot, TYPED)
        assert field.value == "interv"
        await pilot.press(*"milit", *["backspace"] * 5, *"interv")  # Pilot's own pace too
        assert field.value == "intervinterv"


async def test_codebook_filter_keeps_a_burst_in_order(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await pilot.press("slash")
        field = app.screen.query_one("#codebook-filter", Input)
        assert field.has_focus
        await burst(pilot, TYPED)
        assert field.value == "interv"


async def test_a_memo_typed_fast_and_saved_at_once_keeps_every_character(
    make_app: AppFactory,
) -> None:
    """``ctrl+s`` right behind the typing (one burst) saves what was typed: it does not
    overtake the characters still on their way to the editor (it did, and the memo was
    saved empty: dropped)."""
    from tui_reader.core.analysis.memos import MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await burst(pilot, [*"Third entry", "ctrl+s"])
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        entries = app.workspace.store.memos(MemoKind.JOURNAL)
        assert [m.text.strip() for m in entries] == ["Third entry"]


async def test_a_note_typed_fast_and_saved_at_once_keeps_every_character(
    make_app: AppFactory,
) -> None:
    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await burst(pilot, [*"place", "tab", *"a quick note", "ctrl+s"])
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        saved = app.workspace.store.annotations()
        assert [(a.tags, a.note) for a in saved] == [(("place",), "a quick note")]


@pytest.mark.parametrize(
    ("where", "field_id"), [("library", "#library-filter"), ("reader", "#search")]
)
async def test_keys_typed_right_behind_the_slash_go_to_the_field_it_opens(
    make_app: AppFactory, where: str, field_id: str
) -> None:
    """``/`` and the text typed in one burst, from the library (its filter) or the text (the
    search prompt): the field gets every character (the keys after ``/`` were sent to the list
    or the text before ``/`` had opened the field, and were lost)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        (screen.library.table if where == "library" else screen.reader).focus()
        await pilot.pause()
        await burst(pilot, ["slash", *"southcom"])
        assert screen.query_one(field_id, Input).value == "southcom"


async def test_keys_typed_right_behind_hiding_and_showing_the_library_go_to_its_filter(
    make_app: AppFactory,
) -> None:
    """``L``, ``L``, ``/`` and a word in one burst from the text: the library is hidden, shown
    (and focused), its filter opened, and the word typed into it (the ``/`` reached the text
    before the ``L``s had run, and opened the search in the document instead)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.pause()
        await burst(pilot, ["L", "L", "slash", *"southcom"])
        assert screen.library.display
        assert screen.query_one("#library-filter", Input).value == "southcom"
        # The document's search prompt got nothing (it is mounted when first opened).
        assert [bar.value for bar in screen.query("#search").results(Input)] in ([], [""])
