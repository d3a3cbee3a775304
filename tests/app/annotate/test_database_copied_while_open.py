"""The database file copied while the app is open (a backup, ``git add``, a synced folder)
holds the coding done so far: the app folds its journal in once changes settle."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.app import WorkspaceApp, opened, wait_until

from tui_reader.core.store import journal
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui import store_poll

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def coded_in_file_alone(db: Path, tag: str) -> bool:
    """Whether the database file alone, read as any JSON reader reads it, holds a passage
    coded ``tag``."""
    with open(db, encoding="utf-8") as handle:
        records = json.load(handle).get("annotations", {}).values()
    return any(tag in record.get("tags", ()) for record in records)


async def test_a_copy_of_the_database_made_while_the_app_runs_holds_a_new_passage(
    corpus_copy: Path, db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passage tagged with the app open stayed in ``annotations.json.journal`` until the app
    closed: ``cp annotations.json backup.json`` made then copied the database without it,
    and said nothing. Once no change comes for a moment, the file itself holds it."""
    monkeypatch.setattr(journal, "SETTLED_AFTER", 0.2)  # the quiet moment, made short
    monkeypatch.setattr(store_poll, "POLL_SECONDS", 0.1)  # and the app's look, as often
    app = WorkspaceApp(Workspace(corpus_copy, db_copy), DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s", "a", *"copied-coding", "enter")
        await wait_until(pilot, lambda: coded_in_file_alone(db_copy, "copied-coding"), 1000)
        backup = tmp_path / "elsewhere" / "backup.json"
        backup.parent.mkdir()
        shutil.copyfile(db_copy, backup)  # the file alone: no journal beside it there
        with AnnotationStore(backup) as copy:
            tags = [a.tags for a in copy.annotations(DOC)]
        assert ("copied-coding",) in tags
        await pilot.press("j")  # the app answers on after its fold
        await pilot.pause()
