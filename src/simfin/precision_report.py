"""Precision notes for the console and the model card of ``run``, ``business`` and ``compare``.

Each function returns plain sentences: what a precision target reached
(:class:`~simfin.precision.PrecisionReached`), and a small-sample warning
(:func:`~simfin.precision.small_sample_warning`) for every headline mean or probability whose
95% interval is wider than its target (the ``--precision`` one, else the defaults of
:mod:`simfin.precision`), with the replications that would be needed. Also
:func:`business_precise` and :func:`compare_precise`, the precision-driven versions of
:func:`simfin.business_case` and :func:`simfin.compare`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from simfin.precision import (
    Precision,
    PrecisionReached,
    business_values,
    compare_values,
    figure_unit,
    run_values,
    small_sample_warning,
    until_precise,
)

__all__ = ["business_notes", "business_precise", "compare_notes", "compare_precise",
           "from_meta", "run_notes"]

WHAT = {"spending": ("de gemiddelde uitgaven van de gemeenten per jaar",
                     "mean municipal spending per year"),
        "npv": ("de netto contante waarde van {v}", "the net present value of {v}"),
        "p_over": ("de kans op overschrijding van het plafond ({v}, {year})",
                   "the probability of exceeding the ceiling ({v}, {year})"),
        "compare_spending": ("de uitgaven van {v}", "the spending of {v}"),
        "p_loss": ("de kans op verlies voor aanbieders ({v})",
                   "the probability of a provider loss ({v})")}


def _what(key: str, lang: str, **kw: Any) -> str:
    return WHAT[key][0 if lang == "nl" else 1].format(**kw)


def from_meta(meta: dict) -> tuple[Precision | None, PrecisionReached | None]:
    """The target and what was reached, from ``meta["precision"]`` (as written by
    :func:`simfin.precision.reached_dict`); ``(None, None)`` without it."""
    p = meta.get("precision")
    if not p or not p.get("rows"):
        return None, None
    rows = tuple(p["rows"])
    target = Precision(p["figure"], absolute=max(r["target"] for r in rows))
    return target, PrecisionReached(p["figure"], p["replications"], rows, p["max_replications"])


def _own(precision: Precision | None, figure: str) -> Precision | None:
    """The precision target if it is about ``figure``, else None (use the defaults)."""
    return precision if precision is not None and precision.figure == figure else None


def _notes(reached: PrecisionReached | None, warnings: list[str | None], unit: str,
           lang: str) -> list[str]:
    lines = [reached.sentence(unit, lang)] if reached is not None else []
    return lines + [w for w in warnings if w]


def run_notes(results, precision: Precision | None = None,
              reached: PrecisionReached | None = None, lang: str = "nl") -> list[str]:
    """Notes for ``simfin run``: the headline is mean municipal spending per year."""
    spending = run_values("spending")(results)[""]
    warning = small_sample_warning(spending, _what("spending", lang), "eur",
                                   _own(precision, "spending"), lang=lang)
    unit = figure_unit(precision.figure) if precision else "eur"
    return _notes(reached, [warning], unit, lang)


def business_notes(case, precision: Precision | None = None,
                   reached: PrecisionReached | None = None, lang: str = "nl") -> list[str]:
    """Notes for ``simfin business``: every variant's NPV and its highest P(overshoot)."""
    from simfin.business.afweging import variant_label

    warnings = []
    for v, npv in business_values("npv")(case).items():
        label = variant_label(case.scenarios[v])
        own = _own(precision, "npv") or _own(precision, f"npv:{v}")
        warnings.append(small_sample_warning(npv, _what("npv", lang, v=label), "eur", own,
                                             lang=lang))
    ceiling = case.ceiling.dropna(subset=["p_overshoot"])
    for v, part in ceiling.groupby("variant", sort=False):
        row = part.loc[part["p_overshoot"].idxmax()]
        n = int(row["replications"])
        k = int(round(float(row["p_overshoot"]) * n))
        hits = np.r_[np.ones(k), np.zeros(n - k)]
        label = variant_label(case.scenarios[v]) if v in case.scenarios else str(v)
        warnings.append(small_sample_warning(
            hits, _what("p_over", lang, v=label, year=int(row["year"])), probability=True,
            lang=lang))
    return _notes(reached, warnings, "eur", lang)


def compare_notes(comparison, precision: Precision | None = None,
                  reached: PrecisionReached | None = None, lang: str = "nl") -> list[str]:
    """Notes for ``simfin compare``: spending and P(provider loss) of every scenario."""
    warnings = []
    spending = compare_values("spending_eur")(comparison)
    losses = compare_values("p_provider_loss")(comparison)
    for name in spending:
        warnings.append(small_sample_warning(
            spending[name], _what("compare_spending", lang, v=name), "eur",
            _own(precision, "spending_eur"), lang=lang))
        warnings.append(small_sample_warning(losses[name], _what("p_loss", lang, v=name),
                                             probability=True, lang=lang))
    unit = figure_unit(precision.figure) if precision else "eur"
    return _notes(reached, warnings, unit, lang)


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
