"""``simfin business`` end to end on the shipped BBS business-case scenarios."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import simfin as simfin_package

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]
# Run the CLI on the package under test (a worktree's src/ may shadow an installed copy).
SRC = Path(simfin_package.__file__).resolve().parents[1]
NULL, VARIANT = "scenarios/bbs-nulalternatief.toml", "scenarios/bbs-gezamenlijk.toml"


def simfin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simfin", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(SRC)})


@pytest.fixture(scope="module")
def bbs_business(tmp_path_factory):
    out = tmp_path_factory.mktemp("bbs-business")
    proc = simfin("business", NULL, VARIANT, "--replications", "2", "--out", str(out),
                  "--raadsbijlage", "--voi")
    return proc, out


def test_business_writes_tables_and_workbook(bbs_business):
    proc, out = bbs_business
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Netto contante waarde" in proc.stdout and "€ " in proc.stdout
    yearly = pd.read_csv(out / "business_yearly.csv")
    assert set(yearly["variant"]) == {"bbs-nulalternatief", "bbs-gezamenlijk"}
    assert sorted(yearly["year"].unique()) == list(range(2027, 2033))
    assert set(yearly["municipality"]) == {"Baarn", "Bunschoten", "Soest"}
    appraisal = pd.read_csv(out / "business_appraisal.csv")
    assert list(appraisal["replication"]) == [0, 1]
    # the NPV per replication recomputed from the yearly CSV: nulalternatief minus variant
    # at constant prices, discounted at the scenario's rate to its discount year
    settings = simfin_package.load(ROOT / NULL).business_case
    to_year = settings.discount_year or 2027
    constant = yearly.groupby(["replication", "variant", "year"])["constant_eur"].sum()
    for rep, npv in zip(appraisal["replication"], appraisal["npv_eur"]):
        saving = constant[(rep, "bbs-nulalternatief")] - constant[(rep, "bbs-gezamenlijk")]
        factors = (1 + settings.discount_rate) ** -(saving.index.to_numpy() - to_year)
        assert npv == pytest.approx((saving.to_numpy() * factors).sum(), abs=1.0)
    book = openpyxl.load_workbook(out / "businesscase.xlsx")
    assert book.sheetnames[:6] == ["Samenvatting", "Jaarcijfers", "Per gemeente",
                                   "Incidenteel", "Plafond", "Aannames"]
    # the shipped variant's seven hand-entered items, and apart from them (no item name) the
    # costs the transition on the timeline caused: six months of double running after the
    # go-live of 1 January 2028, and inhuur wherever a team's wait ran high
    inc = yearly[yearly["cost_type"] == "incidental"]
    items, emergent = inc[inc["item"].notna()], inc[inc["item"].isna()]
    assert items["category"].nunique() == 7 and (items["variant"] == "bbs-gezamenlijk").all()
    assert set(emergent["category"]) <= {"inhuur", "double_running"}
    running = emergent[emergent["category"] == "double_running"]
    assert set(running["variant"]) == {"bbs-gezamenlijk"} and set(running["year"]) == {2028}


def test_incomparable_variant_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "langer.toml"
    bad.write_text(f'extends = "{ROOT / VARIANT}"\nname = "langer"\n'
                   "[simulation]\nhorizon_years = 7\n", encoding="utf-8")
    proc = simfin("business", NULL, str(bad), "--out", str(tmp_path / "o"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(bad) in lines[0] and "simulation.horizon_years" in lines[0]
    assert not (tmp_path / "o").exists()


def test_business_writes_the_charts(bbs_business):
    proc, out = bbs_business
    assert proc.returncode == 0, proc.stderr
    for stem in ("terugverdienen_bbs-gezamenlijk", "waterval_bbs-gezamenlijk",
                 "plafond_bbs-nulalternatief", "plafond_bbs-gezamenlijk"):
        png = (out / f"{stem}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in (out / f"{stem}.svg").read_text(encoding="utf-8")


def _console_eur(stdout: str, title: str) -> float:
    """The first euro amount on the last console line that starts with ``title`` (the
    console lists the nulalternatief first, the variant last)."""
    line = [t for t in stdout.splitlines() if t.strip().startswith(title)][-1]
    amount = line.split("):", 1)[1].split("(")[0].strip()
    return float(amount.replace("€", "").replace(".", "").replace("\u2212", "-").strip())


def test_one_sign_convention_across_console_xlsx_and_csv(bbs_business):
    """The same saving has the same sign in the console, the workbook and the CSV: NPV and
    the structural saving of the last year are both + = besparing (the workbook used to show
    the NPV positive next to a negative structural difference for the same saving), and the
    convention is named in the console and on the Samenvatting sheet."""
    proc, out = bbs_business
    assert "+ = besparing t.o.v. nulalternatief" in proc.stdout
    npv_console = _console_eur(proc.stdout, "Netto contante waarde")
    structural_console = _console_eur(proc.stdout, "Structurele besparing laatste jaar")
    sheet = openpyxl.load_workbook(out / "businesscase.xlsx")["Samenvatting"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in sheet.iter_rows()}
    assert rows["Tekenconventie"][0] == "+ = besparing t.o.v. nulalternatief"
    npv_xlsx = rows["Netto contante waarde, gemiddeld"][0]
    structural_xlsx = next(v for k, v in rows.items() if str(k).startswith(
        "Structurele besparing laatste jaar"))[0]
    npv_csv = pd.read_csv(out / "business_appraisal.csv")["npv_eur"].mean()
    assert npv_console == pytest.approx(npv_xlsx, abs=1) == pytest.approx(npv_csv, abs=1)
    assert structural_console == pytest.approx(structural_xlsx, abs=1)
    # + = besparing, recomputed from the yearly CSV: nulalternatief minus variant, structural
    # rows of the last year, nominal, mean over the replications
    yearly = pd.read_csv(out / "business_yearly.csv")
    last = yearly[(yearly["year"] == yearly["year"].max())
                  & (yearly["cost_type"] == "structural")]
    by_variant = last.groupby("variant")["nominal_eur"].sum() / 2
    saving = by_variant["bbs-nulalternatief"] - by_variant["bbs-gezamenlijk"]
    assert structural_xlsx == pytest.approx(saving, abs=1)
    balance = pd.read_csv(out / "business_balance.csv")
    last = balance[balance["year"] == balance["year"].max()]
    assert (last["balance_nominal_eur"].mean() > 0) == (structural_xlsx > 0)


def test_raadsbijlage_opens_and_holds_its_parts(bbs_business):
    """``--raadsbijlage`` writes a Word document that opens with the conclusion and the
    deciding assumptions (class, source, switching values), then the question, the variants,
    the headline table with the same NPV as the workbook, at least two charts and what the
    model does not cover; no English comment text of the scenario files."""
    import docx

    proc, out = bbs_business
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(out / "raadsbijlage.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Conclusie", "Wat daarvoor waar moet zijn", "Vraag", "Varianten",
                        "Kerncijfers", "Grafieken", "Wat het model niet dekt"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "+ = besparing t.o.v. nulalternatief" in text and "prijspeil" in text
    assert "te weinig" in text  # 2 replications: a visible small-sample warning
    headline = next(t for t in document.tables if t.cell(0, 0).text == "Kerncijfer")
    rows = {r.cells[0].text: r.cells[-1].text for r in headline.rows}  # the variant: last
    deciding = next(t for t in document.tables if t.cell(0, 0).text == "Aanname")
    # first page: the conclusion, then the deciding assumptions with their switching values
    assert "verdient zich bij de aannames" in text and "NCW" in text
    names = [r.cells[0].text for r in deciding.rows[1:]]
    assert "Beleidseffecten (voorveld, verwijzing, intake)" in names
    for row in deciding.rows[1:]:
        assert row.cells[1].text.split(";")[0] in ("aanname", "afgeleid", "bron",
                                                   "niet gevonden, aanname")
        assert all(c.text.startswith(("bij ", "geen ", "pas bij ")) for c in row.cells[3:5])
    page = text + "\n".join(c.text for r in deciding.rows for c in r.cells)
    assert "assumption" not in page and "source:" not in page
    npv = pd.read_csv(out / "business_appraisal.csv")["npv_eur"].mean()
    from simfin.report.format import format_eur
    assert rows["Netto contante waarde t.o.v. nulalternatief (€, contant; + = besparing)"] \
        .startswith(format_eur(npv))
    assert {"Terugverdienjaar (nominaal)", "Incidentele kosten (€, nominaal; kosten negatief)",
            "Hoogste kans op overschrijding van het plafond"} <= set(rows)
    assert len(document.inline_shapes) >= 2


def test_business_prints_switching_values_and_writes_omslagpunten(bbs_business):
    """The console opens with the switching values; the sheet Omslagpunten has one row per
    assumption with Dutch name, class, assumed value, switching value, share and source,
    the four BBS policy effects among them."""
    proc, out = bbs_business
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Wat waar moet zijn (omslagpunten")
    assert "NCW = 0" in proc.stdout and "structureel saldo = 0" in proc.stdout
    sheet = openpyxl.load_workbook(out / "businesscase.xlsx")["Omslagpunten"]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    assert head[:6] == ("Variant", "Aanname", "Soort", "Aangenomen waarde", "Omslagpunt NCW",
                        "Aandeel van de aanname (NCW)") and head[-1] == "Bron"
    by_name = {r[1]: r for r in rows[1:]}
    for name, assumed in (("Jeugd: opgelost in het voorveld", 0.22),
                          ("Jeugd: aandeel verwijzing 2e lijn", 0.52),
                          ("Wmo: opgelost in het voorveld", 0.32),
                          ("Wmo: aandeel verwijzing 2e lijn", 0.48)):
        row = by_name[name]
        assert row[2] == "aanname" and row[3] == pytest.approx(assumed)
        assert row[-1].startswith("niet gevonden, aanname")  # as the raadsbijlage says it
    assert {"aanname", "afgeleid", "bron"} >= {r[2] for r in rows[1:]}


def test_business_voi_chooses_what_the_business_case_chooses(bbs_business):
    """``--voi`` runs on the same business case: its best option is the variant when its
    mean NPV is positive, else the nulalternatief, and it says so in the console."""
    proc, out = bbs_business
    evpi = pd.read_csv(out / "waarde-van-informatie" / "evpi.csv").set_index("municipality")
    npv = pd.read_csv(out / "business_appraisal.csv")["npv_eur"].mean()
    best = "bbs-gezamenlijk" if npv > 0 else "bbs-nulalternatief"
    assert evpi.at["*", "best_option"] == best
    assert "Zonder nader onderzoek is" in proc.stdout
    evppi = pd.read_csv(out / "waarde-van-informatie" / "evppi.csv")
    assert "Jeugd: aandeel verwijzing 2e lijn" in set(evppi["label"])
    assert not evppi["label"].str.startswith("incidental.").any()
