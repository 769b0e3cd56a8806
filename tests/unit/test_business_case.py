"""The business case end to end on a small simulated scenario, and its workbook."""

from __future__ import annotations

import copy

import numpy as np
import openpyxl
import pandas as pd
import pytest

import simfin
from simfin.errors import ScenarioError, SimfinError
from simfin.scenario import validate_dict

REPS = 2


def _base(small_dict: dict, name: str = "nul") -> dict:
    d = copy.deepcopy(small_dict)
    d["name"] = name
    d["simulation"]["horizon_years"] = 3
    d["business_case"] = {"wage_index_per_year": 0.03, "price_index_per_year": 0.02}
    d["ceiling"] = {"amount_eur_per_year": 1_200_000, "open_ended_providers": ["jeugdhulp"]}
    return d


@pytest.fixture(scope="module")
def dicts():
    from conftest import small_scenario_dict

    base = _base(small_scenario_dict())
    items = _base(small_scenario_dict(), "posten")
    items["business_case"]["phase_in"] = [0.0, 0.5]
    items["incidental"] = {"ict": {"category": "ict_migration", "amount_eur": {
        "min": 30000, "mode": 50000, "max": 90000}, "years": [2027],
        "allocation": "usage"}}
    items["structural"] = {"m": {"category": "management", "amount_eur_per_year": 10000}}
    items["afweging"] = {"label": "Variant 1", "scores": {"governance": "+", "ict": "n.t.b."},
                         "notes": {"governance": "meer sturing"}}
    team = _base(small_scenario_dict(), "team")
    team["business_case"]["phase_in"] = [0.0, 0.5]
    team["access_team"]["fte"] = 8
    return {"nul": base, "posten": items, "team": team}


@pytest.fixture(scope="module")
def case(dicts):
    """Ranges at their mode (sample_ranges=False), so that items can be checked by hand;
    the sampled ranges are tested in test_business_psa.py."""
    scenarios = [validate_dict(d) for d in dicts.values()]
    return simfin.business_case(scenarios[0], scenarios[1:], replications=REPS,
                                sample_ranges=False)


def _by_year(frame: pd.DataFrame, variant: str, column: str) -> np.ndarray:
    rows = frame[frame["variant"] == variant]
    return rows.groupby(["replication", "year"])[column].sum().unstack().to_numpy()


def test_identical_scenario_gives_a_zero_balance(dicts):
    """Common random numbers: the same scenario under another name has the same residents."""
    null = validate_dict(dicts["nul"])
    twin = validate_dict({**dicts["nul"], "name": "tweeling"})
    case = simfin.business_case(null, twin, replications=REPS)
    assert (case.balance["balance_nominal_eur"] == 0.0).all()
    assert (case.appraisal["npv_eur"] == 0.0).all()
    assert (case.appraisal["payback_year"] == 2027).all()


def test_items_and_phase_in_by_hand(case):
    """Variant 'posten' has the nulalternatief's flow, so its balance is the items alone:
    2027: -50,000 (incidental, price index 1 in the base year; structural item phased 0);
    2028: -0.5 x 10,000 x 1.03 = -5,150; 2029: -10,000 x 1.03^2 = -10,609."""
    balance = _by_year(case.balance, "posten", "balance_nominal_eur")
    assert balance == pytest.approx(np.tile([-50000.0, -5150.0, -10609.0], (REPS, 1)), abs=1e-6)
    npv = case.appraisal.set_index("variant").loc["posten"]
    # NPV with the item at min / max moves by the difference in 2027 (undiscounted)
    assert (npv["npv_items_min_eur"] - npv["npv_eur"]).to_numpy() == pytest.approx(20000.0)
    assert (npv["npv_items_max_eur"] - npv["npv_eur"]).to_numpy() == pytest.approx(-40000.0)


def test_team_change_is_phased_in(case):
    """2 FTE more at 72,200: +144,400 a year at full effect, wage-indexed at 3%."""
    y = case.yearly[case.yearly["category"] == "access_team"]
    team = _by_year(y, "team", "nominal_eur") - _by_year(y, "nul", "nominal_eur")
    assert team == pytest.approx(np.tile([0.0, 72200 * 1.03, 144400 * 1.03**2], (REPS, 1)))
    diff = case.difference(("year", "category"))
    diff = diff[(diff["variant"] == "team") & (diff["category"] == "access_team")]
    assert diff["difference_eur"].to_numpy() == pytest.approx(
        [0.0, 72200 * 1.03, 144400 * 1.03**2])
    null = case.difference(("year", "category"))
    assert (null.loc[null["variant"] == "nul", "difference_eur"] == 0.0).all()


def test_tables_have_their_documented_columns(case):
    from simfin.business.appraisal import APPRAISAL_COLUMNS
    from simfin.business.ceiling import CEILING_COLUMNS
    from simfin.business.yearly import YEARLY_COLUMNS

    assert list(case.yearly.columns) == YEARLY_COLUMNS
    assert list(case.ceiling.columns) == CEILING_COLUMNS
    assert list(case.appraisal.columns)[:5] == APPRAISAL_COLUMNS
    assert case.variants == ["posten", "team"]
    assert set(case.yearly["cost_type"]) == {"structural", "incidental"}
    assert case.yearly.groupby("variant")["replication"].nunique().to_dict() == \
        {"nul": REPS, "posten": REPS, "team": REPS}


def test_afweging_table(case):
    wide = case.afweging_table().set_index("criterion")
    assert list(wide.columns[2:]) == ["nul", "Variant 1", "team"]
    assert wide.loc["governance", "nul"] == "+/-"          # the reference by definition
    assert wide.loc["governance", "Variant 1"] == "+"
    assert wide.loc["governance", "team"] == ""            # not scored
    assert wide.loc["npv_eur", "nul"] == 0.0
    npv = case.summary().set_index("variant").loc["posten", "npv_mean_eur"]
    assert wide.loc["npv_eur", "Variant 1"] == pytest.approx(npv)
    assert wide.loc["incidental_eur", "Variant 1"] == pytest.approx(-50000.0)  # a cost


@pytest.mark.parametrize(("change", "field"), [
    ({"simulation": {"horizon_years": 2}}, "simulation.horizon_years"),
    ({"business_case": {"discount_rate": 0.04}}, "business_case.discount_rate"),
    ({"business_case": {"wage_index_per_year": 0.05}}, "business_case.wage_index_per_year"),
    ({"name": "nul"}, "name"),
])
def test_incomparable_variants_are_rejected(dicts, change, field):
    bad = copy.deepcopy(dicts["nul"]) | {"name": "anders"}
    for key, value in change.items():
        bad[key] = {**bad[key], **value} if isinstance(value, dict) else value
    with pytest.raises(ScenarioError) as err:
        simfin.business_case(validate_dict(dicts["nul"]), validate_dict(bad), replications=1)
    assert err.value.field == field


def test_a_variant_is_required(dicts):
    with pytest.raises(SimfinError, match="at least one variant"):
        simfin.business_case(validate_dict(dicts["nul"]), [], replications=1)


def test_same_seed_same_result(dicts, case):
    scenarios = [validate_dict(d) for d in dicts.values()]
    again = simfin.business_case(scenarios[0], scenarios[1:], replications=REPS,
                                 sample_ranges=False)
    pd.testing.assert_frame_equal(again.yearly, case.yearly)


@pytest.fixture(scope="module")
def book(case, tmp_path_factory):
    path = case.to_excel(tmp_path_factory.mktemp("bc") / "businesscase.xlsx")
    return openpyxl.load_workbook(path)


class TestWorkbook:
    @staticmethod
    def _rows(ws, header_row: int) -> list[dict]:
        header = [c.value for c in ws[header_row]]
        out = []
        for row in ws.iter_rows(min_row=header_row + 1):
            if row[0].value is None:
                break
            out.append({h: c for h, c in zip(header, row) if h is not None})
        return out

    def test_sheets(self, book):
        assert book.sheetnames == ["Samenvatting", "Jaarcijfers", "Per gemeente",
                                   "Incidenteel", "Plafond", "Aannames", "Afwegingskader",
                                   "Varianten naast elkaar", "Oorzaken", "Bewijsregister"]

    def test_drivers_sheet_total_is_the_saving_computed_apart(self, case, book):
        """The Totaal row against figures not built from the sheet's own rows: for 'posten'
        (the nulalternatief's flow, one structural item of 10,000 a year) -10,000 by hand, at
        full effect and base-year prices; for every variant the mean over the years of the
        drivers table's per-year savings; and the rows add up to it."""
        from simfin.report.tables import scenario_labels

        rows = self._rows(book["Oorzaken"], 5)
        per_year = case.drivers.groupby(["variant", "year"])["saving_eur"].sum()
        names = scenario_labels(case.scenarios)   # the sheet names an option by its label
        for variant in case.variants:
            mine = [r for r in rows if r["Variant"].value == names[variant]]
            assert mine, names[variant]
            total = [r for r in mine if r["Mechanisme"].value == "Totaal structureel verschil"]
            assert len(total) == 1
            value = total[0]["Besparing per jaar"].value
            assert value == pytest.approx(per_year[variant].mean(), abs=0.01)
            parts = sum(r["Besparing per jaar"].value for r in mine if r not in total)
            assert parts == pytest.approx(value, abs=0.01)
            assert total[0]["Besparing per jaar"].number_format == "€ #,##0"
        posten = next(r for r in rows if r["Variant"].value == names["posten"]
                      and r["Mechanisme"].value == "Totaal structureel verschil")
        assert posten["Besparing per jaar"].value == pytest.approx(-10_000.0, abs=0.01)

    def test_yearly_totals_equal_the_dataframe(self, case, book):
        from simfin.business.afweging import variant_label

        rows = self._rows(book["Jaarcijfers"], 2)
        for variant in case.scenarios:   # the sheet names a variant by its display label
            shown = variant_label(case.scenarios[variant])
            mine = [r for r in rows if r["Variant"].value == shown]
            assert mine, shown
            cells = [r["Nominaal (€)"] for r in mine]
            assert all(c.data_type == "n" and "€" in c.number_format for c in cells)
            expected = case.yearly.loc[case.yearly["variant"] == variant, "nominal_eur"].sum()
            assert sum(c.value for c in cells) == pytest.approx(expected / REPS, rel=1e-12)
            constant = sum(r["Constante prijzen (€)"].value for r in mine)
            assert constant == pytest.approx(case.yearly.loc[
                case.yearly["variant"] == variant, "constant_eur"].sum() / REPS, rel=1e-12)

    def test_municipality_totals_equal_the_dataframe(self, case, book):
        from simfin.business.afweging import variant_label

        rows = self._rows(book["Per gemeente"], 2)
        for (variant, muni), group in case.yearly.groupby(["variant", "municipality"]):
            shown = variant_label(case.scenarios[variant])
            got = sum(r["Nominaal (€)"].value for r in rows
                      if r["Variant"].value == shown and r["Gemeente"].value == muni)
            assert got == pytest.approx(group["nominal_eur"].sum() / REPS, rel=1e-12)

    def test_incidental_and_ceiling_sheets(self, case, book):
        items = self._rows(book["Incidenteel"], 2)
        # the item by its Dutch category first; its key in the file only as the last column
        head = [c.value for c in book["Incidenteel"][2] if c.value]
        assert head[1] == "Kostensoort" and head[-1] == "Sleutel in scenariobestand"
        assert {r["Sleutel in scenariobestand"].value for r in items} == {"ict", "m"}
        ict = next(r for r in items if r["Sleutel in scenariobestand"].value == "ict")
        assert ict["Categorie"].value == "ICT-migratie"
        assert (ict["Minimum (€)"].value, ict["Basiswaarde (€, modus)"].value,
                ict["Maximum (€)"].value) == (30000, 50000, 90000)
        assert ict["Verdeelsleutel"].value == "Gebruik (uren toegangsteam)"
        ceiling = self._rows(book["Plafond"], 1)
        assert len(ceiling) == len(case.ceiling)
        got = [r["Kans op overschrijding"] for r in ceiling]
        assert [c.value for c in got] == pytest.approx(case.ceiling["p_overshoot"].tolist())
        assert all("%" in c.number_format for c in got)
        assert ceiling[1]["Plafond (€, nominaal)"].value == pytest.approx(1_200_000 * 1.02)

    def test_summary_and_assumptions(self, case, book):
        ws = book["Samenvatting"]
        values = {row[0].value: row for row in ws.iter_rows()}
        npv = values["Netto contante waarde, gemiddeld"]
        summary = case.summary().set_index("variant")
        assert npv[1].value == pytest.approx(summary.loc["posten", "npv_mean_eur"])
        assert npv[2].value == pytest.approx(summary.loc["team", "npv_mean_eur"])
        assert "€" in npv[1].number_format
        assert values["Disconteringsvoet (reëel)"][1].value == 0.0225
        from simfin.report.tables import scenario_labels

        names = scenario_labels(case.scenarios)
        rows = self._rows(book["Aannames"], 1)
        # the Dutch name first, the path in the file last; the option by its name
        rate = next(r for r in rows if r["Pad in scenariobestand"].value ==
                    "business_case.discount_rate" and r["Variant"].value == names["posten"])
        assert rate["Parameter"].value == "Businesscase: disconteringsvoet"
        assert rate["Waarde"].value == 0.0225 and rate["Waarde"].data_type == "n"
        cost = next(r for r in rows if r["Pad in scenariobestand"].value == "access_team."
                    "loaded_cost_per_fte_eur" and r["Variant"].value == names["nul"])
        assert cost["Parameter"].value == "Toegangsteam: loonkosten per fte (€)"
        assert cost["Eenheid"].value == "euro" and "€" in cost["Waarde"].number_format

    def test_afweging_sheet(self, book):
        rows = self._rows(book["Afwegingskader"], 1)
        governance = next(r for r in rows if r["Criterium"].value.startswith("Bestuurlijke"))
        assert governance["Variant 1"].value == "+"
        npv = next(r for r in rows if r["Criterium"].value.startswith("Netto contante"))
        assert npv["Variant 1"].data_type == "n" and "€" in npv["Variant 1"].number_format

    def test_english(self, case, tmp_path):
        book = openpyxl.load_workbook(case.to_excel(tmp_path / "bc.xlsx", lang="en"))
        assert book.sheetnames == ["Summary", "Yearly", "By municipality", "Incidental",
                                   "Ceiling", "Assumptions", "Assessment framework",
                                   "Variants side by side", "Drivers", "Evidence register"]
