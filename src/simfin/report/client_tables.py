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

from simfin.report.labels import check_lang
from simfin.report.tables import Table

__all__ = ["clients_table", "out_of_sample_table", "plot_clients"]

_HEADS = {  # column: (Dutch, English, unit)
    "municipality": ("Gemeente", "Municipality", "text"),
    "label": ("Maat", "Measure", "text"),
    "per": ("Per 1.000", "Per 1,000", "text"),
    "observed": ("Waargenomen of benchmark", "Observed or benchmark", "clients"),
    "band_low": ("Band, laag", "Band, low", "clients"),
    "band_high": ("Band, hoog", "Band, high", "clients"),
    "model_mean": ("Model, gemiddeld", "Model, mean", "clients"),
    "model_p05": ("Model, 5e percentiel", "Model, 5th percentile", "clients"),
    "model_p95": ("Model, 95e percentiel", "Model, 95th percentile", "clients"),
    "kind": ("Soort", "Kind", "text"),
    "within_band": ("Binnen de band", "Within the band", "text"),
    "source": ("Bron van waarde en band", "Source of value and band", "text"),
}
_KIND = {"own": ("eigen cijfer", "own figure"), "benchmark": ("benchmark", "benchmark")}
_YES = {True: ("ja", "yes"), False: ("nee", "no")}


def clients_table(clients: pd.DataFrame, lang: str = "nl") -> Table:
    """:func:`simfin.clients.compare_clients` as a table (clients per 1,000)."""
    check_lang(lang)
    i = 0 if lang == "nl" else 1
    per = clients["per"].replace({"inwoners": "inhabitants"}) if lang == "en" else clients["per"]
    shown = clients.assign(per=per, kind=clients["kind"].map(lambda k: _KIND[k][i]),
                           within_band=clients["within_band"].map(lambda b: _YES[bool(b)][i]))
    frame = pd.DataFrame({_HEADS[c][i]: shown[c].to_numpy() for c in _HEADS})
    units = {_HEADS[c][i]: _HEADS[c][2] for c in _HEADS}
    title = ("Model tegen werkelijkheid: cliënten per 1.000, eerste jaar" if lang == "nl"
             else "Model against observed: clients per 1,000, first year")
    note = ("Een benchmark is een landelijk of grootteklasse-cijfer, niet het eigen cijfer van de "
            "gemeente; daarom een bredere band." if lang == "nl" else
            "A benchmark is a national or size-class figure, not the municipality's own; "
            "hence a wider band.")
    return Table(frame, units, title, (note,))


def out_of_sample_table(table: pd.DataFrame, lang: str = "nl") -> Table:
    """The out-of-sample comparison (:func:`simfin.out_of_sample.out_of_sample`) per
    municipality and taakveld, titled with the year pair."""
    check_lang(lang)
    nl = lang == "nl"
    a = table.attrs
    heads = {"municipality": ("Gemeente" if nl else "Municipality", "text"),
             "taakveld": ("Taakveld", "text"),
             "observed": (f"Waargenomen {a['test_year']}" if nl else f"Observed {a['test_year']}",
                          "eur"),
             "model_mean": (f"Model {a['model_year']}, gemiddeld" if nl
                            else f"Model {a['model_year']}, mean", "eur"),
             "difference": ("Verschil" if nl else "Difference", "share")}
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
    return Table(frame, {h: u for h, u in heads.values()}, title, (note,))


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
