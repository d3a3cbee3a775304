"""``tui-reader import`` of times given with an offset (``09:30:00+01:00``, as Recogito or a
script writes them): kept as tui-reader keeps its own, in UTC with ``Z``, so that passages are
ordered by when they were made and every export writes the same time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def _w3c(items: list[dict[str, object]]) -> str:
    return json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": items},
        }
    )


def _item(ident: str, created: str, tag: str) -> dict[str, object]:
    return {
        "id": f"urn:uuid:{ident}",
        "type": "Annotation",
        "created": created,
        "modified": created,
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": tag}],
        "target": {
            "source": "interview.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "The army moved"},
        },
    }


def test_times_with_an_offset_are_kept_in_utc_ordered_and_found_unchanged_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "interview.txt").write_text("The army moved north at dawn.\n", encoding="utf-8")
    given = tmp_path / "theirs.json"
    # made at 08:30 UTC (written in Paris' time), then one at 09:00 UTC: as text, the later
    # "09:00:00Z" sorts before "09:30:00+01:00"
    given.write_text(
        _w3c(
            [
                _item("22222222-2222-4222-8222-222222222222", "2020-02-28T09:00:00Z", "later"),
                _item("11111111-1111-4111-8111-111111111111", "2020-02-28T09:30:00+01:00", "first"),
            ]
        ),
        encoding="utf-8",
    )
    db = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    assert main(["import", str(given), *db]) == 0
    capsys.readouterr()
    assert main(["export", *db, "-f", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["tags"], r["created"], r["updated"]) for r in records] == [
        (["first"], "2020-02-28T08:30:00Z", "2020-02-28T08:30:00Z"),
        (["later"], "2020-02-28T09:00:00Z", "2020-02-28T09:00:00Z"),
    ]
    assert main(["export", *db, "-f", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",")[2] for row in rows] == ["first", "later"]
    # the W3C export, imported back, is what the database holds
    out = tmp_path / "out.w3c.json"
    assert main(["export", *db, "-f", "w3c", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", str(out), *db]) == 0
    err = capsys.readouterr().err
    assert "0 new, 0 updated, 2 unchanged" in err, err
