"""Uncertain parameters in scenario files: declarations, errors, base values, sampling."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from scipy import stats
from scipy.stats import qmc
from uncertainty_helpers import DRIVER, NO_EFFECT, SMALL, to_toml, uncertain_dict, write_scenario

import simfin
from simfin.errors import ScenarioError
from simfin.scenario import load_uncertain
from simfin.scenario.uncertain import uncertain_from_dict
from simfin.uncertainty import latin_hypercube


def test_load_uses_mode_or_mean_and_load_uncertain_finds_every_declaration(tmp_path):
    path = write_scenario(tmp_path / "onzeker.toml", uncertain_dict())
    fixed = simfin.load(path)
    assert fixed.products["ambulant"].tariff_eur == 78          # triangular: mode
    assert fixed.access_team.loaded_cost_per_fte_eur == 72200   # normal: mean
    assert fixed.admin.hourly_cost_eur.provider == 60           # uniform: midpoint
    us = load_uncertain(path)
    assert us.names == [SMALL, DRIVER, NO_EFFECT]  # file order
    assert us.base == fixed
    assert us.parameter(DRIVER).label == "Tarief ambulant"
    assert us.parameter(SMALL).label == SMALL  # no label: the dotted path


def test_a_family_mean_may_itself_be_a_dist_table_and_beta_lognormal_bases():
    data = uncertain_dict()
    data["products"]["ambulant"]["duration_days"]["mean"] = {
        "dist": "lognormal", "mean": 300, "cv": 0.2}
    data["demand_streams"]["jeugd"]["urgent_share"] = {"dist": "beta", "alpha": 2, "beta": 6}
    us = uncertain_from_dict(data)
    assert "products.ambulant.duration_days.mean" in us.names
    assert us.base.products["ambulant"].duration_days.mean == 300
    assert us.base.demand_streams["jeugd"].urgent_share == pytest.approx(2 / 8)


def test_integer_fields_are_rounded_half_up():
    data = uncertain_dict()
    data["providers"]["wmo_zorg"]["financing"]["client_places"] = {
        "dist": "uniform", "low": 30, "high": 51}  # midpoint 40.5 -> 41
    us = uncertain_from_dict(data)
    name = "providers.wmo_zorg.financing.client_places"
    assert us.parameter(name).integer
    assert us.base.providers["wmo_zorg"].financing.client_places == 41
    assert us.apply({name: 33.4}).providers["wmo_zorg"].financing.client_places == 33


def test_apply_fills_in_values_and_keeps_the_rest_at_base():
    us = uncertain_from_dict(uncertain_dict())
    scenario = us.apply({DRIVER: 91.5})
    assert scenario.products["ambulant"].tariff_eur == 91.5
    assert scenario.access_team.loaded_cost_per_fte_eur == 72200


@pytest.mark.parametrize(("where", "table", "field", "expected"), [
    (("access_team",), {"dist": "gauss", "mean": 6, "sd": 1},
     "access_team.fte.dist", "unknown distribution 'gauss'"),
    (("access_team",), {"dist": "triangular", "low": 5, "high": 7},
     "access_team.fte.mode", "required key is missing"),
    (("access_team",), {"dist": "triangular", "low": 7, "mode": 6, "high": 8},
     "access_team.fte", "low <= mode <= high"),
    (("access_team",), {"dist": "normal", "mean": 6, "sd": 0},
     "access_team.fte.sd", "greater than 0"),
    (("access_team",), {"dist": "uniform", "low": 5, "high": 7, "mode": 6},
     "access_team.fte.mode", "unknown key"),
])
def test_malformed_declarations_name_file_and_field(tmp_path, where, table, field, expected):
    data = uncertain_dict()
    data["access_team"]["fte"] = table
    path = write_scenario(tmp_path / "fout.toml", data)
    for loader in (simfin.load, load_uncertain):
        with pytest.raises(ScenarioError) as info:
            loader(path)
        assert info.value.file == str(path)
        assert info.value.field == field
        assert expected in info.value.message


def test_a_dist_table_on_a_non_number_or_a_simulation_setting_is_refused(tmp_path):
    data = uncertain_dict()
    data["products"]["ambulant"]["duration_days"] = {"dist": "uniform", "low": 1, "high": 2}
    with pytest.raises(ScenarioError, match="per-case variation uses 'family'") as info:
        simfin.load(write_scenario(tmp_path / "a.toml", data))
    assert info.value.field == "products.ambulant.duration_days"
    data = uncertain_dict()
    data["simulation"]["warmup_years"] = {"dist": "uniform", "low": 1, "high": 2}
    with pytest.raises(ScenarioError, match="simulation settings") as info:
        simfin.load(write_scenario(tmp_path / "b.toml", data))
    assert info.value.field == "simulation.warmup_years"


def test_an_impossible_sampled_value_is_a_scenario_error_naming_field_and_value():
    data = uncertain_dict()
    data["access_team"]["fte"] = {"dist": "normal", "mean": 6, "sd": 2}
    us = uncertain_from_dict(data, "x.toml")
    with pytest.raises(ScenarioError) as info:
        us.apply({"access_team.fte": -0.5})
    assert info.value.field == "access_team.fte"
    assert "access_team.fte = -0.5" in info.value.message


def test_extends_variant_switching_dist_replaces_the_whole_table(tmp_path):
    write_scenario(tmp_path / "basis.toml", uncertain_dict())
    (tmp_path / "variant.toml").write_text(
        'extends = "basis.toml"\n[products.ambulant]\n'
        'tariff_eur = { dist = "normal", mean = 80, sd = 5 }\n', encoding="utf-8")
    us = load_uncertain(tmp_path / "variant.toml")
    dist = us.parameter(DRIVER).distribution
    assert (dist.dist, dist.mean, dist.sd) == ("normal", 80, 5)
    (tmp_path / "vast.toml").write_text(
        'extends = "basis.toml"\n[products.ambulant]\ntariff_eur = 70\n', encoding="utf-8")
    assert DRIVER not in load_uncertain(tmp_path / "vast.toml").names


DISTS = {
    "triangular": ({"dist": "triangular", "low": 50, "mode": 60, "high": 90},
                   stats.triang(c=1 / 4, loc=50, scale=40)),
    "normal": ({"dist": "normal", "mean": 100, "sd": 15}, stats.norm(100, 15)),
    "truncated normal": ({"dist": "normal", "mean": 100, "sd": 15, "low": 90},
                         stats.truncnorm(-10 / 15, np.inf, loc=100, scale=15)),
    # lognormal with mean 400 and cv 0.5: sigma^2 = ln(1.25), mu = ln(400) - sigma^2 / 2
    "lognormal": ({"dist": "lognormal", "mean": 400, "cv": 0.5},
                  stats.lognorm(np.sqrt(np.log(1.25)), scale=400 / np.sqrt(1.25))),
    "beta": ({"dist": "beta", "alpha": 2, "beta": 5, "low": 10, "high": 20},
             stats.beta(2, 5, loc=10, scale=10)),
    "uniform": ({"dist": "uniform", "low": 3, "high": 9}, stats.uniform(3, 6)),
}


def _five_param_scenario() -> dict:
    data = uncertain_dict()
    data["products"]["ambulant"]["tariff_eur"] = DISTS["triangular"][0]
    data["products"]["verblijf"]["tariff_eur"] = DISTS["normal"][0]
    data["products"]["begeleiding"]["tariff_eur"] = DISTS["truncated normal"][0]
    data["products"]["ambulant"]["duration_days"]["mean"] = DISTS["lognormal"][0]
    data["products"]["verblijf"]["duration_days"]["mean"] = DISTS["beta"][0]
    data["access_team"]["fte"] = DISTS["uniform"][0]
    return data


def test_latin_hypercube_samples_match_the_declared_distributions():
    """KS goodness of fit against scipy's own distributions, built from the declared figures."""
    us = uncertain_from_dict(_five_param_scenario())
    n = 400
    sample = latin_hypercube(us, n)
    columns = {"triangular": DRIVER, "normal": "products.verblijf.tariff_eur",
               "truncated normal": "products.begeleiding.tariff_eur",
               "lognormal": "products.ambulant.duration_days.mean",
               "beta": "products.verblijf.duration_days.mean", "uniform": "access_team.fte"}
    for key, column in columns.items():
        x = sample[column].to_numpy()
        reference = DISTS[key][1]
        assert stats.kstest(x, reference.cdf).pvalue > 0.01, key
        # Latin hypercube: exactly one value in each of the n equal-probability strata
        strata = np.floor(reference.cdf(x) * n).astype(int)
        assert sorted(strata) == list(range(n)), key
        assert x.mean() == pytest.approx(reference.mean(), rel=0.01), key


def test_a_wrong_distribution_is_rejected_by_the_same_goodness_of_fit_test():
    us = uncertain_from_dict(_five_param_scenario())
    x = latin_hypercube(us, 400)["access_team.fte"].to_numpy()  # uniform on [3, 9]
    assert stats.kstest(x, stats.uniform(3, 7).cdf).pvalue < 1e-6


def test_latin_hypercube_comes_from_the_psa_stream_of_the_scenario_seed():
    us = uncertain_from_dict(uncertain_dict())
    seed = us.base.simulation.seed
    ss = np.random.SeedSequence(seed, spawn_key=(0, 3, zlib.crc32(b"latin_hypercube")))
    u = qmc.LatinHypercube(d=3, rng=np.random.Generator(np.random.PCG64(ss))).random(16)
    expected = us.parameter(DRIVER).distribution.frozen().ppf(u[:, 1])  # 2nd declared
    np.testing.assert_allclose(latin_hypercube(us, 16)[DRIVER].to_numpy(), expected, rtol=1e-12)
    other = latin_hypercube(us, 16, seed=seed + 1)
    assert not np.allclose(other[DRIVER].to_numpy(), expected)


def test_toml_helper_round_trips(tmp_path):
    import tomllib

    assert tomllib.loads(to_toml(uncertain_dict())) == uncertain_dict()


def test_shipped_uncertain_scenario_has_the_calibrated_bbs_as_its_base():
    """The modes of bbs-95k-onzeker are exactly the calibrated BBS scenario it extends."""
    from conftest import SCENARIOS

    base = simfin.load(SCENARIOS / "bbs-95k-gekalibreerd.toml").model_dump()
    us = load_uncertain(SCENARIOS / "bbs-95k-onzeker.toml")
    onzeker = us.base.model_dump()
    for key in ("name", "description", "afweging"):   # afweging: the display name only
        base.pop(key), onzeker.pop(key)
    assert onzeker == base
    assert len(us.parameters) == 9
    assert all(p.distribution.dist == "triangular" for p in us.parameters)
