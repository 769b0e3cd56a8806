"""The document of ``simfin compare``, built once: the side-by-side table, the saving against the
first scenario, the per-replication values, the chart panel (drawn from the side-by-side table)
and the volume-risk statement. Console, CSV, xlsx and chart all render this one document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from simfin.report.business_figures import replications_text
from simfin.report.compare_chart import draw_comparison
from simfin.report.document_writers import console_text, markdown_text, write_document
from simfin.report.labels import check_lang
from simfin.report.periods import with_prices
from simfin.report.model import Chart, Document, Measure, Section, Words
from simfin.report.risk_statement import volume_risk_text
from simfin.report.tables import Table, scenario_labels
from simfin.scope_check import scope_note_of

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

    from simfin.compare import Comparison

__all__ = ["FILE_STEMS", "PERIOD_OF", "build_compare", "comparison_text", "indicator_measure",
           "plot_comparison", "wide_table", "write_comparison"]

FILE_STEMS = {
    "nl": {"table": "vergelijking", "reps": "vergelijking_per_replicatie",
           "saving": "vergelijking_besparing", "chart": "vergelijking", "risk": "volumerisico",
           "workbook": "vergelijking"},
    "en": {"table": "comparison", "reps": "comparison_per_replication",
           "saving": "comparison_saving", "chart": "comparison", "risk": "volume_risk",
           "workbook": "comparison"},
}
#: indicator -> period: euros and hours per year averaged over the reported years; the
#: waiting list is a mean level
PERIOD_OF = {"waiting_list_mean": "state"}


def indicator_measure(indicator: str, unit: str, price_year: int | None, stat: str = "",
                      saving: bool = False) -> Measure:
    """The :class:`Measure` of one compare indicator (euros at the scenarios' own prices)."""
    return Measure(f"cmp.{indicator}", unit, PERIOD_OF.get(indicator, "mean_year"),
                   "scenario" if unit == "eur" else "", price_year if unit == "eur" else None,
                   "saving" if saving else "", stat, against=saving)


def build_compare(comparison: Comparison, lang: str = "nl") -> Document:
    """The document of a :class:`~simfin.compare.Comparison` in ``lang``."""
    from simfin.compare import INDICATORS

    w = Words(lang)
    scenarios = {n: r.scenario for n, r in comparison.results.items()}
    shown = scenario_labels(scenarios)
    cols = [shown[n] for n in comparison.names]
    year = next(iter(scenarios.values())).business_case.price_base_year
    prices = Measure("cmp.spending_eur", "eur", prices="scenario", price_year=year).price_text(lang)
    meta = comparison.meta
    scope = with_prices(scope_note_of(meta, lang), prices)
    head = w("col.kpi")
    table = comparison.table.set_index(["indicator", "scenario"])
    kinds = Measure("cmp.kinds")
    rows: list[tuple[Measure, list[object]]] = [(kinds, [", ".join(
        w(f"kind.{k}") for k in ks) for ks in comparison.kinds().values()])]
    for indicator, unit, stats in INDICATORS:
        for stat in stats:
            rows.append((indicator_measure(indicator, unit, year, stat),
                         [table.at[(indicator, n), stat] for n in comparison.names]))
    side = _row_table(rows, head, cols, w, key="comparison",
                      title=w("cmp.title",
                              reps=w.count(meta.get("replications", "?"), "replicatie"),
                              seed=meta.get("seed", "?")),
                      notes=(scope,) if scope else ())
    blocks: list[Table | str | Chart] = [side]
    savings = comparison.savings() if len(comparison.names) > 1 else None  # built once
    saving = None if savings is None else _saving_table(comparison, savings, shown, head,
                                                        year, w)
    if saving is not None:
        blocks.append(saving)
    footnote = _footnote(meta, prices, scope, w)
    blocks.append(Chart(FILE_STEMS[lang]["chart"], side, draw_comparison, footnote,
                        w("chart.compare.title")))
    all_kinds = sorted({k for ks in comparison.kinds().values() for k in ks})
    risk = volume_risk_text(all_kinds, lang).rstrip("\n")
    risk_title = w("cmp.risk_title")
    stems = FILE_STEMS[lang]
    data = {stems["table"]: comparison.table, stems["reps"]: comparison.per_replication}
    if savings is not None:
        data[stems["saving"]] = savings
    return Document(
        "compare", lang,
        (Section("sheet.comparison", (*blocks, f"{risk_title}\n\n{risk}")),
         Section("sheet.per_replication", (_per_replication(comparison, shown, year, w),),
                 console=False)),
        data=data, workbook=stems["workbook"],
        files={f"{stems['risk']}.md": _risk_markdown(risk_title, risk, lang)},
        keys=frozenset(w.used))


def _risk_markdown(title: str, risk: str, lang: str) -> str:
    """``volumerisico.md``: the console's risk statement rendered by the markdown writer."""
    part = Document("compare", lang, (Section("sheet.comparison", (risk,)),), title=title)
    return markdown_text(part)


def _row_table(rows, head: str, cols: list[str], w: Words, key: str, title: str = "",
               notes: tuple[str, ...] = (), reference: str = "") -> Table:
    """A table with one measure per row (titled in the first column), a column per option."""
    frame = pd.DataFrame({head: [w.title(m, reference) for m, _ in rows],
                          **{c: [v[i] for _, v in rows] for i, c in enumerate(cols)}})
    measures = [m for m, _ in rows]
    return Table(frame, {c: measures for c in cols}, title, notes, key)


def _saving_table(comparison: Comparison, frame: pd.DataFrame, shown: dict[str, str],
                  head: str, year: int | None, w: Words) -> Table:
    """Reference minus each other scenario, per replication (``frame``:
    :meth:`~simfin.compare.Comparison.savings`): mean and 90% interval."""
    savings = frame.set_index(["indicator", "scenario"])
    others = comparison.names[1:]
    reference = shown[comparison.names[0]]
    rows = []
    for indicator in dict.fromkeys(savings.index.get_level_values(0)):
        for stat in ("mean", "p05", "p95"):
            rows.append((indicator_measure(indicator, "eur", year, stat, saving=True),
                         [savings.at[(indicator, n), stat] for n in others]))
    return _row_table(rows, head, [shown[n] for n in others], w, key="saving",
                      title=w("cmp.saving_title", reference=reference),
                      notes=(w("cmp.saving_note"),), reference=reference)


def _per_replication(comparison: Comparison, shown: dict[str, str], year: int | None,
                     w: Words) -> Table:
    """The indicator values of every replication (one row per scenario and replication)."""
    from simfin.compare import INDICATORS

    reps = comparison.per_replication
    measures = {ind: indicator_measure(ind, unit, year) for ind, unit, _ in INDICATORS
                if ind in reps.columns}
    heads = {ind: w.title(m) for ind, m in measures.items()}
    frame = pd.DataFrame({w("col.scenario"): reps["scenario"].map(shown).to_list(),
                          w("col.replication"): reps["replication"].to_list(),
                          **{heads[i]: reps[i].to_list() for i in measures}})
    units: dict[str, object] = {heads[i]: m for i, m in measures.items()}
    return Table(frame, units, key="per_replication")


def _footnote(meta: dict, prices: str, scope: str, w: Words) -> str:
    parts = [f"simfin {meta.get('simfin', '?')}",
             replications_text(meta.get("replications", 0), w.lang),
             f"{w('footnote.seed')} {meta.get('seed', '?')}", w("footnote.crn")]
    return " · ".join(parts) + (f" · {scope}" if scope else f" · {prices}")  # scope names it


def wide_table(comparison: Comparison, lang: str = "nl") -> pd.DataFrame:
    """Side-by-side table of text cells: rows "indicator, statistic", columns scenarios (the
    cells of the document's side-by-side table, formatted as on the console)."""
    side = build_compare(comparison, lang).table("comparison")
    cells = side.formatted()
    return cells.set_index(cells.columns[0]).rename_axis(None)


def comparison_text(comparison: Comparison, lang: str = "nl") -> str:
    """The side-by-side table, the saving against the first scenario and the volume-risk
    statement, as text (:func:`simfin.report.document_writers.console_text`)."""
    return console_text(build_compare(comparison, lang))


def plot_comparison(comparison: Comparison, fig: Figure | None = None,
                    lang: str = "nl") -> Figure:
    """One chart panel comparing the scenarios (Dutch labels by default).

    Four small charts with the scenarios as rows: municipal spending per year and the
    providers' margin per year (bars: mean over replications, whiskers: 90% interval),
    the mean specialist waiting list (clients) and administrative hours per year of both
    parties (stacked). A footnote names version, replications, seed, common random
    numbers and the price level. Drawn from the compare document
    (:func:`simfin.report.build_compare.build_compare`), like the files of ``simfin compare``.

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
    doc = build_compare(comparison, lang)
    return doc.charts()[0].figure(lang, fig)


def write_comparison(comparison: Comparison, out: Path, lang: str = "nl",
                     csv_dialect: str = "intl") -> list[Path]:
    """Write the compare document: table CSV, per-replication CSV, saving CSV, the workbook
    (sheets Vergelijking and Per replicatie, numeric cells), chart PNG and SVG, and the risk
    statement. ``csv_dialect="nl"`` writes the CSVs for Dutch Excel (``;``, decimal comma, BOM).
    """
    return write_document(build_compare(comparison, lang), out, csv_dialect)
