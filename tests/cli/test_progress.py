"""Long commands draw a progress bar on stderr when it is a terminal, and nothing when it is
piped (export, autocode)."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
from helpers.hostile import run_cli_here
from helpers.processes import stopped_after
from helpers.terminal import read_to_the_end

from tui_reader.cli.progress import SHOW_FROM, SHOW_FROM_BYTES, SHOW_FROM_EXPORTED, advancing
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.documents.document import load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

COUNT = SHOW_FROM + 10


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus of COUNT small documents, each with an annotation."""
    root = tmp_path_factory.mktemp("big")
    corpus = root / "corpus"
    corpus.mkdir()
    db = root / "annotations.json"
    annotations = []
    for n in range(COUNT):
        path = corpus / f"doc{n:04d}.txt"
        path.write_text(f"Report {n}\n\nThe army moved at dawn.\n", encoding="utf-8")
        document = load_document(path)
        key = document_key(path, db)
        annotations.append(make_annotation(key, document.text, 0, 6, document.sha256, ("t",)))
    with AnnotationStore(db) as store:
        store.put_many(annotations)
    return corpus, db


def _stderr(
    argv: list[str],
    *,
    terminal: bool,
    stdout: Path | None = None,
    after: str = "0",
    both_on_terminal: bool = False,
    statuses: tuple[int, ...] = (0, 1),
    piped: list[bytes] | None = None,
    term: str = "xterm-256color",
) -> str:
    """What ``tui-reader argv`` writes to stderr, a pseudo-terminal or a pipe (stdout to
    ``stdout``, else nowhere; or to the same terminal with ``both_on_terminal``; or into a
    pipe, read into ``piped``, as ``| less`` reads it, with ``piped``); the bar is
    shown ``after`` seconds of work, the terminal named ``term``.  On a terminal the command runs in a process of its
    own, given the terminal; piped, in this process (its stderr no terminal either)."""
    settings = {"COLUMNS": "100", "TERM": term, "TUI_READER_PROGRESS_AFTER": after}
    if not terminal:
        ours = {name: value for name, value in os.environ.items() if name.startswith("TUI_")}
        done = run_cli_here(*argv, cwd=Path.cwd(), env={**ours, **settings})
        assert done.returncode in statuses, done.stderr
        return str(done.stderr)
    command = [str(Path(sys.executable).with_name("tui-reader")), *argv]
    env = {**os.environ, **settings}
    leader, follower = pty.openpty()
    with contextlib.ExitStack() as stack:
        out: int | IO[bytes] = subprocess.DEVNULL
        if both_on_terminal:
            out = follower
        elif stdout is not None:
            out = stack.enter_context(stdout.open("wb"))
        elif piped is not None:
            out = subprocess.PIPE
        proc = stack.enter_context(subprocess.Popen(command, stdout=out, stderr=follower, env=env))
        stack.enter_context(stopped_after(proc))  # a failure below ends it: no unbounded wait
        os.close(follower)
        reader = None
        if piped is not None:
            assert proc.stdout is not None
            stream = proc.stdout
            reader = threading.Thread(target=lambda: piped.append(stream.read()))
            reader.start()
        written = read_to_the_end(leader)
        assert proc.wait(timeout=60) in statuses
        if reader is not None:
            reader.join(timeout=60)
    os.close(leader)
    return written.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (["export", "{corpus}", "--format", "json", "-o", "{out}"], "Exporting"),
        (["autocode", "army", "{corpus}", "--tag", "army"], "Coding"),
        (["query", "t", "--corpus", "{corpus}"], "Placing the coded passages"),
        (["report", "frequencies", "--corpus", "{corpus}"], "Placing the coded passages"),
    ],
)
def test_a_bar_on_a_terminal_and_nothing_when_piped(
    big: tuple[Path, Path], tmp_path: Path, argv: list[str], label: str
) -> None:
    corpus, db = big
    for terminal in (True, False):
        out = tmp_path / f"out-{terminal}.json"
        args = [a.replace("{out}", str(out)).replace("{corpus}", str(corpus)) for a in argv]
        stderr = _stderr([*args, "--db", str(db)], terminal=terminal)
        assert (label in stderr) is terminal, stderr[-300:]
        assert f"/{COUNT}" in stderr if terminal else "\x1b" not in stderr
        # The bar's own escape sequences reach the terminal as such, not as pictures of them.
        assert "\u241b" not in stderr, stderr[-300:]
        assert ("\x1b[" in stderr) is terminal


def test_agreement_shows_its_passages_placed_and_its_sentences_cut(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    """A first comparison by sentence over many documents places every passage and cuts
    every text (10,000 documents: seconds each); both show on a terminal, none when piped."""
    corpus, db = big
    with AnnotationStore(db) as store:
        coded = store.annotations()
    two = tmp_path / "two.json"
    with AnnotationStore(two) as store:
        store.put_many(
            [a.evolve(document=document_key(corpus / Path(a.document).name, two), coder="ana")
             for a in coded]
            + [a.evolve(id=f"{a.id}-b", document=document_key(corpus / Path(a.document).name,
                        two), coder="ben", end=a.end + 4) for a in coded]
        )  # fmt: skip
    argv = ["agreement", "ana", "ben", "--unit", "sentence", "--corpus", str(corpus)]
    for terminal in (True, False):
        stderr = _stderr([*argv, "--db", str(two)], terminal=terminal)
        assert ("Placing passages" in stderr) is terminal, stderr[-300:]
        assert ("Cutting sentences" in stderr) is terminal, stderr[-300:]
        assert f"/{COUNT}" in stderr if terminal else "\x1b" not in stderr


def test_a_first_distance_query_shows_its_paragraphs_cut(big: tuple[Path, Path]) -> None:
    """A query counting paragraphs (FOLLOWS/1) cuts the texts of the documents where the
    other side's passages lie, the first time: 29 s over the bench's 10,000 documents, with
    nothing on the terminal. The cut shows as a bar there, and nothing when piped."""
    corpus, db = big
    argv = ["query", "t FOLLOWS/1 t", "--corpus", str(corpus), "--db", str(db)]
    for terminal in (True, False):
        stderr = _stderr(argv, terminal=terminal, statuses=(1,))
        assert ("Cutting paragraphs" in stderr) is terminal, stderr[-300:]
        assert f"/{COUNT}" in stderr if terminal else "\x1b" not in stderr
        assert "0 passages match" in stderr


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_a_terminal_that_moves_no_cursor_gets_no_bar_and_no_blank_line(
    big: tuple[Path, Path], tmp_path: Path, term: str
) -> None:
    """Under ``TERM=dumb`` (Emacs's ``M-x shell``, a CI log), which can draw no bar, every
    command that would draw one wrote a blank line to stderr at its end (the terminal's
    ``\\r\\n``; the whole of a quick listing's stderr): Rich draws nothing there, and then
    ends its line.  No bar is begun on such a terminal."""
    corpus, db = big
    for argv in (
        ["list", str(corpus)],
        ["search", "army", str(corpus)],
        ["export", str(corpus), "--format", "json", "-o", str(tmp_path / "out.json")],
    ):
        stderr = _stderr([*argv, "--db", str(db)], terminal=True, term=term)
        lines = stderr.replace("\r\n", "\n").splitlines()
        if argv[0] == "export":  # (other tests add annotations to the corpus's database)
            assert len(lines) == 1 and lines[0].startswith("tui-reader: wrote "), stderr
        else:
            assert lines == [], (argv, stderr)


def test_no_bar_for_work_done_sooner_than_the_wait(big: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, db = big
    argv = ["export", str(corpus), "--format", "json", "-o", str(tmp_path / "out.json")]
    stderr = _stderr([*argv, "--db", str(db)], terminal=True, after="600")
    assert "Exporting" not in stderr
    assert "\x1b" not in stderr
    assert "wrote" in stderr


def test_hits_go_to_the_file_stdout_names_while_the_bar_is_on_the_terminal(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, db = big
    hits = tmp_path / "hits.txt"
    stderr = _stderr(["search", "army", str(corpus), "--db", str(db)], terminal=True, stdout=hits)
    assert "Searching" in stderr
    assert "doc0000.txt" not in stderr
    lines = hits.read_text(encoding="utf-8").splitlines()
    assert len(lines) == COUNT
    assert all(":3: The army moved at dawn." in line for line in lines)


def test_hits_piped_into_another_program_get_no_bar_on_its_terminal(
    big: tuple[Path, Path],
) -> None:
    """``search army corpus | less`` on a terminal drew the bar over less's screen (its
    first line garbled, its prompt replaced by the bar, which stayed there, the search
    waiting on the pipe while less showed one screen): the hits go into a pipe whose reader
    may show them on the same terminal, so no bar is drawn then."""
    corpus, db = big
    piped: list[bytes] = []
    stderr = _stderr(["search", "army", str(corpus), "--db", str(db)], terminal=True, piped=piped)
    assert "Searching" not in stderr and "\x1b" not in stderr, stderr[-300:]
    assert len(b"".join(piped).decode("utf-8").splitlines()) == COUNT


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (["export", "{corpus}", "--format", "csv"], "Exporting"),
        (["query", "t", "--corpus", "{corpus}"], "Placing the coded passages"),
        (["report", "frequencies", "--corpus", "{corpus}"], "Placing the coded passages"),
        (["list", "{corpus}"], "Reading documents"),
    ],
    ids=["export", "query", "report", "list"],
)
def test_output_piped_into_another_program_gets_no_bar_on_its_terminal(
    big: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    label: str,
) -> None:
    """``export corpus | less`` (and query's, report's, list's output so read) drew the bar
    of the documents read on the terminal less was showing its screen on, as the search's
    bar was drawn before it was kept off: the README said an export into a pipe drew none.
    Output into a pipe draws no bar, whatever the command; into a file, the bar is drawn."""
    corpus, db = big
    args = [a.replace("{corpus}", str(corpus)) for a in argv]
    for into in ("pipe", "file"):
        # a first listing reads every file: long enough for a bar, each time
        monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / f"cache-{into}"))
        piped: list[bytes] = []
        if into == "pipe":
            stderr = _stderr([*args, "--db", str(db)], terminal=True, piped=piped)
            assert label not in stderr and "\x1b" not in stderr, stderr[-300:]
            assert b"".join(piped)
        else:
            stderr = _stderr([*args, "--db", str(db)], terminal=True, stdout=tmp_path / "out")
            assert label in stderr, stderr[-300:]


def test_lines_for_the_terminal_pass_the_gate_above_the_bar(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, db = big
    trap = tmp_path / "corpus"
    shutil.copytree(corpus, trap)
    (trap / "\x1b]0;PWNED\x07.txt").write_bytes(b"army\x00binary")
    stderr = _stderr(
        ["search", "army", str(trap), "--db", str(db)],
        terminal=True,
        both_on_terminal=True,
        statuses=(0,),  # its binary file matches too: no error, as grep
    )
    assert "Searching" in stderr
    assert "\x1b]0;PWNED" not in stderr
    assert "\u241b]0;PWNED\u2407.txt: binary file" in stderr
    assert stderr.count("The army moved at dawn.") == COUNT
    assert "[" not in stderr.replace("\x1b[", "")  # no markup, no wrapping artefacts


def test_advancing_advances_after_each_item() -> None:
    seen: list[str] = []
    for item in advancing(["a", "b"], lambda: seen.append("+")):
        seen.append(item)
    assert seen == ["a", "+", "b", "+"]


def test_counted_work_in_two_parts_ends_the_first_bar_before_the_second_begins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A report on a moved folder counts the files read for their text, then the documents
    placed: the first bar stayed drawn, at its end, under the second, two bars redrawn over
    each other on one terminal line."""
    from tui_reader.cli import progress as progress_module

    events: list[str] = []

    @contextlib.contextmanager
    def bar(label: str, total: int) -> Iterator[Callable[[], None]]:
        events.append(f"begin {total}")
        yield lambda: None
        events.append(f"end {total}")

    monkeypatch.setattr(progress_module, "progress_bar", bar)
    with progress_module.counted_progress("Reading documents") as progress:
        progress(3)
        progress(5)
        events.append("done")
    assert events == ["begin 3", "end 3", "begin 5", "done", "end 5"]


def _long_export(tmp_path: Path) -> Path:
    """A JSON export big enough for an import or a merge of it to show its steps."""
    records = [
        make_annotation(f"doc{n}.txt", "Some text here.", 0, 4, "", ("t",), "n" * 1000).to_record()
        for n in range(SHOW_FROM_BYTES // 1000 + 10)
    ]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    assert source.stat().st_size >= SHOW_FROM_BYTES
    return source


@pytest.mark.parametrize(
    ("command", "label", "said"),
    [
        ("import", "Importing: ", "imported"),
        # a merge of (or into) 100,000 annotations took 20 s with nothing on the terminal
        ("merge", "Merging: ", "merged"),
    ],
)
def test_a_long_import_or_merge_shows_its_steps_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path, command: str, label: str, said: str
) -> None:
    source = _long_export(tmp_path)
    for terminal in (True, False):
        db = tmp_path / f"db-{terminal}.json"
        argv = [command, str(source), "--db", str(db), "--corpus", str(tmp_path)]
        argv += ["--other-coder", "ana"] if command == "merge" else []
        stderr = _stderr(argv, terminal=terminal)
        assert (label in stderr) is terminal, stderr[-300:]
        assert not _steps_counted(stderr), stderr[-300:]  # its steps named, not counted
        assert "\x1b" not in stderr or terminal
        assert said in stderr


def test_a_small_import_into_a_big_database_shows_its_steps_on_a_terminal_only(
    tmp_path: Path,
) -> None:
    """A file of a few annotations imported into a database of 100,000 took 6 s to read the
    database and save it, with nothing on the terminal: only the file's size counted."""
    db = tmp_path / "db.json"
    _stderr(["import", str(_long_export(tmp_path)), "--db", str(db)], terminal=False)
    assert db.stat().st_size >= SHOW_FROM_BYTES
    small = tmp_path / "small.json"
    record = make_annotation("doc1.txt", "Some text here.", 5, 9, "", ("u",)).to_record()
    small.write_text(json.dumps([record]), encoding="utf-8")
    for terminal in (True, False):
        stderr = _stderr(["import", str(small), "--db", str(db)], terminal=terminal)
        assert ("Importing: " in stderr) is terminal, stderr[-300:]
        assert "\x1b" not in stderr or terminal


def test_a_big_export_says_it_is_writing_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path,
) -> None:
    """Once its annotations were read, an export of 100,000 to a REFI-QDA project took 11 s
    to make and write with nothing on the terminal (its bar had ended); it now says it is
    writing, on a terminal only."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "long.txt"
    path.write_text("army " * SHOW_FROM_EXPORTED, encoding="utf-8")
    document = load_document(path)
    key = document_key(path, tmp_path / "annotations.json")
    made = [
        make_annotation(key, document.text, 5 * n, 5 * n + 4, document.sha256, ("t",))
        for n in range(SHOW_FROM_EXPORTED)
    ]
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.put_many(made)
    for terminal in (True, False):
        out = tmp_path / f"out-{terminal}.json"
        argv = ["export", str(corpus), "-f", "json", "-o", str(out), "--db", str(db)]
        stderr = _stderr(argv, terminal=terminal)
        assert ("Exporting: writing" in stderr) is terminal, stderr[-300:]
        assert (f"writing {SHOW_FROM_EXPORTED:,} annotations" in stderr) is terminal
        assert not _steps_counted(stderr), stderr[-300:]  # it stood at "0/1" throughout
        assert "\x1b" not in stderr or terminal
        assert len(json.loads(out.read_text(encoding="utf-8"))) == SHOW_FROM_EXPORTED
    # to standard output: a file (> out.json) is written under the bar, as -o's; a pipe's
    # reader may draw on the same terminal (| less, | head): the bar, drawn and erased over
    # less's first screen, garbled its first line, and stayed above head's
    argv = ["export", str(corpus), "-f", "json", "--db", str(db)]
    stderr = _stderr(argv, terminal=True, stdout=tmp_path / "redirected.json")
    assert "Exporting: writing" in stderr, stderr[-300:]
    piped: list[bytes] = []
    stderr = _stderr(argv, terminal=True, piped=piped)
    assert "Exporting: writing" not in stderr, stderr[-300:]
    assert len(json.loads(b"".join(piped))) == SHOW_FROM_EXPORTED


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_bar_begun_while_another_is_drawn_is_drawn_in_its_place(
    big: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    """A long import whose document had to be found under another name read every document
    here with a bar of its own while the import's steps were drawn: the second bar was
    written through the lines printed above the first, each escape sequence of it pictured
    (``␛[32m  1/210␛[0m``), garbage over the terminal.  The steps' bar stands aside while
    the documents are read, and comes back after."""
    corpus, _db = big
    mine = tmp_path / "corpus"
    shutil.copytree(corpus, mine)
    renamed = mine / "renamed.txt"
    renamed.write_text("The special text.\n", encoding="utf-8")
    document = load_document(renamed)
    records = [
        make_annotation(
            "../elsewhere/original.txt", document.text, 4, 11, document.sha256, ("t",), "n" * 1000
        ).to_record()
        for _ in range(SHOW_FROM_BYTES // 1000 + 10)
    ]
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    argv = [command, str(source), "--db", str(tmp_path / "db.json"), "--corpus", str(mine)]
    argv += ["--other-coder", "ana"] if command == "merge" else []
    stderr = _stderr(argv, terminal=True)
    assert "Reading documents" in stderr, stderr[-300:]
    assert f"/{COUNT + 1}" in stderr
    assert "\u241b" not in stderr, stderr[:600]


def _steps_counted(drawn: str) -> bool:
    """Whether ``drawn`` holds a bar's count of steps done ("0/1", "2/3"): work done in one
    long step, or a few, has a spinner and says what it does (a bar of one step stood at
    "0/1" until it ended)."""
    return re.search(r"(?<!\d)\d+/\d+(?!\d)", drawn) is not None


def _many_coded(db: Path) -> None:
    """A database of SHOW_FROM_EXPORTED annotations of code t by ana, put in one step (1),
    and one of code u by ben (step 2)."""
    with AnnotationStore(db) as store:
        store.put_many(
            [
                make_annotation(f"doc{n}.txt", "Some text here.", 0, 4, "", ("t",), coder="ana")
                for n in range(SHOW_FROM_EXPORTED)
            ],
            "import",
        )  # step 1
        store.add(make_annotation("a.txt", "Some text here.", 5, 9, "", ("u",), coder="ben"))


def test_a_long_undo_or_redo_shows_a_bar_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path,
) -> None:
    """The undo of an import of 100,000 annotations took 11 s (its redo as long) with nothing
    on the terminal; a step of many annotations now says it is being undone or redone, on a
    terminal only, and a small one draws nothing."""
    db = tmp_path / "annotations.json"
    _many_coded(db)
    many = f"{SHOW_FROM_EXPORTED:,} annotations"
    for argv, terminal, bar in (
        (["undo"], True, None),  # step 2, of one annotation
        (["undo", "1"], True, f"Undoing: {many}"),
        (["undo", "--redo"], True, f"Redoing: {many}"),
        (["undo"], False, None),
        (["undo", "--redo"], False, None),
    ):
        stderr = _stderr([*argv, "--db", str(db)], terminal=terminal)
        assert ("Undoing" in stderr or "Redoing" in stderr) is (bar is not None), stderr[-300:]
        assert bar is None or bar in stderr
        assert not _steps_counted(stderr), stderr[-300:]  # a spinner, no bar at "0/1"
        assert ("\x1b" in stderr) is (bar is not None), stderr[-300:]
        assert "tui-reader: Undone: " in stderr or "tui-reader: Redone: " in stderr


@pytest.mark.parametrize(
    ("small", "big", "label", "said"),
    [
        (["coders", "rename", "ben", "carla"], ["coders", "rename", "ana", "dora"], "Renaming",
         "renamed coder"),
        (["tags", "rename", "u", "x"], ["tags", "rename", "t", "v"], "Renaming", "renamed"),
        (["tags", "merge", "u", "w"], ["tags", "merge", "t", "w"], "Merging", "merged"),
        (["tags", "delete", "u"], ["tags", "delete", "t"], "Deleting", "deleted"),
    ],
    ids=["coders rename", "tags rename", "tags merge", "tags delete"],
)  # fmt: skip
def test_a_code_or_a_coder_of_many_annotations_changed_shows_a_bar_on_a_terminal_only(
    tmp_path: Path, small: list[str], big: list[str], label: str, said: str
) -> None:
    """A coder of 60,000 annotations renamed took 16 s, a code of 19,000 deleted 10 s, with
    nothing on the terminal: a bar says what is changed, on a terminal only; a code or a
    coder of one annotation draws none."""
    made = tmp_path / "made.json"
    _many_coded(made)
    with AnnotationStore(made) as store:
        store.set_tag(Tag("w"))  # a code to merge into
    for terminal in (True, False):
        db = Path(shutil.copyfile(made, tmp_path / f"{terminal}.json"))
        for argv, bar in ((small, False), (big, True)):
            out = tmp_path / "out.txt"
            stderr = _stderr([*argv, "--db", str(db)], terminal=terminal, stdout=out)
            drawn = terminal and bar
            assert (f"{label}: " in stderr) is drawn, stderr[-300:]
            assert (
                f"{SHOW_FROM_EXPORTED:,} annotations" in stderr if drawn else "\x1b" not in stderr
            )
            assert not _steps_counted(stderr), stderr[-300:]
            assert out.read_text(encoding="utf-8").startswith(said)
