"""The options of a decision under uncertainty: variants that share one PSA design.

A value-of-information analysis compares options (the nulalternatief and its variants)
sample by sample. Each option is a plain scenario; the uncertain parameters come from one
scenario with ``dist`` declarations, and sample ``s`` puts the same values into every
option (:func:`apply_values`), validated like a file. With the same seed, replication
``r`` of every option meets the same residents (common random numbers), so the difference
between options in a sample is the policy, not noise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from simfin.errors import ScenarioError
from simfin.scenario.schema import Scenario
from simfin.scenario.uncertain import UncertainScenario

__all__ = ["apply_values", "scenario_fingerprint"]


def scenario_fingerprint(scenario: Scenario) -> str:
    """SHA-256 (16 hex) of the validated scenario (as ``Results.meta["scenario_hash"]``)."""
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]


def apply_values(us: UncertainScenario, option: Scenario, values: Mapping[str, float]
                 ) -> Scenario:
    """``option`` with the sampled ``values`` (dotted path -> number) of ``us`` filled in.

    Integer fields are rounded as :meth:`UncertainScenario.apply` does. A path the option
    does not have, or a value it cannot take, is a :class:`ScenarioError` naming the option,
    the field and the values.
    """
    changes = {}
    for name, value in values.items():
        p = us.parameter(name)
        changes[name] = int(p.to_value(value)) if p.integer else float(value)
    try:
        return option.with_changes(changes)
    except ScenarioError as exc:
        shown = ", ".join(f"{k} = {float(v):.6g}" for k, v in values.items())
        raise ScenarioError(f"<option {option.name}>", exc.field,
                            f"{exc.message} (with {shown})") from None
