"""Variants side by side: the afwegingskader as a chart and a workbook sheet.

The layout of a raadsvoorstel: one column per variant, criteria as rows; first the computed
criteria (mean with the 90% interval under it, nl-NL), then the qualitative scores against
the current situation, coloured from ``--`` to ``++`` with their bandbreedte ("- tot +").
Content: :func:`simfin.business.scorecard.scorecard`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from simfin.business.scorecard import scorecard
from simfin.report.format import format_eur_millions, format_number
from simfin.report.labels import check_lang, label
from simfin.report.style import add_footnote_text, council_style, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from openpyxl.worksheet.worksheet import Worksheet

    from simfin.business.result import BusinessCase

__all__ = ["SCORE_COLOURS", "cell_text", "plot_scorecard", "scorecard_sheet",
           "scorecard_text", "write_scorecard_chart", "write_scorecard_outputs"]

#: Score colours: a colour-blind-safe diverging scale (Okabe-Ito blue to vermillion).
SCORE_COLOURS = {"++": "#0072B2", "+": "#9CCBEB", "+/-": "#EEEEEE", "-": "#F2C46D",
                 "--": "#D55E00", "n.t.b.": "#FFFFFF", "": "#FFFFFF"}
_DARK = {"++", "--"}
_TEXT = {
    "title": ("Varianten naast elkaar: afwegingskader", "Variants side by side: assessment"),
    "computed": ("Berekend (gemiddelde, 90%-interval)", "Computed (mean, 90% interval)"),
    "scored": ("Kwalitatief, t.o.v. het nulalternatief (eerste kolom)",
               "Qualitative, against the nulalternatief (first column)"),
    "to": ("tot", "to"),
    "legend": ("Berekend: bedragen in € mln, interval tussen haakjes; netto contante waarde en "
               "structurele besparing: + = besparing t.o.v. nulalternatief; incidentele kosten: "
               "negatief (een kost); uitvoerings- en sturingskosten per jaar: kosten. Kwalitatief: ++ aanzienlijk beter · + enigszins beter "
               "· +/- ongewijzigd · - enigszins slechter · -- aanzienlijk slechter · n.t.b. nog "
               "niet bekend; bandbreedte tussen haakjes.",
               "Computed: amounts in € million, interval in brackets; net present value and "
               "structural saving: + = saving against the nulalternatief; incidental costs: "
               "negative (a cost); execution and steering costs per year: costs. Qualitative: ++ much better · + somewhat better · "
               "+/- unchanged · - somewhat worse · -- much worse · n.t.b. not yet known; "
               "range in brackets."),
    "days": ("dagen", "days"),
    "sheet": ("Varianten naast elkaar", "Variants side by side"),
    "numbers": ("Getallen en scores", "Numbers and scores"),
    "col.low": ("Ondergrens (5%)", "Lower bound (5%)"),
    "col.high": ("Bovengrens (95%)", "Upper bound (95%)"),
    "col.score_low": ("Bandbreedte van", "Range from"),
    "col.score_high": ("Bandbreedte tot", "Range to"),
}
STEM = {"nl": "afwegingskader", "en": "assessment"}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "nl" else 1]


def _number(value: float, unit: str, bare: bool = False) -> str:
    """``value`` for a cell; ``bare``: euros as a plain number of millions (interval)."""
    if unit != "eur":
        return format_number(value, 0 if unit in ("cases", "episodes") else 1)
    return format_number(value / 1e6, 2) if bare else format_eur_millions(value, 2)


def cell_text(row: pd.Series, lang: str = "nl") -> str:
    """What one cell shows: the mean and its interval, or the score and its bandbreedte."""
    if row["kind"] == "qualitative":
        text = row["score"] or "–"
        if row["score_low"]:
            text += f"\n({row['score_low']} {_t('to', lang)} {row['score_high']})"
        return text
    if np.isnan(row["value"]):
        return "–"
    text = _number(row["value"], row["unit"])
    if row["unit"] == "days":
        text += f" {_t('days', lang)}"
    low, high = (_number(row[k], row["unit"], bare=True) for k in ("low", "high"))
    if low != high:
        text += f"\n({low} – {high})"
    return text


def plot_scorecard(case: BusinessCase, lang: str = "nl", table: pd.DataFrame | None = None,
                   footnote: str | None = None) -> Figure:
    """The afwegingskader of ``case`` as a table chart (one column per variant)."""
    from simfin.report.business_charts import case_footnote

    check_lang(lang)
    table = scorecard(case) if table is None else table
    variants = list(dict.fromkeys(table["variant"]))
    labels = {v: table.loc[table["variant"] == v, "variant_label"].iat[0] for v in variants}
    criteria = {kind: list(dict.fromkeys(table.loc[table["kind"] == kind, "criterion"]))
                for kind in ("quantitative", "qualitative")}
    rows = [("head", "computed")] + [("quantitative", c) for c in criteria["quantitative"]]
    rows += [("head", "scored")] + [("qualitative", c) for c in criteria["qualitative"]]
    cells = {(r.variant, r.criterion): r for _, r in table.iterrows()}
    first, width = 5.2, 2.7
    with council_style():
        width_cm = max(first + width * len(variants) + 0.4, 14.0)
        fig = new_figure(width_cm, 3.6 + 0.78 * len(rows))
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_xlim(0, first + width * len(variants))
        ax.set_ylim(len(rows) + 2.4, 0)
        for j, v in enumerate(variants):
            # headers wrap on words only ("uitvoer ingsorganisatie" split a word)
            header = textwrap.fill(labels[v], 20, break_long_words=False)
            ax.text(first + width * (j + 0.5), 0.8, header, ha="center", va="center",
                    fontsize=6.5, weight="bold")
        for i, (kind, key) in enumerate(rows, start=1):
            y = i + 0.6
            if kind == "head":
                ax.text(0.05, y, _t(key, lang), va="center", fontsize=7.5, weight="bold")
                continue
            ax.text(0.05, y, textwrap.fill(label(key, lang), 36, break_long_words=False), va="center",
                    fontsize=6.2)
            for j, v in enumerate(variants):
                row = cells.get((v, key))
                if row is None:
                    continue
                score = row["score"] if kind == "qualitative" else ""
                ax.add_patch(Rectangle((first + width * j + 0.05, y - 0.45), width - 0.1,
                                       0.9, facecolor=SCORE_COLOURS.get(score, "#FFFFFF"),
                                       edgecolor="#BBBBBB", linewidth=0.4,
                                       hatch="///" if score == "n.t.b." else None))
                box = dict(facecolor="white", edgecolor="none", pad=1.0) \
                    if score == "n.t.b." else None
                ax.text(first + width * (j + 0.5), y, cell_text(row, lang), ha="center",
                        va="center", fontsize=6.2, bbox=box,
                        color="white" if score in _DARK else "black")
        ax.set_title(_t("title", lang), loc="left", fontsize=9)
        ax.text(0.05, len(rows) + 1.3, textwrap.fill(_t("legend", lang), int(width_cm * 9)), fontsize=5.6,
                va="top")
        add_footnote_text(fig, footnote or case_footnote(case, lang))
    return fig


def write_scorecard_chart(case: BusinessCase, out: str | Path, lang: str = "nl") -> list[Path]:
    """Write ``afwegingskader`` (English: ``assessment``) as PNG and SVG into ``out``."""
    import matplotlib.pyplot as plt

    from simfin.report.charts import save_figure

    fig = plot_scorecard(case, lang)
    try:
        return save_figure(fig, Path(out) / STEM[lang])
    finally:
        plt.close(fig)


def scorecard_sheet(ws: Worksheet, case: BusinessCase, lang: str) -> None:
    """The sheet "Varianten naast elkaar": the chart's cells as text, then the numbers."""
    from simfin.report.xlsx import BUSINESS_UNIT_FORMATS as UNIT_FORMATS
    from simfin.report.xlsx import BOLD, _write_table

    table = scorecard(case)
    variants = list(dict.fromkeys(table["variant_label"]))
    criteria = list(dict.fromkeys(table["criterion"]))
    wide = pd.DataFrame({label("col.criterion", lang): [label(c, lang)
                                                        for c in criteria]})
    for v in variants:
        mine = table[table["variant_label"] == v].set_index("criterion")
        wide[v] = [cell_text(mine.loc[c], lang).replace("\n", " ") if c in mine.index else ""
                   for c in criteria]
    row = _write_table(ws, wide, 1) + 1
    ws.cell(row=row, column=1, value=_t("numbers", lang)).font = BOLD
    per_row = [UNIT_FORMATS.get(u) for u in table["unit"]]
    numbers = pd.DataFrame({
        label("col.variant", lang): table["variant_label"].to_numpy(),
        label("col.criterion", lang): [label(c, lang) for c in table["criterion"]],
        label("col.kind", lang): [label(k, lang) for k in table["kind"]],
        label("col.score", lang): table["score"].to_numpy(),
        _t("col.score_low", lang): table["score_low"].to_numpy(),
        _t("col.score_high", lang): table["score_high"].to_numpy(),
        label("col.value", lang): table["value"].to_numpy(),
        _t("col.low", lang): table["low"].to_numpy(),
        _t("col.high", lang): table["high"].to_numpy(),
        label("col.unit", lang): [label(f"unit.{u}", lang) if u else "" for u in table["unit"]],
        label("col.note", lang): table["note"].to_numpy()})
    numbers = numbers.astype(object).where(numbers.notna(), None)
    _write_table(ws, numbers, row + 1, {label("col.value", lang): per_row,
                                        _t("col.low", lang): per_row,
                                        _t("col.high", lang): per_row})
    ws.freeze_panes = "B2"


def scorecard_text(case: BusinessCase, lang: str = "nl") -> str:
    """The afwegingskader as console text: per criterion one line per variant."""
    check_lang(lang)
    table = scorecard(case)
    lines = [_t("title", lang)]
    for criterion, rows in table.groupby("criterion", sort=False):
        lines.append(f"\n{label(criterion, lang)}")
        lines += [f"  {r.variant_label}: {cell_text(r, lang).replace(chr(10), ' ')}"
                  for _, r in rows.iterrows()]
    return "\n".join(lines)


def write_scorecard_outputs(case: BusinessCase, out: str | Path, lang: str = "nl",
                            csv_dialect: str = "intl") -> list[Path]:
    """What ``simfin afweging`` writes into ``out``: ``afwegingskader.csv`` (the tidy
    table, in ``csv_dialect``), ``afwegingskader.xlsx`` (the sheet) and the chart as PNG
    and SVG."""
    from simfin.report.tables import write_csv
    from simfin.report.xlsx import save_workbook

    check_lang(lang)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = scorecard(case)
    written = [write_csv(table, out / f"{STEM[lang]}.csv", csv_dialect)]
    written.append(save_workbook(out / f"{STEM[lang]}.xlsx",
                                 (("sheet.bc_scorecard", scorecard_sheet),), case, lang))
    return written + write_scorecard_chart(case, out, lang)
