"""Starting the app parses its options without importing any subcommand's module (some load
heavy libraries: numpy for agreement, converters for formats)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.forking import new_python_prints

from tui_reader.core.store.annotation_store import AnnotationStore


def test_parsing_the_app_options_imports_no_subcommand() -> None:
    code = (
        "import sys\n"
        "from tui_reader.cli.main import SUBCOMMANDS, _app_parser\n"
        "_app_parser().parse_args(['somewhere'])\n"
        "print(sorted(c.module for c in SUBCOMMANDS.values() if c.module in sys.modules))\n"
        "print('numpy' in sys.modules)\n"
    )
    assert new_python_prints(code).split("\n")[:2] == ["[]", "False"]


def test_help_still_lists_every_subcommand() -> None:
    from tui_reader.cli.main import SUBCOMMANDS, _app_parser

    text = _app_parser().format_help()
    for name in SUBCOMMANDS:
        assert f"  {name} " in text


@pytest.fixture(scope="module")
def app_imported() -> list[str]:
    """What one Python that imported the app's module and nothing else printed: the lines of
    :data:`APP_IMPORTED` (a Python started for each look cost its import of Textual again)."""
    return new_python_prints(APP_IMPORTED).splitlines()


APP_IMPORTED = (
    "import dataclasses\n"
    "made = []\n"
    "real = dataclasses._process_class\n"
    "def counted(cls, *args):\n"
    "    made.append(cls)\n"
    "    return real(cls, *args)\n"
    "dataclasses._process_class = counted\n"
    "import sys\n"
    "import tui_reader.ui.app\n"
    "from textual.message import Message\n"
    "print('numpy' in sys.modules)\n"
    "print('tui_reader.core.annotations.anchoring' in sys.modules)\n"
    "print(sorted(c.__qualname__ for c in made\n"
    "             if c.__module__.startswith('tui_reader') and issubclass(c, Message)))\n"
    "values = {'CoderView', 'Key', 'LockHolder', 'LockWait', 'Saving', 'Target'}\n"
    "print(sorted(c.__qualname__ for c in made if c.__qualname__ in values))\n"
)


def test_the_app_starts_without_numpy(app_imported: list[str]) -> None:
    """numpy (agreement between coders) loads when coders are compared, not at start."""
    assert app_imported[0] == "False"


def test_the_app_loads_no_placing_of_annotations_with_its_modules(app_imported: list[str]) -> None:
    """Placing annotations (anchoring) loads with the first placing, which a first screen
    leaves for after it is painted (the pane places in a worker once the frame is shown)."""
    assert app_imported[1] == "False"


def test_the_app_loads_no_tls_and_ssl_is_importable_after() -> None:
    """asyncio imported ssl, and ssl OpenSSL's two libraries (4 MB resident), for connections
    the app never makes: the app's modules load none of it, and ssl loads when asked."""
    code = (
        "import sys\n"
        "import tui_reader.cli.main\n"
        "import tui_reader.ui.app\n"
        "print(sorted(m for m in ('ssl', '_ssl', '_hashlib') if m in sys.modules))\n"
        "import ssl\n"
        "print(ssl.create_default_context().protocol == ssl.PROTOCOL_TLS_CLIENT)\n"
    )
    assert new_python_prints(code).splitlines() == ["[]", "True"]


def test_the_first_screen_of_a_text_loads_nothing_it_does_not_show(tmp_path: Path) -> None:
    """Opening a .txt loads no converter, fuzzy matcher, exporter, dialog, filter language,
    command palette, memo or passage, or file lock (the database is read without it) before
    its first screen, nor compiles the layout's full class of characters that may not take
    one cell (milliseconds; an ASCII text has none of them), the patterns of notifications
    and JSON output, of hard-wrapped text, or of control characters it does not hold, nor
    the patterns of legacy encodings, transcripts' lines and East Asian words (about 20 ms
    compiled at import), of Markdown's facts and of our own exports' first lines, nor
    the title's patterns a plain heading above the text does not ask (a "Title:" field's,
    notes' numbers', bullets' and crumbs'; together about 3.5 ms; and the captions' and an
    e-mail header's lines, about 5 ms more, whose first character or colon is looked for
    first; they are compiled when
    first used):
    the modules a first key may need load in a worker once it is shown (ui.warm_up), the rest
    when first used; nor the subcommands' helpers (cli.common, a fifth of a megabyte), of which
    the command starting the app loaded all for a few of them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nSome text to read.\n", "utf-8")
    AnnotationStore(tmp_path / "db.json").close()  # made before: reading it needs no lock
    code = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "import tui_reader.cli.main  # the command, which starts the app\n"
        "from tui_reader.ui.app import ReaderApp\n"
        "import asyncio  # (after the app's modules, as the command has it)\n"
        "from tui_reader.ui.warm_up import LOADED_AFTER_FIRST_SCREEN as warmed\n"
        f"later = {sorted(LOADED_WHEN_USED)!r}\n"
        f"listing = {LISTED_AFTER_FIRST_SCREEN!r}\n"
        f"after = {NOT_BEFORE_FIRST_SCREEN!r}\n"
        "from tui_reader.core import display\n"
        "from tui_reader.core.documents import decoding, facts, hard_wrap, sanitize, titles\n"
        "from tui_reader.core.documents import turns, words\n"
        "from tui_reader.core.lazy_pattern import LazyPattern\n"
        "from tui_reader.reading import layout\n"
        "compilers = (layout._not_one_cell, display._unsafe_block, display._json_unsafe,\n"
        "             hard_wrap._list_item, hard_wrap._table_like, sanitize._sequences,\n"
        "             sanitize._controls)\n"
        "at_first_screen = []\n"
        "shown = ReaderApp._first_screen_shown\n"
        "def first_screen_shown(app):\n"
        "    loaded = (*later, *warmed, *listing, *after)\n"
        "    at_first_screen.append(sorted(m for m in loaded if m in sys.modules))\n"
        "    at_first_screen.append(sum(c.cache_info().misses for c in compilers))\n"
        "    folder = [sys.modules[m] for m in ('tui_reader.core.documents.corpus',)\n"
        "              if m in sys.modules]  # its patterns, if it is loaded (listing)\n"
        "    at_first_screen.append(sorted(\n"
        "        f'{m.__name__.rsplit(\".\", 1)[1]}.{name}'\n"
        "        for m in (*folder, decoding, facts, turns, words)\n"
        "        for name, v in vars(m).items() for p in (v if isinstance(v, tuple) else (v,))\n"
        "        if isinstance(p, LazyPattern) and '_compiled' in vars(p)\n"
        "        or isinstance(p, re.Pattern)) + [\n"
        "        f'titles.{name}' for name in ('_BULLET', '_CRUMB', '_FIELD', '_NOTE_NUMBERS',\n"
        "                                  '_SUBTITLES', '_HEADER_LINE')\n"
        "        if isinstance(p := getattr(titles, name), re.Pattern) or '_compiled' in vars(p)] + [\n"
        "        f'layout.{name}' for name in ('_MAYBE_NOT_ONE_CELL_OR_NEWLINE', '_CONTEXT_CHARACTERS',\n"
        "                                  '_MAYBE_MANY_MARKS')\n"
        "        if isinstance(p := getattr(layout, name), re.Pattern) or '_compiled' in vars(p)])\n"
        "    shown(app)\n"
        "ReaderApp._first_screen_shown = first_screen_shown\n"
        "corpus = Path(sys.argv[1])\n"
        "app = ReaderApp(corpus, corpus.parent / 'db.json', corpus / 'a.txt')\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        for _ in range(100):\n"
        "            if app.screen.library.listed and all(m in sys.modules for m in warmed):\n"
        "                break\n"
        "            await pilot.pause(0.05)\n"
        "        print(app.screen.reader.document.path.name)\n"
        "        print(at_first_screen)\n"
        "        print(sorted(m for m in later if m in sys.modules))\n"
        "        print(all(m in sys.modules for m in warmed))\n"
        "asyncio.run(main())\n"
    )
    printed = new_python_prints(code, str(corpus))
    assert printed.split("\n")[:4] == ["a.txt", "[[], 0, []]", "[]", "True"]


def test_opened_on_the_library_the_warm_up_waits_for_its_rows(tmp_path: Path) -> None:
    """Opened on the library (no document named, none read before), its rows are the first
    screen: the warm-up's imports (ui.warm_up) waited for the first frame only, then shared
    the interpreter with the listing of the corpus (about 15 ms of the 10,000 documents'
    first rows).  They start once the rows are on screen; a listing that takes its time
    (here a tenth of a second more) shows it.  A document named still warms up at once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(f"Title {name}\n\nSome text to read.\n", "utf-8")
    code = (
        "import asyncio, sys, time\n"
        "from pathlib import Path\n"
        "from tui_reader.ui import app as app_module\n"
        "from tui_reader.ui.app import ReaderApp\n"
        "from tui_reader.ui.widgets import library_listing\n"
        "events = []\n"
        "listed = library_listing.list_corpus\n"
        "def slow_listing(*args, **kwargs):\n"
        "    time.sleep(0.1)\n"
        "    found = listed(*args, **kwargs)\n"
        "    events.append('listed')\n"
        "    return found\n"
        "library_listing.list_corpus = slow_listing\n"
        "warm_up = app_module.warm_up\n"
        "def warming():\n"
        "    events.append(f'warm-up, {len(app.screen_stack[0].library.entries)} rows')\n"
        "    warm_up()\n"
        "app_module.warm_up = warming\n"
        "corpus = Path(sys.argv[1])\n"
        "opened = None if sys.argv[2] == '-' else corpus / sys.argv[2]\n"
        "app = ReaderApp(corpus, corpus.parent / sys.argv[3], opened)\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        for _ in range(100):\n"
        "            if len(events) == 2:\n"
        "                break\n"
        "            await pilot.pause(0.05)\n"
        "        print(events)\n"
        "asyncio.run(main())\n"
    )
    on_library = new_python_prints(code, str(corpus), "-", "library.json")
    assert on_library.splitlines()[0] == "['listed', 'warm-up, 2 rows']"
    on_a_text = new_python_prints(code, str(corpus), "a.txt", "text.json")
    assert on_a_text.splitlines()[0] == "['warm-up, 0 rows', 'listed']"


def test_the_library_s_first_rows_load_nothing_they_do_not_show(tmp_path: Path) -> None:
    """Opened on the library (no document named, none read before), its first rows are the
    first screen people wait for: by the time they are on screen, none of the modules loaded
    when used, after a first screen or by the warm-up is loaded (as for a text's first
    screen; orjson is the listing's, which reads and writes its caches with it), and the
    warm-up starts then, even when the listing came before the first frame."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"Title {name}\n\nSome text to read.\n", "utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import tui_reader.cli.main  # the command, which starts the app\n"
        "from tui_reader.ui.app import ReaderApp\n"
        "import asyncio  # (after the app's modules, as the command has it)\n"
        "from tui_reader.ui.screens.main import MainScreen\n"
        "from tui_reader.ui.warm_up import LOADED_AFTER_FIRST_SCREEN as warmed\n"
        f"later = {sorted(LOADED_WHEN_USED)!r}\n"
        f"after = {tuple(m for m in NOT_BEFORE_FIRST_SCREEN if m != 'orjson')!r}\n"
        "at_rows = []\n"
        "shown = MainScreen._first_rows_shown\n"
        "def first_rows_shown(screen):\n"
        "    loaded = (*later, *warmed, *after)\n"
        "    at_rows.append(len(screen.library.entries))\n"
        "    at_rows.append(sorted(m for m in loaded if m in sys.modules))\n"
        "    shown(screen)\n"
        "MainScreen._first_rows_shown = first_rows_shown\n"
        "corpus = Path(sys.argv[1])\n"
        "app = ReaderApp(corpus, corpus.parent / 'db.json', None)\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        for _ in range(100):\n"
        "            if at_rows and all(m in sys.modules for m in warmed):\n"
        "                break\n"
        "            await pilot.pause(0.05)\n"
        "        print(at_rows)\n"
        "        print(all(m in sys.modules for m in warmed))\n"
        "asyncio.run(main())\n"
    )
    printed = new_python_prints(code, str(corpus))
    assert printed.split("\n")[:2] == ["[3, []]", "True"]


LOADED_WHEN_USED = (
    "rapidfuzz",  # re-anchoring an annotation whose text moved
    "multiprocessing",  # converting PDF, Word... in a process of its own
    "markdown_it",
    "charset_normalizer",  # a text that is not UTF-8
    "numpy",
    "tui_reader.core.interchange",  # exporting
    "tui_reader.ui.screens.annotate_dialog",
    "textual.widgets._text_area",  # the annotation dialog's note
    "tui_reader.ui.screens.help",
    "tui_reader.core.analysis.library_filter",
    "filelock",  # the store's lock is its own (file_lock.py)
    "tui_reader.core.analysis.memos",  # the store reads memos when asked for them
    "tui_reader.ui.widgets.text_field",  # the library's filter, the search prompt, dialogs
    "tui_reader.ui.reading_pane.search_bar",  # the search prompt (`/`)
    "tui_reader.core.search.hits",  # a search's (`/`, the line filter `&`), in its worker
    "tui_reader.ui.reading_pane.annotations_panel",  # the side panel's annotations list
    "tui_reader.ui.reading_pane.details",  # the annotation under the caret (line, side panel)
    "tui_reader.core.analysis.reports",  # the reports (the library's share coded needs none)
    "tui_reader.core.analysis.query",  # the query language (read with the reports' passages)
    "textual.widgets._progress_bar",  # the library's scan of many files
    "tui_reader.cli.common",  # the subcommands' helpers (the app's options: cli.app_options)
)
NOT_BEFORE_FIRST_SCREEN = (
    "tui_reader.core.annotations.passages",  # the warm-up's passage lists load it
    "secrets",  # hmac and OpenSSL for a temp file's name (the store's come from os.urandom)
    "tui_reader.ui.widgets.steady_option_list",  # the passage lists (the warm-up's)
    "tui_reader.core.store.history",  # the undo steps: a first edit, undo or redo (warm-up's)
    "tui_reader.core.analysis.values",  # documents' attribute values: set, shown or filtered
    "orjson",  # a long table of the database (its short ones are read by json)
    "ssl",  # OpenSSL's libraries, 4 MB, for asyncio's TLS (ui.asyncio_without_tls)
)
LISTED_AFTER_FIRST_SCREEN = (
    "tui_reader.ui.widgets.library_listing",
    "tui_reader.core.documents.catalog",
    "tui_reader.ui.widgets.library_entry",  # the rows
    "tui_reader.core.documents.corpus",  # the listing's walk of the folder (about 2 ms loaded)
)


def test_list_loads_neither_the_store_nor_markdown_it(tmp_path: Path) -> None:
    """``tui-reader list`` reads documents, never the database: the store (and its file
    lock) is not loaded, and plain Markdown is read without markdown-it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nSome text.\n", "utf-8")
    (corpus / "b.md").write_text("# Notes\n\n- one\n- two\n", "utf-8")
    code = (
        "import sys\n"
        "from tui_reader.cli.main import main\n"
        "status = main(['list', sys.argv[1], '--db', sys.argv[2]])\n"
        "print(sorted(m for m in ('filelock', 'markdown_it', 'tui_reader.core.store.journal',"
        " 'tui_reader.core.workspace') if m in sys.modules), status)\n"
    )
    printed = new_python_prints(code, str(corpus), str(tmp_path / "db.json"))
    assert printed.splitlines()[-1] == "[] 0"
    assert "Notes" in printed


def test_the_search_and_the_line_filter_load_with_the_first_search(tmp_path: Path) -> None:
    """The search of the text (``/``) and the line filter (``&``) were made, and their
    modules loaded, with the reading column, before the first screen; they now load at the
    first ``/``, which finds as before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nSome text to read.\n\nMore text.\n", "utf-8")
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from helpers.app import ready\n"
        "from tui_reader.ui.app import ReaderApp\n"
        "names = ('tui_reader.ui.reading_pane.search', 'tui_reader.ui.reading_pane.line_filter')\n"
        "corpus = Path(sys.argv[1])\n"
        "app = ReaderApp(corpus, corpus.parent / 'db.json', corpus / 'a.txt')\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        screen = await ready(pilot)\n"
        "        print(sorted(n for n in names if n in sys.modules))\n"
        "        await pilot.press('slash', *'text', 'enter')\n"
        "        for _ in range(100):\n"
        "            if len(screen.pane.column.search.hits):\n"
        "                break\n"
        "            await pilot.pause(0.05)\n"
        "        print(len(screen.pane.column.search.hits), names[0] in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    tests = Path(__file__).parents[1]
    env = {**os.environ, "PYTHONPATH": str(tests)}
    printed = new_python_prints(code, str(corpus), cwd=tests, env=env)
    assert printed.splitlines()[:2] == ["[]", "2 True"]


def test_the_app_compiles_no_dataclass_for_a_message_as_it_loads(app_imported: list[str]) -> None:
    """``@dataclass`` compiles each class's methods as its module loads (about 0.5 ms a
    message: two dozen on the first screen's modules, a millisecond a frozen value); the
    app's messages are ``FieldMessage``s, made without it, and the small values the first
    screen's modules declare and never take apart with ``dataclasses.replace`` are
    ``FrozenValue``s."""
    assert app_imported[2:] == ["[]", "[]"]
