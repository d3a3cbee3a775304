"""A colleague's coding of their own copy of a document we hold too: our corpus beside their
folder and database, for the tests of merge and import onto our copies."""

from __future__ import annotations

from pathlib import Path

from tui_reader.cli.main import main

OURS = "The minister said the border would close on Monday, and later denied it.\n"
QUOTE = "the border would close on Monday"


def their_copy(
    tmp_path: Path, text: str, quote: str = QUOTE, *, ours_coded: bool = False
) -> tuple[Path, Path]:
    """Our corpus (a.txt holding OURS; "minister" coded ``actor`` in our database beside it
    when ``ours_coded``) and their database, coding ``quote`` as ``policy`` in their a.txt of
    ``text``, in their folder (``them/texts``)."""
    corpus = tmp_path / "me" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(OURS, encoding="utf-8")
    if ours_coded:
        mine = corpus.parent / "annotations.json"
        assert main(["annotate", str(corpus / "a.txt"), "--quote", "minister", "-t", "actor",
                     "--db", str(mine), "--corpus", str(corpus)]) == 0  # fmt: skip
    texts = tmp_path / "them" / "texts"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text(text, encoding="utf-8")
    theirs = tmp_path / "them" / "them.json"
    assert main(["annotate", str(texts / "a.txt"), "--quote", quote, "-t", "policy",
                 "--db", str(theirs), "--corpus", str(texts)]) == 0  # fmt: skip
    return corpus, theirs
