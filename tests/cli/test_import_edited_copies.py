"""A colleague's export made on their copy of a document that differs from ours (a typo
fixed, another OCR) is imported onto our document of that file name when ours holds their
passages, by the rule a merge follows: it was left an orphan on their path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

OURS = "The minister said the border would close on Monday, and later denied it.\n"
QUOTE = "the border would close on Monday"


def _their_export(tmp_path: Path, text: str, quote: str, fmt: str) -> tuple[Path, Path]:
    """Our corpus (a.txt holding OURS, coded already) and their export of ``fmt``, coding
    ``quote`` in their a.txt of ``text``, in a folder of their own."""
    corpus = tmp_path / "me" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(OURS, encoding="utf-8")
    mine = corpus.parent / "annotations.json"
    assert main(["annotate", str(corpus / "a.txt"), "--quote", "minister", "-t", "actor",
                 "--db", str(mine), "--corpus", str(corpus)]) == 0  # fmt: skip
    texts = tmp_path / "them" / "texts"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text(text, encoding="utf-8")
    theirs = tmp_path / "them" / "them.json"
    assert main(["annotate", str(texts / "a.txt"), "--quote", quote, "-t", "policy",
                 "--db", str(theirs), "--corpus", str(texts)]) == 0  # fmt: skip
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
