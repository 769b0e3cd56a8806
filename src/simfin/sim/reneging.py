"""Reneging and return: clients waiting for an intake who give up, and may come back.

Per case and episode, on the ``reneging`` stream of its municipality and demand stream
(so no other draw changes), seven base quantiles are drawn up front: patience, whether a
client who gave up returns, the delay, whether the need has become heavier, and the care
duration, intensity and step-down of that heavier need. A client still waiting for an
intake ``patience`` days after arriving leaves the queue (a ledger row with outcome
``"abandoned"``, no start and the moment of leaving as its end). If the case has an episode
left and the return draw says so, it comes back ``delay`` days later as its next episode;
with a heavier need that episode ends in a referral to its stream's product in
``reneging.heavier_products`` (duration and intensity of that product, with its provider's
behaviour).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simfin.scenario.distributions import ppf_by_group
from simfin.scenario.schema import Scenario
from simfin.sim.cases import EPISODES, OUTCOMES, CaseTable
from simfin.sim.ledger import outcome_code
from simfin.sim.rng import generator, name_key

__all__ = ["ABANDONED", "RenegingDraws", "draw_reneging", "mark_abandoned"]

ABANDONED = "abandoned"
_COLUMNS = ("patience", "returns", "delay", "heavier", "care_duration", "care_intensity",
            "step_down")


@dataclass(frozen=True)
class RenegingDraws:
    """Per case and episode ``(n, EPISODES)``: patience and return delay in days, whether
    the client returns and whether heavier; the heavier need's product (-1: none), care
    days, units per week (indicated and with behaviour) and step-down."""

    patience_days: np.ndarray
    returns: np.ndarray
    return_delay_days: np.ndarray
    heavier: np.ndarray
    heavy_product: np.ndarray
    heavy_care_days: np.ndarray
    heavy_care_days_indicated: np.ndarray
    heavy_units_per_week: np.ndarray
    heavy_units_per_week_indicated: np.ndarray
    heavy_step_down: np.ndarray


def _quantiles(scenario: Scenario, replication: int, cases: CaseTable) -> np.ndarray:
    """``(n, EPISODES, 7)`` base quantiles, cell by cell in arrival order within a cell."""
    u = np.empty((cases.n, EPISODES, len(_COLUMNS)))
    for mi, mname in enumerate(cases.municipalities):
        for si, sname in enumerate(cases.streams):
            rows = np.flatnonzero((cases.municipality == mi) & (cases.stream == si))
            if len(rows):
                u[rows] = generator(scenario.simulation.seed, replication, "reneging",
                                    name_key(mname), name_key(sname)).random(
                    (len(rows), EPISODES, len(_COLUMNS)))
    return u


def draw_reneging(scenario: Scenario, replication: int, cases: CaseTable) -> RenegingDraws:
    """The reneging attributes of every case of ``replication``."""
    spec = scenario.reneging
    u = _quantiles(scenario, replication, cases)
    col = {name: u[..., i] for i, name in enumerate(_COLUMNS)}
    delay = (spec.return_delay_days.ppf(col["delay"]) if spec.return_delay_days is not None
             else np.zeros(u.shape[:2]))
    products = list(cases.products)
    of_stream = np.array([products.index(spec.heavier_products[s])
                          if s in spec.heavier_products else -1 for s in cases.streams] + [-1])
    heavy = np.repeat(of_stream[cases.stream][:, None], EPISODES, axis=1)
    specs = [scenario.products[p] for p in products]
    financing = [scenario.providers[scenario.provider_of(p)].financing for p in products]
    duration = np.array([f.duration_multiplier for f in financing] + [1.0])
    intensity = np.array([f.intensity_multiplier for f in financing] + [1.0])
    step_down = np.array([f.effective_step_down(p.step_down_share)
                          for p, f in zip(specs, financing)] + [-1.0])
    days = ppf_by_group([p.duration_days for p in specs], heavy, col["care_duration"])
    per_week = ppf_by_group([p.intensity_per_week for p in specs], heavy, col["care_intensity"])
    return RenegingDraws(
        patience_days=spec.patience_days.ppf(col["patience"]),
        returns=col["returns"] < spec.return_share, return_delay_days=delay,
        heavier=(col["heavier"] < spec.heavier_share) & (heavy >= 0), heavy_product=heavy,
        heavy_care_days=days * duration[heavy], heavy_care_days_indicated=days,
        heavy_units_per_week=per_week * intensity[heavy],
        heavy_units_per_week_indicated=per_week,
        heavy_step_down=col["step_down"] < step_down[heavy])


def make_heavier(cases: CaseTable, draws: RenegingDraws, i: int, k: int) -> None:
    """Episode ``k`` of case ``i`` becomes a referral to the heavier product (in place)."""
    cases.outcome[i, k] = OUTCOMES.index("referral")
    cases.product[i, k] = draws.heavy_product[i, k]
    cases.care_days[i, k] = draws.heavy_care_days[i, k]
    cases.care_days_indicated[i, k] = draws.heavy_care_days_indicated[i, k]
    cases.care_units_per_week[i, k] = draws.heavy_units_per_week[i, k]
    cases.care_units_per_week_indicated[i, k] = draws.heavy_units_per_week_indicated[i, k]
    cases.step_down[i, k] = draws.heavy_step_down[i, k]


def mark_abandoned(rows: dict[str, np.ndarray]) -> None:
    """Rows (ledger buffers) that ended without a start are clients who gave up: outcome
    ``"abandoned"`` (in place)."""
    gave_up = np.isnan(rows["t_start"]) & ~np.isnan(rows["t_end"])
    rows["outcome"][gave_up] = outcome_code(ABANDONED)
