"""``export --format project``: the whole project as one JSON object, which ``import`` reads
back whole into another (or an empty) database.

``--format json`` is the annotations alone, a JSON array scripts read; a project adds what an
array cannot hold, so nothing of the work is lost on the way to another database::

    {
      "tui-reader": "project",
      "version": 1,
      "codebook": [{"name": ..., "color": ..., "description": ...}, ...],
      "memos": [{"id", "kind", "target", "text", "created", "updated"}, ...],
      "attributes": {"<document key>": {"<name>": <number or text>, ...}, ...},
      "annotations": [<the records of --format json>, ...]
    }

The codebook is in creation order, memos oldest first, annotations in reading order.  No
moment of export is written: exporting, importing into an empty database and exporting again
gives the same bytes.  Document keys (of annotations, document memos and attributes) are
relative to the database's folder, as the database's own; a file name that is not UTF-8 is
written as every output shows it, its bytes beside it (``document_bytes``, ``target_bytes``,
and ``"attributes_bytes": {"<key as shown>": "<base64>"}``: see :mod:`.name_bytes`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.codebook.names import tag_record
from tui_reader.core.display import json_escaped
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.json_text import pretty_json
from tui_reader.core.interchange.name_bytes import (
    ATTRIBUTES_BYTES,
    names_with_bytes,
    shown_keys,
)

MARK = "tui-reader"  # the key saying what the object is, and its value
KIND = "project"
VERSION = 1


def render(
    annotations: Sequence[Annotation],
    documents: Mapping[str, Document],
    tags: Sequence[Tag],
    options: Any,
) -> str:
    """The project (see the module's docstring) as pretty-printed JSON text."""
    keys = options.file_keys
    records = [
        annotation.to_record()
        | ({"document": keys[annotation.document]} if annotation.document in keys else {})
        for annotation in annotations
    ]
    return _project(records, tags, options)


def render_columns(
    columns: AnnotationColumns, documents: Mapping[str, Document], tags: Sequence[Tag], options: Any
) -> list[bytes]:
    """:func:`render` of the annotations given as columns, in parts: their records as
    ``json`` writes them, put in the project's text as they are, a level deeper (a line break
    in the records' JSON is always one between values: one in a text is written ``\\n``),
    not read back into objects and written again (2 s of 4 at 100,000 annotations)."""
    from tui_reader.core.interchange.json import export_json_columns

    text = _project([], tags, options)
    empty = '"annotations": []\n}\n'
    assert text.endswith(empty)  # the annotations come last
    records = export_json_columns(columns, options.file_keys).rstrip(b"\n")
    return [
        text[: -len(empty)].encode("utf-8"),
        b'"annotations": ',
        records.replace(b"\n", b"\n  "),
        b"\n}\n",
    ]


def _project(records: list[dict[str, Any]], tags: Sequence[Tag], options: Any) -> str:
    attributes = {key: dict(values) for key, values in sorted(options.attributes.items()) if values}
    # a file name that is not UTF-8 as shown, its bytes beside it (see name_bytes)
    attributes, attributes_bytes = shown_keys(attributes)
    project = {
        MARK: KIND,
        "version": VERSION,
        "codebook": [tag_record(tag) for tag in tags],
        "memos": [_memo_record(memo, options.file_keys) for memo in options.memos],
        "attributes": attributes,
        **({ATTRIBUTES_BYTES: attributes_bytes} if attributes_bytes else {}),
        "annotations": records,
    }
    text = pretty_json(project)
    # a file's own name may hold what a terminal acts on, as may an attribute's value (from a
    # spreadsheet): as escapes (the annotations, last, are through the export gate already)
    if options.file_keys:
        return names_with_bytes(json_escaped(text)) + "\n"
    cut = text.index('\n  "annotations": ')  # a line break in a value is written \n
    return json_escaped(text[:cut]) + text[cut:] + "\n"


def _memo_record(memo: Memo, file_keys: Mapping[str, str]) -> dict[str, Any]:
    """A memo's record, a document memo naming its file by the file's own name (see
    :attr:`ExportOptions.file_keys`)."""
    record = memo.to_record()
    if memo.kind == MemoKind.DOCUMENT and memo.target in file_keys:
        record["target"] = file_keys[memo.target]
    return record


def is_project(data: Any) -> bool:
    """Whether parsed JSON is a project this module wrote."""
    return isinstance(data, dict) and data.get(MARK) == KIND


@dataclass(frozen=True)
class ProjectExtras:
    """What a project holds besides its annotations."""

    tags: list[Tag]
    memos: list[Memo]
    attributes: dict[str, dict[str, Value]]


def project_extras(data: Any, source: str) -> ProjectExtras:
    """The codebook, memos and attributes of a parsed project; :class:`ImportFormatError`
    naming ``source`` and the entry when one cannot be read (nothing is taken then)."""
    if not is_project(data):
        return ProjectExtras([], [], {})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(f"{source}: the project's version {version!r} is not 1, 2, ...")
    if version > VERSION:
        raise ImportFormatError(
            f"{source}: a tui-reader project of version {version}, newer than this "
            f"tui-reader reads ({VERSION}); update tui-reader to import it"
        )
    tags = [_tag(record, n, source) for n, record in enumerate(_list(data, "codebook", source), 1)]
    memos = [_memo(record, n, source) for n, record in enumerate(_list(data, "memos", source), 1)]
    attributes = _attributes(data.get("attributes", {}), source)
    return ProjectExtras(tags, memos, attributes)


def _list(data: dict[str, Any], key: str, source: str) -> list[Any]:
    found = data.get(key, [])
    if not isinstance(found, list):
        raise ImportFormatError(f"{source}: the project's {key!r} is not a JSON array")
    return found


def _tag(record: Any, n: int, source: str) -> Tag:
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("name"), str)
        or not all(isinstance(record.get(k, ""), str) for k in ("color", "description"))
    ):
        raise ImportFormatError(
            f"{source}: code {n} of the project's codebook is not an object with a name, "
            "a colour and a description as text"
        )
    if not record["name"].strip():
        raise ImportFormatError(f"{source}: code {n} of the project's codebook has no name")
    # a colour as the codebook keeps it (#rrggbb); one that is none, the automatic colour
    colour = colour_hex(record.get("color", "")) or ""
    return Tag(record["name"], colour, record.get("description", ""))


def _memo(record: Any, n: int, source: str) -> Memo:
    texts = ("target", "text", "created", "updated")
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str)
        or not record["id"]
        or not all(isinstance(record.get(k, ""), str) for k in texts)
    ):
        raise ImportFormatError(
            f"{source}: memo {n} of the project is not an object with an id and its texts"
        )
    try:
        return Memo.from_record(record)
    except (KeyError, ValueError) as exc:
        raise ImportFormatError(
            f"{source}: memo {n} of the project: its kind {record.get('kind')!r} is none of "
            "document, code, journal"
        ) from exc


def _attributes(found: Any, source: str) -> dict[str, dict[str, Value]]:
    from tui_reader.core.analysis.values import check_attribute_name
    from tui_reader.core.errors import AttributeValueError

    if not isinstance(found, dict):
        raise ImportFormatError(f"{source}: the project's 'attributes' is not a JSON object")
    attributes: dict[str, dict[str, Value]] = {}
    for key, values in found.items():
        if not key or not isinstance(values, dict):
            raise ImportFormatError(
                f"{source}: the attributes of document {key!r} are not a JSON object"
            )
        for name, value in values.items():
            try:
                check_attribute_name(name)
            except AttributeValueError as exc:
                raise ImportFormatError(f"{source}: document {key!r}: {exc}") from exc
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ImportFormatError(
                    f"{source}: document {key!r}: attribute {name!r} is not a number or text"
                )
        if values:
            attributes[key] = dict(values)
    return attributes
