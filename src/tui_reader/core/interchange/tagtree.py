"""Hierarchical tags (``policy/border``) as a tree, for exports that nest them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


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

    def walk(self, depth: int = 0) -> Iterator[tuple[int, TagNode]]:
        """This node's descendants (not itself), depth first, siblings sorted by name."""
        for child in sorted(self.children.values(), key=lambda n: (n.name.casefold(), n.name)):
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
