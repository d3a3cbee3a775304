"""The reading view finishes its lines itself (padding, the gutter's background, the app's
filters) exactly as Textual's styles cache would, in every state the view is drawn in; a line
drawn again is the one kept, not made anew."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui_reader.ui.widgets.reader import ReaderView


def textuals(view: ReaderView, crop: Region) -> list[list[object]]:
    """``crop`` of the view as Textual's styles cache draws it (nothing kept from before)."""
    view._styles_cache.clear()
    return segments_of(Widget.render_lines(view, crop))


def segments_of(strips: list[Strip]) -> list[list[object]]:
    return [list(strip) for strip in strips]


def same_as_textual(view: ReaderView, crop: Region | None = None) -> bool:
    crop = view.region.reset_offset if crop is None else crop
    return segments_of(view.render_lines(crop)) == textuals(view, crop)


async def test_lines_are_finished_as_textual_finishes_them_in_every_state(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = "\n\n".join(f"Paragraph {n}: the border, the plan, the words." for n in range(300))
    (corpus / "a.md").write_text(f"# Title\n\n> A quote.\n\n```\ncode\n```\n\n{body}\n")
    async with make_app(corpus=corpus, open_file=corpus / "a.md").run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        view = screen.reader
        assert view.styles.padding.left or view.styles.padding.right  # padded: the real case
        assert same_as_textual(view)
        await pilot.press("j", "j", "v", "w", "w")  # a selection
        assert same_as_textual(view)
        await pilot.press("escape", "space")  # a new page
        assert same_as_textual(view)
        assert same_as_textual(view, Region(3, 2, 40, 5))  # a part of it
        await pilot.press("slash", *"plan", "enter")  # search hits
        await pilot.pause()
        assert same_as_textual(view)
        screen.library.table.focus()  # the caret of a view without focus
        await pilot.pause()
        assert same_as_textual(view)
        pilot.app.theme = "textual-light" if pilot.app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert same_as_textual(view)


async def test_a_line_drawn_again_is_the_one_kept(make_app: AppFactory, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = "\n\n".join(f"Paragraph {n} of the text." for n in range(300))
    (corpus / "a.txt").write_text(body)
    async with make_app(corpus=corpus, open_file=corpus / "a.txt").run_test(
        size=(120, 40)
    ) as pilot:
        view = (await ready(pilot)).reader
        region = view.region.reset_offset
        top = view.render_lines(region)
        await pilot.press("G")
        assert view.render_lines(region)[0] is not top[0]
        await pilot.press("g")
        again = view.render_lines(region)
        assert [a is b for a, b in zip(again, top, strict=True)].count(False) <= 3  # caret's
        assert same_as_textual(view)


async def test_a_view_with_a_border_is_left_to_textual(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Some words.\n\nMore words.\n")
    async with make_app(corpus=corpus, open_file=corpus / "a.txt").run_test(
        size=(120, 40)
    ) as pilot:
        view = (await ready(pilot)).reader
        view.styles.border = ("round", "red")
        view.styles.padding = (1, 2)
        await pilot.pause()
        region = view.region.reset_offset
        assert view._finished.render_lines(view, region, view.render_line) is None
        assert same_as_textual(view)


def kept_as_textual(widget: Widget) -> bool:
    crop = widget.region.reset_offset
    kept = segments_of(widget.render_lines(crop))
    widget._styles_cache.clear()
    return kept == segments_of(Widget.render_lines(widget, crop))


async def test_kept_lines_are_those_textual_would_draw_in_every_state(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The document's title and the library's frame keep their lines between changes: what
    they give is what Textual would draw then, through every change of their content, focus,
    theme and size."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(f"Text {name}.\n\n" + "Some words. " * 400)
    async with make_app(corpus=corpus, open_file=corpus / "a.txt").run_test(
        size=(120, 40)
    ) as pilot:
        screen = await ready(pilot)
        title = screen.query_one("#doc-title", Widget)
        kept = (title, screen.library)
        steps: list[tuple[str, ...]] = [
            (), ("j", "j", "space"), ("L",), ("L",), ("slash", "b"), ("escape",), ("enter",),
            ("theme",), ("resize",), ("tab",), ("G",),
        ]  # fmt: skip
        for keys in steps:
            if keys == ("theme",):
                pilot.app.theme = "textual-light" if pilot.app.theme != "textual-light" else "nord"
            elif keys == ("resize",):
                await pilot.resize_terminal(150, 30)
            else:
                await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            for widget in kept:
                if widget.display and widget.region:
                    widget.render_lines(widget.region.reset_offset)  # drawn, then kept
                    assert kept_as_textual(widget), (keys, widget)
