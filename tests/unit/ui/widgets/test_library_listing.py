"""The library's scan of the facts it did not find cached (:func:`scan_in_batches`)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers.counting import count_calls
from helpers.texts import text_corpus

from tui_reader.core import workspace as workspace_module
from tui_reader.core.documents import catalog
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.facts import facts_of
from tui_reader.core.workspace import Workspace
from tui_reader.ui.widgets.library_listing import list_corpus, scan_in_batches

PAGE = "<html><head><title>Page {n}</title></head><body><p>A saved page.</p></body></html>"


def _quick_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the catalog's quick read reads, as it reads them."""
    reads: list[str] = []
    quick = catalog.quick_facts_text_and_raw

    def quick_facts_text_and_raw(location: str, fmt: str, *kept: Any) -> object:
        reads.append(Path(location).name)
        return quick(location, fmt, *kept)

    monkeypatch.setattr(catalog, "quick_facts_text_and_raw", quick_facts_text_and_raw)
    return reads


def test_documents_the_query_view_read_while_the_scan_stepped_aside_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan steps aside while the query view places every passage (reading each document,
    whose facts it keeps in the facts cache): on its return, it read each again (it works
    from the cache as it was when it started), 10,000 files, each web page converted again.
    Their facts are the view's now, as a read of their own would have made them; a file
    written since is read again."""
    texts: dict[str, str | bytes] = {}
    for n in range(4):
        texts[f"note{n}.txt"] = f"Note {n}\n\nSome words of note {n}.\n"
        texts[f"memo{n}.md"] = f"# Memo {n}\n\n- an item\n- another\n"
        texts[f"page{n}.html"] = PAGE.format(n=n)
    corpus, db = text_corpus(tmp_path, texts)
    monkeypatch.setattr(workspace_module, "DOCUMENT_CACHE_SIZE", 2)  # most let go, as 10,000
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    reads = _quick_reads(monkeypatch)
    monkeypatch.setattr(
        workspace_module,
        "load_document",
        lambda path: reads.append(Path(path).name) or load_document(path),
    )
    stepped_aside: list[bool] = []

    def cancelled() -> bool:
        if not stepped_aside:  # the scan's first look: the query view reads every document
            stepped_aside.append(True)
            for key, _file in listing.files:
                workspace.document(key)
            workspace.keep_facts()
            (corpus / "note3.txt").write_text("Note 3 again\n\nlonger now, and other\n", "utf-8")
            reads.clear()
        return False

    scanned = {
        key: facts
        for batch, _done, _last in scan_in_batches(
            workspace, listing.looked, listing.cache, cancelled
        )
        for key, facts in batch
    }
    assert reads == ["note3.txt"]  # written since the view read it: read again
    assert scanned == {key: facts_of(load_document(file.path)) for key, file in listing.files}
    workspace.store.close()


def test_a_first_scan_looks_at_no_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first start's scan reads each text and Markdown file once, its stamp from the open
    that reads it.  It asked the workspace for each file's document in memory first, which
    made the file's Path and stat'ed it though no document was loaded (a sixth of the scan of
    10,000 files).  A document that is loaded is still taken from memory."""
    texts: dict[str, str | bytes] = {f"note{n}.txt": f"Note {n}\n\nwords {n}\n" for n in range(6)}
    texts["memo.md"] = "# Memo\n\n- an item\n"
    corpus, db = text_corpus(tmp_path, texts)
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    opened = workspace.document(workspace.key(corpus / "note0.txt"))  # in memory
    made = count_calls(monkeypatch, Workspace, "path")
    stats = count_calls(monkeypatch, workspace_module, "file_stamp")
    scanned = {
        key: facts
        for batch, _done, _last in scan_in_batches(
            workspace, listing.looked, listing.cache, lambda: False
        )
        for key, facts in batch
    }
    assert scanned == {key: facts_of(load_document(file.path)) for key, file in listing.files}
    assert scanned[workspace.key(corpus / "note0.txt")] == facts_of(opened)
    assert made.calls <= 1 and stats.calls <= 1  # the document in memory alone: looked at
    workspace.store.close()


def test_a_document_the_reader_is_loading_is_not_read_again_by_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row the scan has not read yet opens when chosen, and the reader loads its document
    in a worker while the scan runs in another: the scan, reaching that file, read it beside
    the load (a 50 MB text's bytes and text twice in memory at once).  It now takes the
    facts from that load once the other files are read."""
    texts: dict[str, str | bytes] = {
        "a.txt": "A\n\nSome words.\n",
        "big.txt": "Big\n\nMany words, many more.\n",
        "c.md": "# C\n\n- an item\n",
    }
    corpus, db = text_corpus(tmp_path, texts)
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    reads = _quick_reads(monkeypatch)
    started, release = threading.Event(), threading.Event()

    def slow_load(path: Path) -> object:
        reads.append(Path(path).name)
        started.set()
        release.wait(timeout=10)  # until the scan read the other files
        return load_document(path)

    monkeypatch.setattr(workspace_module, "load_document", slow_load)
    big = next(key for key, _file in listing.files if key.endswith("big.txt"))
    reader = threading.Thread(target=workspace.document, args=(big,))
    reader.start()
    assert started.wait(timeout=10)
    assert workspace.loading(big)
    scanned: dict[str, object] = {}
    for batch, _done, _last in scan_in_batches(
        workspace, listing.looked, listing.cache, lambda: False, every=0
    ):
        scanned.update(batch)
        if len(scanned) == 2 and big not in scanned:  # the other two read
            release.set()
    release.set()
    reader.join(timeout=10)
    assert not workspace.loading(big)
    assert sorted(reads) == ["a.txt", "big.txt", "c.md"]  # big.txt: the reader's load alone
    assert scanned == {key: facts_of(load_document(file.path)) for key, file in listing.files}
    workspace.store.close()


def test_a_document_opened_while_the_scan_reads_its_file_is_loaded_after_that_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other order: the scan is reading the file when the reader opens it.  The reader's
    load waits for that read (its preview is shown meanwhile), not reading the file beside
    it."""
    corpus, db = text_corpus(tmp_path, {"big.txt": "Big\n\nMany words, many more.\n"})
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    big = listing.files[0][0]
    loads: list[str] = []
    started = threading.Event()

    def load(path: Path) -> object:
        loads.append(Path(path).name)
        started.set()
        return load_document(path)

    quick = catalog.quick_facts_text_and_raw
    waited: list[bool] = []

    def quick_facts_text_and_raw(location: str, fmt: str, *kept: Any) -> object:
        reader = threading.Thread(target=workspace.document, args=(big,))
        reader.start()  # the reader opens it now
        waited.append(not started.wait(timeout=0.5))  # its load waits for this read
        return quick(location, fmt, *kept)

    monkeypatch.setattr(catalog, "quick_facts_text_and_raw", quick_facts_text_and_raw)
    monkeypatch.setattr(workspace_module, "load_document", load)
    for _batch in scan_in_batches(workspace, listing.looked, listing.cache, lambda: False):
        pass
    assert started.wait(timeout=10)  # then it loads
    assert waited == [True]
    assert loads == ["big.txt"]
    workspace.store.close()


def _listed_and_read(tmp_path: Path) -> tuple[Path, str]:
    """A corpus of plain texts and a Markdown note whose folder's time is a minute old (its
    own texts kept by the listing: a folder changed in the last seconds is not), listed and
    read once: their facts cached, as at a second start."""
    import os
    import time

    texts: dict[str, str | bytes] = {f"note{n}.txt": f"Note {n}\n\nwords {n}\n" for n in range(4)}
    texts["memo.md"] = "# Memo\n\n- an item\n"
    corpus, db = text_corpus(tmp_path, texts)
    past = time.time_ns() - 60 * 10**9
    os.utime(corpus, ns=(past, past))
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    for _batch in scan_in_batches(workspace, listing.looked, listing.cache, lambda: False):
        pass
    workspace.store.close()
    return corpus, db


def _stats_by_path(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each path is given to ``os.stat`` from now."""
    import os

    counted: dict[str, int] = {}
    real = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        counted[str(path)] = counted.get(str(path), 0) + 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return counted


def test_a_second_start_stats_each_plain_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing looks at each plain text of a folder whose own texts it kept (written over
    since?), and the facts cache's look-up stamped each again just after: 8,000 of the
    bench's 10,000 files stat'ed twice at every second start.  The look-up takes the
    listing's; the stamps are the files' and every fact comes from the cache."""
    import os

    from tui_reader.core.documents.stamps import stamp_of_stat

    corpus, db = _listed_and_read(tmp_path)
    stats = _stats_by_path(monkeypatch)
    workspace = Workspace(corpus, Path(db))
    listing = list_corpus(workspace, again=False)
    taken = dict(stats)
    assert len(listing.looked.found) == 5 and listing.looked.left == []
    for key, file in listing.files:
        assert listing.looked.stamps[key] == stamp_of_stat(os.stat(file.location))
    texts = [file.location for _, file in listing.files if file.format == "text"]
    assert len(texts) == 4
    assert [taken.get(text) for text in texts] == [1, 1, 1, 1]
    workspace.store.close()


def test_a_listing_made_before_is_stamped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listing made earlier (by the corpus search, seconds before) hands its stats to no
    look-up of the facts cache: a text written over in place since (no folder's time says
    so) is read again, not shown with the facts of its old text."""
    corpus, db = _listed_and_read(tmp_path)
    workspace = Workspace(corpus, Path(db))
    workspace.keyed_files()  # listed before the library asks
    (corpus / "note2.txt").write_text("Note 2 written over\n\nmany more words now\n", "utf-8")
    listing = list_corpus(workspace, again=False)
    assert [key for key, _ in listing.looked.left] == [workspace.key(corpus / "note2.txt")]
    assert len(listing.looked.found) == 4
    workspace.store.close()
