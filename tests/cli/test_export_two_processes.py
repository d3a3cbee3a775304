"""An export once every file was touched (the placement cache cannot vouch for any passage)
has a second process look at half of the annotated documents: the file it writes, what it
says and the placement cache it leaves are exactly what one process gives; a second process
that fails changes nothing."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.forking import counted_forks

import tui_reader.core.interchange.records_in_place as in_place
from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")

TEXTS = [
    "The border plan was announced on Monday.\n\nThe Pentagon sent advisers south.\n",
    "# A report\n\nThe **school** reopened. Caf\u00e9 \U0001f600 owners came.\n\n- the road\n",
    "Migrants waited at the market.\n\nThe village had no water that week.\n",
]


def _study(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    for n in range(36):
        suffix = ".md" if n % 3 == 1 else ".txt"
        (corpus / f"doc{n:02}{suffix}").write_text(f"{n}. " + TEXTS[n % 3], encoding="utf-8")
    db = tmp_path / "annotations.json"
    workspace = Workspace(corpus, db)
    for key in workspace.keys():  # noqa: SIM118 - a method, not a dict
        document = workspace.document(key)
        for start in (0, 4, 20):
            workspace.store.add(
                make_annotation(key, document.text, start, start + 9, document.sha256, ("t",))
            )
    workspace.store.close()
    # Files touched, most unchanged: in the second half one edited (its passages move),
    # one removed (its passages orphaned), one that cannot be read any more.
    for path in corpus.iterdir():
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    edited = corpus / "doc29.txt"
    edited.write_text("Added first.\n" + edited.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "doc32.txt").unlink()
    (corpus / "doc35.txt").write_bytes(b"\x00\x01\x02" * 100)
    return corpus, db


def _export(tmp_path: Path, corpus: Path, db: Path, fmt: str, name: str) -> tuple[int, str, bytes]:
    out = corpus.parent / f"{name}.{fmt}"  # links to the documents alike from either
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", err)
        patch.setattr("sys.stdout", io.StringIO())
        status = main(["export", str(corpus), "--db", str(db), "--format", fmt, "-o", str(out)])
    said = err.getvalue().replace(str(out), "OUT").replace(str(corpus.parent), "STUDY")
    made = out.read_bytes().replace(str(corpus.parent).encode(), b"STUDY") if out.exists() else b""
    made = re.sub(rb"on \d{4}-\d\d-\d\d \d\d:\d\d UTC", b"on WHEN", made)  # the export's time
    if fmt == "w3c":  # its time, and the ids of the collection and its page made of it
        made = re.sub(rb'"generated": "[^"]*"', b'"generated": WHEN', made)
        for made_of_it in re.findall(rb"urn:uuid:[0-9a-f-]{36}", made)[:2]:
            made = made.replace(made_of_it, b"urn:uuid:MADE-OF-ITS-TIME")
    return status, said, made


def _places(db: Path) -> object:
    """The placement cache, its files' stamps without what a copy changes (ctime, inode)."""
    kept = json.loads(placement_cache_path(db).read_bytes())
    for entry in kept["documents"].values():
        del entry[3], entry[1]
    return kept


def _untitled(kept: Any) -> tuple[object, list[str | None]]:
    """The placement cache :func:`_places` gives without its documents' titles, and the
    titles."""
    # (each entry: modification time, size, text's hash, mark, title, the bytes' hash)
    return kept, [entry.pop(4) for entry in kept["documents"].values()]


def _copy(tmp_path: Path, corpus: Path, db: Path, name: str) -> tuple[Path, Path]:
    """The study as it is now, in a folder of its own (a database names its documents by
    their place beside it)."""
    import shutil

    folder = tmp_path / name
    shutil.copytree(corpus.parent, folder, symlinks=True, ignore=shutil.ignore_patterns(name))
    return folder / corpus.name, folder / db.name


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_an_export_shared_with_a_second_process_is_what_one_process_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    corpus, db = _study(tmp_path / "study")
    other_corpus, other_db = _copy(tmp_path, corpus, db, "other")
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    monkeypatch.setattr(in_place, "SHARE_FROM", 10**9)
    alone = _export(tmp_path, corpus, db, fmt, "out")
    assert alone[0] == 0 and alone[2], alone[1]
    places = _places(db)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(in_place, "SHARE_FROM", 4)
    monkeypatch.setattr(in_place, "core_free", lambda: True)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    shared = _export(tmp_path, other_corpus, other_db, fmt, "out")
    assert len(forks) == 1
    assert shared == alone
    assert _places(other_db) == places


def test_a_second_process_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = _study(tmp_path / "study")
    other_corpus, other_db = _copy(tmp_path, corpus, db, "other")
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-alone"))
    alone = _export(tmp_path, corpus, db, "csv", "out")
    places = _places(db)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(in_place, "SHARE_FROM", 4)
    monkeypatch.setattr(in_place, "core_free", lambda: True)
    parent = os.getpid()
    read = in_place._Look.__call__

    def failing_there(self: in_place._Look, span: tuple[str, int, int]) -> in_place.Verdict:
        if os.getpid() != parent:
            raise MemoryError  # as anything could, there
        return read(self, span)

    monkeypatch.setattr(in_place._Look, "__call__", failing_there)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-shared"))
    assert _export(tmp_path, other_corpus, other_db, "csv", "out") == alone
    assert len(forks) == 1
    assert _places(other_db) == places


def test_only_a_command_forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app (its threads would not be in the copy) never has a copy made."""
    from tui_reader.core.forked import core_free

    assert not core_free()


@pytest.mark.parametrize(
    ("fmt", "kept", "titled"),
    [("json", False, False), ("w3c", False, False), ("csv", True, False), ("markdown", True, True)],
)
def test_the_texts_read_to_place_are_kept_only_for_a_format_that_prints_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, kept: bool, titled: bool
) -> None:
    import dataclasses

    from tui_reader.core import interchange

    corpus, db = _study(tmp_path / "study")
    other_corpus, other_db = _copy(tmp_path, corpus, db, "other")
    handed: list[str] = []
    look = in_place._Look.__call__

    def looking(self: in_place._Look, span: tuple[str, int, int]) -> in_place.Verdict:
        verdict = look(self, span)
        if verdict[0] == in_place._PUT:
            handed.append(verdict[5])
        return verdict

    monkeypatch.setattr(in_place._Look, "__call__", looking)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-one"))
    made = _export(tmp_path, corpus, db, fmt, "out")
    assert made[0] == 0 and made[2], made[1]
    assert handed and all(bool(text) == kept for text in handed)
    # (a format that shows no title, CSV too, looks for no plain text's: the cache says it
    # is not known; a Markdown file's comes with its text)
    places, titles = _untitled(_places(db))
    assert titles and (None in titles) != titled
    # what the export writes and says is what it was when every text was kept
    keeping = dataclasses.replace(interchange.FORMATS[fmt], places=True)
    monkeypatch.setitem(interchange.FORMATS, fmt, keeping)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache-two"))
    assert _export(tmp_path, other_corpus, other_db, fmt, "out") == made
    assert _untitled(_places(other_db))[0] == places
