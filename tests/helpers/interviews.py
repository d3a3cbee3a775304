"""An interview transcript and a note beside it, coded from the command line, for the
command-line tests of who said what."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from helpers.texts import text_corpus
from tui_reader.cli.main import main

NOTE = "The Pentagon decided, said no one in particular.\n"


def coded_corpus(
    tmp_path: Path, texts: dict[str, str], passages: Iterable[tuple[str, str, str]]
) -> list[str]:
    """``texts`` (file name -> text) in the corpus ``tmp_path/c``, each of ``passages``
    (document, quote, codes) coded with ``annotate``: the ``--db`` and ``--corpus`` options
    naming them."""
    corpus, db = text_corpus(tmp_path, dict(texts), "c")
    place = ["--db", db, "--corpus", str(corpus)]
    for name, quote, codes in passages:
        assert main(["annotate", name, "--quote", quote, "--tag", codes, *place]) == 0
    return place


def coded_interview(
    tmp_path: Path, transcript: str, passages: Iterable[tuple[str, str, str]]
) -> list[str]:
    """``transcript`` as ``carlos.txt`` and :data:`NOTE` as ``notes.txt`` in a corpus, each
    of ``passages`` (document, quote, codes) coded with ``annotate``: the ``--db`` and
    ``--corpus`` options naming them."""
    return coded_corpus(tmp_path, {"carlos.txt": transcript, "notes.txt": NOTE}, passages)
