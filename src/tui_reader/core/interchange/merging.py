"""A merge of another coder's work, as ``tui-reader merge`` and the app's merge dialog make it:
the codes checked (:func:`~tui_reader.core.interchange.importing.exportable_codes`), the plan
(:func:`~tui_reader.core.interchange.merge.plan_merge`), then applied as one step of the
history (undone as one).  What is said of it is the caller's: the command prints it, the app
shows it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.errors import StoreError
from tui_reader.core.interchange.coded_work import CodedWork
from tui_reader.core.interchange.corpus_keys import in_the_corpus
from tui_reader.core.interchange.importing import exportable_codes, texts_in
from tui_reader.core.interchange.merge import MergePlan, apply_merge, plan_merge
from tui_reader.core.interchange.reconcile import PlanStopped
from tui_reader.core.workspace import Workspace

# ``progress(label, total)``: a context giving ``advance()`` (the command's bar on stderr)
Progress = Callable[[str, int], AbstractContextManager[Callable[[], None]]]


@contextlib.contextmanager
def no_progress(_label: str, _total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


class CorpusHashes(Mapping[str, str]):
    """Every readable document of the corpus: key -> sha256 of its text, each found when
    first asked (from the facts the library and ``list`` keep of unchanged files, else its
    file read), all of them only when a text of theirs is looked for under another name.
    Found all at once, a merge read every document of the corpus to find one with the same
    text (98 s beside a folder of 100 MB files), where a colleague's database of the same
    texts needs only the documents it codes (``merge`` and ``import``, 18 s beside a CSV of
    200,000 rows)."""

    def __init__(self, workspace: Workspace, progress: Progress = no_progress) -> None:
        from tui_reader.core.documents.facts_cache import FactsCache
        from tui_reader.locations import facts_cache_path

        self._workspace = workspace
        self._files = dict(workspace.keyed_files())
        self._cache = FactsCache(facts_cache_path(workspace.db))
        self._sha: dict[str, str | None] = {}
        self._whole = False
        self._progress = progress

    def _scan(self, keys: Sequence[str], label: str = "") -> None:
        from tui_reader.core.documents.catalog import scan_facts

        files = [(k, self._files[k]) for k in keys if k in self._files and k not in self._sha]
        if not files:
            return
        with self._progress(label, len(files) if label else 0) as advance:
            for key, facts in scan_facts(files, self._cache, self._workspace.document, exact=True):
                self._sha[key] = None if isinstance(facts, str) else facts.sha256
                advance()
        self._cache.save()

    def __getitem__(self, key: str) -> str:
        if key not in self._sha:
            self._scan([key])
        sha = self._sha.get(key)
        if sha is None:
            raise KeyError(key)
        return sha

    def __iter__(self) -> Iterator[str]:
        if not self._whole:
            self._scan(list(self._files), label="Reading documents")
            self._whole = True
        return (key for key in self._files if self._sha.get(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True)
class PlannedMerge:
    """The plan of a merge, ``work`` as it is merged (without what was left out), the codes
    of theirs changed to be ours (``changed``) and what was left out (``left_out``), one
    problem a line, and the corpus's hashes the plan was made with."""

    plan: MergePlan
    work: CodedWork
    changed: tuple[str, ...]
    left_out: tuple[str, ...]
    hashes: Mapping[str, str]


def plan_work(
    workspace: Workspace,
    work: CodedWork,
    source: str,
    hashes: Mapping[str, str] | None = None,
    stopped: Callable[[], bool] = lambda: False,
    corpus: Path | None = None,
) -> PlannedMerge:
    """The plan of the merge of ``work`` (read from ``source``, as it is named in what is
    said) into the workspace's store; nothing saved.  ``stopped()`` is asked between the
    steps and every thousand annotations or so: true, :class:`PlanStopped` is raised.
    ``corpus``: the corpus named (``--corpus``, ``$TUI_READER_CORPUS``, the app's), where a
    document of theirs in no folder here is kept, as an import keeps it (see
    :func:`~tui_reader.core.interchange.corpus_keys.in_the_corpus`); None: beside the
    database."""
    if stopped():
        raise PlanStopped(source)
    codes = exportable_codes(
        work.annotations,
        work.tags,
        (t.name for t in workspace.store.tags()),
        source,
        verb="merged",
        memos=work.memos,
        ours_by_id=workspace.store.lookup(),
        leave_out=True,
    )
    work = replace(
        work,
        annotations=tuple(codes.annotations),
        tags=tuple(codes.tags),
        memos=tuple(codes.memos),
        left_out=work.left_out + len(codes.left_out),
    )
    if stopped():
        raise PlanStopped(source)
    hashes = CorpusHashes(workspace) if hashes is None else hashes
    plan = plan_merge(
        workspace.store,
        work,
        hashes,
        workspace.holds_passages,
        texts_in(workspace.corpus, workspace.db),
        stopped,
        None if corpus is None else _kept_in(corpus, workspace),
    )
    return PlannedMerge(plan, work, tuple(codes.changed), tuple(codes.left_out), hashes)


def _kept_in(corpus: Path, workspace: Workspace) -> Callable[[Iterable[str]], dict[str, str]]:
    """:func:`in_the_corpus` of ``corpus`` for the workspace's database (the documents its
    store has passages on read once, when first asked)."""
    ours: set[str] | None = None

    def kept(keys: Iterable[str]) -> dict[str, str]:
        nonlocal ours
        if ours is None:
            ours = set(workspace.store.documents())
        return in_the_corpus(corpus, workspace.db, keys, ours)

    return kept


def apply_planned(workspace: Workspace, planned: PlannedMerge, name: str) -> None:
    """The planned merge saved, one step of the history (``merge <name>``)."""
    apply_merge(workspace.store, planned.plan, f"merge {name}")
    _remember_texts(workspace, planned.plan, planned.hashes)


def _remember_texts(workspace: Workspace, plan: MergePlan, hashes: Mapping[str, str]) -> None:
    """The hash of the text of each document here the merge gave a memo or attributes (and
    no passage), kept: its file moved is found by it, its memo and attributes following, as
    for those typed here (they stayed on the old name)."""
    keys = {key for key, _ in plan.attributes}
    keys.update(
        m.target for m in (*plan.new_memos, *plan.joined_memos) if m.kind is MemoKind.DOCUMENT
    )
    store = workspace.store
    found = {k: hashes[k] for k in keys if k in hashes and not store.has_annotations_on(k)}
    if found:
        with contextlib.suppress(StoreError):  # kept at the next scan of the library
            store.remember_texts(found)
