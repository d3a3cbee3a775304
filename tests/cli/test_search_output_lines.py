"""``search`` prints a line holding the pattern once, as grep does, however many times the
pattern is on it; a long line's hits far apart, each outside the part shown for the one
before, are each shown in their own part of it, up to so many parts a line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from helpers import examples
from helpers.texts import search_args, text_corpus
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.cli.main import main


def test_a_line_with_the_pattern_twice_is_printed_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "The border again border.\nNo match here.\nborder, border and BORDER\n", "utf-8"
    )
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "border", ".", "--db", db]) == 0
    assert capsys.readouterr().out == (
        "a.txt:1: The border again border.\na.txt:3: border, border and BORDER\n"
    )
    assert main(["search", "-i", "border", ".", "--db", db]) == 0
    assert capsys.readouterr().out.count("a.txt:3:") == 1
    # the JSON gives each hit, with its offsets
    assert main(["search", "border", ".", "--db", db, "--json"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(h["line"], h["start"]) for h in hits] == [(1, 4), (1, 17), (3, 40), (3, 48)]


def test_hits_far_apart_on_a_long_line_each_show_their_part_of_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    line = "war " + "x" * 400 + " war war " + "y" * 400 + "\n"
    (corpus / "a.txt").write_text(line, "utf-8")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "war", ".", "--db", str(tmp_path / "db.json")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 2, printed
    assert printed[0].startswith("a.txt:1: war xxx") and printed[0].endswith("…")
    assert " war war " in printed[1] and printed[1].startswith("a.txt:1: …")


def test_a_huge_line_is_shown_in_so_many_parts_and_the_rest_of_its_hits_counted(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document of one long paragraph (a 20 MB line) searched for a common letter was
    printed about 150,000 times, a part at a time; its first parts are printed, then one line
    counts the hits not shown, and the next line is printed as ever.  --json gives each hit."""
    from tui_reader.cli.search import PARTS_PER_LINE

    corpus = tmp_path / "c"
    corpus.mkdir()
    far = 30  # hits far apart on the first line: each would need its own part
    (corpus / "a.txt").write_text(("war " + "x" * 300 + " ") * far + "\nwar again\n", "utf-8")
    db = str(tmp_path / "db.json")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "war", ".", "--db", db]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == PARTS_PER_LINE + 2, printed
    assert all(p.startswith("a.txt:1: ") and "war" in p for p in printed[:PARTS_PER_LINE])
    unshown = far - PARTS_PER_LINE
    assert printed[PARTS_PER_LINE:] == [
        f"a.txt:1: [{unshown} more hits on this line; --json gives each]",
        "a.txt:2: war again",
    ]
    assert main(["search", "war", ".", "--db", db, "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == far + 1


def test_a_line_that_fits_the_context_is_printed_whole(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line of 62 code points with the hit near its end was printed from its middle
    ('a.txt:1: …the peace across north city army border the'), where grep prints it whole:
    the room its end leaves goes before the hit."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    line = "the war war city the peace across north city army border the"
    long = "word " * 40 + "army" + " word" * 40  # 404 code points: cut on both sides
    (corpus / "a.txt").write_text(f"{line}\n{long}\n", "utf-8")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", str(tmp_path / "db.json")]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first == f"a.txt:1: {line}"
    context = second.removeprefix("a.txt:2: ")
    assert context.startswith("…word") and context.endswith("word…") and "army" in context
    assert len(context) <= 102  # the context's width, and its two ellipses


# A plain text file's breaks that are no line feed: its canonical text makes them newlines,
# and search said the line of those ('a\n\fb': line 3 where grep -n says 2).
BREAKS = {
    "ff.txt": b"one\n\ftarget\n",
    "cr.txt": b"one\rtwo\rtarget\r\nthree\ntarget\n",
    "vt.txt": b"one\x0btarget\n",
    "sep.txt": "one\u2028two\u2029three\x85target\n".encode(),
    "crlf.txt": b"one\r\r\ntwo\r\ntarget\r\n",
    "u16.txt": "one\r\n\ftwo\r\ntarget\r\n".encode("utf-16"),
    "cp1252.txt": b"caf\xe9\fone\ntarget\n",
}


def _grep_lines(data: bytes, word: str) -> list[int]:
    """The lines grep -n says for ``word`` in ``data``: the line feeds before, plus one (of a
    UTF-16 file: its characters' line feeds; of another, its bytes', each a Latin-1 one)."""
    text = data.decode("utf-16") if data.startswith(b"\xff\xfe") else data.decode("latin-1")
    return [text.count("\n", 0, hit.start()) + 1 for hit in re.finditer(word, text)]


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_plain_text_files_line_is_the_one_grep_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / name).write_bytes(BREAKS[name])
    expected = _grep_lines(BREAKS[name], "target")
    db = str(tmp_path / "db.json")
    for _read_then_packed in range(2):
        assert main(["search", "target", str(corpus), "--db", db]) == 0
        said = [int(line.split(":")[1]) for line in capsys.readouterr().out.splitlines()]
        assert said == expected
        assert main(["search", "target", str(corpus), "--db", db, "--json"]) == 0
        hits = [json.loads(line)["line"] for line in capsys.readouterr().out.splitlines()]
        assert hits == expected


def test_a_line_a_form_feed_or_a_lone_cr_divides_is_printed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """grep -n prints "walls one\\fwalls two" once, as line 2: search printed it twice,
    "g.txt:2: walls one" and "g.txt:2: walls two", its lines the text's, where the form
    feed is a newline.  A line of the file is printed once, whole (the newline the form feed
    or the lone CR became shown as any other), and each hit's JSON context is that line."""
    data = b"first\nwalls one\fwalls two\nfour\rwalls five\nlast walls\n"
    corpus, db = text_corpus(tmp_path, {"g.txt": data})
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    for _read_then_packed in range(2):
        assert main(["search", "walls", ".", "--db", db]) == 0
        assert capsys.readouterr().out.splitlines() == [
            "g.txt:2: walls one\u23cewalls two",
            "g.txt:3: four\u23cewalls five",
            "g.txt:4: last walls",
        ]
        assert main(["search", "-c", "walls", ".", "--db", db]) == 0
        assert capsys.readouterr().out == "g.txt:3\n"  # grep -c's
        assert main(["search", "--json", "walls", ".", "--db", db]) == 0
        hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [(hit["line"], hit["context"]) for hit in hits] == [
            (2, "walls one\nwalls two"),
            (2, "walls one\nwalls two"),
            (3, "four\nwalls five"),
            (4, "last walls"),
        ]


def test_each_json_hit_is_the_line_json_dumps_writes_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search's JSON gives each hit on a line: json.dumps of a record made for each (a
    dictionary of the document's fields and the hit's) was two thirds of a search for a
    common word's million hits.  The document's fields are written once a document, the
    hit's strings escaped as json.dumps escapes them: each line is still what json.dumps
    writes of its object, quotes, backslashes, tabs, accents and a name that is no UTF-8
    with them."""
    import os

    from helpers.counting import count_calls

    text = 'Say "war"\ty\\ war, caf\u00e9 war\n' * 40 + "war \u00fcnd \u2028 WAR\n"
    names = ["a.txt", os.fsdecode(b'caf\xe9 "q".txt')]
    corpus, db = text_corpus(tmp_path, dict.fromkeys(names, text))
    dumped = count_calls(monkeypatch, json, "dumps")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "-i", "war", ".", "--db", db, "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    calls = dumped.calls
    monkeypatch.undo()
    records = [json.loads(line) for line in lines]
    assert [json.dumps(record) for record in records] == lines
    assert len(records) == 2 * (3 * 40 + 2)
    assert records[0] == {
        "document": "a.txt", "path": "a.txt", "line": 1, "start": 5, "end": 8, "match": "war",
        "context": 'Say "war"\ty\\ war, caf\u00e9 war',
    }  # fmt: skip
    assert {record.get("document_bytes") for record in records} == {None, "Y2Fm6SAicSIudHh0"}
    assert {record.get("path_bytes") for record in records} == {None, "Y2Fm6SAicSIudHh0"}
    assert calls < 10  # once a document (and the texts kept), not once a hit (244)


def test_a_clean_texts_lines_are_printed_without_reading_its_file_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each plain text with a hit to print was read again, whole, to find the breaks of its
    text that are no line feed of its file, as its text had just been read, or kept, from
    that file (8,000 files read again to print a common word's lines).  A text read clean
    has none, and says so: only the file with a form feed is read again, and every line
    said is grep's, read or kept."""
    from helpers.counting import count_calls

    import tui_reader.core.search.corpus as corpus_module

    files = {"ascii.txt": b"one\ntarget\n", "utf8.txt": "caf\u00e9\ntarget\n".encode()}
    files["ff.txt"] = BREAKS["ff.txt"]
    corpus, db = text_corpus(tmp_path, files)
    for _read_then_packed in range(2):
        read_again = count_calls(monkeypatch, corpus_module, "file_breaks")
        expected = {name: _grep_lines(data, "target")[0] for name, data in files.items()}
        monkeypatch.chdir(corpus)  # the names printed are paths from here
        assert main(["search", "target", ".", "--db", db]) == 0
        out = capsys.readouterr().out.splitlines()
        assert {line.split(":")[0]: int(line.split(":")[1]) for line in out} == expected
        assert main(["search", "target", ".", "--db", db, "--json"]) == 0
        hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert {hit["document"]: hit["line"] for hit in hits} == expected
        assert read_again.calls == 2  # the file with a form feed, once a search
        monkeypatch.undo()


def test_another_formats_lines_are_its_texts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, db = text_corpus(tmp_path, {"a.md": b"# Title\n\none\n\ftarget\n"})
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "target", ".", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("a.md:")  # a line of its text, as before


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_the_exports_and_query_say_a_plain_texts_line_as_search_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """One rule: a plain text's line is grep's.  The csv and Markdown exports and the query
    counted a form feed or a lone CR as a line break of the file ('one\\n\\ftarget': line 3
    where search said 2)."""
    corpus, db = text_corpus(tmp_path, {name: BREAKS[name]})
    expected = _grep_lines(BREAKS[name], "target")
    assert main(["autocode", "target", "--tag", "t", str(corpus), "--db", db]) == 0
    capsys.readouterr()
    for _placed_then_kept in range(2):
        assert main(["export", str(corpus), "--db", db, "-f", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
        assert [int(row["line"]) for row in rows] == expected
        assert main(["query", "t", str(corpus), "--db", db, "-f", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
        assert [int(row["line"]) for row in rows] == expected
        assert main(["export", str(corpus), "--db", db, "-f", "markdown"]) == 0
        said = re.findall(r"Location: line (\d+)", capsys.readouterr().out)
        assert [int(line) for line in said] == expected


def test_a_line_of_many_hits_is_the_work_of_one_printed_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word's hits, several to a line, were each given their line (the newlines
    before them counted, the file's line told from the text's): a printed line's work done
    for every hit, most of a search's time printing a million lines.  A hit within the part
    of its line printed for the hit before is only counted now: the line is told once for
    each line printed, and still is grep's (a form feed before them is no line of the file),
    the hits beyond a long line's parts said on its line."""
    from helpers.counting import count_calls

    import tui_reader.cli.search as search

    data = b"intro\f\n" + b"army " * 8 + b"\n"
    data = data + (b"army " * 8 + b"\n") * 199 + b"army " * 3000 + b"\nafter army\n"
    corpus, db = text_corpus(tmp_path, {"a.txt": data})
    told = count_calls(monkeypatch, search, "file_line")
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = sorted(set(_grep_lines(data, "army")))
    shown = [int(line.split(":")[1]) for line in out]
    parts = search.PARTS_PER_LINE
    long_line = lines[-2]
    assert shown == [*lines[:-2], *[long_line] * (parts + 1), lines[-1]]
    assert re.fullmatch(
        rf"a\.txt:{long_line}: \[[\d,]+ more hits on this line; --json gives each\]",
        out[200 + parts],
    )
    assert told.calls == len(out)  # once a line printed, not once a hit (4,601)


def test_the_lines_of_a_plain_ascii_text_are_cut_at_its_spaces_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text whose only white space is the space and the line feed has its lines' contexts
    cut at a word by comparing code points with a space: the cuts that tell a tab or a
    no-break space from a letter (a slice and a split of each end, a regular expression
    for the rest) are not asked once a line printed, and the contexts are those they cut."""
    from helpers.counting import count_calls

    import tui_reader.core.search.hits as hits

    line = "some words before the army and a great many words after it, " * 4
    corpus, db = text_corpus(tmp_path, {"a.txt": (line + "\n") * 50})
    cuts = [
        count_calls(monkeypatch, hits, name) for name in ("_word_start_after", "_word_end_before")
    ]
    monkeypatch.chdir(corpus)  # the names printed are paths from here
    assert main(["search", "army", ".", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [cut.calls for cut in cuts] == [0, 0]
    first = hits.line_context(line, line.index("army"), line.index("army") + 4)
    assert out[0] == f"a.txt:1: {first}" and first.endswith("…")
    assert {int(said.split(":")[1]) for said in out} == set(range(1, 51))


# Pieces of texts: ASCII words and spaces, and a tab, a no-break space, a bullet, a joiner, a
# control, an accent and a line separator, which lines ASCII without controls hold none of.
_PIECES = ["a", "bb", "peace", " ", "  ", " " * 30, "\n", "x" * 30, "\t", "\xa0", "•"]
_PIECES += ["\u200d", "\x01", "é", "\u2028"]


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.sampled_from(_PIECES),
        max_size=90,
    ),
    st.sampled_from([r"\s+", r"\s", r"a\s+b", r"e\s*\n\s*", "a", r"(?s)a.{0,60}", "peace", "a a"]),
)
@example(["x" * 30, "\n", "\n", "apeacepeace", "   ", " " * 30, "x" * 30], r"\s+")
@example(["peace", "\xa0", "x" * 30, "\n", "peace", " " * 30, "x" * 30, "•"], "peace")
def test_a_texts_lines_are_those_the_general_cuts_make(words: list[str], regex: str) -> None:
    """The lines printed of a text whose lines are its file's, the contexts of its lines
    that are ASCII without controls cut at their spaces alone and shown as they are (the
    whole text such, or a line at a time: a Markdown note's bullets are no ASCII), are those
    the cuts that tell every kind of white space make, each context then made safe to show;
    a hit across a line feed makes its line two, and a later hit on the second of them is
    cut there as well (a line feed before it was taken for a letter: '…⏎peace' where the
    line was '…peace')."""
    import tui_reader.cli.search as search
    from tui_reader.core.search import hits

    text = "".join(words)
    args = search_args(regex, regex=regex not in ("a", "peace", "a a"))
    pattern = search._pattern(args)
    out = search._Output()
    search._print_hits(out, args, pattern, text, "a.txt", {})
    general = search._Output()
    cut = hits.context_span
    any_text = search._lines_of_any_text
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "context_span", lambda *a, spaces_only=False, **k: cut(*a, **k))
        patch.setattr(
            search,
            "_plain_hit_lines",
            lambda out, spans, text, where, as_is: any_text(out, spans, text, where, (), as_is),
        )
        search._print_hits(general, args, pattern, text, "a.txt", {})
    assert out._lines == general._lines


def test_a_long_line_beyond_ascii_is_not_copied_to_be_looked_at() -> None:
    """A line of a text beyond ASCII is looked at whole (a copy of it) to tell whether its
    contexts may be cut at its spaces and printed as they are; a line of millions of code
    points (a paragraph of 20 MB) is not copied, and its lines are cut as any text's."""
    import tracemalloc

    import tui_reader.cli.search as search

    text = "title\n" + "the war and peace • " * 100_000 + "\nend\n"  # (4 MB in UCS-2)
    args = search_args("pea[c]e", regex=True)
    pattern = search._pattern(args)
    out = search._Output()
    tracemalloc.start()
    try:
        search._print_hits(out, args, pattern, text, "a.txt", {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(out._lines) == search.PARTS_PER_LINE + 1
    assert peak < len(text)  # (its copy: twice as many bytes)
