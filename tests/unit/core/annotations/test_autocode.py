"""Auto-coding: the passages a hit codes, patterns, and coding a workspace in one step."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from helpers.format_fixtures import make_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.autocode import autocode, compile_pattern, unit_ranges
from tui_reader.core.documents.table_units import TableRule
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.search.user_pattern import TextPattern
from tui_reader.core.workspace import Workspace


def test_units_are_whole_sentences_and_paragraphs() -> None:
    text = "Dr. Smith met U.S. officials. They agreed on the plan! Did they?\n\nNew paragraph here."
    hit = text.index("agreed")
    assert unit_ranges(text, [(hit, hit + 6)], "sentence") == [(30, 54)]
    assert text[30:54] == "They agreed on the plan!"
    spanning = (text.index("officials"), text.index("They") + 4)
    assert unit_ranges(text, [spanning], "sentence") == [(0, 54)]
    assert unit_ranges(text, [(hit, hit + 6), (hit + 10, hit + 14)], "paragraph") == [(0, 64)]
    assert unit_ranges(text, [(3, 5), (3, 5)], "match") == [(3, 5)]


def test_patterns_are_literal_unless_regex_and_bad_ones_are_errors() -> None:
    def found(pattern: TextPattern, text: str) -> list[str]:
        return [text[m.start() : m.end()] for m in pattern.finditer(text)]

    assert found(compile_pattern("U.S.", regex=False, ignore_case=False), "U.S. USAS") == ["U.S."]
    assert found(compile_pattern("u.s", regex=True, ignore_case=True), "U.S. UXS") == [
        "U.S",
        "UXS",
    ]
    with pytest.raises(TuiReaderError, match="the pattern is empty"):
        compile_pattern("", regex=False, ignore_case=False)
    with pytest.raises(TuiReaderError, match="not a regular expression"):
        compile_pattern("(", regex=True, ignore_case=False)


def test_a_literal_pattern_finds_an_accent_however_the_text_encodes_it() -> None:
    def found(pattern: TextPattern, text: str) -> list[str]:
        return [text[m.start() : m.end()] for m in pattern.finditer(text)]

    text = "Les e\u0301migre\u0301s; les émigrés; LES ÉMIGRÉS."
    pattern = compile_pattern("émigrés", regex=False, ignore_case=True)
    assert len(found(pattern, text)) == 3
    assert len(found(compile_pattern("e\u0301migre\u0301s", False, False), text)) == 2


def test_a_regex_finds_an_accent_however_the_text_encodes_it(tmp_path: Path) -> None:
    # A file from a Mac writes "naïve" as "i" and a combining diaeresis: the regex a user
    # types, composed, finds it there as in a composed file, and the passage is the whole word.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mac.txt").write_text("A nai\u0308ve reader.\n", encoding="utf-8")
    (corpus / "pc.txt").write_text("A na\u00efve reader.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    try:
        for typed in ("na\u00efve", "nai\u0308ve", r"na\w+ve"):
            pattern = compile_pattern(typed, regex=True, ignore_case=False)
            assert autocode(workspace, workspace.keys(), pattern, ["word"]).hits == 2
        texts = {
            Path(a.document).name: workspace.document(a.document).text[a.start : a.end]
            for a in workspace.store.annotations()
        }
        assert texts == {"mac.txt": "nai\u0308ve", "pc.txt": "na\u00efve"}
    finally:
        workspace.store.close()


def test_autocode_adds_tags_to_passages_coded_already(corpus_copy: Path, tmp_path: Path) -> None:
    workspace = Workspace(corpus_copy, tmp_path / "annotations.json")
    try:
        keys = workspace.keys()
        pentagon = re.compile("Pentagon")
        first = autocode(workspace, keys, pentagon, ["military"])
        assert first.coded > 0 and first.unreadable == []
        assert autocode(workspace, keys, pentagon, ["military"]).coded == 0  # idempotent
        again = autocode(workspace, keys, pentagon, ["military", "us"])
        assert again.coded == first.coded  # the same passages, one tag more
        tags = {a.tags for a in workspace.store.annotations()}
        assert tags == {("military", "us")}
    finally:
        workspace.store.close()


def _coded_in(tmp_path: Path, name: str, pattern: str, unit: str) -> list[str]:
    # The passages ``autocode`` makes of ``pattern`` in the corpus's one file, ``name``.
    workspace = Workspace(tmp_path / "corpus", tmp_path / f"{name}-{unit}.json")
    try:
        (key,) = workspace.keys()
        autocode(workspace, [key], re.compile(pattern), ["code"], unit)
        text = workspace.document(key).text
        return sorted(text[a.start : a.end] for a in workspace.store.annotations())
    finally:
        workspace.store.close()


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
def test_a_survey_table_s_rows_are_its_units_as_a_transcript_s_turns_are(
    tmp_path: Path, name: str
) -> None:
    # A survey's open answers, a row a respondent: --unit paragraph coded the whole sheet,
    # one passage, and --unit sentence took the row's ID and age into its answer's first
    # sentence ("2 │ 51 │ Too noisy."), and the end of the row above into it.
    rows: list[list[object]] = [
        ["ID", "Age", "What would you change?"],
        [1, 34, "I like the park. It is quiet."],
        [2, 51, "Too noisy. The park needs trees."],
        [3, 22, "More benches."],
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if name.endswith(".xlsx"):
        make_xlsx(corpus / name, [("Form1", rows)])
    else:
        with (corpus / name).open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
    assert _coded_in(tmp_path, name, "park", "paragraph") == [
        "1 │ 34 │ I like the park. It is quiet.",
        "2 │ 51 │ Too noisy. The park needs trees.",
    ]
    assert _coded_in(tmp_path, name, "quiet|noisy|benches", "sentence") == [
        "It is quiet.",
        "More benches.",
        "Too noisy.",
    ]


_CELLS = st.text(alphabet="ab. ?", min_size=0, max_size=12).map(str.strip)


@settings(max_examples=200, deadline=None)
@given(
    table=st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=5),
    unit=st.sampled_from(["sentence", "paragraph"]),
    data=st.data(),
)
def test_a_table_s_unit_holds_its_hit_and_stays_in_its_row_and_cell(
    table: list[list[str]], unit: str, data: st.DataObject
) -> None:
    text = "\n".join(" │ ".join(row) for row in table)
    words = [m.span() for m in re.finditer(r"[ab]+", text)]
    if not words:
        return
    start, end = data.draw(st.sampled_from(words))
    (lo, hi), *more = unit_ranges(text, [(start, end)], unit, rule=TableRule())
    assert not more and lo <= start < end <= hi
    row_start = text.rfind("\n", 0, start) + 1
    row_end = text.find("\n", start) % (len(text) + 1)
    assert row_start <= lo and hi <= (row_end if row_end else len(text))
    assert not text[lo:hi].startswith(" ") and not text[lo:hi].endswith(" ")
    if unit == "sentence":
        assert "│" not in text[lo:hi]
    else:
        row = text[row_start : row_end or None]
        first = row_start + len(row) - len(row.lstrip())
        assert (lo, hi) == (first, row_start + len(row.rstrip()))  # the row whole


def test_a_paragraph_of_turns_on_lines_of_their_own_is_one_speaker_s() -> None:
    # An interview's turns on lines one after the other (no blank line between them):
    # --unit paragraph on Ben's words coded the whole run of turns from Ana's first words,
    # where agreement's and a query's paragraph, and the reader's p, are Ben's turn alone.
    from tui_reader.core.analysis.agreement import unit_spans
    from tui_reader.core.documents.turns import find_turns

    text = (
        "Interview 3\n\nANA: Hello there. How are you?\nBEN: Fine thanks. And you?\n"
        "ANA: Good, good.\nBEN: Right.\n"
    )
    turns = find_turns(text)
    hit = text.index("thanks")
    [(lo, hi)] = unit_ranges(text, [(hit, hit + 6)], "paragraph", turns)
    assert text[lo:hi] == "Fine thanks. And you?"
    assert [lo, hi] in unit_spans(text, "paragraph").tolist()
    across = text.index("you?\nBEN")
    [(lo, hi)] = unit_ranges(text, [(across, across + 13)], "paragraph", turns)
    assert text[lo:hi] == "Hello there. How are you?\nBEN: Fine thanks. And you?"
