"""A part one line high (the line under the text for the annotation under the caret, the
annotate dialog's line of new and matching tags) cuts what does not fit with an ellipsis.
Two codes, the second long, showed the first alone: the second went to a second line, out of
view, with nothing to say that more was there."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready, screen_opened_by, wait_until
from textual.widgets import Input, Static

from tui_reader.cli.main import main
from tui_reader.ui.reading_pane.details import AnnotationSummary
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
LONG = "a-very-long-code-name-that-goes-on-and-on-and-on-forever-and-ever-without-end"


async def test_a_long_code_is_cut_on_the_line_not_hidden_under_it(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    argv = ["annotate", str(corpus_copy / DOC), "--quote", "Pentagon plan"]
    argv += ["--tag", "Ünïcödé/日本語のコード", "--tag", LONG, "--note", "a note", "--db", str(db)]
    assert main([*argv, "--corpus", str(corpus_copy)]) == 0
    app = make_app(open_file=corpus_copy / DOC, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        text = screen.reader.document.text  # type: ignore[union-attr]
        screen.reader.move_caret(text.index("Pentagon plan") + 2, select=False)
        await wait_until(pilot, lambda: bool(screen.query(AnnotationSummary)))
        summary = screen.query_one(AnnotationSummary)
        await wait_until(pilot, lambda: summary.display and summary.size.width > 0)
        await pilot.pause()
        line = summary.render_line(0).text
        assert "日本語のコード" in line and "a-very-long-code" in line, line
        assert line.rstrip().endswith("…"), line


async def test_the_new_tags_line_is_cut_not_hidden(make_app: AppFactory, corpus_copy: Path) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await wait_until(pilot, lambda: isinstance(app.focused, Input))  # focused once laid out
        field = app.focused
        assert isinstance(field, Input)
        # As pasted: the line's cut is the point, not the typing (95 keys, each waited for).
        field.insert_text_at_cursor(f"Ünïcödé/日本語のコード, {LONG}")
        matches = dialog.query_one("#annotate-matches", Static)
        await wait_until(pilot, lambda: "new tags" in str(matches.render()))
        await pilot.pause()
        line = matches.render_line(0).text
        assert "日本語のコード" in line and "a-very-long-code" in line, line
        assert line.rstrip().endswith("…"), line
