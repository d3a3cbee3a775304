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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.codebook.names import tag_record
from tui_reader.core.display import json_escaped, said_name
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.import_schema import (
    MAX_TEXT,
    TOO_LONG,
    BadNumber,
    document_key_problems,
    nothing_imported,
)
from tui_reader.core.interchange.json_text import pretty_json
from tui_reader.core.interchange.name_bytes import (
    ATTRIBUTES_BYTES,
    names_with_bytes,
    shown_keys,
)

_T = TypeVar("_T")

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


def project_extras(
    data: Any, source: str, verb: str = "imported", left_out: list[str] | None = None
) -> ProjectExtras:
    """The codebook, memos and attributes of a parsed project; :class:`ImportFormatError`
    naming ``source`` and every entry that cannot be read (nothing is taken then).  With
    ``left_out``, an entry that cannot be read (a code, a memo, a document's attributes) is
    said there and left out whole, the others taken, as a bad annotation of the project is;
    a part that is not what a project holds (a codebook that is no list) still refuses it."""
    extras, found, whole = _extras(data, source)
    if whole or (found and left_out is None):
        raise nothing_imported([*whole, *found], source, verb)
    if left_out is not None:
        left_out.extend(f"{problem}; not {verb}" for problem in found)
    return extras


def project_problems(data: Any, source: str, *, entries: bool = True) -> list[str]:
    """What cannot be read of a parsed project's codebook, memos and attributes, each entry
    named (an import refusing the project names them beside its bad annotations: a project
    with several bad parts was refused for the first alone, and then for the next); without
    ``entries``, only a part that is not what a project holds (a codebook that is no list)."""
    _extras_read, found, whole = _extras(data, source)
    return [*whole, *found] if entries else whole


def _extras(data: Any, source: str) -> tuple[ProjectExtras, list[str], list[str]]:
    """The extras read of ``data``, each entry's problem, and each part's that is not what a
    project holds (its version's refuses it alone: a project of another version is read no
    further)."""
    if not is_project(data):
        return ProjectExtras([], [], {}), [], []
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(f"{source}: the project's version {version!r} is not 1, 2, ...")
    if version > VERSION:
        raise ImportFormatError(
            f"{source}: a tui-reader project of version {version}, newer than this "
            f"tui-reader reads ({VERSION}); update tui-reader to import it"
        )
    found: list[str] = []
    whole: list[str] = []
    tags = [
        tag
        for n, record in enumerate(_list(data, "codebook", whole), 1)
        if (tag := _taken(_tag, record, n, found)) is not None
    ]
    memos = [
        memo
        for n, record in enumerate(_list(data, "memos", whole), 1)
        if (memo := _taken(_memo, record, n, found)) is not None
    ]
    attributes = _attributes(data.get("attributes", {}), found, whole)
    return ProjectExtras(tags, memos, attributes), found, whole


def _taken(read: Callable[[Any, int], _T], record: Any, n: int, found: list[str]) -> _T | None:
    """``read(record, n)``, or None with its problem added to ``found``."""
    try:
        return read(record, n)
    except _Bad as exc:
        found.append(str(exc))
        return None


class _Bad(Exception):
    """One entry of a project that cannot be read (its problem, without the file's name)."""


def _list(data: dict[str, Any], key: str, found: list[str]) -> list[Any]:
    given = data.get(key, [])
    if not isinstance(given, list):
        found.append(f"the project's {key!r} is not a JSON array")
        return []
    return given


def _refuse_a_text_left_out(record: Any, what: str) -> None:
    """:class:`_Bad` when a text of ``record`` was left out as the file was read, longer than
    a record's text may be (:mod:`~.long_strings`): a memo of 17 MB was stored as the
    stand-in read in its place, its text lost."""
    if isinstance(record, dict):
        for name, value in record.items():
            if value == TOO_LONG:
                raise _Bad(f"{what}: {name}: longer than {MAX_TEXT:,} characters")


def _tag(record: Any, n: int) -> Tag:
    _refuse_a_text_left_out(record, f"code {n} of the project's codebook")
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("name"), str)
        or not all(isinstance(record.get(k, ""), str) for k in ("color", "description"))
    ):
        raise _Bad(
            f"code {n} of the project's codebook is not an object with a name, "
            "a colour and a description as text"
        )
    if not record["name"].strip():
        raise _Bad(f"code {n} of the project's codebook has no name")
    # a colour as the codebook keeps it (#rrggbb); one that is none, the automatic colour
    colour = colour_hex(record.get("color", "")) or ""
    return Tag(record["name"], colour, record.get("description", ""))


def _memo(record: Any, n: int) -> Memo:
    _refuse_a_text_left_out(record, f"memo {n} of the project")
    texts = ("target", "text", "created", "updated")
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str)
        or not record["id"]
        or not all(isinstance(record.get(k, ""), str) for k in texts)
    ):
        raise _Bad(f"memo {n} of the project is not an object with an id and its texts")
    try:
        memo = Memo.from_record(record)
    except (KeyError, ValueError) as exc:
        raise _Bad(
            f"memo {n} of the project: its kind {record.get('kind')!r} is none of "
            "document, code, journal"
        ) from exc
    if memo.kind is MemoKind.DOCUMENT and (problems := document_key_problems(memo.target)):
        raise _Bad(f"memo {n} of the project: its document: {'; '.join(problems)}")
    return memo


def _attributes(given: Any, found: list[str], whole: list[str]) -> dict[str, dict[str, Value]]:
    from tui_reader.core.analysis.values import ValueType, check_attribute_name, parse_value
    from tui_reader.core.errors import AttributeValueError

    if not isinstance(given, dict):
        whole.append("the project's 'attributes' is not a JSON object")
        return {}
    attributes: dict[str, dict[str, Value]] = {}
    for key, values in given.items():
        if not key or not isinstance(values, dict):
            found.append(f"the attributes of document {said_name(key)} are not a JSON object")
            continue
        if problems := document_key_problems(key):  # as an annotation's document
            found.append(f"the attributes of document {said_name(key, 60)}: {'; '.join(problems)}")
            continue
        fine = True
        values = dict(values)
        for name, value in values.items():
            try:
                check_attribute_name(name)
            except AttributeValueError as exc:
                found.append(f"document {said_name(key)}: {exc}")
                fine = False
                continue
            if value == TOO_LONG:  # left out as the file was read: never taken
                found.append(
                    f"document {said_name(key)}: attribute {name!r}: longer than "
                    f"{MAX_TEXT:,} characters"
                )
                fine = False
                continue
            if isinstance(value, BadNumber) and value.digits is not None:
                # an integer of 19 digits or more, damaged as an offset, is a value attr set
                # takes (an identifier, a population) and the export writes: taken as it does
                try:
                    values[name] = value = parse_value(value.digits, ValueType.NUMBER)
                except AttributeValueError as exc:
                    found.append(f"document {said_name(key)}: attribute {name!r}: {exc}")
                    fine = False
                    continue
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                found.append(
                    f"document {said_name(key)}: attribute {name!r} is not a number or text"
                )
                fine = False
        # an empty value (or one of spaces) is no value, never stored: set nothing, as an
        # empty cell of a CSV import does (attr list showed it, queries took it for none);
        # a text is taken without the spaces around it, as attr set takes it
        kept = {
            n: v.strip() if isinstance(v, str) else v
            for n, v in values.items()
            if not isinstance(v, str) or v.strip()
        }
        if kept and fine:
            attributes[key] = kept
    return attributes
