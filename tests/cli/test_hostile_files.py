"""Hostile files (issue 15, items 6, 7, 8): FIFOs, device links, files outside the corpus and
special files in place of the database or an export are refused with a message; nothing hangs,
nothing outside the corpus is read, no device node is replaced."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers.annotations import empty_database
from helpers.hostile import run_cli_here
from helpers.hostile import run_cli_text as run

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- do not leak"


def corpus_with_traps(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nText here.\n")
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "self.txt").symlink_to("self.txt")  # link loops: to itself, two to each other
    (corpus / "ping.txt").symlink_to("pong.txt")
    (corpus / "pong.txt").symlink_to("ping.txt")
    return corpus


def test_list_reports_fifos_and_device_links_and_does_not_hang(tmp_path: Path) -> None:
    corpus = corpus_with_traps(tmp_path)
    result = run("list", corpus, "--db", tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr  # as ls: the good listed, the rest said
    assert result.stdout.startswith("good.txt\t")
    assert "fifo.txt: is a FIFO" in result.stderr and "zero.txt: is a device" in result.stderr
    for loop in ("self.txt", "ping.txt", "pong.txt"):
        assert f"{loop}: Too many levels of symbolic links" in result.stderr


@pytest.mark.parametrize("command", [["list"], ["search", "absent"]])
def test_a_socket_in_the_corpus_is_said_to_be_one(tmp_path: Path, command: list[str]) -> None:
    """A socket (a program's, left in a shared folder) was "No such device or address"."""
    import socket

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nText here.\n")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(corpus / "agent.txt"))
        result = run(*command, "c", "--db", tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    path = "agent.txt" if command == ["list"] else "c/agent.txt"  # search's: a path, as its hits
    assert result.stderr == f"tui-reader: {path}: is a socket, not a regular file; not read\n"


@pytest.mark.parametrize(
    "command",
    [["list", "C"], ["search", "Text", "C"], ["export", "C", "--format", "json"],
     ["export", "C", "--format", "qdpx", "-o", "o.qdpx"], ["autocode", "Text", "C", "--tag", "t"]],
    ids=" ".join,
)  # fmt: skip
def test_link_loops_in_the_corpus_are_named_not_a_crash(tmp_path: Path, command: list[str]) -> None:
    corpus = corpus_with_traps(tmp_path)
    args = [corpus if arg == "C" else arg for arg in command]
    result = run(*args, "--db", empty_database(tmp_path / "db.json"), cwd=tmp_path)
    # list, search and autocode exit 2 when a document could not be read, as ls and grep
    # (search and autocode with hits too: not every document was searched)
    listing = command[0] in ("list", "search", "autocode")
    assert "Traceback" not in result.stderr and result.returncode == 2 * listing, result.stderr


@pytest.mark.parametrize("command", [["list"], ["search", "Text"]], ids=" ".join)
def test_a_fifo_a_device_link_or_a_loop_among_files_named_is_said_the_rest_read(
    tmp_path: Path, command: list[str]
) -> None:
    """``search WORD docs/*`` names the folder's FIFO and links too: one of them among the
    files named refused them all, nothing listed or searched, as a name not there did."""
    corpus = corpus_with_traps(tmp_path)
    traps = ("fifo.txt", "zero.txt", "ping.txt")
    named = [corpus / name for name in ("good.txt", *traps)]
    result = run(*command, *named, "--db", tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 2, result.stderr  # as ls and grep: the others read
    # search: the path as typed, as grep's
    shown = "good.txt" if command == ["list"] else str(corpus / "good.txt")
    assert result.stdout.startswith(shown) and result.stdout.count("\n") == 1
    assert result.stderr.splitlines() == [
        f"tui-reader: {corpus / 'fifo.txt'}: is a FIFO (named pipe), not a folder or a document",
        f"tui-reader: {corpus / 'zero.txt'}: is a device, not a folder or a document",
        f"tui-reader: {corpus / 'ping.txt'}: cannot be read (Too many levels of symbolic links)",
    ]


def test_an_annotation_on_a_file_outside_the_corpus_is_an_orphan_never_read(
    tmp_path: Path,
) -> None:
    corpus = corpus_with_traps(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        for key in ("secret.txt", "c/fifo.txt", "c/zero.txt", "c/good.txt"):
            store.add(make_annotation(key, "Text here.", 0, 4, ""))
    out = tmp_path / "out.qdpx"
    result = run("export", corpus, "--db", db, "--format", "qdpx", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
    shown = run("export", corpus, "--db", db, "--format", "json", cwd=tmp_path)
    statuses = {r["document"]: r["status"] for r in json.loads(shown.stdout)}
    assert statuses["secret.txt"] == "orphan" and statuses["c/fifo.txt"] == "orphan"
    assert statuses["c/good.txt"] != "orphan"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make (and replace) device nodes")
def test_a_device_as_database_or_export_target_is_refused_and_kept(tmp_path: Path) -> None:
    corpus = corpus_with_traps(tmp_path)
    # Copies of /dev/null and /dev/full in tmp_path: a regression replaces these, not the real.
    null, full = tmp_path / "null", tmp_path / "full"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    for args in (
        ["tags", "--db", null],
        ["export", corpus, "--db", null],
        ["export", corpus, "--db", empty_database(tmp_path / "db.json"), "-o", full, "--force"],
    ):
        result = run(*args, cwd=tmp_path)
        assert result.returncode != 0, args
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_database_and_a_symlinked_journal_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = run("tags", "--db", fifo, cwd=tmp_path)
    assert result.returncode != 0 and "FIFO" in result.stderr
    db = tmp_path / "db.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "db.json.journal").symlink_to(victim)
    (tmp_path / "x.txt").write_text("x marks the spot\n")
    result = run("annotate", "--db", db, "x.txt", "--quote", "x", "--tag", "t", cwd=tmp_path)
    assert result.returncode != 0 and "symbolic link" in result.stderr
    assert victim.read_text() == "precious"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "{path}"],
        ["{path}"],
        ["search", "x", "{path}"],
        ["merge", "{theirs}", "--corpus", "{path}"],
    ],
)
def test_a_fifo_named_as_the_corpus_is_said_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A FIFO given as the corpus was said to be missing ('no such folder or file')."""
    fifo, theirs = tmp_path / "pipe", tmp_path / "theirs.json"
    os.mkfifo(fifo)
    theirs.write_text("[]\n", encoding="utf-8")
    where = [part.format(path=fifo, theirs=theirs) for part in argv]
    status = main([*where, "--db", str(tmp_path / "a.json")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and f"{fifo}: is a FIFO (named pipe), not a folder" in err
    assert not (tmp_path / "a.json").exists()


@pytest.mark.parametrize(
    "command",
    [["export", "C"], ["report", "frequencies", "--corpus", "C"], ["query", "t", "--corpus", "C"],
     ["tags"], ["coders"], ["memo", "list"], ["attr", "list", "--corpus", "C"],
     ["agreement", "ana", "ben", "--corpus", "C"], ["undo"], ["history"]],
    ids=" ".join,
)  # fmt: skip
def test_a_database_named_by_a_slip_is_refused_by_a_command_that_only_reads(
    tmp_path: Path, command: list[str]
) -> None:
    """``--db anotations.json`` (a slip) made an empty database and answered from it: "(no
    coded passages)", exit 0.  A command that only reads says there is no such database.
    (Run in this process, on a corpus without traps: nothing here can hang.)"""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nText here.\n")
    slip = tmp_path / "anotations.json"
    args = [corpus if arg == "C" else arg for arg in command]
    result = run_cli_here(*args, "--db", slip, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "", result.stderr
    assert result.stderr == f"tui-reader: {slip}: no such database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]  # nothing made


def test_a_database_tui_reader_db_names_by_a_slip_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_with_traps(tmp_path)
    slip = tmp_path / "anotations.json"
    monkeypatch.setenv("TUI_READER_DB", str(slip))
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "report", "frequencies", "--corpus", str(corpus)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    said = f"tui-reader: {slip} ($TUI_READER_DB): no such database\n"  # the variable named
    assert result.returncode == 2 and result.stderr == said
    assert not slip.exists()


def test_a_command_that_writes_makes_the_database_it_is_given(tmp_path: Path) -> None:
    corpus = corpus_with_traps(tmp_path)
    db = tmp_path / "new.json"
    result = run("autocode", "Text", corpus, "--tag", "t", "--db", db, cwd=tmp_path)
    assert result.returncode == 2, result.stderr  # coded, and the traps not read said
    result = run("tags", "--db", db, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.split() == ["1", "t"], result.stdout


@pytest.mark.parametrize("command", [["list"], ["search", "-i", "openssh"]], ids=" ".join)
def test_a_link_to_a_file_out_of_the_corpus_is_said_to_lie_outside_and_never_read(
    tmp_path: Path, command: list[str]
) -> None:
    """``list`` gave its title and words and ``search`` printed its lines (a link to
    ``~/.ssh/id_rsa`` or ``/proc/self/status``), where the app, ``autocode`` and the exports
    refuse it as outside the corpus; a link to a file inside it is read as that file."""
    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text("Good\n\nText here, openssh too.\n")
    (corpus / "sub" / "in.txt").symlink_to("../good.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n")
    (corpus / "key.txt").symlink_to(secret)
    for _ in range(2):  # the second with the first one's caches
        result = run(*command, "c", "--db", tmp_path / "db.json", cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert SECRET not in result.stdout and "PRIVATE" not in result.stdout
        path = "key.txt" if command == ["list"] else "c/key.txt"  # search's: a path
        assert result.stderr == f"tui-reader: {path}: is outside the corpus folder; not read\n"
        assert result.stdout.startswith("good.txt" if command == ["list"] else "c/good.txt")
        assert "in.txt" not in result.stdout  # the file it links to, listed once


def test_autocode_names_the_link_out_of_the_corpus_not_the_file_it_leads_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``autocode`` said ``/home/ana/secret.txt: is outside the corpus folder`` (and of a link
    to ``/dev/zero``, ``/dev/zero: ...``): a file the user never named and cannot see in the
    corpus, where list and search name the link.  It names the link now."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good text, openssh too.\n")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n")
    (corpus / "key.txt").symlink_to(secret)
    (corpus / "zero.txt").symlink_to("/dev/zero")
    db = tmp_path / "db.json"
    assert main(["autocode", "-i", "openssh", str(corpus), "--tag", "t", "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert out == "1\n"
    assert err == (
        f"tui-reader: {corpus / 'key.txt'}: is outside the corpus folder; not read\n"
        f"tui-reader: {corpus / 'zero.txt'}: is a device, not a regular file; not read\n"
    )  # a device, as list and search say it: moved into the corpus, no more read


@pytest.mark.parametrize(
    "command",
    [["export", "-f", "csv"], ["query", "t"], ["report", "frequencies"]],
    ids=lambda argv: argv[0],
)
def test_an_annotated_document_replaced_by_a_link_out_of_the_corpus_is_named(
    tmp_path: Path, command: list[str]
) -> None:
    """A coded document replaced by a link to a file outside the corpus (``/etc/passwd``)
    was said as a database's documents kept in another folder: "1 document of the database
    ... lies outside the corpus folder c (they are in c): not read; name their corpus
    folder to read them", the folder it said they were in the corpus folder itself, and
    naming it again changed nothing.  The link is named, as list and search name it, and
    nothing of the file it leads to is read."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some text to code here.\n")
    db = tmp_path / "db.json"
    assert run("annotate", corpus / "a.txt", "--quote", "text", "-t", "t", "--db", db,
               cwd=tmp_path).returncode == 0  # fmt: skip
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n")
    (corpus / "a.txt").unlink()
    (corpus / "a.txt").symlink_to(secret)
    result = run(*command, corpus, "--db", db, cwd=tmp_path)
    assert SECRET not in result.stdout and "PRIVATE" not in result.stdout
    said = result.stderr.splitlines()
    assert f"tui-reader: {corpus / 'a.txt'}: is outside the corpus folder; not read" in said
    assert not any("lies outside" in line for line in said), said


@pytest.mark.parametrize(
    "command",
    [["tags"], ["history"], ["annotate", "a.txt", "--quote", "text", "--tag", "t"], ["list"]],
    ids=lambda argv: argv[0],
)
def test_the_root_folder_as_database_is_said_to_be_a_folder(
    tmp_path: Path, command: list[str]
) -> None:
    """``--db /`` (or ``TUI_READER_DB=/``) stopped every command with a traceback
    (ValueError: PosixPath('/') has an empty name): the files beside the database were named
    from its name, which the root folder has none of."""
    (tmp_path / "a.txt").write_text("Some text.\n", "utf-8")
    corpus = ["--corpus", tmp_path] if command[0] in ("annotate", "list") else []
    done = run_cli_here(*command, "--db", "/", *corpus, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    if command[0] == "list":  # reads no database: the corpus listed
        assert done.returncode == 0 and "a.txt" in done.stdout
    else:
        assert done.returncode == 2
        assert (
            done.stderr
            == "tui-reader: /: is a folder, not a regular file; the database was not opened\n"
        )


def _denied_under(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` as one the user may not enter (``chmod 000``, which root, running these
    tests, passes through): looking up or opening anything in it is refused."""
    inside = str(folder) + os.sep

    def refusing(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, str | bytes | os.PathLike) and os.fsdecode(path).startswith(inside):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
            return real(path, *args, **kwargs)

        return call

    for name in ("stat", "lstat", "open"):
        monkeypatch.setattr(os, name, refusing(getattr(os, name)))
    # a listed file opened by os.open too, not by the openat2 call this does not reach
    monkeypatch.setattr("tui_reader.core.documents.safe_read._openat2", lambda: None)


def test_a_coded_file_in_a_folder_not_to_be_entered_is_not_said_to_be_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A coded file whose folder the user may not enter: query, report, export and agreement
    said "the file is gone (moved or deleted?)", where it is there and the system says why
    it is not read; it is now said as a file that could not be read, naming it."""
    corpus = tmp_path / "c"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "a.txt").write_text("peace talks began\n", "utf-8")
    (corpus / "locked" / "h.txt").write_text("peace hidden\n", "utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    for name in ("a.txt", "locked/h.txt"):
        for coder in ("ann", "ben"):
            argv = ["annotate", str(corpus / name), "--quote", "peace", "-t", "peace"]
            assert main([*argv, "--coder", coder, *db]) == 0
    capsys.readouterr()
    _denied_under(monkeypatch, corpus / "locked")
    for argv in (
        ["query", "peace", "--corpus", str(corpus)],
        ["report", "frequencies", str(corpus)],
        ["export", "-f", "csv", str(corpus)],
        ["agreement", "ann", "ben", str(corpus)],
    ):
        main([*argv, *db])
        err = capsys.readouterr().err
        assert "gone" not in err, (argv, err)
        said = [line for line in err.splitlines() if "h.txt" in line]
        assert said and "Permission denied" in said[0], (argv, err)
