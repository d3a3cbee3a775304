"""A corpus of small text files for command-line tests."""

from __future__ import annotations

from pathlib import Path


def text_corpus(tmp_path: Path, texts: dict[str, str]) -> tuple[Path, str]:
    """The folder ``tmp_path/corpus`` holding ``texts`` (file name -> text), and the path of a
    database beside it (not created)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text)
    return corpus, str(tmp_path / "db.json")
