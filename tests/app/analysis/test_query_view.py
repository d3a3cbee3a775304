"""The query view (Q): a query lists its passages in full; a syntax error points at its
column; enter opens the document at the passage."""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from helpers.analysis import analysis_app, query_view_opened
from helpers.app import (
    burst,
    pasted,
    pressed,
    ready,
    screen_opened_by,
    terminal_lines,
    wait_until,
)
from helpers.counting import held_calls, record_calls, units_compared
from helpers.passages import MEXICO, US, Annotated
from helpers.threads import held_until
from rich.console import Console
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._toast import Toast

from tui_reader.core.analysis import scope as scope_module
from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens import scope_loading
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.widgets.passage_list import full_passage


@pytest.fixture(autouse=True)
def notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a query says stays said until the view takes it back: on a loaded machine a test
    outlasted a notice's few seconds, and what it looked for had timed out (the view's own
    taking back is what these tests check, not a notice's time)."""
    monkeypatch.setattr(Notification, "time_left", property(lambda self: 3600.0))


def status(screen: QueryScreen) -> str:
    return str(screen.query_one("#query-status", Static).render())


async def run(pilot, screen: QueryScreen, query: str) -> None:  # type: ignore[no-untyped-def]
    # (the query set as a paste would, not typed a key at a time: typing is tested in
    # tests/app/typing; here it cost seconds a test)
    screen.input.value = query
    screen.input.cursor_position = len(query)
    screen.input.focus()
    await pressed(pilot, "enter")
    await wait_until(pilot, lambda: not screen.running)
    await pilot.pause()


@asynccontextmanager
async def query_ran(  # type: ignore[no-untyped-def]
    annotated: Annotated, query: str, size: tuple[int, int] = (80, 24)
):
    """The query view opened on ``annotated``'s app at ``size``, ``query`` run in it: its
    pilot and the view."""
    app = analysis_app(annotated)
    async with app.run_test(size=size) as pilot:
        screen = await query_view_opened(pilot)
        await run(pilot, screen, query)
        yield pilot, screen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_query_s_warnings_leave_its_answer_in_sight(
    annotated: Annotated, size: tuple[int, int]
) -> None:
    """At 80x24 ``militarisation NEAR actors`` said its warnings (the code misspelt, NEAR
    explained in fourteen lines, ``actors`` no code) in notices stacked up the right half of
    the view, over its answer: the count line read "0 passages in 0 documents match militar".
    The query, its answer and the warnings are all in sight."""
    query = "militarisation NEAR actors"
    app = analysis_app(annotated)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await query_view_opened(pilot)
        await run(pilot, screen, query)
        await wait_until(pilot, lambda: len(screen.query(Toast)) == len(app._notifications) == 3)
        await pilot.pause()
        lines = terminal_lines(app)
        answer = f"0 passages in 0 documents match {query}"
        assert any(answer in line for line in lines), lines
        assert any(query in line for line in lines), lines  # the field
        text = re.sub(r"[\s▌▎▊]+", " ", " ".join(lines))
        assert "did you mean 'militarization'?" in text, lines
        assert "NEAR takes a distance here, NEAR/1" in text, lines


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_warnings_more_than_the_view_holds_stop_below_its_answer(
    annotated: Annotated, size: tuple[int, int]
) -> None:
    """At 80x24 the query view's notices stood as tall as they were many: a query saying a
    dozen misspelt codes and NEAR's explanation, with more notices after it, covered the
    count line, the query and the title. They stop below the answer."""
    query = (
        "militarisation NEAR actors OR bordr OR polcy OR patrolz OR armie OR "
        "milicia OR guardz OR troopz"
    )
    app = analysis_app(annotated)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await query_view_opened(pilot)
        await run(pilot, screen, query)
        for n in range(4):  # what else the app says meanwhile, a notice of many lines each
            app.notify(f"notice {n}: " + "a long line of words " * 12, severity="warning")
        await wait_until(pilot, lambda: len(screen.query(Toast)) == len(app._notifications))
        await pilot.pause()
        await pilot.pause()
        lines = terminal_lines(app)
        assert any("0 passages in 0 documents" in line for line in lines), lines
        assert any(query[: size[0] - 8] in line for line in lines), lines  # the field
        # the notices in sight below it, the newest last (the next test)
        assert any("a long line of words" in line for line in lines), lines


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_newest_of_warnings_more_than_the_view_holds_is_in_sight(
    annotated: Annotated, size: tuple[int, int]
) -> None:
    """Notices more than the view's share of them holds: the newest is in sight (the rack
    showed the oldest and cut the newest, "5 more like these" under a query of many
    misspelt codes at 60x20, or the last thing the app said)."""
    query = "militarisation NEAR actors OR bordr OR polcy OR patrolz OR armie OR milicia"
    app = analysis_app(annotated)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await query_view_opened(pilot)
        await run(pilot, screen, query)
        for n in range(3):
            app.notify(f"notice {n}: " + "a long line of words " * 8, severity="warning")
        app.notify("the newest notice", severity="warning")
        await wait_until(pilot, lambda: len(screen.query(Toast)) == len(app._notifications))
        await pilot.pause()
        await pilot.pause()
        lines = terminal_lines(app)
        assert any("the newest notice" in line for line in lines), lines
        assert any("0 passages in 0 documents" in line for line in lines), lines


async def test_what_a_query_finds_and_what_it_says_of_what_it_misses(
    annotated: Annotated,
) -> None:
    """One query after another on one view, each case a query a user types and what the
    view shows and says of it (the warnings of one query taken back by the next, as
    ``test_a_query_s_warnings_leave_with_its_view`` and the cases below check)."""

    def said() -> list[str]:
        return [n.message for n in pilot.app._notifications]

    async with query_ran(annotated, "militarization AND NOT policy") as (pilot, screen):
        case = "a query lists its passages in full"
        quotes = [p.annotation.quote for p in screen.matches]
        assert quotes == [
            "aerial, ground and reconnaissance patrols",
            "bolster militarism in the region",
        ], case
        assert "2 passages in 2 documents match" in status(screen), case
        shown = full_passage(screen.matches[0], screen.palette).plain
        assert "aerial, ground and reconnaissance patrols" in shown, case  # never cut
        assert "✎ joint patrols" in shown and "line " in shown, case
        await run(pilot, screen, "militarization AND country=USA")
        assert [p.annotation.document for p in screen.matches] == [US], case

        case = "a syntax error points at its column"
        await run(pilot, screen, "militarization AND (policy")
        lines = status(screen).splitlines()
        assert lines[0].startswith("query error at column 27"), (case, lines)
        assert lines[2].index("^") == 2 + 26, (case, lines)
        assert screen.status.has_class("-error"), case

        case = "a code typed in another case matches, an unknown one is named"
        await run(pilot, screen, "MILITARIZATION AND NOT Policy")
        assert len(screen.matches) == 2, case
        await run(pilot, screen, "militarisation")
        assert screen.matches == [], case
        assert (
            "No code 'militarisation' in the codebook (did you mean 'militarization'?)" in said()
        ), (case, said())

        # '"policy / border"' and policy//border found nothing ('no code ... did you mean
        # policy/border'), though a stored code written so is read policy/border.
        case = "a code typed with spaced or empty levels is the stored code"
        for query in ('"policy / border"', "policy//border", "/policy/border/"):
            await run(pilot, screen, query)
            quotes = [p.annotation.quote for p in screen.matches]
            assert quotes == ["remilitarize the region"], (case, query)
            assert not [m for m in said() if "No code" in m], (case, query, said())

        case = "a document name that names no document is said"
        await run(pilot, screen, "militarization AND doc:nope*")
        assert screen.matches == [], case
        assert said() == ["doc:nope*: no document matches 'nope*'"], case
        await run(pilot, screen, "militarization AND doc:us-*")
        # nothing said of it, the last query's warning taken back
        assert len(screen.matches) == 1 and said() == [], (case, said())

        # contry=Mexico (a typo) showed "0 passages", which looked like an answer.
        case = "an attribute no document has is said"
        await run(pilot, screen, "militarization AND contry=Mexico")
        assert screen.matches == [], case
        await wait_until(pilot, lambda: bool(said()))
        assert said() == [
            "contry=Mexico: no document here has the attribute 'contry', so no document matches it"
            " (did you mean 'country'?)"
        ], case
        await run(pilot, screen, "militarization AND Country=mexico AND words>3")
        # Nothing said of the corrected query, and the typo's warning taken back with it
        assert len(screen.matches) == 2 and said() == [], (case, said())

        # country=United States said "no document here has country 'United'" before the line
        # telling to quote the value: only the one that helps is said, as by the command line.
        case = "a value with spaces typed unquoted is said once to quote it"
        await run(pilot, screen, "country=United States")
        assert screen.matches == [], case
        await wait_until(pilot, lambda: bool(said()))
        assert said() == [
            'country=United States: a value with spaces is quoted: country="United States"'
        ], case

        case = "a coder who coded nothing is said"
        coders = ", ".join(screen.workspace.store.coder_counts())
        await run(pilot, screen, "militarization AND coder:alce")
        assert screen.matches == [], case
        assert said() == [f"coder:alce: no passage is coded by 'alce' (coders here: {coders})"], (
            case,
            said(),
        )

        # A query pasted with 300 codes the codebook lacks showed 300 notifications, one by
        # one (each looked for in every passage: seconds on the screen's thread at 100,000).
        case = "a query naming hundreds of unknown codes shows five warnings and a count"
        await run(pilot, screen, " OR ".join(["migration", *(f"c{i}" for i in range(300))]))
        assert len(screen.matches) == 1, case
        assert said() == [
            *(f"No code 'c{i}' in the codebook" for i in range(5)),
            "295 more like these",
        ], case

        # The status said "N passages match <the query>" wrapped over hundreds of lines: the
        # passages had no room left on screen.  Each line of the status is one line now.
        case = "a pasted query of pages leaves room for its passages"
        query = " OR ".join(["migration", *["militarization"] * 200])
        await run(pilot, screen, query)
        assert len(screen.matches) == 4, case
        assert screen.status.size.height == 1, case
        assert screen.passage_list.size.height > screen.size.height // 2, case
        await run(pilot, screen, query + " AND (")
        # (at 80 columns the error's words take two lines, then the query's one and its caret)
        assert screen.status.has_class("-error") and screen.status.size.height == 4, case


async def test_codes_anded_that_meet_on_separate_passages_say_so_when_nothing_matched(
    annotated: Annotated,
) -> None:
    """``militarization AND place`` showed no passage and said nothing more, while the two
    codes' passages overlap ("remilitarize the region" and "the region"): AND takes the
    passages carrying both codes, where QualCoder's and NVivo's coding queries take the text
    they overlap on, and the empty result read as the codes never meeting."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        document = workspace.document(MEXICO)
        start = document.text.index("remilitarize the region") + len("remilitarize ")
        workspace.store.add(
            make_annotation(
                MEXICO, document.text, start, start + len("the region"), document.sha256,
                ("place",),
            )
        )  # fmt: skip
    finally:
        workspace.store.close()

    def said() -> list[str]:
        return [n.message for n in pilot.app._notifications]

    async with query_ran(annotated, "militarization AND place") as (pilot, screen):
        assert screen.matches == []
        await wait_until(pilot, lambda: bool(said()))
        assert said() == [
            "No passage carries all of militarization, place, but passages carrying them "
            "overlap in 1 document (AND takes the passages carrying every code; "
            "militarization OVERLAPS place takes those of militarization overlapping a "
            "passage of place, as the co-occurrence report counts a meeting)"
        ]
        await run(pilot, screen, "migration AND place")  # they do not meet: nothing said
        assert screen.matches == [] and said() == []


async def test_the_heading_says_how_many_documents_hold_the_passages(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """Two passages of one document, in a corpus of two, were '2 coded passages · 2
    documents', read as two passages in two documents; it is '2 coded passages in 1 of 2
    documents'."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("s", "a", *"place", "enter")
        await wait_until(pilot, lambda: len(app.workspace.store.annotations()) == 1)
        await pilot.press(")", "s", "a", *"place", "enter")
        await wait_until(pilot, lambda: len(app.workspace.store.annotations()) == 2)
        screen = await query_view_opened(pilot)
        await wait_until(pilot, lambda: "type a query" in status(screen))
        assert "2 coded passages in 1 of 2 documents: type a query" in status(screen)


async def test_the_query_view_s_keys_do_what_its_help_and_footer_say(
    annotated: Annotated,
) -> None:
    """The query view's keys, one case after another on one app.

    The footer said '/ Edit the query' while the query was being typed, where / is a
    character; it says it over the passages, where / goes to the query.

    The query runs at enter, but the line under it said "type a query" while one was typed
    and nothing ran: a query typed waited for results that never came.

    ``/``, an edit, then ``esc`` (back to the passages): the field kept the edit, never run,
    above the last query's passages ("militarization AND NOT policy" over those of
    "militarization"); it now shows their query again.

    ``q`` closes the query view as it closes the codebook and the reports (it quit the whole
    app from the passages); in the query it is typed.

    The warnings on a query sat over the view the user went to (the reader, after enter on a
    passage) until they timed out, as if said of it.

    enter opened a passage, but the query view's help (?) listed only esc, /, o and the list
    keys: a user who had not read the README found no way to the text.

    Going through a query's passages one by one (enter, read, Q) had the query typed again
    each time: Q opened the view empty."""
    from textual.widgets._footer import FooterKey

    from tui_reader.ui.screens.help import HelpScreen

    def footer_keys() -> list[str]:
        return [key.key for key in app.screen.query(FooterKey)]

    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        case = "the footer offers / only where it edits the query"
        screen = await query_view_opened(pilot)
        await wait_until(pilot, lambda: "escape" in footer_keys())
        assert screen.input.has_focus and "slash" not in footer_keys(), case

        case = "a query typed and not run is told that enter runs it"
        screen.input.focus()
        await pasted(pilot, "migration")
        await pilot.pause()
        assert screen.matches == [] and "enter runs it" in status(screen), (case, status(screen))

        case = "the footer offers / over the passages"
        await run(pilot, screen, "militarization")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await wait_until(pilot, lambda: "slash" in footer_keys())

        case = "escape from an edited query shows the query of the passages"
        listed = [p.annotation.id for p in screen.matches]
        await pressed(pilot, "slash")
        await pasted(pilot, " AND NOT policy")
        await pressed(pilot, "escape")
        await pilot.pause()
        assert screen.passage_list.has_focus, case
        assert screen.input.value == "militarization", (case, screen.input.value)
        assert [p.annotation.id for p in screen.matches] == listed, case

        case = "list keys move in the passages and type in the query"
        passages = screen.passage_list
        assert passages.option_count >= 3, case
        await pressed(pilot, "G")
        assert passages.highlighted == passages.option_count - 1, case
        await pressed(pilot, "k")
        assert passages.highlighted == passages.option_count - 2, case
        await pressed(pilot, "g")
        assert passages.highlighted == 0, case
        await pressed(pilot, "j")
        assert passages.highlighted == 1, case
        await pressed(pilot, "slash", "j", "G")  # in the query they are letters
        assert screen.input.value.endswith("jG") and passages.highlighted == 1, case
        await pressed(pilot, "escape")  # back to the passages, the query theirs again
        assert passages.has_focus and screen.input.value == "militarization", case

        case = "q in the passages closes the view and in the query is a letter"
        await pressed(pilot, "slash", "end", *" OR quota")
        assert screen.input.value == "militarization OR quota", case
        await pressed(pilot, "escape")  # to the passages
        assert screen.passage_list.has_focus, case
        await pressed(pilot, "q")
        await wait_until(pilot, lambda: not isinstance(app.screen, QueryScreen))
        assert not app._exit, case

        for leave in ("escape", "enter"):
            case = f"a query's warnings leave with its view ({leave})"
            screen = await query_view_opened(pilot)
            app.clear_notifications()
            app.notify("Kept: said of something else")
            await run(pilot, screen, "militarization OR contry=Mexico")
            await wait_until(pilot, lambda: len(app._notifications) == 2)
            assert screen.passage_list.has_focus, case
            # from the passages: esc closes the view, enter opens the passage (an esc more,
            # on the main screen, would clear every notice: esc's own there)
            await pressed(pilot, leave)
            await wait_until(pilot, lambda: not isinstance(app.screen, QueryScreen))
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert said == ["Kept: said of something else"], (case, said)

        case = "the help says that enter opens the passage, and it does"
        screen = await query_view_opened(pilot)
        await run(pilot, screen, "migration")
        assert len(screen.matches) == 1, case
        chosen: Passage = screen.matches[0].passage
        assert screen.passage_list.has_focus, case
        await pressed(pilot, "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        query = dict((words, key) for key, words in help_screen.groups["Query"])
        assert query["Open the passage in its document (Q again comes back to it)"] == "enter"
        await pressed(pilot, "escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pressed(pilot, "enter")  # what it says: the document opens at the passage
        main = await ready(pilot)
        assert main.pane.key == MEXICO, case
        assert main.reader.caret == chosen.annotation.start, case

        case = "back in the query view after opening a passage, the query and place stay"
        screen = await query_view_opened(pilot)
        await run(pilot, screen, "militarization")
        assert screen.passage_list.option_count >= 3, case
        await pressed(pilot, "j", "enter")
        main = await ready(pilot)
        opened = main.reader.caret
        again = await query_view_opened(pilot)
        assert again is not screen and again.input.value == "militarization", case
        await wait_until(pilot, lambda: again.passage_list.option_count >= 3)
        await wait_until(pilot, lambda: again.passage_list.has_focus)
        assert again.passage_list.highlighted == 1, case
        await pressed(pilot, "j", "enter")
        main = await ready(pilot)
        assert main.reader.caret != opened, case


async def test_the_query_language_is_told_where_the_query_is_typed(annotated: Annotated) -> None:
    """The query view's help listed its keys and nothing of its language: that a code takes
    the codes below it, that AND takes the passages carrying both codes, OR, NOT, the
    parentheses, text:, doc: and coder:.  Its help tells them, and the line under the query
    says where (``?`` typed in the query is a character of it)."""
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await query_view_opened(pilot)
        case = "the line under the empty query says where the language is told"
        await wait_until(pilot, lambda: "enter runs it" in status(screen))
        assert "tab, then ?: the language" in status(screen), (case, status(screen))
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: screen.status.size.width <= 80)
        await wait_until(pilot, lambda: "tab, then ?: the language" in status(screen))
        await pilot.resize_terminal(120, 40)

        case = "? over the passages tells the language, with the view's keys"
        await pilot.press("tab")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(width=116, record=True, color_system=None)
        console.print(help_screen._table())
        told = console.export_text()
        for words in (
            "Query language",
            "or a code below it",
            "passages carrying both codes",
            "a OR b",
            "a OVERLAPS b",
            "a WITHIN b",
            "NOT a",
            "a AND (b OR c)",
            'text:"..."',
            "doc:NAME",
            "coder:NAME",
            "Edit the query",
        ):
            assert words in told, (case, words)


async def test_a_narrow_or_short_view_keeps_its_prompt_hint_error_passages_and_keys_whole(
    annotated: Annotated,
) -> None:
    """The query view at narrow and short sizes, one app resized from one to the next.

    At 80 columns the query's prompt read '..., age>30, doc:NAME, t' (cut in a word, the end
    of what it said lost): the field shows the longest of its forms that fits whole, and
    again as the terminal narrows and widens.

    At 40 columns the line under the query was cut after the passages' count, "enter runs
    it" lost: a narrow line says the hint first, shorter, and the whole one comes back when
    the terminal widens.

    At 60 columns the error's line was cut: "the query ends too soon: expect…".

    At 40x12 a long title wrapped over the list's four lines and its passage was never in
    sight; the title is cut to keep the heading one line.

    At 40 columns the query view's footer read 'esc Close  / Edit the quer': a key cut in its
    word at the command palette's edge.  A key without the room for its words is left out;
    the ones shown are whole."""
    from rich.cells import cell_len
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from tui_reader.ui.screens.query import PROMPT

    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        case = "the query's prompt is never cut in a word"
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        field = screen.input

        def whole() -> bool:
            return 0 < cell_len(field.placeholder) < field.content_size.width

        await wait_until(pilot, lambda: field.content_size.width > 0 and whole())
        assert field.placeholder.startswith("Query: codes"), (case, field.placeholder)
        assert field.placeholder != PROMPT, case
        await pilot.resize_terminal(44, 24)
        await wait_until(pilot, lambda: field.content_size.width < 44 and whole())
        await pilot.resize_terminal(120, 24)
        await wait_until(pilot, lambda: field.placeholder == PROMPT)

        case = "a narrow view still says that enter runs a query"
        await pilot.resize_terminal(40, 24)
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await wait_until(pilot, lambda: screen.status.size.width <= 40)
        await pilot.pause()
        line = screen.status.render_line(0).text
        assert line.startswith("enter runs a query · 4 coded"), (case, line)
        await pilot.resize_terminal(110, 36)
        await wait_until(pilot, lambda: "type a query, enter runs it" in status(screen))
        await pilot.resize_terminal(40, 24)
        await wait_until(pilot, lambda: status(screen).startswith("enter runs a query"))

        case = "the figures said shorter where the hint leaves them too little room"
        # At 60 columns "enter runs a query · 107 coded passages in 8 of 11 docume…"
        figures = screen._ready
        assert figures is not None and " coded passages in " in figures, case
        await pilot.resize_terminal(cell_len(f"enter runs a query · {figures}"), 24)
        await wait_until(pilot, lambda: " coded in " in status(screen))
        line = screen.status.render_line(0).text.rstrip()
        assert line == "enter runs a query · " + figures.replace(" coded passages ", " coded "), (
            case,
            line,
        )

        case = "a syntax error wraps its words and keeps its caret in a narrow view"
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: screen.status.size.width > 40)
        await run(pilot, screen, "militarization AND NOT")
        drawn = [screen.status.render_line(y).text.rstrip() for y in range(4)]
        assert " ".join(drawn[:2]) == (
            "query error at column 23: the query ends too soon: expected a code or a filter"
        ), (case, drawn)
        assert drawn[2] == "  militarization AND NOT" and drawn[3].index("^") == 2 + 22, (
            case,
            drawn,
        )
        await pilot.resize_terminal(110, 24)
        await wait_until(pilot, lambda: screen.status.render_line(1).text.strip().startswith("mil"))

        case = "at 40x12 a passage shows under its heading"
        await pilot.resize_terminal(40, 12)
        await wait_until(pilot, lambda: screen.status.size.width <= 40)
        await run(pilot, screen, "militarization AND NOT policy")
        assert screen.matches, case
        passages = screen.passage_list
        lines = [passages.render_line(y).text for y in range(passages.size.height)]
        shown = " ".join(line.strip(" ▊▎▁▔") for line in lines)
        assert "line " in lines[0], (case, lines)  # the heading on one line
        assert "…" in shown and "line " in shown, (case, lines)
        assert "aerial" in shown, (case, lines)  # the passage's first words

        case = "a narrow footer shows its keys whole or not at all"
        await run(pilot, screen, "militarization")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await wait_until(pilot, lambda: "slash" in [k.key for k in screen.query(FooterKey)])
        await pilot.pause()
        footer = screen.query_one(Footer)
        keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
        palette = footer.query_one(".-command-palette", FooterKey)
        shown_keys = [k for k in keys if k.display]
        assert shown_keys and shown_keys[0].key == "escape", case
        for key in shown_keys:
            assert key.region.right <= palette.region.x, (case, key.key, key.region)
        await pilot.resize_terminal(120, 30)  # the room again: every key comes back
        await pilot.pause()
        assert all(k.display for k in footer.query(FooterKey)), case


async def test_enter_before_the_passages_are_placed_goes_to_them_once_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    placed = threading.Event()

    def held(workspace: Workspace, **given: Any) -> Scope:
        held_until(placed)
        return load_scope(workspace, **given)

    monkeypatch.setattr(scope_loading, "load_scope", held)
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        try:
            await pilot.press(*"militarization", "enter")
            assert screen.scope is None and screen.input.has_focus
        finally:
            placed.set()
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        assert screen.matches
        await pilot.press("j")
        assert screen.input.value == "militarization" and screen.passage_list.highlighted == 1


async def test_a_query_s_work_runs_off_the_screen_which_says_what_it_has_so_far(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How a query runs, one case after another on one view.

    The scope keeps the passages found in place as the store's records; building them
    (100,000: 5 s on a busy machine) and testing each against a query happen in workers,
    not on the screen's thread, which counted them by building them all and froze.

    The query's worker takes the scope: Textual described it by ``repr()`` of its
    arguments on the screen's thread (100,000 records: 2 s before the status changed).

    Placing 19,000 matches in their context reads their documents (seconds): meanwhile
    the status says the query runs, not what the last query found.

    A query matching passages in thousands of documents reads them all for context
    (seconds): the first documents' passages show at once, the status says the rest are
    coming, and the whole list follows with the cursor where it was."""
    from tui_reader.ui.screens import query as query_module

    carrying = record_calls(monkeypatch, Scope, "carrying")
    written: list[str] = []

    def scope_repr(self: Scope) -> str:
        written.append(threading.current_thread().name)
        return "Scope(…)"

    release = threading.Event()
    calls: list[int] = []
    real = query_module.in_context

    def held(*args: object, **kwargs: object) -> object:
        held_until(release)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def second_held(annotations: list[object], *args: object, **kwargs: object) -> object:
        calls.append(len(annotations))
        if len(calls) == 2:
            held_until(release)
        return real(annotations, *args, **kwargs)  # type: ignore[arg-type]

    async def typed(pilot, screen: QueryScreen, query: str) -> None:  # type: ignore[no-untyped-def]
        screen.input.value = ""
        screen.input.focus()
        await pilot.press(*query, "enter")

    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        case = "the passages are built and tested off the screen's thread"
        screen = await query_view_opened(pilot)
        assert "4 coded passages in 2 of 2 documents" in status(screen), case
        await run(pilot, screen, "militarization AND NOT policy")
        assert len(screen.matches) == 2, case
        # only those built, then tested
        assert carrying.args == [(frozenset({"militarization"}),)], case
        await run(pilot, screen, "NOT policy")
        assert carrying.args[1:] == [(None,)], case  # any passage may match: all built
        assert carrying.threads and threading.main_thread().name not in carrying.threads, case

        case = "a query starts without writing out its scope"
        monkeypatch.setattr(Scope, "__repr__", scope_repr)
        await run(pilot, screen, "militarization")
        assert screen.matches and written == [], (case, written)

        case = "the status says a query runs until its passages show"
        monkeypatch.setattr(query_module, "in_context", held)
        await typed(pilot, screen, "policy")
        await pilot.pause()
        assert status(screen) == "Finding the passages that match policy…", case
        release.set()
        await wait_until(pilot, lambda: not screen.running)
        assert status(screen) == "1 passage in 1 document matches policy", case

        case = "the first passages show while the rest are placed"
        release.clear()
        monkeypatch.setattr(query_module, "FIRST_SHOWN", 1)
        monkeypatch.setattr(query_module, "in_context", second_held)
        await typed(pilot, screen, "militarization")
        await wait_until(pilot, lambda: "so far" in status(screen))
        shown = len(screen.matches)
        assert screen.running and len({p.annotation.document for p in screen.matches}) == 1
        assert status(screen) == (
            f"{shown} passages in 1 document so far match militarization; finding the rest…"
        ), case
        first = screen.passage_list.current
        release.set()
        await wait_until(pilot, lambda: not screen.running)
        total = len(screen.matches)
        assert total > shown and calls == [shown, total - shown], case
        assert status(screen) == f"{total} passages in 2 documents match militarization", case
        assert first is not None and screen.passage_list.current is not None, case
        assert screen.passage_list.current.annotation.id == first.annotation.id, case
    assert written == []


async def test_the_rest_of_a_query_s_documents_read_for_context_are_counted(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 10,000 documents "202 passages in 104 documents so far match theme1 AND NOT
    theme2; finding the rest…" stood unchanged for 40 seconds while the rest of the
    passages' documents were read: it looked stuck.  The line counts those documents,
    first (at 80 columns its end is cut)."""
    from tui_reader.ui.screens import query as query_module

    monkeypatch.setattr(query_module, "FIRST_SHOWN", 1)
    # every document loaded, the plain texts too (held below as they are read)
    monkeypatch.setattr(query_module, "plain_texts", lambda workspace: lambda key: None)
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        release = threading.Event()
        real = screen.workspace.document
        read: list[str] = []

        def document(key: str) -> object:
            read.append(key)
            if len(set(read)) > 1:  # the first document shown, the rest held
                release.wait(10)
            return real(key)

        monkeypatch.setattr(screen.workspace, "document", document)
        screen.input.value = "militarization"
        screen.input.focus()
        await pilot.press("enter")
        try:
            await wait_until(pilot, lambda: "of 1 document" in status(screen))
            said = status(screen)
            assert screen.running and said == (
                "Finding the rest: 0 of 1 document… · "
                f"{len(screen.matches)} passages in 1 document so far match militarization"
            )
            count = said.index("of 1 document") + len("of 1 document")
            assert count <= screen.status.content_size.width  # not cut at 80 columns
        finally:
            release.set()
        await wait_until(pilot, lambda: not screen.running)
        assert status(screen) == (
            f"{len(screen.matches)} passages in 2 documents match militarization"
        )


async def test_a_code_named_as_a_comparison_typed_unquoted_is_said_with_its_quoting(
    annotated: Annotated,
) -> None:
    """'age<18', a code, typed unquoted compared the attribute age with 18, unsaid."""
    with AnnotationStore(annotated.db) as store:
        store.rename_tag("militarization", "age<18")
    async with query_ran(annotated, "age<18") as (pilot, screen):
        assert screen.matches == []
        said = [n.message for n in pilot.app._notifications]
        assert (
            "age<18 is read as a comparison of the attribute 'age'; the code 'age<18' is "
            'quoted: "age<18"'
        ) in said
        await run(pilot, screen, "militarization")
        militarization = len(screen.matches)
        await run(pilot, screen, '"age<18"')
        assert militarization == 0 and len(screen.matches) == 3


async def test_a_code_typed_by_its_name_before_a_rename_is_said_with_the_name_it_took(
    annotated: Annotated,
) -> None:
    """'militarization' renamed 'securitization' was only 'No code militarization'."""
    with AnnotationStore(annotated.db) as store:
        store.rename_tag("militarization", "securitization")
    async with query_ran(annotated, "militarization") as (pilot, _screen):
        await wait_until(pilot, lambda: len(pilot.app._notifications) > 0)
        said = [n.message for n in pilot.app._notifications]
        assert said == ["No code 'militarization' in the codebook (it became 'securitization')"]


async def test_a_comparison_with_a_value_not_of_its_type_is_said_as_the_command_line_says(
    annotated: Annotated,
) -> None:
    """``age>abc`` where age holds numbers matches no document: the view said only "0
    passages", which looked like an answer; it names the comparison, as ``query`` does."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(MEXICO, {"age": 34}), (US, {"age": 29})])
    async with query_ran(annotated, "militarization AND age>abc") as (pilot, screen):
        assert screen.matches == []
        said = [n.message for n in pilot.app._notifications]
        assert said == [
            "age>abc: age holds numbers and 'abc' is not one, so no document matches it"
        ]
        await run(pilot, screen, "militarization AND AGE>30 AND country=Mexico")
        assert len(screen.matches) == 2
        assert len(pilot.app._notifications) == 0  # nothing to say; the last query's taken back


async def test_the_query_view_finds_the_coding_on_show(annotated: Annotated) -> None:
    """With only my coding on show (C), as the reports and the library count it, a query
    finds my passages: a colleague's copy of one is not listed beside mine."""
    from tui_reader.core.annotations.model import new_id

    with AnnotationStore(annotated.db) as store:
        mine = store.annotations()
        me = mine[0].coder
        store.add(mine[0].evolve(id=new_id(), coder="ben"))
    code = mine[0].tags[0]
    async with query_ran(annotated, code) as (pilot, screen):
        everyone = len(screen.matches)
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, QueryScreen))
        await pilot.press("C")  # only mine
        await wait_until(pilot, lambda: pilot.app.workspace.coder_view.only == me)
        screen = await query_view_opened(pilot)
        assert f"{len(mine)} coded passages (only mine ({me}))" in status(screen)
        await run(pilot, screen, code)
        assert {p.annotation.coder for p in screen.matches} == {me}
        assert len(screen.matches) == everyone - 1
        assert f"(only mine ({me})) in" in status(screen)


async def test_passages_of_documents_of_one_title_name_their_files(
    make_app,  # type: ignore[no-untyped-def]
    corpus_copy,  # type: ignore[no-untyped-def]
) -> None:
    """Two copies of an article coded alike listed passages under headings alike; the
    heading of a passage whose document shares its title with another's names its file."""
    from tui_reader.cli.main import main

    original = corpus_copy / US.split("/", 1)[1]
    copy = corpus_copy / "copy.txt"
    copy.write_text(original.read_text("utf-8"), "utf-8")
    db = corpus_copy.parent / "annotations.json"
    for document in (original, copy):
        argv = ["annotate", str(document), "--quote", "bolster militarism", "--tag", "mil"]
        assert main([*argv, "--db", str(db), "--corpus", str(corpus_copy)]) == 0
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        await run(pilot, screen, "mil")
        headings = sorted(
            str(screen.passage_list.get_option_at_index(i).prompt).splitlines()[0]
            for i in range(screen.passage_list.option_count)
        )
        assert [h.split(" · ")[0] for h in headings] == ["copy.txt", original.name], headings
        assert all(" · US Wants" in h for h in headings)  # the title cut to keep one line


async def test_o_lists_the_passages_by_each_attribute_in_turn_as_query_sort_does(
    annotated: Annotated,
) -> None:
    """A timeline (the passages by the date of their document) was only in the CSV: the view
    listed them by document alone. ``o`` goes through the attributes, then back."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(US, {"date": "2018-01-01"}), (MEXICO, {"date": "2019-05-01"})])
    async with query_ran(annotated, "militarization") as (pilot, screen):
        assert list(dict.fromkeys(p.annotation.document for p in screen.matches)) == [MEXICO, US]
        screen.passage_list.focus()
        await pilot.press("o")  # by country: Mexico, USA
        assert list(dict.fromkeys(p.annotation.document for p in screen.matches)) == [MEXICO, US]
        await pilot.press("o")  # by date: the US's of 2018 first
        assert list(dict.fromkeys(p.annotation.document for p in screen.matches)) == [US, MEXICO]
        assert "(by date)" in status(screen)
        assert screen.passage_list.current is not None
        await pilot.press("o")  # by document again
        assert list(dict.fromkeys(p.annotation.document for p in screen.matches)) == [MEXICO, US]
        assert "(by" not in status(screen)
        await pilot.press("o", "o")
        await run(pilot, screen, "militarization OR policy")  # a query run again keeps it
        assert list(dict.fromkeys(p.annotation.document for p in screen.matches)) == [US, MEXICO]
        # nothing found: no order to name ("0 passages in 0 documents (by date)")
        await run(pilot, screen, "militarization AND NOT militarization")
        assert status(screen).startswith("0 passages in 0 documents"), status(screen)
        assert "(by" not in status(screen)
        await run(pilot, screen, "militarization")  # kept for the next query that finds
        assert "(by date)" in status(screen)


async def test_listed_by_an_attribute_each_passage_says_its_value(annotated: Annotated) -> None:
    """By date (a timeline) or by group, the list did not say where one date or group ended
    and the next began: each passage's heading says its document's value now."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(US, {"date": "2018-01-01"})])  # the Mexico article has none
    async with query_ran(annotated, "militarization") as (pilot, screen):
        screen.passage_list.focus()
        await pilot.press("o", "o")  # by country, then by date
        assert "(by date)" in status(screen)
        await pilot.pause()
        passages = screen.passage_list
        lines = [passages.render_line(y).text for y in range(passages.size.height)]
        said = [line for line in lines if "line " in line]
        assert said and "date: 2018-01-01" in said[0], lines
        assert any("no date" in line for line in said), lines
        await pilot.press("o")  # by document: no value said
        await pilot.pause()
        lines = [passages.render_line(y).text for y in range(passages.size.height)]
        assert not any("date" in line for line in lines), lines


async def test_the_passages_headings_fit_the_list_again_after_a_resize(
    annotated: Annotated,
) -> None:
    """Each heading's title was cut for the width the list had when the query ran: at 120x40
    then 50x15 the heading wrapped over three lines, the passage below the list's end."""
    async with query_ran(annotated, "militarization", (120, 40)) as (pilot, screen):
        passages = screen.passage_list
        for size in ((50, 15), (80, 24), (40, 12)):
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda w=size[0]: passages.region.right <= w)  # type: ignore[misc]
            await pilot.pause()
            lines = [passages.render_line(y).text.strip() for y in range(passages.size.height)]
            heading = next(line for line in lines if line)
            assert re.search(r"…  line \d+", heading), (size, lines)  # the title cut, one line


async def test_the_heading_counts_the_orphaned_passages_a_query_left_out(
    annotated: Annotated,
) -> None:
    """A passage whose text was edited away is left out of a query: the command said '1
    orphaned annotation left out', the view said nothing and its count was simply one
    short. Its heading says it now, as the reports' does."""
    from dataclasses import replace as evolved

    from tui_reader.core.annotations.model import AnchorStatus

    with AnnotationStore(annotated.db) as store:
        kept = next(a for a in store.annotations(US) if "militarization" in a.tags)
        store.add(
            evolved(
                kept,
                id="lost-passage",
                quote="a sentence that was edited away",
                status=AnchorStatus.ORPHAN,
                coder="ben",
            )
        )
    async with query_ran(annotated, "militarization AND country=USA") as (pilot, screen):
        assert [p.annotation.document for p in screen.matches] == [US]
        assert status(screen).endswith(" · 1 orphaned left out")
        # coder:NAME typed in the query: that coder's orphans alone, as --coder has them
        for query, said in (
            (f"militarization AND coder:{kept.coder}", False),
            ("militarization AND coder:ben", True),
            ("militarization AND NOT coder:ben", False),
        ):
            await run(pilot, screen, query)
            assert status(screen).endswith(" · 1 orphaned left out") is said, (
                query,
                status(screen),
            )


async def test_esc_stops_the_placing_of_the_passages(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first look at a colleague's 100,000 passages takes seconds: the view closed while
    they are placed, its worker places no further document (it went on to the end, its
    CPU taken from the screen, and began again beside a second Q)."""
    release = held_calls(monkeypatch, scope_module._KnownPlaces, "read", 10)
    placing = record_calls(monkeypatch, scope_module._KnownPlaces, "read")  # as it is held
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            screen = await screen_opened_by(pilot, "Q", QueryScreen)
            await wait_until(pilot, lambda: len(placing.args) == 1)  # the first document
            await pilot.press("escape")
            await wait_until(pilot, lambda: not screen.is_attached)
        finally:
            release.set()
        await wait_until(pilot, lambda: not [w for w in app.workers if w.group == "scope"])
    assert len(placing.args) == 1  # of the two documents


async def test_the_library_s_scan_steps_aside_while_the_passages_are_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first Q on 10,000 documents took 2.5 times the query command: the library's scan,
    reading the same documents for their facts in a thread of its own, went on under the
    view, and the two shared the interpreter lock.  The view's placing of the project's
    passages, and of a query's matches in their documents, holds the foreground
    (:mod:`tui_reader.ui.foreground`), as a corpus search does: the scan steps aside."""
    from tui_reader.ui.foreground import FOREGROUND
    from tui_reader.ui.screens import query as query_module

    busy: dict[str, list[bool]] = {"scope": [], "context": []}
    scoped, placed = scope_loading.load_scope, query_module.in_context

    def scope_placed(*args: Any, **kwargs: Any) -> Scope:
        busy["scope"].append(FOREGROUND.busy)
        return scoped(*args, **kwargs)

    def in_context(*args: Any, **kwargs: Any) -> Any:
        busy["context"].append(FOREGROUND.busy)
        return placed(*args, **kwargs)

    monkeypatch.setattr(scope_loading, "load_scope", scope_placed)
    monkeypatch.setattr(query_module, "in_context", in_context)
    async with query_ran(annotated, "militarization") as (_, screen):
        assert screen.matches
    assert busy["scope"] == [True]
    assert busy["context"] and all(busy["context"]), busy
    assert not FOREGROUND.busy  # given back once done


async def test_a_query_that_matches_nothing_keeps_the_focus_to_be_edited(
    annotated: Annotated,
) -> None:
    """A query that matched no passage gave the focus to the empty list: the next query
    typed, or the keys typed behind enter, went nowhere, and "/" had to be found first.  The
    query keeps the focus, the keys typed behind enter go into it."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        await pilot.press(*"militarization AND camp", "enter", "backspace", "backspace")
        await wait_until(pilot, lambda: not screen.running and "match" in status(screen))
        await pilot.pause()
        assert screen.matches == [] and screen.input.has_focus
        await wait_until(pilot, lambda: screen.input.value == "militarization AND ca")
        await pilot.press(*["backspace"] * 6, "enter")
        await wait_until(pilot, lambda: bool(screen.matches))
        await wait_until(pilot, lambda: screen.passage_list.has_focus)


async def test_keys_typed_on_after_enter_refine_the_query_not_lost_on_the_passages(
    annotated: Annotated,
) -> None:
    """enter ran the query and gave its passages the focus: a user who typed on to refine
    it (" OR migration") lost every key to the list, which takes none of them, and found the
    query as it was.  A key the passages do not take (as the footer and the help list them:
    j k g G o q / enter...) goes to the query, at its end, and the keys after it too; a
    list's key still acts on the list."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        for typed in ("a burst behind enter", "after the passages showed"):
            screen.input.value = ""
            screen.input.focus()
            keys = [*"militarization", "enter"]
            if typed == "a burst behind enter":
                await burst(pilot, [*keys, *" OR migration"])
            else:
                await pilot.press(*keys)
                await wait_until(pilot, lambda: screen.passage_list.has_focus and screen.matches)
                await pilot.press(*" OR migration")
            await wait_until(pilot, lambda: screen.input.value == "militarization OR migration")
            assert screen.input.has_focus, typed
            assert screen.input.cursor_position == len(screen.input.value), typed
            await pilot.press("enter")
            await wait_until(pilot, lambda: screen.query_text == "militarization OR migration")
            await wait_until(pilot, lambda: not screen.running and screen.passage_list.has_focus)
            assert len(screen.matches) == 4, (typed, status(screen))  # 3 and the migration one
        await pilot.press("G")  # a list's key acts on the list
        assert screen.passage_list.highlighted == len(screen.matches) - 1
        assert screen.passage_list.has_focus and screen.input.value.endswith("migration")


def _placing_held(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, held_key: str = MEXICO
) -> tuple[threading.Event, threading.Event]:
    """A passage coded detention in the US document; the project's passages placed once
    the first event is set (a query typed), the Mexico document's (``held_key``'s) held
    until the second."""
    from tui_reader.core.annotations.model import make_annotation

    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        text = workspace.document(US).text
        start = text.index("migrants")
        sha = workspace.document(US).sha256
        workspace.store.add(make_annotation(US, text, start, start + 8, sha, ("detention",)))
    finally:
        workspace.store.close()
    typed, release = threading.Event(), threading.Event()
    relinked, placed = scope_module._relinked, scope_module._KnownPlaces.placed

    def relinked_once_typed(*args: Any) -> Any:
        held_until(typed)
        return relinked(*args)

    def held(self: Any, key: str, stamps: Any) -> Any:
        if key == held_key:
            held_until(release)
        return placed(self, key, stamps)

    monkeypatch.setattr(scope_module, "_relinked", relinked_once_typed)
    monkeypatch.setattr(scope_module._KnownPlaces, "placed", held)
    return typed, release


@asynccontextmanager
async def _detention_typed(
    pilot: Pilot[Any], screen: QueryScreen, typed: threading.Event, release: threading.Event
) -> AsyncIterator[None]:
    """The query detention typed while the passages are held (:func:`_placing_held`); on
    leaving, every passage let go, and the query run on the whole project."""
    try:
        await pilot.press(*"detention", "enter")
        typed.set()
        yield
    finally:
        typed.set()
        release.set()
    await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
    await pilot.pause()


async def test_a_query_typed_while_placing_shows_its_documents_passages_first(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query typed while the project's passages were placed waited for every one of them
    (400 documents, 130,000 passages: some 4 s).  The documents whose records carry its
    codes are placed first, and it runs on those, its count said "so far" until the rest
    are placed and it runs on the whole project."""
    typed, release = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        async with _detention_typed(pilot, screen, typed, release):
            await wait_until(pilot, lambda: screen.passage_list.has_focus)
            assert screen.scope is None  # the rest not placed
            assert [p.annotation.tags for p in screen.matches] == [("detention",)]
            said = status(screen)
            assert "1 passage in 1 document so far match detention" in said, said
            assert "placing the rest" in said and "matches detention" not in said
        assert "1 passage in 1 document matches detention" in status(screen)
        assert screen.passage_list.has_focus and screen.passage_list.highlighted == 0


async def test_the_count_of_documents_placed_shows_at_80_columns_beside_a_query_so_far(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 10,000 documents at 80 columns, "Finding the passages that match theme1 AND NOT
    theme2 · Placing the coded pas…": the count of documents placed, at the line's end, was
    cut off, and the line read the same for the half minute the placing took."""
    typed, release = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    query = "detention AND NOT militarization AND NOT migration"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        try:
            screen.input.value = query
            screen.input.focus()
            await pilot.press("enter")
            typed.set()
            await wait_until(pilot, lambda: "so far match" in status(screen))
            # what the placing worker posts as it goes on (held here: posted as it would)
            screen.post_message(scope_loading.ScopeProgress(done=6400, total=10000))
            await wait_until(pilot, lambda: "6,400 of 10,000 documents" in status(screen))
            said = status(screen)
            assert "so far match" in said, said
            count = said.index("of 10,000 documents") + len("of 10,000 documents")
            assert count <= screen.status.content_size.width, said
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)


async def _run_on_those_placed_so_far(
    pilot: Pilot[object], screen: QueryScreen, query: str, typed: threading.Event
) -> None:
    """``query`` typed and run while the placing is held, its look asked, then the placing
    let go on (``typed``) until the passages placed so far are matched."""
    await pilot.press(*query, "enter")
    await wait_until(pilot, lambda: screen.query_text == query)  # run, its look asked
    typed.set()
    await wait_until(pilot, lambda: "so far" in status(screen))


@pytest.mark.parametrize("query", ["NOT detention", 'text:"a"', "militarization"])
async def test_a_query_matching_passages_without_its_codes_shows_those_placed_so_far(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """A query that may match a passage carrying none of its codes (NOT x, text:) typed
    while the project's passages were placed waited for every one of them (400 documents,
    130,000 passages: some 4 s), with nothing shown: no documents are placed first for
    it; so did a query of a code every document holds (militarization), whose documents
    placed first are all of them.  It runs on the documents placed so far, its count said
    "so far", then on the whole project, the cursor kept on its passage."""
    typed, release = _placing_held(annotated, monkeypatch, held_key=US)  # Mexico's placed
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        try:
            await _run_on_those_placed_so_far(pilot, screen, query, typed)
            await wait_until(pilot, lambda: screen.passage_list.has_focus)
            assert screen.scope is None  # the US document still held
            so_far = [p.annotation.id for p in screen.matches]
            assert so_far and {p.annotation.document for p in screen.matches} == {MEXICO}
            said = status(screen)
            assert f"{len(so_far)} passages in 1 document so far match {query}" in said, said
            placing = ("placing the rest", "Placing the coded passages…")  # or its progress
            assert any(words in said for words in placing) and f"matches {query}" not in said
            await wait_until(pilot, lambda: screen.passage_list.highlighted == 0)
            await pilot.press("j")
            chosen = so_far[1]
            await wait_until(pilot, lambda: screen.passage_list.highlighted == 1)
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        whole = [p.annotation for p in screen.matches]
        assert {a.document for a in whole} == {MEXICO, US}
        assert [a.id for a in whole if a.document == MEXICO] == so_far
        assert f"{len(whole)} passages in 2 documents match {query}" in status(screen)
        assert screen.passage_list.current is not None
        assert screen.passage_list.current.annotation.id == chosen  # the cursor kept


async def test_a_distance_typed_while_placing_cuts_its_paragraphs_once(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A distance query (NEAR/5) typed while the project's passages were placed ran on
    those placed so far, then on the whole project, and each run read the paragraphs of
    the documents again (the facts and the units kept of 8,885 documents of the bench:
    0.4 to 0.7 s of CPU a run, beside the screen). They are read once, and kept while the
    passages placed are."""
    asked = units_compared(monkeypatch)
    query = "militarization NEAR/5 migration"
    typed, release = _placing_held(annotated, monkeypatch, held_key=US)  # Mexico's placed
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        try:
            await _run_on_those_placed_so_far(pilot, screen, query, typed)
            assert screen.scope is None  # the US document still held
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        assert f"in 1 document match {query}" in status(screen), status(screen)
    assert asked == [[MEXICO]], asked


async def test_the_next_look_so_far_waits_as_long_as_the_last_run_took(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query run on the passages placed so far looked again a second after each run,
    however long a run took: at 100,000 passages each took seconds on a busy machine and
    ran over every passage placed so far, one after the other, taking the placing's time.
    The next look waits at least as long as the last run took (a clock of ours here: each
    reading 7 s on)."""
    from tui_reader.ui.screens import query as query_module

    now = 0.0

    def clock() -> float:
        nonlocal now
        now += 7.0
        return now

    typed, release = _placing_held(annotated, monkeypatch, held_key=US)  # Mexico's placed
    monkeypatch.setattr(query_module, "monotonic", clock, raising=False)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        waits: list[float] = []
        timer = screen.set_timer

        def set_timer(delay: float, callback: Any = None, **kwargs: Any) -> Any:
            waits.append(delay)
            return timer(delay, callback, **kwargs)

        monkeypatch.setattr(screen, "set_timer", set_timer)
        try:
            await pilot.press(*"NOT detention", "enter")
            await wait_until(pilot, lambda: screen.query_text == "NOT detention")
            typed.set()
            await wait_until(pilot, lambda: "so far" in status(screen) and bool(waits))
            assert screen.scope is None  # the US document still held
            assert waits[0] >= 7.0, waits
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)


async def test_another_query_typed_while_placing_never_lists_the_first_one_s_passages(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second query, of codes whose documents are not placed yet, typed while the first
    one's passages are shown so far: the first one's are taken away (not said to be the
    second's), and the second runs once its documents are placed."""
    typed, release = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        async with _detention_typed(pilot, screen, typed, release):
            await wait_until(pilot, lambda: bool(screen.matches))
            screen.input.focus()
            await pilot.press("ctrl+u", *"migration", "enter")
            await pilot.pause()
            assert screen.scope is None and not screen.matches
            assert "match" not in status(screen), status(screen)
        assert "1 passage in 1 document matches migration" in status(screen)
        assert [p.annotation.tags for p in screen.matches] == [("migration/deportation",)]


async def test_esc_esc_typed_fast_in_the_query_over_its_passages_closes_the_view(
    annotated: Annotated,
) -> None:
    """esc, esc (a double tap) in the query field, its passages listed below, went back to
    the passages and left the view open: the focus moved to the list only after the second
    esc had reached the field, which took it for the first again."""
    async with query_ran(annotated, "militarization") as (pilot, screen):
        assert screen.passage_list.has_focus and screen.matches
        await pilot.press("slash")
        await wait_until(pilot, lambda: screen.input.has_focus)
        await burst(pilot, ["escape", "escape"])
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, QueryScreen))


async def test_a_query_of_a_code_no_passage_carries_says_so_before_the_passages_are_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query of a code no passage carries waited for every document placed (some 35 s on
    10,000 under load) before saying that nothing matched and that no such code is in the
    codebook.  The codes on the database's passages tell it at once: said while the placing
    is still held, in the command line's words, and said again the same once placed."""
    typed, release = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        try:
            await pilot.press(*"border", "enter")
            await wait_until(pilot, lambda: "match border" in status(screen))
            assert screen.scope is None  # nothing placed yet
            assert status(screen) == "0 passages in 0 documents match border"
            said = [n.message for n in pilot.app._notifications]
            assert said == ["No code 'border' in the codebook"]
            assert screen.matches == [] and screen.input.has_focus
            # the placing's count said meanwhile does not take its place (on the bench
            # copy, "Placing the coded passages… 3,243 of 10,000 documents" did)
            screen.post_message(scope_loading.ScopeProgress(5, 10))
            await pilot.pause()
            await pilot.pause()
            assert status(screen) == "0 passages in 0 documents match border"
            await pilot.press(*" OR")  # keys typed on go into the query, not to the passages
            assert screen.input.value == "border OR" and screen.input.has_focus
            await pilot.press(*["backspace"] * 3)
            assert screen.input.value == "border"
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        assert status(screen) == "0 passages in 0 documents match border"
        assert [n.message for n in pilot.app._notifications] == ["No code 'border' in the codebook"]


async def _said_before_any_placing(
    pilot: Pilot[Any],
    screen: QueryScreen,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    answer: str,
    held: tuple[threading.Event, threading.Event],
) -> None:
    """``query`` typed and run on ``screen``: ``answer`` said before any passage is placed
    (the placing ``held`` by :func:`_placing_held`), and the line so, nothing else said,
    once the placing ends."""
    typed, release = held
    said = _lines_said(screen, monkeypatch)
    try:
        await pilot.press(*query, "enter")
        await wait_until(pilot, lambda: status(screen) == answer)
        assert screen.scope is None  # nothing placed yet
        answered = len(said)
    finally:
        typed.set()
        release.set()
    await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
    await pilot.pause()
    assert status(screen) == answer
    assert set(said[answered:]) <= {answer}, said[answered:]


def _lines_said(screen: QueryScreen, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line the view's status line is given from now on, in order."""
    said: list[str] = []
    update = screen.status.update

    def recorded(content: Any = "", **kwargs: Any) -> None:
        said.append(str(content))
        update(content, **kwargs)

    monkeypatch.setattr(screen.status, "update", recorded)
    return said


async def test_a_query_matching_through_an_attribute_is_answered_from_its_documents_first(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """border OR country=USA, typed while the passages were placed, waited for every document
    (some 35 s on 10,000 under load): it may match a passage carrying none of its codes, so
    no document was placed first for it.  The documents' attributes are known before any
    passage is placed: the US document, the one whose passages it can match, is placed
    first and its passages shown while the Mexico document is still held; when the placing
    ends, the line goes from that answer to the whole project's, never back to "Finding the
    passages"."""
    typed, release = _placing_held(annotated, monkeypatch)  # the Mexico document held
    query = "border OR country=USA"
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        said = _lines_said(screen, monkeypatch)
        try:
            await pilot.press(*query, "enter")
            typed.set()
            await wait_until(pilot, lambda: f"so far match {query}" in status(screen))
            assert screen.scope is None  # the Mexico document still held
            assert {p.annotation.document for p in screen.matches} == {US}
            assert f"2 passages in 1 document so far match {query}" in status(screen)
            answered = len(said)
        finally:
            typed.set()
            release.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        assert status(screen) == f"2 passages in 1 document match {query}"
        after = said[answered:]
        assert not [line for line in after if "Finding" in line], after


@pytest.mark.parametrize("query", ["border OR country=Peru", "country=Peru AND militarization"])
async def test_a_query_no_document_s_attributes_can_match_says_so_before_any_placing(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """No document has country=Peru and no passage carries border: nothing can match, which
    the documents' attributes and the codes on the database's passages tell before a
    passage is placed; said at once, and unchanged when the placing ends."""
    held = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        answer = f"0 passages in 0 documents match {query}"
        await _said_before_any_placing(pilot, screen, monkeypatch, query, answer, held)


async def test_a_code_only_a_coder_not_on_show_carries_is_answered_before_any_placing(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only my coding on show (C), a query of a code only a colleague's passages carry
    waited for every document placed before saying it matched nothing of mine: the codes on
    my passages tell it at once, and the line stays so when the placing ends."""
    with AnnotationStore(annotated.db) as store:
        me = store.annotations()[0].coder
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        document = workspace.document(US)
        start = document.text.index("migrants")
        colleague = make_annotation(
            US, document.text, start, start + 8, document.sha256, ("border",)
        ).evolve(coder="ben")
        workspace.store.add(colleague)
    finally:
        workspace.store.close()
    held = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("C")  # only mine
        await wait_until(pilot, lambda: pilot.app.workspace.coder_view.only == me)
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        answer = f"0 passages (only mine ({me})) in 0 documents match border"
        await _said_before_any_placing(pilot, screen, monkeypatch, "border", answer, held)


async def test_a_query_answered_so_far_never_says_it_is_finding_its_passages_again(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query whose codes' documents were placed first showed its passages so far; when the
    placing ended it ran again on the whole project and its line flashed "Finding the
    passages that match detention…" before the answer came back.  The line goes from the
    answer so far to the whole project's once."""
    typed, release = _placing_held(annotated, monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        said = _lines_said(screen, monkeypatch)
        async with _detention_typed(pilot, screen, typed, release):
            await wait_until(pilot, lambda: "so far match detention" in status(screen))
            answered = len(said)
        assert status(screen) == "1 passage in 1 document matches detention"
        after = said[answered:]
        assert not [line for line in after if "Finding" in line], after


async def test_a_query_run_again_after_a_look_shows_its_first_passages_before_the_rest(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query whose answer so far came from a look at the documents placed so far ran again
    on more of them without showing its first passages before the rest (as it does once its
    whole answer is on show): on the bench copy its first answer, 1 passage, stood while
    each run over thousands of documents was replaced by the next before it showed.  Only
    a whole answer is run again without them; a look's shows them, never "Finding the
    passages" again."""
    from tui_reader.ui.screens import query as query_module

    real = query_module.in_context
    rest = threading.Event()
    calls: list[int] = []

    def rest_held(annotations: list[object], *args: object, **kwargs: object) -> object:
        calls.append(len(annotations))
        if kwargs.get("reading") is not None:  # the rest of a run's documents
            held_until(rest)
        return real(annotations, *args, **kwargs)  # type: ignore[arg-type]

    typed, release = _placing_held(annotated, monkeypatch, held_key=US)  # Mexico's placed
    monkeypatch.setattr(query_module, "FIRST_SHOWN", 1)
    monkeypatch.setattr(query_module, "in_context", rest_held)
    query = "NOT detention"
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_opened_by(pilot, "Q", QueryScreen)
        said = _lines_said(screen, monkeypatch)
        try:
            await _run_on_those_placed_so_far(pilot, screen, query, typed)
            answered = len(said)
            release.set()  # the US document placed: the query runs on the whole project
            await wait_until(pilot, lambda: "finding the rest" in status(screen))
            assert screen.running and {p.annotation.document for p in screen.matches} == {MEXICO}
        finally:
            typed.set()
            release.set()
            rest.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        assert f"in 2 documents match {query}" in status(screen), status(screen)
        after = said[answered:]
        assert not [line for line in after if line.startswith("Finding the passages")], after
