"""``U``, the history view: the steps as ``tui-reader history`` lists them; ``enter`` undoes
back to the chosen step, ``u`` the chosen step alone, ``ctrl+r`` redoes; an undo stopped at a
step dropped from the history names the app's way to the step before it, not a command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.app import (
    AppFactory,
    command_chosen,
    notices_said,
    ready,
    screen_opened_by,
    terminal_lines,
    wait_until,
)
from helpers.passages import MEXICO
from textual.pilot import Pilot

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.history import HistoryScreen
from tui_reader.ui.screens.main import MainScreen

SIZE = (120, 40)


def _coded(corpus: Path, db: Path, count: int, *, imported: int = 0) -> None:
    """``count`` passages of the Mexico document added one step each to ``db`` (and, with
    ``imported``, that many more in one import step, then one more step)."""
    text = (corpus / Path(MEXICO).name).read_text(encoding="utf-8")

    def passage(i: int):  # type: ignore[no-untyped-def]
        return make_annotation(MEXICO, text, 100 + 20 * i, 110 + 20 * i, "", ("code",))

    with AnnotationStore(db) as store:
        for i in range(count):
            store.add(passage(i))
        if imported:
            store.put_many([passage(count + i) for i in range(imported)], "import")
            store.put_many([passage(count + imported + i) for i in range(imported)], "import")


def _coded_app(
    make_app: AppFactory, corpus: Path, db: Path, count: int, *, imported: int = 0
) -> ReaderApp:
    """The app on ``db`` once :func:`_coded` made its steps."""
    _coded(corpus, db, count, imported=imported)
    return make_app(db=db)


async def _history_of(pilot: Pilot[int], placed: int) -> tuple[MainScreen, HistoryScreen]:
    """The app ready with ``placed`` passages shown, then the history opened by U."""
    screen = await ready(pilot)
    await wait_until(pilot, lambda: len(screen.pane.placed) == placed)
    return screen, await screen_opened_by(pilot, "U", HistoryScreen)


def _listed(view: HistoryScreen) -> list[str]:
    steps = view.steps_list
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


async def test_enter_undoes_back_to_the_chosen_step_and_ctrl_r_redoes(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = _coded_app(make_app, corpus_copy, db, 4)
    async with app.run_test(size=SIZE) as pilot:
        screen, view = await _history_of(pilot, 4)
        listed = _listed(view)
        assert [line.split()[0] for line in listed] == ["4", "3", "2", "1"]
        assert all("create annotation" in line for line in listed)
        assert view.chosen() == 4
        await pilot.press("j", "j", "enter")  # back to step 2: steps 4, 3 and 2 undone
        await wait_until(pilot, lambda: "(undone)" in _listed(view)[2])
        assert ["(undone)" in line for line in _listed(view)] == [True, True, True, False]
        assert view.chosen() == 2
        with AnnotationStore(db, read_only=True) as store:
            assert len(store.annotations()) == 1
        await pilot.press("ctrl+r")  # step 2 back first, undone last
        await wait_until(pilot, lambda: "(undone)" not in _listed(view)[2])
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: len(screen.pane.placed) == 2)


async def test_u_there_undoes_the_step_before_a_dropped_one_that_stops_undo(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """u stopped at a step dropped from the history said to run `tui-reader undo 1`: the
    app had no way to it. It names U, the history, where u on that step takes it back."""
    monkeypatch.setattr(history, "MAX_RECORDS", 10)
    db = tmp_path / "annotations.json"
    # the first import dropped by the second
    app = _coded_app(make_app, corpus_copy, db, 1, imported=6)
    said = notices_said(app)  # as said: the list of toasts was read once, before it came
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: len(screen.pane.placed) == 13)
        screen.reader.focus()
        await pilot.press("u")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 7)
        await pilot.press("u")
        await wait_until(pilot, lambda: any("was dropped" in m for m in said))
        stopped = next(m for m in said if "was dropped" in m)
        assert "tui-reader undo" not in stopped
        assert "U shows the history, where u on step 1 takes back the step before it" in stopped
        await command_chosen(pilot, "History: the recent")
        view = app.screen
        assert isinstance(view, HistoryScreen)
        assert view.chosen() == 1  # the step u would undo
        listed = _listed(view)
        assert "(dropped: cannot be undone)" in listed[1] and "(undone)" in listed[0]
        await pilot.press("u")
        await wait_until(pilot, lambda: "(undone)" in _listed(view)[2])
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 6)


async def test_p_prunes_the_steps_before_the_chosen_one_once_confirmed(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    """The history could not be pruned from the app: p on a step asks, then removes the
    steps before it (the annotations kept); u stops there and says it was pruned."""
    db = tmp_path / "annotations.json"
    app = _coded_app(make_app, corpus_copy, db, 4)
    async with app.run_test(size=SIZE) as pilot:
        screen, view = await _history_of(pilot, 4)
        await pilot.press("j", "p")  # on step 3: steps 2 and 1 to go
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # kept: nothing changed
        await wait_until(pilot, lambda: app.screen is view)
        assert len(_listed(view)) == 4
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: len(_listed(view)) == 3)
        assert [line.split()[0] for line in _listed(view)] == ["4", "3", "…"]
        assert "the history was pruned of the steps up to 2: undo stops here" in _listed(view)[2]
        with AnnotationStore(db, read_only=True) as store:
            assert len(store.annotations()) == 4
        await pilot.press("G", "enter")  # back to step 3, then no further
        await wait_until(pilot, lambda: all("(undone)" in line for line in _listed(view)[:2]))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("u")
        await wait_until(pilot, lambda: any("pruned" in str(n.message) for n in app._notifications))
        with AnnotationStore(db, read_only=True) as store:
            assert len(store.annotations()) == 2


async def test_a_step_s_count_is_never_parted_from_its_word_at_50_columns(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    # At 50 columns, the list scrolling, each row of eleven steps read "11  2026-12-06 10:18
    # 1" and "annotation  create annotation" below: the ids and counts were aligned in
    # columns of 5 and 16 cells, 43 cells before the step's words, the list 40 wide.
    db = tmp_path / "annotations.json"
    app = _coded_app(make_app, corpus_copy, db, 11)
    async with app.run_test(size=(50, 15)) as pilot:
        await _history_of(pilot, 11)
        await pilot.pause()
        lines = terminal_lines(app)
        counted = [line for line in lines if "1 annotation" in line]
        assert len(counted) >= 5, lines
        assert not any(line.rstrip(" │▁▂▃▄▅▆▇█▏▕").endswith(" 1") for line in lines), lines


async def test_at_40_columns_a_step_s_count_begins_the_line_below_its_time(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    # At 40 columns the list is too narrow for a step's id, time and count on one line: the
    # count was parted from its word again ("1" on a line, "annotation" below).  The count
    # begins the next line; widened, the steps are on one line each again.
    db = tmp_path / "annotations.json"
    app = _coded_app(make_app, corpus_copy, db, 11)
    async with app.run_test(size=(40, 12)) as pilot:
        view = (await _history_of(pilot, 11))[1]
        await wait_until(pilot, lambda: "\n1 annotation" in _listed(view)[0])
        await pilot.pause()
        lines = terminal_lines(app)
        assert any(line.startswith(" │  1 annotation  create") for line in lines), lines
        assert not any(line.rstrip(" │▁▂▃▄▅▆▇█▏▕").endswith(" 1") for line in lines), lines
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: "\n" not in _listed(view)[0])
        assert view.steps_list.highlighted == 0


async def test_a_step_s_words_wrapped_go_on_in_their_column(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    """At 60x20 a step's words ran on under its id and time ("create" at the end of a line,
    "annotation  [app]" at the start of the next, as if a step of its own).  A list too
    narrow for its words beside its id, time and count has the count begin a step's second
    line, its words after it; a wider one wraps them under their first word."""
    db = tmp_path / "annotations.json"
    app = _coded_app(make_app, corpus_copy, db, 2)
    async with app.run_test(size=(60, 20)) as pilot:
        _screen, view = await _history_of(pilot, 2)
        await pilot.pause()
        box = view.steps_list.content_region
        rows = [
            line[box.x : box.right].rstrip() for line in terminal_lines(app)[box.y : box.bottom]
        ]
        for n, step in ((0, "2"), (2, "1")):  # its id and time, then its count and words
            assert re.fullmatch(rf"\s*{step}  \d{{4}}-\d\d-\d\d \d\d:\d\d", rows[n]), rows
            assert rows[n + 1].startswith("1 annotation  create annotation"), rows
        await pilot.resize_terminal(100, 20)
        await wait_until(pilot, lambda: not view._narrow)


async def test_a_step_record_made_by_hand_is_said_and_passed_over(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    """A record {"x": 1} as the newest step: u said "Undone: ." and marked it undone, the
    passages as they were, and U listed it as a step of no words.  U says it unreadable,
    naming the database and the record, and lists the others; u and ctrl+r take the step
    before it; the record is kept as it was."""
    db = tmp_path / "annotations.json"
    _coded(corpus_copy, db, 2)
    data = json.loads(db.read_text("utf-8"))
    data["history"]["3"] = {"x": 1}
    db.write_text(json.dumps(data), "utf-8")
    app = make_app(db=db)
    said = notices_said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen, view = await _history_of(pilot, 2)
        assert [line.split()[0] for line in _listed(view)] == ["2", "1"]
        await wait_until(pilot, lambda: any("record 3" in m for m in said))
        assert (
            f"{db}: history record 3 is unreadable (it holds none of a step's label, time and "
            "changes)" in said
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        screen.reader.focus()
        await pilot.press("u")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 1)
        assert "Undone: create annotation (1 annotation)." in said
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 2)
    assert json.loads(db.read_text("utf-8"))["history"]["3"] == {"x": 1}
