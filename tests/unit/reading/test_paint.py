"""Painting a line: the engine asks the view for the style of kinds, never of CSS names."""

from __future__ import annotations

from functools import partial

import pytest
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
    assert "".join(s.text for s in segments) == "ab      c       d               e"


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


def test_the_caret_and_marks_cover_an_accent_a_skin_tone_or_a_flag_whole() -> None:
    # The caret on an é written as e and a combining accent (as a Mac or a PDF writes it),
    # on 👍🏽 or on a flag covered its first code point alone: the accent, the skin tone or
    # the flag's second letter was drawn apart, unstyled, and a highlight ending inside one
    # split it the same way.  A style starts and ends between characters as the eye sees them.
    from tui_reader.core.documents.units import next_character

    text = "Cafe\u0301 \U0001f44d\U0001f3fd \U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea n\u0303o"
    starts = [0]
    while starts[-1] < len(text):
        starts.append(next_character(text, starts[-1]))
    for a in range(len(text)):
        for b in range(a + 1, len(text) + 1):
            for caret in (a, b - 1):
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
                assert "".join(s.text for s in segments) == text
                cuts, at = [], 0
                for segment in segments:
                    at += len(segment.text)
                    cuts.append(at)
                assert set(cuts) <= set(starts), (a, b, caret, cuts)


def test_a_search_hit_inside_a_conjunct_paints_it_whole() -> None:
    # A search hit for क in क्षि (a consonant, a virama, a consonant and a vowel sign: one
    # character as the eye sees it) painted क् in the hit's style and षि in another.
    text = "ab \u0915\u094d\u0937\u093f x"
    conjunct = text.index("\u0915")
    segments = paint_line(
        text,
        0,
        len(text),
        spans=RangeIndex([]),
        layers=[RangeIndex([Mark(conjunct, conjunct + 1, MarkKind.SEARCH_HIT)])],
        selection=None,
        caret=None,
        resolve=lambda look: STYLES.get(look, Style()) if not isinstance(look, str) else Style(),
    )
    assert [(s.text, s.style) for s in segments] == [
        ("ab ", Style()),
        ("\u0915\u094d\u0937\u093f", STYLES[MarkKind.SEARCH_HIT]),
        (" x", Style()),
    ]


def test_lines_with_joiners_running_or_after_letters_are_as_wide_as_drawn() -> None:
    # Rich, which Textual draws by, lets a zero-width joiner take the character after it,
    # unless another joiner took the joiner itself.  Of two joiners running the layout took
    # both to take a character (the letter after them measured none): the lines of a text
    # with doubled joiners (a broken emoji sequence) were drawn wider than the measure, the
    # caret cells away from its place.  And a mark ending between "a" and a joiner cut the
    # joiner from the letter it takes ("a\u200d" | "x"): one cell more than the layout said.
    # (An ASCII letter after a joiner is drawn in its own cell, the joiner left out: drawn.)
    from rich.cells import cell_len

    from tui_reader.reading.layout import Layout, drawn

    text = " ".join(["a\u200d\u200db", "👨\u200d\u200d👩", "x\u200d\u200d\u200dy", "c\u200dd"] * 12)
    layout = Layout(text, 20)
    layout.ensure_lines(0, 10**6)
    for y in range(layout.line_count):
        start, end = layout.line_range(y)
        assert layout.cells(start, end) == cell_len(drawn(text[start:end]))
        assert cell_len(drawn(text[start:end]).rstrip(" ")) <= 20
        for mark in range(start, end):
            segments = paint_line(
                text,
                start,
                end,
                spans=RangeIndex([]),
                layers=[FixedLengthMarks([mark], 1, MarkKind.SEARCH_HIT)],
                selection=None,
                caret=None,
                resolve=lambda look: (
                    STYLES.get(look, Style()) if not isinstance(look, str) else Style()
                ),
            )
            assert Segment.get_line_length(segments) == layout.cells(start, end)


def test_a_blank_right_after_a_joiner_is_drawn_as_wide_as_the_layout_says() -> None:
    # Rich lets a zero-width joiner take the character after it: a space, or a tab's first,
    # after one measured no cell, and the line was drawn a cell wider than the layout made it.
    from tui_reader.reading.layout import Layout

    for text in (
        "ab\u200d\tc",
        "a\u200d\u200d\u200d\tc",
        "\u200d\tc",
        "👨\u200d\t👩 x\u200d\ty",
        "ab\u200d c",
        "\u200d c",
        "a\u200d\u200d\u200d c\u200d d",
    ):
        layout = Layout(text, 40)
        layout.ensure_lines(0, 10**6)
        start, end = layout.line_range(0)
        for caret in (None, *range(start, end)):
            segments = paint_line(
                text,
                start,
                end,
                spans=RangeIndex([]),
                layers=[],
                selection=None,
                caret=caret,
                resolve=lambda look: (
                    STYLES.get(look, Style()) if not isinstance(look, str) else Style()
                ),
            )
            assert Segment.get_line_length(segments) == layout.cells(start, end), (text, caret)
            # (the terminal draws a blank after a joiner in a cell of its own)
            assert "\u200d " not in "".join(s.text for s in segments).replace("\u200d" * 2, "")


def test_a_character_carrying_thousands_of_marks_is_drawn_with_a_few() -> None:
    """One character of 5,000 combining accents (hostile text, "Zalgo") gave the terminal all
    of them in one cell, which it cannot hold: they spilled over the rows after it.  A few
    are drawn, as a terminal keeps; the text, its cells and a selection of it are unchanged,
    and a letter with a few accents (Vietnamese, Hebrew points) is drawn whole."""
    from tui_reader.reading.layout import MAX_MARKS_DRAWN

    heavy = "x" + "\u0301" * 5000
    text = f"a {heavy} b ệ שָּׁ c"
    lo = text.index(heavy)
    for selection in (None, (lo, lo + len(heavy))):
        segments = paint_line(
            text,
            0,
            len(text),
            spans=RangeIndex([]),
            layers=[FixedLengthMarks([lo + 2000], 10, MarkKind.SEARCH_HIT)],
            selection=selection,
            caret=lo + 3,
            resolve=lambda look: (
                STYLES.get(look, Style()) if not isinstance(look, str) else Style()
            ),
        )
        shown = "".join(s.text for s in segments)
        assert shown == text.replace(heavy, "x" + "\u0301" * MAX_MARKS_DRAWN)
        assert sum(text_cells(s.text) for s in segments) == text_cells(text)
    assert 4 <= MAX_MARKS_DRAWN <= 16


def test_a_row_starting_inside_a_character_of_thousands_of_marks_draws_none_of_them() -> None:
    """A display line holds 16,384 code points at most: a letter of 100,000 accents goes on
    over rows that start with its accents, which stood bare there, thousands of them."""
    heavy = "x" + "\u0301" * 100_000
    text = f"{heavy} b\n\u0301c"
    paint = partial(
        paint_line,
        spans=RangeIndex([]),
        layers=[],
        selection=None,
        caret=None,
        resolve=lambda look: Style(),
    )
    assert "".join(s.text for s in paint(text, 50_000, len(heavy) + 2)) == " b"
    # a document line that starts with an accent is drawn as it is
    assert "".join(s.text for s in paint(text, len(text) - 2, len(text))) == "\u0301c"


def test_a_style_starting_inside_a_letter_of_100_000_accents_steps_over_them_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A selection or the caret inside a letter of 100,000 accents starts after them, as
    each accent is drawn with the letter: they were stepped over one at a time at each paint
    of the line (150 ms); the run is stepped over at once, the line drawn the same."""
    from helpers.counting import count_calls

    import tui_reader.reading.paint as paint_module
    from tui_reader.reading.layout import MAX_MARKS_DRAWN

    heavy = "x" + "\u0301" * 100_000
    text = f"a {heavy} b"
    looked = count_calls(monkeypatch, paint_module, "second_half")
    segments = paint_line(
        text,
        0,
        len(text),
        spans=RangeIndex([]),
        layers=[],
        selection=(5, 50),
        caret=40,
        resolve=lambda look: Style(bold=True) if look is MarkKind.SELECTION else Style(),
    )
    assert looked.calls < 1_000
    drawn_text = "".join(s.text for s in segments)
    assert drawn_text == text.replace(heavy, "x" + "\u0301" * MAX_MARKS_DRAWN)
    # the styles start after the letter's accents: the letter and its marks one piece
    assert [s.text for s in segments if s.style and s.style.bold] == []
