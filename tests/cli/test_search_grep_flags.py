"""grep's -w, -c and -e, as a grep user types them and as scripts written for grep give them:
``search -w``, ``-c`` and ``-e PATTERN`` print what grep prints of the same files (each line
checked against GNU grep -r on these files), but for search's line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.hostile import run_cli_here


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text(
        "the war began\nwarning signs\nwar-time and war\npostwar era\nno hit\n-rn flag line\n",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text("nothing\n", encoding="utf-8")
    # a form feed and a lone CR start no line of grep's: one line, counted once
    (docs / "f.txt").write_bytes(b"war\x0cwar again\rwar\nand war\n")
    (docs / "sub" / "c.txt").write_text("WAR games\n_war_ x\nwar's end\n", encoding="utf-8")
    return docs


def _search(tmp_path: Path, *words: str) -> tuple[int, str, str]:
    result = run_cli_here("search", *words, "--db", tmp_path / "db.json", cwd=tmp_path)
    return result.returncode, result.stdout, result.stderr


# (words, status, stdout): grep -r WORDS docs gives the same lines, but for the numbers
CASES = [
    (
        ["-w", "war", "docs/a.txt", "docs/sub/c.txt"],
        0,
        "docs/a.txt:1: the war began\ndocs/a.txt:3: war-time and war\n"
        "docs/sub/c.txt:3: war's end\n",
    ),
    (["-c", "war", "docs"], 0, "docs/a.txt:4\ndocs/b.txt:0\ndocs/f.txt:2\ndocs/sub/c.txt:2\n"),
    (["-wc", "war", "docs"], 0, "docs/a.txt:2\ndocs/b.txt:0\ndocs/f.txt:2\ndocs/sub/c.txt:1\n"),
    (["-iwc", "war", "docs"], 0, "docs/a.txt:2\ndocs/b.txt:0\ndocs/f.txt:2\ndocs/sub/c.txt:2\n"),
    (["-cE", "w.r", "docs"], 0, "docs/a.txt:4\ndocs/b.txt:0\ndocs/f.txt:2\ndocs/sub/c.txt:2\n"),
    (["-c", "zzz", "docs"], 1, "docs/a.txt:0\ndocs/b.txt:0\ndocs/f.txt:0\ndocs/sub/c.txt:0\n"),
    (["-wE", "w.r", "docs/sub/c.txt"], 0, "docs/sub/c.txt:3: war's end\n"),
    (["-lw", "warning", "docs"], 0, "docs/a.txt\n"),
    (["-e", "-rn", "docs"], 0, "docs/a.txt:6: -rn flag line\n"),
    (["-e-rn", "docs"], 0, "docs/a.txt:6: -rn flag line\n"),
    (["--regexp=-rn", "docs"], 0, "docs/a.txt:6: -rn flag line\n"),
    (["docs", "-we", "began"], 0, "docs/a.txt:1: the war began\n"),
    (["-ce", "war", "docs/a.txt", "docs/b.txt"], 0, "docs/a.txt:4\ndocs/b.txt:0\n"),
    # several -e: a line holding any of them, as grep finds it
    (
        ["-e", "began", "-e", "postwar", "docs"],
        0,
        "docs/a.txt:1: the war began\ndocs/a.txt:4: postwar era\n",
    ),
    (
        ["-c", "-e", "began", "-e", "era", "docs"],
        0,
        "docs/a.txt:2\ndocs/b.txt:0\ndocs/f.txt:0\ndocs/sub/c.txt:0\n",
    ),
    (
        ["-w", "-e", "war", "-e", "era", "docs/a.txt", "docs/sub/c.txt"],
        0,
        "docs/a.txt:1: the war began\ndocs/a.txt:3: war-time and war\n"
        "docs/a.txt:4: postwar era\ndocs/sub/c.txt:3: war's end\n",
    ),
    (
        ["-iE", "-e", "w.r g", "-e", "^no", "docs"],
        0,
        "docs/a.txt:5: no hit\ndocs/b.txt:1: nothing\ndocs/sub/c.txt:1: WAR games\n",
    ),
    (
        ["-e", "-rn", "-e", "signs", "docs"],
        0,
        "docs/a.txt:2: warning signs\ndocs/a.txt:6: -rn flag line\n",
    ),
    (["-l", "-e", "nothing", "-e", "games", "docs"], 0, "docs/b.txt\ndocs/sub/c.txt\n"),
    (["-e", "(", "-e", "[", "docs"], 1, ""),  # literals: no regular expression to refuse
    (["-e", "zzz", "-e", "yyy", "docs"], 1, ""),
    # a line break in a pattern parts it into patterns, as grep reads it ("$(cat words)")
    (["began\npostwar", "docs"], 0, "docs/a.txt:1: the war began\ndocs/a.txt:4: postwar era\n"),
    (["-e", "signs\nno hit", "docs"], 0, "docs/a.txt:2: warning signs\ndocs/a.txt:5: no hit\n"),
    (["-c", "began\nwarning", "docs/a.txt"], 0, "docs/a.txt:2\n"),
    # grep's -r, -n, -H and -F, which search does anyway, as a grep user types them by habit
    (["-rn", "began", "docs"], 0, "docs/a.txt:1: the war began\n"),
    (["-rnw", "war", "docs/sub"], 0, "docs/sub/c.txt:3: war's end\n"),
    (["-RHn", "-i", "war g", "docs"], 0, "docs/sub/c.txt:1: WAR games\n"),
    (["-F", "w.r", "docs"], 1, ""),  # as typed: no dot for any letter
    (["-rnF", "-e", "-rn", "docs"], 0, "docs/a.txt:6: -rn flag line\n"),
    (["-rlF", "signs", "docs"], 0, "docs/a.txt\n"),
    (["-crH", "began", "docs/a.txt", "docs/b.txt"], 0, "docs/a.txt:1\ndocs/b.txt:0\n"),
    (
        ["--recursive", "--line-number", "--with-filename", "--fixed-strings", "era", "docs"],
        0,
        "docs/a.txt:4: postwar era\n",
    ),
]


@pytest.mark.parametrize(("words", "status", "out"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_grep_s_flags_print_what_grep_prints(
    tmp_path: Path, words: list[str], status: int, out: str
) -> None:
    _docs(tmp_path)
    for run in ("read", "kept"):  # the texts read, then tested as the last search kept them
        assert _search(tmp_path, *words) == (status, out, ""), run


def test_grep_s_flags_that_do_not_go_together_are_said(tmp_path: Path) -> None:
    _docs(tmp_path)
    status, out, err = _search(tmp_path, "war\n\nera", "docs")
    assert (status, out, err) == (
        2,
        "",
        "tui-reader: give a non-empty PATTERN (a line of it is empty)\n",
    )
    for flags in ("-FE", "-F --regex"):  # as grep: "conflicting matchers specified"
        assert _search(tmp_path, *flags.split(), "war", "docs") == (
            2,
            "",
            "tui-reader: -F and -E do not go together: -F finds PATTERN as typed (as search "
            "does without -E), -E as a regular expression\n",
        )
    for flags in ("-cl", "-c --json"):
        status, out, err = _search(tmp_path, *flags.split(), "war", "docs")
        assert (status, out, err) == (
            2,
            "",
            "tui-reader: -c goes without -l and --json: search -c PATTERN prints path:count\n",
        )


def test_the_help_names_grep_s_flags_search_has_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search -v`` is refused ("-v: grep's, which search has not"), but the help never said
    which of grep's flags a script could not use: a user read it for -v, -o or -q in vain."""
    from tui_reader.cli.grep_options import GREP_OPTIONS
    from tui_reader.cli.main import main

    with pytest.raises(SystemExit):
        main(["search", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    refused = [f"-{option.letter}" for option in GREP_OPTIONS if option.letter]
    assert len(refused) > 1
    named = f"{', '.join(refused[:-1])} and {refused[-1]}"
    assert f"grep's {named} (their long names too" in help_text


@pytest.mark.parametrize(
    "words",
    [
        ["-e", "war", "-e", "warning"],
        ["-e", "warn", "-e", "war", "-e", "warning"],
        ["-i", "-e", "WAR", "-e", "Warning"],
        ["-w", "-e", "war", "-e", "warning"],
        ["-E", "-e", "wa.", "-e", "war[a-z]+"],
    ],
    ids=lambda words: " ".join(words),
)
def test_several_patterns_at_one_place_take_the_longest_as_grep(
    tmp_path: Path, words: list[str]
) -> None:
    """Where several -e patterns match at one place, grep takes the longest match of them
    (``grep -o -e war -e warning`` prints ``warning``), whichever was typed first: so do the
    match and the offsets a search says."""
    _docs(tmp_path)
    for run in ("read", "kept"):
        status, out, err = _search(tmp_path, "--json", *words, "docs/a.txt")
        second = [json.loads(line) for line in out.splitlines()][1]
        assert (status, err, second["line"]) == (0, "", 2), run
        assert (second["match"], second["start"], second["end"]) == ("warning", 14, 21), run


# (words, what the usage error says of them): grep's options search has not, as a script
# written for grep gives them, its long ones too, each said as grep's
GREP_S_OWN = [
    (["--invert-match", "war"], "(--invert-match: grep's, which search has not)"),
    (["--no-filename", "war"], "(--no-filename: grep's, which search has not)"),
    (["--max-count=1", "war"], "(--max-count: grep's, which search has not)"),
    (["--color=never", "war"], "(--color: grep's, which search has not (search colours nothing))"),
    (["--include=*.txt", "war"], "(--include: grep's, which search has not (name the files"),
    (["-m", "1", "war"], "-m: grep's, which search has not; a pattern beginning with '-' goes"),
    (["-m1", "war"], "('-m1' is no option: -m: grep's, which search has not; a pattern"),
    (["-rnC3", "war"], "('-rnC3' is no option: -C: grep's, which search has not; a pattern"),
    (["-P", "wa[rt]"], "-P: grep's, which search has not (-E takes Python's regular expressions)"),
    (["-e", "war", "-v"], "('-v' is no option: -v: grep's, which search has not; a pattern"),
    (["-v", "--", "war"], "('-v' is no option: -v: grep's, which search has not; a pattern"),
]


@pytest.mark.parametrize(("words", "said"), GREP_S_OWN, ids=[" ".join(c[0]) for c in GREP_S_OWN])
def test_grep_s_options_search_has_not_are_said_as_grep_s(
    tmp_path: Path, words: list[str], said: str
) -> None:
    """grep's options search has not were said as grep's for ten letters alone: ``-m 1``,
    ``-m1``, ``-C3`` and ``-P`` were "a value beginning with '-' goes after '--'" (a search
    for the text "-m"), so were ``-v`` and the others after a ``-e`` or before ``--``, and a
    long one was taken for a misspelling of search's own, its opposite among them
    (``--invert-match``: "did you mean --files-with-matches?", ``--no-filename``: "did you
    mean --with-filename?", ``--max-count=1``: "did you mean --count?")."""
    _docs(tmp_path)
    status, out, err = _search(tmp_path, *words, "docs")
    assert (status, out) == (2, "")
    assert "search: error: unrecognized arguments: " in err
    assert said in err
    assert "did you mean" not in err and "a value beginning with" not in err


@pytest.mark.parametrize("word", ["-mine", "-Ptolemy", "-hello"])
def test_a_word_beginning_with_a_dash_is_no_grep_option(tmp_path: Path, word: str) -> None:
    """A word to find that begins as grep's flags do is not said as them: it goes after
    ``--``, as before."""
    _docs(tmp_path)
    status, out, err = _search(tmp_path, word, "docs")
    assert (status, out) == (2, "")
    assert f"({word!r} is no option: a value beginning with '-' goes after '--'" in err
    assert "grep's" not in err
