"""``export --format json``: every annotation as a JSON array of records.

Each record has the stored fields (``id``, ``document``, ``start``, ``end``, ``quote``,
``prefix``, ``suffix``, ``doc_sha256``, ``tags``, ``note``, ``created``, ``updated``,
``coder``, ``revision``) and ``status`` (``anchored``, ``fuzzy``, ``orphan``); positions are
code points into the document's current canonical text, half-open (an orphan keeps its last
known values).
:func:`parse_json` reads such a file back (``tui-reader import``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring as _string  # what json.dumps uses (C)
from typing import Any

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import ImportFormatError


def export_json(annotations: Iterable[Annotation]) -> str:
    """The annotations, in the order given, as a pretty-printed JSON array (UTF-8 text)."""
    records = [annotation.to_record() for annotation in annotations]
    return pretty_json(records) + "\n"


def pretty_json(records: list[dict[str, Any]]) -> str:
    """``json.dumps(records, ensure_ascii=False, indent=2)``, the same text, four times
    faster for records of strings, whole numbers and lists of strings (the indenting
    encoder is pure Python; here the strings go through its C helper, the rest is joins)."""
    if not records:
        return "[]"
    lines = []
    for record in records:
        fields = []
        for key, value in record.items():
            kind = type(value)
            if kind is str:
                text = _string(value)
            elif kind is int:
                text = int.__repr__(value)
            elif kind is list and not value:
                text = "[]"
            elif kind is list and all(type(item) is str for item in value):
                text = "[\n      " + ",\n      ".join(map(_string, value)) + "\n    ]"
            else:
                return json.dumps(records, ensure_ascii=False, indent=2)
            if type(key) is not str:
                return json.dumps(records, ensure_ascii=False, indent=2)
            fields.append(f"{_string(key)}: {text}")
        lines.append("{\n    " + ",\n    ".join(fields) + "\n  }" if fields else "{}")
    return "[\n  " + ",\n  ".join(lines) + "\n]"


def parse_json(text: str, source: str) -> list[Annotation]:
    """The annotations of a ``tui-reader export --format json`` text (an array of records)."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        data = data["annotations"]
    if not isinstance(data, list):
        raise ImportFormatError(f"{source}: expected a JSON array of annotations")
    found = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict):
            raise ImportFormatError(f"{source}: annotation {n} is not a JSON object")
        try:
            found.append(Annotation.from_record(record))
        except KeyError as exc:
            raise ImportFormatError(f"{source}: annotation {n} has no {exc.args[0]!r}") from exc
        except (TypeError, ValueError) as exc:
            raise ImportFormatError(f"{source}: annotation {n}: {exc}") from exc
    return found
