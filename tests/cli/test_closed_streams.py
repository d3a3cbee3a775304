"""Started without a standard stream (``>&-``, ``2>&-``, ``<&-``) or without a terminal, the
command says so in one line or goes on, never with a traceback, a hang, or its messages in
another stream or file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.annotations import empty_database
from helpers.hostile import run_cli_here, user_environment
from helpers.processes import stopped_after
from helpers.terminal import read_to_the_end
from helpers.threads import joined

from tui_reader.locations import restore_hint

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def here(corpus_copy: Path, tmp_path: Path) -> Path:
    """A folder holding the corpus (docs_corpus/) and nothing else: the database goes there."""
    assert corpus_copy.parent == tmp_path
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    return tmp_path


def run(here: Path, redirect: str, *argv: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """``tui-reader ARGV`` started by a shell with ``redirect`` (``>&-`` closes stdout)."""
    return subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', sys.executable, "-m", "tui_reader", *argv],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=stdin,
        env={**user_environment(), "TUI_READER_CACHE": str(here / "cache")},
    )


def ran(here: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """:func:`run` with nothing redirected, in this process (where the process is not the
    point: the set-up, a message's words)."""
    return run_cli_here(*argv, cwd=here, env={"TUI_READER_CACHE": str(here / "cache")})


def test_output_to_a_closed_stdout_is_one_line_saying_so(here: Path) -> None:
    empty_database(here / "db.json")
    for argv in (["list", "docs_corpus"], ["export", "-f", "json"], ["search", "-i", "the"]):
        result = run(here, ">&-", *argv, "--db", "db.json")
        assert result.returncode == 2, (argv, result.stderr)
        assert result.stderr == (
            "tui-reader: the output: could not write (standard output is closed)\n"
        ), argv


def test_a_change_whose_output_cannot_be_written_is_said_to_be_saved(here: Path) -> None:
    """``annotate ... >&-`` saved the annotation, then said only "the output: could not
    write" and exited 2, as a command that did nothing: a script taking 2 for "not done"
    and trying again coded the passage twice.  The line says the change was saved; a
    command that changed nothing says what it said."""
    doc = f"docs_corpus/{DOC}"
    for argv, code in (
        (["annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t1"], "t1"),
        (["autocode", "Pentagon", "-t", "t2", "docs_corpus"], "t2"),
    ):
        result = run(here, ">&-", *argv, "--db", "db.json")
        assert result.returncode == 2, (argv, result.stderr)
        assert result.stderr.splitlines()[-1] == (
            "tui-reader: the output: could not write (standard output is closed); "
            "the change was saved"
        ), result.stderr
        tags = ran(here, "tags", "--db", "db.json")
        assert code in tags.stdout, tags.stderr
    result = run(here, ">&-", "tags", "--db", "db.json")
    assert result.stderr == "tui-reader: the output: could not write (standard output is closed)\n"


def test_with_stderr_closed_a_message_goes_nowhere_not_into_the_output(here: Path) -> None:
    """Python leaves a closed stderr ``None``, and ``print(file=None)`` prints to stdout: a
    command's error went into what it printed (a CSV piped to a file)."""
    result = run(here, "2>&-", "annotate", f"docs_corpus/{DOC}", "--quote", "not in the text",
                 "-t", "x", "--db", "db.json")  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    done = run(here, "2>&-", "annotate", f"docs_corpus/{DOC}", "--quote", "Pentagon plan",
               "-t", "policy", "--db", "db.json")  # fmt: skip
    assert done.returncode == 0 and len(done.stdout.strip()) == 36  # the new annotation's id
    tags = ran(here, "tags", "--db", "db.json")
    assert tags.returncode == 0 and "policy" in tags.stdout and tags.stderr == ""


def test_a_command_with_stdin_closed_runs(here: Path) -> None:
    result = run(here, "<&-", "list", "docs_corpus", "--db", "db.json")
    assert result.returncode == 0 and DOC in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["import", "-"], "import -: standard input is closed; pipe a file in: tui-reader import - < FILE"),
        (["import", "/dev/stdin"], "import -: standard input is closed; pipe a file in"),
        (["merge", "-"], "merge -: standard input is closed; pipe a file in"),
        (["attr", "import", "-"], "attr import -: standard input is closed; pipe a file in"),
        (["annotate", f"docs_corpus/{DOC}", "--quote", "Pentagon plan", "-t", "x", "--note", "-"],
         "the note is read from standard input (-), which is closed: pipe the text in"),
        (["memo", "add", "--journal", "-"],
         "the memo is read from standard input (-), which is closed: pipe the text in"),
    ],
    ids=lambda value: " ".join(value[:2]) if isinstance(value, list) else "",
)  # fmt: skip
def test_a_file_read_from_a_closed_stdin_is_said_closed(
    here: Path, argv: list[str], said: str
) -> None:
    """``import - <&-`` said standard input was "a device (/dev/null)", the device put in its
    place, never named by the user; ``--note - <&-`` that the note piped in was empty."""
    result = run(here, "<&-", *argv, "--db", "db.json")
    assert result.returncode == 2
    assert said in result.stderr and "device" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (here / "db.json").exists()


@pytest.mark.parametrize("redirect", ["", "<&-"])
def test_the_app_without_a_terminal_says_so_and_ends(here: Path, redirect: str) -> None:
    """Keys read from a file or a pipe never come, ``q`` neither: the app waited forever."""
    result = run(here, redirect, "docs_corpus", "--db", "db.json", stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == (
        "tui-reader: the app needs a terminal, and its standard input is not one (the "
        "subcommands work without one: tui-reader --help)\n"
    )
    assert not (here / "db.json").exists()  # nothing opened, nothing made


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["help"], ["export", "--help"], ["attr", "list", "-h"]],
    ids=" ".join,
)  # fmt: skip
def test_a_help_written_to_a_full_disk_fails_saying_so(here: Path, argv: list[str]) -> None:
    # argparse passed over the failed write: exit 0, nothing said, an empty help file.
    result = run(here, ">/dev/full", *argv)
    assert result.returncode == 2
    assert result.stderr == "tui-reader: the output: could not write (No space left on device)\n"


@pytest.mark.parametrize("redirect", [">", ">>"])
@pytest.mark.parametrize(
    "argv", [["export", "-f", "json"], ["tags"], ["query", "t"]], ids=lambda a: a[0]
)
def test_output_sent_into_the_database_is_refused_and_writes_nothing(
    here: Path, redirect: str, argv: list[str]
) -> None:
    """``export -f json > annotations.json``: the command took the file the shell had emptied
    for a new database, wrote one over it and printed an empty export into the file it had
    replaced, without a word; ``>>`` appended its output to the database's JSON."""
    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    db = here / "annotations.json"
    before = db.read_bytes()
    done = run(here, f"{redirect} annotations.json", *argv)
    assert done.returncode == 2
    emptied = redirect == ">"
    assert done.stderr == (
        f"tui-reader: standard output is the database {db}"
        + (" ('>' emptied it before tui-reader ran)" if emptied else "")
        + "; nothing was written: send the output to another file"
        + (f"; {restore_hint(db)}" if emptied else "")
        + "\n"
    )
    assert db.read_bytes() == (b"" if emptied else before)
    assert not emptied or "restore it with mv" in restore_hint(db)
    if argv == ["tags"]:  # the file beside it, the database emptied or not: one command will do
        journal = run(here, ">> annotations.json.journal", "tags")
        assert journal.returncode == 2 and "a file the database keeps beside it" in journal.stderr


def test_the_null_device_as_the_database_and_the_output_is_said_to_be_a_device(
    here: Path,
) -> None:
    """``--db /dev/null`` with the output thrown away there too: it was refused as a database
    a '>' had emptied, to be restored from a copy; no device is a database."""
    for argv in (
        ["export", "-f", "csv"],
        ["annotate", f"docs_corpus/{DOC}", "--quote", "a", "-t", "t"],
    ):
        done = run(here, "> /dev/null", *argv, "--db", "/dev/null")
        assert done.returncode == 2
        assert done.stderr == (
            "tui-reader: /dev/null: is a device, not a regular file; the database was not opened\n"
        )


@pytest.mark.parametrize("redirect", ["", "2>err.txt"])
def test_dev_stderr_is_the_standard_error_as_dev_stdout_is_the_output(
    here: Path, redirect: str
) -> None:
    """export -o /dev/stderr was refused as "a symbolic link; give the real file's path",
    while -o /dev/stdout was taken: it is written to standard error (a pipe, or a file it
    is redirected to), nothing to standard output, as -o /dev/stdout writes standard output."""
    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    exported = run(here, redirect, "export", "-f", "json", "-o", "/dev/stderr")
    error = (here / "err.txt").read_text(encoding="utf-8") if redirect else exported.stderr
    assert (exported.returncode, exported.stdout) == (0, ""), error
    assert [r["tags"] for r in json.loads(error)] == [["t"]]
    assert not (here / "dev").exists()


@pytest.mark.parametrize("stdin", ["pipe", "file"])
def test_dev_stdin_and_dev_stdout_are_the_standard_streams_as_dash_is(
    here: Path, tmp_path_factory: pytest.TempPathFactory, stdin: str
) -> None:
    """Scripts write /dev/stdin and /dev/stdout where a tool takes '-': export -o /dev/stdout
    was refused as "a symbolic link", import /dev/stdin as "a FIFO", merge /dev/stdin as "a
    symbolic link; the database was not opened"."""
    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    exported = run(here, "", "export", "-f", "json", "-o", "/dev/stdout")
    assert exported.returncode == 0, exported.stderr
    assert [r["tags"] for r in json.loads(exported.stdout)] == [["t"]]
    assert not (here / "dev").exists()
    source = tmp_path_factory.mktemp("in") / "export.json"
    source.write_text(exported.stdout, encoding="utf-8")
    database = tmp_path_factory.mktemp("in") / "theirs.json"
    database.write_bytes((here / "annotations.json").read_bytes())
    for argv, given in ((["import"], source), (["merge", "--corpus", "docs_corpus"], database)):
        command = [
            sys.executable,
            "-m",
            "tui_reader",
            argv[0],
            "/dev/stdin",
            "--dry-run",
            *argv[1:],
        ]
        if stdin == "pipe":  # cat FILE | tui-reader import /dev/stdin
            done = subprocess.run(command, input=given.read_bytes(), capture_output=True,
                                  cwd=here, env=user_environment(), timeout=60)  # fmt: skip
        else:  # tui-reader import /dev/stdin < FILE
            with given.open("rb") as file:
                done = subprocess.run(command, stdin=file, capture_output=True, cwd=here,
                                      env=user_environment(), timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert b"standard input" in done.stderr and b"1 unchanged" in done.stderr, done.stderr


@pytest.mark.parametrize("argv", [["list"], ["search", "Pentagon"]], ids=lambda a: a[0])
def test_messages_that_cannot_be_written_lose_nothing_else(here: Path, argv: list[str]) -> None:
    """``list 2> log`` with the log's disk full: the first message (a file it could not read)
    stopped the command with exit 1, and the listing on stdout was never written."""
    # a damaged Word file: both commands say they could not read it (a text file holding a
    # NUL is searched in its bytes now, as grep does, and says nothing where it does not match)
    (here / "docs_corpus" / "damaged.docx").write_bytes(b"not a zip")
    done = run(here, "2>/dev/full", *argv, "--db", "db.json")
    assert done.returncode == 2  # a document could not be read, said or not
    assert DOC in done.stdout
    said = ran(here, *argv, "--db", "db.json")
    assert said.stdout == done.stdout and "damaged.docx" in said.stderr


@pytest.mark.parametrize("export_format", ["csv", "qdpx"])
def test_a_pipe_the_shell_names_as_a_file_is_written(here: Path, export_format: str) -> None:
    """``export -o >(gzip > out.csv.gz)`` (the shell names the pipe /dev/fd/63) was refused
    as "a symbolic link; give the real file's path"; the export is written into the pipe."""
    import os
    import threading

    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    read_end, write_end = os.pipe()
    received: list[bytes] = []

    def read() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        argv = ["export", "-f", export_format, "-o", f"/dev/fd/{write_end}"]
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *argv], pass_fds=(write_end,),
            capture_output=True, text=True, cwd=here, env=user_environment(), timeout=60,
        )  # fmt: skip
    finally:
        os.close(write_end)
        joined(reader, "read the export from the pipe")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"tui-reader: wrote 1 annotation to /dev/fd/{write_end}\n"
    wanted = ran(here, "export", "-f", export_format, "-o", f"same.{export_format}")
    assert wanted.returncode == 0, wanted.stderr
    if export_format == "csv":
        assert received == [(here / "same.csv").read_bytes()]
    else:
        assert received[0].startswith(b"PK\x03\x04")


@pytest.mark.parametrize("command", ["import", "merge", "attr import"])
def test_a_pipe_the_shell_names_as_a_file_is_read(here: Path, command: str) -> None:
    """``tui-reader import <(curl ...)`` (the shell names the pipe /dev/fd/63) was refused as
    a FIFO; a FIFO made in a folder, which nothing may ever write, is refused still."""
    import os
    import threading

    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    given = {
        "import": ran(here, "export", "-f", "json").stdout.encode(),
        "merge": (here / "annotations.json").read_bytes(),
        "attr import": f"document,site\n{doc},north\n".encode(),
    }[command]
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(given)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        argv = [*command.split(), f"/dev/fd/{read_end}"]
        if command != "attr import":
            argv += ["--dry-run", "--corpus", "docs_corpus"]
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *argv], pass_fds=(read_end,),
            capture_output=True, text=True, cwd=here, env=user_environment(), timeout=60,
        )  # fmt: skip
    finally:
        os.close(read_end)
        joined(writer, "wrote the input into the pipe")
    assert done.returncode == 0, done.stderr
    assert f"/dev/fd/{read_end}" in done.stderr and "FIFO" not in done.stderr
    os.mkfifo(here / "named.fifo")
    refused = run(here, "", *command.split(), "named.fifo")
    assert refused.returncode == 2 and "is a FIFO (named pipe)" in refused.stderr


@pytest.mark.parametrize("command", ["import", "merge", "attr import"])
@pytest.mark.parametrize("given", ["-", "empty.json"])
def test_an_empty_file_or_nothing_piped_in_is_said_to_be_empty(
    here: Path, command: str, given: str
) -> None:
    """``curl ... | tui-reader import -`` after a failed download: "not a file import reads
    (W3C or tui-reader JSON, ...)", or "not JSON (Expecting value at line 1, column 1)"."""
    empty_database(here / "annotations.json")
    (here / "empty.json").write_bytes(b"\n")
    with (here / "empty.json").open("rb") as stdin:
        done = run(
            here, "", *command.split(), given, "--corpus", "docs_corpus", stdin=stdin.fileno()
        )
    named = "standard input" if given == "-" else "empty.json"
    assert done.returncode == 2
    assert done.stderr == f"tui-reader: {named}: is empty; nothing to {command.split()[-1]}\n"


def _on_a_terminal(here: Path, redirect: str, *argv: str) -> tuple[int, str]:
    """``tui-reader ARGV`` started by a shell with ``redirect``, in a session whose controlling
    terminal is a pseudo-terminal: its status and what the terminal showed."""
    import fcntl
    import os
    import pty
    import termios

    leader, follower = pty.openpty()

    def take_the_terminal() -> None:
        fcntl.ioctl(follower, termios.TIOCSCTTY, 0)

    with (
        subprocess.Popen(
            ["sh", "-c", f'exec "$0" "$@" {redirect}', sys.executable, "-m", "tui_reader", *argv],
            cwd=here,
            stdin=follower,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=take_the_terminal,
            env={**user_environment(), "TUI_READER_CACHE": str(here / "cache")},
        ) as proc,
        stopped_after(proc),
    ):  # a failure below ends it: no unbounded wait
        os.close(follower)
        written = read_to_the_end(leader)
        status = proc.wait(timeout=30)
    os.close(leader)
    return status, written.decode("utf-8", "replace")


@pytest.mark.parametrize("redirect", ["2>", "2>>"])
@pytest.mark.parametrize("argv", [["list"], ["tags"], ["search", "zzzz"]], ids=lambda a: a[0])
def test_messages_sent_into_the_database_are_refused_on_the_terminal(
    here: Path, redirect: str, argv: list[str]
) -> None:
    """``list 2>> annotations.json``: the command's messages were appended to the database's
    JSON, which no command read again ("damaged JSON"); after ``2>`` the emptied file was
    given the messages, and then said to be damaged, not emptied."""
    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    db = here / "annotations.json"
    before = db.read_bytes()
    status, shown = _on_a_terminal(here, f"{redirect} annotations.json", *argv)
    assert status == 2
    emptied = redirect == "2>"
    assert shown.replace("\r\n", "\n") == (
        f"tui-reader: standard error is the database {db}"
        + (" ('2>' emptied it before tui-reader ran)" if emptied else "")
        + "; nothing was written: send the messages to another file"
        + (f"; {restore_hint(db)}" if emptied else "")
        + "\n"
    )
    assert db.read_bytes() == (b"" if emptied else before)
    assert not emptied or "restore it with mv" in restore_hint(db)
    if not emptied:  # with no terminal to say it on, the file is left alone all the same
        done = run(here, f"2>> {db.name}.journal", *argv)
        assert done.returncode == 2
        assert (here / f"{db.name}.journal").read_bytes() == b""


@pytest.mark.parametrize("argv", [["list"], ["export", "-f", "json"]], ids=lambda a: a[0])
def test_with_no_terminal_a_refusal_is_said_where_it_can_be_not_into_the_database(
    here: Path, argv: list[str]
) -> None:
    """A cron job's ``list 2>> annotations.json > log``: with no terminal, the refusal was
    said nowhere, the exit status alone telling; it is said on standard output, which goes
    elsewhere.  ``export > annotations.json 2>&1``: the refusal was written into the database
    the shell had emptied; it is said nowhere then, the database left as the shell left it."""
    doc = f"docs_corpus/{DOC}"
    annotate = ran(here, "annotate", doc, "--quote", "Pentagon", "--occurrence", "1", "-t", "t")
    assert annotate.returncode == 0, annotate.stderr
    db = here / "annotations.json"
    before = db.read_bytes()

    def detached(redirect: str) -> subprocess.CompletedProcess[str]:
        command = f'exec "$0" "$@" {redirect}'
        return subprocess.run(
            ["sh", "-c", command, sys.executable, "-m", "tui_reader", *argv],
            cwd=here, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
            start_new_session=True,  # no controlling terminal: /dev/tty opens none
            env={**user_environment(), "TUI_READER_CACHE": str(here / "cache")},
        )  # fmt: skip

    done = detached("2>> annotations.json")
    assert done.returncode == 2
    assert done.stdout == (
        f"tui-reader: standard error is the database {db}; nothing was written: send the "
        "messages to another file\n"
    )
    assert db.read_bytes() == before
    done = detached("> annotations.json 2>&1")
    assert done.returncode == 2
    assert db.read_bytes() == b""


def test_a_line_break_in_a_name_an_error_quotes_keeps_the_message_on_one_line(
    here: Path,
) -> None:
    """``--db $'x\\ny.json'`` (a name pasted with its line break): "no such database" was
    said on two lines, the second looking like a message of its own; "made a new database"
    and "wrote ... to" too.  The name is said as list shows a name: a line feed as ␊ (it was
    ⏎, which list shows for a line separator)."""
    named = "x\ny.json"
    done = ran(here, "tags", "--db", named)
    assert (done.returncode, done.stderr) == (2, "tui-reader: x␊y.json: no such database\n")
    done = ran(here, "annotate", f"docs_corpus/{DOC}", "--quote", "Pentagon", "--occurrence",
               "1", "-t", "t", "--db", named)  # fmt: skip
    assert done.returncode == 0
    assert done.stderr == f"tui-reader: made a new database: {here}/x␊y.json\n"
    done = ran(here, "export", "-f", "csv", "-o", "out\nfile.csv", "--db", named)
    assert done.returncode == 0
    assert done.stderr == "tui-reader: wrote 1 annotation to out␊file.csv\n"
    for args, said in (
        (("-o", "no\nsuch/out.csv"), f"{here}/no␊such: no such folder"),
        (("-o", "/proc/x\ny.csv"), "/proc/x␊y.csv: "),
    ):
        done = ran(here, "export", "-f", "csv", *args, "--db", named)
        assert done.returncode == 2
        assert done.stderr.startswith(f"tui-reader: {said}") and done.stderr.count("\n") == 1
    # a query's error is one line: the problem, its column and the query
    done = ran(here, "query", "(((", "--db", named)
    assert done.stderr.startswith("tui-reader: query: column 4: the query ends too soon")
    assert done.stderr.count("\n") == 1 and done.stderr.endswith(": (((\n")
