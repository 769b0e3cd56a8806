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
# ledger codes: the line and activity of each stage (care: the product's, set per case),
# and the outcome of each decision in OUTCOMES
_LINE = np.array([line_code("2e" if s == "care" else "1e") for s in STAGES], dtype=np.int8)
_STAGE_ACTIVITY = np.array([activity_code(s) if s != "care" else -1 for s in STAGES],
                           dtype=np.int32)
_OUTCOME = np.array([outcome_code(name) for name in OUTCOMES], dtype=np.int8)


class StageTimes:
    """Arrival, start and end (SimPy days) of stage ``s`` of episode ``k`` of case ``i``
    at position ``(i * EPISODES + k) * len(STAGES) + s``; NaN until it happens."""

    def __init__(self, n_cases: int) -> None:
        size = n_cases * EPISODES * len(STAGES)
        self.arrival = array("d", [nan]) * size
        self.start = array("d", [nan]) * size
        self.end = array("d", [nan]) * size

    def rows(self, cases: CaseTable, worker_hours_per_week: dict[str, np.ndarray],
             products: list[str], ended_before: float = -np.inf) -> dict[str, np.ndarray]:
        """The reached stages as ledger buffers (see :meth:`simfin.sim.ledger.Ledger.add_rows`).

        ``worker_hours_per_week`` holds, for ``"assessment"`` and ``"consultation"``, per
        municipality index the hours a worker of the serving pool does per week (the row's
        intensity); ``products`` are the product names by index. Line, activity, outcome
        and intensity are picked per row by its stage (values taken, never computed).
        Stages that ended before ``ended_before`` (days, e.g. in the warm-up) are left out."""
        arrival = np.frombuffer(self.arrival)
        at = np.flatnonzero(~np.isnan(arrival))
        end = np.frombuffer(self.end)[at]
        if ended_before > -np.inf:
            kept = ~(end < ended_before)
            at, end = at[kept], end[kept]
        stage, j = at % len(STAGES), at // len(STAGES)
        case = j // EPISODES
        flat = _Flat(cases, j)
        care = stage == CARE
        decided = _OUTCOME[flat.of("outcome")]
        ended = np.where(flat.of("step_down"), outcome_code("stepped_down"),
                         outcome_code("discharged"))
        outcome = np.where(stage <= CONSULTATION, decided,
                           np.where(care, ended, outcome_code("finished")).astype(np.int8))
        outcome[np.isnan(end)] = outcome_code("")
        muni = cases.municipality[case]
        hours = np.where(stage == ASSESSMENT, worker_hours_per_week["assessment"][muni],
                         worker_hours_per_week["consultation"][muni])
        return {"case": case, "episode": j % EPISODES, "line": _LINE[stage],
                "activity": np.where(care, len(ACTIVITIES) + flat.of("product"),
                                     _STAGE_ACTIVITY[stage]),
                "t_arrival": arrival[at], "t_start": np.frombuffer(self.start)[at],
                "t_end": end,
                "intensity": np.where(stage <= CONSULTATION, hours, np.where(
                    care, flat.of("care_units_per_week"), flat.of("light_hours_per_week"))),
                "outcome": outcome}


class _Flat:
    """Per-episode case attributes at the rows' ``j`` (case x episode)."""

    def __init__(self, cases: CaseTable, j: np.ndarray) -> None:
        self.cases, self.j = cases, j

    def of(self, name: str) -> np.ndarray:
        return getattr(self.cases, name).reshape(-1)[self.j]
