"""`tui-reader search` finds an accented word however a file encodes its accent (``é`` as one
code point, or ``e`` and a combining accent, as PDFs and files from a Mac write it), and says
each hit where it lies in the document's own text: its line, offsets, match and context."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.documents.document import load_document

COMPOSED = "Intro\nEl café de México.\n"
DECOMPOSED = unicodedata.normalize("NFD", "Intro line\nLa Café de Mexico y México.\nun café\n")


NAMES = ("composed.txt", "decomposed.md", "decomposed.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "composed.txt").write_text(COMPOSED, encoding="utf-8")
    (folder / "decomposed.txt").write_text(DECOMPOSED, encoding="utf-8")
    (folder / "decomposed.md").write_text("# Notas\n\n" + DECOMPOSED, encoding="utf-8")
    return folder


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
@pytest.mark.parametrize("encoded", ["NFC", "NFD"])
def test_a_word_matches_however_its_accent_is_encoded(
    corpus: Path, capsys: pytest.CaptureFixture[str], encoded: str, run: int
) -> None:
    db = str(corpus.parent / "db.json")
    if run == 2:
        assert main(["search", "nothing-here", str(corpus), "--db", db]) == 1
    word = unicodedata.normalize(encoded, "café")
    assert main(["search", word, str(corpus), "--db", db, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    texts = {name: load_document(corpus / name).text for name in NAMES}
    assert [(r["document"], r["line"]) for r in records] == [
        ("composed.txt", 2),
        ("decomposed.md", 3),  # a Markdown paragraph is one line of its text
        ("decomposed.txt", 3),
    ]
    for record in records:  # true to the document's own text
        text = texts[record["document"]]
        assert text[record["start"] : record["end"]] == record["match"]
        assert unicodedata.normalize("NFC", record["match"]) == "café"
        assert record["context"].lstrip("…").rstrip("…") in text
    assert main(["search", "-i", word, str(corpus), "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "composed.txt:2",
        "decomposed.md:3",  # its two hits: the line once, as grep prints it
        "decomposed.txt:2",
        "decomposed.txt:3",
    ]
    assert lines[2] == "decomposed.txt:2: " + DECOMPOSED.splitlines()[1]  # as the file has it
    assert main(["search", "-l", unicodedata.normalize(encoded, "México"), str(corpus),
                 "--db", db]) == 0  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        "composed.txt",
        "decomposed.md",
        "decomposed.txt",
    ]


def test_a_regex_matches_the_composed_text(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(corpus.parent / "db.json")
    # "." is one letter with its accent, however encoded; the hit takes the accent with it
    assert main(["search", "--regex", r"caf.\b", str(corpus / "decomposed.txt"), "--db", db,
                 "--json"]) == 0  # fmt: skip
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["match"] == "cafe\u0301" and record["line"] == 3
    assert DECOMPOSED[record["start"] : record["end"]] == "cafe\u0301"
    # the composed form holds no "cafe" in "café": a word without its accent is another word
    assert main(["search", "cafe", str(corpus), "--db", db]) == 1
    assert main(["search", "-l", "cafe", str(corpus), "--db", db]) == 1


def test_ignoring_case_takes_each_letter_for_its_other_case_as_grep_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-i folds letter for letter, as grep and rg: ß is ẞ, not ss; the help says so, and how
    to find both spellings, since nothing told a reader of German why Strasse was not found."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "de.txt").write_text("STRAẞE\nStrasse\nstraße\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    assert main(["search", "-i", "--json", "straße", str(folder), "--db", db]) == 0
    assert [json.loads(line)["line"] for line in capsys.readouterr().out.splitlines()] == [1, 3]
    assert main(["search", "-i", "--regex", "--json", "stra(ß|ss)e", str(folder), "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "straße finds STRAẞE, not Strasse" in " ".join(capsys.readouterr().out.split())
