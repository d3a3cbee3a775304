"""Exports that other tools read as meant, through the command line: Markdown links that
resolve from the file written, W3C sources that name the real file, the raw CSV."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlparse

import pytest
from helpers.annotations import on_phrases

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def db(corpus_copy: Path, tmp_path: Path) -> Path:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path, coder="ana") as store:
        on_phrases(store, corpus_copy / DOC, ["Pentagon"], ("=actors",))
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


@pytest.mark.parametrize(
    "name",
    [b"bell\x07name.txt", b"esc\x1b[31m.txt", b"del\x7f.txt", b"latin1-caf\xe9.txt"],
    ids=["control", "escape", "delete", "not-utf-8"],
)
def test_links_to_a_file_with_an_odd_name_reach_that_file(tmp_path: Path, name: bytes) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = Path(os.fsdecode(bytes(corpus) + b"/" + name))
    path.write_text("The border is long and the Pentagon is far.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    document = load_document(path)
    start = document.text.index("Pentagon")
    key = document_key(path, db)
    with AnnotationStore(db, coder="ana") as store:
        store.add(
            make_annotation(key, document.text, start, start + 8, document.sha256, ("actors",))
        )
    out = tmp_path / "out" / "export.md"
    out.parent.mkdir()
    markdown = _export(corpus, db, out)
    links = re.findall(r"\]\(([^)\s]+\.txt)\)", markdown)
    assert links
    for link in links:
        target = os.fsencode(out.parent) + b"/" + unquote_to_bytes(link)
        assert os.path.samefile(target, path), link
    assert "\x1b" not in markdown and "\x07" not in markdown  # the text shown stays clean
    # a W3C target's source, a file: IRI, names the file itself too
    data = json.loads(_export(corpus, db, tmp_path / "a.jsonld", "-f", "w3c"))
    [item] = data["first"]["items"]
    source = urlparse(item["target"]["source"])
    assert source.scheme == "file"
    assert os.path.samefile(unquote_to_bytes(source.path), path)


def test_two_names_not_utf8_are_two_documents_in_every_export(tmp_path: Path) -> None:
    """``café.txt`` and ``cafè.txt`` saved in Latin-1 were both ``caf�.txt`` in CSV, JSON and
    Markdown: one section of the Markdown ("2 annotations in 1 document") linked to neither
    file, and the JSON was refused whole when imported back ("an annotation on caf\udce9.txt,
    not on caf\udce8.txt").  Each byte that is no UTF-8 is written as its escape (``\\xe9``;
    the links percent-encode it)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "annotations.json"
    keys = []
    with AnnotationStore(db, coder="ana") as store:
        for byte, word in ((b"\xe9", "border"), (b"\xe8", "Pentagon")):
            path = Path(os.fsdecode(bytes(corpus) + b"/caf" + byte + b".txt"))
            path.write_text("The border is long and the Pentagon is far.\n", encoding="utf-8")
            document = load_document(path)
            start = document.text.index(word)
            keys.append(document_key(path, db))
            store.add(make_annotation(keys[-1], document.text, start, start + len(word),
                                      document.sha256, (word.lower(),)))  # fmt: skip
    markdown = _export(corpus, db, tmp_path / "a.md")
    assert "2 annotations in 2 documents" in markdown and "\ufffd" not in markdown
    assert "[corpus/caf\\xe9.txt](corpus/caf%E9.txt)" in markdown
    assert "[corpus/caf\\xe8.txt](corpus/caf%E8.txt)" in markdown
    rows = _export(corpus, db, tmp_path / "a.csv", "-f", "csv").splitlines()[1:]
    assert sorted(row.split(",")[1:3] for row in rows) == [
        ["corpus/caf\\xe8.txt", "pentagon"],
        ["corpus/caf\\xe9.txt", "border"],
    ]
    exported = tmp_path / "a.json"
    _export(corpus, db, exported, "-f", "json")
    assert main(["import", str(exported), "--db", str(db), "--corpus", str(corpus)]) == 0
    with AnnotationStore(db, read_only=True) as store:
        placed = {a.document: a.tags for a in store.annotations()}
    assert placed == {keys[0]: ("border",), keys[1]: ("pentagon",)}


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("fmt", ["json", "w3c", "project"])
def test_a_name_not_utf8_is_valid_unicode_in_the_json_exports_and_comes_back_exact(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON, W3C and project exports gave a Latin-1 "café.txt" as "caf\\udce9.txt", a lone
    surrogate's escape that strict JSON readers (jq, serde) refuse, where every other output
    writes "caf\\xe9.txt".  They write it so too, its bytes in base64 beside it
    (``document_bytes``, as ``list --json`` gives ``path_bytes``), and an import reads the
    name back exactly: a file named "caf\\xe8.txt", backslash and all, stays apart."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    latin1 = os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")
    for path in (latin1, str(corpus / "caf\\xe8.txt")):
        Path(path).write_text("The border is long.\n", encoding="utf-8")
        where = ["--db", str(db), "--corpus", str(corpus)]
        assert main(["annotate", path, "--quote", "long", "--tag", "b", *where]) == 0
        assert main(["attr", "set", path, "year=2020", *where]) == 0
        assert main(["memo", "add", "--doc", path, "a memo", *where]) == 0
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "\\udc" not in text
    for string in _strings(json.loads(text)):
        string.encode("utf-8")  # no lone surrogate: a strict reader takes every string
    field = "documentKey" if fmt == "w3c" else "document"
    assert f'"{field}": "c/caf\\\\xe9.txt",\n' in text
    assert text.count(f'"{field}_bytes": "Yy9jYWbpLnR4dA=="') == 1
    again = tmp_path / "again.json"
    assert main(["import", str(out), "--db", str(again), "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    with (
        AnnotationStore(db, read_only=True) as ours,
        AnnotationStore(again, read_only=True) as theirs,
    ):
        assert sorted(a.document for a in theirs.annotations()) == sorted(
            a.document for a in ours.annotations()
        )
        assert {"c/caf\udce9.txt", "c/caf\\xe8.txt"} == {a.document for a in theirs.annotations()}
        if fmt == "project":
            assert theirs.attributes() == ours.attributes()
            assert sorted(m.target for m in theirs.memos()) == sorted(
                m.target for m in ours.memos()
            )
