"""Dutch (and English) names of scenario parameters, built from their path.

A path such as ``providers.jeugdhulp_regio.financing.duration_multiplier`` names a section,
often an entity of a named collection (a municipality, demand stream, product, provider,
indivisible role or item) and one or more fields. Its display name is the entity's name and
the fields in words: "Aanbieder Jeugdhulpaanbieders (regio): bekostiging, duurfactor". The
path itself stays the reference in files and data (CSV), never the name an advisor reads.

>>> parameter_label("access_team.fte")
'Toegangsteam: fte'
>>> parameter_label("municipalities.Baarn.inhabitants")
'Baarn: inwoners'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simfin.business.assumptions import unit_of
from simfin.report.labels import label

if TYPE_CHECKING:
    from simfin.scenario import Scenario

__all__ = ["parameter_label", "population_label", "stream_label", "unit_words", "value_label",
           "with_unit"]

#: section -> (Dutch, English); the named collections add the entity's name after it
_SECTIONS = {
    "simulation": ("Simulatie", "Simulation"), "access_team": ("Toegangsteam", "Access team"),
    "organisation": ("Organisatie", "Organisation"), "admin": ("Administratie", "Admin"),
    "business_case": ("Businesscase", "Business case"), "ceiling": ("Plafond", "Ceiling"),
    "inhuur": ("Inhuur", "Hired capacity"), "calibration": ("Kalibratie", "Calibration"),
    "products": ("Product", "Product"), "providers": ("Aanbieder", "Provider"),
    "entitlements": ("Uitkering", "Entitlement"),
    "budget_lines": ("Begrotingspost", "Budget line"),
    "incidental": ("Incidentele post", "Incidental item"),
    "structural": ("Structurele post", "Structural item"),
    "offices": ("Kantoor", "Office"), "roles": ("Functie", "Role"),
}
#: sections whose next segment is an entity key (``municipalities.Baarn``)
_COLLECTIONS = {"municipalities", "demand_streams", "products", "providers", "entitlements",
                "budget_lines", "incidental", "structural", "offices", "roles"}
#: field or intermediate segment -> (Dutch, English)
_FIELDS = {
    "inhabitants": ("inwoners", "inhabitants"),
    "growth_per_year": ("groei per jaar", "growth per year"),
    "age_shares": ("leeftijdsopbouw", "age mix"),
    "local_factors": ("lokale factor", "local factor"),
    "rate_per_1000": ("instroom per 1.000 inwoners per jaar", "inflow per 1,000 per year"),
    "trend_per_year": ("trend per jaar", "trend per year"),
    "resolved_0e_share": ("opgelost in het voorveld", "resolved in the voorveld"),
    "outcomes": ("uitkomst", "outcome"), "light_help": ("lichte hulp", "light help"),
    "referral": ("verwijzing 2e lijn", "referral to specialist care"),
    "general_facility": ("algemene voorziening", "general facility"),
    "reentry_share": ("aandeel dat terugkeert", "re-entry share"),
    "urgent_share": ("aandeel urgent", "urgent share"),
    "legal_norm_days": ("wettelijke termijn (dagen)", "legal term (days)"),
    "decision_term_days": ("beslistermijn (dagen)", "decision term (days)"),
    "complexity": ("complexiteit", "complexity"), "product_mix": ("productmix", "product mix"),
    "domains": ("domeinen", "domains"),
    "fte": ("fte", "FTE"), "specialist_fte": ("fte specialisten", "specialist FTE"),
    "productive_hours_per_fte": ("productieve uren per fte", "productive hours per FTE"),
    "absence_rate": ("verzuim", "absence"), "vacancy_rate": ("vacatures", "vacancies"),
    "loaded_cost_per_fte_eur": ("loonkosten per fte (€)", "loaded cost per FTE (€)"),
    "organisation": ("organisatievorm", "organisation"),
    "caseload_per_fte": ("caseload per fte", "caseload per FTE"),
    "light_help_hours_per_week": ("uren lichte hulp per week", "light-help hours per week"),
    "assessment_hours": ("uren onderzoek", "assessment hours"),
    "assessment_share": ("aandeel onderzoek", "assessment share"),
    "consultation_share": ("aandeel consultatie", "consultation share"),
    "integral_plan_share": ("aandeel integraal plan", "integral plan share"),
    "tariff_eur": ("tarief (€)", "tariff (€)"),
    "cost_price_eur": ("kostprijs (€)", "cost price (€)"),
    "duration_days": ("duur (dagen)", "duration (days)"),
    "intensity_per_week": ("intensiteit per week", "intensity per week"),
    "step_down_share": ("aandeel afschalen", "step-down share"),
    "financing": ("bekostiging", "financing"), "kind": ("bekostigingsvorm", "financing kind"),
    "duration_multiplier": ("duurfactor", "duration multiplier"),
    "intensity_multiplier": ("intensiteitsfactor", "intensity multiplier"),
    "step_down_multiplier": ("afschaalfactor", "step-down multiplier"),
    "budget_eur_per_year": ("budget per jaar (€)", "budget per year (€)"),
    "fixed_costs_eur_per_organisation": ("vaste kosten per organisatie (€)",
                                         "fixed costs per organisation (€)"),
    "overhead_share": ("overhead (aandeel)", "overhead (share)"),
    "cost_per_person_eur": ("kosten per persoon (€)", "cost per person (€)"),
    "inhabitants_per_person": ("inwoners per persoon", "inhabitants per person"),
    "minimum_persons": ("minimum aantal personen", "minimum persons"),
    "fte_per_person": ("fte per persoon", "FTE per person"),
    "amount_eur": ("bedrag (€)", "amount (€)"),
    "amount_eur_per_year": ("bedrag per jaar (€)", "amount per year (€)"),
    "discount_rate": ("disconteringsvoet", "discount rate"),
    "wage_index_per_year": ("loonindex per jaar", "wage index per year"),
    "price_index_per_year": ("prijsindex per jaar", "price index per year"),
    "price_base_year": ("prijspeil (jaar)", "price level (year)"),
    "start_year": ("eerste jaar", "first year"),
    "horizon_years": ("looptijd (jaren)", "horizon (years)"),
    "warmup_years": ("inloop (jaren)", "warm-up (years)"),
    "replications": ("replicaties", "replications"), "seed": ("zaad (seed)", "seed"),
    "mean": ("gemiddelde", "mean"), "cv": ("variatiecoëfficiënt", "coefficient of variation"),
    "min": ("minimum", "minimum"), "mode": ("meest waarschijnlijk", "mode"),
    "max": ("maximum", "maximum"), "low": ("ondergrens", "low"), "high": ("bovengrens", "high"),
    "value": ("waarde", "value"),
    "municipality": ("gemeente", "municipality"), "provider": ("aanbieder", "provider"),
    "rate_eur_per_hour": ("uurtarief (€)", "hourly rate (€)"),
    "max_fte": ("maximum fte", "maximum FTE"),
    "eur_per_inhabitant": ("€ per inwoner", "€ per inhabitant"),
    "complexity_mix": ("complexiteitsmix", "complexity mix"),
    "referral_products": ("verwijzing naar product", "referral to product"),
    "reentry_delay_days": ("tijd tot terugkeer (dagen)", "time to re-entry (days)"),
    "light_help_duration_days": ("duur lichte hulp (dagen)", "light-help duration (days)"),
    "consultation_hours": ("uren consultatie", "consultation hours"),
    "time_use": ("tijdsbesteding", "time use"), "administration": ("administratie", "admin"),
    "consultation": ("consultatie", "consultation"), "travel": ("reistijd", "travel"),
    "caseload_management": ("caseloadbeheer", "caseload management"),
    "hourly_cost_eur": ("kosten per uur (€)", "cost per hour (€)"),
    "allocation_message_minutes": ("minuten per toewijzingsbericht", "minutes per allocation"),
    "declaration_minutes": ("minuten per declaratieregel", "minutes per declaration line"),
    "lump_sum_monitoring_hours_per_year": ("uren monitoring lumpsum per jaar",
                                           "lump-sum monitoring hours per year"),
    "check_share": ("aandeel gecontroleerd", "share checked"),
    "check_minutes": ("minuten per controle", "minutes per check"),
    "contract_management_hours_per_year": ("uren contractmanagement per jaar",
                                           "contract management hours per year"),
    "corridor_settlement_hours_per_year": ("uren verrekening bandbreedte per jaar",
                                           "corridor settlement hours per year"),
    "specialist_cost_per_fte_eur": ("kosten specialist per fte (€)",
                                    "specialist cost per FTE (€)"),
    "leave_share": ("verlof (aandeel)", "leave (share)"),
    "minimum_staffing_share": ("minimale bezetting (aandeel)", "minimum staffing (share)"),
    "inflow_per_1000": ("instroom per 1.000 inwoners", "inflow per 1,000"),
    "exit_to_work_share": ("uitstroom naar werk (aandeel)", "exit to work (share)"),
    "price_year": ("prijspeil (jaar)", "price level (year)"),
    "reaction_days": ("reactietijd (dagen)", "reaction time (days)"),
    "trigger_wait_days": ("wachttijd die inhuur start (dagen)", "wait that triggers (days)"),
    "check_interval_days": ("controle elke (dagen)", "check interval (days)"),
    "switch": ("omschakeling", "switch"), "at_month": ("in maand", "at month"),
    "phase_in_months": ("ingroei (maanden)", "phase-in (months)"),
    "policy_phase_in_months": ("ingroei beleid (maanden)", "policy phase-in (months)"),
    "dip": ("productiviteitsdip", "productivity dip"), "share": ("aandeel", "share"),
    "months": ("maanden", "months"), "double_running": ("dubbele lasten", "double running"),
    "years": ("jaar", "year"), "year_shares": ("aandeel per jaar", "share per year"),
    "warmup_full_years": ("volledige inloop (jaren)", "full warm-up (years)"),
    "parameters": ("parameter", "parameter"), "measures": ("meting", "measure"),
    "targets": ("doel", "target"), "denominator": ("noemer", "denominator"),
    "name": ("naam", "name"), "description": ("omschrijving", "description"),
    "label": ("weergavenaam", "display name"), "afweging": ("afwegingskader", "assessment"),
}
_STREAMS = {"jeugd": "Jeugd", "wmo": "Wmo", "participatie": "Participatie",
            "schulden": "Schuldhulp"}


def stream_label(key: str) -> str:
    """A demand stream's display name: "wmo" -> "Wmo", "jeugd" -> "Jeugd" (the key,
    capitalised, for a stream this registry does not know)."""
    return _STREAMS.get(key, key.replace("_", " ").capitalize())


def _words(segment: str, lang: str) -> str:
    texts = _FIELDS.get(segment)
    if texts is not None:
        return texts[lang != "nl"]
    age = population_label(segment, lang)
    return age if age != segment else segment.replace("_", " ")


def _entity(section: str, key: str, scenario: Scenario | None, lang: str) -> str:
    if section == "municipalities":
        return key
    if section == "demand_streams":
        return stream_label(key)
    name = key.replace("_", " ").capitalize()
    if section == "providers" and scenario is not None and key in scenario.providers:
        name = scenario.providers[key].label or name
    elif section in ("incidental", "structural") and scenario is not None and \
            key in getattr(scenario, section):
        name = label(getattr(scenario, section)[key].category, lang)  # the item's category
    elif section == "roles":
        name = label(f"function.{key}", lang)
        name = key.replace("_", " ").capitalize() if name == f"function.{key}" else name
    return f"{_SECTIONS[section][lang != 'nl']} {name}"


def parameter_label(path: str, lang: str = "nl", scenario: Scenario | None = None) -> str:
    """Display name of the scenario parameter at ``path`` (module docstring); ``scenario``
    gives providers their ``label``."""
    parts = [p for p in path.split(".") if p]
    if not parts:
        return path
    head, words, i = "", [], 0
    while i < len(parts):
        part = parts[i]
        if part in _COLLECTIONS and i + 1 < len(parts):
            entity = _entity(part, parts[i + 1], scenario, lang)
            head = f"{head}, {entity}" if head else entity
            i += 2
            continue
        if i == 0 and part in _SECTIONS:
            head = _SECTIONS[part][lang != "nl"]
        elif not part.isdigit():
            words.append(_words(part, lang))
        i += 1
    body = ", ".join(words)
    if not head:
        return body[:1].upper() + body[1:]
    return f"{head}: {body}" if body else head


def population_label(population: str, lang: str = "nl", per: bool = False) -> str:
    """``age_0_22`` -> "0–22 jaar", ``age_67_plus`` -> "67 jaar en ouder", ``all`` ->
    "alle inwoners"; another group name as it is. ``per``: the words after "per 1.000"
    ("inwoners", "inwoners van 0–22 jaar")."""
    if per:
        words = ("inwoners", "inwoners van {}") if lang == "nl" else \
            ("inhabitants", "inhabitants aged {}")
        return words[0] if population == "all" else words[1].format(
            population_label(population, lang))
    if population == "all":
        return "alle inwoners" if lang == "nl" else "all inhabitants"
    match = re.fullmatch(r"age_(\d+)_(\d+|plus)", population)
    if not match:
        return population
    low, high = match.groups()
    if high == "plus":
        return f"{low} jaar en ouder" if lang == "nl" else f"{low} years and older"
    return f"{low}–{high} jaar" if lang == "nl" else f"{low}–{high} years"


def value_label(path: str, value: object, lang: str = "nl") -> object:
    """A text value in words: a financing kind or team organisation by its label."""
    if not isinstance(value, str):
        return value
    key = {"kind": f"kind.{value}", "organisation": f"org.{value}"}.get(path.rsplit(".", 1)[-1])
    text = label(key, lang) if key else value
    return value if text == key else text


#: unit code (:func:`simfin.business.assumptions.unit_of`) -> words in a label
_UNIT_WORDS = {"eur": ("€", "€"), "eur_per_year": ("€ per jaar", "€ per year"),
               "share": ("aandeel", "share"), "days": ("dagen", "days"),
               "hours": ("uren", "hours"), "per_year": ("per jaar", "per year"),
               "fte": ("fte", "FTE"), "per_1000": ("per 1.000", "per 1,000"),
               "minutes": ("minuten", "minutes"), "year": ("jaar", "year"),
               "inhabitants": ("inwoners", "inhabitants"),
               "hours_per_fte": ("uren per fte", "hours per FTE"),
               "per_fte": ("per fte", "per FTE")}


def unit_words(parameter: str, lang: str = "nl") -> str:
    """The unit of the parameter at ``parameter`` in words ("" when it has none)."""
    words = _UNIT_WORDS.get(unit_of(parameter))
    return "" if words is None else words[lang != "nl"]


def with_unit(text: str, parameter: str, lang: str = "nl") -> str:
    """``text`` with the parameter's unit in brackets, unless the text already names it:
    "Dagtarief jeugd verblijf" -> "Dagtarief jeugd verblijf (€)"; "Trajectduur (dagen)"
    stays as it is."""
    unit = unit_words(parameter, lang)
    period = " per jaar" if lang == "nl" else " per year"
    if unit.endswith(period) and period.strip() in text.lower():
        unit = unit.removesuffix(period)       # "Dubbele lasten per jaar (€)"
    if not unit or unit.lower() in text.lower():
        return text
    return f"{text} ({unit})"
