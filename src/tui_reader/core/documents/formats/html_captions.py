"""A picture's caption kept where its figure stands: WordPress's classic captions made
figures, each caption a passage of its own without the names the extractor leaves it out
for."""

from __future__ import annotations

from typing import Any


def classic_captions(page: Any) -> None:
    """A picture's caption as WordPress's classic editor writes it (``<div class="wp-caption">``
    holding the picture and ``<p class="wp-caption-text">``, on many blogs' older posts)
    made a figure and its caption, read as such."""
    for element in list(page.iter("p", "div", "span", "dd")):
        if "wp-caption-text" in str(element.get("class") or "").split():
            element.tag = "figcaption"
            holder = element.getparent()
            if holder is not None and "wp-caption" in str(holder.get("class") or "").split():
                holder.tag = "figure"


def _caption_words_dropped(element: Any) -> None:
    """``element`` without the words of its class and id naming a caption (see
    :func:`_unnamed_caption`)."""
    for name in ("class", "id"):
        value = str(element.get(name) or "")
        if "caption" in value:
            kept = " ".join(word for word in value.split() if "caption" not in word)
            if kept:
                element.set(name, kept)
            else:
                del element.attrib[name]


def _unnamed_caption(element: Any) -> None:
    """``element`` (a figure's caption made a passage, a part of it, or its figure) without
    its class and id, which name its look: the extractor leaves out any division or passage
    whose names say caption ("wp-element-caption", "wp-caption") or embed
    ("wp-block-embed"), and every caption WordPress writes was lost.  (What a browser does
    not show of it, "visually-hidden", is gone already.)"""
    element.attrib.pop("class", None)
    element.attrib.pop("id", None)


_CAPTION_BLOCKS = ("p", "div", "ul", "ol", "table", "blockquote", "pre", "dl")


def captions_kept(page: Any) -> None:
    """Each figure's caption (``<figcaption>``) a passage of its own holding the caption
    where the figure stands (the extractor drops figures whole)."""
    for caption in list(page.iter("figcaption")):
        if "".join(caption.itertext()).strip():
            # A passage (trafilatura loses a division's words before its first emphasis),
            # a division when it holds passages of its own.
            blocks = next(caption.iter(*_CAPTION_BLOCKS), None) is not None
            caption.tag = "div" if blocks else "p"
            for figure in caption.iterancestors("figure"):
                figure.tag = "div"
                _unnamed_caption(figure)
            for part in caption.iter():
                _unnamed_caption(part)
            for holder in caption.iterancestors():
                # (a division holding the figure, Substack's "captioned-image-container")
                if holder.tag in ("article", "main", "body"):
                    break
                _caption_words_dropped(holder)
