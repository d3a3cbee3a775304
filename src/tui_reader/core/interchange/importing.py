"""Reading an export back: which format a file is in, its annotations made fit for the store.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.json import parse_json
from tui_reader.core.interchange.w3c import parse as parse_w3c

FORMATS = ("w3c", "json")


def read_annotations(text: str, path: Path, fmt: str | None = None) -> list[Annotation]:
    """The annotations of an export's ``text`` (``fmt`` guessed when None), normalised; the
    last of several records with one id wins, as a later edit would."""
    fmt = fmt or guess_format(text, path)
    annotations = parse_w3c(text, str(path)) if fmt == "w3c" else parse_json(text, str(path))
    return list({a.id: normalize(a) for a in annotations}.values())


def guess_format(text: str, path: Path) -> str:
    """``w3c`` for JSON-LD annotations, ``json`` for an array of tui-reader records."""
    if path.suffix.lower() == ".jsonld":
        return "w3c"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, dict) and ("type" in first or "@context" in first):
        return "w3c"
    return "json"


def normalize(annotation: Annotation) -> Annotation:
    """Tag names as the store takes them (no empty parts, no spaces around parts); a range
    that cannot be right is left for re-anchoring by its quote."""
    tags = []
    for tag in annotation.tags:
        name = "/".join(part.strip() for part in tag.split("/") if part.strip())
        if name and name not in tags:
            tags.append(name)
    changes: dict[str, Any] = {"tags": tuple(tags)}
    if not 0 <= annotation.start < annotation.end:
        changes.update(start=0, end=max(1, len(annotation.quote)), status=AnchorStatus.ORPHAN)
    return annotation.evolve(**changes)
