"""Uncertainty at scale: replications, uncertain parameters, sensitivity, parallel sweeps.

Notebook use::

    from simfin.uncertainty import analyse, ceiling_curve, lowest_ceiling, outputs, sweep
    sw = sweep("scenarios/bbs-95k-onzeker.toml", "psa", samples=200, replications=5,
               out="out/psa", progress=True)           # all local cores, checkpointed
    analyse(sw, outputs.total_spending(year=2028))      # rank correlations per parameter
    lowest_ceiling(sw, risk=0.10)                       # per year

Modules: :mod:`~simfin.uncertainty.replications` (intervals, replications needed),
:mod:`~simfin.uncertainty.uncertain` (Latin hypercube sampling of ``dist`` declarations),
:mod:`~simfin.uncertainty.design`, :mod:`~simfin.uncertainty.sensitivity`,
:mod:`~simfin.uncertainty.outputs`, :mod:`~simfin.parallel`,
:mod:`~simfin.uncertainty.checkpoint`, :mod:`~simfin.uncertainty.sweep`,
:mod:`~simfin.report.sensitivity` (CSV, charts, xlsx sheet "Gevoeligheid");
decision analytics: :mod:`~simfin.uncertainty.voi` and :mod:`~simfin.uncertainty.voi_run`
(EVPI, EVPPI of a choice between options, :mod:`~simfin.report.voi`),
:mod:`~simfin.uncertainty.discovery` (PRIM boxes, :mod:`~simfin.report.discovery_chart`).
"""

from __future__ import annotations

from simfin.lazy import lazy_exports

# Public names, imported on first use (simfin.lazy): ``simfin sweep --help`` and the
# light commands then do not load pandas, scipy or matplotlib.
_EXPORTS = {
    "outputs": "",
    "METHODS": "simfin.uncertainty.design",
    "Design": "simfin.uncertainty.design",
    "make_design": "simfin.uncertainty.design",
    "intervals": "simfin.uncertainty.replications",
    "paired_difference": "simfin.uncertainty.replications",
    "precision_table": "simfin.uncertainty.replications",
    "replications_needed": "simfin.uncertainty.replications",
    "summarise": "simfin.uncertainty.replications",
    "t_interval": "simfin.uncertainty.replications",
    "analyse": "simfin.uncertainty.sensitivity",
    "ceiling_curve": "simfin.uncertainty.sensitivity",
    "lowest_ceiling": "simfin.uncertainty.sensitivity",
    "morris_table": "simfin.uncertainty.sensitivity",
    "psa_table": "simfin.uncertainty.sensitivity",
    "sobol_table": "simfin.uncertainty.sensitivity",
    "spending_per_year": "simfin.uncertainty.sensitivity",
    "tornado_table": "simfin.uncertainty.sensitivity",
    "two_way_table": "simfin.uncertainty.sensitivity",
    "SweepResults": "simfin.uncertainty.sweep",
    "sweep": "simfin.uncertainty.sweep",
    "UncertainParameter": "simfin.uncertainty.uncertain",
    "UncertainScenario": "simfin.uncertainty.uncertain",
    "latin_hypercube": "simfin.uncertainty.uncertain",
    "load_uncertain": "simfin.uncertainty.uncertain",
}

__all__ = [
    "METHODS",
    "Design",
    "SweepResults",
    "UncertainParameter",
    "UncertainScenario",
    "analyse",
    "ceiling_curve",
    "intervals",
    "latin_hypercube",
    "load_uncertain",
    "lowest_ceiling",
    "make_design",
    "morris_table",
    "outputs",
    "paired_difference",
    "precision_table",
    "psa_table",
    "replications_needed",
    "sobol_table",
    "spending_per_year",
    "summarise",
    "sweep",
    "t_interval",
    "tornado_table",
    "two_way_table",
]


lazy_exports(__name__, _EXPORTS)
