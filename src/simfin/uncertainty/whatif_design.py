"""The design an emulator is fitted on: business cases at points of the deciding parameters.

The parameters of a what-if are those the variant file declares as ranges (``dist``
tables, :mod:`simfin.scenario.uncertain`) plus the access team's FTE (the range given
here); the budget ceiling needs no simulation (:mod:`simfin.uncertainty.emulator`). Each
design point is a Latin hypercube point over those ranges, simulated as a business case
of ``replications`` replications (item amounts at their mode, the parameters at the
point, common random numbers: replication *r* has the same residents at every point and
in the nulalternatief, which is simulated once).

Per point and replication the design keeps: ``npv_eur`` (saving against the
nulalternatief, as the business case), ``structural_saving_eur`` (last year),
``intake_wait_p95_days`` of the variant and its spending against the ceiling per year
(``spending_<year>_eur``, nominal). Build the shipped BBS design with::

    python -m simfin.uncertainty.whatif_design --points 40 --replications 20 --workers 2
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import qmc

from simfin.business.case import ScenarioRuns, SwitchFrom, assemble, simulate_runs
from simfin.business.ceiling import spending
from simfin.business.psa import scenario_with
from simfin.runner import with_settings
from simfin.scenario import load
from simfin.scenario.load import load_uncertain
from simfin.scenario.schema import Scenario

__all__ = ["DESIGN_FILE", "Input", "WhatIf", "build_design", "evaluate", "what_if"]

ROOT = Path(__file__).resolve().parents[3]
#: The shipped design of the BBS case (bbs-nulalternatief against bbs-gezamenlijk).
DESIGN_FILE = Path(__file__).with_name("data") / "bbs_whatif_design.csv"
BBS = ("scenarios/bbs-nulalternatief.toml", "scenarios/bbs-gezamenlijk.toml")
#: The team FTE range of bbs-gezamenlijk (its comment: "range 72–76"; it was 60–64
#: before the loaded access team of issue 28, when the shipped design was built).
FTE_RANGE = {"bbs-gezamenlijk": (72.0, 76.0)}


@dataclass(frozen=True)
class Input:
    """One input of the what-if: dotted path, label, range and base (mode)."""

    name: str
    label: str
    low: float
    high: float
    base: float


@dataclass(frozen=True)
class WhatIf:
    """A nulalternatief, a variant and the inputs that move the variant."""

    null: Scenario
    variant: Scenario
    inputs: tuple[Input, ...]
    variant_file: str

    def scenario_at(self, values: dict[str, float]) -> Scenario:
        """The variant with ``values`` (dotted path -> value); the rest at the mode."""
        uncertain = load_uncertain(self.variant_file)
        return with_settings(scenario_with(uncertain, self.variant, values),
                             self.null.simulation.replications, self.null.simulation.seed)


def what_if(null_file: str | Path = BBS[0], variant_file: str | Path = BBS[1],
            replications: int | None = None, fte_range: tuple[float, float] | None = None
            ) -> WhatIf:
    """The what-if of ``variant_file`` against ``null_file`` (default: the BBS case)."""
    null_file, variant_file = Path(null_file), Path(variant_file)
    if not null_file.is_absolute():
        null_file, variant_file = ROOT / null_file, ROOT / variant_file
    null = load(null_file)
    null = with_settings(null, replications or null.simulation.replications)
    variant = load(variant_file)
    inputs = [Input(p.name, p.label, float(p.ppf(np.array([0.0]))[0]),
                    float(p.ppf(np.array([1.0]))[0]), float(p.base))
              for p in load_uncertain(variant_file).parameters]
    fte = variant.access_team.fte
    low, high = fte_range or FTE_RANGE.get(variant.name, (0.9 * fte, 1.1 * fte))
    inputs.append(Input("access_team.fte", "Toegangsteam: fte", low, high, fte))
    return WhatIf(null, variant, tuple(inputs), str(variant_file))


def latin_design(inputs: tuple[Input, ...], points: int, seed: int = 20261207) -> pd.DataFrame:
    """``points`` Latin hypercube points over the inputs' ranges (scrambled, seeded)."""
    u = qmc.LatinHypercube(d=len(inputs), seed=np.random.default_rng(seed)).random(points)
    return pd.DataFrame({x.name: x.low + u[:, i] * (x.high - x.low)
                         for i, x in enumerate(inputs)}).rename_axis("point")


def null_runs(setup: WhatIf) -> ScenarioRuns:
    """The nulalternatief's replications (simulated once for every point)."""
    return simulate_runs(setup.null)


def evaluate(setup: WhatIf, values: dict[str, float], null: ScenarioRuns) -> pd.DataFrame:
    """The business case at ``values``: one row per replication (columns: module doc)."""
    variant = setup.scenario_at(values)
    switch = SwitchFrom(setup.null, variant) if variant.business_case.switch else None
    runs = simulate_runs(variant, switch_from=switch)
    scenarios = {setup.null.name: setup.null, variant.name: variant}
    case = assemble(scenarios, {setup.null.name: null, variant.name: runs}, setup.null.name)
    app = case.appraisal[case.appraisal["variant"] == variant.name].set_index("replication")
    yearly = case.yearly
    last = yearly["year"].max()
    structural = (yearly[(yearly["year"] == last) & (yearly["cost_type"] == "structural")]
                  .groupby(["variant", "replication"])["nominal_eur"].sum().unstack(0))
    kpis = case.kpis[(case.kpis["variant"] == variant.name)
                     & (case.kpis["kpi"] == "intake_wait_p95_days")].set_index("replication")
    spent = spending(yearly[yearly["variant"] == variant.name], variant)
    spent = spent.pivot(index="replication", columns="year", values="spending_eur")
    out = pd.DataFrame({
        "npv_eur": app["npv_eur"],
        "structural_saving_eur": structural[setup.null.name] - structural[variant.name],
        "intake_wait_p95_days": kpis["value"],
        **{f"spending_{year}_eur": spent[year] for year in spent.columns}})
    return out.rename_axis("replication").reset_index()


def _evaluate_point(args) -> pd.DataFrame:
    setup, point, values, null, folder = args
    rows = evaluate(setup, values, null).assign(point=point)
    if folder is not None:                    # a checkpoint: an interrupted build resumes
        rows.to_csv(folder / f"point-{point:03d}.csv", index=False, float_format="%.17g")
    return rows


def build_design(setup: WhatIf, points: int, workers: int = 1, progress: bool = False,
                 checkpoints: Path | None = None) -> pd.DataFrame:
    """Evaluate a Latin hypercube of ``points`` (columns: point, inputs, replication,
    outputs); ``workers`` processes share the points (the results do not depend on it).
    With ``checkpoints`` (a folder) each point is saved as it is done, and points saved
    there already are read instead of simulated again."""
    design = latin_design(setup.inputs, points)
    done = {}
    if checkpoints is not None:
        checkpoints.mkdir(parents=True, exist_ok=True)
        done = {int(f.stem.split("-")[1]): pd.read_csv(f)
                for f in checkpoints.glob("point-*.csv")}
    todo = [i for i in design.index if i not in done]
    null = null_runs(setup) if todo else None
    tasks = [(setup, i, design.loc[i].to_dict(), null, checkpoints) for i in todo]
    parts = list(done.values())
    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts += list(_report(pool.map(_evaluate_point, tasks), len(tasks), progress))
    else:
        parts += list(_report(map(_evaluate_point, tasks), len(tasks), progress))
    rows = pd.concat(parts, ignore_index=True).sort_values(["point", "replication"])
    return design.reset_index().merge(rows, on="point")


def _report(parts, total: int, progress: bool):
    for i, part in enumerate(parts, 1):
        if progress:
            print(f"point {i}/{total}", flush=True)
        yield part


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=40)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DESIGN_FILE)
    parser.add_argument("--checkpoints", type=Path, help="folder of finished points")
    args = parser.parse_args(argv)
    design = build_design(what_if(replications=args.replications), args.points, args.workers,
                          progress=True, checkpoints=args.checkpoints)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    design.to_csv(args.out, index=False, float_format="%.10g")
    print(f"{len(design)} rows ({args.points} points x {args.replications} replications) "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
