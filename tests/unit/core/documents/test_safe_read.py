"""Reading a document's bytes: regular files only, within the size limit, whole even when the
system hands them over a piece at a time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import safe_read
from tui_reader.core.documents.safe_read import (
    document_chunks,
    read_document_bytes,
    read_small_document,
)
from tui_reader.core.errors import DocumentError


def test_a_file_is_read_whole_or_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    assert read_document_bytes(path) == b"0123456789"
    assert read_document_bytes(path, max_bytes=4) == b"0123"
    assert b"".join(document_chunks(path, 3)) == b"0123456789"


def test_a_file_over_the_limit_a_folder_and_a_fifo_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100)
    with pytest.raises(DocumentError, match="more than"):
        read_document_bytes(big, limit=50)
    assert read_document_bytes(big, limit=50, max_bytes=10) == b"x" * 10
    with pytest.raises(DocumentError, match="folder"):
        read_document_bytes(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="FIFO"):  # refused, not waited on
        read_document_bytes(fifo)
    with pytest.raises(DocumentError, match="No such file"):
        read_document_bytes(tmp_path / "missing.txt")
    for refused in (tmp_path, fifo, tmp_path / "missing.txt"):  # the same for a small read
        with pytest.raises(DocumentError) as whole:
            read_document_bytes(refused)
        with pytest.raises(DocumentError) as small:
            read_small_document(refused, 1000)
        assert str(small.value) == str(whole.value)


@settings(max_examples=examples(50), deadline=None)
@given(st.binary(max_size=200), st.integers(1, 9))
def test_short_reads_are_read_on(data: bytes, piece: int) -> None:
    import tempfile

    real_read = os.read
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        patch.setattr(safe_read.os, "read", lambda fd, n: real_read(fd, min(n, piece)))
        assert read_document_bytes(path) == data
        assert read_document_bytes(path, max_bytes=7) == data[:7]
        small, st = read_small_document(str(path), 100)
        assert (small, st.st_size) == (data if len(data) <= 100 else None, len(data))


def test_a_file_is_read_in_one_read_and_one_that_grows_is_read_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first listing reads 10,000 files whole: each was read twice, the second read to see
    # its end (and the two joined, a copy), where one read of a byte more than it holds
    # tells the end as a short read.
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    real_read, asked = os.read, []

    def counted(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(safe_read.os, "read", counted)
    assert read_document_bytes(path) == b"0123456789"
    assert asked == [11]
    assert read_document_bytes(path, max_bytes=4) == b"0123"
    # It grew after it was looked at: read on, past its size then, up to the limit.
    asked.clear()

    def growing(fd: int, n: int) -> bytes:
        asked.append(n)
        if len(asked) == 1:
            with open(path, "ab") as more:
                more.write(b"abc")
        return real_read(fd, n)

    monkeypatch.setattr(safe_read.os, "read", growing)
    assert read_document_bytes(path) == b"0123456789abc"
    with open(path, "wb") as shorter:
        shorter.write(b"0123456789")
    asked.clear()
    with pytest.raises(DocumentError, match="larger than"):
        read_document_bytes(path, limit=11)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_descriptors_are_closed_whatever_happens(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        read_document_bytes(path)
        with pytest.raises(DocumentError):
            read_document_bytes(path, limit=1)
        read_small_document(path, 1)
        read_small_document(path, 10)
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_link_to_a_file_not_there_says_so(tmp_path: Path) -> None:
    # A link listed in the corpus whose file was moved (or lies on a drive not mounted) was
    # said "No such file or directory", of a file the listing showed.
    link = tmp_path / "interview.txt"
    link.symlink_to(tmp_path / "usb" / "interview.txt")
    with pytest.raises(
        DocumentError, match=r"is a symbolic link to .*usb/interview\.txt, which is not there"
    ):
        read_document_bytes(link)
    with pytest.raises(DocumentError, match="No such file"):
        read_document_bytes(tmp_path / "gone.txt")


def test_files_read_as_listed_no_link_are_not_read_through_a_link(tmp_path: Path) -> None:
    """Within :func:`listed_no_link` a file is opened as no symbolic link: one that is a link
    now (made one since a listing found it a file) is said so and never read, even a link to
    a FIFO (nothing opened to block on); outside it a link is followed, as before."""
    from tui_reader.core.documents.safe_read import MadeALink, listed_no_link, read_small_document

    (tmp_path / "a.txt").write_bytes(b"inside\n")
    (tmp_path / "secret").write_bytes(b"root:x:0:0\n")
    (tmp_path / "link.txt").symlink_to(tmp_path / "secret")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "pipe.txt").symlink_to(tmp_path / "fifo")
    with listed_no_link():
        assert read_document_bytes(tmp_path / "a.txt") == b"inside\n"
        assert read_small_document(str(tmp_path / "a.txt"), 100)[0] == b"inside\n"
        for name in ("link.txt", "pipe.txt"):
            with pytest.raises(MadeALink, match="became a symbolic link since it was listed"):
                read_document_bytes(tmp_path / name)
        with pytest.raises(DocumentError, match="No such file"):
            read_document_bytes(tmp_path / "gone.txt")
    assert read_document_bytes(tmp_path / "link.txt") == b"root:x:0:0\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="openat2: Linux's")
def test_a_folder_on_the_path_made_a_link_since_the_listing_is_not_read_through(
    tmp_path: Path,
) -> None:
    """A folder of the corpus turned into a link to a folder out of it (``notes`` to
    ``/etc``) between the listing and the read: only the file's own name was opened without
    following a link, so ``notes/passwd`` was read, out of the corpus.  Every name of the
    listed path is now opened so; the link is said, nothing read through it."""
    from tui_reader.core.documents.safe_read import MadeALink, listed_no_link, read_small_document

    corpus = tmp_path / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "notes" / "passwd").write_bytes(b"a note\n")
    listed = str((corpus / "notes" / "passwd").resolve())
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "passwd").write_bytes(b"root:x:0:0\n")
    with listed_no_link():
        assert read_document_bytes(listed) == b"a note\n"
    (corpus / "notes").rename(tmp_path / "moved")
    (corpus / "notes").symlink_to(outside)
    with listed_no_link():
        with pytest.raises(MadeALink, match="a folder on its path became a symbolic link"):
            read_document_bytes(listed)
        with pytest.raises(MadeALink):
            read_small_document(listed, 100)
    assert read_document_bytes(listed) == b"root:x:0:0\n"  # followed outside such a read


def test_a_document_on_show_that_cannot_be_opened_again_is_said_why(tmp_path: Path) -> None:
    unreadable_now = safe_read.unreadable_now
    (tmp_path / "a.txt").write_text("words")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert unreadable_now(tmp_path / "a.txt") is None
    assert unreadable_now(tmp_path / "gone.txt") == "the file is gone (moved or deleted?)"
    assert unreadable_now(tmp_path / "pipe.txt") == (
        "is a FIFO (named pipe), not a regular file; not read"
    )
    assert unreadable_now(tmp_path) == "is a folder, not a regular file; not read"
    assert unreadable_now(tmp_path / "loop.txt") == "Too many levels of symbolic links"
