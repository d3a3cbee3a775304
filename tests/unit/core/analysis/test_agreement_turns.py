"""In a transcript, agreement cuts its units as the reader selects them: a speaker's label
(``E1:``) is no word of a unit, and a sentence or paragraph begins where what was said
begins."""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement import Comparison, character_runs, unit_spans
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.documents.turns import find_turns, label_free
from tui_reader.core.documents.units import paragraph_range, sentence_range

TEXT = (
    "E1: Una señora vino ayer. Dijo algo.\n\n"
    "E2: Sí. Claro que sí.\n\n"
    "E1: Bueno, gracias.\n\n"
    "E2: De nada.\n"
)


def _shown(spans: list[list[int]]) -> list[str]:
    return [TEXT[start:end] for start, end in spans]


def test_sentences_and_paragraphs_leave_the_label_out_as_the_reader_does() -> None:
    turns = find_turns(TEXT)
    assert turns
    sentences = unit_spans(TEXT, "sentence").tolist()
    assert _shown(sentences)[:3] == ["Una señora vino ayer.", "Dijo algo.", "Sí."]
    for start, end in sentences:  # the reader's s selects the same sentence
        assert label_free(turns, sentence_range)(TEXT, start) == (start, end)
    paragraphs = unit_spans(TEXT, "paragraph").tolist()
    assert _shown(paragraphs)[0] == "Una señora vino ayer. Dijo algo."
    for start, end in paragraphs:
        assert label_free(turns, paragraph_range)(TEXT, start) == (start, end)


def test_labels_are_no_words_no_one_codes() -> None:
    words = _shown(unit_spans(TEXT, "word").tolist())
    assert "E1:" not in words and "E2:" not in words
    assert words[:3] == ["Una", "señora", "vino"]


def test_labels_are_no_units_neither_coder_coded() -> None:
    """Each coder codes each turn's first sentence as the reader's s selects it: by word the
    labels are no units neither coded."""

    def coded(coder: str) -> list[Annotation]:
        select = label_free(find_turns(TEXT), sentence_range)
        found, at = [], 0
        while (at := TEXT.find(":", at) + 1) > 0:  # each turn's first sentence, selected
            start, end = select(TEXT, at + 1)
            found.append(Annotation("t.txt", start, end, TEXT[start:end], tags=("x",), coder=coder))
        return found

    [row, _] = Comparison(coded("ana"), coded("cruz"), {"t.txt": TEXT}, "word").rows()
    assert (row.table.both, row.table.only_a, row.table.only_b) == (9, 0, 0)
    assert row.table.neither == 5  # Dijo algo., Claro que sí. (not the four labels)


def _labels() -> set[int]:
    """The offsets of the characters of TEXT's speaker labels ("E1: ")."""
    return {i for t in find_turns(TEXT) for i in range(t.start, t.body)}


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 90), st.integers(1, 92), st.sampled_from("xy")), max_size=5),
    st.lists(st.tuples(st.integers(0, 90), st.integers(1, 92), st.sampled_from("xy")), max_size=5),
)
def test_by_character_labels_are_no_characters_anyone_coded(
    a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]
) -> None:
    """By character, as by word, sentence and paragraph, a speaker's label is no unit: each
    code's table is the count, character by character, of the characters not in a label;
    the documents laid end to end (with a text without labels) count as each alone; and
    what is listed apart, with the spaces told, adds up to the figures."""

    def made(passages: list[tuple[int, int, str]], coder: str) -> list[Annotation]:
        return [
            Annotation(doc, s, e, "q", tags=(t,), coder=coder)
            for s, e, t in passages
            if s < e
            for doc in ("t.txt", "p.txt")
        ]

    ana, ben = made(a, "ana"), made(b, "ben")
    texts = {"t.txt": TEXT, "p.txt": "Plain words, no speakers here at all.\n" * 2}
    comparison = Comparison(ana, ben, texts)
    labels = _labels()
    for row in comparison.rows()[:-1]:
        assert row.tag is not None
        both = only_a = only_b = 0
        for doc, text in texts.items():
            counted = set(range(len(text))) - (labels if doc == "t.txt" else set())

            def marked(side: list[Annotation], doc: str = doc, tag: str = row.tag) -> set[int]:
                return {
                    i for x in side if x.document == doc and tag in x.tags
                    for i in range(x.start, min(x.end, len(texts[doc])))
                }  # fmt: skip

            on_a, on_b = marked(ana) & counted, marked(ben) & counted
            both += len(on_a & on_b)
            only_a += len(on_a - on_b)
            only_b += len(on_b - on_a)
        table = row.table
        assert (table.both, table.only_a, table.only_b) == (both, only_a, only_b)
        assert table.units == len(TEXT) - len(labels) + len(texts["p.txt"])
    told = comparison.listed()
    for tag, table in comparison.tables(comparison.codes).items():
        apart = sum(d.end - d.start for d in told.places if d.tag == tag)
        assert apart + told.spaces.get(tag, 0) == table.only_a + table.only_b, tag
    for d in told.places:  # no place listed holds a label
        assert d.document == "p.txt" or not set(range(d.start, d.end)) & labels


def test_by_character_the_labels_kept_as_units_count_as_the_text() -> None:
    """The stretches of characters that count, as the command keeps them between runs,
    count as the text does, and a text without labels is one stretch, all of it."""
    runs = character_runs(TEXT)
    assert [TEXT[s:e][:4] for s, e in runs.tolist()] == ["Una ", "Sí. ", "Buen", "De n"]
    assert unit_spans("No speakers.", "character").tolist() == [[0, 12]]
    ana = [Annotation("t.txt", 0, 40, "q", tags=("x",), coder="ana")]
    ben = [Annotation("t.txt", 4, 20, "q", tags=("x",), coder="ben")]
    from_text = Comparison(ana, ben, {"t.txt": TEXT}).rows()
    assert Comparison(ana, ben, {"t.txt": runs}).rows() == from_text
    [row, _] = from_text
    # ana's 0-40 is the first turn's 34 characters after its label (then "E2", a label's)
    assert (row.table.both, row.table.only_a, row.table.only_b) == (16, 18, 0)
    assert row.table.units == len(TEXT) - 4 * len("E1: ")


def test_the_compare_views_places_take_the_documents_turns_as_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The compare view's places leave the labels out with the turns its document holds: the
    same places as found in the text, its turns not looked for again (a third of a second in
    a transcript of a million characters, at each repaint)."""
    import tui_reader.core.documents.turns as turns_module
    from tui_reader.core.analysis.agreement import disagreement_places

    ana = [Annotation("t.txt", 0, 60, "q", tags=("x",), coder="ana")]
    ben = [Annotation("t.txt", 10, 20, "q", tags=("x",), coder="ben")]
    found = disagreement_places(ana, ben, "t.txt", TEXT)
    assert found == [(4, 10), (20, 38), (42, 60)]  # neither label, E1: nor E2:
    turns = find_turns(TEXT)

    def not_again(text: str) -> tuple[object, ...]:
        raise AssertionError("the turns were looked for again")

    monkeypatch.setattr(turns_module, "find_turns", not_again)
    assert disagreement_places(ana, ben, "t.txt", TEXT, turns) == found


def test_a_text_without_labels_kept_as_one_stretch_is_counted_by_its_length() -> None:
    """The stretches the command keeps of a text without labels (one, the whole text) are
    counted as its length is, not laid stretch by stretch: most texts of a corpus."""
    from tui_reader.core.analysis.agreement import Units

    whole = Units(character_runs("No speakers here."), "character")
    assert whole.runs is None and whole.count == len("No speakers here.")
    assert Units(character_runs(""), "character").count == 0
    labelled = Units(character_runs(TEXT), "character")
    assert labelled.runs is not None and labelled.count == len(TEXT) - 16


LINES = (
    "INTERVIEWER: Where did you cross?\n"
    "Carlos: At Tijuana, at night.\n"
    "INTERVIEWER: And then?\n"
    "Carlos: We walked for two days\n"
    "INTERVIEWER: Alone?\n"
    "Carlos: With my brother.\n"
)


def test_turns_on_lines_of_their_own_are_never_one_unit() -> None:
    """A transcript with no blank line between its turns was one paragraph: two coders
    coding two different answers agreed by paragraph on its one unit, 100% ("both coders
    coded every unit"), and the reader's p took the whole interview; "two days" (no stop)
    ran into the next question as one sentence."""
    turns = find_turns(LINES)
    assert len(turns) == 6
    said = [LINES[t.body : LINES.index("\n", t.body)] for t in turns]  # by hand: each turn's words
    for unit, rule in (("paragraph", paragraph_range), ("sentence", sentence_range)):
        spans = unit_spans(LINES, unit).tolist()  # type: ignore[arg-type]
        assert [LINES[s:e] for s, e in spans] == said, unit
        for start, end in spans:  # the reader's p and s select the same
            assert label_free(turns, rule)(LINES, start) == (start, end)
            assert label_free(turns, rule)(LINES, end - 1) == (start, end)

    def coded(coder: str, quote: str) -> list[Annotation]:
        start = LINES.index(quote)
        return [Annotation("t.txt", start, start + len(quote), quote, tags=("x",), coder=coder)]

    ana, ben = coded("ana", "At Tijuana"), coded("ben", "two days")
    [row, _] = Comparison(ana, ben, {"t.txt": LINES}, "paragraph").rows()
    assert (row.table.units, row.table.both, row.table.only_a, row.table.only_b) == (6, 0, 1, 1)
