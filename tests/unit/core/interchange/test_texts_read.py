"""The titles found of clean plain text files, kept by the hash of each file's bytes between
exports: an export with every document placed again does not find a text and its title again
for a file whose bytes are the same (touched, copied back), a file edited is read anew, and
the file is never the truth."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange import records_in_place
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.texts_read import TextsRead, release
from tui_reader.core.search import corpus
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path, places_cache_path, texts_read_cache_path

PROSE = "Report from the north\n\nThe road north was closed.\nWe waited for three days.\n"
NOTE = "# Notes on the market\n\nThe *market* opened at dawn.\n\nPrices rose by noon.\n"
A = "a" * 64


def _coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database coding a passage in a plain text and one in a Markdown note."""
    corpus_folder = tmp_path / "corpus"
    corpus_folder.mkdir()
    (corpus_folder / "f.txt").write_text(PROSE, encoding="utf-8")
    (corpus_folder / "n.md").write_text(NOTE, encoding="utf-8")
    db = tmp_path / "annotations.json"
    for name, quote in (("f.txt", "three days"), ("n.md", "Prices rose")):
        argv = ["annotate", str(corpus_folder / name), "--quote", quote, "-t", "place"]
        assert main([*argv, "--db", str(db), "--corpus", str(corpus_folder)]) == 0
    capsys.readouterr()
    return db


def _placed_export(db: Path, capsys: pytest.CaptureFixture[str], fmt: str = "markdown") -> str:
    """The export with every document placed again (its places found again too), without
    its line of when it was made."""
    placement_cache_path(db).unlink(missing_ok=True)
    places_cache_path(db).unlink(missing_ok=True)
    assert main(["export", str(db.parent / "corpus"), "--db", str(db), "-f", fmt]) == 0
    out = capsys.readouterr().out
    return "\n".join(line for line in out.splitlines() if "Exported" not in line)


def _touched(folder: Path) -> None:
    """Every file of ``folder`` given another time (its bytes as they were)."""
    for path in folder.iterdir():
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_files_touched_are_not_made_text_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown export once every file was touched found each plain text's canonical text
    and title again (its cleaning looked for, its title line found): a fifth of a second for
    8,000 files, their bytes the same as before; and rendered the Markdown note again (a
    third of a second for the bench's 2,000), though its bytes, and so its text, were the
    ones its passages were placed on."""
    fmt = "markdown"
    db = _coded(tmp_path, capsys)
    first = _placed_export(db, capsys, fmt)
    assert "Report from the north" in first
    _touched(tmp_path / "corpus")
    found = count_calls(monkeypatch, corpus, "_canonical_of")
    assert _placed_export(db, capsys, fmt) == first
    assert found.calls == 1  # the note's
    # the placement cache kept (each file's stamp another): read, not made text again
    assert main(["export", str(tmp_path / "corpus"), "--db", str(db), "-f", fmt]) == 0
    capsys.readouterr()
    _touched(tmp_path / "corpus")
    assert main(["export", str(tmp_path / "corpus"), "--db", str(db), "-f", fmt]) == 0
    out = capsys.readouterr().out
    assert "\n".join(line for line in out.splitlines() if "Exported" not in line) == first
    assert found.calls == 1  # the note's bytes as placed: not rendered again


def test_a_file_edited_is_made_text_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The title line of the plain text rewritten (its passage in place, at the same
    offsets): the title shown is the new one."""
    db = _coded(tmp_path, capsys)
    first = _placed_export(db, capsys)
    assert "## Report from the north" in first
    folder = tmp_path / "corpus"
    (folder / "f.txt").write_text(PROSE.replace("north\n\n", "south\n\n"), encoding="utf-8")
    again = _placed_export(db, capsys)
    assert "## Report from the south" in again and "from the north" not in again


def _forged(db: Path, version: object, entry: object) -> None:
    """The cache of ``db`` written with ``entry`` for the plain text, by ``version``."""
    path = texts_read_cache_path(db)
    kept = json.loads(path.read_text(encoding="utf-8"))
    key = next(k for k in kept["documents"] if k.endswith("f.txt"))
    kept["version"] = version
    kept["documents"][key] = entry
    path.write_text(json.dumps(kept), encoding="utf-8")


def test_a_kept_entry_of_another_release_or_form_is_not_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _coded(tmp_path, capsys)
    first = _placed_export(db, capsys)
    entry = json.loads(texts_read_cache_path(db).read_text(encoding="utf-8"))
    digest = next(v for k, v in entry["documents"].items() if k.endswith("f.txt"))[0]
    for version, forged in (
        ("another", [digest, "Forged title"]),  # another release's
        (release(), [digest, "Forged title", "A text"]),
        (release(), [digest, 5]),
        (release(), [digest[:10], "Forged title"]),
        (release(), {"title": "Forged title"}),
    ):
        _forged(db, version, forged)
        assert _placed_export(db, capsys) == first
    texts_read_cache_path(db).write_bytes(b"not json")
    assert _placed_export(db, capsys) == first


def test_what_a_forked_copy_found_is_kept_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a core free, a forked copy reads the second half of the files: the titles it
    found are handed back with its verdicts and kept with the others'."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    workspace = Workspace(folder, tmp_path / "annotations.json")
    for n in range(4):
        path = folder / f"t{n}.txt"
        path.write_text(f"Report {n}\n\nThe road was closed on day {n}.\n", encoding="utf-8")
        key = workspace.key(path)
        document = workspace.document(key)
        workspace.store.add(make_annotation(key, document.text, 0, 8, document.sha256))
    stored = AnnotationColumns.of_store(workspace.store)
    assert stored is not None
    monkeypatch.setattr(records_in_place, "SHARE_FROM", 1)
    monkeypatch.setattr(records_in_place, "core_free", lambda: True)
    kept = TextsRead(tmp_path / "read.json")
    forked = count_calls(monkeypatch, records_in_place.ForkedHalf, "start")
    texts, _, rest = records_in_place.placed_texts(
        workspace, PlacementCache(None), lambda: None, stored, kept=kept
    )
    assert (len(texts), rest, forked.calls) == (4, [], 1)
    kept.save(set(texts))
    again = TextsRead(tmp_path / "read.json")
    assert sorted(again.of(key, True).entry[1] or "" for key in texts) == [
        f"Report {n}" for n in range(4)
    ]


def test_entries_are_read_back_and_only_those_wanted_written(tmp_path: Path) -> None:
    path = tmp_path / "read.json"
    kept = TextsRead(path)
    kept.put("a.txt", (A, "A"))
    kept.put("b.txt", (A, None))
    kept.save({"b.txt"})  # a.txt is no file now
    again = TextsRead(path)
    assert again.of("a.txt", True).entry is None
    assert again.of("b.txt", True).entry == (A, None)


def test_a_file_that_cannot_be_written_is_left_unsaved(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    kept = TextsRead(blocker / "read.json")  # its folder is a file
    kept.put("a.txt", (A, "A"))
    kept.save({"a.txt"})
    assert blocker.read_text() == "x"
