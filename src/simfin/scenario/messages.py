"""Turn pydantic's validation errors into one-line :class:`ScenarioError` messages.

Every message names the dotted field path as a user writes it in the TOML file (the
discriminator tags pydantic puts in its error locations, such as ``gamma`` in
``...assessment_hours.gamma.mean``, are dropped) and says what was expected and what
was found: ``expected a number greater than or equal to 0, got -3``. An unknown key gets
a "did you mean ...?" for a likely typo. The schema is walked along the error location
to find the model, collection or distribution family a field belongs to.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from simfin.errors import ScenarioError
from simfin.scenario.schema import FieldProblem, Scenario

__all__ = ["describe", "join_field", "number_problem", "split_field", "to_scenario_error",
           "walk"]

_TYPE_EXPECTED = {
    "float_type": "a number", "float_parsing": "a number",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "int_parsing_size": "a whole number",
    "finite_number": "a finite number",
    "string_type": "text in quotes", "string_unicode": "text in quotes",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "dict_type": "a table", "model_type": "a table", "model_attributes_type": "a table",
    "list_type": "a list", "tuple_type": "a list", "set_type": "a list",
}
_BOUNDS = {"gt": "greater than", "ge": "greater than or equal to", "lt": "less than",
           "le": "less than or equal to"}
_BOUND_TYPES = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt",
                "less_than_equal": "le"}


def join_field(parts: list | tuple) -> str:
    """A dotted field path; a part that holds a dot, a quote or is empty is quoted as in
    TOML (``municipalities."St. Anna".inhabitants``)."""
    return ".".join(json.dumps(str(p), ensure_ascii=False) if _needs_quotes(str(p)) else str(p)
                    for p in parts)


def _needs_quotes(part: str) -> bool:
    return not part or "." in part or '"' in part or part != part.strip()


def split_field(field: str) -> list[str]:
    """The parts of a dotted field path written by :func:`join_field`."""
    parts, pos = [], 0
    while pos <= len(field) and field:
        if field.startswith('"', pos):
            part, end = json.JSONDecoder().raw_decode(field, pos)
        else:
            end = field.find(".", pos)
            end = len(field) if end < 0 else end
            part = field[pos:end]
        parts.append(part)
        pos = end + 1
    return parts


def to_scenario_error(exc: ValidationError, file: str | Path | None) -> ScenarioError:
    """The first problem of ``exc`` as a ScenarioError naming file, field and expectation.

    An unknown key is reported before anything else: a typo also makes the intended
    field "missing", and the typo is the message that helps.
    """
    errors = exc.errors(include_url=False)
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc, annotation, bad_key = walk(err["loc"])
    problem = (err.get("ctx") or {}).get("error")
    if isinstance(problem, FieldProblem):
        field = [*loc, *(p for p in problem.field.split(".") if p)]
        return ScenarioError(file, join_field(field), str(problem))
    if bad_key is not None:
        return ScenarioError(file, join_field(loc), _key_message(err, bad_key))
    extra, message = _message(err, loc, annotation)
    return ScenarioError(file, join_field([*loc, *extra]), message)


def walk(location: tuple | list) -> tuple[list[str], Any, str | None]:
    """Follow a pydantic error location through the schema.

    Returns
    -------
    (field path, annotation, bad key)
        The path as written in a scenario file (discriminator tags dropped), the type
        annotation found there (``None`` when the path leaves the schema), and the
        offending key when the error is about a key of a named collection.
    """
    parts, path, ann, i = list(location), [], Scenario, 0
    while i < len(parts):
        part, ann = parts[i], _unwrap(ann)
        members = _members(ann)
        if members:
            ann = _member_for_tag(members, part)
            if ann is not None:
                i += 1
            continue
        path.append(str(part))
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            info = ann.model_fields.get(str(part))
            ann = info.annotation if info is not None else None
        elif get_origin(ann) is dict:
            if i + 1 < len(parts) and parts[i + 1] == "[key]":
                return path[:-1], get_args(ann)[0], str(part)
            ann = get_args(ann)[1]
        elif get_origin(ann) is list:
            ann = get_args(ann)[0]
        else:
            ann = None
        i += 1
    return [p for p in path if p != "[key]"], ann, None


def describe(value: Any) -> str:
    """A short description of a value as a TOML user would recognise it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return "text " + json.dumps(text, ensure_ascii=False)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        digits = str(abs(value))
        return str(value) if len(digits) <= 20 else f"a number of {len(digits)} digits"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (dt.date, dt.time)):
        return f"a date or time ({value.isoformat()})"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"


def number_problem(data: Any) -> tuple[str, str] | None:
    """The first ``true``/``false`` or quoted text where the schema expects a number.

    pydantic converts both (``true`` to 1, ``"20"`` to 20) in its default mode; in a
    scenario file they are mistakes. Returns ``(field path, message)`` or ``None``.
    """
    return _find_number_problem(data, Scenario, [])


def _find_number_problem(value: Any, ann: Any, loc: list[str]) -> tuple[str, str] | None:
    ann = _unwrap(ann)
    if ann in (int, float):
        if not isinstance(value, (bool, str)):
            return None
        what = "a whole number" if ann is int else "a number"
        return join_field(loc), f"expected {what}, got {describe(value)}"
    children: list[tuple[Any, Any, list[str]]] = []
    if isinstance(value, dict):
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            children = [(v, ann.model_fields[k].annotation, [*loc, k])
                        for k, v in value.items() if k in ann.model_fields]
        elif get_origin(ann) is dict:
            children = [(v, get_args(ann)[1], [*loc, str(k)]) for k, v in value.items()]
        elif _members(ann):
            member = next((m for m in _members(ann) if _tag_matches(m, value)), None)
            children = [(value, member, loc)] if member is not None else []
    elif isinstance(value, list) and get_origin(ann) is list:
        children = [(v, get_args(ann)[0], [*loc, str(i)]) for i, v in enumerate(value)]
    for child in children:
        found = _find_number_problem(*child)
        if found is not None:
            return found
    return None


def _message(err: dict, loc: list[str], ann: Any) -> tuple[list[str], str]:
    """``(extra path parts, message)`` for one pydantic error."""
    kind, ctx = err["type"], err.get("ctx") or {}
    got = describe(err.get("input"))
    if kind == "extra_forbidden":
        return [], "unknown field" + _did_you_mean(err["loc"])
    if kind == "missing":
        return [], f"required field is missing; expected {_what(ann)}"
    if kind in _BOUND_TYPES:
        key = _BOUND_TYPES[kind]
        return [], f"expected a number {_BOUNDS[key]} {ctx[key]}, got {got}"
    if kind == "float_type" and type(err.get("input")) is int:
        return [], f"expected a number below 1e308, got {got}"
    if kind in _TYPE_EXPECTED:
        return [], f"expected {_TYPE_EXPECTED[kind]}, got {got}"
    if kind in ("string_too_short", "too_short"):
        unit = "character" if kind.startswith("string") else "item"
        n = ctx.get("min_length", 1)
        return [], f"expected at least {n} {unit}{'s' if n != 1 else ''}, got {_size(err)}"
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind.startswith("string") else "items"
        return [], f"expected at most {ctx.get('max_length')} {unit}, got {_size(err)}"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return [], _choice(options, err.get("input"))
    if kind == "union_tag_invalid":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        return [_strip_quotes(ctx.get("discriminator"))], _choice(options, ctx.get("tag"))
    if kind == "union_tag_not_found":
        options = sorted(_tags(_unwrap(ann)))
        return [_strip_quotes(ctx.get("discriminator"))], \
            "required field is missing; expected one of " + ", ".join(map(repr, options))
    if kind in ("value_error", "assertion_error"):
        return [], str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
    return [], f"expected a valid value: {err['msg']} (got {got})"


def _key_message(err: dict, key: str) -> str:
    ctx = err.get("ctx") or {}
    if err["type"] == "string_too_short":
        return f"expected names of at least {ctx.get('min_length', 1)} character(s) as keys, " \
            f"got {describe(key)}"
    if err["type"] == "string_too_long":
        return f"expected names of at most {ctx.get('max_length')} characters as keys, " \
            f"got one of {len(key)} characters"
    if err["type"] == "value_error":
        return str(ctx.get("error", err["msg"])).removeprefix("Value error, ").replace(
            "expected a name", "expected names as keys", 1)
    return f"expected valid names as keys: {err['msg']} (got {describe(key)})"


def _choice(options: list[str], got: Any) -> str:
    message = "expected one of " + ", ".join(map(repr, options)) + f", got {describe(got)}"
    if isinstance(got, str):
        close = difflib.get_close_matches(got, options, n=1, cutoff=0.6)
        if not close:
            close = [o for o in options if o.lower() == got.lower()]
        if close:
            message += f"; did you mean {close[0]!r}?"
    return message


def _did_you_mean(location: tuple) -> str:
    """A suggestion for an unknown key at the raw pydantic ``location``."""
    if not location:
        return ""
    _, parent, _ = walk(location[:-1])
    model = _unwrap(parent)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ""
    matches = difflib.get_close_matches(str(location[-1]), list(model.model_fields), n=1,
                                        cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else \
        f"; expected one of {sorted(model.model_fields)}"


def _size(err: dict) -> str:
    value = err.get("input")
    if isinstance(value, str):
        return describe(value) if len(value) <= 40 else f"{len(value)} characters"
    if isinstance(value, (list, dict, tuple)):
        return f"{len(value)}"
    return describe(value)


def _what(ann: Any) -> str:
    """What a field of annotation ``ann`` holds, in words."""
    ann = _unwrap(ann)
    if _members(ann) or (isinstance(ann, type) and issubclass(ann, BaseModel)) \
            or get_origin(ann) is dict:
        return "a table"
    if get_origin(ann) is list:
        return "a list"
    if get_origin(ann) is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(ann))
    return {float: "a number", int: "a whole number", str: "text in quotes",
            bool: "true or false"}.get(ann, "a value")


def _strip_quotes(text: Any) -> str:
    return str(text or "").strip("'\"")


def _unwrap(ann: Any) -> Any:
    """Strip ``Annotated[...]`` and ``X | None`` down to the type that matters."""
    while True:
        origin = get_origin(ann)
        if origin is Annotated:
            ann = get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(ann) if a is not type(None)]
            if len(args) != 1:
                return ann
            ann = args[0]
        else:
            return ann


def _members(ann: Any) -> list[type[BaseModel]]:
    """The model classes of a union of models (a discriminated union), else ``[]``."""
    if get_origin(ann) not in (typing.Union, types.UnionType):
        return []
    members = [_unwrap(a) for a in get_args(ann) if a is not type(None)]
    ok = all(isinstance(m, type) and issubclass(m, BaseModel) for m in members)
    return members if ok else []


def _literal_fields(model: type[BaseModel]) -> dict[str, tuple]:
    return {name: get_args(_unwrap(info.annotation)) for name, info in model.model_fields.items()
            if get_origin(_unwrap(info.annotation)) is Literal}


def _member_for_tag(members: list[type[BaseModel]], tag: Any) -> type[BaseModel] | None:
    for model in members:
        if any(tag in values for values in _literal_fields(model).values()):
            return model
    return None


def _tag_matches(model: type[BaseModel], value: dict) -> bool:
    fields = _literal_fields(model)
    return bool(fields) and all(value.get(name) in values for name, values in fields.items())


def _tags(ann: Any) -> set[str]:
    return {tag for model in _members(ann) for values in _literal_fields(model).values()
            for tag in values}
