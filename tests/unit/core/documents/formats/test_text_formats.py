"""Web pages, RTF and subtitles."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.format_fixtures import TRANSCRIPT_SRT, TRANSCRIPT_VTT, WEB_PAGE, spoken

from tui_reader.core.documents.details import conversion_notes
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.html import convert_html
from tui_reader.core.documents.formats.html_metadata import clean_title
from tui_reader.core.documents.formats.subtitles import convert_vtt
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange.places_in_text import place_in


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


_NEWS = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Shelters fill up | Border Times'
    '</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main>'
    "<article><h1>Shelters fill up in Tapachula</h1>{byline}"
    "<p>The shelters along the river held twice as many people as beds this week, as the"
    " closing of the border left thousands waiting in the city for their papers.</p>"
    "<p>Families slept in the courtyard and on the chapel's floor, the director said.</p>"
    "{foot}</article></main><footer>© 2023 Border Times.</footer></body></html>"
)


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">By Ana Pérez</p>',
        '<div class="article-meta"><span class="byline">By <a href="/a/ana" rel="author">'
        "Ana Pérez</a></span></div>",
        '<div class="c-byline"><span class="c-byline__label">By</span> '
        '<span class="c-byline__author">Ana Pérez</span></div>',
        # (a block of the facts named "info", which the extractor keeps where it drops one
        # named "meta": its date was a line of its own between the byline and the story)
        '<div class="article-info"><span class="byline">By Ana Pérez</span> '
        '<span class="date">12 May 2024</span></div>',
        '<div class="post-info"><div class="author">By Ana Pérez</div><time'
        ' datetime="2024-05-12">12 May 2024, 10:32</time> · <span>5 min read</span></div>',
    ],
)
def test_a_news_page_s_byline_is_read_where_it_stands(tmp_path: Path, byline: str) -> None:
    # The byline under the headline ("By Ana Pérez") was left out of the text (the extractor
    # drops an author's element, reading the name into the metadata): the reader saw words
    # the text did not hold.  An author's biography at the foot stays out, as before.  The
    # date beside it is left out as the extractor leaves out a block of the facts.
    foot = '<div class="author-bio">Ana Pérez covers migration for the paper since 2015.</div>'
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=foot), "utf-8")
    doc = load_document(path)
    assert doc.text.startswith("Shelters fill up in Tapachula\n\nBy Ana Pérez\n\nThe shelters")
    assert "covers migration" not in doc.text
    assert doc.metadata["author"] == "Ana Pérez"


@pytest.mark.parametrize(
    "page",
    [
        # as WordPress's themes write a post: the title, date and byline in the entry's
        # header, the post in "entry-content"
        '<article class="post type-post"><header class="entry-header"><h1 class="entry-title">'
        'Shelters fill up in Tapachula</h1><div class="entry-meta"><span class="posted-on">'
        'Posted on <a href="/2024/05/12/s/" rel="bookmark"><time class="entry-date published"'
        ' datetime="2024-05-12T10:00:00+00:00">May 12, 2024</time></a></span><span'
        ' class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ana/">'
        'Ana Pérez</a></span></span></div></header><div class="entry-content">{story}</div>'
        '<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/news/">'
        "News</a></span></footer></article>",
        # as the New York Times' pages: the header, then the story's body named so
        '<article id="story"><header class="css-d92aj7"><h1 data-testid="headline">Shelters'
        ' fill up in Tapachula</h1><div class="css-1x1jxeu"><div class="css-1baulvz'
        ' last-byline" itemprop="author"><p class="css-aknsld">By <a href="/by/ana-perez">'
        '<span itemprop="name">Ana Pérez</span></a></p></div><time datetime="2024-05-12">'
        'May 12, 2024</time></div></header><section name="articleBody"'
        ' itemprop="articleBody"><div class="StoryBodyCompanionColumn">{story}</div></section>'
        "</article>",
    ],
    ids=["wordpress", "nyt"],
)
def test_a_byline_in_the_story_s_header_is_read_above_its_first_paragraph(
    tmp_path: Path, page: str
) -> None:
    # The extractor takes a post's body alone (WordPress's "entry-content", the New York
    # Times' "articleBody"), and the byline standing in the story's <header> above it was
    # lost, though kept as a passage.  It is read above the story's first paragraph.
    story = (
        "<p>The shelters along the river held twice as many people as beds this week, as the"
        " closing of the border left thousands waiting in the city for their papers.</p>"
        "<p>Families slept in the courtyard and on the chapel's floor, the director said.</p>"
        "<p>Volunteers from the parish brought blankets and cooked twice a day, and a doctor"
        " came from the city each morning to see the children who had fallen ill.</p>"
        "<p>By the end of the week the city opened a school's gymnasium for the night, and"
        " the shelter's director said she hoped the border would open again soon.</p>"
    )
    path = tmp_path / "post.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Shelters fill up</title></head><body><main>"
        + page.format(story=story)
        + "</main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("Shelters fill up in Tapachula\n\n")
    assert text.count("Ana Pérez") == 1
    assert "Ana Pérez\n\nThe shelters along the river" in text


@pytest.mark.parametrize(
    ("byline", "shown"),
    [
        (
            '<div class="meta"><span>By Ana Pérez</span> <span>12 May 2024</span> '
            "<span>5 min read</span></div>",
            "By Ana Pérez",
        ),
        (
            '<div class="meta">By Ana Pérez · 12 May 2024 · 5 min read</div>',
            "By Ana Pérez · 12 May 2024 · 5 min read",
        ),
        ('<div class="post-meta"><p>By Ana Pérez</p><p>12 May 2024</p></div>', "By Ana Pérez"),
    ],
)
def test_a_byline_in_the_article_s_facts_unmarked_is_read_and_names_the_author(
    tmp_path: Path, byline: str, shown: str
) -> None:
    # A byline no class marks as an author's, in the block of the article's facts ("meta":
    # its date, its reading time), was left out with that block, and the page had no
    # author when it has no author tag: the reader saw "By Ana Pérez" and nothing held it.
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=""), "utf-8")
    doc = load_document(path)
    assert doc.text.startswith(f"Shelters fill up in Tapachula\n\n{shown}\n\nThe shelters")
    assert doc.metadata["author"] == "Ana Pérez"


def test_a_transcript_quoted_in_a_web_page_s_listing_ends_with_it(tmp_path: Path) -> None:
    # An exchange quoted whole in a <pre> of a report: its last turn ran on over the
    # report's next paragraph ("We left on the fourth day..."), coded as Ana's words.
    path = tmp_path / "log.html"
    path.write_text(
        "<html><body><h1>Field log</h1><p>The interview went as follows, the recorder on the"
        " table between us:</p><pre>\nINTERVIEWER: Where did you sleep?\nANA:  Under the"
        " bridge.\nINTERVIEWER: And then?\nANA:  The shelter.\n</pre><p>We left on the"
        " fourth day, when the rain started and the road to the river closed.</p></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("INTERVIEWER", "Where did you sleep?"),
        ("ANA", "Under the bridge."),
        ("INTERVIEWER", "And then?"),
        ("ANA", "The shelter."),
    ]


def test_a_byline_s_lines_set_as_blocks_stay_lines(tmp_path: Path) -> None:
    # The BBC sets its byline as two blocks, the name above the desk and place ("By Ana
    # Pérez", "BBC News, Tapachula"): made one passage, they ran together, "By Ana
    # PérezBBC News, Tapachula".  Each is a line of the byline.
    byline = (
        '<div data-component="byline-block" class="ssrcss-1pwsmlr-StyledByline e8ep4vt1">'
        '<div class="ssrcss-68pt20-Text-TextContributorName"><span>By Ana Pérez</span></div>'
        '<div class="ssrcss-84ltp5-Text e1ni5wnu0">BBC News, Tapachula</div></div>'
    )
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=""), "utf-8")
    assert load_document(path).text.startswith(
        "Shelters fill up in Tapachula\n\nBy Ana Pérez\nBBC News, Tapachula\n\nThe shelters"
    )


@pytest.mark.parametrize(
    ("byline", "shown"),
    [
        # CNN's: an author's picture and the byline in a block named so, the time beside
        (
            '<div class="headline__byline-sub-text"><div class="byline vossi-byline"><div'
            ' class="byline__images"><img class="byline__image" src="a.jpg" alt="Headshot of'
            ' Ana Pérez"></div><div class="byline__names"><span class="byline__by">By</span>'
            ' <a href="/profiles/ana-perez" class="byline__link"><span class="byline__name">'
            'Ana Pérez</span></a>, CNN</div></div><div class="timestamp vossi-timestamp">'
            "Updated 10:32 AM EDT, Sun May 12, 2024</div></div>",
            "By Ana Pérez, CNN",
        ),
        # AP's: the names links to the authors' pages, the date beside them
        (
            '<div class="Page-byline"><div class="Page-byline-info"><div class="Page-authors">'
            '<span class="Link ">By&nbsp;</span><a class="Link " href="/author/ana-perez">ANA'
            ' PÉREZ</a><span> and </span><a class="Link " href="/author/bo-chen">BO CHEN</a>'
            '</div><div class="Page-dateModified"><span data-date="">Updated 10:32 AM GMT+2,'
            " May 12, 2024</span></div></div></div>",
            "By ANA PÉREZ and BO CHEN",
        ),
    ],
    ids=["cnn", "ap"],
)
def test_a_byline_beside_its_date_in_a_block_named_a_byline_is_read_alone(
    tmp_path: Path, byline: str, shown: str
) -> None:
    # A block named a byline holding the byline and the story's time (CNN's, with the
    # author's picture): the whole block was read, "[Headshot of Ana Pérez] By Ana
    # Pérez, CNN" and the time run into it.  AP's byline, kept alone, its names links,
    # was left out by the extractor as a passage of links.  The byline is read alone.
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=""), "utf-8")
    assert load_document(path).text.startswith(
        f"Shelters fill up in Tapachula\n\n{shown}\n\nThe shelters"
    )


def test_a_list_of_figures_beside_a_byline_in_the_article_s_facts_stays(tmp_path: Path) -> None:
    # The block of the article's facts left without its byline is left out when it says
    # a date alone; a list of the story's figures in it ("Deaths: 12") is no date.
    byline = (
        '<div class="article-info"><span class="byline">By Ana Pérez</span>'
        "<ul><li>Deaths: 12</li><li>Missing: 40</li></ul></div>"
    )
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=""), "utf-8")
    text = load_document(path).text
    assert "By Ana Pérez" in text and "Deaths: 12" in text


@pytest.mark.parametrize(
    ("byline", "head"),
    [
        # CNN's: the byline's outlet and the time beside it were read with the name
        (
            '<div class="byline"><div class="byline__names"><span class="byline__by">By'
            '</span> <a href="/profiles/ana-perez" class="byline__link"><span'
            ' class="byline__name">Ana Pérez</span></a>, CNN</div><div class="timestamp">'
            "Updated 10:32 AM EDT, Sun May 12, 2024</div></div>",
            "",
        ),
        # the BBC's: the outlet and the place on a line of their own below the name
        (
            '<div data-component="byline-block" class="ssrcss-1pwsmlr-StyledByline"><div'
            ' class="ssrcss-68pt20-Text-TextContributorName"><span class="ssrcss-68pt20-Text'
            '-TextContributorName">By Ana Pérez</span></div><div class="ssrcss-84ltp5-Text">'
            "BBC News, Tapachula</div></div>",
            "",
        ),
        # WordPress's: its words for screen readers and "By" before the name
        (
            '<ul class="post-meta"><li class="post-author"><span class="screen-reader-text">'
            'Post author</span> <span class="meta-text">By <a href="/author/ana/">Ana Pérez'
            "</a></span></li></ul>",
            "",
        ),
        # the page's own tag, the outlet after a comma
        ("<p>By Ana Pérez, CNN</p>", '<meta name="author" content="Ana Pérez, CNN">'),
    ],
    ids=["cnn", "bbc", "wordpress", "tag"],
)
def test_a_news_page_s_author_is_its_byline_s_names_alone(
    tmp_path: Path, byline: str, head: str
) -> None:
    # The author a web page's metadata gave, read by the extractor from the byline when
    # the page has no tag of its own for it, held what stood beside the name: "Ana Pérez;
    # CNN Updated ; Sun May", "Ana Pérez BBC News; Tapachula", "Post author By Ana
    # Pérez"; the tag's "Ana Pérez, CNN" was two authors, "Ana Pérez; CNN".
    path = tmp_path / "news.html"
    page = _NEWS.format(byline=byline, foot="").replace("</head>", head + "</head>")
    path.write_text(page, "utf-8")
    assert load_document(path).metadata["author"] == "Ana Pérez"


_GHOST = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Shelters fill up</title></head>'
    '<body><main><article class="gh-article post"><header class="gh-article-header">{above}'
    '<h1 class="gh-article-title">Shelters fill up</h1></header><section class="gh-content">'
    "<p>The shelters along the river held twice as many people as beds this week, as the"
    " closing of the border left thousands waiting in the city for their papers.</p>"
    "<p>Families slept in the courtyard and on the chapel's floor, the director said.</p>"
    "</section></article></main></body></html>"
)


@pytest.mark.parametrize(
    ("above", "opening"),
    [
        # Ghost's Source theme: the story's first tag, a link alone above the title
        ('<a class="gh-article-tag" href="/tag/news/">News</a>', ""),
        # Casper: the tag's link in blocks of its own
        (
            '<div class="article-tag post-card-tags"><span class="post-card-primary-tag">'
            '<a href="/tag/field-notes/">Field Notes</a></span></div>',
            "",
        ),
        # a tag's link among other words above the title is the story's words
        (
            '<p>First of three reports from <a href="/tag/chiapas/">Chiapas</a>.</p>',
            "First of three reports from Chiapas.\n\n",
        ),
    ],
    ids=["source", "casper", "words-around"],
)
def test_a_link_to_a_story_s_tag_above_its_title_is_no_line_of_its_text(
    tmp_path: Path, above: str, opening: str
) -> None:
    # A Ghost blog's post opened with its tag, a link to the tag's page above the title
    # ("News", then "Shelters fill up"), read as a line of its own.
    path = tmp_path / "post.html"
    path.write_text(_GHOST.format(above=above), "utf-8")
    assert load_document(path).text.startswith(f"{opening}Shelters fill up\n\nThe shelters")


_STORY = (
    "<p>The shelters along the river held twice as many people as beds this week, as the"
    " closing of the border left thousands waiting in the city for their papers.</p>"
    "<p>Families slept in the courtyard and on the chapel's floor, the director said.</p>"
)


@pytest.mark.parametrize(
    ("page", "opening"),
    [
        # Blogger's: the day's date above the post, its title outside the post's body
        (
            '<div class="date-outer"><h2 class="date-header"><span>Sunday, May 12, 2024'
            '</span></h2><div class="date-posts"><div class="post-outer"><div class="post'
            ' hentry"><h3 class="post-title entry-title">Shelters fill up</h3><div'
            ' class="post-header"></div><div class="post-body entry-content">{story}</div>'
            '<div class="post-footer">Posted by <a href="/profile/1">Ana Ruiz</a> at 10:32 AM'
            "</div></div></div></div></div>",
            "Sunday, May 12, 2024\n\nShelters fill up\n\nThe shelters",
        ),
        # WordPress's: the title in the post's header, above its body, read once
        (
            '<article class="post hentry"><header class="entry-header"><h1'
            ' class="entry-title">Shelters fill up</h1></header><div class="entry-content">'
            "{story}</div></article>",
            "Shelters fill up\n\nThe shelters",
        ),
    ],
    ids=["blogger", "wordpress"],
)
def test_a_blog_post_s_title_and_date_above_its_body_are_read(
    tmp_path: Path, page: str, opening: str
) -> None:
    # A Blogger post saved as a web page was read without its title and its date: both
    # stand outside the post's body, which the extractor took alone. The date, above the
    # post on the page, was then read below its title.
    path = tmp_path / "post.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Field notes: Shelters fill'
        " up</title></head><body>" + page.format(story=_STORY) + "</body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith(opening)
    assert text.count("Shelters fill up") == 1


def test_a_news_page_s_author_of_one_word_beside_one_of_two_stays(tmp_path: Path) -> None:
    # A page's own tag naming two authors, one of them known by one name, gave the
    # other alone: the one-word author was taken for a place or an outlet beside him.
    path = tmp_path / "news.html"
    head = '<meta name="author" content="Ana Pérez, Madonna">'
    page = _NEWS.format(byline="<p>By Ana Pérez and Madonna</p>", foot="")
    path.write_text(page.replace("</head>", head + "</head>"), "utf-8")
    assert load_document(path).metadata["author"] == "Ana Pérez; Madonna"


def test_a_news_page_s_byline_of_names_alone_is_read_above_the_story(tmp_path: Path) -> None:
    # A byline of the names alone ("Ana Pérez and Luis Gómez", no "By") was left out too;
    # the same names in an author's box below the story stay out.
    byline = '<p class="byline">Ana Pérez and Luis Gómez</p>'
    foot = '<div class="author-name">Ana Pérez</div>'
    path = tmp_path / "news.html"
    path.write_text(_NEWS.format(byline=byline, foot=foot), "utf-8")
    text = load_document(path).text
    assert text.startswith("Shelters fill up in Tapachula\n\nAna Pérez and Luis Gómez\n\nThe")
    assert text.endswith("the director said.")


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


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("Notes from the visit.\n\nWe met the staff at noon.\n", "Notes from the visit. We met "
         "the staff at noon."),
        ("Notes from <b>the</b> visit at noon.", "Notes from the visit at noon."),
    ],
    ids=["no tag", "an inline tag only"],
)  # fmt: skip
def test_a_web_page_of_words_without_blocks_is_read_as_a_browser_shows_it(
    tmp_path: Path, markup: str, shown: str
) -> None:
    # A text saved under a web page's name, or a snippet with no block element, is shown by
    # a browser: trafilatura took a page not saying "html" in its first characters with
    # fewer than two elements for no HTML, and it was refused as holding no article text.
    path = tmp_path / "notes.html"
    path.write_text(markup, "utf-8")
    assert load_document(path).text == shown


def test_a_web_page_s_word_breaks_and_ruby_keep_its_words_whole(tmp_path: Path) -> None:
    # A place a long word may break (<wbr>) was read as a space ("super cali fragilistic"),
    # and ruby's readings each after its character, apart ("漢 かん 字 じ です"): no search
    # found the words.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article><p>The word super<wbr>cali<wbr>fragilistic came up often.</p>"
        "<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>です。"
        "日本語の文章です。</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "The word supercalifragilistic came up often." in text
    assert "漢字(かんじ)です。日本語の文章です。" in text


def _telegram_message(number: int, sender: str | None, time: str, inside: str) -> str:
    """A message of a chat Telegram Desktop exported (``messages.html``); ``sender`` None: a
    message sent right after the one before by the same sender (``joined``)."""
    joined = " joined" if sender is None else ""
    picture = (
        '<div class="pull_left userpic_wrap"><div class="userpic userpic2"><div '
        f'class="initials">{sender[0]}</div></div></div>'
        if sender
        else ""
    )
    name = f'<div class="from_name">{sender}</div>' if sender else ""
    return (
        f'<div class="message default clearfix{joined}" id="message{number}">{picture}'
        f'<div class="body"><div class="pull_right date details" title="12.05.2023 {time} '
        f'UTC+02:00">{time[:5]}</div>{name}{inside}</div></div>'
    )


def test_a_telegram_chat_exported_as_a_web_page_is_a_chat_of_turns(tmp_path: Path) -> None:
    # Telegram Desktop's export of a chat (messages.html) was read as an article: each
    # message the initial of its sender's picture, its time and the sender's name, each a
    # paragraph ("A\n\n10:02\n\nAna\n\nAre you there?"), and the chat had no turns.
    messages = [
        _telegram_message(1, "Ana", "10:02:33", '<div class="text">Are you there?<br>Hello?</div>'),
        _telegram_message(2, "Bo", "10:03:01", '<div class="text">Yes, since <b>today</b>.</div>'),
        _telegram_message(3, None, "10:03:09", '<div class="media_wrap clearfix"><a class="media">'
                          '<div class="body"><div class="title bold">Voice message</div>'
                          '<div class="status details">00:12</div></div></a></div>'),
        _telegram_message(4, "Ana", "10:04:00", '<div class="text">Good.</div>'),
        _telegram_message(5, None, "10:04:30", '<div class="forwarded body"><div class="from_name">'
                          'Luis <span class="details"> 11.05.2023</span></div><div class="text">'
                          'The bus leaves at six.</div></div>'),
        _telegram_message(6, "Bo", "10:05:00", '<div class="media_wrap clearfix"><a class='
                          '"photo_wrap" href="photos/1.jpg"><img class="photo" src="1.jpg"/></a>'
                          '</div><div class="text">The map</div>'),
    ]  # fmt: skip
    path = tmp_path / "messages.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Exported Data</title>'
        '</head><body><div class="page_wrap"><div class="page_header"><div class="content">'
        '<div class="text bold">Ana</div></div></div><div class="page_body chat_page">'
        '<div class="history"><div class="message service" id="message-1"><div '
        'class="body details">12 May 2023</div></div>' + "".join(messages) + "</div></div>"
        "</div></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "12 May 2023\n\n[12.05.2023 10:02:33] Ana: Are you there?\nHello?\n\n"
        "[12.05.2023 10:03:01] Bo: Yes, since today.\n\n"
        "[12.05.2023 10:03:09] Bo: [Voice message]\n\n[12.05.2023 10:04:00] Ana: Good.\n\n"
        "[12.05.2023 10:04:30] Ana: [forwarded from Luis 11.05.2023] The bus leaves at six.\n\n"
        "[12.05.2023 10:05:00] Bo: [photo] The map"
    )
    assert [(t.speaker, t.time) for t in doc.turns] == [
        ("Ana", "12.05.2023 10:02:33"),
        ("Bo", "12.05.2023 10:03:01"),
        ("Bo", "12.05.2023 10:03:09"),
        ("Ana", "12.05.2023 10:04:00"),
        ("Ana", "12.05.2023 10:04:30"),
        ("Bo", "12.05.2023 10:05:00"),
    ]


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


@pytest.mark.parametrize("suffix", [".vtt", ".srt"])
def test_a_passage_in_a_speaker_s_later_cue_is_cited_at_that_cue_s_time(
    tmp_path: Path, suffix: str
) -> None:
    # A meeting's transcript (Zoom's WebVTT, an SRT export) names the speaker on each cue
    # of a few seconds, and her cues are one turn; a passage said in its third cue was cited
    # at the turn's start, "[00:00:07] Lucia", 18 seconds before its words, in every export
    # and in the status line: the researcher going back to the recording did not find it.
    # Each passage now has the time of the cue its words begin in.
    cues = [
        ("00:00:01", "Interviewer: You were in Washington in June 2019?"),
        ("00:00:07", "Lucia: Yes. The pressure was enormous."),
        ("00:00:15", "Lucia: The tariffs were presented as certain."),
        ("00:00:25", "Lucia: We offered six thousand guards. That was the price."),
    ]
    sep = "." if suffix == ".vtt" else ","
    path = tmp_path / f"meeting{suffix}"
    path.write_text(
        ("WEBVTT\n\n" if suffix == ".vtt" else "")
        + "".join(
            f"{n}\n{time}{sep}000 --> {time[:-2]}{int(time[-2:]) + 6:02}{sep}000\n{said}\n\n"
            for n, (time, said) in enumerate(cues, 1)
        ),
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text.split("\n\n")[1] == (
        "[00:00:07] Lucia: Yes. The pressure was enormous. The tariffs were presented as"
        " certain. We offered six thousand guards. That was the price."
    )
    lucia = doc.turns[1]
    offered = doc.text.index("We offered")
    assert doc.citation(offered, offered + 20) == "[00:00:25] Lucia"
    assert doc.citation(doc.text.index("That was")) == "[00:00:25] Lucia"
    assert doc.citation(doc.text.index("The tariffs")) == "[00:00:15] Lucia"
    assert doc.citation(doc.text.index("pressure")) == "[00:00:07] Lucia"
    assert doc.citation(lucia.start) == lucia.citation == "[00:00:07] Lucia"
    place = place_in(doc, LineIndex(doc.text), offered, offered + 20)
    assert (place.speaker, place.time) == ("Lucia", "00:00:25")


def test_srt_labels_become_turns(tmp_path: Path) -> None:
    path = tmp_path / "interview.srt"
    path.write_text(TRANSCRIPT_SRT, "utf-8")
    doc = load_document(path)
    assert [(t.time, t.speaker) for t in doc.turns] == [
        ("00:00:05", "Interviewer"),
        ("00:00:12", "P03"),
        ("00:07:09", "Interviewer"),
    ]


def test_youtube_s_sbv_captions_are_read_as_subrip_s(tmp_path: Path) -> None:
    # YouTube Studio's captions (.sbv: "0:00:01.000,0:00:04.000" above each cue) were
    # refused, "unsupported file type '.sbv'", where its .srt of the same talk was read.
    path = tmp_path / "talk.sbv"
    path.write_text(
        "\ufeff0:00:01.000,0:00:04.000\n>> ANA: Welcome to the lecture on migration.\n\n"
        "0:00:05.000,0:00:09.000\nToday we look at the southern border.\n\n"
        "0:00:10.000,0:00:14.000\n>> LUIS: First, the numbers, 12,000 people.\n\n"
        "0:00:15.000,0:00:18.000\n>> ANA: Thank you, Luis.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert (doc.format, doc.title) == ("sbv", "talk")
    assert [(t.time, t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("00:00:01", "ANA", "Welcome to the lecture on migration. Today we look at the southern"
         " border."),
        ("00:00:10", "LUIS", "First, the numbers, 12,000 people."),
        ("00:00:15", "ANA", "Thank you, Luis."),
    ]  # fmt: skip


def test_a_speaker_s_sentence_going_on_in_the_next_unnamed_cue_is_theirs(tmp_path: Path) -> None:
    # Subtitles name a speaker once, at the change; a sentence cut over two cues went on in
    # a turn of nobody's: "[00:00:01] Minister: The army is not on the streets", then
    # "[00:00:04] to replace the police. It supports them." (the sentence cut in two, the
    # minister's words not found by his name).  A caption of a sound after a finished
    # sentence is still nobody's.
    assert spoken(
        tmp_path / "press.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nMinister: The army is not on the streets\n\n"
        "2\n00:00:04,500 --> 00:00:08,000\nto replace the police. It supports them.\n\n"
        "3\n00:00:09,000 --> 00:00:12,000\nReporter: What about the complaints?\n\n"
        "4\n00:00:12,500 --> 00:00:15,000\nMinister: Every complaint is investigated.\n\n"
        "5\n00:00:16,000 --> 00:00:18,000\n[Applause]\n",
    ) == [
        ("Minister", "The army is not on the streets to replace the police. It supports them."),
        ("Reporter", "What about the complaints?"),
        ("Minister", "Every complaint is investigated."),
        ("", "[Applause]"),
    ]


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_a_speaker_s_next_cues_without_a_label_are_theirs(tmp_path: Path, suffix: str) -> None:
    # Subtitles name a speaker where the speaker changes, not on each cue the same speaker
    # goes on in: "ANA: Good morning, everyone." then "We should start." was two turns, the
    # second nobody's.  A dash marks another speaker; a sound's caption is nobody's.
    cues = [
        "ANA: Good morning, everyone.",
        "We should start.",
        "It is late.",
        "BO: Yes.",
        "Let's go.",
        "ANA: Fine.",
        "- Wait!",
        "[Applause]",
        "BO: Thank you all.",
    ]
    head = "WEBVTT\n\n" if suffix == ".vtt" else ""
    sep = "." if suffix == ".vtt" else ","
    assert spoken(
        tmp_path / f"meeting{suffix}",
        head
        + "".join(
            f"{i + 1}\n00:00:{2 * i:02}{sep}000 --> 00:00:{2 * i + 1:02}{sep}500\n{cue}\n\n"
            for i, cue in enumerate(cues)
        ),
    ) == [
        ("ANA", "Good morning, everyone. We should start. It is late."),
        ("BO", "Yes. Let's go."),
        ("ANA", "Fine."),
        ("", "- Wait!"),
        ("", "[Applause]"),
        ("BO", "Thank you all."),
    ]


def test_vtt_without_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text("00:00:01.000 --> 00:00:02.000\nhi\n", "utf-8")
    with pytest.raises(DocumentError, match="WEBVTT"):
        load_document(path)


def test_a_webvtt_file_is_titled_by_the_text_of_its_header(tmp_path: Path) -> None:
    # "WEBVTT - Title of the talk" names the captions' video: the file was titled by its
    # name all the same.  "WEBVTT FILE" (old tools' header) and a bare "WEBVTT" name none.
    cue = "\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Hello there.</v>\n"
    for header, title in (
        ("\ufeffWEBVTT\tClimate panel: day 2 ", "Climate panel: day 2"),
        ("WEBVTT FILE", None),
        ("WEBVTT Kind: captions", None),
        ("WEBVTT", None),
        ("WEBVTT -", None),
        ("WEBVTT | x", "x"),
    ):
        parsed = convert_vtt(header + cue, tmp_path / "talk.vtt")
        assert (parsed.title, parsed.text) == (title, "[00:00:01] Ana: Hello there.")
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT - Title of the talk" + cue, "utf-8")
    assert load_document(path).title == "Title of the talk"


def test_srt_keeps_every_word_said(tmp_path: Path) -> None:
    # "<" in what was said is no tag; a cue with a blank line in its text, one timed
    # "0:0:7,0" or "->", and one whose timing cannot be read at all keep their words.
    path = tmp_path / "talk.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nI think 3 < 5 and 6 > 2.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nA <i>short</i> cue &amp; <inaudible> words.\n\n"
        "3\n00:00:05,000 -> 00:00:06,000\nAn arrow cue.\n\n"
        "4\n0:0:7,0 --> 0:0:8,0\nShort stamps.\n\nAfter a blank line.\n\n"
        "5\nsoon --> later\nUnreadable timing.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "[00:00:01] I think 3 < 5 and 6 > 2. A short cue & <inaudible> words. An arrow cue. "
        "Short stamps. After a blank line. soon --> later Unreadable timing."
    )


def test_vtt_markup_notes_and_styles_are_not_read_as_words(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE a note\n\n00:01.000 --> 00:02.000\n"
        "<v Ana>Hello <00:00:01.500><c.yellow>there</c></v>\n\nSTYLE\n::cue { color: red }\n",
        "utf-8",
    )
    assert load_document(path).text == "[00:00:01] Ana: Hello there"


def test_captions_without_punctuation_are_paragraphs_of_bounded_length(tmp_path: Path) -> None:
    # Automatic captions have no sentence ends: one paragraph of the whole file before, made
    # by joining all that was written at each cue (40,000 cues: 4 s; the time is the
    # benchmarks' to say, the bounded paragraphs are what made it linear).  A paragraph
    # holds about 45 of these cues: 4,000 make a file of 83 paragraphs, or of one.
    cues = "".join(
        f"{i}\n00:{i // 3600 % 60:02d}:{i // 60 % 60:02d},000 --> 00:00:00,500\n"
        f"words without any punctuation number {i}\n\n"
        for i in range(4_000)
    )
    path = tmp_path / "auto.srt"
    path.write_text(cues, "utf-8")
    doc = load_document(path)
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) > 50 and max(len(p) for p in paragraphs) < 2100
    assert doc.text.count("words without any punctuation number") == 4_000


@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="iso-8859-2">',
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">',
    ],
    ids=["charset", "http-equiv"],
)
def test_a_web_page_is_read_in_the_encoding_it_declares(tmp_path: Path, declaration: str) -> None:
    # Not UTF-8: the detector guessed ISO-8859-15 for this Polish page ("Gê¶ i jaŒñ, ¶l± ¿ó³æ.").
    words = "Gęś i jaźń, ślą żółć."
    path = tmp_path / "old.html"
    page = f"<html><head>{declaration}<title>T</title></head><body><article>"
    path.write_bytes(
        (page + f"<p>{words}</p>" * 3 + "</article></body></html>").encode("iso8859_2")
    )
    assert load_document(path).text.split("\n\n")[0] == words


def test_a_declared_encoding_the_bytes_are_not_in_is_not_believed(tmp_path: Path) -> None:
    path = tmp_path / "lies.html"
    words = "Señor Peña está aquí, en la página."
    page = '<html><head><meta charset="utf-16"><title>T</title></head><body><article>'
    path.write_bytes((page + f"<p>{words}</p>" * 3 + "</article></body></html>").encode("cp1252"))
    assert load_document(path).text.split("\n\n")[0] == words


def _srt(*cues: str) -> str:
    return "".join(
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{said}\n\n"
        for i, said in enumerate(cues, 1)
    )


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_subtitles_naming_no_speaker_have_no_speakers_attribute(
    tmp_path: Path, suffix: str
) -> None:
    # Each cue of a film's subtitles is a turn that names no one: the document's speakers
    # were "", which list --json, the details and the attributes said as a value.
    cues = _srt("The road was closed.", "We waited all night.", "[Rain]")
    path = tmp_path / f"film{suffix}"
    path.write_text(cues if suffix == ".srt" else "WEBVTT\n\n" + cues.replace(",", "."), "utf-8")
    doc = load_document(path)
    assert doc.turns and "speakers" not in doc.metadata
    named = tmp_path / f"named{suffix}"
    named.write_text(TRANSCRIPT_SRT if suffix == ".srt" else TRANSCRIPT_VTT, "utf-8")
    assert load_document(named).metadata["speakers"]  # those named, as before


def test_the_details_say_cues_naming_no_one_are_no_speaker_s_turns(tmp_path: Path) -> None:
    # A film's subtitles were "1 speaker turn of 1 speaker" (its cues, naming no one, one
    # run of no one's): no speaker is named, and the turn is no speaker's.
    path = tmp_path / "film.srt"
    path.write_text(_srt("The road was closed.", "We waited all night.", "[Rain]"), "utf-8")
    said = conversion_notes(load_document(path))
    assert "Transcript: 1 turn recognised, naming no speaker (t selects a turn)." in said
    named = tmp_path / "named.srt"  # a transcript naming its speakers: said as before
    named.write_text(TRANSCRIPT_SRT, "utf-8")
    said = conversion_notes(load_document(named))
    assert "Transcript: 3 speaker turns of 2 speakers recognised (t selects a turn)." in said
    mixed = tmp_path / "mixed.srt"  # some cues named, some not
    cues = ("Ana: We left at night.", "[Rain]", "Luis: We walked north.", "[Rain]")
    mixed.write_text(_srt(*cues, "Ana: Then the bus came.", "Luis: It was full."), "utf-8")
    said = conversion_notes(load_document(mixed))
    assert (
        "Transcript: 6 turns recognised: 4 speaker turns of 2 speakers, 2 naming no speaker"
        " (t selects a turn)." in said
    )


def test_a_cue_opening_with_a_word_and_a_colon_is_no_speaker(tmp_path: Path) -> None:
    # "Warning: the road is closed" was a turn of a speaker "Warning", its words cut short;
    # so were "Remember:" in a lecture and "The problem is:" anywhere.
    assert spoken(
        tmp_path / "talk.srt",
        _srt(
            "Ana López: We left at dawn.",
            "Warning: the road is closed.",
            "P03: We walked instead.",
            "Ana López: All of us?",
            "The problem is: nobody knew.",
            "JOHN: Yes.",
            "JOHN: All of us.",
        ),
    ) == [
        ("Ana López", "We left at dawn."),
        ("", "Warning: the road is closed."),
        ("P03", "We walked instead."),
        ("Ana López", "All of us?"),
        ("", "The problem is: nobody knew."),
        ("JOHN", "Yes. All of us."),
    ]
    lecture = tmp_path / "lecture.srt"
    lecture.write_text(
        _srt("Remember: the border moved.", "It moved twice.", "Remember: maps lie."), "utf-8"
    )
    doc = load_document(lecture)
    assert doc.text == "[00:00:01] Remember: the border moved. It moved twice. Remember: maps lie."
    assert [t.speaker for t in doc.turns] == [""]


def test_a_webvtt_cue_opening_with_note_is_what_its_voice_said(tmp_path: Path) -> None:
    assert spoken(
        tmp_path / "talk.vtt",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hello.\n\n"
        "00:03.000 --> 00:04.000\nNote: the tape skips here.\n\n"
        "00:05.000 --> 00:06.000\n<v Ana>Where was I?\n",
    ) == [
        ("Ana", "Hello."),
        ("", "Note: the tape skips here."),
        ("Ana", "Where was I?"),
    ]


def test_a_web_page_whose_text_refers_to_a_control_character_is_read(tmp_path: Path) -> None:
    # "&#27;" (an escape, written as a reference) in a paragraph: the article extractor gave
    # nothing for the whole page, refused as 'no article text found' (&#x9b; and &#150; are
    # Windows-1252 characters to a browser: › and –).
    path = tmp_path / "page.html"
    body = "<p>Words&#27;[31m of the article&#13;here &#x9b;and &#150; more of them, enough.</p>"
    path.write_text(
        f"<html><head><title>T</title></head><body><article>{body * 12}</article></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text.split("\n\n")[0] == "Words[31m of the article here ›and – more of them, enough."


def test_a_web_page_s_long_character_references_are_read_whole(tmp_path: Path) -> None:
    # A reference whose number starts as a control character's does ("&#x1F" of the
    # emoji "&#x1F600;", "&#x14" of "&#x142;", "&#157" of the Arabic letter "&#1575;") was
    # cut there: the start left out as a control character, the rest read as words ("600;").
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title></head><body><p>Smile &#x1F600; in &#x142;&#xF3;d&#378;,"
        " &#1575;&#1604;&#1593;&#1585;&#1576;&#1610;&#1577; and Vi&#x1EC7;t, not &#27;[1m.</p>"
        "</body></html>",
        "utf-8",
    )
    assert load_document(path).text == "Smile 😀 in łódź, العربية and Việt, not [1m."


def test_substation_override_tags_in_a_subrip_file_are_not_read_as_words(tmp_path: Path) -> None:
    # Subtitles converted from SubStation keep its tags: "{\an8}" (the line at the top) and
    # "{\i1}" were read as what was said.
    path = tmp_path / "film.srt"
    path.write_text(_srt("{\\an8}A sign reads: {\\i1}Closed{\\i0}.", "Set {a} apart."), "utf-8")
    assert load_document(path).text == "[00:00:01] A sign reads: Closed. Set {a} apart."


def test_a_webvtt_ruby_s_reading_follows_its_base_in_brackets(tmp_path: Path) -> None:
    # Japanese subtitles give a rare word's or a name's reading as a ruby over it: the
    # reading was run into its characters ("漢かん字じ"), and no search found the word.
    # It follows its base in brackets, as a web page's ruby is read; a reading whose end
    # tag the file leaves out, as WebVTT allows, too.
    path = tmp_path / "ja.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を"
        "<ruby>読<rt>よ</ruby>む。\n\n00:00:04.000 --> 00:00:05.000\n"
        "<ruby.name>東京<rt>とうきょう</rt></ruby>へ行く。\n",
        "utf-8",
    )
    assert (
        load_document(path).text == "[00:00:01] 漢字(かんじ)を読(よ)む。 東京(とうきょう)へ行く。"
    )


def test_subrip_cues_without_blank_lines_between_them_are_each_a_cue(tmp_path: Path) -> None:
    # A file made by hand, or by a tool that leaves the blank line out: every cue after the
    # first was read as words of the first, its number and timing with them ("Hello. 2
    # 00:00:03,000 --> 00:00:04,000 Hi Ana.").
    path = tmp_path / "talk.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nAna: Hello, Bo.\n"
        "2\n00:00:03,000 --> 00:00:04,000\nBo: Hi Ana.\nHow are you?\n"
        "3\n00:00:05,000 --> 00:00:06,000\nAna: Well.\n"
        "4\n00:00:07,000 --> 00:00:08,000\nBo: Good.\n42\n\n"
        "5\n00:00:09,000 --> 00:00:10,000\n00:00:11,000 --> 00:00:12,000\nAna: Bye.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "[00:00:01] Ana: Hello, Bo.\n\n[00:00:03] Bo: Hi Ana. How are you?\n\n"
        "[00:00:05] Ana: Well.\n\n[00:00:07] Bo: Good. 42\n\n[00:00:11] Ana: Bye."
    )
    assert [(t.speaker, t.time) for t in doc.turns] == [
        ("Ana", "00:00:01"), ("Bo", "00:00:03"), ("Ana", "00:00:05"), ("Bo", "00:00:07"),
        ("Ana", "00:00:11"),
    ]  # fmt: skip


def test_a_webvtt_voice_is_named_as_written_its_escapes_read(tmp_path: Path) -> None:
    # "<v Ana &amp; Bo>" was the speaker "Ana &amp; Bo".
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana &amp; Bo>Hello.\n\n"
        "00:03.000 --> 00:04.000 align:start\n<v.loud Dr.&nbsp;Ruiz &#27;[1m>Hi.\n",
        "utf-8",
    )
    assert [t.speaker for t in load_document(path).turns] == ["Ana & Bo", "Dr. Ruiz [1m"]


def test_a_short_web_page_keeps_its_headings_paragraphs_and_lists(tmp_path: Path) -> None:
    # The article extractor's fallback for a short page ran it into one passage: "Memo We
    # met the staff on Monday. • Bring forms Next visit: Friday."
    path = tmp_path / "memo.html"
    path.write_text(
        "<html><head><title>Memo</title></head><body><h1>Memo</h1>"
        "<p>We met the shelter staff on Monday.</p><ul><li>Bring the forms</li></ul>"
        "<p>Next visit: <q>Friday</q>.</p></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "Memo\n\nWe met the shelter staff on Monday.\n\n• Bring the forms\n\nNext visit: “Friday”."
    )
    assert [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING] == ["Memo"]


def test_a_short_news_page_keeps_its_headline_and_paragraphs_amid_its_menu(
    tmp_path: Path,
) -> None:
    # A short news page saved from a browser, its site's menu above the article and its
    # footer below, was read as one passage: "Navy takes over customs By Staff, 2024-03-05
    # The navy took control ... comment." (the extractor's fallback ran the article's
    # headline and paragraphs together, and the page written whole holds the menu's words
    # too, so it was not taken).  The article is read as the page shows it, menu and
    # footer still left out.
    path = tmp_path / "news.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Navy takes over customs |'
        ' Reuters</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a>'
        '</nav><article><h1>Navy takes over customs</h1><p class="byline">By Staff, 2024-03-05</p>'
        "<p>The navy took control of customs at three ports. A spokesman denied that the"
        " military would stay.</p><p>The ministry declined further comment.</p></article>"
        "<footer>\u00a9 Reuters 2024. Subscribe now.</footer></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "Navy takes over customs\n\nBy Staff, 2024-03-05\n\nThe navy took control of customs"
        " at three ports. A spokesman denied that the military would stay.\n\nThe ministry"
        " declined further comment."
    )
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings == ["Navy takes over customs"]


def test_a_short_web_page_with_a_numbered_list_keeps_its_paragraphs(tmp_path: Path) -> None:
    # A short page with a numbered list was run into one passage: "Plan We will pack first.
    # 1. Pack the bags 2. Drive north snacks" (the extractor's fallback keeps the items'
    # numbers as words, so the page written whole was taken for other words).
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><body><h1>Plan</h1><p>We will pack first.</p><ol><li>Pack the bags</li>"
        "<li>Drive north</li></ol><ul><li>snacks</li></ul><ol start=3 type=a><li>rest</li>"
        "</ol></body></html>",
        "utf-8",
    )
    assert load_document(path).text == (
        "Plan\n\nWe will pack first.\n\n1. Pack the bags\n2. Drive north\n\n• snacks\n\nc. rest"
    )


def test_a_short_web_page_with_a_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    # A short page with a table was run into one passage: "Staff Who we met. Ana 30 Bo 41
    # End." (the page written whole parts the table's cells with " │ ", which the
    # extractor's one passage has not, so it was taken for other words).
    path = tmp_path / "staff.html"
    path.write_text(
        "<html><body><h1>Staff</h1><p>Who we met.</p><table><tr><td>Ana</td><td>30</td></tr>"
        "<tr><td>Bo</td><td>41</td></tr></table><p>End.</p></body></html>",
        "utf-8",
    )
    assert load_document(path).text == "Staff\n\nWho we met.\n\nAna │ 30\nBo │ 41\n\nEnd."


def test_a_newsletter_laid_out_in_a_table_keeps_its_data_table_in_place(tmp_path: Path) -> None:
    # A newsletter set in a table, its passages and a table of data in one cell, its
    # footer in the next row: the data table was read after the footer, at the page's end.
    said = (
        "This week the shelters counted more arrivals than in any week since spring, and"
        " the volunteers who run them asked the city for help with food and beds."
    )
    after = (
        "The numbers above come from the shelters themselves, which count each person who"
        " sleeps there at least one night during the week."
    )
    footer = "You receive this newsletter because you subscribed. Our address: 12 Main Street."
    page = (
        f"<html><body><table width='600'><tr><td><h1>Border report</h1><p>{said}</p>"
        "<table><tr><th>City</th><th>Arrivals</th></tr><tr><td>Tijuana</td><td>1200</td></tr>"
        f"<tr><td>Juarez</td><td>950</td></tr></table><p>{after}</p></td></tr>"
        f"<tr><td><p>{footer}</p></td></tr></table></body></html>"
    )
    text = convert_html(page, tmp_path / "newsletter.html").text
    assert text.index(said) < text.index("Tijuana │ 1200") < text.index(after)
    assert text.index(after) < text.index(footer)


def test_a_page_laid_out_in_a_table_of_loose_text_keeps_its_data_table_in_place(
    tmp_path: Path,
) -> None:
    # An old site's page laid out in a table, a cell holding its words loose (no <p>, lines
    # parted by <br>) and a table of data among them: the layout was read as a table of
    # data, the menu's cell and the article's on one line, the data table after the words
    # that follow it, after the footer in the table's last row.  The data table stays
    # between them, the menu apart.
    said = (
        "This week the shelters counted more arrivals than in any week since spring, and"
        " the volunteers who run them asked the city for help with food and beds."
    )
    after = (
        "The numbers above come from the shelters themselves, which count each person who"
        " sleeps there at least one night during the week."
    )
    footer = "You receive this report because you subscribed. Our address: 12 Main Street."
    page = (
        "<html><body><table width='100%'><tr><td width='20%'><a href='/'>Home</a><br>"
        f"<a href='/about'>About</a></td><td>{said}<br><br>"
        "<table border=1><tr><th>City</th><th>Arrivals</th></tr><tr><td>Tijuana</td>"
        f"<td>1200</td></tr><tr><td>Juarez</td><td>950</td></tr></table>{after}</td></tr>"
        f"<tr><td>{footer}</td><td></td></tr></table></body></html>"
    )
    text = convert_html(page, tmp_path / "report.html").text
    assert text.index(said) < text.index("Tijuana │ 1200") < text.index(after)
    assert text.index(after) < text.index(footer)
    assert f"About │ {said}" not in text


def test_a_list_and_a_table_amid_a_page_s_paragraphs_in_its_body_are_kept(tmp_path: Path) -> None:
    # A page whose words stand in its body (as pandoc writes one), no article around them:
    # the extractor kept its paragraphs and left out the list and the table between them,
    # every word of theirs lost.  The site's menu around the text is still left out.
    said = (
        "we met the shelter staff on Monday and talked about the crossing, the long road"
        " north and what came after it for the families."
    )
    menu = '<div><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></div>'
    path = tmp_path / "visit.html"
    path.write_text(
        f"<html><head><title>Visit</title></head><body>{menu}<h1>Visit notes</h1>"
        f"<p>First, {said}</p><ul><li>The first point about the border.</li>"
        f"<li>The second point, on the shelters.</li></ul><p>Then {said}</p>"
        f"<table><tr><td>Name</td><td>Age</td></tr><tr><td>Ana</td><td>30</td></tr></table>"
        f"<p>Last, {said}</p>{menu}</body></html>",
        "utf-8",
    )
    assert load_document(path).text.split("\n\n") == [
        "Visit notes",
        f"First, {said}",
        "• The first point about the border.\n• The second point, on the shelters.",
        f"Then {said}",
        "Name │ Age\nAna │ 30",
        f"Last, {said}",
    ]


def test_a_list_after_a_pandoc_page_s_last_paragraph_is_kept(tmp_path: Path) -> None:
    # A page pandoc made, its words in its body, closing with a list right after its last
    # paragraph: the extractor kept the paragraphs and left the list out, every item lost.
    # A menu of links after the last paragraph is still left out.
    said = "we met the shelter staff on Monday and talked about the crossing and the road."
    menu = '<ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul>'
    path = tmp_path / "notes.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta name="generator" content="pandoc" />'
        '<title>Field notes</title></head><body><header id="title-block-header">'
        '<h1 class="title">Field notes</h1></header><h2 id="monday">Monday</h2>'
        f"<p>First, {said}</p><p>Then {said}</p><ul><li>Call the shelter</li>"
        "<li>Send the consent forms</li><li>Book the bus to Tapachula</li></ul></body></html>",
        "utf-8",
    )
    assert load_document(path).text.split("\n\n")[-2:] == [
        f"Then {said}",
        "• Call the shelter\n• Send the consent forms\n• Book the bus to Tapachula",
    ]
    path.write_text(
        f"<html><body><h1>Visit notes</h1><p>First, {said}</p><p>Then {said}</p>{menu}"
        "</body></html>",
        "utf-8",
    )
    assert load_document(path).text.split("\n\n")[-1] == f"Then {said}"


def test_a_list_right_above_a_short_table_closing_a_page_is_kept(tmp_path: Path) -> None:
    # A numbered list lost right above a short table the extractor kept last ("Name │
    # Role"): the article's last words ("...work." and the table's) stood together only in
    # the extraction, not in the page, where the article's end was looked for, and the
    # list was lost.
    said = "we met the shelter staff on Monday and talked about the crossing and the road."
    path = tmp_path / "steps.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta name="generator" content="pandoc" />'
        f"<title>Steps</title></head><body><h1>Steps</h1><p>First, {said}</p>"
        f"<p>Then {said}</p><ol><li>Call the shelter</li><li>Send the consent forms</li></ol>"
        "<table><tr><th>Name</th><th>Role</th></tr><tr><td>Ana</td><td>Staff</td></tr></table>"
        "</body></html>",
        "utf-8",
    )
    assert load_document(path).text.split("\n\n")[-3:] == [
        f"Then {said}",
        "1. Call the shelter\n2. Send the consent forms",
        "Name │ Role\nAna │ Staff",
    ]


def test_a_list_between_paragraphs_of_a_titled_pandoc_page_is_kept(tmp_path: Path) -> None:
    # A page pandoc made with a title (its header's <h1> above a section's <h2>): the
    # extractor left the section's heading out and the title was put back above the first
    # paragraph, so the article's first words stood together only in the extraction, not
    # in the page; the list between the paragraphs and the heading were lost.
    said = "we met the shelter staff on Monday and talked about the crossing and the road."
    path = tmp_path / "notes.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta name="generator" content="pandoc" />'
        '<title>Field notes</title></head><body><header id="title-block-header">'
        '<h1 class="title">Field notes</h1></header><h2 id="monday">Monday</h2>'
        f"<p>First, {said}</p><ul><li>Call the shelter</li><li>Send the consent forms</li>"
        f"</ul><p>Then {said}</p></body></html>",
        "utf-8",
    )
    assert load_document(path).text.split("\n\n") == [
        "Field notes",
        "Monday",
        f"First, {said}",
        "• Call the shelter\n• Send the consent forms",
        f"Then {said}",
    ]


def test_a_google_docs_page_keeps_its_paragraphs_with_a_note_and_a_rule(tmp_path: Path) -> None:
    # A document downloaded from Google Docs as a web page (a note's number raised after a
    # word, a rule above the notes) was read as one passage: "Field Notes Day 3 We arrived
    # ... Evening At night it rained. [1] [1] Heavy rain."
    path = tmp_path / "notes.html"
    path.write_text(
        '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
        '<style>.c1{font-weight:700}</style></head><body class="c5 doc-content">'
        '<p class="c2 title" id="h.x"><span class="c1">Field Notes Day 3</span></p>'
        '<p class="c2"><span class="c0">We arrived at noon. The shelter was full.</span></p>'
        '<p class="c2 c4"><span class="c0"></span></p><h2 class="c3" id="h.y"><span>Evening'
        '</span></h2><p class="c2"><span class="c0">At night it rained.</span><sup><a '
        'href="#ftnt1" id="ftnt_ref1">[1]</a></sup></p><hr class="c6"><div><p class="c2"><a '
        'href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c0">&nbsp;Heavy rain.</span></p>'
        "</div></body></html>",
        "utf-8",
    )
    paragraphs = load_document(path).text.split("\n\n")
    assert paragraphs[:4] == [
        "Field Notes Day 3",
        "We arrived at noon. The shelter was full.",
        "Evening",
        "At night it rained.[1]",
    ]
    assert paragraphs[-1] == "[1] Heavy rain."


def test_a_long_google_docs_page_keeps_its_headings_in_place(tmp_path: Path) -> None:
    # Its headings were dropped by the article extractor: its one <h1> was put back above
    # the document's own title and subtitle (the text's order changed), and its first <h2>
    # was lost, a chapter's heading gone.
    def passages(name: str) -> str:
        return "".join(
            f'<p class="c2"><span class="c0">{name} {i}: we talked with the families at the '
            "shelter about the road north and the rains.</span></p>"
            for i in range(30)
        )

    path = tmp_path / "notes.html"
    path.write_text(
        '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
        '</head><body class="c5 doc-content"><p class="c2 title" id="h.x"><span class="c1">'
        'Field Notes Day 3</span></p><p class="c2 subtitle"><span>Tapachula</span></p>'
        f'<h1 class="c3" id="h.a"><span>At dawn</span></h1>{passages("First")}'
        f'<h2 class="c3" id="h.y"><span>At dusk</span></h2>{passages("Second")}</body></html>',
        "utf-8",
    )
    doc = load_document(path)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:4] == ["Field Notes Day 3", "Tapachula", "At dawn", paragraphs[3]]
    assert paragraphs[3].startswith("First 0:")
    assert paragraphs[paragraphs.index("At dusk") + 1].startswith("Second 0:")
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings == ["At dawn", "At dusk"]


def test_a_google_docs_page_is_titled_by_its_title_paragraph(tmp_path: Path) -> None:
    # Google Docs marks the document's title paragraph with the class "title": the page
    # was titled by its first heading, a section's ("At dawn"), the title above it passed
    # over.  A paragraph of that class in another page (a site's name) is no such title.
    def page(body_class: str, title_id: str) -> str:
        return (
            '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
            f'</head><body class="{body_class}"><p class="c2 title"{title_id}><span>Field '
            'Notes Day 3</span></p><h1 class="c3"><span>At dawn</span></h1><p class="c2">'
            "<span>We talked with the families at the shelter about the road north.</span>"
            "</p></body></html>"
        )

    for name, body_class, title_id in (
        ("export.html", "c5 doc-content", ""),
        ("older.html", "c5", ' id="h.x"'),
        ("blog.html", "post", ""),
    ):
        (tmp_path / name).write_text(page(body_class, title_id), "utf-8")
    assert load_document(tmp_path / "export.html").title == "Field Notes Day 3"
    assert load_document(tmp_path / "older.html").title == "Field Notes Day 3"
    assert load_document(tmp_path / "blog.html").title == "At dawn"


AUTOMATIC_CAPTIONS = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.350 align:start position:0%
\x20
hello<00:00:00.480><c> everyone</c><00:00:00.960><c> and</c><00:00:01.280><c> welcome</c>

00:00:02.350 --> 00:00:02.360 align:start position:0%
hello everyone and welcome
\x20

00:00:02.360 --> 00:00:05.030 align:start position:0%
hello everyone and welcome
to<00:00:02.879><c> the</c><00:00:03.120><c> border</c><00:00:03.600><c> story.</c>

00:00:05.030 --> 00:00:05.040 align:start position:0%
to the border story.
\x20

00:00:05.040 --> 00:00:08.000 align:start position:0%
to the border story.
No.

00:00:08.000 --> 00:00:09.000
No.
"""


def test_rolling_automatic_captions_are_read_once(tmp_path: Path) -> None:
    # A video site's automatic captions roll: each cue shows the line before again above
    # the new one (and alone for 10 ms), and a line of spaces parts a cue's timing from its
    # words. Every phrase was read two or three times, and the first cue lost its time.
    path = tmp_path / "auto.vtt"
    path.write_text(AUTOMATIC_CAPTIONS, "utf-8")
    assert load_document(path).text == (
        "[00:00:00] hello everyone and welcome to the border story. No. No."
    )


def test_a_dash_opening_a_subtitle_line_starts_a_turn_of_its_own(tmp_path: Path) -> None:
    # A dash opening a line marks a speaker's line in a cue of two speakers: both speakers'
    # words ran together on one line ("- Hi, how are you? - Fine, thanks."), then were
    # lines of one turn of nobody's, with the next cue's words run into the second
    # speaker's line ("- Fine, thanks. The well-known ...").  Each dashed line is a turn of
    # its own, unnamed, at its cue's time; the words of a cue after it are another turn
    # unless they go on its sentence ("-Where to? The coast," "he said.").
    path = tmp_path / "film.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\n- Hi, how are you?\n- Fine, thanks.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n-Where to? The coast,\n\n"
        "3\n00:00:06,500 --> 00:00:06,900\nhe said.\n\n"
        "4\n00:00:07,000 --> 00:00:08,000\nThe well-known - and loved -\nsong.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "[00:00:01] - Hi, how are you?\n\n[00:00:01] - Fine, thanks.\n\n"
        "[00:00:04] -Where to? The coast, he said.\n\n"
        "[00:00:07] The well-known - and loved - song."
    )
    assert [(t.speaker, t.time, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("", "00:00:01", "- Hi, how are you?"),
        ("", "00:00:01", "- Fine, thanks."),
        ("", "00:00:04", "-Where to? The coast, he said."),
        ("", "00:00:07", "The well-known - and loved - song."),
    ]


def test_the_dashed_lines_of_a_dialogue_between_named_turns_are_turns_of_their_own(
    tmp_path: Path,
) -> None:
    # A dialogue cue among speakers' turns ("ANA: ...", then "- Was it late?" "- Very."):
    # each line its own unnamed turn, as a researcher codes a turn, not one turn of both.
    assert spoken(
        tmp_path / "scene.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nANA: Did you see him?\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nBO: No. I was out.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\n- Was it late?\n- Very.\n\n"
        "4\n00:00:10,000 --> 00:00:12,000\nANA: Then who?\n\n"
        "5\n00:00:13,000 --> 00:00:15,000\nBO: I do not know.\n",
    ) == [
        ("ANA", "Did you see him?"),
        ("BO", "No. I was out."),
        ("", "- Was it late?"),
        ("", "- Very."),
        ("ANA", "Then who?"),
        ("BO", "I do not know."),
    ]


def test_a_web_page_s_superscript_digits_are_raised(tmp_path: Path) -> None:
    # A superscript was run into the word before it: "E=mc2", "10-3" (ten minus three) for
    # ten to the power of minus three.
    path = tmp_path / "physics.html"
    path.write_text(
        "<html><head><title>Physics notes</title></head><body><article><h1>Physics notes</h1>"
        "<p>Einstein wrote E=mc<sup>2</sup> in 1905; the value is 10<sup>-3</sup> on the "
        "4<sup>th</sup> day of the trial, held long ago in a land far away from here.</p>"
        "<p>Another paragraph, with enough words to be read as the text of the article.</p>"
        "</article></body></html>",
        "utf-8",
    )
    assert "E=mc² in 1905; the value is 10⁻³ on the 4th day" in load_document(path).text


def test_a_web_page_s_soft_hyphens_are_left_out(tmp_path: Path) -> None:
    # Soft hyphens (where a long word may break at a line end: news sites and e-books put
    # them in every long word) were kept in the text, invisible, and a search for the word
    # found nothing: "Donau&shy;dampf&shy;schiff" is no "Donaudampfschiff".
    path = tmp_path / "zeitung.html"
    path.write_text(
        "<html><head><title>Zeitung</title></head><body><article><h1>Die Schifffahrt</h1>"
        "<p>Die Donau&shy;dampf&shy;schiff&shy;fahrt ist eine lange Geschichte, die wir "
        "hier erz&auml;hlen wollen, mit vielen W&ouml;rtern und S&auml;tzen.</p><p>Ein "
        "weiterer Absatz mit genug Worten f&uuml;r den Artikel hier.</p></article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Die Donaudampfschifffahrt ist eine lange Geschichte" in text
    assert "\u00ad" not in text


def test_a_webvtt_cue_of_two_voices_gives_each_voice_its_words(tmp_path: Path) -> None:
    # A cue of a dialogue ("<v Ana>How are you?" then "<v Bo>Fine, thanks.") was read as the
    # first voice's: Bo's words were Ana's.
    assert spoken(
        tmp_path / "talk.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>How are you?</v>\n"
        "<v Bo>Fine, thanks.</v>\n\n00:00:04.000 --> 00:00:06.000\n<v Ana>Good to hear.\n",
    ) == [
        ("Ana", "How are you?"),
        ("Bo", "Fine, thanks."),
        ("Ana", "Good to hear."),
    ]


def test_a_subrip_cue_of_two_labelled_speakers_gives_each_their_words(tmp_path: Path) -> None:
    # A cue holding two speakers' lines ("Ana: How are you?" then "Bo: Fine, thanks.") was
    # read as the first speaker's; here Bo's label was then seen once only, and no label was
    # taken for a speaker at all.
    assert spoken(
        tmp_path / "talk.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nAna: How are you?\nBo: Fine, thanks.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nAna: Good to hear.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\nBo: And you?\nThe road: closed.\n",
    ) == [
        ("Ana", "How are you?"),
        ("Bo", "Fine, thanks."),
        ("Ana", "Good to hear."),
        ("Bo", "And you? The road: closed."),
    ]


def test_a_name_labelling_one_cue_among_other_speakers_is_a_speaker(tmp_path: Path) -> None:
    # One who speaks once among other speakers (a late arrival, a reporter) was no speaker:
    # their words were run into the paragraph before ("[00:00:10] Bo: Yes. Carlos: Hi
    # all."), or an unnamed turn.  A label whose words open no sentence stays what was said.
    assert spoken(
        tmp_path / "meeting.srt",
        _srt(
            "The storm reached the coast.",
            "Reporter: People are leaving.",
            "Ana: Welcome.\nBo: Thanks.",
            "Ana: Good.\nBo: Yes.\nCarlos: Hi all.",
            "Remember: the road is closed.",
            "BREAKING: Storm reaches the coast",
            "Ana: Thank you.",
        ),
    ) == [
        ("", "The storm reached the coast."),
        ("Reporter", "People are leaving."),
        ("Ana", "Welcome."),
        ("Bo", "Thanks."),
        ("Ana", "Good."),
        ("Bo", "Yes."),
        ("Carlos", "Hi all."),
        ("", "Remember: the road is closed. BREAKING: Storm reaches the coast"),
        ("Ana", "Thank you."),
    ]


def test_a_speaker_s_one_cue_ending_in_a_sound_is_a_speaker_s(tmp_path: Path) -> None:
    # A clip's subtitles, Ana naming herself twice and Luis once, his cue ending in a sound
    # described ("Hi. [door slams]"): his words were taken for no sentence, so he for no
    # speaker, and Ana alone was none either (a name on two cues may be a lecture's
    # "Remember:"): the file read as one paragraph, "ANA: Hello there LUIS: Hi. [door
    # slams] ...". A caption of music after his cue was read as his words.
    assert spoken(
        tmp_path / "clip.srt",
        _srt(
            "ANA: Hello there.",
            "LUIS: Hi.\n[door slams]",
            "♪ music ♪",
            "ANA: So, tell me about the",
            "journey north.",
        ),
    ) == [
        ("ANA", "Hello there."),
        ("LUIS", "Hi. [door slams]"),
        ("", "♪ music ♪"),
        ("ANA", "So, tell me about the journey north."),
    ]


def test_a_zoom_transcript_s_speakers_named_by_device_or_five_words_are_speakers(
    tmp_path: Path,
) -> None:
    # Zoom writes a meeting's transcript as WebVTT, each cue opened by the speaker's name
    # as the meeting shows it: one who joined by telephone is "Luis's iPhone", one who
    # gave her whole name "Maria Jose Garcia Lopez Fernandez" (five words, 33 characters).
    # Neither was read as a name (a word in a small letter; four words and 31 characters at
    # most), their words left in the turn before, labels and all.
    cues = [
        ("Ana Lopez (she/her)", "We crossed the river in March."),
        ("Luis's iPhone", "No, it was April."),
        ("Maria Jose Garcia Lopez Fernandez", "Was it really?"),
        ("Ana Lopez (she/her)", "Yes."),
        ("Luis's iPhone", "I remember the rain."),
        ("Maria Jose Garcia Lopez Fernandez", "Fine then."),
    ]
    content = "WEBVTT\n\n" + "".join(
        f"{i}\n00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{name}: {said}\n\n"
        for i, (name, said) in enumerate(cues, 1)
    )
    # (her pronouns no part of her name: see the test of a speaker's pronouns)
    named = [(name.removesuffix(" (she/her)"), said) for name, said in cues]
    assert spoken(tmp_path / "zoom.vtt", content) == named


def test_an_editor_s_label_on_one_cue_among_speakers_is_no_speaker(tmp_path: Path) -> None:
    # "Update: The road is closed." on one cue of a file of speakers opens a sentence, and
    # was taken for one who speaks once (a speaker "Update"); an editor's word is none:
    # the cue is no one's, as "Remember: ..." is.
    assert spoken(
        tmp_path / "news.srt",
        _srt(
            "Ana: Welcome.", "Bo: Thanks.", "Update: The road is closed.", "Ana: Go on.", "Bo: Yes."
        ),
    ) == [
        ("Ana", "Welcome."),
        ("Bo", "Thanks."),
        ("", "Update: The road is closed."),
        ("Ana", "Go on."),
        ("Bo", "Yes."),
    ]


def test_a_caption_s_note_after_a_speaker_s_name_keeps_the_speaker(tmp_path: Path) -> None:
    # Captions for the deaf note how a speaker is heard after the name ("ANA (V.O.):",
    # "BO (on phone):"): such a label was no speaker's, and the other speakers, too few
    # then, were lost with it: the file was one paragraph of no one's. The note opens
    # what was said.
    assert spoken(
        tmp_path / "film.srt",
        _srt(
            "ANA (V.O.): Hello there.",
            "BO: Hi.",
            "ANA (V.O.): How are you?",
            "BO (on phone): Fine.",
            "[MUSIC] A song plays.",
        ),
    ) == [
        ("ANA", "(V.O.) Hello there."),
        ("BO", "Hi."),
        ("ANA", "(V.O.) How are you?"),
        ("BO", "(on phone) Fine."),
        ("", "[MUSIC] A song plays."),
    ]


def test_a_sound_noted_in_square_brackets_after_a_caption_s_name_keeps_the_speaker(
    tmp_path: Path,
) -> None:
    # "Ana [inaudible 00:00:16]: And in the morning?" in a Zoom transcript's cue, or "Ana
    # [laughs]: ...": the label was read as no speaker's, the cue as more words of the
    # speaker before.  The note opens what was said, as a note in parentheses does.
    assert spoken(
        tmp_path / "meeting.srt",
        _srt(
            "Ana: Where did you sleep?",
            "Luis: Under the bridge.",
            "Ana [inaudible 00:00:16]: And in the morning?",
            "Luis [laughs]: We left.",
        ),
    ) == [
        ("Ana", "Where did you sleep?"),
        ("Luis", "Under the bridge."),
        ("Ana", "And in the morning?"),
        ("Luis", "We left."),
    ]


def _labels(path: Path, content: str) -> list[tuple[str, str, str]]:
    """Each turn of the subtitles ``content`` (written to ``path``): ``(speaker, its label as
    written, its words)``."""
    path.write_text(content, "utf-8")
    doc = load_document(path)
    return [(t.speaker, doc.text[t.start : t.body], doc.text[t.body : t.end]) for t in doc.turns]


def test_a_sound_noted_with_a_caption_s_speaker_stays_in_the_label(tmp_path: Path) -> None:
    # A sound a transcriber noted beside the speaker's name, in a label ("Luis [laughs]:
    # By bus.") or in a WebVTT voice ("<v Luis [laughs]>By bus.", as Teams and Zoom name a
    # voice), is no speaker's name nor words of hers: the voice's note made a speaker "Luis
    # [laughs]" of his own, and the label's note opened what Luis said, quoted and coded
    # with his words.  It stays in the turn's label, the speaker Luis.
    labelled = _srt(
        "Ana: How did you come?",
        "Luis [laughs]: By bus.",
        "Ana: And then?",
        "Luis (laughing): We walked.",
    )
    voiced = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>How did you come?</v>\n\n"
        "00:00:04.000 --> 00:00:06.000\n<v Luis [laughs]>By bus.</v>\n\n"
        "00:00:07.000 --> 00:00:08.000\n<v Ana>And then?</v>\n\n"
        "00:00:09.000 --> 00:00:11.000\n<v Luis (laughing)>We walked.</v>\n"
    )
    for path, content in ((tmp_path / "a.srt", labelled), (tmp_path / "a.vtt", voiced)):
        turns = _labels(path, content)
        assert [(who, said) for who, _, said in turns] == [
            ("Ana", "How did you come?"),
            ("Luis", "By bus."),
            ("Ana", "And then?"),
            ("Luis", "We walked."),
        ], path.name
        assert [label.split("] ", 1)[1] for _, label, _ in turns] == [
            "Ana: ",
            "Luis [laughs]: ",
            "Ana: ",
            "Luis (laughing): ",
        ], path.name


def test_a_webvtt_label_naming_one_of_its_voices_is_that_voice_s(tmp_path: Path) -> None:
    # A file naming its speakers by voices and, in a cue or two, by a label ("<v Ana>..."
    # then "Bo: Fine."): a label seen once was no speaker's, and Bo's words an unnamed turn.
    assert spoken(
        tmp_path / "talk.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>How are you?\n\n"
        "00:00:03.000 --> 00:00:05.000\n<v Bo>Tired.\n\n"
        "00:00:05.000 --> 00:00:07.000\nAna: Why?\n\n"
        "00:00:07.000 --> 00:00:09.000\nBo: The night shift.\n",
    ) == [("Ana", "How are you?"), ("Bo", "Tired."), ("Ana", "Why?"), ("Bo", "The night shift.")]


def test_a_web_page_s_invisible_word_breaks_and_joiners_are_left_out(tmp_path: Path) -> None:
    # A zero-width space (where a long word or address may break: CMSs and e-books put
    # them in), a word joiner and a byte-order mark inside a page (a part of it included
    # from a file saved with one) were kept in the text, invisible, and a search for the
    # word, or a quote across them, found nothing.
    path = tmp_path / "zeitung.html"
    path.write_text(
        "<html><head><title>Zeitung</title></head><body><article><h1>Die Schifffahrt</h1>"
        "<p>Die Donau&#8203;dampf&#x200B;schiff\u2060fahrt ist eine lange Geschichte, die wir "
        "hier erz&auml;hlen wollen.</p><p>\ufeffEin weiterer Absatz mit genug Worten.</p>"
        "</article></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "Die Donaudampfschifffahrt ist eine lange Geschichte" in text
    assert "\n\nEin weiterer Absatz mit genug Worten." in text


_COUNCIL = "The council met on Tuesday to discuss the new housing plan for the river district. "


def test_a_web_page_s_accordion_keeps_its_questions_and_closed_answers(tmp_path: Path) -> None:
    # An accordion's questions are buttons in its headings (the pattern of accessible
    # accordions): the extractor drops every button, and the questions were lost; the
    # answers it held closed (hidden until a question is pressed) were lost too.
    path = tmp_path / "faq.html"
    path.write_text(
        f"<html><head><title>FAQ</title></head><body><main><h1>Questions</h1>"
        f"<p>{_COUNCIL * 3}</p><div class='accordion'>"
        "<h3><button type='button' aria-expanded='true' aria-controls='a1'>What is the "
        "deadline for applications?</button></h3><div id='a1' role='region'><p>The deadline "
        "is the first of March, and late applications are not read by the committee.</p></div>"
        "<h3><button type='button' aria-expanded='false' aria-controls='a2'>Who can "
        "apply?</button></h3><div id='a2' role='region' hidden><p>Anyone living in the "
        "river district for more than two years can apply for the new housing.</p></div>"
        f"</div><p>{_COUNCIL * 3}</p></main></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert (
        "\n\nWhat is the deadline for applications?\n\nThe deadline is the first of March, "
        "and late applications are not read by the committee.\n\nWho can apply?\n\nAnyone "
        "living in the river district for more than two years can apply for the new housing."
    ) in text


def test_a_short_web_page_s_form_controls_are_not_read(tmp_path: Path) -> None:
    # A short page was read as one passage holding its form's labels, choices, text typed
    # in advance and buttons: "Memo We met the staff. Your name Choose one Two Type here
    # Submit Next visit: Friday."
    path = tmp_path / "memo.html"
    path.write_text(
        "<html><head><title>Memo</title></head><body><h1>Memo</h1><p>We met the staff.</p>"
        "<form><label>Your name</label><input name=n><select><option>Choose one</option>"
        "<option>Two</option></select><textarea>Type here</textarea><button>Submit</button>"
        "</form><p>Next visit: Friday.</p></body></html>",
        "utf-8",
    )
    assert load_document(path).text == "Memo\n\nWe met the staff.\n\nNext visit: Friday."


def test_a_web_page_transcript_has_speaker_turns(tmp_path: Path) -> None:
    # A transcript saved as a web page (Word's "Web Page", a site's interview) had no turns.
    said = [
        "<b>Interviewer:</b> Where did you sleep that night?",
        "<b>Ana:</b> Under the bridge, near the market. We did not have money for a room.",
        "<b>Interviewer:</b> And in the morning?",
        "<b>Ana:</b> We walked to the shelter; it took us four hours in the heat.",
    ]
    path = tmp_path / "interview.htm"
    path.write_text(
        "<html><head><title>Interview 7</title></head><body><h1>Interview 7</h1>"
        + "".join(f"<p>{line}</p>" for line in said)
        + "</body></html>",
        "utf-8",
    )
    document = load_document(path)
    assert [turn.speaker for turn in document.turns] == ["Interviewer", "Ana"] * 2


def test_a_web_page_s_notes_are_read_and_referred_to_by_their_labels(tmp_path: Path) -> None:
    # A blog's footnotes (each with a link back, "↩") were dropped whole by the article
    # extractor, and a reference to one was a word apart ("the district. 1").
    path = tmp_path / "blog.html"
    notes = "".join(
        f'<li id="fn:{n}"><p>{text}&nbsp;<a href="#fnref:{n}" class="reversefootnote" '
        'role="doc-backlink">&#8617;&#xfe0e;</a></p></li>'
        for n, text in (
            (1, "The minutes were published a week later."),
            (2, "The board has five members."),
        )
    )
    path.write_text(
        "<html><head><title>Housing plan | Blog</title></head><body><article>"
        f"<h1>Housing plan</h1><p>{_COUNCIL * 3}The plan passed."
        '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
        f"</p><p>{_COUNCIL * 3}The board agreed."
        '<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>'
        f'</p><p>{_COUNCIL * 3}</p><div class="footnotes" role="doc-endnotes"><hr><ol>{notes}'
        "</ol></div></article><footer>© Blog</footer></body></html>",
        "utf-8",
    )
    text = load_document(path).text
    assert "The plan passed.[1]" in text and "The board agreed.[2]" in text
    assert text.endswith(
        "1. The minutes were published a week later.\n2. The board has five members."
    )


@pytest.mark.parametrize("beside", [False, True])
def test_a_saved_wiki_page_s_headings_are_without_their_edit_links(
    tmp_path: Path, beside: bool
) -> None:
    # Every heading of a page of Wikipedia saved ended in its link to edit the section:
    # "History[edit]".  Since 2024 MediaWiki sets the link beside the heading, both in a
    # block of class "mw-heading": it was read as two paragraphs, "[" and "edit]".
    path = tmp_path / "wiki.html"
    edit = (
        '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
        '<a href="/w/index.php?title=Tapachula&amp;action=edit&amp;section=1">edit</a>'
        '<span class="mw-editsection-bracket">]</span></span>'
    )
    path.write_text(
        "<html><head><title>Tapachula - Wikipedia</title></head><body><main>"
        f'<h1 id="firstHeading">Tapachula</h1><p>{_COUNCIL * 3}</p>'
        + (
            f'<div class="mw-heading mw-heading2"><h2 id="History">History</h2>{edit}</div>'
            if beside
            else f'<h2><span class="mw-headline" id="History">History</span>{edit}</h2>'
        )
        + f"<p>{_COUNCIL * 3}</p></main></body></html>",
        "utf-8",
    )
    document = load_document(path)
    headings = [
        document.text[s.start : s.end] for s in document.spans if s.kind is SpanKind.HEADING
    ]
    assert headings == ["Tapachula", "History"]
    assert "edit" not in document.text and "[" not in document.text


MHTML = b"""From: <Saved by Blink>
Snapshot-Content-Location: https://news.example.org/2024/05/06/shelters
Subject: Shelters at the border fill up
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="----MultipartBoundary--abc----"

------MultipartBoundary--abc----
Content-Type: text/html
Content-Transfer-Encoding: quoted-printable
Content-Location: https://news.example.org/2024/05/06/shelters

<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text/=
html; charset=3DUTF-8"><title>Shelters at the border fill up | Example News</=
title></head><body><main><article><h1>Shelters at the border fill up</h1><p>T=
he shelters along the southern border are full for the third week in a row, t=
heir directors said on Monday. Caf=C3=A9 owners nearby help with food.</p></a=
rticle></main></body></html>
------MultipartBoundary--abc----
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Location: https://news.example.org/logo.png

iVBORw0KGgo=
------MultipartBoundary--abc------
"""


@pytest.mark.parametrize("name", ["page.mhtml", "page.mht"])
def test_a_web_page_saved_as_one_file_is_read(tmp_path: Path, name: str) -> None:
    # A browser's "Webpage, Single File" (MHTML) was an unsupported file type.
    path = tmp_path / name
    path.write_bytes(MHTML.replace(b"\n", b"\r\n"))
    document = load_document(path)
    assert document.format == "mhtml"
    assert document.title == "Shelters at the border fill up"
    assert document.text == (
        "Shelters at the border fill up\n\nThe shelters along the southern border are full "
        "for the third week in a row, their directors said on Monday. Café owners nearby "
        "help with food."
    )
    assert document.metadata["url"] == "https://news.example.org/2024/05/06/shelters"


def test_a_web_archive_without_a_page_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "images.mhtml"
    path.write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    )
    with pytest.raises(DocumentError, match="no web page in this web archive"):
        load_document(path)


@pytest.mark.parametrize("binary", [True, False])
def test_a_web_page_saved_by_safari_as_a_web_archive_is_read(tmp_path: Path, binary: bool) -> None:
    # Safari saves a page as a Web Archive (.webarchive: a property list holding the page's
    # bytes): it was an unsupported file type.
    import plistlib

    page = (
        "<html><head><title>Shelters at the border fill up | Example News</title></head><body>"
        "<main><article><h1>Shelters at the border fill up</h1><p>The shelters along the "
        "southern border are full for the third week in a row, their directors said on "
        "Monday. Café owners nearby help with food.</p></article></main></body></html>"
    )
    archive = {
        "WebMainResource": {
            "WebResourceData": page.encode("cp1252"),
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "windows-1252",
            "WebResourceURL": "https://news.example.org/2024/05/06/shelters",
            "WebResourceFrameName": "",
        },
        "WebSubresources": [
            {"WebResourceData": b"\x89PNG", "WebResourceMIMEType": "image/png",
             "WebResourceURL": "https://news.example.org/logo.png"},
        ],
    }  # fmt: skip
    path = tmp_path / "page.webarchive"
    path.write_bytes(
        plistlib.dumps(archive, fmt=plistlib.FMT_BINARY if binary else plistlib.FMT_XML)
    )
    document = load_document(path)
    assert document.title == "Shelters at the border fill up"
    assert document.text == (
        "Shelters at the border fill up\n\nThe shelters along the southern border are full "
        "for the third week in a row, their directors said on Monday. Café owners nearby "
        "help with food."
    )
    assert document.metadata["url"] == "https://news.example.org/2024/05/06/shelters"


def test_a_damaged_safari_web_archive_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "page.webarchive"
    path.write_bytes(b"bplist00\xd1\x01\x02\x03" + b"\xff" * 40)
    with pytest.raises(DocumentError, match=r"page\.webarchive.*damaged"):
        load_document(path)


def test_a_web_page_s_preformatted_text_keeps_its_lines(tmp_path: Path) -> None:
    # A <pre> without <code> (a transcript, a poem or a table set by spaces) was made a
    # block quote by the article extractor, its lines run together: "Where? Ana: Under".
    path = tmp_path / "transcript.html"
    path.write_text(
        f"<html><head><title>Transcript</title></head><body><article><h1>Transcript</h1>"
        f"<p>{_COUNCIL * 3}</p><pre>Interviewer: Where did you sleep?\n"
        "Ana:         Under the bridge.\nInterviewer: And then?</pre>"
        f"<p>{_COUNCIL * 3}</p></article></body></html>",
        "utf-8",
    )
    document = load_document(path)
    listing = (
        "Interviewer: Where did you sleep?\nAna:         Under the bridge.\nInterviewer: And then?"
    )
    assert f"\n\n{listing}\n\n" in document.text
    assert any(
        document.text[s.start : s.end] == listing
        for s in document.spans
        if s.kind is SpanKind.CODE_BLOCK
    )


@pytest.mark.parametrize(
    ("holder", "read"),
    [
        (
            "<address>Shelter Casa Ana<br>Calle 5 No. 12<br>Tapachula, Chiapas</address>",
            "Shelter Casa Ana\n\nCalle 5 No. 12\n\nTapachula, Chiapas",
        ),
        ("<center>Shelter Casa Ana, Calle 5</center>", "Shelter Casa Ana, Calle 5"),
        (
            "<section>Shelter Casa Ana<p>Calle 5 No. 12</p></section>",
            "Shelter Casa Ana\n\nCalle 5 No. 12",
        ),
        # A span's words with emphasis among them: the emphasis was read as a passage of
        # its own, or joined to the words before it ("(2020).Anuario").
        *(
            (
                f"<{block}><span>Marina (2020). <i>Anuario</i>, p. 3.</span>"
                f"<p>Calle 5 No. 12</p></{block}>",
                "Marina (2020). Anuario, p. 3.\n\nCalle 5 No. 12",
            )
            for block in ("div", "section", "blockquote")
        ),
    ],
    ids=["address", "center", "section", "div+span", "section+span", "blockquote+span"],
)
def test_a_web_page_s_words_opening_a_block_are_read(
    tmp_path: Path, holder: str, read: str
) -> None:
    # The article extractor lost the words opening an address, a centred line of an old
    # page or a section, before its first line break or paragraph: a shelter's name.
    path = tmp_path / "letters.html"
    path.write_text(
        "<html><head><title>Letters</title></head><body><article><h1>Letters</h1>"
        f"<p>{_COUNCIL * 3}</p><p>Roses are red,<br>Violets are blue.</p>{holder}"
        f"<p>{_COUNCIL * 3}</p></article></body></html>",
        "utf-8",
    )
    assert f"Violets are blue.\n\n{read}\n\nThe council" in load_document(path).text


def test_a_web_page_s_list_item_opening_with_a_run_of_words_keeps_its_spaces(
    tmp_path: Path,
) -> None:
    # A list's item whose words stand in a span, emphasis among them (a wiki's references:
    # "<li><span>Marina (2020). <i>Anuario</i>.</span></li>"): the space before the
    # emphasis was lost, "(2020).Anuario".
    path = tmp_path / "references.html"
    path.write_text(
        "<html><head><title>Port</title></head><body><article><h1>Port</h1>"
        f"<p>{_COUNCIL * 3}</p><h2>References</h2><ol>"
        "<li><span>Secretaría de Marina (2020). <i>Anuario estadístico</i>.</span></li>"
        "<li><span>API Veracruz (2021). <b>Annual report</b>, p. 12.</span></li>"
        "</ol></article></body></html>",
        "utf-8",
    )
    assert load_document(path).text.endswith(
        "References\n\n1. Secretaría de Marina (2020). Anuario estadístico.\n"
        "2. API Veracruz (2021). Annual report, p. 12."
    )


def test_a_web_page_of_nothing_but_a_comment_is_named_so(tmp_path: Path) -> None:
    # It was said to be damaged, in the parser's words: "damaged html file (ParserError)".
    path = tmp_path / "placeholder.html"
    path.write_text("<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n", "utf-8")
    with pytest.raises(DocumentError, match="no text in this web page"):
        load_document(path)


def test_broadcast_captions_marking_each_new_speaker_with_chevrons_part_their_turns(
    tmp_path: Path,
) -> None:
    # Television's captions mark a new speaker with '>>' (and the speaker's name, when
    # known): every speaker's words were read as one passage, the marks among them.
    assert spoken(
        tmp_path / "news.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n>> ANA: How are you today?\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n>> BO: Fine, thanks.\n>> ANA: Good to hear.\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nAnd the weather?\n\n"
        "4\n00:00:07,000 --> 00:00:09,000\n>> BO: Rainy.\n",
    ) == [
        ("ANA", "How are you today?"),
        ("BO", "Fine, thanks."),
        ("ANA", "Good to hear. And the weather?"),
        ("BO", "Rainy."),
    ]
    path = tmp_path / "live.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n&gt;&gt; The storm reached the coast.\n\n"
        "00:00:03.000 --> 00:00:05.000\n&gt;&gt; We were told to leave at once.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "[00:00:01] The storm reached the coast.\n\n[00:00:03] We were told to leave at once."
    )


def test_a_name_after_the_new_speaker_mark_is_a_speaker_s_even_once(tmp_path: Path) -> None:
    # A news clip's captions, its anchor and its reporter each named once after '>>': the
    # turns were no one's, the names left in the words, and autocode by speaker found none.
    assert spoken(
        tmp_path / "clip.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n&gt;&gt; ANCHOR: Good evening. The river "
        "rose overnight.\n\n00:00:04.000 --> 00:00:06.000\n&gt;&gt; REPORTER: The lower town "
        "is cut off\n\n00:00:07.000 --> 00:00:09.000\nand boats are arriving now.\n",
    ) == [
        ("ANCHOR", "Good evening. The river rose overnight."),
        ("REPORTER", "The lower town is cut off and boats are arriving now."),
    ]


def test_a_speaker_in_square_brackets_and_a_colon_opens_a_caption(tmp_path: Path) -> None:
    # WhisperX writes the speakers it told apart "[SPEAKER_00]: ..." in its subtitles: the
    # file was one unnamed paragraph, the labels in its words.
    assert spoken(
        tmp_path / "recording.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n[SPEAKER_00]: Where did you sleep?\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n[SPEAKER_01]: Under the bridge.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\n[SPEAKER_00]: For how long?\n",
    ) == [
        ("SPEAKER_00", "Where did you sleep?"),
        ("SPEAKER_01", "Under the bridge."),
        ("SPEAKER_00", "For how long?"),
    ]


def test_speakers_each_named_once_in_captions_are_speakers(tmp_path: Path) -> None:
    # A news clip's anchor, reporter and mayor each speak once, named in capitals without
    # ">>" before them: the clip was one unnamed paragraph, their names in its words.
    assert spoken(
        tmp_path / "clip.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nANCHOR: Good evening. Floods hit the valley.\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\nREPORTER: The river rose at night.\n\n"
        "3\n00:00:10,000 --> 00:00:14,000\nAna López: We are evacuating the school.\n",
    ) == [
        ("ANCHOR", "Good evening. Floods hit the valley."),
        ("REPORTER", "The river rose at night."),
        ("Ana López", "We are evacuating the school."),
    ]
    # A lecture's "Remember: ..." and "Question: ..." are no speakers.
    assert spoken(
        tmp_path / "lecture.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nRemember: The border moved.\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\nWe look at the numbers.\n\n"
        "3\n00:00:10,000 --> 00:00:14,000\nQuestion: What comes next?\n",
    ) == [("", "Remember: The border moved. We look at the numbers. Question: What comes next?")]


def test_a_speaker_s_pronouns_in_a_meeting_s_captions_are_no_part_of_the_name(
    tmp_path: Path,
) -> None:
    # Zoom's captions naming "Ana Ruiz (she/her)" made her a speaker apart from "Ana Ruiz"
    # (her name before she set her pronouns, or in the voices of other captions), each
    # counted, listed and coded apart. Her pronouns stay in the text of each cue.
    path = tmp_path / "meeting.vtt"
    assert spoken(
        path,
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAna Ruiz (she/her): Good morning.\n\n"
        "2\n00:00:04.000 --> 00:00:06.000\nLuis Gómez (he/him): Hello, thanks.\n\n"
        "3\n00:00:07.000 --> 00:00:09.000\nAna Ruiz: Shall we begin?\n\n"
        "4\n00:00:10.000 --> 00:00:12.000\nLuis Gómez: Yes.\n",
    ) == [
        ("Ana Ruiz", "Good morning."),
        ("Luis Gómez", "Hello, thanks."),
        ("Ana Ruiz", "Shall we begin?"),
        ("Luis Gómez", "Yes."),
    ]
    doc = load_document(path)
    assert doc.metadata["speakers"] == "Ana Ruiz, Luis Gómez"
    assert "Ana Ruiz (she/her)" in doc.text
    assert spoken(
        tmp_path / "voices.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana Ruiz (she/her)>Good morning.</v>\n\n"
        "00:00:04.000 --> 00:00:06.000\n<v Luis Gómez>Hello, thanks.</v>\n\n"
        "00:00:07.000 --> 00:00:09.000\n<v Ana Ruiz>Shall we begin?</v>\n",
    ) == [
        ("Ana Ruiz", "Good morning."),
        ("Luis Gómez", "Hello, thanks."),
        ("Ana Ruiz", "Shall we begin?"),
    ]


def test_a_meeting_s_mark_of_a_guest_in_its_captions_is_no_part_of_the_name(
    tmp_path: Path,
) -> None:
    # Teams' captions name a guest "<v Ana Ruiz (Guest)>", or "Ana Ruiz (Guest): ..." as
    # text: she was a speaker apart from "Ana Ruiz", or her words opened "(Guest)".
    assert spoken(
        tmp_path / "meeting.vtt",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Ana Ruiz (Guest)>Good morning.</v>\n\n"
        "2\n00:00:04.000 --> 00:00:06.000\n<v Luis Gómez>Hello, thanks.</v>\n\n"
        "3\n00:00:07.000 --> 00:00:09.000\n<v Ana Ruiz>Shall we begin?</v>\n",
    ) == [
        ("Ana Ruiz", "Good morning."),
        ("Luis Gómez", "Hello, thanks."),
        ("Ana Ruiz", "Shall we begin?"),
    ]
    assert spoken(
        tmp_path / "meeting.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nAna Ruiz (Guest): Good morning.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nLuis Gómez: Hello, thanks.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\nAna Ruiz (Guest): Shall we begin?\n",
    ) == [
        ("Ana Ruiz", "Good morning."),
        ("Luis Gómez", "Hello, thanks."),
        ("Ana Ruiz", "Shall we begin?"),
    ]


def test_a_participant_s_particulars_in_captions_are_the_name_s(tmp_path: Path) -> None:
    # "P1 (female, 34): ..." in a focus group's captions: the particulars were taken for a
    # note of how she is heard, and no one was a speaker.  "(V.O.)" is still such a note.
    assert spoken(
        tmp_path / "group.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nP1 (female, 34): Where did you sleep?\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nAna (V.O.): Under the bridge.\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\nP1 (female, 34): For how long?\n\n"
        "4\n00:00:10,000 --> 00:00:12,000\nAna (V.O.): Two weeks.\n",
    ) == [
        ("P1 (female, 34)", "Where did you sleep?"),
        ("Ana", "(V.O.) Under the bridge."),
        ("P1 (female, 34)", "For how long?"),
        ("Ana", "(V.O.) Two weeks."),
    ]


def test_chinese_subtitles_labelled_with_full_width_colons_have_speakers(tmp_path: Path) -> None:
    # A speaker's label ending in a full-width colon, no space after it, and a name without
    # capitals: the cues were one unnamed passage.
    assert spoken(
        tmp_path / "talk.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n访谈者：你怎么来的？\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n玛丽亚：坐巴士。\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\n访谈者：然后呢？\n\n"
        "4\n00:00:07,000 --> 00:00:09,000\n玛丽亚：我们等着。\n",
    ) == [
        ("访谈者", "你怎么来的？"),
        ("玛丽亚", "坐巴士。"),
        ("访谈者", "然后呢？"),
        ("玛丽亚", "我们等着。"),
    ]


def test_captions_naming_each_speaker_in_square_brackets_part_their_turns(
    tmp_path: Path,
) -> None:
    # Captions marking speakers as "[ANA] How ...?" were one unnamed passage, the names
    # among the words; a sound in brackets ("[MUSIC]") is still no speaker.
    assert spoken(
        tmp_path / "film.srt",
        _srt(
            "[ANA] How did you come here?",
            "[LUIS] By bus, over the mountains.",
            "[MUSIC] Rain on the roof.",
            "[ANA] And then?",
            "[LUIS] Then we walked.",
        ),
    ) == [
        ("ANA", "How did you come here?"),
        ("LUIS", "By bus, over the mountains."),
        ("", "[MUSIC] Rain on the roof."),
        ("ANA", "And then?"),
        ("LUIS", "Then we walked."),
    ]


def test_a_web_page_s_heading_above_its_article_opens_it(tmp_path: Path) -> None:
    # A page's <h1> set above its <article> (in a banner) was lost: the article opened
    # headless.  A logo's heading linking home is still no part of it.
    article = WEB_PAGE.replace("<article><h1>Migrants face new checkpoints</h1>", "<article>")
    above = article.replace(
        '<div class="cookie-banner">',
        '<header><h1 class="headline">Migrants face new checkpoints</h1></header>'
        '<div class="cookie-banner">',
    )
    path = tmp_path / "page.html"
    path.write_text(above, "utf-8")
    doc = load_document(path)
    assert doc.text.startswith("Migrants face new checkpoints\n\nThe government opened twelve")
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings[0] == "Migrants face new checkpoints"
    logo = article.replace(
        "<body><nav>", '<body><h1 class="logo"><a href="/">The Border Times</a></h1><nav>'
    )
    path.write_text(logo, "utf-8")
    assert load_document(path).text.startswith("The government opened twelve")


def test_a_web_page_s_drawing_keeps_its_words(tmp_path: Path) -> None:
    # A chart drawn inline (<svg>) lost its words: its title and labels were no part of the
    # page's text.
    page = WEB_PAGE.replace(
        "<ul><li>Twelve",
        '<svg width="300" height="80"><title>tooltip</title>'
        '<text x="0" y="20">Detentions per month</text><text x="0" y="60">March</text>'
        "</svg><ul><li>Twelve",
    )
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    text = load_document(path).text
    assert "shelters are full.\n\nDetentions per month March\n\n• Twelve" in text
    assert "tooltip" not in text


def test_a_cue_s_lines_a_dash_and_a_name_open_are_each_that_speaker_s(tmp_path: Path) -> None:
    # "- Ana: One more." then "- Bo: Yes." in one cue (two speakers, each line a dash and
    # a name) was one cue of no one's, run together.
    assert spoken(
        tmp_path / "talk.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n- Ana: Where were you?\n- Bo: At the shelter.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n- Ana: Since when?\n- Bo: Since March.\n",
    ) == [
        ("Ana", "Where were you?"),
        ("Bo", "At the shelter."),
        ("Ana", "Since when?"),
        ("Bo", "Since March."),
    ]


def test_a_cue_s_dashed_lines_of_speakers_named_once_stay_lines_of_their_own(
    tmp_path: Path,
) -> None:
    # Each named once, too few to tell them for speakers: their dashes were left out and
    # the two lines run into one ("Ana: Where were you? Bo: At the shelter."), as if Ana
    # had said both.  They are shown as the screen shows them, as unnamed dashed lines are.
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:04.000\n- Ana: Where were you?\n- Bo: At the shelter.\n\n"
        "00:05.000 --> 00:08.000\nThen the bus came.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "[00:00:01] - Ana: Where were you?\n\n[00:00:01] - Bo: At the shelter.\n\n"
        "[00:00:05] Then the bus came."
    )


def test_a_web_page_s_paragraphs_made_of_two_line_breaks_are_paragraphs(tmp_path: Path) -> None:
    # Old editors and e-mail part paragraphs with two line breaks ("a<br><br>b"), which a
    # browser shows as a blank line: the extractor kept one of the two, and the passages
    # were read as lines of one paragraph. A single line break stays a line break.
    path = tmp_path / "visit.html"
    path.write_text(
        "<html><head><title>Visit notes</title></head><body><p>We met Ana at the shelter "
        "on Monday.<br>She had walked for a week.<br><br>The next morning the bus left "
        "early, and <b>nobody</b> knew where it went.<br> <br><br>Later that week the "
        "office called us back with news.</p><div>A second page of notes from the visit, "
        "with its own words.<br><br>And a last line about the road home.</div></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "We met Ana at the shelter on Monday.\nShe had walked for a week.\n\n"
        "The next morning the bus left early, and nobody knew where it went.\n\n"
        "Later that week the office called us back with news.\n\n"
        "A second page of notes from the visit, with its own words.\n\n"
        "And a last line about the road home."
    )


def test_a_short_exchange_of_two_speakers_keeps_its_speakers(tmp_path: Path) -> None:
    # Three cues, Ana, Bo, Ana: the one repeated name was taken for a lecture's "Remember:"
    # (a label twice and no other speaker) and the file was one paragraph of no one's.
    assert spoken(
        tmp_path / "clip.srt", _srt("Ana: Hello there.", "Bo: Fine, thanks.", "Ana: Very well.")
    ) == [("Ana", "Hello there."), ("Bo", "Fine, thanks."), ("Ana", "Very well.")]
    # a lecture's captions: a label twice among cues no one opens, one once, are no speakers
    lecture = _srt(
        "Remember: the border moved.", "It moved in 1848.", "Then again in 1853.",
        "Remember: treaties change.", "Example: The Gadsden Purchase.", "That is all.",
    )  # fmt: skip
    assert {who for who, _ in spoken(tmp_path / "lecture.srt", lecture)} == {""}


@pytest.mark.conversion_process
@pytest.mark.parametrize("suffix", ["vtt", "srt"])
def test_a_cue_of_thousands_of_unclosed_tags_is_read(tmp_path: Path, suffix: str) -> None:
    # 100,000 "<v " in one cue (300 KB): each was looked at as a tag, its ">" looked for to
    # the end of the cue, and the file was refused at the conversion's time limit
    # ("WebVTT conversion stopped after 30 s"). Its words are read now, as written.
    head = "WEBVTT\n\n" if suffix == "vtt" else "1\n"
    path = tmp_path / f"talk.{suffix}"
    path.write_text(head + "00:00:01.000 --> 00:00:02.000\n" + "<v " * 100_000 + "\n", "utf-8")
    assert load_document(path).text.count("<v") == 100_000


def test_markup_is_read_as_before_around_the_last_closing_bracket(tmp_path: Path) -> None:
    # Tags are looked for up to a cue's last ">" only: a voice whose name holds a "<", tags
    # after it, and a SubStation override after the last ">" are read as they were.
    assert spoken(
        tmp_path / "talk.vtt",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hello <i>there</i> {\\i1}you <v\n",
    ) == [("Ana", "Hello there you <v")]
    assert spoken(
        tmp_path / "talk.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana<b>Hi.</b>\n"
    ) == [("Ana<b", "Hi.")]


def test_a_subtitle_file_s_cues_of_one_line_cost_few_lines_of_python(tmp_path: Path) -> None:
    # A subtitle file of 500,000 cues was stopped at the conversion's time limit: a cue of
    # one line went through the loops that part a cue of several at its speakers' labels.
    from helpers.counting import lines_run

    from tui_reader.core.documents.formats.subtitles import convert_srt

    cues = 2_000
    text = "".join(
        f"{i + 1}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:{i % 60:02d},"
        f"900\n{'- Ana: Yes.' if i % 50 == 0 else f'words said in cue {i}'}{'.' if i % 3 else ''}\n\n"
        for i in range(cues)
    )
    parsed, ran = lines_run(lambda: convert_srt(text, tmp_path / "t.srt"), at_most=10**6)
    assert parsed.text.startswith("[00:00:00] Ana: Yes. words said in cue 1. words")
    # 158 before, 136 after; 146 with the later times a joined turn keeps (which the loops
    # the change took a one-line cue out of cost too: 168 a cue with both)
    assert ran < 152 * cues, ran


def test_each_line_of_subtitles_is_tried_as_a_timing_once_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file of 1,000,000 cues took 16.7 s, most of it trying each cue's lines as a timing
    three times over (its number, its timing, its words): a line is tried once, and a line
    of words, which holds no arrow, not at all; the text is the same."""
    import re

    from tui_reader.core.documents.formats import subtitles

    cues = "\n".join(
        f"{n}\n00:{n // 60:02}:{n % 60:02},000 --> 00:{n // 60:02}:{n % 60:02},500\nWord {n} said.\n"
        for n in range(1, 201)
    )
    before = subtitles.convert_srt(cues, Path("talk.srt"))
    tried: list[str] = []
    timing = subtitles._TIMING

    class Counted:
        def match(self, line: str) -> re.Match[str] | None:
            tried.append(line)
            return timing.match(line)

    monkeypatch.setattr(subtitles, "_TIMING", Counted())
    after = subtitles.convert_srt(cues, Path("talk.srt"))
    assert (after.text, after.spans, after.turns) == (before.text, before.spans, before.turns)
    assert after.text.count("said.") == 200
    assert len(tried) == len(set(tried)) == 200
