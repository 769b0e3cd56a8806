"""Scenario files: schema (pydantic) and loading (TOML with ``extends``)."""

from simfin.scenario.load import load, load_dict, load_uncertain, merge, validate_dict
from simfin.scenario.schema import Scenario
from simfin.scenario.uncertain import UncertainParameter, UncertainScenario

__all__ = ["Scenario", "UncertainParameter", "UncertainScenario", "load", "load_dict",
           "load_uncertain", "merge", "validate_dict"]
