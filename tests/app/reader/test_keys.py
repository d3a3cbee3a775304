"""Every key of the reader's contract, driven through the whole app with Pilot."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path

from helpers.app import (
    AppFactory,
    command_chosen,
    in_turn,
    reader_focused,
    ready,
    screen_lines,
    status_text,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input

from tui_reader.core.documents import units as textnav
from tui_reader.core.search.hits import find_hits
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library import LibraryTable
from tui_reader.ui.widgets.reader import ReaderView

SIZE = (120, 40)


def visible(reader: ReaderView) -> bool:
    """The caret's line is on screen."""
    y = reader.layout_engine.line_of(reader.caret)
    return int(reader.scroll_y) <= y < int(reader.scroll_y) + reader.size.height


async def start_shows_library_and_first_document(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    entries = screen.library.entries
    assert [e.readable for e in entries] == [True, True]
    assert entries[0].words > 500 and entries[0].title.startswith("Mexico Hosts")
    assert screen.reader.document is not None
    assert screen.reader.document.title == entries[0].title
    assert isinstance(app.focused, LibraryTable)
    assert "0 annotations" in status_text(screen)
    assert "line 1/" in status_text(screen)


async def tab_and_shift_tab_move_between_panes(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    assert isinstance(app.focused, LibraryTable)
    await pilot.press("tab")
    assert isinstance(app.focused, ReaderView)
    await pilot.press("shift+tab")
    assert isinstance(app.focused, LibraryTable)


async def library_keys_move_and_enter_opens(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    table = screen.library.table
    await pilot.press("j")
    assert table.cursor_row == 1
    await pilot.press("k")
    assert table.cursor_row == 0
    await pilot.press("down")
    assert table.cursor_row == 1
    await pilot.press("up", "down", "enter")
    await wait_until(pilot, lambda: screen.pane.key is not None and "us-wants" in screen.pane.key)
    assert isinstance(app.focused, ReaderView)
    assert screen.reader.document is not None
    assert screen.reader.document.title.startswith("US Wants Mexico")


async def library_slash_filters_as_you_type(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    await pilot.press("slash")
    assert isinstance(app.focused, Input)
    await pilot.press(*"ramp")
    assert screen.library.table.row_count == 1
    await pilot.press("enter")
    assert isinstance(app.focused, LibraryTable)
    await pilot.press("enter")
    await wait_until(pilot, lambda: "us-wants" in (screen.pane.key or ""))
    screen.library.table.focus()
    await pilot.press("slash", "escape")
    assert screen.library.table.row_count == 2


async def next_and_previous_document(pilot: Pilot[object], screen: MainScreen) -> None:
    screen.reader.focus()
    first = screen.pane.key
    await pilot.press("greater_than_sign")
    await wait_until(pilot, lambda: screen.pane.key != first)
    assert "us-wants" in (screen.pane.key or "")
    await pilot.press("less_than_sign")
    await wait_until(pilot, lambda: screen.pane.key == first)


async def palette_opens_a_document(pilot: Pilot[object], screen: MainScreen) -> None:
    await command_chosen(pilot, "Open: US Wants")
    await wait_until(pilot, lambda: "us-wants" in (screen.pane.key or ""))


async def line_and_character_keys(pilot: Pilot[object], screen: MainScreen) -> None:
    reader = screen.reader
    reader.focus()
    layout = reader.layout_engine
    await pilot.press("l", "l", "right")
    assert reader.caret == 3
    await pilot.press("h", "left")
    assert reader.caret == 1
    for key, step in (("j", 1), ("down", 1), ("k", -1), ("up", -1), ("j", 1)):
        before = layout.line_of(reader.caret)
        await pilot.press(key)
        assert layout.line_of(reader.caret) == before + step, key
    # The goal column survives a short line: down through a blank line and back.
    reader.move_caret(5)
    column = layout.position_of(reader.caret)[1]
    await pilot.press("j", "j", "j", "j")
    assert layout.position_of(reader.caret)[1] in (column, len(reader.document.text))  # type: ignore[union-attr]
    await pilot.press("h")
    await pilot.press("left")
    assert visible(reader)


async def zero_and_dollar_go_to_the_ends_of_the_line_on_screen(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    # vim's 0 and $ did nothing; $ then j keeps to the ends of the lines, as in vim.
    reader = screen.reader
    reader.focus()
    layout, text = reader.layout_engine, reader.document.text  # type: ignore[union-attr]
    y = next(
        y
        for y in range(1, 30)
        if all(b - a > 20 for a, b in (layout.line_range(y), layout.line_range(y + 1)))
    )
    start, end = layout.line_range(y)
    reader.move_caret(start + 10)
    await pilot.press("0")
    assert reader.caret == start
    await pilot.press("dollar_sign")
    assert reader.caret == textnav.previous_character(text, end)
    await pilot.press("j")
    start, end = layout.line_range(y + 1)
    assert reader.caret == textnav.previous_character(text, end)
    await pilot.press("circumflex_accent")
    assert reader.caret == start


async def word_sentence_paragraph_keys(pilot: Pilot[object], screen: MainScreen) -> None:
    reader = screen.reader
    reader.focus()
    text = reader.document.text  # type: ignore[union-attr]
    for key, forward in (
        ("w", textnav.next_word),
        ("right_parenthesis", textnav.next_sentence),
        ("right_curly_bracket", textnav.next_paragraph),
    ):
        for _ in range(3):
            expected = forward(text, reader.caret)
            await pilot.press(key)
            assert reader.caret == expected > 0, key
    for key, backward in (
        ("b", textnav.previous_word),
        ("left_parenthesis", textnav.previous_sentence),
        ("left_curly_bracket", textnav.previous_paragraph),
    ):
        expected = backward(text, reader.caret)
        await pilot.press(key)
        assert reader.caret == expected, key
    # ")" lands on the start of a sentence as a reader counts them.
    reader.move_caret(text.index("In a move"))
    await pilot.press("right_parenthesis")
    assert text[reader.caret :].startswith("After a tradition")


async def page_keys_and_ends_follow_the_caret(pilot: Pilot[object], screen: MainScreen) -> None:
    reader = screen.reader
    reader.focus()
    layout = reader.layout_engine
    text_length = len(reader.document.text)  # type: ignore[union-attr]
    for key in ("space", "pagedown", "ctrl+f"):  # less's and vim's keys too
        before = layout.line_of(reader.caret)
        await pilot.press(key)
        assert layout.line_of(reader.caret) >= before + reader.size.height - 2, key
        assert visible(reader)
    for key in ("pageup", "ctrl+b"):
        before = layout.line_of(reader.caret)
        await pilot.press(key)
        assert layout.line_of(reader.caret) <= before - reader.size.height + 2, key
    before = layout.line_of(reader.caret)
    await pilot.press("ctrl+d")
    assert layout.line_of(reader.caret) == before + reader.size.height // 2
    await pilot.press("ctrl+u")
    assert layout.line_of(reader.caret) == before
    await pilot.press("G")
    assert reader.caret == text_length and visible(reader)
    assert reader.scroll_y > 0
    await pilot.press("g")
    assert reader.caret == 0 and reader.scroll_y == 0
    await pilot.press("end")
    assert reader.caret == text_length
    await pilot.press("home")
    assert reader.caret == 0


async def selection_extends_with_motions_and_escape_cancels(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    reader = screen.reader
    reader.focus()
    await pilot.press("w", "v", "w", "w")
    text = reader.document.text  # type: ignore[union-attr]
    start = textnav.next_word(text, 0)
    # the caret on the second word's last letter, in the selection (vim's visual mode)
    second = textnav.next_word(text, start)
    end = textnav.word_range(text, second)[1]  # type: ignore[index]
    assert reader.selection == (start, end) and reader.caret == end - 1
    assert f"selected {end - start} chars" in status_text(screen)
    await pilot.press("b")
    assert reader.selection == (start, reader.caret + 1)
    await pilot.press("escape")
    assert reader.selection is None
    assert "selected" not in status_text(screen)


async def a_selection_grown_by_a_sentence_or_paragraph_ends_with_it(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    """``v`` then ``)`` (or ``}``) took the next sentence's (paragraph's) first letter into
    the passage, the caret's character being in the selection: "…the plan. T", tagged so.
    Growing forward, the selection takes the sentence (paragraph) to its last character, as
    ``w`` takes a word to its last letter; ``)`` again takes the next one whole."""
    reader = screen.reader
    reader.focus()
    text = reader.document.text  # type: ignore[union-attr]
    for key, unit in (
        ("right_parenthesis", textnav.sentence_range),
        ("right_curly_bracket", textnav.paragraph_range),
    ):
        reader.move_caret(0)
        await pilot.press("v", key)
        first = textnav.spaces_trimmed(text, *unit(text, 0))
        assert reader.selection == first, (key, text[slice(*reader.selection or (0, 0))][-30:])
        await pilot.press(key)
        following = (
            textnav.next_sentence if unit is textnav.sentence_range else textnav.next_paragraph
        )
        second = textnav.spaces_trimmed(text, *unit(text, following(text, 0)))
        assert reader.selection == (0, second[1]), key
        await pilot.press("escape")


async def a_one_character_selection_is_said_in_the_singular(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    screen.reader.focus()
    await pilot.press("v")  # the character under the caret, as vim's v takes it
    assert screen.reader.selection == (0, 1)
    assert "selected 1 char " in status_text(screen) + " ", status_text(screen)
    await pilot.press("l")
    assert "selected 2 chars" in status_text(screen)


async def the_status_line_follows_the_caret_in_the_same_frame(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    """The status line said the old line for a frame after the caret had moved (it followed a
    message handled later): in a real terminal it changed 25-30 ms after the caret."""
    reader = screen.reader
    assert reader.document is not None and "line 1/" in status_text(screen)
    third = reader.document.text.index("\n", reader.document.text.index("\n") + 1) + 1
    reader.caret = third + 1  # as a motion sets it; nothing awaited after this
    assert "line 3/" in status_text(screen)
    await pilot.pause()
    assert "line 3/" in status_text(screen)


async def search_escape_closes_the_prompt(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    screen.reader.focus()
    await pilot.press("slash", "x", "escape")
    assert isinstance(app.focused, ReaderView)
    assert len(screen.column.search.hits) == 0


async def search_jumps_counts_highlights_and_cycles(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    app = pilot.app
    reader = screen.reader
    reader.focus()
    text = reader.document.text  # type: ignore[union-attr]
    hits = list(find_hits(text, "mexico"))
    assert len(hits) > 3
    await pilot.press("slash", *"mexico", "enter")
    await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
    assert list(screen.column.search.hits) == hits
    assert reader.caret == hits[0][0]  # the first hit after the caret (at 0)
    assert f"1/{len(hits)}" in status_text(screen)
    assert isinstance(app.focused, ReaderView)
    await pilot.press("n")
    assert reader.caret == hits[1][0]
    await pilot.press("n", "N")
    assert reader.caret == hits[1][0]
    assert f"2/{len(hits)}" in status_text(screen)
    assert "from the" not in status_text(screen)
    await pilot.press("N", "N")  # wraps to the last hit, and says so
    assert reader.caret == hits[-1][0]
    # (the line says it where it has room for the pattern: left out with it, a notice says it)
    assert f"{len(hits)}/{len(hits)}" in status_text(screen)
    assert any("Search hit the top" in n.message for n in app._notifications)
    await pilot.press("n")
    assert reader.caret == hits[0][0] and f" 1/{len(hits)}" in status_text(screen)
    assert any("Search hit the bottom" in n.message for n in app._notifications)
    await pilot.press("G")
    await pilot.press("N")
    assert reader.caret == hits[-1][0] and "from the" not in status_text(screen)
    # Hits are drawn: the caret's line shows the current hit's colour.
    current = reader.get_component_rich_style("reader--search-current", partial=True)
    y = reader.layout_engine.line_of(reader.caret) - int(reader.scroll_y)
    strip = reader.render_line(y)
    assert any(seg.style and seg.style.bgcolor == current.bgcolor for seg in strip)
    await pilot.press("escape")
    assert len(screen.column.search.hits) == 0 and "“mexico”" not in status_text(screen)
    # Enter alone searches again for the last query, from the caret.
    reader.move_caret(hits[2][0])
    await pilot.press("slash", "enter")
    await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
    assert reader.caret == hits[2][0] and f"3/{len(hits)}" in status_text(screen)
    await pilot.press("escape")
    # A capital makes the search exact; a miss says so.
    await pilot.press("slash", *"MEXICO", "enter")
    await wait_until(pilot, lambda: "not found" in status_text(screen))
    assert len(screen.column.search.hits) == 0


async def marks_set_with_m_and_a_letter_are_gone_back_to_with_a_quote(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    # less's marks: m and a letter marks the place, ' and the letter goes back to it, ''
    # back to where the last jump (a mark, g, G, a search) started.  The letter after m or '
    # is the mark's name, never a key of its own (a annotates, G goes to the bottom).
    app = pilot.app
    reader = screen.reader
    reader.focus()
    text_length = len(reader.document.text)  # type: ignore[union-attr]
    await pilot.press("space", "space", "j")
    place = reader.caret
    assert place > 0
    await pilot.press("m", "a", "m", "G")
    assert reader.caret == place and not app._notifications  # G named a mark here
    await pilot.press("g", "apostrophe", "a")
    assert reader.caret == place
    await pilot.press("apostrophe", "apostrophe")  # back to before the jump: the top
    assert reader.caret == 0
    await pilot.press("apostrophe", "apostrophe")
    assert reader.caret == place
    await pilot.press("G", "apostrophe", "G")
    assert reader.caret == place and visible(reader)
    await pilot.press("apostrophe", "apostrophe")
    assert reader.caret == text_length
    await pilot.press("apostrophe", "b")
    assert reader.caret == text_length
    assert any("No mark 'b'" in n.message for n in app._notifications)
    await pilot.press("m", "1")  # not a letter: said, and 1 tags nothing
    assert any("A mark is a letter" in n.message for n in app._notifications)
    assert reader.caret == text_length and isinstance(app.focused, ReaderView)
    await pilot.press("g", "m", "escape", "j")  # esc cancels the mark: j moves again
    assert reader.caret > 0
    before = reader.caret
    await pilot.press("slash", *"mexico", "enter")  # a search's jump is gone back from too
    await wait_until(pilot, lambda: reader.caret != before)
    await pilot.press("apostrophe", "apostrophe")
    assert reader.caret == before


async def percent_then_a_number_goes_that_far_into_the_text(
    pilot: Pilot[object], screen: MainScreen
) -> None:
    # less's 50%: typed here, its digits tagged the passage at the caret (5 is a code key).
    # % asks for the percent; the caret goes to the start of the line on screen there.
    app = pilot.app
    from tui_reader.ui.screens.goto_page import GotoPercentDialog

    reader = screen.reader
    reader.focus()
    text = reader.document.text  # type: ignore[union-attr]
    layout = reader.layout_engine
    half = layout.line_range(layout.line_of(len(text) // 2))[0]
    assert text.rfind("\n", 0, len(text) // 2) < half <= len(text) // 2
    await pilot.press("percent_sign", "5", "0", "enter")
    await wait_until(pilot, lambda: reader.caret == half)
    assert isinstance(app.focused, ReaderView) and visible(reader)
    await pilot.press("apostrophe", "apostrophe")  # back before the jump
    assert reader.caret == 0
    await pilot.press("percent_sign", "1", "0", "1", "enter")  # no such percent: said
    await wait_until(pilot, lambda: isinstance(app.screen, GotoPercentDialog))
    dialog = app.screen
    await wait_until(pilot, lambda: "No 101%" in str(dialog.query_one(".dialog-error").render()))
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, GotoPercentDialog))
    assert reader.caret == 0
    await pilot.press("percent_sign", "1", "0", "0", "enter")
    await wait_until(pilot, lambda: reader.caret == len(text))


async def help_screen_lists_every_binding(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    listed = {d for rows in app.screen.groups.values() for _, d in rows}
    for description in (
        "Quit", "Help", "Commands", "Next pane", "Filter", "Open", "Line down", "Next word",
        "Next sentence", "Previous paragraph", "Page down", "Top", "Bottom", "Search",
        "Next hit", "Previous hit", "Next document", "Select",
        "Clear the selection, else the search's marks and the notices",
        "Clear the notices on show",
    ):  # fmt: skip
        assert description in listed, description
    keys = {k for rows in app.screen.groups.values() for k, _ in rows}
    assert {
        "down j",
        "g home",
        "G end",
        ")",
        "}",
        "space PgDn ctrl+f",
        "PgUp ctrl+b",
        "/",
    } <= keys, sorted(keys)
    await pilot.press("question_mark")
    assert not isinstance(app.screen, HelpScreen)


async def q_quits(pilot: Pilot[object], screen: MainScreen) -> None:
    app = pilot.app
    await pilot.press("q")
    await pilot.pause()
    assert app.return_value == 0


FROM_THE_START = [
    start_shows_library_and_first_document,
    tab_and_shift_tab_move_between_panes,
    library_keys_move_and_enter_opens,
    library_slash_filters_as_you_type,
    next_and_previous_document,
    palette_opens_a_document,
    line_and_character_keys,
    zero_and_dollar_go_to_the_ends_of_the_line_on_screen,
    word_sentence_paragraph_keys,
    page_keys_and_ends_follow_the_caret,
    selection_extends_with_motions_and_escape_cancels,
    a_selection_grown_by_a_sentence_or_paragraph_ends_with_it,
    a_one_character_selection_is_said_in_the_singular,
    the_status_line_follows_the_caret_in_the_same_frame,
    search_escape_closes_the_prompt,
    search_jumps_counts_highlights_and_cycles,
    marks_set_with_m_and_a_letter_are_gone_back_to_with_a_quote,
    percent_then_a_number_goes_that_far_into_the_text,
    help_screen_lists_every_binding,
    q_quits,
]


async def test_the_reader_s_keys_each_in_turn_on_one_app(make_app: AppFactory) -> None:
    """The keys' cases that start from the app as it starts (the first document shown from
    its top, the library focused) take their turn on one app, put back so between them."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader, first = screen.reader, screen.pane.key
        assert first is not None

        async def as_started() -> None:
            if screen.pane.key != first:
                screen.open_document(first)
                await wait_until(
                    pilot, lambda: screen.pane.key == first and not screen.pane.previewing
                )
            reader.focus()
            await pilot.press("escape")  # no selection, no search
            reader.move_caret(0)
            screen.library.table.move_cursor(row=0)
            screen.library.table.focus()
            await pilot.pause()
            app.clear_notifications()

        await in_turn(FROM_THE_START, as_started, pilot, screen)
    assert app.return_value == 0


async def test_marks_and_the_place_are_kept_for_the_next_start(make_app: AppFactory) -> None:
    """A mark set with m and a letter was gone once the app was started again: ' and its
    letter said "No mark".  The marks are kept when the app ends, and the place in the text
    when it is quit with q too: three starts in turn, each finding what the one before left."""
    async with make_app().run_test(size=SIZE) as pilot:
        _screen, reader = await reader_focused(pilot)
        document = reader.document
        await pilot.press("space", "j")
        place = reader.caret
        await pilot.press("m", "a", "G")
        assert 0 < place < reader.caret
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await reader_focused(pilot)
        assert reader.document is not None and document is not None
        assert reader.document.path == document.path and reader.caret != place
        await pilot.press("apostrophe", "a")
        assert reader.caret == place and not app._notifications
        await pilot.press("g", "right_curly_bracket", "right_curly_bracket", "w")
        caret = reader.caret
        key = screen.pane.key
        assert caret > 0
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.pane.key == key
        assert screen.reader.caret == caret
        assert "line 1/" not in status_text(screen)
        assert screen.library.entries[0].progress is not None


def _one_long_line() -> str:
    return "word " * 20_000 + "end\n"


def _long_paragraphs() -> str:
    paragraphs = [f"Paragraph {n} " + "words to read " * 30 for n in range(400)]
    return "\n\n".join(paragraphs) + "\n"


def _numbered_lines() -> str:
    long_line = "a long line " * 30
    return "".join(f"line {n}\n" for n in range(1, 12)) + long_line + "\nlast\n"


def _decomposed_cafes() -> str:
    return unicodedata.normalize("NFD", "Un café.\nOtro Café, y el café de México.\n")


def _hard_wrapped() -> str:
    words = "the people of the valley spoke at length about the land and the river"
    lines = [f"{words} {i}" for i in range(12)]
    lines[3] += " and self-"
    lines[4] = "determination, " + lines[4] + " and the peace"
    lines[5] = "talks " + lines[5]
    return "\n".join(lines) + "\n"


NEEDLE = "a needle in the haystack, " * 6  # longer than a line: it wraps wherever it starts


def _needle_far_below() -> str:
    filler = "".join(f"Line {n} of the notes.\n" for n in range(200))
    return f"{filler}Far below, {NEEDLE}and more words after it.\n"


async def percent_goes_that_far_into_a_text_of_one_long_line(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    # In a text of one long line (a minified page, a PDF converted without line breaks) %
    # then 50 went to the start of the file's line: the top of the text.
    reader = screen.reader
    length = len(reader.document.text)  # type: ignore[union-attr]
    await pilot.press("percent_sign", "5", "0", "enter")
    await wait_until(pilot, lambda: reader.caret > 0)
    assert length // 2 - 100 < reader.caret <= length // 2 and visible(reader)
    layout = reader.layout_engine
    assert layout.position_of(reader.caret)[1] == 0  # the start of a line on screen


async def a_jump_out_of_sight_shows_its_line_at_the_top_as_less_does(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    # % then 50, ' then a mark set far below, and a search's hit left the place on the last
    # rows of the view, under a page of the text before it, the text to read next out of
    # sight: less shows the place's line at the top.  A jump to a place in sight does not
    # scroll.
    reader = screen.reader
    layout = reader.layout_engine

    def row() -> int:
        return layout.line_of(reader.caret) - int(reader.scroll_y)

    await pilot.press("percent_sign", "5", "0", "enter")
    await wait_until(pilot, lambda: reader.caret > 0)
    assert row() == 0 and visible(reader)
    await pilot.press("m", "a", "g")
    assert reader.caret == 0
    await pilot.press("apostrophe", "a")
    assert row() == 0 and visible(reader)
    await pilot.press("j", "j", "m", "b", "k", "k")
    top = int(reader.scroll_y)
    await pilot.press("apostrophe", "b")  # in sight: the view stays
    assert int(reader.scroll_y) == top and row() == 2
    text = reader.document.text  # type: ignore[union-attr]
    await pilot.press("g", "slash", *"paragraph 300 ", "enter")  # a search's hit too
    await wait_until(pilot, lambda: reader.caret == text.index("Paragraph 300 "))
    assert row() == 0
    await pilot.press("n")  # the next one, in sight: no scroll
    assert reader.caret == text.index("Paragraph 300 ") and row() == 0


async def minus_then_n_shows_the_file_s_line_numbers_as_less_does(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    # less's -N was missing: nothing told which line of the file a passage is on but the
    # status line's count at the caret.  - then N shows each line's number left of it (blank
    # beside the lines a long line wraps onto), again hides them; the text keeps its columns
    # for the caret and the mouse.
    app, reader = pilot.app, screen.reader
    plain = [line.strip() for line in screen_lines(screen)]
    assert plain[:2] == ["line 1", "line 2"]
    await pilot.press("minus", "N")
    rows = [line.strip() for line in screen_lines(screen)]
    assert rows[0] == "1 line 1" and rows[9] == "10 line 10"
    assert reader.shows_line_numbers
    assert rows[11].startswith("12 a long line") and rows[12].startswith("a long line")
    assert [row for row in rows if row.startswith("13")] == ["13 last"]
    await pilot.press("G")  # the empty line after the last newline is no line of its own
    rows = [line.strip() for line in screen_lines(screen)]
    assert "13 last" in rows and not any(row.startswith("14") for row in rows)
    await pilot.press("g")
    start = reader.layout_engine.line_range(1)[0]
    x = reader._left_pad() + reader.styles.gutter.left
    assert reader.offset_at_screen(x, 1) == start  # the text's first column
    await pilot.press("j", "l")
    assert reader.caret == start + 1 and isinstance(app.focused, ReaderView)
    await pilot.press("minus", "x")  # no such option: said, and x does nothing else
    assert any("- then N" in n.message for n in app._notifications)
    await pilot.press("minus", "N")
    assert not reader.shows_line_numbers
    assert [line.strip() for line in screen_lines(screen)] == plain


async def search_finds_an_accent_however_the_file_encodes_it(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    """``/café`` in a text whose é is e and a combining accent (a PDF's, a Mac's): each hit
    marked over the letter and its accent, as the text has them."""
    reader = screen.reader
    await pilot.press("slash", *"café", "enter")
    await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
    hits = list(screen.column.search.hits)
    assert [text[s:e] for s, e in hits] == ["cafe\u0301", "Cafe\u0301", "cafe\u0301"]
    assert reader.caret == hits[0][0] and "1/3" in status_text(screen)
    marked = reader._layers["search"].overlapping(0, len(text))
    assert [(m.start, m.end) for m in marked] == hits


async def search_finds_a_compound_and_a_phrase_across_a_hard_wrapped_line_s_end(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    """A hard-wrapped paragraph is shown flowing, "self-" at one line's end and
    "determination" below it read as "self-determination": ``/self-determination`` and
    ``/peace talks`` across two lines found nothing."""
    await pilot.press("slash", *"self-determination", "enter")
    await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
    assert [text[s:e] for s, e in screen.column.search.hits] == ["self-\ndetermination"]
    await pilot.press("slash", *"peace talks", "enter")
    await wait_until(
        pilot, lambda: [text[s:e] for s, e in screen.column.search.hits] == ["peace\ntalks"]
    )


async def l_and_h_step_over_a_decomposed_accent_and_an_emoji_whole(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    reader = screen.reader
    await pilot.press("l", "l", "l", "v")
    assert reader.selection is not None
    assert reader.document is not None
    start, end = reader.selection
    assert reader.document.text[start:end] == "e\u0301"
    await pilot.press("l", "l")  # the space, then the emoji whole
    start, end = reader.selection
    assert reader.document.text[start:end] == "e\u0301 👍🏽"
    await pilot.press("h")  # back on the space
    await pilot.press("l", "l")
    assert reader.caret == len("cafe\u0301 👍🏽")
    await pilot.press("h")
    assert reader.caret == len("cafe\u0301 ")


async def a_hit_wrapped_at_the_foot_of_the_view_shows_whole(
    pilot: Pilot[object], screen: MainScreen, text: str
) -> None:
    """A hit far below came to the last row, and when its line wrapped there the rest of it
    was below the view: the view scrolls until its end shows too."""
    reader = screen.reader
    await pilot.press("slash")
    field = pilot.app.focused
    assert isinstance(field, Input)
    field.insert_text_at_cursor(NEEDLE.strip())  # as pasted (156 keys took 13 s)
    await pilot.press("enter")
    await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
    start, end = screen.column.search.hits[0]
    layout = reader.layout_engine
    assert reader.caret == start and layout.line_of(end - 1) > layout.line_of(start)
    top = int(reader.scroll_y)
    assert top <= layout.line_of(start) and layout.line_of(end - 1) < top + reader.size.height


# Each a text of its own, opened from its top: the file, what is in it, the case.
IN_THEIR_TEXTS = [
    ("line.txt", _one_long_line, percent_goes_that_far_into_a_text_of_one_long_line),
    ("long.txt", _long_paragraphs, a_jump_out_of_sight_shows_its_line_at_the_top_as_less_does),
    ("lines.txt", _numbered_lines, minus_then_n_shows_the_file_s_line_numbers_as_less_does),
    ("nfd.txt", _decomposed_cafes, search_finds_an_accent_however_the_file_encodes_it),
    (
        "wrapped.txt",
        _hard_wrapped,
        search_finds_a_compound_and_a_phrase_across_a_hard_wrapped_line_s_end,
    ),
    (
        "notes.txt",
        lambda: "cafe\u0301 👍🏽 ok\n",
        l_and_h_step_over_a_decomposed_accent_and_an_emoji_whole,
    ),
    ("hits.txt", _needle_far_below, a_hit_wrapped_at_the_foot_of_the_view_shows_whole),
]


async def test_the_keys_in_texts_written_for_them_each_in_turn_on_one_app(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The keys' cases that each need a text of their own: every text written in one corpus,
    each case on its text, opened from its top with the text focused, one after the other on
    one app."""
    corpus = tmp_path / "texts"
    corpus.mkdir()
    texts = {name: text() for name, text, _case in IN_THEIR_TEXTS}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        keys = {Path(entry.rel).name: entry.key for entry in screen.library.entries}

        def on_its_text(
            name: str, case: Callable[..., Awaitable[None]]
        ) -> Callable[..., Awaitable[None]]:
            async def opened_then_case() -> None:
                key = keys[name]
                if screen.pane.key != key:
                    screen.open_document(key)
                await wait_until(
                    pilot,
                    lambda: (
                        screen.pane.key == key
                        and not screen.pane.previewing
                        and screen.reader.document is not None
                    ),
                )
                screen.reader.move_caret(0)
                screen.reader.focus()
                app.clear_notifications()
                await pilot.pause()
                await case(pilot, screen, texts[name])

            opened_then_case.__name__ = case.__name__
            return opened_then_case

        async def nothing() -> None:
            pass

        await in_turn([on_its_text(name, case) for name, _t, case in IN_THEIR_TEXTS], nothing)


async def test_resize_reflows_and_keeps_the_place(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.press("pagedown", "j", "j")
        caret = reader.caret
        width = reader.layout_engine.width
        await pilot.resize_terminal(70, 30)
        await wait_until(pilot, lambda: reader.layout_engine.width < width)  # laid out again
        await pilot.pause()
        assert reader.layout_engine.width < width
        assert reader.caret == caret and visible(reader)
        lines = screen_lines(screen)
        assert all(len(line.rstrip()) <= reader.size.width for line in lines)
        await pilot.resize_terminal(*SIZE)
        await wait_until(pilot, lambda: reader.layout_engine.width == width)  # laid out again
        await pilot.pause()
        assert reader.layout_engine.width == width
        assert reader.caret == caret and visible(reader)


async def test_scrollbar_counts_the_wrapped_lines_after_a_resize(make_app: AppFactory) -> None:
    """A resize wraps the text anew; finding the top line wraps it exactly, and the
    scrollbar must be sized by that count, not by the first estimate (it was: the thumb
    was drawn for a text a fifth longer than the one shown)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        for size in ((70, 30), SIZE, (90, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert reader.layout_engine.is_exact
            assert reader.virtual_size.height == reader.layout_engine.line_count


async def test_measure_is_configurable_and_centred(make_app: AppFactory) -> None:
    app = make_app(measure=40)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.reader.layout_engine.width == 40
        lines = [line for line in screen_lines(screen) if line.strip()]
        indents = {len(line) - len(line.lstrip()) for line in lines[2:6]}
        assert min(indents) > 5  # centred: a margin on the left


async def test_an_empty_corpus_says_so_and_every_key_is_harmless(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """n and N with no document open (an empty corpus) said 'No search: press / to search',
    though there is nothing to search: they say no document is open.  Then every other key
    is harmless, and q quits."""
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus=empty)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_until(
            pilot, lambda: "No documents" in str(screen.query_one("#doc-title").render())
        )
        await pilot.press("n", "N")
        said = [n.message for n in app._notifications if n.title != "No documents"]
        assert said and all("No document open" in m for m in said), said
        assert not any("press /" in m for m in said), said
        await pilot.press("j", "enter", "slash", "x", "escape", "tab", "j", "G", "w")
        await pilot.press("slash", "x", "enter", "n", "N", "greater_than_sign", "v", "escape")
        await pilot.press("question_mark", "escape", "q")
    assert app.return_value == 0


async def test_a_resize_there_and_back_keeps_the_top_line(make_app: AppFactory) -> None:
    # Narrow, wide, narrow again: the top line at the wide width starts its paragraph well
    # before the narrow top line did, and the view came back a few lines higher.
    app = make_app()
    async with app.run_test(size=(40, 30)) as pilot:
        _screen, reader = await reader_focused(pilot)
        text = reader.document.text if reader.document is not None else ""
        for presses in range(1, 40):
            await pilot.press("pagedown")
            layout, top = reader.layout_engine, reader.top_offset
            if presses > 2 and text[top - 1] != "\n":
                break  # the top line starts inside a paragraph
        else:
            raise AssertionError("no top line inside a paragraph")
        caret = reader.caret
        for _ in range(2):
            for size in ((200, 30), (40, 30)):
                await pilot.resize_terminal(*size)
                # laid out at that width: wider than the narrow one, then the narrow one again
                await wait_until(
                    pilot,
                    lambda wide=size[0] > 40: (reader.layout_engine.width > layout.width) == wide,
                )
                await pilot.pause()
            assert reader.layout_engine.width == layout.width
            assert reader.top_offset == top and reader.caret == caret


async def test_a_search_asked_for_while_the_text_loads_runs_once_it_is_in(
    make_app: AppFactory,
) -> None:
    # A big file shows its beginning while the rest loads: a search typed then was dropped
    # ("search again in a moment"); it runs on the whole text once that is in.
    from tui_reader.ui.reading_pane.loading import DocumentLoader

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader, column = screen.reader, screen.column
        reader.focus()
        document = reader.document
        assert document is not None and column.key is not None
        column.previewing = True  # as while the rest of a big file loads
        await pilot.press("slash", *"mexico", "enter")
        await pilot.pause()
        assert len(column.search.hits) == 0
        column.post_message(DocumentLoader.DocumentLoaded(column.key, document, reader.caret))
        await wait_until(pilot, lambda: len(column.search.hits) > 0)
        hits = list(find_hits(document.text, "mexico"))
        assert list(column.search.hits) == hits and reader.caret == hits[0][0]
        assert f"1/{len(hits)}" in status_text(screen)


async def test_l_h_0_and_dollar_never_rest_on_what_a_flowing_paragraph_shows_as_nothing(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A hard-wrapped paragraph shown flowing: the newline after "self-" (the compound read
    whole), the one after "peace " (a blank before it already) and the indentation after
    each show as nothing, and ``l`` rested on each of them, the caret drawn in place: the
    key seemed not to work, five times over an indentation of four."""
    corpus = tmp_path / "wrapped"
    corpus.mkdir()
    words = "the people of the valley spoke at length about the land and the"
    lines = [f"    {words} {i}" for i in range(12)]
    lines[0] = lines[0].strip()
    lines[3] += " self-"
    lines[4] = "    determination " + lines[4].strip()[:-10]
    lines[5] += " peace "
    lines[6] = "    talks " + lines[6].strip()[:-6]
    text = "\n".join(lines) + "\n"
    (corpus / "wrapped.txt").write_text(text, encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "wrapped.txt", measure=len(lines[0]))
    async with app.run_test(size=SIZE) as pilot:
        _screen, reader = await reader_focused(pilot)
        assert reader.layout_engine.has_soft and reader.layout_engine.width == len(lines[0])
        hyphen = text.index("self-") + 4
        reader.move_caret(hyphen)
        await pilot.press("l")
        assert reader.caret == text.index("determination")
        await pilot.press("h")
        assert reader.caret == hyphen
        blank = text.index("peace ") + 5
        reader.move_caret(blank)
        await pilot.press("l")
        assert reader.caret == text.index("talks")
        await pilot.press("h")
        assert reader.caret == blank
        # The first line, as long as the measure, breaks at its newline, which hangs (a
        # space) with three blanks of the indentation after it (nothing): ``$`` takes the
        # last character shown, the newline, ``0`` on the next line the first.
        reader.move_caret(3)
        await pilot.press("dollar_sign")
        assert reader.caret == text.index("\n")
        reader.move_caret(text.index("the", 70))
        await pilot.press("0")
        assert reader.caret == text.index("the", 70)


async def test_the_reader_search_prompt_is_never_cut_in_a_word(make_app: AppFactory) -> None:
    """At 80 columns the reader's ``/`` prompt read 'Search (a capital letter makes it exac'
    (its end cut): it shows the longest of its forms that fits whole, the one after a search
    too ("search again for ..."), and again as the terminal narrows and widens."""
    from rich.cells import cell_len

    from tui_reader.ui.reading_pane import SEARCH_PROMPT

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await pilot.press("slash")
        field = app.focused
        assert isinstance(field, Input)

        def whole() -> bool:
            return 0 < cell_len(field.placeholder) < field.content_size.width

        await wait_until(pilot, lambda: field.content_size.width > 0 and whole())
        assert field.placeholder.startswith("Search") and field.placeholder != SEARCH_PROMPT
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not screen.pane.column.search.searching)
        await pilot.press("slash")
        await wait_until(pilot, lambda: app.focused is field and whole())
        assert "militarization" in field.placeholder
        await pilot.resize_terminal(50, 24)
        await wait_until(pilot, lambda: 0 < field.content_size.width < 50 and whole())
        await pilot.resize_terminal(160, 24)
        await wait_until(pilot, lambda: field.placeholder.startswith("Search again for"))
