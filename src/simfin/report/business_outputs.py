"""Everything ``simfin business`` writes, and its console summary.

Files in the output directory, each written atomically: ``business_yearly.csv`` (the tidy
yearly table over variants and replications), ``business_balance.csv``,
``business_appraisal.csv``, ``business_ceiling.csv``, ``business_afweging.csv``,
``business_assumptions.csv``, the workbook ``businesscase.xlsx`` and the charts of
:mod:`simfin.report.business_charts` as PNG and SVG: per variant ``terugverdienen_<variant>``
(incidental and structural balance, cumulative balance, payback year) and
``waterval_<variant>`` (from the nulalternatief to the variant by category), per scenario
with a ``[ceiling]`` ``plafond_<scenario>`` (spending fan chart against the ceiling), and
``afwegingskader`` (all variants side by side, :mod:`simfin.report.scorecard`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from simfin.report.business_charts import write_business_charts
from simfin.report.business_xlsx import write_business_workbook
from simfin.report.format import format_eur, format_share
from simfin.report.labels import check_lang, label
from simfin.report.tables import scenario_labels, write_csv
from simfin.report.scorecard import write_scorecard_chart

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["business_console", "write_business_outputs"]

WORKBOOK = "businesscase.xlsx"


def write_business_outputs(case: BusinessCase, out: str | Path, lang: str = "nl",
                           csv_dialect: str = "intl") -> list[Path]:
    """Write tables, workbook and charts of ``case`` into ``out``; returns the paths.

    ``csv_dialect`` ``"nl"`` writes the CSVs for Dutch Excel (``;``, decimal comma, BOM).
    """
    check_lang(lang)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = {"yearly": case.yearly, "balance": case.balance, "appraisal": case.appraisal,
              "ceiling": case.ceiling, "afweging": case.afweging(),
              "assumptions": case.assumptions()}
    written = [write_csv(df, out / f"business_{name}.csv", csv_dialect)
               for name, df in tables.items()]
    written.append(write_business_workbook(case, out / WORKBOOK, lang=lang))
    written.append(_write_model_card(case, out, lang))
    written += write_business_charts(case, out, lang=lang)
    written += write_scorecard_chart(case, out, lang=lang)
    from simfin.report.omslag_chart import write_what_must_be_true

    written += write_what_must_be_true(case, out, lang)
    return written


def _year(value: float) -> str:
    return "–" if value is None or math.isnan(value) else str(int(value))


def business_console(case: BusinessCase, lang: str = "nl") -> str:
    """A few lines per variant: NPV with its 90% interval, payback year, ceiling risk."""
    check_lang(lang)
    from simfin.report.omslagpunten import deciding_lines

    names = scenario_labels(case.scenarios)
    lines = [*deciding_lines(case, lang), ""] if len(case.switching) else []
    lines += [f"{label('bc.null', lang)}: {names.get(case.null, case.null)} "
             f"({case.replications} {label('footnote.replications', lang)})",
             f"{label('bc.sign', lang)}: {label('bc.sign_saving', lang)}"]
    for row in case.summary().itertuples(index=False):
        lines += [
            f"\n{names.get(row.variant, row.variant)}",
            f"  {label('npv_mean_eur', lang)}: {format_eur(row.npv_mean_eur)} "
            f"({format_eur(row.npv_p05_eur)} – {format_eur(row.npv_p95_eur)})",
            f"  {label('payback_year', lang)}: {_year(row.payback_year)}",
            f"  {label('incidental_nominal_eur', lang)}: {format_eur(row.incidental_nominal_eur)}",
            f"    {label('incidental_emergent_nominal_eur', lang)}: "
            f"{format_eur(row.incidental_emergent_nominal_eur)}",
            f"  {label('structural_difference_last_year_eur', lang)}: "
            f"{format_eur(row.structural_difference_last_year_eur)}",
            f"  {label('p_overshoot_max', lang)}: {format_share(row.p_overshoot_max)}"]
    return "\n".join(lines)


def _write_model_card(case: BusinessCase, out: Path, lang: str) -> Path:
    """``modelkaart.md`` and the same text as the workbook's sheet "Modelkaart"."""
    from simfin.atomic import atomic_write_text
    from simfin.report.markdown_safe import safe_markdown
    from simfin.report.modelkaart import CARD_NAME, add_model_card_sheet, business_model_card

    text = business_model_card(case, lang=lang)
    add_model_card_sheet(out / WORKBOOK, text, lang)
    return atomic_write_text(out / CARD_NAME, safe_markdown(text))
