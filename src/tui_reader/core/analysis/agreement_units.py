"""The units two coders' coding is compared in, named apart from the comparison itself
(which loads numpy): the command line offers them as choices before any is compared."""

from __future__ import annotations

from typing import Literal

Unit = Literal["character", "word", "sentence", "paragraph"]

UNITS: tuple[Unit, ...] = ("character", "word", "sentence", "paragraph")
