"""An export whose documents are known to be unchanged (the placement cache) loads them only
when a format needs them, and writes the same bytes as one that loads and places them all."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.format_fixtures import make_paged_report
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.interchange import FORMATS, ExportOptions
from tui_reader.core.interchange.packed_texts import xml_clean
from tui_reader.core.interchange.refi import xml_safe
from tui_reader.core.interchange.workspace_export import collect, collected_for, render
from tui_reader.core.search.text_pack import TextPack
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path, places_cache_path, texts_cache_path

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
    return _workspace(tmp_path)


def _workspace(tmp_path: Path, *, paged: bool = False) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    if paged:
        make_paged_report(corpus / "report.pdf")
    made = Workspace(corpus, tmp_path / "annotations.json")
    made.store.set_tag(Tag("policy/border", "#aa3300", "where the border is"))
    for key in made.keys():  # noqa: SIM118 - a method, not a dict
        document = made.document(key)
        middle = (len(document.text) - 20,) if paged else ()  # the report's last page
        for n, start in enumerate((0, 6, 30, *middle)):
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


def test_csv_and_markdown_from_the_cache_load_no_document(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _exports(workspace)  # places every annotation and prints where, filling the caches
    assert places_cache_path(workspace.db).exists()
    export = collect(Workspace(workspace.corpus, workspace.db))
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    for name in ("csv", "csv-raw", "markdown"):
        for by in ("document", "tag"):
            data = render(export, name, ExportOptions(**{**options.__dict__, "by": by}))
            assert data == first[f"{name}-{by}"]
    assert loads.calls == 0


def _uncached(workspace: Workspace) -> dict[str, bytes]:
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    places_cache_path(workspace.db).unlink(missing_ok=True)
    return _exports(Workspace(workspace.corpus, workspace.db))


def test_an_edited_and_a_deleted_document_export_as_without_the_cache(
    workspace: Workspace,
) -> None:
    _exports(workspace)
    (workspace.corpus / "a.txt").write_text("Inserted first. " + TEXTS["a.txt"], encoding="utf-8")
    (workspace.corpus / "c.txt").unlink()
    warm = _exports(Workspace(workspace.corpus, workspace.db))
    assert warm == _uncached(workspace)
    assert b"orphan" in warm["json-document"]


@settings(max_examples=examples(15), deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(sorted(TEXTS)), st.integers(0, 80)), max_size=3),
    st.dictionaries(st.integers(0, 8), st.integers(-4, 4), max_size=3),
)
def test_what_csv_and_markdown_print_is_the_same_with_the_cache_whatever_changed(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int]],
    moves: dict[int, int],
) -> None:
    """Texts edited (lines and turns shift), annotations moved in the database, a document
    of pages beside them: the csv and Markdown exports made from the caches are those made
    without."""
    workspace = _workspace(tmp_path_factory.mktemp("case"), paged=True)
    _exports(workspace)
    for name, at in edits:
        path = workspace.corpus / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:at] + "A new line.\n\nP03: said more.\n" + text[at:], "utf-8")
    workspace = Workspace(workspace.corpus, workspace.db)
    every = workspace.store.annotations()
    for which, shift in moves.items():
        a = every[which]
        if a.start + shift >= 0:
            workspace.store.update(a.evolve(start=a.start + shift, end=a.end + shift))
    workspace.store.close()
    warm = _exports(Workspace(workspace.corpus, workspace.db))
    assert warm == _uncached(workspace)


def _pack_texts(workspace: Workspace, change: str = "") -> None:
    """Put every document's canonical text in the texts cache, as a corpus search does
    (``change`` appended to each: a pack that holds another text under the same stamp)."""
    pack = TextPack(texts_cache_path(workspace.db))
    for key in workspace.keys():  # noqa: SIM118 - a method, not a dict
        document = workspace.document(key)
        stamp = file_stamp(workspace.path(key))
        pack.put(key, stamp, document.title, document.text + change)
    pack.save()
    pack.close()


def test_a_project_takes_the_texts_from_the_texts_cache(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _exports(workspace)
    _pack_texts(workspace)
    export = collect(Workspace(workspace.corpus, workspace.db))
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    assert render(export, "qdpx", options) == cold["qdpx-document"]
    assert loads.calls == 0


def test_a_project_packs_the_texts_it_reads_for_the_next_export(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No search packed the texts: the first project made of documents in place reads them
    into the texts cache, and the next one takes them from it."""
    cold = _exports(workspace)  # places every annotation (the documents loaded to place them)
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    first = render(collect(Workspace(workspace.corpus, workspace.db)), "qdpx", options)
    assert len(TextPack(texts_cache_path(workspace.db))) == len(TEXTS)
    export = collect(Workspace(workspace.corpus, workspace.db))
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    assert render(export, "qdpx", options) == first == cold["qdpx-document"]
    assert loads.calls == 0


def test_a_packed_text_that_is_not_the_placed_one_is_not_used(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _exports(workspace)
    _pack_texts(workspace, change=" and more")
    export = collect(Workspace(workspace.corpus, workspace.db))
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    options = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")
    assert render(export, "qdpx", options) == cold["qdpx-document"]
    assert loads.calls == len(TEXTS)  # each text from its document


@settings(max_examples=examples(300))
@given(
    st.text(max_size=12)
    | st.text("a\t\n\r\x00\x1f\ud800\ufffe\uffff\ufffd\ud7ff\ue000한", max_size=6)
)
def test_a_text_called_xml_clean_is_one_xml_holds(text: str) -> None:
    clean = xml_clean(text.encode("utf-8", "surrogatepass"))
    assert not clean or xml_safe(text) == text
    if text.isascii():  # decided exactly there
        assert clean == (xml_safe(text) == text)


def _as_the_command(workspace: Workspace, name: str, by: str = "document") -> bytes:
    """``name``'s export as ``tui-reader export`` makes it: the annotations read as columns,
    placed with what the format prints (its places and titles, or none)."""
    export = collected_for(Workspace(workspace.corpus, workspace.db), FORMATS[name])
    return render(export, name, _options(by))


def _options(by: str = "document") -> ExportOptions:
    return ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus", by=by)


@pytest.mark.parametrize(("name", "by"), [("markdown", "document"), ("markdown", "tag"),
                                          ("csv", "document")])  # fmt: skip
@pytest.mark.parametrize("loaded", [False, True], ids=["places-of-texts", "of-documents"])
def test_places_kept_serve_after_files_touched_and_placed_by_an_export_printing_none(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, name: str, by: str, loaded: bool
) -> None:
    # Every file touched (a sync, a checkout: the same bytes), then placed again by a JSON
    # export, which prints no place and reads no text for them: the placement cache takes
    # the files' new stamps, the places kept still have the old. The csv or Markdown export
    # after it loaded every document again to find its places (10,000 documents: 13 s where
    # an export of them unchanged takes 3 s); each text is read and its places found in it.
    # ``loaded``: the places kept were found in the documents loaded (no text's hash).
    first = _as_the_command(workspace, name, by)
    if loaded:
        places_cache_path(workspace.db).unlink()
        assert render(collect(workspace), name, _options(by)) == first  # documents loaded
    later = time.time_ns() + 5_000_000_000
    for path in workspace.corpus.iterdir():
        os.utime(path, ns=(later, later))
    _as_the_command(workspace, "json")
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    assert _as_the_command(workspace, name, by) == first
    assert loads.calls == 0
    assert _as_the_command(workspace, name, by) == first  # the marks kept: nothing read
    assert loads.calls == 0
