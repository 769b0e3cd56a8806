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

from simfin.uncertainty import outputs
from simfin.uncertainty.design import METHODS, Design, make_design
from simfin.uncertainty.replications import (
                                             intervals,
                                             paired_difference,
                                             precision_table,
                                             replications_needed,
                                             summarise,
                                             t_interval,
)
from simfin.uncertainty.sensitivity import (
                                             analyse,
                                             ceiling_curve,
                                             lowest_ceiling,
                                             morris_table,
                                             psa_table,
                                             sobol_table,
                                             spending_per_year,
                                             tornado_table,
                                             two_way_table,
)
from simfin.uncertainty.sweep import SweepResults, sweep
from simfin.uncertainty.uncertain import (
                                             UncertainParameter,
                                             UncertainScenario,
                                             latin_hypercube,
                                             load_uncertain,
)

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
