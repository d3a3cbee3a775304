"""Auto-coding: tag every hit of a text or regex across documents (QualCoder's auto-code).

Each hit (or the sentence / paragraph / speaker turn around it) becomes an annotation with the
tags; a passage annotated already gets the tags added instead of a duplicate.  A speaker keeps
to that speaker's turns in transcripts (without a pattern: every turn of the speaker).
Sentence, paragraph and turn units leave a turn's speaker label and timestamp out.  Everything
is saved in one durable step, one step of the history (one undo takes it back).  Offsets are
code points into the canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui_reader.core.annotations.model import AnchorStatus, Annotation, make_annotation, utc_now
from tui_reader.core.annotations.quotes import either_encoding
from tui_reader.core.display import shown
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.table_units import PROSE, UnitRule, rule_for
from tui_reader.core.documents.turns import (
    Turn,
    body_range,
    label_free,
    speaker_key,
    turn_at,
)
from tui_reader.core.documents.unit_index import UnitIndex
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.search.composed import composed_form, uncomposed
from tui_reader.core.search.finder import Finder
from tui_reader.core.search.hits import FoldedLiteral
from tui_reader.core.search.user_pattern import TextPattern, UserPattern
from tui_reader.core.workspace import Workspace

if TYPE_CHECKING:
    from tui_reader.core.search.corpus import CorpusTexts

Unit = Literal["match", "sentence", "paragraph", "turn"]
UNITS: tuple[Unit, ...] = ("match", "sentence", "paragraph", "turn")


@dataclass
class AutocodeResult:
    coded: int = 0  # passages created or given the tags
    hits: int = 0  # matches found (0: say what was searched)
    unreadable: list[DocumentError] = field(default_factory=list)  # documents skipped
    empty_only: int = 0  # documents the pattern matched in empty text alone ('^', '(?=x)')
    already: int = 0  # passages the coder had coded with every tag given: left as they were
    # the speakers the documents read name, in the order met (given a speaker: to say them
    # when that speaker is none of them)
    speakers: dict[str, None] = field(default_factory=dict)


def compile_pattern(pattern: str, regex: bool, ignore_case: bool) -> TextPattern:
    """``pattern`` compiled: a literal, else a user's regular expression (under a time limit,
    ``^`` and ``$`` at every line as in grep: :mod:`~tui_reader.core.search.user_pattern`);
    a bad one is an error."""
    if not pattern:
        raise TuiReaderError("the pattern is empty")
    if regex:  # composed, as the texts are searched composed (find_hits)
        return UserPattern(composed_form(pattern), ignore_case=ignore_case)
    if ignore_case:  # full case folding (strasse finds Straße), searched composed
        return FoldedLiteral(pattern)
    # an accented letter found however the text encodes it (one code point, or two)
    return re.compile(either_encoding(pattern))


def unit_ranges(
    text: str,
    hits: list[tuple[int, int]],
    unit: str,
    turns: Sequence[Turn] = (),
    rule: UnitRule = PROSE,
) -> list[tuple[int, int]]:
    """The passages to code for ``hits``: the hits themselves, or the sentences / paragraphs /
    speaker turns that hold them (one passage per unit, sorted).  A unit never includes a
    turn's speaker label or timestamp.  ``rule``: how the text is cut (a table's, a line a row,
    a survey's answers: a row is a paragraph as a transcript's turn is, a sentence never
    running out of its cell; see :mod:`~tui_reader.core.documents.table_units`)."""
    if unit == "match":
        return sorted(set(hits))
    chosen: set[tuple[int, int]] = set()
    units = UnitIndex(text, rule) if unit != "turn" else None  # one pass, however many hits
    if units is not None:
        # One speaker's words, as the reader's p and s and agreement's units are: turns on
        # lines of their own, no blank line between them, were one paragraph.
        found = label_free(turns, lambda _text, offset: units.unit(unit, offset))
    for start, end in hits:
        if units is None:
            turn = turn_at(turns, start)
            if turn is not None and turn.body < turn.said_end:
                chosen.add((turn.body, turn.said_end))
            continue
        first, last = found(text, start), found(text, max(start, end - 1))
        lo, hi = min(first[0], start), max(last[1], end)
        lo, hi = body_range(turns, lo, hi)
        hi = lo + len(text[lo:hi].rstrip())  # the space after a sentence is not coded
        chosen.add((lo, hi))
    return sorted(chosen)


def find_hits(
    document: Document,
    pattern: TextPattern | None,
    speaker: str | None = None,
    empty: list[int] | None = None,
) -> list[tuple[int, int]]:
    """Where ``pattern`` matches (within ``speaker``'s turns when given, the name compared
    as :func:`speaker_key` folds it); without a pattern, the body of each of ``speaker``'s
    turns.  An empty match is no hit; ``empty``, when
    given, has where the first one is appended.  A text that is not composed (NFC: an
    accent written as a combining mark after its letter, as Macs and PDFs write it) is
    searched composed, as ``search`` does, the hits said in its own offsets: a regular
    expression's ``ï`` or ``\\w`` finds the letter however the file encodes it."""
    who = None if speaker is None else speaker_key(speaker)
    turns = [t for t in document.turns if who is None or speaker_key(t.speaker) == who]
    if pattern is None:
        return [(t.body, t.said_end) for t in turns if t.said_end > t.body]
    found = _spans(document.text, pattern, empty)
    if speaker is None:
        return found
    kept = []
    for start, end in found:
        turn = turn_at(document.turns, start)
        said = turn is not None and turn.body <= start and end <= turn.said_end
        if said and turn is not None and speaker_key(turn.speaker) == who:
            kept.append((start, end))
    return kept


def _spans(
    text: str, pattern: TextPattern, empty: list[int] | None = None
) -> list[tuple[int, int]]:
    """Where ``pattern`` matches ``text`` with some text (see :func:`find_hits`): searched
    composed, the spans in ``text``'s own offsets."""
    found = []
    view = uncomposed(text)
    for match in pattern.finditer(text if view is None else view.text):
        start, end = match.span()
        if view is not None:
            start, end = view.span(start, end) if end > start else (view.start(start),) * 2
        if end > start:
            found.append((start, end))
        elif empty is not None and not empty:
            empty.append(start)
    return found


def _finder(pattern: TextPattern, typed: str | None) -> Finder:
    """The corpus search's test of whether a text holds a hit of ``pattern`` (typed as
    ``typed``): a literal's in the kept bytes of a text, as ``search`` tests it."""
    if isinstance(pattern, UserPattern) or typed is None:
        return Finder(pattern)  # (a regex: the text kept is searched, no document parsed)
    literal = pattern.pattern if isinstance(pattern, FoldedLiteral) else composed_form(typed)
    return Finder(pattern, literal)  # (composed, as the texts are tested: see Finder)


def _may_hit(
    texts: CorpusTexts, finder: Finder, pattern: TextPattern, result: AutocodeResult, key: str
) -> bool:
    """Whether document ``key`` may hold a hit of ``pattern``, told from its text as the
    corpus search keeps it (``texts``: its packed bytes, or its text read once and kept),
    without parsing the document; a document whose text cannot be read may (it is loaded,
    and its error said as before).  A text with no hit but an empty match is counted in
    ``result.empty_only``, as :func:`autocode` counts it."""
    try:
        _title, text = texts.searchable(key, finder)
    except DocumentError:
        return True
    if not text:  # its bytes hold no match
        return False
    if not isinstance(text, str):  # (hits counted: not asked for)
        return True
    empty: list[int] = []
    if _spans(text, pattern, empty):
        return True
    result.empty_only += bool(empty)
    return False


def _quoted(pattern: str) -> str:
    r"""``pattern`` between quotes as typed, for the history: its backslashes single (repr's
    '\\bnoir' was another expression), in double quotes when it holds a single one."""
    return f'"{pattern}"' if "'" in pattern else f"'{pattern}'"


def autocode(
    workspace: Workspace,
    keys: Iterable[str],
    pattern: TextPattern | None,
    tags: Sequence[str],
    unit: str = "match",
    note: str = "",
    speaker: str | None = None,
    typed: str | None = None,
    texts: CorpusTexts | None = None,
) -> AutocodeResult:
    """Code every hit of ``pattern`` (or every turn of ``speaker`` when there is no pattern)
    in the documents ``keys`` of ``workspace`` with ``tags``, as ``unit`` says; a document
    that cannot be read is skipped and reported.  ``typed``: the pattern as the user typed
    it, which the step's label shows (not the expression it was compiled to).  ``texts``:
    the texts the corpus search keeps (:attr:`Workspace.corpus_texts`): a document whose
    kept text holds no hit is passed over as ``search`` passes it, not parsed (a pattern
    found nowhere in 10,000 documents parsed them all, 10 s where the search took 1 s);
    only the documents with a hit are loaded, and coded as without ``texts``.  (Not with a
    ``speaker``: the speakers of every document are read.)"""
    if pattern is None and not speaker:
        raise TuiReaderError("give a PATTERN to find, or --speaker NAME to code every turn")
    if pattern is None:
        unit = "turn"
    tags = tuple(dict.fromkeys(tags))
    result = AutocodeResult()
    created: list[Annotation] = []
    retagged: list[tuple[Annotation, Annotation]] = []
    missing: list[str] | None = None  # once, when a document has a hit (10,000 files each)
    read: dict[str, str] = {}  # the text of each document holding a hit, by key
    may_hit: Callable[[str], bool] | None = None  # (told without parsing the document)
    if texts is not None and pattern is not None and not speaker:
        may_hit = functools.partial(_may_hit, texts, _finder(pattern, typed), pattern, result)
    for key in keys:
        if may_hit is not None and not may_hit(key):
            continue
        try:
            document = workspace.document(key)
        except DocumentError as exc:
            result.unreadable.append(exc)
            continue
        if speaker:
            result.speakers.update(dict.fromkeys(t.speaker for t in document.turns if t.speaker))
        empty: list[int] = []
        hits = find_hits(document, pattern, speaker, empty)
        if not hits:  # its annotations need not be placed (10,000 documents: seconds)
            result.empty_only += bool(empty)
            continue
        result.hits += len(hits)
        read[key] = document.sha256
        if missing is None:
            missing = workspace.missing_keys()
        existing = {  # the coder's own: another coder's passage is theirs, not retagged
            (a.start, a.end): a
            for a in workspace.anchored(key, missing)
            if a.status is not AnchorStatus.ORPHAN and a.coder == workspace.store.coder
        }
        rule = rule_for(document.format, document.turns)
        for start, end in unit_ranges(document.text, hits, unit, document.turns, rule):
            old = existing.get((start, end))
            if old is None:
                created.append(
                    make_annotation(key, document.text, start, end, document.sha256, tags, note)
                )
            elif not set(tags) <= set(old.tags):
                merged = tuple(dict.fromkeys((*old.tags, *tags)))
                retagged.append((old, old.evolve(tags=merged, updated=utc_now())))
            else:
                result.already += 1
    store = workspace.store
    if pattern is None:
        searched = f"speaker {speaker}"
    else:  # "café", not the 'caf(?:é|é)' that finds it however it is encoded
        searched = _quoted(shown(typed if typed is not None else pattern.pattern))
    # One journal line, one undoable step: all saved, or nothing (then StoreError says so).
    _, saved = store.save_batch(created, retagged, f"autocode {searched}: {', '.join(tags)}")
    result.coded = len(created) + len(saved)
    workspace.remember_read(read)  # (their files gone: said gone, as of a document opened)
    return result
