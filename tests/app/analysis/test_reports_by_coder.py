"""The reports view's matrix by coder (b after the attributes and the speakers): each coder's
passages of each code, as ``report matrix --by-coder`` gives it, and a cell's passages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers.analysis import matrix_by, report_key, reports_opened

from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.query import parse_query
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.reports import BY_CODER

TEXT = "The soldiers arrived in 2019. Now there are checkpoints on every road.\n"
CODING = (  # (coder, quote, codes)
    ("maria", "The soldiers arrived", ("militarization",)),
    ("maria", "checkpoints on every road", ("militarization", "migration")),
    ("Ben [2]", "The soldiers arrived in 2019.", ("militarization",)),
)


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "int.txt").write_text(TEXT, encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "db.json")
    key = workspace.key(corpus / "int.txt")
    document = workspace.document(key)
    for coder, quote, tags in CODING:
        start = document.text.index(quote)
        made = make_annotation(key, document.text, start, start + len(quote), document.sha256, tags)
        workspace.store.add(replace(made, coder=coder))
    workspace.store.close()
    return ReaderApp(corpus, tmp_path / "db.json")


async def test_b_goes_to_a_matrix_by_coder_and_a_cell_lists_its_passages(app: ReaderApp) -> None:
    """The matrix's columns were documents, an attribute's values or speakers: a table of
    code by coder, as QualCoder's and NVivo's coder reports give it, was not to be had."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reports_opened(pilot)
        bys = await matrix_by(pilot, screen, BY_CODER)
        assert bys[-1] == BY_CODER, bys
        assert screen.rows == [
            {"tag": "migration", "Ben [2]": 0, "maria": 1},
            {"tag": "militarization", "Ben [2]": 1, "maria": 2},
        ]
        heading = " ".join(str(screen.query_one("#reports-heading").render()).split())
        assert "columns by coder of the passages (b)" in heading
        query, passages = screen.cell_passages(1, 1)
        assert query == '"militarization" AND coder:"Ben [[]2]"'
        assert [p.quote for p in passages] == [CODING[2][1]]
        assert screen.scope is not None
        for row in range(2):  # each cell's query, run as the query view runs it, takes them
            for column in range(1, 3):
                query, passages = screen.cell_passages(row, column)
                test = compile_query(parse_query(query), screen.scope.attributes)
                found = [a.id for a in screen.scope.annotations if test(a)]
                assert sorted(found) == sorted(a.id for a in passages), query
        await report_key(pilot, screen, "b")  # and round again to the documents
        assert screen.by == "document"
