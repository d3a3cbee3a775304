"""Passages of the corpus placed in their documents' current text."""

from __future__ import annotations

import pytest
from helpers.passages import MEXICO, US, Annotated

from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.annotations.passages import load_passages, refreshed, with_tag
from tui_reader.core.workspace import Workspace


def test_passages_have_title_line_and_current_position(annotated: Annotated) -> None:
    path = annotated.corpus / MEXICO.removeprefix("docs_corpus/")
    # Text inserted before the passages: they move, and the move is found and saved.
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")
    path.write_text(head + sep + "A new first paragraph.\n\n" + rest, encoding="utf-8")
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages, problems = load_passages(workspace)
        assert problems == []
        assert len(passages) == 4
        current = workspace.document(MEXICO).text
        for passage in passages:
            a = passage.annotation
            doc = workspace.document(a.document)
            assert doc.text[a.start : a.end] == a.quote
            assert passage.title == doc.title
            assert passage.line == doc.text.count("\n", 0, a.start) + 1
        remil = next(p for p in passages if p.annotation.quote == "remilitarize the region")
        assert current.count("\n", 0, remil.annotation.start) + 1 == remil.line == 5
        stored = workspace.store.get(remil.annotation.id)
        assert stored is not None and stored.start == remil.annotation.start  # saved
        tagged = with_tag(passages, "militarization")
        assert {p.annotation.quote for p in tagged} == {
            "remilitarize the region",
            "aerial, ground and reconnaissance patrols",  # a child's passage counts
            "bolster militarism in the region",
        }
        assert with_tag(passages, "militar") == []  # a prefix of a name is not a parent
    finally:
        workspace.store.close()


def test_a_deleted_document_leaves_orphans_and_refreshed_follows_the_store(
    annotated: Annotated,
) -> None:
    (annotated.corpus / US.removeprefix("docs_corpus/")).unlink()
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages, _ = load_passages(workspace)
        orphans = [p for p in passages if p.annotation.status == AnchorStatus.ORPHAN]
        assert [(p.key, p.line) for p in orphans] == [(US, None)]
        workspace.store.rename_tag("militarization", "armed")
        gone = next(p for p in passages if p.annotation.tags == ("migration/deportation",))
        workspace.store.delete(gone.annotation.id)
        now = refreshed(passages, workspace.store.annotations())
        assert [p.annotation.id for p in now] == [
            p.annotation.id for p in passages if p is not gone
        ]
        assert not with_tag(now, "militarization") and len(with_tag(now, "armed")) == 3
        assert [p.annotation.start for p in now] == [
            p.annotation.start for p in passages if p is not gone
        ]
    finally:
        workspace.store.close()


def test_missing_files_are_looked_for_once_not_once_per_document(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placing the passages of 10,000 documents looked for missing files before each one:
    10,000 x 10,000 file checks.  The codebook, the query and reports views all do this."""
    from tui_reader.core.analysis.scope import load_scope

    workspace = Workspace(annotated.corpus, annotated.db)
    calls: list[int] = []
    real = Workspace.missing_keys

    def counted_missing(self: Workspace, *, listed_now: bool = False) -> list[str]:
        calls.append(1)
        return real(self, listed_now=listed_now)

    monkeypatch.setattr(Workspace, "missing_keys", counted_missing)
    try:
        passages, _ = load_passages(workspace)
        assert len(passages) == 4 and len(calls) == 1
        calls.clear()
        scope = load_scope(workspace)
        assert len(scope.annotations) == 4 and len(calls) == 1
    finally:
        workspace.store.close()
