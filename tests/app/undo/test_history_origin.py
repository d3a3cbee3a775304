"""``U`` at 80 columns: a step made by a command said its origin wrapped inside its brackets,
"[tui-reader annotate" at a row's end and "mexico-hosts-southc…]" on the next.  An origin
that does not fit after the step's words begins the next line whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, screen_opened_by, terminal_lines, wait_until
from helpers.passages import MEXICO

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import ORIGIN
from tui_reader.ui.screens.history import HistoryScreen

ORIGINS = [
    "tui-reader annotate mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt",
    "tui-reader autocode deport --unit sentence",
    "key 1",
]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (50, 20)])
async def test_a_step_s_origin_is_never_parted_inside_its_brackets(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    db = tmp_path / "annotations.json"
    text = (corpus_copy / Path(MEXICO).name).read_text(encoding="utf-8")
    with AnnotationStore(db) as store:
        for i, origin in enumerate(ORIGINS):
            token = ORIGIN.set(origin)
            try:
                store.add(make_annotation(MEXICO, text, 100 + 20 * i, 110 + 20 * i, "", ("c",)))
            finally:
                ORIGIN.reset(token)
    app = make_app(db=db)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        view = await screen_opened_by(pilot, "U", HistoryScreen)
        await wait_until(pilot, lambda: view.steps_list.option_count >= len(ORIGINS))
        await pilot.pause()
        lines = terminal_lines(app)
        opened = [line for line in lines if "[" in line]
        assert len(opened) == len(ORIGINS), lines
        assert all("]" in line[line.index("[") :] for line in opened), lines
        assert any("[key 1]" in line for line in lines), lines
