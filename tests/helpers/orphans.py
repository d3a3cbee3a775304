"""Helpers of the orphan tests: the US article's coded passage carried to the Mexico article."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from helpers.app import wait_until
from helpers.passages import MEXICO
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.reading_pane import ReadingPane


async def r_places_it_in_mexico_and_u_takes_it_back(
    pilot: Pilot[int], app: App[int], pane: ReadingPane, db: Path, lost: Annotation
) -> None:
    """``r`` on the orphan ``lost``, carried to the Mexico article's panel with
    "remilitarize the region" selected: it is placed there (same id, codes and coder,
    anchored); ``esc`` then ``u`` undoes it."""
    await pilot.press("r")
    await wait_until(pilot, lambda: not pane.carried)
    with AnnotationStore(db) as store:
        moved = store.get(lost.id)
    assert moved is not None and moved.document == MEXICO
    assert moved.status == AnchorStatus.ANCHORED
    assert (moved.tags, moved.coder) == (lost.tags, lost.coder)
    assert "remilitarize the region" in moved.quote
    await pilot.press("escape", "u")
    await wait_until(pilot, lambda: "Undone" in str(list(app._notifications)))
