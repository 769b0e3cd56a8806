"""Two-way view of the two most decisive assumptions: where does the variant win?

``plot_two_way`` draws, for the two levers with the most NPV resting on them (largest
|``effect_eur``| in ``case.switching``), the net present value over a grid of their shares
of the assumed change (0 % = no change against the nulalternatief, 100 % = as assumed). The
surface is the plane through the switching-value runs,
``NPV(a, b) = NPV(100 %, 100 %) + effect_a (a − 1) + effect_b (b − 1)``: exact for money
amounts, a linear approximation otherwise (interaction between the two is not included; the
footnote says so). Green: the variant pays back (NPV ≥ 0); red: it does not; the line is
NPV = 0 and the dot the variant as assumed.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from simfin.report.format import format_eur_millions
from simfin.report.omslagpunten import lever_name
from simfin.report.style import OKABE_ITO, add_footnote_text, council_style, new_figure
from simfin.report.plural import count_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from simfin.business.result import BusinessCase

__all__ = ["decisive_pair", "plot_two_way", "write_what_must_be_true"]

_TEXT = {"nl": {"title": "{name}: waar verdient de variant zich terug?",
                "axis": "{name} (% van de aanname)", "win": "NCW ≥ 0", "lose": "NCW < 0",
                "assumed": "zoals aangenomen",
                "foot": "Netto contante waarde, lineair uit de omslagpunten ({reps}, "
                        "zelfde trekkingen); samenhang tussen beide aannames niet "
                        "meegenomen. 0% = geen verandering t.o.v. nulalternatief. De stip: "
                        "{lever} op de aangenomen waarde, de andere aannames getrokken uit "
                        "hun bandbreedte; de netto contante waarde van de kerncijfers ({mean}) "
                        "is het gemiddelde met alle aannames getrokken."},
         "en": {"title": "{name}: where does the variant pay back?",
                "axis": "{name} (% of the assumption)", "win": "NPV ≥ 0", "lose": "NPV < 0",
                "assumed": "as assumed",
                "foot": "Net present value, linear from the switching values ({reps}, "
                        "same draws); interaction between the two not included. "
                        "0% = no change against the nulalternatief. The dot: {lever} at its "
                        "assumed value, the other assumptions drawn from their ranges; the "
                        "headline net present value ({mean}) is the mean with every "
                        "assumption drawn."}}


def decisive_pair(case: BusinessCase, variant: str):
    """The two NPV rows of ``case.switching`` for ``variant`` with the largest |effect|
    (levers of several parameters and their members are not both taken)."""
    rows = case.switching[(case.switching["variant"] == variant)
                          & (case.switching["criterion"] == "npv")
                          & (case.switching["status"] != "no_effect")]
    rows = rows.reindex(rows["effect_eur"].abs().sort_values(ascending=False).index)
    chosen = []
    for row in rows.itertuples(index=False):
        members = set(row.parameters.split(", "))
        if any(members & set(c.parameters.split(", ")) for c in chosen):
            continue
        chosen.append(row)
        if len(chosen) == 2:
            break
    return chosen


def plot_two_way(case: BusinessCase, variant: str | None = None, ax: Axes | None = None,
                 lang: str = "nl", footnote: bool = True) -> Axes | None:
    """The two-way chart (module docstring); None when fewer than two levers move the NPV."""
    variant = variant or case.variants[0]
    pair = decisive_pair(case, variant)
    if len(pair) < 2:
        return None
    t = _TEXT[lang]
    a, b = pair
    base = a.result_eur
    shares = [r.share for r in pair if np.isfinite(r.share)]
    hi, lo = max([2.0, *shares]), min([-0.5, *shares])
    x = np.linspace(lo, hi, 121)
    xa, xb = np.meshgrid(x, x)
    npv = base + a.effect_eur * (xa - 1.0) + b.effect_eur * (xb - 1.0)
    with council_style():
        if ax is None:
            ax = new_figure(height_cm=11.0).add_subplot()
        ax.contourf(xa * 100, xb * 100, npv >= 0, levels=[-0.5, 0.5, 1.5],
                    colors=[OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"]], alpha=0.35)
        ax.contour(xa * 100, xb * 100, npv, levels=[0.0], colors="black", linewidths=1.2)
        ax.plot([100], [100], "o", color="black",
                label=f"{t['assumed']}: {format_eur_millions(base)}")
        ax.axhline(0, color="grey", lw=0.6)
        ax.axvline(0, color="grey", lw=0.6)
        ax.set_xlabel(t["axis"].format(name=lever_name(a, lang)))
        ax.set_ylabel(t["axis"].format(name=lever_name(b, lang)))
        ax.set_title(textwrap.fill(t["title"].format(name=_name(case, variant)), 60),
                     loc="left")
        from matplotlib.patches import Patch

        handles = [Patch(color=OKABE_ITO["bluish_green"], alpha=0.35, label=t["win"]),
                   Patch(color=OKABE_ITO["vermillion"], alpha=0.35, label=t["lose"]),
                   *ax.get_legend_handles_labels()[0]]
        ax.legend(handles=handles, loc="best", fontsize="small")
        if footnote:
            reps = int(case.switching["replications"].iat[0])
            add_footnote_text(ax.figure, t["foot"].format(
                reps=count_text(reps, "replicatie", lang),
                mean=format_eur_millions(case.npv_interval(variant)[0]),
                lever=lever_name(a, lang)))
    return ax


def _name(case: BusinessCase, variant: str) -> str:
    from simfin.report.tables import scenario_labels

    return scenario_labels(case.scenarios).get(variant, variant)


_STEM = {"nl": "omslag", "en": "switching"}
_SUMMARY = {"nl": "samenvatting.md", "en": "summary.md"}


def write_what_must_be_true(case: BusinessCase, out: str | Path, lang: str = "nl"
                            ) -> list[Path]:
    """``business_evidence.csv`` (the evidence register) and, with switching values,
    ``business_switching.csv``, ``samenvatting.md`` (the conclusion and the deciding
    assumptions first) and the two-way chart per variant (``omslag_<variant>``)."""
    from simfin.atomic import atomic_write_text
    from simfin.report.charts import save_figure
    from simfin.report.omslagpunten import deciding_lines

    out = Path(out)
    written = [out / "business_evidence.csv"]
    case.evidence().to_csv(written[0], index=False)
    if case.switching is None or case.switching.empty:
        return written
    case.switching.to_csv(out / "business_switching.csv", index=False)
    written.append(out / "business_switching.csv")
    lines = deciding_lines(case, lang)
    text = f"# {lines[0]}\n\n" + "\n".join(
        line.strip() if line.startswith("  - ") else f"\n{line}\n" for line in lines[1:])
    written.append(atomic_write_text(out / _SUMMARY[lang], text.strip() + "\n"))
    for variant in case.variants:
        with council_style():
            ax = new_figure(height_cm=11.0, pyplot=False).add_subplot()
        ax = plot_two_way(case, variant, ax=ax, lang=lang)
        if ax is not None:
            written += save_figure(ax.figure, out / f"{_STEM[lang]}_{variant}")
    return written
