"""An access team configured as M/M/c, for validation against Erlang C."""

from __future__ import annotations


def mmc_scenario_dict(servers: int = 5, rho: float = 0.8, years: int = 30,
                      mean_service_days: float = 1.0) -> dict:
    """One municipality, one stream, every request assessed then sent to a general facility.

    Poisson arrivals at ``rho * servers / mean_service_days`` per day, exponential
    assessment times with mean ``mean_service_days``, ``servers`` workers, no urgency,
    no 0e resolution, no growth or trend: an M/M/c queue.
    """
    productive_hours = 1460.0  # 4 hours per server-day when there is no absence
    hours_per_server_day = productive_hours / 365.0
    arrivals_per_year = rho * servers / mean_service_days * 365.0
    return {
        "name": "mmc",
        "simulation": {"start_year": 2030, "horizon_years": years, "warmup_years": 0.5,
                       "replications": 1, "seed": 7},
        "municipalities": {"M": {"inhabitants": 100_000, "age_shares": {"all": 1.0}}},
        "demand_streams": {"s": {
            "population": "all", "rate_per_1000": arrivals_per_year / 100.0,
            "complexity_mix": {"c": 1.0}, "legal_norm_days": 10, "resolved_0e_share": 0.0,
            "outcomes": {"light_help": 0.0, "general_facility": 1.0, "referral": 0.0}}},
        "access_team": {
            "fte": 2.0 * servers, "assessment_share": 0.5,
            "productive_hours_per_fte": productive_hours, "absence_rate": 0.0,
            "loaded_cost_per_fte_eur": 70_000, "caseload_per_fte": 10,
            "complexity": {"c": {
                "assessment_hours": {"family": "exponential",
                                     "mean": mean_service_days * hours_per_server_day},
                "light_help_hours_per_week": 1.0,
                "light_help_duration_days": {"family": "fixed", "value": 30}}}},
        "admin": {k: {"municipality": 0, "provider": 0} for k in (
            "hourly_cost_eur", "allocation_message_minutes", "declaration_minutes",
            "lump_sum_monitoring_hours_per_year")},
    }
