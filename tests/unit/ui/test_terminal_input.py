"""The terminal driver's input decoder while the app runs (:func:`tolerant_input`)."""

from __future__ import annotations

import codecs

import pytest
from textual.drivers import linux_driver

from tui_reader.ui.terminal_input import tolerant_input


def test_bytes_not_utf8_are_replaced_and_a_character_split_across_reads_kept() -> None:
    with tolerant_input():
        decode = linux_driver.getincrementaldecoder("utf-8")().decode
        assert decode(b"caf\xe9 \x9b") == "caf\ufffd \ufffd"
        assert decode(b"\xe2\x82") == ""  # a euro sign's start: waits for its end
        assert decode(b"\xac ok") == "\u20ac ok"
        assert decode(b"\xe2\x82", final=True) == "\ufffd"


def test_the_driver_s_own_decoder_is_back_afterwards() -> None:
    with tolerant_input():
        pass
    assert linux_driver.getincrementaldecoder is codecs.getincrementaldecoder
    with pytest.raises(UnicodeDecodeError):
        linux_driver.getincrementaldecoder("utf-8")().decode(b"\x9b")
