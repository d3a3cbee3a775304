"""Helpers shared by the tests (``tests`` is on the path through pyproject's ``pythonpath``)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_CORPUS = REPO / "docs_corpus"  # never written: tests copy it to tmp_path
SEED_DB = REPO / "annotations.json"
