"""trafilatura's XPaths that test an attribute against a regular expression, made to ask
first whether the element has that attribute.

An XPath such as ``//*[self::p][re:test(@class, 'author-?name')]`` calls Python's regular
expression for every element it looks at, with an empty text for one that has no class: a
page of 200,000 paragraphs without a class or an id (``<p>x`` over and over) spent 11 s of
CPU in one pass of trafilatura's XPaths, most of it in those calls, and the conversion went
past its time limit.  ``re:test(@class, P)`` becomes ``((@class) and re:test(@class, P))``
when ``P`` cannot match an empty text: the element's attribute missing, the test was false
anyway, so the XPath selects exactly what it did.  :func:`install` rewrites the XPaths of
``trafilatura.xpaths`` in their lists, which every module of trafilatura reads them from.
"""

from __future__ import annotations

import re

from lxml.etree import XPath

_REGEXP_NS = "http://exslt.org/regular-expressions"
# re:test(ATTRIBUTES, 'PATTERN') or re:test(ATTRIBUTES, 'PATTERN', 'FLAGS'); an XPath
# literal in single quotes holds no single quote.
_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'(?:,\s*'([^']*)')?\)")

UNGUARDED: list[str] = []  # the XPaths as trafilatura wrote them, those install rewrote


def guarded(path: str) -> str:
    """``path`` with each ``re:test`` of attributes whose pattern cannot match an empty
    text asked only of an element that has one of those attributes."""

    def guard(test: re.Match[str]) -> str:
        attributes, pattern, flags = test.group(1), test.group(2), test.group(3) or ""
        if re.compile(pattern, re.IGNORECASE if "i" in flags else 0).search(""):
            return test.group(0)  # true of an element without them: left as it is
        return f"(({attributes}) and {test.group(0)})"

    return _TEST.sub(guard, path)


def install() -> None:
    """Put the guarded form of each of trafilatura's XPaths in its place (once)."""
    if UNGUARDED:
        return
    from trafilatura import xpaths

    for value in vars(xpaths).values():
        if not isinstance(value, list):
            continue
        for i, expression in enumerate(value):
            if not isinstance(expression, XPath) or "re:test" not in expression.path:
                continue
            path = guarded(expression.path)
            if path != expression.path:
                UNGUARDED.append(expression.path)
                value[i] = XPath(path, namespaces={"re": _REGEXP_NS})
