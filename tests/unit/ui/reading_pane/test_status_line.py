"""The status line's source line of an offset: from checkpoints or the last offset asked; what
gives way where the line is short."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.ui.reading_pane.status_line import (
    GIVING_WAY,
    NAME_BEFORE,
    NAME_LEAST,
    NARROW_SEPARATOR,
    SEPARATOR,
    Figure,
    SourceLines,
    fitted,
    searched_figure,
)


@given(
    st.text(alphabet="ab\n", max_size=200),
    st.lists(st.integers(min_value=0, max_value=220), max_size=20),
    st.integers(min_value=1, max_value=16),
)
def test_the_line_of_an_offset_is_one_more_than_the_newlines_before_it(
    text: str, offsets: list[int], span: int
) -> None:
    lines = SourceLines(text, checkpoint=span)
    assert lines.total == text.count("\n") + (0 if text.endswith("\n") else 1)
    for offset in offsets:  # in any order: jumps both ways, small moves, past the end
        expected = text.count("\n", 0, min(offset, len(text))) + 1
        assert lines.line_of(offset) == min(expected, max(1, lines.total))


def test_a_jump_to_the_end_counts_from_a_checkpoint_not_from_the_start() -> None:
    text = "line\n" * 100_000
    lines = SourceLines(text, checkpoint=1_000)

    class Counting(str):
        calls: list[int] = []  # noqa: RUF012

        def count(self, sub: str, start: int = 0, end: int = -1) -> int:  # type: ignore[override]
            type(self).calls.append(end - start)
            return str.count(self, sub, start, end)

    lines.text = Counting(text)
    assert lines.line_of(len(text) - 3) == 100_000
    assert lines.line_of(3) == 1
    assert max(Counting.calls) <= 500


words = st.text(alphabet="abc 1/é東", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def figures_of_a_line(draw: st.DrawFn) -> list[Figure]:
    """Figures each told apart by its first letter, its shorter form that letter alone."""
    figures = []
    for letter, text in zip("ABCDEFG", draw(st.lists(words, max_size=7)), strict=False):
        gives = draw(st.sampled_from(("", *GIVING_WAY)))
        shorter = draw(st.sampled_from(("", letter))) if gives else ""
        figures.append(Figure(letter + text, gives, shorter))
    return figures


@given(st.text(alphabet="ab-._東", max_size=40), figures_of_a_line(), st.integers(2, 120))
def test_the_least_useful_give_way_first_and_the_line_always_fits(
    name: str, figures: list[Figure], width: int
) -> None:
    shown, details = fitted(name, figures, width)
    line = f"{shown}{SEPARATOR}{details}" if shown else details
    assert cell_len(line) <= width
    if shown:  # the name whole, or its start and end around a "…", never under its least
        assert cell_len(shown) >= min(cell_len(name), NAME_LEAST)
        head, _, tail = shown.partition("…")
        assert shown == name or (name.startswith(head) and name.endswith(tail) and "…" in shown)
    if details.endswith("…"):
        return  # the last figures cut: only when all that gives way has, and the name
    parts = details.split(SEPARATOR if SEPARATOR in details else NARROW_SEPARATOR)
    if shown:  # the name is left out before the hint and a turn's time give way
        later = GIVING_WAY[GIVING_WAY.index(NAME_BEFORE) :]
        assert all(f.text in parts for f in figures if f.gives in later), (shown, details)
    for figure in figures:
        if not figure.gives:  # a figure that never gives way shows while none is cut
            assert figure.text in parts, (figure, details)
        elif figure.text not in parts:  # given way: so has each before it in the order
            assert not figure.shorter or figure.shorter in parts, (figure, details)
            earlier = GIVING_WAY[: GIVING_WAY.index(figure.gives)]
            for other in figures:
                assert other.gives not in earlier or other.text not in parts, (other, details)


@given(
    st.text(alphabet="ab-._東", min_size=1, max_size=40), figures_of_a_line(), st.integers(2, 40)
)
def test_figures_are_cut_only_once_everything_else_has_given_way(
    name: str, figures: list[Figure], width: int
) -> None:
    shown, details = fitted(name, figures, width)
    if details.endswith("…") and figures:
        assert not shown
        said = [f.shorter if f.gives else f.text for f in figures]
        assert cell_len(NARROW_SEPARATOR.join(text for text in said if text)) > width


@given(st.text(alphabet="ab-._東", min_size=1, max_size=40), figures_of_a_line())
def test_a_line_with_room_for_everything_says_it_all(name: str, figures: list[Figure]) -> None:
    details = SEPARATOR.join(f.text for f in figures)
    width = cell_len(name) + len(SEPARATOR) + cell_len(details)
    assert fitted(name, figures, width) == (name, details)
    assert fitted(name, figures, width - 1) != (name, details)


def test_a_teams_call_keeps_its_speaker_and_counts_and_shortens_its_name() -> None:
    figures = [
        Figure("[00:00:15] Méndez, Carlos", "time", "Méndez, Carlos"),
        Figure("33%", "percent"),
        Figure("line 7/23"),
        Figure("0 annotations", "count", "0 ann."),
        searched_figure("“checkpoint” 3/9"),
    ]
    name = "teams-call-carlos-mendez-2024-03-14.vtt"
    assert fitted(name, figures, 80) == (
        "teams-…4.vtt",  # (its least: the hit's word took four of its cells)
        "[00:00:15] Méndez, Carlos · line 7/23 · 0 annotations · hit 3/9",
    )
    assert fitted(name, figures, 52) == (
        "",
        "Méndez, Carlos · line 7/23 · 0 annotations · hit 3/9",
    )


@pytest.mark.parametrize(
    ("said", "shorter"),
    [
        ("“checkpoint” 3/9", "hit 3/9"),
        ("“checkpoint” 1/500+ (from the top)", "hit 1/500+"),  # a notice says it went round
        ("“checkpoint” 9/9 (from the bottom)", "hit 9/9"),
        ("“checkpoint” 12 hits", "12 hits"),
        ("“checkpoint” not found", "no hits"),
        ("“checkpoint” not on the lines shown", "no hits on the lines shown"),
        ("“a” 2/3” 1/1", "hit 1/1"),  # a pattern holding a closing quote and a space
        ("searching…", "searching…"),
    ],
)
def test_a_search_s_figure_says_what_it_counts_without_its_pattern(said: str, shorter: str) -> None:
    """Where the line was tight a search said a bare "1/1" after the count of annotations,
    which read as a count of them, or of lines: without its pattern it says what it counts."""
    figure = searched_figure(said)
    assert (figure.text, figure.shorter) == (said, shorter)
    figures = [
        Figure("33%", "percent"),
        Figure("line 7/23"),
        Figure("2 annotations", "count", "2 ann."),
        figure,
    ]
    for width in range(20, 80):
        _, details = fitted("interview3.docx", figures, width)
        if details.endswith(said):
            continue
        assert details.endswith(f" · {shorter}") or details.endswith("…"), (width, details)


def test_pages_left_out_are_said_shorter_before_a_search_s_hit_is_cut(tmp_path: Path) -> None:
    # Before: "p. 2: a picture without text (a scan?)" never gave way, and the hit the caret
    # was on was cut off the line's end ("p. 3/3 · p. 2: … · line 40/40 · …").
    from helpers.format_fixtures import make_pdf_with_scans_among

    from tui_reader.core.documents.document import load_document
    from tui_reader.ui.reading_pane.status_line import StatusLine

    path = make_pdf_with_scans_among(tmp_path / "report.pdf", 3, [1], running_on=True)
    document = load_document(path)
    line = StatusLine()
    line.show_reading(document, document.page_start(3), None, 4, "“the next” 39/79")
    figures = line._figures
    whole = fitted("", figures, 200)[1]
    assert "p. 2: a picture without text (a scan?)" in whole and "“the next” 39/79" in whole
    for width in range(54, 100):  # from where every figure fits, the shortest said
        details = fitted("", figures, width)[1]
        assert "hit 39/79" in details or "“the next” 39/79" in details, (width, details)
        assert "p. 2" in details, (width, details)
    assert "p. 2 not read" in fitted("", figures, 60)[1]
