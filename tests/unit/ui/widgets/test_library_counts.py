"""A library row's entry is made whole from its facts and what the store says of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import lines_run
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.workspace import Workspace
from tui_reader.ui.widgets.library_counts import KnownCounts
from tui_reader.ui.widgets.library_entry import LibraryEntry

_NUMBER = st.integers(0, 10**6)


@given(
    st.text(max_size=5),
    st.tuples(_NUMBER, _NUMBER, _NUMBER, _NUMBER, _NUMBER),
    st.sampled_from(["text", "markdown", "pdf", "docx"]),
    st.none() | _NUMBER,
    st.booleans(),
    st.none() | st.text(min_size=1, max_size=5),
)
def test_an_entry_holds_each_fact_and_count_in_its_own_field(
    title: str,
    numbers: tuple[int, int, int, int, int],
    fmt: str,
    position: int | None,
    counted: bool,
    error: str | None,
) -> None:
    """Words, pages, length, annotations and position each where a row reads them (the
    entry is made with its fields in order: a field given another's number would show
    it), the format's name as its kind, the store's position unless one was saved since."""
    words, pages, length, annotations, stored = numbers
    facts = DocumentFacts(title, words, length, format=fmt, pages=pages)
    known = KnownCounts({"a.txt": annotations} if counted else {}, {"a.txt": stored}, {})
    entry = known.entry("a.txt", "in/a.txt", position, facts, error)
    assert entry == LibraryEntry(
        key="a.txt",
        rel="in/a.txt",
        title=title,
        words=words,
        kind=facts.kind,
        pages=pages,
        length=length,
        annotations=annotations if counted else 0,
        position=stored if position is None else position,
        error=error,
        loading=False,
        coverage=0.0,
        facts=facts,
    )
    assert entry.kind == {"text": "", "markdown": "", "pdf": "PDF", "docx": "Word"}[fmt]


def _workspace(tmp_path: Path, documents: int) -> Workspace:
    """A workspace whose store holds two annotations of each of ``documents`` documents, one
    by ana and one by ben."""
    (tmp_path / "corpus").mkdir(parents=True)
    workspace = Workspace(tmp_path / "corpus", tmp_path / "annotations.json")
    text = "Some words of a document."
    workspace.store.put_many(
        make_annotation(f"corpus/d{n}.txt", text, 0, 4, "", ("t",)).evolve(coder=coder)
        for n in range(documents)
        for coder in ("ana", "ben")
    )
    return workspace


@pytest.mark.parametrize("only", [None, "ana"])
def test_a_batch_of_facts_asks_the_store_of_its_own_documents_alone(
    tmp_path: Path, only: str | None
) -> None:
    """Each batch of the library's scan counted the annotations of every document of the
    store (of every annotation, with one coder shown): a first scan's batches, as many as its
    files, each grew with the store.  A batch's counts are its documents' alone, as they
    were, and their work does not grow with the store's other documents."""
    lines = []
    for documents in (20, 400):
        workspace = _workspace(tmp_path / str(documents), documents)
        workspace.coder_view = CoderView(only)
        keys = ["corpus/d3.txt", "corpus/d7.txt", "corpus/none.txt"]
        KnownCounts.of(workspace, keys)  # the store read once (the scan's first batch)
        known, ran = lines_run(lambda w=workspace, k=keys: KnownCounts.of(w, k), at_most=10**6)
        each = 1 if only else 2
        counts = {key: known.counts.get(key, 0) for key in keys}
        assert counts == {"corpus/d3.txt": each, "corpus/d7.txt": each, "corpus/none.txt": 0}
        assert {k: len(v) for k, v in known.coded.items()} == {k: n for k, n in counts.items() if n}
        lines.append(ran)
        workspace.store.close()
    assert lines[1] < lines[0] + 100  # not 380 documents' worth more
