"""Scenario schema, the whole: :class:`Scenario` and its cross-field checks."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, Field, model_validator

from simfin.scenario.organisation import OrganisationCosts
from simfin.scenario.schema.business import (
    Afweging,
    Allocation,
    BusinessCaseSettings,
    Ceiling,
    IncidentalItem,
    StructuralItem,
)
from simfin.scenario.schema.common import (
    _FROZEN,
    FieldProblem,
    Name,
    Text,
)
from simfin.scenario.schema.financing import Admin, Product, Provider
from simfin.scenario.schema.flow import AccessTeam, DemandStream, Municipality, SimulationSettings
from simfin.scenario.schema.households import Households, check_households
from simfin.scenario.schema.provider_risk import ProviderRisk
from simfin.scenario.schema.offices import Offices
from simfin.scenario.schema.steering import Steering
from simfin.scenario.schema.scope import BudgetLine, Calibration, Entitlement
from simfin.scenario.schema.timeline import (
    Inhuur,
    Reneging,
    SeasonalFactor,
    TimelineEvent,
    check_seasonality,
)
from simfin.scenario.taakvelden import UNASSIGNED

# with_changes(scenario, changes) and check_timeline(scenario), installed by simfin.scenario.load
_HOOKS: dict[str, Callable] = {}


class Scenario(BaseModel):
    """A complete scenario; see the scenario reference in the docs for every field."""

    model_config = _FROZEN
    name: Name = Field(description="Short name; used for output files and chart footnotes.")
    description: Text = Field("", description="One or more sentences on what the scenario is.")
    simulation: SimulationSettings = Field(description="Time frame, replications and seed.")
    municipalities: dict[Name, Municipality] = Field(
        min_length=1, description="The municipalities (gemeenten), keyed by name.")
    demand_streams: dict[Name, DemandStream] = Field(
        min_length=1, description="Demand streams (e.g. jeugd, wmo), keyed by name.")
    access_team: AccessTeam = Field(description="The access team (toegang / sociaal team).")
    products: dict[Name, Product] = Field(
        default_factory=dict, description="Specialist products (2e lijn), keyed by name.")
    providers: dict[Name, Provider] = Field(
        default_factory=dict, description="Providers and their financing, keyed by name.")
    admin: Admin = Field(description="Administrative effort per event for both parties.")
    organisation: OrganisationCosts = Field(
        default_factory=OrganisationCosts,
        description="Overhead, fixed costs, indivisible roles and staffing figures.")
    entitlements: dict[Name, Entitlement] = Field(
        default_factory=dict, description="Entitlement streams (e.g. bijstand), keyed by name.")
    budget_lines: dict[Name, BudgetLine] = Field(
        default_factory=dict, description="Lines of lasten per inhabitant (subsidies, "
        "contributions), keyed by name.")
    calibration: Calibration | None = Field(
        None, description="Calibratable parameters and client measures for `simfin calibrate`.")
    business_case: BusinessCaseSettings = Field(default_factory=BusinessCaseSettings)
    incidental: dict[Name, IncidentalItem] = Field(default_factory=dict)
    structural: dict[Name, StructuralItem] = Field(default_factory=dict)
    ceiling: Ceiling | None = None
    afweging: Afweging | None = None
    households: Households | None = Field(
        None, description="Households with requests in several demand streams; without it "
        "every request is its own case.")
    provider_risk: ProviderRisk | None = Field(
        None, description="Risk premium providers ask for uncertain revenue (an assumption).")
    offices: Offices | None = Field(
        None, description="Front office and back office per domain (simfin.sim.back_office).")
    steering: Steering | None = Field(
        None, description="Steering model of the access team (simfin.finance.steering).")
    timeline: list[TimelineEvent] = Field(
        default_factory=list, max_length=400, description="Dated changes applied inside "
        "one simulation (`[[timeline]]`, see docs/timeline.md).")
    seasonality: dict[Name, list[SeasonalFactor]] = Field(
        default_factory=dict, description="Per demand stream: 12 monthly multipliers on its "
        "arrival rate, averaging 1.")
    inhuur: Inhuur | None = Field(None, description="Temporary external intake capacity "
                                  "while the intake wait exceeds the norm.")
    reneging: Reneging | None = Field(None, description="Waiting clients who give up and "
                                      "may return.")

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        for name, stream in self.demand_streams.items():
            self._check_stream(name, stream)
        owner: dict[str, str] = {}
        for pname, provider in self.providers.items():
            for i, product in enumerate(provider.products):
                field = f"providers.{pname}.products.{i}"
                if product not in self.products:
                    raise FieldProblem(field, f"unknown product {product!r}; expected one of "
                                       f"{sorted(self.products)}")
                if product in owner:
                    raise FieldProblem(field, f"product {product!r} is already delivered by "
                                       f"provider {owner[product]!r}")
                owner[product] = pname
        for product in self.products:
            if product not in owner:
                raise FieldProblem(f"products.{product}", "expected the product to be listed "
                                   "under exactly one provider")
        for pname, provider in self.providers.items():
            self._check_bands(pname, provider)
            self._check_taakveld(pname, provider)
        self._check_scope()
        check_households(self)
        self._check_offices()
        return self

    def _check_offices(self) -> None:
        """Every domain of ``[offices]`` is a demand stream or an entitlement."""
        known = set(self.demand_streams) | set(self.entitlements)
        for name in self.offices.domains if self.offices is not None else ():
            if name not in known:
                raise FieldProblem(f"offices.domains.{name}", "unknown domain; expected a "
                                   f"demand stream or entitlement: {sorted(known)}")

    def _check_taakveld(self, pname: str, provider: Provider) -> None:
        """A provider's payments land on one taakveld: its products must agree."""
        fields = {self.products[p].taakveld for p in provider.products}
        if len(fields) > 1:
            shown = sorted(str(f) for f in fields)
            raise FieldProblem(f"providers.{pname}.products", "expected products on one Iv3 "
                               f"taakveld per provider, got {shown}; split the provider")

    def _check_scope(self) -> None:
        names = set(self.demand_streams) | set(self.entitlements) | set(self.budget_lines)
        overlap = (set(self.demand_streams) & set(self.entitlements)) \
            | (set(self.budget_lines) & (set(self.demand_streams) | set(self.entitlements)))
        if overlap:
            raise FieldProblem("entitlements", f"names {sorted(overlap)} are used twice; "
                               "demand streams, entitlements and budget lines need distinct names")
        for mname, muni in self.municipalities.items():
            for key in muni.local_factors:
                if key not in names:
                    raise FieldProblem(f"municipalities.{mname}.local_factors.{key}",
                                       "unknown name; expected a demand stream, entitlement or "
                                       f"budget line: {sorted(names)}")
        for ename, ent in self.entitlements.items():
            if ent.population != "all":
                for mname, muni in self.municipalities.items():
                    if ent.population not in muni.age_shares:
                        raise FieldProblem(f"entitlements.{ename}.population",
                                           f"age group {ent.population!r} is missing in "
                                           f"municipalities.{mname}.age_shares")
        if self.calibration is not None:
            self._check_measures()

    def _check_measures(self) -> None:
        lists = {"products": self.products, "light_help_streams": self.demand_streams,
                 "entitlements": self.entitlements}
        for mname, measure in self.calibration.measures.items():
            for field in ("denominator", "targets"):
                for muni in getattr(measure, field):
                    if muni not in self.municipalities:
                        raise FieldProblem(f"calibration.measures.{mname}.{field}.{muni}",
                                           "unknown municipality; expected one of "
                                           f"{sorted(self.municipalities)}")
            if measure.denominator and set(measure.targets) - set(measure.denominator):
                raise FieldProblem(f"calibration.measures.{mname}.denominator", "expected a "
                                   "denominator for every municipality with a target")
            for field, known in lists.items():
                for i, name in enumerate(getattr(measure, field)):
                    if name not in known:
                        raise FieldProblem(f"calibration.measures.{mname}.{field}.{i}",
                                           f"unknown name {name!r}; expected one of "
                                           f"{sorted(known)}")

    def taakveld_of_provider(self, provider: str) -> str:
        """The Iv3 taakveld of a provider's payments ("?" when its products have none)."""
        first = self.products[self.providers[provider].products[0]].taakveld
        return UNASSIGNED if first is None else first

    @model_validator(mode="after")
    def _team_split(self) -> Scenario:
        team = self.access_team
        for name, level in team.complexity.items():
            if level.consultation_share > 0 and team.specialist_fte <= 0:
                raise FieldProblem("access_team.specialist_fte", "expected specialists "
                                   f"(> 0 FTE) because access_team.complexity.{name} "
                                   "needs consultations")
        split = self.access_team.fte_by_municipality
        if split is None:
            return self
        field = "access_team.fte_by_municipality"
        if set(split) != set(self.municipalities):
            raise FieldProblem(field, f"expected one value per municipality "
                               f"{sorted(self.municipalities)}, got {sorted(split)}")
        total = math.fsum(split.values())
        if abs(total - self.access_team.fte) > 1e-6 * max(1.0, self.access_team.fte):
            raise FieldProblem(field, f"expected values that sum to access_team.fte = "
                               f"{self.access_team.fte:g}, got {total:g}")
        return self

    def _check_bands(self, pname: str, provider: Provider) -> None:
        """Bands by units need one billing unit over the provider's products."""
        financing = provider.financing
        if financing.kind != "pq_per_trajectory" or financing.band_by != "units":
            return
        units = {self.products[p].unit for p in provider.products}
        if len(units) > 1:
            raise FieldProblem(f"providers.{pname}.financing.band_by", "expected \"days\" "
                               f"when the provider's products have different units {sorted(units)}")

    def _check_stream(self, name: str, stream: DemandStream) -> None:
        base = f"demand_streams.{name}"
        if stream.population != "all":
            for mname, muni in self.municipalities.items():
                if stream.population not in muni.age_shares:
                    raise FieldProblem(f"{base}.population", f"age group {stream.population!r} "
                                       f"is missing in municipalities.{mname}.age_shares")
        for level in stream.complexity_mix:
            if level not in self.access_team.complexity:
                raise FieldProblem(f"{base}.complexity_mix.{level}", "unknown complexity level; "
                                   f"expected one of {sorted(self.access_team.complexity)}")
        for product in stream.referral_products:
            if product not in self.products:
                raise FieldProblem(f"{base}.referral_products.{product}", "unknown product; "
                                   f"expected one of {sorted(self.products)}")

    @model_validator(mode="after")
    def _business_references(self) -> Scenario:
        years = set(self.reported_years)
        for name, item in self.incidental.items():
            for i, year in enumerate(item.years):
                if year not in years:
                    raise FieldProblem(f"incidental.{name}.years.{i}", _year_message(year, years))
            self._check_allocation(item.allocation, f"incidental.{name}.allocation")
        for name, item in self.structural.items():
            for field in ("from_year", "to_year"):
                year = getattr(item, field)
                if year is not None and year not in years:
                    raise FieldProblem(f"structural.{name}.{field}", _year_message(year, years))
            self._check_allocation(item.allocation, f"structural.{name}.allocation")
        self._check_business_settings()
        if self.ceiling is not None:
            for i, provider in enumerate(self.ceiling.open_ended_providers):
                if provider not in self.providers:
                    raise FieldProblem(f"ceiling.open_ended_providers.{i}", f"unknown provider "
                                       f"{provider!r}; expected one of {sorted(self.providers)}")
        return self

    def _check_business_settings(self) -> None:
        bc, horizon = self.business_case, self.simulation.horizon_years
        for cat, allocation in bc.allocation_by_category.items():
            self._check_allocation(allocation, f"business_case.allocation_by_category.{cat}",
                                   simulated=True)
        lists = {"phase_in": bc.phase_in} | {f"phase_in_by_category.{c}": f
                                             for c, f in bc.phase_in_by_category.items()}
        for field, factors in lists.items():
            if len(factors) > horizon:
                raise FieldProblem(f"business_case.{field}", f"expected at most {horizon} "
                                   f"factors (one per reported year), got {len(factors)}")

    def _check_allocation(self, allocation: Allocation, field: str,
                          simulated: bool = False) -> None:
        if allocation.key == "as_simulated" and not simulated:
            raise FieldProblem(f"{field}.key", "'as_simulated' is only for simulated cost "
                               "categories; expected inhabitants, usage, equal or fixed")
        if allocation.key == "fixed" and set(allocation.shares) != set(self.municipalities):
            raise FieldProblem(f"{field}.shares", "expected one share for each municipality: "
                               f"{sorted(self.municipalities)}")

    @model_validator(mode="after")
    def _time_sections(self) -> Scenario:
        check_seasonality(self.seasonality, self.demand_streams)
        heavier = {} if self.reneging is None else self.reneging.heavier_products
        for stream, product in heavier.items():
            field = f"reneging.heavier_products.{stream}"
            if stream not in self.demand_streams:
                raise FieldProblem(field, "unknown demand stream; expected one of "
                                   f"{sorted(self.demand_streams)}")
            if product not in self.products:
                raise FieldProblem(field, f"unknown product {product!r}; expected one of "
                                   f"{sorted(self.products)}")
        if self.timeline:
            _HOOKS["check_timeline"](self)
        return self

    def with_changes(self, changes: Mapping[str, Any]) -> Scenario:
        """A copy with ``changes`` (dotted field path → value), validated like a file.

        ``scenario.with_changes({"access_team.fte": 50,
        "providers.jeugdhulp_ambulant.financing.duration_multiplier": 1.0})`` gives the scenario
        a variant file with those two lines would give (tables merge key by key; a new
        financing ``kind`` replaces its table, so give its other fields too). A wrong path or
        value raises :class:`~simfin.errors.ScenarioError` naming ``changes`` and the path.
        """
        return _HOOKS["with_changes"](self, changes)

    @staticmethod
    def register_hooks(**hooks: Callable) -> None:
        """Install ``with_changes`` and ``check_timeline`` (done by :mod:`simfin.scenario.load`,
        which ``import simfin.scenario`` always runs): they validate changed scenarios, which
        needs the loader above this module."""
        _HOOKS.update(hooks)

    @property
    def reported_years(self) -> list[int]:
        """Calendar years of the reported period."""
        sim = self.simulation
        return list(range(sim.start_year, sim.start_year + sim.horizon_years))

    def provider_of(self, product: str) -> str:
        """Name of the provider that delivers ``product``."""
        for pname, provider in self.providers.items():
            if product in provider.products:
                return pname
        raise KeyError(product)


def _year_message(year: int, years: set[int]) -> str:
    return f"year {year} is outside the reported years {min(years)}–{max(years)}"
