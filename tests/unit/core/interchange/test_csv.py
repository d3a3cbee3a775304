"""CSV export: Taguette's layout, spreadsheet-safe."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.documents.document import Document, parse_document
from tui_reader.core.interchange import ExportOptions
from tui_reader.core.interchange.csv import BOM, COLUMNS, inert, render, render_raw

Golden = Callable[[str, str], None]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_matches_golden(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    golden: Golden,
) -> None:
    golden("annotations.csv", render(annotations, seed_documents, seed_tags, options))


def test_one_row_per_annotation_and_tag(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    options: ExportOptions,
) -> None:
    text = render(annotations, seed_documents, [], options)
    assert text[len(BOM) :].split("\r\n", 1)[0] == ",".join(COLUMNS)
    rows = _rows(text)
    assert len(rows) == sum(max(1, len(a.tags)) for a in annotations)
    for annotation in annotations:
        mine = [r for r in rows if r["id"] == annotation.id]
        assert [r["tag"] for r in mine] == list(annotation.tags or ("",))
        for row in mine:
            assert row["content"] == inert(annotation.quote)
            assert row["note"] == inert(annotation.note)
            assert (int(row["start"]), int(row["end"])) == (annotation.start, annotation.end)
            assert row["status"] == str(annotation.status)
            if annotation.status != "orphan":
                text_before = seed_documents[annotation.document].text[: annotation.start]
                assert int(row["line"]) == text_before.count("\n") + 1
            else:
                assert row["line"] == ""


def test_formula_injection_is_neutralised(options: ExportOptions) -> None:
    text = '=HYPERLINK("http://evil") +1 -2 @SUM(A1) plain'
    document = parse_document(text.encode(), Path("f.txt"))
    starts = [text.index(c) for c in "=+-@"]
    annotations = [
        make_annotation("f.txt", text, s, s + 2, document.sha256, ("=cmd",), "@note").evolve(
            id=f"a{i}"
        )
        for i, s in enumerate(starts)
    ]
    rows = _rows(render(annotations, {"f.txt": document}, [], options))
    for row in rows:
        assert row["content"].startswith("'")
        assert row["tag"] == "'=cmd"
        assert row["note"] == "'@note"
    assert inert("plain") == "plain"
    assert inert("\tx") == "'\tx"


def test_the_raw_form_keeps_every_cell_as_it_is(options: ExportOptions) -> None:
    text = "=1+1 and 'quoted"
    document = parse_document(text.encode(), Path("r.txt"))
    annotations = [
        make_annotation("r.txt", text, 0, 4, document.sha256, ("-x",), "@n").evolve(id="a"),
        make_annotation("r.txt", text, 9, 16, document.sha256, ("t",)).evolve(id="b"),
    ]
    raw = render_raw(annotations, {"r.txt": document}, [], options)
    assert not raw.startswith(BOM)
    first, second = _rows(raw)
    assert (first["content"], first["tag"], first["note"]) == ("=1+1", "-x", "@n")
    assert second["content"] == "'quoted"  # a real leading quote, not a guard
    guarded = _rows(render(annotations, {"r.txt": document}, [], options))
    assert guarded[0]["content"] == "'=1+1"


def test_multiline_and_unicode_cells_round_trip(options: ExportOptions) -> None:
    text = 'First "quoted" line,\nsecond line — Peña, 日本語'
    document = parse_document(text.encode(), Path("u.txt"))
    annotation = make_annotation("u.txt", text, 0, len(text), document.sha256, ("a, b",), "n\nm")
    rendered = render([annotation], {"u.txt": document}, [], options)
    [row] = _rows(rendered)
    assert row["content"] == text
    assert row["tag"] == "a, b"
    assert row["note"] == "n\nm"
    assert rendered.encode("utf-8").startswith(b"\xef\xbb\xbf")


@settings(max_examples=examples(60), deadline=None)
@given(quote=st.text(min_size=1, max_size=40), note=st.text(max_size=40))
def test_any_cell_reads_back_inert(quote: str, note: str) -> None:
    text = quote
    document = Document(Path("p.txt"), text, (), "p", "text", "utf-8", "0" * 64)
    annotation = Annotation("p.txt", 0, len(text), quote, note=note, tags=("t",))
    [row] = _rows(render([annotation], {"p.txt": document}, [], ExportOptions()))
    assert row["content"] == inert(quote)
    assert row["note"] == inert(note)
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_passage_that_begins_with_an_apostrophe_comes_back_whole(options: ExportOptions) -> None:
    """A passage quoted with a straight apostrophe ('- as he said', '=x') lost its first
    character on import, read as a cell the export had guarded; its place tells them apart."""
    from tui_reader.core.interchange.taguette import Target, place_highlights, read_taguette

    text = "He said:\n'- quoted dash' then =x' and '=y' and +z, all told.\n"
    document = parse_document(text.encode(), Path("p.txt"))
    made = [
        make_annotation(
            "p.txt", text, text.index(q), text.index(q) + len(q), document.sha256, ("t",)
        )
        for q in ("'- quoted dash'", "=x'", "'=y'", "+z")
    ]
    rendered = render(made, {"p.txt": document}, [], options)
    export = read_taguette(rendered.removeprefix(BOM), "p.csv")
    target = Target("p.txt", "p", text, document.sha256)
    placed, unplaced = place_highlights(export.highlights, [target], "2026-01-01T00:00:00Z")
    assert unplaced == []
    assert [(a.start, a.end, a.quote) for a in placed] == [(a.start, a.end, a.quote) for a in made]


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet="'=+-@\t\rab ", max_size=6))
def test_every_cell_reads_back_as_it_was(cell: str) -> None:
    """A note, code or coder that begins with an apostrophe and then =, +, -, @ ('@ana said)
    came back without the apostrophe, read as a cell guarded against formulas."""
    from tui_reader.core.interchange.csv import restored

    assert restored(inert(cell)) == cell
    assert not inert(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_passages_ordered_by_an_attribute_are_placed_in_their_own_documents(
    options: ExportOptions,
) -> None:
    # A query sorted by an attribute lists b.txt's passages before a.txt's: the documents'
    # runs of rows are not in the order of their names, and each passage's line is still
    # counted in its own document's text.
    texts = {"a.txt": "alpha one\nalpha two\nalpha three\nalpha four\n", "b.txt": "beta\n" * 9}
    documents = {key: parse_document(text.encode(), Path(key)) for key, text in texts.items()}
    annotations = [
        make_annotation(key, text, text.rindex(word), text.rindex(word) + 4, documents[key].sha256)
        for key, text, word in [
            ("b.txt", texts["b.txt"], "beta"),
            ("a.txt", texts["a.txt"], "four"),
        ]
    ]
    ranked = dataclasses.replace(options, document_rank={"b.txt": 0, "a.txt": 1})
    rows = _rows(render(annotations, documents, [], ranked))
    assert [(r["document"], r["line"]) for r in rows] == [("b.txt", "9"), ("a.txt", "4")]
