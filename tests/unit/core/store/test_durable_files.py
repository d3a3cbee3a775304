"""Durable file operations: atomic replace, the damaged lines kept aside, the journal's valid
prefix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.locking import ended_process, running_process
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.errors import StoreError
from tui_reader.core.store import durable_files
from tui_reader.core.store.journal_lines import Tables, apply_changes, encode_line, valid_prefix


def test_replace_atomically_keeps_the_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old")
    path.chmod(0o600)
    key = durable_files.replace_atomically(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert path.stat().st_mode & 0o777 == 0o600
    assert key == durable_files.stat_key(path)
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_the_temp_files_a_killed_save_left_are_those_of_ended_processes(tmp_path: Path) -> None:
    """A save killed half-way (``kill -9`` during a fold) left a hidden temp file the
    database's size; another process's, writing its fold beside ours before it takes the
    lock, is never taken for one, nor one this process is writing."""
    path = tmp_path / "annotations.json"
    path.write_bytes(b"{}")
    with running_process() as running:
        killed = tmp_path / f".annotations.json.{ended_process()}-0badf00d.tmp"
        killed_keeping = tmp_path / f".annotations.json.previous.{ended_process()}-0badf00d.tmp"
        ours_left = tmp_path / f".annotations.json.{os.getpid()}-0badf00d.tmp"
        others = [
            tmp_path / f".annotations.json.{running}-0badf00d.tmp",  # being written beside
            tmp_path / f".notes.json.{ended_process()}-0badf00d.tmp",  # another database's
            tmp_path / ".annotations.json.export.tmp",  # no name of ours
        ]
        for made in (killed, killed_keeping, ours_left, *others):
            made.write_bytes(b'{"half": ')
        ours = durable_files.written_beside(path, b"being written")
        try:
            left = {killed, killed_keeping, ours_left}
            assert set(durable_files.stale_temp_files(path)) == left
            durable_files.remove_stale_temp_files(path)
            assert not any(made.exists() for made in left)
            assert all(made.exists() for made in (*others, ours))
        finally:
            ours.unlink()
            durable_files.done_with(ours)


def test_replace_atomically_failing_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old")
    (tmp_path / "sub").mkdir()
    with pytest.raises(StoreError, match="could not save"):
        durable_files.replace_atomically(tmp_path / "sub", b"x")  # a folder cannot be replaced
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "sub"]


def test_complete_lines_are_copied_aside_and_a_torn_last_line_is_not(tmp_path: Path) -> None:
    source, target = tmp_path / "journal", tmp_path / "journal.damaged"
    source.write_bytes(b"kept line\ndamaged line\ntorn")
    durable_files.copy_complete_lines(source, len(b"kept line\n"), target)
    assert target.read_bytes() == b"damaged line\n"
    durable_files.copy_complete_lines(source, len(b"kept line\ndamaged line\n"), target)
    assert target.read_bytes() == b"damaged line\n"  # only the torn line: nothing to keep


def test_a_large_damaged_tail_is_copied_aside_a_part_at_a_time(tmp_path: Path) -> None:
    # The damaged lines past a journal's valid ones were read whole and sliced into a second
    # copy before they were written aside: a journal of 64 MB of damaged lines took twice that.
    import tracemalloc

    source, target = tmp_path / "journal", tmp_path / "journal.damaged"
    size = 16 * 1024 * 1024
    source.write_bytes(b"kept line\n" + b"junk\n" * (size // 5) + b"torn")
    tracemalloc.start()
    try:
        copied = durable_files.copy_complete_lines(source, len(b"kept line\n"), target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert target.read_bytes() == b"junk\n" * (size // 5)
    assert copied == target.stat().st_size
    assert peak < size // 4


@given(st.binary(max_size=40), st.integers(0, 45), st.binary(max_size=8))
def test_the_lines_copied_aside_are_the_complete_ones_from_the_offset(
    data: bytes, offset: int, before: bytes
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "journal", Path(folder) / "aside"
        source.write_bytes(data)
        if before:
            target.write_bytes(before)
        copied = durable_files.copy_complete_lines(source, offset, target)
        tail = data[offset:]
        complete = tail[: tail.rfind(b"\n") + 1]
        assert copied == len(complete)
        assert (target.read_bytes() if target.exists() else b"") == before + complete


def test_the_damaged_lines_are_never_written_through_a_link(tmp_path: Path) -> None:
    source, target, victim = tmp_path / "journal", tmp_path / "aside", tmp_path / "victim"
    source.write_bytes(b"bad\n")
    victim.write_bytes(b"precious")
    os.symlink(victim, target)
    with pytest.raises(StoreError, match="journal was left as it is"):
        durable_files.copy_complete_lines(source, 0, target)
    assert victim.read_bytes() == b"precious"


changes = st.lists(
    st.tuples(st.sampled_from(["annotations", "tags"]), st.text(min_size=1, max_size=4),
              st.none() | st.fixed_dictionaries({"x": st.integers()})),
    min_size=1, max_size=3,
)  # fmt: skip


def test_a_journal_made_a_link_is_never_emptied_through_it(tmp_path: Path) -> None:
    # A fold emptied the journal at its name: a link put there had the file it leads to cut
    elsewhere = tmp_path / "thesis.txt"
    elsewhere.write_bytes(b"Chapter one.\n")
    journal = tmp_path / "annotations.json.journal"
    journal.symlink_to(elsewhere)
    with pytest.raises(OSError, match="is a symbolic link; give the real file's path"):
        durable_files.empty_synced(journal)
    assert elsewhere.read_bytes() == b"Chapter one.\n"
    durable_files.empty_synced(tmp_path / "missing.journal")  # left missing
    assert not (tmp_path / "missing.journal").exists()


@given(st.lists(changes, max_size=5), st.binary(max_size=12))
def test_the_valid_prefix_is_every_whole_line_before_a_torn_tail(
    lines: list[list[tuple[str, str, dict[str, int] | None]]], torn: bytes
) -> None:
    raw = b"".join(encode_line(c) for c in lines)
    tail = torn.replace(b"\n", b"")
    found, used, damaged = valid_prefix(raw + tail)
    every: Tables = {}
    apply_changes(every, [c for line in lines for c in line])
    made: Tables = {}
    apply_changes(made, found)
    assert json.dumps(made) == json.dumps(every)  # (a record put again is put once)
    assert used == len(raw)
    assert not damaged


def test_a_damaged_last_line_stops_the_prefix_and_one_in_the_middle_is_refused() -> None:
    good = encode_line([("tags", "1", {"name": "a"})])
    bad = b"00000000 [1]\n"
    assert valid_prefix(good + bad) == (valid_prefix(good)[0], len(good), True)
    with pytest.raises(ValueError):
        valid_prefix(good + bad + good)


@given(st.lists(st.binary(max_size=300), max_size=6))
def test_parts_are_written_one_after_the_other_as_if_joined(parts: list[bytes]) -> None:
    """A database and a journal line are written in parts (not joined in memory first):
    the file holds exactly what joining them gives."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        key = durable_files.replace_atomically(path, parts)
        assert path.read_bytes() == b"".join(parts) and key[1] == len(b"".join(parts))
        journal = Path(folder) / "journal"
        fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            durable_files.write_all(fd, b"one ", *parts)
        finally:
            os.close(fd)
        assert journal.read_bytes() == b"one " + b"".join(parts)


def test_a_journal_line_in_parts_is_the_line() -> None:
    from tui_reader.core.store.journal_lines import decode_line, line_parts

    changes = [("annotations", "1", {"id": "a", "note": "é\n"}), ("tags", "2", None)]
    line = encode_line(changes)
    assert b"".join(line_parts(changes)) == line
    assert decode_line(line) == changes


def _syncs_noted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What is synced and renamed, in order, by path (the suite's own process syncs nothing:
    ``conftest``'s ``_no_fsync``; here each sync is noted instead)."""
    events: list[tuple[str, str]] = []

    def synced(fd: int) -> None:
        events.append(("sync", os.readlink(f"/proc/self/fd/{fd}")))

    replace = os.replace

    def replaced(source: str | Path, target: str | Path) -> None:
        events.append(("rename", str(target)))
        replace(source, target)

    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(os, "fdatasync", synced)
    monkeypatch.setattr(os, "replace", replaced)
    return events


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names a descriptor by /proc")
def test_a_replacement_is_synced_before_its_rename_and_its_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "annotations.json"
    target.write_bytes(b"old")
    events = _syncs_noted(monkeypatch)
    durable_files.replace_atomically(target, [b"new ", b"data"])
    assert target.read_bytes() == b"new data"
    assert [kind for kind, _ in events] == ["sync", "rename", "sync"]
    assert events[0][1].startswith(str(tmp_path / ".annotations.json."))  # the temp file
    assert events[1:] == [("rename", str(target)), ("sync", str(tmp_path))]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names a descriptor by /proc")
def test_a_journal_line_and_an_appended_line_are_synced_once_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, aside = tmp_path / "journal", tmp_path / "aside"
    events = _syncs_noted(monkeypatch)
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        durable_files.write_all(fd, b"a line", b"\n")
        assert events == [("sync", str(journal))]
    finally:
        os.close(fd)
    durable_files.append_synced(aside, b"kept\n")
    assert events[1:] == [("sync", str(aside))]
    assert journal.read_bytes() == b"a line\n" and aside.read_bytes() == b"kept\n"
