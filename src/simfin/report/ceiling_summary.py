"""The budget-ceiling section of ``samenvatting.md`` for a scenario with ``[ceiling]``.

Per year: the ceiling, the mean spending counted against it with its 90% interval, the
probability of overshoot (share of replications above the ceiling) and the expected
overshoot, from :func:`simfin.business.run_ceiling.run_ceiling_table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang, label

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["ceiling_lines"]

DASH = "\u2013"
_TEXT = {
    "nl": {
        "title": "Budgettair plafond",
        "intro": "Uitgaven die meetellen voor het plafond ({categories}), nominaal en "
                 "geïndexeerd zoals in de businesscase. Kans op overschrijding: het aandeel "
                 "replicaties waarin de uitgaven boven het plafond liggen; verwachte "
                 "overschrijding: het gemiddelde van max(0, uitgaven − plafond).",
        "header": "| Jaar | Plafond | Uitgaven (gemiddeld) | 90%-interval | Kans op "
                  "overschrijding | Verwachte overschrijding |",
        "open": "Open einde (niet te weigeren, {providers}): gemiddeld {amount} in {year}; "
                "ruimte onder het plafond voor de rest: {room}.",
    },
    "en": {
        "title": "Budget ceiling",
        "intro": "Spending counted against the ceiling ({categories}), nominal and indexed as "
                 "in the business case. Probability of overshoot: the share of replications "
                 "with spending above the ceiling; expected overshoot: the mean of "
                 "max(0, spending − ceiling).",
        "header": "| Year | Ceiling | Spending (mean) | 90% interval | Probability of "
                  "overshoot | Expected overshoot |",
        "open": "Open-ended (cannot be refused, {providers}): mean {amount} in {year}; room "
                "under the ceiling for the rest: {room}.",
    },
}


def ceiling_lines(results: Results, lang: str = "nl") -> list[str]:
    """Markdown lines of the ceiling section; empty when the scenario has no ``[ceiling]``.

    Parameters
    ----------
    results : Results
        A run.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    """
    from simfin.business.run_ceiling import run_ceiling_table

    check_lang(lang)
    ceiling = results.scenario.ceiling
    if ceiling is None:
        return []
    text = _TEXT[lang]
    table = run_ceiling_table(results).sort_values("year")
    categories = ", ".join(label(c, lang) for c in ceiling.categories)
    lines = [f"## {text['title']}", "", text["intro"].format(categories=categories), "",
             text["header"], "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {int(r.year)} | {format_eur(r.ceiling_eur)} | {format_eur(r.spending_mean_eur)} "
              f"| {format_eur(r.spending_p05_eur)} {DASH} {format_eur(r.spending_p95_eur)} "
              f"| {format_share(r.p_overshoot)} | {format_eur(r.expected_overshoot_eur)} |"
              for r in table.itertuples(index=False)]
    if ceiling.open_ended_providers and len(table):
        last = table.iloc[-1]
        lines += ["", text["open"].format(
            providers=", ".join(ceiling.open_ended_providers),
            amount=format_eur(last["open_ended_mean_eur"]), year=int(last["year"]),
            room=format_eur(last["room_for_controllable_eur"]))]
    return lines
