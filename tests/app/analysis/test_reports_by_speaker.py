"""The reports view's matrix by speaker (b after the attributes): who said what, as
``report matrix --by-speaker`` gives it, and a cell's passages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers.analysis import matrix_by, query_view_opened, report_key, reports_opened
from helpers.app import wait_until
from helpers.counting import names_given

from tui_reader.core.analysis import known_turns
from tui_reader.core.analysis.matching import PassageSpeakers, compile_query
from tui_reader.core.analysis.query import parse_query
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import BY_SPEAKER

TRANSCRIPT = (
    "Interview in Tapachula, March 2019\n\n"
    "Interviewer: Who decided on the deployment?\n\n"
    "Carlos Méndez: The Pentagon decided. It was Washington.\n\n"
    "Interviewer: And the tariffs?\n\n"
    "Carlos Méndez: They were a threat.\n"
)
# (document, quote, codes): each passage's speakers worked out from TRANSCRIPT's turns
CODING = (
    ("carlos.txt", "The Pentagon decided.", ("pentagon",)),  # Carlos's
    # across the question and its answer: the interviewer's and Carlos's
    ("carlos.txt", "Who decided on the deployment?\n\nCarlos Méndez: The Pentagon", ("pentagon",)),
    ("carlos.txt", "And the tariffs?", ("tariffs",)),  # the interviewer's
    ("carlos.txt", "Interview in Tapachula", ("pentagon",)),  # the preamble: no one's words
    ("notes.txt", "The Pentagon", ("pentagon",)),  # no transcript: no one's
)


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "carlos.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (corpus / "notes.txt").write_text("The Pentagon decided, said no one.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    for name, quote, tags in CODING:
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        start = document.text.index(quote)
        workspace.store.add(
            make_annotation(key, document.text, start, start + len(quote), document.sha256, tags)
        )
    workspace.keep_facts()  # as the library keeps them: notes.txt names no speaker
    workspace.store.close()
    return ReaderApp(corpus, tmp_path / "db.json", corpus / "notes.txt")


def _asked_for(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the documents ``workspace`` is asked for from now, in order."""
    return names_given(monkeypatch, workspace, "document")


async def test_b_goes_to_a_matrix_by_speaker_and_a_cell_lists_its_passages(
    app: ReaderApp,
) -> None:
    # the matrix's columns were documents or an attribute's values: by the documents'
    # speakers (--by speakers) a column "Interviewer, Carlos Méndez", no one speaker's
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reports_opened(pilot)
        bys = await matrix_by(pilot, screen, BY_SPEAKER)
        assert bys[-1] == BY_SPEAKER, bys
        assert screen.rows == [
            {"tag": "pentagon", "Carlos Méndez": 2, "Interviewer": 1, "(no speaker)": 2},
            {"tag": "tariffs", "Carlos Méndez": 0, "Interviewer": 1, "(no speaker)": 0},
        ]
        heading = " ".join(str(screen.query_one("#reports-heading").render()).split())
        assert "columns by speaker of the turns (b)" in heading
        query, passages = screen.cell_passages(0, 2)
        assert query == '"pentagon" AND speaker:"Interviewer"'
        assert [p.quote for p in passages] == [CODING[1][1]]
        query, passages = screen.cell_passages(0, 3)
        assert query == '"pentagon" AND NOT speaker:*'
        assert sorted(p.quote for p in passages) == ["Interview in Tapachula", "The Pentagon"]
        # each cell's query, run as the query view runs it, takes its passages
        speakers = PassageSpeakers(screen.workspace.document)
        assert screen.scope is not None
        for row in range(2):
            for column in range(1, 4):
                query, passages = screen.cell_passages(row, column)
                test = compile_query(parse_query(query), screen.scope.attributes, speakers=speakers)
                found = [a.id for a in screen.scope.annotations if test(a)]
                assert sorted(found) == sorted(a.id for a in passages), query
        screen.table.move_cursor(0, 1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
        view = pilot.app.screen
        assert isinstance(view, QueryScreen)
        await wait_until(pilot, lambda: not view.running and bool(view.matches))
        assert sorted(p.annotation.quote for p in view.matches) == sorted(
            [CODING[0][1], CODING[1][1]]
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await report_key(pilot, screen, "b")  # and round again to the documents
        assert screen.by == "document"


async def test_the_speakers_do_not_ask_for_a_document_whose_kept_facts_name_no_speaker(
    app: ReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The matrix by speaker and a query naming a speaker asked for every coded document
    for its turns (10,000 articles, loaded for seconds, named no one), where the command
    line reads the facts kept: a note whose kept facts name no speaker is not asked for,
    and what they find is the same."""
    read_on_main: list[bool] = []  # the facts cache read: on the screen's thread, or not
    facts_cache = known_turns.FactsCache

    def read(path: Path | None) -> FactsCache:
        read_on_main.append(threading.current_thread() is threading.main_thread())
        return facts_cache(path)

    monkeypatch.setattr(known_turns, "FactsCache", read)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reports_opened(pilot)
        asked = _asked_for(screen.workspace, monkeypatch)
        await report_key(pilot, screen, "m")
        while screen.by != BY_SPEAKER:
            await report_key(pilot, screen, "b")
        assert screen.rows[0] == {
            "tag": "pentagon", "Carlos Méndez": 2, "Interviewer": 1, "(no speaker)": 2
        }  # fmt: skip
        assert "notes.txt" not in asked, asked
        await pilot.press("escape")
        view = await query_view_opened(pilot)
        asked.clear()
        view.input.value = 'pentagon AND speaker:"Carlos Méndez"'
        view.input.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: not view.running and bool(view.matches))
        assert sorted(p.annotation.quote for p in view.matches) == sorted(
            [CODING[0][1], CODING[1][1]]
        )
        assert "notes.txt" not in asked, asked
        assert read_on_main == [False, False]  # once for each, by their workers
