"""``tui-reader import`` of a file holding codes alone (a REFI-QDA codebook, a codebook CSV):
its codes are said, and no line counting annotations it cannot hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def codebooks(tmp_path: Path) -> dict[str, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Notes\n\nThe checkpoint at dawn, the army.\n", "utf-8")
    db = str(tmp_path / "db.json")
    for word, code in (("checkpoint", "policy/border"), ("army", "actors/army")):
        assert main(["autocode", word, "--tag", code, str(corpus), "--db", db]) == 0
    files = {}
    for fmt in ("qdc", "codebook-csv"):
        files[fmt] = tmp_path / f"book.{fmt}"
        assert main(["export", str(corpus), "--db", db, "-f", fmt, "-o", str(files[fmt])]) == 0
    return files


@pytest.mark.parametrize("fmt", ["qdc", "codebook-csv"])
def test_a_codebook_imported_says_its_codes_and_no_count_of_annotations(
    codebooks: dict[str, Path], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: after "added 2 codes", "imported 0 annotations from book.qdc: 0 new, 0 updated,
    # 0 unchanged, 0 older than ours (skipped), 0 changed on both sides (...)", and that line
    # alone when the codes were here already.
    book, other = codebooks[fmt], tmp_path / "other.json"
    capsys.readouterr()
    assert main(["import", str(book), "--db", str(other)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ["tui-reader: added 2 codes", f"tui-reader: made a new database: {other}"]
    for dry in ([], ["--dry-run"]):
        assert main(["import", str(book), "--db", str(other), *dry]) == 0
        verb = "would add" if dry else "added"
        assert capsys.readouterr().err == (
            f"tui-reader: {verb} no code: the file's 2 codes are here already\n"
        )


def test_a_file_of_no_annotations_and_no_codes_still_says_it_imported_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "none.json"
    empty.write_text("[]", "utf-8")
    assert main(["import", str(empty), "--db", str(tmp_path / "db.json")]) == 0
    assert "imported 0 annotations from" in capsys.readouterr().err
