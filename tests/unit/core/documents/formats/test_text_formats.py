"""Web pages, RTF and subtitles."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.format_fixtures import TRANSCRIPT_SRT, TRANSCRIPT_VTT, WEB_PAGE

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.html import clean_title
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError


def test_web_page_keeps_the_article_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(WEB_PAGE, "utf-8")
    doc = load_document(path)
    assert doc.text.startswith("Migrants face new checkpoints\n\nThe government opened twelve")
    assert "Soldiers now stand beside immigration agents" in doc.text
    assert "• Twelve new checkpoints\n• Detentions doubled" in doc.text
    for boilerplate in ("cookies", "Football", "Celebrity", "Copyright", "Sports", "tracking"):
        assert boilerplate not in doc.text
    assert doc.title == "Migrants face new checkpoints"
    assert doc.metadata == {
        "title": "Migrants face new checkpoints",
        "author": "Maria Lopez",
        "date": "2024-03-05",
        "site": "The Border Times",
        "url": "https://bordertimes.example/news/checkpoints",
    }
    emphasis = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.EMPHASIS]
    assert emphasis == ["twelve"]


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Checkpoints | The Border Times", "The Border Times", "Checkpoints"),
        ("Checkpoints - The Border Times", "The Border Times", "Checkpoints"),
        ("Checkpoints - a report", "The Border Times", "Checkpoints - a report"),
        ("The Border Times", "The Border Times", "The Border Times"),
    ],
)
def test_title_loses_the_site_suffix(title: str, site: str, expected: str) -> None:
    assert clean_title(title, site) == expected


def test_web_page_without_an_article_is_named(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", "utf-8")
    with pytest.raises(DocumentError, match="no article text"):
        load_document(path)


def test_rtf_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "memo.rtf"
    path.write_text(
        r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Memo on {\b checkpoints}\par"
        r" The border was closed.\par Caf\'e9 owners complained.\par}",
        "latin-1",
    )
    doc = load_document(path)
    assert doc.text == "Memo on checkpoints\n\nThe border was closed.\n\nCafé owners complained."


def test_not_rtf_is_named(tmp_path: Path) -> None:
    path = tmp_path / "fake.rtf"
    path.write_text("hello", "utf-8")
    with pytest.raises(DocumentError, match="not an RTF document"):
        load_document(path)


def test_webvtt_voices_become_turns(tmp_path: Path) -> None:
    path = tmp_path / "interview.vtt"
    path.write_text(TRANSCRIPT_VTT, "utf-8")
    doc = load_document(path)
    assert doc.text.split("\n\n") == [
        "[00:00:05] Interviewer: How did you come to Tapachula?",
        "[00:00:12] P03: By bus, mostly. It took three days to reach the border.",
        "[00:07:09] Interviewer: And then? What happened at the checkpoint?",
        "[00:07:15] P03: They stopped the bus. Soldiers asked for papers.",
    ]
    assert [t.citation for t in doc.turns] == [
        "[00:00:05] Interviewer",
        "[00:00:12] P03",
        "[00:07:09] Interviewer",
        "[00:07:15] P03",
    ]
    third = doc.turns[2]
    assert doc.text[third.body : third.end] == "And then? What happened at the checkpoint?"
    assert doc.citation(third.body + 3) == "[00:07:09] Interviewer"
    assert doc.metadata["speakers"] == "Interviewer, P03"


def test_srt_labels_become_turns(tmp_path: Path) -> None:
    path = tmp_path / "interview.srt"
    path.write_text(TRANSCRIPT_SRT, "utf-8")
    doc = load_document(path)
    assert [(t.time, t.speaker) for t in doc.turns] == [
        ("00:00:05", "Interviewer"),
        ("00:00:12", "P03"),
        ("00:07:09", "Interviewer"),
    ]


def test_vtt_without_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text("00:00:01.000 --> 00:00:02.000\nhi\n", "utf-8")
    with pytest.raises(DocumentError, match="WEBVTT"):
        load_document(path)
