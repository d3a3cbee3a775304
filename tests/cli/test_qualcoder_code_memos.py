"""A code's memo or description alone sent to QualCoder and back (``export -f qdpx``, then
QualCoder's export imported or merged): shown there as written, no rule, and read back here
as the code's memo or description it was, nothing added."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.qualcoder import qualcoder_export, qualcoder_import

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The army moved to the border.\nTroops stayed for a year.\n"


def _held(db: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    with AnnotationStore(db) as store:
        tags = {t.name: t.description for t in store.tags()}
        memos = sorted((m.target, m.text) for m in store.memos())
    return tags, memos


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_codes_memo_or_description_alone_goes_to_qualcoder_and_back_as_it_was(
    command: str, tmp_path: Path
) -> None:
    """A code with a memo and no description showed in QualCoder a memo beginning "---", and
    one with a description of two lines and no memo a memo ending "---"."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    for quote, code in (("army", "border"), ("Troops", "army"), ("year", "police")):
        assert main(["annotate", *at, "a.txt", "--quote", quote, "-t", code]) == 0
    assert main(["memo", "add", *at, "--code", "border", "Troops at night."]) == 0
    assert main(["tags", "set", "army", "--description", "Crossings.\nAt night too.", *at]) == 0
    assert main(["tags", "set", "police", "--description", "Officers.", *at]) == 0
    assert main(["memo", "add", *at, "--code", "police", "Seen twice."]) == 0
    before = _held(db)
    project = tmp_path / "p.qdpx"
    assert main(["export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project)]) == 0
    shown = qualcoder_import(project.read_bytes()).code_memos
    assert shown == {
        "border": "Troops at night.\n",
        "army": "Crossings.\nAt night too.",
        "police": "Officers.\n\n---\n\nSeen twice.\n",
    }
    back = tmp_path / "back.qdpx"
    back.write_bytes(qualcoder_export(project.read_bytes()))
    assert main([command, *at, str(back)]) == 0
    assert _held(db) == before


def test_a_codebook_with_a_memo_alone_comes_back_as_it_was(tmp_path: Path) -> None:
    """A codebook (.qdc) holds each code's memo alone, as QualCoder shows it; imported back
    (as QualCoder writes it again), a memo of one line is the code's memo, not a
    description."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "army", "-t", "border"]) == 0
    assert main(["memo", "add", *at, "--code", "border", "Troops at night."]) == 0
    before = _held(db)
    book = tmp_path / "codes.qdc"
    assert main(["export", str(corpus), "--db", str(db), "-f", "qdc", "-o", str(book)]) == 0
    assert "<Description>Troops at night.\n</Description>" in book.read_text("utf-8")
    assert main(["import", *at, str(book)]) == 0
    assert _held(db) == before


def test_a_codes_memo_of_one_line_is_a_memo_in_another_database(tmp_path: Path) -> None:
    """A code's memo of one line, its description none, in our codebook (.qdc) or sent
    through QualCoder (its project export, which keeps the code's memo alone), imported into
    another database (a colleague's, a fresh one) became the code's description there: a
    line alone was read as a description.  A memo is kept with its line end, and a line
    ending so is read as a memo; a description of one line stays one."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "army", "-t", "border"]) == 0
    assert main(["annotate", *at, "a.txt", "--quote", "Troops", "-t", "police"]) == 0
    assert main(["memo", "add", *at, "--code", "border", "Troops at night."]) == 0
    assert main(["tags", "set", "police", "--description", "Officers.", *at]) == 0
    book, project = tmp_path / "codes.qdc", tmp_path / "p.qdpx"
    assert main(["export", str(corpus), "--db", str(db), "-f", "qdc", "-o", str(book)]) == 0
    assert main(["export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(project)]) == 0
    back = tmp_path / "back.qdpx"
    back.write_bytes(qualcoder_export(project.read_bytes()))
    for n, given in enumerate((book, back)):
        other = tmp_path / f"other-{n}.json"
        assert main(["import", "--db", str(other), "--corpus", str(corpus), str(given)]) == 0
        tags, memos = _held(other)
        assert (tags["border"], tags["police"]) == ("", "Officers."), given.name
        assert memos == [("border", "Troops at night.\n")], given.name
