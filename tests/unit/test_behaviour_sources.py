"""Every behaviour effect a shipped variant file sets cites a source or says NOT FOUND, with a
range that contains "no effect" (the source check of :mod:`simfin.scenario.sources`)."""

from pathlib import Path

import pytest

from simfin.scenario.sources import behaviour_effects

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
VARIANTS = sorted(p for p in SCENARIOS.glob("*.toml") if "extends" in p.read_text())


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.name)
def test_shipped_behaviour_effects_are_sourced_with_a_range_holding_no_effect(path):
    bad = [f"{r['parameter']}: {r['problem']}" for r in behaviour_effects(path) if not r["ok"]]
    assert not bad, f"{path.name}: {bad}"


def test_the_decisive_effects_are_checked():
    """The effects that decide the seeds' cases are found by the check (not skipped)."""
    found = {p.name: {r["parameter"] for r in behaviour_effects(p)} for p in VARIANTS}
    assert {"demand_streams.jeugd.outcomes.referral", "demand_streams.wmo.outcomes.referral",
            "demand_streams.jeugd.resolved_0e_share",
            "demand_streams.wmo.resolved_0e_share"} <= found["bbs-gezamenlijk.toml"]
    assert "steering.referral_multiplier" in found["woudenberg-marktmeester.toml"]
    assert "demand_streams.jeugd.outcomes.referral" in found["oij-behandelend-team.toml"]
    assert "households.effect.reduction" in found["bch-integraal.toml"]


def _variant(tmp_path, line: str) -> Path:
    (tmp_path / "base.toml").write_text("[steering]\nreferral_multiplier = 1.0\n")
    path = tmp_path / "variant.toml"
    path.write_text(f'extends = "base.toml"\n\n[steering]\n{line}\n')
    return path


@pytest.mark.parametrize("line, problem", [
    ("referral_multiplier = 0.9   # assumption: fewer referrals; range 0.8–1.1",
     "neither a source nor NOT FOUND"),
    ("referral_multiplier = 0.9   # NOT FOUND; range 0.8–0.95", "does not contain no effect"),
    ("referral_multiplier = 0.9   # NOT FOUND", "does not contain no effect"),
])
def test_the_check_fails_on_what_it_is_named_for(tmp_path, line, problem):
    (row,) = behaviour_effects(_variant(tmp_path, line))
    assert not row["ok"] and problem in row["problem"]


def test_a_sourced_effect_with_no_effect_in_its_range_passes(tmp_path):
    line = "referral_multiplier = 0.9   # source: CPB 2019, https://example.org; range 0.8–1.1"
    (row,) = behaviour_effects(_variant(tmp_path, line))
    assert row["ok"] and row["no_effect"] == 1.0
