"""Subtitles and captions (WebVTT, SubRip) -> a transcript of speaker turns.

Consecutive cues of one speaker (a WebVTT voice ``<v Name>``, or a ``Name:`` at the start of
a cue that reads as a speaker's label: see :func:`_speakers`) are one turn, written
``[00:07:09] Name: what was said`` (a cue of several voices is each voice's words, in turn);
cues without a speaker are gathered into paragraphs of
whole sentences.  Each turn records its speaker and the time its first cue starts, and where
each later cue's words begin, at its time: a passage is cited at the time its words were
said.  Rolling captions (a video site's automatic captions) are read once: a cue's first
line that repeats the line shown before it is left out.  A line a dash opens (a
dialogue's: "- Hi." "- Hello.") is a turn of its own, unnamed, at its cue's time.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tui_reader.core.documents.formats import Parsed, headless_vtt
from tui_reader.core.documents.formats.builder import TextBuilder
from tui_reader.core.documents.sanitize import sanitize
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.turns import (
    EDITORS_LABELS,
    NOT_SPEAKERS,
    SOUNDS,
    Turn,
    label_speaker,
    name_pronouns,
    speaker_name,
    speakers_named,
)
from tui_reader.core.errors import DocumentError

# A cue's timing as files have it: "00:01:02,500 --> ...", also "0:1:2,5", "00:01:02" and "->".
_STAMP = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<start>{_STAMP})\s*--?>\s*(?P<end>{_STAMP})")
_FROZEN = 0.05  # seconds: a cue this short repeating the line before holds it on screen
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
# The markup of a cue (WebVTT's classes, voices, ruby and timestamps; SubRip's i, b, u, s,
# font, and the override tags of SubStation subtitles converted to SubRip: "{\an8}" places
# a line at the top, "{\i1}" starts italics): any other "<...>" is what was said ("3 < 5
# and 6 > 2", "<inaudible>").
_TAG = re.compile(
    r"</?(?:[ibus]|c|v|lang|ruby|rt|font|br)(?=[\s./>])[^>]*>|<\d+(?::\d+)+(?:\.\d+)?>"
    r"|\{\\[^{}\n]*\}",
    re.IGNORECASE,
)
# Words in brackets parted by slashes after a name: a role ("(INT/PI)"), the name's; or
# pronouns ("(she/her)", "(they / them)"), which speaker_name leaves out of it.
_SLASHED = re.compile(r"\([^\W\d_]+(?:[ \t]*/[ \t]*[^\W\d_]+)+\)")
# A participant's particulars or code in brackets after her name: a figure in them ("(female,
# 34)", "(P01)"), which a note of how the speaker is heard ("(V.O.)", "(on phone)") has not.
_PARTICULARS = re.compile(r"\([^()\n]*\d[^()\n]*\)")
_OVERRIDE = re.compile(r"\{\\[^{}\n]*\}")  # _TAG's one kind of markup that ends in no ">"
# WebVTT blocks that are not cues: the header, notes, styles and regions.
_NOT_CUE = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)(?:[ \t]|$)")
# A sound noted in square brackets between the name and its colon, its time in it or not
# ("Ana [laughs]: ...", "Ana [inaudible 00:00:16]: ..."): a cue so labelled was read as the
# words of the speaker before, its label among them.
_SOUND_ASIDE = (
    r"\[(?i:"
    + "|".join(re.escape(sound) for sound in sorted(SOUNDS, key=lambda sound: (-len(sound), sound)))
    + r")(?:[ \t][^\[\]\n]{1,25})?\]"
)
_LABEL = re.compile(
    r"^\s*(?:([^\W\d_][\w.'’ -]{0,40}?|[^\W\d_]{1,3}\d{1,3})"
    r"(?:\s*(?P<aside>\([^()\n]{1,20}\)|" + _SOUND_ASIDE + r"))?\s*(?::\s+|：\s*)"
    r"|\[(?P<bracketed>[^\W\d_][\w.'’ -]{0,30}?|[^\W\d_]{1,3}\d{1,3})\](?:[ \t]*[:：])?\s+)(?=\S)"
)  # a full-width colon (Chinese, Japanese) needs no space after it; a name in square
# brackets ("[ANA] How are you?", as captions mark a speaker) none at all, or one
# ("[SPEAKER_00]: ...", as WhisperX writes a speaker it told apart); a note of how
# the speaker is heard may follow the name ("ANA (V.O.): ...", "BO (on phone): ...")
# A label that tags a speaker by itself: "P03", "R1", "Speaker 2", "Interviewer B".
_TAG_LABEL = re.compile(r"[^\W\d_]{1,3}\d{1,3}|[^\W\d_]+ (?:\d{1,3}|[A-Z])")
# Words a name holds without a capital ("Ana de la Cruz", "Vincent van Gogh").
_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von",
     "der", "den", "ter", "y", "e", "bin", "ibn", "al", "el"}
)  # fmt: skip
# A line a dash opens: a speaker's line in a cue of two speakers ("- Hi.", "-Hello."; "— Hola."
# as Spanish and French subtitles write it), never a dash of two ("--") nor a number (-5).
_DIALOGUE = re.compile(r"[-‐–—](?![-‐–—\d])")
# Television's captions mark a new speaker with ">>" (a new story with ">>>"), the name after
# it when known (">> ANA: How are you?").
_NEW_SPEAKER = re.compile(r">{2,3}\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
# Sounds and music a cue's words end with, described ("Hi. [door slams]", "Yes. (laughs)",
# "Thanks. ♪"): no words said, which end where they do.
_SOUNDS_AT_END = re.compile(r"(?:\s*(?:\[[^\[\]\n]*\]|\([^()\n]*\)|[♪♫][^\n]*))+\s*$")
_PARAGRAPH_CHARS = 300
_LONGEST_PARAGRAPH = 2000  # captions without punctuation end a paragraph here, at a cue


# What opens a caption describing a sound or music rather than words said
_DESCRIBED = ("[", "(", "♪", "♫")


@dataclass
class _Cue:
    time: str
    speaker: str
    text: str
    label: str = ""  # a "Name:" opening the text: its speaker, if it reads as one
    label_end: int = 0  # where the text after that label starts
    aside: str = ""  # a note after the name ("(V.O.)"): what was said opens with it
    # A sound noted with the name ("Luis [laughs]: ...", "<v Luis [laughs]>"): no name's nor
    # words', written in the label after the name (in the words when the cue goes on a turn)
    note: str = ""
    # The speaker's pronouns given with her name ("Ana Ruiz (she/her)"): no part of the
    # speaker nor of the words, written in the label of a turn the cue opens, as shown
    pronouns: str = ""
    parted: bool = False  # a part of the cue before, parted at its label (_labelled_parts)
    turned: bool = False  # opened by ">>": a new speaker's words, named or not
    dash: str = ""  # the dash its line opened with before its label ("- Ana: Hi."), left out


# The text after "WEBVTT" on a WebVTT file's first line ("WEBVTT - Title of the talk"): its
# title, the dash or colon before it left out; but for "FILE", as old tools wrote the header
# ("WEBVTT FILE"), and a setting's "Kind: captions".
_HEADER_TITLE = re.compile(
    r"WEBVTT[ \t]+[-–—:|]*[ \t]*(?!(?i:file)[ \t]*(?:\n|$)|[\w-]+:[ \t])"
    r"(?P<title>[^\s\-–—:|](?:[^\n]*\S)?)"  # (a dash alone is no title)
)


def convert_vtt(text: str, path: Path) -> Parsed:
    """The transcript of the WebVTT ``text``, titled by its header's text if it has one."""
    text = text.lstrip("\ufeff")
    if not text.startswith("WEBVTT") and not headless_vtt(text):
        # (a Teams transcript whose header was lost, its voices naming its speakers: read)
        raise DocumentError(path, "not a WebVTT file (no WEBVTT header)")
    parsed = _transcript(_speakers(_cues(text)), path)
    header = _HEADER_TITLE.match(text)
    return replace(parsed, title=header.group("title")) if header else parsed


def convert_srt(text: str, path: Path) -> Parsed:
    """The transcript of the SubRip ``text``."""
    return _transcript(_speakers(_cues(text)), path)


# A cue's timing in YouTube's SubViewer captions (.sbv, as YouTube Studio downloads them):
# its start and end parted by a comma, "0:00:01.000,0:00:04.000", on a line of its own.
_SBV_TIMING = re.compile(rf"^[ \t]*({_STAMP})[ \t]*,[ \t]*({_STAMP})[ \t]*$", re.MULTILINE)


def convert_sbv(text: str, path: Path) -> Parsed:
    """The transcript of the SubViewer ``text`` (YouTube's captions), read as SubRip's is:
    its timings written as SubRip's (the text is made of what the cues say, not the file's
    lines, so nothing else moves)."""
    return convert_srt(_SBV_TIMING.sub(r"\1 --> \2", text.lstrip("\ufeff")), path)


def _cues(text: str) -> list[_Cue]:
    cues: list[_Cue] = []
    timed: re.Match[str] | None = None  # a timing whose words come in the next block
    shown = ""  # the last line of the cue before, as it was shown
    for lines, timing, start in _blocks(text):
        if start is None and timed is not None and not _NOT_CUE.match(lines[0]):
            # A line of spaces after a timing (automatic captions write one) parted the
            # cue from its words: they are its words, at its time.
            lines, timing, start = [timed.group(), *lines], 0, timed
        timed = None
        if start is None:
            # A blank line inside a cue's text, or a cue whose timing cannot be read: its
            # words go on the cue before (its number, if it has one, left out), never lost.
            if cues and not _NOT_CUE.match(lines[0].lstrip("\ufeff")):
                said = _said(lines[1:] if lines[0].strip().isdecimal() else lines)
                if said:
                    cues[-1].text += " " + said
            continue
        body = "\n".join(lines[timing + 1 :])
        voice = _VOICE.search(body, 0, _markup_end(body))
        voices = _voices(body) if voice else []
        if len(voices) > 1:
            # A cue of two voices (a dialogue: "<v Ana>How are you?" then "<v Bo>Fine."):
            # each voice's words are its own cue, at the cue's time; they were all read as
            # the first voice's.
            time = _clock(start.group("start"))
            for name, said, pronouns in voices:
                speaker, note = _noted(name)
                cues.append(_Cue(time, speaker, said, note=note, pronouns=pronouns))
            shown = voices[-1][1]
            continue
        speaker, note = _noted(_voice_name(voice)) if voice else ("", "")
        pronouns = name_pronouns(_voice_name(voice, as_written=True)) if voice else ""
        said_lines = [line for line in (_said([raw]) for raw in lines[timing + 1 :]) if line]
        if not said_lines:
            timed = start
            continue
        last, repeated = said_lines[-1], said_lines[0] == shown
        if repeated and (len(said_lines) > 1 or _seconds(start) < _FROZEN):
            # Rolling captions (automatic captions, live subtitles) show the line before
            # again above the new one, or alone for an instant: it was read twice or thrice.
            said_lines = said_lines[1:]
        shown = last
        parts = [("", said_lines)] if speaker else _labelled_parts(said_lines)
        for n, (dash, part) in enumerate(parts):
            turned = _NEW_SPEAKER.match(part[0])
            if turned:  # the mark itself is no word
                part = [part[0][turned.end() :], *part[1:]]
            # A line a dash opens is a speaker's: it starts a line, as on the screen (it was
            # run into the other speaker's words: "- Hi, how are you? - Fine, thanks.").
            said = (
                part[0].strip()  # a line alone (most cues): nothing to join
                if len(part) == 1
                else "".join(
                    ("\n" if _DIALOGUE.match(line) else " ") + line if i else line
                    for i, line in enumerate(part)
                ).strip()
            )
            if said:
                cue = _Cue(
                    _clock(start.group("start")),
                    speaker,
                    said,
                    note=note,
                    pronouns=pronouns,
                    parted=n > 0,
                    turned=bool(turned),
                    dash=dash,
                )
                label = None if speaker else _LABEL.match(said)
                if label and label.end() < len(said) and _speaking(label):
                    name = label.group(1) or label.group("bracketed")
                    cue.label, cue.label_end = " ".join(name.split()), label.end()
                    cue.aside = label.group("aside") or ""
                    if speaker_name(f"{cue.label} {cue.aside}") == cue.label:
                        # a meeting's guest's mark ("Ana (Guest)") or her pronouns ("Ana
                        # Ruiz (she/her)"), no part of her name: no words either (the
                        # pronouns written in the turn's label)
                        cue.pronouns, cue.aside = name_pronouns(cue.aside), ""
                    elif _SLASHED.fullmatch(cue.aside) or _PARTICULARS.fullmatch(cue.aside):
                        # A role in words parted by slashes ("Ana (INT/PI)"), or a
                        # participant's particulars or code ("P1 (female, 34)", "Ana
                        # (P01)"): the name's, as a text transcript's, not the words'
                        # ("(she/her) Good morning" opened each of her turns).
                        cue.label, cue.aside = f"{cue.label} {cue.aside}", ""
                cues.append(cue)
    return cues


def _labelled_parts(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The lines of a cue, parted before each line after the first that opens with a label
    ("Ana: How are you?" then "Bo: Fine.") or television's mark of a new speaker (">>"):
    each part may be a speaker's (see :func:`_speakers`); the second speaker's words were
    the first's.  Each part with the dash its first line opened with before a label, left
    out ("- " of "- Ana: One more."), else ""."""
    if len(lines) == 1:  # a cue of one line (most are): one part, as the loop makes it
        dashed = _dash_label(lines[0])
        if dashed is None:
            return [("", lines)]
        return [(lines[0][: len(lines[0]) - len(dashed)], [dashed])]
    parts: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        dashed = _dash_label(line)
        dash = ""
        if dashed is not None:
            # "- Ana: One more." then "- Bo: Yes.": each dash a speaker's line, the name
            # after it the speaker's (the dash only marks the change): they were one cue of
            # no one's, "- Ana: One more. - Bo: Yes.".
            dash, line = line[: len(line) - len(dashed)], dashed
        turned = _NEW_SPEAKER.match(line) if i else None  # ">> BO: Fine.", ">> Fine."
        label = _LABEL.match(line, turned.end() if turned else 0) if i else None
        labelled = dashed is not None or (
            label is not None and label.end() < len(line) and _speaking(label)
        )
        if not parts or turned or labelled:
            parts.append((dash, [line]))
        else:
            parts[-1][1].append(line)
    return parts


def _dash_label(line: str) -> str | None:
    """``line`` without the dash opening it when a speaker's label follows that dash
    ("- Ana: One more." is "Ana: One more."), else ``None``."""
    dash = _DIALOGUE.match(line)
    if dash is None:
        return None
    rest = line[dash.end() :].lstrip()
    label = _LABEL.match(rest)
    if label is None or label.end() >= len(rest) or not _speaking(label):
        return None
    return rest


def _speaking(label: re.Match[str]) -> bool:
    """Whether the label ``label`` (:data:`_LABEL`) may name a speaker: a sound in square
    brackets ("[MUSIC] ...", "[Laughs] ...") is none."""
    return (
        label.group("bracketed") is None
        or " ".join(label.group("bracketed").split()).lower() not in SOUNDS
    )


def _voices(body: str) -> list[tuple[str, str, str]]:
    """``(voice, words, pronouns)`` of each voice of the cue ``body`` that says words, in
    order (the words before the first voice are that voice's, a voice's words that follow
    its own again are one), without the words' markup; the pronouns its name gives, else
    ``""`` (see :func:`~tui_reader.core.documents.turns.name_pronouns`)."""
    found = list(_VOICE.finditer(body, 0, _markup_end(body)))
    spoken: list[tuple[str, str, str]] = []
    for i, voice in enumerate(found):
        name = _voice_name(voice)
        end = found[i + 1].start() if i + 1 < len(found) else len(body)
        said = _said(body[voice.start() if i else 0 : end].split("\n"))
        if spoken and spoken[-1][0] == name:
            spoken[-1] = (name, f"{spoken[-1][1]} {said}".strip(), spoken[-1][2])
        elif said:
            spoken.append((name, said, name_pronouns(_voice_name(voice, as_written=True))))
    return spoken


def _noted(name: str) -> tuple[str, str]:
    """The speaker the name ``name`` (a voice's, or a label's and its note) names, and the
    sound a transcriber noted at its end ("Luis [laughs]", "Luis (laughing)": "Luis" and the
    note; see :func:`~tui_reader.core.documents.turns.label_speaker`), or ``""``."""
    speaker = label_speaker(name)
    if speaker == speaker_name(name):
        return speaker, ""
    return speaker, name[name.rfind("[" if name.endswith("]") else "(") :]


def _voice_name(voice: re.Match[str], *, as_written: bool = False) -> str:
    """The name of a voice: text of the cue, its escapes read ("&amp;" is "&"); as its
    speaker is named (:func:`~tui_reader.core.documents.turns.speaker_name`), or
    ``as_written`` (its pronouns, its guest's mark kept)."""
    name = " ".join(sanitize(html.unescape(voice.group(1))).split())
    return name if as_written else speaker_name(name)


def _blocks(text: str) -> Iterator[tuple[list[str], int, re.Match[str] | None]]:
    """The lines of each block of ``text`` (blocks part at a blank line), a block holding
    more than one timing parted before each timing after its first, with the cue number
    just above it: cues a file writes without a blank line between them (made by hand, or
    by a tool that leaves it out), whose timings and numbers were read as words said.  Each
    with its first timing line's place among its lines and its timing, or ``-1`` and
    ``None``: a line is matched once (it was three times a cue: 1,000,000 cues, 16.7 s)."""
    for block in re.split(r"\n[ \t]*\n", text):
        lines = block.strip("\n").split("\n")
        # (a timing's arrow, "->" or "-->", looked for first: a line of words has none)
        found = ((i, _TIMING.match(line)) for i, line in enumerate(lines) if "->" in line)
        timings = [(i, timing) for i, timing in found if timing is not None]
        if not timings:
            yield lines, -1, None
            continue
        start = 0
        for (before, timing), (at, _next) in itertools.pairwise(timings):
            cut = at - 1 if at - 1 > before and lines[at - 1].strip().isdecimal() else at
            yield lines[start:cut], before - start, timing
            start = cut
        at, timing = timings[-1]
        yield lines[start:], at - start, timing


def _seconds(timing: re.Match[str]) -> float:
    """How long the cue of ``timing`` is shown, in seconds."""
    return _stamp_seconds(timing.group("end")) - _stamp_seconds(timing.group("start"))


def _stamp_seconds(stamp: str) -> float:
    seconds = 0.0
    for part in stamp.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _speakers(cues: list[_Cue]) -> list[_Cue]:
    """``cues`` with the labels that open them taken as their speakers where they read as a
    speaker's: a name or a speaker's tag ("Ana López", "P03", "Speaker 2", "JOHN") that
    labels more than one cue (three, when it would be the file's only speaker; a tag, a
    WebVTT voice's name, or a name whose words are a sentence, that labels one, in a file
    with other speakers), never a word such as "Warning" or "Note": "Warning: the road is
    closed" is what was said."""
    counts: dict[str, int] = {}
    for cue in cues:
        if cue.label and _name_like(cue.label):
            counts[cue.label] = counts.get(cue.label, 0) + 1
    accepted = {label for label, count in counts.items() if count > 1}
    tags = {label for label in counts if _TAG_LABEL.fullmatch(label)}
    voices = {cue.speaker for cue in cues if cue.speaker}
    voiced = bool(voices)
    accepted |= voices.intersection(counts)  # a label naming a voice: that voice's, once too
    # A name labelling one cue among other speakers' (one who speaks once: a late arrival, a
    # reporter) is a speaker's when the words after it are a sentence, its start and its end
    # ("Carlos: Sorry I am late."); its words were run into the paragraph before.
    # "Remember: the border moved." opens none, a headline ("BREAKING: Storm reaches the
    # coast") ends none, nor does an editor's word ("Update: The road is closed.") open a
    # speaker's turn.
    once = {
        cue.label
        for cue in cues
        if counts.get(cue.label) == 1
        and cue.label.lower() not in EDITORS_LABELS
        and not cue.text[cue.label_end : cue.label_end + 1].islower()
        and _SENTENCE_END.search(_SOUNDS_AT_END.sub("", cue.text))
    }
    # Speakers who each speak once (a news clip's anchor, reporter and mayor, no ">>"
    # before them) are speakers when two at least are named as captions name a speaker, in
    # capitals or by a name of more words than one ("ANCHOR:", "Ana López:"): their words
    # were one unnamed paragraph, the names in it.  A lecture's "Remember: ..." and
    # "Question: ..." are no such names.
    named_once = {label for label in once if label.isupper() or " " in label}
    if not accepted and not voiced and len(named_once) > 1:
        accepted = named_once
    if len(accepted | tags) == 1 and not voiced and max(counts.values()) < 3:
        # "Remember: ..." twice in a lecture's captions is no speaker; a short exchange
        # (Ana, Bo, Ana), every other cue or more opened by a name, is speakers'
        labelled = sum(1 for cue in cues if cue.label in counts)
        if not once or 2 * labelled < len(cues):
            accepted = set()
    if accepted or voiced:
        accepted |= tags | once
    # A name after television's mark of a new speaker (">> REPORTER: ...") names the speaker
    # however often it comes: a news clip's anchor and reporter each speak once, and were
    # no one's turns, their names left in the words.
    accepted |= {cue.label for cue in cues if cue.turned and cue.label in counts}
    kept: list[_Cue] = []
    for cue in cues:
        if cue.label in accepted:
            said = cue.text[cue.label_end :]
            if cue.aside and _noted(f"{cue.label} {cue.aside}")[1]:
                cue.note, cue.aside = cue.aside, ""  # a sound: the label's, not the words'
            cue.speaker, cue.text = cue.label, f"{cue.aside} {said}" if cue.aside else said
        else:
            # Its label is no speaker's: its line as written, the dash opening it kept (a
            # line of each of two speakers: "Ana: Where were you?" and "Bo: Home." were run
            # into one line, their dashes left out).
            cue.text = cue.dash + cue.text
            if cue.parted and kept:  # the cue it was parted from
                kept[-1].text += ("\n" if _DIALOGUE.match(cue.text) else " ") + cue.text
                continue
        kept.append(cue)
    if any(cue.turned for cue in kept):
        # Captions marking each new speaker (">>"): a cue without the mark is the words of
        # the speaker before going on; it was an unnamed speaker's.
        for before, cue in itertools.pairwise(kept):
            if not cue.turned and not cue.speaker:
                cue.speaker = before.speaker
    # Subtitles name a speaker where the speaker changes, not again on each cue the same
    # speaker goes on in ("ANA: Good morning." then "We should start.", as subtitling
    # guidelines have it, a sentence cut over two cues too): a cue without a label after a
    # speaker's is that speaker's words; it was a turn of nobody's.  A line a dash opens is
    # another speaker's, as is a cue after a ">>" caption's mark; a caption of a sound or
    # music ("[Applause]", "(laughs)", "♪") is nobody's, nor is a line opened by a label
    # read as no speaker's ("Note: the tape skips here.", "Update: ...").
    for before, cue in itertools.pairwise(kept):
        if (
            before.speaker
            and not cue.speaker
            and not cue.turned
            and not _DIALOGUE.match(cue.text)
            and (
                not _SENTENCE_END.search(_SOUNDS_AT_END.sub("", before.text))  # going on
                or not (cue.label or cue.text.startswith(_DESCRIBED))
            )
        ):
            cue.speaker = before.speaker
    return kept


def _name_like(label: str) -> bool:
    """Whether ``label`` reads as a name or a speaker's tag: words that start with a capital
    (a name's particles and numbers aside; a device's name, as a meeting names one who
    joined by telephone, "Luis's iPhone", "iPad de Ana", its second letter), five at most,
    none of them a word that opens a line of prose ("Note", "Warning", "Source")."""
    # (a name's pronouns, "(she/her)", a role, "(INT/PI)", and particulars, "(female, 34)",
    # aside)
    words = _PARTICULARS.sub("", _SLASHED.sub("", label)).split()
    if not 0 < len(words) <= _NAME_WORDS or label.lower() in NOT_SPEAKERS:
        return False
    if not _capital(words[0]):
        return False
    return all(_capital(w) or w.isdecimal() or w in _PARTICLES for w in words[1:])


_NAME_WORDS = 5  # a name's words at most ("Maria Jose Garcia Lopez Fernandez")


def _capital(word: str) -> bool:
    """Whether ``word`` starts with a capital, or with a letter of a script without
    capitals (a Chinese or Japanese name: "访谈者"), or is a device's name, a small letter
    and a capital ("iPhone", "iPad")."""
    first = word[:1]
    if first.islower() and word[1:2].isupper():
        return True
    return first.isupper() or (first.isalpha() and not first.islower())


def _markup_end(text: str) -> int:
    """Where the last tag of ``text`` can end: after its last ">".  A tag is looked for
    before it alone: from each "<" after it the search went on to the end of the text for a
    ">" (a cue of 100,000 unclosed "<v " tags, 300 KB, took minutes: the square of its
    length), and found none."""
    return text.rfind(">") + 1


# A WebVTT ruby (a reading over its characters, as Japanese subtitles give a name's or a
# rare word's): its base, then its readings, whose end tag WebVTT lets a file leave out.
_RUBY = re.compile(r"<ruby(?=[\s.>])[^>]*>(.*?)(?:</ruby>|$)", re.IGNORECASE | re.DOTALL)
_READING = re.compile(r"<rt(?=[\s.>])[^>]*>([^<]*)(?:</rt>)?", re.IGNORECASE)


def _ruby_read(match: re.Match[str]) -> str:
    """A ruby's base and its readings in brackets ("漢字(かんじ)"), as a web page's is read:
    its readings were run into its base ("漢かん字じ"), and no word was found."""
    inner = match.group(1)
    reading = "".join("".join(found.split()) for found in _READING.findall(inner))
    base = _READING.sub("", inner)
    return f"{base}({reading})" if reading else base


def _said(lines: list[str]) -> str:
    """The words of a cue's lines, without their markup, on one line."""
    text = "\n".join(lines)
    if "<ruby" in text or "<RUBY" in text:
        text = _RUBY.sub(_ruby_read, text)
    end = _markup_end(text)
    unmarked = _TAG.sub("", text[:end]) + _OVERRIDE.sub("", text[end:])
    return " ".join(html.unescape(unmarked).split())


_FRACTION = re.compile(r"[.,]")  # before a stamp's fraction of a second


def _clock(stamp: str) -> str:
    """``00:07:09.500`` -> ``00:07:09`` (hours added when missing)."""
    whole = _FRACTION.split(stamp, 1)[0]
    parts = whole.split(":")
    if len(parts) == 2:
        parts.insert(0, "00")
    return ":".join(part.zfill(2) for part in parts)


def _transcript(cues: list[_Cue], path: Path) -> Parsed:
    if not cues:
        raise DocumentError(path, "no subtitle cues found")
    out = TextBuilder()
    turns: list[Turn] = []
    current: _Cue | None = None
    start = body = 0
    last = ""  # the words of the cue written last
    times: list[tuple[int, str]] = []  # where the turn's later cues begin, at their times
    for cue in _dialogue_lines(cues):
        same = current is not None and cue.speaker == current.speaker
        dashed = current is not None and _DIALOGUE.match(current.text) is not None
        if same and cue.turned and not cue.speaker:
            same = False  # ">>" without a name: another speaker, unnamed
        elif same and not cue.speaker and _DIALOGUE.match(cue.text):
            same = False  # a dialogue's line: its speaker's turn, unnamed
        elif same and not cue.speaker and dashed:
            # After a dialogue's line, words of no one named: that speaker's when they go on
            # its sentence ("-Where to? The coast," then "he said."), else another turn.
            same = not (
                _SENTENCE_END.search(last.rstrip()) or out.length - body > _LONGEST_PARAGRAPH
            )
        elif same and not cue.speaker and current is not None:
            # Unlabelled captions: a paragraph ends at a sentence end once it is long enough
            # (captions without punctuation: once it is very long).
            written = out.length - body
            same = not (
                (written > _PARAGRAPH_CHARS and _SENTENCE_END.search(last[-3:]))
                or written > _LONGEST_PARAGRAPH
            )
        last = cue.text
        if same and current is not None:
            out.write("\n" if _DIALOGUE.match(cue.text) else " ")
            if cue.time != (times[-1][1] if times else current.time):
                times.append((out.length, cue.time))
            out.write(f"{cue.note} {cue.text}" if cue.note else cue.text)
            continue
        if current is not None:
            _close(out, turns, start, body, current, times)
            times = []
        out.block()
        start = out.length
        out.write(f"[{cue.time}] ")
        if cue.speaker:
            label = out.length
            out.write(cue.speaker)
            out.span(label, SpanKind.STRONG)
            if cue.pronouns:  # as shown beside her name: "Ana Ruiz (she/her)"
                out.write(f" {cue.pronouns}")
            out.write(f" {cue.note}: " if cue.note else ": ")
        body = out.length
        out.write(cue.text)
        current = cue
    assert current is not None
    _close(out, turns, start, body, current, times)
    text = out.text()
    speakers = speakers_named(turns)
    metadata: dict[str, str | int] = {"speakers": speakers} if speakers else {}
    return Parsed(text, out.sorted_spans(), None, (), tuple(turns), metadata)


def _dialogue_lines(cues: list[_Cue]) -> Iterator[_Cue]:
    """``cues`` with the lines of each cue of no one's that a dash opens (a dialogue: "- Was
    it?" then "- Yes.") each a cue of its own, at the cue's time: each is a speaker's, and
    they were one turn of nobody's, the next cue's words run into its last line."""
    for cue in cues:
        if cue.speaker or "\n" not in cue.text:
            yield cue
        else:
            for line in cue.text.split("\n"):
                yield replace(cue, text=line)


def _close(
    out: TextBuilder,
    turns: list[Turn],
    start: int,
    body: int,
    cue: _Cue,
    times: list[tuple[int, str]],
) -> None:
    out.span(start, SpanKind.PARAGRAPH)
    turns.append(Turn(start, out.length, body, cue.speaker, cue.time, times=tuple(times)))
