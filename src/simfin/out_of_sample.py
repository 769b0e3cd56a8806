"""A validation that can fail: degrees of freedom of a calibration and an out-of-sample check.

A calibration that fits one factor per observed target reproduces those targets by
construction; agreement there validates nothing. Two things can fail:

* **degrees of freedom** (:func:`degrees_of_freedom`): targets compared (euro targets per
  municipality and taakveld that a factor reaches, plus client counts with a band) minus
  factors fitted. Only targets beyond the factors test the model;
* **out of sample** (:func:`out_of_sample`): the scenario fitted on ``fit_year`` (e.g. the
  jaarrekening 2023) predicts another data year (e.g. the begroting 2024). Observed year
  ``test_year`` is compared with model year ``start_year + (test_year - fit_year)``, so
  the model's own growth (population, trends, the shrinking WSW) is part of the
  prediction. Nothing of ``test_year`` was used in the fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from simfin.calibrate import Calibration, compare_observed, line_taakveld
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import main_taakveld

__all__ = ["Dof", "degrees_of_freedom", "out_of_sample", "summary_by_municipality"]


@dataclass(frozen=True)
class Dof:
    """Targets, fitted factors and what is left to test the model."""

    euro_targets: int
    client_targets: int
    factors: int

    @property
    def dof(self) -> int:
        return self.euro_targets + self.client_targets - self.factors

    def text(self, lang: str = "nl") -> str:
        if lang == "nl":
            return (f"Vrijheidsgraden: {self.euro_targets} doelen in euro's + "
                    f"{self.client_targets} cliëntaantallen − {self.factors} gefitte factoren "
                    f"= {self.dof}. Alleen doelen boven het aantal factoren toetsen het model.")
        return (f"Degrees of freedom: {self.euro_targets} euro targets + {self.client_targets} "
                f"client counts − {self.factors} fitted factors = {self.dof}. Only targets "
                "beyond the number of factors test the model.")


def degrees_of_freedom(result: Calibration, clients: pd.DataFrame | None = None) -> Dof:
    """:class:`Dof` of ``result``: euro targets that a fitted factor reaches, client counts
    compared (rows of :func:`simfin.clients.compare_clients`), factors fitted (those with an
    observed target; the others are not moved)."""
    table = result.comparison.dropna(subset=["observed"])
    targets = set(zip(table["municipality"], table["taakveld"]))
    fitted = [(r.municipality, r.taakveld) for r in result.factors.itertuples()
              if (r.municipality, r.taakveld) in targets]  # a factor without a target: not moved
    reached = len(targets & set(fitted))
    return Dof(reached, 0 if clients is None else len(clients), len(fitted))


def out_of_sample(scenario: Scenario, observed: pd.DataFrame, fit_year: int, test_year: int,
                  replications: int = 3) -> pd.DataFrame:
    """:func:`~simfin.calibrate.compare_observed` of ``observed`` (year ``test_year``)
    against model year ``start_year + test_year - fit_year``; ``attrs`` name the pair."""
    model_year = scenario.simulation.start_year + (test_year - fit_year)
    if model_year not in scenario.reported_years:
        scenario = scenario.with_changes(
            {"simulation.horizon_years": model_year - scenario.simulation.start_year + 1})
    table = compare_observed(scenario, observed, replications, year=model_year)
    table = table.dropna(subset=["observed"]).reset_index(drop=True)  # only what was observed
    fitted = _fitted_targets(scenario)
    table["fitted_line"] = [(m, t) in fitted for m, t in
                            zip(table["municipality"], table["taakveld"])]
    table.attrs.update(fit_year=fit_year, test_year=test_year, model_year=model_year)
    return table


def _fitted_targets(scenario: Scenario) -> set[tuple[str, str]]:
    """(municipality, taakveld) of every calibratable factor of ``scenario``."""
    params = scenario.calibration.parameters if scenario.calibration else {}
    out = set()
    for path in params:
        _, muni, _, line = path.split(".")
        code = line_taakveld(scenario, line)
        out |= {(muni, code), (muni, main_taakveld(code))}
    return out


def summary_by_municipality(table: pd.DataFrame, exclude: tuple[str, ...] = ("0.4",)
                            ) -> pd.DataFrame:
    """Observed and modelled totals per municipality (without ``exclude``, by default the
    whole municipality's overhead 0.4), with the relative difference."""
    rows = table[~table["taakveld"].isin(exclude)]
    out = rows.groupby("municipality", as_index=False)[["observed", "model_mean"]].sum()
    out["difference"] = out["model_mean"] / out["observed"] - 1
    return out
