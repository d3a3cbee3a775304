"""Our CSV export, edited in a spreadsheet and imported again, where one coder put two codes
on one passage apart (two annotations at one place): each row found its annotation by the
place alone, both took one id, and one row was lost (counted nowhere) or, its row coming
last, put its code on the other annotation, whose own code was gone."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("first line\nthe middle line\nlast line\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    for tag in ("hope", "fear"):
        args = ["annotate", "a.txt", "--quote", "middle", "--tag", tag, "--coder", "ana"]
        assert main([*args, "--corpus", str(corpus), "--db", str(db)]) == 0
    return corpus, db


def _codes(db: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    with AnnotationStore(db, read_only=True) as store:
        return {a.id: (a.tags, a.note) for a in store.annotations()}


@pytest.mark.parametrize("order", ["as exported", "reversed"])
def test_a_csv_with_two_codes_on_one_passage_imports_each_on_its_own(
    project: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    order: str,
) -> None:
    corpus, db = project
    where = ["--corpus", str(corpus), "--db", str(db)]
    before = _codes(db)
    table = tmp_path / "codes.csv"
    assert main(["export", "--format", "csv", "-o", str(table), *where]) == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert sorted(r["tag"] for r in rows) == ["fear", "hope"]
    for row in rows:
        if row["tag"] == "fear":
            row["note"] = "said twice"  # fear's note, written in the spreadsheet
    if order == "reversed":
        rows.reverse()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    table.write_text(out.getvalue(), encoding="utf-8")
    later = time.time() + 120  # edited after the coding (not in the same second)
    os.utime(table, (later, later))
    capsys.readouterr()
    assert main(["import", str(table), *where, "--coder", "ana"]) == 0
    err = capsys.readouterr().err
    assert "imported 2 annotations" in err and "1 updated, 1 unchanged" in err
    after = _codes(db)
    assert after.keys() == before.keys()
    assert sorted(after.values()) == [(("fear",), "said twice"), (("hope",), "")]
    for key, (tags, _) in before.items():  # each annotation kept its own code
        assert after[key][0] == tags
