"""A media player's running time ("4:32", "0:00 / 4:32") left out of a web page, in the
player or right beside it: the extractor leaves the player out and read its time as a
paragraph of the article's; a live blog's entry time kept."""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.documents.formats.html_elements import PASSAGES, UNSEEN, text_of

# A media player's running time alone ("4:32", "0:00 / 4:32").
_DURATION = re.compile(r"\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*")


# A class or id names a media player when it names a player and a medium ("audio-player",
# "jw-player"): a player alone is a team's ("player", "lineup__player"), whose minutes
# ("90:00") are the line-up's own words.
_MEDIUM = re.compile(
    r"audio|video|media|podcast|sound|episode|clip|stream|embed|jw|vjs|plyr|mejs"
    r"|brightcove|youtube|vimeo|spotify|(?<![a-z])(?:bc|yt|av)(?![a-z])"
)
# A control starting a player ("Play video", play-button, vjs-big-play-button): "play" as a
# word of its labels or names, not "player", "display" or "playlist".
_PLAY = re.compile(r"(?<![a-z])play(?:btn|button|icon)?(?![a-z])")
_CONTROL_WORDS = 40  # characters a control's own text has at most ("Play", "▶ Play video")


def _play_control(node: Any) -> bool:
    """Whether ``node`` is a control starting a player, a page's script having built the
    player from markup of its own (no ``<audio>`` or ``<video>`` until it is pressed): its
    label (aria-label, title) or its names (class, id, data-testid) say play, or, a button,
    its own text does."""
    labels = " ".join(
        node.get(name, "") for name in ("aria-label", "title", "class", "id", "data-testid")
    ).lower()
    if "play" in labels and _PLAY.search(labels):
        return True
    if node.tag != "button" and node.get("role") != "button":
        return False
    text = " ".join(text_of(node).split()).lower()
    return len(text) <= _CONTROL_WORDS and _PLAY.search(text) is not None


def _control_holder(control: Any) -> Any:
    """The player a play control belongs to: its parent, or, while that shows no words of
    its own (a wrapper of the button alone), the next one up holding few words and no
    paragraph or heading."""
    holder = control.getparent()
    while (
        holder is not None
        and not text_of(holder).strip()
        and (above := holder.getparent()) is not None
        and above.tag not in ("body", "article", "main")
        and _small(above)
        and next(above.iterdescendants(*PASSAGES), None) is None
    ):
        holder = above
    return holder


def _marked_time(node: Any) -> bool:
    """Whether ``node`` is marked as a time of day or a date (a live blog's entry time: a
    ``<time>``, a class or id naming a time and not a duration)."""
    for part in node.iter():
        if not isinstance(part.tag, str):
            continue
        names = f"{part.get('class', '')} {part.get('id', '')}".lower()
        if part.tag == "time" or ("time" in names and "duration" not in names):
            return True
    return False


_PLAYER_WORDS = 120  # characters a player's own words (its buttons' labels) have at most


def player_durations_dropped(page: Any) -> None:
    """Drop the running time an audio or video player shows ("4:32"), alone inside the
    player (an element of few words whose class or id names one, or an ``<audio>`` or
    ``<video>``'s parent of few words) or alone in an element right beside it: the player
    is left out, and its duration was read as a paragraph of the article's.  Beside a
    player, or inside a parent not named one, a time marked as one (a live blog's entry
    time, a ``<time>``) is kept."""
    players: dict[Any, bool] = {}  # each player, and whether its class or id names one
    bare: set[Any] = set()  # an <audio> or <video> standing among the article's blocks
    for node in page.iter():
        if not isinstance(node.tag, str) or (not node.attrib and node.tag != "button"):
            continue  # (no name, no label, no role: no player nor a control of one)
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if "player" in names and _MEDIUM.search(names) and _small(node):  # (see _MEDIUM)
            players.setdefault(node, True)
        elif (
            "play" in names
            or node.tag == "button"
            or node.get("aria-label") is not None
            or node.get("title") is not None
            or node.get("data-testid") is not None
            or node.get("role") == "button"
        ) and _play_control(node):
            holder = _control_holder(node)
            if (
                holder is not None
                and holder.tag not in ("body", "article", "main")
                and _small(holder)
                and next(holder.iterdescendants(*PASSAGES), None) is None
            ):
                players.setdefault(holder, True)
    for media in page.iter("audio", "video"):
        holder = next((a for a in media.iterancestors() if a in players), None)
        if holder is None:
            parent = media.getparent()
            # (a parent holding a paragraph or a heading is an article's, a live blog's entry)
            wrapper = parent is not None and _small(parent)
            if wrapper and next(parent.iterdescendants(*PASSAGES), None) is not None:
                wrapper = False
            holder = parent if wrapper else media
            players.setdefault(holder, False)
            if holder is media:
                bare.add(media)
    for holder, named in players.items():
        if holder.getparent() is None:
            continue
        # (beside a bare <audio> or <video>: the element after it, no paragraph or heading,
        # which a live blog writes an entry's time as)
        beside = [holder.getprevious(), holder.getnext()] if holder not in bare else []
        after = holder.getnext()
        if holder in bare and after is not None and after.tag not in PASSAGES:
            beside.append(after)
        inside = [node for node in holder.iterdescendants() if isinstance(node.tag, str)]
        for node in [*inside, *beside]:
            if (
                node is not None
                and isinstance(node.tag, str)
                and node.getparent() is not None
                and node.tag not in UNSEEN
                and _DURATION.fullmatch(text_of(node))
                and not (_marked_time(node) and not (named and node in inside))
            ):
                node.drop_tree()  # its tail stays
        for node in holder.iter():
            if not isinstance(node.tag, str) or (_marked_time(node) and not named):
                continue
            for field in ("text", "tail") if node is not holder else ("text",):
                value = getattr(node, field, None)
                if value and _DURATION.fullmatch(value):
                    setattr(node, field, None)


def _small(node: Any) -> bool:
    """Whether ``node`` holds few words (a player's, not an article's)."""
    return len("".join(text_of(node).split())) <= _PLAYER_WORDS
