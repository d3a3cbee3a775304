"""The JSON and project exports name each document by its file's own name, whatever it holds
(a tab, a control, DEL, a bidi override), written as JSON escapes: a terminal shown the
export gets no control, a program reading it the very name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

NAMES = ["a\tb.txt", "esc\x1b[31m.txt", "del\x7f.txt", "bidi\u202e.txt"]


@pytest.mark.parametrize("fmt", ["json", "project"])
def test_an_export_names_each_file_as_it_is(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in NAMES:
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    with AnnotationStore(db, read_only=True, coder="") as store:
        keys = sorted(store.documents())
    out = tmp_path / f"out.{fmt}.json"
    argv = ["export", str(corpus), "--db", str(db), "--format", fmt, "-o", str(out)]
    assert main(argv) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert not any(c in text for c in "\t\x1b\x7f\u202e")  # escaped, never raw
    data = json.loads(text)
    records = data["annotations"] if fmt == "project" else data
    assert sorted(r["document"] for r in records) == keys


def test_a_w3c_export_carries_each_file_s_own_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """W3C's ``documentKey`` (what a colleague's merge names the document by) is the key
    itself, as its ``source`` IRI names the file itself."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in NAMES:
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    with AnnotationStore(db, read_only=True, coder="") as store:
        keys = sorted(store.documents())
    out = tmp_path / "out.jsonld"
    assert main(["export", str(corpus), "--db", str(db), "-f", "w3c", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert not any(c in text for c in "\t\x1b\x7f\u202e")
    items = json.loads(text)["first"]["items"]
    assert sorted(item["documentKey"] for item in items) == keys


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_a_file_named_as_another_is_shown_keeps_its_own_passages(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a b.txt`` beside ``a<tab>b.txt``: the passages of the first are never given to the
    second."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in ("a\tb.txt", "a b.txt"):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    out = tmp_path / "out.json"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    data = json.loads(out.read_text("utf-8"))
    if fmt == "json":
        named = [r["document"] for r in data]
    else:
        named = [i["documentKey"] for i in data["first"]["items"]]
    assert "c/a b.txt" in named


@pytest.mark.parametrize("fmt", ["json", "w3c", "markdown", "csv"])
def test_two_files_a_tab_apart_are_two_documents_in_an_export(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a b.txt`` and ``a<tab>b.txt``: each its own passages, named apart in every export
    (the tab was written as a space: one document of two files)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db.json"
    for name in ("a\tb.txt", "a b.txt"):
        (corpus / name).write_text("Some text about the things.\n", "utf-8")
        argv = ["annotate", "--db", str(db), "--corpus", str(corpus), str(corpus / name)]
        assert main([*argv, "--quote", "things", "--tag", "t"]) == 0
    out = tmp_path / "out.txt"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    if fmt == "json":
        assert sorted(r["document"] for r in json.loads(text)) == ["c/a\tb.txt", "c/a b.txt"]
    elif fmt == "w3c":
        items = json.loads(text)["first"]["items"]
        assert sorted(i["documentKey"] for i in items) == ["c/a\tb.txt", "c/a b.txt"]
    elif fmt == "markdown":
        assert text.count("· 1 annotation ·") == 2 and "(c/a%09b.txt)" in text
    else:
        assert "c/a\u2409b.txt" in text and "c/a b.txt" in text
