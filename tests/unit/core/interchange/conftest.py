"""Fixed annotations on the seed corpus, for the export tests and their golden files.

Ids, timestamps and the export time are fixed so that the output is the same on every run.
Regenerate the golden files after an intended change of output with

    TUI_READER_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/unit/core/interchange

and review the diff (``git diff tests/unit/core/interchange/golden``) before committing.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import SEED_CORPUS
from helpers.markdown_quotes import PARSER, Blockquotes, blockquotes
from markdown_it import MarkdownIt

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, make_annotation
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.interchange import ExportOptions

Golden = Callable[[str, str], None]

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"
REGEN_ENV = "TUI_READER_REGEN_GOLDEN"
EXPORTED_AT = "2026-11-20T09:30:00Z"

MEXICO = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
US = "docs_corpus/us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
GONE = "docs_corpus/removed-interview.txt"


def load_seed_documents(corpus: Path) -> dict[str, Document]:
    """The seed documents keyed as the store keys them (relative to the DB's folder)."""
    return {key: load_document(corpus.parent / key) for key in (MEXICO, US)}


def _on(
    documents: dict[str, Document],
    key: str,
    phrase: str,
    length: int | None = None,
    *,
    n: int,
    tags: tuple[str, ...] = (),
    note: str = "",
    before: int = 0,
) -> Annotation:
    document = documents[key]
    start = document.text.index(phrase) - before
    end = start + before + (len(phrase) if length is None else length)
    made = make_annotation(key, document.text, start, end, document.sha256, tags, note)
    stamp = f"2026-11-{10 + n:02d}T{8 + n:02d}:15:00Z"
    coder = "ana" if n % 2 else "Ben O'Neil"  # two coders; the last annotation names none
    return made.evolve(
        id=f"00000000-0000-4000-8000-{n:012d}", created=stamp, updated=stamp, coder=coder
    )


def seed_annotations(documents: dict[str, Document]) -> list[Annotation]:
    """A fixed set of annotations covering what the exports must handle: hierarchical and
    unsafe tag names, Markdown notes, passages full of Markdown syntax, a passage across
    paragraphs, a fuzzy match, an orphan and an annotation whose document is gone."""
    annotations = [
        _on(
            documents,
            MEXICO,
            "In a move that reveals the utter subservience of the Peña Nieto government",
            n=1,
            tags=("militarization", "policy/border control"),
            note="The **thesis** of the piece.\n\nSee also:\n\n- the SouthCom plan\n- `NAFTA`",
        ),
        _on(
            documents,
            MEXICO,
            "Despite U.S. investments of $22 million",
            n=2,
            tags=("money", "2017"),
            note="Figures: check against the *Rand* study.",
        ),
        _on(
            documents,
            MEXICO,
            "“In return, we want a beneficial NAFTA renegotiation.”",
            n=3,
            before=0,
            length=len(
                "“In return, we want a beneficial NAFTA renegotiation.”\n\nWhat a trade-off."
            ),
            tags=("policy/trade",),
        ),
        _on(documents, MEXICO, "So why intensify the militarization policy now?", n=4),
        _on(
            documents,
            US,
            "• Live",
            length=len("• Live\n    • Audio Only\n  • google plus"),
            n=5,
            tags=("boilerplate",),
            note="Page chrome, not article text.",
        ),
        _on(
            documents,
            US,
            "News > Latin America",
            n=6,
            tags=("militarization",),
        ),
        _on(
            documents,
            US,
            "approved US$750 in “development assistance”",
            n=7,
            tags=("money",),
            note="```\nunclosed code fence in a note",
        ).evolve(status=AnchorStatus.FUZZY),
        _on(
            documents,
            US,
            "Mexico's Foreign Minister Luis Videgaray",
            n=8,
            tags=("policy",),
            note="Quote from *before* the edit.",
        ).evolve(status=AnchorStatus.ORPHAN, quote="Mexico's Foreign Minister Luis Videgaray said"),
        Annotation(
            document=GONE,
            start=10,
            end=42,
            quote="We crossed at night, *all* of us",
            prefix="the river. ",
            suffix=" and the children.",
            doc_sha256="0" * 64,
            tags=("migration/routes",),
            note="",
            id="00000000-0000-4000-8000-000000000009",
            created="2026-11-19T17:15:00Z",
            updated="2026-11-19T17:15:00Z",
            status=AnchorStatus.ORPHAN,
        ),
    ]
    return annotations


SEED_TAGS = [
    Tag("militarization", color="#d9480f", description="Military means applied to migration."),
    Tag("policy/border control", color="blue"),
    Tag("policy/trade", color=""),
    Tag("money", color="#2b8a3e", description="Sums of money & budgets"),
    Tag("unused", color="#abc"),
]


@pytest.fixture(scope="session")
def seed_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """The seed documents, loaded from a copy of docs_corpus/ (the repo's is never touched)."""
    corpus = tmp_path_factory.mktemp("export-seed") / "docs_corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    return load_seed_documents(corpus)


@pytest.fixture(scope="session")
def annotations(seed_documents: dict[str, Document]) -> list[Annotation]:
    return seed_annotations(seed_documents)


@pytest.fixture(scope="session")
def seed_tags() -> list[Tag]:
    return list(SEED_TAGS)


STUDY = Path("/data/study")


@pytest.fixture
def options() -> ExportOptions:
    """Fixed time and generator; the database (keys are relative to) in /data/study."""
    return ExportOptions(
        exported_at=EXPORTED_AT, generator="tui-reader test", documents_folder=STUDY
    )


def _check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``golden/name``; rewrite it instead when $TUI_READER_REGEN_GOLDEN
    is set.  A mismatch fails with a unified diff."""
    path = GOLDEN / name
    if os.environ.get(REGEN_ENV):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path}; create it with {REGEN_ENV}=1 and review it")
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="actual",
            )
        )
        pytest.fail(
            f"export differs from golden/{name} "
            f"(if intended: {REGEN_ENV}=1 pytest tests/unit/core/interchange, then review)\n{diff}"
        )


@pytest.fixture(scope="session")
def read_blockquotes() -> Blockquotes:
    """``blockquotes(markdown)``: each top-level block quote's folded text and inline kinds."""
    return blockquotes


@pytest.fixture(scope="session")
def md_parser() -> MarkdownIt:
    return PARSER


@pytest.fixture(scope="session")
def golden() -> Golden:
    """``golden(name, actual)``: compare with (or regenerate) ``golden/name``."""
    return _check_golden
