"""``$TUI_READER_CACHE`` naming a file (or a path inside one) where a folder is wanted: every
cache failed to be written, quietly, so nothing was kept between runs and no word said why.
One line on stderr names the variable and the problem; the command goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.mark.parametrize("inside", [False, True])
def test_a_cache_that_is_a_file_is_said_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    inside: bool,
) -> None:
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    cache = blocker / "sub" if inside else blocker
    monkeypatch.setenv("TUI_READER_CACHE", str(cache))
    assert main(["history", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    where = f"is inside a file ({blocker})" if inside else "names a file"
    assert err == (
        f"tui-reader: $TUI_READER_CACHE={cache} {where}, not a folder: converted texts "
        "and the library's facts are not kept between runs; name a folder\n"
    )


def test_a_cache_folder_or_one_not_made_yet_is_not_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    for cache in (tmp_path, tmp_path / "new" / "deeper"):
        monkeypatch.setenv("TUI_READER_CACHE", str(cache))
        assert main(["history", "--db", str(db)]) == 0
        assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("name", "typed"),
    [("back\\slash", "'{}/back\\slash'"), ("es\x1bcape", "$'{}/es\\Ecape'")],
    ids=["backslash", "escape"],
)
def test_the_cache_setting_is_said_as_it_is_typed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    typed: str,
) -> None:
    """The value was said as Python quotes it: a file named ``back\\slash`` was
    ``'.../back\\\\slash'``, a name no shell reads back as that file.  It is said as a shell
    takes it, an escape shown as its escape, never sent raw."""
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    (tmp_path / name).write_text("not a folder")
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / name))
    assert main(["history", "--db", str(db)]) == 0
    assert capsys.readouterr().err.startswith(
        f"tui-reader: $TUI_READER_CACHE={typed.format(tmp_path)} names a file, not a folder"
    )
