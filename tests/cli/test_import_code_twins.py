"""A CSV tag cell typed in a third case (``ANGER``) where the database has two codes that
differ only by case (``Anger`` and ``anger``): each passage of ours keeps the code it carries,
nothing shows as updated, and a line names the cell's code and both of ours."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The army moved to the border. People were angry.\n"


def test_a_code_in_a_third_case_keeps_each_passage_on_its_own_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    with AnnotationStore(db) as store:
        store.add(make_annotation("corpus/a.txt", TEXT, 4, 8, sha, ("Anger",)))
        store.add(make_annotation("corpus/a.txt", TEXT, 30, 36, sha, ("anger",)))
    common = ["--db", str(db), "--corpus", str(corpus)]
    out = tmp_path / "out.csv"
    assert main(["export", "-f", "csv", "-o", str(out), *common]) == 0
    edited = tmp_path / "edited.csv"
    text = out.read_text(encoding="utf-8-sig")
    edited.write_text(text.replace(",Anger,", ",ANGER,").replace(",anger,", ",ANGER,"))
    capsys.readouterr()

    assert main(["import", str(edited), *common]) == 0
    err = capsys.readouterr().err
    assert "0 updated" in err and "2 unchanged" in err, err
    assert "'ANGER' is 'Anger' and 'anger' here but for case" in err, err
    with AnnotationStore(db, read_only=True) as store:
        assert sorted(a.tags for a in store.annotations()) == [("Anger",), ("anger",)]
