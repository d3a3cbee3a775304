"""An export of every annotation known in place is made from the store's records as columns
(no document placed or loaded, no Annotation made) and writes the same bytes, problems and
counts as the export from the placed annotations; anything else (a document moved, a record
not as an annotation keeps it) takes the placed path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    OPTIONS,
    ExportCase,
    export_workspace,
    made,
    three_documents,
)
from hypothesis import given, settings

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations import model
from tui_reader.core.interchange import FORMATS
from tui_reader.core.interchange import places as places_module
from tui_reader.core.interchange.workspace_export import ExportSet, collect, render, undated_lines
from tui_reader.core.store.index import StoreIndex
from tui_reader.core.workspace import Workspace

COLUMN_FORMATS = [name for name, f in FORMATS.items() if f.columns_target]


def _settled(workspace: Workspace) -> Workspace:
    """The workspace after two exports (placed, then found in place: settled), reopened."""
    for _ in range(2):
        collect(workspace, relist=False)
        workspace.store.close()
        workspace = Workspace(workspace.corpus, workspace.db)
    return workspace


def _both(
    workspace: Workspace, name: str
) -> tuple[ExportSet, tuple[object, ...], tuple[object, ...]]:
    """The export by columns (when it is taken) and by annotations, of one database."""
    tags_only = FORMATS[name].tags_only
    by_columns = collect(workspace, relist=False, tags_only=tags_only, columns=True)
    columns = made(by_columns, name)
    workspace.store.close()
    again = Workspace(workspace.corpus, workspace.db)
    placed = made(collect(again, relist=False, tags_only=tags_only), name)
    again.store.close()
    return by_columns, columns, placed


@pytest.mark.parametrize("name", COLUMN_FORMATS)
def test_the_settled_export_is_made_from_columns_and_loads_nothing(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    workspace = _settled(
        export_workspace(tmp_path_factory.mktemp("c"), three_documents(deleted=False))
    )
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    built = count_calls(monkeypatch, model.Annotation, "from_record")
    indexed = count_calls(monkeypatch, StoreIndex, "_rebuild")  # each record's look-ups
    export = collect(workspace, relist=False, tags_only=FORMATS[name].tags_only, columns=True)
    assert export.columns is not None and (loads.calls, built.calls) == (0, 0)
    assert indexed.calls == 0  # the records as stored: no index of them built
    assert not export.annotations and export.count == 3
    monkeypatch.undo()
    _, columns, placed = _both(workspace, name)
    assert columns == placed


@settings(max_examples=examples(25), deadline=None)
@given(EXPORT_CASES)
def test_columns_and_placed_annotations_make_the_same_export(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    workspace = _settled(export_workspace(tmp_path_factory.mktemp("case"), case))
    for name in COLUMN_FORMATS:
        export, columns, placed = _both(workspace, name)
        assert columns == placed
        # an annotated file deleted: its annotations are placed alone (orphans), the other
        # documents' rows are the records
        assert export.columns is not None
        workspace = Workspace(workspace.corpus, workspace.db)


def test_a_record_of_a_revision_below_0_is_left_out_and_reported(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A revision of -1 the index took, and only the annotation built from it refused (the
    export then took the placed path); the index refuses it now, as it refuses a record
    without an id: left out of the columns, the others exported from them, and said."""
    workspace = export_workspace(tmp_path_factory.mktemp("c"), three_documents(deleted=False))
    workspace.store.close()
    data = json.loads(workspace.db.read_text(encoding="utf-8"))
    first = next(iter(data["annotations"]))
    data["annotations"][first]["revision"] = -1
    workspace.db.write_text(json.dumps(data), encoding="utf-8")
    workspace = _settled(Workspace(workspace.corpus, workspace.db))
    for name in COLUMN_FORMATS:
        export, columns, placed = _both(workspace, name)
        assert export.columns is not None and columns == placed
        assert export.count == 2 and any("revision -1" in p for p in export.problems)
        workspace = Workspace(workspace.corpus, workspace.db)


def test_a_record_the_index_cannot_read_is_left_out_and_reported_as_ever(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The records are taken as stored only when the index would read each: one without an
    id is left out of the columns (the others are exported from them) and reported."""
    workspace = export_workspace(tmp_path_factory.mktemp("c"), three_documents(deleted=False))
    workspace.store.close()
    data = json.loads(workspace.db.read_text(encoding="utf-8"))
    first = next(iter(data["annotations"]))
    del data["annotations"][first]["id"]
    workspace.db.write_text(json.dumps(data), encoding="utf-8")
    workspace = _settled(Workspace(workspace.corpus, workspace.db))
    for name in COLUMN_FORMATS:
        export, columns, placed = _both(workspace, name)
        assert export.columns is not None and columns == placed
        assert export.count == 2 and any("unreadable" in p for p in export.problems)
        workspace = Workspace(workspace.corpus, workspace.db)


@pytest.mark.parametrize("name", ["markdown", "w3c", "csv"])
def test_a_column_of_times_is_told_tui_readers_once_an_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # The export's text and its lines on times that are none each asked whether every time
    # of the created and updated columns is one as tui-reader writes it: 100,000 times read
    # again for each ask.  Each column is told once, and only a column the format shows:
    # Markdown shows when a passage was made, not when it last changed.
    workspace = export_workspace(tmp_path, three_documents(deleted=False))
    export = collect(workspace, relist=False, columns=True)
    told = _CountedColumnMatch(places_module._UTC_COLUMN)
    monkeypatch.setattr(places_module, "_UTC_COLUMN", told)
    render(export, name, OPTIONS)
    assert undated_lines(export, name) == []
    assert told.calls == (1 if name == "markdown" else 2)  # created, updated


class _CountedColumnMatch:
    """The pattern a column of times is matched with whole, its matches counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def fullmatch(self, text: str) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.fullmatch(text)
