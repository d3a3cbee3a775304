"""An export whose documents are known to be unchanged (the placement cache) loads them only
when a format needs them, and writes the same bytes as one that loads and places them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.interchange import FORMATS, ExportOptions
from tui_reader.core.interchange.workspace_export import collect, render
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path

TEXTS = {
    "a.txt": "P01: The border plan was announced on Monday.\n\nP02: The Pentagon sent advisers.\n",
    "b.md": "# Market day\n\nMigrants waited at the **market**.\n\n- water\n- the school\n",
    "c.txt": "The village had no water that week, and the road was closed.\n",
}


def _exports(workspace: Workspace) -> dict[str, bytes]:
    export = collect(workspace)
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    return {
        f"{name}-{by}": render(export, name, ExportOptions(**{**options.__dict__, "by": by}))
        for name in FORMATS
        for by in ("document", "tag")
    }


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    made = Workspace(corpus, tmp_path / "annotations.json")
    made.store.set_tag(Tag("policy/border", "#aa3300", "where the border is"))
    for key in made.keys():  # noqa: SIM118 - a method, not a dict
        document = made.document(key)
        for n, start in enumerate((0, 6, 30)):
            tags = ("policy/border", f"theme{n}")
            note = "a *note*" if n else ""
            end = start + 12
            made.store.add(
                make_annotation(key, document.text, start, end, document.sha256, tags, note)
            )
    made.store.close()
    return Workspace(corpus, made.db)


def test_every_format_is_the_same_from_the_cache(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _exports(workspace)  # places every annotation, fills the cache
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    warm = _exports(Workspace(workspace.corpus, workspace.db))
    assert warm == cold
    # Each document at most once per export that needs its text (markdown, csv, qdpx).
    assert loads.calls <= 3 * len(TEXTS) * len(FORMATS) * 2
    assert placement_cache_path(workspace.db).exists()


def test_json_w3c_and_qdc_from_the_cache_load_no_document(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    collect(workspace)
    export = collect(Workspace(workspace.corpus, workspace.db))
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z")
    for name in ("json", "w3c", "qdc"):
        render(export, name, options)
    assert loads.calls == 0
    assert export.orphans == 0 and len(export.documents) == len(TEXTS)


def test_an_edited_and_a_deleted_document_export_as_without_the_cache(
    workspace: Workspace,
) -> None:
    collect(workspace)
    (workspace.corpus / "a.txt").write_text("Inserted first. " + TEXTS["a.txt"], encoding="utf-8")
    (workspace.corpus / "c.txt").unlink()
    warm = _exports(Workspace(workspace.corpus, workspace.db))
    placement_cache_path(workspace.db).unlink()
    cold = _exports(Workspace(workspace.corpus, workspace.db))
    assert warm == cold
    assert b"orphan" in warm["json-document"]
