"""A codebook closed while its workers count the codes and place the passages: they stop at
their next part, nothing more is worked out for a screen that is gone (after a rename at
100,000 annotations they went on beside the next view, ``esc`` then ``Q``), and nothing of
theirs is shown."""

from __future__ import annotations

import threading

import pytest
from helpers.app import ready, screen_opened_by, wait_until
from helpers.passages import Annotated
from helpers.threads import WAIT

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.codebook.tree import CodebookNode
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens import codebook
from tui_reader.ui.screens.codebook import CodebookScreen


async def test_a_codebook_closed_while_its_counts_are_read_works_them_out_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    visible = CodebookScreen._visible
    reading = threading.Event()  # a worker is reading the annotations
    closed = threading.Event()  # the test closed the screen
    after_close: list[str] = []

    def held(self: CodebookScreen) -> list[Annotation]:
        found = visible(self)
        if threading.current_thread() is not threading.main_thread():
            reading.set()
            closed.wait(WAIT)  # the screen closes while the annotations are being read
        return found

    counted_tree = codebook.counted_tree
    refreshed = codebook.refreshed
    passages_of_scope = codebook.passages_of_scope

    def tree(*args: object) -> list[CodebookNode]:
        if closed.is_set():
            after_close.append("counted")
        return counted_tree(*args)  # type: ignore[arg-type]

    def fresh(*args: object) -> object:
        if closed.is_set():
            after_close.append("refreshed")
        return refreshed(*args)  # type: ignore[arg-type]

    def placed(*args: object) -> object:
        if closed.is_set():
            after_close.append("placed")
        return passages_of_scope(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(CodebookScreen, "_visible", held)
    monkeypatch.setattr(codebook, "counted_tree", tree)
    monkeypatch.setattr(codebook, "refreshed", fresh)
    monkeypatch.setattr(codebook, "passages_of_scope", placed)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    shown: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        monkeypatch.setattr(screen, "_counted", lambda *args: shown.append(args))
        monkeypatch.setattr(screen, "_loaded", lambda *args: shown.append(args))
        await wait_until(pilot, reading.is_set)
        workers = [w for w in app.workers if w.node is screen]
        assert workers
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.is_attached)
        closed.set()
        await wait_until(pilot, lambda: all(w.is_finished for w in workers))
        await pilot.pause()
    assert after_close == []  # nothing counted, refreshed or placed for the closed screen
    assert shown == []
