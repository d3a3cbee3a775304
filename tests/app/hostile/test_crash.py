"""A crash of the app exits non-zero with its traceback in a log file it names; the command
palette survives PageUp pressed before its list is filled (issue 15, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import main_screen, palette_searched, wait_until
from textual.command import CommandList

from tui_reader.locations import Target
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp

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
