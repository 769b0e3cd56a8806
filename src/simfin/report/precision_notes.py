"""Precision notes for the console and the model card of ``run``, ``business`` and ``compare``.

Each function returns plain sentences: what a precision target reached
(:class:`~simfin.precision.PrecisionReached`), and a small-sample warning
(:func:`small_sample_warning`) for every headline mean or probability whose
95% interval is wider than its target (the ``--precision`` one, else the defaults of
:mod:`simfin.precision`), with the replications that would be needed. The precision-driven
runs themselves are :func:`simfin.precision.business_precise` and
:func:`~simfin.precision.compare_precise`.
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
    figure_label,
    figure_unit,
    run_values,
    sample_shortfall,
)
from simfin.report.format import format_share, format_value
from simfin.report.plural import count_text

__all__ = ["business_notes", "compare_notes", "from_meta", "reached_sentence", "run_notes",
           "small_sample_warning"]

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
    lines = [reached_sentence(reached, unit, lang)] if reached is not None else []
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
    """Notes for ``simfin compare``: spending and P(provider loss) of every scenario, each
    named as in the tables (its ``[afweging] label``, not its file name)."""
    from simfin.report.tables import scenario_labels

    warnings = []
    spending = compare_values("spending_eur")(comparison)
    losses = compare_values("p_provider_loss")(comparison)
    shown = scenario_labels({n: r.scenario for n, r in comparison.results.items()})
    for name in spending:
        warnings.append(small_sample_warning(
            spending[name], _what("compare_spending", lang, v=shown.get(name, name)), "eur",
            _own(precision, "spending_eur"), lang=lang))
        warnings.append(small_sample_warning(
            losses[name], _what("p_loss", lang, v=shown.get(name, name)), probability=True,
            lang=lang))
    unit = figure_unit(precision.figure) if precision else "eur"
    return _notes(reached, warnings, unit, lang)


def _replications(n: int, lang: str) -> str:
    """``"1 replicatie"``, ``"30 replicaties"`` (English: ``replication(s)``)."""
    return count_text(n, "replicatie", lang)


def reached_sentence(reached: PrecisionReached, unit: str = "eur", lang: str = "nl") -> str:
    """One line per series, e.g. "npv bbs-gezamenlijk: 95%-interval ± € 1.2 (doel ...)"."""
    lines = []
    for r in reached.rows:
        name = figure_label(reached.figure, lang) + (f" {r['series']}" if r["series"] else "")
        hw, target = format_value(r["half_width"], unit), format_value(r["target"], unit)
        if lang == "nl":
            state = "gehaald" if r["met"] else (
                f"niet gehaald; nodig ca. {_replications(r['needed'], lang)}" if r["needed"]
                else "niet gehaald")
            lines.append(f"{name}: 95%-interval ± {hw} (doel ± {target}), "
                         f"{_replications(reached.replications, lang)}: {state}")
        else:
            state = "met" if r["met"] else (
                f"not met; about {_replications(r['needed'], lang)} needed" if r["needed"]
                else "not met")
            lines.append(f"{name}: 95% interval ± {hw} (target ± {target}), "
                         f"{_replications(reached.replications, lang)}: {state}")
    return "\n".join(lines)


def small_sample_warning(values: Sequence[float], what: str, unit: str = "eur",
                         precision: Precision | None = None, probability: bool = False,
                         lang: str = "nl") -> str | None:
    """A warning sentence when ``values`` (one per replication) are too few for the target
    (:func:`simfin.precision.sample_shortfall`); None when the target is met."""
    shortfall = sample_shortfall(values, precision, probability)
    if shortfall is None:
        return None
    n, target, needed = shortfall
    shown = format_share(target) + ("-punt" if lang == "nl" else " points") if probability \
        else format_value(target, unit)
    if lang == "nl":
        need = f"; voor een 95%-interval van ± {shown} zijn ca. " \
            f"{_replications(needed, lang)} nodig" if needed else ""
        return f"Let op: {what}: uit {_replications(n, lang)}{need}."
    need = f"; a 95% interval of ± {shown} needs about {_replications(needed, lang)}" \
        if needed else ""
    return f"Note: {what}: from {_replications(n, lang)}{need}."
