"""A LazyPattern answers as ``re.compile`` of its source would, and compiles only when used."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.lazy_pattern import LazyPattern

PATTERNS = [r"\w+", r"(a)(b)?", r"[^\W\d_]+", r"\s*,\s*", r"(?P<word>[a-z]+)\d"]


def test_nothing_is_compiled_until_a_method_runs() -> None:
    lazy = LazyPattern(r"[\u3040-\u30ff]+")
    assert "_compiled" not in vars(lazy)
    assert lazy.search("abc") is None
    assert "_compiled" in vars(lazy)


def test_once_compiled_its_methods_are_the_compiled_patterns_own() -> None:
    lazy = LazyPattern(r"\d+", re.ASCII)
    compiled = lazy.compiled
    assert compiled == re.compile(r"\d+", re.ASCII)
    assert lazy.finditer == compiled.finditer
    assert lazy.sub == compiled.sub
    assert lazy.compiled is compiled


@given(
    index=st.integers(0, len(PATTERNS) - 1),
    text=st.text(alphabet="ab1 ,\u00e9\u3042x", max_size=30),
    pos=st.integers(0, 5),
)
def test_every_method_answers_as_the_compiled_pattern(index: int, text: str, pos: int) -> None:
    source = PATTERNS[index]
    compiled = re.compile(source)

    def spans(found: re.Match[str] | None) -> object:
        return None if found is None else (found.span(), found.groups())

    # A fresh LazyPattern for each method: the first call (the one that compiles) answers too.
    assert spans(LazyPattern(source).search(text, pos)) == spans(compiled.search(text, pos))
    assert spans(LazyPattern(source).match(text, pos)) == spans(compiled.match(text, pos))
    assert spans(LazyPattern(source).fullmatch(text)) == spans(compiled.fullmatch(text))
    assert [m.span() for m in LazyPattern(source).finditer(text, pos)] == [
        m.span() for m in compiled.finditer(text, pos)
    ]
    assert LazyPattern(source).findall(text) == compiled.findall(text)
    assert LazyPattern(source).sub("-", text) == compiled.sub("-", text)
    assert LazyPattern(source).subn(lambda m: m[0].upper(), text, 2) == compiled.subn(
        lambda m: m[0].upper(), text, 2
    )
    assert LazyPattern(source).split(text) == compiled.split(text)
    assert LazyPattern(source).groups == compiled.groups
    assert dict(LazyPattern(source).groupindex) == dict(compiled.groupindex)


def test_bytes_patterns() -> None:
    lazy = LazyPattern(rb"\xc2[\x80-\x9f]")
    assert lazy.sub(b"", b"a\xc2\x85b") == b"ab"
