"""Regression tests for issue 30, items 8, 14, 16 and 17: scenario values that crashed a
command, leaked markup, or passed without a word, reproduced as the attacker tried it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL_TOML, SCENARIOS, small_scenario_dict
from toml_text import to_toml

import simfin
from simfin.cli import main
from simfin.scenario.plausible import intake_utilisation, plausibility_warnings
from simfin.scale import default_populations


def _write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 8. divide-by-zero errors ------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [("fte = 4", "fte = 5e-324"),
                                              ("productive_hours_per_fte = 1425",
                                               "productive_hours_per_fte = 5e-324")])
def test_8_a_subnormal_team_size_validates_with_a_warning_not_a_traceback(tmp_path, capsys,
                                                                          field, value):
    path = _write(tmp_path, MINIMAL_TOML.replace(field, value))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"OK {path}")
    assert "cannot keep up with the expected intakes: utilisation far above 100%" in captured.err


def test_8_populations_under_a_thousand_are_not_rounded_to_zero():
    assert default_populations(100, 900, 2) == [100, 900]
    assert min(default_populations(1, 5, 3)) >= 1
    assert default_populations(20_000, 200_000, 8)[:3] == [20_000, 28_000, 39_000]  # as before


def test_8_scale_on_small_populations_runs(tmp_path, capsys):
    path = _write(tmp_path, MINIMAL_TOML)
    assert main(["scale", str(path), "--from", "100", "--to", "900", "--points", "2", "-n", "1",
                 "--out", str(tmp_path / "schaal")]) == 0
    assert (tmp_path / "schaal" / "scale.csv").is_file()


# --- 14. raw HTML from a scenario name in the Markdown outputs ----------------------------------

def test_14_html_in_names_is_escaped_in_samenvatting_and_modelkaart(tmp_path):
    data = small_scenario_dict()
    data["name"] = '<img src=x onerror="alert(1)">'
    data["description"] = ("<script>alert(2)</script> [klik](http://example.invalid) "
                           "&amp; < 5% & a > b")
    data["simulation"]["replications"] = 1
    path = _write(tmp_path, to_toml(data))
    out = tmp_path / "out"
    assert main(["run", str(path), "-q", "--out", str(out)]) == 0
    for name in ("samenvatting.md", "modelkaart.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert not re.search(r"<[A-Za-z/!?]", text), name     # no tag a viewer would render
        assert "&lt;img src=x" in text, name                   # shown as typed
    card = (out / "modelkaart.md").read_text(encoding="utf-8")
    assert "&lt;script>" in card and "[klik]\\(http" in card and "&amp;amp;" in card
    assert "< 5% & a > b" in card                              # plain text untouched


# --- 16. two variants sharing an [afweging] label ---------------------------------------------

def test_16_two_variants_with_one_label_are_refused_before_anything_runs(tmp_path, capsys,
                                                                         monkeypatch):
    data = small_scenario_dict()
    data["simulation"]["replications"] = 1
    null = _write(tmp_path, to_toml(data), "null.toml")
    variants = [_write(tmp_path, f'extends = "null.toml"\nname = "{n}"\n[afweging]\n'
                       'label = "Variant X"\n', f"{n}.toml") for n in ("v1", "v2")]

    def never(*_a, **_k):
        raise AssertionError("simulated although the labels clash")

    monkeypatch.setattr("simfin.runner.simulate", never)
    out = tmp_path / "uit"
    assert main(["business", str(null), *map(str, variants), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{variants[1]}: afweging.label: expected a display name " \
        "different from the other scenarios', got 'Variant X' also for v1" in err
    assert not out.exists()


# --- 17. implausible values get a warning naming value and range ---------------------------------

@pytest.mark.parametrize(("overlay", "expected"), [
    ("[access_team]\nfte = 6000.0\n", "access_team.fte: 6,000 FTE is more than the whole "
     "municipal organisation of 95,878 inhabitants; plausible: at most 690 FTE"),
    ("[access_team]\nfte = 0.5\n", "access_team.fte: 0.5 FTE (x assessment_share 0.51) cannot "
     "keep up with the expected intakes: utilisation "),
])
def test_17_implausible_team_sizes_are_warned_about(tmp_path, capsys, overlay, expected):
    path = _write(tmp_path, f'extends = "{(SCENARIOS / "bbs-95k.toml").as_posix()}"\n'
                  f'name = "x"\n{overlay}')
    assert main(["validate", str(path)]) == 0          # a warning, not an error
    err = capsys.readouterr().err
    assert err.startswith(f"simfin: warning: {path}: {expected}")
    assert "plausible: " in err and err.count("\n") == 1


def test_17_a_ceiling_of_31_euros_is_warned_about(tmp_path, capsys):
    path = _write(tmp_path, f'extends = "{(SCENARIOS / "bbs-nulalternatief.toml").as_posix()}"\n'
                  'name = "x"\n[ceiling]\namount_eur_per_year = 31\n')
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "ceiling.amount_eur_per_year: € 31 a year is € 0.00032 per inhabitant; plausible: " \
        "€ 95,878 to € 268,458,400 for 95,878 inhabitants" in err


def test_17_utilisation_matches_a_hand_computed_case():
    """One stream, 10,000 inhabitants x 20 per 1,000 = 200 requests a year, 20% resolved in
    the 0e lijn, no returns, 6 assessment hours each: 960 hours a year; capacity 4 FTE x 0.5
    x 1,425 h x 0.95 = 2,707.5 hours a year."""
    import tomllib

    from simfin.scenario import validate_dict

    data = tomllib.loads(MINIMAL_TOML)
    data["demand_streams"]["wmo"]["outcomes"] = {"light_help": 1.0, "general_facility": 0.0,
                                                 "referral": 0.0}
    use = intake_utilisation(validate_dict(data))
    assert use == pytest.approx(960 / 2707.5, rel=1e-6)
    assert plausibility_warnings(validate_dict(data)) == []


def test_17_no_shipped_scenario_gets_a_warning():
    for path in sorted(SCENARIOS.glob("*.toml")):
        assert plausibility_warnings(simfin.load(path)) == [], path.name
