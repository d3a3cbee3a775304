"""``tui-reader report frequencies`` and ``cooccurrence`` against counts made by hand: two
coders, overlapping passages of one code, and a document with no passage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace

TEXTS = {"a.txt": "abcdefghijklmnopqrs\n", "b.txt": "012345678\n", "c.txt": "uncoded .\n"}
# (document, start, end, codes, coder)
CODING = [
    ("a.txt", 0, 5, ("x",), "ana"),
    ("a.txt", 3, 8, ("x",), "ana"),  # overlaps the first: [0, 8) of x, 8 characters
    ("a.txt", 6, 10, ("y",), "ana"),  # meets ana's second x: x and y meet once
    ("a.txt", 0, 4, ("y",), "ben"),  # on ana's x: another coder's, no meeting
    ("b.txt", 2, 6, ("x", "y"), "ben"),  # both codes: x and y meet
    ("b.txt", 4, 9, ("z",), "ben"),  # overlaps it: z meets x, and y
]


@pytest.fixture
def project(tmp_path: Path) -> list[str]:
    return _project(tmp_path, CODING)


def _project(tmp_path: Path, coding: list[tuple[str, int, int, tuple[str, ...], str]]) -> list[str]:
    """The arguments of a report on ``TEXTS`` coded with ``coding``, in JSON."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path / "annotations.json"
    workspace = Workspace(corpus, db)
    for name, start, end, tags, coder in coding:
        key = workspace.key(corpus / name)
        document = workspace.document(key)
        workspace.store.add(
            make_annotation(key, document.text, start, start + (end - start), document.sha256,
                            tags, coder=coder)
        )  # fmt: skip
    workspace.store.close()
    return ["--corpus", str(corpus), "--db", str(db), "--format", "json"]


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main(["report", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_frequencies_and_coverage_by_hand(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # 40 characters in scope, c.txt's ten uncoded among them
    assert _report(capsys, "frequencies", *project) == [
        # x: [0, 8) of a.txt (two passages overlapping), [2, 6) of b.txt: 12
        {"tag": "x", "passages": 3, "documents": 2, "characters": 12, "coverage": 0.3},
        # y: [6, 10) and [0, 4) of a.txt (two coders), [2, 6) of b.txt: 12
        {"tag": "y", "passages": 3, "documents": 2, "characters": 12, "coverage": 0.3},
        {"tag": "z", "passages": 1, "documents": 1, "characters": 5, "coverage": 0.125},
    ]
    assert _report(capsys, "frequencies", "--coder", "ana", *project) == [
        {"tag": "x", "passages": 2, "documents": 1, "characters": 8, "coverage": 0.2},
        {"tag": "y", "passages": 1, "documents": 1, "characters": 4, "coverage": 0.1},
    ]
    # one document: its own length the whole
    assert _report(capsys, "frequencies", "--doc", "b.txt", *project) == [
        {"tag": "x", "passages": 1, "documents": 1, "characters": 4, "coverage": 0.4},
        {"tag": "y", "passages": 1, "documents": 1, "characters": 4, "coverage": 0.4},
        {"tag": "z", "passages": 1, "documents": 1, "characters": 5, "coverage": 0.5},
    ]
    assert _report(capsys, "frequencies", "--doc", "c.txt", *project) == []


def test_cooccurrence_by_hand(project: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _report(capsys, "cooccurrence", *project) == [
        {"tag": "x", "y": 2, "z": 1},
        {"tag": "y", "x": 2, "z": 1},
        {"tag": "z", "x": 1, "y": 1},
    ]
    assert _report(capsys, "cooccurrence", "--coder", "ana", *project) == [
        {"tag": "x", "y": 1},
        {"tag": "y", "x": 1},
    ]
    assert _report(capsys, "cooccurrence", "--coder", "ben", *project) == [
        {"tag": "x", "y": 1, "z": 1},
        {"tag": "y", "x": 1, "z": 1},
        {"tag": "z", "x": 1, "y": 1},
    ]


def test_a_matrix_by_an_attribute_leaves_out_a_none_column_no_passage_is_in(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # c.txt, uncoded, has no year: its "(none)" column was all zeros, which the app's matrix
    # leaves out; a year no passage is in stays, as the command gives every value's column
    corpus, db = project[1], project[3]
    for name, year in (("a.txt", "2018"), ("b.txt", "2019")):
        argv = ["attr", "set", "--corpus", corpus, "--db", db, f"{corpus}/{name}"]
        assert main([*argv, f"year={year}"]) == 0
    capsys.readouterr()
    rows = _report(capsys, "matrix", "--by", "year", *project)
    assert rows[0] == {"tag": "x", "2018": 2, "2019": 1}
    assert main(["report", "matrix", "--by", "year", *project[:4], "-f", "csv"]) == 0
    assert capsys.readouterr().out.lstrip("\ufeff").splitlines()[0] == "tag,2018,2019"
    assert _report(capsys, "matrix", "--by", "year", "--tag", "z", *project) == [
        {"tag": "z", "2018": 0, "2019": 1}
    ]


def test_cooccurrence_leaves_a_code_unpaired_with_itself_alike_in_every_format_and_says_so(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON left out each code's pairing with itself where the CSV has an empty cell and
    the table a '-', nowhere said: one meaning (no count), now told in --help."""
    scope = project[:-2]
    assert main(["report", "cooccurrence", *scope, "--format", "csv"]) == 0
    csv_rows = [line.split(",") for line in capsys.readouterr().out.lstrip("\ufeff").split()]
    assert [row[1 + i] for i, row in enumerate(csv_rows[1:])] == ["", "", ""]
    assert main(["report", "cooccurrence", *scope, "--format", "table"]) == 0
    table = capsys.readouterr().out.splitlines()[2:]
    assert [line.split()[1 + i] for i, line in enumerate(table)] == ["-", "-", "-"]
    assert all(row["tag"] not in row for row in _report(capsys, "cooccurrence", *project))
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "never paired with itself" in " ".join(capsys.readouterr().out.split())


def test_depth_one_counts_a_parent_whole_each_passage_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A codebook of mil/bases and mil/training gave no total of mil: --depth 1 counts each
    passage coded with mil or a code below it once (the one carrying both children too),
    in every report, and says on stderr which codes each row takes."""
    coding = [
        ("a.txt", 0, 5, ("mil/bases", "mil/training"), "ana"),  # both: one passage of mil
        ("a.txt", 3, 8, ("mil/training",), "ana"),
        ("b.txt", 2, 6, ("mil/bases", "police"), "ana"),
        ("b.txt", 4, 9, ("police",), "ana"),
    ]
    project = _project(tmp_path, coding)
    assert main(["report", "frequencies", "--depth", "1", *project]) == 0
    out, said = capsys.readouterr()
    assert json.loads(out) == [
        # mil: [0, 8) of a.txt, [2, 6) of b.txt: 12 of 40
        {"tag": "mil", "passages": 3, "documents": 2, "characters": 12, "coverage": 0.3},
        {"tag": "police", "passages": 2, "documents": 1, "characters": 7, "coverage": 0.175},
    ]
    assert "--depth 1" in said and "mil takes mil/bases, mil/training" in said
    assert _report(capsys, "matrix", "--depth", "1", *project) == [
        {"tag": "mil", "corpus/a.txt": 2, "corpus/b.txt": 1, "corpus/c.txt": 0},
        {"tag": "police", "corpus/a.txt": 0, "corpus/b.txt": 2, "corpus/c.txt": 0},
    ]
    # b.txt's first passage carries both; its second (police) overlaps it (mil): 2 places
    assert _report(capsys, "cooccurrence", "--depth", "1", *project) == [
        {"tag": "mil", "police": 2},
        {"tag": "police", "mil": 2},
    ]
    # each code apart, as before
    rows = _report(capsys, "frequencies", *project)
    assert [(r["tag"], r["passages"]) for r in rows] == [
        ("mil/bases", 2), ("mil/training", 2), ("police", 2)
    ]  # fmt: skip
    with pytest.raises(SystemExit) as refused:
        main(["report", "frequencies", "--depth", "0", *project])
    assert refused.value.code == 2
    assert "'0' is not a number of levels (1 or more)" in capsys.readouterr().err


def test_depth_names_a_few_codes_of_a_code_with_many_below_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--depth 1 said on stderr every code each row takes: a code with 200 below it (a
    codebook of 2,000 codes) made a line of 200 names, cut at 400 characters in the middle
    of one, and 20 such rows a line of 8,000.  Each row names its first three codes and counts
    the others; a row of four or fewer names them all."""
    coding = [("a.txt", 0, 5, (f"big/child{n:03d}",), "ana") for n in range(200)]
    coding += [("b.txt", 2, 6, (f"small/c{n}",), "ana") for n in range(4)]
    project = _project(tmp_path, coding)
    assert main(["report", "frequencies", "--depth", "1", *project]) == 0
    said = capsys.readouterr().err
    assert "big takes big/child000, big/child001, big/child002 and 197 more;" in said, said
    assert "small takes small/c0, small/c1, small/c2, small/c3" in said
    assert "…" not in said and len(said) < 300, said
