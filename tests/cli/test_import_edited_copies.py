"""A colleague's export made on their copy of a document that differs from ours (a typo
fixed, another OCR) is imported onto our document of that file name when ours holds their
passages, by the rule a merge follows: it was left an orphan on their path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.colleagues import OURS, QUOTE, their_copy

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def _their_export(tmp_path: Path, text: str, quote: str, fmt: str) -> tuple[Path, Path]:
    """Our corpus (a.txt holding OURS, coded already) and their export of ``fmt``, coding
    ``quote`` in their a.txt of ``text``, in a folder of their own."""
    corpus, theirs = their_copy(tmp_path, text, quote, ours_coded=True)
    texts = theirs.parent / "texts"
    exported = tmp_path / "them" / f"export.{fmt}"
    assert main(["export", str(texts), "--db", str(theirs), "-f", fmt, "-o", str(exported)]) == 0
    return corpus, exported


def _imported(corpus: Path, exported: Path) -> dict[str, str]:
    mine = corpus.parent / "annotations.json"
    assert main(["import", str(exported), "--db", str(mine), "--corpus", str(corpus)]) == 0
    with AnnotationStore(mine, read_only=True) as store:
        return {a.quote: a.document for a in store.annotations()}


@pytest.mark.parametrize("fmt", ["json", "w3c", "project"])
def test_their_passages_on_their_copy_of_our_document_come_onto_ours(
    tmp_path: Path, fmt: str
) -> None:
    corpus, exported = _their_export(tmp_path, OURS.replace("it.", "it!"), QUOTE, fmt)
    assert _imported(corpus, exported) == {"minister": "corpus/a.txt", QUOTE: "corpus/a.txt"}


def test_a_document_of_their_file_name_that_does_not_hold_their_passages_is_not_theirs(
    tmp_path: Path,
) -> None:
    other = "A report on rivers: the minister said the border would close on Monday.\n"
    quote = "A report on rivers: the minister"
    corpus, exported = _their_export(tmp_path, other, quote, "json")
    assert _imported(corpus, exported)[quote] != "corpus/a.txt"


def test_importing_again_after_we_fixed_a_word_in_their_passage_doubles_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their passage came onto our document by an import; we fixed a word inside it, the
    passage was placed again on our text, and we imported their export again: the passage,
    changed by nobody since (the same time on both sides), was "changed on both sides", and
    theirs was kept beside ours, the one coding twice on our document."""
    corpus, exported = _their_export(tmp_path, OURS, QUOTE, "project")
    _imported(corpus, exported)
    mine = corpus.parent / "annotations.json"
    # theirs found on ours by its text, and kept there
    assert main(["export", str(corpus), "--db", str(mine), "-o", os.devnull]) == 0
    (corpus / "a.txt").write_text(OURS.replace("would close", "will close"), encoding="utf-8")
    assert main(["export", str(corpus), "--db", str(mine), "-o", os.devnull]) == 0  # placed again
    capsys.readouterr()
    fixed = QUOTE.replace("would close", "will close")
    assert _imported(corpus, exported) == {"minister": "corpus/a.txt", fixed: "corpus/a.txt"}
    assert "changed on both sides, ours kept" not in capsys.readouterr().err


def test_importing_again_after_we_fixed_a_word_before_any_export_refuses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their texts matched ours: their passages were kept on their path, placed on our
    document by its text only when read (no export saved that yet). We fixed a word in
    their passage and imported their export again: it was refused whole, "id ... is an
    annotation on 'texts/a.txt', not on 'corpus/a.txt'"."""
    corpus, exported = _their_export(tmp_path, OURS, QUOTE, "project")
    _imported(corpus, exported)
    (corpus / "a.txt").write_text(OURS.replace("would close", "will close"), encoding="utf-8")
    capsys.readouterr()
    assert _imported(corpus, exported) == {"minister": "corpus/a.txt", QUOTE: "corpus/a.txt"}
    err = capsys.readouterr().err
    assert "is an annotation on" not in err and "changed on both sides, ours kept" not in err
    assert "1 unchanged" in err


def test_their_passages_on_our_text_are_ours_at_once_and_no_orphans_after_we_fix_a_word(
    tmp_path: Path,
) -> None:
    """Their texts matched ours: their passages were kept under their path, to be placed on
    ours when read; we fixed a word in one before anything read them, and they were orphans
    for good (no text of their hash left, our document annotated already)."""
    corpus, exported = _their_export(tmp_path, OURS, QUOTE, "json")
    assert _imported(corpus, exported) == {"minister": "corpus/a.txt", QUOTE: "corpus/a.txt"}
    (corpus / "a.txt").write_text(OURS.replace("would close", "will close"), encoding="utf-8")
    mine = corpus.parent / "annotations.json"
    table = tmp_path / "passages.csv"
    assert main(["export", str(corpus), "--db", str(mine), "-f", "csv", "-o", str(table)]) == 0
    assert ",orphan," not in table.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", ["json", "project"])
def test_of_two_files_here_of_their_text_the_one_of_their_file_name_takes_their_passages(
    tmp_path: Path, fmt: str
) -> None:
    """Our a.txt and its backup (0-backup.txt, the same text) both matched their a.txt:
    their passages were kept under their path, to be placed on whichever file was read
    first (the backup, listed first), and went with their attributes to it; a word fixed
    in a.txt before that, and they went to the backup for good."""
    corpus, theirs = their_copy(tmp_path, OURS, QUOTE)
    (corpus / "0-backup.txt").write_text(OURS, encoding="utf-8")
    texts = theirs.parent / "texts"
    assert (
        main(["attr", "set", "a.txt", "wave=2", "--db", str(theirs), "--corpus", str(texts)]) == 0
    )
    exported = tmp_path / "them" / f"export.{fmt}"
    assert main(["export", str(texts), "--db", str(theirs), "-f", fmt, "-o", str(exported)]) == 0
    assert _imported(corpus, exported) == {QUOTE: "corpus/a.txt"}
    if fmt == "project":
        with AnnotationStore(corpus.parent / "annotations.json", read_only=True) as store:
            assert store.attributes() == {"corpus/a.txt": {"wave": 2}}
