"""The facts cache's one rule for a file touched, for every format (FactsCache.touched and
FactsCache.current): the same size and bytes' hash keep the facts (their stamp made the
file's now); other bytes never do."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import record_calls
from helpers.format_fixtures import make_format_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.catalog import scan_facts
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.stamps import file_stamp

_FACTS = DocumentFacts("Kept", 3, 12, format="pdf", sha256="a" * 64)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.binary(min_size=1, max_size=200),
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=255),
    st.booleans(),
)
def test_a_touched_file_keeps_its_facts_only_when_its_bytes_are_the_same(
    data: bytes, where: int, byte: int, edited: bool
) -> None:
    """Bytes of any format, their facts kept beside their hash; the file touched, with one
    byte changed or not (the same size): its facts given back, and kept under its stamp
    now, only when the bytes are the same."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        cache = FactsCache(None)
        cache.put("doc.pdf", file_stamp(path), _FACTS, hashlib.sha256(data).hexdigest())
        now = bytearray(data)
        if edited:
            at = where % len(now)
            now[at] = byte if byte != now[at] else (byte + 1) % 256
        path.write_bytes(bytes(now))
        os.utime(path, ns=(10**18, 10**18))  # touched (a sync, a checkout)
        same = bytes(now) == data
        assert cache.current("doc.pdf", path) == (_FACTS if same else None)
        assert cache.get("doc.pdf", file_stamp(path)) == (_FACTS if same else None)


def test_no_facts_are_kept_for_a_file_without_its_bytes_hash_or_of_another_size(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"some bytes")
    cache = FactsCache(None)
    cache.put("doc.pdf", file_stamp(path), _FACTS)  # no hash of its bytes kept
    os.utime(path, ns=(10**18, 10**18))
    assert cache.current("doc.pdf", path) is None
    cache.put("doc.pdf", (1, 10, 1, 1), _FACTS, hashlib.sha256(b"some bytes").hexdigest())
    path.write_bytes(b"some bytes, longer")
    assert cache.current("doc.pdf", path) is None
    assert cache.current("other.pdf", path) is None


def test_the_scan_converts_no_touched_file_again_of_any_format(tmp_path: Path) -> None:
    """A corpus of every format scanned, every file touched: a second scan (a new cache
    read from the first's file, as a next run) gives the same facts and loads nothing; a
    file of the same size and another byte is loaded again, and its facts are its own."""
    corpus = tmp_path / "corpus"
    made = make_format_corpus(corpus)
    kept = tmp_path / "facts.json"
    files = [(f.rel, f) for f in list_corpus_files(corpus)]

    def load(key: str) -> Document:
        return load_document(corpus / key)

    cache = FactsCache(kept)
    first = dict(scan_facts(files, cache, load, exact=True))
    cache.save()
    assert all(isinstance(facts, DocumentFacts) for facts in first.values()), first
    for path in corpus.rglob("*.*"):
        os.utime(path, ns=(10**18, 10**18))
    loads: list[str] = []

    def counted(key: str) -> Document:
        loads.append(key)
        return load(key)

    cache = FactsCache(kept)
    assert dict(scan_facts(files, cache, counted, exact=True)) == first
    assert loads == []
    cache.save()
    html = made["html"]
    data = html.read_bytes()
    html.write_bytes(data.replace(b"Soldiers now stand", b"Soldiers now Stand"))
    os.utime(html, ns=(10**18 + 1, 10**18 + 1))
    again = dict(scan_facts(files, FactsCache(kept), counted, exact=True))
    assert loads == [html.name]
    alone = [(k, f) for k, f in files if k == html.name]
    assert (
        again[html.name] == dict(scan_facts(alone, FactsCache(None), load, exact=True))[html.name]
    )
    assert again[html.name] != first[html.name]


def test_the_query_s_scope_loads_no_touched_converted_document(tmp_path: Path) -> None:
    """A Word document placed by a scope, its file touched: the next scope takes its length
    and its passages' places as kept, its document not loaded."""
    from helpers.format_fixtures import make_docx

    from tui_reader.core.analysis import scope as scope_module
    from tui_reader.core.analysis.scope import load_scope
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.workspace import Workspace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    docx = make_docx(corpus / "interview.docx", [("para", "Ana: The border was closed.")])
    db = tmp_path / "db" / "annotations.json"
    db.parent.mkdir()
    workspace = Workspace(corpus, db)
    key = workspace.key(docx)
    document = workspace.document(key)
    start = document.text.index("border")
    workspace.store.add(
        make_annotation(key, document.text, start, start + 6, document.sha256, ("x",))
    )
    workspace.store.close()
    first = load_scope(Workspace(corpus, db))
    assert first.count == 1
    os.utime(docx, ns=(10**18, 10**18))
    with pytest.MonkeyPatch.context() as monkeypatch:
        loads = record_calls(monkeypatch, scope_module.Workspace, "document")
        again = load_scope(Workspace(corpus, db))
    assert loads.args == []
    assert (again.lengths, again.count) == (first.lengths, first.count)
