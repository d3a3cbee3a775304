"""The layers' import rules (ARCHITECTURE.md), checked in the source and at run time:

- ``core`` (the domain) and ``reading`` (the reading engine) never import Textual;
- ``core`` never imports ``reading`` or ``ui``; ``reading`` never imports ``ui``;
- ``cli`` never imports ``ui`` or Textual at module level (only to run the app, lazily).
"""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import tui_reader

SRC = Path(tui_reader.__file__).parent

# package -> the modules it must not import (anywhere in core and reading; at module level in cli)
FORBIDDEN = {
    "core": ("textual", "tui_reader.reading", "tui_reader.ui"),
    "reading": ("textual", "tui_reader.ui"),
    "cli": ("textual", "tui_reader.ui"),
}


def modules_of(package: str) -> list[str]:
    folder = SRC / package
    prefix = f"tui_reader.{package}."
    return sorted(info.name for info in pkgutil.walk_packages([str(folder)], prefix=prefix))


def imported_names(tree: ast.Module, *, top_level_only: bool) -> list[str]:
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: list[str] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


def breaks(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


def may_name(source: str, forbidden: tuple[str, ...]) -> bool:
    """Whether ``source`` could import one of ``forbidden`` at all: an import statement
    spells the module's name out, its parts maybe spaced or continued across lines
    (``tui_reader . ui``), its letters as Python reads identifiers (NFKC).  A file that
    cannot is not parsed: parsing every file of core took most of this check's ~5 s."""
    text = unicodedata.normalize("NFKC", source)
    return any(
        re.search(r"[\s\\]*\.[\s\\]*".join(map(re.escape, name.split("."))), text)
        for name in forbidden
    )


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_source_never_names_a_forbidden_module(package: str) -> None:
    offenders = []
    for path in (SRC / package).rglob("*.py"):
        source = path.read_text("utf-8")
        if not may_name(source, FORBIDDEN[package]):
            continue
        tree = ast.parse(source)
        names = imported_names(tree, top_level_only=package == "cli")
        offenders += [
            f"{path.relative_to(SRC)}: {n}" for n in names if breaks(n, FORBIDDEN[package])
        ]
    assert offenders == []


def test_the_rules_see_every_layer() -> None:
    assert "tui_reader.core.documents.document" in modules_of("core")
    assert "tui_reader.reading.layout" in modules_of("reading")
    assert "tui_reader.cli.main" in modules_of("cli")
    # The check itself catches what it must: an import inside a function counts in core.
    tree = ast.parse("def f():\n    from tui_reader.ui import app\n")
    assert imported_names(tree, top_level_only=False) == ["tui_reader.ui"]
    assert imported_names(tree, top_level_only=True) == []
    # A file is parsed whenever it could spell a forbidden import, however it spaces it.
    for source in (
        "from tui_reader.ui import app",
        "from tui_reader . ui import app",
        "import tui_reader \\\n .ui",
        "from \uff54extual import App",  # a fullwidth t: Python reads it as "textual"
    ):
        assert [n for n in imported_names(ast.parse(source), top_level_only=False)
                if breaks(n, FORBIDDEN["core"])], source  # fmt: skip
        assert may_name(source, FORBIDDEN["core"]), source
    assert not may_name("from tui_reader.core import documents\n", FORBIDDEN["core"])


@pytest.fixture(scope="module")
def one_interpreter() -> list[str]:
    """What one fresh interpreter printed that imported the layers one after another, each
    checked once its modules are imported (core first, which no other layer's modules are
    loaded into: what a later layer loads that is forbidden to it was not there before it),
    and then, Textual and Rich loaded, forked a child for each ui module to import it first:
    the lines ``core [...]``, ``reading [...]``, ``cli [...]`` and then the ui modules that
    failed, on one line.  (An interpreter for each layer, and another for the ui modules,
    spent most of their time starting and loading core again.)"""
    import tui_reader.ui as ui

    order = ("core", "reading", "cli")
    assert sorted(order) == sorted(FORBIDDEN)
    names = [m.name for m in pkgutil.walk_packages(ui.__path__, "tui_reader.ui.")]
    # No ui module can be in a cycle with what the children find loaded: the libraries, and
    # every module of core, reading and cli, which never import ui (the rules above; cli at
    # module level): what each child imports of ui is its own import's.
    code = (
        "import importlib, os, sys\n"
        f"for package, names, forbidden in {[(p, modules_of(p), FORBIDDEN[p]) for p in order]!r}:\n"
        "    for name in names: importlib.import_module(name)\n"
        "    print(package, sorted(m for m in sys.modules\n"
        "                          if any(m == f or m.startswith(f + '.') for f in forbidden)))\n"
        "import rich.console, rich.table, rich.text, textual.app, textual.containers\n"
        "import textual.screen, textual.widget, textual.widgets\n"
        "assert not [m for m in sys.modules if m.startswith('tui_reader.ui')]\n"
        "bad = []\n"
        "for name in sys.argv[1:]:\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except BaseException:\n"
        "            os._exit(1)\n"
        "        os._exit(0)\n"
        "    if os.waitpid(pid, 0)[1]:\n"
        "        bad.append(name)\n"
        "print(' '.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *names],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.split("\n")


def test_importing_every_module_loads_nothing_forbidden(one_interpreter: list[str]) -> None:
    """At run time, through any chain of imports (see :func:`one_interpreter`)."""
    assert one_interpreter[:3] == [f"{package} []" for package in ("core", "reading", "cli")]


def test_every_ui_module_imports_on_its_own(one_interpreter: list[str]) -> None:
    """Each ui module can be imported first (a bench or a test imports one screen alone): an
    import cycle hidden by the app's own import order fails here (the reports screen did).
    A child forked from the interpreter of :func:`one_interpreter` imports each module first."""
    assert one_interpreter[3].split() == []
