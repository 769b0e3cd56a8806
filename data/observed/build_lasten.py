"""Observed Iv3 lasten of bbs-observed.csv at both taakveld levels.

Reads ``bbs-observed.csv`` (one row per municipality, year, taakveld or sub-taakveld,
with its source) and writes two files with the columns municipality, year, kind,
taakveld, measure (= lasten), value (euros), source:

* ``bbs-lasten.csv``: the sub-taakvelden of 2023-2024 (6.71a-d, 6.72a-d, 6.73a-c,
  6.74a-c, 6.81a-b, 6.82a-b; Iv3 informatievoorschrift 2023, blad 4) added to their main
  code (6.71, 6.72, 6.81, 6.82; 6.73 and 6.74 to 6.72);
* ``bbs-lasten-detail.csv``: the same lasten with the sub-taakvelden as given; the rows on
  the main codes 6.71, 6.72, 6.81 and 6.82 themselves (the remainder, which must be 0
  since booking on them is not allowed from 2023) are left out.

Both add up to the same total per municipality and year. The 2025 numbering is left out
(its codes differ). Run from this folder: ``python build_lasten.py``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
STATUTORY = ("0.4", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.71", "6.72", "6.81", "6.82")
ROLL_UP = {"6.73": "6.72", "6.74": "6.72"}
#: main codes that the Iv3 list 2023 splits into sub-taakvelden
SPLIT = ("6.71", "6.72", "6.81", "6.82")


def statutory(code: str) -> str | None:
    """The statutory taakveld of a (sub-)taakveld code of the 2023-2024 list, or None."""
    if code in STATUTORY:
        return code
    base = code.rstrip("abcd")
    if base != code and (base in STATUTORY or base in ROLL_UP):
        return ROLL_UP.get(base, base)
    return None


def _write(name: str, sums: dict[tuple, float], sources: dict[tuple, str]) -> None:
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["municipality", "year", "kind", "taakveld", "measure", "value", "source"])
        for key in sorted(sums):
            out.writerow([*key, "lasten", f"{sums[key]:.0f}", sources[key]])


def main() -> None:
    sums: dict[tuple, float] = defaultdict(float)
    detail: dict[tuple, float] = {}
    sources: dict[tuple, str] = {}
    with open(HERE / "bbs-observed.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["measure"] != "lasten" or row["year"] == "2025" or row["value"] == "NOT FOUND":
                continue
            code = statutory(row["taakveld"])
            if code is None or row["municipality"] not in ("Baarn", "Bunschoten", "Soest"):
                continue
            key = (row["municipality"], row["year"], row["kind"], code)
            source = f"{row['source_title']} {row['source_url']}"
            sums[key] += float(row["value"])
            sources[key] = source
            if code in SPLIT and row["taakveld"] == code:
                if float(row["value"]) != 0:
                    raise SystemExit(f"{row['municipality']} {row['year']}: non-zero lasten on "
                                     f"{code} next to its sub-taakvelden")
                continue
            fine = (*key[:3], row["taakveld"])
            detail[fine] = float(row["value"])
            sources[fine] = source
    _write("bbs-lasten.csv", sums, sources)
    _write("bbs-lasten-detail.csv", detail, sources)


if __name__ == "__main__":
    main()
