"""A memo and attributes a project import or a merge brings onto a document here follow its file
when it is renamed, as those typed here do: the import and the merge keep the hash of the text
of each document they gave a memo or attributes (they stayed on the old name, their file found
by nothing, until saved again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "A report on the border, read twice.\n"


@pytest.fixture
def theirs(tmp_path: Path) -> tuple[Path, Path]:
    """A colleague's database beside a corpus: a document with a memo and an attribute, and
    no passage; the corpus and the database."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "theirs.json"
    where = ["--db", str(db), "--corpus", str(corpus)]
    assert main(["memo", "add", "--doc", str(corpus / "report.txt"), "Read twice.", *where]) == 0
    assert main(["attr", "set", str(corpus / "report.txt"), "country=Mexico", *where]) == 0
    return corpus, db


def _follows(corpus: Path, db: Path) -> None:
    (corpus / "report.txt").rename(corpus / "renamed.txt")
    out = corpus.parent / "out.json"
    assert main(["export", "-f", "project", "-o", str(out), "--db", str(db), "--corpus",
                 str(corpus)]) == 0  # fmt: skip
    with AnnotationStore(db, read_only=True) as store:
        assert store.attributes() == {"corpus/renamed.txt": {"country": "Mexico"}}
        assert [m.target for m in store.memos(MemoKind.DOCUMENT)] == ["corpus/renamed.txt"]


def test_a_merged_memo_and_attribute_follow_their_renamed_file(
    theirs: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, other = theirs
    mine = tmp_path / "mine.json"
    assert main(["merge", str(other), "--db", str(mine), "--corpus", str(corpus)]) == 0
    _follows(corpus, mine)


@pytest.mark.parametrize(("fmt", "suffix"), [("project", "json"), ("qdpx", "qdpx")])
def test_an_imported_projects_memo_and_attribute_follow_their_renamed_file(
    theirs: tuple[Path, Path], tmp_path: Path, fmt: str, suffix: str
) -> None:
    """Ours or QualCoder's (a qdpx: its memo and variable)."""
    corpus, other = theirs
    project = tmp_path / f"project.{suffix}"
    assert main(["export", "-f", fmt, "-o", str(project), "--db", str(other), "--corpus",
                 str(corpus)]) == 0  # fmt: skip
    mine = tmp_path / "mine.json"
    assert main(["import", str(project), "--db", str(mine), "--corpus", str(corpus)]) == 0
    _follows(corpus, mine)


def test_an_imported_projects_memo_and_attribute_go_where_its_passages_went(
    tmp_path: Path,
) -> None:
    """A colleague's project whose document is here under another file name (b.txt, the
    same text), while our a.txt is another text: the import put their passages on b.txt and
    their memo and attribute on a.txt, a stranger of their document's file name."""
    text = "The market moved north in March, after the border closed.\n"
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "a.txt").write_text(text, encoding="utf-8")
    at = ["--db", str(tmp_path / "theirs.json"), "--corpus", str(theirs)]
    assert main(["annotate", "a.txt", "--quote", "market moved north", "-t", "trade", *at]) == 0
    assert main(["memo", "add", "--doc", "a.txt", "Read twice.", *at]) == 0
    assert main(["attr", "set", "a.txt", "country=Mexico", *at]) == 0
    project = tmp_path / "project.json"
    assert main(["export", "-f", "project", "-o", str(project), *at]) == 0
    corpus = tmp_path / "ours" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("Another interview, about boats.\n", encoding="utf-8")
    (corpus / "b.txt").write_text(text, encoding="utf-8")
    db = corpus.parent / "annotations.json"
    assert main(["import", str(project), "--db", str(db), "--corpus", str(corpus)]) == 0
    with AnnotationStore(db, read_only=True) as store:
        assert [a.document for a in store.annotations()] == ["corpus/b.txt"]
        assert store.attributes() == {"corpus/b.txt": {"country": "Mexico"}}
        assert [m.target for m in store.memos(MemoKind.DOCUMENT)] == ["corpus/b.txt"]
