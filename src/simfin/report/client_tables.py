"""Clients next to euros in "model tegen werkelijkheid": the client table and its chart panel,
and the out-of-sample table of ``simfin calibrate``.

The client table shows :func:`simfin.clients.compare_clients` (clients per 1,000, the band and
whether the model lands in it, own figure or benchmark, the band's source); the chart draws
the band as a grey bar and the model's mean with its 90% interval, one row per municipality
and measure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.report.labels import check_lang, label
from simfin.report.model import Measure
from simfin.report.tables import Table

__all__ = ["clients_table", "out_of_sample_table", "plot_clients"]

#: column of :func:`simfin.clients.compare_clients` -> its measure (clients per 1,000 in the
#: first year; text columns have a text measure)
CLIENT_MEASURES: dict[str, Measure] = {
    "municipality": Measure("col.municipality"),
    "label": Measure("col.clients.label"),
    "per": Measure("col.clients.per"),
    **{c: Measure(f"col.clients.{c}", "clients", "year")
       for c in ("observed", "band_low", "band_high", "model_mean", "model_p05", "model_p95")},
    **{c: Measure(f"col.clients.{c}") for c in ("kind", "within_band", "source")},
}


def clients_table(clients: pd.DataFrame, lang: str = "nl") -> Table:
    """:func:`simfin.clients.compare_clients` as a table (clients per 1,000), every column
    with its :class:`~simfin.report.model.Measure` and a label from the registry."""
    check_lang(lang)
    per = clients["per"].replace({"inwoners": "inhabitants"}) if lang == "en" else clients["per"]
    shown = clients.assign(
        per=per, kind=clients["kind"].map(lambda k: label(f"clients.kind.{k}", lang)),
        within_band=clients["within_band"].map(lambda b: label("yes" if b else "no", lang)))
    heads = {c: m.title(lang) for c, m in CLIENT_MEASURES.items()}
    frame = pd.DataFrame({heads[c]: shown[c].to_numpy() for c in CLIENT_MEASURES})
    units = {heads[c]: m for c, m in CLIENT_MEASURES.items()}
    return Table(frame, units, label("clients.title", lang), (label("clients.note", lang),),
                 "clients")


def out_of_sample_table(table: pd.DataFrame, lang: str = "nl",
                        price_year: int | None = None) -> Table:
    """The out-of-sample comparison (:func:`simfin.out_of_sample.out_of_sample`) per
    municipality and taakveld, titled with the year pair; observed lasten are the accounts'
    nominal euros, the model's at the scenario's prices (``price_year``, its
    ``business_case.price_base_year``)."""
    check_lang(lang)
    nl = lang == "nl"
    a = table.attrs
    observed = Measure("col.observed", "eur", "year", "nominal")
    model = Measure("col.model_mean", "eur", "year", "scenario", price_year)
    difference = Measure("col.difference", "share")
    heads = {"municipality": (label("col.municipality", lang), "text"),
             "taakveld": (label("col.taakveld", lang), "text"),
             "observed": ((f"Waargenomen {a['test_year']}" if nl
                           else f"Observed {a['test_year']}")
                          + f" (€, {observed.price_text(lang)})", observed),
             "model_mean": ((f"Model {a['model_year']}, gemiddeld" if nl
                             else f"Model {a['model_year']}, mean")
                            + f" (€, {model.price_text(lang)})", model),
             "difference": (difference.title(lang), difference)}
    frame = pd.DataFrame({h: table[c].to_numpy() for c, (h, _) in heads.items()})
    title = (f"Validatie buiten de fit: gefit op {a['fit_year']}, voorspeld {a['test_year']} "
             f"(modeljaar {a['model_year']})" if nl else
             f"Out-of-sample validation: fitted on {a['fit_year']}, predicted {a['test_year']} "
             f"(model year {a['model_year']})")
    from simfin.out_of_sample import summary_by_municipality
    from simfin.report.format import format_share

    totals = summary_by_municipality(table)
    note = ("Hoofdtaakveld 6 zonder overhead 0.4, model t.o.v. waargenomen: " if nl else
            "Hoofdtaakveld 6 without overhead 0.4, model against observed: ") + ", ".join(
        f"{r.municipality} {'+' if r.difference > 0 else ''}{format_share(r.difference)}"
        for r in totals.itertuples())
    return Table(frame, {h: u for h, u in heads.values()}, title, (note,), "out_of_sample")


def plot_clients(clients: pd.DataFrame, ax, lang: str = "nl"):
    """Band (grey) and model mean with 90% interval per municipality and measure."""
    from simfin.report.style import OKABE_ITO

    rows = clients.sort_values(["municipality", "measure"]).reset_index(drop=True)
    y = np.arange(len(rows))
    ax.barh(y, rows["band_high"] - rows["band_low"], left=rows["band_low"], height=0.6,
            color="#d9d9d9", label="Band (bron in de tabel)" if lang == "nl"
            else "Band (source in the table)")
    ax.plot(rows["observed"], y, "|", color=OKABE_ITO["blue"], markersize=12,
            label="Waargenomen of benchmark" if lang == "nl" else "Observed or benchmark")
    err = np.clip(np.vstack([rows["model_mean"] - rows["model_p05"],
                             rows["model_p95"] - rows["model_mean"]]), 0.0, None)
    ax.errorbar(rows["model_mean"], y, xerr=err, fmt="o", color=OKABE_ITO["orange"],
                label="Model (gemiddelde, 90%-interval)" if lang == "nl"
                else "Model (mean, 90% interval)")
    ax.set_yticks(y, [f"{m} {lab}" for m, lab in zip(rows["municipality"], rows["label"])],
                  fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("Cliënten per 1.000 inwoners\n(jeugd: per 1.000 jongeren tot 18)" if lang == "nl"
                  else "Clients per 1,000 inhabitants\n(youth: per 1,000 under 18)")
    ax.set_title("Cliënten" if lang == "nl" else "Clients")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=1)
    return ax
