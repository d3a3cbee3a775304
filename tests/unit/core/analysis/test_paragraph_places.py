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


def test_sentences_start_where_autocode_by_sentence_cuts_them(tmp_path: Path) -> None:
    """FOLLOWS/2s counts the sentences autocode --unit sentence codes (one splitter: "Dr." is
    no sentence's end there, nor here)."""
    from tui_reader.core.annotations.autocode import unit_ranges

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Dr. Ruiz came. She left! Did he?\n\nYes, at 3.5 p.m. No.\n"
    (corpus / "t.txt").write_text(text, encoding="utf-8")
    opened = Workspace(corpus, tmp_path / "annotations.json")
    try:
        (key,) = [key for key, _ in opened.keyed_files()]
        starts = paragraphs_of(opened)([key], "sentence")[key]
        every = [(i, i + 1) for i, c in enumerate(text) if not c.isspace()]
        coded_starts = sorted({lo for lo, _ in unit_ranges(text, every, "sentence")})
        assert list(starts) == [0, 15, 25, 34]  # ("p.m. No." is one, as autocode cuts it)
        assert coded_starts == list(starts)
    finally:
        opened.store.close()


def test_words_start_where_list_counts_them(tmp_path: Path) -> None:
    """FOLLOWS/10w counts the words list counts: a Chinese character a word, a dash between
    spaces one too, as len(text.split()) takes it."""
    from tui_reader.core.documents.words import count_words

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "One two — three\n\n北京 four.\n"
    (corpus / "w.txt").write_text(text, encoding="utf-8")
    opened = Workspace(corpus, tmp_path / "annotations.json")
    try:
        (key,) = [key for key, _ in opened.keyed_files()]
        starts = paragraphs_of(opened)([key], "word")[key]
        assert list(starts) == [0, 4, 8, 10, 17, 18, 20]
        assert len(starts) == count_words(text)
    finally:
        opened.store.close()


def test_kept_units_are_kept_apart_by_unit(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query view keeps each unit's starts: asked for words after paragraphs, it cuts
    the words once, and gives the paragraphs kept again, not the words for them."""
    a, b = _keys(workspace)
    asked = units_compared(monkeypatch)
    kept = KeptParagraphs(workspace)
    starts = kept.paragraphs()
    for _run in range(2):
        assert starts([a, b]) == {a: [0, 6, 12], b: [0]}
        assert {key: list(found) for key, found in starts([a], "word").items()} == {a: [0, 6, 12]}
        assert {key: list(found) for key, found in starts([b], "word").items()} == {b: [0, 5]}
    assert asked == [[a, b], [a], [b]]


def test_a_table_s_rows_are_the_paragraphs_and_its_cells_hold_the_sentences_counted(
    tmp_path: Path,
) -> None:
    """A survey kept as a CSV (a row a respondent): NEAR/1 and FOLLOWS/1 counted the whole
    sheet as one paragraph, every answer "in the same paragraph" as every other; and a
    sentence ran from a row's ID into its answer. A row is a paragraph, as autocode and
    agreement cut it, and a sentence stays in its cell."""
    from tui_reader.core.annotations.autocode import unit_ranges

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "ID,Answer\n1,The park. It is quiet.\n2,Too noisy.\n3,More benches.\n"
    (corpus / "survey.csv").write_text(rows, encoding="utf-8")
    opened = Workspace(corpus, tmp_path / "annotations.json")
    try:
        (key,) = [key for key, _ in opened.keyed_files()]
        document = opened.document(key)
        text = document.text
        lines = text.split("\n")
        row_starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
        assert list(paragraphs_of(opened)([key])[key]) == row_starts
        starts = list(paragraphs_of(opened)([key], "sentence")[key])
        cells = ["ID", "Answer", "1", "The park.", "It is quiet.", "2", "Too noisy.", "3"]
        at, expected = 0, []
        for sentence in [*cells, "More benches."]:
            at = text.index(sentence, at)
            expected.append(at)
        assert starts == expected
        every = [(i, i + 1) for i, c in enumerate(text) if not c.isspace() and c != "│"]
        coded = unit_ranges(text, every, "sentence", document.turns, document.unit_rule)
        assert sorted({lo for lo, _ in coded}) == starts
    finally:
        opened.store.close()


def test_word_starts_are_kept_between_commands_as_paragraphs_are(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FOLLOWS/10w cut every text into words again at each command (2 s more than
    FOLLOWS/1 at 100,000 passages), where the paragraphs cut once are kept by text hash: the
    word starts are kept so too, in their own cache, and a text edited is cut again."""
    from tui_reader.core.analysis import agreement

    a, b = _keys(workspace)
    real = agreement.unit_spans
    cut: list[str] = []

    def counted(text: str, unit: str, *rule: Any) -> Any:
        cut.append(unit)
        return real(text, unit, *rule)  # type: ignore[arg-type]

    monkeypatch.setattr(agreement, "unit_spans", counted)
    first = paragraphs_of(workspace)([a, b], "word")
    assert cut == ["word", "word"]
    again = paragraphs_of(workspace)([a, b], "word")
    assert cut == ["word", "word"]  # none cut again: kept
    assert {k: list(v) for k, v in again.items()} == {k: list(v) for k, v in first.items()}
    assert {k: list(v) for k, v in again.items()} == {a: [0, 6, 12], b: [0, 5]}
    (workspace.corpus / "b.txt").write_text("Now two words.\n", encoding="utf-8")
    edited = paragraphs_of(workspace)([a, b], "word")
    assert cut == ["word", "word", "word"]  # b alone
    assert list(edited[b]) == [0, 4, 8]
