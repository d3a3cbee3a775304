"""The Markdown export, its pieces made once and reused (a passage shown under several tags,
the facts that repeat, passages with nothing to escape), is the one made anew each time."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_references import WriterAnew, block_ids_by_regex, blockquote_line_by_line
from helpers.export_stores import EXPORT_CASES, ExportCase, export_workspace
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange import ExportOptions, is_orphan
from tui_reader.core.interchange import markdown as markdown_module
from tui_reader.core.interchange.markdown import block_ids
from tui_reader.core.interchange.obsidian_vault import Vault
from tui_reader.core.interchange.obsidian_vault import render as render_obsidian
from tui_reader.core.interchange.workspace_export import collect, render, render_vault
from tui_reader.core.workspace import Workspace


def _both(workspace: Workspace) -> dict[str, bytes]:
    export = collect(workspace)
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    return {
        by: render(export, "markdown", ExportOptions(**{**options.__dict__, "by": by}))
        for by in ("document", "tag")
    }


@settings(max_examples=examples(25), deadline=None)
@given(EXPORT_CASES)
def test_the_markdown_export_is_the_one_made_anew_each_time(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    made = _both(workspace)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_module, "_Writer", WriterAnew)
        patch.setattr(markdown_module, "block_ids", block_ids_by_regex)
        patch.setattr(markdown_module, "blockquote", blockquote_line_by_line)
        assert made == _both(Workspace(workspace.corpus, workspace.db))


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.uuids().map(str)
        | st.text("ab-AB09_é ", max_size=12)
        | st.just("a-b")
        | st.text("aB0", min_size=8, max_size=9).map(lambda t: t + "-é"),
        max_size=6,
    )
)
def test_block_ids_are_those_found_by_the_regex(ids: list[str]) -> None:
    assert block_ids(ids) == block_ids_by_regex(ids)


def _rendered_with_only_orphans_made_alone(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, list[Annotation]]:
    """The Markdown export of ``annotations`` and its placed ones, checked to have made
    only the orphans' blocks one at a time (by :meth:`_Writer._annotation`)."""
    made = count_calls(monkeypatch, markdown_module._Writer, "_annotation")
    written = markdown_module.render(annotations, seed_documents, seed_tags, options)
    orphans = [a for a in annotations if is_orphan(a, seed_documents)]
    assert len(orphans) < len(annotations)
    assert made.calls == len(orphans)
    return written, [a for a in annotations if not is_orphan(a, seed_documents)]


def test_placed_passages_by_document_are_made_a_column_at_a_time(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A placed passage's block, by document, is one string formatted from columns (100,000
    # passages: no list of items made and joined for each); only an orphan's is made alone
    written, placed = _rendered_with_only_orphans_made_alone(
        annotations, seed_documents, seed_tags, options, monkeypatch
    )
    assert written.count("- Location: ") == len(placed)


def test_placed_passages_by_tag_are_made_a_column_at_a_time(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # By tag too (100,000 passages under two tags each were made row by row, half the
    # export's time): only an orphan's block is made alone, and each placed passage is
    # shown with its source under each of its tags, its block id the first time
    by_tag = dataclasses.replace(options, by="tag")
    written, placed = _rendered_with_only_orphans_made_alone(
        annotations, seed_documents, seed_tags, by_tag, monkeypatch
    )
    assert written.count("- Source: ") == sum(max(1, len(set(a.tags))) for a in placed)
    for annotation in placed:
        assert written.count(f"^{annotation.id}") <= 1


def _vault_notes(workspace: Workspace, folder: Path) -> Vault:
    options = ExportOptions(
        exported_at="2026-11-20T09:30:00Z", project_name="corpus", output_folder=folder
    )
    return render_vault(collect(workspace), options)


@settings(max_examples=examples(25), deadline=None)
@given(EXPORT_CASES)
def test_a_vaults_notes_are_those_made_a_document_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    folder = tmp_path_factory.mktemp("case")
    workspace = export_workspace(folder, case)
    made = _vault_notes(workspace, folder / "vault")
    with pytest.MonkeyPatch.context() as patch:
        at_a_time = property(lambda writer: None)
        patch.setattr(markdown_module._Writer, "_every_placed_block", at_a_time)
        again = _vault_notes(Workspace(workspace.corpus, workspace.db), folder / "vault")
    assert made == again


def test_a_vaults_passages_are_made_at_once_for_every_document(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 10,000 notes of documents: the placed passages' blocks made once for all of them, as
    # the Markdown export by document makes them, not once for each note
    made = count_calls(monkeypatch, markdown_module._Writer, "_placed_blocks")
    vault = render_obsidian(annotations, seed_documents, seed_tags, options)
    placed = {a.document for a in annotations if not is_orphan(a, seed_documents)}
    assert len(placed) > 1
    assert sum(note.about.startswith("document:") for note in vault.notes) >= len(placed)
    assert made.calls == 1
