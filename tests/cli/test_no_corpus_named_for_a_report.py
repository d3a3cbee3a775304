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
    assert main(command) == 2
    out, err = capsys.readouterr()
    assert out == ""  # no table of the sample corpus's files
    assert err == (
        "tui-reader: 1 document of the database, with 1 annotation, lies outside the sample "
        f"corpus, read as no corpus was named (they are in {project}): not read; name the "
        "corpus: PATH or --corpus DIR\n"
    )


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
