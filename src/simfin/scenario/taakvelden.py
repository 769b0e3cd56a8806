"""Iv3 taakvelden: the task fields of the BBV that every begroting and jaarrekening uses.

simfin puts a taakveld on every euro it computes, so that its yearly tables can be laid next
to a begroting. The list is hoofdtaakveld 6 Sociaal domein plus 0.4 Overhead, with the codes
and names of the BBV taakveldenlijst (Besluit begroting en verantwoording provincies en
gemeenten, bijlage; Iv3 informatievoorschrift). Since 2023 many begrotingen show a finer,
voluntary split below these codes (e.g. "6.71 Huishoudelijke hulp"); simfin keeps the codes
of the statutory list, which the CBS Iv3 statistics (StatLine "Overheidsfinanciën;
gemeentebegrotingen en -rekeningen, taakvelden") also use.

>>> taakveld_label("6.72")
'6.72 Maatwerkdienstverlening 18-'
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

__all__ = ["ORGANISATION_TAAKVELD", "OVERHEAD_TAAKVELD", "TAAKVELDEN", "Taakveld",
           "UNASSIGNED", "taakveld_label"]

#: code: (Dutch name, English name)
TAAKVELDEN: dict[str, tuple[str, str]] = {
    "0.4": ("Overhead", "Overhead"),
    "6.1": ("Samenkracht en burgerparticipatie", "Community strength and participation"),
    "6.2": ("Toegang en eerstelijnsvoorzieningen", "Access and first-line services"),
    "6.3": ("Inkomensregelingen", "Income schemes"),
    "6.4": ("WSW en beschut werk", "Sheltered employment"),
    "6.5": ("Arbeidsparticipatie", "Labour participation"),
    "6.6": ("Maatwerkvoorzieningen (Wmo)", "Customised facilities (Wmo)"),
    "6.71": ("Maatwerkdienstverlening 18+", "Customised services 18+"),
    "6.72": ("Maatwerkdienstverlening 18-", "Customised services under 18"),
    "6.81": ("Geëscaleerde zorg 18+", "Escalated care 18+"),
    "6.82": ("Geëscaleerde zorg 18-", "Escalated care under 18"),
}
#: where the access team's staff land (BBV: wijkteams / toegang are taakveld 6.2)
ORGANISATION_TAAKVELD = "6.2"
#: where overhead and the fixed costs of management and bedrijfsvoering land (BBV art. 8)
OVERHEAD_TAAKVELD = "0.4"
#: a product without a taakveld in its scenario file; reported, never hidden
UNASSIGNED = "?"


def _known(code: str) -> str:
    if code not in TAAKVELDEN:
        raise ValueError(f"unknown Iv3 taakveld {code!r}; expected one of {sorted(TAAKVELDEN)}")
    return code


Taakveld = Annotated[str, AfterValidator(_known)]


def taakveld_label(code: str, lang: str = "nl") -> str:
    """``code`` with its name, e.g. "6.3 Inkomensregelingen"."""
    if code == UNASSIGNED:
        return "? niet toegewezen" if lang == "nl" else "? unassigned"
    names = TAAKVELDEN[code]
    return f"{code} {names[0] if lang == 'nl' else names[1]}"
