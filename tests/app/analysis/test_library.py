"""The library shows how much of each document is coded, and filters by attributes
(``country=USA``) as well as by words, or by both at once."""

from __future__ import annotations

from helpers.analysis import analysis_app
from helpers.app import ready, wait_until
from helpers.passages import MEXICO, US, Annotated
from textual.widgets import Input

from tui_reader.core.analysis.coverage import coverage_by_document
from tui_reader.ui.widgets.library_entry import row_text


async def test_coverage_and_attribute_filter(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        library = main.library
        mexico = library.entry(MEXICO)
        assert mexico is not None
        placed = main.workspace.anchored(MEXICO)
        expected = coverage_by_document(placed, {MEXICO: mexico.length})[MEXICO]
        assert mexico.coverage == expected > 0
        row = row_text(mexico, 80).plain  # as a row of a wide library shows it
        assert f"3 annotations · {expected * 100:.0f}% coded" in row
        other = library.entry(US)
        assert other is not None and 0 < other.coverage < mexico.coverage
        library.action_filter()  # "/": the field is mounted when first opened
        filter_input = library.query_one("#library-filter", Input)
        for query, shown in [
            ("country=USA", [US]),
            ("country=mexico OR country=USA", [MEXICO, US]),
            ("words>1000", [MEXICO]),  # the format's attributes too
            ("NOT country=Mexico", [US]),
            ("southcom", [MEXICO]),  # words, as before
            ("country=USA southcom", []),  # both: an attribute and a word of the title
            ("country=Mexico southcom", [MEXICO]),
            ("country=(", []),  # a filter being typed: words meanwhile
            ("doc:US-*", [US]),  # a document's name in another case, as a query takes it
        ]:
            filter_input.value = query
            said = f"{len(shown)} of 2" if shown else "no document matches"
            # (the count is fitted to the field's width once it is drawn: waited for)
            await wait_until(
                pilot,
                lambda shown=shown, said=said: (
                    library.table.keys == shown and filter_input.border_subtitle == said
                ),
            )
            assert library.table.keys == shown, query
            assert filter_input.border_subtitle == said, query  # why a list is empty
        filter_input.value = ""
        await pilot.pause()
        assert library.table.keys == [MEXICO, US] and filter_input.border_subtitle == ""


async def test_coverage_follows_new_coding(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        before = main.library.entry(MEXICO)
        assert before is not None
        main.reader.focus()
        await pilot.press("g", "p", "1")  # the first paragraph, tagged with the first code
        await wait_until(
            pilot, lambda: (e := main.library.entry(MEXICO)) is not None and e.annotations == 4
        )
        after = main.library.entry(MEXICO)
        assert after is not None and after.coverage > before.coverage


async def test_attributes_set_elsewhere_reach_the_filter(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        library = main.library
        library.action_filter()
        library.query_one("#library-filter", Input).value = "wave=2"
        await pilot.pause()
        assert library.table.keys == []
        main.workspace.store.set_attributes([(US, {"wave": 2})])
        await wait_until(pilot, lambda: library.table.keys == [US])


async def _said_and_taken_back(
    annotated: Annotated, typed: str, why: str, mended: str, shown: list[str]
) -> None:
    """The library's filter ``typed``: no document listed and ``why`` said; then ``mended``:
    the documents ``shown`` listed, and ``why`` said no more."""
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        library = (await ready(pilot)).library
        library.action_filter()
        filter_input = library.query_one("#library-filter", Input)
        filter_input.value = typed

        def said() -> list[str]:
            return [n.message for n in app._notifications]

        await wait_until(pilot, lambda: why in said())
        assert library.table.keys == []
        filter_input.value = mended
        await wait_until(pilot, lambda: library.table.keys == shown)
        assert why not in said()


async def test_a_filter_matching_nothing_for_a_value_not_of_its_type_says_why(
    annotated: Annotated,
) -> None:
    """``words>abc`` in the library's filter said "no document matches" alone, where
    ``query --where`` says words holds numbers: the app says it too, and takes it back once
    the filter is mended."""
    why = "words>abc: words holds numbers and 'abc' is not one, so no document matches it"
    await _said_and_taken_back(annotated, "words>abc", why, "words>10", [MEXICO, US])


async def test_a_filter_on_an_attribute_no_document_has_says_so(annotated: Annotated) -> None:
    """``contry=mexico`` (a typo) in the library's filter said "no document matches" alone,
    which looked like an answer (no Mexican documents), where the query view says no document
    has the attribute 'contry' and names 'country': the filter says it too, and takes it back
    once the filter is mended."""
    why = (
        "contry=mexico: no document here has the attribute 'contry', so no document "
        "matches it (did you mean 'country'?)"
    )
    await _said_and_taken_back(annotated, "contry=mexico", why, "country=mexico", [MEXICO])
