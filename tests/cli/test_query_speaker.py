"""``speaker:NAME`` in a query: the passages holding words of a speaker's turns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.counting import names_given
from helpers.interviews import coded_corpus, coded_interview

from tui_reader.cli.main import main

TRANSCRIPT = (
    "Interviewer: Who decided on the deployment?\n\n"
    "Carlos Méndez: The Pentagon decided. It was Washington.\n\n"
    "Interviewer: And the tariffs?\n\n"
    "CARLOS MÉNDEZ: They were a threat.\n"
)
# (quote, code): worked out by hand from TRANSCRIPT's four turns
PASSAGES = (
    ("The Pentagon decided.", "pentagon"),  # Carlos's
    # across the question and its answer: both speakers'
    ("Who decided on the deployment?\n\nCarlos Méndez: The Pentagon decided.", "pentagon"),
    ("And the tariffs?", "pentagon"),  # the interviewer's
    ("They were a threat.", "tariffs"),  # Carlos's, his label in capitals
    # the next turn's label at its end is no one's words: Carlos's alone
    ("It was Washington.\n\nInterviewer:", "pentagon"),
)


@pytest.fixture(autouse=True)
def _converted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")


def _project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    coding = [("carlos.txt", quote, code) for quote, code in PASSAGES]
    place = coded_interview(
        tmp_path, TRANSCRIPT, [*coding, ("notes.txt", "The Pentagon", "pentagon")]
    )
    capsys.readouterr()
    return place


def _quotes(capsys: pytest.CaptureFixture[str], query: str, place: list[str]) -> list[str]:
    status = main(["query", query, "--format", "json", *place])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    return sorted(record["quote"] for record in json.loads(out))


def test_a_speaker_s_passages_are_those_holding_words_of_their_turns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Everything Carlos said coded pentagon": there was no way to ask it; a speaker's name
    # is compared as autocode --speaker compares it (case, accents and spaces aside)
    place = _project(tmp_path, capsys)
    carlos = sorted(PASSAGES[i][0] for i in (0, 1, 4))
    assert _quotes(capsys, 'pentagon AND speaker:"carlos  mendez"', place) == carlos
    assert _quotes(capsys, 'speaker:"CARLOS MÉNDEZ"', place) == sorted(
        [*carlos, "They were a threat."]
    )
    assert _quotes(capsys, "speaker:interviewer", place) == sorted(PASSAGES[i][0] for i in (1, 2))
    # NOT: the passages holding none of the interviewer's words, in a transcript or not
    assert _quotes(capsys, "pentagon AND NOT speaker:Interviewer", place) == sorted(
        [PASSAGES[0][0], PASSAGES[4][0], "The Pentagon"]
    )
    assert _quotes(capsys, "speaker:Carlos", place) == []  # a name is the whole name


def test_a_speaker_no_transcript_names_is_said_with_the_speakers_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # speaker:Carlos, or a name misspelled, matched nothing, and only "0 passages match" was
    # said: the researcher could not tell a name no transcript has from a speaker who said
    # nothing coded so
    place = _project(tmp_path, capsys)
    status = main(["query", "pentagon AND speaker:Carlos", *place])
    _, err = capsys.readouterr()
    assert status == 1
    assert (
        "tui-reader: speaker:Carlos: no speaker so named in the documents coded (speakers "
        "there: Interviewer, Carlos Méndez)"
    ) in err.splitlines(), err
    status = main(["query", 'tariffs AND speaker:"carlos mendez"', *place])
    _, err = capsys.readouterr()
    assert status == 0 and "no speaker so named" not in err, err
    status = main(["query", "tariffs AND speaker:interviewer", *place])
    _, err = capsys.readouterr()  # a speaker there who said nothing coded so: no such line
    assert status == 1 and "no speaker so named" not in err, err


def test_a_speaker_is_named_by_a_glob_as_a_document_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # speaker:Carlos* (as doc:int-* names documents) matched nothing and said there was no
    # speaker so named, "Carlos Méndez" among the speakers it listed
    place = _project(tmp_path, capsys)
    carlos = sorted([*(PASSAGES[i][0] for i in (0, 1, 4)), "They were a threat."])
    for glob in ("Carlos*", "carl*", '"Carlos M*"', "*mendez", "c?rlos*"):
        assert _quotes(capsys, f"speaker:{glob}", place) == carlos, glob
    assert _quotes(capsys, "pentagon AND NOT speaker:Inter*", place) == sorted(
        [PASSAGES[0][0], PASSAGES[4][0], "The Pentagon"]
    )
    status = main(["query", "pentagon AND speaker:Carl*", *place])
    _, err = capsys.readouterr()
    assert status == 0 and "no speaker so named" not in err, err
    status = main(["query", "pentagon AND speaker:Luc*", *place])
    _, err = capsys.readouterr()
    assert status == 1 and "speaker:Luc*: no speaker so named" in err, err


def test_a_speaker_or_a_document_named_as_the_glob_is_that_one_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # speaker:"Dr. [R]" took Dr. R's words too, and doc:"notes[1].txt" notes1.txt's, quoted
    # or not: a name holding * ? [ was a glob even where a speaker or a file is so named. A
    # coder so named was already that coder alone; a glob naming no one as spelled is a glob.
    cues = [("Dr. [R]", "We began in May."), ("Dr. R", "Not quite."), ("Dr. [R]", "In May.")]
    talk = "WEBVTT\n\n" + "\n".join(
        f"00:00:0{i}.000 --> 00:00:0{i + 1}.000\n<v {who}>{said}\n"
        for i, (who, said) in enumerate(cues, 1)
    )
    texts = {"talk.vtt": talk, "notes[1].txt": "First notes.\n", "notes1.txt": "Other notes.\n"}
    place = coded_corpus(
        tmp_path,
        texts,
        [
            ("talk.vtt", "We began", "x"),
            ("talk.vtt", "Not quite", "x"),
            ("notes[1].txt", "First", "x"),
            ("notes1.txt", "Other", "x"),
        ],
    )
    capsys.readouterr()
    assert _quotes(capsys, 'x AND speaker:"Dr. [R]"', place) == ["We began"]
    assert _quotes(capsys, "x AND speaker:dr.*", place) == ["Not quite", "We began"]
    assert _quotes(capsys, 'doc:"notes[1].txt"', place) == ["First"]
    assert _quotes(capsys, "doc:notes[1]", place) == ["First"]
    assert _quotes(capsys, "doc:notes*", place) == ["First", "Other"]
    assert _quotes(capsys, "doc:notes[0-9].txt", place) == ["Other"]


def test_one_person_named_family_name_first_in_one_transcript_is_one_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A study of a Teams meeting (its accounts named family name first: "Ruiz, Ana   0:03")
    # and a Zoom one ("Ana Ruiz: ...") with the same people: Ana Ruiz was two speakers,
    # speaker:"Ana Ruiz" found her Zoom words alone, speaker:Ruiz* her Teams words alone,
    # autocode --speaker coded half of what she said and the code by speaker table gave
    # her two columns.  A name written "Family, Given" is the name "Given Family".
    texts = {
        "teams.txt": (
            "Gómez, Luis   0:01\n\nHow did you come to Tapachula?\n\n"
            "Ruiz, Ana   0:05\n\nBy bus, at night.\n\n"
            "Gómez, Luis   0:09\n\nAnd then?\n\n"
            "Ruiz, Ana   0:12\n\nWe slept at the shelter.\n"
        ),
        "zoom.txt": (
            "Luis Gómez: Where did you work?\n\nAna Ruiz: In a kitchen.\n\n"
            "Luis Gómez: For how long?\n\nAna Ruiz: Two months.\n"
        ),
    }
    place = coded_corpus(
        tmp_path,
        texts,
        [
            ("teams.txt", "By bus, at night.", "x"),
            ("teams.txt", "And then?", "x"),
            ("zoom.txt", "In a kitchen.", "x"),
            ("zoom.txt", "For how long?", "x"),
        ],
    )
    capsys.readouterr()
    hers = ["By bus, at night.", "In a kitchen."]
    for name in ('"Ana Ruiz"', '"Ruiz, Ana"', "Ruiz*", "Ana*", '"ruiz,  ana"'):
        assert _quotes(capsys, f"speaker:{name}", place) == hers, name
    assert _quotes(capsys, "speaker:Gómez*", place) == ["And then?", "For how long?"]
    assert main(["report", "matrix", "--by-speaker", "--format", "json", *place]) == 0
    out, err = capsys.readouterr()
    speakers = {key for row in json.loads(out) for key in row} - {"tag"}
    assert len(speakers) == 2, (speakers, err)
    status = main(["autocode", "--speaker", "Ana Ruiz", "--tag", "ana", *place])
    capsys.readouterr()
    assert status == 0
    assert _quotes(capsys, "ana", place) == [
        "By bus, at night.",
        "In a kitchen.",
        "Two months.",
        "We slept at the shelter.",
    ]


def test_a_document_whose_kept_facts_name_no_speaker_is_not_loaded_until_it_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """speaker: loaded every document in scope for its turns (10,000 articles: seconds). A
    note its kept facts say names no speaker is not loaded; edited into a transcript, it is,
    and its speaker's passages match."""
    import tui_reader.core.workspace as workspace

    place = _project(tmp_path, capsys)
    loaded = names_given(monkeypatch, workspace, "load_document")
    _quotes(capsys, "speaker:Carlos*", place)  # the facts kept
    loaded.clear()
    assert _quotes(capsys, "speaker:Rosa", place) == []
    assert "notes.txt" not in loaded
    notes = Path(place[place.index("--corpus") + 1]) / "notes.txt"
    notes.write_text(TRANSCRIPT.replace("Carlos Méndez", "Rosa").replace("CARLOS MÉNDEZ", "Rosa"))
    loaded.clear()
    assert _quotes(capsys, "speaker:Rosa", place) == ["The Pentagon"]  # "The Pentagon decided"
    assert "notes.txt" in loaded
