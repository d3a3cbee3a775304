"""The database or its journal made a FIFO, a link to a device or a folder while it is open:
refused in one line naming the file and what it is, never waited on, never read as JSON; one
of its files made a symbolic link while it is open is never read or written through it."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store import durable_files
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def _store_with_a_passage(tmp_path: Path) -> tuple[AnnotationStore, Path]:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    store.add(make_annotation("a.txt", TEXT, 0, 9, "", ("t",)))
    store.compact()  # (the passage in the file, the journal empty)
    return store, path


def _made_a_fifo_with_a_writer(path: Path, written: bytes) -> threading.Thread:
    """``path`` made a FIFO, and a thread writing ``written`` into it once a reader opens it
    (as another program at its other end would)."""
    os.replace(path, path.with_name("moved.json"))
    os.mkfifo(path)

    def write() -> None:
        fd = os.open(path, os.O_WRONLY)  # waits for a reader
        try:
            os.write(fd, written)
        except BrokenPipeError:  # the reader refused it and closed its end: what is tested
            pass
        finally:
            os.close(fd)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def _writer_let_go(path: Path, writer: threading.Thread) -> None:
    """The writer's wait for a reader ended, when nothing read the FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    writer.join()
    os.close(fd)


@contextmanager
def _in_its_place(
    path: Path, made: Callable[[], object], taken_away: Callable[[], object]
) -> Iterator[None]:
    """``path`` moved aside and something else ``made`` in its place; after, that is
    ``taken_away`` and the file put back, to be read as it was."""
    os.replace(path, path.with_name("moved.json"))
    made()
    yield
    taken_away()
    os.replace(path.with_name("moved.json"), path)


@pytest.mark.parametrize("sidecar", ["", ".journal"])
def test_a_database_made_a_fifo_while_open_is_refused_not_waited_on(
    tmp_path: Path, sidecar: str
) -> None:
    # annotations.json made a FIFO while the app ran: its next look at the database opened
    # it and waited for a writer at the other end, every key unanswered, for good; with a
    # writer there, what it wrote ("{}") was read as the database, every passage gone.
    store, path = _store_with_a_passage(tmp_path)
    replaced = path.with_name(path.name + sidecar)
    writer = _made_a_fifo_with_a_writer(replaced, b"{}")
    try:
        with pytest.raises(StoreError) as refused:
            store.add(make_annotation("a.txt", TEXT, 10, 14, "", ("u",)))
    finally:
        _writer_let_go(replaced, writer)
        os.unlink(replaced)
    assert str(refused.value).startswith(f"{replaced}: is a FIFO (named pipe), not a regular file")
    os.replace(path.with_name("moved.json"), replaced)  # put back: read as it was
    assert [a.quote for a in store.annotations()] == ["Officials"]
    store.close()
    with AnnotationStore(path, read_only=True) as again:
        assert [a.quote for a in again.annotations()] == ["Officials"]


def test_a_database_made_a_link_to_a_device_while_open_is_refused_as_a_link(
    tmp_path: Path,
) -> None:
    # A link to /dev/zero put in its place was read as "damaged JSON (Expecting value at
    # line 1, column 1)", as though the file had been broken; a link is refused as at the
    # start, never followed
    store, path = _store_with_a_passage(tmp_path)
    with _in_its_place(path, lambda: path.symlink_to("/dev/zero"), path.unlink):
        with pytest.raises(StoreError) as refused:
            store.reload_if_changed()
        assert str(refused.value) == f"{path}: is a symbolic link; give the real file's path"
    assert [a.quote for a in store.annotations()] == ["Officials"]
    store.close()


def test_a_database_made_a_folder_while_open_is_said_to_be_one(tmp_path: Path) -> None:
    # It was "cannot read (Is a directory)"; the way back a damaged database is given (mv
    # the state kept over it) would move that file into the folder: not given
    store, path = _store_with_a_passage(tmp_path)
    with _in_its_place(path, path.mkdir, path.rmdir):
        with pytest.raises(StoreError) as refused:
            store.reload_if_changed()
        assert str(refused.value) == f"{path}: is a folder, not a regular file"
    assert [a.quote for a in store.annotations()] == ["Officials"]
    store.close()


THESIS = b"Chapter one of a thesis, in no database of ours.\n"


@pytest.mark.parametrize(
    ("sidecar", "outside"), [("", b"{}"), (".journal", THESIS), (".lock", THESIS)]
)
def test_a_file_of_the_database_made_a_link_while_open_is_never_read_or_written_through(
    tmp_path: Path, sidecar: str, outside: bytes
) -> None:
    # ln -sf thesis.txt annotations.json.journal while the app ran: the next save read the
    # thesis as the journal, cut it to nothing as a damaged line and wrote its own line in
    # it; the lock made such a link, the save wrote its process id over the thesis; the
    # database made a link to another file, that file was read as the database ("{}": every
    # passage gone from the screen). At the start these were refused as links
    store, path = _store_with_a_passage(tmp_path)
    replaced = path.with_name(path.name + sidecar)
    elsewhere = tmp_path / "elsewhere" / "thesis.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(outside)
    moved = tmp_path / "moved"
    os.replace(replaced, moved)
    replaced.symlink_to(elsewhere)
    with pytest.raises(StoreError) as refused:
        store.add(make_annotation("a.txt", TEXT, 10, 14, "", ("u",)))
    assert str(refused.value).startswith(
        f"{replaced}: is a symbolic link; give the real file's path"
    )
    assert elsewhere.read_bytes() == outside
    replaced.unlink()
    os.replace(moved, replaced)  # put back: saved as before
    store.add(make_annotation("a.txt", TEXT, 10, 14, "", ("u",)))
    store.close()
    assert elsewhere.read_bytes() == outside
    with AnnotationStore(path, read_only=True) as again:
        assert [a.quote for a in again.annotations()] == ["Officials", "from"]


def test_a_failed_save_never_cuts_the_file_its_journal_was_made_a_link_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save that failed took its partial line back by cutting the journal at its name: a
    # link put there meanwhile had the file it leads to cut (to nothing after a fold)
    store, path = _store_with_a_passage(tmp_path)
    journal = path.with_name(path.name + ".journal")
    elsewhere = tmp_path / "thesis.txt"
    elsewhere.write_bytes(THESIS)

    def linked_then_failed(fd: int, *parts: bytes) -> None:
        os.replace(journal, tmp_path / "moved")
        journal.symlink_to(elsewhere)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(durable_files, "write_all", linked_then_failed)
    with pytest.raises(StoreError, match="the change was not saved"):
        store.add(make_annotation("a.txt", TEXT, 10, 14, "", ("u",)))
    assert elsewhere.read_bytes() == THESIS
