"""``tui-reader`` run with no folder named, in a folder of the user's own documents: the app
showed the two sample articles and never said that the folder's documents were not read, nor
how to read them. It says so now, naming a few of them, as it starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app_start import app_starts

from tui_reader.cli.main import main


@pytest.fixture
def no_corpus_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "fieldwork"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    return folder


def test_the_documents_of_the_working_folder_are_named(
    no_corpus_named: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("report.pdf", "interview-1.docx", "notes.txt", "z.md", ".hidden.txt"):
        (no_corpus_named / name).write_bytes(b"x")
    (no_corpus_named / "node_modules.json").write_text("{}", encoding="utf-8")
    (no_corpus_named / "Makefile").write_text("all:\n", encoding="utf-8")
    (no_corpus_named / "papers.pdf").mkdir()  # a folder: no document of its own
    starts = app_starts(monkeypatch)
    assert main([]) == 0
    assert starts[0].corpus_said == (
        "No folder was named, so the sample corpus (two articles) is shown, not the "
        "documents here (interview-1.docx, notes.txt, report.pdf and 1 more): "
        "tui-reader . reads them"
    )


def test_an_empty_folder_is_told_how_to_name_one(
    no_corpus_named: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts = app_starts(monkeypatch)
    assert main([]) == 0
    assert starts[0].corpus_said == (
        "No folder was named, so the sample corpus (two articles) is shown: tui-reader FOLDER "
        "reads the documents of FOLDER, tui-reader FILE one file"
    )


def test_a_corpus_named_says_nothing(
    no_corpus_named: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_corpus_named / "report.txt").write_text("some words\n", encoding="utf-8")
    starts = app_starts(monkeypatch)
    assert main(["."]) == 0
    assert main(["report.txt"]) == 0
    (no_corpus_named / "docs_corpus").mkdir()
    assert main([]) == 0
    assert [start.corpus_said for start in starts] == ["", "", ""]


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["search", "Pentagon"],
        ["search", "-l", "Pentagon"],
        ["autocode", "Pentagon", "-t", "p"],
    ],
)
def test_a_command_reading_the_sample_corpus_says_so(
    no_corpus_named: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """Run in the wrong folder (a script's ``cd`` failed, a cron job's home), ``search -l
    Pentagon`` printed the package's own sample articles as hits, exit 0, and ``autocode``
    coded them into a new database there, without a word: a script took them for the
    project's.  The command still reads them, and says so on stderr, as the app does."""
    (no_corpus_named / "notes.txt").write_text("Pentagon\n", encoding="utf-8")
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "mexico-hosts-southcom" in out or out.strip().isdigit()
    command = argv[0]
    assert (
        f"tui-reader: no corpus was named, and there is no ./docs_corpus here: {command} "
        "reads the sample corpus (two articles); name a folder, . for this one\n"
    ) in err
    assert main([*argv, "."]) == 0
    out, err = capsys.readouterr()
    assert "sample corpus" not in err and "mexico-hosts-southcom" not in out
