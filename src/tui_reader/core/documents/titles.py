"""Pick the title a person would name a plain-text document by."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache

from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.turns import (
    find_turns,
    opens_exchange,
    opens_turn,
    program_notice,
    reads_as_transcript,
)
from tui_reader.core.lazy_pattern import LazyPattern

_BULLET = LazyPattern(r"^\s*(?:[•◦▪▫●○■□‣⁃∙·*+\-–—]|\d+[.)])\s")
_CRUMB = LazyPattern(r"\s(?:>|»|›|/|\||::)\s")
_WORD = LazyPattern(r"\w+")
_MAX_SCAN_LINES = 60
_MAX_LINE = 2_000  # code points of a line looked at: no title is longer
_FIRST_CJK = "\u3040"  # no code point below it is Chinese, Japanese or Korean


def _may_open_turn(line: str) -> bool:
    """Whether the stripped ``line`` has what a turn's opening has (:func:`opens_turn`): a
    colon or a tab, a deposition's "Q. ", a name in square or angle brackets or a dash
    between spaces ("[Ana] Hello.", "<ana> hi", "Ana - Hello.": such a transcript was titled
    by its first words)."""
    return (
        ":" in line
        or "\t" in line  # a name a tab ends ("INTERVIEWER<tab>How did you come here?")
        or line.startswith(("Q. ", "A. ", "[", "<"))
        or " - " in line  # (each looked for in C: three strings made and a generator
        or " – " in line  # run for each of them were most of this look, once for every
        or " — " in line  # plain text a first listing reads)
    )


# Captions saved as text (a .txt a meeting's transcript was downloaded as, a SubRip file
# renamed): WebVTT's header, or a cue's timing first, its number above it or not
# ("1" above "00:00:01,000 --> 00:00:03,500", "0:0:0.0 --> 0:0:5.120").
# Looked for from the text's first character that is no space (a pattern opening with \s*
# went back over 2 MB of spaces a character at a time).
_SUBTITLES = LazyPattern(
    r"WEBVTT(?:[ \t][^\n]*)?(?:\n|$)"
    r"|(?:\d+[ \t]*\n[ \t]*)?(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?[ \t]*--?>"
)
_FIRST_CHARACTER = LazyPattern(r"[^\s\ufeff]")
_TURNS_SAMPLE = 64 * 1024
# A time alone on its line, above the turn it times ("00:00:05", "(00:00:05)").
_CLOCK_ALONE = LazyPattern(r"\d{1,2}:\d{2}:\d{2}|\(\d{1,2}:\d{2}:\d{2}\)|\[\d{1,2}:\d{2}:\d{2}\]")
# A line a chat's export opens with a date and a time ("12/05/2023, 10:01 - ...").
_CHAT_STAMP = LazyPattern(
    r"[\[\u200e\u200f]*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:,?[ \t]+|T)\d{1,2}:\d{2}"
)


def _may_open_subtitles(character: str) -> bool:
    """Whether :data:`_SUBTITLES` may match from ``character``: its "W" or a digit (``\\d``,
    as ``str.isdecimal``).  Asked first, the pattern (milliseconds to compile) is compiled
    only for a text that may be captions, not for every plain text's first screen."""
    return character == "W" or character.isdecimal()


def _may_name_speaker(line: str, text: str, end: int) -> bool:
    """Whether the stripped ``line`` ending at ``end`` may name a speaker alone above what
    was said (see :func:`~.turns.find_turns`): a few words, each opening with a capital,
    no full stop after them, and a line of words right below, or below a blank line (each
    line a paragraph, as a Word file's are)."""
    return (
        len(line) <= 40
        and line[-1] not in ".!?:"
        and all(word[0].isupper() or word[0].isdecimal() for word in line.split())
        and text[end + 1 : end + 2].strip() + text[end + 2 : end + 3].strip() != ""
    )


@cache
def _cjk() -> re.Pattern[str]:
    """Chinese, Japanese and Korean letters: compiled when a line first holds a code point that
    high (a class of 40,000 code points takes milliseconds to compile)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def find_title_line(
    text: str, *, first_line: bool = True, pages: Collection[int] = ()
) -> tuple[int, int] | None:
    """Return ``(start, end)`` code-point offsets of the line that reads like the title.

    Skips blank lines, bullets, navigation crumbs ("News > Latin America"), one-word labels and
    lines that read like body text (long, ending in a full stop).  Falls back to the first
    non-blank line; ``None`` for a blank document.  In a transcript the title is above its
    first turn: a line opening a turn ("Interviewer: Thanks for coming.") ends the search, the
    first line above it (if any) the title: no speaker's words are one.  ``first_line=False``:
    no fallback, ``None`` when no line above the first paragraph of running text reads like
    a title (a converted document's lines are its paragraphs: the first of them, a whole
    paragraph, is no title, nor a short one further on: a line broken off a paragraph; but
    a first paragraph of two words, a heading as a plain text's first line is, is).  A
    header naming the title and the author ("Title: Pride and Prejudice" then "Author: Jane
    Austen", as Project Gutenberg's books and archives' records open) gives the title.
    ``pages``: the newlines of ``text`` that end a page of its file (a form feed:
    :func:`~.lines.page_breaks`): a line a page's end follows is a paragraph of its own, as
    one a blank line follows is.
    """
    character = _FIRST_CHARACTER.search(text)
    if (
        character is not None
        and _may_open_subtitles(character.group())
        and _SUBTITLES.match(text, character.start())
    ):
        return None  # no header nor a time titles captions: their file's name does
    subject = _mail_subject(text)
    if subject is not None:
        return subject
    named = _named_title(text)
    if named is not None:
        return named
    first: tuple[int, int] | None = None
    transcript: bool | None = None  # asked when a line first reads as a turn's opening
    opening: set[int] | None = None  # where turns start: asked when a line may be a name
    cells_above = 0  # the tab-separated cells of the line above, 0 when it was blank
    looked_first = False  # whether the first line that may be a title was looked at
    # Whether the line above is a line of text read as no title, no blank line under it: the
    # line below goes on with its paragraph ("first line" above "walls five walls", or that
    # line's part after a form feed or a lone CR), no title of its own.
    running = False
    pos = 0
    for number in range(_MAX_SCAN_LINES):  # (the newline ending a line: its number's)
        if pos > len(text):
            break
        # Line by line with find: splitting would copy the rest of a 50 MB text.
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        start, line = pos, text[pos : min(end, pos + _MAX_LINE)]
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            cells_above = 0
            running = False
            continue
        lead = len(line) - len(line.lstrip())
        span = (start + lead, start + lead + len(stripped))
        if _may_open_turn(stripped) and opens_turn(text, start):
            if transcript is None:
                transcript = reads_as_transcript(text)
            if transcript:
                # A line that reads as a turn's opening but is none of the transcript's
                # turns ("Interview 3 - Tapachula" above "Ana: ...", a name and a dash said
                # once) is its title: it ended the search, and the transcript was titled
                # by its file's name.
                if opening is None:
                    opening = {turn.start for turn in find_turns(text[:_TURNS_SAMPLE])}
                if span[0] in opening or not opening:
                    return first
            elif opens_exchange(text, start):
                # Two turns, too few for a transcript: no speaker's words are a title.
                return first
        cells = stripped.count("\t") + 1
        if cells > 1 and (cells == cells_above or cells == _tab_cells(text, pos)):
            # A row of a table of tab-separated cells ("Name\tPlace\tAge" above "Ana\t..."):
            # no title, its header row titled a table saved as text.
            cells_above = cells
            continue
        cells_above = cells
        if " │ " in stripped:
            # A table's row as a converted document writes it, its cells parted by " │ " (a
            # PDF page's header, "Field report 12" at the left and "Confidential" at the
            # right): no title, which it was, bar and all.
            continue
        if _CHAT_STAMP.match(stripped) is not None:
            if transcript is None:
                transcript = reads_as_transcript(text)
            if transcript:
                # A chat's own notice above its first message ("12/05/2023, 10:01 - Ana
                # created group"), dated as its messages are: no title, it titled the chat.
                continue
        elif _may_name_speaker(stripped, text, end):
            # A speaker's name alone on its line ("INTERVIEWER" above the question): the
            # transcript's first turn, no title; the words below it were taken for one.
            if opening is None:
                opening = {turn.start for turn in find_turns(text[:_TURNS_SAMPLE])}
            if span[0] in opening:
                return first
        if _record_field(stripped):
            continue  # "Date: 2023-05-01", "Attendees: Ana, Bo": what the record says of it
        if program_notice(stripped):
            continue  # "Ana López started transcription" above a Teams transcript: no title
        if _CLOCK_ALONE.fullmatch(stripped) is not None:
            continue  # "(00:00:05)" above a transcript's first turn: its time, no title
        words: list[str] | None = None  # the line's words, found once for the looks below
        if not looked_first:
            looked_first = True
            if first_line:
                first = span
            paged = number in pages  # "Mexico", then a form feed: a title page
            words = _WORD.findall(stripped)
            if _short_heading(stripped, text, end, paged=paged, words=words):
                # "Interview 3", "Meeting minutes": a line of its own; a converted document's
                # first paragraph so (a Word file's "Interview 7" in the Normal style) too:
                # it was titled by its file's name, where a plain text was by that line.
                return span
            if first_line and len(words) == 1 and (paged or _stands_alone(text, end)):
                # "Mexico", "Diary" over the text: its title, unless a line of its own under
                # it reads as one ("CONFIDENTIAL" over "Report on the mission"); a short line
                # further on was taken, a line of the text or a heading inside it
                return _title_under_label(text, end) or span
        if running:
            continue
        if _looks_like_title(stripped, words):
            return span
        if words is None:
            words = _WORD.findall(stripped)
        running = (
            first_line
            and len(words) > 1
            and not _BULLET.match(stripped)
            and not _CRUMB.search(stripped)
        )
        if not first_line and _running_text(stripped):
            break
    return first


def _tab_cells(text: str, pos: int) -> int:
    """The tab-separated cells of the line of ``text`` starting at ``pos`` (0 when it is
    blank or there is none)."""
    end = text.find("\n", pos, pos + _MAX_LINE)
    line = text[pos : end if end >= 0 else pos + _MAX_LINE].strip()
    return line.count("\t") + 1 if line else 0


# A line of an e-mail's header ("From: Ana <ana@example.org>", "Subject: Notes"); a header
# of several lines goes on on lines that start with a space.
_HEADER_LINE = LazyPattern(r"([A-Za-z][A-Za-z-]{0,40})[ \t]*:(?:[ \t]*(.*))?|[ \t]+\S.*")
_MAX_HEADER_LINES = 40


def _mail_subject(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the subject of the e-mail ``text`` is (its header, "From:" and
    "Subject:" among its fields, opening it), ``None`` when it is none or has no subject:
    a saved message was titled by its first line, "From: Ana <ana@example.org>".  The lines
    are looked at while they read as a header's (the first of most texts does not)."""
    fields: dict[str, tuple[int, int]] = {}
    pos = 0
    for _ in range(_MAX_HEADER_LINES):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        stop = min(end, pos + _MAX_LINE)
        if not text.startswith((" ", "\t"), pos) and text.find(":", pos, stop) < 0:
            break  # no header's line (asked first: the pattern is compiled for a header)
        line = _HEADER_LINE.fullmatch(text, pos, stop)
        if line is None:
            break
        if line.group(1):
            value = line.start(2) if line.group(2) is not None else line.end()
            fields.setdefault(line.group(1).lower(), (value, line.end()))
        pos = end + 1
        if pos >= len(text):
            break
    subject = fields.get("subject")
    if "from" not in fields or subject is None or not text[subject[0] : subject[1]].strip():
        return None
    start, stop = subject
    return start, start + len(text[start:stop].rstrip())


# The fields a transcript's, a meeting's or a field note's record opens with ("Date: ...",
# "Interviewer: Ana", "Attendees: ..."): what it says of itself, never its title.
_RECORD_FIELDS = frozenset(
    {"date", "time", "day", "place", "location", "site", "venue", "setting", "interviewer",
     "interviewers", "interviewee", "interviewees", "participant", "participants",
     "respondent", "respondents", "moderator", "facilitator", "observer", "attendees",
     "present", "absent", "apologies", "agenda", "duration", "length", "recorded",
     "recording", "transcribed by", "transcriber", "transcription", "audio", "file",
     "file name", "filename", "project", "language", "age", "gender", "sex", "occupation",
     "id", "code", "pseudonym", "keywords", "tags", "author", "by", "to", "cc", "from",
     "sent", "chair", "minutes", "start", "end", "mode", "format"}
)  # fmt: skip
_FIELD_LABEL = LazyPattern(r"([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)[ \t]*:")


def _record_field(line: str) -> bool:
    """Whether ``line`` is a field of a record ("Date: 2023-05-01"): a label of
    :data:`_RECORD_FIELDS` and a colon opening it."""
    if ":" not in line:  # (none: no pattern run, most first lines)
        return False
    label = _FIELD_LABEL.match(line)
    return label is not None and label.group(1).lower() in _RECORD_FIELDS


_PARTS = frozenset({"chapter", "part", "book", "section", "act", "scene", "volume", "canto"})


def _short_heading(
    line: str, text: str, end: int, *, paged: bool = False, words: list[str] | None = None
) -> bool:
    """Whether ``line``, a text's first, is a heading of two words ("Interview 3",
    "Meeting minutes"): a capital opening it, a line of its own (a blank line, a page's
    end (``paged``) or a record's field below it), no comma or colon ending it ("Dear
    Ana," is no title).  ``words``: the line's words, when they were found already."""
    words = _WORD.findall(line) if words is None else words
    if len(words) != 2 or not line[:1].isupper() or line.endswith((",", ":", ";")):
        return False
    if words[0].lower() in _PARTS:
        return False  # "Chapter One", "PART II": a part's, the title may follow
    if paged:
        return True
    after = text.find("\n", end + 1)
    following = text[end + 1 : after if after >= 0 else len(text)].strip()
    return not following or _record_field(following)


def _stands_alone(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` is a paragraph of its own: a blank line or the
    text's end after it."""
    if end >= len(text):
        return True
    after = text.find("\n", end + 1)
    return not text[end + 1 : after if after >= 0 else len(text)].strip()


def _title_under_label(text: str, end: int) -> tuple[int, int] | None:
    """The line under a one-word first line (ending at ``end``) when it reads as a title and
    is a paragraph of its own (a record's fields passed over), else ``None``."""
    pos = end + 1
    for _ in range(_MAX_SCAN_LINES):
        if pos >= len(text):
            return None
        stop = text.find("\n", pos)
        stop = len(text) if stop < 0 else stop
        line = text[pos : min(stop, pos + _MAX_LINE)]
        stripped = line.strip()
        if stripped and not _record_field(stripped):
            if _looks_like_title(stripped) and _stands_alone(text, stop):
                start = pos + len(line) - len(line.lstrip())
                return start, start + len(stripped)
            return None
        pos = stop + 1
    return None


def _running_text(line: str) -> bool:
    """Whether ``line`` (a paragraph, in a converted document) is running text: too long
    for any title."""
    return len(line) > 200 or len(_WORD.findall(line)) > 25


_FIELD = LazyPattern(
    r"^[ \t]*(title|titel|titre|título|titolo|author|autor|auteur|autore|by)"
    r"[ \t]*:[ \t]*(\S[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_SCAN = 8_000  # code points looked at for a header naming the title
# How the name of a title field (_FIELD) starts, lowered: "title", "titre", "título".
_TITLE_STARTS = ("tit", "tít")


def _named_title(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the value of a "Title:" line near the start of ``text`` when an
    "Author:" line is near it too (a header of the text's record, not a line of it)."""
    end = min(len(text), _HEADER_SCAN)
    if not _may_name_title(text, end):
        return None  # no field can name a title: the pattern is not run (60 us a file)
    title: tuple[int, int] | None = None
    author = False
    for field in _FIELD.finditer(text, 0, end):
        name = field.group(1).lower()
        if name.startswith(_TITLE_STARTS):
            if title is None:
                value = field.group(2).rstrip()
                if len(value) <= _MAX_LINE:
                    title = (field.start(2), field.start(2) + len(value))
        else:
            author = True
        if title is not None and author:
            return title
    return None


def _may_name_title(text: str, end: int) -> bool:
    """Whether a line of ``text[:end]`` may be a title's field: its words before a colon
    start as a title field's name does.  Only the lines with a colon are looked at (lowering
    the header and looking for the name in all of it took 20 us a file; most have none)."""
    colon = text.find(":", 0, end)
    for _ in range(_COLONS_LOOKED_AT):
        if colon < 0:
            return False
        line = text.rfind("\n", 0, colon) + 1
        if text[line:colon].strip(" \t").lower().startswith(_TITLE_STARTS):
            return True
        colon = text.find(":", colon + 1, end)
    return colon >= 0  # a header of many colons: the pattern tells


_COLONS_LOOKED_AT = 64


def _looks_like_title(line: str, words: list[str] | None = None) -> bool:
    """Whether ``line`` reads as a title (``words``: its words, when they were found
    already: the first line's were found three times over, a fifth of a plain text's
    title's reading)."""
    if _BULLET.match(line) or _CRUMB.search(line):
        return False
    # (A line in ASCII, most titles, holds none: its characters are not gone through one
    # by one in Python for the greatest of them.)
    if not line.isascii() and max(line) >= _FIRST_CJK and _cjk().search(line):
        # Chinese and Japanese write no spaces between words: judge by length instead.
        return 4 <= len(line) <= 40 and not line.endswith(("。", "．", "."))
    words = _WORD.findall(line) if words is None else words
    if len(words) < 3 or len(words) > 25 or len(line) > 200:
        return False
    return not (line.endswith(".") and len(words) > 12)


def typed_title(opening: str | None) -> str | None:
    """The document's first paragraph, set bold all through, as its title when it reads as
    one (two to fifteen words, no full stop or colon ending it): a title typed without a
    Title or Heading style in a Word or RTF document ("Interview with Ana, 12 May 2023");
    the document was named by its file, or by a line further on."""
    if not opening:
        return None
    opening = _without_note_numbers(opening)
    words = opening.split()
    if not 2 <= len(words) <= 15 or opening.endswith((".", ":", ",", ";")):
        return None
    return None if opens_turn(opening, 0) else opening  # a speaker's words are no title


def line_title(
    text: str, spans: Iterable[Span], tables: Iterable[tuple[int, int]] = ()
) -> str | None:
    """The line of a converted document's ``text`` (its paragraphs, one a line) that reads
    as its title, as a plain text's is found (:func:`find_title_line`, no first paragraph
    taken for want of one), for a Word or OpenDocument file with no title property, heading
    or bold first line ("Interview 3 - Tapachula" above the talk): it was named by its
    file.  Only a paragraph of its own (of ``spans``, the document's) may be one: a table's
    first row ("Name │ Place │ Age") is none, nor is the one row of a table of one row (a
    line of its own all the same: ``tables``, ``(start, end)`` of each table), but for a
    table of one cell (a box around the title); nor is a sentence (a full stop, a colon or a
    comma ending it)."""
    found = find_title_line(text, first_line=False)
    if found is None:
        return None
    if " │ " in text[found[0] : found[1]] and any(start <= found[0] < end for start, end in tables):
        return None  # a row of cells (a table of one cell is a box around a title)
    line = text[found[0] : found[1]]
    said = _without_note_numbers(line)
    if ends_as_sentence(said):
        return None
    if not any(
        span.kind is SpanKind.PARAGRAPH and text[span.start : span.end].strip() == line
        for span in spans
        if span.start <= found[0] < span.end
    ):
        return None
    return " ".join(said.split()) or None


# The numbers of notes or comments ending a paragraph, as the converters write them: "We
# met Ana at the shelter.[1]" is a sentence, which the number after its full stop hid.
_NOTE_NUMBERS = LazyPattern(r"(?:\[\d{1,4}\])+$")


def _without_note_numbers(line: str) -> str:
    """``line`` without the note numbers ending it (:data:`_NOTE_NUMBERS`)."""
    return _NOTE_NUMBERS.sub("", line).rstrip() if line.endswith("]") else line


def ends_as_sentence(line: str) -> bool:
    """Whether ``line`` ends as a sentence or a clause does (a full stop, a colon, a comma or
    a semicolon, a note's number after it or not): a line of the text, or a label ("Notes:"),
    which no converted document is titled by."""
    return _without_note_numbers(line).endswith((".", ":", ",", ";"))
