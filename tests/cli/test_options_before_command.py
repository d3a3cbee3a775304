"""The app's options given before a subcommand (``tui-reader --db X export``), as ``git -C``
takes them: the subcommand runs with them, as if they were given after it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Notes\n\nThe checkpoint at dawn.\n", "utf-8")
    db = tmp_path / "db.json"
    assert main(["autocode", "checkpoint", "--tag", "border", str(corpus), "--db", str(db)]) == 0
    return corpus, db


def test_the_database_and_corpus_given_before_the_subcommand_are_its_own(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "unrecognized arguments: corpus" from the app's usage, exit 2.
    corpus, db = project
    capsys.readouterr()
    assert main(["--db", str(db), "--corpus", str(corpus), "export", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert "checkpoint" in out and "border" in out
    assert main([f"--db={db}", "list", str(corpus)]) == 0
    assert capsys.readouterr().out.startswith("a.txt\t")
    assert main(["--db", str(db), "--corpus", str(corpus), "attr", "set", "a.txt", "k=v"]) == 0
    assert main(["--db", str(db), "attr", "list", "--json"]) == 0
    assert '"k": "v"' in capsys.readouterr().out


def test_the_same_option_after_the_subcommand_wins(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, db = project
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "other.json"), "tags", "--db", str(db)]) == 0
    assert "border" in capsys.readouterr().out


def test_an_option_the_subcommand_does_not_take_is_named(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "argument action: invalid choice: '90'", the option's value taken for the action.
    _, db = project
    capsys.readouterr()
    assert main(["--measure", "90", "--db", str(db), "tags"]) == 2
    err = capsys.readouterr().err
    assert err == "tui-reader: tags takes no --measure option (given before it): leave it out\n"


def test_a_misspelt_command_is_named_with_the_command_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: taken for the app's PATH, "unrecognized arguments: -f csv" under the app's
    # usage, or "exprot: no such folder or file".  The word, which may be a file's name, is
    # said as typed, as every file name is (Python's quotes said 'lis\\t', "lst's").
    monkeypatch.chdir(tmp_path)
    for argv, word, meant in ((["exprot", "-f", "csv"], "exprot", "export"),
                              (["--db", "x.json", "tag"], "tag", "tags"),
                              (["serach", "border"], "serach", "search"),
                              (["lis\\t"], "lis\\t", "list"),
                              (["lst's"], "lst's", "list"),
                              (["lst\x1b"], "lst␛", "list")):  # fmt: skip
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"tui-reader: {word}: no command (nor a folder or file here); did you mean "
            f"'tui-reader {meant}'? (tui-reader --help lists the commands)\n"
        )
    (tmp_path / "tag").mkdir()  # a folder of that name is the corpus the app opens
    assert main(["tag", "--measure", "5"]) == 2
    assert "no command" not in capsys.readouterr().err


def test_a_command_named_otherwise_is_named_with_the_command_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: the nearest spelling, "did you mean 'tui-reader report'?" for redo and grep,
    # 'coders' for codes (the codebook is tags'), or taken for the app's folder: "find: No
    # such file or directory".
    monkeypatch.chdir(tmp_path)
    for argv, word, meant in ((["redo"], "redo", "undo --redo"),
                              (["--db", "x.json", "redo"], "redo", "undo --redo"),
                              (["grep", "-i", "border"], "grep", "search"),
                              (["find", "border"], "find", "search"),
                              (["codes"], "codes", "tags"),
                              (["log"], "log", "history"),
                              (["version"], "version", "--version")):  # fmt: skip
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"tui-reader: {word}: no command (nor a folder or file here); did you mean "
            f"'tui-reader {meant}'? (tui-reader --help lists the commands)\n"
        )
    assert not list(tmp_path.iterdir())  # no database made
    (tmp_path / "log").mkdir()  # a folder of that name is the corpus the app opens
    assert main(["log", "--measure", "5"]) == 2
    assert "no command" not in capsys.readouterr().err


def test_options_between_a_command_and_its_action_are_the_actions(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "argument ACTION: invalid choice: 'db.json'", the option's value taken for it.
    corpus, db = project
    assert main(["attr", "--db", str(db), "--corpus", str(corpus), "set", "a.txt", "k=v"]) == 0
    assert main(["attr", f"--db={db}", "--json", "list"]) == 0
    assert '"k": "v"' in capsys.readouterr().out
    assert main(["memo", "--db", str(db), "add", "--journal", "a note"]) == 0
    assert main(["memo", "--db", str(db), "list"]) == 0
    assert "a note" in capsys.readouterr().out
    assert main(["attr", "--db", str(db), "--json", "set", "a.txt", "k=w"]) == 2
    assert capsys.readouterr().err == "tui-reader: attr set takes no --json option\n"


def test_help_as_a_command_prints_the_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "help: no such folder or file", taken for a corpus folder.
    monkeypatch.chdir(tmp_path)
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: tui-reader [-h]") and "\n  export     export" in out
    assert main(["help", "export"]) == 0
    assert capsys.readouterr().out.startswith("usage: tui-reader export [-h]")
    assert main(["help", "nothing"]) == 2
    assert capsys.readouterr() == ("", "tui-reader: nothing: no command (tui-reader --help "
                                   "lists them)\n")  # fmt: skip


def test_help_help_and_the_help_of_an_action_as_git_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tui-reader help help`` was "'help' is no command"; ``help attr set`` gave attr's
    help, not set's (git help help, git help COMMAND)."""
    monkeypatch.chdir(tmp_path)
    for asked in (["help", "help"], ["help", "-h"], ["help", "--help"]):
        assert main(asked) == 0
        out = capsys.readouterr().out
        assert out.startswith("usage: tui-reader help [COMMAND [ACTION]]\n"), asked
        assert "tui-reader help COMMAND ACTION" in out
    assert main(["help", "attr", "set"]) == 0
    assert capsys.readouterr().out.startswith("usage: tui-reader attr set [-h]")
    assert main(["help", "memo", "add"]) == 0
    assert capsys.readouterr().out.startswith("usage: tui-reader memo add [-h]")
    assert main(["help", "attr"]) == 0
    assert capsys.readouterr().out.startswith("usage: tui-reader attr [-h]")
    assert main(["help", "attr", "sett"]) == 2
    assert capsys.readouterr() == (
        "",
        "tui-reader: attr has no action 'sett' (its actions: set, unset, list, import)\n",
    )
    # tags' and coders' actions are words of one help: a mistyped one printed that help
    assert main(["help", "tags", "rename"]) == 0
    assert capsys.readouterr().out.startswith("usage: tui-reader tags [list]")
    assert main(["help", "tags", "rname"]) == 2
    assert capsys.readouterr() == (
        "",
        "tui-reader: tags has no action 'rname' (its actions: delete, list, merge, rename, set)\n",
    )
    assert main(["help", "coders", "rname"]) == 2
    assert capsys.readouterr().err.startswith("tui-reader: coders has no action 'rname'")
    assert main(["help", "list", "docs"]) == 2
    assert capsys.readouterr() == ("", "tui-reader: list has no actions (tui-reader help list)\n")
    assert main(["help"]) == 0  # the list of commands says help takes one
    assert "tui-reader help COMMAND" in capsys.readouterr().out


def test_the_corpus_option_says_what_it_is_to_commands_that_take_no_document(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # merge and tags said "corpus folder DOC is relative to", though neither takes a DOC.
    for command in ("merge", "tags"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        said = capsys.readouterr().out
        assert "DOC" not in said, command
    corpus, db = project
    assert main(["tags", "--corpus", str(corpus), "--db", str(db)]) == 0  # still taken
    assert "border" in capsys.readouterr().out


def test_a_number_or_a_choice_after_dashes_is_read_as_given(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``undo -- 1`` and ``report -- frequencies`` were refused: "invalid int value:
    '\\x000\\x00'", "invalid choice: '\\x000\\x00'" (the stand-in the words after ``--`` are
    parsed as, checked before it was put back).  Each word is read and checked as given."""
    corpus, db = project
    where = ["--db", str(db), "--corpus", str(corpus)]
    capsys.readouterr()
    assert main(["report", *where, "--", "frequencies"]) == 0
    assert "border" in capsys.readouterr().out
    assert main(["undo", "--db", str(db), "--", "1"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["undo", "--db", str(db), "--", "one"])
    err = capsys.readouterr().err
    assert "invalid int value: 'one'" in err and "\\x00" not in err


def test_words_after_dashes_no_argument_takes_are_named_as_given(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``undo -- 1 2`` or ``history -- x`` said "unrecognized arguments: ␀1␀ ␀2␀": the
    stand-ins the words after ``--`` are parsed as, not the words.  They are named as typed."""
    _, db = project
    capsys.readouterr()
    for argv, said in (
        (["undo", "--db", str(db), "--", "1", "2", "--db"], "unrecognized arguments: 2 --db"),
        (["history", "--db", str(db), "--", "x"], "unrecognized arguments: x"),
        (
            ["coders", "--db", str(db), "--", "x"],
            "argument action: invalid choice: 'x' (choose from 'list', 'rename')",
        ),
    ):
        with pytest.raises(SystemExit):
            main(argv)
        err = capsys.readouterr().err
        assert err.endswith(f"error: {said}\n"), err


def test_an_option_a_command_does_not_take_is_named_not_its_value(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``undo --corpus DIR`` (an option most commands take, typed out of habit) said
    "argument ID: invalid int value: 'DIR'", and ``report --bogus x frequencies`` "invalid
    choice: 'x'": the unknown option's value was taken for the positional and refused as
    one, the option never named.  The option is named as unrecognized; a positional that
    is wrong on its own is refused as before."""
    corpus, db = project
    capsys.readouterr()
    for argv in (
        ["undo", "--db", str(db), "--corpus", str(corpus)],
        ["undo", "--db", str(db), "--coder=ana"],
        ["report", "--bogus", "x", "frequencies", "--db", str(db)],
    ):
        with pytest.raises(SystemExit):
            main(argv)
        err = capsys.readouterr().err
        unknown = next(word for word in argv if word.startswith(("--corpus", "--coder", "--bog")))
        assert f"unrecognized arguments: {unknown}" in err and "invalid" not in err, err
    with pytest.raises(SystemExit):
        main(["undo", "--db", str(db), "one"])
    assert "invalid int value: 'one'" in capsys.readouterr().err


def test_undo_and_history_word_an_option_they_do_not_take_alike(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``undo --corpus DIR`` said "unrecognized arguments: --corpus" and ``history --corpus
    DIR`` "unrecognized arguments: --corpus DIR": the same mistake said two ways.  Both
    name the option with its value, as argparse does."""
    corpus, db = project
    capsys.readouterr()
    said = []
    for command in ("undo", "history"):
        with pytest.raises(SystemExit):
            main([command, "--db", str(db), "--corpus", str(corpus)])
        said.append(capsys.readouterr().err.splitlines()[-1].split(": error: ", 1)[1])
    assert said == [f"unrecognized arguments: --corpus {corpus}"] * 2, said


def test_a_folder_before_a_command_is_said_with_where_it_goes(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "unrecognized arguments: autocode --speaker Ana --tag q" under the app's
    # usage, the folder taken for the app's PATH and the command for more of its words.
    corpus, db = project
    capsys.readouterr()
    assert main(["--db", str(db), str(corpus), "autocode", "--speaker", "Ana", "-t", "q"]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: {corpus} before the command 'autocode': a command comes first, "
        f"its folder after it (tui-reader autocode --corpus {corpus} ...)\n"
    )


def test_the_corpus_given_before_a_command_that_reads_no_documents_is_left_aside(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "undo takes no --corpus option (given before it): leave it out", exit 2, where
    # the same options before list or export are taken: a shell alias giving the project's
    # database and corpus broke undo, history and coders.
    corpus, db = project
    before = ["--db", str(db), "--corpus", str(corpus)]
    capsys.readouterr()
    assert main([*before, "coders"]) == 0
    assert "1" in capsys.readouterr().out.split()  # one coder, one passage
    assert main([*before, "history"]) == 0
    assert "autocode" in capsys.readouterr().out
    assert main([*before, "undo"]) == 0
    assert capsys.readouterr().err.startswith("tui-reader: Undone: autocode")
    assert main(["--db", str(db), "tags"]) == 0
    assert "border" not in capsys.readouterr().out
    # another option given before a command that does not take it is still refused, named
    assert main(["--measure", "90", *before, "undo"]) == 2
    assert capsys.readouterr().err == (
        "tui-reader: undo takes no --measure option (given before it): leave it out\n"
    )


def test_the_coder_given_before_a_command_that_takes_none_is_who_runs_it(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "list takes no --coder option (given before it): leave it out", exit 2, of
    # every command but the app, annotate, autocode, import and merge (and query's and
    # report's own --coder): a shell alias naming who codes broke list, search, tags, export.
    corpus, db = project
    monkeypatch.delenv("TUI_READER_CODER", raising=False)
    before = ["--coder", "ben", "--db", str(db), "--corpus", str(corpus)]
    for command in (["list"], ["search", "dawn"], ["tags"], ["export", "-f", "csv"]):
        capsys.readouterr()
        assert main(["--db", str(db), "--corpus", str(corpus), *command]) == 0
        alone = capsys.readouterr()
        assert main([*before, *command]) == 0
        assert capsys.readouterr() == alone  # (nothing of it said or changed)
    # a command that records who made what it writes records that coder, as
    # $TUI_READER_CODER says it, and the variable is as it was after it
    assert main([*before, "memo", "add", "--journal", "Day one"]) == 0
    assert main(["--db", str(db), "memo", "list", "--json"]) == 0
    assert '"coder": "ben"' in capsys.readouterr().out
    assert "TUI_READER_CODER" not in os.environ
    # a name no coder can have is refused, naming the option
    assert main(["--coder", "b\x1bn", "--db", str(db), "list", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "(--coder): a control character" in err and err.count("\n") == 1
    # a name recorded cut is said as given with --coder, not by a variable never set
    long = "b" * 80
    assert main(["--coder", long, *before[2:], "memo", "add", "--journal", "Day two"]) == 0
    err = capsys.readouterr().err
    assert f"the coder name '{long}' (--coder) is longer than 64 characters" in err
    assert "TUI_READER_CODER" not in err and "TUI_READER_CODER" not in os.environ
