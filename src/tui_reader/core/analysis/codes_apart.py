"""Why ``a AND b`` matched nothing when the two codes' passages meet: AND takes the passages
carrying both codes, while QualCoder's and NVivo's coding queries take text the two codes
overlap on, a co-occurrence report counts that, and ``a OVERLAPS b`` asks it.  A query of
codes alone that matched nothing is told how many documents hold a passage of one
overlapping a passage of the other (the same coder's, as the co-occurrence report counts
them), so an empty result is not read as the codes never meeting; of three codes or more, a
place all their passages cover (each pair meeting somewhere is not the three meeting)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from tui_reader.core.analysis.matching import (
    AttributeLookup,
    compile_query,
    no_attributes,
    typed_code,
)
from tui_reader.core.analysis.query import And, Code, Compare, Field, Node
from tui_reader.core.analysis.scope_records import carries_any
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.wording import counted


def codes_anded(tree: Node) -> list[str] | None:
    """The codes of a query of two or more codes joined by AND, with nothing else but filters
    of the passages' documents and coders (:func:`filters_anded`); else None (a code asked
    for itself alone, ``exactly:a``, is not one: their meeting is counted of a code and
    those below it)."""
    if not isinstance(tree, And):
        return None
    codes = [node.name for node in tree.operands if isinstance(node, Code) and not node.exact]
    if len(codes) < 2 or len(codes) + len(filters_anded(tree)) < len(tree.operands):
        return None
    return codes


def filters_anded(tree: Node) -> list[Node]:
    """The operands of an AND that hold a passage to documents or coders (``doc:``,
    ``coder:``, an attribute compared), which two overlapping passages, of one document and
    one coder, meet or fail alike: ``a AND b AND doc:x`` is told where a and b overlap in x.
    (``text:``, ``note:`` and a NOT are of one passage, not of the place two overlap on.)"""
    if not isinstance(tree, And):
        return []
    return [
        node
        for node in tree.operands
        if isinstance(node, Compare) or (isinstance(node, Field) and node.field in _OF_BOTH)
    ]


_OF_BOTH = ("doc", "coder")  # fields two passages of one document and coder share


def documents_where_apart_codes_meet(codes: list[str], passages: Iterable[Annotation]) -> int:
    """How many documents hold a place that one coder's passages carrying each of ``codes``
    all cover (a code takes the codes below it): for two codes, a passage carrying the first
    overlapping one carrying the second; for three, not only each pair meeting somewhere."""
    wanted = [frozenset((code,)) for code in codes]
    groups: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for passage in passages:
        if passage.end > passage.start:
            groups[(passage.document, passage.coder)].append(passage)
    met: set[str] = set()
    for (document, _), group in groups.items():
        if document not in met and _all_at_one_place(group, wanted):
            met.add(document)
    return len(met)


def _all_at_one_place(group: list[Annotation], wanted: list[frozenset[str]]) -> bool:
    """Whether one place of the text is covered by a passage of ``group`` carrying each of
    ``wanted``: one sweep over the passages' ends and starts in order (an end before a start
    at the same offset: passages that touch do not meet), counting those of each code open;
    the place is found at the start that leaves every code's count above none."""
    events: list[tuple[int, int, tuple[bool, ...]]] = []
    for passage in group:
        kinds = tuple(carries_any(passage.tags, codes) for codes in wanted)
        if any(kinds):
            events.append((passage.start, 1, kinds))
            events.append((passage.end, -1, kinds))
    open_ = [0] * len(wanted)
    for _, step, kinds in sorted(events, key=lambda e: (e[0], e[1])):
        for k, carried in enumerate(kinds):
            if carried:
                open_[k] += step
        if step > 0 and all(open_):
            return True
    return False


def apart_line(
    tree: Node,
    carrying: Callable[[frozenset[str]], Iterable[Annotation]],
    attributes: AttributeLookup = no_attributes,
) -> str | None:
    """The line said of a query of codes joined by AND that matched nothing, when the codes
    meet on separate passages; None otherwise.  ``carrying``: the passages carrying one of
    the codes given or a code below one (asked only of such a query); ``attributes``: the
    documents' attributes its comparisons are of."""
    codes = codes_anded(tree)
    if codes is None:
        return None
    passages = carrying(frozenset(codes))
    if filters := filters_anded(tree):
        test = compile_query(And(tuple(filters)), attributes)
        passages = [passage for passage in passages if test(passage)]
    documents = documents_where_apart_codes_meet(codes, passages)
    if not documents:
        return None
    meet = "them overlap" if len(codes) == 2 else "each of them overlap at one place"
    others = codes[1] if len(codes) == 2 else "each of the others"
    return (
        f"no passage carries all of {', '.join(codes)}, but passages carrying {meet} "
        f"in {counted(documents, 'document')} (AND takes the passages carrying every code; "
        f"{' OVERLAPS '.join(map(typed_code, codes))} takes those of {codes[0]} overlapping "
        f"a passage of {others}, as the co-occurrence report counts a meeting)"
    )
