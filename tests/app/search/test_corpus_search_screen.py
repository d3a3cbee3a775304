"""The corpus search screen, driven through the whole app with Pilot."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from helpers.app import hit_opened, pressed, ready, screen_opened_by, wait_until
from helpers.passages import MEXICO, US, Annotated
from helpers.threads import held_until
from textual.pilot import Pilot

from tui_reader.cli.main import main as cli_main
from tui_reader.core.search.corpus import CorpusResults, CorpusTexts, search_texts
from tui_reader.core.search.finder import Finder
from tui_reader.core.search.text_pack import TextPack
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens import corpus_search
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.main import MainScreen

SIZE = (80, 24)  # what most tests read (hits, their summary, the text opened) is whole here
WIDE = (120, 36)  # the size a few tests were written for, kept where no break was tried


async def search(pilot: Pilot[int], query: str) -> CorpusSearchScreen:
    app = pilot.app
    if not isinstance(app.screen, CorpusSearchScreen):
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
    screen = app.screen
    assert isinstance(screen, CorpusSearchScreen)
    screen.query_input.value = ""
    await pilot.press(*query)
    await wait_until(
        pilot,
        lambda: (
            not screen.searching and screen.results is not None and screen.results.query == query
        ),
    )
    await pilot.pause()
    return screen


async def test_a_long_titles_heading_keeps_its_tally_of_hits(annotated: Annotated) -> None:
    """At 80 columns a document's heading among the hits, a long title then its tally, was
    cut at the list's edge: "Mexico Hosts SouthCom Conference to Launch Plan Pentagon
    Against Central …", its "3 hits" not shown.  The title is cut before the tally."""
    from rich.cells import cell_len

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "mexico")
        results = screen.results
        assert results is not None
        keys = list(dict.fromkeys(h.key for h in results.hits))
        headings = [o.prompt for o in screen.result_list.options if o.disabled]
        assert len(headings) == len(keys) == 2
        room = screen._row_room()
        for key, heading in zip(keys, headings, strict=True):
            assert not isinstance(heading, str)
            assert cell_len(heading.plain) <= room, heading.plain
            assert heading.plain.endswith(f"  {results.per_document[key]} hits")
        assert headings[0].plain.startswith("Mexico Hosts SouthCom Conference")
        assert "…  " in headings[0].plain  # (cut before its tally)


def hit_rows(screen: CorpusSearchScreen) -> int:
    return sum(not o.disabled for o in screen.result_list.options)


def summary_text(screen: CorpusSearchScreen) -> str:
    return str(screen.query_one("#corpus-summary").render())


async def test_hits_across_documents_and_jump(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        screen = await search(pilot, "mexico")
        results = screen.results
        assert results is not None
        texts = {k: main.workspace.document(k).text for k in (MEXICO, US)}
        expected = sum(t.lower().count("mexico") for t in texts.values())
        assert results.total == expected and results.documents == 2
        assert summary_text(screen) == f"{expected} hits in 2 documents"
        assert hit_rows(screen) == expected
        heading = screen.result_list.get_option_at_index(0)
        assert heading.disabled and str(heading.prompt).startswith("Mexico Hosts SouthCom")
        assert str(heading.prompt).endswith(f"{results.per_document[MEXICO]} hits")
        # One line per hit: its line number, then the context with the hit emphasised by a
        # style (never by markup on document text).
        prompt = screen.result_list.get_option_at_index(1).prompt
        assert not isinstance(prompt, str)
        assert prompt.plain.split()[0] == "1" and "\n" not in prompt.plain
        emphasised = [prompt.plain[s.start : s.end] for s in prompt.spans if s.start > 7]
        assert [e.lower() for e in emphasised] == ["mexico"]
        assert screen.result_list.highlighted == 1
        # Smart case: a capital letter makes it exact.
        exact = await search(pilot, "MEXICO")
        assert exact.results is not None and exact.results.total < expected
        # enter in the query goes to the results, enter there opens the hit.
        screen = await search(pilot, "Mexico")
        assert screen.results is not None
        target = next(h for h in screen.results.hits if h.key == US)
        index = screen.results.hits.index(target)
        await pressed(pilot, "enter")
        assert screen.result_list.has_focus
        for _ in range(index):
            await pressed(pilot, "j")
        await pressed(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_until(pilot, lambda: main.pane.key == US and not main.pane.previewing)
        assert main.reader.caret == target.start
        assert texts[US][target.start : target.end] == "Mexico"
        assert main.reader.has_focus
        # The document is searched too: n goes on to the next hit.
        await wait_until(
            pilot, lambda: main.column.search.query == "Mexico" and bool(main.column.search.hits)
        )
        assert main.reader.caret == target.start
        assert len(main.column.search.hits) == texts[US].count("Mexico")
        await pressed(pilot, "n")
        assert main.reader.caret == texts[US].index("Mexico", target.end)
        # F again remembers the last search.
        await pressed(pilot, "F")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
        again = app.screen
        assert isinstance(again, CorpusSearchScreen)
        assert again.query_input.value == "Mexico"
        await wait_until(pilot, lambda: again.results is not None)
        await pressed(pilot, "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_shown_hits_are_capped_and_misses_said(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_search, "MAX_SHOWN", 3)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "the")
        assert screen.results is not None and screen.results.total > 3
        assert hit_rows(screen) == 3
        assert summary_text(screen).startswith(f"3 of {screen.results.total:,} hits in 2 ")
        screen = await search(pilot, "zzqx")
        assert summary_text(screen) == "No hit for “zzqx” in 2 documents"
        assert hit_rows(screen) == 0


async def test_hits_stream_in_before_the_search_ends(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hits of the first documents are listed while a later one is still being read."""
    slow = threading.Event()
    real_searchable = CorpusTexts.searchable

    def searchable(
        self: CorpusTexts,
        key: str,
        finder: Finder,
        *,
        count: bool = False,
        unchecked: Collection[str] = (),
    ) -> tuple[str, str | int]:
        if key == US:  # the second document: held until the test lets it go
            held_until(slow)
        return real_searchable(self, key, finder, count=count, unchecked=unchecked)

    monkeypatch.setattr(CorpusTexts, "searchable", searchable)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=WIDE) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await pilot.press(*"mexico")
        try:
            await wait_until(pilot, lambda: hit_rows(screen) > 0)
            assert screen.searching and screen.results is not None
            assert set(screen.results.per_document) == {MEXICO}
            assert "so far · searching 1/2 documents" in summary_text(screen)
        finally:
            slow.set()
        await wait_until(pilot, lambda: not screen.searching)
        assert screen.results is not None and set(screen.results.per_document) == {MEXICO, US}
        assert summary_text(screen).endswith("hits in 2 documents")
        streamed = rows(screen)  # the later hits were added below the first ones
        screen = await search(pilot, "mexico")  # the same search, listed at once
        assert rows(screen) == streamed and len(streamed) > hit_rows(screen) > 0


def rows(screen: CorpusSearchScreen) -> list[tuple[str, bool, str | None]]:
    return [(str(o.prompt), o.disabled, o.id) for o in screen.result_list.options]


async def test_memos_are_found_marked_and_open_in_the_editor(annotated: Annotated) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.DOCUMENT, US, "Compare with the SouthCom plan.\n"))
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "SouthCom plan")
        results = screen.results
        assert results is not None and results.memos == 1
        assert summary_text(screen).endswith("in 1 memo")
        headings = [o for o in screen.result_list.options if o.disabled]
        assert str(headings[-1].prompt).startswith("✎ memo of us-wants-mexico")
        screen.result_list.highlighted = len(screen.result_list.options) - 1
        screen.result_list.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        assert dialog.text.startswith("Compare with the SouthCom plan.")
        await pilot.press("end", *" Later.", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        saved = app.workspace.store.memo(MemoKind.DOCUMENT, US)
        assert saved is not None and saved.text.split() == [
            "Compare",
            "with",
            "the",
            "SouthCom",
            "plan.",
            "Later.",
        ]


async def test_a_memo_opens_at_its_hit_selected(annotated: Annotated) -> None:
    """enter on a hit far down a long memo opened the editor at the memo's end, the hit out
    of sight, and the editor has no search: the hit was looked for by eye, line by line.  It
    now opens at the hit, selected, in view."""
    from textual.widgets import TextArea

    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    lines = [f"Line {n} of a long memo about fieldwork, é and 日本." for n in range(1, 81)]
    lines[44] = "Line 45 says serendipity once."
    with AnnotationStore(annotated.db) as store:
        store.put_memo(Memo(MemoKind.DOCUMENT, US, "\n".join(lines) + "\n"))
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await search(pilot, "serendipity")
        screen.result_list.highlighted = len(screen.result_list.options) - 1
        screen.result_list.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        editor = app.screen.query_one("#memo-text", TextArea)
        await pilot.pause()
        await pilot.pause()
        assert editor.selected_text == "serendipity"
        row = editor.cursor_location[0]
        assert row == 44
        top = int(editor.scroll_y)
        assert top <= row < top + editor.scrollable_content_region.height, (top, row)


async def test_each_hit_takes_one_line_however_wide(annotated: Annotated) -> None:
    """A hit's context is cut to the room beside its line number and the scrollbar the hits
    bring; a window made narrower after the search cuts it with an ellipsis, never wraps it.
    At 120 columns then at 64, searched again at each width, on one app."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        for width in (120, 64):
            await pilot.resize_terminal(width, 30)
            await wait_until(pilot, lambda w=width: pilot.app.size.width == w)
            await search(pilot, "zzqx")  # the last hits gone: those below are this width's
            screen = await search(pilot, "the")
            results = screen.result_list
            assert results.size.width > width - 20, width  # searched at this width
            assert results.show_vertical_scrollbar, width  # more hits than rows
            assert results.virtual_size.height == results.option_count, width
            await pilot.resize_terminal(width - 20, 30)
            await pilot.pause()
            await wait_until(pilot, lambda w=width, r=results: r.size.width <= w - 20)
            assert results.virtual_size.height == results.option_count, width - 20


async def test_a_hits_row_fits_beside_the_scrollbar_the_hits_bring(annotated: Annotated) -> None:
    """At 40 columns the rows made before the hits filled the list were cut at its right
    edge once its scrollbar showed, mid-word ("…without migrants exce…"): a row is made to
    the room beside the scrollbar, whether it shows yet or not, and ends at a word."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(40, 20)) as pilot:
        await ready(pilot)
        screen = await search(pilot, "migrants")
        results = screen.result_list
        await wait_until(pilot, lambda: results.show_vertical_scrollbar)
        await pilot.pause()
        shown = 0
        for y, option in enumerate(results.options[: results.content_region.height]):
            if option.disabled:
                continue
            row = option.prompt.plain  # type: ignore[union-attr]
            line = "".join(segment.text for segment in results.render_line(y))
            assert row in line, (row, line)  # whole, not cut by the list's edge
            shown += 1
        assert shown > 5


def held_texts(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Reading a document's text waits until the returned event is set."""
    gate = threading.Event()
    real_searchable = CorpusTexts.searchable

    def searchable(
        self: CorpusTexts,
        key: str,
        finder: Finder,
        *,
        count: bool = False,
        unchecked: Collection[str] = (),
    ) -> tuple[str, str | int]:
        held_until(gate)
        return real_searchable(self, key, finder, count=count, unchecked=unchecked)

    monkeypatch.setattr(CorpusTexts, "searchable", searchable)
    return gate


@asynccontextmanager
async def mexico_held(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Pilot[int], CorpusSearchScreen, threading.Event]]:
    """The search screen, "mexico" typed and its search held on its first document's text
    until the event given is set (set at the latest when the block ends, an assertion failed:
    the search's thread let go)."""
    gate = held_texts(monkeypatch)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        try:
            await pilot.press(*"mexico")
            await wait_until(pilot, lambda: screen.searching)  # held on its first document
            yield pilot, screen, gate
        finally:
            gate.set()


async def opened(pilot: Pilot[int]) -> CorpusSearchScreen:
    await ready(pilot)
    await pilot.press("F")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CorpusSearchScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CorpusSearchScreen)
    return screen


async def test_enter_before_the_first_hits_goes_to_them_when_they_come(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed then enter at once: the keys after it move in the hits, not into the query,
    even those typed before the first hits come (``G`` went into the query)."""
    gate = held_texts(monkeypatch)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        try:
            await pilot.press(*"mexico", "enter")
            await wait_until(pilot, lambda: screen.searching)
            assert screen.result_list.has_focus and hit_rows(screen) == 0
            await pilot.press("G", "j", "k")  # nothing listed yet: they move nothing
            assert screen.query_input.value == "mexico"
        finally:
            gate.set()
        await wait_until(pilot, lambda: screen.result_list.highlighted is not None)
        assert screen.result_list.has_focus
        first = screen.result_list.highlighted
        await pilot.press("j")
        assert screen.query_input.value == "mexico"
        assert first is not None and screen.result_list.highlighted == first + 1


async def test_the_search_s_keys_do_what_its_help_and_footer_say(annotated: Annotated) -> None:
    """The corpus search's keys, one case after another on one app.

    '/ Edit the search' was in the footer while the search was being typed, where / is a
    character; it is there over the hits, where / goes to the search.

    ``q`` closes the corpus search as it closes the codebook and the reports (it quit the
    whole app from the hits); in the query it is typed.

    ``enter`` once "No hit" shows: the query keeps the focus, to edit.  (The focus went to the
    empty list of hits, and typing did nothing until ``/``.)

    enter on a hit opened its document (on a memo, the memo), but the corpus search's help
    (?) listed only esc, /, down and the list keys: the way to the text was not on screen.

    The hits' lines were made as wide as the list when searched; narrowing the terminal (120
    to 60 columns) cut them at the right edge, the match with them, until the next search.
    They are made again for the new width, the match kept in view."""
    from textual.widgets._footer import FooterKey

    from tui_reader.ui.screens.help import HelpScreen

    def footer_keys() -> list[str]:
        return [key.key for key in app.screen.query(FooterKey)]

    def searched(screen: CorpusSearchScreen, query: str) -> bool:
        return screen.results is not None and screen.results.query == query and not screen.searching

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        case = "the footer offers / only over the hits"
        screen = await search(pilot, "mexico")
        await wait_until(pilot, lambda: "escape" in footer_keys())
        assert screen.query_input.has_focus and "slash" not in footer_keys(), case
        await pilot.press("down")
        await wait_until(pilot, lambda: screen.result_list.has_focus)
        await wait_until(pilot, lambda: "slash" in footer_keys())
        await pilot.press("slash", *" army")  # / goes to the search, to refine it
        await wait_until(pilot, lambda: screen.query_input.value == "mexico army")

        case = "g and G go to the first and last hit"
        screen = await search(pilot, "mexico")
        await pilot.press("enter")
        results = screen.result_list
        assert results.has_focus, case
        await pilot.press("G")
        assert results.highlighted == results.option_count - 1, case
        await pilot.press("g")
        assert results.highlighted == 1, case  # the first hit, under its document's heading
        await pilot.press("slash", "G")  # in the query a letter, typed after it
        assert screen.query_input.value == "mexicoG", case

        case = "q in the hits closes the search and in the query is a letter"
        screen = await search(pilot, "mexiqo")
        assert screen.query_input.value == "mexiqo", case
        await pilot.press("backspace", "backspace", "c", "o")
        await wait_until(pilot, lambda: screen.results is not None and bool(screen.results.hits))
        await pilot.press("down")
        await wait_until(pilot, lambda: screen.result_list.has_focus)
        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is main)
        assert not app._exit, case

        case = "enter on a query that finds nothing gives the query back"
        screen = await search(pilot, "zzqw")
        screen.query_input.value = ""
        await pilot.press(*"zzqx", "enter")
        await wait_until(pilot, lambda: searched(screen, "zzqx"))
        await wait_until(pilot, lambda: screen.query_input.has_focus)
        await pilot.press("backspace", "y")  # kept, the cursor after it, as `/` leaves it
        assert screen.query_input.value == "zzqy", case

        case = "enter after the search found nothing leaves the query to edit"
        screen = await search(pilot, "zzqx")
        await pilot.press("enter", "backspace", "y")
        assert screen.query_input.has_focus, case
        assert screen.query_input.value == "zzqy", case

        case = "the help says that enter opens the hit, and it does"
        screen = await search(pilot, "Mexico")
        await pilot.press("enter")  # to the hits
        await wait_until(pilot, lambda: screen.result_list.has_focus)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict((words, key) for key, words in help_screen.groups["Corpus search"])
        assert keys["Open the document at the hit (a memo: edit it)"] == "enter", case
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("enter")  # what it says
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert main.pane.key in (MEXICO, US), case

        case = "rows fit a narrowed terminal with their hit shown"
        screen = await search(pilot, "region")
        await pilot.press("enter")  # to the hits
        await wait_until(pilot, lambda: screen.result_list.has_focus)
        await pilot.press("j", "j")
        chosen = screen.result_list.highlighted
        assert chosen is not None and chosen > 1, case
        await pilot.resize_terminal(60, 30)
        width = 0

        def refitted() -> bool:
            nonlocal width
            width = screen.result_list.content_region.width
            return 0 < width < 60 and all(
                len(o.prompt.plain) <= width  # type: ignore[union-attr]
                for o in screen.result_list.options
                if not o.disabled
            )

        await wait_until(pilot, refitted)
        assert screen.result_list.highlighted == chosen, case
        for option in screen.result_list.options:
            if option.disabled:
                continue
            prompt = option.prompt
            assert not isinstance(prompt, str)
            emphasised = [prompt.plain[s.start : s.end] for s in prompt.spans if s.start > 7]
            assert [e.lower() for e in emphasised] == ["region"], (case, prompt.plain)


async def test_enter_on_a_new_query_lists_none_of_the_last_ones_hits(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter twice at once on a new query opens none of the hits of the query before: the
    second enter opens the new query's first hit once it is found."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, "mexico")
        assert hit_rows(screen) > 0
        gate = held_texts(monkeypatch)
        try:
            await pilot.press(*["backspace"] * 6, *"army", "enter", "enter")
            assert screen.result_list.has_focus and hit_rows(screen) == 0
            assert pilot.app.screen is screen  # no hit of "mexico" opened
        finally:
            gate.set()
        await hit_opened(pilot, "army")


async def test_enter_on_a_new_query_while_another_is_searched_searches_it(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with mexico_held(annotated, monkeypatch) as (pilot, screen, gate):
        await pilot.press(*["backspace"] * 6, *"army", "enter")
        gate.set()
        await wait_until(
            pilot, lambda: screen.results is not None and screen.results.query == "army"
        )
        await wait_until(pilot, lambda: not screen.searching)
        assert screen.results is not None and screen.results.query == "army"
        assert screen.results.total > 0 and screen.result_list.has_focus


@pytest.mark.parametrize("second", ["mexic", "army"])  # the first's hits and more, or others
async def test_a_search_typed_while_another_runs_finds_each_hit_once(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, second: str
) -> None:
    """A query typed while the last one is searched: the last, cancelled, goes on to its next
    document beside the new one, both reading the texts new to them.  The new one's hits and
    counts are a search's alone (a search was once seen saying twice the hits there were)."""
    async with mexico_held(annotated, monkeypatch) as (pilot, screen, gate):
        await pilot.press(*["backspace"] * 6, *second)
        await wait_until(pilot, lambda: screen.memory.query == second)  # (started)
        gate.set()
        await wait_until(
            pilot,
            lambda: (
                screen.results is not None
                and screen.results.query == second
                and not screen.searching
            ),
        )
        results = screen.results
        assert results is not None
        shown = (summary_text(screen), hit_rows(screen))
    monkeypatch.undo()  # (the texts read as they are)
    workspace = Workspace(annotated.corpus, tmp_path / "alone.json")
    texts = CorpusTexts(workspace, TextPack(None))
    try:
        alone = search_texts(
            texts, workspace.keys(), second, limit=corpus_search.MAX_SHOWN,
            memos=workspace.store.memos(),
        )  # fmt: skip
    finally:
        workspace.store.close()

    def found(results: CorpusResults) -> object:  # (the contexts cut to the list's width)
        hits = [(h.key, h.start, h.end, h.line, h.memo) for h in results.hits]
        return hits, results.total, results.per_document, results.documents, results.memos

    assert found(results) == found(alone)
    assert shown == (corpus_search.summary(alone), len(alone.hits))


async def test_the_last_query_is_searched_at_once_and_the_listing_awaited_by_the_search(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``F`` opens with the last query searched at once (not after the screen is made), and
    the corpus listing it needs (at start, the library's first one may still run) is awaited
    by the search, never by the screen: it opens and takes keys meanwhile."""
    import sys

    from tui_reader.core.workspace import Workspace

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await search(pilot, "mexico")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        listed = threading.Event()
        real_keys, real_to_search = Workspace.keys, Workspace.keys_to_search
        on_ui_thread: list[bool] = []  # for each listing the search screen waited on

        def held(self: Workspace) -> None:
            if sys._getframe(2).f_globals["__name__"] == corpus_search.__name__:
                on_ui_thread.append(threading.current_thread() is threading.main_thread())
                held_until(listed)  # the listing still running

        def keys(self: Workspace) -> list[str]:
            held(self)
            return real_keys(self)

        def keys_to_search(self: Workspace) -> tuple[list[str], set[str], bool]:
            held(self)
            return real_to_search(self)

        monkeypatch.setattr(Workspace, "keys", keys)
        monkeypatch.setattr(Workspace, "keys_to_search", keys_to_search)
        await pilot.press("F")
        try:
            await wait_until(
                pilot,
                lambda: (
                    isinstance(app.screen, CorpusSearchScreen) and app.screen.query_input.has_focus
                ),
            )
            screen = app.screen
            assert isinstance(screen, CorpusSearchScreen)
            await wait_until(pilot, lambda: bool(on_ui_thread))
            assert on_ui_thread == [False] and screen.searching and screen.results is None
            await pilot.press("end")  # the screen takes keys meanwhile
        finally:
            listed.set()
        await wait_until(pilot, lambda: not screen.searching)
        assert screen.results is not None and set(screen.results.per_document) == {MEXICO, US}


async def test_documents_of_one_title_are_headed_by_their_files(
    annotated: Annotated,
) -> None:
    """Two copies of an article were two groups headed alike ('US Wants Mexico…' twice);
    each group of a title another document among the hits shares names its file."""
    copy = annotated.corpus / "copy of us.txt"
    copy.write_text((annotated.corpus.parent / US).read_text("utf-8"), "utf-8")
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "militar")
        headings = [str(option.prompt) for option in screen.result_list.options if option.disabled]
        # (at 80 columns the file's long name leaves its title no room: cut before the tally)
        own = US.split("/", 1)[1]
        us = [h for h in headings if h.startswith(("copy of us.txt · US Wants", own[:40]))]
        assert len(us) == 2, headings
        assert all(h.endswith("  4 hits") for h in us), us
        mexico = next(h for h in headings if "Mexico Hosts" in h)
        assert mexico.startswith("Mexico Hosts SouthCom")  # a title of its own: as it was


async def test_a_hit_in_the_open_document_whose_file_is_gone_says_so(
    annotated: Annotated,
) -> None:
    """A hit of the open document chosen after its file was deleted (the search listed before)
    was shown in the text kept with nothing said: one line says the file is gone."""
    app = ReaderApp(annotated.corpus, annotated.db, annotated.corpus / US.split("/")[-1])
    async with app.run_test(size=WIDE) as pilot:
        main = await ready(pilot)
        assert main.pane.key == US
        screen = await search(pilot, "Mexico")
        assert screen.results is not None
        target = next(h for h in screen.results.hits if h.key == US)
        (annotated.corpus / US.split("/")[-1]).unlink()
        screen.dismiss(target)  # the hit chosen
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await wait_until(pilot, lambda: main.reader.caret == target.start)

        def gone_said() -> int:
            said = [n.message for n in app._notifications]
            return sum("the file is gone" in m and "kept on show" in m for m in said)

        # The caret moves at once; the notice said just before it reaches the app's list of
        # notifications only when the app handles its Notify message (App.notify posts
        # one): waiting for the caret alone read the list too early on a busy machine.
        await wait_until(pilot, lambda: gone_said() > 0)
        await pilot.pause()
        assert gone_said() == 1, [n.message for n in app._notifications]
        assert main.pane.key == US and main.reader.document is not None


async def test_a_hit_s_line_is_the_one_search_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``F`` numbered a plain text's lines counting its form feeds and lone CRs as line
    breaks, where ``tui-reader search`` (and grep) count line feeds alone: the line beside
    a hit is the one the command prints for it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"one\fpage two\fpage three\nfour needle\n")
    (corpus / "b.txt").write_bytes(b"one\rtwo\rthree needle\rfour\n")
    db = tmp_path / "annotations.json"
    assert cli_main(["search", "needle", str(corpus), "--db", str(db)]) == 0
    printed = [line.split(": ", 1)[0] for line in capsys.readouterr().out.splitlines()]
    assert printed == [f"{corpus}/a.txt:2", f"{corpus}/b.txt:1"]  # paths, as grep's
    app = ReaderApp(corpus, db, measure=80)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "needle")
        assert screen.results is not None
        options = screen.result_list.options
        numbers = [str(o.prompt).split()[0] for o in options if not o.disabled]
        keys = [Path(hit.key).name for hit in screen.results.hits]
        shown = [f"{corpus}/{key}:{number}" for key, number in zip(keys, numbers, strict=True)]
        assert shown == printed


async def test_a_search_that_fails_says_so_and_is_searching_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search the worker could not make (the database unreadable as it read the memos, the
    corpus folder gone) was said in a notification, but the screen went on saying "Searching
    for …" and counted as searching for ever: enter waited on hits that never came.  It now
    ends the search and says why in its summary line."""
    from tui_reader.core.errors import StoreError

    def failing(*_args: object, **_kwargs: object) -> object:
        raise StoreError("db.json: damaged JSON; the file was left as it is")

    monkeypatch.setattr(corpus_search, "search_texts", failing)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press(*"plan")
        await wait_until(pilot, lambda: "damaged JSON" in summary_text(screen))
        assert not screen.searching and screen.results is None
        assert summary_text(screen).startswith("Search failed: db.json: damaged JSON")


def _a_needle_in_one_document(tmp_path: Path) -> tuple[Path, ReaderApp]:
    """A corpus of one document holding "needle", and the app on it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("a needle in the text\n", encoding="utf-8")
    return corpus, ReaderApp(corpus, tmp_path / "annotations.json", measure=80)


async def test_a_search_of_a_corpus_folder_gone_says_the_folder_is_not_there(
    tmp_path: Path,
) -> None:
    """The corpus folder deleted while the app runs, ``F`` said "No hit for … in 0
    documents", as if the folder were there and empty: it says the folder is not there any
    more, in the words the library uses, and lists no hit of a search made before."""
    corpus, app = _a_needle_in_one_document(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "needle")
        assert hit_rows(screen) == 1
        (corpus / "a.txt").unlink()
        corpus.rmdir()
        screen.workspace.refresh_files()  # the library's relisting, as it comes
        screen.query_input.value = ""
        await pilot.press(*"text")
        await wait_until(pilot, lambda: "not there any more" in summary_text(screen))
        assert not screen.searching
        assert summary_text(screen).startswith(f"{corpus}: the folder is not there any more")
        assert "0 documents" not in summary_text(screen)
        assert hit_rows(screen) == 0


async def test_f_opened_with_the_corpus_folder_gone_says_so_before_a_key(tmp_path: Path) -> None:
    """The corpus folder deleted while the app runs, ``F`` opened with no query said "1
    document: type to search them all" until a key was typed; emptied again, the same.  It
    says the folder is not there any more, at once."""
    corpus, app = _a_needle_in_one_document(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        (corpus / "a.txt").unlink()
        corpus.rmdir()
        screen = await opened(pilot)
        await pilot.pause()
        assert summary_text(screen).startswith(f"{corpus}: the folder is not there any more")
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.searching and screen.memory.query == "x")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: screen.memory.query == "")
        assert summary_text(screen).startswith(f"{corpus}: the folder is not there any more")


async def test_a_file_holding_nul_bytes_is_said_to_match_as_grep_says_it(tmp_path: Path) -> None:
    """A ``.txt`` holding NUL bytes was counted among the documents that "could not be read"
    by every search, the query in its bytes or not, where ``tui-reader search`` and grep say
    "binary file matches" of it when it is and nothing when not.  F says so after the hits
    (none of it listed: it has no text to open), and nothing of a file the query is not in."""
    corpus, app = _a_needle_in_one_document(tmp_path)
    (corpus / "core.txt").write_bytes(b"\x00\x00\x00\x00a needle\x00\n")
    (corpus / "dump.txt").write_bytes(b"\x00\x00\x00\x00nothing\x00\n")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await search(pilot, "needle")
        assert summary_text(screen) == "1 hit in 1 document · 1 binary file matches"
        assert hit_rows(screen) == 1
        (corpus / "dump.txt").write_bytes(b"\x00\x00\x00\x00a needle too\x00\n")
        screen = await search(pilot, "needle too")
        assert (
            summary_text(screen) == "No hit for “needle too” in 3 documents · 1 binary file matches"
        )
        screen = await search(pilot, "neither")
        assert summary_text(screen) == "No hit for “neither” in 3 documents"
        assert hit_rows(screen) == 0
