"""Re-anchoring: find where an annotation's passage is in a document's current text.

An annotation carries the selectors Hypothesis uses: a position (``start``, ``end``), the exact
``quote`` and 32 code points of ``prefix``/``suffix`` context.  When the text changed:

1. exact occurrences of the quote (the old position among them) are ranked by how much of the
   context still surrounds them (when it is whole around none, with each run of whitespace
   taken for one space first), then by nearness to the old position -> ``anchored``;
   the same is tried with the accents of each composed (NFC), then with each run of
   whitespace taken for one space (a line break now a space: the same words, placed exactly);
2. otherwise an approximate match of the quote (searched near the old position first, then in
   the whole text) above :data:`FUZZY_THRESHOLD` -> ``fuzzy``, its edges on whole words
   where the quote's were, and where the stored context is found again next to it, there
   (words added or cut at a passage's end are in it or out of it, not its old length);
3. otherwise ``orphan``: kept with its old values, shown and exported, re-tried on each change.

Never move a highlight to a look-alike passage: when two candidates fit alike, it becomes an
orphan rather than a guess.  Offsets are code points, half-open ``[start, end)``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation, quoted

if TYPE_CHECKING:
    from tui_reader.core.search.composed import Composed

FUZZY_THRESHOLD = 0.75  # normalized similarity of the found passage to the old quote
MIN_FUZZY_QUOTE = 8  # shorter quotes are never matched approximately
MIN_CONTEXT = 0.25  # share of the context (exact, outward) that vouches for an occurrence ...
MIN_FUZZY_CONTEXT = 0.5  # ... else the approximate similarity of the context must reach this
# Code points of the context each side weighed, nearest the passage first: an annotation keeps
# 32 (widened to whole characters); a file imported may bring any length (200,000 took 6 s to
# compare with the text at each place, and drowned the part near the passage).
CONTEXT_WEIGHED = 256
TIE_MARGIN = 1e-9  # exact occurrences fit "alike" when as much of their context matches
FUZZY_TIE_MARGIN = 0.03
# How much more of the context an edited copy near the old place must keep than an exact copy
# of the quote far from it, to be taken for the passage (else neither is trusted: orphan)
CONTEXT_LEAD = 0.25
MAX_CANDIDATES = 5000
_MANY_TWINS = 16  # occurrences from which a quote is first looked for with its context
LONG_QUOTE = 256  # code points; longer quotes are aligned by their head and tail
WHOLE_TEXT_SEARCH_LIMIT = 2_000_000  # code points; beyond, approximate search stays local
# Code points from which a quote is never matched approximately, only found exactly: comparing
# two runs this long costs their product (a quote of 4 MB imported, its head found in a text
# that holds none of the rest, was compared whole hundreds of times: minutes for one passage).
MAX_FUZZY_QUOTE = 100_000
HINTED = 64  # code points of the shorter of two texts compared from which the hint is given
LIKENESS_HINT = 0.99


@dataclass(frozen=True)
class Place:
    """Where a passage was found: ``[start, end)`` and how."""

    start: int
    end: int
    status: AnchorStatus


AMBIGUOUS = Place(-1, -1, AnchorStatus.ORPHAN)  # several places fit alike


def reanchor(annotation: Annotation, text: str, doc_sha256: str) -> Annotation:
    """``annotation`` placed in ``text`` (whose hash is ``doc_sha256``).

    Anchored or fuzzy: ``start``/``end``/``quote``/context/``doc_sha256`` describe the current
    place.  Orphan: the old values are kept (so it is tried again) and ``status`` is orphan.
    A fuzzy annotation stays fuzzy while its passage is unchanged (a person should confirm it).
    """
    a = annotation
    same_text = a.doc_sha256 == doc_sha256 and text[a.start : a.end] == a.quote and a.quote
    if same_text and a.status is not AnchorStatus.ORPHAN:
        return a
    place = locate(a, text)
    if place is None:
        return a if a.status is AnchorStatus.ORPHAN else a.evolve(status=AnchorStatus.ORPHAN)
    status = place.status
    if status is AnchorStatus.ANCHORED and a.status is AnchorStatus.FUZZY:
        status = AnchorStatus.FUZZY
    return a.evolve(
        start=place.start,
        end=place.end,
        **quoted(text, place.start, place.end),
        doc_sha256=doc_sha256,
        status=status,
    )


def reattach(
    annotation: Annotation,
    text: str,
    start: int,
    end: int,
    doc_sha256: str,
    document: str | None = None,
) -> Annotation:
    """``annotation`` (an orphan, or a fuzzy match a person corrects) moved to
    ``text[start:end]`` by hand: anchored there, with fresh quote and context; ``document``:
    the key of the document whose text that is, when it is another than the annotation's (a
    file renamed and edited: its passage found by the person in the new one).  Save it with
    ``AnnotationStore.update``."""
    return annotation.evolve(
        document=annotation.document if document is None else document,
        start=start,
        end=end,
        **quoted(text, start, end),
        doc_sha256=doc_sha256,
        status=AnchorStatus.ANCHORED,
    )


def confirm(annotation: Annotation) -> Annotation:
    """A fuzzy match a person accepted as it is: anchored from now on."""
    if annotation.status is AnchorStatus.FUZZY:
        return annotation.evolve(status=AnchorStatus.ANCHORED)
    return annotation


def locate(annotation: Annotation, text: str) -> Place | None:
    """The best place of ``annotation``'s passage in ``text``, or None (orphan)."""
    if not annotation.quote:
        return None
    exact = _locate_exact(annotation, text)
    if exact is None:  # the same letters, accents written apart (or together) in one of them
        exact = _locate_composed(annotation, text)
    if exact is None:  # the same words, spaced otherwise (a line break now a space, or more)
        exact = _locate_spaced(annotation, text)
    if exact is AMBIGUOUS:
        return None  # identical candidates: an approximate search would only guess again
    if exact is None:
        return _locate_fuzzy(annotation, text)
    # Far from its old place, while an edited copy may still sit there (repeated passages):
    # the edited copy when its surroundings are the passage's and the exact one's are not
    # (a typo fixed in a coded answer the participant gave again later), else the two fit
    # alike and neither is trusted.
    far = abs(exact.start - annotation.start) > max(64, len(annotation.quote))
    if far and (near := _edited_copy_near(annotation, text, exact)) is not None:
        lead = _fuzzy_context(annotation, text, near.start, near.end) - _fuzzy_context(
            annotation, text, exact.start, exact.end
        )
        return near if lead >= CONTEXT_LEAD else None
    return exact


# Places already found in one text (the last one looked in), by what decides them: an
# import of another tool's annotations that share one quote and carry no place (4,000 of a
# word that a transcript holds 4,000 times) weighed every occurrence again for each of them,
# 24 s.  What is found depends on the text and the key alone, so it is found once.
_found_in: tuple[str, dict[tuple[object, ...], Place | None]] = ("", {})
_FOUND_KEPT = 100_000  # places kept for one text, at most (each key holds its quote)


def _found_once(
    text: str, key: tuple[object, ...], find: Callable[[], Place | None]
) -> Place | None:
    """``find()``, or what it gave for ``key`` in ``text`` before."""
    global _found_in
    found = _found_in
    if found[0] is not text and found[0] != text:
        found = _found_in = (text, {})
    places = found[1]
    if key in places:
        return places[key]
    place = find()
    if len(places) < _FOUND_KEPT:
        places[key] = place
    return place


def locate_placeless(annotation: Annotation, text: str) -> Place | None:
    """The place in ``text`` of a passage known by its quote and context alone, with no place
    of its own (another tool's TextQuoteSelector: it waits at ``[0, len(quote))``, which says
    nothing): the exact occurrence its context fits best, when no other fits alike and the
    context vouches for it as :func:`locate` weighs it; else None (an orphan, said so).
    :func:`locate` weighs nearness to the old place too, and took ``0`` for it: a quote past
    the text's first lines was left an orphan for a look-alike near its start (a title
    holding its words), and twins were told apart by their distance from it."""
    key = ("placeless", annotation.quote, annotation.prefix, annotation.suffix)
    return _found_once(text, key, lambda: _placeless(annotation, text))


def _placeless(annotation: Annotation, text: str) -> Place | None:
    """:func:`locate_placeless`, found."""
    quote = annotation.quote
    if not quote:
        return None
    # The quote with its whole context at one place alone fits there wholly and nowhere else
    # alike: found by searches of the text, not by weighing each occurrence (a transcript's
    # 4,000 "Yes", each annotation weighing all of them, took 26 s for 4,000 annotations)
    alone = _whole_context_alone(annotation, text)
    if alone is not None and text.count(quote) < MAX_CANDIDATES:
        return Place(alone, alone + len(quote), AnchorStatus.ANCHORED)
    starts = _occurrences(text, quote, MAX_CANDIDATES)
    if not starts or len(starts) >= MAX_CANDIDATES:  # none, or more than are weighed
        return None
    scores = context_scores(annotation, text, starts, len(quote))
    best_ctx = max(scores)
    fitting = [s for ctx, s in zip(scores, starts, strict=True) if ctx >= best_ctx - TIE_MARGIN]
    if len(fitting) > 1:
        return None
    best = fitting[0]
    if best_ctx < MIN_CONTEXT and _fuzzy_context(annotation, text, best, best + len(quote)) < 0.5:
        return None
    return Place(best, best + len(quote), AnchorStatus.ANCHORED)


# -- exact quote -------------------------------------------------------------------------------


def _context(annotation: Annotation) -> tuple[str, str]:
    """The stored prefix and suffix as weighed: :data:`CONTEXT_WEIGHED` code points of each,
    those nearest the passage."""
    prefix = annotation.prefix
    near = prefix[len(prefix) - CONTEXT_WEIGHED :] if len(prefix) > CONTEXT_WEIGHED else prefix
    return near, annotation.suffix[:CONTEXT_WEIGHED]


def context_score(annotation: Annotation, text: str, start: int, end: int) -> float:
    """Share (0..1) of the stored prefix/suffix that still surrounds ``text[start:end]``,
    counted outward from the passage."""
    prefix, suffix = _context(annotation)
    if not prefix and not suffix:
        return 1.0
    matched = 0
    for i in range(1, len(prefix) + 1):
        if start - i < 0 or text[start - i] != prefix[-i]:
            break
        matched += 1
    for i, ch in enumerate(suffix):
        if end + i >= len(text) or text[end + i] != ch:
            break
        matched += 1
    return matched / (len(prefix) + len(suffix))


def context_scores(
    annotation: Annotation, text: str, starts: Sequence[int], size: int
) -> list[float]:
    """:func:`context_score` of the passage of ``size`` code points at each of ``starts``,
    counted for them all a code point of context at a time: a short quote ("Yes") occurs
    thousands of times in a transcript, and each occurrence weighed in a call of its own
    took 2 us (10 ms a passage, each of them placed again after any edit)."""
    prefix, suffix = _context(annotation)
    total = len(prefix) + len(suffix)
    if not total:
        return [1.0] * len(starts)
    matched = [0] * len(starts)
    alive: Iterable[int] = range(len(starts))
    for k, ch in enumerate(reversed(prefix), 1):  # outward from the passage, as far as alike
        alive = [n for n in alive if (at := starts[n] - k) >= 0 and text[at] == ch]
        if not alive:
            break
        for n in alive:
            matched[n] = k
    after = [0] * len(starts)
    alive = range(len(starts))
    length = len(text)
    for k, ch in enumerate(suffix):
        alive = [n for n in alive if (at := starts[n] + size + k) < length and text[at] == ch]
        if not alive:
            break
        for n in alive:
            after[n] = k + 1
    return [(m + a) / total for m, a in zip(matched, after, strict=True)]


def _occurrences(
    text: str, quote: str, limit: int = MAX_CANDIDATES, found: list[int] | None = None
) -> list[int]:
    """The starts of the first ``limit`` occurrences of ``quote`` (overlapping ones too);
    ``found``: the first of them, found before (the search goes on after them)."""
    found = [] if found is None else found
    pos = text.find(quote, found[-1] + 1) if found else text.find(quote)
    while pos >= 0 and len(found) < limit:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def _whole_context_alone(annotation: Annotation, text: str) -> int | None:
    """Where the quote lies with its whole context (as weighed) around it, when it lies so at
    one place alone, among the occurrences :func:`_occurrences` finds: there the search of
    every occurrence ends too (none fits as well, none alike: no rival), found by two
    searches of the text (a short quote's thousands of occurrences were each weighed).  None
    when the text does not tell so at once: the search weighs every occurrence."""
    quote = annotation.quote
    prefix, suffix = _context(annotation)
    if not prefix and not suffix:
        return None  # every occurrence fits alike
    whole = prefix + quote + suffix
    at = text.find(whole)
    if at < 0 or text.find(whole, at + 1) >= 0:
        return None
    start = at + len(prefix)
    # Among the first MAX_CANDIDATES occurrences: those before it, counted apart (a quote
    # that may overlap itself is left to the search)
    if _overlaps_itself(quote) or text.count(quote, 0, start) >= MAX_CANDIDATES:
        return None
    return start


def _overlaps_itself(quote: str) -> bool:
    """Whether two occurrences of ``quote`` may overlap (it ends as it begins: "abab")."""
    at = quote.find(quote[0], 1)
    while at > 0:
        if quote.startswith(quote[at:]):
            return True
        at = quote.find(quote[0], at + 1)
    return False


def _locate_exact(annotation: Annotation, text: str) -> Place | None:
    """The exact occurrence of the quote that fits best; None when there is none that fits;
    :data:`AMBIGUOUS` when several fit alike."""
    key = ("exact", annotation.quote, annotation.prefix, annotation.suffix, annotation.start)
    return _found_once(text, key, lambda: _exact(annotation, text))


def _exact(annotation: Annotation, text: str) -> Place | None:
    """:func:`_locate_exact`, found."""
    quote = annotation.quote
    starts = _occurrences(text, quote, _MANY_TWINS)
    if len(starts) >= _MANY_TWINS:  # a short quote's: first looked for with its context
        whole = _whole_context_alone(annotation, text)
        if whole is not None:
            return Place(whole, whole + len(quote), AnchorStatus.ANCHORED)
        starts = _occurrences(text, quote, MAX_CANDIDATES, starts)
    if not starts:
        return None
    # By context, then nearness to the old place, then in the text's order (as a stable sort
    # of the occurrences by the first two leaves them): tuples compared in C
    old = annotation.start
    scores = context_scores(annotation, text, starts, len(quote))
    # Twins whose context is not whole anywhere: weighed with each run of whitespace taken for
    # one space, then as written (a twin whose context, counted a code point at a time,
    # happened to match further took the passage when only whitespace changed)
    spaced = scores
    if len(starts) > 1 and max(scores) < 1 and not quote.isspace():
        spaced = _spaced_context_scores(annotation, text, starts, len(quote))
    ranked = sorted(
        (-sp, -ctx, abs(s - old), s) for sp, ctx, s in zip(spaced, scores, starts, strict=True)
    )
    best_ctx, best = -ranked[0][0], ranked[0][3]
    # (twins alike spaced so are alike: whitespace that tells them apart as written may be
    # the whitespace that changed)
    rivals = [s for sp, _, _, s in ranked[1:] if -sp >= best_ctx - TIE_MARGIN]
    if rivals:
        # Alike in context: only a clearly nearer position (edits elsewhere shift a passage
        # less than the distance to its twin) may decide; else it is a guess -> orphan.
        mine = abs(best - annotation.start)
        nearest_rival = min(abs(s - annotation.start) for s in rivals)
        if not mine * 2 + 16 <= nearest_rival:
            return AMBIGUOUS if best_ctx >= MIN_CONTEXT else None
    if best_ctx < MIN_CONTEXT and _fuzzy_context(annotation, text, best, best + len(quote)) < 0.5:
        return None  # the same words in other surroundings: a look-alike, not the passage
    return Place(best, best + len(quote), AnchorStatus.ANCHORED)


def _spaced_context_scores(
    annotation: Annotation, text: str, starts: Sequence[int], size: int
) -> list[float]:
    """:func:`context_scores` with each run of whitespace, in the stored context and in the
    text, taken for one space (a run that goes on from the quote into its context is the
    quote's): six "kabar" between no-break spaces, the third made a space, the first coded
    was placed on the fourth, whose context happened to match 18 code points against 17."""
    prefix, suffix = (_SPACES.sub(" ", part) for part in _context(annotation))
    quote = annotation.quote
    head, tail = quote[:1].isspace(), quote[-1:].isspace()
    if head:
        prefix = prefix.rstrip()
    if tail:
        suffix = suffix.lstrip()
    total = len(prefix) + len(suffix)
    if not total:
        return [1.0] * len(starts)
    before = prefix[::-1]
    return [
        (
            _spaced_match(text, s - 1, -1, before, head)
            + _spaced_match(text, s + size, 1, suffix, tail)
        )
        / total
        for s in starts
    ]


def _spaced_match(text: str, at: int, step: int, context: str, skip: bool) -> int:
    """Code points of ``context`` (spaced, read outward) that ``text`` read outward from
    ``at`` by ``step`` matches, each run of whitespace taken for one space; ``skip``: the
    whitespace at ``at`` is the quote's run, passed over first."""
    length = len(text)
    if skip:
        while 0 <= at < length and text[at].isspace():
            at += step
    matched = 0
    for ch in context:
        if not 0 <= at < length:
            break
        here = text[at]
        if here.isspace():
            if ch != " ":
                break
            while 0 <= at < length and text[at].isspace():
                at += step
        elif here == ch:
            at += step
        else:
            break
        matched += 1
    return matched


def _locate_composed(annotation: Annotation, text: str) -> Place | None:
    """:func:`_locate_exact` of the quote and the text each in its composed form (NFC), the
    place said in ``text``'s own offsets: a passage made on a text whose accents were one
    code point (``é``) is the same passage in the text saved with them apart (``e`` and
    U+0301, as a Mac or a PDF writes them), or the other way round; it was approximate, or
    lost when short.  None when both are composed already (nothing to find again)."""
    from tui_reader.core.search.composed import composed_form, is_composed

    parts = (annotation.quote, annotation.prefix, annotation.suffix)
    way_back = _composed_text(text)  # (looked at once for a document's passages)
    if way_back is None and all(map(is_composed, parts)):
        return None
    quote, prefix, suffix = map(composed_form, parts)
    start = annotation.start  # its old place, as the composed text has it
    start = start if way_back is None else way_back.composed_offset(min(start, len(text)))
    alike = annotation.evolve(quote=quote, prefix=prefix, suffix=suffix, start=start)
    place = _locate_exact(alike, text if way_back is None else way_back.text)
    if place is None or place is AMBIGUOUS or way_back is None:
        return place
    return Place(*way_back.span(place.start, place.end), AnchorStatus.ANCHORED)


@functools.lru_cache(maxsize=2)  # a document's passages placed one after another: once
def _composed_text(text: str) -> Composed | None:
    """``text`` composed, with the way back to its offsets; None when it is composed."""
    from tui_reader.core.search.composed import uncomposed

    return uncomposed(text)


_SPACES = re.compile(r"\s+")
# A run of whitespace that is not one space alone, from its first code point (two spaces or
# more, or a space or none then other whitespace): written so, the search skips a text's
# single spaces fast (``\s{2,}|[^\S ]`` took 0.17 s for 9 MB of prose, this 0.09 s)
_SPACED_OTHERWISE = re.compile(r"  +\s*| ?[^\S ]\s*")


SPACED_STEP = 1 << 13  # code points of a text between two offsets :class:`Spaced` keeps
_WORD_END = re.compile(r"\S")


class Spaced:
    """``original`` with each run of whitespace written as one space (:attr:`text`), and the
    way between offsets in the two.  Where the two texts part is kept every
    :data:`SPACED_STEP` code points alone (cut after a code point that is not whitespace, so no
    run is cut), and found between by the runs there: a transcript of a million lines kept an
    entry for each line's end, 150 MB for a text of 35 MB."""

    def __init__(self, original: str, step: int = SPACED_STEP) -> None:
        self.original = original
        pieces: list[str] = []
        self._cuts = [0]  # offsets in ``original``
        self._spaced = [0]  # the same offsets in :attr:`text`
        at = length = 0
        while at < len(original):
            word = _WORD_END.search(original, at + step - 1)
            cut = len(original) if word is None else word.end()
            piece = _SPACES.sub(" ", original[at:cut])
            pieces.append(piece)
            length += len(piece)
            at = cut
            self._cuts.append(at)
            self._spaced.append(length)
        self.text = "".join(pieces)
        self.alike = self.text == original  # no run of whitespace is written otherwise

    def _piece(self, offsets: list[int], at: int) -> tuple[int, int, int]:
        """The piece between two kept offsets that holds ``at`` (of ``offsets``' text):
        where it starts in ``original``, in :attr:`text`, and where it ends in ``original``."""
        k = max(0, min(bisect_right(offsets, at), len(self._cuts) - 1) - 1)
        return self._cuts[k], self._spaced[k], self._cuts[min(k + 1, len(self._cuts) - 1)]

    def _original(self, at: int) -> tuple[int, int]:
        """Where the code point at ``at`` of :attr:`text` stands in ``original``: its run,
        or the code point itself."""
        old, new, end = self._piece(self._spaced, at)
        for run in _SPACED_OTHERWISE.finditer(self.original, old, end):
            start, stop = run.span()
            here = new + start - old  # the run's space in the text
            if at < here:
                break
            if at == here:
                return start, stop
            old, new = stop, here + 1
        return old + at - new, old + at - new + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of :attr:`text` (not empty) in ``original``: a run of whitespace
        at an edge is taken whole."""
        return self._original(start)[0], self._original(end - 1)[1]

    def offset(self, at: int) -> int:
        """Where offset ``at`` of ``original`` is in :attr:`text` (a run's space, inside it)."""
        old, new, end = self._piece(self._cuts, at)
        for run in _SPACED_OTHERWISE.finditer(self.original, old, end):
            start, stop = run.span()
            if at < start:
                break
            here = new + start - old
            if at < stop:
                return here
            old, new = stop, here + 1
        return new + at - old


@functools.lru_cache(maxsize=2)  # a document's passages placed one after another: once
def _spaced_text(text: str) -> Spaced:
    """``text`` with its whitespace runs written as one space each, and the way back."""
    return Spaced(text)


def _locate_spaced(annotation: Annotation, text: str) -> Place | None:
    """The exact occurrence of the quote, its context weighed, when each run of whitespace in
    the quote, its context and the text is taken for one space: a line break that became a
    space (a converter that reads a table's cell, or a hard-wrapped paragraph, otherwise),
    two spaces that became one.  The place is said in ``text``'s own offsets, half-open; a run
    of whitespace at the quote's edge is taken whole.  A quote without whitespace is looked
    for too: the exact search found it, but refused it for its context, spaced otherwise (a
    cell of a plain-text table whose columns were aligned again).  None when the quote is
    whitespace alone, or when neither it, its context nor the text holds whitespace written
    otherwise than one space (the exact search saw it all).  Whitespace put between two
    characters, or taken from between them, is an edit: two words made one ("the rapist",
    "therapist") are not the same words."""
    quote = annotation.quote
    if not quote.strip():
        return None
    spaced = _spaced_text(text)
    parts = (quote, annotation.prefix, annotation.suffix)
    if spaced.alike and not any(map(_SPACED_OTHERWISE.search, parts)):
        return None
    quote, prefix, suffix = (_SPACES.sub(" ", part) for part in parts)
    # A run that goes on from the quote into its context is one run: its space is the quote's
    if quote.startswith(" "):
        prefix = prefix.rstrip()
    if quote.endswith(" "):
        suffix = suffix.lstrip()
    start = spaced.offset(min(annotation.start, len(text)))
    alike = annotation.evolve(quote=quote, prefix=prefix, suffix=suffix, start=start)
    place = _exact(alike, spaced.text)  # (not kept: the places kept are the text's own)
    if place is None or place is AMBIGUOUS:
        return place
    return Place(*spaced.span(place.start, place.end), AnchorStatus.ANCHORED)


# -- approximate quote -------------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    # rapidfuzz is imported when a quote must be found approximately, not at start-up.
    from rapidfuzz.distance import Levenshtein

    if len(a) < HINTED or len(b) < HINTED:
        return float(Levenshtein.normalized_similarity(a, b))
    # The hint of a close likeness makes rapidfuzz look for few edits first, widening its
    # band as it needs (the same figure): a passage of 100,000 code points with one word
    # inserted was compared whole with every edge _refine tries, 21 s of CPU, now 1 s.
    return float(Levenshtein.normalized_similarity(a, b, score_hint=LIKENESS_HINT))


def _fuzzy_context(annotation: Annotation, text: str, start: int, end: int) -> float:
    """Approximate similarity (0..1) of the context around ``[start, end)`` to the stored one."""
    prefix, suffix = _context(annotation)
    if not prefix and not suffix:
        return 1.0
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    total = len(prefix) + len(suffix)
    weighted = _similarity(prefix, before) * len(prefix) + _similarity(suffix, after) * len(suffix)
    return weighted / total


def _reach(quote: str) -> int:
    """Code points :func:`_refine` moves each edge of a match of ``quote`` at most."""
    return min(48, max(4, len(quote) // 4))


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move ``start``/``end`` to where ``text[start:end]`` is most like ``quote``."""
    if len(quote) > LONG_QUOTE:
        return _refine_long(quote, text, start, end)
    reach = _reach(quote)
    best = (start, end, _similarity(quote, text[start:end]))
    for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
        sim = _similarity(quote, text[start:e])
        if sim > best[2]:
            best = (start, e, sim)
    s0, e0 = best[0], best[1]
    for s in range(max(0, s0 - reach), min(e0 - 1, s0 + reach) + 1):
        sim = _similarity(quote, text[s:e0])
        if sim > best[2]:
            best = (s, e0, sim)
    return best


def _refine_long(quote: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """:func:`_refine` for a quote longer than :data:`LONG_QUOTE`: each edge moved to where
    the quote's last (first) :data:`LONG_QUOTE` code points are most like the text ending
    (starting) there, as a long quote is aligned by its head and tail, then the whole
    compared once.  Each edge tried compared the whole quote: a passage of 100,000 code
    points, one in twenty of them edited, took 11 s to place."""
    reach = _reach(quote)
    tail, head = quote[-LONG_QUOTE:], quote[:LONG_QUOTE]
    best_end, best = end, _similarity(tail, text[max(start, end - LONG_QUOTE) : end])
    for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
        sim = _similarity(tail, text[max(start, e - LONG_QUOTE) : e])
        if sim > best:
            best_end, best = e, sim
    best_start, best = start, _similarity(head, text[start : min(best_end, start + LONG_QUOTE)])
    for s in range(max(0, start - reach), min(best_end - 1, start + reach) + 1):
        sim = _similarity(head, text[s : min(best_end, s + LONG_QUOTE)])
        if sim > best:
            best_start, best = s, sim
    return best_start, best_end, _similarity(quote, text[best_start:best_end])


WORD_REACH = 24  # code points a fuzzy match's edge moves at most to take a word whole


def _in_word(char: str) -> bool:
    """Whether ``char`` belongs to a word: a letter or digit, or a mark on one (an accent
    typed apart)."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _whole_words(
    annotation: Annotation, text: str, start: int, end: int, sim: float
) -> tuple[int, int, float]:
    """``[start, end)`` (an approximate match of the quote, ``sim`` alike) on whole words
    where the quote began or ended on a whole word and the match cuts one: the closest run of
    characters to ``border at night`` in ``frontier at night`` is ``rontier at night``.  Each
    cut edge goes to the start (or end) of its word, or past it, whichever is more like the
    quote.  Whether it is the passage is still told by ``sim``, the match's own likeness."""
    quote, prefix, suffix = annotation.quote, annotation.prefix, annotation.suffix
    starts = _in_word(quote[0]) and not (prefix and _in_word(prefix[-1]))
    ends = _in_word(quote[-1]) and not (suffix and _in_word(suffix[0]))
    if starts and 0 < start < end and _in_word(text[start - 1]) and _in_word(text[start]):
        back, ahead = start, start
        while back > 0 and start - back < WORD_REACH and _in_word(text[back - 1]):
            back -= 1
        while ahead < end and ahead - start < WORD_REACH and _in_word(text[ahead]):
            ahead += 1
        while ahead < end and not _in_word(text[ahead]):
            ahead += 1
        edges = [s for s in (back, ahead) if s < end and (s == 0 or not _in_word(text[s - 1]))]
        start, end = _likest(quote, text, [(s, end) for s in edges], (start, end))
    if ends and start < end < len(text) and _in_word(text[end - 1]) and _in_word(text[end]):
        ahead, back = end, end
        while ahead < len(text) and ahead - end < WORD_REACH and _in_word(text[ahead]):
            ahead += 1
        while back > start and end - back < WORD_REACH and _in_word(text[back - 1]):
            back -= 1
        while back > start and not _in_word(text[back - 1]):
            back -= 1
        edges = [
            e for e in (ahead, back) if e > start and (e == len(text) or not _in_word(text[e]))
        ]
        start, end = _likest(quote, text, [(start, e) for e in edges], (start, end))
    return start, end, sim


def _likest(
    quote: str, text: str, spans: list[tuple[int, int]], otherwise: tuple[int, int]
) -> tuple[int, int]:
    """Of ``spans``, the one most like ``quote`` (the first of those alike); ``otherwise``
    when there is none."""
    if not spans:
        return otherwise
    return max(spans, key=lambda span: _similarity(quote, text[span[0] : span[1]]))


def _best_alignment(quote: str, text: str, lo: int, hi: int) -> tuple[int, int, float] | None:
    """Best approximate occurrence of ``quote`` in ``text[lo:hi]``: (start, end, score 0..100),
    absolute offsets.  A long quote is found by its head and tail (aligning thousands of code
    points at every position is slow), then scored whole."""
    if len(quote) > LONG_QUOTE:
        return _align_long(quote, text, lo, hi)
    window = text[lo:hi]
    if len(window) < len(quote):
        sim = _similarity(quote, window)
        return (lo, hi, sim * 100) if window else None
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, window, score_cutoff=FUZZY_THRESHOLD * 100)
    if found is None:
        return None
    return (lo + found.dest_start, lo + found.dest_end, float(found.score))


def _align_long(quote: str, text: str, lo: int, hi: int) -> tuple[int, int, float] | None:
    piece = LONG_QUOTE // 4
    head = _best_alignment(quote[:piece], text, lo, hi)
    if head is None:
        # The head was rewritten: find the tail and measure back.
        tail = _best_alignment(quote[-piece:], text, lo, hi)
        if tail is None:
            return None
        start = max(lo, tail[1] - len(quote))
        return (start, tail[1], _similarity(quote, text[start : tail[1]]) * 100)
    tail_lo = head[0] + len(quote) // 2
    tail_hi = min(hi, head[0] + 2 * len(quote))
    tail = _best_alignment(quote[-piece:], text, tail_lo, tail_hi) if tail_lo < tail_hi else None
    end = tail[1] if tail is not None else min(hi, head[0] + len(quote))
    return (head[0], end, _similarity(quote, text[head[0] : end]) * 100)


def _near_window(annotation: Annotation, text: str) -> tuple[int, int]:
    radius = max(2000, 4 * len(annotation.quote))
    return max(0, annotation.start - radius), min(len(text), annotation.end + radius)


def _edited_copy_near(annotation: Annotation, text: str, exact: Place) -> Place | None:
    """The approximate copy of the quote, apart from the exact one found far away, that
    sits near the old place, if one does.  Every exact occurrence of the quote is masked
    first: the one found, when it lies within the window too (a sentence repeated a paragraph
    below, a pull quote), was the best alignment there and hid the edited copy beside it; the
    others (an answer a participant gave twice, each coded) were weighed by their context
    already and lost, and are twins, not an edited copy."""
    quote = annotation.quote
    lo, hi = _near_window(annotation, text)
    if not _may_be_likened(quote, hi - lo):
        return None
    # the window alone copied, as _fuzzy_in_window does; its exact copies masked in one pass
    window = text[lo:hi].replace(quote, "\x00" * len(quote))
    s, e = max(exact.start, lo), min(exact.end, hi)
    if s < e:
        window = window[: s - lo] + "\x00" * (e - s) + window[e - lo :]
    near = _fuzzy_in_window(annotation, window, 0, len(window))
    if near is None:
        return None
    start, end = near.start + lo, near.end + lo
    return Place(start, end, near.status) if end <= exact.start or exact.end <= start else None


def _may_be_likened(quote: str, room: int) -> bool:
    """Whether a run of at most ``room`` code points can be as like ``quote`` as
    :data:`FUZZY_THRESHOLD` asks: the quote between :data:`MIN_FUZZY_QUOTE` and
    :data:`MAX_FUZZY_QUOTE` long, and ``room`` enough (a run shorter than the quote is at best
    its length over the quote's alike, each missing code point an edit).  A quote of 4 MB
    imported onto a text of a few words was compared whole with every run tried, two
    minutes for one passage that could not be there."""
    length = len(quote)
    if length < MIN_FUZZY_QUOTE or length > MAX_FUZZY_QUOTE or room <= 0:
        return False
    return room >= FUZZY_THRESHOLD * length


def _may_reach(quote: str, start: int, end: int, score: float) -> bool:
    """Whether a long quote's alignment at ``[start, end)``, ``score`` (0..100) alike whole,
    can reach :data:`FUZZY_THRESHOLD` once :func:`_refine` moves its edges: each code point an
    edge moves takes one edit at most and adds one to the length the likeness is measured by,
    so the edits ``_refine`` may take off are bounded by twice its reach.  A quote's head found
    in a text that holds little of the rest was refined whole all the same, hundreds of
    comparisons of the quote (20,000 code points: 6 s) for a place refused after them."""
    if len(quote) <= LONG_QUOTE:
        return True  # its score is partial_ratio's, not the whole quote's likeness
    moved = 2 * _reach(quote)
    longest = max(len(quote), end - start)
    edits = (1 - score / 100) * longest
    best = 1 - max(0.0, edits - moved) / (longest + moved)
    return best >= FUZZY_THRESHOLD - 1e-9


def _locate_fuzzy(annotation: Annotation, text: str) -> Place | None:
    """An approximate match near the old place, else anywhere (texts up to a size)."""
    if not _may_be_likened(annotation.quote, len(text)):
        return None
    near = _near_window(annotation, text)
    place = _fuzzy_in_window(annotation, text, *near)
    if place is None and near != (0, len(text)) and len(text) <= WHOLE_TEXT_SEARCH_LIMIT:
        place = _fuzzy_in_window(annotation, text, 0, len(text))
    return place


def _fuzzy_in_window(annotation: Annotation, text: str, lo: int, hi: int) -> Place | None:
    quote = annotation.quote
    first = _best_alignment(quote, text, lo, hi)
    if first is None:
        return None
    s, e, score = first
    # A second, separate candidate that scores alike makes the match a guess: looked for in
    # the window with the first masked (the window alone copied: a 50 MB text was copied
    # whole for each passage found near its old place).
    masked = text[lo:s] + "\x00" * (e - s) + text[e:hi]
    second = _best_alignment(quote, masked, 0, hi - lo)
    if second is not None:
        second = (second[0] + lo, second[1] + lo, second[2])
    if not _may_reach(quote, s, e, score) and (second is None or not _may_reach(quote, *second)):
        return None  # whichever is taken, its likeness is below the threshold
    candidates = [_whole_words(annotation, text, *_refine(quote, text, s, e))]
    if second is not None and second[2] >= score - FUZZY_TIE_MARGIN * 100:
        refined = _refine(quote, text, second[0], second[1])
        candidates.append(_whole_words(annotation, text, *refined))
    scored = sorted(
        (
            (sim + _fuzzy_context(annotation, text, cs, ce) * 0.5, cs, ce, sim)
            for cs, ce, sim in candidates
        ),
        reverse=True,
    )
    total, cs, ce, sim = scored[0]
    overlapping = len(scored) > 1 and scored[1][1] < ce and cs < scored[1][2]
    if len(scored) > 1 and not overlapping and total - scored[1][0] < FUZZY_TIE_MARGIN * 3:
        return None
    if sim < FUZZY_THRESHOLD:
        return None
    if _fuzzy_context(annotation, text, cs, ce) < MIN_FUZZY_CONTEXT:
        return None  # like the quote, but in other surroundings: a look-alike
    cs, ce = _edges_at_context(annotation, text, cs, ce)
    return Place(cs, ce, AnchorStatus.FUZZY)


EDGE_CONTEXT = 12  # code points of the context next to the passage that mark its edge


def _edges_at_context(annotation: Annotation, text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` (an approximate match of the quote) ending where the stored suffix
    begins again nearby, and starting where the stored prefix ends: "...was Washington."
    edited to "...was Washington, of course." was found as the run most like the quote,
    "...was Washington,", its old length, the passage cut.  The edge nearest the match's own
    is taken, within half the quote's length (:data:`WORD_REACH` at least); a context shorter
    than :data:`EDGE_CONTEXT` (the passage at an end of the text) marks the edge only at that
    end of the text."""
    prefix, suffix = annotation.prefix, annotation.suffix
    reach = max(WORD_REACH, len(annotation.quote) // 2)
    head = suffix[:EDGE_CONTEXT]
    ends = [
        e
        for e in _found_at(text, head, max(start + 1, end - reach), end + reach)
        if len(head) == EDGE_CONTEXT or e + len(head) == len(text)
    ]
    if ends:
        end = min(ends, key=lambda e: (abs(e - end), e))
    tail = prefix[len(prefix) - EDGE_CONTEXT :] if len(prefix) > EDGE_CONTEXT else prefix
    starts = [
        at + len(tail)
        for at in _found_at(text, tail, start - reach - len(tail), min(start, end - 1) + reach)
        if at + len(tail) < end and (len(tail) == EDGE_CONTEXT or at == 0)
    ]
    if starts:
        start = min(starts, key=lambda s: (abs(s - start), s))
    return start, end


def _found_at(text: str, part: str, lo: int, hi: int) -> list[int]:
    """Where ``part`` begins in ``text`` at ``lo..hi`` (both in, within the text); ``part``
    empty: at the end of the text, when that is in reach."""
    lo, hi = max(0, lo), min(len(text), hi)
    if not part:
        return [len(text)] if lo <= len(text) <= hi else []
    found: list[int] = []
    at = text.find(part, lo, hi + len(part))
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1, hi + len(part))
    return found
