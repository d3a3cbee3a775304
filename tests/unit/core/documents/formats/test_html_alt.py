from __future__ import annotations

from pathlib import Path

from tui_reader.core.documents.document import load_document

WORDS = "Some words of the article, enough of them to count as its main text. " * 8


def _article(tmp_path: Path, middle: str) -> list[str]:
    """The paragraphs of a saved news page holding ``middle`` in its article, but for the
    article's filler around it."""
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body>"
        '<header><a href="/"><img src="/brand.png" alt="Daily Courier, home page"></a></header>'
        f"<article><p>{WORDS}</p>{middle}<p>The closing words come after it. {WORDS}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    text = load_document(path).text
    return [p for p in text.split("\n\n") if not p.startswith(("Some words", "The closing"))]


def test_a_web_page_s_pictures_are_read_by_what_their_alt_text_describes(
    tmp_path: Path,
) -> None:
    # The article extractor dropped every picture: a figure's caption was kept, the words
    # describing its photograph lost, and a chart told only by its alt text was not in
    # the text at all.  They are read in brackets where the picture stands.
    assert _article(
        tmp_path,
        '<figure><img src="a.jpg" alt="A man wades through brown water carrying a child">'
        "<figcaption>Photo: Ana Ruiz</figcaption></figure>"
        "<p>The mayor spoke.</p>"
        '<p>The level <img src="c.png" alt="Chart: the river rose 2 m overnight"> was '
        "measured at the bridge.</p>",
    ) == [
        "[A man wades through brown water carrying a child]",
        "Photo: Ana Ruiz",
        "The mayor spoke.",
        "The level [Chart: the river rose 2 m overnight] was measured at the bridge.",
    ]


def test_a_picture_element_s_alt_text_is_read_where_it_stands(tmp_path: Path) -> None:
    # A picture set in a <picture> (its sources for each screen, then its <img>), as the
    # Guardian, the New York Times and Medium set every one: the alt text was written into
    # the <picture>, which the extractor drops whole, and was lost.
    assert _article(
        tmp_path,
        '<figure><div class="dcr-1t8m8f1"><picture class="dcr-evn1e9"><source'
        ' srcset="a-620.jpg" media="(min-width: 660px)"><img alt="People on a roof in the'
        ' lower town" src="a.jpg" width="445" height="267.0" loading="eager"></picture></div>'
        "<figcaption>Residents waited on the roofs. Photograph: Ana Ruiz</figcaption></figure>"
        '<p>The level <picture><img src="c.png" alt="Chart: the river rose 2 m overnight">'
        "</picture> was measured at the bridge.</p>",
    ) == [
        "[People on a roof in the lower town]",
        "Residents waited on the roofs. Photograph: Ana Ruiz",
        "The level [Chart: the river rose 2 m overnight] was measured at the bridge.",
    ]


def test_a_web_page_s_decorative_pictures_stay_out(tmp_path: Path) -> None:
    # What describes nothing: an empty or one-word alt, a tracking pixel, an icon, a
    # picture hidden from screen readers, a share button's link, an alt its caption says.
    assert _article(
        tmp_path,
        '<p>The mayor spoke.<img src="p.gif" width="1" height="1" alt="tracking image here">'
        '<img src="x.png" alt=""><img src="fb.svg" alt="Facebook">'
        '<img src="i.png" class="share-icon" alt="Share on social media">'
        '<img src="d.png" role="presentation" alt="a blue line across the page">'
        '</p><p><a href="/share"><img src="s.png" alt="Share this story by e-mail"></a></p>'
        '<figure><img src="m.jpg" alt="The mayor at the bridge">'
        "<figcaption>The mayor at the bridge, on Monday.</figcaption></figure>",
    ) == ["The mayor spoke.", "The mayor at the bridge, on Monday."]
