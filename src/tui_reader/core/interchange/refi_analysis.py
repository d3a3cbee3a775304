"""REFI-QDA project parts for the analysis: document attributes as ``Variables`` with a
``VariableValue`` on each source, and memos as ``Notes`` (a document's memo referred to from
its source, the journal's entries from the project).

Element order follows the schema: ``Variables`` after the ``CodeBook``, ``Notes`` after the
``Sources``; in a ``TextSource``, ``NoteRef`` then ``VariableValue`` come last.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value, ValueType, type_of
from tui_reader.core.interchange.refi import guid, xml_safe

_REFI_TYPE = {ValueType.NUMBER: "Float", ValueType.DATE: "Date", ValueType.TEXT: "Text"}


def variable_types(attributes: Mapping[str, Mapping[str, Value]]) -> dict[str, str]:
    """Each attribute's REFI-QDA type: ``Integer`` when every value is whole, ``Float`` for
    other numbers, ``Date``, else ``Text`` (values of mixed types make it ``Text``)."""
    kinds: dict[str, set[str]] = {}
    for values in attributes.values():
        for name, value in values.items():
            kind = _REFI_TYPE[type_of(value)]
            if kind == "Float" and float(value).is_integer():
                kind = "Integer"
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


def add_source_parts(
    source: ET.Element,
    ns: str,
    key: str,
    values: Mapping[str, Value],
    types: Mapping[str, str],
    memos: Sequence[Memo],
) -> None:
    """The ``NoteRef`` of the document's memo and its ``VariableValue``s (call last)."""
    for memo in memos:
        if memo.kind == MemoKind.DOCUMENT and memo.target == key:
            ET.SubElement(source, f"{{{ns}}}NoteRef", {"targetGUID": note_guid(memo)})
    for name, kind in types.items():
        if name not in values:
            continue
        value = values[name]
        item = ET.SubElement(source, f"{{{ns}}}VariableValue")
        ET.SubElement(item, f"{{{ns}}}VariableRef", {"targetGUID": guid("variable", name)})
        shown = str(int(value)) if kind == "Integer" else str(value)
        ET.SubElement(item, f"{{{ns}}}{kind}Value").text = xml_safe(shown)


def note_guid(memo: Memo) -> str:
    return guid("memo", memo.id)


def add_notes(
    root: ET.Element, ns: str, memos: Sequence[Memo], user: str, when: str | None
) -> None:
    """Every memo as a ``Note`` (call after the ``Sources``); the journal's entries are then
    referred to from the project (``NoteRef`` at its end)."""
    if not memos:
        return
    notes = ET.SubElement(root, f"{{{ns}}}Notes")
    for memo in memos:
        about = {MemoKind.DOCUMENT: "Memo", MemoKind.CODE: "Code memo"}.get(memo.kind, "Journal")
        name = f"{about}: {memo.target}" if memo.target else f"{about} {memo.created[:10]}"
        attrs = {"guid": note_guid(memo), "name": xml_safe(name), "creatingUser": user}
        if when:
            attrs["creationDateTime"] = when
        note = ET.SubElement(notes, f"{{{ns}}}Note", attrs)
        ET.SubElement(note, f"{{{ns}}}PlainTextContent").text = xml_safe(memo.text)
    for memo in memos:
        if memo.kind == MemoKind.JOURNAL:
            ET.SubElement(root, f"{{{ns}}}NoteRef", {"targetGUID": note_guid(memo)})
