"""Tag names as the user types them: parsing a comma-separated field, completing against the
codebook.  Hierarchical names use ``/`` (``policy/militarization``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from tui_reader.core.annotations.model import composed, tidy_level
from tui_reader.core.errors import TuiReaderError


def normalise_tag(raw: str) -> str:
    """``raw`` as a tag name: whitespace runs collapsed to one space, no spaces around ``/``,
    no empty levels (``" a / /b "`` -> ``"a/b"``), accents composed (NFC: ``é`` typed or
    pasted as ``e`` and a combining accent is the one ``é``).  Empty when nothing is left."""
    return "/".join(level for level in tidy_tag(raw).split("/") if level)


def has_empty_level(raw: str) -> bool:
    """Whether ``raw`` has an empty level between two of its levels (``a//b``, ``a/ /b``),
    which :func:`normalise_tag` drops."""
    return "//" in tidy_tag(raw).strip("/")


def empty_levels_said(raw: str) -> str | None:
    """What :func:`normalise_tag` changed of ``raw`` beyond its spaces, as one line to show:
    an empty level inside it dropped (``=HYPERLINK("http://x")`` is the code
    ``=HYPERLINK("http:/x")``, a '/' parting its levels), which was taken with no word; None
    when there is none (a trailing '/', ``fear/``, names ``fear`` as a query takes it)."""
    if not has_empty_level(raw):
        return None
    return (
        f"{raw!r} has an empty level between two '/' (a '/' parts a code's levels): "
        f"taken as {normalise_tag(raw)!r}"
    )


def tidy_tag(raw: str) -> str:
    """``raw`` with its spaces tidied as :func:`normalise_tag` tidies them (runs made one
    space, none around ``/``: ``" spaced / out "`` -> ``"spaced/out"``), accents composed,
    an empty level kept (``a//b``).  Only spaces are tidied: a tab or a line break
    (no field of the app takes one) stays, for the name to be refused as holding it."""
    return "/".join(tidy_level(part, " ") for part in composed(raw).split("/"))


def _folded(name: str) -> str:
    """A tag name as two spellings of one tag compare: case aside, accents composed, a
    compatibility character as the letters it stands for (``ǅ`` is ``Dž``)."""
    if name.isascii():
        return name.casefold()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def folded_tag(name: str) -> str:
    """``name`` as two spellings of one tag compare (see :func:`codebook_spellings`)."""
    return _folded(name)


def codebook_spellings(codebook: Iterable[str]) -> dict[str, str]:
    """Each tag of ``codebook`` and each parent of one, as two spellings of one tag compare
    (:func:`folded_tag`: case aside, accents however encoded) -> as the codebook spells it."""
    codebook = list(codebook)
    known = {_folded(name): name for name in codebook}
    for tag in codebook:
        parts = tag.split("/")
        for depth in range(1, len(parts)):
            parent = "/".join(parts[:depth])
            known.setdefault(_folded(parent), parent)
    return known


def codebook_spelling(name: str, known: dict[str, str]) -> str:
    """``name`` as the codebook spells it (``known``: :func:`codebook_spellings`): a code of
    it, or one below a code of it (``FEAR/x`` where ``Fear`` is: ``Fear/x``, not a second
    top-level ``FEAR`` beside ``Fear``, which a query takes as one), its own levels as
    typed; else ``name``."""
    whole = known.get(_folded(name))
    if whole is not None:
        return whole
    parts = name.split("/")
    for depth in range(len(parts) - 1, 0, -1):
        parent = known.get(_folded("/".join(parts[:depth])))
        if parent is not None:
            return "/".join([parent, *parts[depth:]])
    return name


def spelled_below(name: str, codes: Iterable[str], moved: str | None = None) -> str:
    """``name`` (a new name: a rename's, a code set) with the levels above its last spelled
    as the code of ``codes`` they name is spelled (:func:`codebook_spelling`: ``FEAR/y``
    where ``Fear`` is, ``Fear/y``), its last level as typed; ``moved``: the code renamed,
    which with the codes below it is no code to put it under."""
    head, slash, last = name.rpartition("/")
    if not slash:
        return name
    gone = None if moved is None else _folded(moved)
    kept = [
        code
        for code in codes
        if gone is None or not (_folded(code) == gone or _folded(code).startswith(gone + "/"))
    ]
    return f"{codebook_spelling(head, codebook_spellings(kept))}/{last}"


def spelled_nearly(name: str, codes: Iterable[str]) -> str | None:
    """The code of ``codes`` spelled as ``name`` but for case and accents (``migracion/viaje``
    for ``migración/viaje``: two codes, as the codebook keeps them), else nearly so (a letter
    amiss); None when none is, or ``name`` is one of them.  A code ``name`` is below, or
    one below ``name``, is none: ``Fear/x`` is a new code under ``Fear``, no slip for it;
    beside a code under the same code, their own names alone are weighed so."""
    import difflib

    from tui_reader.core.near_spelling import close_matches

    by_key: dict[str, str] = {}
    folded = _folded(name)
    for code in codes:
        known = _folded(code)
        if known == folded:
            return None
        if folded.startswith(known + "/") or known.startswith(folded + "/"):
            continue
        by_key.setdefault(_unaccented(code), code)
    key = _unaccented(name)
    if key in by_key:
        return by_key[key]
    # two codes under one code are told apart by their own names: Fear/y beside Fear/x (or
    # actors/uk beside actors/us) is no slip for it, as the whole names' likeness said
    head, _, own = key.rpartition("/")
    for near in close_matches(key, by_key, n=max(1, len(by_key)), cutoff=0.8):
        near_head, _, near_own = near.rpartition("/")
        if not head or near_head != head:
            return by_key[near]
        if difflib.SequenceMatcher(None, own, near_own).ratio() >= 0.8:
            return by_key[near]
    return None


def _unaccented(name: str) -> str:
    if name.isascii():  # nothing to take apart (a name pasted a megabyte long: at once)
        return name.casefold()
    split = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    return "".join(ch for ch in split if not unicodedata.combining(ch))


def parse_tags(field: str, codebook: Sequence[str] = ()) -> tuple[str, ...]:
    """The tags named in a comma-separated ``field``, in order, without duplicates.

    A name matching a codebook tag case-insensitively takes the codebook's spelling, so
    ``Protest`` does not create a second tag beside ``protest``.
    """
    return as_in_codebook(map(normalise_tag, comma_separated(field, codebook)), codebook)


def comma_separated(field: str, codebook: Iterable[str] = ()) -> list[str]:
    """``field``'s comma-separated items as typed, where a run of them names a ``codebook``
    code that holds a comma (``Fear, anxiety``, imported from another tool) that code's run
    as one item, spelled as the codebook spells it, the longest run first: a code's name is
    never cut in two codes."""
    parts = field.split(",")
    whole = {_comma_key(name): name for name in codebook if "," in name}
    if not whole or len(parts) < 2:
        return parts
    longest = max(name.count(",") for name in whole.values())
    items: list[str] = []
    at = 0
    while at < len(parts):
        for commas in range(min(longest, len(parts) - at - 1), 0, -1):
            name = whole.get(_comma_key(",".join(parts[at : at + commas + 1])))
            if name is not None:
                items.append(name)
                at += commas + 1
                break
        else:
            items.append(parts[at])
            at += 1
    return items


def _comma_key(name: str) -> str:
    """A name holding commas as two spellings of one tag compare, whatever the spaces
    typed around its commas."""
    return ",".join(_folded(normalise_tag(part)) for part in name.split(","))


def as_in_codebook(names: Iterable[str], codebook: Sequence[str] = ()) -> tuple[str, ...]:
    """``names`` (tags given), in order, each once whatever its case, a name matching a
    codebook tag (or a parent of one) case-insensitively, however its accents are encoded,
    spelled as the codebook spells it, and so a name below one (:func:`codebook_spelling`);
    another one with its accents composed; empty ones left out."""
    known = codebook_spellings(codebook)
    result: list[str] = []
    seen: set[str] = set()
    for given in names:
        if not given:
            continue
        name = codebook_spelling(composed(given), known)
        if _folded(name) not in seen:
            seen.add(_folded(name))
            result.append(name)
    return tuple(result)


def format_tags(tags: Sequence[str]) -> str:
    """Tags as the dialog's field shows them: ``"a, b/c"``."""
    return ", ".join(tags)


def _split_last(field: str) -> tuple[str, str]:
    """``field`` split into everything up to the last item (with its comma and spaces) and
    the last item as typed."""
    head, comma, last = field.rpartition(",")
    stripped = last.lstrip()
    return head + comma + last[: len(last) - len(stripped)], stripped


def complete_last_tag(field: str, codebook: Sequence[str]) -> str | None:
    """``field`` with its last comma-separated item completed as a shell completes a word:
    to what the codebook tags it is a case-insensitive prefix of (skipping tags already in
    the field) have in common, ``mil`` to ``militarization`` beside
    ``militarization/patrols`` and ``milit`` beside ``militia`` too; when they have no more
    in common, to the first of them (the codebook's order: the most used first).  None when
    there is nothing to add.

    The completion always starts with ``field`` as typed, as an inline suggestion must.  A
    last item that is a codebook tag already is not completed to a longer one (``violence``
    to ``violence/state``): enter takes the field's value, so the field must show no more
    than that; the longer names are begun by typing on (``violence/``) or by ``→`` again
    (:func:`next_completion`).
    """
    head, last = _split_last(field)
    if not last:
        return None
    folded = last.casefold()
    if any(name.casefold() == folded for name in codebook):
        return None
    names = completions(field, codebook)
    if not names:
        return None
    common = len(names[0])
    for name in names[1:]:
        common = min(common, _common_length(names[0], name))
    if common <= len(last):  # nothing more in common: the first of them
        common = len(names[0])
    return head + last + names[0][len(last) : common]


def completions(field: str, codebook: Sequence[str]) -> list[str]:
    """The codebook tags the last item of ``field`` completes to (it a case-insensitive
    prefix of them, longer than it), in the codebook's order, less those in the field."""
    head, last = _split_last(field)
    if not last:
        return []
    already = {name.casefold() for name in parse_tags(head)}
    folded = last.casefold()
    return [
        name
        for name in codebook
        if name.casefold() not in already
        and name.casefold().startswith(folded)
        and len(name) > len(last)
    ]


def next_completion(stem: str, field: str, codebook: Sequence[str]) -> str | None:
    """``field``, its last item completed from ``stem`` (the field as typed before ``→``),
    with that item made the next tag ``stem`` completes to, after the last the first, as a
    shell's next press of tab offers the next word; None when there is no other."""
    names = completions(stem, codebook)
    head, last = _split_last(field)
    folded = last.casefold()
    at = next((i for i, name in enumerate(names) if name.casefold() == folded), -1)
    if not names or (at >= 0 and len(names) == 1):
        return None
    return head + names[(at + 1) % len(names)]


def _common_length(one: str, other: str) -> int:
    """How many code points ``one`` and ``other`` begin with alike, case aside."""
    size = 0
    for a, b in zip(one, other, strict=False):
        if a.casefold() != b.casefold():
            break
        size += 1
    return size


def matching_tags(field: str, codebook: Sequence[str], limit: int = 8) -> list[str]:
    """Codebook tags worth showing for the last item of ``field``: prefix matches first, then
    tags with a level starting with it, then any containing it, each group in the codebook's
    order but for those spelled as typed, which lead it; all of them when it is empty.  Tags
    already in the field are left out."""
    head, last = _split_last(field)
    already = {name.casefold() for name in parse_tags(head)}
    candidates = [name for name in codebook if name.casefold() not in already]
    folded = normalise_tag(last).casefold()
    if not folded:
        return candidates[:limit]
    prefix = [n for n in candidates if n.casefold().startswith(folded)]
    level = [
        n
        for n in candidates
        if n not in prefix and any(p.casefold().startswith(folded) for p in n.split("/"))
    ]
    inside = [
        n for n in candidates if n not in prefix and n not in level and folded in n.casefold()
    ]
    # A tag spelled as typed comes first, and a tag with a level spelled so first of those:
    # "fear" typed, emotion/fear before actors/fearmongers, which its order put first.
    prefix.sort(key=lambda n: n.casefold() != folded)
    level.sort(key=lambda n: all(p.casefold() != folded for p in n.split("/")))
    return (prefix + level + inside)[:limit]


def replace_last_tag(field: str, name: str) -> str:
    """``field`` with its last item replaced by ``name`` and a separator appended, ready for
    the next tag."""
    head, _last = _split_last(field)
    return f"{head}{name}, "


def the_code_named(name: str, codes: Iterable[str]) -> str:
    """The code among ``codes`` that ``name`` names: itself when one is spelled so, else the
    one code (or parent of codes) matching it case-insensitively however its accents are
    encoded (``security`` for the codebook's ``Security``); ``name`` as given when none does
    (the caller says there is no such code).  :class:`TuiReaderError` naming them when
    several codes differing by case alone do."""
    known = set(codes)
    if name in known:
        return name
    for code in list(known):
        parts = code.split("/")
        known.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    if name in known:
        return name
    matching = sorted(code for code in known if _folded(code) == _folded(name))
    if len(matching) > 1:
        raise TuiReaderError(
            f"{name!r} names {len(matching)} codes that differ by case alone "
            f"({', '.join(matching)}): name one as it is spelled"
        )
    return matching[0] if matching else name
