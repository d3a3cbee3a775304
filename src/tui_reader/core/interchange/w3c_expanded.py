"""W3C Web Annotations in JSON-LD's expanded or flattened form, read as the compact form
:func:`tui_reader.core.interchange.w3c.parse` reads.

RDF tools (rdflib, pyld, Apache Jena) write an annotation without the Web Annotation context:
every term a full IRI (``http://www.w3.org/ns/oa#hasTarget`` for ``target``), every value a
list, a literal ``{"@value": ...}``, a resource ``{"@id": ...}``, ``@type`` for ``type``;
flattened, each node is an object of its own in a list or ``@graph``, named where it is used
by its ``@id`` alone.  :func:`compacted` gives such a document back in the terms of
``http://www.w3.org/ns/anno.jsonld`` (and of our own context), each node where it is used.
"""

from __future__ import annotations

from typing import Any

_OA = "http://www.w3.org/ns/oa#"
_AS = "http://www.w3.org/ns/activitystreams#"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_FOAF = "http://xmlns.com/foaf/0.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OURS = "urn:tui-reader:"

# The Web Annotation context's terms by their IRIs (those an import reads, and the
# collection's), and our own context's.
_TERMS = {
    _OA + "hasBody": "body",
    _OA + "hasTarget": "target",
    _OA + "hasSource": "source",
    _OA + "hasSelector": "selector",
    _OA + "refinedBy": "refinedBy",
    _OA + "hasStartSelector": "startSelector",
    _OA + "hasEndSelector": "endSelector",
    _OA + "hasPurpose": "purpose",
    _OA + "motivatedBy": "motivation",
    _OA + "bodyValue": "bodyValue",
    _OA + "exact": "exact",
    _OA + "prefix": "prefix",
    _OA + "suffix": "suffix",
    _OA + "start": "start",
    _OA + "end": "end",
    _OA + "hasScope": "scope",
    _OA + "hasState": "state",
    _RDF + "value": "value",
    _RDFS + "label": "label",
    _DC + "format": "format",
    _DC + "language": "language",
    _DCTERMS + "conformsTo": "conformsTo",
    _DCTERMS + "created": "created",
    _DCTERMS + "modified": "modified",
    _DCTERMS + "issued": "generated",
    _DCTERMS + "creator": "creator",
    _FOAF + "name": "name",
    _FOAF + "nick": "nickname",
    _AS + "generator": "generator",
    _AS + "items": "items",
    _AS + "first": "first",
    _AS + "next": "next",
    _AS + "partOf": "partOf",
    _AS + "totalItems": "total",
    _AS + "startIndex": "startIndex",
    _OURS + "docSha256": "docSha256",
    _OURS + "anchorStatus": "anchorStatus",
    _OURS + "documentKey": "documentKey",
}
# Types and vocabulary values (a purpose, a motivation) by their IRIs
_NAMES = {
    _AS + "OrderedCollection": "AnnotationCollection",
    _AS + "OrderedCollectionPage": "AnnotationPage",
    _AS + "Application": "Software",
    _FOAF + "Person": "Person",
    _FOAF + "Organization": "Organization",
}
_VOCABULARY = ("purpose", "motivation", "type")
_LISTS = frozenset({"items", "body", "target", "selector"})  # kept as lists
_DEPTH = 32  # nodes named within nodes put in place (a collection, a page, an annotation,
# its target, a selector and its refinements are a few): a hostile chain goes no deeper


def is_expanded(data: Any) -> bool:
    """Whether ``data`` is Web Annotations in expanded or flattened JSON-LD: one of the first
    nodes at its top (or in its ``@graph``) typed or described with the model's IRIs (the
    records of a tui-reader JSON file, 100,000 of them, are not all looked at)."""
    nodes = _top(data)[:8]
    return any(
        any(isinstance(k, str) and k.startswith((_OA, _AS)) for k in node)
        or any(str(t).startswith((_OA, _AS)) for t in _listed(node.get("@type")))
        for node in nodes
    )


def compacted(data: Any) -> Any:
    """``data`` (see :func:`is_expanded`) in the compact form: a list of its top nodes (those
    no other node names), each node named by ``@id`` alone put where it is named."""
    nodes = _top(data)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    named = {ref for node in nodes for ref in _references(node)}
    roots = [n for n in nodes if n.get("@id") not in named or not isinstance(n.get("@id"), str)]
    return [_node(root, by_id, frozenset()) for root in roots or nodes]


def _top(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and "@graph" in data and "@type" not in data:
        data = data["@graph"]
    items = data if isinstance(data, list) else [data]
    return [item for item in items if isinstance(item, dict)]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _references(node: Any) -> list[str]:
    """The ``@id`` of every node named by ``@id`` alone inside ``node`` (but a page's
    collection, which names the page in its turn)."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if set(item) == {"@id"} and isinstance(item["@id"], str):
                found.append(item["@id"])
            else:
                stack.extend(v for k, v in item.items() if k not in ("@id", _AS + "partOf"))
    return found


def _node(node: dict[str, Any], by_id: dict[str, dict[str, Any]], seen: frozenset[str]) -> Any:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@id":
            out["id"] = value
        elif key == "@type":
            names = [_name(t) for t in _listed(value)]
            out["type"] = names[0] if len(names) == 1 else names
        elif key.startswith("@"):
            continue  # @context, @index, @reverse: nothing an import reads
        else:
            term = _TERMS.get(key, key)
            values = [_value(v, by_id, seen) for v in _listed(value)]
            values = [v for item in values for v in (item if isinstance(item, _Many) else [item])]
            if term in _VOCABULARY:
                values = [_name(v) if isinstance(v, str) else v for v in values]
            if term == "source":  # a resource described where it is named: its IRI
                values = [v.get("id", v) if isinstance(v, dict) else v for v in values]
            out[term] = values if term in _LISTS or len(values) != 1 else values[0]
    return out


class _Many(list[Any]):
    """The members of a ``@list``, spread among the values beside it."""


def _value(value: Any, by_id: dict[str, dict[str, Any]], seen: frozenset[str]) -> Any:
    if not isinstance(value, dict):
        return value
    if "@value" in value:
        return value["@value"]
    if "@list" in value:
        return _Many(_value(v, by_id, seen) for v in _listed(value["@list"]))
    if set(value) == {"@id"}:
        ref = value["@id"]
        if isinstance(ref, str) and ref in by_id and ref not in seen and len(seen) < _DEPTH:
            return _node(by_id[ref], by_id, seen | {ref})
        return ref  # a resource: its IRI (a source, a purpose)
    return _node(value, by_id, seen)


def _name(iri: Any) -> Any:
    """A type's or a vocabulary value's compact name: ``oa:tagging`` is ``tagging``."""
    if not isinstance(iri, str):
        return iri
    if iri in _NAMES:
        return _NAMES[iri]
    if iri.startswith(_OA):
        return iri[len(_OA) :]
    return iri
