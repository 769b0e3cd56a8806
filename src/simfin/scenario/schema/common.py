"""Shared pieces of the scenario schema: model configuration, number types, and the
error a cross-field check raises."""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

from simfin.scenario.bounds import _EUROS, _QUANTITY, MAX_EUR, MAX_QUANTITY, at_most  # noqa: F401

_FROZEN = ConfigDict(frozen=True, extra="forbid")

Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False), _QUANTITY]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False), _QUANTITY]
Euros = Annotated[float, Field(ge=0, allow_inf_nan=False), _EUROS]
PositiveEuros = Annotated[float, Field(gt=0, allow_inf_nan=False), _EUROS]
SHARE_TOLERANCE = 1e-6

# Characters refused in names and text: control characters (C0, C1, DEL), and format
# characters such as bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) that
# make a name display differently from what it is ("Trojan Source"), plus line and
# paragraph separators and lone surrogates. Free text may hold tab and newline.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_TEXT_ALLOWED = {"\t", "\n", "\r"}


def _refused_character(text: str, allowed: set[str]) -> str | None:
    for ch in text:
        if ch not in allowed and unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return ch
    return None


def _checker(allowed: set[str], what: str):
    def check(text: str) -> str:
        ch = _refused_character(text, allowed)
        if ch is not None:
            raise ValueError(f"expected {what} without control or bidi characters, got "
                             f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')}) "
                             f"at position {text.index(ch)}")
        return text
    return AfterValidator(check)


Name = Annotated[str, Field(min_length=1, max_length=80), _checker(set(), "a name")]
Text = Annotated[str, _checker(_TEXT_ALLOWED, "text")]


class FieldProblem(ValueError):
    """A cross-field check failed; ``field`` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _check_sums_to_one(shares: dict[str, float], field: str) -> None:
    total = math.fsum(shares.values())
    if shares and abs(total - 1.0) > SHARE_TOLERANCE:
        raise FieldProblem(field, f"expected shares that sum to 1, got {total:.6g}")


