"""A dialog's refusal to save is said once, on the dialog's own error line, where the user
is looking: at 80x24 a "Not saved" notification said it a second time and covered the right
half of that line and the box's bottom edge for ten seconds."""

from __future__ import annotations

from helpers.app import (
    AppFactory,
    notices_titled,
    pasted,
    reader_focused,
    terminal_lines,
    wait_until,
)
from textual.widgets import Static

from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.document_details import DocumentDetails


async def test_a_refused_code_name_is_said_on_the_dialog_s_line_alone_at_80x24(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_focused(pilot)
        said = notices_titled(app)
        await pilot.press("s", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        dialog = app.screen
        await pasted(pilot, "bor\u200bder")  # an invisible character in the code's name
        await pilot.press("enter")
        line = dialog.query_one("#annotate-error", Static)
        await wait_until(pilot, lambda: "Not saved" in str(line.render()))
        await pilot.pause()
        assert app.screen is dialog  # stays open with what was typed
        assert "U+200B" in str(line.render())
        assert [s for s in said if "bad tag name" in s[1]] == []
        # the line is not covered: its start and its end both show on the terminal
        shown = "".join(terminal_lines(app)).replace(" ", "")
        assert "Notsaved:badtagname" in shown


async def test_a_refused_attribute_is_said_on_the_details_line_alone_and_gone_once_saved(
    make_app: AppFactory,
) -> None:
    """Said as a notification too, the refusal stayed ten seconds beside the line saying the
    corrected attribute was set."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_focused(pilot)
        said = notices_titled(app)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        status = app.screen.query_one("#details-status", Static)
        await pilot.press(*"=x", "enter")  # no attribute name: refused
        await wait_until(pilot, lambda: "Not saved" in str(status.render()))
        await pilot.press("ctrl+u", *"wave=2", "enter")
        store = app.workspace.store
        await wait_until(pilot, lambda: any("wave" in a for a in store.attributes().values()))
        await wait_until(pilot, lambda: "Not saved" not in str(status.render()))
        assert isinstance(app.screen, DocumentDetails)
        assert [s for s in said if s[0] == "Not saved" or "Not saved" in s[1]] == []
