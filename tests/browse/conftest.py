"""Fixtures of the browse tests: a corpus copy with a few tagged passages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests import their helpers as modules (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "ui"))  # reader_ui_helpers

from browse_helpers import Annotated, annotate


@pytest.fixture
def annotated(corpus_copy: Path, tmp_path: Path) -> Annotated:
    db = tmp_path / "annotations.json"
    return Annotated(corpus_copy, db, annotate(corpus_copy, db))
