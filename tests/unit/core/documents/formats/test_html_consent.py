from __future__ import annotations

from pathlib import Path

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document

STORY = [
    "The old bridge over the river was closed on Monday after the floods damaged its"
    " supports, the council said.",
    "Families from the shelter now walk two hours to reach the town.",
]

# What a consent platform's dialog says: its summary and the purposes one by one, longer
# than a short story.
PURPOSES = [
    "Store and/or access information on a device. Cookies, device or similar online"
    " identifiers together with other information can be stored or read on your device to"
    " recognise it each time it connects to an app or to a website.",
    "Use limited data to select advertising. Advertising presented to you on this service"
    " can be based on limited data, such as the website or app you are using, your"
    " non-precise location, your device type or which content you are interacting with.",
    "Create profiles for personalised advertising. Information about your activity on this"
    " service, such as forms you submit and content you look at, can be stored and combined"
    " with other information about you or similar users.",
    "Measure advertising performance. Information regarding which advertising is presented"
    " to you and how you interact with it can be used to determine how well an advert has"
    " worked for you or other users.",
]


def _dialog(name: str) -> str:
    """A consent dialog whose outer element has the class and id ``name``."""
    purposes = "".join(
        f"<div><h4>Purpose {n}</h4><p>{said}</p></div>" for n, said in enumerate(PURPOSES, 1)
    )
    return (
        f'<div class="{name}" id="{name}"><h2>We value your privacy</h2><p>We and our 842'
        " partners store and access information on your device and process personal data,"
        " like unique identifiers and standard information sent by a device, for"
        f" personalised ads and content.</p>{purposes}<button>AGREE</button>"
        "<button>MORE OPTIONS</button></div>"
    )


def _saved(tmp_path: Path, before: str, after: str = "", body: str = "") -> list[str]:
    """The passages of a short story's page saved with ``before`` and ``after`` around it
    (``body``: the classes of a block holding them all)."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    path = tmp_path / "story.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Bridge closed | Valley News</title></head><body>"
        f'<div class="{body}">{before}<header><nav><a href="/">Home</a> <a href="/news">News'
        f"</a></nav></header><main><article><h1>Bridge closed after floods</h1>{story}"
        f"</article></main>{after}<footer>© Valley News</footer></div></body></html>",
        encoding="utf-8",
    )
    return load_document(path).text.split("\n\n")


def test_a_consent_dialog_saved_with_a_short_story_is_no_part_of_it(tmp_path: Path) -> None:
    # A page saved while Quantcast's consent dialog was open holds its text ("We value
    # your privacy", each purpose); beside a short story the article extractor kept it
    # after the story, its words read, searched and counted as the story's.
    assert _saved(tmp_path, _dialog("qc-cmp2-container")) == ["Bridge closed after floods", *STORY]


CONSENT_NAMES = [
    "qc-cmp2-container", "onetrust-consent-sdk", "CybotCookiebotDialog", "didomi-host",
    "usercentrics-root", "sp_message_container_812", "cmpbox", "truste-consent-track",
    "osano-cm-window", "iubenda-cs-banner", "cky-consent-container", "cmplz-cookiebanner",
    "BorlabsCookieBox", "fc-consent-root", "cc-window cc-banner", "cookie-banner",
    "cookie_consent", "consent-popup", "gdpr-notice", "site-cookie-notice",
]  # fmt: skip


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(CONSENT_NAMES), st.booleans())
def test_a_consent_dialog_named_by_its_platform_or_the_page_goes(
    tmp_path: Path, name: str, first: bool
) -> None:
    # Each platform's dialog, or a page's own banner, before the story or after it.
    dialog = _dialog(name)
    found = _saved(tmp_path, dialog, "") if first else _saved(tmp_path, "", dialog)
    assert found == ["Bridge closed after floods", *STORY]


def test_a_block_holding_the_article_stays_whatever_it_is_named(tmp_path: Path) -> None:
    # A page naming the block that holds its whole body after the banner it shows
    # ("cookie-banner-shown") loses nothing: an element holding the page's article, its
    # main part or its title is never a dialog.
    found = _saved(tmp_path, "", body="page cookie-banner-shown")
    assert found == ["Bridge closed after floods", *STORY]
    # (nor is a text about cookie banners whose elements say so: only their classes and
    # ids name a dialog)
    about = "<p>Why every cookie banner asks the same thing.</p>"
    assert _saved(tmp_path, "", about)[-1] == "Why every cookie banner asks the same thing."
