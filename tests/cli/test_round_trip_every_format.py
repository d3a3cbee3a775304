"""Every format that imports, exported from a project holding every feature and imported
into an empty database, gives back all it carries: the passages (where they lie in code
points, their quotes with emoji, flags and combining accents, their codes, nested and
overlapping, notes of two lines, coders and times), and for the formats carrying them the
memos (of a document, of codes, the journal), the attributes of each type, and the codebook
with its colours, descriptions and a code with no passage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main

INTERVIEW = "Entrevista ñandú.txt"  # a name not in ASCII
TEXTS = {
    # a flag (two code points), an accent written as e and a combining mark, a person of a
    # skin tone joined to a sheaf by a zero-width joiner: offsets counted in code points
    INTERVIEW: "Ana: Llegamos 🇲🇽 a la frontera.\nBen: Cafe\u0301 con acento 👩🏽\u200d🌾 y más.\n",
    "b.txt": "The army moved to the border. Troops stayed.\n",
    "empty.txt": "",
}
CODING = [  # (document, coder, quote, codes, note): two coders, passages overlapping
    (INTERVIEW, "ana", "🇲🇽 a la frontera", ["policy/border", "migration"], "line one\nline two ✓"),
    (INTERVIEW, "ben", "Llegamos 🇲🇽", ["policy"], ""),
    (INTERVIEW, "ana", "Cafe\u0301 con acento 👩🏽\u200d🌾", ["emoção/çedilla"], ""),
    ("b.txt", "ana", "army moved", ["policy/border"], ""),
    ("b.txt", "ben", "moved to the border", ["security"], "ben's note"),
]
# What each format carries besides the passages
CARRIES = {
    "json": set(),
    "w3c": set(),
    "project": {"memos", "attributes", "codebook"},
    "qdpx": {"memos", "attributes", "codebook"},
    "csv": {"attributes"},
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus and its database holding every feature."""
    root = tmp_path_factory.mktemp("every")
    corpus, db = root / "corpus", root / "db.json"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, "utf-8")
    at = ["--db", str(db), "--corpus", str(corpus)]
    for document, coder, quote, codes, note in CODING:
        tags = [f"-t={code}" for code in codes]
        assert main(["annotate", *at, document, "--coder", coder, "--quote", quote, *tags,
                     "--note", note]) == 0  # fmt: skip
    assert main(["attr", "set", *at, INTERVIEW, "country=México", "age=42", "weight=1.5"]) == 0
    assert main(["attr", "set", *at, "b.txt", "country=Peru", "age=7"]) == 0
    assert main(["attr", "set", *at, "empty.txt", "country=Chile"]) == 0  # an empty document
    assert main(["memo", "add", *at, "--doc", INTERVIEW, "Memo of the **interview** ✓"]) == 0
    assert main(["memo", "add", *at, "--code", "policy/border", "Borders 🇲🇽"]) == 0
    assert main(["memo", "add", *at, "--code", "emoção", "A parent's memo"]) == 0
    assert main(["memo", "add", *at, "--journal", "Journal: día uno"]) == 0
    assert main(["tags", "set", "policy/border", "--color", "#ff0000", "--description",
                 "Borders ✓", "--db", str(db)]) == 0  # fmt: skip
    assert main(["tags", "set", "no-passage", "--color", "#00ff00", "--db", str(db)]) == 0
    return corpus, db


def _held(db: Path, corpus: Path, out: Path) -> dict[str, Any]:
    """What the database ``db`` holds, as its project export gives it, made comparable."""
    assert main(["export", str(corpus), "--db", str(db), "-f", "project", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    return {
        "passages": sorted(
            (
                a["document"],
                a["start"],
                a["end"],
                a["quote"],
                sorted(a["tags"]),
                a["note"],
                a["coder"],
                a["created"],
            )
            for a in data["annotations"]
        ),
        "memos": sorted((m["kind"], m["target"], m["text"], m["coder"]) for m in data["memos"]),
        "attributes": data["attributes"],
        "codebook": sorted((c["name"], c["color"], c["description"]) for c in data["codebook"]),
    }


@pytest.mark.parametrize("fmt", sorted(CARRIES))
def test_a_project_of_every_feature_comes_back_whole_from_each_format(
    fmt: str, project: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = project
    ours = _held(db, corpus, tmp_path / "ours.json")
    assert len(ours["passages"]) == len(CODING)
    assert ours["passages"][1][:4] == ("corpus/" + INTERVIEW, 14, 30, "🇲🇽 a la frontera")
    exported = tmp_path / f"export.{fmt}"
    assert main(["export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(exported)]) == 0
    empty = db.with_name(f"new-{fmt}.json")  # beside ours: the documents' keys are alike
    assert main(["import", str(exported), "--db", str(empty), "--corpus", str(corpus)]) == 0
    theirs = _held(empty, corpus, tmp_path / "theirs.json")
    assert theirs["passages"] == ours["passages"]
    for part in ("memos", "attributes", "codebook"):
        if part in CARRIES[fmt]:
            assert theirs[part] == ours[part], part
    capsys.readouterr()
