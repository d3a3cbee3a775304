"""A code typed with what cannot be part of one is refused, saying what it holds."""

from __future__ import annotations

import os

import pytest

from tui_reader.core.codebook.names import check_typed_tag_names
from tui_reader.core.errors import TagNameError


def test_a_code_typed_on_a_latin1_terminal_is_said_to_hold_bytes_not_utf8() -> None:
    # "señal" typed where the terminal is Latin-1 reaches the command as 'se\udcf1al': it
    # was refused as holding "a control character, line break or direction mark".
    typed = os.fsdecode("se\xf1al".encode("latin-1"))
    with pytest.raises(TagNameError, match="holds bytes that are not UTF-8"):
        check_typed_tag_names([typed], ())
    with pytest.raises(TagNameError, match="a control character, line break or direction"):
        check_typed_tag_names(["a\x1b[31mb"], ())
    check_typed_tag_names(["señal", typed], [typed])  # a code there already is taken


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\ufeff", "\u00ad"])
def test_a_code_typed_with_an_invisible_character_is_refused(hidden: str) -> None:
    # "border\u200bsecurity" pasted from a web page was a code of its own, shown just as
    # "bordersecurity" beside it, each with its own passages
    typed = f"border{hidden}security"
    with pytest.raises(TagNameError, match=r"an invisible character .*cannot be part of a code"):
        check_typed_tag_names([typed], ["bordersecurity"])
    check_typed_tag_names([typed], [typed])  # a code there already is kept, can be renamed
    check_typed_tag_names(
        ["emoji/\U0001f469\u200d\U0001f4bb", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"], ()
    )


def test_a_code_too_long_to_be_typed_is_refused_in_one_short_line() -> None:
    """A 100,000-character code (a paste gone wrong) was taken, and every CSV header and
    ``tags`` line carried it since.  A code typed may be 1,000 characters, a level 200."""
    from tui_reader.core.codebook.names import TAG_LEVEL_LENGTH, TAG_NAME_LENGTH

    level = "x" * TAG_LEVEL_LENGTH
    check_typed_tag_names([level, "/".join([level[:199]] * 5)], ())  # at the limits
    for long in ("x" * 100_000, level + "x", "/".join([level[:199]] * 5) + "/y"):
        with pytest.raises(TagNameError) as refused:
            check_typed_tag_names([long], ())
        said = str(refused.value)
        assert len(said) < 200 and "\n" not in said and f"{len(long):,} characters" in said
        assert f"at most {TAG_NAME_LENGTH:,} characters, each level" in said
        check_typed_tag_names([long], [long])  # a code there already is kept
