"""A post's title and date moved into its body (``html_posts``)."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from helpers.counting import count_calls

from tui_reader.core.documents.formats import html_posts


def _thread(posts: int) -> Any:
    """A forum thread: every post's body below one ``article``, each post with a heading
    of its own after its body and the first post titled above its body."""
    rows = [
        f"<div class='post'><h3 class='post-title'>Post {n}</h3>"
        if n == 0
        else "<div class='post'>"
        for n in range(posts)
    ]
    body = "".join(
        f"{row}<div class='post-body'><p>Words of post {n}.</p></div><h2>Replies</h2></div>"
        for n, row in enumerate(rows)
    )
    return lxml.html.fromstring(f"<html><body><main><article>{body}</article></main></body></html>")


def test_a_thread_of_many_posts_reads_each_posts_headings_not_the_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every post's body used to read every heading of the thread for its title, so a
    thread of n posts read n x n headings (a 16 MB forum page spent a third of its
    conversion there).  A body reads the headings beside it and its post's only."""
    read = count_calls(monkeypatch, html_posts, "_classes")
    page = _thread(400)
    html_posts.post_headers_kept(page)
    bodies = [e for e in page.iter("div") if e.get("class") == "post-body"]
    assert bodies[0][0].tag == "h3" and bodies[0][0].text_content() == "Post 0"
    assert all(body[0].tag == "p" for body in bodies[1:])
    assert read.calls < 400 * 10


def test_a_title_before_the_block_holding_the_body_is_moved_into_it() -> None:
    page = lxml.html.fromstring(
        "<html><body><div class='outer'><h3 class='entry-title'>  </h3>"
        "<h3 class='entry-title'>Kept</h3><div class='wrap'><h2>Not a title</h2>"
        "<div class='entry-content'><p>Text.</p></div></div><h3 class='entry-title'>After"
        "</h3></div></body></html>"
    )
    html_posts.post_headers_kept(page)
    body = next(e for e in page.iter("div") if e.get("class") == "entry-content")
    assert [body[0].tag, body[0].text_content()] == ["h3", "Kept"]
    assert [h.text_content() for h in page.iter("h3")] == ["  ", "Kept", "After"]


def test_a_thread_whose_headings_are_no_titles_reads_none_of_them_for_each_post(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A thread whose every post stands in one article beside a heading of its own
    ("Replies") read, for each post, every heading before it in the article, though none
    is a title: a thread of n posts read n x n / 2 headings.  A block holding no title
    among its children is not read for one."""
    read = count_calls(monkeypatch, html_posts, "_classes")
    posts = "".join(
        f"<div class='post'><div class='post-body'><p>Words of post {n}.</p></div></div>"
        "<h2>Replies</h2>"
        for n in range(400)
    )
    page = lxml.html.fromstring(f"<html><body><article>{posts}</article></body></html>")
    html_posts.post_headers_kept(page)
    assert [h.text_content() for h in page.iter("h2")] == ["Replies"] * 400
    assert all(p.getparent().get("class") == "post-body" for p in page.iter("p"))
    assert read.calls < 400 * 10
