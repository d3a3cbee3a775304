"""Every format's export of a varied project is the same bytes whatever the caches hold: made
with none (every document read and placed), once every file was touched (their bytes the
same), with every document unchanged, after an export of a part of the passages (``--tag``),
and again after the project changed (a code renamed, a passage added, a note and a memo
written, a file edited), beside one made then with no cache.  The project has two coders,
notes, memos of every kind, attributes, passages overlapping and nested, a file moved and a
file deleted since they were coded: what a cache keeps of what an export reads, places or
writes can never change what it writes."""

from __future__ import annotations

import io
import json
import os
import shutil
import types
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers.counting import count_calls

import tui_reader.core.annotations.model as model
from tui_reader.cli.main import main
from tui_reader.core.interchange import markdown as markdown_module

TEXTS = {
    "interview.txt": (
        "Ana: We reached the border at dawn.\nBen: The market was closed, the road too.\n"
        "Ana: We reached the border at dawn.\n"
    ),
    "notes/report.md": "# Report\n\nThe **school** reopened. Café owners came.\n\n- the road\n",
    "moved.txt": "A text that will move to another folder.\n",
    "deleted.txt": "A text that will be deleted.\n",
}
CODING = [  # (document, coder, quote, occurrence, codes, note)
    ("interview.txt", "ana", "reached the border", 1, ["policy/border"], "line one\nline two"),
    ("interview.txt", "ben", "the border at dawn", 1, ["policy", "time"], ""),
    ("interview.txt", "ana", "reached the border", 2, ["policy/border"], ""),  # its text twice
    ("interview.txt", "ben", "market was closed, the road", 1, ["place"], 'ben\'s, "quoted"'),
    ("interview.txt", "ana", "the road", 1, ["place/road"], ""),  # inside ben's
    ("notes/report.md", "ana", "school", 1, ["place"], "=SUM(A1)"),
    ("notes/report.md", "ben", "Café owners", 1, ["people"], ""),
    ("moved.txt", "ana", "will move", 1, ["time"], ""),
    ("deleted.txt", "ben", "will be deleted", 1, ["time"], "gone"),
]
FORMATS = [
    ["markdown"],
    ["markdown", "--by", "tag"],
    ["json"],
    ["project"],
    ["csv"],
    ["w3c"],
    ["qdpx"],
    ["qdc"],
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The corpus and database (see the module's docstring), the clock fixed."""
    monkeypatch.setattr(model, "time", types.SimpleNamespace(time=lambda: 1_800_000_000.0))
    corpus, db = tmp_path / "corpus", tmp_path / "db.json"
    for name, text in TEXTS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, "utf-8")
    at = ["--db", str(db), "--corpus", str(corpus)]
    for document, coder, quote, occurrence, codes, note in CODING:
        tags = [f"-t={code}" for code in codes]
        assert main(["annotate", *at, document, "--coder", coder, "--quote", quote,
                     "--occurrence", str(occurrence), *tags, "--note", note]) == 0  # fmt: skip
    assert main(["attr", "set", *at, "interview.txt", "site=North", "age=42"]) == 0
    assert main(["attr", "set", *at, "notes/report.md", "site=South", "weight=1.5"]) == 0
    assert main(["memo", "add", *at, "--doc", "interview.txt", "Memo of the **interview**"]) == 0
    assert main(["memo", "add", *at, "--code", "policy/border", "Borders"]) == 0
    assert main(["memo", "add", *at, "--journal", "Journal: day one"]) == 0
    assert main(["tags", "set", "place", "--color", "#ff0000", "--description", "Where",
                 "--db", str(db)]) == 0  # fmt: skip
    (corpus / "elsewhere").mkdir()
    (corpus / "moved.txt").rename(corpus / "elsewhere" / "moved.txt")
    (corpus / "deleted.txt").unlink()
    return corpus, db


def _exports(corpus: Path, db: Path, out: Path, more: Sequence[str] = ()) -> dict[str, bytes]:
    """Every format's export of the project (``more``: options given each), by format."""
    made: dict[str, bytes] = {}
    for fmt in FORMATS:
        name = "-".join(fmt)
        path = out / name
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.stderr", io.StringIO())
            patch.setattr("sys.stdout", io.StringIO())
            status = main(["export", str(corpus), "--db", str(db), "--format", *fmt, *more,
                           "-o", str(path), "--force"])  # fmt: skip
        assert status in (0, 2), name  # (2: the deleted file's passage said)
        made[name] = path.read_bytes()
    return made


def _cold(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """No cache from here on: the commands' cache folder a new, empty one."""
    folder.mkdir()
    monkeypatch.setenv("TUI_READER_CACHE", str(folder))


def _damage_every_cache(folder: Path) -> None:
    """Every cache file cut to its first half, as a full disk or a crash could leave it."""
    damaged = [path for path in folder.rglob("*.json") if path.is_file()]
    assert any(path.name.endswith("-blocks.json") for path in damaged)
    for path in damaged:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def _touch_every_file(corpus: Path) -> None:
    for path in corpus.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_900_000_000_000_000_000, 1_900_000_000_000_000_000))


def test_every_format_is_written_alike_whatever_the_caches_hold(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = project
    out = tmp_path / "out"  # (one folder for all: the Markdown links alike)
    out.mkdir()
    cached = os.environ["TUI_READER_CACHE"]
    first = _exports(corpus, db, out)  # the moved file found and its passage saved there
    _cold(monkeypatch, tmp_path / "cold")
    none_cached = _exports(corpus, db, out)
    assert none_cached == first
    monkeypatch.setenv("TUI_READER_CACHE", cached)
    assert _exports(corpus, db, out) == first  # every document unchanged
    _touch_every_file(corpus)
    assert _exports(corpus, db, out) == first  # every file touched, its bytes the same
    _damage_every_cache(Path(cached))
    assert _exports(corpus, db, out) == first  # every cache file damaged: ignored
    assert _exports(corpus, db, out) == first  # and written again
    part = _exports(corpus, db, out, ["--tag", "place"])
    assert part != first
    assert _exports(corpus, db, out) == first  # after a part's
    _cold(monkeypatch, tmp_path / "cold-part")
    assert _exports(corpus, db, out, ["--tag", "place"]) == part
    monkeypatch.setenv("TUI_READER_CACHE", cached)

    # the project changed: each format as an export with no cache writes it
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["tags", "rename", "people", "owners", "--db", str(db)]) == 0
    assert main(["annotate", *at, "notes/report.md", "--coder", "ana", "--quote", "reopened",
                 "-t", "place", "--note", "new"]) == 0  # fmt: skip
    assert main(["memo", "add", *at, "--code", "place", "Where they were"]) == 0
    assert main(["attr", "set", *at, "interview.txt", "site=East"]) == 0
    edited = corpus / "notes" / "report.md"
    edited.write_text("Added first.\n\n" + edited.read_text("utf-8"), "utf-8")
    changed = _exports(corpus, db, out)
    assert all(changed[name] != first[name] for name in ("markdown", "json", "csv", "w3c"))
    assert _exports(corpus, db, out) == changed
    _cold(monkeypatch, tmp_path / "cold-changed")
    assert _exports(corpus, db, out) == changed
    shutil.rmtree(tmp_path / "cold-changed")


def _markdown(corpus: Path, db: Path, out: Path, more: Sequence[str] = ()) -> str:
    """The Markdown export by document (``more``: options given)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", io.StringIO())
        status = main(["export", str(corpus), "--db", str(db), "--format", "markdown", *more,
                       "-o", str(out), "--force"])  # fmt: skip
    assert status in (0, 2)
    return out.read_text("utf-8")


def test_a_documents_blocks_are_made_again_only_when_a_fact_of_them_changed(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = project
    out = tmp_path / "out.md"
    made = count_calls(monkeypatch, markdown_module, "_blocks_made")  # a document's blocks
    first = _markdown(corpus, db, out)  # (the moved file found: its document placed again)
    made.calls = 0
    assert _markdown(corpus, db, out) == first
    assert made.calls == 0  # every document's blocks kept
    part = _markdown(corpus, db, out, ["--tag", "place"])
    assert made.calls == 2  # the code's passages of its two documents: their own blocks
    made.calls = 0
    assert _markdown(corpus, db, out) == first
    assert _markdown(corpus, db, out, ["--tag", "place"]) == part
    assert made.calls == 0  # the whole's kept beside the part's

    # a code renamed: the one document holding it
    assert main(["tags", "rename", "people", "owners", "--db", str(db)]) == 0
    renamed = _markdown(corpus, db, out)
    assert made.calls == 1
    assert "#owners" in renamed and "#people" not in renamed

    # another coder in the export: each document's passages now say whose they are
    alone = _markdown(corpus, db, out, ["--tag", "owners"])
    assert made.calls == 2 and "Coder:" not in alone  # ben's alone
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "interview.txt", "--coder", "ana", "--quote", "Ben",
                 "-t", "owners"]) == 0  # fmt: skip
    made.calls = 0
    two = _markdown(corpus, db, out, ["--tag", "owners"])
    assert made.calls == 2  # the passage added's document, and ben's now said his
    assert "- Coder: ben" in two and "- Coder: ana" in two

    made.calls = 0  # no cache: every document's made
    _cold(monkeypatch, tmp_path / "cold")
    assert _markdown(corpus, db, out, ["--tag", "owners"]) == two
    assert made.calls == 2


def _vault(corpus: Path, db: Path, vault: Path) -> dict[str, bytes]:
    """The notes of the Obsidian vault exported into ``vault``, by their path in it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", io.StringIO())
        status = main(["export", str(corpus), "--db", str(db), "--format", "obsidian",
                       "-o", str(vault)])  # fmt: skip
    assert status in (0, 2)
    return {str(p.relative_to(vault)): p.read_bytes() for p in sorted(vault.rglob("*.md"))}


def test_a_vaults_notes_take_the_blocks_a_markdown_export_kept(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = project
    made = count_calls(monkeypatch, markdown_module, "_blocks_made")
    _markdown(corpus, db, tmp_path / "out.md")  # (the moved file found: placed again)
    made.calls = 0
    _cold(monkeypatch, tmp_path / "cold")
    cold = _vault(corpus, db, tmp_path / "cold-vault")
    assert made.calls == 3  # every document placed: nothing kept
    _markdown(corpus, db, tmp_path / "out.md")
    made.calls = 0
    warm = _vault(corpus, db, tmp_path / "vault")
    assert made.calls == 0  # the blocks kept: the same as the Markdown export makes
    assert warm == cold and len(warm) > 3


def _blocks_file(cache: Path) -> Path:
    (found,) = cache.rglob("*-blocks.json")
    return found


def test_a_by_tag_export_takes_each_documents_blocks_kept(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = project
    out = tmp_path / "out.md"
    by_tag = ["--by", "tag"]
    made = count_calls(monkeypatch, markdown_module, "_blocks_made")  # a document's blocks
    _markdown(corpus, db, out)  # (the moved file found: its document placed again)
    _cold(monkeypatch, tmp_path / "cold")
    made.calls = 0
    cold = _markdown(corpus, db, out, by_tag)
    assert made.calls == 3  # every placed document's blocks made, and kept
    assert "^" in cold and "- Source: [" in cold and "- Location:" not in cold
    assert _markdown(corpus, db, out, by_tag) == cold
    by_document = _markdown(corpus, db, out)
    assert made.calls == 3  # none made again, by tag nor by document
    part = _markdown(corpus, db, out, [*by_tag, "--tag", "place"])
    assert made.calls == 5  # the code's passages of its two documents: their own blocks
    assert part != cold
    _markdown(corpus, db, out, ["--tag", "place"])
    assert made.calls == 5  # the same by document

    # a kept file damaged, or holding blocks not as they are made: made again, the same
    blocks = _blocks_file(tmp_path / "cold")
    data = blocks.read_bytes()
    blocks.write_bytes(data[: len(data) // 2])
    made.calls = 0
    assert _markdown(corpus, db, out, by_tag) == cold
    assert made.calls == 3
    kept = json.loads(blocks.read_text("ascii"))
    for sets in kept["documents"].values():
        for one in sets:
            one[1] = [block.replace("- Location: ", "- Place: ") for block in one[1]]
    blocks.write_text(json.dumps(kept), "ascii")
    assert _markdown(corpus, db, out, by_tag) == cold
    assert _markdown(corpus, db, out) != by_document  # (by document they are taken as kept)

    # a code renamed: its one document's blocks made again, as an export with none kept
    assert main(["tags", "rename", "people", "owners", "--db", str(db)]) == 0
    made.calls = 0
    renamed = _markdown(corpus, db, out, by_tag)
    assert made.calls == 1
    assert "#owners" in renamed and "#people" not in renamed
    _cold(monkeypatch, tmp_path / "cold-renamed")
    assert _markdown(corpus, db, out, by_tag) == renamed
