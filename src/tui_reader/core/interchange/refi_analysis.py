r"""REFI-QDA project parts for the analysis: document attributes as ``Variables`` with a
``VariableValue`` on each source, and memos as ``Notes`` (a document's memo referred to from
its source, a code's from its code, the journal's entries from the project); a document's memo
is its source's ``Description`` too (:func:`document_memos`), QualCoder's file memo.

Reading back (:func:`variable_names`, :func:`source_values`): a source's ``VariableValue``\s
become the document's attributes, typed by their element (``IntegerValue``, ``FloatValue``:
numbers; ``DateValue``: a date; else text), names made fit for attributes (``Age group``:
``Age_group``).

A document's attribute :data:`CASE` names its case: a ``Case`` referring to its source.

Element order follows the schema: ``Variables`` after the ``CodeBook``, then ``Cases``,
``Notes`` after the ``Sources``; in a ``TextSource``, ``NoteRef`` then ``VariableValue`` come last.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import (
    Value,
    ValueType,
    check_attribute_name,
    parse_value,
    show_value,
    type_of,
)
from tui_reader.core.codebook.names import tag_path
from tui_reader.core.display import said_name
from tui_reader.core.errors import AttributeValueError
from tui_reader.core.interchange.refi import (
    coder_guid,
    date_time,
    guid,
    guid_key,
    own_guid,
    xml_safe,
)

_REFI_TYPE = {ValueType.NUMBER: "Float", ValueType.DATE: "Date", ValueType.TEXT: "Text"}


# A text that is the schema's boolean or date and time as MAXQDA and ATLAS.ti write them
# (a variable of theirs imported holds such values, and went back to them as Text)
_BOOLEAN = ("true", "false")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


def _is_date_time(text: str) -> bool:
    if not _DATE_TIME.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:  # a day no month has, an hour past 23
        return False
    return True


def variable_types(attributes: Mapping[str, Mapping[str, Value]]) -> dict[str, str]:
    """Each attribute's REFI-QDA type: ``Integer`` when every value is whole, ``Float`` for
    other numbers, ``Date``, ``Boolean`` when every value is ``true`` or ``false``,
    ``DateTime`` when every one is a date and time (``2024-03-01T10:00:00Z``), else ``Text``
    (values of mixed types make it ``Text``)."""
    kinds: dict[str, set[str]] = {}
    for values in attributes.values():
        for name, value in values.items():
            kind = _REFI_TYPE[type_of(value)]
            if kind == "Float" and float(value).is_integer():
                kind = "Integer"
            elif kind == "Text" and value in _BOOLEAN:
                kind = "Boolean"
            elif kind == "Text" and _is_date_time(str(value)):
                kind = "DateTime"
            kinds.setdefault(name, set()).add(kind)
    types = {}
    for name, found in sorted(kinds.items()):
        if found <= {"Integer", "Float"}:
            types[name] = "Integer" if found == {"Integer"} else "Float"
        else:
            types[name] = found.pop() if len(found) == 1 else "Text"
    return types


def add_variables(root: ET.Element, ns: str, types: Mapping[str, str]) -> None:
    """The project's ``Variables`` (call after the ``CodeBook``, before the ``Sources``)."""
    if not types:
        return
    variables = ET.SubElement(root, f"{{{ns}}}Variables")
    for name, kind in types.items():
        ET.SubElement(
            variables,
            f"{{{ns}}}Variable",
            {"guid": guid("variable", name), "name": xml_safe(name), "typeOfVariable": kind},
        )


# The attribute naming the case of a document (a participant, a site): a project's Cases
CASE = "case"


def add_cases(
    root: ET.Element,
    ns: str,
    cases: Mapping[str, Value | None],
    sources: Mapping[str, str],
    memos: Mapping[str, str] | None = None,
) -> set[str]:
    """The project's ``Cases`` (call after the ``Variables``, before the ``Sources``): each
    value of the documents' attribute :data:`CASE` (``cases``: document key -> its value,
    None for none) a ``Case`` of that name referring to the source of each document of it
    (``sources``: document key -> its source's GUID), its ``Description`` its memo of
    ``memos`` (case name -> text), where QualCoder keeps a case's memo.  Returns the names
    of the cases written."""
    members: dict[str, list[str]] = {}
    for key, value in cases.items():
        name = " ".join(show_value(value).split()) if value is not None else ""
        if name:
            members.setdefault(name, []).append(sources[key])
    if not members:
        return set()
    element = ET.SubElement(root, f"{{{ns}}}Cases")
    for name, guids in members.items():
        case = ET.SubElement(
            element, f"{{{ns}}}Case", {"guid": guid("case", name), "name": xml_safe(name)}
        )
        memo = (memos or {}).get(name)
        if memo:
            ET.SubElement(case, f"{{{ns}}}Description").text = xml_safe(memo)
        for source in guids:
            ET.SubElement(case, f"{{{ns}}}SourceRef", {"targetGUID": source})
    return set(members)


# The headings of the journal entries an import makes of a project's and a case's memo
# (``qdpx_read``: "# Project memo", "# Case: NAME", a blank line, then the memo)
PROJECT_MEMO = "# Project memo"
CASE_MEMO = "# Case: "


def headed_memos(memos: Sequence[Memo]) -> tuple[dict[str, Memo], dict[str, Memo]]:
    """The journal entries of ``memos`` headed as an import heads a project's memo (the
    first such) and each case's (the first of each case): project memo under "", each
    case's under its name (its spaces as a case's name is written)."""
    project: dict[str, Memo] = {}
    cases: dict[str, Memo] = {}
    for memo in memos:
        if memo.kind is not MemoKind.JOURNAL:
            continue
        head = memo.text.partition("\n")[0].rstrip()
        if head == PROJECT_MEMO:
            project.setdefault("", memo)
        elif head.startswith(CASE_MEMO):
            name = " ".join(head.removeprefix(CASE_MEMO).split())
            if name:
                cases.setdefault(name, memo)
    return project, cases


def memo_below_heading(memo: Memo) -> str:
    """The text of a journal entry :func:`headed_memos` found, without its heading and the
    blank line below it: the ``Description`` it was read from."""
    rest = memo.text.partition("\n")[2]
    return rest[1:] if rest.startswith("\n") else rest


def add_project_memo(root: ET.Element, ns: str, text: str) -> None:
    """The project's ``Description`` (QualCoder's project memo), where the schema has it:
    after the ``Notes`` and the rest, before the project's ``NoteRef``s (call after
    :func:`add_notes`)."""
    element = ET.Element(f"{{{ns}}}Description")
    element.text = xml_safe(text)
    refs = [n for n, child in enumerate(root) if child.tag == f"{{{ns}}}NoteRef"]
    root.insert(refs[0] if refs else len(root), element)


def add_source_parts(
    source: ET.Element,
    ns: str,
    key: str,
    values: Mapping[str, Value],
    types: Mapping[str, str],
    memos: Sequence[Memo],
) -> None:
    """The ``NoteRef`` of the document's memo and its ``VariableValue``s (call last): one of
    every variable, without a value where the document has none (as the schema allows and
    QualCoder writes one): QualCoder keeps a row of every file attribute for every file and
    saves a value typed into an empty cell by updating that row, so a file imported without
    one kept nothing typed there."""
    for memo in memos:
        if memo.kind == MemoKind.DOCUMENT and memo.target == key:
            ET.SubElement(source, f"{{{ns}}}NoteRef", {"targetGUID": note_guid(memo)})
    for name, kind in types.items():
        item = ET.SubElement(source, f"{{{ns}}}VariableValue")
        ET.SubElement(item, f"{{{ns}}}VariableRef", {"targetGUID": guid("variable", name)})
        if name not in values:
            continue
        value = values[name]
        shown = str(int(value)) if kind == "Integer" else _decimal(value)
        ET.SubElement(item, f"{{{ns}}}{kind}Value").text = xml_safe(shown)


def _decimal(value: Value) -> str:
    """A value as the standard's ``FloatValue``, an ``xsd:decimal``, writes it: a number
    without an exponent (``0.00001``, not Python's ``1e-05``, which fails the schema);
    any other value as it is."""
    text = str(value)
    if not isinstance(value, float) or "e" not in text or not math.isfinite(value):
        return text
    return format(Decimal(text), "f")


def document_memos(memos: Sequence[Memo]) -> dict[str, str]:
    """The text of each document's memo (of its memos, one after another), by its key: its
    source's ``Description``, which QualCoder's import reads as the file's memo (it takes a
    note a source refers to for an annotation of a passage, and leaves out one that holds
    none)."""
    texts: dict[str, list[str]] = {}
    for memo in memos:
        if memo.kind == MemoKind.DOCUMENT and memo.text.strip():
            texts.setdefault(memo.target, []).append(memo.text)
    return {key: "\n\n".join(found) for key, found in texts.items()}


def note_guid(memo: Memo) -> str:
    """The memo's own id when it is a GUID already (ours are uuid4; an imported note's is its
    GUID, lower-cased), so a project exported and imported back keeps its memos' ids."""
    return own_guid("memo", memo.id)


def code_notes(memos: Sequence[Memo]) -> dict[str, list[str]]:
    """The notes of the code memos, by the code's path: what each ``Code`` refers to."""
    notes: dict[str, list[str]] = {}
    for memo in memos:
        if memo.kind == MemoKind.CODE:
            notes.setdefault(tag_path(memo.target), []).append(note_guid(memo))
    return notes


def code_memo_texts(memos: Sequence[Memo]) -> dict[str, str]:
    """The text of each code's memo (of its memos, one after another), by the code's path:
    what its ``Description`` carries after its description."""
    texts: dict[str, list[str]] = {}
    for memo in memos:
        if memo.kind == MemoKind.CODE and memo.text.strip():
            texts.setdefault(tag_path(memo.target), []).append(memo.text)
    return {path: "\n\n".join(found) for path, found in texts.items()}


def add_notes(
    root: ET.Element,
    ns: str,
    memos: Sequence[Memo],
    user: str,
    when: str | None,
    in_codes: Collection[str] = (),
) -> dict[str, bytes]:
    """Every memo as a ``Note`` (call after the ``Sources``), dated when it was written and
    last changed (``when``, the export's time, only for a memo without a date); the journal's
    entries are then referred to from the project (``NoteRef`` at its end).  Each note's text
    is its ``PlainTextContent`` and a file of its own, ``plainTextPath``: QualCoder reads a
    note's text from that file alone (a note without one was no journal entry there, left
    out), but for the memo of a code of ``in_codes`` (paths): the code's ``Description``
    holds it, QualCoder's code memo, and a file would make it a journal entry there too.
    Returns those files (GUID file name -> UTF-8 text)."""
    files: dict[str, bytes] = {}
    if not memos:
        return files
    notes = ET.SubElement(root, f"{{{ns}}}Notes")
    taken: set[str] = set()
    for memo in memos:
        about = {MemoKind.DOCUMENT: "Memo", MemoKind.CODE: "Code memo"}.get(memo.kind, "Journal")
        made = date_time(memo.created)  # none for a stored word ('yesterday')
        name = f"{about}: {memo.target}" if memo.target else f"{about} {(made or '')[:10]}"
        # a name of its own: QualCoder's import stops at a journal entry of a name taken
        # (two entries of one day), meaning to number it
        name = unique = xml_safe(name.strip())
        number = 1
        while unique in taken:
            number += 1
            unique = f"{name} ({number})"
        taken.add(unique)
        by = coder_guid(memo.coder) or user  # its coder's User
        attrs = {"guid": note_guid(memo), "name": unique, "creatingUser": by}
        # a memo without a time (or a word for one, said) dated by the export: QualCoder
        # reads a note's creationDateTime, else its modifiedDateTime, and fails on neither
        created = made or when
        if created:
            attrs["creationDateTime"] = created
        updated = date_time(memo.updated)
        if updated and updated != created:
            attrs["modifyingUser"] = by
            attrs["modifiedDateTime"] = updated
        text = xml_safe(memo.text)
        if memo.kind != MemoKind.CODE or tag_path(memo.target) not in in_codes:
            filename = f"{attrs['guid']}.txt"
            attrs["plainTextPath"] = f"internal://{filename}"
            files[filename] = text.encode("utf-8")
        note = ET.SubElement(notes, f"{{{ns}}}Note", attrs)
        ET.SubElement(note, f"{{{ns}}}PlainTextContent").text = text
    for memo in memos:
        if memo.kind == MemoKind.JOURNAL:
            ET.SubElement(root, f"{{{ns}}}NoteRef", {"targetGUID": note_guid(memo)})
    return files


_VALUE_TYPE = {
    "IntegerValue": ValueType.NUMBER,
    "FloatValue": ValueType.NUMBER,
    "DateValue": ValueType.DATE,
}


def variable_names(
    root: Any, ns: Mapping[str, str], said: list[str] | None = None, verb: str = "imported"
) -> dict[str, str]:
    """The project's variables: GUID -> an attribute name; one that can name none is left
    out (its name ``""``), and ``said`` gets a line for it (its values were lost without a
    word): not ``verb``."""
    names = {}
    for variable in root.iterfind("q:Variables/q:Variable", ns):
        given = str(variable.get("name") or "")
        try:
            names[guid_key(variable.get("guid"))] = fitted_attribute_name(given)
        except AttributeValueError as exc:
            names[guid_key(variable.get("guid"))] = ""
            if said is not None:
                said.append(f"variable of GUID {str(variable.get('guid'))!r}: {exc}; not {verb}")
    return names


def attribute_name(given: str) -> str | None:
    """A variable's name made fit for an attribute (``Age group``: ``Age_group``; ``2nd``:
    ``v_2nd``), None when nothing of it can be."""
    try:
        return fitted_attribute_name(given)
    except AttributeValueError:
        return None


def fitted_attribute_name(given: str) -> str:
    """:func:`attribute_name`, or :class:`AttributeValueError` saying why none can be."""
    raw = re.sub(r"[^\w.-]+", "_", given).strip("_")
    return check_attribute_name(raw if raw[:1].isalpha() else f"v_{raw}")


def said_source(source: Any) -> str:
    """A project's source as a message names it: its ``name`` as a file's name is said
    (:func:`said_name`, no Python quotes doubling a Windows path's backslashes); a case's
    name, no file's, quoted as every message about a case quotes it."""
    name = source.get("name")
    if str(source.tag).rpartition("}")[2] == "Case":
        return repr(name)
    return said_name(name) if name else "(no name)"


def source_values(
    source: Any,
    ns: Mapping[str, str],
    names: Mapping[str, str],
    said: list[str] | None = None,
    verb: str = "imported",
    lost: list[str] | None = None,
) -> dict[str, Value]:
    r"""The attribute values a source's (or a case's) ``VariableValue``\s give it (``names``:
    :func:`variable_names`'); ``said`` gets a line for a value of a variable the project
    does not declare (it was lost without a word): not ``verb``; ``lost``, each value left
    out so, or of a variable that names no attribute (the import exits 1 for them)."""
    values: dict[str, Value] = {}
    for item in source.iterfind("q:VariableValue", ns):
        ref = item.find("q:VariableRef", ns)
        guid = guid_key(ref.get("targetGUID")) if ref is not None else ""
        name = names.get(guid)
        value = next((c for c in item if str(c.tag).endswith("Value")), None)
        if value is None or not (value.text or "").strip():
            continue
        if name is None and said is not None:
            kind = str(source.tag).rpartition("}")[2].replace("Case", "case")
            said.append(
                f"{kind} {said_source(source)}: its value {(value.text or '').strip()[:40]!r} "
                f"is of a variable the project does not declare ({guid or 'no VariableRef'}); "
                f"not {verb}"
            )
        if not name:
            if lost is not None:
                lost.append(f"{said_source(source)}: {(value.text or '').strip()[:40]!r}")
            continue
        kind = _VALUE_TYPE.get(str(value.tag).rpartition("}")[2], ValueType.TEXT)
        try:
            values[name] = parse_value(value.text or "", kind)
        except AttributeValueError:
            values[name] = (value.text or "").strip()
    return values
