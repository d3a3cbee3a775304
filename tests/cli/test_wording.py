"""Messages count in good English: "1 passage matches", "2 passages match", "wrote 1
annotation", "on 1 annotation", "attributes of 1 document"."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.wording import agreeing, counted, plural


def test_counted_nouns_and_agreeing_verbs() -> None:
    assert counted(1, "passage") == "1 passage"
    assert counted(0, "passage") == "0 passages"
    assert counted(1234, "match") == "1,234 matches"
    assert counted(2, "entry") == "2 entries" and counted(2, "day") == "2 days"
    assert counted(2, "person", "people") == "2 people"
    assert plural("box") == "boxes" and plural("coder") == "coders"
    assert agreeing(1, "matches", "match") == "matches"
    assert agreeing(3, "matches", "match") == "match"


def test_the_commands_count_one_thing_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = text_corpus(tmp_path, {"a.txt": "The army moved. The navy patrolled.\n"})
    where = ["--corpus", str(corpus), "--db", db]
    doc = str(corpus / "a.txt")
    main(["annotate", doc, "--quote", "army moved", "--tag", "militarization", "--db", db])
    capsys.readouterr()
    assert main(["query", "militarization", *where]) == 0
    assert capsys.readouterr().err.strip() == "tui-reader: 1 passage matches"
    main(["annotate", doc, "--quote", "navy patrolled", "--tag", "militarization", "--db", db])
    capsys.readouterr()
    assert main(["query", "militarization", *where]) == 0
    assert capsys.readouterr().err.strip() == "tui-reader: 2 passages match"
    assert main(["query", "nothing", *where]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "tui-reader: no code 'nothing' in the codebook",
        "tui-reader: 0 passages match",
    ]
    out = tmp_path / "out.json"
    # x is no code: no result (1), its export of nothing written
    assert main(["export", str(corpus), "--db", db, "--format", "json", "--tag", "x", "-o",
                 str(out)]) == 1  # fmt: skip
    assert "wrote 0 annotations" in capsys.readouterr().err
    main(["annotate", doc, "--quote", "The army", "--tag", "solo", "--db", db])
    capsys.readouterr()
    assert main(["tags", "rename", "solo", "alone", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "renamed 'solo' to 'alone' on 1 annotation"
    table = tmp_path / "attrs.csv"
    table.write_text("document,country\na.txt,Mexico\n")
    assert main(["attr", "import", str(table), *where]) == 0
    assert "attributes of 1 document set from" in capsys.readouterr().err
