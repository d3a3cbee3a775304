"""A colleague's coding merged from inside the app (``I``, or the palette): the file named,
what the merge would do said first (as ``tui-reader merge --dry-run``), merged by the save
worker once asked, undone with ``u``; a file that is no coding said in one line."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers.app import (
    command_chosen,
    left_while_held,
    notices_said,
    ready,
    wait_until,
    workers_done,
)
from helpers.colleagues import OURS, their_copy
from helpers.counting import ended_calls, first_arguments, held_calls
from helpers.merging import merge_confirmed, merge_planned, plan_line
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui_reader.cli.main import main
from tui_reader.core.documents.safe_read import MAX_DOCUMENT_BYTES
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens import merge_dialog
from tui_reader.ui.screens.merge_dialog import MergeDialog, completed_path


def _coders(db: Path) -> list[str]:
    with AnnotationStore(db) as store:
        return sorted(a.coder for a in store.annotations())


def _project(tmp_path: Path) -> tuple[Path, Path, Path, list[str]]:
    """Our corpus and database, coded, a colleague's copy of it (theirs), and our coders."""
    corpus, theirs = their_copy(tmp_path, OURS, ours_coded=True)
    db = corpus.parent / "annotations.json"
    return corpus, theirs, db, _coders(db)


def _error_line(app: ReaderApp) -> str:
    return str(app.screen.query_one(".dialog-error", Static).render())


async def _named(pilot: Pilot[object], app: ReaderApp, path: Path) -> Input:
    """I opens the merge, path is typed in its field and enter pressed; gives the field."""
    await pilot.press("I")
    await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
    field = app.screen.query_one("#merge-path", Input)
    field.value = str(path)
    await pilot.press("enter")
    return field


async def _escaped_while_read(
    pilot: Pilot[object],
    app: ReaderApp,
    theirs: Path,
    held: threading.Event,
    ended: threading.Event,
) -> None:
    """``theirs`` named in the merge, esc pressed while it is read (the reading ``held``): the
    main screen back, then the reading let go and waited for to its end."""
    main = await ready(pilot)
    await _named(pilot, app, theirs)
    await wait_until(pilot, lambda: "Reading" in plan_line(app))
    await left_while_held(pilot, main, held, ended)


async def test_i_says_what_the_merge_would_do_merges_and_u_undoes_it(tmp_path: Path) -> None:
    corpus, theirs, db, mine = _project(tmp_path)
    (their_coder,) = _coders(theirs)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        said = notices_said(app)
        plan = await merge_planned(pilot, app, theirs)
        assert "1 new" in plan and "0 changed on both sides" in plan
        assert f"1 annotation by {their_coder}" in plan, plan  # (it said "ben 1")
        assert _coders(db) == mine  # a plan only: nothing merged yet
        merged = await merge_confirmed(pilot, app, said)
        assert not isinstance(app.screen, MergeDialog)
        assert sorted([*mine, their_coder]) == _coders(db)
        assert "u undoes it" in merged
        await pilot.press("u")
        await wait_until(pilot, lambda: _coders(db) == mine)


async def test_the_palette_opens_the_merge(tmp_path: Path) -> None:
    corpus, _theirs = their_copy(tmp_path, OURS)
    app = ReaderApp(corpus, corpus.parent / "annotations.json")
    async with app.run_test() as pilot:
        await ready(pilot)
        await command_chosen(pilot, "Merge a colleague's coding")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))


async def test_a_file_that_is_no_coding_is_said_in_one_line(tmp_path: Path) -> None:
    corpus, _theirs, db, mine = _project(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("just my notes, no coding\n", encoding="utf-8")
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"annotations": {"1": {"id": ', encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: no disk taken
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("I")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
        field = app.screen.query_one("#merge-path", Input)
        for bad in (notes, damaged, fifo, huge, tmp_path / "missing.json", db, tmp_path):
            field.value = str(bad)
            await pilot.press("enter")
            await wait_until(pilot, lambda: "Not merged" in _error_line(app))
            line = _error_line(app)
            assert bad.name in line and "\n" not in line.strip(), line
            assert isinstance(app.screen, MergeDialog)
            field.value = ""
            await pilot.pause()
        await workers_done(app)
    assert _coders(db) == mine


def test_the_path_is_completed_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "theirs.json").write_text("{}", encoding="utf-8")
    (tmp_path / "them").mkdir()
    assert completed_path(f"{tmp_path}/theirs") == f"{tmp_path}/theirs.json"
    assert completed_path(f"{tmp_path}/the") == f"{tmp_path}/theirs.json"
    assert completed_path(f"{tmp_path}/them") is None  # typed whole
    assert completed_path(f"{tmp_path}/th") == f"{tmp_path}/theirs.json"
    assert completed_path(f"{tmp_path}/x") is None
    (tmp_path / "theirs.json.lock").write_text("", encoding="utf-8")
    assert completed_path(f"{tmp_path}/theirs.json") is None  # a file named whole


async def test_a_file_read_while_another_is_typed_is_not_the_one_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The field changed while the file named before is read: what is said and merged on
    enter is never that first file's plan."""
    corpus, theirs, db, mine = _project(tmp_path)
    held = held_calls(monkeypatch, merge_dialog, "read_coded_work", 10)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        field = await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "Reading" in plan_line(app))
        field.value = str(tmp_path / "another.json")
        await pilot.pause()
        held.set()
        await workers_done(app)
        await pilot.pause()
        assert "Would merge" not in plan_line(app)
        await pilot.press("enter")  # reads another.json, which is not there
        await wait_until(pilot, lambda: "Not merged" in _error_line(app))
        assert "another.json" in _error_line(app)
    assert _coders(db) == mine


async def test_esc_while_the_file_is_read_closes_the_dialog_and_nothing_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, theirs, db, mine = _project(tmp_path)
    held = held_calls(monkeypatch, merge_dialog, "read_coded_work", 10)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        main = await ready(pilot)
        await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "Reading" in plan_line(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main)
        held.set()
        await workers_done(app)
        await pilot.pause()
        assert app.is_running and app.screen is main
    assert app.return_code in (None, 0)
    assert _coders(db) == mine


async def test_esc_while_the_file_is_read_stops_the_reading_before_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """esc during the reading: the steps after it (the plan of 30 s on 100,000 annotations)
    are not run, and the file is left as it was."""
    corpus, theirs, db, mine = _project(tmp_path)
    before = theirs.read_bytes()
    held = held_calls(monkeypatch, merge_dialog, "read_coded_work", 10)
    plan = merge_dialog.plan_work
    planned: list[str] = []

    def counted_plan(*args: Any, **kwargs: Any) -> Any:
        planned.append(str(args[2]))
        return plan(*args, **kwargs)

    monkeypatch.setattr(merge_dialog, "plan_work", counted_plan)
    ended = ended_calls(monkeypatch, MergeDialog, "_plan")
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await _escaped_while_read(pilot, app, theirs, held, ended)
        assert planned == []
    assert theirs.read_bytes() == before
    assert _coders(db) == mine


async def test_esc_while_their_database_is_read_stops_the_reading_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """esc while their database is being read (2 s of a 100,000-annotation file went on
    after it): the reading asks between its steps, and leaves off before their passages'
    ranges are checked."""
    from tui_reader.core.interchange import coded_work

    corpus, theirs, db, mine = _project(tmp_path)
    held = held_calls(monkeypatch, AnnotationStore, "annotations_read_once", 10)
    checked = first_arguments(monkeypatch, coded_work, "_placeable")
    ended = ended_calls(monkeypatch, MergeDialog, "_plan")
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await _escaped_while_read(pilot, app, theirs, held, ended)
        assert checked == []
    assert _coders(db) == mine


async def test_their_passages_naming_no_coder_are_merged_under_the_name_typed(
    tmp_path: Path,
) -> None:
    """A script's JSON of passages that name no coder: the dialog said "name the coder with
    --other-coder NAME", an option it had no field for, so it could not be merged in the
    app. The field of their coder gives them the name typed, as merge --other-coder does."""
    import json

    corpus, _theirs, db, mine = _project(tmp_path)
    record = {"id": "b", "document": "corpus/a.txt", "start": 4, "end": 12, "quote": "minister"}
    theirs = tmp_path / "script.json"
    theirs.write_text(json.dumps([record | {"tags": ["actor"]}]), encoding="utf-8")
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "Not merged" in _error_line(app))
        assert "field of their coder" in _error_line(app)
        assert "--other-coder" not in _error_line(app)
        coder = app.screen.query_one("#merge-coder", Input)
        coder.focus()
        await pilot.press(*"Zoe Ruiz", "enter")
        await wait_until(pilot, lambda: "enter merges" in plan_line(app))
        assert "1 annotation by Zoe Ruiz" in plan_line(app) and "1 new" in plan_line(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: sorted([*mine, "Zoe Ruiz"]) == _coders(db))
        await workers_done(app)


async def test_a_coder_name_that_cannot_be_one_is_refused_in_the_dialog(tmp_path: Path) -> None:
    corpus, theirs, db, mine = _project(tmp_path)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("I")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog))
        app.screen.query_one("#merge-coder", Input).value = "Zoe\x1b[31m"
        field = app.screen.query_one("#merge-path", Input)
        field.value = str(theirs)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Not merged" in _error_line(app))
        assert "cannot be part of a coder name" in _error_line(app)
        assert "\x1b" not in _error_line(app)
    assert _coders(db) == mine


async def test_the_plan_lists_its_first_problems_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, theirs = their_copy(tmp_path, OURS, ours_coded=True)
    db = corpus.parent / "annotations.json"
    plan = merge_dialog.plan_work
    said = [f"theirs.json: passage {n} left out: its code is not one of ours" for n in range(7)]

    def with_problems(*args: Any, **kwargs: Any) -> Any:
        return replace(plan(*args, **kwargs), left_out=tuple(said))

    monkeypatch.setattr(merge_dialog, "plan_work", with_problems)
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "enter merges" in plan_line(app))
        lines = [line.strip() for line in plan_line(app).splitlines()]
    assert [line for line in lines if "passage" in line] == said[:3]
    assert any("…and 4 more" in line and "merge --dry-run" in line for line in lines), lines


async def test_the_plan_says_the_memos_and_attributes_it_brings(tmp_path: Path) -> None:
    """Their memo of a code, their memo of a document we both hold and the attribute they set
    on it came with the merge, but the plan said "1 new code" alone: the command's
    --dry-run says "1 new memo; ... 1 attribute value of 1 document"."""
    corpus, theirs, db, _mine = _project(tmp_path)
    texts = theirs.parent / "texts"
    for args in (
        ["memo", "add", "--code", "policy", "Any rule about the border."],
        ["memo", "add", "--doc", "a.txt", "The minister backs down."],
        ["attr", "set", "a.txt", "site=Tapachula"],
    ):
        assert main([*args, "--db", str(theirs), "--corpus", str(texts)]) == 0
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "enter merges" in plan_line(app))
        plan = plan_line(app)
        assert "2 new memos" in plan, plan
        assert "1 attribute value of 1 document" in plan, plan


async def test_at_80x24_the_merge_notice_is_short_and_esc_takes_the_notices_away(
    tmp_path: Path,
) -> None:
    """At 80x24 the notice of a merge stood 7 lines tall, every count of the plan said, those
    of nothing ("0 older than ours (ours kept)") too, and with K's notice over it the text was
    mostly hidden, and esc did not take them away. It now says what the merge did (the counts
    that are not 0), and esc on the text, nothing selected, clears the notices."""
    from textual.widgets._toast import Toast

    from tui_reader.ui.widgets.reader import ReaderView

    corpus, theirs, db, mine = _project(tmp_path)
    app = ReaderApp(corpus, db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        said = notices_said(app)
        await _named(pilot, app, theirs)
        await wait_until(pilot, lambda: "enter merges" in plan_line(app))
        merged = await merge_confirmed(pilot, app, said)
        assert "1 new" in merged and "u undoes it" in merged
        assert "(1 annotation by " in merged, merged
        assert " 0 " not in merged, merged  # nothing said of what did not happen
        await wait_until(pilot, lambda: any(t.region.height for t in app.screen.query(Toast)))
        assert [t.region.height for t in app.screen.query(Toast)] <= [3], merged
        await pilot.press("escape")  # from the library
        await pilot.pause()
        assert not app.screen.query(Toast)
        await pilot.press("enter")  # the text: K's notice, then esc
        await wait_until(pilot, lambda: isinstance(app.focused, ReaderView))
        await pilot.press("K")
        await wait_until(pilot, lambda: any(t.region.height for t in app.screen.query(Toast)))
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(Toast)
        assert sorted(_coders(db)) == sorted([*mine, *_coders(theirs)])  # esc undid nothing
