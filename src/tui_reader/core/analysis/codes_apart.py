"""Why ``a AND b`` matched nothing when the two codes' passages meet: AND takes the passages
carrying both codes, while QualCoder's and NVivo's coding queries take text the two codes
overlap on, and a co-occurrence report counts that.  A query of codes alone that matched
nothing is told how many documents hold a passage of one overlapping a passage of the
other (the same coder's, as the co-occurrence report counts them), so an empty result is
not read as the codes never meeting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from tui_reader.core.analysis.query import And, Code, Node
from tui_reader.core.analysis.scope_records import carries_any
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.wording import counted


def codes_anded(tree: Node) -> list[str] | None:
    """The codes of a query of two or more codes joined by AND, nothing else; else None."""
    if not isinstance(tree, And) or len(tree.operands) < 2:
        return None
    if not all(isinstance(node, Code) for node in tree.operands):
        return None
    return [node.name for node in tree.operands if isinstance(node, Code)]


def documents_where_apart_codes_meet(codes: list[str], passages: Iterable[Annotation]) -> int:
    """How many documents hold, for every pair of ``codes``, a coder's passage carrying the
    first that overlaps one of theirs carrying the second (a code takes the codes below it)."""
    wanted = [frozenset((code,)) for code in codes]
    groups: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for passage in passages:
        if passage.end > passage.start:
            groups[(passage.document, passage.coder)].append(passage)
    met: set[str] = set()
    for (document, _), group in groups.items():
        if document in met:
            continue
        if all(
            _overlap(group, wanted[i], wanted[j])
            for i in range(len(wanted))
            for j in range(i + 1, len(wanted))
        ):
            met.add(document)
    return len(met)


def _overlap(group: list[Annotation], first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether a passage of ``group`` carrying ``first`` overlaps one carrying ``second``:
    one sweep in the order they start, keeping the furthest end of each kind seen (a passage
    overlaps one started before it if and only if that one ends after its start)."""
    furthest = [-1, -1]
    for passage in sorted(group, key=lambda a: a.start):
        kinds = (carries_any(passage.tags, first), carries_any(passage.tags, second))
        if all(kinds):
            return True
        if (kinds[0] and furthest[1] > passage.start) or (kinds[1] and furthest[0] > passage.start):
            return True
        for k in (0, 1):
            if kinds[k]:
                furthest[k] = max(furthest[k], passage.end)
    return False


def apart_line(
    tree: Node, carrying: Callable[[frozenset[str]], Iterable[Annotation]]
) -> str | None:
    """The line said of a query of codes joined by AND that matched nothing, when the codes
    meet on separate passages; None otherwise.  ``carrying``: the passages carrying one of
    the codes given or a code below one (asked only of such a query)."""
    codes = codes_anded(tree)
    if codes is None:
        return None
    documents = documents_where_apart_codes_meet(codes, carrying(frozenset(codes)))
    if not documents:
        return None
    return (
        f"no passage carries all of {', '.join(codes)}, but passages carrying them overlap "
        f"in {counted(documents, 'document')} (AND takes the passages carrying every code; "
        "the co-occurrence report counts where passages of two codes overlap)"
    )
