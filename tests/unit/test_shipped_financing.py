"""The shipped jeugd-60k base and its four financing overlays."""

from __future__ import annotations

import re

import pytest
from conftest import SCENARIOS

import simfin

OVERLAYS = {
    "jeugd-60k-pq-uur.toml": "pq_per_unit",
    "jeugd-60k-pq-traject.toml": "pq_per_trajectory",
    "jeugd-60k-lumpsum.toml": "lump_sum",
    "jeugd-60k-lumpsum-corridor.toml": "lump_sum_corridor",
}


def _without_financing(scenario) -> dict:
    data = scenario.model_dump()
    for key in ("name", "description"):
        data.pop(key)
    for provider in data["providers"].values():
        provider.pop("financing")
    return data


@pytest.mark.parametrize(("file", "kind"), sorted(OVERLAYS.items()))
def test_overlays_change_only_the_financing(file, kind):
    base = simfin.load(SCENARIOS / "jeugd-60k.toml")
    variant = simfin.load(SCENARIOS / file)
    assert _without_financing(variant) == _without_financing(base)
    assert {p.financing.kind for p in variant.providers.values()} == {kind}
    assert set(base.demand_streams) == {"jeugd"}
    assert base.municipalities["Voorbeeldgemeente"].inhabitants == 60_000


@pytest.mark.parametrize("file", ["jeugd-60k.toml", *sorted(OVERLAYS)])
def test_every_number_in_the_shipped_files_is_sourced_or_an_assumption(file):
    # a line that sets a number must carry a comment, or the comment block above it must
    lines = (SCENARIOS / file).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*[a-z_0-9]+\s*=\s*[-\d{]", line):
            above = lines[i - 1].lstrip().startswith("#") if i else False
            assert "#" in line or above, f"{file}:{i + 1}: {line.strip()}"


def test_overlay_comments_name_their_assumptions():
    for file in OVERLAYS:
        text = (SCENARIOS / file).read_text(encoding="utf-8")
        assert "extends = \"jeugd-60k.toml\"" in text
        assert "# assumption" in text
