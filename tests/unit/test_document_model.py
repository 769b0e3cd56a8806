"""The document model (issue 29): every builder's document passes :meth:`Document.check` in both
languages, and the check finds each fault it is named for (euros without a price level, a
count without a period, a difference without the saving sign, a label missing in a language,
a code name in a header)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import small_scenario_dict

import simfin
from simfin.calibrate import Calibration
from simfin.report.build_calibrate import build_calibrate
from simfin.report.build_compare import build_compare
from simfin.report.build_scale import SCALE_COLUMNS, build_organisations, build_scale, \
    build_staffing
from simfin.report.document_writers import console_text
from simfin.report.model import Document, Measure, Section
from simfin.report.tables import Table
from simfin.scenario import validate_dict
from simfin.staffing import StaffingResult


def _scenario(name: str, fte: float, year: int | None = None):
    data = small_scenario_dict()
    data["name"] = name
    data["access_team"]["fte"] = fte
    if year is not None:
        data.setdefault("business_case", {})["price_base_year"] = year
    return validate_dict(data, f"{name}.toml")


@pytest.fixture(scope="module")
def comparison():
    return simfin.compare([_scenario("a", 6), _scenario("b", 7)], replications=2)


def _sweep() -> pd.DataFrame:
    rows = [{c: float(i + 1) for c in SCALE_COLUMNS} for i in range(2)]
    frame = pd.DataFrame(rows)
    frame["inhabitants"] = [20_000, 40_000]
    return frame


def _documents(comparison, lang: str) -> dict[str, Document]:
    scenario = _scenario("a", 6, 2024)
    orgs = _sweep().assign(organisation="joint")
    answer = StaffingResult({"gezamenlijk": 4.5}, {"gezamenlijk": 0.95}, 3, 0.95, 0.9, 20)
    calibration = Calibration(scenario, pd.DataFrame(), pd.DataFrame({
        "municipality": ["B", "A"], "taakveld": ["6.1", "6.2"], "observed": [2e6, 1e6],
        "model_mean": [2.1e6, 0.9e6], "model_p05": [2e6, 0.8e6], "model_p95": [2.2e6, 1e6],
        "difference": [0.05, -0.1]}))
    clients = pd.DataFrame({
        "municipality": ["B", "A"], "measure": ["jeugd", "jeugd"], "label": ["Jeugd"] * 2,
        "per": ["jongeren tot 18"] * 2, "observed": [130.0, 120.0], "band_low": [100.0] * 2,
        "band_high": [160.0] * 2, "kind": ["own", "benchmark"], "model_mean": [125.0, 118.0],
        "model_p05": [120.0, 110.0], "model_p95": [130.0, 126.0], "difference": [-0.04, -0.02],
        "within_band": [True, True], "source": ["CBS", "CBS"]})
    oos = pd.DataFrame({"municipality": ["A"], "taakveld": ["6.1"], "observed": [1e6],
                        "model_mean": [1.1e6], "difference": [0.1]})
    oos.attrs.update(fit_year=2023, test_year=2024, model_year=2028)
    return {"compare": build_compare(comparison, lang),
            "calibrate": build_calibrate(calibration, scenario, lang, clients, oos),
            "scale": build_scale(_sweep(), scenario, lang, 2, 1),
            "organisations": build_organisations(orgs, [scenario, _scenario("b", 7, 2024)],
                                                 lang, 2, 1),
            "staffing": build_staffing(answer, lang)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_builder_passes_the_check(comparison, lang):
    for kind, doc in _documents(comparison, lang).items():
        assert doc.lang == lang
        assert doc.check() == [], kind
        assert console_text(doc).strip(), kind


def test_the_document_names_the_price_year_of_its_inputs(comparison):
    doc = _documents(comparison, "nl")["scale"]
    heads = list(doc.table("scale").frame.columns)
    assert "Kosten per inwoner per jaar (€, prijspeil 2024)" in heads
    assert all("2027" not in h for h in heads)  # never the start year
    assert "prijspeil 2024" in doc.table("scale").notes[0]  # the scope note says the same


def test_the_comparison_saving_is_signed_and_titled_as_a_saving(comparison):
    doc = build_compare(comparison)
    saving = doc.table("saving")
    reps = comparison.per_replication.set_index(["scenario", "replication"])
    truth = (reps.loc["a", "spending_eur"] - reps.loc["b", "spending_eur"]).mean()
    first = saving.frame.iloc[0]
    assert first.iloc[0] == "Uitgaven gemeente per jaar (€, prijspeil van de invoer, " \
                            "+ = besparing)"
    assert first.iloc[1] == pytest.approx(truth)
    assert all(m.sign == "saving" and m.against for m in saving.units["b"])


def test_the_calibration_chart_draws_the_rows_of_its_table(comparison):
    """Observed euros are the accounts' nominal euros, the model's at the scenario's price
    year; the chart's bars are the table's cells, in the table's order."""
    doc = _documents(comparison, "nl")["calibrate"]
    table = doc.table("calibration")
    heads = list(table.frame.columns)
    assert "Waargenomen lasten (€, nominaal)" in heads
    assert "Model, gemiddeld (€, prijspeil 2024)" in heads
    assert list(table.frame["Gemeente"]) == ["A", "B"]  # one order: table, chart and CSV
    assert list(doc.data["model_tegen_werkelijkheid"]["municipality"]) == ["A", "B"]
    clients = doc.table("clients")  # the clients' table and panel in one order too
    assert list(clients.frame["Gemeente"]) == ["A", "B"]
    assert list(doc.data["clienten_model_tegen_werkelijkheid"]["municipality"]) == ["A", "B"]
    assert "Waargenomen 2024 (€, nominaal)" in doc.table("out_of_sample").frame.columns
    fig = doc.charts()[0].figure("nl")
    bars = [b.get_width() for b in fig.axes[0].patches]
    assert bars == pytest.approx([1.0, 2.0, 0.9, 2.1])  # observed, then model (€ mln)


def _doc(units: dict, frame: pd.DataFrame, keys=frozenset()) -> Document:
    return Document("test", "nl", (Section("sheet.scale", (Table(frame, units, key="t"),)),),
                    keys=frozenset(keys))


def test_the_check_finds_euros_without_a_price_level():
    m = Measure("col.cost_per_inhabitant_eur", "eur", "year")
    problems = _doc({"x": m}, pd.DataFrame({"x": [1.0]})).check()
    assert problems == ["t: euros without a price level (col.cost_per_inhabitant_eur)"]


def test_the_check_finds_a_count_without_a_period():
    m = Measure("cmp.admin_hours_municipality", "hours")
    assert _doc({"x": m}, pd.DataFrame({"x": [1.0]})).check() == [
        "t: hours without a period (cmp.admin_hours_municipality)"]


def test_the_check_finds_a_difference_without_the_saving_sign():
    m = Measure("cmp.spending_eur", "eur", "mean_year", "scenario", sign="cost", against=True)
    assert _doc({"x": m}, pd.DataFrame({"x": [1.0]})).check() == [
        "t: a comparison without the saving sign (cmp.spending_eur)"]


def test_the_check_finds_a_label_missing_in_a_language():
    m = Measure("col.no_such_label", "share")
    assert "label 'col.no_such_label' is missing in a language" in \
        _doc({"Aandeel": m}, pd.DataFrame({"Aandeel": [0.5]})).check()


def test_the_check_finds_a_code_name_in_a_header():
    m = Measure("col.intake_within_norm_share", "share")
    problems = _doc({"intake_within_norm_share": m},
                    pd.DataFrame({"intake_within_norm_share": [0.5]})).check()
    assert problems == ["t: code name in header 'intake_within_norm_share'"]


def test_the_run_tables_pass_the_check():
    """The run's cost and KPI tables: euros with the price level, every count with a period
    (the counts of clients who gave up waiting had none: "episodes", over which years?)."""
    from simfin.report.run_tables import cost_table, kpi_table

    data = small_scenario_dict()
    data["reneging"] = {"patience_days": {"family": "fixed", "value": 20}}
    results = simfin.run(validate_dict(data), replications=2)
    for lang in ("nl", "en"):
        doc = Document("run", lang, (Section("sheet.summary", (
            cost_table(results, lang), kpi_table(results, lang))),))
        assert doc.check() == [], lang
    kpis = kpi_table(results)
    row = list(kpis.frame.iloc[:, 0]).index("Afgehaakt tijdens wachten op intake")
    assert "totaal" in kpis.frame.iloc[row, 1]  # the period is in the table too


def test_every_counted_kpi_has_a_period():
    """A new KPI that counts something fails here until it says over which period."""
    from simfin.metrics import KPI_UNITS
    from simfin.report.model import PERIOD_UNITS
    from simfin.report.periods import KPI_PERIODS

    missing = [k for k, unit in KPI_UNITS.items() if unit in PERIOD_UNITS and k not in KPI_PERIODS]
    assert missing == []


def test_a_document_shows_itself_in_a_notebook_with_the_console_cells(comparison):
    doc = build_compare(comparison)
    shown = doc._repr_html_()
    side = doc.table("comparison").formatted()
    assert all(str(v) in shown for v in side.iloc[1, 1:])  # the spending cells, nl-NL
    assert "<svg" in shown and "Wie draagt het volumerisico?" in shown


def test_the_compare_notes_name_scenarios_as_the_tables_do():
    from simfin.report.precision_notes import compare_notes

    labelled = []
    for name, text in (("a", "Variant 0: nu"), ("b", "Variant 1: meer toegang")):
        data = small_scenario_dict()
        data["name"] = name
        data["afweging"] = {"label": text}
        labelled.append(validate_dict(data, f"{name}.toml"))
    comparison = simfin.compare(labelled, replications=2)
    notes = "\n".join(compare_notes(comparison))
    heads = list(build_compare(comparison).table("comparison").frame.columns[1:])
    assert heads == ["Variant 0: nu", "Variant 1: meer toegang"]
    assert all(h in notes for h in heads) and "(a)" not in notes and " a:" not in notes


def test_the_check_finds_a_file_id_in_a_header():
    """A scenario without an [afweging] label heads its column with its file id."""
    m = Measure("col.intake_within_norm_share", "share")
    problems = _doc({"jeugd-60k-pq-uur": [m]},
                    pd.DataFrame({"Maat": ["x"], "jeugd-60k-pq-uur": [0.5]})).check()
    assert problems == ["t: code name in header 'jeugd-60k-pq-uur'"]


def test_every_chart_draws_the_table_object_the_console_and_workbook_print(comparison):
    docs = _documents(comparison, "nl")
    for kind, key in (("compare", "comparison"), ("scale", "scale"),
                      ("calibrate", "calibration")):
        (chart,) = docs[kind].charts()
        assert chart.table is docs[kind].table(key), kind


def _small_document() -> Document:
    table = Table(pd.DataFrame({"Naam": ["a|b", "c"], "Bedrag (€)": [1234.5, -7.0]}),
                  {"Bedrag (€)": "eur"}, "Titel", ("noot",), "k")
    hidden = Table(pd.DataFrame({"Geheim": [1]}), {}, key="h")
    return Document("x", "nl", (Section("sheet.summary", (hidden,), console=False),
                                Section("sheet.summary", ("Intro", table))), title="Doc")


def test_markdown_is_the_console_content_as_pipe_tables():
    """samenvatting.md and the console render one content: the same cells in the same order
    (a pipe inside a cell escaped), the same lines, nothing from a workbook-only section."""
    doc = _small_document()
    from simfin.report.document_writers import markdown_text

    md, console = markdown_text(doc), console_text(doc)
    assert md.startswith("# Doc\n\nIntro\n\n## Titel\n\n| Naam | Bedrag (€) |\n| :--- | ---: |\n")
    assert "| a\\|b | € 1.235 |" in md
    import re

    shown = [re.split(r"\s{2,}", line) for line in console.splitlines()
             if line.startswith(("a|b", "c "))]
    md_rows = [[c.replace("\\|", "|") for c in line[2:-2].split(" | ")]
               for line in md.splitlines() if line.startswith(("| a", "| c"))]
    assert md_rows == shown == [["a|b", "€ 1.235"], ["c", shown[1][1]]]
    assert "Geheim" not in md and "Geheim" not in console and md.endswith("noot\n")


def test_sections_with_one_sheet_key_share_their_sheet(tmp_path):
    import openpyxl

    from simfin.report.document_writers import write_document_workbook

    book = openpyxl.load_workbook(write_document_workbook(_small_document(), tmp_path / "x.xlsx"))
    assert book.sheetnames == ["Samenvatting"]
    first = [r[0] for r in book["Samenvatting"].iter_rows(values_only=True)]
    assert first.index("Geheim") < first.index("Titel") < first.index("a|b")
