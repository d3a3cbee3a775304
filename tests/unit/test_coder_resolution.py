"""Who is coding: --coder > $TUI_READER_CODER > the login name; names cleaned of controls."""

from __future__ import annotations

import getpass

import pytest

from tui_reader.locations import (
    ENV_CODER,
    FALLBACK_CODER,
    CoderNameError,
    coder_name,
    coder_name_change,
    resolve_coder,
)


def test_flag_beats_environment_beats_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "login")
    assert resolve_coder("ana", {ENV_CODER: "ben"}) == "ana"
    assert resolve_coder(None, {ENV_CODER: "ben"}) == "ben"
    assert resolve_coder(None, {}) == "login"


def test_no_login_name_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert resolve_coder(None, {ENV_CODER: "\x1b\x07 "}) == FALLBACK_CODER


def test_names_lose_controls_and_extra_spaces() -> None:
    assert coder_name("  Ana\x1b[2J  María\n") == "Ana[2J María"
    assert coder_name("x" * 100) == "x" * 64
    assert coder_name("bob\u202e") == "bob"  # no bidi override reaches the screen


def test_a_flag_with_nothing_visible_is_refused() -> None:
    with pytest.raises(CoderNameError, match="not a coder name"):
        resolve_coder(" \t\x00 ", {})


def test_what_cleaning_did_to_a_name_is_told() -> None:
    assert coder_name_change("  Ana  María ") is None
    assert "control characters" in str(coder_name_change("Ana\x1b[2J"))
    assert "control characters" in str(coder_name_change("bob\u202e"))
    assert "longer than 64" in str(coder_name_change("x" * 65))
    assert coder_name_change("\x1b\x07") == "has no visible characters"


@pytest.mark.parametrize(
    ("value", "coder"),
    [
        ("Jos\udce9", "José"),  # b"Jos\xe9", set on a Latin-1 terminal
        ("Jos\udcc3\udca9", "José"),  # UTF-8, read as ASCII (LC_ALL=C, PYTHONUTF8=0)
        ("Jos\udce9\udcc3\udca9", "Joséé"),  # a stray byte, then UTF-8: each as it is
    ],
)
def test_a_coder_set_in_the_environment_on_a_terminal_not_utf8_is_read_as_typed(
    value: str, coder: str
) -> None:
    """$TUI_READER_CODER=José set on a Latin-1 terminal was "Jos": its é, a byte that is no
    UTF-8, taken for a control character and left out."""
    from tui_reader.locations import resolve_coder

    assert resolve_coder(env={"TUI_READER_CODER": value}) == coder
