"""What the corpus search spares the app while it runs: rows below a full screen are added
a batch at a time (and made when the list nears them), and the corpus is listed again only
when a folder changed; a file the library listed since the screen opened is searched."""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, screen_opened_by, wait_until
from helpers.texts import later
from helpers.threads import held_until
from textual.pilot import Pilot

from tui_reader.core.search.corpus import CorpusTexts
from tui_reader.core.search.finder import Finder
from tui_reader.ui.screens import corpus_search
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen

SIZE = (120, 30)


def corpus_of(folder: Path, hits: dict[str, int]) -> Path:
    """A document per name, with that many lines holding "border"."""
    folder.mkdir()
    for name, count in hits.items():
        lines = [f"Title {name}", ""] + [f"Line {n} about the border." for n in range(count)]
        (folder / name).write_text("\n".join(lines) + "\n")
    return folder


def hit_rows(screen: CorpusSearchScreen) -> int:
    return sum(not o.disabled for o in screen.result_list.options)


def last_held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Reading c.txt, the last document, waits until the returned event is set; each document
    searched is reported."""
    held = threading.Event()
    real_searchable = CorpusTexts.searchable

    def searchable(
        self: CorpusTexts,
        key: str,
        finder: Finder,
        *,
        count: bool = False,
        unchecked: Collection[str] = (),
    ) -> tuple[str, str | int]:
        if key.endswith("c.txt"):  # the last document: held until the test lets it go
            held_until(held)
        return real_searchable(self, key, finder, count=count, unchecked=unchecked)

    monkeypatch.setattr(CorpusTexts, "searchable", searchable)
    monkeypatch.setattr(corpus_search, "PROGRESS_EVERY", 0.0)  # each document reported
    return held


async def searched(pilot: Pilot[int], query: str) -> CorpusSearchScreen:
    app = pilot.app
    if not isinstance(app.screen, CorpusSearchScreen):
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
    screen = app.screen
    assert isinstance(screen, CorpusSearchScreen)
    screen.query_input.value = query
    await wait_until(
        pilot,
        lambda: not screen.searching and screen.results is not None
        and screen.results.query == query,
    )  # fmt: skip
    return screen


async def test_rows_below_a_full_screen_are_added_in_batches_and_made_when_neared(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c", {"a.txt": 60, "b.txt": 5, "c.txt": 5})
    held = last_held(monkeypatch)
    monkeypatch.setattr(corpus_search, "ROWS_EVERY", 60.0)  # no batch while the test runs
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        try:
            await pilot.press(*"border")
            await wait_until(
                pilot,
                lambda: screen.results is not None and screen.results.total == 65,
            )  # a.txt and b.txt searched, c.txt held
            assert screen.searching
            assert hit_rows(screen) == 60  # the first screen and more: b.txt waits
            assert "65 hits in 2 documents so far" in str(screen.summary.render())
        finally:
            held.set()
        await wait_until(pilot, lambda: not screen.searching)
        assert screen.result_list.total == 70
        assert hit_rows(screen) == 60  # the rows below the screen are made when neared
        await pilot.press("enter", "G")  # to the list, to its end: every row made
        await wait_until(pilot, lambda: hit_rows(screen) == 70)
        titles = [str(o.prompt) for o in screen.result_list.options if o.disabled]
        assert [t.split("  ")[0] for t in titles] == ["Title a.txt", "Title b.txt", "Title c.txt"]
        last = screen.result_list.highlighted_option
        assert last is not None and last.id == "69"


async def test_hundreds_of_hits_make_only_the_rows_near_the_screen(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Textual's option list measures every row it is given: a common word's 1,000 rows cost
    the screen a fifth of a second at the end of each search.  Rows are made as the cursor
    comes near them, each the hit it names."""
    corpus = corpus_of(tmp_path / "c", {"a.txt": 300, "b.txt": 200})
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await searched(pilot, "border")
        results = screen.result_list
        assert results.total == 500 and hit_rows(screen) < 300
        await pilot.press("enter")
        assert results.has_focus
        for _ in range(25):  # ten rows at a time, as keys typed fast come (250 keys: 15 s)
            for _ in range(10):
                results.action_cursor_down()
            await pilot.pause()
        assert 250 < hit_rows(screen) < 500
        chosen = results.highlighted_option
        assert chosen is not None and chosen.id == "250"  # under a.txt's heading
        assert screen.results is not None
        hit = screen.results.hits[250]
        assert (hit.key, hit.line) == ("c/a.txt", 253)
        await pilot.press("G")
        assert hit_rows(screen) == 500


async def test_listed_again_only_when_a_folder_changed_and_new_files_are_searched(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = corpus_of(tmp_path / "c", {"a.txt": 2})
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        workspace = main.workspace
        generation = workspace.listing_generation
        screen = await searched(pilot, "border")
        await wait_until(pilot, lambda: screen._relisted)
        await app.workers.wait_for_complete()
        assert workspace.listing_generation == generation  # nothing changed: not listed
        corpus_of(corpus / "sub", {"new.txt": 3})
        later(corpus)
        workspace.refresh_files()  # what the library's timer does when a folder changed
        screen = await searched(pilot, "about the border")
        assert screen.results is not None and screen.results.total == 5
        assert screen.results.documents == 2


async def test_hits_counted_after_the_list_is_full_are_said_as_they_come(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once as many hits as are listed were found, the documents searched after were said
    ("searching 5,587/10,000 documents") beside the figures of the last hit listed: "1,000 of
    184,767 hits in 1,561 documents so far" for seconds, the hits counted since unsaid, then
    1,182,293 at the end."""
    corpus = corpus_of(tmp_path / "c", {"a.txt": 10, "b.txt": 10, "c.txt": 10})
    held = last_held(monkeypatch)
    monkeypatch.setattr(corpus_search, "MAX_SHOWN", 5)  # the list full within a.txt
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        try:
            await pilot.press(*"border")
            await wait_until(pilot, lambda: "searching 2/3" in str(screen.summary.render()))
            await pilot.pause()
            said = str(screen.summary.render())
            assert said == "5 of 20 hits in 2 documents so far · searching 2/3 documents"
        finally:
            held.set()
        await wait_until(pilot, lambda: not screen.searching)
        assert str(screen.summary.render()) == "5 of 30 hits in 3 documents"
