"""The app's start (``tui_reader.ui.app.run_app``) replaced by a stand-in that records what
the command line gave it, for tests of how ``tui-reader [PATH] [options]`` starts the app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui_reader.locations import Target


@dataclass(frozen=True)
class AppStart:
    """What one start of the app was given."""

    target: Target
    db: Path
    measure: int
    coder: str | None
    settings_said: list[str]
    database_said: str = ""
    corpus_said: str = ""


def app_starts(monkeypatch: pytest.MonkeyPatch) -> list[AppStart]:
    """Each start of the app from now on, recorded (the app itself does not run: 0 is its
    exit status)."""
    import tui_reader.ui.app as ui_app

    starts: list[AppStart] = []

    def run_app(
        target: Target,
        db: Path,
        measure: int,
        coder: str | None = None,
        settings_said: Sequence[str] = (),
        database_said: str = "",
        corpus_said: str = "",
    ) -> int:
        starts.append(
            AppStart(target, db, measure, coder, list(settings_said), database_said, corpus_said)
        )
        return 0

    monkeypatch.setattr(ui_app, "run_app", run_app)
    return starts
