"""In a transcript, agreement cuts its units as the reader selects them: a speaker's label
(``E1:``) is no word of a unit, and a sentence or paragraph begins where what was said
begins."""

from __future__ import annotations

from tui_reader.core.analysis.agreement import Comparison, unit_spans
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
