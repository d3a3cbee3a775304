"""Symptom 4: typing fast (a burst of keys, as key repeat or a quick typist sends them) in
the library filter, the `/` search prompt or the codebook filter keeps every character in
order: "milit", five backspaces, "interv" gives "interv", not "minter"."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import analysis_app, query_view_opened, reports_opened
from helpers.app import (
    AppFactory,
    burst,
    hit_opened,
    keys_handled,
    reader_focused,
    ready,
    screen_opened_by,
    wait_until,
    workers_done,
)
from helpers.counting import held_calls
from helpers.passages import Annotated
from helpers.threads import held_until
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from tui_reader.core.search.corpus import CorpusHit
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.key_relay import KeyRelay
from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.screens import query as query_module
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen

TYPED = [*"milit", *["backspace"] * 5, *"interv"]


async def militarization_queried(pilot: Pilot[object]) -> QueryScreen:
    """The query view opened, ``militarization`` typed and run, the focus on its passages."""
    screen = await query_view_opened(pilot)
    await burst(pilot, [*"militarization", "enter"])
    await wait_until(pilot, lambda: not screen.running and screen.passage_list.has_focus)
    return screen


async def test_library_filter_keeps_a_burst_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.library.table.focus()
        await pilot.press("slash")
        field = screen.library.query_one("#library-filter", Input)
        assert field.has_focus
        await burst(pilot, TYPED)
        assert field.value == "interv"


async def _search_prompt(pilot: Pilot[Any]) -> Input:
    """The reader's search prompt, opened by ``/`` in the reader and holding the focus."""
    screen = await ready(pilot)
    screen.reader.focus()
    await pilot.press("slash")
    field = screen.query_one("#search", Input)
    assert field.has_focus
    return field


async def test_search_prompt_keeps_a_burst_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        field = await _search_prompt(pilot)
        await burst(pilot, TYPED)
        assert field.value == "interv"
        await pilot.press(*"milit", *["backspace"] * 5, *"interv")  # Pilot's own pace too
        assert field.value == "intervinterv"


async def test_a_burst_types_signs_named_as_the_terminal_sends_them(make_app: AppFactory) -> None:
    """The tests' bursts send a key named (``question_mark``) with the character a terminal
    sends for it: sent without it, a field did not type it, and a burst of ``?`` in a
    field ran the app's ``?`` instead."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        field = await _search_prompt(pilot)
        signs = ["question_mark", "space", "percent_sign", "backspace", "exclamation_mark"]
        await burst(pilot, [*"why", *signs, "?"])
        assert field.value == "why? !?"


async def test_codebook_filter_keeps_a_burst_in_order(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await pilot.press("slash")
        field = app.screen.query_one("#codebook-filter", Input)
        assert field.has_focus
        await burst(pilot, TYPED)
        assert field.value == "interv"


async def test_a_memo_typed_fast_and_saved_at_once_keeps_every_character(
    make_app: AppFactory,
) -> None:
    """``ctrl+s`` right behind the typing (one burst) saves what was typed: it does not
    overtake the characters still on their way to the editor (it did, and the memo was
    saved empty: dropped)."""
    from tui_reader.core.analysis.memos import MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("J")
        await wait_until(pilot, lambda: isinstance(app.screen, MemoDialog))
        await burst(pilot, [*"Third entry", "ctrl+s"])
        await wait_until(pilot, lambda: not isinstance(app.screen, MemoDialog))
        entries = app.workspace.store.memos(MemoKind.JOURNAL)
        assert [m.text.strip() for m in entries] == ["Third entry"]


async def test_a_note_typed_fast_and_saved_at_once_keeps_every_character(
    make_app: AppFactory,
) -> None:
    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await burst(pilot, [*"place", "tab", *"a quick note", "ctrl+s"])
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        saved = app.workspace.store.annotations()
        assert [(a.tags, a.note) for a in saved] == [(("place",), "a quick note")]


async def test_keys_typed_right_behind_ctrl_s_are_not_saved_in_the_note(
    make_app: AppFactory,
) -> None:
    """A note, ``ctrl+s`` and ``j j`` in one burst: the note is saved as typed and ``j j`` move
    in the text.  (``ctrl+s`` ran once it had bubbled up to the dialog, after the editor had
    typed the keys behind it: the note was saved as "a quick notejj".)"""
    from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await burst(pilot, [*"place", "tab", *"a quick note", "ctrl+s", "j", "j"])
        await wait_until(pilot, lambda: app.screen is screen)
        saved = app.workspace.store.annotations()
        assert [(a.tags, a.note) for a in saved] == [(("place",), "a quick note")]
        (annotation,) = saved
        await wait_until(pilot, lambda: reader.caret > annotation.start)
        assert reader.has_focus


async def test_keys_typed_right_behind_ctrl_s_are_not_saved_in_the_memo(
    make_app: AppFactory,
) -> None:
    from tui_reader.core.analysis.memos import MemoKind
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await screen_opened_by(pilot, "J", MemoDialog, from_reader=True)
        await burst(pilot, [*"Fourth entry", "ctrl+s", "j"])
        await wait_until(pilot, lambda: app.screen is screen)
        entries = app.workspace.store.memos(MemoKind.JOURNAL)
        assert [m.text.strip() for m in entries] == ["Fourth entry"]


@pytest.mark.parametrize(
    ("where", "field_id"), [("library", "#library-filter"), ("reader", "#search")]
)
async def test_keys_typed_right_behind_the_slash_go_to_the_field_it_opens(
    make_app: AppFactory, where: str, field_id: str
) -> None:
    """``/`` and the text typed in one burst, from the library (its filter) or the text (the
    search prompt): the field gets every character (the keys after ``/`` were sent to the list
    or the text before ``/`` had opened the field, and were lost)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        (screen.library.table if where == "library" else screen.reader).focus()
        await pilot.pause()
        await burst(pilot, ["slash", *"southcom"])
        assert screen.query_one(field_id, Input).value == "southcom"


async def test_keys_typed_right_behind_hiding_and_showing_the_library_go_to_its_filter(
    make_app: AppFactory,
) -> None:
    """``L``, ``L``, ``/`` and a word in one burst from the text: the library is hidden, shown
    (and focused), its filter opened, and the word typed into it (the ``/`` reached the text
    before the ``L``s had run, and opened the search in the document instead)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.pause()
        await burst(pilot, ["L", "L", "slash", *"southcom"])
        assert screen.library.display
        assert screen.query_one("#library-filter", Input).value == "southcom"
        # The document's search prompt got nothing (it is mounted when first opened).
        assert [bar.value for bar in screen.query("#search").results(Input)] in ([], [""])


async def _last_hit_reached_behind(annotated: Annotated, to_hits: str) -> None:
    """``F``, "mexico", ``to_hits`` and ``G`` in one burst: the query kept as typed, its hits
    listed and focused, and the cursor on the last of them."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"mexico", to_hits, "G"])
        await wait_until(pilot, lambda: not screen.searching and screen.results is not None)
        assert screen.query_input.value == "mexico"
        assert screen.results is not None and screen.results.query == "mexico"
        assert screen.result_list.has_focus
        await wait_until(
            pilot, lambda: screen.result_list.highlighted == screen.result_list.option_count - 1
        )


async def test_keys_typed_right_behind_enter_in_the_corpus_search_go_to_the_hits(
    annotated: Annotated,
) -> None:
    """``F``, a query, ``enter`` and ``G`` in one burst: ``G`` goes to the last hit, not into
    the query (it was typed into it: "mexicoG", no hit)."""
    await _last_hit_reached_behind(annotated, "enter")


async def test_keys_typed_right_behind_down_in_the_corpus_search_go_to_the_hits(
    annotated: Annotated,
) -> None:
    """``F``, a query, ``down`` and ``G`` in one burst: ``G`` goes to the last hit, as it
    does behind ``enter``, not into the query (it was typed into it: "mexicoG", no hit)."""
    await _last_hit_reached_behind(annotated, "down")


async def test_keys_typed_right_behind_down_over_the_last_query_s_hits_go_to_the_hits(
    annotated: Annotated,
) -> None:
    """The corpus search opened again shows the last query and lists its hits: ``down`` and
    ``G`` in one burst put the cursor on the last hit.  (With hits listed, ``down`` gave the
    hits the focus without holding the keys behind it: ``G`` was typed into the query.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"mexico", "enter"])
        await wait_until(pilot, lambda: not screen.searching and screen.result_list.has_focus)
        await pilot.press("escape")
        again = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        listed = again.result_list
        await wait_until(pilot, lambda: not again.searching and listed.option_count > 0)
        assert again.query_input.has_focus and again.query_input.value == "mexico"
        await burst(pilot, ["down", "G"])
        assert again.query_input.value == "mexico"
        await wait_until(pilot, lambda: listed.has_focus)
        await wait_until(pilot, lambda: listed.highlighted == listed.option_count - 1)


async def test_j_typed_right_behind_enter_in_the_corpus_search_goes_to_the_second_hit(
    annotated: Annotated,
) -> None:
    """``F``, a query, ``enter`` and ``j`` in one burst: the cursor is on the second hit once
    the hits are listed (``j`` reached the empty list before them, and was lost)."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"mexico", "enter", "j"])
        await wait_until(pilot, lambda: not screen.searching and screen.results is not None)
        listed = screen.result_list
        assert screen.query_input.value == "mexico" and listed.has_focus
        hits = [i for i, option in enumerate(listed.options) if not option.disabled]
        await wait_until(pilot, lambda: listed.highlighted == hits[1])


@pytest.mark.parametrize("to_hits", ["down", "enter"])
async def test_enter_typed_right_behind_the_query_opens_the_first_hit(
    annotated: Annotated, to_hits: str
) -> None:
    """``F``, a query, ``down`` (or ``enter``) and ``enter`` in one burst: the first hit opens.
    (``down`` before the first hit was listed did nothing, and ``enter`` on the still empty
    hits was lost: the search stayed open.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"southcom", to_hits, "enter"])
        await hit_opened(pilot, "southcom")
        assert screen.query_input.value == "southcom"


async def test_down_and_enter_typed_fast_over_the_hits_listed_open_the_first_hit(
    annotated: Annotated,
) -> None:
    """The hits listed, ``down`` and ``enter`` in one burst: the first hit opens.  (``enter``
    reached the query before ``down`` had moved the focus to the hits, and only moved it
    there: the search stayed open.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"southcom"])
        await wait_until(pilot, lambda: not screen.searching and screen.results is not None)
        await wait_until(pilot, lambda: screen.result_list.option_count > 0)
        assert screen.query_input.has_focus
        await burst(pilot, ["down", "enter"])
        await hit_opened(pilot, "southcom")


async def test_a_new_search_typed_right_behind_slash_in_the_hits_is_searched(
    annotated: Annotated,
) -> None:
    """From the corpus search's hits, ``/``, ``ctrl+u`` and a new query in one burst: the new
    query is searched.  (``/`` moved the focus only once the keys behind it had reached the
    hits: the letters were lost and the old query stayed.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await burst(pilot, [*"mexico", "enter"])
        await wait_until(pilot, lambda: screen.result_list.has_focus)
        await burst(pilot, ["slash", "ctrl+u", *"border"])
        await wait_until(  # the new query's search ended (the old one's results came first)
            pilot,
            lambda: (
                not screen.searching
                and screen.results is not None
                and screen.results.query == screen.query_input.value
            ),
        )
        assert screen.query_input.value == "border"
        assert screen.results is not None and screen.results.query == "border"


async def test_a_new_query_typed_right_behind_slash_in_the_passages_is_run(
    annotated: Annotated,
) -> None:
    """From the query view's passages, ``/``, ``ctrl+u``, a new query and ``enter`` in one
    burst: the new query runs and its passages have the focus.  (The letters behind ``/``
    were lost, ``ctrl+u`` then emptied the query: the old passages stayed.)"""
    app = analysis_app(annotated)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await query_view_opened(pilot)
        await burst(pilot, [*"militarization", "enter"])
        await wait_until(pilot, lambda: screen.passage_list.has_focus and len(screen.matches) > 1)
        keys = ["slash", "ctrl+u", *"militarization", "space", *"AND NOT policy", "enter"]
        await burst(pilot, keys)
        await wait_until(pilot, lambda: not screen.running)
        assert screen.input.value == "militarization AND NOT policy"
        quotes = [p.annotation.quote for p in screen.matches]
        assert quotes == [
            "aerial, ground and reconnaissance patrols",
            "bolster militarism in the region",
        ]
        assert screen.passage_list.has_focus


async def test_enter_typed_right_behind_a_new_query_opens_its_passage_not_the_last_ones(
    annotated: Annotated,
) -> None:
    """A new query, ``enter`` and ``enter`` again in one burst, over the last query's passages:
    the second ``enter`` opens the new query's passage.  (The passages took the focus before
    the new ones were found, and it opened the first of the last query's: another place.)"""
    app = analysis_app(annotated)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await ready(pilot)
        await militarization_queried(pilot)
        await burst(pilot, ["slash", "ctrl+u", *"migration", "enter", "enter"])
        await wait_until(pilot, lambda: app.screen is main)
        document = main.reader.document
        assert document is not None
        await wait_until(pilot, lambda: document.text.startswith("massively", main.reader.caret))


async def test_enter_typed_behind_a_query_slower_than_the_hold_still_opens_its_passage(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same burst while the new query's passages take longer to place than the keys
    behind ``enter`` are held (a busy machine): the second ``enter`` waits for them and opens
    the new query's passage.  (It was typed in the query once the hold ran out, ran the query
    again, and the view stayed open.)"""
    app = analysis_app(annotated)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await ready(pilot)
        screen = await militarization_queried(pilot)
        release = held_calls(monkeypatch, query_module, "in_context", 30)
        await burst(pilot, ["slash", "ctrl+u", *"migration", "enter", "enter"])
        assert screen.running and screen.input.has_focus
        screen.input._stayed()  # the hold's time is over, the passages not yet placed
        release.set()
        await wait_until(pilot, lambda: app.screen is main)
        document = main.reader.document
        assert document is not None
        await wait_until(pilot, lambda: document.text.startswith("massively", main.reader.caret))


async def test_a_query_edited_while_its_passages_are_placed_is_typed_in_the_query(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query run, then, a moment later and its passages not placed yet (a big project),
    the query edited: the keys go into the query as typed, and the passages, once placed, do
    not take the focus from it.  (They were held unseen until the passages showed, then went
    to them: ``o`` sorted them, ``enter`` opened one.)"""
    monkeypatch.setattr(query_module, "HOLD_WHILE_RUNNING", 0.2)
    app = analysis_app(annotated)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await query_view_opened(pilot)
        release = held_calls(monkeypatch, query_module, "in_context", 30)
        await burst(pilot, [*"militarization", "enter"])
        assert screen.running and screen.input.has_focus
        await pilot.pause(0.3)  # longer than the keys behind enter are held
        await burst(pilot, ["space", *"OR", "space", *"policy"])
        await wait_until(pilot, lambda: screen.input.value == "militarization OR policy")
        release.set()
        await wait_until(pilot, lambda: not screen.running)
        await pilot.pause()
        assert app.screen is screen and screen.input.has_focus
        assert screen.sort_by is None


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        (["slash", *"mexico", "enter", "j"], "mexico"),
        (["slash", *"mex", "enter", "escape", "slash", *"ico", "enter", "j"], "ico"),
    ],
    ids=["filter-enter-j", "filter-cleared-by-esc-and-typed-again"],
)
async def test_keys_typed_right_behind_enter_in_the_library_filter_go_to_the_list(
    make_app: AppFactory, keys: list[str], kept: str
) -> None:
    """``/``, a filter, ``enter`` and ``j`` in one burst: ``j`` moves in the list the filter
    left (it was typed into the filter: "mexicoj", nothing listed).  With the filter first
    kept, cleared by ``esc`` from the list and typed again in the same burst, the new filter
    holds what was typed after the second ``/``.  (The list's esc ran once it had bubbled up
    to the library, after the keys behind it: ``/`` showed the old filter, its letters were
    typed, then the esc wiped them and left the field for the list, which took the next
    letters, and ``enter`` opened a document.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        table.focus()
        await pilot.pause()
        await burst(pilot, keys)
        await keys_handled(pilot)
        field = screen.query_one("#library-filter", Input)
        assert field.value == kept and field.display
        assert table.has_focus and len(table._keys) == 2
        assert table.cursor_row == 1


async def test_esc_and_enter_leave_the_library_filter_cleanly(make_app: AppFactory) -> None:
    """``esc`` in the filter empties and hides it, the keys behind it going to the list;
    ``enter`` on a filter emptied hides it too (it stayed on show, empty, with its
    placeholder), a filter kept by ``enter`` stays on show."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        table.focus()
        await pilot.pause()
        await burst(pilot, ["slash", *"southcom", "escape", "j"])
        await keys_handled(pilot)
        field = screen.query_one("#library-filter", Input)
        assert field.value == "" and not field.display
        assert table.has_focus and len(table._keys) == 2 and table.cursor_row == 1
        await burst(pilot, ["slash", *"southcom", "enter"])
        await keys_handled(pilot)
        assert field.value == "southcom" and field.display and table.has_focus
        assert len(table._keys) == 1
        await burst(pilot, ["slash", "ctrl+u", "enter", "k"])
        await keys_handled(pilot)
        assert field.value == "" and not field.display
        assert table.has_focus and table.cursor_row == 0


async def test_keys_typed_right_behind_enter_in_the_codebook_filter_go_to_the_tree(
    annotated: Annotated,
) -> None:
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await pilot.pause()
        line = screen.tag_tree.cursor_line
        await pilot.press("slash")
        await burst(pilot, ["enter", "j"])
        assert screen.query_one("#codebook-filter", Input).value == ""
        assert screen.tag_tree.has_focus and screen.tag_tree.cursor_line == line + 1


async def test_a_codebook_key_typed_right_behind_a_move_acts_on_the_new_tag(
    annotated: Annotated,
) -> None:
    """``j`` then ``r`` (or ``enter``) in one burst on the codebook's tree: the rename asks for
    the tag the cursor moved to (it asked for the one it had left, and renamed that)."""
    from tui_reader.ui.screens.tag_dialogs import TagNameDialog

    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
        await pilot.pause()
        tree = screen.tag_tree
        first = tree.cursor_node.data if tree.cursor_node else None
        await burst(pilot, ["j", "r"])
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        moved_to = tree.cursor_node.data if tree.cursor_node else None
        assert moved_to is not None and moved_to != first
        assert app.screen.query_one(Input).value == moved_to
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await burst(pilot, ["j", "enter"])
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        current = screen.current_passage
        assert current is not None and screen.selected == tree.cursor_node.data  # type: ignore[union-attr]


def _names(store: AnnotationStore) -> object:
    return sorted(t.name for t in store.tags())


def _descriptions(store: AnnotationStore) -> object:
    return {t.name: t.description for t in store.tags()}


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        (["r", "ctrl+u", *"renamed", "enter", "u"], _names),
        (["c", "tab", "ctrl+u", *"desc", "enter", "u"], _descriptions),
    ],
    ids=["rename", "description"],
)
async def test_u_typed_right_behind_a_codebook_dialog_s_enter_undoes_what_it_saved(
    annotated: Annotated, keys: list[str], kept: Callable[[AnnotationStore], object]
) -> None:
    """A rename (``r``, a new name, ``enter``) or a description (``c``, ``tab``, the words,
    ``enter``) with ``u`` in the same burst in the codebook: what the dialog saved is undone.
    (``u`` was typed in the rename's field as the dialog saved and closed, and lost: the rename
    stayed; in the description's, before the dialog read it: "descu" was saved.)"""
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing and not screen.counting)
        await pilot.pause()
        store = app.workspace.store
        before = kept(store)
        await burst(pilot, keys)
        await wait_until(
            pilot, lambda: any(n.message.startswith("Undone") for n in app._notifications)
        )
        assert app.screen is screen
        assert kept(store) == before


async def test_n_typed_right_behind_a_search_goes_to_its_second_hit(
    make_app: AppFactory,
) -> None:
    """``/``, a word, ``enter`` and ``n`` in one burst, as in ``less``: the caret on the
    word's second hit (``n`` was typed into the prompt: "mexicon", not found)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.pause()
        await burst(pilot, ["slash", *"mexico", "enter", "n"])
        search = screen.column.search
        await wait_until(pilot, lambda: not search.searching and len(search.hits) > 1)
        assert search.query == "mexico"
        assert search.index == 1
        assert screen.reader.caret == search.hits[1][0]


async def test_keys_held_after_an_enter_that_moves_no_focus_are_typed_in_the_field() -> None:
    """A field whose ``enter`` moved the focus nowhere gets the keys typed behind it, in
    order, a moment later: none is lost."""
    from textual.app import App, ComposeResult

    from tui_reader.ui.widgets.text_field import HandingOverField

    class OneField(App[None]):
        def compose(self) -> ComposeResult:
            yield HandingOverField(id="field")

    app = OneField()
    async with app.run_test() as pilot:
        field = app.query_one("#field", HandingOverField)
        field.focus()
        await pilot.pause()
        await burst(pilot, [*"ab", "enter", *"cd", "backspace", "e"])
        await wait_until(pilot, lambda: field.value == "abce")
        assert field.has_focus
        await pilot.press("f")
        assert field.value == "abcef"


async def test_a_and_its_tags_typed_fast_annotate_with_those_tags(make_app: AppFactory) -> None:
    """``a``, two tags, ``enter`` and ``G`` in one burst from the text: the passage is
    tagged with both, and ``G`` takes the caret to the end once the dialog has closed.  (The keys
    behind ``a`` reached the text before the dialog opened and ran as reader keys: ``i``
    opened the document's details, ``t`` selected a turn, and the annotation was saved with
    a part of its tags or none.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        typed = [*"militarization, actors/us", "enter", "G"]
        await burst(pilot, ["a", *["space" if k == " " else k for k in typed]])
        store = app.workspace.store
        await wait_until(pilot, lambda: len(store.annotations()) == 1 and app.screen is screen)
        end = len(reader.document.text) if reader.document is not None else -1
        await wait_until(pilot, lambda: reader.caret >= end - 1)
        (annotation,) = store.annotations()
        assert annotation.tags == ("militarization", "actors/us")
        assert reader.has_focus and app.screen is screen


async def test_a_tags_tab_and_a_note_typed_fast_annotate_with_both(make_app: AppFactory) -> None:
    """``a``, a tag, ``tab``, a note and ``ctrl+s`` in one burst from the text: the passage is
    saved with the tag and the note.  (``tab``, a key the app runs at once, ran before ``a``
    had opened the dialog: it moved the focus to the library, the dialog never opened and the
    tag's ``/`` opened the library's filter, which got the letters in a jumble.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, ["a", *"fast", "slash", *"one", "tab", *"a note", "ctrl+s"])
        store = app.workspace.store
        await wait_until(pilot, lambda: len(store.annotations()) == 1 and app.screen is screen)
        (annotation,) = store.annotations()
        assert (annotation.tags, annotation.note) == (("fast/one",), "a note")
        assert reader.has_focus and not screen.library.query("#library-filter")


async def test_a_note_s_last_keys_typed_while_the_tag_s_keys_are_sent_again_stay_behind_tab(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``v w a``, a tag, ``tab``, a note and ``ctrl+s`` typed fast, the note's last keys
    reaching the app only as the keys held for the dialog are sent again (a busy app reads
    the terminal's keys in pieces: seen on a corpus of 10,000 documents): the passage is
    saved with the tag and the note.  (``tab``, sent again and back at the app while the
    tag's letters were still on their way to the field, waited again behind those last
    keys: the annotation was saved with the tag "fasttes", no note, and ``tab`` and "no"
    went to the text and the library.)"""
    app = make_app()
    late = ["t", "e", "s", "ctrl+s"]
    send = KeyRelay._send

    def send_after_the_late_keys(relay: KeyRelay) -> None:
        if late and relay._from_widgets:  # the keys held for the dialog, about to go
            for key in late:  # ahead of them in the app's queue, as the terminal's are
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                app.post_message(event)
            late.clear()
        send(relay)

    monkeypatch.setattr(KeyRelay, "_send", send_after_the_late_keys)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, ["v", "w", "a", *"fast", "tab", *"no"])
        store = app.workspace.store
        await wait_until(pilot, lambda: len(store.annotations()) == 1 and app.screen is screen)
        assert not late  # the late keys came as the held keys were sent
        (annotation,) = store.annotations()
        assert (annotation.tags, annotation.note) == (("fast",), "notes")
        assert reader.has_focus


async def test_a_passage_annotated_fast_behind_y_dropping_a_note_keeps_its_tag_and_note(
    make_app: AppFactory,
) -> None:
    """``esc`` on a note typed, then ``y`` (drop it), ``a`` on the next word, a tag, ``tab``, a
    note and ``ctrl+s`` in one burst: the passage is saved with that tag and note.  (The
    question takes no focus, so the whole burst went to it; ``y`` ran once it bubbled up to
    the app, after them, and ``tab`` at once, on the question: the letters behind ``a``
    found no binding in the dialog it opened, and the passage was saved with no tag and no
    note.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, ["v", "w", "a", *"dropped", "escape"])
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await burst(pilot, ["y", "w", "v", "w", "a", *"kept", "tab", *"a note", "ctrl+s"])
        store = app.workspace.store
        await wait_until(pilot, lambda: app.screen is screen and len(store.annotations()) == 1)
        (annotation,) = store.annotations()
        assert (annotation.tags, annotation.note) == (("kept",), "a note")
        assert reader.has_focus


async def test_keys_typed_behind_a_key_that_opens_a_screen_go_to_that_screen(
    annotated: Annotated,
) -> None:
    """``T`` and a filter in one burst from the text: the codebook opens with the filter
    typed into it (after ``/``, its own key), not run as reader keys."""
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.pause()
        caret = screen.reader.caret
        await burst(pilot, ["T", "slash", *"mil"])
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        field = app.screen.query_one("#codebook-filter", Input)
        await wait_until(pilot, lambda: field.value == "mil")
        assert field.has_focus and screen.reader.caret == caret


async def test_the_query_views_field_runs_ctrl_u_and_the_other_line_keys_in_typing_order(
    annotated: Annotated,
) -> None:
    """In the query view (``Q``) ``ctrl+u`` and the new query typed right behind it came out
    empty: Textual ran ``ctrl+u`` after the letters behind it had been typed, and it deleted
    them too (``ctrl+w``, ``ctrl+k``, ``ctrl+a``/``ctrl+e`` and ``backspace`` the same)."""
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        field = screen.input
        await burst(pilot, [*"old query", "ctrl+a", "X", "ctrl+e", "Y"])
        assert field.value == "Xold queryY"
        await burst(pilot, ["ctrl+w", *"ab"])
        assert field.value == "Xold ab"
        await burst(pilot, ["ctrl+a", "right", "ctrl+k", *"cd", "backspace", "e"])
        assert field.value == "Xce"
        await burst(pilot, ["ctrl+u", *"migration"])
        assert field.value == "migration"
        await burst(pilot, ["ctrl+u", *"militarization", "enter", "G"])
        await wait_until(pilot, lambda: not screen.running and screen.passage_list.has_focus)
        assert field.value == "militarization"
        passages = screen.passage_list
        await wait_until(pilot, lambda: passages.highlighted == passages.option_count - 1)


async def test_a_page_number_typed_fast_goes_to_that_page(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """``P``, then ``9``, ``backspace``, ``2`` and ``enter`` in one burst went to no page: the
    backspace ran after the 2 and deleted it (and enter ran last, on an empty field)."""
    from helpers.format_fixtures import make_report_pdf

    from tui_reader.ui.screens.goto_page import GotoPageDialog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    app = make_app(corpus=corpus, open_file=make_report_pdf(corpus))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        doc = screen.reader.document
        assert doc is not None and len(doc.pages) == 3
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, GotoPageDialog))
        await burst(pilot, ["9", "backspace", "2", "enter"])
        await wait_until(pilot, lambda: not isinstance(app.screen, GotoPageDialog))
        assert screen.reader.caret == doc.pages[1]


async def test_a_key_typed_right_behind_a_percent_s_enter_goes_to_the_text(
    make_app: AppFactory,
) -> None:
    """``%``, ``50``, ``enter`` and ``G`` in one burst: the caret goes to the middle, then to
    the end.  (``G`` reached the field for numbers before it closed, and was lost there.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, reader = await reader_focused(pilot)
        await pilot.press("G")
        await wait_until(pilot, lambda: reader.caret > 0)
        end = reader.caret
        await pilot.press("g")
        await wait_until(pilot, lambda: reader.caret == 0)
        await burst(pilot, ["percent_sign", "5", "0", "enter", "G"])
        await wait_until(pilot, lambda: reader.caret == end and reader.has_focus)


async def scrolled_to(pilot: Pilot[object], view: Widget, line: float) -> None:
    """Wait for ``view`` to be scrolled to ``line`` (a scroll asked for is made at the next
    frame); fail naming where it is when it never gets there."""
    with contextlib.suppress(AssertionError):
        await wait_until(pilot, lambda: view.scroll_y == line)
    assert view.scroll_y == line, (view.scroll_y, line)


async def test_a_burst_of_down_keys_scrolls_the_help_a_line_each(make_app: AppFactory) -> None:
    """A key held down in the help screen scrolls one line per key: a scroll deferred to the
    next frame counted from where the last one aimed only then, so ten keys moved one line."""
    from tui_reader.ui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 12
        await burst(pilot, ["down"] * 10)
        await scrolled_to(pilot, body, 10)
        await burst(pilot, ["k"] * 4)
        await scrolled_to(pilot, body, 6)
        await burst(pilot, ["pagedown", "pagedown"])
        page = body.scrollable_content_region.height - 1
        await scrolled_to(pilot, body, min(6 + 2 * page, body.max_scroll_y))
        await burst(pilot, ["g"])
        await scrolled_to(pilot, body, 0)


async def test_a_burst_of_keys_scrolls_the_reports_charts_a_line_each(
    annotated: Annotated,
) -> None:
    """The reports' charts, focused, scroll a line per key of a burst, and by j/k too."""
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 18)) as pilot:
        await ready(pilot)
        screen = await reports_opened(pilot)
        charts = screen.query_one("#reports-charts")
        charts.focus()
        await pilot.pause()
        assert charts.max_scroll_y >= 3, charts.max_scroll_y
        await burst(pilot, ["down"] * 3)
        await scrolled_to(pilot, charts, 3)
        await burst(pilot, ["k", "k"])
        await scrolled_to(pilot, charts, 1)


async def test_enter_typed_right_behind_r_and_m_lists_the_cells_passages(
    annotated: Annotated,
) -> None:
    """``R``, ``m`` and ``enter`` in one burst: the passages of the matrix's first cell are
    listed.  (enter came before the matrix was shown: "No passages in this cell.")"""
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await burst(pilot, ["R", "m", "enter"])
        await wait_until(pilot, lambda: isinstance(app.screen, QueryScreen))
        query = app.screen
        assert isinstance(query, QueryScreen)
        reports = app.screen_stack[-2]
        assert isinstance(reports, ReportsScreen) and reports.kind == "matrix"
        tag = str(reports.rows[0]["tag"])
        await wait_until(pilot, lambda: not query.running)
        assert query.matches
        assert all(tag in p.annotation.tags for p in query.matches)
        assert not any("No passages" in n.message for n in app._notifications)


async def test_enter_typed_behind_r_opens_no_view_over_a_question_asked_meanwhile(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``R``, ``m``, ``enter`` in one burst, and a question opened before the matrix was
    shown: the cell's passages opened over the question once the matrix came, hiding it.
    The question stays on top, waiting for its answer."""
    computed = threading.Event()
    compute = ReportsScreen.compute

    def held(
        screen: ReportsScreen, kind: str, by: str, depth: int | None
    ) -> tuple[list[dict[str, object]], int]:
        held_until(computed)
        return compute(screen, kind, by, depth)

    monkeypatch.setattr(ReportsScreen, "compute", held)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await burst(pilot, ["R", "m", "enter"])
        await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen))
        reports = app.screen
        assert isinstance(reports, ReportsScreen)
        await wait_until(pilot, lambda: reports.kind == "matrix" and reports.computing)
        question = ConfirmScreen("Quit?", "Quit")
        app.push_screen(question)
        await pilot.pause()
        computed.set()
        await wait_until(pilot, lambda: not reports.computing and bool(reports.rows))
        await pilot.pause()
        assert app.screen is question
        assert not any(isinstance(s, QueryScreen) for s in app.screen_stack)


async def test_enter_enter_typed_right_behind_t_opens_the_tags_first_passage(
    annotated: Annotated,
) -> None:
    """``T``, ``j``, ``enter``, ``enter`` in one burst: a passage of the second tag opens.
    (Typed before the passages were placed, each enter folded the tag instead, and the
    codebook stayed open on the tree.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        assert main.reader.caret == 0
        await burst(pilot, ["T", "j", "enter", "enter"])
        await wait_until(pilot, lambda: app.screen is main)  # the codebook was left
        await wait_until(pilot, lambda: main.reader.caret in {a.start for a in main.pane.placed})


@pytest.mark.parametrize("where", ["library", "reader"])
async def test_keys_typed_right_behind_q_do_nothing_as_the_app_quits(
    annotated: Annotated, where: str
) -> None:
    """ "qu" typed fast quit the app and undid the last change unseen on the way out."""
    with AnnotationStore(annotated.db) as store:
        before = sorted(a.id for a in store.annotations())
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        (screen.library.table if where == "library" else screen.reader).focus()
        await pilot.pause()
        await burst(pilot, ["q", "u"])
    assert app.return_code == 0
    with AnnotationStore(annotated.db) as store:
        assert sorted(a.id for a in store.annotations()) == before


async def test_a_selection_typed_right_behind_a_search_starts_at_the_hit(
    make_app: AppFactory,
) -> None:
    """``/plan``, ``enter``, ``n``, ``v``, ``w`` in one burst selected from where the caret was
    before the search to the hit (2,000 characters, which ``a`` then coded): ``v`` ran before
    the search's first hit moved the caret, ``n`` after it.  The keys behind ``enter`` wait
    for the hit, and run in the order typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        reader.focus()
        await pilot.press("slash")
        await burst(pilot, [*"plan", "enter", "n", "v", "w"])
        await wait_until(pilot, lambda: not screen.pane.column.search.searching)
        await wait_until(pilot, lambda: reader.has_focus and reader.selection is not None)
        await pilot.pause()
        search = screen.pane.column.search
        assert search.index == 1, search.message  # enter: the first hit, n: the second
        start, end = reader.selection or (0, 0)
        assert start == search.hits[1][0] and end - start < 12, (start, end)


async def test_keys_the_library_does_not_use_typed_behind_enter_do_nothing_in_the_text(
    make_app: AppFactory,
) -> None:
    """``s``, ``a`` and a tag, then ``enter``, typed fast in the library: the letters mean
    nothing there, and ``enter`` opens the document.  (Each letter found its binding only once
    it had bubbled up to the app, after ``enter`` had moved the focus to the text: ``s``
    selected a sentence there and ``a`` opened the annotate dialog, the tag typed before it
    lost.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        screen.library.table.focus()
        await pilot.pause()
        caret = screen.reader.caret
        await burst(pilot, ["s", "a", *"fast", "enter"])
        await wait_until(pilot, lambda: screen.reader.has_focus)
        for _ in range(5):
            await pilot.pause()
        assert app.screen is screen
        assert screen.reader.selection is None and screen.reader.caret == caret


async def test_keys_typed_right_behind_enter_in_the_library_go_to_the_text_it_opens(
    make_app: AppFactory,
) -> None:
    """``enter`` on a document, then ``j j`` and ``s`` in one burst: they move and select in
    the text that ``enter`` opened.  (They reached the library before ``enter``'s choice had
    moved the focus: the library's cursor moved two rows, nothing was selected.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        table.focus()
        await pilot.pause()
        row = table.cursor_row
        caret = screen.reader.caret
        await burst(pilot, ["enter", "j", "j", "s"])
        await wait_until(pilot, lambda: screen.reader.has_focus)
        for _ in range(5):
            await pilot.pause()
        assert table.cursor_row == row
        assert screen.reader.caret != caret
        assert screen.reader.selection is not None


async def _panel_with_focus(pilot: Pilot[object], screen: MainScreen) -> AnnotationsPanel:
    """The annotations panel, once it has the focus and its cursor on an annotation."""
    panel = screen.query_one(AnnotationsPanel)
    await wait_until(pilot, lambda: panel.has_focus_within and panel.current is not None)
    return panel


async def test_keys_typed_right_behind_enter_in_the_annotations_panel_go_to_the_text(
    annotated: Annotated,
) -> None:
    """``enter`` on an annotation of the panel, then ``j`` and ``s`` in one burst: they move
    and select in the text ``enter`` went to, not in the panel's list."""

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.press("A")
        panel = await _panel_with_focus(pilot, screen)
        first = panel.current
        assert first is not None and len(panel._annotations) > 1
        await burst(pilot, ["enter", "j", "s"])
        await wait_until(pilot, lambda: reader.has_focus)
        for _ in range(5):
            await pilot.pause()
        assert panel.current == first  # the list's cursor stayed
        assert reader.caret > first.start and reader.selection is not None


async def test_keys_typed_right_behind_enter_on_a_corpus_hit_go_to_the_text_it_opens(
    annotated: Annotated,
) -> None:
    """``enter`` on a hit of the corpus search, then ``j`` and ``s`` in one burst: they move
    and select in the text the hit opened.  (They reached the hits before the hit chosen by a
    message posted behind them had closed the search, and were lost there.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        hit = await southcom_hit_highlighted(pilot)
        await burst(pilot, ["enter", "j", "s"])
        main = await hit_opened_or_moved(pilot)
        assert main.reader.caret != hit.start and main.reader.selection is not None


async def test_keys_behind_enter_on_a_hit_wait_for_the_text_while_its_opener_is_busy(
    annotated: Annotated,
) -> None:
    """``enter`` on a hit, then ``j`` and ``s`` in one burst, while the widget whose key opened
    the search is still busy with a message of its own: the hit is opened by a callback queued
    there behind that message, and the keys wait for it.  (They were sent on as soon as the reader
    had the focus again, moved and selected in the text shown before, and the hit's opening
    then put the caret back on it: under a loaded machine the test above failed so.)"""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        opener = app.focused  # the widget whose key opens the search: the hit comes back to it
        assert opener is not None
        hit = await southcom_hit_highlighted(pilot)
        busy = asyncio.Event()

        async def busy_a_while() -> None:
            busy.set()
            await asyncio.sleep(0.3)

        opener.call_later(busy_a_while)
        await wait_until(pilot, busy.is_set)
        await burst(pilot, ["enter", "j", "s"])
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        main = app.screen
        assert isinstance(main, MainScreen)
        # (the opener's 0.3 s first: waited for as long as any wait_until waits)
        await wait_until(pilot, lambda: main.reader.selection is not None)
        assert main.reader.caret != hit.start and main.reader.selection is not None


async def test_keys_behind_enter_on_a_hit_stay_where_they_moved_when_its_search_is_slow(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``enter`` on a hit, then ``j`` and ``s`` in one burst, while the search of the text it
    opens (for ``n`` to go on from the hit) takes a while: the caret, put on the hit at once,
    stays where ``j`` moved it.  (The search's hits, found after the keys, took the caret back
    to the hit, under the selection ``s`` had begun: the whole run failed so on a loaded
    machine.)"""
    from tui_reader.ui.reading_pane import search

    found = search.document_hits

    def slow_hits(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return found(*args, **kwargs)

    monkeypatch.setattr(search, "document_hits", slow_hits)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        hit = await southcom_hit_highlighted(pilot)
        await burst(pilot, ["enter", "j", "s"])
        main = await hit_opened_or_moved(pilot)
        await workers_done(app)  # the hits found in the text
        await wait_until(pilot, lambda: not main.column.search.searching)
        assert main.reader.caret != hit.start and main.reader.selection is not None
        assert main.column.search.index is not None  # n goes on from the hit


async def southcom_hit_highlighted(pilot: Pilot[int]) -> CorpusHit:
    """The corpus search opened (``F``), "southcom" searched, and its hits focused (``down``)
    with the first under the cursor: that hit."""
    screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
    await burst(pilot, [*"southcom"])
    await wait_until(pilot, lambda: not screen.searching and screen.results is not None)
    await wait_until(pilot, lambda: screen.result_list.option_count > 0)
    await burst(pilot, ["down"])
    await wait_until(pilot, lambda: screen.result_list.has_focus)
    hit = screen.results.hits[0] if screen.results is not None else None
    assert hit is not None
    return hit


async def hit_opened_or_moved(pilot: Pilot[int]) -> MainScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
    main = app.screen
    assert isinstance(main, MainScreen)
    await wait_until(pilot, lambda: main.reader.selection is not None, tries=50)
    return main


async def test_keys_typed_right_behind_enter_on_a_code_s_passage_go_to_the_text(
    annotated: Annotated,
) -> None:
    """``enter`` on a passage of the codebook, then ``j`` and ``s`` in one burst: they move
    and select in the text the passage opened (they were lost in the passages' list)."""
    from app.codebook.test_codebook_screen import open_codebook

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_codebook(pilot)
        await pilot.press("j", "j", "enter")
        passages = screen.passage_list
        await wait_until(pilot, lambda: passages.has_focus and passages.option_count > 0)
        first = passages.passages[0].annotation
        await burst(pilot, ["enter", "j", "s"])
        main = await hit_opened_or_moved(pilot)
        assert main.reader.caret != first.start


async def test_keys_typed_right_behind_enter_on_a_query_s_passage_go_to_the_text(
    annotated: Annotated,
) -> None:
    """``enter`` on a passage of the query view, then ``j`` and ``s`` in one burst: they move
    and select in the text the passage opened (they were lost in the passages' list)."""
    app = analysis_app(annotated)
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        await militarization_queried(pilot)
        await burst(pilot, ["enter", "j", "s"])
        await hit_opened_or_moved(pilot)


async def test_keys_typed_behind_a_search_of_a_text_still_loading_act_from_its_first_hit(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/``, a word, ``enter``, ``j``, ``v`` and ``j`` in one burst while a big file's rest
    loads: the search runs once the text is in, and the keys act from its first hit, however
    long the text takes to load.  (The prompt closed at once: ``j v j`` began a selection at
    the text's top, and the jump to the hit stretched it over everything between, 50 MB of a
    big file, which ``a`` then coded; and keys held longer than the prompt holds them were
    typed in it, and lost as it closed.)"""
    from tui_reader.ui.reading_pane.loading import DocumentLoader
    from tui_reader.ui.reading_pane.search_bar import SearchBar

    monkeypatch.setattr(SearchBar, "HOLD_AT_MOST", 0.05)  # a load slower than the prompt holds
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        column, document = screen.column, reader.document
        assert document is not None and column.key is not None
        column.previewing = True  # as while the rest of a big file loads
        await burst(pilot, ["slash", *"mexico", "enter", "j", "v", "j"])
        await pilot.pause(0.3)
        assert reader.selection is None
        column.post_message(DocumentLoader.DocumentLoaded(column.key, document, reader.caret))
        await wait_until(pilot, lambda: reader.selection is not None)
        hit = column.search.hits[0][0]
        selection = reader.selection
        assert selection is not None and hit < selection[0] < selection[1] < hit + 300
        assert reader.has_focus


@pytest.mark.parametrize("opener", ["R", "U", "question_mark"], ids=["reports", "history", "help"])
async def test_a_query_typed_behind_the_esc_that_closes_a_view_is_run(
    annotated: Annotated, opener: str
) -> None:
    """``esc``, ``Q``, a query and ``enter`` typed fast in the reports, the history or the
    help: the query view opened empty, the query's letters having run as keys of the view closing
    (its table's, its list's, ``m`` a matrix), where they were lost.  The keys typed behind
    the one that closes a view go where the focus went, as a list's do elsewhere."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press(opener)
        await wait_until(pilot, lambda: app.screen is not main and app.focused is not None)
        await pilot.pause()
        await burst(pilot, ["escape", "Q", *"militarization", "enter"])
        await wait_until(pilot, lambda: isinstance(app.screen, QueryScreen))
        query = app.screen
        assert isinstance(query, QueryScreen)
        await wait_until(pilot, lambda: query.query_one("#query-input", Input).value != "")
        assert query.query_one("#query-input", Input).value == "militarization"
        await wait_until(pilot, lambda: bool(query.matches))


@pytest.mark.parametrize("leaving", ["A", "escape"])
async def test_a_key_typed_right_behind_a_key_that_leaves_the_panel_goes_to_the_text(
    annotated: Annotated, leaving: str
) -> None:
    """``A`` (the panel closes) or ``escape`` in the annotations panel, and ``j`` in one
    burst: ``j`` moves the text's caret, where the key sent the focus, not the panel's
    cursor.  The focus was moved with ``focus()``, which moves it once the keys already
    queued are handled (and ``escape`` asked the pane to move it by a message, which came
    behind the ``j``)."""

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.press("A")
        panel = await _panel_with_focus(pilot, screen)
        caret, current = reader.caret, panel.current
        await burst(pilot, [leaving, "j"])
        await wait_until(pilot, lambda: reader.has_focus)
        for _ in range(5):
            await pilot.pause()
        assert reader.caret > caret and panel.current == current


async def test_a_key_typed_right_behind_escape_in_the_library_filter_goes_to_the_list(
    make_app: AppFactory,
) -> None:
    """``escape`` in the library's filter and ``j`` in one burst: ``j`` moves in the list the
    filter left.  It was typed into the filter before the library took the ``escape`` (a
    container's, reached once the key has gone up to it), which then emptied the filter."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        table.focus()
        await pilot.pause()
        await pilot.press("slash", *"me")
        await pilot.pause()
        await burst(pilot, ["escape", "j"])
        await wait_until(pilot, lambda: table.has_focus)
        assert screen.query_one("#library-filter", Input).value == ""
        assert table.cursor_row == 1


async def test_a_key_typed_right_behind_a_that_first_opens_the_panel_goes_to_the_panel(
    annotated: Annotated,
) -> None:
    """``A`` (the annotations panel opens for the first time) and ``j`` in one burst: ``j``
    moves the panel's cursor to the next annotation, not the text's caret.  The panel is
    mounted when first opened, and had nothing to take the focus before ``j`` came."""

    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        assert screen.pane.mounted_panel is None
        caret = reader.caret
        await burst(pilot, ["A", "j"])
        panel = await _panel_with_focus(pilot, screen)
        for _ in range(5):
            await pilot.pause()
        assert len(panel._annotations) > 1
        assert reader.caret == caret
        assert panel.current == panel._annotations[1]


@pytest.mark.parametrize(
    ("key", "field_id"),
    [
        ("E", "export-code"),
        ("E", "export-path"),
        ("I", "merge-path"),
        ("I", "merge-coder"),
    ],
)
async def test_the_export_and_merge_dialogs_fields_run_their_line_keys_in_typing_order(
    make_app: AppFactory, key: str, field_id: str
) -> None:
    """In the export dialog (``E``) ``ctrl+u`` and a file name typed right behind it left the
    file field empty ("Name the file to write."): Textual ran ``ctrl+u`` after the letters
    behind it and it deleted them; ``backspace`` and ``ctrl+a`` were late the same way, in
    its code field and in the merge dialog's (``I``) two fields too."""
    from tui_reader.ui.screens.export_dialog import ExportDialog
    from tui_reader.ui.screens.merge_dialog import MergeDialog

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        kind = ExportDialog if key == "E" else MergeDialog
        dialog = await screen_opened_by(pilot, key, kind, from_reader=True)
        field = dialog.query_one(f"#{field_id}", Input)
        await wait_until(pilot, lambda: dialog.focused is not None)
        field.focus()
        await wait_until(pilot, lambda: field.has_focus)
        await burst(pilot, ["ctrl+u", *"notes.mdd", "backspace", "ctrl+a", *"x/"])
        assert field.value == "x/notes.md"


async def test_tab_typed_behind_enter_in_the_codebook_filter_goes_on_from_the_tree(
    annotated: Annotated,
) -> None:
    """``T``, ``/``, a code's first letters, ``enter``, ``tab`` and ``enter`` in one burst
    (typed slowly: the filter hands over to the tree, tab to its passages, enter opens the
    first): ``tab`` ran in the filter before its ``enter`` had handed over, the focus went
    to the tree either way, and the last ``enter`` only went to the passages; no passage
    opened.  ``tab`` now waits for the filter to hand over, as the keys behind it do."""
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.pause()
        starts = {
            a.start
            for a in AnnotationStore(annotated.db).annotations()
            if any(t == "militarization" or t.startswith("militarization/") for t in a.tags)
        }
        await burst(pilot, ["T", "slash", *"milit", "enter", "tab", "enter"])
        await wait_until(pilot, lambda: app.screen is main)
        await wait_until(pilot, lambda: not main.pane.previewing and main.reader.caret in starts)
