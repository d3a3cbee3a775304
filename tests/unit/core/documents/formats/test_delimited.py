"""Comma- and tab-separated files: a transcription service's transcript, or a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.documents.document import load_document


def test_a_csv_transcript_s_rows_are_turns_with_their_times(tmp_path: Path) -> None:
    # Descript, Sonix, Trint, Otter and Rev export a transcript as CSV (a header naming the
    # speaker's and the text's columns, times in their own, cells quoted when they hold a
    # comma, a quote or a line break): such a file was refused, "unsupported file type
    # '.csv'".
    path = tmp_path / "interview.csv"
    path.write_bytes(
        b"\xef\xbb\xbfSpeaker Name,Start Time,End Time,Text\r\n"
        b'Speaker 1,00:00:01.200,00:00:04.000,"Where did you sleep, that night?"\r\n'
        b'Speaker 2,00:00:05,00:00:09,"Under the bridge, ""near"" the market.\n'
        b'Then the shelter."\r\n'
        b"Speaker 1,72.5,75,And in the morning?\r\n"
        b"Speaker 2,1:01:15:12,1:01:20:00,We walked to the shelter.\r\n"
    )
    doc = load_document(path)
    assert (doc.format, doc.title, doc.metadata["speakers"]) == (
        "csv", "interview", "Speaker 1, Speaker 2"
    )  # fmt: skip
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:01", "Speaker 1", "Where did you sleep, that night?"),
        ("00:00:05", "Speaker 2", 'Under the bridge, "near" the market.\nThen the shelter.'),
        ("00:01:12", "Speaker 1", "And in the morning?"),
        ("01:01:15", "Speaker 2", "We walked to the shelter."),
    ]
    assert '""' not in doc.text and "00:00:04" not in doc.text


def test_any_other_csv_is_a_table_of_its_cells(tmp_path: Path) -> None:
    # A CSV of figures (a semicolon's, as Excel saves it where a comma is the decimal mark)
    # reads as a table's rows, never its quotes.
    path = tmp_path / "figures.csv"
    path.write_text('Region;Count;Share\nNorth;12;0,5\n"South; ""coast""";3;\n', "utf-8")
    doc = load_document(path)
    assert doc.text == 'Region │ Count │ Share\nNorth │ 12 │ 0,5\nSouth; "coast" │ 3'
    assert doc.turns == ()


def test_a_tsv_s_quoted_cells_lose_their_quotes(tmp_path: Path) -> None:
    # Excel's "Unicode text" quotes a cell holding a quote or a separator: the quotes were
    # kept in the text and in the turns ('"Under the bridge; ""near"" it"').
    path = tmp_path / "interview.tsv"
    path.write_text(
        'Speaker\tStart time\tText\nAna\t00:00:01\t"Under the bridge; ""near"" it"\n'
        'Bo\t00:00:05\tWhere?\nAna\t00:00:08\t"There,\tby the market."\n',
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:01", "Ana", 'Under the bridge; "near" it'),
        ("00:00:05", "Bo", "Where?"),
        ("00:00:08", "Ana", "There,\tby the market."),
    ]


def test_a_tsv_transcript_without_a_header_has_its_turns(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(
        "Ana\t00:00:01\tUnder the bridge near it.\nBo\t00:00:05\tWhere was that?\n"
        "Ana\t00:00:08\tThere by the market.\nBo\t00:00:12\tAnd then what?\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:01", "Ana", "Under the bridge near it."),
        ("00:00:05", "Bo", "Where was that?"),
        ("00:00:08", "Ana", "There by the market."),
        ("00:00:12", "Bo", "And then what?"),
    ]


def test_excel_s_separator_line_and_bracketed_times_are_read(tmp_path: Path) -> None:
    # Excel's "sep=;" line above the rows was read as the table's first row, the header
    # below it then no header: the transcript was a table; "[00:00:05]" gave no time.
    path = tmp_path / "interview.csv"
    path.write_text(
        "sep=;\nSpeaker;Timecode;Transcript\nAna;[00:00:05];Under the bridge, near it.\n"
        "Bo;[00:01:10];Where?\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:05", "Ana", "Under the bridge, near it."),
        ("00:01:10", "Bo", "Where?"),
    ]


def test_a_transcript_s_columns_of_words_are_kept_below_their_turns(tmp_path: Path) -> None:
    # A transcript's other columns (a transcriber's notes, a translation) were left out of
    # the text: only the speaker, the start and the text were read.  Columns of figures (an
    # end time, a confidence) stay out; a row of notes alone is no turn of its own.
    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Start,End,Text,Confidence,Translation,Notes\n"
        "Ana,00:00:01,00:00:04,Dormimos bajo el puente.,0.93,We slept under the bridge.,\n"
        "Bo,00:00:05,00:00:07,¿Dónde?,0.88,Where?,inaudible after this\n"
        ",00:00:08,00:00:09,,,,[traffic noise]\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "[00:00:01] Ana: Dormimos bajo el puente.\nTranslation: We slept under the bridge.\n\n"
        "[00:00:05] Bo: ¿Dónde?\nTranslation: Where?\nNotes: inaudible after this\n\n"
        "Notes: [traffic noise]"
    )
    assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("Ana", "Dormimos bajo el puente.\nTranslation: We slept under the bridge."),
        ("Bo", "¿Dónde?\nTranslation: Where?\nNotes: inaudible after this"),
    ]
    assert doc.metadata["speakers"] == "Ana, Bo"


def test_a_passage_of_a_transcript_s_translation_is_cited_by_its_turn(tmp_path: Path) -> None:
    # The translation below a turn was outside it: a passage coded in the translation had no
    # speaker and no time in the exports.
    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Start,Text,Translation\nAna,00:00:01,Dormimos bajo el puente.,We slept there.\n"
        "Bo,00:00:05,¿Dónde?,Where?\n",
        "utf-8",
    )
    doc = load_document(path)
    turn = doc.turn_at(doc.text.index("We slept there."))
    assert turn is not None and turn.citation == "[00:00:01] Ana"


def test_a_sheet_naming_its_speakers_and_answers_otherwise_is_a_transcript(
    tmp_path: Path,
) -> None:
    # "Respondent,Answer" or "Who,What" (an interview's or a survey's own sheet) opened as a
    # table: only the words of the transcription services' exports named its columns.  A
    # sheet of figures, or of yes and no, under such a header stays a table.
    (tmp_path / "survey.csv").write_text(
        'Respondent,Answer\nR1,"I moved here in 2019, after the flood."\nR2,We never left.\n',
        "utf-8",
    )
    (tmp_path / "talk.tsv").write_text(
        "Who\tWhat\nAna\tWhere did you sleep?\nBo\tUnder the bridge.\n", "utf-8"
    )
    (tmp_path / "ages.csv").write_text("Respondent,Answer\nR1,34\nR2,51\n", "utf-8")
    (tmp_path / "votes.csv").write_text("Who,What\nAna,Yes\nBo,No\nCy,Yes\n", "utf-8")
    survey, talk = load_document(tmp_path / "survey.csv"), load_document(tmp_path / "talk.tsv")
    assert [(t.speaker, survey.text[t.body : t.end]) for t in survey.turns] == [
        ("R1", "I moved here in 2019, after the flood."),
        ("R2", "We never left."),
    ]
    assert [(t.speaker, talk.text[t.body : t.end]) for t in talk.turns] == [
        ("Ana", "Where did you sleep?"),
        ("Bo", "Under the bridge."),
    ]
    for table in ("ages.csv", "votes.csv"):
        doc = load_document(tmp_path / table)
        assert (doc.turns, doc.text.count(" │ ")) == ((), doc.text.count("\n") + 1), table


def test_a_dialogue_of_one_word_answers_under_such_a_header_is_a_transcript(
    tmp_path: Path,
) -> None:
    # An exchange of short questions and one-word answers ("Cold?" "Yes.") under "Who,What"
    # opened as a table: its cells held fewer than two words on average, as a sheet of
    # votes does.  A question asked and a speaker speaking again make it a dialogue; a
    # sheet of each one's answer, even to a question, stays a table.
    (tmp_path / "talk.csv").write_text(
        "Who,What\nInterviewer,Cold?\nAna,Yes.\nInterviewer,Hungry?\nAna,Always.\n"
        "Interviewer,Alone?\nAna,No.\n",
        "utf-8",
    )
    (tmp_path / "poll.csv").write_text(
        "Respondent,Answer\nR1,Yes\nR2,No?\nR3,Yes\nR3,No\n", "utf-8"
    )
    talk = load_document(tmp_path / "talk.csv")
    assert talk.text.startswith("Interviewer: Cold?\n\nAna: Yes.\n\nInterviewer: Hungry?")
    assert [(t.speaker, talk.text[t.body : t.end]) for t in talk.turns] == [
        ("Interviewer", "Cold?"), ("Ana", "Yes."), ("Interviewer", "Hungry?"),
        ("Ana", "Always."), ("Interviewer", "Alone?"), ("Ana", "No."),
    ]  # fmt: skip
    poll = load_document(tmp_path / "poll.csv")
    assert (poll.turns, poll.text.count(" │ ")) == ((), 5)


def test_a_transcript_s_keys_and_figures_with_units_are_no_words_below_its_turns(
    tmp_path: Path,
) -> None:
    # A row's key ("ID": "a3f9c2") and a duration with its unit ("3.5s") hold letters: each
    # was written below every turn as if it were a note ("ID: a3f9c2", "Duration: 3.5s").
    path = tmp_path / "interview.csv"
    path.write_text(
        "ID,Speaker,Start,Duration,Text,Notes\n"
        "a3f9c2,Ana,00:00:01,3.5s,We slept under the bridge.,\n"
        "b71e04,Bo,00:00:05,2 s,Where?,laughs\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "[00:00:01] Ana: We slept under the bridge.\n\n[00:00:05] Bo: Where?\nNotes: laughs"
    )


@pytest.mark.parametrize(
    ("rows", "stamps"),
    [
        (
            "Date,Author,Message\n2023-05-12 10:02:33,Ana,We are at the shelter now\n"
            "2023-05-12 10:05:10,Luis,How many people are there?\n",
            ["2023-05-12 10:02:33", "2023-05-12 10:05:10"],
        ),
        (
            "Date,Time,Sender,Message\n12/05/2023,10:02,Ana,We are at the shelter now\n"
            "12/05/2023,10:05,Luis,How many people are there?\n",
            ["12/05/2023 10:02", "12/05/2023 10:05"],
        ),
        (
            "Timestamp,Author,Message\n2023-05-12T10:02:33Z,Ana,We are at the shelter now\n"
            "2023-05-12T10:05:10Z,Luis,How many people are there?\n",
            ["2023-05-12T10:02:33Z", "2023-05-12T10:05:10Z"],
        ),
        (  # a recording's start beside the interview's day: the start
            "Date,Start,Speaker,Text\n2023-05-12,00:00:05,Ana,We are at the shelter now\n"
            "2023-05-12,00:01:10,Luis,How many people are there?\n",
            ["00:00:05", "00:01:10"],
        ),
    ],
)
def test_a_chat_export_s_messages_are_stamped_with_their_day_and_time(
    tmp_path: Path, rows: str, stamps: list[str]
) -> None:
    # A chat's or a forum's export ("Date,Author,Message") lost when each message was
    # written: its Date column, figures alone, was left out and named no time; a separate
    # Time column's "10:02" was read as ten minutes into a recording ("00:10:02"), and an
    # ISO timestamp as no time.  The day and time of day are the turn's time, as written.
    path = tmp_path / "chat.csv"
    path.write_text(rows, "utf-8")
    doc = load_document(path)
    assert [t.time for t in doc.turns] == stamps
    assert [doc.text[t.start : t.body] for t in doc.turns] == [
        f"[{stamps[0]}] Ana: ", f"[{stamps[1]}] Luis: "
    ]  # fmt: skip


def test_a_transcript_s_text_holding_unquoted_commas_is_read_whole(tmp_path: Path) -> None:
    # A sheet typed by hand (or a tool writing no quotes) whose text held a comma unquoted
    # lost all after the comma: the cells past the header's last column were left out of
    # the turn, "“We slept under the bridge" its only words.  They are the text's.
    path = tmp_path / "interview.csv"
    path.write_bytes(
        "Speaker,Text\r\nJosé,“We slept under the bridge,” he said, near the café.,\r\n"
        "Ana,Where?\r\n".encode("cp1252")
    )
    doc = load_document(path)
    assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("José", "“We slept under the bridge,” he said, near the café."),
        ("Ana", "Where?"),
    ]


def test_a_text_holding_unquoted_commas_before_the_times_is_read_whole(tmp_path: Path) -> None:
    # The text column before the start and end times: the text was its first piece, the
    # start time "he said" and the end time " near the café.", the times lost.
    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Text,Start,End\nJosé,We slept under the bridge, he said, near the café.,"
        "00:00:05,00:00:09\nAna,Where?,00:00:10,00:00:11\nJosé,There, by the market.,00:00:12,\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:05", "José", "We slept under the bridge, he said, near the café."),
        ("00:00:10", "Ana", "Where?"),
        ("00:00:12", "José", "There, by the market."),
    ]


def test_a_meeting_s_mark_of_a_guest_is_no_part_of_a_csv_speaker_s_name(tmp_path: Path) -> None:
    # A Teams transcript saved as a sheet names a guest "Ana Ruiz (Guest)": she and "Ana
    # Ruiz" were two speakers.
    path = tmp_path / "meeting.csv"
    path.write_text(
        "Speaker,Text\nAna Ruiz (Guest),Good morning.\nLuis,Hello.\nAna Ruiz,Shall we begin?\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [t.speaker for t in doc.turns] == ["Ana Ruiz", "Luis", "Ana Ruiz"]
    assert doc.metadata["speakers"] == "Ana Ruiz, Luis"


def test_a_sound_noted_in_a_csv_speaker_s_cell_is_no_part_of_her_name(tmp_path: Path) -> None:
    # A sheet's speaker cell "Ana [laughs]", as a transcriber notes a sound after a name:
    # she was a speaker of her own, her words in that row left out of Ana's query and
    # autocode.  The note stays in the text, in the turn's label.
    path = tmp_path / "interview.csv"
    path.write_text(
        "Speaker,Time,Text\nInterviewer,00:00:01,How did you come?\n"
        "Ana [laughs],00:00:04,Well by bus.\nInterviewer,00:00:09,And then?\n"
        "Ana (inaudible 00:00:12),00:00:12,We walked.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Ana", "Interviewer", "Ana"]
    assert doc.metadata["speakers"] == "Interviewer, Ana"
    assert doc.text[doc.turns[1].start : doc.turns[1].body] == "[00:00:04] Ana [laughs]: "


def test_an_nvivo_transcript_s_timespans_give_its_turns_times(tmp_path: Path) -> None:
    # NVivo writes a transcript's rows with their start and end in one "Timespan" cell,
    # the speaker last: the turns had no time, so a passage was cited by no time.
    path = tmp_path / "interview.tsv"
    path.write_text(
        "Timespan\tContent\tSpeaker\n"
        "0:00:03.0 - 0:00:05.5\tWhere did you sleep that night?\tAna\n"
        "0:00:09.0 - 0:00:12.0\tUnder the bridge, near the market.\tLuis\n"
        "0:01:15.2 - 0:01:17.0\tAnd in the morning?\tAna\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.time, t.speaker) for t in doc.turns] == [
        ("00:00:03", "Ana"), ("00:00:09", "Luis"), ("00:01:15", "Ana")
    ]  # fmt: skip
    assert "0:00:05.5" not in doc.text


def test_a_cell_longer_than_the_csv_module_s_default_limit_is_read(tmp_path: Path) -> None:
    # A sheet of interviews, one in a cell: a cell over 128 KB refused the whole file,
    # "unreadable row at line 2 (field larger than field limit (131072))", when converted
    # in a process that had read no CSV to import (the conversion's own, the usual case).
    import csv

    answer = "We walked to the shelter that night. " * 5_000  # 185,000 characters
    path = tmp_path / "interviews.csv"
    path.write_text(f'Respondent,Answer\nAna,"{answer}"\nBea,Short one.\n', encoding="utf-8")
    default = csv.field_size_limit(131_072)  # a fresh process's limit
    try:
        doc = load_document(path)
    finally:
        csv.field_size_limit(default)
    assert [(t.speaker, len(doc.text[t.body : t.end])) for t in doc.turns] == [
        ("Ana", len(answer.strip())),
        ("Bea", len("Short one.")),
    ]


def test_a_transcript_s_rows_and_their_spans_cost_few_lines_of_python(tmp_path: Path) -> None:
    # A tweet dataset of 1,000,000 rows (a user's and a text's column) was stopped at the
    # conversion's time limit: each row was written through the text builder's checks, and
    # its spans and turn pickled back from the converter's process field by field.
    import pickle

    from helpers.counting import lines_run

    from tui_reader.core.documents.formats.delimited import convert_csv

    rows = 2_000
    text = "id,created_at,user,text,likes\n" + "".join(
        f'{i},2023-05-12 10:02:{i % 60:02d},user{i % 7},"what was said, {i}",{i % 9}\n'
        for i in range(rows)
    )
    parsed, ran = lines_run(lambda: convert_csv(text, tmp_path / "t.csv"), at_most=10**6)
    assert len(parsed.turns) == rows
    assert parsed.text.startswith("[2023-05-12 10:02:00] user0: what was said, 0\n\n[")
    assert ran < 120 * rows, ran
    sent = pickle.dumps(parsed)
    back, ran = lines_run(lambda: pickle.loads(sent), at_most=10**6)
    assert (back.spans, back.turns) == (parsed.spans, parsed.turns)
    assert ran < 20 * rows, ran


def test_a_speaker_s_pronouns_are_no_part_of_a_csv_speaker_s_name(tmp_path: Path) -> None:
    # Zoom and Teams name a speaker "Ana Ruiz (she/her)" once she has set her pronouns:
    # a sheet of the meeting had her and "Ana Ruiz" as two speakers.
    path = tmp_path / "meeting.csv"
    path.write_text(
        "Speaker,Text\nAna Ruiz (she/her),Good morning.\nLuis (he/him),Hello.\n"
        "Ana Ruiz,Shall we begin?\n",
        "utf-8",
    )
    doc = load_document(path)
    assert [t.speaker for t in doc.turns] == ["Ana Ruiz", "Luis", "Ana Ruiz"]
    assert doc.metadata["speakers"] == "Ana Ruiz, Luis"
