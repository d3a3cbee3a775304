"""report and query run in a project's folder with no corpus named and none found there read
the sample corpus, which holds none of the database's documents: a matrix whose columns were
the sample corpus's files (``../../…/sample_corpus/…``), exit 0, and a query's "0 passages
match", exit 1, were taken for the coding's result.  They stop with the one line that says
where the documents are and how to name the corpus, and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A project's folder (documents in ./texts, no ./docs_corpus) as the working folder."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("The army moved north.\n", "utf-8")
    db = tmp_path / "annotations.json"
    argv = ["annotate", "a.txt", "--corpus", str(texts), "--db", str(db), "--quote", "army"]
    assert main([*argv, "--tag", "war"]) == 0
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    capsys.readouterr()
    return texts


@pytest.mark.parametrize(
    "command",
    [
        ["report", "matrix", "--format", "csv"],
        ["report", "frequencies"],
        ["query", "war", "--format", "json"],
    ],
)
def test_no_result_is_made_of_the_sample_corpus(
    project: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # the database in another folder than its documents ("../texts/a.txt"): nothing names
    # the project's folder
    store = project.parent / "store"
    store.mkdir()
    argv = ["annotate", "a.txt", "--corpus", str(project), "--db", str(store / "db.json")]
    assert main([*argv, "--quote", "army", "--tag", "war"]) == 0
    capsys.readouterr()
    assert main([*command, "--db", str(store / "db.json")]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # no table of the sample corpus's files
    assert err == (
        "tui-reader: 1 document of the database, with 1 annotation, lies outside the sample "
        f"corpus, read as no corpus was named (they are in {project}): not read; name the "
        "corpus: PATH or --corpus DIR\n"
    )


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (["report", "matrix", "--format", "csv"], "war,1"),
        (["report", "frequencies"], "war         1          1           4     18.2%"),
        (["query", "war", "--format", "json"], '    "document": "texts/a.txt",'),
    ],
)
def test_the_database_s_own_documents_are_read_when_no_corpus_is_named(
    project: Path, capsys: pytest.CaptureFixture[str], command: list[str], line: str
) -> None:
    """The project's database names its documents in its folder (``texts/a.txt``): they are
    the corpus (the sample corpus was read, and the command refused)."""
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert line in out.splitlines()
    assert "outside" not in err and "orphan" not in err


def test_the_corpus_named_gives_the_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "matrix", "--format", "csv", str(project)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == ["war,1"] and err == ""


def test_a_report_without_an_annotated_file_gone_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report counted without the passages of an annotated file deleted since, said that
    they were left out, and exited 0: a script took the short count for the whole (search,
    autocode and agreement exit 2 then, as grep does)."""
    (project / "b.txt").write_text("The army came back.\n", "utf-8")
    db = project.parent / "annotations.json"
    argv = ["annotate", "b.txt", "--corpus", str(project), "--db", str(db), "--quote", "army"]
    assert main([*argv, "--tag", "war"]) == 0
    (project / "a.txt").unlink()
    capsys.readouterr()
    assert main(["report", "frequencies", "--format", "csv", str(project)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[1].startswith("war,1,1,")  # the rest counted
    assert err == (
        f"tui-reader: {project / 'a.txt'}: the file is gone (moved or deleted?): 1 annotation "
        "left out\n"
    )
