"""Opening the app on a database and quitting without a change leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready


async def test_opening_and_quitting_leaves_the_seed_database_untouched(
    make_app: AppFactory, db_copy: Path
) -> None:
    before = db_copy.read_bytes()
    journal = db_copy.with_name(db_copy.name + ".journal")
    app = make_app(db=db_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert db_copy.read_bytes() == before
        assert not journal.exists() or journal.stat().st_size == 0
    assert db_copy.read_bytes() == before
    assert not journal.exists() or journal.stat().st_size == 0
