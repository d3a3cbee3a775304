"""The reports view (R): the tables the CLI prints, switched with f m c b; enter on a cell
lists its passages in the query view."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import analysis_app, cell_passages, query_view_opened, reports_opened
from helpers.annotations import annotated_files_gone, on_phrases
from helpers.app import bottom_line, burst, in_turn, ready, wait_until
from helpers.counting import record_calls
from helpers.passages import MEXICO, US, Annotated
from helpers.threads import held_until
from textual.pilot import Pilot
from textual.widgets import Static

from tui_reader.core.analysis.reports import frequencies
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.notices import SAID_AT_MOST
from tui_reader.ui.screens.help import collect_bindings
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen
from tui_reader.ui.widgets.report_table import ReportTable


async def open_reports(pilot, app: ReaderApp) -> ReportsScreen:  # type: ignore[no-untyped-def]
    return await reports_opened(pilot)


@asynccontextmanager
async def reports_open(  # type: ignore[no-untyped-def]
    annotated: Annotated, size: tuple[int, int]
):
    """The reports opened on ``annotated``'s app at ``size``: its pilot and the view."""
    app = analysis_app(annotated)
    async with app.run_test(size=size) as pilot:
        yield pilot, await open_reports(pilot, app)


async def press(pilot, screen: ReportsScreen, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await wait_until(pilot, lambda: not screen.computing)
    await pilot.pause()


async def test_reports_switch_and_match_the_computation(
    annotated: Annotated,
) -> None:
    """f m b c switch the reports, each what the computation gives.

    The co-occurrence table said what a cell counts (a passage with both codes, or two
    overlapping passages) only once enter opened a cell: its heading says it, as report
    --help does, in the longest of its forms that fits a line; the other reports' headings
    do not."""
    meaning = "a cell: the places two codes meet, a passage carrying both or two overlapping"
    async with reports_open(annotated, (120, 40)) as (pilot, screen):
        heading_of = screen.query_one("#reports-heading")
        assert meaning not in " ".join(str(heading_of.render()).split())
        assert screen.scope is not None
        assert screen.rows == frequencies(screen.scope.annotations, screen.scope.lengths)
        assert [r["tag"] for r in screen.rows] == [
            "migration/deportation",
            "militarization",
            "militarization/patrols",
            "policy/border",
        ]
        assert screen.table.row_count == 4
        await press(pilot, screen, "m")
        assert screen.kind == "matrix" and screen.rows[1]["tag"] == "militarization"
        assert sum(v for k, v in screen.rows[1].items() if k != "tag") == 2
        await press(pilot, screen, "b")
        assert screen.by == "country"
        assert screen.rows[1] == {"tag": "militarization", "Mexico": 1, "USA": 1}
        await press(pilot, screen, "c")
        # one passage carries both; the codes meeting no other are left out, and said
        assert screen.rows == [
            {"tag": "militarization", "policy/border": 1},
            {"tag": "policy/border", "militarization": 1},
        ]
        heading = str(screen.query_one("#reports-heading").render())
        assert "2 codes meeting no other left out" in heading
        # what to do to see them, in plain words (it said "(tui-reader report cooccurrence: all)")
        assert "the command tui-reader report cooccurrence lists them all" in heading
        chart = str(screen.query_one("#reports-chart").render())
        assert "Coverage per document" in chart
        assert meaning in " ".join(str(heading_of.render()).split())
        await pilot.resize_terminal(80, 30)  # the shorter form that fits a line
        short = "a cell: a passage with both codes, or two overlapping, one with each"
        await wait_until(pilot, lambda: short in " ".join(str(heading_of.render()).split()))
        await press(pilot, screen, "m")
        assert "a cell:" not in str(heading_of.render())


async def test_b_takes_an_attribute_spelled_in_two_cases_once(annotated: Annotated) -> None:
    """One document's Country (a CSV from one source) and another's country (typed) are one
    attribute to a query and to the matrix, but b went through both: the matrix by Country,
    then the same matrix by country.  It goes through each attribute once, named as most
    documents spell it, in the order of names whatever their case (Wave after country)."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(MEXICO, {"Wave": 1}), (US, {"wave": 2, "Country": "USA"})])
    # (MEXICO's country; US's Country kept as it is stored)
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        assert screen.attribute_names() == ["Country", "Wave"]  # (one each: the tie's first)
        seen = []
        for _ in range(3):
            await press(pilot, screen, "b")
            seen.append(screen.by)
        assert [by.casefold() for by in seen] == ["country", "wave", "document"]
        await press(pilot, screen, "b")
        assert screen.rows[1] == {"tag": "militarization", "Mexico": 1, "USA": 1}


async def test_a_matrix_by_document_tells_apart_files_of_one_name(tmp_path: Path) -> None:
    """Interviews kept in a folder a year (2019/int-1.txt, 2020/int-1.txt) were columns all
    headed int-1.txt, which could not be told apart: a column is headed by its file name
    where no other has it, else by as many of its folders as tell it apart."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.workspace import Workspace

    corpus = tmp_path / "c"
    names = ("2019/int-1.txt", "2020/int-1.txt", "a/2019/int-1.txt", "int-1.txt", "int-2.txt")
    for name in names:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text("Alpha beta gamma.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    for name in names:
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        workspace.store.add(make_annotation(key, document.text, 0, 5, document.sha256, ("a",)))
    workspace.store.close()
    app = ReaderApp(corpus, tmp_path / "db.json", corpus / "int-2.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reports(pilot, app)
        await press(pilot, screen, "m")
        headings = screen.table.grid.headings
        assert sorted(headings) == sorted(
            ["tag", "c/2019/int-1.txt", "2020/int-1.txt", "a/2019/int-1.txt", "c/int-1.txt",
             "int-2.txt"]
        )  # fmt: skip


async def test_the_heading_counts_one_passage_in_the_singular(
    make_app,  # type: ignore[no-untyped-def]
) -> None:
    """ "1 coded passage in 1 of 2 documents": one passage in the singular, and not "1 passage
    in 2 documents" (as if it spanned both) nor "1 coded passage · 2 documents" (read the
    same way)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("s", "a", *"place", "enter")
        await wait_until(pilot, lambda: len(app.workspace.store.annotations()) == 1)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        await wait_until(pilot, lambda: bool(screen.rows) and not screen.computing)
        heading = str(screen.query_one("#reports-heading").render())
        assert "1 coded passage in 1 of 2 documents" in heading


async def test_a_cells_query_reads_back_whatever_its_code_and_value_hold(
    annotated: Annotated,
) -> None:
    """A cell's query (shown in the query view, run again with enter) put a code holding a
    quote or a backslash between quotes as it was: 'say "hi"' read back as another query, or
    none."""
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.query import parse_query
    from tui_reader.core.store.annotation_store import AnnotationStore

    odd = 'say "hi" \\ and'
    with AnnotationStore(annotated.db) as store:
        first = store.get(annotated.ids[0])
        assert first is not None
        store.update(first.evolve(tags=(*first.tags, odd)), "tag")
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        for keys in (("f",), ("m",), ("b",), ("c",)):
            await press(pilot, screen, *keys)
            row = next(i for i, r in enumerate(screen.rows) if r["tag"] == odd)
            for column in range(len(screen.columns)):
                query, passages = screen.cell_passages(row, column)
                assert screen.scope is not None
                scope = screen.scope
                test = compile_query(parse_query(query), scope.attributes, passages=scope.carrying)
                found = [a for a in screen.scope.annotations if test(a)]
                assert {a.id for a in found} >= {a.id for a in passages}, query


async def test_the_reports_count_the_coding_on_show(annotated: Annotated) -> None:
    """With only my coding on show (C), as the library and codebook count it, the reports
    count my passages: a colleague's copy of one is not counted twice."""
    from tui_reader.core.annotations.model import new_id
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(annotated.db) as store:
        mine = store.annotations()
        me = mine[0].coder
        store.add(mine[0].evolve(id=new_id(), coder="ben"))
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        everyone = {r["tag"]: r["passages"] for r in screen.rows}
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ReportsScreen))
        await pilot.press("C")  # only mine
        await wait_until(pilot, lambda: pilot.app.workspace.coder_view.only == me)
        screen = await reports_opened(pilot)
        assert screen.scope is not None
        own = {r["tag"]: r["passages"] for r in screen.rows}
        assert screen.rows == frequencies(mine, screen.scope.lengths)
        doubled = mine[0].tags[0]
        assert own[doubled] == everyone[doubled] - 1
        heading = str(screen.query_one("#reports-heading").render())
        assert f"{len(mine)} coded passages (only mine ({me}))" in heading


async def test_a_cooccurrence_of_many_codes_shows_those_meeting_most(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of codes made a table of millions of cells, built and laid out in full:
    the view shows as many codes as it shows matrix columns, those meeting the others most,
    and says how many there are."""
    from tui_reader.ui.screens import reports

    monkeypatch.setattr(reports, "MAX_COLUMNS", 2)
    async with reports_open(annotated, (160, 40)) as (pilot, screen):
        await press(pilot, screen, "c")
        assert screen.rows == [
            {"tag": "militarization", "policy/border": 1},
            {"tag": "policy/border", "militarization": 1},
        ]
        assert screen.table.row_count == 2 and screen.hidden_columns == 2
        heading = str(screen.query_one("#reports-heading").render())
        assert "the 2 codes meeting the others most, of 4" in heading


async def test_a_matrix_of_many_documents_few_coded_shows_the_coded_ones(
    annotated: Annotated,
) -> None:
    """A matrix of a corpus of many documents, two of them coded, showed a column of zeros
    for every other document (200 columns, most of them zeros); it shows the two, and says
    how many were left out."""
    for n in range(30):
        (annotated.corpus / f"uncoded-{n:02}.txt").write_text(f"Nothing coded here, {n}.\n")
    async with reports_open(annotated, (160, 40)) as (pilot, screen):
        await press(pilot, screen, "m")
        assert screen.kind == "matrix"
        columns = {k for row in screen.rows for k in row if k != "tag"}
        assert columns == {MEXICO, US}
        assert screen.rows[1] == {"tag": "militarization", MEXICO: 1, US: 1}
        heading = str(screen.query_one("#reports-heading").render())
        assert "30 documents without passages left out" in heading
        # what to do to see them, in plain words (it said "(tui-reader report matrix: all)")
        assert "the command tui-reader report matrix lists them all" in heading


async def test_a_matrix_by_an_attribute_counts_the_values_left_out_as_the_command_lists_them(
    annotated: Annotated, capsys: pytest.CaptureFixture[str]
) -> None:
    """By country, with a document of Guatemala and two without a country, none of them
    coded, the heading said "2 values without passages left out (the command tui-reader
    report matrix --by country lists them all)": the command lists one more column,
    Guatemala; the column of the documents without a country, zeros, it leaves out, as the
    view does.  That column is no value: only Guatemala is counted."""
    from tui_reader.cli.main import main

    (annotated.corpus / "guatemala.txt").write_text("An interview in Guatemala City.\n")
    for n in range(2):
        (annotated.corpus / f"no-country-{n}.txt").write_text(f"Nothing coded here, {n}.\n")
    app = analysis_app(annotated)  # (the coded documents' countries given)
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(f"{Path(MEXICO).parent}/guatemala.txt", {"country": "Guatemala"})])
    assert main(["report", "matrix", "--by", "country", "--db", str(annotated.db),
                 "--corpus", str(annotated.corpus), "--format", "csv"]) == 0  # fmt: skip
    listed = capsys.readouterr().out.splitlines()[0].strip("\ufeff").split(",")[1:]
    assert listed == ["Guatemala", "Mexico", "USA"]
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_reports(pilot, app)
        await press(pilot, screen, "m", "b")
        assert screen.by == "country"
        shown = {k for row in screen.rows for k in row if k != "tag"}
        assert shown == {"Mexico", "USA"}
        assert screen.hidden_columns == 1
        heading = " ".join(str(screen.query_one("#reports-heading").render()).split())
        assert "1 value without passages left out" in heading


async def test_a_short_terminal_shows_the_rows_of_a_report(annotated: Annotated) -> None:
    """At 40x12 the heading and the charts under the table left it its header alone: not one
    of the report's rows could be seen.  A short screen shows the table alone; a tall one
    keeps the charts.  Each report in turn, on one app made short again before the next."""
    async with reports_open(annotated, (40, 12)) as (pilot, screen):
        charts = screen.query_one("#reports-charts")
        for kind in ("f", "m", "c"):
            await pilot.resize_terminal(40, 12)
            await wait_until(pilot, lambda: not charts.display)
            await press(pilot, screen, kind)
            assert len(screen.rows) >= 2, kind
            assert screen.table.size.height >= 4, kind  # the header and the rows
            assert not charts.display, kind
            await pilot.resize_terminal(80, 30)
            await wait_until(pilot, lambda: charts.display)  # laid out again at the new size


async def test_a_terminal_of_a_few_lines_shows_rows_of_the_report(annotated: Annotated) -> None:
    """At 30x8 and 20x6 the heading, wrapped on the narrow screen, took every line the table
    had: the report's kind and counts, and not one of its rows.  The heading keeps its first
    line there (the report's kind), the table the rest: its header and a row at least."""
    async with reports_open(annotated, (30, 8)) as (pilot, screen):
        heading = screen.query_one("#reports-heading")
        for size in ((30, 8), (20, 6), (30, 8)):
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda size=size: screen.size == size)
            await pilot.pause()
            assert heading.size.height == 1, size
            assert screen.table.size.height >= size[1] - 4, size  # its header and rows
        await pilot.resize_terminal(80, 30)
        await wait_until(pilot, lambda: heading.size.height > 1)  # whole again


async def test_a_code_named_tag_keeps_its_own_column_and_a_cell_lists_every_meeting(
    annotated: Annotated,
) -> None:
    """A code named 'tag' shared its column's key with the row's code: its co-occurrence
    column was lost (each row's 'tag' its count, the row's own code gone). And a cell of two
    codes meeting on overlapping passages, one carrying each, listed none of them."""
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.query import parse_query
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(annotated.db) as store:
        first = store.get(annotated.ids[0])  # "remilitarize the region": militarization, ...
        assert first is not None
        text = (annotated.corpus / MEXICO.removeprefix("docs_corpus/")).read_text()
        start = first.start - 10  # overlapping it, another code alone
        overlap = make_annotation(
            first.document, text, start, first.start + 5, first.doc_sha256, ("tag",)
        )
        store.add(overlap.evolve(coder=first.coder))
    async with reports_open(annotated, (160, 40)) as (pilot, screen):
        await press(pilot, screen, "c")
        rows = {str(r["tag"]): r for r in screen.rows}
        assert rows["tag"]["militarization"] == 1
        assert rows["militarization"]["tag (column)"] == 1
        row = list(rows).index("militarization")
        column = screen.columns.index("tag (column)")
        query, passages = screen.cell_passages(row, column)
        # (militarization/patrols below it: its row counts militarization's own passages)
        assert query == (
            'exactly:"militarization" OVERLAPS "tag" OR "tag" OVERLAPS exactly:"militarization"'
        )
        assert len(passages) == 2 and annotated.ids[0] in {a.id for a in passages}
        # the query lists the cell's passages (it was "militarization" AND "tag": none)
        scope = screen.scope
        assert scope is not None
        test = compile_query(parse_query(query), scope.attributes, passages=scope.carrying)
        assert [a.id for a in scope.annotations if test(a)] == [a.id for a in passages]


async def test_a_cooccurrence_cells_passages_are_titled_by_its_two_codes_and_its_count(
    annotated: Annotated,
) -> None:
    """Enter on a co-occurrence cell (two passages overlapping, one carrying each code: one
    place) opened a view titled "Query" saying "2 passages in 1 document match "militarization"
    AND "tag"": a query no passage matches (none carries both), and not the cell's count."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(annotated.db) as store:
        first = store.get(annotated.ids[0])  # "remilitarize the region": militarization, ...
        assert first is not None
        text = (annotated.corpus / MEXICO.removeprefix("docs_corpus/")).read_text()
        overlap = make_annotation(
            first.document, text, first.start - 10, first.start + 5, first.doc_sha256, ("us",)
        )
        store.add(overlap.evolve(coder=first.coder))
    async with reports_open(annotated, (160, 40)) as (pilot, screen):
        await press(pilot, screen, "c")
        row = [r["tag"] for r in screen.rows].index("militarization")
        screen.table.move_cursor(row, screen.columns.index("us"))
        assert screen.rows[row]["us"] == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
        query = pilot.app.screen
        assert isinstance(query, QueryScreen)
        await wait_until(pilot, lambda: not query.running and bool(query.matches))
        assert query.title == 'Query: "militarization" meets "us" in 1 place'
        status = str(query.query_one("#query-status").render())
        assert status.startswith('2 passages in 1 document where "militarization" meets "us" in 1')
        assert "match" not in status


@pytest.mark.parametrize("view", ["R", "Q"])
async def test_the_view_counts_the_documents_looked_at_while_it_places_the_passages(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """A first look at 10,000 documents takes seconds: the view said only "Placing the coded
    passages…" meanwhile.  It now says how many of how many documents are done."""
    from tui_reader.ui.screens import scope_loading

    monkeypatch.setattr(scope_loading, "PROGRESS_EVERY", 0.0)  # each document said
    owner = ReportsScreen if view == "R" else QueryScreen
    said = record_calls(monkeypatch, owner, "_say")
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press(view)
        await wait_until(pilot, lambda: getattr(app.screen, "scope", None) is not None)
        lines = [str(args[0]) for args in said.args]
        counted = [re.fullmatch(r"Placing the coded passages… (\d+) of (\d+) documents", line)
                   for line in lines]  # fmt: skip
        found = [(int(m[1]), int(m[2])) for m in counted if m is not None]
        assert found, lines
        assert all(1 <= done <= total for done, total in found), found
        assert found[-1][1] >= 2  # every document of the corpus in scope


async def test_on_a_moved_corpus_the_files_read_and_the_passages_placed_are_named_apart(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file moved to a folder: the view said "Placing the coded passages… n of N" for
    the files read to find the moved ones, then again from 0 for the documents placed (the
    report opened before the library's scan found the moved files: it never does here)."""
    from tui_reader.ui.screens import scope_loading
    from tui_reader.ui.widgets.library import Library

    moved = annotated.corpus / "moved"
    moved.mkdir()
    for path in [p for p in annotated.corpus.iterdir() if p.is_file()]:
        path.rename(moved / path.name)
    monkeypatch.setattr(scope_loading, "PROGRESS_EVERY", 0.0)  # each file said
    monkeypatch.setattr(Library, "_relink", lambda *args: None)
    said = record_calls(monkeypatch, ReportsScreen, "_say")
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: getattr(app.screen, "scope", None) is not None)
    lines = [str(args[0]) for args in said.args]
    read = [n for n, line in enumerate(lines) if line.startswith("Reading the files to find")]
    placed = [n for n, line in enumerate(lines) if line.startswith("Placing the coded")]
    assert read and placed and max(read) < min(placed), lines
    assert all(re.fullmatch(r".*… \d+ of \d+ files", lines[n]) for n in read), lines


async def test_a_matrix_at_80_columns_shows_several_documents_named_on_heading_lines(
    annotated: Annotated,
) -> None:
    """At 80x24 the matrix showed one document and a half: each column as wide as its file's
    name (40 cells), the next one cut.  Columns are narrowed for three to show, their
    headings written on up to three lines: both documents' figures and names are in view."""
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        await press(pilot, screen, "m")
        table = screen.table
        await wait_until(pilot, lambda: 0 < table.region.right <= 80)
        await pilot.pause()
        fixed = table._fixed_width()
        lines = table._heading_lines
        assert lines > 1
        heading = [table.render_line(y).text[fixed:] for y in range(lines)]
        words = " ".join(heading).split()
        assert any(w.startswith("mexico-") for w in words), heading
        assert any(w.startswith("us-") for w in words), heading
        for row, values in enumerate(screen.rows):
            figures = [v for k, v in values.items() if k != "tag"]
            line = table.render_line(row + lines).text[fixed:]
            assert len(figures) == 2 and len(line.split()) == 2, (row, line, figures)


async def test_a_matrix_column_wider_than_the_room_left_shows_its_numbers(
    annotated: Annotated,
) -> None:
    """At 80 columns a document's column (its file's name, 40 cells) ran past the edge with
    its numbers, set at its right: the matrix looked empty.  A column is no wider than the
    room beside the codes, its heading cut in the middle.  At 80x24, then 60x20."""
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        await press(pilot, screen, "m")
        table = screen.table
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda w=size[0]: 0 < table.region.right <= w)  # laid out
            await pilot.pause()
            fixed = table._fixed_width()
            for row, values in enumerate(screen.rows):
                line = table.render_line(row + table._heading_lines).text[fixed:]
                first = next(v for k, v in values.items() if k != "tag")
                assert line.split()[:1] == [str(first or "")] or (not first and not line.strip()), (
                    size,
                    row,
                    line,
                )
            # its heading on lines over it, the last line its end
            heading = table.render_line(table._heading_lines - 1).text[fixed:]
            assert heading.split()[0].endswith("agon.txt"), (size, heading)


async def test_annotated_files_gone_are_counted_in_the_heading_not_said_in_toasts(
    tmp_path: Path,
) -> None:
    """Annotated files moved away (a folder of them): the reports (and the query) said each
    in a toast of its own, 'Document not read: /old/path: No such file or directory', again
    each time the view opened, where the heading already said '... left out (file gone)'
    (and the library names the files not here).  The heading counts them; no toast."""
    corpus, db = annotated_files_gone(tmp_path, SAID_AT_MOST + 4)
    app = ReaderApp(corpus, db)
    said: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        if kwargs.get("title") == "Document not read":
            said.append(message)
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("R")
        screen = app.screen
        heading = screen.query_one("#reports-heading", Static)
        await wait_until(pilot, lambda: "left out (file gone)" in str(heading.render()))
        assert f"{SAID_AT_MOST + 4} left out (file gone)" in str(heading.render())
        assert said == []


async def test_a_click_on_a_cell_while_the_next_report_is_computed_reads_no_other_cell(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """c (co-occurrence) pressed, then a click on the frequencies' cursor cell (a passages
    count) while the co-occurrence was computed (seconds at 10,000 documents): the cell was
    read as the new report's, 'militarization AND passages', 'No passages in this cell.'.
    The table shown is the last report's: the click waits for nothing and reads nothing."""
    import threading

    release = threading.Event()
    compute = ReportsScreen.compute

    def slow(
        self: ReportsScreen, kind: str, by: str, depth: int | None
    ) -> tuple[list[dict[str, Any]], int]:
        if kind == "cooccurrence":
            held_until(release)
        return compute(self, kind, by, depth)

    monkeypatch.setattr(ReportsScreen, "compute", slow)
    async with reports_open(annotated, (80, 24)) as (pilot, screen):
        await press(pilot, screen, "l")  # the passages count of the first code
        assert screen.kind == "frequencies" and screen.table.cursor == (0, 1)
        said = len(pilot.app._notifications)
        await pilot.press("c")
        assert screen.computing
        x = screen.table._fixed_width() + 2
        await pilot.click(ReportTable, offset=(x, 1))
        await pilot.pause(0.2)
        release.set()
        await wait_until(pilot, lambda: not screen.computing)
        await pilot.pause()
        assert pilot.app.screen is screen
        assert [n.message for n in list(pilot.app._notifications)[said:]] == []


async def test_the_footer_at_100_columns_keeps_every_report_key_and_help(
    annotated: Annotated,
) -> None:
    """At 100 columns the footer dropped 'b Matrix by document / each attribute', and '? Help'
    after it, for lack of room: b says it in fewer words, and what does not fit is left out
    before the help, the way to every key."""
    async with reports_open(annotated, (100, 30)) as (pilot, _screen):
        await pilot.pause()
        line = "".join(s.text for s in pilot.app.screen._compositor.render_strips()[-1])
        for word in ("esc Close", "f Frequencies", "m Matrix", "c Co-occurrence", "b ", "? Help"):
            assert word in line, (word, line)


SCROLL_AND_HELP = ("j/k Scroll", "? Help")


async def test_the_charts_footer_says_the_keys_that_scroll_them(annotated: Annotated) -> None:
    """The charts under the table scroll by the list's and the page keys, which their
    footer did not say (only their scroll bar showed that they scroll); the table's footer
    keeps the reports' keys."""
    async with reports_open(annotated, (120, 40)) as (pilot, screen):
        charts = screen.query_one("#reports-charts")
        await wait_until(pilot, lambda: charts.display and charts.size.height > 0)
        await pilot.pause()
        assert "Scroll" not in bottom_line(pilot.app)
        charts.focus()
        # (the footer's keys fitted to its width once laid out: the help kept first)
        await wait_until(pilot, lambda: all(w in bottom_line(pilot.app) for w in SCROLL_AND_HELP))
        line = bottom_line(pilot.app)
        for word in ("space Page down", "esc Close"):
            assert word in line, (word, line)


async def test_the_heading_breaks_between_its_parts_never_inside_a_hint(
    annotated: Annotated,
) -> None:
    # At 60 columns Rich broke the heading at a space: "· f m" ended a line and "c: reports"
    # began the next. Each part is whole on a line, again after a resize.
    async with reports_open(annotated, (60, 24)) as (pilot, screen):
        heading = screen.query_one("#reports-heading", Static)
        for width in (60, 90, 47):
            await pilot.resize_terminal(width, 24)
            await wait_until(pilot, lambda w=width: heading.content_size.width == w - 2)
            await pilot.pause()
            lines = [heading.render_line(y).text.strip() for y in range(heading.size.height)]
            assert any("f m c: reports" in line for line in lines), lines
            assert any(line.endswith("enter: the passages of a cell") for line in lines), lines


async def test_a_short_terminal_s_heading_line_ends_with_a_whole_part(
    annotated: Annotated,
) -> None:
    """At 50x15 the heading is one line: the matrix by country at its codes' first level
    said "Matrix · columns by country (b) · codes at their", the report's kind, its columns
    and its codes' depth being one part wrapped at a space."""
    async with reports_open(annotated, (50, 15)) as (pilot, screen):
        await press(pilot, screen, "m", "b", "d")
        assert (screen.kind, screen.by, screen.depth) == ("matrix", "country", 1)
        heading = screen.query_one("#reports-heading", Static)
        await pilot.pause()
        line = heading.render_line(0).text.strip()
        assert line.startswith("Matrix · columns by country (b)"), line
        assert "codes at their" not in line or line.endswith("first level (d)"), line


async def enter_on_a_cell_drills_down_to_its_passages_and_back_the_report_and_cell_stay(
    pilot: Pilot[Any], annotated: Annotated
) -> None:
    """Enter on a cell lists its passages in the query view; enter on one opens it.

    Reading a cell's passages one by one (enter, enter, read, R) meant setting the report
    up again each time: R opened on the frequencies, the cursor on their first cell."""
    screen = await reports_opened(pilot)
    await press(pilot, screen, "m", "b")  # by country: militarization x Mexico
    query = await cell_passages(pilot, screen, 1, 1)
    assert [p.annotation.quote for p in query.matches] == ["remilitarize the region"]
    await pilot.press("enter")
    main = await ready(pilot)
    assert main.pane.key == MEXICO
    assert main.reader.caret == query.matches[0].annotation.start
    again = await reports_opened(pilot)
    assert again is not screen
    assert (again.kind, again.by, again.table.cursor) == ("matrix", "country", (1, 1))
    await pilot.press("escape")  # closed for good: the next R starts afresh
    await ready(pilot)
    fresh = await reports_opened(pilot)
    assert (fresh.kind, fresh.table.cursor) == ("frequencies", (0, 0))


async def back_in_a_cells_passages_the_one_opened_is_under_the_cursor(
    pilot: Pilot[Any], annotated: Annotated
) -> None:
    """Reading a cell's passages one by one (enter, j, enter, read, R, enter) lost the place:
    the cell's list opened on its first passage again, not on the one read; it opens on it."""
    screen = await reports_opened(pilot)
    assert screen.rows[1]["tag"] == "militarization" and screen.rows[1]["passages"] == 2
    screen.table.move_cursor(1, 1)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
    query = pilot.app.screen
    assert isinstance(query, QueryScreen)
    await wait_until(pilot, lambda: not query.running and len(query.matches) == 2)
    await pilot.press("j")
    await pilot.pause()
    second = query.matches[1].annotation
    await pilot.press("enter")
    main = await ready(pilot)
    assert main.reader.caret == second.start
    again = await reports_opened(pilot)
    assert again.table.cursor == (1, 1)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
    back = pilot.app.screen
    assert isinstance(back, QueryScreen) and back is not query
    await wait_until(pilot, lambda: not back.running and len(back.matches) == 2)
    await pilot.pause()
    assert back.passage_list.current is not None
    assert back.passage_list.current.annotation.id == second.id


async def a_cell_of_a_code_with_codes_below_it_says_it_lists_that_code_itself(
    pilot: Pilot[Any], annotated: Annotated
) -> None:
    """Enter on the frequencies of militarization (2 passages; militarization/patrols has a
    row of its own) said "2 passages ... match "militarization"", a query matching 3: a code
    takes the codes below it.  It says the passages coded militarization itself."""
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.query import parse_query

    screen = await reports_opened(pilot)
    assert screen.scope is not None
    tags = [r["tag"] for r in screen.rows]
    row = tags.index("militarization")
    assert "militarization/patrols" in tags
    test = compile_query(parse_query("militarization"), screen.scope.attributes)
    matched = [a for a in screen.scope.annotations if test(a)]
    own = screen.rows[row]["passages"]
    assert len(matched) > own  # the query takes militarization/patrols too
    query = await cell_passages(pilot, screen, row, 1)
    assert len(query.matches) == own
    status = str(query.query_one("#query-status").render())
    assert "match" not in status
    assert status.startswith(f'{own} passages in 2 documents coded "militarization" itself')
    assert query.title == 'Query: "militarization" itself'
    # its query, edited and run, lists them too (it was "militarization": 3)
    assert query.query_text == 'exactly:"militarization"'
    test = compile_query(parse_query(query.query_text), screen.scope.attributes)
    assert len([a for a in screen.scope.annotations if test(a)]) == own


async def a_co_occurrence_s_code_cell_of_a_code_with_codes_below_it_says_itself_too(
    pilot: Pilot[Any], annotated: Annotated
) -> None:
    """In the co-occurrence, enter on a code's own cell (its name, or the diagonal's -) of
    militarization listed its 2 passages and said "2 passages in 2 documents match
    "militarization"", a query matching 3 (militarization/patrols too), as the frequencies'
    cell said before it was told apart.  It says the passages coded militarization itself."""
    screen = await reports_opened(pilot)
    await press(pilot, screen, "c")
    tags = [r["tag"] for r in screen.rows]
    # militarization/patrols meets no code: no row of its own here
    assert "militarization/patrols" not in tags
    row = tags.index("militarization")
    diagonal = 1 + tags.index("militarization")  # the columns: tag, then the codes in order
    for column in (0, diagonal):
        query = await cell_passages(pilot, screen, row, column)
        assert len(query.matches) == 2, column
        status = str(query.query_one("#query-status").render())
        assert status.startswith('2 passages in 2 documents coded "militarization" itself'), (
            column,
            status,
        )
        assert query.title == 'Query: "militarization" itself'
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)


async def a_query_typed_in_a_cells_passages_runs(pilot: Pilot[Any], annotated: Annotated) -> None:
    """A query typed over a report cell's passages (enter) did nothing: the view listed the
    cell's passages alone and never placed the project's, which a query runs over."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    screen = await reports_opened(pilot)
    await press(pilot, screen, "m", "b")  # by country: militarization x Mexico
    query = await cell_passages(pilot, screen, 1, 1)
    assert len(query.matches) == 1
    query.input.focus()
    query.input.value = "militarization"  # in every country, and its subcodes
    await pilot.press("enter")
    with AnnotationStore(annotated.db) as store:
        coded = [
            a
            for a in store.annotations()
            if any(t.split("/")[0] == "militarization" for t in a.tags)
        ]
    assert len(coded) > 1 and len({a.document for a in coded}) == 2
    await wait_until(pilot, lambda: not query.running and len(query.matches) == len(coded))
    assert {p.annotation.id for p in query.matches} == {a.id for a in coded}
    assert str(query.query_one("#query-status").render()) == (
        f"{len(coded)} passages in 2 documents match militarization"
    )


async def d_counts_each_parent_code_whole_and_its_cell_lists_those_passages(
    pilot: Pilot[Any], annotated: Annotated
) -> None:
    """militarization and militarization/patrols were rows apart, with no total of
    militarization as a whole: d takes the codes at their first level, each passage once
    (the one carrying militarization and policy/border too), in every report, and enter on
    a cell lists the passages it counts; d again, each code apart."""
    screen = await reports_opened(pilot)
    await press(pilot, screen, "d")
    assert screen.depth == 1
    assert [(r["tag"], r["passages"]) for r in screen.rows] == [
        ("migration", 1),
        ("militarization", 3),
        ("policy", 1),
    ]
    heading = " ".join(str(screen.query_one("#reports-heading").render()).split())
    assert "codes at their first level (d)" in heading
    await press(pilot, screen, "m", "b")  # by country
    assert screen.rows[1] == {"tag": "militarization", "Mexico": 2, "USA": 1}
    await press(pilot, screen, "c")
    assert screen.rows == [
        {"tag": "militarization", "policy": 1},
        {"tag": "policy", "militarization": 1},
    ]
    await press(pilot, screen, "f")
    query = await cell_passages(pilot, screen, 1, 1)
    assert len(query.matches) == 3
    status = " ".join(str(query.query_one("#query-status").render()).split())
    assert '"militarization"' in status and "itself" not in status  # and the codes below
    await pilot.press("escape")
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    await press(pilot, screen, "d")  # no code is three levels deep: each apart again
    assert screen.depth is None
    assert [r["tag"] for r in screen.rows][1:3] == ["militarization", "militarization/patrols"]


# The cases of a cell's passages, each from the reports opened afresh on the app of the
# annotated corpus: one app for them all, back on the main screen between them.
CELLS = [
    enter_on_a_cell_drills_down_to_its_passages_and_back_the_report_and_cell_stay,
    back_in_a_cells_passages_the_one_opened_is_under_the_cursor,
    a_cell_of_a_code_with_codes_below_it_says_it_lists_that_code_itself,
    a_co_occurrence_s_code_cell_of_a_code_with_codes_below_it_says_itself_too,
    a_query_typed_in_a_cells_passages_runs,
    d_counts_each_parent_code_whole_and_its_cell_lists_those_passages,
]


async def test_the_cells_passages_each_in_turn_on_one_app(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cases above in turn, after the first: a report reads each passage's document,
    place and codes: the scope's passages kept as records are not built as annotations for it
    (100,000 built took seconds), and a cell's passages builds only those carrying its code."""
    from tui_reader.core.analysis.scope import Scope

    carrying = record_calls(monkeypatch, Scope, "carrying")
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = await reports_opened(pilot)
        assert screen.scope is not None
        assert "4 coded passages in 2 of 2 documents" in str(
            screen.query_one("#reports-heading").render()
        )
        await press(pilot, screen, "m", "b", "c")
        assert screen.rows[0]["policy/border"] == 1
        assert carrying.args == []
        await press(pilot, screen, "m")
        await cell_passages(pilot, screen, 1, 1)
        assert carrying.args == [(frozenset({"militarization"}),)]

        async def back_to_the_main_screen() -> None:
            while app.screen is not main:
                await pilot.press("escape")
                await pilot.pause()
            await ready(pilot)

        await back_to_the_main_screen()
        await in_turn(CELLS, back_to_the_main_screen, pilot, annotated)


async def test_a_move_typed_before_the_first_report_is_shown_is_kept(
    annotated: Annotated,
) -> None:
    """R, j, enter typed in one burst listed the passages of the first row's code, not the
    second's: the j reached the table before the first report was shown, an empty table
    where the cursor could not move, and enter, kept for the report shown, took its first
    row; l, G and a page down the same."""
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await burst(pilot, ["R", "j", "enter"])
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
        query = pilot.app.screen
        assert isinstance(query, QueryScreen)
        screen = pilot.app.screen_stack[-2]
        assert isinstance(screen, ReportsScreen)
        assert screen.table.cursor == (1, 0)
        # (the second row's code, exactly:"militarization" when it has codes below it)
        assert query.query_text.removeprefix("exactly:") == f'"{screen.rows[1]["tag"]}"'
    table = ReportTable()
    table.action_cursor_down()
    table.action_cursor_right()
    table.action_last()
    assert table.cursor[0] > 1_000 and table.cursor[1] == 1  # for the table shown next


async def test_the_coverage_chart_names_the_documents_as_the_matrix_does(
    tmp_path: Path,
) -> None:
    """With the database beside the corpus folder (a study's `--db` one level up), the
    matrix headed its columns by file name, `a.txt`, but the coverage chart under it
    named the same documents by their database key, `study/interviews/a.txt`: two names
    for one document on one screen, the longer taking the bars' width. The chart names
    each as the matrix does, with folders only where two share a name."""
    corpus = tmp_path / "study"
    for name in ("interviews/a.txt", "news/b.txt", "news/x/c.txt", "news/y/c.txt"):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text("Border security and funding for shelters.\n")
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        for name in ("interviews/a.txt", "news/b.txt", "news/x/c.txt", "news/y/c.txt"):
            on_phrases(store, corpus / name, ["funding"], ("funding",))
    app = ReaderApp(corpus, db, corpus / "interviews" / "a.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot, app)
        await press(pilot, screen, "m")
        assert screen.table.grid is not None
        headings = list(screen.table.grid.headings[1:])
        chart = str(screen.query_one("#reports-chart").render())
        for shown in ("a.txt", "b.txt", "x/c.txt", "y/c.txt"):
            assert shown in headings, headings
            assert re.search(rf"^{re.escape(shown)} ", chart, re.MULTILINE), chart
        assert "study/" not in chart and "news/" not in chart


async def test_the_coverage_chart_names_documents_as_the_matrix_does(
    annotated: Annotated,
) -> None:
    """The chart of coverage per document named each by its key in the database
    ("docs_corpus/mexico-hos…tagon.txt", or "../../../…" for a database kept far from its
    corpus), where the matrix's columns name the file: it names them as the matrix does."""
    async with reports_open(annotated, (120, 40)) as (pilot, screen):
        await press(pilot, screen, "m")
        chart = str(screen.query_one("#reports-chart").render())
        lines = chart.split("Coverage per document", 1)[1].splitlines()[1:]
        named = [line.split()[0] for line in lines if line.strip()]
        assert named, chart
        assert not any("docs_corpus" in name for name in named), chart
        headings = screen.table.grid.headings[1:]
        assert all(any(h.startswith(n.split("…")[0]) for h in headings) for n in named), (
            named,
            headings,
        )


async def test_r_on_a_cells_passages_goes_back_to_the_cell(annotated: Annotated) -> None:
    """The README says of a cell's passages "`R` again comes back to the cell": ``R`` on them
    typed ``R`` into their query instead ("R" at its end, the view still open). It goes back
    to the reports, the cursor on that cell; with the query field focused (``/``), ``R`` is
    still typed there, and on the query view opened with ``Q`` it still refines the query."""
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await reports_opened(pilot)
        query = await cell_passages(pilot, screen, 1, 0)
        typed = query.input.value
        await pilot.press("slash", "R")
        await pilot.pause()
        assert query.input.value == typed + "R"  # the field has the focus: a letter of the query
        await pilot.press("escape")  # back to the passages, the query as it was
        await pilot.pause()
        assert query.passage_list.has_focus and query.input.value == typed
        await pilot.press("R")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        assert query.input.value == typed
        assert screen.table.cursor == (1, 0)
        await pilot.press("escape")
        await ready(pilot)
        own = await query_view_opened(pilot)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not own.running and own.passage_list.has_focus)
        await pilot.press("R")
        await pilot.pause()
        assert pilot.app.screen is own and own.input.value == "militarizationR"


async def test_the_help_lists_r_only_where_it_goes_back_to_a_cell(annotated: Annotated) -> None:
    """The help of the query view opened with ``Q`` listed "R Back to the report's cell",
    though ``R`` there goes on to the query (its footer leaves it out): the help lists ``R``
    over a report cell's passages, where it goes back, and not over a query's own."""
    from tui_reader.ui.screens.help import HelpScreen

    def help_of(query: QueryScreen) -> dict[str, str]:
        """``?`` over ``query``'s passages: its help's Query rows, description -> keys."""
        assert query.passage_list.has_focus
        return {words: keys for keys, words in collect_bindings(query)["Query"]}

    async def help_opened() -> dict[str, str]:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        shown = pilot.app.screen
        assert isinstance(shown, HelpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, HelpScreen))
        return {words: keys for keys, words in shown.groups["Query"]}

    back = "Back to the report's cell (its passages listed from the reports)"
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await reports_opened(pilot)
        cell = await cell_passages(pilot, screen, 1, 0)
        await wait_until(pilot, lambda: cell.passage_list.has_focus)
        assert help_of(cell).get(back) == "R"
        assert (await help_opened()).get(back) == "R"
        await pilot.press("escape")  # the passages closed: the reports
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("escape")
        await ready(pilot)
        own = await query_view_opened(pilot)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not own.running and own.passage_list.has_focus)
        assert back not in help_of(own)
        listed = await help_opened()
        assert back not in listed and "Edit the query" in " ".join(listed), listed


async def test_keys_typed_behind_enter_on_a_report_not_shown_yet_go_to_the_cells_passages(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R, j, enter, R typed in one burst left the cell's passages open: the enter waited for
    the report to be shown, and the R behind it, which goes back to the cell, reached the
    table meanwhile, where it means nothing, and was lost.  The keys behind that enter go to
    the passages it lists: R goes back to the cell."""
    back = record_calls(monkeypatch, ReportsScreen, "_drilled")  # the passages closed
    app = analysis_app(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await burst(pilot, ["R", "j", "enter", "R"])
        await wait_until(pilot, lambda: back.args == [(None,)])
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReportsScreen))
        screen = pilot.app.screen
        assert isinstance(screen, ReportsScreen)
        assert screen.table.cursor == (1, 0)
        assert [type(s) for s in pilot.app.screen_stack][1:] == [ReportsScreen]


async def test_a_matrix_cut_to_its_most_coded_columns_counts_the_documents_as_elsewhere(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a corpus of 10,000 documents the matrix said "the 200 with most passages of 10000",
    beside "100,000 coded passages in 10,000 of 10,000 documents": the count is written with
    its thousands set apart, as the heading's other figures are."""
    from tui_reader.ui.screens import reports

    monkeypatch.setattr(reports, "MAX_COLUMNS", 1)
    for n in range(1000):
        (annotated.corpus / f"uncoded-{n:04}.txt").write_text(f"Nothing coded here, {n}.\n")
    async with reports_open(annotated, (160, 40)) as (pilot, screen):
        await press(pilot, screen, "m")
        heading = str(screen.query_one("#reports-heading").render())
        assert re.search(r"the 1 with most passages of \d,\d{3}\b", heading), heading
