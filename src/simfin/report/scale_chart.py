"""Scale curve: cost per inhabitant and intake waiting time against population size, the chart
of the scale document (:func:`simfin.report.build_scale.build_scale`), drawn from its table by
:func:`simfin.report.scale_draw.draw_scale`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.report.build_scale import build_scale

if TYPE_CHECKING:
    import pandas as pd

    from simfin.scenario import Scenario

__all__ = ["plot_scale_curve"]


def plot_scale_curve(sweep: pd.DataFrame, lang: str = "nl", marks=(95_000, 100_000),
                     footnote: str | None = None, scenario: Scenario | None = None):
    """Two panels over population (from :func:`simfin.scale.scale_sweep`); returns the Figure:
    the chart of the scale document, drawn from its table
    (:func:`~simfin.report.build_scale.build_scale`).

    Parameters
    ----------
    sweep : DataFrame
        :func:`simfin.scale.scale_sweep`.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    marks : sequence of int
        Population sizes to mark (default 95,000 and 100,000).
    footnote : str, optional
        Text under the figure, e.g. :func:`simfin.report.style.footnote_line`.
    scenario : Scenario, optional
        The swept scenario: its label goes into the title and its price level into the
        cost axis label.
    """
    doc = build_scale(sweep, scenario, lang, footnote=footnote or "", marks=marks)
    return doc.charts()[0].figure(lang)
