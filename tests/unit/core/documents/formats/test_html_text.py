"""Web pages and EPUB chapters keep all their text: tables, deep nesting, big inline images."""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers.format_fixtures import make_epub

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.html import convert_html
from tui_reader.core.documents.formats.html_metadata import EXTENSIVE_DATE_SEARCH
from tui_reader.core.documents.formats.html_text import HtmlWriter, parse_html
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

WORDS = "Some words of the article, enough of them to count as its main text. " * 8


def _written(html: str) -> str:
    writer = HtmlWriter()
    writer.element(parse_html(html, Path("page.html"), "web page"))
    return writer.out.text()


def _page(tmp_path: Path, middle: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>A page</title></head><body><article>"
        f"<p>{WORDS}</p>{middle}<p>The closing words come after it. {WORDS}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_cell_parts_its_paragraphs_a_nested_table_is_read_once_and_the_caption_kept() -> None:
    html = (
        "<div><table><caption>Table 1: <b>who</b></caption><thead><tr><th>Who</th><th>Said</th></tr></thead><tbody><tr>"
        "<td><p>first</p><p>second</p></td><td>one<br>two<script>var x;</script>"
        "<table><tr><td>inner</td></tr></table></td></tr></tbody></table></div>"
    )
    assert _written(html) == "Table 1: who\nWho │ Said\nfirst second │ one two inner"


def test_a_table_of_one_cell_framing_a_program_listing_keeps_its_lines() -> None:
    # Manuals put a program listing in a table of one cell (a shaded box): its lines were
    # run into one ("Property Type Description ---- family String Font family names").
    html = (
        "<p>The properties:</p><table class='screen'><tr><td><pre class='programlisting'>"
        "  Property   Type\n  family     String\n  size       Double</pre>"
        "<p>A note under it.</p></td></tr></table>"
        "<table><tr><td>Ana</td></tr></table>"
    )
    assert _written(html) == (
        "The properties:\n\n  Property   Type\n  family     String\n  size       Double"
        "\n\nA note under it.\n\nAna"
    )


def test_a_note_referred_to_in_a_page_s_heading_neither_doubles_it_nor_titles_it(
    tmp_path: Path,
) -> None:
    # A heading holding a note's reference ("<h1>Visit to the market<sup><a
    # href='#fn1'>1</a></sup></h1>") was read twice, "Visit to the market1" above "Visit
    # to the market[1]", and titled the page "Visit to the market1".
    path = tmp_path / "visit.html"
    path.write_text(
        "<html><head><title>Visit to the market</title></head><body><article><h1>Visit to"
        " the market<sup><a href='#fn1' id='r1'>1</a></sup></h1><p>We went on Monday.</p>"
        f"<p>{WORDS}</p><p id='fn1'><a href='#r1'>1</a> Funded by the town.</p></article>"
        "</body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text.startswith("Visit to the market[1]\n\nWe went on Monday.")
    assert doc.text.count("Visit to the market") == 1
    assert doc.title == "Visit to the market"


@pytest.mark.parametrize(
    ("tag", "kind", "note"),
    [
        ("aside", "role='doc-footnote'", "<p>The bridge was closed in 2019.</p>"),
        ("aside", "epub:type='footnote'", "The bridge was closed in 2019."),
        ("div", "role='doc-footnote'", "<p>[1] The bridge was closed in 2019.</p>"),
    ],
)
def test_a_web_page_s_footnote_set_below_its_paragraph_is_read_at_the_article_s_end(
    tmp_path: Path, tag: str, kind: str, note: str
) -> None:
    # A web article's footnote set below the paragraph referring to it, as an EPUB sets
    # one (<aside role="doc-footnote">): an <aside> was dropped whole by the extractor, a
    # <div> read between that paragraph and the next.  It is read at the article's end,
    # with its reference's label, as the EPUB's is.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>The bridge</title></head><body><article>"
        "<p>We slept under the bridge<a href='#fn1' role='doc-noteref'>1</a>. The river was"
        f" quiet.</p><{tag} id='fn1' {kind}>{note}</{tag}><p>In the morning. {WORDS}</p>"
        "<p>By the third day we knew them all.</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("We slept under the bridge[1]. The river was quiet.\n\nIn the morning.")
    assert text.endswith("we knew them all.\n\n[1] The bridge was closed in 2019.")
    assert text.count("The bridge was closed") == 1


@pytest.mark.parametrize(
    "player",
    [
        "<div class='audio-player'><audio src='a.mp3' controls></audio><button>Play</button>"
        "<span class='duration'>4:32</span></div>",
        "<div class='podcast-player'><audio src='a.mp3' controls></audio> 0:00 / 4:32</div>",
        "<div><audio src='a.mp3' controls></audio><span>4:32</span></div>",
        "<video src='v.mp4' controls></video><div class='length'>4:32</div>",
        "<div class='video-player'><video src='v.mp4'></video></div><div>4:32</div>",
    ],
)
def test_a_web_article_s_player_leaves_no_duration_of_its_own(tmp_path: Path, player: str) -> None:
    # An audio or video player's running time ("4:32") was read as a paragraph of the
    # article's, between two of its passages: the player is left out, its time too.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>The bridge</title></head><body><article><p>We slept under the"
        f" bridge. {WORDS}</p>{player}<p>In the morning we walked (4:32 in the recording)."
        "</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "\n\nIn the morning we walked (4:32 in the recording)." in text
    assert text.count("4:32") == 1


@pytest.mark.parametrize(
    "player",
    [
        # as the New York Times' pages set one: classes of no meaning, a labelled button
        "<div class='css-1a48zt4'><div class='css-kq4yrd'><button aria-label='Play Video'"
        " class='css-1qyb9yo'><svg viewBox='0 0 10 10'></svg></button></div>"
        "<span class='css-1u5wzb7'>12:34</span></div>",
        # as the BBC's: a placeholder, its button labelled, the duration beside it
        "<div data-component='video-block'><div class='ssrcss-1x9xhmv-MediaContainer'>"
        "<button class='ssrcss-12ep2v9-PlayButton' aria-label='Play video, Floods in the"
        " valley'><svg></svg></button><div class='ssrcss-1jcrdpd-Duration'><span>12:34</span>"
        "</div></div></div>",
        # as Arc XP's (the Washington Post's): a division standing for the button
        "<div class='powa' data-uuid='a1b2'><div class='powa-shot'><div class='powa-shot-image'>"
        "</div><div class='powa-shot-play-btn' role='button' aria-label='Play Video'></div>"
        "<span class='powa-shot-duration'>12:34</span></div></div>",
        # as the Guardian's: an icon named play, the time in a pill beside it
        "<div class='dcr-1ll8zbr'><div data-testid='youtube-overlay'><span class='dcr-play-icon'><svg></svg>"
        "</span><div class='dcr-pill'><span class='dcr-time'>12:34</span></div></div></div>",
    ],
)
def test_a_player_a_script_builds_leaves_no_duration(tmp_path: Path, player: str) -> None:
    # A player a page's script builds when its button is pressed has no <audio> or <video>
    # and often no class naming a player: its running time ("12:34") was read as a
    # paragraph of the story's.  Its play button tells it.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>The bridge</title></head><body><article><p>We slept under the"
        f" bridge. {WORDS}</p>{player}<p>In the morning we walked (12:34 in the recording)."
        "</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "\n\nIn the morning we walked (12:34 in the recording)." in text
    assert text.count("12:34") == 1


def test_a_line_up_s_players_keep_their_minutes(tmp_path: Path) -> None:
    # A team's line-up names each player so ("player"), a player of a team and not a
    # media player: the minutes each played were taken for a player's running time.
    path = tmp_path / "match.html"
    path.write_text(
        "<html><head><title>Cup final</title></head><body><article><h1>Cup final</h1>"
        f"<p>The coach kept the same eleven as last week. {WORDS}</p><ul class='lineup'>"
        "<li class='player'><span class='player__name'>Ana Ruiz</span>"
        " <span class='player__minutes'>90:00</span></li>"
        "<li class='player'><span class='player__name'>Kim Lee</span>"
        " <span class='player__minutes'>45:00</span></li></ul>"
        "<div class='player player--sub'>90:00</div>"
        "<p>Both were booked before the break, and the referee added six minutes.</p>"
        "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Ana Ruiz 90:00" in text
    assert "Kim Lee 45:00" in text
    assert text.count("90:00") == 2


@pytest.mark.parametrize(
    "header",
    [
        # as Medium sets one: a subtitle beside the author's name, claps and share buttons
        "<h1 class='pw-post-title' data-testid='storyTitle'>Floods</h1><div><h2 id='1c2d'"
        " class='pw-subtitle-paragraph hr gt'>What the water left behind</h2><div class='ab'>"
        "<a data-testid='authorName' href='/@ana'>Ana Ruiz</a> · <a href='/m/signin'>Follow"
        "</a><span data-testid='storyReadTime'>4 min read</span><button aria-label='Share"
        " Post'>Share</button></div></div>",
        # as the Guardian's: the standfirst in a division named so, a paragraph inside
        "<div data-gu-name='headline'><h1>Floods</h1></div><div data-gu-name='standfirst'>"
        "<div class='dcr-1yi1cnj'><p>What the water left behind</p></div></div><div"
        " data-gu-name='meta'><a rel='author' href='/ana'>Ana Ruiz</a><div>Sun 12 May 2024"
        "</div></div>",
        # as the New York Times': a summary paragraph, the byline below it
        "<header><h1 data-testid='headline'>Floods</h1><p id='article-summary'"
        " class='css-79rysd e1wiw3jv0'>What the water left behind</p><div class='css-byline'>"
        "<span>By Ana Ruiz</span><time>May 12, 2024</time></div></header>",
        # as Arc XP's (the Washington Post's): a subheadline
        "<h1 data-qa='headline'>Floods</h1><h2 data-qa='subheadline' class='wpds-c-fJKSbB'>"
        "What the water left behind</h2><div data-qa='author-byline'>By Ana Ruiz</div>",
    ],
)
def test_a_story_s_standfirst_under_its_title_is_read(tmp_path: Path, header: str) -> None:
    # The sentence under a story's title that says what it tells stands in the story's
    # header, beside its byline, date and buttons, which the extractor leaves out, and
    # was lost with them.  A list of the story's key points there stays a list.
    path = tmp_path / "story.html"
    path.write_text(
        f"<html><head><title>Floods</title></head><body><article>{header}"
        "<div class='summary-box'><h3>Key points</h3><ul><li>The river rose two metres</li>"
        "<li>The dam released water</li></ul></div><div class='body'>"
        f"<p>The river rose two metres overnight, and the town was cut off. {WORDS}</p>"
        "<p>By noon the water had begun to fall.</p></div></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.count("What the water left behind") == 1
    above, below = text.split("\n\nWhat the water left behind\n\n")
    assert "The river rose two metres overnight" not in above
    # (the New York Times' and Medium's bylines, set below the standfirst, are read between)
    byline = "Ana Ruiz\n\n" if "authorName" in header else "By Ana Ruiz\n\n"
    assert below.removeprefix(byline).startswith("The river rose two metres overnight")
    assert "Follow" not in text and "min read" not in text
    assert "Key points, The river" not in text and "Key points The river" not in text


_STORY = (
    "<p>The county paper printed its last edition on a Thursday in March, after one hundred"
    " and twelve years, and nobody from the owners came to say goodbye.</p>"
    "<p>In the weeks after, the council met without a reporter in the room.</p>"
)


@pytest.mark.parametrize(
    "header",
    [
        # Substack's: the author's name a link in the "byline-wrapper", the date beside it
        "<div class='post-header' role='region' aria-label='Post header'><h1 dir='auto'"
        " class='post-title published title-X77sOw'>The paper closed</h1><h3 dir='auto'"
        " class='subtitle subtitle-HEEcLo'>Why the county paper closed, and what came after"
        "</h3><div class='pencraft pc-display-flex pc-reset byline-wrapper"
        " byline-wrapper--swap-on-mobile-Cs2Jac'><div class='pencraft pc-reset'><a"
        " href='https://substack.com/@anaruiz'><img src='a.jpg' width='36' alt=''></a></div>"
        "<div class='pencraft pc-display-flex pc-flexDirection-column pc-reset'><div"
        " class='pencraft pc-reset font-meta-MWBumP meta-EgzBVA'><span data-state='closed'><a"
        " href='https://substack.com/@anaruiz' class='pencraft pc-reset reset-IxiVJZ'>Ana Ruiz"
        "</a></span></div><div class='pencraft pc-display-flex pc-reset'><div class='pencraft"
        " pc-reset font-meta-MWBumP meta-EgzBVA'>Mar 12, 2024</div></div></div></div><div"
        " class='pencraft post-ufi'><a role='button' class='like-button'>42</a></div></div>"
        "<div class='available-content'><div dir='auto' class='body markup'>{story}</div></div>",
        # Medium's: the name a link of test id "authorName", the reading time and date by
        # test ids too, a "Follow" link beside the name
        "<h1 id='0a1b' class='pw-post-title gs gt' data-testid='storyTitle'>The paper closed"
        "</h1><div><h2 id='9c8d' class='pw-subtitle-paragraph hr gt'>Why the county paper"
        " closed, and what came after</h2><div class='speechify-ignore ab co'><div class='ab"
        " q'><div class='bm' aria-hidden='false'><p class='bf b it iu bk'><a class='af ag'"
        " data-testid='authorName' href='/@anaruiz' rel='noopener follow'>Ana Ruiz</a></p>"
        "</div><span class='iw ix' aria-hidden='true'>·</span><p class='bf b it iu du'><span>"
        "<a class='iy iz' href='/m/signin'>Follow</a></span></p></div><div class='ab ae'><span"
        " data-testid='storyReadTime'>7 min read</span><span class='l' aria-hidden='true'>·"
        "</span><span data-testid='storyPublishDate'>Mar 12, 2024</span></div></div></div>"
        "{story}",
    ],
    ids=["substack", "medium"],
)
def test_a_byline_naming_the_author_with_no_by_is_read_below_the_standfirst(
    tmp_path: Path, header: str
) -> None:
    # Substack and Medium name a post's author by a link alone, no "By" (Substack's in a
    # "byline-wrapper" beside the date, Medium's of test id "authorName"): the name was
    # not in the text, though the page shows it under the title.  It is read between the
    # standfirst and the story; the date, the reading time and "Follow" stay out.
    path = tmp_path / "post.html"
    path.write_text(
        "<html><head><title>The paper closed</title></head><body><article>"
        + header.format(story=_STORY)
        + "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(
        "The paper closed\n\nWhy the county paper closed, and what came after\n\n"
        "Ana Ruiz\n\nThe county paper printed its last edition"
    )
    assert text.count("Ana Ruiz") == 1
    for chrome in ("Mar 12", "min read", "Follow", "42"):
        assert chrome not in text


def test_a_byline_above_the_story_s_photo_is_read_above_its_caption(tmp_path: Path) -> None:
    # A news page saved whole sets its byline under the title, then the story's photo and
    # its caption, then the story: the byline was read right above the story's first
    # paragraph, below the caption ("Migrants wait ... Photo: Reuters" before "By Ana
    # Ruiz"), as the page does not show them.
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Shelters fill | Example News</title></head><body><main><article>"
        "<h1>Shelters fill</h1><p class='byline'>By <a href='/ana'>Ana Ruiz</a></p>"
        "<div class='share'><a href='#'>Share on Facebook</a> <a href='#'>Email</a></div>"
        "<figure><img src='shelter.jpg' alt='A shelter'><figcaption>Migrants wait outside a"
        " shelter in Tapachula. Photo: Reuters</figcaption></figure>"
        f"{_STORY}</article></main></body></html>",
        "utf-8",
    )
    assert load_document(path).text.startswith(
        "Shelters fill\n\nBy Ana Ruiz\n\nMigrants wait outside a shelter in Tapachula. Photo:"
        " Reuters\n\nThe county paper printed its last edition"
    )
    # (a lead picture set above the byline, in a block of its own, stays above it)
    path.write_text(
        "<html><head><title>Shelters fill</title></head><body><main><article>"
        "<h1>Shelters fill</h1><div class='lead'><figure><img src='shelter.jpg' alt=''>"
        "<figcaption>Migrants wait outside a shelter. Photo: Reuters</figcaption></figure>"
        f"</div><div class='body'><p class='byline'>By Ana Ruiz</p>{_STORY}</div>"
        "</article></main></body></html>",
        "utf-8",
    )
    assert load_document(path).text.startswith(
        "Shelters fill\n\nMigrants wait outside a shelter. Photo: Reuters\n\nBy Ana Ruiz\n\n"
        "The county paper printed its last edition"
    )


def test_a_byline_above_the_story_s_photo_is_read_above_its_caption_below_a_standfirst(
    tmp_path: Path,
) -> None:
    # The same page with a standfirst under its title (as most news pages set one): the
    # standfirst, put right above the story's first paragraph, stood between the photo and
    # that paragraph, and the photo was taken for one brought down from above the byline:
    # the byline was read below the caption.
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Shelters fill | Example News</title></head><body><main><article>"
        "<h1>Shelters fill</h1><p class='standfirst'>Church-run shelters say they have never"
        " been so full.</p><div class='byline'>By <a href='/ana'>Ana Ruiz</a> · March 2, 2024"
        "</div><figure><img src='shelter.jpg' alt=''><figcaption>Migrants wait"
        " outside a shelter in Tapachula. Photo: Reuters</figcaption></figure>"
        f"{_STORY}</article></main></body></html>",
        "utf-8",
    )
    assert load_document(path).text.startswith(
        "Shelters fill\n\nChurch-run shelters say they have never been so full.\n\n"
        "By Ana Ruiz · March 2, 2024\n\nMigrants wait outside a shelter in"
        " Tapachula. Photo: Reuters\n\nThe county paper printed its last edition"
    )


def test_the_guardian_s_byline_of_a_name_and_a_place_is_read_below_the_standfirst(
    tmp_path: Path,
) -> None:
    # The Guardian names a story's author in an <address> marked by its component's name
    # ("meta-byline"), a link to the author and the place written from ("Ana Ruiz in
    # Tapachula"): the byline was not in the text.  It is read whole, its dateline left out.
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Shelters | The Guardian</title></head><body><main><article>"
        "<div data-gu-name='headline'><h1 class='dcr-y70mar'>Shelters fill up</h1></div>"
        "<div data-gu-name='standfirst'><div class='dcr-1yi1cnj'><p>Thousands wait in the"
        " city for their papers</p></div></div><div data-gu-name='meta' class='dcr-1rbwnzp'>"
        "<div class='dcr-0'><address aria-label='Contributor info' data-component='meta-byline'"
        " data-link-name='byline'><div class='dcr-1cfpnlw'><a href='/profile/ana-ruiz'"
        " rel='author' data-link-name='auto tag link'>Ana Ruiz</a> in Tapachula</div>"
        "</address></div><div class='dcr-1xhw3ls'><details class='dcr-1x4s9ba'"
        " data-component='dateline'><summary class='dcr-12q16ig'><span>Sun 12 May 2024 10.32"
        " BST</span></summary><span>First published on Sat 11 May 2024 18.00 BST</span>"
        "</details></div></div><div data-gu-name='body'><div id='maincontent'"
        f" class='article-body-commercial-selector dcr-fp1ya'>{_STORY}</div></div>"
        "</article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(
        "Shelters fill up\n\nThousands wait in the city for their papers\n\n"
        "Ana Ruiz in Tapachula\n\nThe county paper printed its last edition"
    )
    assert "BST" not in text


def test_a_byline_named_by_no_class_but_linking_to_the_author_s_page_is_read(
    tmp_path: Path,
) -> None:
    # El País names no class of its byline ("a_md_a_n"): the author's name, a link to the
    # author's page ("/autor/ana-ruiz/"), was lost and the place below it stood alone
    # ("Tapachula").  The name and the place are read, each a line, the date left out.
    path = tmp_path / "noticia.html"
    path.write_text(
        "<html lang='es'><head><title>Los albergues | EL PAÍS</title></head><body><main>"
        "<article><header class='a_e'><h1 class='a_t'>Los albergues se llenan</h1><h2"
        " class='a_st'>Miles esperan sus papeles en la ciudad</h2></header><div class='a_md'>"
        "<div class='a_md_a'><div class='a_md_a_i'><a href='/autor/ana-ruiz/'"
        " class='a_md_a_n'>Ana Ruiz</a></div><span class='a_md_a_l'>Tapachula</span></div>"
        "<div class='a_md_f'><span><a href='/hemeroteca/2024-05-12/'>12 may 2024 - 10:32"
        " CST</a></span></div></div><div class='a_c clearfix'><p>Los albergues junto al río"
        " tenían esta semana el doble de personas que de camas, mientras el cierre de la"
        " frontera dejaba a miles esperando.</p><p>Las familias durmieron en el patio.</p>"
        "</div></article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(
        "Los albergues se llenan\n\nMiles esperan sus papeles en la ciudad\n\n"
        "Ana Ruiz\nTapachula\n\nLos albergues junto al río"
    )
    assert "10:32" not in text


_EL_PAIS = (
    "<html lang='es'><head><title>Los albergues | EL PAÍS</title>{head}</head><body><main>"
    "<article><header class='a_e'><h1 class='a_t'>Los albergues se llenan</h1><aside>"
    "<a href='/autor/luis-diaz/'>Luis Díaz</a></aside></header><div class='a_md'>"
    "<div class='a_md_a'><div class='a_md_a_i'>{names}</div><span class='a_md_a_l'>"
    "Tapachula</span></div></div><div class='a_c clearfix'><p>Los albergues junto al río"
    " tenían esta semana el doble de personas que de camas, mientras el cierre de la"
    " frontera dejaba a miles esperando.</p><p>Las familias durmieron en el patio.</p>"
    "</div><section><h3>Más información</h3><p><a href='/autor/eva-mora/'>Eva Mora</a></p>"
    "</section></article></main></body></html>"
)


@pytest.mark.parametrize(
    ("names", "head", "author"),
    [
        ("<a href='/autor/ana-ruiz/' class='a_md_a_n'>Ana Ruiz</a>", "", "Ana Ruiz"),
        (
            "<a href='/autor/ana-ruiz/' class='a_md_a_n'>Ana Ruiz</a><span> y </span>"
            "<a href='https://elpais.com/autor/bo-chen/' class='a_md_a_n'>Bo Chen</a>",
            "",
            "Ana Ruiz; Bo Chen",
        ),
        # the page's head names them: as it says
        (
            "<a href='/autor/ana-ruiz/' class='a_md_a_n'>Ana Ruiz</a>",
            "<meta name='author' content='Ana Ruiz Gómez'>",
            "Ana Ruiz Gómez",
        ),
    ],
)
def test_a_byline_linking_to_the_author_s_page_names_the_author(
    tmp_path: Path, names: str, head: str, author: str
) -> None:
    # El País's byline is a link to the author's page ("/autor/ana-ruiz/") that no class
    # names an author's: its name was read into the text, and the document had no author
    # (the details and every export said none).  The names of such links between the
    # story's title and its first paragraph are its authors; one in a sidebar or among
    # related stories below is not.
    path = tmp_path / "noticia.html"
    path.write_text(_EL_PAIS.format(head=head, names=names), "utf-8")
    assert load_document(path).metadata.get("author") == author


@pytest.mark.parametrize(
    ("names", "head", "author", "agency"),
    [
        ("<a href='/autor/agencias/' class='a_md_a_n'>Agencias</a>", "", None, "Agencias"),
        (
            "<a href='/autor/europa-press/' class='a_md_a_n'>Europa Press</a>",
            "",
            None,
            "Europa Press",
        ),
        (
            "<a href='/autor/agencia-efe/' class='a_md_a_n'>EFE</a><span> y </span>"
            "<a href='/autor/ana-ruiz/' class='a_md_a_n'>Ana Ruiz</a>",
            "",
            "Ana Ruiz",
            "EFE",
        ),
        ("", "<meta name='author' content='Ana Ruiz, Agencias'>", "Ana Ruiz", "Agencias"),
        ("", "<meta name='author' content='Ana Ruiz; Agencias'>", "Ana Ruiz", "Agencias"),
        # the paper signing its editorial: no author either
        (
            "<a href='/autor/el-pais/' class='a_md_a_n'>EL PAÍS</a>",
            "<meta property='og:site_name' content='El País'>",
            None,
            None,
        ),
    ],
)
def test_a_news_agency_in_a_byline_is_the_story_s_agency_not_its_author(
    tmp_path: Path, names: str, head: str, author: str | None, agency: str | None
) -> None:
    # El País signs wire copy "Agencias", "EFE" or "Europa Press", each a link to its page
    # as a reporter's byline is: no person, the story's author ("Europa Press", two words
    # in capitals, was; "Agencias" beside a reporter's name was a second author).  Such an
    # agency is the story's "agency"; a reporter named beside it its author.  The paper
    # signing an editorial ("EL PAÍS", its site's name) is no author either.
    path = tmp_path / "noticia.html"
    path.write_text(_EL_PAIS.format(head=head, names=names), "utf-8")
    metadata = load_document(path).metadata
    assert (metadata.get("author"), metadata.get("agency")) == (author, agency)


def test_a_wordpress_byline_keeps_its_by_and_leaves_its_date_out(tmp_path: Path) -> None:
    # WordPress's default theme (Twenty Twenty) writes its byline in an item named for the
    # author, "By" before the author's link, a word for screen readers before ("Post
    # author"): the name alone was read, "By" left behind with the date.
    path = tmp_path / "post.html"
    path.write_text(
        "<html><head><title>Shelters &#8211; Field Notes</title></head><body><main><article>"
        "<header class='entry-header'><h1 class='entry-title'>Shelters fill up</h1><div"
        " class='post-meta-wrapper post-meta-single'><ul class='post-meta'><li"
        " class='post-author meta-wrapper'><span class='meta-icon'><span"
        " class='screen-reader-text'>Post author</span></span><span class='meta-text'>By"
        " <a href='/author/ana/'>Ana Ruiz</a></span></li><li class='post-date meta-wrapper'>"
        "<span class='meta-text'><a href='/2024/05/12/s/'>May 12, 2024</a></span></li></ul>"
        f"</div></header><div class='post-inner'><div class='entry-content'>{_STORY}</div>"
        "</div></article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(
        "Shelters fill up\n\nBy Ana Ruiz\n\nThe county paper printed its last edition"
    )
    assert "May 12" not in text


@pytest.mark.parametrize(
    "facts",
    [
        "<div class='article-info'><span class='date'>12 May 2024</span></div>",
        "<div class='article-info'><time datetime='2024-05-12'>12 May 2024, 10:32</time>"
        " · <span>5 min read</span></div>",
        "<div class='ab'><span data-testid='storyReadTime'>7 min read</span> <span"
        " data-testid='storyPublishDate'>May 12, 2024</span></div>",
    ],
)
def test_a_story_s_date_alone_between_its_title_and_story_is_left_out(
    tmp_path: Path, facts: str
) -> None:
    # A block of the story's facts with no byline (its date, its reading time), named
    # "info" or by Medium's test ids: the extractor keeps it where it leaves out one named
    # "meta", and a lone date line stood between the title and the story.
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>Shelters</title></head><body><main><article><h1>Shelters fill up"
        f"</h1>{facts}{_STORY}</article></main></body></html>",
        "utf-8",
    )
    assert load_document(path).text.startswith(
        "Shelters fill up\n\nThe county paper printed its last edition"
    )


def test_a_box_of_figures_named_info_between_title_and_story_stays(tmp_path: Path) -> None:
    # A short box of the story's figures (an "info-box": "Deaths: 12", "Missing: 40") is
    # no date line: it stays, as the page shows it, where a date alone is left out.
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><main><article><h1>Floods</h1>"
        "<div class='info-box'><ul><li>Deaths: 12</li><li>Missing: 40</li></ul></div>"
        f"{_STORY}</article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Deaths: 12" in text and "Missing: 40" in text


def test_a_story_s_lead_picture_above_its_body_keeps_its_caption(tmp_path: Path) -> None:
    # The Guardian sets a story's lead picture between its standfirst and its byline, apart
    # from the story's body, which the extractor takes alone: the picture's caption was
    # lost.  It is read above the story's first paragraph, below the standfirst.
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><main><article>"
        "<div data-gu-name='headline'><h1>Floods</h1></div><div data-gu-name='standfirst'>"
        "<div class='dcr-1yi1cnj'><p>What the water left behind</p></div></div>"
        "<div data-gu-name='media'><figure id='a1' data-spacefinder-role='inline'><div"
        " class='dcr-1t8m8f1'><picture><img alt='' src='x.jpg'></picture></div><figcaption"
        " class='dcr-9ktzqp'><span class='dcr-1qvd3m6'>Residents waited on the roofs.</span>"
        " Photograph: Ana Ruiz/Reuters</figcaption></figure></div><div data-gu-name='meta'>"
        "<address aria-label='Contributor info' data-component='meta-byline'><a"
        " href='/profile/ana-ruiz' rel='author'>Ana Ruiz</a> in Valley</address></div>"
        "<div data-gu-name='body'><div id='maincontent' class='article-body-commercial-selector"
        f" article-body-viewer-selector'><p>The river rose two metres overnight. {WORDS}</p>"
        "<p>By noon the water had begun to fall.</p></div></div></article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(
        "Floods\n\nWhat the water left behind\n\nResidents waited on the roofs. Photograph:"
        " Ana Ruiz/Reuters\n\nAna Ruiz in Valley\n\nThe river rose two metres overnight."
    )


def test_a_live_blog_s_entry_times_stay_beside_its_videos(tmp_path: Path) -> None:
    # A live blog's entry times are no player's durations, a video in an entry or not.
    entries = [
        ("<p class='time'>10:32</p>", "The river has reached the bridge and the police closed it."),
        ("<time>10:45</time>", "Families on the east bank are moved to the school tonight."),
        ("<p>11:02</p>", "The mayor said the water should fall by the morning, he hopes."),
    ]
    path = tmp_path / "live.html"
    path.write_text(
        "<html><head><title>Live</title></head><body><article><h1>Flood: live</h1>"
        + "".join(
            f"<div class='entry'>{time}<video src='v.mp4' controls></video><p>{said}</p></div>"
            f"<video src='w.mp4' controls></video>"
            for time, said in entries
        )
        + "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    for time, said in (
        ("10:32", entries[0][1]),
        ("10:45", entries[1][1]),
        ("11:02", entries[2][1]),
    ):
        assert f"{time}\n\n{said}" in text


def test_a_substack_post_s_notes_and_captions_read_as_its_page_shows_them(
    tmp_path: Path,
) -> None:
    # Substack marks a note's reference and the note by no role, each linking to the
    # other: the reference ran into its word ("overnight1") and the note's number was a
    # paragraph of its own above it.  A picture's caption below a link around the picture
    # (<a class="image-link"><div><picture>...) was lost with it.
    path = tmp_path / "post.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><article class='newsletter-post post'>"
        "<h1 class='post-title'>Floods</h1><div class='available-content'>"
        "<div dir='auto' class='body markup'><p>The river rose two metres overnight<a"
        " class='footnote-anchor' data-component-name='FootnoteAnchorToDOM'"
        " id='footnote-anchor-1' href='#footnote-1' target='_self'>1</a>, and the town was"
        f" cut off. {WORDS}</p><div class='captioned-image-container'><figure><a"
        " class='image-link image2 is-viewable-img' target='_blank' href='https://x/roof.jpg'"
        " data-component-name='Image2ToDOM'><div class='image2-inset'><picture><img"
        " src='https://x/roof.jpg' width='1456' height='970' alt='' class='sizing-normal'>"
        "</picture></div></a><figcaption class='image-caption'>Residents waited on the roofs."
        "</figcaption></figure></div><p>By noon the water had begun to fall.</p>"
        "<div class='footnote' data-component-name='FootnoteToDOM'><a id='footnote-1'"
        " href='#footnote-anchor-1' class='footnote-number' contenteditable='false'"
        " target='_self'>1</a><div class='footnote-content'><p>Measured at the old bridge.</p>"
        "</div></div></div></div></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Floods\n\nThe river rose two metres overnight[1], and the town")
    assert text.endswith(
        "\n\nResidents waited on the roofs.\n\nBy noon the water had begun to fall."
        "\n\n[1] Measured at the old bridge."
    )


def test_a_page_s_notes_each_a_paragraph_in_a_numbered_list_keep_their_numbers(
    tmp_path: Path,
) -> None:
    # Pandoc writes a page's notes as a numbered list of paragraphs ("<li><p>The first
    # note.</p></li>"): the article extractor kept the paragraphs, not the list, and the
    # notes lost their numbers, nothing tying them to the "[1]" and "[2]" in the text.
    path = tmp_path / "paper.html"
    path.write_text(
        "<html><head><title>Paper</title></head><body><p>A claim<a href='#fn1' id='fnref1'"
        f" role='doc-noteref'><sup>1</sup></a> and another<a href='#fn2' id='fnref2'"
        f" role='doc-noteref'><sup>2</sup></a>.</p><p>{WORDS}</p><section role='doc-endnotes'>"
        "<hr><ol><li id='fn1'><p>The first note.<a href='#fnref1' role='doc-backlink'>↩︎</a>"
        "</p></li><li id='fn2'><p>The second note.<a href='#fnref2' role='doc-backlink'>↩︎"
        "</a></p></li></ol></section></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("A claim[1] and another[2].")
    assert text.endswith("\n\n1. The first note.\n\n2. The second note.")


def test_a_page_laid_out_in_a_table_keeps_its_headings_and_paragraphs(tmp_path: Path) -> None:
    # Old pages and forums set a page's parts side by side in a table (the links beside
    # the article, each post beside its author): each row was one line of cells, the
    # article's heading and paragraphs run into it ("Home About │ Diary of the crossing We
    # left the shelter at dawn. The soldiers asked...").  A table of rows of data stays one.
    page = (
        "<html><head><title>Diary of the crossing</title></head><body>"
        "<table><tr><td><a href='/'>Home</a><br><a href='/about'>About</a></td><td>"
        "<h1>Diary of the crossing</h1><p>We left the shelter at dawn and walked for six"
        " hours along the river before the first checkpoint came into view.</p><p>The"
        " soldiers asked for papers and the rest of us had to wait in the sun until"
        " noon.</p></td></tr></table>"
        "<table><tr><td>ana_r<br>Posts: 120</td><td>I crossed last year in March.<br><br>The"
        " river was high and the boatmen asked for twice the usual price.</td></tr></table>"
        "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ana</td><td>30</td></tr></table>"
        "</body></html>"
    )
    expected = (
        "Home\nAbout\n\nDiary of the crossing\n\nWe left the shelter at dawn and walked for"
        " six hours along the river before the first checkpoint came into view.\n\nThe"
        " soldiers asked for papers and the rest of us had to wait in the sun until noon."
        "\n\nana_r\nPosts: 120\n\nI crossed last year in March.\n\nThe river was high and"
        " the boatmen asked for twice the usual price.\n\nName │ Age\nAna │ 30"
    )
    assert _written(page) == expected
    path = tmp_path / "diary.html"
    path.write_text(page, "utf-8")
    doc = load_document(path)
    assert "\n\nDiary of the crossing\n\nWe left the shelter at dawn" in doc.text
    assert "\n\nI crossed last year in March.\n\nThe river was high" in doc.text
    assert "Diary of the crossing" in [
        doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING
    ]


@pytest.mark.parametrize("start", ["²", "9" * 5000, "3-"], ids=["superscript", "long", "minus"])
def test_a_list_start_that_is_no_number_counts_from_one(start: str) -> None:
    assert _written(f'<div><ol start="{start}"><li>x</li><li>y</li></ol></div>') == "1. x\n2. y"


def test_text_nested_deeper_than_the_writer_goes_is_kept() -> None:
    html = "<div>" + "<span>" * 300 + "deep <b>words</b><script>no</script>" + "</span>" * 300
    assert _written(html + " after</div>") == "deep words after"


def test_the_text_after_a_big_inline_image_is_kept(tmp_path: Path) -> None:
    # A page saved as one file carries its images inline: one over 10 MB stopped the parser.
    image = base64.b64encode(bytes(8 * 1024 * 1024)).decode()
    doc = load_document(_page(tmp_path, f'<img src="data:image/png;base64,{image}">'))
    assert "The closing words come after it." in doc.text


def test_inline_data_is_left_out_of_the_parsed_page_and_its_words_kept() -> None:
    # The article and date extractors search the page's markup with regular expressions:
    # an 8 MB inline image took 10 s of CPU (30 s, the conversion's limit, on a busy
    # machine). The images' and fonts' contents are never text: left out once parsed.
    blob = base64.b64encode(bytes(64 * 1024)).decode()
    font = f"@font-face {{ src: url(data:font/woff2;base64,{blob}) }} p {{ color: red }}"
    html = (
        f"<html><head><style>{font}</style></head><body>"
        f'<img src="data:image/png;base64,{blob}" alt="A map of the {blob[:8]} valley">'
        f'<p title="{"t" * 5000}">data:text/plain,{"x" * 300} stays as text.</p></body></html>'
    )
    root = parse_html(html, Path("page.html"), "web page")
    image = root.find(".//img")
    assert image.get("src") == "data:image/png;base64,"
    assert image.get("alt") == f"A map of the {blob[:8]} valley"
    assert (
        root.find(".//style").text
        == "@font-face { src: url(data:font/woff2;base64,) } p { color: red }"
    )
    paragraph = root.find(".//p")
    assert paragraph.get("title") == "t" * 5000  # a long value that is no data address
    assert paragraph.text == f"data:text/plain,{'x' * 300} stays as text."


def test_a_page_is_never_dated_by_an_inline_image_s_data(tmp_path: Path) -> None:
    # The date search read the images a saved page carries inline as the page's text: an
    # 8 MB image took it 23 s (the conversion stops at 30), and its data dated the page.
    image = "iVBORw0KGgoAAAANSUhEUgAA/2019/05/04/AAAAAElFTkSuQmCC"
    doc = load_document(_page(tmp_path, f'<img src="data:image/png;base64,{image}">'))
    assert "date" not in doc.metadata and "The closing words come after it." in doc.text


def test_a_number_in_a_long_page_s_text_is_not_taken_for_its_date(tmp_path: Path) -> None:
    # Past half a megabyte, a page's date is looked for in its markup and its timestamps,
    # not in every phrase: that search took 28 s over a page of 9 MB, to date this one by a
    # section's number.
    sections = "".join(f"<h2>Section {1990 + i % 30}</h2><p>{WORDS}</p>" for i in range(900))
    assert len(sections) > EXTENSIVE_DATE_SEARCH
    doc = load_document(_page(tmp_path, sections))
    assert "date" not in doc.metadata and doc.text.endswith("as its main text.")


def test_no_fingerprint_of_the_article_s_words_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trafilatura.extract hashes every word of the article for its metadata's fingerprint,
    # which nothing here reads: an eighth of the time of a 9 MB page, which passed the
    # conversion's time limit on a busy machine.
    import trafilatura.core

    made: list[int] = []
    monkeypatch.setattr(
        trafilatura.core, "content_fingerprint", lambda words: made.append(len(words)) or "0"
    )
    path = _page(tmp_path, "<p>A middle passage.</p>")
    text = convert_html(path.read_text(encoding="utf-8"), path).text
    assert "A middle passage." in text and text.endswith("as its main text.")
    assert made == []


def test_the_text_after_hundreds_of_unclosed_tags_is_kept(tmp_path: Path) -> None:
    # An old page's unclosed <font> tags nest: at 256 the parser stopped and dropped the rest.
    deep = "Deep inside the old page's unclosed font tags. " * 4
    doc = load_document(_page(tmp_path, "<div>" + "<font>" * 400 + deep + "</div>"))
    assert "The closing words come after it." in doc.text


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<div>", "</div>"), ("<font>", ""), ("<div><p>", "</p></div>")],
    ids=["closed", "unclosed", "blocks"],
)
def test_a_page_nested_beyond_what_lxml_reads_keeps_all_its_text(
    tmp_path: Path, opening: str, closing: str
) -> None:
    # Elements nested more than 2,048 deep (a careless CMS's unclosed tags) stop libxml2:
    # the page was refused whole. It is read with the deepest tags left out, their words
    # kept apart, and what follows them kept.
    middle = opening * 2500 + "Deep words &amp; more." + "<p>Second deep block.</p>"
    doc = load_document(_page(tmp_path, middle + closing * 2500))
    deep = doc.text.index("Deep words & more.") + len("Deep words & more.")
    assert doc.text[deep:].lstrip("\n").startswith("Second deep block.")
    assert "\n" in doc.text[deep : deep + 2]
    assert "The closing words come after it." in doc.text


def _depth(root: Any) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("opening", ["<div>", "<span>", "<div><p>"])
def test_a_page_nested_thousands_deep_is_parsed_shallow(opening: str) -> None:
    # A page nested 2,000 deep (just under what libxml2 reads) took 6-9 s to read: the
    # article extractor walks each element with all its ancestors.  It is parsed shallow, as
    # a deeper one is, its text kept and its blocks' words apart.
    from tui_reader.core.documents.formats import html_text
    from tui_reader.core.documents.formats.html_depth import SHALLOW_DEPTH

    assert html_text._DEEPER_THAN_SHALLOW.path.endswith(f"[{SHALLOW_DEPTH}]])")
    page = "<html><body>" + opening * 2000 + "Deep words.<p>Deep block.</p>" + "<p>After.</p>"
    root = parse_html(page, Path("deep.html"), "web page")
    assert _depth(root) <= SHALLOW_DEPTH + 2
    assert " ".join(_written(page).split()) == "Deep words. Deep block. After."
    shallow = parse_html("<div>" * 100 + "Near the top.", Path("p.html"), "web page")
    assert _depth(shallow) == 100  # a page nested less deep is parsed as it stands


@pytest.mark.parametrize(
    ("page", "depth"),
    [("<ol><li>a" * 6_000, 12_000), ("<ul><li>" * 50_000 + "x", 100_000)],
    ids=["unclosed items", "empty items"],
)
def test_a_page_nested_past_ten_thousand_deep_is_refused_saying_so(
    monkeypatch: pytest.MonkeyPatch, page: str, depth: int
) -> None:
    # An unclosed "<ol><li>a" 200,000 times took 30 s of CPU in the article extractor (each
    # block left out a line break it walked with the 256 elements kept above it) before the
    # conversion's limit refused it as too complex; "<ul><li>" 50,000 times then "x" was
    # refused as holding no article text.  Both are refused as nested too deep, before the
    # extractor is given the page.
    import trafilatura

    from tui_reader.core.documents.formats import html_depth

    extracted: list[object] = []
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: extracted.append(a))
    read: list[str] = []
    start = html_depth._Shallow.handle_starttag
    monkeypatch.setattr(
        html_depth._Shallow,
        "handle_starttag",
        lambda self, tag, attrs: read.append(tag) or start(self, tag, attrs),
    )
    with pytest.raises(
        DocumentError, match=r"^n\.html: refused: web page nested more than 10,000 elements deep$"
    ):
        convert_html(page, Path("n.html"))
    assert extracted == []
    assert depth > html_depth.REFUSED_DEPTH == 10_000
    assert len(read) <= html_depth.REFUSED_DEPTH + 1  # the tokenizer stopped there


def test_a_page_nested_ten_thousand_deep_is_still_read() -> None:
    from tui_reader.core.documents.formats.html_depth import REFUSED_DEPTH

    root = parse_html("<span>" * REFUSED_DEPTH + "Deep words.", Path("p.html"), "web page")
    assert " ".join(root.text_content().split()) == "Deep words."
    with pytest.raises(DocumentError, match="nested more than 10,000 elements deep"):
        parse_html("<span>" * (REFUSED_DEPTH + 1) + "x", Path("p.html"), "web page")


def test_a_page_nested_beyond_what_lxml_reads_is_read_in_its_encoding() -> None:
    words = "Gęś i jaźń, ślą żółć."
    page = '<html><head><meta charset="iso-8859-2"></head><body>' + "<span>" * 3000
    root = parse_html((page + words).encode("iso8859_2"), Path("old.html"), "web page")
    assert " ".join(root.text_content().split()) == words


def test_an_epub_chapter_inside_hundreds_of_unclosed_tags_keeps_its_text(
    tmp_path: Path,
) -> None:
    made = make_epub(tmp_path / "made.epub", [("One", "x"), ("Two", "The end.")])
    path = tmp_path / "b.epub"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "OEBPS/chap0.xhtml":
                data = (
                    "<html><body><h1>One</h1><div>" + "<font>" * 400 + "Deep in the chapter."
                    "</div><p>After the fonts.</p></body></html>"
                ).encode()
            target.writestr(item, data)
    doc = load_document(path)
    assert "Deep in the chapter." in doc.text and "After the fonts." in doc.text
    assert doc.text.endswith("The end.")


def test_ruby_keeps_its_base_whole_and_its_reading_after_it() -> None:
    # A Japanese book's furigana: "漢かん字じ" (or "漢(かん)字(じ)") hid the word from a search.
    html = (
        "<div><p>彼は<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp>"
        "</ruby>を読む。<ruby><rb>東京</rb><rt>とうきょう</rt></ruby></p></div>"
    )
    assert _written(html) == "彼は漢字(かんじ)を読む。東京(とうきょう)"


def test_two_line_breaks_in_a_row_part_paragraphs() -> None:
    # An old page without <p>: its paragraphs ran together as lines of one paragraph.
    html = "<div>One.<br><br>Two.<br>Three.<br> <br>Four.</div>"
    assert _written(html) == "One.\n\nTwo.\nThree.\n\nFour."


def test_a_mathml_formula_is_read_once() -> None:
    # Left out whole before (a textbook's formulas were gaps in its sentences).
    html = (
        "<div><p>The rate is <math><semantics><mrow><mi>r</mi><mo>=</mo><mn>2</mn></mrow>"
        '<annotation encoding="application/x-tex">r=2</annotation></semantics></math>'
        " per year.</p></div>"
    )
    assert _written(html) == "The rate is r=2 per year."


def test_a_quotation_keeps_its_quotation_marks() -> None:
    # <q> holds no marks (a browser adds them): its words ran into the sentence unmarked.
    html = "<div><p>She said <q>we walked, <q>never</q> stopping</q> and <q>nobody</q>.</p></div>"
    assert _written(html) == "She said “we walked, ‘never’ stopping” and “nobody”."


def test_ordered_lists_are_numbered_as_a_browser_numbers_them() -> None:
    # type="a" and type="i" were written 1., 2.; reversed and an item's value were ignored.
    html = (
        '<div><ol type="a"><li>x</li><li>y</li></ol><ol type="I" start="3"><li>x</li>'
        '<li>y</li></ol><ol reversed><li>x</li><li>y</li><li value="10">z</li><li>w</li></ol>'
        '<ol style="list-style-type: lower-roman"><li>x</li></ol>'
        '<ol start="-1"><li>x</li><li>y</li></ol><ol type="A" start="27"><li>x</li></ol></div>'
    )
    assert _written(html).split("\n\n") == [
        "a. x\nb. y", "III. x\nIV. y", "4. x\n3. y\n10. z\n9. w", "i. x", "-1. x\n0. y", "AA. x"
    ]  # fmt: skip


def test_a_web_pages_quotations_and_ordered_lists_keep_their_marks(tmp_path: Path) -> None:
    # The article extractor made a <q> a block quote of its own (the sentence broken in
    # three) and every ordered list a bulleted one: steps lost their numbers and letters;
    # an item's paragraph was parted from its marker by a blank line.
    middle = (
        "<p>She said <q>we walked for days</q> and stopped.</p>"
        '<ol type="a" start="3"><li>first step</li><li><p>second step</p></li></ol>'
        "<ol><li>one</li><li>two <ol type=i><li>inner</li></ol></li></ol>"
    )
    doc = load_document(_page(tmp_path, middle))
    assert "She said “we walked for days” and stopped." in doc.text
    assert "c. first step\nd. second step" in doc.text
    assert "1. one\n2. two\n  i. inner" in doc.text
    assert "\u2063" not in doc.text


def test_a_web_pages_figure_captions_are_read_where_they_stand(tmp_path: Path) -> None:
    # The article extractor drops figures whole: "Figure 1: ..." was not in the text, and a
    # passage referring to it pointed at nothing.
    middle = (
        '<figure><img src="map.png"><figcaption>Figure 1: the route <em>north</em> from '
        f"Tapachula.</figcaption></figure><p>Between the figures. {WORDS}</p>"
        '<figure><figure><img src="a.png"><figcaption>Inner caption.</figcaption></figure>'
        "<figcaption><p>Outer caption.</p><p>Credit: Ana.</p></figcaption></figure>"
        '<figure><img src="b.png"><figcaption> </figcaption></figure>'
    )
    text = load_document(_page(tmp_path, middle)).text
    paragraphs = [p for p in text.split("\n\n") if not p.startswith(("Some words", "The closing"))]
    assert paragraphs == [
        "Figure 1: the route north from Tapachula.",
        "Between the figures. " + WORDS.strip(),
        "Inner caption.",
        "Outer caption.",
        "Credit: Ana.",
    ]


def test_a_wordpress_post_s_figure_captions_are_read_where_they_stand(tmp_path: Path) -> None:
    # WordPress names each caption so (its block editor's "wp-element-caption", its classic
    # editor's "wp-caption-text" in a "wp-caption" division) and an embedded video's figure
    # "wp-block-embed": the extractor leaves out what is named a caption or an embed, and
    # every caption of a WordPress post was lost.
    middle = (
        '<figure class="wp-block-image size-large"><img decoding="async" width="1024"'
        ' height="683" src="/wp-content/uploads/2024/05/roof.jpg" alt="" class="wp-image-20"/>'
        '<figcaption class="wp-element-caption">Residents waited on the roofs.</figcaption>'
        f"</figure><p>Between the figures. {WORDS}</p>"
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube'
        ' wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">'
        '<iframe title="The flood" width="640" height="360"'
        ' src="https://www.youtube.com/embed/abc" allowfullscreen></iframe></div>'
        '<figcaption class="wp-element-caption">The flood at dawn, from the bridge.</figcaption>'
        "</figure>"
        '<div id="attachment_21" style="width: 1034px" class="wp-caption aligncenter">'
        '<img aria-describedby="caption-attachment-21" class="size-large wp-image-21"'
        ' src="/bridge.jpg" alt="" width="1024" height="683" /><p id="caption-attachment-21"'
        ' class="wp-caption-text">The old bridge, closed since 2019.</p></div>'
    )
    text = load_document(_page(tmp_path, middle)).text
    paragraphs = [p for p in text.split("\n\n") if not p.startswith(("Some words", "The closing"))]
    assert paragraphs == [
        "Residents waited on the roofs.",
        "Between the figures. " + WORDS.strip(),
        "The flood at dawn, from the bridge.",
        "The old bridge, closed since 2019.",
    ]


def test_a_web_pages_inline_code_stays_in_its_sentence(tmp_path: Path) -> None:
    # The article extractor wrote each inline <code> as a block of its own: the sentence
    # was cut in three, and the code's link moved after its end ("Please send mail to / < /
    # or file a bug.x@y.org>").
    middle = (
        '<p>Please send mail to <code class="email">&lt;<a href="mailto:x@y.org">x@y.org</a>'
        "&gt;</code> or file a bug.</p>"
        "<p>Call <code>parse()</code> then <a href='/run'><code>run()</code></a> twice.</p>"
        "<pre><code>def f():\n    return 1</code></pre>"
    )
    text = load_document(_page(tmp_path, middle)).text
    assert "Please send mail to <x@y.org> or file a bug." in text.split("\n\n")
    assert "Call parse() then run() twice." in text.split("\n\n")
    assert "def f():\n    return 1" in text  # a block of code stays a block


def test_a_passage_holding_an_empty_anchor_is_kept(tmp_path: Path) -> None:
    # The article extractor dropped a passage holding an empty anchor (<a name="x"></a>,
    # as manuals and old pages put before a heading's text, or an empty link): a chapter's
    # heading went, and the paragraph after it.
    middle = (
        "<div><h1><a name='users'></a>Chapter 2. Users and Groups</h1>"
        "<p>Many users have a corresponding group.</p></div>"
        "<p><a id='p3'></a>A passage with its own anchor.</p>"
        "<p><a href='#p3'></a>A passage after an empty link.</p>"
    )
    paragraphs = load_document(_page(tmp_path, middle)).text.split("\n\n")
    for passage in (
        "Chapter 2. Users and Groups",
        "Many users have a corresponding group.",
        "A passage with its own anchor.",
        "A passage after an empty link.",
    ):
        assert passage in paragraphs


def test_a_table_row_thousands_of_cells_wide_reaches_the_extractor_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The extractor counts a row's cells again for each cell it adds: a row 100,000 cells
    # wide ran past the conversion's time limit and the page was refused.  It is given rows
    # of at most a thousand cells, every cell read, in order.
    import trafilatura

    widest: list[int] = []
    extract = trafilatura.bare_extraction

    def measured(page: Any, **options: Any) -> Any:
        rows = page.iter("tr", "table", "tbody")  # a table's cells may stand in no row
        widest.append(max(len(row.findall("td")) for row in rows))
        return extract(page, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", measured)
    row, loose = ("".join(f"<td>{c}{i}</td>" for i in range(2500)) for c in "cd")
    page = _page(tmp_path, f"<table><tr>{row}</tr></table><table>{loose}</table>")
    text = convert_html(page.read_text("utf-8"), page).text
    assert widest and max(widest) <= 1000
    cells = [
        cell for line in text.split("\n") if line[:1] in ("c", "d") for cell in line.split(" │ ")
    ]
    assert cells == [f"{c}{i}" for c in "cd" for i in range(2500)]


def test_a_manual_keeps_its_headings_and_defined_terms_not_its_page_links(tmp_path: Path) -> None:
    # The article extractor took the chapter headings and the terms of a list of
    # definitions (<dt>) of a manual (DocBook's HTML, as /usr/share/doc holds) for
    # boilerplate: "Chapter 2. Users and Groups" and each user's name were gone, their
    # descriptions left without what they describe.
    path = tmp_path / "ch02.html"
    path.write_text(
        '<html><head><title>Chapter 2. Users and Groups</title><meta name="generator" '
        'content="DocBook XSL Stylesheets V1.79.1"></head><body>'
        '<div class="navheader"><table><tr><th colspan="3">Chapter 2. Users and Groups</th>'
        '</tr><tr><td><a accesskey="p" href="ch01.html">Prev</a></td><td></td>'
        '<td><a accesskey="n" href="ch03.html">Next</a></td></tr></table><hr></div>'
        '<div class="chapter"><div class="titlepage"><h1 class="title">'
        '<a name="users"></a>Chapter 2. Users and Groups</h1></div>'
        "<p>Many users have a corresponding group.</p>"
        '<h2><a class="header" href="#ids">Static ids</a></h2>'  # a link, not the page's header
        '<div class="variablelist"><dl><dt><span class="term">root</span></dt>'
        "<dd><p>Root is (typically) the superuser.</p></dd>"
        '<dt><span class="term">daemon</span></dt>'
        "<dd><p>Some unprivileged daemons run as daemon.</p><p>LSB lists it as legacy.</p>"
        "</dd></dl></div></div>"
        '<div class="navfooter"><hr><table><tr><td><a href="ch01.html">Prev</a></td>'
        '<td><a href="index.html">Home</a></td><td><a href="ch03.html">Next</a></td></tr>'
        "</table></div></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.text.split("\n\n") == [
        "Chapter 2. Users and Groups",
        "Many users have a corresponding group.",
        "Static ids",
        "root",
        "Root is (typically) the superuser.",
        "daemon",
        "Some unprivileged daemons run as daemon.",
        "LSB lists it as legacy.",
    ]
    assert doc.title == "Chapter 2. Users and Groups"


@pytest.mark.parametrize("at_foot", [False, True])
def test_a_manual_s_rule_under_its_navigation_goes_with_it(tmp_path: Path, at_foot: bool) -> None:
    # Each page of a manual Texinfo splits into pages (libffi's) sets a rule under its
    # links to the next and previous pages: the links were left out, and the rule opened
    # the text, a line of ──── above the section's heading.
    navigation = (
        '<div class="header"><p>Next: <a href="Structures.html" rel="next">Structures</a>, '
        'Up: <a href="Types.html" rel="up">Types</a></p></div>'
    )
    section = '<h3 class="section">2.3 Types</h3><p>Libffi provides type descriptors.</p>'
    body = f"{section}<hr>{navigation}" if at_foot else f"{navigation}<hr>{section}"
    path = tmp_path / "Types.html"
    path.write_text(
        '<html><head><title>Types (libffi)</title><meta name="Generator" content="makeinfo">'
        f'</head><body><div class="section" id="Types">{body}</div></body></html>',
        encoding="utf-8",
    )
    assert load_document(path).text.split("\n\n") == [
        "2.3 Types",
        "Libffi provides type descriptors.",
    ]


def test_a_sphinx_manual_leaves_out_its_navigation_and_permalink_marks(tmp_path: Path) -> None:
    # A manual made with Sphinx (Docutils' generator) opened with its links to the pages
    # around it ("Navigation", "Debian Python Policy documentation »") and every heading
    # ended in a pilcrow ("Abstract¶").
    path = tmp_path / "policy.html"
    path.write_text(
        '<html><head><title>Policy</title><meta name="generator" content="Docutils 0.19: '
        'https://docutils.sourceforge.io/"></head><body>'
        '<div class="related" role="navigation"><h3>Navigation</h3><ul><li>'
        '<a href="index.html">Policy documentation</a> »</li></ul></div>'
        '<div class="body" role="main"><h1>Abstract<a class="headerlink" href="#abstract" '
        'title="Permalink to this heading">¶</a></h1>'
        "<p>This document describes the packaging of Python.</p></div></body></html>",
        encoding="utf-8",
    )
    assert load_document(path).text == (
        "Abstract\n\nThis document describes the packaging of Python."
    )


def test_a_heading_s_permalink_mark_is_left_out(tmp_path: Path) -> None:
    # Every heading of a page Sphinx made (Python's documentation, as IDLE's help) ended in
    # its permalink's pilcrow: "Command line usage¶".
    middle = (
        '<h2>Command line usage<a class="headerlink" href="#usage" title="Link">¶</a></h2>'
        f"<p>Run it from a shell. {WORDS}</p>"
    )
    paragraphs = load_document(_page(tmp_path, middle)).text.split("\n\n")
    assert "Command line usage" in paragraphs
    assert not any("¶" in paragraph for paragraph in paragraphs)


def test_a_page_s_title_leaves_its_heading_s_permalink_mark_out(tmp_path: Path) -> None:
    # The title of a page Sphinx made is its first heading, and it kept the permalink's
    # pilcrow in the library, the title bar and `list`: "IDLE¶".
    path = tmp_path / "idle.html"
    path.write_text(
        "<html><head><title>IDLE &#8212; Python 3.9 documentation</title></head><body>"
        '<div class="section"><h1>IDLE<a class="headerlink" href="#idle">¶</a></h1>'
        f"<p>IDLE is Python's environment. {WORDS}</p></div></body></html>",
        "utf-8",
    )
    document = load_document(path)
    assert document.title == "IDLE"
    assert document.metadata["title"] == "IDLE"


def test_a_page_s_title_leaves_a_button_in_its_heading_out(tmp_path: Path) -> None:
    # Every item's page rustdoc makes has a button in its heading: the title read
    # "Function vdupq_n_s16 Copy item path" in the library, the title bar and `list`.
    path = tmp_path / "fn.vdupq_n_s16.html"
    path.write_text(
        "<html><head><title>vdupq_n_s16 in core::arch - Rust</title></head><body>"
        '<h1>Function <span class="fn">vdupq_n_s16</span>&nbsp;<button id="copy-path" '
        'title="Copy item path to clipboard">Copy item path</button></h1>'
        f"<p>Duplicate vector element to vector or scalar. {WORDS}</p></body></html>",
        "utf-8",
    )
    assert load_document(path).title == "Function vdupq_n_s16"


@pytest.mark.parametrize(
    "permalink",
    [
        '<span><a class="mark" href="#usage" id="usage">#</a></span>',  # Node.js's documentation
        '<a class="anchor" href="#usage">§</a>',
        '<a href="#usage" aria-label="Permalink">🔗</a>',
    ],
    ids=["node", "section-sign", "link-sign"],
)
def test_a_heading_s_permalink_mark_of_any_kind_is_left_out(tmp_path: Path, permalink: str) -> None:
    # Every heading of a page of Node.js's documentation ended in its permalink's hash
    # ("Crypto#"), as others do in a section or link sign.
    middle = f"<h2>Command line usage{permalink}</h2><p>Run it from a shell. {WORDS}</p>"
    paragraphs = load_document(_page(tmp_path, middle)).text.split("\n\n")
    assert "Command line usage" in paragraphs


def test_a_heading_that_links_to_itself_by_its_words_keeps_them(tmp_path: Path) -> None:
    middle = (
        '<h2><a class="header" href="#usage">Command line usage</a></h2>'
        f"<p>Run it from a shell, as <a href='#x'>#</a> says. {WORDS}</p>"
    )
    paragraphs = load_document(_page(tmp_path, middle)).text.split("\n\n")
    assert "Command line usage" in paragraphs
    assert any(paragraph.startswith("Run it from a shell, as # says.") for paragraph in paragraphs)


def test_a_page_is_titled_by_its_own_title_not_its_site_s_name(tmp_path: Path) -> None:
    # The page's only <h1> is the site's name: every page of Node.js's documentation was
    # titled "Node.js v20.20.2 documentation" in the library, the title bar and `list`.
    path = tmp_path / "crypto.html"
    path.write_text(
        "<html><head><title>Crypto | Node.js v20.20.2 Documentation</title></head><body>"
        '<header><h1>Node.js v20.20.2 documentation</h1></header><div id="apicontent">'
        f"<h2>Crypto</h2><p>The crypto module provides functions. {WORDS}</p></div>"
        "</body></html>",
        "utf-8",
    )
    assert load_document(path).title == "Crypto"


@pytest.mark.parametrize(
    ("headings", "title"),
    [
        # the site's banner, then the page's own heading, its <title>: the page's
        (
            "<h1>The XSLT C library for GNOME</h1><h2>Module templates from libxslt</h2>",
            "Module templates from libxslt",
        ),
        # the site's name, its <title>, heading the page above the story's: the story's
        (
            "<h2>Module templates from libxslt</h2><h1>Floods in the valley</h1>",
            "Floods in the valley",
        ),
    ],
)
def test_a_page_whose_heading_is_its_title_below_its_site_s_is_titled_by_it(
    tmp_path: Path, headings: str, title: str
) -> None:
    # Every page of libxslt's manual heads its text with the site's <h1>, "The XSLT C
    # library for GNOME", and the page's own <h2> below it, its <title> ("Module templates
    # from libxslt"): all 60 pages were titled by the site's in the library and `list`.
    path = tmp_path / "templates.html"
    path.write_text(
        "<html><head><title>Module templates from libxslt</title></head><body>"
        f"{headings}<p>This set of routines evaluates templates. {WORDS}</p></body></html>",
        "utf-8",
    )
    assert load_document(path).title == title


def test_a_news_page_naming_its_site_first_is_titled_by_its_story(tmp_path: Path) -> None:
    # A newspaper whose <title> names itself first ("Daily Courier - Floods in the
    # valley"), its name in og:site_name, was titled "Daily Courier" on every story: the
    # article extractor takes the first part.  The site's name is no title of the page.
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Daily Courier - Floods in the valley</title>"
        '<meta property="og:site_name" content="Daily Courier"></head><body><article>'
        f"<p>The river rose two metres overnight. {WORDS}</p></article></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert (doc.title, doc.metadata["site"]) == ("Floods in the valley", "Daily Courier")


def test_a_saved_story_is_not_dated_by_its_site_s_copyright_notice(tmp_path: Path) -> None:
    # A story whose page names no date was dated the first of January of its footer's
    # copyright year ("© 2024 Daily Courier"): every story saved from the site had that
    # date, sorted and filtered by it.  A date in the page's markup is still read.
    story = f"<article><p>The river rose two metres overnight. {WORDS}</p></article>"
    footer = "<footer><p>© 2024 Daily Courier. All rights reserved.</p></footer>"
    undated, dated = tmp_path / "undated.html", tmp_path / "dated.html"
    undated.write_text(f"<html><head><title>Floods</title></head><body>{story}{footer}", "utf-8")
    dated.write_text(
        '<html><head><title>Floods</title><meta property="article:published_time" '
        f'content="2024-01-01T08:00:00Z"></head><body>{story}{footer}',
        "utf-8",
    )
    assert "date" not in load_document(undated).metadata
    assert load_document(dated).metadata["date"] == "2024-01-01"


def test_a_page_is_not_titled_by_a_hidden_window_s_heading(tmp_path: Path) -> None:
    # A book mdBook made holds a help window, hidden until a key is pressed, whose heading's
    # class names a title: every page of the book was titled "Keyboard shortcuts".
    head = "<html><head><title>{} - Error codes index</title></head><body>"
    popup = (
        '<div id="mdbook-help-container"><div id="mdbook-help-popup">'
        '<h2 class="mdbook-help-title">Keyboard shortcuts</h2>'
        "<div><p>Press <kbd>?</kbd> to show this help.</p></div></div></div>"
        '<div class="menu-bar"><h1 class="menu-title">Error codes index</h1></div>'
    )
    path = tmp_path / "E0366.html"
    path.write_text(
        head.format("E0366") + popup + '<main><h1 id="x"><a class="header" href="#x">'
        f"Error code E0366</a></h1><p>An attempt was made to implement it. {WORDS}</p>"
        "</main></body></html>",
        "utf-8",
    )
    assert load_document(path).title == "Error code E0366"


def test_a_definition_s_permalink_mark_is_left_out(tmp_path: Path) -> None:
    # A manual Texinfo made (libffi's) ended each function's definition in its permalink's
    # pilcrow: "ffi_prep_cif (ffi_cif *cif) ¶".
    path = tmp_path / "basics.html"
    path.write_text(
        '<html><head><meta name="Generator" content="makeinfo"></head><body><dl>'
        "<dt><span>Function: <strong>ffi_status</strong> <em>ffi_prep_cif (ffi_cif *cif)</em>"
        "<a href='#index-ffi' class='copiable-anchor'> &para;</a></span></dt>"
        f"<dd><p>This initializes cif. {WORDS}</p></dd></dl></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Function: ffi_status ffi_prep_cif (ffi_cif *cif)\n")
    assert "¶" not in text


def test_a_newline_right_after_pre_is_no_line_of_it(tmp_path: Path) -> None:
    # Browsers drop it; manuals (DocBook's, Valgrind's) write one before every listing,
    # which had a blank line above it ("For example:\n\n\nInvalid read of size 4").
    path = tmp_path / "manual.html"
    path.write_text(
        '<html><head><meta name="generator" content="DocBook XSL Stylesheets"></head><body>'
        f"<p>For example: {WORDS}</p>"
        '<pre class="programlisting">\nInvalid read of size 4\n   at 0x40: f (a.c:1)\n</pre>'
        "<pre>\n\nkept blank line above</pre></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "\n\nInvalid read of size 4\n   at 0x40: f (a.c:1)" in text
    assert "\n\n\nInvalid" not in text
    assert "\n\n\nkept blank line above" in text


def test_a_listing_the_article_extractor_wraps_in_another_has_no_blank_lines_before_it(
    tmp_path: Path,
) -> None:
    # The extractor writes a listing inside another, its indentation between them: a page
    # rustdoc made opened with two blank lines and spaces ("\n\npub fn vdupq_n_s16(...").
    path = tmp_path / "fn.html"
    path.write_text(
        "<html><head><title>vdupq_n_s16 - Rust</title></head><body><main>"
        '<pre class="rust item-decl"><code>pub fn vdupq_n_s16(value: '
        '<a class="primitive" href="i16.html">i16</a>) -&gt; int16x8_t</code></pre>'
        f"<p>Duplicate vector element to vector or scalar. {WORDS}</p></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("pub fn vdupq_n_s16(value: i16) -> int16x8_t\n\nDuplicate vector")


@pytest.mark.parametrize(
    "unseen",
    [
        "<div hidden><p>Unseen words.</p></div>",
        '<p style="color: red; display: none">Unseen words.</p>',
        "<template><p>Unseen words.</p></template>",
        "<noscript><p>Unseen words: turn scripts on.</p></noscript>",
    ],
    ids=["hidden", "display-none", "template", "noscript"],
)
def test_what_a_browser_does_not_show_is_not_read(tmp_path: Path, unseen: str) -> None:
    # An element marked hidden and a template for scripts were read as part of the article.
    path = tmp_path / "report.html"
    path.write_text(
        "<html><head><title>Shelter report</title></head><body><main><article>"
        f"<h1>Shelter report</h1><p>The shelter opened in March. {WORDS}</p>{unseen}"
        f"<p>Volunteers cooked every evening. {WORDS}</p></article></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Unseen" not in text
    assert text.startswith("Shelter report\n\nThe shelter opened in March.")
    assert "\n\nVolunteers cooked every evening." in text


@pytest.mark.parametrize(
    "media",
    [
        '<video controls src="visit.mp4">Your browser does not support the video tag.</video>',
        '<audio controls src="a.mp3"><p>Your browser does not support the audio element.</p></audio>',
        '<iframe src="https://maps.example.org/embed"><p>Your browser cannot show maps.</p></iframe>',
        '<object data="report.pdf"><p>Your browser cannot show this PDF.</p></object>',
        "<canvas>Your browser does not support canvas.</canvas>",
    ],
    ids=["video", "audio", "iframe", "object", "canvas"],
)
def test_what_a_page_shows_in_place_of_a_video_or_a_frame_is_not_read(
    tmp_path: Path, media: str
) -> None:
    # A video's, a frame's or an embedded file's fallback, which a browser shows only when
    # it cannot show them, was read as the article's words ('Your browser does not support
    # the video tag.'), and a short article's heading and paragraphs ran into one passage.
    path = tmp_path / "report.html"
    path.write_text(
        "<html><head><title>Shelter report</title></head><body><article>"
        "<h1>Shelter report</h1><p>The shelter opened in March. It had a long history in "
        f"the town and people came every day of the week.</p>{media}"
        "<p>Volunteers cooked every evening.</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "browser" not in text
    assert text.startswith("Shelter report\n\nThe shelter opened in March.")
    assert text.endswith("\n\nVolunteers cooked every evening.")


@pytest.mark.parametrize("words", [WORDS, ""], ids=["article", "short page"])
def test_a_date_or_time_in_a_sentence_is_read(tmp_path: Path, words: str) -> None:
    # The article extractor drops every <time> with its words: 'The council met on  to
    # vote.', 'We met at .'
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>Council vote</title></head><body><article><h1>Council vote</h1>"
        '<p>The council met on <time datetime="2024-05-07">Tuesday, 7 May</time> to vote. '
        f'{words}</p><p>We met at <time datetime="18:00">six</time> in the hall.</p>'
        "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "The council met on Tuesday, 7 May to vote." in text
    assert text.endswith("\n\nWe met at six in the hall.")


def test_what_a_chapter_shows_in_place_of_a_video_is_not_read() -> None:
    # An EPUB's chapter read 'Your reading system does not support video.'
    html = '<div><p>Shown.</p><video src="v.mp4"><p>Your reading system cannot play it.</p></video></div>'
    assert _written(html) == "Shown."


@pytest.mark.parametrize("words", [WORDS, ""], ids=["article", "short page"])
def test_words_for_screen_readers_alone_are_not_read(tmp_path: Path, words: str) -> None:
    # Words a page gives screen readers alone, hidden from the eye by a class every site
    # styles so ('sr-only', 'visually-hidden', WordPress's 'screen-reader-text'), were read
    # into the text: 'the full report (opens in a new window) online', 'Posted on May 3'.
    path = tmp_path / "report.html"
    path.write_text(
        "<html><head><title>Shelter report</title></head><body><article><h1>Shelter report</h1>"
        f"<p>The shelter opened in March. {words}Read the <a href='r.pdf'>full report"
        "<span class='sr-only'> (opens in a new window)</span></a> online.</p>"
        "<p><span class='screen-reader-text'>Posted on </span>May 3, the day of the vote.</p>"
        "<p>Volunteers <span class='visually-hidden'>(all of them women)</span>cooked.</p>"
        "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Read the full report online." in text
    assert "\n\nMay 3, the day of the vote.\n\nVolunteers cooked." in text


def test_words_for_screen_readers_alone_named_by_a_generated_class_are_not_read(
    tmp_path: Path,
) -> None:
    # A page whose style sheet a script writes names its classes by a hash and the
    # component's name: the BBC's "ssrcss-1gfhkyd-VisuallyHidden", styled-components'
    # "VisuallyHidden-sc-1x2y3z-0".  Every caption of a BBC story opened with "Image
    # caption, ", a video's with "Media caption, ".
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
        "<figure class='ssrcss-1ngq69g-StyledFigure e34k3c21'><img alt='' src='roof.jpg'>"
        "<figcaption class='ssrcss-1ty1ldi-Caption e1w5jn3j0'><span"
        " class='ssrcss-1gfhkyd-VisuallyHidden e1dcm4fo0'>Image caption, </span>Residents"
        " waited on the roofs</figcaption></figure>"
        f"<p class='ssrcss-1q0x1qg-Paragraph e1jhz7w10'>The river rose overnight. {WORDS}</p>"
        "<p>Volunteers <span class='VisuallyHidden-sc-1x2y3z-0 kAbCdE'>(all of them women)"
        "</span>cooked. The <span class='ssrcss-hidden-Styled'>hidden</span> word stays.</p>"
        "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Floods\n\nResidents waited on the roofs\n\nThe river rose")
    assert "Volunteers cooked. The hidden word stays." in text


def test_a_hidden_element_of_a_chapter_or_a_manual_is_not_read() -> None:
    # An EPUB's chapter and a manual are written whole, without the article extractor.
    html = (
        '<div><p>Shown.</p><p hidden="">Unseen.</p><p style="DISPLAY:NONE">Unseen.</p>'
        '<p hidden="until-found">Found when searched.</p></div>'
    )
    assert _written(html) == "Shown.\n\nFound when searched."


MATH = (
    "<p>The law <math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi>"
    "<mn>2</mn></msup></mrow><annotation encoding='application/x-tex'>E=mc^2</annotation>"
    "</semantics></math> and <math><msubsup><mi>x</mi><mi>i</mi><mn>3</mn></msubsup></math>"
    " hold.</p>"
)


def test_a_formula_of_a_web_page_is_read_in_its_place(tmp_path: Path) -> None:
    # A formula (MathML) was left out of a web page whole: "The law and hold."
    text = load_document(_page(tmp_path, MATH)).text
    assert "The law E=mc² and xi³ hold." in text
    assert "x-tex" not in text and "mc^2" not in text


def test_a_formula_of_an_epub_chapter_is_read_as_its_characters() -> None:
    # A chapter's formula was read without its power raised ("E=mc2").
    assert _written(f"<div>{MATH}</div>") == "The law E=mc² and xi³ hold."


def test_a_page_whose_words_are_all_shown_without_scripts_reads_them(tmp_path: Path) -> None:
    # An app's page saved before its script ran holds its words in <noscript> alone: the
    # page was refused as holding no article text.
    path = tmp_path / "report.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Shelter report</title><script>var x = 1;</script>"
        '</head><body><div id="root"></div><noscript><p>The shelter opened in March.</p>'
        "<p>Volunteers cooked every evening.</p></noscript></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text == "The shelter opened in March.\n\nVolunteers cooked every evening."


GLOSSARY = (
    "<h1>Glossary</h1><p>The codes used in the field notes. {words}</p>"
    "<dl><dt>Alpha</dt><dd>The code for <b>opening</b> remarks.</dd>"
    "<dt>Beta</dt><dd>The code for objections.</dd><dd>Also a test phase.</dd>"
    "<dt>Gamma</dt><dd>The code for closing words.</dd></dl>"
    "<p>After the glossary. {words}</p>"
)
PAIRED = (
    "Alpha\nThe code for opening remarks.\n\n"
    "Beta\nThe code for objections.\nAlso a test phase.\n\n"
    "Gamma\nThe code for closing words.\n\nAfter the glossary."
)


def test_a_web_pages_list_of_definitions_keeps_each_term_with_its_definitions(
    tmp_path: Path,
) -> None:
    # Each term and each definition was a bullet of its own: which was whose was lost.
    path = tmp_path / "glossary.html"
    body = GLOSSARY.format(words=WORDS)
    path.write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
    assert PAIRED in load_document(path).text


def test_a_definition_is_written_on_the_line_below_its_term() -> None:
    # An EPUB chapter's list of definitions: a blank line parted each term from its
    # definition as from the term before.
    assert PAIRED in _written(GLOSSARY.format(words=""))


@pytest.mark.parametrize("given", ["Document", "Untitled Document", "New Page 1"])
def test_the_title_an_editor_gives_a_new_page_is_no_title(tmp_path: Path, given: str) -> None:
    # An editor's template titles every new page "Document" (or "Untitled Document"): the
    # page was titled so, not by its file's name.
    path = tmp_path / "shelter visit.html"
    path.write_text(
        f"<html><head><title>{given}</title></head><body><article>"
        f"<p>{WORDS}</p><p>{WORDS}</p></article></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.title == "shelter visit"
    assert "title" not in doc.metadata


def test_the_heading_opening_a_page_without_an_h1_is_read(tmp_path: Path) -> None:
    # A page whose first heading is an <h2> standing above its first passage, outside any
    # <article>: the extractor left that heading out, and the page opened headless.
    path = tmp_path / "report.html"
    path.write_text(
        "<html><head><title>Report</title></head><body><h2>Visit notes</h2>"
        f"<p>{WORDS}</p><p>The closing words. {WORDS}</p></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Visit notes\n\nSome words of the article")
    assert text.count("Visit notes") == 1
    assert "\n\nThe closing words." in text


def test_a_page_s_headings_between_its_passages_are_read(tmp_path: Path) -> None:
    # A page of headings and passages, no article element around them: the extractor kept
    # the passages and left their headings out ("Second part" was lost between them).
    path = tmp_path / "report.html"
    path.write_text(
        "<html><head><title>Report</title></head><body><h2>Visit notes</h2>"
        f"<p>{WORDS}</p><h2>Second part</h2><p>The closing words. {WORDS}</p></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Visit notes\n\nSome words of the article")
    assert "\n\nSecond part\n\nThe closing words." in text
    assert text.count("Second part") == 1


def test_a_cell_spanning_columns_or_rows_is_laid_out_as_a_browser_shows_it(
    tmp_path: Path,
) -> None:
    # Spanning cells were padded by empty ones: a row ending in a stray " │" ("Total │"), a
    # heading over two columns read as two cells ("Name │  │ Age").
    table = (
        "<table><tr><th colspan=2>Name</th><th>Age</th></tr>"
        "<tr><td rowspan=2>Ana</td><td>Ruiz</td><td>30</td></tr>"
        "<tr><td>Diaz</td><td>31</td></tr>"
        "<tr><td>Bo</td><td>Lee</td><td rowspan=2>40</td></tr>"
        "<tr><td>Cy</td><td>Ng</td></tr>"
        "<tr><td colspan=3>Total</td></tr><tr><td>x</td><td></td></tr></table>"
    )
    expected = "Name │ Age\nAna │ Ruiz │ 30\nAna │ Diaz │ 31\nBo │ Lee │ 40\nCy │ Ng │ 40\nTotal\nx"
    assert _written(table) == expected
    text = load_document(_page(tmp_path, table)).text
    assert f"\n\n{expected}\n\n" in text


def _word_item(label: str, level: int, text: str, font: str = "Symbol") -> str:
    """A list item as Word's "Save as Web Page" writes it: a paragraph, its bullet or number
    in a span Word reads past."""
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;"
        f"mso-list:l0 level{level} lfo1'><![if !supportLists]><span style='font-family:{font}'>"
        f"<span style='mso-list:Ignore'>{label}<span style='font:7.0pt \"Times New Roman\"'>"
        f"&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>{text}<o:p></o:p></p>\n"
    )


def test_a_list_word_saved_as_a_web_page_is_read_as_a_list(tmp_path: Path) -> None:
    # Each item was a paragraph of its own opening with "·" (the Symbol font's bullet).
    lists = (
        _word_item("·", 1, "Rice is dearer")
        + _word_item("o", 2, "Twice as dear when dry", "Courier New")
        + _word_item("·", 1, "The road will help")
        + "<p class=MsoNormal>Then we asked two things.</p>"
        + _word_item("a)", 1, "About the bus", "Calibri")
        + _word_item("b)", 1, "About the school", "Calibri")
    )
    document = load_document(_word_page(tmp_path, lists))
    expected = (
        "• Rice is dearer\n  ◦ Twice as dear when dry\n• The road will help\n\n"
        "Then we asked two things.\n\na) About the bus\nb) About the school\n\n"
    )
    assert expected in document.text
    bullets = [document.text[s.start : s.end] for s in document.spans if s.kind == SpanKind.BULLET]
    assert bullets == ["•", "◦", "•", "a)", "b)"]


def _word_page(tmp_path: Path, body: str) -> Path:
    """A page of ``body`` that says Word made it (its ProgId), as Word's web pages do."""
    path = _page(tmp_path, body)
    path.write_text(
        path.read_text("utf-8").replace("<head>", "<head><meta name=ProgId content=Word.Document>"),
        encoding="utf-8",
    )
    return path


def _filtered_item(label: str, margin: str, text: str, font: str = "Symbol") -> str:
    """A list item as Word's "Web Page, Filtered" writes it: no list style, the bullet or
    number in a span of its font opening the paragraph, hung out by a negative indent."""
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{margin};text-indent:-.25in'>"
        f"<span style='font-family:{font}'>{label}<span style='font:7.0pt \"Times New Roman\"'>"
        f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>{text}</p>\n"
    )


def test_a_list_word_saved_as_a_filtered_web_page_is_read_as_a_list(tmp_path: Path) -> None:
    # The filtered format writes no mso-list: each item was a paragraph opening with "·".
    lists = (
        _filtered_item("·", ".5in", "Rice is dearer")
        + _filtered_item("o", "1.0in", "Twice as dear when dry", '"Courier New"')
        + _filtered_item("·", ".5in", "The road will help")
        + "<p class=MsoNormal>Then we asked two things.</p>"
        + _filtered_item("1.", ".5in", "About the bus", "Calibri")
        + _filtered_item("2.", ".5in", "About the school", "Calibri")
        + "<p class=MsoNormal style='margin-left:.5in;text-indent:-.25in'>A hanging line, "
        "not an item.</p>"
    )
    document = load_document(_word_page(tmp_path, lists))
    expected = (
        "• Rice is dearer\n  ◦ Twice as dear when dry\n• The road will help\n\n"
        "Then we asked two things.\n\n1. About the bus\n2. About the school\n\n"
        "A hanging line, not an item.\n\n"
    )
    assert expected in document.text
    bullets = [document.text[s.start : s.end] for s in document.spans if s.kind == SpanKind.BULLET]
    assert bullets == ["•", "◦", "•", "1.", "2."]


def test_a_page_without_html_or_body_tags_keeps_its_heading_and_divisions() -> None:
    # A page of blocks with no <html> or <body> around them (as a notes app or a script
    # writes one) lost its heading and the words of a division between two paragraphs:
    # "We met the family at noon.\n\nThen we left." alone.  It is read as the same blocks
    # in <html> and <body> are.
    from tui_reader.core.documents.formats.html import convert_html

    blocks = (
        "<h1>Notes</h1><p>We met the family at noon.</p>"
        "<div>They had walked for three days.</div><p>Then we left.</p>"
    )
    expected = (
        "Notes\n\nWe met the family at noon.\n\nThey had walked for three days.\n\nThen we left."
    )
    path = Path("notes.html")
    assert convert_html(f"<html><body>{blocks}</body></html>", path).text == expected
    bare = convert_html(blocks, path)
    assert bare.text == expected
    assert bare.title == "Notes"
    two = "<p>First paragraph of text.</p><div>Loose text in a division</div>"
    assert convert_html(two, path).text == "First paragraph of text.\n\nLoose text in a division"


def test_a_web_page_s_paragraph_said_twice_in_a_row_is_read_twice(tmp_path: Path) -> None:
    # A paragraph of over 50 characters repeating the one before it (a song's refrain, a
    # witness saying the same sentence again) was dropped by the extractor as a copy of
    # its own making: the page lost its words.  Each is read where it stands.
    refrain = "We keep on walking, we keep on walking, until the border is behind us."
    path = _page(
        tmp_path,
        f"<p>{refrain}</p><p>{refrain}</p><p>The second verse comes after the first.</p>"
        f"<p>{refrain}</p><p>{refrain}</p><p>{refrain}</p>",
    )
    text = convert_html(path.read_text("utf-8"), path).text
    assert text.count(refrain) == 5
    assert f"{refrain}\n\n{refrain}\n\nThe second verse" in text
    assert "\u2064" not in text


def test_a_page_s_elements_are_given_lxml_html_s_classes_without_asking_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """lxml.html's parser asks a Python method for an element's class each time it hands
    one out: 34 times an element of a page of short paragraphs, a seventh of its time."""
    import lxml.html

    html = (
        "<html><body><form action='/s'><label for='q'>Find</label><input name='q'>"
        "<select name='w'><option>all</option></select><textarea name='t'>x</textarea>"
        "</form>" + "<p>A short paragraph." * 2000 + "</body></html>"
    )
    ours = [type(node) for node in parse_html(html, Path("page.html"), "web page").iter()]
    theirs = [type(node) for node in lxml.html.document_fromstring(html).iter()]
    assert ours == theirs
    asked = 0
    lookup = lxml.html.HtmlElementClassLookup.lookup

    def counted(self: Any, *args: Any) -> Any:
        nonlocal asked
        asked += 1
        return lookup(self, *args)

    monkeypatch.setattr(lxml.html.HtmlElementClassLookup, "lookup", counted)
    parsed = convert_html(html, Path("page.html"))
    assert parsed.text.count("A short paragraph.") == 2000
    # Three an element are left: the pages the extractor parses itself (its fallback's
    # summary, the article as HTML); 34 before.
    assert asked < 4 * 2000


@pytest.mark.parametrize("attribute", ["class", "id"])
def test_a_class_or_id_of_megabytes_keeps_its_first_words(attribute: str) -> None:
    # The extractors search classes and ids for words in a pass over the page each: a class
    # of 10 MB took 13 s of CPU, one of 30 MB passed the conversion's time limit.
    words = " ".join(f"w{i}" for i in range(400_000))
    html = f'<html><body><p {attribute}="story {words}">The words stay.</p></body></html>'
    paragraph = parse_html(html, Path("page.html"), "web page").find(".//p")
    kept = paragraph.get(attribute)
    assert 4000 < len(kept) <= 4096
    assert f"story {words}".startswith(kept + " ")
    assert paragraph.text == "The words stay."
    one = parse_html(f'<div><p class="{"a" * 100_000}">x</p></div>', Path("p.html"), "web page")
    assert one.find(".//p").get("class") == "a" * 4096


def test_a_style_of_megabytes_keeps_its_declarations_read_once_each() -> None:
    # Every check of a style (hidden? placed apart? a list's numbering? Word's list items?)
    # searched the whole value: a style of 10 MB took 3.4 s of CPU.  What the checks read
    # stays: the paragraph hidden after 400,000 other declarations is still hidden.
    many = "color:red;" * 500_000 + "".join(f"--v{i}:1;" for i in range(400_000))
    html = (
        f'<div><p style="{many}display:none">Unseen.</p>'
        f'<p style="{many}margin-left:12pt">Shown.</p></div>'
    )
    root = parse_html(html, Path("page.html"), "web page")
    hidden, shown = root.iter("p")
    assert len(hidden.get("style")) <= 4 * 4096
    assert hidden.get("style").startswith("color:red;")
    assert hidden.get("style").endswith(";display:none")
    assert shown.get("style").endswith(";margin-left:12pt")
    assert _written(html) == "Shown."


def test_a_page_s_contents_heading_is_not_left_without_its_contents(tmp_path: Path) -> None:
    # npm's manual heads each page's list of links to its own sections "Table of contents";
    # the list, links alone, is left out as a menu is, and the heading stood alone above
    # the first section's, a heading of nothing.
    contents = (
        '<ul><li><a href="#description">Description</a></li>'
        '<li><a href="#see-also">See also</a></li></ul>'
    )
    path = _page(
        tmp_path,
        f'<h1>Folders</h1><h2 id="toc">Table of contents</h2><div id="toc-list">{contents}</div>'
        f'<h3 id="description">Description</h3><p>npm puts things on your computer. {WORDS}</p>'
        f'<h3 id="see-also">See also</h3><p>The folders of a package. {WORDS}</p>',
    )
    paragraphs = load_document(path).text.split("\n\n")
    assert "Table of contents" not in paragraphs
    assert paragraphs[paragraphs.index("Folders") + 1] == "Description"


def test_a_contents_heading_above_words_of_its_own_stays(tmp_path: Path) -> None:
    # A section named "Contents" that holds words (a box's contents, an inventory) is read.
    path = _page(
        tmp_path,
        f"<h1>The box</h1><p>A box was found. {WORDS}</p><h2>Contents</h2>"
        f'<ul><li><a href="#letters">Letters</a> and photographs</li><li>A map</li></ul>'
        f"<p>The letters were dated 1952. {WORDS}</p>",
    )
    assert "Contents" in load_document(path).text.split("\n\n")


def test_a_page_s_plain_paragraphs_are_not_read_one_by_one_for_what_attributes_tell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page of 200,000 paragraphs without attributes took 11 s, each paragraph looked at
    # by every step that goes by an element's style, class or role (a Word item's bullet and
    # margin, a hidden element, a footnote set apart, a player, a sign-up box) and each short
    # passage's words gathered to tell a repeat.  Only the elements with attributes are
    # looked at so, and what the steps find is found as before.
    from tui_reader.core.documents.formats import html, html_word

    looked: dict[str, int] = {}

    def counted(module: Any, name: str) -> None:
        original = getattr(module, name)

        def count(*args: Any) -> Any:
            looked[name] = looked.get(name, 0) + 1
            return original(*args)

        monkeypatch.setattr(module, name, count)

    counted(html_word, "_margin")
    counted(html_word, "_filtered_label")
    counted(html, "text_of")
    plain = "".join(f"<p>Line {n}" for n in range(2000))
    sung = "The river rose over the road and we carried the children across it."
    body = (
        _filtered_item("·", ".5in", "Rice is dearer")
        + _filtered_item("·", ".5in", "The road will help")
        + plain
        + f"<p>{sung}</p><p>{sung}</p>"
        + "<p hidden>Not shown</p><p>Last words of the page.</p>"
    )
    document = load_document(_word_page(tmp_path, body))
    assert "• Rice is dearer\n• The road will help\n\n" in document.text
    assert document.text.count(sung) == 2 and "Not shown" not in document.text
    assert "Line 1999" in document.text
    # (the page is parsed twice: once read, once for its metadata)
    assert looked.get("_margin", 0) <= 4 and looked.get("_filtered_label", 0) <= 4, looked
    assert looked.get("text_of", 0) < 100, looked


def test_a_page_of_more_elements_than_any_article_is_written_whole_its_metadata_from_its_head(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A source listing of 154,000 elements took 31 s and a page of 600,000 paragraphs 42 s,
    # past the conversion's time limit, most of it the extraction and the metadata's search
    # of every element: such a page is written whole and its metadata read from its head.
    import trafilatura

    from tui_reader.core.documents.formats import html

    def no_extraction(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a page of so many elements was extracted")

    searched: list[int] = []
    metadata_of = trafilatura.extract_metadata

    def counted(tree: Any, **kwargs: Any) -> Any:
        searched.append(sum(1 for _ in tree.iter()))
        return metadata_of(tree, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", no_extraction)
    monkeypatch.setattr(trafilatura, "extract_metadata", counted)
    lines = 50_001  # two elements a line: more than 100,000 in all
    page = (
        "<html><head><title>Listing | The Site</title>"
        '<meta name="author" content="Ana Ruiz"></head><body><h1>Listing</h1>'
        + "".join(f"<p>Line <b>{n}</b></p>" for n in range(lines))
        + "<p hidden>Not shown</p></body></html>"
    )
    parsed = convert_html(page, Path("listing.html"))
    assert parsed.text.startswith("Listing\n\nLine 0\n\nLine 1\n\n")
    assert parsed.text.rstrip().endswith(f"Line {lines - 1}")
    assert "Not shown" not in parsed.text
    assert parsed.title == "Listing"
    assert parsed.metadata["author"] == "Ana Ruiz"
    assert searched and max(searched) < 10, searched
    assert 2 * lines > html.HUGE_PAGE


def test_a_page_too_big_to_extract_is_written_without_the_site_around_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A register of 40,000 rows (2.7 MB) is written whole, and kept what the extraction
    # leaves out: "Skip to content" opening it, the site's logo in its header, its
    # copyright and policy's link in its footer closing it.  The size a page is written
    # whole from made small here.
    from tui_reader.core.documents.formats import html

    monkeypatch.setattr(html, "HUGE_PAGE", 20)
    page = (
        "<html><head><title>The register</title></head><body>"
        '<a class="skip-link" href="#main">Skip to main content</a>'
        '<a class="visually-hidden-focusable" href="#content">Skip to content</a>'
        '<a href="#main">Jump to content</a>'
        '<header role="banner"><div class="logo">City Records</div>'
        '<nav aria-label="Main"><a href="/">Home</a> <a href="/about">About us</a></nav>'
        "</header>"
        '<div class="site-header">Search the records</div>'
        '<main id="main"><article><header><h1>The register of 1901</h1>'
        "<p>Kept by the clerk.</p></header>"
        '<p>Every entry of 1901. <a href="#rows">Skip to the rows</a> below.</p>'
        '<p id="rows">Skip to content, the clerk wrote, was never his way.</p>'
        + "".join(f"<p>Entry {n}</p>" for n in range(3))
        + "<footer><p>Entries checked in 1950.</p></footer></article></main>"
        '<footer role="contentinfo"><p>© 2024 City Records. '
        '<a href="/privacy">Privacy policy</a></p></footer>'
        '<div class="site-footer">Made with care</div>'
        "</body></html>"
    )
    assert convert_html(page, Path("register.html")).text == (
        "The register of 1901\n\nKept by the clerk.\n\n"
        "Every entry of 1901. Skip to the rows below.\n\n"
        "Skip to content, the clerk wrote, was never his way.\n\n"
        "Entry 0\n\nEntry 1\n\nEntry 2\n\nEntries checked in 1950."
    )
