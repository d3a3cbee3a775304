"""Where a colleague's document that is in no folder here is kept: in the corpus named.

Their keys are relative to their database's folder (``missing.txt``), and read as ours they
named a file beside our database, where no command reads a file once a corpus is named: a
passage of an interview not here yet stayed an orphan once its file was put in the corpus
and coded here (one with no hash of its text to find it by: a CSV's, another tool's W3C
annotation), and the user was told to put the file beside the database.  ``import`` and
``merge`` (the command and the app's dialog) keep such a document in the corpus under the
name the file gives it, by the one rule here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from tui_reader.locations import document_key, real_path


def in_the_corpus(
    corpus: Path, db: Path, documents: Iterable[str], ours: Iterable[str]
) -> dict[str, str]:
    """The documents of ``documents`` (keys of the database at ``db``) that are no file here
    and lie outside the folder ``corpus``, each with its key in that folder under the name
    the file gives it, its leading ``../`` taken off (``../c/missing.txt``).  None for a
    document ``ours`` has passages on already, nor when a file is at that name in the corpus
    (another text, which was not taken for theirs)."""
    inside = os.path.join(corpus, "")
    folder = real_path(db).parent
    moved: dict[str, str] = {}
    known: set[str] | None = None
    for key in set(documents):
        if os.path.normpath(folder / key).startswith(inside) or a_file(folder / key):
            continue
        parts = [p for p in PurePosixPath(key.replace("\\", "/")).parts if p not in ("..", ".")]
        if not parts or a_file(corpus.joinpath(*parts)):
            continue
        known = set(ours) if known is None else known
        if key not in known:
            moved[key] = document_key(corpus.joinpath(*parts), db)
    return moved


def a_file(path: Path) -> bool:
    """Whether ``path`` is a file (one in a folder that cannot be looked into is not)."""
    try:
        return path.is_file()
    except OSError:
        return False
