"""A database moved: with its corpus (the folder holding both copied elsewhere), its keys,
relative to its folder, still name the files and nothing is written; alone, its annotations
go to the files of their texts, and that move, no step of its own, does not keep the steps
made before it from being undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.passages import Annotated

from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.documents.text_hashes import TextHashes
from tui_reader.core.workspace import Workspace
from tui_reader.locations import text_hashes_path


def _opened(corpus: Path, db: Path) -> Workspace:
    """The workspace as the app leaves it after its first scan of the library."""
    workspace = Workspace(corpus, db)
    workspace.refresh_files()
    workspace.relink_listed(lambda: False)
    return workspace


def test_a_folder_of_corpus_and_database_moved_is_read_as_it_was(
    annotated: Annotated, tmp_path: Path
) -> None:
    before = Workspace(annotated.corpus, annotated.db)
    before.store.rename_tag("militarization", "armed forces")
    records = {a.id: a for a in before.store.annotations()}
    before.store.close()
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.copytree(annotated.corpus, moved / annotated.corpus.name)
    shutil.copy2(annotated.db, moved / annotated.db.name)

    workspace = _opened(moved / annotated.corpus.name, moved / annotated.db.name)
    assert {a.id: a for a in workspace.store.annotations()} == records  # nothing rewritten
    workspace.store.undo()
    assert "militarization" in workspace.store.tag_counts()


def test_a_step_made_before_the_database_was_moved_alone_is_undone(
    annotated: Annotated, tmp_path: Path
) -> None:
    before = Workspace(annotated.corpus, annotated.db)
    before.store.rename_tag("militarization", "armed forces")
    before.store.close()
    folder = tmp_path / "copy"
    folder.mkdir()
    db = folder / annotated.db.name
    shutil.copy2(annotated.db, db)

    workspace = _opened(annotated.corpus, db)
    keys = {a.document for a in workspace.store.annotations()}
    assert all(key.startswith("../") for key in keys)  # moved to the files of their texts
    workspace.store.undo()
    codes = workspace.store.tag_counts()
    assert "militarization" in codes and "armed forces" not in codes
    assert {a.document for a in workspace.store.annotations()} == keys  # kept where found
    workspace.store.redo()
    assert "armed forces" in workspace.store.tag_counts()


def test_a_memo_and_attributes_written_before_the_database_was_moved_alone_are_undone(
    annotated: Annotated, tmp_path: Path
) -> None:
    """They followed the file's annotations to its new key: the memo's and the attributes'
    steps are undone there, one after the other."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    before = Workspace(annotated.corpus, annotated.db)
    key = sorted(before.store.documents())[0]
    before.store.set_attributes([(key, {"country": "Mexico"})])
    before.store.put_memo(Memo(MemoKind.DOCUMENT, key, "First reading."))
    before.store.close()
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy2(annotated.db, folder / annotated.db.name)

    workspace = _opened(annotated.corpus, folder / annotated.db.name)
    store = workspace.store
    moved = f"../{key}"
    memo = store.memo(MemoKind.DOCUMENT, moved)
    assert memo is not None and memo.text == "First reading."
    assert store.attributes() == {moved: {"country": "Mexico"}}
    store.undo()
    assert store.memo(MemoKind.DOCUMENT, moved) is None
    assert store.attributes() == {moved: {"country": "Mexico"}}
    store.undo()
    assert store.attributes() == {}


def _both_keys_described(annotated: Annotated, tmp_path: Path) -> tuple[Workspace, str, str]:
    """A memo and attributes written on a document's key, then on the key a copy of the
    database alone gives its file (``../`` before it), and that copy opened: the workspace,
    the old key and the new one."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    before = Workspace(annotated.corpus, annotated.db)
    key = sorted(before.store.documents())[0]
    moved = f"../{key}"
    before.store.set_attributes([(key, {"country": "Mexico"})])
    before.store.put_memo(Memo(MemoKind.DOCUMENT, key, "First reading."))
    before.store.set_attributes([(moved, {"year": 2020})])
    before.store.put_memo(Memo(MemoKind.DOCUMENT, moved, "Own."))
    before.store.close()
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy2(annotated.db, folder / annotated.db.name)
    return _opened(annotated.corpus, folder / annotated.db.name), key, moved


def test_steps_made_before_a_join_of_memos_and_attributes_on_the_moved_key_are_undone(
    annotated: Annotated, tmp_path: Path
) -> None:
    """The new key had its own memo and attributes: the old key's joined them (the memo
    below its own, headed by the old key). Each step made before is undone, newest first,
    and what is left of the other stays on the new key; nothing is lost."""
    from tui_reader.core.analysis.memos import MemoKind

    workspace, key, moved = _both_keys_described(annotated, tmp_path)
    store = workspace.store
    memo = store.memo(MemoKind.DOCUMENT, moved)
    assert memo is not None and memo.text.startswith("Own.") and "First reading." in memo.text
    assert f"From {key}:" in memo.text
    assert store.attributes() == {moved: {"country": "Mexico", "year": 2020}}

    assert store.undo().label.startswith("write memo")  # "Own." taken back
    memos = store.memos(MemoKind.DOCUMENT)
    assert [(m.target, m.text) for m in memos] == [(moved, "First reading.")]
    assert store.attributes() == {moved: {"country": "Mexico", "year": 2020}}
    assert store.undo().label.startswith("set attribute year")
    assert store.attributes() == {moved: {"country": "Mexico"}}
    assert store.undo().label.startswith("write memo")  # "First reading." taken back
    assert store.memos(MemoKind.DOCUMENT) == []
    assert store.undo().label.startswith("set attribute country")
    assert store.attributes() == {}
    assert store.undo().label == "create annotation"  # and on, to the first passages


def test_steps_undone_through_a_join_are_redone_and_joined_again(
    annotated: Annotated, tmp_path: Path
) -> None:
    from tui_reader.core.analysis.memos import MemoKind

    workspace, _key, moved = _both_keys_described(annotated, tmp_path)
    store = workspace.store
    joined = store.memo(MemoKind.DOCUMENT, moved)
    for _ in range(4):
        store.undo()
    assert store.memos(MemoKind.DOCUMENT) == [] and store.attributes() == {}
    for _ in range(4):
        store.redo()
    memos = store.memos(MemoKind.DOCUMENT)
    assert joined is not None and [(m.target, m.text) for m in memos] == [(moved, joined.text)]
    assert store.attributes() == {moved: {"country": "Mexico", "year": 2020}}


def _copied(db: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copy2(db, folder / db.name)
    return folder / db.name


def _placed(workspace: Workspace) -> dict[str, dict[str, object]]:
    return {a.id: a.to_record() for a in workspace.store.annotations()}


def test_a_copy_in_another_folder_reads_no_file_whose_hash_another_copy_kept(
    annotated: Annotated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its keys name no file and its caches, kept by its path, know none: the hash of each
    file's text, kept by the file for every database while its stamp is the same, re-links
    its annotations without loading a document, to the places the loads give."""
    import tui_reader.core.workspace as workspace_module

    first = Workspace(annotated.corpus, _copied(annotated.db, tmp_path / "first"))
    first.follow_moved()  # each file loaded: its text's hash kept
    first.store.close()
    hashes = text_hashes_path()
    kept = hashes.read_bytes()
    hashes.unlink()
    loaded = Workspace(annotated.corpus, _copied(annotated.db, tmp_path / "loaded"))
    assert loaded.follow_moved() == []  # no hash kept: each file loaded
    assert loaded._documents
    hashes.write_bytes(kept)

    def no_load(path: Path) -> None:
        raise AssertionError(f"{path} loaded")

    monkeypatch.setattr(workspace_module, "load_document", no_load)
    workspace = Workspace(annotated.corpus, _copied(annotated.db, tmp_path / "copy"))
    assert workspace.follow_moved() == []
    assert all(key.startswith("../") for key in workspace.store.documents())
    assert _placed(workspace) == _placed(loaded)


def test_a_file_changed_since_its_hash_was_kept_is_loaded(
    annotated: Annotated, tmp_path: Path
) -> None:
    first = Workspace(annotated.corpus, _copied(annotated.db, tmp_path / "first"))
    first.follow_moved()
    first.store.close()
    key = sorted(first.store.documents())[0]
    path = first.path(key)
    path.write_text(path.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")

    workspace = Workspace(annotated.corpus, _copied(annotated.db, tmp_path / "copy"))
    workspace.follow_moved()
    assert list(workspace._documents) == [key]  # the changed file alone read
    loaded = workspace.document(key)
    assert TextHashes(text_hashes_path()).sha256(str(path), file_stamp(path)) == loaded.sha256
