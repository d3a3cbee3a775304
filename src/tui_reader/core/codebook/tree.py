"""The one tag tree: ``policy`` holds ``policy/militarization``.

:func:`tag_tree` nests tag names (exports walk it); :func:`codebook_tree` adds the codebook's
tags and the counts the codebook screen and ``tags --tree`` show.  A node's ``own`` count is
the annotations tagged with exactly its tag; its ``total`` counts the annotations tagged with
it or any of its descendants, each annotation once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from tui_reader.core.analysis.values import text_key
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.codebook.names import is_within, renamed, tag_order


@dataclass
class TagNode:
    """One level of the tag hierarchy: ``policy`` holds ``policy/border``.

    ``declared`` is True when ``path`` itself is a tag (in the codebook or on an annotation),
    False for a parent that exists only because its children do.
    """

    name: str  # the last part: "border"
    path: str  # the full tag: "policy/border"
    declared: bool = False
    children: dict[str, TagNode] = field(default_factory=dict)

    def sorted_children(self) -> list[TagNode]:
        """The children in the order every view shows codes (:func:`tag_order`: natural,
        case-insensitive: ``t1, t2, t14``)."""
        return sorted(self.children.values(), key=lambda n: tag_order(n.name))

    def walk(self, depth: int = 0) -> Iterator[tuple[int, TagNode]]:
        """This node's descendants (not itself), depth first, siblings sorted by name."""
        for child in self.sorted_children():
            yield depth, child
            yield from child.walk(depth + 1)


def tag_tree(names: Iterable[str]) -> TagNode:
    """The root (unnamed) of the tree of ``names``; empty parts (``a//b``) are skipped."""
    root = TagNode(name="", path="")
    for name in names:
        parts = [part for part in name.split("/") if part]
        node = root
        for i, part in enumerate(parts):
            child = node.children.get(part)
            if child is None:
                child = TagNode(name=part, path="/".join(parts[: i + 1]))
                node.children[part] = child
            node = child
        if node is not root:
            node.declared = True
    return root


@dataclass
class CodebookNode:
    """One tag of the tree; ``tag`` is None for a parent that is not itself in the codebook
    (it exists because its children do)."""

    path: str  # the full tag name: "policy/militarization"
    name: str  # the last level: "militarization"
    tag: Tag | None
    own: int = 0
    total: int = 0
    children: list[CodebookNode] = field(default_factory=list)

    def walk(self) -> Iterable[CodebookNode]:
        """This node and its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def _ancestry(name: str) -> list[str]:
    """``a/b/c`` -> ``[a, a/b, a/b/c]``."""
    parts = name.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def codebook_tree(codebook: Sequence[Tag], annotations: Iterable[Annotation]) -> list[CodebookNode]:
    """The top-level nodes of the codebook tree, siblings in :func:`tag_order`.

    Tags used by annotations but missing from the codebook are shown too."""
    # Counted by tag combination first (in C): 100,000 annotations share a few thousand.
    return counted_tree(codebook, Counter(a.tags for a in annotations))


def counted_tree(
    codebook: Sequence[Tag], combinations: Mapping[tuple[str, ...], int]
) -> list[CodebookNode]:
    """:func:`codebook_tree` from the number of annotations of each tag combination; a
    combination counted 0 still puts its tags in the tree."""
    own: dict[str, int] = {}
    total: dict[str, int] = {}
    used: set[str] = set()
    for tags, count in combinations.items():
        names = set(tags)
        used |= names
        for name in names:
            own[name] = own.get(name, 0) + count
        for path in {p for name in names for p in _ancestry(name)}:
            total[path] = total.get(path, 0) + count
    declared = {tag.name: tag for tag in codebook}
    root = tag_tree([*declared, *sorted(used - declared.keys())])

    def convert(node: TagNode) -> CodebookNode:
        children = node.sorted_children()
        return CodebookNode(
            path=node.path,
            name=node.name,
            tag=declared.get(node.path),
            own=own.get(node.path, 0),
            total=total.get(node.path, 0),
            children=[convert(child) for child in children],
        )

    return convert(root).children


Combinations = Mapping[tuple[str, ...], int]  # annotations by their codes (counted_tree)


def renamed_in(combinations: Combinations, old: str, new: str) -> Counter[tuple[str, ...]]:
    """``combinations`` once ``old`` (and ``old/...``) is renamed or merged into ``new``, as
    the store changes each annotation's codes (a code met twice kept once): the codebook's
    counts right after the edit, not read again from every annotation (seconds at
    100,000)."""
    changed: Counter[tuple[str, ...]] = Counter()
    for tags, count in combinations.items():
        if any(is_within(t, old) for t in tags):  # (the others are left as they are)
            tags = tuple(dict.fromkeys(renamed(t, old, new) or t for t in tags))
        changed[tags] += count
    return changed


# An annotation's codes changed by an undo or redo: its coder, its codes before and after
# (None: the annotation was not there, or is no more).
Recoding = tuple[str, tuple[str, ...] | None, tuple[str, ...] | None]


def recoded_in(
    combinations: Combinations,
    recodings: Iterable[tuple[Recoding, int]],
    shows: Callable[[str], bool],
) -> Counter[tuple[str, ...]]:
    """``combinations`` once the annotations of the coders it ``shows`` are recoded, each
    ``(coder, before, after)`` of ``recodings`` as many times as counted: the codebook's
    counts right after an undo or redo of a code renamed on 19,000 passages (see
    :func:`renamed_in`).  No combination is counted below nothing."""
    changed: Counter[tuple[str, ...]] = Counter(combinations)
    for (coder, before, after), count in recodings:
        if not shows(coder):
            continue
        if before is not None:
            changed[before] -= count
        if after is not None:
            changed[after] += count
    return +changed


def deleted_in(combinations: Combinations, name: str) -> Counter[tuple[str, ...]]:
    """``combinations`` once ``name`` and the codes under it are deleted (see
    :func:`renamed_in`)."""
    changed: Counter[tuple[str, ...]] = Counter()
    for tags, count in combinations.items():
        changed[tuple(t for t in tags if not is_within(t, name))] += count
    return changed


def filter_tree(nodes: Sequence[CodebookNode], text: str) -> list[CodebookNode]:
    """The nodes whose path or description holds ``text`` (case and accents aside, as a query
    takes an attribute's value: ``securite`` finds ``Sécurité``), with their ancestors (to
    keep the tree) and all their descendants; everything when ``text`` is empty."""
    folded = text_key(text.strip())
    if not folded:
        return list(nodes)
    return _kept(nodes, folded)


def _kept(nodes: Sequence[CodebookNode], folded: str) -> list[CodebookNode]:
    kept: list[CodebookNode] = []
    for node in nodes:
        if _holds(node, folded):
            kept.append(node)
            continue
        children = _kept(node.children, folded)
        if children:
            kept.append(
                CodebookNode(node.path, node.name, node.tag, node.own, node.total, children)
            )
    return kept


def _holds(node: CodebookNode, folded: str) -> bool:
    description = node.tag.description if node.tag is not None else ""
    return folded in text_key(node.path) or folded in text_key(description)


def filter_matches(nodes: Sequence[CodebookNode], text: str) -> list[str]:
    """The paths of the nodes that hold ``text`` themselves (not the ancestors
    :func:`filter_tree` keeps for them), in the tree's order."""
    folded = text_key(text.strip())
    return [n.path for top in nodes for n in top.walk() if folded and _holds(n, folded)]


def subtree_paths(nodes: Sequence[CodebookNode], path: str) -> list[str]:
    """Every tag path within ``path`` (itself and its descendants), deepest first."""
    found = [n.path for top in nodes for n in top.walk() if is_within(n.path, path)]
    return sorted(found, key=lambda p: (-p.count("/"), tag_order(p)))
