"""The app's one poll of the database (ui/store_poll.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal import BACKGROUND_BOUND
from tui_reader.locations import db_sidecars
from tui_reader.ui.store_poll import StorePoll


class _App:
    """What the poll asks of the app: its screens, and notifications (kept)."""

    def __init__(self) -> None:
        self.screen_stack: list[Any] = []
        self.said: list[str] = []

    def notify(self, message: str, **_: object) -> None:
        self.said.append(message)

    def set_interval(self, *_: object) -> None:
        """The timer: the tests call the poll themselves."""

    def run_worker(self, work: Callable[[], object], **_: object) -> SimpleNamespace:
        """A worker run at once, here: done when this returns."""
        work()
        return SimpleNamespace(is_finished=True)


def test_a_damaged_database_is_said_once_while_it_stays_so(tmp_path: Path) -> None:
    """Another program wrote over the database while the app ran: each poll (every two
    seconds) said so again, the same toast stacked over the text for as long as it stayed
    damaged. It is said once, and again when it is damaged anew after being read."""
    db = tmp_path / "annotations.json"
    app = _App()
    with AnnotationStore(db) as store:
        store.set_tag(Tag("first"))
        poll = StorePoll(app, store)  # type: ignore[arg-type]
        db.write_text('{"garbage')
        for _ in range(3):
            poll.poll()
        assert len(app.said) == 1 and "damaged" in app.said[0], app.said
        with AnnotationStore(tmp_path / "fresh.json") as fresh:
            fresh.set_tag(Tag("second"))
        db.write_bytes((tmp_path / "fresh.json").read_bytes())  # readable again
        poll.poll()
        assert len(app.said) == 1, app.said
        db.write_text('{"garbage')  # the same damage, anew
        poll.poll()
        poll.poll()
        assert len(app.said) == 2, app.said


def test_a_save_past_the_journals_size_leaves_the_fold_to_the_poll(tmp_path: Path) -> None:
    """A save that took the journal past its size folded it there and then, on the thread
    that saved (the app's: seconds at 100,000 annotations, the keys waiting). It is left to
    the poll's fold in a worker, due at once; past BACKGROUND_BOUND times the size (folds
    kept from happening) the save folds, so the journal stays bounded."""
    db = tmp_path / "annotations.json"
    journal = db_sidecars(db)[0]
    text = "The Pentagon plan would crack down on the border."
    size = 4000
    with AnnotationStore(db, compact_bytes=size) as store:
        poll = StorePoll(_App(), store)  # type: ignore[arg-type]
        poll.start()
        before = db.read_bytes()
        made = []
        while journal.stat().st_size <= size:
            made.append(store.add(make_annotation("a.txt", text, 4, 12, "", ("t",))).id)
        assert db.read_bytes() == before  # not folded by the save
        assert store.settled()  # due now, though changes came a moment ago
        poll.poll()
        assert journal.stat().st_size == 0
        folded = json.loads(db.read_bytes())["annotations"]
        assert sorted(r["id"] for r in folded.values()) == sorted(made)
        sizes = []  # the journal's after each save, the poll not running
        while not sizes or sizes[-1] > 0:
            store.add(make_annotation("a.txt", text, 4, 12, "", ("t",)))
            sizes.append(journal.stat().st_size)
        assert max(sizes) > size  # left to the poll past the size ...
        assert max(sizes) <= BACKGROUND_BOUND * size  # ... and folded by a save past the bound
