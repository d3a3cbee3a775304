"""`tui-reader search` keeps the texts it read (the pack) and gives, from them, exactly what a
search of the files gives: every option, any change to the files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import examples
from helpers.forking import fresh_starts
from helpers.texts import rewritten_keeping_time, search_args
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.cli.main import main
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.search.text_pack import TextPack
from tui_reader.locations import texts_cache_path

FILES = {
    "a.txt": "The army moved.\n\nThen the Army left\nthe army came back\n",
    "b.md": "# Notes on the army\n\nNothing *here*: **rive**ted, &amp; a [link](x).\n",
    "c.md": "# Plain notes\n\nA riveted army.\n- item Straße\n",
    "d.txt": "Kelvin \u212a and long \u017f and ARMY\n",
    "e.txt": "caf\xe9 ARMY\n".encode("cp1252").decode("latin-1"),  # written below as cp1252
}
QUERIES = [
    ["army"], ["-i", "army"], ["Army"], ["-i", "k"], ["-i", "s"], ["-i", "riveted"],
    ["riveted"], ["-i", "& a"], ["--regex", r"arm(y|ies) \w+"], ["-i", "--regex", "^a"],
    ["-l", "-i", "the"], ["Straße"], ["-i", "STRASSE"], ["café"],
]  # fmt: skip


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FILES.items():
        data = text.encode("latin-1") if name == "e.txt" else text.encode("utf-8")
        (corpus / name).write_bytes(data)
    return corpus


def _search(args: list[str], corpus: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    with contextlib.chdir(corpus):  # the paths printed are the names from there
        main(["search", *args, ".", "--db", str(db)])
    return capsys.readouterr().out


def test_markup_cutting_a_word_does_not_hide_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    out = _search(["-i", "riveted"], corpus, tmp_path / "db.json", capsys)
    assert out.splitlines() == [
        "b.md:3: Nothing here: riveted, & a link.",
        "c.md:3: A riveted army.",
    ]


def test_searches_from_the_pack_are_searches_of_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    db = tmp_path / "db.json"
    first = {tuple(q): _search(q, corpus, db, capsys) for q in QUERIES}
    pack = TextPack(texts_cache_path(db))
    assert len(pack) == len(FILES)  # every text kept
    pack.close()

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("read a file whose text is packed")

    monkeypatch.setattr("tui_reader.core.search.corpus.title_and_text", no_reading)
    again = {tuple(q): _search(q, corpus, db, capsys) for q in QUERIES}
    assert again == first
    monkeypatch.undo()
    (corpus / "a.txt").write_text("No soldiers now.\n")  # a changed file is read again
    os.utime(corpus / "a.txt", ns=(1, 1))
    (corpus / "c.md").unlink()
    lines = _search(["-i", "army"], corpus, db, capsys).splitlines()
    assert lines[:2] == [
        "b.md:1: Notes on the army",
        "d.txt:1: Kelvin \u212a and long \u017f and ARMY",
    ]
    assert [line[:8] for line in lines[2:]] == ["e.txt:1:"]  # as its encoding was guessed
    assert _search(["soldiers"], corpus, db, capsys) == "a.txt:1: No soldiers now.\n"


def test_a_file_rewritten_to_the_same_size_with_its_old_time_is_searched_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The market moved south.\n")
    db = tmp_path / "db.json"
    assert _search(["market"], corpus, db, capsys) == "a.txt:1: The market moved south.\n"
    rewritten_keeping_time(corpus / "a.txt", "The garden moved north.\n")  # cp -p, touch -r
    assert _search(["garden"], corpus, db, capsys) == "a.txt:1: The garden moved north.\n"
    assert _search(["market"], corpus, db, capsys) == ""


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.text(alphabet="ab AB\n*_#-é\u212a\u017f", max_size=30), min_size=1, max_size=4),
    st.text(alphabet="abAB é\u212a", min_size=1, max_size=3),
    st.booleans(),
)
def test_any_corpus_searched_twice_gives_the_same_hits(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    texts: list[str],
    query: str,
    ignore_case: bool,
) -> None:
    tmp_path = tmp_path_factory.mktemp("pack")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, text in enumerate(texts):
        (corpus / f"doc{n}.{'md' if n % 2 else 'txt'}").write_text(text, "utf-8")
    args = ["-i", query] if ignore_case else [query]
    db = tmp_path / "db.json"
    scanned = _search(args, corpus, db, capsys)
    assert _search(args, corpus, db, capsys) == scanned
    # and what a scan without any pack gives
    assert _search(args, corpus, tmp_path / "other.json", capsys) == scanned


def test_a_damaged_pack_is_ignored_and_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    db = tmp_path / "db.json"
    expected = _search(["-i", "army"], corpus, db, capsys)
    path = texts_cache_path(db)
    data = path.read_bytes()
    for damaged in (b"", data[:40], data[: len(data) // 2], b"x" + data[1:], data[:-5]):
        path.write_bytes(damaged)
        assert _search(["-i", "army"], corpus, db, capsys) == expected
    assert len(TextPack(path)) == len(FILES)


# What a search does in a child forked from a process that imported the command's entry point
# as ``tui-reader`` does: whether it loaded a module, and its exit status.
_SEARCH = """
            corpus, db, module, *args = fields
            status = main(["search", *args, corpus, "--db", db])
            result = f"{module in sys.modules} {status}"
"""
LoadedBySearch = Callable[[Path, Path, list[str], str], str]


@pytest.fixture
def loaded_by_search() -> Iterator[LoadedBySearch]:
    """``loaded_by_search(corpus, db, args, module)``: whether a search of ``corpus`` with
    ``args``, in a process of its own, loaded ``module``, and its exit status: "False 0"."""
    with fresh_starts("from tui_reader.cli.main import main", _SEARCH) as run:
        yield lambda corpus, db, args, module: run([str(corpus), str(db), module, *args])


def test_a_literal_search_never_loads_the_regular_expression_engine(
    tmp_path: Path, loaded_by_search: LoadedBySearch
) -> None:
    """The ``regex`` module (20 ms to load) is for ``--regex`` alone: a literal search, the
    first or from the pack, does without it; ``--regex`` finds with it."""
    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    loaded = [
        loaded_by_search(corpus, db, args, "regex")
        for args in (["-i", "army"], ["-l", "army"], ["--regex", "arm(y|ies)"])
    ]
    assert loaded == ["False 0", "False 0", "True 0"]


def test_a_search_for_the_documents_of_packed_texts_loads_no_reading_of_documents(
    tmp_path: Path, loaded_by_search: LoadedBySearch
) -> None:
    """``search -l`` of texts all packed reads no document: the modules that read one (and
    the memos', which -l never searches) are not loaded, 80 ms of a search of 0.6 s; a
    first search reads the files with them, and a search printing lines counts a plain
    text's lines in its file."""
    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    reading, memos = "tui_reader.core.search.corpus", "tui_reader.core.analysis.memos"
    assert loaded_by_search(corpus, db, ["-l", "-i", "the"], reading) == "True 0"
    assert loaded_by_search(corpus, db, ["-l", "-i", "the"], reading) == "False 0"
    assert loaded_by_search(corpus, db, ["-l", "-i", "the"], memos) == "False 0"
    assert loaded_by_search(corpus, db, ["-i", "the"], reading) == "True 0"


def test_a_search_does_not_read_back_the_texts_it_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once it had written the texts it read, a search read the file back to hold them (its
    header of 10,000 keys and titles parsed: 30 ms of CPU at the end of a first search, and
    of one reading a file changed since), and ended.  It reads the pack once, before
    searching, and not at all when there is none yet."""
    from helpers.counting import count_calls

    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    headers = count_calls(monkeypatch, TextPack, "_read_header")
    first = _search(["-i", "army"], corpus, db, capsys)
    assert headers.calls == 0
    (corpus / "a.txt").write_text("The army moved on.\n", encoding="utf-8")
    again = _search(["-i", "army"], corpus, db, capsys)
    assert headers.calls == 1
    assert again.splitlines()[1:] == first.splitlines()[3:]  # (a.txt's lines changed)
    assert _search(["-i", "army"], corpus, db, capsys) == again
    assert len(TextPack(texts_cache_path(db))) == len(FILES)


def test_a_search_after_a_file_changed_loads_only_what_reads_it(
    tmp_path: Path, loaded_by_search: LoadedBySearch
) -> None:
    """A search reading one file changed since the last (a note edited, then searched)
    loaded the memos' module with the reading of files (10 ms; -l searches no memo) and
    tempfile, with random and shutil's compressions, to name the file its texts are
    written to (8 ms): 5% of a search of 10,000 texts kept."""
    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    assert loaded_by_search(corpus, db, ["-l", "-i", "the"], "tempfile") == "True 0"
    for module in ("tempfile", "tui_reader.core.analysis.memos"):
        (corpus / "a.txt").write_text(f"The army {module}.\n", encoding="utf-8")
        assert loaded_by_search(corpus, db, ["-l", "-i", "the"], module) == "False 0"
    assert len(TextPack(texts_cache_path(db))) == len(FILES)


def test_a_search_of_a_corpus_named_loads_no_module_it_does_not_use(
    tmp_path: Path, loaded_by_search: LoadedBySearch
) -> None:
    """Whether the corpus named is the sample corpus was asked of importlib.resources, with
    the zip archives' modules (10 ms of every list, search and export), and a copy that
    shares the reading of many files made its temporary file with a module loading the
    compressions' (7 ms, forking or not): neither is loaded by a search that needs none,
    nor is pickle, which reads what such a copy found."""
    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    for module in ("importlib.resources", "zipfile", "tempfile", "pickle"):
        assert loaded_by_search(corpus, db, ["-l", "-i", "the"], module) == "False 0"


def test_a_search_of_packed_texts_looks_each_up_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search of 10,000 texts kept looked each up in the pack three times, each look
    taking its lock: is it held, what could not be read of it, its test.  The last two are
    one look, and whether each is held one look for all of them before the first: a look
    a document.  With a core free, whether to share the work with a second process looked
    each up once more (137 looks, on a quiet machine only): that is one look for all of
    them too; and so is the test of each text, its file's stamp taken with the others'
    before.  Names that show as they are (no control, no backslash) are printed so, told in
    one look over them all, not made safe one at a time."""
    from helpers.counting import count_calls

    import tui_reader.cli.search as cli_search

    monkeypatch.setattr(cli_search, "_core_free", lambda: True)  # as on a quiet machine
    monkeypatch.setattr(cli_search, "SHARE_FROM", 10)  # (the first search shares its work)
    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    for n in range(40):
        (corpus / f"more{n}.txt").write_text(f"Notes {n}\n\nthe army came\n", "utf-8")
    first = _search(["-l", "-i", "army"], corpus, db, capsys)
    looks = count_calls(monkeypatch, TextPack, "_open_once")
    names = count_calls(monkeypatch, cli_search, "shown_name")
    alone = count_calls(monkeypatch, TextPack, "test_said")
    stamped = count_calls(monkeypatch, cli_search, "file_stamp")
    assert _search(["-l", "-i", "army"], corpus, db, capsys) == first
    assert len(first.splitlines()) == 45
    # (and four more: whether to share the work, which are held, keep the corpus's texts,
    # and d.txt's text read, its Kelvin sign's fold beyond what its bytes tell)
    assert looks.calls <= 45 + 4
    assert names.calls <= 1  # (d.txt's, found in its text: printed as a hit's line is)
    # each tested in the one look over them all, each file's stamp taken with the others'
    assert (alone.calls, stamped.calls) == (0, 0)


def test_a_search_of_texts_kept_prints_its_first_hits_before_testing_every_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search of texts kept took the stamps of every file and tested every text before it
    printed its first line (10,000 of them: 0.1 s, 0.3 s for a rare word, where the goal
    for a first hit is 0.3 s): they are looked at a batch at a time."""
    import tui_reader.cli.search as cli_search

    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    for n in range(40):
        (corpus / f"more{n}.txt").write_text(f"Notes {n}\n\nthe army came\n", "utf-8")
    first = _search(["-l", "-i", "army"], corpus, db, capsys)
    events: list[str] = []
    stamps, write = cli_search.file_stamps, cli_search._Output.write

    def stamped(paths: object, taken: object = None) -> object:
        events.append("stamps")
        return stamps(paths, taken)  # type: ignore[arg-type]

    def written(self: object) -> None:
        if self._lines:  # type: ignore[attr-defined]
            events.append("write")
        write(self)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_search, "file_stamps", stamped)
    monkeypatch.setattr(cli_search._Output, "write", written)
    monkeypatch.setattr(cli_search, "LOOKED_AT_ONCE", 10, raising=False)
    assert _search(["-l", "-i", "army"], corpus, db, capsys) == first
    assert events.count("stamps") == 5  # 45 documents, 10 at a time
    assert events.index("write") < events.index("stamps", 1)


def test_a_first_search_names_each_document_read_as_a_packed_one_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search made, for each file it read, the lines saying what could not be read
    of it (none, for all but a damaged one) and, for -l, its name made safe alone, where
    the texts kept have their names told safe in one look over them all: 7 us a file, 70
    ms of a first search of 10,000."""
    from helpers.counting import count_calls

    import tui_reader.cli.search as cli_search

    corpus, db = _corpus(tmp_path), tmp_path / "db.json"
    for n in range(40):
        (corpus / f"more{n}.txt").write_text(f"Notes {n}\n\nthe army came\n", "utf-8")
    names = count_calls(monkeypatch, cli_search, "shown_name")
    said = count_calls(monkeypatch, cli_search, "problem_lines")
    first = _search(["-l", "-i", "army"], corpus, db, capsys)
    assert len(first.splitlines()) == 45
    assert names.calls <= 1  # (d.txt's, found in its text: printed as a hit's line is)
    assert said.calls == 0
    assert _search(["-l", "-i", "army"], corpus, db, capsys) == first


# Letters whose case-blind matches go beyond ASCII (the folds, ß, a dotted capital), spaces,
# line breaks, and plain letters: the texts a literal is found in.
_TEXT_CHARS = "aAbBkKsS \n\u0130\u0131\u017f\u212a\xdf\xe9\xc9"


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=_TEXT_CHARS, max_size=60),
    st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=3),
    st.booleans(),
    st.booleans(),
)
def test_a_literal_is_found_where_the_regex_engine_finds_it(
    text: str, literal: str, ignore_case: bool, listed: bool
) -> None:
    """The hits the command prints (found with ``str.find`` for a literal, lowercased in an
    ASCII text) are those of the pattern's ``finditer``, as they were: the escaped literal's,
    or, ignoring case, the literal's folded.  Printed, a composed text's hits are found at
    once and paired with their ends in C, not made and yielded one at a time by a generator
    (``-l``, which asks for the first alone, has them so), ignoring case too in a text beyond
    ASCII whose letters' folds hold no ASCII letter (é, a bullet: not ß, ﬁ or K)."""
    import inspect
    import re

    from tui_reader.cli.search import _pattern, _spans
    from tui_reader.core.search.composed import composed_form
    from tui_reader.core.search.hits import fold, holds_ascii_folds

    literal = composed_form(literal)  # as the command takes it
    args = search_args(literal, ignore_case=ignore_case, files_with_matches=listed)
    pattern = _pattern(args)
    # found in the composed text (the Kelvin sign is a K: one code point for one)
    found = (pattern if ignore_case else re.compile(re.escape(literal))).finditer(
        composed_form(text)
    )
    expected = [m.span() for m in found if m.start() != m.end()]
    spans = _spans(args, pattern, text)
    assert list(spans) == expected
    one_by_one = listed or text != composed_form(text)
    lowered = fold(literal).isascii() and not holds_ascii_folds(text)  # (ß, ﬁ: folded)
    if not one_by_one and (not ignore_case or lowered):
        assert not inspect.isgenerator(spans)
    assert pattern.pattern == literal  # (as typed: not compiled, found as re finds it)


# What a terminal must not get (controls, C1, bidi controls, direction marks, line and
# paragraph separators, a lone surrogate), tabs and line breaks, and plain text.
_SHOWN_CHARS = "ab \t\n\x1b\x7f\x07\x85\x9b\u202e\u2066\u200e\u2028\u2029\udc80…é"


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=_SHOWN_CHARS, max_size=80)
    | st.text(alphabet="ab \n…é", max_size=80)
    | st.text(alphabet="ab \n", max_size=80)
    | st.text(alphabet="ab \n\t", max_size=80)
    | st.text(alphabet="ab \n\x7f", max_size=80)
    | st.text(alphabet="ab \n\t\x7f\x1b", max_size=80),
    st.sampled_from(["a", "b", "ab", "a\nb", "\t", "\u202e", "\n"]),
    st.booleans(),
)
def test_each_printed_hit_is_its_context_made_safe(text: str, literal: str, regex: bool) -> None:
    """A hit's line is ``name:line: shown(context)``, whether the text is found safe as a
    whole (its contexts then printed as they are) or not; a hit within the context printed
    for the hit before on its line prints nothing more (grep prints a line once)."""
    import re

    from tui_reader.cli.search import _Output, _pattern, _print_hits
    from tui_reader.core.display import shown
    from tui_reader.core.search.hits import context_span, line_bounds, line_context

    source = re.escape(literal) if regex else literal
    args = search_args(source, regex=regex)
    pattern = _pattern(args)
    out = _Output()
    found = _print_hits(out, args, pattern, text, "doc\x1b.txt", {"document": "doc"})
    expected = []
    hits = list(re.finditer(re.escape(literal), text))
    printed = (-1, -1, -1)  # the line's bounds and the part of it printed
    for match in hits:
        start, end = match.span()
        bounds = line_bounds(text, start, end)
        if printed[0] == bounds[0] and printed[1] <= start <= end <= printed[2]:
            continue
        printed = (bounds[0], *context_span(bounds, start, end))
        line = text.count("\n", 0, start) + 1
        expected.append(f"doc␛.txt:{line}: {shown(line_context(text, start, end))}\n")
    assert found == len(hits)
    assert out._lines == expected


def _army_corpus(tmp_path: Path) -> dict[str, str]:
    """Six texts of 3,000 lines of "army" in ``tmp_path/corpus`` (far more than a pipe holds),
    and the environment of a search run there with a texts cache of its own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = "".join(f"the army line {n}\n" for n in range(3000))
    for n in range(6):
        (corpus / f"f{n}.txt").write_text(lines)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUI_READER_")}
    env["TUI_READER_CACHE"] = str(tmp_path / "cache")
    return env


def test_a_search_whose_reader_has_gone_keeps_the_texts_it_read(tmp_path: Path) -> None:
    """``search army | head -1``: the pipe closed, the command ended quietly, but without
    keeping the texts it had read; the next search read every file again.  What was read
    before the reader went is kept, and nothing is said (no traceback, no broken pipe)."""
    import subprocess
    import sys

    env = _army_corpus(tmp_path)
    result = subprocess.run(
        ["sh", "-c", '"$0" -m tui_reader search army corpus --db db.json | head -1',
         sys.executable],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, env=env,
    )  # fmt: skip
    assert result.stdout == "corpus/f0.txt:1: the army line 0\n"
    assert result.stderr == ""
    pack = TextPack(texts_cache_path(tmp_path / "db.json", env))
    try:
        assert len(pack) >= 1  # at least the first document, whose line was printed
    finally:
        pack.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="signals as a terminal sends them")
def test_a_search_stopped_by_ctrl_c_keeps_the_texts_it_read(tmp_path: Path) -> None:
    """ctrl+c during a first search threw away every text read so far: the next search read
    every file again.  What was read is kept, and the search ends as grep does: 130, no
    traceback."""
    import signal
    import subprocess
    import sys

    env = _army_corpus(tmp_path)
    # As in a terminal: a job started in the background by a shell inherits ctrl+c ignored,
    # and then the search rightly goes on to its end, and this would test nothing.
    search = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "search", "army", "corpus", "--db", "db.json"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert search.stdout is not None
    first = os.read(search.stdout.fileno(), 21)  # its first hit: the pipe, unread, fills
    assert first == b"corpus/f0.txt:1: the "
    search.send_signal(signal.SIGINT)
    _, err = search.communicate(timeout=30)
    assert search.returncode == 130
    assert err == b""
    pack = TextPack(texts_cache_path(tmp_path / "db.json", env))
    try:
        assert len(pack) >= 1  # at least the first document, whose line was printed
    finally:
        pack.close()


def test_a_first_search_tells_a_clean_text_ascii_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search read each clean ASCII file, found it ASCII and clean, and then the pack
    looked over its bytes again to tell it ASCII (a pass over each of 8,000 files of 10 KB).
    The flags found as it was read go with it; the pack keeps the same ones."""
    # (loaded first: the flags its reading finds are found once, and not counted here)
    from tui_reader.core.search import corpus as _reading  # noqa: F401
    from tui_reader.core.search import text_pack

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"a.txt": "The army moved.\n", "b.txt": "caf\u00e9 and the army\n", "c.txt": "none\n"}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    told: list[str] = []  # the texts whose flags the pack found again
    data_flags, text_flags = text_pack.data_flags, text_pack.text_flags

    def data_told(data: bytes) -> int:
        told.append(data.decode())
        return data_flags(data)

    def text_told(text: str, utf8_length: int | None = None) -> int:
        told.append(text)
        return text_flags(text, utf8_length)

    monkeypatch.setattr(text_pack, "data_flags", data_told)
    monkeypatch.setattr(text_pack, "text_flags", text_told)
    db = tmp_path / "db.json"
    assert _search(["-l", "-i", "the"], corpus, db, capsys).splitlines() == ["a.txt", "b.txt"]
    assert told == []  # each file's flags found once, as it was read
    pack = TextPack(texts_cache_path(db))
    try:
        for name, text in texts.items():
            key = os.path.relpath(corpus / name, tmp_path)
            stamp = file_stamp(corpus / name)
            flags = pack.test(key, stamp, lambda _data, _start, _end, flags: flags)
            assert flags == text_flags(text) | text_pack.FILE_LINES
    finally:
        pack.close()


def test_a_search_after_the_app_s_reads_no_file_again_for_its_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's corpus search packed each clean text without saying that its lines are its
    file's (as the command's own first search says it), so a search printing lines after it
    read every file with a hit again to find the breaks its text has that its file has not
    (none, in a clean file): 10,000 files read again for a common word."""
    from tui_reader.cli import search as search_command
    from tui_reader.core.search.corpus import CorpusTexts
    from tui_reader.core.search.finder import smart_case_finder
    from tui_reader.core.workspace import Workspace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved.\nThen the army left.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("caf\u00e9 and the army\n", encoding="utf-8")
    db = tmp_path / "db.json"
    workspace = Workspace(corpus, db)
    try:
        texts = CorpusTexts(workspace)
        finder = smart_case_finder("army")
        first, second = workspace.keys()
        texts.searchable(first, finder)  # as the app's F reads a file the first time
        texts.get(second)  # as it reads a file again once it changed
        texts.save()
        texts.pack.close()
    finally:
        workspace.store.close()
    read_again: list[str] = []
    file_breaks = search_command._file_breaks

    def counted(file: object) -> list[int]:
        read_again.append(str(file))
        return file_breaks(file)  # type: ignore[arg-type]

    monkeypatch.setattr(search_command, "_file_breaks", counted)
    assert _search(["army"], corpus, db, capsys).splitlines() == [
        "a.txt:1: The army moved.",
        "a.txt:2: Then the army left.",
        "b.txt:1: café and the army",
    ]
    assert read_again == []


def test_a_search_of_texts_kept_stats_each_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing looks at each text of a folder it knew (written over in place since?) and
    the search then stamped each again to find its packed text: the bench's 10,000 files
    stat'ed twice at every search of texts kept.  The search takes the listing's stat for
    the stamp; a file written over since the last search is still read again."""
    from tui_reader.core.documents import own_texts

    monkeypatch.setattr(own_texts, "RECENT", 0)  # (its files written a moment before)
    corpus = _corpus(tmp_path)
    old = 1_700_000_000_000_000_000  # the folder's time well past: its own texts kept
    os.utime(corpus, ns=(old, old))
    db = tmp_path / "db.json"
    first = _search(["-i", "army"], corpus, db, capsys)
    counted: dict[str, int] = {}
    real = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        counted[os.path.basename(str(path))] = counted.get(os.path.basename(str(path)), 0) + 1
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    assert _search(["-i", "army"], corpus, db, capsys) == first
    assert {name: counted.get(name) for name in FILES} == dict.fromkeys(FILES, 1)
    text = FILES["a.txt"].replace("army", "navy").replace("Army", "Navy")
    rewritten_keeping_time(corpus / "a.txt", text)  # written over in place
    os.utime(corpus, ns=(old, old))
    again = _search(["-i", "army"], corpus, db, capsys)
    assert again == _search(["-i", "army"], corpus, tmp_path / "fresh.json", capsys) != first
    assert "a.txt" not in again
