"""An undo or redo in a command reads the step it takes back alone from the history's line
and the fold writes that line around the step changed: the changes and the file written are
those of the history parsed whole first, whatever the steps hold."""

from __future__ import annotations

import contextvars
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers.table_changes import (
    dumped_after_changes,
    folded_after_changes,
    undone_in_a_command,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.core.store.history import FORGOTTEN
from tui_reader.core.store.snapshot import SnapshotTables

# texts that a search of the line's bytes could take for a record's bounds
TEXT = st.sampled_from(
    ["", "a", '}, "9": {"label": ', ', "undone": ', ', "changes": ', "}}", '"label": ', "é"]
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=2),
    max_leaves=6,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "tags", "note"]) | TEXT, VALUES, max_size=3)
ENTRIES = st.lists(
    st.tuples(st.sampled_from(["annotations", "tags"]), TEXT, RECORDS, RECORDS).map(list),
    max_size=3,
)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for number in draw(st.lists(st.integers(1, 12), unique=True, min_size=1, max_size=6)):
        key = f"{FORGOTTEN}{number}" if draw(st.booleans()) else str(number)
        record: dict[str, Any] = {"label": draw(TEXT), "origin": "", "when": "2026-01-01T00:00:00Z"}
        record["changes"] = draw(ENTRIES | st.lists(VALUES, max_size=2))  # damaged too
        record["undone"] = draw(st.sampled_from([None, None, 3]))
        table[key] = record
    return table


def _written(
    table: dict[str, Any], key: str, changes: list[Any], *, parsed_first: bool
) -> tuple[Any, bytes]:
    """The record ``key`` as a command reads it, and the file it folds after ``changes``."""
    data = b'{\n"history": ' + json.dumps(table).encode() + b',\n"meta": {}\n}\n'

    def command() -> tuple[Any, bytes]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        # (the way before: parsed whole)
        record = tables["history"].get(key) if parsed_first else tables.step_alone("history", key)
        tables.apply(changes)
        return record, tables.to_bytes()

    return contextvars.copy_context().run(command)


@settings(max_examples=300, deadline=None)
@given(histories(), st.data())
def test_a_step_read_alone_and_changed_is_written_as_with_the_history_parsed_first(
    table: dict[str, Any], data: st.DataObject
) -> None:
    key = data.draw(st.sampled_from(sorted(table)))
    others = st.sampled_from([*sorted(table), "20", "21"])
    changes = [
        ("history", k, {"label": "new", "changes": data.draw(ENTRIES), "undone": None})
        for k in data.draw(st.lists(others, max_size=3))
    ]
    record, written = _written(table, key, changes, parsed_first=False)
    _, as_before = _written(table, key, changes, parsed_first=True)
    assert record is None or record == table[key]
    assert written == as_before
    json.loads(written)


def test_a_step_read_alone_is_none_when_the_line_is_not_laid_out_so() -> None:
    """A key twice (the last counts, at the first's place), a step's fields in another
    order: the table is parsed whole."""
    step = b'{"label": "a", "changes": [], "undone": null}'
    twice = b'{"1": ' + step + b', "1": ' + step + b"}"
    ordered = b'{"1": {"changes": [], "label": "a", "undone": null}}'
    for line in (twice, ordered):
        data = b'{\n"history": ' + line + b',\n"meta": {}\n}\n'
        tables = SnapshotTables.read(data, Path("db.json"))
        assert tables.step_alone("history", "1") is None


def _renamed_twice(path: Path) -> None:
    path.parent.mkdir()
    with AnnotationStore(path) as store:
        store.put_many(
            [
                Annotation(document="a.txt", start=n, end=n + 2, quote="ab", tags=("t",))
                for n in range(5)
            ]
        )
        store.set_tag(Tag(name="t"))
        store.rename_tag("t", "u")
        store.rename_tag("u", "v")


@pytest.mark.parametrize("redo", [False, True])
def test_an_undo_in_a_command_parses_only_the_step_it_takes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redo: bool
) -> None:
    """An undo parsed the whole history to take back its newest step, and the fold wrote
    every step again (70 MB once the history is full, 1.3 s of CPU): the step is read alone
    and the history's line written around it, the file the same as before."""
    monkeypatch.setattr(history, "utc_now", lambda: "2026-01-01T00:00:00Z")
    _renamed_twice(tmp_path / "a" / "annotations.json")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    parsed, written = undone_in_a_command(
        tmp_path / "a" / "annotations.json", parsed_first=None, redo=redo
    )
    _, as_before = undone_in_a_command(
        tmp_path / "b" / "annotations.json", parsed_first="history", redo=redo
    )
    assert "history" not in parsed
    assert written == as_before
    with AnnotationStore(tmp_path / "a" / "annotations.json") as store:
        steps = store.history()
        assert [s.undone for s in steps[:2]] == [not redo, False]
        assert {t for a in store.annotations() for t in a.tags} == ({"v"} if redo else {"u"})


META = b'"meta": {}'  # the table written after the history
STEP_KEYS = st.sampled_from([*map(str, range(1, 13)), f"{FORGOTTEN}3", "x"])
STEPS = st.fixed_dictionaries(
    {"label": TEXT, "origin": st.just(""), "changes": ENTRIES, "undone": st.none()}
)


@settings(max_examples=300, deadline=None)
@given(
    histories(),
    st.lists(st.tuples(st.sampled_from(["put", "delete", "again"]), STEP_KEYS, STEPS), max_size=6),
)
def test_a_history_parsed_is_written_around_the_steps_changed_as_one_dump_of_it(
    table: dict[str, Any], changes: list[Any]
) -> None:
    assert folded_after_changes("history", table, META, changes) == dumped_after_changes(
        "history", table, META, changes
    )


def test_a_full_history_parsed_to_drop_a_step_is_not_dumped_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A step saved on a full history drops the oldest step, so the history is parsed: the
    fold then dumped every step again (65 MB after twenty renames on the bench's database).
    The steps kept are written as the line's own bytes, the steps added alone dumped."""
    from tui_reader.core.store import snapshot

    passage = {"id": "a", "document": "d.txt", "start": 1, "end": 2, "tags": ["t", "u"]}
    dropped = {
        "label": "import",
        "origin": "",
        "when": "2026-01-01T00:00:00Z",
        "annotations": 9,
        "records": 9,
    }
    table: dict[str, Any] = {  # a step dropped for its size before, as the bench's import
        f"{FORGOTTEN}1": {
            "label": "what step 'import', gone from the history, did",
            "origin": "",
            "when": "2026-01-01T00:00:00Z",
            "annotations": 0,
            history.DROPPED: dropped,
            "changes": [],
            "undone": None,
        }
    }
    for n in range(2, 7):
        table[str(n)] = {
            "label": f"rename tag t{n} → u{n}",
            "origin": "",
            "when": "2026-01-01T00:00:00Z",
            "annotations": 4,
            "changes": [["annotations", str(i), passage, dict(passage)] for i in range(4)],
            "undone": None,
        }
    monkeypatch.setattr(history, "MAX_RECORDS", 20)
    entries = [["tags", "9", {"name": "t"}, {"name": "v"}], *table["6"]["changes"]]
    dumped = []
    table_json = snapshot.table_json

    def noted(records: dict[str, Any]) -> list[bytes]:
        dumped.append(list(records))
        return table_json(records)

    monkeypatch.setattr(snapshot, "table_json", noted)
    data = b'{\n"history": ' + json.dumps(table).encode() + b',\n"meta": {}\n}\n'

    def command() -> tuple[bytes, bytes, list[str]]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        changes = history.step_changes(tables, entries, "label", "origin", "2026-01-01T00:00:00Z")
        tables.apply(changes)
        model = json.loads(json.dumps(tables["history"]))
        added = [str(key) for _, key, record in changes if record is not None]
        return tables.to_bytes(), b'{\n"history": ' + json.dumps(model).encode(), added

    written, model, added = contextvars.copy_context().run(command)
    assert "2" not in json.loads(written)["history"]  # the oldest dropped
    assert written.startswith(model)
    assert "7" in added and "6" not in added
    assert dumped == [added]  # the steps added (and notes of those dropped) alone


def test_the_passages_a_step_changed_are_told_without_parsing_the_history(
    tmp_path: Path,
) -> None:
    """How many annotations an undo or a redo would change (asked before it, for a bar or a
    question) parsed the whole history, every step's changes: 0.75 s of CPU for a database
    whose history holds an import of 100,000 annotations.  It is read from the steps' heads,
    as the undo reads its step, and a step named by its id is told too."""
    path = tmp_path / "a" / "annotations.json"
    _renamed_twice(path)  # steps: 1 the five passages put, 2 and 3 the code renamed twice

    def command() -> tuple[list[int], list[str]]:
        READS_LIVE_TO_EXIT.set(True)
        with AnnotationStore(path) as store:
            due = [store.passages_due(), store.passages_due(step_id=1)]
            due += [store.passages_due(redo=True), store.passages_due(step_id=9)]
            return due, store._tables.data.parsed()

    due, parsed = contextvars.copy_context().run(command)
    assert due == [5, 5, 0, 0]
    assert "history" not in parsed
    with AnnotationStore(path) as store:  # as the store tells it once its history is parsed
        store._tables.data.get("history")
        assert [store.passages_due(), store.passages_due(step_id=1)] == [5, 5]
        store.undo()
        assert store.passages_due(redo=True) == 5
