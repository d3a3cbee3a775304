"""Hostile names never reach the terminal raw from the command line (issue 15, items 1, 2, 10):
file names, tags, notes and imported fields with escape sequences, bidi overrides, newlines
or undecodable bytes."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.annotations import empty_database
from helpers.hostile import (
    CLIP,
    TITLE,
    assert_clean,
    folder_refused,
    hostile_corpus,
    run_cli_here,
    user_environment,
)
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore

# The commands run in this process, as tui-reader runs them; those writing to a full device or
# reading the database's place from the environment start one of their own.
run_here = functools.partial(run_cli_here, text=False)


def test_list_shows_each_hostile_name_on_one_clean_line(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    result = run_here("list", corpus, "--db", tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 5, lines
    assert any(line.startswith("x␛]0;PWNED␇.txt\t") for line in lines)
    # a line break as the CSV export writes it in a document's name (it was ⏎ here)
    assert any(line.startswith("two␊lines.txt\t") for line in lines)
    assert any(line.startswith("caf\\xe9.txt\t") for line in lines)  # as the exports write it


@pytest.mark.parametrize("command", [["list"], ["search", "-l", "Hello"]], ids=" ".join)
def test_a_name_as_list_and_search_show_it_names_the_file_for_them_too(
    tmp_path: Path, command: list[str]
) -> None:
    """``search -l Hello c`` printed ``c/two␊lines.txt`` (a line feed shown as its picture),
    which ``--doc``, ``annotate`` and ``attr`` take for that file, but ``list`` and ``search``
    themselves said "No such file or directory": a script handing on what they print (``|
    while read f; do tui-reader list "$f"``) lost the file.  They take it too, as they take
    a byte no UTF-8 shown ``\\xe9``."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_text("Hello there.\n", encoding="utf-8")
    (corpus / "tab\there.txt").write_text("Hello again.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    shown = run_cli_here("search", "-l", "Hello", "c", "--db", db, cwd=tmp_path)
    assert shown.stdout == "c/tab␉here.txt\nc/two␊lines.txt\n", shown.stderr
    for path in shown.stdout.splitlines():
        result = run_cli_here(*command, path, "--db", db, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), (path, result.stderr)
        assert result.stdout.splitlines()[0].startswith(
            path if command[0] == "search" else path.removeprefix("c/") + "\t"
        ), result.stdout


def test_an_import_names_a_document_not_here_as_list_shows_its_name(tmp_path: Path) -> None:
    """An import of passages whose files are not beside the database named the document
    ``c/two⏎lines.txt``, where list, search and every other message show the line feed in
    a name as ``␊`` (and a script's ``grep`` of the name as listed found nothing)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_text("Hello there.\n", encoding="utf-8")
    db, out = tmp_path / "db.json", tmp_path / "out.json"
    made = run_cli_here("annotate", "c/two\nlines.txt", "--quote", "Hello", "-t", "h",
                        "--db", db, cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = run_cli_here("export", "c", "-f", "json", "-o", out, "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for corpus_named in ([], ["--corpus", corpus]):  # not found; found by its text there
        other = elsewhere / f"db{len(corpus_named)}.json"
        done = run_cli_here("import", out, "--db", other, *corpus_named, cwd=elsewhere)
        assert done.returncode == 0, done.stderr
        said = [line for line in done.stderr.splitlines() if "no file for" in line]
        if corpus_named:  # found there by its text and its name: nothing missing to say
            assert not said and "⏎" not in done.stderr, done.stderr
            continue
        assert len(said) == 1 and "c/two␊lines.txt" in said[0] and "⏎" not in said[0], said


@pytest.mark.parametrize(
    "command",
    [
        ["query", "h"],
        ["report", "frequencies"],
        ["export", "-f", "csv"],
        ["export", "-f", "qdpx", "-o", "out.qdpx"],
        ["agreement", "ana", "ben"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_a_coded_file_gone_is_said_in_one_line_as_list_shows_its_name(
    tmp_path: Path, command: list[str]
) -> None:
    """A coded file whose name holds a line feed, deleted since: query, report, export and
    agreement said "the file is gone" with the line feed itself in the name, the line cut in
    two (``.../two`` then ``lines.txt: the file is gone ...``, a line that is no message of
    ours to a script reading stderr)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_text("Hello there.\n", encoding="utf-8")
    (corpus / "a.txt").write_text("Hello here.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    for coder in ("ana", "ben"):
        for name in ("c/two\nlines.txt", "c/a.txt"):
            made = run_cli_here("annotate", name, "--quote", "Hello", "-t", "h",
                                "--coder", coder, "--db", db, cwd=tmp_path)  # fmt: skip
            assert made.returncode == 0, made.stderr
    (corpus / "two\nlines.txt").unlink()
    done = run_cli_here(*command, "--corpus", "c", "--db", db, cwd=tmp_path)
    lines = done.stderr.splitlines()
    assert all(line.startswith("tui-reader: ") for line in lines), lines
    # (coded with the command line, its text's hash kept: see scope.missing_file)
    assert any("two␊lines.txt: the file is gone" in line for line in lines), lines


@pytest.mark.parametrize("command", [["list"], ["search", "Hello"]], ids=" ".join)
def test_a_folder_not_read_is_said_in_one_line_as_list_shows_its_name(
    tmp_path: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A folder of the corpus the user may not enter, its name holding a line feed, was said
    with the line feed itself: "tui-reader: c/two" and "lines: the folder cannot be read",
    two lines, the second no message of ours."""

    corpus = tmp_path / "c"
    (corpus / "two\nlines").mkdir(parents=True)
    (corpus / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    folder_refused(monkeypatch, "two\nlines")
    monkeypatch.chdir(tmp_path)
    assert main([*command, "c", "--db", str(tmp_path / "db.json")]) == 2
    lines = capsys.readouterr().err.splitlines()
    name = "two␊lines/" if command == ["list"] else "c/two␊lines"
    assert lines == [
        f"tui-reader: {name}: the folder cannot be read (Permission denied); "
        "its documents are not listed"
    ]


def test_tags_and_messages_quoting_imported_names_are_clean(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    db = tmp_path / "db.json"
    records = [
        {
            "id": f"id{CLIP}",
            "document": f"c/{TITLE}.txt",
            "start": 0,
            "end": 1,
            "quote": f"A{TITLE}",
            "tags": [f"tag{TITLE}", "new\nline", "rtl\u202eevil"],
            "note": f"note{CLIP}",
            "created": f"2024{TITLE}",
        },
        {
            "id": "b",
            "document": f"c/missing{TITLE}\u202e.txt",
            "start": 0,
            "end": 1,
            "quote": "x",
            "tags": [],
        },
    ]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records))
    imported = run_here("import", source, "--db", db, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert_clean(imported.stdout + imported.stderr)
    tags = run_here("tags", "--db", db, cwd=tmp_path)
    assert tags.returncode == 0, tags.stderr
    assert_clean(tags.stdout + tags.stderr)
    assert len(tags.stdout.decode().splitlines()) == 3
    for fmt in ("markdown", "csv", "json", "w3c"):
        exported = run_here("export", corpus, "--db", db, "--format", fmt, cwd=tmp_path)
        assert exported.returncode == 0, (fmt, exported.stderr)
        assert_clean(exported.stdout + exported.stderr)
    failed = run_here(
        "annotate", f"gone{TITLE}.txt", "--quote", "x", "--tag", "t", "--db", db, cwd=tmp_path
    )
    assert failed.returncode != 0
    assert_clean(failed.stdout + failed.stderr)


def test_output_to_a_full_disk_is_one_line_and_a_failure(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.set_tag(Tag("policy"))
    env = user_environment()
    for args in (["list", corpus], ["tags", "--db", db], ["export", corpus, "--db", db]):
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "tui_reader", *map(str, args)],
                stdout=full,
                stderr=subprocess.PIPE,
                cwd=tmp_path,
                env=env,
                timeout=120,
            )
        lines = result.stderr.decode().splitlines()
        assert result.returncode != 0, args
        assert len(lines) == 1 and "No space left" in lines[0], (args, lines)


def test_an_error_quoting_a_name_with_a_line_break_is_one_line(tmp_path: Path) -> None:
    """The name is quoted as list and search show it: a line feed as ␊, a carriage return as
    ␍ (both were ⏎ here, so the name in the message was not the one list printed)."""
    corpus = hostile_corpus(tmp_path)
    db = empty_database(tmp_path / "db.json")
    for args, said in (
        (("annotate", "gone\nnow.txt", "--corpus", corpus, "--quote", "x"), "gone␊now.txt"),
        (("export", "--corpus", corpus, "--doc", "gone\rnow.txt"), "gone␍now.txt"),
        (("memo", "add", "--doc", "gone\u2028now.txt", "a memo"), "gone⏎now.txt"),
        (("annotate", "gone\tnow.txt", "--corpus", corpus, "--quote", "x"), "gone␉now.txt"),
    ):
        result = run_here(*args, "--db", db, cwd=tmp_path)
        assert result.returncode != 0
        assert_clean(result.stderr)
        lines = result.stderr.decode("utf-8").splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"tui-reader: {said}: no such document"), lines


def test_a_name_beginning_with_a_tilde_that_names_no_user_is_that_name(tmp_path: Path) -> None:
    """``annotate '~draft.txt'`` (a file whose name begins with a tilde), ``-o '~x/out.csv'``,
    ``--db '~team.json'``: Python's Path.expanduser took ``~draft.txt`` for the home folder of
    a user "draft.txt", found none, and the command stopped with a RuntimeError traceback."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "~draft.txt").write_text("A first draft.\n", encoding="utf-8")
    (tmp_path / "~team.json").write_bytes(b"")
    done = run_here("annotate", "~draft.txt", "--quote", "first", "-t", "t",
                   "--corpus", corpus, "--db", "~team.json", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run_here("annotate", "c/~draft.txt", "--quote", "draft", "-t", "t",
                   "--db", "~team.json", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run_here("export", "--doc", "~draft.txt", "-f", "csv", "-o", "~out.csv",
                   "--corpus", corpus, "--db", "~team.json", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "~out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [row.split(",")[3] for row in rows[1:]] == ["first", "draft"]
    for argv in (
        ("export", "-o", "~nobody-here/out.csv", "--db", "~team.json"),
        ("merge", "~nobody-here.json", "--db", "~team.json"),
        ("import", "~nobody-here.json", "--db", "~team.json"),
        ("list", "~nobody-here"),
        ("tags", "--db", "~nobody-here.json"),
    ):
        done = run_here(*argv, cwd=tmp_path)
        assert done.returncode == 2, argv
        assert b"Traceback" not in done.stderr and done.stderr.count(b"\n") == 1, done.stderr
        assert b"~nobody-here" in done.stderr


def _corpus_and_link_loop(tmp_path: Path) -> tuple[Path, str]:
    """A corpus of one text, and a path that is a loop of two symbolic links."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("war and peace\n", encoding="utf-8")
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("one")
    return corpus, str(tmp_path / "one")


def test_a_database_named_by_a_link_loop_is_said_to_be_one_not_a_traceback(
    tmp_path: Path,
) -> None:
    corpus, loop = _corpus_and_link_loop(tmp_path)
    for argv in (
        ["annotate", "--corpus", str(corpus), "--quote", "war", "-t", "x", str(corpus / "a.txt")],
        ["tags"],
        ["merge", loop, "--corpus", str(corpus), "--db", str(tmp_path / "db.json")],
    ):
        done = run_cli_here(*argv, cwd=tmp_path, env={"TUI_READER_DB": loop})
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("tui-reader: ") and done.stderr.count("\n") == 1, argv
        assert "Too many levels of symbolic links" in done.stderr, done.stderr


def test_a_database_or_caches_folder_named_by_a_link_loop_never_crashes_a_listing(
    tmp_path: Path,
) -> None:
    corpus, loop = _corpus_and_link_loop(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CACHE"):
        env = {"TUI_READER_DB": str(tmp_path / "db.json"), name: loop}
        for argv in (["list", str(corpus)], ["search", "war", str(corpus)]):
            done = run_cli_here(*argv, cwd=tmp_path, env=env)  # an exception fails the test
            if name == "TUI_READER_DB":
                assert done.returncode == 2, done.stderr
                assert done.stderr == (
                    f"tui-reader: {loop}: Too many levels of symbolic links; no database there\n"
                )
            else:  # no cache: the command works without one
                assert done.returncode == 0 and "a.txt" in done.stdout, done.stderr


def test_a_name_not_in_utf8_is_shown_as_the_exports_write_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Latin-1 "café.txt" was "caf�.txt" in ``list``, ``search`` and every message, where the
    exports write "caf\\xe9.txt": a user could not tell "café.txt" from "cafè.txt" (both
    "caf�.txt") nor find the listed name in an export.  The byte is shown as the exports
    write it, everywhere."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for byte in (b"\xe9", b"\xe8"):
        with open(os.fsencode(corpus) + b"/caf" + byte + b".txt", "w") as file:
            file.write("The border is long.\n")
    db = str(tmp_path / "db.json")
    assert main(["list", str(corpus), "--db", db]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["caf\\xe8.txt", "caf\\xe9.txt"]
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "border", ".", "--db", db]) == 0
    hits = sorted(line.split(":")[0] for line in capsys.readouterr().out.splitlines())
    assert hits == ["caf\\xe8.txt", "caf\\xe9.txt"]
    missing = os.fsdecode(os.fsencode(corpus) + b"/gone\xe9.txt")
    assert main(["annotate", missing, "--quote", "x", "--db", db]) != 0
    assert "gone\\xe9.txt" in capsys.readouterr().err


def test_a_name_holding_a_byte_escape_is_not_shown_as_the_byte(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file literally named "caf\\xe9.txt" and a Latin-1 "café.txt" were listed and found
    alike, "caf\\xe9.txt" twice: the literal backslash is shown doubled, as ``ls -b`` does, and
    the name so shown names that file."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in (os.fsencode(corpus) + b"/caf\xe9.txt", os.fsencode(corpus) + b"/caf\\xe9.txt"):
        with open(name, "w") as file:
            file.write("The border is long.\n")
    db = str(tmp_path / "db.json")
    assert main(["list", str(corpus), "--db", db]) == 0
    listed = sorted(line.split("\t")[0] for line in capsys.readouterr().out.splitlines())
    assert listed == ["caf\\\\xe9.txt", "caf\\xe9.txt"]
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "border", ".", "--db", db]) == 0
    hits = sorted(line.split(":")[0] for line in capsys.readouterr().out.splitlines())
    assert hits == ["caf\\\\xe9.txt", "caf\\xe9.txt"]
    assert main(["search", "-l", "border", ".", "--db", db]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == listed
    where = ["--corpus", str(corpus), "--db", db]
    assert main(["annotate", "c/caf\\\\xe9.txt", "--quote", "border", "-t", "b", *where]) == 0
    with AnnotationStore(Path(db)) as store:
        assert [a.document for a in store.annotations()] == ["c/caf\\xe9.txt"]


def test_a_name_not_in_utf8_is_valid_json_in_every_json_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``attr list --json``, ``memo list --json``, ``history --json`` and a report's JSON gave a
    Latin-1 "café.txt" as "caf\\udce9.txt", a lone surrogate that strict JSON readers (jq)
    refuse.  Every JSON output gives such a name as the exports write it, "caf\\xe9.txt"
    (``list --json`` and ``search --json`` with its exact bytes beside it)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    path = os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")
    with open(path, "w") as file:
        file.write("The border is long.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["annotate", path, "--quote", "border", "--tag", "b", *where]) == 0
    assert main(["attr", "set", path, "year=2020", *where]) == 0
    assert main(["memo", "add", "--doc", path, "a memo", *where]) == 0
    capsys.readouterr()
    outputs = {}
    for argv in (
        ["attr", "list", "--json"],
        ["memo", "list", "--json"],
        ["history", "--json", "--db", where[1]],
        ["report", "matrix", "--by", "document", "--format", "json"],
        ["list", str(corpus), "--json"],
    ):
        assert main(argv + (where if argv[0] != "history" else [])) == 0
        out = capsys.readouterr().out
        outputs[argv[0]] = out
        assert "\\udc" not in out and "\\ufffd" not in out and "\ufffd" not in out, argv
        assert "caf\\\\xe9.txt" in out, argv
    assert json.loads(outputs["list"])[0]["path"] == "caf\\xe9.txt"


def test_an_attribute_named_document_bytes_leaves_the_names_bytes_in_attr_list_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``attr list --json`` gives a name that is not UTF-8 its bytes, ``document_bytes``, in
    the document's object, whose other keys are its attributes: an attribute of that name
    took the field's place, and a script decoded the attribute's value as the name's bytes.
    The name's bytes keep the field; the attribute they leave out is said on stderr."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    path = os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")
    with open(path, "w") as file:
        file.write("The border is long.\n")
    (corpus / "plain.txt").write_text("The border is short.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for doc in (path, "plain.txt"):
        assert main(["attr", "set", doc, "document_bytes=abc", "year=2020", *where]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *where]) == 0
    out, err = capsys.readouterr()
    listed = json.loads(out)
    assert listed["c/caf\\xe9.txt"] == {"document_bytes": "Yy9jYWbpLnR4dA==", "year": 2020}
    assert listed["c/plain.txt"] == {"document_bytes": "abc", "year": 2020}
    assert err == (
        "tui-reader: c/caf\\xe9.txt: its attribute document_bytes is not in the JSON, whose "
        "document_bytes are its name's bytes (attr list without --json shows it)\n"
    )


def test_a_name_not_in_utf8_can_be_typed_as_it_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``list`` and the exports show a Latin-1 "café.txt" as "caf\\xe9.txt", but that name
    typed back (``annotate``, ``attr set``, ``export --doc``, ``query --doc``) was "no such
    document": the file could only be named by typing its byte.  The name as shown names it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "w") as file:
        file.write("The border is long.\n")
    (corpus / "plain.txt").write_text("The border is short.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["annotate", "caf\\xe9.txt", "--quote", "long", "--tag", "b", *where]) == 0
    assert main(["annotate", "plain.txt", "--quote", "short", "--tag", "b", *where]) == 0
    assert main(["attr", "set", "caf\\xe9.txt", "year=2020", *where]) == 0
    capsys.readouterr()
    assert main(["export", "-f", "csv", "--doc", "caf\\xe9.txt", *where]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",")[1] for row in rows] == ["c/caf\\xe9.txt"]
    assert main(["attr", "list", *where]) == 0
    assert "c/caf\\xe9.txt  year=2020" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--doc", ""],
        ["query", "x", "--doc", ""],
        ["report", "frequencies", "--doc", ""],
        ["annotate", "", "--quote", "some"],
        ["attr", "set", "", "k=v"],
        ["autocode", "some", "--doc", "", "--tag", "t"],
    ],
    ids=lambda c: c[0] + (f" {c[1]}" if c[0] in ("attr", "report") else ""),
)
def test_an_empty_document_name_is_said_to_be_empty(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--doc "$DOC"`` with DOC unset was ": is a folder, not a document; name one of its
    documents (...)": a message starting with nothing, about a folder the user never named
    (the empty name taken as the corpus folder).  It says the name is empty."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("some words\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(tmp_path / "c")]
    assert main(["annotate", "a.txt", "--quote", "some", "--tag", "x", *where]) == 0
    capsys.readouterr()
    assert main([*command, *where]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tui-reader: the document's name is empty") and err.count("\n") == 1


def test_a_name_not_in_utf8_is_a_path_argument_as_it_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``list`` shows a Latin-1 "café.txt" as "caf\\xe9.txt", and ``--doc`` takes that name,
    but given as a PATH (``list c/caf\\xe9.txt``, ``search border c/caf\\xe9.txt``, ``export
    c/caf\\xe9.txt``) it was "no such folder or file".  A path that names nothing as typed
    names the file its shown bytes name; one that is there as typed is that file."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "w") as file:
        file.write("The border is long.\n")
    (corpus / "plain.txt").write_text("The border is short.\n")
    db = str(tmp_path / "db.json")
    shown_path = str(corpus / "caf\\xe9.txt")
    assert main(["list", shown_path, "--db", db]) == 0
    assert capsys.readouterr().out.startswith("caf\\xe9.txt\t")
    assert main(["search", "border", shown_path, "--db", db]) == 0
    assert capsys.readouterr().out == f"{corpus}/caf\\xe9.txt:1: The border is long.\n"
    assert main(["annotate", shown_path, "--quote", "long", "--tag", "b", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", shown_path, "-f", "csv", "--db", db]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",")[3] for row in rows] == ["long"]
    # a file named so, with a backslash, is itself
    (corpus / "caf\\xe8.txt").write_text("The border is far.\n")
    assert main(["search", "border", str(corpus / "caf\\xe8.txt"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert out == f"{corpus}/caf\\\\xe8.txt:1: The border is far.\n"  # not the byte


def test_a_memo_of_a_file_not_named_in_utf8_is_valid_json_in_a_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``search --json`` gave the memo of a Latin-1 "café.txt" as ``"target":
    "c/caf\\udce9.txt"``, a lone surrogate strict JSON readers (jq) refuse, where its
    documents' names are "caf\\\\xe9.txt" with their bytes beside them: the memo's target is
    given so too."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    path = os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")
    with open(path, "w") as file:
        file.write("The border is long.\n")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["memo", "add", "--doc", path, "a memo on the border", *where]) == 0
    capsys.readouterr()
    assert main(["search", "border", "--json", *where]) == 0
    out = capsys.readouterr().out
    assert "\\udc" not in out
    memo = next(json.loads(line) for line in out.splitlines() if '"memo": {' in line)["memo"]
    assert memo["target"] == "c/caf\\xe9.txt"
    assert memo["target_bytes"] == "Yy9jYWbpLnR4dA=="


def test_attr_list_json_gives_a_name_not_in_utf8_with_its_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``attr list --json`` keyed a Latin-1 "café.txt" as "c/caf\\\\xe9.txt" with nothing to
    find the file by, where ``search --json`` and ``list --json`` give its bytes beside it
    (``document_bytes``): the document's object gives them so too, a UTF-8 name none."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    path = os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")
    with open(path, "w") as file:
        file.write("The border is long.\n")
    (corpus / "plain.txt").write_text("The border is short.\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["attr", "set", path, "region=north", *where]) == 0
    assert main(["attr", "set", str(corpus / "plain.txt"), "region=south", *where]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *where]) == 0
    out = capsys.readouterr().out
    assert "\\udc" not in out
    assert json.loads(out) == {
        "c/caf\\xe9.txt": {"document_bytes": "Yy9jYWbpLnR4dA==", "region": "north"},
        "c/plain.txt": {"region": "south"},
    }


def test_a_new_file_in_a_folder_not_named_in_utf8_may_be_named_as_it_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder whose name is not UTF-8 is shown "corp\\xe9", and a file in it named so
    (``corp\\xe9/a.txt``) is that file; but a file to make there (``--db
    corp\\xe9/db.json``, ``-o corp\\xe9/out.csv``) was "the folder corp\\xe9 does not
    exist".  A path none of whose folders is there as typed is made in the folder its
    shown bytes name."""
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/corp\xe9")
    os.mkdir(folder)
    Path(folder, "a.txt").write_text("hello border\n", encoding="utf-8")
    shown_folder = str(tmp_path / "corp\\xe9")
    db = f"{shown_folder}/db.json"
    assert (
        main(["annotate", f"{shown_folder}/a.txt", "--quote", "hello", "-t", "h", "--db", db]) == 0
    )
    assert os.path.exists(os.path.join(folder, "db.json"))
    out = f"{shown_folder}/out.csv"
    assert main(["export", shown_folder, "-f", "csv", "-o", out, "--db", db]) == 0
    assert Path(folder, "out.csv").read_text("utf-8-sig").splitlines()[1].split(",")[3] == "hello"
    assert not os.path.exists(tmp_path / "corp\\xe9")


def test_a_coded_file_with_a_line_break_in_its_name_not_read_is_named_on_one_line(
    tmp_path: Path,
) -> None:
    """query, report and export name a coded file they could not read as list names it: its
    line feed split the message in two lines (``…/two`` then ``lines.txt: binary file``)."""
    corpus = hostile_corpus(tmp_path)
    db = tmp_path / "db.json"
    coded = run_here(
        "annotate", corpus / "two\nlines.txt", "--quote", "More", "--tag", "t", "--db", db,
        cwd=tmp_path,
    )  # fmt: skip
    assert coded.returncode == 0, coded.stderr
    (corpus / "two\nlines.txt").write_bytes(b"x\x00\x00\x00\x01\x02")  # now binary
    for args in (("query", "t"), ("report", "frequencies"), ("export", "-f", "csv")):
        result = run_here(*args, corpus, "--db", db, cwd=tmp_path)
        assert_clean(result.stderr)
        lines = result.stderr.decode("utf-8").splitlines()
        named = [line for line in lines if "binary file" in line]
        assert len(named) == 1, (args, lines)
        assert named[0].startswith("tui-reader: ") and "two␊lines.txt: binary file" in named[0]


def test_a_tab_in_a_file_s_name_is_never_shown_as_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a<tab>b.txt`` beside ``a b.txt``: list showed the first as ``a␉b.txt``, but annotate's
    "a b.txt: quote not found", a matrix by document's two columns "c/a b.txt" and the
    disagreements named the other file, and attr list and memo list printed the tab itself.
    Each now shows it as list does."""
    corpus, database = text_corpus(
        tmp_path, {"a\tb.txt": "hello tab\n", "a b.txt": "hello space\n"}, "c"
    )
    db = ["--db", database, "--corpus", str(corpus)]
    tabbed = str(corpus / "a\tb.txt")
    for name, coder in ((tabbed, "ana"), (str(corpus / "a b.txt"), "ana"), (tabbed, "ben")):
        assert main(["annotate", name, "--quote", "hello", "-t", coder, "--coder", coder, *db]) == 0
    assert main(["attr", "set", tabbed, "wave=1", *db]) == 0
    assert main(["memo", "add", "--doc", tabbed, "a memo", *db]) == 0
    capsys.readouterr()
    assert main(["annotate", tabbed, "--quote", "zzz", "-t", "x", *db]) == 2
    assert capsys.readouterr().err == "tui-reader: a\u2409b.txt: quote not found: 'zzz'\n"
    outputs = []
    for argv in (
        ["attr", "list"],
        ["memo", "list"],
        ["report", "matrix", "--by", "document"],
        ["agreement", "ana", "ben", "--disagreements"],
    ):
        main([*argv, *db])
        out = capsys.readouterr().out
        assert "\t" not in out, (argv, out)
        outputs.append(out)
    assert "c/a\u2409b.txt  wave=1" in outputs[0]
    assert "document:c/a\u2409b.txt" in outputs[1]
    assert "c/a\u2409b.txt" in outputs[2] and "c/a b.txt" in outputs[2]
    assert "c/a\u2409b.txt" in outputs[3]


def test_a_line_feed_in_a_file_s_name_is_shown_as_list_shows_it_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``two<LF>lines.txt``: list, search and export showed ``two␊lines.txt``, but history,
    report, agreement and the errors made of a name (a database in no folder) showed
    ``two⏎lines.txt``, a name no listing printed.  Each now shows it as list does."""
    corpus, database = text_corpus(
        tmp_path, {"two\nlines.txt": "peace talks\nwar\n", "b.txt": "peace again\n"}, "c"
    )
    db = ["--db", database, "--corpus", str(corpus)]
    named = str(corpus / "two\nlines.txt")
    for name, word, coder in ((named, "peace", "ana"), (str(corpus / "b.txt"), "peace", "ana")):
        assert main(["annotate", name, "--quote", word, "-t", word, "--coder", coder, *db]) == 0
    assert main(["annotate", named, "--quote", "war", "-t", "war", "--coder", "ben", *db]) == 0
    capsys.readouterr()
    for argv in (
        ["list", *db],
        ["history", *db[:2]],
        ["report", "matrix", "--by", "document", *db],
        ["agreement", "ana", "ben", "--disagreements", *db],
    ):
        main(argv)
        said = capsys.readouterr()
        assert "two\u240alines.txt" in said.out + said.err, (argv, said)
        assert "\u23ce" not in said.out + said.err, (argv, said)
    # agreement names it only in a hint to type, which the shell's form spells
    main(["agreement", "ana", "ben", *db])
    said = capsys.readouterr()
    assert "--doc $'c/two\\nlines.txt'" in said.err and "\u23ce" not in said.err, said
    gone = str(tmp_path / "no\nfolder" / "db.json")
    assert main(["annotate", named, "--quote", "war", "-t", "x", "--db", gone]) == 2
    err = capsys.readouterr().err
    assert "no\u240afolder" in err and "\u23ce" not in err, err


def test_a_value_holding_a_line_separator_stays_on_its_document_s_line(tmp_path: Path) -> None:
    """A value holding a line separator (U+2028, U+2029, a NEL: text pasted from a PDF or a
    web page) was printed by attr list as it is, inside its quotes, and the gate under the
    output made each a line break: one document's line was cut in three, the rest of its
    values on lines of their own that named no document.  It is written as a line feed is,
    an escape inside the value's quotes, which reads back as the value."""
    corpus, database = text_corpus(tmp_path, {"a.txt": "hello\n"}, "c")
    db = ["--db", database, "--corpus", str(corpus)]
    value = "one\u2028two\u2029three\x85four\nfive"
    assert (
        run_cli_here(
            "attr", "set", "c/a.txt", f"note={value}", "wave=1", *db, cwd=tmp_path
        ).returncode
        == 0
    )
    listed = run_cli_here("attr", "list", *db, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 1, lines
    shown = lines[0].split("  ")
    assert shown[0] == "c/a.txt" and shown[2] == "wave=1", lines
    assert json.loads(shown[1].removeprefix("note=")) == value
