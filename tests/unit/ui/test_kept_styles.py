"""The stylesheets' rules kept for the next start (``ui/kept_styles.py``): each start parsed
the first screen's 19 sources again (~30 ms of its CPU).  A start reads what an earlier one
parsed, and shows the same; a cache file that is damaged, stale, or not ours never changes
what is shown (the source is parsed) and runs nothing."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from helpers.app import ready
from helpers.counting import count_calls
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.cache import LRUCache
from textual.css import stylesheet
from textual.css.model import RuleSet
from textual.css.parse import parse
from textual.css.stylesheet import Stylesheet
from textual.css.tokenize import tokenize_values
from textual.dom import DOMNode

from tui_reader.locations import styles_cache_path
from tui_reader.ui import app as app_module
from tui_reader.ui import kept_styles, textual_guards
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.kept_styles import KeptStyles, rules_bytes, rules_of

VARIABLES = (("ink", "red"), ("paper", "black"))
SOURCE = "Static { color: $ink; background: $paper; margin: 1 2; }\n.x > #y:focus { width: 50%; }"


def _parsed(css: str, variables: tuple[tuple[str, str], ...] = VARIABLES) -> Any:
    """Textual's parse cache key of ``css`` (read from a test) and its rules, errors and all."""
    read_from = ("test", "source")
    tokens = tokenize_values(dict(variables))
    return (css, read_from, False, 0, ""), list(parse("", css, read_from, variable_tokens=tokens))


def _sources() -> list[tuple[str, tuple[str, str], bool]]:
    """Every stylesheet source of the app's widgets and screens loaded, and app.tcss."""
    seen: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    sources = [
        (css, (cls.__module__, cls.__qualname__), True)
        for cls in seen
        if (css := cls.__dict__.get("DEFAULT_CSS"))
    ]
    app_css = (Path(app_module.__file__).parent / "app.tcss").read_text(encoding="utf-8")
    return [*sources, (app_css, ("app.tcss", ""), False)]


def _shown(rules: list[RuleSet]) -> list[object]:
    """What a stylesheet takes from ``rules``, compared without this module's own check: the
    selectors, each rule's values (a layout by its name) and flags."""

    def value(v: object) -> object:
        return type(v).__name__ if type(v).__module__.startswith("textual.layouts") else v

    return [
        (
            rule.selectors,
            [s.specificity for s in rule.selector_set],
            {name: value(v) for name, v in rule.styles.get_rules().items()},
            rule.styles.important,
            rule.is_default_rules,
            rule.tie_breaker,
            rule.selector_names,
            rule.pseudo_classes,
        )
        for rule in rules
    ]


def test_every_source_of_the_app_is_kept_and_read_back_alike() -> None:
    """Every widget's and screen's source loaded with the app, and app.tcss, under the
    default theme's variables."""
    variables = App().get_css_variables()
    for css, read_from, default in _sources():
        sheet = Stylesheet(variables=variables)
        sheet.add_source(css, read_from=read_from, is_default_css=default)
        blob = rules_bytes(sheet.rules)
        assert blob is not None, read_from
        again = rules_of(blob)
        assert again is not None and _shown(again) == _shown(sheet.rules), read_from


def test_a_second_start_reads_the_rules_the_first_parsed(tmp_path: Path) -> None:
    key, rules = _parsed(SOURCE)
    first = KeptStyles(tmp_path / "rules")
    assert first.rules(VARIABLES, key) is None  # nothing kept yet: parsed
    first.parsed(VARIABLES, key, rules)
    assert first.write()
    assert not first.write()  # nothing new since
    second = KeptStyles(tmp_path / "rules")
    again = second.rules(VARIABLES, key)
    assert again is not None and _shown(again) == _shown(rules)


def test_rules_kept_for_another_text_theme_or_textual_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, rules = _parsed(SOURCE)
    first = KeptStyles(tmp_path / "rules")
    first.parsed(VARIABLES, key, rules)
    first.write()
    assert KeptStyles(tmp_path / "rules").rules((("ink", "blue"), ("paper", "black")), key) is None
    edited = (SOURCE + " ", *key[1:])
    assert KeptStyles(tmp_path / "rules").rules(VARIABLES, edited) is None
    monkeypatch.setattr(kept_styles, "_textual_stamp", lambda: "another Textual")
    assert KeptStyles(tmp_path / "rules").rules(VARIABLES, key) is None
    monkeypatch.setattr(kept_styles, "_textual_stamp", lambda: "")  # its files unreadable
    unread = KeptStyles(tmp_path / "rules")
    unread.parsed(VARIABLES, key, rules)
    assert unread.rules(VARIABLES, key) is None and not unread.write()


def test_rules_with_errors_or_that_would_not_come_back_alike_are_not_kept(
    tmp_path: Path,
) -> None:
    kept = KeptStyles(tmp_path / "rules")
    key, rules = _parsed("Static { colour: red; }")
    assert any(rule.errors for rule in rules)
    kept.parsed(VARIABLES, key, rules)
    assert not kept.write()
    key, rules = _parsed(SOURCE)
    rules[0].extra = object()  # a class rules are not made of
    assert rules_bytes(rules) is None
    rules[0].extra = lambda: None  # cannot be written
    assert rules_bytes(rules) is None


class _Runs:
    """Unpickled, it would make a folder: a file that is not ours must never run it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.path),)


def test_a_file_naming_any_other_class_runs_nothing(tmp_path: Path) -> None:
    key, rules = _parsed(SOURCE)
    kept = KeptStyles(tmp_path / "rules")
    kept.parsed(VARIABLES, key, rules)
    kept.write()
    (digest,) = pickle.loads((tmp_path / "rules").read_bytes())[1]
    ran = tmp_path / "ran"
    blob = pickle.dumps([_Runs(ran)])
    entry = (hashlib.sha256(blob).digest(), blob)
    (tmp_path / "rules").write_bytes(pickle.dumps((kept_styles.FORMAT, {digest: entry})))
    assert KeptStyles(tmp_path / "rules").rules(VARIABLES, key) is None
    (tmp_path / "rules").write_bytes(pickle.dumps(_Runs(ran)))  # the file itself
    assert KeptStyles(tmp_path / "rules").rules(VARIABLES, key) is None
    assert not ran.exists()


@settings(max_examples=examples(200), deadline=None)
@given(cut=st.integers(min_value=0), at=st.integers(min_value=0), byte=st.integers(0, 255))
def test_a_damaged_file_never_changes_the_rules_read(
    tmp_path_factory: pytest.TempPathFactory, cut: int, at: int, byte: int
) -> None:
    """Any byte of the file changed, or the file cut short: the rules read are those parsed,
    or none (the source is parsed again)."""
    path = tmp_path_factory.mktemp("kept") / "rules"
    key, rules = _parsed(SOURCE)
    kept = KeptStyles(path)
    kept.parsed(VARIABLES, key, rules)
    kept.write()
    data = bytearray(path.read_bytes())
    data[at % len(data)] = byte
    for damaged in (bytes(data), bytes(data[: cut % len(data)])):
        path.write_bytes(damaged)
        again = KeptStyles(path).rules(VARIABLES, key)
        assert again is None or _shown(again) == _shown(rules)


def _two_of_three_kept(path: Path) -> list[Any]:
    """Three sources parsed, the first two kept in a file written at ``path``."""
    parsed = [_parsed(f"#w{n} {{ width: {n}; }}") for n in range(3)]
    first = KeptStyles(path)
    for key, rules in parsed[:2]:
        first.parsed(VARIABLES, key, rules)
    first.write()
    return parsed


def test_the_file_keeps_the_sources_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_styles, "MOST_KEPT", 2)
    parsed = _two_of_three_kept(tmp_path / "rules")
    second = KeptStyles(tmp_path / "rules")
    assert second.rules(VARIABLES, parsed[1][0]) is not None  # used here: kept
    second.parsed(VARIABLES, *parsed[2])
    second.write()
    third = KeptStyles(tmp_path / "rules")
    assert third.rules(VARIABLES, parsed[0][0]) is None  # the one not used went
    assert third.rules(VARIABLES, parsed[1][0]) is not None
    assert third.rules(VARIABLES, parsed[2][0]) is not None


def test_the_file_is_held_no_more_once_let_go(tmp_path: Path) -> None:
    """The whole file (every source kept under every theme) was held for the session, to be
    written again as the app ended; once let go (the first screen shown) only its digests are
    held: a source it keeps, asked later, is read from it, and a write keeps what it held."""
    parsed = _two_of_three_kept(tmp_path / "rules")
    second = KeptStyles(tmp_path / "rules")
    assert second.rules(VARIABLES, parsed[0][0]) is not None  # the first screen's
    second.let_go()
    assert second._held is None
    again = second.rules(VARIABLES, parsed[1][0])  # read from the file again
    assert again is not None and _shown(again) == _shown(parsed[1][1])
    assert second.rules(VARIABLES, parsed[2][0]) is None
    assert second._held is None
    second.parsed(VARIABLES, *parsed[2])
    assert second.write()
    assert second._held is None
    third = KeptStyles(tmp_path / "rules")
    assert all(third.rules(VARIABLES, key) is not None for key, _rules in parsed)


async def test_a_start_parses_no_source_an_earlier_start_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start in a new process (nothing parsed in it yet) parsed the first screen's 19
    sources again; it now reads the rules the first start kept once its screen was shown,
    and shows the same screen."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A text to read.\n\nIts second paragraph.\n", encoding="utf-8")
    parses = count_calls(monkeypatch, stylesheet, "parse")
    screens = []
    for _ in range(2):
        # a new process: nothing parsed in it, the cache file as the last one left it
        monkeypatch.setattr(textual_guards, "_PARSED", LRUCache(1024))
        monkeypatch.setattr(kept_styles, "_KEPT", [])
        before = parses.calls
        app = ReaderApp(corpus, tmp_path / "db.json", corpus / "a.txt")
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            await app.workers.wait_for_complete()  # the warm-up, which keeps them
            screens.append(app.export_screenshot())
            assert kept_styles.kept()._held is None  # the file let go once they are kept
        assert styles_cache_path().exists()
        parsed = parses.calls - before
    assert parsed == 0
    assert screens[0] == screens[1]


def test_an_outer_file_of_other_data_is_read_as_empty(tmp_path: Path) -> None:
    key, _rules = _parsed(SOURCE)
    for data in ({"not": "ours"}, (kept_styles.FORMAT + 1, {}), (kept_styles.FORMAT, [1])):
        (tmp_path / "rules").write_bytes(pickle.dumps(data))
        assert KeptStyles(tmp_path / "rules").rules(VARIABLES, key) is None
    buffer = io.BytesIO()
    pickle.dump((kept_styles.FORMAT, {b"d": ("x", b"y")}), buffer)
    (tmp_path / "rules").write_bytes(buffer.getvalue())
    assert KeptStyles(tmp_path / "rules").rules(VARIABLES, key) is None


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_file_that_is_no_regular_file_is_not_read(tmp_path: Path, kind: str) -> None:
    """A FIFO in the file's place blocked the start for ever (opening it waits for a
    writer), and a link to /dev/zero filled the memory: neither is read, nor a folder."""
    path = tmp_path / "rules"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    key, _rules = _parsed(SOURCE)
    found: list[object] = []
    looking = threading.Thread(
        target=lambda: found.append(KeptStyles(path).rules(VARIABLES, key)), daemon=True
    )
    looking.start()
    looking.join(timeout=10)
    assert found == [None]
