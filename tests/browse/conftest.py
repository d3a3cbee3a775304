"""Fixtures of the browse tests: a corpus copy with a few tagged passages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.core import journal

# The tests import their helpers as modules (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "ui"))  # reader_ui_helpers

from browse_helpers import Annotated, annotate


@pytest.fixture
def annotated(corpus_copy: Path, tmp_path: Path) -> Annotated:
    db = tmp_path / "annotations.json"
    return Annotated(corpus_copy, db, annotate(corpus_copy, db))


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a database read-only the way a user meets it (no write permission; as root,
    which ignores permissions, the permission check answers as it would)."""

    def make(db: Path) -> None:
        db.chmod(0o444)
        if os.geteuid() == 0:
            real_access = os.access

            def access(path: object, mode: int, **kwargs: object) -> bool:
                if mode & os.W_OK:
                    return False
                return real_access(path, mode)  # type: ignore[arg-type]

            monkeypatch.setattr(journal.os, "access", access)

    return make
