"""A small corpus of three texts (two plain, one Markdown) with three annotations each: what the
placement caches' tests place, edit and place again."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace

TEXTS = [
    "The border plan was announced on Monday.\n\nThe Pentagon sent advisers to the south.\n",
    "Migrants waited at the market.\n\nThe village had no water that week.\n",
    "# A Markdown report\n\nThe **school** reopened.\n\n- the road\n- the harvest\n",
]


def annotated_texts(folder: Path) -> Workspace:
    """A workspace over ``folder``/corpus holding :data:`TEXTS`, each annotated at three
    places (tag ``t``), its database ``folder``/annotations.json."""
    corpus = folder / "corpus"
    corpus.mkdir(exist_ok=True)
    for n, text in enumerate(TEXTS):
        suffix = ".md" if text.startswith("#") else ".txt"
        (corpus / f"doc{n}{suffix}").write_text(text, encoding="utf-8")
    workspace = Workspace(corpus, folder / "annotations.json")
    for key in workspace.keys():  # noqa: SIM118 - a method, not a dict
        document = workspace.document(key)
        for start in (0, 4, 20):
            workspace.store.add(
                make_annotation(key, document.text, start, start + 9, document.sha256, ("t",))
            )
    return workspace
