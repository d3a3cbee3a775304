"""What an export found of a database's records (each exactly its row, none the export gate
changes, whether their times are all tui-reader's) is kept for the state of the database it
read: the next export of that state does not look at the columns again and writes the same
bytes; any change of the database, a kept file damaged or of another release, and they are
looked at as before."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.interchange import annotation_columns
from tui_reader.core.interchange.export_file import export_to
from tui_reader.core.workspace import Workspace
from tui_reader.locations import checked_records_path

TEXT = "One passage here, and another there.\n"


def _workspace(tmp_path: Path) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    _add(workspace, 0, 11, "one")
    _add(workspace, 22, 29, "two")
    return workspace


def _add(
    workspace: Workspace, start: int, end: int, tag: str, note: str = "", created: str = ""
) -> None:
    key = workspace.key(workspace.corpus / "a.txt")
    document = workspace.document(key)
    made = make_annotation(key, document.text, start, end, document.sha256, (tag,), note=note)
    workspace.store.add(dataclasses.replace(made, created=created) if created else made)


class Looks:
    """The export gate's looks at the columns, and at whether their times are all
    tui-reader's, counted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for name in ("_needs_gate", "all_utc_to_the_second"):
            monkeypatch.setattr(annotation_columns, name, self._counted(name))

    def _counted(self, name: str) -> object:
        looked = getattr(annotation_columns, name)

        def counted(*args: object) -> bool:
            self.count += 1
            return bool(looked(*args))

        return counted


def _export(tmp_path: Path, format_name: str = "csv") -> bytes:
    out = tmp_path / f"out.{format_name}"
    workspace = Workspace(tmp_path / "corpus", tmp_path / "annotations.json")
    export_to(workspace, format_name, out, overwrite=True)
    return out.read_bytes()


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_the_records_of_a_state_found_clean_are_not_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    _workspace(tmp_path)
    looks = Looks(monkeypatch)
    first = _export(tmp_path, format_name)
    assert looks.count > 0
    assert checked_records_path(tmp_path / "annotations.json").exists()
    looks.count = 0
    assert _export(tmp_path, format_name) == first
    assert looks.count == 0


def test_a_changed_database_is_looked_at_again_and_its_cells_gated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(tmp_path)
    _export(tmp_path)  # its state found clean, and kept
    _add(workspace, 12, 20, "three", note="bell\x07 and ESC\x1b[31m")
    looks = Looks(monkeypatch)
    written = _export(tmp_path).decode("utf-8")
    assert "\x07" not in written and "\x1b" not in written
    assert "bell\u2407 and ESC\u241b[31m" in written
    assert looks.count > 0
    looks.count = 0
    assert _export(tmp_path).decode("utf-8") == written  # gated again: nothing kept of it
    assert looks.count > 0


def _of_another_state(kept: bytes) -> bytes:
    """The kept file as written, its state another one."""
    return kept[: kept.index(b'"state"')] + b'"state": [1, 2, 3, 4, 5]}'


@pytest.mark.parametrize(
    "damage",
    [
        lambda kept: b"{not json",
        lambda kept: b'{"version": "0/0/x", "documents": {}, "state": []}',
        lambda kept: b'{"version": 1, "documents": {}, "state": "all"}',
        _of_another_state,
    ],
    ids=["not-json", "another-release", "state-not-a-list", "another-state"],
)
def test_a_kept_file_damaged_of_another_release_or_state_is_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    _workspace(tmp_path)
    first = _export(tmp_path)
    path = checked_records_path(tmp_path / "annotations.json")
    path.write_bytes(damage(path.read_bytes()))
    looks = Looks(monkeypatch)
    assert _export(tmp_path) == first
    assert looks.count > 0


def test_a_time_that_is_none_is_said_so_from_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "yesterday", kept by an import from before such words were refused: the csv's cell
    # of it is empty, as it was when the column was looked at
    workspace = _workspace(tmp_path)
    _add(workspace, 12, 20, "three", created="yesterday")
    first = _export(tmp_path)
    assert b"yesterday" not in first
    looks = Looks(monkeypatch)
    assert _export(tmp_path) == first
    assert looks.count == 0


class _Store:
    """A store whose stored records are ``stored``, and ``indexed`` as its index reads them."""

    def __init__(self, stored: list[dict[str, object]], indexed: list[dict[str, object]]):
        self.stored, self.indexed, self.problems = stored, indexed, []

    def reload_if_changed(self) -> bool:
        return False

    def state(self) -> tuple[int, ...]:
        return (1, 2, 3)

    def stored_records(self) -> tuple[list[dict[str, object]], str, list[str]]:
        return self.stored, "me", []

    def records(self) -> tuple[list[dict[str, object]], str]:
        return self.indexed, "me"


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "a1", "document": "a.txt", "start": 0, "end": 3, "quote": "One", "prefix": "",
        "suffix": " pa", "doc_sha256": "ab", "tags": ["one"], "note": "", "created": "",
        "updated": "", "status": "anchored", "coder": "ana", "revision": 0,
    }  # fmt: skip
    record.update(changes)
    return record


@pytest.mark.parametrize(
    ("stored", "indexed"),
    [
        ([_record(coder="")], [_record(coder="")]),  # its coder not named: not exactly its row
        ([{**_record(), "more": 1}], [_record()]),  # a field of no annotation
        ([_record(status="lost")], [_record()]),  # refused as stored, read by the index
    ],
)
def test_records_not_each_exactly_its_row_are_never_kept(
    tmp_path: Path, stored: list[dict[str, object]], indexed: list[dict[str, object]]
) -> None:
    checked = annotation_columns.CheckedRecords(tmp_path / "checked.json")
    made = annotation_columns.AnnotationColumns.of_store(_Store(stored, indexed), checked)  # type: ignore[arg-type]
    assert made is not None
    made.columns.clean()
    assert not checked.path.exists()
    exact = _Store([_record()], [_record()])
    made = annotation_columns.AnnotationColumns.of_store(exact, checked)  # type: ignore[arg-type]
    assert made is not None
    made.columns.clean()
    assert checked.holds((1, 2, 3))


class Sorts:
    """The rows' sorts into reading order the columns make, counted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0

        def counted(*args: Any, **kwargs: Any) -> list[Any]:
            self.count += 1
            return sorted(*args, **kwargs)

        monkeypatch.setattr(annotation_columns, "sorted", counted, raising=False)


def _workspace_out_of_order(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    _add(workspace, 12, 20, "three")  # stored last, read between the two others
    _add(workspace, 0, 3, "four")  # the same start as the first: after it by its end


@pytest.mark.parametrize("format_name", ["csv", "json", "markdown"])
def test_the_order_of_the_rows_of_a_state_found_clean_is_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    _workspace_out_of_order(tmp_path)
    sorts = Sorts(monkeypatch)
    first = _export(tmp_path, format_name)
    assert sorts.count == 1
    sorts.count = 0
    assert _export(tmp_path, format_name) == first
    assert sorts.count == 0


def _kept_order(order: object) -> Callable[[bytes], bytes]:
    def damage(kept: bytes) -> bytes:
        value = json.loads(kept)
        value["order"] = order
        return json.dumps(value).encode("ascii")

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        _kept_order([0, 1, 2]),
        _kept_order([0, 1, 2, 3, 4]),
        _kept_order([0, 1, 1, 2]),
        _kept_order([0, 1, 2, -1]),
        _kept_order([0, 1, 2, 4]),
        _kept_order([0, 1, 2, "3"]),
        _kept_order([0, 1, 2, 3.0]),
        _kept_order([0, 1, 2, True]),
        _kept_order({"0": 1}),
        _kept_order(None),
    ],
    ids=[
        "short", "long", "a-row-twice", "negative", "beyond", "a-text", "a-float", "a-bool",
        "not-a-list", "none",
    ],
)  # fmt: skip
def test_a_kept_order_that_is_no_order_of_the_rows_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    _workspace_out_of_order(tmp_path)
    first = _export(tmp_path, "csv")
    path = checked_records_path(tmp_path / "annotations.json")
    path.write_bytes(damage(path.read_bytes()))
    sorts = Sorts(monkeypatch)
    assert _export(tmp_path, "csv") == first
    assert sorts.count == 1


def test_an_order_kept_by_a_process_whose_rows_came_in_another_sequence_is_made_again(
    tmp_path: Path,
) -> None:
    # The app's store, its index built, takes another process's change of a passage's tags
    # as that passage's record moved last; its export kept the reading order of its rows as
    # it held them, and the next export, of a fresh process holding them as stored, put its
    # rows in that order: passages of one document apart, out of order.
    _workspace_out_of_order(tmp_path)
    app = Workspace(tmp_path / "corpus", tmp_path / "annotations.json")
    app.store.annotations()
    other = Workspace(tmp_path / "corpus", tmp_path / "annotations.json")
    first = next(a for a in other.store.annotations() if a.tags == ("one",))
    other.store.update(dataclasses.replace(first, tags=("one", "more")))
    export_to(app, "csv", tmp_path / "app.csv", overwrite=True)
    expected = [("0", "four"), ("0", "one"), ("0", "more"), ("12", "three"), ("22", "two")]
    assert _rows((tmp_path / "app.csv").read_bytes()) == expected
    assert _rows(_export(tmp_path, "csv")) == expected


def _rows(written: bytes) -> list[tuple[str, str]]:
    """The start and code of each row of a csv export."""
    text = written.decode("utf-8-sig")
    return [(row["start"], row["tag"]) for row in csv.DictReader(io.StringIO(text))]
