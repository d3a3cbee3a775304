"""``export --format project`` and ``import`` of it: the whole project (codebook with colours
and descriptions, memos, documents' attributes, annotations) into another database."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import SEED_CORPUS

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import LOCK_WAIT, ORIGIN

MEXICO = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def _coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database beside a corpus copy with codes coloured and described, an astral character
    in a passage's note, memos of each kind and attributes: made once for the module by the
    commands (as the coder every test is), never written; each test reads a copy (``coded``)."""
    base = tmp_path_factory.mktemp("coded")
    corpus = Path(shutil.copytree(SEED_CORPUS, base / "docs_corpus"))
    db = base / "mine.json"
    common = ("--db", str(db), "--corpus", str(corpus))
    doc = str(corpus / MEXICO)
    commands = [
        ["annotate", *common, "--coder", "ann", doc, "--quote", quote, "--tag", tag,
         "--note", "a note 𝒳"]
        for quote, tag in [("Despite U.S. investments", "money"), ("In a move that", "policy/border")]
    ]  # fmt: skip
    commands += [
        ["tags", "set", "money", *common, "--color", "orange", "--description", "cash"],
        ["tags", "set", "unused", *common, "--color", "#112233"],
        ["memo", "add", *common, "--code", "money", "about money"],
        ["memo", "add", *common, "--doc", doc, "about the document"],
        ["memo", "add", *common, "--journal", "a day of coding"],
        ["attr", "set", *common, doc, "age=34", "place=Lima"],
    ]
    policy = LOCK_WAIT.get(), ORIGIN.get()  # as a test leaves them (tests/conftest.py)
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(io.StringIO()):
        env.setenv("TUI_READER_CODER", "tester")
        for argv in commands:
            assert main(argv) == 0, argv
    LOCK_WAIT.set(policy[0])
    ORIGIN.set(policy[1])
    return db


@pytest.fixture
def coded(_coded: Path, corpus_copy: Path) -> Path:
    """A copy of the coded database's file beside the test's corpus copy."""
    return Path(shutil.copyfile(_coded, corpus_copy.parent / "mine.json"))


def test_a_project_comes_back_whole_into_an_empty_database(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = coded.parent / "first.json"
    status, _, err = _run(
        capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
        "-o", str(first),
    )  # fmt: skip
    assert status == 0, err
    other = coded.parent / "other.json"
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    assert status == 0, err
    with AnnotationStore(other, read_only=True) as store, AnnotationStore(coded) as mine:
        assert store.tags() == mine.tags()  # colours, descriptions, the unused code, order
        assert store.memos() == mine.memos()
        assert store.attributes() == mine.attributes()
        assert store.memo(MemoKind.CODE, "money") is not None
    again = coded.parent / "again.json"
    status, _, err = _run(
        capsys, "export", str(corpus_copy), "--db", str(other), "--format", "project",
        "-o", str(again),
    )  # fmt: skip
    assert status == 0, err
    assert again.read_bytes() == first.read_bytes()
    # imported a second time, nothing changes: no memo twice, no code again
    _run(capsys, "import", str(first), "--db", str(other))
    with AnnotationStore(other, read_only=True) as store:
        assert len(store.memos()) == 3


def test_the_json_export_stays_an_array_of_annotations(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "json")
    assert isinstance(json.loads(out), list)


def test_a_project_merges_with_its_memos_and_attributes(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    other = coded.parent / "other.json"
    status, _, err = _run(capsys, "merge", str(first), "--db", str(other),
                          "--corpus", str(corpus_copy))  # fmt: skip
    assert status == 0, err
    with AnnotationStore(other, read_only=True) as store, AnnotationStore(coded) as mine:
        assert store.tags() == mine.tags()
        assert store.memos() == mine.memos()
        assert store.attributes() == mine.attributes()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda p: p["memos"][0].update(kind="poem"), "memo 1 of the project"),
        (lambda p: p["codebook"].append({"name": 3}), "of the project's codebook is not"),
        (lambda p: p["attributes"].update({"x.txt": {"age": [1]}}), "attribute 'age'"),
    ],
)
def test_a_damaged_entry_of_a_project_is_named_and_left_out_the_rest_imported(
    coded: Path,
    corpus_copy: Path,
    capsys: pytest.CaptureFixture[str],
    change: object,
    said: str,
) -> None:
    """One damaged memo, code or document's attributes refused the whole project, as one bad
    annotation of it did, where a W3C file leaves out its bad annotation alone: the entry is
    left out, named in one line, the rest imported, exit 1."""
    first, project, other = _project_changed(capsys, coded, corpus_copy, change)
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    left = [line for line in err.splitlines() if "not imported" in line]
    assert status == 1 and len(left) == 1, err
    assert said in left[0] and first.name in left[0]
    with AnnotationStore(other, read_only=True) as store:
        assert len(store.annotations()) == len(project["annotations"])


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda p: p.update(version=99), "newer than this tui-reader reads"),
        (lambda p: p.update(version="1"), "version '1' is not 1, 2, ..."),
        (lambda p: p.update(memos={}), "the project's 'memos' is not a JSON array"),
    ],
)
def test_a_project_that_is_none_this_version_reads_is_one_line_and_nothing_is_written(
    coded: Path,
    corpus_copy: Path,
    capsys: pytest.CaptureFixture[str],
    change: object,
    said: str,
) -> None:
    first, _, other = _project_changed(capsys, coded, corpus_copy, change)
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    assert status == 2
    assert said in err and str(first) in err
    assert len(err.strip().splitlines()) == 1
    assert not other.exists()


def test_a_project_damaged_in_several_parts_names_each_on_its_own_line(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code, a memo, a value and a record damaged: the import named the first part it read
    and nothing of the others, which the user met one import after another; then it named
    them all and refused the whole project.  Each is now named on a line of its own and left
    out, the rest imported (or merged), exit 1."""
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    project = json.loads(first.read_text(encoding="utf-8"))
    project["codebook"].append({"name": " "})
    project["memos"][0].update(kind="poem")
    project["attributes"].update({"x.txt": {"age": [1]}})
    project["annotations"][1]["start"] = "x"
    first.write_text(json.dumps(project), encoding="utf-8")
    for command, verb in (("import", "imported"), ("merge", "merged")):
        other = coded.parent / f"{command}.json"
        status, _, err = _run(capsys, command, str(first), "--db", str(other))
        left = [line for line in err.splitlines() if f"not {verb}" in line]
        assert status == 1 and len(left) == 4, err
        for said, line in zip(
            (f"record 2 ('{project['annotations'][1]['id']}'): start",
             "code 4 of the project's codebook has no name", "memo 1 of the project",
             "attribute 'age'"),
            left,
            strict=True,
        ):  # fmt: skip
            assert said in line and first.name in line, (said, line)
        with AnnotationStore(other, read_only=True) as store, AnnotationStore(coded) as mine:
            assert len(store.annotations()) == len(project["annotations"]) - 1
            assert len(store.memos()) == len(mine.memos()) - 1
            assert len(store.tags()) == len(mine.tags())


def test_a_project_imported_where_the_corpus_is_in_another_folder_keeps_memos_and_attributes(
    coded: Path, corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's corpus in another folder: the passages were found on its documents by
    their text, but the documents' memos and attributes stayed on the keys of the project's
    folders, shown nowhere; they go with the passages to the document of that text."""
    other = _imported_elsewhere(capsys, coded, corpus_copy, tmp_path)
    key = f"texts/{MEXICO}"
    with AnnotationStore(other, read_only=True) as store:
        assert store.attributes() == {key: {"age": 34, "place": "Lima"}}
        assert [m.target for m in store.memos(MemoKind.DOCUMENT)] == [key]


def test_a_project_s_memo_of_a_document_not_coded_finds_it_in_another_folder(
    coded: Path, corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The memo and attributes of a document not coded yet, the corpus in another folder
    here, stayed on the project's key; they go to the one document here of that name."""
    uncoded = next(p for p in corpus_copy.iterdir() if p.name != MEXICO)
    common = ("--db", str(coded), "--corpus", str(corpus_copy))
    _run(capsys, "memo", "add", *common, "--doc", str(uncoded), "to read first")
    _run(capsys, "attr", "set", *common, str(uncoded), "year=2019")
    other = _imported_elsewhere(capsys, coded, corpus_copy, tmp_path)
    key = f"texts/{uncoded.name}"
    with AnnotationStore(other, read_only=True) as store:
        assert store.attributes()[key] == {"year": 2019}
        assert [m.text for m in store.memos(MemoKind.DOCUMENT) if m.target == key] == [
            "to read first\n"
        ]


def test_the_memo_of_a_document_not_coded_yet_is_in_the_project(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A memo written about a document before any passage of it was coded was left out of
    the project (and of Markdown), lost on the way to another database."""
    uncoded = next(p for p in corpus_copy.iterdir() if p.name != MEXICO)
    _run(capsys, "memo", "add", "--db", str(coded), "--corpus", str(corpus_copy), "--doc",
         str(uncoded), "first thoughts before coding")  # fmt: skip
    status, out, err = _run(
        capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project"
    )
    assert status == 0, err
    memos = json.loads(out)["memos"]
    assert [m["text"] for m in memos if m["target"].endswith(uncoded.name)] == [
        "first thoughts before coding\n"
    ]
    _, markdown, _ = _run(capsys, "export", str(corpus_copy), "--db", str(coded))
    assert "first thoughts before coding" in markdown
    # an export of some documents or codes holds the memos of those alone
    _, out, _ = _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format",
                     "project", "--doc", MEXICO)  # fmt: skip
    assert all(not m["target"].endswith(uncoded.name) for m in json.loads(out)["memos"])


def test_a_colour_that_is_none_comes_in_as_the_automatic_colour(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    project = json.loads(first.read_text(encoding="utf-8"))
    project["codebook"][0]["color"] = "\x1b[31m"
    project["codebook"][1]["color"] = "Orange"
    first.write_text(json.dumps(project), encoding="utf-8")
    other = coded.parent / "other.json"
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    assert status == 0, err
    with AnnotationStore(other, read_only=True) as store:
        colours = {t.name: t.color for t in store.tags()}
    assert colours[project["codebook"][0]["name"]] == ""
    assert colours[project["codebook"][1]["name"]] == "#ffa500"


def _imported_elsewhere(
    capsys: pytest.CaptureFixture[str], coded: Path, corpus_copy: Path, tmp_path: Path
) -> Path:
    """The project of ``coded`` exported, then imported by a colleague whose copy of the
    corpus lies in another folder (``colleague/texts``): their database."""
    first = tmp_path / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    elsewhere = tmp_path / "colleague"
    (elsewhere / "texts").mkdir(parents=True)
    for path in corpus_copy.iterdir():
        (elsewhere / "texts" / path.name).write_bytes(path.read_bytes())
    other = elsewhere / "annotations.json"
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    assert status == 0, err
    return other


def test_a_code_named_with_an_empty_level_comes_in_as_the_store_names_it(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project's code named 'a//b' or ' c / d ' (written by hand, or by a database of
    before names were checked) stopped the import once its memos and attributes were saved,
    in a line naming neither the file nor the import: it is read as an annotation's codes
    are, 'a/b' and 'c/d', and the whole project comes in."""
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    project = json.loads(first.read_text(encoding="utf-8"))
    project["codebook"] += [
        {"name": "a//b", "color": "", "description": "double"},
        {"name": " c / d ", "color": "", "description": "spaced"},
        {"name": " / ", "color": "", "description": "nothing"},
    ]
    first.write_text(json.dumps(project), encoding="utf-8")
    other = coded.parent / "other.json"
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    assert status == 0, err
    with AnnotationStore(other, read_only=True) as store, AnnotationStore(coded) as mine:
        tags = {t.name: t.description for t in store.tags()}
        assert (tags["a/b"], tags["c/d"]) == ("double", "spaced")
        assert len(tags) == len(mine.tags()) + 2
        assert len(store.memos()) == 3 and store.attributes() == mine.attributes()
        assert len(store.annotations()) == 2


def test_a_projects_memo_or_attributes_of_a_document_outside_any_folder_are_left_out(
    coded: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An annotation on '/etc/passwd' is left out of a project; a memo or attributes on it
    were saved (and shown by 'attr list'): a project's documents are named by one rule."""
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    project = json.loads(first.read_text(encoding="utf-8"))
    [memo] = [m for m in project["memos"] if m["kind"] == "document"]
    memo["target"] = "/etc/passwd"
    project["attributes"]["C:\\Users\\x.txt"] = {"age": 3}  # a Windows path, as typed there
    first.write_text(json.dumps(project), encoding="utf-8")
    other = coded.parent / "other.json"
    status, _, err = _run(capsys, "import", str(first), "--db", str(other))
    left = [line for line in err.splitlines() if "not imported" in line]
    assert status == 1 and len(left) == 2, err
    assert "first.json: memo " in left[0]
    assert "its document: /etc/passwd is not a path relative to the database" in left[0]
    # the name as it is written, not in Python's quotes ('C:\\\\Users\\\\x.txt')
    assert "the attributes of document C:\\Users\\x.txt: C:\\Users\\x.txt is not a path" in left[1]
    with AnnotationStore(other, read_only=True) as store:
        assert all(m.target != "/etc/passwd" for m in store.memos())
        assert "C:\\Users\\x.txt" not in store.attributes()


@pytest.mark.parametrize("verb", ["import", "merge"])
@pytest.mark.parametrize("fmt", ["project", "json", "w3c"])
def test_a_passage_holding_a_direction_mark_comes_back_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, verb: str
) -> None:
    """An iPhone's WhatsApp export opens lines with a left-to-right mark (Arabic and Hebrew
    texts hold many): the exports write it as U+FFFD, and a passage holding one came back
    from its own export, imported or merged, an orphan, found nowhere in the text."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        "\u200e[05/04/2023, 09:12:01] Fuente A: Hoy llegaron dos camiones\n"
        "[05/04/2023, 09:13:15] Periodista: \u200f¿Dónde?\n"
    )
    (corpus / "chat.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "mine.json"
    common = ("--db", str(db), "--corpus", str(corpus))
    mark = text.index("\u200f")
    for start, end in [(0, 24), (mark, mark + 8)]:
        status, _, err = _run(
            capsys, "annotate", *common, str(corpus / "chat.txt"), "--start", str(start),
            "--end", str(end), "--tag", "t",
        )  # fmt: skip
        assert status == 0, err
    exported = tmp_path / f"out.{fmt}.json"
    status, _, err = _run(capsys, "export", *common, "--format", fmt, "-o", str(exported))
    assert status == 0, err
    other = tmp_path / "other.json"
    status, _, err = _run(capsys, verb, str(exported), "--db", str(other), "--corpus", str(corpus))
    assert status == 0, err
    with AnnotationStore(other, read_only=True) as store, AnnotationStore(db) as mine:
        back = sorted(store.annotations("corpus/chat.txt"), key=lambda a: a.start)
        ours = sorted(mine.annotations("corpus/chat.txt"), key=lambda a: a.start)
        assert [a.quote for a in back] == [a.quote for a in ours]
        assert [a.quote[0] for a in back] == ["\u200e", "\u200f"]
    status, out, err = _run(
        capsys, "export", "--db", str(other), "--corpus", str(corpus), "-f", "csv"
    )
    assert status == 0, err
    assert "orphan" not in out and out.count(",anchored,") == 2


def _project_changed(
    capsys: pytest.CaptureFixture[str], coded: Path, corpus_copy: Path, change: object
) -> tuple[Path, dict[str, Any], Path]:
    """The project export of ``coded`` (a file beside it), changed by ``change``; the project
    as changed; a database beside it to import it into."""
    first = coded.parent / "first.json"
    _run(capsys, "export", str(corpus_copy), "--db", str(coded), "--format", "project",
         "-o", str(first))  # fmt: skip
    project = json.loads(first.read_text(encoding="utf-8"))
    change(project)  # type: ignore[operator]
    first.write_text(json.dumps(project), encoding="utf-8")
    return first, project, coded.parent / "other.json"
