"""What the business-case charts share: file stems, texts, year ticks, footnote, variant choice.

Amounts are nominal euros, means over replications unless a band says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.business.afweging import variant_label
from simfin.report.labels import label
from simfin.report.style import council_style, footnote_line, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase

__all__ = ["CHART_STEMS", "case_footnote", "option_name", "waterfall_height_cm", "wrap_title"]

CHART_STEMS = {"nl": {"fan": "plafond", "transition": "terugverdienen", "waterfall": "waterval",
                      "drivers": "oorzaken"},
               "en": {"fan": "ceiling", "transition": "payback", "waterfall": "waterfall",
                      "drivers": "drivers"}}
_GREY = "#595959"

_TEXT = {
    "fan.title": ("Uitgaven tegen het budgettair plafond", "Spending against the budget ceiling"),
    "fan.y": ("Uitgaven per jaar (€, nominaal)", "Spending per year (€, nominal)"),
    "fan.median": ("Mediaan", "Median"),
    "fan.band50": ("50%-interval", "50% interval"),
    "fan.band90": ("90%-interval", "90% interval"),
    "fan.ceiling": ("Budgettair plafond", "Budget ceiling"),
    "fan.p": ("kans {p}", "P {p}"),
    "fan.p_note": ("kans = kans op overschrijding", "P = probability of overshoot"),
    "tr.title": ("Terugverdienen: {variant} t.o.v. nulalternatief",
                 "Payback: {variant} against the nulalternatief"),
    "tr.y": ("Saldo (€, nominaal; + = besparing)", "Balance (€, nominal; + = saving)"),
    "tr.incidental": ("Incidentele kosten", "Incidental costs"),
    "tr.incidental_items": ("Incidenteel: posten", "Incidental: items"),
    "tr.incidental_emergent": ("Incidenteel: uit de simulatie", "Incidental: simulated"),
    "tr.structural": ("Structureel saldo", "Structural balance"),
    "tr.cumulative": ("Cumulatief saldo", "Cumulative balance"),
    "tr.payback": ("Terugverdiend in {year}", "Paid back in {year}"),
    "tr.no_payback": ("Niet terugverdiend t/m {year}", "Not paid back by {year}"),
    "wf.title": ("Van nulalternatief naar {variant}", "From the nulalternatief to {variant}"),
    "wf.x_total": ("Kosten {years} samen (€, nominaal)", "Costs {years} together (€, nominal)"),
    "wf.x_year": ("Kosten per jaar, gemiddeld {years} (€, nominaal)",
                  "Costs per year, mean {years} (€, nominal)"),
    "wf.sign": ("bedrag bij een stap: + = besparing t.o.v. nulalternatief",
                "amount at a step: + = saving against the nulalternatief"),
    "wf.not_zero": ("as begint niet bij € 0", "axis does not start at € 0"),
    "wf.increase": ("Hogere kosten", "Higher costs"),
    "wf.decrease": ("Lagere kosten", "Lower costs"),
    "wf.total": ("Totaal", "Total"),
    "wf.incidental": ("{name} (incidenteel)", "{name} (incidental)"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def _year_ticks(ax: Axes, years) -> None:
    years = [int(y) for y in years]
    ax.set_xticks(years, [str(y) for y in years])  # no thousands separator in years


def _years_text(years) -> str:
    years = sorted(int(y) for y in years)
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


def case_footnote(case: BusinessCase, lang: str = "nl", scenario: str | None = None) -> str:
    """Footnote of a business-case chart: scenarios, version, replications, seed, CRN."""
    meta = case.meta
    name = scenario or " \u2192 ".join(case.scenarios)
    return footnote_line(name, meta.get("simfin", "?"), case.replications,
                         meta.get("seed", "?"), lang, (label("footnote.crn", lang),))


def _difference(case: BusinessCase, variant: str, by: tuple[str, ...]) -> pd.DataFrame:
    """Mean nominal cost of ``variant`` minus the nulalternatief per ``by`` (0 if absent)."""
    means = case.yearly_means(by)
    table = means.pivot_table(index=list(by), columns="variant", values="nominal_eur",
                              aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=[case.null, variant], fill_value=0.0)
    return table.assign(difference_eur=table[variant] - table[case.null]).reset_index()


def _variant(case: BusinessCase, variant: str | None) -> str:
    if variant is None:
        if not case.variants:
            raise ValueError("the business case has no variant next to the nulalternatief")
        return case.variants[0]
    if variant not in case.variants:
        raise ValueError(f"unknown variant {variant!r}; expected one of "
                         f"{', '.join(repr(v) for v in case.variants)}")
    return variant


def _axes(height_cm: float = 9.0) -> Axes:
    """Axes on a figure that pyplot does not track, made inside the council style."""
    with council_style():
        return new_figure(height_cm=height_cm, pyplot=False).add_subplot()


def waterfall_height_cm(steps: pd.DataFrame) -> float:
    """Figure height for a waterfall of ``len(steps)`` bars (at least 9 cm)."""
    return max(9.0, 3.0 + 0.55 * len(steps))


def option_name(case: BusinessCase, name: str) -> str:
    """What a chart calls an option: its ``afweging.label`` ("Variant 1: ..."), else its name."""
    scenario = case.scenarios.get(name)
    return name if scenario is None else variant_label(scenario)


def wrap_title(text: str, width: int = 60) -> str:
    """A chart title on lines of at most ``width`` characters, broken between words only (a
    long option name no longer runs off the figure)."""
    import textwrap

    return textwrap.fill(text, width, break_long_words=False)
