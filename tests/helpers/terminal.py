"""A real terminal for tests: the real `tui-reader` in tmux, read with capture-pane."""

from __future__ import annotations

import os
import re
import selectors
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

TIMEOUT = 30.0  # seconds for any one step on a loaded 2-core machine


class Terminal:
    """A tmux session running one command (``width`` x ``height``) on a tmux server of its
    own: the default server is shared with whoever else uses tmux on the machine, whose
    options (remain-on-exit, window sizes) and kill-server would reach us.

    ``command`` is a shell line or an argv list; ``env`` is set in the session.  With
    ``keep_dead_pane`` the pane stays when the command exits (its screen can still be read,
    ``restart`` runs another command on the same server); without it the server exits with the
    command."""

    def __init__(
        self,
        command: str | Sequence[str],
        cwd: Path,
        width: int = 120,
        height: int = 40,
        *,
        env: Mapping[str, str] | None = None,
        keep_dead_pane: bool = False,
    ) -> None:
        self.socket = f"tui-reader-test-{uuid.uuid4().hex[:8]}"
        self.cwd, self.width, self.height = cwd, width, height
        self.env = dict(env or {})
        self.keep_dead_pane = keep_dead_pane
        self._sessions = 0
        self.name = ""
        self.restart(command)
        # Asked now: once the app quits, the server exits and leaves its socket file behind.
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()

    def _run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        # -f /dev/null: no user configuration; a hung tmux fails the test instead of hanging it.
        # COLUMNS/LINES (set under pytest) would reach the app and override the pane's size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=check, timeout=20, env=env,
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        """Any tmux command on this terminal's server; its output."""
        return self._run(*args).stdout

    def restart(self, command: str | Sequence[str]) -> None:
        """Run ``command`` in a new session (a server with no session exits, and a session
        started while it exits can be lost: the old sessions stay)."""
        line = command if isinstance(command, str) else "exec " + shlex.join(command)
        self._sessions += 1
        self.name = f"run{self._sessions}"
        env_args = [arg for k, v in self.env.items() for arg in ("-e", f"{k}={v}")]
        self._run("new-session", "-d", "-s", self.name, "-x", str(self.width),
                  "-y", str(self.height), "-c", str(self.cwd), *env_args,
                  line, check=True)  # fmt: skip
        if self.keep_dead_pane:
            self._run("set-option", "-t", self.name, "remain-on-exit", "on", check=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def styled(self) -> str:
        """The screen with its styles, as SGR escapes (read by :func:`backgrounds`)."""
        return self.tmux("capture-pane", "-p", "-e", "-t", self.name)

    def option(self, fmt: str) -> str:
        """A tmux format (``#{pane_title}``...) of the session."""
        return self.tmux("display", "-p", "-t", self.name, fmt).strip()

    def alive(self) -> bool:
        """The command still runs."""
        if self._run("has-session", "-t", self.name).returncode != 0:
            return False
        return not self.keep_dead_pane or self.option("#{pane_dead}") != "1"

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        self._run("send-keys", "-t", self.name, *flags, *keys, check=True)

    def sent(self, *keys: str) -> bool:
        """Send ``keys`` unless the session has ended (without ``keep_dead_pane``: the command
        quit): whether they were sent.  One tmux call, where :meth:`alive` after each
        :meth:`keys` is two (a test sending keys by the thousand spent most of its own CPU
        starting tmux); a send refused by a session still there is tried once more."""
        return self._run("send-keys", "-t", self.name, *keys).returncode == 0 or (
            self.alive() and self._run("send-keys", "-t", self.name, *keys).returncode == 0
        )

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def wait_for(self, *needles: str) -> str:
        """Wait until every one of ``needles`` is on screen; the screen."""
        return self.wait(lambda screen: all(n in screen for n in needles), repr(needles))

    def wait_exit(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.05)
        raise AssertionError(f"the app did not quit:\n{self.screen()}")

    def kill(self) -> None:
        self._run("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def job_shell(folder: Path) -> list[str]:
    """An interactive bash (job control: ``ctrl+z``, ``fg``, ``kill %1``) whose prompt is
    ``READY$ ``, its start file written in ``folder``.  It keeps no history: an interactive
    bash writes the lines typed into it to ``~/.bash_history`` as it ends, and each run of
    the suite added the app's command lines and the tests' ``fg`` to the history of whoever
    ran it."""
    rc = folder / "shellrc"
    rc.write_text("PS1='READY$ '\nunset HISTFILE\n", encoding="utf-8")
    return ["bash", "--rcfile", str(rc), "--noprofile", "-i"]


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def backgrounds(styled: str) -> tuple[str, list[str | None]]:
    """A screen read by :meth:`Terminal.styled`: its text, and the background each of its
    characters is drawn on (the SGR parameters that set it, ``"48;5;32"``; None for the
    terminal's own), so that a test can tell the option a list highlights."""
    text: list[str] = []
    drawn_on: list[str | None] = []
    ground: str | None = None
    end = 0
    for match in SGR.finditer(f"{styled}\x1b[m"):  # (the last run of text, then a reset)
        text.append(styled[end : match.start()])
        drawn_on += [ground] * (match.start() - end)
        end = match.end()
        params = (match.group(1) or "0").split(";")
        at = 0
        while at < len(params):
            param = params[at]
            if param in ("38", "48"):  # a colour of 256 (5;n) or a true one (2;r;g;b)
                taken = 3 if params[at + 1 : at + 2] == ["5"] else 5
                if param == "48":
                    ground = ";".join(params[at : at + taken])
                at += taken
                continue
            if param in ("", "0", "49"):
                ground = None
            elif param.isdigit() and (40 <= int(param) <= 47 or 100 <= int(param) <= 107):
                ground = param
            at += 1
    return "".join(text), drawn_on


def read_to_the_end(leader: int, silence: float = 2 * TIMEOUT) -> bytes:
    """Everything written to a pseudo-terminal until its other end is closed (``leader``: the
    end this process holds; the reads end with an OSError or an empty read once it is).  A
    program that writes nothing for ``silence`` seconds, its end still open, fails the test
    instead of hanging it."""
    chunks = []
    with selectors.DefaultSelector() as selector:  # any descriptor, however high
        selector.register(leader, selectors.EVENT_READ)
        while True:
            if not selector.select(silence):
                raise AssertionError(
                    f"the terminal's program wrote nothing in {silence:g} s and did not end; "
                    f"it had written {b''.join(chunks)[-300:]!r}"
                )
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def app_cpu(term: Terminal) -> float | None:
    """Seconds of CPU used so far by the program the shell of ``term``'s pane runs (its first
    child: the app, run by a shell line); None when it cannot be read (no /proc, none)."""
    try:
        shell = term.option("#{pane_pid}")
        child = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()[0]
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
