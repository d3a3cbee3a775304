"""A worker's result that meets a screen taken down (issue 15, found by the monkey with another
seed: the codebook's placed passages arrived as the app quit, and the app "crashed" on its way
out with exit status 1 and a crash log)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready
from textual.css.query import NoMatches
from textual.widgets import Static
from textual.worker import WorkerFailed

from tui_reader.ui.worker_results import deliver


async def test_a_worker_failing_on_a_screen_taken_down_by_the_quit_is_no_crash(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.exit()
        try:
            raise WorkerFailed(NoMatches("No nodes match '#codebook-heading'"))
        except WorkerFailed as error:
            app._handle_exception(error)
    assert app.return_code in (0, None) and app.crash_log is None
    assert not list((tmp_path / "state").rglob("crash-*.log"))


async def test_a_worker_failing_otherwise_is_still_a_crash(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app()
    with pytest.raises(WorkerFailed):  # run_test raises what crashed the app
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            try:
                raise WorkerFailed(ZeroDivisionError("a bug"))
            except WorkerFailed as error:
                app._handle_exception(error)
            await pilot.pause()
    assert app.return_code == 1 and app.crash_log is not None


async def test_a_result_for_a_widget_gone_from_the_screen_is_dropped(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        kept, gone = Static("kept"), Static("gone")
        await screen.mount(kept, gone)
        got: list[str] = []
        hand_over = app.call_from_thread

        def taken_down_first(callback: Callable[..., object], *args: object) -> object:
            async def remove_then_run() -> object:  # the UI runs it after the widget left
                await gone.remove()
                return callback(*args)

            return hand_over(remove_then_run)

        app.call_from_thread = taken_down_first  # type: ignore[method-assign]
        worker = threading.Thread(target=lambda: (deliver(gone, got.append, "gone"),
                                                  deliver(kept, got.append, "kept")))  # fmt: skip
        worker.start()
        while worker.is_alive():
            await asyncio.sleep(0.01)
        deliver_after = threading.Thread(target=deliver, args=(gone, got.append, "after"))
        deliver_after.start()  # gone already: not even handed over
        while deliver_after.is_alive():
            await asyncio.sleep(0.01)
        assert got == ["kept"]
