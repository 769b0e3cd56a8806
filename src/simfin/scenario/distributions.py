"""Per-case random variation: the distribution families a scenario may use.

A duration, intensity or assessment time is written in a scenario file as a table with
a ``family`` key, for example ``{family = "lognormal", mean = 400, cv = 0.9}`` (days).
Each family is parametrised by what an advisor knows (a mean and a coefficient of
variation, or bounds) and turns uniform base quantiles into values with ``ppf``. Drawing
base quantiles first and transforming afterwards keeps common random numbers intact when a
variant only changes a parameter or a behaviour multiplier.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy import special, stats

__all__ = [
    "Distribution",
    "Exponential",
    "Fixed",
    "Gamma",
    "LogNormal",
    "Triangular",
    "Uniform",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Fixed(BaseModel):
    """Always the same value."""

    model_config = _FROZEN
    family: Literal["fixed"]
    value: _NonNegative

    @property
    def mean(self) -> float:
        return self.value

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return np.full(np.shape(u), self.value, dtype=float)


class Exponential(BaseModel):
    """Exponential with the given mean (memoryless; used for M/M/c validation)."""

    model_config = _FROZEN
    family: Literal["exponential"]
    mean: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return -self.mean * np.log1p(-np.asarray(u, dtype=float))


class LogNormal(BaseModel):
    """Lognormal given by its mean and coefficient of variation (sd / mean)."""

    model_config = _FROZEN
    family: Literal["lognormal"]
    mean: _Positive
    cv: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        sigma2 = math.log1p(self.cv**2)
        mu = math.log(self.mean) - sigma2 / 2
        z = special.ndtri(np.asarray(u, dtype=float))
        return np.exp(mu + math.sqrt(sigma2) * z)


class Gamma(BaseModel):
    """Gamma given by its mean and coefficient of variation (sd / mean)."""

    model_config = _FROZEN
    family: Literal["gamma"]
    mean: _Positive
    cv: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        shape = 1.0 / self.cv**2
        scale = self.mean / shape
        return scale * special.gammaincinv(shape, np.asarray(u, dtype=float))


class Uniform(BaseModel):
    """Uniform between ``low`` and ``high``."""

    model_config = _FROZEN
    family: Literal["uniform"]
    low: _NonNegative
    high: _NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.high < self.low:
            raise ValueError("expected low <= high")
        return self

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return self.low + (self.high - self.low) * np.asarray(u, dtype=float)


class Triangular(BaseModel):
    """Triangular with ``low <= mode <= high``."""

    model_config = _FROZEN
    family: Literal["triangular"]
    low: _NonNegative
    mode: _NonNegative
    high: _NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.low <= self.mode <= self.high or self.low == self.high:
            raise ValueError("expected low <= mode <= high with low < high")
        return self

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def ppf(self, u: np.ndarray) -> np.ndarray:
        width = self.high - self.low
        c = (self.mode - self.low) / width
        return stats.triang.ppf(np.asarray(u, dtype=float), c, loc=self.low, scale=width)


Distribution = Annotated[
    Fixed | Exponential | LogNormal | Gamma | Uniform | Triangular,
    Field(discriminator="family"),
]
