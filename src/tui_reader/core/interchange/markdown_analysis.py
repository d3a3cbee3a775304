"""The Markdown export's parts for the analysis: YAML front matter with the exported
documents' attributes (for notes apps that read properties: Obsidian, ...; a note of one
document has them as its own properties), and a section of
memos (each document's and code's memo, then the journal's dated entries).

YAML strings are written double-quoted with JSON escapes (valid YAML, whatever they hold);
memos, which users write in Markdown, are kept as Markdown inside block quotes so that their
headings cannot break the export's structure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.display import BIDI_CONTROLS, DIRECTION_MARKS, stray_bytes_escaped
from tui_reader.core.documents.corpus import EXPORT_KIND, OWN_PROPERTY
from tui_reader.core.interchange.markdown_text import (
    closed_blocks,
    escape_inline,
    markdown_lines,
    nested_headings,
    tag_safe,
    without_block_ids,
    without_raw_html,
)
from tui_reader.core.interchange.places import display_time, is_time


def front_matter(
    attributes: Mapping[str, Mapping[str, Value]],
    keys: Iterable[str],
    file_keys: Mapping[str, str] | None = None,
) -> str:
    """``---`` YAML ``---`` with ``attributes:`` of the documents ``keys`` (as the export
    writes them; ``file_keys``: such a key -> the document's own, which ``attributes`` are
    under), or "" when none of them has any.  A note of one document has its attributes as
    properties of its own, one a line (:func:`_properties`): Obsidian's Properties panel
    shows no map, and Dataview reads a note's own properties by name.  Its first line marks
    the file as our export (:data:`~tui_reader.core.documents.corpus.EXPORT_KIND`),
    by which a listing of the corpus it was written into leaves it out, however long the
    attributes below it."""
    own = file_keys or {}
    documents = sorted(set(keys))
    if len(documents) == 1:
        values = attributes.get(own.get(documents[0], documents[0]))
        if not values:
            return ""
        lines = properties({OWN_PROPERTY: EXPORT_KIND}, values)
        return "\n".join(["---", *lines, "---", "", ""])
    lines = []
    named = _as_stored(documents, own)
    for key in documents:
        values = attributes.get(own.get(key, key))
        if not values:
            continue
        lines.append(f"  {_yaml(named[key])}:")
        lines.extend(f"    {_yaml(name)}: {_yaml(values[name])}" for name in sorted(values))
    if not lines:
        return ""
    mark = properties({OWN_PROPERTY: EXPORT_KIND})
    return "\n".join(["---", *mark, "attributes:", *lines, "---", "", ""])


def _as_stored(keys: Sequence[str], own: Mapping[str, str]) -> dict[str, str]:
    """Each document key as the export writes it -> the document as the JSON, project and
    W3C exports name it (``document``, ``documentKey``): the file's own name, a control
    character in it written as its YAML escape (``"esc\\u001b.txt"``, which a script's YAML
    reader reads as the file's name), not as the picture a reader is shown (``esc␛.txt``),
    and a byte that is no UTF-8 as ``\\xNN``, as they write it.  Two keys that would be
    written alike so (a file literally named ``caf\\xe9.txt`` beside a Latin-1 ``café.txt``)
    keep the export's keys, which tell them apart: a key twice is no YAML map."""
    named = {key: stray_bytes_escaped(own.get(key, key)) for key in keys}
    if len(set(named.values())) < len(named):
        twice = {v for v, n in Counter(named.values()).items() if n > 1}
        named = {key: key if given in twice else given for key, given in named.items()}
    return named


# The properties Obsidian gives a meaning of its own (and their older names): an attribute
# named so (a project's "tags" variable) would be read as the note's tags or aliases.
_OBSIDIAN_KEYS = frozenset({"tags", "aliases", "cssclasses", "tag", "alias", "cssclass"})


def _properties(
    values: Mapping[str, Value], reserved: frozenset[str] = _OBSIDIAN_KEYS
) -> list[str]:
    """A document's attributes as a note's properties, one a line: an attribute whose name
    is one of Obsidian's own (any case), or one of ``reserved`` (names casefolded), is
    ``attribute:NAME``, as the CSV export names one whose name a column has."""
    written = {}
    names = {name.casefold() for name in values}
    for name, value in values.items():
        given = name
        if name.casefold() in reserved:
            given = f"attribute:{name}"
            while given.casefold() in names:  # an attribute named so already
                given = f"attribute:{given}"
        written[given] = value
    return [f"{_yaml(name)}: {_yaml(written[name])}" for name in sorted(written)]


def properties(own: Mapping[str, Value], values: Mapping[str, Value] | None = None) -> list[str]:
    """The front matter's lines of a note of ours: its ``own`` properties first, then
    ``values`` (a document's attributes) as :func:`_properties` writes them, one named as an
    ``own`` property written ``attribute:NAME`` too."""
    reserved = _OBSIDIAN_KEYS | {name.casefold() for name in own}
    lines = [f"{_yaml(name)}: {_yaml(value)}" for name, value in own.items()]
    return [*lines, *_properties(values or {}, reserved)]


def memo_markdown(text: str, under: int = 0) -> str:
    """A memo's Markdown as a note shows it: kept, but for a ``^word`` Obsidian would take for
    a block id and a tag of no HTML element, which get a backslash (see ``_quoted``), and its
    headings nested under the note's heading of level ``under`` (``## Memo``), none when the
    memo is the whole note (see ``nested_headings``)."""
    lines = nested_headings(markdown_lines(text.strip("\r\n")), under)
    lines = without_raw_html(without_block_ids(lines))
    return "\n".join(closed_blocks(lines))


def _yaml(value: Value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    # (json.dumps(..., ensure_ascii=False) of a string: its encoder made anew at each call)
    return _NOT_PRINTABLE.sub(_escaped, encode_basestring(str(value)))


# What JSON leaves as it is but YAML cannot hold in a quoted string (DEL and the C1 controls
# are not printable: Obsidian's parser refuses the whole front matter) or reads as another
# character (NEXT LINE and the line and paragraph separators are line breaks to YAML 1.1,
# folded into a space); each is written as the escape both read alike.
# A bidi control or direction mark, which reorders what a terminal shows, is written so too.
_NOT_PRINTABLE = re.compile(
    f"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff{BIDI_CONTROLS}{DIRECTION_MARKS}]"
)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def memo_blocks(
    memos: Sequence[Memo], titles: Mapping[str, str], labels: Mapping[str, str]
) -> list[str]:
    """The ``## Memos`` section (none when there are no memos); ``titles`` names documents,
    ``labels`` the codes' tags as the passages carry them (see ``tag_labels``)."""
    if not memos:
        return []
    blocks = ["## Memos"]
    groups = [
        (MemoKind.DOCUMENT, "Documents"),
        (MemoKind.CODE, "Codes"),
        (MemoKind.JOURNAL, "Journal"),
    ]
    for kind, heading in groups:
        chosen = [m for m in memos if m.kind == kind]
        if not chosen:
            continue
        blocks.append(f"### {heading}")
        for memo in chosen:
            if kind == MemoKind.DOCUMENT:
                about = escape_inline(titles.get(memo.target, memo.target))
            elif kind == MemoKind.CODE:
                about = f"#{labels.get(memo.target) or tag_safe(memo.target)}"
            else:  # a stored word for its time ('yesterday') is no time: none shown
                about = display_time(memo.created) if is_time(memo.created) else "Undated"
            blocks.append(f"**{about}**")
            blocks.append(_quoted(memo.text, 3))
    return blocks


def _quoted(text: str, under: int) -> str:
    """A memo quoted, its headings nested under the export's heading of level ``under`` (the
    ``### Documents`` it is listed under): a memo's ``# Lucía`` reads as its title, under
    that heading in the file's outline, not as a second title of the export."""
    lines = nested_headings(markdown_lines(text.strip("\r\n")), under)
    lines = closed_blocks(without_raw_html(without_block_ids(lines)))
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
