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


def _episodes(ledger: pd.DataFrame, horizon: float) -> pd.DataFrame:
    """One row per (case, episode) that had an intake in the reported years: melding,
    start of the onderzoek, beschikking, care asked for and care started (NaN: not
    reached or still running)."""
    activity = ledger["activity"].to_numpy()
    keep = ["case_id", "episode", "stream", "t_arrival", "t_start", "t_end"]
    intake = ledger.loc[(activity == "assessment") & (ledger["t_arrival"] >= 0).to_numpy()
                        & (ledger["outcome"] != "abandoned").to_numpy(), keep]
    consult = ledger.loc[activity == "consultation", ["case_id", "episode", "t_end"]]
    care = ledger.loc[(ledger["line"] == "2e").to_numpy(),
                      ["case_id", "episode", "t_arrival", "t_start"]]
    ep = intake.rename(columns={"t_arrival": "melding", "t_start": "gesprek",
                                "t_end": "onderzoek_end"})
    ep = ep.merge(consult.rename(columns={"t_end": "consult_end"}), how="left",
                  on=["case_id", "episode"])
    ep = ep.merge(care.rename(columns={"t_arrival": "care_asked", "t_start": "care_start"}),
                  how="left", on=["case_id", "episode"])
    # with a consultation the beschikking follows it (NaN while it still runs)
    had_consult = pd.MultiIndex.from_frame(ep[["case_id", "episode"]]).isin(
        pd.MultiIndex.from_frame(consult[["case_id", "episode"]]))
    ep["beschikking"] = np.where(had_consult, ep["consult_end"], ep["onderzoek_end"])
    return ep


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
    ep = _episodes(ledger, horizon)
    streams = scenario.demand_streams
    # per stream, not per row: map the (few) stream names onto each term
    stream = ep["stream"].astype(object)
    term = {key: stream.map({s: getattr(d, field, None) for s, d in streams.items()})
            .to_numpy(dtype=float, na_value=np.nan)
            for key, field in _TERMS.items()}
    melding = ep["melding"].to_numpy(float)
    gesprek = ep["gesprek"].to_numpy(float)
    beschikking = ep["beschikking"].to_numpy(float)
    values: dict[str, float] = {}
    spans = {
        "melding_gesprek": (melding, gesprek, np.ones(len(ep), dtype=bool)),
        "onderzoek_beschikking": (gesprek, beschikking, ~np.isnan(gesprek)),
        "melding_beschikking": (melding, beschikking, np.ones(len(ep), dtype=bool)),
    }
    for name, (start, end, rows) in spans.items():
        known = ~np.isnan(end[rows])
        took = np.where(known, end[rows], horizon) - start[rows]
        t = term.get(name)
        values.update(_stats(name, took, known, None if t is None else t[rows]))
    asked = ep["care_asked"].to_numpy(float)
    rows = ~np.isnan(asked) & (asked <= horizon)
    started = ep["care_start"].to_numpy(float)[rows]
    known = ~np.isnan(started)
    values.update(_stats("beschikking_zorg", np.where(known, started, horizon) - asked[rows],
                         known, None))
    per = fte_per_10000(scenario)
    values.update({"access_fte_per_10000": per["formation"],
                   "access_fte_filled_per_10000": per["filled"],
                   "access_fte_on_cases_per_10000": per["on_cases"]})
    return values
