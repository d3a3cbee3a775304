"""Passages in their context: the first documents' shown while the rest are placed."""

from __future__ import annotations

from pathlib import Path

from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.context import first_documents, in_context
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.documents.document import Document

TEXT = "One line of text.\nAnother line, longer, of text.\nA third.\n"


def _annotations(places: list[tuple[str, int]]) -> list[Annotation]:
    return [
        make_annotation(f"{doc}.txt", TEXT, start, start + 4, "0" * 64, ("t",))
        for doc, start in places
    ]


PLACES = st.lists(st.tuples(st.sampled_from("dcbae"), st.integers(0, len(TEXT) - 4)))


@given(PLACES, st.integers(0, 12))
def test_the_first_documents_hold_at_least_so_many_and_come_first(
    places: list[tuple[str, int]], at_least: int
) -> None:
    annotations = _annotations(places)
    first, rest = first_documents(annotations, at_least)
    assert sorted(a.id for a in first + rest) == sorted(a.id for a in annotations)
    firsts, rests = {a.document for a in first}, {a.document for a in rest}
    assert all(f < r for f in firsts for r in rests)
    assert len(first) >= at_least or not rest
    if firsts:
        last = max(firsts)
        assert len(first) - sum(a.document == last for a in first) < at_least or at_least == 0


@given(PLACES, st.integers(0, 12))
def test_in_context_of_each_part_lists_what_it_lists_of_all(
    places: list[tuple[str, int]], at_least: int
) -> None:
    annotations = _annotations(places)

    def load(key: str) -> Document:
        if key == "e.txt":
            return _unreadable(key)
        return Document(Path(key), TEXT, (), key.upper(), "text", "utf-8", "0" * 64)

    first, rest = first_documents(annotations, at_least)
    one, one_problems = in_context(first, load)
    two, two_problems = in_context(rest, load)
    whole, problems = in_context(annotations, load)
    assert one + two == whole and one_problems + two_problems == problems


@given(PLACES)
def test_each_document_is_told_before_it_is_read(places: list[tuple[str, int]]) -> None:
    annotations = _annotations(places)
    told: list[tuple[int, int]] = []
    loaded: list[str] = []

    def load(key: str) -> Document:
        loaded.append(key)
        assert len(told) == len(loaded)  # told before it is read
        return Document(Path(key), TEXT, (), key.upper(), "text", "utf-8", "0" * 64)

    shown, _ = in_context(annotations, load, reading=lambda done, of: told.append((done, of)))
    documents = len({a.document for a in annotations})
    assert told == [(n, documents) for n in range(documents)]
    assert len(shown) == len(annotations)


def _unreadable(key: str) -> Document:
    from tui_reader.core.errors import DocumentError

    raise DocumentError(key, "cannot be read")


INTERVIEW = (
    "Luis Gómez 0:41\nWhere did you cross?\n\n"
    "Ana Ruiz 0:45\nAt Tijuana, in the night. The patrols came later.\n\n"
    "Luis Gómez 1:02\nAnd then?\n\n"
    "Ana Ruiz 1:10\nWe walked for two days,\nthen a truck took us north.\n"
)


def test_the_context_stops_at_the_ends_of_the_passages_line_and_turn(tmp_path: Path) -> None:
    # The query view's dimmed context after an answer ran on into the next turn, a bare
    # "Luis Gómez 1:02", and before a turn's first words showed its label: it stops at the
    # passage's line and at what the speaker said, as F shows a hit's line.
    from tui_reader.core.documents.document import load_document

    path = tmp_path / "interview.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    document = load_document(path)
    text = document.text
    assert len(document.turns) == 4

    def passage(quote: str) -> Annotation:
        start = text.index(quote)
        return make_annotation("interview.txt", text, start, start + len(quote), "0" * 64, ("t",))

    quotes = ["At Tijuana, in the night.", "The patrols came later.", "walked", "a truck took"]
    shown, problems = in_context([passage(q) for q in quotes], lambda key: document)
    assert not problems
    contexts = {item.annotation.quote: (item.before, item.after) for item in shown}
    assert contexts == {
        "At Tijuana, in the night.": ("", " The patrols came later."),
        "The patrols came later.": ("At Tijuana, in the night. ", ""),
        "walked": ("We ", " for two days,"),
        "a truck took": ("then ", " us north."),
    }


def test_a_passage_across_a_question_and_its_answer_names_both_speakers(
    tmp_path: Path,
) -> None:
    # The query view and the codebook's passages headed a passage across a question and its
    # answer with the questioner alone, though `speaker:"Ana Ruiz"` had found it as hers.
    from tui_reader.core.documents.document import load_document

    path = tmp_path / "interview.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    document = load_document(path)
    text = document.text

    def passage(quote: str) -> Annotation:
        start = text.index(quote)
        return make_annotation("interview.txt", text, start, start + len(quote), "0" * 64, ("t",))

    quotes = ["Where did you cross?\n\nAna Ruiz 0:45\nAt Tijuana", "The patrols came later."]
    shown, _ = in_context([passage(q) for q in quotes], lambda key: document)
    assert [item.speaker for item in shown] == ["[0:41] Luis Gómez, Ana Ruiz", "[0:45] Ana Ruiz"]


def test_a_transcript_s_passage_is_headed_by_its_time_and_speaker(tmp_path: Path) -> None:
    # The query view's and a report cell's passages were headed by the speaker alone
    # ("Ana Ruiz  line 5"), where the status line, the exports and `query` cite the passage
    # "[0:45] Ana Ruiz": a researcher listing a code's passages could not tell when each was
    # said without opening it.
    from tui_reader.core.documents.document import load_document

    path = tmp_path / "interview.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    document = load_document(path)
    text = document.text
    quotes = ["The patrols came later.", "And then?", "then a truck took us north."]
    passages = [
        make_annotation("interview.txt", text, at, at + len(q), "0" * 64, ("t",))
        for q in quotes
        for at in [text.index(q)]
    ]
    shown, _ = in_context(passages, lambda key: document)
    assert [item.speaker for item in shown] == [
        "[0:45] Ana Ruiz",
        "[1:02] Luis Gómez",
        "[1:10] Ana Ruiz",
    ]


_LINES = st.lists(
    st.sampled_from(
        [
            "Ana Ruiz 0:45",
            "Luis: Where did you cross?",
            "Ana: At Tijuana, in the night.",
            "INTERVIEWER",
            "[00:07:09] P03: We walked for two days.",
            "Mexico",
            "",
            "The patrols came later, and then a truck took us north.",
        ]
    ),
    min_size=1,
    max_size=10,
)
_ENDS = st.sampled_from(["\n", "\r\n", "\f", "\r"])  # a form feed: pages; a lone CR: lines


@settings(max_examples=examples(40), deadline=None)
@given(_LINES, _ENDS, st.booleans(), st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40))))
@example(  # an interview: each passage's context within its turn, its speaker named
    ["Luis: Where did you cross?", "Ana: At Tijuana, in the night.", "Luis: And then?"],
    "\n",
    False,
    [(36, 7), (66, 4)],
)
def test_a_plain_text_read_unloaded_shows_what_its_document_shows(
    lines: list[str], end: str, markdown: bool, spans: list[tuple[int, int]]
) -> None:
    """A plain text's passages shown from its text read as the search reads it (no Document
    loaded: titles, lines, context, speakers and pages) are those its loaded Document shows;
    a Markdown file, a text with pages or whose lines are not its file's, is loaded."""
    import tempfile

    from tui_reader.core.analysis.context import plain_texts
    from tui_reader.core.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        name = "notes.md" if markdown else "interview.txt"
        (corpus / name).write_bytes(end.join(lines).encode("utf-8"))
        workspace = Workspace(corpus, Path(folder) / "annotations.json")
        try:
            key = workspace.key(corpus / name)
            document = workspace.document(key)
            text = document.text
            passages = [
                make_annotation(key, text, s, min(len(text), s + n), document.sha256, ("t",))
                for s, n in spans
                if s < len(text)
            ]
            loaded, _ = in_context(passages, workspace.document)
            loads: list[str] = []

            def load(key: str) -> Document:
                loads.append(key)
                return workspace.document(key)

            read, _ = in_context(passages, load, plain=plain_texts(workspace))
            assert read == loaded
            unloaded = not markdown and end in ("\n", "\r\n")
            assert loads == ([] if unloaded or not passages else [key])
        finally:
            workspace.store.close()
