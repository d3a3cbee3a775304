"""``tui-reader query`` of a code no passage carries: said before a document is read, in the
words the query view says it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.coded_quotes import ids_queried, interview_options, quotes_coded

from tui_reader.cli import query as query_module
from tui_reader.cli.main import main

TEXT = "The soldiers arrived in the spring and the migrants hid.\n"
PLACING = "(placing the passages)"


@pytest.fixture
def options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    options = interview_options(tmp_path, TEXT)
    quotes_coded(
        capsys,
        options,
        [
            ("arrived", "ana", "The soldiers arrived", "militarization"),
            ("hid", "ana", "the migrants hid", "migration/hiding"),
        ],
    )
    return options


@pytest.fixture
def placing_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line on stderr when the passages start to be placed (their documents read)."""
    load_scope = query_module.load_scope

    def marked(*args: Any, **kwargs: Any) -> Any:
        print(PLACING, file=sys.stderr)
        return load_scope(*args, **kwargs)

    monkeypatch.setattr(query_module, "load_scope", marked)


@pytest.mark.usefixtures("placing_marked")
def test_a_code_no_passage_carries_is_said_before_the_passages_are_placed(
    options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """It was said once every document was placed (some 35 s on 10,000 under load)."""
    capsys.readouterr()
    assert main(["query", "border", *options]) == 1
    err = capsys.readouterr().err.splitlines()
    said = "tui-reader: no code 'border' in the codebook"
    assert err.count(said) == 1 and PLACING in err, err
    assert err.index(said) < err.index(PLACING), err
    assert err[-1] == "tui-reader: 0 passages match", err


@pytest.mark.usefixtures("placing_marked")
def test_a_code_on_passages_only_or_a_parent_of_one_is_not_said(
    options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A code on passages but not in the codebook is no mistake; nor ``migration``, above a
    code a passage carries; a misspelled one still says the code spelled nearly alike."""
    capsys.readouterr()
    assert len(ids_queried(capsys, options, "migration")) == 1
    main(["query", "militarisation OR migration", *options])
    err = capsys.readouterr().err.splitlines()
    line = next(x for x in err if "militarisation" in x)
    assert line.startswith("tui-reader: no code 'militarisation' in the codebook"), err
    assert err.index(line) < err.index(PLACING), err
    assert not any("'migration'" in x for x in err), err
