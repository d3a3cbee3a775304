"""Markdown blocks in the reading view: a bar beside quotes (decoration: offsets unchanged),
code blocks shaded across the measure, headings marked; an empty document says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, opened
from textual.color import Color
from textual.strip import Strip

from tui_reader.ui.widgets.reader import QUOTE_BAR, ReaderView

MARKDOWN = (
    "# Heading\n\nSome text here.\n\n"
    "> A quote that is long enough to wrap around the line at a small width for sure, "
    "and then some more words.\n>\n> Second para of quote.\n\n"
    "```\ncode line 1\ncode\n```\n\nAfter.\n"
)


def row_of(reader: ReaderView, offset: int) -> int:
    return reader.layout_engine.line_of(offset) - int(reader.scroll_y)


def line(reader: ReaderView, offset: int) -> Strip:
    return reader.render_line(row_of(reader, offset))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_quotes_get_a_bar_and_offsets_stay_exact(
    make_app: AppFactory, tmp_path: Path, theme: str
) -> None:
    corpus = tmp_path / "md"
    corpus.mkdir()
    (corpus / "doc.md").write_text(MARKDOWN)
    app = make_app(open_file=corpus / "doc.md", corpus=corpus, measure=40)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        reader = await opened(pilot)
        await pilot.pause()
        doc = reader.document
        assert doc is not None and QUOTE_BAR.strip() not in doc.text  # not in the text
        quote = doc.text.index("A quote")
        wrapped = doc.text.index("and then")  # on a later line of the same quote
        blank_in_quote = doc.text.index("\n\nSecond") + 1
        for offset in (
            quote,
            reader.layout_engine.line_range(reader.layout_engine.line_of(wrapped))[0],
            blank_in_quote,
        ):
            text = line(reader, offset).text
            column = text.index(QUOTE_BAR) + len(QUOTE_BAR)
            start, end = reader.layout_engine.line_range(reader.layout_engine.line_of(offset))
            assert text[column:].startswith(doc.text[start:end][:5])
            # the cell after the bar is the line's first code point
            gutter = reader.styles.gutter
            assert reader.offset_at_screen(column + gutter.left, row_of(reader, offset)) == start
        plain = doc.text.index("Some text")
        text = line(reader, plain).text
        assert QUOTE_BAR not in text
        column = text.index("Some text")
        assert (
            reader.offset_at_screen(column + reader.styles.gutter.left, row_of(reader, plain))
            == plain
        )
        # a code block is shaded across the measure, beyond its short lines
        code = line(reader, doc.text.index("code\n"))
        shaded = [s for s in code if s.style is not None and s.style.bgcolor is not None]
        plain_line = line(reader, doc.text.index("After."))
        background = {s.style.bgcolor for s in plain_line if s.style is not None}
        assert sum(s.cell_length for s in shaded if s.style.bgcolor not in background) >= 40
        # the heading stands out: bold and underlined
        heading = [s for s in line(reader, 0) if s.text.strip() == "eading"]  # H: the caret
        assert heading and heading[0].style is not None
        assert heading[0].style.bold and heading[0].style.underline


async def test_an_empty_document_says_so(make_app: AppFactory, tmp_path: Path) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    (corpus / "nothing.txt").write_text("")
    app = make_app(open_file=corpus / "nothing.txt", corpus=corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await opened(pilot)
        await pilot.pause()
        assert "(empty document)" in reader.render_line(0).text
        await pilot.press("j", "G", "w", "v", "s")  # nothing to move to, nothing breaks
        assert reader.caret == 0


def _luminance(color: Color) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(a: Color, b: Color) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


TEXT_CLASSES = [
    "reader--title", "reader--heading", "reader--quote", "reader--bullet", "reader--code-block",
    "reader--code", "reader--link", "reader--selection", "reader--search-hit",
    "reader--search-current", "reader--empty",
]  # fmt: skip


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_styled_text_is_readable_in_both_themes(
    make_app: AppFactory, corpus_copy: Path, theme: str
) -> None:
    app = make_app(
        open_file=corpus_copy / "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
    )
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        reader = await opened(pilot)
        await pilot.pause()
        base = reader.rich_style
        assert base.color is not None and base.bgcolor is not None
        for name in TEXT_CLASSES:
            style = base + reader._resolve(name)
            assert style.color is not None and style.bgcolor is not None
            fg = Color.from_rich_color(style.color)
            bg = Color.from_rich_color(style.bgcolor)
            assert _contrast(fg, bg) >= 3.0, (name, fg.hex, bg.hex)
        # the selection and search hits are tints, not the theme's full colours
        primary = Color.parse(app.current_theme.primary)
        assert Color.from_rich_color(reader._resolve("reader--selection").bgcolor) != primary
