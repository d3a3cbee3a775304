"""A bracketed paste read as one piece of text, whatever it holds.

A terminal sends a paste between ``ESC [200~`` and ``ESC [201~``.  Textual's input reader
keeps the characters between them, but an ``ESC`` inside the paste (text copied from a
coloured terminal, a log holding ``ESC [31m``) starts a key sequence it reads apart: the
characters behind it left the paste and, past 32 of them, came back as keys, typed one by
one into the field.  A 560 KB paste holding 20,000 such escapes grew past 1.2 GB and did not
end.  Here the paste is cut from what the terminal sends before the reader sees it: one
:class:`~textual.events.Paste` whatever is inside, read in time linear in its length, its
control characters (but tab and line ends) shown as their pictures (``␛``), never keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import constants, events
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.message import Message

START = "\x1b[200~"
END = "\x1b[201~"
# each C0 control but tab and the line ends, and DEL, as its picture (U+2400...)
_PICTURES = {c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"} | {0x7F: 0x2421}

_original_feed = XTermParser.feed
_original_tick = XTermParser.tick


def pasted(text: str) -> str:
    """What a paste of ``text`` puts in a field: its controls as their pictures."""
    return text.translate(_PICTURES)


def _tail_of(data: str, marker: str) -> int:
    """How many characters at the end of ``data`` may begin ``marker`` (cut between two
    reads)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


def _feed(self: XTermParser, data: str) -> Iterable[Message]:
    """Textual's reading of ``data``, but for a bracketed paste in it, read here whole."""
    state: dict[str, object] = self.__dict__.setdefault("_pasted", {"held": "", "paste": None})
    if not data:  # the end: what was held goes as it came
        held, paste = str(state["held"]), state["paste"]
        state["held"], state["paste"] = "", None
        if isinstance(paste, list):
            yield events.Paste(pasted("".join([*paste, held])))
        elif held:
            yield from _original_feed(self, held)
        yield from _original_feed(self, data)
        return
    data = str(state["held"]) + data
    state["held"] = ""
    while data:
        paste = state["paste"]
        if not isinstance(paste, list):
            at = data.find(START)
            if at < 0:
                # "ESC [2" at the end of a read may be a paste's start cut in two: held,
                # until the next read or the escape's time limit (the escape key alone)
                keep = _tail_of(data, START)
                state["held"] = data[len(data) - keep :]
                state["since"] = get_time()
                if len(data) > keep:
                    yield from _original_feed(self, data[: len(data) - keep])
                return
            if at:
                yield from _original_feed(self, data[:at])
            state["paste"] = []
            data = data[at + len(START) :]
            continue
        at = data.find(END)
        if at < 0:
            keep = _tail_of(data, END)
            paste.append(data[: len(data) - keep])
            state["held"] = data[len(data) - keep :]
            return
        paste.append(data[:at])
        state["paste"] = None
        yield events.Paste(pasted("".join(paste)))
        data = data[at + len(END) :]


def _tick(self: XTermParser) -> Iterable[Message]:
    """Textual's check of its time limit; the start of a sequence held past that limit outside
    a paste (an escape key pressed alone) goes to the reader then, read as it timed out."""
    state = self.__dict__.get("_pasted")
    if state is not None and state["held"] and not isinstance(state["paste"], list):
        since = state.get("since")
        if isinstance(since, float) and get_time() - since >= constants.ESCAPE_DELAY:
            held, state["held"] = str(state["held"]), ""
            yield from _original_feed(self, held)
            self._timeout_time = 0.0  # its time limit passed already
    yield from _original_tick(self)


def install() -> None:
    """Read every bracketed paste whole, for every terminal reader made from now on (once
    per process)."""
    XTermParser.feed = _feed  # type: ignore[method-assign]
    XTermParser.tick = _tick  # type: ignore[method-assign,assignment]
