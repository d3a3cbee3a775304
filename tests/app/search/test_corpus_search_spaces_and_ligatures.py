"""The corpus search (F) finds a phrase typed with a space where a document holds a thin or a
no-break space, and a word typed with a capital where a PDF's text writes two of its letters
as a ligature, each hit said exactly where it lies in the document's text."""

from __future__ import annotations

from pathlib import Path

from helpers.app import ready, wait_until

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen

TEXT = "We defend human\u2009rights.\n\nPlease Con\ufb01rm the \ufb02ow, human\xa0rights.\n"


async def test_a_space_finds_any_space_and_letters_their_ligature(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    app = ReaderApp(corpus, tmp_path / "db.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
        screen = app.screen
        assert isinstance(screen, CorpusSearchScreen)
        for query, matches in (
            ("human rights", ["human\u2009rights", "human\xa0rights"]),
            ("Confirm the flow", ["Con\ufb01rm the \ufb02ow"]),
        ):
            screen.query_input.value = ""
            await pilot.press(*query)
            await wait_until(
                pilot,
                lambda q=query: (
                    not screen.searching
                    and screen.results is not None
                    and screen.results.query == q
                ),
            )
            results = screen.results
            assert results is not None
            assert [TEXT[h.start : h.end] for h in results.hits] == matches
