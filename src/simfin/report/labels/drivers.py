"""The drivers of the structural difference (issue 15): sheet Oorzaken and its chart: key -> (Dutch, English)."""

from __future__ import annotations

__all__ = ["DRIVER_LABELS"]

DRIVER_LABELS: dict[str, tuple[str, str]] = {
    "sheet.bc_drivers": ("Oorzaken", "Drivers"),
    "drivers.title": ("Structureel verschil per mechanisme", "Structural difference by mechanism"),
    "drivers.basis": ("Euro per jaar, prijspeil {year}, volledig effect (zonder ingroei en indexatie), "
                      "gemiddeld over de jaren en {reps}; mechanismen één voor één "
                      "omgezet met dezelfde inwoners",
                      "Euros a year, {year} prices, full effect (no phase-in, no indexation), mean over "
                      "the years and {reps}; mechanisms switched one at a time with the "
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
                                 "binnen de norm in {confidence} van {reps}, stap "
                                 "{step} fte)", "Queue pooling: least FTE meeting the norm "
                                 "({target} within the norm in {confidence} of {reps}, "
                                 "step {step} FTE)"),
    "org.joint": ("één gezamenlijk team", "one joint team"),
    "org.per_municipality": ("een team per gemeente", "a team per municipality"),
    "org.local_with_shell": ("lokale teams met een gezamenlijke schil",
                             "local teams with a shared shell"),
}
