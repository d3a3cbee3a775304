"""Newer wins (the verdict shared by ``import`` and ``merge``): a version we had is skipped as
older only when it is no newer than when we had it, or than ours."""

from __future__ import annotations

import pytest

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.reconcile import Verdict, reconcile


def version(tags: tuple[str, ...], hour: int) -> Annotation:
    return Annotation(
        "a.txt", 0, 4, "Then", tags=tags, id="one", updated=f"2026-11-01T{hour:02d}:00:00Z"
    )


BASE, FIRST, SECOND = version(("b",), 0), version(("b", "y"), 1), version(("b", "y", "x"), 5)
PAST = (BASE, FIRST, FIRST, SECOND)  # the history: before and after each of our two retags


@pytest.mark.parametrize(
    ("theirs", "verdict"),
    [
        (FIRST, Verdict.OLDER),  # our first retag, as we had it
        (version(("b", "y"), 0), Verdict.OLDER),  # it, with an older time
        (version(("b", "y"), 3), Verdict.OLDER),  # made again, but before our second retag
        (version(("b", "y"), 9), Verdict.UPDATE),  # made again after it: newer wins
        (version(("b", "z"), 9), Verdict.UPDATE),
        (version(("b", "z"), 3), Verdict.CONFLICT),  # none of ours, older: kept beside
        (version(("b", "y", "x"), 9), Verdict.UNCHANGED),
    ],
)
def test_a_version_we_had_is_older_only_when_it_is_not_newer(
    theirs: Annotation, verdict: Verdict
) -> None:
    assert reconcile(theirs, SECOND, PAST).verdict is verdict


def test_with_no_history_the_time_decides() -> None:
    assert reconcile(version(("b", "z"), 3), SECOND).verdict is Verdict.OLDER
    assert reconcile(version(("b", "z"), 9), SECOND).verdict is Verdict.UPDATE
    assert reconcile(version(("b", "z"), 9), None).verdict is Verdict.ADD


@pytest.mark.parametrize(
    "note", ["see \x1b[31mred\x1b[0m", "a\x7fb", "bell\x07", "line\u2028sep", "\u202eevil"]
)
def test_ours_as_the_exports_write_it_is_ours_unchanged(note: str) -> None:
    from dataclasses import replace

    from tui_reader.core.interchange.export_text import clean_annotation

    ours = replace(SECOND, note=note)
    exported = clean_annotation(ours)
    assert exported.note != note  # the export gate wrote it otherwise
    assert reconcile(exported, ours, PAST).verdict is Verdict.UNCHANGED
    assert reconcile(exported, None, (BASE, ours), deleted=True).verdict is Verdict.DELETED
    # a note changed elsewhere is still theirs
    assert reconcile(replace(exported, note="other"), ours, PAST).verdict is Verdict.CONFLICT


def test_a_passage_changed_by_nobody_but_placed_again_on_our_edited_copy_is_unchanged() -> None:
    # The same moment on both sides: nobody changed it since; ours was placed again on our
    # text after a word in it was fixed.  It was "changed on both sides", theirs kept beside.
    from dataclasses import replace

    placed = replace(SECOND, start=2, end=6, quote="Than")
    assert reconcile(SECOND, placed).verdict is Verdict.UNCHANGED
    # its codes or note changed on one side at that moment: still both sides' change
    assert reconcile(replace(SECOND, tags=("b",)), placed).verdict is Verdict.CONFLICT
