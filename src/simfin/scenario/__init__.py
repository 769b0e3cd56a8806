"""Scenario files: schema (pydantic) and loading (TOML with ``extends``)."""

from simfin.scenario.load import load, load_dict, merge, validate_dict
from simfin.scenario.schema import Scenario

__all__ = ["Scenario", "load", "load_dict", "merge", "validate_dict"]
