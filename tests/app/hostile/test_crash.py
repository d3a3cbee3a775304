"""A crash of the app exits non-zero with its traceback in a log file it names; the command
palette survives PageUp pressed before its list is filled (issue 15, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import main_screen, palette_searched, wait_until
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.command import CommandList
from textual.renderables.background_screen import BackgroundScreen
from textual.visual import visualize

from tui_reader.locations import Target
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.confirm import ConfirmScreen

CSS = str(Path(ui_app.__file__).with_name("app.tcss"))


class Crashing(ReaderApp):
    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def on_mount(self) -> None:
        raise ZeroDivisionError("boom in on_mount")


class CrashingAtStart(ReaderApp):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("boom before the first screen")


def _run_crashing(
    app_class: type[ReaderApp], corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[Path]]:
    """``tui-reader`` run with ``app_class`` as its app: the exit status, the crash logs."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(ui_app, "ReaderApp", app_class)
    status = ui_app.run_app(Target(corpus, None), tmp_path / "db.json", headless=True)
    return status, list((tmp_path / "state" / "tui-reader").glob("crash-*.log"))


def _said(log: Path) -> str:
    """The one line said of a crash whose details are in ``log``."""
    return f"tui-reader: the app stopped on an error; the details are in {log}"


def test_a_crash_exits_non_zero_and_names_its_log(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, logs = _run_crashing(Crashing, corpus_copy, tmp_path, monkeypatch)
    assert status != 0
    assert len(logs) == 1
    assert "ZeroDivisionError: boom in on_mount" in logs[0].read_text()
    assert str(logs[0]) in capsys.readouterr().err


class CrashingBesideAHalfMadeStyle(ReaderApp):
    """A crash whose frame holds an object whose making was cut short, as a RecursionError
    in ``Style.__init__`` leaves one: Rich's traceback, drawing each frame's variables,
    raises on it (``'Style' object has no attribute '_color'``)."""

    CSS_PATH = CSS

    def on_mount(self) -> None:
        half_made = Style.__new__(Style)
        raise ZeroDivisionError(f"boom beside a {type(half_made).__name__}")


class CrashingBesideAHalfMadeStyleAsTextualDoes(CrashingBesideAHalfMadeStyle):
    """The same with Textual's own handling of a crash, unguarded: what raises in it
    escapes its shutdown."""

    _fatal_error = App._fatal_error


def test_a_crash_beside_a_variable_rich_cannot_show_is_logged_and_said(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The error raised in the crash's handling escaped ``app.run``: a raw traceback of it,
    not the line naming the log."""
    status, logs = _run_crashing(CrashingBesideAHalfMadeStyle, corpus_copy, tmp_path, monkeypatch)
    assert status == 1 and len(logs) == 1
    assert "ZeroDivisionError: boom beside a Style" in logs[0].read_text()
    err = capsys.readouterr().err
    assert "ZeroDivisionError: boom beside a Style" in err and "_color" not in err
    assert err.splitlines()[-1] == _said(logs[0])


class FailingAsItCloses(ConfirmScreen):
    def on_unmount(self) -> None:
        raise ValueError("second, as the question closes")


class CrashingTwice(ReaderApp):
    """A crash, then another error as the crash closes the app (a loop of screens drawing
    each other drew again, each time too deep, until the screens closed)."""

    CSS_PATH = CSS

    def on_mount(self) -> None:
        self.push_screen(FailingAsItCloses("First?", "First"))
        self.set_timer(0.3, self._boom)

    def _boom(self) -> None:
        raise ZeroDivisionError("first")


@pytest.mark.parametrize(
    ("app_class", "first_error", "then_error"),
    [
        pytest.param(
            CrashingBesideAHalfMadeStyleAsTextualDoes,
            "ZeroDivisionError: boom beside a Style",
            "AttributeError: 'Style' object has no attribute '_color'",
            id="past-textuals-handling",
        ),
        pytest.param(
            CrashingTwice,
            "ZeroDivisionError: first",
            "ValueError: second, as the question closes",
            id="as-the-crash-closes-the-app",
        ),
    ],
)
def test_an_error_after_a_crash_is_added_to_its_log_and_the_log_is_said(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    app_class: type[ReaderApp],
    first_error: str,
    then_error: str,
) -> None:
    """An error past Textual's handling of a crash was thrown raw, not logged and said; an
    error as a crash closed the app was a new log each time, and the line said named the
    last."""
    status, logs = _run_crashing(app_class, corpus_copy, tmp_path, monkeypatch)
    assert status == 1 and len(logs) == 1
    first, then = logs[0].read_text().split("Then, as the app closed:")
    assert first_error in first
    assert then_error in then
    assert capsys.readouterr().err.splitlines()[-1] == _said(logs[0])


def test_a_crash_before_the_first_screen_is_logged_not_thrown_raw(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, logs = _run_crashing(CrashingAtStart, corpus_copy, tmp_path, monkeypatch)
    assert status != 0
    assert len(logs) == 1 and "RuntimeError: boom before the first screen" in logs[0].read_text()
    err = capsys.readouterr().err
    assert str(logs[0]) in err and "Traceback" not in err and len(err.splitlines()) == 1


async def test_pageup_before_the_palette_list_is_laid_out(
    corpus_copy: Path, tmp_path: Path
) -> None:
    app = ReaderApp(corpus_copy, tmp_path / "db.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        palette = await palette_searched(pilot)
        commands = palette.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        # The state PageUp meets when pressed at once: options, one highlighted, no lines yet.
        commands.display = False
        commands._clear_caches()
        commands.highlighted = 0
        await pilot.pause()
        await pilot.press("pageup", "pagedown")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
    assert app.return_code in (0, None)


async def test_the_keys_panel_asked_for_as_the_app_quits_is_not_a_crash(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The palette's "Keys" command run as the app quits (the monkey test: a command chosen,
    then ctrl+q) mounted the panel on a main screen already gone: a crash at exit."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen(pilot)
        app.exit(0)
        app.action_show_help_panel()
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None


class DrawnTooDeep(ReaderApp):
    """The app with two questions open over its main screen, one over the other; then too
    deep a recursion, with each question having drawn the screen below it or (``loop``) the
    two having drawn each other beneath them (a chain of 46 screens each drawn beneath the
    next was seen: a stack that deep, or a loop?).  A part of the top question redrawn on its
    own then makes Textual draw through such a loop until Python's limit, but only if no frame
    of the questions comes between, which a loaded machine cannot promise (the app idled for
    ever): the recursion is the app's own in both cases.
    What each question drew beneath it is set as Textual keeps it (a headless app may not
    have drawn them yet)."""

    CSS_PATH = CSS
    loop = False

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("First?", "First"))
        self.push_screen(ConfirmScreen("Second?", "Second"))
        self.set_timer(0.3, self._too_deep)

    def _too_deep(self) -> None:
        main, first, second = self.screen_stack
        tint = Color(0, 0, 0, 0.5)
        beneath = (first, second) if self.loop else (first, main)
        for screen, drawn in zip((second, first), beneath, strict=True):
            screen._layout_cache["_render.visual"] = visualize(
                screen, BackgroundScreen(drawn, tint)
            )

        def deeper(depth: int) -> int:
            return deeper(depth + 1) + 1

        deeper(0)


@pytest.mark.parametrize("loop", [False, True])
def test_a_recursion_too_deep_logs_the_screens_and_what_each_drew_beneath_it(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loop: bool
) -> None:
    monkeypatch.setattr(DrawnTooDeep, "loop", loop)
    status, logs = _run_crashing(DrawnTooDeep, corpus_copy, tmp_path, monkeypatch)
    assert status != 0 and len(logs) == 1
    log = logs[0].read_text()
    assert "RecursionError" in log
    # the first crash's: a later one as the app closes (the loop drawn) is said after it
    said = log[log.index("Screens open, bottom first") :].split("\n\n")[0].splitlines()
    main, first, second = (line for line in said if line.startswith("  _default:"))
    assert main == "  _default:0 MainScreen: none", said
    if loop:  # each question drew the other: a loop, said as such
        assert first == (
            "  _default:1 ConfirmScreen: _default:2 ConfirmScreen (not the screen directly below)"
        ), said
        assert second == "  _default:2 ConfirmScreen: _default:1 ConfirmScreen", said
    else:  # each drew the screen directly below it
        assert first == "  _default:1 ConfirmScreen: _default:0 MainScreen", said
        assert second == "  _default:2 ConfirmScreen: _default:1 ConfirmScreen", said


def test_a_crash_other_than_a_recursion_lists_no_screens(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, logs = _run_crashing(Crashing, corpus_copy, tmp_path, monkeypatch)
    assert "Screens open" not in logs[0].read_text()
