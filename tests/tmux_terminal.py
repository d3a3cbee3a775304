"""A real terminal for tests: the real `tui-reader` in tmux, read with capture-pane."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 30.0  # seconds for any one step on a loaded 2-core machine


class Terminal:
    """A tmux session running one command (``width`` x ``height``) on a tmux server of its
    own: the default server is shared with whoever else uses tmux on the machine, whose
    options (remain-on-exit, window sizes) and kill-server would reach us."""

    def __init__(self, command: str, cwd: Path, width: int = 120, height: int = 40) -> None:
        self.socket = f"tui-reader-test-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        self._run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  "-c", str(cwd),
                  command, check=True)  # fmt: skip
        # Asked now: once the app quits, the server exits and leaves its socket file behind.
        self.socket_path = self._run("display-message", "-p", "#{socket_path}").stdout.strip()

    def _run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        # -f /dev/null: no user configuration; a hung tmux fails the test instead of hanging it.
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=check, timeout=20,
        )  # fmt: skip

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.name).stdout

    def alive(self) -> bool:
        return self._run("has-session", "-t", self.name).returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        self._run("send-keys", "-t", self.name, *flags, *keys, check=True)

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def kill(self) -> None:
        self._run("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)
