"""An export of every annotation after the placement cache was lost (every file touched, the
cache deleted) finds each annotation in place from the store's records and the documents'
texts alone, when each is: no Document built, no Annotation made.  It writes the same bytes,
problems and counts as the export that places every annotation, and leaves the placement
cache as that one leaves it; anything it cannot vouch for goes to the full pass."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    KEYS,
    ExportCase,
    Marked,
    export_workspace,
    made,
    three_documents,
)
from helpers.format_fixtures import (
    LOREM,
    TRANSCRIPT_TXT,
    WEB_PAGE,
    make_docx,
    make_pdf,
    pdf_paragraphs,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations import model
from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.interchange import FORMATS, records_in_place
from tui_reader.core.interchange.workspace_export import ExportSet, collect
from tui_reader.core.search import corpus as corpus_module
from tui_reader.core.store.index import StoreIndex
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path, places_cache_path


def _caches_lost(workspace: Workspace) -> Workspace:
    """``workspace`` reopened without its placement and places caches."""
    workspace.store.close()
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    places_cache_path(workspace.db).unlink(missing_ok=True)
    return Workspace(workspace.corpus, workspace.db)


def _placements(workspace: Workspace) -> object:
    """What the placement cache holds for each document (its file, read back), but the hash
    of the bytes its text was read from, known only when it was read from them alone (a
    document loaded by the full pass has none: its file touched, it is read again)."""
    documents = json.loads(placement_cache_path(workspace.db).read_text("utf-8"))["documents"]
    return {key: entry[:7] for key, entry in documents.items()}


def _both(workspace: Workspace, name: str) -> tuple[ExportSet, tuple[object, ...], object]:
    """The export from the records (when it is taken) and the one placing every annotation,
    each with the caches lost first and from the same database (an export re-links the
    annotations of a moved file): both exports and both placement caches."""
    tags_only = FORMATS[name].tags_only
    workspace = _caches_lost(workspace)
    database = {p: p.read_bytes() for p in workspace.db.parent.glob(f"{workspace.db.name}*")}
    quick = collect(workspace, relist=False, tags_only=tags_only, columns=True)
    written = made(quick, name)
    cached = _placements(workspace) if not tags_only else None
    workspace.store.close()
    for path in workspace.db.parent.glob(f"{workspace.db.name}*"):
        path.unlink()
    for path, data in database.items():
        path.write_bytes(data)
    workspace = _caches_lost(workspace)
    placed = made(collect(workspace, relist=False, tags_only=tags_only), name)
    assert written == placed
    if not tags_only:
        assert cached == _placements(workspace)
    workspace.store.close()
    return quick, written, cached


def _in_place() -> ExportCase:
    """Three annotations in place, one in each document."""
    case = three_documents(deleted=False)
    return dataclasses.replace(
        case, marked=[dataclasses.replace(m, orphan=False) for m in case.marked]
    )


def test_lost_caches_place_every_annotation_from_the_records_loading_no_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    with monkeypatch.context() as patched:
        loads = count_calls(patched, workspace_module, "load_document")
        searched = count_calls(patched, corpus_module, "load_document")
        built = count_calls(patched, model.Annotation, "from_record")
        indexed = count_calls(patched, StoreIndex, "_rebuild")
        export = collect(workspace, relist=False, columns=True)
    assert export.columns is not None and export.count == 3
    # b.md is not plain Markdown: rendered as the corpus search renders it (its one load)
    assert (loads.calls, searched.calls, built.calls) == (0, 1, 0)
    assert indexed.calls == 0  # the records as stored: no index of them built
    settled = json.loads(placement_cache_path(workspace.db).read_text("utf-8"))["settled"]
    assert settled is not None  # the next export looks at no text
    for name in FORMATS:
        _both(workspace, name)


def test_a_document_not_in_place_is_placed_alone_by_the_full_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The orphan of b.md is placed by the full pass's steps, which load b.md alone and
    make its annotations alone: the other documents' rows are their records."""
    workspace = _caches_lost(export_workspace(tmp_path, three_documents(deleted=False)))
    with monkeypatch.context() as patched:
        loads = count_calls(patched, workspace_module, "load_document")
        built = count_calls(patched, model.Annotation, "from_record")
        export = collect(workspace, relist=False, columns=True)
    assert export.columns is not None and export.orphans == 1
    assert (loads.calls, built.calls) == (1, 1)  # b.md and its one annotation
    for name in FORMATS:
        _both(workspace, name)


EDITS = st.sampled_from([None, *KEYS])  # a document whose text changed after the coding


# What is done to the first annotation's record: an orphan in place (a file back after it
# went), an empty passage beyond the end of its text
TAMPERED = st.sampled_from(["", "orphan", "empty"])


def _one(start: int) -> ExportCase:
    return ExportCase([Marked("a.txt", start, 5, ("x",), "", "", False)], [], [], {}, False)


@settings(max_examples=examples(30), deadline=None)
@example(_one(0), "a.txt", "tail", "", None)  # in place in another text: its hash is new
@example(_one(30), None, "cut", "empty", None)  # no passage beyond the end of the text
@example(_one(0), None, "tail", "orphan", None)  # an orphan in place is anchored again
@example(_one(0), None, "tail", "", "a.txt")  # a file moved: its annotations follow it
@example(_one(0), "a.txt", "lead", "", "a.txt")  # moved and edited: orphans
@given(
    EXPORT_CASES,
    EDITS,
    st.sampled_from(["lead", "tail", "cut", "reverse"]),
    TAMPERED,
    st.sampled_from([None, *KEYS]),  # a file moved to another folder after the coding
)
def test_the_export_from_the_records_is_the_placed_export(
    tmp_path_factory: pytest.TempPathFactory,
    case: ExportCase,
    edited: str | None,
    how: str,
    tampered: str,
    moved: str | None,
) -> None:
    """Whatever the records and texts hold (orphans, a deleted file, a file moved, a text
    edited so that quotes moved or went, an orphan in place, an empty passage, tags the
    codebook lacks), each format writes what the full pass writes, and the placement cache
    holds the same entries after either: the documents not found in place from the records
    are placed alone by the full pass's steps, the others' rows are their records."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    every = workspace.store.annotations()
    if tampered and every:
        first = every[0]
        changed = (
            first.evolve(status=AnchorStatus.ORPHAN)
            if tampered == "orphan"
            else first.evolve(quote="", start=10_000, end=10_005)
        )
        workspace.store.update(changed)
    if edited is not None and (workspace.corpus / edited).exists():
        path = workspace.corpus / edited
        text = path.read_text("utf-8")
        edits = {
            "lead": "A new first line.\n\n" + text,  # every passage moved
            "tail": text + "\nA new last line.\n",  # in place, in another text
            "cut": text[:5],  # passages beyond the end
            "reverse": text[::-1],  # passages gone
        }
        path.write_text(edits[how], "utf-8")
    if moved is not None and (workspace.corpus / moved).exists():
        (workspace.corpus / "moved").mkdir(exist_ok=True)
        (workspace.corpus / moved).rename(workspace.corpus / "moved" / Path(moved).name)
    for name in FORMATS:
        _both(workspace, name)
        workspace = Workspace(workspace.corpus, workspace.db)
    workspace.store.close()


def test_csv_and_markdown_find_places_and_turns_in_the_texts_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Transcripts (plain text and Markdown) coded across their turns, the caches lost:
    the lines, speakers and timestamps csv and Markdown print are found in the texts the
    pass read, no document loaded, and are those the full pass prints."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "interview.txt").write_text(TRANSCRIPT_TXT, encoding="utf-8")
    (corpus / "talk.md").write_text(
        "# Talk\n\nR1 (00:01:02): Yes, water.\n\nInterviewer: Why?\n\nR1: Because.\n\n"
        "Interviewer: OK.\n\nR1: The road was closed.\n",
        encoding="utf-8",
    )
    coded = Workspace(corpus, tmp_path / "annotations.json")
    for key in coded.keys():  # noqa: SIM118 - a method, not a dict
        document = coded.document(key)
        assert document.turns  # each is a transcript
        for start in range(0, len(document.text) - 9, 23):
            coded.store.add(
                make_annotation(key, document.text, start, start + 9, document.sha256, ("t",))
            )
    workspace = _caches_lost(coded)
    with monkeypatch.context() as patched:
        loads = count_calls(patched, workspace_module, "load_document")
        export = collect(workspace, relist=False, columns=True)
        quick = {name: made(export, name) for name in ("csv", "csv-raw", "markdown")}
    assert export.columns is not None and loads.calls == 0
    assert b"P03" in quick["csv"][0] and b"00:07:09" in quick["csv"][0]  # type: ignore[operator]
    workspace = _caches_lost(workspace)
    placed = collect(workspace, relist=False)
    assert {name: made(placed, name) for name in quick} == quick
    workspace.store.close()


def test_documents_the_cache_knows_in_place_are_not_read_when_a_file_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deleted file keeps the placement cache from settling; the documents it knows in
    place are not read again (the full pass reads none of them): the export is the same."""
    workspace = export_workspace(tmp_path, three_documents(deleted=True))
    collect(workspace, relist=False)  # placed once: the cache knows a.txt and b.md
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    with monkeypatch.context() as patched:
        read = count_calls(patched, corpus_module, "read_canonical")
        export = collect(workspace, relist=False, columns=True)
    assert export.columns is not None and read.calls == 0
    written = made(export, "markdown")
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    assert made(collect(workspace, relist=False), "markdown") == written
    workspace.store.close()


def test_an_export_showing_no_title_looks_for_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # JSON (W3C, a project) with every document placed again: no plain text's title is
    # looked for, as none is shown (10,000 texts: a third of a second); the placement cache
    # says it is not known, and a Markdown export after it shows each title as one made
    # after the caches were lost
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    with monkeypatch.context() as patched:
        titled = count_calls(patched, corpus_module, "plain_title")
        export = collect(workspace, relist=False, columns=True, places=False)
    assert export.columns is not None and export.count == 3
    assert titled.calls == 0
    after = made(collect(workspace, relist=False, columns=True), "markdown")
    workspace.store.close()
    workspace = _caches_lost(workspace)
    assert after == made(collect(workspace, relist=False, columns=True), "markdown")
    workspace.store.close()


def _reopened_markdown_loads_none(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, first: tuple[object, ...]
) -> Workspace:
    """``workspace`` closed and opened again, its Markdown export seen to load no document
    and to be ``first``; the workspace opened."""
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    with monkeypatch.context() as patched:
        loads = count_calls(patched, workspace_module, "load_document")
        again = made(collect(workspace, relist=False, columns=True), "markdown")
    assert loads.calls == 0
    assert again == first
    return workspace


def test_titles_a_markdown_export_loaded_are_kept_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After an export showing no title (W3C with every document placed again), the placement
    # cache says no plain text's title: a Markdown export loads each document for it, and
    # keeps what it found, so the Markdown export after it loads none (every export after a
    # W3C one loaded all 8,000 plain texts of the bench's corpus again, twice its time)
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    collect(workspace, relist=False, columns=True, places=False)
    first = made(collect(workspace, relist=False, columns=True), "markdown")
    workspace = _reopened_markdown_loads_none(workspace, monkeypatch, first)
    workspace.store.close()
    workspace = _caches_lost(workspace)
    assert made(collect(workspace, relist=False, columns=True), "markdown") == first
    workspace.store.close()


def test_a_csv_export_looks_for_no_title_and_keeps_those_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CSV export with every document placed again keeps the texts for its places but
    # looks for no plain text's title, as it shows none (10,000 texts: a tenth of its time);
    # a file touched, its text the same, keeps the title a Markdown export found before, and
    # the Markdown export after the CSV one loads no document for it
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    first = made(collect(workspace, relist=False, columns=True), "markdown")
    for path in workspace.corpus.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    workspace.store.close()
    workspace = Workspace(workspace.corpus, workspace.db)
    csv = FORMATS["csv"]
    with monkeypatch.context() as patched:
        titled = count_calls(patched, corpus_module, "plain_title")
        export = collect(
            workspace, relist=False, columns=True, places=csv.places, titles=csv.titles
        )
    assert export.columns is not None and export.count == 3
    assert titled.calls == 0
    assert made(export, "csv") == made(collect(workspace, relist=False), "csv")
    workspace = _reopened_markdown_loads_none(workspace, monkeypatch, first)
    workspace.store.close()


def test_places_lost_are_found_in_the_texts_not_in_documents_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The places cache lost while the placement cache knows every document in place (a csv
    # or Markdown export after exports that keep no places: JSON, W3C, a project): each
    # text is read as the search reads it and the places found there, as after the caches
    # were lost; every document was loaded for them (10,000 of the bench's: 13 s more)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "interview.txt").write_text(TRANSCRIPT_TXT, encoding="utf-8")
    (corpus / "notes.md").write_text(
        "# Notes\n\nThe road was closed.\n\n- Water came late.\n", encoding="utf-8"
    )
    (corpus / "plain.txt").write_text("A title\n\nOne line.\nAnother line.\n", encoding="utf-8")
    coded = Workspace(corpus, tmp_path / "annotations.json")
    for key in coded.keys():  # noqa: SIM118 - a method, not a dict
        document = coded.document(key)
        for start in range(0, len(document.text) - 9, 17):
            coded.store.add(
                make_annotation(key, document.text, start, start + 9, document.sha256, ("t",))
            )
    workspace = _caches_lost(coded)
    names = ("csv", "csv-raw", "markdown")
    first = {name: made(collect(workspace, relist=False, columns=True), name) for name in names}
    workspace.store.close()
    places_cache_path(workspace.db).unlink()
    workspace = Workspace(workspace.corpus, workspace.db)
    with monkeypatch.context() as patched:
        loads = count_calls(patched, workspace_module, "load_document")
        export = collect(workspace, relist=False, columns=True)
        again = {name: made(export, name) for name in names}
    assert export.columns is not None
    assert loads.calls == 0
    assert again == first
    workspace.store.close()


def test_files_touched_their_bytes_the_same_are_not_read_as_texts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file touched (a sync, a checkout, a copy back): a file holding the bytes whose
    # text its passages were placed on holds that text, and they are in place in it; it was
    # decoded, rendered (Markdown) and its passages looked for again (at 10,000 documents,
    # about a second of every export).  The exports are as before; a file edited is read.
    # (A W3C export's contexts lengthened to name one place are kept too: no text read.)
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    names = ("json", "csv", "markdown", "w3c")
    first = {name: made(collect(workspace, relist=False, columns=True), name) for name in names}
    workspace.store.close()
    for path in workspace.corpus.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    workspace = Workspace(workspace.corpus, workspace.db)
    with monkeypatch.context() as patched:
        texts = count_calls(patched, corpus_module, "_canonical_of")
        loads = count_calls(patched, workspace_module, "load_document")
        export = collect(workspace, relist=False, columns=True)
        again = {name: made(export, name) for name in names}
    assert export.columns is not None
    assert (texts.calls, loads.calls) == (0, 0)
    assert again == first
    workspace.store.close()
    a = workspace.corpus / "a.txt"
    a.write_text(a.read_text("utf-8") + "\nA new last line.\n", "utf-8")
    workspace = Workspace(workspace.corpus, workspace.db)
    read: list[str] = []
    canonical_of = corpus_module._canonical_of
    with monkeypatch.context() as patched:
        patched.setattr(
            corpus_module,
            "_canonical_of",
            lambda data, where, *more: read.append(str(where)) or canonical_of(data, where, *more),
        )
        edited = {
            name: made(collect(workspace, relist=False, columns=True), name) for name in names
        }
    assert {Path(where).name for where in read} == {"a.txt"}
    workspace = _caches_lost(workspace)
    assert edited == {name: made(collect(workspace, relist=False), name) for name in names}
    workspace.store.close()


def test_titles_not_known_are_found_in_the_texts_not_in_documents_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every document placed by exports that show no title (JSON, W3C, a project, the caches
    # lost before them): a Markdown export read each text for its title as the search reads
    # it, not each document loaded (10,000 of the bench's: about 10 s), and kept them
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    first = made(collect(workspace, relist=False, columns=True), "markdown")
    workspace = _caches_lost(workspace)
    collect(workspace, relist=False, columns=True, places=False)  # (no title looked for)
    workspace = _reopened_markdown_loads_none(workspace, monkeypatch, first)
    _reopened_markdown_loads_none(workspace, monkeypatch, first).store.close()


def test_documents_loaded_whole_touched_their_bytes_the_same_are_not_loaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file touched: a web page, a Word file, a PDF and a plain text not in UTF-8 (each
    # loaded whole by the full pass, its Document made from its bytes) were loaded and
    # converted again, though they held the bytes their passages were placed on.  The
    # placement cache now keeps the hash of those bytes for them too, and the places cache
    # the hash of the bytes whose Document its places were found in (pages and turns too):
    # no export loads them again; the exports are as before, and a file edited is loaded.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(WEB_PAGE, "utf-8")
    make_docx(corpus / "report.docx", [("heading1", "Checkpoints"), ("para", LOREM)])
    make_pdf(corpus / "paper.pdf", pdf_paragraphs(2))
    (corpus / "old.txt").write_bytes(
        "Caf\xe9 talk at the border, every morning.\n".encode("cp1252")
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    for name in ("page.html", "report.docx", "paper.pdf", "old.txt"):
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        workspace.store.add(
            make_annotation(key, document.text, 4, 20, document.sha256, ("x",), "", "")
        )
    workspace = _caches_lost(workspace)
    names = ("json", "csv", "markdown")
    first = {name: made(collect(workspace, relist=False, columns=True), name) for name in names}
    loaded: dict[str, list[str]] = {}
    load = workspace_module.load_document
    for name in names:  # each export after every file touched
        workspace.store.close()
        for path in corpus.rglob("*"):
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
        workspace = Workspace(corpus, workspace.db)
        read: list[str] = []
        with monkeypatch.context() as patched:
            patched.setattr(
                workspace_module,
                "load_document",
                lambda p, read=read: read.append(p.name) or load(p),
            )
            again = made(collect(workspace, relist=False, columns=True), name)
        loaded[name] = read
        assert again == first[name]
    assert loaded == {name: [] for name in names}
    workspace.store.close()
    make_docx(corpus / "report.docx", [("heading1", "Checkpoints"), ("para", LOREM + " More.")])
    make_pdf(corpus / "paper.pdf", pdf_paragraphs(2), header="Journal of Border Studies 13(1)")
    workspace = Workspace(corpus, workspace.db)
    read = []
    with monkeypatch.context() as patched:
        patched.setattr(workspace_module, "load_document", lambda p: read.append(p.name) or load(p))
        edited = {
            name: made(collect(workspace, relist=False, columns=True), name) for name in names
        }
    assert sorted(set(read)) == ["paper.pdf", "report.docx"]
    workspace = _caches_lost(workspace)
    assert edited == {name: made(collect(workspace, relist=False), name) for name in names}
    workspace.store.close()


def test_files_touched_are_stamped_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file touched: the export took each annotated file's stamp to see whether all was
    # in place as kept, then again before looking at it (two stat calls a file where one
    # tells; 10,000 at the bench's size).  The stamps taken first are the look's.
    workspace = _caches_lost(export_workspace(tmp_path, _in_place()))
    first = made(collect(workspace, relist=False, columns=True), "json")
    workspace.store.close()
    for path in workspace.corpus.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    workspace = Workspace(workspace.corpus, workspace.db)
    with monkeypatch.context() as patched:
        looked = count_calls(patched, records_in_place, "stamp_of")
        taken = count_calls(patched, workspace_module, "stamp_of")
        again = made(collect(workspace, relist=False, columns=True), "json")
    assert (looked.calls, taken.calls) == (0, len(KEYS))
    assert again == first
    workspace.store.close()
