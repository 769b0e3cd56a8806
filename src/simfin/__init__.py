"""simfin: simulate the social domain (sociaal domein) and put euros on it.

Typical notebook use::

    import simfin
    scenario = simfin.load("scenarios/bbs-95k.toml")
    results = simfin.run(scenario, replications=20)
    results.yearly_summary()

The public names are imported on first use (:mod:`simfin.lazy`), so ``import simfin``
and the light commands (``validate``, ``scenarios``, ``--help``) stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simfin.lazy import lazy_exports

__version__ = "0.1.0"

__all__ = ["BusinessCase", "Comparison", "Results", "Scenario", "ScenarioError", "SimfinError",
           "SimulationError", "__version__", "business_case", "compare", "load", "run",
           "switching_values"]

# The result classes and the functions that return them come through simfin.shims, which puts
# the writer methods (Results.to_excel, BusinessCase.to_raadsbijlage, ...) on the classes: the
# domain modules themselves never import report/.
lazy_exports(__name__, {
    "BusinessCase": "simfin.shims", "business_case": "simfin.shims",
    "Comparison": "simfin.shims", "compare": "simfin.shims",
    "ScenarioError": "simfin.errors", "SimfinError": "simfin.errors",
    "SimulationError": "simfin.errors", "Results": "simfin.shims", "run": "simfin.shims",
    "Scenario": "simfin.scenario", "load": "simfin.scenario",
    "switching_values": "simfin.business.switching",
})

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from simfin.business import BusinessCase, business_case
    from simfin.business.switching import switching_values
    from simfin.compare import Comparison, compare
    from simfin.errors import ScenarioError, SimfinError, SimulationError
    from simfin.results import Results
    from simfin.runner import run
    from simfin.scenario import Scenario, load
