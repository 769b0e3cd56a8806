"""Write the advisor notebooks from their cell lists (run once after editing; outputs stay empty).

    cd notebooks && python _build.py

Each notebook has exactly one cell tagged "parameters" (replications, samples, ...); the tests
(tests/docs/test_notebooks.py) override its values with small ones and run every notebook.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    for i, (kind, text) in enumerate(cells):
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        cell.id = f"cell-{i:02d}"  # stable ids: rebuilding an unchanged notebook changes nothing
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
    ("md", "Hoeveel hulpvragen gaan per jaar door welke lijn, en hoe snel start de intake "
           "tegen de wettelijke termijn (stippellijn per vraagstroom)?"),
    ("code", "from simfin.report import plot_flow, plot_intake_waits\n\n"
             "ax = plot_flow(results)\nax = plot_intake_waits(results)"),
    ("md", "## Naar Excel\n\nHet werkboek bevat de samenvatting, de jaarcijfers per gemeente, de "
           "indicatoren en alle parameters van het scenario."),
    ("code", "import tempfile, pathlib\n"
             "pad = results.to_excel(pathlib.Path(tempfile.mkdtemp()) / 'bbs-95k.xlsx')\n"
             "pad.name"),
]

PQ_VERSUS_LUMP_SUM = [
    ("md", "# 02 p\\*q of lumpsum? Vier manieren om jeugdhulp in te kopen\n\n"
           "Een gemeente van 60.000 inwoners koopt ambulante jeugdhulp en jeugdhulp met verblijf in. "
           "Nu betaalt zij per uur en per dag (p\\*q, inspanningsgericht). Het college vraagt: wat "
           "gebeurt er als we per traject betalen (outputgericht), of een vast budget geven "
           "(lumpsum, taakgericht), al dan niet met een bandbreedte?\n\n"
           "We rekenen de vier varianten door op **precies dezelfde inwoners** (gelijke "
           "toevalsgetallen): elk verschil komt dus uit de bekostiging en het gedrag dat daarbij "
           "hoort, niet uit toeval. De budgetten en trajectprijzen zijn zo gekozen dat elke variant "
           "bij neutraal gedrag gemiddeld evenveel kost; de gedragseffecten (kortere trajecten, "
           "eerder afschalen) zijn aannames met een bandbreedte in de scenariobestanden."),
    ("md", "## Instellingen\n\nEén cel met het aantal replicaties (de tests zetten het laag). "
           "Voor een raadsvoorstel: 30 of meer."),
    ("params", "REPLICATIES = 20"),
    ("code", "import tempfile\nfrom pathlib import Path\n\nimport simfin\n"
             "from simfin.report import format_eur, label\n"
             "from simfin.report.risk_statement import volume_risk_text\n\n"
             "VARIANTEN = [\"../scenarios/jeugd-60k-pq-uur.toml\", "
             "\"../scenarios/jeugd-60k-pq-traject.toml\",\n"
             "             \"../scenarios/jeugd-60k-lumpsum.toml\", "
             "\"../scenarios/jeugd-60k-lumpsum-corridor.toml\"]\n"
             "for pad in VARIANTEN:\n    s = simfin.load(pad)\n    print(f\"{s.name:28} {s.description}\")"),
    ("md", "## Doorrekenen\n\nAlle varianten krijgen dezelfde seed en hetzelfde aantal "
           "replicaties."),
    ("code", "vergelijking = simfin.compare(VARIANTEN, replications=REPLICATIES)\n"
             "vergelijking.wide()"),
    ("md", "## In één beeld\n\nUitgaven van de gemeente en marge van de aanbieders (gemiddeld "
           "per jaar, met 90%-interval over de replicaties), de wachtlijst voor de 2e lijn en de "
           "administratieve uren van gemeente en aanbieders."),
    ("code", "fig = vergelijking.plot()\nfig"),
    ("md", "## Wie draagt het risico?\n\nBij p\\*q schommelen de uitgaven van de gemeente "
           "mee met de vraag; bij een lumpsum ligt dat risico bij de aanbieder, die het terugziet "
           "in de spreiding van zijn marge. De standaardafwijking over de replicaties laat zien "
           "hoe groot die schommeling is."),
    ("code", "spreiding = vergelijking.table.query(\"indicator in ['spending_eur', "
             "'provider_margin_eur']\")\n"
             "spreiding = spreiding.pivot(index=\"scenario\", columns=\"indicator\", "
             "values=\"std\").loc[vergelijking.names]\n"
             "spreiding.map(format_eur).rename(columns=lambda k: label(f\"cmp.{k}\") + "
             "\", standaardafwijking\")"),
    ("code", "kinds = sorted({k for ks in vergelijking.kinds().values() for k in ks})\n"
             "print(volume_risk_text(kinds))"),
    ("md", "## Wat als het gedrag niet verandert?\n\nDe gedragseffecten zijn aannames. Met "
           "`with_changes` zet u ze hier op 1,0 (neutraal), zonder een scenariobestand te "
           "schrijven: elke wijziging is een veldpad zoals in het TOML-bestand, en wordt net zo "
           "gecontroleerd (een tikfout geeft een foutmelding met het veldpad). Het verschil tussen "
           "de twee lumpsum-regels is dan het effect van het gedrag alleen."),
    ("code", "lumpsum = simfin.load(\"../scenarios/jeugd-60k-lumpsum.toml\")\n"
             "neutraal = {f\"providers.{aanbieder}.financing.{factor}\": 1.0\n"
             "            for aanbieder in lumpsum.providers\n"
             "            for factor in (\"duration_multiplier\", \"intensity_multiplier\", "
             "\"step_down_multiplier\")}\n"
             "lumpsum_neutraal = lumpsum.with_changes({**neutraal, \"name\": "
             "\"jeugd-60k-lumpsum-neutraal\",\n"
             "    \"description\": \"Lumpsum zonder gedragseffect (alle factoren 1,0)\"})\n"
             "alleen_betaling = simfin.compare([lumpsum, lumpsum_neutraal], "
             "replications=REPLICATIES)\n"
             "alleen_betaling.wide()"),
    ("md", "## Bewaren voor het raadsvoorstel\n\nTabellen (CSV), de grafiek als PNG (300 dpi) "
           "en SVG, en de tekst over het volumerisico. Hier in een tijdelijke map; geef een eigen "
           "map op voor uw stukken."),
    ("code", "uit = Path(tempfile.mkdtemp()) / \"vergelijking\"\n"
             "sorted(p.name for p in vergelijking.save(uit))"),
    ("md", "## Lezen en gebruiken\n\n- De verschillen in trajectduur en wachtlijst volgen uit de "
           "**aannames over gedrag** (zie de scenariobestanden); ze zijn een *wat-als*, geen "
           "bewijs. Zet de gedragsfactoren op 1,0 om alleen het betaaleffect te zien.\n"
           "- Een lumpsum maakt de uitgaven voorspelbaar, maar de wachtlijst is de prijs als de "
           "vraag groter is dan het budget toelaat.\n"
           "- Meer over de vier soorten bekostiging: *docs/financing.md*."),
]

SCALE = [
    ("md", "# 03 Schaal: 95.000 of 100.000 inwoners?\n\n"
           "De bestuursopdracht van Baarn, Bunschoten en Soest (BBS) spreekt van \"ongeveer 95.000 "
           "inwoners?\" voor de drie samen (de optelling in het scenario is 90.831) en noemt "
           "uitvoering op een schaal van ongeveer 100.000 inwoners het gunstigst voor kwaliteit, "
           "professionaliteit en kwetsbaarheid. Nederlands onderzoek vindt echter geen vaste optimale gemeentegrootte; "
           "simfin rekent daarom **nooit met een aangenomen schaalvoordeel**. Schaaleffecten "
           "ontstaan alleen uit mechanismen die u zelf instelt: gedeelde wachtrijen (één team "
           "wacht korter dan drie kleine), ondeelbare functies (minstens één persoon per rol) en "
           "vaste kosten per organisatie.\n\n"
           "We vergelijken drie organisaties: BBS apart (drie eigen organisaties), BBS samen "
           "(één organisatie) en een referentiegemeente van 100.000 inwoners; daarna "
           "schuiven we de bevolking van klein naar groot."),
    ("md", "## Instellingen\n\nReplicaties per scenario en de bevolkingsgroottes van de "
           "schaalreeks (de tests zetten ze laag). Voor een raadsvoorstel: 20 replicaties of meer "
           "en zes tot acht groottes."),
    ("params", "REPLICATIES = 10\nPOPULATIES = [30_000, 60_000, 95_000, 100_000, 150_000]"),
    ("code", "import pandas as pd\n\nimport simfin\n"
             "from simfin.report import format_eur, format_number, format_share, "
             "plot_scale_curve\nfrom simfin.report.style import footnote_line\n"
             "from simfin.scale import compare_organisations, scale_sweep\n\n"
             "NAMEN = (\"bbs-apart\", \"bbs-95k\", \"referentie-100k\")\n"
             "scenarios = [simfin.load(f\"../scenarios/{naam}.toml\") for naam in NAMEN]\n"
             "for s in scenarios:\n    print(f\"{s.name:16} {s.description}\")"),
    ("md", "## Drie organisaties naast elkaar\n\nKosten per inwoner per jaar (structureel: team, "
           "zorg, administratie, organisatie), formatie per 10.000 inwoners, wachttijd tot de "
           "intake (95e percentiel) en kwetsbaarheid: het grootste verwachte aantal dagen per jaar "
           "dat een functie onbezet is."),
    ("code", "organisaties = compare_organisations(scenarios, replications=REPLICATIES)\n"
             "tabel = organisaties.set_index(\"scenario\")\n"
             "weergave = {\n"
             "    \"Inwoners\": tabel[\"inhabitants\"].map(format_number),\n"
             "    \"Kosten per inwoner per jaar\": tabel[\"cost_per_inhabitant_eur\"].map(format_eur),\n"
             "    \"90%-interval\": [f\"{format_eur(a)} – {format_eur(b)}\" for a, b in zip(\n"
             "        tabel[\"cost_per_inhabitant_p05_eur\"], tabel[\"cost_per_inhabitant_p95_eur\"])],\n"
             "    \"Fte per 10.000 inwoners\": tabel[\"fte_per_10000\"].map(lambda x: format_number(x, 1)),\n"
             "    \"Wachttijd intake p95 (dagen)\": tabel[\"intake_wait_p95_days\"].map("
             "lambda x: format_number(x, 1)),\n"
             "    \"Intake binnen termijn\": tabel[\"intake_within_norm_share\"].map(format_share),\n"
             "    \"Max. dagen functie onbezet\": tabel[\"max_uncovered_days\"].map("
             "lambda x: format_number(x, 1)),\n"
             "}\n"
             "pd.DataFrame(weergave).T"),
    ("md", "## Van klein naar groot\n\nDezelfde BBS-organisatie, geschaald naar andere "
           "bevolkingsgroottes: zelfde vraag per inwoner, zelfde formatie per inwoner; "
           "ondeelbare functies en vaste kosten volgen hun eigen regels. 95.000 en 100.000 zijn "
           "gemarkeerd."),
    ("code", "basis = scenarios[1]\n"
             "reeks = scale_sweep(basis, POPULATIES, replications=REPLICATIES)\n"
             "noot = footnote_line(basis.name, simfin.__version__, REPLICATIES, "
             "basis.simulation.seed)\n"
             "plot_scale_curve(reeks, footnote=noot)"),
    ("code", "reeks[[\"inhabitants\", \"cost_per_inhabitant_eur\", \"intake_wait_p95_days\", "
             "\"fte_per_10000\", \"max_uncovered_days\"]].round(1)"),
    ("md", "## Lezen en gebruiken\n\n- Vergelijk twee verschillen: *apart tegen samen* "
           "(dezelfde inwoners, andere organisatie) en *95.000 tegen 100.000* (dezelfde "
           "organisatie, 5.000 inwoners meer). Welke stap verandert de kosten per inwoner en de "
           "wachttijd het meest?\n"
           "- Kwetsbaarheid (dagen per jaar dat een functie onbezet is, 365 × p^n bij n personen "
           "die elk met kans p afwezig zijn) daalt het sterkst bij de stap van één naar twee "
           "personen per functie.\n"
           "- Controleer of de verschillen groter zijn dan het 90%-interval voordat u ze in een "
           "raadsvoorstel noemt. Meer: *docs/scale.md*."),
]

BUSINESS_CASE = [
    ("md", "# 04 Transitiekosten en terugverdientijd\n\n"
           "Baarn, Bunschoten en Soest overwegen één gezamenlijke uitvoeringsorganisatie voor het "
           "sociaal domein (variant 1) in plaats van drie eigen organisaties (het nulalternatief). "
           "De overgang kost eenmalig geld (programma, ontvlechting, ICT, frictie, dubbele "
           "lasten); daar staan structurele effecten tegenover (één set ondeelbare functies, "
           "één organisatie, een gedeelde wachtrij en meer lichte hulp in het voorveld).\n\n"
           "De vragen van de raad: wat kost de overgang, wanneer is die terugverdiend, wat is de "
           "netto contante waarde, en hoe groot is de kans dat we het budget overschrijden? Alle "
           "bedragen van de variant zijn aannames met een bandbreedte (zie de scenariobestanden)."),
    ("md", "## Instellingen\n\nReplicaties per scenario (de tests zetten het laag). Voor een "
           "raadsvoorstel: 20 of meer."),
    ("params", "REPLICATIES = 20"),
    ("code", "import tempfile\nfrom pathlib import Path\n\nimport pandas as pd\n\nimport simfin\n"
             "from simfin.report import (format_eur, format_share, format_value, label, "
             "plot_ceiling_fan,\n"
             "                           plot_transition, plot_waterfall)\n\n"
             "NUL = \"../scenarios/bbs-nulalternatief.toml\"\n"
             "VARIANT = \"../scenarios/bbs-gezamenlijk.toml\"\n"
             "case = simfin.business_case(NUL, [VARIANT], replications=REPLICATIES)\n"
             "print(case.null, \"→\", case.variants)"),
    ("md", "## De kern in één tabel\n\nNetto contante waarde (met 90%-interval over de "
           "replicaties en met alle posten op hun minimum en maximum), terugverdienjaar, "
           "incidentele kosten en de grootste kans op overschrijding van het plafond."),
    ("code", "def tekst(naam, waarde):\n"
             "    if naam.endswith(\"_eur\"):\n        return format_eur(waarde)\n"
             "    if naam.startswith((\"p_\", \"payback_share\")):\n        return format_share(waarde)\n"
             "    return \"–\" if pd.isna(waarde) else str(int(waarde))  # een jaar\n\n"
             "samenvatting = case.summary().set_index(\"variant\")\n"
             "pd.DataFrame({variant: [tekst(n, rij[n]) for n in samenvatting.columns]\n"
             "              for variant, rij in samenvatting.iterrows()},\n"
             "             index=[label(n) for n in samenvatting.columns])"),
    ("md", "## Incidenteel tegen structureel\n\nPer jaar het saldo tegen het nulalternatief "
           "(+ is een besparing): de eenmalige kosten in rood, het structurele saldo in groen, de "
           "lijn is het cumulatieve saldo. De ster markeert het terugverdienjaar."),
    ("code", "ax = plot_transition(case)"),
    ("md", "## Waar komt het verschil vandaan?\n\nDe waterval loopt van de kosten van het "
           "nulalternatief over de hele looptijd naar die van de variant, per kostencategorie."),
    ("code", "ax = plot_waterfall(case)"),
    ("md", "## Het budgettair plafond\n\nDe uitgaven die voor het plafond meetellen, per jaar: "
           "mediaan, 50%- en 90%-band over de replicaties, het plafond als stippellijn en onder "
           "elk jaar de kans op overschrijding. Jeugdhulp en Wmo-maatwerk zijn open einde: een "
           "inwoner met recht op zorg kan niet worden geweigerd omdat het budget op is."),
    ("code", "for naam in case.scenarios:\n    plot_ceiling_fan(case, naam)"),
    ("code", "plafond = case.ceiling[[\"variant\", \"year\", \"ceiling_eur\", "
             "\"spending_mean_eur\", \"p_overshoot\", \"expected_overshoot_eur\"]].copy()\n"
             "for kolom in (\"ceiling_eur\", \"spending_mean_eur\", \"expected_overshoot_eur\"):\n"
             "    plafond[kolom] = plafond[kolom].map(format_eur)\n"
             "plafond[\"p_overshoot\"] = plafond[\"p_overshoot\"].map(format_share)\n"
             "plafond.rename(columns={\"variant\": \"Variant\", \"year\": \"Jaar\", "
             "\"ceiling_eur\": \"Plafond\",\n"
             "                        \"spending_mean_eur\": \"Uitgaven (gemiddeld)\", "
             "\"p_overshoot\": \"Kans op overschrijding\",\n"
             "                        \"expected_overshoot_eur\": \"Verwachte overschrijding\"})"),
    ("md", "## Afwegingskader en werkboek\n\nDe kwantitatieve criteria komen uit de "
           "doorrekening, de kwalitatieve scores uit de scenariobestanden. Het werkboek bevat "
           "alle tabellen, de posten met hun bron en alle aannames."),
    ("code", "def cel(waarde, eenheid):\n"
             "    if isinstance(waarde, str) or not eenheid:\n        return waarde\n"
             "    if eenheid == \"year\":\n"
             "        return \"–\" if pd.isna(waarde) else str(int(waarde))\n"
             "    return format_value(waarde, eenheid)\n\n"
             "afweging = case.afweging_table()\n"
             "varianten = [k for k in afweging.columns if k not in (\"criterion\", \"kind\", "
             "\"unit\")]\n"
             "pd.DataFrame({v: [cel(w, e) for w, e in zip(afweging[v], afweging[\"unit\"])] "
             "for v in varianten},\n"
             "             index=afweging[\"criterion\"].map(label).rename(None))"),
    ("code", "uit = Path(tempfile.mkdtemp())\n"
             "case.to_excel(uit / \"businesscase.xlsx\").name"),
    ("md", "## Lezen en gebruiken\n\n- Het terugverdienjaar en de netto contante waarde "
           "hangen sterk af van de aangenomen beleidseffecten (meer lichte hulp, minder "
           "verwijzingen); de netto contante waarde met alle posten op minimum en maximum laat "
           "zien hoeveel de incidentele posten zelf uitmaken.\n"
           "- De opwarmperiode loopt onder de regels van elke variant zelf; het ingroeipad "
           "(25%/50%/75%) benadert de overgang. Zie *docs/business-case.md* voor wat wel en "
           "niet gemodelleerd is."),
]

CEILING = [
    ("md", "# 05 Hoe hoog moet het budget zijn? Gevoeligheid van het budgettair plafond\n\n"
           "Jeugdhulp is een open-einderegeling: een jongere met een verwijzing krijgt zorg, ook "
           "als het budget op is. Het budget werkt dus als plafond dat overschreden *kan* worden. "
           "De raad vraagt: bij welk budget is de kans op overschrijding hooguit 10%, en welke "
           "aannames bepalen dat het meest?\n\n"
           "We gebruiken de gemeente van 60.000 inwoners met jeugdhulp per uur en per dag "
           "(*jeugd-60k-onzeker*: dezelfde cijfers als *jeugd-60k*, met een bandbreedte op de "
           "belangrijkste aannames). Twee bronnen van onzekerheid:\n\n"
           "1. **toeval**: welke jongeren zich melden en hoe lang hun zorg duurt (replicaties);\n"
           "2. **aannames**: de instroom, de trajectduur, het tarief… (steekproeven uit de "
           "bandbreedtes, een probabilistische gevoeligheidsanalyse)."),
    ("md", "## Instellingen\n\n`SAMPLES` steekproeven uit de bandbreedtes, elk met "
           "`REPLICATIES` replicaties; `REPLICATIES_TOEVAL` replicaties voor het beeld met "
           "alleen toeval; `RISICO` het aanvaarde risico; `PLAFOND_EUR` het budget per jaar "
           "(`None`: ter illustratie het gemiddelde van het eerste jaar, vervang dit door uw "
           "eigen begroting). De tests zetten de aantallen laag; voor een raadsvoorstel: "
           "100 steekproeven of meer."),
    ("params", "REPLICATIES = 5\nSAMPLES = 40\nREPLICATIES_TOEVAL = 40\nRISICO = 0.10\n"
               "PLAFOND_EUR = None"),
    ("code", "import pandas as pd\n\nimport simfin\n"
             "from simfin.report import format_eur, format_number, format_share\n"
             "from simfin.report.style import footnote_text\n"
             "from simfin.uncertainty import (analyse, ceiling_curve, load_uncertain, "
             "lowest_ceiling, outputs, sweep)\n"
             "from simfin.uncertainty.report import plot_ceiling_curve, plot_tornado\n\n"
             "SCENARIO = \"../scenarios/jeugd-60k-onzeker.toml\"\n"
             "onzeker = load_uncertain(SCENARIO)\n"
             "for p in onzeker.parameters:\n    print(f\"{p.label:40} basis {p.base:g}\")"),
    ("md", "## 1. Alleen toeval\n\nEerst het basisscenario met alleen toeval: hoe ver "
           "schommelen de jaarlijkse uitgaven als alle aannames kloppen?"),
    ("code", "toeval = simfin.run(onzeker.base, replications=REPLICATIES_TOEVAL)\n"
             "eerste_jaar = onzeker.base.simulation.start_year\n"
             "if PLAFOND_EUR is None:\n"
             "    per_jaar = toeval.yearly_summary().query(\"category == 'total'\")\n"
             "    PLAFOND_EUR = round(float(per_jaar[\"mean\"].iloc[0]), -5)\n"
             "    print(\"Illustratief plafond (vervang door het eigen budget):\", "
             "format_eur(PLAFOND_EUR))\n"
             "laagste_toeval = lowest_ceiling(toeval, RISICO)"),
    ("md", "## 2. Onzekere aannames\n\nNu trekken we `SAMPLES` combinaties van aannames uit de "
           "bandbreedtes (Latin hypercube) en rekenen elke combinatie door. De sweep gebruikt "
           "alle processorkernen; met `out=` worden tussenresultaten bewaard, zodat een "
           "onderbroken sweep verder kan."),
    ("code", "psa = sweep(SCENARIO, \"psa\", samples=SAMPLES, replications=REPLICATIES)\n"
             "curve, laagste = ceiling_curve(psa), lowest_ceiling(psa, RISICO)\n"
             "ax = plot_ceiling_curve(curve, laagste, RISICO, "
             "footnote=footnote_text(psa.results_for(0)))"),
    ("md", "De stip per jaar is het laagste plafond waarbij de kans op overschrijding hooguit "
           "het aanvaarde risico is. Naast elkaar: alleen toeval tegen toeval plus onzekere "
           "aannames, en de kans op overschrijding bij het gekozen budget."),
    ("code", "bij_plafond = ceiling_curve(psa, ceilings=[PLAFOND_EUR])\n"
             "pd.DataFrame({\n"
             "    \"Jaar\": laagste[\"year\"],\n"
             "    \"Plafond bij alleen toeval\": laagste_toeval[\"ceiling_eur\"].map(format_eur),\n"
             "    \"Plafond bij onzekere aannames\": laagste[\"ceiling_eur\"].map(format_eur),\n"
             "    f\"Kans op overschrijding bij {format_eur(PLAFOND_EUR)}\": "
             "bij_plafond[\"p_overshoot\"].map(format_share).to_numpy(),\n"
             "}).set_index(\"Jaar\")"),
    ("md", "## 3. Welke aanname telt het zwaarst?\n\nIn de tornado staat elke aanname één voor "
           "één op haar lage en hoge waarde (5e en 95e percentiel van haar bandbreedte), de "
           "andere op hun basiswaarde. Bovenaan staat de aanname die de uitgaven in het laatste "
           "jaar het meest verschuift: daar is nader onderzoek het meeste waard."),
    ("code", "laatste_jaar = eerste_jaar + onzeker.base.simulation.horizon_years - 1\n"
             "tornado = sweep(SCENARIO, \"tornado\", replications=REPLICATIES)\n"
             "uitkomst = outputs.total_spending(year=laatste_jaar)\n"
             "tabel = analyse(tornado, uitkomst)\n"
             "ax = plot_tornado(tabel, uitkomst, footnote=footnote_text(tornado.results_for(0)))"),
    ("code", "pd.DataFrame({\"Aanname\": tabel[\"label\"],\n"
             "              \"Laag\": tabel[\"value_low\"].map(lambda x: format_number(x, 2)),\n"
             "              \"Hoog\": tabel[\"value_high\"].map(lambda x: format_number(x, 2)),\n"
             "              \"Uitgaven laag\": tabel[\"output_low\"].map(format_eur),\n"
             "              \"Uitgaven hoog\": tabel[\"output_high\"].map(format_eur),\n"
             "              \"Verschil\": tabel[\"swing\"].map(format_eur)}).set_index(\"Aanname\")"),
    ("md", "## Lezen en gebruiken\n\n- Vergelijk de twee plafonds: het verschil is de prijs "
           "van wat we over de aannames niet weten. De laatste kolom laat zien hoe vaak een "
           "plafond op het gemiddelde van één doorrekening wordt overschreden.\n"
           "- De aannames bovenaan de tornado zijn het meest waard om beter uit te zoeken "
           "(bijvoorbeeld met eigen cijfers over instroom en trajectduur).\n"
           "- Grotere sweeps (honderden steekproeven) kunnen op een Dask-cluster: zie "
           "*docs/howto/dask.md*."),
]

HOUSEHOLDS = [
    ("md", "# 08 Huishoudens en integrale toegang (Bergen, Castricum, Heiloo)\n\n"
           "De BCH-notitie (*Uitwerking BCH-variant gedeelde visie inrichting sociaal domein*, "
           "2014) kiest voor **één huishouden, één plan, één regisseur**: een huishouden met "
           "vragen in meerdere domeinen doet één keer zijn verhaal, in één integrale intake, in "
           "plaats van een aparte intake bij elke organisatie. De notitie verwacht daarvan "
           "besparingen (Stude Advies voor Woerden, 2011: € 20.000–75.000 per huishouden met "
           "meervoudige problemen per jaar, een derde transactiekosten; Leeuwarden: 40% minder "
           "jeugdbeschermingsmaatregelen na vier jaar frontlijnteams) en stelt dat de "
           "doeluitkering het budgettair plafond is, terwijl wettelijke rechten boven dat plafond "
           "niet geweigerd kunnen worden.\n\n"
           "De vraag: **hoeveel levert integrale toegang op, en blijft het sociaal domein dan "
           "binnen het plafond?** We vergelijken *bch-per-domein* (huidige situatie: één intake "
           "per domein) met *bch-integraal* (één intake en één plan per huishouden), met dezelfde "
           "inwoners in beide (gemeenschappelijke toevalsgetallen)."),
    ("md", "## Instellingen\n\nReplicaties per scenario (de tests zetten het laag). Voor een "
           "raadsvoorstel: 20 of meer."),
    ("params", "REPLICATIES = 10"),
    ("code", "import numpy as np\nimport pandas as pd\n\nimport simfin\n"
             "from simfin.report import format_eur, format_number, format_share, label, "
             "plot_ceiling_fan\n"
             "from simfin.sim.cases import draw_cases\n"
             "from simfin.sim.households import form_households\n\n"
             "NU, INTEGRAAL = \"../scenarios/bch-per-domein.toml\", \"../scenarios/bch-integraal.toml\"\n"
             "# wat als het Leeuwarden-effect niet optreedt: alleen de ene intake\n"
             "zonder_effect = simfin.load(INTEGRAAL).with_changes(\n"
             "    {\"name\": \"bch-integraal-zonder-effect\", \"households.effect.reduction\": 0.0})\n"
             "case = simfin.business_case(NU, [INTEGRAAL, zonder_effect], replications=REPLICATIES)\n"
             "nu, integraal = case.scenarios[case.null], case.scenarios['bch-integraal']\n"
             "print('Inwoners:', {n: m.inhabitants for n, m in nu.municipalities.items()})"),
    ("md", "## 1. Hoeveel huishoudens vragen in meerdere domeinen?\n\n"
           "Van de huishoudens die bij het sociaal team komen vraagt (aanname, naar de "
           "MensCentraal-verdeling 80/15/5) 80% in één domein, 15% in twee en 5% in drie. "
           "Per jaar, gemiddeld over de replicaties, met de maatstaf van Stude Advies ernaast: "
           "wat de overheid volgens die studie aan transactiekosten uitgeeft aan deze huishoudens "
           "(alle overheden samen, dus geen regel in de gemeentebegroting)."),
    ("code", "def huishoudens(scenario, replicatie):\n"
             "    g = form_households(scenario, replicatie, draw_cases(scenario, replicatie))\n"
             "    eerste = (g.household == np.arange(g.n)) & ~g.resolved_0e & (g.arrival >= 0)\n"
             "    jaar = scenario.simulation.start_year + (g.arrival[eerste] // 365).astype(int)\n"
             "    return g, pd.crosstab(jaar, g.household_domains[eerste])\n\n"
             "telling = sum(huishoudens(nu, r)[1] for r in range(REPLICATIES)) / REPLICATIES\n"
             "telling.columns = [f'{k} domein(en)' for k in telling.columns]\n"
             "meer = telling.iloc[:, 1:].sum(axis=1)\n"
             "laag, hoog = nu.households.transaction_costs.transaction_range_eur()\n"
             "tabel = telling.map(lambda x: format_number(x))\n"
             "tabel['Transactiekosten volgens Stude (laag)'] = (meer * laag).map(format_eur)\n"
             "tabel['Transactiekosten volgens Stude (hoog)'] = (meer * hoog).map(format_eur)\n"
             "tabel.rename_axis('Jaar')"),
    ("md", "## 2. Eén intake in plaats van één per domein\n\n"
           "Intake-uren die de huishoudens van de vijf jaar vragen (eerste aanvraag, per jaar "
           "gemiddeld, met 90%-interval over de replicaties), en het verschil in fte. Het team "
           "blijft even groot: de bespaarde uren komen terug als kortere wachttijd en ruimte voor "
           "lichte hulp, niet als lagere personeelskosten."),
    ("code", "def intake_uren(scenario, replicatie):\n"
             "    g = huishoudens(scenario, replicatie)[0]\n"
             "    binnen = ~g.resolved_0e & (g.arrival >= 0)\n"
             "    return g.assessment_hours[binnen, 0].sum() / scenario.simulation.horizon_years\n\n"
             "uren = pd.DataFrame({s.name: [intake_uren(s, r) for r in range(REPLICATIES)]\n"
             "                     for s in (nu, integraal)})\n"
             "uren['bespaard'] = uren[nu.name] - uren[integraal.name]\n"
             "fte = nu.access_team.case_hours_per_fte\n"
             "pd.DataFrame({k: [format_number(uren[k].mean()), format_number(uren[k].quantile(0.05)),\n"
             "                  format_number(uren[k].quantile(0.95)),\n"
             "                  format_number(uren[k].mean() / fte, 1)] for k in uren},\n"
             "             index=['Intake-uren per jaar (gemiddeld)', '5e percentiel', "
             "'95e percentiel', 'In fte'])"),
    ("md", "Wachttijd tot de intake (dagen, gemiddeld over de replicaties) en het aandeel "
           "binnen de wettelijke termijn."),
    ("code", "wacht = case.kpis[case.kpis['kpi'].isin(['intake_wait_mean_days', "
             "'intake_wait_p95_days', 'intake_within_norm_share'])]\n"
             "wacht.pivot_table(index='kpi', columns='variant', values='value').rename(\n"
             "    index=label).map(lambda x: format_number(x, 2))"),
    ("md", "## 3. Wat kost het, en blijft het binnen het plafond?\n\n"
           "Uitgaven die voor het plafond meetellen (sociaal team, specialistische zorg, "
           "administratie), per jaar: mediaan, 50%- en 90%-band, het plafond als stippellijn en "
           "de kans op overschrijding. Jeugdhulp is open einde: een gedwongen opname of een "
           "jeugdhulpplicht kan niet worden geweigerd omdat het budget op is."),
    ("code", "for naam in case.scenarios:\n    plot_ceiling_fan(case, naam)"),
    ("code", "tabel = case.ceiling[['variant', 'year', 'ceiling_eur', 'spending_mean_eur', "
             "'open_ended_mean_eur', 'p_overshoot']].copy()\n"
             "for k in ('ceiling_eur', 'spending_mean_eur', 'open_ended_mean_eur'):\n"
             "    tabel[k] = tabel[k].map(format_eur)\n"
             "tabel['p_overshoot'] = tabel['p_overshoot'].map(format_share)\n"
             "tabel.rename(columns={'variant': 'Variant', 'year': 'Jaar', 'ceiling_eur': 'Plafond',\n"
             "                      'spending_mean_eur': 'Uitgaven (gemiddeld)',\n"
             "                      'open_ended_mean_eur': 'Waarvan open einde',\n"
             "                      'p_overshoot': 'Kans op overschrijding'})"),
    ("md", "Het saldo per jaar tegen de huidige situatie (alle kosten, nominaal), per "
           "replicatie gepaard: dezelfde inwoners in alle varianten, zodat het interval het "
           "beleid meet en niet het toeval. + is een besparing van integrale toegang. De derde "
           "variant heeft alleen de ene intake, zonder het Leeuwarden-effect: het verschil tussen "
           "de twee is wat de raad aanneemt als hij op dat effect rekent."),
    ("code", "saldo = case.balance.groupby(['variant', 'year'])['balance_nominal_eur']\n"
             "pd.DataFrame({'Besparing (gemiddeld)': saldo.mean().map(format_eur),\n"
             "              '5e percentiel': saldo.quantile(0.05).map(format_eur),\n"
             "              '95e percentiel': saldo.quantile(0.95).map(format_eur)}"
             ").rename_axis(['Variant', 'Jaar'])"),
    ("md", "## Lezen en gebruiken\n\n"
           "- **Eén intake** bespaart de dubbele intake-uren van huishoudens met vragen in "
           "meerdere domeinen (tabel 2). In euro's levert dat alleen iets op als het team kleiner "
           "kan of de uren aan lichte hulp besteedt; hier blijft het team even groot.\n"
           "- **Het beleidseffect** (minder zware jeugdhulp met verblijf bij huishoudens met "
           "meervoudige problemen, oplopend tot 40% na vier jaar, naar Leeuwarden) levert het "
           "grootste deel van de besparing op, en groeit met de jaren: dat is een aanname uit één "
           "wijkpilot, geen zekerheid (bandbreedte 0–40% in *bch-integraal.toml*). Zonder dat "
           "effect (de derde variant) blijft er van de besparing vrijwel niets over.\n"
           "- **De maatstaf van Stude Advies** (tabel 1) is veel groter dan wat het model "
           "bespaart: die telt de transactiekosten van alle organisaties en overheden samen, het "
           "model alleen de intake-uren van het sociaal team en de verwijzingen.\n"
           "- Leeuwarden meldt € 1,60 terug per geïnvesteerde euro; *bch-integraal* rekent geen "
           "extra investering (het team is even groot), dus die verhouding is hier niet te "
           "berekenen: voeg incidentele of structurele posten toe (zie *docs/business-case.md*) "
           "om haar te toetsen.\n"
           "- Het plafond is hier gezet op de verwachte uitgaven van het eerste jaar van de "
           "huidige situatie; vervang het door het eigen budget."),
]

TREATING_TEAM = [
    ("md", "# 09 Een behandelend toegangsteam (Oude IJsselstreek)\n\n"
           "De *Bestuursopdracht transformatie in de kijk op zorg en hulp voor jeugd en gezin* "
           "(Oude IJsselstreek, 2019) vraagt: **hoe houden wij de zorg en hulpverlening voor onze "
           "kinderen en hun ouders goed, maar ook betaalbaar?** Het antwoord van de opdracht: een "
           "toegang die zelf hulp verleent zolang die niet specialistisch is, zonder indicatie, "
           "zoals een huisarts; *verantwoord niets doen* als eerste optie; doorverwijzen naar een "
           "beperkt aantal samenwerkingspartners; en een alternatief voor p\\*q, onder meer omdat "
           "p\\*q aanbieders onzeker maakt, wat de prijs opdrijft.\n\n"
           "We vergelijken *oij-pq* (huidige situatie: indicerend jeugdteam, specialistische "
           "jeugdhulp p\\*q) met *oij-behandelend-team* (behandelend team, twee partners met een "
           "populatiebudget), met dezelfde jongeren in beide. De effecten zijn aannames met een "
           "bandbreedte (zie de scenariobestanden)."),
    ("md", "## Instellingen\n\nReplicaties per scenario (de tests zetten het laag). Voor een "
           "raadsvoorstel: 30 of meer."),
    ("params", "REPLICATIES = 10"),
    ("code", "import pandas as pd\n\nimport simfin\n"
             "from simfin.finance.provider_risk import premium_total, risk_premium\n"
             "from simfin.report import format_eur, format_number, format_share, label\n\n"
             "scenarios = [simfin.load(f\"../scenarios/{n}.toml\") for n in "
             "(\"oij-pq\", \"oij-behandelend-team\")]\n"
             "uitkomst = {s.name: simfin.run(s, replications=REPLICATIES) for s in scenarios}\n"
             "for s in scenarios:\n"
             "    print(f\"{s.name}: {format_number(s.access_team.fte, 1)} fte, \"\n"
             "          f\"{s.municipalities['Oude IJsselstreek'].inhabitants} inwoners\")"),
    ("md", "## 1. Kosten per jaar\n\nGemeentelijke kosten per categorie, per jaar gemiddeld over "
           "de vijf jaar (prijspeil van het scenario, zoals in de grafiek); + in de laatste kolom is een besparing van het behandelend team. Het team is personeel: zijn eigen hulp kost fte × loonkosten, "
           "geen tarief per uur."),
    ("code", "def per_categorie(r):\n"
             "    y = r.yearly[r.yearly['party'] == 'municipality']\n"
             "    jaren = y['year'].nunique()\n"
             "    return y.groupby('category')['amount_eur'].sum() / r.replications / jaren\n\n"
             "kosten = pd.DataFrame({naam: per_categorie(r) for naam, r in uitkomst.items()}).fillna(0)\n"
             "kosten.loc['totaal'] = kosten.sum()\n"
             "kosten['besparing'] = kosten['oij-pq'] - kosten['oij-behandelend-team']\n"
             "kosten.index = [label(k) for k in kosten.index]\n"
             "kosten.map(format_eur)"),
    ("code", "for naam, r in uitkomst.items():\n    r.plot_costs()"),
    ("md", "## 2. Wat merken jongeren en gezinnen?\n\nWachttijd tot de intake, cliënten in "
           "specialistische zorg en cliënten die het team zelf helpt (gemiddelde en 90%-interval "
           "over de replicaties)."),
    ("code", "rijen = ['intake_wait_mean_days', 'intake_within_norm_share', "
             "'specialist_in_care_mean', 'light_help_clients_mean', 'trajectory_mean_days_2e']\n"
             "pd.concat({naam: r.kpi_summary().set_index('kpi').loc[rijen, ['mean', 'p05', 'p95']]\n"
             "           for naam, r in uitkomst.items()}, axis=1).rename(index=label).map(\n"
             "    lambda x: format_number(x, 2))"),
    ("md", "## 3. De onzekerheid van aanbieders\n\nOnder p\\*q weet een aanbieder vooraf niet "
           "hoeveel zorg er wordt afgenomen; de spreiding van zijn jaaromzet over de replicaties "
           "meet die onzekerheid. Aanname (geen Nederlands cijfer gevonden): een aanbieder vraagt "
           "een opslag van 0,5 × de variatiecoëfficiënt van zijn omzet (bandbreedte 0–1). Onder "
           "een populatiebudget kent hij zijn omzet vooraf: geen opslag. De opslag staat naast de "
           "kostentabel, niet erin: het is wat een aanbieder bij het volgende contract zou vragen."),
    ("code", "risico = pd.concat([risk_premium(r.yearly, s).assign(variant=s.name)\n"
             "                    for s, r in zip(scenarios, uitkomst.values())])\n"
             "tabel = risico[['variant', 'provider', 'financing', 'revenue_mean_eur', 'cv', "
             "'markup', 'premium_eur_per_year']].copy()\n"
             "for k in ('revenue_mean_eur', 'premium_eur_per_year'):\n"
             "    tabel[k] = tabel[k].map(format_eur)\n"
             "for k in ('cv', 'markup'):\n    tabel[k] = tabel[k].map(format_share)\n"
             "tabel.rename(columns={'variant': 'Variant', 'provider': 'Aanbieder', "
             "'financing': 'Bekostiging',\n"
             "                      'revenue_mean_eur': 'Omzet per jaar', 'cv': 'Variatiecoëfficiënt',\n"
             "                      'markup': 'Opslag', 'premium_eur_per_year': 'Risico-opslag per jaar'})"),
    ("md", "## 4. Het verschil, gepaard per replicatie\n\nDezelfde jongeren in beide varianten: "
           "het interval meet het beleid, niet het toeval. + is een besparing van het "
           "behandelend team."),
    ("code", "def totaal(r):\n"
             "    y = r.yearly[r.yearly['party'] == 'municipality']\n"
             "    return y.groupby(['replication', 'year'])['amount_eur'].sum()\n\n"
             "verschil = (totaal(uitkomst['oij-pq']) - totaal(uitkomst['oij-behandelend-team'])"
             ").groupby('year')\n"
             "pd.DataFrame({'Besparing (gemiddeld)': verschil.mean().map(format_eur),\n"
             "              '5e percentiel': verschil.quantile(0.05).map(format_eur),\n"
             "              '95e percentiel': verschil.quantile(0.95).map(format_eur)}"
             ").rename_axis('Jaar')"),
    ("md", "## Lezen en gebruiken\n\n"
           "- De besparing komt vooral uit de aanname dat de helft van de huidige ambulante "
           "verwijzingen niet-specialistische hulp is die het team zelf, korter en lichter, "
           "geeft (bandbreedte een kwart tot driekwart). Het team wordt daarvoor groter; die "
           "kosten staan in de tabel.\n"
           "- Het populatiebudget is gezet op de verwachte p\\*q-uitgaven van de resterende "
           "verwijzingen: bij neutraal gedrag betaalt de gemeente daarvoor hetzelfde. De "
           "gedragseffecten (kortere trajecten, eerder afschalen) zijn aannames.\n"
           "- De risico-opslag van p\\*q is een expliciete aanname over hoe aanbieders "
           "prijzen; zet `price_per_cv` op 0 om te zien wat er zonder overblijft.\n"
           "- Zie *docs/households.md* voor het mechanisme en de toetsen."),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_pq_versus_lumpsum.ipynb": PQ_VERSUS_LUMP_SUM,
    "03_schaal_95k_100k.ipynb": SCALE,
    "04_transitiekosten_terugverdientijd.ipynb": BUSINESS_CASE,
    "05_budgetplafond_gevoeligheid.ipynb": CEILING,
    "08_huishoudens_integrale_toegang.ipynb": HOUSEHOLDS,
    "09_behandelend_toegangsteam_oij.ipynb": TREATING_TEAM,
}

if __name__ == "__main__":
    for name, cells in NOTEBOOKS.items():
        nbformat.write(_notebook(cells), HERE / name)
