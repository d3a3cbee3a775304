"""The reading view's scroll bar draws a moved thumb from lines it drew before, and looks
exactly as Textual's own bar would: at every position, hovered, grabbed, after a theme change."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import count_calls
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui_reader.core.documents.document import parse_document
from tui_reader.ui.widgets.line_scrollbar import LineScrollBar
from tui_reader.ui.widgets.reader import ReaderView

TEXT = "\n\n".join(f"Paragraph {n} with a few words in it." for n in range(700))


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReaderView(measure=40)


def textuals(bar: ScrollBar) -> list[list[object]]:
    """The bar's lines as Textual's ScrollBar draws them now (its styles cache cleared)."""
    bar._styles_cache.clear()
    bar._dirty_regions.add(bar.size.region)
    return segments_of(ScrollBar.render_lines(bar, bar.size.region))


def segments_of(strips: list[Strip]) -> list[list[object]]:
    return [list(strip) for strip in strips]


async def test_the_bar_draws_every_position_as_textual_does_from_few_kept_lines() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.set_document(parse_document(TEXT.encode(), Path("t.txt"), "text"))
        await pilot.pause()
        bar = view.vertical_scrollbar
        assert isinstance(bar, LineScrollBar) and bar.display
        seen = set()
        # A position every 21 lines: 66 positions, every kind of line the bar has (17: the
        # track, the thumb, its ends in each eighth of a cell), as every 7 lines met.
        for y in range(0, view.max_scroll_y + 1, 21):
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            ours = segments_of(bar.render_lines(bar.size.region))
            assert ours == textuals(bar), f"at {y}"
            seen.add(tuple(map(tuple, ours)))
        assert len(seen) > 20  # the thumb moved through many places
        assert len(bar._kept) < 40  # from a few kinds of line

        bar.mouse_over = True  # hovered: other colours, drawn anew and right
        await pilot.pause()
        assert segments_of(bar.render_lines(bar.size.region)) == textuals(bar)
        bar.mouse_over = False
        await pilot.pause()
        before = segments_of(bar.render_lines(bar.size.region))
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = segments_of(bar.render_lines(bar.size.region))
        assert after == textuals(bar) and after != before


async def test_a_cropped_bar_is_drawn_by_textual() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.set_document(parse_document(TEXT.encode(), Path("t.txt"), "text"))
        await pilot.pause()
        bar = view.vertical_scrollbar
        part = bar.size.region.crop_size((bar.size.width, 5))
        bar._styles_cache.clear()
        ours = segments_of(bar.render_lines(part))
        bar._styles_cache.clear()
        assert ours == segments_of(ScrollBar.render_lines(bar, part))
        assert len(ours) == 5


def long_text(paragraphs: int = 3_000) -> str:
    """Paragraphs of uneven lengths: the layout's estimate of a chunk's lines is off until
    the chunk is wrapped."""
    words = ["the", "of", "and", "border", "plan", "conference", "a", "an", "government"]
    return "\n\n".join(
        " ".join(words[(n * k) % len(words)] for k in range(3 + (n * 37) % 90))
        for n in range(paragraphs)
    )


async def test_pages_that_wrap_new_chunks_move_the_bar_without_a_layout_of_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.set_document(parse_document(long_text().encode(), Path("t.txt"), "text"))
        view.focus()
        for _ in range(5):  # the screen laid out for the new document, whenever under load
            await pilot.pause(0.05)
        layouts = count_calls(monkeypatch, Screen, "_refresh_layout")
        counts = {view.layout_engine.line_count}
        for _ in range(40):
            await pilot.press("space")
            counts.add(view.layout_engine.line_count)
        await pilot.pause()
        assert len(counts) > 1  # the count of lines changed as the pages came
        assert layouts.calls == 0
        bar = view.vertical_scrollbar
        assert view.virtual_size.height == view.layout_engine.line_count
        assert bar.window_virtual_size == view.virtual_size.height
        assert bar.position == view.scroll_y
        await pilot.press("G")  # the last line can be reached and shown
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        last = view.layout_engine.line_count - 1
        assert view.render_line(last - int(view.scroll_y)).text.strip()
        assert segments_of(bar.render_lines(bar.size.region)) == textuals(bar)
