"""The text view's searches run in a worker beside the keys: ``/`` (and ``&``, which finds
its lines by the same search) pause between slices of the text, so a key is answered while
a 50 MB text is searched (``/`` held the interpreter a tenth of a second and more at a time)."""

from __future__ import annotations

import threading

import pytest
from helpers.app import AppFactory, reader_focused, wait_until

from tui_reader.core.search import hits
from tui_reader.core.search.user_pattern import UserPattern
from tui_reader.ui.reading_pane import line_filter, search
from tui_reader.ui.widgets.reader import ReaderView


@pytest.mark.parametrize("key", ["slash", "ampersand"])
async def test_the_search_pauses_between_slices_of_the_text(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    paused: list[int] = []
    for module in (search, line_filter):
        monkeypatch.setattr(module, "yield_to_keys", lambda: paused.append(1), raising=False)
    monkeypatch.setattr(hits, "PAUSED_SLICE", 256, raising=False)  # the text: many slices
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        text = reader.document.text  # type: ignore[union-attr]
        await pilot.press(key, *"Mexico", "enter")
        column = screen.column
        await wait_until(
            pilot, lambda: not column.search.searching and not column.line_filter.filtering
        )
        assert len(paused) >= len(text) // 256 - 1


async def test_a_regular_expression_is_compiled_beside_the_keys(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a long pattern at ``/`` or ``&`` compiled it on the interface's thread, to
    say at once whether it was none: a 320 KB pattern held every key for seconds.  It is
    compiled in the search's worker; one that is none is said as before, the search or the
    filter on before it kept."""
    threads: list[str] = []
    made = UserPattern.__init__

    def compiling(pattern: UserPattern, source: str, *, ignore_case: bool = False) -> None:
        threads.append(threading.current_thread().name)
        made(pattern, source, ignore_case=ignore_case)

    monkeypatch.setattr(UserPattern, "__init__", compiling)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        column = screen.column
        await pilot.press("slash", *"[Mm]exic", "enter")
        await wait_until(pilot, lambda: bool(column.search.hits))
        found, caret = len(column.search.hits), reader.caret
        await pilot.press("slash", *"colou(r", "enter")
        await wait_until(
            pilot, lambda: any("'colou(r': is not a" in n.message for n in app._notifications)
        )
        assert column.search.query == "[Mm]exic" and len(column.search.hits) == found
        assert reader.caret == caret and isinstance(app.focused, ReaderView)
        await pilot.press("ampersand", *"^(In|The) ", "enter")
        await wait_until(pilot, lambda: reader.shown_lines is not None)
        shown = reader.shown_lines
        await pilot.press("ampersand", *"(In", "enter")
        await wait_until(
            pilot, lambda: any("'(In': is not a" in n.message for n in app._notifications)
        )
        assert reader.shown_lines is shown and column.line_filter.query == "^(In|The) "
        await pilot.press("slash", *"zzq[x]", "enter")  # not found: said, compiled beside too
        await wait_until(
            pilot, lambda: any("not found: zzq[x]" in n.message for n in app._notifications)
        )
        assert isinstance(app.focused, ReaderView)
    assert threads and threading.main_thread().name not in threads
