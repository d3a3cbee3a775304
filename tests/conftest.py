"""Fixtures shared by every test: temporary copies of the seed corpus and database."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.core.store import journal

# Test modules import shared helpers (tmux_terminal) by name: --import-mode=importlib does
# not put tests/ on the path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "docs_corpus"
SEED_DB = REPO / "annotations.json"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of docs_corpus/ in tmp_path (tests never touch the repo's own files)."""
    target = tmp_path / "docs_corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture
def db_copy(tmp_path: Path) -> Path:
    """A copy of the repo's annotations.json in tmp_path."""
    target = tmp_path / "annotations.json"
    shutil.copyfile(SEED_DB, target)
    return target


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a database file read-only the way a user meets it: no write permission.  Root
    ignores permissions, so there the permission check is made to answer as it would."""

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


@pytest.fixture(autouse=True)
def fixed_coder(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test codes as ``tester`` (not the login name of whoever runs the suite)."""
    monkeypatch.setenv("TUI_READER_CODER", "tester")
    return "tester"
