"""The text's keys typed in the library (a, v, s, x, 1...), where they mean nothing, did
nothing and said nothing: a researcher back in the list after opening a document pressed
``a`` to code what she read, and nothing happened.  They say where they work."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, notices_said, opened, wait_until
from textual.pilot import Pilot

from tui_reader.ui.widgets.library import Library
from tui_reader.ui.widgets.reader import ReaderView

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def _in_the_library(pilot: Pilot[object]) -> tuple[ReaderView, Library, list[str]]:
    """DOC opened, then shift+tab to the library's list: the reader, the library, and the
    list of what the app says from then on."""
    reader = await opened(pilot)
    library = pilot.app.screen.query_one(Library)
    await pilot.press("shift+tab")
    await wait_until(pilot, lambda: library.table.has_focus)
    return reader, library, notices_said(pilot.app)


@pytest.mark.parametrize(
    ("key", "words"), [("a", "Annotate"), ("v", "Select"), ("x", "Delete the annotation")]
)
async def test_a_key_of_the_text_typed_in_the_library_says_where_it_works(
    make_app: AppFactory, corpus_copy: Path, key: str, words: str
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader, library, said = await _in_the_library(pilot)
        caret = reader.caret
        await pilot.press(key)
        await pilot.pause()
        assert library.table.has_focus and reader.caret == caret  # nothing else done
        assert any(words in line and "in the text" in line for line in said), said


async def test_the_library_s_own_keys_and_the_screen_s_say_nothing_of_the_text(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """j moves the list, u undoes (the screen's), T opens the codebook: none is said to work
    in the text."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        _, _, said = await _in_the_library(pilot)
        await pilot.press("j", "k", "u")
        await pilot.pause()
        assert not any("in the text" in line for line in said), said


async def test_a_key_of_the_text_typed_behind_enter_goes_to_the_text_unsaid(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """enter on another document then v, typed at once: v selects in the text the document
    opened in (the keys behind enter wait for it), and nothing says it works in the text."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader, _, said = await _in_the_library(pilot)
        await pilot.press("G", "enter", "v", "w")  # the last row: the other document
        await wait_until(pilot, lambda: reader.has_focus and reader.selection is not None)
        assert reader.document is not None and reader.document.path.name != DOC
        assert not any("in the text" in line for line in said), said
