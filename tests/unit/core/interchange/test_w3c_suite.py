"""The W3C export against the W3C Web Annotation test suite's required checks (its "musts"
JSON schemas, vendored in ``data/w3c-annotation-tests``), URI formats checked."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers.w3c_suite import suite_failures

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange import ExportOptions
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.w3c import render, render_columns


@pytest.fixture
def exported(
    annotations: list[Annotation], seed_documents: dict[str, Document], options: ExportOptions
) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(annotations, seed_documents, [], options))
    return data


def test_every_annotation_passes_the_annotation_musts(exported: dict[str, Any]) -> None:
    items = exported["first"]["items"]
    assert items
    for item in items:
        standalone = {"@context": exported["@context"], **item}
        assert suite_failures("annotations/annotationMusts.test", standalone) == []


def test_the_collection_and_its_page_pass_their_musts(exported: dict[str, Any]) -> None:
    collection = {k: v for k, v in exported.items() if k != "first"}
    collection["first"] = exported["first"]["id"]
    assert suite_failures("collections/collectionMusts.test", collection) == []
    page = {"@context": exported["@context"], **exported["first"]}
    assert suite_failures("collections/pages/pageMusts.test", page) == []


def test_a_relative_source_is_what_the_suite_refuses() -> None:
    """The check is real: the old relative ``source`` fails "target recognised"."""
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": "Annotation",
        "target": {"source": "docs_corpus/a b.txt", "selector": []},
    }
    failures = suite_failures("annotations/annotationMusts.test", annotation)
    assert any("3.2-targetObjectsRecognized" in f for f in failures)


def test_times_another_tool_gave_are_written_in_utc_as_the_model_requires(
    options: ExportOptions,
) -> None:
    """The model requires created and modified in UTC, written with "Z" (the suite checks an
    RFC 3339 date-time): a time imported with its offset ("+01:00") or with none (a date
    alone, "2020-02-28") was written as it came, the latter as "2020-02-28T00:00:00", no
    date-time at all; both ways of writing the items (the template and the tree)."""
    annotation = Annotation(
        document="a.txt",
        start=0,
        end=4,
        quote="Some",
        id="a1",
        created="2020-02-28T09:00:00+01:00",
        updated="2020-02-28",
    )
    tree = json.loads(render([annotation], {}, [], options))
    columns = AnnotationColumns.of_annotations([annotation])
    template = json.loads(b"".join(render_columns(columns, {}, [], options)))
    for exported in (tree, template):
        [item] = exported["first"]["items"]
        assert (item["created"], item["modified"]) == (
            "2020-02-28T08:00:00Z",
            "2020-02-28T00:00:00Z",
        )
        standalone = {"@context": exported["@context"], **item}
        assert suite_failures("annotations/annotationMusts.test", standalone) == []
