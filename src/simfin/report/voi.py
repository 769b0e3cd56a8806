"""Reports of a value-of-information analysis: sentences, the EVPPI chart, tables, a sheet.

Files written by :func:`write_voi_outputs` (charts and workbook named in the report
language, CSVs in English like the other sweep tables):

``evpi.csv``        ``municipality, evpi_eur, evpi_se_eur, best_option, expected_net_benefit_eur``
``evppi.csv``       ``parameter, label, kind, evppi_eur, share_of_evpi``
``net_benefit.csv`` ``sample, municipality, option, net_benefit_eur``
``waarde_informatie.png/.svg`` (``value_of_information``)   EVPPI per parameter
``waarde_informatie.xlsx`` (``value_of_information.xlsx``)   sheet "Waarde van informatie"
``waarde_informatie.md`` (``value_of_information.md``)       the sentences

Every amount is in euros, a total over the reported years for one decision, in the
scenario's price level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook

from simfin.atomic import atomic_write, atomic_write_text
from simfin.csv_safe import safe_frame
from simfin.report.markdown_safe import safe_markdown
from simfin.report.charts import save_figure
from simfin.report.format import eur_axis_formatter, format_eur, format_share
from simfin.report.labels import check_lang
from simfin.report.plural import count_text
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure
from simfin.report.xlsx import BOLD, EURO_FORMAT, _set_widths, _write_table, write_safely
from simfin.uncertainty.voi_run import TOTAL

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.uncertainty.voi_run import ValueOfInformation

__all__ = ["STEM", "plot_evppi", "voi_sentences", "write_voi_outputs"]

STEM = {"nl": "waarde_informatie", "en": "value_of_information"}
#: A parameter whose EVPPI is below this share of the EVPI "does not change the decision".
NEGLIGIBLE_SHARE = 0.01
SHOWN_IN_TEXT = 3  # parameters named in the sentences
EMPTY_AXIS_EUR = 1000.0  # x-axis range when every value is 0
#: Below this many PSA samples the regression behind an EVPPI can pick up chance patterns
#: (Strong, Oakley & Brennan 2014 use 1,000 or more); the sentences then say so.
ROUGH_BELOW_SAMPLES = 200

TEXT = {
    "title": ("Waarde van nader onderzoek per aanname (EVPPI)",
              "Value of further research per assumption (EVPPI)"),
    "axis": ("Hooguit waard, totaal {years} (€)", "Worth at most, total {years} (€)"),
    "evpi_line": ("Alle onzekerheid (EVPI)", "All uncertainty (EVPI)"),
    "all": ("alle aannames samen", "all assumptions together"),
    "sheet": ("Waarde van informatie", "Value of information"),
    "footnote": ("{samples} × {reps}; nettobaat = −(uitgaven gemeenten "
                 "{years} + incidentele en structurele posten op hun modus), niet "
                 "verdisconteerd, prijspeil scenario",
                 "{samples} × {reps}; net benefit = −(municipal spending "
                 "{years} + incidental and structural items at their mode), undiscounted, "
                 "scenario price level"),
    "evpi": ("Bij de keuze tussen {options} is alle onzekerheid over de aannames wegnemen "
             "hooguit {evpi} waard (EVPI, totaal {years}, prijspeil scenario; Monte-Carlo-"
             "onzekerheid ± {se}). Zonder nader onderzoek is {best} de beste keuze.",
             "In the choice between {options}, removing all uncertainty about the assumptions "
             "is worth at most {evpi} (EVPI, total {years}, scenario price level; Monte Carlo "
             "error ± {se}). Without further research, {best} is the best choice."),
    "evppi": ("Nader onderzoek naar {label} is hooguit {value} waard ({share} van de EVPI).",
              "Further research into {label} is worth at most {value} ({share} of the EVPI)."),
    "same": ("In elke trekking is dezelfde variant de goedkoopste: nader onderzoek naar deze "
             "aannames verandert de keuze niet.",
             "The same option is cheapest in every sample: research into these assumptions "
             "does not change the choice."),
    "none": ("Nader onderzoek naar één aanname verandert de keuze niet: elke EVPPI is kleiner "
             "dan {share} van de EVPI.",
             "Research into any single assumption does not change the choice: every EVPPI "
             "is below {share} of the EVPI."),
    "footnote_business": ("{reps} van de businesscase, elk één trekking uit de "
                          "bandbreedtes; nettobaat = netto contante waarde t.o.v. het "
                          "nulalternatief (overgangspad, incidentele posten, discontering), "
                          "prijspeil scenario",
                          "{reps} of the business case, each one draw of the "
                          "ranges; net benefit = net present value against the nulalternatief "
                          "(transition, incidental items, discounting), scenario price level"),
    "municipality_business": ("Per gemeente, als die alleen zou beslissen (haar eigen "
                              "verdisconteerde saldo): {parts}.",
                              "Per municipality, as if it decided alone (its own discounted "
                              "balance): {parts}."),
    "municipality": ("Per gemeente, als die alleen zou beslissen (alleen gesimuleerde kosten, "
                     "zonder incidentele en structurele posten): {parts}.",
                     "Per municipality, as if it decided alone (simulated costs only, without "
                     "incidental and structural items): {parts}."),
    "and": (" en ", " and "),
    "rough": ("Let op: geschat uit {samples}; onder {limit} trekkingen zijn de "
              "EVPPI-schattingen ruw (ook een aanname zonder effect kan dan een waarde krijgen).",
              "Note: estimated from {samples}; below {limit} samples the EVPPI "
              "estimates are rough (an assumption without effect can get a value)."),
    "col.municipality": ("Gemeente", "Municipality"),
    "col.evpi_eur": ("EVPI (€)", "EVPI (€)"),
    "col.evpi_se_eur": ("Monte-Carlo-fout (€)", "Monte Carlo error (€)"),
    "col.best_option": ("Beste keuze nu", "Best choice now"),
    "col.expected_net_benefit_eur": ("Verwachte nettobaat (€)", "Expected net benefit (€)"),
    "col.label": ("Aanname", "Assumption"),
    "col.kind": ("Soort", "Kind"),
    "col.evppi_eur": ("EVPPI (€)", "EVPPI (€)"),
    "col.share_of_evpi": ("Deel van EVPI", "Share of EVPI"),
    "all_municipalities": ("alle gemeenten", "all municipalities"),
    "kind.parameter": ("aanname", "assumption"),
    "kind.group": ("groep", "group"),
    "kind.all": ("alles", "all"),
}


def _t(key: str, lang: str) -> str:
    return TEXT[key][0 if check_lang(lang) == "nl" else 1]


def _years(voi: ValueOfInformation) -> str:
    return f"{voi.meta['first_year']}–{voi.meta['last_year']}"


def _join(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + _t("and", lang) + items[-1]


def voi_sentences(voi: ValueOfInformation, lang: str = "nl") -> list[str]:
    """The EVPI sentence, one sentence per most valuable parameter, and per municipality."""
    total = voi.evpi[voi.evpi["municipality"] == TOTAL].iloc[0]
    lines = [_t("evpi", lang).format(
        options=_join(list(voi.options.values()), lang), evpi=format_eur(total["evpi_eur"]),
        se=format_eur(total["evpi_se_eur"]), years=_years(voi),
        best=voi.options[total["best_option"]])]
    params = voi.evppi[voi.evppi["kind"] == "parameter"]
    worth = params[params["share_of_evpi"] >= NEGLIGIBLE_SHARE].head(SHOWN_IN_TEXT)
    for row in worth.itertuples():
        lines.append(_t("evppi", lang).format(label=row.label, value=format_eur(row.evppi_eur),
                                               share=format_share(row.share_of_evpi)))
    if total["evpi_eur"] == 0:
        lines.append(_t("same", lang))
    elif worth.empty:
        lines.append(_t("none", lang).format(share=format_share(NEGLIGIBLE_SHARE)))
    if voi.meta["samples"] < ROUGH_BELOW_SAMPLES:
        lines.append(_t("rough", lang).format(samples=count_text(voi.meta["samples"],
                                                                   "trekking", lang),
                                              limit=ROUGH_BELOW_SAMPLES))
    own = voi.evpi[voi.evpi["municipality"] != TOTAL]
    if len(own) > 1:
        parts = [f"{r.municipality} {format_eur(r.evpi_eur)}" for r in own.itertuples()]
        lines.append(_t(_own_key(voi, "municipality"), lang).format(parts=_join(parts, lang)))
    return lines


def _own_key(voi: ValueOfInformation, key: str) -> str:
    """The text key for ``voi``: its business-case variant when it ran on a business case."""
    return f"{key}_business" if voi.meta.get("source") == "business_case" else key


def _footnote(voi: ValueOfInformation, lang: str) -> str:
    business = voi.meta.get("source") == "business_case"
    samples = voi.meta["samples"]   # a business case: one draw per replication
    return _t(_own_key(voi, "footnote"), lang).format(
        samples=count_text(samples, "trekking", lang),
        reps=count_text(samples if business else voi.meta["replications"], "replicatie", lang),
        years=_years(voi))


def plot_evppi(voi: ValueOfInformation, ax: Axes | None = None, lang: str = "nl") -> Axes:
    """Horizontal bars: EVPPI per parameter (largest on top), the EVPI as a dashed line."""
    rows = voi.evppi[voi.evppi["kind"] == "parameter"].iloc[::-1]
    y = np.arange(len(rows))
    with council_style():
        if ax is None:
            ax = new_figure(height_cm=max(6.0, 2.5 + 0.7 * len(rows))).add_subplot()
        ax.barh(y, rows["evppi_eur"], height=0.6, color=OKABE_ITO["blue"], zorder=2)
        ax.axvline(voi.evpi_eur, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.0,
                   label=_t("evpi_line", lang), zorder=3)
        ax.set_yticks(y, list(rows["label"]))
        top = max(voi.evpi_eur, float(rows["evppi_eur"].max() or 0))
        ax.set_xlim(0, top * 1.08 if top > 0 else EMPTY_AXIS_EUR)
        ax.set_title(_t("title", lang))
        ax.set_xlabel(_t("axis", lang).format(years=_years(voi)))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(eur_axis_formatter())
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        add_footnote_text(ax.figure, _footnote(voi, lang))
    return ax


def _display(voi: ValueOfInformation, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    evpi = voi.evpi.assign(
        municipality=voi.evpi["municipality"].replace(TOTAL, _t("all_municipalities", lang)),
        best_option=voi.evpi["best_option"].map(voi.options))
    evppi = voi.evppi.assign(
        label=voi.evppi["label"].replace(TOTAL, _t("all", lang)),
        kind=[_t(f"kind.{k}", lang) for k in voi.evppi["kind"]]).drop(columns="parameter")
    rename = {c: _t(f"col.{c}", lang) for c in (*evpi.columns, *evppi.columns)}
    return evpi.rename(columns=rename), evppi.rename(columns=rename)


def write_voi_workbook(voi: ValueOfInformation, path: str | Path, lang: str = "nl") -> Path:
    """The sheet "Waarde van informatie": the sentences, the EVPI and the EVPPI table."""
    wb = Workbook()
    ws = wb.active
    ws.title = _t("sheet", lang)
    row = 1
    for line in [*voi_sentences(voi, lang), _footnote(voi, lang)]:
        ws.cell(row=row, column=1, value=line)
        row += 1
    evpi, evppi = _display(voi, lang)
    euro = {c: EURO_FORMAT for c in (*evpi.columns, *evppi.columns) if "(€)" in c}
    ws.cell(row=row + 1, column=1, value="EVPI").font = BOLD
    row = _write_table(ws, evpi, row + 2, euro) + 1
    ws.cell(row=row, column=1, value="EVPPI").font = BOLD
    _write_table(ws, evppi, row + 1, {**euro, _t("col.share_of_evpi", lang): "0.0%"})
    _set_widths(ws)
    ws.column_dimensions["A"].width = 40
    return write_safely(wb, path)


def write_voi_outputs(voi: ValueOfInformation, out: str | Path, lang: str = "nl") -> list[Path]:
    """Write the CSVs, the chart, the workbook and the sentences (module docstring)."""
    out = Path(out)
    written = [atomic_write(out / f"{name}.csv", lambda tmp, df=df: safe_frame(df).to_csv(tmp,
                                                                              index=False))
               for name, df in (("evpi", voi.evpi), ("evppi", voi.evppi),
                                ("net_benefit", voi.net_benefit))]
    with council_style():
        rows = int((voi.evppi["kind"] == "parameter").sum())
        fig = new_figure(height_cm=max(6.0, 2.5 + 0.7 * rows), pyplot=False)
        ax = fig.add_subplot()
    plot_evppi(voi, ax=ax, lang=lang)
    written += save_figure(fig, out / STEM[lang])
    written.append(write_voi_workbook(voi, out / f"{STEM[lang]}.xlsx", lang))
    text = "\n\n".join([*voi_sentences(voi, lang), f"*{_footnote(voi, lang)}*"]) + "\n"
    written.append(atomic_write_text(out / f"{STEM[lang]}.md", safe_markdown(text)))
    return written
