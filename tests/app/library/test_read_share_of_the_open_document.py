"""The library's row of the document open says how far it is read as the text does: what
the caret has reached, not the place saved last."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until, workers_done

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import text_sha256

TEXT = "Field notes\n\n" + "".join(f"Line {n} of the notes on the border.\n\n" for n in range(80))


async def test_a_change_of_the_annotations_shows_the_place_the_caret_reached(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: an annotation saved before the place was (1.5 s after the caret stops), the
    # row said the place saved last ("19% read" as the status line said 54%): the count of
    # the store's recount came with the store's older place.
    monkeypatch.setattr("tui_reader.ui.reading_pane.positions.SAVE_DELAY", 600)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "notes.txt").write_text(TEXT, "utf-8")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = screen.pane.key
        assert key is not None
        screen.reader.focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: screen.reader.caret > len(TEXT) // 2)
        caret = screen.reader.caret
        start = TEXT.index("Line 40")
        screen.workspace.store.add(
            make_annotation(key, TEXT, start, start + 7, text_sha256(TEXT), ("border",))
        )
        app.store_poll.poll()
        await wait_until(pilot, lambda: (entry := screen.library.entry(key)) is not None
                         and entry.annotations == 1)  # fmt: skip
        await workers_done(app)
        await pilot.pause()
        entry = screen.library.entry(key)
        assert entry is not None and entry.annotations == 1
        assert entry.position == caret
