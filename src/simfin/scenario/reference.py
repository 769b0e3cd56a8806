"""The scenario file reference, generated from the pydantic schema (never hand-copied).

:func:`schema_markdown` walks :class:`~simfin.scenario.schema.Scenario` and every model it
contains, and renders one Markdown table per model: field, type, required or default,
constraints and description. The docs build calls it (``docs/hooks.py``), so the reference
always matches the code.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import known_taakveld

__all__ = ["models_in", "schema_markdown"]

_SCALARS = {float: "number", int: "whole number", str: "text", bool: "true/false"}
_BOUNDS = ((at.Ge, "ge", "≥"), (at.Gt, "gt", ">"), (at.Le, "le", "≤"), (at.Lt, "lt", "<"))


def models_in(root: type[BaseModel] = Scenario) -> list[type[BaseModel]]:
    """Every model reachable from ``root``, in order of first appearance."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for inner in _models_of(info.annotation):
                visit(inner)

    visit(root)
    return seen


def _models_of(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_of(arg)]


def schema_markdown(root: type[BaseModel] = Scenario) -> str:
    """Markdown reference of every section of a scenario file."""
    return "\n".join(_model_section(model) for model in models_in(root))


def _model_section(model: type[BaseModel]) -> str:
    doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    lines = [f"### {model.__name__}", "", doc, "",
             "| field | type | required / default | constraints | description |",
             "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        lines.append(f"| `{name}` | {_type_text(info.annotation)} | {_default_text(info)} | "
                     f"{_constraints(info.metadata)} | {_escape(info.description or '')} |")
    return "\n".join(lines) + "\n"


def _default_text(info) -> str:
    if info.is_required():
        return "required"
    if info.default is PydanticUndefined:
        return "empty"
    return f"`{info.default!r}`" if info.default is not None else "none"


def _type_text(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = get_args(annotation)
        bounds = _constraints(meta)
        return _type_text(base) + (f" ({bounds})" if bounds else "")
    if origin is dict:
        return f"table: name → {_type_text(get_args(annotation)[1])}"
    if origin is list:
        return f"list of {_type_text(get_args(annotation)[0])}"
    if origin is Literal:
        return " or ".join(f'`"{v}"`' for v in get_args(annotation))
    if origin in (Union, types.UnionType):
        parts = [_type_text(a) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(parts)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return _SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _constraints(metadata: list) -> str:
    parts = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            nested = _constraints(item.metadata)
            parts += [nested] if nested else []
            continue
        for cls, attr, symbol in _BOUNDS:
            if isinstance(item, cls):
                parts.append(f"{symbol} {getattr(item, attr)}")
        if isinstance(item, at.MinLen):
            parts.append(f"at least {item.min_length}")
        if getattr(item, "allow_inf_nan", None) is False:
            parts.append("finite")
        if getattr(item, "func", None) is known_taakveld:
            parts.append("an Iv3 taakveld: a main code or a sub-taakveld (6.71a–6.82b), "
                         "[list](../calibration.md#the-codes-and-their-roll-up)")
    return ", ".join(parts)


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
