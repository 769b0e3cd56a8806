"""Doorlooptijd per stage of the pathway, each checked against its legal term.

The stages an advisor reports (requests that arrived in the reported years; days):

* ``melding_gesprek``: melding → start of the gesprek / onderzoek (the intake wait),
  checked against the stream's ``legal_norm_days``;
* ``onderzoek_beschikking``: start of the onderzoek → beschikking (the assessment and, for
  some cases, the wait for and the consultation of a specialist);
* ``melding_beschikking``: melding → beschikking, the two above together, checked against
  the stream's ``decision_term_days`` (Wmo 2015: 6 weeks onderzoek + 2 weeks beschikking;
  Jeugdwet and Participatiewet via the Awb art. 4:13: 8 weeks) where the scenario sets one;
* ``beschikking_zorg``: beschikking → start of specialist care (the wait for a place).

Per stage the mean and the 90th percentile, and P(within term) where a term applies. A
stage still running at the end of the run counts with the time it has taken so far (a
lower bound, as the intake wait in :mod:`simfin.metrics`), and as within its term only
once it is known to be. Backlogs at the end are ``intake_queue_end`` and
``specialist_waiting_end`` (:mod:`simfin.metrics`). Requests that gave up waiting
(reneging) have no onderzoek and are left out of the later stages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.coded import coded_column
from simfin.scenario.schema import Scenario
from simfin.sim.access_team import fte_per_10000

__all__ = ["STAGE_KPI_UNITS", "STAGES", "stage_kpis"]

STAGES = ("melding_gesprek", "onderzoek_beschikking", "melding_beschikking", "beschikking_zorg")
_TERMS = {"melding_gesprek": "legal_norm_days", "melding_beschikking": "decision_term_days"}

STAGE_KPI_UNITS: dict[str, str] = {}
for _stage in STAGES:
    STAGE_KPI_UNITS[f"stage_{_stage}_mean_days"] = "days"
    STAGE_KPI_UNITS[f"stage_{_stage}_p90_days"] = "days"
    if _stage in _TERMS:
        STAGE_KPI_UNITS[f"stage_{_stage}_within_term_share"] = "share"
STAGE_KPI_UNITS.update({"access_fte_per_10000": "fte", "access_fte_filled_per_10000": "fte",
                        "access_fte_on_cases_per_10000": "fte"})


def _episodes(ledger: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per (case, episode) that had an intake in the reported years, in ledger order:
    its ``stream`` (:class:`~simfin.finance.care.Coded`), melding, start of the onderzoek
    (``gesprek``), beschikking, care asked for and care started (days; NaN: not reached
    or still running).

    A ledger has at most one consultation and one 2e-lijn row per (case, episode); they
    are matched to the intake by that key, as a left join would."""
    activity = coded_column(ledger["activity"])
    t_arrival = ledger["t_arrival"].to_numpy(dtype=float)
    t_start = ledger["t_start"].to_numpy(dtype=float)
    t_end = ledger["t_end"].to_numpy(dtype=float)
    episode = ledger["episode"].to_numpy(dtype=np.int64)
    key = ledger["case_id"].to_numpy(dtype=np.int64) * (int(episode.max(initial=0)) + 1) \
        + episode
    intake = activity.where("assessment") & (t_arrival >= 0) \
        & ~coded_column(ledger["outcome"]).where("abandoned")
    consult = activity.where("consultation")
    care = coded_column(ledger["line"]).where("2e")
    at = key[intake]
    had_consult, (consult_end,) = _match(at, key[consult], t_end[consult])
    _, (care_asked, care_start) = _match(at, key[care], t_arrival[care], t_start[care])
    # with a consultation the beschikking follows it (NaN while it still runs)
    return {"stream": coded_column(ledger["stream"]).take(intake),
            "melding": t_arrival[intake], "gesprek": t_start[intake],
            "beschikking": np.where(had_consult, consult_end, t_end[intake]),
            "care_asked": care_asked, "care_start": care_start}


def _match(at: np.ndarray, keys: np.ndarray, *columns: np.ndarray
           ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Whether each of ``at`` is among the (unique) ``keys``, and each of ``columns`` (one
    value per key) at that key, NaN where there is none."""
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    pos = np.minimum(np.searchsorted(keys, at), max(len(keys) - 1, 0))
    found = keys[pos] == at if len(keys) else np.zeros(len(at), dtype=bool)
    matched = []
    for column in columns:
        values = np.full(len(at), np.nan)
        values[found] = column[order][pos[found]]
        matched.append(values)
    return found, matched


def _stats(prefix: str, took: np.ndarray, known: np.ndarray,
           term: np.ndarray | None) -> dict[str, float]:
    out = {f"stage_{prefix}_mean_days": float(took.mean()) if len(took) else np.nan,
           f"stage_{prefix}_p90_days": float(np.percentile(took, 90)) if len(took) else np.nan}
    if term is not None:
        has_term = ~np.isnan(term)
        decided = has_term & (known | (took > term))
        within = decided & (took <= term)
        out[f"stage_{prefix}_within_term_share"] = (
            within.sum() / decided.sum() if decided.any() else np.nan)
    return out


def stage_kpis(ledger: pd.DataFrame, scenario: Scenario, horizon: float) -> dict[str, float]:
    """Doorlooptijd KPIs per stage (see the module) and the access team's FTE per 10,000
    inhabitants; ``horizon`` is the end of the reported years in days."""
    ep = _episodes(ledger)
    streams = scenario.demand_streams
    # per stream, not per row: each term looked up once per stream name
    term = {key: ep["stream"].lookup(lambda s, field=field: _term(streams, s, field))
            for key, field in _TERMS.items()}
    melding, gesprek, beschikking = ep["melding"], ep["gesprek"], ep["beschikking"]
    values: dict[str, float] = {}
    every = np.ones(len(melding), dtype=bool)
    spans = {
        "melding_gesprek": (melding, gesprek, every),
        "onderzoek_beschikking": (gesprek, beschikking, ~np.isnan(gesprek)),
        "melding_beschikking": (melding, beschikking, every),
    }
    for name, (start, end, rows) in spans.items():
        known = ~np.isnan(end[rows])
        took = np.where(known, end[rows], horizon) - start[rows]
        t = term.get(name)
        values.update(_stats(name, took, known, None if t is None else t[rows]))
    asked = ep["care_asked"]
    rows = ~np.isnan(asked) & (asked <= horizon)
    started = ep["care_start"][rows]
    known = ~np.isnan(started)
    values.update(_stats("beschikking_zorg", np.where(known, started, horizon) - asked[rows],
                         known, None))
    per = fte_per_10000(scenario)
    values.update({"access_fte_per_10000": per["formation"],
                   "access_fte_filled_per_10000": per["filled"],
                   "access_fte_on_cases_per_10000": per["on_cases"]})
    return values


def _term(streams: dict, stream: str, field: str) -> float:
    """The term ``field`` (days) of ``stream``; NaN where it has none."""
    value = getattr(streams[stream], field, None) if stream in streams else None
    return np.nan if value is None else float(value)
