"""Workspace: re-anchoring against edited files, saving moved positions, re-linking moved files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.texts import rewritten_keeping_time
from helpers.threads import joined

from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def annotate_first(workspace: Workspace, quote: str) -> str:
    return _code(workspace, workspace.corpus / FIRST, quote, ("place",))


def _code(workspace: Workspace, path: Path, quote: str, tags: tuple[str, ...] = ("x",)) -> str:
    """Annotates ``quote`` in the file at ``path`` with ``tags``; returns the annotation's id."""
    key = workspace.key(path)
    document = workspace.document(key)
    start = document.text.index(quote)
    annotation = make_annotation(
        key, document.text, start, start + len(quote), document.sha256, tags
    )
    return workspace.store.add(annotation).id


def _coded_with_memos_and_attributes(
    tmp_path: Path, texts: dict[str, str], quotes: dict[str, str]
) -> tuple[Path, Workspace]:
    """A corpus ``c`` of ``texts``, each annotated on its quote, with a memo and an attribute
    naming it; every passage anchored."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    for name, quote in quotes.items():
        key = workspace.key(corpus / name)
        _code(workspace, corpus / name, quote)
        workspace.store.put_memo(Memo(MemoKind.DOCUMENT, key, f"memo of {name}"))
        workspace.store.set_attributes([(key, {"kind": name})])
    assert {a.status for a in workspace.all_anchored()} == {AnchorStatus.ANCHORED}
    return corpus, workspace


def _exchange_names(corpus: Path, first: str, second: str) -> None:
    """``first`` and ``second`` exchange names, through ``t.txt``."""
    (corpus / first).rename(corpus / "t.txt")
    (corpus / second).rename(corpus / first)
    (corpus / "t.txt").rename(corpus / second)


def test_edited_document_reanchors_and_saves(corpus_copy: Path, db_copy: Path) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    quote = "the Mexico-Guatemala border"
    ident = annotate_first(workspace, quote)
    path = corpus_copy / FIRST
    path.write_text("EDITOR'S NOTE: updated.\n\n" + path.read_text("utf-8"), "utf-8")
    key = workspace.key(path)
    (placed,) = workspace.anchored(key)
    assert placed.status is AnchorStatus.ANCHORED and placed.quote == quote
    assert workspace.document(key).text[placed.start : placed.end] == quote
    workspace.store.close()
    saved = AnnotationStore(db_copy).get(ident)
    assert saved is not None and (saved.start, saved.doc_sha256) == (
        placed.start,
        workspace.document(key).sha256,
    )


def test_moved_file_is_relinked_by_content_hash(corpus_copy: Path, db_copy: Path) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    ident = annotate_first(workspace, "Pentagon")
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    everything = workspace.all_anchored()
    assert [(a.id, a.document, a.status) for a in everything] == [
        (ident, f"docs_corpus/2018/{FIRST}", AnchorStatus.ANCHORED)
    ]
    assert workspace.store.get(ident).document == f"docs_corpus/2018/{FIRST}"  # type: ignore[union-attr]


def test_deleted_file_leaves_orphans_that_are_kept(corpus_copy: Path, db_copy: Path) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    ident = annotate_first(workspace, "Pentagon")
    (corpus_copy / FIRST).unlink()
    (orphan,) = workspace.all_anchored()
    assert orphan.id == ident and orphan.status is AnchorStatus.ORPHAN
    assert workspace.store.get(ident) is not None


def test_corpus_listing_leaves_out_the_database(corpus_copy: Path) -> None:
    db = corpus_copy / "annotations.json"
    workspace = Workspace(corpus_copy, db)
    workspace.store.add(make_annotation("x.txt", "some text", 0, 4, "", ()))
    workspace.refresh_files()
    names = {f.rel for f in workspace.files}
    assert "annotations.json" not in names and "annotations.json.journal" not in names


def test_concurrent_loads_of_one_document_share_one_copy(tmp_path: Path) -> None:
    import threading
    import time

    from tui_reader.core import workspace as workspace_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A Title For The Test\n\nbody text " * 1000, "utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    key = workspace.key(corpus / "a.txt")
    loads: list[int] = []
    real_load = workspace_module.load_document

    def counting_load(path: Path) -> Document:
        loads.append(1)
        time.sleep(0.05)  # a slow disk: the other threads arrive while this one loads
        return real_load(path)

    results: list[Document] = []
    workspace_module.load_document = counting_load  # type: ignore[assignment]
    try:
        threads = [
            threading.Thread(target=lambda: results.append(workspace.document(key)), daemon=True)
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            joined(thread, "asked for the document")
    finally:
        workspace_module.load_document = real_load  # type: ignore[assignment]
    assert len(loads) == 1
    assert all(doc is results[0] for doc in results)


def test_document_cache_is_bounded_by_text_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core import workspace as workspace_module

    monkeypatch.setattr(workspace_module, "DOCUMENT_CACHE_CHARS", 25_000)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text("Some Title Here\n\n" + "x" * 10_000, "utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    docs = [workspace.document(workspace.key(corpus / f"{n}.txt")) for n in ("a", "b", "c")]
    assert docs[2] is workspace.document(workspace.key(corpus / "c.txt"))
    assert len(workspace._documents) == 2  # a was evicted: 3 x 10,017 > 25,000


def test_loaded_gives_a_document_in_memory_and_never_reads_a_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "a.txt"
    path.write_text("A Title\n\nbody\n", "utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    key = workspace.key(path)
    assert workspace.loaded(key) is None  # not loaded: not read either
    document = workspace.document(key)
    assert workspace.loaded(key) is document
    path.write_text("A Title\n\nbody changed\n", "utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp whatever the clock's resolution
    assert workspace.loaded(key) is None  # stale: the caller reads the file itself
    path.unlink()
    assert workspace.loaded(key) is None


def test_keys_and_listed_locations_follow_each_listing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("a", "utf-8")
    (corpus / "sub" / "b.md").write_text("b", "utf-8")
    (corpus / "c.xyz").write_text("c", "utf-8")  # no supported format: no key
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", "utf-8")
    (corpus / "link.txt").symlink_to(outside)
    workspace = Workspace(corpus, corpus / "annotations.json")

    def expected() -> list[str]:
        return [workspace.key(f.path) for f in workspace.files if f.format is not None]

    # A link's key names where it leads.
    assert workspace.keys() == expected() == ["a.txt", "../outside.txt", "sub/b.md"]
    assert workspace.keyed_files() == [(workspace.key(f.path), f) for f in workspace.files]
    assert workspace.listed_location("a.txt") == str(corpus.resolve() / "a.txt")
    assert workspace.listed_location("sub/b.md") == str(corpus.resolve() / "sub" / "b.md")
    assert workspace.listed_location("../outside.txt") is None  # a link: checked each time
    (corpus / "a.txt").unlink()
    (corpus / "d.txt").write_text("d", "utf-8")
    assert workspace.keys() == ["a.txt", "../outside.txt", "sub/b.md"]  # as last listed
    workspace.refresh_files()
    assert workspace.keys() == expected() == ["d.txt", "../outside.txt", "sub/b.md"]
    assert workspace.listed_location("a.txt") is None
    assert workspace.listed_location("d.txt") == str(corpus.resolve() / "d.txt")


def test_moved_file_takes_its_memo_and_attributes_along(corpus_copy: Path, db_copy: Path) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    annotate_first(workspace, "Pentagon")
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "Read twice; the quotes are solid."))
    workspace.store.set_attributes([(old, {"country": "Mexico", "year": 2018})])
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    workspace.all_anchored()
    new = f"docs_corpus/2018/{FIRST}"
    workspace.store.close()
    store = AnnotationStore(db_copy)
    memo = store.memo(MemoKind.DOCUMENT, new)
    assert memo is not None and memo.text == "Read twice; the quotes are solid."
    assert store.memo(MemoKind.DOCUMENT, old) is None
    assert store.attributes().get(new) == {"country": "Mexico", "year": 2018}
    assert old not in store.attributes()


def test_a_moved_file_memo_joins_the_memo_its_new_name_has(
    corpus_copy: Path, db_copy: Path
) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    annotate_first(workspace, "Pentagon")
    old = workspace.key(corpus_copy / FIRST)
    new = f"docs_corpus/2018/{FIRST}"
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "First reading."))
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, new, "Second reading."))
    workspace.store.set_attributes([(old, {"country": "Mexico"}), (new, {"country": "USA"})])
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    workspace.all_anchored()
    (memo,) = workspace.store.memos(MemoKind.DOCUMENT, new)
    assert "Second reading." in memo.text and "First reading." in memo.text
    assert workspace.store.memos(MemoKind.DOCUMENT, old) == []
    attributes = workspace.store.attributes()
    assert attributes[new] == {"country": "USA"} and old not in attributes


def test_a_memo_record_edited_by_hand_does_not_stop_a_moved_file_being_found(
    corpus_copy: Path, db_copy: Path
) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    ident = annotate_first(workspace, "Pentagon")
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "Read twice."))
    workspace.store.close()
    text = db_copy.read_text("utf-8")
    assert f'"target": "{old}"' in text
    db_copy.write_text(text.replace(f'"target": "{old}"', f'"target": ["{old}"]'), "utf-8")
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace = Workspace(corpus_copy, db_copy)
    [moved] = [a for a in workspace.all_anchored() if a.id == ident]
    assert moved.document == f"docs_corpus/2018/{FIRST}"


def test_a_moved_file_keeps_its_reading_position(corpus_copy: Path, db_copy: Path) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    annotate_first(workspace, "Pentagon")
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.set_reading_position(old, 321)
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    workspace.all_anchored()
    new = f"docs_corpus/2018/{FIRST}"
    workspace.store.close()
    store = AnnotationStore(db_copy)
    assert store.reading_positions() == {new: 321}
    assert store.last_read() == new


def test_a_moved_file_keeps_the_position_its_new_name_has(corpus_copy: Path, db_copy: Path) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    annotate_first(workspace, "Pentagon")
    old = workspace.key(corpus_copy / FIRST)
    new = f"docs_corpus/2018/{FIRST}"
    workspace.store.set_reading_position(old, 321)
    workspace.store.set_reading_position(new, 55)
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    workspace.all_anchored()
    assert workspace.store.reading_positions() == {new: 55}


def test_a_file_moved_and_edited_at_once_takes_its_passages_found_by_their_quotes(
    corpus_copy: Path, db_copy: Path
) -> None:
    # renamed and corrected in one go: no file had the text the passages were made on, and
    # every passage was an orphan on the old name, its memo and attributes left there too
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    quotes = ("the Mexico-Guatemala border", "Pentagon")
    idents = [annotate_first(workspace, quote) for quote in quotes]
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "Read twice."))
    text = (corpus_copy / FIRST).read_text("utf-8")
    (corpus_copy / "2018").mkdir()
    (corpus_copy / "2018" / "renamed.txt").write_text("CORRECTED.\n\n" + text, "utf-8")
    (corpus_copy / FIRST).unlink()
    workspace.refresh_files()
    everything = workspace.all_anchored()
    new = "docs_corpus/2018/renamed.txt"
    assert sorted((a.id, a.document, a.status, a.quote) for a in everything) == sorted(
        (i, new, AnchorStatus.ANCHORED, q) for i, q in zip(idents, quotes, strict=True)
    )
    placed = workspace.document(new).text
    assert all(placed[a.start : a.end] == a.quote for a in everything)
    assert workspace.store.memo(MemoKind.DOCUMENT, new) is not None


def test_a_file_renamed_with_a_typo_fixed_in_its_only_passage_takes_that_passage(
    corpus_copy: Path, db_copy: Path
) -> None:
    # no quote was found word for word in the new file, so it was never found: the passage
    # is found as re-anchoring finds an edited one, approximately, in its own surroundings
    workspace = Workspace(corpus_copy, db_copy)
    quote = "the Mexico-Guatemala border"
    text = (corpus_copy / FIRST).read_text("utf-8")
    (corpus_copy / FIRST).write_text(text.replace(quote, "the Mexico-Guatemalla border"), "utf-8")
    workspace.refresh_files()
    ident = annotate_first(workspace, "the Mexico-Guatemalla border")
    (corpus_copy / "renamed.txt").write_text(text, "utf-8")
    (corpus_copy / FIRST).unlink()
    workspace.refresh_files()
    (passage,) = workspace.all_anchored()
    new = "docs_corpus/renamed.txt"
    assert (passage.id, passage.document, passage.quote) == (ident, new, quote)
    assert passage.status is AnchorStatus.FUZZY


def _moved_and_edited(corpus: Path, workspace: Workspace) -> tuple[list[str], str]:
    """Two passages of FIRST, whose file is then renamed and corrected (its text no file has):
    their ids and the new file's key."""
    idents = [annotate_first(workspace, q) for q in ("the Mexico-Guatemala border", "Pentagon")]
    text = (corpus / FIRST).read_text("utf-8")
    (corpus / "renamed.txt").write_text("CORRECTED.\n\n" + text, "utf-8")
    (corpus / FIRST).unlink()
    return idents, "docs_corpus/renamed.txt"


def test_a_file_moved_and_edited_copied_with_its_old_time_takes_its_passages(
    corpus_copy: Path, db_copy: Path
) -> None:
    # `cp -p` (or an archive unpacked) keeps the time the text was written, before the
    # passages were made: the file was not looked at, though it arrived after them
    workspace = Workspace(corpus_copy, db_copy)
    idents, new = _moved_and_edited(corpus_copy, workspace)
    os.utime(corpus_copy / "renamed.txt", ns=(10**18, 10**18))  # 2001
    workspace.refresh_files()
    placed = {a.id: (a.document, a.status) for a in workspace.all_anchored()}
    assert {placed[i] for i in idents} == {(new, AnchorStatus.ANCHORED)}


def test_a_file_moved_and_edited_is_found_after_a_scan_stopped_before_its_quotes_were_looked_for(
    corpus_copy: Path, db_copy: Path
) -> None:
    # the scan read the new file (its text's hash kept) and was stopped before the quotes:
    # the next scans took the file as known, never looked at again
    workspace = Workspace(corpus_copy, db_copy)
    idents, new = _moved_and_edited(corpus_copy, workspace)
    workspace.refresh_files()
    assert workspace.relink_listed(lambda: workspace.loaded(new) is not None) == 0
    assert {a.document for a in workspace.store.annotations() if a.id in idents} != {new}
    workspace.refresh_files()
    assert workspace.relink_listed(lambda: False) == 2
    assert {a.document for a in workspace.store.annotations() if a.id in idents} == {new}


def test_a_gone_file_whose_quotes_two_new_files_hold_is_moved_to_neither(
    corpus_copy: Path, db_copy: Path
) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    ident = annotate_first(workspace, "the Mexico-Guatemala border")
    text = (corpus_copy / FIRST).read_text("utf-8")
    for name in ("one.txt", "two.txt"):
        (corpus_copy / name).write_text("EDITED.\n\n" + text, "utf-8")
    (corpus_copy / FIRST).unlink()
    workspace.refresh_files()
    (orphan,) = workspace.all_anchored()
    assert (orphan.id, orphan.status) == (ident, AnchorStatus.ORPHAN)
    assert orphan.document == workspace.key(corpus_copy / FIRST)


def test_a_gone_file_of_a_few_short_words_is_not_found_in_a_new_file_holding_them(
    corpus_copy: Path, db_copy: Path
) -> None:
    workspace = Workspace(corpus_copy, db_copy)
    ident = annotate_first(workspace, "Pentagon")
    (corpus_copy / "new.txt").write_text("A note on the Pentagon, another file.\n", "utf-8")
    (corpus_copy / FIRST).unlink()
    workspace.refresh_files()
    (orphan,) = workspace.all_anchored()
    assert (orphan.id, orphan.status) == (ident, AnchorStatus.ORPHAN)


def test_a_moved_file_with_no_annotation_takes_its_memo_attributes_and_position_along(
    corpus_copy: Path, db_copy: Path
) -> None:
    # nothing recorded its text: the memo, the attributes and the place reading stopped
    # stayed on the old name, the moved file bare
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    old = workspace.key(corpus_copy / FIRST)
    store = workspace.store
    store.put_memo(Memo(MemoKind.DOCUMENT, old, "Read twice; no passage yet."))
    store.set_attributes([(old, {"country": "Mexico"})])
    store.set_reading_position(old, 120, workspace.document(old).sha256)
    (corpus_copy / "2018").mkdir()
    (corpus_copy / FIRST).rename(corpus_copy / "2018" / FIRST)
    workspace.refresh_files()
    assert workspace.all_anchored() == []
    new = f"docs_corpus/2018/{FIRST}"
    workspace.store.close()
    store = AnnotationStore(db_copy)
    memo = store.memo(MemoKind.DOCUMENT, new)
    assert memo is not None and memo.text == "Read twice; no passage yet."
    assert store.attributes() == {new: {"country": "Mexico"}}
    assert store.reading_position(new) == 120 and store.reading_position(old) is None


def test_a_memo_s_file_moved_is_found_by_the_library_s_scan(
    corpus_copy: Path, db_copy: Path
) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "A memo alone."))
    workspace.remember_texts([old])  # as memo add and attr set keep it
    (corpus_copy / FIRST).rename(corpus_copy / "renamed.txt")
    workspace.refresh_files()
    workspace.relink_listed(lambda: False)
    memo = workspace.store.memo(MemoKind.DOCUMENT, "docs_corpus/renamed.txt")
    assert memo is not None and memo.text == "A memo alone."


def test_a_memo_and_attributes_saved_without_the_text_s_hash_follow_the_file_after_a_scan(
    corpus_copy: Path, db_copy: Path
) -> None:
    """A memo and attributes a project import or a merge brought, or an older database kept,
    have no hash of their file's text: the library's scan, which lists the file, keeps it, so
    that when the file is renamed they follow it (they stayed on the old name)."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    workspace = Workspace(corpus_copy, db_copy)
    old = workspace.key(corpus_copy / FIRST)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, old, "Brought by a merge."))
    workspace.store.set_attributes([(old, {"country": "Mexico"})])
    assert old not in workspace.store.texts_remembered()  # as an import or merge saves them
    workspace.refresh_files()
    workspace.relink_listed(lambda: False)  # the scan of one session
    (corpus_copy / FIRST).rename(corpus_copy / "renamed.txt")
    workspace.refresh_files()
    workspace.relink_listed(lambda: False)  # the next
    new = "docs_corpus/renamed.txt"
    memo = workspace.store.memo(MemoKind.DOCUMENT, new)
    assert memo is not None and memo.text == "Brought by a merge."
    assert workspace.store.attributes() == {new: {"country": "Mexico"}}


def test_a_moved_and_edited_file_s_passages_never_go_to_the_file_another_moved_to(
    corpus_copy: Path, db_copy: Path
) -> None:
    # two versions of a text, both coded, both moved; the second edited so that its passage
    # is no longer in it: the first's new file, holding that passage too, took it
    workspace = Workspace(corpus_copy, db_copy)
    quote = "the Mexico-Guatemala border"
    text = (corpus_copy / FIRST).read_text("utf-8")
    (corpus_copy / "v2.txt").write_text(text + "\nA second version.\n", "utf-8")
    annotate_first(workspace, quote)
    _code(workspace, corpus_copy / "v2.txt", quote, ("v2",))
    (corpus_copy / "new").mkdir()
    (corpus_copy / "new" / FIRST).write_text(text, "utf-8")  # copied, then removed: a new time
    (corpus_copy / FIRST).unlink()
    (corpus_copy / "new" / "v2.txt").write_text("A rewritten second version.\n", "utf-8")
    (corpus_copy / "v2.txt").unlink()
    workspace.refresh_files()
    placed = {a.tags: (a.document, a.status) for a in workspace.all_anchored()}
    assert placed[("place",)] == (f"docs_corpus/new/{FIRST}", AnchorStatus.ANCHORED)
    assert placed[("v2",)] == ("docs_corpus/v2.txt", AnchorStatus.ORPHAN)


def test_a_coded_document_s_text_is_not_read_to_be_kept_for_its_memo(
    corpus_copy: Path, db_copy: Path
) -> None:
    # its annotations find its file, its memo and attributes following them: attr import of
    # a coded corpus read every document for nothing
    workspace = Workspace(corpus_copy, db_copy)
    annotate_first(workspace, "Pentagon")
    coded = workspace.key(corpus_copy / FIRST)
    listed = workspace.keys()
    others = [k for k in listed if k != coded]
    workspace.remember_texts([coded, *others])
    assert set(workspace.store.texts_remembered()) == set(others)


def test_an_uncoded_plain_text_s_hash_is_kept_without_loading_it(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # attr import of uncoded text files loaded each as a Document for its hash: a UTF-8
    # text file's is the hash of its bytes, as list reads it; a Markdown file's canonical
    # text is not its bytes, nor a Latin-1 file's: those are loaded
    from helpers.counting import count_calls

    from tui_reader.core.documents.document import load_document

    (corpus_copy / "note.md").write_text("# A note\n\nSome *words*.\n", encoding="utf-8")
    (corpus_copy / "latin.txt").write_bytes("Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.\n".encode("cp1252"))
    workspace = Workspace(corpus_copy, db_copy)
    keys = workspace.keys()
    loads = count_calls(monkeypatch, Workspace, "document")
    workspace.remember_texts(keys)
    assert loads.calls == 2  # the Markdown note and the text that is not UTF-8 only
    kept = workspace.store.texts_remembered()
    assert set(kept) == set(keys)
    for key in keys:
        assert kept[key] == load_document(workspace.path(key)).sha256, key


def test_two_files_that_exchanged_names_exchange_their_passages_memos_and_attributes(
    tmp_path: Path,
) -> None:
    # a.txt <-> b.txt: neither file is missing, so nothing looked for their passages, and
    # every one was an orphan though each text is in the corpus
    from tui_reader.core.analysis.memos import MemoKind

    texts = {
        "a.txt": "Alpha speaks of rivers and crossings at night, far from home.\n",
        "b.txt": "Beta tells of soldiers waiting on the far side of the water.\n",
    }
    quotes = {"a.txt": "rivers and crossings", "b.txt": "soldiers waiting"}
    corpus, workspace = _coded_with_memos_and_attributes(tmp_path, texts, quotes)
    _exchange_names(corpus, "a.txt", "b.txt")
    workspace.refresh_files()
    placed = {(a.document, a.quote, a.status) for a in workspace.all_anchored()}
    assert placed == {
        ("c/b.txt", "rivers and crossings", AnchorStatus.ANCHORED),
        ("c/a.txt", "soldiers waiting", AnchorStatus.ANCHORED),
    }
    store = workspace.store
    assert store.memo(MemoKind.DOCUMENT, "c/b.txt").text == "memo of a.txt"  # type: ignore[union-attr]
    assert store.memo(MemoKind.DOCUMENT, "c/a.txt").text == "memo of b.txt"  # type: ignore[union-attr]
    assert store.attributes() == {"c/a.txt": {"kind": "b.txt"}, "c/b.txt": {"kind": "a.txt"}}
    assert workspace.exchanged == {("c/a.txt", "c/b.txt")}
    assert workspace.moved == {}


def test_three_files_that_exchanged_names_round_a_ring_take_their_passages_memos_and_attributes(
    tmp_path: Path,
) -> None:
    # a.txt -> b.txt -> c.txt -> a.txt: no two of them exchanged names, and every passage of
    # the three was an orphan though each text is in the corpus
    from tui_reader.core.analysis.memos import MemoKind

    texts = {
        "a.txt": "Alpha speaks of rivers and crossings at night, far from home.\n",
        "b.txt": "Beta tells of soldiers waiting on the far side of the water.\n",
        "c.txt": "Gamma recalls the harvest and the long winter after it.\n",
    }
    quotes = {"a.txt": "rivers and crossings", "b.txt": "soldiers waiting", "c.txt": "harvest"}
    corpus, workspace = _coded_with_memos_and_attributes(tmp_path, texts, quotes)
    # a's text now under b's name, b's under c's, c's under a's
    (corpus / "c.txt").rename(corpus / "t.txt")
    (corpus / "b.txt").rename(corpus / "c.txt")
    (corpus / "a.txt").rename(corpus / "b.txt")
    (corpus / "t.txt").rename(corpus / "a.txt")
    workspace.refresh_files()
    placed = {(a.document, a.quote, a.status) for a in workspace.all_anchored()}
    assert placed == {
        ("c/b.txt", "rivers and crossings", AnchorStatus.ANCHORED),
        ("c/c.txt", "soldiers waiting", AnchorStatus.ANCHORED),
        ("c/a.txt", "harvest", AnchorStatus.ANCHORED),
    }
    store = workspace.store
    memos = {m.target: m.text for m in store.memos() if m.kind is MemoKind.DOCUMENT}
    assert memos == {
        "c/b.txt": "memo of a.txt",
        "c/c.txt": "memo of b.txt",
        "c/a.txt": "memo of c.txt",
    }
    assert store.attributes() == {
        "c/b.txt": {"kind": "a.txt"},
        "c/c.txt": {"kind": "b.txt"},
        "c/a.txt": {"kind": "c.txt"},
    }
    assert workspace.exchanged == {("c/a.txt", "c/b.txt", "c/c.txt")}
    assert workspace.moved == {}


def test_files_that_exchanged_names_are_found_so_after_their_passages_were_kept_orphans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a pass that placed the two documents' passages as orphans, the exchange not made (its
    # save refused while another process wrote, or a version that looked for none), kept
    # them so: the next pass found them in place, orphans, and never looked again
    corpus = tmp_path / "c"
    corpus.mkdir()
    texts = {
        "a.txt": "Alpha speaks of rivers and crossings at night, far from home.\n",
        "b.txt": "Beta tells of soldiers waiting on the far side of the water.\n",
    }
    quotes = {"a.txt": "rivers and crossings", "b.txt": "soldiers waiting"}
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
        _code(workspace, corpus / name, quotes[name])
    assert {a.status for a in workspace.all_anchored()} == {AnchorStatus.ANCHORED}
    workspace.store.close()
    _exchange_names(corpus, "a.txt", "b.txt")
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "_exchange", lambda *_args: False)
        kept = Workspace(corpus, db)
        assert {a.status for a in kept.all_anchored()} == {AnchorStatus.ORPHAN}
        kept.store.close()
    again = Workspace(corpus, db)
    placed = {(a.document, a.quote, a.status) for a in again.all_anchored()}
    assert placed == {
        ("c/b.txt", "rivers and crossings", AnchorStatus.ANCHORED),
        ("c/a.txt", "soldiers waiting", AnchorStatus.ANCHORED),
    }
    assert again.exchanged == {("c/a.txt", "c/b.txt")}


def _coded_then_moved_behind_a_link(tmp_path: Path) -> tuple[Workspace, str, Path]:
    """A corpus coded in ``project/docs``, then moved to another disk with a symbolic link
    left in its place: the database still names its files through the link."""
    project, disk = tmp_path / "project", tmp_path / "disk"
    (project / "docs").mkdir(parents=True)
    disk.mkdir()
    (project / "docs" / "a.txt").write_text("The border closed in March.\n", "utf-8")
    db = project / "annotations.json"
    workspace = Workspace(project / "docs", db)
    ident = _code(workspace, project / "docs" / "a.txt", "border", ("t",))
    workspace.store.close()
    (project / "docs").rename(disk / "docs")
    (project / "docs").symlink_to(disk / "docs")
    return Workspace(project / "docs", db), ident, disk / "docs" / "a.txt"


def test_a_corpus_moved_behind_a_symbolic_link_keeps_its_annotations_in_the_library(
    tmp_path: Path,
) -> None:
    # The library's scan: the listed file is keyed by its real path; its annotations, saved
    # under the link's path, showed nowhere ("No annotations in this document").
    workspace, ident, real = _coded_then_moved_behind_a_link(tmp_path)
    workspace.refresh_files()
    (key,) = workspace.keys()
    assert key == workspace.key(real) != "docs/a.txt"
    assert workspace.relink_listed(lambda: False) == 1
    assert [a.id for a in workspace.store.annotations_of([key]).get(key, [])] == [ident]
    assert workspace.moved == {("docs/a.txt", key): 1}


def test_a_corpus_moved_behind_a_symbolic_link_is_placed_under_the_listed_name(
    tmp_path: Path,
) -> None:
    # An export, query or report: placed under the name the listing gives, once, so that the
    # next one finds it known in place (it was placed again in full every time).
    workspace, ident, real = _coded_then_moved_behind_a_link(tmp_path)
    (placed,) = workspace.all_anchored()
    assert (placed.id, placed.document, placed.status) == (
        ident,
        workspace.key(real),
        AnchorStatus.ANCHORED,
    )
    assert workspace.store.get(ident).document == workspace.key(real)  # type: ignore[union-attr]


def test_passages_of_a_file_whose_name_holds_a_new_text_go_to_the_file_of_theirs(
    tmp_path: Path,
) -> None:
    # a.txt's old version moved to archive/a.txt, a new a.txt written: every passage of
    # a.txt was an orphan there, though archive/a.txt holds their text
    from tui_reader.core.analysis.memos import Memo, MemoKind

    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "Alpha speaks of rivers and crossings at night, far from home.\n"
    (corpus / "a.txt").write_text(text, "utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    key = workspace.key(corpus / "a.txt")
    _code(workspace, corpus / "a.txt", "rivers")
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, key, "memo of a.txt"))
    workspace.store.set_attributes([(key, {"kind": "alpha"})])
    assert {a.status for a in workspace.all_anchored()} == {AnchorStatus.ANCHORED}
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    workspace.refresh_files()
    placed = [(a.document, a.quote, a.status) for a in workspace.all_anchored()]
    assert placed == [("c/archive/a.txt", "rivers", AnchorStatus.ANCHORED)]
    store = workspace.store
    assert store.memo(MemoKind.DOCUMENT, "c/archive/a.txt").text == "memo of a.txt"  # type: ignore[union-attr]
    assert store.attributes() == {"c/archive/a.txt": {"kind": "alpha"}}
    assert workspace.moved_away == {("c/a.txt", "c/archive/a.txt")}


def test_the_file_opened_first_whose_name_holds_a_new_text_sends_its_passages_to_theirs(
    tmp_path: Path,
) -> None:
    # the app places the file it opens with before it lists the corpus: a.txt's passages
    # stayed orphans on its new text there, archive/a.txt holding them
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "Alpha speaks of rivers and crossings at night, far from home.\n"
    (corpus / "a.txt").write_text(text, "utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        document = load_document(corpus / "a.txt")
        start = text.index("rivers")
        store.add(make_annotation("c/a.txt", text, start, start + 6, document.sha256, ("x",)))
    (corpus / "archive").mkdir()
    (corpus / "a.txt").rename(corpus / "archive" / "a.txt")
    (corpus / "a.txt").write_text("A new transcript, of boats and harbours.\n", "utf-8")
    workspace = Workspace(corpus, db)  # not listed yet
    assert workspace.anchored("c/a.txt") == []
    [moved] = workspace.store.annotations()
    assert (moved.document, moved.quote) == ("c/archive/a.txt", "rivers")


def test_the_file_opened_first_of_two_that_exchanged_names_takes_back_its_passages(
    tmp_path: Path,
) -> None:
    # the app places the file it opens with before it lists the corpus: the exchange was
    # not seen (the other file not listed yet), and both files' passages stayed orphans
    corpus = tmp_path / "c"
    corpus.mkdir()
    texts = {
        "a.txt": "Alpha speaks of rivers and crossings at night, far from home.\n",
        "b.txt": "Beta tells of soldiers waiting on the far side of the water.\n",
    }
    quotes = {"a.txt": "rivers", "b.txt": "soldiers"}
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        for name, text in texts.items():
            (corpus / name).write_text(text, "utf-8")
            sha = load_document(corpus / name).sha256
            start = text.index(quotes[name])
            end = start + len(quotes[name])
            store.add(make_annotation(f"c/{name}", text, start, end, sha, ("x",)))
    _exchange_names(corpus, "a.txt", "b.txt")
    workspace = Workspace(corpus, db)  # not listed yet
    placed = [(a.document, a.quote, a.status) for a in workspace.anchored("c/a.txt")]
    assert placed == [("c/a.txt", "soldiers", AnchorStatus.ANCHORED)]
    assert workspace.exchanged == {("c/a.txt", "c/b.txt")}


def test_a_memo_of_a_document_with_no_annotation_follows_a_corpus_moved_behind_a_link(
    tmp_path: Path,
) -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind

    project, disk = tmp_path / "project", tmp_path / "disk"
    (project / "docs").mkdir(parents=True)
    disk.mkdir()
    (project / "docs" / "a.txt").write_text("The border closed in March.\n", "utf-8")
    db = project / "annotations.json"
    workspace = Workspace(project / "docs", db)
    workspace.store.put_memo(Memo(MemoKind.DOCUMENT, "docs/a.txt", "Read it twice."))
    workspace.remember_texts(["docs/a.txt"])  # as memo add keeps it
    workspace.store.close()
    (project / "docs").rename(disk / "docs")
    (project / "docs").symlink_to(disk / "docs")
    workspace = Workspace(project / "docs", db)
    workspace.refresh_files()
    (key,) = workspace.keys()
    workspace.relink_listed(lambda: False)  # the library's scan
    memo = workspace.store.memo(MemoKind.DOCUMENT, key)
    assert memo is not None and memo.text == "Read it twice."


def test_a_file_rewritten_to_the_same_size_with_its_old_time_is_loaded_anew(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The market moved south.\n")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    try:
        key = workspace.key(corpus / "a.txt")
        first = workspace.document(key)
        assert workspace.loaded(key) is first
        rewritten_keeping_time(corpus / "a.txt", "The garden moved north.\n")  # cp -p, touch -r
        assert workspace.loaded(key) is None  # the reading view sees its text went stale
        assert workspace.document(key).text == "The garden moved north.\n"
    finally:
        workspace.store.close()
