"""Another tool's W3C positions on a file saved with Windows line ends (CRLF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main

_TEXT = "First line here\r\nSecond line there 😀 and\r\nThird line with words\r\n"


@pytest.mark.parametrize("units", [False, True], ids=["code points", "utf-16 units"])
def test_a_position_that_counts_each_carriage_return_is_placed_on_its_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], units: bool
) -> None:
    """A tool that reads the file as it is counts each line end as two characters (CR and
    LF), a browser's an emoji as two besides: a target placed by its position alone came
    in a character further on for each line end before it ('econd line ' for 'Second line')
    without a word, or was refused as past the text's end.  It is placed on its words."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "p01.txt").write_bytes(_TEXT.encode("utf-8"))

    def counted(n: int) -> int:
        return len(_TEXT[:n].encode("utf-16-le")) // 2 if units else n

    passages = ["Second line", "and", "words"]
    items = [
        {
            "type": "Annotation",
            "id": f"urn:x:{n}",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "place"},
            "target": {
                "source": "file:///home/ben/p01.txt",
                "selector": {
                    "type": "TextPositionSelector",
                    "start": counted(_TEXT.index(words)),
                    "end": counted(_TEXT.index(words) + len(words)),
                },
            },
        }
        for n, words in enumerate(passages)
    ]
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(items), encoding="utf-8")
    db = tmp_path / "annotations.json"
    status = main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus)])
    assert status == 0, capsys.readouterr().err
    capsys.readouterr()
    main(["export", str(corpus), "--db", str(db), "-f", "json"])
    records = json.loads(capsys.readouterr().out)
    text = _TEXT.replace("\r\n", "\n")
    placed = sorted((r["quote"], r["start"], r["status"]) for r in records)
    assert placed == sorted((w, text.index(w), "anchored") for w in passages)
