"""A search with many files to read shares the work with a second process: what it prints
(hits, problems, in their order) and keeps (the texts pack) is exactly what one process
searching them all gives; a helper that fails changes nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.counting import heads_read
from helpers.forking import counted_forks
from helpers.format_fixtures import make_epub

import tui_reader.cli.search as cli_search
from tui_reader.cli.main import main
from tui_reader.core import forked
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.search.text_pack import TextPack
from tui_reader.locations import texts_cache_path

TEXTS = [
    "The army moved.\n\nThen the Army left\nthe army came back\n",
    "# Notes on the army\n\nNothing *here*: **rive**ted, &amp; a [link](x).\n",
    "Kelvin \u212a and long \u017f and ARMY\n",
    "no soldiers\r\nat all, caf\u00e9\n",
    "- a list\n- of the army's \u00e9quipement\n",
]
QUERIES = [["-i", "army"], ["-l", "-i", "the"], ["Army", "--json"], ["-i", "--regex", "^t"],
           ["-i", "k"], ["nothing at all"], ["--regex", "(?=number 38)"]]  # fmt: skip


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for n in range(40):
        folder = corpus / f"part{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = "md" if n % 5 == 1 else "txt"
        (folder / f"doc{n}.{suffix}").write_text(TEXTS[n % len(TEXTS)] + f"number {n}\n")
    (corpus / "part1" / "doc7.txt").write_bytes(b"\xff\xfe" + "army of UTF-16".encode("utf-16-le"))
    (corpus / "part2" / "broken.txt").symlink_to(corpus / "nowhere.txt")  # cannot be read
    (corpus / "part0" / "binary.txt").write_bytes(b"army\x00\x01\x02" * 50)  # refused
    return corpus


def _search(args: list[str], corpus: Path, db: Path) -> tuple[int, str]:
    """Exit status, and stdout and stderr written to one stream (their order kept)."""
    both = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", both)
        patch.setattr("sys.stderr", both)
        status = main(["search", *args, str(corpus), "--db", str(db)])
    return status, both.getvalue()


def _shared_with_a_helper(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on a search of 10 files or more is shared with a helper, a core taken as
    free; gives the process ids of the helpers forked."""
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10)
    monkeypatch.setattr(cli_search, "_core_free", lambda: True)
    return forks


def _spools(db: Path) -> list[str]:
    folder = texts_cache_path(db).parent
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
@pytest.mark.parametrize("args", QUERIES)
def test_a_search_shared_with_a_helper_prints_and_keeps_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    alone = _search(args, corpus, tmp_path / "alone.json")
    forks = _shared_with_a_helper(monkeypatch)
    db = tmp_path / "shared.json"
    assert _search(args, corpus, db) == alone
    assert len(forks) == 1  # it was shared
    if args == ["-i", "army"]:  # hits, and problems, in both halves
        assert "part0/binary.txt: binary" in alone[1] and "part2/doc35.txt:1:" in alone[1]
    pack = TextPack(texts_cache_path(db))
    assert len(pack) == len(TextPack(texts_cache_path(tmp_path / "alone.json")))
    pack.close()
    assert _spools(db) == []  # the helper's spool taken into the pack, and removed
    assert _search(args, corpus, db) == alone  # from the pack: not shared
    assert len(forks) == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_a_book_read_in_part_in_the_helpers_half_is_said_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    book = corpus / "part2" / "zbook.epub"  # the last document: the helper's
    make_epub(book, [("One", "The army of the book.")], missing=["gone.xhtml"])
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    alone = _search(["-i", "army"], corpus, tmp_path / "alone.json")
    said = f"tui-reader: {book}: 1 part of its reading order missing from the file"
    assert said in alone[1]
    forks = _shared_with_a_helper(monkeypatch)
    db = tmp_path / "shared.json"
    assert _search(["-i", "army"], corpus, db) == alone
    assert len(forks) == 1
    assert _search(["-i", "army"], corpus, db) == alone  # from the pack


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_a_helper_s_records_need_no_temporary_file_of_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper's records were a file of the system's temporary folder made by tempfile,
    a module (with random and shutil, the compressions' modules) a first search loaded for
    it alone: they are a file made in the texts' folder, removed at once (nothing of it left
    there), and the search is what one process gives with no temporary folder at hand."""
    import tempfile

    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    alone = _search(["-i", "army"], corpus, tmp_path / "alone.json")

    def no_temporary_file(*_args: object, **_kwargs: object) -> Any:
        raise OSError("no temporary folder")

    for name in ("TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, no_temporary_file)
    forks = _shared_with_a_helper(monkeypatch)
    db = tmp_path / "shared.json"
    assert _search(["-i", "army"], corpus, db) == alone
    assert len(forks) == 1
    assert _spools(db) == []  # its records removed at once, its spool taken


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_a_helper_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    alone = _search(["-i", "army"], corpus, tmp_path / "alone.json")
    forks = _shared_with_a_helper(monkeypatch)
    parent = os.getpid()
    files = cli_search._Search.files

    def failing_in_the_helper(self: cli_search._Search, *args: object) -> int:
        found = files(self, *args)  # type: ignore[arg-type]
        if os.getpid() != parent:
            raise OSError("the helper fails after it wrote its texts")
        return found

    monkeypatch.setattr(cli_search._Search, "files", failing_in_the_helper)
    db = tmp_path / "shared.json"
    assert _search(["-i", "army"], corpus, db) == alone
    assert len(forks) == 1
    assert _spools(db) == []  # its spool removed
    monkeypatch.setattr(cli_search._Search, "files", files)
    assert _search(["-i", "army"], corpus, db) == alone
    assert len(TextPack(texts_cache_path(db))) == len(
        TextPack(texts_cache_path(tmp_path / "alone.json"))
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
@pytest.mark.parametrize(
    ("cores", "load", "shared"), [(2, 0.3, True), (2, 2.5, False), (1, 0.0, False)]
)
def test_a_helper_only_when_a_core_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int, load: float, shared: bool
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(forked, "running_now", lambda: None)  # the load average decides
    forks = counted_forks(monkeypatch)
    _search(["-i", "army"], corpus, tmp_path / "db.json")
    assert len(forks) == int(shared)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_files_changed_in_the_helpers_half_are_read_again_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10)
    monkeypatch.setattr(cli_search, "_core_free", lambda: True)
    db = tmp_path / "shared.json"
    _search(["-i", "army"], corpus, db)
    changed = corpus / "part2" / "doc38.txt"  # near the end: in the helper's half
    changed.write_text("No soldiers now.\nAn ARMY of words.\n")
    os.utime(changed, ns=(1, 1))
    for n in range(12):  # files to read: the work is shared again
        (corpus / "part3").mkdir(exist_ok=True)
        (corpus / "part3" / f"new{n}.txt").write_text(f"A new army {n}\n")
    forks = counted_forks(monkeypatch)
    shared = _search(["-i", "army"], corpus, db)
    assert len(forks) == 1 and "part2/doc38.txt:2: An ARMY of words." in shared[1]
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    assert _search(["-i", "army"], corpus, tmp_path / "alone.json") == shared
    assert _search(["-i", "army"], corpus, db) == shared  # its new text kept
    pack = TextPack(texts_cache_path(db))
    assert pack.get("corpus/part2/doc38.txt", file_stamp(changed)) is not None
    pack.close()
    assert _spools(db) == []


def _ended(pid: int) -> bool:
    """Whether the child ``pid`` has ended (and is not yet waited for)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="a child's end seen in /proc")
@pytest.mark.parametrize("stop", [KeyboardInterrupt, BrokenPipeError])
def test_a_search_stopped_keeps_the_texts_its_helper_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    """ctrl+c (or the reader going, ``| head -1``) while a first search shared with a helper
    prints its first hits: the texts the helper had read were thrown away, and the next
    search read them again.  They are kept with those this process read."""
    import time

    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    _search(["-i", "army"], corpus, tmp_path / "alone.json")
    every = TextPack(texts_cache_path(tmp_path / "alone.json"))
    readable = len(every)
    every.close()
    forks = _shared_with_a_helper(monkeypatch)

    class Stopping(io.StringIO):
        def write(self, text: str) -> int:  # the first hit, once the helper has ended
            deadline = time.monotonic() + 20
            while not _ended(forks[0]) and time.monotonic() < deadline:
                time.sleep(0.01)
            raise stop

    db = tmp_path / "shared.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", Stopping())
        patch.setattr("sys.stderr", io.StringIO())
        status = main(["search", "-i", "army", str(corpus), "--db", str(db)])
    assert status == (130 if stop is KeyboardInterrupt else 141)
    assert len(forks) == 1
    pack = TextPack(texts_cache_path(db))
    try:
        # the first documents, this process's, read up to its first hit; all the helper's,
        # the last ones
        assert "corpus/part0/doc0.txt" in pack and len(pack) < readable
        assert all(
            f"corpus/part2/doc{n}.{'md' if n % 5 == 1 else 'txt'}" in pack for n in range(2, 40, 3)
        )
    finally:
        pack.close()
    assert _spools(db) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="a child's end seen in /proc")
def test_a_helper_stopped_while_it_converts_keeps_the_texts_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+c while the helper converted a huge document (a book taking a minute): the search
    waited for the conversion to end, for as long as it took.  The helper gives the document
    up at once and reports the texts it read, which the pack keeps."""
    import time

    from tui_reader.core.documents import document as document_module

    corpus = _corpus(tmp_path)
    (corpus / "part2" / "zz-huge.epub").write_bytes(b"PK not read")
    stuck = tmp_path / "converting"
    load = document_module.load_document

    def slow(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "zz-huge.epub":  # in the helper's half: the last file
            stuck.touch()
            time.sleep(60)
        return load(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document_module, "load_document", slow)
    forks = _shared_with_a_helper(monkeypatch)
    # (the book counted as a plain text: the helper reads texts before it, not it alone)
    monkeypatch.setattr(cli_search, "CONVERTED_COST", cli_search.UNREAD_COST["text"])

    class Stopping(io.StringIO):
        def write(self, text: str) -> int:  # ctrl+c at the first hit, the helper converting
            deadline = time.monotonic() + 20
            while not stuck.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise KeyboardInterrupt

    db = tmp_path / "shared.json"
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", Stopping())
        patch.setattr("sys.stderr", io.StringIO())
        status = main(["search", "-i", "army", str(corpus), "--db", str(db)])
    assert status == 130 and len(forks) == 1 and stuck.exists()
    assert time.monotonic() - started < 20  # not the minute the conversion takes
    pack = TextPack(texts_cache_path(db))
    try:
        assert all(
            f"corpus/part2/doc{n}.{'md' if n % 5 == 1 else 'txt'}" in pack for n in range(2, 40, 3)
        )
        assert "corpus/part2/zz-huge.epub" not in pack
    finally:
        pack.close()
    assert _spools(db) == []


def test_a_helper_that_does_not_end_when_asked_is_killed_after_its_wait() -> None:
    """A helper asked to stop was waited for without end once its time was up (the kill
    came after a wait that never returned): a search stopped by ctrl+c ran on until the
    helper's conversion ended.  It is killed when its wait is over."""
    import signal
    import time

    ready, said = os.pipe()
    pid = os.fork()
    if pid == 0:  # a helper deaf to TERM, busy for a minute
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.write(said, b"!")
        time.sleep(60)
        os._exit(0)
    os.close(said)
    assert os.read(ready, 1) == b"!"
    os.close(ready)
    started = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    assert cli_search._ended(pid, 0.2) == -signal.SIGKILL
    assert time.monotonic() - started < 5


def test_the_work_is_halved_by_what_each_document_costs_to_read() -> None:
    """Each file to read counted alike, a folder of Markdown notes listed after one of plain
    transcripts went to the second process whole (8,000 transcripts and 2,000 notes: 0.35 s
    of CPU here, 0.69 s there); a note costs its rendering, a converted document more."""
    from tui_reader.core.documents.corpus import CorpusFile

    def keyed(names: list[str]) -> list[tuple[str, CorpusFile]]:
        formats = {"txt": "text", "md": "markdown", "pdf": "pdf"}
        return [(n, CorpusFile(n, n, formats[n.rsplit(".", 1)[1]])) for n in names]

    transcripts = [f"t{n}.txt" for n in range(8)]
    notes = keyed([*transcripts, "n1.md", "n2.md"])
    assert cli_search._half_of_the_work(notes, [False] * 10) == 7  # 21 of 44 here
    assert cli_search._half_of_the_work(notes, [True] * 8 + [False] * 2) == 9  # 8 + 10 of 28
    assert cli_search._half_of_the_work(keyed([*transcripts, "r.pdf"]), [False] * 9) == 8
    assert cli_search._half_of_the_work(keyed(transcripts), [False] * 8) == 4


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
@pytest.mark.parametrize(
    ("args", "shared"),
    [(["-i", "army"], True), (["-i", "--json", "army"], True), (["-i", "number 3"], False),
     (["-il", "army"], False)],
)  # fmt: skip
def test_a_search_of_kept_texts_printing_many_lines_shares_them_with_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], shared: bool
) -> None:
    """Every text kept from the search before, a common word's every line (706,751 lines of
    "the" in 10,000 texts) was made and printed by one process, three seconds of one core
    with another free: a helper was started only for files to read.  When the first
    documents searched print so many hits that the rest are expected to print more than
    SHARE_HITS_FROM, the rest is shared, and what is printed, and its exit status, are what
    one process gives; a rare word (or -l) is searched alone."""
    corpus = _corpus(tmp_path)
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    db = tmp_path / "db.json"
    alone = _search(args, corpus, db)  # (every text read, and kept)
    assert _search(args, corpus, db) == alone
    forks = _shared_with_a_helper(monkeypatch)
    monkeypatch.setattr(cli_search, "LOOKED_AT_ONCE", 5)  # the first documents: five
    monkeypatch.setattr(cli_search, "SHARE_HITS_FROM", 20)
    assert _search(args, corpus, db) == alone
    assert len(forks) == int(shared)
    assert _spools(db) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_a_helpers_lines_are_written_as_it_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper's lines, UTF-8 in its records, were decoded and encoded again by the search
    to be printed (half of a common word's lines: a tenth of a second, the search's own, while
    the helper had ended).  Into a UTF-8 standard output they are written as they are, after
    the lines printed before them: the same bytes as one process prints."""
    corpus = _corpus(tmp_path)
    (corpus / "part2" / "doc38.txt").write_text("An army … of words, café\n")  # (the helper's)

    def printed(db: Path) -> bytes:
        out = tmp_path / "out.txt"
        with out.open("wb") as raw, pytest.MonkeyPatch.context() as patch:
            stream = io.TextIOWrapper(raw, encoding="utf-8")
            patch.setattr("sys.stdout", stream)
            patch.setattr("sys.stderr", io.StringIO())
            main(["search", "-i", "army", str(corpus), "--db", str(db)])
            stream.flush()
        return out.read_bytes()

    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    alone = printed(tmp_path / "alone.json")
    assert "part2/doc38.txt:1: An army … of words, café\n".encode() in alone
    added: list[str] = []
    made = cli_search._Output.__init__
    parent = os.getpid()

    def spied(self: cli_search._Output, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        add = self.add

        def noted(line: str) -> None:
            if os.getpid() == parent:
                added.append(line)
            add(line)

        self.add = noted

    monkeypatch.setattr(cli_search._Output, "__init__", spied)
    forks = _shared_with_a_helper(monkeypatch)
    assert printed(tmp_path / "shared.json") == alone
    assert len(forks) == 1
    assert added and not any("part2/doc38.txt" in line for line in added)


# Run in a new process (the tests' own has imported every module): a first search of plain
# texts and Markdown notes shared with a helper, printing the modules the search imported once
# it had forked.
_IMPORTED_AFTER_THE_FORK = """
import io, os, sys
import tui_reader.cli.search as cli_search
from tui_reader.cli.main import main
cli_search.SHARE_FROM = 10
cli_search._core_free = lambda: True
at_the_fork = []
fork = os.fork
def recorded():
    at_the_fork.append(set(sys.modules))
    return fork()
os.fork = recorded
out = io.StringIO()
sys.stdout = out
status = main(["search", "-i", "army", sys.argv[1], "--db", sys.argv[2]])
sys.stdout = sys.__stdout__
print(status, len(at_the_fork), out.getvalue().count("army"))
print(" ".join(sorted(set(sys.modules) - at_the_fork[0])) if at_the_fork else "")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_the_modules_reading_files_are_imported_once_before_the_helper_is_forked(
    tmp_path: Path,
) -> None:
    """Imported after the fork, the modules that read a plain text or a Markdown note were
    imported by both processes: some 16 ms of CPU a first search paid twice."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):  # plain texts and plain Markdown notes, as most of a corpus
        if n % 4:
            (corpus / f"doc{n:02}.txt").write_text(f"The army moved.\n\nNumber {n}\n")
        else:
            note = f"# Notes {n}\n\nThe army\nmoved.\n\n- one\n- two armies\n"
            (corpus / f"note{n:02}.md").write_text(note)
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED_AFTER_THE_FORK, str(corpus), str(tmp_path / "db.json")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TUI_READER_CACHE": str(tmp_path / "cache")},
        timeout=120,
    )
    counts, imported = done.stdout.splitlines()
    status, forks, hits = counts.split()
    assert (status, forks, hits) == ("0", "1", "40")  # shared
    readers = [name for name in imported.split() if name.startswith("tui_reader.core")]
    assert readers == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
def test_our_exports_in_the_helpers_half_are_told_and_kept_for_the_next_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search tells our Markdown exports saved as plain texts from the bytes it
    reads (its listing reads no plain text's head): those in the helper's half are left out
    there as in this process's, and what the helper told comes back with its report, so the
    next listing reads no plain text's head of either half."""
    from tui_reader.core.documents import corpus as listing
    from tui_reader.core.documents import own_texts

    monkeypatch.setattr(own_texts, "RECENT", 0)  # (its files written a moment before)
    corpus = _corpus(tmp_path)
    export = "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n> army\n"
    for folder in ("part0", "part2"):  # in the first half and in the helper's
        (corpus / folder / "coding.txt").write_text(export, "utf-8")
    old = 1_700_000_000_000_000_000  # the folders' times well past: kept
    for folder in [*corpus.iterdir(), corpus]:
        os.utime(folder, ns=(old, old))
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10**9)
    alone = _search(["-i", "army"], corpus, tmp_path / "alone.json")
    assert "coding.txt" not in alone[1] and "doc35.txt" in alone[1]
    read = heads_read(monkeypatch)
    forks = _shared_with_a_helper(monkeypatch)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "another-cache"))  # a first listing
    assert _search(["-i", "army"], corpus, tmp_path / "shared.json") == alone
    assert len(forks) == 1
    assert [name for name in read if name.endswith(".txt")] == []
    ours: list[str] = []
    listing.list_corpus_files(corpus, ours=ours)
    assert sorted(ours) == ["part0/coding.txt", "part2/coding.txt"]
    assert [name for name in read if name.endswith(".txt")] == []  # known: none read
