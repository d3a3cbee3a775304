"""The corpus search asked as the app starts, while its first listing reads the first bytes of
each plain text to leave out a Markdown export of ours saved under a text's name: the search
lists its hits without waiting for that reading, and leaves such an export out as the
listing does."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import AppFactory, main_screen, wait_until

from tui_reader.core.documents import corpus as corpus_module
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen

EXPORT = "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n> The border\n"


def _held(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    holds: Callable[[object], bool] = lambda first: True,
) -> tuple[threading.Event, threading.Event]:
    """The corpus module's function ``name`` made to wait, when ``holds`` says so of its
    first argument, until the second event returned is set (two minutes at most); the
    first is set as it starts to wait."""
    waiting, go_on = threading.Event(), threading.Event()
    real = getattr(corpus_module, name)

    def held(first: object, *args: object, **kwargs: object) -> object:
        if holds(first):
            waiting.set()
            go_on.wait(120)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(corpus_module, name, held)
    return waiting, go_on


async def test_the_search_at_start_lists_hits_while_the_plain_texts_are_told(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a first start on 10,000 documents the first listing read 8,000 plain texts' first
    bytes before the search began, though the search reads every one of them: ``F riveted``
    listed its first hits in 0.44 s where it took 0.2 to 0.3 s before that reading.  Here
    that reading is held: the search lists its hits all the same, the export of ours among
    the texts left out."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title a\n\nA line about the border.\n", "utf-8")
    (corpus / "b.txt").write_text("Title b\n\nThe border again.\n", "utf-8")
    (corpus / "notes.txt").write_text(EXPORT, "utf-8")  # ours: no document
    # a plain text's first bytes: held until the test ends
    telling, told = _held(monkeypatch, "_head", lambda path: str(path).endswith(".txt"))
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 30)) as pilot:
        main = await main_screen(pilot)
        try:
            await wait_until(pilot, telling.is_set)
            screen = CorpusSearchScreen(main.workspace, "border")
            app.push_screen(screen)
            await wait_until(pilot, lambda: screen.results is not None and not screen.searching)
            assert not told.is_set()  # (the texts' first bytes still held)
            results = screen.results
            assert results is not None
            assert sorted(map(os.path.basename, results.per_document)) == ["a.txt", "b.txt"]
            assert results.total == 2 and results.searched == 2
        finally:
            told.set()
        await wait_until(pilot, lambda: main.library.listed)
        assert [e.key for e in main.library.entries] == ["c/a.txt", "c/b.txt"]


async def test_the_search_at_start_lists_hits_in_the_order_kept_before_the_listing_ends(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the texts kept, ``F the`` at start waited for the first listing (most of its 0.33
    s to the first hits on 10,000 documents) to know the hits' order: the listing a search
    kept is searched while the listing is made.  Here the listing is held until the first
    hits are listed; a text written over in place as an export of ours since (no folder's
    time shows it) is among the texts searched then, and left out once the listing says so."""
    from tui_reader.core.workspace import Workspace

    corpus, db = tmp_path / "c", tmp_path / "annotations.json"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title a\n\nA line about the border.\n", "utf-8")
    (corpus / "b.txt").write_text("Title b\n\nThe border again.\n", "utf-8")
    os.utime(corpus, ns=(1_700_000_000_000_000_000,) * 2)  # changed long ago
    earlier = Workspace(corpus, db)
    assert earlier.keys() == ["c/a.txt", "c/b.txt"]
    earlier.keep_listing()
    with open(corpus / "b.txt", "r+", encoding="utf-8") as written:  # in place: same folder time
        written.write(EXPORT)
        written.truncate()
    listing, listed = _held(monkeypatch, "list_corpus_files")
    app = make_app(corpus=corpus, db=db)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await main_screen(pilot)
        try:
            await wait_until(pilot, listing.is_set)
            screen = CorpusSearchScreen(main.workspace, "border")
            app.push_screen(screen)
            await wait_until(pilot, lambda: screen.results is not None and screen.results.hits)
            assert not listed.is_set()  # (the listing still held)
            results = screen.results
            assert results is not None and results.hits[0].key == "c/a.txt"
        finally:
            listed.set()
        await wait_until(pilot, lambda: screen.results is not None and not screen.searching)
        results = screen.results
        assert results is not None
        assert list(results.per_document) == ["c/a.txt"]  # the export of ours left out
        assert results.total == 1 and [h.key for h in results.hits] == ["c/a.txt"]
