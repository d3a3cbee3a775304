"""A format of tags alone (the codebook, qdc) is made from the annotations as stored, without
placing them or loading a document, and writes the same bytes as when they are placed."""

from __future__ import annotations

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    ExportCase,
    export_workspace,
    three_documents,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import ExportError
from tui_reader.core.interchange import FORMATS, ExportOptions, one_per_tags, qdc
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import clean_export
from tui_reader.core.interchange.refi import code_names
from tui_reader.core.interchange.workspace_export import collect, render
from tui_reader.core.workspace import Workspace

OPTIONS = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")


def _qdc(workspace: Workspace, tags: list[str]) -> tuple[bytes | str, int, list[str]]:
    """The codebook as a tags-only export makes it, with how many annotations it counts and
    the problems it reports."""
    export = collect(workspace, tags, tags_only=True)
    try:
        data: bytes | str = render(export, "qdc", OPTIONS)
    except ExportError as exc:
        data = str(exc)
    return data, len(export.annotations), export.problems


def _qdc_placed(workspace: Workspace, tags: list[str]) -> tuple[bytes | str, int, list[str]]:
    """The codebook rendered from every annotation, placed."""
    export = collect(workspace, tags)
    try:
        data: bytes | str = qdc.render(
            *clean_export(export.annotations, export.documents, export.tags), OPTIONS
        ).encode("utf-8")
    except ExportError as exc:
        data = str(exc)
    return data, len(export.annotations), export.problems


@settings(max_examples=examples(25), deadline=None)
@given(EXPORT_CASES, st.lists(st.sampled_from(["a", "b", "é", "a/b", "zz"]), max_size=2))
def test_the_codebook_is_the_same_placed_or_not(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase, tags: list[str]
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    data, count, problems = _qdc(workspace, tags)
    placed_data, placed_count, placed_problems = _qdc_placed(
        Workspace(workspace.corpus, workspace.db), tags
    )
    assert (data, count) == (placed_data, placed_count)
    # The same lines, but for files that cannot be read: a codebook reads none.
    assert set(problems) <= set(placed_problems)
    assert len(problems) == len(placed_problems) or case.deleted


def test_the_codebook_loads_no_document_and_counts_no_orphan(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = three_documents(deleted=True)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    export = collect(workspace, tags_only=FORMATS["qdc"].tags_only)
    assert loads.calls == 0
    assert export.orphans == 0 and not export.placed and not export.documents
    assert len(export.annotations) == len(case.marked)


@settings(max_examples=examples(100))
@given(st.lists(st.lists(st.sampled_from(["a", "b", "a/b"]), max_size=2).map(tuple), max_size=8))
def test_one_annotation_for_each_set_of_tags_the_first(tag_sets: list[tuple[str, ...]]) -> None:
    annotations = [
        Annotation(document="d.txt", start=n, end=n + 1, quote="x", tags=tags)
        for n, tags in enumerate(tag_sets)
    ]
    chosen = one_per_tags(annotations)
    assert [a.tags for a in chosen] == list(dict.fromkeys(tag_sets))
    assert all(a is next(b for b in annotations if b.tags == a.tags) for a in chosen)
    assert code_names([], [a.tags for a in chosen]) == code_names([], tag_sets)
    columns = AnnotationColumns.of_annotations(annotations).one_per_tags()
    assert columns == AnnotationColumns.of_annotations(chosen)
