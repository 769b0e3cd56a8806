"""Everything ``simfin business`` writes, and its console summary.

Files in the output directory, each written atomically: ``business_yearly.csv`` (the tidy
yearly table over variants and replications), ``business_balance.csv``,
``business_appraisal.csv``, ``business_ceiling.csv``, ``business_afweging.csv``,
``business_assumptions.csv``, ``business_waits.csv`` (the quality measure per variant:
doorlooptijd per stage and backlogs, :mod:`simfin.business.quality`), ``samenvatting.md`` (the
headline figures of every option, as the console), the workbook ``businesscase.xlsx`` and the
charts of
:mod:`simfin.report.business_charts` as PNG and SVG: per variant ``terugverdienen_<variant>``
(incidental and structural balance, cumulative balance, payback year) and
``waterval_<variant>`` (from the nulalternatief to the variant by category), per scenario
with a ``[ceiling]`` ``plafond_<scenario>`` (spending fan chart against the ceiling), and
``afwegingskader`` (all variants side by side, :mod:`simfin.report.scorecard`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simfin.business.quality import waits_per_variant
from simfin.report.business_charts import write_business_charts
from simfin.report.business_xlsx import write_business_workbook
from simfin.atomic import atomic_write_text
from simfin.report.business_figures import headline_lines, headline_markdown
from simfin.report.labels import check_lang
from simfin.report.tables import write_csv
from simfin.report.scorecard import write_scorecard_chart

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["business_console", "write_business_outputs"]

WORKBOOK = "businesscase.xlsx"
SUMMARY_NAME = {"nl": "samenvatting.md", "en": "summary.md"}


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
              "assumptions": case.assumptions(), "waits": waits_per_variant(case)}
    written = [write_csv(df, out / f"business_{name}.csv", csv_dialect)
               for name, df in tables.items()]
    written.append(write_business_workbook(case, out / WORKBOOK, lang=lang))
    written.append(_write_model_card(case, out, lang))
    written.append(atomic_write_text(out / SUMMARY_NAME[lang], headline_markdown(case, lang)))
    written += write_business_charts(case, out, lang=lang)
    written += write_scorecard_chart(case, out, lang=lang)
    from simfin.report.omslag_chart import write_what_must_be_true

    written += write_what_must_be_true(case, out, lang)
    return written


def business_console(case: BusinessCase, lang: str = "nl") -> str:
    """Per option (the nulalternatief included) its headline figures with their 90% interval,
    under the one measure note (:mod:`simfin.report.business_figures`)."""
    check_lang(lang)
    from simfin.report.omslagpunten import deciding_lines

    lines = [*deciding_lines(case, lang), ""] if len(case.switching) else []
    return "\n".join(lines + headline_lines(case, lang))


def _write_model_card(case: BusinessCase, out: Path, lang: str) -> Path:
    """``modelkaart.md`` and the same text as the workbook's sheet "Modelkaart"."""
    from simfin.atomic import atomic_write_text
    from simfin.report.markdown_safe import safe_markdown
    from simfin.report.modelkaart import CARD_NAME, add_model_card_sheet, business_model_card

    text = business_model_card(case, lang=lang)
    add_model_card_sheet(out / WORKBOOK, text, lang)
    return atomic_write_text(out / CARD_NAME, safe_markdown(text))
