"""A cache file is written whole or not at all, and a failed write says nothing but False."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from tui_reader.core.cache_files import write_cache_file


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
