"""A cache file is written whole or not at all, and a failed write says nothing but False."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from tui_reader.core.cache_files import (
    read_cache_documents,
    write_cache_documents,
    write_cache_file,
)


def test_a_cache_file_is_written_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "facts.json"
    assert write_cache_file(path, lambda handle: handle.write(b"{}"))
    assert path.read_bytes() == b"{}"
    assert [p.name for p in path.parent.iterdir()] == ["facts.json"]  # no temporary left


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b"old")

    def failing(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError("disk full")

    assert not write_cache_file(path, failing)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.json"]


def test_a_folder_that_cannot_be_made_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not write_cache_file(blocker / "facts.json", lambda handle: handle.write(b"{}"))


def test_json_caches_read_back_only_their_own_version(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "facts.json"
    assert read_cache_documents(path, 1) == {}  # none yet
    assert write_cache_documents(path, 1, {"a.txt": [1, "T"], "é.txt": []})
    assert read_cache_documents(path, 1) == {"a.txt": [1, "T"], "é.txt": []}
    assert read_cache_documents(path, 2) == {}  # another version's
    for damaged in (b"", b"{", b"[]", b'{"version": 1, "documents": []}', b"\xff\xfe"):
        path.write_bytes(damaged)
        assert read_cache_documents(path, 1) == {}


def test_a_write_stopped_by_ctrl_c_leaves_no_temporary(tmp_path: Path) -> None:
    """ctrl+c while a cache was written (a big corpus's facts or placements, a command's
    last moment) left its half-written file beside the cache for good: nothing removes it.
    It is removed, the old cache kept, and the ctrl+c goes on."""
    path = tmp_path / "facts.json"
    path.write_bytes(b"old")

    def interrupted(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_cache_file(path, interrupted)
    assert [p.name for p in tmp_path.iterdir()] == ["facts.json"]
    assert path.read_bytes() == b"old"
