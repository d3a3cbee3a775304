"""Helpers shared by the tests (``tests`` is on the path through pyproject's ``pythonpath``)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_CORPUS = REPO / "docs_corpus"  # never written: tests copy it to tmp_path
SEED_DB = REPO / "annotations.json"


def examples(n: int) -> int:
    """A property test's number of examples: ``n`` in the suite, ten times as many under
    ``--hypothesis-profile=explore`` (a test that sets its own number keeps it otherwise)."""
    from hypothesis import settings

    return n * settings.default.max_examples // 100
