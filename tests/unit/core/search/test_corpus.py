"""Corpus search: line numbers, hit context, counting and capping, the text cache."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from unittest import mock

import pytest
from helpers import examples
from helpers.texts import text_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.facts import plain_title
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.errors import DocumentError
from tui_reader.core.search import corpus as corpus_module
from tui_reader.core.search.corpus import (
    LINE_END,
    CorpusTexts,
    hit_context,
    read_canonical,
    read_fresh,
    search_corpus,
    search_texts,
    title_and_text,
)
from tui_reader.core.search.finder import smart_case_finder
from tui_reader.core.search.text_pack import TextPack, text_flags
from tui_reader.core.workspace import Workspace


def test_line_numbers_are_one_based_source_lines() -> None:
    text = "one\ntwo\n\nfour"
    assert LineIndex(text).lines([0, 3, 4, 8, 9, len(text)]) == [1, 1, 2, 3, 4, 4]
    assert LineIndex(text).lines([]) == []
    with pytest.raises(ValueError):
        LineIndex(text).lines([5, 1])


@settings(max_examples=examples(60))
@given(st.text(alphabet="ab \n", max_size=200), st.lists(st.integers(0, 200), max_size=8))
def test_line_numbers_match_counting(text: str, raw: list[int]) -> None:
    offsets = sorted(min(o, len(text)) for o in raw)
    assert LineIndex(text).lines(offsets) == [text.count("\n", 0, o) + 1 for o in offsets]


def test_context_puts_the_hit_in_one_line_and_marks_cuts() -> None:
    text = "Start.\n\nThe   border with\nMexico was closed by the army, and then much more text."
    start = text.index("Mexico")
    context, hs, he = hit_context(text, start, start + 6, width=30)
    assert context[hs:he] == "Mexico"
    assert "\n" not in context and "  " not in context
    assert context.startswith("…") and context.endswith("…")
    assert len(context) <= 30
    # At the very start and end of a text nothing is cut.
    assert hit_context("Mexico", 0, 6, 30) == ("Mexico", 0, 6)


@settings(max_examples=examples(80))
@given(
    st.text(alphabet="ab \n\tc", max_size=300),
    st.integers(0, 300),
    st.integers(1, 20),
    st.integers(10, 120),
)
def test_context_always_holds_the_flattened_hit(
    text: str, start: int, length: int, width: int
) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    context, hs, he = hit_context(text, start, end, width)
    flat = re.sub(r"\s+", " ", text[start:end])
    if len(flat) <= width:
        assert context[hs:he] == flat
    assert "\n" not in context
    assert len(context) <= max(width, len(flat)) + 1


def _reference_context(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """:func:`hit_context` as it was first written: its whitespace runs made one space by the
    regex ``\\s+`` (the context must stay exactly this)."""
    with mock.patch.object(corpus_module, "_flat", lambda part: re.sub(r"\s+", " ", part)):
        return hit_context(text, start, end, width)


# Every kind of whitespace \s and str.split() know (ASCII, C0 separators, NEL, no-break and
# wide spaces, line and paragraph separators), and characters that are not whitespace.
_SPACY = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2003\u2028\u2029\u3000\u200bab\ufeff"


@settings(max_examples=examples(300))
@given(
    st.text(alphabet=_SPACY, max_size=400),
    st.integers(0, 400),
    st.integers(0, 30),
    st.integers(1, 120),
)
def test_context_is_the_regex_flattened_context(
    text: str, start: int, length: int, width: int
) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert hit_context(text, start, end, width) == _reference_context(text, start, end, width)


def test_a_context_ends_where_its_line_ends() -> None:
    """The corpus search (``F``) listed a memo's hit on line 2 with the words of lines 1 and
    3 around it, a hit in a document's title with the story's first words after it, and a
    transcript's turn with the next speaker's label, as one run of text beside one line's
    number: a context is its hit's line, as ``tui-reader search`` prints it (a hit over a
    line's end, its lines)."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    memo = "First thought about it.\nThe army again, briefly.\nA third line after it."
    text = (
        "The army title\n\nA: the army came.\nB: and then?\n"
        "In a move the\narmy made, they went on.\n"
    )
    found = search_corpus(
        [("a.txt", "A", text)],
        "army",
        memos=[Memo(MemoKind.JOURNAL, "", memo)],
    )
    assert [(h.line, h.context) for h in found.hits] == [
        (1, "The army title"),
        (3, "A: the army came."),
        (6, "army made, they went on."),
        (2, "The army again, briefly."),
    ]
    across = search_corpus([("a.txt", "A", text)], "the army made").hits
    assert [h.context for h in across] == ["In a move the army made, they went on."]
    # the room a line's end leaves unused goes before the hit, as the command's does
    assert [h.context for h in search_corpus([("a", "A", text)], "title", width=14).hits] == [
        "The army title"
    ]
    start = text.index("army", 20)
    context, hs, he = hit_context(text, start, start + 4, 12, within=LINE_END)
    assert context[hs:he] == "army" and context == "…army came."


def test_context_cut_at_word_boundaries_not_inside_a_word() -> None:
    # The reported case: a 10,000-document corpus, "thing 99" searched; the context began
    # "…rt 99 Some words…", the end of a word cut off.
    text = (
        "The report 98 is long. Report 99 Some words about the thing 99 and what followed it after"
    )
    start = text.index("thing 99")
    for width in range(20, 80):
        context, hs, he = hit_context(text, start, start + 8, width)
        assert context[hs:he] == "thing 99"
        body = context.strip("…")
        words = text.split()
        if context.startswith("…"):
            assert body.split()[0] in words, (width, context)
        if context.endswith("…"):
            assert body.split()[-1] in words, (width, context)
        assert len(context) <= width


def test_the_room_the_after_side_leaves_goes_to_a_word_before_the_hit() -> None:
    """The corpus search (``F``) at 80 columns listed "…versions of the software inside
    them, although the…" where "modified" fitted before it: the before side was cut to its
    third of the room first, and the room the after side's cut at a word left was not given
    back to it."""
    line = "modified versions of the software inside them, although the manufacturer"
    text = f"First.\n{line}\nLast."
    start = text.index("software")
    context, hs, he = hit_context(text, start, start + 8, 62, within=LINE_END)
    assert context == "modified versions of the software inside them, although the…"
    assert context[hs:he] == "software"
    words = line.split()
    for width in range(20, len(line)):
        context, hs, he = hit_context(text, start, start + 8, width, within=LINE_END)
        assert len(context) <= width and context[hs:he] == "software", width
        if context.startswith("…") and context.endswith("…"):  # cut both sides at a word
            shown = context[1:-1].split()
            left_out = words[words.index(shown[0]) - 1]
            assert len(context) + len(left_out) + 1 > width, (width, context)


def test_context_keeps_the_rest_of_the_word_holding_the_hit() -> None:
    # A hit inside a word: the word's letters beside it stay, though no space is near.
    text = "aaaa bbbb something cccc dddd"
    start = text.index("thing")
    context, hs, he = hit_context(text, start, start + 5, 13)
    assert context[hs:he] == "thing"
    assert context[:hs] == "…e"  # not "…" alone, as if the hit began a word


DOCS = [
    ("a.txt", "A", "Mexico and mexico.\nMEXICO again: Mexico"),
    ("b.txt", "B", "nothing here"),
    ("c.txt", "C", "line one\nin Mexico\nmexico"),
]


def test_smart_case_counts_every_hit_and_lists_in_corpus_order() -> None:
    folded = search_corpus(DOCS, "mexico")
    assert folded.total == 6 and folded.documents == 2 and folded.searched == 3
    assert [(h.key, h.line) for h in folded.hits] == [
        ("a.txt", 1), ("a.txt", 1), ("a.txt", 2), ("a.txt", 2), ("c.txt", 2), ("c.txt", 3)
    ]  # fmt: skip
    exact = search_corpus(DOCS, "Mexico")
    assert exact.total == 3
    assert [h.context[h.hit_start : h.hit_end] for h in exact.hits] == ["Mexico"] * 3
    hit = exact.hits[-1]
    assert DOCS[2][2][hit.start : hit.end] == "Mexico" and hit.title == "C"


def test_a_phrase_over_a_line_end_is_found_as_the_reader_finds_it(tmp_path: Path) -> None:
    """The reader's ``/`` found "peace talks" over a hard-wrapped line's end, and "10 km"
    written with a no-break space; the corpus search (``F``) listed neither: both find what
    the other finds, its packed texts and files read alike."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The peace\n  talks went on\nfor 10\xa0km.\n", "utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    try:
        for run in range(2):  # the files read, then their packed texts
            texts = CorpusTexts(workspace)
            for query in ("peace talks", "10 km"):
                results = search_texts(texts, workspace.keys(), query)
                assert [(h.line, h.context[h.hit_start : h.hit_end]) for h in results.hits] == [
                    (1 if query == "peace talks" else 3, query)
                ], (run, query)
            texts.save()
            texts.pack.close()
    finally:
        workspace.store.close()


def test_limit_lists_the_first_hits_but_counts_all() -> None:
    results = search_corpus(DOCS, "mexico", limit=4)
    assert len(results.hits) == 4 and results.total == 6 and results.capped
    assert search_corpus(DOCS, "").total == 0


def test_cancelled_search_stops_between_documents() -> None:
    seen: list[str] = []

    def documents():  # type: ignore[no-untyped-def]
        for doc in DOCS:
            seen.append(doc[0])
            yield doc

    results = search_corpus(documents(), "mexico", cancelled=lambda: len(seen) >= 1)
    assert results.searched == 0 and seen == ["a.txt"]


def test_corpus_texts_keep_what_could_not_be_read_of_a_file_with_its_text(
    tmp_path: Path,
) -> None:
    # The app's search packed an EPUB missing a chapter without a word of it, and the
    # command's search, reading its text from that pack, said nothing either.
    from helpers.format_fixtures import make_epub

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    book = make_epub(corpus / "book.epub", [("One", "Text.")], missing=["gone.xhtml"])
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    texts = CorpusTexts(workspace)
    try:
        key = workspace.keys()[0]
        texts.get(key)
        said = texts.pack.problems(key, file_stamp(book))
        assert said == load_document(book).problems != ()
    finally:
        texts.pack.close()  # its spool, else left to the collector
        workspace.store.close()


def test_corpus_texts_reload_a_changed_file(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(corpus_copy, tmp_path / "annotations.json")

    def no_reading(*args: object) -> object:
        raise AssertionError("read again")

    texts = CorpusTexts(workspace)
    try:
        key = workspace.keys()[0]
        _, text = texts.get(key)
        with monkeypatch.context() as patched:
            patched.setattr("tui_reader.core.search.corpus.title_and_text", no_reading)
            patched.setattr(workspace, "document", no_reading)
            assert texts.get(key)[1] == text  # kept
        path = workspace.path(key)
        path.write_text("A new headline\n\nChanged text about Mexico.\n", encoding="utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
        title, changed = texts.get(key)
        assert "Changed text" in changed and title == "A new headline"
        texts.forget_missing([])
        assert texts.get(key)[1] == changed
    finally:
        texts.pack.close()  # its spool, else left to the collector
        workspace.store.close()


def test_corpus_texts_are_the_documents_and_never_read_outside(tmp_path: Path) -> None:
    corpus, _db = text_corpus(
        tmp_path,
        {
            "plain.txt": "\n  A  title\n\nP1: hello\n\x1b[31mred\n",
            "notes.md": "# Heading *one*\n\nText.\n",
        },
    )
    (tmp_path / "secret.txt").write_text("secret\n", "utf-8")
    (corpus / "link.txt").symlink_to(tmp_path / "secret.txt")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    texts = CorpusTexts(workspace)
    try:
        for key in ("plain.txt", "notes.md"):
            document = workspace.document(f"corpus/{key}")
            assert texts.get(f"corpus/{key}") == (document.title, document.text)
        with pytest.raises(DocumentError, match="outside the corpus"):
            texts.get("corpus/link.txt")
    finally:
        texts.pack.close()  # its spool, else left to the collector
        workspace.store.close()


def test_memos_are_searched_after_the_documents_and_marked() -> None:
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.core.search.corpus import search_corpus

    memos = [
        Memo(MemoKind.DOCUMENT, "docs/b.txt", "Why the Army?\nThe army again."),
        Memo(MemoKind.CODE, "security", "nothing"),
        Memo(MemoKind.JOURNAL, "", "army day"),
    ]
    results = search_corpus([("docs/a.txt", "A", "the army")], "army", memos=memos)
    assert [(h.key, h.memo is not None, h.line) for h in results.hits] == [
        ("docs/a.txt", False, 1),
        ("docs/b.txt", True, 1),  # smart case: "army" finds "Army" too
        ("docs/b.txt", True, 2),
        ("", True, 1),
    ]
    assert results.hits[1].title == "memo of b.txt"
    assert (results.total, results.documents, results.memos) == (4, 1, 2)
    assert results.per_document[results.hits[1].group] == 2
    capped = search_corpus([("docs/a.txt", "A", "the army")], "army", memos=memos, limit=2)
    assert len(capped.hits) == 2 and capped.total == 4
    exact = search_corpus([], "Army", memos=memos)
    assert [(h.line, h.memo is memos[0]) for h in exact.hits] == [(1, True)]


@settings(max_examples=examples(25), deadline=None)
@given(
    st.lists(st.text(alphabet="ab AB\n*#é\u212a\u0131", max_size=25), min_size=1, max_size=4),
    st.lists(st.text(alphabet="abAB é\u212a", min_size=1, max_size=3), min_size=1, max_size=3),
)
def test_searches_from_the_packed_texts_are_searches_of_the_files(
    texts: list[str], queries: list[str]
) -> None:
    """A search whose texts come from the pack (and are skipped unread where their bytes
    hold no match) finds what a search of the files finds, in a later run too."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for n, text in enumerate(texts):
            (corpus / f"d{n}.{'md' if n % 2 else 'txt'}").write_text(text, "utf-8")
        db = Path(folder) / "annotations.json"
        workspace = Workspace(corpus, db)
        try:
            # Reading the files, from the pack a later run kept, with a pack too full to take
            # any text (they are held decoded).
            for run in range(3):
                texts_ = CorpusTexts(workspace, TextPack(None, max_bytes=0) if run == 2 else None)
                keys = workspace.keys()
                for query in queries:
                    finder = smart_case_finder(query)
                    documents = [workspace.document(k) for k in keys]  # the files
                    read = [(k, d.title, d.text) for k, d in zip(keys, documents, strict=True)]
                    # First (run 0) with nothing packed: the texts beyond the listed hits read,
                    # packed and counted in their bytes; then from the pack.
                    for limit in (1, 2):  # the rest counted in the packed bytes
                        kept = search_texts(texts_, keys, query, limit=limit)
                        scan = search_corpus(read, query, limit=limit)
                        assert (kept.hits, kept.total, kept.per_document, kept.truncated) == (
                            scan.hits, scan.total, scan.per_document, scan.truncated
                        ), (run, limit)  # fmt: skip
                    packed = [(k, *texts_.searchable(k, finder)) for k in keys]
                    found = search_corpus(packed, query)
                    expected = search_corpus(read, query)
                    assert (found.hits, found.total, found.documents) == (
                        expected.hits, expected.total, expected.documents,
                    ), run  # fmt: skip
                texts_.save()
                texts_.pack.close()
        finally:
            workspace.store.close()


@settings(max_examples=examples(20), deadline=None)
@given(
    st.lists(st.text(alphabet="ab AB\n", max_size=20), min_size=1, max_size=9),
    st.sampled_from(["a", "B", "ab", "b a"]),
    st.integers(1, 4),  # the documents looked at in one look
    st.lists(st.integers(0, 8), max_size=3),  # documents written again after being packed
    st.integers(0, 3),  # the hits listed before the rest is counted
)
def test_the_packed_texts_looked_at_a_batch_at_a_time_are_searched_as_the_files(
    texts: list[str], query: str, batch: int, changed: list[int], limit: int
) -> None:
    """A search of texts kept takes the stamps of a batch of files together and tests their
    packed bytes under one lock: it finds and counts what a search of the files finds, a file
    written again since it was packed (its stamp not the packed text's) and one deleted
    (could not be read) among them."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for n, text in enumerate(texts):
            (corpus / f"d{n}.txt").write_text(text, "utf-8")
        workspace = Workspace(corpus, Path(folder) / "annotations.json")
        try:
            keys = workspace.keys()
            texts_ = CorpusTexts(workspace)
            search_texts(texts_, keys, query, limit=limit)  # packed, counted past the limit
            for n in changed:
                if n < len(texts):
                    (corpus / f"d{n}.txt").write_text(f"{texts[n]} a B b a", "utf-8")
            gone = len(texts) // 2
            (corpus / f"d{gone}.txt").unlink()
            with mock.patch.object(corpus_module, "LOOKED_AT_ONCE", batch):
                found = search_texts(texts_, keys, query, limit=limit)
            read = [(k, *CorpusTexts(workspace, TextPack(None)).get(k)) for k in keys
                    if not k.endswith(f"/d{gone}.txt")]  # fmt: skip
            expected = search_corpus(read, query, limit=limit)
            assert (found.hits, found.total, found.per_document, found.searched) == (
                expected.hits, expected.total, expected.per_document, expected.searched
            )  # fmt: skip
            assert len(found.problems) == 1 and f"d{gone}.txt" in found.problems[0]
            texts_.pack.close()
        finally:
            workspace.store.close()


# The first lines of a Markdown export of ours (a BOM and CR LF as a copy saved on Windows
# has them, or front matter): saved as a plain text in the corpus, no document.
_EXPORT_HEADS = (
    "# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01 10:00 UTC.\n\n",
    "\ufeff# Annotations by tag\r\n\r\nExported by tui-reader 1.0\r\n\r\n",
    '---\n"tui-reader": "export"\n---\n\n# Annotations\n\n',
)


@settings(max_examples=examples(25), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab AB\n#é>", max_size=25),
            st.sampled_from([None, *_EXPORT_HEADS]),  # a document, or an export of ours
            st.booleans(),  # a plain text, or Markdown
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["a", "B", "ab", "é", "#"]),
)
def test_a_search_telling_our_exports_by_their_bytes_finds_what_the_listing_lets_it(
    files: list[tuple[str, str | None, bool]], query: str
) -> None:
    """The corpus search asked at start is given the names the first listing found before it
    read the plain texts' and Markdown files' first bytes (:meth:`Workspace.keys_to_search`),
    each of those texts to be told from a Markdown export of ours by the bytes it reads
    (a Markdown file's too, as a plain text's): it finds what a
    search of the documents the listing keeps finds, read now or from the pack (an export
    packed as a document by an earlier search among them)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        names = []
        for n, (text, head, plain) in enumerate(files):
            names.append(f"d{n}.{'txt' if plain else 'md'}")
            (corpus / names[-1]).write_text((head or "") + text, "utf-8")
        workspace = Workspace(corpus, Path(folder) / "annotations.json")
        try:
            kept = workspace.keys()  # the exports of ours left out
            every = [f"corpus/{name}" for name in names]  # (every text left to be told)
            unchecked = {str(workspace.path(k)) for k in every}
            read = [(k, *CorpusTexts(workspace, TextPack(None)).get(k)) for k in kept]
            expected = search_corpus(read, query, limit=2)
            for run in range(3):  # read now, then from the pack, then with exports packed
                texts = CorpusTexts(workspace)
                if run == 2:  # an earlier search that took every plain text as a document
                    search_texts(texts, every, query)
                found = search_texts(texts, every, query, limit=2, unchecked=unchecked)
                assert (found.hits, found.total, found.per_document, found.searched) == (
                    expected.hits, expected.total, expected.per_document, expected.searched
                ), run  # fmt: skip
                texts.save()
                texts.pack.close()
        finally:
            workspace.store.close()


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(
        st.sampled_from(["# Title\n", "word ", "\r\n", "\n\n", "café ", "- item\n", "**b**",
                         "\x1b[31m", "\x85", "\ufeff", "\u212a", "&amp;", "\t", "語", "\x00",
                         "\x7f", "\r", "Word"]),
        max_size=12,
    ).map("".join),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    st.sampled_from(["notes.txt", "notes.md"]),
    st.sampled_from(["word", "Word", "é", "k", "o\nw"]),
)  # fmt: skip
def test_a_small_text_read_whole_is_the_document(
    text: str, encoding: str, name: str, query: str
) -> None:
    """Read whole (its size known, small), a chunk at a time, or for a first search (its
    stamp from the open, tested in its bytes): the document's title and text, or the same
    refusal."""
    import tempfile

    data = text.encode(encoding, "replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        fmt = "markdown" if name.endswith(".md") else "text"
        try:
            document = load_document(path)
        except DocumentError as exc:
            with pytest.raises(DocumentError) as raised:
                title_and_text(path, fmt, len(data))
            assert str(raised.value) == str(exc)
            with pytest.raises(DocumentError) as raised:
                read_canonical(str(path), fmt, len(data))  # the place as listed: the same
            assert str(raised.value) == str(exc)
            with pytest.raises(DocumentError) as raised:
                read_fresh(str(path), fmt, smart_case_finder(query))
            assert str(raised.value) == str(exc)
            return
        expected = (document.title, document.text)
        assert title_and_text(path, fmt, len(data)) == expected
        assert title_and_text(path, fmt) == expected
        *read, utf8 = read_canonical(path, fmt, len(data))
        assert tuple(read) == expected
        assert read_canonical(str(path), fmt, len(data)) == (*read, utf8)  # as listed
        finder = smart_case_finder(query)
        for where, tester in ((str(path), finder), (path, None)):
            fresh = read_fresh(where, fmt, tester)
            assert fresh.stamp == file_stamp(path)
            text_read = fresh.decoded()
            assert text_read == document.text
            title = plain_title(text_read, path) if fresh.title is None else fresh.title
            assert title == document.title
            assert fresh.data is None or fresh.data == document.text.encode("utf-8")
            if fresh.held is not None:  # told by its bytes: as the text says
                assert tester is not None and fresh.held == finder.found_in(document.text)
            if fresh.flags is not None:  # found as it was read: as the pack would find them
                assert fresh.flags == text_flags(document.text)
        if utf8 is not None:  # handed to the pack as the text's UTF-8
            assert utf8 == document.text.encode("utf-8")


def test_a_hit_s_line_is_the_file_s_as_grep_counts_it(tmp_path: Path) -> None:
    """The corpus search (``F``) counted a form feed or a lone CR of a plain text as a line
    break, where ``tui-reader search`` and grep count line feeds alone: a hit's line is the
    file's, from the packed texts, the files read now, and a document the workspace loaded."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"one\fpage two\fpage three\nfour needle\n")
    (corpus / "b.txt").write_bytes(b"one\rtwo\rthree needle\rfour\n")
    (corpus / "c.md").write_text("# Title\n\nneedle\n", "utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    expected = [("a.txt", 2), ("b.txt", 1), ("c.md", 3)]
    try:
        for run in range(2):  # the files read, then their packed texts
            texts = CorpusTexts(workspace)
            results = search_texts(texts, workspace.keys(), "needle")
            assert [(Path(h.key).name, h.line) for h in results.hits] == expected, run
            texts.save()
            texts.pack.close()
        plain = [key for key in list(workspace.keys()) if key.endswith(".txt")]
        for key in plain:
            workspace.document(key)
        texts = CorpusTexts(workspace)
        with mock.patch.object(corpus_module, "file_breaks", side_effect=AssertionError):
            results = search_texts(texts, plain, "needle")  # the loaded documents' breaks
        assert [(Path(h.key).name, h.line) for h in results.hits] == expected[:2]
        texts.pack.close()
    finally:
        workspace.store.close()


def test_a_hit_s_context_is_its_whole_line_across_a_form_feed_or_a_lone_cr(
    tmp_path: Path,
) -> None:
    """``F`` listed the two hits of "walls one\\fwalls two" under the same line, grep's 2,
    each with another context ("walls one", "walls two"), cut where the text's newline for
    the form feed is: a hit's context is the line of its file, as grep prints it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "g.txt").write_bytes(b"first\nwalls one\fwalls two\nfour\rwalls five\nlast\n")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    try:
        for run in range(2):  # the file read, then its packed text
            texts = CorpusTexts(workspace)
            results = search_texts(texts, workspace.keys(), "walls")
            said = [(hit.line, hit.context) for hit in results.hits]
            assert said == [
                (2, "walls one walls two"),
                (2, "walls one walls two"),
                (3, "four walls five"),
            ], run
            texts.save()
            texts.pack.close()
    finally:
        workspace.store.close()


@pytest.mark.parametrize("where", ["outside", "inside"])
@pytest.mark.parametrize("read", ["first", "again"])
def test_a_listed_file_made_a_link_is_read_only_where_it_leads_inside(
    tmp_path: Path, where: str, read: str
) -> None:
    """The corpus search takes a file the last listing (up to a few seconds old) found there,
    no link, as inside the corpus: ``a.txt`` made a link to a file outside just after was read
    once, its text searched and shown.  Such a file is now opened as no link and, found one,
    read only when where it leads lies inside."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nthe first words\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Another\n\nsecret words inside\n", encoding="utf-8")
    (tmp_path / "passwd").write_text("root secret words\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    texts = CorpusTexts(workspace, TextPack(tmp_path / "texts"))
    try:
        key = next(key for key, f in workspace.keyed_files() if f.rel == "a.txt")
        finder = smart_case_finder("secret")
        if read == "again":
            assert texts.searchable(key, finder) == ("", "")  # read, packed: no hit
        (corpus / "a.txt").unlink()
        leads = tmp_path / "passwd" if where == "outside" else corpus / "b.txt"
        (corpus / "a.txt").symlink_to(leads)
        assert workspace.listed_location(key) is not None  # the listing as it was
        if where == "outside":
            with pytest.raises(DocumentError, match="outside the corpus"):
                texts.searchable(key, finder)
            with pytest.raises(DocumentError, match="outside the corpus"):
                texts.get(key)
        else:
            assert "secret words inside" in texts.searchable(key, finder)[1]
    finally:
        texts.pack.close()  # its spool, else left to the collector
        workspace.store.close()


@pytest.mark.parametrize(
    ("note", "made"),
    [
        ("# Notes\n\n- one item\n- the other\n\nA paragraph\nread on.\n", False),
        ("# Notes\n\n- loose item\n\n- the other one\n", False),
        ("Intro line\n\n## The part\n\nText of it.\n", False),  # titled by its heading
        ("# Only a heading", False),
        ("No heading\n\n- an item\n- another\n", True),  # titled by a line of its text
        ("# Caf\u00e9 notes\n\n- \u00e9t\u00e9\n", True),  # beyond ASCII
        ("# Notes\n\nSome *emphasis* here.\n", True),  # no plain Markdown: rendered
        ("+++\ntitle = 'x'\n+++\n# Notes\n", True),  # a header
    ],
)
def test_an_ascii_note_s_text_for_a_first_search_is_made_as_utf8_alone(
    tmp_path: Path, note: str, made: bool
) -> None:
    """A first search packs each Markdown note's text as UTF-8: an ASCII note's rendering,
    bullets and all, was joined as a text of two bytes a character and encoded again (2,000
    notes: 45 ms of the rendering and its encoding, 37 ms written as UTF-8 alone).  Its text
    is not made unless asked for, and it is the document's, as are its title, its flags and
    whether it holds the query."""
    path = tmp_path / "note.md"
    path.write_text(note, encoding="utf-8")
    document = load_document(path)
    for query in ("the", "The", "zzz"):
        finder = smart_case_finder(query)
        fresh = read_fresh(str(path), "markdown", finder)
        assert (fresh.text is not None) == made
        assert fresh.decoded() == document.text and fresh.title == document.title
        if not made:
            assert fresh.data == document.text.encode("utf-8")
            assert fresh.flags == text_flags(document.text)
            assert fresh.held == finder.found_in(document.text)


def test_hits_counted_in_a_text_kept_are_counted_again_only_once_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hits of a common word past the first listed are counted in the texts kept: each
    search counted them again in every text (the app's F opens on the last query, searched
    again), lowercasing and counting 100 MB.  Counted once for a text as it is, they are
    taken again until its file changes, and the totals are a search of the files'."""
    corpus, _db = text_corpus(
        tmp_path, {f"d{n}.txt": "The cat and the hat.\nthe end\n" * (n + 1) for n in range(6)}
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    counted: list[int] = []
    real = corpus_module.Finder.count_in_bytes

    def count_in_bytes(self: object, data: object, start: int, end: int, flags: int) -> object:
        counted.append(end - start)
        return real(self, data, start, end, flags)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module.Finder, "count_in_bytes", count_in_bytes)
    texts = CorpusTexts(workspace)
    try:
        keys = workspace.keys()
        for step, query in enumerate(("the", "The", "the")):
            for run in range(2):  # read now, then from the pack
                counted.clear()
                found = search_texts(texts, keys, query, limit=2)
                read = [(k, *CorpusTexts(workspace, TextPack(None)).get(k)) for k in keys]
                expected = search_corpus(read, query, limit=2)
                assert (found.hits, found.total, found.per_document) == (
                    expected.hits, expected.total, expected.per_document
                )  # fmt: skip
                assert found.total == (3 if query == "the" else 1) * 21
                # counted the first time each literal is, then as counted then
                assert (counted == []) == (run == 1 or step == 2), (query, run, counted)
                texts.save()
        changed = corpus / "d3.txt"
        changed.write_text("the the\n", "utf-8")
        counted.clear()
        found = search_texts(texts, keys, "the", limit=2)
        assert counted == [len("the the\n")]  # that one alone counted again
        assert found.per_document[keys[3]] == 2
    finally:
        texts.pack.close()
        workspace.store.close()


def _search_after(
    start: threading.Barrier, texts: CorpusTexts, keys: list[str], limit: int, found: list[object]
) -> None:
    """Search "the" in ``texts`` once ``start`` is passed; what it found added to ``found``."""
    start.wait()
    results = search_texts(texts, keys, "the", limit=limit)
    found.append((results.hits, results.total, results.per_document))


@pytest.mark.parametrize("limit", [1000, 1])  # hits listed, or counted past the first
def test_two_searches_at_once_over_one_new_file_each_find_its_hits_once(
    tmp_path: Path, limit: int
) -> None:
    """The app's search typed again while the last still runs (that one cancelled, but on
    its way to the next document) searches the same texts from two threads: both read the
    new files, pack them and count in them at once.  Each finds what a search alone finds,
    no text's hits counted twice (a search was once seen saying twice the hits there were)."""
    from helpers.threads import joined

    corpus, _db = text_corpus(
        tmp_path, {"new.txt": "the cat\nThe hat\n" * 10, "note.md": "# The\n\n- the end\n"}
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    try:
        keys = workspace.keys()
        read = [(k, *CorpusTexts(workspace, TextPack(None)).get(k)) for k in keys]
        expected = search_corpus(read, "the", limit=limit)
        want = (expected.hits, expected.total, expected.per_document)
        for round_ in range(6):  # the files new to the texts each round; packed or held
            pack = TextPack(tmp_path / f"pack{round_}" if round_ % 2 else None)
            texts = CorpusTexts(workspace, pack)
            start = threading.Barrier(2)
            found: list[object] = []
            threads = [
                threading.Thread(target=_search_after, args=(start, texts, keys, limit, found))
                for _ in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                joined(thread, "searched")
            assert found == [want, want]
            pack.close()
    finally:
        workspace.store.close()


def test_a_file_holding_nul_bytes_is_searched_in_its_bytes_as_grep_searches_it(
    tmp_path: Path,
) -> None:
    """The app's F counted a ``.txt`` holding NUL bytes (a core dump or a database saved
    under a text's name) among the documents that "could not be read", whether or not it
    held the query, where grep (and ``tui-reader search``) searches it in its bytes and says
    "binary file matches" of it when it does.  It is now searched so: named among the
    results' binary files when its bytes hold a match (a NUL a line's end: no match across
    one), searched and said nothing of when they do not, each search (none of it is kept);
    a file too large to read at each search is said as refused."""
    corpus, _db = text_corpus(
        tmp_path,
        {
            "a.txt": "The army came.\n",
            "core.txt": b"\x00\x00\x00\x00army\x00mexi\x00co\n",
            "dump.txt": b"\x00\x00\x00\x00nothing here\n",
        },
    )
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    texts = CorpusTexts(workspace)
    try:
        keys = workspace.keys()
        core = next(k for k in keys if k.endswith("core.txt"))
        for _run in range(2):  # read now, then with the other texts packed
            found = search_texts(texts, keys, "army")
            assert (found.total, found.binary, found.problems) == (1, [core], [])
            assert found.searched == 3 and found.documents == 1
            missed = search_texts(texts, keys, "mexico")  # (across a NUL: two lines)
            assert (missed.total, missed.binary, missed.problems, missed.searched) == (
                0, [], [], 3
            )  # fmt: skip
            texts.save()

        # Too large to read at each search as the query is typed: said as it was refused.
        with mock.patch.object(corpus_module, "BINARY_SEARCHED", 8):
            found = search_texts(texts, keys, "army")
        assert found.binary == [] and len(found.problems) == 2

        # Refused, then not read again (gone meanwhile): said as it was refused.
        def gone(where: object, **_kwargs: object) -> bytes:
            raise DocumentError(str(where), "no such file")

        with mock.patch.object(corpus_module, "read_document_bytes", gone):
            found = search_texts(texts, keys, "army")
        assert found.binary == [] and len(found.problems) == 2
        assert all("binary file (contains NUL bytes)" in said for said in found.problems)
    finally:
        texts.pack.close()
        workspace.store.close()
