"""The lines the app prints on stderr as it exits (what quitting could not save, the crash
line naming its log) show a name's line feed, tab or carriage return as every other message
shows them (``␊ ␉ ␍``): they showed ``⏎`` and a space, another name than ``list`` and every
command's messages give."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.locations import Target
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp

CSS = str(Path(ui_app.__file__).with_name("app.tcss"))


class SayingAtExit(ReaderApp):
    CSS_PATH = CSS

    def _first_screen_shown(self) -> None:
        super()._first_screen_shown()
        self.said_at_exit.append("the draft could not be kept in two\nlines\tand\rmore.txt")
        self.exit()


class Crashing(ReaderApp):
    CSS_PATH = CSS

    def on_mount(self) -> None:
        raise ZeroDivisionError("boom in on_mount")


class CrashingAtStart(ReaderApp):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("boom before the first screen")


def _run(app_class: type[ReaderApp], corpus: Path, tmp_path: Path, mp: pytest.MonkeyPatch) -> int:
    mp.setenv("XDG_STATE_HOME", str(tmp_path / "state\nof\tus"))
    mp.setattr(ui_app, "ReaderApp", app_class)
    return ui_app.run_app(Target(corpus, None), tmp_path / "db.json", headless=True)


def test_a_warning_at_exit_pictures_line_ends(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(SayingAtExit, corpus_copy, tmp_path, monkeypatch) == 0
    assert capsys.readouterr().err == (
        "tui-reader: warning: the draft could not be kept in two␊lines␉and␍more.txt\n"
    )


@pytest.mark.parametrize(
    ("app_class", "said"),
    [(Crashing, "the app stopped on an error"), (CrashingAtStart, "the app could not start")],
)
def test_the_crash_line_pictures_its_log_s_line_ends(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    app_class: type[ReaderApp],
    said: str,
) -> None:
    assert _run(app_class, corpus_copy, tmp_path, monkeypatch) != 0
    (log,) = (tmp_path / "state\nof\tus" / "tui-reader").glob("crash-*.log")
    # the last line (Textual prints a crash's traceback above it when run headless)
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith(f"tui-reader: {said}")
    assert last.endswith(f"; the details are in {tmp_path}/state␊of␉us/tui-reader/{log.name}")
