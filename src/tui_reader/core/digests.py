"""SHA-256 and BLAKE2b without loading OpenSSL for what is small.

``hashlib`` loads OpenSSL's library for every algorithm it offers, at its import: about
2.5 ms of CPU and 3.7 MB resident, paid before the app's first screen, which hashes a few
kilobytes (a small text, the kept stylesheet's rules: 40 KB).  The interpreter's own SHA-256
(as the ``random`` module takes its SHA-512) gives the same digests, about five times slower
than OpenSSL's (4.4 ms a megabyte against 0.9): once a process has been asked to hash
:data:`OPENSSL_FROM` bytes in all (a big text, a listing of many files), or has loaded
OpenSSL already, it hashes with ``hashlib``.  BLAKE2b is the interpreter's own in both
(``hashlib`` takes it from ``_blake2`` too).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from _typeshed import ReadableBuffer as Buffer

OPENSSL_FROM = 1 << 19  # bytes hashed in a process from which OpenSSL's SHA-256 pays its load
_asked = 0  # bytes this process has asked SHA-256 of (roughly: threads may race on it)


class Digest(Protocol):
    """What the project asks of a hash object."""

    def update(self, data: Buffer, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...
    def copy(self) -> Digest: ...


def _own(algorithm: str, *modules: str) -> Callable[..., Digest] | None:
    """The interpreter's own constructor of ``algorithm`` from the first of ``modules`` that
    has it, or ``None`` in an interpreter built without them."""
    for name in modules:
        try:
            module = __import__(name)
        except ImportError:
            continue
        found: Callable[..., Digest] | None = getattr(module, algorithm, None)
        if found is not None:
            return found
    return None


# SHA-256 is in ``_sha256`` up to Python 3.11 and in ``_sha2`` since.
_OWN_SHA256 = _own("sha256", "_sha256", "_sha2")
_OWN_BLAKE2B = _own("blake2b", "_blake2")


def sha256(data: Buffer = b"", *, size: int | None = None) -> Digest:
    """A new SHA-256 hash object holding ``data``; ``size``: the bytes it will be given in
    all, when more follow (``data``'s length by default)."""
    global _asked
    _asked += memoryview(data).nbytes if size is None else size
    if _OWN_SHA256 is None or _asked >= OPENSSL_FROM or "_hashlib" in sys.modules:
        return _openssl_sha256()(data)
    return _OWN_SHA256(data)


_OPENSSL_SHA256: list[Callable[..., Digest]] = []  # (once found: see _openssl_sha256)


def _openssl_sha256() -> Callable[..., Digest]:
    """OpenSSL's SHA-256 from ``_hashlib``, without ``hashlib``: importing that looks up
    every algorithm it names in OpenSSL (0.1 MB resident more, for a session that hashes
    with SHA-256 alone); ``hashlib``'s own where there is no ``_hashlib``.  Imported once,
    then kept: the import statement asked again for each file hashed doubled the time of a
    small one's hash (6.2 against 2.9 us for 10 bytes; 12,000 hashes, a first listing of
    10,000 files: 0.04 s)."""
    if _OPENSSL_SHA256:
        return _OPENSSL_SHA256[0]
    try:
        from _hashlib import openssl_sha256
    except ImportError:
        from hashlib import sha256 as openssl_sha256
    _OPENSSL_SHA256.append(openssl_sha256)
    return openssl_sha256


def blake2b(data: Buffer = b"", *, digest_size: int = 64) -> Digest:
    """A new BLAKE2b hash object holding ``data`` (``hashlib.blake2b``, without hashlib)."""
    if _OWN_BLAKE2B is None:
        import hashlib

        return hashlib.blake2b(data, digest_size=digest_size)
    return _OWN_BLAKE2B(data, digest_size=digest_size)
