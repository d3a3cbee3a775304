"""Merge another coder's work into this database: every annotation and code of both is kept.

- An annotation only they have is added; one we both have unchanged stays.
- The same annotation (same id) changed on both sides: the newer version (``updated``) is kept
  and the other is reported, with its tags and note (see
  :mod:`tui_reader.core.interchange.reconcile`, shared with ``import``); where ours is the
  newer and theirs is none of our earlier versions, theirs is also kept beside ours as an
  annotation of its own (where theirs is newer, ours stays in the history: undoable).
- Codes with the same name (in any case: their ``People`` is our ``people``) are the same
  code; a code only they have joins the codebook with its colour and description; where ours
  has no colour or description, theirs fills it in.  A code deleted, merged or renamed away
  here stays so, unless a passage the merge saves carries it, and their memo of it is not
  brought in (of one renamed here: a memo of its name now).
- Their memos (of a database): one only they have is added; a memo of a document or a code we
  both wrote, or one memo changed on both sides, keeps ours with their text added below it
  (unless one text already holds the other: then the longer one is kept), so no memo is lost
  and merging again changes nothing.  Their documents' attributes are set where ours has none
  of that name (a value of ours is never replaced; differing ones are counted).
- An attribute value removed here (by a step, however old: see ``history.FORGOTTEN``) is not
  set again.
- An annotation or memo deleted here (by a step, however old) that they have as a
  version we had stays deleted, and is reported; one they changed since comes back, their work.
- One of theirs whose id is an annotation of ours on another document is another passage: it
  is kept under an id of its own (the same each merge) and reported, never replacing ours;
  unless their document is none here and ours was on it (the history says so): ours, made
  before its file was renamed here, and their other passages of it go with it.
- Their documents are matched to ours by content (the sha256 of the text they coded), so their
  corpus may be a copy in another folder; an annotation whose document is not here keeps its
  key and is reported (it shows as an orphan until the file is there).

Nothing is written by :func:`plan_merge`; :func:`apply_merge` saves the plan in one durable step.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation, Tag, reading_order
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.display import REPLACEMENT
from tui_reader.core.interchange.annotation_columns import stored_contents
from tui_reader.core.interchange.coded_work import CodedWork
from tui_reader.core.interchange.foreign import adopt_ids, new_attributes
from tui_reader.core.interchange.importing import (
    derived_uuid,
    marks_from_texts,
    memos_on_our_codes,
    relative_to,
)
from tui_reader.core.interchange.reconcile import (
    ASKED_EVERY,
    PlanStopped,
    Reconciled,
    Verdict,
    kept_copies,
    reconcile_all,
    same_content,
)
from tui_reader.core.interchange.refi import as_described_here, derived_guids, our_id_of
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.document_records import MEMOS
from tui_reader.core.wording import agreeing, counted
from tui_reader.locations import RealPaths, document_key, real_path


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
    new_memos: tuple[Memo, ...] = field(default=())  # memos only they have
    joined_memos: tuple[Memo, ...] = field(default=())  # ours with their text added (or taken)
    attributes: tuple[tuple[str, dict[str, Value]], ...] = field(default=())  # values we lack
    # their values that differ from ours (ours kept): (document, attribute, ours, theirs)
    differing_attributes: tuple[tuple[str, str, Value, Value], ...] = field(default=())
    # Theirs whose id is an annotation of ours on another document: (id, our document, theirs
    # under a new id), kept beside ours, never replacing it
    apart: tuple[tuple[str, str, Annotation], ...] = field(default=())
    deleted_tags: tuple[str, ...] = field(default=())  # codes deleted here: not brought back
    deleted_memos: tuple[Memo, ...] = field(default=())  # deleted here, theirs a text we had
    memos_of_deleted_codes: tuple[Memo, ...] = field(default=())  # theirs, of codes gone here
    # their codes renamed, merged or deleted here that their passages bring back: (code, the
    # name it was renamed to here, "" when merged or deleted)
    returned_tags: tuple[tuple[str, str], ...] = field(default=())
    # their colours and descriptions of codes of ours that differ from ours (ours kept):
    # (code, "colour" or "description", ours, theirs)
    differing_tags: tuple[tuple[str, str, str, str], ...] = field(default=())

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

    def memos_and_attributes_said(self) -> str:
        """What a summary of the merge says of memos and attributes, each part after "; "
        (nothing when there are none): the command's and the app's dialog's words."""
        said = []
        if self.new_memos:
            said.append(counted(len(self.new_memos), "new memo"))
        if self.deleted_memos:
            gone = len(self.deleted_memos)
            said.append(f"{counted(gone, 'memo')} deleted here (not brought back)")
        if self.memos_of_deleted_codes:
            gone = len(self.memos_of_deleted_codes)
            said.append(f"{counted(gone, 'memo')} of codes deleted here (not brought back)")
        if self.joined_memos:
            joined = counted(len(self.joined_memos), "memo")
            said.append(f"{joined} of ours with their text added")
        if self.attributes:
            count = sum(len(values) for _, values in self.attributes)
            documents = counted(len(self.attributes), "document")
            said.append(f"{counted(count, 'attribute value')} of {documents}")
        if self.differing_attributes:
            differ = len(self.differing_attributes)
            said.append(
                f"{counted(differ, 'attribute value')} of theirs "
                f"{agreeing(differ, 'differs', 'differ')} from ours (ours kept)"
            )
        return "".join(f"; {s}" for s in said)


def on_our_ids(
    theirs: Sequence[Annotation], store: AnnotationStore, here: Callable[[str], bool]
) -> list[Annotation]:
    """``theirs``, each whose id is not here (``here``) with the id of ours it is across a
    REFI-QDA export (:func:`~tui_reader.core.interchange.refi.our_id_of`: a passage of ours
    whose id is no GUID, exported as a .qdpx, imported by a colleague under the GUID the
    export gave it, then merged or imported back, either way round): the same passage, not
    a second copy of it.  Each of ours is taken once, and not by one of theirs when another
    of theirs has its id already.  The one rule of ``merge`` and ``import``."""
    by_guid: dict[str, str] | None = None

    def ours() -> dict[str, str]:
        nonlocal by_guid
        if by_guid is None:
            by_guid = derived_guids(str(record["id"]) for record in store.records()[0])
        return by_guid

    found = list(theirs)
    taken = {a.id for a in found}
    for n, annotation in enumerate(found):
        if here(annotation.id):
            continue
        ident = our_id_of(annotation.id, here, ours)
        if ident is not None and ident not in taken:
            taken.add(ident)
            found[n] = annotation.evolve(id=ident)
    return found


def of_the_same_text(keys: Sequence[str], theirs: str) -> str:
    """Of ``keys`` (the documents here of one text, none empty), the one a colleague's
    document ``theirs`` of that text is: the one of its file name, when one alone has it;
    else the first.  The one rule of ``merge`` and ``import``: a text two files here hold
    (an interview and its copy) takes their passages on the file named as theirs is, not on
    whichever was listed or read first."""
    if len(keys) > 1:
        name = PurePosixPath(theirs).name
        named = [key for key in keys if PurePosixPath(key).name == name]
        if len(named) == 1:
            return named[0]
    return keys[0]


class OurCopies:
    """Our document that is a colleague's copy of one of theirs that differs from ours (a
    typo fixed, another OCR): the one document here of its file name, when it holds their
    passages.  The one rule of ``merge`` and ``import`` for a document of theirs that is
    here neither by its path nor by its text."""

    def __init__(
        self,
        keys_here: Iterable[str],
        theirs: Iterable[Annotation],
        holds: Callable[[str, Sequence[Annotation]], bool] | None,
    ) -> None:
        """``keys_here``: every document here; ``theirs``: their annotations (looked at
        when first asked); ``holds(key, theirs)``: whether our document ``key`` holds the
        passages of ``theirs`` (their annotations of one document), None: none is asked."""
        self._keys_here = keys_here  # gone through when first asked (every document read)
        self._by_name: dict[str, list[str]] | None = None
        self._theirs = theirs
        self._holds = holds
        self._theirs_of: dict[str, list[Annotation]] = {}  # their document -> theirs of it
        self._copies: dict[str, str | None] = {}  # their document -> our copy that holds them

    def named_here(self, key: str) -> str | None:
        """The one document here of ``key``'s file name, if there is one alone."""
        if self._by_name is None:
            self._by_name = {}
            for here in self._keys_here:
                self._by_name.setdefault(PurePosixPath(here).name, []).append(here)
        found = self._by_name.get(PurePosixPath(key).name, [])
        return found[0] if len(found) == 1 else None

    def holding(self, key: str, document: str) -> str | None:
        """Our copy of their ``document`` (``key``: its path here, which is not a document
        here): the one document here of its file name when that one holds more than half of
        their passages' longest quotes (see :meth:`Workspace.holds_passages`); else None."""
        if document not in self._copies:
            if not self._theirs_of:
                for one in self._theirs:
                    self._theirs_of.setdefault(one.document, []).append(one)
            named = self.named_here(key)
            holds = self._holds
            found = (
                holds is not None
                and named is not None
                and holds(named, self._theirs_of.get(document, []))
            )
            self._copies[document] = named if found else None
        return self._copies[document]


def _moved(annotation: Annotation, moved: Mapping[str, str]) -> Annotation:
    """``annotation`` on the key ``moved`` gives its document, if any."""
    key = moved.get(annotation.document)
    return annotation if key is None else annotation.evolve(document=key)


def plan_merge(
    store: AnnotationStore,
    work: CodedWork,
    sha_by_key: Mapping[str, str],
    holds: Callable[[str, Sequence[Annotation]], bool] | None = None,
    text_of: Callable[[str], str | None] | None = None,
    stopped: Callable[[], bool] = lambda: False,
    in_corpus: Callable[[Iterable[str]], Mapping[str, str]] | None = None,
) -> MergePlan:
    """The plan for merging ``work`` into ``store``; ``sha_by_key``: every document here (its
    key in this database -> the sha256 of its text).  ``holds(key, theirs)``: whether our
    document ``key`` holds the passages of ``theirs`` (their annotations of one document):
    a document of theirs that is here neither by its path nor by its text (their copy
    differs from ours: a typo fixed, another OCR) is the one document here of its file name
    when that one holds its passages (they were orphans on a path that is not here).
    ``text_of(key)``: the text of our document ``key``, for the quotes an export wrote with
    U+FFFD for a direction mark (:func:`marks_from_texts`).  ``stopped()`` is asked every
    :data:`~tui_reader.core.interchange.reconcile.ASKED_EVERY` annotations: true,
    :class:`~tui_reader.core.interchange.reconcile.PlanStopped` is raised.
    ``in_corpus(keys)``: of the documents of ``keys`` that are here by no path nor text, each
    with the key it is kept under in the corpus named (see
    :func:`~tui_reader.core.interchange.corpus_keys.in_the_corpus`)."""
    # A text -> the documents here of it, in order: made when first needed, a document of
    # theirs whose text is not that of its path here (every text here is then known).
    key_by_sha: dict[str, list[str]] = {}

    def same_text(sha: str) -> list[str]:
        if not key_by_sha:
            for key, text in sha_by_key.items():
                key_by_sha.setdefault(text, []).append(key)
            key_by_sha.setdefault("", [])  # made, though no document is here
        return key_by_sha.get(sha, []) if sha else []

    incoming: list[Annotation] = []
    their_documents: list[str] = []  # the document each of ``incoming`` is on in theirs
    renamed_here: dict[str, str] = {}  # their document not here -> ours it was renamed to
    relinked = 0
    missing: set[str] = set()
    ours_of: dict[str, str] = {}  # their document key -> ours
    apart: list[tuple[str, str, Annotation]] = []  # (their id, our document of it, theirs kept)
    get = store.lookup()
    contents = stored_contents(store)  # (no annotation of ours built for one found unchanged)
    db_folder = real_path(store.path).parent
    is_here: Callable[[str], bool] = (
        contents.__contains__ if contents is not None else lambda i: get(i) is not None
    )
    copies = OurCopies(sha_by_key, work.annotations, holds)
    named_here, our_copy = copies.named_here, copies.holding

    # Their key here, once per document: its path resolved at each of 100,000 annotations
    # took 4 s of a merge
    keys_here: dict[str, str] = {}
    resolved = RealPaths()  # each of their folders resolved once
    for done, annotation in enumerate(on_our_ids(work.annotations, store, is_here)):
        if done % ASKED_EVERY == 0 and stopped():
            raise PlanStopped
        their_document = annotation.document
        key = keys_here.get(annotation.document, "")
        if not key:
            # Their key is relative to their database's folder (an export's: to ours, we
            # assume).
            key = relative_to(annotation, store.path).document  # a W3C file: IRI's path
            if work.folder is not None:
                key = resolved.key(os.path.join(work.folder, key), db_folder)
            keys_here[annotation.document] = key
        if (
            annotation.doc_sha256
            and sha_by_key.get(key) != annotation.doc_sha256
            and (found := same_text(annotation.doc_sha256))
        ):
            # the same text here under another name
            key = of_the_same_text(found, key)
            relinked += 1
        elif key not in sha_by_key and not annotation.doc_sha256:
            # no text of theirs to know it by (another tool's W3C file, naming a path of the
            # machine it was made on): the one document here of that file name
            key = named_here(key) or key
        elif key not in sha_by_key and (copy := our_copy(key, annotation.document)):
            key = copy  # their copy of the text differs from ours; ours holds their passages
            relinked += 1
        if contents is None:
            ours = get(annotation.id)
        else:  # built only when stored on another document
            known = contents.get(annotation.id)
            ours = get(annotation.id) if known is not None and known[0] != key else None
        if (
            ours is not None
            and ours.document != key
            and key not in sha_by_key
            and (
                renamed_since(store, ours, key) or _edited_since(ours, annotation, key, named_here)
            )
        ):
            # theirs is ours, made before its file was renamed (or edited) here
            key = ours.document
            renamed_here.setdefault(annotation.document, key)
        ours_of.setdefault(annotation.document, key)
        if key != annotation.document:
            annotation = annotation.evolve(document=key)
        if key not in sha_by_key:
            missing.add(key)
        if ours is not None and ours.document != key:
            # The same id on another document is another passage (their ids are not ours to
            # trust): kept as one of its own, under an id made of theirs and its document.
            given = annotation.id
            annotation = annotation.evolve(id=derived_uuid(uuid.NAMESPACE_URL, f"{given}\n{key}"))
            apart.append((given, ours.document, annotation))
        incoming.append(annotation)
        their_documents.append(their_document)
    if renamed_here:  # their other passages of a document renamed here go with it
        incoming, missing = _onto_renamed(incoming, their_documents, renamed_here, missing)
        ours_of.update(renamed_here)
    moved = in_corpus(missing) if in_corpus is not None and missing else {}
    if moved:  # kept in the corpus named, not beside the database (as an import keeps them)
        incoming = [_moved(a, moved) for a in incoming]
        apart = [(given, ours, _moved(a, moved)) for given, ours, a in apart]
        missing = {moved.get(key, key) for key in missing}
        ours_of = {theirs: moved.get(key, key) for theirs, key in ours_of.items()}
    if text_of is not None and any(REPLACEMENT in a.quote for a in incoming):
        incoming = marks_from_texts(incoming, text_of)
    if work.kind == "qdpx":
        # QualCoder gives every selection a new GUID at each export: their project merged
        # again (coded further since) brought each passage merged before as a new copy of
        # it.  One of theirs not here by id that sits where one of ours does (document,
        # start, end and coder; else the same quote) is that one, as an import takes it;
        # and one joining several of ours (our export's, one per code for QualCoder) is them.
        documents = {a.document for a in incoming}
        if documents:
            ours_there = store.annotations_of(documents)
            incoming = adopt_ids(incoming, (a for found in ours_there.values() for a in found))
        # a code's description or memo back from QualCoder, alone, read as it is here
        tags, memos = as_described_here(work.tags, work.memos, store.tags(), store.memos())
        work = replace(work, tags=tuple(tags), memos=tuple(memos))
    incoming.sort(key=reading_order)
    verdicts = reconcile_all(
        incoming, get, store.past_versions, store.deleted_here, contents, stopped
    )
    kept = kept_copies(verdicts, work.source.name, get)
    # A code deleted (merged, renamed away) here stays so, unless a passage saved carries it
    carried = {t for v in verdicts if v.writes for t in v.incoming.tags}
    carried.update(t for a in kept for t in a.tags)
    # (the history read only for a code of theirs we lack: a code we have is not gone)
    ours_names = {t.name for t in store.tags()}
    work = replace(work, memos=tuple(memos_on_our_codes(work.memos, ours_names)))
    lacking = [t for t in work.tags if t.name not in ours_names and t.name not in carried]
    # their memos of a code we lack (a code's memo outlives the code): a code deleted here
    # does not come back as a memo about nothing
    memo_codes = {
        m.target
        for m in work.memos
        if m.kind is MemoKind.CODE and m.target not in ours_names and m.target not in carried
    }
    gone = store.deleted_tags() if lacking or memo_codes else frozenset()
    deleted_tags = tuple(t.name for t in lacking if t.name in gone)
    theirs_tags = [t for t in work.tags if t.name not in deleted_tags]
    new_tags, filled = codebook_additions(store.tags(), theirs_tags)
    differing_tags = tuple(codebook_differences(store.tags(), theirs_tags))
    # A new code of theirs that is one renamed, merged or deleted here, carried by a passage
    # taken: back in the codebook beside the name it has now, said as such (it was one of
    # "2 new codes", as if they had made it)
    carried_new = {t.name for t in new_tags if t.name in carried}
    back = sorted(carried_new & store.deleted_tags()) if carried_new else []
    now = store.tag_names_now() if back else {}
    returned = tuple((name, now.get(name, "")) for name in back)

    def here(key: str) -> str:
        """Our key of a document of theirs (by their annotations on it, else by its path,
        else the one document here of its file name: their corpus in another folder)."""
        if key in ours_of:
            return ours_of[key]
        mapped = document_key(work.folder / key, store.path) if work.folder is not None else key
        found = mapped if mapped in sha_by_key else named_here(mapped) or mapped
        if found in sha_by_key or in_corpus is None:
            return found
        return in_corpus([found]).get(found, found)

    theirs = [
        m.evolve(target=here(m.target)) if m.kind is MemoKind.DOCUMENT else m for m in work.memos
    ]
    # their memo of a code renamed here is a memo of that code; of one deleted here, none
    gone_codes = memo_codes & gone
    renamed = store.tag_names_now() if gone_codes else {}
    kept_theirs: list[Memo] = []
    of_deleted: list[Memo] = []
    for memo in theirs:
        if memo.kind is not MemoKind.CODE or memo.target not in gone_codes:
            kept_theirs.append(memo)
        elif renamed.get(memo.target) in ours_names:
            kept_theirs.append(memo.evolve(target=renamed[memo.target]))
        else:
            of_deleted.append(memo)
    theirs, of_deleted_codes = kept_theirs, tuple(of_deleted)
    ours_memos = store.memos()
    deleted_memos = tuple(deleted_here(store, theirs, ours_memos))
    theirs = [m for m in theirs if m not in deleted_memos]
    new_memos, joined = memo_additions(ours_memos, theirs, work.source.name)
    values = without_removed(store, {here(key): v for key, v in work.attributes.items()})
    to_set, differ = new_attributes(values, store.attributes()) if values else ([], [])
    return MergePlan(
        work,
        tuple(verdicts),
        tuple(new_tags),
        tuple(filled),
        relinked,
        tuple(sorted(missing)),
        tuple(kept),
        tuple(new_memos),
        tuple(joined),
        tuple(to_set),
        tuple(differ),
        tuple(apart),
        deleted_tags,
        deleted_memos,
        of_deleted_codes,
        returned_tags=returned,
        differing_tags=differing_tags,
    )


def _onto_renamed(
    incoming: list[Annotation],
    their_documents: list[str],
    renamed_here: Mapping[str, str],
    missing: set[str],
) -> tuple[list[Annotation], set[str]]:
    """``incoming`` with each annotation left on a document not here (in ``missing``) whose
    document in theirs was renamed here (``renamed_here``: their key -> ours) on ours; and
    the keys still missing."""
    moved = [
        a.evolve(document=renamed_here[theirs])
        if a.document in missing and theirs in renamed_here
        else a
        for a, theirs in zip(incoming, their_documents, strict=True)
    ]
    return moved, {a.document for a in moved if a.document in missing}


def _edited_since(
    ours: Annotation, theirs: Annotation, document: str, named_here: Callable[[str], str | None]
) -> bool:
    """Whether ``ours`` is ``theirs`` (the same id, on ``document``, a document not here),
    brought here by an earlier merge and on our copy since edited (a word fixed inside the
    passage, so their copy's text is not ours and ours no longer holds their quote): the
    same coder's, on the one document here of that file name.  Theirs was taken for another
    passage, kept a second time as an orphan on their path."""
    return ours.coder == theirs.coder and named_here(document) == ours.document


def renamed_since(store: AnnotationStore, ours: Annotation, document: str) -> bool:
    """Whether ``ours`` is the annotation another copy (a colleague's database, an export)
    has under its id on ``document``, a document not here: the history says ours was on
    that document once (its file was renamed here, and edited, since that copy was made).
    The same words coded are no proof: a file of another's may reuse our ids, and would
    replace our passages."""
    return any(past.document == document for past in store.past_versions(ours.id))


def deleted_there_kept(
    store: AnnotationStore, work: CodedWork
) -> tuple[list[Annotation], list[Annotation]]:
    """Ours of the passages ``work``'s history says were deleted there, which a merge keeps
    (it deletes nothing here), in id order: those that are a version they had, and those
    changed here since (none of their versions: their deletion did not see ours).  Only ours
    that they no longer have can be: their history, their biggest table, is read only then."""
    gone = store.annotation_ids() - {a.id for a in work.annotations}
    deleted = work.deleted if gone else {}
    found = store.lookup()
    kept: list[Annotation] = []
    changed: list[Annotation] = []
    for annotation_id in sorted(deleted.keys() & gone):
        ours = found(annotation_id)
        if ours is not None:  # (their document named from their folder: ours taken)
            versions = (v.evolve(document=ours.document) for v in deleted[annotation_id])
            had = any(same_content(version, ours) for version in versions)
            (kept if had else changed).append(ours)
    return kept, changed


def memos_deleted_there_kept(
    store: AnnotationStore, work: CodedWork
) -> tuple[list[Memo], list[Memo]]:
    """Ours of the memos ``work``'s history says were deleted there, which a merge keeps, as
    :func:`deleted_there_kept` tells passages: those whose text they had, and those changed
    here since (their deletion did not see our text)."""
    ours = store.memos()
    gone = {m.id for m in ours} - {m.id for m in work.memos}
    deleted = work.deleted_memos if gone else {}
    kept: list[Memo] = []
    changed: list[Memo] = []
    for memo in ours:
        if memo.id in gone and memo.id in deleted:
            had = any(v.text.strip() == memo.text.strip() for v in deleted[memo.id])
            (kept if had else changed).append(memo)
    return kept, changed


def deleted_here(store: AnnotationStore, memos: Iterable[Memo], ours: Iterable[Memo]) -> list[Memo]:
    """Of ``memos`` (from elsewhere), those deleted here of which theirs is a text we had
    (``ours``: the store's memos): a merge or an import does not bring them back."""
    mine = {m.id for m in ours}
    found = []
    for memo in memos:
        had = store.deleted_versions(MEMOS, memo.id) if memo.id not in mine else []
        if any(str(v.get("text", "")).strip() == memo.text.strip() for v in had):
            found.append(memo)
    return found


def without_removed(
    store: AnnotationStore, attributes: Mapping[str, Mapping[str, Value]]
) -> dict[str, dict[str, Value]]:
    """``attributes`` (from elsewhere, by our keys) without the values removed here: a
    merge or an import does not set them again (the history read only when there are any),
    nor spelled in another case (``Country`` of our ``country``, one attribute here)."""
    removed = store.removed_attributes() if attributes else frozenset()
    folded = {(key, name.casefold()) for key, name in removed}
    return {
        key: {name: value for name, value in values.items() if (key, name.casefold()) not in folded}
        for key, values in attributes.items()
    }


def memo_additions(
    ours: Iterable[Memo], theirs: Iterable[Memo], source: str
) -> tuple[list[Memo], list[Memo]]:
    """Their memos we lack, and ours with their text added below (``source``: where theirs
    came from, named above it); where one text already holds the other, the longer is kept.
    A memo is the same memo by id, a document's or a code's memo by what it is about, and a
    journal entry by its text."""
    by_id = {m.id: m for m in ours}
    by_target = {(m.kind, m.target): m for m in by_id.values() if m.kind is not MemoKind.JOURNAL}
    entries = {m.text.strip() for m in by_id.values() if m.kind is MemoKind.JOURNAL}
    new: list[Memo] = []
    joined: dict[str, Memo] = {}
    for memo in theirs:
        same = by_id.get(memo.id)
        if same is None and memo.kind is not MemoKind.JOURNAL:
            same = by_target.get((memo.kind, memo.target))
        if same is None and memo.kind is MemoKind.JOURNAL and memo.text.strip() in entries:
            continue  # the same entry, back under another id (a REFI-QDA note's)
        if same is None:
            new.append(memo)
            by_id[memo.id] = memo
            if memo.kind is MemoKind.JOURNAL:
                entries.add(memo.text.strip())
            else:
                by_target[(memo.kind, memo.target)] = memo
            continue
        mine, their_text = same.text.strip(), memo.text.strip()
        if _holds(mine, their_text):
            continue
        if _holds(their_text, mine):
            text = memo.text
        else:
            text = f"{same.text.rstrip()}\n\n---\n\nFrom {source}:\n\n{memo.text.strip()}\n"
        changed = same.evolve(text=text)
        by_id[same.id] = joined[same.id] = changed
        if same.kind is not MemoKind.JOURNAL:
            by_target[(same.kind, same.target)] = changed
    added = {m.id for m in new}
    return [by_id[m.id] for m in new], [m for i, m in joined.items() if i not in added]


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


def codebook_differences(
    ours: Sequence[Tag], theirs: Sequence[Tag]
) -> list[tuple[str, str, str, str]]:
    """Each colour or description of a code of theirs that differs from the one ours has
    (ours kept: :func:`codebook_additions` fills in only what ours lacks): (code, "colour"
    or "description", ours, theirs).  Colours are compared as the colours they are (``red``
    is ``#ff0000``)."""
    mine = {t.name: t for t in ours}
    differ: dict[tuple[str, str], tuple[str, str, str, str]] = {}  # the first of a code's
    for tag in theirs:
        same = mine.get(tag.name)
        if same is None:
            continue
        for what, our_value, their_value, key in (
            ("colour", same.color, tag.color, _colour),
            ("description", same.description, tag.description, str),
        ):
            if our_value and their_value and key(our_value) != key(their_value):
                differ.setdefault((tag.name, what), (tag.name, what, our_value, their_value))
    return list(differ.values())


def codebook_difference_lines(
    differ: Sequence[tuple[str, str, str, str]], theirs: str
) -> list[str]:
    """A line for each of :func:`codebook_differences`: which code, what each says."""
    return [
        f"code {name}: {what} {_short(their_value)} {theirs}, {_short(our_value)} here (ours kept)"
        if what == "description"
        else f"code {name}: {what} {their_value} {theirs}, {our_value} here (ours kept)"
        for name, what, our_value, their_value in differ
    ]


def _short(text: str) -> str:
    """A description quoted on one line, cut after 60 characters."""
    return repr(text if len(text) <= 60 else text[:60] + "…")


def _colour(value: str) -> str:
    """``value`` as the colour it names, else as it is written (case aside)."""
    return colour_hex(value) or value.strip().casefold()


def _holds(text: str, part: str) -> bool:
    """Whether ``part`` is in ``text`` as whole lines (a memo another one was written from)."""
    return f"\n{part}\n" in f"\n{text}\n"


def apply_merge(store: AnnotationStore, plan: MergePlan, label: str = "merge") -> int:
    """Save ``plan``: new codes and filled-in colours/descriptions, memos and attributes and
    every annotation it saves, in one durable step (one journal line: a kill saves all of it
    or none); all of it one step of the history named
    ``label`` (one undo takes the whole merge back, its new codes with it).  Returns how many
    annotations were saved."""
    saved = [*plan.saved, *plan.kept]
    # all of it saved, or none; their passages redone as they were (as_given)
    with store.step(label, as_given=True), store.at_once():
        for memo in (*plan.new_memos, *plan.joined_memos):
            store.put_memo(memo)
        if plan.attributes:
            store.set_attributes(plan.attributes)
        tags = (*plan.new_tags, *plan.filled_tags)
        if saved or tags:  # the new codes with the annotations, in one line: all, or none
            store.save_batch(saved, (), label, tags=tags)
    return len(saved)
