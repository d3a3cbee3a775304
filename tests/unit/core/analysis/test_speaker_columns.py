"""The code x speaker matrix's columns: speakers spelled two ways, names set apart."""

from __future__ import annotations

from dataclasses import replace

from tui_reader.core.analysis.scope_records import Passage
from tui_reader.core.analysis.speaker_columns import (
    NO_SPEAKER,
    SpeakerColumns,
    speaker_column,
    speaker_matrix,
    speaker_where,
)
from tui_reader.core.documents.turns import Turn, find_turns, speaker_key

TEXT = (
    "Lucía Torres: We see families.\n\n"
    "INTERVIEWER: How many?\n\n"
    "Lucia Torres: Hundreds.\n\n"
    "INTERVIEWER: Thank you.\n\n"
    "Lucía Torres: You are welcome.\n\n"
    "Interviewer: Goodbye.\n"
)


# Each label as written: the reader of one document gives its speaker one spelling, but the
# columns join spellings wherever they come from (another document, a file read before).
WRITTEN = (
    "Lucía Torres", "INTERVIEWER", "Lucia Torres", "INTERVIEWER", "Lucía Torres", "Interviewer",
)  # fmt: skip


def _speakers() -> SpeakerColumns:
    found = find_turns(TEXT)
    assert [
        TEXT[t.start : t.start + len(name)] for t, name in zip(found, WRITTEN, strict=True)
    ] == list(WRITTEN)
    turns = [replace(t, speaker=name) for t, name in zip(found, WRITTEN, strict=True)]
    return SpeakerColumns(lambda key: turns if key == "t.txt" else ())


def _at(quote: str, tags: tuple[str, ...] = ("x",), document: str = "t.txt") -> Passage:
    start = TEXT.index(quote) if document == "t.txt" else 0
    return Passage(document, start, start + len(quote), tags, "ana")


def test_one_speaker_spelled_several_ways_is_one_column_named_as_most_spell_it() -> None:
    speakers = _speakers()
    passages = [
        _at("We see families."),
        _at("Hundreds."),
        _at("How many?\n\nLucia Torres: Hundreds.", ("x", "y")),  # both speakers'
        _at("any text", document="n.txt"),  # no transcript
    ]
    assert speaker_matrix(passages, speakers) == [
        {"tag": "x", "INTERVIEWER": 1, "Lucía Torres": 3, NO_SPEAKER: 1},
        {"tag": "y", "INTERVIEWER": 1, "Lucía Torres": 1, NO_SPEAKER: 0},
    ]
    assert speaker_where("Lucía Torres", speakers) == 'speaker:"Lucía Torres"'
    assert speaker_where(NO_SPEAKER, speakers) == "NOT speaker:*"


def test_a_speaker_named_as_the_column_of_no_speaker_or_tag_is_set_apart() -> None:
    assert speaker_column("Ana") == "Ana"
    assert speaker_column(NO_SPEAKER) == '"(no speaker)"'
    assert speaker_column('"(no speaker)"') == '"\\"(no speaker)\\""'
    assert speaker_column('"Ana"') == '"Ana"'
    turns = [Turn(0, 10, 5, "tag"), Turn(10, 30, 24, "(no speaker)")]
    speakers = SpeakerColumns(lambda key: turns)
    rows = speaker_matrix(
        [Passage("d", 6, 8, ("x",), ""), Passage("d", 25, 27, ("x",), "")], speakers
    )
    assert rows == [{"tag": "x", "tag (column)": 1, '"(no speaker)"': 1}]
    assert speaker_where('"(no speaker)"', speakers) == 'speaker:"(no speaker)"'


def test_a_column_of_a_speaker_named_with_glob_signs_selects_that_speaker_alone() -> None:
    # The query a cell shows for the speaker "Dr. [R]" was speaker:"Dr. [R]", a glob: run
    # again it took the passages of "Dr. R" too, whose column the cell does not count.
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.annotations.model import Annotation

    names = ["Dr. [R]", "Dr. R", "Q*", "Qa", "Who?", "Whom"]
    turns = [Turn(i * 10, i * 10 + 10, i * 10 + 2, name) for i, name in enumerate(names)]
    speakers = SpeakerColumns(lambda key: turns)
    passages = [
        Annotation(document="d", start=t.start + 5, end=t.start + 7, quote="ab") for t in turns
    ]

    def lookup(annotation: Annotation) -> list[str]:
        return [speaker_key(t.speaker) for t in turns if t.start == annotation.start - 5]

    for turn, name in zip(turns, names, strict=True):
        test = compile_query(f"x OR {speaker_where(name, speakers)}", speakers=lookup)
        assert [p.start - 5 for p in passages if test(p)] == [turn.start], name
    assert speaker_where("Dr. [R]", speakers) == 'speaker:"Dr. [[]R]"'
