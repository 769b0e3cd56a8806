"""Validation of a scenario dictionary: numbers must be numbers, then the schema; every problem
becomes one :class:`~simfin.errors.ScenarioError`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simfin.errors import ScenarioError
from simfin.scenario.messages import number_problem, to_scenario_error
from simfin.scenario.schema import Scenario

__all__ = ["validate_dict"]


def validate_dict(data: dict[str, Any], file: str | Path | None = None) -> Scenario:
    """Validate a scenario dictionary; a problem becomes one :class:`ScenarioError`.

    Numbers must be numbers: ``true``/``false`` or quoted text where the schema expects
    a number is refused, although pydantic would convert them.
    """
    problem = number_problem(data)
    if problem is not None:
        raise ScenarioError(file, *problem)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise to_scenario_error(exc, file) from None
    except RecursionError:
        raise ScenarioError(file, "", "expected tables nested less deeply") from None
