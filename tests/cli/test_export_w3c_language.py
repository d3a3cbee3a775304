"""The W3C export's targets say what is known of their documents: the format of the file
(its media type) and the language a book says it is in, as the model says a target SHOULD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.format_fixtures import make_epub
from helpers.w3c_suite import should_failures, suite_failures

from tui_reader.cli.main import main


def test_a_books_target_says_its_language_and_a_texts_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A book's language (an EPUB's dc:language, "EN-GB") was known and said nowhere in the
    W3C export; its target says it now, as a tag the model takes ("en-GB"), which the test
    suite's should of a target's single language passes; a plain text says none."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_epub(corpus / "book.epub", [("One", "The army moved to the border.")], language="EN-GB")
    (corpus / "notes.txt").write_text("The army stayed a year.\n", encoding="utf-8")
    at = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for name in ("book.epub", "notes.txt"):
        assert main(["annotate", *at, name, "--quote", "army", "--tag", "t"]) == 0
    capsys.readouterr()
    assert main(["export", *at, "-f", "w3c"]) == 0
    exported = json.loads(capsys.readouterr().out)
    targets = {item["documentKey"]: item["target"] for item in exported["first"]["items"]}
    assert targets["corpus/book.epub"]["language"] == "en-GB"
    assert targets["corpus/book.epub"]["format"] == "application/epub+zip"
    assert "language" not in targets["corpus/notes.txt"]
    [book] = [i for i in exported["first"]["items"] if i["documentKey"] == "corpus/book.epub"]
    standalone = {"@context": exported["@context"], **book}
    assert (
        should_failures(["annotations/bodiesTargets/3.2.1-targSingleLanguage.json"], standalone)
        == []
    )
    assert suite_failures("annotations/annotationMusts.test", standalone) == []
