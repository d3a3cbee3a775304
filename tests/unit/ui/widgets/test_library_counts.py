"""A library row's entry is made whole from its facts and what the store says of it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.documents.facts import DocumentFacts
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
