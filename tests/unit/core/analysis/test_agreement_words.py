"""The words agreement counts, found in numpy, are the words the regular expression finds: each
run of characters that are not space, each Chinese or Japanese character a word, as the word
count counts them."""

from __future__ import annotations

from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement import unit_spans, word_span_array
from tui_reader.core.documents.units import word_spans
from tui_reader.core.documents.words import count_words

_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_JAPANESE = "日本語の文章東京アイ。、「」！（）ｶﾀﾅｰﾞﾟ\u3099"


@settings(max_examples=examples(400))
@given(
    st.text(
        alphabet=st.sampled_from(_SPACES) | st.sampled_from(_JAPANESE) | st.characters(),
        max_size=60,
    )
)
@example("\u3000a\u3001\u2029b\x1c\U0001f600 \ud800")
@example("東京abc東京、x")
@example("ｶﾞｲｺｸｼﾞﾝ aﾞ ﾞﾞ")
def test_the_words_are_the_regexs(text: str) -> None:
    found = [tuple(span) for span in word_span_array(text).tolist()]
    assert found == word_spans(text)
    assert len(found) == count_words(text)
    assert unit_spans(text, "word").tolist() == [list(span) for span in found]


def test_a_japanese_text_is_compared_a_character_a_word_as_its_words_are_counted() -> None:
    """By word, a paragraph of Japanese (written without spaces) was one unit: two coders
    who coded different words of it agreed on the whole of it; the library counts each
    character a word."""
    from tui_reader.core.analysis.agreement import Comparison
    from tui_reader.core.annotations.model import Annotation

    text = "東京で会議。大阪は雨"  # 9 words: 東 京 で 会 議 / 大 阪 は 雨
    assert len(word_span_array(text)) == count_words(text) == 9

    def coded(start: int, end: int, coder: str) -> Annotation:
        return Annotation("j.txt", start, end, text[start:end], tags=("x",), coder=coder)

    [row, _] = Comparison(
        [coded(0, 2, "ana")], [coded(1, 5, "ben")], {"j.txt": text}, "word"
    ).rows()
    table = row.table
    assert (table.both, table.only_a, table.only_b, table.neither) == (1, 1, 3, 4)
