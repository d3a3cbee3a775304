"""The ReaderView on its own: decoration layers, messages, mouse, empty documents."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual import on
from textual.app import App, ComposeResult

from tui_reader.core.documents.document import parse_document
from tui_reader.reading.marks import MarkKind
from tui_reader.ui.widgets.reader import Mark, ReaderView

TEXT = "# Heading\n\nSome *emphasis* and `code`.\n\n> A quote.\n\n- one\n- two\n"


class ViewApp(App[None]):
    CSS = "ReaderView { padding: 1 2; }"

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield ReaderView(measure=40)

    @on(ReaderView.CaretMoved)
    def caret(self, event: ReaderView.CaretMoved) -> None:
        self.events.append(("caret", event.caret))

    @on(ReaderView.SelectionChanged)
    def selection(self, event: ReaderView.SelectionChanged) -> None:
        self.events.append(("selection", event.selection))


def styles_at(view: ReaderView, offset: int) -> Style:
    """The style painted on the cell of ``offset`` (on screen)."""
    y, column = view.layout_engine.position_of(offset)
    strip = view.render_line(y - int(view.scroll_y))
    x = column + (view.scrollable_content_region.width - (view.layout_engine.width + 1)) // 2
    cropped = list(strip.crop(x, x + 1))
    return cropped[0].style or Style()


async def test_layers_paint_in_order_and_selection_and_caret_on_top() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        document = parse_document(TEXT.encode(), Path("t.md"), "markdown")
        view.set_document(document)
        await pilot.pause()
        text = document.text
        at = text.index("emphasis")
        view.set_marks("highlights", [Mark(at, at + 8, Style(bgcolor="red"))])
        view.set_marks("search", [Mark(at + 2, at + 4, Style(bgcolor="blue"))])
        await pilot.pause()
        assert styles_at(view, at).bgcolor.name == "red"  # type: ignore[union-attr]
        assert styles_at(view, at + 2).bgcolor.name == "blue"  # type: ignore[union-attr]
        assert styles_at(view, at).italic  # the emphasis span shows through
        view.clear_marks("search")
        await pilot.pause()
        assert styles_at(view, at + 2).bgcolor.name == "red"  # type: ignore[union-attr]
        view.move_caret(at)
        view.focus()
        await pilot.press("v", "w")
        assert view.selection == (at, text.index(" and"))  # w selecting: the word, whole
        selection_bg = view._resolve("reader--selection").bgcolor  # a tint over the background
        assert styles_at(view, at + 1).bgcolor == selection_bg
        assert ("selection", (at, at + 1)) in app.events  # v: the character under the caret
        assert ("selection", view.selection) in app.events
        assert ("caret", view.caret) in app.events
        await pilot.press("escape")
        assert view.selection is None and app.events[-1] == ("selection", None)


async def test_click_puts_the_caret_under_the_pointer() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        document = parse_document(b"first line\nsecond line here\n", Path("t.txt"), "text")
        view.set_document(document)
        await pilot.pause()
        pad = (view.scrollable_content_region.width - (view.layout_engine.width + 1)) // 2
        await pilot.click(ReaderView, offset=(2 + pad + 7, 1 + 1))  # inside the padding
        assert view.caret == document.text.index("line here")


async def test_double_click_selects_the_word_and_triple_click_the_paragraph() -> None:
    """A double click selected nothing (it only put the caret down twice)."""
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        text = b"first line\nsecond line here\n\nanother paragraph\n"
        document = parse_document(text, Path("t.txt"), "text")
        view.set_document(document)
        await pilot.pause()
        pad = (view.scrollable_content_region.width - (view.layout_engine.width + 1)) // 2
        where = (2 + pad + 9, 1 + 1)  # on "line" of the second line
        await pilot.double_click(ReaderView, offset=where)
        await pilot.pause()
        at = document.text.index("line here")
        assert view.selection == (at, at + len("line"))
        await pilot.triple_click(ReaderView, offset=where)
        await pilot.pause()
        assert view.selection == (0, document.text.index("\n\n"))
        await pilot.click(ReaderView, offset=where)  # a click again: the caret alone
        await pilot.pause()
        assert view.selection is None and view.caret == at + 2


async def test_a_triple_click_in_a_transcript_leaves_the_speaker_out() -> None:
    """A triple click took the speaker's label with the paragraph, which p leaves out."""
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        text = (
            b"Interviewer: Thanks for coming in today.\n\nAna: Happy to be here.\n\n"
            b"Interviewer: Tell me about the border.\n\nAna: It closed in March.\n"
        )
        document = parse_document(text, Path("t.txt"), "text")
        assert document.turns
        view.set_document(document)
        await pilot.pause()
        pad = (view.scrollable_content_region.width - (view.layout_engine.width + 1)) // 2
        await pilot.triple_click(ReaderView, offset=(2 + pad + 20, 1))
        await pilot.pause()
        assert view.selection is not None
        start, end = view.selection
        assert document.text[start:end] == "Thanks for coming in today."


async def test_empty_and_missing_documents_render_and_ignore_keys() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.focus()
        await pilot.press("j", "G", "w", "right_parenthesis", "v", "l", "escape")
        view.set_document(parse_document(b"", Path("e.txt"), "text"))
        await pilot.press("j", "G", "w", "right_parenthesis", "left_curly_bracket", "space", "g")
        assert view.caret == 0
        assert view.render_line(0).text.strip() == "(empty document)"  # not a blank pane


class WideApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReaderView(measure=200)


def caret_on_screen(view: ReaderView) -> bool:
    y = view.layout_engine.line_of(view.caret)
    return int(view.scroll_y) <= y < int(view.scroll_y) + view.size.height


async def test_the_caret_stays_in_view_in_a_long_chinese_text() -> None:
    # A Chinese line takes twice the lines its length foretells: wrapping the part above the
    # caret exactly moved the caret's line down out of the view (G showed a page far above
    # the end; so did a resize, and opening at a place read before).
    line = "".join(chr(0x4E00 + (i * 7919) % 20_000) for i in range(1_200_000))
    document = parse_document(f"标题\n{line}\n完\n".encode(), Path("t.txt"), "plain")
    app = WideApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.set_document(document)
        await pilot.pause()
        view.focus()
        await pilot.press("G")
        assert caret_on_screen(view)
        for size in ((120, 20), (60, 20), (200, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert caret_on_screen(view), size
        view.set_document(document, caret=len(document.text) - 10)
        await pilot.pause()
        assert caret_on_screen(view)


async def test_the_caret_on_spaces_past_a_full_line_stays_in_sight() -> None:
    # In a view narrower than the measure, a full line's spaces hang past its end: the caret
    # on the second of them (or at the end of a full line) was cut off with the line.
    app = WideApp()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ReaderView)
        cells = view._text_width()
        text = "x" * cells + "  next\n" + "y" * cells + " \nend"
        view.set_document(parse_document(text.encode(), Path("t.txt"), "plain"))
        await pilot.pause()
        assert view.layout_engine.width == cells
        caret_style = view.rich_style + view._resolve(MarkKind.CARET)
        width = view.scrollable_content_region.width
        for caret in (cells + 1, text.index("\nend")):
            view.move_caret(caret)
            await pilot.pause()
            strip = view.render_line(view.layout_engine.line_of(caret) - int(view.scroll_y))
            assert strip.cell_length == width
            assert any(segment.style == caret_style for segment in strip), caret


async def test_the_whole_document_replacing_its_beginning_keeps_the_selection_and_the_end() -> None:
    # A big file shows its beginning while the rest loads.  A selection made meanwhile was
    # dropped when the whole came, and G left the caret at the end of the beginning.
    whole_text = "".join(f"Line {i} of a long text.\n" for i in range(3000))
    whole = parse_document(whole_text.encode(), Path("t.txt"), "text")
    beginning = parse_document(whole_text[:2000].encode(), Path("t.txt"), "text")
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ReaderView)
        view.set_document(beginning)
        await pilot.pause()
        view.focus()
        await pilot.press("j", "v", "G")
        anchor = view.selection[0]  # type: ignore[index]
        assert anchor > 0 and view.caret == len(beginning.text)
        view.replace_document(whole)
        await pilot.pause()
        assert view.caret == len(whole.text)
        assert view.selection == (anchor, len(whole.text))
        # a caret that came to the beginning's end by lines stays where it is
        view.set_document(beginning)
        await pilot.press("v", "down", "down")
        at = view.caret
        view.replace_document(whole)
        assert view.caret == at and view.selection is not None
