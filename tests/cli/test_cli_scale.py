"""``simfin scale`` and ``simfin staffing`` on a tiny scenario file, in-process."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import MINIMAL_TOML

from simfin.cli import main

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

TINY = '''
extends = "basis.toml"
name = "mini"
[simulation]
horizon_years = 1
warmup_years = 0.5
seed = 3
[demand_streams.wmo]
legal_norm_days = 10
[access_team]
fte = 3
[organisation.roles.jurist]
cost_per_person_eur = 90000
'''


def _write(tmp_path):
    (tmp_path / "basis.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    path = tmp_path / "mini.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_scale_writes_table_and_chart(tmp_path, capsys):
    path = _write(tmp_path)
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
    printed = capsys.readouterr().out
    assert "Inwoners" in printed and "Kosten per inwoner per jaar (€, prijspeil" in printed


def test_scale_rejects_an_empty_range(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["scale", str(path), "--from", "50000", "--to", "20000"]) == 2
    assert "expected --to above --from" in capsys.readouterr().err


def test_staffing_prints_fte_per_team(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["staffing", str(path), "--replications", "3"]) == 0
    out = capsys.readouterr().out
    assert "gezamenlijk" in out and "Minimale formatie (fte)" in out


def test_organisations_compares_scenarios_side_by_side(tmp_path, capsys):
    joint = _write(tmp_path)
    apart = tmp_path / "apart.toml"
    apart.write_text('extends = "mini.toml"\nname = "apart"\n'
                     '[access_team]\norganisation = "per_municipality"\n', encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["organisations", str(joint), str(apart), "-n", "1", "--out", str(out)]) == 0
    table = pd.read_csv(out / "organisations.csv").set_index("scenario")
    assert list(table.index) == ["mini", "apart"]
    assert table.loc["apart", "organisation"] == "per_municipality"
    # one municipality: separate and joint are the same organisation, so the same figures
    assert table.loc["apart", "cost_per_inhabitant_eur"] == table.loc["mini", "cost_per_inhabitant_eur"]
