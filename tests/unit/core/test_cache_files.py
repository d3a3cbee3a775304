"""A cache file is written whole or not at all, and a failed write says nothing but False."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from helpers.counting import count_calls
from helpers.threads import joined

from tui_reader.core import cache_files
from tui_reader.core.cache_files import (
    read_cache_documents,
    read_cache_more,
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


@pytest.mark.parametrize(
    "records",
    [
        {"a.txt": [1796464188051061533, 10138, "83de5106", False, [[975, 1094], ["", "P01"]]]},
        {"café.txt": [1, "Título"]},  # beyond ASCII: written by json, escaped
        {"a.txt": [2**70, "x"]},  # beyond 64 bits: orjson refuses it
        {"a\ud800.txt": [1]},  # a lone surrogate (a name not in UTF-8)
    ],
)
def test_a_plain_cache_reads_back_as_one_json_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: dict[str, Any]
) -> None:
    monkeypatch.setattr(cache_files, "ORJSON_FROM", 1)  # these few written as many are
    plain, written = tmp_path / "plain.json", tmp_path / "json.json"
    assert write_cache_documents(plain, "v1", records, plain=True, settled=[1, 2])
    assert write_cache_documents(written, "v1", records, settled=[1, 2])
    assert plain.read_bytes().isascii()
    assert read_cache_more(plain, "v1") == read_cache_more(written, "v1")
    assert read_cache_documents(plain, "v1") == records


def test_a_plain_ascii_cache_is_not_written_by_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100,000 places kept: written by orjson in C, not by json's encoder in Python
    many = cache_files.ORJSON_FROM
    records = {f"d{n}.txt": [n, "mark", True, [[n, n + 1], ["", ""]]] for n in range(many)}
    written = count_calls(monkeypatch, cache_files.json, "dumps")
    assert write_cache_documents(tmp_path / "places.json", "v1", records, plain=True)
    assert written.calls == 0
    assert read_cache_documents(tmp_path / "places.json", "v1") == records


def test_a_plain_cache_of_a_few_documents_is_written_without_loading_orjson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading orjson (with uuid and platform, which a command reading annotations leaves
    out) costs more than json takes to write a few documents' places: a query's cache of a
    small corpus loaded them for nothing."""
    records = {f"d{n}.txt": [n, "mark"] for n in range(cache_files.ORJSON_FROM - 1)}
    written = count_calls(monkeypatch, cache_files, "_plain_ascii")
    assert write_cache_documents(tmp_path / "places.json", "v1", records, plain=True)
    assert written.calls == 0
    assert read_cache_documents(tmp_path / "places.json", "v1") == records


def test_a_fifo_in_a_caches_place_is_never_waited_on(tmp_path: Path) -> None:
    # A FIFO where the library's facts are kept (a name any process knows: a digest of the
    # database's path) held the app's start for good, its open waiting for a writer
    path = tmp_path / "facts.json"
    os.mkfifo(path)
    found: list[object] = []
    looking = threading.Thread(target=lambda: found.append(read_cache_more(path, 1)), daemon=True)
    looking.start()
    joined(looking, "read a cache that is a FIFO")
    assert found == [({}, {})]
