"""Switching values (omslagpunten): how far an assumption must move before the decision flips.

For every lever of a variant (:mod:`simfin.business.levers`) and every criterion, the share
``s*`` of the assumed change at which the mean over the replications crosses zero:

* ``npv``: the net present value over the horizon (the variant pays back);
* ``structural``: the structural balance in the last year (the variant saves every year).

The case is rerun at each share with the same seed and replications (common random
numbers, :class:`~simfin.business.evaluate.CaseEvaluator`), so the mean is a smooth
function of the share and the search needs few runs. The search exploits near-linearity:

1. the result at ``s = 1`` (the variant) and ``s = 0`` (without the change) give the
   linear estimate ``s* = -m(0) / (m(1) - m(0))``; for a money amount the result is
   exactly linear in it, so that is the answer;
2. otherwise the estimate is checked by one more run; if the mean there is within its
   Monte Carlo standard error of 0 it is kept, else ``scipy.optimize.brentq`` narrows the
   bracket (reusing the runs already made);
3. when the estimate lies outside the lever's bounds, one run at the nearest bound tells
   whether the sign changes inside them; if not: ``none`` (no flip inside the bounds).

Monte Carlo uncertainty: the standard error of the mean at ``s*`` (per replication,
interpolated between the two nearest runs) divided by the slope, times the t quantile for
a 95 % interval (delta method).

Columns of :func:`switching_values` (:data:`SWITCHING_COLUMNS`): the lever (``lever,
label, mechanism, class, source, category, parameters``), ``criterion``,
``assumed_value`` / ``reference_value`` (single-parameter levers; NaN otherwise),
``switching_value`` (in the parameter's unit), ``share`` (of the assumed change; 1 = as
assumed, 0 = no change) with ``share_ci_low/high``, the bounds ``low_share/high_share``,
``status`` (``flip``: inside the bounds; ``outside``: a flip outside the bounds (a money
amount); ``none``: no flip inside the bounds; ``no_effect``), ``result_eur`` (mean at
``s = 1``: the lever's parameters pinned at their assumed values, the other ranges drawn), ``effect_eur`` (``m(1) - m(0)``: euros resting on the lever), ``evaluations``
and ``replications``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

from simfin.business.evaluate import CaseEvaluator, Outcome
from simfin.business.evidence import declared_ranges, evidence_register
from simfin.business.levers import Lever, case_levers
from simfin.errors import ScenarioError

__all__ = ["CRITERIA", "SWITCHING_COLUMNS", "evaluator_levers", "find_switch", "lever_switches",
           "switching_values"]

#: criterion -> Dutch description of the flip.
CRITERIA = {"npv": "netto contante waarde = 0", "structural": "structureel saldo = 0"}
SWITCHING_COLUMNS = [
    "variant", "lever", "label", "mechanism", "class", "source", "category", "parameters",
    "criterion", "assumed_value", "reference_value", "switching_value", "share",
    "share_ci_low", "share_ci_high", "low_share", "high_share", "status", "method", "result_eur",
    "effect_eur", "evaluations", "replications"]
_OPEN = (-1.0, 3.0)   # bounds (share) of a non-linear lever with no declared range


def _ci_half(f: Callable[[float], np.ndarray], points: list[float], root: float) -> float:
    """Half width (share units) of the 95 % MC interval of ``root`` (delta method)."""
    a, b = sorted(sorted(points, key=lambda s: abs(s - root))[:2])
    fa, fb = f(a), f(b)
    n = len(fa)
    slope = (fb.mean() - fa.mean()) / (b - a)
    if n < 2 or slope == 0:
        return math.nan
    at_root = fa + (root - a) * (fb - fa) / (b - a)
    se = float(np.std(at_root, ddof=1)) / math.sqrt(n)
    return float(stats.t.ppf(0.975, n - 1) * se / abs(slope))


def find_switch(f: Callable[[float], np.ndarray], low: float = math.nan,
                high: float = math.nan, linear: bool = False, xtol: float = 1e-3,
                refine: bool = True) -> dict:
    """Where the mean of ``f(share)`` (one value per replication, common random numbers)
    crosses zero; steps in the module docstring. ``refine=False`` keeps the linear
    estimate of a non-linear lever (``method`` "linear estimate").

    Returns ``share, share_ci_low, share_ci_high, status, method, result_eur, effect_eur``.
    """
    cache: dict[float, np.ndarray] = {}

    def g(s: float) -> np.ndarray:
        s = float(s)
        if s not in cache:
            cache[s] = np.asarray(f(s), dtype=float)
        return cache[s]

    def mean(s: float) -> float:
        return float(g(s).mean())

    m1 = mean(1.0)
    try:
        m0 = mean(0.0)
    except ScenarioError:   # "no change" is not a valid scenario (e.g. an amount > 0)
        m0 = 2.0 * mean(0.5) - m1
    method = "exact (linear)" if linear else "root-finding" if refine else "linear estimate"
    out = {"share": math.nan, "share_ci_low": math.nan, "share_ci_high": math.nan,
           "status": "none", "method": method, "result_eur": m1, "effect_eur": m1 - m0}
    if abs(m1 - m0) <= 1e-9 * max(1.0, abs(m1)):
        return {**out, "status": "no_effect"}
    estimate = -m0 / (m1 - m0)
    if linear or not refine:
        root, status = estimate, "flip"
        if math.isfinite(low) and not low <= root <= high:
            status = "outside" if linear else "none"
    else:
        lo, hi = (low, high) if math.isfinite(low) else _OPEN
        root, status = _refine(g, mean, estimate, lo, hi, xtol)
        if root is None:
            return out
    half = _ci_half(g, list(cache), root)
    return {**out, "share": root, "share_ci_low": root - half, "share_ci_high": root + half,
            "status": status}


def _refine(g, mean, estimate: float, lo: float, hi: float, xtol: float
            ) -> tuple[float | None, str]:
    """The root of ``mean`` in [lo, hi] starting from the linear ``estimate``."""
    probe = min(max(estimate, lo), hi)
    for _ in range(4):   # a probe outside what the schema allows: halve towards s = 1
        try:
            at = g(probe)
            break
        except ScenarioError:
            probe = (probe + 1.0) / 2
    else:
        return None, "none"
    n = len(at)
    se = float(np.std(at, ddof=1)) / math.sqrt(n) if n > 1 else 0.0
    if probe == estimate and abs(at.mean()) <= se:
        return probe, "flip"
    pairs = _brackets(mean, [0.0, 1.0, probe])
    edge = hi if estimate > 1.0 else lo
    if not pairs and probe != edge:   # curved: look at the bound beyond the estimate
        try:
            g(edge)
            pairs = _brackets(mean, [0.0, 1.0, probe, edge])
        except ScenarioError:
            pass
    if not pairs:
        return None, "none"
    a, b = min(pairs, key=lambda p: abs((p[0] + p[1]) / 2 - estimate))
    if mean(a) == 0 or mean(b) == 0:
        return (a if mean(a) == 0 else b), "flip"
    # few steps: the mean is near-linear; unconverged, the last iterate is kept
    root, _ = optimize.brentq(mean, a, b, xtol=xtol, maxiter=4, full_output=True, disp=False)
    return float(root), "flip"


def _brackets(mean, points: list[float]) -> list[tuple[float, float]]:
    """Adjacent evaluated shares between which the mean changes sign."""
    points = sorted(set(points))
    signs = [np.sign(mean(s)) for s in points]
    return [(a, b) for (a, sa), (b, sb) in zip(zip(points, signs), zip(points[1:], signs[1:]))
            if sa * sb <= 0]


def lever_switches(evaluator: CaseEvaluator, lever: Lever,
                   criteria: Sequence[str] = ("npv", "structural"), refine: bool = True
                   ) -> list[dict]:
    """Rows of :data:`SWITCHING_COLUMNS` for one lever (one per criterion)."""
    outcomes: dict[float, Outcome] = {}

    def outcome(s: float) -> Outcome:
        # every share pins the lever's parameters, 100 % too: a drawn parameter's mean is not
        # its assumed value, so the variant as drawn is not the point s = 1
        if s not in outcomes:
            outcomes[s] = evaluator.outcome(lever.values(s))
        return outcomes[s]

    single = len(lever.paths) == 1
    rows = []
    for criterion in criteria:
        found = find_switch(lambda s, c=criterion: outcome(s).of(c), lever.low, lever.high,
                            lever.linear, refine=refine)
        share = found["share"]
        rows.append({
            "variant": evaluator.name, "lever": lever.name, "label": lever.label,
            "mechanism": lever.mechanism, "class": lever.klass, "source": lever.source,
            "category": lever.category, "parameters": ", ".join(lever.paths),
            "criterion": criterion,
            "assumed_value": lever.assumed[0] if single else math.nan,
            "reference_value": lever.reference[0] if single else math.nan,
            "switching_value": lever.value_at(share) if math.isfinite(share) else math.nan,
            "low_share": lever.low, "high_share": lever.high,
            "evaluations": len(outcomes),
            "replications": evaluator.variant.simulation.replications, **found})
    return rows


def switching_values(null, variants, replications: int | None = 10, seed: int | None = None,
                     criteria: Sequence[str] = ("npv", "structural"),
                     levers: Sequence[str] | None = None, sample_ranges: bool = True,
                     progress: bool = False) -> pd.DataFrame:
    """Switching values of every lever of every variant against ``null``.

    Parameters
    ----------
    null, variants : Scenario or path, or a sequence of them (variants)
        As for :func:`simfin.business_case`; paths keep the sources and ``dist`` tables.
    replications, seed : int, optional
        Replications of every run (fixed; default 10) and the seed (default: the
        nulalternatief's). The first ``n`` replications are those of a business case
        with more replications and the same seed.
    criteria : sequence of "npv", "structural"
    levers : sequence of str, optional
        Names of the levers to search (default: all, :func:`~simfin.business.levers.case_levers`).
    sample_ranges : bool
        Draw the other ranges per replication, as :func:`simfin.business_case` does.

    Returns
    -------
    DataFrame
        One row per variant, lever and criterion (:data:`SWITCHING_COLUMNS`), the levers of
        each variant with the most euros resting on them (|``effect_eur``| of the NPV) first.
    """
    if not isinstance(variants, list | tuple):
        variants = [variants]
    rows = []
    for variant in variants:
        evaluator = CaseEvaluator(null, variant, replications, seed, sample_ranges, progress)
        chosen = evaluator_levers(evaluator)
        if levers is not None:
            chosen = [lv for lv in chosen if lv.name in levers]
        grouped = {p for lv in chosen if len(lv.paths) > 1 for p in lv.paths}
        for lever in chosen:
            # a parameter also moved in a group lever: the group is searched, the parameter
            # on its own keeps the linear estimate (the group shows how linear it is)
            alone = not (len(lever.paths) == 1 and lever.paths[0] in grouped)
            rows += lever_switches(evaluator, lever, criteria, refine=alone)
    table = pd.DataFrame(rows, columns=SWITCHING_COLUMNS)
    if table.empty:
        return table
    size = table[table["criterion"] == criteria[0]].set_index(["variant", "lever"])[
        "effect_eur"].abs()
    table["_size"] = [size.get((v, lv), 0.0) for v, lv in zip(table["variant"], table["lever"],
                                                              strict=True)]
    order = {v: i for i, v in enumerate(dict.fromkeys(table["variant"]))}
    table["_variant"] = table["variant"].map(order)
    return (table.sort_values(["_variant", "_size"], ascending=[True, False], kind="stable")
            .drop(columns=["_size", "_variant"]).reset_index(drop=True))


def evaluator_levers(evaluator: CaseEvaluator) -> list[Lever]:
    """The levers of the evaluator's variant, read from its evidence register."""
    names = (evaluator.null_name, evaluator.name)
    declared = {n: declared_ranges(evaluator.scenarios[n], evaluator.uncertain[n])
                for n in names}
    register = evidence_register({n: evaluator.scenarios[n] for n in names},
                                 evaluator.sources, declared)
    mine = evaluator.uncertain[evaluator.name]
    labels = {p.name: p.label for p in (mine.parameters if mine else ())}
    variant = evaluator.variant
    categories = {f"incidental.{k}.amount_eur": i.category for k, i in variant.incidental.items()}
    categories |= {f"structural.{k}.amount_eur_per_year": i.category
                   for k, i in variant.structural.items()}
    return case_levers(register, evaluator.null_name, evaluator.name, labels, categories)
