"""Shared pieces of the scenario schema: model configuration, number types, and the
error a cross-field check raises."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import ConfigDict, Field

_FROZEN = ConfigDict(frozen=True, extra="forbid")
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1, max_length=80)]
SHARE_TOLERANCE = 1e-6


class FieldProblem(ValueError):
    """A cross-field check failed; ``field`` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _check_sums_to_one(shares: dict[str, float], field: str) -> None:
    total = math.fsum(shares.values())
    if shares and abs(total - 1.0) > SHARE_TOLERANCE:
        raise FieldProblem(field, f"expected shares that sum to 1, got {total:.6g}")


