"""Hypothesis's own JSON (its API's search results, ``{"rows": [...]}``, and the file its
"Export annotations" writes, ``{"annotations": [...]}``), read as the W3C Web Annotations it
also serves (``/api/annotations/ID.jsonld``): the same ids, coders, notes, tags and
selectors, so a passage imported from both is one annotation.

Each annotation: ``id`` (``https://hypothes.is/a/ID``), ``user`` (``acct:ana@hypothes.is``,
the coder ``ana``: see ``w3c._account_coders``), ``text`` (the note, Markdown), ``tags``,
``created``, ``updated``, ``target`` (a list of ``{"source", "selector"}``, the W3C
model's, or none for a page note or a reply) and, for a reply, ``references`` (the ids of
its thread's annotations, the first first).
"""

from __future__ import annotations

from typing import Any

_ANNOTATION_IRI = "https://hypothes.is/a/"


def is_hypothesis(data: Any) -> bool:
    """Whether ``data`` is Hypothesis's JSON: its annotations under ``rows`` or
    ``annotations``, each with a ``uri`` and a ``target`` (a tui-reader JSON export's records
    have neither)."""
    rows = _rows(data)
    return bool(rows) and all(
        isinstance(row, dict) and "uri" in row and "target" in row for row in rows[:8]
    )


def as_w3c(data: Any) -> list[dict[str, Any]]:
    """The annotations of Hypothesis's JSON ``data`` (see :func:`is_hypothesis`) as W3C
    Web Annotations.  A reply (``references``: the annotations of its thread, the first
    the one it began with) names the page alone, as a page note does: it is placed on the
    passage of the annotation its thread began with, when the file holds that one, as its
    writer's annotation of that passage (its note, coder and times its own)."""
    rows = [row for row in _rows(data) if isinstance(row, dict)]
    placed = {
        _own_id(row.get("id")): row.get("target") for row in rows if _selected(row.get("target"))
    }
    found = []
    for row in rows:
        thread = row.get("references")
        began = _own_id(thread[0]) if isinstance(thread, list) and thread else None
        if began and not _selected(row.get("target")) and began in placed:
            row = {**row, "target": placed[began]}
        found.append(_annotation(row))
    return found


def _own_id(ident: Any) -> str | None:
    """An annotation's id as Hypothesis's JSON gives it, without its address's start (a
    reference may be written either way)."""
    return (ident.removeprefix(_ANNOTATION_IRI) or None) if isinstance(ident, str) else None


def _selected(targets: Any) -> bool:
    """Whether ``targets`` (a row's) select a passage: one of them has a selector."""
    targets = targets if isinstance(targets, list) else [targets]
    return any(isinstance(target, dict) and target.get("selector") for target in targets)


def rows_left_out(data: Any) -> str | None:
    """What to say when Hypothesis's search results in ``data`` hold fewer annotations than
    its ``total`` (its API gives them a page at a time, 20 unless asked for more): the rest
    are not in the file.  None when all are."""
    total = data.get("total") if isinstance(data, dict) else None
    held = len(_rows(data))
    if isinstance(total, bool) or not isinstance(total, int) or total <= held:
        return None
    return (
        f"the file holds {held:,} of the {total:,} annotations Hypothesis found (its search "
        f"gives them a page at a time): ask it for the rest (offset={held}, up to 200 a "
        "page) and import them too"
    )


def _rows(data: Any) -> list[Any]:
    if not isinstance(data, dict):
        return []
    rows = data.get("rows", data.get("annotations"))
    return rows if isinstance(rows, list) else []


def _annotation(row: dict[str, Any]) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if isinstance(row.get("text"), str) and row["text"].strip():
        body.append({"type": "TextualBody", "value": row["text"], "format": "text/markdown"})
    tags = row.get("tags")
    # Every tag, whatever it is: the W3C import reads one that is a number as its digits and
    # says one that holds no text (null, true, an object), as it says such a body.
    for tag in tags if isinstance(tags, list) else [] if tags is None else [tags]:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    targets = row.get("target")
    targets = targets if isinstance(targets, list) else [targets] if targets else []
    uri = row.get("uri")
    found: dict[str, Any] = {"type": "Annotation", "body": body}
    ident = row.get("id")
    if isinstance(ident, str) and ident:
        found["id"] = ident if ":" in ident else _ANNOTATION_IRI + ident
    for ours, theirs in (("created", "created"), ("modified", "updated")):
        if isinstance(row.get(theirs), str):
            found[ours] = row[theirs]
    if isinstance(row.get("user"), str):
        found["creator"] = row["user"]
    found["target"] = [
        {**target, "source": target.get("source", uri)} if isinstance(target, dict) else target
        for target in targets
    ] or ([uri] if isinstance(uri, str) else [])
    return found
