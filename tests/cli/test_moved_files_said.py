"""A command that finds a file gone and its annotations' text in another file moves them there
(the database changes): it says so, naming both files, once."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The border closed in March.\n\nThe market moved north.\n"


def _annotated(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    for quote in ("border", "market"):
        argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "--quote", quote, "-t", "t"]
        assert main(argv) == 0
    return corpus, db


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "csv", "-o", "out.csv"],
        ["report", "frequencies"],
        ["query", "t"],
        ["agreement", "ana", "bo"],
    ],
)
def test_annotations_moved_to_a_file_of_the_same_text_are_said(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    corpus, db = _annotated(tmp_path)
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    where = [str(corpus)] if command[0] == "export" else ["--corpus", str(corpus)]
    main([*command[:1], *where, *command[1:], "--db", str(db)])
    said = [line for line in capsys.readouterr().err.splitlines() if "is not there" in line]
    assert said == [
        "tui-reader: corpus/a.txt is not there: 2 annotations of it moved to "
        "corpus/renamed.txt, a file of the same text"
    ]
    with AnnotationStore(db, read_only=True) as store:
        assert {a.document for a in store.annotations()} == {"corpus/renamed.txt"}
    main([*command[:1], *where, *command[1:], "--db", str(db)])
    assert "is not there" not in capsys.readouterr().err  # moved once: nothing more to say


@pytest.mark.parametrize(
    "command",
    [["export", "--format", "csv"], ["report", "frequencies"], ["query", "t"]],
)
def test_annotations_of_a_file_gone_outside_the_corpus_named_are_said_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A file deleted from a folder other than the one --corpus names was said to be "outside
    the corpus folder; not read", as if it were there and refused."""
    corpus, db = _annotated(tmp_path)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "b.txt").write_text("Other.\n", encoding="utf-8")
    (corpus / "a.txt").unlink()
    capsys.readouterr()
    main([*command, "--corpus", str(tmp_path / "new"), "--db", str(db)])
    err = capsys.readouterr().err
    assert f"tui-reader: {corpus / 'a.txt'}: No such file or directory\n" in err
    assert "outside" not in err


@pytest.mark.parametrize("command", [["export"], ["report", "frequencies"], ["query", "t"]])
def test_a_project_read_without_naming_its_corpus_is_told_how_to_name_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """Run in the project's folder with no corpus named (no ./docs_corpus), a command read
    the sample corpus, and said each document annotated was "outside the corpus folder"."""
    corpus, db = _annotated(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    capsys.readouterr()
    main([*command, "--db", str(db)])
    said = capsys.readouterr().err.splitlines()
    # an export, a report or a query says it in one line for every such document
    assert said[0] == (
        "tui-reader: 1 document of the database, with 2 annotations, lies outside the "
        f"sample corpus, read as no corpus was named (they are in {corpus}): not read; "
        "name the corpus: PATH or --corpus DIR"
    )


def test_a_file_moved_and_edited_is_said_found_by_its_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # renamed and corrected at once: the passages stayed orphans on the old name
    corpus, db = _annotated(tmp_path)
    argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "-t", "t"]
    assert main([*argv, "--quote", "The market moved north."]) == 0
    (corpus / "renamed.txt").write_text(TEXT.replace("March", "April"), encoding="utf-8")
    (corpus / "a.txt").unlink()
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(corpus), "--format", "json", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    said = [line for line in err.splitlines() if "is not there" in line]
    assert said == [
        "tui-reader: corpus/a.txt is not there: 3 annotations of it moved to "
        "corpus/renamed.txt, the one new file holding its passages"
    ]
    assert '"status": "orphan"' not in out and out.count('"document": "corpus/renamed.txt"') == 3


def test_a_file_with_a_memo_and_attributes_and_no_annotation_is_followed_when_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    common = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["memo", "add", *common, "--doc", str(corpus / "a.txt"), "to read"]) == 0
    assert main(["attr", "set", *common, str(corpus / "a.txt"), "year=2018"]) == 0
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(corpus), "--db", str(db), "-f", "project"]) == 0
    project = json.loads(capsys.readouterr().out)
    assert [m["target"] for m in project["memos"]] == ["corpus/renamed.txt"]
    assert project["attributes"] == {"corpus/renamed.txt": {"year": 2018}}


def test_two_files_that_exchanged_names_are_said_and_their_passages_follow_their_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Alpha speaks of rivers and crossings at night.\n", "utf-8")
    (corpus / "b.txt").write_text("Beta tells of soldiers waiting on the far side.\n", "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    assert main(["annotate", "b.txt", "--quote", "soldiers waiting", "-t", "army", *at]) == 0
    assert main(["attr", "set", "a.txt", "kind=alpha", *at]) == 0
    (corpus / "a.txt").rename(corpus / "t.txt")
    (corpus / "b.txt").rename(corpus / "a.txt")
    (corpus / "t.txt").rename(corpus / "b.txt")
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert "corpus/a.txt and corpus/b.txt exchanged names" in err, err
    rows = sorted((r["document"], r["content"], r["status"], r["kind"]) for r in _csv(out))
    assert rows == [
        ("corpus/a.txt", "soldiers waiting", "anchored", ""),
        ("corpus/b.txt", "rivers and crossings", "anchored", "alpha"),
    ]


def test_three_files_that_exchanged_names_round_a_ring_are_said_and_follow_their_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Alpha speaks of rivers and crossings at night.\n", "utf-8")
    (corpus / "b.txt").write_text("Beta tells of soldiers waiting on the far side.\n", "utf-8")
    (corpus / "c.txt").write_text("Gamma recalls the harvest and the long winter.\n", "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    assert main(["annotate", "b.txt", "--quote", "soldiers waiting", "-t", "army", *at]) == 0
    assert main(["annotate", "c.txt", "--quote", "harvest", "-t", "farm", *at]) == 0
    assert main(["attr", "set", "a.txt", "kind=alpha", *at]) == 0
    (corpus / "a.txt").rename(corpus / "t.txt")
    (corpus / "c.txt").rename(corpus / "a.txt")
    (corpus / "b.txt").rename(corpus / "c.txt")
    (corpus / "t.txt").rename(corpus / "b.txt")
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert "corpus/a.txt, corpus/b.txt and corpus/c.txt exchanged names" in err, err
    rows = sorted((r["document"], r["content"], r["status"], r["kind"]) for r in _csv(out))
    assert rows == [
        ("corpus/a.txt", "harvest", "anchored", ""),
        ("corpus/b.txt", "rivers and crossings", "anchored", "alpha"),
        ("corpus/c.txt", "soldiers waiting", "anchored", ""),
    ]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_a_file_moved_away_and_a_new_one_put_under_its_name_takes_its_passages_along(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old version of a.txt moved to archive/a.txt and a new a.txt written in its place:
    no file was gone, so nothing looked for the text of a.txt's passages, and every one was an
    orphan on the new a.txt, though archive/a.txt held them word for word."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Alpha speaks of rivers and crossings at night.\n", "utf-8")
    (corpus / "z.txt").write_text("Zeta tells of soldiers waiting on the far side.\n", "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    assert main(["annotate", "z.txt", "--quote", "soldiers waiting", "-t", "army", *at]) == 0
    assert main(["attr", "set", "a.txt", "kind=alpha", *at]) == 0
    assert main(["export", "-f", "csv", "-o", str(tmp_path / "first.csv"), *at]) == 0
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert (
        "corpus/a.txt holds another text now: 1 annotation of it moved to "
        "corpus/archive/a.txt, the file of the text they were made on"
    ) in err, err
    rows = [(r["document"], r["content"], r["status"], r["kind"]) for r in _csv(out)]
    assert rows == [
        ("corpus/archive/a.txt", "rivers and crossings", "anchored", "alpha"),
        ("corpus/z.txt", "soldiers waiting", "anchored", ""),
    ]
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0  # and so it stays
    assert [(r["document"], r["status"]) for r in _csv(capsys.readouterr().out)] == [
        ("corpus/archive/a.txt", "anchored"),
        ("corpus/z.txt", "anchored"),
    ]


def test_a_file_moved_away_into_two_copies_is_said_and_its_passages_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old a.txt moved to archive/a.txt and copied to backup.txt, a new a.txt written in
    its place: two files hold the text a.txt's passages were made on, so none took them, and
    they stayed orphans on the new a.txt without a word."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "Alpha speaks of rivers and crossings at night.\n"
    (corpus / "a.txt").write_text(old, "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "backup.txt").write_text(old, "utf-8")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert (
        "corpus/a.txt holds another text now: 1 annotation of it left orphans there, since "
        "corpus/archive/a.txt and corpus/backup.txt each hold the text they were made on"
    ) in err, err
    rows = [(r["document"], r["status"]) for r in _csv(out) if r["content"]]
    assert rows == [("corpus/a.txt", "orphan")]


def test_passages_left_orphans_by_two_copies_go_to_the_one_left_once_the_other_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old a.txt moved to archive/a.txt and copied to backup.txt: its passages stayed
    orphans on the new a.txt (said). backup.txt deleted, they go to archive/a.txt: the
    exports that left them orphans did not keep them so for good."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "Alpha speaks of rivers and crossings at night.\n"
    (corpus / "a.txt").write_text(old, "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "backup.txt").write_text(old, "utf-8")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    for _ in range(2):  # the first pass leaves them orphans; the second finds them so
        assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    (corpus / "backup.txt").unlink()
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert "1 annotation of it moved to corpus/archive/a.txt" in err, err
    rows = [(r["document"], r["status"]) for r in _csv(out) if r["content"]]
    assert rows == [("corpus/archive/a.txt", "anchored")]


def test_a_report_that_moves_passages_to_a_file_it_knew_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report run with both copies (archive/a.txt and backup.txt) learned archive/a.txt
    uncoded; backup.txt deleted, the next report moved a.txt's passage to archive/a.txt and
    said so, but counted it nowhere: '(no coded passages)'."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "Alpha speaks of rivers and crossings at night.\n"
    (corpus / "a.txt").write_text(old, "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["annotate", "a.txt", "--quote", "rivers and crossings", "-t", "river", *at]) == 0
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "backup.txt").write_text(old, "utf-8")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    main(["report", "frequencies", *at])
    (corpus / "backup.txt").unlink()
    capsys.readouterr()
    assert main(["report", "frequencies", "--format", "csv", *at]) == 0
    out, err = capsys.readouterr()
    assert "1 annotation of it moved to corpus/archive/a.txt" in err, err
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(r["tag"], r["passages"]) for r in rows] == [("river", "1")], out
