"""The chart of ``simfin calibrate``: "model tegen werkelijkheid", observed and modelled lasten per
municipality and taakveld, drawn from the table of the calibrate document
(:func:`simfin.report.build_calibrate.build_calibrate`): the numbers and row names the console
and the workbook print. With client counts, their panel stands next to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simfin.report.format import format_number
from simfin.report.model import cell
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from simfin.report.tables import Table

__all__ = ["draw_calibration"]

_TEXT = {  # key: (Dutch, English)
    "observed": ("Werkelijk (jaarrekening)", "Observed (accounts)"),
    "model": ("Model (gemiddelde, 90%-interval)", "Model (mean, 90% interval)"),
    "x": ("Lasten per jaar (€ mln)", "Lasten per year (€ mln)"),
    "title": ("Model tegen werkelijkheid, per taakveld", "Model against observed, per taakveld"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def draw_calibration(table: Table, lang: str = "nl", footnote: str = "",
                     fig: Figure | None = None, *, clients: pd.DataFrame | None = None) -> Figure:
    """Observed and modelled lasten per row of ``table`` (€ mln; the model's 90% interval as
    an error bar), one bar pair per municipality and taakveld; with ``clients`` (rows of
    :func:`simfin.clients.compare_clients`) their panel on the right."""
    from simfin.report.client_tables import plot_clients

    wide = clients is not None and not clients.empty
    with council_style():
        fig = new_figure(28 if wide else 16, 13 if wide else 12, pyplot=False) \
            if fig is None else fig
        axes = fig.subplots(1, 2 if wide else 1, squeeze=False)[0]
        ax = axes[0]
        observed = np.array(cell(table, "col.observed"), dtype=float)
        mean = np.array(cell(table, "col.model_mean"), dtype=float)
        low = np.array(cell(table, "col.model_p05"), dtype=float)
        high = np.array(cell(table, "col.model_p95"), dtype=float)
        y = np.arange(len(observed))
        ax.barh(y - 0.2, observed / 1e6, height=0.4, color=OKABE_ITO["blue"],
                label=_t("observed", lang))
        err = np.clip(np.vstack([mean - low, high - mean]), 0.0, None)
        ax.barh(y + 0.2, mean / 1e6, height=0.4, xerr=err / 1e6, color=OKABE_ITO["orange"],
                label=_t("model", lang))
        muni, field = table.frame.columns[:2]
        ax.set_yticks(y, [f"{m} {str(t).split(' ')[0]}" for m, t in
                          zip(table.frame[muni], table.frame[field], strict=True)], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(_t("x", lang))
        ax.set_title(_t("title", lang))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(lambda v, _: format_number(v))
        ax.legend(fontsize=7, loc="lower right")
        if wide:
            plot_clients(clients, axes[1], lang)
        if footnote:
            add_footnote_text(fig, footnote)
    return fig
