"""The app stopped by ``kill`` (TERM) or by its terminal going (HUP) ends as ``q`` ends it, as
``less`` and ``vim`` end: the terminal given back as it was, the reading place kept, the
database folded, and the exit status a signal's (128 + its number), as the commands' is."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from helpers.terminal import Terminal, job_shell

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not Path("/proc/self/task").is_dir(),
    reason="needs tmux, and /proc to find the app's process",
)

NAME = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _app_pid(terminal: Terminal) -> int:
    """The app's process: the one child of the pane's shell."""
    shell = terminal.option("#{pane_pid}")
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _app_then_its_status(document: Path, db: Path) -> Terminal:
    """The app on ``document`` in a terminal; once it ends, its shell says ``ENDED`` and the
    exit status."""
    app = [sys.executable, "-m", "tui_reader", str(document), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    return Terminal(command + '; echo "ENDED $?"; sleep 60', db.parent)


def _draft_discarded_and_quit(terminal: Terminal) -> None:
    """The draft, saved, discarded when the app asks, and the app quit to its shell's end."""
    terminal.wait_for("Discard the draft")
    terminal.keys("y")
    terminal.wait(lambda s: "Discard the draft" not in s, "the question to close")
    terminal.keys("q")
    terminal.wait(lambda s: "ENDED" in s, "the app to end")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_the_app_stopped_by_kill_gives_the_terminal_back_and_keeps_the_place(
    corpus_copy: Path, tmp_path: Path, number: int
) -> None:
    """``kill PID`` (TERM, as ``timeout`` and a session's end send it; HUP) ended the app at once:
    the shell's prompt came back inside the app's screen, the terminal left in the app's
    modes (its alternate screen, the mouse reported as escape sequences on each click), and
    the place read was not kept."""
    db = tmp_path / "annotations.json"
    terminal = _app_then_its_status(corpus_copy / NAME, db)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        terminal.keys("G")
        terminal.wait(lambda s: "100%" in s, "the end of the text")
        os.kill(_app_pid(terminal), number)
        screen = terminal.wait(lambda s: "ENDED" in s, "the app to end")
        assert f"ENDED {128 + number}" in screen, screen
        assert "Mexico Hosts SouthCom" not in screen, screen  # the shell's screen again
        assert terminal.option("#{alternate_on}") == "0"
        assert terminal.option("#{mouse_any_flag}") == "0"
    finally:
        terminal.kill()
    assert db.with_name(db.name + ".journal").stat().st_size == 0  # folded
    positions = [
        record
        for record in json.loads(db.read_text(encoding="utf-8")).get("positions", {}).values()
    ]
    assert positions and positions[0]["offset"] > 0, positions


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash, for its job control")
def test_the_app_stopped_by_ctrl_z_then_killed_ends(corpus_copy: Path, tmp_path: Path) -> None:
    """Stopped by ctrl+z and then killed from its shell (``kill %1``, which continues it
    too), the app ends at once, as it did before it took TERM: ending as ``q`` does, it took
    the terminal back from the shell, and was stopped again, a job ``kill`` could not end."""
    db = tmp_path / "annotations.json"
    shell = job_shell(tmp_path)
    app = ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "tui_reader"]
    terminal = Terminal(shell, tmp_path, width=100, height=30)
    try:
        terminal.wait_for("READY$")
        terminal.keys(shlex.join([*app, str(corpus_copy / NAME), "--db", str(db)]), literal=True)
        terminal.keys("Enter")
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        terminal.keys("C-z")
        terminal.wait(lambda s: "Stopped" in s, "the shell's job stopped")
        terminal.keys("kill %1; sleep 1; jobs; echo LISTED $((6 * 7))", literal=True)
        terminal.keys("Enter")
        screen = terminal.wait(lambda s: "LISTED 42" in s, "the jobs listed")
        assert "Terminated" in screen, screen
        assert "Stopped (signal)" not in screen, screen
    finally:
        terminal.kill()


def test_a_continue_without_a_stop_leaves_the_app_able_to_end(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A CONT comes without a stop (after HUP when a terminal closes under the app, from
    ``kill -CONT``): Textual's handler, there for ``fg`` after ctrl+z, took the terminal mode
    again on each, starting another reader of keys (two more threads a CONT), which outlived
    the app: after ``q`` the process never ended, spinning on its terminal."""
    db = tmp_path / "annotations.json"
    terminal = _app_then_its_status(corpus_copy / NAME, db)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        terminal.keys("G")  # the app answers keys, its threads all started
        terminal.wait(lambda s: "100%" in s, "the end of the text")
        threads = len(os.listdir(f"/proc/{pid}/task"))
        for _ in range(5):
            os.kill(pid, signal.SIGCONT)
        terminal.keys("g")  # handled after the CONTs: any reader they started is running
        terminal.wait(lambda s: "100%" not in s, "the start of the text")
        assert len(os.listdir(f"/proc/{pid}/task")) < threads + 2  # a CONT started two
        terminal.keys("q")
        screen = terminal.wait(lambda s: "ENDED" in s, "the app to end")
        assert "ENDED 0" in screen, screen
    finally:
        terminal.kill()


def test_a_note_kept_by_a_kill_is_offered_back_at_the_next_start(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The text kept by a kill was only written: the next start on the same database said
    nothing of it.  It is said and offered, as vim offers its swap file: opened with its text
    in the journal's editor when asked (ctrl+s saving it there), then its file deleted when
    asked."""
    db = tmp_path / "annotations.json"
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    terminal = Terminal(command + '; echo "ENDED $?"; sleep 60', tmp_path, env=env)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        terminal.keys("J")
        terminal.wait_for("Journal: new entry")
        terminal.keys("half a thought", literal=True)
        terminal.wait_for("half a thought")
        os.kill(_app_pid(terminal), signal.SIGTERM)
        terminal.wait(lambda s: "ENDED" in s, "the app to end")
    finally:
        terminal.kill()
    (draft,) = (tmp_path / "state" / "tui-reader").glob("draft-*.txt")
    terminal = Terminal(command + '; echo "ENDED $?"; sleep 60', tmp_path, env=env)
    try:
        # the question's box: its words wrap with the draft's path (the test's folder)
        screen = terminal.wait_for("A draft was kept", "y/enter open")
        boxed = [line.split("│")[1] for line in screen.splitlines() if line.count("│") >= 2]
        said = " ".join(" ".join(boxed).split())
        assert "Open it?" in said and "half a thought" in said and "TERM" in said, screen
        terminal.keys("y")  # in the journal's editor, as it was typed: saved as it saves
        terminal.wait_for("Journal: new entry", "half a thought")
        terminal.keys("C-s")
        _draft_discarded_and_quit(terminal)
    finally:
        terminal.kill()
    assert not draft.exists()
    assert "half a thought" in db.read_text(encoding="utf-8")  # saved when asked


def _database_of(db: Path, corpus: Path, count: int) -> None:
    """``db`` holding ``count`` annotations of the document NAME (each a copy of one made by
    ``annotate``, under an id of its own), coded ``late``: a fold of it takes a while."""
    from tui_reader.cli.main import main

    made = ["annotate", str(corpus / NAME), "--db", str(db), "--corpus", str(corpus)]
    assert main([*made, "--quote", "Mexico", "--occurrence", "1", "--tag", "late"]) == 0
    data = json.loads(db.read_text(encoding="utf-8"))
    (record,) = data["annotations"].values()
    data["annotations"] = {
        str(n): {**record, "id": f"{record['id'][:-12]}{n:012d}"} for n in range(1, count + 1)
    }
    db.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_as_the_app_saves_after_quitting_waits_for_the_fold(
    corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: int
) -> None:
    """``q``, then the terminal closed (its tmux server killed: HUP) or a ``kill`` (TERM)
    while the app folds its journal into the database, once it has given the terminal back
    ("saving annotations.json…"): it was killed mid-fold, the change it had just saved left
    in annotations.json.journal, not in annotations.json, which a backup or another program
    reads alone.  It ends once the fold is done, with the signal's exit status."""
    db = tmp_path / "annotations.json"
    _database_of(db, corpus_copy, 30_000)
    capsys.readouterr()
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    env = {"TUI_READER_PROGRESS_AFTER": "0", "XDG_STATE_HOME": str(tmp_path / "state")}
    terminal = Terminal(command + '; echo "ENDED $?"; sleep 60', tmp_path, env=env)
    journal = db.with_name(db.name + ".journal")
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        terminal.keys("j", "s", "1", "q")  # the next sentence coded (saved), then quit
        terminal.wait(lambda s: "saving annotations.json" in s, "the fold after quitting")
        assert journal.stat().st_size > 0  # the change saved, not folded yet
        os.kill(pid, number)
        screen = terminal.wait(lambda s: "ENDED" in s, "the app to end")
        assert f"ENDED {128 + number}" in screen, screen
    finally:
        terminal.kill()
    assert journal.stat().st_size == 0  # folded
    annotations = json.loads(db.read_text(encoding="utf-8"))["annotations"]
    assert len(annotations) == 30_001


def _ended(pid: int, within: float) -> bool:
    """Whether process ``pid`` has ended (gone, or a zombie its new parent has not reaped),
    waited for up to ``within`` seconds."""
    import time

    deadline = time.monotonic() + within
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def test_an_app_whose_terminal_closed_while_a_save_waited_for_the_lock_ends(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Its terminal closed (its tmux server killed) while a passage's save waited for another
    program's hold on the database's lock: the app's screen ended, but its process never did,
    its worker waiting for the lock and the process for its worker, as long as the lock was
    held (another tui-reader stuck, forever).  It ends, what was typed kept as a draft."""
    import fcntl

    db = tmp_path / "annotations.json"
    state = tmp_path / "state"
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    terminal = Terminal(command + "; sleep 60", tmp_path, env={"XDG_STATE_HOME": str(state)})
    lock = os.open(db.with_name(db.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        fcntl.flock(lock, fcntl.LOCK_EX)  # another program holds it, and goes on holding it
        terminal.keys("v", "w", "a")
        terminal.wait_for("Tags (comma-separated")  # the dialog ("a Annotate" is the footer's)
        terminal.keys("waiting", literal=True)
        terminal.keys("Enter")
        terminal.wait_for("Waiting for another program")
        terminal.kill()  # the terminal closes: HUP
        assert _ended(pid, within=120), f"process {pid} still running"
    finally:
        terminal.kill()
        os.close(lock)
    (draft,) = (state / "tui-reader").glob("draft-*.txt")
    assert "Tags: waiting" in draft.read_text(encoding="utf-8")


def test_an_app_ignoring_hup_ends_when_its_terminal_closes(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Started where HUP is ignored (``nohup``, a shell's ``trap '' HUP``), the app outlived
    its terminal: once the terminal closed nothing ended it, and Textual's reader of keys,
    reading nothing from the closed terminal again and again, kept a core half busy, for good.
    A terminal that hangs up ends the app as HUP does, as vim ends when its input is gone."""
    db = tmp_path / "annotations.json"
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    terminal = Terminal(f"trap '' HUP; {command}; sleep 60", tmp_path)
    left: list[int] = []  # what ignores HUP, ended by the test if it did not end
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        left += [int(terminal.option("#{pane_pid}")), pid]
        terminal.keys("G")
        terminal.wait(lambda s: "100%" in s, "the end of the text")
        terminal.kill()  # the terminal closes; the HUP it sends is ignored
        assert _ended(pid, within=60), f"process {pid} still running"
    finally:
        terminal.kill()
        for process in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process, signal.SIGKILL)


def test_a_code_applied_by_a_key_waiting_for_the_lock_is_offered_back_after_a_kill(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """A code applied by a key (no dialog holding it) while another program held the
    database's lock, then a kill: its save was dropped after the few seconds more it waits,
    said on stderr, and lost.  It is kept as the annotate dialog's draft, which the next start
    offers back on its passage: saved there when the user saves it."""
    import fcntl

    from tui_reader.cli.main import main

    db = tmp_path / "annotations.json"
    assert main(["tags", "set", "late", "--db", str(db)]) == 0
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    terminal = Terminal(command + '; echo "ENDED $?"; sleep 60', tmp_path, env=env)
    lock = os.open(db.with_name(db.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        fcntl.flock(lock, fcntl.LOCK_EX)  # another program holds it
        terminal.keys("v", "w", "1")  # the first word coded late
        terminal.wait_for("Waiting to save")
        os.kill(pid, signal.SIGTERM)
        screen = terminal.wait(lambda s: "ENDED" in s, "the app to end")
        assert "ENDED 143" in screen, screen
        assert "kept in" in " ".join(screen.split()), screen
    finally:
        terminal.kill()
        os.close(lock)  # the other program is done
    (draft,) = (tmp_path / "state" / "tui-reader").glob("draft-*.txt")
    kept = draft.read_text(encoding="utf-8")
    assert "Document open: " in kept and "Annotate: Mexico\n\nTags: late\n" in kept, kept
    terminal = Terminal(command + '; echo "ENDED $?"; sleep 60', tmp_path, env=env)
    try:
        terminal.wait_for("A draft was kept", "y/enter open")
        terminal.keys("y")  # the annotate dialog on its passage, the code typed in
        terminal.wait_for("“Mexico”", "late,", "enter save")
        terminal.keys("Enter")
        _draft_discarded_and_quit(terminal)
    finally:
        terminal.kill()
    assert not draft.exists()
    records = json.loads(db.read_text(encoding="utf-8"))["annotations"].values()
    assert [(r["quote"], r["tags"]) for r in records] == [("Mexico", ["late"])]


_STUCK_ON_HELP = """
import contextlib
import os
import sys
from pathlib import Path
import tui_reader.ui.app as app
app.LAST_LIMIT = 3  # (60 s in use)
def stuck(self):
    saving = os.environ.get("STUCK_SAVING") == "1"
    with self.workspace.store._tables.locked() if saving else contextlib.nullcontext():
        Path("stuck").touch()
        while True:  # the app's own thread stuck, as in a library's endless loop
            pass
app.ReaderApp.action_help = stuck
from tui_reader.cli.start import main
sys.exit(main())
"""


@pytest.mark.parametrize("saving", [False, True], ids=["idle", "saving"])
def test_an_app_whose_own_thread_is_stuck_ends_once_its_terminal_closed(
    corpus_copy: Path, tmp_path: Path, saving: bool
) -> None:
    """The app's own thread stuck (a key's action that never returns), then its terminal
    closed (HUP): nothing ended it, its loop never coming to end it as q does.  It ends by
    the last limit, but not while it holds the database's lock: a save is never cut."""
    db = tmp_path / "annotations.json"
    app = [sys.executable, "-c", _STUCK_ON_HELP, str(corpus_copy / NAME), "--db", str(db)]
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app])
    env = {"STUCK_SAVING": "1" if saving else "0"}
    terminal = Terminal(command + "; sleep 60", tmp_path, env=env)
    pid = 0
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "? Help")
        pid = _app_pid(terminal)
        terminal.keys("?")  # stuck from here
        deadline = time.monotonic() + 30
        while not (tmp_path / "stuck").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (tmp_path / "stuck").exists()
        terminal.kill()  # the terminal closes: HUP
        if saving:  # three times the last limit, the lock still held: still running
            assert not _ended(pid, within=9), f"process {pid} ended while it saved"
        else:
            assert _ended(pid, within=60), f"process {pid} still running"
    finally:
        terminal.kill()
        if pid and not _ended(pid, within=0):
            os.kill(pid, signal.SIGKILL)
