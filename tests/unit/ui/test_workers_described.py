"""Every ``@work`` worker of the app is described: without a description Textual writes one
from ``repr()`` of each argument, on the UI thread, as the worker starts.  A query's scope
(100,000 records), a codebook's passages or a search's 10,000 keys took seconds of the
screen that way before any work began."""

from __future__ import annotations

import ast
from pathlib import Path

import tui_reader.ui

UI = Path(tui_reader.ui.__file__).parent


def _work_decorators() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call):
                        func = decorator.func
                        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                        if name == "work":
                            found.append((path.name, node.lineno, decorator))
    return found


def test_every_work_decorator_names_a_description() -> None:
    decorators = _work_decorators()
    assert len(decorators) >= 5  # the app's workers were found
    bare = [
        f"{name}:{line}"
        for name, line, call in decorators
        if not any(k.arg == "description" for k in call.keywords)
    ]
    assert bare == []
