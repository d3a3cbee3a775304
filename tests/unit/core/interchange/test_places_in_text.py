"""The places of an export's passages in a text read just now (csv and Markdown's line,
percentage and speaker turn): found a document at a time, as one by one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core.annotations.model import AnchorStatus, Annotation, make_annotation
from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.documents.document import Document, parse_document
from tui_reader.core.interchange import ExportOptions, csv, markdown, places_in_text
from tui_reader.core.interchange.markdown_text import escape_inline
from tui_reader.core.interchange.places_in_text import Place, Places, PlacesCache

TRANSCRIPT = "".join(
    f"{speaker}: line {n} of what was said\n\n"
    for n, speaker in enumerate(["ANA", "BEN", "ANA", "BEN", "ANA", "BEN"] * 5)
)


class _CountedPlacements(PlacementCache):
    """A placement cache that counts the looks at a document's mark."""

    def __init__(self) -> None:
        super().__init__(None)
        self.looks = 0

    def mark(self, key: str) -> tuple[int, int, int, int, str] | None:
        self.looks += 1
        return super().mark(key)


def _setup(text: str) -> tuple[_CountedPlacements, list[Annotation], dict[str, Document]]:
    document = parse_document(text.encode(), Path("t.txt"))
    placements = _CountedPlacements()
    placements.put_mark("t.txt", (1, len(text), 1, 1), document.sha256, "mark", "t")
    starts = [text.index(f"line {n} ") for n in range(30)]
    annotations = [
        make_annotation("t.txt", text, s, s + 6, document.sha256).evolve(id=f"a{n:02}")
        for n, s in enumerate(reversed(starts))  # not in the text's order
    ]
    return placements, annotations, {"t.txt": document}


def test_the_places_found_together_are_those_found_one_by_one() -> None:
    placements, annotations, documents = _setup(TRANSCRIPT)
    alone = Places(documents, PlacesCache(None, placements, {"t.txt": TRANSCRIPT}))
    together = Places(documents, PlacesCache(None, placements, {"t.txt": TRANSCRIPT}))
    spans = [(a.start, a.end) for a in annotations] + [(0, 3), (0, 3)]
    found = together.run("t.txt", [s for s, _ in spans], [e for _, e in spans])
    assert found == [alone.at("t.txt", *span) for span in spans]
    assert {p.speaker for p in found} == {"ANA", "BEN"}
    assert [p.line for p in found[:2]] == [59, 57]


@pytest.mark.parametrize("render", [csv.render, markdown.render], ids=["csv", "markdown"])
def test_a_documents_passages_are_placed_in_its_text_with_one_look_at_its_mark(
    render: Callable[..., str], options: ExportOptions
) -> None:
    # 30 passages of a text read just now: the placement cache's mark of the document is
    # looked at a few times, not once or twice for each passage.
    placements, annotations, documents = _setup(TRANSCRIPT)
    cache = PlacesCache(None, placements, {"t.txt": TRANSCRIPT})
    written = render(annotations, documents, [], dataclasses.replace(options, places=cache))
    assert "line 59" in written or ",59," in written
    assert placements.looks <= 3


def test_a_citation_shared_by_passages_is_escaped_once(
    options: ExportOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 passages on two speakers' turns: each speaker's citation is made Markdown once,
    # not once for each passage (100,000 passages of transcripts: 100,000 escapes)
    placements, annotations, documents = _setup(TRANSCRIPT)
    cache = PlacesCache(None, placements, {"t.txt": TRANSCRIPT})
    escaped: list[str] = []

    def counted(text: str) -> str:
        escaped.append(text)
        return escape_inline(text)

    monkeypatch.setattr(markdown, "escape_inline", counted)
    written = markdown.render(
        annotations, documents, [], dataclasses.replace(options, places=cache)
    )
    cited = {Places(documents, None).at("t.txt", a.start, a.end).citation for a in annotations}
    assert len(cited) == 2 and all(f"- Location: {c} · line" in written for c in cited)
    assert sorted(t for t in escaped if t in cited) == sorted(cited)


def test_the_places_of_a_text_without_turns_are_made_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 30 passages of a text that is no transcript (most texts) placed again: their places are
    # the ones found one by one, none made by asking for its turn alone (100,000 passages)
    plain = TRANSCRIPT.replace(": ", " said ")
    placements, annotations, documents = _setup(plain)
    alone = Places(documents, PlacesCache(None, placements, {"t.txt": plain}))
    spans = [(a.start, a.end) for a in annotations]
    expected = [alone.at("t.txt", *span) for span in spans]
    asked = count_calls(monkeypatch, places_in_text, "_place_on_line")
    together = Places(documents, PlacesCache(None, placements, {"t.txt": plain}))
    found = together.run("t.txt", [s for s, _ in spans], [e for _, e in spans])
    assert found == expected and all(type(p) is Place and not p.speaker for p in found)
    assert asked.calls == 0


@pytest.mark.parametrize("render", [csv.render, markdown.render], ids=["csv", "markdown"])
def test_the_places_of_a_text_placed_again_are_kept_as_columns(
    render: Callable[..., str],
    options: ExportOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 30 passages of a text no transcript, none of whose places was known (every document
    # placed again): their places are found and written to the cache as columns, no Place
    # made for each (100,000 passages: 100,000 made, then taken apart again to be written),
    # and the next export takes them as it takes an unchanged document's
    plain = TRANSCRIPT.replace(": ", " said ")
    placements, annotations, documents = _setup(plain)
    path = tmp_path / "places.json"
    cache = PlacesCache(path, placements, {"t.txt": plain})
    made = count_calls(monkeypatch, places_in_text, "_place")
    written = render(annotations, documents, [], dataclasses.replace(options, places=cache))
    cache.save()
    assert made.calls == 0
    monkeypatch.undo()
    again = PlacesCache(path, placements)
    assert render(annotations, documents, [], dataclasses.replace(options, places=again)) == (
        written
    )
    ordered = sorted(annotations, key=lambda a: (a.start, a.end))
    starts, ends = [a.start for a in ordered], [a.end for a in ordered]
    assert Places(documents, again).in_order("t.txt", starts, ends) is not None
    alone = Places(documents, None)
    assert Places(documents, again).run("t.txt", starts, ends) == [
        alone.at("t.txt", *span) for span in zip(starts, ends, strict=True)
    ]


def _touched(
    placements: PlacementCache, document: Document, stamp: tuple[int, int, int, int]
) -> None:
    """``document``'s file given the stamp ``stamp`` (touched, or written anew), its
    annotations found in place in its text, as an export finds them."""
    placements.put_mark("t.txt", stamp, document.sha256, "mark", "t")


@pytest.mark.parametrize("render", [csv.render, markdown.render], ids=["csv", "markdown"])
def test_the_places_of_a_file_touched_and_read_as_the_same_text_are_kept(
    render: Callable[..., str],
    options: ExportOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every file touched (a sync, a checkout, a copy back), each read again as the same text:
    # its places are those kept, found in no text again (10,000 documents: 0.2-0.3 s), and
    # the cache takes the file's new stamp (the next export, its files unchanged, reads none)
    plain = TRANSCRIPT.replace(": ", " said ")
    placements, annotations, documents = _setup(plain)
    sha = documents["t.txt"].sha256
    path = tmp_path / "places.json"
    cache = PlacesCache(path, placements, {"t.txt": plain}, {"t.txt": sha})
    written = render(annotations, documents, [], dataclasses.replace(options, places=cache))
    cache.save()
    _touched(placements, documents["t.txt"], (2, len(plain), 1, 1))
    found = count_calls(monkeypatch, places_in_text.Places, "_lines_and_turns")
    again = PlacesCache(path, placements, {"t.txt": plain}, {"t.txt": sha})
    assert render(annotations, documents, [], dataclasses.replace(options, places=again)) == (
        written
    )
    assert found.calls == 0
    again.save()
    kept = PlacesCache(path, placements).known("t.txt")  # no text read: the stamp tells
    assert kept is not None and kept.mark == placements.mark("t.txt")


@pytest.mark.parametrize("render", [csv.render, markdown.render], ids=["csv", "markdown"])
def test_the_places_of_a_file_read_as_another_text_are_found_in_it(
    render: Callable[..., str], options: ExportOptions, tmp_path: Path
) -> None:
    # The file written anew, a line broken before the passages (their offsets the same): no
    # place kept of the text before is taken, each passage is a line further down
    plain = TRANSCRIPT.replace(": ", " said ")
    placements, annotations, documents = _setup(plain)
    path = tmp_path / "places.json"
    cache = PlacesCache(path, placements, {"t.txt": plain}, {"t.txt": documents["t.txt"].sha256})
    render(annotations, documents, [], dataclasses.replace(options, places=cache))
    cache.save()
    edited = plain.replace(" said ", "\nsaid ", 1)
    document = parse_document(edited.encode(), Path("t.txt"))
    _touched(placements, document, (2, len(edited), 1, 1))
    texts, hashes = {"t.txt": edited}, {"t.txt": document.sha256}
    again = PlacesCache(path, placements, texts, hashes)
    written = render(
        annotations, {"t.txt": document}, [], dataclasses.replace(options, places=again)
    )
    fresh = PlacesCache(None, placements, texts, hashes)
    assert written == render(
        annotations, {"t.txt": document}, [], dataclasses.replace(options, places=fresh)
    )
    last = max(Places({"t.txt": document}, fresh).run("t.txt", [a.start], [a.end])[0].line
               for a in annotations)  # fmt: skip
    assert last == 60  # (59 in the text before)


QUESTION_AND_ANSWER = (
    "[00:01:00] INTERVIEWER: Who is behind this?\n\n"
    "[00:01:30] Carlos: Washington, of course.\n\n"
    "[00:02:00] INTERVIEWER: Why?\n\n"
    "[00:02:10] Carlos: The money.\n"
)


@pytest.mark.parametrize("read", [True, False], ids=["text read", "document loaded"])
def test_a_passage_across_a_question_and_its_answer_is_cited_with_both_speakers(
    read: bool,
) -> None:
    # A passage across a question and its answer is both speakers' words, as a query's
    # speaker: takes it; the csv's speaker column, Markdown's citation and the query view
    # named the questioner alone, so a row `speaker:Carlos` matched said INTERVIEWER.
    text = QUESTION_AND_ANSWER
    document = parse_document(text.encode(), Path("t.txt"))
    assert [t.speaker for t in document.turns] == ["INTERVIEWER", "Carlos"] * 2
    placements = PlacementCache(None)
    placements.put_mark("t.txt", (1, len(text), 1, 1), document.sha256, "mark", "t")
    cache = PlacesCache(None, placements, {"t.txt": text}) if read else None
    places = Places({"t.txt": document}, cache)

    def cited(quote: str) -> tuple[str, str, str]:
        start = text.index(quote)
        place = places.at("t.txt", start, start + len(quote))
        return place.speaker, place.time, place.citation

    both = "INTERVIEWER, Carlos"
    assert cited("behind this?\n\n[00:01:30] Carlos: Washington") == (
        both, "00:01:00", f"[00:01:00] {both}"
    )  # fmt: skip
    assert cited("Washington, of course.") == ("Carlos", "00:01:30", "[00:01:30] Carlos")
    # the next turn's label alone at the passage's end is no one's words
    assert cited("Who is behind this?\n\n[00:01:30] Carlos:") == (
        "INTERVIEWER", "00:01:00", "[00:01:00] INTERVIEWER"
    )  # fmt: skip
    # begun on the blank line between two turns: the next speaker's, at that turn's time
    assert cited("\n[00:01:30] Carlos: Washington") == ("Carlos", "00:01:30", "[00:01:30] Carlos")
    assert cited("course.\n\n[00:02:00] INTERVIEWER: Why?\n\n[00:02:10] Carlos: The") == (
        "Carlos, INTERVIEWER", "00:01:30", "[00:01:30] Carlos, INTERVIEWER"
    )  # fmt: skip


@pytest.mark.parametrize("render", [csv.render, markdown.render], ids=["csv", "markdown"])
@pytest.mark.parametrize("turns", [True, False], ids=["turns", "no-turns"])
def test_an_export_of_documents_unchanged_takes_the_kept_places_whole(
    render: Callable[..., str],
    turns: bool,
    options: ExportOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every document's places kept, asked for in the order kept (an export of 10,000
    # documents unchanged): the cache's columns are the places, no document's run of rows
    # taken out of them and looked at alone; the export is the one made before, when the
    # places were found in the texts (a speaker's turn cited, or none)
    plain = TRANSCRIPT.replace(": ", " said ")
    texts = {"a.txt": plain, "b.txt": TRANSCRIPT if turns else plain}
    placements = PlacementCache(None)
    documents: dict[str, Document] = {}
    annotations: list[Annotation] = []
    for key, text in texts.items():
        document = documents[key] = parse_document(text.encode(), Path(key))
        placements.put_mark(key, (1, len(text), 1, 1), document.sha256, "mark", key)
        for n in range(5):
            at = text.index(f"line {n} ")
            made = make_annotation(key, text, at, at + 6, document.sha256)
            annotations.append(made.evolve(id=f"{key}{n}"))
    annotations[-1] = annotations[-1].evolve(status=AnchorStatus.FUZZY)  # found again, changed
    path = tmp_path / "places.json"
    cache = PlacesCache(path, placements, texts)
    written = render(annotations, documents, [], dataclasses.replace(options, places=cache))
    cache.save()
    alone = count_calls(monkeypatch, places_in_text._Entry, "in_order")
    again = PlacesCache(path, placements)
    assert render(annotations, documents, [], dataclasses.replace(options, places=again)) == (
        written
    )
    assert alone.calls == 0
    assert ("BEN" in written) is turns
    assert render is csv.render or "approximate match" in written
