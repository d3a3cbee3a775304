"""`tui-reader search` exits as grep does: 0 when something matched, 1 when nothing did, and 2
when a document could not be searched (the pattern may be in it), even with hits."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers.memory import traced_peak

from tui_reader.cli.main import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("hello world\n", encoding="utf-8")
    return folder


def test_nothing_found_in_every_document_is_1(corpus: Path, tmp_path: Path) -> None:
    assert main(["search", "absent", str(corpus), "--db", str(tmp_path / "db.json")]) == 1


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
def test_a_damaged_document_is_2_found_or_not(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (corpus / "damaged.pdf").write_bytes(b"not a pdf at all")
    db = str(tmp_path / "db.json")
    for _ in range(run):
        monkeypatch.chdir(corpus)  # the names printed are paths from here
        assert main(["search", "absent", ".", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "damaged.pdf" in err
    # hits printed, and 2 as grep: not every document was searched (it exited 0, and a script
    # took the hits for all there are)
    for _ in range(2):
        assert main(["search", "hello", ".", "--db", db]) == 2
        out, err = capsys.readouterr()
        assert out == "a.txt:1: hello world\n"
        assert "damaged.pdf" in err
        assert main(["search", "-l", "hello", ".", "--db", db, "--json"]) == 2
        capsys.readouterr()
    # only the document asked for counts
    assert main(["search", "absent", "a.txt", "--db", db]) == 1
    assert main(["search", "hello", "a.txt", "--db", db]) == 0


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("server.log", "unsupported file type '.log'"),
        ("old.doc", "save it as .docx"),
        (".notes.txt", "not a document of the corpus"),
    ],
)
def test_a_file_named_alone_that_is_no_document_is_said(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    """It was searched as nothing: exit 1, "not found", though its text holds the word."""
    (corpus / name).write_text("hello world\n", encoding="utf-8")
    assert main(["search", "hello", str(corpus / name), "--db", str(tmp_path / "db.json")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert name in captured.err and reason in captured.err
    assert len(captured.err.splitlines()) == 1


@pytest.mark.parametrize(
    "pattern", ["a{99999999}", "x{4294967294}", "(ab{1000}){1001}", r"\\{99999999}"]
)
def test_a_regex_repeated_past_compiling_is_refused_at_once(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pattern: str,
) -> None:
    """It was compiled without end (minutes, gigabytes): the search hung before reading a file.
    It is refused before the engine is asked to compile it."""
    import regex

    compiled: list[str] = []

    def counted(source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)  # compiling it would not end: stand in for the engine
        raise regex.error("compiled")

    monkeypatch.setattr(regex, "compile", counted)
    assert main(["search", "--regex", pattern, str(corpus), "--db", str(tmp_path / "d")]) == 2
    assert pattern not in compiled
    err = capsys.readouterr().err
    assert "repeats too many times" in err and len(err.splitlines()) == 1


def test_a_regex_with_fair_counts_still_searches(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = [str(corpus), "--db", str(tmp_path / "db.json")]
    assert main(["search", "--regex", r"l{0,3}o{1} w\w{3,}", *where]) == 0
    assert main(["search", "--regex", r"\{99999999\}", *where]) == 1  # braces, not a count
    assert capsys.readouterr().out == f"{corpus}/a.txt:1: hello world\n"


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        ("-v", "-v: grep's, which search has not"),
        ("-rx", "-x: grep's, which search has not (-E '^PATTERN$' does it)"),  # -r taken
        (
            "-nvo",
            "-v: grep's, which search has not; "
            "-o: grep's, which search has not (--json gives each hit's match)",
        ),
    ],
)  # fmt: skip
def test_grep_s_flags_are_said_as_grep_s_not_taken_for_a_pattern(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: str, said: str
) -> None:
    """``search -v army docs`` said "'-v' is no option: a value beginning with '-' goes
    after '--', tui-reader search -- -v": a search for the text "-v".  What search does of
    grep's flags is said before that; -r and -n with them, search's, are not said."""
    with pytest.raises(SystemExit) as stopped:
        main(["search", flags, "hello", str(corpus), "--db", str(tmp_path / "db.json")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.rstrip()
    assert f"error: unrecognized arguments: {flags} (" in err  # not "-r: ignored ... 'x'"
    assert err.endswith(
        f"({flags!r} is no option: {said}; a pattern beginning with '-' goes after '--', "
        f"tui-reader search -- {flags})"
    )


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["search", "-hello"], "-hello"),  # grep's habit, a word left out as a search engine's
        (["query", "-actors/us"], "-actors/us"),
        (["query", "militarization", "-x"], "-x"),
    ],
)
def test_a_value_beginning_with_a_dash_is_told_to_go_after_two_dashes(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    word: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'query -actors/us' said only 'the following arguments are required: EXPRESSION', and
    'search -hello' 'unrecognized arguments': nothing said how to give it."""
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--corpus", str(corpus), "--db", str(tmp_path / "db.json")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.rstrip().endswith(
        f"({word!r} is no option: a value beginning with '-' goes after '--', "
        f"tui-reader {argv[0]} -- {word})"
    )
    (corpus / "b.txt").write_text("say -hello\n", encoding="utf-8")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "--db", str(tmp_path / "db.json"), "--", "-hello", "."]) == 0
    assert capsys.readouterr().out == "b.txt:1: say -hello\n"
    assert main(["search", "-i", "HELLO", ".", "--db", str(tmp_path / "db.json")]) == 0
    assert "is no option" not in capsys.readouterr().err  # flags are options


@pytest.mark.parametrize("pattern", [r"\b", "^$", "x*", r"(?=\w)"])
def test_a_pattern_matching_only_empty_text_is_said_not_only_exit_1(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str
) -> None:
    """grep prints every line for \\b and the empty lines for ^$; the search, where an empty
    match is no hit, found nothing and said nothing, as if no line had a word boundary."""
    db = str(tmp_path / "db.json")
    (corpus / "b.txt").write_text("one\n\nthree\n", encoding="utf-8")
    assert main(["search", "--regex", pattern, str(corpus), "--db", db]) == 1
    assert capsys.readouterr().err == (
        f"tui-reader: '{pattern}' matches only empty text (a place between characters, as ^, "
        "$, \\b and (?=...) do), which is no hit: give it characters to match\n"
    )
    assert main(["search", "--regex", "zzz|x{0}y", str(corpus), "--db", db]) == 1
    assert capsys.readouterr().err == ""  # it matches something, only not here


@pytest.mark.parametrize("options", [[], ["-l"], ["--json"]])
@pytest.mark.parametrize("pattern", ["(?=w)", "(?<=o)", r"(?=wor)|\bzzz"])
def test_a_lookaround_matching_only_the_places_before_a_letter_is_said_not_only_exit_1(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    pattern: str,
    options: list[str],
) -> None:
    """A lone lookahead found the places before each w of 'hello world', empty matches, and
    exited 1 without a word: it matches nothing in the probe an empty match is told by."""
    db = str(tmp_path / "db.json")
    for _ in range(2):  # the text read, then kept
        assert main(["search", "--regex", *options, pattern, str(corpus), "--db", db]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err == (
            f"tui-reader: '{pattern}' matches only empty text (a place between characters, as "
            "^, $, \\b and (?=...) do), which is no hit: give it characters to match\n"
        )
    assert main(["search", "--regex", *options, "(?=w)w", str(corpus), "--db", db]) == 0
    assert capsys.readouterr().err == ""
    # a memo's text too
    assert main(["memo", "add", "--journal", "quiet night", "--db", db]) == 0
    capsys.readouterr()
    assert main(["search", "--regex", "(?=q)", str(corpus), "--db", db]) == 1
    assert "matches only empty text" in capsys.readouterr().err


def test_an_options_value_beginning_with_a_dash_is_told_to_be_written_with_equals(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'report --tag -actors' said only 'expected one argument'; '--' does not help there."""
    db = str(tmp_path / "db.json")
    with pytest.raises(SystemExit):
        main(["report", "frequencies", "-t", "-actors", "--corpus", str(corpus), "--db", db])
    assert (
        capsys.readouterr()
        .err.rstrip()
        .endswith(
            "argument --tag/-t: expected one argument ('-actors' is no option: an option's value "
            "beginning with '-' is written with '=', --tag=-actors)"
        )
    )


def test_several_files_of_a_folder_are_searched_as_grep_searches_them(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search hello corpus/*.txt`` (the shell names each file) was "unrecognized
    arguments": one PATH only."""
    (corpus / "b.txt").write_text("hello there\n", encoding="utf-8")
    (corpus / "c.txt").write_text("hello again\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    memo = [
        "memo",
        "add",
        "--doc",
        "c.txt",
        "hello from a memo",
        "--db",
        db,
        "--corpus",
        str(corpus),
    ]
    assert main(memo) == 0
    capsys.readouterr()
    files = [str(corpus / "b.txt"), str(corpus / "a.txt")]
    assert main(["search", "hello", *files, "--db", db]) == 0
    assert capsys.readouterr().out == (
        f"{corpus}/b.txt:1: hello there\n{corpus}/a.txt:1: hello world\n"
    )
    assert main(["search", "-l", "hello", *files, "--db", db]) == 0
    assert capsys.readouterr().out == f"{corpus}/b.txt\n{corpus}/a.txt\n"  # paths, as grep
    assert main(["search", "absent", *files, "--db", db]) == 1
    assert main(["search", "memo", str(corpus / "c.txt"), str(corpus / "a.txt"), "--db", db]) == 0
    assert capsys.readouterr().out == "memo of c.txt:1: hello from a memo\n"
    # files of two folders: one line, nothing searched
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "d.txt").write_text("hello\n", encoding="utf-8")
    assert main(["search", "hello", files[0], str(elsewhere / "d.txt"), "--db", db]) == 2
    said = (f"{elsewhere / 'd.txt'} is not in {corpus}, the folder of b.txt: name files of "
            "one folder, or each alone")  # fmt: skip
    assert capsys.readouterr() == ("", f"tui-reader: {said}\n")
    # a folder among files: said and left out, the files searched, 2 (as grep)
    assert main(["search", "hello", str(corpus), files[0], "--db", db]) == 2
    said = f"{corpus}: is a folder, among files named: left out (name it alone for its documents)"
    assert capsys.readouterr() == (f"{corpus}/b.txt:1: hello there\n", f"tui-reader: {said}\n")
    # the folder named twice: searched once, as the folder alone is
    assert main(["search", "hello", str(corpus), "--db", db]) == 0
    alone = capsys.readouterr()
    assert main(["search", "hello", str(corpus), f"{corpus}/", "--db", db]) == 0
    assert capsys.readouterr() == alone
    # a file not there among them: said in one line, the others searched, 2 (as grep); it
    # refused them all, nothing searched
    gone = str(corpus / "gone.txt")
    for paths in ([files[0], gone], [gone, files[0]], [gone, files[0], gone + "2"]):
        assert main(["search", "hello", *paths, "--db", db]) == 2
        out, err = capsys.readouterr()
        assert out == f"{corpus}/b.txt:1: hello there\n"
        assert err.splitlines() == [
            f"tui-reader: {name}: No such file or directory" for name in paths if "gone" in name
        ]
    assert main(["search", "hello", gone, gone + "2", "--db", db]) == 2  # none there: as one
    assert capsys.readouterr() == ("", f"tui-reader: {gone}: No such file or directory\n")


def test_the_file_the_output_goes_to_is_not_searched_as_grep_says(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``search hello >> corpus/hits.txt``: the hits file of the last search was searched too,
    its own hits written into it again (grep: "input file is also the output")."""
    import subprocess
    import sys

    hits = corpus / "hits.txt"
    hits.write_text("a.txt:1: hello world\n", encoding="utf-8")
    db = tmp_path / "db.json"
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    command = [sys.executable, "-m", "tui_reader", "search", "hello", ".", "--db", str(db)]
    with hits.open("a", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2  # grep's "input file is also the output" is an error
    assert done.stderr == "tui-reader: hits.txt: input file is also the output; not searched\n"
    assert hits.read_text(encoding="utf-8") == "a.txt:1: hello world\na.txt:1: hello world\n"
    # nothing found, and a file left out: not "nothing is there" (2, as grep)
    absent = [*command[:4], "absent", *command[5:]]
    with hits.open("a", encoding="utf-8") as out:
        done = subprocess.run(absent, stdout=out, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
def test_hits_written_to_a_file_cost_no_look_at_each_document_more(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: int
) -> None:
    """``search war > hits.txt``: each document was looked at (a ``stat``, and a ``Path``
    made) before the search to tell the file written to, where the search looks at each
    anyway (it doubled a search of 10,000 kept texts).  As many looks as into a pipe, and
    the file written to, put in the corpus, still left out as grep leaves it."""
    import os
    import sys

    for n in range(20):
        (corpus / f"doc{n:02d}.txt").write_text(f"hello {n}\n", encoding="utf-8")
    real_stat = os.stat
    looked: list[str] = []

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(corpus)) and str(path).endswith(".txt"):
            looked.append(str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def looks(out: Path, db: str) -> int:
        for _ in range(run):  # (a second run finds the texts kept by the first)
            looked.clear()
            with out.open("a", encoding="utf-8") as file:
                monkeypatch.setattr(sys, "stdout", file)
                monkeypatch.setattr(os, "stat", stat)
                main(["search", "hello", str(corpus), "--db", db])
                monkeypatch.setattr(os, "stat", real_stat)
                monkeypatch.setattr(sys, "stdout", sys.__stdout__)
        return len(looked)

    into_nothing = looks(Path(os.devnull), str(tmp_path / "one.json"))  # (its own texts kept)
    assert looks(tmp_path / "hits.txt", str(tmp_path / "two.json")) == into_nothing
    assert (tmp_path / "hits.txt").read_text(encoding="utf-8").count("hello") == 21 * run
    inside = corpus / "hits.txt"  # in the corpus: left out, as it was
    inside.write_text("", encoding="utf-8")
    looks(inside, str(tmp_path / "three.json"))
    assert inside.read_text(encoding="utf-8").count("hello") == 21 * run


@pytest.mark.parametrize("command", ["search", "list"])
def test_files_named_by_a_shell_are_each_looked_at_once_not_every_folder_above_them(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """``search war docs/*.txt``: each file a shell named was resolved alone, every folder
    above it looked at again for each (twice over for a search: its key too, wanted only
    for memos), and the corpus's files each made a Path to be matched with them: 10,000
    files named took several times the search's own time.  A look at each file's own name
    (is it a link?), its folders once, and what it leads to looked at once for its kind
    (it was twice); the documents found are the same."""
    import os

    deep = tmp_path.joinpath("a", "b", "c", "d", "e", "docs")
    deep.mkdir(parents=True)
    names = [f"note{n:02d}.txt" for n in range(30)]
    for name in names:
        (deep / name).write_text(f"hello from {name}\n", encoding="utf-8")
    (deep / "other.txt").write_text("hello, not named\n", encoding="utf-8")
    real_lstat, real_stat = os.lstat, os.stat
    looked: list[str] = []  # lstat's looks (at a link), then stat's (at what it leads to)
    stats: list[str] = []

    def lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        looked.append(str(path))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        stats.append(str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    more = [] if command == "list" else ["hello"]

    def looks(named: list[str], db: str) -> tuple[int, int]:
        looked.clear()
        stats.clear()
        monkeypatch.setattr(os, "lstat", lstat)
        monkeypatch.setattr(os, "stat", stat)
        assert main([command, *more, *(str(deep / name) for name in named), "--db", db]) == 0
        monkeypatch.setattr(os, "lstat", real_lstat)
        monkeypatch.setattr(os, "stat", real_stat)
        out = capsys.readouterr().out
        assert all(name in out for name in named) and "other.txt" not in out
        return len(looked), len(stats)

    ten = looks(names[:10], str(tmp_path / "one.json"))
    thirty = looks(names, str(tmp_path / "two.json"))
    assert thirty[0] - ten[0] <= 2 * 20  # 20 files more: a look at each's own name
    # and what each leads to looked at once for what it is (a file, a folder), once as the
    # file it resolves to (with a few looks more: it was three looks at each)
    assert thirty[1] - ten[1] <= 2 * 20 + 5


def test_paths_after_a_double_dash_that_follows_the_options_are_paths(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``search war --db X -- docs``: the pattern took PATH's turn, and the words after
    ``--`` were "unrecognized arguments"."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("war and peace\n", encoding="utf-8")
    (folder / "-b.txt").write_text("-x marks it\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(folder)  # the names printed are paths from here
    assert main(["search", "war", "--db", db, "--", "."]) == 0
    assert capsys.readouterr().out == "a.txt:1: war and peace\n"
    assert main(["search", "--db", db, "--", "-x", "-b.txt"]) == 0
    assert capsys.readouterr().out == "-b.txt:1: -x marks it\n"


@pytest.mark.parametrize(("argv", "missing"), [(["search"], "PATTERN"), (["autocode"], "--tag/-t")])
def test_a_missing_argument_is_named_alone(
    corpus: Path, capsys: pytest.CaptureFixture[str], argv: list[str], missing: str
) -> None:
    """``tui-reader search`` said "the following arguments are required: PATTERN, PATH":
    PATH is not (the corpus is found without it)."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith(f"error: the following arguments are required: {missing}")


def test_grep_s_e_flag_is_a_regular_expression_for_search_and_autocode(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``search -E 'hello|bye'``, grep's flag, was "'-E' is no option: a value beginning with
    '-' goes after '--'", as though -E were a pattern: it is --regex, in autocode too."""
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "-E", "hel+o|bye", ".", "--db", db]) == 0
    assert capsys.readouterr().out == "a.txt:1: hello world\n"
    assert main(["autocode", "-E", "wor.d", "-t", "w", str(corpus), "--db", db]) == 0
    assert capsys.readouterr().out == "1\n"


def test_files_of_a_folder_and_its_subfolders_are_one_corpus_as_grep_takes_them(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search hello corpus/*.txt corpus/2019/*.txt`` (or a shell's ``**/*.txt``, which lists
    a subfolder's files first when its name sorts first) was refused, "corpus/2019/b.txt is
    not in corpus, the folder of a.txt", though the corpus holds its subfolders' documents:
    the files are those of the folder of the one nearest the root, named in any order."""
    (corpus / "2019").mkdir()
    (corpus / "2019" / "b.txt").write_text("hello there\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    top, sub = str(corpus / "a.txt"), str(corpus / "2019" / "b.txt")
    for files in ([top, sub], [sub, top]):
        assert main(["search", "hello", *files, "--db", db]) == 0
        by_file = {  # paths, as grep prints them
            "a.txt": f"{corpus}/a.txt:1: hello world\n",
            "b.txt": f"{corpus}/2019/b.txt:1: hello there\n",
        }
        assert capsys.readouterr() == ("".join(by_file[Path(f).name] for f in files), "")
        assert main(["list", *files, "--db", db]) == 0
        assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
            "a.txt" if f == top else "2019/b.txt" for f in files
        ]
    assert main(["autocode", "hello", "--tag", "greeting", sub, top, "--db", db]) == 0
    assert capsys.readouterr().out == "2\n"
    assert main(["export", "-f", "csv", sub, top, "--db", db]) == 0
    assert capsys.readouterr().out.count(",greeting,hello,") == 2
    # two subfolders and no file above them: still two folders, refused as before
    (corpus / "2020").mkdir()
    (corpus / "2020" / "c.txt").write_text("hello\n", encoding="utf-8")
    assert main(["search", "hello", sub, str(corpus / "2020" / "c.txt"), "--db", db]) == 2
    assert capsys.readouterr() == ("", f"tui-reader: {corpus / '2020' / 'c.txt'} is not in "
                                   f"{corpus / '2019'}, the folder of b.txt: name files of one "
                                   "folder, or each alone\n")  # fmt: skip


def test_a_file_that_is_no_document_among_files_named_is_said_and_the_others_searched(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search hello docs/*`` where the folder holds a presentation or a photo beside the
    texts searched nothing: "docs/slides.pptx: unsupported file type '.pptx'", exit 2, as if
    that one file were all.  It is said in one line and the others are searched (or
    listed), 2 as grep and ls give when a file named could not be read."""
    (corpus / "slides.pptx").write_text("x,hello\n", encoding="utf-8")
    (corpus / ".hidden.txt").write_text("hello\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    files = [str(corpus / "a.txt"), str(corpus / "slides.pptx"), str(corpus / ".hidden.txt")]
    said = [
        f"tui-reader: {corpus / 'slides.pptx'}: unsupported file type '.pptx'",
        f"tui-reader: {corpus / '.hidden.txt'}: not a document of the corpus (a hidden file, "
        "an Office owner file or the database's own)",
    ]
    assert main(["search", "hello", *files, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == (f"{corpus}/a.txt:1: hello world\n", said)
    assert main(["list", *files, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("a.txt\t") and len(out.splitlines()) == 1
    assert err.splitlines() == said
    # none a document: each said, nothing searched, as before for one
    assert main(["search", "hello", *files[1:], "--db", db]) == 2
    assert capsys.readouterr() == ("", "\n".join(said) + "\n")


def test_export_and_autocode_say_a_file_named_that_is_no_document_and_take_the_others(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export docs/*`` and ``autocode hello -t t docs/*``, a photo or a hidden file in the
    folder, refused the whole run ("docs/photo.png: unsupported file type"), where search and
    list say each such file and go on.  They now do the same, a file not there too, and exit 2
    as grep does when a file named could not be read."""
    (corpus / "b.txt").write_text("hello again\n", encoding="utf-8")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n")
    (corpus / ".hidden.txt").write_text("hello\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    files = [str(corpus / name) for name in ("a.txt", "photo.png", ".hidden.txt", "b.txt")]
    files.append(str(corpus / "gone.txt"))
    said = [  # in the order named
        f"tui-reader: {corpus / 'photo.png'}: unsupported file type '.png'",
        f"tui-reader: {corpus / '.hidden.txt'}: not a document of the corpus (a hidden file, "
        "an Office owner file or the database's own)",
        f"tui-reader: {corpus / 'gone.txt'}: No such file or directory",
    ]
    assert main(["autocode", "hello", "-t", "greeting", *files, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out == "2\n"
    assert [line for line in err.splitlines() if "made a new database" not in line] == said
    assert main(["export", "-f", "csv", *files, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == said
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["corpus/a.txt", "corpus/b.txt"]
    # none a document: each said, nothing coded nor exported, as before for one
    for command in (["autocode", "hello", "-t", "greeting"], ["export", "-f", "csv"]):
        assert main([*command, *files[1:3], "--db", db]) == 2
        assert capsys.readouterr() == ("", "\n".join(said[:2]) + "\n")


# The commands that take files named, each with the words before the files
FILES_TAKEN_BY = {
    "search": ["search", "hello"],
    "list": ["list"],
    "export": ["export", "-f", "csv"],
    "autocode": ["autocode", "hello", "-t", "greeting"],
}


def _b_annotated(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A database beside ``corpus`` in which b.txt's "there" is coded, what was said read."""
    db = str(tmp_path / "db.json")
    main(["annotate", str(corpus / "b.txt"), "--quote", "there", "-t", "place", "--db", db])
    capsys.readouterr()
    return db


@pytest.mark.parametrize("command", list(FILES_TAKEN_BY))
def test_a_folder_among_files_named_is_said_and_the_files_taken_as_grep_does(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``search hello *`` in a folder that holds a subfolder refused the whole run ("sub is a
    folder: a search takes one folder, or files of one folder"), as did list, export and
    autocode; grep says "sub: Is a directory" and reads the files, exit 2.  The folder is now
    said in one line and left out, the files taken, and the exit status is 2."""
    (corpus / "b.txt").write_text("hello there\n", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "c.txt").write_text("hello below\n", encoding="utf-8")
    db = _b_annotated(corpus, tmp_path, capsys)
    named = [str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "sub")]
    args = FILES_TAKEN_BY[command]
    assert main([*args, *named, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert err == (f"tui-reader: {corpus / 'sub'}: is a folder, among files named: left out "
                   "(name it alone for its documents)\n")  # fmt: skip
    if command == "search":
        assert out == f"{corpus}/a.txt:1: hello world\n{corpus}/b.txt:1: hello there\n"
    elif command == "list":
        assert [line.split("\t")[0] for line in out.splitlines()] == ["a.txt", "b.txt"]
    elif command == "export":
        assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["corpus/b.txt"]
    else:
        assert out == "2\n"


@pytest.mark.parametrize("command", list(FILES_TAKEN_BY))
def test_files_left_out_are_said_in_the_order_they_were_named(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``search hello a.txt gone.txt sub photo.png b.txt lost.txt`` said the names missing
    first, then the folder, then the file that is no document, not in the order given, as
    grep and ls say them: a reader matching each line to a name typed had to sort them out.
    Each is now said where it was named; when none of the files is a document, the last
    named is the error, said last."""
    (corpus / "b.txt").write_text("hello there\n", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "photo.png").write_bytes(b"\x89PNG")
    db = _b_annotated(corpus, tmp_path, capsys)
    args = FILES_TAKEN_BY[command]
    names = ["photo.png", "a.txt", "gone.txt", "sub", "b.txt", "lost.txt"]
    assert main([*args, *(str(corpus / name) for name in names), "--db", db]) == 2
    said = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines()]
    assert said == [str(corpus / name) for name in ("photo.png", "gone.txt", "sub", "lost.txt")]
    # none a document: each said in turn, the last named the error
    names = ["lost.txt", "photo.png", "sub", "gone.txt"]
    assert main([*args, *(str(corpus / name) for name in names), "--db", db]) == 2
    said = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines()]
    assert said == [str(corpus / name) for name in names]


@pytest.mark.parametrize("command", list(FILES_TAKEN_BY))
def test_thousands_of_names_left_out_are_said_as_each_command_s_user_reads_them(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A stale list of 3,000 names given to a command printed 3,000 lines on stderr, each
    command alike, and export's and autocode's own word (what was left out of the file
    written, the error that stopped it) came after them all.  search and list say each, as
    grep and ls do, a line a name for a script to read; export and autocode, whose output is
    one file or one count, say the first twenty and how many more, as their other problems
    are said."""
    (corpus / "b.txt").write_text("hello there\n", encoding="utf-8")
    db = _b_annotated(corpus, tmp_path, capsys)
    gone = [str(corpus / f"gone{n}.txt") for n in range(30)]
    args = FILES_TAKEN_BY[command]
    assert main([*args, str(corpus / "b.txt"), *gone, "--db", db]) == 2
    said = capsys.readouterr().err.splitlines()
    each = [f"tui-reader: {name}: No such file or directory" for name in gone]
    if command in ("search", "list"):
        assert said == each
    else:
        assert said == [*each[:20], "tui-reader: 10 more like these"]
    # a file that is no document among them is one of the lines counted
    (corpus / "photo.png").write_bytes(b"\x89PNG")
    named = [*gone[:25], str(corpus / "photo.png"), *gone[25:]]
    assert main([*args, str(corpus / "b.txt"), *named, "--db", db]) == 2
    said = capsys.readouterr().err.splitlines()
    if command in ("search", "list"):
        assert len(said) == 31
    else:  # (autocode then says the passage it coded the first time)
        assert said[20] == "tui-reader: 11 more like these"
    # the error that stops export comes right after the twenty
    if command == "export":
        missing_db = str(tmp_path / "none.json")
        assert main([*args, str(corpus / "b.txt"), *gone, "--db", missing_db]) == 2
        said = capsys.readouterr().err.splitlines()
        assert said[:21] == [*each[:20], "tui-reader: 10 more like these"]
        assert said[21:] == [f"tui-reader: {missing_db}: no such database"]


class _Counted(str):
    """A file name that counts how often it is compared with another."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_many_files_named_and_one_not_there_are_sorted_out_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search war docs/*`` over 20,000 files and one name not there took 5 s more than
    without it: each name was sought through the list of the files kept, so the work grew
    with the square of the files named.  Each is now looked up once."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    names = []
    for n in range(2_000):
        (corpus / f"d{n}.txt").write_text("war\n", "utf-8")
        names.append(_Counted(corpus / f"d{n}.txt"))
    names.append(_Counted(corpus / "gone.txt"))
    _Counted.compared = 0
    assert main(["search", "war", *names]) == 2
    said = capsys.readouterr()
    assert said.out.count("war") == 2_000 and "gone.txt" in said.err
    assert _Counted.compared < 10 * len(names), _Counted.compared  # (2,000,000 before)


def test_many_files_named_resolve_their_folder_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export docs/*.txt`` over 20,000 files took 3 s of CPU to export one passage: each
    file's key resolved every folder above it and the database's path again, and the test of
    whether it is a document resolved its folder and made the database's own files again,
    four resolutions a file.  Each folder is now resolved once (autocode's names too)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(300):
        (corpus / f"d{n}.txt").write_text("hello there\n", "utf-8")
    (corpus / ".hidden.txt").write_text("hello\n", "utf-8")
    db = str(tmp_path / "db.json")
    main(["annotate", str(corpus / "d7.txt"), "--quote", "there", "-t", "place", "--db", db])
    capsys.readouterr()
    resolved = os.path.realpath
    calls: list[str] = []

    def counted(path: Any, *args: Any, **kwargs: Any) -> str:
        calls.append(os.fspath(path))
        return resolved(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counted)
    named = [str(corpus / f"d{n}.txt") for n in range(300)] + [str(corpus / ".hidden.txt")]
    assert main([*FILES_TAKEN_BY["export"], *named, "--db", db]) == 2  # the hidden one refused
    out, err = capsys.readouterr()
    assert ".hidden.txt: not a document of the corpus" in err
    assert out.count(",c/d7.txt,place,there,") == 1
    assert len(calls) < 60, len(calls)  # (1,200 and more before)


def test_files_left_out_of_a_vault_are_said_in_the_order_they_were_named(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export -f obsidian`` said the names not there after the files that are no
    documents, where every other export says each where it was named."""
    (corpus / "b.txt").write_text("hello there\n", encoding="utf-8")
    (corpus / "photo.png").write_bytes(b"\x89PNG")
    db = _b_annotated(corpus, tmp_path, capsys)
    names = ["gone.txt", "photo.png", "b.txt", "lost.txt"]
    argv = ["export", "-f", "obsidian", "-o", str(tmp_path / "vault")]
    assert main([*argv, *(str(corpus / name) for name in names), "--db", db]) == 2
    said = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines()]
    assert said[:3] == [str(corpus / name) for name in ("gone.txt", "photo.png", "lost.txt")]


def test_a_binary_file_is_searched_in_its_bytes_as_grep_searches_it(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A .txt holding NUL bytes (a core dump, a database saved under the wrong name) is no
    text, but grep finds a word in it: "binary file matches" on stderr, exit 0, its name with
    -l and its lines with -c, each NUL a line's end.  search said it could not be searched and
    exited 2, found or not, so a script took every search of such a folder for a failure."""
    (corpus / "dump.txt").write_bytes(b"\x00\x00\x00\x00xx\x01hello\x00hello\nhello\n\xff")
    (corpus / "other.txt").write_bytes(b"\x00\x00\x00\x00nothing here\x00" * 4)
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    for _ in range(2):  # (a binary file is never kept: read again)
        assert main(["search", "hello", ".", "--db", db]) == 0
        out, err = capsys.readouterr()
        assert out == "a.txt:1: hello world\n"
        assert err == "tui-reader: dump.txt: binary file matches\n"
        assert main(["search", "-l", "hello", ".", "--db", db]) == 0
        assert capsys.readouterr() == ("a.txt\ndump.txt\n", "")
        assert main(["search", "-c", "hello", ".", "--db", db]) == 0
        assert capsys.readouterr() == ("a.txt:1\ndump.txt:3\nother.txt:0\n", "")
        assert main(["search", "-l", "--json", "hello", ".", "--db", db]) == 0
        assert '"document": "dump.txt"' in capsys.readouterr().out
        assert main(["search", "nothing", "dump.txt", "--db", db]) == 1
        assert main(["search", "--regex", "hello.hello", "dump.txt", "--db", db]) == 1
        assert capsys.readouterr() == ("", "")
        assert main(["search", "nothing", ".", "--db", db]) == 0  # other.txt's
        assert capsys.readouterr() == ("", "tui-reader: other.txt: binary file matches\n")


def test_a_large_binary_file_is_searched_a_piece_at_a_time(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A .txt of random bytes refused as no text was made one text (two bytes a character:
    its bytes no UTF-8 are U+FFFD) and composed whole to be searched: 1.3 GB for 64 MB.  Its
    lines are searched a piece at a time, as grep searches them, and counted as before."""
    import random
    import re

    data = b"\x00\x00\x00\x00" + random.Random(55).randbytes(4 * 1024 * 1024)
    data = data.replace(b"\n", b"\n army ", 40)
    (corpus / "dump.bin.txt").write_bytes(data)
    lines = sum(1 for line in re.split(b"[\n\x00]", data) if b"army" in line)
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)
    assert main(["search", "-c", "army", "dump.bin.txt", "--db", db]) == 0  # (the database made)
    assert capsys.readouterr() == (f"dump.bin.txt:{lines}\n", "")
    for args, said in (
        (["-c"], (f"dump.bin.txt:{lines}\n", "")),
        (["-l"], ("dump.bin.txt\n", "")),
        ([], ("", "tui-reader: dump.bin.txt: binary file matches\n")),
    ):
        status, peak = traced_peak(
            lambda: main(["search", *args, "army", "dump.bin.txt", "--db", db])  # noqa: B023
        )
        assert status == 0 and capsys.readouterr() == said
        assert peak < 2 * len(data), args


def test_a_binary_file_s_bytes_are_compared_as_they_are_as_grep_compares_them(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A binary file's bytes were composed (NFC) to be searched, as a text is: grep finds
    "cafe" in "cafe" and an accent after it, and not "café", and random bytes, an accent
    every few characters, took nine tenths of their search in composing."""
    (corpus / "dump.txt").write_bytes(b"\x00\x00\x00\x00caf" + "e\u0301\n".encode())
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)
    assert main(["search", "-c", "cafe", "dump.txt", "--db", db]) == 0
    assert main(["search", "-l", "cafe", "dump.txt", "--db", db]) == 0
    assert main(["search", "café", "dump.txt", "--db", db]) == 1
    assert capsys.readouterr() == ("dump.txt:1\ndump.txt\n", "")
