"""The listing's grouping of the small steps a big one pushed out of the history."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.store import history
from tui_reader.core.store.history import DroppedRun, Step, grouped

SHARE = history.MAX_RECORDS // history.MAX_STEPS


def _step(n: int, kind: str) -> Step:
    dropped = kind != "kept"
    records = SHARE + 1 if kind == "big" else 1 if dropped else 0
    return Step(n, "s", "app", "t", 1, False, dropped=dropped, records=records)


def _small_dropped(line: Step | DroppedRun) -> bool:
    return isinstance(line, DroppedRun) or (line.dropped and line.records <= SHARE)


@given(st.lists(st.sampled_from(["kept", "small", "big"]), max_size=40))
def test_grouping_keeps_every_step_in_order_and_leaves_no_run_apart(kinds: list[str]) -> None:
    listed = [_step(len(kinds) - i, kind) for i, kind in enumerate(kinds)]
    lines = grouped(listed)
    flat = [s for line in lines for s in (line.steps if isinstance(line, DroppedRun) else [line])]
    assert flat == listed
    for line in lines:
        if isinstance(line, DroppedRun):
            assert len(line.steps) > 1 and all(_small_dropped(s) for s in line.steps)
    for before, after in itertools.pairwise(lines):
        assert not (_small_dropped(before) and _small_dropped(after))


def test_an_import_and_the_steps_it_pushed_out() -> None:
    listed = [_step(7, "kept"), _step(6, "big"), *(_step(n, "small") for n in range(5, 0, -1))]
    lines = grouped(listed)
    assert lines[:2] == listed[:2]
    assert lines[2] == DroppedRun(tuple(listed[2:]))
    assert lines[2].annotations == 5
