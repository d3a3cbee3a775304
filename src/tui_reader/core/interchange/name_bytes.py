"""A file name that is not UTF-8 (a Latin-1 "café.txt", whose byte Python keeps as a lone
surrogate) in the JSON exports (JSON, project, W3C): written as every other output shows it,
each byte that is no UTF-8 as its escape (``"document": "c/caf\\\\xe9.txt"``), and exactly
beside it, its bytes in base64 (``"document_bytes": "Yy9jYWbpLnR4dA=="``), as ``list --json``
and ``search --json`` give a name (ripgrep's habit).  The exports wrote the lone surrogate's
escape (``caf\\udce9.txt``), which strict JSON readers refuse (jq, serde); an import reads
the name back exactly from its bytes (:func:`names_from_bytes`).

A project's attributes are keyed by document: their keys are written so too, and their
bytes given in ``attributes_bytes`` (shown key -> base64)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from tui_reader.core.display import json_escaped, stray_bytes_escaped

BYTES = "_bytes"  # the suffix of the field giving a name's bytes
# the fields naming a file: an annotation's document, a document memo's target, a W3C item's
NAME_FIELDS = ("document", "target", "documentKey")
ATTRIBUTES_BYTES = "attributes" + BYTES


def has_stray_bytes(name: str) -> bool:
    """Whether ``name`` holds a byte that is no UTF-8 (a lone surrogate U+DC80..U+DCFF)."""
    return _stray().search(name) is not None


def name_bytes(name: str) -> str:
    """The bytes of the file name ``name`` in base64."""
    return base64.b64encode(name.encode("utf-8", "surrogateescape")).decode("ascii")


def names_with_bytes(text: str) -> str:
    """JSON ``text`` (pretty-printed, as the exports write it: one field a line, a lone
    surrogate written as its escape) with each name field (:data:`NAME_FIELDS`) whose value
    holds a byte that is no UTF-8 written as it is shown, its bytes in base64 beside it.  A
    line beginning with a key is a key's (a string holds no line break: it is ``\\n``)."""
    if "\\udc" not in text:
        return text
    return _name_line().sub(_with_bytes, text)


def _with_bytes(match: re.Match[str]) -> str:
    indent, field, value, comma = match.groups()
    name = json.loads(f'"{value}"')
    if not has_stray_bytes(name):  # an escape of another lone surrogate: as it was
        return match.group()
    shown = json_escaped(json.dumps(stray_bytes_escaped(name), ensure_ascii=False))
    return f'{indent}"{field}": {shown},\n{indent}"{field}{BYTES}": "{name_bytes(name)}"{comma}'


@cache
def _name_line() -> re.Pattern[str]:
    fields = "|".join(NAME_FIELDS)
    char = r'(?:[^"\\\n]|\\.)*'  # of a JSON string: a character or an escape
    stray = r"\\udc[89a-fA-F][0-9a-fA-F]"  # a lone surrogate's escape: a byte no UTF-8
    return re.compile(rf'^([ \t]*)"({fields})": "({char}{stray}{char})"(,?)$', re.MULTILINE)


@cache
def _stray() -> re.Pattern[str]:
    return re.compile("[\udc80-\udcff]")


def shown_keys(mapping: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``mapping`` keyed by file names with each name holding a byte that is no UTF-8 as it
    is shown, and those names' bytes by the shown name (empty when there is none)."""
    if not any(map(has_stray_bytes, mapping)):
        return mapping, {}
    shown = {stray_bytes_escaped(k): v for k, v in mapping.items()}
    if len(shown) != len(mapping):  # a name written as another is shown: as they are
        return mapping, {}
    given = {stray_bytes_escaped(k): name_bytes(k) for k in mapping if has_stray_bytes(k)}
    return shown, given


def names_from_bytes(data: Any) -> Any:
    """Parsed JSON of a JSON export, a project or a W3C collection with each name given with
    its bytes (see the module's docstring) as that name exactly, its ``_bytes`` field gone
    (the record is then as the database holds it); a field whose bytes, shown, are not the
    name beside them (an edited file) is left as it is."""
    for record in _records(data):
        for field in NAME_FIELDS:
            given = record.get(field + BYTES)
            if given is None:
                continue
            name = _exact(record.get(field), given)
            if name is not None:
                record[field] = name
                del record[field + BYTES]
    if isinstance(data, dict) and isinstance(data.get(ATTRIBUTES_BYTES), dict):
        attributes = data.get("attributes")
        if isinstance(attributes, dict):
            for shown, given in data[ATTRIBUTES_BYTES].items():
                name = _exact(shown, given)
                if name is not None and shown in attributes:
                    attributes[name] = attributes.pop(shown)
            del data[ATTRIBUTES_BYTES]
    return data


def _exact(shown: Any, given: Any) -> str | None:
    """The name whose bytes are ``given`` (base64) when it is shown as ``shown``."""
    if not isinstance(shown, str) or not isinstance(given, str):
        return None
    try:
        name = base64.b64decode(given, validate=True).decode("utf-8", "surrogateescape")
    except (binascii.Error, ValueError):
        return None
    return name if stray_bytes_escaped(name) == shown else None


def _records(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of ``data`` that may name a file: a JSON export's records, a project's
    annotations and memos, a W3C collection's (or page's, or list's) items."""
    if isinstance(data, list):
        yield from (r for r in data if isinstance(r, dict))
        return
    if not isinstance(data, dict):
        return
    yield data  # a single W3C annotation
    for field in ("annotations", "memos", "items"):
        found = data.get(field)
        if isinstance(found, list):
            yield from (r for r in found if isinstance(r, dict))
    first = data.get("first")
    if isinstance(first, dict) and isinstance(first.get("items"), list):
        yield from (r for r in first["items"] if isinstance(r, dict))
