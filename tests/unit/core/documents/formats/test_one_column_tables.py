"""A table of one column (a list of questions set in a table) in a Word, OpenDocument, web
page, EPUB, Markdown or RTF file: its rows wrote no cell's mark, so its lines were read as one
paragraph of prose, a sentence running from one row into the next ("Age Where did you grow
up Income band"), for the reader's motions, autocode's and agreement's units alike.  A row
is a paragraph of its own now; a table of several columns is written as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.format_fixtures import make_docx, make_epub, make_odt

from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.unit_index import UnitIndex

QUESTIONS = ("Age", "Where did you grow up", "Income band")
_ROWS_HTML = "".join(f"<tr><td>{row}</td></tr>" for row in QUESTIONS)
_PAGE = (
    "<html><head><title>Items</title></head><body><article><h1>Survey items</h1>"
    "<p>We asked these questions of every respondent in the village, one after another.</p>"
    f"<table>{_ROWS_HTML}</table><p>After the table comes more prose for the reader.</p>"
    "</article></body></html>"
)


def _one_column(tmp_path: Path, fmt: str, rows: tuple[str, ...] = QUESTIONS) -> Path:
    """A file of format ``fmt`` holding prose, then a table of one column of ``rows``."""
    if fmt == "docx":
        blocks = [("para", "Questions asked:"), ("table", "/".join(rows)), ("para", "After.")]
        return make_docx(tmp_path / "a.docx", blocks)
    if fmt == "odt":
        cells = "".join(
            f"<table:table-row><table:table-cell><text:p>{row}</text:p></table:table-cell>"
            "</table:table-row>"
            for row in rows
        )
        body = (
            "<text:p>Questions asked:</text:p><table:table><table:table-column/>"
            f"{cells}</table:table><text:p>After.</text:p>"
        )
        return make_odt(tmp_path / "a.odt", body)
    if fmt == "html":
        (tmp_path / "a.html").write_text(_PAGE, "utf-8")
        return tmp_path / "a.html"
    if fmt == "markdown":
        table = "\n".join(["| Question |", "|---|", *(f"| {row} |" for row in rows)])
        (tmp_path / "a.md").write_text(f"# Items\n\nQuestions asked:\n\n{table}\n\nAfter.\n")
        return tmp_path / "a.md"
    if fmt == "rtf":
        table = "".join(f"\\trowd\\cellx3000 \\intbl {row}\\cell\\row\n" for row in rows)
        path = tmp_path / "a.rtf"
        path.write_text(f"{{\\rtf1\\ansi Questions asked:\\par\n{table}\\pard After.\\par}}")
        return path
    raise AssertionError(fmt)


def _units(document: Document) -> tuple[list[str], list[str]]:
    text, rule = document.text, document.unit_rule
    paragraphs = [text[lo:hi] for lo, hi in rule.paragraph_spans(text)]
    return paragraphs, [text[lo:hi] for lo, hi in rule.sentence_spans(text)]


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "markdown", "rtf"])
def test_a_table_of_one_column_is_a_paragraph_a_row(tmp_path: Path, fmt: str) -> None:
    document = load_document(_one_column(tmp_path, fmt))
    text = document.text
    paragraphs, sentences = _units(document)
    for row in QUESTIONS:
        assert row in paragraphs, paragraphs
        assert row in sentences, sentences
    # the reader's } goes a row at a time, as autocode's units do
    rule = document.unit_rule
    starts = [text.index(row) for row in QUESTIONS]
    assert [rule.next_paragraph(text, at) for at in starts[:-1]] == starts[1:]
    index = UnitIndex(text, rule)
    assert [text[slice(*index.paragraph(at))] for at in starts] == list(QUESTIONS)
    # nothing lost, nothing doubled: the rows' words once each, in order
    assert [text.count(row) for row in QUESTIONS] == [1, 1, 1]
    assert starts == sorted(starts)


def test_the_rows_of_a_one_column_table_are_each_a_paragraph_span(tmp_path: Path) -> None:
    document = load_document(_one_column(tmp_path, "docx"))
    spans = {document.text[s.start : s.end] for s in document.spans if s.kind is SpanKind.PARAGRAPH}
    assert spans >= set(QUESTIONS)


def test_an_epub_s_table_of_one_column_is_a_paragraph_a_row(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "a.epub", [("Chapter", "Before the list of items.")])
    import zipfile

    with zipfile.ZipFile(path) as book:
        names = [n for n in book.namelist() if n.endswith((".xhtml", ".html"))]
        parts = {n: book.read(n) for n in book.namelist()}
    chapter = names[0]
    parts[chapter] = parts[chapter].replace(
        b"</body>", f"<table>{_ROWS_HTML}</table><p>After.</p></body>".encode()
    )
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    paragraphs, sentences = _units(load_document(path))
    assert all(row in paragraphs and row in sentences for row in QUESTIONS), paragraphs


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "markdown", "rtf"])
def test_a_table_of_several_columns_is_written_a_line_a_row_as_before(
    tmp_path: Path, fmt: str
) -> None:
    if fmt == "docx":
        path = make_docx(tmp_path / "a.docx", [("table", "ID|Answer/1|Quiet/2|Noisy")])
    elif fmt == "odt":
        rows = "".join(
            "<table:table-row>"
            + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in row)
            + "</table:table-row>"
            for row in (("ID", "Answer"), ("1", "Quiet"), ("2", "Noisy"))
        )
        body = f"<table:table><table:table-column table:number-columns-repeated='2'/>{rows}"
        path = make_odt(tmp_path / "a.odt", body + "</table:table>")
    elif fmt == "html":
        path = tmp_path / "a.html"
        rows = "<tr><td>ID</td><td>Answer</td></tr><tr><td>1</td><td>Quiet</td></tr>"
        path.write_text(f"<html><body><table>{rows}<tr><td>2</td><td>Noisy</td></tr></table>")
    elif fmt == "rtf":
        path = tmp_path / "a.rtf"
        rows = "".join(
            f"\\trowd\\cellx3000\\cellx6000 \\intbl {a}\\cell {b}\\cell\\row\n"
            for a, b in (("ID", "Answer"), ("1", "Quiet"), ("2", "Noisy"))
        )
        path.write_text(f"{{\\rtf1\\ansi Before.\\par\n{rows}\\pard After.\\par}}")
    else:
        path = tmp_path / "a.md"
        path.write_text("| ID | Answer |\n|---|---|\n| 1 | Quiet |\n| 2 | *Noisy* |\n")
    assert "ID │ Answer\n1 │ Quiet\n2 │ Noisy" in load_document(path).text


def test_a_sheet_of_one_column_is_a_line_a_row_as_the_same_sheet_saved_as_csv(
    tmp_path: Path,
) -> None:
    from helpers.format_fixtures import make_xlsx

    sheets = [("A", [["Answer"], ["Quiet"], ["Noisy"]]), ("B", [["ID", "Answer"], ["1", "Quiet"]])]
    document = load_document(make_xlsx(tmp_path / "a.xlsx", sheets))
    assert "Answer\nQuiet\nNoisy" in document.text
