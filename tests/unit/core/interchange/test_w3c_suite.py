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
from tui_reader.core.interchange.w3c import render


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
