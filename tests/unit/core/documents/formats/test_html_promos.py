from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.documents.document import load_document

STORY = [
    "The river rose two metres overnight, and the lower town was cut off by morning, its"
    " people on the rooftops.",
    "Officials said the dam upstream had released water without warning, and the mayor"
    " called for an inquiry.",
    "By noon the water had begun to fall, leaving mud a foot deep in the streets of the old"
    " quarter.",
    "See the map of the flooded streets <a href='/map'>on our site</a>, updated hourly by"
    " the city's engineers.",
]


def test_a_news_page_s_promotions_of_other_stories_are_no_words_of_its_story(
    tmp_path: Path,
) -> None:
    # "Read more: <a headline>" and "READ MORE | <a headline>" between a story's
    # paragraphs, and "Related Topics" above its list of links, were read as the story's
    # words.  A label followed by links alone, or a list's label alone, is left out; a
    # paragraph of the story's own words holding a link stays.
    between = [
        '<p><b>Read more:</b> <a href="/x">Mexico deploys troops to its southern border</a></p>',
        '<p>READ MORE | <a href="/y">Asylum claims hit a record high</a></p>',
        '<div>Lesen Sie auch: <a href="/z">Die Grenze</a></div>',
    ]
    body = "".join(f"<p>{p}</p>{between[i]}" for i, p in enumerate(STORY[:-1]))
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
        f"{body}<p>{STORY[-1]}</p><p>Related Topics</p><ul><li><a href='/t'>Floods</a></li>"
        "</ul></article></body></html>",
        encoding="utf-8",
    )
    assert load_document(path).text.split("\n\n") == [
        "Floods",
        *STORY[:-1],
        "See the map of the flooded streets on our site, updated hourly by the city's engineers.",
    ]


def test_a_story_s_calls_to_sign_up_to_its_newsletter_are_no_words_of_it(tmp_path: Path) -> None:
    # A newsletter's sign-up set among a story's paragraphs was read as the story's own
    # words: the Guardian's box and the links around it, WordPress's bold line, Substack's
    # widget and button.  A sentence of the story starting so, saying no newsletter of
    # the site's, and a quotation, stay.
    calls = [
        "<a href='#EmailSignup-skip-link-5' class='dcr-jzxpee'>skip past newsletter promotion"
        "</a><div data-component='newsletter-signup'><p>Sign up to First Edition</p><p>Our"
        " morning email breaks down the key stories of the day, telling you what's happening"
        " and why it matters</p><p><strong>Privacy Notice: </strong>Newsletters may contain"
        " info about charities, online ads, and content funded by outside parties.</p></div>"
        "<div id='EmailSignup-skip-link-5' tabindex='0' aria-label='after newsletter"
        " promotion' role='note'>after newsletter promotion</div>",
        "<p><strong>Sign up for our newsletter</strong> to get the day's top stories in your"
        " inbox.</p>",
        "<div class='subscription-widget-wrap'><div class='subscription-widget show-subscribe'>"
        "<div class='preamble'><p class='cta-caption'>Thanks for reading The Valley Letter!"
        " Subscribe for free to receive new posts and support my work.</p></div><form"
        " class='subscription-widget-subscribe'><input type='email' name='email'><input"
        " type='submit' class='button primary' value='Subscribe'></form></div></div>"
        "<p class='button-wrapper'><a class='button primary'"
        " href='https://valley.substack.com/subscribe?'><span>Subscribe now</span></a></p>",
    ]
    kept = [
        "Sign up for e-mail alerts from the county on its website, the sheriff said on Friday.",
        '"Sign up for the evacuation list at the school," the mayor told residents.',
    ]
    body = "".join(f"<p>{p}</p>{calls[i]}" for i, p in enumerate(STORY[:-1]))
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
        f"{body}<p>{STORY[-1]}</p>{''.join(f'<p>{k}</p>' for k in kept)}</article></body>"
        "</html>",
        encoding="utf-8",
    )
    assert load_document(path).text.split("\n\n") == [
        "Floods",
        *STORY[:-1],
        "See the map of the flooded streets on our site, updated hourly by the city's engineers.",
        *kept,
    ]


_WALLS = [
    "<div><h2>Subscribe to continue reading</h2><p>You have reached your limit of free"
    " articles. Subscribe now for unlimited access to our journalism.</p><p>Already a"
    " subscriber? <a href='/login'>Log in</a></p></div>",
    "<section><p>This article is for subscribers only.</p><p><a href='/signin'>Sign in</a>"
    "</p></section>",
]


@pytest.mark.parametrize("wall", _WALLS)
def test_a_paywall_ending_a_saved_story_is_no_words_of_it(tmp_path: Path, wall: str) -> None:
    # A story saved by a reader without a subscription ends with the site's paywall: its
    # heading, its pitch and its "Log in" link were read as the story's last paragraphs,
    # searched and counted as its words.
    # The story's own sentences that begin alike stay.
    kept = [
        "You have reached the border, the officer told them, and must wait here for days.",
        "The story of the flood is available to subscribers of the county's alert service.",
    ]
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
        f"{''.join(f'<p>{p}</p>' for p in [*STORY[:2], *kept])}{wall}</article></body>"
        "</html>",
        encoding="utf-8",
    )
    assert load_document(path).text.split("\n\n") == ["Floods", *STORY[:2], *kept]
