"""A command that writes makes the database when none is there: it says so (a --db misspelt
took the work without a word), and when it fails it leaves no database behind (a failure
changes nothing: it left an empty database and four files beside it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Notes\n\nThe checkpoint at dawn.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    return tmp_path


def annotate(quote: str, db: str) -> list[str]:
    return ["annotate", "corpus/a.txt", "--quote", quote, "-t", "t", "--db", db]


def test_a_failed_command_leaves_no_database_it_made(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (annotate("nowhere", "anotations.json"),
                 ["attr", "set", "b.txt", "k=v", "--corpus", "corpus", "--db", "anotations.json"],
                 ["memo", "add", "--doc", "b.txt", "hi", "--corpus", "corpus",
                  "--db", "anotations.json"]):  # fmt: skip
        assert main(argv) == 2
        assert "made a new database" not in capsys.readouterr().err
        assert sorted(p.name for p in here.iterdir()) == ["corpus"]


def test_a_database_made_is_said_once(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(annotate("checkpoint", "anotations.json")) == 0
    assert capsys.readouterr().err == f"tui-reader: made a new database: {here}/anotations.json\n"
    assert main(annotate("dawn", "anotations.json")) == 0
    assert capsys.readouterr().err == ""
    assert main(annotate("nowhere", "anotations.json")) == 2  # its work is kept
    with AnnotationStore(here / "anotations.json") as store:
        assert [a.quote for a in store.annotations()] == ["checkpoint", "dawn"]


def test_a_database_made_in_a_file_of_no_bytes_is_said(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file emptied ('>' into it) took the work as a new database without a word; a
    command that does not write it (list) says nothing of it."""
    (here / "annotations.json").write_bytes(b"")
    assert main(["list", "corpus", "--db", "annotations.json"]) == 0
    assert capsys.readouterr().err == ""
    assert (here / "annotations.json").read_bytes() == b""
    assert main(annotate("nowhere", "annotations.json")) == 2
    assert "made a new database" not in capsys.readouterr().err
    assert main(annotate("checkpoint", "annotations.json")) == 0
    assert capsys.readouterr().err == (
        f"tui-reader: made a new database: {here / 'annotations.json'} "
        "(the file there was empty, 0 bytes)\n"
    )
    with AnnotationStore(here / "annotations.json", read_only=True) as store:
        assert [a.quote for a in store.annotations()] == ["checkpoint"]


def test_a_failed_command_never_removes_what_another_saved_beside_it(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four ``annotate`` run at once into a new database, three with a quote not there: a
    failing one found the database empty, another then saved its annotation (and printed its
    id), and the failing one removed the database with it.  The look and the removal are one
    step now, under the database's lock: the other waits for it."""
    import os
    import subprocess
    import sys

    from tui_reader.cli import main as main_module

    looked = main_module._NewDatabase._empty
    saved: list[subprocess.CompletedProcess[str]] = []

    def another_saves_once_looked(self: object) -> bool:
        empty = looked(self)  # type: ignore[arg-type]
        env = {**os.environ, "TUI_READER_LOCK_WAIT": "2"}
        saved.append(subprocess.run(
            [sys.executable, "-m", "tui_reader", *annotate("checkpoint", "annotations.json")],
            capture_output=True, text=True, env=env, timeout=60,
        ))  # fmt: skip
        return empty

    monkeypatch.setattr(main_module._NewDatabase, "_empty", another_saves_once_looked)
    assert main(annotate("nowhere", "annotations.json")) == 2
    (other,) = saved
    db = here / "annotations.json"
    if other.returncode == 0:  # it said it saved: the annotation is there
        with AnnotationStore(db, read_only=True) as store:
            assert [a.id for a in store.annotations()] == [other.stdout.strip()]
    else:  # it waited for the lock, and said it saved nothing
        assert other.returncode == 2 and "nothing was saved" in other.stderr
        assert sorted(p.name for p in here.iterdir()) == ["corpus"]
    capsys.readouterr()


@pytest.mark.parametrize("given", ["team/", "--env"])
def test_a_database_named_with_a_slash_at_its_end_is_a_folder_not_a_file(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """``--db team/`` (a folder meant, not made yet): a file named "team" was made the
    database, and the folder could be made no more."""
    argv = ["annotate", "corpus/a.txt", "--quote", "checkpoint", "-t", "t"]
    if given == "--env":
        monkeypatch.setenv("TUI_READER_DB", "team/")
    else:
        argv += ["--db", given]
    assert main(argv) == 2
    assert capsys.readouterr() == ("", "tui-reader: team/: names a folder (it ends in '/') that "
                                   "is not there: name the database file (team, or "
                                   "team/annotations.json once the folder is made)\n")  # fmt: skip
    assert sorted(p.name for p in here.iterdir()) == ["corpus"]
    (here / "team").mkdir()  # the folder there: "is a folder", as before
    assert main(argv) == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_database_another_command_made_meanwhile_is_not_said_made_by_this_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands run at once into a new database each said "made a new database"."""
    import subprocess
    import sys

    from tui_reader.core import workspace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("war and peace\n", encoding="utf-8")
    db = tmp_path / "db.json"
    opening = workspace.Workspace.__init__
    made = "from tui_reader.core.store.annotation_store import AnnotationStore as S; import sys"

    def made_by_another_first(self: workspace.Workspace, *args: object, **kw: object) -> None:
        subprocess.run(
            [sys.executable, "-c", f"{made}; S(sys.argv[1]).close()", str(db)],
            check=True,
            timeout=120,
        )
        opening(self, *args, **kw)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workspace.Workspace, "__init__", made_by_another_first)
        assert main(["autocode", "war", "-t", "t", str(corpus), "--db", str(db)]) == 0
    assert "made a new database" not in capsys.readouterr().err
    with AnnotationStore(db) as store:
        assert len(store.annotations()) == 1
