"""Two annotate dialogs in one burst of keys, the first saved with ``ctrl+s``: the tag typed
into the second keeps every letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import burst, opened, wait_until
from textual.widgets import Input

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _tags(screen: object) -> str:
    if not isinstance(screen, AnnotateDialog):
        return ""
    return screen.query_one("#annotate-tags", Input).value


@pytest.mark.parametrize("first_search", ["Pentagon", "Soldiersx"])
async def test_a_tag_typed_in_a_second_dialog_of_one_burst_keeps_every_letter(
    corpus_copy: Path, db_copy: Path, first_search: str
) -> None:
    """The keys behind the first dialog's ``ctrl+s`` are sent again by the app's key relay,
    one at a time, each once the widget the one before went to has handled it.  The search
    prompt "handled" ``s`` and ``a`` typed behind its ``enter`` by holding them until its
    search ended; the relay sent ``c`` on meanwhile, which reached the text before the
    prompt handed ``s`` and ``a`` over: ``c`` ran as a reader key and the tag saved read
    "ators/us" (a third of the runs before the fix, with a search that finds nothing as
    often as not)."""
    app = ReaderApp(corpus_copy, db_copy, corpus_copy / DOC)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        keys = ["slash", *first_search, "enter", "s", "a", *"rr1", "ctrl+s"]
        keys += ["slash", *"Doral", "enter", "s", "a", *"actors/us"]
        await burst(pilot, keys)
        await wait_until(pilot, lambda: _tags(app.screen).endswith("us"))
        assert _tags(app.screen).endswith("actors/us"), _tags(app.screen)
