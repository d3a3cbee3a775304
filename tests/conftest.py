"""Fixtures shared by every test: temporary copies of the seed corpus and database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
