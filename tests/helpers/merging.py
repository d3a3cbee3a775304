"""The app's merge dialog driven as a user drives it: ``I``, a colleague's file pasted,
``enter`` for the plan, ``enter`` again to merge."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from helpers.app import pasted, wait_until, workers_done
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.merge_dialog import MergeDialog


def plan_line(app: ReaderApp) -> str:
    """What the merge dialog says it would do (or is doing)."""
    return str(app.screen.query_one("#merge-plan", Static).render())


async def merge_planned(pilot: Pilot[object], app: ReaderApp, theirs: Path) -> str:
    """``I`` opens the merge, ``theirs`` is pasted and ``enter`` pressed; waits for the plan
    and gives it (nothing merged yet)."""
    await pilot.press("I")
    await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
    await pasted(pilot, str(theirs))
    await pilot.press("enter")
    await wait_until(pilot, lambda: "enter merges" in plan_line(app))
    return plan_line(app)


async def merge_confirmed(pilot: Pilot[object], app: ReaderApp, said: list[str]) -> str:
    """``enter`` on the plan merges: waits for the notice ``said`` gets and for the app's
    workers, and gives the notice."""
    await pilot.press("enter")
    await wait_until(pilot, lambda: any(s.startswith("Merged") for s in said))
    await workers_done(app)
    return next(s for s in said if s.startswith("Merged"))
