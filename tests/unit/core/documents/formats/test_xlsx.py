"""Excel workbooks (.xlsx): a sheet read as the same rows saved as CSV are."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers.format_fixtures import make_xlsx, make_zip_bomb
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


def test_a_cell_s_characters_written_escaped_read_as_the_characters(tmp_path: Path) -> None:
    # Excel writes a character XML cannot hold as its code ("_x000D_", the carriage return
    # of an answer of two lines typed on Windows; a "_" that would open such a code as
    # "_x005F_"): the answers read "I came in 2018._x000D_ Then my sister came.", where the
    # same answers saved as CSV read the lines.
    said = ["I came in 2018.\r\nThen my sister came.", "Twice a week.\r\n", "A tab\there."]
    rows: list[list[object]] = [
        ["Speaker", "Text"],
        ["Ana", said[0].replace("\r", "_x000D_")],
        ["Luis", ("inline", said[1].replace("\r", "_x000D_"))],
        ["Ana", said[2].replace("\t", "_x0009_")],
        ["Luis", "The file was named report_x005F_x000D_.txt, its name as typed."],
    ]
    sheet = load_document(make_xlsx(tmp_path / "interview.xlsx", [("Sheet1", rows)]))
    saved = [*rows[:-1], ["Luis", "The file was named report_x000D_.txt, its name as typed."]]
    for row in saved[1:4]:
        row[1] = said[saved.index(row) - 1]
    assert sheet.text == load_document(_as_csv(tmp_path / "interview.csv", saved)).text
    assert "Ana: I came in 2018.\nThen my sister came.\n\nLuis: Twice a week.\n\n" in sheet.text
    assert sheet.text.count("_x") == 1  # (the file's name, as typed)


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


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rows_of_the_tree(sheet: bytes) -> list[list[str]]:
    """A sheet's rows as the reader read them from the sheet parsed whole: the first
    sheetData's rows, the first mergeCells' merges (the reader before it read a row at a
    time, kept here to hold the streaming reader to it)."""
    from bisect import bisect_right
    from datetime import datetime

    from tui_reader.core.documents.formats import xlsx
    from tui_reader.core.documents.formats.archive import parse_xml
    from tui_reader.core.documents.formats.builder import spanned_cell

    ns, epoch = "{" + _NS + "}", datetime(1899, 12, 30)
    tree = parse_xml(sheet, Path("s.xlsx"), "Excel part sheet")
    found: dict[int, dict[int, str]] = {}
    data = tree.find(f"{ns}sheetData")
    number = 0
    for row in [] if data is None else data.iterfind(f"{ns}row"):
        given = str(row.get("r") or "")
        number = int(given) if given.isdecimal() and len(given) < 8 else number + 1
        cells: dict[int, str] = {}
        column = -1
        for cell in row.iterfind(f"{ns}c"):
            reference = xlsx._CELL_REFERENCE.match(str(cell.get("r") or ""))
            column = xlsx._column(reference.group(1)) if reference else column + 1
            if 0 <= column < xlsx._MAX_COLUMNS:
                text = xlsx._cell_text(cell, ns, ["alpha", "beta"], {1: "date"}, epoch)
                if text:
                    cells[column] = text
        if cells:
            found.setdefault(number, {}).update(cells)
    merges = tree.find(f"{ns}mergeCells")
    if merges is not None and found:
        numbers = sorted(found)
        for merge in merges.iterfind(f"{ns}mergeCell"):
            match = xlsx._MERGED.fullmatch(str(merge.get("ref") or ""))
            if match is None:
                continue
            column = xlsx._column(match.group(1))
            first, last = int(match.group(2)), int(match.group(3))
            said = spanned_cell(found.get(first, {}).get(column, ""))
            if said and last > first:
                for at in numbers[bisect_right(numbers, first) : bisect_right(numbers, last)]:
                    found[at].setdefault(column, said)
    rows = []
    for _at, cells in sorted(found.items()):
        line = [""] * (max(cells) + 1)
        for at, text in cells.items():
            line[at] = text
        rows.append(line)
    return rows


def _streamed_rows(sheet: bytes) -> list[list[str]]:
    from datetime import datetime

    from tui_reader.core.documents.formats import xlsx

    return xlsx._rows(
        sheet,
        Path("s.xlsx"),
        "Excel part sheet",
        "{" + _NS + "}",
        ["alpha", "beta"],
        {1: "date"},
        datetime(1899, 12, 30),
    )


_COLUMNS = st.sampled_from(["A", "B", "C", "AA", "XFD", "XFE"])
_CELLS = st.builds(
    lambda ref, row, kind, style, value, formula: (
        "<c"
        + (f' r="{ref}{row}"' if ref else "")
        + (f' t="{kind}"' if kind else "")
        + (' s="1"' if style else "")
        + ">"
        + (f"<is><t>{value}</t></is>" if kind == "inlineStr" else "")
        + (f"<f>{formula}</f>" if formula else "")
        + (f"<v>{value}</v>" if value is not None and kind != "inlineStr" else "")
        + "</c>"
    ),
    st.one_of(st.none(), _COLUMNS),
    st.integers(1, 9),
    st.sampled_from([None, "s", "inlineStr", "b", "n", "str", "e"]),
    st.booleans(),
    st.one_of(
        st.none(),
        st.sampled_from(["0", "1", "2.5", "45000", "x y", " ", "-3"]),
        # rows and merges out of place, in a cell's text
        st.just('in<row><c t="inlineStr"><is><t>deep</t></is></c></row>'),
        st.just('in<mergeCell ref="A1:A4"><t>m</t></mergeCell>'),
    ),
    st.one_of(st.none(), st.sampled_from(["SUM(A1:A2)", " "])),
)
_ROWS = st.recursive(
    st.builds(
        lambda r, cells: f"<row{f' r={chr(34)}{r}{chr(34)}' if r else ''}>{''.join(cells)}</row>",
        st.one_of(st.none(), st.sampled_from(["1", "2", "3", "5", "9", "x", "123456789"])),
        st.lists(_CELLS, max_size=4),
    ),
    lambda inner: st.builds(  # a row out of place, in a row
        lambda outer, nested: outer.replace("</row>", nested + "</row>"), inner, inner
    ),
    max_leaves=4,
)
_MERGES = st.lists(
    st.sampled_from(["A1:A3", "B2:B9", "A2:C4", "C1:C1", "XFD1:XFD5", "A5:A2", "Z1", "A1:B"]),
    max_size=3,
).map(lambda refs: "".join(f'<mergeCell ref="{ref}"/>' for ref in refs))
_PARTS = st.lists(
    st.one_of(
        st.lists(_ROWS, max_size=5).map(lambda rows: f"<sheetData>{''.join(rows)}</sheetData>"),
        _MERGES.map(lambda merges: f"<mergeCells>{merges}</mergeCells>"),
        _ROWS.map(lambda row: f"<extLst>{row}</extLst>"),  # a row out of place, elsewhere
        _ROWS.map(lambda row: f"<x><sheetData>{row}</sheetData></x>"),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(_PARTS)
def test_a_sheet_read_a_row_at_a_time_reads_as_the_sheet_parsed_whole(parts: list[str]) -> None:
    """The sheet streamed reads as the reader of the whole tree read it: rows in and out of
    place, cells with and without references, past Excel's last column, of every kind, a
    second sheetData or mergeCells, merges before and after the rows."""
    sheet = f'<worksheet xmlns="{_NS}">{"".join(parts)}</worksheet>'.encode()
    assert _streamed_rows(sheet) == _rows_of_the_tree(sheet)


def test_a_sheet_s_rows_are_let_go_as_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet of 60 rows of 16,384 columns (983,000 cells, a 5 MB file) took 1.09 GB as a
    tree, and twice as many cells were refused for the memory they needed: the rows read
    before a cell's are no longer held when it is read."""
    from tui_reader.core.documents.formats import xlsx

    held: list[int] = []
    read = xlsx._cell_text

    def counted(cell: Any, *args: Any) -> str:
        held.append(len(cell.getparent().getparent()))  # the rows its sheetData holds
        return read(cell, *args)

    monkeypatch.setattr(xlsx, "_cell_text", counted)
    rows = [[f"r{row}c{column}" for column in range(3)] for row in range(3_000)]
    document = load_document(make_xlsx(tmp_path / "s.xlsx", [("Sheet1", rows)]))
    assert document.text.splitlines()[-1] == "r2999c0 │ r2999c1 │ r2999c2"
    assert len(held) == 9_000
    # (the parser reads ahead of the row it gives, some kilobytes of the sheet)
    assert max(held) < 600  # of 3,000


def _survey(path: Path, rows: int) -> Path:
    """A workbook of one sheet of ``rows`` answers under a header: an ID, a group, an
    answer (written in their cells, as some exporters write them: the workbook's shared
    strings a part of their own, read whole)."""
    said = ["Yes.", "No.", "Not sure.", "The course was too long.", "More examples, please."]
    answers = [
        [n, ("inline", f"Group {n % 50}"), ("inline", said[n % 5])] for n in range(1, rows + 1)
    ]
    return make_xlsx(path, [("Answers", [["ID", "Group", "Answer"], *answers])])


def test_a_sheet_bigger_than_a_part_read_whole_is_read_a_row_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A survey of a million rows (22 MB, its sheet 163 MB of XML, 8 to 1 as text
    compresses) was refused as more than the 64 MB read of one part: a sheet is read as the
    parser asks for it, never whole, and held to a limit of its own (the limit of a part
    read whole made small here, as the sheet is)."""
    import zipfile as zips

    from tui_reader.core.documents.formats import archive

    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1024 * 1024)
    path = _survey(tmp_path / "survey.xlsx", 30_000)
    with zipfile.ZipFile(path) as box:
        assert box.getinfo("xl/worksheets/sheet1.xml").file_size > 2 * 1024 * 1024
    given: list[int] = []
    read = zips.ZipExtFile.read

    def counted(member: zips.ZipExtFile, size: int = -1) -> bytes:
        data = read(member, size)
        given.append(len(data))
        return data

    monkeypatch.setattr(zips.ZipExtFile, "read", counted)
    document = load_document(path)
    assert document.text.splitlines()[-1] == "30000 │ Group 0 │ Yes."
    assert max(given) < 1024 * 1024  # the sheet read in pieces, never whole


def test_a_sheet_past_the_limit_of_one_streamed_part_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.documents.formats import archive

    monkeypatch.setattr(archive, "MAX_STREAMED_BYTES", 1024 * 1024)
    path = _survey(tmp_path / "survey.xlsx", 30_000)
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == (
        "refused: Excel part xl/worksheets/sheet1.xml inflates to 5 MB, more than the 1 MB "
        "tui-reader reads of one part"
    )


def test_sheets_inflating_past_what_is_read_of_a_file_are_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sheet under its own limit, all of them together are held to what is read of
    one file, not read on without end."""
    from tui_reader.core.documents.formats import archive

    monkeypatch.setattr(archive, "MAX_READ_BYTES", 3 * 1024 * 1024)
    rows = [["ID", "Answer"], *([n, f"Answer number {n}."] for n in range(20_000))]
    path = make_xlsx(tmp_path / "survey.xlsx", [("One", rows), ("Two", rows)])
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == (
        "refused: Excel file's parts inflate to more than the 3 MB tui-reader reads of one "
        "file (xl/worksheets/sheet2.xml among them)"
    )


def test_a_sheet_inflating_as_a_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A sheet is allowed more than a part read whole, not the ratio of a bomb: 100 MB of
    zeros from 100 KB is refused before a byte is inflated."""
    path = make_zip_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", inflated_mb=100)
    with zipfile.ZipFile(path, "a") as box:
        box.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == "refused: Excel file inflates to 100 MB (a zip bomb?)"


def test_a_sheet_damaged_in_the_zip_is_said_so_not_called_bad_xml(tmp_path: Path) -> None:
    """Read as the parser asks, a sheet whose compressed bytes were damaged (a download
    cut and mended, a disk error) inflated to garbage the parser stopped at before the
    member's checksum was read: "not well-formed XML", where the sheet read whole said its
    checksum is wrong."""
    path = _survey(tmp_path / "survey.xlsx", 5_000)
    with zipfile.ZipFile(path) as box:
        info = box.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(b ^ 0x5A for b in data[middle : middle + 64])
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == (
        "damaged Excel file (xl/worksheets/sheet1.xml: Bad CRC-32 for file "
        "'xl/worksheets/sheet1.xml')"
    )
