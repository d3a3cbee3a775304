"""A query's distances in paragraphs over a survey kept as a CSV (a row a respondent): a row
is a paragraph, as autocode codes it and agreement counts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_listed

from tui_reader.cli.main import main

SURVEY = "ID,Answer\n1,The park is quiet.\n2,Too noisy.\n3,More benches.\n"


def test_near_in_paragraphs_counts_a_survey_s_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The whole sheet was one paragraph: every answer coded noise was "in the paragraph" of
    # the park, the second respondent's "Too noisy." too.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "survey.csv").write_text(SURVEY, encoding="utf-8")
    options = ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]
    made = {}
    for quote, code in (("park", "place"), ("quiet", "noise"), ("noisy", "noise")):
        capsys.readouterr()
        argv = ["annotate", "survey.csv", "--quote", quote, "-t", code, "--coder", "ana"]
        assert main([*argv, *options]) == 0
        made[quote] = capsys.readouterr().out.strip()
    query = ["query", "noise NEAR/0 place", "-f", "json", *options]
    assert ids_listed(capsys, query) == [made["quiet"]]
    query = ["query", "noise FOLLOWS/1 place", "-f", "json", *options]
    assert ids_listed(capsys, query) == [made["quiet"], made["noisy"]]
