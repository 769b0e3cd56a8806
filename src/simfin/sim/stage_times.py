"""Time stamps of the stages the simulated cases pass: the source of their ledger rows.

In each episode a case passes at most four stages, always in this order (:data:`STAGES`):
intake and assessment, a specialist consultation, specialist care, and light help (after
the decision or after step-down, never both in one episode). Which stages a case will pass
follows from its attributes; only *when* follows from the simulation. So the simulation
writes nothing but three time stamps per stage (arrival, start, end) into flat
``array.array`` buffers at a fixed position, and :meth:`StageTimes.rows` turns the stages
that were reached into ledger rows with numpy afterwards (line, activity, intensity and
outcome, as the ledger's codes, from the case attributes).
"""

from __future__ import annotations

from array import array
from math import nan

import numpy as np

from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable
from simfin.sim.ledger import ACTIVITIES, activity_code, line_code, outcome_code

__all__ = ["ASSESSMENT", "CARE", "CONSULTATION", "LIGHT_HELP", "STAGES", "StageTimes"]

STAGES = ("assessment", "consultation", "care", "light_help")
ASSESSMENT, CONSULTATION, CARE, LIGHT_HELP = range(len(STAGES))
# ledger codes: the activity of each stage (care: the product's, set per row), and the
# outcomes in the order :func:`_outcome` numbers them
_STAGE_ACTIVITY = np.array([activity_code(s) if s != "care" else -1 for s in STAGES],
                           dtype=np.int32)
_OUTCOME = np.array([outcome_code(name) for name in
                     OUTCOMES + ("stepped_down", "discharged", "finished")], dtype=np.int8)


class StageTimes:
    """Arrival, start and end (SimPy days) of stage ``s`` of episode ``k`` of case ``i``
    at position ``(i * EPISODES + k) * len(STAGES) + s``; NaN until it happens."""

    def __init__(self, n_cases: int) -> None:
        size = n_cases * EPISODES * len(STAGES)
        self.arrival = array("d", [nan]) * size
        self.start = array("d", [nan]) * size
        self.end = array("d", [nan]) * size

    def rows(self, cases: CaseTable, worker_hours_per_week: dict[str, np.ndarray],
             products: list[str]) -> dict[str, np.ndarray]:
        """The reached stages as ledger buffers (see :meth:`simfin.sim.ledger.Ledger.add_rows`).

        ``worker_hours_per_week`` holds, for ``"assessment"`` and ``"consultation"``, per
        municipality index the hours a worker of the serving pool does per week (the row's
        intensity); ``products`` are the product names by index."""
        arrival = np.frombuffer(self.arrival)
        at = np.flatnonzero(~np.isnan(arrival))
        stage = at % len(STAGES)
        j = at // len(STAGES)
        case, episode = j // EPISODES, j % EPISODES
        outcome = _outcome(cases, stage, j)
        end = np.frombuffer(self.end)[at]
        outcome[np.isnan(end)] = outcome_code("")
        care = stage == CARE
        return {"case": case, "episode": episode,
                "line": np.where(care, line_code("2e"), line_code("1e")).astype(np.int8),
                "activity": _activity(cases, stage, care, j),
                "t_arrival": arrival[at], "t_start": np.frombuffer(self.start)[at],
                "t_end": end,
                "intensity": _intensity(cases, stage, case, j, worker_hours_per_week),
                "outcome": outcome}


def _activity(cases, stage, care, j) -> np.ndarray:
    """Activity codes: the stage's, or the product's for care (``j``: case x episode)."""
    codes = _STAGE_ACTIVITY[stage]
    codes[care] = len(ACTIVITIES) + cases.product.reshape(-1)[j[care]]
    return codes


def _intensity(cases, stage, case, j, worker_hours_per_week) -> np.ndarray:
    per_week = np.zeros(len(stage))
    for s, name in ((ASSESSMENT, "assessment"), (CONSULTATION, "consultation")):
        rows = stage == s
        per_week[rows] = worker_hours_per_week[name][cases.municipality[case[rows]]]
    rows = stage == CARE
    per_week[rows] = cases.care_units_per_week.reshape(-1)[j[rows]]
    rows = stage == LIGHT_HELP
    per_week[rows] = cases.light_hours_per_week.reshape(-1)[j[rows]]
    return per_week


def _outcome(cases, stage, j) -> np.ndarray:
    """Ledger outcome codes: the decision for assessment and consultation, step-down or
    discharge at the end of care, light help finished (``j``: case x episode)."""
    n = len(OUTCOMES)
    code = np.full(len(stage), n + 2)  # index into OUTCOMES + (stepped_down, discharged, finished)
    rows = stage <= CONSULTATION
    code[rows] = cases.outcome.reshape(-1)[j[rows]]
    rows = stage == CARE
    code[rows] = np.where(cases.step_down.reshape(-1)[j[rows]], n, n + 1)
    return _OUTCOME[code]
