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
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    encoded: str,
    run: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(corpus.parent / "db.json")
    monkeypatch.chdir(corpus)  # the paths printed are the names from here
    if run == 2:
        assert main(["search", "nothing-here", ".", "--db", db]) == 1
    word = unicodedata.normalize(encoded, "café")
    assert main(["search", word, ".", "--db", db, "--json"]) == 0
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
    assert main(["search", "-i", word, ".", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "composed.txt:2",
        "decomposed.md:3",  # its two hits: the line once, as grep prints it
        "decomposed.txt:2",
        "decomposed.txt:3",
    ]
    assert lines[2] == "decomposed.txt:2: " + DECOMPOSED.splitlines()[1]  # as the file has it
    assert main(["search", "-l", unicodedata.normalize(encoded, "México"), ".",
                 "--db", db]) == 0  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [  # paths, as grep -l prints them
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


def test_ignoring_case_folds_case_fully_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-i folds case fully (str.casefold): strasse finds Straße and STRASSE, file finds a
    typeset ligature's ﬁle, as the reader's / and autocode -i do; each hit is said where it
    lies, ß one character; the help says so.  Letter for letter, a reader of German or of a
    typeset PDF found half of what was there, and searched again (a second time, the texts
    from the pack)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "de.txt").write_text("STRAẞE\nStrasse\nstraße ﬁle\nnone\n", encoding="utf-8")
    (folder / "en.txt").write_text("A File and a STRASSE.\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    for query, expected in (
        ("strasse", [("de.txt", 1, "STRAẞE"), ("de.txt", 2, "Strasse"), ("de.txt", 3, "straße"),
                     ("en.txt", 1, "STRASSE")]),
        ("straße", [("de.txt", 1, "STRAẞE"), ("de.txt", 2, "Strasse"), ("de.txt", 3, "straße"),
                    ("en.txt", 1, "STRASSE")]),
        ("file", [("de.txt", 3, "ﬁle"), ("en.txt", 1, "File")]),
    ):  # fmt: skip
        for _ in range(2):
            assert main(["search", "-i", "--json", query, str(folder), "--db", db]) == 0
            records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
            found = sorted((r["document"], r["line"], r["match"]) for r in records)
            assert found == expected
            assert main(["search", "-il", query, str(folder), "--db", db]) == 0
            listed = sorted(capsys.readouterr().out.split())
            assert listed == sorted({f"{folder}/{d}" for d, _, _ in expected})
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "strasse finds Straße" in " ".join(capsys.readouterr().out.split())


def test_a_regular_expression_ignoring_case_folds_as_a_literal_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "street.txt").write_text("Die Straße ist lang.\nSTRASSE zwei\nein ﬁle\n")
    db = str(tmp_path / "db.json")
    for flags in (["-i"], ["-i", "-E"]):
        monkeypatch.chdir(tmp_path)  # the names printed are paths from here
        assert main(["search", *flags, "strasse", ".", "--db", db]) == 0
        assert capsys.readouterr().out == (
            "street.txt:1: Die Straße ist lang.\nstreet.txt:2: STRASSE zwei\n"
        )
        assert main(["search", *flags, "file", ".", "--db", db]) == 0
        assert capsys.readouterr().out == "street.txt:3: ein ﬁle\n"
