"""The Markdown export's blocks kept by document between exports: taken for the same facts,
made again for others, and the file never the truth."""

from __future__ import annotations

import json
from pathlib import Path

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange.kept_blocks import KeptBlocks, facts_digest, release

BLOCKS = ["> The border\n\n^a1\n\n- Location: line 1 · 0%", "> the road\n\n^b2\n\n- Location: …"]


class _EveryKeyPlaced(PlacementCache):
    """A placement cache that knows every document as placed."""

    def __init__(self) -> None:
        super().__init__(None)

    def mark(self, key: str) -> tuple[int, int, int, int, str] | None:
        return (1, 2, 3, 4, "m")


def _kept(path: Path) -> KeptBlocks:
    return KeptBlocks(path, _EveryKeyPlaced())


def test_blocks_kept_are_taken_for_the_same_facts_alone(tmp_path: Path) -> None:
    path = tmp_path / "blocks.json"
    digest = facts_digest(["a1", "b2"], ["The border", "the road"])
    kept = _kept(path)
    kept.put("a.txt", digest, BLOCKS)
    kept.save()
    again = _kept(path)
    assert again.known("a.txt", digest, 2) == BLOCKS
    assert again.known("a.txt", digest, 3) is None  # another count of passages
    assert again.known("a.txt", facts_digest(["a1", "b2"], ["The border", "the roads"]), 2) is None
    assert again.known("b.txt", digest, 2) is None


def test_facts_that_run_together_alike_are_told_apart() -> None:
    assert facts_digest(["ab"], ["c"]) != facts_digest(["a"], ["bc"])
    assert facts_digest(["a", "b"]) != facts_digest(["ab", ""])
    assert facts_digest(["\ud800"]) != facts_digest(["\ud801"])  # a lone surrogate too


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "blocks.json"
    digest = facts_digest(["a1"])
    kept = _kept(path)
    kept.put("a.txt", digest, BLOCKS[:1])
    kept.save()
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    assert _kept(path).known("a.txt", digest, 1) is None
    for record in ([[digest, [1]]], [[digest]], [], "x", [[digest, "block"]]):
        data = {"version": release(), "documents": {"a.txt": record}}
        path.write_text(json.dumps(data), "ascii")
        assert _kept(path).known("a.txt", digest, 1) is None, record


def test_a_file_that_cannot_be_written_is_left_unsaved(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", "utf-8")
    path = tmp_path / "a-file" / "blocks.json"  # (its folder a file: no folder made)
    kept = _kept(path)
    kept.put("a.txt", facts_digest(["a1"]), BLOCKS[:1])
    kept.save()  # no error
    assert not path.exists()
