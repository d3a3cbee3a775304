"""What ``report frequencies``' coverage counts of a transcript, beside agreement by character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli.main import main

TEXT = (
    "INTERVIEWER: Where were you?\n\n"
    "MARIA: At home.\n\n"
    "INTERVIEWER: All day?\n\n"
    "MARIA: Yes, all day.\n\n"
    "INTERVIEWER: Thank you.\n\n"
    "MARIA: Welcome.\n"
)
LABELS = 3 * len("INTERVIEWER: ") + 3 * len("MARIA: ")  # worked out by hand: 60


@pytest.fixture(autouse=True)
def _converted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(list(args)) == 0
    out: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return out


def test_coverage_counts_every_character_and_agreement_a_transcript_s_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # report frequencies' coverage of a transcript counted its speaker labels in the text's
    # length, and agreement by character left them out, and neither said so: a coder whose
    # passage took in a label had more coverage and no disagreement, unexplained.  Coverage
    # is the share of the whole text (NVivo's), agreement the words alone; the help says so.
    corpus, db = text_corpus(tmp_path, {"t.txt": TEXT}, "c")
    place = ["--db", db, "--corpus", str(corpus)]
    coding = [
        ("ana", "Where were you?"),
        ("ana", "At home."),
        ("ben", "Where were you?"),
        ("ben", "MARIA: At home."),  # the label too
    ]
    for coder, quote in coding:
        args = ["annotate", "t.txt", "--quote", quote, "--tag", "x", "--coder", coder]
        assert main([*args, *place]) == 0
    capsys.readouterr()
    coded = len("Where were you?") + len("At home.")
    [ana] = _json(capsys, "report", "frequencies", "--coder", "ana", "-f", "json", *place)
    assert (ana["characters"], ana["coverage"]) == (coded, coded / len(TEXT))
    [ben] = _json(capsys, "report", "frequencies", "--coder", "ben", "-f", "json", *place)
    assert (ben["characters"], ben["coverage"]) == (coded + 7, (coded + 7) / len(TEXT))
    [row, _] = _json(capsys, "agreement", "ana", "ben", "-f", "json", *place)
    assert (row["units"], row["both"], row["agreement"]) == (len(TEXT) - LABELS, coded, 1.0)

    with pytest.raises(SystemExit):
        main(["report", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "speaker labels and timestamps included" in said
    assert "agreement by character counts a transcript's words alone" in said
