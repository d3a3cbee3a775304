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
from collections.abc import Iterable, Mapping
from dataclasses import replace
from operator import attrgetter
from typing import Any

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.display import json_escaped
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.exact_json import dumps_pretty
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.import_schema import not_json
from tui_reader.core.interchange.json_text import (
    FieldKind,
    columns_bytes,
    columns_fast,
    columns_text,
    pretty_json,
    records_text,
)
from tui_reader.core.interchange.name_bytes import names_from_bytes, names_with_bytes


def export_json(
    annotations: Iterable[Annotation], file_keys: Mapping[str, str] | None = None
) -> str:
    """The annotations, in the order given, as a pretty-printed JSON array (UTF-8 text):
    ``json.dumps([a.to_record() for a in annotations], ensure_ascii=False, indent=2)``
    (``file_keys``: see :func:`export_json_columns`)."""
    if file_keys:  # a name that is not UTF-8: as shown, its bytes beside it (name_bytes)
        return names_with_bytes(
            json_escaped(
                export_json(
                    replace(a, document=file_keys[a.document]) if a.document in file_keys else a
                    for a in annotations
                )
            )
        )
    annotations = list(annotations)
    columns = [
        (key, kind, list(map(attrgetter(attribute), annotations)))
        for key, attribute, kind in _FIELDS
    ]
    data = columns_fast(len(annotations), columns, end="\n")
    if data is not None:
        return data.decode("utf-8")
    text = records_text(annotations, _FIELDS, end="\n")
    if text is None:  # a field of a type only json.dumps writes exactly
        text = pretty_json([annotation.to_record() for annotation in annotations]) + "\n"
    return text


def export_json_columns(
    columns: AnnotationColumns, file_keys: Mapping[str, str] | None = None
) -> bytes:
    """:func:`export_json_bytes` of the annotations given as columns (each value of its
    kind).  ``file_keys``: a key as the export gate wrote it -> the file's own
    (:attr:`ExportOptions.file_keys`): a document is named by its file's own name, what a
    terminal acts on in it written as JSON escapes."""
    if file_keys:
        columns = columns.with_keys(file_keys)
        given = [(key, kind, getattr(columns, attribute)) for key, attribute, kind in _FIELDS]
        text = columns_text(len(columns), given, end="\n")
        if text is None:
            raise ValueError("a column holds a value of another kind than its field's")
        return names_with_bytes(json_escaped(text)).encode("utf-8")
    records = columns.records()  # the store's own, each exactly its record here
    if records is not None:
        data = dumps_pretty(records)
        if data is not None:
            return data + b"\n"
    given = [(key, kind, getattr(columns, attribute)) for key, attribute, kind in _FIELDS]
    data = columns_bytes(len(columns), given, end="\n")
    if data is None:
        raise ValueError("a column holds a value of another kind than its field's")
    return data


# What to_record writes, in its order: (key, the annotation's attribute, kind; see records_text)
_FIELDS: tuple[tuple[str, str, FieldKind], ...] = (
    ("id", "id", "str"),
    ("document", "document", "str"),
    ("start", "start", "int"),
    ("end", "end", "int"),
    ("quote", "quote", "str"),
    ("prefix", "prefix", "str"),
    ("suffix", "suffix", "str"),
    ("doc_sha256", "doc_sha256", "str"),
    ("tags", "tags", "strings"),
    ("note", "note", "str"),
    ("created", "created", "str"),
    ("updated", "updated", "str"),
    ("status", "status", "str()"),
    ("coder", "coder", "str"),
    ("revision", "revision", "int"),
)


def parse_json(text: str, source: str, parsed: Any = None) -> list[Annotation]:
    """The annotations of a ``tui-reader export --format json`` text (an array of records);
    ``parsed``: the text parsed already (an import's check has: not parsed twice)."""
    try:
        data: Any = names_from_bytes(json.loads(text)) if parsed is None else parsed
    except json.JSONDecodeError as exc:
        raise ImportFormatError(not_json(source, exc)) from exc
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        data = data["annotations"]
    if isinstance(data, dict) and ("@context" in data or "type" in data):
        raise ImportFormatError(
            f"{source}: a W3C Web Annotation file, not tui-reader JSON: import it with "
            "--format w3c (or without --format)"
        )
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
