"""The theme chosen in the app (ctrl+p, "Toggle dark / light theme") is the theme of its next
start: on a terminal with a light background it had to be chosen again at every start."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.threads import joined

from tui_reader.locations import Target
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.theme_kept import keep_theme, kept_theme

CSS = str(Path(ui_app.__file__).with_name("app.tcss"))
started_in: list[str] = []


class ChoosingLight(ReaderApp):
    CSS_PATH = CSS

    def _first_screen_shown(self) -> None:
        super()._first_screen_shown()
        self.action_toggle_dark()  # as the palette's command does
        self.exit()


class Looking(ReaderApp):
    CSS_PATH = CSS

    def _first_screen_shown(self) -> None:
        super()._first_screen_shown()
        started_in.append(self.theme)
        self.exit()


def _run(app_class: type[ReaderApp], corpus: Path, tmp_path: Path, mp: pytest.MonkeyPatch) -> int:
    mp.setattr(ui_app, "ReaderApp", app_class)
    return ui_app.run_app(Target(corpus, None), tmp_path / "db.json", headless=True)


def test_the_theme_chosen_is_the_next_starts(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    started_in.clear()
    assert _run(Looking, corpus_copy, tmp_path, monkeypatch) == 0
    assert _run(ChoosingLight, corpus_copy, tmp_path, monkeypatch) == 0
    kept = tmp_path / "state" / "tui-reader" / "theme"
    assert kept.read_text(encoding="utf-8") == "textual-light\n"
    assert _run(Looking, corpus_copy, tmp_path, monkeypatch) == 0
    assert started_in == ["textual-dark", "textual-light"]
    assert capsys.readouterr().err == ""


def test_a_theme_file_of_no_theme_leaves_the_default(tmp_path: Path) -> None:
    kept = tmp_path / "theme"
    assert kept_theme(kept, {"textual-dark"}) is None  # not there
    kept.write_bytes(b"\xff\xfe no theme\n")
    assert kept_theme(kept, {"textual-dark"}) is None
    kept.write_text("textual-dark" * 20, encoding="utf-8")
    assert kept_theme(kept, {"textual-dark"}) is None
    kept.write_text(" textual-dark\n", encoding="utf-8")
    assert kept_theme(kept, {"textual-dark"}) == "textual-dark"
    assert kept_theme(tmp_path, {"textual-dark"}) is None  # a folder


def test_a_theme_that_cannot_be_kept_is_said(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("a file where a folder should be", encoding="utf-8")
    said = keep_theme(tmp_path / "state" / "theme", "textual-light")
    assert said is not None
    assert said.startswith("the theme chosen (textual-light) is not kept for the next start: ")


def test_a_fifo_or_a_device_in_its_place_is_never_waited_on(tmp_path: Path) -> None:
    # A FIFO in the theme file's place held the app's start for good, a blank screen, q
    # unanswered (its open waited for a writer); one in its part file's place held the
    # quit after a theme was chosen, and a link there had the file it leads to written over
    kept = tmp_path / "theme"
    os.mkfifo(kept)
    os.mkfifo(kept.with_name("theme.part"))
    linked = tmp_path / "other" / "theme"
    linked.parent.mkdir()
    linked.symlink_to("/dev/zero")
    elsewhere = tmp_path / "thesis.txt"
    elsewhere.write_text("Chapter one.\n", encoding="utf-8")
    linked.with_name("theme.part").symlink_to(elsewhere)
    found: list[str | None] = []

    def look() -> None:
        found.extend(kept_theme(path, {"textual-dark"}) for path in (kept, linked))
        found.extend(keep_theme(path, "textual-dark") for path in (kept, linked))

    looking = threading.Thread(target=look, daemon=True)
    looking.start()
    joined(looking, "read and kept the theme")
    assert found == [None, None, None, None]
    assert kept_theme(kept, {"textual-dark"}) == "textual-dark"
    assert kept_theme(linked, {"textual-dark"}) == "textual-dark"
    assert elsewhere.read_text(encoding="utf-8") == "Chapter one.\n"  # not written through
