"""A first listing of many files never read shares the reading with a second process: what
it prints (rows, problems) and keeps (the facts cache) is exactly what one process gives; a
second process that fails, or cannot be started, changes nothing."""

from __future__ import annotations

import io
import json
import os
import pickle
from pathlib import Path

import pytest
from helpers.counting import first_arguments
from helpers.forking import counted_forks

import tui_reader.cli.list_docs as cli_list
from tui_reader.cli.main import main
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.documents.facts import QUICK_FORMATS, DocumentFacts, quick_facts_and_stamp
from tui_reader.core.forked import ForkedHalf
from tui_reader.locations import facts_cache_path

TEXTS = [
    "The army moved.\n\nThen the Army left\nthe army came back\n",
    "# Notes on the army\n\nNothing *here*: **rive**ted, &amp; a [link](x).\n",
    "Title: A deposition\n\nQ. Where were you?\nA. At home.\n",
    "| a | b |\n|---|---|\n| <b>1</b> | 2 |\n\n<div>raw html</div>\n",
    "no soldiers\r\nat all, caf\u00e9\n",
]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for n in range(40):
        folder = corpus / f"part{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = "md" if n % 4 in (1, 3) else "txt"
        (folder / f"doc{n}.{suffix}").write_text(TEXTS[n % len(TEXTS)] + f"number {n}\n")
    (corpus / "part1" / "doc7.txt").write_bytes(b"\xff\xfe" + "army of UTF-16".encode("utf-16-le"))
    (corpus / "part2" / "broken.txt").symlink_to(corpus / "nowhere.txt")  # cannot be read
    (corpus / "part2" / "zbinary.txt").write_bytes(b"army\x00\x01\x02" * 50)  # refused
    return corpus


def _list(args: list[str], corpus: Path, db: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        status = main(["list", *args, str(corpus), "--db", str(db)])
    return status, out.getvalue(), err.getvalue()


def _cache(db: Path) -> object:
    return json.loads(facts_cache_path(db).read_text(encoding="utf-8"))


def _shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_list, "SHARE_FROM", 10)
    monkeypatch.setattr(cli_list, "core_free", lambda: True)


@pytest.mark.parametrize("args", [[], ["--json"]])
def test_a_first_listing_shared_prints_and_keeps_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    monkeypatch.setattr(cli_list, "SHARE_FROM", 10**9)
    alone = _list(args, corpus, tmp_path / "alone.json")
    assert "broken.txt" in alone[2] and "zbinary.txt" in alone[2]  # problems in the second half
    assert "part2/doc38.txt" in alone[1]
    kept = _cache(tmp_path / "alone.json")
    forks = counted_forks(monkeypatch)
    _shared(monkeypatch)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    db = tmp_path / "shared.json"
    assert _list(args, corpus, db) == alone
    assert len(forks) == 1  # it was shared
    assert _cache(db) == kept  # the same facts kept
    assert _list(args, corpus, db) == alone  # from the cache: nothing to share
    assert len(forks) == 1


def test_a_second_process_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    monkeypatch.setattr(cli_list, "SHARE_FROM", 10**9)
    alone = _list([], corpus, tmp_path / "alone.json")
    kept = _cache(tmp_path / "alone.json")
    forks = counted_forks(monkeypatch)
    _shared(monkeypatch)
    parent = os.getpid()
    quick = cli_list._quick

    def failing_there(item: tuple[str, cli_list.CorpusFile]) -> cli_list.Quick:
        if os.getpid() != parent:
            raise MemoryError  # as anything could, there
        return quick(item)

    monkeypatch.setattr(cli_list, "_quick", failing_there)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    db = tmp_path / "shared.json"
    assert _list([], corpus, db) == alone
    assert len(forks) == 1
    assert _cache(db) == kept


def test_a_second_process_that_cannot_start_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    alone = _list([], corpus, tmp_path / "alone.json")

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    _shared(monkeypatch)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    assert _list([], corpus, tmp_path / "shared.json") == alone


def test_the_second_process_gives_its_results_in_order_or_none() -> None:
    half = ForkedHalf.start(list(range(1000)), lambda n: n * n)
    assert half is not None
    assert half.results() == [n * n for n in range(1000)]

    def failing(n: int) -> int:
        if n == 500:
            raise ValueError(n)
        return n

    half = ForkedHalf.start(list(range(1000)), failing)
    assert half is not None
    assert half.results() is None  # the caller does the work itself


def test_a_second_process_stopped_leaves_nothing_running() -> None:
    import time

    half = ForkedHalf.start([0.0] * 100, lambda s: time.sleep(5.0))
    assert half is not None
    pid = half.pid
    assert pid is not None
    half.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and reaped


def test_the_second_process_hands_back_facts_as_plain_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What it found of each file was pickled as a DocumentFacts, through its slots' state (a
    # dictionary made, pickled and read back a field at a time), 5,000 times a first
    # listing of 10,000 files: now as the tuple of its fields, made again alike.
    corpus = _corpus(tmp_path)
    pickled = first_arguments(monkeypatch, DocumentFacts, "__reduce_ex__")
    files = list_corpus_files(corpus)
    items = [(f.rel, f) for f in files if f.format in QUICK_FORMATS]
    handed = pickle.loads(pickle.dumps([cli_list._quick(item) for item in items]))
    assert pickled == []
    for (key, fields, stamp, _raw), (_, file) in zip(handed, items, strict=True):
        if stamp is None:
            continue  # not read: why, said
        facts, kept = quick_facts_and_stamp(file.location, str(file.format))
        assert (DocumentFacts(*fields), stamp) == (facts, kept), key
