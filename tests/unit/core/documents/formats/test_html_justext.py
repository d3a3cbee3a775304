"""jusText's paragraph revision (trafilatura's last fallback) in linear time, its classes
jusText's own."""

from __future__ import annotations

import copy

import justext.core
import trafilatura.external
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

import tui_reader.core.documents.formats.html  # noqa: F401  (installs it)
from tui_reader.core.documents.formats.html_justext import revise_paragraph_classification


class _Paragraph:
    """A paragraph as jusText's classification leaves it, counting its class's reads."""

    reads = 0

    def __init__(self, cf_class: str, heading: bool, text: str) -> None:
        self.cf_class = cf_class
        self.heading = heading
        self.text = text
        self._class = ""

    @property
    def class_type(self) -> str:
        _Paragraph.reads += 1
        return self._class

    @class_type.setter
    def class_type(self, value: str) -> None:
        self._class = value


_PARAGRAPHS = st.lists(
    st.tuples(
        st.sampled_from(["short", "neargood", "good", "bad"]),
        st.booleans(),
        st.text(alphabet="ab ", max_size=90),
    ),
    max_size=30,
)


@settings(max_examples=examples(80))
@given(_PARAGRAPHS, st.sampled_from([0, 60, 150, 200]))
def test_the_classes_are_justexts_own(
    given_paragraphs: list[tuple[str, bool, str]], distance: int
) -> None:
    ours = [_Paragraph(*values) for values in given_paragraphs]
    theirs = copy.deepcopy(ours)
    justext.core.revise_paragraph_classification(theirs, distance)
    revise_paragraph_classification(ours, distance)
    assert [p.class_type for p in ours] == [p.class_type for p in theirs]


def test_a_long_run_of_short_paragraphs_is_revised_in_linear_time() -> None:
    # jusText walked from each short paragraph to the nearest long one: n * n reads here.
    count = 4000
    paragraphs = [_Paragraph("good", False, "words " * 30)]
    paragraphs += [_Paragraph("short", False, "x") for _ in range(count)]
    _Paragraph.reads = 0
    revise_paragraph_classification(paragraphs)
    assert _Paragraph.reads < 20 * count
    assert {p.class_type for p in paragraphs[1:]} == {"bad"}


def test_trafilatura_revises_with_it() -> None:
    assert trafilatura.external.revise_paragraph_classification is revise_paragraph_classification
