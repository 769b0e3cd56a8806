"""The families of an uncertain parameter (``dist = "triangular" | "normal" | "lognormal" | "beta" |
"uniform"``): validation, base value, quantile and cumulative functions; see
:mod:`simfin.scenario.uncertain` for the table of keys and base values."""

from __future__ import annotations

import math
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

__all__ = ["DIST_KEY", "DIST_NAMES", "BetaParameter", "LogNormalParameter", "NormalParameter",
           "ParameterDistribution", "TriangularParameter", "UniformParameter"]

DIST_KEY = "dist"
_FROZEN = ConfigDict(frozen=True, extra="forbid")
_Finite = Annotated[float, Field(allow_inf_nan=False)]
_Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_Label = Annotated[str, Field(min_length=1, max_length=120)]


class _Base(BaseModel):
    model_config = _FROZEN
    label: _Label | None = Field(None, description="Display name in charts and tables.")

    # every subclass defines ``base`` (float) and ``frozen()`` (a scipy.stats frozen rv)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values at quantiles ``u`` in [0, 1] (the inverse cumulative distribution)."""
        return np.asarray(self.frozen().ppf(np.asarray(u, dtype=float)), dtype=float)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.frozen().cdf(np.asarray(x, dtype=float)), dtype=float)


class TriangularParameter(_Base):
    """Triangular: the advisor's lowest, most likely and highest value."""

    dist: Literal["triangular"]
    low: _Finite
    mode: _Finite
    high: _Finite

    @model_validator(mode="after")
    def _ordered(self) -> TriangularParameter:
        if not self.low <= self.mode <= self.high or self.low == self.high:
            raise ValueError("expected low <= mode <= high with low < high")
        return self

    @property
    def base(self) -> float:
        return self.mode

    def frozen(self) -> Any:
        from scipy import stats  # on use: loading a scenario stays light

        width = self.high - self.low
        return stats.triang((self.mode - self.low) / width, loc=self.low, scale=width)


class NormalParameter(_Base):
    """Normal with ``mean`` and ``sd``, optionally truncated to ``[low, high]``."""

    dist: Literal["normal"]
    mean: _Finite
    sd: _Positive
    low: _Finite | None = None
    high: _Finite | None = None

    @model_validator(mode="after")
    def _bounds(self) -> NormalParameter:
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        if not low < high:
            raise ValueError("expected low < high")
        if not low <= self.mean <= high:
            raise ValueError("expected low <= mean <= high")
        return self

    @property
    def base(self) -> float:
        return self.mean

    def frozen(self) -> Any:
        from scipy import stats  # on use: loading a scenario stays light

        if self.low is None and self.high is None:
            return stats.norm(loc=self.mean, scale=self.sd)
        a = -math.inf if self.low is None else (self.low - self.mean) / self.sd
        b = math.inf if self.high is None else (self.high - self.mean) / self.sd
        return stats.truncnorm(a, b, loc=self.mean, scale=self.sd)


class LogNormalParameter(_Base):
    """Lognormal given by its mean and coefficient of variation (sd / mean), as ``family``."""

    dist: Literal["lognormal"]
    mean: _Positive
    cv: _Positive

    @property
    def base(self) -> float:
        return self.mean

    def frozen(self) -> Any:
        from scipy import stats  # on use: loading a scenario stays light

        sigma2 = math.log1p(self.cv**2)
        return stats.lognorm(math.sqrt(sigma2), scale=math.exp(math.log(self.mean) - sigma2 / 2))


class BetaParameter(_Base):
    """Beta(alpha, beta) scaled to ``[low, high]`` (default [0, 1]: shares)."""

    dist: Literal["beta"]
    alpha: _Positive
    beta: _Positive
    low: _Finite = 0.0
    high: _Finite = 1.0

    @model_validator(mode="after")
    def _bounds(self) -> BetaParameter:
        if not self.low < self.high:
            raise ValueError("expected low < high")
        return self

    @property
    def base(self) -> float:
        return self.low + (self.high - self.low) * self.alpha / (self.alpha + self.beta)

    def frozen(self) -> Any:
        from scipy import stats  # on use: loading a scenario stays light

        return stats.beta(self.alpha, self.beta, loc=self.low, scale=self.high - self.low)


class UniformParameter(_Base):
    """Uniform between ``low`` and ``high``."""

    dist: Literal["uniform"]
    low: _Finite
    high: _Finite

    @model_validator(mode="after")
    def _bounds(self) -> UniformParameter:
        if not self.low < self.high:
            raise ValueError("expected low < high")
        return self

    @property
    def base(self) -> float:
        return (self.low + self.high) / 2

    def frozen(self) -> Any:
        from scipy import stats  # on use: loading a scenario stays light

        return stats.uniform(loc=self.low, scale=self.high - self.low)


ParameterDistribution = Annotated[
    TriangularParameter | NormalParameter | LogNormalParameter | BetaParameter | UniformParameter,
    Field(discriminator=DIST_KEY),
]
_ADAPTER: TypeAdapter = TypeAdapter(ParameterDistribution)
DIST_NAMES = ("triangular", "normal", "lognormal", "beta", "uniform")
