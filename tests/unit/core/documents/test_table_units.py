"""A table's rows as units: a row a paragraph, a sentence in its cell, for every reader of
units alike (the whole text's spans, the unit index, the motions around a caret)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from hypothesis import assume, example, given, settings
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
    # A transcript's turns, a blank line between them, keep the units they had.
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
        if is_turn and any(c.isalpha() for c in line):  # a turn begins at its words
            start = units.spaces_trimmed(text, at, at + len(line))[0]
            turns.append(Turn(start, at + len(line), start, "Ana"))
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
        if second.start == first.end + 1:  # turns on lines one after the other: one each
            assert rule.paragraph_range(text, first.body) != rule.paragraph_range(text, second.body)
            assert rule.next_paragraph(text, first.start) == second.start
            assert rule.previous_paragraph(text, second.start) == first.start


INTERVIEW = (
    "ANA: Hello there. How are you?\nBEN: Fine thanks. And you\nANA: Good, good\n\n"
    "BEN: Then more. A lot more.\nANA: Yes."
)


def test_the_paragraph_motions_take_a_turn_at_a_time_where_turns_stand_line_after_line() -> None:
    """An interview typed a turn a line, no blank line between them: ``}`` and ``{`` go a
    turn at a time, as ``p``, agreement and autocode take them, and a paragraph is a turn."""
    from tui_reader.core.documents.turns import find_turns

    text, turns = INTERVIEW, find_turns(INTERVIEW)
    assert [turn.speaker for turn in turns] == ["ANA", "BEN", "ANA", "BEN", "ANA"]
    rule = rule_for("text", turns)
    starts = [turn.start for turn in turns]
    assert rule.paragraph_spans(text) == [(turn.start, turn.end) for turn in turns]
    assert [rule.next_paragraph(text, start) for start in starts] == [*starts[1:], len(text)]
    assert [rule.previous_paragraph(text, start) for start in starts] == [0, *starts[:-1]]
    assert rule.previous_paragraph(text, text.index("thanks")) == starts[1]
    assert text[: rule.paragraph_end(text, 0) + 1].endswith("How are you?")
    for offset in range(len(text)):
        assert rule.paragraph_range(text, offset) in rule.paragraph_spans(text)
    # What was said a turn at a time by a sentence too: "And you" has no stop.
    assert rule.next_sentence(text, text.index("And you")) == starts[2]
    assert rule.sentence_range(text, text.index("you\n")) == (text.index("And"), starts[2] - 1)


_SAID = st.lists(st.sampled_from(["Yes.", "no", "Well, maybe", "It is. So"]), min_size=1)


@settings(max_examples=100, deadline=None)
@given(said=st.lists(_SAID, min_size=3, max_size=6), blank=st.lists(st.booleans(), max_size=6))
def test_turns_apart_keep_their_units_and_turns_together_are_one_each(
    said: list[list[str]], blank: list[bool]
) -> None:
    """A transcript with a blank line between every two turns is cut as it was (the motions
    and ranges of prose); with turns on lines one after the other, every paragraph is one
    turn's and the motions land on turns' starts."""
    from tui_reader.core.documents.turns import find_turns

    speakers = itertools.cycle(["ANA", "BEN"])
    lines = [
        f"{speaker}: {' '.join(words)}" for speaker, words in zip(speakers, said, strict=False)
    ]
    text = lines[0]
    for line, apart in zip(lines[1:], [*blank, *[False] * len(lines)], strict=False):
        text += ("\n\n" if apart else "\n") + line
    turns = find_turns(text)
    assert len(turns) == len(lines)
    rule = rule_for("text", turns)
    paragraphs = rule.paragraph_spans(text)
    assert UnitIndex(text, rule).paragraphs == paragraphs
    assert paragraphs == [(turn.start, turn.end) for turn in turns]
    starts = {turn.start for turn in turns}
    for offset in range(len(text) + 1):
        assert rule.next_paragraph(text, offset) in starts | {len(text)}
        assert rule.previous_paragraph(text, offset) in starts | {0}
    if "\n\n".join(lines) == text:  # every turn apart: as before, motion for motion
        for offset in range(len(text) + 1):
            for name in ("next_paragraph", "previous_paragraph", "paragraph_end"):
                assert rule.motion(name)(text, offset) == getattr(units, name)(text, offset)
            for name in ("next_sentence", "previous_sentence", "sentence_end"):
                assert rule.motion(name)(text, offset) == getattr(units, name)(text, offset)
            assert rule.paragraph_range(text, offset) == units.paragraph_range(text, offset)
            assert rule.sentence_range(text, offset) == units.sentence_range(text, offset)


def test_agreement_counts_a_transcript_s_sheet_a_turn_a_paragraph(tmp_path: Path) -> None:
    """A transcript kept as a workbook's sheet, a turn a row: agreement's paragraphs (and a
    query's distances) are a turn each, its speaker's label left out as in a plain
    transcript, and no sentence runs from one turn into the next."""
    from helpers.format_fixtures import make_xlsx

    from tui_reader.core.analysis.agreement import unit_spans

    talk = [
        ["Speaker", "Start", "Text"],
        ["Ana", "00:00:05", "Hello. How are you?"],
        ["Ben", "00:00:09", "Fine thanks. And you"],
        ["Ana", "00:00:12", "Good."],
    ]
    codes = [["Code", "Meaning"], ["greet", "A greeting"]]  # (no turns in the text alone)
    path = make_xlsx(tmp_path / "talk.xlsx", [("Talk", talk), ("Codes", codes)])
    document = load_document(path)
    text, rule = document.text, document.unit_rule
    assert len(document.turns) == 3
    turns = document.turns
    paragraphs = [tuple(span) for span in unit_spans(text, "paragraph", rule, turns).tolist()]
    for turn in turns:
        assert [lo for lo, hi in paragraphs if turn.start <= lo and hi <= turn.end] == [turn.body]
    sentences = unit_spans(text, "sentence", rule, turns).tolist()
    for lo, hi in sentences:
        assert sum(lo < turn.start < hi for turn in turns) == 0, text[lo:hi]
        assert not any(turn.start <= lo < turn.body for turn in turns), text[lo:hi]
    assert [text[lo:hi] for lo, hi in sentences if lo == turns[1].body] == ["Fine thanks."]


TABLE_IN_PROSE = (
    "Intro prose. It goes on.\n\nID │ Age │ Answer\n1 │ 34 │ I like it. Quiet.\n"
    "2 │ 51 │ Too noisy.\n\nAfter the table. More."
)


def test_a_table_among_prose_is_cut_a_row_a_paragraph_a_sentence_in_its_cell() -> None:
    """A Word, OpenDocument, web page's or Markdown table, its rows " │ " lines among the
    prose: a row is a paragraph and a sentence stays in its cell; the prose is cut as
    before."""
    text = TABLE_IN_PROSE
    for fmt in ("docx", "odt", "rtf", "html", "mhtml", "markdown", "epub"):
        rule = rule_for(fmt)
        paragraphs = [text[lo:hi] for lo, hi in rule.paragraph_spans(text)]
        assert paragraphs == [
            "Intro prose. It goes on.",
            *text.split("\n\n")[1].split("\n"),
            "After the table. More.",
        ]
        sentences = [text[lo:hi] for lo, hi in rule.sentence_spans(text)]
        assert sentences == [
            *("Intro prose.", "It goes on."),
            *("ID", "Age", "Answer", "1", "34", "I like it.", "Quiet.", "2", "51", "Too noisy."),
            *("After the table.", "More."),
        ]
        at = text.index("Quiet")
        assert text[slice(*rule.paragraph_range(text, at))] == "1 │ 34 │ I like it. Quiet."
        assert text[slice(*rule.sentence_range(text, at))] == "Quiet."
        rows = [text.index(row) for row in ("ID │", "1 │", "2 │", "After")]
        assert [rule.next_paragraph(text, start) for start in [0, *rows[:-1]]] == rows
        assert rule.previous_paragraph(text, rows[-1]) == rows[-2]
    assert rule_for("text") is PROSE  # a plain text's "│" are its writer's


# (a table of one column writes no cell's mark: its rows read as prose's lines)
_WIDE_ROWS = st.lists(st.lists(_CELLS, min_size=2, max_size=4), min_size=1, max_size=6)


@settings(max_examples=100, deadline=None)
@given(
    blocks=st.lists(
        st.one_of(_WIDE_ROWS, st.text(alphabet="ab. ?!\u0301\u00a0", min_size=1, max_size=20)),
        min_size=1,
        max_size=4,
    )
)
def test_every_reader_finds_a_table_among_prose_alike(blocks: list[list[list[str]] | str]) -> None:
    """Prose paragraphs and tables a blank line apart: the whole text's spans, the unit index
    and the unit around each offset agree; a table's paragraph is a row, no sentence holds a
    cell's mark, and prose keeps the paragraphs it had."""
    parts = [b if isinstance(b, str) else "\n".join(" │ ".join(r) for r in b) for b in blocks]
    text = "\n\n".join(parts)
    rule = rule_for("docx")
    paragraphs, sentences = rule.paragraph_spans(text), rule.sentence_spans(text)
    index = UnitIndex(text, rule)
    assert index.paragraphs == paragraphs
    for lo, hi in paragraphs:
        assert "│" not in text[lo:hi] or "\n" not in text[lo:hi]
        for offset in range(lo, hi):
            assert rule.paragraph_range(text, offset) == (lo, hi) == index.paragraph(offset)
    for lo, hi in sentences:
        assert " │ " not in text[lo:hi]
        for offset in range(lo, hi):
            assert rule.sentence_range(text, offset) == (lo, hi) == index.sentence(offset)
    prose = [span for span in units.paragraph_spans(text) if "│" not in text[slice(*span)]]
    assert set(prose) <= set(paragraphs)
    starts = {lo for lo, _ in paragraphs}
    for offset in range(len(text) + 1):
        assert rule.next_paragraph(text, offset) in starts | {len(text)}
        assert rule.previous_paragraph(text, offset) in starts | {0}


_MOTIONS = ("next_paragraph", "previous_paragraph", "paragraph_end")
_MOTIONS += ("next_sentence", "previous_sentence", "sentence_end")


@settings(max_examples=150, deadline=None)
@given(
    blocks=st.lists(
        st.one_of(_WIDE_ROWS, st.text(alphabet="ab. ?!\n\u0301\u00a0", min_size=1, max_size=30)),
        min_size=1,
        max_size=4,
    )
)
@example(blocks=["Intro. It goes on.", [["ID", "Answer"], ["1", "Quiet. Nice."]], "After. More."])
@example(blocks=["b.\u00a0a", "\u00a0\u0301\u0301\u00a0 ", [["a", "b"]], "!ab  ?."])
def test_the_prose_around_a_table_moves_as_it_did_before_tables_were_cut(
    blocks: list[list[list[str]] | str],
) -> None:
    """A Word, web page's or Markdown file holding a table: from anywhere outside the table's
    lines, { } ( ) and the ends of a paragraph and a sentence go where they went when the
    table was one paragraph of prose (:mod:`units`), but where both land in the table."""
    # (a row of empty cells holds no sentence: ) stops short of it, as at a text's end)
    assume(
        all(
            any(set(c) & set("ab") for c in row) for b in blocks if isinstance(b, list) for row in b
        )
    )
    parts = [b if isinstance(b, str) else "\n".join(" │ ".join(r) for r in b) for b in blocks]
    text = "\n\n".join(parts)
    rule = rule_for("docx")
    tables = [  # each table's lines, whole
        (text.rfind("\n", 0, lo) + 1, (text.find("\n", hi) + 1 or len(text) + 1) - 1)
        for lo, hi in units.paragraph_spans(text)
        if all("│" in line for line in text[lo:hi].split("\n"))
    ]

    def table_at(offset: int) -> int | None:
        return next((i for i, (lo, hi) in enumerate(tables) if lo <= offset <= hi), None)

    for offset in range(len(text) + 1):
        if table_at(offset) is not None:
            continue
        for name in _MOTIONS:
            before, now = getattr(units, name)(text, offset), rule.motion(name)(text, offset)
            if before != now:  # (a table's rows and cells are stops of their own)
                assert table_at(before) is not None, (name, offset, before, now)
                assert table_at(before) == table_at(now), (name, offset, before, now)


def test_a_table_under_a_title_row_spanning_its_columns_is_cut_a_row_a_paragraph(
    tmp_path: Path,
) -> None:
    """A Word table whose first row is one cell merged across the columns ("Table 1.
    Families by site"), a web page's table under its caption: the title's line holds no
    cell's mark, and the whole table was read as one paragraph of prose, one sentence
    running from "Families by site" through every row."""
    import docx

    book = docx.Document()
    book.add_paragraph("Results by site.")
    table = book.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Table 1. Families by site"
    for r, row in enumerate((("North", "Full since May"), ("South", "Quiet")), 1):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    book.add_paragraph("After.")
    book.save(str(tmp_path / "a.docx"))
    rows = "<tr><td>North</td><td>Full since May</td></tr><tr><td>South</td><td>Quiet</td></tr>"
    (tmp_path / "a.html").write_text(
        "<html><body><p>Results by site.</p><table><caption>Table 1. Families by site"
        f"</caption>{rows}</table><p>After.</p></body></html>"
    )
    for name in ("a.docx", "a.html"):
        document = load_document(tmp_path / name)
        text, rule = document.text, document.unit_rule
        assert [text[lo:hi] for lo, hi in rule.paragraph_spans(text)] == [
            "Results by site.",
            "Table 1. Families by site",
            "North │ Full since May",
            "South │ Quiet",
            "After.",
        ], name
        sentences = [text[lo:hi] for lo, hi in rule.sentence_spans(text)]
        kept = ["Table 1.", "Families by site", "North", "Full since May", "South", "Quiet"]
        assert sentences[1:-1] == kept, name
        at = text.index("Families by")
        assert text[slice(*rule.sentence_range(text, at))] == "Families by site"
        assert text[rule.next_paragraph(text, at) :].startswith("North │")
        index = UnitIndex(text, rule)
        assert text[slice(*index.paragraph(text.index("Quiet")))] == "South │ Quiet"


def test_a_paragraph_of_prose_with_one_line_holding_a_bar_stays_prose() -> None:
    """Half of a paragraph's lines or more must hold a cell's mark for it to be a table's
    rows: a verse of three lines, one holding a "│" its writer typed, is prose."""
    text = "Intro.\n\nThe river runs\nbetween │ the stones\nand on to the sea\n\nAfter."
    rule = rule_for("docx")
    assert [text[lo:hi] for lo, hi in rule.paragraph_spans(text)] == text.split("\n\n")
    assert rule.paragraph_spans(text) == PROSE.paragraph_spans(text)
    assert rule.sentence_spans(text) == PROSE.sentence_spans(text)
