"""Documents of an export, each loaded when a format first asks for it.

An export of annotations known to sit in place (see
:mod:`~tui_reader.core.annotations.placement_cache`) loads no document to place them; the
formats that print only the annotations (json, w3c, qdc) then load none at all, and the others
load each document once, when they reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from tui_reader.core.documents.document import Document


class DocumentsOnUse(Mapping[str, Document]):
    """Documents by key: those given, and those given as None made by ``make(key)`` when
    first asked for, then kept.  Asking whether a key is in it loads nothing.  A document that
    cannot be loaded any more raises :class:`~tui_reader.core.errors.DocumentError` then."""

    def __init__(
        self, known: Mapping[str, Document | None], make: Callable[[str], Document]
    ) -> None:
        self._documents = dict(known)
        self._make = make
        self._made: dict[str, Document] = {}  # those loaded here, in the order asked

    def __getitem__(self, key: str) -> Document:
        document = self._documents[key]
        if document is None:
            document = self._documents[key] = self._make(key)
            self._made[key] = document
        return document

    def __contains__(self, key: object) -> bool:
        return key in self._documents

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)

    def loaded(self, key: str) -> bool:
        """Whether ``key``'s document is loaded (given, or made since): asking loads none."""
        return self._documents.get(key) is not None

    def made(self) -> dict[str, Document]:
        """The documents loaded since they were first asked for (not those given)."""
        return dict(self._made)


def loaded_on_use(documents: Mapping[str, Document]) -> dict[str, Document]:
    """The documents of ``documents`` loaded when first asked for (:class:`DocumentsOnUse`);
    none of another mapping."""
    return documents.made() if isinstance(documents, DocumentsOnUse) else {}
