"""The budget-ceiling section of ``samenvatting.md`` for a scenario with ``[ceiling]``.

Per year: the ceiling, the mean spending counted against it with its 90% interval, the
probability of overshoot (share of replications above the ceiling) and the expected
overshoot, from :func:`simfin.business.run_ceiling.run_ceiling_table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang, label
from simfin.report.names import provider_label

if TYPE_CHECKING:
    from simfin.results import Results

__all__ = ["ceiling_lines", "ceiling_section"]

DASH = "\u2013"
_TEXT = {
    "nl": {
        "title": "Budgettair plafond",
        "intro": "Uitgaven die meetellen voor het plafond ({counted}), nominaal en "
                 "geïndexeerd zoals in de businesscase. Kans op overschrijding: het aandeel "
                 "replicaties waarin de uitgaven boven het plafond liggen; verwachte "
                 "overschrijding: het gemiddelde van max(0, uitgaven − plafond).",
        "header": "| Jaar | Plafond | Uitgaven (gemiddeld) | 90%-interval | Kans op "
                  "overschrijding | Verwachte overschrijding |",
        "open": "Open einde (niet te weigeren, {providers}): gemiddeld {amount} in {year}; "
                "ruimte onder het plafond voor de rest: {room}.",
        "prices": "Prijspeil: in {year} is {nominal} nominaal gelijk aan {base} in prijspeil "
                  "{base_year} (de kostentabellen van deze run) plus {index} indexatie.",
        "taakvelden": "taakvelden {codes}",
        "ceiling_source": "Bron van het plafond: {source}",
    },
    "en": {
        "title": "Budget ceiling",
        "intro": "Spending counted against the ceiling ({counted}), nominal and indexed as "
                 "in the business case. Probability of overshoot: the share of replications "
                 "with spending above the ceiling; expected overshoot: the mean of "
                 "max(0, spending − ceiling).",
        "header": "| Year | Ceiling | Spending (mean) | 90% interval | Probability of "
                  "overshoot | Expected overshoot |",
        "open": "Open-ended (cannot be refused, {providers}): mean {amount} in {year}; room "
                "under the ceiling for the rest: {room}.",
        "prices": "Price level: in {year}, {nominal} nominal equals {base} at {base_year} "
                  "prices (this run's cost tables) plus {index} indexation.",
        "taakvelden": "taakvelden {codes}",
        "ceiling_source": "Source of the ceiling: {source}",
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
    lines = [f"## {text['title']}", "", text["intro"].format(counted=_counted(ceiling, lang)),
             "", text["header"], "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {int(r.year)} | {format_eur(r.ceiling_eur)} | {format_eur(r.spending_mean_eur)} "
              f"| {format_eur(r.spending_p05_eur)} {DASH} {format_eur(r.spending_p95_eur)} "
              f"| {format_share(r.p_overshoot)} | {format_eur(r.expected_overshoot_eur)} |"
              for r in table.itertuples(index=False)]
    if len(table):
        lines += ["", _price_line(results, text)]
    if ceiling.open_ended_providers and len(table):
        last = table.iloc[-1]
        lines += ["", text["open"].format(
            providers=", ".join(provider_label(results.scenario, p)
                                for p in ceiling.open_ended_providers),
            amount=format_eur(last["open_ended_mean_eur"]), year=int(last["year"]),
            room=format_eur(last["room_for_controllable_eur"]))]
    if ceiling.source:
        lines += ["", text["ceiling_source"].format(source=ceiling.source)]
    return lines


#: the columns of the ceiling table: column of run_ceiling_table -> (label key, unit, stat);
#: euros are nominal (indexed as in the business case), per year
_COLUMNS = {"ceiling_eur": ("ceil.ceiling", "eur", ""),
            "spending_mean_eur": ("ceil.spending", "eur", "mean"),
            "spending_p05_eur": ("ceil.spending", "eur", "p05"),
            "spending_p95_eur": ("ceil.spending", "eur", "p95"),
            "p_overshoot": ("ceil.p_overshoot", "share", ""),
            "expected_overshoot_eur": ("ceil.expected_overshoot", "eur", "")}


def ceiling_section(results: Results, lang: str = "nl") -> tuple:
    """The ceiling part of the run document: a table (year by ceiling, spending with its 90%
    interval, probability and expected amount of overshoot; every euro column a nominal
    :class:`~simfin.report.model.Measure` per year) between the intro and the notes on the
    price level, the open-ended providers and the ceiling's source. Empty without a
    ``[ceiling]``."""
    import pandas as pd

    from simfin.business.run_ceiling import run_ceiling_table
    from simfin.report.model import Measure
    from simfin.report.tables import Table

    check_lang(lang)
    ceiling = results.scenario.ceiling
    if ceiling is None:
        return ()
    text = _TEXT[lang]
    data = run_ceiling_table(results).sort_values("year")
    measures = {c: Measure(key, unit, "year" if unit == "eur" else "",
                           "nominal" if unit == "eur" else "", stat=stat)
                for c, (key, unit, stat) in _COLUMNS.items()}
    year = label("col.year", lang)
    frame = pd.DataFrame({year: data["year"].astype(int).to_numpy(),
                          **{m.title(lang): data[c].to_numpy() for c, m in measures.items()}})
    table = Table(frame, {year: "year", **{m.title(lang): m for m in measures.values()}},
                  text["title"], key="ceiling")
    notes = [_price_line(results, text)] if len(data) else []
    if ceiling.open_ended_providers and len(data):
        last = data.iloc[-1]
        notes.append(text["open"].format(
            providers=", ".join(provider_label(results.scenario, p)
                                for p in ceiling.open_ended_providers),
            amount=format_eur(last["open_ended_mean_eur"]), year=int(last["year"]),
            room=format_eur(last["room_for_controllable_eur"])))
    if ceiling.source:
        notes.append(text["ceiling_source"].format(source=ceiling.source))
    intro = text["intro"].format(counted=_counted(ceiling, lang))
    return (intro, table, *notes)


def _counted(ceiling, lang: str) -> str:
    """What counts, in words: the categories and, when given, the taakvelden."""
    parts = []
    categories = ceiling.counted_categories()
    if categories is not None:
        parts.append(", ".join(label(c, lang) for c in ceiling.categories))
    if ceiling.taakvelden:
        parts.append(_TEXT[lang]["taakvelden"].format(codes=", ".join(ceiling.taakvelden)))
    return "; ".join(parts)


def _price_line(results: Results, text: dict) -> str:
    """The last year's spending, nominal against the run's own price level."""
    from simfin.business.indexation import price_base_year
    from simfin.business.run_ceiling import run_spending

    spent = run_spending(results)
    year = int(spent["year"].max())
    last = spent[spent["year"] == year]
    nominal, base = last["spending_eur"].mean(), last["base_eur"].mean()
    return text["prices"].format(year=year, nominal=format_eur(nominal), base=format_eur(base),
                                 base_year=price_base_year(results.scenario),
                                 index=format_eur(nominal - base))
