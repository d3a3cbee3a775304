"""Helpers of the browse tests: a few tagged passages on the docs_corpus copy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.workspace import Workspace

MEXICO = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
US = "docs_corpus/us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"

# (document key, quote, occurrence, tags, note)
PASSAGES = [
    (MEXICO, "remilitarize the region", 1, ("militarization", "policy/border"), ""),
    (MEXICO, "aerial, ground and reconnaissance patrols", 1, ("militarization/patrols",),
     "joint patrols"),
    (MEXICO, "massively deporting migrants and refugees", 1, ("migration/deportation",), ""),
    (US, "bolster militarism in the region", 1, ("militarization",), ""),
]  # fmt: skip


@dataclass
class Annotated:
    corpus: Path
    db: Path
    ids: list[str]


def annotate(corpus: Path, db: Path) -> list[str]:
    """Add PASSAGES to the database ``db`` (keys relative to its folder); returns their ids."""
    workspace = Workspace(corpus, db)
    ids = []
    try:
        workspace.store.set_tag(Tag("militarization", "", "armed forces in civil matters"))
        for key, quote, occurrence, tags, note in PASSAGES:
            text = workspace.document(key).text
            start = -1
            for _ in range(occurrence):
                start = text.index(quote, start + 1)
            annotation = make_annotation(
                key, text, start, start + len(quote), workspace.document(key).sha256, tags, note
            )
            ids.append(workspace.store.add(annotation).id)
    finally:
        workspace.store.close()
    return ids


def add_first_paragraph(corpus: Path) -> None:
    """A paragraph inserted after the first of MEXICO's text in the copy ``corpus``: its
    passages move down two lines."""
    path = corpus / MEXICO.removeprefix("docs_corpus/")
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")
    path.write_text(head + sep + "A new first paragraph.\n\n" + rest, encoding="utf-8")


def misplaced(workspace: Workspace, passages: Iterable[Passage]) -> list[Passage]:
    """Those of ``passages`` not at their quote in their document's current text, or not
    given that document's title or the line of their start."""
    wrong = []
    for passage in passages:
        a = passage.annotation
        doc = workspace.document(a.document)
        line = doc.text.count("\n", 0, a.start) + 1
        if doc.text[a.start : a.end] != a.quote or (passage.title, passage.line) != (
            doc.title,
            line,
        ):
            wrong.append(passage)
    return wrong
