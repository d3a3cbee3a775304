"""Helpers shared by the tests (``tests`` is on the path through pyproject's ``pythonpath``)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_CORPUS = REPO / "docs_corpus"  # never written: tests copy it to tmp_path
SEED_DB = REPO / "annotations.json"


def examples(n: int) -> int:
    """A property test's number of examples, ``n`` for a deep run: the profile loaded scales
    it by its ``max_examples`` over 100 (tests/conftest.py), a run of the suite trying fewer
    (the same ones at each run) and ``--hypothesis-profile=explore`` ten times as many.  Never
    fewer than ``n`` up to 10: a test this costly has few examples to begin with."""
    from hypothesis import settings

    return max(min(n, 10), n * settings.default.max_examples // 100)
