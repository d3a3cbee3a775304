"""Agreement by sentence, paragraph or word over many plain texts whose units are not kept
shares the cutting with a second process: what it prints (the table, what could not be read,
in the documents' order) and keeps (the units cache) is exactly what one process gives; a
second process that fails changes nothing."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from helpers.annotations import annotation
from helpers.counting import arguments_after_self
from helpers.forking import counted_forks

import tui_reader.core.analysis.agreement as core_agreement
import tui_reader.core.analysis.coder_agreement as coder_agreement
from tui_reader.cli.main import main
from tui_reader.core.errors import DocumentError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key, facts_cache_path, units_cache_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")

TEXT = (
    "The army moved at dawn. Dr. Smith said so, e.g. in May. Then it left!\n\n"
    "A second paragraph. It has two sentences.\n"
)


def _study(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "annotations.json"
    coded = []
    for n in range(30):
        suffix = "md" if n % 7 == 3 else "txt"
        path = corpus / f"doc{n:02}.{suffix}"
        path.write_text(f"Number {n}. " + TEXT * (1 + n % 3), encoding="utf-8")
        key = document_key(path, db)
        start = 11 if n < 10 else 0
        for coder, end in (("ana", 30), ("ben", 34 + n % 5)):
            made = annotation(f"{coder}{n}", start, "x", "army", end=end, document=key)
            coded.append(made.evolve(coder=coder, quote=path.read_text()[start:end]))
    with AnnotationStore(db) as store:
        store.put_many(coded)
    # read by the second process, then refused: said in its place, among the others
    (corpus / "doc25.txt").write_bytes(b"army\x00\x01\x02" * 50)
    return corpus, db


def _kept(db: Path) -> object:
    """The units kept (their entries' order aside)."""
    return json.loads(units_cache_path(db).read_bytes())


def _agreement(corpus: Path, db: Path, unit: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        argv = ["agreement", "ana", "ben", "--unit", unit, "--corpus", str(corpus)]
        status = main([*argv, "--db", str(db), "--format", "json"])
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "word"])
def test_units_cut_by_two_processes_give_what_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    corpus, db = _study(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 10**9)
    alone = _agreement(corpus, db, unit)
    assert "doc25.txt" in alone[2] and '"units"' in alone[1]
    kept = _kept(db) if unit != "word" else None
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 4)
    monkeypatch.setattr(coder_agreement, "core_free", lambda: True)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    assert _agreement(corpus, db, unit) == alone
    assert len(forks) == 1
    if unit != "word":
        assert _kept(db) == kept  # the same units kept
        assert _agreement(corpus, db, unit) == alone  # from the cache: nothing to share
        assert len(forks) == 1


def test_a_second_process_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = _study(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    alone = _agreement(corpus, db, "sentence")
    kept = _kept(db)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 4)
    monkeypatch.setattr(coder_agreement, "core_free", lambda: True)
    parent = os.getpid()
    spans = core_agreement.unit_spans

    def failing_there(text: str, unit: coder_agreement.Unit, *how: Any) -> object:
        if os.getpid() != parent:
            raise MemoryError  # as anything could, there
        return spans(text, unit, *how)  # (with the rule and turns the parent passes)

    monkeypatch.setattr(core_agreement, "unit_spans", failing_there)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    assert _agreement(corpus, db, "sentence") == alone
    assert len(forks) == 1
    assert _kept(db) == kept


def test_a_text_the_second_process_cannot_read_is_said_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that changed into one that cannot be read after its facts were taken: said,
    among the others and in the documents' order, whichever process read it."""
    corpus, db = _study(tmp_path)
    read = coder_agreement.read_text

    def refusing(location: str, fmt: str) -> str:
        if location.endswith(("doc22.txt", "doc27.txt")):
            raise DocumentError(Path(location), "cannot be read: it changed")
        return read(location, fmt)

    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    _facts_taken(corpus, db)
    monkeypatch.setattr(coder_agreement, "read_text", refusing)
    alone = _agreement(corpus, db, "sentence")
    said = alone[2].splitlines()
    assert [n for n in ("doc22", "doc25", "doc27") if any(n in line for line in said)] == [
        "doc22",
        "doc25",
        "doc27",
    ]
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    with monkeypatch.context() as patch:
        patch.setattr(coder_agreement, "read_text", read)
        _facts_taken(corpus, db)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 4)
    monkeypatch.setattr(coder_agreement, "core_free", lambda: True)
    assert _agreement(corpus, db, "sentence") == alone
    assert len(forks) == 1


def _facts_taken(corpus: Path, db: Path) -> None:
    """The documents' facts taken and kept, as a first agreement takes them, and the units
    it kept let go: the next agreement cuts them again from the texts it reads."""
    _agreement(corpus, db, "sentence")
    units_cache_path(db).unlink(missing_ok=True)


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "word"])
def test_a_first_agreement_by_one_process_reads_each_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """A first agreement, the documents' facts not known yet, cuts each plain text's and
    Markdown file's units from the text read for its facts (each of 10,000 files was read
    twice): the same table, lines and units kept as when the facts were known before."""
    from helpers.counting import names_given

    from tui_reader.core.documents import safe_read

    corpus, db = _study(tmp_path)
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 10**9)  # one process
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    placed = _agreement(corpus, db, unit)  # the passages placed (their documents read)
    facts_cache_path(db).unlink()
    units_cache_path(db).unlink(missing_ok=True)
    with monkeypatch.context() as patch:
        opened = names_given(patch, safe_read, "_open_regular_stat")
        first = _agreement(corpus, db, unit)
    # each readable file once (doc25.txt, refused, is tried where its passages are placed)
    readable = sorted(p.name for p in corpus.iterdir() if p.name != "doc25.txt")
    assert sorted(name for name in opened if name != "doc25.txt") == readable
    assert first == placed
    assert "doc25.txt" in first[2] and '"units"' in first[1]
    kept = _kept(db) if unit != "word" else None
    units_cache_path(db).unlink(missing_ok=True)  # the facts known: each read to cut it
    with monkeypatch.context() as patch:
        opened = names_given(patch, safe_read, "_open_regular_stat")
        assert _agreement(corpus, db, unit) == first
    assert sorted(name for name in opened if name != "doc25.txt") == readable
    if unit != "word":
        assert _kept(db) == kept


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "word"])
def test_markdown_units_are_cut_from_its_text_without_a_document_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """A Markdown file's units are cut from its text read as the search reads it, as a plain
    text's are (each of 2,000 Markdown files was made a whole document, its speaker turns
    and all, to be cut): no document made, and the same table and units kept as from the
    documents."""
    from tui_reader.core.documents.document import load_document
    from tui_reader.core.workspace import Workspace

    corpus, db = _study(tmp_path)
    monkeypatch.setattr(coder_agreement, "SHARE_FROM", 10**9)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    _agreement(corpus, db, unit)  # the passages placed (their documents read), known in place
    units_cache_path(db).unlink(missing_ok=True)
    made = arguments_after_self(monkeypatch, Workspace, "document")
    read = _agreement(corpus, db, unit)
    assert [key for key in made if key.endswith(".md")] == []  # (doc25.txt's passages placed)
    kept = _kept(db) if unit != "word" else None
    units_cache_path(db).unlink(missing_ok=True)
    monkeypatch.setattr(
        coder_agreement, "read_text", lambda where, fmt: load_document(Path(where)).text
    )
    assert _agreement(corpus, db, unit) == read
    if unit != "word":
        assert _kept(db) == kept


@pytest.mark.parametrize("unit", ["character", "sentence"])
def test_disagreements_read_the_texts_without_a_document_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    """--disagreements reads each plain text's and Markdown file's text as the search reads
    it (10,000 documents were made whole for it): no document made, and the same passages
    listed as from the documents."""
    from tui_reader.core.documents.document import load_document
    from tui_reader.core.workspace import Workspace

    corpus, db = _study(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    argv = ["agreement", "ana", "ben", "--unit", unit, "--disagreements", "--corpus", str(corpus)]
    argv += ["--db", str(db), "--format", "json"]

    def listed() -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.stdout", out)
            patch.setattr("sys.stderr", err)
            status = main(argv)
        return status, out.getvalue(), err.getvalue()

    listed()  # the passages placed (their documents read), known in place
    made = arguments_after_self(monkeypatch, Workspace, "document")
    read = listed()
    assert json.loads(read[1]) and "doc25.txt" in read[2]
    assert [key for key in made if not key.endswith("doc25.txt")] == []  # (its passages placed)
    monkeypatch.setattr(
        coder_agreement, "read_text", lambda where, fmt: load_document(Path(where)).text
    )
    assert listed() == read
