"""SHA-256 and BLAKE2b as hashlib gives them, OpenSSL loaded only once much is hashed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.core import digests
from tui_reader.core.documents.document import text_sha256


@pytest.mark.parametrize("size", [0, 1, 1000, digests.OPENSSL_FROM - 1, digests.OPENSSL_FROM])
def test_the_digests_are_hashlibs(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert (
        digests.blake2b(data, digest_size=16).digest()
        == hashlib.blake2b(data, digest_size=16).digest()
    )
    fed = digests.sha256(size=size)
    for start in range(0, size, 4096):
        fed.update(memoryview(data)[start : start + 4096])
    copied = fed.copy()
    assert copied.digest() == fed.digest() == hashlib.sha256(data).digest()


def test_a_texts_hash_is_its_utf8s() -> None:
    for text in ("", "plain", "curly’s \U0001f600\n" * 10_000):
        assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_openssl_s_sha256_is_imported_once_not_again_for_each_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once OpenSSL hashes (a listing's files), each file's hash asks no import: the
    import statement, asked again for each of 10,000 files, doubled a small one's hash."""
    import builtins

    digests.sha256(b"x" * digests.OPENSSL_FROM).hexdigest()  # (OpenSSL's from now on)
    imported: list[str] = []
    real = builtins.__import__

    def counted(name: str, *args: object, **kwargs: object) -> object:
        imported.append(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", counted)
    hashes = [digests.sha256(data).hexdigest() for data in (b"a", b"b", b"c")]
    monkeypatch.undo()
    assert (imported, hashes) == ([], [hashlib.sha256(d).hexdigest() for d in (b"a", b"b", b"c")])


def test_openssl_is_loaded_for_half_a_megabyte_in_all_not_before() -> None:
    """Many small files hashed (a listing) come to as much as one big text."""
    code = (
        "import sys\n"
        "from tui_reader.core import digests\n"
        "digests.blake2b(b'x').digest()\n"
        "step = digests.OPENSSL_FROM // 8\n"
        "for _ in range(7): digests.sha256(b'x' * step).hexdigest()\n"
        "digests.sha256(size=step - 1).update(b'x')\n"
        "print('_hashlib' in sys.modules)\n"
        "digests.sha256(b'x').hexdigest()\n"
        "print('_hashlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "True"]


def test_a_big_plain_text_is_hashed_without_hashlib_or_the_conversion_cache(
    tmp_path: Path,
) -> None:
    """A text past :data:`~digests.OPENSSL_FROM` is hashed by OpenSSL from ``_hashlib``
    alone: ``hashlib`` (which looks up every algorithm it names at import: 0.1 MB resident)
    is not loaded, nor the conversion cache, which keeps no plain text; the hash is the same."""
    path = tmp_path / "big.txt"
    path.write_text("A paragraph of curly’s words to read.\n\n" * 20_000, "utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui_reader.core.documents.document import load_document\n"
        "print(load_document(Path(sys.argv[1])).sha256)\n"
        "print(sorted(m for m in ('hashlib', 'tui_reader.core.documents.conversion_cache')\n"
        "             if m in sys.modules), '_hashlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    expected = hashlib.sha256(path.read_text("utf-8").encode("utf-8")).hexdigest()
    assert done.stdout.splitlines() == [expected, "[] True"]
