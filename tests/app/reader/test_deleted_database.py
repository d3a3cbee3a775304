"""The database file deleted or moved away while the app has it open (an ``rm`` or a ``git
checkout`` by mistake, a sync that took it away): the app held every change in memory, yet
refused each new one until the file was restored by hand from the state the last save kept.
It offers, once and never over a dialog being typed in, to write the file back from memory."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, notices_said, ready, wait_until, workers_done

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.confirm import ConfirmScreen


async def test_a_deleted_database_is_written_back_from_memory_with_one_key(
    make_app: AppFactory, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = make_app(db=db)
    notes = notices_said(app)  # as said: its toast times out while the question comes
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        key = screen.column.key
        assert key is not None
        document = screen.reader.document
        assert document is not None
        store = app.workspace.store
        store.add(make_annotation(key, document.text, 0, 5, "", ("kept",)))
        store.compact()
        store.add(make_annotation(key, document.text, 6, 12, "", ("since",)))
        await workers_done(app)
        db.unlink()
        app.store_poll.poll()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.store_poll.poll()  # asked once while it stays gone
        await pilot.pause()
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        assert any("disappeared" in message for message in notes)
        await pilot.press("y")
        await wait_until(pilot, lambda: db.exists())
        await wait_until(pilot, lambda: any("written back" in m for m in notes))
        store.add(make_annotation(key, document.text, 13, 18, "", ("after",)))  # saved again
    with AnnotationStore(db) as again:
        tags = sorted(t for a in again.annotations() for t in a.tags)
    assert tags == ["after", "kept", "since"]


async def test_the_write_back_is_not_asked_over_a_dialog(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The annotation being typed keeps its keys: an enter would have answered the question
    popped up over it."""
    db = tmp_path / "annotations.json"
    app = make_app(db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("v", "w", "a")
        await wait_until(pilot, lambda: app.screen is not screen)
        dialog = app.screen
        db.unlink()
        app.store_poll.poll()
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        app.store_poll.poll()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not db.exists()
