"""The codebook's passages made from the placing the query view and the reports share: each
in its document's current text with its title and line, the same listed again from the
caches, orphans included."""

from __future__ import annotations

import pytest
from helpers.counting import arguments_after_self
from helpers.passages import US, Annotated, add_first_paragraph, misplaced

from tui_reader.core.analysis.scope import load_scope
from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.annotations.passages import Passage, passages_of_scope
from tui_reader.core.workspace import Workspace


def _seen(passages: list[Passage]) -> list[tuple[str, int, int, str, int | None, bool]]:
    return [
        (p.annotation.id, p.annotation.start, p.annotation.end, p.title, p.line,
         p.annotation.status is AnchorStatus.ORPHAN)
        for p in passages
    ]  # fmt: skip


def test_a_scope_s_passages_are_placed_and_listed_again_from_the_caches(
    annotated: Annotated,
) -> None:
    add_first_paragraph(annotated.corpus)
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        scope = load_scope(workspace)
        passages = passages_of_scope(workspace, scope)
        assert len(passages) == 4
        assert misplaced(workspace, passages) == []
        fresh = Workspace(annotated.corpus, annotated.db)  # found in place: from the caches
        try:
            cached = passages_of_scope(fresh, load_scope(fresh))
        finally:
            fresh.store.close()
        assert _seen(cached) == _seen(passages)
        again = passages_of_scope(workspace, scope)
        assert again == passages and all(map(lambda a, b: a is b, again, passages))
    finally:
        workspace.store.close()


def test_a_document_gone_or_unreadable_leaves_its_passages_orphans(annotated: Annotated) -> None:
    (annotated.corpus / US.removeprefix("docs_corpus/")).unlink()
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages = passages_of_scope(workspace, load_scope(workspace))
        orphans = [p for p in passages if p.annotation.status == AnchorStatus.ORPHAN]
        assert [(p.key, p.line) for p in orphans] == [(US, None)]
        assert len(passages) == len(workspace.store.annotations())
    finally:
        workspace.store.close()


def test_passages_in_place_are_the_store_s_own_annotations(annotated: Annotated) -> None:
    """The scope keeps the records of documents in place unbuilt; the passages took them
    built anew (100,000 annotations: a second and more) where the store holds each built."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        load_scope(workspace)  # placed once: the annotations found in place, kept as records
        scope = load_scope(workspace)
        assert any(part and isinstance(part[0], dict) for part in scope.parts)
        stored = {a.id: a for a in workspace.store.annotations()}
        passages = passages_of_scope(workspace, scope)
        assert passages and all(p.annotation is stored[p.annotation.id] for p in passages)
    finally:
        workspace.store.close()


def test_passages_listed_again_in_place_take_their_lines_from_the_kept_columns(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listed again with every document in place, each passage's place was looked up one by
    one (100,000 on the bench, a fifth of the codebook's listing) where the places cache keeps
    the document's spans, in that order, with their lines and citations: none is looked up,
    and the passages are those listed the first time."""
    from tui_reader.core.interchange.places_in_text import Places

    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        first = passages_of_scope(workspace, load_scope(workspace))  # the places kept
    finally:
        workspace.store.close()
    looked_up = arguments_after_self(monkeypatch, Places, "at")
    fresh = Workspace(annotated.corpus, annotated.db)
    try:
        again = passages_of_scope(fresh, load_scope(fresh))
    finally:
        fresh.store.close()
    assert looked_up == []
    assert [(*seen, p.cited) for seen, p in zip(_seen(again), again, strict=True)] == [
        (*seen, p.cited) for seen, p in zip(_seen(first), first, strict=True)
    ]
    assert len(again) == 4
