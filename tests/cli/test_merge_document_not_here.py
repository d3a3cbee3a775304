"""A colleague's coding merged with a corpus named (``--corpus``, ``$TUI_READER_CORPUS``, the
app's own corpus), naming a document that is in no folder here: the merge kept it under its
key beside the database (``interview.txt`` of db/), where no command reads a file once a
corpus is named, and the file put in the corpus left their passages orphans.  It is kept in
the corpus under the name the file gives it, as ``import`` keeps it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from helpers.colleagues import our_corpus, their_interview_export

from tui_reader.cli.main import main
from tui_reader.core.interchange.coded_work import read_coded_work
from tui_reader.core.interchange.merging import apply_planned, plan_work
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.locations import ENV_CORPUS


def _their_export(tmp_path: Path, fmt: str = "json") -> Path:
    """A colleague's database beside their corpus, a passage of interview.txt coded, with
    attributes, exported in ``fmt`` (``w3c``: with no hash of the text, as another tool
    writes one)."""
    out = their_interview_export(tmp_path, fmt, tmp_path / f"theirs.{fmt}")
    if fmt == "w3c":
        data = json.loads(out.read_text("utf-8"))
        for item in data["first"]["items"]:
            del item["docSha256"]
        out.write_text(json.dumps(data), "utf-8")
    return out


def _rows(db: Path, corpus: Path) -> list[dict[str, str]]:
    out = db.parent.parent / "rows.csv"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["export", *at, "-f", "csv", "-o", str(out)]) == 0
    return list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))


def _documents(db: Path) -> set[str]:
    with AnnotationStore(db) as store:
        return {a.document for a in store.annotations()}


def _found_once_put_there(tmp_path: Path, db: Path, corpus: Path) -> None:
    """Their passage kept in the corpus; the file put there and coded here before any other
    command: their passage is on it, in place (a passage with no hash of its text, kept
    beside the database, stayed an orphan there)."""
    assert _documents(db) == {"../c/interview.txt"}
    shutil.copy(tmp_path / "theirs" / "interview.txt", corpus / "interview.txt")
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "interview.txt", "--quote", "north", "--tag", "n"]) == 0
    rows = _rows(db, corpus)
    assert {(row["document"], row["status"]) for row in rows} == {
        ("../c/interview.txt", "anchored")
    }, rows


@pytest.mark.parametrize("fmt", ["json", "project", "w3c"])
def test_merge_keeps_a_document_not_here_in_the_corpus_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = _their_export(tmp_path, fmt)
    corpus, db = our_corpus(tmp_path)
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["merge", *at, str(out)]) == 0
    _found_once_put_there(tmp_path, db, corpus)
    if fmt == "project":  # its attributes are the document's in the corpus too
        capsys.readouterr()
        assert main(["attr", "list", *at]) == 0
        assert "../c/interview.txt  site=North" in capsys.readouterr().out


def test_the_corpus_the_environment_names_keeps_it_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _their_export(tmp_path)
    corpus, db = our_corpus(tmp_path)
    monkeypatch.setenv(ENV_CORPUS, str(corpus))
    assert main(["merge", "--db", str(db), str(out)]) == 0
    _found_once_put_there(tmp_path, db, corpus)


def test_without_a_corpus_named_the_document_stays_beside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_CORPUS, raising=False)
    out = _their_export(tmp_path)
    _, db = our_corpus(tmp_path)
    monkeypatch.chdir(db.parent)
    assert main(["merge", "--db", str(db), str(out)]) == 0
    shutil.copy(tmp_path / "theirs" / "interview.txt", db.parent / "interview.txt")
    assert main(["annotate", "--db", str(db), "interview.txt", "--quote", "north"]) == 0
    rows = _rows(db, db.parent)
    assert {(row["document"], row["status"]) for row in rows} == {("interview.txt", "anchored")}


def test_the_app_s_merge_keeps_it_in_the_app_s_corpus(tmp_path: Path) -> None:
    """The app's merge dialog plans and saves through plan_work, with its own corpus."""
    out = _their_export(tmp_path)
    corpus, db = our_corpus(tmp_path)
    workspace = Workspace(corpus, db)
    work = read_coded_work(out, None, db=db, corpus=corpus)
    planned = plan_work(workspace, work, str(out), corpus=workspace.corpus)
    assert planned.plan.missing_documents == ("../c/interview.txt",)
    apply_planned(workspace, planned, out.name)
    workspace.store.close()
    _found_once_put_there(tmp_path, db, corpus)
