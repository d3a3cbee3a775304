"""``tui-reader query --help``: the query language, as the query view's help (``?``) lists it."""

from __future__ import annotations

import pytest

from tui_reader.cli.main import main


def test_the_query_s_help_lists_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    # The command's help said "the query, e.g. 'a AND NOT b'" and nothing of attributes,
    # doc:, coder:, text: or speaker:, which the app's help and the README alone listed.
    with pytest.raises(SystemExit) as ended:
        main(["query", "--help"])
    assert ended.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    opening = lines.index("query language:")
    terms = [
        line.split("  ")[1]
        for line in lines[opening + 1 :]
        if line.startswith("  ") and line[2] != " "
    ]
    for term in (
        "a AND b",
        "NOT a",
        "country=Mexico",
        'text:"..."',
        "doc:NAME",
        "coder:NAME",
        "speaker:NAME",
    ):
        assert term in terms, term
    assert all(len(line) <= 79 for line in lines[opening:])
    assert any(line.startswith("exit status (as grep's): 0 when a passage") for line in lines)
