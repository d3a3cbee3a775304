"""``tui-reader report cooccurrence`` of many codes writes its table as it makes it: the text
of 2,000 codes is 140 MB, and it was made whole (with every cell kept) before a byte was
written, 1.7 GB of memory.  Counted by the memory the command takes, never by time."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace

CODES = [f"code{i:03d} " + "x" * 300 for i in range(160)]


class Counted:
    """A standard output that counts what is written to it and keeps none of it."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _project(tmp_path: Path, codes: list[str] = CODES, each: int = 200) -> list[str]:
    """A study of ``codes``, ``each`` in a document, each passage overlapping the next: each
    code meets two, or one at a document's end."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "annotations.json"
    workspace = Workspace(corpus, db)
    for n in range(0, len(codes), each):
        path = corpus / f"{n}.txt"
        path.write_text("word " * (2 * each + 4) + "\n", encoding="utf-8")
        key = workspace.key(path)
        document = workspace.document(key)
        for i, code in enumerate(codes[n : n + each]):
            start = i * 10
            workspace.store.add(
                make_annotation(key, document.text, start, start + 15, document.sha256, (code,))
            )
    workspace.store.close()
    return ["--corpus", str(corpus), "--db", str(db)]


@pytest.mark.parametrize("format_name", ["table", "json"])
def test_a_wide_cooccurrence_is_written_as_it_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    arguments = _project(tmp_path)
    monkeypatch.setattr("sys.stdout", Counted())
    assert main(["report", "cooccurrence", *arguments, "--format", format_name]) == 0
    out = Counted()  # measured the second time, its modules loaded
    monkeypatch.setattr("sys.stdout", out)
    tracemalloc.start()
    try:
        assert main(["report", "cooccurrence", *arguments, "--format", format_name]) == 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 160 rows of 160 columns each 300 characters wide (a JSON row names them each)
    assert out.written > len(CODES) ** 2 * 300
    # never more than a few of its rows held at once (the whole text was 4 bytes each of
    # its characters, in the lines and then joined)
    assert peak < out.written / 2


def test_the_rows_of_many_codes_are_made_as_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,000 codes meeting two each: 1,000 rows of 1,000 keys, held at once before,
    # for a CSV of 2 MB (the passages a few to a document, each document's counted alone)
    codes = [f"c{i:03d}" for i in range(1000)]
    arguments = _project(tmp_path, codes, each=40)
    monkeypatch.setattr("sys.stdout", Counted())
    assert main(["report", "cooccurrence", *arguments, "--format", "csv"]) == 0
    out = Counted()
    monkeypatch.setattr("sys.stdout", out)
    tracemalloc.start()
    try:
        assert main(["report", "cooccurrence", *arguments, "--format", "csv"]) == 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.written > len(codes) ** 2 * 2
    assert peak < 10_000_000  # 28 MB before, 5 MB after
