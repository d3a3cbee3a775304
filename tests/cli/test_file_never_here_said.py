"""A document whose file is not there: of records imported for a document the user never had
here, an export, a report and a query said "the file is gone (moved or deleted?)", of a file
that was never there.  The store knows a document read here (its reading position or its
text's hash kept, as the app, annotate and autocode keep it): of that one the file is gone;
of any other the line is true either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.colleagues import INTERVIEW, our_corpus, their_interview_export

from tui_reader.cli.main import main
from tui_reader.core.workspace import Workspace

NEVER = "no such file (moved, deleted or never here?)"
GONE = "the file is gone (moved or deleted?)"


def _imported(tmp_path: Path) -> tuple[list[str], Path]:
    """A colleague's export of a passage of interview.txt imported into db/ours.json with
    the corpus c/ named, which has no such file: the options naming them, and the file's
    path there."""
    out = their_interview_export(tmp_path, "json", tmp_path / "theirs.json", site=False)
    corpus, db = our_corpus(tmp_path)
    ours = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["import", *ours, str(out)]) == 0
    return ours, corpus / "interview.txt"


def _said_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ours: list[str], path: Path
) -> None:
    """An export and a query with the options ``ours`` say the file at ``path`` gone, its
    passage left out, and never that it was never here."""
    for command in (["export", "-f", "csv", "-o", str(tmp_path / "out")], ["query", "place"]):
        capsys.readouterr()
        main([*command, *ours])
        err = capsys.readouterr().err
        assert f"tui-reader: {path}: {GONE}: 1 annotation" in err, err
        assert NEVER not in err, err


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["export", "-f", "csv"], "1 annotation exported as orphans; the database is unchanged"),
        (["export", "-f", "qdpx"], "1 annotation left out of the project"),
        (["report", "frequencies"], "1 annotation left out"),
        (["query", "place"], "1 annotation left out"),
    ],
)
def test_a_file_never_here_is_not_said_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], said: str
) -> None:
    ours, path = _imported(tmp_path)
    out = ["-o", str(tmp_path / "out")] if command[0] == "export" else []
    capsys.readouterr()
    main([*command, *ours, *out])
    err = capsys.readouterr().err
    assert f"tui-reader: {path}: {NEVER}: {said}" in err, err
    assert "gone" not in err, err


def test_a_file_read_here_then_deleted_is_said_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, path = _imported(tmp_path)
    path.write_text(INTERVIEW, "utf-8")  # the file came, was read here, then went
    workspace = Workspace(path.parent, tmp_path / "db" / "ours.json")
    key = workspace.key(path)
    workspace.store.set_reading_position(key, 4)
    workspace.store.close()
    path.unlink()
    _said_gone(tmp_path, capsys, ours, path)


@pytest.mark.parametrize(
    "coding",
    [
        ["annotate", "interview.txt", "--quote", "shelter", "--tag", "place"],
        ["autocode", "shelter", "--tag", "place"],
    ],
)
def test_a_file_coded_from_the_command_line_then_deleted_is_said_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], coding: list[str]
) -> None:
    # Before: "no such file (moved, deleted or never here?)": only the app, which keeps the
    # reading position of a document it opens, told a file read here from one never here.
    corpus, db = our_corpus(tmp_path)
    path = corpus / "interview.txt"
    path.write_text(INTERVIEW, "utf-8")
    ours = ["--db", str(db), "--corpus", str(corpus)]
    assert main([*coding, *ours]) == 0
    path.unlink()
    _said_gone(tmp_path, capsys, ours, path)
