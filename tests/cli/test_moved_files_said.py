"""A command that finds a file gone and its annotations' text in another file moves them there
(the database changes): it says so, naming both files, once."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The border closed in March.\n\nThe market moved north.\n"
NOTE = "".join(f"Line {n} of the shelter notes, on the camps and the roads.\n" for n in range(12))


def _annotated(tmp_path: Path, db: Path | None = None) -> tuple[Path, Path]:
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT})
    db = tmp_path / "db.json" if db is None else db
    for quote in ("border", "market"):
        argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "--quote", quote, "-t", "t"]
        assert main(argv) == 0
    return corpus, db


# Two texts, each with its passage and code: (text, quote, code) by file name
TWO = {
    "a.txt": ("Alpha speaks of rivers and crossings at night.\n", "rivers and crossings", "river"),
    "b.txt": ("Beta tells of soldiers waiting on the far side.\n", "soldiers waiting", "army"),
}


def _exported_rows(
    at: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[list[tuple[str, str, str, str]], str]:
    """A CSV export's rows (document, quote, status, kind), sorted, and what it said."""
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    rows = sorted((r["document"], r["content"], r["status"], r["kind"]) for r in _csv(out))
    return rows, err


def _coded(tmp_path: Path, texts: dict[str, tuple[str, str, str]]) -> tuple[Path, list[str]]:
    """A corpus of ``texts`` (name: text, quote, tag), each annotated on its quote with its
    tag, a.txt given kind=alpha; returns the corpus and its --corpus and --db options."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (text, _quote, _tag) in texts.items():
        (corpus / name).write_text(text, "utf-8")
    at = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    for name, (_text, quote, tag) in texts.items():
        assert main(["annotate", name, "--quote", quote, "-t", tag, *at]) == 0
    assert main(["attr", "set", "a.txt", "kind=alpha", *at]) == 0
    return corpus, at


def _moved_away_into_two_copies(tmp_path: Path) -> tuple[Path, list[str]]:
    """a.txt annotated, then moved to archive/a.txt and copied to backup.txt, a new a.txt
    written in its place; returns the corpus and its --corpus and --db options."""
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
    return corpus, at


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
    # (export said "No such file or directory", then counted its orphans in another line)
    assert f"tui-reader: {corpus / 'a.txt'}: the file is gone (moved or deleted?): 2 " in err
    assert "outside" not in err


@pytest.mark.parametrize("command", [["export"], ["report", "frequencies"], ["query", "t"]])
def test_a_project_read_without_naming_its_corpus_is_told_how_to_name_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """Run in the project's folder with no corpus named (no ./docs_corpus), its database
    kept in another folder than its documents (``../corpus/a.txt``), a command read the
    sample corpus, and said each document annotated was "outside the corpus folder"."""
    (tmp_path / "store").mkdir()
    corpus, db = _annotated(tmp_path, tmp_path / "store" / "db.json")
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
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT})
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
    texts = {
        **TWO,
    }
    corpus, at = _coded(tmp_path, texts)
    (corpus / "a.txt").rename(corpus / "t.txt")
    (corpus / "b.txt").rename(corpus / "a.txt")
    (corpus / "t.txt").rename(corpus / "b.txt")
    rows, err = _exported_rows(at, capsys)
    assert "corpus/a.txt and corpus/b.txt exchanged names" in err, err
    assert rows == [
        ("corpus/a.txt", "soldiers waiting", "anchored", ""),
        ("corpus/b.txt", "rivers and crossings", "anchored", "alpha"),
    ]


def test_three_files_that_exchanged_names_round_a_ring_are_said_and_follow_their_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = {
        **TWO,
        "c.txt": ("Gamma recalls the harvest and the long winter.\n", "harvest", "farm"),
    }
    corpus, at = _coded(tmp_path, texts)
    (corpus / "a.txt").rename(corpus / "t.txt")
    (corpus / "c.txt").rename(corpus / "a.txt")
    (corpus / "b.txt").rename(corpus / "c.txt")
    (corpus / "t.txt").rename(corpus / "b.txt")
    rows, err = _exported_rows(at, capsys)
    assert "corpus/a.txt, corpus/b.txt and corpus/c.txt exchanged names" in err, err
    assert rows == [
        ("corpus/a.txt", "harvest", "anchored", ""),
        ("corpus/b.txt", "rivers and crossings", "anchored", "alpha"),
        ("corpus/c.txt", "soldiers waiting", "anchored", ""),
    ]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_a_corpus_moved_behind_a_symbolic_link_is_said_so_and_exported_under_its_listed_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus folder moved to another disk, a link left in its place: the database named
    its files through the link, which the listing never does; the annotations move once to
    the listed name (the library showed none; every export placed them all again), said as a
    name of the same file, not as a file gone."""
    corpus, db = _annotated(tmp_path)
    (tmp_path / "disk").mkdir()
    corpus.rename(tmp_path / "disk" / "corpus")
    corpus.symlink_to(tmp_path / "disk" / "corpus")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    argv = ["export", str(corpus), "--format", "csv", "-o", "-", "--db", str(db)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert [line for line in err.splitlines() if "symbolic link" in line] == [
        "tui-reader: corpus/a.txt names disk/corpus/a.txt through a symbolic link: "
        "2 annotations of it moved to that name"
    ]
    assert "is not there" not in err
    rows = _csv(out)
    assert {(r["document"], r["status"]) for r in rows} == {("disk/corpus/a.txt", "anchored")}
    with AnnotationStore(db, read_only=True) as store:
        assert {a.document for a in store.annotations()} == {"disk/corpus/a.txt"}
    assert main(argv) == 0
    assert "symbolic link" not in capsys.readouterr().err  # moved once: nothing more to say


@pytest.mark.parametrize(
    "command", [["query", "t AND year>=2020"], ["report", "matrix", "--by", "year"]]
)
def test_a_query_or_report_finds_a_file_moved_and_edited_with_its_attributes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """The corpus taken to another folder, one file corrected there: a query or a report
    left that file's passages out ('their file is gone') where an export found them by
    their quotes, and filtered on attributes as they were under the old names."""
    corpus, db = _annotated(tmp_path)
    argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "-t", "t"]
    assert main([*argv, "--quote", "The market moved north."]) == 0
    assert main(["attr", "set", "--db", str(db), str(corpus / "a.txt"), "year=2021"]) == 0
    moved = tmp_path / "papers"
    moved.mkdir()
    (moved / "a.txt").write_text(TEXT.replace("March", "April"), encoding="utf-8")
    (corpus / "a.txt").unlink()
    corpus.rmdir()
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    main([*command[:1], "--corpus", str(moved), "--db", str(db), *command[1:]])
    out, err = capsys.readouterr()
    assert "gone" not in err and "No such file" not in err, err
    said = [line for line in err.splitlines() if "is not there" in line]
    assert said == [
        "tui-reader: corpus/a.txt is not there: 3 annotations of it moved to "
        "papers/a.txt, the one new file holding its passages"
    ]
    if command[0] == "query":
        assert "3 passages match" in err and "The market moved north." in out
    else:
        assert [line.split() for line in out.splitlines()[::2]] == [["tag", "2021"], ["t", "3"]]


def test_files_of_one_text_moved_to_another_folder_each_keep_their_own_coding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three notes made from one template (one text) with their own codes and attributes,
    the folder taken elsewhere, one renamed: every annotation and attribute went to the
    first file of that text, papers/a.txt (its country that of another note)."""
    lit = tmp_path / "lit"
    lit.mkdir()
    for name in ("a", "b", "c"):
        (lit / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    at = ["--corpus", str(lit), "--db", str(tmp_path / "db.json")]
    for name in ("a", "b", "c"):
        assert main(["attr", "set", f"{name}.txt", f"kind={name}", *at]) == 0
    for name in ("a", "b"):
        assert main(["annotate", f"{name}.txt", "--quote", "border", "-t", name, *at]) == 0
    lit.rename(tmp_path / "papers")
    (tmp_path / "papers" / "b.txt").rename(tmp_path / "papers" / "renamed-b.txt")
    at[1] = str(tmp_path / "papers")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    rows = sorted((r["document"], r["tag"], r["kind"]) for r in _csv(out))
    assert rows == [
        ("papers/a.txt", "a", "a"),
        ("papers/c.txt", "", "c"),  # not coded: a row for its attributes
        ("papers/renamed-b.txt", "b", "b"),
    ], err
    assert main(["attr", "list", *at]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "papers/a.txt  kind=a",
        "papers/c.txt  kind=c",
        "papers/renamed-b.txt  kind=b",
    ]


def test_a_file_moved_away_and_a_new_one_put_under_its_name_takes_its_passages_along(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old version of a.txt moved to archive/a.txt and a new a.txt written in its place:
    no file was gone, so nothing looked for the text of a.txt's passages, and every one was an
    orphan on the new a.txt, though archive/a.txt held them word for word."""
    corpus, _ = text_corpus(
        tmp_path,
        {
            "a.txt": "Alpha speaks of rivers and crossings at night.\n",
            "z.txt": "Zeta tells of soldiers waiting on the far side.\n",
        },
    )
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


def test_the_moves_of_many_files_are_said_twenty_by_name_and_the_rest_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus of 10,000 documents moved printed 10,000 lines, one a file, burying the
    rest of what the command said: the first twenty are named, the others counted."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.workspace import Workspace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    for n in range(25):
        (corpus / f"t{n:02d}.txt").write_text(f"Text {n}: the border closed.\n", "utf-8")
        key = workspace.key(corpus / f"t{n:02d}.txt")
        document = workspace.document(key)
        start = document.text.index("border")
        workspace.store.add(
            make_annotation(key, document.text, start, start + 6, document.sha256, ("t",))
        )
    workspace.store.close()
    (tmp_path / "disk").mkdir()
    corpus.rename(tmp_path / "disk" / "corpus")
    corpus.symlink_to(tmp_path / "disk" / "corpus")
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(corpus), "--format", "csv", "-o", "out.csv", "--db", str(db)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "wrote" not in line]
    assert said[0] == (
        "tui-reader: corpus/t00.txt names disk/corpus/t00.txt through a symbolic link: "
        "1 annotation of it moved to that name"
    )
    assert len(said) == 21 and said[19].startswith("tui-reader: corpus/t19.txt names")
    assert said[20] == "tui-reader: 5 more like these"


def test_a_file_edited_as_its_folder_moved_is_found_by_its_name_and_short_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder renamed (lit to papers), a note corrected there, its codes on a few short
    words ('border', 'market'): too few characters to tell a file by, its passages were
    orphans 'not in the corpus' though papers/a.txt, of its name, holds them."""
    corpus, db = _annotated(tmp_path)
    moved = corpus.rename(tmp_path / "papers")
    (moved / "a.txt").write_text(TEXT.replace("March", "April"), encoding="utf-8")
    (moved / "b.txt").write_text("The border and the market.\n", encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(moved), "--format", "csv", "-o", "-", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    said = [line for line in err.splitlines() if "is not there" in line]
    assert said == [
        "tui-reader: corpus/a.txt is not there: 2 annotations of it moved to "
        "papers/a.txt, the one new file holding its passages"
    ]
    rows = sorted((r["document"], r["content"], r["status"]) for r in _csv(out))
    assert rows == [("papers/a.txt", "border", "anchored"), ("papers/a.txt", "market", "anchored")]


def test_a_file_moved_away_into_two_copies_is_said_and_its_passages_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old a.txt moved to archive/a.txt and copied to backup.txt, a new a.txt written in
    its place: two files hold the text a.txt's passages were made on, so none took them, and
    they stayed orphans on the new a.txt without a word."""
    _, at = _moved_away_into_two_copies(tmp_path)
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert (
        "corpus/a.txt holds another text now: 1 annotation of it left orphans there, since "
        "corpus/archive/a.txt and corpus/backup.txt each hold the text they were made on"
    ) in err, err
    rows = [(r["document"], r["status"]) for r in _csv(out) if r["content"]]
    assert rows == [("corpus/a.txt", "orphan")]


def test_a_file_with_attributes_and_no_annotation_moved_renamed_and_edited_is_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # lit/note-03.md, attributes and a memo and no passage, renamed and corrected as its
    # folder moved: attr list still showed them on lit/note-03.md, without a word
    lit = tmp_path / "lit"
    lit.mkdir()
    note = NOTE
    (lit / "note-03.md").write_text(note, encoding="utf-8")
    (lit / "other.md").write_text("Nothing alike in this one at all.\n" * 12, encoding="utf-8")
    db = tmp_path / "db.json"
    common = ["--db", str(db), "--corpus", str(lit)]
    assert main(["attr", "set", *common, str(lit / "note-03.md"), "year=2018"]) == 0
    assert main(["memo", "add", *common, "--doc", str(lit / "note-03.md"), "to read"]) == 0
    papers = tmp_path / "papers"
    lit.rename(papers)
    (papers / "note-03.md").rename(papers / "shelters-note.md")
    edited = note.replace("Line 5 of", "Line five of")
    (papers / "shelters-note.md").write_text(edited, encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(papers), "--db", str(db), "-f", "project"]) == 0
    out, err = capsys.readouterr()
    project = json.loads(out)
    assert project["attributes"] == {"papers/shelters-note.md": {"year": 2018}}
    assert [m["target"] for m in project["memos"]] == ["papers/shelters-note.md"]
    assert (
        "tui-reader: lit/note-03.md is not there: its memo and attributes moved to "
        "papers/shelters-note.md, the one new file holding most of its text"
    ) in err.splitlines()


def test_a_query_counts_left_out_only_the_passages_of_a_file_gone_it_could_match(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the passage of a gone file was coded 'other': 'query t' said it was left out, and
    # named the file, though it could never be among the passages of t
    corpus, db = _annotated(tmp_path)
    (corpus / "b.txt").write_text("Words of another file.\n", encoding="utf-8")
    argv = ["annotate", str(corpus / "b.txt"), "--db", str(db), "--quote", "another"]
    assert main([*argv, "-t", "other"]) == 0
    (corpus / "b.txt").unlink()
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["query", "t", "--corpus", str(corpus), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "left out" not in err and "b.txt" not in err
    assert main(["query", "other", "--corpus", str(corpus), "--db", str(db)]) == 2  # none here
    err = capsys.readouterr().err
    assert any(
        line.startswith("tui-reader: ")
        and line.endswith("b.txt: the file is gone (moved or deleted?): 1 annotation left out")
        for line in err.splitlines()
    ), err


def test_passages_left_orphans_by_two_copies_go_to_the_one_left_once_the_other_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old a.txt moved to archive/a.txt and copied to backup.txt: its passages stayed
    orphans on the new a.txt (said). backup.txt deleted, they go to archive/a.txt: the
    exports that left them orphans did not keep them so for good."""
    corpus, at = _moved_away_into_two_copies(tmp_path)
    for _ in range(2):  # the first pass leaves them orphans; the second finds them so
        assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    (corpus / "backup.txt").unlink()
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *at]) == 0
    out, err = capsys.readouterr()
    assert "1 annotation of it moved to corpus/archive/a.txt" in err, err
    rows = [(r["document"], r["status"]) for r in _csv(out) if r["content"]]
    assert rows == [("corpus/archive/a.txt", "anchored")]


@pytest.mark.parametrize("listing", [["attr", "list"], ["memo", "list"]])
def test_the_listings_follow_moved_files_as_an_export_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    listing: list[str],
) -> None:
    # attr list and memo list showed lit/a.md after lit moved to papers and a.md was renamed
    # b.md, until an export, query or report had moved them
    lit = tmp_path / "lit"
    lit.mkdir()
    (lit / "a.md").write_text(TEXT, encoding="utf-8")
    note = NOTE
    (lit / "note-03.md").write_text(note, encoding="utf-8")
    db = tmp_path / "db.json"
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "note-03.md"):
        common = ["--db", str(db), "--corpus", "."]
        assert main(["attr", "set", *common, f"lit/{name}", "year=2018"]) == 0
        assert main(["memo", "add", *common, "--doc", f"lit/{name}", "to read"]) == 0
    papers = tmp_path / "papers"
    lit.rename(papers)
    (papers / "a.md").rename(papers / "b.md")
    (papers / "note-03.md").unlink()
    (papers / "shelters-note.md").write_text(note.replace("Line 5", "Line five"), "utf-8")
    capsys.readouterr()
    assert main([*listing, "--db", str(db), "--corpus", "papers"]) == 0
    out, err = capsys.readouterr()
    assert "lit/" not in out
    assert out.count("papers/b.md") == 1 and out.count("papers/shelters-note.md") == 1
    assert err.splitlines() == [
        # said as the move of a file's annotations is said (it moved without a word)
        "tui-reader: lit/a.md is not there: its memo and attributes moved to papers/b.md, "
        "a file of the same text",
        "tui-reader: lit/note-03.md is not there: its memo and attributes moved to "
        "papers/shelters-note.md, the one new file holding most of its text",
    ]
    if listing[0] == "memo":  # the memo shown by the file's name now
        assert main(["memo", "show", "--doc", "papers/b.md", "--db", str(db)]) == 0
        assert "to read" in capsys.readouterr().out


def test_attr_unset_takes_off_the_attribute_of_a_file_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # attr unset papers/b.md year said "had no attribute 'year'" and the year came back on
    # papers/b.md at the next export: it was still on lit/a.md
    lit = tmp_path / "lit"
    lit.mkdir()
    (lit / "a.md").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    monkeypatch.chdir(tmp_path)
    assert main(["attr", "set", "--db", str(db), "--corpus", ".", "lit/a.md", "year=2018"]) == 0
    lit.rename(tmp_path / "papers")
    (tmp_path / "papers" / "a.md").rename(tmp_path / "papers" / "b.md")
    common = ["--db", str(db), "--corpus", "papers"]
    capsys.readouterr()
    assert main(["attr", "unset", *common, "papers/b.md", "year"]) == 0
    assert "no attribute" not in capsys.readouterr().err
    assert main(["attr", "list", *common, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {}


def test_a_file_moved_named_as_it_was_is_the_file_it_moved_to_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # attr unset lit/a.md after lit/a.md moved to lit/b.md moved the attributes to lit/b.md
    # without a word, then said "lit/a.md: no such document", the year left on lit/b.md
    lit = tmp_path / "papers" / "lit"
    lit.mkdir(parents=True)
    (lit / "a.md").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    common = ["--db", "db.json", "--corpus", "papers"]
    assert main(["attr", "set", *common, "lit/a.md", "year=2018", "kind=essay"]) == 0
    (lit / "a.md").rename(lit / "b.md")
    capsys.readouterr()
    assert main(["attr", "unset", *common, "lit/a.md", "year"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "tui-reader: papers/lit/a.md is not there: its memo and attributes moved to "
        "papers/lit/b.md, a file of the same text"
    ]
    assert main(["attr", "list", *common, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"papers/lit/b.md": {"kind": "essay"}}


def test_a_report_that_moves_passages_to_a_file_it_knew_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report run with both copies (archive/a.txt and backup.txt) learned archive/a.txt
    uncoded; backup.txt deleted, the next report moved a.txt's passage to archive/a.txt and
    said so, but counted it nowhere: '(no coded passages)'."""
    corpus, at = _moved_away_into_two_copies(tmp_path)
    main(["report", "frequencies", *at])
    (corpus / "backup.txt").unlink()
    capsys.readouterr()
    assert main(["report", "frequencies", "--format", "csv", *at]) == 0
    out, err = capsys.readouterr()
    assert "1 annotation of it moved to corpus/archive/a.txt" in err, err
    rows = _csv(out)
    assert [(r["tag"], r["passages"]) for r in rows] == [("river", "1")], out
