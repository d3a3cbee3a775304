"""The plain texts of each corpus folder that are Markdown exports of ours, kept between
listings by the folder's modification time."""

from __future__ import annotations

import os
import time
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.own_texts import RECENT, OwnTexts

_NAMES = st.sets(st.text(st.sampled_from("ab.txé\udcff 1"), min_size=1, max_size=6), max_size=5)


@settings(max_examples=examples(100))
@given(names=_NAMES, age=st.integers(0, 2 * RECENT), later=st.integers(-2, 2))
def test_a_folder_is_known_again_only_at_the_time_it_was_kept(
    names: set[str], age: int, later: int
) -> None:
    """What was kept of a folder is given back while its time is the one it was kept at,
    never when the folder has another time, nor when it had changed a moment before it was
    read (kept then, a file added in the same tick of the folder's clock would be missed)."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "library" / "ours.json"
        folder = os.path.join(scratch, "corpus")
        paths = {os.path.join(folder, name) for name in names}
        modified = time.time_ns() - age
        before = time.time_ns()
        first = OwnTexts(cache, "rules")
        assert first.ours(folder, modified) is None  # never seen
        first.keep(folder, modified, paths)
        first.save()
        kept = age > RECENT + 1_000_000_000  # (a second's slack for a slow run)
        second = OwnTexts(cache, "rules")
        again = second.ours(folder, modified + later)
        if later == 0 and kept:
            assert again == paths
            # its texts changed from a moment before they were looked at are read again
            since = second.changed_since(folder)
            assert before - RECENT <= since <= time.time_ns() - RECENT
        elif later != 0 or age <= RECENT:
            assert again is None
        # another rule of what is ours: nothing kept is trusted
        assert OwnTexts(cache, "other rules").ours(folder, modified) is None


def test_a_damaged_or_unwritable_cache_is_none_kept(tmp_path: Path) -> None:
    folder, old = str(tmp_path / "c"), 1_700_000_000_000_000_000
    cache = tmp_path / "library" / "ours.json"
    cache.parent.mkdir()
    for damaged in (b"", b"{", b'{"version": 1, "documents": {"x": 3}}', b"\xff", b"[1]"):
        cache.write_bytes(damaged)
        assert OwnTexts(cache, "rules").ours(folder, old) is None
    for damaged in (b"[%d, []]", b'[%d, [], "x"]'):  # an earlier version's, a bad time
        cache.write_bytes(
            b'{"version": 3, "documents": {"%s": %s}, "rules": "rules"}'
            % (folder.encode(), damaged % old)
        )
        assert OwnTexts(cache, "rules").ours(folder, old) is None
    whole = b'{"version": %d, "documents": {"%s": [%d, ["a", 3], %d]}, "rules": "rules"}'
    # the version that told the plain texts alone: its folders' Markdown files not told
    cache.write_bytes(whole % (2, folder.encode(), old, old + 5))
    assert OwnTexts(cache, "rules").ours(folder, old) is None
    cache.write_bytes(whole % (3, folder.encode(), old, old + 5))
    kept = OwnTexts(cache, "rules")
    assert kept.ours(folder, old) == {os.path.join(folder, "a")}
    assert kept.changed_since(folder) == old + 5 - RECENT
    blocked = tmp_path / "file"
    blocked.write_bytes(b"x")
    texts = OwnTexts(blocked / "library" / "ours.json", "rules")  # a file in its way
    texts.keep(folder, old, {os.path.join(folder, "b")})
    texts.save()  # unsaid: a cache only saves time
    assert blocked.read_bytes() == b"x"
    nothing = OwnTexts(None, "rules")
    nothing.keep(folder, old, set())
    nothing.save()
    assert nothing.ours(folder, old) is None
