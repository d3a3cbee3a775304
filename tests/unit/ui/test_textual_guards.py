"""The guards around two Textual bugs that left the app deaf to every key, ``ctrl+q`` included
(issue 15: found by the monkey in a real terminal): a toast shown again, on a screen change, a
few milliseconds after its time ran out (a timer already over spins), and two quick resizes of
the terminal while an update batch is open (the screen under the main one resizes itself for
ever at two stale sizes).

Each case runs an app in a process of its own: without the guards the main thread never yields
and only a timeout can stop it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest
from helpers.app import ready, screen_lines
from helpers.counting import count_calls
from helpers.processes import Lines, stopped_after
from textual import events
from textual.app import App, ComposeResult
from textual.css import stylesheet
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from tui_reader.ui import textual_guards
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.confirm import ConfirmScreen

APP = """
import os
import sys
from time import time
from textual.app import App
from textual.notifications import Notification
from textual.widgets._toast import Toast
from tui_reader.ui import textual_guards

if sys.argv[1] == "guarded":
    textual_guards.install()

class Late(App[int]):
    def on_mount(self) -> None:
        os.write(1, b"mounted\\n")
        case = sys.argv[2]
        if case == "toast":
            # What a toast gets when its notification ran out between Textual's check and
            # the toast's making: a time left below zero.
            late = Notification("late", timeout=1, raised_at=time() - 1.003)
            self.mount(Toast(late))
            self.set_timer(0.2, lambda: self.exit(len(self.query(Toast))))
        else:
            self.set_timer(float(case), lambda: self.exit(0))

sys.exit(Late().run(headless=True))
"""


RESIZES = """
import os
import sys
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static
from tui_reader.ui import textual_guards

if sys.argv[1] == "guarded":
    textual_guards.install()

class Top(Screen[None]):
    def compose(self):
        yield Static("top")

class TwoSizes(App[int]):
    def on_mount(self) -> None:
        os.write(1, b"mounted\\n")
        self.push_screen(Top())
        self.set_timer(0.2, self.two_sizes)

    def two_sizes(self) -> None:
        below = self.screen_stack[0]
        self._begin_batch()  # the app busy with something that opened a batch
        below._screen_resized(Size(70, 20))  # two resizes in quick succession: two events
        below._screen_resized(Size(90, 30))
        self.set_timer(0.3, self._end_batch)
        self.set_timer(0.6, lambda: self.exit(0))

sys.exit(TwoSizes().run(headless=True, size=(80, 24)))
"""


def _run(mode: str, case: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(APP), mode, case],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("case", ["toast", "-0.003", "0", "-5"])
def test_a_timer_already_over_fires_and_the_app_goes_on(case: str) -> None:
    done = _run("guarded", case)
    assert done.returncode == 0, done.stderr[-2000:]  # the toast went, the app answered exit


def test_stale_resizes_of_a_screen_below_settle_and_the_app_goes_on() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(RESIZES), "guarded"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]


# Seconds a bare app is given, once mounted, to exit as a guarded one does: a guarded app
# exits at most 0.6 s after its mount (the resizes' exit timer), the timer's at once.
SPINNING = 2.0


@pytest.mark.parametrize("app", [APP, RESIZES], ids=["timer", "resizes"])
def test_without_the_guards_textual_spins(app: str) -> None:
    """The reason the guards exist; when Textual mends these, this test says which guard can
    go.  The bare app's time to exit is counted from its mount (it says "mounted"), not from
    its start: a slow start on a loaded machine is no spin."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(app), "bare", "-0.003"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    with stopped_after(process):
        assert Lines(process.stdout, name="the bare app").next("its mount") == "mounted\n"
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=SPINNING)


class _Target:
    """Anything a timer can hold a weak reference to."""


def test_the_app_installs_the_guard_for_every_timer(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    ReaderApp(tmp_path / "c", tmp_path / "db.json")
    target = _Target()
    assert Timer(target, -2.0)._interval == textual_guards.SHORTEST  # type: ignore[arg-type]
    assert Timer(target, 0)._interval == textual_guards.SHORTEST  # type: ignore[arg-type]
    assert Timer(target, 0.5)._interval == 0.5  # type: ignore[arg-type]


class _Widths(App[None]):
    """A screen of one line of text, with the app's width classes (as the app's views)."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (60, "-wide")]

    def compose(self) -> ComposeResult:
        yield Static("a line")


async def test_a_screen_is_not_laid_out_again_for_a_resize_to_its_own_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each start sent the first screen three resizes to the size it had (and each screen
    opened over it one more), each a layout of the whole screen; one that changes the size is
    laid out, and the width classes follow it."""
    textual_guards.install()
    layouts = count_calls(monkeypatch, Screen, "_refresh_layout")
    app = _Widths()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.outer_size == Size(80, 24) and screen.has_class("-wide")
        before = layouts.calls
        screen.post_message(events.Resize(Size(80, 24), Size(80, 24)))
        await pilot.pause()
        await pilot.pause()
        assert layouts.calls == before
        await pilot.resize_terminal(40, 24)
        await pilot.pause(0.05)
        assert layouts.calls > before
        assert screen.outer_size == Size(40, 24) and screen.has_class("-narrow")


class _Below(App[None]):
    """A screen of more lines than the terminal has, and one opened over it at once."""

    def compose(self) -> ComposeResult:
        yield Static("a line\n" * 20)

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("Delete it?"))


async def test_a_screen_below_is_laid_out_for_a_resize_to_its_size_when_it_has_to_be() -> None:
    """A screen below the one on top lays out what its widgets asked for only at a resize:
    its lines, more than the terminal's, had no scroll bar beside them under the screen on
    top (a dialog's, over the text)."""
    textual_guards.install()
    app = _Below()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause(0.05)
        below = app.screen_stack[0]
        assert isinstance(app.screen, ConfirmScreen)
        assert below.show_vertical_scrollbar
        # the lines laid out beside the scroll bar, not under it
        assert below.query_one(Static).region.width == 80 - below.styles.scrollbar_size_vertical


async def test_a_second_app_in_a_process_parses_no_stylesheet_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each app test started an app that parsed every source of the first screen's stylesheet
    again (19 of them, ~25 ms), though the process had parsed them for the app before."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A text to read.\n\nIts second paragraph.\n", encoding="utf-8")
    parses = count_calls(monkeypatch, stylesheet, "parse")
    for start in range(2):
        before = parses.calls
        app = ReaderApp(corpus, tmp_path / "db.json", corpus / "a.txt")
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ready(pilot)
            assert any("Its second paragraph." in line for line in screen_lines(screen))
        if start:
            assert parses.calls == before


def _color(sheet: Stylesheet) -> str:
    (rule,) = sheet.rules
    return str(rule.styles.color)


def test_shared_parses_follow_the_variables_and_keep_errors() -> None:
    """A stylesheet of other variables (another theme) parses the source with its own; a
    source with errors raises in every stylesheet, its rules kept or not."""
    sheets = []
    for color in ("red", "blue", "red"):
        sheet = Stylesheet(variables={"ink": color})
        textual_guards.share_parses(sheet)
        sheet.add_source("Static { color: $ink; }", read_from=("test", "ink"))
        sheets.append(sheet)
    red, blue, red_again = (_color(sheet) for sheet in sheets)
    assert red != blue and red == red_again
    assert sheets[0].rules[0] is sheets[2].rules[0]  # parsed once
    sheets[1].set_variables({"ink": "red"})  # a theme changed in an app: its own colour
    sheets[1].parse()
    assert _color(sheets[1]) == red
    for _ in range(2):
        sheet = Stylesheet()
        textual_guards.share_parses(sheet)
        sheet.add_source("Static { colour: red; }", read_from=("test", "typo"))
        with pytest.raises(StylesheetParseError):
            sheet.parse()
