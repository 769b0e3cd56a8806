"""The ledger: one row per episode (case x line x activity), time stamps only.

The simulation hands the ledger blocks of rows as numpy columns (the 0e lijn at once, the
stages the cases reached after the run, :mod:`simfin.sim.stage_times`), and the DataFrame
is built once. Until then ``line``, ``activity`` and ``outcome`` are small integer codes
into :data:`LINES`, :func:`activities` and :data:`OUTCOME_CODES` (strings are made once, for
the frame, from the few names). A time stamp at or after the end of the run has not happened yet:
:func:`Ledger.to_frame` turns it into NaN (still waiting or in service). It also adds the
case attributes and the delivered units.

Columns of the ledger DataFrame
-------------------------------
replication : int
case_id : int              position of the case in arrival order (unique per replication)
episode : int              0 for the first request, 1, 2 for returns (re-entry)
municipality, stream, complexity : str
urgent : bool
line : str                 "0e", "1e" (access team) or "2e" (specialist care)
activity : str             "advice" (0e), "assessment", "consultation" (by a specialist, before
                           the decision), "light_help" (1e), or the product (2e)
provider : str             provider of a 2e product, "" otherwise
unit : str                 "hour" for 0e/1e rows, the product's billing unit for 2e
t_arrival : float          days since 1 January of the first reported year (warm-up < 0)
t_start : float            intake start (assessment) or care start; NaN if still waiting
t_end : float              decision (assessment) or care end; NaN if still running at the end
intensity_per_week : float units (team hours, or product units) per week while in service
units : float              units delivered within the reported years (team hours for 1e)
outcome : str              see :data:`OUTCOME_LABELS`
indicated_days : float     2e only: care length the need implies, before the financing's
                           behaviour multiplier (what an arrangement band is based on); NaN else
indicated_units : float    2e only: units the need implies (indicated days x indicated units
                           per week / 7), before behaviour multipliers; NaN else

Rows that ended before the first reported year are discarded (warm-up).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.coded import coded_strings

__all__ = ["ACTIVITIES", "COLUMNS", "LINES", "OUTCOME_CODES", "OUTCOME_LABELS", "Ledger",
           "activities", "activity_code", "ledger_frame", "line_code", "outcome_code"]

COLUMNS = ("replication", "case_id", "episode", "municipality", "stream", "complexity",
           "urgent", "line", "activity", "provider", "unit", "t_arrival", "t_start", "t_end",
           "intensity_per_week", "units", "outcome", "indicated_days", "indicated_units")

OUTCOME_LABELS = {
    "resolved": "resolved in the 0e lijn",
    "light_help": "assessment ended in light help",
    "general_facility": "assessment ended in a general facility",
    "referral": "assessment ended in a referral to specialist care",
    "finished": "light help finished",
    "discharged": "specialist care ended",
    "stepped_down": "specialist care ended with step-down to light help",
    "abandoned": "gave up waiting for the intake (reneging)",
    "waiting": "still waiting at the end of the horizon",
    "in_service": "still in service at the end of the horizon",
}

#: The names the coded buffers stand for: ``line`` indexes LINES, ``outcome``
#: OUTCOME_CODES ("" for a row not closed yet), ``activity`` :func:`activities`.
LINES = ("0e", "1e", "2e")
OUTCOME_CODES = ("", *OUTCOME_LABELS)
ACTIVITIES = ("advice", "assessment", "consultation", "light_help")


def activities(products) -> tuple[str, ...]:
    """The activity names by code: :data:`ACTIVITIES`, then the products in sorted order."""
    return ACTIVITIES + tuple(sorted(products))


def line_code(name: str) -> int:
    return LINES.index(name)


def activity_code(name: str) -> int:
    """Code of a non-product activity (a product's is ``len(ACTIVITIES)`` + its index)."""
    return ACTIVITIES.index(name)


def outcome_code(name: str) -> int:
    return OUTCOME_CODES.index(name)


_OPEN, _WAITING, _IN_SERVICE = (outcome_code(name) for name in ("", "waiting", "in_service"))


class Ledger:
    """Blocks of rows, each a set of numpy columns (:meth:`add_closed`, :meth:`add_rows`);
    :meth:`arrays` joins them and :meth:`to_frame` builds the tidy ledger."""

    #: The buffers of a block, and their dtypes.
    BUFFERS = {"case": np.int64, "episode": np.int64, "line": np.int8,
               "activity": np.int32, "t_arrival": float, "t_start": float, "t_end": float,
               "intensity": float, "outcome": np.int8}

    def __init__(self) -> None:
        self._blocks: list[dict[str, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(block["case"]) for block in self._blocks)

    def add_closed(self, cases: np.ndarray, line: str, activity: str, t: np.ndarray,
                   outcome: str) -> None:
        """Rows of episode 0 that start and end at their arrival ``t`` (e.g. the 0e lijn);
        ``line``, ``activity`` (not a product) and ``outcome`` by name."""
        n = len(cases)
        self.add_rows(case=cases, episode=np.zeros(n, dtype=np.int64),
                      line=np.full(n, line_code(line), dtype=np.int8),
                      activity=np.full(n, activity_code(activity), dtype=np.int32),
                      t_arrival=t, t_start=t, t_end=t, intensity=np.zeros(n),
                      outcome=np.full(n, outcome_code(outcome), dtype=np.int8))

    def add_rows(self, **columns: np.ndarray) -> None:
        """A block of rows, one numpy array per buffer (``case``, ``episode``, ``line``,
        ``activity``, ``t_arrival``, ``t_start``, ``t_end``, ``intensity``, ``outcome``; the
        coded ones as codes, ``outcome`` "" for a row not closed, NaN for a time that has
        not come)."""
        self._blocks.append(columns)

    def _columns(self) -> dict[str, np.ndarray]:
        """Every buffer as one numpy array, blocks in the order they were added."""
        if not self._blocks:
            return {name: np.empty(0, dtype=kind) for name, kind in self.BUFFERS.items()}
        return {name: np.concatenate([np.asarray(b[name], dtype=kind) for b in self._blocks])
                for name, kind in self.BUFFERS.items()}

    def arrays(self, t_origin: float, t_stop: float) -> dict[str, np.ndarray]:
        """The buffers as numpy arrays, times shifted by ``t_origin``. Time stamps at or
        after ``t_stop`` (the end of the run, before the shift) have not happened: NaN, and
        such rows are still ``"waiting"`` or ``"in_service"``; a row that a case would
        only enter at or after ``t_stop`` is left out."""
        col = self._columns()
        entered = col["t_arrival"] < t_stop
        if not entered.all():
            col = {name: values[entered] for name, values in col.items()}
        t_start, t_end, outcome = col["t_start"], col["t_end"], col["outcome"]
        not_yet = t_end >= t_stop
        t_end[not_yet], outcome[not_yet] = np.nan, _OPEN
        t_start[t_start >= t_stop] = np.nan
        open_rows = outcome == _OPEN
        outcome[open_rows] = np.where(np.isnan(t_start[open_rows]), _WAITING, _IN_SERVICE)
        return {"case_id": col["case"], "episode": col["episode"], "line": col["line"],
                "activity": col["activity"], "t_arrival": col["t_arrival"] - t_origin,
                "t_start": t_start - t_origin, "t_end": t_end - t_origin,
                "intensity_per_week": col["intensity"],
                "outcome": outcome}

    def to_frame(self, cases, scenario, replication: int, t_origin: float,
                 t_horizon: float) -> pd.DataFrame:
        """Build the tidy ledger; times shifted by ``t_origin`` (start of year one)."""
        return ledger_frame(self.arrays(t_origin, t_origin + t_horizon), cases, scenario,
                            replication, t_horizon)


def ledger_frame(col: dict[str, np.ndarray], cases, scenario, replication: int,
                 t_horizon: float) -> pd.DataFrame:
    """The tidy ledger from :meth:`Ledger.arrays` (times since the start of year one).

    Rows that ended before year one (warm-up) are dropped; rows are sorted by case,
    episode and arrival (stable)."""
    keep = np.flatnonzero(~(col["t_end"] < 0))
    order = keep[_sorted(col["case_id"][keep], col["episode"][keep], col["t_arrival"][keep])]
    return _decorate({name: values[order] for name, values in col.items()}, cases,
                     scenario, replication, t_horizon)


def _sorted(case: np.ndarray, episode: np.ndarray, t_arrival: np.ndarray) -> np.ndarray:
    """``np.lexsort((t_arrival, episode, case))``: positions sorted by case, episode and
    arrival, ties in their order.

    The rows come as runs already sorted by (case, episode), and within one (case,
    episode) the stages arrive in order; a stable sort on that key alone then gives the
    same order, and is checked to (else the full sort)."""
    key = case * (int(episode.max(initial=0)) + 1) + episode
    order = np.argsort(key, kind="stable")
    key, t = key[order], t_arrival[order]
    same = key[1:] == key[:-1]
    if (t[1:][same] >= t[:-1][same]).all():
        return order
    return np.lexsort((t_arrival, episode, case))


def _decorate(raw: dict[str, np.ndarray], cases, scenario, replication: int,
              t_horizon: float) -> pd.DataFrame:
    """The ledger columns (:data:`COLUMNS`) from the raw rows and the case attributes."""
    case, episode, activity = raw["case_id"], raw["episode"], raw["activity"]
    is_2e = raw["line"] == line_code("2e")
    products = sorted(scenario.products)
    # index + 1 of the product, 0 off the 2e lijn
    on_2e = np.where(is_2e, activity.astype(np.int64) - (len(ACTIVITIES) - 1), 0)
    provider = coded_strings([""] + [scenario.provider_of(p) for p in products], on_2e)
    unit = coded_strings(["hour"] + [scenario.products[p].unit for p in products], on_2e)
    start = np.maximum(raw["t_start"], 0.0)  # NaN (not started) stays NaN: nothing served
    stop = np.fmin(np.nan_to_num(raw["t_end"], nan=t_horizon), t_horizon)
    served = np.where(np.isnan(start), 0.0, np.maximum(stop - start, 0.0))
    j = case * cases.complexity.shape[1] + episode  # position in a (case, episode) array
    on_care = j[is_2e]
    indicated_days = np.full(len(case), np.nan)
    indicated_days[is_2e] = cases.care_days_indicated.reshape(-1)[on_care]
    indicated_units = np.full(len(case), np.nan)
    indicated_units[is_2e] = indicated_days[is_2e] \
        * cases.care_units_per_week_indicated.reshape(-1)[on_care] / 7.0
    columns = {
        **raw, "replication": np.full(len(case), replication, dtype=np.int64),
        "line": coded_strings(LINES, raw["line"]),
        "activity": coded_strings(activities(products), activity),
        "outcome": coded_strings(OUTCOME_CODES, raw["outcome"]),
        "municipality": coded_strings(cases.municipalities, cases.municipality[case]),
        "stream": coded_strings(cases.streams, cases.stream[case]),
        "complexity": coded_strings(cases.complexities, cases.complexity.reshape(-1)[j]),
        "urgent": cases.urgent.reshape(-1)[j], "provider": provider, "unit": unit,
        "units": raw["intensity_per_week"] * served / 7.0,
        "indicated_days": indicated_days, "indicated_units": indicated_units}
    return pd.DataFrame({name: columns[name] for name in COLUMNS})
