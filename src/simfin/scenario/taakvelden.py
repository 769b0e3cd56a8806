"""Iv3 taakvelden: the task fields of the BBV that every begroting and jaarrekening uses.

simfin puts a taakveld on every euro it computes, so that its yearly tables can be laid next
to a begroting. The list is hoofdtaakveld 6 Sociaal domein plus 0.4 Overhead, with the codes
and names of the BBV taakveldenlijst (Besluit begroting en verantwoording provincies en
gemeenten, bijlage; Iv3 informatievoorschrift), which the CBS Iv3 statistics (StatLine
"Overheidsfinanciën; gemeentebegrotingen en -rekeningen, taakvelden") also use.

Since the begroting and jaarrekening 2023 the Iv3 informatievoorschrift splits four of them
into **sub-taakvelden** (:data:`SUB_TAAKVELDEN`): 6.71 into 6.71a–d, 6.72 into 6.72a–d,
6.73a–c and 6.74a–c (all ten "opgedeeld" from 6.72 Maatwerkdienstverlening 18-; there is
no taakveld 6.73 or 6.74 of its own), 6.81 into 6.81a–b and 6.82 into 6.82a–b. Source:
"Iv3-Informatievoorschrift Gemeenten en Gemeenschappelijke regelingen 2023 1.0",
Rijksoverheid, 2022, blad 4 (section 1, "Belangrijkste wijzigingen"),
https://www.rijksoverheid.nl/binaries/rijksoverheid/documenten/richtlijnen/2023/12/15/iv3-informatievoorschrift-gemeenten-en-gemeenschappelijke-regelingen-2022/iv3-informatievoorschrift-gemeenten-en-gren-2023-1-0.pdf
(names as on blad 4; the detail section calls 6.71a "Huishoudelijke hulp (Wmo)"). A product,
role, budget line or item may carry a main code or a sub-taakveld; every per-taakveld
output can be shown as given or rolled up to the main codes (:func:`main_taakveld`).
The renumbered list of 2025 (6.711, 6.751, …) is not in this code set.

>>> taakveld_label("6.72")
'6.72 Maatwerkdienstverlening 18-'
>>> main_taakveld("6.74b")
'6.72'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator

if TYPE_CHECKING:  # pandas only in annotations: loading a scenario stays light
    import pandas as pd

__all__ = ["CODES", "LEVELS", "ORGANISATION_TAAKVELD", "OVERHEAD_TAAKVELD", "SUB_TAAKVELDEN",
           "TAAKVELDEN", "Taakveld", "UNASSIGNED", "known_taakveld", "main_taakveld", "roll_up",
           "selects",
           "taakveld_label"]

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
#: sub-taakveld (Iv3 2023): (main code it rolls up to, Dutch name, English name)
SUB_TAAKVELDEN: dict[str, tuple[str, str, str]] = {
    "6.71a": ("6.71", "Hulp bij het huishouden (Wmo)", "Household help (Wmo)"),
    "6.71b": ("6.71", "Begeleiding (Wmo)", "Support (Wmo)"),
    "6.71c": ("6.71", "Dagbesteding (Wmo)", "Day activities (Wmo)"),
    "6.71d": ("6.71", "Overige maatwerkarrangementen (Wmo)", "Other customised arrangements (Wmo)"),
    "6.72a": ("6.72", "Jeugdhulp begeleiding", "Youth care: support"),
    "6.72b": ("6.72", "Jeugdhulp behandeling", "Youth care: treatment"),
    "6.72c": ("6.72", "Jeugdhulp dagbesteding", "Youth care: day activities"),
    "6.72d": ("6.72", "Jeugdhulp zonder verblijf overig", "Youth care without stay, other"),
    "6.73a": ("6.72", "Pleegzorg", "Foster care"),
    "6.73b": ("6.72", "Gezinsgericht", "Family-based residential care"),
    "6.73c": ("6.72", "Jeugdhulp met verblijf overig", "Youth care with stay, other"),
    "6.74a": ("6.72", "Jeugdhulp behandeling GGZ zonder verblijf",
              "Youth mental health treatment without stay"),
    "6.74b": ("6.72", "Jeugdhulp crisis/LTA/GGZ-verblijf", "Youth crisis/LTA/mental health stay"),
    "6.74c": ("6.72", "Gesloten plaatsing", "Secure placement"),
    "6.81a": ("6.81", "Beschermd wonen (Wmo)", "Sheltered housing (Wmo)"),
    "6.81b": ("6.81", "Maatschappelijke- en vrouwenopvang (Wmo)",
              "Shelters and women's refuges (Wmo)"),
    "6.82a": ("6.82", "Jeugdbescherming", "Child protection"),
    "6.82b": ("6.82", "Jeugdreclassering", "Youth probation"),
}
#: every code a scenario may carry, in code order
CODES: tuple[str, ...] = tuple(sorted([*TAAKVELDEN, *SUB_TAAKVELDEN]))
#: levels of a per-taakveld output: codes as the scenario gives them, or rolled up
LEVELS = ("detail", "main")
#: where the access team's staff land (BBV: wijkteams / toegang are taakveld 6.2)
ORGANISATION_TAAKVELD = "6.2"
#: where overhead and the fixed costs of management and bedrijfsvoering land (BBV art. 8)
OVERHEAD_TAAKVELD = "0.4"
#: a product without a taakveld in its scenario file; reported, never hidden
UNASSIGNED = "?"


def known_taakveld(code: str) -> str:
    """``code`` if it is in :data:`CODES`, else a ValueError listing the accepted codes."""
    if code in TAAKVELDEN or code in SUB_TAAKVELDEN:
        return code
    subs = [c for c in SUB_TAAKVELDEN if c.rstrip("abcd") == code]
    hint = (f" ({code} is no taakveld of its own: use one of its sub-taakvelden "
            f"{', '.join(subs)}, or {SUB_TAAKVELDEN[subs[0]][0]})") if subs else ""
    raise ValueError(f"unknown Iv3 taakveld {code!r}{hint}; expected one of {', '.join(CODES)}")


Taakveld = Annotated[str, AfterValidator(known_taakveld)]


def main_taakveld(code: str) -> str:
    """The main code a (sub-)taakveld rolls up to; a main code, "?" or "total" is itself."""
    sub = SUB_TAAKVELDEN.get(code)
    return sub[0] if sub else code


def roll_up(codes: pd.Series, level: str = "main") -> pd.Series:
    """``codes`` at ``level``: "detail" leaves them as they are, "main" rolls every
    sub-taakveld up to its main code (:func:`main_taakveld`)."""
    if level not in LEVELS:
        raise ValueError(f"unknown taakveld level {level!r}; expected one of {LEVELS}")
    if level == "detail":
        return codes
    return codes.map(main_taakveld)


def selects(codes: pd.Series, selection: list[str]) -> pd.Series:
    """Which of ``codes`` a selection of taakvelden counts (e.g. ``[ceiling].taakvelden``):
    a main code counts itself and all its sub-taakvelden ("6.72" counts 6.72a–6.74c), a
    sub-taakveld only itself."""
    chosen = set(selection)
    return codes.isin(chosen) | codes.map(main_taakveld).isin(chosen)


def taakveld_label(code: str, lang: str = "nl") -> str:
    """``code`` with its name, e.g. "6.3 Inkomensregelingen"."""
    if code == UNASSIGNED:
        return "? niet toegewezen" if lang == "nl" else "? unassigned"
    if code in SUB_TAAKVELDEN:
        _, nl, en = SUB_TAAKVELDEN[code]
        return f"{code} {nl if lang == 'nl' else en}"
    names = TAAKVELDEN[code]
    return f"{code} {names[0] if lang == 'nl' else names[1]}"
