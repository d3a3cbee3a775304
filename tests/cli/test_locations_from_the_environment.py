"""A corpus or database named by ``$TUI_READER_CORPUS`` or ``$TUI_READER_DB`` (set long ago in
a shell's profile) that is not there was said by its path alone: the user saw a folder they
never typed and no hint of where it came from.  The variable is said beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app_start import app_starts

from tui_reader.cli.main import main


def _one_document_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command run in ``tmp_path``, a corpus ``c`` of one document beside it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Some text.\n")


def _locations_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    monkeypatch.delenv("TUI_READER_DB", raising=False)


@pytest.mark.parametrize("argv", [["list"], ["search", "x"], ["export"]])
def test_a_corpus_the_variable_names_is_said_to_be_named_by_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUI_READER_CORPUS", str(tmp_path / "gone"))
    monkeypatch.delenv("TUI_READER_DB", raising=False)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert (
        err == f"tui-reader: {tmp_path / 'gone'} ($TUI_READER_CORPUS): No such file or directory\n"
    )
    # a path typed is said as typed, without the variable
    assert main([*argv, str(tmp_path / "other")]) == 2
    assert (
        capsys.readouterr().err == f"tui-reader: {tmp_path / 'other'}: No such file or directory\n"
    )


def test_a_database_the_variable_names_is_said_to_be_named_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    monkeypatch.setenv("TUI_READER_DB", str(tmp_path / "old" / "annotations.json"))
    (tmp_path / "docs_corpus").mkdir()
    assert main(["tags"]) == 2
    db = tmp_path / "old" / "annotations.json"
    assert capsys.readouterr().err == f"tui-reader: {db} ($TUI_READER_DB): no such database\n"
    assert main(["tags", "--db", str(tmp_path / "typed.json")]) == 2
    typed = tmp_path / "typed.json"
    assert capsys.readouterr().err == f"tui-reader: {typed}: no such database\n"


@pytest.mark.parametrize(
    ("variable", "argv", "what"),
    [
        ("TUI_READER_DB", ["annotate", "c/a.txt", "--quote", "Some", "-t", "t"], "a database file"),
        ("TUI_READER_DB", ["tags"], "a database file"),
        ("TUI_READER_CORPUS", ["list", "--db", "db.json"], "a corpus folder, or a file"),
    ],
)
def test_a_variable_of_white_space_alone_names_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    argv: list[str],
    what: str,
) -> None:
    """``export TUI_READER_DB=" "`` made a database named " " in whatever folder a command ran
    in (and ``TUI_READER_CORPUS=" "`` looked for a corpus so named), where ``--db " "`` is
    refused: the variable is refused as the flag is, nothing made."""
    _one_document_here(tmp_path, monkeypatch)
    _locations_unset(monkeypatch)
    monkeypatch.setenv(variable, " ")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: ${variable} names nothing (it is ' '): name {what}, or unset it\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


@pytest.mark.parametrize(
    ("variable", "argv", "made"),
    [
        (
            "TUI_READER_DB",
            ["annotate", "c/a.txt", "--quote", "Some", "-t", "t"],
            "annotations.json",
        ),
        ("TUI_READER_CORPUS", ["list", "--db", "db.json"], None),
    ],
)
def test_a_variable_set_empty_is_said_and_the_default_taken(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    argv: list[str],
    made: str | None,
) -> None:
    """``TUI_READER_DB=""`` (a script's ``TUI_READER_DB=$DB``, DB unset) was taken as unset
    without a word, where one of spaces is refused and an empty ``$TUI_READER_CODER`` is said:
    the command wrote ./annotations.json, or read ./docs_corpus, though the script meant
    another.  It is said in one line on stderr, as the coder's is, and the default taken."""
    _one_document_here(tmp_path, monkeypatch)
    (tmp_path / "docs_corpus").mkdir()
    (tmp_path / "docs_corpus" / "b.txt").write_text("Other text.\n")
    _locations_unset(monkeypatch)
    monkeypatch.setenv(variable, "")
    assert main(argv) == 0
    out, err = capsys.readouterr()
    said = [line for line in err.splitlines() if variable in line]
    assert said == [f"tui-reader: ${variable} is empty: it is taken as unset"]
    if made is not None:
        assert (tmp_path / made).is_file()
    else:
        assert "b.txt" in out  # ./docs_corpus, the default
    # given on the command line, the variable is not used and not said
    assert main([*argv, "--db", "other.json"] if made else [*argv, "docs_corpus"]) == 0
    assert variable not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("variable", "argv"),
    [
        ("TUI_READER_CORPUS", ["tags", "--db", "db.json"]),
        ("TUI_READER_CORPUS", ["coders", "--db", "db.json"]),
        ("TUI_READER_CORPUS", ["list", "c", "--db", "db.json"]),
        ("TUI_READER_DB", ["attr", "list", "--db", "db.json"]),
    ],
)
def test_a_variable_set_empty_that_the_command_does_not_read_is_not_said(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    argv: list[str],
) -> None:
    """``$TUI_READER_CORPUS is empty`` was said by every command taking a corpus, ``tags`` and
    ``coders`` too, which never read one, and by one given its corpus: a line about nothing
    the command did, at every run of a script.  It is said where the variable is read."""
    _one_document_here(tmp_path, monkeypatch)
    assert main(["annotate", "c/a.txt", "--quote", "Some", "-t", "t", "--db", "db.json"]) == 0
    _locations_unset(monkeypatch)
    monkeypatch.setenv(variable, "")
    capsys.readouterr()
    assert main(argv) == 0
    assert variable not in capsys.readouterr().err


def test_a_variable_set_empty_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command reading ``$TUI_READER_DB`` in more than one place (an output file is checked
    against the database, a new database settled) says it is empty once."""
    _one_document_here(tmp_path, monkeypatch)
    assert main(["annotate", "c/a.txt", "--quote", "Some", "-t", "t"]) == 0
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    monkeypatch.setenv("TUI_READER_DB", "")
    capsys.readouterr()
    assert main(["export", "--corpus", "c", "-f", "csv", "-o", "out.csv"]) == 0
    err = capsys.readouterr().err
    assert err.count("$TUI_READER_DB is empty: it is taken as unset") == 1, err


def test_the_app_shows_a_variable_set_empty_once_and_not_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app, whose full screen hides stderr, is given the lines to show, each once; the
    database's variable is read, the corpus's is not when a folder is named."""
    starts = app_starts(monkeypatch)
    _one_document_here(tmp_path, monkeypatch)
    monkeypatch.setenv("TUI_READER_DB", "")
    monkeypatch.setenv("TUI_READER_CORPUS", "")
    assert main(["c"]) == 0
    assert starts[0].settings_said == ["$TUI_READER_DB is empty: it is taken as unset"]
    assert "TUI_READER" not in capsys.readouterr().err
