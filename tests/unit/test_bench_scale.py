"""The scale bench's timing of a command (bench/scale.py), loaded from its file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "scale.py"


def _scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_timed_command_writes_its_output_where_it_is_kept(tmp_path: Path) -> None:
    """A command timed writes its lines as it would into a file: GNU grep given /dev/null
    as its standard output stops at its first match, so `grep -rin the` beside `search -i
    the` was timed printing nothing (0.07 s of CPU, 0.43 s printing its 271,995 lines)."""
    said = tmp_path / "said"
    probe = (
        "import os, sys; "
        "same = os.path.samestat(os.fstat(1), os.stat(os.devnull)); "
        f"open({str(said)!r}, 'w').write('devnull' if same else 'kept')"
    )
    _scale().timed_cpu([sys.executable, "-c", probe], 1, 60)
    assert said.read_text() == "kept"
