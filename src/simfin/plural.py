"""Singular and plural of the counted words in texts: "1 replicatie", "3 replicaties".

One place for every counted noun, so no text says "1 replicaties" or "1 jaren". It imports
nothing of simfin, so domain messages and report writers both use it:

>>> count_text(1, "replicatie")
'1 replicatie'
>>> count_text(2, "jaar", lang="en")
'2 years'
"""

from __future__ import annotations

__all__ = ["NOUNS", "count_text", "plural"]

#: noun key -> ((Dutch singular, Dutch plural), (English singular, English plural))
NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "replicatie": (("replicatie", "replicaties"), ("replication", "replications")),
    "trekking": (("trekking", "trekkingen"), ("sample", "samples")),
    "jaar": (("jaar", "jaren"), ("year", "years")),
    "verslagjaar": (("verslagjaar", "verslagjaren"), ("reporting year", "reporting years")),
    "dag": (("dag", "dagen"), ("day", "days")),
    "run": (("run", "runs"), ("run", "runs")),
    "scenario": (("scenario", "scenario's"), ("scenario", "scenarios")),
    "variant": (("variant", "varianten"), ("variant", "variants")),
    "gemeente": (("gemeente", "gemeenten"), ("municipality", "municipalities")),
    "vraagstroom": (("vraagstroom", "vraagstromen"), ("demand stream", "demand streams")),
    "uitkering": (("uitkering", "uitkeringen"), ("entitlement", "entitlements")),
    "budgetregel": (("budgetregel", "budgetregels"), ("budget line", "budget lines")),
    "taakveld": (("taakveld", "taakvelden"), ("taakveld", "taakvelden")),
}


def plural(n: float, noun: str, lang: str = "nl") -> str:
    """The word ``noun`` (a key of :data:`NOUNS`) in the form that goes with ``n``: singular
    for exactly 1, plural otherwise (0 replicaties, 2,5 dagen)."""
    forms = NOUNS[noun][lang != "nl"]
    return forms[0] if n == 1 else forms[1]


def count_text(n: float, noun: str, lang: str = "nl") -> str:
    """``n`` (a whole number as digits, else one decimal with a decimal comma) and ``noun``
    in the form that goes with it."""
    number = str(int(n)) if float(n).is_integer() else f"{n:.1f}".replace(".", ",")
    return f"{number} {plural(n, noun, lang)}"
