"""Speaker turns of interview transcripts: ``P03: ...``, ``[00:07:09] R1: ...``, subtitle cues.

A turn covers its label, its timestamp and what the speaker said, ``[start, end)``; ``body``
is where what was said begins, so that sentence and paragraph units (and exports) can leave
the label out.  Offsets are code points into the canonical text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from tui_reader.core.lazy_pattern import LazyPattern
from tui_reader.core.rare_find import find_rare


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn: ``[start, end)``, what was said from ``body``, who, and when."""

    start: int
    end: int
    body: int
    speaker: str
    time: str = ""  # "00:07:09" as written in the transcript, or ""
    # Where what was said ends when the turn goes on past it with what no one said (a CSV
    # transcript's row's notes, cited by the turn but no speaker's words); -1: at its end.
    said: int = -1
    # Later times inside the turn, in order: ``(offset, time)`` where words said from
    # ``time`` on begin (a subtitle file's next cue of the same speaker, joined to the turn;
    # a time a transcriber marked inside what was said: see _with_inner_times)
    times: tuple[tuple[int, str], ...] = ()

    def __reduce__(
        self,
    ) -> tuple[type[Turn], tuple[int, int, int, str, str, int, tuple[tuple[int, str], ...]]]:
        # Pickled back from a conversion's child: built by the constructor, a third the time
        # of the frozen class's state set field by field (see Span.__reduce__); every field.
        fields = (self.start, self.end, self.body, self.speaker, self.time, self.said)
        return Turn, (*fields, self.times)

    @property
    def said_end(self) -> int:
        """Where what was said ends: ``end``, or before the notes that end the turn."""
        return self.end if self.said < 0 else max(self.body, min(self.said, self.end))

    @property
    def citation(self) -> str:
        """``[00:07:09] P03`` (or ``P03`` without a timestamp)."""
        return self.citation_at(self.start)

    def time_at(self, offset: int) -> str:
        """The time of the words at ``offset``: that of the last of :attr:`times` at or
        before it, else the turn's."""
        i = bisect_right(self.times, offset, key=_offset) - 1
        return self.times[i][1] if i >= 0 else self.time

    def citation_at(self, offset: int) -> str:
        """:attr:`citation` with the time of the words at ``offset`` (see :meth:`time_at`)."""
        time = self.time_at(offset)
        if time and self.speaker:
            return f"[{time}] {self.speaker}"
        return f"[{time}]" if time else self.speaker


def _offset(mark: tuple[int, str]) -> int:
    return mark[0]


# A time: "7:09", "00:07:09", "00:07:09.120", or a video editor's timecode, its frames after
# the seconds ("00:07:09:12", as broadcast logs and editing programs' transcripts write it:
# such a transcript had no turns).
_TIME = r"(?:\d{1,2}:\d{2}:\d{2}:\d{2}(?!\d)|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
# A time opening a line may follow a date and be followed by AM or PM, as a chat's export
# writes each message ("[12/05/2023, 10:02:33] Ana: ...", "5/12/23, 10:02 AM - Ana: ...").
# The date may be joined to the time by a "T" (ISO 8601: "2023-05-12T10:02:33", as logs
# and some chats' exports write it).
_STAMP = (
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:,?[ \t]+|T))?"
    + _TIME
    + r"(?:[ \t\u202f]?[AaPp]\.?[Mm]\.?(?![\w]))?"
)
# A line opening a turn: an optional timestamp ("[00:07:09]", "(7:09)", "00:07:09 -"), then a
# label of one to four words (or "P03", "R1") and a colon.  The label may follow the time.
# What was said follows on the line, or below when the label and its time are a line (a
# paragraph) of their own: "Ana López (00:01:02):", as Rev writes a transcript, "Speaker 1
# 0:03", as Otter writes one (the time after the label, without a colon).  A label alone on
# its line without a time ("INTERVIEWER:", what was said below it) is a turn's when it reads
# as a name (see _named: "... the following conditions:" is none).  A label a tab ends,
# without a colon ("INTERVIEWER<tab>How did you come here?", a transcript typed in Word with
# its names in bold), when words follow and no other tab (a table's row, a table of
# contents' line has more).  A full-width colon, as Chinese and Japanese are written, needs no
# space after it ("访谈者：你怎么来的？"); a no-break space may stand before a colon (French,
# as Word's autocorrect writes it: "Enquêteur : ...") or after it; television's captions
# mark a new speaker with ">>" before the label (">> ANA: How are you?").  A label may stand
# in square brackets, as Zoom writes it above what was said ("[Ana Lopez] 10:02:33"), and
# be followed by a role or a code in brackets, part of it ("Ana (INT): ...", "Luis (P01): ...",
# a focus group's participant with her particulars: "P1 (female, 34): ...");
# a name in square brackets needs no colon after it ("[Ana] How are you?"), when it reads as
# one (see _named: "[laughs] yes" is none).  Telegram's messages copied as text have the
# sender's name, a comma and the date and time in brackets above them ("Ana, [12.05.23 10:02]").
# Without a colon, a name may be followed by its time in brackets and what was said ("Speaker 1
# [00:00:05] How did you come?", as Trint writes it) or follow its time alone on its line
# ("[00:00:05.10] Speaker 1", as Happy Scribe does): such lines read as a transcript's when
# their speakers speak more than once, as untimed ones (an agenda's "10:30 Registration" is
# none), and name them (see _named); so may a name and a dash between spaces ("Ana - Hello.").
# A direction mark may open the line (an iPhone's WhatsApp export opens the message of a
# photo, a voice note or a deleted message with one: "\u200e[12/05/2023, 10:02:50] Bo: ...").
# A character of a name after its first letter: a chat's contact may be named with an
# emoji ("Mamá ❤️", "Ana 🌸"), which left the whole chat without turns.
_NAME_CHAR = "[\\w.'’\\-\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff]"
# A name's words besides the four a label may have: a title before it ("Dr", "Prof.",
# "Sra.") and the small words joining a family's name to it or inside it ("de la", "van
# der", "bin"): "Dr Ana María de la Cruz: ..." opened no turn, her words the speaker's before.
# (The lookahead tries the small words only where one may stand: a label's line is quick.)
NAME_TITLE = (
    r"(?:(?:Dr|Dra|Prof|Profa|Mr|Mrs|Ms|Mx|Sr|Sra|Srta|Mme|Mlle|Herr|Frau|Rev|Hon|Lic|Ing)"
    r"\.?[ \t])?"
)
NAME_JOIN = (
    r"(?:(?=[abdeiltvy])(?:de|del|della|der|den|di|da|das|do|dos|du|la|las|le|los|van|von"
    r"|ten|ter|y|e|bin|ibn|al|el)[ \t]){0,2}"
)
# A sender a chat's export names by a telephone number (a contact not saved: "+52 55 1234
# 5678"), which left the whole chat without turns.
_PHONE = r"\+\d[\d \t()-]{5,20}\d"
# "AM" or "PM" after a time (Teams: "Ana López   10:02 AM" above what was said).
_HALF_DAY = r"(?:[ \t\u202f]?[AaPp]\.?[Mm]\.?(?![\w]))?"
# What a transcript notes in square brackets at a line's start, no speaker's name.
SOUNDS = frozenset(
    {"laughs", "laughter", "laughing", "inaudible", "unintelligible", "crosstalk", "pause",
     "silence", "music", "applause", "coughs", "sighs", "overlapping", "noise", "break",
     "interruption", "unclear", "end", "start", "recording", "background noise", "long pause"}
)  # fmt: skip
# A sound noted with its time between a name and its colon, as Rev marks what it could not
# hear ("Ana [inaudible 00:01:02]: ..."): its colon let no such label open a turn, the
# words going to the speaker before.  Only a sound opens it: "Table [1: 2]:" stays none.
_SOUND_NOTE = (
    r"[\[(](?i:"
    + "|".join(re.escape(sound) for sound in sorted(SOUNDS, key=lambda sound: (-len(sound), sound)))
    + r")(?:[ \t][^\W\d_]+){0,2}[ \t]+"
    + _TIME
    + r"[\])]"
)
# A role or a code after a name, part of it: in parentheses ("Ana (INT)", "P1 (female,
# 34)") or in square brackets, as a study numbers its participants or hides a name
# ("P[1]", "Speaker [2]", "Dr. [R]"), as a subtitle's voice tag names them: such labels
# opened no turn, the transcript none or its other speakers' turns holding their words.
NAME_MARK = (
    r"(?:[ \t]?(?:\([^\W_][\w.'’ /,-]{0,20}\)|\[[^\W_][\w.'’ /,-]{0,20}\]|" + _SOUND_NOTE + "))?"
)
# The time of such a note at a label's end: the turn's, when its label has no other.
_NOTED_TIME = LazyPattern(r"[ \t]?" + _SOUND_NOTE.replace(_TIME, "(" + _TIME + ")", 1) + "$")
# What was said on the lines below a label and its time alone on their line ("Ana: (00:01)",
# "Ana: 00:01"), when the next line is no other label: "Bo: 10:30" above "Ana: ok" is a
# chat's message, the time what Bo said.
_SAID_BELOW = r"[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\S)(?![ \t]*[^\W\d_][^\n:]{0,40}:)"
# The mark Microsoft Teams writes after the name of a meeting's attendee from outside the
# organisation ("Ana Ruiz (Guest)", "Luis Gómez (External)", "Kim (Unverified)"), in the
# meeting's language too: no part of who speaks.  Kept in the name, "Ana Ruiz (Guest)" and
# "Ana Ruiz" (her name in another meeting, or as she is named in the text) were two speakers.
_ATTENDEE = (
    r"\((?i:guest|external|unverified|invit[ée]e?|gast|extern|externe|invitad[oa]"
    r"|extern[oa]|ospite|estern[oa]|convidad[oa])\)"
)
# A speaker's pronouns after her name, as Zoom and Teams show them once set ("Ana Ruiz
# (she/her)", "Kim (they / them)", "Luis (él/he)"): no part of who speaks either. Kept in
# the name, "Ana Ruiz (she/her)" and "Ana Ruiz" (before she set them, in the captions'
# voices, in another meeting) were two speakers, each counted and coded apart. Only words
# that are pronouns, two or more parted by slashes: a role so written ("Ana (INT/PI)")
# stays the name's. The pronouns stay in the text, at each label, as written.
_PRONOUN_WORDS = (
    "she|her|hers|herself|he|him|his|himself|they|them|their|theirs|themself|themselves"
    "|it|its|ze|zir|zirs|zie|hir|hirs|xe|xem|xyr|xir|ey|em|eir|fae|faer|ve|ver|vis|per"
    "|any|all|ask|name|ella|él|el|elle|ellx|elles|ellas|ellos|il|ils|iel|lui|eux|sie|er"
    "|ihr|ihm|ihn|dey|xier|ela|ele|elu|dela|dele|lei|hij|zij|hem|haar|hen|die"
)
_PRONOUNS = r"\((?i:" + _PRONOUN_WORDS + r")(?:[ \t]*/[ \t]*(?i:" + _PRONOUN_WORDS + r")){1,3}\)"
# The comma of a name written family name first, as Teams writes an organisation's accounts
# above what each said ("Ruiz, Ana   0:03"): only where no sentence's comma stands, the
# name and its time alone on their line, the name and its colon alone on theirs ("Ruiz,
# Ana:" above what she said), a time after its colon or before it ("Ruiz, Ana: 0:03",
# "Ruiz, Ana (0:03): ..."), or a guest's mark after the name ("Ruiz, Ana (External)   0:03",
# "Ruiz, Ana (Guest): ...").  A colon's "Yes, Ana: ..." stays none.  Such a transcript's
# speaker was read as no name, her words left in the turn of the speaker before her.
_FAMILY_LINE_END = (
    rf"(?:[ \t]{{2,}}{_TIME}{_HALF_DAY}|[ \t]*:|[ \t]*:[ \t]+[\[(]?{_TIME}[\])]?)[ \t]*\n"
    rf"|[ \t]*[\[(]{_TIME}[\])][ \t]*:"
)
_FAMILY_FIRST = (
    r"(?:,(?=(?:[ ][^\W\d_][\w.'’-]*){1,3}(?:[ \t]?" + _ATTENDEE + "|" + _FAMILY_LINE_END + ")))"
)
_TURN_LINE = LazyPattern(
    r"^[ \t\u200e\u200f]*"
    # (a list's bullet may open the line: a Markdown note's "- **Ana:** ...", read "• Ana: ...")
    r"(?:[•◦▪‣*-][ \t]+(?=[^\W\d_]))?"
    # (f4's and f5's time mark may open the line: "#00:00:05-2# I: ...")
    r"(?:#(?P<time6>\d{1,2}:\d{2}:\d{2})(?:[-.,]\d{1,3})?#[ \t]*)?"
    rf"(?:>{{2,3}}[ \t]*)?(?:[\[(]?(?P<time>{_STAMP})"
    # (the time the words end at may follow, as a speech recogniser's export writes it:
    # "[00:00:01 --> 00:00:04] Ana: ...", "[00:00:01 - 00:00:04] SPEAKER_00: ...")
    rf"(?:[ \t]*(?:-->|[-–—])[ \t]*{_TIME}(?![\d:]))?"
    r"[\])]?[ \t]*(?:[-–—][ \t]*)?)?"
    # (the "AM" or "PM" of a time is no speaker: "10:02 AM" alone on its line, below the
    # name, as a meeting's transcript writes it, made every turn the speaker "AM"'s)
    r"(?(time)(?![AaPp]\.?[Mm]\.?(?!\w)))"
    # (a chat log's nickname in angle brackets, after the time or with none: "[10:02] <ana>
    # Hi", "<ana> Hi", an operator's "@" before it)
    r"(?:(?P<bracket>\[)|(?P<angle><[@+%~&]?))?"
    # (Markdown's bold written raw in a plain text, "**Ana:** ..." or "**Ana**: ...": its
    # marks are no part of the label)
    r"(?P<bold>\*\*|__)?"
    # (a hyphen between spaces is no word of a name: "(00:00:12) Maria - We walked." was
    # read as the time and the name "Maria - We walked." alone on its line)
    r"(?P<speaker>(?:" + NAME_TITLE + r"[^\W\d_]" + _NAME_CHAR + "*"
    # (a tab ends a name: "00:00:09<tab>Luis<tab>Under the bridge." is Luis's row)
    r"(?:" + _FAMILY_FIRST + r"?[ ]" + NAME_JOIN + r"(?!-(?:[ \t]|$))" + _NAME_CHAR + "+){0,4}"
    r"|[^\W\d_]{1,3}\d{1,3}|" + _PHONE + r")" + NAME_MARK + ")"
    r"(?(bold)(?P<shut>(?P=bold))?)"
    r"(?(bracket)\])(?(angle)>[ \t]+(?=\S)|(?:,[ \t]*\[(?P<time4>" + _STAMP + r")\])?)"
    r"[ \t]*(?:[\[(](?P<time2>" + _TIME + r")[\])])?[ \t\xa0\u202f]*"
    r"(?::(?(bold)(?(shut)|(?P=bold)))[ \t\xa0\u202f]+(?:(?P<open5>[\[(])?(?P<time5>" + _TIME + r")"
    r"(?(open5)[\])](?:[ \t]+|" + _SAID_BELOW + r")|" + _SAID_BELOW + r"))?(?=\S)|：[ \t]*(?=\S)"
    r"|(?<=\t)(?=[^\t\n]*[^\W\d_]{2})(?![^\t\n]*\t)"
    # (a converted document's bar may part the label from its time: a PDF's "Speaker 1" at
    # the left, "00:00:12" at the right of the line above what was said)
    r"|(?(time2):|(?(time):|(?<=[ \t])(?:│[ \t]+)?(?P<time3>" + _TIME + _HALF_DAY + r")))"
    r"[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\S)"
    r"|(?P<alone>:)(?(bold)(?(shut)|(?P=bold)))[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\S)"
    r"|(?(bracket)(?<=[ \t])(?P<bare>)(?=[^\W_])|(?!))"
    r"|(?(time4)\n(?:[ \t]*\n)?(?=[ \t]*\S)|(?!))"
    r"|(?(time2)(?<=[\])][ \t])(?P<bare2>)(?=\S)|(?!))"
    r"|(?(time)(?P<bare3>)[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\S)|(?!))"
    r"|(?<=[ \t])(?P<bare4>[-–—])[ \t]+(?=\S)"
    r"|(?(time2)(?P<bare5>)[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\S)|(?!))"
    r"|(?(angle)(?<=[ \t])(?=\S)|(?!)))",
    re.MULTILINE,
)
# A line that has no colon, tab or closing square bracket can open a turn only as a name
# and a dash between spaces do ("Ana - Hello."): such a line is matched by that part of
# _TURN_LINE alone, its other groups never set (a 10 MB transcript of 126,000 such turns
# tried each line against every other way a label may end: a second).
_DASH_LINE = LazyPattern(
    r"[ \t\u200e\u200f]*(?:>{2,3}[ \t]*)?"
    r"(?P<speaker>(?:" + NAME_TITLE + r"[^\W\d_]" + _NAME_CHAR + "*+"
    r"(?:[ \t]" + NAME_JOIN + _NAME_CHAR + "++){0,4}"
    r"|[^\W\d_]{1,3}\d{1,3}|" + _PHONE + r")" + NAME_MARK + ")"
    r"[ \t\xa0\u202f]*(?<=[ \t])(?P<bare4>[-–—])[ \t]+(?=\S)"
    r"|(?!)(?P<time>)(?P<bracket>)(?P<time4>)(?P<time2>)(?P<time5>)(?P<time3>)"
    r"(?P<alone>)(?P<bare>)(?P<bare2>)(?P<bare3>)(?P<bare5>)(?P<angle>)"
)
_DASH_LINES = LazyPattern("^" + _DASH_LINE.pattern, re.MULTILINE)  # at each line's start
# A name written family name first before a colon and what was said ("Ruiz, Ana: How did
# you come?", a Teams transcript copied as text), which _TURN_LINE leaves to a sentence's
# vocative ("Yes, Ana: ..."): a speaker's when it opens two lines at least and opens with
# no word a sentence does (see _family_named).  Matched only where _TURN_LINE matched none.
_FAMILY_LINE = LazyPattern(
    r"[ \t]*(?P<speaker>[^\W\d_][\w.'’-]*(?:[ ][\w.'’-]+){0,2}"
    r",[ ][^\W\d_][\w.'’-]*(?:[ ][^\W\d_][\w.'’-]*){0,2}"
    r"(?:[ \t]?(?:" + _ATTENDEE + "|" + _PRONOUNS + r"))*)"
    r"[ \t]*:[ \t]+(?=\S)"
    r"|(?!)(?P<time>)(?P<bracket>)(?P<time4>)(?P<time2>)(?P<time5>)(?P<time3>)(?P<time6>)"
    r"(?P<alone>)(?P<bare>)(?P<bare2>)(?P<bare3>)(?P<bare4>)(?P<bare5>)(?P<angle>)"
)
# The words a sentence opens with before a vocative's comma ("Yes, Ana: ..."), no name's.
_VOCATIVE_OPENERS = frozenset(
    {"yes", "no", "well", "so", "oh", "ok", "okay", "thanks", "thank", "hi", "hello", "hey",
     "sorry", "right", "now", "and", "but", "look", "listen", "please", "dear", "sure",
     "fine", "good", "great", "then", "also", "however", "remember", "see", "wait"}
)  # fmt: skip
_DASH_SOURCES = frozenset((_DASH_LINE.pattern, _DASH_LINES.pattern))
# A question or an answer of a deposition's or a hearing's transcript: "Q. Where were you?",
# "A. At home." (a label and a full stop, no colon).
_ANSWERED_LINE = LazyPattern(r"^[ \t]*(?P<speaker>[QA])\.[ \t]+(?=\S)", re.MULTILINE)
# A row of a transcript set as a table (as a Word file's table is read: its cells parted by
# " │ "): its time, if it has a cell for it (before the speaker's or after it: "Ana │ 00:05
# │ Under the bridge.", whose time was read as the first of her words), its speaker, and
# what was said.
# A time's cell may hold the span of the row, its end after a dash ("0:00:03.0 - 0:00:05.5",
# as NVivo writes a transcript's timespans): such a table had no turns.
_SPAN_END = rf"(?:[ \t]*(?:-->|[-–—])[ \t]*{_TIME})?"
# A row's number in a cell before the rest, as NVivo numbers a transcript's rows in a column
# of their own ("#", its import's identifier column): such a table had no turns.
_ROW_NUMBER = r"(?:\d{1,6}\.?[ \t]*│[ \t]*)?"
_TABLE_ROW = LazyPattern(
    rf"^[ \t]*{_ROW_NUMBER}(?:[\[(]?(?P<time>{_TIME}){_SPAN_END}[\])]?[ \t]*│[ \t]*)?"
    r"(?P<speaker>(?:[^\W\d_][\w.'’-]*(?:[ \t][\w.'’-]+){0,3}|[^\W\d_]{1,3}\d{1,3})"
    # (a role, a code: "Ana (INT)", "P1 (female, 34)", "P[1]", as a colon's label has them)
    r"(?:[ \t]?(?:\([^\W_][\w.'’ /,-]{0,20}\)|\[[^\W_][\w.'’ /,-]{0,20}\]))?)"
    r"[ \t]*:?[ \t]*│[ \t]*"
    rf"(?(time)|(?:[\[(]?(?P<time2>{_TIME}){_SPAN_END}[\])]?[ \t]*│[ \t]*)?)"
    r"(?=[^\n]*[^\W\d_]{2})",  # words said, not figures
    re.MULTILINE,
)
# A row of a transcript saved by a transcription service as tab-separated text, its speaker,
# time and what was said in cells a tab parts ("Ana<tab>00:00:05<tab>How did you come?"):
# such rows had no turns, the time after the tab read as no words said.  (A time before the
# speaker, "00:00:05<tab>Ana<tab>...", opens a turn line as a label a tab ends does.)
_TAB_ROW = LazyPattern(
    r"^[ ]*(?P<speaker>(?:[^\W\d_][\w.'’-]*(?:[ ][\w.'’-]+){0,3}|[^\W\d_]{1,3}\d{1,3})"
    r"(?:[ ]?(?:\([^\W_][\w.'’ /,-]{0,20}\)|\[[^\W_][\w.'’ /,-]{0,20}\]))?)"
    rf"[ ]*:?[ ]*\t[ \t]*[\[(]?(?P<time2>{_TIME}){_SPAN_END}[\])]?[ ]*\t[ \t]*"
    r"(?=[^\n]*[^\W\d_]{2})",  # words said, not figures
    re.MULTILINE,
)
# A row of a transcript set as a table with its speaker last, after what was said ("0:00:03.0
# - 0:00:05.5 │ Where did you sleep? │ Ana", as NVivo sets a transcript's columns: Timespan,
# Content, Speaker): such a table had no turns.  The row's turn opens with its time's cell,
# what was said is the middle cell, and the name after it is no words of hers (Turn.said).
_LAST_ROW = LazyPattern(
    rf"^[ \t]*{_ROW_NUMBER}[\[(]?(?P<time>{_TIME}){_SPAN_END}[\])]?[ \t]*│[ \t]*"
    r"(?=[^\n│]*[^\W\d_]{2}[^\n│]*│[ \t]*"  # words said, not figures
    r"(?P<speaker>(?:[^\W\d_][\w.'’-]*(?:[ ][\w.'’-]+){0,3}|[^\W\d_]{1,3}\d{1,3})"
    r"(?:[ ]?(?:\([^\W_][\w.'’ /,-]{0,20}\)|\[[^\W_][\w.'’ /,-]{0,20}\]))?)[ \t]*:?[ \t]*$)",
    re.MULTILINE,
)
# A table's header row: its cells' names, no speaker's.
_HEADER_CELLS = frozenset(
    {"speaker", "speakers", "name", "who", "time", "timecode", "timestamp", "start", "text",
     "transcript", "utterance", "participant", "timespan", "content"}
)  # fmt: skip
# A time mark of f4 or f5 ending a paragraph: "#00:01:23-4#" (tenths after the dash).
_F4_MARK = LazyPattern(r"#(\d{2}:\d{2}:\d{2})(?:[-.,]\d{1,3})?#")
# A time in square brackets inside what a speaker said, as transcribers mark the time every
# paragraph or few minutes ("[00:02:15] Then at the checkpoint..."), also after a word, as Rev
# marks what it could not hear ("[inaudible 00:02:15]", "[crosstalk 00:04:30]"): the time of
# the words from there on.
_INNER_TIME = LazyPattern(
    r"\[(?:[^\W\d_][^\W\d_ ]{0,20} )?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]"
)
# So is one in parentheses, as other transcribers write it ("(00:02:15) Then at the
# checkpoint..."): its hours, minutes and seconds all written (a verse's "(3:16)", a time
# of day's "(10:30)", is none).  Such marks were read as words of the turn, which was cited
# at its first time.
_INNER_PARENTHESISED_TIME = LazyPattern(r"\((\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)\)")
_MIN_TURNS = 3
_SAMPLE = 64 * 1024
_MAX_SPEAKERS = 40
# Words that open a line with a colon and are no speaker ("Note: ...", "Warning: ...").
NOT_SPEAKERS = frozenset(
    {"note", "notes", "example", "warning", "source", "sources", "subject", "date", "from",
     "to", "re", "cc", "http", "https", "title", "author", "tags", "q", "step"}
)  # fmt: skip


# The words an editor heads a note with inside a text ("Update: ..."), no speaker's name
# when written once (see find_turns, and subtitles' speakers); initials ("PS", "NB") may be
# a speaker's.
EDITORS_LABELS = frozenset(
    {"update", "updated", "edit", "edited", "correction", "clarification", "editor's note",
     "editor’s note", "editors' note", "disclaimer", "caption", "reminder", "announcement",
     "breaking", "p.s", "p.s.", "n.b", "n.b.", "addendum", "erratum", "notice",
     "transcriber's note", "transcriber’s note", "translator's note", "translator’s note"}
)  # fmt: skip


# The last word of a label heading notes, comments or a memo in a text ("Interviewer notes",
# "Researcher's comment"): said once, no speaker's (see find_turns).
_NOTES_WORDS = frozenset(
    {"note", "notes", "comment", "comments", "memo", "remark", "remarks", "observation",
     "observations"}
)  # fmt: skip


def _notes_label(label: str) -> bool:
    """Whether ``label`` (in small letters) heads someone's notes ("interviewer notes",
    "researcher's comment") rather than naming a speaker (see :data:`_NOTES_WORDS`)."""
    words = label.split()
    return len(words) > 1 and words[-1] in _NOTES_WORDS


# (the marks of a meeting's attendee and of her pronouns, in either order, see _ATTENDEE
# and _PRONOUNS above)
_ATTENDEE_MARK = LazyPattern(r"(?:[ \t]*(?:" + _ATTENDEE + "|" + _PRONOUNS + "))+$")


def speaker_name(label: str) -> str:
    """The speaker ``label`` names: ``label`` without the marks of a meeting's attendee
    and of her pronouns after it (see :data:`_ATTENDEE_MARK`: "Ana Ruiz (Guest)" and "Ana
    Ruiz (she/her)" are "Ana Ruiz")."""
    if not label.endswith(")"):
        return label
    return _ATTENDEE_MARK.sub("", label) or label


# (a name's pronouns at its end, or before a guest's mark: "Ana Ruiz (she/her) (Guest)")
_PRONOUNS_MARK = LazyPattern(_PRONOUNS + r"(?=(?:[ \t]*" + _ATTENDEE + r")?[ \t]*$)")


def name_pronouns(label: str) -> str:
    """The pronouns ``label`` gives after the name, as written ("(she/her)" of "Ana Ruiz
    (she/her)"; see :data:`_PRONOUNS`), or ``""``: no part of the speaker, but what a
    transcript written anew from the name (a subtitle file's) shows beside it."""
    if not label.endswith(")"):
        return ""
    found = _PRONOUNS_MARK.search(label)
    return found.group() if found else ""


def label_speaker(raw: str) -> str:
    """The speaker a turn's label ``raw`` names (see :func:`speaker_name`), without a sound
    a transcriber noted after the name ("Ana [laughs]: Yes.", "Ana (laughing): Yes.", a
    sheet's speaker cell, a Word file's bold name), which stays in the text: the speaker is
    Ana.  Kept in the name, "Ana [laughs]" was a speaker of her own, her words in that turn
    not Ana's."""
    label = " ".join(raw.split())
    if label.endswith(("]", ")")):
        opened = label.rfind("[" if label.endswith("]") else "(")
        noted = label[opened + 1 : -1].lower()
        if opened > 0 and (noted in SOUNDS or _sound_noted(noted)):
            label = label[:opened].rstrip()
    return speaker_name(label)


def _sound_noted(noted: str) -> bool:
    """Whether the note ``noted`` (in small letters) opens with a sound and more words or
    its time ("sighs deeply", "inaudible 00:01:02", "background noise 00:04:30")."""
    return any(noted.startswith(f"{sound} ") for sound in SOUNDS)


@lru_cache(maxsize=1024)
def speaker_key(name: str) -> str:
    """``name`` as two spellings of one speaker compare: without regard to case, to accents
    (however encoded) nor to the spaces between its words, as text attributes compare
    (``Lucia Fernandez`` is ``Lucía  Fernández``; ``INTERVIEWER`` is ``Interviewer``, as
    transcripts of one study write it), nor to a family name written first (``Ruiz, Ana``
    is ``Ana Ruiz``)."""
    split = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    key = " ".join("".join(ch for ch in split if not unicodedata.combining(ch)).split())
    if "," in key:
        # A name written family name first ("Ruiz, Ana", as Teams names an organisation's
        # accounts) is the name in its usual order ("Ana Ruiz", as Zoom names the same
        # person): one person in a study of both meetings was two speakers.
        family = _FAMILY_FIRST_KEY.fullmatch(key)
        if family is not None:
            return f"{family.group(2)} {family.group(1)}"
    return key


# A name folded by speaker_key, family name first: words, one comma, words (no brackets:
# "p1 (female, 34)" is a code and its particulars).
_FAMILY_FIRST_KEY = LazyPattern(r"([^\W\d_][\w.'’ -]*?) ?, ?([^\W\d_][\w.'’ -]*)")


def written_key(name: str) -> str:
    """``name`` as :func:`speaker_key` folds it but in the order it is written ("Ruiz, Ana"
    is "ruiz, ana"): what a glob naming a speaker is matched against besides her key
    (``speaker:Ruiz*``)."""
    split = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    return " ".join("".join(ch for ch in split if not unicodedata.combining(ch)).split())


def speakers_of_passage(turns: Sequence[Turn], start: int, end: int) -> tuple[str, ...]:
    """The speakers whose words the passage ``[start, end)`` holds, each once, in order: a
    passage across a question and its answer is both speakers' (the next turn's label alone
    at its end, or the spaces between two turns, are no one's words); a passage within a
    label only, its turn's speaker; ``()`` when it lies in no turn (a preamble)."""
    if not turns:
        return ()
    first = max(0, bisect_right(turns, start, key=_start) - 1)
    found: dict[str, None] = {}
    for turn in turns[first:]:
        if turn.start >= max(end, start + 1):
            break
        if turn.speaker and turn.body < end and start < max(turn.said_end, turn.body + 1):
            found[turn.speaker] = None
    if not found:
        label = turn_at(turns, start)
        if label is not None and label.speaker:
            return (label.speaker,)
    return tuple(found)


def passage_citation(turns: Sequence[Turn], start: int, end: int) -> tuple[str, str, str]:
    """The speaker, time and citation of the passage ``[start, end)`` as the exports and the
    lists of passages give them: its speakers (:func:`speakers_of_passage`: a passage across a
    question and its answer names both, ``INTERVIEWER, P03``, as a query's ``speaker:`` takes
    it), the time of the words at its start, and both as a reader cites them (``[00:07:09]
    P03``); ``""`` for what it lacks."""
    turn = turn_at(turns, start) if turns else None
    if turn is not None and end <= max(turn.end, turn.body + 1):  # within its turn: most
        speaker = turn.speaker
    else:
        speaker = ", ".join(speakers_of_passage(turns, start, end))
    if turn is None and speaker:  # begun between two turns (the blank line before a label)
        turn = turns[bisect_right(turns, start, key=_start)]  # the next: the first it holds
    time = turn.time_at(start) if turn is not None else ""
    if time and speaker:
        return speaker, time, f"[{time}] {speaker}"
    return speaker, time, f"[{time}]" if time else speaker


def speakers_named(turns: Iterable[Turn]) -> str:
    """The speakers ``turns`` name, each once, in the order they first speak, as a
    document's ``speakers`` attribute says them ("Ana, Luis"); "" when none is named (a
    subtitle file's cues are turns that name no one: its speakers were said as "")."""
    return ", ".join(dict.fromkeys(turn.speaker for turn in turns if turn.speaker))


def find_turns(text: str) -> tuple[Turn, ...]:
    """The speaker turns of ``text`` if it reads as a transcript, else ``()``.

    A transcript has at least three lines opening a turn and a few speakers who each speak
    more than once (or timestamps); a document with a stray "Note: ..." line is not one.
    """
    chat = _zoom_chat(text)
    if chat:
        return _turns(text, [_Opening(m, _speaker(m), "", m.group("time")) for m in chat])
    answered = _questions_and_answers(text)
    rows: list[re.Match[str]] = [] if answered else _table_rows(text)
    answered = answered or rows or _names_alone(text) or _cued_names(text)
    openings = turn_lines(text, _SAMPLE)
    early = sum(1 for _ in zip(range(_MIN_TURNS), openings, strict=False))
    if not answered and early < _MIN_TURNS:
        # (a big text that does not start as a transcript is not scanned whole)
        return _stamped_few(text) if early and len(text) <= _SAMPLE else ()
    lines = list(turn_lines(text, len(text)))
    # "Q:" is a question's label, no speaker's, but for the interviewer's in a transcript
    # of questions and answers ("Q: ..." and "A: ..."): its questions were left in the
    # answer before them, the answers' speaker's words.
    not_speakers = NOT_SPEAKERS - _QUESTIONS if _answered(lines) else NOT_SPEAKERS
    # Each line's groups read once (a 10 MB transcript of 126,000 turns read each line's
    # speaker six times, its groups one by one: 2 s).
    found = [o for o in map(_opening, lines) if o.named and o.label not in not_speakers]
    # Labels of one speaker spelled in other cases ("Interviewer", "INTERVIEWER") are one
    # speaker, counted as one: each was a speaker of her own, and named once each, a
    # transcript whose names have no colon after them had no turns.
    found = _spelled_alike(found)
    # A tab-separated table's header row ("Time<tab>Speaker<tab>Text") reads as a label a tab
    # ends: its cells' names are no speaker ("Time Speaker" was one, of one turn).
    found = [o for o in found if "\t" not in o.label or not set(o.label.split()) <= _HEADER_CELLS]
    # A part of a work and its number ("Chapter 1: Context", "Part 2: Findings") is a
    # heading, no speaker: a report's contents and its headings (each chapter named twice)
    # read as a transcript of the speakers "Chapter 1", "Chapter 2" and "Chapter 3".
    # Such a line ends the turn above it ("Session 2: Afternoon" between turns).
    headings = {name for name in {o.speaker for o in found} if _PART_HEADING.fullmatch(name)}
    parts = [o.match.start() for o in found if o.speaker in headings] if headings else []
    if headings:
        found = [o for o in found if o.speaker not in headings]
    # A name without a colon (see _loose), or alone on its line, is a speaker's when it
    # speaks again: a title's "Interview 1 — Ana, Tapachula" or "Interview With Ana:" above
    # a transcript is none.
    said = Counter(o.speaker for o in found)
    found = [o for o in found if not o.loose or said[o.speaker] > 1]
    # An editor's word heading a line once among the speakers ("Update: The road is
    # closed.", "Correction: ...") was a speaker of one turn, listed with the others and
    # coded by.  Written again and again it is the file's own label, kept.
    found = [o for o in found if said[o.speaker] > 1 or o.label not in EDITORS_LABELS]
    # So is a line heading someone's notes written once ("Interviewer notes: the recording
    # stopped twice.", "Field notes: ..."), below a transcript: its one turn was a
    # speaker's.  Such a line ends the turn above it, whose speaker did not say it.
    notes = [o for o in found if said[o.speaker] == 1 and _notes_label(o.label)]
    if notes:
        found = [o for o in found if said[o.speaker] > 1 or not _notes_label(o.label)]
    # A nickname in angle brackets with no time is a chat log's when it talks with another
    # ("<ana> hi", "<bo> hello"): one word so alone ("<item> apples", "<item> pears", a
    # template's or a markup's placeholders) was the one speaker of a transcript.  A chat
    # log's times tell it without a second speaker.
    if len({o.speaker for o in found if o.angled}) == 1:
        found = [o for o in found if not o.angled]
    dated = [o for o in found if o.dated]
    stops: list[int] = sorted([*(o.match.start() for o in notes), *parts])
    if len(dated) >= _MIN_TURNS and 2 * len(dated) >= len(found):
        # A chat's export dates every message: a line of a message reading as a label
        # ("Milk: two litres" in a shopping list) is part of it, no turn.  Such lines, each
        # a "speaker" once, made the whole chat read as no transcript.
        found = _without_notices(text, dated)
        # The chat's own notices (an Android phone's "Bo left", "Ana added Cy": a dated
        # line without a sender) were read as the words of the message before them.
        stops = sorted({*stops, *(m.start() for m in _DATED_LINE.finditer(text))})
    if answered:  # a deposition's questions and answers, and its other speakers' words
        others = [_Opening(m, _speaker(m), "", _first_time(m)) for m in answered]
        if rows:
            # A transcript set as a table has its turns in its rows: a line outside them is
            # one only for a speaker of the table's, or one who speaks again ("Observation:
            # she laughed." below the table was a speaker's one turn).
            in_table = {o.speaker for o in others}
            found = [o for o in found if o.speaker in in_table or said[o.speaker] > 1]
        # A table's row holds its turn whole: the last one ran on over what follows the
        # table ("End of interview.", the interviewer's notes), coded with its words.
        ends = sorted({*stops, *(_line_end(text, row.end()) for row in rows)})
        turns = _turns(text, sorted([*found, *others], key=lambda o: o.match.start()), ends)
        return _said_before_names(text, turns, rows) if rows else turns
    if len(found) < _MIN_TURNS:
        return ()
    speakers = Counter(o.speaker for o in found)
    # A time after a label without a colon is no sign by itself ("Meeting at 10:30"): its
    # speakers must speak more than once.
    timed = sum(1 for o in found if o.timed)
    repeated = sum(n for n in speakers.values() if n > 1)
    repeated += max(_between(found, speakers), _inside(text, found, speakers, repeated))
    # Many speakers are no transcript's ("Term: definition" lines of a glossary), but for a
    # chat's: a group's export has a time on every message, and a hundred members.
    crowded = len(speakers) > _MAX_SPEAKERS and 10 * timed < 9 * len(found)
    if crowded or (repeated < 0.6 * len(found) and timed < len(found)):
        return ()
    if _programme(found):
        return ()
    if "│" in text and _table_cells_mostly(text, found):
        # A manual's tables of parameters ("ctxt: │ the XSLT transformation context",
        # "Returns: │ ..."), their names read as speakers: the page was a transcript.
        return ()
    if "│" in text:
        # A table below (or among) the paragraphs' turns is no speaker's words: the last
        # turn above it ran on over its rows, coded with them.  Its rows are turns of their
        # own when each names one of the paragraphs' speakers and says something (a table
        # of turns after the paragraphs, each speaker once in it, had none).  One inside an
        # answer, its words going on below it before the next turn, is the answer's.
        keys = {_spelling_key(s) for s in speakers}
        tables, rows = _tables_of(text, keys, [o.match.start() for o in found])
        if tables or rows:
            stops = sorted({*stops, *tables, *(_line_end(text, row.end()) for row in rows)})
        if rows:
            others = [_Opening(m, _speaker(m), "", _first_time(m)) for m in rows]
            found = sorted([*found, *others], key=lambda o: o.match.start())
            return _said_before_names(text, _turns(text, found, stops), rows)
    return _turns(text, found, stops)


def _programme(found: Sequence[_Opening]) -> bool:
    """Whether the openings ``found`` are a programme's rows set by tabs, a clock's time and
    a presenter's name before each item ("09:00<tab>Ana<tab>welcome"): every one such a
    row, its time hours and minutes on a five minutes' mark, none at the time of the row
    before.  A chat set so ("10:02<tab>ana<tab>hi") has its messages at any minute, several
    in one: a programme of presenters in turn read as their transcript."""
    rows = all(
        o.match.group().endswith("\t") and _CLOCK_MARK.fullmatch(o.match.group("time") or "")
        for o in found
    )
    return rows and all(a.time != b.time for a, b in itertools.pairwise(found))


# A clock's time on a five minutes' mark: "09:00", "9:05", "13:30".
_CLOCK_MARK = LazyPattern(r"(?:[01]?\d|2[0-3]):[0-5][05]")


def _table_cells_mostly(text: str, found: Sequence[_Opening]) -> bool:
    """Whether most of the openings ``found`` (of ``text``) are labels alone in a table's
    first cell ("ctxt: │ the XSLT transformation context") of names that open no line of
    their own: the rows of tables :func:`_table_rows` did not read as a transcript's, a
    manual's parameters, not a transcript's labels now and then set in a cell."""
    celled = [o for o in found if text.startswith("│", o.match.end())]
    if 2 * len(celled) <= len(found):
        return False
    own = {o.speaker for o in found if not text.startswith("│", o.match.end())}
    return 2 * sum(1 for o in celled if o.speaker not in own) > len(found)


def one_spelling(names: Iterable[str]) -> dict[str, str]:
    """Each of ``names`` (a transcript's speakers, as its labels spell them, in order) and
    the name its speaker is given: the labels naming one speaker in other cases or accents
    (:func:`speaker_key`: "Interviewer" and "INTERVIEWER" in one transcript) name her as
    most of them spell her, the first so spelled when two spellings are as many.  A label
    in small letters is its own (a chat's nickname, or no name: "usage:" above a
    program's help and "Usage:" below it made one speaker of two lines)."""
    counts = Counter(names)
    chosen: dict[str, str] = {}
    for name, count in counts.items():  # (in the order first written)
        key = _spelling_key(name)
        if key not in chosen or count > counts[chosen[key]]:
            chosen[key] = name
    return {name: chosen[_spelling_key(name)] for name in counts}


def _spelling_key(name: str) -> str:
    """What two spellings of one speaker share (see :func:`one_spelling`): a label in small
    letters shares it with no other spelling."""
    return f"\0{name}" if name[:1].islower() else speaker_key(name)


def _spelled_alike(found: list[_Opening]) -> list[_Opening]:
    """The openings ``found`` each naming its speaker as :func:`one_spelling` gives it."""
    names = one_spelling(o.speaker for o in found)
    if all(name == spelled for name, spelled in names.items()):
        return found
    return [o._replace(speaker=names[o.speaker]) for o in found]


def _alike_turns(turns: Sequence[Turn]) -> tuple[Turn, ...]:
    """``turns`` each naming its speaker as :func:`one_spelling` gives it."""
    names = one_spelling(t.speaker for t in turns)
    if all(name == spelled for name, spelled in names.items()):
        return tuple(turns)
    return tuple(replace(t, speaker=names[t.speaker]) for t in turns)


def _stamped_few(text: str) -> tuple[Turn, ...]:
    """The one or two turns of ``text`` when it is a short transcript in the layout a
    transcription program writes, each name with its time ("Ana Ruiz  0:03" above what she
    said, as Otter writes it; "[00:00:03] Ana Ruiz: ...", "Ana Ruiz (00:00:03):", "Ana Ruiz
    (00:00:03)" above her words), else ``()``.  A speaker must otherwise speak more than
    once, among three turns: such a transcript of a question and its answer, or of one
    speaker alone (a statement, a voice memo, its words in one paragraph or two), had no
    turns.  The lines are laid out alike, their times go forward, each name's words open
    with capitals, nothing but a title stands above them, and what each said ends a
    sentence: an agenda's "Registration  9:00" above "Coffee in the hall" is none, nor is a
    text's "Note: ..." line (no time).  One speaker alone, or a name without a colon, must
    be timed as a recording is, from its start (see :func:`_recorded`): "Registration
    (9:00)" above "Coffee is served." is no one's turn."""
    found = [o for o in map(_opening, turn_lines(text, len(text))) if o.named]
    if not 1 <= len(found) <= 2:
        return ()
    alone = len({o.speaker for o in found}) == 1
    layouts = {tuple(k for k, v in o.match.groupdict().items() if v is not None) for o in found}
    if (
        len(layouts) != 1
        or not all(o.time and _label_capitalised(o.speaker) for o in found)
        or any(o.match.group("bare4") is not None for o in found)
        or any(o.label in NOT_SPEAKERS | EDITORS_LABELS for o in found)
        or (len(found) == 2 and not _forward(found[0].time, found[1].time))
        or ((alone or found[0].loose) and not _recorded(found[0].time))
        or sum(1 for line in text[: found[0].match.start()].splitlines() if line.strip()) > 1
    ):
        return ()
    turns = _turns(text, found)
    said = [text[t.body : t.end].rstrip("\"'”’)]*_ ") for t in turns]
    return turns if len(turns) == len(found) and all(s[-1:] in ".?!…" for s in said) else ()


def _recorded(time: str) -> bool:
    """Whether ``time`` reads as a time into a recording, not a clock's: its hours,
    minutes and seconds written ("00:00:05"), or within its first minute ("0:03")."""
    if time.count(":") >= 2 and not _DATED.match(time):
        return " " not in time.strip()  # ("10:02:33 AM" is a clock's)
    try:
        return _seconds(time) < 60
    except ValueError:
        return False


def _forward(first: str, second: str) -> bool:
    """Whether the turns' times ``first`` then ``second`` go forward; not when either is no
    time of a clock or a recording (a date, "05/04/2023.", stands where a time may)."""
    try:
        return _seconds(first) < _seconds(second)
    except ValueError:
        return False


def _seconds(time: str) -> float:
    """The seconds from the start the turn's ``time`` gives ("0:03", "00:01:02.5", "10:02
    AM" read as a clock's)."""
    words = time.split()  # a date may stand before the clock: "05/04/2023, 09:12:01"
    clock = next((word for word in words if ":" in word), words[0])
    fields = clock.replace(",", ".").split(":")[-3:]
    total = 0.0
    for field in fields:
        total = total * 60 + float(field or 0)
    return total


def _between(found: Sequence[_Opening], speakers: Counter[str]) -> int:
    """How many of the turns ``found`` are of a speaker who speaks once (``speakers``
    counts them) between two turns of speakers who speak again: a moderator's one line, a
    late arrival's "Sorry I am late.", each question of a press conference's journalists
    between the minister's answers.  They are a conversation's as much as its regular
    speakers' turns are: a short interview with one such line, or a press conference, had
    no turns at all.  A glossary's terms, each said once one after another, are none."""
    return sum(
        1
        for before, opening, after in zip(found, found[1:], found[2:], strict=False)
        if speakers[opening.speaker] == 1
        and speakers[before.speaker] > 1
        and speakers[after.speaker] > 1
    )


def _inside(text: str, found: Sequence[_Opening], speakers: Counter[str], repeated: int) -> int:
    """How many of the turns ``found`` (of ``text``) are of a speaker who speaks once after
    the first and before the last turn of speakers who speak again, two such speakers at
    least (a round of introductions, several in a row: "Carlos: I work at the shelter.",
    "Diana: I teach.", between the chair's turns), as many at most as the ``repeated`` turns
    of those who speak again, in a short exchange (:data:`_SHORT_MEETING` turns at most)
    whose every label is a name in capitals and every turn ends a sentence.  A short meeting
    of seven turns, three of them such, had no turns; a glossary's terms, one of them
    written again, a form's fields above and below two speakers' exchange, a mail's
    headers or a manual's keys ("Content-Type: ...", "CTRL-W h: ...") are none."""
    if len(found) > _SHORT_MEETING:
        return 0
    again = [i for i, opening in enumerate(found) if speakers[opening.speaker] > 1]
    if len({found[i].speaker for i in again}) < 2:
        return 0
    once = sum(1 for opening in found[again[0] : again[-1]] if speakers[opening.speaker] == 1)
    if not once or not all(_label_capitalised(opening.speaker) for opening in found):
        return 0
    ends = [o.match.start() for o in found[1:]] + [len(text)]
    notices = _notices(text)  # (a program's notice ends a turn: "Transcribed by ...")
    for opening, end in zip(found, ends, strict=True):
        body = opening.match.end()
        notice = bisect_right(notices, body)
        if notice < len(notices):
            end = min(end, notices[notice])
        if _SAID_END.search(text[body:end].rstrip()) is None:
            return 0
    return min(once, repeated)


_SHORT_MEETING = 20  # turns at most of an exchange whose single speakers count (_inside)


# A line a chat's export opens with a date and a time: a message's, or a notice of the
# chat's own ("5/12/23, 10:05 - Bo left").
_DATED_LINE = LazyPattern(
    r"^[ \t\u200e\u200f]*\[?\d{1,4}[./-]\d{1,2}[./-]\d{2,4},?[ \t]+" + _TIME, re.MULTILINE
)
_MARK = "\u200e"  # an iPhone's export opens a notice, and a photo's message, with one


def _without_notices(text: str, dated: list[_Opening]) -> list[_Opening]:
    """A chat's messages without its own notices, which an iPhone's export writes as the
    messages of the chat's name, their words opened by a left-to-right mark ("Field team:
    \u200eMessages and calls are end-to-end encrypted", "Field team: \u200eAna added Cy"):
    the first message when it is such, and every message of a name all of whose messages
    are (a person's photo is also opened by one, their other messages not)."""
    marked = Counter(o.speaker for o in dated if text.startswith(_MARK, o.match.end()))
    if not marked:
        return dated
    said = Counter(o.speaker for o in dated)
    notices = {name for name, count in marked.items() if count == said[name]}
    first = dated[0]
    return [
        o
        for o in dated
        if o.speaker not in notices and not (o is first and text.startswith(_MARK, o.match.end()))
    ]


class _Opening(NamedTuple):
    """A line opening a turn, what :func:`find_turns` weighs of it read once."""

    match: re.Match[str]
    speaker: str  # as _speaker gives it
    label: str  # the speaker as written, in small letters (weighed against NOT_SPEAKERS)
    time: str  # the first time the line has, else ""
    named: bool = True  # see _named (and not a list's bullet: see _bullet)
    loose: bool = False  # see _loose, or a label alone on its line
    dated: bool = False  # a chat's: its time opens with a date
    timed: bool = False  # a time beside a label a colon or a tab ends
    angled: bool = False  # a nickname in angle brackets with no time before it ("<ana> hi")


_GROUPS = (
    "speaker",
    "alone",
    "bare",
    "bare2",
    "bare3",
    "bare4",
    "bare5",
    *("time", "time2", "time3", "time4", "time5", "time6"),
)


def _opening(match: re.Match[str]) -> _Opening:
    """What :func:`find_turns` weighs of the turn line ``match``."""
    if match.re.pattern in _DASH_SOURCES:  # a name and a dash: no time
        speaker, label, named = _dash_name(match.group("speaker"))
        return _Opening(match, speaker, label, "", named, loose=True)
    if match.re.pattern == _FAMILY_LINE.pattern:  # "Ruiz, Ana: ...": a speaker's if again
        raw = match.group("speaker")
        speaker = label_speaker(raw)
        return _Opening(match, speaker, raw.strip().lower(), "", _family_named(speaker), True)
    raw, alone, bare, *others = match.group(*_GROUPS)
    bare_ones, times = others[:4], others[4:]
    loose = bare is not None or bare_ones != [None, None, None, None]
    speaker = label_speaker(raw)
    bullet = _bullet(raw, match.group())
    time1, time2, _, time4, time5, time6 = times
    dated = _DATED.match(time1 or time4 or "") is not None
    # A chat's export naming each sender by a user name in small letters on a line of its
    # own after the message's date and time ("[5/12/2023 10:02 AM] ana", as Discord's is
    # exported): a name all the same, as an agenda's "10:30 registration" (no date) is none.
    chat_name = dated and bare_ones[1] is not None and speaker[:1].isalpha()
    named = not bullet and (
        chat_name or _named_as(speaker, alone=alone is not None, loose=loose, bare=bare is not None)
    )
    angled = not time1 and match.group("angle") is not None
    if named and angled:
        # A nickname in angle brackets with no time before it ("<ana> hi", a chat log
        # without times) is a name, but not an element of a web page's source ("<li> one").
        named = speaker.lower() not in _ELEMENTS
    time = next((t for t in times if t), "")
    if not time and raw.endswith(("]", ")")):
        noted = _NOTED_TIME.search(raw)  # "Ana [inaudible 00:01:02]": its time the turn's
        time = noted.group(1) if noted else ""
    return _Opening(
        match,
        speaker,
        raw.strip().lower(),
        time,
        named,
        loose or alone is not None,
        dated,
        bool(time1 or time2 or time4 or time5 or time6) and not loose,
        angled,
    )


def _family_named(speaker: str) -> bool:
    """Whether ``speaker``, a name written family name first before a colon ("Ruiz, Ana"),
    reads as one: each word in capitals (a family name's small words aside), and its first
    word none a sentence opens with before a vocative ("Yes, Ana")."""
    family = speaker.split(",", 1)[0].split()
    return family[0].lower() not in _VOCATIVE_OPENERS and _label_capitalised(
        " ".join(_name_words(speaker))
    )


@lru_cache(maxsize=4096)
def _dash_name(raw: str) -> tuple[str, str, bool]:
    """What :func:`_opening` weighs of the name ``raw`` a dash follows: the speaker, the
    label in small letters, and whether it reads as a name.  A transcript names its few
    speakers again and again: each name is weighed once."""
    speaker = label_speaker(raw)
    named = _named_as(speaker, alone=False, loose=True, bare=False)
    return speaker, raw.strip().lower(), named


def _first_time(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return next((groups[k] for k in _TIMES if groups.get(k)), "")


_DATED = LazyPattern(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")  # a time a date opens: a chat's
# The groups of a turn line a time may be in (a timing line above a name alone: "cue").
_TIMES = ("time", "time2", "time3", "time4", "time5", "time6", "cue")


# The notices a transcription program writes among the turns, on lines of their own, no one's
# words: Microsoft Teams' "Ana López started transcription" and "... stopped transcription"
# (its Word export of a meeting's transcript), in the meeting's language too ("Ana López hat
# die Transkription beendet", "... a arrêté la transcription", "... detuvo la transcripción"),
# Otter's "Transcribed by https://otter.ai" at the end of its exports; and a transcriber's
# note of the recording, a line of its own in brackets ("[END OF RECORDING]", "(Recording
# paused)", "[Interview ends]").  They were read as the words of the turn before them.
_NOTICE_ACTS = "|".join(
    (
        r"(?:started|stopped)[ \t]+transcription",
        r"hat[ \t]+die[ \t]+Transkription[ \t]+(?:gestartet|beendet|gestoppt|angehalten)",
        r"a[ \t]+(?:démarré|commencé|lancé|arrêté)[ \t]+la[ \t]+transcription",
        r"(?:ha[ \t]+)?(?:inició|iniciado|comenzó|comenzado|empezó|empezado|detuvo|detenido)"
        r"[ \t]+la[ \t]+transcripción",
        r"ha[ \t]+(?:avviato|iniziato|interrotto|arrestato|terminato)[ \t]+la[ \t]+trascrizione",
        r"(?:iniciou|começou|parou|interrompeu)[ \t]+a[ \t]+transcrição",
        r"heeft[ \t]+(?:de[ \t]+)?transcriptie[ \t]+(?:gestart|gestopt|beëindigd)",
    )
)
_RECORDING_NOTE = (
    r"[\[(](?=[^\])\n]{0,60}[\])][ \t]*$)(?i:"
    r"(?=[^\])\n]*\b(?:recording|transcript|interview|tape)\b)"
    r"(?=[^\])\n]*\b(?:end|ends|ended|ending|stop|stops|stopped|pause|paused|resume|resumes"
    r"|resumed|break|interrupted|interruption|begins|starts|started)\b))[^\])\n]*[\])]"
)
_PROGRAM_NOTICE = LazyPattern(
    # (the name may be written family name first: "Ruiz, Ana stopped transcription")
    r"^[ \t]*(?:[^\W\d_][\w.'’-]*,?(?:[ \t]+[\w.'’-]+){0,3}[ \t]+(?:" + _NOTICE_ACTS + r")"
    r"|Transcribed[ \t]+by[ \t]+(?:https?://)?(?:www\.)?otter\.ai/?"
    r"|" + _RECORDING_NOTE + r")[ \t]*$",
    re.MULTILINE,
)
# The words one of them holds, looked for first (a text without any has none).
_NOTICE_WORDS = (
    "transcription",
    "Transkription",
    "transcripción",
    "trascrizione",
    "transcrição",
    "transcriptie",
    "otter.ai",
    *("ecording", "ECORDING", "ranscript", "RANSCRIPT", "nterview", "NTERVIEW", "TAPE", "Tape"),
)


def _may_hold_notice(text: str) -> bool:
    return any(word in text for word in _NOTICE_WORDS)


def _notices(text: str) -> list[int]:
    """Where the lines of ``text`` holding a program's notice (:data:`_PROGRAM_NOTICE`)
    start, in order; looked for only in a text holding their words."""
    if not _may_hold_notice(text):
        return []
    return [m.start() for m in _PROGRAM_NOTICE.finditer(text)]


def program_notice(line: str) -> bool:
    """Whether the stripped ``line`` is a transcription program's notice (see
    :data:`_PROGRAM_NOTICE`): no one's words, nor a title.  (Looked for only in a line
    holding their words: a text's first screen compiles no pattern it does not need.)"""
    if not _may_hold_notice(line):
        return False
    return _PROGRAM_NOTICE.match(line) is not None


def _with_notices(text: str, stops: Sequence[int]) -> Sequence[int]:
    """``stops`` and the starts of the program's notices of ``text``, in order."""
    notices = _notices(text)
    return sorted({*stops, *notices}) if notices else stops


def _turns(text: str, found: Sequence[_Opening], stops: Sequence[int] = ()) -> tuple[Turn, ...]:
    """The turns the openings ``found`` (in order) begin, each running to the next, or to
    the first of ``stops`` (in order: where a chat's notices start, a table's rows end) or of
    a transcription program's notices after its label."""
    stops = _with_notices(text, stops)
    clocks = _clock_lines(text) if any(not o.time for o in found) else {}
    inside: list[tuple[int, str]] = []  # the times alone on their lines within a turn
    if clocks:
        # A time alone on its line ends the turn above it when a turn opens below it; one
        # among a turn's paragraphs marks when its words below were said: it cut the
        # answer there, the words after it no one's.
        heads = {_line_start(o.match) for o in found}
        inside = [clocks.pop(below) for below in list(clocks) if below not in heads]
        stops = sorted({*stops, *(start for start, _ in clocks.values())})
    turns: list[Turn] = []
    # The time marks f4 and f5 (transcription programs German-speaking research writes its
    # transcripts with, MAXQDA reads) set where a paragraph ends ("#00:01:23-4#"): the time
    # the next turn starts at.  Such a transcript's turns had no time.
    marks = [(m.end(), m.group(1)) for m in _F4_MARK.finditer(text)] if "#" in text else []
    # So does a time in brackets ending a line of what was said ("... at night. [00:00:31]",
    # as a transcriber marks when each answer ends): it was read as a time inside the turn,
    # at its end, and the next turn had no time.
    ends = _line_end_times(text, found)
    if ends:
        marks = sorted([*marks, *ends])
    for i, opening in enumerate(found):
        match = opening.match
        start, body = match.span()
        end = found[i + 1].match.start() if i + 1 < len(found) else len(text)
        if stops:
            stop = bisect_right(stops, body)
            if stop < len(stops) and stops[stop] < end:
                end = stops[stop]
        end = start + len(text[start:end].rstrip())
        if end <= body:
            continue  # a label on a line of its own, the next turn's right below it
        if text[start].isspace():
            start += len(match.group()) - len(match.group().lstrip())
        time = " ".join(opening.time.split())  # a chat's "10:03\u202fPM", its tabs: spaces
        if not time and start in clocks:
            time = clocks[start][1]
        if not time and text[body - 1 : body] == "\n":
            # A label alone on its line, its time on the line below ("Interviewer:", then
            # "(00:00:05)", then what was said): the time was the first words said.
            below = _CLOCK_LINE.match(text, body, end)
            if below is not None:
                time, body = below.group(2), below.end()
        if not time and marks:
            before = bisect_right(marks, (start, "")) - 1
            time = marks[before][1] if before >= 0 else ""
        turns.append(Turn(start, end, body, opening.speaker, time))
    marks = sorted([*marks, *inside]) if inside else marks
    return _with_inner_times(text, _alike_turns(turns), marks, {at for at, _ in ends})


# A time in square brackets (or one of hours, minutes and seconds in parentheses) ending a
# line: when what the line says ends (see _line_end_times).
_LINE_END_TIME = LazyPattern(
    r"(?<=\S)[ \t]+(?:\[((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]"
    r"|\((\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)\))[ \t]*$",
    re.MULTILINE,
)


def _line_end_times(text: str, found: Sequence[_Opening]) -> list[tuple[int, str]]:
    """The times ending the lines of ``text`` after the first turn's label (see
    :data:`_LINE_END_TIME`), ``(end, time)`` each, as f4's marks are: the time of the words
    after it, the next turn's when the turn has no time of its own.  A label's own time
    ("Ana (00:00:05)" alone on its line) is none."""
    if not found or ("]" not in text and ")" not in text):
        return []
    starts = [o.match.start() for o in found]
    ends = []
    for m in _LINE_END_TIME.finditer(text, found[0].match.end()):
        label = found[bisect_right(starts, m.start()) - 1].match
        if m.start() >= label.end():  # (not in the label, as its time)
            ends.append((m.start() + len(m.group().rstrip()), m.group(1) or m.group(2)))
    return ends


def _line_start(match: re.Match[str]) -> int:
    """Where the turn line ``match`` starts, the spaces before it aside."""
    return match.start() + len(match.group()) - len(match.group().lstrip())


def _with_inner_times(
    text: str,
    turns: Sequence[Turn],
    f4_marks: Sequence[tuple[int, str]] = (),
    line_ends: Collection[int] = frozenset(),
) -> tuple[Turn, ...]:
    """``turns`` each with the times marked inside what was said (:data:`_INNER_TIME`,
    where the mark stands, and f4's marks ending a paragraph, ``(end, time)``: the time the
    words after it were said at) as its :attr:`Turn.times`: a passage a few minutes into a
    long answer was cited at the answer's first time.  ``line_ends``: where the times
    ending a line end (:func:`_line_end_times`), given among f4's marks, none of the others."""
    marks = list(f4_marks)
    # (a turn's label's own time, "[00:00:05] Ana: ...", stands where the turn starts: a
    # text whose every "[" opens a turn holds no time inside one, not searched)
    if text.count("[") > sum(1 for turn in turns if text.startswith("[", turn.start)):
        starts = {turn.start for turn in turns}
        inner = [
            (m.start(), m.group(1))
            for m in _INNER_TIME.finditer(text)
            if m.start() not in starts and m.end() not in line_ends
        ]
        marks = sorted([*marks, *inner])
    if "(" in text:  # (a label's own time, "Ana (00:00:05): ...", lies before what was said)
        inner = [
            (m.start(), m.group(1))
            for m in _INNER_PARENTHESISED_TIME.finditer(text)
            if m.end() not in line_ends
        ]
        marks = sorted([*marks, *inner])
    if not marks:
        return tuple(turns)
    timed = list(turns)
    begins = [turn.body for turn in turns]
    at_turn: dict[int, list[tuple[int, str]]] = {}
    for at, time in marks:
        i = bisect_right(begins, at) - 1
        if i >= 0 and at < turns[i].end:
            at_turn.setdefault(i, []).append((at, time))
    for i, found in at_turn.items():
        times: list[tuple[int, str]] = []
        for at, time in found:
            if time != (times[-1][1] if times else turns[i].time):
                times.append((at, time))
        if times:
            timed[i] = replace(turns[i], times=tuple(times))
    return tuple(timed)


# A time alone on its line between turns, as Google Meet writes one every few minutes in its
# transcripts ("00:05:00", a blank line, then "Ana Ruiz: ..."): it was read as the words of
# the turn above it, and the turn below had no time.  A transcriber may write it in
# parentheses or square brackets ("(00:05:00)"), as in what was said.
_CLOCK_LINE = LazyPattern(
    r"^[ \t]*(?P<open>[\[(])?(\d{1,2}:\d{2}:\d{2})(?(open)[\])])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=\S)",
    re.MULTILINE,
)


def _clock_lines(text: str) -> dict[int, tuple[int, str]]:
    """The times alone on their lines of ``text`` (see :data:`_CLOCK_LINE`), by where the
    line below them starts (the turn they give their time to): where the time's line
    starts, and the time."""
    return {m.end(): (m.start(), m.group(2)) for m in _CLOCK_LINE.finditer(text)}


def labelled_turns(text: str, labels: Sequence[tuple[int, int, int]]) -> tuple[Turn, ...]:
    """The turns of ``text`` its converter found the speakers' names of (``(start, end,
    body)`` each: a Word transcript's names set bold, no colon after them), when they read
    as a transcript's, as :func:`find_turns` weighs labels: three at least, most of their
    speakers speaking more than once."""
    named = [
        (start, end, body, label_speaker(text[start:end]))
        for start, end, body in labels
        if " ".join(text[start:end].split()).lower() not in NOT_SPEAKERS
    ]
    names = one_spelling(name for *_, name in named)
    named = [(start, end, body, names[name]) for start, end, body, name in named]
    speakers = Counter(name for *_, name in named)
    repeated = sum(n for n in speakers.values() if n > 1)
    if len(named) < _MIN_TURNS or len(speakers) > _MAX_SPEAKERS or repeated < 0.6 * len(named):
        return ()
    turns = []
    stops = _notices(text)
    for i, (start, _, body, name) in enumerate(named):
        end = named[i + 1][0] if i + 1 < len(named) else len(text)
        stop = bisect_right(stops, body)
        if stop < len(stops) and stops[stop] < end:
            end = stops[stop]  # a program's notice below the turn (see _notices)
        end = start + len(text[start:end].rstrip())
        turns.append(Turn(start, max(end, body), body, name))
    return _with_inner_times(text, turns)


# A message of the chat a Zoom meeting saves (meeting_saved_chat.txt): its time, "From", its
# sender, to whom it went ("to Everyone", "to Ana(Direct Message)"), a colon, and the
# message after it, on its line (Zoom before 5.x) or on the lines below, a tab before each.
_ZOOM_LINE = LazyPattern(
    r"^(?P<time>\d{1,2}:\d{2}:\d{2})[ \t]+From[ \t]+(?P<speaker>[^\s:](?:[^\n:]*?[^\s:])?)"
    r"(?:[ \t]+to[ \t]+[^\n:]*?)?[ \t]*:[ \t]*(?:\n[ \t]*)?(?=\S)",
    re.MULTILINE,
)


def _zoom_chat(text: str) -> list[re.Match[str]]:
    """The messages of ``text`` when it is a Zoom meeting's saved chat (two at least in
    its first 64 KB), else ``[]``.  Read as a transcript, "10:02:33 From Ana to Everyone:"
    named no speaker, and the chat had no turns.  Only the lines a "From " is in are
    looked at first: a text's every line is not tried.  "From " is looked for by its "F"
    (:func:`find_rare`): found by ``str.find``, its five characters went at a character's
    pace through the rest of every text after its last one (15 us for 10 KB of prose).  A
    sample without a colon, as most prose is, holds no message's time: not looked at (each
    "From " opening a sentence of it was, and each "F" before it)."""
    if text.find(":", 0, _SAMPLE) < 0:
        return []  # no time in the sample: no message (each "From " was looked at)
    found = 0
    at = find_rare(text, "From ", 0, _SAMPLE)
    while at >= 0 and found < _MIN_TURNS:
        line = text.rfind("\n", 0, at) + 1
        if _ZOOM_LINE.match(text, line) is not None:
            found += 1
        newline = text.find("\n", at, _SAMPLE)
        at = find_rare(text, "From ", newline, _SAMPLE) if newline >= 0 else -1
    # (two messages are a chat: a line so written, its time to the second, "From", a name,
    # a colon, is none of prose; a chat of two messages had no turns)
    return list(_ZOOM_LINE.finditer(text)) if found >= 2 else []


def _questions_and_answers(text: str) -> list[re.Match[str]]:
    """The lines of ``text`` opening a question ("Q. ...") or an answer ("A. ..."), as a
    deposition's transcript has them, when it reads as one: two questions and two answers at
    least in its first 64 KB, each question mostly answered right after.  Else ``[]``: an
    outline's "A. Introduction" is none."""
    if find_rare(text, "Q.", 0, _SAMPLE) < 0:  # no copy of the sample made to look
        return []
    sample = [m.group("speaker") for m in _ANSWERED_LINE.finditer(text, 0, _SAMPLE)]
    questions, answers = sample.count("Q"), sample.count("A")
    answered = sum(1 for pair in itertools.pairwise(sample) if pair == ("Q", "A"))
    if min(questions, answers) < 2 or 2 * answered < min(questions, answers):
        return []
    return list(_ANSWERED_LINE.finditer(text))


# A speaker's name alone on its line, no colon after it, what was said on the lines below
# ("INTERVIEWER" above "How did you come here?"), as a script or a transcript typed in
# Word writes it.
# The time a meeting's transcript gives below the name ("Ana López", "10:02", then what she
# said, as Google Meet writes one) is the turn's: it was read as the first words said.  So
# is the start of the timing line above the name, as Microsoft Teams and Stream wrote their
# transcripts ("0:0:4.32 --> 0:0:8.64", "Ana López", what she said): the line opens the
# turn; it ended the turn before, which had no time.  In a Word or OpenDocument file each
# line is a paragraph, a blank line below it in the text ("INTERVIEWER", a blank line, the
# question): such a transcript had no turns, where the same one written with its words on
# the line below the name had.
_CUE_TIME = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_NAME_LINE = LazyPattern(
    r"^(?:[ \t]*(?P<cue>" + _CUE_TIME + r")[ \t]*-->[ \t]*" + _CUE_TIME + r"[^\n]*\n(?:[ \t]*\n)?)?"
    r"[ \t]*(?P<speaker>(?:[^\W\d_][\w.'’-]*(?:[ \t][\w.'’-]+){0,3}|[^\W\d_]{1,3}\d{1,3})"
    r"(?:[ \t]+(?:" + _ATTENDEE + "|" + _PRONOUNS + r"))*)"  # ("Ana Ruiz (Guest)", "(she/her)")
    r"[ \t]*\n(?:[ \t]*\n)?"
    r"(?:[ \t]*(?P<open>[\[(])?(?P<time>" + _TIME + _HALF_DAY + r")(?(open)[\])])"
    r"[ \t]*\n(?:[ \t]*\n)?)?(?=[ \t]*\S)",
    re.MULTILINE,
)
_NAMES_ALONE = 8  # speakers at most of a transcript naming them so


def _names_alone(text: str) -> list[re.Match[str]]:
    """The lines of ``text`` that name a speaker alone, no colon after the name, when it
    reads as a transcript written so: four such lines at least in its first 64 KB, of
    eight speakers at most, each speaking more than once and alternating with another,
    each name read as one (each word opening with a capital, no record's heading), and
    no name right below another; or with the turn's time below each name (see
    :func:`_timed_names`).  Else ``[]``: a document's headings are none."""
    if not _lines_at_least(text, 2 * _MIN_TURNS, _SAMPLE):
        return []
    # Short lines written more than once, as a name is: most texts have none, and are
    # not looked at further (a line at a time by the regex, 6 ms for 64 KB of prose).
    lines = short_lines(text, _SAMPLE)
    if not lines:  # (prose: no name, no time alone; no counters made)
        return []
    short = Counter(map(str.strip, lines))
    return _names_said_again(text, short) or _timed_names(text, short)


def _names_said_again(text: str, short: Counter[str]) -> list[re.Match[str]]:
    """:func:`_names_alone` of names each said twice at least (``short``: the short lines
    of the sample, stripped, counted)."""
    named: Counter[str] = Counter()  # (a name with her pronouns, or not, one name)
    for line, n in short.items():
        named[speaker_name(line)] += n
    if sum(1 for name, n in named.items() if n > 1 and _capitalised(name)) < 2:
        return []
    sample = _names_below(text, _SAMPLE)
    speakers = Counter(_spelling_key(_speaker(m)) for m in sample)  # (one speaker in two cases)
    known = frozenset(name for name, n in speakers.items() if n > 1)
    # The labels a colon ends alone on their lines ("P3:" above what P3 said) between them
    # are the other speakers': "INTERVIEWER" above each question, "P3:" above each answer,
    # read as P3's turns alone, each holding the question after it.
    sample = sorted(
        [*_names_below(text, _SAMPLE, known), *_labels_alone(text, _SAMPLE)],
        key=lambda m: m.start(),
    )
    speakers = Counter(_spelling_key(_speaker(m)) for m in sample)
    if (
        len(sample) < _MIN_TURNS + 1
        or not 2 <= len(speakers) <= _NAMES_ALONE
        or min(speakers.values()) < 2
        or any(_same_speaker(a, b) for a, b in itertools.pairwise(sample))
        or _reads_as_sections(text, sample)
    ):
        return []
    return _names_below(text, len(text), known)


# A time alone on its line, in brackets or not ("0:07", "[00:00:07]", "10:02 AM").
_TIME_ALONE = LazyPattern(r"(?P<open>[\[(])?" + _TIME + _HALF_DAY + r"(?(open)[\])])")


def _timed_names(text: str, short: Counter[str]) -> list[re.Match[str]]:
    """The lines of ``text`` naming a speaker alone with the turn's time on the line below
    ("Ana Ruiz", "0:07", then what was said), when they read as a transcript's: two such
    at least, of eight speakers at most, their times going forward, most of the sample's
    times alone on their lines (``short``: its short lines, stripped, counted) below a name,
    and not every time a clock's on a five minutes' mark (an agenda's "Lunch", "12:00").
    Else ``[]``.  A short transcript so written, a speaker in it speaking once, had no turns:
    names alone are taken without a time only when each is said twice."""
    alone = sum(n for line, n in short.items() if _TIME_ALONE.fullmatch(line))
    if alone < 2:
        return []
    found = [m for m in _names_below(text, len(text)) if m.group("time") is not None]
    in_sample = sum(1 for m in found if m.start() < _SAMPLE)
    times = [m.group("time") for m in found]
    pairs = itertools.pairwise(times)
    if (
        in_sample < 2
        or 2 * in_sample < alone
        or len({_spelling_key(_speaker(m)) for m in found}) > _NAMES_ALONE
        or any(_forward(b, a) or (a != b and not _forward(a, b)) for a, b in pairs)
        or all(_CLOCK_MARK.fullmatch(time) for time in times)
    ):
        return []
    return found


def _cued_names(text: str) -> list[re.Match[str]]:
    """The lines of ``text`` naming a speaker alone below a timing line, as Microsoft Teams
    and Stream wrote their transcripts ("0:0:4.32 --> 0:0:8.64", "Ana López", what she
    said), when every timing line of the text is such and two at least: a short meeting's
    transcript, each speaking once, had no turns.  Else ``[]``."""
    # Its ">" looked for alone first, at memchr's pace: most texts hold none, where the three
    # characters looked for together went a character at a time through each (7 us a 10 KB
    # text, 2% of a first listing).
    if text.find(">", 0, _SAMPLE) < 0 or "-->" not in text[:_SAMPLE]:
        return []
    found = [m for m in _names_below(text, len(text)) if m.group("cue") is not None]
    if len(found) < 2 or len(found) != len(_TIMING_LINE.findall(text)):
        return []
    return found


_TIMING_LINE = LazyPattern(r"^[ \t]*" + _CUE_TIME + r"[ \t]*-->", re.MULTILINE)
# A heading's article ("The Road", "La Casa", "Der Fluss"): no speaker's name opens so.
_ARTICLES = frozenset(
    {"the", "a", "an", "el", "la", "los", "las", "le", "les", "der", "die", "das", "il",
     "lo", "gli", "het", "een"}
)  # fmt: skip
# A part of a work and its number ("ACT ONE", "Scene 2", "Chapter IV", "Canto 3"): a
# heading, never a speaker's name alone on its line.  So is a study's interview and its
# number ("Interview 5: Rosa, Ciudad Hidalgo" above the transcript: "Interview 5" was a
# speaker of one turn, the place her words, the transcript titled by its file's name).
_PART_HEADING = LazyPattern(
    r"(?i:act|scene|chapter|part|book|section|volume|canto|poem|song|stanza|episode|session"
    r"|day|interview|transcript|focus[ \t]group|tape|recording)"
    r"[ \t]+(?i:\d{1,3}|[ivxlc]{1,6}|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
)
_VERSE_LINE = 60  # code points: a line of verse is short, a transcript's typed line longer


def _reads_as_sections(text: str, sample: list[re.Match[str]]) -> bool:
    """Whether the lines naming speakers alone of ``sample`` (in ``text``) read rather as
    the titles of a work's sections repeating in turn (a collection's poems "The Road" and
    "The River"), weighing what tells them apart: titles open with an article, verse
    stands below them (short lines, most ending no sentence); a transcript's speakers ask
    questions, and are named by roles and tags in capitals ("INTERVIEWER", "P1")."""
    names = {_speaker(m) for m in sample}
    stops = [m.start() for m in sample[1:]] + [sample[-1].end() + 2_000]
    bodies = [text[m.end() : stop] for m, stop in zip(sample, stops, strict=True)]
    titled = all(" " in name and name.split()[0].lower() in _ARTICLES for name in names)
    verse = 2 * sum(_verse(body) for body in bodies) > len(bodies)
    asked = 4 * sum("?" in body or "？" in body for body in bodies) >= len(bodies)
    tagged = all(name.isupper() or _TAG_NAME.fullmatch(name) for name in names)
    return titled + verse > asked + tagged


_TAG_NAME = LazyPattern(r"[^\W\d_]{1,3}\d{1,3}|[^\W\d_]+ \d{1,3}")  # "P1", "Speaker 2"


def _verse(body: str) -> bool:
    """Whether ``body``, what stands below a name, is verse: two lines or more, each short,
    most of them but the last ending no sentence (a stanza's sentence runs over its lines;
    a transcript's words typed a sentence a line end each)."""
    lines = [line.strip() for line in body.strip().split("\n") if line.strip()]
    if len(lines) < 2 or any(len(line) > _VERSE_LINE for line in lines):
        return False
    return 2 * sum(line[-1] in ".!?…" for line in lines[:-1]) < len(lines) - 1


# A line of one to 40 code points after a newline: the regex engine goes from newline to
# newline in C, and past a longer line at its 41st code point (possessive: no way back).
_SHORT = 40
_SHORT_LINE = LazyPattern(rf"\n([^\n]{{1,{_SHORT}}}+)(?=\n|\Z)")


def short_lines(text: str, end: int) -> list[str]:
    """The lines of ``text[:end]`` (as ``split("\\n")`` cuts it) of one to 40 code points, in
    no set order.  Found by a regex, not split and measured one by one in Python: a fifth of
    the look for speakers in each plain text of a first listing, the lines of prose long."""
    end = min(end, len(text))
    found: list[str] = _SHORT_LINE.findall(text, 0, end)
    first = text.find("\n", 0, end)
    first = end if first < 0 else first
    if 0 < first <= _SHORT:
        found.append(text[:first])
    return found


def _labels_alone(text: str, end: int) -> list[re.Match[str]]:
    """The lines of ``text[:end]`` holding a speaker's label alone, a colon after it
    ("INTERVIEWER:", what was said below), each read as a name (see :func:`_named`)."""
    return [
        m
        for m in turn_lines(text, end)
        if m.group("alone") is not None and _named(m) and _speaker(m).lower() not in NOT_SPEAKERS
    ]


def _lines_at_least(text: str, count: int, end: int) -> bool:
    """Whether ``text[:end]`` holds ``count`` line breaks: found one by one, not all of them
    counted (64 KB of every document of a corpus scanned to compare with six)."""
    at = -1
    for _ in range(count):
        at = text.find("\n", at + 1, end)
        if at < 0:
            return False
    return True


def _names_below(text: str, end: int, known: frozenset[str] | None = None) -> list[re.Match[str]]:
    """The lines of ``text[:end]`` naming a speaker alone (:data:`_NAME_LINE`), of
    ``known`` when given (their names as :func:`_spelling_key` gives them); then ``[]`` when
    one has another right below it (a list, a poem: no transcript's names)."""
    found: list[re.Match[str]] = []
    for match in _NAME_LINE.finditer(text, 0, end):
        name = _speaker(match)
        if known is not None and _spelling_key(name) not in known:
            continue
        if name[-1] in ".!?" or not _capitalised(name):
            continue  # what was said ("Yes."), or a line of prose
        if name.lower() in NOT_SPEAKERS | _PARTS_OF_RECORDS or _PART_HEADING.fullmatch(name):
            continue
        if known is not None and found and found[-1].end() == match.start():
            return []  # a name right below a name
        found.append(match)
    return found


def _capitalised(name: str) -> bool:
    """Whether each word of ``name`` opens with a capital (or a digit, or a letter of a
    script without capitals)."""
    return all(
        word[0].isdecimal() or (word[0].isalpha() and not word[0].islower())
        for word in name.split()
    )


def _line_end(text: str, at: int) -> int:
    """Where the line of ``text`` holding ``at`` ends (its newline, or the text's end)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _table_rows(text: str) -> list[re.Match[str]]:
    """The rows of ``text`` opening a turn of a transcript set as a table ("00:00:05 │ Ana │
    Under the bridge.", or its cells parted by tabs: "Ana<tab>00:00:05<tab>Under the
    bridge."), when it reads as one: three rows at least, most of their speakers speaking more
    than once, the speaker changing at more than half the rows.  Else ``[]``: a table of names
    and numbers is none, nor one whose first column groups its rows."""
    not_speakers = _HEADER_CELLS | NOT_SPEAKERS  # once, not once a row
    for rows_of, cell in ((_TABLE_ROW, "│"), (_TAB_ROW, "\t"), (_LAST_ROW, "│")):
        if text.find(cell, 0, _SAMPLE) < 0:
            continue
        rows = [
            row
            for row in rows_of.finditer(text, 0, _SAMPLE)
            if _speaker(row).lower() not in not_speakers
        ]
        speakers = Counter(_spelling_key(_speaker(row)) for row in rows)
        repeated = sum(n for n in speakers.values() if n > 1)
        if len(rows) < _MIN_TURNS or len(speakers) > _MAX_SPEAKERS or repeated < 0.6 * len(rows):
            continue
        if not _rows_said(text, rows, cell) and not _recorded_rows(rows):
            # Its other cells no one's words: a timetable's days ("Monday │ Shelter visit"),
            # a table of regions and their cities, read as speakers' turns.  (Rows timed as
            # a recording is are a transcript's whatever they say: see _recorded_rows.)
            continue
        changes = sum(not _same_speaker(a, b) for a, b in itertools.pairwise(rows))
        if 2 * changes <= len(rows) - 1 and not _timed_forward(rows):
            # The first cell the same row after row as often as not: a column grouping
            # the rows (a theme spanning its questions' rows, read in each), not speakers
            # taking turns.  Rows timed forward are a recording's segments, a speaker's
            # several in a row ("00:00:05 │ Luis │ ..." after "00:00:01 │ Luis │ ..."): such
            # a transcript had no turns.
            continue
        if _parameter_tables(text, rows, cell):
            continue
        return [row for row in rows_of.finditer(text) if _speaker(row).lower() not in not_speakers]
    return []


def _parameter_tables(text: str, rows: Sequence[re.Match[str]], cell: str) -> bool:
    """Whether ``rows`` (of ``text``, their cells parted by ``cell``) stand in three tables
    at least, none naming a speaker twice, more names among them than any has rows: a
    manual's tables of parameters, one a function ("ctxt: │ the XSLT transformation
    context", "target: │ ...", "Returns: │ ..."), read as a transcript's table whose
    speakers each spoke once in turn.  A transcript's table has its speakers speak again in
    it; one set a table an exchange ("Q │ ...", "A │ ...") names its speakers in each.
    (Tables with nothing but blank lines between them are one: a transcript set a table a
    turn, each a row.)"""
    tables: list[set[str]] = [set()]
    sizes = [0]
    after = -1  # where the line of the row before ends
    for row in rows:
        start = text.rfind("\n", 0, row.start()) + 1
        # (the lines between two rows of one table are its rows too: a header's, a row
        # of no speaker's)
        between = text[after:start].split("\n")[1:-1] if after >= 0 else []
        if any(line.strip() and cell not in line for line in between):
            tables.append(set())
            sizes.append(0)
        name = _spelling_key(_speaker(row))
        if name in tables[-1]:
            return False
        tables[-1].add(name)
        sizes[-1] += 1
        after = _line_end(text, row.end())
    names = set().union(*tables)
    return len(tables) >= _MIN_TURNS and len(names) > max(sizes)


def _tables_of(
    text: str, speakers: set[str], openings: Sequence[int]
) -> tuple[list[int], list[re.Match[str]]]:
    """Where each table of ``text`` (its lines of cells, "│" between them) ending the turn
    it is in starts, and the rows of those among them read as turns: every row but a
    header's naming one of ``speakers`` (their :func:`_spelling_key`), most saying something
    (:func:`_rows_said`).  A table of no turns ends none when it stands inside an answer:
    words below it, then a turn opening (of ``openings``, in order: where the turns found
    open): a table in the middle of an answer left the answer's words after it in no turn."""
    blocks: list[list[tuple[int, int]]] = [[]]  # the lines of each table
    for line in _CELLS_LINE.finditer(text):
        if blocks[-1] and line.start() != blocks[-1][-1][1] + 1:
            blocks.append([])
        blocks[-1].append(line.span())
    starts: list[int] = []
    turns: list[re.Match[str]] = []
    for block in blocks if blocks[0] else ():
        rows = _table_turns(text, block, speakers)
        if rows or not _inside_answer(text, block[-1][1], openings):
            starts.append(block[0][0])
        turns += rows
    return starts, turns


def _inside_answer(text: str, end: int, openings: Sequence[int]) -> bool:
    """Whether words stand between ``end`` (a table's) and the next of ``openings`` (where
    turns open, in order), and there is one: the table is inside the answer above it."""
    following = bisect_right(openings, end)
    return following < len(openings) and bool(text[end : openings[following]].strip())


# A line of a table's cells, as the converters set a table's row ("Ana │ Under the bridge.").
_CELLS_LINE = LazyPattern(r"^[^\n│]*│[^\n]*$", re.MULTILINE)


def _table_turns(
    text: str, block: Sequence[tuple[int, int]], speakers: set[str]
) -> list[re.Match[str]]:
    """The rows of the table whose lines are ``block`` as turns of ``speakers``, else ``[]``."""
    rows: list[re.Match[str]] = []
    for start, end in block:
        row = _TABLE_ROW.match(text, start, end) or _LAST_ROW.match(text, start, end)
        if row is not None and _spelling_key(_speaker(row)) in speakers:
            rows.append(row)
            continue
        cells = {c.strip().lower() for c in text[start:end].split("│")} - {""}
        if rows or not cells <= _HEADER_CELLS:
            return []  # a row of no speaker's, or a header below the rows
    return rows if rows and (_rows_said(text, rows, "│") or _recorded_rows(rows)) else []


# How what someone said ends: a sentence's end, in a script's own marks too.
_SAID_ENDS = frozenset(".?!…。？！")


def _rows_said(text: str, rows: Sequence[re.Match[str]], cell: str) -> bool:
    """Whether the cells of ``rows`` after their speakers' read as what was said, most of
    them a sentence ended or six words at least, as a transcription's rows are: a
    timetable's activities, a list's cities, a glossary's short senses are none."""
    said = 0
    for row in rows:
        end = _line_end(text, row.end())
        if row.start("speaker") > row.end():  # the name last: what was said before it
            end = text.rfind(cell, row.end(), row.start("speaker"))
        words = text[row.end() : end].split(cell, 1)[0].strip().rstrip("\"'”’)] ")
        said += words[-1:] in _SAID_ENDS or len(words.split()) >= 6
    return 2 * said >= len(rows)


def _recorded_rows(rows: Sequence[re.Match[str]]) -> bool:
    """Whether ``rows`` read as a recording's segments whatever their cells say: each
    timed, forward from a time into a recording (:func:`_recorded`: "00:00:01", "0:03"; a
    clock's "09:00" is a timetable's), most later than the one before, two speakers at
    least taking turns.  An automatic
    captioning's export writes what was said in small letters, short and never ending a
    sentence ("00:00:03 │ Luis │ by bus"): such a transcript had no turns."""
    if not _timed_forward(rows):
        return False
    times = [row.groupdict().get("time") or row.groupdict().get("time2") or "" for row in rows]
    # (most rows later than the one before: rows of one time, "00:00:05" in each, are no
    # recording's, which goes on)
    later = sum(_seconds(b) > _seconds(a) for a, b in itertools.pairwise(times))
    return (
        2 * later >= len(rows) - 1
        and _recorded(times[0])
        and any(not _same_speaker(a, b) for a, b in itertools.pairwise(rows))
    )


def _timed_forward(rows: Sequence[re.Match[str]]) -> bool:
    """Whether every one of ``rows`` has its time, each at or after the one before."""
    times = [row.groupdict().get("time") or row.groupdict().get("time2") for row in rows]
    try:
        seconds = [_seconds(time) for time in times if time]
    except ValueError:
        return False
    return len(seconds) == len(rows) and all(a <= b for a, b in itertools.pairwise(seconds))


def _said_before_names(
    text: str, turns: tuple[Turn, ...], rows: Sequence[re.Match[str]]
) -> tuple[Turn, ...]:
    """``turns`` with what was said ending before the speaker's cell where a table's row
    names its speaker last (see :data:`_LAST_ROW`): her name was read as her last words."""
    said: dict[int, int] = {}
    for row in rows:
        if row.start("speaker") > row.end():  # the name after what was said
            cell = text.rfind("│", row.end(), row.start("speaker"))
            said[row.end()] = row.end() + len(text[row.end() : cell].rstrip())
    if not said:
        return turns
    return tuple(replace(t, said=said[t.body]) if t.body in said else t for t in turns)


def turn_lines(text: str, end: int) -> Iterator[re.Match[str]]:
    """The lines of ``text[:end]`` that open a turn, as ``_TURN_LINE.finditer`` finds them,
    but tried only where a line with a colon (or a full-width one), a tab, a closing square
    or angle bracket ("<ana> hi") or a dash between spaces starts: the regex engine would
    try every position (a tenth of a millisecond for each 10 KB of prose)."""
    end = min(end, len(text))  # a text shorter than the sample asked for
    pos = 0
    # Where the next of each mark is (-1: none; -2: not looked for).  Every turn line has
    # one: other lines are not tried.  Each is looked for again once passed: a text without
    # tabs is not searched for one at every line.
    # Each kind of dash apart: a text whose hyphens are never between spaces was searched
    # to its end for one again each time an en dash between spaces was passed (a 50 MB
    # article of such dashes took minutes to list).
    colon = tab = wide = bracket = angle = hyphen = en = em = -2
    while True:
        if -1 != colon < pos:
            colon = text.find(":", pos, end)
        if -1 != tab < pos:
            tab = text.find("\t", pos, end)
        if -1 != wide < pos:
            wide = text.find("：", pos, end)
        if -1 != bracket < pos:
            bracket = text.find("]", pos, end)
        if -1 != angle < pos:
            angle = text.find(">", pos, end)
        if -1 != hyphen < pos:
            hyphen = _find_spaced(text, "-", pos, end)
        if -1 != en < pos:
            en = _find_spaced(text, "–", pos, end)
        if -1 != em < pos:
            em = _find_spaced(text, "—", pos, end)
        dash = min((at for at in (hyphen, en, em) if at >= 0), default=-1)
        mark = end
        for at in (colon, tab, wide, bracket, angle, dash):
            if 0 <= at < mark:
                mark = at
        if mark == end:
            return
        line = text.rfind("\n", pos, mark) + 1 or pos
        match = None
        if mark == dash:
            # The whole lines from here to the one holding the next other mark (a colon, a
            # tab...), where a name and a dash alone can open a turn, read at once: line by
            # line, a transcript of 126,000 "Name - " turns took a second.
            other = min((at for at in (colon, tab, wide, bracket, angle) if at >= 0), default=end)
            stop = text.rfind("\n", line, other) + 1
            if stop > line:
                yield from _dash_lines(text, line, stop, end)
                pos = stop
                continue
            # A name and a dash opening the line ("Ana - Hello."), when nothing else can.
            if _only_dash(text, line, dash, (colon, tab, wide, bracket, angle)):
                match = _DASH_LINE.match(text, line, end)
                if match is not None and match.group("speaker")[0].islower():
                    match = None  # prose ("the road - it went on"): no name (see _named)
            # Lines of prose a dash is in ("the road - it went on"), as many as follow
            # one another, passed over at once: one at a time, a 10 MB text opening like
            # a transcript, a dash on every line after, took seconds.
            prose = None if match is not None else _DASHED_PROSE.match(text, line, end)
            if prose is not None and prose.end() > line:
                pos = prose.end()
                continue
        if match is None:
            match = _TURN_LINE.match(text, line, end)
            if match is None and mark == colon and _family_first(text, line, mark):
                match = _FAMILY_LINE.match(text, line, end)  # "Ruiz, Ana: ..."
        if match is not None:
            yield match
        newline = text.find("\n", mark, end)
        if newline < 0:
            return
        pos = newline + 1


def _family_first(text: str, line: int, colon: int) -> bool:
    """Whether the line of ``text`` starting at ``line`` may open with a name written family
    name first before its ``colon`` (:data:`_FAMILY_LINE`): a comma near its start, a
    capital after it ("Ruiz, Ana:"; a sentence's "Well, as the report says:" is passed over
    without the pattern tried)."""
    comma = text.find(", ", line, min(colon, line + _FAMILY_REACH))
    return comma > line and text[comma + 2 : comma + 3].isupper()


_FAMILY_REACH = 48  # code points from a line's start a family name's comma may stand at


def _dash_lines(text: str, start: int, stop: int, end: int) -> Iterator[re.Match[str]]:
    """The lines of ``text[start:stop]`` (whole lines, no colon, tab or closing square
    bracket in them) opening a turn with a name and a dash (:data:`_DASH_LINE`), found by
    the regex engine line after line; but lines of prose (see :data:`_DASHED_PROSE`), as
    many as follow one another passed over at once."""
    pos = start
    while (match := _DASH_LINES.search(text, pos, stop)) is not None:
        pos = match.end()
        if match.group("speaker")[0].islower():
            prose = _DASHED_PROSE.match(text, match.start(), stop)
            if prose is not None and prose.end() > match.start():
                pos = prose.end()  # "the road - it went on", and the prose after it
                continue
        yield match


def _only_dash(text: str, line: int, dash: int, marks: tuple[int, ...]) -> bool:
    """Whether the line of ``text`` at ``line`` has a dash between spaces at ``dash`` and no
    other mark (``marks``: where the next colon, tab, full-width colon and closing square
    bracket are, -1 none), so that only :data:`_DASH_LINE` may match it."""
    newline = text.find("\n", dash)
    stop = len(text) if newline < 0 else newline
    return all(at < 0 or at >= stop for at in marks)


# Lines that cannot open a turn though a dash between spaces is in them: no colon, tab or
# square bracket, and a word in small letters before their first such dash (a name is in
# capitals: see _named), or no such dash at all.
_DASHED_PROSE = LazyPattern(
    r"(?:(?=[^\n:\t：\]]*\n)"
    r"(?:(?![ \t][-–—][ \t])[^\n])*?(?:\n|(?<![^ \t\n\u200e\u200f])[a-zß-öø-ÿ][^\n]*\n))+"
)


def _find_spaced(text: str, dash: str, start: int, end: int) -> int:
    """Where the first ``dash`` (``-``, ``–`` or ``—``) between spaces of
    ``text[start:end]`` is, or -1.  The dash is looked for alone, at memchr's pace (a dash
    in an ASCII text that it cannot hold, at once), its spaces checked where it is: a search
    for the three characters went a character at a time through every file a listing read
    (13 us for 10 KB, for the hyphen's alone).  After a few dashes not between spaces (a
    list of compounds, a rule of dashes) the three characters are looked for together."""
    end = min(end, len(text))  # a dash ending the text has no space after it
    if end - start < 3:  # no room for a dash and its spaces (nor a negative index)
        return -1
    at = text.find(dash, start + 1, end - 1)
    for _ in range(_DASH_TRIES):
        if at < 0 or (text[at - 1] == " " and text[at + 1] == " "):
            return at
        at = text.find(dash, at + 1, end - 1)
    if at < 0:
        return -1
    spaced = text.find(f" {dash} ", at - 1, end)
    return spaced + 1 if spaced >= 0 else -1


_DASH_TRIES = 8


def opens_turn(text: str, start: int) -> bool:
    """Whether the line of ``text`` at ``start`` reads as a turn's opening ("Ana: Happy to be
    here.", "[00:01:02] P03: Yes.", "Q: Why?", a Zoom chat's "10:01:02 From Ana to
    Everyone:"), whether or not the text is a transcript."""
    match = _TURN_LINE.match(text, start, len(text))
    not_speakers = NOT_SPEAKERS - _QUESTIONS
    if match is None or not _named(match):
        return (
            _ANSWERED_LINE.match(text, start, len(text)) is not None
            or _ZOOM_LINE.match(text, start) is not None
        )
    return match.group("speaker").strip().lower() not in not_speakers


def opens_exchange(text: str, start: int) -> bool:
    """Whether ``text`` from the line at ``start`` on is a short exchange of turns too few
    for a transcript (:data:`_MIN_TURNS`): two lines or so, each opening a turn
    (:func:`opens_turn`), each speaker another than the one before ("Ana: Where did you
    grow up?" above "Ben: In a village."), each ending as a sentence does; blank lines
    aside, nothing else but a turn's words wrapped onto the lines below its opening
    (:func:`_wrapped_on`)."""
    if len(text) - start > _EXCHANGE:
        return False
    lines = text[start:].split("\n")
    width = max(len(line.rstrip()) for line in lines)
    speakers: list[str] = []
    said = ""  # the last line of the turn read so far
    for line in lines:
        at, start = start, start + len(line) + 1  # where this line starts, and the next
        if not line.strip():
            if said and _SAID_END.search(said) is None:
                return False  # "Interview 3: Tapachula", "Meeting notes: May": a title's line
            said = ""
            continue
        match = _TURN_LINE.match(text, at, len(text))
        if match is None or not opens_turn(text, at):
            if said and _wrapped_on(said, line, width):
                said = line.rstrip()
                continue
            return False
        if len(speakers) == _MIN_TURNS or (said and _SAID_END.search(said) is None):
            return False
        speaker = _speaker(match)
        if speakers and speaker == speakers[-1]:
            return False
        speakers.append(speaker)
        said = line.rstrip()
    if said and _SAID_END.search(said) is None:
        return False
    return len(speakers) >= 2


def _wrapped_on(above: str, line: str, width: int) -> bool:
    """Whether ``line`` goes on with the words of the line ``above`` it, wrapped at
    ``width`` columns (the longest line's): ``above`` breaks off a sentence, is as long as a
    wrapped line is, and the first word of ``line`` would not have fitted on it ("... the
    border, so" above "we waited for hours."; a short title above a line of its own, "Interview
    3: Tapachula" above "We met at the shelter.", is none)."""
    words = line.split()
    return (
        _SAID_END.search(above) is None
        and len(above) >= _WRAPPED_LINE
        and len(above) + 1 + len(words[0]) > width
    )


_WRAPPED_LINE = 40  # code points at least of a line a text was wrapped after


_EXCHANGE = 2_000  # code points at most of a short exchange (a transcript is longer)
# What a line a speaker said ends with: a sentence's end, a closing quotation mark after it.
_SAID_END = LazyPattern(r"[.?!…。？！][\"'”’»)\]]*$")


_QUESTIONS = frozenset({"q"})


def _answered(lines: list[re.Match[str]]) -> bool:
    """Whether ``lines`` (openings of turns) label questions and answers: "Q:" and "A:", or
    "Q:" questions each answered by a named speaker ("General: ...") at least twice (a list
    of questions and answers with no speaker, a FAQ, is none)."""
    labels = [m.group("speaker").strip().lower() for m in lines]
    if "q" not in labels:
        return False
    if "a" in labels:
        return True
    answered = sum(
        1
        for asked, said in itertools.pairwise(labels)
        if asked == "q" and said != "q" and said not in NOT_SPEAKERS
    )
    return answered >= 2


def reads_as_transcript(text: str) -> bool:
    """Whether ``text`` opens as a transcript (:func:`find_turns` on its first 64 KB)."""
    return bool(find_turns(text[:_SAMPLE]))


def _bullet(speaker: str, line: str) -> bool:
    """Whether the turn line ``line`` (its ``speaker`` as written) is a list's item copied
    from Word: a small letter, a tab (no colon) and the item ("o<tab>call the shelter", its
    second level's bullet)."""
    return len(speaker) == 1 and speaker.islower() and ":" not in line


def _loose(match: re.Match[str]) -> bool:
    """Whether the turn line ``match`` has neither a colon nor a tab after its label: a
    name in square brackets, one beside its time ("Speaker 1 [00:00:05] Hello.",
    "[00:00:05] Speaker 1" or "Speaker 1 (00:00:05)" above what was said), or one a dash
    follows ("Ana - Hello.")."""
    return any(
        match.group(name) is not None for name in ("bare", "bare2", "bare3", "bare4", "bare5")
    )


# The elements of a web page written with a space after them ("<p> Hello", "<li> one"): in
# a page's source saved as text, no chat's nicknames.
_ELEMENTS = frozenset(
    {"a", "b", "i", "u", "p", "s", "q", "em", "strong", "li", "ul", "ol", "dl", "dt", "dd",
     "br", "hr", "td", "th", "tr", "div", "span", "pre", "code", "html", "head", "body",
     "title", "table", "tbody", "thead", "img", "small", "big", "sub", "sup", "font",
     "center", "blockquote", "section", "article", "nav", "header", "footer", "main",
     "h1", "h2", "h3", "h4", "h5", "h6", "option", "label", "button", "form", "select",
     "meta", "link", "script", "style", "tt", "kbd", "var", "cite", "abbr", "mark"}
)  # fmt: skip


# The headings of a record's parts, a colon after them, on a line of their own above what
# they hold (a meeting's minutes, field notes), or without one (a report's sections, written
# again for each study it reports: "Methods" and "Results" as paragraphs of a Word file): no
# speaker's names.
_PARTS_OF_RECORDS = frozenset(
    {"attendees", "present", "absent", "apologies", "agenda", "decisions", "decision",
     "action items", "actions", "action points", "next steps", "summary", "minutes",
     "location", "place", "venue", "time", "duration", "background", "context",
     "observations", "keywords", "comments", "follow up", "follow-up", "outcome", "outcomes",
     "notes", "discussion", "purpose", "objectives", "topics", "participants",
     "abstract", "introduction", "method", "methods", "methodology", "results", "findings",
     "conclusion", "conclusions", "limitations", "recommendations", "references",
     "ingredients", "directions", "instructions"}
)  # fmt: skip


def _named(match: re.Match[str]) -> bool:
    """Whether the turn line ``match`` names a speaker as a label alone on its line, or one
    in square brackets without a colon, must ("INTERVIEWER:", "[Ana López] Hello.", "Speaker
    2:"), no sound in brackets ("[Laughs]"): each word opening with a capital, a letter
    of a script without capitals, a digit or a bracket; a line of prose ending in a colon
    ("the following conditions:") does not.  Any other turn line does."""
    alone, bare = match.group("alone", "bare")
    return _named_as(
        _speaker(match), alone=alone is not None, loose=_loose(match), bare=bare is not None
    )


def _named_as(speaker: str, *, alone: bool, loose: bool, bare: bool) -> bool:
    """:func:`_named` of a turn line whose ``speaker`` is read, alone on its line or not,
    :func:`_loose` or not, its name in square brackets without a colon (``bare``) or not.
    A label of five words besides a title and the small words of a family's name ("Maria
    Jose Garcia Lopez Fernandez") is a name only when each opens with a capital: a line of
    prose opens with as many ("The first thing we did:")."""
    if not alone and not loose:
        return len(_name_words(speaker)) < _LONG_NAME_WORDS or _label_capitalised(speaker)
    if bare and speaker.lower() in SOUNDS:
        return False
    if alone and speaker.lower() in _PARTS_OF_RECORDS:
        return False
    return _label_capitalised(speaker)


def _label_capitalised(speaker: str) -> bool:
    """Whether each word of ``speaker`` opens with a capital, a letter of a script without
    capitals, a digit or a bracket."""
    return all(
        word[0].isdecimal() or word[0] in "([" or (word[0].isalpha() and not word[0].islower())
        for word in speaker.split()
    )


_LONG_NAME_WORDS = 5  # a label's words, a title and a family name's small words aside
_TITLE_WORD = LazyPattern(NAME_TITLE)  # matched on a word and a space
# (NAME_JOIN's words)
_JOIN_WORDS = frozenset(
    {"de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "las",
     "le", "los", "van", "von", "ten", "ter", "y", "e", "bin", "ibn", "al", "el"}
)  # fmt: skip


def _name_words(speaker: str) -> list[str]:
    """The words of the label ``speaker`` but a title before it, the small words of a
    family's name ("de la") and a role in brackets after it."""
    words = speaker.split("(", 1)[0].split()
    if words and _TITLE_WORD.fullmatch(words[0] + " "):
        words = words[1:]
    return [word for word in words if word not in _JOIN_WORDS]


def _speaker(match: re.Match[str]) -> str:
    return label_speaker(match.group("speaker"))


def _same_speaker(a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether the turn lines ``a`` and ``b`` name one speaker (see :func:`one_spelling`)."""
    return _spelling_key(_speaker(a)) == _spelling_key(_speaker(b))


def turn_at(turns: Sequence[Turn], offset: int) -> Turn | None:
    """The turn holding ``offset`` (its label included), or ``None``."""
    i = bisect_right(turns, offset, key=_start) - 1
    if i >= 0 and offset < max(turns[i].end, turns[i].body + 1):
        return turns[i]
    return None


def _start(turn: Turn) -> int:
    return turn.start


def body_range(turns: Sequence[Turn], start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` with a turn's label and timestamp left out when the range begins in
    them (a sentence or paragraph unit is what was said, not who said it)."""
    turn = turn_at(turns, start)
    if turn is not None and start < turn.body < end:
        return turn.body, end
    return start, end


def speakers(turns: Sequence[Turn]) -> list[str]:
    """The speakers in order of their first turn."""
    return list(dict.fromkeys(t.speaker for t in turns))


RangeAt = Callable[[str, int], tuple[int, int]]  # the unit holding an offset, e.g. a sentence


def label_free(turns: Sequence[Turn], unit: RangeAt) -> RangeAt:
    """``unit`` as a transcript has it: a sentence or paragraph leaves the speaker label and
    timestamp out, and is one speaker's (:func:`turn_pieces`: turns on lines of their own,
    no blank line between them, were one paragraph); ``unit`` itself when there are no
    turns."""
    if not turns:
        return unit

    def without_label(text: str, offset: int) -> tuple[int, int]:
        start, end = unit(text, offset)
        pieces = turn_pieces(turns, text, start, end)
        if len(pieces) > 1:  # the piece holding offset (the next, in the spaces before it)
            start, end = next((p for p in pieces if offset < p[1]), pieces[-1])
        start, end = body_range(turns, start, end)
        # (a table's row whose speaker's cell follows what was said, "... │ Ana" as NVivo
        # sets it: her name is no words of hers, the caret on it takes what she said)
        turn = turn_at(turns, start)
        if turn is not None and 0 <= turn.said < turn.end and _named_after(text, turn):
            said = turn.said_end
            if start >= said:
                start = turn.body
            end = min(end, said) if start < said else end
        return start, end

    return without_label


def _named_after(text: str, turn: Turn) -> bool:
    """Whether what ends ``turn`` after what was said is its speaker's cell ("│ Ana")."""
    return text[turn.said_end : turn.end].strip(" \t│") == turn.speaker


def turn_pieces(turns: Sequence[Turn], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` (a sentence or a paragraph of ``text``) cut where a turn begins in
    it, each piece but the last without the spaces at its end (one of nothing but spaces
    left out): what one speaker said is never a unit with the next one's words."""
    i = bisect_right(turns, start, key=_start)  # the first turn beginning after start
    pieces: list[tuple[int, int]] = []
    while i < len(turns) and turns[i].start < end:
        cut = turns[i].start
        after = start + len(text[start:cut].rstrip())
        if after > start:
            pieces.append((start, after))
        start, i = cut, i + 1
    pieces.append((start, end))
    return pieces


def turn_unit(turns: Sequence[Turn], outside: RangeAt) -> RangeAt | None:
    """The speaker turn holding an offset, what was said without its label (``outside``
    before the first turn); None when there are no turns.  Between two turns (the blank
    line a caret stops on) or at the text's end, ``outside`` may take a turn: it is taken
    without its label too.  What was said ends before the notes a turn may end with (a CSV
    transcript's row's "Notes: laughs", no one's words): the caret in them takes them."""
    if not turns:
        return None

    def turn(text: str, offset: int) -> tuple[int, int]:
        found = turn_at(turns, offset)
        if found is None:
            return body_range(turns, *outside(text, offset))
        said = found.said_end
        # (the caret on a table row's speaker cell after the words, "... │ Ana" as NVivo
        # sets it, takes what she said: her name is the turn's label, no notes)
        if said < found.end and offset >= said and not _named_after(text, found):
            notes = said + len(text[said : found.end]) - len(text[said : found.end].lstrip())
            return notes, found.end
        return found.body, said

    return turn
