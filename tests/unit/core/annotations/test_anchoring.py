"""Re-anchoring: exact after edits elsewhere, fuzzy or orphan after edits inside, never wrong."""

from __future__ import annotations

import random
import re

import pytest
from helpers import examples
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.anchoring import (
    Place,
    Spaced,
    confirm,
    context_score,
    locate,
    locate_placeless,
    reanchor,
    reattach,
)
from tui_reader.core.annotations.model import (
    CONTEXT_LENGTH,
    AnchorStatus,
    Annotation,
    make_annotation,
)
from tui_reader.core.documents.document import text_sha256

WORDS = [
    f"{a}{b}"
    for a in ("ka", "lo", "mi", "nu", "po", "ri", "su", "te", "va", "zo")
    for b in (
        "bar",
        "cen",
        "dol",
        "fim",
        "gur",
        "hap",
        "jek",
        "lin",
        "mos",
        "nyt",
        "pex",
        "quo",
        "rad",
        "sil",
        "tam",
        "umb",
        "vor",
        "wex",
        "yal",
        "zin",
    )
]


def annotate(text: str, start: int, end: int):  # type: ignore[no-untyped-def]
    return make_annotation("doc.txt", text, start, end, text_sha256(text), ("t",))


def occurrences(text: str, part: str) -> int:
    """How many times ``part`` occurs in ``text``, overlapping ones included."""
    count, pos = 0, text.find(part)
    while pos >= 0:
        count, pos = count + 1, text.find(part, pos + 1)
    return count


def place(text: str, annotation):  # type: ignore[no-untyped-def]
    return reanchor(annotation, text, text_sha256(text))


ARTICLE = (
    "The conference opened on Monday. Officials from twelve countries attended.\n\n"
    "The Pentagon plan would crack down on the Mexico-Guatemala border and remilitarize "
    "the region, largely under its command.\n\n"
    "Critics said the plan ignores the causes of migration."
)


def test_unchanged_text_keeps_the_annotation_as_is() -> None:
    start = ARTICLE.index("crack down")
    a = annotate(ARTICLE, start, start + len("crack down on the Mexico-Guatemala border"))
    assert place(ARTICLE, a) == a


def test_insertion_before_moves_the_annotation() -> None:
    start = ARTICLE.index("crack down")
    a = annotate(ARTICLE, start, start + 40)
    edited = "Breaking news, updated.\n\n" + ARTICLE
    b = place(edited, a)
    assert b.status is AnchorStatus.ANCHORED
    assert (b.start, b.end, b.quote) == (start + 25, start + 65, a.quote)
    assert b.doc_sha256 == text_sha256(edited)


def test_edit_inside_the_quote_is_fuzzy_at_the_same_place() -> None:
    start = ARTICLE.index("crack down")
    end = ARTICLE.index(", largely")
    a = annotate(ARTICLE, start, end)
    edited = ARTICLE.replace("remilitarize", "re-militarise")
    b = place(edited, a)
    assert b.status is AnchorStatus.FUZZY
    assert b.quote == edited[start : end + 1] == b.quote
    assert (b.start, b.end) == (start, end + 1)


def test_a_word_rewritten_at_the_edge_of_the_passage_is_found_whole() -> None:
    """ "border at night" coded, "border" then rewritten "frontier": the passage was found
    as "rontier at night", cut inside a word (the closest run of characters), shown and
    exported so.  A passage that began and ended on whole words is found on whole words."""
    text = "Intro text.\nThe army moved to the border at night.\nMore text.\n"
    start = text.index("border")
    a = annotate(text, start, start + len("border at night"))
    for old, new, quote in (
        ("border", "frontier", "frontier at night"),  # was "rontier at night"
        ("night", "nigth", "border at nigth"),  # was "border at nigt"
        # was "border at nit", then "border at nite" (the old length): up to its context
        ("at night", "at nite time", "border at nite time"),
    ):
        b = place(text.replace(old, new), a)
        assert (b.status, b.quote) == (AnchorStatus.FUZZY, quote)


def test_fuzzy_stays_fuzzy_until_confirmed() -> None:
    start = ARTICLE.index("crack down")
    end = ARTICLE.index(", largely")
    edited = ARTICLE.replace("remilitarize", "re-militarise")
    b = place(edited, annotate(ARTICLE, start, end))
    assert place(edited, b) == b
    again = "Intro.\n\n" + edited
    c = place(again, b)
    assert c.status is AnchorStatus.FUZZY and c.start == b.start + 8


def test_deleted_passage_is_orphan_and_keeps_its_values() -> None:
    start = ARTICLE.index("The Pentagon")
    end = ARTICLE.index("command.") + len("command.")
    a = annotate(ARTICLE, start, end)
    edited = ARTICLE[:start] + ARTICLE[end:]
    b = place(edited, a)
    assert b.status is AnchorStatus.ORPHAN
    assert (b.start, b.end, b.quote, b.doc_sha256) == (a.start, a.end, a.quote, a.doc_sha256)


def test_orphan_reattaches_when_the_passage_returns() -> None:
    start = ARTICLE.index("The Pentagon")
    end = ARTICLE.index("command.")
    a = annotate(ARTICLE, start, end)
    b = place(ARTICLE[:start] + ARTICLE[end:], a)
    assert b.status is AnchorStatus.ORPHAN
    assert place(ARTICLE, b).status is AnchorStatus.ANCHORED


def test_orphan_reattached_by_hand_and_fuzzy_confirmed() -> None:
    start = ARTICLE.index("The Pentagon")
    end = ARTICLE.index("command.")
    edited = ARTICLE[:start] + "The plan was withdrawn.\n\n" + ARTICLE[end:]
    orphan = place(edited, annotate(ARTICLE, start, end))
    assert orphan.status is AnchorStatus.ORPHAN
    fixed = reattach(orphan, edited, start, start + 22, text_sha256(edited))
    assert fixed.status is AnchorStatus.ANCHORED and fixed.quote == "The plan was withdrawn"
    assert place(edited, fixed) == fixed and fixed.id == orphan.id
    fuzzy = place(ARTICLE.replace("remilitarize", "re-militarise"), annotate(ARTICLE, start, end))
    assert fuzzy.status is AnchorStatus.FUZZY
    assert confirm(fuzzy).status is AnchorStatus.ANCHORED and confirm(orphan) == orphan


def test_never_moves_to_a_look_alike_passage() -> None:
    # The same sentence twice in different surroundings; the annotated copy is deleted.
    same = "Security forces will patrol the southern border."
    text = (
        f"In the first report, published in March, the ministry wrote: {same} It gave no date.\n\n"
        f"Months later a second statement from the army repeated: {same} Nobody answered.\n"
    )
    second = text.rindex(same)
    a = annotate(text, second, second + len(same))
    edited = text[: text.index("Months")] + "Nobody answered.\n"
    assert place(edited, a).status is AnchorStatus.ORPHAN


def test_identical_twins_resolve_by_position_or_orphan() -> None:
    para = "The same paragraph, repeated word for word in the document body.\n\n"
    text = para * 3
    a = annotate(text, len(para), 2 * len(para) - 2)  # the middle copy
    shifted = place("X" + text, a)
    assert shifted.status is AnchorStatus.ANCHORED and shifted.start == len(para) + 1
    # The middle copy deleted: the other two fit alike (same distance): orphan, not a guess.
    assert place(para * 2, a).status in (AnchorStatus.ORPHAN, AnchorStatus.ANCHORED)
    b = place(para * 2, a)
    if b.status is AnchorStatus.ANCHORED:
        assert b.quote == a.quote


def test_short_quote_whose_context_is_gone_is_orphan() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron"
    start = text.index("kappa")
    a = annotate(text, start, start + 5)
    edited = "kappa was mentioned once at the start of the new text, nothing else."
    assert place(edited, a).status is AnchorStatus.ORPHAN


# -- properties --------------------------------------------------------------------------------

documents = st.lists(st.sampled_from(WORDS), min_size=20, max_size=200).map(" ".join)


@st.composite
def annotated_documents(draw: st.DrawFn, longest: int = 80):  # type: ignore[no-untyped-def]
    text = draw(documents)
    start = draw(st.integers(0, len(text) - 2))
    end = draw(st.integers(start + 1, min(len(text), start + longest)))
    return text, start, end


edits = st.text(alphabet=st.sampled_from("abcdefghij .\n"), max_size=40)


@settings(max_examples=examples(150), deadline=None)
@given(annotated_documents(), st.data())
def test_edits_away_from_the_passage_reanchor_exactly(doc, data) -> None:  # type: ignore[no-untyped-def]
    text, start, end = doc
    a = annotate(text, start, end)
    # one to three edits, each at least the context length away from the passage
    edited, new_start = text, start
    for _ in range(data.draw(st.integers(1, 3))):
        new_end = new_start + (end - start)
        before = new_start - CONTEXT_LENGTH
        after_room = len(edited) - (new_end + CONTEXT_LENGTH)
        sides = [s for s, ok in (("before", before > 0), ("after", after_room > 0)) if ok]
        if not sides:
            break
        side = data.draw(st.sampled_from(sides))
        if side == "before":
            i = data.draw(st.integers(0, before))
            j = data.draw(st.integers(i, before))
        else:
            i = data.draw(st.integers(new_end + CONTEXT_LENGTH, len(edited)))
            j = data.draw(st.integers(i, len(edited)))
        insert = data.draw(edits)
        edited = edited[:i] + insert + edited[j:]
        if side == "before":
            new_start += len(insert) - (j - i)
    assume(occurrences(edited, a.prefix + a.quote + a.suffix) == 1)
    b = place(edited, a)
    assert b.status is AnchorStatus.ANCHORED
    assert (b.start, b.end) == (new_start, new_start + (end - start))
    assert b.quote == a.quote


@settings(max_examples=examples(150), deadline=None)
@given(annotated_documents(), st.data())
def test_edits_next_to_the_passage_never_misplace_it(doc, data) -> None:  # type: ignore[no-untyped-def]
    text, start, end = doc
    a = annotate(text, start, end)
    if data.draw(st.booleans()):
        i = data.draw(st.integers(max(0, start - CONTEXT_LENGTH), start))
        j = data.draw(st.integers(i, start))
        shift = 0
    else:
        i = data.draw(st.integers(end, min(len(text), end + CONTEXT_LENGTH)))
        j = data.draw(st.integers(i, min(len(text), end + CONTEXT_LENGTH)))
        shift = None
    insert = data.draw(edits)
    edited = text[:i] + insert + text[j:]
    new_start = start + (len(insert) - (j - i) if shift is not None else 0)
    b = place(edited, a)
    assume(occurrences(edited, a.quote) == 1)
    assert b.status in (AnchorStatus.ANCHORED, AnchorStatus.ORPHAN)
    if b.status is AnchorStatus.ANCHORED:
        assert (b.start, b.end, b.quote) == (new_start, new_start + end - start, a.quote)


def _edited_inside(doc, data, alphabet: str):  # type: ignore[no-untyped-def]
    """A passage of at least 12 characters edited inside (a fifth of it at most replaced by
    ``alphabet``'s characters, its quote gone from the text) and placed again: its start, the
    edited text, where its end now is, and what placing found."""
    text, start, end = doc
    assume(end - start >= 12)
    a = annotate(text, start, end)
    width = end - start
    i = data.draw(st.integers(start, end - 1))
    j = data.draw(st.integers(i, min(end, i + max(1, width // 5))))
    insert = data.draw(st.text(alphabet=st.sampled_from(alphabet), max_size=max(1, width // 5)))
    assume(insert != text[i:j])
    edited = text[:i] + insert + text[j:]
    assume(a.quote not in edited)
    return start, edited, end + len(insert) - (j - i), place(edited, a)


@settings(max_examples=examples(150), deadline=None)
@given(st.one_of(annotated_documents(), annotated_documents(longest=700)), st.data())
def test_edits_inside_the_quote_are_fuzzy_or_orphan_never_elsewhere(doc, data) -> None:  # type: ignore[no-untyped-def]
    start, edited, new_end, b = _edited_inside(doc, data, "XYZ ")
    assert b.status in (AnchorStatus.FUZZY, AnchorStatus.ORPHAN)
    if b.status is AnchorStatus.FUZZY:
        assert b.start < new_end and start < b.end, "fuzzy match must overlap the edited passage"
        assert b.quote == edited[b.start : b.end]


def test_long_quotes_edited_at_head_middle_or_tail_stay_in_place() -> None:
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(900))
    start = text.index(" ", 1500) + 1
    end = text.index(" ", start + 1200)
    a = annotate(text, start, end)
    for at in (start + 3, (start + end) // 2, end - 10):
        edited = text[:at] + "INSERTED WORDS" + text[at + 4 :]
        b = place(edited, a)
        assert b.status is AnchorStatus.FUZZY
        assert abs(b.start - start) <= 16 and abs(b.end - (end + 10)) <= 16


def test_edited_passage_is_not_moved_to_an_unedited_twin() -> None:
    # A periodic text: the passage repeats exactly; editing the annotated copy must not move
    # the annotation onto a twin (it stays, fuzzy, or becomes an orphan).
    text = " ".join(WORDS[(i * 37) % len(WORDS)] for i in range(900))
    start = text.index(" ", 1500) + 1
    end = text.index(" ", start + 600)
    a = annotate(text, start, end)
    edited = text[: start + 300] + "INSERTED WORDS" + text[start + 304 :]
    b = place(edited, a)
    assert b.status is AnchorStatus.ORPHAN or (b.status is AnchorStatus.FUZZY and b.start == start)


def test_a_context_far_longer_than_one_kept_is_weighed_by_its_part_near_the_passage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an imported annotation (a W3C or JSON file) whose prefix and suffix were 200,000
    # characters each took 6 s to place, compared whole with the text around each place,
    # and was an orphan when the text near the passage was the text it held
    from tui_reader.core.annotations import anchoring

    compared: list[int] = []
    similarity = anchoring._similarity

    def measured(a: str, b: str) -> float:
        compared.append(max(len(a), len(b)))
        return similarity(a, b)

    monkeypatch.setattr(anchoring, "_similarity", measured)
    text = "lorem ipsum dolor sit amet " * 200 + "the passage here" + " tail words" * 200
    start = text.index("the passage")
    annotation = annotate(text, start, start + 16).evolve(
        prefix="q" * 100_000 + text[start - 300 : start],
        suffix=text[start + 16 : start + 316] + "z" * 100_000,
        quote="the pasage here",
        doc_sha256="another",
    )
    found = anchoring.locate(annotation, text)
    assert found is not None and (found.start, found.end) == (start, start + 16)
    assert max(compared) <= 1000


def test_a_passage_found_near_its_place_copies_no_more_of_a_big_text_than_its_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The look for a second candidate masked the first in a copy of the whole text: in a
    # big document, each passage found approximately copied all of it (a 16 MB text's 87
    # edited passages: 2 s of copying).  It masks it in the window looked at.
    from tui_reader.core.annotations import anchoring

    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(40_000))  # ~240,000 code points
    start = text.index(" ", 120_000) + 1
    annotation = annotate(text, start, text.index(" ", start + 60))
    edited = text[: start + 10] + "XY" + text[start + 12 :]
    seen: list[int] = []
    real = anchoring._best_alignment

    def recorded(quote: str, searched: str, lo: int, hi: int):  # type: ignore[no-untyped-def]
        if searched is not edited:
            seen.append(len(searched))
        return real(quote, searched, lo, hi)

    monkeypatch.setattr(anchoring, "_best_alignment", recorded)
    placed = place(edited, annotation)
    assert placed.status is AnchorStatus.FUZZY and placed.start == start
    assert seen and max(seen) <= 2 * 2000 + len(annotation.quote)  # the window, masked


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(st.sampled_from(WORDS[:12]), min_size=1, max_size=400).map(" ".join),
    st.lists(st.sampled_from(WORDS[:12]), min_size=2, max_size=80).map(" ".join),
    st.data(),
)
def test_the_second_candidate_is_found_in_the_masked_window_as_in_the_masked_text(
    text: str, quote: str, data: st.DataObject
) -> None:
    # (what the window alone gives, its offsets moved by its start, is what the whole text
    # gave: a quote's alignment reads nothing outside the window, a long quote's either)
    from tui_reader.core.annotations.anchoring import _best_alignment

    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    s = data.draw(st.integers(lo, hi))
    e = data.draw(st.integers(s, hi))
    whole = text[:s] + "\x00" * (e - s) + text[e:]
    window = text[lo:s] + "\x00" * (e - s) + text[e:hi]
    expected = _best_alignment(quote, whole, lo, hi)
    found = _best_alignment(quote, window, 0, hi - lo)
    if found is not None:
        found = (found[0] + lo, found[1] + lo, found[2])
    assert found == expected


def _spaced_one(annotation, text: str, start: int) -> float:  # type: ignore[no-untyped-def]
    """The share of the context (as weighed) around the quote at ``start`` alike when each run
    of whitespace in it and in the text is one space (a run going on from the quote, the
    quote's)."""
    from tui_reader.core.annotations import anchoring as a

    quote = annotation.quote
    prefix, suffix = (re.sub(r"\s+", " ", part) for part in a._context(annotation))
    before, after = text[:start], text[start + len(quote) :]
    if quote[0].isspace():
        prefix, before = prefix.rstrip(), before.rstrip()
    if quote[-1].isspace():
        suffix, after = suffix.lstrip(), after.lstrip()
    if not prefix + suffix:
        return 1.0
    before, after = re.sub(r"\s+", " ", before), re.sub(r"\s+", " ", after)
    matched = 0
    for x, y in zip(reversed(prefix), reversed(before), strict=False):
        if x != y:
            break
        matched += 1
    for x, y in zip(suffix, after, strict=False):
        if x != y:
            break
        matched += 1
    return matched / (len(prefix) + len(suffix))


def _exact_one_by_one(annotation, text: str):  # type: ignore[no-untyped-def]
    """_locate_exact as it was before the occurrences were weighed together: each one's
    context_score, then a stable sort by context and nearness to the old place; twins whose
    context is whole at none weighed first by their context spaced (_spaced_one)."""
    from tui_reader.core.annotations import anchoring as a

    quote = annotation.quote
    starts = a._occurrences(text, quote)
    if not starts:
        return None
    raw = [a.context_score(annotation, text, s, s + len(quote)) for s in starts]
    spaced = raw
    if len(starts) > 1 and max(raw) < 1 and quote.strip():
        spaced = [_spaced_one(annotation, text, s) for s in starts]
    scored = sorted(
        zip(spaced, raw, starts, strict=True),
        key=lambda cs: (-cs[0], -cs[1], abs(cs[2] - annotation.start)),
    )
    best_ctx, best = scored[0][0], scored[0][2]
    rivals = [s for ctx, _, s in scored[1:] if ctx >= best_ctx - a.TIE_MARGIN]
    if rivals:
        mine = abs(best - annotation.start)
        nearest_rival = min(abs(s - annotation.start) for s in rivals)
        if not mine * 2 + 16 <= nearest_rival:
            return a.AMBIGUOUS if best_ctx >= a.MIN_CONTEXT else None
    if (
        best_ctx < a.MIN_CONTEXT
        and a._fuzzy_context(annotation, text, best, best + len(quote)) < 0.5
    ):
        return None
    return a.Place(best, best + len(quote), AnchorStatus.ANCHORED)


@settings(max_examples=examples(150), deadline=None)
@given(st.text("ab \n", min_size=1, max_size=120), st.text("ab \n", max_size=120), st.data())
def test_occurrences_are_weighed_together_as_each_alone(
    written: str, now: str, data: st.DataObject
) -> None:
    # (a short quote occurs thousands of times in a transcript: each occurrence weighed in
    # a call of its own took most of the time of placing it again)
    from tui_reader.core.annotations import anchoring

    start = data.draw(st.integers(0, len(written) - 1))
    end = data.draw(st.integers(start + 1, min(len(written), start + 4)))
    annotation = annotate(written, start, end)
    annotation = annotation.evolve(start=data.draw(st.integers(0, len(now) + 2)))
    text = now + annotation.quote * data.draw(st.integers(0, 2))  # it occurs, or may not
    starts = anchoring._occurrences(text, annotation.quote)
    size = len(annotation.quote)
    assert anchoring.context_scores(annotation, text, starts, size) == [
        anchoring.context_score(annotation, text, s, s + size) for s in starts
    ]
    assert anchoring._locate_exact(annotation, text) == _exact_one_by_one(annotation, text)


def test_a_short_quote_of_a_long_transcript_is_placed_again_among_its_many_twins() -> None:
    lines = [f"{'ANA' if n % 2 else 'BEN'}: {'Yes.' if n % 3 else 'No, ' + WORDS[n % 200]}."
             for n in range(6000)]  # fmt: skip
    text = "\n".join(lines)
    start = text.index("Yes", len(text) // 2)
    annotation = annotate(text, start, start + 3)
    edited = "A heading\n\n" + text
    placed = place(edited, annotation)
    assert (placed.start, placed.status) == (start + 11, AnchorStatus.ANCHORED)


@pytest.mark.parametrize(
    ("before", "quote", "after"),
    [
        ("ab " * 5200 + "x ", "ab", " y"),  # found whole beyond the occurrences weighed
        ("ab " * 40 + "x ", "ab", " y"),  # whole, among them
        ("a" * 5200 + "x ", "aa", " y"),  # a quote that overlaps itself, beyond them
        ("", "ab", " y " + "ab " * 30),  # no context before it
        # its whole context around a twin too (every 43 code points): alike, a guess
        (
            ("ab " * 12 + "x ab y ") * 2 + "ab " * 12 + "x ",
            "ab",
            " y " + ("ab " * 12 + "x ab y ") * 2,
        ),
    ],
)
def test_a_passage_found_with_its_whole_context_is_placed_as_every_occurrence_weighed_places_it(
    before: str, quote: str, after: str
) -> None:
    # (a passage still surrounded by its whole context is found by two searches of the
    # text, not by weighing each of a short quote's thousands of occurrences)
    from tui_reader.core.annotations import anchoring

    text = before + quote + after
    annotation = annotate(text, len(before), len(before) + len(quote))
    edited = "A heading\n\n" + text
    expected = _exact_one_by_one(annotation, edited)
    assert anchoring._locate_exact(annotation, edited) == expected


@pytest.mark.parametrize("saved_as", ["NFD", "NFC"])
def test_a_text_saved_with_its_accents_written_otherwise_keeps_its_passages_exact(
    saved_as: str,
) -> None:
    """A text coded with its accents one way (é one code point, or e and U+0301 as a Mac or
    a PDF writes it) and saved the other way: its passages were approximate (≈), and a short
    one ("duré") an orphan, though every letter is as it was."""
    import unicodedata

    other = "NFC" if saved_as == "NFD" else "NFD"
    coded = unicodedata.normalize(other, "Le café de Zoë à Séville.\n\nLa réunion a duré.\n")
    saved = unicodedata.normalize(saved_as, coded)
    assert saved != coded
    for quote in ("café de Zoë à Séville", "duré"):
        start = coded.index(unicodedata.normalize(other, quote))
        a = annotate(coded, start, start + len(unicodedata.normalize(other, quote)))
        b = place(saved, a)
        assert b.status is AnchorStatus.ANCHORED, quote
        assert b.quote == unicodedata.normalize(saved_as, quote)
        assert saved[b.start : b.end] == b.quote


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("34\n F", "34 F"),  # four code points: never matched approximately
        ("Age\nSex │ 34\n F", "Age Sex │ 34 F"),
        ("Oaxaca,\nTijuana", "Oaxaca, Tijuana"),
        ("\n F", " F"),  # a run at the quote's edge is the new text's run there, whole
        ("F\nGrew", "F\n\n  Grew"),
    ],
)
def test_a_passage_whose_line_breaks_became_spaces_is_placed_exactly(
    quote: str, found: str
) -> None:
    """A Markdown table's "<br>" read as a line break, then (a converter upgraded) as a
    space: "34\n F" coded in the old text was an orphan, though every word is as it was,
    and the longer passages were only approximate (≈)."""
    old = "Survey\n\nQuestion │ Answer\nAge\nSex │ 34\n F\nGrew up │ Oaxaca,\nTijuana\n"
    new = "Survey\n\nQuestion │ Answer\nAge Sex │ 34 F\n\n  Grew up │ Oaxaca, Tijuana\n"
    start = old.index(quote)
    b = place(new, annotate(old, start, start + len(quote)))
    assert (b.status, b.quote) == (AnchorStatus.ANCHORED, found)
    assert new[b.start : b.end] == found and b.start == new.index(found)


def test_a_passage_spaced_otherwise_among_its_twins_is_placed_by_its_context_or_orphaned() -> None:
    """Whitespace taken for one space makes two places alike more often: the context and
    the old place decide as they do for an exact quote, and a guess is never made."""
    old = "Ana said: we\nwaited there.\n\nLuis said: we\nwaited there.\n"
    new = old.replace("\n", " ")
    second = old.rindex("we\nwaited")
    b = place(new, annotate(old, second, second + len("we\nwaited")))
    assert (b.status, b.start, b.quote) == (
        AnchorStatus.ANCHORED,
        new.rindex("we waited"),
        "we waited",
    )
    # The middle of three copies coded, one of them gone: the two left fit alike
    copies = "we\nwaited " * 3
    middle = len("we\nwaited ")
    lost = place("we waited " * 2, annotate(copies, middle, middle + len("we\nwaited")))
    assert lost.status is AnchorStatus.ORPHAN


def test_a_cell_of_a_plain_text_table_aligned_again_keeps_its_place() -> None:
    """A short cell coded ("Harm", "7") in a table typed with one space between columns, the
    columns then aligned with spaces: the cell is there as it was, but its context, spaced
    otherwise, no longer vouched for it, and a quote that short is never found
    approximately: an orphan."""
    old = "Code Count Share\nWait 12 40%\nHarm 7 23%\nHome 11 37%\n"
    new = (
        "Code    Count   Share\nWait       12     40%\nHarm        7     23%\n"
        "Home       11     37%\n"
    )
    for quote in ("Harm", "7", "23%"):
        start = old.index(quote)
        b = place(new, annotate(old, start, start + len(quote)))
        assert (b.status, b.start, b.quote) == (AnchorStatus.ANCHORED, new.index(quote), quote)


def test_a_twin_whose_context_only_happens_to_match_further_does_not_take_the_passage() -> None:
    """Six "kabar" between no-break spaces, the third space made an ordinary one: the first,
    coded, stood where it was, its context the same but for that space, yet it was placed on
    the fourth, whose context (counted a code point at a time) happened to match 18 code
    points against the first's 17."""
    old = "kabar\xa0" * 6
    new = "kabar\xa0" * 2 + "kabar " + "kabar\xa0" * 3
    b = place(new, annotate(old, 0, len("kabar")))
    assert (b.status, b.start, b.end) == (AnchorStatus.ANCHORED, 0, len("kabar"))


def test_whitespace_put_inside_a_word_or_taken_from_between_two_is_no_spacing_alike() -> None:
    """Only whitespace written otherwise is ignored, not whitespace added or taken away:
    "the rapist" is not "therapist", so it is never found exactly there."""
    old = "He saw the\nrapist in court. Then he left."
    new = "He saw the therapist in court. Then he left."
    start = old.index("the\nrapist")
    b = place(new, annotate(old, start, start + len("the\nrapist")))
    assert b.status is not AnchorStatus.ANCHORED


_RUNS = st.text(alphabet=st.sampled_from(" \n\t\u00a0\u2029"), min_size=1, max_size=3)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t\u00a0"), max_size=80), st.integers(1, 9), st.data()
)
def test_the_text_spaced_and_the_way_back_are_those_of_each_code_point(text, step, data) -> None:  # type: ignore[no-untyped-def]
    """:class:`Spaced` keeps where the two texts part every ``step`` code points alone: its
    offsets are those found a code point at a time, wherever the steps cut."""
    import re

    spaced = Spaced(text, step=step)
    assert spaced.text == re.sub(r"\s+", " ", text)
    assert spaced.alike == (spaced.text == text)
    # Each code point of the spaced text stands for [begins, ends) of the text
    begins, ends, at = [], [], 0
    while at < len(text):
        stop = at + 1
        if text[at].isspace():
            while stop < len(text) and text[stop].isspace():
                stop += 1
        begins.append(at)
        ends.append(stop)
        at = stop
    for at in range(len(text) + 1):
        inside = [k for k in range(len(begins)) if begins[k] <= at < ends[k]]
        assert spaced.offset(at) == (inside[0] if inside else len(begins)), at
    if begins:
        start = data.draw(st.integers(0, len(begins) - 1))
        end = data.draw(st.integers(start + 1, len(begins)))
        assert spaced.span(start, end) == (begins[start], ends[end - 1])


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(WORDS[:2]), min_size=4, max_size=30), _RUNS, st.data())
def test_a_passage_among_twins_whose_context_was_respaced_is_never_put_on_another(
    words, run, data
) -> None:  # type: ignore[no-untyped-def]
    """Texts of two words, many twins of each, spaced alike: some runs of whitespace around a
    passage then rewritten as other runs (a no-break space made a space, a line break two).  A passage of
    whole words is never placed on a twin: anchored, it is where it was; and whenever its
    words with its context, each run taken for one space, occur at that place alone, it is
    anchored there."""
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, min(len(words) - 1, first + 2)))
    old_runs = [run] * len(words)
    new_runs = list(old_runs)
    for k in data.draw(st.lists(st.integers(0, len(words) - 1), min_size=1, max_size=4)):
        if not first <= k < last:  # (the runs between the passage's words are its own)
            new_runs[k] = data.draw(_RUNS)

    def written(runs: list[str]) -> tuple[str, list[int]]:
        """The text and where each of its words begins."""
        text, starts = "", []
        for word, run in zip(words, runs, strict=True):
            starts.append(len(text))
            text += word + run
        return text, starts

    old, old_at = written(old_runs)
    new, new_at = written(new_runs)
    a = annotate(old, old_at[first], old_at[last] + len(words[last]))
    b = place(new, a)
    expected = (new_at[first], new_at[last] + len(words[last]))

    def spaced(part: str) -> str:
        return re.sub(r"\s+", " ", part)

    if occurrences(spaced(new), spaced(a.prefix + a.quote + a.suffix)) == 1:
        assert (b.status, b.start, b.end) == (AnchorStatus.ANCHORED, *expected), (old, new)
    elif b.status is AnchorStatus.ANCHORED and (b.start, b.end) != expected:
        # a twin whose context, written as it was, is there whole (a twin at the text's
        # start, its prefix empty, takes any): the exact search's, not told apart by spacing
        assert context_score(a, new, b.start, b.end) == 1, (old, new)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=6, max_size=120), st.data())
def test_a_passage_respaced_is_placed_where_it_is_and_nowhere_else(words, data) -> None:  # type: ignore[no-untyped-def]
    """Random texts, each run of whitespace between words rewritten as another run (a line
    break for a space, two spaces for one, a tab...): a passage that begins and ends at a
    word or a run is placed exactly on the same words, its runs at the edges whole, and only
    on the same words; when the new text holds its words (or its words and context), so
    spaced, at one place alone it is always found there."""
    old_runs = data.draw(st.lists(_RUNS, min_size=len(words), max_size=len(words)))
    new_runs = data.draw(st.lists(_RUNS, min_size=len(words), max_size=len(words)))

    def written(runs: list[str]) -> tuple[str, list[int]]:
        """The text and where each of its pieces (word, run, word, run...) begins."""
        pieces = [p for word, run in zip(words, runs, strict=True) for p in (word, run)]
        starts = [0]
        for piece in pieces:
            starts.append(starts[-1] + len(piece))
        return "".join(pieces), starts

    old, old_at = written(old_runs)
    new, new_at = written(new_runs)
    first = data.draw(st.integers(0, 2 * len(words) - 1))
    last = data.draw(st.integers(first, min(2 * len(words) - 1, first + 12)))
    a = annotate(old, old_at[first], old_at[last + 1])
    assume(a.quote.strip())
    b = place(new, a)
    expected = (new_at[first], new_at[last + 1])

    def spaced(part: str) -> str:
        return " ".join(part.split())

    if b.status is AnchorStatus.ANCHORED:  # on the same words, wherever it is
        assert spaced(new[b.start : b.end]) == spaced(a.quote)
    # Its words spaced so at one place alone, or (the quote itself gone) with its context so
    # at one place alone: found there.  (The quote itself found among its twins is weighed by
    # its context written as it was, by the exact search before.)
    whole = spaced(a.prefix + a.quote + a.suffix)
    if len(a.prefix) == CONTEXT_LENGTH and len(a.suffix) == CONTEXT_LENGTH:
        whole = spaced(a.prefix[1:] + a.quote + a.suffix[:-1])  # its edges may cut a word
    if a.quote in new:  # the exact search's: in the run at an edge, maybe, not whole
        if occurrences(spaced(new), spaced(a.quote)) == 1:
            assert b.status is AnchorStatus.ANCHORED
            assert expected[0] <= b.start < b.end <= expected[1]
            assert not (new[expected[0] : b.start] + new[b.end : expected[1]]).strip()
    else:
        if occurrences(spaced(new), whole) == 1:
            assert b.status is AnchorStatus.ANCHORED, (a.quote, new)
        if b.status is AnchorStatus.ANCHORED:
            assert (b.start, b.end) == expected, (a.quote, new[b.start : b.end])


def test_an_edited_sentence_repeated_in_the_next_paragraph_is_not_moved_to_its_copy() -> None:
    # A news page repeats its key sentence (a pull quote) a paragraph below. The coded copy is
    # corrected; the copy below, unchanged, fits exactly but is not the passage coded.
    quote = "Organizaciones denuncian la militarización de la política migratoria."
    lead = "La Guardia Nacional desplegó 6,000 elementos en la frontera sur. "
    text = f"{lead}{quote}\n\n{lead}{quote} Un segundo párrafo sigue aquí."
    start = text.index(quote)
    a = annotate(text, start, start + len(quote))
    edited = text.replace(
        "denuncian la militarización", "denuncian con fuerza la militarización", 1
    )
    b = place(edited, a)
    assert b.status is not AnchorStatus.ANCHORED
    assert b.status is AnchorStatus.ORPHAN or b.start < edited.index("\n\n")


def test_a_sentence_said_twice_in_an_interview_keeps_both_passages_after_a_turn_put_before() -> (
    None
):
    # A participant repeats an answer a few turns later, both coded. A turn inserted at the top
    # shifts each further than its length; the twin near each old place is the other passage,
    # an exact copy already weighed by its context, not an edited copy of this one.
    said = "The consultation fee alone was more than I earn in two days."
    text = (
        "Interviewer: What was the hardest part?\n\n"
        f"P3: Honestly the cost was the main thing. {said} The bus only runs twice a day.\n\n"
        "Interviewer: And the second time you went?\n\n"
        f"P3: Honestly the cost was the main thing. {said} Well, it is hard to explain.\n"
    )
    first = text.index(said)
    second = text.index(said, first + 1)
    turn = "Interviewer: Do you agree to be recorded?\n\nP3: Yes, that is fine with me.\n\n"
    edited = turn + text
    for start in (first, second):
        b = place(edited, annotate(text, start, start + len(said)))
        assert b.status is AnchorStatus.ANCHORED
        assert (b.start, b.quote) == (start + len(turn), said)


def test_a_typo_fixed_in_a_coded_answer_said_again_later_keeps_it_in_place_approximately() -> None:
    # The coded copy of an answer given twice has a typo fixed in it: the copy said later fits
    # the old quote exactly but not its surroundings; the edited one fits them wholly.
    said = "The bus only runs twice a day from our vilage, so if you miss it you are stuck."
    text = (
        "Interviewer: Is there anything else you would like to add?\n\n"
        f"P6: {said} I was afraid they would judge me.\n\n"
        + "Interviewer: And the clinic?\n\nP6: The nurse was kind. Nothing else to say.\n\n" * 40
        + f"Interviewer: How do you get to town?\n\nP6: {said} I was afraid of the doctor.\n"
    )
    start = text.index(said)
    a = annotate(text, start, start + len(said))
    edited = text.replace("vilage", "village", 1)
    b = place(edited, a)
    assert b.status is AnchorStatus.FUZZY
    assert (b.start, b.quote) == (start, said.replace("vilage", "village"))


def test_an_edited_answer_is_never_moved_to_an_early_copy_in_the_same_words_around_it() -> None:
    # The coded answer, given three times, is edited. Its first copy, far above, has the same
    # words around it; another copy near it has other words around it and hid the edited
    # passage from the look for one near its place: the passage went to the first copy.
    said = "I think if they had evening hours it would change everything for workers like me."
    before, after = "That fear kept me away for a long time. ", " Well, it is hard to explain."
    filler = "Interviewer: And the clinic?\n\nP6: The nurse was kind. Nothing else to say.\n\n"
    text = (
        f"P6: {before}{said}{after}\n\n"
        + filler * 60
        + f"P6: The pharmacy is out of stock. {said} The road was closed.\n\n"
        + f"P6: {before}{said}{after}\n"
    )
    start = text.rindex(said)
    a = annotate(text, start, start + len(said))
    edited = text[:start] + text[start:].replace("evening hours", "evening opening hours")
    b = place(edited, a)
    assert b.status is AnchorStatus.ORPHAN or (b.status is AnchorStatus.FUZZY and b.start == start)


def test_a_passage_known_by_its_quote_alone_is_placed_where_it_fits_alone() -> None:
    # Another tool's quote with no position waits at [0, len(quote)): locate weighs nearness
    # to that place, and a look-alike of the quote near the text's start (a title) left the
    # passage further on an orphan.  Placed by quote and context alone, it is found there;
    # twins alike stay unplaced, and context tells them apart.
    text = "Plan Pentagon: a title.\n\n" + "Words of the article go on. " * 10 + "A Pentagon plan."
    text += " Then the same Pentagon plan again."
    alone = make_annotation("doc.txt", "Pentagon plans", 0, 13, "").evolve(
        quote="Pentagon plan", prefix="", suffix="", status=AnchorStatus.ORPHAN
    )
    assert locate(alone, text) is None
    assert locate_placeless(alone, text) is None  # twice, nothing telling which
    first = text.index("Pentagon plan")
    assert locate_placeless(alone.evolve(prefix="A "), text) == Place(
        first, first + 13, AnchorStatus.ANCHORED
    )
    once = text[: text.index(" Then")]
    assert locate_placeless(alone, once) == Place(first, first + 13, AnchorStatus.ANCHORED)
    assert locate_placeless(alone.evolve(quote="Pentagon planes"), once) is None


def test_words_added_or_cut_at_a_passage_s_edge_end_it_where_its_context_is_again() -> None:
    """ "...was Washington." edited to "...was Washington, of course." was found as the run
    of its old length most like it, "...it was Washington,": the passage cut before the
    words added to it.  It ends where its context (the next turn) begins again, and starts
    where the context before it ends, still fuzzy (≈) for a person to review."""
    text = (
        "Interviewer: Who decided?\n\nMarisol: People here say it was Washington.\n\n"
        "Interviewer: And the tariffs?\n"
    )
    quote = "People here say it was Washington."
    start = text.index(quote)
    a = annotate(text, start, start + len(quote))
    for old, new, found in (
        ("Washington.", "Washington, of course.", "People here say it was Washington, of course."),
        ("it was Washington.", "it was Wash.", "People here say it was Wash."),
        ("People here say", "Well, people here say", "Well, people here say it was Washington."),
    ):
        b = place(text.replace(old, new), a)
        assert (b.status, b.quote) == (AnchorStatus.FUZZY, found)


@settings(max_examples=examples(150), deadline=None)
@given(st.one_of(annotated_documents(), annotated_documents(longest=300)), st.data())
def test_a_passage_edited_inside_is_found_whole_between_its_context(doc, data) -> None:  # type: ignore[no-untyped-def]
    """An edit inside the passage (its context around it untouched): found again, it is the
    edited passage whole, from where its context before it ends to where the context after
    it begins, never grown past them nor stopped short of them."""
    start, edited, new_end, b = _edited_inside(doc, data, "XYZ ,")
    assume(new_end > start)
    assert b.status in (AnchorStatus.FUZZY, AnchorStatus.ORPHAN)
    if b.status is AnchorStatus.FUZZY:
        assert (b.start, b.end) == (start, new_end), (edited[start:new_end], b.quote)


def _compared_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of the longer text of each likeness measured from now on."""
    from tui_reader.core.annotations import anchoring

    compared: list[int] = []
    similarity = anchoring._similarity

    def measured(a: str, b: str) -> float:
        compared.append(max(len(a), len(b)))
        return similarity(a, b)

    monkeypatch.setattr(anchoring, "_similarity", measured)
    return compared


def test_a_quote_longer_than_any_run_of_the_text_could_match_is_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an imported passage whose quote (4 MB) was far longer than its document (a few words):
    # compared whole with each run of the text tried, two minutes of CPU for an orphan
    compared = _compared_lengths(monkeypatch)
    text = "Plain document text here with words.\n"
    annotation = annotate(text, 15, 19).evolve(quote="a" * 50_000, doc_sha256="another")
    assert locate(annotation, text) is None
    assert not [length for length in compared if length >= 50_000]


def test_a_long_quote_whose_head_alone_is_in_the_text_is_compared_whole_twice_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # its head found, the rest nowhere: the quote was compared whole with every edge _refine
    # tries, for each of the two candidates (396 times), before the place was refused
    rng = random.Random(3)
    text = " ".join(rng.choice(WORDS) for _ in range(8000))
    other = " ".join(rng.choice(WORDS[:20]) for _ in range(2000))
    start = text.index(" ", 5000) + 1
    quote = text[start : start + 100] + other + text[start + 12_000 : start + 12_100]
    annotation = annotate(text, start, start + len(quote)).evolve(quote=quote, doc_sha256="another")
    compared = _compared_lengths(monkeypatch)
    assert place(text, annotation).status is AnchorStatus.ORPHAN
    assert len([length for length in compared if length >= len(quote) // 2]) <= 2


def _long_passage(seed: int) -> tuple[str, int, int, Annotation]:
    """A text of 3,000 random words and an annotation of its 12,000 code points from 1,000."""
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(3000))
    start, end = 1000, 13_000
    return text, start, end, annotate(text, start, end)


def test_a_long_passage_is_compared_with_a_hint_of_its_likeness(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a passage of 100,000 code points with one word inserted was compared whole with each
    # edge tried, every comparison the full product of the lengths: 21 s of CPU to place it
    from rapidfuzz.distance import Levenshtein

    text, start, end, annotation = _long_passage(5)
    edited = text[:7000] + " INSERTED WORDS " + text[7000:]
    hints: list[object] = []
    real = Levenshtein.normalized_similarity

    def hinted(a: str, b: str, **options: object) -> float:
        if min(len(a), len(b)) >= 1000:
            hints.append(options.get("score_hint"))
        return float(real(a, b, **options))  # type: ignore[arg-type]

    monkeypatch.setattr(Levenshtein, "normalized_similarity", hinted)
    placed = place(edited, annotation)
    assert placed.status is AnchorStatus.FUZZY
    assert (placed.start, placed.end) == (start, end + len(" INSERTED WORDS "))
    assert hints and all(hint is not None for hint in hints)


def test_a_quote_past_the_longest_matched_approximately_is_an_orphan_once_edited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui_reader.core.annotations.anchoring import MAX_FUZZY_QUOTE

    rng = random.Random(9)
    text = " ".join(rng.choice(WORDS) for _ in range(MAX_FUZZY_QUOTE // 5))
    end = text.index(" ", MAX_FUZZY_QUOTE + 10)
    annotation = annotate(text, 0, end)
    assert len(annotation.quote) > MAX_FUZZY_QUOTE
    edited = text[:500] + "X" + text[501:]
    compared = _compared_lengths(monkeypatch)
    assert place(edited, annotation).status is AnchorStatus.ORPHAN
    assert not compared


def test_a_long_passage_edited_all_through_is_compared_whole_a_few_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one code point in twenty of a passage of 100,000 edited: each edge _refine tried
    # compared the whole quote with the text (196 times), 11 s of CPU to place it; its edges
    # are now found by the quote's head and tail, the whole compared once
    text, start, end, annotation = _long_passage(11)
    chars = list(text)
    for at in range(start + 300, end - 300, 20):
        chars[at] = "#"
    edited = "".join(chars)
    compared = _compared_lengths(monkeypatch)
    placed = place(edited, annotation)
    assert placed.status is AnchorStatus.FUZZY and (placed.start, placed.end) == (start, end)
    assert len([length for length in compared if length > 1000]) <= 4
