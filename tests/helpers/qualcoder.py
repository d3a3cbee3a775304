"""What QualCoder's REFI-QDA project import makes of a ``.qdpx``, read as its import reads it
(QualCoder's ``refi.py``, ``RefiImport.import_project``), for the elements our export writes:

- a ``TextSource``'s ``Description`` is the file's memo; its text is the source file read in
  text mode as UTF-8 (line ends made ``\\n``), each ``\\n`` made ``\\n `` when the file's first
  line ends in CRLF (two characters a line end, as NVivo counts), but in a project ATLAS.ti
  wrote;
- a ``Code``'s ``Description`` is the code's memo, or the category's (``isCodable="false"``);
  a ``NoteRef`` of a code is not read;
- a ``PlainTextSelection``'s ``Description`` is the coding's memo, its quote the file's text
  from ``startPosition`` to ``endPosition``, its owner its ``creatingUser``'s name; a coding
  of a code a coding of the same place and owner has is not loaded (``code_text`` is unique
  on code, file, positions and owner: "Duplicated text coding ... Only one loaded."); a
  selection without a ``Coding`` is an annotation, and a second of the same place and owner
  stops the import (``annotation`` is unique on file, positions and owner, and its insert
  catches no error);
- a ``Note`` a ``TextSource`` refers to is taken for an annotation of a passage (left out when
  it holds no ``PlainTextSelection``); any other note with a ``plainTextPath`` and a name is a
  journal entry, its text that file's; one of a name an earlier entry has stops the import
  (QualCoder means to add a number to the name, ``randint(100-999)``, which raises
  ``TypeError``).
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

NS = {"q": "urn:QDA-XML:project:1.0"}


@dataclass
class QualCoderProject:
    file_memos: dict[str, str] = field(default_factory=dict)  # source name -> memo
    code_memos: dict[str, str] = field(default_factory=dict)  # code name -> memo
    category_memos: dict[str, str] = field(default_factory=dict)  # category name -> memo
    journals: dict[str, str] = field(default_factory=dict)  # entry name -> text
    texts: dict[str, str] = field(default_factory=dict)  # source name -> its text there
    # (source name, quote, coding memo, code name) of each coding
    codings: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (source name, quote, memo) of each annotation (a selection without a coding)
    annotations: list[tuple[str, str, str]] = field(default_factory=list)
    dropped: int = 0  # codings not loaded: their code, place and owner another's


def qualcoder_import(data: bytes) -> QualCoderProject:
    """The project ``data`` as QualCoder's import stores it (see the module's docstring)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = ElementTree.fromstring(archive.read("project.qde"))
    folder = "sources" if any(n.startswith("sources/") for n in archive.namelist()) else "Sources"
    atlas = "ATLAS" in (root.get("origin") or "")
    found = QualCoderProject()
    codes: dict[str, str] = {}
    for code in (root.find("q:CodeBook/q:Codes", NS) or ElementTree.Element("_")).iter():
        if code.tag == f"{{{NS['q']}}}Code":
            codes[code.get("guid") or ""] = code.get("name") or ""
            memo = ""
            for child in code.iterfind("q:Description", NS):
                memo = child.text or ""
            if code.get("isCodable") != "false":
                found.code_memos[code.get("name") or ""] = memo
            else:
                found.category_memos[code.get("name") or ""] = memo
    users = {u.get("guid"): u.get("name") or "" for u in root.iterfind("q:Users/q:User", NS)}
    coded: set[tuple[str, int, int, str, str]] = set()  # code_text's unique columns
    marked: set[tuple[str, int, int, str]] = set()  # annotation's
    annotations: set[str] = set()
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        name = source.get("name") or ""
        memo = ""
        for child in source.iterfind("q:Description", NS):
            memo = child.text or ""
        found.file_memos[name] = memo
        raw = archive.read(folder + (source.get("plainTextPath") or "").split("internal:/")[1])
        first_line = raw.split(b"\n", 1)[0]
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="replace").read()
        if first_line.endswith(b"\r") and b"\n" in raw and not atlas:
            text = text.replace("\n", "\n ")
        found.texts[name] = text
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = (
                int(selection.get("startPosition", "")),
                int(selection.get("endPosition", "")),
            )
            note = ""
            for child in selection.iterfind("q:Description", NS):
                note = child.text or note
            owner = users.get(selection.get("creatingUser"), "default")
            refs = selection.findall("q:Coding/q:CodeRef", NS)
            for ref in refs:
                unique = (name, start, end, owner, ref.get("targetGUID") or "")
                if unique in coded:
                    found.dropped += 1
                    continue
                coded.add(unique)
                found.codings.append(
                    (name, text[start:end], note, codes[ref.get("targetGUID") or ""])
                )
            if not refs:
                if (name, start, end, owner) in marked:
                    raise sqlite3.IntegrityError(
                        "QualCoder's import stops: a second annotation of one place and owner"
                    )
                marked.add((name, start, end, owner))
                found.annotations.append((name, text[start:end], note))
        annotations.update(ref.get("targetGUID") or "" for ref in source.iterfind("q:NoteRef", NS))
    for note in root.iterfind("q:Notes/q:Note", NS):
        path, name = note.get("plainTextPath"), note.get("name")
        if note.get("guid") in annotations or path is None or name == "":
            continue
        text = archive.read(folder + path.split("internal:/")[1]).decode("utf-8")
        if (name or "") in found.journals:
            raise TypeError(f"QualCoder's import stops: a second journal entry named {name!r}")
        found.journals[name or ""] = text
    return found


def qualcoder_export(data: bytes, project_memo: str = "") -> bytes:
    """The project ``data`` as QualCoder exports it again after importing it, in what these
    tests read: its ``origin`` QualCoder's; a file's and a code's memo only their
    ``Description`` (the notes a source or a code referred to, and the references, gone);
    the journal's entries notes of the project; ``project_memo`` (written in QualCoder) the
    project's ``Description``, its last element."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    ElementTree.register_namespace("", NS["q"])
    root = ElementTree.fromstring(archive.read("project.qde"))
    root.set("origin", "QualCoder 4.0 Beta")
    dropped: set[str] = set()
    for parent in [*root.iterfind("q:Sources/*", NS), *root.iter(f"{{{NS['q']}}}Code")]:
        for ref in parent.findall("q:NoteRef", NS):
            dropped.add(ref.get("targetGUID") or "")
            parent.remove(ref)
    notes = root.find("q:Notes", NS)
    for note in [] if notes is None else notes.findall("q:Note", NS):
        if note.get("guid") in dropped:
            notes.remove(note)  # type: ignore[union-attr]
    ElementTree.SubElement(root, f"{{{NS['q']}}}Description").text = project_memo
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as written:
        written.writestr("project.qde", ElementTree.tostring(root, encoding="utf-8"))
        for name in archive.namelist()[1:]:  # the sources after the project
            written.writestr(name, archive.read(name))
    return buffer.getvalue()
