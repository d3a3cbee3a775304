"""Another tui-reader holding the database's lock never freezes the app (issue 15, item 14):
it starts at once, a save waits in a worker while the UI goes on, the user is told whom it
waits for, the save lands when the lock is free, and ``ctrl+g`` stops waiting (the change is
then not saved, and the user is told so)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.locking import held_by_another_program, lock_held

from tui_reader.core.annotations.annotating import Annotator
from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp

TEXT = "Hello there. The world is wide.\n\nA second paragraph.\n"


def saved(db: Path) -> int:
    with AnnotationStore(db, read_only=True) as store:
        return len(store.annotations())


def said(app: ReaderApp, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


@pytest.fixture
def setup(tmp_path: Path, make_app: AppFactory) -> tuple[ReaderApp, Path]:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.set_tag(Tag("theme"))
    return make_app(corpus=corpus, open_file=corpus / "a.txt", db=db), db


async def test_a_save_waits_in_a_worker_and_lands_when_the_lock_is_free(
    setup: tuple[ReaderApp, Path],
) -> None:
    app, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        with lock_held(db):
            started = time.monotonic()
            await pilot.press("s", "1")
            assert time.monotonic() - started < 15  # the UI thread did not wait the 30 s
            await wait_until(pilot, lambda: said(app, f"pid {os.getpid()}"))
            await pilot.press("j")  # the UI goes on meanwhile
            assert saved(db) == 0
        await wait_until(pilot, lambda: saved(db) == 1)
        await wait_until(pilot, lambda: len(screen.query_one("ReadingPane").placed) == 1)


async def test_ctrl_g_stops_waiting_and_says_the_change_was_not_saved(
    setup: tuple[ReaderApp, Path],
) -> None:
    app, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        with lock_held(db):
            await pilot.press("s", "1")
            await wait_until(pilot, lambda: said(app, "Waiting for another tui-reader"))
            await pilot.press("q")  # not while a change waits
            assert app.is_running and said(app, "ctrl+g to stop waiting")
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: said(app, "1 change was not saved"))
        await pilot.pause(0.3)
        assert saved(db) == 0


async def test_the_app_starts_at_once_while_the_lock_is_held(
    setup: tuple[ReaderApp, Path],
) -> None:
    app, db = setup
    with lock_held(db):
        started = time.monotonic()
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            assert time.monotonic() - started < 10  # was: 30 s of blank screen


def _world_coded(tmp_path: Path, *, tag_first: bool) -> tuple[Path, Path, str]:
    """A corpus of ``a.txt`` holding TEXT, and a database coding its "world" theme (the code
    made before, ``tag_first``); the corpus, the database and the document's key."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    key = workspace.key(corpus / "a.txt")
    if tag_first:
        workspace.store.set_tag(Tag("theme"))
    start = TEXT.index("world")
    Annotator(workspace.store).create(key, workspace.document(key), start, start + 5, ["theme"])
    workspace.store.close()
    return corpus, db, key


async def test_annotations_that_moved_are_shown_at_once_while_the_lock_is_held(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus, db, _ = _world_coded(tmp_path, tag_first=False)
    (corpus / "a.txt").write_text("A new first line.\n\n" + TEXT, encoding="utf-8")  # it moved
    app = make_app(corpus=corpus, open_file=corpus / "a.txt", db=db)
    with lock_held(db):
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ready(pilot)
            pane = screen.query_one("ReadingPane")
            # Its new place is saved later; a worker never holds the store for 30 s meanwhile.
            await wait_until(pilot, lambda: len(pane.placed) == 1)
            assert pane.placed[0].quote == "world"
            await wait_until(
                pilot, lambda: said(app, "new places (1 annotation) are saved next time")
            )


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="the holder is not told")
async def test_a_mark_not_kept_names_the_program_holding_the_lock(
    setup: tuple[ReaderApp, Path],
) -> None:
    """A mark set while a backup tool held the lock said "another tui-reader is writing"."""
    app, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        with held_by_another_program(db) as pid:
            await pilot.press("m", "a")
            await wait_until(pilot, lambda: said(app, "not kept for the next start"))
        (note,) = [n.message for n in app._notifications if "Mark 'a'" in n.message]
        assert "another program, " in note and f"(pid {pid}) is writing" in note


async def test_the_waiting_notice_goes_once_the_change_is_saved(
    setup: tuple[ReaderApp, Path],
) -> None:
    """ "Waiting to save" stayed on screen for its eight seconds after the lock was freed and
    the change saved, saying still that the change waited."""
    app, db = setup
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        with lock_held(db):
            await pilot.press("s", "1")
            await wait_until(pilot, lambda: said(app, "Waiting for another tui-reader"))
        await wait_until(pilot, lambda: saved(db) == 1)
        await wait_until(pilot, lambda: not app.saves.waiting)
        await wait_until(pilot, lambda: not said(app, "Waiting for another tui-reader"), tries=50)


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        (("s", "1"), "Annotate: Hello there.\n\nTags: theme\n\nNote:\n"),
        (("x", "y"), "Not saved: the annotation on “world” (theme; no note) deleted."),
        (("u",), "Not saved: an undo (u) of the last change."),
    ],
    ids=["code", "delete", "undo"],
)
async def test_a_change_by_a_key_dropped_as_a_signal_ends_the_app_is_kept_as_a_draft(
    tmp_path: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    keys: tuple[str, ...],
    kept: str,
) -> None:
    """A change made by a key (no dialog keeping it) waiting for another program's lock when
    a signal ends the app is dropped after a few seconds more: it was said on stderr, and
    lost.  It is kept as a draft for the next start to offer back."""
    import signal

    from tui_reader.core.kept_drafts import kept_drafts
    from tui_reader.locations import resolve_state_dir

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    corpus, db, key = _world_coded(tmp_path, tag_first=True)
    start = TEXT.index("world")
    app = make_app(corpus=corpus, open_file=corpus / "a.txt", db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        if "x" in keys:
            screen.reader.move_caret(start + 1, select=False)
        with lock_held(db):
            await pilot.press(*keys)
            await wait_until(pilot, lambda: app.saves.waiting == 1)
            app._stopped_by = signal.SIGTERM  # as _stopped_by_signal sets it
            app.saves.give_up_after(0.1, "the app was stopped by TERM")
            await wait_until(pilot, lambda: not app.saves.waiting)
    app.keep_drafts_dropped()
    (draft,), problems = kept_drafts(resolve_state_dir(), db)
    assert problems == []
    assert kept in draft.text + "\n"
    assert draft.stopped.startswith("stopped by TERM with a change waiting")
    assert draft.document == key  # (opened there at the next start)
    assert any(str(draft.path) in line for line in app.said_at_exit)
