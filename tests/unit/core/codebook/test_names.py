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
