"""Calibration: fit the local factors of a scenario to observed lasten per Iv3 taakveld.

What moves: only ``municipalities.<M>.local_factors.<line>`` entries that the scenario lists
under ``[calibration.parameters]`` (with bounds). Each such line (demand stream,
entitlement or budget line) lands its money on one taakveld: an entitlement's or budget
line's own, a demand stream's through its referral products.

How: multiplicative fixed-point iteration with common random numbers. Per municipality and
taakveld, the part of the lasten that the lines drive (categories ``specialist_care``,
``admin``, ``benefits``, ``budget_lines``) is scaled by ``(observed - fixed) / (modelled -
fixed)``, where ``fixed`` is the rest (team staff, overhead); every factor of that
municipality and taakveld is multiplied by that ratio, clipped to its bounds. Budget lines
are linear in their factor, so one step is exact; entitlements and p*q streams are linear in
expectation, so a few steps reach the observed value up to simulation noise. Every
evaluation runs the same replications with the same seeds, so the objective is smooth.

A target (municipality x taakveld) that no calibratable factor reaches, or whose observed
value is below the fixed part, is reported as not identifiable and left alone; a factor
whose taakveld has no observed value is reported and not moved.

The observed year is compared with the scenario's first reported year, at the scenario's
price level (say so when the two years differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simfin.errors import ScenarioError
from simfin.scenario.schema import Scenario

__all__ = ["Calibration", "DRIVEN", "calibrate", "compare_observed", "line_taakveld",
           "plot_comparison", "read_observed"]

#: cost categories the lines drive; the rest of a taakveld's lasten is fixed
DRIVEN = ("specialist_care", "admin", "benefits", "budget_lines")
_PREFIX = "municipalities."


@dataclass(frozen=True)
class Calibration:
    """What :func:`calibrate` returns."""

    scenario: Scenario
    factors: pd.DataFrame        # parameter, municipality, line, taakveld, before, after, moved
    comparison: pd.DataFrame     # municipality, taakveld, observed, model_mean, p05, p95, ...
    not_identifiable: list[str] = field(default_factory=list)
    iterations: int = 0
    uncalibrated: list[str] = field(default_factory=list)  # "municipality taakveld" targets

    def to_toml(self, base: str | Path) -> str:
        """A scenario file that ``extends`` ``base`` and sets the fitted factors, each with
        a comment saying what moved and by how much."""
        lines = ["# Calibrated by `simfin calibrate`: local factors fitted to observed lasten per",
                 "# Iv3 taakveld (see the table model_tegen_werkelijkheid.csv written with it).",
                 f'extends = "{Path(base).as_posix()}"',
                 f'name = "{self.scenario.name}-gekalibreerd"',
                 f'description = "{self.scenario.name}, lokale factoren gekalibreerd op de '
                 'waargenomen lasten per taakveld."', ""]
        for muni, rows in self.factors.groupby("municipality", sort=True):
            lines.append(f"[municipalities.{muni}.local_factors]")
            for r in rows.itertuples():
                lines.append(f"# derived by calibration: {r.before:.4g} -> {r.after:.4g} "
                             f"({r.moved:+.1%}), taakveld {r.taakveld}")
                lines.append(f"{r.line} = {r.after:.6f}")
            lines.append("")
        if self.not_identifiable or self.uncalibrated:
            lines.append("# not identifiable from the data (left as they were): "
                         + (", ".join(self.not_identifiable) or "none"))
            lines.append("# observed targets no calibratable factor reaches: "
                         + (", ".join(self.uncalibrated) or "none"))
        return "\n".join(lines) + "\n"


def read_observed(path: str | Path, year: int | None = None) -> pd.DataFrame:
    """Observed lasten (``municipality, year, taakveld, measure == "lasten", value``) from a
    tidy CSV such as ``data/observed/bbs-lasten.csv``; rows of one ``year`` (default: the
    latest jaarrekening year in the file, else the latest year)."""
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype={"taakveld": str})
    except (OSError, ValueError) as exc:
        raise ScenarioError(path, "", f"cannot read observed figures: {exc}") from None
    missing = {"municipality", "year", "taakveld", "measure", "value"} - set(df.columns)
    if missing:
        raise ScenarioError(path, "", f"expected columns {sorted(missing)} in the header")
    df = df[(df["measure"] == "lasten") & (df["value"].astype(str) != "NOT FOUND")].copy()
    df["value"] = df["value"].astype(float)
    if year is None:
        accounts = df[df.get("kind", pd.Series("", index=df.index)) == "accounts"]
        year = int((accounts if len(accounts) else df)["year"].max())
    out = df[df["year"] == year]
    if out.empty:
        raise ScenarioError(path, "year", f"no lasten for year {year}; the file has "
                            f"{sorted(df['year'].unique().tolist())}")
    return out.reset_index(drop=True)


def line_taakveld(scenario: Scenario, line: str) -> str:
    """The taakveld a demand stream, entitlement or budget line lands its money on."""
    if line in scenario.entitlements:
        return scenario.entitlements[line].taakveld
    if line in scenario.budget_lines:
        return scenario.budget_lines[line].taakveld
    stream = scenario.demand_streams[line]
    fields = {scenario.taakveld_of_provider(scenario.provider_of(p))
              for p in stream.referral_products}
    if len(fields) != 1:
        raise ScenarioError(scenario.name, f"demand_streams.{line}", "expected referral "
                            f"products on one taakveld to calibrate its factor, got {sorted(fields)}")
    return fields.pop()


def _parameters(scenario: Scenario) -> pd.DataFrame:
    rows = []
    settings = scenario.calibration
    for path, bounds in (settings.parameters.items() if settings else []):
        parts = path.split(".")
        if len(parts) != 4 or not path.startswith(_PREFIX) or parts[2] != "local_factors" \
                or parts[1] not in scenario.municipalities:
            raise ScenarioError(scenario.name, f"calibration.parameters.{path}", "expected "
                                "municipalities.<municipality>.local_factors.<line>")
        muni, line = parts[1], parts[3]
        try:
            taakveld = line_taakveld(scenario, line)
        except KeyError:
            raise ScenarioError(scenario.name, f"calibration.parameters.{path}",
                                f"unknown line {line!r}") from None
        value = scenario.municipalities[muni].local_factors.get(line, 1.0)
        rows.append({"parameter": path, "municipality": muni, "line": line,
                     "taakveld": taakveld, "before": value, "low": bounds.low,
                     "high": bounds.high})
    return pd.DataFrame(rows, columns=["parameter", "municipality", "line", "taakveld",
                                       "before", "low", "high"])


def _with_factors(scenario: Scenario, values: dict[tuple[str, str], float]) -> Scenario:
    data = scenario.model_dump()
    for (muni, line), value in values.items():
        data["municipalities"][muni]["local_factors"][line] = float(value)
    return Scenario.model_validate(data)


def _modelled(scenario: Scenario, replications: int) -> pd.DataFrame:
    """Per replication, municipality and taakveld: total and driven lasten of year one."""
    from simfin.runner import run

    yearly = run(scenario, replications=replications).yearly
    own = yearly[(yearly["party"] == "municipality")
                 & (yearly["year"] == scenario.simulation.start_year)]
    own = own.assign(driven=own["amount_eur"].where(own["category"].isin(DRIVEN), 0.0))
    return own.groupby(["replication", "municipality", "taakveld"], as_index=False)[
        ["amount_eur", "driven"]].sum()


def calibrate(scenario: Scenario, observed: pd.DataFrame, max_iterations: int = 8,
              tolerance: float = 0.01) -> Calibration:
    """Fit the calibratable local factors so that modelled lasten per municipality and
    taakveld match ``observed`` (see the module docstring)."""
    params = _parameters(scenario)
    reps = scenario.calibration.replications if scenario.calibration else 3
    target = observed.set_index(["municipality", "taakveld"])["value"].groupby(level=[0, 1]).sum()
    values = {(r.municipality, r.line): r.before for r in params.itertuples()}
    reached = {(r.municipality, r.taakveld) for r in params.itertuples()}
    unknown = [r.parameter for r in params.itertuples()
               if (r.municipality, r.taakveld) not in target.index]
    current, iterations = scenario, 0
    for iterations in range(1, max_iterations + 1):
        mean = _modelled(current, reps).groupby(["municipality", "taakveld"])[
            ["amount_eur", "driven"]].mean()
        worst, blocked = 0.0, set()
        for key in sorted(reached & set(target.index)):
            total, driven = mean.loc[key] if key in mean.index else (0.0, 0.0)
            fixed = total - driven
            if driven <= 0 or target[key] <= fixed:
                blocked.add(key)
                continue
            ratio = (target[key] - fixed) / driven
            worst = max(worst, abs(total / target[key] - 1))
            for r in params.itertuples():
                if (r.municipality, r.taakveld) == key:
                    values[(r.municipality, r.line)] = float(np.clip(
                        values[(r.municipality, r.line)] * ratio, r.low, r.high))
        if worst <= tolerance:
            break
        current = _with_factors(scenario, values)
    not_identifiable = sorted(unknown) + [f"{m} {t}" for m, t in sorted(blocked)]
    uncalibrated = [f"{m} {t}" for m, t in sorted(set(target.index) - reached)]
    factors = params.assign(after=[values[(r.municipality, r.line)] for r in params.itertuples()])
    factors["moved"] = factors["after"] / factors["before"] - 1
    return Calibration(current, factors.drop(columns=["low", "high"]),
                       compare_observed(current, observed, reps), not_identifiable, iterations,
                       uncalibrated)


def compare_observed(scenario: Scenario, observed: pd.DataFrame,
                     replications: int = 3) -> pd.DataFrame:
    """"Model tegen werkelijkheid": per municipality and taakveld, observed lasten, the
    modelled mean and 90% interval of year one, and the relative difference."""
    per_rep = _modelled(scenario, replications)
    stats = per_rep.groupby(["municipality", "taakveld"])["amount_eur"].agg(
        model_mean="mean", model_p05=lambda s: s.quantile(0.05),
        model_p95=lambda s: s.quantile(0.95))
    obs = observed.groupby(["municipality", "taakveld"])["value"].sum().rename("observed")
    table = pd.concat([obs, stats], axis=1).fillna({"model_mean": 0.0, "model_p05": 0.0,
                                                     "model_p95": 0.0})
    table["difference"] = table["model_mean"] / table["observed"] - 1
    return table.reset_index()


def plot_comparison(comparison: pd.DataFrame, ax=None, lang: str = "nl"):
    """"Model tegen werkelijkheid": observed and modelled lasten per taakveld (€ mln),
    one group of bars per municipality and taakveld, the 90% interval as an error bar."""
    import matplotlib.pyplot as plt

    from simfin.report.style import OKABE_ITO

    if ax is None:
        _, ax = plt.subplots(figsize=(16 / 2.54, 12 / 2.54))
    rows = comparison.sort_values(["municipality", "taakveld"]).reset_index(drop=True)
    y = np.arange(len(rows))
    ax.barh(y - 0.2, rows["observed"] / 1e6, height=0.4, color=OKABE_ITO["blue"],
            label="Werkelijk (jaarrekening)" if lang == "nl" else "Observed (accounts)")
    err = np.clip(np.vstack([rows["model_mean"] - rows["model_p05"],
                             rows["model_p95"] - rows["model_mean"]]), 0.0, None)
    ax.barh(y + 0.2, rows["model_mean"] / 1e6, height=0.4, xerr=err / 1e6,
            color=OKABE_ITO["orange"], label="Model (gemiddelde, 90%-interval)" if lang == "nl"
            else "Model (mean, 90% interval)")
    ax.set_yticks(y, [f"{m} {t}" for m, t in zip(rows["municipality"], rows["taakveld"])],
                  fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("Lasten per jaar (€ mln)" if lang == "nl" else "Lasten per year (€ mln)")
    ax.set_title("Model tegen werkelijkheid, per taakveld" if lang == "nl"
                 else "Model against observed, per taakveld")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}".replace(",", "."))
    ax.legend(fontsize=7, loc="lower right")
    ax.figure.tight_layout()
    return ax
