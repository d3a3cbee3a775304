"""Reading an export back: the records of one id in one file."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.importing import normalize, read_annotations


def _record(note: str, updated: str) -> dict[str, object]:
    return {
        "id": "a1",
        "document": "a.txt",
        "start": 0,
        "end": 4,
        "quote": "Some",
        "tags": ["t"],
        "note": note,
        "created": "2020-01-01T00:00:00Z",
        "updated": updated,
    }


def test_of_two_versions_of_one_annotation_in_a_file_the_newer_is_taken() -> None:
    # Two exports pasted together (a newer one first) used to give the one written last.
    newer, older = (
        _record("edited", "2024-05-01T10:00:00Z"),
        _record("first", "2020-01-01T00:00:00Z"),
    )
    for records in ([newer, older], [older, newer]):
        [annotation] = read_annotations(json.dumps(records), Path("in.json"), "json")
        assert annotation.note == "edited"
    same_time = [_record("one", "2024-05-01T10:00:00Z"), _record("two", "2024-05-01T10:00:00Z")]
    [annotation] = read_annotations(json.dumps(same_time), Path("in.json"), "json")
    assert annotation.note == "two"  # at the same moment, the one written later


def test_a_record_of_another_passage_under_a_taken_id_is_kept_apart_and_said() -> None:
    # A script (or a hand edit) gave two passages one id: the second replaced the first
    # without a word, one passage lost.
    other = _record("other", "2024-05-01T10:00:00Z") | {"start": 5, "end": 9, "quote": "text"}
    records = [
        _record("one", "2020-01-01T00:00:00Z"),
        other,
        _record("two", "2021-01-01T00:00:00Z"),
    ]
    said: list[str] = []
    found = read_annotations(json.dumps(records), Path("in.json"), "json", skipped=said)
    assert sorted((a.quote, a.note) for a in found) == [("Some", "two"), ("text", "other")]
    [apart] = [a for a in found if a.quote == "text"]
    assert apart.id != "a1"
    assert said == [
        f"id 'a1' is on another passage too (a.txt: 'text'); it is kept as annotation {apart.id}",
        "id 'a1' is on 2 records of one passage: the newest (changed 2021-01-01T00:00:00Z) "
        "is taken",
    ]
    again = read_annotations(json.dumps(records), Path("in.json"), "json")
    assert {a.id for a in again} == {a.id for a in found}  # the same at each import


def test_passages_placed_by_their_quotes_under_one_id_are_two_annotations() -> None:
    # A W3C file of two annotations under one id (two exports of a tool that numbers its
    # annotations, joined), each placed by its quote alone: both waited at [0, len) to be
    # placed, their ranges overlapped, and they were taken for one passage, one of them
    # lost and said to be an older record of the other.
    items = [
        {
            "id": "#1",
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": tag},
            "target": {
                "source": "a.txt",
                "selector": {"type": "TextQuoteSelector", "exact": exact},
            },
        }
        for tag, exact in (("place", "target word"), ("time", "Last line"))
    ]
    said: list[str] = []
    found = read_annotations(json.dumps(items), Path("in.json"), "w3c", skipped=said)
    assert sorted((a.quote, a.tags) for a in found) == [
        ("Last line", ("time",)),
        ("target word", ("place",)),
    ]
    [apart] = [a for a in found if a.quote == "Last line"]
    assert said == [
        f"id '#1' is on another passage too (a.txt: 'Last line'); it is kept as annotation "
        f"{apart.id}"
    ]


def test_a_document_key_spelt_another_way_is_the_document_s_key() -> None:
    # "./corpus/a.txt" or "corpus//a.txt" named a document of its own: a second column in the
    # report matrix, a second section in the export, for the same file.
    keys = {"a": "./corpus/a.txt", "b": "corpus//a.txt", "c": "corpus/x/../a.txt"}
    records = [_record("one", "") | {"id": n, "document": key} for n, key in keys.items()]
    found = read_annotations(json.dumps(records), Path("in.json"), "json")
    assert {a.document for a in found} == {"corpus/a.txt"}
    assert (
        read_annotations(
            json.dumps([_record("x", "") | {"document": "../shared/a.txt"}]),
            Path("in.json"),
            "json",
        )[0].document
        == "../shared/a.txt"
    )  # a key may climb out of the database's folder


def _normalized_one_by_one(annotation: Annotation) -> Annotation:
    """The plain reading of the rule :func:`normalize` keeps: each tag's parts stripped, their
    runs of spaces one, the empty and repeated names left out; a relative key as
    ``posixpath.normpath`` makes it; a range that cannot be right left for re-anchoring."""
    tags: list[str] = []
    for tag in annotation.tags:
        name = "/".join(filter(None, (re.sub(" +", " ", part.strip()) for part in tag.split("/"))))
        if name and name not in tags:
            tags.append(name)
    changes: dict[str, object] = {"tags": tuple(tags)}
    key = annotation.document
    if key and not key.startswith("/"):
        changes["document"] = posixpath.normpath(key)
    if not 0 <= annotation.start < annotation.end:
        changes.update(start=0, end=max(1, len(annotation.quote)), status=AnchorStatus.ORPHAN)
    return annotation.evolve(**changes)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(st.text(" /ab\t", max_size=6), max_size=4),
    st.sampled_from(["a.txt", "./a.txt", "c//a.txt", "c/x/../a.txt", "/abs/a.txt", "", "."]),
    st.integers(-2, 6),
    st.integers(-2, 6),
)
def test_normalize_is_the_rule_applied_one_annotation_at_a_time(
    tags: list[str], document: str, start: int, end: int
) -> None:
    annotation = Annotation(document, start, end, "quote", tags=tuple(tags))
    assert normalize(annotation) == _normalized_one_by_one(annotation)


def test_a_w3c_file_read_as_json_says_what_it_is() -> None:
    # import --format json of a W3C export said only "expected a JSON array of annotations".
    w3c = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}
    with pytest.raises(ImportFormatError, match="a W3C Web Annotation file, not tui-reader JSON"):
        read_annotations(json.dumps(w3c), Path("out.w3c"), "json")


def test_a_record_without_its_quote_takes_it_from_the_document_or_is_refused(
    tmp_path: Path,
) -> None:
    """A record written by a script with its offsets and an empty quote was imported as an
    orphan of no text, said as "1 new" and never found again (one whose start was its end
    too).  It takes its passage from the document at its offsets, as a W3C target placed by
    its position alone does; one that cannot is named, and nothing is imported."""
    (tmp_path / "a.txt").write_text("Some text about the things.\n", "utf-8")
    db = tmp_path / "annotations.json"
    record = {**_record("", "2020-01-01T00:00:00Z"), "start": 5, "end": 9, "quote": ""}
    text = json.dumps([record])
    [annotation] = read_annotations(text, tmp_path / "in.json", "json", db)
    assert (annotation.quote, annotation.prefix, annotation.suffix) == (
        "text",
        "Some ",
        " about the things.\n",
    )
    assert annotation.status is AnchorStatus.ANCHORED
    # an orphan's offsets are not its place: it is not given the text there
    orphan = {**record, "start": 0, "end": 1, "status": "orphan"}
    [annotation] = read_annotations(json.dumps([orphan]), tmp_path / "in.json", "json", db)
    assert (annotation.quote, annotation.status) == ("", AnchorStatus.ORPHAN)
    for bad, said in (
        ({"start": 5, "end": 5}, "record 'a1': no quote, and an empty range [5, 5)"),
        ({"start": 5, "end": 99}, "record 'a1': no quote, and [5, 99) is past the end of a.txt"),
        ({"document": "b.txt"}, "record 'a1': no quote, and no document b.txt here"),
    ):
        with pytest.raises(ImportFormatError, match=re.escape(said)):
            read_annotations(json.dumps([{**record, **bad}]), tmp_path / "in.json", "json", db)


def test_a_record_s_time_that_cannot_be_read_is_said_and_left_out() -> None:
    # A hand-edited export's "yesterday" was stored as the time, which every W3C and
    # REFI-QDA export then dropped without a word.
    records = [
        _record("one", "soon") | {"created": "yesterday"},
        _record("two", "whenever") | {"id": "a2", "start": 5},
        _record("three", "2024-05-01T10:00:00Z") | {"id": "a3", "start": 6},
    ]
    said: list[str] = []
    found = read_annotations(json.dumps(records), Path("in.json"), "json", skipped=said)
    times = {a.note: (a.created, a.updated) for a in found}
    assert times == {
        "one": ("", ""),
        "two": ("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
        "three": ("2020-01-01T00:00:00Z", "2024-05-01T10:00:00Z"),
    }
    assert said == [
        "record 'a1': its created time 'yesterday' is not a time; imported undated",
        "record 'a1': its updated time 'soon' is not a time; imported undated",
        "record 'a2': its updated time 'whenever' is not a time; imported dated as made",
    ]
