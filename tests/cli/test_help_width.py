"""Every help fits the terminal it is read on, as argparse wraps an option's help: the list of
commands in ``tui-reader --help`` was one line a command, up to 300 characters, the exit
statuses lines of 90; the usage of tags and coders one line of 170 and 90, and export's and
import's formats, named in their usage, lines of 170: an 80-column terminal broke them
anywhere, a word cut in two at its edge."""

from __future__ import annotations

import pytest

from tui_reader.cli.main import SUBCOMMANDS, main


@pytest.mark.parametrize(
    "argv",
    [[], *([name] for name in SUBCOMMANDS), ["attr", "set"], ["memo", "add"]],
    ids=lambda argv: " ".join(argv) or "tui-reader",
)
def test_each_line_of_a_help_fits_80_columns(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as ended:
        main([*argv, "--help"])
    assert ended.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if len(line) > 80] == []


def test_the_list_of_commands_is_wrapped_under_each_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    listed = out.split("for each):\n")[1].split("\n\n")[0].splitlines()
    assert listed[0].startswith("  list       list the documents of the corpus")
    assert all(line.startswith(("  ", " " * 13)) for line in listed)
    assert sum(not line.startswith(" " * 13) for line in listed) == len(SUBCOMMANDS)


@pytest.mark.parametrize("command", ["tags", "coders"])
def test_each_word_a_command_takes_has_its_line_of_help(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """tags --help listed its action and its TAG words with no word of what they are (coders
    said its own)."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "--help"])
    words = capsys.readouterr().out.split("positional arguments:\n")[1].split("\n\n")[0]
    said = " ".join(words.split())
    assert "list (the default)" in said and "with rename: OLD and NEW" in said, words
