"""One matplotlib style for council documents (raadsstukken).

* Colour-blind-safe Okabe–Ito palette, with a fixed colour per cost category so that the
  same category looks the same in every chart of a document.
* Sized for an A4 page: 16 x 9 cm, fonts of 8 pt and up at 100% zoom.
* Nothing changes at import: apply the style with ``with council_style(): ...``, which
  restores the style's own settings afterwards and nothing else, so the backend, interactive
  mode and the notebook (inline) settings that matplotlib or Jupyter set up on first use
  survive the block, and later figures (simfin's and the user's own ``plt.plot``) show.
  Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import matplotlib as mpl
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from simfin.report.labels import check_lang, label
from simfin.report.plural import count_text

if TYPE_CHECKING:
    from matplotlib.text import Text

    from simfin.results import Results

__all__ = ["CATEGORY_COLOURS", "CM", "FIGSIZE_CM", "FOOTNOTE_GID", "NEUTRAL_COLOUR", "OKABE_ITO",
           "PALETTE", "PARTY_COLOURS",
           "RC", "add_footnote", "add_footnote_text", "council_style", "footnote_line",
           "footnote_text", "new_figure"]

CM = 1 / 2.54  # inches per centimetre
FIGSIZE_CM = (16.0, 9.0)
FOOTNOTE_SIZE_PT = 8.0
FOOTNOTE_GID = "simfin-footnote"

# Okabe & Ito (2008), "Color Universal Design"; safe for the common colour-vision deficits.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9",
    "bluish_green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
    "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                  "sky_blue", "reddish_purple", "yellow")]
CATEGORY_COLOURS = {
    "access_team": OKABE_ITO["blue"],
    "specialist_care": OKABE_ITO["orange"],
    "admin": OKABE_ITO["bluish_green"],
    "specialists": OKABE_ITO["sky_blue"],
    "indivisible_roles": OKABE_ITO["reddish_purple"],
    "overhead": OKABE_ITO["yellow"],
    "fixed_costs": OKABE_ITO["vermillion"],
    "benefits": "#8C564B",
    "budget_lines": "#999999",
    # transition cost lines of the timeline: dark, so they stand apart from the Okabe-Ito hues
    "inhuur": "#4B2A6B",
    "double_running": "#2F4F4F",
    "revenue": OKABE_ITO["sky_blue"],
    "cost_of_care": OKABE_ITO["vermillion"],
    "margin": OKABE_ITO["reddish_purple"],
    "total": OKABE_ITO["black"],
}

#: One colour per party in every chart: what the municipality pays, what providers carry.
PARTY_COLOURS = {"municipality": OKABE_ITO["blue"], "provider": OKABE_ITO["orange"]}
#: Measures that are not money (waiting lists, counts): a neutral grey, no category's colour.
NEUTRAL_COLOUR = "#595959"

RC = {
    "figure.figsize": (FIGSIZE_CM[0] * CM, FIGSIZE_CM[1] * CM),
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#D9D9D9",
    "grid.linewidth": 0.6,
    "errorbar.capsize": 3,
    "svg.hashsalt": "simfin",  # reproducible SVG ids
}


@contextmanager
def council_style() -> Iterator[None]:
    """Apply the council style inside a ``with`` block; settings are restored after.

    Create the figure *and* its artists inside the block: matplotlib reads most settings
    when an artist is made, and ``savefig.*`` when saving.

    Unlike ``matplotlib.rc_context`` (which restores *every* setting on leaving), only the keys
    of :data:`RC` are restored. In Jupyter the inline backend switches interactive mode on and
    loads its own settings when the first pyplot figure is made; inside ``rc_context`` that
    would be undone on leaving the block, and no later figure would show. The pyplot backend is
    also resolved before the style is applied, so that set-up happens outside the block.
    """
    _resolve_pyplot_backend()
    saved = {key: mpl.rcParams[key] for key in RC}
    try:
        mpl.rcParams.update(RC)
        yield
    finally:
        mpl.rcParams.update(saved)


def _resolve_pyplot_backend() -> None:
    """Let pyplot load its backend now (in Jupyter: the inline backend and its display hooks).

    Only when pyplot is already imported or running under IPython, so a plain script that
    draws with bare :class:`Figure` objects never imports pyplot.
    """
    if "matplotlib.pyplot" not in sys.modules and "IPython" not in sys.modules:
        return
    import matplotlib.pyplot as plt

    get_backend_mod = getattr(plt, "_get_backend_mod", None)  # public since 3.5, underscored
    if get_backend_mod is not None:
        get_backend_mod()


def new_figure(width_cm: float = FIGSIZE_CM[0], height_cm: float = FIGSIZE_CM[1],
               pyplot: bool = True) -> Figure:
    """An empty figure with constrained layout, in centimetres.

    Parameters
    ----------
    width_cm, height_cm : float
        Size in centimetres (default 16 x 9 cm, fits an A4 text column).
    pyplot : bool
        True: made with ``plt.figure`` so that notebooks show it (close it with
        ``plt.close(fig)`` in long batch runs). False: a bare :class:`Figure` that pyplot
        does not track, for servers and scripts.
    """
    size = (width_cm * CM, height_cm * CM)
    if pyplot:
        import matplotlib.pyplot as plt

        return plt.figure(figsize=size, layout="constrained")
    return Figure(figsize=size, layout="constrained")


def footnote_line(name: str, version: str, replications: int | str, seed: int | str,
                  lang: str = "nl", extra: tuple[str, ...] = ()) -> str:
    """``"Scenario: <name> · simfin <version> · <n> replicaties · seed <seed>"`` (+ ``extra``).

    ``replications``: a number (counted as "1 replicatie", "5 replicaties") or the whole text
    of what was run (e.g. "40 trekkingen × 5 replicaties"). The footnote of every simfin
    chart; use it for charts whose data carry no
    :class:`~simfin.results.Results` (a scale sweep, a business case).
    """
    return " · ".join([
        f"{label('footnote.scenario', lang)}: {name}",
        f"simfin {version}",
        replications if isinstance(replications, str) else
        count_text(replications, "replicatie", lang),
        f"{label('footnote.seed', lang)} {seed}",
        *extra,
    ])


def footnote_text(results: Results, lang: str = "nl") -> str:
    """``"Scenario: <name> · simfin <version> · <n> replicaties · seed <seed>"``."""
    meta = results.meta
    return footnote_line(meta.get("scenario", results.scenario.name), meta.get("simfin", "?"),
                         results.replications,
                         meta.get("seed", results.scenario.simulation.seed), lang)


def add_footnote(fig: Figure, results: Results, lang: str = "nl") -> Text:
    """Write scenario name, simfin version, replications and seed at the bottom left.

    With constrained layout the axes are moved up to make room; a previous simfin
    footnote on ``fig`` is replaced.

    Parameters
    ----------
    fig : Figure
        The figure to annotate.
    results : Results
        The run the figure shows (``results.meta`` holds version and seed).
    lang : str
        ``"nl"`` or ``"en"``.

    Returns
    -------
    matplotlib.text.Text
        The footnote (its gid is :data:`FOOTNOTE_GID`).
    """
    check_lang(lang)
    return add_footnote_text(fig, footnote_text(results, lang))


def add_footnote_text(fig: Figure, text: str) -> Text:
    """Write ``text`` as the footnote at the bottom left (see :func:`add_footnote`).

    A previous simfin footnote on ``fig`` is replaced; with constrained layout the axes
    move up to make room. Build ``text`` with :func:`footnote_line`.
    """
    for old in [t for t in fig.texts if t.get_gid() == FOOTNOTE_GID]:
        old.remove()
    pad = 0.01
    text = _wrap_footnote(text, fig.get_figwidth() * 72 * (1 - 2 * pad))
    note = fig.text(pad, pad, text, ha="left", va="bottom",
                    fontsize=FOOTNOTE_SIZE_PT, color="#595959", gid=FOOTNOTE_GID)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        lines = text.count("\n") + 1
        height = (1.2 * lines + 0.8) * FOOTNOTE_SIZE_PT / (fig.get_figheight() * 72) + pad
        engine.set(rect=(0, height, 1, 1 - height))
    return note


def _wrap_footnote(text: str, width_pt: float) -> str:
    """Break a footnote at its " · " separators (a longer part at spaces) to fit ``width_pt``.

    Character width is estimated at 0.55 em (a conservative mean for DejaVu Sans).
    """
    per_line = max(20, int(width_pt / (0.55 * FOOTNOTE_SIZE_PT)))
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= per_line:
            lines[-1] += " · " + part
        else:
            lines += textwrap.wrap(part, per_line) or [part]  # a long part breaks at spaces
    return "\n".join(lines)
