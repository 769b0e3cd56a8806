"""Who carries the volume risk under each financing kind: a plain statement, nl or en.

Volume risk is the risk that more clients come, or that care lasts longer or is more
intensive, than was expected when the budget or price was set. The statements follow
from the payment rules in :mod:`simfin.finance` (see ``docs/financing.md``); the
spread over replications (:mod:`simfin.risk`) shows the same thing in euros.

>>> volume_risk_table(["lump_sum"], lang="en").iloc[0]["volume_risk"][:8]
'Provider'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from simfin.report.labels import check_lang

__all__ = ["KIND_NAMES", "VOLUME_RISK", "volume_risk_table", "volume_risk_text"]

KINDS = ("pq_per_unit", "pq_per_trajectory", "lump_sum", "lump_sum_corridor")

# kind: (Dutch, English)
KIND_NAMES: dict[str, tuple[str, str]] = {
    "pq_per_unit": ("p*q per eenheid (inspanningsgericht)", "p*q per unit (effort-based)"),
    "pq_per_trajectory": ("p*q per traject (outputgericht)", "p*q per trajectory (output-based)"),
    "lump_sum": ("lumpsum (taakgericht)", "lump sum (task-based)"),
    "lump_sum_corridor": ("lumpsum met bandbreedte", "lump sum with a corridor"),
}

# kind: {column: (Dutch, English)}
VOLUME_RISK: dict[str, dict[str, tuple[str, str]]] = {
    "pq_per_unit": {
        "more_clients": ("Gemeente: elke cliënt wordt betaald.", "Municipality: every client "
                         "is paid for."),
        "longer_care": ("Gemeente: elk uur of elke dag wordt betaald.", "Municipality: every "
                        "hour or day is paid for."),
        "volume_risk": ("Gemeente, volledig. De aanbieder draagt alleen het risico dat zijn "
                        "kostprijs per eenheid boven het tarief ligt.",
                        "Municipality, fully. The provider only carries the risk that its "
                        "cost per unit exceeds the tariff."),
    },
    "pq_per_trajectory": {
        "more_clients": ("Gemeente: elk traject wordt betaald, zwaardere indicaties in een "
                         "duurdere band.", "Municipality: every trajectory is paid for, "
                         "heavier indications in a dearer band."),
        "longer_care": ("Aanbieder: de prijs per traject ligt vast, hoe lang of intensief de "
                        "zorg ook duurt.", "Provider: the price per trajectory is fixed, "
                        "however long or intensive the care."),
        "volume_risk": ("Gedeeld: de gemeente draagt het aantal trajecten en de zwaarte van "
                        "de indicatie, de aanbieder de duur en intensiteit binnen een band.",
                        "Shared: the municipality carries the number of trajectories and the "
                        "weight of the indication, the provider length and intensity within "
                        "a band."),
    },
    "lump_sum": {
        "more_clients": ("Aanbieder: het budget ligt vast. Met een wachtlijst wachten de "
                         "cliënten; met zorgplicht draagt de aanbieder het verlies.",
                         "Provider: the budget is fixed. With a waiting list the clients "
                         "wait; with a duty to accept the provider absorbs the loss."),
        "longer_care": ("Aanbieder: langere zorg kost hem plaatsen of geld, niet de gemeente.",
                        "Provider: longer care costs it places or money, not the "
                        "municipality."),
        "volume_risk": ("Aanbieder (en bij een wachtlijst de cliënt). De uitgaven van de "
                        "gemeente liggen vast; haar wettelijke zorgplicht blijft.",
                        "Provider (and, with a waiting list, the client). The municipality's "
                        "spending is fixed; its statutory duty of care remains."),
    },
    "lump_sum_corridor": {
        "more_clients": ("Binnen de bandbreedte de aanbieder; daarbuiten betaalt de gemeente "
                         "het afgesproken deel van het meerdere.", "Inside the corridor the "
                         "provider; outside it the municipality pays the agreed share of the "
                         "excess."),
        "longer_care": ("Als bij meer cliënten: de p*q-waarde telt, ook voor duur en "
                        "intensiteit.", "As for more clients: the p*q value counts, also for "
                        "length and intensity."),
        "volume_risk": ("Gedeeld: de aanbieder binnen de bandbreedte, daarbuiten beide "
                        "partijen naar rato van het verrekenpercentage (ook bij onderschrijding).",
                        "Shared: the provider inside the corridor, outside it both parties in "
                        "proportion to the settled share (also below the corridor)."),
    },
}

_HEADERS = {
    "kind": ("Bekostiging", "Financing"),
    "more_clients": ("Wie betaalt bij meer cliënten", "Who pays for more clients"),
    "longer_care": ("Wie betaalt bij langere of zwaardere zorg", "Who pays for longer or "
                    "heavier care"),
    "volume_risk": ("Volumerisico bij", "Volume risk carried by"),
}


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    chosen = list(KINDS) if kinds is None else [k for k in KINDS if k in set(kinds)]
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown financing kind(s) {sorted(unknown)}; expected {list(KINDS)}")
    return chosen


def volume_risk_table(kinds: Iterable[str] | None = None, lang: str = "nl",
                      headers: bool = False) -> pd.DataFrame:
    """One row per financing kind: who pays for more clients, for longer care, volume risk.

    Parameters
    ----------
    kinds : iterable of str, optional
        Financing kinds to include (default: all four, in a fixed order).
    lang : str
        ``"nl"`` (default) or ``"en"``.
    headers : bool
        True: column names in ``lang`` (for display); False: the English keys ``kind``,
        ``more_clients``, ``longer_care``, ``volume_risk``.
    """
    i = ("nl", "en").index(check_lang(lang))
    rows = [{"kind": KIND_NAMES[k][i], **{col: texts[i] for col, texts in VOLUME_RISK[k].items()}}
            for k in _kinds(kinds)]
    table = pd.DataFrame(rows, columns=list(_HEADERS))
    return table.rename(columns={k: v[i] for k, v in _HEADERS.items()}) if headers else table


def volume_risk_text(kinds: Iterable[str] | None = None, lang: str = "nl") -> str:
    """The statement as Markdown bullets, one per kind: "- **kind**: volume risk"."""
    table = volume_risk_table(kinds, lang)
    return "\n".join(f"- **{r.kind}**: {r.volume_risk}" for r in table.itertuples()) + "\n"
