"""Codes holding numbers are listed in natural order (t1, t2, t14) wherever the app lists
them: the codebook tree, the annotate dialog's completions, the reports."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.analysis import reports_opened
from helpers.app import reader_focused, screen_opened_by, wait_until
from helpers.passages import MEXICO
from textual.pilot import Pilot
from textual.widgets import Static

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.codebook import CodebookScreen

CODES = ["t14", "code/v10", "t2", "T3", "code/v2", "t1"]  # in the order they were made
NATURAL = ["code/v2", "code/v10", "t1", "t2", "T3", "t14"]


def numbered_codes(corpus: Path, db: Path) -> ReaderApp:
    """The app on ``corpus``, one passage per code of CODES (each used once: no count first)."""
    workspace = Workspace(corpus, db)
    try:
        document = workspace.document(MEXICO)
        for i, code in enumerate(CODES):
            start = 20 * i
            workspace.store.add(
                make_annotation(MEXICO, document.text, start, start + 10, document.sha256, (code,))
            )
    finally:
        workspace.store.close()
    return ReaderApp(corpus, db, corpus / Path(MEXICO).name, measure=80)


async def _codebook_placed(pilot: Pilot[object]) -> CodebookScreen:
    """T pressed on the ready app: the codebook it opens, its codes' passages placed."""
    codebook = await screen_opened_by(pilot, "T", CodebookScreen)
    await wait_until(pilot, lambda: not codebook.placing)
    return codebook


async def test_codes_with_numbers_are_listed_in_natural_order(
    corpus_copy: Path, tmp_path: Path
) -> None:
    app = numbered_codes(corpus_copy, tmp_path / "annotations.json")
    async with app.run_test(size=(120, 36)) as pilot:
        codebook = await _codebook_placed(pilot)
        shown = [node.data for node in codebook.tag_tree.root.children]
        assert shown == ["code", "t1", "t2", "T3", "t14"]
        below = [node.data for node in codebook.tag_tree.root.children[0].children]
        assert below == ["code/v2", "code/v10"]
        await pilot.press("escape")
        await reader_focused(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.pause()
        offered = str(app.screen.query_one("#annotate-matches", Static).render()).split()
        assert offered == NATURAL
        await pilot.press("escape")
        reports = await reports_opened(pilot)
        assert [row["tag"] for row in reports.rows] == NATURAL


async def test_the_codebook_tree_names_the_code_each_number_key_applies(
    corpus_copy: Path, tmp_path: Path
) -> None:
    # The keys 1 to 9 apply the codes in the order they were made, while the tree lists them
    # by name: the tree's first code, "code/v2", is not what 1 applies ("t14", made first),
    # and nothing in the tree said so; a user pressing 1 for the first code listed got another.
    app = numbered_codes(corpus_copy, tmp_path / "annotations.json")
    async with app.run_test(size=(120, 36)) as pilot:
        codebook = await _codebook_placed(pilot)
        keyed: dict[str, str] = {}
        waiting = list(codebook.tag_tree.root.children)
        while waiting:
            node = waiting.pop()
            waiting.extend(node.children)
            said = re.findall(r"\bkey (\d)\b", str(node.label))
            if said and node.data is not None:
                keyed[said[0]] = node.data
        assert keyed == {str(n): code for n, code in enumerate(CODES, start=1)}
        await pilot.press("escape")
        main, _reader = await reader_focused(pilot)
        store = main.pane.workspace.store

        async def tags_applied_by(key: str) -> tuple[str, ...]:
            before = {a.id for a in store.annotations()}
            await pilot.press("s", key)  # the sentence under the caret, tagged by the key
            await wait_until(pilot, lambda: len(store.annotations()) > len(before))
            (made,) = [a for a in store.annotations() if a.id not in before]
            await pilot.press(")", ")")
            return made.tags

        for key in ("1", "5"):
            assert await tags_applied_by(key) == (keyed[key],)
