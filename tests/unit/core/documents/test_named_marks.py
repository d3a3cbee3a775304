"""A named mark found again, with the words around it, in the edited text of its file."""

from __future__ import annotations

from tui_reader.core.documents.named_marks import NamedMark

TEXT = "First paragraph here.\n\nThe marked sentence starts here and goes on.\n\nLast one.\n"


def test_a_mark_stays_where_its_text_is_unchanged() -> None:
    at = TEXT.index("marked")
    assert NamedMark.taken(TEXT, at).placed_in(TEXT) == at
    assert NamedMark.taken(TEXT, len(TEXT)).placed_in(TEXT) == len(TEXT)
    assert NamedMark.taken(TEXT, 0).placed_in(TEXT) == 0


def test_a_mark_follows_its_words_when_text_is_added_or_removed_before_it() -> None:
    at = TEXT.index("marked")
    mark = NamedMark.taken(TEXT, at)
    longer = "A preface.\n\n" + TEXT
    assert mark.placed_in(longer) == at + len("A preface.\n\n")
    shorter = TEXT[len("First paragraph here.\n\n") :]
    assert mark.placed_in(shorter) == shorter.index("marked")
    # the words after it changed: found by the words before it
    edited = TEXT.replace("marked sentence starts", "sentence, rewritten,")
    assert mark.placed_in("Preface.\n" + edited) == len("Preface.\n") + at


def test_a_mark_whose_words_are_gone_keeps_its_offset_within_the_text() -> None:
    mark = NamedMark.taken(TEXT, TEXT.index("Last"))
    assert mark.placed_in("short") == len("short")
    assert mark.placed_in("x" * 200) == TEXT.index("Last")


def test_a_damaged_record_is_no_mark() -> None:
    assert NamedMark.from_record({"offset": -1}) is None
    assert NamedMark.from_record({"offset": True}) is None
    assert NamedMark.from_record("12") is None
    assert NamedMark.from_record({"offset": 3, "after": 5}) == NamedMark(3, "", "")
    mark = NamedMark.taken(TEXT, 30)
    assert NamedMark.from_record(mark.as_record()) == mark
