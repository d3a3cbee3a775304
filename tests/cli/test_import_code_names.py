"""A code with a control character, a line break or a direction mark in its name (stored before
typed names were refused, or brought by a file) comes back as the same code after an export and
an import, whatever the format: an import takes such a name as the exports write it, and says
so naming the file and the code; an export of a database that stores one comes back as it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The army moved to the border.\n"
ODD = ("bad\x1bname/child", "tab\there", "line\nbreak")


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, Path]:
    """A database that stores codes with a control character, as older versions let it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        import hashlib

        sha = hashlib.sha256(TEXT.encode()).hexdigest()
        store.add(make_annotation("corpus/a.txt", TEXT, 4, 8, sha, (*ODD, "plain")))
    return corpus, db


def _codes(db: Path) -> set[str]:
    with AnnotationStore(db, read_only=True) as store:
        return {t for a in store.annotations() for t in a.tags}


@pytest.mark.parametrize("fmt", ["json", "w3c", "qdpx"])
def test_an_export_comes_back_with_the_codes_it_was_made_from(
    stored: tuple[Path, Path], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = stored
    out = tmp_path / f"out.{fmt}"
    common = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["export", "--format", fmt, "-o", str(out), *common]) == 0
    before = _codes(db)
    assert main(["import", str(out), *common]) == 0
    err = capsys.readouterr().err
    assert "0 new" in err and "0 changed on both sides" in err, err
    assert _codes(db) == before

    fresh = tmp_path / "fresh.json"  # a database of its own: the codes as the file names them
    assert main(["import", str(out), "--db", str(fresh), "--corpus", str(corpus)]) == 0
    assert _codes(fresh) == {"bad\u241bname/child", "tab here", "line\u23cebreak", "plain"}
    out2 = tmp_path / f"again.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(out2), "--db", str(fresh),
                 "--corpus", str(corpus)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["import", str(out2), "--db", str(fresh), "--corpus", str(corpus)]) == 0
    assert "0 new" in capsys.readouterr().err and _codes(fresh) == _codes(tmp_path / "fresh.json")


def test_a_file_with_such_a_code_is_said_naming_the_file_and_the_code(
    stored: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = stored
    out = tmp_path / "out.json"
    assert main(["export", "--format", "json", "-o", str(out), "--db", str(db)]) == 0
    records = json.loads(out.read_text())
    records = records["annotations"] if isinstance(records, dict) else records
    records[0]["tags"] = ["esc\x1bape", "plain"]
    records[0]["id"] = "another"
    brought = tmp_path / "brought.json"
    brought.write_text(json.dumps(records))
    capsys.readouterr()
    fresh = tmp_path / "fresh.json"
    assert main(["import", str(brought), "--db", str(fresh), "--corpus", str(corpus)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "esc" in line]
    assert len(said) == 1 and "brought.json" in said[0] and "'esc\\x1bape'" in said[0]
    assert "\x1b" not in said[0]
    assert _codes(fresh) == {"esc\u241bape", "plain"}


def test_a_merge_takes_such_a_code_as_the_exports_write_it(
    stored: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = stored
    mine = tmp_path / "mine.json"
    assert main(["merge", str(db), "--db", str(mine), "--corpus", str(corpus)]) == 0
    assert "bad\\x1bname/child" in capsys.readouterr().err
    assert _codes(mine) == {"bad\u241bname/child", "tab here", "line\u23cebreak", "plain"}
