"""``report matrix --by-speaker``: a code x speaker table, who said what, worked out by hand
from a transcript's turns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from helpers.counting import names_given
from helpers.interviews import coded_interview

from tui_reader.cli.main import main

TRANSCRIPT = (
    "Interview in Tapachula, March 2019\n\n"
    "Interviewer: Who decided on the deployment?\n\n"
    "Carlos Méndez: The Pentagon decided. It was Washington.\n\n"
    "Interviewer: And the tariffs?\n\n"
    "CARLOS MÉNDEZ: They were a threat.\n\n"
    "Interviewer: Thank you.\n\n"
    "Carlos Méndez: You are welcome.\n"
)
# (document, quote, codes), each passage's speakers worked out from TRANSCRIPT's turns
PASSAGES = (
    ("carlos.txt", "The Pentagon decided.", "pentagon"),  # Carlos's
    # across the question and its answer: the interviewer's and Carlos's
    ("carlos.txt", "Who decided on the deployment?\n\nCarlos Méndez: The Pentagon", "pentagon"),
    ("carlos.txt", "And the tariffs?", "tariffs"),  # the interviewer's
    ("carlos.txt", "They were a threat.", "tariffs,threat"),  # Carlos's, his name in capitals
    ("carlos.txt", "Interview in Tapachula", "pentagon"),  # the preamble: no one's words
    ("notes.txt", "The Pentagon", "pentagon"),  # no transcript: no one's
)
# passages per code and speaker: a passage of two speakers counts for each; Carlos's column
# named as two of his three turns spell him
EXPECTED = [
    {"tag": "pentagon", "Carlos Méndez": 2, "Interviewer": 1, "(no speaker)": 2},
    {"tag": "tariffs", "Carlos Méndez": 1, "Interviewer": 1, "(no speaker)": 0},
    {"tag": "threat", "Carlos Méndez": 1, "Interviewer": 0, "(no speaker)": 0},
]


@pytest.fixture(autouse=True)
def _converted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")


@pytest.fixture
def place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    place = coded_interview(tmp_path, TRANSCRIPT, PASSAGES)
    capsys.readouterr()
    return place


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    status = main(["report", "matrix", *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out, err


def test_a_code_by_speaker_table_counts_each_speaker_s_passages(
    place: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # --by speakers grouped by each document's list of speakers ("INTERVIEWER, Carlos
    # Méndez"): there was no table of who said what
    out, _ = _report(capsys, "--by-speaker", "--format", "json", *place)
    rows: Any = json.loads(out)
    assert rows == EXPECTED
    assert [list(row) for row in rows] == [list(row) for row in EXPECTED]  # columns in order
    out, _ = _report(capsys, "--by-speaker", "--format", "csv", *place)
    table = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert table[0] == ["tag", "Carlos Méndez", "Interviewer", "(no speaker)"]
    assert table[1] == ["pentagon", "2", "1", "2"]
    out, _ = _report(capsys, "--by-speaker", *place)
    lines = out.splitlines()
    assert lines[0].split() == ["tag", "Carlos", "Méndez", "Interviewer", "(no", "speaker)"]
    assert [line.split() for line in lines[2:]] == [
        ["pentagon", "2", "1", "2"],
        ["tariffs", "1", "1", "0"],
        ["threat", "1", "0", "0"],
    ]
    # no passage in no turn: no column of zeros for them
    out, _ = _report(capsys, "--by-speaker", "--tag", "tariffs", "--format", "json", *place)
    assert json.loads(out) == [{"tag": "tariffs", "Carlos Méndez": 1, "Interviewer": 1}]
    # of no transcript: said, as a matrix by an attribute no document has
    out, err = _report(capsys, "--by-speaker", "--doc", "notes.txt", "--format", "csv", *place)
    assert out.removeprefix("\ufeff").splitlines() == ["tag,(no speaker)", "pentagon,1"]
    assert err == (
        "tui-reader: no document in this report reads as a transcript: every passage is "
        "under '(no speaker)'\n"
    )


def test_an_attribute_named_speaker_is_still_the_attribute(
    place: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # a corpus of speeches may give each document its speaker: --by speaker is that
    # attribute, --by-speaker the speakers of the turns
    assert main(["attr", "set", "notes.txt", "speaker=Ana", *place]) == 0
    capsys.readouterr()
    out, _ = _report(capsys, "--by", "speaker", "--format", "json", *place)
    assert json.loads(out)[0] == {"tag": "pentagon", "Ana": 1, "(none)": 3}
    out, _ = _report(capsys, "--by-speaker", "--format", "json", *place)
    assert json.loads(out) == EXPECTED


def test_the_speakers_option_is_refused_where_it_means_nothing(
    place: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for args, said in (
        (["frequencies", "--by-speaker"], "--by-speaker goes with the matrix report"),
        (["matrix", "--by-speaker", "--by", "country"], "--by and --by-speaker: give one"),
        # no attribute so named: the option that gives the speakers' table is named
        (["matrix", "--by", "speaker"], "a column per speaker of the transcripts: --by-speaker"),
    ):
        assert main(["report", *args, *place]) == 2, args
        _, err = capsys.readouterr()
        assert said in err and len(err.splitlines()) == 1, err


def test_a_document_whose_kept_facts_name_no_speaker_is_not_loaded_until_it_changes(
    place: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report by speaker loaded every coded document for its turns: 10,000 articles were
    10 s of a report whose counting takes a tenth of that.  A note its kept facts say names
    no speaker is not loaded; once it is edited (now a transcript), it is, and counted."""
    import tui_reader.core.workspace as workspace

    loaded = names_given(monkeypatch, workspace, "load_document")
    _report(capsys, "--by-speaker", "--format", "json", *place)  # the facts kept
    loaded.clear()
    out, _ = _report(capsys, "--by-speaker", "--format", "json", *place)
    assert json.loads(out) == EXPECTED
    assert "notes.txt" not in loaded
    notes = Path(place[place.index("--corpus") + 1]) / "notes.txt"
    notes.write_text(TRANSCRIPT.replace("Carlos Méndez", "Rosa").replace("CARLOS MÉNDEZ", "Rosa"))
    loaded.clear()
    out, err = _report(capsys, "--by-speaker", "--format", "json", *place)
    assert "notes.txt" in loaded
    assert "Rosa" in json.loads(out)[0], err
