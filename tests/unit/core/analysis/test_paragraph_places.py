"""The paragraphs a distance counts (FOLLOWS/2): cut from the documents' texts, kept for
the next query that asks for them, and a document that cannot be read named each time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.counting import units_compared

from tui_reader.core.analysis.paragraph_places import KeptParagraphs, paragraphs_of
from tui_reader.core.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Any:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("One.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Only one.\n", encoding="utf-8")
    opened = Workspace(corpus, tmp_path / "annotations.json")
    yield opened
    opened.store.close()


def _keys(workspace: Workspace) -> tuple[str, str]:
    a, b = sorted(key for key, _ in workspace.keyed_files())
    return a, b


def test_each_documents_paragraphs_start_where_its_text_says(workspace: Workspace) -> None:
    a, b = _keys(workspace)
    assert paragraphs_of(workspace)([a, b]) == {a: [0, 6, 12], b: [0]}


def test_kept_paragraphs_are_cut_once_and_an_unread_text_named_each_time(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _keys(workspace)
    (tmp_path / "corpus" / "b.txt").unlink()  # (after the scope is placed)
    asked = units_compared(monkeypatch)
    kept = KeptParagraphs(workspace)
    for run in range(2):
        said: list[str] = []
        assert kept.paragraphs(unread=said.append)([a, b]) == {a: [0, 6, 12]}, run
        assert len(said) == 1 and "b.txt" in said[0], said
        assert said[0].endswith(
            "(its paragraphs not counted: none of its passages is near another)"
        )
        assert not said[0].startswith("tui-reader")
    assert asked == [[a, b]]
