"""Named random streams: every draw flows from one ``numpy.random.SeedSequence``.

Seeds are derived by *address*, not by order: the stream for replication ``r``, purpose
``name`` and item keys ``(a, b)`` is ``SeedSequence(entropy, spawn_key=(r, STREAM_ID[name],
a, b))``. Any worker can rebuild any replication without drawing the ones before it, and
the variant is not part of the address, so every variant of a scenario sees the same
residents arrive with the same attributes (common random numbers).
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["STREAM_ID", "generator", "name_key"]

#: Fixed purpose ids; never reuse or renumber an id (that would change every result).
STREAM_ID: dict[str, int] = {
    "arrivals": 1,      # arrival times per municipality x demand stream
    "attributes": 2,    # base quantiles of every case attribute per municipality x stream
    "psa": 3,           # sensitivity designs (Latin hypercube, SALib seeds); replication slot 0
    "consultation": 10,  # specialist consultation: needed? and hours, per municipality x stream
    "entitlements": 11,  # entitlement recipients: inflow times, durations, exits, per municipality x entitlement
    "households": 12,   # household grouping (key 0) and integral-work effects (key 1), per municipality
    "offices": 21,      # front/back office: hours per dossier and hand-over delay, per domain x step
    "business_items": 20,  # business-case PSA: item amounts and policy parameters, per replication x name
    "reneging": 13,     # patience, return, delay, heavier need, per municipality x stream
    "seasonality": 14,  # thinning of arrivals by the monthly multipliers, per municipality x stream
}


def name_key(name: str) -> int:
    """A stable integer key for a municipality or stream name (CRC-32, not ``hash``)."""
    return zlib.crc32(name.encode("utf-8"))


def generator(entropy: int, replication: int, stream: str, *keys: int) -> np.random.Generator:
    """The generator for one random process of one replication."""
    spawn_key = (replication, STREAM_ID[stream], *keys)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=spawn_key)))
