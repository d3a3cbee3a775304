"""The codebook's counts right after its own rename, merge or delete.

After renaming a code on 19,000 of a big project's 100,000 passages, every count of the tree
showed "…" for about three seconds, and the renamed code "0 passages in 0 documents": they
were read again from every annotation.  The edit's effect on the codes last counted gives
them at once; the passages' codes follow from the worker, which still reads them all."""

from __future__ import annotations

import threading

import pytest
from helpers.app import wait_until
from helpers.passages import Annotated
from helpers.threads import held_until
from textual.widgets import Input

from tui_reader.core.codebook.names import is_within
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog

from .test_codebook_screen import make, open_codebook, select


def _recount_held(screen: CodebookScreen) -> threading.Event:
    """The counts worker's read of every annotation held until the event is set (a seam
    for the seconds it takes at 100,000)."""
    released = threading.Event()
    visible = screen._visible

    def held() -> list:  # type: ignore[type-arg]
        held_until(released)
        return visible()

    screen._visible = held  # type: ignore[method-assign]
    return released


@pytest.mark.parametrize(
    ("key", "typed", "shown", "total"),
    [("r", "armed forces", "armed forces", 3), ("m", "migration", "migration", 4)],
)
async def test_a_rename_or_merge_shows_the_counts_at_once(
    annotated: Annotated, key: str, typed: str, shown: str, total: int
) -> None:
    app = make(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        before = {n.path: n.total for top in screen.nodes for n in top.walk()}
        released = _recount_held(screen)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        app.screen.query_one(Input).value = typed
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen and screen.selected == shown)
        await pilot.pause()
        node = screen.node(shown)
        assert not screen.counting, "the counts shown as … until every annotation was read"
        assert node is not None and node.total == total, before
        assert screen.node("militarization") is None
        assert f"{total} passages" in str(screen.counts.render())
        assert not released.is_set()
        released.set()
        await wait_until(pilot, lambda: not screen.retagging)
        node = screen.node(shown)
        assert node is not None and node.total == total  # the worker's count agrees
        assert len(screen.passage_list.passages) == total


async def test_a_delete_shows_the_counts_at_once(annotated: Annotated) -> None:
    app = make(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_codebook(pilot)
        await select(pilot, screen, "militarization")
        released = _recount_held(screen)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(
            pilot, lambda: app.screen is screen and screen.node("militarization") is None
        )
        await pilot.pause()
        assert not screen.counting, "the counts shown as … until every annotation was read"
        assert not released.is_set()
        released.set()


@pytest.mark.parametrize(
    ("keys", "shown", "gone"),
    [
        (("u",), "militarization", "armed forces"),
        (("u", "ctrl+r"), "armed forces", "militarization"),
    ],
)
async def test_an_undo_or_redo_shows_the_counts_at_once(
    annotated: Annotated, keys: tuple[str, ...], shown: str, gone: str
) -> None:
    """After ``u`` (or ``ctrl+r``) of a rename on 19,000 passages, every count showed "…"
    until every annotation was read again: the step's own changes give them at once."""
    app = make(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_codebook(pilot)
        store = screen.workspace.store
        before = {n.path: n.total for top in screen.nodes for n in top.walk()}
        store.rename_tag("militarization", "armed forces")
        if len(keys) > 1:
            store.undo()
        screen.after_change(None)
        await wait_until(pilot, lambda: not screen.counting and not screen.retagging)
        released = _recount_held(screen)
        await pilot.press(keys[-1])
        await wait_until(pilot, lambda: screen.node(shown) is not None)
        await pilot.pause()
        assert not screen.counting, "the counts shown as … until every annotation was read"
        counts = {n.path: n.total for top in screen.nodes for n in top.walk()}
        assert counts.get(shown) == before["militarization"] == 3
        assert gone not in counts or counts[gone] == 0
        assert not released.is_set()
        released.set()
        await wait_until(pilot, lambda: not screen.retagging and not screen.counting)
        # every count shown at once is the one read from every annotation
        assert {n.path: n.total for top in screen.nodes for n in top.walk()} == counts


@pytest.mark.parametrize(("keys", "total"), [(("u",), 1), (("u", "ctrl+r"), 4)])
async def test_an_undone_or_redone_merge_lists_no_passage_it_moved(
    annotated: Annotated, keys: tuple[str, ...], total: int
) -> None:
    """After ``u`` of a merge of a code on 3,893 passages into one on 3,892, the list under
    the second kept the 7,695 merged passages (their codes as before the undo) for seconds,
    under "3,892 passages, listed in a moment…": right as soon as the undo is said, or
    empty until the passages' codes are read again."""
    app = make(annotated)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_codebook(pilot)
        store = screen.workspace.store
        store.merge_tags("militarization", "migration")
        if len(keys) > 1:
            store.undo()
        screen.after_change("migration")
        await select(pilot, screen, "migration")
        await wait_until(pilot, lambda: not screen.counting and not screen.retagging)
        assert len(screen.passage_list.passages) == 5 - total
        released = _recount_held(screen)
        await pilot.press(keys[-1])
        await pilot.pause()
        node = screen.node("migration")
        assert node is not None and node.total == total
        assert f"{total} passage" in str(screen.counts.render())
        tagged = {
            a.id for a in store.annotations() if any(is_within(tag, "migration") for tag in a.tags)
        }
        listed = [p.annotation.id for p in screen.passage_list.passages]
        assert len(tagged) == total
        assert set(listed) <= tagged, "passages listed under a code they no longer carry"
        assert len(listed) in (0, total)
        assert not released.is_set()
        released.set()
        await wait_until(pilot, lambda: not screen.retagging and not screen.placing)
        assert sorted(p.annotation.id for p in screen.passage_list.passages) == sorted(tagged)
