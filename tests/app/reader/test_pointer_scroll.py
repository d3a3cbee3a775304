"""The view scrolled by the pointer (the mouse wheel, the scroll bar) takes the caret with it,
as vim does: the caret stayed where it was, out of sight, and the next key (``j``, ``v``,
``s`` to select the sentence read) took the view back to it, pages away from what was read."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready, wait_until
from textual import events
from textual.scrollbar import ScrollDown

from tui_reader.ui.widgets.reader import ReaderView

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _caret_line(reader: ReaderView) -> int:
    return reader.layout_engine.position_of(reader.caret)[0]


def _in_view(reader: ReaderView) -> bool:
    top = int(reader.scroll_y)
    return top <= _caret_line(reader) < top + reader.scrollable_content_region.height


async def test_the_wheel_takes_the_caret_along_and_the_next_key_reads_on_from_there(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        reader.focus()
        await pilot.press("g")
        await pilot.pause()
        wheel = {"widget": reader, "x": 5, "y": 5, "delta_x": 0, "delta_y": 0, "button": 0,
                 "shift": False, "meta": False, "ctrl": False}  # fmt: skip
        for _ in range(8):
            reader.post_message(events.MouseScrollDown(**wheel))  # type: ignore[arg-type]
        await wait_until(pilot, lambda: reader.scroll_y >= 10)
        await pilot.pause()
        top = int(reader.scroll_y)
        assert _in_view(reader), (top, _caret_line(reader))
        assert _caret_line(reader) == top  # the first line shown
        await pilot.press("j")
        await pilot.pause()
        assert int(reader.scroll_y) == top  # not back at the start
        assert _caret_line(reader) == top + 1
        await pilot.press("v", "j")
        await pilot.pause()
        selection = reader.selection
        assert selection is not None
        assert reader.layout_engine.position_of(selection[0])[0] == top + 1  # where read

        # On with the wheel, the selection made: it follows the caret, as a drag's does.
        for _ in range(4):
            reader.post_message(events.MouseScrollDown(**wheel))  # type: ignore[arg-type]
        await wait_until(pilot, lambda: reader.scroll_y >= top + 6)
        await pilot.pause()
        assert _caret_line(reader) == int(reader.scroll_y)
        assert reader.selection is not None
        assert reader.selection[0] == selection[0] and reader.selection[1] > selection[1]


async def test_a_click_on_the_scroll_bar_takes_the_caret_along(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        reader.focus()
        await pilot.press("g")
        await pilot.pause()
        reader.post_message(ScrollDown())  # as a click on the bar below its thumb posts it
        await wait_until(pilot, lambda: reader.scroll_y >= 10)
        await pilot.wait_for_animation()  # the page is an animation: read the view it ends on
        await pilot.pause()
        assert _in_view(reader), (reader.scroll_y, _caret_line(reader))
        top = int(reader.scroll_y)
        await pilot.press("k")  # at the view's first line: up one, the view with it
        await pilot.pause()
        assert int(reader.scroll_y) == top - 1
