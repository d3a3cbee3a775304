"""What the REFI-QDA project (``.qdpx``) and codebook (``.qdc``) exports share: GUIDs, colours
and the code tree.

REFI-QDA (https://www.qdasoftware.org) is the exchange standard of QualCoder, ATLAS.ti, MAXQDA
and NVivo.  GUIDs are 8-4-4-4-12 hex; ours are derived from stable names (uuid5) so that two
exports of the same work carry the same GUIDs and a tool can match them up.
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.codebook.names import tag_path
from tui_reader.core.codebook.tree import TagNode, tag_tree
from tui_reader.core.errors import ExportError
from tui_reader.core.interchange.places import utc_to_the_second

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.UUID("6f0b8f0e-6c1e-5a7b-9d3e-2b1f4f6a7c21")  # tui-reader's uuid5 namespace
_SHA1_OF_NAMESPACE = hashlib.sha1(_NAMESPACE.bytes, usedforsecurity=False)  # uuid5's first step
# A GUID as REFI-QDA's GUIDType takes it: 8-4-4-4-12 hex, bare or in braces (as tools on
# Windows write it, "{8F2B...}")
_GUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}"
)
# Characters XML 1.0 cannot hold (lone surrogates, most C0 controls); each is replaced by one
# U+FFFD so that code-point positions stay valid.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def date_time(iso: str) -> str | None:
    """An ISO 8601 timestamp as ``xsd:dateTime`` (``Z`` for UTC), as REFI-QDA and the W3C
    model take times; None when it is none (empty, or words an import brought).  A time in
    tui-reader's own form is one already: a team's annotations each have their own time, and
    100,000 parsed and written again took 0.2 s of an export."""
    return iso if utc_to_the_second(iso) else _parsed_date_time(iso)


@functools.lru_cache(maxsize=4096)
def _parsed_date_time(iso: str) -> str | None:
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def utc_date_time(iso: str) -> str | None:
    """An ISO 8601 timestamp as the W3C model requires one, an ``xsd:dateTime`` in UTC
    written with ``Z`` (``2020-02-28T09:00:00+01:00`` is ``2020-02-28T08:00:00Z``; a time
    with no offset, which another tool may have given, a date alone, taken as UTC, as
    tui-reader keeps times); None when it is none."""
    return iso if utc_to_the_second(iso) else _parsed_utc_date_time(iso)


@functools.lru_cache(maxsize=4096)
def _parsed_utc_date_time(iso: str) -> str | None:
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold replaced by U+FFFD (same length)."""
    return _NOT_XML.sub("\ufffd", text)


def guid(kind: str, name: str) -> str:
    """A stable GUID for the thing of ``kind`` called ``name`` (upper-case 8-4-4-4-12):
    ``str(uuid.uuid5(namespace, f"{kind}:{name}")).upper()``, made without the UUID object
    (a project export makes one per coding: hundreds of thousands)."""
    digest = _SHA1_OF_NAMESPACE.copy()
    digest.update(f"{kind}:{name}".encode())
    text = digest.hexdigest().upper()
    # version 5 (the 13th digit) and the RFC 4122 variant (the top bits of the 17th)
    return f"{text[:8]}-{text[8:12]}-5{text[13:16]}-{_VARIANT[text[16]]}{text[17:20]}-{text[20:32]}"


_VARIANT = {digit: "89AB"[int(digit, 16) & 3] for digit in "0123456789ABCDEF"}


def annotation_guid(annotation: Annotation) -> str:
    """The annotation's own id when it is a GUID already (ours are uuid4), else one derived
    from it."""
    return guid_of_annotation(annotation.id)


def guid_of_annotation(ident: str) -> str:
    """:func:`annotation_guid` of the annotation whose id is ``ident``."""
    return own_guid("annotation", ident)


@functools.lru_cache(maxsize=1024)
def coder_guid(coder: str) -> str:
    """The GUID of a coder's ``User`` (``""`` for no coder): of their passages and memos."""
    return guid("coder", coder) if coder else ""


def own_guid(kind: str, ident: str) -> str:
    """The GUID of the thing of ``kind`` whose id is ``ident``: the id itself when it is a
    GUID already, bare or in braces (so an export read back keeps its ids, and a selection or
    note read from another tool's project goes back to it as its own), else one derived from
    it."""
    if _GUID.fullmatch(ident):
        return ident.upper()
    return guid(kind, ident)


def is_guid(ident: str) -> bool:
    """Whether ``ident`` is a GUID (bare or in braces): what an export keeps as it is."""
    return _GUID.fullmatch(ident) is not None


@functools.lru_cache(maxsize=4096)  # a project names its codes and users thousands of times
def guid_key(given: str | None) -> str:
    """A GUID as it is looked up: in lower case and out of braces, a GUID being the same
    in either case (RFC 4122) and the standard's schema taking it in braces or not, where a
    project naming a code, user, source or variable otherwise than it declares it (``5AB6…``
    declared, ``5ab6…`` or ``{5AB6…}`` named) lost each such coding ("no code in the
    codebook"), each passage's coder without a word, and the values of the cases and sets
    naming the source; any other id as it is written."""
    given = given or ""
    if (given[:1] == "{" or given != given.lower()) and is_guid(given):
        return given.strip("{}").lower()  # in braces or not, the schema takes both
    return given


def our_id_of(
    their_id: str, known: Callable[[str], bool], our_ids: Callable[[], Mapping[str, str]]
) -> str | None:
    """The id here of a passage whose own id ``their_id`` is not here, when the two are one
    passage across a REFI-QDA export: an annotation whose id is no GUID (one imported from a
    JSON file or another tool, ``hl-17``) goes to a project under a GUID derived from that id
    (:func:`guid_of_annotation`), and whoever imports that project has it under that GUID
    (lower case, as a project's GUIDs are read).  Their GUID derived from one of our ids is
    that id; their id that is no GUID is the one of ours that is its derived GUID.
    ``known``: whether an id is here; ``our_ids``: :func:`derived_guids` of our ids (asked
    for only when ``their_id`` is a GUID); None: neither."""
    if is_guid(their_id):
        return our_ids().get(their_id.lower())
    derived = guid_of_annotation(their_id)
    for candidate in (derived.lower(), derived):
        if known(candidate):
            return candidate
    return None


def derived_guids(ids: Iterable[str]) -> dict[str, str]:
    """Each of ``ids`` that is no GUID by the GUID an export gives it, in lower case."""
    return {guid_of_annotation(i).lower(): i for i in ids if not is_guid(i)}


def rgb(color: str) -> str | None:
    """A tag colour as ``#RRGGBB``; None if there is none (or it is not a colour)."""
    parsed = colour_hex(color)
    return parsed.upper() if parsed else None


def code_names(
    tags: Sequence[Tag], tag_sets: Iterable[Sequence[str]], within: Sequence[str] = ()
) -> list[str]:
    """Every tag of the codebook and of the annotations (``tag_sets``: the tags of each),
    codebook order first; ``within``: only those codes and the codes below them (a
    selection's ``--tag``), none else."""
    names = dict.fromkeys(t.name for t in tags)
    names.update((tag, None) for tag_set in tag_sets for tag in tag_set)  # a known key stays
    paths = (tag_path(n) for n in names)  # each distinct name once, in order of first use
    found = list(dict.fromkeys(path for path in paths if path))
    if within:
        chosen = [tag_path(w) for w in within]
        found = [n for n in found if any(n == w or n.startswith(w + "/") for w in chosen)]
    return found


def codes_to_write(
    tags: Sequence[Tag], tag_sets: Iterable[Sequence[str]], within: Sequence[str] = ()
) -> list[str]:
    """:func:`code_names` for a codebook file, which holds at least one code: raises
    :class:`ExportError` when there is none (none asked for, or an empty codebook)."""
    names = code_names(tags, tag_sets, within)
    if not names and within:
        asked = ", ".join(repr(s) for s in within)
        raise ExportError(f"no tags to export: no code is {asked} or below it")
    if not names:
        raise ExportError("no tags to export: the codebook is empty")
    return names


@functools.lru_cache(maxsize=4096)  # one per code, asked for by every coding
def code_guid(name: str) -> str:
    return guid("code", tag_path(name))


def unique_suffix(parent: str, number: int = 1) -> str:
    """What makes a code's name unique: `` (security)`` for ``security/border``, and
    `` (security 2)`` when another code of the project is named ``border (security)``
    itself (the second of that name, 3 the third, ...)."""
    return f" ({parent})" if number == 1 else f" ({parent} {number})"


def without_unique_suffix(name: str, parent: str) -> str:
    """``name``, a code's below the code or category ``parent`` (its path), without the
    suffix :func:`unique_suffix` gave it there, if it has one."""
    if name.endswith(unique_suffix(parent)):
        return name.removesuffix(unique_suffix(parent))
    head, space, number = name.removesuffix(")").rpartition(" ")
    if (
        name.endswith(")")
        and space
        and number.isascii()
        and number.isdigit()
        and int(number) >= 2
        and not number.startswith("0")
        and head.endswith(f" ({parent}")
    ):
        return head.removesuffix(f" ({parent}")
    return name


def unique_code_names(names: Sequence[str]) -> dict[str, str]:
    """The codes whose last part another code shares (``security/border``,
    ``migration/border``): path -> the unique name they are exported under
    (``border (security)``; ``border (security 2)`` when a code is named ``border
    (security)`` itself).  QualCoder keeps one code per name, so without this their
    codings would fall together (a coding of a code whose name was taken is loaded with no
    code); :mod:`tui_reader.core.interchange.qdpx_read` reads the suffix back off."""
    paths: set[str] = set()
    for name in names:
        parts = name.split("/")
        paths.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    last: dict[str, list[str]] = {}
    for path in sorted(paths):
        last.setdefault(path.rpartition("/")[2], []).append(path)
    renamed = [path for group in last.values() if len(group) > 1 for path in group if "/" in path]
    kept = paths.difference(renamed)  # each written under its last part
    taken = {path.rpartition("/")[2] for path in kept}
    unique: dict[str, str] = {}
    for path in renamed:
        parent, _, part = path.rpartition("/")
        number = 1
        while (name := part + unique_suffix(parent, number)) in taken:
            number += 1
        taken.add(name)
        unique[path] = name
    return unique


# Between a code's description and its memo in the code's Description, where QualCoder reads
# a code's memo (one text): a Markdown rule, as a memo merged with another is parted.
MEMO_RULE = "\n\n---\n\n"
# A rule's line: the description or the memo may hold one of their own (a description of a
# code's uses and its exclusions, parted so); the rule between them is then longer than
# any either holds, and the longest is the one that parts them.
_RULE_LINE = re.compile(r"^-{3,}$", re.MULTILINE)


def code_description(description: str, memo: str) -> str:
    """A code's ``Description``: its description, then its memo below a rule (of more dashes
    than any rule line of either, ``---`` when they hold none), each alone when the other
    is empty, as QualCoder shows it (its code memo).  A memo alone that
    :func:`parted_description` would cut at a rule of its own (two memos merged, parted by
    ``---``, ending in a line end as each memo here does) is written with one more line end
    after it: QualCoder shows the memo as it is, and it reads back whole.  One alone that
    would still be cut has the rule after it (a description) or before it (a memo); one it
    would take for the other, a memo of one line, a description of several, is read back
    from QualCoder (its GUID new) as what the code holds here (:func:`as_described_here`)."""
    longest = max(map(len, _RULE_LINE.findall(f"{description}\n{memo}")), default=0)
    rule = "-" * max(3, 1 + longest)
    if not memo.strip():
        return description if _whole(description) else f"{description}\n\n{rule}"
    if description:
        joined = f"{description}\n\n{rule}\n\n{memo}"
        if parted_description(joined) != (description, memo):  # a memo ending in an empty line
            joined = f"{description}\n\n-{rule}\n\n{memo}"
        return joined
    if _whole(memo):
        return memo
    if parted_description(f"{memo}\n") == ("", memo):
        return f"{memo}\n"
    return f"{rule}\n\n{memo}"


def _whole(text: str) -> bool:
    """Whether :func:`parted_description` reads ``text`` as one part, uncut."""
    return parted_description(text) in ((text, ""), ("", text))


# What heads a colleague's memo a merge joined to ours below ``---`` (merge.memo_additions)
_MERGED_FROM = re.compile(r"From [^\n]+:\n\n")


def parted_description(text: str) -> tuple[str, str]:
    """The description and the memo of a code's ``Description`` another tool wrote: a line
    alone is a description, but a line ending in a line end, as a memo is kept here (and
    QualCoder keeps it: a memo of one line sent there and back, or in our codebook, into
    another database, is a memo there, not a description); a description, the rule and a
    memo (as :func:`code_description` writes them, back from QualCoder) are both, the rule
    alone before a memo or after a description that one (of rules of several lengths, the
    longest: the others are the description's or the memo's own); but text parted by
    ``---`` and ending in an empty line is a memo of memos merged (each memo here ends in a
    line end), whole, less its last line end (:func:`code_description` writes a description
    and a memo ending so with a longer rule), and so is one whose part after the rule is
    headed as a merge heads a colleague's memo ("From ben.json:"), its empty line deleted
    in QualCoder; any other text of more lines is a memo (QualCoder's code memo, a tool's
    note of several paragraphs)."""
    if "\n" not in text.strip():
        return ("", text) if text.strip() and text.endswith("\n") else (text, "")
    rule = max(_RULE_LINE.findall(text), key=len, default="---")
    if text.startswith(f"{rule}\n\n"):
        return "", text.removeprefix(f"{rule}\n\n")
    head, parting, rest = text.partition(f"\n\n{rule}\n\n")
    if parting and head.strip():
        if rule == "---" and text.endswith("\n\n"):
            return "", text.removesuffix("\n")
        if rule == "---" and _MERGED_FROM.match(rest):
            return "", text  # its empty line taken away in QualCoder: still whole
        return head, rest
    if text.endswith(f"\n\n{rule}"):
        return text.removesuffix(f"\n\n{rule}"), ""
    return "", text


def as_described_here(
    tags: Sequence[Tag], memos: Sequence[Memo], ours: Iterable[Tag], our_memos: Iterable[Memo]
) -> tuple[list[Tag], list[Memo]]:
    """``tags`` and ``memos`` read from another tool's project or codebook, a code's text our
    export wrote alone read back as what it is here: QualCoder keeps a code's description
    and memo as its one memo, written back as the code's ``Description``, where a line alone
    reads as a description and more as a memo (:func:`parted_description`).  A description
    that is a memo the code has here (``ours`` and ``our_memos``, names in any case) is no
    description, and a memo that is the code's description here is no memo."""
    described = {t.name.casefold(): t.description.strip() for t in ours}
    noted: dict[str, set[str]] = defaultdict(set)
    for memo in our_memos:
        if memo.kind is MemoKind.CODE:
            noted[memo.target.casefold()].add(memo.text.strip())
    kept = []
    for tag in tags:
        key, text = tag.name.casefold(), tag.description.strip()
        if text and text != described.get(key) and text in noted[key]:
            tag = Tag(tag.name, tag.color, "")
        kept.append(tag)
    left = [
        memo
        for memo in memos
        if memo.kind is not MemoKind.CODE
        or not (text := memo.text.strip())
        or text != described.get(memo.target.casefold())
        or text in noted[memo.target.casefold()]
    ]
    return kept, left


def add_codes(
    parent: ET.Element,
    ns: str,
    tags: Sequence[Tag],
    names: Sequence[str],
    notes: Mapping[str, Sequence[str]] | None = None,
    memos: Mapping[str, str] | None = None,
) -> set[str]:
    """Append a ``Codes`` element to ``parent``: the tag hierarchy as nested ``Code`` elements,
    in the order of ``names`` (the codebook's first: its creation order); returns the paths
    of the codes written, the categories among them.

    A parent that is not itself a tag (``policy`` of ``policy/border``) is a category:
    ``isCodable="false"``.  Names are unique (:func:`unique_code_names`).  ``notes``: the
    GUIDs of the notes about each code (its path), referred to from it (``NoteRef``);
    ``memos``: the text of each code's memo, in its ``Description`` after its description
    (:func:`code_description`), where QualCoder reads a code's memo.
    """
    by_path = {tag_path(t.name): t for t in tags}
    renamed = unique_code_names(names)
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    written: set[str] = set()

    def add(into: ET.Element, node: TagNode) -> None:
        written.add(node.path)
        tag = by_path.get(node.path)
        attrs = {
            "guid": code_guid(node.path),
            "name": xml_safe(renamed.get(node.path, node.name)),
            "isCodable": "true" if node.declared else "false",
        }
        color = rgb(tag.color) if tag is not None else None
        if color is not None:
            attrs["color"] = color
        element = ET.SubElement(into, f"{{{ns}}}Code", attrs)
        memo = (memos or {}).get(node.path, "")
        # a category's Description is its memo, whole (a category has no description)
        described = code_description(tag.description, memo) if tag is not None else memo
        if described:
            ET.SubElement(element, f"{{{ns}}}Description").text = xml_safe(described)
        for note in (notes or {}).get(node.path, ()):
            ET.SubElement(element, f"{{{ns}}}NoteRef", {"targetGUID": note})
        for child in node.children.values():
            add(element, child)

    # Siblings in the codebook's order (a child of a parent where the first of its codes
    # is), not sorted: an import creates the codes in the order it reads them, and a
    # code's automatic highlight colour is its place in the codebook.
    for node in tag_tree(names).children.values():
        add(codes, node)
    return written


def xml_bytes(root: ET.Element, ns: str) -> bytes:
    """The document as UTF-8 bytes with an XML declaration and no byte-order mark, ``ns`` the
    default namespace."""
    ET.register_namespace("", ns)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")
