from __future__ import annotations

from pathlib import Path

from tui_reader.core.documents.document import load_document

STORY = [
    "Hundreds of migrants slept in the central square on Thursday night after the city's"
    " three shelters said they had no more room, local officials said.",
    "The number of people waiting for appointments with the asylum office has doubled since"
    " March, according to figures seen by the newspaper.",
    "Officials said a fourth shelter would open next week in a former school on the edge of"
    " the city, with room for four hundred people.",
    "It is not enough, the priest said, but it is something, and the city has promised more.",
]


def _article(tmp_path: Path, between: list[str]) -> list[str]:
    """The paragraphs of a saved news page whose story's paragraphs have ``between`` after
    each but the last."""
    body = "".join(f"<p>{p}</p>{between[i]}" for i, p in enumerate(STORY[:-1]))
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Shelters full</title></head><body><article><h1>Shelters full</h1>"
        f"{body}<p>{STORY[-1]}</p><h2>Advertising</h2><p>Who pays for the signs.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    return load_document(path).text.split("\n\n")


def test_a_news_page_s_advertising_labels_are_no_words_of_its_story(tmp_path: Path) -> None:
    # "Advertisement" and "Story continues below advertisement", the labels of ads a saved
    # page never holds, were read between the story's paragraphs as its words.  An element
    # saying nothing but such a label, or named an ad's slot, is left out; a heading of
    # that word is kept.
    assert _article(
        tmp_path,
        [
            '<p class="advert">Advertisement</p>',
            "<div><span>Story continues below advertisement</span></div>",
            '<div class="ad-slot"><p>Buy cheap flights to Cancún today with our partner.</p>'
            "</div><p>ADVERTISEMENT</p><p><small>- Anzeige -</small></p>",
        ],
    ) == ["Shelters full", *STORY, "Advertising", "Who pays for the signs."]
