"""Document facts for the library: quick facts agree with the loaded document; the cache is
never the truth; the scan gives cheap facts first and exact ones later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.texts import text_corpus
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.catalog import scan_facts
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.facts import DocumentFacts, facts_of, quick_facts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.stamps import Stamp

LINES = st.lists(
    st.text(alphabet=st.sampled_from("ab cd\tÉé.\n\r-•\x1b[1m"), max_size=40), max_size=12
)


@settings(max_examples=examples(60), deadline=None)
@given(lines=LINES)
def test_quick_facts_of_plain_text_are_the_documents(
    tmp_path_factory: object, lines: list[str]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert quick_facts(path, "text") == facts_of(load_document(path))


def test_quick_facts_of_markdown_read_the_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("Some intro line\n\n# The *real* title #\n\n- one two\n- three\n", "utf-8")
    facts = quick_facts(path, "markdown")
    exact = facts_of(load_document(path))
    assert facts.title == exact.title == "The real title"
    assert not facts.exact and abs(facts.words - exact.words) <= 1


MARKDOWN_LINES = st.lists(
    st.sampled_from(["# Title one", "## Two", "- item a", "- b", "", "Speaker: said so", "text",
                     "text *em*", "&amp;", "1. one", "    code", "x\xa0y", "a\tb", "é語"]),
    max_size=12,
)  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@given(lines=MARKDOWN_LINES)
def test_quick_facts_of_markdown_are_exact_or_marked_estimated(lines: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        facts = quick_facts(path, "markdown")
        if facts.exact:
            assert facts == facts_of(load_document(path))


def test_plain_markdown_has_exact_quick_facts(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("# A title\n\nAnn: words here\n- one\n- two\n", "utf-8")
    facts = quick_facts(path, "markdown")
    assert facts.exact and facts == facts_of(load_document(path))
    assert facts.words == 9  # "•" is a word, as the reader shows it


def test_plain_markdown_s_quick_facts_hash_its_source_once_and_its_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Markdown document's hash is its rendered text's, hashed after; its source's is kept
    # beside its facts (a touched file of the same bytes keeps them), taken once.
    import hashlib

    from helpers.counting import count_calls

    from tui_reader.core import digests
    from tui_reader.core.documents.facts import quick_facts_text_and_raw

    path = tmp_path / "plain.md"
    path.write_text("# A title\n\nThe road was long.\n- one\n- two\n", "utf-8")
    hashed = count_calls(monkeypatch, digests, "sha256")
    facts, _text, _stamp, raw = quick_facts_text_and_raw(path, "markdown")
    assert hashed.calls == 2
    monkeypatch.undo()
    assert facts.exact and facts == facts_of(load_document(path))
    assert raw == hashlib.sha256(path.read_bytes()).hexdigest()


def test_plain_markdown_s_words_are_counted_without_a_look_through_its_source() -> None:
    # A first listing counts the words of each plain Markdown file from its source's, less
    # one a heading (its hashes): its headings were counted by looking for "\n#" through
    # the whole source, at a character's pace (a fifth of the file's facts); the rendering
    # has them, each a heading of its text.
    from helpers.watched_text import WatchedText

    from tui_reader.core.documents.document import plain_markdown_document
    from tui_reader.core.documents.words import count_words

    source = "# A title\n\n" + "The road was long, the army near.\n\n" * 60
    source += "## Part two\n\n- one item\n- two\n\n### Three\n\nEnd.\n"
    watched = WatchedText(source)
    document = plain_markdown_document(
        watched, Path("notes.md"), "utf-8", count_words(source), with_spans=False
    )
    assert document is not None and watched.long_looks() == []
    assert document.words == count_words(source) - 3 == count_words(document.text)


def test_plain_markdown_s_facts_are_those_of_its_document_with_no_document_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first listing made a Document of each plain Markdown file for its facts alone (its
    # path, its span table): a quarter of the time its facts took.  They are the same.
    from tui_reader.core.documents import document as document_module

    path = tmp_path / "interview.md"
    turns = "".join(f"ANA: Answer {n}, at the market.\n\nBEN: Question {n}?\n\n" for n in range(6))
    path.write_text("# Market day\n\n" + turns + "- one item\n- two\n", encoding="utf-8")
    loaded = facts_of(load_document(path))
    made = count_calls(monkeypatch, document_module, "Document")
    quick = quick_facts(path, "markdown")
    assert (made.calls, quick) == (0, loaded)
    assert (quick.title, quick.metadata) == ("Market day", {"speakers": "ANA, BEN"})


def test_cache_is_keyed_on_the_stamp_and_survives_a_restart(tmp_path: Path) -> None:
    cache_file = tmp_path / "facts"
    cache = FactsCache(cache_file)
    facts = DocumentFacts("Title", 12, 80)
    cache.put("a.txt", (1, 80, 0, 0), facts)
    cache.save()
    again = FactsCache(cache_file)
    assert again.get("a.txt", (1, 80, 0, 0)) == facts
    assert again.get("a.txt", (2, 80, 0, 0)) is None  # touched: read again
    assert again.get("a.txt", (1, 80, 3, 0)) is None  # rewritten, its old time set back
    assert again.get("a.txt", (1, 80, 0, 7)) is None  # replaced by a file of its time and size
    assert again.get("b.txt", (1, 80, 0, 0)) is None


def test_facts_drawn_by_other_converters_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A title and word count a converter made before it changed stayed in the library.
    from tui_reader.core.documents import facts_cache

    cache_file = tmp_path / "facts"
    monkeypatch.setattr(facts_cache, "texts_version", lambda: "docx=1")
    cache = FactsCache(cache_file)
    cache.put("a.docx", (1, 80, 0, 0), DocumentFacts("Title", 12, 80))
    cache.save()
    monkeypatch.undo()
    assert FactsCache(cache_file).get("a.docx", (1, 80, 0, 0)) is None


def test_facts_kept_before_transcripts_were_read_anew_are_read_again(tmp_path: Path) -> None:
    # The titles and speakers kept of transcripts whose turns were found anew (names in
    # square brackets, before a dash, alone on their line...) stayed in the library: a
    # transcript titled by its first turn, with no speakers, until its file changed.
    import json

    from tui_reader.core.documents.formats import texts_version

    stale = [1, 80, "Ana - How did you come?", 12, 80, True, "text", "utf-8", "ab", 0, {}, []]
    cache_file = tmp_path / "facts"
    cache_file.write_text(
        json.dumps({"version": f"16/{texts_version()}", "documents": {"a.txt": stale}}), "ascii"
    )
    assert FactsCache(cache_file).get("a.txt", (1, 80, 0, 0)) is None


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache_file = tmp_path / "facts"
    for damage in ("{not json", '{"version": 2, "documents": {"a.txt": [1, "x"]}}', "[]"):
        cache_file.write_text(damage, "utf-8")
        cache = FactsCache(cache_file)
        assert cache.get("a.txt", (1, 80, 0, 0)) is None
        cache.put("a.txt", (1, 80, 0, 0), DocumentFacts("T", 1, 1))
        cache.save()
        assert FactsCache(cache_file).get("a.txt", (1, 80, 0, 0)) == DocumentFacts("T", 1, 1)


def test_a_cache_record_of_the_wrong_shape_is_dropped_alone(tmp_path: Path) -> None:
    import json

    from tui_reader.core.documents.facts_cache import cache_version

    meta = {"speakers": "A", "n": 2}
    good = [1, 80, 0, 0, "Title", 12, 80, True, "text", "utf-8", "ab12", 0, meta, []]
    wrong: list[object] = ["1", "80", "0", 0.5, 3, "12", "80", 1, None, 2, 3, "0", [], "x"]
    records: dict[str, object] = {"good.txt": good, "short.txt": good[:13], "text.txt": "x" * 14}
    for field, value in enumerate(wrong):
        records[f"bad{field}.txt"] = [*good[:field], value, *good[field + 1 :]]
    records["meta.txt"] = [*good[:12], {"speakers": ["A"]}, []]
    records["problems.txt"] = [*good[:13], ["a", 2]]
    cache_file = tmp_path / "facts"
    cache_file.write_text(json.dumps({"version": cache_version(), "documents": records}), "ascii")
    cache = FactsCache(cache_file)
    expected = DocumentFacts("Title", 12, 80, True, "text", "utf-8", "ab12", 0, meta)
    assert cache.get("good.txt", (1, 80, 0, 0)) == expected
    for key in records:
        if key != "good.txt":
            assert cache.get(key, (1, 80, 0, 0)) is None, key


def test_scan_gives_quick_facts_first_then_exact_ones_and_reasons(tmp_path: Path) -> None:
    corpus, _db = text_corpus(
        tmp_path,
        {
            "a.txt": "A plain title line here\n\nbody words\n",
            "b.md": "# Marked down title\n\ntext *here*\n",
            "e.md": "# Plain Markdown\n\n- exact at once\n",
            "c.bin": b"\x00\x01",
            "d.txt": b"\x00\x00\x00binary",
            ".hidden.txt": "no",
        },
    )
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    assert [key for key, _ in files] == ["a.txt", "b.md", "c.bin", "d.txt", "e.md"]
    loads: list[str] = []

    def load(key: str) -> Document:
        loads.append(key)
        return load_document(corpus / key)

    cache = FactsCache(tmp_path / "facts")
    results = list(scan_facts(files, cache, load))
    assert [key for key, _ in results] == ["a.txt", "b.md", "c.bin", "d.txt", "e.md", "b.md"]
    facts = dict(results)
    assert isinstance(facts["c.bin"], str) and "unsupported" in facts["c.bin"]
    assert isinstance(facts["d.txt"], str) and "binary" in facts["d.txt"]
    assert facts["b.md"] == facts_of(load_document(corpus / "b.md"))  # the exact, last
    assert facts["e.md"] == facts_of(load_document(corpus / "e.md"))
    assert loads == ["b.md"]  # plain Markdown needs no load
    cache.save()
    loads.clear()
    again = list(scan_facts(files, FactsCache(tmp_path / "facts"), load))
    assert [key for key, _ in again] == ["a.txt", "b.md", "c.bin", "d.txt", "e.md"]
    assert loads == []


def test_cached_facts_stat_once_and_leave_the_rest_to_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from tui_reader.core.documents import catalog
    from tui_reader.core.documents.catalog import cached_facts

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A plain title line here\n\nbody words\n", "utf-8")
    (corpus / "b.md").write_text("# Marked down title\n\ntext *here*\n", "utf-8")
    (corpus / "c.bin").write_bytes(b"\x00\x01")
    (corpus / "d.txt").write_text("Changed later\n", "utf-8")
    (corpus / "e.txt").write_text("Vanishes\n", "utf-8")
    files = [(f.rel, f) for f in list_corpus_files(corpus)]

    def load(key: str) -> Document:
        return load_document(corpus / key)

    nothing = cached_facts(files, FactsCache(tmp_path / "facts"))  # a first start
    assert [k for k, _ in nothing.found] == ["c.bin"]
    assert [k for k, _ in nothing.left] == ["a.txt", "b.md", "d.txt", "e.txt"]
    cache = FactsCache(tmp_path / "facts")
    first = dict(scan_facts(files, cache, load))
    cache.save()
    (corpus / "d.txt").write_text("Changed later, and longer\n", "utf-8")
    (corpus / "e.txt").unlink()
    stats: list[str] = []
    real_stat = os.stat

    def counted_stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        stats.append(path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog.os, "stat", counted_stat)
    cache = FactsCache(tmp_path / "facts")
    looked = cached_facts(files, cache)
    found = dict(looked.found)
    assert found["a.txt"] == first["a.txt"] and found["b.md"] == first["b.md"]
    assert isinstance(found["c.bin"], str) and "unsupported" in found["c.bin"]
    assert isinstance(found["e.txt"], str)  # it vanished since it was listed: why, said
    assert "d.txt" not in found  # changed: its cached facts are not the truth any more
    assert [k for k, _ in looked.left] == ["d.txt"]
    assert sorted(looked.stamps) == ["a.txt", "b.md", "d.txt"]
    assert len(stats) == 4  # each file that has a format once (not c.bin)
    stats.clear()
    rest = dict(scan_facts(looked.left, cache, load, stamps=looked.stamps))
    assert stats == []  # not stat'ed again
    assert rest["d.txt"] == facts_of(load_document(corpus / "d.txt"))


def test_scan_takes_a_loaded_documents_facts_from_it_without_reading_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.documents import catalog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "open.txt").write_text("The open one\n\nits words here\n", "utf-8")
    (corpus / "other.txt").write_text("Another title\n\nmore words\n", "utf-8")
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    open_document = load_document(corpus / "open.txt")
    read: list[Path | str] = []
    real_quick_facts = catalog.quick_facts_text_and_raw

    def reading_quick_facts(
        path: Path | str, fmt: str, kept: FactsCache | None, key: str
    ) -> tuple[DocumentFacts, str | None, Stamp, str]:
        read.append(path)
        return real_quick_facts(path, fmt, kept, key)

    monkeypatch.setattr(catalog, "quick_facts_text_and_raw", reading_quick_facts)
    cache = FactsCache(tmp_path / "facts")
    in_memory = {"open.txt": open_document}
    results = dict(scan_facts(files, cache, load_document, loaded=in_memory.get))
    assert results["open.txt"] == facts_of(open_document)
    # the open document's file is not read again
    assert [Path(p) for p in read] == [corpus / "other.txt"]
    assert cache.get("open.txt", catalog._stamp(str(corpus / "open.txt"))) == facts_of(
        open_document
    )


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.sampled_from([b"a", b" ", b"\n", b"\r", b"\t", b"\x00", b"\x1b[1m", b"\x7f",
                         "é".encode(), b"\xc2\x85", b"\xc2\xa0", b"\xe9", b"\xef\xbb\xbf",
                         b"\xff\xfe", "語".encode(), b"\xed\xa0\x80", b"\xc2\xad",
                         "\u2019".encode(), "\u2028".encode(), "\u2029".encode(),
                         "\u200b".encode(), "\u2060".encode(), "\u200c".encode()]),
        max_size=20,
    ).map(b"".join)
)  # fmt: skip
def test_clean_utf8_is_the_decoded_cleaned_text(data: bytes) -> None:
    from tui_reader.core.documents.decoding import decode_bytes
    from tui_reader.core.documents.facts import clean_utf8, clean_utf8_and_words
    from tui_reader.core.documents.sanitize import clean_text

    text = clean_utf8(data)
    with_words = clean_utf8_and_words(data)  # the same answer, words counted besides
    assert text == (None if with_words is None else with_words[0])
    if text is not None:
        decoded, encoding = decode_bytes(data)
        assert (clean_text(decoded), encoding) == (text, "utf-8")
        assert text.encode("utf-8") == data


def test_quick_facts_of_markdown_keep_the_underscores_inside_words(tmp_path: Path) -> None:
    # The library listed a manual's page "# The my_crate_name guide" (a link or listing in
    # it) as "The mycratename guide" until it was opened.
    path = tmp_path / "ch01_intro.md"
    path.write_text(
        "# The my_crate_name guide to _snake_case_ and __init__\n\n"
        "Use `foo_bar` and [links](x.md).\n\n```rust\nfn main_loop() {}\n```\n",
        "utf-8",
    )
    facts = quick_facts(path, "markdown")
    assert facts.title == facts_of(load_document(path)).title
    assert facts.title == "The my_crate_name guide to snake_case and init"


def test_quick_facts_of_a_vault_note_read_its_title_as_rendered(tmp_path: Path) -> None:
    # Its heading's link and highlight were listed with their marks
    # ("About Page|the page]] and ==key== words") until the note was opened.
    path = tmp_path / "note.md"
    path.write_text("# About [[Page|the page]] and ==key== words\n\nText, `code`.\n", "utf-8")
    facts = quick_facts(path, "markdown")
    assert facts.title == facts_of(load_document(path)).title == "About the page and key words"


def test_a_first_scan_takes_each_file_s_stamp_as_it_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file never read was stat'ed, then opened and read: its stamp is now the opened
    file's, and the facts kept under it are found by the next scan's stat."""
    from tui_reader.core.documents import catalog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title here\n\nsome words\n", "utf-8")
    (corpus / "b.md").write_text("# Notes\n\nmore words\n", "utf-8")
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    stat_ed: list[str] = []
    real_stamp = catalog._stamp

    def counting_stamp(path: str) -> Stamp | str:
        stat_ed.append(path)
        return real_stamp(path)

    monkeypatch.setattr(catalog, "_stamp", counting_stamp)
    cache = FactsCache(tmp_path / "facts")
    first = dict(scan_facts(files, cache, load_document, exact=True))
    assert stat_ed == []
    for key in ("a.txt", "b.md"):
        assert cache.get(key, real_stamp(str(corpus / key))) == first[key]
    again = dict(scan_facts(files, cache, load_document, exact=True))
    assert again == first and len(stat_ed) == 2


def test_a_first_start_looks_up_no_file_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's look at the cache stat'ed every file before the scan read it; a text
    never read is left to the scan (stamped as it is read), a file read before is stat'ed."""
    from tui_reader.core.documents import catalog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title here\n\nsome words\n", "utf-8")
    (corpus / "b.md").write_text("# Notes\n\nmore words\n", "utf-8")
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    stat_ed: list[str] = []
    real_stamp = catalog._stamp

    def counting_stamp(path: str) -> Stamp | str:
        stat_ed.append(Path(path).name)
        return real_stamp(path)

    monkeypatch.setattr(catalog, "_stamp", counting_stamp)
    cache = FactsCache(tmp_path / "facts")
    looked = catalog.cached_facts(files, cache)
    assert stat_ed == [] and looked.found == [] and looked.left == files
    first = dict(scan_facts(looked.left, cache, load_document, stamps=looked.stamps))
    assert stat_ed == [] and set(first) == {"a.txt", "b.md"}
    again = catalog.cached_facts(files, cache)
    assert stat_ed == ["a.txt", "b.md"] and dict(again.found) == first and again.left == []


def test_quick_facts_of_markdown_take_its_header_s_title_and_no_comment(tmp_path: Path) -> None:
    # The library's facts of a note (before it is opened) named it by its first heading
    # though its header gave its title ("title: Field visit", as Obsidian and Hugo notes
    # do), and by an HTML comment above it ("<!-- draft -->"): the note opened under another.
    for name, source, title in (
        ("front.md", "---\ntitle: Field visit\ntags: [a, b]\n---\n\n# Day one\n\n- [x] done\n",
         "Field visit"),
        ("toml.md", '+++\ntitle = "Field visit"\n+++\n\n# Day one\n\n- [x] done\n', "Field visit"),
        ("comment.md", "<!-- draft, do not share -->\n\nMarket *visit*\n===\n\n- [x] done\n",
         "Market visit"),
    ):  # fmt: skip
        path = tmp_path / name
        path.write_text(source, "utf-8")
        assert quick_facts(path, "markdown").title == load_document(path).title == title


class _CountedLock:
    """A lock that counts how often it was taken."""

    def __init__(self, lock: Any) -> None:
        self.lock, self.taken = lock, 0

    def __enter__(self) -> Any:
        self.taken += 1
        return self.lock.__enter__()

    def __exit__(self, *exc: object) -> Any:
        return self.lock.__exit__(*exc)


def test_a_listing_takes_the_cache_s_lock_once_for_all_its_files(tmp_path: Path) -> None:
    """A second start looks up 10,000 files at once: the cache's lock, taken twice a file
    (does it know the file, then its facts), was a quarter of the look-up; it is taken once
    now, and the facts found, the files left and their stamps are the same; and so does a
    listing's scan of files not looked up before (tui-reader list)."""
    from tui_reader.core.documents.catalog import cached_facts

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"t{n}.txt").write_text(f"Title {n}\n\nwords of {n}\n", "utf-8")
    (corpus / "m.md").write_text("# Notes *marked*\n\n| a | b |\n", "utf-8")
    (corpus / "new.txt").write_text("Never read\n", "utf-8")
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    cache = FactsCache(tmp_path / "facts")
    read = [(k, f) for k, f in files if k != "new.txt"]
    first = dict(scan_facts(read, cache, lambda key: load_document(corpus / key), exact=True))
    cache.save()
    (corpus / "t3.txt").write_text("Changed since\n", "utf-8")
    again = FactsCache(tmp_path / "facts")
    lock = again._lock = _CountedLock(again._lock)  # type: ignore[assignment]
    looked = cached_facts(files, again)
    assert lock.taken == 1
    assert dict(looked.found) == {k: v for k, v in first.items() if k != "t3.txt"}
    assert [k for k, _ in looked.left] == ["new.txt", "t3.txt"]
    assert sorted(looked.stamps) == sorted(k for k, _ in files if k != "new.txt")
    # tui-reader list scans them with no look before: the lock was taken twice a file there
    # too; once for all its look-ups now, once for each file read (the two left), and once
    # for the one whose facts are kept of another stamp (are its bytes those?).
    lock.taken = 0
    scanned = dict(scan_facts(files, again, lambda key: load_document(corpus / key), exact=True))
    assert lock.taken == 1 + 2 + 1
    assert scanned == first | {
        "t3.txt": quick_facts(corpus / "t3.txt", "text"),
        "new.txt": quick_facts(corpus / "new.txt", "text"),
    }


def test_a_first_listings_facts_are_not_written_by_jsons_encoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 documents' facts were written by json's encoder in Python, 60 ms after a first
    listing had read them all: written by orjson now, read back the same; a title beyond
    ASCII and a name not in UTF-8 still written by json, as the cache is ASCII."""
    from tui_reader.core import cache_files

    meta = {"speakers": "Ana, Bo", "n": 2}
    many = {
        f"d{n}.txt": (
            (n, 80, n + 1, n + 2),
            DocumentFacts(f"Title {n}", n, 80, True, "text", "utf-8", "ab12", 1, meta, ("x",)),
        )
        for n in range(cache_files.ORJSON_FROM)
    }
    for extra in ({}, {"é\udcff.txt": ((1, 2, 3, 4), DocumentFacts("Título", 1, 2))}):
        cache_file = tmp_path / f"facts{len(extra)}"
        cache = FactsCache(cache_file)
        for key, (stamp, facts) in (many | extra).items():
            cache.put(key, stamp, facts)
        encoded = count_calls(monkeypatch, cache_files.json, "dumps")
        cache.save()
        assert encoded.calls == len(extra)  # json only for what orjson cannot write in ASCII
        monkeypatch.undo()
        assert cache_file.read_bytes().isascii()
        assert FactsCache(cache_file).kept() == many | extra


# A text's lines, and ways its file may hold them (each read as the same text, or nearly):
# as they are, with CR LF ends, a BOM, a control left out (ESC), a zero-width space, or a
# form feed ending its first line.
_FILED = st.sampled_from(["as is", "crlf", "bom", "control", "zero width", "form feed"])
_TITLED_LINES = st.lists(
    st.text(alphabet=st.sampled_from("ab cd:É.\t-"), max_size=20), min_size=1, max_size=6
)


def _filed(lines: list[str], how: str) -> bytes:
    if how == "form feed":
        return "\f".join([*lines[:1], "\n".join(lines[1:])]).encode("utf-8")
    text = ("\r\n" if how == "crlf" else "\n").join(lines)
    if how in ("control", "zero width"):
        text = text.replace(" ", " \x1b" if how == "control" else " \u200b", 1)
    return ("\ufeff" if how == "bom" else "").encode("utf-8") + text.encode("utf-8")


@settings(max_examples=examples(150), deadline=None)
@given(_TITLED_LINES, _FILED, _FILED, st.booleans(), st.sampled_from(["text", "markdown"]))
@example(  # a form feed ended its title line: the same text, titled by its next line now
    ["Mexico", "The border plan was announced on Monday.", "More text here."],
    "form feed",
    "as is",
    False,
    "text",
)
def test_facts_kept_of_a_file_touched_are_what_reading_it_again_finds(
    lines: list[str], before_how: str, now_how: str, speakers: bool, fmt: str
) -> None:
    """The facts kept of a plain text or a Markdown file as it was (another way of holding
    nearly the same text, or the same bytes), the file touched: the facts and text reading
    it again without them finds, but no text when they are kept (its bytes the same)."""
    import os
    import tempfile

    from tui_reader.core.documents.facts import quick_facts_text_and_raw

    if speakers:
        lines = [f"Ana: {line}" for line in lines]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("doc.txt" if fmt == "text" else "doc.md")
        path.write_bytes(_filed(lines, before_how))
        cache = FactsCache(None)
        facts, _text, stamp, raw = quick_facts_text_and_raw(path, fmt)
        cache.put("doc", stamp, facts, raw)
        path.write_bytes(_filed(lines, now_how))
        os.utime(path, ns=(10**18, 10**18))  # touched
        again = quick_facts_text_and_raw(path, fmt)
        kept = quick_facts_text_and_raw(path, fmt, cache, "doc")
        assert (kept[0], kept[3]) == (again[0], again[3])
        same = _filed(lines, before_how) == _filed(lines, now_how)
        assert kept[1] == (None if same else again[1])
        if same:
            assert cache.get("doc", kept[2]) == again[0]  # kept under its stamp now


def test_facts_kept_of_a_file_touched_are_given_back_with_no_turn_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain text whose bytes are the same as when its facts were kept: those facts, its
    words not counted nor its turns looked for again, no text; its bytes changed, read."""
    import os

    from tui_reader.core.documents import facts as facts_module
    from tui_reader.core.documents.facts import quick_facts_text_and_raw

    path = tmp_path / "interview.txt"
    path.write_text("Interview one\n\nAna: The border.\nLuis: The market.\n", encoding="utf-8")
    cache = FactsCache(None)
    before, _text, stamp, raw = quick_facts_text_and_raw(path, "text")
    cache.put("interview.txt", stamp, before, raw)
    os.utime(path, ns=(10**18, 10**18))  # touched
    turns = count_calls(monkeypatch, facts_module, "find_turns")
    facts, text, _stamp, _raw = quick_facts_text_and_raw(path, "text", cache, "interview.txt")
    assert (facts, text, turns.calls) == (before, None, 0)
    path.write_text("Interview one\n\nAna: The border!\nLuis: The market.\n", encoding="utf-8")
    facts, text, _stamp, _raw = quick_facts_text_and_raw(path, "text", cache, "interview.txt")
    assert (facts.sha256 != before.sha256, turns.calls, text) == (True, 1, path.read_text())
    assert facts == quick_facts(path, "text")


def test_a_markdown_file_of_the_same_size_and_other_bytes_is_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown file touched, its bytes those its facts were kept beside: not rendered;
    one letter changed (the same size): rendered, its new facts given."""
    import os

    from tui_reader.core.documents import facts as facts_module
    from tui_reader.core.documents.facts import quick_facts_text_and_raw

    path = tmp_path / "note.md"
    path.write_text("# Market day\n\nMigrants waited at the market.\n", encoding="utf-8")
    cache = FactsCache(None)
    before, _text, stamp, raw = quick_facts_text_and_raw(path, "markdown")
    cache.put("note.md", stamp, before, raw)
    os.utime(path, ns=(10**18, 10**18))
    rendered = count_calls(monkeypatch, facts_module, "plain_markdown_parts")
    kept = quick_facts_text_and_raw(path, "markdown", cache, "note.md")
    assert (kept[:2], rendered.calls) == ((before, None), 0)
    path.write_text("# Market day\n\nMigrants waited at the margin.\n", encoding="utf-8")
    facts = quick_facts_text_and_raw(path, "markdown", cache, "note.md")[0]
    assert (rendered.calls, facts.title, facts.sha256 != before.sha256) == (1, "Market day", True)


def test_the_hash_of_a_file_s_bytes_is_kept_beside_its_facts_while_its_stamp_holds(
    tmp_path: Path,
) -> None:
    """The bytes' hash kept beside a key's facts survives a restart and a put of facts
    of the same stamp without one; facts of another stamp without one drop it; a cache
    of records without it (14 fields) is read, its facts kept and no hash; a record whose
    hash is not one is dropped alone."""
    import json

    from tui_reader.core.documents.facts_cache import cache_version

    cache_file = tmp_path / "facts"
    facts = DocumentFacts("T", 1, 1, format="markdown", sha256="ab")
    raw = "0123456789abcdef" * 4
    cache = FactsCache(cache_file)
    cache.put("a.md", (1, 80, 0, 0), facts, raw)
    cache.put("b.md", (1, 80, 0, 0), facts, raw)
    cache.put("b.md", (2, 80, 0, 0), facts)  # another stamp: its bytes not known
    cache.save()
    again = FactsCache(cache_file)
    assert (again.last_raw("a.md"), again.last_raw("b.md")) == ((80, raw), None)
    again.put("a.md", (1, 80, 0, 0), facts)  # (loaded from the same file)
    assert again.last_raw("a.md") == (80, raw)
    good = [1, 80, 0, 0, "T", 1, 1, True, "markdown", "", "ab", 0, {}, []]
    records = {"old.md": good, "kept.md": [*good, raw], "bad.md": [*good, "not a hash"]}
    records["odd.md"] = [*good, raw.upper()]
    cache_file.write_text(json.dumps({"version": cache_version(), "documents": records}), "ascii")
    read = FactsCache(cache_file)
    assert read.get("old.md", (1, 80, 0, 0)) == facts
    assert (read.last_raw("old.md"), read.last_raw("kept.md")) == (None, (80, raw))
    assert (read.last("bad.md"), read.last("odd.md")) == (None, None)


def test_a_bytes_hash_that_is_the_facts_own_hash_is_written_once(tmp_path: Path) -> None:
    """A clean UTF-8 text's bytes hash is its text's (its facts' ``sha256``): the cache
    writes it once, in the facts, and the bytes' field says "the same" ("="); read back,
    the bytes' hash is the facts' again.  A record saying "the same" beside facts whose
    hash is not one is dropped, as a record with a bytes' hash that is not one is."""
    import json

    from tui_reader.core.documents.facts_cache import cache_version

    cache_file = tmp_path / "facts"
    raw = "0123456789abcdef" * 4
    text = DocumentFacts("T", 1, 1, sha256=raw)
    cache = FactsCache(cache_file)
    cache.put("a.txt", (1, 80, 0, 0), text, raw)
    cache.put("b.md", (1, 90, 0, 0), DocumentFacts("T", 1, 1, format="markdown", sha256="ab"), raw)
    cache.save()
    records = json.loads(cache_file.read_text("ascii"))["documents"]
    assert (records["a.txt"][-1], records["b.md"][-1]) == ("=", raw)
    again = FactsCache(cache_file)
    assert (again.last_raw("a.txt"), again.last_raw("b.md")) == ((80, raw), (90, raw))
    assert again.get("a.txt", (1, 80, 0, 0)) == text
    records["a.txt"][10] = "not a hash"
    cache_file.write_text(json.dumps({"version": cache_version(), "documents": records}), "ascii")
    assert (FactsCache(cache_file).last("a.txt"), FactsCache(cache_file).knows("b.md")) == (
        None,
        True,
    )


def test_the_cache_is_read_without_a_look_for_long_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every value of a record is checked for its type as it is read: an integer beyond 64
    bits, which orjson gives as a float, drops its record as any value of the wrong type
    does, and the others are read as written.  So the text of the cache (2.7 MB at 10,000
    files, read at every start) is not first looked through for long numbers."""
    import json

    import tui_reader.core.exact_json as exact_json
    from tui_reader.core.documents.facts_cache import cache_version

    looks = count_calls(monkeypatch, exact_json, "_long_number")
    good = [1764700000000000000, 80, 1764700000000000001, -(2**63), "T", 12, 80, True, "text"]
    good += ["utf-8", "ab12", 0, {"n": 2**64 - 1}, []]
    records: dict[str, object] = {f"{n:04}.txt": good for n in range(1_000)}  # (over 64 KB)
    for field, value in ((1, 2**64), (5, -(2**63) - 1), (12, {"n": 2**70})):
        records[f"long{field}.txt"] = [*good[:field], value, *good[field + 1 :]]
    cache_file = tmp_path / "facts"
    cache_file.write_text(json.dumps({"version": cache_version(), "documents": records}), "ascii")
    assert cache_file.stat().st_size > exact_json.SHORT
    cache = FactsCache(cache_file)
    stamp = (1764700000000000000, 80, 1764700000000000001, -(2**63))
    expected = DocumentFacts("T", 12, 80, True, "text", "utf-8", "ab12", 0, {"n": 2**64 - 1})
    assert all(cache.get(f"{n:04}.txt", stamp) == expected for n in range(1_000))
    assert [key for key in records if not cache.knows(key)] == [
        "long1.txt",
        "long5.txt",
        "long12.txt",
    ]
    assert looks.calls == 0
