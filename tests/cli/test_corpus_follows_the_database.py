"""Coded with ``tui-reader .`` in a project's folder (no ./docs_corpus there), a command run
in that folder with no corpus named read the sample corpus: every passage came out an orphan.
The database names its documents in its folder: that folder is then the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


def _working_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``folder`` the working folder, and no corpus or database named by the environment."""
    monkeypatch.chdir(folder)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    monkeypatch.delenv("TUI_READER_DB", raising=False)


@pytest.fixture
def coded_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A project's folder, coded as ``tui-reader .`` codes it, as the working folder."""
    _working_in(tmp_path, monkeypatch)
    (tmp_path / "interview1.txt").write_text("The river floods every spring.\n", "utf-8")
    (tmp_path / "interview2.txt").write_text("Talk of drought and wells.\n", "utf-8")
    argv = ["annotate", "--corpus", ".", "interview1.txt", "--quote", "floods", "-t", "flood"]
    assert main(argv) == 0
    capsys.readouterr()
    return tmp_path


def test_an_export_with_no_corpus_named_reads_the_working_folder(
    coded_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "-f", "csv"]) == 0
    out, err = capsys.readouterr()
    (row,) = out.splitlines()[1:]
    assert row.split(",")[1:4] == ["interview1.txt", "flood", "floods"]
    assert ",anchored," in row
    assert err == ""


def test_list_and_search_read_it_too(coded_here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["interview1.txt", "interview2.txt"]
    assert main(["search", "drought"]) == 0
    assert capsys.readouterr().out == "interview2.txt:1: Talk of drought and wells.\n"


def test_an_empty_folder_still_opens_the_sample_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _working_in(tmp_path, monkeypatch)
    assert main(["list"]) == 0
    assert "mexico-hosts-southcom" in capsys.readouterr().out
    assert not (tmp_path / "annotations.json").exists()


def test_a_damaged_database_is_said_not_traded_for_the_sample_corpus(
    coded_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its database cut short half-way, list printed the two sample articles and search
    # found nothing in the project's own documents (exit 1), neither saying a word of the
    # database, where export said it was damaged.  Which folder it codes cannot be known:
    # they say why, as export does, and exit 2.
    db = coded_here / "annotations.json"
    whole = db.read_bytes()
    db.write_bytes(whole[: len(whole) // 2])
    for argv in (["list"], ["search", "drought"], ["export", "-f", "csv"]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        (line,) = err.splitlines()
        assert line.startswith(f"tui-reader: {db}: damaged JSON")
    assert db.read_bytes() == whole[: len(whole) // 2]
    assert main(["list", "."]) == 0  # a corpus named needs no database
    assert "interview1.txt" in capsys.readouterr().out
