"""The texts' hashes kept by file for every database: told while the file's stamp and the
converters' version are the same, and never the truth (no regular file, damaged: none)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.core.documents import text_hashes
from tui_reader.core.documents.text_hashes import TextHashes, stamp_of_placed

SHA = "a" * 64
OTHER = "b" * 64
STAMP = (1_000, 20, 2_000, 7)


def _kept(path: Path) -> TextHashes:
    hashes = TextHashes(path)
    hashes.put("/corpus/a.txt", STAMP, SHA)
    hashes.save()
    return TextHashes(path)


def test_a_hash_is_told_for_the_stamp_it_was_kept_with_alone(tmp_path: Path) -> None:
    hashes = _kept(tmp_path / "hashes.json")
    assert hashes.sha256("/corpus/a.txt", STAMP) == SHA
    assert hashes.sha256("/corpus/a.txt", (1_000, 20, 2_001, 7)) is None  # written since
    assert hashes.sha256("/corpus/a.txt", (1_000, 20, 2_000, 8)) is None  # replaced
    assert hashes.sha256("/corpus/b.txt", STAMP) is None
    assert hashes.sha256("/corpus/a.txt", None) is None


def test_hashes_of_other_converters_are_not_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hashes.json"
    _kept(path)
    monkeypatch.setattr(text_hashes, "texts_version", lambda: "another")
    assert TextHashes(path).sha256("/corpus/a.txt", STAMP) is None


def test_a_save_keeps_what_another_process_saved_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "hashes.json"
    ours, theirs = TextHashes(path), TextHashes(path)
    assert ours.sha256("/corpus/a.txt", STAMP) is None  # read before theirs was saved
    theirs.put("/corpus/b.txt", STAMP, OTHER)
    theirs.save()
    ours.put("/corpus/a.txt", STAMP, SHA)
    ours.save()
    again = TextHashes(path)
    assert again.sha256("/corpus/a.txt", STAMP) == SHA
    assert again.sha256("/corpus/b.txt", STAMP) == OTHER


def test_the_files_kept_last_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_hashes, "LIMIT", 2)
    path = tmp_path / "hashes.json"
    hashes = TextHashes(path)
    for name in ("a", "b", "c"):
        hashes.put(f"/corpus/{name}.txt", STAMP, SHA)
    hashes.save()
    hashes = TextHashes(path)
    hashes.put("/corpus/b.txt", STAMP, OTHER)  # kept again: the last
    hashes.put("/corpus/d.txt", STAMP, SHA)
    hashes.save()
    again = TextHashes(path)
    told = {name: again.sha256(f"/corpus/{name}.txt", STAMP) for name in "abcd"}
    assert told == {"a": None, "b": OTHER, "c": None, "d": SHA}


@pytest.mark.parametrize("damage", ["fifo", "link", "folder", "garbage", "records"])
def test_a_cache_file_that_is_no_regular_file_or_is_damaged_is_no_cache(
    tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "hashes.json"
    good = tmp_path / "good.json"
    _kept(good)
    if damage == "fifo":
        os.mkfifo(path)
    elif damage == "link":
        path.symlink_to(good)
    elif damage == "folder":
        path.mkdir()
    elif damage == "garbage":
        path.write_bytes(good.read_bytes()[:-9])
    else:
        path.write_text(
            good.read_text()
            .replace(SHA, "short")
            .replace('"documents": {', '"documents": {"x": 1, ')
        )
    hashes = TextHashes(path)
    assert hashes.sha256("/corpus/a.txt", STAMP) is None  # (a FIFO: not waited on)
    hashes.put("/corpus/b.txt", STAMP, OTHER)
    hashes.save()
    if damage != "folder":
        assert path.is_file() and not path.is_symlink()  # written anew
        assert TextHashes(path).sha256("/corpus/b.txt", STAMP) == OTHER
    assert TextHashes(good).sha256("/corpus/a.txt", STAMP) == SHA  # a link's target unchanged


def test_a_file_name_that_is_no_utf8_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "hashes.json"
    name = os.fsdecode(b"/corpus/caf\xe9.txt")
    hashes = TextHashes(path)
    hashes.put(name, STAMP, SHA)
    hashes.save()
    assert TextHashes(path).sha256(name, STAMP) == SHA


def test_a_placement_stamp_reads_as_a_file_stamp() -> None:
    assert stamp_of_placed((1, 2, 3, 4)) == (1, 3, 2, 4)
    assert stamp_of_placed((1, 2, 3, 2**64 - 1)) == (1, 3, 2, -1)
