"""The model card (modelkaart): a STRESS-DES report written with every run and business case.

Generated from the scenario and the run's metadata, never by hand, following the sections
of the STRESS-DES checklist (Monks et al. 2019, "Strengthening the reporting of empirical
simulation studies: Introducing the STRESS guidelines", *Journal of Simulation* 13(1),
55-67, https://doi.org/10.1080/17477778.2018.1442155):

1 Doelen (objectives) · 2 Modellogica (logic) · 3 Gegevens (data) · 4 Experimenten
(experimentation) · 5 Implementatie (implementation) · 6 Code en delen (code access), plus
7 Validatie: checks computed on this run (Little's law for the intake queue, an Erlang C
benchmark per team, conservation of referrals, money per taakveld adding up to the total;
for a business case, the balance per municipality adding up to the total).

Parameters are named in Dutch (:mod:`simfin.report.labels.parameters`); the path in the
scenario file is only the reference, in the last column of 3.3.

:func:`run_model_card` and :func:`business_model_card` return the Markdown text;
:func:`add_model_card_sheet` copies it into a workbook as the sheet "Modelkaart".
"""

from __future__ import annotations

import math
import platform
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simfin.report.format import format_eur, format_number, format_share, format_value
from simfin.report.labels import check_lang, label
from simfin.report.labels.parameters import parameter_label, population_label, value_label
from simfin.report.names import provider_label
from simfin.report.plural import count_text

__all__ = ["CARD_NAME", "SECTIONS", "add_model_card_sheet", "business_model_card",
           "run_model_card", "validation_checks"]

CARD_NAME = "modelkaart.md"
SHEET = {"nl": "Modelkaart", "en": "Model card"}
#: STRESS-DES section numbers and titles (Dutch, English), in checklist order.
SECTIONS = (
    ("1", "Doelen", "Objectives"), ("1.1", "Doel van het model", "Purpose of the model"),
    ("1.2", "Uitkomsten", "Model outputs"), ("1.3", "Doel van de experimenten",
                                              "Experimentation aims"),
    ("2", "Modellogica", "Logic"), ("2.1", "Overzicht", "Base model overview diagram"),
    ("2.2", "Logica van het basismodel", "Base model logic"),
    ("2.3", "Logica van de scenario's", "Scenario logic"), ("2.4", "Algoritmen", "Algorithms"),
    ("2.5", "Componenten", "Components"),
    ("3", "Gegevens", "Data"), ("3.1", "Bronnen", "Data sources"),
    ("3.2", "Voorbewerking", "Pre-processing"), ("3.3", "Invoerparameters", "Input parameters"),
    ("3.4", "Aannames: wat wel en niet in het model zit", "Assumptions"),
    ("4", "Experimenten", "Experimentation"), ("4.1", "Inloopperiode", "Initialisation"),
    ("4.2", "Looptijd", "Run length"), ("4.3", "Schattingsmethode", "Estimation approach"),
    ("5", "Implementatie", "Implementation"),
    ("5.1", "Software", "Software or programming language"),
    ("5.2", "Trekken van toevalsgetallen", "Random sampling"),
    ("5.3", "Uitvoering", "Model execution"), ("5.4", "Systeem", "System specification"),
    ("6", "Code en delen", "Code access"),
    ("6.1", "Beschikbaarheid", "Computer model sharing statement"),
    ("7", "Validatie (berekend voor deze run)", "Validation (computed for this run)"),
)
MODELLED = (
    "Instroom per gemeente en vraagstroom (Poisson, met trend), 0e lijn, toegang (intake, "
    "onderzoek, lichte hulp, verwijzing), specialistische zorg per product, op- en afschalen "
    "en terugkeer.",
    "Wachtrijen bij de toegang (urgente casussen eerst) en, bij een lumpsum met cliëntplaatsen, "
    "wachtlijsten in de 2e lijn.",
    "Geld achteraf uit het grootboek: betaling per bekostigingsvorm, organisatiekosten, "
    "administratieve lasten van gemeente en aanbieder, per taakveld.",
)
NOT_MODELLED = (
    "Kwaliteit van zorg en uitkomsten voor inwoners: het model telt tijd en geld, geen effect.",
    "Gedragseffecten van de bekostiging zijn aannames (vermenigvuldigers), geen gemeten effecten.",
    "Een schaalvoordeel is niet ingebouwd; schaaleffecten volgen alleen uit gedeelde "
    "wachtrijen, ondeelbare functies en vaste kosten.",
    "Afhaken van wachtenden en capaciteit die in de tijd verandert (tenzij de scenario's dat "
    "expliciet opgeven).",
    "Onzekerheid buiten de opgegeven bandbreedtes en replicaties (bijvoorbeeld nieuw rijksbeleid).",
)


def _heading(number: str, lang: str) -> str:
    for num, nl, en in SECTIONS:
        if num == number:
            level = "##" if "." not in num else "###"
            return f"{level} {num} {nl if lang == 'nl' else en}"
    raise KeyError(number)


def _table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v).replace("|", "/") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


# --- inputs -------------------------------------------------------------------------------

def _value(obj: Any) -> str:
    if isinstance(obj, bool) or obj is None:
        return str(obj)
    if isinstance(obj, int | float):
        if float(obj).is_integer():
            return format_number(obj, 0)
        return format_number(obj, 3).rstrip("0").rstrip(",")
    mean = getattr(obj, "mean", None)
    if mean is not None:
        return f"{getattr(obj, 'family', '')} gem. {_value(mean)}".strip()
    return str(obj)


def input_rows(scenario, sources: dict[str, str] | None = None,
               lang: str = "nl") -> pd.DataFrame:
    """The main inputs of ``scenario``: ``Parameter`` (its Dutch name), ``Waarde`` (a text
    value in words), ``Bron`` (the scenario file's comment, ``—`` where it has none) and
    ``Pad in scenariobestand`` (the reference, last)."""
    sources = sources or {}
    rows: list[tuple[str, Any]] = []
    for name, m in scenario.municipalities.items():
        rows.append((f"municipalities.{name}.inhabitants", m.inhabitants))
    for name, s in scenario.demand_streams.items():
        rows += [(f"demand_streams.{name}.rate_per_1000", s.rate_per_1000),
                 (f"demand_streams.{name}.trend_per_year", s.trend_per_year)]
    team = scenario.access_team
    for field in ("fte", "productive_hours_per_fte", "absence_rate", "loaded_cost_per_fte_eur",
                  "organisation"):
        rows.append((f"access_team.{field}", getattr(team, field)))
    for name, p in scenario.products.items():
        rows += [(f"products.{name}.tariff_eur", p.tariff_eur),
                 (f"products.{name}.duration_days", p.duration_days)]
    for name, p in scenario.providers.items():
        rows.append((f"providers.{name}.financing.kind", p.financing.kind))
    return pd.DataFrame([(parameter_label(path, lang, scenario),
                          _value(value_label(path, v, lang)), sources.get(path, "—"),
                          f"`{path}`") for path, v in rows],
                        columns=["Parameter", "Waarde", "Bron", "Pad in scenariobestand"])


# --- validation ---------------------------------------------------------------------------

def _little(ledger: pd.DataFrame, monitor: pd.DataFrame, horizon_days: float) -> dict:
    """Time-average intake queue (monitor snapshots) against lambda x W (ledger)."""
    rows = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)]
    sampled, predicted = [], []
    for r, part in rows.groupby("replication"):
        mon = monitor[(monitor["replication"] == r) & (monitor["t"] >= 0)]
        waits = (part["t_start"].fillna(horizon_days) - part["t_arrival"]).clip(lower=0)
        sampled.append(float(mon["intake_queue"].mean()) if len(mon) else math.nan)
        predicted.append(len(part) / horizon_days * float(waits.mean()))
    return {"L_monitor": float(np.nanmean(sampled)), "lambda_W": float(np.mean(predicted))}


def _erlang(scenario, ledger: pd.DataFrame, horizon_days: float) -> list[dict]:
    """Per generalist team: M/M/c benchmark of the mean intake wait against the simulation."""
    from simfin.sim.access_team import capacity, team_units
    from simfin.theory import mmc_mean_wait

    spec = scenario.access_team
    rows = ledger[(ledger["activity"] == "assessment") & (ledger["t_arrival"] >= 0)
                  & ledger["t_start"].notna()]
    out = []
    for team, (municipalities, fte) in team_units(scenario).items():
        part = rows[rows["municipality"].isin(municipalities)]
        if part.empty:
            continue
        servers, hours_per_day, _ = capacity(spec, fte)
        reps = part["replication"].nunique()
        rate = len(part) / reps / horizon_days
        service_days = float(part["units"].mean()) / hours_per_day
        wq = mmc_mean_wait(rate, 1 / service_days, servers) if service_days > 0 else math.nan
        out.append({"team": team, "servers": servers, "rho": rate * service_days / servers,
                    "wait_theory_days": wq,
                    "wait_sim_days": float((part["t_start"] - part["t_arrival"]).mean())})
    return out


def validation_checks(results) -> dict:
    """Figures of the validation section, computed from ``results`` (a run with ledger)."""
    sim = results.scenario.simulation
    horizon = 365.0 * sim.horizon_years
    ledger, monitor = results.ledger, results.monitor
    checks: dict[str, Any] = {}
    if len(ledger) and len(monitor):
        checks["little"] = _little(ledger, monitor, horizon)
        checks["erlang"] = _erlang(results.scenario, ledger, horizon)
    if len(ledger):
        assess = ledger[ledger["activity"] == "assessment"]
        ref = assess[assess["outcome"] == "referral"]
        care = ledger[ledger["line"] == "2e"]
        keys = set(zip(care["replication"], care["case_id"], care["episode"], strict=True))
        found = sum(k in keys for k in zip(ref["replication"], ref["case_id"], ref["episode"],
                                           strict=True))
        checks["referrals"] = {"referrals": len(ref), "with_care_episode": found}
    own = results.yearly[results.yearly["party"] == "municipality"]
    checks["taakveld"] = {"by_taakveld": float(own.groupby("taakveld")["amount_eur"].sum().sum()),
                          "by_category": float(own.groupby("category")["amount_eur"].sum().sum()),
                          "total": float(own["amount_eur"].sum())}
    return checks


def _validation_lines(checks: dict) -> list[str]:
    lines = []
    if "little" in checks:
        c = checks["little"]
        diff = (c["L_monitor"] - c["lambda_W"]) / c["lambda_W"] if c["lambda_W"] else math.nan
        lines.append(f"- **Wet van Little** (wachtrij intake): gemiddeld aantal wachtenden uit "
                     f"de momentopnamen L = {format_number(c['L_monitor'], 2)}; λ·W uit het "
                     f"grootboek = {format_number(c['lambda_W'], 2)} (verschil "
                     f"{format_share(diff, 1)}; momentopnamen per week geven een kleine "
                     "afwijking).")
    for e in checks.get("erlang", []):
        lines.append(f"- **Erlang C** (team {e['team']}, {e['servers']} onderzoekers, bezetting "
                     f"ρ = {format_number(e['rho'], 2)}): M/M/c-benchmark gemiddelde wachttijd "
                     f"{format_number(e['wait_theory_days'], 1)} dagen, simulatie "
                     f"{format_number(e['wait_sim_days'], 1)} dagen. Een benchmark, geen toets: "
                     "de simulatie heeft niet-exponentiële duur, urgentie en verzuim.")
    if "referrals" in checks:
        c = checks["referrals"]
        lines.append(f"- **Behoud van casussen**: {format_number(c['with_care_episode'])} van "
                     f"{format_number(c['referrals'])} verwijzingen hebben een episode in de "
                     "2e lijn.")
    c = checks["taakveld"]
    lines.append(f"- **Geld per taakveld**: som over taakvelden {format_eur(c['by_taakveld'], 2)}, "
                 f"som over categorieën {format_eur(c['by_category'], 2)}, totaal "
                 f"{format_eur(c['total'], 2)} (alle replicaties en jaren samen).")
    return lines


# --- the card -------------------------------------------------------------------------------

def _logic_lines(scenario) -> dict[str, list[str]]:
    streams = ", ".join(f"{parameter_label(f'demand_streams.{n}')} "
                        f"({format_number(s.rate_per_1000, 1)} per 1.000 "
                        f"{population_label(s.population, per=True)})"
                        for n, s in scenario.demand_streams.items())
    organisation = value_label("access_team.organisation", scenario.access_team.organisation)
    financing = ", ".join(f"{provider_label(scenario, n)}: {label(f'kind.{p.financing.kind}')}"
                          for n, p in scenario.providers.items())
    return {
        "2.1": ["```", "instroom (Poisson per gemeente × vraagstroom) → 0e lijn → toegang: "
                "wachtrij intake → onderzoek → lichte hulp | algemene voorziening | verwijzing",
                "verwijzing → 2e lijn (product, duur, intensiteit) → ontslag | afschaling → "
                "lichte hulp; een deel keert later terug", "grootboek (tijdstempels) → geld per "
                "jaar, gemeente, categorie en taakveld", "```"],
        "2.2": [f"Vraagstromen: {streams}. Toegang: {_value(scenario.access_team.fte)} fte, "
                f"organisatie: {organisation}. Gemeenten: "
                f"{', '.join(scenario.municipalities)}."],
        "2.3": [f"Bekostiging per aanbieder: {financing}."],
        "2.4": ["Aankomsten: Poisson (niet-homogeen bij een trend, door verdunning). Duur en "
                "uren: de families in het scenariobestand (lognormaal, gamma, exponentieel, vast). "
                "Geld: vectorieel op het grootboek per bekostigingsregel."],
        "2.5": ["- Entiteiten: hulpvragen (casussen) per vraagstroom en complexiteit.",
                "- Activiteiten: advies (0e), onderzoek, lichte hulp, specialistische producten.",
                "- Middelen: onderzoekers en plaatsen lichte hulp van het team; cliëntplaatsen "
                "bij een lumpsum.",
                "- Wachtrijen: intake (urgent eerst, dan op volgorde van aankomst); wachtlijst 2e "
                "lijn bij een lumpsum met plaatsen.",
                "- In- en uitgang: aankomst van een hulpvraag; einde bij opgelost, algemene "
                "voorziening, ontslag of einde looptijd."],
    }


def _experiment_lines(scenario, meta: dict, notes: list[str]) -> dict[str, list[str]]:
    sim = scenario.simulation
    precision = meta.get("precision")
    est = [f"{count_text(meta.get('replications', sim.replications), 'replicatie')}; "
           f"zaad (seed) {sim.seed}; gemeenschappelijke toevalsgetallen: replicatie r ziet in elke variant "
           "dezelfde inwoners. Intervallen: 95%-betrouwbaarheidsinterval van het gemiddelde "
           "(Student t) en 90%-spreiding over replicaties (p05–p95)."]
    if precision:
        from simfin.precision import figure_label, figure_unit

        name, unit = figure_label(precision["figure"]), figure_unit(precision["figure"])
        est.append(f"Precisie-eis op {name}: bereikt met {precision['replications']} "
                   f"replicaties (bovengrens {precision['max_replications']}): "
                   f"{'gehaald' if precision['met'] else 'niet gehaald'}.")
        est += [f"- {r['series'] or name}: 95%-interval ± {format_value(r['half_width'], unit)}"
                f" (doel ± {format_value(r['target'], unit)})" for r in precision["rows"]]
    est += [f"- {n}" for n in notes] or ["Geen waarschuwing: de kerncijfers zijn precies genoeg."]
    return {"4.1": [f"{format_number(sim.warmup_years, 1)} jaar inloop onder de eigen regels "
                    f"van het scenario (methode {sim.warmup_method}); het eerste verslagjaar "
                    "begint met een realistische caseload."],
            "4.2": [f"{count_text(sim.horizon_years, 'verslagjaar')}, {sim.start_year}–"
                    f"{sim.start_year + sim.horizon_years - 1}."],
            "4.3": est}


def _implementation_lines(meta: dict) -> dict[str, list[str]]:
    versions = ", ".join(f"{k} {meta[k]}" for k in ("simfin", "numpy", "scipy", "simpy",
                                                     "pandas") if meta.get(k))
    return {"5.1": [f"Python {platform.python_version()}; {versions}."],
            "5.2": ["Eén numpy SeedSequence per run, per replicatie en willekeurig proces een "
                    "eigen stroom op een vast adres (simfin.sim.rng): dezelfde uitkomsten bij "
                    "elk aantal processen."],
            "5.3": ["Discrete-event simulatie (SimPy); replicaties onafhankelijk, eventueel "
                    "parallel, resultaten op volgorde van replicatie."],
            "5.4": [f"{platform.system()} {platform.machine()}."],
            "6.1": ["simfin is open source (MIT-licentie); het scenariobestand en deze "
                    f"modelkaart maken de run herhaalbaar (scenario-hash "
                    f"{meta.get('scenario_hash', '—')})."]}


def _card(title: str, lang: str, parts: dict[str, list[str]]) -> str:
    lines = [f"# {title}", ""]
    if lang == "en":
        lines += ["*Section titles as in the STRESS-DES checklist; the text is in Dutch.*", ""]
    for number, *_ in SECTIONS:
        lines.append(_heading(number, lang))
        lines += [*parts.get(number, []), ""]
    return "\n".join(lines).rstrip() + "\n"


def _common(scenario, meta: dict, purpose: list[str], outputs: list[str], aims: list[str],
            sources: dict[str, str], notes: list[str], validation: list[str]) -> dict:
    cited = sum(1 for v in sources.values() if v)
    parts = {"1.1": purpose, "1.2": outputs, "1.3": aims, **_logic_lines(scenario),
             "3.1": [f"{cited} velden van het scenariobestand noemen hun bron of aanname in een "
                     "commentaarregel; de belangrijkste staan in 3.3."],
             "3.2": ["Geen: de invoer staat als getallen in het scenariobestand (TOML)."],
             "3.3": [_table(input_rows(scenario, sources))],
             "3.4": ["Wel in het model:", *[f"- {t}" for t in MODELLED], "",
                     "Niet in het model:", *[f"- {t}" for t in NOT_MODELLED]],
             **_experiment_lines(scenario, meta, notes), **_implementation_lines(meta),
             "7": validation}
    return parts


def run_model_card(results, lang: str = "nl") -> str:
    """The model card of a :class:`~simfin.results.Results` (Markdown)."""
    from simfin.report.precision_notes import from_meta, run_notes

    check_lang(lang)
    scenario, meta = results.scenario, results.meta
    sources = _sources(meta.get("scenario_file"))
    notes = run_notes(results, from_meta(meta)[0], None, lang)
    parts = _common(scenario, meta, [scenario.description or scenario.name],
                    ["Kosten per jaar, gemeente, categorie en taakveld; kerncijfers (KPI's) van "
                     "stroom, wachttijd en caseload; zie de werkmap en samenvatting."],
                    ["Eén scenario doorrekenen, met spreiding over replicaties."],
                    sources, notes, _validation_lines(validation_checks(results)))
    from simfin.business.afweging import variant_label

    return _card(f"Modelkaart: {variant_label(scenario)}", lang, parts)


def _sources(path: str | None) -> dict[str, str]:
    from simfin.scenario.sources import read_sources

    return read_sources(path) if path and Path(path).is_file() else {}


def business_model_card(case, lang: str = "nl") -> str:
    """The model card of a :class:`~simfin.business.BusinessCase` (Markdown)."""
    from simfin.business.afweging import variant_label
    from simfin.report.precision_notes import business_notes, from_meta

    check_lang(lang)
    null = case.scenarios[case.null]
    meta = case.meta
    names = [variant_label(s) for s in case.scenarios.values()]
    notes = business_notes(case, from_meta(meta)[0], None, lang)
    by_mun = case.balance_by_municipality.groupby(["variant", "replication", "year"])
    total = case.balance.set_index(["variant", "replication", "year"])
    value = next(c for c in case.balance.columns if c.endswith("_eur"))
    diff = float((by_mun[value].sum() - total[value]).abs().max()) if len(total) else 0.0
    validation = [f"- **Saldo per gemeente**: de som over gemeenten wijkt hoogstens "
                  f"{format_eur(diff, 2)} af van het totale saldo ({label(value).lower()}).",
                  "- De businesscase bewaart geen grootboek; de wachtrij-toetsen (Little, "
                  "Erlang C) staan in de modelkaart van `simfin run` per scenario."]
    parts = _common(null, {**meta, "scenario_hash": meta.get("scenario_hash", "—")},
                    [f"Businesscase: {', '.join(names)} tegen het nulalternatief "
                     f"{variant_label(null)}. {null.description}"],
                    ["Jaartabel per variant, saldo t.o.v. nulalternatief (+ = besparing), "
                     "netto contante waarde, terugverdientijd, budgetplafond."],
                    ["Varianten vergelijken met gemeenschappelijke toevalsgetallen."],
                    case.sources.get(case.null, {}), notes, validation)
    from simfin.report.omslagpunten import evidence_card_section

    return _card(f"Modelkaart: businesscase {variant_label(null)}", lang, parts) + \
        evidence_card_section(case, lang)


def add_model_card_sheet(workbook: str | Path, text: str, lang: str = "nl") -> Path:
    """Append the card as sheet "Modelkaart" (one line per row) to an existing workbook."""
    from openpyxl import load_workbook

    from simfin.report.xlsx import write_safely

    wb = load_workbook(workbook)
    ws = wb.create_sheet(SHEET[lang])
    for i, line in enumerate(text.splitlines(), start=1):
        ws.cell(row=i, column=1, value=line)
    ws.column_dimensions["A"].width = 120
    return write_safely(wb, workbook)
