"""An orphan whose file is still there, its passage edited away and written in another
file: it could be re-attached only in its own document. ``m`` on it in the annotations
panel takes it to every document's panel, where ``r`` places it on the passage selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import ready, wait_until
from helpers.orphans import r_places_it_in_mexico_and_u_takes_it_back
from helpers.passages import MEXICO, US, Annotated

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp

SIZE = (120, 40)


def _on(current: Annotation | None, wanted: str) -> bool:
    """Whether the panel's cursor is on the annotation ``wanted`` (keys are taken in turn)."""
    return current is not None and current.id == wanted


@pytest.mark.parametrize("saved_meanwhile", [False, True], ids=["as-carried", "saved-meanwhile"])
async def test_m_takes_an_orphan_to_another_document_where_r_places_it(
    annotated: Annotated, saved_meanwhile: bool
) -> None:
    """A document whose annotations were all orphans also opened its panel with the cursor
    on the orphans' heading, which cannot be chosen: r and m did nothing and said nothing.
    The cursor is on the first orphan, m carries it, r places it in another document.

    ``saved_meanwhile``: the app's own re-anchoring saved the orphan's state (a revision
    more) after the panel took its copy, as it does now and then when it lands late: r was
    refused, "another tui-reader changed this annotation meanwhile", which no other did."""
    us = annotated.corpus / Path(US).name
    us.write_text(us.read_text().replace("bolster militarism", "strengthen armies"))
    with AnnotationStore(annotated.db) as store:
        [lost] = [a for a in store.annotations() if a.document == US]
    app = ReaderApp(annotated.corpus, annotated.db, us)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        pane = main.pane
        await wait_until(pilot, lambda: any(a.status == AnchorStatus.ORPHAN for a in pane.placed))
        main.reader.focus()
        await pilot.press("A")  # its only annotation, an orphan: the cursor is on it
        await wait_until(pilot, lambda: _on(pane.panel.current, lost.id))
        await pilot.press("m")
        await wait_until(pilot, lambda: [a.id for a in pane.carried] == [lost.id])
        await pilot.press("escape")
        await wait_until(pilot, lambda: pane.reader.has_focus)
        await pilot.press("less_than_sign")  # the Mexico document
        await wait_until(pilot, lambda: pane.key == MEXICO and len(pane.placed) == 3)
        reader = pane.reader
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("remilitarize the region"), select=False)
        await pilot.press("s", "A", "G")
        await wait_until(pilot, lambda: _on(pane.panel.current, lost.id))
        if saved_meanwhile:  # as the app's placing saves it: its place kept, a revision more
            store = app.workspace.store
            stored = store.get(lost.id)
            assert stored is not None
            assert store.replace_if_unchanged([(stored, stored.evolve(prefix="x"))])
        await r_places_it_in_mexico_and_u_takes_it_back(pilot, app, pane, annotated.db, lost)
    with AnnotationStore(annotated.db) as store:
        back = store.get(lost.id)
    assert back is not None and back.document == US
