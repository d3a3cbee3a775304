"""A corpus is a folder of documents; this lists its files in a stable, natural order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.documents.document import format_of


@dataclass(frozen=True)
class CorpusFile:
    """One file below the corpus folder.  ``format`` is ``None`` for unsupported types."""

    path: Path
    rel: str  # relative to the corpus folder, POSIX separators
    format: str | None


def _natural_key(rel: str) -> list[object]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", rel)]


def list_corpus_files(root: Path, exclude: Iterable[Path] = ()) -> list[CorpusFile]:
    """Every non-hidden file below ``root`` (recursively), in natural order of its relative
    path.  ``exclude`` names files to leave out (the database and its sidecars)."""
    root = root.resolve()
    skip = {Path(p).resolve() for p in exclude}
    found: list[CorpusFile] = []
    for path in root.rglob("*"):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(".") or part == "__pycache__" for part in rel_parts):
            continue
        if not path.is_file() or path.resolve() in skip:
            continue
        rel = "/".join(rel_parts)
        found.append(CorpusFile(path=path, rel=rel, format=format_of(path)))
    found.sort(key=lambda f: _natural_key(f.rel))
    return found
