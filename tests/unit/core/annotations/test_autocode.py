"""Auto-coding: the passages a hit codes, patterns, and coding a workspace in one step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_reader.core.annotations.autocode import autocode, compile_pattern, unit_ranges
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.search.user_pattern import TextPattern
from tui_reader.core.workspace import Workspace


def test_units_are_whole_sentences_and_paragraphs() -> None:
    text = "Dr. Smith met U.S. officials. They agreed on the plan! Did they?\n\nNew paragraph here."
    hit = text.index("agreed")
    assert unit_ranges(text, [(hit, hit + 6)], "sentence") == [(30, 54)]
    assert text[30:54] == "They agreed on the plan!"
    spanning = (text.index("officials"), text.index("They") + 4)
    assert unit_ranges(text, [spanning], "sentence") == [(0, 54)]
    assert unit_ranges(text, [(hit, hit + 6), (hit + 10, hit + 14)], "paragraph") == [(0, 64)]
    assert unit_ranges(text, [(3, 5), (3, 5)], "match") == [(3, 5)]


def test_patterns_are_literal_unless_regex_and_bad_ones_are_errors() -> None:
    def found(pattern: TextPattern, text: str) -> list[str]:
        return [text[m.start() : m.end()] for m in pattern.finditer(text)]

    assert found(compile_pattern("U.S.", regex=False, ignore_case=False), "U.S. USAS") == ["U.S."]
    assert found(compile_pattern("u.s", regex=True, ignore_case=True), "U.S. UXS") == [
        "U.S",
        "UXS",
    ]
    with pytest.raises(TuiReaderError, match="the pattern is empty"):
        compile_pattern("", regex=False, ignore_case=False)
    with pytest.raises(TuiReaderError, match="not a regular expression"):
        compile_pattern("(", regex=True, ignore_case=False)


def test_a_literal_pattern_finds_an_accent_however_the_text_encodes_it() -> None:
    def found(pattern: TextPattern, text: str) -> list[str]:
        return [text[m.start() : m.end()] for m in pattern.finditer(text)]

    text = "Les e\u0301migre\u0301s; les émigrés; LES ÉMIGRÉS."
    pattern = compile_pattern("émigrés", regex=False, ignore_case=True)
    assert len(found(pattern, text)) == 3
    assert len(found(compile_pattern("e\u0301migre\u0301s", False, False), text)) == 2


def test_autocode_adds_tags_to_passages_coded_already(corpus_copy: Path, tmp_path: Path) -> None:
    workspace = Workspace(corpus_copy, tmp_path / "annotations.json")
    try:
        keys = workspace.keys()
        pentagon = re.compile("Pentagon")
        first = autocode(workspace, keys, pentagon, ["military"])
        assert first.coded > 0 and first.unreadable == []
        assert autocode(workspace, keys, pentagon, ["military"]).coded == 0  # idempotent
        again = autocode(workspace, keys, pentagon, ["military", "us"])
        assert again.coded == first.coded  # the same passages, one tag more
        tags = {a.tags for a in workspace.store.annotations()}
        assert tags == {("military", "us")}
    finally:
        workspace.store.close()
