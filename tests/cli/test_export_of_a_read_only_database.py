"""An export from a database that cannot be written: it says that re-anchored places are not
kept only when some annotation was placed anew (it said so on every export)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.annotations import on_phrases

from tui_reader.cli.main import main
from tui_reader.core.store import journal
from tui_reader.core.store.annotation_store import AnnotationStore

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


@pytest.fixture
def db(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "annotations.json"
    with AnnotationStore(path, coder="ana") as store:
        on_phrases(store, corpus_copy / DOC, ["Pentagon"], ("=actors",))
    real_access = os.access

    def access(name: object, mode: int, **kwargs: object) -> bool:
        # the tests run as any user, root too: the database's folder is read-only as the
        # store sees it (a read-only mount, a colleague's folder)
        if mode & os.W_OK and Path(str(name)).resolve() in (folder.resolve(), path.resolve()):
            return False
        return real_access(name, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(journal.os, "access", access)
    return path


@pytest.mark.parametrize("form", ["csv", "json", "markdown", "w3c"])
def test_nothing_said_of_re_anchoring_when_nothing_moved(
    corpus_copy: Path, db: Path, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with AnnotationStore(db) as store:
        assert store.read_only
    assert main(["export", str(corpus_copy), "--db", str(db), "-f", form]) == 0
    captured = capsys.readouterr()
    assert "Pentagon" in captured.out
    assert "read-only" not in captured.err
    assert "re-anchored" not in captured.err


def test_a_passage_placed_anew_is_said_not_kept(
    corpus_copy: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus_copy / DOC
    path.write_text("A new first line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["export", str(corpus_copy), "--db", str(db), "-f", "markdown"]) == 0
    captured = capsys.readouterr()
    assert "Pentagon" in captured.out
    assert (
        f"tui-reader: {db} is read-only; the new places of 1 annotation (re-anchored) are not "
        "saved\n"
    ) in captured.err


def test_a_vault_exported_says_a_passage_placed_anew_is_not_kept(
    corpus_copy: Path, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Obsidian vault's export said nothing of the places it could not keep, where the
    other exports said them."""
    path = corpus_copy / DOC
    path.write_text("A new first line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    vault = ["-f", "obsidian", "-o", str(tmp_path / "vault")]
    assert main(["export", str(corpus_copy), "--db", str(db), *vault]) == 0
    assert (
        f"tui-reader: {db} is read-only; the new places of 1 annotation (re-anchored) are not "
        "saved\n"
    ) in capsys.readouterr().err
