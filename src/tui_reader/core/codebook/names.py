"""Tag names of the codebook: hierarchy by ``/`` (``policy/militarization``), validation, and
how a rename or merge of a parent carries its children."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from tui_reader.core.annotations.model import Tag, code_names, is_code_name
from tui_reader.core.display import is_safe
from tui_reader.core.errors import TagNameError
from tui_reader.core.natural_order import natural_key

# The longest code a person may type, and the longest level of it (between '/'): REFI-QDA and
# QualCoder set none, and a code longer is a paste gone wrong, which every CSV header, report
# column and ``tags`` line then carries.  Five levels of the longest make the whole.
TAG_LEVEL_LENGTH = 200
TAG_NAME_LENGTH = 1000
SHOWN_OF_A_LONG_NAME = 40  # characters of a name too long that its refusal shows


def long_name_shown(name: str) -> str:
    """``name`` as a message about its length shows it: its start, quoted, and "…"."""
    return f"{name[:SHOWN_OF_A_LONG_NAME]!r}…" if len(name) > SHOWN_OF_A_LONG_NAME else repr(name)


def name_up_to_its_bound(name: str) -> str:
    """A code's name as a list or a panel shows it: whole up to :data:`TAG_NAME_LENGTH`,
    then "…".  A code of 10 MB in a database edited by hand (one there already is kept) was
    wrapped whole in the side panel and every list showing its passages, minutes and
    gigabytes of the app frozen."""
    return name if len(name) <= TAG_NAME_LENGTH else f"{name[:TAG_NAME_LENGTH]}…"


def check_tag_name_length(name: str) -> None:
    """Raise :class:`TagNameError` when ``name`` is longer than :data:`TAG_NAME_LENGTH` or a
    level of it longer than :data:`TAG_LEVEL_LENGTH`: the one rule of a new code's length,
    typed or brought by a file or another database."""
    longest = max(len(level) for level in name.split("/"))
    if len(name) > TAG_NAME_LENGTH or longest > TAG_LEVEL_LENGTH:
        raise TagNameError(
            f"bad tag name {long_name_shown(name)} ({len(name):,} characters): a code may be at "
            f"most {TAG_NAME_LENGTH:,} characters, each level between '/' at most "
            f"{TAG_LEVEL_LENGTH}"
        )


def check_tag_name(name: str) -> None:
    """Raise :class:`TagNameError` unless ``name`` is words separated by single ``/``."""
    parts = name.split("/")
    if not name.strip() or any(not p.strip() or p != p.strip() for p in parts):
        raise TagNameError(
            f"bad tag name {name!r}: use words separated by '/', without empty parts or "
            "spaces around them"
        )


def check_typed_tag_names(names: Iterable[str], known: Collection[str]) -> None:
    """Raise :class:`TagNameError` for a name a person typed (an annotation's codes, a new
    name) that is not among ``known`` (the codebook, the passage's codes) and holds a control
    character, a line break or a direction mark: every export writes such a character as its
    picture (``␛``), so the code read back would be another, and each passage twice.  Names
    read from a file or another database are taken as the exports write them
    (:func:`~tui_reader.core.interchange.importing.exportable_codes`).  A name typed longer
    than :data:`TAG_NAME_LENGTH`, or with a level longer than :data:`TAG_LEVEL_LENGTH`, is
    refused too (a code there already is kept, and can be renamed)."""
    for name in names:
        if name not in known:
            check_tag_name_length(name)
        if name not in known and any("\udc80" <= c <= "\udcff" for c in name):
            # bytes no UTF-8 decodes (a Latin-1 terminal's "señal"): no control character
            raise TagNameError(
                f"bad tag name {name!r}: it holds bytes that are not UTF-8 (typed where the "
                "terminal's encoding is not UTF-8?)"
            )
        if name not in known and not is_safe(name):
            raise TagNameError(
                f"bad tag name {name!r}: a control character, line break or direction mark "
                "cannot be part of a code"
            )
        if name not in known and (hidden := invisible_in(name)) is not None:
            raise TagNameError(
                f"bad tag name {name!r}: an invisible character ({hidden}) cannot be part of a "
                "code: it would look like another"
            )


# Characters that show as nothing and join no letters (as the zero-width joiner and
# non-joiner do, in emoji and in Persian or Indic words): a code pasted from a web page or a
# chat with one ("border\u200bsecurity") was taken, and looked just like the code typed
# without it beside it in every list, its passages apart.
_INVISIBLE_NAMES = {
    "\u00ad": "a soft hyphen, U+00AD",
    "\u180e": "a Mongolian vowel separator, U+180E",
    "\u200b": "a zero-width space, U+200B",
    "\u2060": "a word joiner, U+2060",
    "\u2061": "an invisible function application, U+2061",
    "\u2062": "an invisible times, U+2062",
    "\u2063": "an invisible separator, U+2063",
    "\u2064": "an invisible plus, U+2064",
    "\ufeff": "a zero-width no-break space, U+FEFF",
}
_INVISIBLE = re.compile("[" + "".join(_INVISIBLE_NAMES) + "]")


def invisible_in(name: str) -> str | None:
    """The first character of ``name`` that shows as nothing (see :data:`_INVISIBLE_NAMES`),
    in words ("a zero-width space, U+200B"); None when it holds none."""
    hidden = _INVISIBLE.search(name)
    return None if hidden is None else _INVISIBLE_NAMES[hidden.group()]


def holds_invisible(name: str) -> bool:
    """Whether ``name`` holds a character that shows as nothing (a zero-width space, a soft
    hyphen: see :func:`check_typed_tag_names`)."""
    return invisible_in(name) is not None


def tag_order(name: str) -> tuple[tuple[tuple[str | int, ...], ...], str]:
    """The sort key of a code wherever codes are listed (the codebook tree, completions,
    reports, ``tags``): level by level (a parent, then its children), each level in natural
    order (``t1, t2, t14``, case aside), then as spelled (``T3`` before ``t3``)."""
    return tuple(natural_key(level) for level in name.split("/")), name


def in_tag_order(names: Iterable[str]) -> list[str]:
    """``names`` sorted by :func:`tag_order`."""
    return sorted(names, key=tag_order)


def in_scope(tag: str, wanted: Sequence[str]) -> bool:
    """True when ``wanted`` is empty or ``tag`` is one of them or below one (``policy``
    takes ``policy/border``)."""
    return not wanted or any(tag == w or tag.startswith(w + "/") for w in wanted)


def rolled_up(tag: str, depth: int, wanted: Sequence[str] = ()) -> str:
    """The code ``tag`` counts as when codes are taken at their first ``depth`` levels
    (``security/border/wall`` at depth 1 is ``security``: a unit coded with a code below
    counts as coded with it), as agreement's and report's ``--depth`` take them; never cut
    above the code of ``wanted`` it is under (with ``--tag security/border``,
    ``security/border/wall`` is ``security/border``)."""
    levels = tag.split("/")
    floor = max((w.count("/") + 1 for w in wanted if in_scope(tag, [w])), default=0)
    return "/".join(levels[: max(depth, floor)])


def tag_path(name: str) -> str:
    """``name`` without empty levels (``a//b/`` -> ``a/b``): how exports nest a tag that was
    stored before names were checked."""
    return "/".join(part for part in name.split("/") if part)


def is_within(name: str, parent: str) -> bool:
    """``name`` is ``parent`` itself or one of its descendants (``parent/...``)."""
    return name == parent or name.startswith(parent + "/")


def renamed(name: str, old: str, new: str) -> str | None:
    """``name`` after renaming ``old`` to ``new`` (descendants follow), else None."""
    if name == old:
        return new
    if name.startswith(old + "/"):
        return new + name[len(old) :]
    return None


def stored_tag_name(value: object) -> str:
    """The code a codebook record's name stands for, read as a passage's codes are
    (:func:`~tui_reader.core.annotations.model.code_names`: ``5`` is ``"5"``, ``"x/"`` is
    ``x``, ``"a//b"`` is ``a/b``); ``""`` for a name with no level (``""``, ``"/"``), which
    names no code, as for a value that is neither text nor a number (``null``, an object)."""
    return next(iter(code_names((value,))), "") if is_code_name(value) else ""


def tag_from_record(record: dict[str, Any]) -> Tag:
    """The code of codebook record ``record``; a colour or description that is no text (a
    number, null, a list edited in by hand) is none (:func:`tag_field_problems` says it):
    ``"description": 5`` was listed as the description "5", ``null`` as "None"."""
    color, description = record.get("color", ""), record.get("description", "")
    return Tag(
        name=stored_tag_name(record["name"]),
        color=color if isinstance(color, str) else "",
        description=description if isinstance(description, str) else "",
    )


def tag_field_problems(record: dict[str, Any]) -> list[str]:
    """The colour or description of codebook record ``record`` that is no text, each said
    as what it is (:func:`tag_from_record` reads it as none)."""
    return [
        f"its {said} is no text ({json.dumps(record[field])[:40]}); listed without it"
        for field, said in (("color", "colour"), ("description", "description"))
        if field in record and not isinstance(record[field], str)
    ]


def tag_record(tag: Tag) -> dict[str, Any]:
    return {"name": tag.name, "color": tag.color, "description": tag.description}
