"""Views of a :class:`simfin.compare.Comparison`: text table, chart panel, files.

* :func:`wide_table`: indicators (and statistics) as rows, scenarios as columns, nl-NL text.
* :func:`comparison_text`: that table plus who carries the volume risk, for the console.
* :func:`plot_comparison`: one 2 x 2 chart panel in the council style: municipal spending
  and provider margin (mean with 90% interval), specialist waiting list, admin hours.
* :func:`write_comparison`: CSV tables, PNG/SVG chart and the volume-risk statement.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simfin.atomic import atomic_write_text
from simfin.report.axes import number_formatter
from simfin.report.format import eur_axis_formatter, format_value
from simfin.report.labels import check_lang, label
from simfin.report.markdown_safe import safe_markdown
from simfin.report.risk_statement import volume_risk_text
from simfin.report.style import (
    NEUTRAL_COLOUR,
    OKABE_ITO,
    PARTY_COLOURS,
    add_footnote_text,
    council_style,
    new_figure,
)
from simfin.report.tables import price_level, scenario_labels, write_csv, write_tables_workbook
from simfin.scope_check import scope_note_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from simfin.compare import Comparison

__all__ = ["FILE_STEMS", "comparison_text", "plot_comparison", "wide_table",
           "write_comparison"]

FILE_STEMS = {
    "nl": {"table": "vergelijking", "reps": "vergelijking_per_replicatie",
           "chart": "vergelijking", "risk": "volumerisico", "workbook": "vergelijking"},
    "en": {"table": "comparison", "reps": "comparison_per_replication",
           "chart": "comparison", "risk": "volume_risk", "workbook": "comparison"},
}
_DECIMALS = {"eur": 0, "hours": 0, "clients": 1, "days": 0, "share": 0}
PANEL_CM = (16.0, 11.0)


def _cell(value: float, unit: str) -> str:
    return format_value(value, unit, _DECIMALS.get(unit))


def wide_table(comparison: Comparison, lang: str = "nl") -> pd.DataFrame:
    """Side-by-side table of text cells: rows "indicator, statistic", columns scenarios."""
    from simfin.compare import INDICATORS

    check_lang(lang)
    table = comparison.table.set_index(["indicator", "scenario"])
    rows = {label("cmp.kinds", lang): [", ".join(label(f"kind.{k}", lang) for k in kinds)
                                       for kinds in comparison.kinds().values()]}
    prices = {price_level(r.scenario, lang) for r in comparison.results.values()}
    price = f" ({prices.pop()})" if len(prices) == 1 else ""
    for indicator, unit, stats in INDICATORS:
        for stat in stats:
            name = label(f"cmp.{indicator}", lang) + (price if unit == "eur" else "")
            key = name if stat == "mean" else f"{name}, {label(f'stat.{stat}', lang)}"
            rows[key] = [_cell(table.at[(indicator, s), stat], unit) for s in comparison.names]
    return pd.DataFrame.from_dict(rows, orient="index", columns=_labels(comparison))


def _labels(comparison: Comparison) -> list[str]:
    """The scenarios' display names (``[afweging] label``, else the name), in order."""
    return list(scenario_labels({n: r.scenario for n, r in comparison.results.items()}).values())


def _render(table: pd.DataFrame) -> list[str]:
    """Index left-aligned, cells right-aligned, two spaces apart."""
    head = ["", *table.columns]
    body = [[str(i), *row] for i, row in zip(table.index, table.to_numpy().tolist(), strict=True)]
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body)]


def comparison_text(comparison: Comparison, lang: str = "nl") -> str:
    """The side-by-side table and the volume-risk statement of the kinds used, as text."""
    meta = comparison.meta
    kinds = sorted({k for ks in comparison.kinds().values() for k in ks})
    lines = [label("cmp.title", lang).format(reps=meta.get("replications", "?"),
                                             seed=meta.get("seed", "?")), "",
             *_render(wide_table(comparison, lang)), "", label("cmp.risk_title", lang), "",
             volume_risk_text(kinds, lang).rstrip("\n")]
    scope = scope_note_of(meta, lang)
    if scope:
        lines[1:1] = [scope]
    return "\n".join(lines) + "\n"


def _stat(comparison: Comparison, indicator: str, stat: str) -> np.ndarray:
    t = comparison.table.set_index(["indicator", "scenario"])
    return np.array([t.at[(indicator, s), stat] for s in comparison.names], dtype=float)


def _interval_bars(ax: Axes, comparison: Comparison, indicator: str, colour: str,
                   lang: str) -> None:
    """Horizontal bars of the mean with the 90% interval as error bars (euros)."""
    y = np.arange(len(comparison.names))
    mean = _stat(comparison, indicator, "mean")
    low = np.clip(mean - _stat(comparison, indicator, "p05"), 0, None)
    high = np.clip(_stat(comparison, indicator, "p95") - mean, 0, None)
    ax.barh(y, mean, color=colour, height=0.6, zorder=2)
    ax.errorbar(mean, y, xerr=[np.nan_to_num(low), np.nan_to_num(high)], fmt="none",
                ecolor=OKABE_ITO["black"], elinewidth=1.0, zorder=3,
                label=label("legend.interval", lang))
    ax.axvline(0, color="#595959", linewidth=0.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
    ax.xaxis.set_major_formatter(eur_axis_formatter())


def _admin_bars(ax: Axes, comparison: Comparison, lang: str) -> None:
    y = np.arange(len(comparison.names))
    municipality = _stat(comparison, "admin_hours_municipality", "mean")
    provider = _stat(comparison, "admin_hours_provider", "mean")
    ax.barh(y, municipality, height=0.6, color=PARTY_COLOURS["municipality"], label=label(
        "municipality", lang), zorder=2)
    ax.barh(y, provider, left=municipality, height=0.6, color=PARTY_COLOURS["provider"],
            label=label("provider", lang), zorder=2)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))


def _panels(axes: np.ndarray, comparison: Comparison, lang: str) -> None:
    (spend, margin), (waiting, admin) = axes
    _interval_bars(spend, comparison, "spending_eur", PARTY_COLOURS["municipality"], lang)
    # the provider's margin in the provider's colour: the legend names that colour "Aanbieder"
    _interval_bars(margin, comparison, "provider_margin_eur", PARTY_COLOURS["provider"], lang)
    waiting.barh(np.arange(len(comparison.names)),
                 _stat(comparison, "waiting_list_mean", "mean"), height=0.6,
                 color=NEUTRAL_COLOUR, zorder=2)
    _admin_bars(admin, comparison, lang)
    for ax in (waiting, admin):
        ax.xaxis.set_major_formatter(number_formatter())
    titles = ("spending", "margin", "waiting", "admin")
    for ax, key in zip(axes.flat, titles, strict=True):
        ax.set_title(label(f"chart.compare.{key}", lang), loc="left", fontsize=8.5)
        ax.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        ax.grid(axis="y", visible=False)
    spend.set_yticks(np.arange(len(comparison.names)), _labels(comparison))
    spend.invert_yaxis()  # first scenario on top; the y-axis is shared by all four panels


def _legend(fig: Figure, axes: np.ndarray, title: str) -> None:
    """The panel's title and one legend above the charts: interval, municipality, provider.

    The title is the legend's title: a constrained layout then makes room for both.
    """
    handles, texts = [], []
    for ax in (axes[0, 0], axes[1, 1]):
        h, t = ax.get_legend_handles_labels()
        handles, texts = handles + h, texts + t
    fig.legend(handles, texts, loc="outside upper center", ncols=len(handles), title=title,
               title_fontproperties={"weight": "bold", "size": 10})


def _footnote(fig: Figure, comparison: Comparison, lang: str) -> None:
    meta = comparison.meta
    text = " · ".join([f"simfin {meta.get('simfin', '?')}",
                       f"{meta.get('replications', '?')} {label('footnote.replications', lang)}",
                       f"{label('footnote.seed', lang)} {meta.get('seed', '?')}",
                       label("footnote.crn", lang)])
    prices = sorted({price_level(r.scenario, lang) for r in comparison.results.values()})
    scope = scope_note_of(meta, lang)
    add_footnote_text(fig, f"{text} · {' / '.join(prices)}" + (f" · {scope}" if scope else ""))


def plot_comparison(comparison: Comparison, fig: Figure | None = None,
                    lang: str = "nl") -> Figure:
    """One chart panel comparing the scenarios (Dutch labels by default).

    Four small charts with the scenarios as rows: municipal spending per year and the
    providers' margin per year (bars: mean over replications, whiskers: 90% interval),
    the mean specialist waiting list (clients) and administrative hours per year of both
    parties (stacked). A footnote names version, replications, seed and common random
    numbers.

    Parameters
    ----------
    comparison : Comparison
        From :func:`simfin.compare`.
    fig : Figure, optional
        An empty figure with constrained layout to draw in; default a new 16 x 11 cm one.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    """
    check_lang(lang)
    with council_style():
        fig = new_figure(*PANEL_CM, pyplot=False) if fig is None else fig
        axes = fig.subplots(2, 2, sharey=True, squeeze=False)
        _panels(axes, comparison, lang)
        _legend(fig, axes, label("chart.compare.title", lang))
        _footnote(fig, comparison, lang)
    return fig


def write_comparison(comparison: Comparison, out: Path, lang: str = "nl",
                     csv_dialect: str = "intl") -> list[Path]:
    """Write table CSV, per-replication CSV, the workbook (sheets Vergelijking and Per
    replicatie, numeric cells), chart PNG and SVG, and the risk statement.

    ``csv_dialect="nl"`` writes the CSVs for Dutch Excel (``;``, decimal comma, BOM).
    """
    from simfin.report.charts import save_figure
    from simfin.report.command_tables import comparison_tables

    check_lang(lang)
    stems = FILE_STEMS[lang]
    out.mkdir(parents=True, exist_ok=True)
    side, per_rep = comparison_tables(comparison, lang)
    written = [
        write_csv(comparison.table, out / f"{stems['table']}.csv", csv_dialect),
        write_csv(comparison.per_replication, out / f"{stems['reps']}.csv", csv_dialect),
        write_tables_workbook(out / f"{stems['workbook']}.xlsx",
                              [("sheet.comparison", [side]),
                               ("sheet.per_replication", [per_rep])], lang),
    ]
    written += save_figure(plot_comparison(comparison, lang=lang), out / stems["chart"])
    kinds = sorted({k for ks in comparison.kinds().values() for k in ks})
    text = f"# {label('cmp.risk_title', lang)}\n\n{volume_risk_text(kinds, lang)}"
    written.append(atomic_write_text(out / f"{stems['risk']}.md", safe_markdown(text)))
    return written
