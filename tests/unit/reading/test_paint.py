"""Painting a line: the engine asks the view for the style of kinds, never of CSS names."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.reading.layout import text_cells
from tui_reader.reading.marks import FixedLengthMarks, Look, Mark, MarkKind, RangeIndex
from tui_reader.reading.paint import paint_line

STYLES: dict[SpanKind | MarkKind, Style] = {
    SpanKind.STRONG: Style(bold=True),
    MarkKind.SEARCH_HIT: Style(bgcolor="yellow"),
    MarkKind.SELECTION: Style(reverse=True),
    MarkKind.CARET: Style(underline=True),
}


def test_spans_marks_selection_and_caret_are_styled_by_kind() -> None:
    asked: list[SpanKind | Look] = []

    def resolve(look: SpanKind | Look) -> Style:
        asked.append(look)
        assert not isinstance(look, str) or isinstance(look, SpanKind), look
        return look if isinstance(look, Style) else STYLES.get(look, Style())

    text = "Some bold text here"
    segments = paint_line(
        text,
        0,
        len(text),
        spans=RangeIndex([Span(5, 9, SpanKind.STRONG), Span(0, 4, SpanKind.PARAGRAPH)]),
        layers=[FixedLengthMarks([10], 4, MarkKind.SEARCH_HIT)],
        selection=(15, 19),
        caret=len(text),  # past the end: one more cell
        resolve=resolve,
    )
    assert "".join(s.text for s in segments) == text + " "
    styled = {s.text: s.style for s in segments}
    assert styled["bold"] == Style(bold=True)
    assert styled["text"] == Style(bgcolor="yellow")
    assert styled["here"] == Style(reverse=True)
    assert segments[-1].style == Style(underline=True)
    assert set(asked) == {SpanKind.STRONG, SpanKind.PARAGRAPH, MarkKind.SEARCH_HIT,
                          MarkKind.SELECTION, MarkKind.CARET}  # fmt: skip


def test_tabs_are_drawn_to_the_next_tab_stop_whatever_marks_cut_them() -> None:
    text = "ab\tc\td\t\te"
    segments = paint_line(
        text,
        0,
        len(text),
        spans=RangeIndex([]),
        layers=[FixedLengthMarks([1, 4], 1, MarkKind.SEARCH_HIT)],  # cut before each tab
        selection=None,
        caret=None,
        resolve=lambda look: STYLES.get(look, Style()) if not isinstance(look, str) else Style(),
    )
    assert "".join(s.text for s in segments) == "ab  c   d       e"


def test_a_mark_or_caret_never_parts_an_emoji_from_its_selector_or_joined_picture() -> None:
    # A search for ❤ marked the heart of ❤️ without its selector, and the caret on it
    # covered the heart alone: the line was given to the terminal as ❤ (one cell) and a
    # lone selector, one cell shorter than the two-cell heart drawn, so the rest of the
    # line and the scroll bar moved one cell.
    family = "👨\u200d👩\u200d👧"
    text = f"I ❤\ufe0f my {family} and ☺\ufe0f."
    for a in range(len(text)):
        for b in range(a + 1, min(len(text), a + 3) + 1):
            for caret in (a, len(text)):
                segments = paint_line(
                    text,
                    0,
                    len(text),
                    spans=RangeIndex([]),
                    layers=[RangeIndex([Mark(a, b, MarkKind.SEARCH_HIT)])],
                    selection=None,
                    caret=caret,
                    resolve=lambda look: (
                        STYLES.get(look, Style()) if not isinstance(look, str) else Style()
                    ),
                )
                assert "".join(s.text for s in segments).startswith(text)
                expected = text_cells(text) + (caret == len(text))  # a caret at the end: a cell
                assert Segment.get_line_length(segments) == expected, (a, b, caret)
