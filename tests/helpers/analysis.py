"""Helpers of the analysis tests: the tagged passages of :mod:`helpers.passages` with a
``country`` attribute per document, and an app on them."""

from __future__ import annotations

from pathlib import Path

from helpers.passages import MEXICO, US, Annotated
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp

COUNTRIES = {MEXICO: "Mexico", US: "USA"}


def analysis_app(annotated: Annotated) -> ReaderApp:
    """The app on the annotated corpus (the Mexico document open), after giving each document
    its ``country``."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(key, {"country": c}) for key, c in COUNTRIES.items()])
    return ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)
