"""Afwegingskader: one table of variants x criteria, qualitative and quantitative.

Qualitative criteria come from each scenario's ``[afweging]`` section: a score per
criterion in the legend of the Leusden report (Twynstra Gudde, "Samenwerkingsvormen Sociaal
Domein, Gemeente Leusden", §4.2.6,
https://5dok.net/document/zwv13mx0-samenwerkingsvormen-sociaal-domein-gemeente-leusden.html):

``++`` improves considerably, ``+`` improves somewhat, ``+/-`` largely unchanged, ``-``
worsens somewhat, ``--`` worsens considerably, ``n.t.b.`` not yet known, each against the
current situation, with optional key words (``notes``). The nulalternatief *is* the current
situation, so a criterion it does not score gets ``+/-``; a variant that does not score a
criterion another scenario scores gets an empty score.

Quantitative criteria are filled in from the business case (:data:`QUANTITATIVE`): NPV,
incidental costs (negative: one sign, + = besparing, for every amount), structural difference
in the last year, payback year, the highest yearly
probability of exceeding the budget ceiling, and flow indicators of the simulation.

Columns of the long table
-------------------------
variant, variant_label, criterion, kind ("qualitative" or "quantitative"), score (str),
value (float, NaN for qualitative rows), unit, note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.scenario.schema import Scenario

__all__ = ["AFWEGING_COLUMNS", "QUANTITATIVE", "afweging_long", "afweging_wide",
           "variant_label"]

#: Quantitative criteria and their units, in display order.
QUANTITATIVE = {
    "npv_eur": "eur",
    "incidental_eur": "eur",
    "structural_difference_eur": "eur",
    "payback_year": "year",
    "p_overshoot_max": "share",
    "intake_wait_p95_days": "days",
    "intake_within_norm_share": "share",
    "specialist_waiting_mean": "clients",
}
AFWEGING_COLUMNS = ["variant", "variant_label", "criterion", "kind", "score", "value", "unit",
                    "note"]
UNCHANGED = "+/-"


def variant_label(scenario: Scenario) -> str:
    """Display name of a variant: ``afweging.label`` or the scenario name."""
    af = scenario.afweging
    return af.label if af is not None and af.label else scenario.name


def _criteria(scenarios: dict[str, Scenario]) -> list[str]:
    seen: dict[str, None] = {}
    for scenario in scenarios.values():
        if scenario.afweging is not None:
            seen.update(dict.fromkeys(scenario.afweging.scores))
    return list(seen)


def afweging_long(scenarios: dict[str, Scenario], null: str,
                  quantitative: pd.DataFrame) -> pd.DataFrame:
    """The afwegingskader as a tidy table (columns: module docstring).

    Parameters
    ----------
    scenarios : dict
        Scenario per variant name, the nulalternatief included, in display order.
    null : str
        Name of the nulalternatief.
    quantitative : DataFrame
        ``variant, criterion, value`` for the criteria of :data:`QUANTITATIVE`.
    """
    rows = []
    for name, scenario in scenarios.items():
        af, label = scenario.afweging, variant_label(scenario)
        for criterion in _criteria(scenarios):
            score = af.scores.get(criterion, "") if af is not None else ""
            score = score or (UNCHANGED if name == null else "")
            note = _filled(af.notes.get(criterion, ""), scenario) if af is not None else ""
            rows.append((name, label, criterion, "qualitative", score, np.nan, "", note))
        values = quantitative[quantitative["variant"] == name].set_index("criterion")["value"]
        for criterion, unit in QUANTITATIVE.items():
            value = float(values.get(criterion, np.nan))
            rows.append((name, label, criterion, "quantitative", "", value, unit, ""))
    return pd.DataFrame(rows, columns=AFWEGING_COLUMNS)


def _filled(note: str, scenario: Scenario) -> str:
    """``note`` with ``{inwoners}`` replaced by the scenario's inhabitants (nl-NL digits), so
    that a figure in prose comes from the file and cannot go stale."""
    if "{inwoners}" not in note:
        return note
    total = sum(m.inhabitants for m in scenario.municipalities.values())
    return note.replace("{inwoners}", f"{total:,}".replace(",", "."))


def afweging_wide(long: pd.DataFrame) -> pd.DataFrame:
    """Criteria as rows, variants (labels) as columns: the score, or the value if quantitative.

    The first columns are ``criterion``, ``kind`` and ``unit``; cells hold a score string for
    qualitative criteria and a float for quantitative ones.
    """
    labels = list(dict.fromkeys(long["variant_label"]))
    cells = np.where(long["kind"] == "qualitative", long["score"], long["value"])
    rows: dict[tuple[str, str, str], dict[str, object]] = {}
    for (criterion, kind, unit, label), cell in zip(
            long[["criterion", "kind", "unit", "variant_label"]].itertuples(index=False), cells):
        rows.setdefault((criterion, kind, unit), {})[label] = cell
    return pd.DataFrame([{"criterion": c, "kind": k, "unit": u,
                          **{lab: by_label.get(lab) for lab in labels}}
                         for (c, k, u), by_label in rows.items()])
