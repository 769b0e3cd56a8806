"""Value of information for a choice between options, on PSA sweeps that share one design.

::

    from simfin.uncertainty.voi_run import voi_sweep, value_of_information
    sweeps = voi_sweep("scenarios/bbs-95k-onzeker.toml",
                       ["scenarios/bbs-nulalternatief.toml", "scenarios/bbs-gezamenlijk.toml"],
                       samples=100, replications=2, out="out/voi")
    voi = value_of_information(sweeps)
    voi.evppi            # EVPPI per parameter, euros
    voi_sentences(voi)   # (simfin.report.voi) "Nader onderzoek naar ... is hooguit € ... waard."

Net benefit of an option in a sample: minus the mean over its replications of what the
municipalities pay over the reported horizon (euros, scenario price level, undiscounted),
minus the option's incidental and structural items at their mode (base-year prices, fixed:
their ranges are not part of the PSA), so the cheapest option has the highest net benefit.
Per municipality the same with that municipality's own simulated payments only, as if it
decided alone (a sweep keeps no ledger, so items allocated by usage cannot be spread). The
business case's phase-in, its switch on the timeline ([business_case.switch]: an option
is simulated as if it had always been in force) and discounting are not applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from simfin.business.afweging import variant_label
from simfin.errors import SimfinError
from simfin.scenario.load import load, load_uncertain
from simfin.scenario.schema import Scenario
from simfin.scenario.uncertain import UncertainScenario
from simfin.uncertainty.checkpoint import claim_voi_folders
from simfin.parallel import check_executor
from simfin.uncertainty.sweep import SweepResults, sweep
from simfin.uncertainty.voi import evpi, evpi_standard_error, evppi_table

__all__ = ["ValueOfInformation", "items_total", "net_benefits", "value_of_information",
           "voi_sweep"]

TOTAL = "*"  # the municipality value of the rows about all municipalities together


def voi_sweep(uncertain: UncertainScenario | str | Path,
              options: Sequence[Scenario | str | Path], *, out: str | Path | None = None,
              **kwargs: Any) -> dict[str, SweepResults]:
    """A PSA sweep of every option with the design of ``uncertain``; keyed by option name.

    ``kwargs`` go to :func:`simfin.uncertainty.sweep.sweep` (samples, replications,
    executor, workers, resume, progress, ...); with ``out`` each option's checkpoints go to
    ``out/<option name>``. The options must share their time frame and seed (common random
    numbers); the design (sampled values) comes from ``uncertain`` and its seed.
    """
    us = uncertain if isinstance(uncertain, UncertainScenario) else load_uncertain(uncertain)
    scenarios = [o if isinstance(o, Scenario) else load(o) for o in options]
    names = [s.name for s in scenarios]
    if len(scenarios) < 2 or len(set(names)) != len(names):
        raise SimfinError(f"expected at least two options with different names, got "
                          f"{', '.join(names) or 'none'}")
    frame = ("start_year", "horizon_years", "warmup_years", "seed")
    first = scenarios[0].simulation
    for s in scenarios[1:]:
        if any(getattr(s.simulation, f) != getattr(first, f) for f in frame):
            raise SimfinError(f"option {s.name} differs from {scenarios[0].name} in "
                              f"simulation.{'/'.join(frame)}; the options of a decision need "
                              "the same time frame and seed (common random numbers)")
    check_executor(kwargs.get("executor", "process"), kwargs.get("workers"),
                   kwargs.get("scheduler"))   # before anything is written to ``out``
    folders = claim_voi_folders(Path(out), names, kwargs.get("resume", False),
                                kwargs.get("force", False)) if out is not None else {}
    return {s.name: sweep(us, "psa", option=s, out=folders.get(s.name), **kwargs)
            for s in scenarios}


def items_total(scenario: Scenario) -> float:
    """The option's incidental and structural items over the horizon, euros at their mode
    (base-year prices, as the business case's ``items`` table)."""
    from simfin.business.result import item_specs

    specs = item_specs({scenario.name: scenario})
    total = 0.0
    for row in specs.itertuples():
        years = len(row.years.split(", ")) if row.years else 0
        total += row.mode_eur * (years if row.cost_type == "structural" else 1)
    return total


def net_benefits(sweeps: Mapping[str, SweepResults]) -> pd.DataFrame:
    """``sample, municipality, option, net_benefit_eur`` (``municipality == "*"``: all).

    ``net_benefit_eur`` is minus the mean over replications of the municipal payments over
    the horizon, and for all municipalities together also minus the option's incidental and
    structural items (:func:`items_total`), euros (see the module docstring).
    """
    parts = []
    for name, sw in sweeps.items():
        items = items_total(sw.option or sw.uncertain.base)
        yearly = sw.yearly
        by = yearly.groupby(["sample", "replication", "municipality"])["amount_eur"].sum()
        per_mun = by.groupby(["sample", "municipality"]).mean().reset_index()
        total = yearly.groupby(["sample", "replication"])["amount_eur"].sum() \
            .groupby("sample").mean().reset_index().assign(municipality=TOTAL)
        total["amount_eur"] += items
        both = pd.concat([total, per_mun], ignore_index=True).assign(option=name)
        parts.append(both.assign(net_benefit_eur=-both["amount_eur"]).drop(columns="amount_eur"))
    return pd.concat(parts, ignore_index=True)[["sample", "municipality", "option",
                                                "net_benefit_eur"]]


def _check_same_design(sweeps: Mapping[str, SweepResults]) -> SweepResults:
    if len(sweeps) < 2:
        raise SimfinError("expected the sweeps of at least two options")
    first, *rest = sweeps.values()
    for sw in rest:
        if sw.design.method != "psa" or sw.design.fingerprint() != first.design.fingerprint():
            raise SimfinError("expected PSA sweeps of one design (same uncertain scenario, "
                              "samples and seed) for every option")
    return first


@dataclass(frozen=True)
class ValueOfInformation:
    """What :func:`value_of_information` returns; every amount in euros over the horizon.

    Attributes
    ----------
    options : dict
        Option name -> display label.
    net_benefit : DataFrame
        :func:`net_benefits`.
    evpi : DataFrame
        ``municipality, evpi_eur, evpi_se_eur, best_option, expected_net_benefit_eur``:
        one row for all together (``"*"``) and one per municipality.
    evppi : DataFrame
        :func:`~simfin.uncertainty.voi.evppi_table` for all municipalities together.
    meta : dict
        Samples, replications, years, price level, scenario names.
    """

    options: dict[str, str]
    net_benefit: pd.DataFrame
    evpi: pd.DataFrame
    evppi: pd.DataFrame
    meta: dict

    @property
    def evpi_eur(self) -> float:
        """EVPI for all municipalities together, euros."""
        return float(self.evpi.loc[self.evpi["municipality"] == TOTAL, "evpi_eur"].iloc[0])


def _matrix(nb: pd.DataFrame, municipality: str, options: list[str]) -> pd.DataFrame:
    part = nb[nb["municipality"] == municipality]
    return part.pivot(index="sample", columns="option", values="net_benefit_eur")[options]


def value_of_information(sweeps: Mapping[str, SweepResults],
                         groups: Mapping[str, Sequence[str]] | None = None) -> ValueOfInformation:
    """EVPI (total and per municipality) and EVPPI per parameter of a choice between options.

    ``sweeps``: option name -> its PSA sweep (:func:`voi_sweep`); ``groups``: optional
    named groups of parameters (dotted paths) whose joint EVPPI is wanted too.
    """
    first = _check_same_design(sweeps)
    options = list(sweeps)
    nb = net_benefits(sweeps)
    rows = []
    for mun in [TOTAL, *sorted(set(nb["municipality"]) - {TOTAL})]:
        matrix = _matrix(nb, mun, options)
        means = matrix.mean()
        rows.append({"municipality": mun, "evpi_eur": evpi(matrix),
                     "evpi_se_eur": evpi_standard_error(matrix),
                     "best_option": str(means.idxmax()),
                     "expected_net_benefit_eur": float(means.max())})
    design = first.design
    table = evppi_table(_matrix(nb, TOTAL, options), design.values[list(design.varied)],
                        groups, design.labels)
    option = first.option or first.uncertain.base
    sim = option.simulation
    meta = {"samples": design.samples, "replications": first.replications,
            "first_year": sim.start_year, "last_year": sim.start_year + sim.horizon_years - 1,
            "uncertain": first.uncertain.base.name, "seed": sim.seed,
            "price_base_year": option.business_case.price_base_year}
    labels = {name: variant_label(sw.option or sw.uncertain.base) for name, sw in sweeps.items()}
    return ValueOfInformation(labels, nb, pd.DataFrame(rows), table, meta)
