"""Exports that other tools read as meant, through the command line: Markdown links that
resolve from the file written, W3C sources that name the real file, the raw CSV."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def db(corpus_copy: Path, tmp_path: Path) -> Path:
    path = tmp_path / "annotations.json"
    document = load_document(corpus_copy / DOC)
    start = document.text.index("Pentagon")
    with AnnotationStore(path, coder="ana") as store:
        store.add(
            make_annotation(
                document_key(corpus_copy / DOC, path),
                document.text,
                start,
                start + len("Pentagon"),
                document.sha256,
                ("=actors",),
            )
        )
    return path


def _export(corpus: Path, db: Path, out: Path, *args: str) -> str:
    assert main(["export", str(corpus), "--db", str(db), "-o", str(out), *args]) == 0
    return out.read_text(encoding="utf-8-sig")


def test_markdown_links_resolve_from_the_file_written(
    corpus_copy: Path, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "deeper" / "export.md"
    out.parent.mkdir(parents=True)
    markdown = _export(corpus_copy, db, out)
    links = re.findall(r"\]\(([^)]+\.txt)\)", markdown)
    assert links
    for link in links:
        assert (out.parent / unquote(link)).resolve() == (corpus_copy / DOC).resolve()


def test_w3c_sources_are_file_iris_of_the_documents(
    corpus_copy: Path, db: Path, tmp_path: Path
) -> None:
    data = json.loads(_export(corpus_copy, db, tmp_path / "a.jsonld", "-f", "w3c"))
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"].startswith("urn:uuid:")
    [item] = data["first"]["items"]
    source = urlparse(item["target"]["source"])
    assert source.scheme == "file"
    assert Path(unquote(source.path)) == (corpus_copy / DOC).resolve()


def test_csv_raw_keeps_cells_as_they_are(corpus_copy: Path, db: Path, tmp_path: Path) -> None:
    guarded = _export(corpus_copy, db, tmp_path / "a.csv", "-f", "csv")
    assert ",'=actors," in guarded and guarded.startswith("id,document,tag,content,")
    _export(corpus_copy, db, tmp_path / "b.csv", "-f", "csv-raw")
    data = (tmp_path / "b.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b",=actors," in data
