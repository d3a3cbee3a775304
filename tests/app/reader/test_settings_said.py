"""A setting the app does not use as given (``TUI_READER_MEASURE=abc``, ``--measure 5``) is
shown as it starts: a line on stderr would be hidden by its full screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import main_screen, wait_until

from tui_reader.locations import ENV_MEASURE
from tui_reader.ui.app import ReaderApp


def _messages(app: ReaderApp) -> list[str]:
    return [note.message for note in app._notifications]


async def test_a_bad_measure_in_the_environment_is_shown_as_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    """``TUI_READER_MEASURE=abc tui-reader`` read at 80 cells without a word."""
    monkeypatch.setenv(ENV_MEASURE, "abc")
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        [message] = _messages(app)
        assert message.startswith(
            "$TUI_READER_MEASURE='abc' is not a whole number of cells: the measure is 80 cells"
        )
        assert app.measure == 80


async def test_the_lines_the_command_line_gives_are_shown(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV_MEASURE, raising=False)
    said = "--measure 5 is below 20: the measure is 20 cells, the narrowest"
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json", measure=20, settings_said=[said])
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        assert _messages(app) == [f"{said}."]


async def test_a_bad_conversion_limit_is_shown_as_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    """``TUI_READER_CONVERT_SECONDS=abc tui-reader`` converted under the default 30 s without a
    word, where a command says it; the lock wait, which the app does not use, is not said."""
    monkeypatch.delenv(ENV_MEASURE, raising=False)
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "abc")
    monkeypatch.setenv("TUI_READER_LOCK_WAIT", "abc")
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        assert _messages(app) == [
            "$TUI_READER_CONVERT_SECONDS='abc' is not a number of seconds: 30 s is used "
            "instead; 0 means no limit."
        ]


async def test_a_cache_that_is_a_file_is_shown_as_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    """``TUI_READER_CACHE=some-file tui-reader``: no converted text was kept between runs (a
    PDF converted again at every start) without a word."""
    monkeypatch.delenv(ENV_MEASURE, raising=False)
    blocker = tmp_path / "cache"
    blocker.write_text("")
    monkeypatch.setenv("TUI_READER_CACHE", str(blocker))
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        assert _messages(app) == [
            f"$TUI_READER_CACHE={blocker} names a file, not a folder: converted texts "
            "and the library's facts are not kept between runs; name a folder."
        ]


async def test_a_new_database_made_beside_the_projects_is_shown_as_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    """The line the command line gives of a new database made here, the corpus having its
    own beside it, is shown under the title Database (see tests/cli/test_no_database_here)."""
    monkeypatch.delenv(ENV_MEASURE, raising=False)
    said = "/home/ana/annotations.json is a new database, made here: ..."
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json", database_said=said)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert (note.title, note.message) == ("Database", f"{said}.")


async def test_the_sample_corpus_read_is_shown_as_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    """The line the command line gives when no folder was named and the sample corpus is read
    is shown under the title Corpus (see tests/cli/test_sample_corpus_said)."""
    monkeypatch.delenv(ENV_MEASURE, raising=False)
    said = "No folder was named, so the sample corpus (two articles) is shown"
    app = ReaderApp(corpus_copy, tmp_path / "annotations.json", corpus_said=said)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert (note.title, note.message, note.severity) == ("Corpus", f"{said}.", "information")
