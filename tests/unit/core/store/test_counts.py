"""The store's counts per code and per coder, counted a column at a time in C when every
record's codes are a list of text and every coder a text or none, are the counts a record at
a time (as they were counted before), whatever the records hold."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import record_tags
from tui_reader.core.store import tag_edits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import coder_of, default_coder_of

MISSING = object()
TAGS = st.one_of(
    st.lists(st.sampled_from(["a", "b", "a/c", "d"]), max_size=4),
    st.lists(st.one_of(st.sampled_from(["a", "b"]), st.integers(0, 2)), max_size=3),
    st.lists(st.one_of(st.just("a"), st.lists(st.just("a"), max_size=1)), max_size=2),
    st.text("ab", max_size=3),
    st.none(),
    st.just(0),
    st.just(MISSING),
)
CODERS = st.one_of(
    st.sampled_from(["ana", "ben", ""]), st.none(), st.integers(0, 1), st.just(MISSING)
)


def _record(n: int, tags: object, coder: object) -> dict[str, Any]:
    record: dict[str, Any] = {"id": f"id{n}", "document": f"{n % 3}.txt", "start": 0, "end": 4}
    record["quote"] = "text"
    if tags is not MISSING:
        record["tags"] = tags
    if coder is not MISSING:
        record["coder"] = coder
    return record


def _tag_counts(store: AnnotationStore, coders: set[str] | None) -> dict[str, int]:
    """The counts a record at a time."""
    counts = {tag.name: 0 for tag in store.tags()}
    records = store._tables.data["annotations"]
    default = default_coder_of(store._tables.data)
    for doc_id in store._index.keys:
        if coders is not None and coder_of(records[doc_id], default) not in coders:
            continue
        for name in dict.fromkeys(record_tags(records[doc_id].get("tags"))):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _coder_counts(store: AnnotationStore) -> dict[str, int]:
    counts: dict[str, int] = {}
    records = store._tables.data["annotations"]
    default = default_coder_of(store._tables.data)
    for doc_id in store._index.keys:
        coder = coder_of(records[doc_id], default)
        counts[coder] = counts.get(coder, 0) + 1
    return dict(sorted(counts.items()))


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(st.tuples(TAGS, CODERS), max_size=12),
    st.sampled_from(["", "ana", "zoe"]),
    st.none() | st.sets(st.sampled_from(["ana", "ben", "zoe", ""]), max_size=2),
)
def test_counts_a_column_at_a_time_are_the_counts_a_record_at_a_time(
    rows: list[tuple[object, object]], default: str, coders: set[str] | None
) -> None:
    tables = {
        "annotations": {str(n): _record(n, t, c) for n, (t, c) in enumerate(rows, 1)},
        "tags": {"1": {"name": "d"}, "2": {"name": "a"}},
        "meta": {"1": {"schema_version": 1}, "2": {"default_coder": default}},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotations.json"
        path.write_text(json.dumps(tables))
        store = AnnotationStore(path, read_only=True)
        assert list(store.tag_counts(coders).items()) == list(_tag_counts(store, coders).items())
        assert list(store.coder_counts().items()) == list(_coder_counts(store).items())


def test_codes_edited_by_hand_into_a_text_or_a_list_in_a_list_are_counted_as_the_app_shows(
    tmp_path: Path,
) -> None:
    """A text is one code's name; a list in the list names no code (it was counted as the
    code "['x']"): the record is unreadable, said, and counted by no code."""
    tables = {
        "annotations": {
            "1": _record(1, "border", None),  # one code's name, never its letters
            "2": _record(2, [["x"], "border"], None),  # a list in the list: not a crash
        },
        "tags": {"1": {"name": "border"}},
        "meta": {"1": {"schema_version": 1}},
    }
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(tables))
    with AnnotationStore(path, read_only=True) as store:
        assert store.tag_counts() == {"border": 1}
        assert [p.split(": ", 1)[1] for p in store.problems] == [
            'annotation record 2 is unreadable (its tags hold ["x"], which names no code)'
        ]


def _user_count(store: AnnotationStore, name: str, children: bool) -> int:
    """The annotations tagged ``name`` (or under it), each record's codes read alone."""
    records = store._tables.data["annotations"]
    return sum(
        any(t == name or (children and t.startswith(name + "/")) for t in record_tags(tags))
        for tags in (records[i].get("tags") for i in store._index.keys)
    )


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(TAGS, max_size=12),
    st.sampled_from(["a", "a/c", "b", "e"]),
    st.booleans(),
)
def test_the_users_of_a_code_found_by_its_names_are_those_a_record_at_a_time(
    rows: list[object], name: str, children: bool
) -> None:
    tables = {
        "annotations": {str(n): _record(n, t, None) for n, t in enumerate(rows, 1)},
        "tags": {"1": {"name": "d"}, "2": {"name": "a"}},
        "meta": {"1": {"schema_version": 1}},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotations.json"
        path.write_text(json.dumps(tables))
        store = AnnotationStore(path, read_only=True)
        assert store.tag_user_count(name, children) == _user_count(store, name, children)


def test_a_code_renamed_or_counted_for_its_delete_reads_no_record_s_codes_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook's delete asks how many annotations lose a code (in the app, before the
    question shows) and a rename finds the code's users: each read every record's codes
    again, a code at a time, 1.5 s for 100,000 records; the records as the store writes them
    are read by the names they hold, each once."""
    tables = {
        "annotations": {
            str(n): _record(n, ["theme/a" if n % 3 else "theme", "other"], None)
            for n in range(1, 301)
        },
        "tags": {"1": {"name": "theme"}, "2": {"name": "theme/a"}, "3": {"name": "other"}},
        "meta": {"1": {"schema_version": 1}},
    }
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(tables))
    reads: list[object] = []

    def counted(value: object) -> tuple[str, ...]:
        reads.append(value)
        return record_tags(value)

    monkeypatch.setattr(tag_edits, "record_tags", counted)
    with AnnotationStore(path) as store:
        assert store.tag_user_count("theme", children=True) == 300
        assert store.tag_user_count("theme") == 100
        assert store.tag_user_count("nothing") == 0
        assert store.rename_tag("theme", "topic") == 300
        assert store.tag_counts()["topic/a"] == 200
        assert store.tag_user_count("topic/a") == 200
    assert reads == []
