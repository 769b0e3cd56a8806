"""Labels of the front and back office (:mod:`simfin.sim.back_office`, :mod:`simfin.finance.host`) and of the access team's steering model (:mod:`simfin.finance.steering`): key -> (Dutch, English)."""

from __future__ import annotations

__all__ = ["FUNCTION_LABELS", "OFFICE_LABELS", "STEERING_LABELS"]

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
    "domain.wmo": ("Wmo", "Social support (Wmo)"),
    "domain.jeugd": ("Jeugd", "Youth care"),
    "domain.bijstand": ("Bijstand (Werk & Inkomen)", "Social assistance (work and income)"),
}


#: Staffed functions (:func:`simfin.finance.vulnerability.functions_of`): the access team's
#: generalists and specialists and the roles of the shipped scenarios; ``any`` is the
#: vulnerability summary's "at least one function" row.
FUNCTION_LABELS: dict[str, tuple[str, str]] = {
    "function.generalists": ("Generalisten (toegangsteam)", "Generalists (access team)"),
    "function.specialists": ("Specialisten (schil)", "Specialists (shell)"),
    "function.kwaliteitsmedewerker": ("Kwaliteitsmedewerker", "Quality officer"),
    "function.data_analist": ("Data-analist", "Data analyst"),
    "function.jurist": ("Jurist", "Legal adviser"),
    "function.beleidsverbinder": ("Beleidsverbinder", "Policy liaison"),
    "function.any": ("Minstens één eigen functie", "At least one own function"),
}


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
