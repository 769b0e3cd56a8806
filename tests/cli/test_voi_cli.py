"""``simfin sweep --method psa --voi --options A B`` end to end on a small scenario.

Option A pays the ambulant youth care p*q (spending rises with the uncertain tariff),
option B a fixed lump sum: which is cheaper depends on the tariff, so its EVPPI must carry
the EVPI; the provider's own hourly cost never reaches the municipalities (EVPPI 0 or
small). The figures in the sheet and the Dutch text must be the ones in the CSVs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "uncertainty"))
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from conftest import small_scenario_dict  # noqa: E402
from test_sweep_cli import simfin  # noqa: E402
from uncertainty_helpers import DRIVER, NO_EFFECT, uncertain_dict, write_scenario  # noqa: E402

from simfin.report.format import format_eur  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md


@pytest.fixture(scope="module")
def voi_out(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("voi")
    onzeker = write_scenario(root / "onzeker.toml", uncertain_dict())
    pq = write_scenario(root / "pq.toml", small_scenario_dict())
    lump = small_scenario_dict()
    lump["name"] = "klein-lumpsum"
    lump["providers"]["jeugdhulp"]["financing"] = {
        "kind": "lump_sum", "budget_eur_per_year": 1_400_000, "client_places": 150}
    lump = write_scenario(root / "lump.toml", lump)
    out = root / "out"
    proc = simfin("sweep", str(onzeker), "--method", "psa", "--voi", "--options", str(pq),
                  str(lump), "--samples", "24", "-n", "1", "--executor", "serial",
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


def test_the_tariff_carries_the_value_and_the_no_effect_parameter_little(voi_out):
    out, _ = voi_out
    evpi = pd.read_csv(out / "evpi.csv").set_index("municipality")
    evppi = pd.read_csv(out / "evppi.csv").set_index("parameter")
    total = evpi.loc["*", "evpi_eur"]
    assert total > 0
    assert evppi.loc[DRIVER, "evppi_eur"] > 0.5 * total
    assert evppi.loc[NO_EFFECT, "evppi_eur"] < evppi.loc[DRIVER, "evppi_eur"]
    assert evppi.loc["*", "evppi_eur"] <= total + 1e-6 * total
    assert set(evpi.index) == {"*", "Aadorp", "Beekdorp"}


def test_the_net_benefit_is_minus_the_municipal_spending_of_each_sample(voi_out):
    out, _ = voi_out
    nb = pd.read_csv(out / "net_benefit.csv")
    total = nb[nb["municipality"] == "*"].pivot(index="sample", columns="option",
                                                 values="net_benefit_eur")
    per_mun = nb[nb["municipality"] != "*"].groupby(["sample", "option"])["net_benefit_eur"] \
        .sum().unstack()
    pd.testing.assert_frame_equal(total, per_mun, check_names=False, rtol=1e-9)
    assert (total < 0).all().all()


def test_text_sheet_and_chart_show_the_csv_figures(voi_out):
    out, stdout = voi_out
    evpi = pd.read_csv(out / "evpi.csv").set_index("municipality").loc["*", "evpi_eur"]
    top = pd.read_csv(out / "evppi.csv").iloc[0]
    assert f"hooguit {format_eur(evpi)} waard (EVPI" in stdout
    assert f"Nader onderzoek naar Tarief ambulant is hooguit {format_eur(top.evppi_eur)}" \
        in stdout
    assert "Let op: geschat uit 24 trekkingen" in stdout
    ws = openpyxl.load_workbook(out / "waarde_informatie.xlsx")["Waarde van informatie"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("Bij de keuze tussen klein en klein-lumpsum")
               for v in cells)
    assert any(isinstance(v, float) and abs(v - evpi) < 1e-6 for v in cells)
    assert (out / "waarde_informatie.png").stat().st_size > 10_000
    assert (out / "waarde_informatie.md").read_text(encoding="utf-8").startswith("Bij de keuze")


def test_voi_without_two_options_is_a_one_line_error(tmp_path):
    onzeker = write_scenario(tmp_path / "onzeker.toml", uncertain_dict())
    proc = simfin("sweep", str(onzeker), "--method", "psa", "--voi", "--out",
                  str(tmp_path / "o"))
    assert proc.returncode == 2
    assert "--options" in proc.stderr and "Traceback" not in proc.stderr


def test_discover_finds_the_tariff_region_where_spending_is_high(tmp_path):
    """Municipal spending rises with the tariff, so "spending above X" is a region of high
    tariffs: the box restricts the tariff from below, and its figures agree with the design."""
    onzeker = write_scenario(tmp_path / "onzeker.toml", uncertain_dict())
    out = tmp_path / "psa"
    proc = simfin("sweep", str(onzeker), "--method", "psa", "--samples", "30", "-n", "1",
                  "--executor", "serial", "--discover", "4400000", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    box = pd.read_csv(out / "discovery.csv").set_index("parameter")
    assert DRIVER in box.index and box.loc[DRIVER, "low_restricted"]
    design = pd.read_csv(out / "design.csv")
    spent = pd.read_csv(out / "outputs.csv").iloc[:, 1].to_numpy()
    inside = (design[DRIVER] >= box.loc[DRIVER, "low"]).to_numpy()
    for name in box.index.drop(DRIVER):
        inside &= design[name].between(box.loc[name, "low"], box.loc[name, "high"]).to_numpy()
    hit = spent > 4_400_000
    assert box["density"].iloc[0] == pytest.approx(hit[inside].mean())
    assert box["coverage"].iloc[0] == pytest.approx(hit[inside].sum() / hit.sum())
    text = (out / "discovery.md").read_text(encoding="utf-8")
    assert text.startswith("Als Tarief ambulant > ") and "met uitgaven gemeenten" in text
    assert "boven € 4.400.000" in text
    assert text.splitlines()[0][:60] in proc.stdout
    assert (out / "scenario_ontdekking.png").stat().st_size > 10_000
