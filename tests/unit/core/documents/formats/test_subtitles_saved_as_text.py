"""Subtitles saved as plain text (Zoom's and Otter's transcripts downloaded as .txt): read
as the subtitles they are by every reader of a text, not as text showing their timings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.format_fixtures import ARROW_NOTES, OTTER_SRT, TEAMS_VTT_HEADLESS, ZOOM_VTT
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.documents.document import file_format, load_document
from tui_reader.core.documents.facts import quick_facts
from tui_reader.core.documents.preview import load_preview
from tui_reader.core.search.corpus import file_breaks, read_canonical, read_fresh

SAVED_AS_TEXT = [
    pytest.param("zoom.txt", ZOOM_VTT, "vtt", id="zoom"),
    pytest.param("otter.txt", OTTER_SRT, "srt", id="otter"),
    # without its header: told by its cues' timings and voices
    pytest.param("teams.txt", TEAMS_VTT_HEADLESS, "vtt", id="teams-without-header"),
    pytest.param(
        "teams.txt",
        "\n".join(line for line in TEAMS_VTT_HEADLESS.splitlines() if "/1" not in line),
        "vtt",
        id="teams-without-header-or-ids",
    ),
]


def _saved(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8"))  # as written: Otter's CRLF kept
    return path


@pytest.mark.parametrize(("name", "content", "fmt"), SAVED_AS_TEXT)
def test_subtitles_saved_as_text_are_read_as_their_format(
    tmp_path: Path, name: str, content: str, fmt: str
) -> None:
    document = load_document(_saved(tmp_path, name, content))
    own = load_document(_saved(tmp_path, f"own.{fmt}", content))
    assert document.format == fmt
    assert document.text == own.text
    assert "-->" not in document.text and "WEBVTT" not in document.text
    assert [turn.speaker for turn in document.turns] == [turn.speaker for turn in own.turns]
    assert len(document.turns) == 4


_READERS: dict[str, Callable[[Path], tuple[str, str]]] = {
    "search": lambda path: read_canonical(path, "text")[:2],
    "search, a small file": lambda path: read_canonical(str(path), "text", 1)[:2],
    "search, read fresh": lambda path: (lambda f: (f.title or "", f.decoded()))(
        read_fresh(str(path), "text")
    ),
}


@pytest.mark.parametrize("reader", sorted(_READERS))
@pytest.mark.parametrize(("name", "content", "fmt"), SAVED_AS_TEXT)
def test_every_reader_reads_the_text_the_document_has(
    tmp_path: Path, name: str, content: str, fmt: str, reader: str
) -> None:
    path = _saved(tmp_path, name, content)
    document = load_document(path)
    title, text = _READERS[reader](path)
    assert text == document.text
    assert not title or title == document.title


@pytest.mark.parametrize(("name", "content", "fmt"), SAVED_AS_TEXT)
def test_the_facts_and_lines_are_the_document_s(
    tmp_path: Path, name: str, content: str, fmt: str
) -> None:
    path = _saved(tmp_path, name, content)
    document = load_document(path)
    facts = quick_facts(str(path), "text")
    assert (facts.format, facts.words, facts.length, facts.sha256) == (
        fmt, document.words, len(document.text), document.sha256
    )  # fmt: skip
    assert facts.metadata.get("speakers") == document.metadata.get("speakers")
    assert file_breaks(path, "text") == []  # its lines are its converted text's (CRLF aside)


def test_a_big_subtitle_file_saved_as_text_has_no_preview_of_its_raw_lines(
    tmp_path: Path,
) -> None:
    cue = "{n}\n00:{m:02d}:01,000 --> 00:{m:02d}:04,000\nSpeaker {s}: We talked about the port.\n\n"
    content = "".join(cue.format(n=n, m=n % 60, s=1 + n % 2) for n in range(1, 120_000))
    assert load_preview(_saved(tmp_path, "long.txt", content), max_bytes=4096) is None


def test_a_plain_text_with_an_arrow_line_stays_plain_text(tmp_path: Path) -> None:
    path = _saved(tmp_path, "notes.txt", ARROW_NOTES)
    document = load_document(path)
    assert document.format == "text"
    assert document.text == ARROW_NOTES
    assert read_canonical(path, "text")[1] == document.text
    assert quick_facts(str(path), "text").format == "text"
    assert file_format(path) == "text"


@pytest.mark.parametrize(("name", "content", "fmt"), SAVED_AS_TEXT)
def test_the_format_of_a_file_is_the_one_it_is_read_in(
    tmp_path: Path, name: str, content: str, fmt: str
) -> None:
    assert file_format(_saved(tmp_path, name, content)) == fmt
    assert file_format(tmp_path / "gone.txt") == "text"  # loading it says why not


def test_subtitles_without_a_word_said_saved_as_text_stay_readable_text(tmp_path: Path) -> None:
    # A caption file's header and timings, no cue said yet (a transcript still being
    # made): read as subtitles it was refused ("no subtitle cues found"), a text no more.
    content = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\n"
    path = _saved(tmp_path, "waiting.txt", content)
    document = load_document(path)
    assert (document.format, document.text) == ("text", content)
    assert read_canonical(path, "text")[1] == content
    assert read_fresh(str(path), "text").decoded() == content
    assert quick_facts(str(path), "text").format == "text"


@pytest.mark.parametrize(
    "head",
    [
        "WEBVTT is the format of captions on the web.\nIt has cues.\n",  # no timing
        "12 apples\n3 pears\n",
        "0:0:0.0 --> 0:0:4.32\nAna López\nHello.\n",  # a Teams transcript: names alone
        "1\nThe first chapter\n",
        # a timing with no voice below it, or a voice below words that are no cue's name
        "00:00:01.000 --> 00:00:04.000\nAna López: Hello.\n",
        "Notes\n00:00:01.000 --> 00:00:04.000\n<v Ana>Hello.\n",
        "abc --> def\n<v Ana>Hello.\n",
        "<v Ana>Hello.</v>\n",
    ],
)
def test_what_merely_looks_like_subtitles_is_text(head: str) -> None:
    from tui_reader.core.documents.formats import format_of_text

    assert format_of_text(head) == "text"
    assert format_of_text(head.encode("utf-8")) == "text"


@pytest.mark.parametrize(
    ("encoding", "content", "fmt"),
    [
        ("utf-8-sig", ZOOM_VTT, "vtt"),
        ("utf-16", ZOOM_VTT, "vtt"),
        ("utf-16-le", OTTER_SRT, "srt"),
        ("cp1252", "\n\n" + OTTER_SRT.replace("Hi,", "Olá,"), "srt"),
        # a Teams transcript without its header, its first cue's identifier opening with a
        # letter: in UTF-16 without a byte-order mark its arrow's bytes are NULs apart
        ("utf-16-le", TEAMS_VTT_HEADLESS.replace("7f3c2a1e", "af3c2a1e"), "vtt"),
        ("utf-8", TEAMS_VTT_HEADLESS.replace("7f3c2a1e", "af3c2a1e"), "vtt"),
    ],
)
def test_subtitles_are_told_in_any_encoding(encoding: str, content: str, fmt: str) -> None:
    from tui_reader.core.documents.formats import format_of_text

    assert format_of_text(content.encode(encoding)) == fmt


_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_TIMING = st.sampled_from(["00:00:01.000 --> 00:00:04.000", "00:00:01,000 --> 00:00:04,000"])


@given(
    first=_LINE.filter(lambda line: not line.strip()[:1].isdigit() and "WEBVTT" not in line),
    rest=st.lists(st.one_of(_LINE, _TIMING, st.just("1")), max_size=12),
)
def test_a_text_opening_with_words_is_text_whatever_lines_follow(
    first: str, rest: list[str]
) -> None:
    from tui_reader.core.documents.formats import format_of_text

    text = "\n".join([first.strip() or "Notes", *rest])
    assert format_of_text(text) == "text"
    assert format_of_text(text.encode("utf-8")) == "text"


def test_a_teams_webvtt_transcript_saved_as_text_is_read_as_subtitles(tmp_path: Path) -> None:
    # Teams writes its cues' timings with one figure for a minute or a second below ten
    # ("0:0:3.45 --> 0:0:6.10"): saved as .txt, such a transcript was read as a text showing
    # its header, timings and "<v Ana Ruiz>" tags, with no turns.
    content = (
        "WEBVTT\n\n0:0:3.45 --> 0:0:6.10\n<v Ana Ruiz>How did you come here?</v>\n\n"
        "0:0:7.0 --> 0:0:9.0\n<v Bo Chen>By bus, at night.</v>\n"
    )
    document = load_document(_saved(tmp_path, "meeting.txt", content))
    assert document.format == "vtt"
    assert [(t.speaker, t.time, document.text[t.body : t.end]) for t in document.turns] == [
        ("Ana Ruiz", "00:00:03", "How did you come here?"),
        ("Bo Chen", "00:00:07", "By bus, at night."),
    ]
