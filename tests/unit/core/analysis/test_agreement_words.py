"""The words agreement counts, found in numpy, are the words the regular expression finds: each
run of characters that are not space, as the word count counts them."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement import unit_spans, word_span_array
from tui_reader.core.documents.units import word_spans

_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(_SPACES) | st.characters(), max_size=60))
@example("\u3000a\u3001\u2029b\x1c\U0001f600 \ud800")
def test_the_words_are_the_regexs(text: str) -> None:
    found = [tuple(span) for span in word_span_array(text).tolist()]
    assert found == word_spans(text)
    assert len(found) == len(text.split())
    assert unit_spans(text, "word").tolist() == [list(span) for span in found]
