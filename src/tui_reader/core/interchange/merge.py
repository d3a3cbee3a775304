"""Merge another coder's work into this database: every annotation and code of both is kept.

- An annotation only they have is added; one we both have unchanged stays.
- The same annotation (same id) changed on both sides: the newer version (``updated``) is kept
  and the other is reported, with its tags and note (see
  :mod:`tui_reader.core.interchange.reconcile`, shared with ``import``); where ours is the
  newer and theirs is none of our earlier versions, theirs is also kept beside ours as an
  annotation of its own (where theirs is newer, ours stays in the history: undoable).
- Codes with the same name are the same code; a code only they have joins the codebook with its
  colour and description; where ours has no colour or description, theirs fills it in.
- Their documents are matched to ours by content (the sha256 of the text they coded), so their
  corpus may be a copy in another folder; an annotation whose document is not here keeps its
  key and is reported (it shows as an orphan until the file is there).

Nothing is written by :func:`plan_merge`; :func:`apply_merge` saves the plan in one durable step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui_reader.core.annotations.model import Annotation, Tag, reading_order
from tui_reader.core.interchange.coded_work import CodedWork
from tui_reader.core.interchange.importing import relative_to
from tui_reader.core.interchange.reconcile import (
    Reconciled,
    Verdict,
    kept_copies,
    reconcile_all,
)
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key


@dataclass(frozen=True)
class MergePlan:
    """What merging ``work`` would do; ``verdicts`` in (document, start) order of theirs."""

    work: CodedWork
    verdicts: tuple[Reconciled, ...]
    new_tags: tuple[Tag, ...]  # codes only they have (with their colour and description)
    filled_tags: tuple[Tag, ...]  # ours, with a colour or description of theirs filled in
    relinked: int  # annotations whose document was found here by its text, not its path
    missing_documents: tuple[str, ...] = field(default=())  # their keys with no document here
    kept: tuple[Annotation, ...] = field(default=())  # theirs of each conflict, kept beside ours

    def count(self, verdict: Verdict) -> int:
        return sum(1 for v in self.verdicts if v.verdict is verdict)

    @property
    def saved(self) -> list[Annotation]:
        """Their versions the merge saves (new, or newer than ours)."""
        return [v.incoming for v in self.verdicts if v.writes]

    @property
    def reported(self) -> list[Reconciled]:
        """Each annotation changed on both sides: the version not kept is in the report."""
        return [v for v in self.verdicts if v.verdict not in (Verdict.ADD, Verdict.UNCHANGED)]


def plan_merge(store: AnnotationStore, work: CodedWork, sha_by_key: Mapping[str, str]) -> MergePlan:
    """The plan for merging ``work`` into ``store``; ``sha_by_key``: every document here (its
    key in this database -> the sha256 of its text)."""
    key_by_sha: dict[str, str] = {}
    for key, sha in sha_by_key.items():
        key_by_sha.setdefault(sha, key)
    incoming: list[Annotation] = []
    relinked = 0
    missing: set[str] = set()
    for annotation in work.annotations:
        # Their key is relative to their database's folder (an export's: to ours, we assume).
        key = relative_to(annotation, store.path).document  # a W3C file: IRI's path
        if work.folder is not None:
            key = document_key(work.folder / key, store.path)
        if sha_by_key.get(key) != annotation.doc_sha256 and annotation.doc_sha256 in key_by_sha:
            key = key_by_sha[annotation.doc_sha256]  # the same text here under another name
            relinked += 1
        if key != annotation.document:
            annotation = annotation.evolve(document=key)
        if key not in sha_by_key:
            missing.add(key)
        incoming.append(annotation)
    incoming.sort(key=reading_order)
    verdicts = reconcile_all(incoming, store.get, store.past_versions)
    kept = kept_copies(verdicts, work.source.name, store.get)
    new_tags, filled = codebook_additions(store.tags(), work.tags)
    return MergePlan(
        work,
        tuple(verdicts),
        tuple(new_tags),
        tuple(filled),
        relinked,
        tuple(sorted(missing)),
        tuple(kept),
    )


def codebook_additions(ours: Sequence[Tag], theirs: Sequence[Tag]) -> tuple[list[Tag], list[Tag]]:
    """Their codes we lack (with their colour and description), and ours with a colour or
    description of theirs filled in where ours has none.  Codes of one name are one code."""
    mine = {t.name: t for t in ours}
    new = list({t.name: t for t in theirs if t.name not in mine}.values())
    filled = []
    for tag in theirs:
        same = mine.get(tag.name)
        if same is None:
            continue
        better = Tag(same.name, same.color or tag.color, same.description or tag.description)
        if better != same:
            filled.append(better)
            mine[tag.name] = better
    return new, filled


def apply_merge(store: AnnotationStore, plan: MergePlan) -> int:
    """Save ``plan``: new codes and filled-in colours/descriptions, then every annotation it
    saves in one durable step.  Returns how many annotations were saved."""
    for tag in (*plan.new_tags, *plan.filled_tags):
        store.set_tag(tag)
    saved = [*plan.saved, *plan.kept]
    if saved:
        store.put_many(saved)
    return len(saved)
