"""Sources of parameters read from scenario-file comments, and the Aannames table."""

from __future__ import annotations

from pathlib import Path

import simfin
from simfin.business.assumptions import assumptions_table, unit_of
from simfin.scenario.sources import comment_sources, read_sources, source_of

ROOT = Path(__file__).resolve().parents[2]

TEXT = '''
name = "x"  # the name
description = "a # inside a string is no comment"

# Section banner that a blank line separates from what follows

[simulation]
# assumption: two lines of
# explanation above the key
start_year = 2027   # and an inline part
horizon_years = 4
# ------------------------------------------
seed = 1

# comment on the table itself
[products.a]
duration_days = { family = "lognormal", mean = 400, cv = 0.9 }  # source: CBS
products = ["p",
  "q = 1"]  # still inside the array
tariff_eur = 78.0
'''


def test_comment_sources_rules():
    sources = comment_sources(TEXT)
    assert sources["name"] == "the name"
    assert "description" not in sources
    assert sources["simulation.start_year"] == ("assumption: two lines of explanation above "
                                                "the key and an inline part")
    assert "simulation.horizon_years" not in sources          # no comment of its own
    assert "simulation.seed" not in sources                   # a banner line is no source
    assert sources["products.a"] == "comment on the table itself"
    assert sources["products.a.duration_days"] == "source: CBS"
    assert "q" not in " ".join(sources) and "products.a.products" not in sources
    assert "products.a.tariff_eur" not in sources
    # lookup falls back to the enclosing key or table
    assert source_of(sources, "products.a.duration_days.mean") == "source: CBS"
    assert source_of(sources, "products.a.tariff_eur") == "comment on the table itself"
    assert source_of(sources, "simulation.horizon_years") == ""


def test_extends_chain_overlay_wins(tmp_path):
    (tmp_path / "base.toml").write_text('a = 1  # base a\nb = 2  # base b\n', encoding="utf-8")
    (tmp_path / "v.toml").write_text('extends = "base.toml"\nb = 3  # variant b\n',
                                     encoding="utf-8")
    assert read_sources(tmp_path / "v.toml") == {"a": "base a", "b": "variant b"}


def test_units_from_field_names():
    assert unit_of("access_team.loaded_cost_per_fte_eur") == "eur"
    assert unit_of("products.a.duration_days.mean") == "days"
    assert unit_of("products.a.duration_days.cv") == "cv"
    assert unit_of("demand_streams.jeugd.rate_per_1000") == "per_1000"
    assert unit_of("structural.m.amount_eur_per_year.mode") == "eur_per_year"
    assert unit_of("ceiling.by_year.2028") == "eur"
    assert unit_of("business_case.wage_index_by_year.2028") == "per_year"
    assert unit_of("access_team.productive_hours_per_fte") == "hours_per_fte"
    assert unit_of("name") == ""


def test_shipped_business_scenarios_cite_every_business_figure():
    names = ("bbs-nulalternatief", "bbs-gezamenlijk")
    scenarios = {n: simfin.load(ROOT / f"scenarios/{n}.toml") for n in names}
    sources = {n: read_sources(ROOT / f"scenarios/{n}.toml") for n in names}
    table = assumptions_table(scenarios, sources)
    numeric = table[table["value"].map(lambda v: isinstance(v, int | float)
                                       and not isinstance(v, bool))]
    business = numeric[numeric["parameter"].str.match(
        r"(incidental|structural|ceiling|business_case)\.")]
    assert len(business) > 40
    missing = business[business["source"] == ""]
    assert missing.empty, missing[["variant", "parameter"]].to_string()
    row = table.set_index(["variant", "parameter"])
    assert "Werkgroep Discontovoet" in row.loc[("bbs-gezamenlijk",
                                                "business_case.discount_rate"), "source"]
    assert "Rotterdam" in row.loc[("bbs-gezamenlijk", "incidental.frictie.amount_eur.mode"),
                                  "source"]
    # inherited through two extends: bbs-gezamenlijk -> bbs-nulalternatief -> bbs-95k
    assert "Heemskerk" in row.loc[("bbs-gezamenlijk", "access_team.productive_hours_per_fte"),
                                  "source"]
    assert row.loc[("bbs-gezamenlijk", "incidental.frictie.amount_eur.mode"), "unit"] == "eur"


def test_item_source_field_is_used(small_dict):
    from simfin.scenario import validate_dict

    small_dict["incidental"] = {"i": {"category": "x", "amount_eur": 5, "years": [2027],
                                      "source": "offerte leverancier 2026"}}
    table = assumptions_table({"klein": validate_dict(small_dict)}, {})
    rows = table[table["parameter"].str.startswith("incidental.i.")]
    assert set(rows.loc[rows["parameter"].str.contains("amount"), "source"]) == \
        {"offerte leverancier 2026"}
    assert "incidental.i.source" not in set(table["parameter"])
