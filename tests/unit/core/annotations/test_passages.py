"""Passages of the corpus placed in their documents' current text."""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest
from helpers import examples
from helpers.annotations import annotation
from helpers.counting import arguments_after_self
from helpers.passages import MEXICO, US, Annotated, add_first_paragraph, misplaced
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.scope import PLACING, ScopeCancelled, load_scope
from tui_reader.core.annotations.model import AnchorStatus, Annotation, make_annotation
from tui_reader.core.annotations.passages import (
    Cancelled,
    Passage,
    by_tag,
    passages_of_scope,
    refreshed,
    with_tag,
)
from tui_reader.core.interchange import FORMATS
from tui_reader.core.interchange.workspace_export import collected_for
from tui_reader.core.workspace import Workspace


def _listed(workspace: Workspace) -> tuple[list[Passage], list[str]]:
    """The codebook's passages as it lists them: from the coded passages placed whole (the
    placing the query view and the reports share), with the problems met placing them."""
    scope = load_scope(workspace)
    return passages_of_scope(workspace, scope), scope.problems


def test_passages_have_title_line_and_current_position(annotated: Annotated) -> None:
    # Text inserted before the passages: they move, and the move is found and saved.
    add_first_paragraph(annotated.corpus)
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages, problems = _listed(workspace)
        assert problems == []
        assert len(passages) == 4
        current = workspace.document(MEXICO).text
        assert misplaced(workspace, passages) == []
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
        passages, _ = _listed(workspace)
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


def test_refreshed_keeps_unchanged_passages_and_follows_a_changed_note(
    annotated: Annotated,
) -> None:
    """The codebook refreshes 100,000 passages after placing them: copying each one whose
    tags and note did not change held the screen for seconds.  Unchanged ones are the same
    passages; a changed note is followed, with the placed position kept."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages, _ = _listed(workspace)
        noted = passages[1].annotation
        workspace.store.update(noted.evolve(note="a second look"))
        now = refreshed(passages, workspace.store.annotations())
        assert [p is q for p, q in zip(now, passages, strict=True)] == [
            p.annotation.id != noted.id for p in passages
        ]
        changed = next(p for p in now if p.annotation.id == noted.id)
        assert changed.annotation.note == "a second look"
        assert changed.annotation.start == noted.start and changed.line == passages[1].line
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

    def counted_missing(
        self: Workspace, *, listed_now: bool = False, keys: list[str] | None = None
    ) -> list[str]:
        calls.append(1)
        return real(self, listed_now=listed_now, keys=keys)

    monkeypatch.setattr(Workspace, "missing_keys", counted_missing)
    try:
        passages, _ = _listed(workspace)
        assert len(passages) == 4 and len(calls) == 1
        calls.clear()
        scope = load_scope(workspace)
        assert len(scope.annotations) == 4 and len(calls) == 1
    finally:
        workspace.store.close()


def test_passages_in_place_are_listed_without_loading_their_documents(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook placed every passage by loading every annotated document: minutes on
    10,000 documents.  Once found in place, they are listed from the caches (titles, lines);
    a document edited since is loaded and its passages placed in its new text."""
    loads = arguments_after_self(monkeypatch, Workspace, "document")
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        first, _ = _listed(workspace)  # placed: a plain text read, not loaded, when in place
        loads.clear()
        for _ in range(2):  # the first pass after placing checks, the next trusts
            again, problems = _listed(workspace)
            assert loads == [] and problems == []
            assert again == first
        add_first_paragraph(annotated.corpus)
        moved, _ = _listed(workspace)
        assert set(loads) == {MEXICO}
        assert misplaced(workspace, [p for p in moved if p.annotation.document == MEXICO]) == []
        assert [p.line for p in moved if p.key == MEXICO] == [
            p.line + 2 for p in first if p.key == MEXICO
        ]
    finally:
        workspace.store.close()


def test_an_unreadable_document_is_named_and_its_passages_are_orphans(
    annotated: Annotated,
) -> None:
    path = annotated.corpus / US.removeprefix("docs_corpus/")
    path.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10)  # UTF-16 with a lone surrogate
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        passages, problems = _listed(workspace)
        assert len(problems) == 1 and path.name in problems[0]
        orphans = [p for p in passages if p.key == US]
        assert orphans and all(p.annotation.status is AnchorStatus.ORPHAN for p in orphans)
        assert all(p.line is None for p in orphans)
    finally:
        workspace.store.close()


def test_placing_reports_progress_and_stops_when_cancelled(annotated: Annotated) -> None:
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        seen: list[tuple[int, str]] = []

        def progress(total: int, step: str) -> Callable[[], None]:
            return lambda: seen.append((total, step))

        scope = load_scope(workspace, progress=progress)
        assert seen == [(2, PLACING), (2, PLACING)]
        with pytest.raises(ScopeCancelled):
            load_scope(workspace, cancelled=lambda: True)
        with pytest.raises(Cancelled):
            passages_of_scope(workspace, scope, cancelled=lambda: True)
    finally:
        workspace.store.close()


def test_listing_stops_when_cancelled_before_a_document(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook closed as its passages were listed: no document's passages are made
    after that, one document after another."""
    from tui_reader.core.annotations import passages as module

    listed: list[str] = []
    in_document = module._in_document

    def counted(key: str, *args: object) -> object:
        listed.append(key)
        return in_document(key, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_in_document", counted)
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        scope = load_scope(workspace)
        with pytest.raises(Cancelled):
            passages_of_scope(workspace, scope, cancelled=lambda: len(listed) == 1)
        assert len(listed) == 1
    finally:
        workspace.store.close()


def test_refreshing_stops_when_cancelled() -> None:
    made = [
        Passage(annotation(f"a{n}", n, "quote", "peace", document="d.txt"), "d", 1)
        for n in range(2500)
    ]
    now = [p.annotation.evolve(tags=("calm",)) for p in made]
    asked = 0

    def cancelled() -> bool:  # closed once a first part was refreshed
        nonlocal asked
        asked += 1
        return asked > 1

    with pytest.raises(Cancelled):
        refreshed(made, now, cancelled)
    assert asked == 2  # not once for each passage: a part at a time
    assert [p.annotation.tags for p in refreshed(made, now)] == [("calm",)] * 2500


def test_passages_made_of_the_annotations_given_are_refreshed_with_no_id_looked_up() -> None:
    """The codebook's first listing, every coder shown and nothing changed meanwhile, had
    each of its passages looked up by its annotation's id among the store's annotations it
    was made of (100,000 on the bench: a tenth of a second of the codebook's first open).
    Passages made of the annotations given, one each in their order, are given as they are;
    another list of them is still refreshed."""
    ids_read = 0

    class Counted(Annotation):  # its id read counted
        def __getattribute__(self, name: str) -> object:
            nonlocal ids_read
            ids_read += name == "id"
            return super().__getattribute__(name)

    made = [annotation(f"a{n}", n, "quote", "peace", document="d.txt") for n in range(2500)]
    current = [Counted(**{f.name: getattr(a, f.name) for f in fields(a)}) for a in made]
    passages = [Passage(a, "d", 1) for a in current]
    again = refreshed(passages, current)
    assert ids_read == 0
    assert len(again) == 2500 and all(map(operator.is_, again, passages))
    assert refreshed(passages, current[1:]) == passages[1:]  # one gone: looked up
    assert ids_read > 0


_TAGS = st.lists(
    st.lists(st.sampled_from(["a", "b", "a/x", "a/y", "a/x/z", "ab", "b/a", "a/"]), max_size=3),
    max_size=12,
)


@given(_TAGS)
@settings(max_examples=examples(60), deadline=None)
def test_by_tag_lists_what_with_tag_lists_for_every_tag(tag_sets: list[list[str]]) -> None:
    passages = [
        Passage(annotation(f"id{i}", i, "q", *tags, document=f"doc{i % 3}"), "t", 1)
        for i, tags in enumerate(tag_sets)
    ]
    index = by_tag(passages)
    names = {t for tags in tag_sets for t in tags}
    parents = {"/".join(t.split("/")[:d]) for t in names for d in range(1, t.count("/") + 2)}
    for name in names | parents | {"c", "a/x/z/w"}:
        assert index.get(name, []) == with_tag(passages, name)


def test_passages_in_place_are_not_loaded_after_files_touched_and_placed_by_an_export(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file touched (a sync, a checkout: the same bytes), then placed again by a JSON
    export, which reads no text for them: the placement cache takes the files' new stamps,
    the places kept still have the old.  The codebook's passages then loaded every document
    again (10,000 documents: 12.8 s where unchanged takes 3.9 s); each file is read as a
    text and its places are kept or found in it, no document loaded."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        first, _ = _listed(workspace)
    finally:
        workspace.store.close()
    later = time.time_ns() + 5_000_000_000
    for path in annotated.corpus.iterdir():
        os.utime(path, ns=(later, later))
    exported = Workspace(annotated.corpus, annotated.db)
    try:
        collected_for(exported, FORMATS["json"])  # as tui-reader export -f json collects them
    finally:
        exported.store.close()
    loads = arguments_after_self(monkeypatch, Workspace, "document")
    for _ in range(2):  # then the marks are kept: nothing read
        workspace = Workspace(annotated.corpus, annotated.db)
        try:
            again, problems = _listed(workspace)
        finally:
            workspace.store.close()
        assert loads == [] and problems == []
        assert [(p.annotation, p.title, p.line) for p in again] == [
            (p.annotation, p.title, p.line) for p in first
        ]


def test_passages_placed_again_only_when_something_moved(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reopening the codebook placed 100,000 passages again (seconds) though nothing had
    moved: while the database and every annotated file are as they were when all were found
    in place, no document is loaded to list them; a change to either is followed by what is
    listed, and a file that moved its passages is loaded and placed again."""
    loads = arguments_after_self(monkeypatch, Workspace, "document")
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        first, _ = _listed(workspace)  # placed (positions found and saved)
        _listed(workspace)  # all found in place: settled
        loads.clear()
        workspace.store.set_reading_position(MEXICO, 120)  # as the reader saves it: no move
        again, problems = _listed(workspace)
        assert loads == [] and problems == []  # nothing moved: no document loaded
        assert [p.annotation for p in again] == [p.annotation for p in first]
        assert [(p.title, p.line) for p in again] == [(p.title, p.line) for p in first]

        noted = again[0].annotation
        workspace.store.update(noted.evolve(note="seen again"))  # the database moved
        after_note, _ = _listed(workspace)
        assert after_note[0].annotation.note == "seen again"

        _listed(workspace)  # settled again
        path = annotated.corpus / MEXICO.removeprefix("docs_corpus/")
        path.write_text("A first line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        loads.clear()
        moved, _ = _listed(workspace)  # a file moved its passages: placed again
        assert MEXICO in loads
        lines = {p.annotation.id: p.line for p in moved}
        assert all(lines[p.annotation.id] == p.line + (p.key == MEXICO) for p in after_note)
    finally:
        workspace.store.close()


def test_a_transcript_s_passages_carry_their_citation(tmp_path: Path) -> None:
    # The codebook's passages of a transcript were headed by title and line alone: which
    # speaker said it, and when, was not said, where the query view, the status line and
    # the exports cite each passage "[0:45] Ana Ruiz".
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "interview.txt").write_text(
        "Luis Gómez 0:41\nWhere did you cross?\n\nAna Ruiz 0:45\nAt Tijuana, in the night.\n\n"
        "Luis Gómez 1:02\nAnd then?\n\nAna Ruiz 1:10\nWe walked for two days.\n",
        encoding="utf-8",
    )
    workspace = Workspace(corpus, tmp_path / "db.json")
    try:
        document = workspace.document("corpus/interview.txt")
        for quote in ("At Tijuana", "And then?"):
            start = document.text.index(quote)
            end = start + len(quote)
            made = make_annotation(
                "interview.txt", document.text, start, end, document.sha256, ("t",)
            )
            workspace.store.add(made)
        for _ in range(2):  # placed, then listed from the caches
            passages, _ = _listed(workspace)
            assert [p.cited for p in passages] == ["[0:45] Ana Ruiz", "[1:02] Luis Gómez"]
    finally:
        workspace.store.close()
