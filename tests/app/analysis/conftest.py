"""Fixtures of the analysis views' tests: the docs_corpus copy with a few tagged passages and
attributes, and an app on it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# browse_helpers (the tagged passages) and reader_ui_helpers (ready, wait_until)
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "browse"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))

from browse_helpers import MEXICO, US, Annotated, annotate

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp


@pytest.fixture
def annotated(corpus_copy: Path, tmp_path: Path) -> Annotated:
    db = tmp_path / "annotations.json"
    ids = annotate(corpus_copy, db)
    with AnnotationStore(db) as store:
        store.set_attributes([(MEXICO, {"country": "Mexico"}), (US, {"country": "USA"})])
    return Annotated(corpus_copy, db, ids)


@pytest.fixture
def analysis_app(annotated: Annotated) -> Callable[[], ReaderApp]:
    def make() -> ReaderApp:
        return ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)

    return make
