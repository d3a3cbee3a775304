"""An import or a merge stopped as it writes (killed, the machine off): its new codes are
saved with their passages or not at all.  Each code was a write of its own before the
passages' write: stopped between them, the codebook held codes that no passage carried
(seen after a kill -9 as ``peace 0``).  A merge already wrote its new codes with its passages:
checked too."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import TAGS
from tui_reader.core.store.journal import Change, JournaledTables


class _Killed(BaseException):
    """The process stopped at a write (as kill -9 stops it: nothing after it runs)."""


@pytest.fixture
def theirs(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus and a colleague's database: three coded passages, each code with a colour."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("peace talks began\nwar resumed\nhope stayed\n", "utf-8")
    db = tmp_path / "theirs" / "annotations.json"
    db.parent.mkdir()
    for word in ("peace", "war", "hope"):
        args = ["annotate", "a.txt", "--quote", word, "--tag", word, "--coder", "ben"]
        assert main([*args, "--corpus", str(corpus), "--db", str(db)]) == 0
    with AnnotationStore(db, coder="ben") as store:
        for word, colour in (("peace", "#00aa00"), ("war", "#aa0000"), ("hope", "#0000aa")):
            store.set_tag(Tag(word, colour))
    return corpus, db


def _killed_after_the_first_code(monkeypatch: pytest.MonkeyPatch, ours: Path, killed: Path) -> None:
    """Each write goes to the file as it did; the process stops just after the first one
    that carries a code is durable (its journal line written), the files of ``ours`` as a
    kill leaves them copied to ``killed`` (the exception runs the close, a kill does not)."""
    real = JournaledTables._append

    def append(self: JournaledTables, line: Sequence[bytes]) -> None:
        real(self, line)
        changes: list[Change] = json.loads(line[1])
        # a code's record (the tables made with a new database name no code)
        if self.path == ours and any(t == TAGS and key is not None for t, key, _ in changes):
            shutil.copytree(ours.parent, killed)
            raise _Killed

    monkeypatch.setattr(JournaledTables, "_append", append)


def _codes_without_passages(db: Path) -> set[str]:
    with AnnotationStore(db) as store:  # opened again as after a kill: its journal read
        used = {tag for a in store.annotations() for tag in a.tags}
        return {t.name for t in store.tags()} - used


@pytest.mark.parametrize("how", ["import", "merge"])
def test_new_codes_are_saved_with_their_passages_or_not_at_all(
    theirs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    corpus, their_db = theirs
    brought = their_db
    if how == "import":
        brought = tmp_path / "theirs.json"
        export = ["export", str(corpus), "--db", str(their_db), "-f", "json", "-o", str(brought)]
        assert main(export) == 0
    ours = tmp_path / "ours" / "annotations.json"
    ours.parent.mkdir()
    killed = tmp_path / "killed"
    _killed_after_the_first_code(monkeypatch, ours, killed)
    with pytest.raises(_Killed):
        main([how, str(brought), "--db", str(ours), "--corpus", str(corpus)])
    monkeypatch.undo()
    assert _codes_without_passages(killed / ours.name) == set()
    with AnnotationStore(killed / ours.name) as store:
        assert sorted(t.name for t in store.tags()) == ["hope", "peace", "war"]
        assert len(store.annotations()) == 3
