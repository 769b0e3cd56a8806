"""``simfin scale`` and ``simfin staffing`` on a tiny scenario file, in-process."""

from __future__ import annotations

import pandas as pd

from simfin.cli import main

TINY = '''
name = "mini"
[simulation]
start_year = 2027
horizon_years = 1
warmup_years = 0.5
replications = 2
seed = 3
[municipalities.A]
inhabitants = 10000
age_shares = { all = 1.0 }
[demand_streams.wmo]
population = "all"
rate_per_1000 = 20
complexity_mix = { c = 1.0 }
legal_norm_days = 10
resolved_0e_share = 0.2
outcomes = { light_help = 0.5, general_facility = 0.5, referral = 0.0 }
[access_team]
fte = 3
assessment_share = 0.5
productive_hours_per_fte = 1425
absence_rate = 0.05
loaded_cost_per_fte_eur = 70000
caseload_per_fte = 30
[access_team.complexity.c]
assessment_hours = { family = "gamma", mean = 6, cv = 0.5 }
light_help_hours_per_week = 1
light_help_duration_days = { family = "fixed", value = 60 }
[admin]
hourly_cost_eur = { municipality = 70, provider = 60 }
allocation_message_minutes = { municipality = 10, provider = 10 }
declaration_minutes = { municipality = 3, provider = 5 }
lump_sum_monitoring_hours_per_year = { municipality = 40, provider = 40 }
[organisation.roles.jurist]
cost_per_person_eur = 90000
'''


def test_scale_writes_table_and_chart(tmp_path, capsys):
    path = tmp_path / "mini.toml"
    path.write_text(TINY, encoding="utf-8")
    out = tmp_path / "schaal"
    code = main(["scale", str(path), "--from", "5000", "--to", "120000", "--points", "3",
                 "--replications", "1", "--out", str(out)])
    assert code == 0
    table = pd.read_csv(out / "scale.csv")
    assert {95_000, 100_000} <= set(table["inhabitants"])
    assert table["inhabitants"].min() == 5000 and table["inhabitants"].max() == 120_000
    # one jurist of €90,000 spread over more inhabitants: cost per inhabitant falls with size
    assert table["cost_per_inhabitant_eur"].is_monotonic_decreasing
    assert (out / "schaal.png").stat().st_size > 0 and (out / "schaal.svg").exists()
    assert "inhabitants" in capsys.readouterr().out


def test_scale_rejects_an_empty_range(tmp_path, capsys):
    path = tmp_path / "mini.toml"
    path.write_text(TINY, encoding="utf-8")
    assert main(["scale", str(path), "--from", "50000", "--to", "20000"]) == 2
    assert "expected --to above --from" in capsys.readouterr().err


def test_staffing_prints_fte_per_team(tmp_path, capsys):
    path = tmp_path / "mini.toml"
    path.write_text(TINY, encoding="utf-8")
    assert main(["staffing", str(path), "--replications", "3"]) == 0
    out = capsys.readouterr().out
    assert "gezamenlijk" in out and "FTE" in out


def test_organisations_compares_scenarios_side_by_side(tmp_path, capsys):
    joint = tmp_path / "mini.toml"
    joint.write_text(TINY, encoding="utf-8")
    apart = tmp_path / "apart.toml"
    apart.write_text('extends = "mini.toml"\nname = "apart"\n'
                     '[access_team]\norganisation = "per_municipality"\n', encoding="utf-8")
    assert main(["organisations", str(joint), str(apart), "-n", "1", "--out", str(tmp_path)]) == 0
    table = pd.read_csv(tmp_path / "organisations.csv").set_index("scenario")
    assert list(table.index) == ["mini", "apart"]
    assert table.loc["apart", "organisation"] == "per_municipality"
    # one municipality: separate and joint are the same organisation, so the same figures
    assert table.loc["apart", "cost_per_inhabitant_eur"] == table.loc["mini", "cost_per_inhabitant_eur"]
