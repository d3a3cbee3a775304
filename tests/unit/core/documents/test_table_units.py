"""A table's rows as units: a row a paragraph, a sentence in its cell, for every reader of
units alike (the whole text's spans, the unit index, the motions around a caret)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import units
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.table_units import PROSE, TableRule, rule_for
from tui_reader.core.documents.unit_index import UnitIndex

SURVEY = (
    "ID │ Age │ What would you change?\n1 │ 34 │ I like the park. It is quiet.\n2 │ 51 │ Too noisy."
)


def test_a_row_is_a_paragraph_and_a_sentence_stays_in_its_cell() -> None:
    rule = TableRule()
    rows = [SURVEY[lo:hi] for lo, hi in rule.paragraph_spans(SURVEY)]
    assert rows == SURVEY.split("\n")
    sentences = [SURVEY[lo:hi] for lo, hi in rule.sentence_spans(SURVEY)]
    assert sentences == [
        *("ID", "Age", "What would you change?"),
        *("1", "34", "I like the park.", "It is quiet."),
        *("2", "51", "Too noisy."),
    ]
    at = SURVEY.index("quiet")
    assert SURVEY.__getitem__(slice(*rule.paragraph_range(SURVEY, at))).startswith("1 │ 34")
    assert SURVEY.__getitem__(slice(*rule.sentence_range(SURVEY, at))) == "It is quiet."


def test_the_motions_go_row_by_row_and_cell_by_cell() -> None:
    rule = TableRule()
    second, third = SURVEY.index("1 │"), SURVEY.index("2 │")
    assert rule.next_paragraph(SURVEY, 0) == second
    assert rule.next_paragraph(SURVEY, second) == third
    assert rule.next_paragraph(SURVEY, third) == len(SURVEY)
    assert rule.previous_paragraph(SURVEY, third) == second
    assert rule.previous_paragraph(SURVEY, second + 3) == second
    assert SURVEY[: rule.paragraph_end(SURVEY, second) + 1].endswith("quiet.")
    assert rule.next_sentence(SURVEY, SURVEY.index("I like")) == SURVEY.index("It is")
    assert rule.next_sentence(SURVEY, SURVEY.index("It is")) == SURVEY.index("2 │")
    assert rule.previous_sentence(SURVEY, SURVEY.index("It is")) == SURVEY.index("I like")
    assert rule.previous_sentence(SURVEY, SURVEY.index("I like")) == SURVEY.index("34")


def test_a_document_is_cut_by_its_format_s_rule(tmp_path: Path) -> None:
    survey, transcript = tmp_path / "survey.csv", tmp_path / "talk.csv"
    with survey.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["ID", "Answer"], ["1", "Fine. Good."], ["2", "Bad."]])
    with transcript.open("w", encoding="utf-8", newline="") as out:
        rows = [["Speaker", "Start", "Text"], ["Ana", "00:00:05", "Hello. How are you?"]]
        csv.writer(out).writerows([*rows, ["Ben", "00:00:09", "Fine, thanks. And you?"]])
    assert isinstance(load_document(survey).unit_rule, TableRule)
    assert isinstance(rule_for("xlsx"), TableRule) and rule_for("text") is PROSE
    # A transcript's turns keep the units they had.
    talk = load_document(transcript)
    assert talk.turns
    text, rule = talk.text, talk.unit_rule
    assert rule.paragraph_spans(text) == units.paragraph_spans(text)
    assert rule.sentence_spans(text) == units.sentence_spans(text)
    for offset in range(len(text) + 1):
        assert rule.paragraph_range(text, offset) == units.paragraph_range(text, offset)


_CELLS = st.text(alphabet="ab. ?!\u0301\u00a0", max_size=10)
_ROWS = st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(table=_ROWS, blank=st.booleans())
def test_every_reader_of_a_table_s_units_finds_the_same_ones(
    table: list[list[str]], blank: bool
) -> None:
    """The whole text's spans (agreement, queries), the unit index (autocode) and the unit
    around each offset (the reader) agree; a paragraph is a row, a sentence holds no cell's
    mark."""
    text = ("\n\n" if blank else "\n").join(" │ ".join(row) for row in table)
    rule = TableRule()
    paragraphs, sentences = rule.paragraph_spans(text), rule.sentence_spans(text)
    index = UnitIndex(text, rule)
    assert index.paragraphs == paragraphs
    for lo, hi in paragraphs:
        assert "\n" not in text[lo:hi] and text[lo:hi] == text[lo:hi].strip()
        for offset in range(lo, hi):
            assert rule.paragraph_range(text, offset) == (lo, hi) == index.paragraph(offset)
    for lo, hi in sentences:
        assert "│" not in text[lo:hi] and "\n" not in text[lo:hi]
        for offset in range(lo, hi):
            assert rule.sentence_range(text, offset) == (lo, hi) == index.sentence(offset)
    for offset in range(len(text) + 1):
        after = rule.next_paragraph(text, offset)
        assert after == len(text) or after in {lo for lo, _ in paragraphs}
        before = rule.previous_paragraph(text, offset)
        assert before == 0 or before in {lo for lo, _ in paragraphs}
        following = rule.next_sentence(text, offset)
        assert following == len(text) or following in {lo for lo, _ in sentences}
        assert following > offset or following == len(text)


@settings(max_examples=150, deadline=None)
@given(table=_ROWS, turned=st.lists(st.booleans(), min_size=6, max_size=6))
def test_a_table_s_turns_and_rows_are_found_alike_by_every_reader(
    table: list[list[str]], turned: list[bool]
) -> None:
    """With some of its rows a speaker's turns (a sheet of a transcript), the whole text's
    spans, the unit index and the unit around each offset still agree, and no paragraph
    holds a row and a turn together."""
    from tui_reader.core.documents.turns import Turn

    text = "\n".join(" │ ".join(row) for row in table)
    turns, at = [], 0
    for line, is_turn in zip(text.split("\n"), turned, strict=False):
        if is_turn and line.strip():
            turns.append(Turn(at, at + len(line), at, "Ana"))
        at += len(line) + 1
    rule = TableRule(turns)
    paragraphs, sentences = rule.paragraph_spans(text), rule.sentence_spans(text)
    index = UnitIndex(text, rule)
    assert index.paragraphs == paragraphs
    starts = {turn.start for turn in turns}
    for lo, hi in paragraphs:
        lines = text.count("\n", lo, hi) + 1
        assert lines == 1 or all(
            text.rfind("\n", 0, s) + 1 in starts for s in range(lo, hi) if not text[s].isspace()
        )
        for offset in range(lo, hi):
            assert rule.paragraph_range(text, offset) == (lo, hi) == index.paragraph(offset)
    for lo, hi in sentences:
        for offset in range(lo, hi):
            assert rule.sentence_range(text, offset) == (lo, hi) == index.sentence(offset)
    for first, second in itertools.pairwise(turns):
        if second.start == first.end + 1:  # turns on lines one after the other: as before
            assert rule.paragraph_range(text, first.body) == rule.paragraph_range(text, second.body)
