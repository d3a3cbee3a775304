"""An Obsidian vault exported into the corpus folder: its notes were rows of the library
(the document's note titled as the document, a second row of it) and the corpus search found
each passage again in them.  The notes of ours are left out of both; the user's own notes in
the vault stay documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until, workers_done

from tui_reader.cli.main import main as cli_main
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.main import MainScreen


async def test_our_vault_s_notes_are_no_rows_nor_hits(
    make_app: AppFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved at dawn.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    quote = ["--quote", "army", "--tag", "militarization", "--note", "the army"]
    assert cli_main(["annotate", str(corpus / "a.txt"), *quote, "--db", str(db)]) == 0
    vault = corpus / "vault"
    assert (
        cli_main(["export", str(corpus), "-f", "obsidian", "-o", str(vault), "--db", str(db)]) == 0
    )
    (vault / "Thoughts.md").write_text("# Thoughts\n\nThe army again.\n", encoding="utf-8")
    capsys.readouterr()
    documents = ["c/a.txt", "c/vault/Thoughts.md"]
    app = make_app(corpus=corpus, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        await workers_done(app)
        assert [e.key for e in screen.library.entries] == documents
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
        search = app.screen
        assert isinstance(search, CorpusSearchScreen)
        await pilot.press(*"army")
        await wait_until(
            pilot,
            lambda: (
                not search.searching
                and search.results is not None
                and search.results.query == "army"
            ),
        )
        assert search.results is not None
        assert sorted(search.results.per_document) == documents
