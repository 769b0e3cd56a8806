"""The case attributes the simulation's processes read, as flat memoryviews."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from simfin.sim.cases import CaseTable

__all__ = ["as_lists"]


#: Case attributes the processes read (the rest is used only after the run).
_RUN_ATTRIBUTES = ("municipality", "outcome", "consult", "reentry", "reentry_delay_days",
                   "step_down", "light_days", "product", "care_days")


def as_lists(cases: CaseTable, assessment_rate: np.ndarray,
              consult_rate: np.ndarray) -> SimpleNamespace:
    """The case attributes the processes read, as flat sequences: per-episode attributes
    at ``i * EPISODES + k`` for case ``i``, episode ``k``; ``priority`` is 0 for an urgent
    episode (served first), 1 otherwise; ``assessment_days`` and ``consult_days`` are the
    hours divided by ``assessment_rate`` and ``consult_rate`` (hours a worker of the
    serving pool does per day, per municipality index).

    The sequences are ``memoryview`` s of the numpy arrays: reading an element from Python
    is several times faster than from a numpy array, and unlike ``tolist()`` nothing is
    converted up front (a replication reads only a few of the 255,000 values of each
    attribute of referentie-100k, and Python float objects for all of them would cost
    tens of megabytes and milliseconds).
    """
    def view(values: np.ndarray) -> memoryview:
        return memoryview(np.ascontiguousarray(values).ravel())

    lists = SimpleNamespace(**{name: view(getattr(cases, name)) for name in _RUN_ATTRIBUTES})
    lists.priority = view(np.where(cases.urgent, 0, 1))
    muni = cases.municipality[:, None]
    lists.assessment_days = view(cases.assessment_hours / assessment_rate[muni])
    with np.errstate(invalid="ignore"):  # no specialists: no consultations, NaN unused
        lists.consult_days = view(cases.consult_hours / consult_rate[muni])
    return lists
