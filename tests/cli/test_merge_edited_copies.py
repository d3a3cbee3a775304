"""A colleague's coding of their copy of a document that differs from ours (a typo fixed, another
OCR) merges onto our document of that file name when ours holds their passages: it was left an
orphan on their path, "no document here with the text of 1 of theirs"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.colleagues import OURS, QUOTE, their_copy

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def _merged(corpus: Path, theirs: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    mine = corpus.parent / "annotations.json"
    capsys.readouterr()
    assert main(["merge", str(theirs), "--db", str(mine), "--corpus", str(corpus)]) == 0
    return capsys.readouterr().err, mine


def test_their_passages_on_their_copy_of_our_document_come_onto_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, theirs = their_copy(tmp_path, OURS.replace("it.", "it!"))
    err, mine = _merged(corpus, theirs, capsys)
    assert "no document here" not in err, err
    with AnnotationStore(mine, read_only=True) as store:
        [annotation] = store.annotations()
    assert annotation.document == "corpus/a.txt" and annotation.quote == QUOTE


def test_a_document_of_their_file_name_that_does_not_hold_their_passages_is_not_theirs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "A report on rivers: the minister said the border would close on Monday.\n"
    corpus, theirs = their_copy(tmp_path, other, "A report on rivers: the minister")
    err, mine = _merged(corpus, theirs, capsys)
    assert "no document here with the text of 1 of theirs" in err
    with AnnotationStore(mine, read_only=True) as store:
        [annotation] = store.annotations()
    assert annotation.document == "../them/texts/a.txt"


def test_merging_again_after_we_fixed_a_word_in_their_passage_doubles_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their passage came onto our document (the same text then); we fixed a word inside it
    and merged their database again: their copy, unchanged, was no document here, so their
    passage, under the id ours has, was "another passage", kept again as a new annotation:
    an orphan on their path, the one coding counted twice."""
    corpus, theirs = their_copy(tmp_path, OURS)
    err, mine = _merged(corpus, theirs, capsys)
    assert "1 new" in err
    (corpus / "a.txt").write_text(OURS.replace("would close", "will close"), encoding="utf-8")
    err, mine = _merged(corpus, theirs, capsys)
    assert "another passage" not in err and "no document here" not in err, err
    assert "0 new" in err
    with AnnotationStore(mine, read_only=True) as store:
        [annotation] = store.annotations()
    assert annotation.document == "corpus/a.txt"


def test_of_two_files_here_of_their_text_the_one_of_their_file_name_takes_their_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our a.txt and its backup (0-backup.txt, the same text) both hold the text of their
    a.txt: their passages went onto the backup, listed first."""
    corpus, theirs = their_copy(tmp_path, OURS)
    (corpus / "0-backup.txt").write_text(OURS, encoding="utf-8")
    _err, mine = _merged(corpus, theirs, capsys)
    with AnnotationStore(mine, read_only=True) as store:
        [annotation] = store.annotations()
    assert annotation.document == "corpus/a.txt" and annotation.quote == QUOTE


def test_their_copy_with_its_accents_written_otherwise_is_our_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their copy of our document writes its accents as one code point (é), ours, saved on a
    Mac, each apart (e and U+0301): the same text, letter for letter, but their passages were
    left orphans on their path, "no document here with the text of 1 of theirs"."""
    import unicodedata

    text = "Le café de Zoë à Séville fermait tard, et la réunion a duré longtemps.\n"
    quote = "café de Zoë à Séville fermait"
    corpus, theirs = their_copy(tmp_path, unicodedata.normalize("NFC", text), quote)
    (corpus / "a.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    err, mine = _merged(corpus, theirs, capsys)
    assert "no document here" not in err, err
    assert main(["export", "-f", "json", "--db", str(mine), "--corpus", str(corpus)]) == 0
    [annotation] = json.loads(capsys.readouterr().out)
    assert annotation["document"] == "corpus/a.txt" and annotation["status"] == "anchored"
    assert annotation["quote"] == unicodedata.normalize("NFD", quote)


def test_a_dry_run_says_a_passage_placed_again_here_is_unchanged_not_ours_newer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their passage came onto our document; we fixed a word inside it, which placed ours
    again and changed nothing else: a dry run of the same merge listed it as "ours newer,
    theirs not taken" beside the same time on both sides."""
    corpus, theirs = their_copy(tmp_path, OURS)
    _merged(corpus, theirs, capsys)
    (corpus / "a.txt").write_text(OURS.replace("would close", "will close"), encoding="utf-8")
    mine = corpus.parent / "annotations.json"
    assert main(["export", "-f", "json", "--db", str(mine), "--corpus", str(corpus),
                 "-o", str(tmp_path / "out.json")]) == 0  # fmt: skip
    with AnnotationStore(mine, read_only=True) as store:  # placed again, and saved so
        assert [a.quote for a in store.annotations()] == [QUOTE.replace("would", "will")]
    capsys.readouterr()
    assert main(["merge", str(theirs), "--db", str(mine), "--corpus", str(corpus),
                 "--dry-run"]) == 0  # fmt: skip
    out, err = capsys.readouterr()
    assert out == ""  # nothing would change
    assert "0 older than ours" in err and "1 unchanged" in err, err
