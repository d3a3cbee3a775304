"""Bytes from the terminal that are not UTF-8 are read as U+FFFD, as a pager shows them.

Textual's driver reads the keyboard with a strict UTF-8 decoder (Textual issue #6456, open in
8.2): a paste from a Latin-1 terminal, a lone 0x9b or a character cut short raised
``UnicodeDecodeError`` in its input thread, which stopped the app with a traceback, and a
note being written was lost.  While the app runs, the driver's decoder replaces such bytes.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any


def _replacing(factory: Callable[[str], Any]) -> Callable[[str], Any]:
    """``codecs.getincrementaldecoder`` whose decoders replace what they cannot decode (they
    are made with no ``errors``: strict)."""

    def getincrementaldecoder(encoding: str) -> Any:
        decoder = factory(encoding)
        return lambda errors="replace": decoder(errors)

    return getincrementaldecoder


@contextlib.contextmanager
def tolerant_input() -> Iterator[None]:
    """While in it, the terminal drivers' input decoders replace bytes that are not UTF-8."""
    modules: list[ModuleType] = []
    with contextlib.suppress(ImportError):  # (Windows has neither)
        from textual.drivers import linux_driver, linux_inline_driver

        modules = [linux_driver, linux_inline_driver]
    kept = [(module, module.__dict__.get("getincrementaldecoder")) for module in modules]
    for module, factory in kept:
        if factory is codecs.getincrementaldecoder:
            module.getincrementaldecoder = _replacing(factory)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, factory in kept:
            if factory is not None:
                module.getincrementaldecoder = factory  # type: ignore[attr-defined]
