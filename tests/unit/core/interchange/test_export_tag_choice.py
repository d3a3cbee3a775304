"""An export of the annotations carrying any of many codes (``--tag`` given a thousand times,
a shell's ``$(...)``) tested every annotation against every code named, twice (the choice,
then which codes no annotation has): 1,000 codes over 3,000 annotations took 20 s.  Each
annotation's tags are looked up among the codes named now, as ``has_tag`` says they match."""

from __future__ import annotations

import pytest
from helpers.counting import count_calls
from hypothesis import given
from hypothesis import strategies as st

import tui_reader.core.interchange as interchange
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.interchange import chosen_annotations, has_tag
from tui_reader.core.interchange.workspace_export import _unused

TEXT = "Some text to code.\n"


def _coded(tags: tuple[str, ...], n: int = 0) -> Annotation:
    return make_annotation(f"d{n}.txt", TEXT, 0, 4, "0" * 64, tags)


def test_many_codes_named_cost_no_test_of_each_annotation_against_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    annotations = [_coded((f"code{n % 50}/sub{n % 7}",), n) for n in range(300)]
    named = [f"other{n}" for n in range(300)] + ["code3", "code4/sub4"]
    tests = count_calls(monkeypatch, interchange, "has_tag")
    chosen = chosen_annotations(annotations, named)
    unused = _unused(annotations, named)
    assert tests.calls <= len(annotations)  # not 300 annotations x 302 codes
    assert {a.tags for a in chosen} == {
        *{(f"code3/sub{n % 7}",) for n in range(3, 300, 50)},
        ("code4/sub4",),
    }
    assert len(unused) == 21 and all("'other" in line for line in unused[:20])
    assert unused[20] == "280 more like these"  # the first twenty said, the rest counted


NAMES = st.text(alphabet="ab/", min_size=1, max_size=6)


@given(
    st.lists(st.lists(NAMES, min_size=1, max_size=3), min_size=1, max_size=6),
    st.lists(NAMES, min_size=1, max_size=4),
)
def test_the_choice_is_has_tag_s(tag_sets: list[list[str]], named: list[str]) -> None:
    annotations = [_coded(tuple(tags), n) for n, tags in enumerate(tag_sets)]
    wanted = [t.strip("/") for t in named if t.strip("/")]
    expected = [a for a in annotations if any(has_tag(a, t) for t in wanted)]
    assert chosen_annotations(annotations, named) == (expected if wanted else annotations)
    assert _unused(annotations, named) == [
        f"no annotation has the tag {t!r} (or a tag under it)"
        for t in named
        if not any(has_tag(a, t.strip("/")) for a in annotations)
    ]
