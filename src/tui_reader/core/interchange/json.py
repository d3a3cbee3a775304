"""``export --format json``: every annotation as a JSON array of records.

Each record has the stored fields (``id``, ``document``, ``start``, ``end``, ``quote``,
``prefix``, ``suffix``, ``doc_sha256``, ``tags``, ``note``, ``created``, ``updated``,
``coder``) and ``status`` (``anchored``, ``fuzzy``, ``orphan``); positions are code points into the
document's current canonical text, half-open (an orphan keeps its last known values).
:func:`parse` reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import TuiReaderError


class JSONFormatError(TuiReaderError):
    """A file is not a JSON export tui-reader can read."""


def export_json(annotations: Iterable[Annotation]) -> str:
    """The annotations, in the order given, as a pretty-printed JSON array (UTF-8 text)."""
    records = [annotation.to_record() for annotation in annotations]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def parse(text: str, source: str) -> list[Annotation]:
    """The annotations of a ``tui-reader export --format json`` text (an array of records, or
    an object with an ``annotations`` array); :class:`JSONFormatError` naming ``source``."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONFormatError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        data = data["annotations"]
    if not isinstance(data, list):
        raise JSONFormatError(f"{source}: expected a JSON array of annotations")
    found = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict):
            raise JSONFormatError(f"{source}: annotation {n} is not a JSON object")
        try:
            found.append(Annotation.from_record(record))
        except KeyError as exc:
            raise JSONFormatError(f"{source}: annotation {n} has no {exc.args[0]!r}") from exc
        except (TypeError, ValueError) as exc:
            raise JSONFormatError(f"{source}: annotation {n}: {exc}") from exc
    return found
