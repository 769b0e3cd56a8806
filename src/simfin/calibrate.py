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

Level (:func:`comparison_codes`): model and observed are compared per taakveld at the finest
level both give. Where the observed figures are on a main code (6.72) and the model books
on its sub-taakvelden (6.72a, 6.73c), the **model is rolled up** to the observed code; where
the observed figures are on sub-taakvelden and the model books on the main code, the
**observed figures are rolled up** to the model's code; where both give sub-taakvelden they
are compared as given. Observed figures on a main code and on its sub-taakvelden at once
(a total or a remainder?) and codes outside the code set are refused with the file named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simfin.errors import ScenarioError
from simfin.scenario.schema import Scenario
from simfin.scenario.taakvelden import CODES, SUB_TAAKVELDEN, UNASSIGNED, main_taakveld

__all__ = ["Calibration", "DRIVEN", "calibrate", "compare_observed", "comparison_codes",
           "line_taakveld", "observed_rows", "read_observed"]

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
    levels: list[str] = field(default_factory=list)  # what was rolled up to compare

    def to_toml(self, base: str | Path) -> str:
        """A scenario file that ``extends`` ``base`` and sets the fitted factors, each with
        a comment saying what moved and by how much."""
        name = self.scenario.name
        about = f"{name}, lokale factoren gekalibreerd op de waargenomen lasten per taakveld."
        lines = ["# Calibrated by `simfin calibrate`: local factors fitted to observed lasten per",
                 "# Iv3 taakveld (see the table model_tegen_werkelijkheid.csv written with it).",
                 f"extends = {_toml_text(Path(base).as_posix())}",
                 f"name = {_toml_text(name + '-gekalibreerd')}",
                 f"description = {_toml_text(about)}", ""]
        for muni, rows in self.factors.groupby("municipality", sort=True):
            lines.append(f"[municipalities.{_toml_key(muni)}.local_factors]")
            for r in rows.itertuples():
                lines.append(_comment(f"derived by calibration: {r.before:.4g} -> "
                                      f"{r.after:.4g} ({r.moved:+.1%}), taakveld {r.taakveld}"))
                lines.append(f"{_toml_key(r.line)} = {r.after:.6f}")
            lines.append("")
        if self.levels:
            lines.append(_comment("compared per taakveld after roll-up: "
                                  + "; ".join(self.levels)))
        if self.not_identifiable or self.uncalibrated:
            lines.append(_comment("not identifiable from the data (left as they were): "
                                  + (", ".join(self.not_identifiable) or "none")))
            lines.append(_comment("observed targets no calibratable factor reaches: "
                                  + (", ".join(self.uncalibrated) or "none")))
        return "\n".join(lines) + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_text(text: str) -> str:
    """``text`` as a TOML string (TOML's basic strings escape as JSON's do)."""
    return json.dumps(text, ensure_ascii=False)


def _toml_key(name: str) -> str:
    """``name`` as a TOML key: bare where TOML allows it, else quoted ("Wijk bij
    Duurstede", "'s-Hertogenbosch")."""
    return name if _BARE_KEY.fullmatch(name) else _toml_text(name)


def _comment(text: str) -> str:
    """A one-line TOML comment (a line break in a name would end it)."""
    return "# " + " ".join(text.splitlines())


def read_observed(path: str | Path, year: int | None = None,
                  municipalities=None) -> pd.DataFrame:
    """Observed lasten (``municipality, year, taakveld, measure == "lasten", value``) from a
    tidy CSV such as ``data/observed/bbs-lasten.csv``; rows of one ``year`` (default: the
    latest jaarrekening year in the file, else the latest year), checked by
    :func:`simfin.observed.read_lasten` (schema, units, duplicates, ``municipalities``)."""
    from simfin.observed import read_lasten

    return read_lasten(path, year, municipalities)


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


def comparison_codes(model_codes: set[str], observed: pd.DataFrame
                     ) -> tuple[dict[str, str], list[str]]:
    """The code each model or observed taakveld is compared at, and what was rolled up.

    Per main code (its family of sub-taakvelden): as given when both sides use only
    sub-taakvelden, otherwise the main code (the side that gives sub-taakvelden is rolled
    up); see :func:`observed_rows` for what the observed side may hold.
    """
    observed_codes = set(observed_rows(observed)["taakveld"])
    model_codes = set(model_codes) - {UNASSIGNED}
    codes, levels = {}, []
    for main in sorted({main_taakveld(c) for c in model_codes | observed_codes}):
        family_obs = {c for c in observed_codes if main_taakveld(c) == main}
        family_model = {c for c in model_codes if main_taakveld(c) == main}
        both = family_obs | family_model
        if both == {main} or main not in both:
            codes.update({c: c for c in both})
            continue
        codes.update({c: main for c in both})
        levels += [f"{side} {', '.join(sorted(fam - {main}))} -> {main}"
                   for side, fam in (("model", family_model), ("observed", family_obs))
                   if fam - {main}]
    return codes, levels


def observed_rows(observed: pd.DataFrame) -> pd.DataFrame:
    """``municipality, taakveld, value`` of the observed lasten, checked: every code in
    :data:`~simfin.scenario.taakvelden.CODES`, and per municipality one level per main
    code. A zero row on a main code next to its sub-taakvelden (the empty remainder of the
    CBS Iv3 data since 2023, when booking on 6.71, 6.72, 6.81, 6.82 is no longer allowed) is
    dropped; a non-zero one is refused (a total or a remainder?)."""
    source = observed.attrs.get("source", "observed figures")
    obs = observed[["municipality", "taakveld", "value"]].astype({"taakveld": str})
    unknown = sorted(set(obs["taakveld"]) - set(CODES))
    if unknown:
        raise ScenarioError(source, "taakveld", f"unknown Iv3 taakveld(s) {', '.join(unknown)} "
                            f"in the observed lasten; expected codes of the Iv3 list 2023 "
                            f"({', '.join(CODES)}); roll other numberings up first")
    sub = obs["taakveld"].isin(SUB_TAAKVELDEN)
    family = [obs["municipality"], obs["taakveld"].map(main_taakveld)]
    beside_subs = ~sub & sub.groupby(family).transform("any")
    clash = obs[beside_subs & (obs["value"] != 0)]
    if len(clash):
        muni, main = clash["municipality"].iloc[0], clash["taakveld"].iloc[0]
        subs = obs.loc[sub & (obs["municipality"] == muni) & (family[1] == main), "taakveld"]
        raise ScenarioError(source, "taakveld", f"{muni}: observed lasten on {main} and on its "
                            f"sub-taakvelden {', '.join(sorted(subs))} at once; expected one "
                            f"level (a total on {main}, or the sub-taakvelden only)")
    return obs[~beside_subs]


def _at_codes(frame: pd.DataFrame, codes: dict[str, str], keys: list[str],
              values: list[str]) -> pd.DataFrame:
    """``frame`` with its taakveld mapped by ``codes`` and ``values`` summed per ``keys``."""
    mapped = frame.assign(taakveld=frame["taakveld"].map(lambda c: codes.get(c, c)))
    return mapped.groupby(keys, as_index=False)[values].sum()


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


def _modelled(scenario: Scenario, replications: int, year: int | None = None) -> pd.DataFrame:
    """Per replication, municipality and taakveld: total and driven lasten of ``year``
    (default: the first reported year)."""
    from simfin.runner import run

    yearly = run(scenario, replications=replications).yearly
    year = scenario.simulation.start_year if year is None else year
    own = yearly[(yearly["party"] == "municipality") & (yearly["year"] == year)]
    own = own.assign(driven=own["amount_eur"].where(own["category"].isin(DRIVEN), 0.0))
    return own.groupby(["replication", "municipality", "taakveld"], as_index=False)[
        ["amount_eur", "driven"]].sum()


def calibrate(scenario: Scenario, observed: pd.DataFrame, max_iterations: int = 8,
              tolerance: float = 0.01) -> Calibration:
    """Fit the calibratable local factors so that modelled lasten per municipality and
    taakveld match ``observed`` (see the module docstring)."""
    params = _parameters(scenario)
    reps = scenario.calibration.replications if scenario.calibration else 3
    per_rep = _modelled(scenario, reps)
    codes, levels = comparison_codes(set(per_rep["taakveld"]) | set(params["taakveld"]),
                                     observed)
    params["taakveld"] = params["taakveld"].map(lambda c: codes.get(c, c))
    target = _at_codes(observed_rows(observed), codes, ["municipality", "taakveld"],
                       ["value"]).set_index(["municipality", "taakveld"])["value"]
    values = {(r.municipality, r.line): r.before for r in params.itertuples()}
    reached = {(r.municipality, r.taakveld) for r in params.itertuples()}
    unknown = [r.parameter for r in params.itertuples()
               if (r.municipality, r.taakveld) not in target.index]
    current, iterations = scenario, 0
    for iterations in range(1, max_iterations + 1):
        if current is not scenario:
            per_rep = _modelled(current, reps)
        mean = _at_codes(per_rep, codes, ["replication", "municipality", "taakveld"],
                         ["amount_eur", "driven"]).groupby(["municipality", "taakveld"])[
            ["amount_eur", "driven"]].mean()
        worst, blocked, ratios = 0.0, set(), {}
        for key in sorted(reached & set(target.index)):
            total, driven = mean.loc[key] if key in mean.index else (0.0, 0.0)
            fixed = total - driven
            if driven <= 0 or target[key] <= fixed:
                blocked.add(key)
                continue
            ratios[key] = (target[key] - fixed) / driven
            worst = max(worst, abs(total / target[key] - 1))
        if worst <= tolerance:
            break   # the factors reported are those of ``current``, the scenario compared
        for r in params.itertuples():
            if (r.municipality, r.taakveld) in ratios:
                values[(r.municipality, r.line)] = float(np.clip(
                    values[(r.municipality, r.line)] * ratios[(r.municipality, r.taakveld)],
                    r.low, r.high))
        current = _with_factors(scenario, values)
    not_identifiable = sorted(unknown) + [f"{m} {t}" for m, t in sorted(blocked)]
    uncalibrated = [f"{m} {t}" for m, t in sorted(set(target.index) - reached)]
    factors = params.assign(after=[values[(r.municipality, r.line)] for r in params.itertuples()])
    factors["moved"] = factors["after"] / factors["before"] - 1
    return Calibration(current, factors.drop(columns=["low", "high"]),
                       compare_observed(current, observed, reps), not_identifiable, iterations,
                       uncalibrated, levels)


def compare_observed(scenario: Scenario, observed: pd.DataFrame,
                     replications: int = 3, year: int | None = None) -> pd.DataFrame:
    """"Model tegen werkelijkheid": per municipality and taakveld, observed lasten, the
    modelled mean and 90% interval of model ``year`` (default: year one), and the relative
    difference; compared at the level :func:`comparison_codes` chooses (what it rolled up
    is in ``.attrs["levels"]``)."""
    per_rep = _modelled(scenario, replications, year)
    codes, levels = comparison_codes(set(per_rep["taakveld"]), observed)
    per_rep = _at_codes(per_rep, codes, ["replication", "municipality", "taakveld"],
                        ["amount_eur"])
    stats = per_rep.groupby(["municipality", "taakveld"])["amount_eur"].agg(
        model_mean="mean", model_p05=lambda s: s.quantile(0.05),
        model_p95=lambda s: s.quantile(0.95))
    obs = _at_codes(observed_rows(observed), codes, ["municipality", "taakveld"],
                    ["value"]).set_index(["municipality", "taakveld"])["value"].rename("observed")
    table = pd.concat([obs, stats], axis=1).fillna({"model_mean": 0.0, "model_p05": 0.0,
                                                     "model_p95": 0.0})
    table["difference"] = table["model_mean"] / table["observed"] - 1
    table = table.reset_index()
    table.attrs["levels"] = levels
    return table
