"""Every path decision (corpus, database, document keys) and the reading measure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.locations import (
    DEFAULT_MEASURE,
    ENV_MEASURE,
    RealPaths,
    cache_fault,
    document_key,
    document_path,
    project_folder,
    real_path,
    resolve_db,
    resolve_measure,
    resolve_target,
    sample_corpus,
)


def test_target_precedence(tmp_path: Path) -> None:
    (tmp_path / "docs_corpus").mkdir()
    other = tmp_path / "other"
    other.mkdir()
    assert resolve_target("other", env={}, cwd=tmp_path).corpus == other
    env = {"TUI_READER_CORPUS": str(other)}
    assert resolve_target(None, env=env, cwd=tmp_path).corpus == other
    assert resolve_target(None, env={}, cwd=tmp_path).corpus == tmp_path / "docs_corpus"
    assert resolve_target(None, env={}, cwd=other).corpus == sample_corpus()


def test_a_file_opens_in_its_folder(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("x")
    target = resolve_target(str(doc), env={}, cwd=tmp_path)
    assert (target.corpus, target.open_file) == (tmp_path, doc)


def test_db_precedence(tmp_path: Path) -> None:
    assert (
        resolve_db("x.json", env={"TUI_READER_DB": "y.json"}, cwd=tmp_path) == tmp_path / "x.json"
    )
    assert resolve_db(None, env={"TUI_READER_DB": "y.json"}, cwd=tmp_path) == tmp_path / "y.json"
    assert resolve_db(None, env={}, cwd=tmp_path) == tmp_path / "annotations.json"


def test_document_key_is_relative_to_the_db_folder(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    doc = tmp_path / "docs_corpus" / "sub" / "a.txt"
    assert document_key(doc, db) == "docs_corpus/sub/a.txt"
    assert document_path("docs_corpus/sub/a.txt", db) == doc
    outside = tmp_path.parent / "elsewhere.txt"
    assert document_key(outside, db) == "../elsewhere.txt"


def test_sample_corpus_ships_the_seeds() -> None:
    assert len(list(sample_corpus().glob("*.txt"))) == 2
    from importlib.resources import files  # where the package's data is, as it says it

    assert sample_corpus() == Path(str(files("tui_reader") / "sample_corpus"))


def test_flag_beats_environment_beats_default() -> None:
    assert resolve_measure(None, env={}) == DEFAULT_MEASURE == 80
    assert resolve_measure(None, env={ENV_MEASURE: "66"}) == 66
    assert resolve_measure(100, env={ENV_MEASURE: "66"}) == 100


def test_values_are_kept_in_range_and_nonsense_is_ignored() -> None:
    assert resolve_measure(None, env={ENV_MEASURE: "5"}) == 20
    assert resolve_measure(None, env={ENV_MEASURE: "100000"}) == 400
    assert resolve_measure(None, env={ENV_MEASURE: "wide"}) == DEFAULT_MEASURE
    assert resolve_measure(None, env={ENV_MEASURE: ""}) == DEFAULT_MEASURE
    assert resolve_measure(3, env={}) == 20


def test_the_progress_bar_waits_half_a_second_unless_told() -> None:
    from tui_reader.locations import ENV_PROGRESS_AFTER, resolve_progress_after

    assert resolve_progress_after({}) == 0.5
    assert resolve_progress_after({ENV_PROGRESS_AFTER: "0"}) == 0
    assert resolve_progress_after({ENV_PROGRESS_AFTER: "2"}) == 2
    assert resolve_progress_after({ENV_PROGRESS_AFTER: "-1"}) == 0
    assert resolve_progress_after({ENV_PROGRESS_AFTER: "later"}) == 0.5


def _linked_tree(root: Path) -> None:
    """Folders and files under ``root`` reached through links to folders and to files,
    relative and absolute, a link to a link and a link to itself."""
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "f").write_text("x", encoding="utf-8")
    (root / "a" / "b" / "f").write_text("y", encoding="utf-8")
    (root / "a" / "l").symlink_to("b")  # a folder, relatively
    (root / "a" / "b" / "g").symlink_to(root / "a" / "f")  # a file, absolutely
    (root / "a" / "b" / "l").symlink_to("../l")  # a link to a link
    (root / "a" / "loop").symlink_to("loop")
    (root / "l").symlink_to("a")


_STEPS = st.lists(
    st.sampled_from(["a", "b", "l", "f", "g", "loop", "gone", "..", "."]), min_size=1, max_size=5
)


@settings(
    max_examples=examples(80),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(paths=st.lists(_STEPS, min_size=1, max_size=6))
def test_real_paths_resolve_each_file_as_real_path_does(
    tmp_path: Path, paths: list[list[str]]
) -> None:
    """Folders resolved once, a file's name looked at alone: the same path as resolving it
    whole, through links to folders and to files, relative links, a loop, a name not there,
    ``..`` and ``.``."""
    root = tmp_path / "tree"
    if not root.exists():
        _linked_tree(root)
    resolve = RealPaths()
    for steps in paths:
        path = root.joinpath(*steps)
        assert resolve(path) == real_path(path), path


@settings(
    max_examples=examples(80),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(paths=st.lists(_STEPS, min_size=1, max_size=6), db=_STEPS)
def test_real_paths_key_each_file_as_document_key_does(
    tmp_path: Path, paths: list[list[str]], db: list[str]
) -> None:
    """Each folder's key made once, a file's name added to it: the key of the file resolved
    whole, for a database in that tree or beside it, through links, a loop, ``..`` and
    ``.``."""
    root = tmp_path / "tree"
    if not root.exists():
        _linked_tree(root)
    resolve = RealPaths()
    for database in (root.joinpath(*db, "annotations.json"), tmp_path / "annotations.json"):
        folder = real_path(database).parent
        for steps in paths:
            path = root.joinpath(*steps)
            assert resolve.key(path, folder) == document_key(path, database), (path, database)


def test_an_endless_number_of_seconds_is_a_week_not_an_overflow() -> None:
    from tui_reader.locations import (
        ENV_CONVERT_SECONDS,
        ENV_LOCK_WAIT,
        resolve_convert_seconds,
        resolve_lock_wait,
    )

    week = 7 * 24 * 3600
    for value in ("inf", "1e400", "1e300", "Infinity"):
        assert resolve_convert_seconds({ENV_CONVERT_SECONDS: value}) == week
        assert resolve_lock_wait({ENV_LOCK_WAIT: value}) == week
    assert resolve_lock_wait({ENV_LOCK_WAIT: "-inf"}) == 0


def test_with_no_home_and_no_account_the_caches_go_to_a_folder_of_the_users_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A container run as a user the system does not know (``docker run -u 1234``), with no
    $HOME: Path.home() raised "Could not determine home directory", and every command
    stopped with that traceback."""
    import pwd
    import tempfile

    from tui_reader.locations import resolve_cache_dir, resolve_state_dir

    def unknown(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", unknown)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    mine = tmp_path / f"tui-reader-{os.getuid()}"
    assert resolve_cache_dir({}, "linux") == mine / ".cache" / "tui-reader"
    assert resolve_state_dir({}, "linux") == mine / ".local" / "state" / "tui-reader"
    assert mine.stat().st_mode & 0o777 == 0o700
    assert resolve_cache_dir({"HOME": "/home/ana"}, "linux") == Path("/home/ana/.cache/tui-reader")
    # a folder of that name that is a link (another user's, made first) is not used
    mine.rmdir()
    mine.symlink_to(tmp_path / "elsewhere")
    other = resolve_cache_dir({}, "linux")
    assert other.parent.parent.parent == tmp_path and not other.is_relative_to(mine)


def test_a_measure_not_used_as_given_is_said_in_words() -> None:
    from tui_reader.locations import measure_fault

    assert measure_fault(None, env={}) is None
    assert measure_fault(None, env={ENV_MEASURE: " "}) is None
    assert measure_fault(None, env={ENV_MEASURE: "66"}) is None
    assert measure_fault(20, env={ENV_MEASURE: "abc"}) is None  # the flag is what is used
    assert measure_fault(None, env={ENV_MEASURE: "wide"}) == (
        "$TUI_READER_MEASURE='wide' is not a whole number of cells: the measure is 80 cells "
        "(20 to 400 can be set)"
    )
    assert (
        measure_fault(3, env={})
        == "--measure 3 is below 20: the measure is 20 cells, the narrowest"
    )
    assert measure_fault(None, env={ENV_MEASURE: "100000"}) == (
        "$TUI_READER_MEASURE='100000' is above 400: the measure is 400 cells, the widest"
    )


def test_a_long_bad_setting_is_quoted_cut_with_its_length() -> None:
    # a value of 5,000 characters made a one-line message (a notification, a line on
    # stderr) 5,000 characters long
    from tui_reader.locations import ENV_CONVERT_SECONDS, env_seconds_said, measure_fault

    long = "x" * 5000
    said = measure_fault(None, env={ENV_MEASURE: long})
    assert said == (
        f"$TUI_READER_MEASURE={'x' * 40!r}… (5,000 characters) is not a whole number of "
        "cells: the measure is 80 cells (20 to 400 can be set)"
    )
    (line,) = env_seconds_said([ENV_CONVERT_SECONDS], env={ENV_CONVERT_SECONDS: "\x1b[31m" * 900})
    assert len(line) < 200 and "\x1b" not in line and "(4,500 characters)" in line


def test_a_device_named_as_the_cache_is_said_to_be_no_folder() -> None:
    fault = cache_fault({"TUI_READER_CACHE": "/dev/null"})
    assert fault is not None and fault.startswith("$TUI_READER_CACHE=/dev/null names a file")
    assert cache_fault({"TUI_READER_CACHE": " "}) is None
    assert cache_fault({}) is None


def test_a_cache_through_a_loop_of_links_or_a_link_to_nothing_is_said(tmp_path: Path) -> None:
    """A cache folder named through a loop of links, or a link to a folder not there, was no
    cache without a word, as a file was: no folder is made through either."""
    (tmp_path / "ping").symlink_to("pong")
    (tmp_path / "pong").symlink_to("ping")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere" / "cache")
    for value, said in [
        ("ping", f"is a loop of links ({tmp_path / 'ping'})"),
        ("ping/sub", f"is a loop of links ({tmp_path / 'ping'})"),
        ("gone", f"is a link to nothing ({tmp_path / 'gone'} -> {tmp_path / 'nowhere' / 'cache'})"),
        ("gone/sub", f"is a link to nothing ({tmp_path / 'gone'} -> "),
    ]:
        fault = cache_fault({"TUI_READER_CACHE": str(tmp_path / value)})
        assert fault is not None and said in fault and "name a folder" in fault, (value, fault)
    assert cache_fault({"TUI_READER_CACHE": str(tmp_path / "new" / "cache")}) is None


def test_project_folder_is_the_folder_of_the_database_s_own_documents(tmp_path: Path) -> None:
    (tmp_path / "texts" / "2019").mkdir(parents=True)
    (tmp_path / "texts" / "2020").mkdir()
    assert project_folder(["a.txt", "b.txt"], tmp_path) == real_path(tmp_path)
    assert project_folder(["a.txt", "texts/2019/b.txt"], tmp_path) == real_path(tmp_path)
    found = project_folder(["texts/2019/a.txt", "texts/2020/b.txt"], tmp_path)
    assert found == real_path(tmp_path / "texts")
    # the sample corpus's documents, or a corpus beside the database's folder: none there
    assert project_folder(["../corpus/a.txt", "../../lib/sample_corpus/b.txt"], tmp_path) is None
    assert project_folder([], tmp_path) is None
    # a folder that is no more
    assert project_folder(["gone/a.txt"], tmp_path) is None


@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "b", "c", ".."]), min_size=0, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_project_folder_holds_every_document_in_the_database_s_folder(
    tmp_path: Path, folders: list[list[str]]
) -> None:
    keys = ["/".join([*parts, "doc.txt"]) for parts in folders]
    for key in keys:
        os.makedirs(tmp_path / os.path.dirname(key), exist_ok=True)
    found = project_folder(keys, tmp_path)
    inside = [key for key in keys if not os.path.normpath(key).startswith("..")]
    if not inside:
        assert found is None
        return
    assert found is not None and found.is_relative_to(real_path(tmp_path))
    for key in inside:
        assert real_path(tmp_path / key).is_relative_to(found)
