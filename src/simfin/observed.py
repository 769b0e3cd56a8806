"""Observed figures (a tidy CSV of lasten per municipality, year and Iv3 taakveld), read with
the same guards as scenario files.

The file: a regular file (not a device, FIFO or directory) under
:data:`MAX_OBSERVED_BYTES`, UTF-8 text, separated by ``,`` or ``;`` (the Dutch Excel export).

The schema (one row per municipality, year, taakveld and measure):

========================  ==========================================================
``municipality``          name, as in the scenario's ``[municipalities]``
``year``                  calendar year, a whole number (1900--2100)
``taakveld``              Iv3 code (checked by :func:`simfin.calibrate.observed_rows`)
``measure``               ``lasten`` for the rows read here; other measures are skipped
``value``                 euros per year, full euros (not x 1.000), >= 0 and finite;
                          ``10186000``, ``10186000.00`` or nl-NL ``10.186.000,00``;
                          the literal ``NOT FOUND`` marks a figure that was not found
``unit`` (optional)       ``EUR`` (or empty)
``kind`` (optional)       ``accounts`` (jaarrekening) or ``budget`` (begroting)
========================  ==========================================================

A row that breaks the schema, a second row for the same municipality, year, taakveld and
measure (it would be summed), and a municipality the scenario does not have are refused
with a :class:`~simfin.errors.ScenarioError` naming the file, the row (line number) and
what was expected.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Collection
from pathlib import Path

from simfin.errors import ScenarioError

__all__ = ["MAX_OBSERVED_BYTES", "MAX_VALUE_EUR", "parse_amount", "read_lasten"]

MAX_OBSERVED_BYTES = 50_000_000
#: the largest lasten of one row: € 100 billion, ten times the largest Dutch municipal budget
MAX_VALUE_EUR = 1e11
REQUIRED = ("municipality", "year", "taakveld", "measure", "value")
NOT_FOUND = "NOT FOUND"
_UNITS = {"", "eur", "euro", "euros", "€"}
_INTL = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")
_NL = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_EXPECTED = "expected an amount in euros like 10186000 or 10.186.000,00"


def read_lasten(path: str | Path, year: int | None = None,
                municipalities: Collection[str] | None = None):
    """The observed lasten rows of one ``year`` (default: the latest ``accounts`` year in
    the file, else the latest year) as a DataFrame ``municipality, year, taakveld,
    measure, value`` (+ the file's other columns), checked against the schema above;
    ``municipalities`` (the scenario's) refuses any other name."""
    import pandas as pd

    path = Path(path)
    header, rows = _records(path)
    lasten = [(line, r) for line, r in rows if r.get("measure", "").strip() == "lasten"]
    if not lasten:
        raise ScenarioError(path, "measure", "expected rows with measure 'lasten', found none")
    for line, r in lasten:
        r["year"] = _year(path, line, r["year"])
    if year is None:
        accounts = [r["year"] for _, r in lasten if r.get("kind", "").strip() == "accounts"]
        year = max(accounts or [r["year"] for _, r in lasten])
    chosen = [(line, r) for line, r in lasten if r["year"] == year]
    if not chosen:
        years = sorted({r["year"] for _, r in lasten})
        raise ScenarioError(path, "year", f"no lasten for year {year}; the file has {years}")
    nl = any("," in r["value"] or r["value"].count(".") > 1 for _, r in chosen)
    kept, seen = [], {}
    for line, r in chosen:
        if r["value"].strip() == NOT_FOUND:
            continue
        r["value"] = parse_amount(r["value"], nl, path, f"row {line}, value")
        if r.get("unit", "").strip().lower() not in _UNITS:
            raise ScenarioError(path, f"row {line}, unit", f"expected EUR (full euros), got "
                                f"{r['unit']!r}; convert the figures to full euros first")
        key = (r["municipality"].strip(), r["taakveld"].strip())
        if key in seen:
            raise ScenarioError(path, f"row {line}", f"expected one lasten row per "
                                f"municipality, year and taakveld; {key[0]} {key[1]} {year} "
                                f"is also on row {seen[key]} (rows are not added up)")
        seen[key] = line
        if municipalities is not None and key[0] not in municipalities:
            raise ScenarioError(path, f"row {line}, municipality", f"expected one of the "
                                f"scenario's municipalities ({', '.join(sorted(municipalities))}),"
                                f" got {key[0][:60]!r}")
        kept.append({**r, "municipality": key[0], "taakveld": key[1]})
    frame = pd.DataFrame(kept, columns=list(header)).astype({"taakveld": str})
    frame.attrs["source"] = str(path)
    return frame


def parse_amount(text: str, nl: bool, path: str | Path, field: str) -> float:
    """``text`` as euros: plain (``10186000.5``) or, with ``nl``, nl-NL (``10.186.000,50``);
    a leading ``€`` and spaces are allowed. Refused: text, nan, inf,
    negative amounts and amounts above :data:`MAX_VALUE_EUR` (naming ``path`` and ``field``)."""
    clean = re.sub(r"[\s\u00a0\u202f]", "", text).removeprefix("€")
    if nl and _NL.fullmatch(clean):
        number = float(clean.replace(".", "").replace(",", "."))
    elif not nl and _INTL.fullmatch(clean):
        number = float(clean)
    else:
        hint = ("; the file mixes plain and nl-NL numbers, use one style" if nl and
                _INTL.fullmatch(clean) else "")
        raise ScenarioError(path, field, f"{_EXPECTED}, got {text[:40]!r}{hint}")
    if number < 0:
        raise ScenarioError(path, field, f"expected lasten >= 0, got {text[:40]!r} (net a "
                            "correction into the taakveld's figure)")
    if not math.isfinite(number) or number > MAX_VALUE_EUR:
        raise ScenarioError(path, field, "expected at most € 100.000.000.000 (full euros "
                            f"per year), got {text[:40]!r}")
    return number + 0.0   # -0 is 0


def _year(path: Path, line: int, text: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        year = 0
    if not 1900 <= year <= 2100:
        raise ScenarioError(path, f"row {line}, year", f"expected a calendar year like 2023, "
                            f"got {text[:40]!r}")
    return year


def _records(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (line number, column -> text) of the CSV at ``path``."""
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ScenarioError(path, "", f"expected the columns {', '.join(REQUIRED)} in "
                                f"the header, missing {', '.join(missing)}")
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise ScenarioError(path, f"row {reader.line_num}", f"expected {len(header)} "
                                    f"cells like the header, got {len(record)}")
            rows.append((reader.line_num, dict(zip(header, record))))
    except csv.Error as exc:
        raise ScenarioError(path, f"row {reader.line_num}", f"expected CSV ({exc})") from None
    return header, rows


def _text(path: Path) -> str:
    """The file's text: a regular UTF-8 file under :data:`MAX_OBSERVED_BYTES`."""
    try:
        if not path.is_file():   # also refuses devices (/dev/zero) and FIFOs: no hang
            raise ScenarioError(path, "", "expected a regular file of observed figures "
                                "(CSV), got " + ("a directory" if path.is_dir() else
                                                 "no such file" if not path.exists()
                                                 else "a device, pipe or socket"))
        with path.open("rb") as handle:
            raw = handle.read(MAX_OBSERVED_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ScenarioError(path, "", f"expected a readable file ({reason})") from None
    if len(raw) > MAX_OBSERVED_BYTES:
        raise ScenarioError(path, "", f"expected a file of observed figures under "
                            f"{MAX_OBSERVED_BYTES:,} bytes")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(path, "", "expected UTF-8 text, got UTF-16; save as CSV UTF-8")
    if b"\x00" in raw:
        raise ScenarioError(path, "", "expected CSV text, got binary data (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ScenarioError(path, "", f"expected UTF-8 text, byte {exc.start} (line {line}) "
                            "is not; save the file as CSV UTF-8") from None
