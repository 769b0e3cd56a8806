"""Write the advisor notebooks from their cell lists (run once after editing; outputs stay empty)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    for kind, text in cells:
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        if kind == "params":
            cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


QUICKSTART = [
    ("md", "# 01 Snelstart: één scenario doorrekenen\n\n"
           "Dit notebook rekent het scenario **bbs-95k** door: Baarn, Bunschoten en Soest met "
           "één gezamenlijk sociaal team en specialistische zorg die per eenheid (p\\*q) wordt "
           "betaald. We laten zien wat de gemeenten per jaar kwijt zijn, hoe lang inwoners op een "
           "intake wachten en hoeveel cliënten in de 2e lijn terechtkomen, met de spreiding die "
           "alleen door toeval ontstaat."),
    ("md", "## Instellingen\n\nHet aantal replicaties staat in één cel, zodat de tests het "
           "notebook snel kunnen draaien. Voor een raadsvoorstel: 50 of meer."),
    ("params", "REPLICATIES = 3\nSCENARIO = \"../scenarios/bbs-95k.toml\""),
    ("code", "import simfin\nfrom simfin.report import format_eur, label\n\n"
             "scenario = simfin.load(SCENARIO)\n"
             "print(scenario.name, '-', scenario.description)\n"
             "print('Inwoners:', {n: m.inhabitants for n, m in scenario.municipalities.items()})"),
    ("md", "## Doorrekenen\n\nElke replicatie is een nieuwe, even waarschijnlijke groep inwoners. "
           "Met dezelfde seed krijgt u precies dezelfde uitkomst."),
    ("code", "results = simfin.run(scenario, replications=REPLICATIES)\n"
             "results.meta"),
    ("md", "## Kosten per jaar\n\nGemiddelde en 90%-interval (5e tot 95e percentiel over de "
           "replicaties) per kostencategorie."),
    ("code", "tabel = results.yearly_summary()\n"
             "tabel['categorie'] = tabel['category'].map(label)\n"
             "for kolom in ('mean', 'p05', 'p95'):\n"
             "    tabel[kolom] = tabel[kolom].map(format_eur)\n"
             "tabel[['year', 'categorie', 'mean', 'p05', 'p95']]"),
    ("code", "ax = results.plot_costs()"),
    ("md", "## Toegang en zorg\n\nWachttijd tot de intake tegen de wettelijke termijn, instroom "
           "per lijn en de gemiddelde trajectduur in de 2e lijn."),
    ("code", "kpis = results.kpi_summary()\nkpis['indicator'] = kpis['kpi'].map(label)\n"
             "kpis[['indicator', 'mean', 'p05', 'p95', 'unit']].round(2)"),
    ("md", "## Naar Excel\n\nHet werkboek bevat de samenvatting, de jaarcijfers per gemeente, de "
           "indicatoren en alle parameters van het scenario."),
    ("code", "import tempfile, pathlib\n"
             "pad = results.to_excel(pathlib.Path(tempfile.mkdtemp()) / 'bbs-95k.xlsx')\n"
             "pad.name"),
]

if __name__ == "__main__":
    nbformat.write(_notebook(QUICKSTART), HERE / "01_quickstart.ipynb")
