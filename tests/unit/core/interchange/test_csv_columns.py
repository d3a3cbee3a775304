"""The csv export built a column at a time writes what the csv module wrote row by row (the
way it was made before, kept here as the reference)."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import examples
from helpers.export_stores import EXPORT_CASES, ExportCase, export_workspace
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.values import show_value
from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.interchange import (
    Annotations,
    Codebook,
    Documents,
    ExportOptions,
    is_orphan,
)
from tui_reader.core.interchange import csv as csv_module
from tui_reader.core.interchange import parts as parts_module
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.csv import (
    BOM,
    COLUMNS,
    attribute_column,
    csv_cells,
    inert,
)
from tui_reader.core.interchange.export_text import export_block, export_key
from tui_reader.core.interchange.places_in_text import Places
from tui_reader.core.interchange.workspace_export import collect, render
from tui_reader.core.workspace import Workspace

CELLS = st.text(",\"\r\n ab'=é\x00\t", max_size=6)


@settings(max_examples=examples(300))
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), max_size=5))
def test_cells_are_quoted_as_the_csv_module_quotes_them(rows: list[tuple[str, str, str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    columns = [csv_cells(list(c)) for c in zip(*rows, strict=True)] or [[], [], []]
    body = "\r\n".join(map(",".join, zip(*columns, strict=True)))
    assert body + ("\r\n" if body else "") == buffer.getvalue()


def reference_render(
    annotations: Annotations,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    *,
    protect: bool = True,
) -> str:
    """The csv export as it was made, a row at a time through the csv module."""
    guard = inert if protect else str
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = sorted({n for values in options.attributes.values() for n in values})
    writer.writerow([*COLUMNS, *(guard(attribute_column(n)) for n in names)])
    places = Places(documents, options.places)
    for annotation in sorted(annotations, key=reading_order):
        line = page = speaker = timestamp = ""
        if not is_orphan(annotation, documents):
            place = places.of(annotation)
            line, page = str(place.line), place.page.split(" ", 1)[-1]
            speaker, timestamp = place.speaker, place.time
        # a document's attributes are under its own key; a text through the export gate, its
        # lines kept
        own = options.attributes.get(
            options.file_keys.get(annotation.document, annotation.document), {}
        )
        for tag in annotation.tags or ("",):
            writer.writerow(
                [
                    guard(annotation.id),
                    guard(annotation.document),
                    guard(tag),
                    guard(annotation.quote),
                    guard(annotation.note),
                    annotation.start,
                    annotation.end,
                    line,
                    str(annotation.status),
                    guard(annotation.created),
                    page,
                    guard(speaker),
                    timestamp,
                    guard(annotation.coder),
                    guard(annotation.updated),
                    *(guard(export_block(show_value(own[n]))) if n in own else "" for n in names),
                ]
            )
    # then a row for each document with attributes and no passage: its key as the gate writes
    # it, its attributes, the passage's cells empty
    gated = {key: shown for shown, key in options.file_keys.items()}
    coded = {annotation.document for annotation in annotations}
    for shown, own in sorted(
        (gated.get(key, export_key(key)), values) for key, values in options.attributes.items()
    ):
        if own and names and shown not in coded and not options.sections:
            writer.writerow(
                [
                    "",
                    guard(shown),
                    *[""] * (len(COLUMNS) - 2),
                    *(guard(export_block(show_value(own[n]))) if n in own else "" for n in names),
                ]
            )
    return (BOM if protect else "") + buffer.getvalue()


@settings(max_examples=examples(25), deadline=None)
@given(EXPORT_CASES)
def test_the_csv_export_is_the_one_made_a_row_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z")
    export = collect(workspace)
    made = {name: render(export, name, options) for name in ("csv", "csv-raw")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_module, "render", reference_render)
        export = collect(Workspace(workspace.corpus, workspace.db))
        assert made == {name: render(export, name, options) for name in ("csv", "csv-raw")}


@settings(max_examples=examples(15), deadline=None)
@given(EXPORT_CASES)
def test_rows_written_half_by_a_second_process_are_the_same_bytes(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    """From ``SHARE_FROM`` annotations a command has a forked copy write the second half of
    the rows (the places found before, here), each half in parts: byte for byte what one
    process writes whole."""
    import os

    from helpers.forking import counted_forks

    from tui_reader.core import forked

    if not hasattr(os, "fork"):
        pytest.skip("a second process is forked")
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z")
    export = collect(workspace, columns=True)
    # a code stored untidied (";  ;", as no reader reads it) sends the export down the way of
    # one annotation at a time, with no forked copy: the case is another test's
    assume(export.columns is not None)
    made = {name: render(export, name, options) for name in ("csv", "csv-raw")}
    with pytest.MonkeyPatch.context() as patch:
        forks = counted_forks(patch)
        patch.setattr(csv_module, "SHARE_FROM", 2)
        patch.setattr(parts_module, "PART", 2)  # each half written two annotations at a time
        patch.setattr(forked, "core_free", lambda: True)
        export = collect(Workspace(workspace.corpus, workspace.db), columns=True)
        assert made == {name: render(export, name, options) for name in ("csv", "csv-raw")}
        assert len(forks) == (2 if len(export.columns or ()) >= 2 else 0)


def test_the_rows_are_made_as_they_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 annotations are 68 MB of rows: all made before the first was written, they
    were all held at once.  The rows of a part of the annotations are now made as it is
    taken, and the parts taken one by one are the table made a row at a time."""
    monkeypatch.setattr(parts_module, "PART", 2)
    annotations = [
        Annotation(
            "a.txt",
            n,
            n + 1,
            f"q{n}, é",
            tags=("t", "u") if n % 3 else (),
            id=f"id-{n}",
            created="2026-11-20T09:30:00Z",
            updated="2026-11-20T09:30:00Z",
        )
        for n in range(9)
    ]
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z")
    quoted: list[str] = []
    as_cells = csv_module.csv_cells

    def cells(texts: list[str]) -> list[str]:
        quoted.extend(t for t in texts if t.startswith("q"))
        return as_cells(texts)

    monkeypatch.setattr(csv_module, "csv_cells", cells)
    columns = AnnotationColumns.of_annotations(sorted(annotations, key=reading_order))
    parts = iter(csv_module.render_columns(columns, {}, [], options))
    taken = [next(parts), next(parts)]  # the header, then the first two annotations' rows
    assert quoted == ["q0, é", "q1, é"]
    taken += parts
    assert len(quoted) == 9
    assert b"".join(taken).decode("utf-8") == reference_render(annotations, {}, [], options)
