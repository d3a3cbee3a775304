"""Two coders' agreement over the documents as ``tui-reader agreement`` computes it, for the
command and the app's agreement box (``=`` in the compare view): every coded passage read
from the store's records when all are known in place, else placed (:func:`coding_read`), the
units of the documents compared, those cut before kept (:func:`compared_units`), and the
figures (:func:`coders_agreement`, :class:`~.agreement.Comparison`'s rows).  What cannot be
read is given back as lines for the caller to say; the work's progress goes to the
``progress(label, total)`` the caller gives (the command's bar on stderr, the box's line)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from tui_reader.core.analysis.agreement_units import Unit
from tui_reader.core.analysis.settled_coding import CodedPassage, placed_coding, settled_coding
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.display import shown, shown_name
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.safe_read import is_gone
from tui_reader.core.documents.table_units import rule_for
from tui_reader.core.errors import DocumentError
from tui_reader.core.forked import ForkedHalf, core_free
from tui_reader.core.search.corpus import read_fresh
from tui_reader.core.workspace import Workspace

if TYPE_CHECKING:
    import numpy as np

    from tui_reader.core.analysis.agreement import AgreementRow
    from tui_reader.core.analysis.units_cache import UnitsCache

# ``progress(label, total)``: a context giving ``advance()``; ``total`` may be what counts it
Progress = Callable[[str, "int | Callable[[], int]"], AbstractContextManager[Callable[[], None]]]


@contextlib.contextmanager
def no_progress(_label: str, _total: int | Callable[[], int]) -> Iterator[Callable[[], None]]:
    yield lambda: None


Coding = Sequence[Annotation | CodedPassage]


@dataclass(frozen=True)
class CodingRead:
    """Every coded passage of the store (:func:`coding_read`), the passages each coder
    made and the problems met reading the records (left out of the comparison)."""

    passages: Coding
    counts: dict[str, int]
    problems: list[str]


def coding_read(workspace: Workspace, progress: Progress = no_progress) -> CodingRead:
    """Every coded passage of ``workspace``'s store: read from its records when all are known
    in place, else placed as an export places them, else (files moved) by the full pass."""
    settled = settled_coding(workspace)
    if settled is None:  # placed: a first run over 10,000 documents takes seconds
        documents = workspace.store.documents
        with progress("Placing passages", lambda: len(documents())) as advance:
            settled = placed_coding(workspace, advance)  # as an export places them
            if settled is None:  # files moved: the full pass
                annotations = workspace.all_anchored(advance=advance, relist=False)
                return CodingRead(
                    annotations, workspace.store.coder_counts(), list(workspace.store.problems)
                )
    passages, counts, problems = settled
    return CodingRead(passages, counts, list(problems))


@dataclass(frozen=True)
class CodersAgreement:
    """The figures of two coders (:func:`coders_agreement`): a row per code, then every code
    pooled; the documents compared (``keys``) and those of them whose units were read
    (``compared``); the codes compared; and a line for each document left out."""

    rows: list[AgreementRow]
    keys: list[str]
    compared: list[str]
    codes: list[str]
    said: list[str]


def coders_agreement(
    workspace: Workspace,
    coder_a: str,
    coder_b: str,
    unit: Unit = "character",
    keys: Sequence[str] | None = None,
    progress: Progress = no_progress,
    coding: CodingRead | None = None,
) -> CodersAgreement:
    """The agreement of ``coder_a`` and ``coder_b`` by ``unit`` over the documents ``keys``
    (None: every document either coded), as ``tui-reader agreement A B [--doc ...] --unit
    UNIT`` prints it: the same passages, units and :class:`~.agreement.Comparison`.
    ``coding``: the passages when read already (:func:`coding_read`)."""
    from tui_reader.core.analysis.agreement import Comparison

    read = coding_read(workspace, progress) if coding is None else coding
    coded_a = [a for a in read.passages if a.coder == coder_a]
    coded_b = [a for a in read.passages if a.coder == coder_b]
    chosen = list(keys) if keys is not None else sorted({a.document for a in (*coded_a, *coded_b)})
    units, said = compared_units(workspace, chosen, unit, progress)
    comparison = Comparison(coded_a, coded_b, units, unit)
    return CodersAgreement(comparison.rows(), chosen, list(units), comparison.codes, said)


def compared_units(
    workspace: Workspace,
    keys: Sequence[str],
    unit: Unit,
    progress: Progress = no_progress,
    starts_only: bool = False,
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Each document's words, sentences or paragraphs (``unit``), or by character the
    stretches of its characters that count (a transcript's labels left out): those cut last
    time from a text with the hash that the facts kept of the unchanged file give (10,000
    documents loaded and cut into sentences took 6 s, four fifths of the count), else cut from
    the text loaded now and kept for the next run (see
    :mod:`tui_reader.core.analysis.units_cache`); and a line for each document that could not
    be read, left out, in the documents' order.  With a core free, under a command, a second
    process cuts half of the plain texts.  ``starts_only``: of words, their starts alone, as
    4-byte integers, made as soon as they are cut (a query's distance in words: the 19
    million words of the bench's 10,000 documents held whole took 300 MB at once), and kept
    by text hash in a cache of their own (cut again each run, they took a query 2 s more
    than paragraphs); the agreement's words are cut each time."""
    from tui_reader.core.documents.catalog import exact_facts

    keeping = _Keeping(workspace, unit, starts_only)
    plain = _plain_files(workspace)
    # A plain text whose facts are not known yet is read for them: cut from the text read
    # then when one process cuts them all (a first run read 10,000 files twice), not read
    # again below.  With a second process to cut half of them, read again there and here.
    early: dict[str, np.ndarray] = {}
    if sum(key in plain for key in keys) < SHARE_FROM or not core_free():
        texts = partial(_cut_read, keeping, plain, early)
    else:
        texts = None
    facts = exact_facts(workspace, keys, "Reading documents", progress, texts)
    found: dict[str, np.ndarray] = {}
    said: dict[str, str] = {}  # what could not be read, said in the documents' order
    # Each kept entry decoded and checked once (it was twice: to share the work, then to use)
    kept = _kept_units([key for key in keys if key not in early], facts, keeping)
    kept.update(early)
    theirs = _second_half(keys, facts, plain, kept)
    forked = ForkedHalf.start(theirs, _plain_cutter(unit)) if theirs else None
    given = {key for key, _ in theirs} if forked is not None else set()
    try:
        doing = "Reading documents" if unit == "character" else f"Cutting {unit}s"
        with progress(doing, len(keys)) as advance:
            for key in keys:
                if key in given:
                    continue
                advance()
                if key in kept:
                    found[key] = kept.pop(key)
                    continue
                _cut(workspace, keeping, key, facts.get(key), found, said, plain.get(key))
            if forked is not None:
                cut = forked.results()
                for number, (key, location) in enumerate(theirs):
                    advance()
                    if cut is None or len(cut) != len(theirs):  # it failed: cut here
                        _cut(workspace, keeping, key, facts.get(key), found, said, location)
                        continue
                    _key, spans, sha256, problem = cut[number]
                    if problem is not None or spans is None:
                        said[key] = problem or "cannot be read"
                        continue
                    found[key] = keeping.kept(key, sha256, spans)  # as _cut keeps them
    finally:
        if forked is not None:
            forked.stop()
    keeping.save(key for key, _ in workspace.keyed_files())
    lines = [said[key] for key in keys if key in said]
    return {key: found[key] for key in keys if key in found}, lines


class _Keeping:
    """Where a run's units are kept between runs, and in what form: sentences and
    paragraphs (and characters) in the units cache; a query's words, their starts alone
    (``starts_only``), in the word starts' cache; the agreement's words nowhere (cut each
    time: every word's span of a corpus)."""

    def __init__(self, workspace: Workspace, unit: Unit, starts_only: bool) -> None:
        from tui_reader.core.analysis.units_cache import UnitsCache
        from tui_reader.locations import units_cache_path, word_starts_cache_path

        self.unit = unit
        self.starts = unit == "word" and starts_only
        self.cache: UnitsCache | None = None
        if self.starts:
            self.cache = UnitsCache(word_starts_cache_path(workspace.db))
        elif unit != "word":
            self.cache = UnitsCache(units_cache_path(workspace.db))

    def get(self, key: str, sha256: str, length: int) -> np.ndarray | None:
        """The units kept of ``key``'s text of that hash and length, in this run's form."""
        if self.cache is None:
            return None
        if self.starts:
            return self.cache.starts(key, sha256, length)
        return self.cache.spans(key, sha256, self.unit, length)

    def kept(self, key: str, sha256: str, spans: np.ndarray) -> np.ndarray:
        """``spans``, cut now from ``key``'s text of that hash, in this run's form, kept for
        the next run (no hash: not a file the corpus lists, not kept)."""
        found = _word_starts(spans) if self.starts else spans
        if self.cache is not None and sha256:
            if self.starts:
                self.cache.put_starts(key, sha256, found)
            else:
                self.cache.put(key, sha256, self.unit, spans)
        return found

    def save(self, keys: Iterable[str]) -> None:
        """Forget the documents the corpus no longer lists, and write what changed."""
        if self.cache is not None:
            self.cache.keep_only(keys)
            self.cache.save()


def _word_starts(spans: np.ndarray) -> np.ndarray:
    """The starts of the words ``spans`` holds, as 4-byte integers (a text's offsets are
    under 2**31): kept as each document is cut, not its words' spans (16 bytes a word)."""
    import numpy as np

    return spans[:, 0].astype(np.int32)


SHARE_FROM = 200  # plain texts to cut from which a second process cuts half of them (~0.1 s)
Cut = tuple[str, "np.ndarray | None", str, "str | None"]  # (key, units, text hash, problem)
_READ_AS_SEARCHED = ("text", "markdown")  # formats whose text is read as the search reads it


def _plain_files(workspace: Workspace) -> dict[str, tuple[str, str]]:
    """``(file, format)`` of each plain text and Markdown file of the corpus, by key: their
    texts are read as the search reads them (:func:`read_text`)."""
    return {
        key: (f.location, f.format)
        for key, f in workspace.keyed_files()
        if f.format in _READ_AS_SEARCHED and not f.outside  # (a link out: never read)
    }


def read_text(location: str, fmt: str) -> str:
    """The canonical text of the plain text or Markdown file at ``location`` (format
    ``fmt``), read as the search reads it: a small file in one read, its text decoded only
    when it is not clean ASCII, no title found (a plain text's title was found for each of
    10,000 files, and each read a piece at a time: half the reading), no document made.
    Raises :class:`DocumentError`."""
    return read_fresh(location, fmt).decoded()


def texts_of(workspace: Workspace, keys: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The text of each document ``keys`` names, and a line for each that cannot be read
    (left out): a plain text's or a Markdown file's read as the search reads it (a whole
    document made of each of 10,000 files took a sixth of the time)."""
    plain = _plain_files(workspace)
    texts: dict[str, str] = {}
    said: list[str] = []
    for key in keys:
        try:
            where = plain.get(key)
            texts[key] = read_text(*where) if where else workspace.document(key).text
        except DocumentError as exc:
            said.append(left_out(exc))
    return texts, said


def _kept_units(
    keys: Sequence[str], facts: dict[str, DocumentFacts | str], keeping: _Keeping
) -> dict[str, np.ndarray]:
    """The units of the documents ``keys`` kept for the texts their facts name (none for
    the agreement's words: cut at once, never kept)."""
    kept: dict[str, np.ndarray] = {}
    for key in keys:
        known = facts.get(key)
        if isinstance(known, DocumentFacts):
            spans = keeping.get(key, known.sha256, known.length)
            if spans is not None:
                kept[key] = spans
    return kept


def _cut_read(
    keeping: _Keeping,
    plain: dict[str, tuple[str, str]],
    early: dict[str, np.ndarray],
    key: str,
    text: str,
) -> None:
    """The units of plain text or Markdown file ``key`` into ``early``, from its ``text`` as
    the facts' scan read it: as :func:`_cut` gives them from the same text read again (kept
    when they were, else cut and kept)."""
    from tui_reader.core.analysis.agreement import unit_spans

    if key not in plain:
        return
    sha256 = text_sha256(text) if keeping.cache is not None else ""
    spans = keeping.get(key, sha256, len(text)) if sha256 else None
    if spans is None:
        spans = keeping.kept(key, sha256, unit_spans(text, keeping.unit, rule_for(plain[key][1])))
    early[key] = spans


def _second_half(
    keys: Sequence[str],
    facts: dict[str, DocumentFacts | str],
    plain: dict[str, tuple[str, str]],
    kept: dict[str, np.ndarray],
) -> list[tuple[str, tuple[str, str]]]:
    """``(key, (file, format))`` of the plain texts and Markdown files a second process cuts:
    half of those whose units are not ``kept``, when they are many and a core is free (none
    otherwise)."""
    todo = []
    for key in keys:
        known, location = facts.get(key), plain.get(key)
        if location is None or not isinstance(known, DocumentFacts):
            continue
        if key not in kept:
            todo.append((key, location))
    if len(todo) < SHARE_FROM or not core_free():
        return []
    return todo[len(todo) // 2 :]


def _plain_cutter(unit: Unit) -> Callable[[tuple[str, tuple[str, str]]], Cut]:
    from tui_reader.core.analysis.agreement import unit_spans

    def cut(item: tuple[str, tuple[str, str]]) -> Cut:
        """The units of one plain text or Markdown file, read as :func:`_cut` reads it, or
        why not."""
        key, (location, fmt) = item
        try:
            text = read_text(location, fmt)
        except DocumentError as exc:
            return key, None, "", left_out(exc)
        return key, unit_spans(text, unit, rule_for(fmt)), text_sha256(text), None

    return cut


def _cut(
    workspace: Workspace,
    keeping: _Keeping,
    key: str,
    known: DocumentFacts | str | None,
    found: dict[str, np.ndarray],
    said: dict[str, str],
    plain: tuple[str, str] | None = None,
) -> None:
    """The units of document ``key`` into ``found``: kept for the text its facts
    (``known``) name, else cut from its text (and kept); why one was not read into
    ``said``.  ``plain``: where the file is and its format when it is a plain text or a
    Markdown file, read as the search reads it (no document made and kept: 10,000 of them
    took 3 s and half a gigabyte)."""
    from tui_reader.core.analysis.agreement import unit_spans

    if isinstance(known, str):
        said[key] = f"tui-reader: {shown_name(key)}: {shown(known)} (left out)"
        return
    spans = keeping.get(key, known.sha256, known.length) if known is not None else None
    if spans is None:
        try:
            if plain:  # (its turns found in its text; a Markdown table's rows its paragraphs)
                text, rule, turns = read_text(*plain), rule_for(plain[1]), None
            else:  # (a table's rows are its paragraphs: see table_units)
                document = workspace.document(key)
                text, rule, turns = document.text, document.unit_rule, document.turns
        except DocumentError as exc:
            said[key] = left_out(exc)
            return
        # a document the corpus lists (its facts known): kept for the next run
        sha256 = text_sha256(text) if known is not None and keeping.cache is not None else ""
        spans = keeping.kept(key, sha256, unit_spans(text, keeping.unit, rule, turns))
    found[key] = spans


def left_out(exc: DocumentError) -> str:
    """The line of a document coded that could not be read, left out of the comparison: a
    file gone said as query, report and export say it (it was "PATH: No such file or
    directory (left out)")."""
    if is_gone(exc.path):
        gone = shown_name(str(exc.path))
        return f"tui-reader: {gone}: the file is gone (moved or deleted?): left out"
    return f"tui-reader: {exc} (left out)"
