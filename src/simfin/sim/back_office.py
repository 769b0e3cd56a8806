"""Front office and back office as queues: each dossier passes FO, hand-over and BO.

A dossier opens when the access team decides on a request of a domain with one of its
``dossier_outcomes`` (the decision time in the ledger), or when a new recipient of an
entitlement starts (its application). It then

1. waits for and takes the front office (FO): ``hours_per_dossier`` of one worker;
2. if FO and BO are run by different organisations, waits ``handover.delay_days``;
3. waits for and takes the back office (BO).

Each step is a first-come-first-served pool of ``max(1, round(fte))`` workers that share
the FTE's productive, non-absent hours (``access_team.productive_hours_per_fte`` and
``absence_rate``), exactly as an access-team intake pool (:func:`simfin.sim.access_team.
pool_capacity`). The steps run after the SimPy run on the decision times of the ledger
(the simulation itself is unchanged, so a scenario without ``[offices]`` gives the same
results to the last bit); the back office does not move the start of care in the
ledger: its lead time is reported next to it. Dossiers open from the first reported year
on, so the FO and BO queues start empty then.

Columns of the dossier table
----------------------------
domain, municipality, fo_organisation, bo_organisation : str
handover : bool               FO and BO in different organisations
t_open : float                days since 1 January of the first reported year
fo_start, fo_end, bo_arrival, bo_start, bo_end : float   (may lie beyond the horizon)
fo_hours, bo_hours, coordination_hours : float
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from simfin.scenario.schema import Scenario
from simfin.scenario.schema.offices import DomainOffices, Office
from simfin.sim.access_team import pool_capacity
from simfin.sim.arrivals import DAYS_PER_YEAR
from simfin.sim.rng import generator, name_key

__all__ = ["DOSSIER_COLUMNS", "OFFICE_KPI_UNITS", "fcfs_pool", "office_dossiers",
           "office_kpis"]

DOSSIER_COLUMNS = ("domain", "municipality", "fo_organisation", "bo_organisation", "handover",
                   "t_open", "fo_start", "fo_end", "bo_arrival", "bo_start", "bo_end",
                   "fo_hours", "bo_hours", "coordination_hours")
OFFICE_KPI_UNITS = {"dossiers_per_year": "cases", "dossier_lead_mean_days": "days",
                    "dossier_lead_p95_days": "days", "office_wait_mean_days": "days",
                    "handover_share": "share"}
FO, HANDOVER, BO = 0, 1, 2  # step keys of the "offices" random stream


def fcfs_pool(arrival: np.ndarray, service_days: np.ndarray, servers: int) -> np.ndarray:
    """Start times of jobs at a first-come-first-served pool of ``servers`` workers.

    ``arrival`` must be sorted; job ``i`` starts at the later of its arrival and the
    moment the first worker comes free (a worker then holds it ``service_days[i]``).
    """
    free = [0.0] * servers
    start = np.empty(len(arrival))
    for i, (t, d) in enumerate(zip(arrival.tolist(), service_days.tolist())):
        begin = max(t, heapq.heappop(free))
        start[i] = begin
        heapq.heappush(free, begin + d)
    return start


def _openings(scenario: Scenario, name: str, domain: DomainOffices, ledger: pd.DataFrame,
              recipients: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Opening times (sorted) and municipalities of the dossiers of domain ``name``."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    if name in scenario.entitlements:
        rows = recipients[recipients["entitlement"] == name] if recipients is not None \
            else pd.DataFrame(columns=["t_start", "municipality"])
        t, muni = rows["t_start"].to_numpy(float), rows["municipality"].to_numpy(object)
    else:
        rows = ledger[(ledger["activity"] == "assessment") & (ledger["stream"] == name)
                      & ledger["outcome"].isin(domain.dossier_outcomes)]
        t, muni = rows["t_end"].to_numpy(float), rows["municipality"].to_numpy(object)
    keep = (t >= 0) & (t < horizon)
    order = np.argsort(t[keep], kind="stable")
    return t[keep][order], muni[keep][order]


def _step(scenario: Scenario, office: Office, arrival: np.ndarray, u: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hours, start and end of each dossier at ``office`` (``arrival`` sorted)."""
    servers, hours_per_day = pool_capacity(office.fte, scenario.access_team)
    hours = office.hours_per_dossier.ppf(u) if len(u) else np.zeros(0)
    start = fcfs_pool(arrival, hours / hours_per_day, servers)
    return hours, start, start + hours / hours_per_day


def _domain(scenario: Scenario, replication: int, name: str, domain: DomainOffices,
            ledger: pd.DataFrame, recipients: pd.DataFrame | None) -> pd.DataFrame:
    offices = scenario.offices
    t_open, muni = _openings(scenario, name, domain, ledger, recipients)
    n = len(t_open)

    def draws(step: int) -> np.ndarray:
        return generator(scenario.simulation.seed, replication, "offices", name_key(name),
                         step).random(n)

    fo_hours, fo_start, fo_end = _step(scenario, domain.front_office, t_open, draws(FO))
    handover = offices.hands_over(domain)
    delay = offices.handover.delay_days.ppf(draws(HANDOVER)) if handover and n \
        else np.zeros(n)
    bo_arrival = fo_end + delay
    order = np.argsort(bo_arrival, kind="stable")
    bo_hours, bo_start, bo_end = np.empty(n), np.empty(n), np.empty(n)
    bo_hours[order], bo_start[order], bo_end[order] = _step(
        scenario, domain.back_office, bo_arrival[order], draws(BO))
    coordination = offices.handover.coordination_hours_per_dossier if handover else 0.0
    return pd.DataFrame({
        "domain": name, "municipality": muni,
        "fo_organisation": domain.front_office.organisation,
        "bo_organisation": domain.back_office.organisation, "handover": handover,
        "t_open": t_open, "fo_start": fo_start, "fo_end": fo_end, "bo_arrival": bo_arrival,
        "bo_start": bo_start, "bo_end": bo_end, "fo_hours": fo_hours, "bo_hours": bo_hours,
        "coordination_hours": np.full(n, coordination)}, columns=list(DOSSIER_COLUMNS))


def office_dossiers(scenario: Scenario, replication: int, ledger: pd.DataFrame,
                    recipients: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every dossier of the reported years through FO, hand-over and BO (columns: module
    docstring), domain by domain in the order of ``offices.domains``; empty without
    ``[offices]``."""
    if scenario.offices is None:
        return pd.DataFrame(columns=list(DOSSIER_COLUMNS))
    parts = [_domain(scenario, replication, name, domain, ledger, recipients)
             for name, domain in scenario.offices.domains.items()]
    return pd.concat(parts, ignore_index=True)


def office_kpis(dossiers: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Dossiers per year, lead time from opening to the BO's end (mean, p95; a dossier
    unfinished at the horizon counts as the time so far, a lower bound), mean waiting at
    FO and BO together, and the share of dossiers handed over between organisations."""
    horizon = scenario.simulation.horizon_years * DAYS_PER_YEAR
    t_open = dossiers["t_open"].to_numpy(float)
    lead = np.minimum(dossiers["bo_end"].to_numpy(float), horizon) - t_open
    wait = (dossiers["fo_start"] - dossiers["t_open"] + dossiers["bo_start"]
            - dossiers["bo_arrival"]).to_numpy(float)
    empty = len(dossiers) == 0
    values = {
        "dossiers_per_year": len(dossiers) / scenario.simulation.horizon_years,
        "dossier_lead_mean_days": np.nan if empty else lead.mean(),
        "dossier_lead_p95_days": np.nan if empty else np.percentile(lead, 95),
        "office_wait_mean_days": np.nan if empty else wait.mean(),
        "handover_share": np.nan if empty else dossiers["handover"].to_numpy(bool).mean(),
    }
    return pd.DataFrame({"kpi": list(values), "value": [float(v) for v in values.values()],
                         "unit": [OFFICE_KPI_UNITS[k] for k in values]})
