"""SHA-256 and BLAKE2b as hashlib gives them, OpenSSL loaded only once much is hashed."""

from __future__ import annotations

import hashlib
import subprocess
import sys

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
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
