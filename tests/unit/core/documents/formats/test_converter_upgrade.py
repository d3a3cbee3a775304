"""A converter upgrade that changes a document's text: annotations re-anchor exactly, fuzzily,
or become orphans, and are never placed on the wrong passage."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers.format_fixtures import make_pdf, pdf_paragraphs

from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.documents.formats import CONVERTER_VERSIONS, Parsed
from tui_reader.core.documents.formats import pdf as pdf_module
from tui_reader.core.workspace import Workspace


def test_annotations_survive_a_converter_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "r.pdf", pdf_paragraphs(4), columns=60, lines_per_page=12)
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    key = workspace.key(corpus / "r.pdf")
    doc = workspace.document(key)
    quotes = {
        "kept": "Paragraph 3 opens here.",
        "edited": "Paragraph 2 opens here. A sentence that the printer broke over two lines",
        "gone": "Paragraph 4 opens here.",
    }
    for name, quote in quotes.items():
        start = doc.text.index(quote)
        workspace.store.put(
            make_annotation(key, doc.text, start, start + len(quote), doc.sha256, (name,))
        )
    workspace.store.close()

    real = pdf_module.convert_pdf

    def upgraded(data: bytes, path: Path) -> Parsed:
        """Version 2 keeps the running header, spells one word differently and loses the
        last paragraph (say, it now reads it as a footer)."""
        old = real(data, path)
        header = "Journal of Border Studies 12(3)\n\n"
        text = header + old.text.replace("printer broke", "printer brake")
        text = text[: text.index("Paragraph 4 opens here.")].rstrip()
        pages = tuple(min(len(text), p + len(header)) for p in old.pages)
        return dataclasses.replace(old, text=text, spans=[], pages=pages)

    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")  # in-process: the patch applies
    monkeypatch.setattr(pdf_module, "convert_pdf", upgraded)
    monkeypatch.setitem(CONVERTER_VERSIONS, "pdf", CONVERTER_VERSIONS["pdf"] + 1)
    workspace = Workspace(corpus, db)
    try:
        new = workspace.document(key)
        assert new.text.startswith("Journal of Border Studies")  # converted again, not cached
        placed = {a.tags[0]: a for a in workspace.anchored(key)}
    finally:
        workspace.store.close()
    kept = placed["kept"]
    assert kept.status is AnchorStatus.ANCHORED
    assert new.text[kept.start : kept.end] == quotes["kept"]
    edited = placed["edited"]
    assert edited.status is AnchorStatus.FUZZY
    assert new.text[edited.start : edited.end].startswith("Paragraph 2 opens here.")
    assert placed["gone"].status is AnchorStatus.ORPHAN


def test_passages_coded_in_a_markdown_table_anchor_after_its_cells_line_breaks_became_spaces(
    tmp_path: Path,
) -> None:
    # Markdown 103 reads a "<br>" in a table's cell as a space, where 102 broke the row's
    # line there: passages coded in the text 102 wrote are found in the new one, the quotes
    # whose line break is now a space among them (each run of whitespace taken for one space).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    note = corpus / "survey.md"
    note.write_text(
        "# Survey\n\n| Question | Answer |\n|---|---|\n"
        "| Age<br>Sex | 34 <br> F |\n| Grew up | Oaxaca,<br/>Tijuana |\n"
    )
    written_by_102 = "Survey\n\nQuestion │ Answer\nAge\nSex │ 34\n F\nGrew up │ Oaxaca,\nTijuana"
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    key = workspace.key(note)
    coded = {
        "row": "Age\nSex │ 34\n F",
        "place": "Oaxaca,\nTijuana",
        "question": "Grew up",
        "answer": "34\n F",  # too short to be found approximately
    }
    for code, quote in coded.items():
        start = written_by_102.index(quote)
        workspace.store.put(
            make_annotation(key, written_by_102, start, start + len(quote), "0" * 64, (code,))
        )
    try:
        text = workspace.document(key).text
        placed = {a.tags[0]: a for a in workspace.anchored(key)}
    finally:
        workspace.store.close()
    assert text.endswith("Age Sex │ 34 F\nGrew up │ Oaxaca, Tijuana")
    found = {code: text[a.start : a.end] for code, a in placed.items()}
    assert found == {
        "row": "Age Sex │ 34 F",
        "place": "Oaxaca, Tijuana",
        "question": "Grew up",
        "answer": "34 F",
    }
    # Their words are the same, their line breaks now spaces: found exactly
    assert {a.status for a in placed.values()} == {AnchorStatus.ANCHORED}
