"""What the export dialog (``E``) was last asked for on a project, kept for the app's next start:
a researcher exporting one code's passages as csv to a file of their own after each day's coding
found Markdown of every annotation beside the database offered again at each start.

The file (:func:`~tui_reader.locations.export_choice_path`, one per database, in the state
folder: never in the database, whose annotations it is not, nor in the corpus) holds one JSON
object; one that is not there, cannot be read or holds anything else leaves the defaults.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, cast

from tui_reader.core.documents.safe_read import read_document_bytes, written_anew
from tui_reader.core.errors import DocumentError

SCOPES = ("every", "code", "document")
KEPT_MOST = 64 * 1024  # bytes of the file read: a file of another kind is no choice
TYPED_MOST = 4096  # characters of a code or a path kept: more was no name typed


@dataclass(frozen=True)
class Chosen:
    """What an export was asked for, offered again the next time the dialog opens."""

    choice: str  # one of the dialog's formats
    scope: Literal["every", "code", "document"]
    code: str  # as typed
    path: str  # as typed


def kept_export(path: Path, choices: Collection[str]) -> Chosen | None:
    """The choice kept in ``path`` when it is one the dialog can offer (its format one of
    ``choices``), else None."""
    try:  # never waiting on a FIFO there (E held for good), nor a device read
        raw = read_document_bytes(path, max_bytes=KEPT_MOST + 1)
        if len(raw) > KEPT_MOST:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (DocumentError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    choice, scope, code, typed = (data.get(name) for name in ("choice", "scope", "code", "path"))
    if choice not in choices or scope not in SCOPES:
        return None
    if not all(isinstance(text, str) and len(text) <= TYPED_MOST for text in (code, typed)):
        return None
    kind = cast(Literal["every", "code", "document"], scope)
    return Chosen(cast(str, choice), kind, cast(str, code), cast(str, typed))


def keep_export(path: Path, chosen: Chosen) -> str | None:
    """Write ``chosen`` to ``path`` (its folder made), whole or not at all; what failed, in a
    line, else None."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        written_anew(part, json.dumps(asdict(chosen), ensure_ascii=False).encode("utf-8"))
        part.replace(path)
    except (OSError, ValueError) as error:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or error
        return f"the export's choices are not kept for the next start: {path}: {reason}"
    return None
