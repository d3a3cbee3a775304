"""A short interview coded from the command line a quote at a time (``annotate --quote``),
for the command-line tests of passages that meet: its corpus and database, the id of each
passage coded, and the ids a query lists."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from tui_reader.cli.main import main

TEXT = (
    "The soldiers arrived in 2019. Now there are checkpoints on every road "
    "and the migrants are afraid. The Americans trained the new units.\n"
)


def interview_options(tmp_path: Path, text: str = TEXT) -> list[str]:
    """A corpus under ``tmp_path`` of ``text`` (TEXT unless given) as ``int.txt``, and the
    options naming it and a database beside it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "int.txt").write_text(text, encoding="utf-8")
    return ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]


def quotes_coded(
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    passages: Iterable[tuple[str, str, str, str]],
) -> dict[str, str]:
    """Each of ``passages`` (a name, its coder, its quote of int.txt and its codes, commas
    between them) annotated by the command: the id it printed, by the passage's name."""
    made: dict[str, str] = {}
    for name, coder, quote, tags in passages:
        capsys.readouterr()
        annotate = ["annotate", "int.txt", "--quote", quote, "-t", tags, "--coder", coder]
        assert main([*annotate, *options]) == 0
        made[name] = capsys.readouterr().out.strip()
    return made


def ids_listed(capsys: pytest.CaptureFixture[str], args: list[str], status: int = 0) -> list[str]:
    """The ids of the records the command ``args`` printed as JSON (none if it printed
    nothing), its exit status being ``status``."""
    capsys.readouterr()
    assert main(args) == status
    out = capsys.readouterr().out
    return [record["id"] for record in json.loads(out)] if out.strip() else []


def ids_queried(
    capsys: pytest.CaptureFixture[str], options: list[str], *args: str, status: int = 0
) -> list[str]:
    """The ids of the passages ``tui-reader query *args`` lists as JSON with ``options``."""
    return ids_listed(capsys, ["query", *args, "-f", "json", *options], status)
