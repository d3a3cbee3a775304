"""A table's cell holding "│", the bar the canonical text writes between a row's cells: the
cell's own bar started a new cell, so the row "1 │ Yes │ no" read as three cells where the
table has two, a sentence of the cell cut at its bar and a one-column table's row read as a
table's.  A cell's own bar is written "|" in every format with tables; a table whose cells
hold none is written as before."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers.format_fixtures import make_docx, make_epub, make_odt, make_xlsx

from tui_reader.core.documents.document import Document, load_document

ROWS = (("ID", "Answer"), ("1", "Yes │ no"), ("2", "Quiet"))
SAID = "ID │ Answer\n1 │ Yes | no\n2 │ Quiet"  # the cell's own bar no cell's mark


def _html_rows(rows: tuple[tuple[str, ...], ...]) -> str:
    return "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)


def _epub(path: Path, table: str) -> Path:
    make_epub(path, [("Chapter", "Before the table of answers.")])
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    chapter = next(n for n in parts if n.endswith((".xhtml", ".html")) and b"Before" in parts[n])
    parts[chapter] = parts[chapter].replace(
        b"</body>", f"<table>{table}</table><p>After.</p></body>".encode()
    )
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path


def _table(tmp_path: Path, fmt: str, rows: tuple[tuple[str, ...], ...] = ROWS) -> Path:
    """A file of format ``fmt`` holding prose, then the table of ``rows``."""
    if fmt == "docx":
        cells = "/".join("|".join(row) for row in rows)
        return make_docx(tmp_path / "a.docx", [("para", "Answers:"), ("table", cells)])
    if fmt == "odt":
        body = "".join(
            "<table:table-row>"
            + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in row)
            + "</table:table-row>"
            for row in rows
        )
        columns = f"<table:table-column table:number-columns-repeated='{len(rows[0])}'/>"
        return make_odt(
            tmp_path / "a.odt",
            f"<text:p>Answers:</text:p><table:table>{columns}{body}</table:table>",
        )
    if fmt == "html":
        path = tmp_path / "a.html"
        path.write_text(
            "<html><head><meta charset='utf-8'><title>Answers</title></head><body><article>"
            "<h1>Answers</h1><p>We asked every respondent in the village one question.</p>"
            f"<table>{_html_rows(rows)}</table><p>After the table comes more prose.</p>"
            "</article></body></html>",
            "utf-8",
        )
        return path
    if fmt == "epub":
        return _epub(tmp_path / "a.epub", _html_rows(rows))
    if fmt == "markdown":
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        (tmp_path / "a.md").write_text("Answers:\n\n" + "\n".join(lines) + "\n", "utf-8")
        return tmp_path / "a.md"
    if fmt == "markdown-markup":  # a cell holding markup is parsed alone
        lines = ["| " + " | ".join(f"*{c}*" for c in row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        (tmp_path / "b.md").write_text("Answers:\n\n" + "\n".join(lines) + "\n", "utf-8")
        return tmp_path / "b.md"
    if fmt == "rtf":
        edges = "".join(f"\\cellx{3000 * (i + 1)}" for i in range(len(rows[0])))
        table = "".join(
            f"\\trowd{edges} \\intbl "
            + "".join(c.replace("│", "\\u9474?") + "\\cell " for c in row)
            + "\\row\n"
            for row in rows
        )
        path = tmp_path / "a.rtf"
        path.write_text(f"{{\\rtf1\\ansi Answers:\\par\n{table}\\pard After.\\par}}")
        return path
    if fmt in ("csv", "tsv"):
        apart = "," if fmt == "csv" else "\t"
        path = tmp_path / f"a.{fmt}"
        path.write_text("\n".join(apart.join(row) for row in rows) + "\n", "utf-8")
        return path
    if fmt == "xlsx":
        return make_xlsx(tmp_path / "a.xlsx", [("Answers", [list(row) for row in rows])])
    if fmt == "xlsx-sheets":  # two sheets: each written by the text builder's table
        sheets = [("Answers", [list(row) for row in rows]), ("More", [["A", "B"], ["1", "2"]])]
        return make_xlsx(tmp_path / "b.xlsx", sheets)
    raise AssertionError(fmt)


FORMATS = [
    "docx",
    "odt",
    "html",
    "epub",
    "markdown",
    "markdown-markup",
    "rtf",
    "csv",
    "tsv",
    "xlsx",
    "xlsx-sheets",
]


def _sentences(document: Document) -> list[str]:
    text, rule = document.text, document.unit_rule
    return [text[lo:hi] for lo, hi in rule.sentence_spans(text)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cell_s_own_bar_starts_no_cell(tmp_path: Path, fmt: str) -> None:
    document = load_document(_table(tmp_path, fmt))
    text = document.text
    assert SAID in text, text
    row = next(line for line in text.splitlines() if line.startswith("1 "))
    assert len(row.split("│")) == 2  # the table's two columns
    # the cell is one sentence, as each cell is (the reader's ( ), autocode's units)
    sentences = _sentences(document)
    assert "Yes | no" in sentences and "1" in sentences, sentences


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "epub", "markdown", "rtf"])
def test_a_one_column_table_s_row_holding_a_bar_is_a_paragraph_of_its_own(
    tmp_path: Path, fmt: str
) -> None:
    rows = (("Age",), ("Yes │ no",), ("Income band",))
    document = load_document(_table(tmp_path, fmt, rows))
    text, rule = document.text, document.unit_rule
    assert "│" not in text
    paragraphs = [text[lo:hi] for lo, hi in rule.paragraph_spans(text)]
    assert "Yes | no" in paragraphs and "Yes | no" in _sentences(document), paragraphs


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_whose_cells_hold_no_bar_is_written_as_before(tmp_path: Path, fmt: str) -> None:
    rows = (("ID", "Answer"), ("1", "Yes; no"), ("2", "Quiet"))
    assert "ID │ Answer\n1 │ Yes; no\n2 │ Quiet" in load_document(_table(tmp_path, fmt, rows)).text


def test_a_bar_outside_a_table_is_kept(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", [("para", "Left │ right, as the writer set it.")])
    assert "Left │ right, as the writer set it." in load_document(path).text


def test_a_pdf_cell_s_own_bar_starts_no_cell(tmp_path: Path) -> None:
    # A PDF table's cell holding "│" ("Yes │ no", set as the cell's own words) was read as
    # a cell more than its row has: the cells were made from the wide gaps and the cell's
    # own bar kept as it stood, so "1 │ Yes │ no" had three cells and its sentence cut.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    # reportlab's own Vera has no "│": a font that has it
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("no font with a box-drawing bar")
    pdfmetrics.registerFont(TTFont("BarFont", str(font)))
    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("BarFont", 10)
    pdf.drawString(72, 760, "Table 1. What each person said when asked about the shelter.")
    for i, row in enumerate([("Number", "Answer"), ("1", "Yes │ no"), ("2", "Maybe")]):
        for x, cell in zip((72, 260), row, strict=True):
            pdf.drawString(x, 740 - 14 * i, cell)
    pdf.save()
    document = load_document(path)
    text = document.text
    row = next(line for line in text.splitlines() if line.startswith("1 "))
    assert row == "1 │ Yes | no", text
    assert len(row.split("│")) == 2  # the table's two columns
