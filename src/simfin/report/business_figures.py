"""The headline figures of a business case, built once: every output that shows them (console,
``samenvatting.md``, the raadsbijlage, and through the same :func:`simfin.business.scorecard.
scorecard` frame the sheet "Varianten naast elkaar" and the afwegingskader chart) renders these
objects, so a number can never differ between them.

Each :class:`Headline` carries what the number means (its label key, unit, and the one measure
note of the document: sign, price level, nominal or discounted) and its 90% interval over
replications (5th–95th percentile). Per option, the nulalternatief included:

``npv_eur``                     net present value against the nulalternatief (+ = besparing;
                                constant prices of ``price_base_year``, discounted)
``incidental_eur``              one-off costs over the horizon (nominal; a cost, so negative)
``structural_difference_eur``   structural saving in the last year (nominal, + = besparing)
``payback_year``                first year from which the mean cumulative balance stays >= 0
``p_overshoot_max``             highest yearly probability of exceeding the budget ceiling
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simfin.business.afweging import variant_label
from simfin.business.indexation import price_base_year
from simfin.business.scorecard import scorecard
from simfin.report.format import format_eur, format_share
from simfin.report.labels import label
from simfin.report.plural import count_text

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["HEADLINE_KEYS", "Headline", "headline_figures", "headline_lines", "headline_markdown",
           "measure_note", "replications_text"]

HEADLINE_KEYS = ("npv_eur", "incidental_eur", "structural_difference_eur", "payback_year",
                 "p_overshoot_max")
_UNITS = {"npv_eur": "eur", "incidental_eur": "eur", "structural_difference_eur": "eur",
          "payback_year": "year", "p_overshoot_max": "share"}


@dataclass(frozen=True)
class Headline:
    """One headline figure of one option: value and 90% interval (NaN when none)."""

    key: str
    unit: str
    value: float
    low: float = math.nan
    high: float = math.nan

    def text(self) -> str:
        """nl-NL text: ``€ −2.321.331 (€ −3.104.865 – € −1.047.891)``, ``2031``, ``67%``."""
        if self.value is None or math.isnan(self.value):
            return "–"
        if self.unit == "year":
            return str(int(self.value))
        if self.unit == "share":
            return format_share(self.value)
        text = format_eur(self.value)
        if not (math.isnan(self.low) or math.isnan(self.high)) and \
                format_eur(self.low) != format_eur(self.high):
            text += f" ({format_eur(self.low)} – {format_eur(self.high)})"
        return text


def headline_figures(case: BusinessCase) -> dict[str, dict[str, Headline]]:
    """``{option: {key: Headline}}`` for every option, the nulalternatief first."""
    table = scorecard(case).set_index(["variant", "criterion"])
    summary = case.summary().set_index("variant")
    out: dict[str, dict[str, Headline]] = {}
    for name in case.scenarios:
        figures = {}
        for key in ("npv_eur", "incidental_eur", "structural_difference_eur"):
            row = table.loc[(name, key)]
            figures[key] = Headline(key, _UNITS[key], float(row["value"]), float(row["low"]),
                                    float(row["high"]))
        payback = math.nan if name == case.null else float(summary.at[name, "payback_year"])
        figures["payback_year"] = Headline("payback_year", "year", payback)
        ceiling = case.ceiling.loc[case.ceiling["variant"] == name, "p_overshoot"]
        figures["p_overshoot_max"] = Headline("p_overshoot_max", "share",
                                              float(ceiling.max()) if len(ceiling) else math.nan)
        out[name] = figures
    return out


def replications_text(n: int, lang: str = "nl") -> str:
    """``"1 replicatie"``, ``"3 replicaties"`` (singular and plural right)."""
    return count_text(n, "replicatie", lang)


def measure_note(case: BusinessCase, lang: str = "nl") -> str:
    """The one sentence that says what every amount of the document is: sign, price level,
    nominal or discounted, and the interval."""
    null = case.scenarios[case.null]
    base, discount = price_base_year(null), (null.business_case.discount_year
                                             or null.simulation.start_year)
    rate = format_share(null.business_case.discount_rate, 2)
    reps = replications_text(case.replications, lang)
    if lang == "nl":
        return (f"Bedragen in euro; + = besparing t.o.v. nulalternatief. Netto contante waarde: "
                f"prijspeil {base}, constante prijzen, contant gemaakt naar {discount} "
                f"(disconteringsvoet {rate}). Incidentele kosten (een kostenpost, dus "
                "negatief) en structurele besparing: nominaal (geïndexeerd). Tussen haakjes het "
                f"90%-interval: 5e tot 95e percentiel over {reps}.")
    return (f"Amounts in euros; + = saving against the nulalternatief. Net present value: "
            f"{base} prices, constant prices, discounted to {discount} (discount rate {rate}). "
            "Incidental costs (a cost, so negative) and structural saving: nominal "
            f"(indexed). In brackets the 90% interval: 5th to 95th percentile over {reps}.")


def _option_names(case: BusinessCase) -> dict[str, str]:
    return {name: variant_label(s) for name, s in case.scenarios.items()}


def headline_lines(case: BusinessCase, lang: str = "nl",
                   figures: dict[str, dict[str, Headline]] | None = None) -> list[str]:
    """The console text: per option its headline figures, one line each."""
    figures = headline_figures(case) if figures is None else figures
    names = _option_names(case)
    lines = [f"{label('bc.null', lang)}: {names[case.null]} "
             f"({replications_text(case.replications, lang)})", measure_note(case, lang)]
    for name, mine in figures.items():
        lines.append(f"\n{names[name]}" + (f" ({label('bc.null', lang).lower()})"
                                           if name == case.null else ""))
        lines += [f"  {label('headline.' + key, lang)}: {fig.text()}"
                  for key, fig in mine.items()]
    return lines


def headline_markdown(case: BusinessCase, lang: str = "nl",
                      figures: dict[str, dict[str, Headline]] | None = None) -> str:
    """``samenvatting.md`` of a business case: the measure note and one table, a column per
    option (the same figures as the console and the raadsbijlage)."""
    figures = headline_figures(case) if figures is None else figures
    names = _option_names(case)
    head = ["Kerncijfer" if lang == "nl" else "Figure", *(names[n] for n in figures)]
    lines = [f"# {label('bc.title_summary', lang)}", "", measure_note(case, lang), "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in HEADLINE_KEYS:
        cells = [label("headline." + key, lang), *(figures[n][key].text() for n in figures)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
