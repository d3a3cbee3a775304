"""The history's bounds over many steps: the steps listed, those dropped for their size among
them, stay within :data:`~history.MAX_STEPS`; what the steps gone deleted stays known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from helpers.counting import first_arguments
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.history_records import listed_steps
from tui_reader.core.store.index import HISTORY

STEPS, RECORDS = 6, 12  # the bounds, small enough for a few dozen steps to go past them
WHEN = "2026-01-01T00:00:00Z"  # a step's time, as the store records it


def _save(table: dict[str, Any], made: int, size: int, deleting: bool) -> list[str]:
    """A step of ``size`` passages made (or, ``deleting``, deleted) saved into ``table`` as
    the store saves it; the ids of the passages."""
    ids = [f"p{made + i}" for i in range(size)]
    entries = [
        ["annotations", ident, {"id": ident}, None]
        if deleting
        else ["annotations", ident, None, {"id": ident}]
        for ident in ids
    ]
    label = "delete" if deleting else "import"
    for _, key, record in history.step_changes({HISTORY: table}, entries, label, "", WHEN):
        assert key is not None
        if record is None:
            table.pop(key, None)
        else:
            table[key] = record
    return ids


def _listed(table: dict[str, Any]) -> list[history.Step]:
    return listed_steps(table, None)


@pytest.fixture
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "MAX_STEPS", STEPS)
    monkeypatch.setattr(history, "MAX_RECORDS", RECORDS)


def test_big_imports_one_after_another_list_no_more_than_the_history_keeps(
    small_bounds: None,
) -> None:
    """Each import past the records pushed out the small steps before it, each kept as a
    note listed as dropped and never pruned: every round of steps and an import made the
    listing longer (37 steps listed of a history of 10 after six rounds)."""
    table: dict[str, Any] = {}
    made = 0
    for _ in range(6):
        for _ in range(3):
            made += len(_save(table, made, 1, deleting=False))
        made += len(_save(table, made, RECORDS + 3, deleting=False))
    _save(table, made, 1, deleting=False)
    listed = _listed(table)
    assert len(listed) == STEPS, [(s.id, s.dropped) for s in listed]
    assert [s.id for s in listed] == list(range(25, 25 - STEPS, -1))  # the newest, in order
    assert listed[1].dropped and listed[1].records == RECORDS + 3  # the last import


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(st.integers(1, RECORDS + 4), st.booleans()), max_size=40))
def test_the_listing_stays_within_the_bounds_and_deletions_stay_known(
    steps: list[tuple[int, bool]],
) -> None:
    """Whatever the steps' sizes, the listing holds the newest steps, at most MAX_STEPS of
    them; and every passage deleted by a step no longer in the history is still known as
    deleted (a merge reads it so), the notes of steps dropped for their size pruned or not."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "MAX_STEPS", STEPS)
        patch.setattr(history, "MAX_RECORDS", RECORDS)
        table: dict[str, Any] = {}
        made, deleted = 0, {}
        for n, (size, deleting) in enumerate(steps, 1):
            ids = _save(table, made, size, deleting)
            made += size
            if deleting:
                deleted[n] = ids
            listed = _listed(table)
            assert len(listed) <= STEPS
            assert listed[0].id == n and not listed[0].dropped  # the newest whole
            assert [s.id for s in listed] == sorted({s.id for s in listed}, reverse=True)
        gone = history.tombstones(table)
        for n, ids in deleted.items():
            if str(n) not in table:
                assert all(("annotations", ident) in gone for ident in ids), n


def test_a_save_counts_the_entries_of_the_steps_kept_once_not_at_every_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each save weighs the steps kept against the history's bounds by their sizes: every
    entry of every step was checked again at each save, a highlight's too (38,000 after two
    renames of a code used 19,000 times, 0.1 s a save).  Now each step's are checked once,
    the sizes kept for the saves after while its record stays the same."""
    checked = first_arguments(monkeypatch, history, "_well_formed")
    with AnnotationStore(tmp_path / "annotations.json") as store:
        quotes = [Annotation(document="a.txt", start=0, end=4, quote="text") for _ in range(300)]
        store.put_many(quotes)
        store.set_tag(Tag(name="first"))
        checked.clear()
        for name in ("second", "third"):
            store.set_tag(Tag(name=name))
        assert len(checked) <= 2  # the new steps' own entries, one each
        assert [s.label for s in store.history()][:2] == [
            "set colour/description of third",
            "set colour/description of second",
        ]


def test_a_step_dropped_for_its_size_has_its_entries_read_once_as_it_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A step dropped from the history leaves what it did (:func:`history.forgotten`): the
    first step after an import of 100,000 passages read the import's entries once more to
    count them for the note (about 0.2 s).  They are read once."""
    import_step = {
        "label": "import",
        "when": "2026-01-01T00:00:00Z",
        "annotations": 3,
        "changes": [["annotations", f"{n}", None, {"id": f"p{n}"}] for n in range(3)],
    }
    read: list[object] = []
    step_entries = history.step_entries

    def counted(record: dict[str, Any]) -> list[Any] | None:
        read.append(record)
        return step_entries(record)

    monkeypatch.setattr(history, "step_entries", counted)
    kept = history.forgotten(import_step, {("annotations", "p1")}, too_big=True)
    assert kept is not None
    assert kept[history.DROPPED]["records"] == 3
    assert kept["changes"] == [["annotations", "", None, {"id": "p1"}]]  # made again
    assert len(read) == 1


def test_a_big_import_dropped_for_the_next_step_has_its_entries_looked_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The step after an import bigger than the history's bound drops it: its entries were
    checked once to weigh the step, again to keep what it did, and then each was looked at in
    Python for what it deleted (0.25 s for the 100,000 of the bench's import, which deleted
    nothing).  They are checked once, and an import that deleted nothing, while nothing is
    known deleted, is not looked at entry by entry; what is kept of it is the same."""
    table: dict[str, Any] = {}
    monkeypatch.setattr(history, "MAX_RECORDS", RECORDS)
    _save(table, 0, RECORDS + 5, deleting=False)  # the import, kept whole as the newest
    monkeypatch.setattr(history, "_STEP_SIZES", history.StepSizes())  # as a command starts
    checked = first_arguments(monkeypatch, history, "_well_formed")
    marked = first_arguments(monkeypatch, history, "_marks")
    _save(table, 100, 1, deleting=False)
    assert len(checked) == RECORDS + 5 + 1  # the import's entries and the new step's
    assert marked == []
    note = table[f"{history.FORGOTTEN}1"]
    assert note[history.DROPPED]["records"] == RECORDS + 5
    assert note["changes"] == []
    assert [s.id for s in _listed(table)] == [2, 1] and _listed(table)[1].dropped


def _forgotten_entries_as_it_was(
    had: list[Any], gone: set[tuple[str, str]]
) -> tuple[list[Any], set[tuple[str, str]]]:
    """What forgotten kept of each entry, every entry looked at, and ``gone`` after."""
    gone = set(gone)
    entries: list[Any] = []
    for entry in had:
        table, _, before, after = entry
        marks = history._marks(entry)
        if any(deleted or mark in gone for mark, deleted in marks):
            if table == "tags":
                entries.append([table, "", history._named(before), history._named(after)])
            elif table == "attributes":
                entries.append([table, "", before, after])
            elif after is None:
                entries.append([table, "", before, None])
            else:
                entries.append([table, "", None, {"id": after["id"]}])
        for mark, deleted in marks:
            (gone.add if deleted else gone.discard)(mark)
    return entries, gone


IDS = st.sampled_from(["p1", "p2", "p3"])
SIDES = st.none() | st.builds(lambda i, n: {"id": i, "n": n}, IDS, st.integers(0, 2))
ENTRIES = st.one_of(
    st.tuples(st.sampled_from(["annotations", "memos"]), st.just("1"), SIDES, SIDES),
    st.tuples(
        st.just("tags"),
        st.just("1"),
        st.none() | st.builds(lambda n: {"name": n}, st.sampled_from(["a", "b"])),
        st.none() | st.builds(lambda n: {"name": n}, st.sampled_from(["a", "b"])),
    ),
    st.tuples(
        st.just("attributes"),
        st.just("1"),
        st.none() | st.builds(lambda v: {"document": "d", "values": v}, st.dictionaries(IDS, IDS)),
        st.none() | st.builds(lambda v: {"document": "d", "values": v}, st.dictionaries(IDS, IDS)),
    ),
).map(list)
MARKS = st.sets(
    st.tuples(st.sampled_from(["annotations", "memos", "tags"]), st.sampled_from(["p1", "a"]))
)


@given(st.lists(ENTRIES, max_size=6), MARKS, st.booleans())
def test_what_a_dropped_step_keeps_is_what_each_entry_looked_at_kept(
    had: list[Any], gone: set[tuple[str, str]], too_big: bool
) -> None:
    """Whatever the step's entries (made, edited, deleted, codes and attributes changed) and
    whatever is known deleted, forgotten keeps what looking at each entry kept, and leaves
    ``gone`` as that did."""
    step = {"label": "s", "when": "2026-01-01T00:00:00Z", "annotations": 1, "changes": had}
    expected, gone_after = _forgotten_entries_as_it_was(had, gone)
    kept = history.forgotten(step, gone, too_big=too_big)
    assert gone == gone_after
    if not expected and not too_big:
        assert kept is None
    else:
        assert kept is not None and kept["changes"] == expected
        assert (history.DROPPED in kept) is too_big


def _well_formed_as_it_was(entry: object) -> bool:
    return (
        type(entry) is list
        and len(entry) == 4
        and entry[0] in history.RECORDED
        and type(entry[1]) is str
        and all(side is None or type(side) is dict for side in entry[2:])
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from([*history.RECORDED, "x", ""]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)


@given(
    st.one_of(
        JSON_VALUES,
        st.lists(JSON_VALUES, min_size=4, max_size=4),
        st.tuples(
            st.sampled_from([*history.RECORDED, "positions", 3]),
            st.text(max_size=3) | st.integers(),
            st.none() | st.dictionaries(st.text(max_size=2), JSON_VALUES) | JSON_VALUES,
            st.none() | st.dictionaries(st.text(max_size=2), JSON_VALUES) | JSON_VALUES,
        ).map(list),
    )
)
def test_an_entry_is_told_well_formed_as_before(entry: object) -> None:
    assert history._well_formed(entry) is _well_formed_as_it_was(entry)
