"""The library shows how much of each document is coded, and filters by attributes
(``country=USA``) as well as by words."""

from __future__ import annotations

from helpers.analysis import analysis_app
from helpers.app import ready
from helpers.passages import MEXICO, US, Annotated
from textual.widgets import Input

from tui_reader.core.analysis.reports import coverage_by_document
from tui_reader.ui.widgets.library import _cell


async def test_coverage_and_attribute_filter(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        library = main.library
        mexico = library.entry(MEXICO)
        assert mexico is not None and mexico.attribute("country") == "Mexico"
        placed = main.workspace.anchored(MEXICO)
        expected = coverage_by_document(placed, {MEXICO: mexico.length})[MEXICO]
        assert mexico.coverage == expected > 0
        row = str(_cell(mexico, 80))  # as a row of a wide library shows it
        assert f"3 annotations · {expected * 100:.0f}% coded" in row
        filter_input = library.query_one("#library-filter", Input)
        for query, shown in [
            ("country=USA", [US]),
            ("country=mexico OR country=USA", [MEXICO, US]),
            ("words>1000", [MEXICO]),  # the format's attributes too
            ("NOT country=Mexico", [US]),
            ("southcom", [MEXICO]),  # words, as before
            ("country=(", [MEXICO, US][:0]),  # a filter being typed: words meanwhile
        ]:
            filter_input.value = query
            await pilot.pause()
            assert [str(k.value) for k in library.table.rows] == shown, query
