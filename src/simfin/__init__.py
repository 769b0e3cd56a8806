"""simfin: simulate the social domain (sociaal domein) and put euros on it.

Typical notebook use::

    import simfin
    scenario = simfin.load("scenarios/bbs-95k.toml")
    results = simfin.run(scenario, replications=20)
    results.yearly_summary()
"""

__version__ = "0.1.0"

from simfin.business import BusinessCase, business_case  # noqa: E402
from simfin.compare import Comparison, compare  # noqa: E402
from simfin.errors import ScenarioError, SimfinError, SimulationError  # noqa: E402
from simfin.results import Results  # noqa: E402
from simfin.runner import run  # noqa: E402
from simfin.scenario import Scenario, load  # noqa: E402
from simfin.shims import attach as _attach  # noqa: E402

_attach()  # writer methods of Results, Comparison, BusinessCase (simfin.shims)

__all__ = ["BusinessCase", "Comparison", "Results", "Scenario", "ScenarioError", "SimfinError",
           "SimulationError", "__version__", "business_case", "compare", "load", "run"]
