"""The reading view's paragraph and sentence keys in a table (a survey kept as a CSV, a row a
respondent): ``}`` and ``{`` go a row at a time, ``)`` a cell's sentence at a time, ``p``
selects the row and ``s`` the sentence in its cell, as autocode, agreement and a query's
distances cut them."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, reader_focused, wait_until

SURVEY = "ID,Answer\n1,The park is quiet. I like it.\n2,Too noisy.\n3,More benches.\n"


async def test_curly_brackets_go_row_by_row_and_p_selects_a_row(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "survey"
    corpus.mkdir()
    (corpus / "survey.csv").write_text(SURVEY, encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "survey.csv")
    async with app.run_test(size=(100, 30)) as pilot:
        _screen, reader = await reader_focused(pilot)
        await wait_until(pilot, lambda: reader.document is not None)
        text = reader.document.text  # type: ignore[union-attr]
        rows = text.split("\n")
        starts = [text.index(row) for row in rows]
        reader.move_caret(0)
        for start in starts[1:]:
            await pilot.press("right_curly_bracket")
            assert reader.caret == start, text[reader.caret :][:20]
        for start in reversed(starts[:-1]):
            await pilot.press("left_curly_bracket")
            assert reader.caret == start, text[reader.caret :][:20]
        reader.move_caret(text.index("park"))
        await pilot.press("p")
        assert text[slice(*reader.selection or (0, 0))] == rows[1]
        await pilot.press("escape")
        reader.move_caret(text.index("The park"))
        await pilot.press("right_parenthesis")
        assert text[reader.caret :].startswith("I like it.")
        await pilot.press("right_parenthesis")
        assert text[reader.caret :].startswith("2 │")
        reader.move_caret(text.index("noisy"))
        await pilot.press("s")
        assert text[slice(*reader.selection or (0, 0))] == "Too noisy."
