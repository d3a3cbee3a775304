"""Parsing and completing the tags field (core/tagging.py)."""

from __future__ import annotations

import unicodedata

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.codebook.tag_field import (
    as_in_codebook,
    complete_last_tag,
    empty_levels_said,
    format_tags,
    matching_tags,
    next_completion,
    normalise_tag,
    parse_tags,
    replace_last_tag,
    spelled_nearly,
)

CODEBOOK = ["protest", "policy/militarization", "policy/aid", "migration", "Mexico"]


def test_normalise_tag() -> None:
    assert normalise_tag("  policy /  militarization ") == "policy/militarization"
    assert normalise_tag(" a / /b ") == "a/b"
    assert normalise_tag("human   rights") == "human rights"
    assert normalise_tag(" / ") == ""


def test_parse_tags_order_duplicates_and_codebook_spelling() -> None:
    assert parse_tags("Protest, new tag,, protest , mexico", CODEBOOK) == (
        "protest",
        "new tag",
        "Mexico",
    )
    assert parse_tags("") == ()
    assert parse_tags(" , ,") == ()


def test_a_tag_with_its_accents_encoded_otherwise_is_the_same_tag() -> None:
    """``Sécurité`` pasted from a PDF (``e`` and a combining accent) made a second code that
    looked like the first."""
    decomposed = unicodedata.normalize("NFD", "Sécurité")
    assert decomposed != "Sécurité"
    assert normalise_tag(decomposed) == "Sécurité"
    assert parse_tags(decomposed, ["Sécurité/x"]) == ("Sécurité",)
    assert as_in_codebook([decomposed.upper()], ["Sécurité"]) == ("Sécurité",)
    assert as_in_codebook([decomposed], []) == ("Sécurité",)  # a new tag, composed
    assert as_in_codebook(["Sécurité"], [decomposed]) == (decomposed,)  # as the codebook has it


def test_a_tag_typed_with_the_letters_a_compatibility_letter_stands_for_is_the_same_tag() -> None:
    """``džemal`` typed in the tag field made a second code beside ``ǅemal`` (U+01C5)."""
    assert parse_tags("džemal", ["\u01c5emal"]) == ("\u01c5emal",)
    assert as_in_codebook(["\u01c5EMAL", "Džemal"], ["džemal"]) == ("džemal",)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.text(alphabet="ab/ ,", max_size=8), max_size=6))
def test_parse_format_round_trip(pieces: list[str]) -> None:
    tags = parse_tags(",".join(pieces))
    assert parse_tags(format_tags(tags)) == tags
    assert all(t and "," not in t and not t.startswith("/") and not t.endswith("/") for t in tags)


def test_complete_last_tag() -> None:
    assert complete_last_tag("pro", CODEBOOK) == "protest"
    # as a shell completes a word: what the tags it begins have in common
    assert complete_last_tag("protest, pol", CODEBOOK) == "protest, policy/"
    assert complete_last_tag("protest, policy/m", CODEBOOK) == "protest, policy/militarization"
    assert complete_last_tag("protest, policy/a", CODEBOOK) == "protest, policy/aid"
    # typed case is kept as is, the rest comes from the codebook
    assert complete_last_tag("MIG", CODEBOOK) == "MIGration"
    # nothing to complete: empty item, full name, unknown, or already in the field
    assert complete_last_tag("protest, ", CODEBOOK) is None
    assert complete_last_tag("protest", CODEBOOK) is None
    assert complete_last_tag("zzz", CODEBOOK) is None
    assert complete_last_tag("protest, pro", CODEBOOK) is None


def test_a_whole_name_typed_is_not_completed_further() -> None:
    """ "violence" typed, with violence/state in the codebook, showed "/state" greyed after it
    while enter took "violence": a name typed whole is offered no longer one, so the field
    shows what enter takes (the longer names are still listed below it)."""
    codebook = ["violence", "violence/state", "Vote"]
    assert complete_last_tag("viol", codebook) == "violence"
    assert complete_last_tag("violence", codebook) is None
    assert complete_last_tag("protest, VIOLENCE", codebook) is None
    assert complete_last_tag("violence/", codebook) == "violence/state"
    assert complete_last_tag("vote", ["votes", "Vote"]) is None
    assert matching_tags("violence", codebook) == ["violence", "violence/state"]


def test_completion_is_a_shells_the_shortest_tag_or_the_common_prefix_then_the_next() -> None:
    """``mil`` completed to ``militarization/patrols``, the more used, where
    ``militarization`` is a code too: enter then took the longer one.  As a shell completes,
    to what the tags begun have in common, then the next on each press again."""
    codebook = ["militarization/patrols", "militarization", "Militia", "migration"]
    assert complete_last_tag("mil", codebook[:2]) == "militarization"
    assert complete_last_tag("mil", codebook) == "milit"
    assert complete_last_tag("milit", codebook) == "militarization/patrols"  # no more in common
    assert complete_last_tag("mi", codebook) == "militarization/patrols"
    assert next_completion("mil", "militarization", codebook[:2]) == "militarization/patrols"
    assert next_completion("mil", "militarization/patrols", codebook[:2]) == "militarization"
    assert next_completion("a, milit", "a, militarization/patrols", codebook) == "a, militarization"
    assert next_completion("a, milit", "a, militarization", codebook) == "a, Militia"
    assert next_completion("a, milit", "a, Militia", codebook) == "a, militarization/patrols"
    assert next_completion("pro", "protest", CODEBOOK) is None  # the one tag it completes to
    assert next_completion("militarization, mil", "militarization, militarization/patrols",
                           codebook[:2]) is None  # fmt: skip


def test_matching_tags_prefix_then_level_then_substring() -> None:
    assert matching_tags("mi", CODEBOOK) == ["migration", "policy/militarization"]
    assert matching_tags("xic", CODEBOOK) == ["Mexico"]
    assert matching_tags("protest, ", CODEBOOK) == CODEBOOK[1:]
    assert matching_tags("", CODEBOOK, limit=2) == CODEBOOK[:2]


def test_a_tag_spelled_as_typed_leads_its_group() -> None:
    """ "fear" typed offered actors/fearmongers first (its order's), and → took it, though
    emotion/fear is spelled so; "us" typed offered usa before us (used more)."""
    codebook = ["actors/fearmongers", "emotion/Fear", "group0/code 42", "group4/code 4"]
    assert matching_tags("fear", codebook)[0] == "emotion/Fear"
    assert matching_tags("code 4", codebook) == ["group4/code 4", "group0/code 42"]
    assert matching_tags("policy, us", ["usa", "us", "actors/us"]) == ["us", "usa", "actors/us"]
    assert matching_tags("fe", codebook) == ["actors/fearmongers", "emotion/Fear"]  # as before


def test_replace_last_tag() -> None:
    assert replace_last_tag("protest, mil", "policy/militarization") == (
        "protest, policy/militarization, "
    )
    assert replace_last_tag("mi", "migration") == "migration, "


def test_a_codebook_code_holding_a_comma_is_taken_whole() -> None:
    codebook = ["Fear, anxiety", "a, b, c", "b"]
    assert parse_tags("Fear, anxiety, protest", codebook) == ("Fear, anxiety", "protest")
    assert parse_tags("x, A ,B,  c", codebook) == ("x", "a, b, c")  # the longest run first
    assert parse_tags("a, b", codebook) == ("a", "b")  # no such code: two
    assert parse_tags("Fear, anxiety", []) == ("Fear", "anxiety")


def test_a_code_typed_below_a_code_spelled_otherwise_goes_under_that_code() -> None:
    """``FEAR/x`` typed where the codebook has ``Fear`` made a second top-level code ``FEAR``
    beside ``Fear`` (two codes a query takes as one); it is ``Fear/x`` now, as ``FEAR`` alone
    is ``Fear``; the deepest code it is under gives the spelling, its own levels as typed."""
    codebook = ["Fear", "policy/Militarization", "émotion/peur"]
    assert as_in_codebook(["FEAR/x"], codebook) == ("Fear/x",)
    assert as_in_codebook(["POLICY/militarization/Navy"], codebook) == (
        "policy/Militarization/Navy",
    )
    assert as_in_codebook(["ÉMOTION/Joie", "Émotion"], codebook) == ("émotion/Joie", "émotion")
    assert parse_tags("fear/x, Fear/X", codebook) == ("Fear/x",)  # one code
    assert as_in_codebook(["other/x"], codebook) == ("other/x",)
    # and the new code is not said to be spelled nearly like the one it is under
    assert spelled_nearly("Fear/x", codebook) is None
    assert spelled_nearly("Fea", ["Fea/x", "Feat"]) == "Feat"  # (a code above: none either)
    assert spelled_nearly("Fearr", codebook) == "Fear"


def test_a_new_code_beside_another_under_the_same_code_is_weighed_by_its_own_name() -> None:
    """Fear/y set beside Fear/x was said to be "spelled nearly like it" (their whole names
    alike), and so actors/uk beside actors/us: their own names differ; a letter amiss in a
    name of their own is still said."""
    codebook = ["Fear/x", "actors/us", "migracion/viaje", "wave1"]
    assert spelled_nearly("Fear/y", codebook) is None
    assert spelled_nearly("actors/uk", codebook) is None
    assert spelled_nearly("migracion/viajes", codebook) == "migracion/viaje"
    assert spelled_nearly("migración/viaje", codebook) == "migracion/viaje"
    assert spelled_nearly("wave2", codebook) == "wave1"
    assert spelled_nearly("Fearx", codebook) == "Fear/x"  # not under one code: as it was
    assert spelled_nearly("Fear/y", []) is None


def test_an_empty_level_dropped_is_said_and_a_trailing_slash_is_not() -> None:
    assert empty_levels_said(" a / /b ") == (
        "' a / /b ' has an empty level between two '/' (a '/' parts a code's levels): "
        "taken as 'a/b'"
    )
    assert empty_levels_said('=HYPERLINK("http://x")') is not None
    assert all(empty_levels_said(n) is None for n in ("a/b", "fear/", "/fear", " a / b "))


@given(st.text(alphabet="ab/ ", max_size=12))
def test_an_empty_level_is_said_whenever_the_name_loses_a_level_inside(raw: str) -> None:
    inside = [level.strip() for level in raw.strip().strip("/ ").split("/")]
    assert (empty_levels_said(raw) is None) == all(inside) or not normalise_tag(raw)
