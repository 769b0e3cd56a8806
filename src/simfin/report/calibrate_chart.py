"""The chart of ``simfin calibrate``: "model tegen werkelijkheid", observed and modelled lasten per
taakveld (:func:`simfin.calibrate.calibrate`'s comparison table)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simfin.report.style import OKABE_ITO

__all__ = ["plot_comparison"]


def plot_comparison(comparison: pd.DataFrame, ax=None, lang: str = "nl"):
    """"Model tegen werkelijkheid": observed and modelled lasten per taakveld (€ mln),
    one group of bars per municipality and taakveld, the 90% interval as an error bar."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(16 / 2.54, 12 / 2.54))
    rows = comparison.sort_values(["municipality", "taakveld"]).reset_index(drop=True)
    y = np.arange(len(rows))
    ax.barh(y - 0.2, rows["observed"] / 1e6, height=0.4, color=OKABE_ITO["blue"],
            label="Werkelijk (jaarrekening)" if lang == "nl" else "Observed (accounts)")
    err = np.clip(np.vstack([rows["model_mean"] - rows["model_p05"],
                             rows["model_p95"] - rows["model_mean"]]), 0.0, None)
    ax.barh(y + 0.2, rows["model_mean"] / 1e6, height=0.4, xerr=err / 1e6,
            color=OKABE_ITO["orange"], label="Model (gemiddelde, 90%-interval)" if lang == "nl"
            else "Model (mean, 90% interval)")
    ax.set_yticks(y, [f"{m} {t}" for m, t in zip(rows["municipality"], rows["taakveld"])],
                  fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("Lasten per jaar (€ mln)" if lang == "nl" else "Lasten per year (€ mln)")
    ax.set_title("Model tegen werkelijkheid, per taakveld" if lang == "nl"
                 else "Model against observed, per taakveld")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}".replace(",", "."))
    ax.legend(fontsize=7, loc="lower right")
    ax.figure.tight_layout()
    return ax
