"""Symptom 3: on restart the app reopens the document the user was reading last, at its
place: the screen shows the line the status line names, and the first `j` moves one line."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, main_screen, status_text, wait_until, workers_done
from textual.pilot import Pilot

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key
from tui_reader.ui.screens.main import MainScreen

PARAGRAPH = (
    "The border plan was announced in Doral, and the ministers agreed to meet again in the "
    "spring to review the patrols along the river.\n\n"
)


def long_corpus(folder: Path) -> Path:
    """Two documents; the second (alphabetically) is long, ~1 MB (whole, not previewed)."""
    folder.mkdir()
    (folder / "a-short.txt").write_text("A short note\n\nNothing much to read here.\n")
    long = folder / "b-long.txt"
    long.write_text("A long report\n\n" + PARAGRAPH * 8000)
    return long


async def shown(pilot: Pilot[int], key: str) -> MainScreen:
    app = pilot.app
    screen = await main_screen(pilot)
    await wait_until(pilot, lambda: screen.pane.key == key and screen.reader.document is not None)
    await workers_done(app)
    for _ in range(5):
        await pilot.pause()
    return screen


def caret_on_screen(screen: MainScreen) -> bool:
    reader = screen.reader
    row = reader.line_number
    top = int(reader.scroll_y)
    return top <= row < top + reader.scrollable_content_region.height


async def test_restart_reopens_the_last_document_at_its_place(
    make_app: AppFactory, tmp_path: Path
) -> None:
    long = long_corpus(tmp_path / "corpus")
    corpus = long.parent
    db = tmp_path / "positions.json"
    key = document_key(long, db)
    text = long.read_text()
    place = text.index("The border plan", int(len(text) * 0.64))
    store = AnnotationStore(db)
    store.set_reading_position(key, place)  # where the user stopped reading, last session
    store.close()

    app = make_app(corpus=corpus, db=db)  # no file named: the one read last opens
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot, key)
        reader = screen.reader
        assert reader.caret == place
        assert "64%" in status_text(screen)
        assert caret_on_screen(screen), (reader.line_number, reader.scroll_y)
        top, line = reader.scroll_y, reader.line_number
        reader.focus()
        await pilot.press("j")
        await pilot.pause()
        assert reader.line_number == line + 1  # one line down, no jump
        assert abs(reader.scroll_y - top) <= 1
        assert caret_on_screen(screen)


async def test_a_document_opens_with_its_saved_place_on_screen(
    make_app: AppFactory, tmp_path: Path
) -> None:
    long = long_corpus(tmp_path / "corpus")
    db = tmp_path / "positions.json"
    key = document_key(long, db)
    text = long.read_text()
    place = text.index("The border plan", int(len(text) * 0.64))
    store = AnnotationStore(db)
    store.set_reading_position(key, place)
    store.close()

    app = make_app(corpus=long.parent, open_file=long, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot, key)
        reader = screen.reader
        assert reader.caret == place and caret_on_screen(screen)
        line = reader.line_number
        await pilot.press("j")
        await pilot.pause()
        assert reader.line_number == line + 1 and caret_on_screen(screen)


def _long_read_at_40(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A corpus of a long document, its place saved at 40, and a short one before it: the
    long one's path, the database and the two documents' keys."""
    long = long_corpus(tmp_path / "corpus")
    db = tmp_path / "positions.json"
    key = document_key(long, db)
    short = document_key(long.with_name("a-short.txt"), db)
    store = AnnotationStore(db)
    store.set_reading_position(key, 40)
    store.close()
    return long, db, key, short


async def _open_the_short_one(pilot: Pilot[int], key: str, short: str) -> None:
    """The app opened at the long document; ``<`` to the short one before it."""
    screen = await shown(pilot, key)
    screen.reader.focus()
    await pilot.press("less_than_sign")
    await shown(pilot, short)


async def test_a_document_opened_and_left_at_its_top_is_the_one_reopened(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A document opened (``<``) and quit at once, its caret unmoved at its top: the next
    start reopened the document read before it, its place the last one saved, and the
    document the user had open at quit was never said to be read."""
    long, db, key, short = _long_read_at_40(tmp_path)
    app = make_app(corpus=long.parent, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_the_short_one(pilot, key, short)
        await pilot.press("q")
    with AnnotationStore(db) as store:
        assert store.last_read() == short
        assert store.reading_position(key) == 40

    app = make_app(corpus=long.parent, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot, short)
        assert screen.reader.caret == 0
        await pilot.press("q")  # nothing moved, the document the store has: nothing written
    with AnnotationStore(db) as store:
        assert store.last_read() == short


async def test_the_first_document_gone_back_to_unmoved_is_the_one_reopened(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The document the app opened, left for another read there (its place saved as it was
    left), then gone back to and quit unmoved: the next start reopened the other one, the
    first document's place, unmoved, never written as the one read last."""
    long, db, key, short = _long_read_at_40(tmp_path)
    app = make_app(corpus=long.parent, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_the_short_one(pilot, key, short)
        await pilot.press("j")  # read there: its place saved as it is left
        await pilot.press("greater_than_sign")
        screen = await shown(pilot, key)
        assert screen.reader.caret == 40
        await pilot.press("q")
    with AnnotationStore(db) as store:
        assert store.last_read() == key
        assert store.reading_position(key) == 40
        assert store.reading_position(short) not in (None, 0)

    app = make_app(corpus=long.parent, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot, key)
        assert screen.reader.caret == 40
        await pilot.press("q")
