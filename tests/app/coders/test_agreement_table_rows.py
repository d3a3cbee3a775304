"""The compare view's agreement box (K, then =, u) by sentence and paragraph in a survey kept
as a CSV: a row is a paragraph and a sentence stays in its cell, as the command counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.app import ready, screen_opened, wait_until, workers_done

from tui_reader.cli.main import main
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane import ReadingPane

SURVEY = "ID,Answer\n1,The park is quiet.\n2,Too noisy.\n3,More benches.\n"


async def test_the_agreement_box_counts_a_survey_s_rows_and_cells_as_the_command_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ana coded the first answer, Ben the third: the box counted the sheet as one paragraph
    # both coders "coded" (1 unit, agreed), where the command counts its four rows.
    corpus, db = tmp_path / "corpus", tmp_path / "team.json"
    corpus.mkdir()
    (corpus / "survey.csv").write_text(SURVEY, encoding="utf-8")
    where = ["--db", str(db), "--corpus", str(corpus)]
    for who, quote in (("ana", "park"), ("ben", "benches")):
        argv = ["annotate", "survey.csv", "--quote", quote, "-t", "place", "--coder", who]
        assert main([*argv, *where]) == 0
    capsys.readouterr()
    printed = {}
    for unit in ("sentence", "paragraph"):
        argv = ["agreement", "ana", "ben", "--unit", unit, "--doc", "survey.csv"]
        assert main([*argv, "--format", "json", *where]) == 0
        printed[unit] = json.loads(capsys.readouterr().out)
    assert [row["units"] for row in printed["paragraph"]] == [4, 4]
    assert await _box_by_unit(corpus, db, "survey.csv") == printed


async def test_the_agreement_box_leaves_a_transcript_sheet_s_labels_out(tmp_path: Path) -> None:
    # A transcript kept as a workbook's sheet: Ana coded the timestamp alone, Ben "Hello".
    # The box counted Ana's turn from its label on ("Ana │ 00:00:05 │ Hello..."), both
    # coders "coding" it; the label is no part of a unit, as in a plain transcript.
    from helpers.format_fixtures import TALK_SHEET, make_xlsx

    corpus, db = tmp_path / "corpus", tmp_path / "team.json"
    corpus.mkdir()
    talk = TALK_SHEET
    codes = [["Code", "Meaning"], ["greet", "A greeting"]]
    make_xlsx(corpus / "talk.xlsx", [("Talk", talk), ("Codes", codes)])
    where = ["--db", str(db), "--corpus", str(corpus)]
    for who, quote in (("ana", "00:00:05"), ("ben", "Hello")):
        argv = ["annotate", "talk.xlsx", "--quote", quote, "-t", "greet", "--coder", who]
        assert main([*argv, *where]) == 0
    for unit, rows in (await _box_by_unit(corpus, db, "talk.xlsx")).items():
        row = next(row for row in rows if row["tag"] == "greet")
        assert (row["both"], row["only_a"], row["only_b"]) == (0, 0, 1), unit


async def _box_by_unit(corpus: Path, db: Path, name: str) -> dict[str, list[dict[str, Any]]]:
    """The agreement box's rows (as the command's JSON has them) for Ana against Ben over
    document ``name``, by sentence and by paragraph: ``K``, ``=``, then ``u`` to each."""
    from tui_reader.ui.screens.agreement import AgreementDialog

    shown: dict[str, list[dict[str, Any]]] = {}
    app = ReaderApp(corpus, db, corpus / name, coder="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await workers_done(pilot.app)
        pane = screen.query_one(ReadingPane)
        await pilot.press("K")
        await wait_until(pilot, lambda: pane.compared is not None)
        dialog = await screen_opened(pilot, "equals_sign", AgreementDialog)
        for keys, unit in (("uu", "sentence"), ("u", "paragraph")):
            await pilot.press(*keys)
            await wait_until(pilot, lambda: not dialog.counting)
            assert dialog.unit == unit
            shown[unit] = [row.record() for row in dialog.rows]
    return shown
