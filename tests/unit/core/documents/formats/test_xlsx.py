"""Excel workbooks (.xlsx): a sheet read as the same rows saved as CSV are."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from helpers.format_fixtures import make_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats import format_of_name
from tui_reader.core.errors import DocumentError


def _as_csv(path: Path, rows: list[list[object]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_a_survey_s_answers_are_read_as_a_table_its_dates_and_figures_as_shown(
    tmp_path: Path,
) -> None:
    # Microsoft Forms exports a survey's answers as a workbook alone: it was refused
    # ("unsupported file type '.xlsx'"), the open answers out of reach of coding.
    rows: list[list[object]] = [
        ["ID", "Start time", "Age", "Score", "Consent", "What brought you here?"],
        [1, ("datetime", 45356.6041666667), 34, 2.5, True, "The rain, and the work."],
        [2, ("datetime", 45357.25), 41, 0.1 + 0.2, False, "My sister.\nAnd the school."],
    ]
    doc = load_document(make_xlsx(tmp_path / "survey.xlsx", [("Form1", rows)]))
    assert doc.format == "xlsx"
    assert doc.text.splitlines() == [
        "ID │ Start time │ Age │ Score │ Consent │ What brought you here?",
        "1 │ 2024-03-05 14:30 │ 34 │ 2.5 │ TRUE │ The rain, and the work.",
        "2 │ 2024-03-06 06:00 │ 41 │ 0.3 │ FALSE │ My sister. And the school.",
    ]


def test_a_transcript_kept_as_a_sheet_has_the_turns_of_its_csv(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Speaker", "Start", "Text"],
        ["Interviewer", "00:00:01", "Where did you sleep that night?"],
        ["Ana", "00:00:05", "Under the bridge, near the market."],
        ["Interviewer", "00:00:09", "And in the morning?"],
        ["Ana", "00:00:12", "We walked to the shelter."],
    ]
    sheet = load_document(make_xlsx(tmp_path / "interview.xlsx", [("Sheet1", rows)]))
    saved = load_document(_as_csv(tmp_path / "interview.csv", rows))
    assert sheet.text == saved.text
    assert [(t.speaker, t.time) for t in sheet.turns] == [
        ("Interviewer", "00:00:01"),
        ("Ana", "00:00:05"),
        ("Interviewer", "00:00:09"),
        ("Ana", "00:00:12"),
    ]
    assert sheet.turns == saved.turns
    assert sheet.metadata["speakers"] == "Interviewer, Ana"


def test_each_sheet_of_several_is_a_table_under_its_name(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "study.xlsx",
        [
            ("Answers", [["Q1", "Q2"], ["Yes", ("inline", "Not really")]]),
            ("Empty", []),
            ("Dates", [["Day", None, "Note"], [("date", 45356), None, ("custom", 45357.5)]]),
            ("Times", [[("time", 0.5), 3]]),
        ],
    )
    doc = load_document(path)
    assert doc.text == (
        "Answers\n\nQ1 │ Q2\nYes │ Not really\n\n"
        "Dates\n\nDay │  │ Note\n2024-03-05 │  │ 2024-03-06\n\n"
        "Times\n\n12:00:00 │ 3"
    )
    assert [doc.text[s.start : s.end] for s in doc.spans if s.kind.value == "heading"] == [
        "Answers",
        "Dates",
        "Times",
    ]


def test_an_old_mac_s_dates_count_from_1904(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "mac.xlsx", [("S", [["Day"], [("date", 43894)]])], date1904=True)
    assert load_document(path).text == "Day\n2024-03-05"


def test_a_file_named_xlsx_that_is_no_workbook_is_said_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as box:
        box.writestr("word/document.xml", "<w/>")
    text = tmp_path / "text.xlsx"
    text.write_text("a,b\n", encoding="utf-8")
    said = []
    for path in (empty, other, text):
        with pytest.raises(DocumentError) as caught:
            load_document(path)
        said.append(str(caught.value))
    assert said == [
        f"{empty}: empty file (0 bytes)",
        f"{other}: not an Excel workbook (no xl/workbook.xml)",
        f"{text}: damaged Excel file (not a readable zip)",
    ]
    assert format_of_name("answers.XLSX") == format_of_name("macros.xlsm") == "xlsx"


_CELL = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12
).filter(lambda cell: cell.strip() != "")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=6))
def test_a_sheet_of_words_reads_as_the_same_rows_saved_as_csv(rows: list[list[str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        width = max(map(len, rows))
        table: list[list[object]] = [row + [""] * (width - len(row)) for row in rows]
        sheet = load_document(make_xlsx(Path(folder) / "s.xlsx", [("Sheet1", table)]))
        saved = load_document(_as_csv(Path(folder) / "s.csv", table))
        assert sheet.text == saved.text
        assert sheet.turns == saved.turns


def test_a_sheet_is_a_transcript_by_its_own_header_not_by_a_sheet_before_it(
    tmp_path: Path,
) -> None:
    # A transcript's sheet and a sheet of codes behind it: the codes' header row read as a
    # turn of a speaker named "Code", that sheet's words the transcript's.
    transcript: list[list[object]] = [
        ["Speaker", "Start Time", "Text"],
        ["Interviewer", "00:00:01", "Where did you sleep that night?"],
        ["Ana", "00:00:05", "Under the bridge, near the market."],
        ["Interviewer", "00:00:09", "And in the morning?"],
        ["Ana", "00:00:12", "We walked to the shelter."],
    ]
    codes: list[list[object]] = [
        ["Code", "Date", "Time", "Pct"],
        ["shelter", ("date", 45356), ("time", 0.5), 0.25],
    ]
    path = make_xlsx(tmp_path / "study.xlsx", [("Transcript", transcript), ("Codes", codes)])
    doc = load_document(path)
    assert [(t.speaker, t.time) for t in doc.turns] == [
        ("Interviewer", "00:00:01"),
        ("Ana", "00:00:05"),
        ("Interviewer", "00:00:09"),
        ("Ana", "00:00:12"),
    ]
    assert doc.turns[-1].end <= doc.text.index("Codes")
    assert doc.metadata["speakers"] == "Interviewer, Ana"


def _merged(path: Path, refs: str) -> Path:
    """``path``'s first sheet with the merged cells ``refs`` (``"A2:A4 B7:C7"``)."""
    from helpers.format_fixtures import edit_zip_parts

    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs.split())
    block = f'<mergeCells count="{len(refs.split())}">{merges}</mergeCells>'
    return edit_zip_parts(
        path,
        {
            "xl/worksheets/sheet1.xml": lambda xml: xml.replace(
                "</sheetData>", "</sheetData>" + block
            )
        },
    )


def test_a_cell_merged_down_says_what_it_says_in_each_row_it_covers(tmp_path: Path) -> None:
    """A survey's region set once in a cell merged down beside its three respondents: Excel
    keeps the word in the first row alone, and the two rows below read as answers of no
    region (" │ Ben │ 51"), where a Word or web page's table says it in each row."""
    rows = [
        ["Region", "ID", "Age", "Answer"],
        ["North", "Ana", 34, "Full."],
        [None, "Ben", 51, "We wait."],
        [None, "Carla", 28, "Noisy."],
        ["South", "Dan", 40, "Fine."],
        [None, None, None, None],
        ["Totals", None, None, None],
    ]
    path = _merged(make_xlsx(tmp_path / "s.xlsx", [("Answers", rows)]), "A2:A4 A7:D9 B5:C5 Z1")
    assert load_document(path).text == (
        "Region │ ID │ Age │ Answer\n"
        "North │ Ana │ 34 │ Full.\n"
        "North │ Ben │ 51 │ We wait.\n"
        "North │ Carla │ 28 │ Noisy.\n"
        "South │ Dan │ 40 │ Fine.\n"
        "Totals"
    )


def test_a_transcript_s_speaker_merged_down_speaks_each_row(tmp_path: Path) -> None:
    rows = [["Speaker", "Text"], ["Ana", "Hello there."], [None, "And welcome."], ["Ben", "Hi."]]
    path = _merged(make_xlsx(tmp_path / "t.xlsx", [("Talk", rows)]), "A2:A3")
    document = load_document(path)
    assert [turn.speaker for turn in document.turns] == ["Ana", "Ana", "Ben"]


def test_a_formula_never_worked_out_reads_as_its_formula(tmp_path: Path) -> None:
    """A workbook a program wrote with formulas and no one opened in Excel keeps no last
    value: the cell read as empty, its row's figure lost without a word."""
    from helpers.format_fixtures import edit_zip_parts

    rows = [["Site", "Families"], ["North", 12], ["South", 7], ["Total", "TOTAL"]]
    path = make_xlsx(tmp_path / "f.xlsx", [("Sites", rows)])
    with zipfile.ZipFile(path) as box:
        strings = box.read("xl/sharedStrings.xml").decode()
    total = strings.count("<si>") - 1  # the shared string "TOTAL", the last

    def computed(xml: str) -> str:
        cell = f'<c r="B4" t="s"><v>{total}</v></c>'
        assert cell in xml
        empty = '<c r="C4" t="str"><f>IF(B4&gt;0,"","low")</f><v></v></c>'
        return xml.replace(cell, f'<c r="B4"><f>SUM(B2:B3)</f></c>{empty}')

    edit_zip_parts(path, {"xl/worksheets/sheet1.xml": computed})
    # (a last value kept empty is empty, as Excel shows it)
    assert load_document(path).text.endswith("Total │ =SUM(B2:B3)")
