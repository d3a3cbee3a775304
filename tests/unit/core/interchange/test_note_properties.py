"""A vault note's properties read as Obsidian and its plugins write them again."""

from __future__ import annotations

from tui_reader.core.interchange.note_properties import (
    body_digest,
    note_parts,
    same_values,
)

OURS = '---\n"tui-reader": "document"\n"title": "A: \\"b\\" — c"\n"age": -5\n"n": 1.0\n---\n\n# A\n'


def test_our_properties_read_as_obsidian_writes_them_again_are_the_same() -> None:
    """Reordered, unquoted, single-quoted, a comment, a number written otherwise, a key
    holding a colon, properties of lists added: each value of ours read the same."""
    ours = note_parts(OURS)
    assert ours is not None and ours.values() == {
        "tui-reader": "document",
        "title": 'A: "b" — c',
        "age": "-5",
        "n": "1.0",
    }
    again = note_parts(
        "---\nage: -5 # years\nattribute:tags: t\nn: 1\ntitle: 'A: \"b\" — c'\n"
        "tags:\n  - x\n\n  - y\naliases: []\ntui-reader: document\n---\n# A\n\n"
    )
    assert again is not None and again.properties is not None
    found = again.values()
    assert found is not None and found["attribute:tags"] == "t"
    assert found["tags"] is None and found["aliases"] is None  # no one-line scalar
    assert [p.lines for p in again.properties if p.key == "tags"] == [
        ("tags:", "  - x", "", "  - y")
    ]
    assert same_values(ours.values() or {}, found)
    assert body_digest(again.body) == body_digest(ours.body)  # the blank lines around aside


def test_a_value_changed_or_not_read_is_not_the_same() -> None:
    ours = note_parts(OURS)
    assert ours is not None
    written = ours.values() or {}
    for front in (
        "age: -6\nn: 1\ntitle: 'A: \"b\" — c'\ntui-reader: document",  # a value changed
        "n: 1\ntitle: 'A: \"b\" — c'\ntui-reader: document",  # one removed
        "age: -5\nn: 1\ntitle: A\n  b — c\ntui-reader: document",  # over two lines
        'age: -5\nn: 1\ntitle: "A: \\x22b\\x22 — c"\ntui-reader: document',  # YAML's escape
    ):
        parts = note_parts(f"---\n{front}\n---\n# A\n")
        found = parts.values() if parts is not None else None
        assert found is None or not same_values(written, found), front
    # A line that is no property, or a key named twice: the front matter not read
    for front in ("age -5", "- x", "age: 1\nage: 2", '"age: 1'):
        parts = note_parts(f"---\n{front}\n---\n")
        assert parts is not None and parts.values() is None, front
    assert note_parts("# A\n---\n") is None and note_parts("---\nage: 1\n") is None


def test_a_text_of_several_lines_written_as_a_block_is_read_as_it_is() -> None:
    """Obsidian writes a property's text of several lines as a literal block (``|-``), and
    a long one may be folded (``>-``): read as the text they hold, as YAML reads them."""
    ours = note_parts('---\n"notes": "line 1\\n  line 2\\n\\nline 4"\n"one": "a b c"\n---\n')
    again = note_parts(
        "---\nnotes: |-\n  line 1\n    line 2\n\n  line 4\none: >-\n  a\n  b c\nkeep: |+\n  x\n\n"
        "clip: |\n  y\n---\n"
    )
    assert ours is not None and again is not None
    written, found = ours.values(), again.values()
    assert written == {"notes": "line 1\n  line 2\n\nline 4", "one": "a b c"}
    assert found is not None and same_values(written, found)
    assert (found["keep"], found["clip"]) == ("x\n\n", "y\n")
