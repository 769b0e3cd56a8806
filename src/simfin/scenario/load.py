"""Read scenario files: TOML, ``extends`` overlays, and one-line errors.

A variant file names its base with ``extends = "base.toml"`` (a path relative to the
variant file). Tables are merged key by key, so a variant overrides only what it names;
any other value (a number, a string, a list) replaces the base value. Chains of
``extends`` are followed; a cycle or a missing base is a :class:`ScenarioError`.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from simfin.errors import ScenarioError
from simfin.scenario.schema import (FieldProblem, LumpSum, LumpSumCorridor, PqPerTrajectory,
                                    PqPerUnit, Scenario)
from simfin.scenario.uncertain import (UncertainScenario, declared_parameters,
                                       uncertain_from_dict, with_base_values)

__all__ = ["load", "load_dict", "load_uncertain", "merge", "validate_dict"]

MAX_FILE_BYTES = 5_000_000


def load(path: str | Path) -> Scenario:
    """Load, merge and validate the scenario file at ``path``.

    Uncertain parameters (``dist`` tables, :mod:`simfin.scenario.uncertain`) take their
    base value (mode or mean); use :func:`load_uncertain` to keep the distributions.
    """
    path = Path(path)
    data = load_dict(path)
    return validate_dict(with_base_values(data, declared_parameters(data, path)), path)


def load_uncertain(path: str | Path) -> UncertainScenario:
    """Load a scenario file with its declared uncertain parameters (``dist`` tables)."""
    path = Path(path)
    return uncertain_from_dict(load_dict(path), path)


def load_dict(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read ``path`` and its ``extends`` chain into one merged dictionary."""
    resolved = path.resolve()
    if resolved in _seen:
        chain = " -> ".join(p.name for p in (*_seen, resolved))
        raise ScenarioError(_seen[0], "extends", f"expected no cycle, got {chain}")
    data = _read_toml(path)
    base = data.pop("extends", None)
    if base is None:
        return data
    if not isinstance(base, str) or not base:
        raise ScenarioError(path, "extends", "expected the path of a base scenario file")
    base_path = (path.parent / base) if not Path(base).is_absolute() else Path(base)
    if not base_path.is_file():
        raise ScenarioError(path, "extends", f"base file {base!r} not found "
                            f"(looked for {base_path})")
    return merge(load_dict(base_path, (*_seen, resolved)), data)


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``overlay`` into a copy of ``base``: tables merge, other values replace.

    A table that names a different ``kind`` (e.g. a financing model switched from
    ``pq_per_unit`` to ``lump_sum``) or a different ``dist`` (an uncertain parameter's
    distribution) replaces the base table instead of merging with it, so no field of the
    old kind is left behind.
    """
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) \
                and value.get("kind", out[key].get("kind")) == out[key].get("kind") \
                and value.get("dist", out[key].get("dist")) == out[key].get("dist"):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def validate_dict(data: dict[str, Any], file: str | Path | None = None) -> Scenario:
    """Validate a scenario dictionary; a problem becomes one :class:`ScenarioError`."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _to_scenario_error(exc, file) from None


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ScenarioError(path, "", "file not found")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScenarioError(path, "", f"expected a scenario file under {MAX_FILE_BYTES:,} bytes")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(path, "", f"expected UTF-8 text, byte {exc.start} is not") from None
    except OSError as exc:
        raise ScenarioError(path, "", f"cannot read file ({exc.strerror})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(path, "", f"expected valid TOML: {exc}") from None


def _to_scenario_error(exc: ValidationError, file: str | Path | None) -> ScenarioError:
    """Turn the first pydantic error into a ScenarioError naming the field path.

    An unknown key is reported before anything else: a typo also makes the intended
    field "missing", and the typo is the message that helps.
    """
    errors = exc.errors(include_url=False)
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(part) for part in err["loc"]]
    problem = (err.get("ctx") or {}).get("error")
    if isinstance(problem, FieldProblem):
        loc = [*loc, *(p for p in problem.field.split(".") if p)]
        message = str(problem)
    elif err["type"] == "extra_forbidden":
        message = "unknown field" + _did_you_mean(loc)
    elif err["type"] == "missing":
        message = "required field is missing"
    else:
        message = f"{err['msg']} (got {_short(err.get('input'))})"
    message = message.removeprefix("Value error, ")
    return ScenarioError(file, ".".join(loc), message)


def _did_you_mean(loc: list[str]) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return ""
    matches = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else \
        f"; expected one of {sorted(model.model_fields)}"


def _model_at(loc: list[str]) -> type[BaseModel] | None:
    """The pydantic model class that sits at ``loc`` in the schema, if one does."""
    model: type[BaseModel] | None = Scenario
    expect_item_name = False
    for part in loc:
        if expect_item_name or part in _FINANCING_TAGS:
            model = _FINANCING_TAGS.get(part, model) if not expect_item_name else model
            expect_item_name = False
            continue
        info = model.model_fields.get(part) if model is not None else None
        if info is None:
            return None
        model = _model_of(info.annotation)
        expect_item_name = get_origin(info.annotation) is dict
    return None if expect_item_name else model


# discriminator tags pydantic puts in a location, and the financing model each one selects
_FINANCING_TAGS: dict[str, type[BaseModel]] = {
    "pq_per_unit": PqPerUnit, "pq_per_trajectory": PqPerTrajectory, "lump_sum": LumpSum,
    "lump_sum_corridor": LumpSumCorridor}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model class inside a (possibly nested) type annotation."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
