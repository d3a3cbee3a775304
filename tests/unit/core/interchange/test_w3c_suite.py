"""The W3C export against the W3C Web Annotation test suite's required checks (its "musts"
JSON schemas, vendored in ``data/w3c-annotation-tests``), URI formats checked, and against
the "should" assertions of its optionals tests that the export can meet soundly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers.w3c_suite import should_failures, suite_failures

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


# The suite's "should" assertions an annotation of the export meets: a body's and a target's
# format (a code and a note are plain text; the target's file's media type), an annotation's
# generator as the collection's (the software), besides what it met before.  Those it does not
# meet, and why: a body's language and a target's but a book's (not known of a note or a text), a body's
# or a target's own creator and time (the annotation's are theirs), conformsTo (of a
# FragmentSelector, which it writes none of), an agent's id (a coder and tui-reader have no
# IRI) and nickname (a coder's name is the one the database keeps).
ANNOTATION_SHOULDS = [
    "annotations/3.3.1-annotationCreatedImplemented.json",
    "annotations/3.3.5-annotationSingleMotivationImplemented.json",
    "annotations/bodiesTargets/3.2.1-targSingleFormat.json",
    "annotations/specificResource/4.2.4-prefix.json",
    "annotations/specificResource/4.2.4-suffix.json",
    "annotations/3.3.2-annotationGeneratorAgentTypeImplemented.json",
    "annotations/3.3.2-annotationGeneratorAgentSingleNameImplemented.json",
]
# of an annotation with a code or a note (a highlight has no body: the model allows none)
BODY_SHOULDS = [
    "annotations/3.1-bodyKeyFound.json",
    "annotations/bodiesTargets/3.2.1-bodySingleFormat.json",
    "annotations/bodiesTargets/3.2.4-bodyETBTypeTextualBody.json",
]
# of an annotation whose coder is known (one made before coders were recorded names none)
CREATOR_SHOULDS = [
    "annotations/3.3.1-annotationSingleCreatorImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentTypeImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json",
]
COLLECTION_SHOULDS = [
    "collections/5.1-collectionLabelImplemented.json",
    "collections/5.1-collectionLastImplemented.json",
    "collections/5.1-collectionTotalImplemented.json",
]
PAGE_SHOULDS = [
    "collections/pages/5.2-pagePartOfImplemented.json",
    "collections/pages/5.2-pageStartIndexImplemented.json",
]


def test_every_annotation_meets_the_shoulds_it_can(exported: dict[str, Any]) -> None:
    """A target said nothing of its file's format (a PDF's passages counted in its text, a
    web page's as shown), a code's body nothing of its own, and an annotation named no
    generator, where the model says each SHOULD be there (the collection named one)."""
    items = exported["first"]["items"]
    for item in items:
        standalone = {"@context": exported["@context"], **item}
        assert should_failures(ANNOTATION_SHOULDS, standalone) == []
        if "body" in item:
            assert should_failures(BODY_SHOULDS, standalone) == []
        if "creator" in item:
            assert should_failures(CREATOR_SHOULDS, standalone) == []
    assert any("body" in item for item in items) and any("creator" in item for item in items)
    assert {item["target"]["format"] for item in items} == {"text/plain"}
    assert {item["generator"]["name"] for item in items} == {exported["generator"]["name"]}


def test_the_collection_and_its_page_meet_their_shoulds(exported: dict[str, Any]) -> None:
    """The collection named its first page and not its last (the same one), a SHOULD."""
    collection = {k: v for k, v in exported.items() if k != "first"}
    collection["first"] = exported["first"]["id"]
    assert should_failures(COLLECTION_SHOULDS, collection) == []
    assert exported["last"] == exported["first"]["id"]
    page = {"@context": exported["@context"], **exported["first"]}
    assert should_failures(PAGE_SHOULDS, page) == []


@pytest.mark.parametrize(
    ("key", "media_type"),
    [
        ("p/interview.txt", "text/plain"),
        ("p/notes", "text/plain"),
        ("paper.PDF", "application/pdf"),
        ("a.b/story.html", "text/html"),
        ("r.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("book.epub", "application/epub+zip"),
        ("call.vtt", "text/vtt"),
        ("call.srt", None),
        ("v1.0/readme", "text/plain"),
    ],
)
def test_a_targets_format_is_its_files_media_type(key: str, media_type: str | None) -> None:
    from tui_reader.core.interchange.w3c import target_format

    assert target_format(key) == media_type


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("en", "en"),
        ("EN-GB", "en-GB"),
        ("pt_BR", "pt-BR"),
        (" fr ", "fr"),
        ("English", None),
        ("und", None),
        ("", None),
        (5, None),
    ],
)
def test_a_documents_language_is_a_tag_the_model_takes(given: object, tag: str | None) -> None:
    from tui_reader.core.interchange.w3c import language_tag

    assert language_tag(given) == tag
