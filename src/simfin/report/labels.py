"""Labels for reports: Dutch by default, English on request.

Keys are the English identifiers used in the data (cost categories of
:mod:`simfin.finance.table`, KPI names of :data:`simfin.metrics.KPI_UNITS`), units as
``unit.<unit>``, and dotted keys for chart, sheet and column texts (``chart.*``,
``axis.*``, ``legend.*``, ``sheet.*``, ``col.*``, ``footnote.*``).

>>> label("access_team")
'Toegangsteam'
>>> label("access_team", lang="en")
'Access team'
"""

from __future__ import annotations

from simfin.report.labels_stages import STAGE_LABELS
from simfin.report.labels_tables import TABLE_LABELS

__all__ = ["LABELS", "LANGUAGES", "check_lang", "label"]

LANGUAGES = ("nl", "en")

# key: (Dutch, English)
LABELS: dict[str, tuple[str, str]] = {
    # cost categories: municipality
    "access_team": ("Toegangsteam", "Access team"),
    "specialist_care": ("Specialistische zorg", "Specialist care"),
    "admin": ("Administratieve lasten", "Administrative burden"),
    "specialists": ("Specialisten (schil)", "Specialists (shell)"),
    "indivisible_roles": ("Ondeelbare functies", "Indivisible roles"),
    "overhead": ("Overhead", "Overhead"),
    "fixed_costs": ("Vaste kosten organisatie", "Fixed organisation costs"),
    "benefits": ("Uitkeringen", "Benefits"),
    "budget_lines": ("Overige lasten (per inwoner)", "Other lines (per inhabitant)"),
    "double_running": ("Dubbele lasten (oude en nieuwe organisatie)",
                       "Double running (old and new organisation)"),
    "inhuur": ("Inhuur (externe capaciteit)", "Inhuur (hired external capacity)"),
    "total": ("Totaal", "Total"),
    # cost categories: provider
    "revenue": ("Omzet", "Revenue"),
    "cost_of_care": ("Kosten van zorg", "Cost of care"),
    "margin": ("Marge", "Margin"),
    # parties
    "municipality": ("Gemeente", "Municipality"),
    "provider": ("Aanbieder", "Provider"),
    # KPIs (simfin.metrics.KPI_UNITS)
    "requests": ("Hulpvragen", "Requests"),
    "entered_0e": ("Instroom 0e lijn", "Entered 0th line"),
    "entered_1e": ("Instroom 1e lijn", "Entered 1st line"),
    "entered_2e": ("Instroom 2e lijn", "Entered 2nd line"),
    "resolved_0e_share": ("Aandeel opgelost in 0e lijn", "Share resolved in 0th line"),
    "intake_wait_mean_days": ("Wachttijd intake, gemiddeld", "Intake waiting time, mean"),
    "intake_wait_p50_days": ("Wachttijd intake, mediaan", "Intake waiting time, median"),
    "intake_wait_p95_days": ("Wachttijd intake, 95e percentiel",
                             "Intake waiting time, 95th percentile"),
    "intake_within_norm_share": ("Intake binnen wettelijke termijn",
                                 "Intake within legal norm"),
    "intake_queue_end": ("Wachtrij intake aan het einde", "Intake queue at the end"),
    "intake_abandoned": ("Afgehaakt tijdens wachten op intake",
                         "Gave up waiting for the intake"),
    "intake_abandoned_share": ("Aandeel afgehaakt tijdens wachten", "Share that gave up waiting"),
    "returns_after_abandoning": ("Teruggekomen na afhaken", "Returned after giving up"),
    "trajectory_mean_days_2e": ("Trajectduur 2e lijn, gemiddeld",
                                "Trajectory length 2nd line, mean"),
    "specialist_waiting_mean": ("Wachtlijst specialistische zorg, gemiddeld",
                                "Specialist care waiting list, mean"),
    "specialist_waiting_end": ("Wachtlijst specialistische zorg aan het einde",
                               "Specialist care waiting list at the end"),
    "specialist_wait_mean_days": ("Wachttijd specialistische zorg, gemiddeld",
                                  "Specialist care waiting time, mean"),
    "specialist_in_care_mean": ("Cliënten in specialistische zorg, gemiddeld",
                                "Clients in specialist care, mean"),
    "light_help_clients_mean": ("Cliënten lichte hulp, gemiddeld",
                                "Clients in light help, mean"),
    "benefit_recipients_mean": ("Uitkeringsgerechtigden, gemiddeld", "Benefit recipients, mean"),
    "benefit_inflow_per_year": ("Instroom uitkeringen per jaar", "Benefit inflow per year"),
    "benefit_exit_to_work_share": ("Uitstroom naar werk (aandeel)", "Exits to work (share)"),
    "unit.persons": ("personen", "persons"),
    # units
    "unit.cases": ("hulpvragen", "requests"),
    "unit.episodes": ("episodes", "episodes"),
    "unit.share": ("aandeel", "share"),
    "unit.days": ("dagen", "days"),
    "unit.clients": ("cliënten", "clients"),
    "unit.eur": ("euro", "euro"),
    # charts
    "chart.yearly_costs.title": ("Kosten gemeenten per jaar", "Municipal costs per year"),
    "axis.year": ("Jaar", "Year"),
    "axis.costs_eur": ("Kosten (€, {prices})", "Costs (€, {prices})"),
    "legend.interval_total": ("90%-interval totaal", "90% interval of total"),
    # footnote
    "footnote.scenario": ("Scenario", "Scenario"),
    "footnote.replications": ("replicaties", "replications"),
    "footnote.seed": ("seed", "seed"),
    # workbook sheets
    "sheet.summary": ("Samenvatting", "Summary"),
    "sheet.yearly": ("Jaarcijfers", "Yearly"),
    "sheet.taakveld": ("Per taakveld", "By taakveld"),
    "taakveld.rolled_up": ("Opgeteld naar hoofdcode (sub-taakvelden 6.71a-6.82b bij 6.71, 6.72, "
                           "6.81, 6.82)", "Rolled up to the main codes (sub-taakvelden "
                           "6.71a-6.82b under 6.71, 6.72, 6.81, 6.82)"),
    "sheet.kpi": ("KPI", "KPI"),
    "sheet.scenario": ("Scenario", "Scenario"),
    # table columns
    "col.year": ("Jaar", "Year"),
    "col.municipality": ("Gemeente", "Municipality"),
    "col.party": ("Partij", "Party"),
    "col.provider": ("Aanbieder", "Provider"),
    "col.category": ("Categorie", "Category"),
    "col.taakveld": ("Taakveld (Iv3)", "Taakveld (Iv3)"),
    "col.amount_eur": ("Bedrag (€)", "Amount (€)"),
    "col.hours": ("Uren", "Hours"),
    "col.mean": ("Gemiddelde", "Mean"),
    "col.p05": ("5e percentiel", "5th percentile"),
    "col.p95": ("95e percentiel", "95th percentile"),
    "col.p05_short": ("P5", "P5"),
    "col.p95_short": ("P95", "P95"),
    "col.kpi": ("Indicator", "Indicator"),
    "col.code": ("Code", "Code"),
    "col.unit": ("Eenheid", "Unit"),
    "col.parameter": ("Parameter", "Parameter"),
    "col.value": ("Waarde", "Value"),
    # scenario comparison (simfin.compare) and financing kinds
    "cmp.spending_eur": ("Uitgaven gemeente per jaar", "Municipal spending per year"),
    "cmp.specialist_care_eur": ("Betaald voor specialistische zorg per jaar",
                                "Paid for specialist care per year"),
    "cmp.waiting_list_mean": ("Wachtlijst specialistische zorg (cliënten)",
                              "Specialist care waiting list (clients)"),
    "cmp.specialist_wait_mean_days": ("Wachttijd specialistische zorg (dagen)",
                                      "Specialist care waiting time (days)"),
    "cmp.trajectory_mean_days_2e": ("Trajectduur 2e lijn (dagen)",
                                    "Trajectory length 2nd line (days)"),
    "cmp.admin_hours_municipality": ("Administratieve uren gemeente per jaar",
                                     "Administrative hours municipality per year"),
    "cmp.admin_hours_provider": ("Administratieve uren aanbieders per jaar",
                                 "Administrative hours providers per year"),
    "cmp.admin_eur_municipality": ("Administratieve lasten gemeente per jaar",
                                   "Administrative burden municipality per year"),
    "cmp.admin_eur_provider": ("Administratieve lasten aanbieders per jaar",
                               "Administrative burden providers per year"),
    "cmp.provider_margin_eur": ("Marge aanbieders per jaar", "Provider margin per year"),
    "cmp.p_provider_loss": ("Kans op verlies aanbieders", "Probability of provider loss"),
    "cmp.kinds": ("Bekostiging", "Financing"),
    "cmp.title": ("Vergelijking per jaar (gemiddeld over de gerapporteerde jaren; {reps} "
                  "replicaties, seed {seed}, gelijke toevalsgetallen)",
                  "Comparison per year (averaged over the reported years; {reps} "
                  "replications, seed {seed}, common random numbers)"),
    "cmp.risk_title": ("Wie draagt het volumerisico?", "Who carries the volume risk?"),
    "stat.mean": ("gemiddeld", "mean"),
    "stat.p05": ("5e percentiel", "5th percentile"),
    "stat.p95": ("95e percentiel", "95th percentile"),
    "stat.std": ("standaardafwijking", "standard deviation"),
    "unit.hours": ("uren", "hours"),
    "kind.pq_per_unit": ("p*q per eenheid", "p*q per unit"),
    "kind.pq_per_trajectory": ("p*q per traject", "p*q per trajectory"),
    "kind.lump_sum": ("lumpsum", "lump sum"),
    "kind.lump_sum_corridor": ("lumpsum met bandbreedte", "lump sum with corridor"),
    "chart.compare.title": ("Scenario's vergeleken (per jaar, gemiddeld over de looptijd)",
                            "Scenarios compared (per year, mean over the horizon)"),
    "chart.compare.spending": ("Uitgaven gemeente per jaar", "Municipal spending per year"),
    "chart.compare.margin": ("Marge aanbieders per jaar", "Provider margin per year"),
    "chart.compare.waiting": ("Wachtlijst 2e lijn (cliënten)",
                              "Waiting list 2nd line (clients)"),
    "chart.compare.admin": ("Administratieve uren per jaar", "Administrative hours per year"),
    "legend.interval": ("90%-interval", "90% interval"),
    "footnote.crn": ("gelijke toevalsgetallen", "common random numbers"),
    "col.scenario": ("Scenario", "Scenario"),
    # run metadata
    "meta.scenario": ("Scenario", "Scenario"),
    "meta.scenario_hash": ("Scenario-hash", "Scenario hash"),
    "meta.replications": ("Replicaties", "Replications"),
    "meta.seed": ("Seed", "Seed"),
    "meta.simfin": ("simfin-versie", "simfin version"),
    "meta.costs_title": ("Kosten gemeenten per jaar (€, {prices})",
                         "Municipal costs per year (€, {prices})"),
    "meta.price_level": ("Prijspeil", "Price level"),
    "meta.kpi_title": ("Indicatoren over de gerapporteerde jaren",
                       "Indicators over the reported years"),
    # business case (simfin.business): sheets
    "sheet.bc_municipality": ("Per gemeente", "By municipality"),
    "sheet.bc_incidental": ("Incidenteel", "Incidental"),
    "sheet.bc_ceiling": ("Plafond", "Ceiling"),
    "sheet.bc_assumptions": ("Aannames", "Assumptions"),
    "sheet.bc_afweging": ("Afwegingskader", "Assessment framework"),
    "sheet.bc_scorecard": ("Varianten naast elkaar", "Variants side by side"),
    # business case: titles
    "bc.title_summary": ("Businesscase: varianten tegen het nulalternatief",
                         "Business case: variants against the nulalternatief"),
    "bc.title_balance": ("Saldo t.o.v. nulalternatief per jaar (gemiddelde over replicaties)",
                         "Balance against the nulalternatief per year (mean over replications)"),
    "bc.title_yearly": ("Kosten per jaar (gemiddelde over replicaties)",
                        "Costs per year (mean over replications)"),
    "bc.title_municipality_npv": ("Netto contante waarde per gemeente",
                                  "Net present value by municipality"),
    "bc.title_items": ("Posten uit de scenariobestanden (prijspeil basisjaar)",
                       "Items from the scenario files (base-year prices)"),
    "bc.title_emergent": ("Incidentele kosten uit de simulatie (inhuur, dubbele "
                          "lasten; geen posten), per jaar en gemeente (gemiddelde over "
                          "replicaties)",
                          "Incidental costs from the simulation (inhuur, double "
                          "running; not items), per year and municipality (mean over "
                          "replications)"),
    "bc.no_emergent": ("Geen: de simulatie gaf geen inhuur of dubbele lasten.",
                       "None: the simulation gave no inhuur or double running."),
    "bc.title_item_years": ("Posten per jaar en gemeente (gemiddelde over replicaties)",
                            "Items per year and municipality (mean over replications)"),
    "bc.title_notes": ("Toelichting op de scores", "Notes on the scores"),
    "bc.null": ("Nulalternatief", "Nulalternatief"),
    "bc.variants": ("Varianten", "Variants"),
    "bc.discount_rate": ("Disconteringsvoet (reëel)", "Discount rate (real)"),
    "bc.sign": ("Tekenconventie", "Sign convention"),
    "bc.sign_saving": ("+ = besparing t.o.v. nulalternatief",
                       "+ = saving against the nulalternatief"),
    "bc.price_base_year": ("Prijspeil (basisjaar)", "Price level (base year)"),
    "bc.discount_year": ("Contant gemaakt naar jaar", "Discounted to year"),
    "bc.wage_index": ("Loonindex per jaar", "Wage index per year"),
    "bc.price_index": ("Prijsindex per jaar", "Price index per year"),
    # business case: cost types, index kinds, verdeelsleutels
    "structural": ("Structureel", "Structural"),
    "incidental": ("Incidenteel", "Incidental"),
    "index.wage": ("Loonindex", "Wage index"),
    "index.price": ("Prijsindex", "Price index"),
    "index.none": ("Geen indexatie", "No indexation"),
    "key.inhabitants": ("Inwoners", "Inhabitants"),
    "key.usage": ("Gebruik (uren toegangsteam)", "Usage (access team hours)"),
    "key.equal": ("Gelijke delen", "Equal shares"),
    "key.fixed": ("Vaste percentages", "Fixed percentages"),
    "key.as_simulated": ("Zoals gesimuleerd", "As simulated"),
    # business case: item categories
    "programme_management": ("Programmamanagement", "Programme management"),
    "fit_gap": ("Fit-gap-analyse", "Fit-gap analysis"),
    "disentanglement": ("Ontvlechting", "Disentanglement (ontvlechting)"),
    "ict_migration": ("ICT-migratie", "ICT migration"),
    "friction": ("Frictiekosten personeel", "Staff friction costs"),
    "training": ("Opleiding en training", "Training"),
    "double_running": ("Dubbele lasten", "Double running costs"),
    "housing": ("Huisvesting", "Housing"),
    "management": ("Management en bedrijfsvoering", "Management and business operations"),
    # business case: columns
    "col.variant": ("Variant", "Variant"),
    "col.cost_type": ("Kostensoort", "Cost type"),
    "col.item": ("Post", "Item"),
    "col.years": ("Jaren", "Years"),
    "col.key": ("Verdeelsleutel", "Allocation key"),
    "col.index": ("Indexatie", "Indexation"),
    "col.min_eur": ("Minimum (€)", "Minimum (€)"),
    "col.mode_eur": ("Basiswaarde (€, modus)", "Base value (€, mode)"),
    "col.max_eur": ("Maximum (€)", "Maximum (€)"),
    "col.source": ("Bron", "Source"),
    "col.nominal_eur": ("Nominaal (€)", "Nominal (€)"),
    "col.constant_eur": ("Constante prijzen (€)", "Constant prices (€)"),
    "col.difference_eur": ("Verschil t.o.v. nulalternatief (€, nominaal)",
                           "Difference from nulalternatief (€, nominal)"),
    "col.criterion": ("Criterium", "Criterion"),
    "col.kind": ("Soort", "Kind"),
    "col.score": ("Score", "Score"),
    "col.note": ("Toelichting", "Note"),
    "col.npv_eur": ("Netto contante waarde (€)", "Net present value (€)"),
    "col.payback_year": ("Terugverdienjaar", "Payback year"),
    "qualitative": ("Kwalitatief", "Qualitative"),
    "quantitative": ("Kwantitatief", "Quantitative"),
    # business case: balance columns
    "cost_null_nominal_eur": ("Kosten nulalternatief (€, nominaal)",
                              "Cost of nulalternatief (€, nominal)"),
    "cost_variant_nominal_eur": ("Kosten variant (€, nominaal)", "Cost of variant (€, nominal)"),
    "balance_nominal_eur": ("Saldo (€, nominaal)", "Balance (€, nominal)"),
    "cumulative_nominal_eur": ("Cumulatief saldo (€, nominaal)",
                               "Cumulative balance (€, nominal)"),
    "cost_null_constant_eur": ("Kosten nulalternatief (€, constante prijzen)",
                               "Cost of nulalternatief (€, constant prices)"),
    "cost_variant_constant_eur": ("Kosten variant (€, constante prijzen)",
                                  "Cost of variant (€, constant prices)"),
    "balance_constant_eur": ("Saldo (€, constante prijzen)", "Balance (€, constant prices)"),
    "discount_factor": ("Disconteringsfactor", "Discount factor"),
    "discounted_eur": ("Contante waarde saldo (€)", "Present value of balance (€)"),
    "cumulative_discounted_eur": ("Cumulatieve contante waarde (€)",
                                  "Cumulative present value (€)"),
    # business case: summary rows
    "npv_mean_eur": ("Netto contante waarde, gemiddeld", "Net present value, mean"),
    "npv_p05_eur": ("Netto contante waarde, 5e percentiel", "Net present value, 5th percentile"),
    "npv_p95_eur": ("Netto contante waarde, 95e percentiel",
                    "Net present value, 95th percentile"),
    "npv_items_min_eur": ("Netto contante waarde, alle posten op minimum",
                          "Net present value, every item at its minimum"),
    "npv_items_max_eur": ("Netto contante waarde, alle posten op maximum",
                          "Net present value, every item at its maximum"),
    "payback_year": ("Terugverdienjaar (nominaal)", "Payback year (nominal)"),
    "payback_year_discounted": ("Terugverdienjaar (contante waarde)",
                                "Payback year (present value)"),
    "payback_share": ("Aandeel replicaties terugverdiend binnen de horizon",
                      "Share of replications paid back within the horizon"),
    "incidental_nominal_eur": ("Incidentele kosten (€, nominaal)", "Incidental costs (€, nominal)"),
    "incidental_emergent_nominal_eur": (
        "waarvan uit de simulatie (inhuur, dubbele lasten; €, nominaal)",
        "of which simulated (inhuur, double running; €, nominal)"),
    "incidental_constant_eur": ("Incidentele kosten (€, constante prijzen)",
                                "Incidental costs (€, constant prices)"),
    "structural_difference_last_year_eur": (
        "Structurele besparing laatste jaar (€, nominaal, + = besparing t.o.v. nulalternatief)",
        "Structural saving in the last year (€, nominal, + = saving against the nulalternatief)"),
    "p_overshoot_max": ("Hoogste kans op overschrijding van het plafond",
                        "Highest probability of exceeding the ceiling"),
    # business case: ceiling columns
    "ceiling_eur": ("Plafond (€, nominaal)", "Ceiling (€, nominal)"),
    "spending_mean_eur": ("Uitgaven, gemiddeld", "Spending, mean"),
    "spending_p05_eur": ("Uitgaven, 5e percentiel", "Spending, 5th percentile"),
    "spending_p95_eur": ("Uitgaven, 95e percentiel", "Spending, 95th percentile"),
    "open_ended_mean_eur": ("Openeinderegelingen, gemiddeld", "Open-ended entitlements, mean"),
    "controllable_mean_eur": ("Beïnvloedbare uitgaven, gemiddeld", "Controllable spending, mean"),
    "room_for_controllable_eur": ("Ruimte voor beïnvloedbare uitgaven",
                                  "Room for controllable spending"),
    "p_overshoot": ("Kans op overschrijding", "Probability of overshoot"),
    "expected_overshoot_eur": ("Verwachte overschrijding", "Expected overshoot"),
    "overshoot_p50_eur": ("Overschrijding, mediaan", "Overshoot, median"),
    "overshoot_p90_eur": ("Overschrijding, 90e percentiel", "Overshoot, 90th percentile"),
    "overshoot_p95_eur": ("Overschrijding, 95e percentiel", "Overshoot, 95th percentile"),
    "mean_overshoot_if_over_eur": ("Gemiddelde overschrijding als het plafond overschreden wordt",
                                   "Mean overshoot when the ceiling is exceeded"),
    "p_open_ended_over": ("Kans dat de openeinderegelingen alleen het plafond overschrijden",
                          "Probability that open-ended entitlements alone exceed the ceiling"),
    "replications": ("Replicaties", "Replications"),
    # business case: afwegingskader criteria (Leusden report §3.4) and quantitative criteria
    "governance": ("Bestuurlijke invloed / governance", "Political influence / governance"),
    "regional_relations": ("Politiek-bestuurlijke relaties in de regio",
                           "Political relations in the region"),
    "integrality_domains": ("Integraliteit tussen domeinen sociaal domein",
                            "Integrality between social-domain fields"),
    "integrality_chain": ("Integraliteit in de keten (front- en backoffice)",
                          "Integrality in the chain (front and back office)"),
    "friction_costs": ("Frictie- en implementatiekosten", "Friction and implementation costs"),
    "quality": ("Kwaliteit en cliënttevredenheid", "Quality and client satisfaction"),
    "joint_purchasing": ("Gezamenlijke inkoop", "Joint purchasing"),
    "local_purchasing": ("Lokale inkoop", "Local purchasing"),
    "back_office": ("Efficiënte en effectieve backoffice", "Efficient and effective back office"),
    "employment": ("Werkgeverschap", "Employment"),
    "ict": ("Inrichting ICT", "ICT"),
    "culture": ("Aansluiting bij cultuur en organisatieontwikkeling",
                "Fit with culture and organisational development"),
    "vulnerability": ("Kwetsbaarheid van kleine teams", "Vulnerability of small teams"),
    "npv_eur": ("Netto contante waarde t.o.v. nulalternatief",
                "Net present value against the nulalternatief"),
    "incidental_eur": ("Incidentele kosten (nominaal)", "Incidental costs (nominal)"),
    "structural_difference_eur": ("Structurele besparing laatste jaar (nominaal, + = besparing)",
                                  "Structural saving in the last year (nominal, + = saving)"),
    # units of parameters (Aannames)
    "unit.year": ("jaar", "year"),
    "unit.eur_per_year": ("€ per jaar", "€ per year"),
    "unit.per_1000": ("per 1.000 inwoners van de groep", "per 1,000 inhabitants of the group"),
    "unit.per_year": ("per jaar", "per year"),
    "unit.fte": ("fte", "FTE"),
    "unit.hours_per_fte": ("uren per fte per jaar", "hours per FTE per year"),
    "unit.per_fte": ("per fte", "per FTE"),
    "unit.minutes": ("minuten", "minutes"),
    "unit.inhabitants": ("inwoners", "inhabitants"),
    "unit.cv": ("variatiecoëfficiënt", "coefficient of variation"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise ValueError.

    Parameters
    ----------
    lang : str
        ``"nl"`` (Dutch) or ``"en"`` (English).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} for simfin reports; "
                         f"expected one of {', '.join(repr(x) for x in LANGUAGES)}")
    return lang


def label(key: str, lang: str = "nl") -> str:
    """The display text of ``key`` in ``lang``; an unknown key is returned as is.

    Parameters
    ----------
    key : str
        A category, party, KPI name, ``unit.<unit>`` or a dotted text key (see module).
    lang : str
        ``"nl"`` (default) or ``"en"``.

    Returns
    -------
    str
        The label, or ``key`` itself when it has none (e.g. a provider's own name).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"nl"`` or ``"en"``.
    """
    index = LANGUAGES.index(check_lang(lang))
    texts = LABELS.get(key)
    return key if texts is None else texts[index]


# Sensitivity analysis (simfin.uncertainty): kept apart so that other layers' keys merge cleanly.
SENSITIVITY_LABELS: dict[str, tuple[str, str]] = {
    "output.total_spending": ("Uitgaven gemeenten", "Municipal spending"),
    "output.total_spending_horizon": ("Uitgaven gemeenten, hele looptijd",
                                      "Municipal spending, whole horizon"),
    "output.overshoot": ("Kans op overschrijding van het plafond",
                         "Probability of exceeding the ceiling"),
    "method.tornado": ("Tornado (één aanname tegelijk)", "Tornado (one-way)"),
    "method.grid": ("Raster van twee aannames", "Two-way grid"),
    "method.sobol": ("Sobol-indices", "Sobol indices"),
    "method.morris": ("Morris-screening", "Morris screening"),
    "method.psa": ("Probabilistische gevoeligheidsanalyse", "Probabilistic sensitivity analysis"),
    "chart.tornado.title": ("Gevoeligheid per aanname", "Sensitivity per assumption"),
    "chart.ceiling.title": ("Kans op overschrijding van het budgettair plafond",
                            "Probability of exceeding the budget ceiling"),
    "axis.ceiling_eur": ("Plafond (€, nominaal)", "Ceiling (€, nominal)"),
    "axis.p_overshoot": ("Kans op overschrijding", "Probability of overshoot"),
    "legend.value_low": ("Aanname laag", "Assumption low"),
    "legend.value_high": ("Aanname hoog", "Assumption high"),
    "legend.base": ("Basis", "Base"),
    "legend.risk": ("Aanvaard risico", "Accepted risk"),
    "legend.lowest_ceiling": ("Laagste plafond binnen risico", "Lowest ceiling within risk"),
    "sheet.sensitivity": ("Gevoeligheid", "Sensitivity"),
    "col.rank": ("Rang", "Rank"),
    "col.label": ("Omschrijving", "Description"),
    "col.value_low": ("Waarde laag", "Low value"),
    "col.value_base": ("Basiswaarde", "Base value"),
    "col.value_high": ("Waarde hoog", "High value"),
    "col.output_low": ("Uitkomst laag", "Output low"),
    "col.output_base": ("Uitkomst basis", "Output base"),
    "col.output_high": ("Uitkomst hoog", "Output high"),
    "col.swing": ("Verschil hoog-laag", "Swing"),
    "col.parameter_a": ("Parameter A", "Parameter A"),
    "col.value_a": ("Waarde A", "Value A"),
    "col.parameter_b": ("Parameter B", "Parameter B"),
    "col.value_b": ("Waarde B", "Value B"),
    "col.output": ("Uitkomst", "Output"),
    "col.S1": ("Eerste-orde-index (S1)", "First-order index (S1)"),
    "col.S1_conf": ("S1 ± (95%)", "S1 ± (95%)"),
    "col.ST": ("Totale index (ST)", "Total index (ST)"),
    "col.ST_conf": ("ST ± (95%)", "ST ± (95%)"),
    "col.mu_star": ("Gem. absoluut effect (μ*)", "Mean absolute effect (μ*)"),
    "col.mu_star_conf": ("μ* ± (95%)", "μ* ± (95%)"),
    "col.mu": ("Gem. effect (μ)", "Mean effect (μ)"),
    "col.sigma": ("Spreiding effect (σ)", "Spread of effect (σ)"),
    "col.spearman": ("Rangcorrelatie (Spearman)", "Rank correlation (Spearman)"),
    "col.p_value": ("p-waarde", "p-value"),
    "col.ceiling_eur": ("Plafond (€)", "Ceiling (€)"),
    "col.p_overshoot": ("Kans op overschrijding", "Probability of overshoot"),
    "col.p_low": ("Ondergrens (95%)", "Lower bound (95%)"),
    "col.p_high": ("Bovengrens (95%)", "Upper bound (95%)"),
    "col.n": ("Aantal runs", "Runs"),
    "col.samples": ("Steekproeven", "Samples"),
    "col.risk": ("Aanvaard risico", "Accepted risk"),
    "col.ci95_low": ("Ondergrens gemiddelde (95%)", "Mean, lower bound (95%)"),
    "col.ci95_high": ("Bovengrens gemiddelde (95%)", "Mean, upper bound (95%)"),
    "meta.method": ("Methode", "Method"),
    "meta.samples": ("Steekproeven", "Samples"),
    "meta.output": ("Uitkomstmaat", "Output"),
    "meta.sensitivity_title": ("Gevoeligheidsanalyse", "Sensitivity analysis"),
    "meta.output_summary": ("Verdeling van de uitkomst over alle steekproeven",
                            "Distribution of the output over all samples"),
    "meta.ceiling_title": ("Laagste plafond per jaar bij aanvaard risico",
                           "Lowest ceiling per year at the accepted risk"),
    "meta.ceiling_curve": ("Kans op overschrijding per plafondniveau",
                           "Probability of overshoot per ceiling level"),
}
LABELS.update(SENSITIVITY_LABELS)
LABELS.update(TABLE_LABELS)

# Front office and back office (simfin.sim.back_office, simfin.finance.host)
OFFICE_LABELS: dict[str, tuple[str, str]] = {
    "front_office_cost": ("Frontoffice", "Front office"),
    "back_office_cost": ("Backoffice", "Back office"),
    "regie": ("Regie op uitbesteding", "Contract management (regie)"),
    "coordination": ("Afstemming frontoffice-backoffice", "Front-back office coordination"),
    "dossiers_per_year": ("Dossiers per jaar", "Dossiers per year"),
    "dossier_lead_mean_days": ("Doorlooptijd dossier, gemiddeld", "Dossier lead time, mean"),
    "dossier_lead_p95_days": ("Doorlooptijd dossier, 95e percentiel",
                              "Dossier lead time, 95th percentile"),
    "office_wait_mean_days": ("Wachttijd front- en backoffice, gemiddeld",
                              "Front and back office waiting time, mean"),
    "office_costs_eur": ("Uitvoeringskosten front- en backoffice, regie, afstemming "
                         "per jaar",
                         "Front and back office, regie and coordination (cost per year, "
                         "nominal)"),
    "handover_share": ("Aandeel dossiers met overdracht tussen organisaties",
                       "Share of dossiers handed over between organisations"),
}
LABELS.update(OFFICE_LABELS)

# Steering model of the access team (simfin.finance.steering)
STEERING_LABELS: dict[str, tuple[str, str]] = {
    "operator_overhead": ("Overhead en marge uitvoerder toegang", "Operator overhead and margin"),
    "contract_management": ("Contractmanagement toegang", "Contract management of the access"),
    "grants": ("Subsidies aan initiatieven", "Grants to initiatives"),
    "steering_costs_eur": ("Kosten sturingsmodel per jaar (overhead, contractbeheer, "
                           "subsidies)",
                           "Steering model: operator overhead, contract management, grants "
                           "(cost per year, nominal)"),
    "referrals_per_year": ("Instroom specialistische zorg per jaar",
                           "Entries into specialist care per year"),
}
LABELS.update(STEERING_LABELS)

#: The drivers of the structural difference (issue 15): sheet Oorzaken and its chart.
DRIVER_LABELS: dict[str, tuple[str, str]] = {
    "sheet.bc_drivers": ("Oorzaken", "Drivers"),
    "drivers.title": ("Structureel verschil per mechanisme", "Structural difference by mechanism"),
    "drivers.basis": ("Euro per jaar, prijspeil {year}, volledig effect (zonder ingroei en indexatie), "
                      "gemiddeld over de jaren en {reps} replicaties; mechanismen één voor één "
                      "omgezet met dezelfde inwoners",
                      "Euros a year, {year} prices, full effect (no phase-in, no indexation), mean over "
                      "the years and {reps} replications; mechanisms switched one at a time with the "
                      "same residents"),
    "drivers.none": ("Niet berekend (business_case(..., drivers=False))",
                     "Not computed (business_case(..., drivers=False))"),
    "drivers.mechanism": ("Mechanisme", "Mechanism"),
    "drivers.saving_per_year": ("Besparing per jaar", "Saving per year"),
    "drivers.share": ("Aandeel in totaal", "Share of total"),
    "drivers.per_year": ("Per jaar", "Per year"),
    "drivers.total": ("Totaal structureel verschil", "Total structural difference"),
    "drivers.chart_title": ("Structureel verschil per mechanisme\n{variant}",
                            "Structural difference by mechanism\n{variant}"),
    "drivers.x": ("Euro per jaar", "Euros a year"),
    # one per mechanism of simfin.business.drivers.MECHANISMS (same Dutch text, tested)
    "drivers.m.pooling_norm": ("Wachtrijbundeling (gelijk serviceniveau)",
                               "Queue pooling (equal service level)"),
    "drivers.m.pooling": ("Wachtrijbundeling bij gelijke fte (gesimuleerd)",
                          "Queue pooling at equal FTE (simulated)"),
    "drivers.m.capacity": ("Formatie (fte)", "Staffing (FTE)"),
    "drivers.m.roles": ("Ondeelbare functies", "Indivisible roles"),
    "drivers.m.fixed_costs": ("Vaste kosten", "Fixed costs"),
    "drivers.m.overhead": ("Overhead", "Overhead"),
    "drivers.m.policy": ("Beleidseffecten (voorveld, verwijzing, intake)",
                         "Policy effects (voorveld, referral, intake)"),
    "drivers.m.financing": ("Financiering", "Financing"),
    "drivers.m.items": ("Structurele posten", "Structural items"),
    "drivers.m.other": ("Overig", "Other"),
    "drivers.m.total": ("Totaal structureel verschil", "Total structural difference"),
    # the evidence of the pooling at equal service level (simfin.business.pooling)
    "drivers.pooling_title": ("Wachtrijbundeling bij gelijk serviceniveau: waar het bedrag op "
                              "rust", "Queue pooling at equal service level: what the amount "
                              "rests on"),
    "drivers.pooling_off": ("Niet berekend (business_case(..., pooling=\"equal_fte\")): het "
                            "hele fte-verschil staat onder Formatie",
                            "Not computed (business_case(..., pooling=\"equal_fte\")): the "
                            "whole FTE difference is under Staffing"),
    "drivers.pooling_same": ("Zelfde teamindeling in beide scenario's: € 0, niet gesimuleerd",
                             "Same teams in both scenarios: € 0, not simulated"),
    "drivers.pooling_forms": ("Teamindeling nulalternatief \u2192 variant",
                              "Teams nulalternatief \u2192 variant"),
    "drivers.pooling_fte_null": ("Minste fte generalisten die de norm haalt, indeling "
                                 "nulalternatief", "Least generalist FTE meeting the norm, "
                                 "nulalternatief's teams"),
    "drivers.pooling_fte_variant": ("Minste fte generalisten die de norm haalt, indeling "
                                    "variant", "Least generalist FTE meeting the norm, "
                                    "variant's teams"),
    "drivers.pooling_per_team": ("Per team", "Per team"),
    "drivers.pooling_cost": ("Kosten per fte (nulalternatief, prijspeil basisjaar)",
                             "Cost per FTE (nulalternatief, base-year prices)"),
    "drivers.pooling_saving": ("Besparing per jaar = fte-verschil \u00d7 kosten per fte",
                               "Saving per year = FTE difference \u00d7 cost per FTE"),
    "drivers.pooling_criterion": (
        "Criterium: in ten minste {confidence} van de replicaties start ten minste {target} van "
        "de aanvragen de intake binnen de wettelijke norm; beide indelingen bij de vraag en het "
        "beleid van het nulalternatief, met dezelfde inwoners (gemeenschappelijke toevalsgetallen)",
        "Criterion: in at least {confidence} of the replications at least {target} of the "
        "requests start their intake within the legal norm; both team forms at the "
        "nulalternatief's demand and policy, with the same residents (common random numbers)"),
    "drivers.pooling_replications": ("Replicaties per stap van de zoektocht",
                                     "Replications per search step"),
    "drivers.pooling_step": ("Stap van de zoektocht (fte)", "Search step (FTE)"),
    "drivers.pooling_footnote": ("Wachtrijbundeling: minste fte die de norm haalt ({target} "
                                 "binnen de norm in {confidence} van {reps} replicaties, stap "
                                 "{step} fte)", "Queue pooling: least FTE meeting the norm "
                                 "({target} within the norm in {confidence} of {reps} "
                                 "replications, step {step} FTE)"),
    "org.joint": ("één gezamenlijk team", "one joint team"),
    "org.per_municipality": ("een team per gemeente", "a team per municipality"),
    "org.local_with_shell": ("lokale teams met een gezamenlijke schil",
                             "local teams with a shared shell"),
}
LABELS.update(DRIVER_LABELS)
LABELS.update(STAGE_LABELS)  # doorlooptijd per stage (simfin.stage_waits)
