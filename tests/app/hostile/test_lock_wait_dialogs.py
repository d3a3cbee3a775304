"""Every save of the app waits for another tui-reader's lock the same way (issue 15, item 14):
the codebook's edits, memos and attributes wait in a worker, the user is told whom they wait
for, and nothing typed is lost: the dialog stays open with what was typed (locked) until it is
saved, and keeps it when the user stops waiting (``ctrl+g``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from helpers.analysis import analysis_app
from helpers.app import ready, wait_until
from helpers.locking import lock_held
from helpers.passages import MEXICO, Annotated
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea
from textual.widgets._footer import FooterKey

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.tag_dialogs import TagNameDialog
from tui_reader.ui.widgets.steady_footer import DialogFooter


def said(app: ReaderApp, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


def tag_names(db: Path) -> list[str]:
    with AnnotationStore(db, read_only=True) as store:
        return [t.name for t in store.tags()]


def memo_texts(db: Path, kind: MemoKind) -> list[str]:
    with AnnotationStore(db, read_only=True) as store:
        return [m.text for m in store.memos(kind)]


def attributes(db: Path) -> dict[str, object]:
    with AnnotationStore(db, read_only=True) as store:
        return dict(store.attributes().get(MEXICO, {}))


def mexico_app(annotated: Annotated) -> ReaderApp:
    return ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)


async def open_codebook_on(pilot: Pilot[int], tag: str) -> CodebookScreen:
    await ready(pilot)
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CodebookScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing)
    screen.tag_tree.focus()
    for _ in range(20):
        if screen.selected == tag:
            break
        await pilot.press("j")
    assert screen.selected == tag
    return screen


async def test_a_codebook_rename_and_its_undo_wait_for_the_lock_and_land_when_it_is_free(
    annotated: Annotated,
) -> None:
    app = mexico_app(annotated)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_codebook_on(pilot, "militarization")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        dialog = app.screen
        field = dialog.query_one(Input)
        field.value = ""
        with lock_held(annotated.db):
            started = time.monotonic()
            await pilot.press(*"armed forces", "enter")
            assert time.monotonic() - started < 15  # the UI thread did not wait the 30 s
            await wait_until(pilot, lambda: said(app, f"another tui-reader (pid {os.getpid()})"))
            assert app.screen is dialog and field.disabled and field.value == "armed forces"
            await pilot.press("escape")  # closing would lose it (or save it unseen): refused
            assert app.screen is dialog
            assert "militarization" in tag_names(annotated.db)
        await wait_until(pilot, lambda: app.screen is screen)
        assert "armed forces" in tag_names(annotated.db) and screen.selected == "armed forces"

        with lock_held(annotated.db):
            await pilot.press("u")  # the codebook's undo waits too
            await wait_until(pilot, lambda: app.saves.waiting == 1)
            assert "militarization" not in tag_names(annotated.db)
        await wait_until(pilot, lambda: "militarization" in tag_names(annotated.db))
        await wait_until(pilot, lambda: said(app, "Undone: "))


async def test_a_memo_typed_while_the_lock_is_held_is_saved_when_it_is_free(
    annotated: Annotated,
) -> None:
    app = mexico_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        with lock_held(annotated.db):
            await pilot.press("M", *"Shy at first", "ctrl+s")
            await wait_until(pilot, lambda: said(app, f"pid {os.getpid()}"))
            dialog = app.screen
            assert isinstance(dialog, MemoDialog) and dialog.query_one(TextArea).disabled
            assert memo_texts(annotated.db, MemoKind.DOCUMENT) == []
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        assert memo_texts(annotated.db, MemoKind.DOCUMENT) == ["Shy at first\n"]


async def test_a_memo_whose_wait_is_stopped_stays_in_its_editor_to_save_again(
    annotated: Annotated,
) -> None:
    app = mexico_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        with lock_held(annotated.db):
            await pilot.press("J", *"kept", "ctrl+s")
            await wait_until(pilot, lambda: said(app, "Waiting for another tui-reader"))
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: said(app, "1 change was not saved"))
            dialog = app.screen
            assert isinstance(dialog, MemoDialog) and dialog.text == "kept"
            assert not dialog.query_one(TextArea).disabled
            assert "you stopped waiting" in str(dialog.query_one("#memo-error", Static).render())
        await pilot.pause(0.3)
        assert memo_texts(annotated.db, MemoKind.JOURNAL) == []
        await pilot.press(*" still", "ctrl+s")  # the lock is free: saved at once
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        assert memo_texts(annotated.db, MemoKind.JOURNAL) == ["kept still\n"]


async def test_an_attribute_set_while_the_lock_is_held_is_saved_when_it_is_free(
    annotated: Annotated,
) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 44)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        details = app.screen
        assert isinstance(details, DocumentDetails)
        await wait_until(pilot, lambda: details.document is not None)
        field = details.query_one("#details-edit", Input)
        status = details.query_one("#details-status", Static)
        with lock_held(annotated.db):
            await pilot.press(*"age=34", "enter")
            await wait_until(pilot, lambda: f"pid {os.getpid()}" in str(status.render()))
            assert field.disabled and field.value == "age=34"
            await pilot.press("escape")  # refused while it waits
            assert app.screen is details
            assert "age" not in attributes(annotated.db)
        await wait_until(pilot, lambda: attributes(annotated.db).get("age") == 34)
        await wait_until(pilot, lambda: "Set age=34." in str(status.render()))
        assert field.value == "" and not field.disabled


async def test_while_a_dialog_s_save_waits_its_footer_offers_to_stop_waiting(
    annotated: Annotated,
) -> None:
    """The footer said "esc Cancel  ^s Save" while the save waited, and both only said that
    it waits; ctrl+g, which stops the wait, was said nowhere but in the dialog's text."""
    app = mexico_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("J", *"kept")
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        footer = dialog.query_one(DialogFooter)
        await wait_until(pilot, lambda: "^s Save" in footer_words(footer))
        with lock_held(annotated.db):
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: footer_words(footer) == ["^g Stop waiting"])
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: "^s Save" in footer_words(footer))


def footer_words(footer: DialogFooter) -> list[str]:
    """The footer's keys as shown (key and word)."""
    shown = []
    for key in footer.query(FooterKey):
        if key.display:
            shown.append(f"{key.key_display} {key.description}")
    return shown
