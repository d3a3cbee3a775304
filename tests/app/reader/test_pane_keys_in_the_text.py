"""The keys of the panes beside the text typed in it, where they mean nothing: ``o`` to sort
the library, ``c`` to accept a passage placed again, ``r`` to re-attach an orphan did nothing
and said nothing there.  They say where they work, as the text's keys typed in the library
do (tests/app/library/test_text_keys_in_library.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, notices_said, opened

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("o", "Sort: files, title, words, annotations, modified, in the library"),
        ("O", "Reverse the order of the library, in the library"),
        ("c", "Accept an approximate (≈) place, in the annotations panel"),
        ("r", "Re-attach orphan, in the annotations panel"),
    ],
)
async def test_a_pane_s_key_typed_in_the_text_says_where_it_works(
    make_app: AppFactory, corpus_copy: Path, key: str, words: str
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        await pilot.press("j", "w")
        caret = reader.caret
        said = notices_said(app)
        await pilot.press(key)
        await pilot.pause()
        assert reader.has_focus and reader.caret == caret  # nothing else done
        assert any(line.startswith(f"{key}: {words}") for line in said), said


async def test_the_text_s_own_keys_and_a_mark_s_letter_say_nothing_of_the_panes(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """j, x (the text's delete: nothing to delete here) and the letter of a mark (m then o,
    ' then c) are the text's: none is said to work in a pane."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await opened(pilot)
        reader.focus()
        said = notices_said(app)
        await pilot.press("j", "x", "m", "o")
        marked = reader.caret
        await pilot.press("j", "j", "apostrophe", "o")
        await pilot.pause()
        assert reader.caret == marked > 0  # back at the mark o
        assert not any("in the library" in s or "in the annotations" in s for s in said), said
