"""Reading RTF: tokens, groups and destinations; what the text means is written by a subclass.

Groups carry the character and paragraph state (:class:`RtfState`); destinations that hold
no text of the document (font, colour and style tables, pictures, unknown
``\\*`` groups) are read for what they define or skipped.  ``\\uN`` (with ``\\ucN``) and
``\\'hh`` (in the code page of ``\\ansicpgN`` or of the font's charset) become text.  Bad
input never raises: unbalanced braces, truncated words and deep nesting are read as far as
they make sense.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tui_reader.core.documents.formats.builder import superscript
from tui_reader.core.documents.formats.rtf_words import (
    BREAKS,
    CHARSETS,
    HANDLED,
    HYPERLINK,
    INFO_FIELDS,
    MAX_DEPTH,
    RUNNING,
    SHOWN_LEFT_OUT,
    SKIPPED,
    SYMBOLS,
    TOKEN,
    known_codec,
)
from tui_reader.core.documents.formats.symbol_fonts import is_symbol_font, symbol_text


@dataclass(frozen=True, slots=True)
class RtfState:
    """What a group carries: its destination and the character and paragraph properties."""

    dest: str = ""  # "" = the document's text; else the destination being read
    skip: bool = False
    bold: bool = False
    italic: bool = False
    strike: bool = False
    hidden: bool = False
    caps: bool = False  # \caps: All Caps, shown in capitals
    codec: str = ""  # the font's code page ("" = the document's)
    symbol: str = ""  # the symbol font (Symbol, Wingdings) the text is set in, if it is one
    raised: bool = False  # \super, \up: a superscript
    uc: int = 1
    style: int = 0
    outline: int = -1
    intbl: bool = False
    ilvl: int = 0
    listed: bool = False  # \lsN: the paragraph is a list item
    # \upr: a text told twice, in the document's code page and in Unicode (its \ud group),
    # as Word writes a title or an author in other letters; a group right inside it.
    upr: bool = False
    in_upr: bool = False


class RtfReader:
    """Reads an RTF document's tokens; a subclass writes what they mean (the hooks below)."""

    def __init__(self) -> None:
        self.codec = "cp1252"
        self.fonts: dict[int, str] = {}  # font number -> its code page
        self.font_names: dict[int, str] = {}  # font number -> its name, as the table spells it
        self.font = 0  # the font being defined in the font table
        self.styles: dict[int, str] = {}  # paragraph style number -> its name (lower case)
        self.metadata: dict[str, str | int] = {}
        # One open group per entry: its state and what to do when it closes.
        self.stack: list[tuple[RtfState, Callable[[], None] | None]] = []
        self.state = RtfState()
        self.closing: Callable[[], None] | None = None
        self.overflow = 0  # groups opened beyond the depth limit
        self.group_start = False  # no token yet in the group just opened
        self.ignorable = False  # after \\*: an unknown destination holds no text
        self.deferred = ""  # white space at the start of a group, until its first word
        self.capture: list[str] | None = None  # where the text of a destination goes
        # Characters still to skip after \\uN, bytes of \\'hh waiting to be decoded.
        self.skip_chars = 0
        self.pending_bytes = bytearray()
        self.high_surrogate = ""
        # Words (hidden, deleted) or a picture left out since the last text written.
        self.dropped = False
        self.link = ""  # the target of the HYPERLINK field being read
        # A table's row defined (\trowd) and not yet ended (\row): its paragraphs are its
        # cells, \intbl or not (some writers leave it out: their tables ran into one line).
        self.in_row = False
        self.merge_next = ""  # the merge the next cell defined has (clvmgf, clvmrg) or ""
        # The section being read: its headers' and footers' text by destination
        # ("headerf": its first page's), and whether its first page has its own (\titlepg).
        self.running: dict[str, str] = {}
        self.title_page = False

    # -- hooks: what the text means, written by a subclass ----------------------------------
    write: Callable[[str], None]  # text of the document, in the state ``self.state``
    end_paragraph: Callable[[], None]
    end_cell: Callable[[], None]
    end_row: Callable[[], None]
    define_row: Callable[[], None]  # ``\trowd``: a row's definition begins
    define_cell: Callable[[], None]  # ``\cellx``: a cell defined (its merge: merge_next)
    into_table: Callable[[], None]  # ``\intbl``: the paragraph being written is in a table
    field_result: Callable[[], None]  # a field's result starts (``self.link``: its target)
    start_footnote: Callable[[], None]
    comment_author: Callable[[str], None]  # ``{\*\atnauthor ...}``: of the next comment
    start_comment: Callable[[], None]  # ``{\*\annotation ...}``: a comment's text
    footnote_reference: Callable[[], None]  # ``\chftn``: the number of the next footnote
    list_marker: Callable[[str], None]  # a list item's marker, as in ``{\listtext}``
    finish: Callable[[], None]  # the document has been read

    # -- tokens ---------------------------------------------------------------------------

    def read(self, text: str) -> None:
        pos = 0
        while pos < len(text):
            pos = self.read_from(text, pos)
        self.flush_bytes()
        while self.stack:
            self.close_group()
        self.finish()

    def read_from(self, text: str, pos: int) -> int:
        """Read tokens from ``pos``; return where to go on (past ``\\bin`` data), or the end."""
        for match in TOKEN.finditer(text, pos):
            kind = match.lastindex
            if kind == 3:
                self.byte(int(match.group(3), 16))
                continue
            if self.pending_bytes:
                self.flush_bytes()
            if kind == 6:
                self.chars(match.group(6))
            elif kind == 1 or kind == 2:
                word, param = match.group(1, 2)
                value = int(param) if param is not None else None
                if word == "bin" and value is not None:
                    return match.end() + max(0, value)  # raw binary data: never text
                self.control(word, value)
            elif kind == 5:
                if match.group(5) == "{":
                    self.open_group()
                else:
                    self.close_group()
                    if not self.stack and not self.overflow:
                        return len(text)  # the document's group closed: the rest is not RTF
            elif kind == 4:
                self.control_symbol(match.group(4))
        return len(text)

    def open_group(self) -> None:
        self.skip_chars = 0
        self.flush_deferred()
        if len(self.stack) >= MAX_DEPTH:
            self.overflow += 1
            return
        self.stack.append((self.state, self.closing))
        self.closing = None
        self.group_start = True
        self.ignorable = False
        if self.state.upr:  # the code page's telling, skipped, unless it is the \ud group
            self.state = replace(self.state, upr=False, in_upr=True, skip=True)

    def close_group(self) -> None:
        self.skip_chars = 0
        self.flush_deferred()
        if self.overflow:
            self.overflow -= 1
            return
        if not self.stack:
            return
        closing = self.closing
        self.state, self.closing = self.stack.pop()
        self.group_start = self.ignorable = False
        if closing is not None:
            closing()

    def chars(self, text: str) -> None:
        if self.skip_chars:
            dropped = min(self.skip_chars, len(text))
            self.skip_chars -= dropped
            text = text[dropped:]
        if self.group_start:
            if text.isspace():  # "{ \fonttbl": the destination is still to come
                self.deferred += text
                return
            if text.startswith("*"):  # "{*\generator": a \* that lost its backslash
                self.ignorable = True
                return
        self.flush_deferred()
        self.ignorable = False
        if text:
            self.emit(text)

    def flush_deferred(self) -> None:
        self.group_start = False
        if self.deferred:
            text, self.deferred = self.deferred, ""
            self.emit(text)

    def byte(self, value: int) -> None:
        if self.skip_chars:
            self.skip_chars -= 1
            return
        self.pending_bytes.append(value)

    def flush_bytes(self) -> None:
        if self.pending_bytes:
            data = bytes(self.pending_bytes)
            self.pending_bytes.clear()
            self.emit(data.decode(self.state.codec or self.codec, errors="replace"))

    def control_symbol(self, symbol: str) -> None:
        if symbol == "*":
            self.ignorable = True
            return
        self.flush_deferred()
        if symbol in "\\{}":
            self.chars(symbol)
        elif symbol == "~":
            self.emit("\u00a0")
        elif symbol == "_":
            self.emit("-")
        elif symbol in "\r\n":
            self.control("par", None)

    def control(self, word: str, param: int | None) -> None:
        if word not in HANDLED and not self.group_start and not self.ignorable:
            self.skip_chars = 0  # most words set what is not kept (fonts sizes, colours, ...)
            return
        state = self.state
        if self.group_start:
            self.group_start = False
            if self.destination(word, param):
                self.ignorable = self.group_start = False
                self.deferred = ""
                return
            self.flush_deferred()
        if self.ignorable:  # \* before a word we do not know: the group holds no text
            self.ignorable = False
            self.state = replace(state, skip=True)
            return
        value = 1 if param is None else param
        if word == "u":
            self.unicode(value)
            return
        self.skip_chars = 0
        if word in SYMBOLS:
            self.emit(SYMBOLS[word])
        elif word in BREAKS:
            if state.dest:
                self.emit(" ")  # a paragraph of a footnote or a field: runs on
            elif not state.skip:
                if word == "cell" and self.in_row and not state.intbl:
                    self.state = replace(state, intbl=True)  # its text opens the table
                    self.into_table()
                ending_row = word == "row" and self.in_row
                self.in_row = self.in_row and not ending_row
                getattr(self, BREAKS[word])()
                if ending_row:  # what follows is no cell, \pard or not
                    self.state = replace(self.state, intbl=False)
        elif word == "pard":
            intbl = self.in_row and not state.dest
            self.state = replace(state, style=0, outline=-1, intbl=intbl, ilvl=0, listed=False)
        elif word == "trowd":
            if not state.dest and not state.skip:
                self.in_row = True
                self.state = replace(state, intbl=True)
                self.define_row()
        elif word in ("clvmgf", "clvmrg"):
            self.merge_next = word
        elif word == "cellx":
            self.define_cell()
        elif word == "plain":
            self.state = replace(
                state,
                bold=False,
                italic=False,
                strike=False,
                hidden=False,
                caps=False,
                raised=False,
            )
        elif word in ("super", "sub", "nosupersub", "up", "dn"):
            self.state = replace(state, raised=word == "super" or (word == "up" and value > 0))
        elif word == "b":
            self.state = replace(state, bold=value != 0)
        elif word == "i":
            self.state = replace(state, italic=value != 0)
        elif word in ("strike", "striked"):
            self.state = replace(state, strike=value != 0)
        elif word in ("v", "deleted"):
            # Hidden text, and text deleted with changes tracked (\\deleted: Word shows the
            # document as changed, without it; it was read beside the words put in its place).
            self.state = replace(state, hidden=value != 0)
        elif word == "caps":
            self.state = replace(state, caps=value != 0)
        elif word == "uc":
            self.state = replace(state, uc=max(0, min(value, 10)))
        elif word == "s":
            self.state = replace(state, style=value)
        elif word == "outlinelevel":
            self.state = replace(state, outline=value)
        elif word == "intbl":
            self.state = replace(state, intbl=True)
            self.into_table()
        elif word == "ilvl":
            self.state = replace(state, ilvl=max(0, min(value, 8)))
        elif word == "ls":
            self.state = replace(state, listed=value > 0)
        elif word == "f":
            self.font_word(value)
        elif word == "fcharset" and state.dest == "fonttbl":
            if value in CHARSETS:
                self.fonts[self.font] = CHARSETS[value]
        elif word == "ansicpg" and known_codec(f"cp{value}"):
            self.codec = f"cp{value}"
        elif word == "chftn" and not state.dest and not state.skip:
            self.footnote_reference()
        elif word == "sectd" and not state.dest and not state.skip:  # a section's properties
            self.running, self.title_page = {}, False
        elif word == "titlepg" and not state.dest:
            self.title_page = value != 0
        elif word in ("yr", "mo", "dy") and state.dest == "creatim":
            self.metadata[f"_{word}"] = value

    def font_word(self, number: int) -> None:
        if self.state.dest == "fonttbl":
            self.font = number
            return
        name = self.font_names.get(number, "").strip().rstrip(";").strip()
        if is_symbol_font(name):
            # A symbol font's bytes are its own characters: read one byte a code, as the
            # font's table knows them (they were read as Windows-1252: "a" for "α").
            self.state = replace(self.state, codec="latin-1", symbol=name)
        else:
            self.state = replace(self.state, codec=self.fonts.get(number, ""), symbol="")

    def unicode(self, value: int) -> None:
        unit = value + 65536 if value < 0 else value
        self.skip_chars = self.state.uc
        if 0xD800 <= unit < 0xDC00:
            self.high_surrogate = chr(unit)
            return
        if 0xDC00 <= unit < 0xE000 and self.high_surrogate:
            pair = (self.high_surrogate + chr(unit)).encode("utf-16", "surrogatepass")
            self.high_surrogate = ""
            self.emit(pair.decode("utf-16", errors="replace"))
            return
        self.high_surrogate = ""
        if 0 < unit < 0xD800 or 0xE000 <= unit < 0x110000:
            self.emit(chr(unit))

    # -- destinations ---------------------------------------------------------------------

    def destination(self, word: str, param: int | None) -> bool:
        """Start the destination ``word`` names, if it is one; True when it was."""
        state = self.state
        if word == "ud" and state.in_upr:  # \upr's Unicode telling: read as the group's
            self.state = replace(self.stack[-1][0], upr=False)
            return True
        if state.skip:
            return True
        if word == "upr":
            # Read in Unicode: the code page's telling of a Russian title was '???????'.
            self.state = replace(state, upr=True)
            return True
        if word in RUNNING and not state.dest:
            self.start_capture(lambda text: self.running.__setitem__(word, text))
            return True
        if word in SKIPPED or word in RUNNING:
            self.state = replace(state, skip=True)
            if word in SHOWN_LEFT_OUT and not state.dest:
                self.dropped = True  # a picture left out between two spaces?
            return True
        if word == "fonttbl":
            self.state = replace(state, dest="fonttbl")
            return True
        if word == "stylesheet":
            self.state = replace(state, dest="stylesheet")
            return True
        if state.dest == "stylesheet":
            self.style_entry(word, param)
            return True
        if word in ("info", "creatim"):
            self.state = replace(state, dest=word)
            self.closing = self.info_date if word == "creatim" else None
            return True
        if word in INFO_FIELDS and state.dest == "info":
            self.start_capture(lambda text: self.metadata.setdefault(INFO_FIELDS[word], text))
            return True
        if word == "shpinst":  # a shape, a text box's text in it (its properties skipped)
            return True
        if word == "fldinst":
            self.start_capture(self.field_instruction)
            self.ignorable = False
            return True
        if word == "fldrslt":
            self.field_result()
            return True
        if word == "footnote":
            self.start_footnote()
            return True
        if word == "atnauthor":  # who wrote the comment that follows
            self.start_capture(self.comment_author)
            return True
        if word == "annotation":  # a comment: a note, said to be one
            self.start_comment()
            return True
        if word in ("listtext", "pntext"):
            self.start_capture(self.list_marker)
            return True
        return False

    def style_entry(self, word: str, param: int | None) -> None:
        if word == "s" and param is not None:
            number = param
            self.start_capture(lambda name: self.styles.__setitem__(number, name.lower()))
        else:  # a character or table style, or the default paragraph style (\s0)
            self.start_capture(None)

    def start_capture(self, done: Callable[[str], object] | None) -> None:
        buffer: list[str] = []
        self.state = replace(self.state, dest="capture")
        outer = self.capture
        self.capture = buffer

        def close() -> None:
            self.capture = outer
            text = " ".join("".join(buffer).replace("\t", " ").split()).rstrip(";").strip()
            if done is not None:
                done(text)

        self.closing = close

    def field_instruction(self, text: str) -> None:
        found = HYPERLINK.search(text)
        self.link = found.group(1) if found else ""

    def info_date(self) -> None:
        year, month, day = (self.metadata.pop(f"_{k}", 0) for k in ("yr", "mo", "dy"))
        if isinstance(year, int) and 1000 <= year <= 9999:
            self.metadata["date"] = f"{year:04d}-{int(month) or 1:02d}-{int(day) or 1:02d}"

    def emit(self, text: str) -> None:
        """Text of the current destination: kept when it is the document's (or captured)."""
        state = self.state
        if self.capture is not None and state.dest == "capture":
            if not state.hidden and not state.skip:  # a bookmark's name in a note: not its text
                self.capture.append(text)
            return
        if state.dest == "fonttbl" and not state.skip:  # a font's name
            self.font_names[self.font] = self.font_names.get(self.font, "") + text
            return
        if state.skip or state.hidden or state.dest or not text:
            if state.hidden and not (state.skip or state.dest) and text.strip():
                self.dropped = True  # hidden or deleted words left out between two spaces?
            return
        if state.symbol:
            text = symbol_text(state.symbol, text)
        if state.caps:  # All Caps: Word shows (and prints) it in capitals
            text = text.upper()
        # A superscript's digits raised: they were run into the word before ("E=mc2").
        self.write(superscript(text) if state.raised else text)
