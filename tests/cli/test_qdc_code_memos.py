"""A codebook (``.qdc``) carries the codes' memos in the codes' ``Description``, where
QualCoder's codebook import reads a code's memo, and ``import`` brings them back."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

NS = {"q": "urn:QDA-XML:codebook:1.0"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert status == 0, err
    return err


def test_a_codebook_exported_and_imported_keeps_the_code_memos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The codebook was written from the codes alone: a code's memo never left, QualCoder
    found the description alone, and importing the codebook brought no memo."""
    db = str(tmp_path / "ours.json")
    _run(capsys, "tags", "set", "border", "--db", db, "--description", "Crossings")
    _run(capsys, "tags", "set", "army", "--db", db, "--color", "blue")
    _run(capsys, "memo", "add", "--code", "border", "Troops at night.", "--db", db)
    book = tmp_path / "book.qdc"
    _run(capsys, "export", "--db", db, "--format", "qdc", "-o", str(book))
    codes = ElementTree.parse(book).getroot().iter(f"{{{NS['q']}}}Code")
    read = {c.get("name"): c.findtext("q:Description", "", NS) for c in codes}
    assert read == {"border": "Crossings\n\n---\n\nTroops at night.\n", "army": ""}
    _run(
        capsys, "export", "--db", db, "--format", "qdc", "--tag", "army", "-o", str(book), "--force"
    )
    assert "Troops" not in book.read_text()  # the memos of the codes chosen alone
    _run(capsys, "export", "--db", db, "--format", "qdc", "-o", str(book), "--force")
    back = str(tmp_path / "back.json")
    _run(capsys, "import", str(book), "--db", back)
    _run(capsys, "import", str(book), "--db", back)  # again: no second memo
    with AnnotationStore(Path(back)) as store:
        assert {t.name: t.description for t in store.tags()} == {"border": "Crossings", "army": ""}
        assert [(m.target, m.text) for m in store.memos()] == [("border", "Troops at night.\n")]
