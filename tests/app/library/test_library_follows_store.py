"""The library follows the database: counts change when the command line changes it (the
codebook already did), for every document, not only the one on show."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until

from tui_reader.cli.main import main as cli
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.store_poll import StorePoll

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_counts_follow_annotations_made_on_the_command_line(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = make_app(open_file=corpus_copy / FIRST, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = app.workspace.key(corpus_copy / SECOND)
        entry = screen.library.entry(key)
        assert entry is not None and entry.annotations == 0
        argv = ["annotate", str(corpus_copy / SECOND), "--quote", "Mexico", "--tag", "place"]
        assert cli([*argv, "--occurrence", "1", "--db", str(db)]) == 0
        assert cli([*argv, "--occurrence", "2", "--db", str(db)]) == 0

        def counted() -> bool:
            shown = screen.library.entry(key)
            return shown is not None and shown.annotations == 2

        await wait_until(pilot, counted)
        assert "2 annotations" in screen.library.cell(key).plain
        with AnnotationStore(db) as other:  # another process deletes one
            other.delete(other.annotations(key)[0].id)
        await wait_until(pilot, lambda: "1 annotation" in screen.library.cell(key).plain)


async def test_the_library_follows_the_one_store_poll_of_the_app(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timer of its own: with the app's poll stopped the library stays as it was; one
    poll brings the counts in step (as it does the reading pane)."""
    db = tmp_path / "annotations.json"
    polls: list[StorePoll] = []
    monkeypatch.setattr(StorePoll, "start", lambda self: polls.append(self))
    app = make_app(open_file=corpus_copy / FIRST, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = app.workspace.key(corpus_copy / SECOND)
        await wait_until(pilot, lambda: not screen.library.entry(key).loading)  # type: ignore[union-attr]
        argv = ["annotate", str(corpus_copy / SECOND), "--quote", "Mexico", "--tag", "place"]
        assert cli([*argv, "--occurrence", "1", "--db", str(db)]) == 0
        await pilot.pause(1.5)
        entry = screen.library.entry(key)
        assert entry is not None and entry.annotations == 0
        assert len(polls) == 1
        polls[0].poll()
        await wait_until(pilot, lambda: "1 annotation" in screen.library.cell(key).plain)
