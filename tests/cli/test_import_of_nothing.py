"""A file that holds nothing to import makes no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main

_NOTHING = {
    "list.json": "[]",
    "page.jsonld": json.dumps({"type": "AnnotationPage", "items": []}),
    "project.json": json.dumps({"codebook": [], "memos": [], "attributes": {}, "annotations": []}),
    "highlights.csv": "id,document,tag,content\r\n",
}


@pytest.mark.parametrize(
    ("command", "name"),
    [("import", name) for name in _NOTHING]
    + [("merge", name) for name in _NOTHING if not name.endswith(".csv")],  # (no CSV merged)
)
def test_a_file_of_nothing_makes_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    """Importing an empty list (or page, project, Taguette CSV) made a database and the four
    files beside it, 'made a new database', for nothing: nothing to import makes nothing."""
    given = tmp_path / "in" / name
    given.parent.mkdir()
    given.write_text(_NOTHING[name], encoding="utf-8")
    db = tmp_path / "db" / "annotations.json"
    db.parent.mkdir()
    status = main([command, str(given), "--db", str(db), "--corpus", str(db.parent)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "made a new database" not in err and list(db.parent.iterdir()) == [], err
