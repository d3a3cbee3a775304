"""The app's one poll of the database (ui/store_poll.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.store_poll import StorePoll


class _App:
    """What the poll asks of the app: its screens, and notifications (kept)."""

    def __init__(self) -> None:
        self.screen_stack: list[Any] = []
        self.said: list[str] = []

    def notify(self, message: str, **_: object) -> None:
        self.said.append(message)


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
