"""User-facing errors: one clear line each, never a traceback for bad input.

``ScenarioError`` names the scenario file, the field path inside it and what was
expected, so that a controller who mistyped a value can fix it without reading code.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ScenarioError", "SimfinError", "SimulationError"]


class SimfinError(Exception):
    """Base class of every error simfin raises on purpose."""


class ScenarioError(SimfinError):
    """A scenario file cannot be read or does not match the schema.

    Parameters
    ----------
    file
        The scenario file (or ``None`` for a scenario built in Python).
    field
        Dotted path of the offending field, e.g. ``demand_streams.jeugd.rate_per_1000``;
        empty when the problem concerns the whole file.
    message
        What was expected, in one sentence.
    """

    def __init__(self, file: str | Path | None, field: str, message: str) -> None:
        self.file = str(file) if file is not None else "<scenario>"
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class SimulationError(SimfinError):
    """The simulation cannot run with an otherwise valid scenario."""
