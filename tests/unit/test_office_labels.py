"""Every front/back office domain of a shipped scenario has a Dutch and English label, so a
table an advisor reads (notebook 06's knip table) shows "Bijstand (Werk & Inkomen)", not the
file key "bijstand"."""

from __future__ import annotations

from pathlib import Path

import pytest

import simfin
from simfin.report.labels import label

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
OFFICE_FILES = sorted(p for p in SCENARIOS.glob("*.toml")
                      if "\n[offices" in p.read_text("utf-8"))


def test_there_are_office_scenarios():
    assert OFFICE_FILES


@pytest.mark.parametrize("path", OFFICE_FILES, ids=[p.stem for p in OFFICE_FILES])
def test_every_domain_has_a_label_not_its_code_name(path):
    for domain in simfin.load(path).offices.domains:
        for lang in ("nl", "en"):
            text = label(f"domain.{domain}", lang)
            assert text != f"domain.{domain}" and text != domain, (domain, lang)


ALL_FILES = sorted(SCENARIOS.glob("*.toml"))


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.stem for p in ALL_FILES])
def test_every_staffed_function_has_a_label_not_its_code_name(path):
    """The vulnerability table (notebook 04) shows "Data-analist", not "data_analist"."""
    from simfin.finance.vulnerability import functions_of

    for function in [*functions_of(simfin.load(path)), "any"]:
        for lang in ("nl", "en"):
            text = label(f"function.{function}", lang)
            assert text not in (f"function.{function}", function), (function, lang)
