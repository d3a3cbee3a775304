"""A command adds a step to a history it has not parsed when no step leaves it: the changes
and the file written are those of the history parsed first, whatever its steps hold."""

from __future__ import annotations

from typing import Any
from unittest import mock

from helpers.table_changes import assert_step_saved_as_parsed_first, step_saved_in_a_command
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.store import history
from tui_reader.core.store.history import FORGOTTEN
from tui_reader.core.store.snapshot import _entry_bound

# texts with what a count of the line's brackets could take for an entry's end
TEXT = st.sampled_from(
    ["", "a", '["annotations", "', '}]"', ', "]', "null]", "] ]", '}, "9": {"label": ', "é"]
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=2),
    max_leaves=6,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "tags", "note"]) | TEXT, VALUES, max_size=3)
TABLES = st.sampled_from(["annotations", "tags", "memos", "attributes", "tags", "positions"])
ENTRIES = st.lists(st.tuples(TABLES, TEXT, st.none() | RECORDS, st.none() | RECORDS).map(list))


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    table: dict[str, Any] = {}
    keys = draw(st.lists(st.integers(1, 12), unique=True, max_size=7))
    for number in keys:
        dropped = draw(st.booleans())
        key = f"{FORGOTTEN}{number}" if dropped else str(number)
        # entries, or damaged ones (a database edited by hand: positions are not recorded)
        changes = draw(ENTRIES.filter(lambda e: len(e) <= 4) | st.lists(VALUES, max_size=2))
        record: dict[str, Any] = {"label": draw(TEXT), "origin": "", "when": "2026-01-01T00:00:00Z"}
        if dropped and draw(st.booleans()):
            record["dropped"] = {"label": "x", "records": len(changes)}
        record["changes"] = changes
        record["undone"] = draw(st.sampled_from([None, None, None, 1]))
        table[key] = record
    return table


@settings(max_examples=300, deadline=None)
@given(histories(), ENTRIES.filter(lambda e: 0 < len(e) <= 3))
def test_a_step_is_saved_as_with_the_history_parsed_first(
    table: dict[str, Any], entries: list[Any]
) -> None:
    entries = [e for e in entries if e[0] != "positions"] or [["tags", "", None, {"name": "a"}]]
    entries = [e for e in entries if e[2] != e[3]] or [["tags", "", None, {"name": "b"}]]
    with mock.patch.object(history, "MAX_RECORDS", 5), mock.patch.object(history, "MAX_STEPS", 5):
        assert_step_saved_as_parsed_first(table, entries)


def test_a_step_on_a_long_history_leaves_it_unparsed() -> None:
    """Ten steps of 400 passages each: the new step is the history's line and the step after
    it, the steps before never parsed (each change parsed them all: 0.25-0.5 s with 44,000
    entries)."""
    passage = {"id": "a", "document": "d.txt", "start": 1, "end": 2, "tags": ["t", "u"]}
    table = {
        str(n): {
            "label": f"rename tag t{n} → u{n}",
            "origin": "",
            "when": "2026-01-01T00:00:00Z",
            "annotations": 400,
            "changes": [["annotations", str(i), passage, dict(passage)] for i in range(400)],
            "undone": None,
        }
        for n in range(1, 11)
    }
    entries = [["tags", "9", {"name": "t"}, {"name": "v"}]]
    changes, written, parsed = step_saved_in_a_command(table, entries, parsed_first=False)
    old_changes, old_written, _ = step_saved_in_a_command(table, entries, parsed_first=True)
    assert not parsed
    assert changes == old_changes == [("history", "11", changes[0][2])]
    assert written == old_written


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([b"]", b'"', b"}", b"a", b'"]', b"]]", b"\xc3\xa9"])),
    st.integers(-3, 12),
)
def test_the_entries_bound_is_the_count_of_brackets_no_quote_stands_before_up_to_the_most(
    pieces: list[bytes], most: int
) -> None:
    """Counted up to ``most``: the count of ``]`` less that of ``"]`` (a ``]`` first in the
    line and a ``"`` last are no pair), or past ``most``, ``most + 1`` (0 below 0)."""
    value = b"".join(pieces)
    exact = value.count(b"]") - value.count(b'"]')
    assert _entry_bound(value, most) == min(exact, max(most + 1, 0))
