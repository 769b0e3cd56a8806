"""Uncertain parameters: a numeric scenario field written as a distribution.

Any number in a scenario file may be replaced by a table with a ``dist`` key, e.g.::

    [access_team]
    fte = { dist = "triangular", low = 50, mode = 60, high = 75, label = "FTE toegang" }

    [products.ambulant]
    tariff_eur = { dist = "normal", mean = 78, sd = 4, low = 60 }   # low/high: truncation
    duration_days = { family = "lognormal", mean = { dist = "uniform", low = 250, high = 350 }, cv = 0.8 }

``dist`` (parameter uncertainty, for sensitivity analysis) never clashes with ``family``
(per-case variation inside one run, :mod:`simfin.scenario.distributions`): a ``family``
table's ``mean`` may itself be a ``dist`` table, as above.

Families (all numbers in the unit of the field they replace):

============  ==========================================  ==========================
``dist``      keys                                        base value (``load()``)
============  ==========================================  ==========================
triangular    ``low <= mode <= high``, ``low < high``     mode
normal        ``mean``, ``sd > 0``; optional ``low``,     mean
              ``high`` truncate the distribution
lognormal     ``mean > 0``, ``cv > 0`` (sd / mean)        mean
beta          ``alpha > 0``, ``beta > 0``, ``low = 0``,   mean ``low + (high - low)
              ``high = 1`` (scaled to ``[low, high]``)    alpha / (alpha + beta)``
uniform       ``low < high``                              midpoint
============  ==========================================  ==========================

:func:`simfin.load` substitutes the base value, so a file with distributions still loads
as one fixed scenario; :func:`simfin.scenario.load_uncertain` returns an
:class:`UncertainScenario` that knows the declared parameters and builds the scenario of
any sampled values with :meth:`UncertainScenario.apply`. Integer fields (e.g.
``inhabitants``, ``client_places``) get values rounded half up. Simulation settings
(``simulation.*``) cannot be uncertain.
"""

from __future__ import annotations

import copy
import hashlib
import json
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import numpy as np
from pydantic import BaseModel, ValidationError

from simfin.errors import ScenarioError
from simfin.scenario.schema import Scenario
from simfin.scenario.validate import validate_dict
from simfin.scenario.uncertain_dists import _ADAPTER, DIST_KEY, DIST_NAMES, ParameterDistribution

__all__ = [
    "DIST_KEY",
    "ParameterDistribution",
    "UncertainParameter",
    "UncertainScenario",
    "declared_parameters",
    "uncertain_from_dict",
    "with_base_values",
]


@dataclass(frozen=True)
class UncertainParameter:
    """One declared uncertain parameter.

    Attributes
    ----------
    keys : tuple of str
        Location in the scenario dictionary, e.g. ``("access_team", "fte")``.
    distribution : ParameterDistribution
        What the file declared.
    integer : bool
        True when the field holds a whole number; values are rounded half up.
    """

    keys: tuple[str, ...]
    distribution: Any
    integer: bool = False

    @property
    def name(self) -> str:
        """Dotted path, e.g. ``access_team.fte``; used as column name everywhere."""
        return ".".join(self.keys)

    @property
    def label(self) -> str:
        return self.distribution.label or self.name

    @property
    def base(self) -> float:
        """The value :func:`simfin.load` uses: mode or mean (see the module table)."""
        return self.to_value(self.distribution.base)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Parameter values at quantiles ``u`` (rounded for integer fields)."""
        return self.to_value(self.distribution.ppf(u))

    def to_value(self, x: Any) -> Any:
        """``x`` as the field stores it: rounded half up for integer fields."""
        return np.floor(np.asarray(x, dtype=float) + 0.5) if self.integer else x


def _is_declaration(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get(DIST_KEY), str)


def _walk(data: Mapping[str, Any], prefix: tuple[str, ...] = ()):
    """``(keys, table)`` of every ``dist`` declaration, in file order.

    Iterative (an explicit stack of iterators), so a deeply nested table cannot raise
    RecursionError."""
    stack = [(prefix, iter(data.items()))]
    while stack:
        keys_so_far, items = stack[-1]
        for key, value in items:
            keys = (*keys_so_far, str(key))
            if _is_declaration(value):
                yield keys, value
            elif isinstance(value, dict):
                stack.append((keys, iter(value.items())))
                break
        else:
            stack.pop()


def declared_parameters(data: Mapping[str, Any], file: str | Path | None = None
                        ) -> tuple[UncertainParameter, ...]:
    """Every ``dist`` table in a merged scenario dictionary, validated, in file order.

    Raises
    ------
    ScenarioError
        Naming the file and the field when a declaration is malformed, sits on a field
        that is not a number, or on a simulation setting.
    """
    found = []
    for keys, table in _walk(data):
        field = ".".join(keys)
        if keys[0] == "simulation":
            raise ScenarioError(file, field, "simulation settings cannot be uncertain; "
                                "expected a fixed number")
        kind = _leaf_kind(keys)
        if kind == "other":
            raise ScenarioError(file, field, "a dist table replaces a single number; this "
                                "field is not a number (per-case variation uses 'family')")
        found.append(UncertainParameter(keys, _parse(table, file, field), kind == "int"))
    return tuple(found)


def _parse(table: dict[str, Any], file: str | Path | None, field: str) -> Any:
    if table[DIST_KEY] not in DIST_NAMES:
        raise ScenarioError(file, f"{field}.{DIST_KEY}", f"unknown distribution "
                            f"{table[DIST_KEY]!r}; expected one of {', '.join(DIST_NAMES)}")
    try:
        return _ADAPTER.validate_python(table)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [str(p) for p in err["loc"] if str(p) not in DIST_NAMES]
        where = ".".join([field, *loc])
        if err["type"] == "extra_forbidden":
            message = "unknown key in a dist table"
        elif err["type"] == "missing":
            message = f"required key is missing for dist = {table[DIST_KEY]!r}"
        else:
            message = err["msg"].removeprefix("Value error, ")
        raise ScenarioError(file, where, message) from None


def _set(data: dict[str, Any], keys: tuple[str, ...], value: Any) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


def _plain(value: Any) -> Any:
    """numpy scalars to Python numbers (int for whole-number fields)."""
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def with_base_values(data: Mapping[str, Any], parameters: tuple[UncertainParameter, ...]
                     ) -> dict[str, Any]:
    """A deep copy of ``data`` with every declaration replaced by its base value."""
    out = copy.deepcopy(dict(data))
    for p in parameters:
        base = p.base
        _set(out, p.keys, _plain(base) if p.integer else float(base))
    return out


@dataclass(frozen=True, eq=False)
class UncertainScenario:
    """A scenario with declared uncertain parameters.

    Attributes
    ----------
    base : Scenario
        The scenario with every parameter at its base value (what :func:`simfin.load` gives).
    parameters : tuple of UncertainParameter
        The declarations, in file order.
    data : dict
        The merged scenario dictionary with base values (private; use :meth:`apply`).
    file : str or None
        The scenario file, for error messages.
    fingerprint : str
        SHA-256 of the merged dictionary *with* its declarations (identifies a sweep).
    """

    base: Scenario
    parameters: tuple[UncertainParameter, ...]
    data: dict[str, Any]
    file: str | None
    fingerprint: str

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parameters]

    def parameter(self, name: str) -> UncertainParameter:
        """The declared parameter with dotted path ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise ScenarioError(self.file, name, "not an uncertain parameter; expected one of "
                            f"{', '.join(self.names) or '(none declared)'}")

    def apply(self, values: Mapping[str, float]) -> Scenario:
        """The validated scenario with ``values`` (dotted path -> number) filled in.

        Parameters not in ``values`` keep their base value. An invalid combination (e.g.
        a sampled negative FTE) is a :class:`ScenarioError` naming the field and the values.
        """
        data = copy.deepcopy(self.data)
        for name, value in values.items():
            p = self.parameter(name)
            _set(data, p.keys, _plain(p.to_value(value)) if p.integer else float(value))
        try:
            return validate_dict(data, self.file)
        except ScenarioError as exc:
            shown = ", ".join(f"{k} = {float(v):.6g}" for k, v in values.items())
            raise ScenarioError(self.file, exc.field, f"{exc.message} (with {shown})") from None


def uncertain_from_dict(data: Mapping[str, Any], file: str | Path | None = None
                        ) -> UncertainScenario:
    """Parse the declarations of a merged scenario dictionary and validate its base."""
    parameters = declared_parameters(data, file)
    base_data = with_base_values(data, parameters)
    text = json.dumps(data, sort_keys=True, default=str)
    return UncertainScenario(base=validate_dict(base_data, file), parameters=parameters,
                             data=base_data, file=None if file is None else str(file),
                             fingerprint=hashlib.sha256(text.encode()).hexdigest()[:16])


# --- what kind of value a dotted path holds in the schema -----------------------------------

def _leaf_kind(keys: tuple[str, ...]) -> str:
    """``"int"``, ``"float"``, ``"other"`` or ``"unknown"`` (left to the schema's errors)."""
    ann = _annotation_at(Scenario, keys)
    if ann is None:
        return "unknown"
    kinds = {_scalar_kind(a) for a in _flatten(ann)}
    if "float" in kinds:
        return "float"
    return "int" if "int" in kinds else "other"


def _flatten(annotation: Any) -> list[Any]:
    """The member types of a (possibly Annotated/Optional/Union) annotation."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _flatten(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in _flatten(arg)]
    return [annotation]


def _scalar_kind(annotation: Any) -> str:
    if annotation is bool:
        return "other"
    if annotation is int:
        return "int"
    return "float" if annotation is float else "other"


def _annotation_at(annotation: Any, keys: tuple[str, ...]) -> Any | None:
    if not keys:
        return annotation
    for member in _flatten(annotation):
        if get_origin(member) is dict:
            found = _annotation_at(get_args(member)[1], keys[1:])
        elif isinstance(member, type) and issubclass(member, BaseModel) \
                and keys[0] in member.model_fields:
            found = _annotation_at(member.model_fields[keys[0]].annotation, keys[1:])
        else:
            found = None
        if found is not None:
            return found
    return None
