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
from collections.abc import Sequence
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from simfin.scenario.bounds import _QUANTITY

__all__ = [
    "Distribution",
    "Exponential",
    "Fixed",
    "Gamma",
    "LogNormal",
    "Triangular",
    "Uniform",
    "ppf_by_group",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_Positive = Annotated[float, Field(gt=0, allow_inf_nan=False), _QUANTITY]
_NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False), _QUANTITY]


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

    def _params(self) -> tuple[float, ...]:
        return (self.value,)

    @staticmethod
    def _ppf_with(value, u: np.ndarray) -> np.ndarray:
        return np.array(np.broadcast_to(value, np.shape(u)), dtype=float)


class Exponential(BaseModel):
    """Exponential with the given mean (memoryless; used for M/M/c validation)."""

    model_config = _FROZEN
    family: Literal["exponential"]
    mean: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return _evaluate(self._ppf_with, self._params(), u)

    def _params(self) -> tuple[float, ...]:
        return (self.mean,)

    @staticmethod
    def _ppf_with(mean, u: np.ndarray) -> np.ndarray:
        x = np.negative(u)
        np.log1p(x, out=x)
        x *= -mean
        return x


class LogNormal(BaseModel):
    """Lognormal given by its mean and coefficient of variation (sd / mean)."""

    model_config = _FROZEN
    family: Literal["lognormal"]
    mean: _Positive
    cv: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return _evaluate(self._ppf_with, self._params(), u)

    def _params(self) -> tuple[float, ...]:
        """``(mu, sigma)`` of the underlying normal."""
        sigma2 = math.log1p(self.cv**2)
        return (math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2))

    @staticmethod
    def _ppf_with(mu, sigma, u: np.ndarray) -> np.ndarray:
        from scipy import special  # here, not at the top: validate stays light

        z = special.ndtri(u)
        z *= sigma
        z += mu
        return np.exp(z, out=z)


class Gamma(BaseModel):
    """Gamma given by its mean and coefficient of variation (sd / mean)."""

    model_config = _FROZEN
    family: Literal["gamma"]
    mean: _Positive
    cv: _Positive

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return _evaluate(self._ppf_with, self._params(), u)

    def _params(self) -> tuple[float, ...]:
        """``(shape, scale)``."""
        shape = 1.0 / self.cv**2
        return (shape, self.mean / shape)

    @staticmethod
    def _ppf_with(shape, scale, u: np.ndarray) -> np.ndarray:
        from scipy import special

        x = special.gammaincinv(shape, u)
        x *= scale
        return x


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
        return _evaluate(self._ppf_with, self._params(), u)

    def _params(self) -> tuple[float, ...]:
        """``(low, width)``."""
        return (self.low, self.high - self.low)

    @staticmethod
    def _ppf_with(low, width, u: np.ndarray) -> np.ndarray:
        x = width * u
        x += low
        return x


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
        return _evaluate(self._ppf_with, self._params(), u)

    def _params(self) -> tuple[float, ...]:
        """``(low, width, c)`` with ``c`` the relative position of the mode."""
        width = self.high - self.low
        return (self.low, width, (self.mode - self.low) / width)

    @staticmethod
    def _ppf_with(low, width, c, u: np.ndarray) -> np.ndarray:
        # The formula of scipy.stats.triang.ppf, without its per-call argument checks:
        # the same numbers, NaN outside [0, 1].
        with np.errstate(invalid="ignore"):
            x = np.where(u < c, np.sqrt(c * u), 1 - np.sqrt((1 - c) * (1 - u)))
        return np.where((u >= 0) & (u <= 1), x * width + low, np.nan)


Distribution = Annotated[
    Fixed | Exponential | LogNormal | Gamma | Uniform | Triangular,
    Field(discriminator="family"),
]


def _evaluate(ppf_with, params: tuple[float, ...], u) -> np.ndarray:
    """``ppf_with(*params, u)`` for any array-like ``u``; a scalar for a 0-d ``u``.

    The ``_ppf_with`` formulas work in place on their own fresh arrays (never on ``u``),
    which needs at least one dimension.
    """
    u = np.asarray(u, dtype=float)
    if u.ndim == 0:
        return ppf_with(*params, u.reshape(1))[0]
    return ppf_with(*params, u)


def ppf_by_group(dists: Sequence[Distribution | None], group: np.ndarray,
                 u: np.ndarray) -> np.ndarray:
    """``dists[group[i]].ppf(u[i])`` for every element at once; 0.0 where there is none.

    Parameters
    ----------
    dists
        One distribution (or ``None``: no value) per group.
    group
        Integer group per element, ``-1`` for elements without a value.
    u
        Base quantiles, the same shape as ``group``.

    Returns
    -------
    np.ndarray
        Float array shaped like ``group``, 0.0 where the group is ``-1`` or ``None``.

    Notes
    -----
    Each family's formula runs once over all elements of that family, with its
    parameters looked up per element, instead of once per group behind a mask. The
    formula and the floating-point operations are those of ``ppf``, element by element,
    so the values are the same to the last bit.
    """
    shape = np.shape(group)
    group = np.asarray(group).reshape(-1)
    u = np.asarray(u, dtype=float).reshape(-1)  # a view for a column of a base-quantile block
    kinds = list(dict.fromkeys(type(dist) for dist in dists if dist is not None))
    if len(kinds) == 1 and None not in dists:  # one family: no per-element family lookup
        if group.size == 0 or group.min() >= 0:
            return _family_values(kinds[0], dists, group, u).reshape(shape)
        rows = np.flatnonzero(group >= 0)
        out = np.zeros(group.size)
        out[rows] = _family_values(kinds[0], dists, group[rows], u[rows])
        return out.reshape(shape)
    family = np.full(len(dists) + 1, -1)  # the extra last slot serves group -1
    for i, dist in enumerate(dists):
        if dist is not None:
            family[i] = kinds.index(type(dist))
    element_family = family[group]
    out = np.zeros(group.size)
    for k, kind in enumerate(kinds):
        rows = np.flatnonzero(element_family == k)
        members = [dist if type(dist) is kind else None for dist in dists]
        out[rows] = _family_values(kind, members, group[rows], u[rows])
    return out.reshape(shape)


def _family_values(kind: type, dists: Sequence, group: np.ndarray,
                   u: np.ndarray) -> np.ndarray:
    """``kind``'s formula on its elements, parameters per element (or one set for all).

    ``dists`` holds the group's distribution where it is of ``kind``, else ``None``;
    ``group`` only refers to groups of ``kind``.
    """
    params = {i: dist._params() for i, dist in enumerate(dists) if dist is not None}
    first = next(iter(params.values()))
    if all(p == first for p in params.values()):
        return kind._ppf_with(*first, u)
    columns = []
    for j in range(len(first)):
        table = np.ones(len(dists))
        for i, p in params.items():
            table[i] = p[j]
        columns.append(table[group])
    return kind._ppf_with(*columns, u)
