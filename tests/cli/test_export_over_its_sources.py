"""``export -o FILE --force`` naming the annotation database, or a document of the corpus
that has annotations, replaced it with the export: the database lost its memos, attributes,
history and codebook (and opened no more), the document its text (its annotations orphaned).
It is refused, and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("first line\nthe middle line\n", encoding="utf-8")
    (corpus / "b.txt").write_text("nothing coded here\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    where = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["annotate", "a.txt", "--quote", "middle", "--tag", "hope", *where]) == 0
    assert main(["memo", "add", "--journal", "a thought", *where]) == 0
    return corpus, db


@pytest.mark.parametrize("named", ["annotations.json", "annotations.json.journal", "a.txt"])
@pytest.mark.parametrize("export_format", ["json", "markdown"])
def test_export_never_replaces_the_database_or_an_annotated_document(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    named: str,
    export_format: str,
) -> None:
    corpus, db = project
    where = ["--corpus", str(corpus), "--db", str(db)]
    target = (corpus if named == "a.txt" else db.parent) / named
    if not target.exists():
        target.write_bytes(b"")
    before = target.read_bytes()
    monkeypatch.chdir(target.parent)  # named as a user does: relative to where they are
    capsys.readouterr()
    assert main(["export", "--format", export_format, "-o", named, "--force", *where]) == 2
    err = capsys.readouterr().err
    assert named in err and "never replaces" in err
    assert target.read_bytes() == before
    assert main(["memo", "list", *where]) == 0
    assert "a thought" in capsys.readouterr().out
    assert main(["tags", *where]) == 0
    assert capsys.readouterr().out.split() == ["1", "hope"]


def test_a_document_without_annotations_or_another_file_is_written(
    project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = project
    where = ["--corpus", str(corpus), "--db", str(db)]
    for output in (tmp_path / "out.md", corpus / "b.txt"):
        output.write_text("old\n", encoding="utf-8")
        assert main(["export", "-o", str(output), "--force", *where]) == 0
        assert "middle" in output.read_text(encoding="utf-8")


def test_a_file_written_over_is_checked_without_the_store_s_index(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each re-export with --force built the index of every annotation to learn whether the
    file named was an annotated document (0.4 s at 100,000, on top of the export, which
    reads the records without it): the stored records are looked at instead."""
    from tui_reader.core.store.index import StoreIndex

    corpus, db = project
    where = ["--corpus", str(corpus), "--db", str(db)]
    output = tmp_path / "out.json"
    output.write_text("old\n", encoding="utf-8")
    built: list[int] = []
    rebuild = StoreIndex._rebuild

    def counted(self: StoreIndex) -> None:
        built.append(1)
        rebuild(self)

    monkeypatch.setattr(StoreIndex, "_rebuild", counted)
    assert main(["export", "-f", "json", "-o", str(output), "--force", *where]) == 0
    assert "middle" in output.read_text(encoding="utf-8")
    assert built == []
    assert main(["export", "-f", "json", "-o", str(corpus / "a.txt"), "--force", *where]) == 2
