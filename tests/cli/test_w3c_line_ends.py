"""Another tool's W3C positions on a file saved with Windows line ends (CRLF)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.cli.main import main

_TEXT = "First line here\r\nSecond line there 😀 and\r\nThird line with words\r\n"


def _imported(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    text: str,
    passages: list[str],
    counted: Callable[[int], int],
) -> list[tuple[str, int, str]]:
    """``passages`` of ``text`` (a file of the corpus) imported as another tool's targets
    placed by their positions alone (``counted``: a place of the file's characters in the
    tool's count): each passage's quote, start and status as imported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "p01.txt").write_bytes(text.encode("utf-8"))
    items = [
        {
            "type": "Annotation",
            "id": f"urn:x:{n}",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "place"},
            "target": {
                "source": "file:///home/ben/p01.txt",
                "selector": {
                    "type": "TextPositionSelector",
                    "start": counted(text.index(words)),
                    "end": counted(text.index(words) + len(words)),
                },
            },
        }
        for n, words in enumerate(passages)
    ]
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(items), encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus)]) == 0
    main(["export", str(corpus), "--db", str(db), "-f", "json"])
    records = json.loads(capsys.readouterr().out)
    return sorted((r["quote"], r["start"], r["status"]) for r in records)


@pytest.mark.parametrize("units", [False, True], ids=["code points", "utf-16 units"])
def test_a_position_that_counts_each_carriage_return_is_placed_on_its_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, units: bool
) -> None:
    """A tool that reads the file as it is counts each line end as two characters (CR and
    LF), a browser's an emoji as two besides: a target placed by its position alone came
    in a character further on for each line end before it ('econd line ' for 'Second line')
    without a word, or was refused as past the text's end.  It is placed on its words."""

    def counted(n: int) -> int:
        return len(_TEXT[:n].encode("utf-16-le")) // 2 if units else n

    passages = ["Second line", "and", "words"]
    text = _TEXT.replace("\r\n", "\n")
    placed = _imported(capsys, tmp_path, _TEXT, passages, counted)
    assert placed == sorted((w, text.index(w), "anchored") for w in passages)


def test_a_passage_whose_shifted_place_is_on_words_too_is_read_as_its_documents_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A line's shift may land a passage on other words as well ('line 12 has', counted
    with the 12 line ends before it, read as it is: 'some words '): read so, it was placed
    there.  The passages of one document vote: such a one is read in the count its
    document's others are."""
    lines = [f"line {n} has some words in it" for n in range(60)]
    raw = "\r\n".join(lines) + "\r\n"
    text = raw.replace("\r\n", "\n")
    passages = [f"line {n} has" for n in range(60)]
    assert text[raw.index("line 12 has") :][:11] == "some words "  # on words as it is
    placed = _imported(capsys, tmp_path, raw, passages, lambda n: n)
    assert placed == sorted((w, text.index(w), "anchored") for w in passages)


@pytest.mark.parametrize(
    "other_break", ["\x0c", "\r"], ids=["form feed (pdftotext -eol dos)", "lone CR"]
)
def test_a_position_counting_carriage_returns_in_a_file_with_other_breaks_is_placed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, other_break: str
) -> None:
    """A file with Windows line ends and another break besides, one character in the file
    as in the text (a form feed ending a page, as pdftotext writes for Windows; a lone CR):
    the file was not taken as the text with its line ends changed, and the passages after
    a line end came in cutting words ('ore words ') or were refused as past the end."""
    raw = f"Page one line\r\nmore words here\r\n{other_break}Page two starts\r\nlast words\r\n"
    text = raw.replace("\r\n", "\n").replace(other_break, "\n")
    passages = ["more words", "Page two", "last words"]
    placed = _imported(capsys, tmp_path, raw, passages, lambda n: n)
    assert placed == sorted((w, text.index(w), "anchored") for w in passages)
