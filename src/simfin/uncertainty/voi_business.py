"""Value of information on the business case itself: one decision analysis, not two.

:func:`business_voi` reads a :class:`~simfin.business.result.BusinessCase` computed with
sampled ranges (the default of :func:`simfin.business_case`): every replication is one PSA
sample, with the variant's own ``dist`` parameters and item ranges drawn, the transition on
the timeline, the incidental costs and discounting, exactly as ``simfin business`` reports.

Net benefit of an option in replication ``r``: its net present value against the
nulalternatief (+ = besparing t.o.v. nulalternatief), so the nulalternatief's is 0 and the
option with the highest mean net benefit is the one with the highest mean NPV in
``simfin business`` (the same seed and replications give the same choice). Per
municipality the same with that municipality's own discounted balance.

EVPI and EVPPI (:mod:`simfin.uncertainty.voi`) then say what resolving the drawn inputs
before deciding could be worth. A parameter drawn in several scenarios with the same value
(common random numbers) is one column; otherwise one column per scenario.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from simfin.business.afweging import variant_label
from simfin.errors import SimfinError
from simfin.uncertainty.voi import evpi, evpi_standard_error, evppi_table
from simfin.uncertainty.voi_run import TOTAL, ValueOfInformation

if TYPE_CHECKING:
    from simfin.business.result import BusinessCase

__all__ = ["business_net_benefits", "business_parameters", "business_voi"]


def business_net_benefits(case: BusinessCase) -> pd.DataFrame:
    """``municipality, sample, option, net_benefit_eur``: the NPV of every option against the
    nulalternatief per replication (``sample``), total (``"*"``) and per municipality."""
    columns = ["municipality", "sample", "option", "net_benefit_eur"]
    app = case.appraisal
    total = pd.DataFrame({"municipality": TOTAL, "sample": app["replication"],
                          "option": app["variant"], "net_benefit_eur": app["npv_eur"]})
    by = case.balance_by_municipality.groupby(["variant", "replication", "municipality"],
                                              as_index=False)["discounted_eur"].sum()
    own = pd.DataFrame({"municipality": by["municipality"], "sample": by["replication"],
                        "option": by["variant"], "net_benefit_eur": by["discounted_eur"]})
    keys = pd.concat([total, own])[["municipality", "sample"]].drop_duplicates()
    null = keys.assign(option=case.null, net_benefit_eur=0.0)
    return pd.concat([null[columns], total[columns], own[columns]], ignore_index=True)


def business_parameters(case: BusinessCase) -> pd.DataFrame:
    """``samples x parameters``: every drawn value of the case (columns: dotted names)."""
    draws = case.draws
    if draws.empty:
        return pd.DataFrame(index=range(case.replications))
    wide = draws.pivot_table(index="replication", columns=["name", "variant"], values="value")
    columns = {}
    for name in dict.fromkeys(wide.columns.get_level_values(0)):
        block = wide[name]
        if block.nunique(axis=1).max() <= 1:      # common random numbers: one column
            columns[name] = block.iloc[:, 0]
        else:
            for variant in block.columns:
                columns[f"{variant}: {name}"] = block[variant]
    return pd.DataFrame(columns).reindex(range(case.replications))


def business_voi(case: BusinessCase, groups: Mapping[str, Sequence[str]] | None = None,
                 labels: Mapping[str, str] | None = None) -> ValueOfInformation:
    """EVPI (total and per municipality) and EVPPI per drawn parameter of the business case.

    ``groups``: named groups of parameter columns; ``labels``: display names (default: the
    ``dist`` labels kept in ``case.meta["labels"]``).
    """
    if not case.meta.get("sample_ranges", True) or case.replications < 2:
        raise SimfinError("the value of information needs a business case with sampled "
                          "ranges (sample_ranges=True) and at least 2 replications")
    options = list(case.scenarios)
    nb = business_net_benefits(case)
    rows = []
    for mun in [TOTAL, *sorted(set(nb["municipality"]) - {TOTAL})]:
        part = nb[nb["municipality"] == mun]
        matrix = part.pivot(index="sample", columns="option", values="net_benefit_eur")
        matrix = matrix.reindex(columns=options).fillna(0.0)
        means = matrix.mean()
        rows.append({"municipality": mun, "evpi_eur": evpi(matrix),
                     "evpi_se_eur": evpi_standard_error(matrix),
                     "best_option": str(means.idxmax()),
                     "expected_net_benefit_eur": float(means.max())})
    total = nb[nb["municipality"] == TOTAL].pivot(index="sample", columns="option",
                                                    values="net_benefit_eur")[options]
    values = business_parameters(case)
    varied = [c for c in values.columns if values[c].nunique() > 1]
    shown = {**case.meta.get("labels", {}), **(labels or {})}
    shown = {c: shown.get(c.split(": ")[-1], c) for c in varied}
    table = evppi_table(total, values[varied], groups, shown) if varied else \
        pd.DataFrame(columns=["parameter", "label", "kind", "evppi_eur", "share_of_evpi"])
    null = case.scenarios[case.null]
    sim = null.simulation
    meta = {"samples": case.replications, "replications": 1,
            "first_year": sim.start_year, "last_year": sim.start_year + sim.horizon_years - 1,
            "uncertain": case.null, "seed": sim.seed,
            "price_base_year": null.business_case.price_base_year, "source": "business_case"}
    names = {n: variant_label(s) for n, s in case.scenarios.items()}
    return ValueOfInformation(names, nb, pd.DataFrame(rows), table, meta)
