"""An interview transcript and a note beside it, coded from the command line, for the
command-line tests of who said what."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui_reader.cli.main import main

NOTE = "The Pentagon decided, said no one in particular.\n"


def coded_interview(
    tmp_path: Path, transcript: str, passages: Iterable[tuple[str, str, str]]
) -> list[str]:
    """``transcript`` as ``carlos.txt`` and :data:`NOTE` as ``notes.txt`` in a corpus, each
    of ``passages`` (document, quote, codes) coded with ``annotate``: the ``--db`` and
    ``--corpus`` options naming them."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "carlos.txt").write_text(transcript, "utf-8")
    (corpus / "notes.txt").write_text(NOTE)
    place = ["--db", str(tmp_path / "db.json"), "--corpus", str(corpus)]
    for name, quote, codes in passages:
        assert main(["annotate", name, "--quote", quote, "--tag", codes, *place]) == 0
    return place
