"""The reading view's scroll bar draws a moved thumb from lines it drew before, and looks
exactly as Textual's own bar would: at every position, hovered, grabbed, after a theme change."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
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
        for y in range(0, view.max_scroll_y + 1, 7):
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
