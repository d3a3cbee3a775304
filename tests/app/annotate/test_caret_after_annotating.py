"""After saving a new annotation the caret is inside it, so the details show what was made."""

from __future__ import annotations

from pathlib import Path

from helpers.annotations import add_tags
from helpers.app import AppFactory, opened, side_details

from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_saving_from_the_dialog_leaves_the_caret_in_the_new_annotation(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s")
        start, end = reader.selection or (0, 0)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        await pilot.press(*"militarization", "enter")
        await pilot.pause()
        assert start <= reader.caret < end
        details = await side_details(pilot)
        assert details.annotation is not None
        assert (details.annotation.start, details.annotation.end) == (start, end)


async def test_tagging_a_selection_with_a_number_leaves_the_caret_in_it(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    add_tags(app.workspace.store, ["militarization"])
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s")
        start, end = reader.selection or (0, 0)
        await pilot.press("1")
        await pilot.pause()
        assert start <= reader.caret < end
        details = await side_details(pilot)
        assert details.annotation is not None and details.annotation.tags == ("militarization",)


async def test_n_after_coding_a_hit_s_sentence_goes_on_to_the_next_hit(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """A hit coded in its sentence (/Pentagon, n, s, a, a code, enter) left the caret at the
    sentence's start, before the hit: n then went to that hit again ("hit 2/5" once more),
    and a researcher coding hit after hit pressed it twice each time.  The caret is left on
    the hit, inside the new passage, and n goes on; so too after a code's number key."""
    from helpers.app import status_text, wait_until

    from tui_reader.ui.screens.main import MainScreen

    app = make_app(open_file=corpus_copy / DOC)
    add_tags(app.workspace.store, ["plan"])
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        text = reader.document.text
        hits = [i for i in range(len(text)) if text.startswith("Pentagon", i)]
        assert len(hits) >= 4
        await pilot.press("slash", *"Pentagon", "enter")
        await wait_until(pilot, lambda: reader.caret == hits[0] and reader.has_focus)
        await pilot.press("n")
        for step, code in enumerate(("dialog", "key")):
            await wait_until(pilot, lambda step=step: reader.caret == hits[step + 1])
            await pilot.press("s")
            start, end = reader.selection or (0, 0)
            assert start < hits[step + 1] < end
            if code == "dialog":
                await pilot.press("a")
                await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
                await pilot.press(*"plan", "enter")
                await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
            else:
                await pilot.press("1")
            await wait_until(pilot, lambda: reader.selection is None)
            await pilot.pause()
            assert start <= reader.caret < end, code  # in the new passage: its details shown
            await pilot.press("n")
            await wait_until(pilot, lambda step=step: reader.caret != hits[step + 1])
            assert reader.caret == hits[step + 2], (code, status_text(app.screen))
