"""Broken observed-data CSVs for ``simfin calibrate --observed``, generated from a seed.

Each case is the bytes of one file, made from a valid tidy CSV of lasten by one or more
mutations of a cell, a row or the whole file (hostile numbers, nl-NL numbers, years,
names, separators, encodings, quotes, sizes). Used by ``test_fuzz_observed.py`` (a few
hundred cases) and, for bigger runs, as a script::

    PYTHONPATH=src python tests/reliability/observed_fuzz.py 20000

which prints the count of outcomes per kind and exits non-zero on any traceback or any
case that takes more than 10 s.
"""

from __future__ import annotations

import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

MUNIS = ("Baarn", "Bunschoten", "Soest")
CODES = ("0.4", "6.1", "6.3", "6.71", "6.72", "6.81")
HEADER = ["municipality", "year", "kind", "taakveld", "measure", "value"]
VALUES = ["nan", "NaN", "inf", "-inf", "Infinity", "-1", "-0", "0", "1e308", "1e309", "1e-400",
          "", " ", "abc", "10.186.000,00", "10,186,000.00", "1.234", "1,5", "€ 5", "€5,-",
          "0x10", "1_000", "9" * 400, "١٢٣", "1\u00a0000", "1\u202f000,5", "NOT FOUND",
          "not found", '"5"', "5;6", "=1+1", "+5", "--5", "5e", ".5", "5.", ",5", "1.2.3",
          "1,2,3", "\u202e123", "12\x00", "1e100000"]
YEARS = ["twintig", "", "2023.5", "99999", "-2023", "٢٠٢٣", "2023 ", "0", "1e3", "20 23"]
NAMES = ["Atlantis", "", " Baarn", "baarn", "=HYPERLINK(\"x\")", "B" * 5000, "Baarn\u202e",
         "Soest;Baarn", 'Baarn"', "\x00"]
CODES_BAD = ["6.711", "", "x", "6.1 ", "06.1", "6,1", "1e3", "6.72z"]


def valid_rows(rng: random.Random) -> list[list[str]]:
    rows = [[m, "2023", "accounts", c, "lasten", str(rng.randint(0, 30_000_000))]
            for m in MUNIS for c in rng.sample(CODES, rng.randint(1, len(CODES)))]
    return rows


def _text(header: list[str], rows: list[list[str]], sep: str = ",") -> str:
    def cell(v: str) -> str:
        return f'"{v}"' if any(ch in v for ch in (sep, '"', "\n")) and not v.startswith('"') \
            else v
    return "\n".join(sep.join(cell(v) for v in r) for r in [header, *rows]) + "\n"


def _mutate_rows(rng: random.Random, header: list[str], rows: list[list[str]]) -> str:
    i = rng.randrange(len(rows))
    kind = rng.choice(["value", "year", "name", "code", "measure", "dup", "cells", "unit"])
    if kind == "value":
        rows[i][5] = rng.choice(VALUES)
    elif kind == "year":
        rows[i][1] = rng.choice(YEARS)
    elif kind == "name":
        rows[i][0] = rng.choice(NAMES)
    elif kind == "code":
        rows[i][3] = rng.choice(CODES_BAD)
    elif kind == "measure":
        for r in rows:
            r[4] = rng.choice(["baten", "Lasten", "", "lasten "])
    elif kind == "dup":
        rows.extend([list(rows[i])] * rng.randint(1, 3))
    elif kind == "cells":
        rows[i] = rows[i][:rng.randint(0, 5)] if rng.random() < 0.5 else rows[i] + ["x"]
    else:
        header = header + ["unit"]
        rows = [r + [rng.choice(["EUR", "EUR x 1000", "", "€", "k€"])] for r in rows]
    return _text(header, rows, rng.choice([",", ",", ";"]))


def _mutate_file(rng: random.Random, text: str) -> bytes:
    kind = rng.choice(["truncate", "quote", "nul", "utf16", "latin1", "crlf", "bom", "empty",
                       "header_only", "garbage", "long_line", "no_header", "missing_column",
                       "many_rows", "tabs"])
    if kind == "truncate":
        return text.encode()[:rng.randint(0, len(text))]
    if kind == "quote":
        pos = rng.randrange(len(text))
        return (text[:pos] + '"' + text[pos:]).encode()
    if kind == "nul":
        return text.replace(",", ",\x00", 1).encode()
    if kind == "utf16":
        return text.encode("utf-16")
    if kind == "latin1":
        return text.replace("Baarn", "Bäarn").encode("latin-1", errors="replace")
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode()
    if kind == "bom":
        return ("\ufeff" + text).encode()
    if kind == "empty":
        return b""
    if kind == "header_only":
        return (",".join(HEADER) + "\n").encode()
    if kind == "garbage":
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000)))
    if kind == "long_line":
        return (text + "Baarn,2023,accounts,6.1,lasten," + "9" * 200_000 + "\n").encode()
    if kind == "no_header":
        return text.split("\n", 1)[1].encode()
    if kind == "missing_column":
        col = rng.randrange(len(HEADER))
        return "\n".join(",".join(c for j, c in enumerate(line.split(",")) if j != col)
                         for line in text.split("\n")).encode()
    if kind == "many_rows":
        return (text + "Baarn,2023,accounts,6.1,lasten,5\n" * rng.randint(2, 20_000)).encode()
    return text.replace(",", "\t").encode()


def case(seed: int) -> bytes:
    """The bytes of broken observed file number ``seed``."""
    rng = random.Random(seed)
    rows = valid_rows(rng)
    text = _mutate_rows(rng, list(HEADER), rows)
    if rng.random() < 0.4:
        return _mutate_file(rng, text)
    return text.encode()


def check(path: Path) -> str:
    """Read ``path`` as ``calibrate`` does; return ``"ok"`` or ``"refused"``, raising on
    anything else (a traceback) or on an accepted file that breaks the guards."""
    import math

    from simfin.calibrate import comparison_codes, read_observed
    from simfin.errors import ScenarioError

    try:
        observed = read_observed(path, None, set(MUNIS))
        comparison_codes({"6.1"}, observed)
    except ScenarioError as exc:
        text = str(exc)
        assert "\n" not in text and text.startswith(str(path)), text
        return "refused"
    values = observed["value"].tolist()
    assert all(math.isfinite(v) and 0 <= v <= 1e11 for v in values), values
    assert set(observed["municipality"]) <= set(MUNIS)
    assert not observed.duplicated(["municipality", "taakveld"]).any()
    return "ok"


class Hang(Exception):
    pass


def run(n: int, start: int = 0, limit_s: float = 10.0) -> Counter:
    """Check ``n`` cases; a case over ``limit_s`` seconds raises :class:`Hang`."""
    def alarm(*_):
        raise Hang(f"a case took more than {limit_s} s")

    outcomes: Counter = Counter()
    previous = signal.signal(signal.SIGALRM, alarm)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "waargenomen.csv"
        try:
            for seed in range(start, start + n):
                path.write_bytes(case(seed))
                signal.setitimer(signal.ITIMER_REAL, limit_s)
                try:
                    outcomes[check(path)] += 1
                except Hang:
                    raise Hang(f"case {seed} took more than {limit_s} s") from None
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
    return outcomes


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    began = time.perf_counter()
    print(dict(run(count)), f"{count} cases in {time.perf_counter() - began:.1f} s")
