"""Precision by design: add replications until a headline figure is known well enough.

A :class:`Precision` names a headline figure and the half-width its 95% confidence interval
(of the mean over replications, Student t) may have, absolute (in the figure's unit) or
relative to the mean::

    from simfin.precision import Precision, run_precise
    p = Precision.parse("spending:2%")            # ± 2% of mean spending per year
    results, reached = run_precise("scenarios/bbs-95k.toml", p)
    reached_sentence(reached)  # (simfin.report.precision_notes) "95%-interval ± € 512.000 (doel ± € 600.000), 30 replicaties"

The procedure (Law & Kelton's sequential rule, in batches): run the scenario's own number
of replications; while the half-width is above the target and the upper bound is not
reached, estimate the replications needed from what has run
(:func:`needed_replications`), round up to a whole number of batches, and run again with
that count. Each run is an ordinary run with a fixed count: replication ``r`` draws from its
own address in the seed sequence, so the final result is bit-identical to running that final
count directly, and variants keep their common random numbers.

The same check gives the small-sample warning (:func:`sample_shortfall`): a figure
from fewer replications than its target needs carries a sentence with the replications
that would be needed.

Figures
-------
run       ``spending`` (municipalities' total per year, mean over the reported years,
          euros), ``spending:<year>``, or a KPI name of :mod:`simfin.metrics`
business  ``npv`` (every variant's NPV against the nulalternatief, euros) or
          ``npv:<variant>``
compare   an indicator of :data:`simfin.compare.INDICATORS` (every scenario), default
          ``spending_eur``
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from scipy import stats

from simfin.errors import SimfinError

__all__ = ["CONFIDENCE", "Precision", "PrecisionReached", "business_values", "compare_values",
           "figure_label", "half_width", "needed_replications", "run_precise", "run_values",
           "sample_shortfall", "until_precise", "business_precise", "compare_precise"]

CONFIDENCE = 0.95
DEFAULT_BATCH = 10
DEFAULT_MAX_REPLICATIONS = 200
#: Without a precision setting, the small-sample warning asks a 95% interval of ± this
#: share of the mean (and ± this many percentage points for a probability).
DEFAULT_RELATIVE = 0.05
DEFAULT_PROBABILITY_POINTS = 0.10
T = TypeVar("T")
FIGURE_LABELS = {"spending": ("uitgaven gemeenten per jaar", "municipal spending per year"),
                 "npv": ("netto contante waarde", "net present value"),
                 "spending_eur": ("uitgaven gemeente", "municipal spending")}


def figure_label(figure: str, lang: str = "nl") -> str:
    """Display name of a precision figure (``spending:2030`` -> "uitgaven ... 2030")."""
    head, _, rest = figure.partition(":")
    names = FIGURE_LABELS.get(head)
    if names is None:
        return figure
    return names[0 if lang == "nl" else 1] + (f" {rest}" if rest else "")


@dataclass(frozen=True)
class Precision:
    """The target: ``figure``, and ``absolute`` (its unit) or ``relative`` (share of the mean)
    half-width of the 95% interval; at most ``max_replications``, added ``batch`` at a time."""

    figure: str
    absolute: float | None = None
    relative: float | None = None
    batch: int = DEFAULT_BATCH
    max_replications: int = DEFAULT_MAX_REPLICATIONS

    def __post_init__(self) -> None:
        if (self.absolute is None) == (self.relative is None):
            raise SimfinError("expected a precision as an absolute or a relative half-width, "
                              "not both or neither")
        target = self.absolute if self.absolute is not None else self.relative
        if not (math.isfinite(target) and target > 0):
            raise SimfinError(f"expected a precision above 0, got {target}")
        if self.relative is not None and self.relative >= 1:
            raise SimfinError(f"expected a relative precision below 100%, got {self.relative:.0%}")
        if self.batch < 1 or self.max_replications < 2:
            raise SimfinError("expected a batch >= 1 and at most >= 2 replications")

    @classmethod
    def parse(cls, text: str, batch: int = DEFAULT_BATCH,
              max_replications: int = DEFAULT_MAX_REPLICATIONS) -> Precision:
        """``FIGURE:TARGET``: ``spending:2%`` (relative) or ``npv:250000`` (absolute)."""
        figure, sep, target = text.rpartition(":")
        try:
            if not sep or not figure:
                raise ValueError
            if target.endswith("%"):
                return cls(figure, relative=float(target[:-1]) / 100, batch=batch,
                           max_replications=max_replications)
            return cls(figure, absolute=float(target), batch=batch,
                       max_replications=max_replications)
        except ValueError:
            raise SimfinError(f"--precision: expected FIGURE:TARGET such as spending:2% or "
                              f"npv:250000, got {text!r}") from None

    def target(self, mean: float) -> float:
        """The half-width asked for, in the figure's unit."""
        return self.absolute if self.absolute is not None else self.relative * abs(mean)


@dataclass(frozen=True)
class PrecisionReached:
    """What a run reached: per series (e.g. per variant) the mean and half-width.

    ``rows``: dicts ``series, n, mean, half_width, target, met, needed``.
    """

    figure: str
    replications: int
    rows: tuple[dict, ...]
    max_replications: int

    @property
    def met(self) -> bool:
        return all(r["met"] for r in self.rows)


def half_width(values: Sequence[float], confidence: float = CONFIDENCE) -> float:
    """Half-width of the Student-t interval of the mean (NaN with fewer than 2 values)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return math.nan
    return float(stats.t.ppf(0.5 + confidence / 2, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x)))


def needed_replications(values: Sequence[float], target: float, confidence: float = CONFIDENCE,
                        limit: int = 1_000_000) -> int | None:
    """Smallest ``n`` with ``t(n-1) s / sqrt(n) <= target`` from the spread ``s`` of
    ``values`` (at least their number); None with fewer than 2 values or above ``limit``."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2 or not target > 0:
        return None
    sd = x.std(ddof=1)
    q = 0.5 + confidence / 2
    n = max(len(x), math.ceil((stats.norm.ppf(q) * sd / target) ** 2))  # t > z: a lower bound
    while stats.t.ppf(q, n - 1) * sd / math.sqrt(n) > target:
        n += 1
        if n > limit:
            return None
    return n


def _rows(series: dict[str, np.ndarray], precision: Precision) -> tuple[dict, ...]:
    rows = []
    for name, x in series.items():
        mean = float(np.nanmean(x)) if len(x) else math.nan
        hw, target = half_width(x), precision.target(mean)
        rows.append({"series": name, "n": len(x), "mean": mean, "half_width": hw,
                     "target": target, "met": bool(hw <= target),
                     "needed": needed_replications(x, target)})
    return tuple(rows)


def until_precise(run_n: Callable[[int], T], values_of: Callable[[T], dict[str, np.ndarray]],
                  precision: Precision, start: int) -> tuple[T, PrecisionReached]:
    """Run with ``start`` replications, then with more until every series meets the target.

    ``run_n(n)`` runs with ``n`` replications; ``values_of(result)`` gives the figure per
    replication for each series. Stops at ``precision.max_replications``.
    """
    n = max(2, min(start, precision.max_replications))
    while True:
        result = run_n(n)
        rows = _rows(values_of(result), precision)
        if all(r["met"] for r in rows) or n >= precision.max_replications:
            return result, PrecisionReached(precision.figure, n, rows, precision.max_replications)
        wanted = max([n + precision.batch] + [r["needed"] or 0 for r in rows if not r["met"]])
        batches = math.ceil((wanted - n) / precision.batch)
        n = min(precision.max_replications, n + batches * precision.batch)


# --- the figures of run, business and compare ----------------------------------------------

def run_values(figure: str) -> Callable[[Any], dict[str, np.ndarray]]:
    """Per replication values of a run's figure (see the module docstring)."""
    from simfin.metrics import KPI_UNITS

    head, _, year = figure.partition(":")
    if head != "spending" and figure not in KPI_UNITS:
        raise SimfinError(f"--precision: unknown figure {figure!r} for run; expected spending, "
                          f"spending:<year> or a KPI ({', '.join(KPI_UNITS)})")

    def values(results) -> dict[str, np.ndarray]:
        if head == "spending":
            own = results.yearly[results.yearly["party"] == "municipality"]
            if year:
                own = own[own["year"] == int(year)]
            per = own.groupby("replication")["amount_eur"].sum()
            years = 1 if year else results.scenario.simulation.horizon_years
            return {"": (per / years).to_numpy()}
        k = results.kpis[results.kpis["kpi"] == figure].sort_values("replication")
        return {"": k["value"].to_numpy(dtype=float)}

    return values


def figure_unit(figure: str) -> str:
    """Unit of a precision figure (``eur`` for spending, NPV and money indicators)."""
    from simfin.compare import INDICATORS
    from simfin.metrics import KPI_UNITS

    units = {name: unit for name, unit, _ in INDICATORS}
    return KPI_UNITS.get(figure) or units.get(figure, "eur")


def business_values(figure: str) -> Callable[[Any], dict[str, np.ndarray]]:
    """Per replication NPV of every variant (``npv``) or of one (``npv:<variant>``)."""
    head, _, variant = figure.partition(":")
    if head != "npv":
        raise SimfinError(f"--precision: unknown figure {figure!r} for business; expected "
                          "npv or npv:<variant>")

    def values(case) -> dict[str, np.ndarray]:
        table = case.appraisal.sort_values("replication")
        names = [variant] if variant else list(dict.fromkeys(table["variant"]))
        if variant and variant not in set(table["variant"]):
            raise SimfinError(f"--precision: no variant {variant!r}; expected one of "
                              f"{', '.join(dict.fromkeys(table['variant']))}")
        return {v: table.loc[table["variant"] == v, "npv_eur"].to_numpy() for v in names}

    return values


def compare_values(figure: str) -> Callable[[Any], dict[str, np.ndarray]]:
    """Per replication values of a compare indicator, for every scenario."""
    from simfin.compare import INDICATORS

    names = [name for name, _, _ in INDICATORS]
    if figure not in names:
        raise SimfinError(f"--precision: unknown figure {figure!r} for compare; expected one "
                          f"of {', '.join(names)}")

    def values(comparison) -> dict[str, np.ndarray]:
        per = comparison.per_replication.sort_values("replication")
        return {s: g[figure].to_numpy(dtype=float) for s, g in per.groupby("scenario", sort=False)}

    return values


def run_precise(scenario, precision: Precision, workers: int | None = None,
                progress: bool = False):
    """:func:`simfin.run` with replications added until ``precision`` is met.

    Returns ``(Results, PrecisionReached)``; ``Results.meta["precision"]`` holds the latter
    as a dict too.
    """
    from simfin.runner import run
    from simfin.scenario import load
    from simfin.scenario.schema import Scenario

    scenario = scenario if isinstance(scenario, Scenario) else load(Path(scenario))
    values = run_values(precision.figure)
    results, reached = until_precise(
        lambda n: run(scenario, replications=n, workers=workers, progress=progress), values,
        precision, scenario.simulation.replications)
    return replace(results, meta={**results.meta, "precision": reached_dict(reached)}), reached


def reached_dict(reached: PrecisionReached) -> dict:
    """A JSON-friendly copy of ``reached``."""
    return {"figure": reached.figure, "replications": reached.replications,
            "max_replications": reached.max_replications, "met": reached.met,
            "rows": [dict(r) for r in reached.rows]}


def sample_shortfall(values: Sequence[float], precision: Precision | None = None,
                     probability: bool = False) -> tuple[int, float, int | None] | None:
    """``(replications, target, needed)`` when ``values`` (one per replication) are too few
    for the target, else None; the words are :func:`simfin.report.precision_notes.small_sample_warning`.

    The target is ``precision`` or, without it, ± :data:`DEFAULT_RELATIVE` of the mean
    (± :data:`DEFAULT_PROBABILITY_POINTS` for a ``probability``, whose values are 0/1 per
    replication; its interval is the Agresti-Coull one, so that 0 or all of a few
    replications still counts as imprecise). ``needed`` is None with fewer than 2 values.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    mean = float(x.mean()) if len(x) else math.nan
    z = stats.norm.ppf(0.5 + CONFIDENCE / 2)
    if precision is not None:
        target = precision.target(mean)
    elif probability:
        target = DEFAULT_PROBABILITY_POINTS
    else:
        target = DEFAULT_RELATIVE * abs(mean)
    if probability:  # Agresti-Coull: never a zero width, also for 0 or n of n replications
        p = (float(x.sum()) + z**2 / 2) / (len(x) + z**2)
        hw = z * math.sqrt(p * (1 - p) / (len(x) + z**2))
        needed = max(len(x), math.ceil(z**2 * p * (1 - p) / target**2 - z**2))
    else:
        hw = half_width(x)
        needed = needed_replications(x, target) if len(x) >= 2 else None
    if len(x) >= 2 and (hw <= target or not target > 0):
        return None
    return len(x), target, needed


def business_precise(null, variants: Sequence, precision: Precision, seed: int | None = None,
                     progress: bool = False, start: int | None = None, pooling="norm"):
    """:func:`simfin.business_case` with replications added until ``precision`` is met;
    returns ``(BusinessCase, PrecisionReached)``; ``pooling`` as in the business case."""
    from simfin.business import business_case
    from simfin.scenario import Scenario, load

    base = null if isinstance(null, Scenario) else load(null)
    values = business_values(precision.figure)
    return until_precise(lambda n: business_case(null, variants, replications=n, seed=seed,
                                                 progress=progress, pooling=pooling),
                         values, precision, start or base.simulation.replications)


def compare_precise(scenarios: Sequence, precision: Precision, seed: int | None = None,
                    progress: bool = False, start: int | None = None,
                    common_scope: bool = False):
    """:func:`simfin.compare` with replications added until ``precision`` is met;
    returns ``(Comparison, PrecisionReached)``."""
    from simfin.compare import compare
    from simfin.scenario import Scenario, load

    first = scenarios[0] if isinstance(scenarios[0], Scenario) else load(scenarios[0])
    values = compare_values(precision.figure)
    return until_precise(lambda n: compare(scenarios, replications=n, seed=seed,
                                           progress=progress, common_scope=common_scope),
                         values, precision, start or first.simulation.replications)
