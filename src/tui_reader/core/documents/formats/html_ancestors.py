"""trafilatura's two loops that look at every element with all its ancestors, or all its
descendants, made to walk them in lxml, or to count them once.

A page 250 elements deep and 20,000 paragraphs wide (``'<div>' * 250 + '<p>x' * 20000``)
took 7 s of CPU, most of it in two lines: ``recover_wild_text`` (the extractor's recovery of
text outside the article) asks of each paragraph whether any of its ancestors was taken
whole already, by a Python loop over all of them; readability's ``sanitize`` counts each
nested block's descendant tags (``Counter(e.tag for e in elem.iterdescendants(...))``), a
Python object made for each of them, for every one of the 250 blocks around them.

:func:`install` rewrites those lines of trafilatura's own source, so every other line stays
trafilatura's:

- an ancestor can be an element taken whole only when it has the tag of one, so the
  ancestors looked at are those of the tags taken so far (``iterancestors(*tags)``, which
  lxml filters itself), none while none is taken: the same answer;
- each block's descendants are counted from its children's counts, kept from the blocks
  inside it counted before: the same numbers.

A line not found as written (trafilatura changed) leaves that function as it is.
"""

from __future__ import annotations

import inspect
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import Any

# What is rewritten, in each function: (the line as trafilatura writes it, the new line).
_WILD = (
    (
        "handled: set[_Element] = set()",
        "handled: set[_Element] = set()\n    handled_tags: set[str] = set()",
    ),
    (
        "any(a in handled for a in subelem.iterancestors())",
        "(handled and any(a in handled for a in subelem.iterancestors(*handled_tags)))",
    ),
    (
        "handled.add(subelem)",
        "handled.add(subelem)\n            handled_tags.add(subelem.tag)",
    ),
)
_BLOCKS_LOOP = (
    'for elem in reversed(list(node.iter("table", "ul", "div", "aside", "header", "footer", '
    '"section"))):'
)
_SANITIZE = (
    (_BLOCKS_LOOP, "below: dict[HtmlElement, Counter[str]] = {}\n    " + _BLOCKS_LOOP),
    (
        "Counter(e.tag for e in elem.iterdescendants(*TEXT_CLEAN_ELEMS))",
        "_tui_reader_tags_below(elem, TEXT_CLEAN_ELEMS, below)",
    ),
)

# trafilatura's functions rewritten, by name ("recover_wild_text", "sanitize"), as it wrote them
REPLACED: dict[str, Callable[..., Any]] = {}


def tags_below(element: Any, tags: set[str], below: dict[Any, Counter[str]]) -> Counter[str]:
    """``Counter(e.tag for e in element.iterdescendants(*tags))``, from the counts of its
    children's descendants kept in ``below`` (each element's, counted once).  ``sanitize``
    asks for its blocks' in reverse document order, dropping none but the block it asks
    for: an element's descendants are asked for before it, and kept counts are of
    subtrees that drop left as they were."""
    found = below.get(element)
    if found is None:
        order = []  # the elements to count, each before its children
        stack = [element]
        while stack:
            parent = stack.pop()
            order.append(parent)
            stack.extend(child for child in parent if len(child) and child not in below)
        for parent in reversed(order):
            counts: Counter[str] = Counter()
            for child in parent:
                if child.tag in tags:
                    counts[child.tag] += 1
                if len(child):
                    counts.update(below[child])
            below[parent] = counts
        found = below[element]
    return Counter(found)


def rewritten(function: Callable[..., Any], changes: tuple[tuple[str, str], ...]) -> str | None:
    """The source of ``function`` with each of ``changes`` made (each line found once), or
    None when one is not found so."""
    source = textwrap.dedent(inspect.getsource(function))
    for old, new in changes:
        if source.count(old) != 1:
            return None
        source = source.replace(old, new)
    return source


def _replaced(function: Callable[..., Any], changes: tuple[tuple[str, str], ...]) -> Any:
    """``function`` compiled again from its source with ``changes`` made, in its module's
    globals; None when its source is not as expected."""
    source = rewritten(function, changes)
    if source is None:
        return None
    made: dict[str, Any] = {}
    try:
        code = compile(source, inspect.getsourcefile(function) or "<trafilatura>", "exec")
    except SyntaxError:  # (written otherwise than the lines it replaces)
        return None
    exec(code, function.__globals__, made)
    return made[function.__name__]


def install() -> None:
    """Put the rewritten functions in trafilatura's place (once)."""
    if REPLACED:
        return
    from trafilatura import main_extractor, readability_lxml

    wild = _replaced(main_extractor.recover_wild_text, _WILD)
    if wild is not None:
        REPLACED["recover_wild_text"] = main_extractor.recover_wild_text
        main_extractor.recover_wild_text = wild
    vars(readability_lxml)["_tui_reader_tags_below"] = tags_below
    sanitize = _replaced(readability_lxml.Document.sanitize, _SANITIZE)
    if sanitize is not None:
        REPLACED["sanitize"] = readability_lxml.Document.sanitize
        readability_lxml.Document.sanitize = sanitize  # type: ignore[method-assign]
