"""A dialog's "Not saved" notification is taken back once what it refused is saved: it stayed
for ten seconds beside the dialog's own line saying the correction was saved."""

from __future__ import annotations

from helpers.app import AppFactory, reader_focused, wait_until

from tui_reader.ui.screens.document_details import DocumentDetails


async def test_a_refused_attribute_corrected_and_saved_leaves_no_not_saved_notice(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_focused(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails))
        await pilot.press(*"=x", "enter")  # no attribute name: refused
        refusals = lambda: [n for n in app._notifications if n.title == "Not saved"]  # noqa: E731
        await wait_until(pilot, lambda: bool(refusals()))
        await pilot.press("ctrl+u", *"wave=2", "enter")
        store = app.workspace.store
        await wait_until(pilot, lambda: any("wave" in a for a in store.attributes().values()))
        assert isinstance(app.screen, DocumentDetails)
        assert refusals() == []
