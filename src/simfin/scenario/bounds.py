"""Plausible upper bounds on scenario quantities (shared by the schema and distributions).

A bound is an :func:`at_most` validator: a larger value is refused with the bound and its
reason in the one-line error, so nothing downstream (size estimate, simulation, euro
formatting) ever meets a value like 1e300. See ``docs/reliability.md``.
"""

from __future__ import annotations

from pydantic import AfterValidator

__all__ = ["MAX_EUR", "MAX_QUANTITY", "at_most"]

def at_most(limit: float, reason: str) -> AfterValidator:
    """A plausible upper bound: a larger value is refused with the bound and its reason.

    Every quantity in the schema has one, so that nothing downstream (size estimate,
    simulation, euro formatting) ever meets a value like 1e300.
    """
    shown = f"{limit:,.0f}" if limit >= 1 else f"{limit:g}"

    def check(value: float) -> float:
        if value > limit:
            raise ValueError(f"expected a number at most {shown} ({reason}), got {value!r}")
        return value

    return AfterValidator(check)


#: Generic bound on counts, hours, days and multipliers.
MAX_QUANTITY = 1e6
#: Bound on any amount in euros.
MAX_EUR = 1e11
_QUANTITY = at_most(MAX_QUANTITY, "no count, duration in days or number of hours in a "
                    "municipal social domain comes near a million")
_EUROS = at_most(MAX_EUR, "100 billion euros is more than the Netherlands spends on its "
                 "whole social domain in a year")

