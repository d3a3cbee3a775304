"""A merge or a project import stopped as it writes (killed, the machine off): its memos,
attributes, codes and passages are saved all together or not at all, and one undo takes all
of it back.  The memos and attributes were each a write of their own before the codes and
passages: stopped after the first, a memo stood on a code the codebook did not have yet,
and the passages it was about were missing."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Tag
from tui_reader.core.store import durable_files
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.document_records import ATTRIBUTES, MEMOS
from tui_reader.core.store.index import ANNOTATIONS, TAGS
from tui_reader.core.store.journal import JournaledTables


class _Killed(BaseException):
    """The process stopped at a write (as kill -9 stops it: nothing after it runs)."""


@pytest.fixture
def theirs(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus and a colleague's database: two coded passages, a code with a colour and a
    memo, a document memo and a document attribute."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("peace talks began\nwar resumed\n", "utf-8")
    db = tmp_path / "theirs" / "annotations.json"
    db.parent.mkdir()
    for word in ("peace", "war"):
        args = ["annotate", "a.txt", "--quote", word, "--tag", word, "--coder", "ben"]
        assert main([*args, "--corpus", str(corpus), "--db", str(db)]) == 0
    with AnnotationStore(db, coder="ben") as store:
        key = store.annotations()[0].document  # a.txt as their database names it
        store.set_tag(Tag("peace", "#00aa00"))
        store.put_memo(Memo(MemoKind.CODE, "peace", "Talks, not the treaty.\n"))
        store.put_memo(Memo(MemoKind.DOCUMENT, key, "From the 1994 archive.\n"))
        store.set_attributes([(key, {"site": "north"})])
    return corpus, db


def _what_is_there(db: Path) -> dict[str, object]:
    with AnnotationStore(db) as store:  # opened again as after a kill: its journal read
        return {
            "codes": sorted(t.name for t in store.tags()),
            "passages": sorted(a.quote for a in store.annotations()),
            "memos": sorted(m.text for m in store.memos()),
            "attributes": list(store.attributes().values()),
        }


_MERGED = (MEMOS, ATTRIBUTES, TAGS, ANNOTATIONS)
_ALL = {
    "codes": ["mine", "peace", "war"],
    "passages": ["peace", "war"],
    "memos": ["From the 1994 archive.\n", "Talks, not the treaty.\n"],
    "attributes": [{"site": "north"}],
}
_NOTHING = {"codes": ["mine"], "passages": [], "memos": [], "attributes": []}


def _ours(tmp_path: Path) -> Path:
    """Our database, made before (one made by the command is removed when it fails)."""
    ours = tmp_path / "ours" / "annotations.json"
    ours.parent.mkdir()
    with AnnotationStore(ours, coder="ann") as store:
        store.set_tag(Tag("mine", "#777777"))
    return ours


def _brought(how: str, corpus: Path, their_db: Path, tmp_path: Path) -> Path:
    if how == "merge":
        return their_db
    project = tmp_path / "theirs.project.json"
    export = ["export", str(corpus), "--db", str(their_db), "-f", "project", "-o", str(project)]
    assert main(export) == 0
    return project


@pytest.mark.parametrize("how", ["import", "merge"])
def test_a_merge_stopped_after_its_first_write_saved_all_of_it_or_nothing(
    theirs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    corpus, their_db = theirs
    brought = _brought(how, corpus, their_db, tmp_path)
    ours = _ours(tmp_path)
    killed = tmp_path / "killed"
    real = JournaledTables._append

    def append(self: JournaledTables, line: Sequence[bytes]) -> None:
        real(self, line)
        # the first durable write of the merge (not the setting a new database is given):
        # stopped just after
        if self.path == ours and any(
            table in _MERGED and key is not None for table, key, _ in json.loads(line[1])
        ):
            # the files as a kill leaves them (the exception runs the close, a kill does not)
            shutil.copytree(ours.parent, killed)
            raise _Killed

    monkeypatch.setattr(JournaledTables, "_append", append)
    with pytest.raises(_Killed):
        main([how, str(brought), "--db", str(ours), "--corpus", str(corpus)])
    monkeypatch.undo()
    assert _what_is_there(killed / ours.name) in (_ALL, _NOTHING)


@pytest.mark.parametrize("how", ["import", "merge"])
def test_one_undo_takes_a_whole_merge_back(
    theirs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    corpus, their_db = theirs
    brought = _brought(how, corpus, their_db, tmp_path)
    ours = _ours(tmp_path)
    assert main([how, str(brought), "--db", str(ours), "--corpus", str(corpus)]) == 0
    assert _what_is_there(ours) == _ALL
    with AnnotationStore(ours) as store:
        assert store.history()[0].label == f"{how} {brought.name}"
    assert main(["undo", "--db", str(ours)]) == 0
    assert _what_is_there(ours) == _NOTHING


def test_an_import_that_cannot_save_says_nothing_was_added(
    theirs: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus, their_db = theirs
    project = _brought("import", corpus, their_db, tmp_path)
    ours = _ours(tmp_path)
    capsys.readouterr()
    real = durable_files.write_all

    def write_all(fd: int, *parts: bytes) -> None:
        # the disk full as the journal line holding the import is written
        if len(parts) > 1 and any(
            table in _MERGED and key is not None for table, key, _ in json.loads(parts[1])
        ):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, *parts)

    monkeypatch.setattr(durable_files, "write_all", write_all)
    status = main(["import", str(project), "--db", str(ours), "--corpus", str(corpus)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status != 0 and "No space left on device" in err, err
    assert _what_is_there(ours) == _NOTHING
    # nothing saved, so nothing said to be: the memos and attribute values said "added" and
    # "set" just above the error that said the import was not saved
    assert " added " not in err and " set " not in err, err
