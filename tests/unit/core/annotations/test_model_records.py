"""An annotation read from a stored record is the one its constructor makes from it (the fast
construction skips the dataclass's __init__), and a bad record fails as it always did."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import (
    AnchorStatus,
    Annotation,
    are_code_paths,
    code_names,
)
from tui_reader.core.codebook.tag_field import normalise_tag


def constructed(record: dict[str, Any], default_coder: str = "") -> Annotation:
    """What from_record made before: the dataclass's own constructor."""
    return Annotation(
        id=str(record["id"]),
        document=str(record["document"]),
        start=int(record["start"]),
        end=int(record["end"]),
        quote=str(record["quote"]),
        prefix=str(record.get("prefix", "")),
        suffix=str(record.get("suffix", "")),
        doc_sha256=str(record.get("doc_sha256", "")),
        tags=_codes(
            (record["tags"],)
            if isinstance(record.get("tags"), str) and record["tags"]
            else tuple(str(t) for t in record.get("tags") or ())
        ),
        note=str(record.get("note", "")),
        created=str(record.get("created", "")),
        updated=str(record.get("updated", "")),
        status=AnchorStatus(record.get("status", AnchorStatus.ANCHORED)),
        coder=str(record.get("coder") or default_coder),
        revision=record.get("revision", 0),
    )


def _codes(names: tuple[str, ...]) -> tuple[str, ...]:
    """The codes a record's names are read as: each level stripped, its runs of spaces one,
    the empty ones left out, accents composed, a name left with none no code; each code
    once, when one name was read otherwise."""
    paths = tuple(
        unicodedata.normalize("NFC", "/".join(filter(None, (_level(p) for p in n.split("/")))))
        for n in names
    )
    return names if paths == names and all(paths) else tuple(dict.fromkeys(filter(None, paths)))


def _level(text: str) -> str:
    return re.sub(" +", " ", text.strip())


_ANY = st.one_of(st.text(max_size=6), st.integers(-3, 10**6), st.none(), st.booleans())
_FIELDS = {
    "id": st.text(max_size=8) | st.integers(),
    "document": st.text(max_size=8),
    "start": st.integers(0, 10**6) | st.text("12 ", max_size=3),
    "end": st.integers(0, 10**6),
    "quote": st.text(max_size=8),
    "prefix": _ANY,
    "suffix": st.text(max_size=8),
    "doc_sha256": st.text("0123456789abcdef", max_size=8),
    "tags": st.lists(
        st.text(" a/\u0301", max_size=5) | st.text(max_size=5) | st.integers(), max_size=3
    )
    | st.text(max_size=3),
    "note": _ANY,
    "created": st.text(max_size=8),
    "updated": st.text(max_size=8),
    "status": st.sampled_from([*AnchorStatus, *(s.value for s in AnchorStatus), "lost", 3]),
    "coder": st.sampled_from(["", "ana", None]),
    "revision": st.integers(-2, 5) | st.booleans() | st.just("1"),
}
_RECORDS = st.fixed_dictionaries({}, optional=_FIELDS)


@settings(max_examples=examples(300))
@given(_RECORDS, st.sampled_from(["", "root"]))
def test_from_record_is_the_constructor(record: dict[str, Any], default_coder: str) -> None:
    try:
        expected = constructed(record, default_coder)
    except Exception as exc:  # the same kind of failure, with the same message
        with pytest.raises(type(exc)) as raised:
            Annotation.from_record(record, default_coder)
        assert str(raised.value) == str(exc)
        return
    revision = record.get("revision", 0)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        with pytest.raises(ValueError):
            Annotation.from_record(record, default_coder)
        return
    found = Annotation.from_record(record, default_coder)
    assert found == expected
    assert hash(found) == hash(expected)
    assert repr(found) == repr(expected)
    assert dataclasses.asdict(found) == dataclasses.asdict(expected)
    assert found.evolve(note="x") == expected.evolve(note="x")
    assert type(found.status) is AnchorStatus


def test_a_stored_record_round_trips() -> None:
    annotation = Annotation("doc.txt", 3, 9, "passage", tags=("a", "b/c"), note="n", coder="ana")
    assert Annotation.from_record(annotation.to_record()) == annotation
    with pytest.raises(dataclasses.FrozenInstanceError):
        Annotation.from_record(annotation.to_record()).start = 4  # type: ignore[misc]


def test_tags_given_as_a_string_are_one_tag_not_its_letters() -> None:
    record = {"id": "x", "document": "a.txt", "start": 0, "end": 1, "quote": "a"}
    assert Annotation.from_record({**record, "tags": "a,b"}).tags == ("a,b",)
    assert Annotation.from_record({**record, "tags": ""}).tags == ()
    assert Annotation.from_record({**record, "tags": None}).tags == ()
    assert Annotation.from_record({**record, "tags": ["a", 2]}).tags == ("a", "2")


@pytest.mark.parametrize("tags", [[None], [{"a": 2}], ["a", True], [["x"]], {"a": 2}, 5], ids=repr)
def test_tags_that_name_no_code_make_the_record_unreadable(tags: object) -> None:
    """A null, an object, true or a list among the tags (a file edited by hand) was read as
    the code "None", "{'a': 2}", "True" or "['x']"; an import refuses them, and reading the
    record now fails, naming the value, as for a start that is no number."""
    record = {"id": "x", "document": "a.txt", "start": 0, "end": 1, "quote": "a"}
    with pytest.raises(ValueError, match="tags"):
        Annotation.from_record({**record, "tags": tags})


def test_codes_edited_by_hand_are_read_as_an_import_reads_them() -> None:
    """A code written by hand with an empty level or spaces around one ("x/", "a//b",
    " a / b") is the code an import makes of it, a name with no level no code, each once."""
    record = {"id": "x", "document": "a.txt", "start": 0, "end": 1, "quote": "a"}
    read = Annotation.from_record({**record, "tags": ["x/", "", "a//b", " a / b ", "/", 5]})
    assert read.tags == ("x", "a/b", "5")
    assert Annotation.from_record({**record, "tags": "x/"}).tags == ("x",)
    assert Annotation.from_record({**record, "tags": ["a", "a"]}).tags == ("a", "a")


def test_a_code_stored_with_two_spaces_in_a_level_is_the_code_typed_so() -> None:
    """A code imported or edited in as "two  words" (or its accent stored decomposed) kept
    its two spaces, while the same name typed, in the app, annotate or a query, was "two
    words": a query of the name typed found nothing, and the codebook listed the two apart."""
    record = {"id": "x", "document": "a.txt", "start": 0, "end": 1, "quote": "a"}
    read = Annotation.from_record({**record, "tags": ["two  words", "a/ b   c ", "pe\u0301e"]})
    assert read.tags == ("two words", "a/b c", "p\u00e9e")
    assert Annotation.from_record({**record, "tags": ["x  y", "x y"]}).tags == ("x y",)


@given(st.text(" \tab/\u0301\u00e9", max_size=10))
def test_a_name_is_one_code_stored_or_typed(name: str) -> None:
    """The one rule of a code's name: what the store reads of a stored name is what a field
    makes of the same name typed (a typed tab is refused, not stripped: left out here)."""
    typed = normalise_tag(name)
    if "\t" not in typed:
        assert code_names((name,)) == ((typed,) if typed else ())


@settings(max_examples=examples(200))
@given(st.lists(st.text(" a/", max_size=5) | st.text(max_size=4), max_size=6), st.integers(1, 3))
def test_names_are_code_paths_when_each_is_read_as_it_is(names: list[str], copies: int) -> None:
    """Many records' names told at once, each name once, given as a list or as they come
    (a column's names chained): true exactly when each name is the code it is read as."""
    names = [n for n in names if "\n" not in n]  # (one with a line break: read the slow way)
    expected = all(n and _codes((n,)) == (n,) for n in names)  # ("": no code at all)
    many = names * copies
    assert are_code_paths(many) == expected
    assert are_code_paths(iter(many)) == expected
    assert are_code_paths(tuple(many)) == expected


_FIELDS = [f.name for f in dataclasses.fields(Annotation)]


@settings(max_examples=examples(60), deadline=None)
@given(
    changes=st.dictionaries(
        st.sampled_from(_FIELDS),
        st.one_of(st.text(max_size=5), st.integers(0, 9), st.tuples(st.text(max_size=3))),
        max_size=4,
    )
)
def test_an_evolved_annotation_is_the_one_replace_makes(changes: dict[str, Any]) -> None:
    """evolve sets the fields at once: the copy is dataclasses.replace's, field for field, and
    the original is untouched."""
    original = Annotation("d.txt", 1, 4, "abc", tags=("x",), note="n", coder="ana")
    before = dataclasses.asdict(original)
    evolved = original.evolve(**changes)
    expected = dataclasses.replace(original, **changes)
    assert dataclasses.asdict(evolved) == dataclasses.asdict(expected)
    assert evolved == expected and type(evolved) is Annotation
    assert dataclasses.asdict(original) == before


def test_evolving_a_field_an_annotation_has_not_fails_as_replace_does() -> None:
    with pytest.raises(TypeError):
        Annotation("d.txt", 1, 4, "abc").evolve(page=3)
