"""Labels of the command tables (scale, organisations, staffing, comparison workbook),
merged into :data:`simfin.report.labels.LABELS`: key -> (Dutch, English)."""

from __future__ import annotations

__all__ = ["TABLE_LABELS"]

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "price.level": ("prijspeil {year}", "{year} prices"),
    "price.level_inputs": ("prijspeil van de invoer", "prices of the inputs"),
    "period.per_year": ("per jaar", "per year"),
    "period.total": ("totaal {years}", "total {years}"),
    "period.mean_per_year": ("gemiddeld per jaar {years}", "mean per year {years}"),
    "price.nominal": ("nominaal", "nominal"),
    "price.discounted": ("contant", "discounted"),
    "sign.saving": ("+ = besparing", "+ = saving"),
    "unithdr.eur": ("€", "€"),
    "unithdr.share": ("%", "%"),
    "unithdr.days": ("dagen", "days"),
    "unithdr.fte": ("fte", "FTE"),
    "unithdr.clients": ("cliënten", "clients"),
    "unithdr.hours": ("uren", "hours"),
    # simfin calibrate: model tegen werkelijkheid (simfin.calibrate)
    "sheet.calibration": ("Model tegen werkelijkheid", "Model against observed"),
    "calibration.title": ("Model tegen werkelijkheid: lasten per taakveld, eerste jaar",
                          "Model against observed: lasten per taakveld, first year"),
    "col.observed": ("Waargenomen lasten", "Observed lasten"),
    "col.model_mean": ("Model, gemiddeld", "Model, mean"),
    "col.model_p05": ("Model, 5e percentiel", "Model, 5th percentile"),
    "col.model_p95": ("Model, 95e percentiel", "Model, 95th percentile"),
    "col.difference": ("Verschil model t.o.v. waargenomen", "Model against observed"),
    "calibration.summary": ("{factors} factoren gefit in {iterations} iteraties; niet "
                            "identificeerbaar: {not_id}; doelen die geen factor bereikt: {unreached}",
                            "{factors} factors fitted in {iterations} iterations; not "
                            "identifiable: {not_id}; targets no factor reaches: {unreached}"),
    "calibration.none": ("geen", "none"),
    # clients against their bands, and the out-of-sample check (simfin calibrate)
    "clients.title": ("Model tegen werkelijkheid: cliënten per 1.000, eerste jaar",
                      "Model against observed: clients per 1,000, first year"),
    "clients.note": ("Een benchmark is een landelijk of grootteklasse-cijfer, niet het eigen "
                     "cijfer van de gemeente; daarom een bredere band.",
                     "A benchmark is a national or size-class figure, not the municipality's "
                     "own; hence a wider band."),
    "col.clients.label": ("Maat", "Measure"),
    "col.clients.per": ("Per 1.000", "Per 1,000"),
    "col.clients.observed": ("Waargenomen of benchmark", "Observed or benchmark"),
    "col.clients.band_low": ("Band, laag", "Band, low"),
    "col.clients.band_high": ("Band, hoog", "Band, high"),
    "col.clients.model_mean": ("Model, gemiddeld", "Model, mean"),
    "col.clients.model_p05": ("Model, 5e percentiel", "Model, 5th percentile"),
    "col.clients.model_p95": ("Model, 95e percentiel", "Model, 95th percentile"),
    "col.clients.kind": ("Soort", "Kind"),
    "col.clients.within_band": ("Binnen de band", "Within the band"),
    "col.clients.source": ("Bron van waarde en band", "Source of value and band"),
    "clients.kind.own": ("eigen cijfer", "own figure"),
    "clients.kind.benchmark": ("benchmark", "benchmark"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "calibration.levels": ("Vergeleken op hoofdcode (sub-taakvelden opgeteld): {levels}",
                           "Compared at the main code (sub-taakvelden rolled up): {levels}"),
    # scale sweep and organisations (simfin.scale)
    "sheet.scale": ("Schaal", "Scale"),
    "sheet.organisations": ("Organisaties", "Organisations"),
    "sheet.staffing": ("Formatie", "Staffing"),
    "sheet.comparison": ("Vergelijking", "Comparison"),
    "sheet.per_replication": ("Per replicatie", "Per replication"),
    "sheet.about": ("Toelichting", "About"),
    "scale.title": ("Schaal: kosten per inwoner, formatie, wachttijd en kwetsbaarheid per "
                    "inwonertal", "Scale: cost per inhabitant, staff, waiting and "
                    "vulnerability by population size"),
    "chart.scale.title": ("Schaal: kosten per inwoner en wachttijd",
                          "Scale: cost per inhabitant and waiting"),
    "orgs.title": ("Organisatievormen naast elkaar", "Organisations side by side"),
    "col.measure": ("Maat", "Measure"),
    "col.inhabitants": ("Inwoners", "Inhabitants"),
    "col.organisation": ("Organisatie toegang", "Access organisation"),
    "col.cost_per_inhabitant_eur": ("Kosten per inwoner per jaar", "Cost per inhabitant a year"),
    "col.cost_per_inhabitant_p05_eur": ("Kosten per inwoner per jaar, 5e percentiel",
                                        "Cost per inhabitant a year, 5th percentile"),
    "col.cost_per_inhabitant_p95_eur": ("Kosten per inwoner per jaar, 95e percentiel",
                                        "Cost per inhabitant a year, 95th percentile"),
    "col.fte_per_10000": ("Formatie per 10.000 inwoners", "Staff per 10,000 inhabitants"),
    "col.intake_wait_p95_days": ("Wachttijd intake, 95e percentiel",
                                 "Intake waiting time, 95th percentile"),
    "col.intake_within_norm_share": ("Intake binnen wettelijke termijn",
                                     "Intake within legal norm"),
    "col.max_uncovered_days": ("Ondeelbare functie onbezet, meeste dagen per jaar",
                               "Indivisible role uncovered, most days a year"),
    "col.p_any_function_uncovered": ("Kans dat een functie op een werkdag onbezet is",
                                     "Probability that a function is uncovered on a working "
                                     "day"),
    "col.max_p_below_staffing_rule": ("Grootste kans onder de 80%-bezettingsnorm "
                                      "(planningscriterium)",
                                      "Highest probability below the 80% staffing rule "
                                      "(planning criterion)"),
    "col.teams": ("Aantal teams", "Number of teams"),
    "organisation.joint": ("gezamenlijk", "joint"),
    "organisation.per_municipality": ("per gemeente", "per municipality"),
    "organisation.local_with_shell": ("lokaal met gedeelde schil", "local with shared shell"),
    # staffing (simfin.staffing)
    "staffing.title": ("Minimale formatie (generalisten) zodat in {confidence} van {reps} "
                       "ten minste {target} van de intakes binnen de wettelijke "
                       "termijn start", "Minimum staff (generalists) so that in {confidence} "
                       "of {reps} at least {target} of intakes start within "
                       "the legal norm"),
    "col.team": ("Team", "Team"),
    "col.fte_min": ("Minimale formatie", "Minimum staff"),
    "col.met_share": ("Replicaties die de norm halen", "Replications meeting the norm"),
    # comparison workbook (simfin.compare)
    "col.statistic": ("Statistiek", "Statistic"),
    "col.std": ("Standaardafwijking", "Standard deviation"),
    "col.replication": ("Replicatie", "Replication"),
    # notes under tables
    "note.run": ("Scenario {name}; {reps}, seed {seed}; simfin {version}.",
                 "Scenario {name}; {reps}, seed {seed}; simfin {version}."),
    "note.runs": ("{reps} per scenario, seed {seed}; simfin {version}.",
                  "{reps} per scenario, seed {seed}; simfin {version}."),
    "note.interval": ("5e en 95e percentiel over de replicaties.",
                      "5th and 95th percentile over the replications."),
}
