"""Helpers for driving the whole app with Pilot."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.ui.app import ReaderApp

# The tests import their helpers as a module (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

AppFactory = Callable[..., ReaderApp]


@pytest.fixture
def make_app(corpus_copy: Path, tmp_path: Path) -> AppFactory:
    """``make_app(corpus=None, open_file=None, db=None, measure=80)`` -> a ReaderApp on a
    temporary copy of docs_corpus and a fresh database in tmp_path."""

    def factory(
        corpus: Path | None = None,
        open_file: Path | None = None,
        db: Path | None = None,
        measure: int = 80,
    ) -> ReaderApp:
        return ReaderApp(
            corpus or corpus_copy, db or tmp_path / "annotations.json", open_file, measure=measure
        )

    return factory
