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
    ("code", "import simfin\n\n"
             "scenario = simfin.load(SCENARIO)\n"
             "print(scenario.name, '-', scenario.description)\n"
             "print('Inwoners:', {n: m.inhabitants for n, m in scenario.municipalities.items()})"),
    ("md", "## Doorrekenen\n\nElke replicatie is een nieuwe, even waarschijnlijke groep inwoners. "
           "Met dezelfde seed krijgt u precies dezelfde uitkomst."),
    ("code", "results = simfin.run(scenario, replications=REPLICATIES)\n"
             "results.meta"),
    ("md", "## Kosten per jaar\n\nGemiddelde en 90%-interval (5e tot 95e percentiel over de "
           "replicaties) per kostencategorie, in het prijspeil van het scenario. De tabel toont "
           "Nederlandse getallen; `results.table().frame` bevat dezelfde cijfers als getallen."),
    ("code", "results.table(\"costs\")"),
    ("code", "ax = results.plot_costs()"),
    ("md", "## Toegang en zorg\n\nWachttijd tot de intake tegen de wettelijke termijn, instroom "
           "per lijn en de gemiddelde trajectduur in de 2e lijn."),
    ("code", "results.table(\"kpis\")"),
    ("md", "Hoeveel hulpvragen gaan per jaar door welke lijn, en hoe snel start de intake "
           "tegen de wettelijke termijn (stippellijn per vraagstroom)? De stroomgrafiek toont "
           "gemiddelden per jaar; de tabel hierboven telt dezelfde instroom over alle jaren "
           "samen."),
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
             "from simfin.report import label, styled\n"
             "from simfin.report.risk_statement import volume_risk_text\n"
             "from simfin.report.tables import scenario_label\n\n"
             "VARIANTEN = [\"../scenarios/jeugd-60k-pq-uur.toml\", "
             "\"../scenarios/jeugd-60k-pq-traject.toml\",\n"
             "             \"../scenarios/jeugd-60k-lumpsum.toml\", "
             "\"../scenarios/jeugd-60k-lumpsum-corridor.toml\"]\n"
             "for pad in VARIANTEN:\n    s = simfin.load(pad)\n"
             "    print(f\"{scenario_label(s):42} {s.description}\")"),
    ("md", "## Doorrekenen\n\nAlle varianten krijgen dezelfde seed en hetzelfde aantal "
           "replicaties."),
    ("code", "vergelijking = simfin.compare(VARIANTEN, replications=REPLICATIES)\n"
             "naast_elkaar, per_replicatie = vergelijking.tables()\n"
             "naast_elkaar"),
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
             "namen = {n: scenario_label(r.scenario) for n, r in vergelijking.results.items()}\n"
             "spreiding = spreiding.rename(index=namen, columns=lambda k: label(f\"cmp.{k}\") + "
             "\", standaardafwijking (€)\").rename_axis(\"Scenario\").reset_index()\n"
             "styled(spreiding, units=dict.fromkeys(spreiding.columns[1:], \"eur\"))"),
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
             "    \"afweging.label\": \"Lumpsum zonder gedragseffect\",\n"
             "    \"description\": \"Lumpsum zonder gedragseffect (alle factoren 1,0)\"})\n"
             "alleen_betaling = simfin.compare([lumpsum, lumpsum_neutraal], "
             "replications=REPLICATIES)\n"
             "alleen_betaling.tables()[0]"),
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
           "inwoners?\" voor de drie samen (hieronder telt simfin de inwoners in de scenariobestanden op) en noemt "
           "uitvoering op een schaal van ongeveer 100.000 inwoners het gunstigst voor kwaliteit, "
           "professionaliteit en kwetsbaarheid. Nederlands onderzoek vindt echter geen vaste optimale gemeentegrootte; "
           "simfin rekent daarom **nooit met een aangenomen schaalvoordeel**. Schaaleffecten "
           "ontstaan alleen uit mechanismen die u zelf instelt: gedeelde wachtrijen (één team "
           "wacht korter dan drie kleine), ondeelbare functies (minstens één persoon per rol) en "
           "vaste kosten per organisatie.\n\n"
           "We vergelijken drie organisaties: BBS apart (drie eigen organisaties), BBS samen "
           "(één organisatie) en een referentiegemeente van 100.000 inwoners; daarna "
           "schuiven we de bevolking van klein naar groot. De referentiegemeente dekt dezelfde "
           "taakvelden als BBS, maar op landelijk niveau per inwoner (CBS Iv3 2023): onder de "
           "tabel staat, door simfin berekend, welke kengetallen verschillen. Zo'n verschil is "
           "geen schaaleffect; het zuivere effect van grootte toont de schaalreeks."),
    ("md", "## Instellingen\n\nReplicaties per scenario en de bevolkingsgroottes van de "
           "schaalreeks (de tests zetten ze laag). Voor een raadsvoorstel: 20 replicaties of meer "
           "en zes tot acht groottes."),
    ("params", "REPLICATIES = 10\nPOPULATIES = [30_000, 60_000, 95_000, 100_000, 150_000]"),
    ("code", "import simfin\n"
             "from simfin.report import plot_scale_curve\n"
             "from simfin.report.command_tables import organisations_table, scale_table\n"
             "from simfin.report.style import footnote_line\n"
             "from simfin.scale import compare_organisations, scale_sweep\n\n"
             "NAMEN = (\"bbs-apart\", \"bbs-95k\", \"referentie-100k\")\n"
             "scenarios = [simfin.load(f\"../scenarios/{naam}.toml\") for naam in NAMEN]\n"
             "for s in scenarios:\n"
             "    inwoners = sum(m.inhabitants for m in s.municipalities.values())\n"
             "    print(f\"{s.name:16} {inwoners:>8,} inwoners  {s.description}\".replace(\",\", \".\"))"),
    ("md", "## Drie organisaties naast elkaar\n\nKosten per inwoner per jaar (structureel: team, "
           "zorg, administratie, organisatie), formatie per 10.000 inwoners, wachttijd tot de "
           "intake (95e percentiel) en kwetsbaarheid: het grootste verwachte aantal dagen per jaar "
           "dat een functie onbezet is."),
    ("code", "organisaties = compare_organisations(scenarios, replications=REPLICATIES)\n"
             "organisations_table(organisaties, scenarios, replications=REPLICATIES)"),
    ("md", "## Van klein naar groot\n\nDezelfde BBS-organisatie, geschaald naar andere "
           "bevolkingsgroottes: zelfde vraag per inwoner, zelfde formatie per inwoner; "
           "ondeelbare functies en vaste kosten volgen hun eigen regels. 95.000 en 100.000 zijn "
           "gemarkeerd."),
    ("code", "basis = scenarios[1]\n"
             "reeks = scale_sweep(basis, POPULATIES, replications=REPLICATIES)\n"
             "noot = footnote_line(basis.name, simfin.__version__, REPLICATIES, "
             "basis.simulation.seed)\n"
             "plot_scale_curve(reeks, footnote=noot, scenario=basis)"),
    ("code", "scale_table(reeks, basis, replications=REPLICATIES)"),
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
           "Baarn, Bunschoten en Soest werken al samen in de uitvoeringsorganisatie BBS: eerst in "
           "werk en inkomen, sinds 2017 ook in de zorgadministratie en als werkgever van de lokale "
           "sociale teams. Dat is het **nulalternatief**: één organisatie, drie lokale teams met elk "
           "een eigen wachtrij. De bestuursopdracht wil die samenwerking *versterken* door te "
           "investeren in aansturing en kwaliteit: eigen management en bedrijfsvoering, "
           "kwaliteitsmedewerkers, verbinders tussen beleid en uitvoering, een schil van "
           "specialisten, en sturing op lichte hulp in het voorveld (**variant 1**). "
           "Drie volledig gescheiden organisaties (*bbs-apart*) zijn niet de huidige situatie; die "
           "dienen hieronder alleen als vergelijking voor de kwetsbaarheid.\n\n"
           "De vragen van de raad: wat kost de overgang eenmalig, wat kost of levert de versterkte "
           "organisatie structureel op en waar komt dat vandaan, wanneer is die terugverdiend, en "
           "hoe zeker is dat? Alle bedragen en effecten van de variant zijn aannames met een "
           "bandbreedte (zie de scenariobestanden)."),
    ("md", "## Instellingen\n\nReplicaties per scenario (de tests zetten het laag). Voor een "
           "raadsvoorstel: 20 of meer."),
    ("params", "REPLICATIES = 20"),
    ("code", "import dataclasses\nimport tempfile\nfrom pathlib import Path\n\nimport pandas as pd\n\nimport simfin\n"
             "from simfin.finance.vulnerability import vulnerability_summary\n"
             "from simfin.report import (format_eur, format_number, format_share, format_value, "
             "label,\n                           plot_ceiling_fan,\n"
             "                           plot_transition, plot_waterfall)\n"
             "from simfin.report.business_charts import transition_table\n"
             "from simfin.report.business_drivers import plot_drivers\n"
             "from simfin.report.labels.parameters import parameter_label\n"
             "from simfin.report.tables import scenario_label, scenario_labels\n\n"
             "NUL = \"../scenarios/bbs-nulalternatief.toml\"\n"
             "VARIANT = \"../scenarios/bbs-gezamenlijk.toml\"\n"
             "case = simfin.business_case(NUL, [VARIANT], replications=REPLICATIES)\n"
             "# tabellen noemen elke optie bij haar naam, niet bij de bestandsnaam\n"
             "namen = scenario_labels(case.scenarios)\n"
             "print(namen[case.null], \"→\", \", \".join(namen[v] for v in case.variants))"),
    ("md", "## Nulalternatief en variant naast elkaar\n\nDe organisatiekosten per jaar bij volledig "
           "effect (prijspeil 2024, zonder ingroei en indexatie): het team, de specialisten, de ondeelbare functies, "
           "de vaste kosten (management, bedrijfsvoering) en de overhead. De variant kost hier "
           "méér: dat is de investering waar de bestuursopdracht om vraagt."),
    ("code", "from simfin.finance.organisation import access_team_costs\n\n"
             "def organisatiekosten(scenario):\n"
             "    rijen = pd.DataFrame(access_team_costs(scenario))\n"
             "    eerste = rijen[rijen[\"year\"] == scenario.simulation.start_year]\n"
             "    return eerste.groupby(\"category\")[\"amount_eur\"].sum()\n\n"
             "tabel = pd.DataFrame({namen[naam]: organisatiekosten(s) "
             "for naam, s in case.scenarios.items()})\n"
             "tabel.loc[\"totaal\"] = tabel.sum()\n"
             "tabel.index = [label(c) if c != \"totaal\" else \"Totaal\" for c in tabel.index]\n"
             "tabel.map(format_eur)"),
    ("md", "## De kern in één tabel\n\nNetto contante waarde met haar 90%-interval, "
           "terugverdienjaar, incidentele kosten en de grootste kans op overschrijding van het "
           "plafond (+ = besparing t.o.v. nulalternatief). Het interval bevat **zowel het toeval "
           "als de onzekerheid van de aannames**: in elke replicatie zijn de incidentele posten "
           "(driehoeksverdeling tussen minimum, meest waarschijnlijk en maximum) en de "
           "beleidseffecten (voorveld, verwijzing) opnieuw getrokken. De netto contante waarde "
           "met alle posten op hun minimum of maximum staat er als gevoeligheid naast."),
    ("code", "def tekst(naam, waarde):\n"
             "    if naam.endswith(\"_eur\"):\n        return format_eur(waarde)\n"
             "    if naam.startswith((\"p_\", \"payback_share\")):\n        return format_share(waarde)\n"
             "    return \"–\" if pd.isna(waarde) else str(int(waarde))  # een jaar\n\n"
             "samenvatting = case.summary().set_index(\"variant\")\n"
             "pd.DataFrame({namen[variant]: [tekst(n, rij[n]) for n in samenvatting.columns]\n"
             "              for variant, rij in samenvatting.iterrows()},\n"
             "             index=[label(n) for n in samenvatting.columns])"),
    ("md", "De trekkingen zelf, per replicatie (bedragen in euro, prijspeil 2024; aandelen in "
           "procenten). Elke aanname met haar naam; incidentele posten met hun categorie:"),
    ("code", "from simfin.business.assumptions import unit_of\n\n"
             "def post(naam):\n"
             "    return parameter_label(naam, scenario=case.scenarios[case.variants[0]])\n\n"
             "def getrokken(naam, x):\n"
             "    if naam.startswith(\"incidental.\") or unit_of(naam).startswith(\"eur\"):\n"
             "        return format_eur(x)\n"
             "    if unit_of(naam) == \"share\" or naam.endswith(\"outcomes.referral\"):\n"
             "        return format_share(x)\n"
             "    return format_number(x, 2)\n\n"
             "trekkingen = case.draws.pivot(index=\"name\", columns=\"replication\", "
             "values=\"value\")\n"
             "pd.DataFrame({f\"replicatie {r}\": [getrokken(n, x) for n, x in trekkingen[r].items()]\n"
             "              for r in trekkingen.columns}, index=[post(n) for n in trekkingen.index])"),
    ("md", "## Waar komt het structurele verschil vandaan?\n\nHet structurele verschil per jaar "
           "(volledig effect, zonder ingroei) opgesplitst naar mechanisme: de mechanismen zijn één "
           "voor één van nulalternatief naar variant omgezet, met dezelfde inwoners, zodat de delen "
           "precies optellen tot het totaal. Rood kost geld, groen bespaart. Zonder de "
           "beleidseffecten (meer opgelost in het voorveld, minder verwijzingen) is de "
           "versterkte organisatie duurder dan nu; de beleidseffecten zijn aannames zonder "
           "gevonden bron."),
    ("code", "oorzaken = case.drivers_summary()\n"
             "pd.DataFrame({\"Besparing per jaar\": oorzaken[\"saving_eur_per_year\"]"
             ".map(format_eur).to_numpy(),\n"
             "              \"Aandeel\": oorzaken[\"share_of_total\"].map(format_share)"
             ".to_numpy()},\n"
             "             index=oorzaken[\"label\"].rename(None))"),
    ("code", "ax = plot_drivers(case)"),
    ("md", "## Wat moet waar zijn? Omslagpunten\n\n"
           "Hoe ver mag een aanname afwijken voordat de uitkomst omslaat? Voor elke aanname "
           "waarop de uitkomst rust (de mechanismen hierboven, de beleidseffecten en de "
           "incidentele posten) zoekt `simfin.switching_values` de waarde waarbij de netto "
           "contante waarde (of het structurele saldo) precies € 0 is: dezelfde inwoners en "
           "dezelfde trekkingen, alleen die ene aanname anders. Het aandeel is het deel van de "
           "aangenomen verandering t.o.v. het nulalternatief (100% = zoals aangenomen, 0% = "
           "geen effect). De beleidseffecten hebben nu bandbreedtes uit het gevonden onderzoek "
           "(CPB 2019 en 2020: geen minder verwijzingen waar wijkteams werken; zie de "
           "scenariobestanden), die ook 'geen effect' en een averechts effect bevatten."),
    ("code", "from simfin.report.omslagpunten import deciding_lines, omslag_table\n"
             "from simfin.report.omslag_chart import plot_two_way\n\n"
             "omslag = simfin.switching_values(NUL, VARIANT, replications=min(REPLICATIES, 10))\n"
             "case_omslag = dataclasses.replace(case, switching=omslag)\n"
             "for regel in deciding_lines(case_omslag):\n    print(regel)"),
    ("code", "tabel = omslag_table(case_omslag)\n"
             "for kolom in [k for k in tabel.columns if k.startswith(\"Aandeel\")]:\n"
             "    tabel[kolom] = tabel[kolom].map(lambda x: \"–\" if pd.isna(x) else format_share(x))\n"
             "tabel.drop(columns=[\"Bron\", \"Variant\", \"Omslagpunt NCW\", "
             "\"Omslagpunt structureel saldo\", \"Aangenomen waarde\"])"
             ".assign(**{\"NCW die op de aanname rust (€)\": lambda t: "
             "t[\"NCW die op de aanname rust (€)\"].map(format_eur)})"),
    ("md", "De twee aannames waarop de meeste euro's rusten, samen: in het groene gebied "
           "verdient de variant zich terug. Het vlak is lineair getrokken door de "
           "omslagpuntberekeningen; samenhang tussen de twee is niet meegenomen."),
    ("code", "ax = plot_two_way(case_omslag)"),
    ("md", "## De overgang in de tijd\n\nDe variant wordt niet als een aparte wereld "
           "doorgerekend, maar als **het nulalternatief tot de start van de versterkte "
           "organisatie, en de variant daarna, in één simulatie** met dezelfde inwoners "
           "(`[business_case.switch]` in het variantbestand). Wachtenden houden hun plek, "
           "cliënten in zorg houden hun aanbieder. De investeringen in de organisatie gaan in op "
           "de startdatum; de beleidseffecten (voorveld, verwijzing) groeien in jaarlijkse "
           "stappen. Zo ontstaan ook de kosten van de overgang zelf: dubbele lasten en, als "
           "de wachttijd door de productiviteitsdip oploopt, inhuur."),
    ("code", "overgang = case.scenarios[case.variants[0]].business_case.switch\n"
             "print(f\"Start: maand {overgang.at_month:g} na 1 januari "
             "{case.scenarios[case.null].simulation.start_year} ({overgang.label})\")\n"
             "print(f\"Beleidseffecten: ingroei over {overgang.policy_months:g} maanden in "
             "{overgang.policy_steps} stappen\")\n"
             "print(f\"Productiviteitsdip: {format_share(overgang.dip.share)} gedurende "
             "{overgang.dip.months:g} maanden\")"),
    ("md", "## Incidenteel tegen structureel\n\nPer jaar het saldo tegen het nulalternatief "
           "(+ is een besparing, nominaal): het structurele saldo in groen, de ingevoerde "
           "incidentele posten in rood en de incidentele kosten die de overgang in de simulatie "
           "veroorzaakt (dubbele lasten, inhuur; ook inhuur in het nulalternatief telt mee) in paars; de lijn is het cumulatieve saldo. De "
           "ster markeert het terugverdienjaar. Vóór de start is het structurele verschil "
           "precies € 0: tot dan is de variant het nulalternatief."),
    ("code", "ax = plot_transition(case)"),
    ("code", "overzicht = transition_table(case)\n"
             "overzicht.rename(columns={\"incidental\": \"Incidenteel\", "
             "\"structural\": \"Structureel\",\n"
             "                          \"incidental_items\": \"waarvan posten\",\n"
             "                          \"incidental_emergent\": \"waarvan uit de simulatie\",\n"
             "                          \"balance\": \"Saldo\", \"cumulative\": "
             "\"Cumulatief\"}).rename_axis(\"Jaar\").map(format_eur)"),
    ("md", "## Per kostencategorie\n\nDe waterval loopt van de kosten van het "
           "nulalternatief over de hele looptijd naar die van de variant, per kostencategorie "
           "(nominaal, met de overgang zoals gesimuleerd)."),
    ("code", "ax = plot_waterfall(case)"),
    ("md", "## Kwetsbaarheid\n\nDe kans dat op een werkdag **niemand** van een functie aanwezig "
           "is (deeltijd, verzuim, verlof en vacature; bij n personen die elk met kans p weg zijn: "
           "p^n), per functie en voor 'minstens één functie', gewogen naar inwoners. Ter "
           "vergelijking drie gescheiden organisaties (*bbs-apart*). Een functie die een "
           "organisatie niet heeft, is daar *n.v.t.* en telt niet mee in 'minstens één eigen "
           "functie'; die rij vergelijkt dus elke organisatie op haar eigen functies."),
    ("code", "bestanden = [\"bbs-apart\", \"bbs-nulalternatief\", \"bbs-gezamenlijk\"]\n"
             "organisaties = {n: simfin.load(f\"../scenarios/{n}.toml\") for n in bestanden}\n"
             "functies = list(vulnerability_summary(organisaties[\"bbs-gezamenlijk\"])"
             "[\"function\"][:-1])\n"
             "kwetsbaar = pd.DataFrame({scenario_label(s): vulnerability_summary(s, functies)"
             ".set_index(\"function\")[\"p_nobody\"]\n"
             "                          for n, s in organisaties.items()})\n"
             "kwetsbaar.index = [label(f\"function.{f}\") for f in kwetsbaar.index]\n"
             "kwetsbaar.map(lambda x: \"n.v.t.\" if pd.isna(x) else format_share(x))"),
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
             "plafond[\"variant\"] = plafond[\"variant\"].map(namen)\n"
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
    ("md", "## Lezen en gebruiken\n\n- Het nulalternatief is de huidige samenwerking, niet "
           "drie losse gemeenten: de besparing op vaste kosten en ondeelbare functies die een "
           "vergelijking met *bbs-apart* zou laten zien, is er grotendeels al.\n"
           "- De versterkte organisatie kost structureel meer aan management, kwaliteit en "
           "specialisten; of zij zich terugverdient, hangt vrijwel geheel af van de "
           "beleidseffecten (zie *Waar komt het structurele verschil vandaan?* en de "
           "omslagpunten). Dat is de aanname om te onderbouwen of te monitoren; notebook 10 "
           "rekent op dezelfde businesscase uit wat onderzoek ernaar waard is.\n"
           "- Het 90%-interval van de netto contante waarde bevat de getrokken bandbreedtes; "
           "minimum en maximum van de posten zijn een gevoeligheid, geen interval.\n"
           "- De overgang is gesimuleerd: de beleidseffecten werken op *nieuwe* hulpvragen, "
           "terwijl de cliënten die al in zorg zijn hun traject afmaken. Het structurele saldo "
           "van de laatste jaren blijft daardoor onder het volledige effect uit *Waar komt het "
           "structurele verschil vandaan?*; een langere horizon laat zien wanneer het volledige "
           "effect is bereikt. Zie *docs/business-case.md* voor wat wel en niet gemodelleerd is."),
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
             "from simfin.business.assumptions import unit_of\n"
             "from simfin.report import format_eur, format_number, format_share\n"
             "from simfin.report.labels.parameters import with_unit\n"
             "from simfin.uncertainty import (analyse, ceiling_curve, load_uncertain, "
             "lowest_ceiling, outputs, sweep)\n"
             "from simfin.report.sensitivity import plot_ceiling_curve, plot_tornado, "
             "sweep_footnote\n\n"
             "def waarde(parameter, x):\n"
             "    \"\"\"Een aanname in haar eenheid: een aandeel als %, een bedrag in euro.\"\"\"\n"
             "    eenheid = unit_of(parameter)\n"
             "    if eenheid in (\"share\", \"per_year\"):\n        return format_share(x)\n"
             "    return format_eur(x) if eenheid == \"eur\" else format_number(x, 2)\n\n"
             "SCENARIO = \"../scenarios/jeugd-60k-onzeker.toml\"\n"
             "onzeker = load_uncertain(SCENARIO)\n"
             "pd.DataFrame({\"Aanname\": [with_unit(p.label, p.name) for p in onzeker.parameters],\n"
             "              \"Basiswaarde\": [waarde(p.name, p.base) for p in onzeker.parameters]}"
             ").set_index(\"Aanname\")"),
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
             "# het geteste budget staat als stippellijn in de grafiek; de voetnoot telt alle "
             "runs\n"
             "budget = pd.Series(PLAFOND_EUR, index=sorted(curve[\"year\"].unique()))\n"
             "ax = plot_ceiling_curve(curve, laagste, RISICO, footnote=sweep_footnote(psa), "
             "budget=budget)"),
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
             "ax = plot_tornado(tabel, uitkomst, footnote=sweep_footnote(tornado))"),
    ("code", "pd.DataFrame({\"Aanname\": [with_unit(t, p) for t, p in zip(tabel[\"label\"], "
             "tabel[\"parameter\"])],\n"
             "              \"Laag\": [waarde(p, x) for p, x in zip(tabel[\"parameter\"], tabel[\"value_low\"])],\n"
             "              \"Hoog\": [waarde(p, x) for p, x in zip(tabel[\"parameter\"], tabel[\"value_high\"])],\n"
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

VALUE_OF_INFORMATION = [
    ("md", "# 10 Wat is nader onderzoek waard, en wanneer gaat het plafond eraan?\n\n"
           "Na een gevoeligheidsanalyse vraagt de raad twee dingen: *loont het om een aanname "
           "eerst beter uit te zoeken voordat we kiezen*, en *bij welke combinaties van aannames "
           "gaan we over het budgettair plafond?* We kiezen tussen het nulalternatief van BBS "
           "(*bbs-nulalternatief*) en Variant 1, de gezamenlijke uitvoeringsorganisatie "
           "(*bbs-gezamenlijk*), **op dezelfde businesscase als notebook 04 en `simfin "
           "business`**: overgangspad, incidentele kosten, discontering en de eigen "
           "bandbreedtes van de variant (beleidseffecten, posten). Elke replicatie is één "
           "trekking uit die bandbreedtes."),
    ("md", "## Instellingen\n\n`SAMPLES` replicaties (trekkingen) van de businesscase. De "
           "tests zetten het laag; voor een raadsvoorstel 200 of meer (de schatting van de waarde "
           "per aanname is een regressie en heeft veel trekkingen nodig)."),
    ("params", "SAMPLES = 100\nREPLICATIES_PER_TREKKING = 1"),
    ("code", "import simfin\n"
             "from simfin.report import format_eur\n"
             "from simfin.report.discovery_chart import describe_box, plot_discovery\n"
             "from simfin.report.voi import plot_evppi, voi_sentences\n"
             "from simfin.uncertainty.discovery import above_ceiling, discover\n"
             "from simfin.uncertainty.voi_business import business_voi\n"
             "from simfin.uncertainty.voi_run import voi_sweep\n\n"
             "NUL = \"../scenarios/bbs-nulalternatief.toml\"\n"
             "VARIANT = \"../scenarios/bbs-gezamenlijk.toml\"\n"
             "case = simfin.business_case(NUL, [VARIANT], replications=SAMPLES, drivers=False)"),
    ("md", "## 1. Waarde van informatie\n\nDe nettobaat van een variant in een trekking is "
           "haar netto contante waarde t.o.v. het nulalternatief (+ = besparing), precies zoals "
           "`simfin business` die rapporteert; die van het nulalternatief is € 0. De beste keuze "
           "nu is de optie met de hoogste gemiddelde netto contante waarde. De EVPI is wat alles "
           "weten vóór de keuze hooguit waard is; de EVPPI per aanname wat het weten van alleen "
           "die aanname hooguit waard is."),
    ("code", "from simfin.report.omslagpunten import item_labels\n\n"
             "voi = business_voi(case, labels=item_labels(case))\n"
             "ncw = case.summary().set_index(\"variant\")[\"npv_mean_eur\"]\n"
             "print(\"Netto contante waarde (gemiddeld):\", "
             "{v: format_eur(x) for v, x in ncw.items()})\n"
             "for zin in voi_sentences(voi):\n    print(zin)"),
    ("code", "ax = plot_evppi(voi)"),
    ("md", "## 2. Wanneer boven het plafond?\n\nDe kans op overschrijding hangt vooral af "
           "van de vraag (bevolking, verwijzingen, duur), niet van de keuze. Daarom trekken we "
           "hier de bandbreedtes van *bbs-95k-onzeker* en rekenen Variant 1 in elke trekking "
           "door: in welke trekkingen liggen de gemiddelde uitgaven die voor het plafond "
           "meetellen in enig jaar boven het plafond, en welk gebied van de aannames verklaart "
           "dat (PRIM)?"),
    ("code", "ONZEKER = \"../scenarios/bbs-95k-onzeker.toml\"\n"
             "sweeps = voi_sweep(ONZEKER, [NUL, VARIANT], samples=SAMPLES, "
             "replications=REPLICATIES_PER_TREKKING)\n"
             "variant = sweeps[\"bbs-gezamenlijk\"]\n"
             "boven = variant.evaluate(above_ceiling()).to_numpy() > 0\n"
             "waarden = variant.design.values[list(variant.design.varied)]\n"
             "box = None\n"
             "if 0 < boven.sum() < len(boven):\n"
             "    box = discover(variant, above_ceiling(), 0.0)\n"
             "    print(describe_box(box, \"boven het plafond\"))\n"
             "else:\n"
             "    print(f\"{boven.sum()} van {len(boven)} trekkingen boven het plafond: geen gebied "
             "te zoeken\")"),
    ("code", "ax = plot_discovery(waarden, boven, box, labels=variant.design.labels)"),
    ("md", "## Lezen en gebruiken\n\n- De keuze hierboven is dezelfde als in notebook 04 en "
           "`simfin business` met dezelfde seed en replicaties: het is één beslisanalyse.\n"
           "- Een kleine EVPPI betekent: ook met perfecte kennis van die aanname kiest u (bijna) "
           "altijd hetzelfde; onderzoek ernaar verandert het besluit niet. Een grote EVPPI voor "
           "een beleidseffect zegt: meet dat effect (of spreek een evaluatiemoment af) vóór u "
           "definitief kiest; de omslagpunten in notebook 04 zeggen hoe groot het moet zijn.\n"
           "- Het gebied van PRIM is een verklaring, geen voorspelling: dekking zegt welk "
           "deel van de overschrijdingen erin valt, dichtheid hoe vaak het binnen het gebied "
           "misgaat.\n- Zie *docs/decision-analytics.md* voor de methode en de toetsen."),
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
             "from simfin.report.run_tables import kpi_rows_table\n"
             "from simfin.sim.cases import draw_cases\n"
             "from simfin.report.tables import scenario_labels\n"
             "from simfin.sim.households import form_households\n\n"
             "NU, INTEGRAAL = \"../scenarios/bch-per-domein.toml\", \"../scenarios/bch-integraal.toml\"\n"
             "# wat als het Leeuwarden-effect niet optreedt: alleen de ene intake\n"
             "zonder_effect = simfin.load(INTEGRAAL).with_changes(\n"
             "    {\"name\": \"bch-integraal-zonder-effect\", \"households.effect.reduction\": 0.0,\n"
             "     \"afweging.label\": \"Integrale toegang zonder Leeuwarden-effect\"})\n"
             "case = simfin.business_case(NU, [INTEGRAAL, zonder_effect], replications=REPLICATIES)\n"
             "nu, integraal = case.scenarios[case.null], case.scenarios['bch-integraal']\n"
             "namen = scenario_labels(case.scenarios)  # elke variant bij haar naam\n"
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
             "uren = pd.DataFrame({namen[s.name]: [intake_uren(s, r) for r in range(REPLICATIES)]\n"
             "                     for s in (nu, integraal)})\n"
             "uren['bespaard'] = uren[namen[nu.name]] - uren[namen[integraal.name]]\n"
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
             "kpi_rows_table(wacht.pivot_table(index='kpi', columns='variant', values='value')"
             ".rename(columns=namen))"),
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
             "tabel['variant'] = tabel['variant'].map(namen)\n"
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
             ").rename(index=namen, level=0).rename_axis(['Variant', 'Jaar'])"),
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
             "from simfin.report import (format_eur, format_number, format_share, label, "
             "provider_label,\n                           styled)\n"
             "from simfin.report.run_tables import kpi_side_by_side\n"
             "from simfin.report.tables import scenario_label\n\n"
             "scenarios = [simfin.load(f\"../scenarios/{n}.toml\") for n in "
             "(\"oij-pq\", \"oij-behandelend-team\")]\n"
             "# tables and charts name each scenario by its label, never by its file name\n"
             "NU, TEAM = (scenario_label(s) for s in scenarios)\n"
             "uitkomst = {scenario_label(s): simfin.run(s, replications=REPLICATIES) "
             "for s in scenarios}\n"
             "for s in scenarios:\n"
             "    print(f\"{scenario_label(s)}: {format_number(s.access_team.fte, 1)} fte, \"\n"
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
             "kosten['besparing'] = kosten[NU] - kosten[TEAM]\n"
             "kosten.index = [label(k) for k in kosten.index]\n"
             "kosten.map(format_eur)"),
    ("md", "Dezelfde schaal in beide grafieken, zodat de hoogte van de staven te vergelijken is."),
    ("code", "assen = {naam: r.plot_costs() for naam, r in uitkomst.items()}\n"
             "hoogste = max(ax.get_ylim()[1] for ax in assen.values())\n"
             "for naam, ax in assen.items():\n"
             "    ax.set_ylim(0, hoogste)\n"
             "    ax.set_title(f\"{ax.get_title()}: {naam}\")"),
    ("md", "## 2. Wat merken jongeren en gezinnen?\n\nWachttijd tot de intake, cliënten in "
           "specialistische zorg en cliënten die het team zelf helpt (gemiddelde en 90%-interval "
           "over de replicaties)."),
    ("code", "rijen = ['intake_wait_mean_days', 'intake_within_norm_share', "
             "'specialist_in_care_mean', 'light_help_clients_mean', 'trajectory_mean_days_2e']\n"
             "kpi_side_by_side(uitkomst, rijen)"),
    ("md", "## 3. De onzekerheid van aanbieders\n\nOnder p\\*q weet een aanbieder vooraf niet "
           "hoeveel zorg er wordt afgenomen; de spreiding van zijn jaaromzet over de replicaties "
           "meet die onzekerheid. Aanname (geen Nederlands cijfer gevonden): een aanbieder vraagt "
           "een opslag van 0,5 × de variatiecoëfficiënt van zijn omzet (bandbreedte 0–1). Onder "
           "een populatiebudget kent hij zijn omzet vooraf: geen opslag. De opslag staat naast de "
           "kostentabel, niet erin: het is wat een aanbieder bij het volgende contract zou vragen."),
    ("code", "risico = pd.concat([risk_premium(r.yearly, s).assign(\n"
             "    variant=scenario_label(s),\n"
             "    provider=lambda t, s=s: [provider_label(s, p) for p in t['provider']])\n"
             "                    for s, r in zip(scenarios, uitkomst.values())])\n"
             "tabel = risico[['variant', 'provider', 'financing', 'revenue_mean_eur', 'cv', "
             "'markup', 'premium_eur_per_year']].reset_index(drop=True)\n"
             "for k in ('revenue_mean_eur', 'premium_eur_per_year'):\n"
             "    tabel[k] = tabel[k].map(format_eur)\n"
             "for k in ('cv', 'markup'):\n    tabel[k] = tabel[k].map(format_share)\n"
             "tabel['financing'] = tabel['financing'].map(lambda k: label(f'kind.{k}'))\n"
             "styled(tabel.rename(columns={'variant': 'Variant', 'provider': 'Aanbieder', "
             "'financing': 'Bekostiging',\n"
             "                      'revenue_mean_eur': 'Omzet per jaar', 'cv': 'Variatiecoëfficiënt',\n"
             "                      'markup': 'Opslag', 'premium_eur_per_year': 'Risico-opslag per jaar'}))"),
    ("md", "## 4. Het verschil, gepaard per replicatie\n\nDezelfde jongeren in beide varianten: "
           "het interval meet het beleid, niet het toeval. + is een besparing van het "
           "behandelend team."),
    ("code", "def totaal(r):\n"
             "    y = r.yearly[r.yearly['party'] == 'municipality']\n"
             "    return y.groupby(['replication', 'year'])['amount_eur'].sum()\n\n"
             "verschil = (totaal(uitkomst[NU]) - totaal(uitkomst[TEAM])"
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

LEUSDEN = [
    ("md", "# 06 Leusden: varianten 0–4 voor frontoffice en backoffice\n\n"
           "Na het uittreden van Baarn, Bunschoten en Soest uit de gezamenlijke backoffice in "
           "Amersfoort vroeg Leusden zich af welke samenwerkingsvorm in het sociaal domein het "
           "best past (Twynstra Gudde, *Samenwerkingsvormen Sociaal Domein, Gemeente Leusden*, "
           "2016). Het rapport beschrijft vijf varianten als een matrix van frontoffice (FO) en "
           "backoffice (BO) voor Wmo, Jeugd en Werk & Inkomen:\n\n"
           "| variant | FO Wmo/Jeugd | BO Wmo/Jeugd | FO en BO Werk & Inkomen |\n"
           "|---|---|---|---|\n"
           "| 0 huidige situatie | Larikslaan2 | Amersfoort (gastheergemeente) | Sociale Dienst Amersfoort |\n"
           "| 1 hele FO in Leusden | Larikslaan2 | Amersfoort | FO Larikslaan2, BO Amersfoort (een *knip*) |\n"
           "| 2 alles in Leusden | Larikslaan2 | commerciële partij onder regie | Larikslaan2 |\n"
           "| 3 met Nijkerk | Larikslaan2 | gezamenlijk met Nijkerk | Amersfoort |\n"
           "| 4 met de BBS-gemeenten | Larikslaan2 | Soest (gastheergemeente) | Amersfoort |\n\n"
           "De vragen: wat kosten de varianten aan uitvoering (tarieven per dossier, aandeel in "
           "kosten, regie), wat doet een knip tussen FO en BO met de doorlooptijd, wat zijn de "
           "frictie- en implementatiekosten, en hoe scoren de varianten op het afwegingskader? "
           "Alle varianten zien **dezelfde inwoners** (gelijke toevalsgetallen); de verschillen "
           "komen uit de organisatie van FO en BO. Het rapport geeft geen tarieven of bedragen: "
           "die zijn aannames met een bandbreedte in de scenariobestanden."),
    ("md", "## Instellingen"),
    ("params", "REPLICATIES = 5\nMAP = \"../scenarios\""),
    ("code", "import dataclasses\nimport tempfile\nfrom pathlib import Path\n\nimport pandas as pd\n\nimport simfin\n"
             "from simfin.business.scorecard import scorecard\n"
             "from simfin.report import format_eur, label, styled\n"
             "from simfin.report.scorecard import cell_text, plot_scorecard\n"
             "from simfin.report.tables import scenario_label\n"
             "from simfin.sim.back_office import office_dossiers\n\n"
             "bestanden = [Path(MAP) / f\"leusden-variant-{i}.toml\" for i in range(5)]\n"
             "scenarios = [simfin.load(b) for b in bestanden]\n"
             "# elke variant bij haar naam, niet bij de bestandsnaam\n"
             "namen = {s.name: scenario_label(s) for s in scenarios}\n"
             "for s in scenarios:\n    print(namen[s.name], '-', s.description)"),
    ("md", "## Wie doet wat?\n\nPer variant en domein: de organisatie van de frontoffice en de "
           "backoffice, hoe die betaald wordt, en of er een overdracht tussen organisaties is."),
    ("code", "soort = {'own': 'eigen organisatie', 'host': 'gastheergemeente', "
             "'partner': 'partnergemeente', 'commercial': 'commerciële partij'}\n"
             "rijen = []\nfor s in scenarios:\n    o = s.offices\n"
             "    for domein, d in o.domains.items():\n"
             "        fo, bo = o.organisations[d.front_office.organisation], "
             "o.organisations[d.back_office.organisation]\n"
             "        rijen.append({'variant': s.name[-1], 'domein': label(f'domain.{domein}'), 'frontoffice': fo.label,\n"
             "                      'backoffice': bo.label, 'soort BO': soort[bo.kind],\n"
             "                      'overdracht': 'ja' if o.hands_over(d) else 'nee',\n"
             "                      'regie (fte)': d.front_office.regie_fte + d.back_office.regie_fte})\n"
             "styled(pd.DataFrame(rijen), {'regie (fte)': 'fte'})"),
    ("md", "## Doorrekenen\n\nVariant 0 is het nulalternatief; elke variant wordt ertegen "
           "afgezet over vijf jaar (2027–2031)."),
    ("code", "case = simfin.business_case(bestanden[0], bestanden[1:], replications=REPLICATIES)\n"
             "print(case.replications, 'replicaties')"),
    ("md", "## Uitvoeringskosten per jaar\n\nFrontoffice, backoffice, regie op uitbesteding en "
           "afstemming tussen FO en BO, gemiddeld per jaar (nominaal, € per jaar, kosten)."),
    ("code", "categorieen = ['front_office_cost', 'back_office_cost', 'regie', 'coordination']\n"
             "jaren = case.yearly['year'].nunique()\n"
             "kosten = (case.yearly[case.yearly['category'].isin(categorieen)]\n"
             "          .groupby(['variant', 'category'])['nominal_eur'].sum()\n"
             "          / case.replications / jaren).unstack()[categorieen]\n"
             "kosten['totaal'] = kosten.sum(axis=1)\n"
             "kosten.rename(index=namen, columns=label).rename_axis(index='Variant', "
             "columns=None).map(format_eur)"),
    ("md", "## De knip in variant 1\n\nIn variant 1 gaat de frontoffice Werk & Inkomen naar "
           "Larikslaan2 en blijft de backoffice in Amersfoort. Elk bijstandsdossier gaat dan "
           "over een organisatiegrens: overdrachtstijd en afstemmingsuren. Hieronder de "
           "doorlooptijd van aanvraag tot afhandeling in de backoffice, per domein, in variant 0 "
           "en variant 1 (één replicatie, dagen)."),
    ("code", "from simfin.runner import run_replication\nfrom simfin.sim.entitlements import draw_entitlements\n\n"
             "def doorlooptijd(scenario):\n"
             "    ledger = run_replication(scenario, 0)['ledger']\n"
             "    d = office_dossiers(scenario, 0, ledger, draw_entitlements(scenario, 0))\n"
             "    d['dagen'] = d['bo_end'] - d['t_open']\n"
             "    tabel = d.groupby('domain')['dagen'].describe(percentiles=[0.5, 0.95])\n"
             "    tabel = tabel[['count', 'mean', '50%', '95%']].set_axis(\n"
             "        ['dossiers (5 jaar)', 'gemiddeld', 'mediaan', '95e percentiel'], axis=1)\n"
             "    domein = [label(f'domain.{k}') for k in tabel.index]\n"
             "    return tabel.reset_index(drop=True).assign(Variant=f'variant {scenario.name[-1]}', Domein=domein)\n\n"
             "knip = pd.concat([doorlooptijd(scenarios[0]), doorlooptijd(scenarios[1])], ignore_index=True)\n"
             "styled(knip[['Variant', 'Domein', 'dossiers (5 jaar)', 'gemiddeld', 'mediaan', '95e percentiel']],\n"
             "       {'dossiers (5 jaar)': 'count', 'gemiddeld': 'days', 'mediaan': 'days', '95e percentiel': 'days'})"),
    ("md", "## Varianten naast elkaar\n\nHet afwegingskader zoals in een raadsvoorstel: bovenaan "
           "de berekende criteria (gemiddelde met 90%-interval over replicaties en over de "
           "bandbreedtes van de incidentele en structurele posten), daaronder de kwalitatieve "
           "scores uit het dashboard van het rapport (§4.2.6), met een bandbreedte waar het "
           "rapport *n.t.b.* schrijft (een aanname, in de scenariobestanden als zodanig "
           "benoemd)."),
    ("code", "fig = plot_scorecard(case)"),
    ("md", "## Het antwoord in getallen"),
    ("code", "tabel = scorecard(case).set_index(['variant', 'criterion'])\n"
             "for naam in case.variants:\n"
             "    npv = tabel.loc[(naam, 'npv_eur')]\n"
             "    kosten = tabel.loc[(naam, 'office_costs_eur')]\n"
             "    print(f\"{namen[naam]}: netto contante waarde {cell_text(npv).replace(chr(10), ' ')}; \"\n"
             "          f\"uitvoeringskosten {cell_text(kosten).replace(chr(10), ' ')} per jaar\")"),
    ("md", "## Lezen en gebruiken\n\n- Een negatieve netto contante waarde betekent dat de "
           "variant over vijf jaar meer kost dan de huidige situatie; het interval telt de "
           "bandbreedtes van de incidentele posten mee. Het rapport zag geen urgentie om te "
           "veranderen; deze doorrekening laat zien of de uitvoeringskosten dat bevestigen, "
           "*gegeven* de aangenomen tarieven.\n"
           "- De tarieven van Amersfoort, Soest en een commerciële partij, de uren per dossier "
           "en de overdrachtstijd zijn aannames. Vervang ze door de DVO-tarieven en offertes "
           "voordat de cijfers in een raadsvoorstel gaan; `simfin afweging` schrijft dezelfde "
           "tabel en grafiek naar Excel en PNG.\n"
           "- Niet gemodelleerd: hogere zorgtarieven bij zelfstandige inkoop (§5.2 van het "
           "rapport), extra administratieve lasten voor aanbieders in een andere zorgregio, en "
           "de vertraging van de backoffice op de start van zorg (de doorlooptijd staat ernaast)."),
]

WOUDENBERG = [
    ("md", "# 07 Woudenberg: vier sturingsmodellen voor de toegang\n\n"
           "Wie voert het Sociaal Team van een gemeente van ongeveer 13.000 inwoners uit, en hoe "
           "wordt het bekostigd? BMC zette voor Woudenberg vier sturingsmodellen op een rij "
           "(*sturing en positionering Toegang*, 2016, bijlage 1):\n\n"
           "| model | wie voert uit | bekostiging |\n|---|---|---|\n"
           "| eigen beheer | de gemeente | eigen personeelsbudget |\n"
           "| marktmeester | een gecontracteerde organisatie | contract met resultaatafspraken |\n"
           "| samenwerkingspartner | een partnerschap van maatschappelijke organisaties | subsidie of convenant |\n"
           "| facilitator | burgerinitiatieven, gemeente als vangnet | subsidies aan initiatieven |\n\n"
           "De stuurgroep liet eigen beheer vallen (te weinig veranderkracht, de gemeente wil geen "
           "werkgever zijn) en koos voor een verkenning van een partnerschap. Wat kost elk model, "
           "en welk verwijsgedrag roept het op? Overhead van de uitvoerder, contractmanagement en "
           "het verwijsgedrag zijn **aannames met een bandbreedte**, in de scenariobestanden als "
           "zodanig benoemd; eigen beheer is het referentiepunt."),
    ("md", "## Instellingen"),
    ("params", "REPLICATIES = 5\nMAP = \"../scenarios\""),
    ("code", "from pathlib import Path\n\nimport pandas as pd\n\nimport simfin\n"
             "from simfin.business.scorecard import scorecard\n"
             "from simfin.report import format_eur, label, styled\n"
             "from simfin.report.scorecard import cell_text, plot_scorecard\n\n"
             "modellen = ['eigen-beheer', 'marktmeester', 'samenwerkingspartner', 'facilitator']\n"
             "bestanden = [Path(MAP) / f\"woudenberg-{m}.toml\" for m in modellen]\n"
             "scenarios = [simfin.load(b) for b in bestanden]\n"
             "uitvoerder = {'municipality': 'gemeente', 'contracted': 'gecontracteerde organisatie',\n"
             "              'partnership': 'partnerschap', 'community': 'initiatieven + vangnet'}\n"
             "bekostiging = {'staff_budget': 'personeelsbudget', 'contract': 'contract met resultaten',\n"
             "               'subsidy': 'subsidie / convenant', 'grants': 'subsidies aan initiatieven'}\n"
             "styled(pd.DataFrame([{'model': s.steering.model.replace('_', ' '),\n"
             "               'uitvoerder': uitvoerder[s.steering.operator],\n"
             "               'bekostiging': bekostiging[s.steering.financing],\n"
             "               'overhead uitvoerder': s.steering.operator_overhead_share,\n"
             "               'contractmanagement (fte)': s.steering.contract_management_fte,\n"
             "               'subsidies (€/jaar)': format_eur(s.steering.grants_eur_per_year),\n"
             "               'verwijsfactor (aanname)': s.steering.referral_multiplier,\n"
             "               'fte sociaal team': s.access_team.fte} for s in scenarios]),\n"
             "       {'overhead uitvoerder': 'share', 'contractmanagement (fte)': 'fte',\n"
             "        'verwijsfactor (aanname)': 'ratio', 'fte sociaal team': 'fte'})"),
    ("md", "## Doorrekenen\n\nDe vier modellen op dezelfde inwoners, vijf jaar (2027–2031), "
           "eigen beheer als referentie."),
    ("code", "case = simfin.business_case(bestanden[0], bestanden[1:], replications=REPLICATIES)\n"
             "fig = plot_scorecard(case)"),
    ("md", "## Waar zit het verschil?\n\nKosten per jaar van de toegang zelf, het sturingsmodel "
           "en de specialistische zorg (nominaal, gemiddeld over de jaren, € per jaar)."),
    ("code", "groepen = {'access_team': 'toegang', 'specialists': 'toegang', 'overhead': 'toegang',\n"
             "           'employment': 'toegang', 'operator_overhead': 'sturing',\n"
             "           'contract_management': 'sturing', 'grants': 'sturing',\n"
             "           'specialist_care': 'specialistische zorg'}\n"
             "jaren = case.yearly['year'].nunique()\n"
             "rijen = case.yearly[case.yearly['category'].isin(groepen)].assign(\n"
             "    groep=lambda t: t['category'].map(groepen))\n"
             "namen = {n: s.afweging.label or n for n, s in case.scenarios.items()}\n"
             "(rijen.groupby(['variant', 'groep'])['nominal_eur'].sum() / case.replications / jaren)"
             ".unstack().rename(index=namen).rename_axis(index='Variant', columns=None)"
             ".map(format_eur)"),
    ("md", "## Hoe gevoelig is dat voor het verwijsgedrag?\n\nHet verwijsgedrag dat een model "
           "oproept is de grootste aanname. Voor het gekozen model (samenwerkingspartner) "
           "rekenen we de netto contante waarde tegen eigen beheer door bij de onder- en "
           "bovengrens van de bandbreedte in het scenariobestand (0,85 en 1,05) en bij 1 (geen "
           "effect)."),
    ("code", "partner = scenarios[2]\n"
             "factoren = [0.85, 1.0, 1.05]\n"
             "varianten = [partner.with_changes({'name': f'samenwerking-{f}', "
             "'afweging.label': f'Samenwerkingspartner, verwijsfactor {f:.2f}'.replace('.', ','), "
             "'steering.referral_multiplier': f}) for f in factoren]\n"
             "gevoelig = simfin.business_case(scenarios[0], varianten, replications=REPLICATIES)\n"
             "npv = scorecard(gevoelig).set_index(['variant', 'criterion'])\n"
             "styled(pd.DataFrame({'verwijsfactor': factoren,\n"
             "              'netto contante waarde (90%-interval)': [\n"
             "                  cell_text(npv.loc[(v.name, 'npv_eur')]).replace(chr(10), ' ') for v in varianten]}),\n"
             "       {'verwijsfactor': 'ratio'})"),
    ("md", "## Lezen en gebruiken\n\n- De kosten van het sturingsmodel zelf (overhead, "
           "contractmanagement, subsidies) zijn klein naast de specialistische zorg: een paar "
           "procent meer of minder verwijzingen weegt zwaarder dan de overhead van de "
           "uitvoerder. De gevoeligheidstabel laat zien dat het teken van de netto contante "
           "waarde van het verwijsgedrag afhangt.\n"
           "- Het verwijsgedrag per model is geen gemeten effect: het is een aanname met een "
           "bandbreedte. Leg bij een keuze vast hoe het gemeten wordt (instroom "
           "specialistische zorg per jaar staat in het afwegingskader).\n"
           "- De facilitator draait met een kleiner vangnetteam: de wachttijd tot de intake "
           "laat zien wat dat voor inwoners betekent."),
]

WHAT_IF = [
    ("md", "# 11 Wat als: schuif met de aannames en zie het antwoord meteen\n\n"
           "De businesscase van de BBS-samenwerking (nulalternatief tegen variant 1, "
           "*bbs-gezamenlijk*) kost met 20 replicaties ongeveer een minuut. Dit paneel "
           "antwoordt terwijl u de schuif beweegt: een **emulator** (een Gaussisch proces, "
           "een statistisch model van de simulatie) is vooraf gefit op doorgerekende "
           "businesscases van elk 20 replicaties, verspreid over de bandbreedtes die het "
           "variantbestand noemt (voorveld, verwijzing, dubbele lasten) en de formatie van het "
           "toegangsteam. Het budgetplafond vraagt geen simulatie en schuift vrij.\n\n"
           "**Waar het op rust.** Elke bandbreedte is een aanname uit het scenariobestand, "
           "geen gemeten effect; de emulator geeft weer wat de simulatie bij die aannames "
           "zegt, niet meer. Buiten de bandbreedtes rekent hij niet."),
    ("md", "## Instellingen\n\nHet aantal replicaties van de knop *Reken echt door* staat "
           "in één cel; voor een vergelijking die telt: 20."),
    ("params", "REPLICATIES = 4"),
    ("code", "from simfin.uncertainty.emulator import bbs_emulator\n"
             "from simfin.report.whatif_panel import WhatIfPanel, error_table, plot_what_if\n\n"
             "emulator = bbs_emulator()\n"
             "print('Doorgerekende punten:', len(emulator.points), 'elk met', "
             "emulator.replications, 'replicaties')\n"
             "if emulator.stale:  # de bestanden zijn veranderd sinds de emulator werd gefit\n"
             "    print('LET OP: de emulator rekent met een eerder model; herbouw hem "
             "(docs/what-if.md):')\n"
             "    for regel in emulator.stale:\n"
             "        print('  ', regel)\n"
             "error_table(emulator)"),
    ("md", "## Hoe nauwkeurig is de emulator?\n\n"
           "*Fout emulator*: het verschil tussen de voorspelling van de emulator en de "
           "doorgerekende businesscase op een punt dat de emulator niet heeft gezien "
           "(kruisvalidatie over de punten, wortel van de gemiddelde kwadratische fout). "
           "*Toevalsfout*: de standaardfout die een doorrekening met 20 replicaties zelf "
           "heeft. Een verhouding onder 1 betekent: de emulator voegt minder onzekerheid toe "
           "dan de simulatie al heeft."),
    ("md", "## Het paneel\n\nSchuif met een aanname: de vier antwoorden en de grafieken "
           "volgen direct. De grafieken tonen elk antwoord langs de laatst bewogen schuif "
           "(rode stip: de huidige stand; band bij de netto contante waarde: ± 2 "
           "standaardafwijkingen van de emulator). De knop rekent de businesscase op dit punt "
           "echt door en toont het verschil."),
    ("code", "paneel = WhatIfPanel(emulator, replications=REPLICATIES)\npaneel"),
    ("md", "## Eén aanname uitgelicht\n\nDezelfde vier antwoorden langs de formatie van het "
           "toegangsteam, de andere aannames op hun modus."),
    ("code", "fig = plot_what_if(emulator, 'access_team.fte')\nfig"),
    ("md", "## Omslagpunt\n\nBij welke formatie is de netto contante waarde nul, de andere "
           "aannames op hun modus? Alleen te vertrouwen als de fout van de emulator voor de "
           "netto contante waarde hierboven klein is."),
    ("code", "from simfin.report.format import format_number\n"
             "omslag = emulator.switching_value('access_team.fte')\n"
             "print('Omslagpunt formatie:', format_number(omslag, 1) + ' fte' "
             "if omslag == omslag else 'geen binnen de bandbreedte')"),
    ("md", "## Echt doorrekenen\n\nZo ziet de knop eruit als hij is ingedrukt: emulator, "
           "simulatie en verschil, naast de toevalsmarge van de simulatie."),
    ("code", "paneel.move('access_team.fte', 73.0)\npaneel.run_real()\npaneel.real"),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_pq_versus_lumpsum.ipynb": PQ_VERSUS_LUMP_SUM,
    "03_schaal_95k_100k.ipynb": SCALE,
    "04_transitiekosten_terugverdientijd.ipynb": BUSINESS_CASE,
    "05_budgetplafond_gevoeligheid.ipynb": CEILING,
    "06_leusden_varianten.ipynb": LEUSDEN,
    "07_woudenberg_sturingsmodellen.ipynb": WOUDENBERG,
    "08_huishoudens_integrale_toegang.ipynb": HOUSEHOLDS,
    "09_behandelend_toegangsteam_oij.ipynb": TREATING_TEAM,
    "10_waarde_van_informatie.ipynb": VALUE_OF_INFORMATION,
    "11_wat_als.ipynb": WHAT_IF,
}

if __name__ == "__main__":
    for name, cells in NOTEBOOKS.items():
        nbformat.write(_notebook(cells), HERE / name)
