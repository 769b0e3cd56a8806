"""The what-if panel of notebook 11 ("Wat als"): sliders, answers from the emulator while
the slider moves, and a button that runs the real business case at the current point.

Sliders move the inputs of :class:`~simfin.uncertainty.emulator.Emulator` (the variant's
declared ranges and the team's FTE) and the budget ceiling. Every move asks the emulator
(milliseconds) for the NPV, the structural saving, P(overshoot) and the intake wait, and
redraws the four curves along the input just moved. The button simulates the business
case at the current point (``replications`` replications) and shows emulator, simulation
and their difference next to the simulation's own Monte Carlo error.
"""

from __future__ import annotations

import asyncio
import io
import time

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator
from scipy.stats import t as student_t

from simfin.report.format import eur_formatter, format_eur, format_number, format_share
from simfin.report.plural import count_text
from simfin.report.style import council_style, new_figure
from simfin.uncertainty.emulator import Emulator
from simfin.uncertainty.whatif_design import WhatIf, evaluate, null_runs, what_if

__all__ = ["CEILING", "WhatIfPanel", "error_table", "plot_what_if"]

CEILING = "ceiling_eur_per_year"
#: The four answers: key, Dutch title, formatter.
ANSWERS = (
    ("npv_eur", "Netto contante waarde (besparing)", format_eur),
    ("structural_saving_eur", "Structurele besparing, laatste jaar", format_eur),
    ("p_overshoot", "Kans op overschrijding plafond", format_share),
    ("intake_wait_p95_days", "Wachttijd intake, 95e percentiel (dagen)",
     lambda x: format_number(x, 1)),
)
_NAMES = {"npv_eur": "Netto contante waarde", "structural_saving_eur": "Structurele besparing",
          "intake_wait_p95_days": "Wachttijd intake, 95e percentiel (dagen)"}


def error_table(emulator: Emulator) -> pd.DataFrame:
    """The emulator's cross-validated error next to the Monte Carlo error, nl-NL text."""
    rows = []
    for r in emulator.errors().itertuples():
        fmt = format_eur if r.output.endswith("_eur") else (lambda x: format_number(x, 2))
        rows.append({"Uitkomst": _NAMES[r.output], "Fout emulator (kruisvalidatie)": fmt(r.cv_rmse),
                     f"Toevalsfout {count_text(r.replications, 'replicatie')}": fmt(r.mc_error),
                     "Verhouding": format_number(r.ratio, 2)})
    return pd.DataFrame(rows).set_index("Uitkomst")


def plot_what_if(emulator: Emulator, name: str, values: dict | None = None,
                 ceiling: float | None = None, fig=None):
    """The four answers along input ``name`` (the others at ``values`` or their base),
    the current point marked; returns the figure (a bare one unless ``fig`` is given)."""
    values = dict(values or {})
    x = next(i for i in emulator.inputs if i.name == name)
    grid = np.linspace(x.low, x.high, 25)
    frame = pd.DataFrame({**{k: v for k, v in values.items() if k != name}, name: grid})
    curve = emulator.predict(frame, ceiling)
    here = emulator.predict({**values, name: values.get(name, x.base)}, ceiling).iloc[0]
    with council_style():
        fig = fig or new_figure(17, 11, pyplot=False)
        fig.clear()
        for ax, (key, title, fmt) in zip(fig.subplots(2, 2).ravel(), ANSWERS, strict=True):
            ax.plot(grid, curve[key], color="#1F4E79")
            if key == "npv_eur":
                sd = curve["npv_sd_eur"]
                ax.fill_between(grid, curve[key] - 2 * sd, curve[key] + 2 * sd,
                                color="#1F4E79", alpha=0.15, linewidth=0)
            ax.plot([here[name]], [here[key]], "o", color="#C00000")
            ax.set_title(f"{title}\n{fmt(here[key])}", fontsize=8, loc="left")
            ax.set_xlabel(x.label, fontsize=7)
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_formatter(_axis_formatter(x.high - x.low))
            ax.xaxis.set_major_locator(MaxNLocator(4))
            if key.endswith("_eur"):
                ax.yaxis.set_major_formatter(_eur_formatter(np.ptp(ax.get_ylim())))
            if key == "p_overshoot":
                ax.set_ylim(-0.02, 1.02)
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_share(v)))
            if key == "intake_wait_p95_days":
                middle = float(np.mean(ax.get_ylim()))  # at least a day shown: no zoom on noise
                low, high = ax.get_ylim()
                ax.set_ylim(min(low, middle - 0.5), max(high, middle + 0.5))
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1)))
    return fig


def _eur_formatter(span: float) -> FuncFormatter:
    """Euro ticks over a ``span`` of euros: millions when that tells them apart."""
    if span >= 1e6:
        return eur_formatter(millions=True, decimals=1)
    return eur_formatter(millions=True, decimals=2) if span >= 1e5 else eur_formatter()


def _axis_formatter(width: float) -> FuncFormatter:
    """nl-NL tick labels for an input axis of ``width``: euros or a number with enough
    decimals to tell the ticks apart."""
    if width >= 1000:
        return _eur_formatter(width)
    decimals = 2 if width < 1 else 1 if width < 20 else 0
    return FuncFormatter(lambda v, _: format_number(v, decimals))


class WhatIfPanel:
    """Sliders, live answers and a real-run button (display it as the cell's last line)."""

    def __init__(self, emulator: Emulator, replications: int = 4,
                 setup: WhatIf | None = None) -> None:
        import ipywidgets as w

        self.emulator, self.replications, self._setup = emulator, replications, setup
        self._null = None
        self.latency: float | None = None
        c = emulator.ceiling_eur_per_year
        self.sliders = {x.name: w.FloatSlider(
            value=x.base, min=x.low, max=x.high, step=(x.high - x.low) / 100,
            description=x.label, readout_format=".3g", continuous_update=True,
            style={"description_width": "18em"}, layout={"width": "42em"})
            for x in emulator.inputs}
        self.sliders[CEILING] = w.FloatSlider(
            value=c, min=0.8 * c, max=1.25 * c, step=c / 200, readout_format=",.0f",
            description="Budgetplafond (€ per jaar)", style={"description_width": "18em"},
            layout={"width": "42em"})
        self.answer_html, self.real = w.HTML(), w.Output()
        self.chart = w.Image(format="png", layout={"width": "680px"})
        self.chart_latency: float | None = None
        self._draw_pending = False
        self.button = w.Button(description="Reken echt door", icon="play",
                               tooltip=f"simuleer de businesscase hier "
                               f"({count_text(replications, 'replicatie')}) en vergelijk met "
                               "de emulator")
        self.button.on_click(self.run_real)
        self._figure = None
        self._focus = emulator.inputs[-1].name
        for name, slider in self.sliders.items():
            slider.observe(lambda change, n=name: self._update(n), names="value")
        self.widget = w.VBox([*self.sliders.values(), self.answer_html, self.chart,
                              self.button, self.real])
        self._update(self._focus)

    def values(self) -> dict[str, float]:
        """The current inputs (the ceiling apart)."""
        return {n: s.value for n, s in self.sliders.items() if n != CEILING}

    def answer(self) -> dict[str, float]:
        """The emulator's answers at the current sliders."""
        row = self.emulator.predict(self.values(), self.sliders[CEILING].value).iloc[0]
        return {key: float(row[key]) for key, _, _ in ANSWERS} | {
            "npv_sd_eur": float(row["npv_sd_eur"])}

    def move(self, name: str, value: float) -> dict[str, float]:
        """Set slider ``name`` as a user would; returns the new answers."""
        self.sliders[name].value = value
        return self.answer()

    def _update(self, name: str) -> None:
        """A slider moved: the answers at once (milliseconds), the chart just after."""
        start = time.perf_counter()
        answer = self.answer()
        self.answer_html.value = "<br>".join(
            f"<b>{title}</b>: {fmt(answer[key])}" for key, title, fmt in ANSWERS) + (
            f"<br><i>Onzekerheid van de emulator: ± {format_eur(2 * answer['npv_sd_eur'])} "
            "(2 standaardafwijkingen) op de netto contante waarde</i>")
        self.latency = time.perf_counter() - start
        if name != CEILING:
            self._focus = name
        self._schedule_draw()

    def _schedule_draw(self) -> None:
        """Redraw the chart when the kernel is free (a PNG takes a few tenths of a second;
        while the slider moves, only the last position is drawn); at once outside one."""
        if self._draw_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.draw()
            return
        self._draw_pending = True
        loop.call_soon(self.draw)

    def draw(self) -> None:
        """Draw the four curves along the input moved last, at the current sliders."""
        start = time.perf_counter()
        self._draw_pending = False
        self._figure = plot_what_if(self.emulator, self._focus, self.values(),
                                    self.sliders[CEILING].value, self._figure)
        png = io.BytesIO()
        self._figure.savefig(png, format="png", dpi=80)
        self.chart.value = png.getvalue()
        self.chart_latency = time.perf_counter() - start

    def simulated(self) -> pd.DataFrame:
        """The real business case at the current point: emulator, simulation, difference
        and the simulation's 95% Monte Carlo margin, per answer."""
        setup = self._setup = self._setup or what_if(replications=self.replications)
        self._null = self._null or null_runs(setup)
        rows = evaluate(setup, self.values(), self._null)
        ceiling = self.emulator.ceiling_by_year * (self.sliders[CEILING].value
                                                   / self.emulator.ceiling_eur_per_year)
        spend = rows[[f"spending_{y}_eur" for y in ceiling.index]].to_numpy()
        over = (spend > ceiling.to_numpy()).mean(axis=0).max()
        emulated, n = self.answer(), len(rows)
        q = student_t.ppf(0.975, n - 1) if n > 1 else np.nan
        out = []
        for key, title, fmt in ANSWERS:
            sim = over if key == "p_overshoot" else rows[key].mean()
            sd = np.sqrt(over * (1 - over)) if key == "p_overshoot" else rows[key].std(ddof=1)
            out.append({"Uitkomst": title, "Emulator": fmt(emulated[key]),
                        f"Simulatie ({count_text(n, 'replicatie')})": fmt(sim),
                        "Verschil": fmt(emulated[key] - sim),
                        "Toevalsmarge simulatie (95%)": "± " + fmt(q * sd / np.sqrt(n))})
        return pd.DataFrame(out).set_index("Uitkomst")

    def run_real(self, button=None) -> None:
        """Button callback: show :meth:`simulated` below the button."""
        from IPython.display import display

        self.real.clear_output()
        with self.real:
            runs = count_text(self.replications, "replicatie")
            print(f"Simuleert de businesscase met {runs} ...")
        table = self.simulated()
        self.real.clear_output(wait=True)
        with self.real:
            display(table)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
