"""Labels of the doorlooptijd KPIs per stage (:mod:`simfin.stage_waits`), Dutch and English."""

from __future__ import annotations

__all__ = ["STAGE_LABELS"]

_STAGE_NAMES = {
    "melding_gesprek": ("Melding tot gesprek", "Request to first conversation"),
    "onderzoek_beschikking": ("Onderzoek tot beschikking", "Assessment to decision"),
    "melding_beschikking": ("Melding tot beschikking", "Request to decision"),
    "beschikking_zorg": ("Beschikking tot start zorg", "Decision to start of care"),
}

STAGE_LABELS: dict[str, tuple[str, str]] = {}
for _key, (_nl, _en) in _STAGE_NAMES.items():
    STAGE_LABELS[f"stage_{_key}_mean_days"] = (f"{_nl}, gemiddeld", f"{_en}, mean")
    STAGE_LABELS[f"stage_{_key}_p90_days"] = (f"{_nl}, 90e percentiel",
                                              f"{_en}, 90th percentile")
    STAGE_LABELS[f"stage_{_key}_within_term_share"] = (f"{_nl} binnen wettelijke termijn",
                                                       f"{_en} within legal term")
STAGE_LABELS.update({
    "access_fte_per_10000": ("Formatie sociaal team per 10.000 inwoners",
                             "Access team formation per 10,000 inhabitants"),
    "access_fte_filled_per_10000": ("Bezette fte sociaal team per 10.000 inwoners",
                                    "Filled access team FTE per 10,000 inhabitants"),
    "access_fte_on_cases_per_10000": ("Fte aan casuswerk per 10.000 inwoners",
                                      "FTE on casework per 10,000 inhabitants"),
})
