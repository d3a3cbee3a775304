"""What a query means: its tree (:mod:`tui_reader.core.analysis.query`) made a test of one
annotation.

- a code matches a passage carrying it or a code below it (``security``: ``security/border``);
  ``exactly:security``, a passage carrying ``security`` itself;
- ``NAME OP value`` compares an attribute of the passage's document (its own attributes, then
  those its format gives: title, format, words, ...); ``!=`` is ``NOT =``: a document without
  the attribute, or with a value of another type, is not equal to the value and matches it,
  while ``=``, ``<``, ``<=``, ``>``, ``>=`` never match it (a missing value is not ordered);
- ``doc:X`` matches a document by key, file name, name without extension, glob (``int-*``),
  or a path ending in its key (``/home/me/project/corpus/int-1.txt``, as a file dragged into
  the terminal is typed); as typed first (file names are told apart by case), else in any
  case (``doc:A.TXT`` is ``a.txt``) when that names one file name (:func:`documents_spelled`);
- ``text:X`` / ``note:X``: the passage's text / note contains X (case, and how an accent is
  encoded, ignored);
- ``coder:X``: the passage's coder is X (as spelled when a coder is, else case ignored:
  :func:`coders_spelled`), for databases that record coders;
- ``X OVERLAPS Y``, ``X WITHIN Y``, ``X ENCLOSES Y``: a passage ``X`` matches that matches
  ``Y`` or stands so to a passage ``Y`` matches of its coder in its document; ``X FOLLOWS
  Y``, ``X PRECEDES Y``: one that stands so to another passage ``Y`` matches (see
  :mod:`~tui_reader.core.analysis.meeting`); the passages ``Y`` may match are asked of the
  caller's ``passages`` (a scope's ``carrying``);
- ``speaker:X``: the passage holds words of X's turns in a transcript (names compared as
  ``autocode --speaker`` compares them: case, accents and the spaces between words aside;
  X whole, or a glob: ``speaker:Carlos*``);
  a passage across two turns is both speakers' (see
  :func:`~tui_reader.core.documents.turns.speakers_of_passage`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
import shlex
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from tui_reader.core.analysis.meeting import Paragraphs, Passages, Sides
from tui_reader.core.analysis.query import (
    KEYWORDS,
    And,
    Code,
    Compare,
    Field,
    Meeting,
    Node,
    Not,
    Or,
    Token,
    code_name,
    parse_query,
    quoted,
    tokenize,
)
from tui_reader.core.analysis.scope_records import codes_required
from tui_reader.core.analysis.values import (
    Value,
    ValueType,
    compare,
    date_period,
    is_dated,
    is_moment,
    is_zero_padded,
    parse_value,
    show_value,
    text_key,
    type_of,
)
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.codebook.names import tag_order
from tui_reader.core.display import said_word, shell_word
from tui_reader.core.documents.turns import Turn, speaker_key, speakers_of_passage, written_key
from tui_reader.core.errors import AttributeValueError, QuerySyntaxError, TuiReaderError
from tui_reader.core.natural_order import natural_key
from tui_reader.core.near_spelling import close_matches
from tui_reader.core.wording import clipped

if TYPE_CHECKING:
    from tui_reader.core.documents.document import Document

Test = Callable[[Annotation], bool]
# (document key, attribute name casefolded) -> the value, or None when the document has none
AttributeLookup = Callable[[str, str], Value | None]
# the passage -> its speakers' names as speaker_key folds them (see PassageSpeakers)
SpeakerLookup = Callable[[Annotation], Collection[str]]


def coder_of(annotation: Annotation) -> str:
    """Who coded the passage ("" when the database does not say)."""
    return str(getattr(annotation, "coder", "") or "")


def no_attributes(document: str, name: str) -> Value | None:
    return None


SPEAKERS_SAID = 12  # the speakers named in a line saying the one asked for is none of them


def no_speakers(annotation: Annotation) -> Collection[str]:
    return ()


class PassageSpeakers:
    """The speakers of a passage (:data:`SpeakerLookup`), each document's turns read once
    from ``document`` (a workspace's ``document``); a document that cannot be read has
    none (the query says it is left out as it says any other)."""

    def __init__(
        self,
        document: Callable[[str], Document],
        keys: Iterable[str] | None = None,
        turns_of: Callable[[str], Sequence[Turn]] | None = None,
    ) -> None:
        self.document = document
        # a document's turns; given, read without loading every document (known_turns)
        self.turns_of = turns_of or (lambda key: self.document(key).turns)
        self._turns: dict[str, Sequence[Turn]] = {}
        # The documents whose speakers a name spelled as one of them is (as_spelled)
        self._keys = keys
        self._spoken: dict[str, str] | None = None
        self._spellings: dict[str, set[str]] | None = None  # (see named_by)

    def __call__(self, annotation: Annotation) -> Collection[str]:
        turns = self._turns.get(annotation.document)
        if turns is None:
            try:
                turns = self.turns_of(annotation.document)
            except TuiReaderError:
                turns = ()
            self._turns[annotation.document] = turns
        names = speakers_of_passage(turns, annotation.start, annotation.end)
        return [speaker_key(name) for name in names]

    def unmatched(self, node: Node, keys: Iterable[str]) -> list[str]:
        """A line for each ``speaker:NAME`` in ``node`` that no turn of the documents
        ``keys`` (those coded) names, with the speakers they name: ``speaker:Carlos`` for
        "Carlos Méndez" matched nothing, unsaid.  The documents are read only then."""
        names = _field_values(node, "speaker")
        if not names:
            return []
        named = self._named(keys)
        lines = []
        for name in names:
            if any(map(self.named_by(name), named)):
                continue
            spoken = list(named.values())
            there = ", ".join(spoken[:SPEAKERS_SAID])
            if len(spoken) > SPEAKERS_SAID:
                there += f" and {len(spoken) - SPEAKERS_SAID} more"
            lines.append(
                f"speaker:{name}: no speaker so named in the documents coded ("
                + (f"speakers there: {there})" if spoken else "none reads as a transcript)")
            )
        return lines

    def as_spelled(self, name: str) -> bool:
        """Whether ``name`` (folded as :func:`speaker_key` folds it) is a speaker of the
        documents given (``keys``), as spelled: ``speaker:"Dr. [R]"`` is that speaker
        alone, not a glob taking "Dr. R" too, as a coder or a document so spelled is.  The
        documents are read once, when first asked (in the worker matching passages)."""
        if self._keys is None:
            return False
        if self._spoken is None:
            self._spoken = self._named(self._keys)
        return name in self._spoken

    def named_by(self, name: str) -> Callable[[str], bool]:
        """:func:`speaker_named` of ``name``, a glob also taking a speaker one of whose
        spellings in the documents given (``keys``) it matches as written: ``Ruiz*`` takes
        "Ruiz, Ana", whose key is "ana ruiz", and so "Ana Ruiz" in another transcript, the
        same person.  The documents are read once, when a glob first asks."""
        named = speaker_named(name)
        if not _is_glob(name):
            return named
        who = speaker_key(name)
        written: dict[str, bool] = {}

        def spelled(key: str) -> bool:
            if named(key):
                return True
            found = written.get(key)
            if found is None:
                if self._spellings is None:
                    self._spellings = self._written(() if self._keys is None else self._keys)
                found = any(fnmatch.fnmatchcase(w, who) for w in self._spellings.get(key, ()))
                written[key] = found
            return found

        return spelled

    def _named(self, keys: Iterable[str]) -> dict[str, str]:
        """The speakers of the documents ``keys``: each folded name, and a spelling of it."""
        named: dict[str, str] = {}
        for key in keys:
            if key not in self._turns:
                self(Annotation(document=key, start=0, end=0, quote="", id="", created=""))
            for turn in self._turns[key]:
                if turn.speaker:
                    named.setdefault(speaker_key(turn.speaker), turn.speaker)
        return named

    def _written(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """The speakers of the documents ``keys`` and of those read so far: each folded
        name, and its spellings as written (:func:`written_key`)."""
        self._named(keys)
        spellings: dict[str, set[str]] = {}
        for turns in self._turns.values():
            for turn in turns:
                if turn.speaker:
                    spellings.setdefault(speaker_key(turn.speaker), set()).add(
                        written_key(turn.speaker)
                    )
        return spellings


def speaker_named(name: str) -> Callable[[str], bool]:
    """Whether a speaker (a name as :func:`speaker_key` folds it) is the one ``speaker:name``
    asks for: the name whole, or a glob (``Carlos*`` for "Carlos Méndez", as ``doc:int-*``),
    each compared as the names are (case, accents and spaces aside)."""
    who = speaker_key(name)
    if not _is_glob(who):
        return who.__eq__
    return lambda key: key == who or fnmatch.fnmatchcase(key, who)


def compile_query(
    query: str | Node,
    attributes: AttributeLookup = no_attributes,
    coder: Callable[[Annotation], str] = coder_of,
    speakers: SpeakerLookup = no_speakers,
    passages: Passages | None = None,
    paragraphs: Paragraphs | None = None,
) -> Test:
    """The test a query (text or tree) stands for (``speakers``: what ``speaker:`` asks;
    ``passages``: the passages in scope carrying one of some codes, or all of them given
    None, among which ``OVERLAPS``, ``WITHIN``, ``ENCLOSES``, ``FOLLOWS`` and ``PRECEDES``
    look for the other passage; a query holding one is refused without them; ``paragraphs``:
    the starts of some documents' paragraphs, which ``FOLLOWS/2``, ``PRECEDES/2`` and
    ``NEAR/2`` count, asked only by such a query, refused without them)."""
    node = parse_query(query) if isinstance(query, str) else query
    # one look for all sides
    sides = None if passages is None else Sides(passages, coder, paragraphs)
    return _compile(node, attributes, coder, speakers, sides)


def spelled_as_coded(node: Node, known: Iterable[str]) -> tuple[Node, list[str]]:
    """``node`` with each code spelled as the codebook spells it, and the codes it names that
    are in no way in ``known`` (tag names): a code typed in another case (``Security`` for
    ``security``) takes the codebook's spelling, as the tag field does, so it matches what it
    names instead of nothing; one that names no known code nor a parent of one is returned, for
    the caller to say so (a typo otherwise looks like a code nobody used).  Typed in a case
    that is none of the codebook's, a name spelled alike by several codes (``Army`` and
    ``army``, an import's) takes every one of them, not the first alone."""
    exact: set[str] = set()
    folded: dict[str, list[str]] = {}
    for tag in known:
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth])
            if name not in exact:
                exact.add(name)
                folded.setdefault(_folded(name), []).append(name)
    unknown: dict[str, None] = {}  # in order, each once (a pasted list: 25,000 of them)

    def spell(node: Node) -> Node:
        if isinstance(node, Code):
            if node.name in exact:
                return node
            alike = folded.get(_folded(node.name))
            if alike:  # another case, or accents encoded otherwise (exactly: kept)
                spelled = [replace(node, name=name) for name in alike]
                return spelled[0] if len(spelled) == 1 else Or(tuple(spelled))
            unknown.setdefault(node.name)
            return node
        if isinstance(node, Not):
            return Not(spell(node.operand))
        if isinstance(node, And | Or):
            return replace(node, operands=tuple(spell(n) for n in node.operands))
        if isinstance(node, Meeting):
            return Meeting(spell(node.subject), tuple((p, spell(n)) for p, n in node.meets))
        return node

    return spell(node), list(unknown)


def spelled_codes(names: Iterable[str], known: Iterable[str]) -> tuple[list[str], list[str]]:
    """``names`` (codes a ``--tag`` gave) as :func:`spelled_as_coded` spells them, and those in
    no way in ``known``."""
    known = list(known)
    spelled: list[str] = []
    unknown: list[str] = []
    for name in names:
        if '"' in name and name not in known:
            # quoted as a query quotes it (--tag '"violence (physical)"'): the code it names
            with contextlib.suppress(QuerySyntaxError):
                inside = parse_query(name)
                if isinstance(inside, Code):
                    name = inside.name
        node, missing = spelled_as_coded(Code(code_name(name) or name), known)
        alike = node.operands if isinstance(node, Or) else (node,)
        spelled.extend(n.name for n in alike if isinstance(n, Code))
        unknown.extend(missing)
    return spelled, unknown


SUGGESTED_AT_MOST = 20  # unknown codes given a code spelled nearly alike (the ones said)

# Words other tools' queries take as operators, typed in capitals as keywords are: a query of
# ``x NEAR y`` read NEAR as a code, said only that no code NEAR is in the codebook.  (OVERLAPS,
# WITHIN, ENCLOSES, OVERLAPPED BY, ENCLOSED BY, FOLLOWS, PRECEDES and NEAR/n are operators
# here: OVERLAPPED or ENCLOSED typed without its BY is said to take it.)
OTHER_TOOLS_OPERATORS = frozenset(
    ("NEAR", "OVERLAP", "OVERLAPPING", "XOR", "ADJ", "ADJACENT", "PRECEDING", "SURROUNDING",
     "INSIDE", "CONTAINS", "COOCCURS", "CO-OCCURS", "OVERLAPPED", "ENCLOSED")
)  # fmt: skip
# those of them written with BY after them (ATLAS.ti's a OVERLAPPED BY b): operators so here
_BY_OPERATORS = frozenset(("OVERLAPPED", "ENCLOSED"))
# what is said of one: the operators that ask where passages lie
PLACES_HINT = (  # (under 300 characters: said whole on a line of 400 at most)
    "a OVERLAPS b takes a's passages sharing text with one of b's; a WITHIN b (or ENCLOSED "
    "BY b), those inside one; ENCLOSES, holding one; OVERLAPPED BY, one overlaps their "
    "start; FOLLOWS, PRECEDES, after, before one; NEAR/1, a paragraph from one at most "
    "(/1s: a sentence, /3w: 3 words); AND, both codes"
)
# A distance with a unit no query counts (FOLLOWS/3sent, NEAR/10words, as other tools spell
# one): a letter behind the number counts sentences or words, none paragraphs.
_OTHER_UNIT = re.compile(r"(follows|precedes|near)/([0-9]+)[a-z]+", re.IGNORECASE)


def no_code_lines(
    names: Sequence[str],
    known: Iterable[str],
    renames: Callable[[], Mapping[str, str]] | None = None,
    typed: str = "",
) -> list[str]:
    """A line for each of ``names`` (codes in no way in the codebook, ``known``), naming the
    code it became when ``renames`` (old name -> new, asked only when there are ``names``: the
    store's renamed and merged codes) takes it to one of ``known``: a code typed by the name
    it had before a rename; else the code of the codebook spelled nearly like it when there is
    one: ``militarisation`` for ``militarization``, a code typed by the name it had before a
    rename one letter off; else a code whose name begins with it and a space or a parenthesis,
    quoted (``violence (physical)`` typed unquoted is the codes ``violence`` and
    ``physical``, ``COVID(19)`` the codes ``COVID`` and ``19``).  A
    code typed behind a minus, as a search engine leaves a word out (``-actors/us``), or a
    tilde (``~actors/us``), is told to be written ``NOT actors/us``, not the code nearly
    like it (``actors/us``).  When
    the query as ``typed`` spells, unquoted, a code of ``known`` holding the name (``b "q"``
    read as the codes ``b`` and ``q``, ``b`` being one), that code is said, quoted.  In a
    query, a word another tool takes as an operator, typed in capitals (``NEAR``,
    :data:`OTHER_TOOLS_OPERATORS`), is said to be none, with the operators that find passages
    that meet (:data:`PLACES_HINT`);
    a sign that joins two terms elsewhere (``&``, ``&&``, ``|``, ``||``), with the word to
    write (``AND``, ``OR``), typed alone or within a word no code is named (``a&b``: write
    ``a AND b``)."""
    if typed:  # NEAR 5, OVERLAPPED BY: said with the operator, no code of their own
        distances = _distances(typed)
        names = [n for n in names if n not in distances]
    lines = [f"no code {said_word(name)} in the codebook" for name in names]
    if not names:
        return lines
    by_folded: dict[str, str] = {}
    for tag in known:
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):  # a parent too: Sécurité of Sécurité/frontière
            name = "/".join(parts[:depth])
            by_folded.setdefault(text_key(name), name)  # case and accents aside
    taken = renames() if renames is not None else {}
    for i, name in enumerate(names[:SUGGESTED_AT_MOST]):
        became = _became(name, taken, by_folded) if taken else None
        if became is not None:
            lines[i] += f" (it became {said_word(became)})"
            continue
        if typed and _other_tools_operator(name):  # x NEAR y, as NVivo or ATLAS.ti ask
            if name == "NEAR":  # an operator here with its distance: NEAR/1
                lines[i] += f"; NEAR takes a distance here, NEAR/1: {PLACES_HINT}"
                continue
            if name in _BY_OPERATORS:  # OVERLAPPED typed without its BY
                lines[i] += f"; the operator is written {name} BY: {PLACES_HINT}"
                continue
            lines[i] += f"; {name} is no operator here: {PLACES_HINT}"
            continue
        unit = _OTHER_UNIT.fullmatch(name) if typed else None
        if unit is not None:  # FOLLOWS/3sent: the letters a distance takes
            way = f"{unit[1]}/{unit[2]}"
            lines[i] += (
                f"; a distance counts paragraphs ({way}), sentences ({way}s) or words ({way}w)"
            )
            continue
        if "*" in name:  # '*', '*/one', 'the*': a wildcard where a query takes none
            lines[i] += _wildcard_hint(by_folded.values())
            continue
        if typed and name in _SIGN_OPERATORS:  # a & b, a || b, as a programmer joins terms
            lines[i] += f"; {name} is no operator here: write {_SIGN_OPERATORS[name]}"
            continue
        joined = _signs_within(name) if typed else None
        if joined is not None:  # a&b typed without spaces: said as a & b is
            lines[i] += f"; {joined[0]} is no operator here: write {joined[1]}"
            continue
        left_out = by_folded.get(text_key(name[1:])) if name[:1] in ("-", "~") else None
        if left_out is not None:  # a search engine's minus (or ~): the code left out
            lines[i] += f"; to leave out {said_word(left_out)}, write NOT {typed_code(left_out)}"
            continue
        key = text_key(name)
        near = close_matches(key, by_folded, n=1, cutoff=0.8)
        if near:
            lines[i] += f" (did you mean {said_word(by_folded[near[0]])}?)"
            continue
        operator = _operator_mistyped(name) if typed else None
        if operator is not None:  # militarization AND NTO actors: read as the code NTO
            lines[i] += f" (did you mean the operator {operator}?)"
            continue
        # (a word ends at a space or a parenthesis: COVID(19) typed is COVID, then (19))
        longer = sorted(
            tag
            for folded, tag in by_folded.items()
            if folded.startswith(key) and folded[len(key) : len(key) + 1] in (" ", "(")
        )
        if longer:
            lines[i] += f" (did you mean {quoted(longer[0])}, quoted?)"
            continue
        spelled = _spelled_unquoted(name, typed, by_folded.values()) if typed else None
        if spelled is not None:
            lines[i] += f" (did you mean {quoted(spelled)}, quoted?)"
    return lines


def _other_tools_operator(word: str) -> bool:
    """Whether ``word`` is one of :data:`OTHER_TOOLS_OPERATORS`, alone or with a distance
    (``NEAR/5``, as search engines of law and news take it)."""
    operator, slash, distance = word.partition("/")
    return operator in OTHER_TOOLS_OPERATORS and (not slash or distance.isdigit())


def _distances(typed: str) -> set[str]:
    """The numbers the query ``typed`` holds only right after one of another tool's operators
    (``a NEAR 5 b``), each then its distance, and its BY only after OVERLAPPED or ENCLOSED:
    never a code of their own."""
    try:
        tokens = tokenize(typed)
    except QuerySyntaxError:
        return set()
    after: dict[str, bool] = {}  # a number -> whether every place it stands is after one
    for before, token in zip([None, *tokens], tokens, strict=False):
        if token.kind in ("word", "string") and token.text.isdigit():
            behind = (
                before is not None
                and token.kind == before.kind == "word"
                and _other_tools_operator(before.text)
            )
            after[token.text] = after.get(token.text, True) and behind
        elif token.kind in ("word", "string") and token.text == "BY":
            behind = (
                before is not None
                and token.kind == before.kind == "word"
                and before.text in _BY_OPERATORS
            )
            after[token.text] = after.get(token.text, True) and behind
    return {number for number, behind in after.items() if behind}


_OPERATORS = ("AND", "OR", "NOT")
# signs other languages join or negate terms with, typed alone between two codes
_SIGN_OPERATORS = {"&": "AND", "&&": "AND", "|": "OR", "||": "OR"}
_SIGNS_WITHIN = re.compile(r"(&&|\|\||&|\|)")


def _signs_within(name: str) -> tuple[str, str] | None:
    """Of a word holding :data:`_SIGN_OPERATORS` (``a&b``, read as one code since no space
    parts them): its first sign, and the query to write instead (``a AND b``), or the word
    alone when the sign begins or ends it (``&b``: ``AND``).  None for a word holding none."""
    parts = _SIGNS_WITHIN.split(name)
    if len(parts) == 1:
        return None
    words, signs = parts[::2], parts[1::2]
    if not all(words):
        return signs[0], _SIGN_OPERATORS[signs[0]]
    written = [words[0]]
    for sign, word in zip(signs, words[1:], strict=True):
        written += [_SIGN_OPERATORS[sign], word]
    return signs[0], " ".join(written)


def _operator_mistyped(name: str) -> str | None:
    """The operator that ``name`` misspells: typed in capitals, as an operator is, its
    letters in another order (``NTO``, ``ADN``) or one letter more, less or other (``ANDD``,
    ``NO``, ``NOR``); in any other case (an operator is one in any case), two letters side by
    side swapped (``nto``, ``adn``, ``ro``), a slip no word of the language makes, where one
    letter off is a word (``no``, ``nor``, ``an``, ``end``) and so is another order (``dna``,
    ``ton``).  ``None`` for any other word (``NGO``, ``US``)."""
    if not 2 <= len(name) <= 4 or name.upper() in _OPERATORS:
        return None
    if not name.isupper():
        upper = name.upper()
        swapped = (
            upper[:i] + upper[i + 1] + upper[i] + upper[i + 2 :] for i in range(len(upper) - 1)
        )
        return next((s for s in swapped if s in _OPERATORS), None)
    for operator in _OPERATORS:
        if sorted(name) == sorted(operator) or _one_edit_apart(name, operator):
            return operator
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


WILDCARD_EXAMPLES = 3  # parents named in the hint to a code typed with a *


def _wildcard_hint(known: Iterable[str]) -> str:
    """What a ``*`` takes in a query, said of a code typed with one elsewhere (``*``,
    ``*/one``): only at the end, after a parent's ``/``, every code under it; the first
    parents of the codebook ``known`` given as examples (``theme/*``).  It was said only
    that no code ``*`` is in the codebook."""
    parents = sorted({tag.rsplit("/", 1)[0] for tag in known if "/" in tag}, key=tag_order)
    hint = "; a * only ends a parent's name, for every code under it"
    if not parents:
        return hint + " (parent/*), and no code of the codebook has codes under it"
    shown = ", ".join(_under(parent) for parent in parents[:WILDCARD_EXAMPLES])
    more = ", ..." if len(parents) > WILDCARD_EXAMPLES else ""
    return f"{hint}: {shown}{more}"


def _under(parent: str) -> str:
    """The codes under ``parent`` as a query names them: ``theme/*``, the name quoted when
    it would not read back alone (``"war on drugs"/*``: a quoted level and the ``/*`` right
    behind it are one name, :func:`~.query.tokenize`).  The quoted name was given alone, which
    said nothing of the ``*`` the hint is about."""
    return f"{typed_code(parent)}/*"


def _spelled_unquoted(name: str, typed: str, codes: Iterable[str]) -> str | None:
    """The longest of ``codes`` that holds ``name`` and a space, a quote or a parenthesis,
    and that the query ``typed`` spells whole, unquoted (so read as more than one code):
    ``b "q"`` for ``q`` in the query ``b "q"``; None when there is none."""
    folded = name.casefold()
    found = [
        code
        for code in codes
        if code.casefold() != folded
        and folded in code.casefold()
        and any(c in code for c in ' "()')
        and re.search(rf"(?<![\w/\\\"]){re.escape(code)}(?![\w/\"])", typed, re.IGNORECASE)
    ]
    return max(found, key=len) if found else None


def typed_code(code: str) -> str:
    """``code`` as a query takes it: as it is, or quoted when it would not read back alone."""
    try:
        if parse_query(code) == Code(code):
            return code
    except TuiReaderError:
        pass
    return quoted(code)


def _became(name: str, renames: Mapping[str, str], codes: Mapping[str, str]) -> str | None:
    """The code of the codebook (``codes``: by :func:`~.values.text_key`) that the code
    ``name`` (typed in any case) became by the ``renames`` (old -> new, one after another),
    or None.  A parent never coded itself follows its children: ``violence`` became
    ``conflict`` when ``violence/physical`` became ``conflict/physical``."""
    folded = _folded(name)
    for _ in range(len(renames) + 1):  # each rename followed once at most: no loop
        new = _renamed_as(name, folded, renames)
        if new is None:
            return None
        found = codes.get(text_key(new))
        if found is not None:
            return found
        name, folded = new, _folded(new)
    return None


def _renamed_as(name: str, folded: str, renames: Mapping[str, str]) -> str | None:
    """What ``name`` (``folded``: as :func:`_folded` folds it) was renamed to by one of
    ``renames``, itself or its children; its own spelling first."""
    if name in renames:
        return renames[name]
    depth = name.count("/") + 1
    for old, new in renames.items():
        parts = old.split("/")
        if len(parts) < depth or _folded("/".join(parts[:depth])) != folded:
            continue
        if len(parts) == depth:
            return new
        rest = "/" + "/".join(parts[depth:])  # "/physical" of the child
        if new.endswith(rest) and len(new) > len(rest):
            return new[: -len(rest)]
    return None


def comparisons_naming_codes(node: Node, known: Iterable[str]) -> list[str]:
    """A line for each comparison in ``node`` that, as typed, spells a code of ``known`` (tag
    names, a parent of one, case aside): ``age<18`` typed unquoted compares the attribute
    ``age`` with 18, never the code ``age<18``, which would look like a code nobody used."""
    compared = [leaf for leaf in _leaves(node) if isinstance(leaf, Compare)]
    if not compared:
        return []
    names: dict[str, str] = {}
    for tag in known:
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):
            names.setdefault(_folded("/".join(parts[:depth])), "/".join(parts[:depth]))
    found: list[str] = []
    for leaf in compared:
        typed = f"{leaf.name}{leaf.operator}{leaf.value}"
        code = names.get(_folded(typed))
        if code is not None:
            line = (
                f"{typed} is read as a comparison of the attribute {said_word(leaf.name)}; the "
                f"code {said_word(code)} is quoted: {quoted(code)}"
            )
            if line not in found:
                found.append(line)
    return found


def everything_below_naming_codes(query: str, known: Iterable[str]) -> list[str]:
    """A line for each word of ``query`` ending in ``/*`` (``loc/*``: everything under
    ``loc``, as shells and other tools write it) that, as typed, is a code of ``known`` (a
    code renamed ``loc/*``): unquoted it takes ``loc`` and every code below it, never that
    code alone, which would look like a wrong result."""
    try:
        words = [t.text for t in tokenize(query) if t.kind == "word" and "/*" in t.text]
    except TuiReaderError:
        return []  # said when the query is parsed
    if not words:
        return []
    codes: dict[str, str] = {}
    for tag in known:
        codes.setdefault(_folded(tag), tag)
    found: list[str] = []
    for word in dict.fromkeys(words):
        code = codes.get(_folded(word)) or codes.get(_folded(word.rstrip("/")))
        if code is not None:
            found.append(
                f"{word} is read as {said_word(code_name(word))} and every code below it; the code "
                f"{said_word(code)} alone is quoted: {quoted(code)}"
            )
    return found


def spaced_values(
    query: str, unknown: Collection[str] | None = None
) -> list[tuple[str, list[str]]]:
    """A line for each comparison of ``query`` whose value is followed by words that read as
    codes (``country=United States``: ``country=United`` and a code ``States``), telling to
    quote the value: ``country="United States"``.  ``unknown``: the codes named that are no
    code (only those words are taken for the value's; None: any word, as in a filter of
    documents, where a code has no place); each line with the words it took for the value's."""
    return [(line, words) for line, words, _ in _spaced(query, unknown)]


def spaced_comparisons(
    query: str, unknown: Collection[str] | None = None
) -> set[tuple[str, str, str]]:
    """The comparisons of ``query`` that :func:`spaced_values` says to quote, each as its
    name, operator and value's first word (``("country", "=", "United")``): the value compared
    is not the one meant, so that no document holds it is no news (:func:`unmatched_values`)."""
    return {comparison for _, _, comparison in _spaced(query, unknown)}


def _spaced(
    query: str, unknown: Collection[str] | None
) -> list[tuple[str, list[str], tuple[str, str, str]]]:
    """:func:`spaced_values`, each line with its comparison (name, operator, value)."""
    try:
        tokens = tokenize(query)
    except TuiReaderError:
        return []  # said when the query is parsed
    found: list[tuple[str, list[str], tuple[str, str, str]]] = []
    for i in range(len(tokens) - 3):
        name, operator, value = tokens[i : i + 3]
        if name.kind != "word" or operator.kind != "op" or value.kind != "word":
            continue
        if value.column != operator.column + len(operator.text):
            continue  # a value written apart from its operator (age = 30): typed as meant
        words: list[Token] = []
        for at in range(i + 3, len(tokens) - 1):
            token = tokens[at]
            if token.kind != "word" or token.text.casefold() in KEYWORDS:
                break
            if unknown is not None and token.text not in unknown:
                break
            if tokens[at + 1].kind in ("op", "colon"):  # the next comparison or field's
                break
            words.append(token)
        if words:
            last = words[-1]
            typed = query[value.column - 1 : last.column - 1 + len(last.text)]
            spaced = " ".join(typed.split())
            meant = hand_unquoted(spaced)
            line = (
                f"{name.text}{operator.text}{typed}: a value with spaces is quoted: "
                f"{name.text}{operator.text}{quoted(spaced if meant is None else meant)}"
            )
            comparison = (name.text, operator.text, value.text)
            found.append((line, [w.text for w in words], comparison))
    return found


# Quote marks typed around a value where a query takes ": as SQL writes them, and as a word
# processor or a phone's keyboard turns " into
_HAND_QUOTES = (("'", "'"), ("\u2018", "\u2019"), ("\u201c", "\u201d"))


def hand_unquoted(text: str) -> str | None:
    """``text`` without the quote marks around it when it is wrapped in quote marks a query
    does not take for quotes (``'United States'``, ``\u201cUnited States\u201d``); None
    else."""
    for left, right in _HAND_QUOTES:
        if len(text) > 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1]
    return None


def type_mismatches(
    node: Node,
    types: Mapping[str, ValueType],
    worded: Collection[str] = (),
    years: Collection[str] = (),
) -> list[str]:
    """A line for each comparison in ``node`` whose value is not of its attribute's type
    (``types``: the user's attributes, by name): ``age>abc``, ``date>soon`` match no document
    and ``age!=abc`` every one (values of different types are never equal, nor ordered), which
    would look like a result.
    Any value is a text: one compared with a text attribute is compared as text, and so with
    an attribute of dates of which a document holds a word (``worded``, casefolded names:
    :func:`~.attributes.dates_holding_words`), whose word it may match; and a date, a month
    or a time compared with an attribute of numbers of which a document holds a year
    (``years``, casefolded names: :func:`~.attributes.numbers_holding_years`), compared with
    that year (``year=2019-05`` finds 2019)."""
    folded = {name.casefold(): kind for name, kind in types.items()}
    found: list[str] = []
    for leaf in _leaves(node):
        if not isinstance(leaf, Compare) or is_no_value(leaf):
            continue  # (country="": whether it has one, of any type)
        kind = folded.get(leaf.name.casefold())
        if kind is ValueType.DATE and leaf.name.casefold() in worded:
            continue  # (date=pilot finds the document holding pilot among dates)
        try:
            given = type_of(parse_value(leaf.value))
        except AttributeValueError:
            continue  # said when the query is compiled
        if kind is ValueType.DATE and fits_dates(leaf.value):
            continue  # a year, a month (the period), a date and a time of day (its day)
        if kind is ValueType.NUMBER and leaf.name.casefold() in years and fits_dates(leaf.value):
            continue  # (year=2019-05 finds the year 2019 held as a number)
        if kind is not None and kind is not ValueType.TEXT and given is not kind:
            which = "every" if leaf.operator == "!=" else "no"
            line = (
                f"{leaf.name}{leaf.operator}{leaf.value}: {leaf.name} holds {kind}s and "
                f"{leaf.value!r} is not one, so {which} document matches it"
            )
            if (meant := _operator_meant(leaf.operator, leaf.value)) is not None:
                line += f" (did you mean {leaf.name}{meant}?)"  # age=>30: age>=30
            found.append(line)
    return found


def fits_dates(raw: str) -> bool:
    """Whether the value ``raw`` (as typed) is compared with an attribute of dates: a date, a
    year or a year and month (the period), a date and a time of day (:func:`~.values.compare`);
    a value that is no valid value at all is said when the query is compiled."""
    try:
        given = type_of(parse_value(raw))
    except AttributeValueError:
        return True
    return given is ValueType.DATE or date_period(raw) is not None or is_moment(raw)


def _attribute_type(attributes: AttributeLookup, name: str) -> ValueType | None:
    """The type of the user's attribute ``name`` (casefolded), when ``attributes`` knows the
    types of the user's attributes (a :class:`~.attributes.DocumentAttributes`, as every query,
    report, filter and the library's look-up is), else None."""
    types: Mapping[str, ValueType] | None = getattr(attributes, "types", None)
    if not types:
        return None
    kind = types.get(name)
    if kind is None:
        kind = next((k for spelled, k in types.items() if spelled.casefold() == name), None)
    return kind


def _holds_text(attributes: AttributeLookup, name: str, text: str) -> bool:
    """Whether a document holds ``text`` as the text value of the user's attribute ``name``
    (casefolded), when ``attributes`` knows the user's attributes (a
    :class:`~.attributes.DocumentAttributes`), else False."""
    holds: Callable[[str, str], bool] | None = getattr(attributes, "holds_text", None)
    return holds is not None and holds(name, text)


def _operator_meant(operator: str, value: str) -> str | None:
    """The comparison ``operator`` then ``value`` were meant to make when the value starts
    with the rest of a reversed operator (``=>30``, ``=<30``, ``!<3``...): ``>=30``, ``<=30``;
    else None."""
    for typed, meant in (("=>", ">="), ("=<", "<="), ("<>", "!="), ("><", "!=")):
        if typed.startswith(operator) and value.startswith(typed[len(operator) :]):
            return meant + value[len(typed) - len(operator) :]
    return None


def unmatched_attributes(
    node: Node, types: Mapping[str, ValueType], held: Callable[[str], bool]
) -> list[str]:
    """A line for each attribute ``node`` compares that no document has: ``contry=Mexico``
    matches no passage, which would look like a result.  ``types``: the attributes every
    query knows (the user's, the numbers every format gives), not looked for; ``held``:
    whether a document has the attribute of this name (casefolded), asked of any other.  A
    known attribute spelled nearly like it is named (``contry``: did you mean ``country``?)."""
    given = {name.casefold(): name for name in (*ALWAYS_GIVEN, *types)}
    known = set(given)
    found: list[str] = []
    for leaf in _leaves(node):
        if not isinstance(leaf, Compare):
            continue
        name = leaf.name.casefold()
        if name in known:
            continue
        known.add(name)  # said once
        if not held(name):
            every = (leaf.operator == "!=") != is_no_value(leaf)  # contry="": every one
            typed = leaf.value or quoted("")
            near = close_matches(name, given, n=1, cutoff=0.8)  # as a code is said
            meant = f" (did you mean {said_word(given[near[0]])}?)" if near else ""
            found.append(
                f"{leaf.name}{leaf.operator}{typed}: no document here has the "
                f"attribute {said_word(leaf.name)}, so {'every' if every else 'no'} document "
                f"matches it{meant}"
            )
    return found


def unmatched_values(
    node: Node,
    values: Callable[[str], Iterable[Value]],
    shown_at_most: int = 6,
    spaced: Collection[tuple[str, str, str]] = (),
) -> list[str]:
    """A line for each ``NAME=TEXT`` (or ``!=``) in ``node`` whose text no document's text
    attribute of that name holds: ``country=Mexco`` (a typo) or ``format=txt`` matches no
    passage, which would look like a result; the line names the values there are.
    ``values``: the values the documents hold of the attribute of this name (casefolded); an
    attribute no document holds is said by :func:`unmatched_attributes`, a number or a date
    not held is an answer.  ``spaced``: the comparisons a line tells to quote
    (:func:`spaced_comparisons`; ``country=United States``), whose value is a word of the one
    meant: not said ("no document here has country 'United'" before that line)."""
    found: list[str] = []
    for leaf in _leaves(node):
        if not isinstance(leaf, Compare) or leaf.operator not in ("=", "!=") or is_no_value(leaf):
            continue
        if (leaf.name, leaf.operator, leaf.value) in spaced:
            continue
        try:
            wanted = parse_value(leaf.value)
        except AttributeValueError:
            continue  # said when the query is compiled
        every = list(values(leaf.name.casefold()))
        held = list(dict.fromkeys(every))
        if not held or any(type_of(v) is not ValueType.TEXT for v in held):
            continue
        if any(compare(v, "=", wanted, leaf.value) for v in held):
            continue
        # a value a query takes as one (Mexico, mexico) named once, as most documents spell
        # it, as a report's column of it is named: "here: Mexico, mexico" told of two
        spellings: dict[str, Counter[str]] = {}
        for value in every:
            spelled = show_value(value)
            spellings.setdefault(text_key(spelled), Counter())[spelled] += 1
        names = sorted(map(_most_spelled, spellings.values()), key=text_key)
        listed = ", ".join(names[:shown_at_most]) + (", ..." if len(names) > shown_at_most else "")
        line = (
            f"{leaf.name}{leaf.operator}{leaf.value}: no document here has {leaf.name} "
            f"{leaf.value!r} (here: {listed}), so "
            f"{'every' if leaf.operator == '!=' else 'no'} document matches it"
        )
        meant = hand_unquoted(leaf.value)
        if meant is not None and any(
            compare(v, "=", parse_value(meant, ValueType.TEXT), meant) for v in held
        ):
            line += f'; a value is quoted with ": {leaf.name}{leaf.operator}{quoted(meant)}'
        if line not in found:
            found.append(line)
    return found


def _most_spelled(spellings: Counter[str]) -> str:
    """The spelling most documents have (the first in order of those tied)."""
    return min(spellings, key=lambda spelled: (-spellings[spelled], spelled))


# The attributes the format of every document gives (see attributes.format_attributes).
ALWAYS_GIVEN = ("title", "format", "words", "characters")


def _leaves(node: Node) -> Iterator[Node]:
    """The codes, comparisons and fields of ``node``, left to right (under its NOTs, ANDs
    and ORs)."""
    if isinstance(node, Not):
        yield from _leaves(node.operand)
    elif isinstance(node, And | Or):
        for operand in node.operands:
            yield from _leaves(operand)
    elif isinstance(node, Meeting):
        yield from _leaves(node.subject)
        for _, other in node.meets:
            yield from _leaves(other)
    else:
        yield node


def _field_values(node: Node, field: str) -> list[str]:
    """The values of the ``field:`` filters in ``node``, each once, in order."""
    values: list[str] = []
    for leaf in _leaves(node):
        if isinstance(leaf, Field) and leaf.field == field and leaf.value not in values:
            values.append(leaf.value)
    return values


def unmatched_documents(node: Node, keys: Iterable[str]) -> list[str]:
    """A line for each ``doc:NAME`` in ``node`` that names none of ``keys`` (the corpus's and
    the database's documents): ``doc:nope*`` matches no passage, which would look like a
    result.  A name in another case than its document's is no mistake
    (:func:`documents_spelled`), unless it is the name of several files spelled apart."""
    patterns = _field_values(node, "doc")
    if not patterns:
        return []
    keys = list(keys)
    found: list[str] = []
    for pattern in patterns:
        spellings = _spelled_otherwise(pattern, keys)
        if spellings is None or _takes_any_case(pattern, spellings):
            continue
        if spellings:
            found.append(
                f"doc:{pattern}: no document is named {said_word(pattern)} as typed, and in "
                f"another case it names several: {', '.join(spellings)} (type the one meant as "
                "it is spelled)"
            )
        elif (folder := _folder_named(pattern, keys)) is not None:
            # doc:2019 for the interviews of a folder 2019/: the glob that takes them
            found.append(
                f"doc:{pattern}: no document matches {said_word(pattern)}, a folder: "
                f"doc:{quoted(folder + '/*')} takes the documents in it"
            )
        else:
            found.append(f"doc:{pattern}: no document matches {said_word(pattern)}")
    return found


def _folder_named(pattern: str, keys: list[str]) -> str | None:
    """The folder of documents ``pattern`` names (``2019``, ``2019/``, ``corpus/2019``: keys
    under it, or under a folder so named), as the keys' start spells it (``corpus/2019``:
    what a glob of its documents begins with), or None."""
    folder = pattern.rstrip("/")
    if not folder or _is_glob(folder):
        return None
    for key in keys:
        parts = key.split("/")[:-1]
        for depth in range(len(parts)):
            for start in range(depth + 1):
                if "/".join(parts[start : depth + 1]) == folder:
                    return "/".join(parts[: depth + 1])  # from the key's start: a glob's
    return None


def documents_spelled(node: Node, keys: Iterable[str]) -> Node:
    """``node`` with each ``doc:NAME`` that names none of ``keys`` as typed but names a
    document in another case (``doc:A.TXT``, ``doc:INT-*`` for ``a.txt``, ``int-1.txt``)
    taken in any case: file names are told apart by case on Linux, so a name matching as
    typed is taken as typed, and only a name matching nothing so is read in any case, as
    ``coder:`` is; a name in another case of two files spelled apart (``a.txt`` and
    ``A.txt``) is not (:func:`unmatched_documents` says it)."""
    keys = list(keys)

    def spelled(field: Field) -> Field:
        if field.field != "doc":
            return field
        if _is_glob(field.value) and _names_as_spelled(field.value, keys):
            return replace(field, exact=True)  # doc:"notes[1].txt": that file alone
        spellings = _spelled_otherwise(field.value, keys)
        if spellings and _takes_any_case(field.value, spellings):
            return replace(field, any_case=True)
        return field

    return _fields_replaced(node, spelled) if _field_values(node, "doc") else node


def _names_as_spelled(pattern: str, keys: list[str]) -> bool:
    """Whether ``pattern`` is, as typed, the key, file name or name without extension of a
    document of ``keys``."""
    for key in keys:
        path = PurePosixPath(key)
        if pattern in (key, path.name, path.stem):
            return True
    return False


def coders_spelled(node: Node, coders: Callable[[], Iterable[str]]) -> Node:
    """``node`` with each ``coder:NAME`` naming a coder as spelled (of ``coders``, asked only
    when ``node`` names one) taken as spelled: ``coder:BEN`` is BEN's passages, not ben's
    too, as ``report --coder BEN`` takes them; a name no coder has as typed still takes
    every coder spelled so in another case (``coder:Ben``)."""
    if not _field_values(node, "coder"):
        return node
    known = set(coders())

    def spelled(field: Field) -> Field:
        exact = field.field == "coder" and field.value in known
        return replace(field, exact=True) if exact else field

    return _fields_replaced(node, spelled)


def _fields_replaced(node: Node, each: Callable[[Field], Field]) -> Node:
    """``node`` with each of its fields replaced by what ``each`` makes of it."""
    if isinstance(node, Field):
        return each(node)
    if isinstance(node, Not):
        return Not(_fields_replaced(node.operand, each))
    if isinstance(node, And):
        return And(tuple(_fields_replaced(n, each) for n in node.operands))
    if isinstance(node, Or):
        return Or(tuple(_fields_replaced(n, each) for n in node.operands))
    if isinstance(node, Meeting):
        subject = _fields_replaced(node.subject, each)
        return Meeting(subject, tuple((p, _fields_replaced(n, each)) for p, n in node.meets))
    return node


def _spelled_otherwise(pattern: str, keys: list[str]) -> list[str] | None:
    """None when ``pattern`` names a document of ``keys`` as typed, else the names (key, file
    name or stem, as each matched) it names in another case, in order."""
    if any(_document_name_test(pattern)(_key_only(k)) for k in keys):
        return None
    folded = _document_name_test(pattern, any_case=True)
    spellings: dict[str, None] = {}
    for key in keys:
        if folded(_key_only(key)):
            path = PurePosixPath(key)
            spellings[_name_matched(pattern, (key, path.name, path.stem))] = None
    return sorted(spellings, key=str.casefold)


def _name_matched(pattern: str, names: tuple[str, ...]) -> str:
    """The one of ``names`` (a key, its file name, its stem) ``pattern`` names in any case."""
    wanted = _folded(pattern)
    for name in names:
        if _folded(name) == wanted or fnmatch.fnmatchcase(_folded(name), wanted):
            return name
    return names[0]  # a path ending in the key


def _takes_any_case(pattern: str, spellings: list[str]) -> bool:
    """Whether ``pattern``, naming documents only in another case (``spellings``), is taken
    in any case: a glob takes all it matches; a name, one spelling alone."""
    return bool(spellings) and (_is_glob(pattern) or len(spellings) == 1)


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def unmatched_coders(node: Node, coders: Callable[[], Iterable[str]]) -> list[str]:
    """A line for each ``coder:NAME`` in ``node`` that names none of the database's coders
    (``coders``, asked only when ``node`` names one): a misspelt coder matches no passage,
    which would look like a result."""
    names = _field_values(node, "coder")
    if not names:
        return []
    known = list(coders())
    here = ", ".join(known) or "none yet"
    return [
        f"coder:{name}: no passage is coded by {said_word(name)} (coders here: {here})"
        for name in names
        if not coders_alike(name, known)
    ]


def coders_asked(node: Node, coders: Callable[[], Iterable[str]]) -> set[str] | None:
    """The coders every passage ``node`` matches was coded by, of ``coders`` (asked only when
    ``node`` names one), when its ``coder:NAME`` terms hold it to some (``coder:ana``,
    ``x AND coder:ana``, ``coder:ana OR coder:ben``, ``NOT coder:ben``, ``NOT (coder:ana OR
    coder:ben)``), as
    :func:`coders_alike` takes a name; None when a passage of any coder may match: what it
    left out is told of those coders alone, as ``--coder ana`` has it told."""
    if not _field_values(node, "coder"):
        return None
    return _coders_asked(node, sorted(set(coders())))


def coders_apart(node: Node, coders: Callable[[], Iterable[str]]) -> list[str]:
    """A line when the ``coder:`` terms of ``node``, each naming coders there are, take no
    passage together (``coder:maria AND coder:ben``, asked for what both coded): a passage
    is one coder's, and two coders' coding is compared by ``agreement`` (or ``K``).  Else
    none (one naming no coder is said by :func:`unmatched_coders`)."""
    names = _field_values(node, "coder")
    if len(names) < 2:
        return []
    known = sorted(set(coders()))
    alike = [coders_alike(name, known) for name in names]
    if not all(alike) or _coders_asked(node, known) != set():
        return []
    two = list(dict.fromkeys(c for found in alike for c in found))[:2]
    return [
        "the coder: terms of this query take no passage together: a passage is one coder's "
        f"(two coders' coding compared: tui-reader agreement {' '.join(map(shell_word, two))}"
        ", or K in the app)"
    ]


def _coders_asked(node: Node, known: list[str]) -> set[str] | None:
    if isinstance(node, Field):
        return set(coders_alike(node.value, known)) if node.field == "coder" else None
    if isinstance(node, Not):
        if isinstance(node.operand, Not):  # NOT NOT x is x
            return _coders_asked(node.operand.operand, known)
        return _coders_exactly(node, known)
    if isinstance(node, And | Meeting):  # a passage meets its own coder's alone
        operands = node.operands if isinstance(node, And) else _meeting_operands(node)
        held = [c for n in operands if (c := _coders_asked(n, known)) is not None]
        return set.intersection(*held) if held else None
    if isinstance(node, Or):
        found: set[str] = set()
        for operand in node.operands:
            if (asked := _coders_asked(operand, known)) is None:
                return None
            found |= asked
        return found
    return None


def _meeting_operands(node: Meeting) -> tuple[Node, ...]:
    """The subject of ``node`` and the other side of each of its operators."""
    return (node.subject, *(other for _, other in node.meets))


def _coders_exactly(node: Node, known: list[str]) -> set[str] | None:
    """The coders whose passages ``node`` matches every one of, when it is made of
    ``coder:`` terms alone (``coder:ana OR coder:ben``, ``NOT coder:ana``), else None: only
    such a term, a passage matched or not by its coder alone, tells what a NOT over it
    leaves."""
    if isinstance(node, Field):
        return set(coders_alike(node.value, known)) if node.field == "coder" else None
    if isinstance(node, Not):
        inner = _coders_exactly(node.operand, known)
        return None if inner is None else set(known) - inner
    if isinstance(node, And | Or):
        each = [_coders_exactly(n, known) for n in node.operands]
        if any(e is None for e in each):
            return None
        sets = [e for e in each if e is not None]
        if not sets:
            return None
        return set.intersection(*sets) if isinstance(node, And) else set.union(*sets)
    return None


def query_warnings(
    node: Node,
    types: Mapping[str, ValueType],
    keys: Iterable[str],
    coders: Callable[[], Iterable[str]],
    worded: Collection[str] = (),
    years: Collection[str] = (),
) -> list[str]:
    """What to tell of ``node`` before its result, a line each: comparisons with a value not of
    their attribute's type (:func:`type_mismatches`, ``worded`` and ``years`` as it takes
    them), document
    names that name no document (:func:`unmatched_documents`), coders who coded nothing
    (:func:`unmatched_coders`) and coders asked of one passage together
    (:func:`coders_apart`)."""
    return [
        *type_mismatches(node, types, worded, years),
        *unmatched_documents(node, keys),
        *unmatched_coders(node, coders),
        *coders_apart(node, coders),
    ]


def _key_only(key: str) -> Annotation:
    return Annotation(document=key, start=0, end=1, quote="", id="", created="")


def is_document_filter(node: Node) -> bool:
    """True when ``node`` only looks at documents (attributes and ``doc:``), not passages."""
    if isinstance(node, Compare):
        return True
    if isinstance(node, Field):
        return node.field == "doc"
    if isinstance(node, Not):
        return is_document_filter(node.operand)
    if isinstance(node, And | Or):
        return all(is_document_filter(n) for n in node.operands)
    return False


def document_test(
    where: str | Node,
    attributes: AttributeLookup = no_attributes,
    keys: Iterable[str] | None = None,
) -> Callable[[str], bool]:
    """A document filter (see :func:`is_document_filter`) as a test of a document key."""
    node = parse_query(where) if isinstance(where, str) else where
    if keys is not None:  # doc:A.TXT of a.txt
        node = documents_spelled(node, keys)
    if not is_document_filter(node):
        spaced = spaced_values(where) if isinstance(where, str) else []
        if spaced:  # country=United States: its value, not a code
            raise TuiReaderError(spaced[0][0])
        coders = _field_values(node, "coder")
        if coders:  # report --where coder:ana, as a query takes it: --coder is the way
            options = " ".join(f"--coder {shlex.quote(name)}" for name in coders)
            raise TuiReaderError(
                f"{where}: a filter of documents takes attributes (country=Mexico, age>30) "
                f"and doc:NAME; a coder's passages are taken with {options}"
            )
        raise TuiReaderError(
            f"{where}: a filter of documents takes attributes (country=Mexico, age>30) and "
            "doc:NAME, not codes or text"
        )
    test = _compile(node, attributes, coder_of)

    @cache
    def of_document(key: str) -> bool:
        return test(_key_only(key))

    return of_document


def _compile(
    node: Node,
    attributes: AttributeLookup,
    coder: Callable[[Annotation], str],
    speakers: SpeakerLookup = no_speakers,
    sides: Sides | None = None,
) -> Test:
    if isinstance(node, Code):
        name, below = node.name, node.name + "/"
        if node.exact:
            return lambda a: name in a.tags
        return lambda a: any(t == name or t.startswith(below) for t in a.tags)
    if isinstance(node, Compare):
        return _compare(node, attributes)
    if isinstance(node, Field):
        return _field(node, coder, speakers)
    if isinstance(node, Not):
        inner = _compile(node.operand, attributes, coder, speakers, sides)
        return lambda a: not inner(a)
    if isinstance(node, Meeting):
        return _meeting(node, attributes, coder, speakers, sides)
    parts = [_compile(n, attributes, coder, speakers, sides) for n in node.operands]
    if isinstance(node, And):
        return lambda a: all(p(a) for p in parts)
    return lambda a: any(p(a) for p in parts)


def _meeting(
    node: Meeting,
    attributes: AttributeLookup,
    coder: Callable[[Annotation], str],
    speakers: SpeakerLookup,
    sides: Sides | None,
) -> Test:
    """The test of ``a OVERLAPS b WITHIN c ...``: a's passages meeting each other side so."""
    if sides is None:
        relation = node.meets[0][0].upper()
        raise TuiReaderError(f"{relation} looks at other passages, and none are given here")
    tests = [_compile(node.subject, attributes, coder, speakers, sides)]
    for relation, other in node.meets:
        taken = _compile(other, attributes, coder, speakers, sides)
        tests.append(sides.test(relation, other, taken, codes_required(other)))
    return lambda a: all(test(a) for test in tests)


def is_no_value(node: Compare) -> bool:
    """Whether ``node`` asks whether a document has the attribute at all: ``country=""``
    (the documents without a country), ``country!=""`` (those with one)."""
    return node.operator in ("=", "!=") and not node.value.strip()


def _compare(node: Compare, attributes: AttributeLookup) -> Test:
    if is_no_value(node):
        name, unset = node.name.casefold(), node.operator == "="

        def held(annotation: Annotation) -> bool:
            stored = attributes(annotation.document, name)
            blank = stored is None or (isinstance(stored, str) and not stored.strip())
            return blank is unset

        return held
    name, operator = node.name.casefold(), node.operator
    try:
        wanted: Value = parse_value(node.value)
    except AttributeValueError as exc:
        # a value no number can hold (1e310, thousands of digits) that a document holds as
        # text (a sample's code kept as written) is that text; else it is refused
        if not _holds_text(attributes, name, node.value):
            typed = clipped(f"{node.name}{node.operator}{node.value}", 80)
            raise TuiReaderError(f"{typed}: {clipped(str(exc), 80)}") from None
        wanted = node.value.strip()
    # an attribute of dates and a value that is no date (date>-5, date<2019-13): no date held
    # is equal to it nor ordered with it (type_mismatches says so), a year or a month held
    # (2019 beside 2019-05-01) neither, which was compared as a number or as text; a word
    # held there is still compared as text
    # (the attributes' types are looked at once a date is held: a filter typed in the
    # library over thousands of documents, country=Mexico, never looks at them)
    fits, of_dates = fits_dates(node.value), cache(lambda: _attribute_type(attributes, name))
    # code=010 where a document holds the identifier 010 as text (beside the number 10
    # another holds, as an import may give them): that identifier, as a report's column of
    # it is, not the number 10 (in an attribute of numbers, age=034 is still 34)
    identifier = (
        operator in ("=", "!=")
        and is_zero_padded(node.value)
        and _holds_text(attributes, name, node.value)
    )

    def test(annotation: Annotation) -> bool:
        stored = attributes(annotation.document, name)
        if stored is None:
            return operator == "!="  # no age is not 30, and is neither over nor under it
        if not fits and is_dated(stored) and of_dates() is ValueType.DATE:
            return operator == "!="
        if identifier and not isinstance(stored, str):
            return operator == "!="
        return compare(stored, operator, wanted, node.value)

    return test


def _folded(text: str) -> str:
    """``text`` for a match that ignores case and how an accent is encoded (``é`` as one code
    point or as ``e`` and a combining accent, as a PDF or a Mac may write it): composed (NFC),
    then case-folded; a text already composed (nearly every one) is only case-folded.  The
    Turkish capital ``İ`` folds to ``i`` as the searches take it (casefold() makes it ``i`` and
    a combining dot, which ``istanbul`` is not in).  A compatibility character is the letters
    it stands for (NFKC): ``ǅemal`` is ``džemal`` typed with two letters, ``ﬁeld`` is
    ``field``."""
    if text.isascii():
        return text.casefold()
    folded = unicodedata.normalize("NFKC", text).replace("\u0130", "i").casefold()
    return (
        folded
        if unicodedata.is_normalized("NFKC", folded)
        else unicodedata.normalize("NFKC", folded)
    )


def coders_alike(name: str, coders: Iterable[str]) -> list[str]:
    """The ``coders`` that ``coder:NAME`` matches the passages of: ``name`` alone when one is
    spelled so, else every one spelled alike (case, and how an accent is encoded, ignored),
    or, ``name`` a glob (``be*``, as ``doc:`` and ``speaker:`` take one), every one it
    matches compared so, in natural order."""
    coders = list(coders)
    if name in coders:
        return [name]
    named = coder_pattern(name)
    return sorted(filter(named, coders), key=natural_key)


def coder_pattern(name: str) -> Callable[[str], bool]:
    """Whether a coder is one ``coder:name`` (not a coder's own spelling) asks for: spelled
    alike, case and how an accent is encoded aside, or matching it as a glob (``be*``)."""
    folded = _folded(name)
    if not _is_glob(name):
        return lambda coder: _folded(coder) == folded
    return cache(lambda coder: fnmatch.fnmatchcase(_folded(coder), folded))


def coder_named(name: str, coders: Iterable[str]) -> str | None:
    """The one of ``coders`` that ``name`` names as ``coder:NAME`` takes it (case, and how an
    accent is encoded, ignored; the exact spelling first), None when none or several do."""
    coders = list(coders)
    if name in coders:
        return name
    same = [c for c in coders if _folded(c) == _folded(name)]
    return same[0] if len(same) == 1 else None


def _field(
    node: Field, coder: Callable[[Annotation], str], speakers: SpeakerLookup = no_speakers
) -> Test:
    if node.field == "speaker":
        named = speaker_named(node.value)
        if _is_glob(node.value) and isinstance(speakers, PassageSpeakers):
            # a speaker spelled as the glob is: that speaker alone (decided when first
            # asked, the documents' speakers read then)
            who = speaker_key(node.value)
            spelled: list[bool] = []

            written = speakers.named_by(node.value)

            def test(a: Annotation) -> bool:
                if not spelled:
                    spelled.append(speakers.as_spelled(who))
                return who in speakers(a) if spelled[0] else any(map(written, speakers(a)))

            return test
        return lambda a: any(map(named, speakers(a)))
    value = _folded(node.value)
    # An ASCII value is looked for in the composed text too: "cafe" is in "cafe" and a
    # combining accent ("café" as a PDF writes it), not in the word the reader sees.
    if node.field == "text":
        value = _one_space(value)
        return lambda a: value in _one_space(_flowing(_folded(a.quote)))
    if node.field == "note":
        return lambda a: value in _folded(a.note)
    if node.field == "coder" and node.exact:
        return lambda a: coder(a) == node.value
    if node.field == "coder":
        named = coder_pattern(node.value)
        return lambda a: named(coder(a))
    return _document_name_test(node.value, node.any_case, node.exact)


def _flowing(quote: str) -> str:
    """``quote`` as a reader sees it flow: each line's end within a paragraph (with the
    spaces around it) a space, and none after a hyphen ending a line, as the corpus search
    finds a phrase (``text:"peace talks"`` in a passage of a hard-wrapped text, "peace" at
    one line's end and "talks" at the next one's start; "self-" and "determination"); a
    paragraph's end (a blank line) is no space."""
    if "\n" not in quote:
        return quote
    return _LINE_END.sub(lambda m: "-" if m[1] else " ", quote)


_LINE_END = re.compile(r"(?<=\S)(-?)[ \t]*\r?\n[ \t]*(?=\S)")


def _one_space(text: str) -> str:
    """``text`` with each run of spaces and tabs within a line one space, as a reader reads
    it: ``text:"peace talks"`` finds "peace  talks" and "peace<TAB>talks" (a no-break space
    is a space once folded)."""
    if "  " not in text and "\t" not in text:
        return text
    return _SPACES.sub(" ", text)


_SPACES = re.compile(r"[ \t]{2,}|\t")


def _document_name_test(pattern: str, any_case: bool = False, exact: bool = False) -> Test:
    if any_case:  # a name naming no document as typed (documents_spelled)
        pattern = _folded(pattern)

    @cache
    def named(key: str) -> bool:
        if any_case:
            key = _folded(key)
        path = PurePosixPath(key)
        names = (key, path.name, path.stem)
        if pattern in names:
            return True
        if pattern.endswith("/" + key):  # its path, typed whole or from another folder
            return True
        return not exact and any(fnmatch.fnmatchcase(n, pattern) for n in names)

    return lambda a: named(a.document)
