"""The codes' users and counts and the coders' counts, read from the records while the index
of every annotation is not built, are those the index gives, whatever the file holds; a code
renamed or deleted there changes the same records."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import tag_edits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import ANNOTATIONS, StoreIndex
from tui_reader.core.store.tag_edits import tag_users, tagged_ids

TEXT = "Officials from twelve countries attended the conference in Cozumel last week."

# what a hand-edited file or another program does to a record the store wrote
ODDITIES: list[tuple[str, Any]] = [
    ("coder", None),
    ("coder", 3),
    ("tags", ["x/"]),
    ("tags", "x"),
    ("tags", [None]),
    ("tags", 5),
    ("status", "lost"),
    ("revision", -1),
    ("start", "4"),
    ("start", True),
    ("quote", None),
    ("id", None),
    ("whole", ["not", "a", "record"]),
]


@st.composite
def record(draw: st.DrawFn) -> Any:
    start = draw(st.integers(0, 20))
    found: Any = make_annotation(
        "a.txt",
        TEXT,
        start,
        start + 3,
        "",
        tuple(draw(st.lists(st.sampled_from(["x", "x/y", "y"]), max_size=2))),
        coder=draw(st.sampled_from(["ana", "ben"])),
    ).to_record()
    if draw(st.integers(0, 4)) == 0:
        field, value = draw(st.sampled_from(ODDITIES))
        if field == "whole":
            found = value
        elif value is None:
            found.pop(field, None)
        else:
            found[field] = value
    return found


def _read(
    records: dict[str, Any], built: bool, ask: Callable[[AnnotationStore], Any]
) -> tuple[Any, bool]:
    """What ``ask`` gives of a store of ``records`` opened anew (``built``: its index built
    first), and whether the index was built after all."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "db.json"
        path.write_text(json.dumps({ANNOTATIONS: records}), encoding="utf-8")
        patch.setattr(tag_edits, "utc_now", lambda: "2026-12-07T00:00:00Z")
        try:
            with AnnotationStore(path, coder="ana") as store:
                if built:
                    assert store._index.keys is not None
                found = ask(store)
                said = json.dumps(found).replace(folder, "")  # (the problems name it)
                return json.loads(said), not store._index.stale
        except Exception as exc:  # a refusal is an answer too
            return repr(exc).replace(folder, ""), True


def _answers(store: AnnotationStore) -> Any:
    index = store._index
    return [
        tagged_ids(index, "x", children=True),
        tagged_ids(index, "y"),
        [(i, a.to_record()) for i, a in tag_users(index, "x", children=True)],
        store.tag_counts(),
        store.tag_counts(coders=["ben"]),
        store.coder_counts(),
        store.uncoded_count(),
        store.tag_user_count("x", children=True),
        store.problems,
        store.documents(),
        _by_document(store),
    ]


def _by_document(store: AnnotationStore) -> Any:
    """The records by document the store gives, each document's in one order (they are
    given in none)."""
    found, coder = store.records_by_document()
    dumped = {d: sorted(json.dumps(r, sort_keys=True) for r in rs) for d, rs in found.items()}
    return [dumped, coder]


def _renamed(store: AnnotationStore) -> Any:
    count = store.rename_tag("x", "z")
    deleted = store.delete_tag("y")
    return [count, deleted, store._tables.data[ANNOTATIONS]]


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.dictionaries(st.sampled_from([str(n) for n in range(1, 9)]), record(), max_size=6))
def test_read_without_the_index_is_what_the_index_gives(records: dict[str, Any]) -> None:
    for ask in (_answers, _renamed):
        assert _read(records, built=False, ask=ask)[0] == _read(records, built=True, ask=ask)[0]


def test_a_code_renamed_on_a_store_just_opened_builds_no_index(tmp_path: Path) -> None:
    # tags rename on the bench's database built the index of all 100,000 annotations (0.3 s)
    # to count the codes and to find the 4,000 passages of the one renamed
    records = {
        str(n): make_annotation(
            "a.txt", TEXT, n, n + 3, "", (f"c{n % 3}",), coder="ana"
        ).to_record()
        for n in range(1, 10)
    }
    answer, built = _read(records, built=False, ask=lambda store: store.tag_counts())
    assert answer == {"c0": 3, "c1": 3, "c2": 3} and not built
    answer, built = _read(records, built=False, ask=_renamed_c1)
    assert answer == 3 and not built


def test_the_codes_and_coders_counted_then_their_unread_records_asked_build_no_index() -> None:
    # tags and coders count, then ask for the records that could not be read: on the bench's
    # database that built the index of all 100,000 annotations (0.4 s) to find none
    records = {
        str(n): make_annotation(
            "a.txt", TEXT, n, n + 3, "", (f"c{n % 3}",), coder="ana"
        ).to_record()
        for n in range(1, 10)
    }
    for count in (AnnotationStore.tag_counts, AnnotationStore.coder_counts):
        answer, built = _read(records, built=False, ask=lambda s, c=count: [c(s), s.problems])
        assert answer[1] == [] and not built
    records["4"]["start"] = "4"  # one the index cannot read: said, the index built for it
    answer, built = _read(records, built=False, ask=lambda s: [s.coder_counts(), s.problems])
    assert (
        answer
        == [
            {"ana": 8},
            [
                "/db.json: annotation record 4 is unreadable (missing or "
                "bad id, document, start, end or quote)"
            ],
        ]
        and built
    )


def test_the_documents_annotated_are_known_without_building_the_index() -> None:
    # memo list and attr list look for the files of the documents annotated: on the bench's
    # database that built the index of all 100,000 annotations (0.45 s)
    records = {
        str(n): make_annotation(
            f"{'ab'[n % 2]}.txt", TEXT, n, n + 3, "", ("x",), coder="ana"
        ).to_record()
        for n in range(1, 10)
    }
    answer, built = _read(records, built=False, ask=lambda store: store.documents())
    assert answer == ["a.txt", "b.txt"] and not built


def test_the_records_by_document_are_grouped_without_building_the_index() -> None:
    # a query or a report on the bench's database built the index of all 100,000
    # annotations (every record checked a second time, 0.3 s) to group their records
    records = {
        str(n): make_annotation(
            f"{'ab'[n % 2]}.txt", TEXT, n, n + 3, "", ("x",), coder="ana"
        ).to_record()
        for n in range(1, 6)
    }
    answer, built = _read(records, built=False, ask=_by_document)
    starts = {d: sorted(json.loads(r)["start"] for r in rs) for d, rs in answer[0].items()}
    assert starts == {"a.txt": [2, 4], "b.txt": [1, 3, 5]} and answer[1] == "ana"
    assert not built


def _renamed_c1(store: AnnotationStore) -> int:
    return store.rename_tag("c1", "d")


def test_a_record_put_since_the_records_were_looked_at_is_looked_at_too() -> None:
    records: dict[str, Any] = {
        str(n): make_annotation("a.txt", TEXT, n, n + 3, "", ("x",), coder="ana").to_record()
        for n in range(1, 4)
    }
    index = StoreIndex(Path("db.json"))
    index.apply({ANNOTATIONS: records}, None)
    assert index.readable_ids() == ["1", "2", "3"] and index.stale
    records["4"] = dict(records["1"], id="other", start="4")  # no record the index reads
    index.apply({ANNOTATIONS: records}, [(ANNOTATIONS, "4", records["4"])])
    assert index.readable_ids() == ["1", "2", "3"]
    assert len(index.problems) == 1
