"""Fixtures of the polish tests: the real app on a copy of the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui_reader.ui.app import ReaderApp

sys.path.insert(0, str(Path(__file__).parent))  # the tests import pilot_helpers

from pilot_helpers import AppFactory


@pytest.fixture
def make_app(corpus_copy: Path, tmp_path: Path) -> AppFactory:
    """``make_app(open_file=None, corpus=None, measure=80)`` -> a ReaderApp on a copy of
    docs_corpus and a fresh database in tmp_path."""

    def factory(
        open_file: Path | None = None, corpus: Path | None = None, measure: int = 80
    ) -> ReaderApp:
        return ReaderApp(
            corpus or corpus_copy, tmp_path / "annotations.json", open_file, measure=measure
        )

    return factory
