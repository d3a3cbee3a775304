"""A database another program wrote over while the app runs: the documents are still read,
the problem said once, and the damaged file is never written over.  One whose records cannot
all be read opens with the rest, the records left said once."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.app import AppFactory, notices_titled, ready, wait_until, workers_done

from tui_reader.ui.app import close_saying

DAMAGED = '{"garbage'


async def test_other_documents_open_over_a_damaged_database(
    make_app: AppFactory, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = make_app(db=db)
    notes = notices_titled(app)  # as said: a toast times out while documents open
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        first = screen.reader.document
        assert first is not None
        screen.reader.focus()
        db.write_text(DAMAGED, encoding="utf-8")
        await pilot.press("greater_than_sign")  # the next document: its text, not "Cannot open"
        await wait_until(
            pilot,
            lambda: screen.reader.document is not None and screen.reader.document is not first,
        )
        await pilot.press("less_than_sign")  # and back
        await wait_until(
            pilot,
            lambda: (
                screen.reader.document is not None and screen.reader.document.text == first.text
            ),
        )
        await workers_done(app)
        app.store_poll.poll()
        await pilot.pause()
        said = [(title, message) for title, message, _ in notes]
        assert not any(title.startswith("Cannot open") for title, _ in said), said
        damaged = [title for title, message in said if "damaged JSON" in message]
        assert damaged == ["Database unreadable: annotations not loaded or saved"], said
    assert db.read_text(encoding="utf-8") == DAMAGED  # never written over


async def test_a_reading_position_not_saved_at_quit_is_said_after(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Quitting over a database another program wrote over: the place read cannot be saved,
    and a notification as the app closes is never seen; the command says it once the
    terminal is back."""
    db = tmp_path / "annotations.json"
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        key = screen.column.key
        assert key is not None
        screen.reader.focus()
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: screen.reader.caret > 0)
        db.write_text(DAMAGED, encoding="utf-8")
        await pilot.press("q")
    assert len(app.said_at_exit) == 1, app.said_at_exit
    said = app.said_at_exit[0]
    assert said.startswith(f"{key}: the reading position was not saved"), said
    assert "damaged JSON" in said, said
    assert db.read_text(encoding="utf-8") == DAMAGED  # never written over


async def test_the_fold_warning_at_quit_does_not_say_the_unsaved_position_was_saved(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Quitting over a damaged database: the reading position was not saved, said first; the
    fold's warning said next claimed every change was saved all the same."""
    db = tmp_path / "annotations.json"
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: screen.reader.caret > 0)
        db.write_text(DAMAGED, encoding="utf-8")
        await pilot.press("q")
    assert len(app.said_at_exit) == 1, app.said_at_exit
    warning = close_saying(app.workspace.store, unsaved_said=bool(app.said_at_exit))
    assert warning is not None and "could not be folded in" in warning, warning
    assert "every change is saved" not in warning, warning
    assert "every other change is saved all the same" in warning, warning


async def test_a_record_of_the_database_it_cannot_read_is_said_once(
    make_app: AppFactory, tmp_path: Path
) -> None:
    # A record edited by hand: the command line says each such record; the app showed one
    # passage fewer without a word.  The record stays in the file as it is.
    db = tmp_path / "annotations.json"
    record = {"id": "a1", "document": "docs_corpus/mexico-hosts-southcom-conference-to-launch"
              "-plan-pentagon.txt", "start": "zero", "end": 6, "quote": "Mexico"}  # fmt: skip
    db.write_text(json.dumps({"annotations": {"7": record}}), encoding="utf-8")
    said = ("Database records not read", f"{db}: annotation record 7 is unreadable (missing or "
            "bad id, document, start, end or quote)")  # fmt: skip
    app = make_app(db=db)
    notes = notices_titled(app)  # as said: its toast times out while the next one opens
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: said in [(t, m) for t, m, _ in notes])
        screen.reader.focus()
        shown = screen.reader.document
        await pilot.press("greater_than_sign")  # the next document, placed in its turn
        await wait_until(pilot, lambda: screen.reader.document is not shown)
        await workers_done(app)
        await pilot.pause()
        titled = [(title, message) for title, message, _ in notes]
        assert titled.count(said) == 1  # once a session, not for each document
    assert json.loads(db.read_text(encoding="utf-8"))["annotations"]["7"] == record
