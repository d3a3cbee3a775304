from __future__ import annotations

from pathlib import Path

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
