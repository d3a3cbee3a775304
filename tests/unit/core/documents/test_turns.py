"""Speaker turns found in plain-text transcripts, and only there."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from helpers.format_fixtures import TRANSCRIPT_TXT, make_docx, make_odt
from helpers.watched_text import WatchedSlices, WatchedText
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import turns
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.turns import (
    _TURN_LINE,
    body_range,
    find_turns,
    labelled_turns,
    speakers,
    speakers_of_passage,
    turn_at,
    turn_lines,
)
from tui_reader.core.rare_find import find_rare

_MARIA = [
    ("INTERVIEWER", "How did you come here?"),
    ("MARIA", "By bus. It took three days."),
    ("INTERVIEWER", "And then?"),
    ("MARIA", "We waited at the shelter."),
]
_ANA = [
    ("Interviewer", "Where did you sleep that night?"),
    ("Ana", "Under the bridge, near the market."),
    ("Interviewer", "And in the morning?"),
    ("Ana", "We walked to the shelter."),
]


def _said(loaded: Any) -> list[tuple[str, str]]:
    """Each of the loaded document's turns as its speaker and the words said in it."""
    return [(t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns]


def _bold_names_docx(
    path: Path, said: list[tuple[str, str]], between: str, *, heading: str = ""
) -> Path:
    """A Word file at ``path`` (under ``heading``, if any) of a paragraph for each turn
    ``said``: the speaker's name bold, then ``between`` and the words."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, 1)
    for speaker, words in said:
        paragraph = document.add_paragraph()
        paragraph.add_run(speaker).bold = True
        paragraph.add_run(between + words)
    document.save(str(path))
    return path


def test_timestamped_turns() -> None:
    turns = find_turns(TRANSCRIPT_TXT)
    assert [t.citation for t in turns] == [
        "[00:00:05] Interviewer",
        "[00:00:12] P03",
        "[00:07:09] Interviewer",
        "[00:07:15] P03",
        "[00:09:40] Interviewer",
    ]
    second = turns[1]
    assert TRANSCRIPT_TXT[second.start : second.body] == "[00:00:12] P03: "
    assert TRANSCRIPT_TXT[second.body : second.end].endswith("run by the church.")
    assert speakers(turns) == ["Interviewer", "P03"]


def test_labels_without_timestamps_and_times_after_labels() -> None:
    text = "R1: Yes.\n\nInterviewer: Why?\n\nR1 (00:01:02): Because.\n\nInterviewer: OK.\n"
    turns = find_turns(text)
    assert [(t.speaker, t.time) for t in turns] == [
        ("R1", ""),
        ("Interviewer", ""),
        ("R1", "00:01:02"),
        ("Interviewer", ""),
    ]


def test_labels_on_a_line_of_their_own_with_a_time() -> None:
    # Rev writes a label and its time as a line of their own, Otter the time after the
    # label without a colon, and a Word export of either each as a paragraph: no turn was
    # found in them.
    rev = (
        "Ana López (00:00:03):\nHow did you cross?\n\nBo Chen (00:00:09):\nAt night.\n\n"
        "Ana López (00:01:02):\nAlone?\n\nBo Chen (00:01:05):\nNo, with my brother.\n"
    )
    otter = (
        "Speaker 1  0:03\n\nHow did you cross?\n\nSpeaker 2  0:09\n\nAt night.\n\n"
        "Speaker 1  1:02\n\nAlone?\n\nSpeaker 2  1:02:05\n\nNo, with my brother.\n"
    )
    for text, speakers_ in ((rev, ("Ana López", "Bo Chen")), (otter, ("Speaker 1", "Speaker 2"))):
        turns = find_turns(text)
        assert [t.speaker for t in turns] == [*speakers_, *speakers_]
        assert [text[t.body : t.end] for t in turns] == [
            "How did you cross?", "At night.", "Alone?", "No, with my brother."
        ]  # fmt: skip
    assert [t.time for t in find_turns(otter)] == ["0:03", "0:09", "1:02", "1:02:05"]


def test_a_label_on_a_line_of_its_own_without_a_time_is_no_turn() -> None:
    text = (
        "Permission is granted, provided that the following conditions are met:\n"
        "the notice is kept.\n\nFiles:\n a.c\n\nFiles:\n b.c\n\nCopyright:\n me\n\n"
        "Copyright:\n you\n\nMeeting at 10:30\nWe met.\n\nLunch at 12:30\nWe ate.\n\n"
        "Home at 18:00\nWe slept.\n"
    )
    assert find_turns(text) == ()


def test_turn_at_and_body_range() -> None:
    turns = find_turns(TRANSCRIPT_TXT)
    second = turns[1]
    assert turn_at(turns, second.start) == second
    assert turn_at(turns, second.end - 1) == second
    assert turn_at(turns, 0) is None  # the heading before the first turn
    assert body_range(turns, second.start, second.end) == (second.body, second.end)
    assert body_range(turns, second.body + 3, second.end) == (second.body + 3, second.end)


def test_prose_with_a_stray_label_is_not_a_transcript() -> None:
    text = "Note: this is an article.\n\nIt has paragraphs.\n\nSource: a newspaper.\n\nWarning: x\n"
    assert find_turns(text) == ()
    emails = "From: a@b.c\nTo: d@e.f\nSubject: hi\nDate: today\n\nHello there.\n"
    assert find_turns(emails) == ()


def test_an_editors_label_written_once_among_speakers_is_no_speaker() -> None:
    # "Update: The road is closed." in an interview was a turn of a speaker "Update", listed
    # among the speakers; it is said in the turn before it.  A person speaking once is one.
    text = (
        "Interviewer: How did you come here?\nAna: By bus, with my sister.\n"
        "Interviewer: When was that?\nAna: In May, after the rains.\n"
        "Update: The road is closed.\nOfficer: Show me your papers.\n"
        "Interviewer: What did you do then?\nAna: We walked to the shelter.\n"
    )
    turns = find_turns(text)
    assert speakers(turns) == ["Interviewer", "Ana", "Officer"]
    assert (
        text[turns[3].body : turns[3].end]
        == "In May, after the rains.\nUpdate: The road is closed."
    )


_PROSE = st.text(alphabet="abcdefghij .,\n", max_size=400)


@settings(max_examples=examples(60))
@given(_PROSE)
def test_turns_lie_inside_the_text_in_order(text: str) -> None:
    turns = find_turns(text)
    for a, b in itertools.pairwise(turns):
        assert a.end <= b.start
    for t in turns:
        assert 0 <= t.start < t.body <= len(text) and t.start <= t.end <= len(text)


def test_units_in_a_transcript_leave_the_speaker_label_out() -> None:
    from tui_reader.core.documents.turns import label_free, turn_unit
    from tui_reader.core.documents.units import paragraph_range, sentence_range

    text = TRANSCRIPT_TXT
    turns = find_turns(text)
    second = turns[1]
    sentence = label_free(turns, sentence_range)
    start, end = sentence(text, second.body + 1)
    assert start == second.body and end > start
    turn = turn_unit(turns, paragraph_range)
    assert turn is not None
    assert turn(text, second.body + 5) == (second.body, second.end)
    assert turn(text, 0) == paragraph_range(text, 0)  # before the first turn
    assert label_free((), sentence_range) is sentence_range
    assert turn_unit((), paragraph_range) is None


def test_a_turn_taken_from_between_turns_leaves_its_label_out() -> None:
    """``t`` with the caret on the blank line between two turns (where ``j`` stops), or at
    the end of the text (``G``), takes the turn below (the last) without its label."""
    from tui_reader.core.documents.turns import turn_unit
    from tui_reader.core.documents.units import paragraph_range

    text = "Entrevistadora: ¿Quién?\n\nE1: Una señora.\n\nEntrevistadora: ¿Y?\n\nE1: Nada más.\n"
    turns = find_turns(text)
    turn = turn_unit(turns, paragraph_range)
    assert turn is not None
    between = text.index("\n\n") + 1
    assert turn(text, between) == (text.index("Una"), text.index("Una señora.") + 11)
    assert turn(text, len(text)) == (text.index("Nada"), len(text) - 1)


def test_a_turn_taken_leaves_a_csv_row_s_notes_out(tmp_path: Path) -> None:
    """``t`` in a CSV transcript's turn takes what was said, not the row's notes written
    below it ("Notes: laughs", no one's words, which autocode --speaker leaves out too);
    in the notes it takes them."""
    from tui_reader.core.documents.turns import turn_unit
    from tui_reader.core.documents.units import paragraph_range

    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Text,Notes\nAna,We slept under the bridge.,laughs\nBo,Where?,\n", "utf-8"
    )
    doc = load_document(path)
    turn = turn_unit(doc.turns, paragraph_range)
    assert turn is not None
    said = doc.text.index("We slept")
    start, end = turn(doc.text, said + 3)
    assert doc.text[start:end] == "We slept under the bridge."
    start, end = turn(doc.text, doc.text.index("laughs"))
    assert doc.text[start:end] == "Notes: laughs"
    start, end = turn(doc.text, doc.text.index("Where"))
    assert doc.text[start:end] == "Where?"


_LINE_PIECES = st.sampled_from(
    ["P03: ", "[00:07:09] ", "Interviewer", ": ", " ", "\t", "\n", "\n\n", "(7:09)", "R1", "x",
     "Note: ", "a b c d e", "—", "12:30", ":", "é", "Speaker 1  0:03\n", "Ana (1:02):\n",
     "：", "访谈者：", "[Ana Lopez] ", "[", "]", ">> ", "<ana> ", ">", "Ana (1:02)\n"]
)  # fmt: skip


@settings(max_examples=examples(150))
@given(st.lists(_LINE_PIECES, max_size=30).map("".join), st.integers(0, 400))
def test_turn_lines_are_the_regex_matches_found_anywhere(text: str, end: int) -> None:
    """Trying the turn regex only at line starts finds exactly what a scan of every
    position finds (in the whole text and in a prefix of it)."""
    for stop in (len(text), min(end, len(text))):
        expected = [m.span() for m in _TURN_LINE.finditer(text[:stop])]
        assert [m.span() for m in turn_lines(text, stop)] == expected


def test_questions_and_answers_are_each_a_turn() -> None:
    # A transcript of "Q:" and "A:" read the answers alone as turns, each question left in
    # the answer before it: the interviewer's words counted as the answering speaker's.
    text = (
        "Q: Where were you born?\n\nA: In Tapachula.\n\nQ: When did you leave?\n\n"
        "A: In 2019.\n\nQ: Why?\n\nA: There was no work.\n"
    )
    turns = find_turns(text)
    assert [t.speaker for t in turns] == ["Q", "A", "Q", "A", "Q", "A"]
    assert [text[t.body : t.end] for t in turns][:3] == [
        "Where were you born?",
        "In Tapachula.",
        "When did you leave?",
    ]
    faq = "Q: What is it?\n\nIt is a reader.\n\nQ: Is it free?\n\nYes.\n\nNote: see below.\n"
    assert find_turns(faq) == ()


def test_questions_answered_by_a_named_speaker_are_the_interviewer_s_turns() -> None:
    # An interview of "Q:" questions answered by a named speaker ("General: ...") left each
    # question inside the answer before it: the interviewer's words were the general's, and
    # a turn selected or coded by the general's name took the next question with it.
    text = (
        "Interview with a retired general\n\nQ: Why did the army go to the streets?\n\n"
        "General: Because the police had failed.\n\nQ: Were there abuses?\n\n"
        "General: Some soldiers made mistakes.\n\nQ: Who gave the orders?\n\n"
        "General: The ministry did.\n"
    )
    turns = find_turns(text)
    assert [t.speaker for t in turns] == ["Q", "General", "Q", "General", "Q", "General"]
    assert [text[t.body : t.end] for t in turns][1:3] == [
        "Because the police had failed.",
        "Were there abuses?",
    ]


DEPOSITION = (
    "DEPOSITION OF ANA RUIZ\n\n"
    "Q. Where were you on the night of March 3rd?\n\n"
    "A. At the shelter on Fifth Street, near the market.\n\n"
    "MR. SMITH: Objection, form.\n\n"
    "Q. Who else was there?\n\n"
    "A. My brother and two of the volunteers.\n\n"
    "Q. How long did you stay?\n\n"
    "A. Until midnight.\n"
)


def test_a_deposition_s_questions_and_answers_are_turns(tmp_path: Path) -> None:
    # A deposition's transcript labels its questions "Q." and its answers "A." (no colon):
    # it had no turns, its colloquy's "MR. SMITH:" alone, and was titled by its first
    # question.
    turns = find_turns(DEPOSITION)
    assert [(t.speaker, DEPOSITION[t.body : t.end]) for t in turns] == [
        ("Q", "Where were you on the night of March 3rd?"),
        ("A", "At the shelter on Fifth Street, near the market."),
        ("MR. SMITH", "Objection, form."),
        ("Q", "Who else was there?"),
        ("A", "My brother and two of the volunteers."),
        ("Q", "How long did you stay?"),
        ("A", "Until midnight."),
    ]
    path = tmp_path / "deposition.txt"
    path.write_text(DEPOSITION, "utf-8")
    assert load_document(path).title == "DEPOSITION OF ANA RUIZ"


def test_an_outline_s_lettered_lines_are_no_answers() -> None:
    outline = "Plan\n\nA. Introduction\n\nB. Methods\n\nQ. Open questions\n\nA. Answers found\n"
    assert find_turns(outline) == ()


def _table_transcript(path: Path, rows: list[tuple[str, ...]], after: tuple[str, ...] = ()) -> Any:
    """A Word file of ``rows``, a table under a heading (the paragraphs ``after`` below it),
    loaded: a transcript as transcription services export one for Word."""
    import docx

    document = docx.Document()
    document.add_heading("Interview 7", 1)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, words in zip(table.add_row().cells, row, strict=True):
            cell.text = words
    for paragraph in after:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return load_document(path)


def test_a_transcript_set_as_a_table_has_turns(tmp_path: Path) -> None:
    # A transcript set as a table (time, speaker, what was said: as transcription services
    # export one for Word) had no turns: its rows are read "00:00:05 │ Ana │ ...".
    said = [
        ("Timecode", "Speaker", "Text"),
        ("00:00:01", "Interviewer", "Where did you sleep that night?"),
        ("00:00:05", "Ana", "Under the bridge, near the market."),
        ("00:00:12", "Interviewer", "And in the morning?"),
        ("00:00:15", "Ana", "We walked to the shelter."),
    ]
    loaded = _table_transcript(tmp_path / "interview.docx", said)
    assert [(t.time, t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == [
        (time, speaker, words) for time, speaker, words in said[1:]
    ]


def test_a_table_transcript_s_time_after_the_speaker_is_no_word_said(tmp_path: Path) -> None:
    # A table of speaker, time and what was said ("Ana │ 00:00:05 │ Under the bridge."):
    # each turn's words began with its time and the cell's bar, which t selected and an
    # autocode by speaker coded, and the turn had no time.
    said = [
        ("Speaker", "Time", "Text"),
        ("Interviewer", "00:01", "Where did you sleep that night?"),
        ("Ana", "00:05", "Under the bridge, near the market."),
        ("Interviewer", "00:12", "And in the morning?"),
        ("Ana", "[00:15]", "We walked to the shelter."),
    ]
    loaded = _table_transcript(tmp_path / "interview.docx", said)
    assert [(t.time, t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == [
        (time.strip("[]"), speaker, words) for speaker, time, words in said[1:]
    ]


def test_a_table_transcript_s_speaker_with_a_role_in_brackets_has_turns(tmp_path: Path) -> None:
    # A Word table of a focus group, its speakers "Ana (INT)" and "P1 (female, 34)", and
    # the same rows saved as tab-separated text: no turns, a bracket being no character of
    # a speaker's cell, as it is of a label a colon ends.
    said = [
        ("Speaker", "Text"),
        ("Ana (INT)", "Where did you sleep that night?"),
        ("P1 (female, 34)", "Under the bridge, near the market."),
        ("Ana (INT)", "And in the morning?"),
        ("P1 (female, 34)", "We walked to the shelter."),
    ]
    loaded = _table_transcript(tmp_path / "group.docx", said)
    assert [(t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == said[1:]
    text = "".join(f"{who}\t00:00:0{i}\t{words}\n" for i, (who, words) in enumerate(said[1:]))
    assert [(t.time, t.speaker) for t in find_turns(text)] == [
        (f"00:00:0{i}", who) for i, (who, _) in enumerate(said[1:])
    ]


def test_a_table_transcript_s_speaker_with_a_code_in_square_brackets_has_turns(
    tmp_path: Path,
) -> None:
    # A Word table whose speakers' cells read "P[1]" and "Ana [INT]", as a label a colon
    # ends may: no turns, only a role in parentheses being part of a speaker's cell.  The
    # same rows saved as tab-separated text had none either.
    said = [
        ("Speaker", "Time", "Text"),
        ("Ana [INT]", "00:01", "Where did you sleep that night?"),
        ("P[1]", "00:05", "Under the bridge, near the market."),
        ("Ana [INT]", "00:12", "And in the morning?"),
        ("P[1]", "00:15", "We walked to the shelter."),
    ]
    loaded = _table_transcript(tmp_path / "group.docx", said)
    assert [(t.speaker, t.time, loaded.text[t.body : t.end]) for t in loaded.turns] == said[1:]
    text = "".join(f"{who}\t{time}\t{words}\n" for who, time, words in said[1:])
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == said[1:]


def test_a_table_transcript_s_timespans_give_its_turns_times(tmp_path: Path) -> None:
    # A transcript's rows with their start and end in one cell ("0:00:03.0 - 0:00:05.5", as
    # NVivo writes a timespan) had no turns, set as a Word table or as tab-separated rows,
    # and the header's "Timespan" was a speaker's name.
    said = [
        ("Timespan", "Speaker", "Content"),
        ("0:00:03.0 - 0:00:05.5", "Ana", "Where did you sleep that night?"),
        ("0:00:09.0 - 0:00:12.0", "Luis", "Under the bridge, near the market."),
        ("0:00:15.0 - 0:00:17.0", "Ana", "And in the morning?"),
        ("0:00:18.0 - 0:00:20.0", "Luis", "We walked to the shelter."),
    ]
    expected = [(who, span.split(" - ")[0], words) for span, who, words in said[1:]]
    loaded = _table_transcript(tmp_path / "nvivo.docx", said)
    assert [(t.speaker, t.time, loaded.text[t.body : t.end]) for t in loaded.turns] == expected
    text = "".join(f"{who}\t{span}\t{words}\n" for span, who, words in said[1:])
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == expected


def test_tab_separated_rows_with_the_time_first_and_short_words_each_open_a_turn() -> None:
    # "00:00:09<tab>Luis<tab>Under the bridge.": a name's words ran on over the tab, the
    # row read as a time above a name alone on its line ("Luis Under the bridge.", said
    # once: none), and Luis's words were Ana's, in her turn before.
    said = [
        ("00:00:03", "Ana", "Where did you sleep?"),
        ("00:00:09", "Luis", "Under the bridge."),
        ("00:00:15", "Ana", "And then?"),
        ("00:00:18", "Luis", "We walked."),
    ]
    text = "".join(f"{time}\t{who}\t{words}\n" for time, who, words in said)
    assert [(t.time, t.speaker, text[t.body : t.end]) for t in find_turns(text)] == said


def test_a_table_transcript_s_last_turn_ends_with_the_table(tmp_path: Path) -> None:
    # The last row's turn ran on over the paragraphs after the table ("End of interview.",
    # the interviewer's notes): an autocode by speaker coded them as the speaker's words.
    said = _ANA
    after = ("End of interview.", "Recorded in Tapachula, on a phone.")
    loaded = _table_transcript(tmp_path / "interview.docx", said, after)
    assert _said(loaded) == said


def test_a_note_below_a_table_transcript_is_no_speaker_s_turn(tmp_path: Path) -> None:
    # A paragraph below the table heading a note ("Interviewer notes: the recording stopped
    # twice.") was a turn of a speaker "Interviewer notes", listed and coded by speaker.
    said = _ANA
    after = ("Interviewer notes: the recording stopped twice.", "Observation: she laughed.")
    loaded = _table_transcript(tmp_path / "interview.docx", said, after)
    assert _said(loaded) == said


def test_a_line_heading_notes_ends_the_turn_above_it() -> None:
    # "Interviewer notes: ..." below a transcript was a speaker's one turn; a label heading
    # notes, said once, is none, and the words it heads are not the last speaker's.
    text = (
        "Interviewer: Where did you sleep?\nAna: Under the bridge.\n"
        "Interviewer: And then?\nAna: The shelter.\n\n"
        "Interviewer notes: the recording stopped twice.\n"
    )
    found = find_turns(text)
    assert [(t.speaker, text[t.body : t.end]) for t in found] == [
        ("Interviewer", "Where did you sleep?"),
        ("Ana", "Under the bridge."),
        ("Interviewer", "And then?"),
        ("Ana", "The shelter."),
    ]


def test_a_tab_separated_transcript_has_turns(tmp_path: Path) -> None:
    # A transcript as transcription services export it in tab-separated text ("Speaker 1<tab>
    # 00:00:05<tab>What was said", a header row above) had no turns: the time after the tab
    # was read as no words said.
    said = [
        ("Speaker 1", "00:00:01", "Where did you sleep that night?"),
        ("Speaker 2", "00:00:05.120", "Under the bridge, near the market."),
        ("Speaker 1", "00:00:12", "And in the morning?"),
        ("Speaker 2", "00:00:15", "We walked to the shelter: two hours."),
    ]
    rows = ["Speaker\tTime\tText", *("\t".join(row) for row in said)]
    path = tmp_path / "interview.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_document(path)
    assert [(t.speaker, t.time, loaded.text[t.body : t.end]) for t in loaded.turns] == said
    # The time first, as other services write it: its header row is no speaker's turn.
    rows = ["Time\tSpeaker\tText", *(f"{t}\t{s}\t{w}" for s, t, w in said)]
    turns = find_turns("\n".join(rows) + "\n")
    assert [(t.speaker, t.time) for t in turns] == [(s, t) for s, t, _ in said]
    figures = "Mexico\t2019\t500\nMexico\t2020\t600\nGuatemala\t2019\t300\nGuatemala\t2020\t350\n"
    assert find_turns(figures) == ()


def test_a_table_of_figures_is_no_transcript() -> None:
    figures = (
        "Mexico │ 2019 │ 500\nMexico │ 2020 │ 600\nGuatemala │ 2019 │ 300\nGuatemala │ 2020 │ 350\n"
    )
    assert find_turns(figures) == ()


def test_a_table_grouping_its_rows_under_its_first_column_is_no_transcript() -> None:
    # A protocol's table of themes and questions, each theme a cell spanning its questions'
    # rows (read in each of them: "Housing │ Where did you sleep?" then "Housing │ For how
    # long?"): its themes were taken for speakers, each "speaking" twice in a row.
    table = (
        "Theme │ Question\nHousing │ Where did you sleep?\nHousing │ For how long?\n"
        "Work │ Do you have work?\nWork │ Where do you work?\n"
    )
    assert find_turns(table) == ()


def test_two_columns_of_names_and_short_labels_are_no_transcript() -> None:
    # A timetable's days and a table of regions and their cities, each first cell coming
    # back row after row as a speaker's name does, were read as turns: "Monday" said
    # "Shelter visit", and an autocode by speaker coded the week.
    timetable = (
        "Day │ Activity\nMonday │ Shelter visit\nTuesday │ Interviews at the port\n"
        "Monday │ Shelter visit\nTuesday │ Interviews at the port\nMonday │ Transcribing\n"
        "Tuesday │ Coding\n"
    )
    regions = (
        "Americas │ Mexico City\nEurope │ Madrid\nAmericas │ Bogota\nEurope │ Lisbon\n"
        "Americas │ Lima\n"
    )
    assert find_turns(timetable) == ()
    assert find_turns(regions) == ()
    assert find_turns(regions.replace(" │ ", "\t00:00:05\t")) == ()


def test_a_table_transcript_s_speaker_may_hold_several_timed_rows_in_a_row(
    tmp_path: Path,
) -> None:
    # A transcription service's table cuts a long answer into rows of a few seconds each,
    # the same speaker in each ("00:00:05 │ Luis │ ..." after "00:00:01 │ Luis │ ..."):
    # read as a column grouping its rows, such a transcript had no turns.
    said = [
        ("Time", "Speaker", "Text"),
        ("00:00:01", "Ana", "How did you come?"),
        ("00:00:04", "Luis", "We came by bus to the border."),
        ("00:00:09", "Luis", "Then we walked for two days."),
        ("00:00:14", "Luis", "At night we slept under a bridge"),
        ("00:00:20", "Ana", "And then?"),
        ("00:00:22", "Luis", "Then the police stopped us."),
        ("00:00:26", "Luis", "They asked for money, and we paid them"),
    ]
    loaded = _table_transcript(tmp_path / "interview.docx", said)
    assert [(t.time, t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == said[1:]


def test_a_table_transcript_captioned_without_punctuation_has_turns(tmp_path: Path) -> None:
    # An automatic captioning's export sets what was said in short rows of small letters,
    # no sentence ended: the rows read as no one's words (a timetable's), and such a
    # transcript had no turns, though its times go forward from a recording's start and
    # its speakers take turns.
    said = [
        ("Time", "Speaker", "Text"),
        ("00:00:01", "Ana", "how did you come"),
        ("00:00:03", "Luis", "by bus"),
        ("00:00:05", "Ana", "and then"),
        ("00:00:06", "Luis", "we walked two days"),
        ("00:00:09", "Ana", "where did you sleep"),
        ("00:00:11", "Luis", "under a bridge"),
    ]
    loaded = _table_transcript(tmp_path / "interview.docx", said)
    assert [(t.time, t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == said[1:]
    # (its cells parted by tabs, the speaker first, as a service's text export sets them)
    text = "".join(f"{speaker}\t{time}\t{words}\n" for time, speaker, words in said[1:])
    assert [(t.time, t.speaker, text[t.body : t.end]) for t in find_turns(text)] == said[1:]


def test_a_timetable_of_names_and_clock_times_is_no_transcript() -> None:
    # A day's programme: its times go forward and its presenters come back in turn, but
    # they are a clock's (a recording's start at none of them), its cells no one's words.
    programme = (
        "09:00 │ Ana │ welcome\n09:30 │ Luis │ methods\n10:00 │ Ana │ coding in pairs\n"
        "11:00 │ Luis │ first results\n12:00 │ Ana │ lunch\n13:30 │ Luis │ wrap up\n"
    )
    assert find_turns(programme) == ()


def test_a_programme_set_by_tabs_is_no_transcript_but_a_chat_so_set_is_one() -> None:
    # A day's programme set by tabs, its presenters in turn: a time, a name and a tab open
    # a turn's line, and it read as the presenters' transcript.  Its times are a clock's on
    # five minutes' marks, each later than the one before; a chat's are at any minute.
    programme = (
        "09:00\tAna\twelcome\n09:30\tLuis\tmethods\n10:00\tAna\tcoding in pairs\n"
        "11:00\tLuis\tfirst results\n12:00\tAna\tlunch\n13:30\tLuis\twrap up\n"
    )
    assert find_turns(programme) == ()
    # (its second day starting again at nine)
    assert find_turns(programme + "\nDay 2\n\n" + programme) == ()
    chat = (
        "10:02\tana\thi\n10:02\tbo\thello\n10:03\tana\thow are you\n"
        "10:05\tbo\tfine\n10:07\tana\tgood\n"
    )
    assert [t.speaker for t in find_turns(chat)] == ["ana", "bo", "ana", "bo", "ana"]
    # (a chat's messages on five minutes' marks but two at one time)
    chat = (
        "10:00\tana\thi\n10:00\tbo\thello\n10:05\tana\thow are you\n"
        "10:10\tbo\tfine\n10:15\tana\tgood\n"
    )
    assert [t.speaker for t in find_turns(chat)] == ["ana", "bo", "ana", "bo", "ana"]


@settings(max_examples=examples(80), deadline=None)
@given(
    st.lists(st.integers(1, 12), min_size=4, max_size=10),
    st.integers(0, 9),
    st.sampled_from(["marks", "off a mark", "two at once"]),
)
def test_rows_set_by_tabs_are_a_chat_unless_timed_as_a_programme(
    steps: list[int], at: int, times: str
) -> None:
    # Rows of a time, a name and a tab, two speakers in turn: a programme's when every time
    # is on a five minutes' mark, each later than the one before; else a chat's turns.
    minutes = list(itertools.accumulate([8 * 60] + [5 * step for step in steps]))
    at %= len(minutes)
    if times == "off a mark":
        minutes[at] += 1 + at % 4  # (still later than the row before)
    elif times == "two at once" and at:
        minutes[at] = minutes[at - 1]
    speakers = ["ana", "bo"] * len(minutes)
    text = "".join(
        f"{m // 60:02d}:{m % 60:02d}\t{speaker}\tsee you there\n"
        for m, speaker in zip(minutes, speakers, strict=False)
    )
    found = find_turns(text)
    if times == "marks" or (times == "two at once" and not at):
        assert found == ()
    else:
        assert [t.speaker for t in found] == speakers[: len(minutes)]


_LOWER_WORDS = st.lists(
    st.sampled_from(["we", "walked", "the", "border", "police", "asked", "money", "night"]),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(st.sampled_from(["Ana", "Luis", "SPEAKER_00", "Speaker 2"]), min_size=2, max_size=3,
             unique=True),
    st.lists(_LOWER_WORDS, min_size=4, max_size=12),
    st.lists(st.integers(1, 30), min_size=12, max_size=12),
    st.sampled_from(["clock", "recording", "backwards"]),
)  # fmt: skip
def test_unpunctuated_rows_are_turns_when_timed_as_a_recording(
    speakers: list[str], words: list[str], steps: list[int], times: str
) -> None:
    # Rows of short words, no sentence ended, their speakers taking turns: turns when their
    # times go forward from a recording's start, none when a clock's (a timetable) or
    # when they go back and forth.
    start = 9 * 3600 if times == "clock" else 0
    seconds = list(itertools.accumulate(steps[: len(words)], initial=start))[1:]
    if times == "backwards":
        seconds = sorted(seconds, reverse=True)
    rows = [(speakers[i % len(speakers)], w) for i, w in enumerate(words)]
    stamps = [
        f"{s // 3600:02d}:{s // 60 % 60:02d}" if times == "clock" else
        f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds
    ]  # fmt: skip
    text = "".join(f"{t} │ {n} │ {w}\n" for t, (n, w) in zip(stamps, rows, strict=True))
    found = [(t.speaker, text[t.body : t.end]) for t in find_turns(text)]
    assert found == (rows if times == "recording" else [])


_NAMES = st.sampled_from(
    ["Ana", "Luis", "Interviewer", "Speaker 1", "Speaker 2", "P03", "Dr. Ruiz", "María José"]
)
_SENTENCES = st.lists(
    st.sampled_from(["we", "walked", "the", "border", "police", "asked", "money", "night"]),
    min_size=1,
    max_size=9,
).map(lambda words: " ".join(words).capitalize())


@st.composite
def _spoken_rows(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Rows of two or three speakers taking turns, each saying a sentence or more."""
    speakers = draw(st.lists(_NAMES, min_size=2, max_size=3, unique=True))
    count = draw(st.integers(2 * len(speakers), 12))  # (each speaks more than once)
    rows = []
    for i in range(count):
        words = draw(_SENTENCES) + draw(st.sampled_from([".", "?", "!", "…"]))
        rows.append((speakers[i % len(speakers)], words))
    return rows


@settings(max_examples=60, deadline=None)
@given(_spoken_rows(), st.booleans(), st.booleans())
def test_a_table_of_speakers_taking_turns_is_read_as_their_turns(
    rows: list[tuple[str, str]], header: bool, timed: bool
) -> None:
    lines = [f"00:{i:02d}:00 │ {s} │ {w}" if timed else f"{s} │ {w}" for i, (s, w) in
             enumerate(rows)]  # fmt: skip
    if header:
        lines.insert(0, "Time │ Speaker │ Text" if timed else "Speaker │ Text")
    text = "Interview 4\n\n" + "\n".join(lines) + "\n"
    found = find_turns(text)
    assert [(t.speaker, text[t.body : t.end]) for t in found] == rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_NAMES, st.lists(_NAMES, min_size=1, max_size=2)), min_size=3, max_size=12)
)
def test_a_table_of_names_and_short_labels_is_never_a_transcript(
    rows: list[tuple[str, list[str]]],
) -> None:
    # The second cells a word or two and no sentence's end, as a list's, a timetable's or
    # a glossary's terms are: whatever the first cells, no turns.
    text = "\n".join(f"{first} │ {' '.join(rest).lower()}" for first, rest in rows) + "\n"
    assert find_turns(text) == ()


def test_a_transcript_whose_labels_a_tab_ends_has_turns(tmp_path: Path) -> None:
    # A transcript typed in Word with each speaker's name in bold and a tab before what was
    # said, no colon ("INTERVIEWER<tab>How did you come here?"), had no turns.
    said = _MARIA
    loaded = load_document(_bold_names_docx(tmp_path / "interview.docx", said, "\t"))
    assert _said(loaded) == said
    text = "Int\tWhere did you sleep?\nR 1\tUnder the bridge.\nInt\tAnd then?\nR 1\tThe shelter.\n"
    assert [t.speaker for t in find_turns(text)] == ["Int", "R 1", "Int", "R 1"]


_PARAGRAPH_TURNS = (
    "[00:00:10] Speaker 1: How did you come to the border this spring?",
    "[00:00:20] Speaker 2: By bus, then on foot for three days.",
    "[00:00:30] Speaker 1: And the fees along the way?",
    "[00:00:40] Speaker 3: They ask at every checkpoint.",
)


def _paragraphs_then_table(path: Path, rows: list[tuple[str, str]]) -> Any:
    """A Word file of the paragraph turns above, then a table of ``rows``, then a closing
    paragraph, loaded."""
    import docx

    document = docx.Document()
    for paragraph in _PARAGRAPH_TURNS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=0, cols=2)
    for row in rows:
        for cell, words in zip(table.add_row().cells, row, strict=True):
            cell.text = words
    document.add_paragraph("End of interview.")
    document.save(str(path))
    return load_document(path)


def test_a_table_of_turns_after_paragraph_turns_has_its_rows_as_turns(tmp_path: Path) -> None:
    # A Word transcript whose last turns are a table's rows, each speaker once in it: the
    # table had no turns, and the last paragraph's turn (Speaker 3) ran on over its rows.
    rows = [
        ("Speaker 2", "We pay or we walk."),
        ("Speaker 3", "Sometimes both."),
        ("Speaker 1", "Thank you."),
    ]
    loaded = _paragraphs_then_table(tmp_path / "interview.docx", rows)
    assert _said(loaded) == [
        ("Speaker 1", "How did you come to the border this spring?"),
        ("Speaker 2", "By bus, then on foot for three days."),
        ("Speaker 1", "And the fees along the way?"),
        ("Speaker 3", "They ask at every checkpoint."),
        *rows,
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # a table of the participants (their speakers' names, no words of theirs)
        [("Speaker 2", "Female, 34, Honduras"), ("Speaker 3", "Male, 41, Guatemala")],
        # a table of regions, no speaker's
        [("Region", "Crossings"), ("Americas", "Mexico City."), ("Europe", "Madrid.")],
        # a speaker's row among rows of no speaker's
        [("Speaker 2", "We pay or we walk."), ("Fees", "Paid at every checkpoint.")],
    ],
)
def test_an_ordinary_table_after_paragraph_turns_stays_a_table(
    tmp_path: Path, rows: list[tuple[str, str]]
) -> None:
    # A table below a transcript is no speaker's words (the last turn ran on over it), and
    # its rows are turns only when each is a speaker's saying something.
    loaded = _paragraphs_then_table(tmp_path / "interview.docx", rows)
    assert [speaker for speaker, _ in _said(loaded)] == [
        "Speaker 1",
        "Speaker 2",
        "Speaker 1",
        "Speaker 3",
    ]
    assert _said(loaded)[-1] == ("Speaker 3", "They ask at every checkpoint.")


@pytest.mark.parametrize(
    ("rows", "turns"),
    [
        (["Speaker 2 | We pay or we walk.", "Speaker 3 | Sometimes both."], 2),
        (["Speaker 2 | Female, 34, Honduras", "Speaker 3 | Male, 41, Guatemala"], 0),
        (["Americas | Mexico City.", "Europe | Madrid."], 0),
    ],
)
def test_a_markdown_table_after_paragraph_turns_is_no_turn_s_words(
    tmp_path: Path, rows: list[str], turns: int
) -> None:
    # The last paragraph turn of a Markdown transcript ran on over a table below it, its
    # header, its rows and the paragraph after it, coded as Speaker 3's words.
    table = "| Speaker | Text |\n|---|---|\n" + "".join(f"| {row} |\n" for row in rows)
    path = tmp_path / "interview.md"
    path.write_text("\n\n".join(_PARAGRAPH_TURNS) + "\n\n" + table + "\nEnd of interview.\n")
    said = _said(load_document(path))
    assert said[3] == ("Speaker 3", "They ask at every checkpoint.")
    assert said[4:] == [tuple(row.split(" | ")) for row in rows[:turns]]


# A table's second cells: sentences, and labels (short, no sentence's end).
_SAID_WORDS = ("Sometimes both.", "We pay or we walk.", "Why?", "Tapachula", "Three days on foot")


@given(
    st.lists(
        st.tuples(st.sampled_from(["Ana", "Luis", "Bo", "Cy"]), st.sampled_from(_SAID_WORDS)),
        min_size=1,
        max_size=4,
        unique_by=lambda row: row[0],  # each speaker once in the table
    )
)
def test_a_table_after_paragraph_turns_is_never_inside_a_turn(
    rows: list[tuple[str, str]],
) -> None:
    # Whatever a table below a transcript's paragraphs holds, no turn runs over its rows,
    # and a row is a turn only of a speaker of the paragraphs' saying a sentence.
    paragraphs = "Ana: Where did you sleep?\n\nLuis: Under the bridge.\n\n" * 2
    table = "".join(f"{name} │ {words}\n" for name, words in rows)
    text = paragraphs + table + "\nEnd of interview."
    table_at = len(paragraphs)
    found = find_turns(text)
    assert [t.speaker for t in found[:4]] == ["Ana", "Luis", "Ana", "Luis"]
    for turn in found:
        assert turn.end <= table_at or turn.start >= table_at
        assert turn.end <= len(paragraphs) + len(table)
    in_table = [(t.speaker, text[t.body : t.end]) for t in found[4:]]
    speakers_said = all(n in {"Ana", "Luis"} for n, _ in rows)
    said = sum(w[-1] in ".?!" for _, w in rows) * 2 >= len(rows)
    assert in_table == (rows if speakers_said and said else [])


def test_a_table_inside_an_answer_leaves_the_words_after_it_in_the_answer(
    tmp_path: Path,
) -> None:
    # A Word transcript whose answer holds a table, its words going on below it: the table
    # ended the turn, and the words after it were in no turn, coded as no one's.
    import docx

    document = docx.Document()
    document.add_paragraph("Ana: Where did you sleep on the way?")
    document.add_paragraph("Luis: In three places, I wrote them down:")
    table = document.add_table(rows=0, cols=2)
    for row in [("Place", "Nights"), ("Shelter", "3"), ("Bridge", "2")]:
        for cell, words in zip(table.add_row().cells, row, strict=True):
            cell.text = words
    for paragraph in ["After that we went north by train.", "Ana: And then?", "Luis: Police."]:
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "interview.docx"))
    loaded = load_document(tmp_path / "interview.docx")
    assert _said(loaded) == [
        ("Ana", "Where did you sleep on the way?"),
        (
            "Luis",
            "In three places, I wrote them down:\n\nPlace │ Nights\nShelter │ 3\nBridge │ 2"
            "\n\nAfter that we went north by train.",
        ),
        ("Ana", "And then?"),
        ("Luis", "Police."),
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Ana", "Luis", "Region", "Place"]), st.sampled_from(_SAID_WORDS)
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda row: row[0],  # (a first cell said again: a table transcript's)
    ),
    st.sampled_from(["", "After that we went north.", "Then the shelter.\n\nAnd the port."]),
)
def test_the_words_after_a_table_inside_an_answer_are_the_answer_s(
    rows: list[tuple[str, str]], after: str
) -> None:
    # A table between an answer's words and the next turn: the words after it (if any) are
    # the answer's, the table with them; a table with nothing of its answer below it ends
    # the answer, as one after the last turn does, and so does a table of turns.
    above = "Ana: Where did you sleep?\n\nLuis: Under the bridge.\n\n" * 2
    table = "".join(f"{name} │ {words}\n" for name, words in rows)
    below = f"\n{after}\n\n" if after else "\n"
    text = above + table + below + "Ana: And then?\n\nLuis: The shelter.\n"
    found = find_turns(text)
    of_turns = all(n in {"Ana", "Luis"} for n, _ in rows) and 2 * sum(
        w[-1] in ".?!" for _, w in rows
    ) >= len(rows)
    answer = found[3]
    assert answer.speaker == "Luis"
    if after and not of_turns:
        assert text[answer.body : answer.end] == "Under the bridge.\n\n" + table + "\n" + after
    else:
        assert answer.end == len(above) - 2
    in_table = [(t.speaker, text[t.body : t.end]) for t in found[4:-2]]
    assert in_table == (rows if of_turns else [])
    assert [(t.speaker, text[t.body : t.end]) for t in found[-2:]] == [
        ("Ana", "And then?"),
        ("Luis", "The shelter."),
    ]


# An API manual's page as its web page reads (libxslt's): each function's parameters a table
# of "name: │ what it is" rows, "Returns: │ ..." the last.
_API_PAGE = (
    "Description\n\nMacro: NODE_IS_KEYED\n\n#define NODE_IS_KEYED\n\ncheck for bit 15 set\n\n"
    "Function: xsltAddKey\n\nint xsltAddKey (xsltStylesheetPtr style,\nconst xmlChar * name,\n"
    "xmlNodePtr inst)\n\nadd a key definition to a stylesheet\n\nstyle: │ an XSLT stylesheet\n"
    "name: │ the key name or NULL\ninst: │ the key instruction\n"
    "Returns: │ 0 in case of success, and -1 in case of failure.\n\n"
    "Function: xsltFreeKeys\n\nvoid xsltFreeKeys (xsltStylesheetPtr style)\n\n"
    "Free up the memory used by XSLT keys in a stylesheet\n\nstyle: │ an XSLT stylesheet\n\n"
    "Function: xsltGetKey\n\nxmlNodeSetPtr xsltGetKey (xsltTransformContextPtr ctxt,\n"
    "const xmlChar * name)\n\nLooks up a key of the in-scope stylesheets\n\n"
    "ctxt: │ an XSLT transformation context\nname: │ the key name or NULL\n"
    "Returns: │ the nodeset resulting from the query or NULL\n\n"
    "Function: xsltInitCtxtKeys\n\nvoid xsltInitCtxtKeys (xsltTransformContextPtr ctxt)\n\n"
    "Computes all the keys tables for the current input document.\n\n"
    "ctxt: │ an XSLT transformation context\n"
)


def test_an_api_manual_s_tables_of_parameters_are_no_transcript() -> None:
    # A manual's tables of parameters, each row a name, a colon and what it is, read as
    # speakers' turns ("ctxt", "name", "Returns"), each cell a label's: the page was a
    # transcript of its parameters, coded by speaker.
    assert find_turns(_API_PAGE) == ()


# libxslt's templates page: its tables of parameters say more than a few words in a row,
# as a transcript's table does.
_API_PAGE_OF_LONG_CELLS = "Description\n\n" + "".join(
    f"Function: {name}\n\nxmlChar * {name} (xsltTransformContextPtr ctxt,\n"
    f"xmlNodePtr target)\n\nProcess one attribute of a Literal Result Element.\n\n"
    + "".join(f"{parameter}: │ {said}\n" for parameter, said in rows)
    + "\n"
    for name, rows in [
        ("xsltAttrListTemplateProcess", [
            ("ctxt", "the XSLT transformation context"),
            ("target", "the element where the attributes will be grafted"),
            ("attrs", "the first attribute"),
            ("Returns", "a new list of attribute nodes, or NULL in case of error."),
        ]),
        ("xsltAttrTemplateProcess", [
            ("ctxt", "the XSLT transformation context"),
            ("target", "the element where the attribute will be grafted"),
            ("attr", "the attribute node of a literal result element"),
            ("Returns", "the generated attribute node."),
        ]),
        ("xsltAttrTemplateValueProcess", [
            ("ctxt", "the XSLT transformation context"),
            ("str", "the attribute template node value"),
            ("Returns", "the computed string value or NULL, must be deallocated by the caller."),
        ]),
        ("xsltAttrTemplateValueProcessNode", [
            ("ctxt", "the XSLT transformation context"),
            ("str", "the attribute template node value"),
            ("inst", "the instruction (or LRE) in the stylesheet holding the attribute"),
            ("Returns", "the computed string value or NULL, must be deallocated by the caller."),
        ]),
    ]
)  # fmt: skip


def test_an_api_manual_s_tables_of_parameters_saying_sentences_are_no_transcript() -> None:
    # Tables of parameters whose cells read as what was said (sentences, six words or
    # more): the table reading took them for a transcript's table, each parameter a
    # speaker ("ctxt", "target", "Returns"), 57 turns on libxslt's templates page.  No
    # table names one twice, and they name more than any has rows.
    assert find_turns(_API_PAGE_OF_LONG_CELLS) == ()
    # (a transcript set as a table an exchange, each naming both its speakers, keeps its
    # turns; so does a transcript's one table of its speakers in turn)
    exchanges = "".join(
        f"Interview notes, part {n}.\n\nAna: │ {q}\nLuis: │ {a}\n\n"
        for n, (q, a) in enumerate(
            [("How did you come here?", "By bus, then on foot for two days."),
             ("Where did you sleep?", "Under the bridge by the river, with others."),
             ("And then?", "The police stopped us and asked for money.")],
            1,
        )
    )  # fmt: skip
    assert [t.speaker for t in find_turns(exchanges)] == ["Ana", "Luis"] * 3
    one_table = exchanges.replace("\n\nInterview notes, part 2.\n\n", "\n").replace(
        "\n\nInterview notes, part 3.\n\n", "\n"
    )
    assert [t.speaker for t in find_turns(one_table)] == ["Ana", "Luis"] * 3
    # (and one set a table a turn, blank lines between them, three speakers in turn)
    a_table_a_turn = one_table.replace("\n", "\n\n").replace("Luis: │ By bus", "Bo: │ By bus")
    assert [t.speaker for t in find_turns(a_table_a_turn)] == ["Ana", "Bo", *["Ana", "Luis"] * 2]


def test_a_transcript_with_a_few_rows_of_labels_and_words_keeps_its_turns() -> None:
    # A transcript whose labels stand in a table's cells now and then ("Ana: │ ...", as a
    # pasted row reads) is still one: most of its labels open lines of their own.
    text = (
        "Ana: Where did you sleep?\nLuis: Under the bridge.\nAna: And then?\n"
        "Luis: │ At the shelter, for three nights.\nAna: Who ran it?\nLuis: The nuns.\n"
    )
    assert [t.speaker for t in find_turns(text)] == ["Ana", "Luis"] * 3
    # (a table of their turns after their paragraphs, each label in a cell of its own)
    rows = [("Ana", "And then?"), ("Luis", "The shelter."), ("Ana", "Who ran it?"),
            ("Luis", "The nuns."), ("Ana", "How long?"), ("Luis", "Three nights.")]  # fmt: skip
    text = "Ana: Where did you sleep?\n\nLuis: Under the bridge.\n\n"
    text += "".join(f"{name}: │ {words}\n" for name, words in rows)
    assert [t.speaker for t in find_turns(text)] == ["Ana", "Luis"] * 4
    # (a chat's nicknames in small letters, a table's cells among its lines too)
    chat = "ana: hi\nbo: hey\nana: │ ready?\nbo: yes\nana: go\n"
    assert [t.speaker for t in find_turns(chat)] == ["ana", "bo", "ana", "bo", "ana"]


def test_a_table_set_by_tabs_is_no_transcript() -> None:
    # Rows of tab-separated values, and a table of contents' lines, open no turns.
    rows = (
        "Mexico\tTapachula\t500\nMexico\tOaxaca\t600\nGuatemala\tPeten\t300\nGuatemala\tIzabal\t9\n"
    )
    contents = "Chapter 1\tThe road\t3\nChapter 2\tThe border\t9\nChapter 3\tThe shelter\t14\n"
    figures = "Mexico\t500\nMexico\t600\nGuatemala\t300\nGuatemala\t350\n"
    assert find_turns(rows) == find_turns(contents) == find_turns(figures) == ()
    # A list copied from Word, its second level's bullet the letter o before a tab.
    items = "Steps:\no\tcall the shelter\no\tbook a room for two\no\tpay the deposit\n"
    assert find_turns(items) == ()


def test_a_chinese_or_japanese_transcript_s_full_width_colons_open_turns() -> None:
    # Labels written with a full-width colon and no space after it, as Chinese and Japanese
    # are, opened no turn: a transcript in either had none.
    chinese = "访谈者：你怎么来的？\n玛丽亚：坐巴士，三天。\n访谈者：然后呢？\n玛丽亚：我们在收容所等着。\n"
    assert [(t.speaker, chinese[t.body : t.end]) for t in find_turns(chinese)] == [
        ("访谈者", "你怎么来的？"),
        ("玛丽亚", "坐巴士，三天。"),
        ("访谈者", "然后呢？"),
        ("玛丽亚", "我们在收容所等着。"),
    ]
    japanese = (
        "質問者：どこから来ましたか？\nA：メキシコから。\n質問者：いつですか？\nA：二年前です。\n"
    )
    assert [t.speaker for t in find_turns(japanese)] == ["質問者", "A"] * 2


def test_a_no_break_space_beside_a_label_s_colon_opens_a_turn() -> None:
    # French typed in Word puts a no-break space before a colon ("Enquêteur : ...", narrow
    # in newer versions), and a web page or Word may put one after it: no turns were found.
    for before, after in (("\u00a0", " "), ("\u202f", " "), ("", "\u00a0")):
        text = "".join(
            f"{speaker}{before}:{after}{said}\n"
            for speaker, said in [("Enquêteur", "Comment êtes-vous venue ?"), ("Maria", "En bus."),
                                  ("Enquêteur", "Et ensuite ?"), ("Maria", "Nous avons attendu.")]
        )  # fmt: skip
        assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
            ("Enquêteur", "Comment êtes-vous venue ?"),
            ("Maria", "En bus."),
            ("Enquêteur", "Et ensuite ?"),
            ("Maria", "Nous avons attendu."),
        ]


def test_captions_saved_as_text_marking_a_new_speaker_with_chevrons_have_turns() -> None:
    # Television's captions saved as text open each new speaker's words with '>>' and the
    # name: no turns were found.
    text = ">> ANA: How are you today?\n>> BO: Fine, thanks.\n>> ANA: Good.\n>> BO: Rainy here.\n"
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("ANA", "How are you today?"),
        ("BO", "Fine, thanks."),
        ("ANA", "Good."),
        ("BO", "Rainy here."),
    ]


def test_a_zoom_transcript_s_bracketed_names_above_what_was_said_open_turns() -> None:
    # Zoom saves a meeting's captions with each speaker's name in brackets and the time on a
    # line above the words ("[Ana Lopez] 10:02:33"): no turns were found.
    text = (
        "[Ana Lopez] 10:02:33\nHello everyone, thanks for joining.\n\n[Bo Chen] 10:02:40\n"
        "Hi Ana.\n\n[Ana Lopez] 10:02:45\nShall we start?\n\n[Bo Chen] 10:02:50\nYes.\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana Lopez", "10:02:33", "Hello everyone, thanks for joining."),
        ("Bo Chen", "10:02:40", "Hi Ana."),
        ("Ana Lopez", "10:02:45", "Shall we start?"),
        ("Bo Chen", "10:02:50", "Yes."),
    ]


def test_a_chat_exported_as_text_has_a_turn_for_each_message() -> None:
    # A WhatsApp chat exported as text (as iPhones and Android phones write it, in any
    # locale: each message opened by its date and time) had no turns: no speakers.
    iphone = (
        "[12/05/2023, 10:02:33] Ana Lopez: Are you at the shelter?\n"
        "[12/05/2023, 10:03:01] Bo Chen: Yes, since this morning.\nWith my sister.\n"
        "[12/05/2023, 10:03:40] Ana Lopez: Good.\n[12/05/2023, 10:04:02] Bo Chen: OK.\n"
    )
    assert [(t.speaker, t.time, iphone[t.body : t.end]) for t in find_turns(iphone)] == [
        ("Ana Lopez", "12/05/2023, 10:02:33", "Are you at the shelter?"),
        ("Bo Chen", "12/05/2023, 10:03:01", "Yes, since this morning.\nWith my sister."),
        ("Ana Lopez", "12/05/2023, 10:03:40", "Good."),
        ("Bo Chen", "12/05/2023, 10:04:02", "OK."),
    ]
    android = (
        "5/12/23, 10:02 AM - Ana Lopez: Are you there?\n5/12/23, 10:03\u202fAM - Bo Chen: Yes.\n"
        "5/12/23, 10:03 AM - Ana Lopez: Good.\n5/12/23, 10:04 AM - Bo Chen: OK.\n"
    )
    assert [(t.speaker, t.time) for t in find_turns(android)][:2] == [
        ("Ana Lopez", "5/12/23, 10:02 AM"),
        ("Bo Chen", "5/12/23, 10:03 AM"),
    ]
    german = "12.05.23, 10:02 - Ana: Bist du da?\n12.05.23, 10:03 - Bo: Ja.\n12.05.23, 10:04 - Ana: Gut.\n"
    assert [t.speaker for t in find_turns(german)] == ["Ana", "Bo", "Ana"]


def test_an_f4_transcript_s_turns_start_at_the_time_mark_before_them() -> None:
    # f4 and f5 end each paragraph with the time it ends at ("#00:00:05-2#"): the next turn
    # starts then.  The turns had no time, and exports cited no time.
    text = (
        "I: Wie sind Sie hierher gekommen? #00:00:05-2#\n\nB: Mit dem Bus. #00:00:09-8#\n\n"
        "I: Und dann? #00:00:12-1#\n\nB: Wir haben gewartet. #00:00:20-4#\n"
    )
    assert [(t.speaker, t.time) for t in find_turns(text)] == [
        ("I", ""),
        ("B", "00:00:05"),
        ("I", "00:00:09"),
        ("B", "00:00:12"),
    ]


def test_a_transcript_whose_time_marks_open_its_paragraphs_has_turns() -> None:
    # The time mark f4 and f5 write set at each paragraph's start ("#00:00:05-2# I: ..."),
    # or before the first one only: such a transcript had no turns, and one opening with a
    # mark lost its first turn.  The mark is the turn's time.
    text = (
        "#00:00:05-2# I: Wie sind Sie hierher gekommen?\n\n#00:00:09-8# B: Mit dem Bus.\n\n"
        "#00:00:12-1# I: Und dann?\n\n#00:00:20-4# B: Wir haben gewartet.\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("I", "00:00:05", "Wie sind Sie hierher gekommen?"),
        ("B", "00:00:09", "Mit dem Bus."),
        ("I", "00:00:12", "Und dann?"),
        ("B", "00:00:20", "Wir haben gewartet."),
    ]
    opening = (
        "#00:00:01-0# I: Wie sind Sie hierher gekommen? #00:00:05-2#\n\nB: Mit dem Bus."
        " #00:00:09-8#\n\nI: Und dann? #00:00:12-1#\n\nB: Wir haben gewartet. #00:00:20-4#\n"
    )
    assert [(t.speaker, t.time) for t in find_turns(opening)] == [
        ("I", "00:00:01"),
        ("B", "00:00:05"),
        ("I", "00:00:09"),
        ("B", "00:00:12"),
    ]


def test_a_word_transcript_whose_bold_names_a_space_ends_has_turns(tmp_path: Path) -> None:
    # Each speaker's name set bold, then a space and what was said, no colon and no tab
    # ("INTERVIEWER How did you come here?"): the text alone cannot tell the name from the
    # words, and the transcript had no turns; Word's bold tells it.
    import docx

    said = _MARIA
    path = _bold_names_docx(tmp_path / "interview.docx", said, " ", heading="Interview 3")
    document = docx.Document(str(path))
    document.add_heading("Notes", 1)
    document.add_paragraph().add_run("Methods").bold = True
    document.save(str(path))
    loaded = load_document(path)
    assert _said(loaded) == said
    # A report's bold lead-ins, each said once, are no speakers.
    leads = [("Methods", "We met them."), ("Results", "They waited."),
             ("Limits", "Few spoke."), ("Outlook", "More visits.")]  # fmt: skip
    assert load_document(_bold_names_docx(tmp_path / "report.docx", leads, " ")).turns == ()


@pytest.mark.parametrize("between", [" ", "\t"])
def test_a_sound_noted_after_a_word_transcript_s_bold_name_is_no_part_of_it(
    tmp_path: Path, between: str
) -> None:
    # "Ana [laughs]" or "Ana (laughing)" set bold before her words: a space after it, the
    # turn was read as the words of the interviewer before it; a tab, she was a speaker
    # "Ana [laughs]" of her own.  A role after a bold name ("Luis (INT)") is part of it.
    said = [
        ("Luis (INT)", "How did you come here?"),
        ("Ana [laughs]", "Well, by bus."),
        ("Luis (INT)", "And then?"),
        ("Ana", "We walked for days."),
        ("Luis (INT)", "Where did you sleep?"),
        ("Ana (laughing)", "Under the bridge."),
    ]
    loaded = load_document(_bold_names_docx(tmp_path / "interview.docx", said, between))
    assert _said(loaded) == [(name.split(" [")[0].split(" (l")[0], words) for name, words in said]
    assert loaded.text[loaded.turns[1].start : loaded.turns[1].body] == f"Ana [laughs]{between}"


def test_a_word_transcript_opening_with_a_bold_name_s_turn_is_not_titled_by_it(
    tmp_path: Path,
) -> None:
    # A transcript with no heading, its first paragraph a turn ("ANA LÓPEZ Where did you
    # sleep that night?", the name bold): that turn's line titled the file in the library,
    # list and the exports; no speaker's words are a title.
    said = [
        ("ANA LÓPEZ", "Where did you sleep that night?"),
        ("LUIS", "Under the bridge, near the market."),
        ("ANA LÓPEZ", "And in the morning?"),
        ("LUIS", "We walked to the shelter."),
    ]
    loaded = load_document(_bold_names_docx(tmp_path / "interview-4.docx", said, " "))
    assert _said(loaded) == said
    assert loaded.title == "interview-4"


def test_an_opendocument_transcript_whose_bold_names_a_space_ends_has_turns(
    tmp_path: Path,
) -> None:
    # The same transcript typed in LibreOffice: no turns were found.
    said = _MARIA
    body = "".join(
        f'<text:p><text:span text:style-name="B">{speaker}</text:span> {words}</text:p>'
        for speaker, words in said
    )
    loaded = load_document(make_odt(tmp_path / "interview.odt", body))
    assert _said(loaded) == said


def test_a_web_page_or_markdown_transcript_whose_bold_names_a_space_ends_has_turns(
    tmp_path: Path,
) -> None:
    # The same transcript as a web page ("<b>MARIA</b> By bus.") or a Markdown note
    # ("**MARIA** By bus."): no turns were found, as in Word before its bold was read.
    said = _MARIA
    page = tmp_path / "interview.html"
    page.write_text(
        "<html><body><h1>Interview 3</h1>"
        + "".join(f"<p><b>{speaker}</b> {words}</p>" for speaker, words in said)
        + "</body></html>",
        "utf-8",
    )
    note = tmp_path / "interview.md"
    note.write_text(
        "# Interview 3\n\n" + "".join(f"**{speaker}** {words}\n\n" for speaker, words in said),
        "utf-8",
    )
    for path in (page, note):
        loaded = load_document(path)
        assert _said(loaded) == said
        assert loaded.title == "Interview 3"
    # A note's bold lead-ins, each said once, are no speakers.
    note.write_text("**Methods** We met them.\n\n**Results** They waited.\n\n**Limits** Few.\n")
    assert load_document(note).turns == ()


def test_a_transcript_written_as_a_list_s_items_has_turns(tmp_path: Path) -> None:
    # A conversation noted as a list's items, a Markdown note's "- **Ana**: ..." (read
    # "• Ana: ...") or a text's "- Ana: ...", had no turns: a label was looked for only at
    # a line's start.  A list of a record's fields, each said once, is still none.
    said = [
        ("Interviewer", "Where did you sleep that night?"),
        ("Bo", "Under the bridge, near the market."),
        ("Interviewer", "And in the morning?"),
        ("Bo", "We walked to the shelter."),
    ]
    note = tmp_path / "talk.md"
    note.write_text("# Talk with Bo\n\n" + "".join(f"- **{n}**: {w}\n" for n, w in said), "utf-8")
    loaded = load_document(note)
    assert _said(loaded) == said
    text = "".join(f"- {n}: {w}\n" for n, w in said)
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == said
    assert find_turns("- Date: 12 May\n- Place: Tapachula\n- Length: 40 minutes\n") == ()


def test_a_group_chat_of_many_members_has_a_turn_for_each_message() -> None:
    # A WhatsApp group's export with more than forty members writing had no turns at all:
    # so many speakers were taken for no transcript's.
    lines = [
        f"[12/05/2023, 10:{i % 60:02d}:33] Member {i % 55}: message {i} about the march"
        for i in range(120)
    ]
    text = "\n".join(lines) + "\n"
    turns = find_turns(text)
    assert len(turns) == 120
    assert (turns[54].speaker, turns[54].time) == ("Member 54", "12/05/2023, 10:54:33")
    assert text[turns[54].body : turns[54].end] == "message 54 about the march"


def test_a_glossary_of_many_terms_is_still_no_transcript() -> None:
    text = "".join(f"Term{i}: the meaning of the {i}th word in the list.\n" for i in range(60))
    assert find_turns(text) == ()


def test_a_speaker_s_role_or_code_in_brackets_after_the_name_is_part_of_the_label() -> None:
    # "Ana (INT): ..." and "Luis (P01): ...", a name followed by the speaker's role or
    # participant code, opened no turns: the transcript had none.
    text = (
        "Ana (INT): How did you come here?\nLuis (P01): By bus, through the mountains.\n"
        "Ana (INT): And then?\nLuis (P01): Then we walked for two days.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana (INT)", "How did you come here?"),
        ("Luis (P01)", "By bus, through the mountains."),
        ("Ana (INT)", "And then?"),
        ("Luis (P01)", "Then we walked for two days."),
    ]
    rev = "Ana López (00:01:02):\nHello.\n\nBo (00:01:09):\nHi.\n\nAna López (00:01:15):\nBye.\n"
    assert [(t.speaker, t.time) for t in find_turns(rev)] == [
        ("Ana López", "00:01:02"),
        ("Bo", "00:01:09"),
        ("Ana López", "00:01:15"),
    ]


def test_a_speaker_s_pronouns_after_the_name_are_no_part_of_it() -> None:
    # A meeting's transcript naming its speakers as Zoom and Teams show them, "Ana Ruiz
    # (she/her): ...", made "Ana Ruiz (she/her)" the speaker: she and "Ana Ruiz" (named so
    # in the same meeting, once her pronouns were set or before, or in another one) were two
    # speakers, and a file naming each once with and once without them had no turns at all.
    # The pronouns stay in the text, at each label, as written.
    text = (
        "Ana Ruiz (she/her): Good morning everyone.\n\nLuis Gómez (he/him): Hello.\n\n"
        "Kim (they / them): Shall we begin?\n\nAna Ruiz: Yes, let's begin.\n\n"
        "Luis Gómez (He/Him): Fine.\n\nKim: Good.\n\nAna Ruiz (she/they): Then.\n"
    )
    found = find_turns(text)
    assert [(t.speaker, text[t.body : t.end].strip()) for t in found] == [
        ("Ana Ruiz", "Good morning everyone."),
        ("Luis Gómez", "Hello."),
        ("Kim", "Shall we begin?"),
        ("Ana Ruiz", "Yes, let's begin."),
        ("Luis Gómez", "Fine."),
        ("Kim", "Good."),
        ("Ana Ruiz", "Then."),
    ]
    assert text[found[0].start : found[0].body] == "Ana Ruiz (she/her): "
    # So with each name alone on its line above what was said.
    alone = "".join(f"{name}\n{said}\n\n" for name, said in _ANA).replace(
        "Ana\n", "Ana (she/her)\n", 1
    )
    assert [t.speaker for t in find_turns(alone)] == [name for name, _ in _ANA]
    # A role or a code in brackets, a slash in it or not, is still the name's.
    roles = "Ana (INT/PI): Hi.\nBo (P01/F): Hello.\nAna (INT/PI): So.\nBo (P01/F): Yes.\n"
    assert [t.speaker for t in find_turns(roles)][:2] == ["Ana (INT/PI)", "Bo (P01/F)"]


@given(
    st.sampled_from(["Ana Ruiz", "Luis Gómez", "Kim", "Ruiz, Ana", "P1 (female, 34)"]),
    st.lists(
        st.sampled_from(["she", "her", "hers", "he", "him", "they", "them", "ze", "xe", "any"]),
        min_size=2,
        max_size=3,
    ),
    st.sampled_from(["/", " / ", "/ "]),
    st.booleans(),
)
def test_a_name_with_its_pronouns_is_the_name(
    name: str, words: list[str], slash: str, capitals: bool
) -> None:
    pronouns = slash.join(w.capitalize() if capitals else w for w in words)
    assert turns.label_speaker(f"{name} ({pronouns})") == turns.label_speaker(name)
    assert turns.label_speaker(f"{name} ({pronouns}) (Guest)") == turns.label_speaker(name)


def test_speakers_who_speak_once_between_others_turns_do_not_cost_the_transcript_its_turns() -> (
    None
):
    # A press conference: each journalist asks once, the minister answers each, the
    # moderator opens it.  Most speakers spoke once, and the transcript had no turns.
    text = (
        "Moderator: Welcome to the briefing.\nMinister: Thank you. We take questions.\n"
        "Reporter A: Minister, what about the border?\nMinister: It stays open.\n"
        "Reporter B: And the shelters?\nMinister: We fund them.\nReporter C: When?\n"
        "Minister: This year.\nReporter D: Thank you.\nMinister: Thank you all.\n"
    )
    assert [t.speaker for t in find_turns(text)] == [
        "Moderator",
        *itertools.chain(*(("Minister", f"Reporter {r}") for r in "ABCD")),
        "Minister",
    ]
    # A glossary's terms, each once one after another, are no speakers still.
    glossary = (
        "Asylum: protection granted.\nRefugee: a person who fled.\nMigrant: one who moves.\n"
        "Border: a line.\nAsylum: see above.\n"
    )
    assert find_turns(glossary) == ()


@pytest.mark.parametrize(
    "stamp", ["[00:00:01 --> 00:00:04] ", "[00:00:01 - 00:00:04] ", "00:00:01 --> 00:00:04 "]
)
def test_a_turn_s_start_and_end_times_before_its_label_open_it(stamp: str) -> None:
    # A speech recogniser's export writes each turn's start and end before the speaker
    # ("[00:00:01 --> 00:00:04] SPEAKER_00: ..."): such a transcript had no turns.
    later = stamp.replace("00:00:01", "00:00:05").replace("00:00:04", "00:00:07")
    last = stamp.replace("00:00:01", "00:00:08").replace("00:00:04", "00:00:10")
    text = (
        f"{stamp}SPEAKER_00: Where did you sleep?\n{later}SPEAKER_01: Under the bridge.\n"
        f"{last}SPEAKER_00: For how long?\n"
    )
    assert [(t.time, t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("00:00:01", "SPEAKER_00", "Where did you sleep?"),
        ("00:00:05", "SPEAKER_01", "Under the bridge."),
        ("00:00:08", "SPEAKER_00", "For how long?"),
    ]


def test_a_report_s_chapters_named_twice_are_no_speakers() -> None:
    # A report's contents, then its headings: each "Chapter 1: Context" twice, and the
    # report read as a transcript of the speakers "Chapter 1", "Chapter 2", "Chapter 3".
    report = (
        "Contents\n\nChapter 1: Context\nChapter 2: Findings\nChapter 3: Recommendations\n\n"
        "Chapter 1: Context\n\nFamilies reported that the corridor remained open.\n\n"
        "Chapter 2: Findings\n\nThe shelters were full.\n\n"
        "Chapter 3: Recommendations\n\nFund the shelters.\n"
    )
    assert find_turns(report) == ()
    # A transcript's parts end the turn above them, no one's words.
    text = (
        "Session 1: Morning\n\nAna: Hello there.\nLuis: Hi.\nAna: Shall we start?\n"
        "Luis: Yes.\n\nSession 2: Afternoon\n\nAna: Welcome back.\nLuis: Thanks.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "Hello there."),
        ("Luis", "Hi."),
        ("Ana", "Shall we start?"),
        ("Luis", "Yes."),
        ("Ana", "Welcome back."),
        ("Luis", "Thanks."),
    ]


def test_a_participant_s_particulars_in_brackets_are_part_of_the_label() -> None:
    # A focus group's transcript naming each participant with her particulars, "P1
    # (female, 34): ...": a comma was no character of a role in brackets, and every
    # participant's words were the moderator's.
    text = (
        "Moderator: Welcome all.\n\nP1 (female, 34): Thanks for having us.\n\n"
        "Moderator: Let's start.\n\nP1 (female, 34): Sure.\n\nP2 (male, 51): Fine.\n\n"
        "Moderator: Good.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Moderator", "Welcome all."),
        ("P1 (female, 34)", "Thanks for having us."),
        ("Moderator", "Let's start."),
        ("P1 (female, 34)", "Sure."),
        ("P2 (male, 51)", "Fine."),
        ("Moderator", "Good."),
    ]


def test_a_guest_s_name_alone_on_its_line_opens_a_turn() -> None:
    # Teams' transcript saved as text or Word, each name alone on its line below the cue's
    # timing (or above its time): a guest's "Ana Ruiz (Guest)" read as no name, and the
    # transcript had no turns.
    text = (
        "0:0:0.0 --> 0:0:4.320\nAna Ruiz (Guest)\nGood morning everyone, shall we start?\n\n"
        "0:0:4.320 --> 0:0:8.640\nLuis Gómez\nYes, let's go.\n\n"
        "0:0:8.640 --> 0:0:12.0\nAna Ruiz (Guest)\nFirst item is the shelter budget.\n\n"
        "0:0:12.0 --> 0:0:15.0\nLuis Gómez\nApproved.\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana Ruiz", "0:0:0.0", "Good morning everyone, shall we start?"),
        ("Luis Gómez", "0:0:4.320", "Yes, let's go."),
        ("Ana Ruiz", "0:0:8.640", "First item is the shelter budget."),
        ("Luis Gómez", "0:0:12.0", "Approved."),
    ]
    text = (
        "Ana Ruiz (Guest)\n10:02\nGood morning, shall we start?\n\nLuis Gómez\n10:03\nYes.\n\n"
        "Ana Ruiz (Guest)\n10:04\nFirst item.\n\nLuis Gómez\n10:05\nApproved.\n"
    )
    assert [(t.speaker, t.time) for t in find_turns(text)] == [
        ("Ana Ruiz", "10:02"), ("Luis Gómez", "10:03"), ("Ana Ruiz", "10:04"), ("Luis Gómez", "10:05")
    ]  # fmt: skip


def test_a_time_alone_on_its_line_between_turns_is_the_next_turn_s_time() -> None:
    # Google Meet writes a time on a line of its own every few minutes of its transcript:
    # it was read as the last words of the turn above it, and the turn below had no time.
    text = (
        "Project sync - Transcript\n00:00:00\n\nAna Ruiz: Hello everyone, shall we start?\n"
        "Luis Gómez: Yes, let's go.\nAna Ruiz: First item is the shelter budget.\n"
        "00:05:00\n\nLuis Gómez: The budget is approved.\nAna Ruiz: Great, thanks.\n"
    )
    assert [(t.time, t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("00:00:00", "Ana Ruiz", "Hello everyone, shall we start?"),
        ("", "Luis Gómez", "Yes, let's go."),
        ("", "Ana Ruiz", "First item is the shelter budget."),
        ("00:05:00", "Luis Gómez", "The budget is approved."),
        ("", "Ana Ruiz", "Great, thanks."),
    ]


def test_a_meeting_s_mark_of_a_guest_is_no_part_of_the_speaker_s_name() -> None:
    # Teams names an attendee from outside the organisation "Ana Ruiz (Guest)" or "Luis
    # Gómez (External)": she and "Ana Ruiz" were two speakers, each counted and coded apart.
    text = (
        "Ana Ruiz (Guest): Good morning everyone.\n\nLuis Gómez (External): Hello.\n\n"
        "Ana Ruiz: Shall we begin?\n\nLuis Gómez (Externe): Yes.\n\n"
        "Kim (Unverified): Good.\n\nAna Ruiz (Guest)   0:12\nThen we start.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana Ruiz", "Good morning everyone."),
        ("Luis Gómez", "Hello."),
        ("Ana Ruiz", "Shall we begin?"),
        ("Luis Gómez", "Yes."),
        ("Kim", "Good."),
        ("Ana Ruiz", "Then we start."),
    ]
    # A role in brackets is still the name's.
    assert find_turns("Ana (INT): Hi.\nBo (P01): Hello.\nAna (INT): So.\nBo (P01): Yes.\n")[
        0
    ].speaker == ("Ana (INT)")


def test_a_speaker_s_label_alone_on_its_line_opens_the_turn_said_below_it() -> None:
    # Each speaker's name and a colon on a line of their own, what was said below, no time
    # ("INTERVIEWER:" then the question): the transcript had no turns.
    text = (
        "INTERVIEWER:\nHow did you come here?\n\nRESPONDENT:\nBy bus, through the mountains."
        "\nIt took three days.\n\nINTERVIEWER:\nAnd then?\n\nRESPONDENT:\nWe walked.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("INTERVIEWER", "How did you come here?"),
        ("RESPONDENT", "By bus, through the mountains.\nIt took three days."),
        ("INTERVIEWER", "And then?"),
        ("RESPONDENT", "We walked."),
    ]


def test_lines_of_prose_ending_in_a_colon_open_no_turns() -> None:
    text = (
        "the rules are these:\nNo food.\n\nthe rules are these:\nNo drink.\n\n"
        "the rules are these:\nNo noise.\n\nthe rules are these:\nNo pets.\n"
    )
    assert find_turns(text) == ()


def test_a_speaker_s_name_in_square_brackets_opens_a_turn_without_a_colon() -> None:
    # "[Ana] How did you come here?": each speaker's name in square brackets, no colon,
    # what was said after it on the line: the transcript had no turns.  A sound noted in
    # brackets ("[Laughs]") names no one.
    text = (
        "[Ana] How did you come here?\n[Luis] By bus, through the mountains.\n"
        "[Laughs] It was long.\n[Ana] And then?\n[Luis] Then we walked for two days.\n"
        "[Laughs] Yes.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "How did you come here?"),
        ("Luis", "By bus, through the mountains.\n[Laughs] It was long."),
        ("Ana", "And then?"),
        ("Luis", "Then we walked for two days.\n[Laughs] Yes."),
    ]


def test_telegram_messages_copied_as_text_have_a_turn_for_each_message() -> None:
    # Telegram writes each message copied as text below its sender's name, a comma and the
    # date and time in brackets ("Ana López, [12.05.23 10:02]"): the chat had no turns.
    text = (
        "Ana López, [12.05.23 10:02]\nAre you at the shelter?\n\n"
        "Bo, [12.05.23 10:03]\nYes, since this morning.\nWith my sister.\n\n"
        "Ana López, [12.05.23 10:04]\nGood.\n\nBo, [12.05.23 10:05]\nOK.\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana López", "12.05.23 10:02", "Are you at the shelter?"),
        ("Bo", "12.05.23 10:03", "Yes, since this morning.\nWith my sister."),
        ("Ana López", "12.05.23 10:04", "Good."),
        ("Bo", "12.05.23 10:05", "OK."),
    ]


def test_a_name_beside_its_time_without_a_colon_opens_a_turn() -> None:
    # Trint writes each speaker's name, the time in brackets and what was said ("Speaker 1
    # [00:00:05] How ..."); Happy Scribe the time, then the name alone on its line, what was
    # said below it: neither transcript had turns.
    trint = (
        "Speaker 1 [00:00:05] How did you come here?\n\nSpeaker 2 [00:00:09] By bus.\n\n"
        "Speaker 1 [00:00:15] And then?\n\nSpeaker 2 [00:00:18] Then we walked.\n"
    )
    assert [(t.speaker, t.time, trint[t.body : t.end]) for t in find_turns(trint)] == [
        ("Speaker 1", "00:00:05", "How did you come here?"),
        ("Speaker 2", "00:00:09", "By bus."),
        ("Speaker 1", "00:00:15", "And then?"),
        ("Speaker 2", "00:00:18", "Then we walked."),
    ]
    happy = (
        "[00:00:05.10] Speaker 1\nHow did you come here?\n\n[00:00:09.20] Speaker 2\nBy bus."
        "\n\n[00:00:15.00] Speaker 1\nAnd then?\n\n[00:00:18.00] Speaker 2\nThen we walked.\n"
    )
    assert [(t.speaker, t.time, happy[t.body : t.end]) for t in find_turns(happy)] == [
        ("Speaker 1", "00:00:05.10", "How did you come here?"),
        ("Speaker 2", "00:00:09.20", "By bus."),
        ("Speaker 1", "00:00:15.00", "And then?"),
        ("Speaker 2", "00:00:18.00", "Then we walked."),
    ]


def test_an_agenda_of_times_and_items_is_no_transcript() -> None:
    agenda = (
        "09:00 Registration\nCoffee and badges at the door.\n\n10:00 Keynote\nOn borders.\n\n"
        "11:30 Panel Discussion\nFour speakers.\n\n13:00 Lunch\nIn the hall.\n"
    )
    assert find_turns(agenda) == ()


def test_a_name_and_a_dash_before_what_was_said_open_a_turn() -> None:
    # "Ana - How did you come here?": each speaker's name, a dash between spaces and what
    # was said: the transcript had no turns.  A list of terms and dashes has none.
    text = (
        "Ana - How did you come here?\nLuis – By bus - the night bus - through the hills.\n"
        "Ana - And then?\nLuis — Then we walked for two days.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "How did you come here?"),
        ("Luis", "By bus - the night bus - through the hills."),
        ("Ana", "And then?"),
        ("Luis", "Then we walked for two days."),
    ]
    terms = "Asylum - protection.\nRefugee - a person.\nShelter - a place.\nVisa - a permit.\n"
    assert find_turns(terms) == ()


@pytest.mark.parametrize("stamp", ["({})", "{}", "[{}]"])
def test_a_time_a_name_and_a_dash_before_what_was_said_open_a_turn(stamp: str) -> None:
    # "(00:00:12) Maria - We walked.": the time, the name, a hyphen between spaces and
    # what was said.  The hyphen and the words after it were read as more of the name,
    # "Maria - We walked." alone on its line after its time: no turn, or no transcript.
    said = [
        ("Interviewer", "00:00:05", "Thank you for coming. Where did you grow up?"),
        ("Maria Lopez", "00:00:12", "We walked."),
        ("Interviewer", "00:01:40", "And the checkpoint?"),
        ("Maria Lopez", "00:01:48", "It was closed most days, so we waited."),
    ]
    text = "".join(f"{stamp.format(time)} {name} - {words}\n" for name, time, words in said)
    found = [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)]
    assert found == said


@pytest.mark.parametrize(
    ("asks", "answers"),
    [("P[1]", "P[2]"), ("Dr. [R]", "Ana"), ("Speaker [1]", "Speaker 1"), ("Interviewer", "P [03]")],
)
def test_a_label_with_a_code_in_square_brackets_opens_a_turn(asks: str, answers: str) -> None:
    # "P[1]: ...", "Dr. [R]: ...": a participant's number or a hidden name in square
    # brackets, as a VTT's voice tag names them.  Such labels opened no turn: the transcript
    # had none, or those speakers' words were in the other speaker's turns.
    said = [
        (asks, "Where did you grow up?"),
        (answers, "In Oaxaca, near the coast."),
        (asks, "And then?"),
        (answers, "We moved north."),
    ]
    text = "".join(f"{name}: {words}\n" for name, words in said)
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == said


@pytest.mark.parametrize("sound", ["[laughs]", "(laughing)", "[sighs deeply]", "[Pause]"])
def test_a_sound_between_a_name_and_its_colon_is_no_part_of_the_speaker(sound: str) -> None:
    # "Ana [laughs]: Well, by bus.": the transcriber's note of a sound before the colon was
    # read as part of the name, a speaker "Ana [laughs]" of one turn, whose words a query
    # or an autocode of Ana's left out.  The note stays in the text, in the label.
    text = (
        "Interviewer: How did you come here?\n"
        f"Ana {sound}: Well, by bus.\n"
        "Interviewer: And then?\n"
        "Ana: We walked for days.\n"
    )
    turns = find_turns(text)
    assert [t.speaker for t in turns] == ["Interviewer", "Ana", "Interviewer", "Ana"]
    assert text[turns[1].start : turns[1].body] == f"Ana {sound}: "
    assert text[turns[1].body : turns[1].end] == "Well, by bus."


@pytest.mark.parametrize("note", ["[inaudible 00:01:02]", "[crosstalk 00:01:02]", "(laughs 01:02)"])
def test_a_sound_noted_with_its_time_before_a_colon_opens_the_speaker_s_turn(note: str) -> None:
    # "Ana [inaudible 00:01:02]: Well, by bus.", as Rev notes what it could not hear: the
    # colon inside the note let the line open no turn, Ana's words read as the
    # interviewer's.  The speaker is Ana, and the note's time the turn's.
    text = (
        "Interviewer: How did you come here?\n"
        f"Ana {note}: Well, by bus.\n"
        "Interviewer: And then?\n"
        "Ana: We walked for days.\n"
    )
    turns = find_turns(text)
    assert [(t.speaker, text[t.body : t.end]) for t in turns] == [
        ("Interviewer", "How did you come here?"),
        ("Ana", "Well, by bus."),
        ("Interviewer", "And then?"),
        ("Ana", "We walked for days."),
    ]
    assert text[turns[1].start : turns[1].body] == f"Ana {note}: "
    assert turns[1].time == note.split()[-1][:-1]


def test_a_note_with_a_colon_that_is_no_sound_opens_no_turn() -> None:
    # Only a sound and its time may stand in a label's brackets with a colon: a table's or
    # a reference's "[1: 2]" is none.
    text = (
        "Table [1: 2]: counts.\nFigure [3: 4]: map.\nTable [5: 6]: sums.\nFigure [7: 8]: roads.\n"
    )
    assert find_turns(text) == ()


def test_numbered_notes_tables_and_references_open_no_turn() -> None:
    # Lines of a text that open with a word, a number in brackets and a colon are no
    # speaker's: each is written once.
    text = (
        "The survey ran in three waves.\n"
        "Note [1]: see below for the sampling.\n"
        "Table (2): results by region.\n"
        "[12]: https://example.org/report\n"
        "Note [2]: the second wave was smaller.\n"
        "Figure [3]: response rates.\n"
        "[13]: https://example.org/data\n"
    )
    assert find_turns(text) == ()


def test_a_title_with_a_dash_above_a_transcript_opens_no_turn() -> None:
    text = (
        "Interview 1 — Ana Lucía, Tapachula, March 2026.\n\nQ: What changed?\nA: The checkpoints."
        "\nQ: When?\nA: In March.\n"
    )
    assert [t.speaker for t in find_turns(text)] == ["Q", "A", "Q", "A"]


def test_a_title_ending_in_a_colon_above_a_transcript_opens_no_turn() -> None:
    text = (
        "Interview With Ana:\nTapachula, March 2026.\n\nQ: What changed?\nA: The checkpoints."
        "\nQ: When?\nA: In March.\n"
    )
    assert [t.speaker for t in find_turns(text)] == ["Q", "A", "Q", "A"]


@settings(max_examples=examples(400))
@example("a - b – c — d", 0, 13)
@example("a — b – c - d", 0, 13)
@example("a – b - c", 1, 9)
@example(" - ", 0, 0)
@example(" - ", 0, 1)
@given(
    st.text(alphabet=" -–—a\n\u2019", max_size=60),
    st.integers(0, 62),
    st.integers(0, 62),
)
def test_a_dash_between_spaces_is_found_where_its_three_characters_are(
    text: str, start: int, end: int
) -> None:
    """Looked for a dash at a time, the first dash between spaces is the one the three
    characters' search finds (dashes not between spaces before it, more than a few)."""
    from tui_reader.core.documents.turns import _find_spaced

    end = min(end, len(text))
    dashes = "a-b a–b a—b " * 20 + text  # past the tries, the three characters looked for
    for dash in "-–—":
        for where, stop in ((text, end), (dashes, len(dashes))):
            assert _find_spaced(where, dash, start, stop) == (
                found + 1 if (found := where.find(f" {dash} ", start, stop)) >= 0 else -1
            )


def test_spaced_en_dashes_in_a_long_text_do_not_send_the_hyphen_s_search_through_it() -> None:
    # A 50 MB article whose en dashes stand between spaces and whose hyphens never do
    # ("US-Mexico") took minutes to list: each time an en dash between spaces was passed,
    # the rest of the text was searched again for a hyphen between spaces.
    class Scanned(str):
        looked = 0

        def find(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
            found = super().find(sub, start, end)
            if sub in ("-", " - "):
                stop = len(self) if end is None else min(end, len(self))
                Scanned.looked += (stop if found < 0 else found) - (start or 0)
            return found

    turn = "Ana: We crossed.\n\nThe US-Mexico border – its walls – was shut.\n\nLuis: Then?\n\n"
    text = Scanned(turn * 300)
    assert len(find_turns(text)) == 600
    assert Scanned.looked < 3 * len(text)  # the text once or so, not once a dash (150 times)


def test_a_chat_s_messages_opened_by_a_direction_mark_are_their_senders_turns() -> None:
    # An iPhone's WhatsApp export opens the message of a photo, a voice note or a deleted
    # message with a left-to-right mark: each was read as the words of the message before,
    # another sender's.
    text = (
        "[12/05/2023, 10:02:33] Ana Lopez: Are you at the shelter?\n"
        "\u200e[12/05/2023, 10:02:50] Bo Chen: \u200eimage omitted\n"
        "[12/05/2023, 10:03:01] Bo Chen: Yes, since this morning.\n"
        "\u200e[12/05/2023, 10:03:40] Ana Lopez: \u200eaudio omitted\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana Lopez", "12/05/2023, 10:02:33", "Are you at the shelter?"),
        ("Bo Chen", "12/05/2023, 10:02:50", "\u200eimage omitted"),
        ("Bo Chen", "12/05/2023, 10:03:01", "Yes, since this morning."),
        ("Ana Lopez", "12/05/2023, 10:03:40", "\u200eaudio omitted"),
    ]


def test_the_parts_of_meeting_minutes_are_no_speakers() -> None:
    # A record's parts headed by a name and a colon on a line of their own ("Attendees:",
    # "Decisions:"), repeated meeting after meeting, were taken for a transcript's speakers.
    meeting = (
        "Attendees:\nAna, Bo, Carla.\n\nDecisions:\nWe keep the shelter open.\n\n"
        "Action Items:\nBo calls the mayor.\n\n"
    )
    text = f"Meeting 1\n\n{meeting}Meeting 2\n\n{meeting}Meeting 3\n\n{meeting}"
    assert find_turns(text) == ()


def test_speaker_names_alone_on_their_lines_without_a_colon_open_turns() -> None:
    # A transcript naming each speaker on a line of its own, no colon after the name
    # ("INTERVIEWER" above what was asked), had no turns.
    text = (
        "INTERVIEWER\nHow did you come here?\n\nANA LÓPEZ\nBy bus, over the mountains.\n"
        "Then on foot.\n\nINTERVIEWER\nAnd then?\n\nANA LÓPEZ\nYes.\nINTERVIEWER\nWhy?\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("INTERVIEWER", "How did you come here?"),
        ("ANA LÓPEZ", "By bus, over the mountains.\nThen on foot."),
        ("INTERVIEWER", "And then?"),
        ("ANA LÓPEZ", "Yes."),
        ("INTERVIEWER", "Why?"),
    ]


_ASKED_AND_SAID = (
    "How did you come here?",
    "We walked for days along the river.",
    "Where did you sleep?",
    "Under the bridge, mostly.",
    "And then?",
    "Then the shelter took us in.",
)


@pytest.mark.parametrize(
    "labels", [("INTERVIEWER", "P3"), ("Interviewer", "Maria"), ("INTERVIEWER", "P3:")]
)
def test_a_name_alone_as_a_paragraph_opens_the_turn_said_in_the_next(
    tmp_path: Path, labels: tuple[str, str]
) -> None:
    # A Word or OpenDocument transcript naming each speaker in a paragraph of its own, what
    # was said in the next ("INTERVIEWER", then the question), had no turns, where the same
    # one with the words on the line below the name had; a plain text so written (a blank
    # line between the name and the words) neither.  Such names beside labels a colon ends
    # ("P3:" as a paragraph) made every question part of the answer before it.
    paragraphs = [p for i, said in enumerate(_ASKED_AND_SAID) for p in (labels[i % 2], said)]
    expected = [(labels[i % 2].rstrip(":"), said) for i, said in enumerate(_ASKED_AND_SAID)]
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    text = tmp_path / "interview.txt"
    text.write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    for path in (
        make_docx(tmp_path / "interview.docx", [("para", p) for p in paragraphs]),
        make_odt(tmp_path / "interview.odt", body),
        text,
    ):
        doc = load_document(path)
        assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == expected, path.name


def test_headings_and_words_said_once_as_paragraphs_are_no_speakers() -> None:
    # Sections written again for each study a report tells, each heading a paragraph, are
    # no transcript's; nor is a one-word answer a speaker's name.
    said = "We interviewed people who crossed the border in the south, some of them twice."
    report = "".join(
        f"Study {n}\n\nMethods\n\n{said}\n\nResults\n\n{said}\n\n" for n in ("One", "Two")
    )
    assert find_turns(report) == ()
    interview = (
        "INTERVIEWER\n\nDid you walk?\n\nP3\n\nYes\n\nINTERVIEWER\n\nHow far?\n\n"
        "P3\n\nVery far, for days.\n\nINTERVIEWER\n\nAnd then?\n\nP3\n\nThe shelter.\n"
    )
    found = find_turns(interview)
    assert [t.speaker for t in found] == ["INTERVIEWER", "P3"] * 3
    assert interview[found[1].body : found[1].end] == "Yes"


_STANZAS = (
    "I walked along the road at dawn,\nthe dust was cold beneath my feet.",
    "The river runs the way it ran,\nand no one asks it where.",
    "At noon the road was white with heat,\nand every stone was sharp.",
    "At night the river sang to me\na song I did not know.",
    "The road goes on, the road goes on,\nand I go on with it.",
    "And so the river, and so the road,\nand so the singing ends.",
)


def _sections(titles: tuple[str, str], bodies: tuple[str, ...], head: str = "") -> str:
    """A text of ``bodies``, each under one of ``titles`` in turn on a line of its own."""
    return head + "".join(f"{titles[n % 2]}\n\n{body}\n\n" for n, body in enumerate(bodies))


@pytest.mark.parametrize(
    "titles",
    [("The Road", "The River"), ("THE ROAD", "THE RIVER"), ("Morning", "Evening")],
)
def test_poems_whose_titles_repeat_in_turn_are_no_speakers(titles: tuple[str, str]) -> None:
    # A collection of poems whose titles come back in turn was a transcript of two
    # speakers, "The Road" and "The River", each stanza a turn.
    assert find_turns(_sections(titles, _STANZAS, "Songs of the Valley\n\n")) == ()


def test_a_play_s_act_and_scene_headings_are_no_speakers() -> None:
    # "SCENE 1" and "SCENE 2" in each act were two speakers; the characters named alone
    # above what they say are the play's speakers still.
    scene = (
        "The deck of a ship at night. Wind howls through the rigging.\n\n"
        "CAPTAIN\n\nWho is on watch tonight?\n\nMATE\n\nI am, sir. The sea is rising.\n\n"
    )
    play = "".join(f"ACT {act}\n\nSCENE 1\n\n{scene}SCENE 2\n\n{scene}" for act in ("ONE", "TWO"))
    found = find_turns(play)
    assert {t.speaker for t in found} == {"CAPTAIN", "MATE"} and len(found) == 8
    directions = "The deck of a ship at night, the wind in the rigging, the crew at the ropes."
    assert find_turns("".join(f"ACT {n}\n\n{directions}\n\n" for n in ("I", "II") * 3)) == ()


@settings(max_examples=examples(40))
@given(
    names=st.sampled_from(
        [
            ("INTERVIEWER", "P1"),
            ("Interviewer", "Ana López"),
            ("I", "R2"),
            ("Speaker 1", "Speaker 2"),
            ("THE INTERVIEWER", "P4"),
        ]
    ),
    blank=st.booleans(),
    exchanges=st.integers(min_value=2, max_value=3),
)
def test_a_transcript_of_names_alone_is_found_beside_the_rule_for_titles(
    names: tuple[str, str], blank: bool, exchanges: int
) -> None:
    # What tells a transcript's names from section titles: questions asked, names that
    # are roles and tags; an interview named so keeps its turns.
    said = _ASKED_AND_SAID[: 2 * exchanges]
    below = "\n\n" if blank else "\n"
    text = "".join(f"{names[n % 2]}{below}{s}\n\n" for n, s in enumerate(said))
    assert [t.speaker for t in find_turns(text)] == [names[n % 2] for n in range(len(said))]


def test_headings_and_addresses_on_lines_of_their_own_are_no_speakers() -> None:
    report = (
        "Introduction\nThis report describes the field work.\n\nMethods\nWe interviewed "
        "people.\n\nResults\nMost came by bus.\n\nDiscussion\nThe route matters.\n"
    )
    addresses = "Ana López\nCalle 5\nTapachula\n\nLuis Pérez\nCalle 9\nOaxaca\n\n" * 2
    assert find_turns(report) == () and find_turns(addresses) == ()


def test_a_big_text_opening_like_a_transcript_with_a_dash_on_every_line_is_read_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A 10 MB text opening with a few turns ("Ana - Hello.") and a dash between words on
    # every line after took 3.6 s to read its turns: each line was looked at alone.
    from helpers.counting import count_calls

    from tui_reader.core.documents import turns as module

    opening = "Ana - Hello there.\nLuis - Hi.\nAna - How are you?\nLuis - Fine.\n"
    prose = "".join(f"the road - it went on and on - and we walked {i}\n" for i in range(20000))
    text = opening + prose + "Ana - We got there.\n"
    tried = count_calls(monkeypatch, module, "_find_spaced")
    found = find_turns(text)
    assert [t.speaker for t in found] == ["Ana", "Luis", "Ana", "Luis", "Ana"]
    assert text[found[3].body : found[3].end] == "Fine.\n" + prose.rstrip()
    assert text[found[4].body : found[4].end] == "We got there."
    assert tried.calls < 100  # not once a line


def test_a_big_transcript_of_names_and_dashes_reads_each_line_once_and_simply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A 10 MB transcript of 126,000 "Name - " turns took 2 to 6 s to read its turns: each
    # line was tried against every way a label may end, and each turn's speaker was read
    # six times over.
    from helpers.counting import count_calls

    from tui_reader.core.documents import turns as module

    class Counted:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern, self.calls = pattern, 0

        def match(self, text: str, pos: int, end: int) -> re.Match[str] | None:
            self.calls += 1
            return self.pattern.match(text, pos, end)

    names = ("Ana López", "Bo", "Dr Ortiz")
    text = "".join(f"{names[i % 3]} - Said {i} things.\n\nand more - then\n\n" for i in range(3000))
    full = Counted(module._TURN_LINE)
    monkeypatch.setattr(module, "_TURN_LINE", full)
    read = count_calls(monkeypatch, module, "_speaker")
    looked = count_calls(monkeypatch, module, "_find_spaced")
    module._dash_name.cache_clear()
    weighed = count_calls(monkeypatch, module, "_named_as")
    found = find_turns(text)
    assert len(found) == 3000
    assert weighed.calls < 10  # each of the three names weighed once, not each turn's
    assert looked.calls < 10  # the lines between two colons read at once, not one by one
    assert [(t.speaker, text[t.body : t.end]) for t in found[:2]] == [
        ("Ana López", "Said 0 things.\n\nand more - then"),
        ("Bo", "Said 1 things.\n\nand more - then"),
    ]
    assert full.calls < 10 and read.calls < 10  # not once a line, nor six times


@pytest.mark.parametrize(
    "chat",
    [
        "10:02:33 From Ana López to Everyone:\n\tHello everyone\n"
        "10:02:40 From Bo Chen to Everyone:\n\tHi Ana\n\tand all\n"
        "10:03:01 From Ana López to Everyone:\n\tShall we start?\n"
        "10:03:05 From Bo Chen to Ana López(Direct Message):\n\tyes\n",
        "10:02:33\t From  Ana López : Hello everyone\n10:02:40\t From  Bo Chen : Hi Ana\n"
        "and all\n10:03:01\t From  Ana López : Shall we start?\n"
        "10:03:05\t From  Bo Chen  to  Ana López(privately) : yes\n",
        # (a name with its pronouns, as the meeting shows it, no part of it)
        "10:02:33 From Ana López (she/her) to Everyone:\n\tHello everyone\n"
        "10:02:40 From Bo Chen (he/him) to Everyone:\n\tHi Ana\n\tand all\n"
        "10:03:01 From Ana López to Everyone:\n\tShall we start?\n"
        "10:03:05 From Bo Chen (he/him) to Ana López (she/her)(Direct Message):\n\tyes\n",
    ],
)
def test_a_zoom_meeting_s_saved_chat_has_a_turn_for_each_message(chat: str) -> None:
    # The chat a Zoom meeting saves (a focus group's side channel) had no turns: "10:02:33
    # From Ana López to Everyone:" named no speaker.
    assert [
        (t.speaker, t.time, " ".join(chat[t.body : t.end].split())) for t in find_turns(chat)
    ] == [
        ("Ana López", "10:02:33", "Hello everyone"),
        ("Bo Chen", "10:02:40", "Hi Ana and all"),
        ("Ana López", "10:03:01", "Shall we start?"),
        ("Bo Chen", "10:03:05", "yes"),
    ]


def test_prose_is_looked_at_for_a_zoom_chat_by_the_first_letter_of_from() -> None:
    # Every text a listing reads is looked at for a Zoom chat's "From " (its lines "10:02:33
    # From Ana to Everyone:"): found by str.find, its five characters went at a character's
    # pace through the rest of each text after its last "From " (15 us for 10 KB of prose,
    # a tenth of a first listing's reading of a plain text).
    prose = "From the start we knew.\n" + "The road was long, the army near.\n" * 300
    text = WatchedText(prose)
    assert find_turns(text) == ()
    assert text.long_looks() == []
    chat = "10:02:33 From Ana to Everyone:\n\thi\n10:02:40 From Bo to Everyone:\n\tyes\n" * 2
    assert [t.speaker for t in find_turns(chat)] == [
        "Ana", "Bo", "Ana", "Bo",
    ]  # fmt: skip


def test_prose_without_an_angle_bracket_is_not_looked_at_for_a_timing_arrow() -> None:
    # Every text a listing reads is asked whether its timing lines ("0:0:4.32 --> 0:0:8.64")
    # name speakers below them, as Teams writes a transcript: the three characters "-->"
    # looked for together went a character at a time through each (7 us a 10 KB text, 2% of
    # a first listing); its ">" alone is looked for first, at memchr's pace.
    prose = "The road was long, the army near.\n\n" * 300
    text = WatchedSlices(prose)
    assert find_turns(text) == ()
    assert text.long_looks() == []
    teams = (
        "0:0:4.32 --> 0:0:8.64\nAna López\nHello there.\n\n"
        "0:0:9.10 --> 0:0:12.00\nBo Chen\nHi Ana.\n"
    )
    assert [(t.speaker, teams[t.body : t.end].strip()) for t in find_turns(teams)] == [
        ("Ana López", "Hello there."),
        ("Bo Chen", "Hi Ana."),
    ]


def test_prose_without_a_colon_is_not_looked_at_for_a_zoom_chat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A Zoom chat's every message opens with its time ("10:02:33 From Ana to Everyone:"):
    # prose without a colon holds none, yet each of its "F"s was looked at for a "From ",
    # and each "From " opening a sentence had its line tried (a tenth of a listing's look
    # for speakers in a plain text).
    looks: list[str] = []

    def counted(haystack: str, needle: str, start: int = 0, end: int | None = None) -> int:
        looks.append(needle)
        return find_rare(haystack, needle, start, end)

    monkeypatch.setattr(turns, "find_rare", counted)
    prose = "From the start we knew. From Mexico, Field notes followed.\n\n" * 200
    assert find_turns(prose) == ()
    assert "From " not in looks
    chat = "10:02:33 From Ana to Everyone:\n\thi\n10:02:40 From Bo to Everyone:\n\tyes\n" * 2
    assert [t.speaker for t in find_turns(chat)] == ["Ana", "Bo", "Ana", "Bo"]


def _zoom_chat_looking_at_every_from(text: str) -> list[tuple[int, int]]:
    """The messages turns._zoom_chat found before it looked for a colon first."""
    found, at = 0, find_rare(text, "From ", 0, turns._SAMPLE)
    while at >= 0 and found < 3:
        found += turns._ZOOM_LINE.match(text, text.rfind("\n", 0, at) + 1) is not None
        newline = text.find("\n", at, turns._SAMPLE)
        at = find_rare(text, "From ", newline, turns._SAMPLE) if newline >= 0 else -1
    return [m.span() for m in turns._ZOOM_LINE.finditer(text)] if found >= 3 else []


_ZOOM_PIECES = st.sampled_from(
    ["10:02:33 From Ana to Everyone:", "10:02:33 From Bo", " From ", "From ", ":", "\n",
     "\t", " ", "yes", "F", "1", "10:0"]
)  # fmt: skip


@given(st.lists(_ZOOM_PIECES, max_size=40).map("".join))
@example("10:02:33 From Ana to Everyone:\thi\n" * 3)
def test_a_zoom_chat_is_found_as_before_with_or_without_a_colon(text: str) -> None:
    assert [m.span() for m in turns._zoom_chat(text)] == _zoom_chat_looking_at_every_from(text)


def test_a_chat_export_naming_its_senders_by_user_names_in_small_letters_has_turns() -> None:
    # A Discord channel exported as text names each sender by a user name in small letters
    # on a line of its own after the message's date and time: the chat had no turns.
    chat = (
        "Guild: Shelter volunteers\nChannel: general\n\n"
        "[5/12/2023 10:02 AM] ana\nHello everyone\n\n[5/12/2023 10:02 AM] bo_chen\nHi Ana\n\n"
        "[5/12/2023 10:03 AM] ana\nShall we start?\n\n[5/12/2023 10:03 AM] bo_chen\nyes\n"
    )
    assert [(t.speaker, t.time, chat[t.body : t.end]) for t in find_turns(chat)] == [
        ("ana", "5/12/2023 10:02 AM", "Hello everyone"),
        ("bo_chen", "5/12/2023 10:02 AM", "Hi Ana"),
        ("ana", "5/12/2023 10:03 AM", "Shall we start?"),
        ("bo_chen", "5/12/2023 10:03 AM", "yes"),
    ]
    agenda = "10:30\nregistration\n\n11:00\nopening words\n\n12:00\nlunch\n\n13:00\nregistration\n"
    assert find_turns(agenda) == ()


def test_a_chat_s_time_written_with_a_tab_is_said_with_a_space() -> None:
    chat = (
        "12/05/2023,\t10:02 - Ana: hi\n12/05/2023,\t10:03 - Bo: yes\n12/05/2023,\t10:04 - Ana: ok\n"
    )
    assert [t.time for t in find_turns(chat)] == [
        "12/05/2023, 10:02",
        "12/05/2023, 10:03",
        "12/05/2023, 10:04",
    ]


def test_a_letter_s_lines_opening_with_from_are_no_chat() -> None:
    # Lines opening with "From", one of them a message's: a letter quoting a chat once.
    text = "From the start we knew.\n" * 5 + "10:02:33 From Ana to Everyone: hi\nFrom then on.\n"
    assert find_turns(text) == ()


@pytest.mark.parametrize("text", [" -", "Ana -", "the road –", "a b c —"])
def test_a_text_ending_in_a_dash_after_a_space_opens(text: str, tmp_path: Path) -> None:
    # A text whose last characters were a space and a dash ("Ana -") did not open: looking
    # for a dash between spaces read past its end (IndexError).
    assert find_turns(text) == ()
    path = tmp_path / "short.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


def test_a_chat_s_senders_named_with_an_emoji_or_by_a_telephone_number_open_turns() -> None:
    # A WhatsApp export whose contacts are named with an emoji ("Mamá ❤️") or not saved
    # (a telephone number) had no turns at all.
    text = (
        "12/05/2023, 10:02 - Mamá ❤️: Hola, are you there?\n"
        "12/05/2023, 10:03 - +52 55 1234 5678: Yes.\nI am here.\n"
        "12/05/2023, 10:04 - Mamá ❤️: Good\n"
        "12/05/2023, 10:05 - +52 55 1234 5678: ok\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Mamá ❤️", "12/05/2023, 10:02", "Hola, are you there?"),
        ("+52 55 1234 5678", "12/05/2023, 10:03", "Yes.\nI am here."),
        ("Mamá ❤️", "12/05/2023, 10:04", "Good"),
        ("+52 55 1234 5678", "12/05/2023, 10:05", "ok"),
    ]


def test_a_teams_chat_copied_with_names_and_times_of_day_above_the_messages_has_turns() -> None:
    # A Teams chat copied as text names each sender and the time, AM or PM, on a line above
    # the message ("Ana López   10:02 AM"): it had no turns.
    text = (
        "Ana López   10:02 AM\nHi everyone\nBo Smith   10:03 AM\nYes, here.\n"
        "Ana López   10:04 AM\nGood\nBo Smith   1:05 PM\nok\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana López", "10:02 AM", "Hi everyone"),
        ("Bo Smith", "10:03 AM", "Yes, here."),
        ("Ana López", "10:04 AM", "Good"),
        ("Bo Smith", "1:05 PM", "ok"),
    ]


def test_a_chat_message_s_lines_reading_as_labels_are_part_of_it() -> None:
    # Lines of a message reading as labels ("Milk: two litres" in a shopping list) were each
    # a "speaker" of one turn, and the whole chat read as no transcript: no turns at all.
    text = (
        "12/05/2023, 10:02 - Ana: Shopping list for tomorrow\nMilk: two litres\n"
        "Bread: one loaf\n12/05/2023, 10:03 - Bo: ok\n12/05/2023, 10:04 - Ana: And remember\n"
        "Luis: bring the tent\n12/05/2023, 10:05 - Bo: sure\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "Shopping list for tomorrow\nMilk: two litres\nBread: one loaf"),
        ("Bo", "ok"),
        ("Ana", "And remember\nLuis: bring the tent"),
        ("Bo", "sure"),
    ]


def test_a_turn_s_time_right_after_its_label_is_its_time_not_its_words() -> None:
    # "Ana López: [00:00:01] Hello." (as Sonix writes a transcript): the time was read as
    # the first words said, and the turn had none.
    text = (
        "Ana López: [00:00:01] Hello there.\n\nBo: [00:00:05] Hi.\n\n"
        "Ana López: [00:00:09] How?\n\nBo: [00:00:12] Fine.\n"
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana López", "00:00:01", "Hello there."),
        ("Bo", "00:00:05", "Hi."),
        ("Ana López", "00:00:09", "How?"),
        ("Bo", "00:00:12", "Fine."),
    ]


@given(st.text("ab\n", max_size=30), st.integers(0, 8), st.integers(0, 40))
def test_lines_at_least_is_counting_the_line_breaks(text: str, count: int, end: int) -> None:
    from tui_reader.core.documents.turns import _lines_at_least

    assert _lines_at_least(text, count, end) == (text.count("\n", 0, end) >= count)


def test_a_chat_s_own_notices_are_no_one_s_turn() -> None:
    # The notices a chat's export writes (end-to-end encryption, who was added, who left)
    # were read as turns of the chat's name, or as the words of the message before them.
    android = (
        "12/05/2023, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        '12/05/2023, 10:01 - Ana created group "Field team"\n'
        "12/05/2023, 10:02 - Ana: Hi all, welcome.\n"
        "12/05/2023, 10:03 - Bo: Thanks: glad to be here.\n"
        "12/05/2023, 10:04 - Ana: Tomorrow at 9.\n"
        "12/05/2023, 10:05 - Bo left\n"
        "12/05/2023, 10:06 - Ana: See you.\n"
    )
    assert [(t.speaker, android[t.body : t.end]) for t in find_turns(android)] == [
        ("Ana", "Hi all, welcome."),
        ("Bo", "Thanks: glad to be here."),
        ("Ana", "Tomorrow at 9."),
        ("Ana", "See you."),
    ]
    iphone = (
        "[12/05/2023, 10:00:00] Field team: \u200eMessages and calls are end-to-end encrypted.\n"
        "[12/05/2023, 10:01:00] Ana: Hi all.\n"
        "\u200e[12/05/2023, 10:01:30] Bo: \u200eimage omitted\n"
        "[12/05/2023, 10:02:00] Bo: Thanks.\n"
        "\u200e[12/05/2023, 10:03:00] Field team: \u200eAna added Cy\n"
        "[12/05/2023, 10:04:00] Cy: Hello.\n"
    )
    assert [(t.speaker, iphone[t.body : t.end]) for t in find_turns(iphone)] == [
        ("Ana", "Hi all."),
        ("Bo", "\u200eimage omitted"),
        ("Bo", "Thanks."),
        ("Cy", "Hello."),
    ]
    one_to_one = (
        "[12/05/2023, 10:00:00] Bo: \u200eMessages and calls are end-to-end encrypted.\n"
        "[12/05/2023, 10:01:00] Ana: Hi.\n[12/05/2023, 10:02:00] Bo: Hello.\n"
        "[12/05/2023, 10:03:00] Ana: Bye.\n"
    )
    assert [t.speaker for t in find_turns(one_to_one)] == ["Ana", "Bo", "Ana"]


def test_a_turn_s_time_after_its_label_on_a_line_of_their_own_is_its_time() -> None:
    # "Ana: (00:01)" alone on its line, what she said below it: the turn had no time, and
    # "(00:01)" was read as the first words said.
    for gap in ("\n", "\n\n"):
        lines = ["Ana: (00:01)", "How did you come here?\n", "Bo: [00:00:05]", "By bus.\n"]
        lines += ["Ana: (00:09)", "Alone?\n", "Bo: [00:00:12]", "Yes."]
        text = gap.join(lines)
        assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
            ("Ana", "00:01", "How did you come here?"),
            ("Bo", "00:00:05", "By bus."),
            ("Ana", "00:09", "Alone?"),
            ("Bo", "00:00:12", "Yes."),
        ]


def test_a_turn_s_bare_time_after_its_label_on_a_line_of_their_own_is_its_time() -> None:
    # "Ana: 00:03" alone on its line, what she said below it: "00:03" was read as the first
    # words said, and the turn had no time.  A chat's message that is a time ("Bo: 10:30"
    # above "Ana: ok") is still what was said.
    text = "Ana: 00:03\nHow did you come?\n\nBo: 00:07\nBy bus.\n\nAna: 00:10\nAlone?\n"
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "00:03", "How did you come?"),
        ("Bo", "00:07", "By bus."),
        ("Ana", "00:10", "Alone?"),
    ]
    chat = "Ana: What time?\nBo: 10:30\nAna: ok\nBo: (10:45)\nAna: fine, see you.\n"
    assert [(t.speaker, t.time, chat[t.body : t.end]) for t in find_turns(chat)] == [
        ("Ana", "", "What time?"),
        ("Bo", "", "10:30"),
        ("Ana", "", "ok"),
        ("Bo", "", "(10:45)"),
        ("Ana", "", "fine, see you."),
    ]


def test_a_chat_s_iso_dates_joined_to_their_times_open_turns() -> None:
    # A chat or a log exported with ISO 8601 stamps ("2023-05-12T10:02:33 Ana: Hi"), the
    # date joined to the time by a "T": no turns were found, the senders no speakers.
    for text in (
        "2023-05-12T10:02:33 Ana: Hi all\n2023-05-12T10:03:00 Bo: Hello\n"
        "2023-05-12T10:04:00 Ana: ok\n",
        "[2023-05-12T10:02:33] Ana: Hi all\n[2023-05-12T10:03:00] Bo: Hello\n"
        "[2023-05-12T10:04:00] Ana: ok\n",
    ):
        assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
            ("Ana", "2023-05-12T10:02:33", "Hi all"),
            ("Bo", "2023-05-12T10:03:00", "Hello"),
            ("Ana", "2023-05-12T10:04:00", "ok"),
        ]


def test_a_meeting_s_time_below_each_name_is_the_turn_s_time() -> None:
    # A meeting's transcript writing the time below each speaker's name ("Ana López",
    # "10:11", then what was said, as Google Meet does): the time was read as the first
    # words said; written with AM or PM, every turn was the speaker "AM"'s.
    for half_day in ("", " AM"):
        text = "".join(
            f"{'Ana López' if n % 2 else 'Bo Ruiz'}\n10:{n + 10}{half_day}\nWords {n}.\n\n"
            for n in range(6)
        )
        assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
            ("Ana López" if n % 2 else "Bo Ruiz", f"10:{n + 10}{half_day}", f"Words {n}.")
            for n in range(6)
        ]


@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_teams_transcript_s_timing_line_above_each_name_opens_its_turn(blank: str) -> None:
    # A transcript as Microsoft Teams and Stream wrote it ("0:0:4.32 --> 0:0:8.64" above
    # the speaker's name, what was said below; one line a paragraph in its Word file): each
    # turn ended with the next one's timing line and had no time of its own.  The timing
    # line opens its turn, whose time is the start it gives.
    names = ["Ana Pérez", "Luis Gómez", "Ana Pérez", "Marta Ruiz", "Luis Gómez", "Marta Ruiz"]
    text = "".join(
        f"0:{n}:{n}.5 --> 0:{n}:{n + 3}.25{blank}\n{name}{blank}\nWords said {n}.\n\n"
        for n, name in enumerate(names)
    )
    turns = find_turns(text)
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in turns] == [
        (name, f"0:{n}:{n}.5", f"Words said {n}.") for n, name in enumerate(names)
    ]
    assert [text[t.start : t.body].split("\n")[0] for t in turns] == [
        f"0:{n}:{n}.5 --> 0:{n}:{n + 3}.25" for n in range(len(names))
    ]


def test_a_chat_log_s_nicknames_in_angle_brackets_open_turns() -> None:
    # An IRC or a chat room's log ("[10:02] <ana> Hi all", "10:03 <@Bo_42> Hello", the
    # nickname in angle brackets after the time, a channel operator's mark before it) had
    # no turns: its speakers were none.  A tag after a time ("10:04 <b>bold</b>") is none.
    text = "".join(
        f"[10:{n + 10}] <{'ana' if n % 2 else '@Bo_42'}> message {n}\n" for n in range(6)
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("ana" if n % 2 else "Bo_42", f"10:{n + 10}", f"message {n}") for n in range(6)
    ]
    tags = "".join(f"10:{n + 10} <b>bold</b> words {n}\n" for n in range(6))
    assert find_turns(tags) == ()


def test_a_chat_log_s_nicknames_without_times_open_turns(tmp_path: Path) -> None:
    # A chat log with no times ("<ana> hi", as IRC clients write one by default) had no
    # turns, and was titled by its first message; a web page's source saved as text, its
    # elements a space after them ("<li> one"), has none.
    text = "<ana> hi there\n<@bo> hello ana\n<ana> how was the trip?\n<@bo> long, but fine\n"
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("ana", "hi there"),
        ("bo", "hello ana"),
        ("ana", "how was the trip?"),
        ("bo", "long, but fine"),
    ]
    path = tmp_path / "channel.log.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).title == "channel.log"
    page = "<li> one item\n<li> two items\n<li> three items\n<p> A paragraph\n<p> Another\n"
    assert find_turns(page) == ()


def test_one_word_in_angle_brackets_with_no_time_is_no_one_speaker_s_transcript() -> None:
    # Lines opening with the same word in angle brackets, no HTML element ("<item> apples",
    # a template's placeholders), were one speaker's turns; a log with times needs no other.
    items = "<item> apples\n<item> pears\n<item> plums\n<item> figs\n"
    assert find_turns(items) == ()
    timed = "".join(f"[10:0{n}] <ana> message {n}\n" for n in range(4))
    assert [t.speaker for t in find_turns(timed)] == ["ana"] * 4


def test_a_name_and_its_time_in_brackets_alone_on_a_line_open_a_turn() -> None:
    # "Speaker 1 (00:00:03)" alone on its line, what was said on the lines below (as
    # transcription services write it without a colon), opened no turn; nor do an agenda's
    # items, each said once ("Lunch (12:00)" above "In the hall.").
    for open_, close in ("()", "[]"):
        text = "Interview with Ana\n\n" + "".join(
            f"Speaker {1 + n % 2} {open_}00:00:{10 + n}{close}\nWords {n}.\n\n" for n in range(4)
        )
        assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
            (f"Speaker {1 + n % 2}", f"00:00:{10 + n}", f"Words {n}.") for n in range(4)
        ]
    agenda = "".join(
        f"{item} ({hour}:00)\nWhat is done.\n\n"
        for item, hour in (("Registration", "09"), ("Opening talk", "10"), ("Lunch", "12"))
    )
    assert find_turns(agenda) == ()


def test_a_timecode_with_frames_opens_a_turn() -> None:
    # A video editor's timecode, its frames after the seconds ("00:00:03:12 Ana: ...", as
    # broadcast logs and editing programs write transcripts), opened no turn: such a
    # transcript had none.
    text = "".join(
        f"{'[' if n % 2 else ''}00:00:{10 + n}:{n:02}{']' if n % 2 else ''} "
        f"{'Bo' if n % 2 else 'Ana'}: Words {n}.\n"
        for n in range(4)
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Bo" if n % 2 else "Ana", f"00:00:{10 + n}:{n:02}", f"Words {n}.") for n in range(4)
    ]


@pytest.mark.parametrize("blank", ["\n", "\n\n"])
@pytest.mark.parametrize(
    "notices",
    [
        ("Ana López started transcription", "Ana López stopped transcription"),
        ("", "Transcribed by https://otter.ai"),
        # Teams writes them in the meeting's language: they were the last speaker's words.
        ("Ana López hat die Transkription gestartet", "Ana López hat die Transkription beendet"),
        ("Ana López a démarré la transcription", "Ana López a arrêté la transcription"),
        ("Ana López inició la transcripción", "Ana López detuvo la transcripción"),
        ("Ana López ha avviato la trascrizione", "Ana López ha interrotto la trascrizione"),
        ("Ana López iniciou a transcrição", "Ana López parou a transcrição"),
        # A transcriber's notes of the recording, in brackets on lines of their own: they
        # were the words of the turn above them, coded with its speaker's.
        ("[Recording resumed]", "[Recording paused]"),
        ("", "[END OF RECORDING]"),
        ("", "(Interview ends)"),
    ],
)
def test_a_transcription_program_s_notices_are_no_one_s_words(
    blank: str, notices: tuple[str, str]
) -> None:
    # Teams' notices ("Ana López stopped transcription", "... started transcription", on
    # paragraphs of their own in its Word export) and Otter's "Transcribed by
    # https://otter.ai" closing its exports were read as the words of the turn above them.
    said = [("Ana López", "How did you come?"), ("Bo Ruiz", "By bus."), ("Ana López", "Then?")]
    turns = [f"{name}   0:{n}3{blank}{words}{blank}" for n, (name, words) in enumerate(said)]
    turns.append(f"Bo Ruiz   0:33{blank}On foot.{blank}")
    text = (
        (f"{notices[0]}{blank}" if notices[0] else "")
        + "".join(turns[:2])
        + (f"{notices[1]}{blank}{notices[0]}{blank}" if notices[0] else "")
        + "".join(turns[2:])
        + notices[1]
        + "\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        *said,
        ("Bo Ruiz", "On foot."),
    ]
    # A speaker's own words about transcribing, in a sentence, stay in the turn.
    text = "".join(turns).replace("By bus.", f"By bus. {notices[1]} there.")
    assert [text[t.body : t.end] for t in find_turns(text)][1] == (f"By bus. {notices[1]} there.")


def test_a_program_s_notice_below_a_word_transcript_s_last_turn_is_no_one_s() -> None:
    # A Word transcript whose names are set bold (labels its converter found) ending with
    # Teams' notice: the notice was the last speaker's words.
    names = ["Ana", "Bo", "Ana", "Bo"]
    text, labels = "", []
    for n, name in enumerate(names):
        start = len(text)
        text += f"{name}\t"
        labels.append((start, start + len(name), len(text)))
        text += f"Words {n}.\n\n"
    text += "Ana stopped transcription\n"
    assert [text[t.body : t.end] for t in labelled_turns(text, labels)] == [
        f"Words {n}." for n in range(4)
    ]


def _short_lines_split(text: str, end: int) -> list[str]:
    """The short lines a look for names alone took before: the sample split and each line
    measured in Python (a fifth of the look for speakers in a plain text of prose)."""
    return [line for line in text[:end].split("\n") if 0 < len(line) <= 40]


@settings(max_examples=examples(300), deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from("Ab \t\r.:中ｶ😀\u2028"), max_size=45),
            st.integers(min_value=0, max_value=90).map(lambda n: "x" * n),
        ),
        max_size=12,
    ),
    cut=st.integers(min_value=0, max_value=400),
)
@example(lines=["x" * 40, "y" * 41, "", "Ana", "z" * 40], cut=400)
@example(lines=["Ana", "Bo"], cut=2)
def test_short_lines_are_those_splitting_the_sample_finds(lines: list[str], cut: int) -> None:
    text = "\n".join(lines)
    found = turns.short_lines(text, cut)
    assert sorted(found) == sorted(_short_lines_split(text, cut))


def test_names_alone_are_found_by_their_short_lines() -> None:
    # The short lines are what the look for names alone needs of a text: a transcript of
    # names alone reads as one, a text of long lines as none.
    said = "INTERVIEWER\nHow did you come here, and when?\n\nANA\nBy road, with my sister.\n\n"
    transcript = "Interview 3\n\n" + said * 3
    assert {t.speaker for t in find_turns(transcript)} == {"INTERVIEWER", "ANA"}
    prose = ("A line of prose that runs on well past forty characters.\n\n" * 40) + "End"
    assert turns._names_alone(prose) == []


def test_a_turn_selected_stops_before_its_row_s_notes(tmp_path: Path) -> None:
    # t in a CSV transcript selected a turn with its row's notes ("Notes: inaudible after
    # this"), where autocode by speaker stops before them: a turn coded by hand held words
    # no one said.  The notes are a unit of their own, and t pressed again goes on past them
    # to the next speaker's words.
    from tui_reader.core.documents.turns import turn_unit
    from tui_reader.core.documents.units import paragraph_range
    from tui_reader.reading.selection import grow_selection

    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Start,Text,Translation,Notes\n"
        "Bo,00:00:05,¿Dónde?,Where?,inaudible after this\n"
        "Ana,00:00:08,Bajo el puente.,Under the bridge.,\n",
        "utf-8",
    )
    doc = load_document(path)
    text = doc.text
    turn = turn_unit(doc.turns, paragraph_range)
    assert turn is not None
    said = (text.index("¿Dónde?"), text.index("Where?") + len("Where?"))
    assert turn(text, text.index("Dónde")) == said
    notes = text.index("Notes:")
    assert turn(text, notes + 3) == (notes, notes + len("Notes: inaudible after this"))
    first = grow_selection(text, None, text.index("Dónde"), turn)
    assert first == said
    second = grow_selection(text, first, first[0], turn)
    third = grow_selection(text, second, first[0], turn)
    assert second == (said[0], notes + len("Notes: inaudible after this"))
    assert third == (said[0], len(text))


def test_a_speaker_named_with_a_title_and_joined_family_names_opens_turns() -> None:
    # "Dr Ana María de la Cruz: ..." is more than the four words a label had: her words
    # were read as the interviewer's.  A title before a name and the small words inside a
    # family's name ("de la", "van der") are part of it; five words of a sentence are not.
    text = (
        "Interviewer: Where did you sleep that night?\n"
        "Dr Ana María de la Cruz: Under the bridge, near the market.\n"
        "Interviewer: And in the morning?\n"
        "Dr Ana María de la Cruz: We walked to the shelter.\n"
        "Prof. Jan van der Berg: May I add something?\n"
        "Interviewer: Please.\n"
        "Prof. Jan van der Berg: The shelter was full.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Interviewer", "Where did you sleep that night?"),
        ("Dr Ana María de la Cruz", "Under the bridge, near the market."),
        ("Interviewer", "And in the morning?"),
        ("Dr Ana María de la Cruz", "We walked to the shelter."),
        ("Prof. Jan van der Berg", "May I add something?"),
        ("Interviewer", "Please."),
        ("Prof. Jan van der Berg", "The shelter was full."),
    ]
    assert _TURN_LINE.match("What they told us that night: nothing.") is None


@pytest.mark.parametrize(
    "label",
    ["{name}: ", "{name}  0:{s:02d}\n", "{name} (00:00:{s:02d}):\n"],
    ids=["colon", "otter", "rev"],
)
def test_a_speaker_named_with_five_words_opens_turns(label: str) -> None:
    # A participant named by two given names and two family names and another ("Maria
    # Jose Garcia Lopez Fernandez"), five words with no small word between them: the label
    # had four words at most, and an Otter or Rev transcript of her interview had no turns
    # at all, a plain one had her words in the interviewer's turns.  Five words of a
    # sentence ("In the end we said: ...") open none.
    maria = "Maria Jose Garcia Lopez Fernandez"
    said = [
        ("Ana Lopez", "Where did you sleep that night?"),
        (maria, "Under the bridge, near the market."),
        ("Ana Lopez", "And in the morning?"),
        (maria, "We walked to the shelter."),
    ]
    text = (
        "\n".join(label.format(name=name, s=i) + words for i, (name, words) in enumerate(said))
        + "\nIn the end we said: nothing at all.\n"
    )
    assert [(t.speaker, text[t.body : t.end].strip()) for t in find_turns(text)] == [
        *said[:-1],
        (maria, "We walked to the shelter.\nIn the end we said: nothing at all."),
    ]


@pytest.mark.parametrize(
    "layout",
    ["**{name}:** {said}", "**{name}**: {said}", "__{name}:__ {said}", "**{name}:**\n{said}"],
)
def test_markdown_bold_labels_in_a_plain_text_open_turns(tmp_path: Path, layout: str) -> None:
    # A transcript written with Markdown's bold names but saved as .txt ("**Ana:** Under
    # the bridge."), as a note-taking app or a chat assistant's copy gives it, had no
    # turns (a .md file has them): the marks hid the label.  They are no part of it.
    path = tmp_path / "interview.txt"
    path.write_text(
        "\n\n".join(layout.format(name=name, said=said) for name, said in _ANA) + "\n", "utf-8"
    )
    doc = load_document(path)
    assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == _ANA


def test_a_word_transcript_whose_bold_name_has_a_title_and_joined_names_has_turns(
    tmp_path: Path,
) -> None:
    # A bold name with no colon after it, "Dr Ana María de la Cruz Under the bridge.", was
    # no label: a bold name had four words at most.  A title and the small words of a
    # family's name are part of it, as in a label a colon ends.
    said = [
        ("Interviewer", "Where did you sleep that night?"),
        ("Dr Ana María de la Cruz", "Under the bridge, near the market."),
        ("Interviewer", "And in the morning?"),
        ("Dr Ana María de la Cruz", "We walked to the shelter."),
    ]
    loaded = load_document(_bold_names_docx(tmp_path / "interview.docx", said, " "))
    assert _said(loaded) == said


@pytest.mark.parametrize(
    ("text", "times"),
    [
        (
            "Ana Ruiz  0:03\nHow did you come here?\n\nBo Chen  0:07\nBy bus, at night.\n\n"
            "Transcribed by https://otter.ai\n",
            ["0:03", "0:07"],
        ),
        (
            "Interview 4\n\nAna Ruiz  00:00:03\n\nHow did you come here?\n\n"
            "Bo Chen  00:00:07\n\nBy bus, at night.\n",
            ["00:00:03", "00:00:07"],
        ),
        (
            "[00:00:03] Ana Ruiz: How did you come here?\n[00:00:07] Bo Chen: By bus, at night.\n",
            ["00:00:03", "00:00:07"],
        ),
        (
            "Ana Ruiz (00:00:03):\nHow did you come here?\n\nBo Chen (00:00:07):\nBy bus, at night.\n",
            ["00:00:03", "00:00:07"],
        ),
        (
            "0:0:3.45 --> 0:0:6.10\nAna Ruiz\nHow did you come here?\n\n"
            "0:0:7.0 --> 0:0:9.0\nBo Chen\nBy bus, at night.\n",
            ["0:0:3.45", "0:0:7.0"],
        ),
    ],
)
def test_a_transcript_of_two_turns_in_a_transcription_program_s_layout_has_them(
    text: str, times: list[str]
) -> None:
    # A question and its answer as Otter ("Ana Ruiz  0:03" above what she said), a
    # recorder's "[00:00:03] Ana Ruiz:", Rev or Teams (its timing line above the name)
    # write them had no turns: a speaker had to speak more than once.  Those layouts, a
    # time to each name, tell a transcript by themselves.
    turns = find_turns(text)
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in turns] == [
        ("Ana Ruiz", times[0], "How did you come here?"),
        ("Bo Chen", times[1], "By bus, at night."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We went to the coast.\n\nNote: the road was closed.\n\nSee also: the map of 1998.\n",
        "Ana Ruiz: a doctor from Tapachula.\nBo Chen: a teacher from Oaxaca.\n",
        "Registration  9:00\nCoffee in the hall\n\nOpening Talk  9:30\nBy the dean\n",
        "Ana Ruiz  0:07\nHow did you come here?\n\nBo Chen  0:03\nBy bus, at night.\n",
        "Our notes.\n\nMore notes.\n\nAna Ruiz  0:03\nHow did you come here?\n\n"
        "Bo Chen  0:07\nBy bus, at night.\n",
        "Draft 0:0:1.0 --> 0:0:2.0 review\n\n0:0:3.45 --> 0:0:6.10\nAna Ruiz\nHello.\n",
    ],
)
def test_two_lines_a_transcript_s_own_layout_does_not_vouch_for_are_no_turns(text: str) -> None:
    # Prose with a "Note:" line or two, a list of people and what they are, an agenda's
    # two items and their times, times going back, more than a title above: none is a
    # transcript of two turns.  (One speaker's two paragraphs so laid out are: see
    # test_one_speaker_s_words_in_a_transcription_program_s_layout_are_her_turns.)
    assert find_turns(text) == ()


def test_two_messages_stamped_with_a_date_before_the_clock_are_read() -> None:
    """A chat of two messages stamped "[05/04/2023, 09:12:01]" (WhatsApp's export) ended the
    reading of the text in a ValueError: the two-turn rule read the date as the time's
    seconds.  The clock after the date is the time; a date alone is none."""
    text = (
        "[05/04/2023, 09:12:01] Fuente A: Hoy llegaron dos camiones.\n"
        "[05/04/2023, 09:13:15] Periodista: ¿Dónde?\n"
    )
    assert [(t.speaker, t.time) for t in find_turns(text)] == [
        ("Fuente A", "05/04/2023, 09:12:01"),
        ("Periodista", "05/04/2023, 09:13:15"),
    ]
    assert find_turns("[05/04/2023] Ana: Hola.\n[06/04/2023] Luis: Adiós.\n") == ()


def test_a_passage_after_a_time_marked_inside_a_turn_is_cited_at_that_time(
    tmp_path: Path,
) -> None:
    # A transcriber marks the time at each paragraph and names the speaker only where the
    # speaker changes; Rev marks the time of what it could not hear.  A passage four minutes
    # into Marisol's answer was cited at its start, "[00:00:09] Marisol", and one in an
    # untimed turn with a time marked in it had no time at all.
    timed = (
        "[00:00:05] Interviewer: How did you come here?\n\n"
        "[00:00:09] Marisol: By bus, mostly. It took three days.\n\n"
        "[00:02:15] Then at the checkpoint the soldiers stopped us.\n\n"
        "[00:04:30] We waited in the heat for hours.\n\n"
        "[00:05:02] Interviewer: And then?\n\n"
        "[00:05:06] Marisol: They let us go.\n"
    )
    untimed = (
        "Interviewer: How did you come here?\n\nMarisol: By bus, mostly. It took three days."
        " [inaudible 00:02:15] Then at the checkpoint they stopped us.\n\nInterviewer: And"
        " then?\n\nMarisol: They let us go.\n"
    )
    for name, text, cited in (
        ("timed.txt", timed, {
            "It took": "[00:00:09] Marisol", "Then at": "[00:02:15] Marisol",
            "soldiers": "[00:02:15] Marisol", "We waited": "[00:04:30] Marisol",
            "And then": "[00:05:02] Interviewer", "They let": "[00:05:06] Marisol",
        }),
        ("untimed.txt", untimed, {
            "It took": "Marisol", "Then at": "[00:02:15] Marisol", "And then": "Interviewer",
            "They let": "Marisol",
        }),
    ):  # fmt: skip
        path = tmp_path / name
        path.write_text(text, "utf-8")
        doc = load_document(path)
        assert {words: doc.citation(doc.text.index(words)) for words in cited} == cited


def test_a_time_marked_inside_a_word_transcript_s_bold_named_turn_is_its_words_time() -> None:
    names = ["Ana", "Bo", "Ana", "Bo"]
    text, labels = "", []
    for n, name in enumerate(names):
        start = len(text)
        text += f"{name}\t"
        labels.append((start, start + len(name), len(text)))
        text += f"Words {n}. [00:0{n}:30] More words {n}.\n\n"
    found = labelled_turns(text, labels)
    assert [t.citation_at(text.index(f"More words {n}")) for n, t in enumerate(found)] == [
        f"[00:0{n}:30] {name}" for n, name in enumerate(names)
    ]
    assert [t.citation_at(text.index(f"Words {n}")) for n, t in enumerate(found)] == names


def test_a_passage_s_speakers_are_those_whose_words_it_holds() -> None:
    text = "Ana: Where were you?\n\nLuis: In Washington.\n\nAna: Who decided?\n\nLuis: Both.\n"
    turns = find_turns(text)
    assert [t.speaker for t in turns] == ["Ana", "Luis", "Ana", "Luis"]

    def of(quote: str) -> tuple[str, ...]:
        start = text.index(quote)
        return speakers_of_passage(turns, start, start + len(quote))

    assert of("In Washington.") == ("Luis",)
    assert of("Where were you?\n\nLuis: In") == ("Ana", "Luis")  # across two turns
    assert of("In Washington.\n\nAna:") == ("Luis",)  # the next label is no one's words
    assert of("Luis:") == ("Luis",)  # a label alone: its turn's
    assert speakers_of_passage((), 0, 4) == ()


def test_a_turn_and_a_span_come_back_from_a_conversion_s_child_whole() -> None:
    """A conversion's turns and spans come back from its child process pickled, through their
    constructor: a field the pickle left out (a turn's later times) was lost there, so a
    Zoom transcript converted in the child cited every passage at its turn's first time."""
    import dataclasses
    import pickle

    from tui_reader.core.documents.spans import Span, SpanKind
    from tui_reader.core.documents.turns import Turn

    turn = Turn(3, 90, 14, "Lucía", "00:00:07", 80, ((40, "00:00:15"), (61, "00:00:21")))
    span = Span(3, 9, next(iter(SpanKind)), "data")
    for value in (turn, span):
        back = pickle.loads(pickle.dumps(value))
        assert back == value
        defaults = {
            f.name for f in dataclasses.fields(value) if getattr(value, f.name) == f.default
        }
        assert not defaults, defaults  # every field set apart from its default, so each is seen


def test_labels_of_one_speaker_in_two_cases_name_one_speaker(tmp_path: Path) -> None:
    # A transcript labelling the interviewer "Interviewer" and, once, "INTERVIEWER" (typed
    # so, or joined from two sessions) had two speakers: the document's speakers listed
    # both, and the exports' speaker column parted her passages in two.  A name with its
    # time and no colon ("Interviewer (00:02:15)", as a transcription service's Word file
    # sets it, bold, above what was said) must speak twice: said once in each case, the
    # transcript had no turns at all.
    said = [
        ("Interviewer", "00:00:05", "Thanks for meeting me. How did you come here?"),
        ("Maria Lopez", "00:00:12", "We walked from the river. It took two days."),
        ("INTERVIEWER", "00:02:15", "What happened at the checkpoint?"),
        ("Maria Lopez", "00:02:30", "They asked for papers. We had none."),
    ]
    with_colon = "\n\n".join(f"{who}: ({time}) {words}" for who, time, words in said)
    assert [t.speaker for t in find_turns(with_colon)] == ["Interviewer", "Maria Lopez"] * 2
    blocks = [("heading1", "Interview 7 — Tapachula shelter")]
    for who, time, words in said:
        blocks += [("rich", f"**{who}** ({time})"), ("para", words)]
    loaded = load_document(make_docx(tmp_path / "otter.docx", blocks))
    assert [(t.speaker, t.time) for t in loaded.turns] == [
        ("Interviewer", "00:00:05"),
        ("Maria Lopez", "00:00:12"),
        ("Interviewer", "00:02:15"),
        ("Maria Lopez", "00:02:30"),
    ]
    assert loaded.text[loaded.turns[2].body : loaded.turns[2].end] == said[2][2]
    assert loaded.metadata["speakers"] == "Interviewer, Maria Lopez"
    # (the names set bold alone, no time nor colon: Word's runs tell them)
    bold = [(who, words) for who, _, words in said]
    loaded = load_document(_bold_names_docx(tmp_path / "bold.docx", bold, " "))
    assert [t.speaker for t in loaded.turns] == ["Interviewer", "Maria Lopez"] * 2


def test_one_spelling_names_a_speaker_as_most_labels_do() -> None:
    # The spelling most labels give, else the first written.
    names = ["INTERVIEWER", "Ana", "Interviewer", "ANA", "INTERVIEWER", "Lucía", "Lucia"]
    assert turns.one_spelling(names) == {
        "INTERVIEWER": "INTERVIEWER",
        "Interviewer": "INTERVIEWER",
        "Ana": "Ana",
        "ANA": "Ana",
        "Lucía": "Lucía",
        "Lucia": "Lucía",
    }
    # A label in small letters is its own: a program's help, "usage:" above it and
    # "Usage:" below, read as a transcript of a speaker said twice.
    assert turns.one_spelling(["usage", "Usage", "yq"]) == {
        "usage": "usage",
        "Usage": "Usage",
        "yq": "yq",
    }
    help_text = (
        "usage: yq [options] <jq filter> [input file...]\n\n"
        "yq: Command-line YAML processor - jq wrapper for YAML documents\n\n"
        "Usage:\tyq '.a' file.yaml\n"
    )
    assert find_turns(help_text) == ()


def test_a_time_in_parentheses_inside_what_was_said_times_the_words_after_it() -> None:
    # A transcriber marking the time every few minutes in parentheses, "(00:01:40)", as
    # others do in square brackets: the mark was read as words, and a passage after it
    # cited at the answer's first time.  A verse's "(3:16)" or a time of day's "(10:30)"
    # is no mark.
    text = (
        "Interviewer: (00:00:05) How did you come here?\n\n"
        "Maria: (00:00:12) We walked from the river. (00:01:40) Then at the checkpoint"
        " they stopped us (John 3:16, she said) at (10:30) in the morning.\n\n"
        "Interviewer: (00:02:15) And then?\n\nMaria: (00:02:30) We waited.\n"
    )
    found = find_turns(text)
    answer = found[1]
    assert answer.times == ((text.index("(00:01:40)"), "00:01:40"),)
    assert answer.citation_at(text.index("We walked")) == "[00:00:12] Maria"
    assert answer.citation_at(text.index("in the morning")) == "[00:01:40] Maria"
    assert [t.times for t in found[::2]] == [(), ()]


@pytest.mark.parametrize("clock", ["(00:01:40)", "[00:01:40]", "00:01:40"])
def test_a_time_alone_on_its_line_between_turns_or_inside_one(clock: str) -> None:
    # A time alone on its line above a turn is that turn's (Google Meet's "00:05:00", a
    # transcriber's "(00:05:00)": in parentheses or brackets it was read as the words of
    # the turn above); one among an answer's paragraphs marks when the words below it were
    # said: it cut the answer, the words after it no one's.
    text = (
        f"{clock.replace('01:40', '00:05')}\nInterviewer: How did you come here?\n\n"
        f"{clock.replace('01:40', '00:12')}\nMaria: We walked from the river.\n\n{clock}\n\n"
        "Then at the checkpoint they stopped us.\n\n"
        f"{clock.replace('01:40', '02:15')}\nInterviewer: And then?\n\nMaria: We waited.\n"
    )
    found = find_turns(text)
    assert [(t.speaker, t.time) for t in found] == [
        ("Interviewer", "00:00:05"),
        ("Maria", "00:00:12"),
        ("Interviewer", "00:02:15"),
        ("Maria", ""),
    ]
    answer = found[1]
    assert text[answer.body : answer.end].endswith("they stopped us.")
    assert answer.citation_at(text.index("checkpoint")) == "[00:01:40] Maria"
    assert text[found[0].body : found[0].end] == "How did you come here?"


@pytest.mark.parametrize("colon", ["", ":"])
@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_a_time_in_parentheses_below_a_name_alone_is_its_turns(between: str, colon: str) -> None:
    # "Interviewer" (or "Interviewer:"), then "(00:00:05)" on the line (or a Word file's
    # paragraph) below, then what was said: the time was read as the first words said, and
    # the turn had none.
    said = [
        ("Interviewer", "00:00:05", "How did you come here?"),
        ("Maria", "00:00:12", "We walked."),
        ("Interviewer", "00:02:15", "And then?"),
        ("Maria", "00:02:30", "We waited."),
    ]
    text = "\n\n".join(
        f"{who}{colon}{between}({time}){between}{words}" for who, time, words in said
    )
    found = find_turns(text + "\n")
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in found] == said


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Maria Lopez (00:00:05)\n\nWe walked from the river. It took two days.\n", ["00:00:05"]),
        ("Maria Lopez (00:00:05):\nWe walked from the river. It took two days.\n", ["00:00:05"]),
        ("Statement 4\n\n[00:00:02] Maria Lopez: We walked from the river.\n", ["00:00:02"]),
        ("Maria Lopez  0:03\nWe walked from the river.\n\nMaria Lopez  1:07\nIt took two days.\n",
         ["0:03", "1:07"]),
    ],
)  # fmt: skip
def test_one_speaker_s_words_in_a_transcription_program_s_layout_are_her_turns(
    text: str, times: list[str]
) -> None:
    # A recording of one speaker (a statement, a voice memo) as a transcription program
    # writes it, her name and the time above her words, in one paragraph or two, had no
    # turns: a speaker had to speak more than once, or answer another.
    found = find_turns(text)
    assert [(t.speaker, t.time) for t in found] == [("Maria Lopez", time) for time in times]
    assert text[found[-1].body : found[-1].end].endswith(".")


def test_one_speaker_s_word_file_is_her_turn_and_not_titled_by_her_name(tmp_path: Path) -> None:
    # The same in Word, her name and the time set bold above her words: no turn, and the
    # bold line titled the file.
    blocks = [("rich", "**Maria Lopez (00:00:05)**"), ("para", "We walked. It took two days.")]
    loaded = load_document(make_docx(tmp_path / "statement.docx", blocks))
    assert _said(loaded) == [("Maria Lopez", "We walked. It took two days.")]
    assert loaded.title == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "Registration (9:00)\n\nCoffee is served in the hall.\n",
        "Registration  9:00\nCoffee is served in the hall.\n",
        "Maria Lopez: We walked from the river. It took two days.\n",
        "Standup (10:02:33 AM)\n\nWe went over the budget.\n",
        "Our notes.\n\nMore notes.\n\nMaria Lopez  0:03\nWe walked from the river.\n",
        "Maria Lopez  0:03\nwe walked from the river and\n",
        "Maria Lopez - 0:03 We walked.\n",
    ],
)
def test_one_line_a_transcript_s_layout_does_not_vouch_for_is_no_turn(text: str) -> None:
    # An agenda's item and its time of day, a line naming someone (no time), a meeting's
    # clock time, more than a title above, words ending no sentence: no one's turn.
    assert find_turns(text) == ()


def test_a_table_transcript_with_its_speaker_last_has_turns(tmp_path: Path) -> None:
    # NVivo's Word transcript sets its columns "Timespan │ Content │ Speaker": the speaker's
    # cell after her words gave no turns, so no passage had a speaker or a time.  The turn
    # runs over the whole row, what was said is its middle cell, the name no words of hers.
    said = [
        ("Timespan", "Content", "Speaker"),
        ("0:00:03.0 - 0:00:05.5", "Where did you sleep that night?", "Ana"),
        ("0:00:09.0 - 0:00:12.0", "Under the bridge, near the market.", "Luis"),
        ("0:00:15.0 - 0:00:17.0", "And in the morning?", "Ana"),
        ("0:00:18.0 - 0:00:20.0", "We walked to the shelter.", "Luis"),
    ]
    expected = [(who, span.split(" - ")[0], words) for span, words, who in said[1:]]
    loaded = _table_transcript(tmp_path / "nvivo.docx", said, ("End of interview.",))
    turns = loaded.turns
    assert [(t.speaker, t.time, loaded.text[t.body : t.said_end]) for t in turns] == expected
    assert all(loaded.text[t.start : t.end].endswith(t.speaker) for t in turns)
    # The caret anywhere in a row, its speaker's cell too, selects what was said.
    from tui_reader.core.documents.turns import turn_unit
    from tui_reader.core.documents.units import paragraph_range

    unit = turn_unit(turns, paragraph_range)
    assert unit is not None
    for turn in turns:
        for at in (turn.start, turn.body + 1, turn.end - 1):
            start, end = unit(loaded.text, at)
            assert (start, end) == (turn.body, turn.said_end)
    # So do p and s (each row's words a sentence here): the paragraph was what was said and
    # the speaker's cell after it, "... │ Ana", her name quoted and coded as her words.
    from tui_reader.core.documents.turns import label_free
    from tui_reader.core.documents.units import sentence_range

    for ranged in (label_free(turns, paragraph_range), label_free(turns, sentence_range)):
        for turn in turns:
            for at in (turn.body + 1, turn.end - 1):
                start, end = ranged(loaded.text, at)
                assert loaded.text[start:end] == loaded.text[turn.body : turn.said_end]


@pytest.mark.parametrize("speaker_last", [True, False])
def test_a_table_transcript_with_its_rows_numbered_first_has_turns(
    tmp_path: Path, speaker_last: bool
) -> None:
    # NVivo numbers a transcript's rows in a column of their own before the Timespan ("#",
    # its import's "identifier column"): "1 │ 0:00:03.0 - 0:00:05.5 │ Where did you
    # sleep? │ Ana" gave no turns, so no passage had a speaker or a time.  The turn runs
    # over the whole row; its number is no part of its time, speaker or words.
    rows = [
        ("0:00:03.0 - 0:00:05.5", "Where did you sleep that night?", "Ana"),
        ("0:00:09.0 - 0:00:12.0", "Under the bridge, near the market.", "Luis"),
        ("0:00:15.0 - 0:00:17.0", "And in the morning?", "Ana"),
        ("0:00:18.0 - 0:00:20.0", "We walked to the shelter.", "Luis"),
    ]
    header = ("#", "Timespan", "Content", "Speaker")
    said = [(str(n), span, words, who) for n, (span, words, who) in enumerate(rows, start=1)]
    if not speaker_last:
        header = ("#", "Timespan", "Speaker", "Content")
        said = [(n, span, who, words) for n, span, words, who in said]
    loaded = _table_transcript(tmp_path / "nvivo.docx", [header, *said])
    expected = [(who, span.split(" - ")[0], words) for span, words, who in rows]
    turns = loaded.turns
    if speaker_last:
        assert [(t.speaker, t.time, loaded.text[t.body : t.said_end]) for t in turns] == expected
    else:
        assert [(t.speaker, t.time, loaded.text[t.body : t.end]) for t in turns] == expected


@pytest.mark.parametrize("stamp", ["0:03", "10:02 AM"])
def test_a_name_written_family_name_first_above_its_time_opens_a_turn(stamp: str) -> None:
    # Teams names an organisation's accounts family name first, a comma after it ("Ruiz,
    # Ana   0:03" above what she said): her lines opened no turn, her questions read as the
    # words of the speaker before her, and a transcript of her and one other had one speaker.
    said = [
        ("Ruiz, Ana", "How did you come to Tapachula?"),
        ("Luis Ortega", "By bus from the border."),
        ("Ruiz, Ana", "And where did you stay?"),
        ("Luis Ortega", "Under the bridge, near the market."),
    ]
    text = "Ruiz, Ana   started transcription\n\n"
    text += "".join(f"{name}   {stamp}\n\n{words}\n\n" for name, words in said)
    text += "Ruiz, Ana   stopped transcription\n"
    found = find_turns(text)
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in found] == [
        (name, stamp, words) for name, words in said
    ]
    # A comma before a colon's label stays a sentence's ("Yes, Ana: ..." is no name).
    text = "".join(f"Yes, {name.split()[-1]}: {words}\n" for name, words in said)
    assert {t.speaker for t in find_turns(text)} <= {"Ana", "Ortega"}


@pytest.mark.parametrize(
    "heading",
    ["Interview 5: Rosa, Ciudad Hidalgo", "Transcript 2: Tapachula", "Focus group 3: Women"],
)
def test_an_interview_s_number_above_its_transcript_is_no_speaker(heading: str) -> None:
    # A transcript headed "Interview 5: Rosa, Ciudad Hidalgo" (as a study numbers its
    # interviews) had a speaker "Interview 5" of one turn, its words the place, listed
    # among the transcript's speakers, and the transcript was titled by its file's name.
    from tui_reader.core.documents.titles import find_title_line

    text = (
        f"{heading}\n\nINTERVIEWER: Good morning.\n\nROSA: My name is Rosa.\n\n"
        "INTERVIEWER: Why did you leave?\n\nROSA: The gangs threatened my son.\n"
    )
    assert [t.speaker for t in find_turns(text)] == ["INTERVIEWER", "ROSA"] * 2
    assert find_title_line(text) == (0, len(heading))


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("Ruiz, Ana (External)", "{name}   0:03\n\n{words}\n\n"),
        ("Ruiz, Ana (Guest)", "{name}: {words}\n"),
        ("Ruiz, Ana", "{name}:\n{words}\n\n"),
        ("Ruiz, Ana", "{name}: 0:03\n{words}\n\n"),
        ("Ruiz, Ana", "{name} (0:03): {words}\n"),
    ],
)
def test_a_name_written_family_name_first_opens_a_turn_where_no_sentence_could(
    name: str, layout: str
) -> None:
    # A guest's account in Teams ("Ruiz, Ana (External)   0:03"), or the name with its colon
    # alone on its line, or with a time at its colon: no sentence's comma stands so, and
    # such labels opened no turn, her words read as those of the speaker before her.
    said = [
        (name, "How did you come to Tapachula?"),
        ("Luis Ortega", "By bus from the border."),
        (name, "And where did you stay?"),
        ("Luis Ortega", "Under the bridge, near the market."),
    ]
    text = "".join(layout.format(name=who, words=words) for who, words in said)
    found = find_turns(text)
    assert [(t.speaker, text[t.body : t.end]) for t in found] == [
        ("Ruiz, Ana" if who == name else who, words) for who, words in said
    ]
    # The comma of a sentence's vocative before a colon stays no name's.
    text = "".join(f"Yes, {who.split()[-1]}: {words}\n" for who, words in said)
    assert {t.speaker for t in find_turns(text)} <= {"Ana", "Ortega"}


_NAME_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíñóúü"), min_size=1, max_size=8)


@given(
    st.lists(_NAME_WORD, min_size=1, max_size=3).map(" ".join),
    st.lists(_NAME_WORD, min_size=1, max_size=3).map(" ".join),
)
def test_a_name_written_family_name_first_is_the_same_speaker(family: str, given: str) -> None:
    # "Ruiz, Ana" (Teams) and "Ana Ruiz" (Zoom) name one person; spaces, case and accents
    # aside as ever.  The written order stays what a glob is matched against.
    family, given = family.title(), given.title()
    assert turns.speaker_key(f"{family}, {given}") == turns.speaker_key(f"{given} {family}")
    assert turns.speaker_key(f"{family.upper()} ,  {given}") == turns.speaker_key(
        f"{given} {family}"
    )
    assert turns.written_key(f"{family}, {given}").startswith(turns.speaker_key(family))


def test_a_comma_in_a_code_or_in_particulars_is_no_family_name_s() -> None:
    # "P1 (female, 34)": a participant's particulars, not "34) P1 (female"
    assert turns.speaker_key("P1 (female, 34)") == "p1 (female, 34)"
    assert turns.speaker_key("Ana, Bo, Cy") == "ana, bo, cy"


def test_a_short_meeting_where_some_speak_once_in_a_row_has_its_turns() -> None:
    # A meeting of seven turns: the chair and one participant speak twice, three others
    # once each, one after another (a round of introductions).  Three of seven turns
    # were single speakers' not between two who speak again, and the meeting had no turns.
    text = (
        "Ana: Welcome, everyone.\n\nLuis: Thanks for having us.\n\n"
        "Carlos: I work at the shelter.\n\nDiana: I teach at the school.\n\n"
        "Elena: I am a nurse.\n\nAna: Thank you all.\n\nLuis: We need more beds.\n"
    )
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        ("Ana", "Welcome, everyone."),
        ("Luis", "Thanks for having us."),
        ("Carlos", "I work at the shelter."),
        ("Diana", "I teach at the school."),
        ("Elena", "I am a nurse."),
        ("Ana", "Thank you all."),
        ("Luis", "We need more beds."),
    ]
    # Terms of a glossary or fields of a form, one label written again among them, are
    # none; nor are single labels outside two speakers' exchange, more than those
    # speakers' turns.
    glossary = (
        "Asylum: protection granted.\nRefugee: a person who fled.\nMigrant: one who moves.\n"
        "Border: a line.\nShelter: a place.\nAsylum: see above.\n"
    )
    assert find_turns(glossary) == ()
    form = (
        "Name: Ana Ruiz\nAge: 34\nCountry: Honduras\nArrived: May\nShelter: Belén\n"
        "Ana: Where are you from?\nLuis: Honduras.\nAna: When did you leave?\n"
        "Luis: In March.\nRoute: Tapachula\nNotes: none\n"
    )
    assert [t.speaker for t in find_turns(form)] in ([], ["Ana", "Luis", "Ana", "Luis"])


@pytest.mark.parametrize("mark", ["[{}]", "({})"])
def test_a_time_ending_a_turn_s_line_is_when_the_next_turn_starts(mark: str) -> None:
    # A transcriber marks the time each answer ends at the end of its line ("... at night.
    # [00:00:31]"), as f4 marks it with "#": it was taken for a time inside the turn, at
    # its very end, which no words follow, and the next turn had no time: a passage of it
    # was cited, exported and listed by its speaker alone.  It is the next turn's time.
    # One ending a paragraph inside a turn is the time of the words below it, as before.
    text = (
        f"Interviewer: How did you come to Tapachula? {mark.format('00:00:12')}\n\n"
        f"Ana: By bus, at night. {mark.format('00:00:31')}\n"
        f"It took three days. {mark.format('00:00:40')}\n\n"
        f"Interviewer: And then? {mark.format('00:00:44')}\n\n"
        f"Ana: We slept at the shelter. {mark.format('00:01:02')}\n"
    )
    found = find_turns(text)
    assert [(t.speaker, t.time) for t in found] == [
        ("Interviewer", ""),
        ("Ana", "00:00:12"),
        ("Interviewer", "00:00:40"),
        ("Ana", "00:00:44"),
    ]
    ana = found[1]
    assert ana.citation_at(text.index("By bus")) == "[00:00:12] Ana"
    assert ana.citation_at(text.index("It took")) == "[00:00:31] Ana"
    assert [t.times for t in found if t is not ana] == [(), (), ()]


def test_a_short_otter_meeting_where_some_speak_once_has_its_turns() -> None:
    # Otter writes each name and its time above what was said and ends with its notice
    # ("Transcribed by https://otter.ai"): the notice was read as the last turn's words,
    # which so ended no sentence, and the meeting of seven turns, three of single
    # speakers in a row, had no turns and was titled by its first speaker's line.
    said = [
        ("Ana Ruiz", "0:03", "Welcome, everyone."),
        ("Luis Gómez", "0:07", "Thanks for having us."),
        ("Carlos Méndez", "0:10", "I work at the shelter."),
        ("Diana Flores", "0:14", "I teach at the school."),
        ("Elena Cruz", "0:18", "I am a nurse."),
        ("Ana Ruiz", "0:22", "Thank you all."),
        ("Luis Gómez", "0:25", "We need more beds."),
    ]
    text = "".join(f"{who}  {time}\n{words}\n\n" for who, time, words in said)
    text += "Transcribed by https://otter.ai\n"
    found = find_turns(text)
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in found] == said


@pytest.mark.parametrize("guest", ["", " (External)"])
def test_a_name_written_family_name_first_before_a_colon_and_words_opens_a_turn(
    guest: str,
) -> None:
    # "Ruiz, Ana: How did you come?" (a Teams transcript copied as text, each account named
    # family name first): no such line opened a turn, as a sentence's "Yes, Ana: ..." opens
    # none, and the transcript had Luis Gómez's turns alone, holding Ana's words.  A name
    # so written that opens two lines at least is a speaker's.
    said = [
        (f"Ruiz, Ana{guest}", "How did you come to Tapachula?"),
        ("Gómez, Luis", "By bus from the border."),
        (f"Ruiz, Ana{guest}", "And where did you stay?"),
        ("Gómez, Luis", "Under the bridge, near the market."),
    ]
    text = "".join(f"{who}: {words}\n" for who, words in said)
    assert [(t.speaker, text[t.body : t.end]) for t in find_turns(text)] == [
        (who.removesuffix(guest), words) for who, words in said
    ]
    # A sentence's vocative, written again, is no name: "Yes, Ana:" twice.
    prose = (
        "Yes, Ana: we left at night.\nWell, Luis: it was late.\nYes, Ana: we walked.\n"
        "Well, Luis: and then?\nIntroduction: the road north.\n"
    )
    assert find_turns(prose) == ()


@pytest.mark.parametrize(
    ("names", "times"),
    [
        (["Ana Ruiz", "Bob Smith"], ["0:02", "0:07"]),
        (["Ana Ruiz", "Bob Smith", "Ana Ruiz"], ["0:02", "0:07", "0:15"]),
        (["Speaker 1", "Speaker 2", "Speaker 1"], ["00:00:02", "00:00:07", "00:01:15"]),
        (["Ana Ruiz", "Bob Smith", "Ana Ruiz"], ["[00:00:02]", "[00:00:07]", "[00:00:15]"]),
        (["Ana Ruiz", "Bob Smith"], ["10:02 AM", "10:03 AM"]),
        (["Ana Ruiz", "Bob Smith", "Cy Lee", "Ana Ruiz"], ["0:02", "0:07", "1:04", "1:30"]),
    ],
)
def test_a_name_then_its_time_on_the_next_line_opens_a_turn_of_a_short_transcript(
    names: list[str], times: list[str]
) -> None:
    # The speaker's name on one line, the time on the next, then what was said (as a
    # transcript copied from a meeting's transcript pane is written): with a speaker who
    # speaks once, or two turns only, the text had no turns at all.
    text = "".join(
        f"{name}\n{time}\nWords said {n}.\n\n"
        for n, (name, time) in enumerate(zip(names, times, strict=True))
    )
    assert [(t.speaker, t.time, text[t.body : t.end]) for t in find_turns(text)] == [
        (name, time.strip("[]"), f"Words said {n}.")
        for n, (name, time) in enumerate(zip(names, times, strict=True))
    ]


def test_a_programme_s_items_with_their_times_below_are_no_turns() -> None:
    # An agenda's items, each with its time on the line below (clock times on the five
    # minutes' marks), and a list of entries whose times go back, are no transcript.
    agenda = "".join(
        f"{item}\n{hour}\nIn the main hall.\n\n"
        for item, hour in (("Registration", "09:00"), ("Opening Talk", "09:30"), ("Lunch", "12:00"))
    )
    assert find_turns(agenda) == ()
    backward = "".join(
        f"{name}\n{time}\nWords said.\n\n"
        for name, time in (("Ana Ruiz", "0:40"), ("Bob Smith", "0:07"), ("Cy Lee", "0:03"))
    )
    assert find_turns(backward) == ()


@pytest.mark.parametrize(
    "chat",
    [
        "10:02:33 From Ana López to Everyone:\n\tHello everyone\n"
        "10:02:40 From Bo Chen to Ana López(Direct Message):\n\tHi Ana\n\tand all\n",
        "10:02:33\t From  Ana López : Hello everyone\n10:02:40\t From  Bo Chen : Hi Ana\nand all\n",
    ],
)
def test_a_zoom_meeting_s_saved_chat_of_two_messages_has_their_turns(chat: str) -> None:
    # A meeting's chat of two messages, saved as Zoom saves it, had no turns (three were
    # needed); one such line in a text is still none.
    assert [
        (t.speaker, t.time, " ".join(chat[t.body : t.end].split())) for t in find_turns(chat)
    ] == [("Ana López", "10:02:33", "Hello everyone"), ("Bo Chen", "10:02:40", "Hi Ana and all")]
    one = "Notes of the day.\n" + chat[: chat.index("10:02:40")] + "The rest went well.\n"
    assert find_turns(one) == ()
