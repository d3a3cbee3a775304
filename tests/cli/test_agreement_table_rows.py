"""``agreement --unit paragraph`` and ``--unit sentence`` on a survey kept as a table (a CSV, a
row a respondent): a row is a paragraph and a sentence stays in its cell, as autocode cuts
them, so two coders coding different answers disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_coders_of_different_rows_of_a_survey_disagree_by_paragraph_and_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ana codes the first answer, Ben the third: the whole sheet was one paragraph, both
    # coders "coded" it (agreement 1.0); and by sentence the answers' cells ran into their
    # rows' IDs, "2 │ Too noisy." one sentence.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "ID,Answer\n1,The park is quiet.\n2,Too noisy.\n3,More benches.\n"
    (corpus / "survey.csv").write_text(rows, encoding="utf-8")
    where = ["--db", str(tmp_path / "team.json"), "--corpus", str(corpus)]
    for coder, quote in (("ana", "park"), ("ben", "benches")):
        _run(
            capsys,
            "annotate",
            "survey.csv",
            "--quote",
            quote,
            "--tag",
            "place",
            "--coder",
            coder,
            *where,
        )
    units = {}
    for unit in ("paragraph", "sentence"):
        out = _run(capsys, "agreement", "ana", "ben", "--unit", unit, "--format", "json", *where)
        rows_out = json.loads(out)
        row = next(
            r
            for r in (rows_out["rows"] if isinstance(rows_out, dict) else rows_out)
            if r["tag"] == "place"
        )
        units[unit] = (row["units"], row["both"], row["only_a"], row["only_b"], row["neither"])
    assert units["paragraph"] == (4, 0, 1, 1, 2)  # the header row and the three answers
    assert units["sentence"] == (8, 0, 1, 1, 6)  # a cell a sentence here


@pytest.mark.parametrize("name", ["talk.xlsx", "talk.csv"])
def test_a_transcript_sheet_s_paragraphs_leave_the_speaker_s_label_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # A transcript kept as a workbook's sheet (Speaker, Start, Text; its other sheet a
    # two-column table) or as a CSV of two turns (a text needs three lines opening a turn to
    # read as a transcript's): its text alone shows no turns, and a turn's paragraph
    # began at the label ("Ana │ 00:00:05 │ Hello...", "[00:00:05] Ana: Hello..."), so Ana's
    # coding of the timestamp alone counted as coding Ana's turn, as Ben's "Hello" did (both
    # coded it).  In a plain transcript the label is no part of a unit: Ana's passage
    # overlaps none.
    from helpers.format_fixtures import TALK_SHEET, make_xlsx

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    talk = TALK_SHEET
    if name.endswith(".xlsx"):
        codes = [["Code", "Meaning"], ["greet", "A greeting"]]
        make_xlsx(corpus / name, [("Talk", talk), ("Codes", codes)])
    else:
        lines = (",".join(row) for row in talk[:3])
        (corpus / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "team.json"), "--corpus", str(corpus)]
    for coder, quote in (("ana", "00:00:05"), ("ben", "Hello")):
        argv = ["annotate", name, "--quote", quote, "--tag", "greet", "--coder", coder]
        _run(capsys, *argv, *where)
    for unit in ("paragraph", "sentence"):
        out = _run(capsys, "agreement", "ana", "ben", "--unit", unit, "--format", "json", *where)
        found = json.loads(out)
        row = next(r for r in found if r["tag"] == "greet")
        assert (row["both"], row["only_a"], row["only_b"]) == (0, 0, 1), unit


def test_a_markdown_table_s_rows_are_paragraphs_to_agreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A Markdown file holding a table among its prose, Ana coding one answer and Ben the
    # other: agreement read the file as the search does and cut it as prose, the table one
    # paragraph both "coded" (3 units, both 1), where the reader's } and autocode go a row
    # at a time.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    table = "| ID | Answer |\n|--|--|\n| 1 | Quiet. |\n| 2 | Noisy. |"
    (corpus / "doc.md").write_text(f"Intro.\n\n{table}\n\nAfter.\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "team.json"), "--corpus", str(corpus)]
    for coder, quote in (("ana", "Quiet"), ("ben", "Noisy")):
        argv = ["annotate", "doc.md", "--quote", quote, "--tag", "place", "--coder", coder]
        _run(capsys, *argv, *where)
    out = _run(capsys, "agreement", "ana", "ben", "--unit", "paragraph", "--format", "json", *where)
    row = next(r for r in json.loads(out) if r["tag"] == "place")
    assert (row["units"], row["both"], row["only_a"], row["only_b"]) == (5, 0, 1, 1)
