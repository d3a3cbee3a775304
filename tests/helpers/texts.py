"""A corpus of small text files for command-line tests."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def text_corpus(
    tmp_path: Path, texts: dict[str, str | bytes], folder: str = "corpus"
) -> tuple[Path, str]:
    """The folder ``tmp_path/folder`` holding ``texts`` (file name -> text, or its bytes as
    they are), and the path of a database beside it (not created)."""
    corpus = tmp_path / folder
    corpus.mkdir()
    for name, text in texts.items():
        if isinstance(text, bytes):
            (corpus / name).write_bytes(text)
        else:
            (corpus / name).write_text(text, "utf-8")
    return corpus, str(tmp_path / "db.json")


def later(path: Path) -> None:
    """A change of ``path`` (a folder's files added or removed, a file rewritten) shows in
    its mtime, a second on, even on a file system with a coarse clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def rewritten_keeping_time(path: Path, text: str) -> None:
    """``path`` rewritten to ``text`` of the same size in bytes, its modification time then set
    back to what it was (as ``cp -p`` or ``touch -r`` do, or an edit within one tick of the
    clock): only its change time tells it was written."""
    before = path.stat()
    data = text.encode("utf-8")
    assert len(data) == before.st_size, "the same size, or the size alone tells the change"
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def search_args(
    pattern: str,
    *,
    regex: bool = False,
    ignore_case: bool = False,
    files_with_matches: bool = False,
) -> argparse.Namespace:
    """The arguments of a ``search`` for ``pattern`` (a regular expression when ``regex``)
    as the command line gives them, printing its hits' lines unless ``files_with_matches``."""
    return argparse.Namespace(
        pattern=pattern,
        regex=regex,
        word_regexp=False,
        ignore_case=ignore_case,
        files_with_matches=files_with_matches,
        count=False,
        json=False,
    )
