"""Generated workspaces for comparing two ways of making one export (a fast path beside the
path it shortcuts): a few documents, annotations on random spans (overlapping), tags and notes
with characters the export gate and the formats must treat (quotes, commas, formula starts,
escapes, bidi controls, line breaks), memos, attributes, orphans (a quote no text holds, a
document deleted after it was annotated)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.codebook.names import check_tag_name
from tui_reader.core.errors import ExportError, TagNameError
from tui_reader.core.interchange import ExportOptions
from tui_reader.core.interchange.workspace_export import ExportSet, render
from tui_reader.core.store.index import TAGS
from tui_reader.core.workspace import Workspace

TEXTS = {
    "a.txt": "P01: The border plan was announced on Monday.\n\nP02: The Pentagon sent advisers.\n",
    "b.md": "# Market day\n\nMigrants waited at the **market**.\n\n- water\n- the school\n",
    "notes/c.txt": '=SUM(A1) -1 +2 @noon, "quoted"\nThe village had no water,\r\nand the road was closed.\n',
}
KEYS = sorted(TEXTS)
NOT_IN_ANY_TEXT = "QQQ no text holds this QQQ"


def _valid_tag(name: str) -> bool:
    try:
        check_tag_name(name)
    except TagNameError:
        return False
    return True


TAG_NAMES = st.text("ab/é,\"'=+-@ ;\x1b\u202e\t", min_size=1, max_size=7).filter(_valid_tag)
FREE_TEXT = st.text("ab \n\r*#>_[]`,\"'=-\x07\u2028é", max_size=10)


@dataclass(frozen=True)
class Marked:
    """One annotation of a generated workspace."""

    key: str
    start: int
    length: int
    tags: tuple[str, ...]
    note: str
    coder: str
    orphan: bool  # its quote is in no text


MARKED = st.builds(
    Marked,
    st.sampled_from(KEYS),
    st.integers(0, 70),
    st.integers(1, 25),
    st.lists(TAG_NAMES, max_size=3, unique=True).map(tuple),
    FREE_TEXT,
    st.sampled_from(["", "ana", "bo b"]),
    st.booleans() | st.just(False),
)


@dataclass(frozen=True)
class ExportCase:
    marked: list[Marked]
    codebook: list[tuple[str, str, str]]  # name, colour, description
    memos: list[tuple[MemoKind, str, str]]
    attributes: dict[str, str]  # document key -> a value of attribute "site"
    deleted: bool  # the last document's file removed after it was annotated
    # Tags used but not in the codebook (a database from before tags joined it when used)
    unlisted: bool = False


def three_documents(*, deleted: bool) -> ExportCase:
    """A passage coded twice, an orphan with a note, a passage with no code: one in each
    document (``deleted``: the last one's file removed)."""
    return ExportCase(
        [
            Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
            Marked("b.md", 3, 10, ("x",), "a note", "ana", orphan=True),
            Marked("notes/c.txt", 0, 8, (), "", "", orphan=False),
        ],
        [],
        [],
        {},
        deleted=deleted,
    )


EXPORT_CASES = st.builds(
    ExportCase,
    st.lists(MARKED, max_size=12),
    st.lists(st.tuples(TAG_NAMES, st.sampled_from(["", "#aa3300", "red"]), FREE_TEXT), max_size=2),
    st.lists(
        st.tuples(st.sampled_from(list(MemoKind)), st.sampled_from(["", *KEYS, "a"]), FREE_TEXT),
        max_size=3,
    ),
    st.dictionaries(
        st.sampled_from(KEYS),
        st.sampled_from(["=1+1", "-x", "a,b", 'say "hi"']) | FREE_TEXT,
        max_size=2,
    ),
    st.booleans(),
    st.booleans(),
)


def export_workspace(folder: Path, case: ExportCase) -> Workspace:
    """The workspace of ``case`` in ``folder`` (a fresh one), its store closed and reopened."""
    corpus = folder / "corpus"
    for name, text in TEXTS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    made = Workspace(corpus, folder / "annotations.json")
    store = made.store
    for name, colour, description in case.codebook:
        store.set_tag(Tag(name, colour, description))
    for m in case.marked:
        key = made.key(corpus / m.key)
        document = made.document(key)
        start = min(m.start, len(document.text) - 1)
        end = min(start + m.length, len(document.text))
        a = make_annotation(
            key, document.text, start, end, document.sha256, m.tags, m.note, m.coder
        )
        store.add(a.evolve(quote=NOT_IN_ANY_TEXT) if m.orphan else a)
    for kind, target, text in case.memos:
        store.put_memo(Memo(kind, target if kind is not MemoKind.JOURNAL else "", text))
    store.set_attributes(
        (made.key(corpus / key), {"site": value}) for key, value in case.attributes.items()
    )
    if case.unlisted:  # as an old database had them: only the tags given colours are listed
        listed = {name for name, _, _ in case.codebook}
        tables = store._tables  # no public way to make an old database
        with tables.transaction():
            gone = [i for i, r in tables.data.get(TAGS, {}).items() if r["name"] not in listed]
            tables.commit([(TAGS, doc_id, None) for doc_id in gone])
    store.close()
    if case.deleted:
        (corpus / KEYS[-1]).unlink()
    return Workspace(corpus, made.db)


def coded_workspace(folder: Path, marked: list[Marked]) -> Workspace:
    """The workspace of the texts in ``folder`` with only the annotations ``marked`` (no
    codebook, memo or attribute; every file kept), its store closed and reopened."""
    return export_workspace(folder, ExportCase(marked, [], [], {}, deleted=False))


OPTIONS = ExportOptions(exported_at="2026-11-20T09:30:00Z", project_name="corpus")


def made(export: ExportSet, name: str) -> tuple[object, ...]:
    """What an export in format ``name`` writes of ``export`` (Markdown by document and by
    tag), with its counts and problems: two ways of collecting compare on this."""
    written: list[bytes | str] = []
    for by in ("document", "tag") if name == "markdown" else ("document",):
        try:
            written.append(render(export, name, dataclasses.replace(OPTIONS, by=by)))
        except ExportError as exc:  # a codebook with no tag
            written.append(str(exc))
    return *written, export.count, export.orphans, export.problems
