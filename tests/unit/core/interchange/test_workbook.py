"""An Excel workbook's first sheet read as CSV text, as Taguette's exports to Excel are
imported: cells in their columns, text shared, inline or in runs, numbers as Excel shows
them."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from helpers.xlsx import workbook

from tui_reader.core.interchange.workbook import first_sheet_csv

_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    '<c r="C1" t="s"><v>0</v></c></row>'
    '<row r="2"><c r="A2"><v>2.5</v></c><c r="B2" t="b"><v>1</v></c>'
    '<c r="C2"><v>3.0</v></c><c r="AA2" t="str"><v>far</v></c></row>'
    "</sheetData></worksheet>"
)
_SHARED = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>'
    "<r><t>bold</t></r><r><t> and not</t></r></si></sst>"
)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(first_sheet_csv(data, Path("t.xlsx")))))


def test_each_cell_is_in_its_column_as_excel_shows_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", _SHEET)
        archive.writestr("xl/sharedStrings.xml", _SHARED)
    rows = _rows(buffer.getvalue())
    assert rows[0] == ["id", "", "bold and not"]
    assert rows[1][:3] == ["2.5", "TRUE", "3"] and rows[1][26] == "far"


def test_a_cell_of_several_lines_and_marks_is_read_whole() -> None:
    text = 'Line one,\n"quoted" & <b>\nthird'
    assert _rows(workbook("highlights", [["content"], [text], [7]])) == [
        ["content"],
        [text],
        ["7"],
    ]
