"""Labels of the scenario comparison (:mod:`simfin.compare`) and financing kinds: key -> (Dutch, English)."""

from __future__ import annotations

__all__ = ["COMPARE_LABELS"]

COMPARE_LABELS: dict[str, tuple[str, str]] = {
    # scenario comparison (simfin.compare) and financing kinds
    "cmp.spending_eur": ("Uitgaven gemeente per jaar", "Municipal spending per year"),
    "cmp.specialist_care_eur": ("Betaald voor specialistische zorg per jaar",
                                "Paid for specialist care per year"),
    "cmp.waiting_list_mean": ("Wachtlijst specialistische zorg, gemiddeld",
                              "Specialist care waiting list, mean"),
    "cmp.specialist_wait_mean_days": ("Wachttijd specialistische zorg",
                                      "Specialist care waiting time"),
    "cmp.trajectory_mean_days_2e": ("Trajectduur 2e lijn", "Trajectory length 2nd line"),
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
    "cmp.title": ("Vergelijking per jaar (gemiddeld over de gerapporteerde jaren; {reps}, "
                  "seed {seed}, gelijke toevalsgetallen)",
                  "Comparison per year (averaged over the reported years; {reps}, "
                  "seed {seed}, common random numbers)"),
    "cmp.saving_title": ("Besparing t.o.v. {reference} per jaar (gemiddeld over de gerapporteerde "
                         "jaren)", "Saving against {reference} per year (mean over the reported "
                         "years)"),
    "cmp.saving_note": ("Per replicatie: de referentie min de variant, bij dezelfde inwoners "
                        "(gelijke toevalsgetallen); 5e en 95e percentiel van dat verschil.",
                        "Per replication: the reference minus the option, with the same "
                        "residents (common random numbers); 5th and 95th percentile of that "
                        "difference."),
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
}
