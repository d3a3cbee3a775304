"""Inter-coder agreement: how far two coders coded the same documents alike, per code and overall.

The texts are cut into units and, for each code, each unit counts as coded or not by each coder:

- ``character``: every character of the documents is a unit (as NVivo counts), coded when it
  lies in a passage with the code, but for a transcript's speaker labels (``E1: ``), which
  no one codes, as by the other units;
- ``word`` / ``sentence`` / ``paragraph``: the words (runs of characters that are not space),
  sentences or paragraphs of :mod:`tui_reader.core.documents.units`, coded when a passage with
  the code overlaps them.

Per code, the 2x2 table of those decisions gives percent agreement, Cohen's kappa and
Krippendorff's alpha (:mod:`tui_reader.core.analysis.agreement_stats`); the overall row pools
every (unit, code) decision of every code.  Passages without a place in the current text
(orphans) cannot be placed on units and are left out.  Offsets are code points into a
document's canonical text, half-open ``[start, end)``.

Counting is vectorised with numpy and never loops over characters: every document's units are
laid end to end, and per code they are cut where either coder's passages start or end; boolean
arrays over those segments (weighted by their length in units) give the 2x2 table.  By
character, a document's length is all the count needs of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain, compress, repeat
from operator import and_, attrgetter, ne
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

import numpy as np

from tui_reader.core.analysis.agreement_stats import BinaryTable
from tui_reader.core.analysis.agreement_units import UNITS as UNITS
from tui_reader.core.analysis.agreement_units import Unit as Unit
from tui_reader.core.analysis.coded import Placed
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.codebook.names import in_scope, in_tag_order, rolled_up, tag_order
from tui_reader.core.documents.table_units import PROSE, UnitRule
from tui_reader.core.documents.units import spaces_trimmed
from tui_reader.core.documents.words import CJK_CHARACTER, CJK_MARK, KANA_VOICING

if TYPE_CHECKING:
    from tui_reader.core.documents.turns import Turn


class Coded(Placed, Protocol):
    """What a comparison reads of a coded passage: an :class:`Annotation`, or a
    :class:`~tui_reader.core.analysis.settled_coding.CodedPassage` read from its record."""

    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class AgreementRow:
    """The agreement on one code (``tag`` None: every code pooled)."""

    tag: str | None
    table: BinaryTable

    def record(self) -> dict[str, object]:
        """The row as ``agreement --format json`` prints it."""
        return {
            "tag": self.tag,
            "units": self.table.units,
            "agreement": self.table.agreement,
            "kappa": self.table.kappa,
            "alpha": self.table.alpha,
            "both": self.table.both,
            "only_a": self.table.only_a,
            "only_b": self.table.only_b,
            "neither": self.table.neither,
            "undefined_because": self.table.undefined_because or None,
        }


@dataclass(frozen=True)
class Disagreement:
    """A passage one coder coded with ``tag`` and the other did not (``[start, end)``, whole
    units); ``codes_a``/``codes_b``: every code each coder gave the passage's units."""

    document: str
    start: int
    end: int
    tag: str
    coded_by: str  # the coder who coded it
    codes_a: tuple[str, ...]
    codes_b: tuple[str, ...]


@dataclass(frozen=True)
class Disagreements:
    """What :meth:`Comparison.listed` finds: the places listed, and by code the units of the
    runs of nothing but spaces it leaves out (``spaces``), which the figures count."""

    places: list[Disagreement]
    spaces: dict[str, int]

    @property
    def spaces_left_out(self) -> int:
        """The units of every code's runs of spaces left out."""
        return sum(self.spaces.values())


class Units:
    """The units of one text: ``count`` of them; ``spans`` (an ``(n, 2)`` array of ``[start,
    end)``, sorted) for words, sentences and paragraphs, None for characters (unit i is ``[i,
    i+1)``); by character in a transcript, ``runs``: the stretches of its characters that are
    units (``[start, end)``, sorted), its speakers' labels left out (None when every character
    is one)."""

    def __init__(
        self,
        text: str | int | np.ndarray,
        unit: Unit,
        turns: Sequence[Turn] | None = None,
        rule: UnitRule = PROSE,
    ) -> None:
        """``text``: the text; or by character its length alone (a text with no labels to
        leave out), or the stretches of it that are units (:func:`character_runs`); or by
        word, sentence or paragraph its units as cut before (as :attr:`spans` holds them).
        ``turns``: the speaker turns of the text, when known (else found).
        ``rule``: how its sentences and paragraphs are cut (see :func:`unit_spans`)."""
        self.spans: np.ndarray | None = None
        self.runs: np.ndarray | None = None
        self._run_base: np.ndarray | None = None
        if isinstance(text, str) and unit == "character":
            text = character_runs(text, turns)
        if isinstance(text, np.ndarray):
            if unit == "character":
                runs = text.reshape(-1, 2)
                if len(runs) > 1 or (len(runs) and int(runs[0, 0])):
                    self._set_runs(runs)
                else:  # no labels: every character counts, counted by the text's length
                    self.count = int(runs[0, 1]) if len(runs) else 0
                return
            self.spans = text.reshape(-1, 2)
            self.count = len(self.spans)
            return
        if isinstance(text, int):
            if unit != "character":
                raise ValueError(f"{unit} units are found in a text, not in its length")
            self.count = text
            return
        self.spans = unit_spans(text, unit, rule, turns)
        self.count = len(self.spans)

    def _set_runs(self, runs: np.ndarray) -> None:
        lengths = runs[:, 1] - runs[:, 0]
        self.runs = runs
        self._run_base = np.concatenate(([0], np.cumsum(lengths)))[:-1].astype(np.int64)
        self.count = int(lengths.sum())

    def span(self, first: int, after: int) -> tuple[int, int]:
        """``[start, end)`` of units ``first`` to ``after - 1``."""
        if self.runs is not None and self._run_base is not None:
            return (
                int(_run_offsets(self.runs, self._run_base, np.array([first]))[0]),
                int(_run_offsets(self.runs, self._run_base, np.array([after - 1]))[0]) + 1,
            )
        if self.spans is None:
            return first, after
        return int(self.spans[first, 0]), int(self.spans[after - 1, 1])

    def pieces(self, first: int, after: int) -> list[tuple[int, int, int]]:
        """``(start, end, units)`` of units ``first`` to ``after - 1`` in the text: one piece,
        or by character in a transcript one per turn they reach (the labels between them are
        no units of theirs)."""
        if self.runs is None or self._run_base is None:
            return [(*self.span(first, after), after - first)]
        base = self._run_base
        found = []
        at = first
        while at < after:
            run = int(np.searchsorted(base, at, side="right")) - 1
            stop = min(after, int(base[run]) + int(self.runs[run, 1] - self.runs[run, 0]))
            start = int(self.runs[run, 0]) + at - int(base[run])
            found.append((start, start + stop - at, stop - at))
            at = stop
        return found

    def ranges(self, passages: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """``(first, after)``: the units each passage overlaps, ``[first, after)`` (passages
        overlapping no unit left out)."""
        first, after = self.bounds(passages)
        keep = first < after
        return first[keep], after[keep]

    def bounds(self, passages: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """``(first, after)`` of each passage, in order: ``first >= after`` where it overlaps
        no unit."""
        if not passages or not self.count:
            empty = np.zeros(len(passages), dtype=np.int64)
            return empty, empty
        bounds = np.asarray(passages, dtype=np.int64)
        if self.runs is not None and self._run_base is not None:
            first = _run_units(self.runs, self._run_base, bounds[:, 0])
            after = _run_units(self.runs, self._run_base, bounds[:, 1])
        elif self.spans is None:
            first = np.clip(bounds[:, 0], 0, self.count)
            after = np.clip(bounds[:, 1], 0, self.count)
        else:
            first = np.searchsorted(self.spans[:, 1], bounds[:, 0], side="right")
            after = np.searchsorted(self.spans[:, 0], bounds[:, 1], side="left")
        return first, after

    def marks(self, passages: Sequence[tuple[int, int]]) -> np.ndarray:
        """Which units the passages overlap, one boolean per unit."""
        first, after = self.ranges(passages)
        return _covered(np.arange(self.count + 1), first, after)


def _run_units(runs: np.ndarray, base: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The unit at each of ``offsets`` (or the one after, at an offset outside every run) of
    characters counted in ``runs`` (sorted ``[start, end)``), ``base`` the unit each run
    starts at."""
    if not len(runs):
        return np.zeros(len(offsets), dtype=np.int64)
    at = np.searchsorted(runs[:, 0], offsets, side="right") - 1
    run = np.maximum(at, 0)
    inside = np.clip(offsets - runs[run, 0], 0, runs[run, 1] - runs[run, 0])
    return np.where(at >= 0, base[run] + inside, 0).astype(np.int64)


def _run_offsets(runs: np.ndarray, base: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The offset in the text of each of ``units`` (each less than the runs' count)."""
    run = np.searchsorted(base, units, side="right") - 1
    found: np.ndarray = runs[run, 0] + units - base[run]
    return found.astype(np.int64)


def _covered(cuts: np.ndarray, first: np.ndarray, after: np.ndarray) -> np.ndarray:
    """For each segment ``[cuts[i], cuts[i+1])``: whether a range ``[first, after)`` covers it
    (every range starts and ends on a cut)."""
    size = len(cuts)
    change = np.bincount(np.searchsorted(cuts, first), minlength=size) - np.bincount(
        np.searchsorted(cuts, after), minlength=size
    )
    return np.cumsum(change[:-1]) > 0


@dataclass(frozen=True)
class Segments:
    """One document and code, its units cut where any passage of either coder starts or ends:
    within a segment every unit is coded alike, so counting segments (weighted by their
    length) counts units.  ``a``/``b``: each segment coded by coder A / B."""

    cuts: np.ndarray  # unit indices, from 0 to the unit count
    a: np.ndarray
    b: np.ndarray

    @classmethod
    def of(
        cls, units: Units, coded_a: Sequence[tuple[int, int]], coded_b: Sequence[tuple[int, int]]
    ) -> Segments:
        return cls.of_ranges(units.count, units.ranges(coded_a), units.ranges(coded_b))

    @classmethod
    def of_ranges(
        cls, count: int, a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
    ) -> Segments:
        """The segments of ``count`` units coded by the unit ranges ``(first, after)`` of coder
        A's and coder B's passages (each range overlapping at least one unit)."""
        ends = np.array([0, count], dtype=np.int64)
        cuts = np.unique(np.concatenate([ends, *a, *b]))
        return cls(cuts, _covered(cuts, *a), _covered(cuts, *b))

    def table(self) -> BinaryTable:
        lengths = np.diff(self.cuts)
        both = int(lengths[self.a & self.b].sum())
        only_a = int(lengths[self.a & ~self.b].sum())
        only_b = int(lengths[self.b & ~self.a].sum())
        return BinaryTable(both, only_a, only_b, int(lengths.sum()) - both - only_a - only_b)

    def runs(self) -> list[tuple[int, int, bool]]:
        """``(first unit, after, by_a)`` of each stretch one coder coded and the other not."""
        found: list[tuple[int, int, bool]] = []
        for mask, by_a in ((self.a & ~self.b, True), (self.b & ~self.a, False)):
            edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
            found.extend(
                (int(self.cuts[s]), int(self.cuts[e]), by_a)
                for s, e in zip(edges[::2], edges[1::2], strict=True)
            )
        found.sort()
        return found


Ranges = tuple[np.ndarray, np.ndarray, np.ndarray]  # each passage's code, first unit, after


class _Laid:
    """Every document's units laid end to end, the first document's first unit unit 0, and
    the passages of one coder or the other on them: each passage's code and its units
    ``[first, after)`` counted from unit 0, found for all passages at once.

    By sentence or paragraph, each document's units are moved past the ones before (by the
    end of their last unit, and one), so one sorted array of all their starts and one of all
    their ends place every passage with two searches; a passage is first cut to its own
    document's units (``[0, end of its last unit]``), which leaves its units as they were and
    keeps it from reaching into the next document.  A pass a document took a third of a
    comparison of 10,000 documents.  By character, when a transcript's labels are left out,
    the stretches of characters that count are laid so, one after another."""

    def __init__(self, units: Mapping[str, Units]) -> None:
        self.order = {key: n for n, key in enumerate(units)}
        each = list(units.values())
        counts = np.fromiter((u.count for u in each), dtype=np.int64, count=len(each))
        self.base = np.concatenate(([0], np.cumsum(counts)))[:-1]  # each document's unit 0
        self.count = int(counts.sum())
        self.starts: np.ndarray | None = None
        self.ends: np.ndarray | None = None
        self.runs: np.ndarray | None = None
        self.run_base: np.ndarray | None = None
        if any(u.runs is not None for u in each):  # characters, some labels left out
            runs = [u.runs if u.runs is not None else _whole(u.count) for u in each]
            limit = np.fromiter(
                (int(r[-1, 1]) if len(r) else 0 for r in runs), dtype=np.int64, count=len(each)
            )
            self.shift = np.concatenate(([0], np.cumsum(limit + 1)))[:-1]
            self.runs = np.concatenate(
                [r + shift for r, shift in zip(runs, self.shift.tolist(), strict=True)]
            ).reshape(-1, 2)
            lengths = self.runs[:, 1] - self.runs[:, 0]
            self.run_base = np.concatenate(([0], np.cumsum(lengths)))[:-1].astype(np.int64)
        elif each and each[0].spans is not None:  # one unit for all: sentences or paragraphs
            spans = [cast(np.ndarray, u.spans) for u in each]
            limit = np.fromiter(
                (int(s[-1, 1]) if len(s) else 0 for s in spans), dtype=np.int64, count=len(each)
            )
            self.shift = np.concatenate(([0], np.cumsum(limit + 1)))[:-1]
            self.starts = np.concatenate(
                [s[:, 0] + shift for s, shift in zip(spans, self.shift.tolist(), strict=True)]
            )
            self.ends = np.concatenate(
                [s[:, 1] + shift for s, shift in zip(spans, self.shift.tolist(), strict=True)]
            )
        else:  # characters: a passage is cut to its text
            limit = counts
        self.limit = limit

    def ranges(self, passages: _Passages, index: Mapping[str, int]) -> Ranges:
        """Every passage of ``passages`` on a laid document with one of the codes of
        ``index`` that overlaps a unit: its code, first unit and the unit after it (a
        passage of two codes twice)."""
        # Each passage's document, place and codes in passes in C, a passage repeated for
        # each of its codes by numpy (a loop over the documents and codes took a third).
        if not passages.documents:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        count = len(passages.documents)
        repeats = np.fromiter(map(len, passages.tags), dtype=np.int64, count=count)
        flat = list(chain.from_iterable(passages.tags))
        codes = np.fromiter(map(index.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        numbers = map(self.order.get, passages.documents, repeat(-1))
        doc = np.repeat(np.fromiter(numbers, dtype=np.int64, count=count), repeats)
        starts = np.fromiter(passages.starts, dtype=np.int64, count=count)
        ends = np.fromiter(passages.ends, dtype=np.int64, count=count)
        wanted = (codes >= 0) & (doc >= 0)
        codes, doc = codes[wanted], doc[wanted]
        limit = self.limit[doc]
        start = np.clip(np.repeat(starts, repeats)[wanted], 0, limit)
        end = np.clip(np.repeat(ends, repeats)[wanted], 0, limit)
        if self.runs is not None and self.run_base is not None:
            shift = self.shift[doc]
            first = _run_units(self.runs, self.run_base, start + shift)
            after = _run_units(self.runs, self.run_base, end + shift)
        elif self.starts is None or self.ends is None:
            first, after = start + self.base[doc], end + self.base[doc]
        else:
            shift = self.shift[doc]
            first = np.searchsorted(self.ends, start + shift, side="right")
            after = np.searchsorted(self.starts, end + shift, side="left")
        keep = first < after
        return codes[keep], first[keep], after[keep]


def _whole(count: int) -> np.ndarray:
    """The one run of a text of ``count`` characters that are all units."""
    return np.array([[0, count]] if count else [], dtype=np.int64).reshape(-1, 2)


def _of_code(ranges: Ranges, code: int) -> tuple[np.ndarray, np.ndarray]:
    codes, first, after = ranges
    mine = codes == code
    return first[mine], after[mine]


def unit_spans(
    text: str, unit: Unit, rule: UnitRule = PROSE, turns: Sequence[Turn] | None = None
) -> np.ndarray:
    """The words, sentences or paragraphs of ``text`` as an ``(n, 2)`` array of ``[start,
    end)``, cut as the reader selects them: in a transcript a speaker's label and timestamp
    (``E1:``, ``[00:07:09] P03:``) are no words of a unit, and a sentence or paragraph opening
    with them begins where what was said begins (see :func:`~tui_reader.core.documents.turns.
    label_free`); by character, the stretches of characters that count
    (:func:`character_runs`).  ``rule``: how sentences and paragraphs are cut (a table's: a
    row a paragraph, a sentence in its cell, as autocode and the reader cut them; see
    :mod:`~tui_reader.core.documents.table_units`).  ``turns``: the document's speaker
    turns when known (a transcript kept as a workbook's sheet or a CSV shows none in its text
    alone, its labels then counted in its turns' units), else found in the text."""
    if unit == "character":
        return character_runs(text, turns)
    if unit == "word":
        spans = word_span_array(text)
    else:
        cut = rule.sentence_spans(text) if unit == "sentence" else rule.paragraph_spans(text)
        spans = np.array(cut, dtype=np.int64).reshape(-1, 2)
    return _labels_left_out(text, spans, unit, turns)


def character_runs(text: str, turns: Sequence[Turn] | None = None) -> np.ndarray:
    """The characters of ``text`` that are units by character, as an ``(n, 2)`` array of
    ``[start, end)``: every character but a transcript's speaker labels and timestamps
    (``E1: ``, ``[00:07:09] P03: ``), which no one codes, as by word, sentence and paragraph
    (one stretch, the whole text, when it has none).  ``turns``: its turns when known (a
    document's: a transcript of a million characters took a third of a second to find)."""
    from tui_reader.core.documents.turns import find_turns

    edges = [0]
    for turn in find_turns(text) if turns is None else turns:
        edges += [turn.start, turn.body]
    edges.append(len(text))
    pairs = np.array(edges, dtype=np.int64).reshape(-1, 2)
    return pairs[pairs[:, 0] < pairs[:, 1]]


def _labels_left_out(
    text: str, spans: np.ndarray, unit: Unit, turns: Sequence[Turn] | None = None
) -> np.ndarray:
    """``spans`` without the speaker labels of ``text``'s turns (``turns``, else found in
    it): the words in a label left out, a sentence or paragraph that opens in one started at
    what was said (one that is nothing but a label, on its line of its own, kept as the
    reader keeps it)."""
    from tui_reader.core.documents.turns import find_turns

    if turns is None:
        turns = find_turns(text)
    if not turns or not len(spans):
        return spans
    starts = np.fromiter((t.start for t in turns), dtype=np.int64, count=len(turns))
    bodies = np.fromiter((t.body for t in turns), dtype=np.int64, count=len(turns))
    if unit != "word":  # a sentence or paragraph is one speaker's, as the reader's s and p
        spans = _cut_at_turns(text, turns, starts, spans)
    at = np.searchsorted(starts, spans[:, 0], side="right") - 1
    body = bodies[np.maximum(at, 0)]
    in_label = (at >= 0) & (spans[:, 0] < body)
    if unit == "word":
        return spans[~in_label]
    moved = in_label & (body < spans[:, 1])
    spans = spans.copy()
    spans[moved, 0] = body[moved]
    return spans


def _cut_at_turns(
    text: str, turns: Sequence[Turn], starts: np.ndarray, spans: np.ndarray
) -> np.ndarray:
    """``spans`` each cut where a turn (beginning at ``starts``) begins inside it
    (:func:`~tui_reader.core.documents.turns.turn_pieces`): turns on lines of their own, no
    blank line between them, were one paragraph, both coders "coding" it alike."""
    from tui_reader.core.documents.turns import turn_pieces

    first = np.searchsorted(starts, spans[:, 0], side="right")
    crossing = np.flatnonzero(np.searchsorted(starts, spans[:, 1], side="left") > first)
    if not len(crossing):
        return spans
    parts, done = [], 0
    for i in crossing.tolist():
        parts.append(spans[done:i])
        parts.append(np.array(turn_pieces(turns, text, *spans[i].tolist()), dtype=np.int64))
        done = i + 1
    parts.append(spans[done:])
    return np.concatenate(parts).reshape(-1, 2)


def word_span_array(text: str) -> np.ndarray:
    """:func:`~tui_reader.core.documents.units.word_spans` of ``text`` as an ``(n, 2)``
    array, found in numpy: where the text turns from space to not and back, each Chinese or
    Japanese character a word of its own (a regular expression's match a word took 20 s for
    the 19 million words of 10,000 documents)."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = _word_kinds()
    kind = kinds[np.minimum(points, len(kinds) - 1)]
    if not (kind >= _OWN_WORD).any():  # nearly every text: runs of what is not space
        word = kind != _SPACE_OR_MARK
        edges = np.flatnonzero(np.diff(np.concatenate(([False], word, [False])).view(np.int8)))
        return edges.astype(np.int64).reshape(-1, 2)
    letters = kind == _IN_WORD
    before = np.concatenate(([False], letters[:-1]))
    after = np.concatenate((letters[1:], [False]))
    # a kana's voicing mark is part of it (ｶﾞ, one word), a word of its own after no kana
    voicing = kind == _VOICING
    own = (kind == _OWN_WORD) | voicing
    own_before = np.concatenate(([False], own[:-1]))
    voicing_after = np.concatenate((voicing[1:], [False]))
    starts = np.flatnonzero((own & ~(voicing & own_before)) | (letters & ~before))
    ends = np.flatnonzero((own & ~voicing_after) | (letters & ~after)) + 1
    return np.stack((starts, ends), axis=1).astype(np.int64).reshape(-1, 2)


_SPACE_OR_MARK, _IN_WORD, _OWN_WORD, _VOICING = 0, 1, 2, 3


@cache
def _word_kinds() -> np.ndarray:
    """What each code point up to U+FFFF is to a word (the last entry, for every one above,
    part of one): a space, or Chinese or Japanese punctuation, which part words (str.isspace
    as the regex's \\s reads it); a Chinese or Japanese character, a word of its own; a
    kana's voicing mark, part of the kana before it; any other, part of a word."""
    kinds = np.full(0x10001, _IN_WORD, dtype=np.uint8)
    for code in range(0x3040):
        if chr(code).isspace():
            kinds[code] = _SPACE_OR_MARK
    for code in range(0x3000, 0x10000):
        char = chr(code)
        if char in KANA_VOICING:
            kinds[code] = _VOICING
        elif CJK_CHARACTER.match(char):
            kinds[code] = _OWN_WORD
        elif CJK_MARK.match(char):
            kinds[code] = _SPACE_OR_MARK
    return kinds


_DOCUMENT, _START, _END = attrgetter("document"), attrgetter("start"), attrgetter("end")
_TAGS, _STATUS = attrgetter("tags"), attrgetter("status")


class _Passages(NamedTuple):
    """One coder's passages compared, as columns: each passage's document, place and codes
    (each once, cut to a depth when asked), orphans and passages on documents not compared
    left out, in the order given."""

    documents: list[str]
    starts: list[int]
    ends: list[int]
    tags: list[tuple[str, ...]]
    orphans: int  # the orphans on documents compared, left out

    @classmethod
    def of(
        cls,
        annotations: Iterable[Coded],
        texts: Mapping[str, object],
        wanted: Sequence[str] = (),
        depth: int | None = None,
    ) -> _Passages:
        """``annotations`` on the documents of ``texts``; with ``depth``, the codes of
        ``wanted`` and below them (every code when empty) cut to their first ``depth``
        levels (:func:`rolled_up`).  Read in passes in C: a loop over the 100,000 passages
        of the bench, a dict of dicts made as it went, took a sixth of a comparison."""
        every = list(annotations)
        documents = list(map(_DOCUMENT, every))
        compared = list(map(texts.__contains__, documents))
        # (a StrEnum's status is equal to its value)
        placed = list(map(ne, map(_STATUS, every), repeat(AnchorStatus.ORPHAN)))
        kept = list(map(and_, compared, placed))
        orphans = sum(compared) - sum(kept)
        if not all(kept):
            every, documents = list(compress(every, kept)), list(compress(documents, kept))
        codes: Iterable[Iterable[str]] = map(_TAGS, every)
        if depth is not None:
            lists = list(codes)
            cut = {
                t: rolled_up(t, depth, wanted) if in_scope(t, wanted) else t
                for t in set(chain.from_iterable(lists))
            }
            codes = map(map, repeat(cut.__getitem__), lists)
        tags = list(map(tuple, map(dict.fromkeys, codes)))
        return cls(documents, list(map(_START, every)), list(map(_END, every)), tags, orphans)

    def by_document(self) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """document -> code -> passages."""
        found: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for document, start, end, tags in zip(
            self.documents, self.starts, self.ends, self.tags, strict=True
        ):
            for tag in tags:
                found.setdefault(document, {}).setdefault(tag, []).append((start, end))
        return found


def coded_by_one(
    coded_a: Sequence[Placed], coded_b: Sequence[Placed]
) -> tuple[list[str], list[str]]:
    """The documents A coded and B did not, and those B coded and A did not (each in order):
    compared, every unit A coded there counts as B's "not coded", as a colleague who coded
    three transcripts of twelve did not code the nine others but never read them."""
    docs_a = {a.document for a in coded_a}
    docs_b = {b.document for b in coded_b}
    return sorted(docs_a - docs_b), sorted(docs_b - docs_a)


class Comparison:
    """The coding of coder A and coder B over the same documents, unit by unit."""

    def __init__(
        self,
        coded_a: Iterable[Coded],
        coded_b: Iterable[Coded],
        texts: Mapping[str, str | int | np.ndarray],
        unit: Unit = "character",
        tags: Sequence[str] = (),
        depth: int | None = None,
        turns: Mapping[str, Sequence[Turn]] | None = None,
        rules: Mapping[str, UnitRule] | None = None,
    ) -> None:
        """``texts``: document key -> current text, for every document compared (passages on
        other documents are left out); or by character each text's length alone (10,000
        documents need not be read), by sentence or paragraph its units as cut before (see
        :class:`Units`); ``tags``: only these codes (and those below them), each compared
        even where neither coder used it (nor one below it); ``depth``: the
        codes compared at their first ``depth`` levels, those below rolled into them
        (:func:`rolled_up`); ``turns``: by character, the speaker turns of texts, where
        known; ``rules``: how a text given is cut into sentences and paragraphs, where it is
        a table's (see :func:`unit_spans`)."""
        self.unit = unit
        self.texts: dict[str, str | int | np.ndarray] = dict(texts)
        # (each coder's passages by document and code, self.a and self.b, made when asked
        # for: the figures read the columns)
        self.passages = (
            _Passages.of(coded_a, self.texts, tags, depth),
            _Passages.of(coded_b, self.texts, tags, depth),
        )
        used = set(chain.from_iterable(chain(*(side.tags for side in self.passages))))
        # the passages of both coders on the documents compared left out as orphans
        self.orphans = sum(side.orphans for side in self.passages)
        # a code named that neither coder used here, nor one below it, is compared too: the
        # coders agree on every unit that it is not there (a row of its units, not none)
        unused = (t for t in tags if not any(in_scope(u, [t]) for u in used))
        self.codes = in_tag_order({*(t for t in used if in_scope(t, tags)), *unused})
        known, cut = turns or {}, rules or {}
        self.units = {
            key: Units(text, unit, known.get(key), cut.get(key, PROSE))
            for key, text in self.texts.items()
        }

    @cached_property
    def a(self) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """Coder A's passages: document -> code -> passages."""
        return self.passages[0].by_document()

    @cached_property
    def b(self) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """Coder B's passages: document -> code -> passages."""
        return self.passages[1].by_document()

    def marks(self, document: str, tag: str) -> tuple[np.ndarray, np.ndarray]:
        """Coder A's and coder B's marks of ``tag`` over the units of ``document``."""
        units = self.units[document]
        return (
            units.marks(self.a.get(document, {}).get(tag, ())),
            units.marks(self.b.get(document, {}).get(tag, ())),
        )

    def segments(self, document: str, tag: str) -> Segments:
        """``document``'s units cut where either coder's passages with ``tag`` start or end."""
        return Segments.of(
            self.units[document],
            self.a.get(document, {}).get(tag, ()),
            self.b.get(document, {}).get(tag, ()),
        )

    def table(self, tag: str) -> BinaryTable:
        """The 2x2 table of ``tag`` over the units of every document."""
        return self.tables([tag])[tag]

    def tables(self, codes: Sequence[str]) -> dict[str, BinaryTable]:
        """The 2x2 table of each of ``codes`` over the units of every document.

        Every document's units are laid end to end, so that each code is counted in one
        numpy pass over all its passages: a pass per document and code took 8 s at 10,000
        documents and 50 codes.  A unit range never crosses into another document, so the
        counts are those of the documents counted one by one."""
        index = {tag: i for i, tag in enumerate(codes)}
        laid = _Laid(self.units)
        a, b = (laid.ranges(side, index) for side in self.passages)
        return {
            tag: Segments.of_ranges(laid.count, _of_code(a, i), _of_code(b, i)).table()
            for tag, i in index.items()
        }

    def rows(self) -> list[AgreementRow]:
        """One row per code (by name), then the overall row (``tag`` None)."""
        tables = self.tables(self.codes)
        rows = [AgreementRow(tag, tables[tag]) for tag in self.codes]
        pooled = sum((r.table for r in rows), BinaryTable())
        return [*rows, AgreementRow(None, pooled)]

    def disagreements(self) -> list[Disagreement]:
        """Every run of units one coder coded with a code and the other did not, by document
        and place, runs of spaces alone left out (:meth:`listed`)."""
        return self.listed().places

    def listed(self) -> Disagreements:
        """Every run of units one coder coded with a code and the other did not, by document
        and place.

        A run of nothing but spaces as the eye sees them (the space between two sentences one
        coder coded apart and the other as one passage) is left out: it is counted by
        character, as every character is, but it is no passage a reader can see; its units
        are told by code (:attr:`Disagreements.spaces`), so that what is listed and what is
        told add up to the figures' "only A" and "only B".  By character, a run reaching
        from one speaker's turn into the next is listed once per turn, the label between
        them (no unit) left out."""
        found: list[Disagreement] = []
        spaces: dict[str, int] = {}
        for document, text in self.texts.items():
            units = self.units[document]
            coded_a, coded_b = self.a.get(document, {}), self.b.get(document, {})
            if not coded_a and not coded_b:
                continue
            # Each passage's units found for the whole document at once, each code's runs
            # in Python: numpy's calls for each document and code (a few passages each) took
            # half of listing 100,000 passages' disagreements.
            ranges_a, ranges_b = _unit_ranges(units, coded_a), _unit_ranges(units, coded_b)
            # Both coders' codes at a place, found once for it: half the places are where
            # two codes or more disagree.
            codes_at: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
            for tag in self.codes:
                if tag not in coded_a and tag not in coded_b:
                    continue
                runs = _runs(units.count, ranges_a.get(tag, []), ranges_b.get(tag, []))
                pieces = ((*p, by_a) for f, a, by_a in runs for p in units.pieces(f, a))
                for start, end, count, by_a in pieces:
                    if isinstance(text, str) and spaces_trimmed(text, start, end)[0] >= end:
                        spaces[tag] = spaces.get(tag, 0) + count
                        continue  # blank: nothing to read there
                    both = codes_at.get((start, end))
                    if both is None:
                        both = codes_at[start, end] = (
                            self._codes_at(self.a, document, start, end),
                            self._codes_at(self.b, document, start, end),
                        )
                    found.append(
                        Disagreement(document, start, end, tag, "a" if by_a else "b", *both)
                    )
        found.sort(key=lambda d: (d.document, d.start, d.end, tag_order(d.tag)))
        return Disagreements(found, spaces)

    def _codes_at(
        self, side: dict[str, dict[str, list[tuple[int, int]]]], document: str, lo: int, hi: int
    ) -> tuple[str, ...]:
        codes = side.get(document, {})
        return tuple(
            in_tag_order(
                t for t, passages in codes.items() if any(s < hi and e > lo for s, e in passages)
            )
        )


def _unit_ranges(
    units: Units, coded: Mapping[str, Sequence[tuple[int, int]]]
) -> dict[str, list[tuple[int, int]]]:
    """By code, ``(first, after)`` of each passage of ``coded`` (code -> passages) that
    overlaps a unit of ``units``, in order: :meth:`Units.ranges` of each code's passages,
    found for all of them at once."""
    passages = [passage for each in coded.values() for passage in each]
    first, after = (bound.tolist() for bound in units.bounds(passages))
    found: dict[str, list[tuple[int, int]]] = {}
    at = 0
    for tag, each in coded.items():
        ends = zip(first[at : at + len(each)], after[at : at + len(each)], strict=True)
        found[tag] = [(f, a) for f, a in ends if f < a]
        at += len(each)
    return found


def _runs(
    count: int, a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """:meth:`Segments.runs` of ``Segments.of_ranges(count, a, b)``, the unit ranges
    ``(first, after)`` of coder A's and coder B's passages (each overlapping a unit) given as
    pairs: the few ranges of one document and code counted in Python."""
    cuts = sorted({0, count, *(x for pair in a for x in pair), *(x for pair in b for x in pair)})
    index = {cut: i for i, cut in enumerate(cuts)}
    found: list[tuple[int, int, bool]] = []
    covered: list[list[bool]] = []
    for ranges in (a, b):
        change = [0] * len(cuts)
        for first, after in ranges:
            change[index[first]] += 1
            change[index[after]] -= 1
        depth, marks = 0, []
        for step in change[:-1]:
            depth += step
            marks.append(depth > 0)
        covered.append(marks)
    marks_a, marks_b = covered
    for mine, theirs, by_a in ((marks_a, marks_b, True), (marks_b, marks_a, False)):
        start = None
        for i, (one, other) in enumerate(zip(mine, theirs, strict=True)):
            alone = one and not other
            if alone and start is None:
                start = i
            elif not alone and start is not None:
                found.append((cuts[start], cuts[i], by_a))
                start = None
        if start is not None:
            found.append((cuts[start], cuts[len(mine)], by_a))
    found.sort()
    return found


def disagreement_places(
    coded_a: Iterable[Annotation],
    coded_b: Iterable[Annotation],
    document: str,
    text: str,
    turns: Sequence[Turn] | None = None,
) -> list[tuple[int, int]]:
    """``[start, end)`` of each place in one document where two coders' codes differ (by
    character, every code), in order: what a compare view jumps between.  ``turns``: the
    document's speaker turns, when known (else found in ``text``)."""
    known = {document: turns} if turns is not None else None
    found = Comparison(coded_a, coded_b, {document: text}, turns=known).disagreements()
    return sorted({(d.start, d.end) for d in found})


def document_agreement(
    coded_a: Iterable[Annotation],
    coded_b: Iterable[Annotation],
    document: str,
    text: str,
    turns: Sequence[Turn] | None = None,
    unit: Unit = "character",
    rule: UnitRule = PROSE,
) -> list[AgreementRow]:
    """The figures of two coders in one document, by ``unit``, as ``agreement A B --doc
    DOCUMENT --unit UNIT`` prints them: a row per code, then every code pooled (``tag``
    None).  What a compare view shows beside the places :func:`disagreement_places` finds.
    ``rule``: how the document's sentences and paragraphs are cut (a table's rows)."""
    known = {document: turns} if turns is not None else None
    rules = {document: rule}
    return Comparison(coded_a, coded_b, {document: text}, unit, turns=known, rules=rules).rows()
