"""``query --sort ATTRIBUTE``: the passages matched in the order of their documents' value of
an attribute (a timeline: by the date of each interview), as a matrix orders its columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace

TEXTS = {
    "a.txt": "The army came in spring.\n",
    "b.txt": "The army left in winter.\n",
    "c.txt": "The army was never seen.\n",
    "d.txt": "The army returned in summer.\n",
}


@pytest.fixture
def project(tmp_path: Path) -> list[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path / "annotations.json"
    workspace = Workspace(corpus, db)
    for name in TEXTS:
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        start = document.text.index("army")
        workspace.store.add(
            make_annotation(key, document.text, start, start + 4, document.sha256, ("army",))
        )
    workspace.store.close()
    where = ["--corpus", str(corpus), "--db", str(db)]
    # d.txt has no date: it comes last, as a matrix's "(none)" column does
    dates = {"a.txt": "2020-03-01", "b.txt": "2019-12-01", "c.txt": "2020-01-15"}
    for name, date in dates.items():
        assert main(["attr", "set", name, f"date={date}", *where]) == 0
    return where


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_query_sort_by_a_date_lists_the_passages_as_a_timeline(
    project: list[str], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["query", "army", "--sort", "date", "-f", fmt, *project]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(out.lstrip("\ufeff")))
        documents = [Path(row["document"]).name for row in rows]
    elif fmt == "json":
        documents = [Path(record["document"]).name for record in json.loads(out)]
    else:  # each document's section, headed by its title (its first line)
        documents = sorted(TEXTS, key=lambda n: out.index(f"## {TEXTS[n].strip()}"))
    assert documents == ["b.txt", "c.txt", "a.txt", "d.txt"]


def test_query_sort_by_an_attribute_no_document_has_is_said(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["query", "army", "--sort", "wave", "-f", "json", *project]) == 0
    captured = capsys.readouterr()
    assert [Path(r["document"]).name for r in json.loads(captured.out)] == list(
        TEXTS
    )  # by document
    assert "no document matched has the attribute 'wave'" in captured.err
