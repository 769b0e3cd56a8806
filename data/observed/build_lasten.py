"""Roll the observed Iv3 lasten of bbs-observed.csv up to the statutory taakvelden.

Reads ``bbs-observed.csv`` (one row per municipality, year, taakveld or sub-taakveld,
with its source) and writes ``bbs-lasten.csv``: municipality, year, kind, taakveld,
measure (= lasten), value (euros), source. Sub-taakvelden of 2023-2024 (6.71a-d,
6.72a-d, 6.73a-c, 6.74a-c, 6.81a-b, 6.82a-b) are added to their statutory code (6.71,
6.72, 6.81, 6.82); the 2025 numbering is left out (its codes differ). Run from this folder:
``python build_lasten.py``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
STATUTORY = ("0.4", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.71", "6.72", "6.81", "6.82")
ROLL_UP = {"6.73": "6.72", "6.74": "6.72"}


def statutory(code: str) -> str | None:
    """The statutory taakveld of a (sub-)taakveld code of the 2023-2024 list, or None."""
    if code in STATUTORY:
        return code
    base = code.rstrip("abcd")
    if base != code and (base in STATUTORY or base in ROLL_UP):
        return ROLL_UP.get(base, base)
    return None


def main() -> None:
    sums: dict[tuple, float] = defaultdict(float)
    sources: dict[tuple, str] = {}
    with open(HERE / "bbs-observed.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["measure"] != "lasten" or row["year"] == "2025" or row["value"] == "NOT FOUND":
                continue
            code = statutory(row["taakveld"])
            if code is None or row["municipality"] not in ("Baarn", "Bunschoten", "Soest"):
                continue
            key = (row["municipality"], row["year"], row["kind"], code)
            sums[key] += float(row["value"])
            sources[key] = f"{row['source_title']} {row['source_url']}"
    with open(HERE / "bbs-lasten.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["municipality", "year", "kind", "taakveld", "measure", "value", "source"])
        for key in sorted(sums):
            out.writerow([*key, "lasten", f"{sums[key]:.0f}", sources[key]])


if __name__ == "__main__":
    main()
