"""Every subcommand's usage line names every option its help lists: ``tags --help`` wrote its
usage by hand and left ``--tree`` out, so a user reading the usage never met it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui_reader.cli.main import SUBCOMMANDS, main

# An option's line in a help: its forms, "-i, --ignore-case" or "--regex, -E".
OPTION_LINE = re.compile(r"^  (-[\w-]+(?: [A-Z_]+)?(?:, -[\w-]+(?: [A-Z_]+)?)*)", re.M)


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
def test_the_usage_line_names_every_option(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    usage, _, rest = text.partition("\n\n")
    for line in OPTION_LINE.findall(rest):
        forms = [form.split()[0] for form in line.split(", ")]
        if "--help" in forms:
            continue
        assert any(re.search(rf"{re.escape(form)}\b", usage) for form in forms), (forms, usage)


def test_import_and_merge_say_every_kind_of_file_they_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """merge's help said "its json, project or w3c export" and then "a json/w3c/qdpx
    export", each leaving out one it reads; import's named neither a project nor our CSV
    export, which it reads back."""
    for command, kinds in (
        ("merge", ("json", "project", "w3c", "qdpx")),
        ("import", ("w3c", "json", "project", "qdpx", "qdc", "csv", "Taguette")),
    ):
        assert all(kind in SUBCOMMANDS[command].help for kind in kinds), command
    with pytest.raises(SystemExit):
        main(["merge", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    positional = text.split("positional arguments:")[1].split("options:")[0]
    assert all(kind in positional for kind in ("json", "project", "w3c", "qdpx")), positional


def test_tags_help_names_the_fields_of_each_json_it_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags --json said "list as JSON" alone, and with --tree it prints other fields (under,
    own, not count): a script reading count from a tree read nothing.  The help names the
    fields of both, as coders --json names its own."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one two\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["annotate", str(corpus / "a.txt"), "--quote", "one", "-t", "a/b", *db]) == 0
    with pytest.raises(SystemExit):
        main(["tags", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for tree in ([], ["--tree"]):
        assert main(["tags", "--json", *tree, *db]) == 0
        fields = ", ".join(json.loads(capsys.readouterr().out)[0])
        assert f"[{{{fields}}}]" in text, (fields, text)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["memo"], "ACTION: add, list, show or delete (tui-reader help memo ACTION says more)"),
        (["attr"], "ACTION: set, unset, list or import (tui-reader help attr ACTION says more)"),
        (["report"], "report: frequencies, matrix or cooccurrence"),
    ],
)
def test_a_missing_action_is_said_with_the_actions_to_choose(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tui-reader memo`` said "the following arguments are required: ACTION", and its usage
    line "ACTION ..." named none, nor did ``report``'s "required: report": a newcomer was
    left to guess the word to type next."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith(f"error: the following arguments are required: {said}")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (
            ["export", "--fromat", "csv"],
            "unrecognized arguments: --fromat (did you mean --format?)",
        ),
        (["export", "-f", "cvs"], "invalid choice: 'cvs' (choose from"),
        (["export", "--by", "tags"], "(did you mean 'tag'?)"),
        (["report", "matrx"], "(did you mean 'matrix'?)"),
        (["memo", "ad", "x"], "(did you mean 'add'?)"),
        (["tags", "sett", "x"], "(did you mean 'set'?)"),
        # in capitals, as a choice is taken in any case: they named none
        (["export", "-f", "CVS"], "(did you mean 'csv'?)"),
        (["report", "MATRX"], "(did you mean 'matrix'?)"),
        (["report", "frequencies", "-f", "JSONX"], "(did you mean 'json'?)"),
    ],
)
def test_an_option_or_a_choice_mistyped_is_said_with_the_one_meant(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command mistyped is said with the one meant (exprot: export), but an option or a
    choice of one was not: --fromat was "unrecognized arguments: --fromat", -f cvs, report
    matrx and tags sett listed every choice and named none, where one is a letter off."""
    with pytest.raises(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert hint in err and err.count("did you mean") == 1, err
    if "cvs" in argv:
        assert err.rstrip().endswith("(did you mean 'csv'?)"), err


@pytest.mark.parametrize(
    ("argv", "name", "value"),
    [
        (["export", "-f", "CSV"], "format", "csv"),
        (["export", "--format=W3C"], "format", "w3c"),
        (["export", "-f", "Csv-Raw", "--by", "Tag"], "by", "tag"),
        (["import", "--format", "QDPX", "project.qdpx"], "format", "qdpx"),
        (["report", "Matrix"], "report", "matrix"),
        (["report", "frequencies", "-f", "JSON"], "format", "json"),
        (["agreement", "a", "b", "--unit", "Sentence"], "unit", "sentence"),
        (["tags", "LIST"], "action", "list"),
    ],
    ids=" ".join,
)
def test_a_choice_typed_in_another_case_is_the_choice(
    argv: list[str], name: str, value: str
) -> None:
    """``-f CSV``, ``--format W3C`` (the format's own spelling), ``report Matrix`` were
    "invalid choice: 'CSV'" (the most of them naming no choice), where ``-o out.CSV`` writes
    csv: a choice is taken in any case, as the file's extension is."""
    from tui_reader.cli.main import _parse, _subcommand_parser

    parser, _ = _subcommand_parser(argv[0])
    assert getattr(_parse(parser, argv[1:]), name) == value


def test_a_format_typed_in_capitals_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The army moved.\n", encoding="utf-8")
    assert main(["annotate", "a.txt", "--quote", "army", "--tag", "t", "--corpus", "."]) == 0
    capsys.readouterr()
    assert main(["report", "frequencies", "--format", "JSON", "--corpus", "."]) == 0
    assert json.loads(capsys.readouterr().out)[0]["tag"] == "t"
    with pytest.raises(SystemExit) as stopped:  # no choice in any case: refused as before
        main(["report", "frequencies", "-f", "JSONX", "--corpus", "."])
    assert stopped.value.code == 2
    assert "invalid choice: 'JSONX'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "--force", "x.json"],
        ["agreement", "a", "b", "--quiet"],
        ["list", "--colr"],
        ["query", "x", "--verbose"],
    ],
    ids=" ".join,
)
def test_an_option_of_other_tools_is_not_said_as_one_a_few_letters_alike(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``import --force`` said "did you mean --format?", ``agreement --quiet`` "did you mean
    --unit?", ``list --colr`` "--corpus?": weighed with the two dashes every option has,
    words of other tools were taken for a misspelling of one a few letters alike.  A letter
    or two off is still said (--fromat, above)."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    typed = next(word for word in argv if word.startswith("--"))
    assert err.rstrip().endswith(f"error: unrecognized arguments: {typed}"), err
