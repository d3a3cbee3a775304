"""The title a plain text is named by."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import examples
from helpers.format_fixtures import make_docx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import titles
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.facts import quick_facts
from tui_reader.core.documents.titles import (
    _FIELD,
    _HEADER_SCAN,
    _MAX_LINE,
    _named_title,
    find_title_line,
)

TURNS = (
    "Interviewer: Thanks for coming in today.\n\nAna: Happy to be here.\n\n"
    "Interviewer: Tell me about the border.\n\nAna: It closed in March.\n"
)


def _assert_titled_by_its_name(path: Path, text: str) -> None:
    """``text`` written to ``path`` is titled by the file's name (its stem), in the document
    and in the library's facts."""
    path.write_text(text, "utf-8")
    assert load_document(path).title == path.stem
    assert quick_facts(path, "text").title == path.stem


def test_a_zoom_meeting_s_saved_chat_is_not_titled_by_its_first_message(tmp_path: Path) -> None:
    # A Zoom chat ("meeting_saved_chat.txt") was titled by its first message's line, "10:01:02
    # From Ana López to Everyone:"; a header above its messages titles it, else its file.
    chat = (
        "10:01:02 From Ana López to Everyone:\n\tThanks for coming in today.\n"
        "10:01:09 From Bo Chen to Everyone:\n\tSure, happy to help.\n"
        "10:01:15 From Ana López to Everyone:\n\tTell me about the trip.\n"
    )
    path = tmp_path / "meeting_saved_chat.txt"
    path.write_text(chat, "utf-8")
    assert load_document(path).title == "meeting_saved_chat"
    headed = tmp_path / "headed.txt"
    headed.write_text("Focus group chat, May 12\n\n" + chat, "utf-8")
    assert load_document(headed).title == "Focus group chat, May 12"


def test_a_transcript_is_not_titled_by_its_first_speakers_words(tmp_path: Path) -> None:
    # A transcript opening with its first turn was titled by it ("Interviewer: Thanks for
    # coming in today."): a speaker's words are no title, its file's name is.
    path = tmp_path / "ana-2024-03.txt"
    path.write_text(TURNS, "utf-8")
    assert load_document(path).title == "ana-2024-03"
    headed = tmp_path / "headed.txt"
    headed.write_text("Interview with Ana, March 2024\n\n" + TURNS, "utf-8")
    assert load_document(headed).title == "Interview with Ana, March 2024"


def test_an_exchange_of_two_turns_is_not_titled_by_its_first_speakers_words(
    tmp_path: Path,
) -> None:
    # Two turns are too few to read as a transcript, and the first was the title ("Ana:
    # Where did you grow up?"): a speaker's words are no title, its file's name is; a line
    # above them still titles them, and a note of two labelled lines keeps its first.
    exchange = "Ana: Where did you grow up?\nBen: In a small village near the coast.\n"
    path = tmp_path / "ana-ben.txt"
    path.write_text(exchange, "utf-8")
    assert load_document(path).title == "ana-ben"
    assert quick_facts(path, "text").title == "ana-ben"
    headed = tmp_path / "headed.txt"
    headed.write_text("Overheard at the bus stop\n\n" + exchange, "utf-8")
    assert load_document(headed).title == "Overheard at the bus stop"
    same = tmp_path / "same.txt"
    same.write_text("Ana: Where did you grow up?\nAna: And your parents?\n", "utf-8")
    assert load_document(same).title == "Ana: Where did you grow up?"


def test_an_exchange_of_two_turns_whose_words_wrap_is_not_titled_by_its_first_turn(
    tmp_path: Path,
) -> None:
    # Two turns, the second's words wrapped onto a line of their own, were no exchange (the
    # wrapped line opens no turn): the first speaker's words titled the file.  A title with a
    # colon above a turn and a line of its own still titles its note.
    wrapped = (
        "Ana: Hello, how was the trip to the city yesterday?\n"
        "Ben: It was long and the bus broke down twice before we reached the border, so\n"
        "we waited for hours in the heat.\n"
    )
    first_wraps = (
        "Ana: Hello, how was the long trip from the village to the city\n"
        "yesterday?\nBen: It was long.\n"
    )
    for name, exchange in (("wrapped", wrapped), ("first-wraps", first_wraps)):
        _assert_titled_by_its_name(tmp_path / f"{name}.txt", exchange)
    note = tmp_path / "note.txt"
    note.write_text("Interview 3: Tapachula\nWe met at the shelter.\nAna: Fine.\n", "utf-8")
    assert load_document(note).title == "Interview 3: Tapachula"


def test_a_title_with_a_colon_above_one_turn_still_titles_it(tmp_path: Path) -> None:
    # A title naming what follows with a colon ("Interview 3: Tapachula") above one turn
    # was taken for the first of two turns, the file titled by its name: no speaker's
    # words end so, without a sentence's end.
    for title in ("Interview 3: Tapachula", "Meeting notes: May budget"):
        path = tmp_path / "notes.txt"
        path.write_text(f"{title}\nAna: We agreed on the numbers.\n", "utf-8")
        assert load_document(path).title == title


def test_a_transcript_without_colons_is_not_titled_by_its_first_speakers_words(
    tmp_path: Path,
) -> None:
    # A transcript naming its speakers in square brackets or before a dash, no colon, was
    # titled by its first turn ("[Ana] How did you come here?"); one naming each alone on
    # its line by the first words said.
    for name, turns in (
        (
            "brackets",
            "[Ana] How did you come here?\n[Bo] By bus.\n[Ana] And then?\n[Bo] We walked.\n",
        ),
        (
            "dashes",
            "Ana - How did you come here?\nBo - By bus.\nAna - And then?\nBo - We walked.\n",
        ),
        (
            "names",
            "INTERVIEWER\nHow did you come here?\n\nANA\nBy bus.\n\nINTERVIEWER\nAnd then?\n\n"
            "ANA\nWe walked.\n",
        ),
    ):
        path = tmp_path / f"{name}.txt"
        path.write_text(turns, "utf-8")
        assert load_document(path).title == name
        assert quick_facts(path, "text").title == name


def test_a_title_with_a_colon_in_prose_is_still_the_title(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("Chapter One: The Border\n\nIt was a dark night.\n\nNote: cold.\n", "utf-8")
    assert load_document(path).title == "Chapter One: The Border"


def test_a_saved_e_mail_is_titled_by_its_subject(tmp_path: Path) -> None:
    # A message saved as text was titled by its first line: "From: Ana Lopez <ana@...>".
    path = tmp_path / "message.txt"
    path.write_text(
        "From: Ana Lopez <ana@example.org>\nTo: Bo Smith <bo@example.org>\n"
        "Date: Mon, 4 Mar 2024 10:00:00 +0000\nSubject: Notes from the border visit\n\n"
        "Hi Bo,\n\nHere are my notes from the visit to the shelter.\n",
        "utf-8",
    )
    assert load_document(path).title == "Notes from the border visit"
    memo = tmp_path / "memo.txt"
    memo.write_text("Subject: the visit\nNote: a memo, not a message\n\nText.\n", "utf-8")
    assert load_document(memo).title == "Subject: the visit"


def test_a_text_whose_header_names_its_title_and_author_is_titled_so(tmp_path: Path) -> None:
    # A book from Project Gutenberg was titled by its first line, "The Project Gutenberg
    # eBook of Pride and Prejudice", not by the title its header names.
    path = tmp_path / "pg1342.txt"
    path.write_bytes(
        "\ufeffThe Project Gutenberg eBook of Pride and Prejudice\r\n    \r\n"
        "This ebook is for the use of anyone anywhere in the United States and\r\n"
        "most other parts of the world at no cost.\r\n\r\n"
        "Title: Pride and Prejudice\r\n\r\nAuthor: Jane Austen\r\n\r\n"
        "*** START OF THE PROJECT GUTENBERG EBOOK PRIDE AND PREJUDICE ***\r\n\r\n"
        "Chapter I.\r\n\r\nIt is a truth universally acknowledged, that a single man in "
        "possession\r\nof a good fortune, must be in want of a wife.\r\n".encode()
    )
    assert load_document(path).title == "Pride and Prejudice"
    assert quick_facts(path, "text").title == "Pride and Prejudice"


def test_a_title_line_without_an_author_is_no_header(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text("Registration of the shelter's guests\n\nTitle: Mrs\nName: Ana\n", "utf-8")
    assert load_document(path).title == "Registration of the shelter's guests"


RECORD_TURNS = (
    "\n\nInterviewer: Thanks for coming in today.\n\nP03: Happy to be here.\n\n"
    "Interviewer: Tell me about the border.\n\nP03: It closed in March.\n"
)


def test_a_record_s_fields_are_no_title(tmp_path: Path) -> None:
    # A transcript or minutes opening with its record's fields was titled by one of them:
    # every interview of a project was "Date: 2023-05-01", the minutes "Attendees: Ana, Bo".
    fields = "Date: 2023-05-01\nInterviewer: Ana Ruiz\nLocation: Tapachula shelter"
    headed = tmp_path / "interview3.txt"
    headed.write_text("Interview 3\n" + fields + RECORD_TURNS, "utf-8")
    assert load_document(headed).title == "Interview 3"
    bare = tmp_path / "interview4.txt"
    bare.write_text(fields + RECORD_TURNS, "utf-8")
    assert load_document(bare).title == "interview4"
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(
        "Meeting minutes\n\nAttendees: Ana, Bo, Carla\nAgenda: budget, shelter hours\n\n"
        "Ana opened the meeting at ten.\n",
        "utf-8",
    )
    assert load_document(minutes).title == "Meeting minutes"
    assert quick_facts(minutes, "text").title == "Meeting minutes"


def test_a_chapter_s_number_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text("Chapter One\n\nThe Border at Night\n\nIt was dark.\n", "utf-8")
    assert load_document(path).title == "The Border at Night"


def _named_by_the_pattern_alone(text: str) -> tuple[int, int] | None:
    """The header's title as the field pattern alone finds it (the rule the quick look
    before it must keep)."""
    title, author = None, False
    for field in _FIELD.finditer(text, 0, min(len(text), _HEADER_SCAN)):
        if field.group(1).lower().startswith(("tit", "tít")):
            value = field.group(2).rstrip()
            if title is None and len(value) <= _MAX_LINE:
                title = (field.start(2), field.start(2) + len(value))
        else:
            author = True
        if title is not None and author:
            return title
    return None


_PIECES = st.sampled_from(
    ["Title: The Plan", "TİTLE: Plan", "tıtle: x", "TÍTULO: Obra", "Titre : Le plan",
     "Author: Ana", "BY: Bo", "autor: Eva", "Title", ": ", "\n", " ", "words here", "t:"]
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
@example("TÍTULO: Obra\nautor: Eva")  # a Spanish header
@example("TİTLE: Plan\nAuthor: Ana")  # a dotted capital I: the pattern's "i" matches it
@example("t: x\n" * 70 + "Title: The Plan\nAuthor: Ana")  # many lines with a colon
@example("a: b " * 70 + "\nTitle: The Plan\nAuthor: Ana")
def test_the_quick_look_for_a_header_finds_what_the_pattern_finds(text: str) -> None:
    assert _named_title(text) == _named_by_the_pattern_alone(text)


def test_a_spanish_header_names_its_title() -> None:
    """ "Título:" was read as an author's line, its title never taken."""
    text = "TÍTULO: La frontera\nAutor: Eva\n\nTexto."
    assert _named_title(text) == (8, 19)


def test_a_one_word_first_line_is_not_passed_over_for_a_later_short_line(
    tmp_path: Path,
) -> None:
    # "Mexico" over a news text was passed over as a label: the title was the text's first
    # wrapped line, or a short line further down ("Later that day").
    body = (
        "The army said on Tuesday that its soldiers had been sent to the\n"
        "border after weeks of clashes with the cartels in the north of the\n"
        "country. Officials said.\n\nLater that day\n\nThey came back.\n"
    )
    path = tmp_path / "news.txt"
    path.write_text("Mexico\n\n" + body, "utf-8")
    assert load_document(path).title == "Mexico"
    assert quick_facts(path, "text").title == "Mexico"
    labelled = tmp_path / "report.txt"
    labelled.write_text("CONFIDENTIAL\n\nReport on the mission to Chiapas\n\n" + body, "utf-8")
    assert load_document(labelled).title == "Report on the mission to Chiapas"


@pytest.mark.parametrize("first", ["Mexico", "Annual Report"])
@pytest.mark.parametrize(
    ("encoding", "pages"), [("utf-8", 1), ("cp1252", 1), ("utf-8", 5000)], ids=str
)
def test_a_first_line_a_form_feed_ends_titles_the_text(
    tmp_path: Path, first: str, encoding: str, pages: int
) -> None:
    # pdftotext ends each page with a form feed: a title page of one line ("Mexico", then
    # the next page) was passed over as a label, the text titled by a later line (its
    # first sentence, "The Border Policy Review Team"), as no blank line follows it.
    from tui_reader.core.search.corpus import read_canonical, read_fresh

    page = (
        "The committee met four times this year, in Tapachula and in Cancún.\n"
        "Its members reviewed the budget of the shelters.\n\n"
        "The Border Policy Review Team\n\nIt met again in May, after the rains.\f"
    )
    path = tmp_path / "report.txt"
    path.write_bytes(f"{first}\f{page * pages}".encode(encoding))
    assert load_document(path).title == first
    assert quick_facts(path, "text").title == first
    size = path.stat().st_size
    assert read_canonical(path, "text", size)[0] == first
    assert read_fresh(str(path), "text").title == first
    # A word right above the text, no page's end between: a label, passed over as before.
    assert find_title_line("Mexico\nThe committee met four times this year.\n") != (0, 6)


def test_a_chat_s_own_notices_are_no_title(tmp_path: Path) -> None:
    # A WhatsApp group's export opens with the chat's notices, dated as its messages are:
    # the chat was titled '12/05/2023, 10:01 - Ana created group "Field team"'.
    path = tmp_path / "WhatsApp Chat with Field team.txt"
    path.write_text(
        "12/05/2023, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        '12/05/2023, 10:01 - Ana created group "Field team"\n'
        "12/05/2023, 10:01 - Ana added Bo\n"
        "12/05/2023, 10:02 - Ana: Hi all, welcome.\n"
        "12/05/2023, 10:03 - Bo: Thanks.\n"
        "12/05/2023, 10:04 - Ana: Tomorrow at 9.\n",
        "utf-8",
    )
    assert load_document(path).title == "WhatsApp Chat with Field team"


def test_a_title_with_a_dash_above_a_transcript_titles_it() -> None:
    # "Interview 3 - Tapachula" reads as a name and a dash opening a turn, though it is none
    # of the transcript's turns (said once): it ended the search for a title, and the
    # transcript was titled by its file's name.
    text = (
        "Interview 3 - Tapachula\n\nAna López: Hello and welcome.\n\nBo: Thanks for having "
        "me.\n\nAna López: So tell me.\n\nBo: Well, we came in May.\n"
    )
    found = find_title_line(text)
    assert found is not None and text[found[0] : found[1]] == "Interview 3 - Tapachula"
    assert find_title_line(text[len("Interview 3 - Tapachula\n\n") :]) is None


def test_a_table_of_tab_separated_cells_is_not_titled_by_its_header_row(tmp_path: Path) -> None:
    # A spreadsheet saved as text ("Name<tab>Place<tab>Age" above its rows) was titled by its
    # header row, "Name Place Age of respondent": it is named by its file now, and a title
    # above the table still titles it.
    table = "Name\tPlace\tAge of respondent\nAna\tTapachula\t30\nBo\tOaxaca\t41\n"
    path = tmp_path / "respondents.txt"
    path.write_text(table, encoding="utf-8")
    assert load_document(path).title == "respondents"
    assert find_title_line("Survey results 2023\n\n" + table) == (0, 19)
    # A line with a tab in it and none below it is no table.
    assert find_title_line("Notes on\tthe crossing at dawn\n\nWe went.") == (0, 29)
    # A transcript's turns, each name and its words parted by a tab, are no table's rows:
    # the first of them still ends the search (no words said below are a title).
    talk = "INTERVIEWER\tHow did you come here?\nANA\tBy bus.\nINTERVIEWER\tAnd then?\nANA\tWe waited.\n"
    assert (
        find_title_line(talk + "And we waited a long time at the river, until it fell.\n") is None
    )


def test_subtitles_saved_as_text_are_not_titled_by_their_header_or_a_timing(
    tmp_path: Path,
) -> None:
    # Captions saved as a .txt (a meeting's transcript downloaded so, a SubRip file renamed)
    # were titled "WEBVTT", "00:00:01,000 --> 00:00:03,500" or "0:0:0.0 --> 0:0:5.120":
    # every such file in the library under the same header or a time.  Their file's name
    # titles them, as a transcript's does.
    for name, text in (
        ("webvtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v Ana>Hello there.</v>\n"),
        ("numbered", "1\n00:00:01,000 --> 00:00:03,500\nHello there.\n\n2\n00:00:04,000 --> "
         "00:00:06,000\nFine, thanks.\n"),
        ("teams", "0:0:0.0 --> 0:0:5.120\nAna Ruiz\nHello and welcome.\n"),
    ):  # fmt: skip
        _assert_titled_by_its_name(tmp_path / f"{name}.txt", text)
    timed = tmp_path / "timed.txt"
    timed.write_text("12:30 Lunch with the team\n\nWe talked about the budget.\n", "utf-8")
    assert load_document(timed).title == "12:30 Lunch with the team"


@pytest.mark.parametrize(
    ("started", "stopped"),
    [
        ("started transcription", "stopped transcription"),
        # in the meeting's language: the notice titled the file
        ("hat die Transkription gestartet", "hat die Transkription beendet"),
        ("a démarré la transcription", "a arrêté la transcription"),
    ],
)
def test_a_teams_transcript_is_not_titled_by_its_notice_of_transcription(
    tmp_path: Path, started: str, stopped: str
) -> None:
    # Teams opens its transcript's Word export with "Ana López started transcription": every
    # such transcript in the library was titled so.  Its file's name titles it, in Word too.
    said = [("Ana López", "How did you come?"), ("Bo Ruiz", "By bus."), ("Ana López", "Then?")]
    paragraphs = [f"Ana López {started}"]
    for n, (name, words) in enumerate([*said, ("Bo Ruiz", "On foot.")]):
        paragraphs += [f"{name}   0:{n}3", words]
    paragraphs.append(f"Ana López {stopped}")
    _assert_titled_by_its_name(tmp_path / "standup.txt", "\n\n".join(paragraphs) + "\n")
    word = make_docx(tmp_path / "meeting.docx", [("para", p) for p in paragraphs])
    assert load_document(word).title == "meeting"


@pytest.mark.parametrize("clock", ["00:00:05", "(00:00:05)", "[00:00:05]"])
def test_a_transcript_opening_with_a_time_alone_is_not_titled_by_it(
    tmp_path: Path, clock: str
) -> None:
    # A time alone on its line above the first turn (Google Meet's, a transcriber's in
    # parentheses) is that turn's: it titled the transcript "00:00:05".
    text = (
        f"{clock}\nInterviewer: How did you come here?\n\n(00:00:12)\nMaria: We walked.\n\n"
        "(00:02:15)\nInterviewer: And then?\n\nMaria: We waited.\n"
    )
    _assert_titled_by_its_name(tmp_path / "interview.txt", text)


class _WordsCounted:
    """The titles' word pattern, its finds counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def findall(self, line: str) -> list[str]:
        self.calls += 1
        return self.pattern.findall(line)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Field report on the border and its markets\n\nThe road was long.\n", (0, 42)),
        ("Interview 3\n\nINTERVIEWER: How did you come here?\n", (0, 11)),
        ("Mexico\n\nThe road was long.\n", (8, 26)),  # a label, the title below it
        ("- one\n\nField report on the border\n\nThe road.\n", (7, 33)),
    ],
)
def test_a_line_s_words_are_found_once(
    text: str, title: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first listing reads the title of every plain text: its first line's words were
    # found three times over (is it a heading of two words, a label of one, a title), a
    # fifth of the title's reading.
    from tui_reader.core.documents import titles

    counted = _WordsCounted(titles._WORD)
    monkeypatch.setattr(titles, "_WORD", counted)
    assert find_title_line(text) == title
    assert counted.calls <= 2  # once a line looked at (the first, and one more below)


def test_a_first_line_in_ascii_is_read_without_per_character_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plain text's first line, its title most often, was gone through a character at a
    time in Python for the greatest of them (a Chinese or Japanese title is judged by its
    length), and matched against a record field's pattern without a colon in it: a third
    of the look for the title, once for each of a first listing's files.  Neither is done
    for a line in ASCII without a colon; a Chinese title and a record's field read as
    before."""
    from helpers.counting import count_calls

    from tui_reader.core.documents import titles

    greatest: list[object] = []

    def counted_max(*args: object, **kwargs: object) -> object:
        greatest.append(args)
        return max(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(titles, "max", counted_max, raising=False)
    fields = count_calls(monkeypatch, titles._FIELD_LABEL, "match")
    title = "Field report 00012 on the border and its markets"
    assert find_title_line(f"{title}\n\nThe road was long, and the market full.\n") == (
        0,
        len(title),
    )
    assert greatest == [] and fields.calls == 0
    assert find_title_line("移民报告的标题\n\n正文在这里。\n") == (0, 7)
    assert greatest != []
    text = "Date: 2023-05-01\nInterview with Ana in Tapachula today\n\nWe met at noon.\n"
    found = find_title_line(text)
    assert (
        found is not None and text[found[0] : found[1]] == "Interview with Ana in Tapachula today"
    )
    assert fields.calls > 0


_HEADERS_AND_CAPTIONS = st.text(
    st.sampled_from(list("WEBVTT0123١٢ \t\n:-–>.,Fromx")) | st.characters(), max_size=40
)


@given(_HEADERS_AND_CAPTIONS)
@example("WEBVTT\n\n00:01.000 --> 00:02.000\nHi")
@example("١٢:٣٤ --> x")  # digits of another script are \d's too
@example("From: Ana\n Lopez\nSubject: Notes\n\nHi")
def test_what_is_asked_first_never_passes_over_captions_or_a_header(text: str) -> None:
    """The captions' pattern and the e-mail header's are compiled only when a cheap test
    says they may match (a plain text's first screen compiles neither): the test says no
    only where the pattern finds nothing."""
    first = titles._FIRST_CHARACTER.search(text)
    if first is not None and not titles._may_open_subtitles(text[first.start()]):
        assert titles._SUBTITLES.match(text, first.start()) is None
    end = text.find("\n")
    stop = min(len(text) if end < 0 else end, _MAX_LINE)
    if not text.startswith((" ", "\t")) and ":" not in text[:stop]:
        assert titles._HEADER_LINE.fullmatch(text, 0, stop) is None


@pytest.mark.parametrize(
    "data",
    [
        b"first line\nwalls one\fwalls two\nthird walls\nfour\rwalls five walls\n",
        b"first line\nwalls one\nwalls two\nthird walls\nfour\nwalls five walls\n",
        b"first line\nsecond line here now\n",
    ],
)
def test_a_line_running_on_under_a_short_first_line_does_not_title_the_text(
    tmp_path: Path, data: bytes
) -> None:
    """The library and F titled "first line\\n...four\\rwalls five walls" by "walls five
    walls", the part of a line a lone CR (or a form feed) leaves, or any line of three words
    in the paragraph the first line opens: a reader takes the first line for its title."""
    from tui_reader.core.search.corpus import title_and_text

    path = tmp_path / "g.txt"
    path.write_bytes(data)
    assert load_document(path).title == "first line"
    assert quick_facts(path, "text").title == "first line"
    assert title_and_text(path, "text", len(data))[0] == "first line"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Notes\nField report from the border\n\nWe left at dawn.\n",
            "Field report from the border",
        ),
        ("first line\n\nThe Great Report\n\nbody text.\n", "The Great Report"),
        ("News > Latin America\nMexico Hosts a Conference\n\nBody.\n", "Mexico Hosts a Conference"),
        ("- item one\n- item two\nThe Report on the Border\n", "The Report on the Border"),
    ],
)
def test_a_title_under_a_label_a_crumb_or_a_blank_line_still_titles_the_text(
    tmp_path: Path, text: str, title: str
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(text, "utf-8")
    assert load_document(path).title == title
    assert quick_facts(path, "text").title == title
