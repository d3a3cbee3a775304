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


INTERVIEW = "The shelter opened in May. People came from the north.\n"


def their_interview_export(tmp_path: Path, fmt: str, out: Path, *, site: bool = True) -> Path:
    """A colleague's database beside their corpus (``tmp_path/theirs``), "shelter" of their
    interview.txt (INTERVIEW) coded ``place``, the interview's attribute ``site=North`` set
    when ``site``, exported in ``fmt`` to ``out``; gives ``out``."""
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "interview.txt").write_text(INTERVIEW, "utf-8")
    at = ["--db", str(theirs / "annotations.json"), "--corpus", str(theirs)]
    assert main(["annotate", *at, "interview.txt", "--quote", "shelter", "--tag", "place"]) == 0
    if site:
        assert main(["attr", "set", *at, "interview.txt", "site=North"]) == 0
    assert main(["export", *at, "-f", fmt, "-o", str(out)]) == 0
    return out


def our_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Our corpus ``tmp_path/c`` (a.txt only) and our database ``tmp_path/db/ours.json``, in
    a folder of its own, apart from the corpus."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A first text here.\n", "utf-8")
    db = tmp_path / "db" / "ours.json"
    db.parent.mkdir()
    return corpus, db
