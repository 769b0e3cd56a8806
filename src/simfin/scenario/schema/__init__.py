"""The scenario schema: pydantic models, frozen, unknown keys rejected.

A scenario describes one municipality cluster and one organisation of its social domain
(sociaal domein): who lives there, how many support requests (hulpvragen) arrive, how the
access team (toegang, 1e lijn) works, which specialist products (2e lijn) exist, which
providers (aanbieders) deliver them and how each provider is financed.

Units are in the field names: ``_eur`` euros, ``_days`` calendar days, ``_hours`` hours,
``per_1000`` per 1,000 inhabitants of the stream's population group, ``_share`` a fraction.
Named collections (municipalities, streams, products, providers) are TOML tables keyed by
name, so that a variant file can override one field of one item.

The models live in modules by theme: :mod:`~simfin.scenario.schema.flow` (simulation,
municipalities, demand streams, access team), :mod:`~simfin.scenario.schema.financing`
(financing models, products, providers, admin), :mod:`~simfin.scenario.schema.business`
(business-case sections) and :mod:`~simfin.scenario.schema.scenario` (the whole scenario
and its cross-field checks). Import them from here.
"""

from simfin.scenario.schema.business import (
    AFWEGING_SCORES,
    Afweging,
    Allocation,
    AmountRange,
    BusinessCaseSettings,
    Ceiling,
    IncidentalItem,
    StructuralItem,
)
from simfin.scenario.schema.common import FieldProblem
from simfin.scenario.schema.financing import (
    LUMP_SUM_KINDS,
    Admin,
    Behaviour,
    Financing,
    LumpSum,
    LumpSumCorridor,
    PartyValues,
    PqPerTrajectory,
    PqPerUnit,
    Product,
    Provider,
    TrajectoryBand,
)
from simfin.scenario.schema.flow import (
    AccessTeam,
    ComplexityLevel,
    DemandStream,
    Municipality,
    Outcomes,
    SimulationSettings,
)
from simfin.scenario.schema.offices import (
    DomainOffices,
    Handover,
    Office,
    OfficeOrganisation,
    Offices,
)
from simfin.scenario.schema.scenario import Scenario
from simfin.scenario.schema.steering import STEERING_MODELS, Steering
from simfin.scenario.schema.scope import (
    BudgetLine,
    Calibration,
    CalibrationBounds,
    ClientMeasure,
    Entitlement,
)

__all__ = [
    "AFWEGING_SCORES",
    "AccessTeam",
    "Admin",
    "Afweging",
    "Allocation",
    "AmountRange",
    "Behaviour",
    "BudgetLine",
    "BusinessCaseSettings",
    "Calibration",
    "CalibrationBounds",
    "ClientMeasure",
    "Ceiling",
    "ComplexityLevel",
    "DemandStream",
    "DomainOffices",
    "Entitlement",
    "FieldProblem",
    "Handover",
    "Financing",
    "IncidentalItem",
    "LUMP_SUM_KINDS",
    "LumpSum",
    "LumpSumCorridor",
    "Municipality",
    "Office",
    "OfficeOrganisation",
    "Offices",
    "Outcomes",
    "PartyValues",
    "PqPerTrajectory",
    "PqPerUnit",
    "Product",
    "Provider",
    "Scenario",
    "SimulationSettings",
    "STEERING_MODELS",
    "Steering",
    "StructuralItem",
    "TrajectoryBand",
]
