"""Generate broken scenario files: the mistakes a controller can make, many times over.

Each case starts from the valid small scenario of ``tests/conftest.py`` and breaks it
in one way, by construction (no case is checked against the schema to decide whether it
is broken: the tests assert that every one is refused). Kinds:

wrong_type, out_of_range, too_big, missing_key, removed_item, unknown_key, shares_off,
wrong_structure, broken_reference, top_level, extends_* (missing base, cycle, escape,
not a path, a directory, a broken base, too deep), toml_syntax, truncated, duplicate,
encoding (latin-1, UTF-16, binary, ZIP, NUL), spreadsheet export, empty, deep nesting,
huge file.

``Broken.field`` is the exact field the error must name when it is known by construction;
``None`` means "some field that exists in the file (or whose parent does)";
``whole_file`` marks problems of the file as a whole (field may be empty).
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from conftest import small_scenario_dict
from toml_text import to_toml

__all__ = ["Broken", "generate"]

MAIN = "scenario.toml"

NON_NUMBERS: list[Any] = ["veel", "", "12,5", "€ 78", "n.v.t.", "1.234,56", "20 %", "20",
                          "0.5", True, False, [1, 2], {"waarde": 1}, dt.date(2027, 1, 1),
                          float("nan"), float("inf"), float("-inf")]
NON_STRINGS: list[Any] = [5, 1.5, True, [1, 2], {"naam": "x"}, dt.date(2027, 1, 1)]
# Upper bounds by field name (just above them is invalid).
TOO_HIGH = {"start_year": 2101, "horizon_years": 31, "warmup_years": 21,
            "replications": 100_001, "inhabitants": 5_000_001, "growth_per_year": 0.5,
            "trend_per_year": 1.5, "assessment_share": 1.5, "productive_hours_per_fte": 2081,
            "absence_rate": 1.0, "client_places": 1_000_001, "urgent_share": 1.5,
            "resolved_0e_share": 1.01, "reentry_share": 2.0, "step_down_share": 1.5,
            "light_help": 1.5, "general_facility": 1.5, "referral": 1.5}
SHARE_TABLES = ("age_shares", "complexity_mix", "referral_products", "outcomes")
OPTIONAL = {"growth_per_year", "trend_per_year", "urgent_share", "step_down_share",
            "reentry_share", "description", "duration_multiplier", "intensity_multiplier"}
# Tables whose keys are field names (as opposed to named collections, whose keys are names).
MODEL_TABLES = [(), ("simulation",), ("municipalities", "*"), ("demand_streams", "*"),
                ("demand_streams", "*", "outcomes"), ("demand_streams", "*", "reentry_delay_days"),
                ("access_team",), ("access_team", "complexity", "*"),
                ("access_team", "complexity", "*", "*"), ("products", "*"),
                ("products", "*", "*"), ("providers", "*"), ("providers", "*", "financing"),
                ("admin",), ("admin", "*")]
DUTCH_KEYS = ["inwoners", "tarief", "duur", "aantal", "naam", "kosten", "fte_totaal"]
BREAKING_TOKENS = ["=", '"', "'", "{", "}", "[", "]", ",", "\x00", "\x07"]


@dataclass
class Broken:
    """One broken scenario: its files, and what the error must name."""

    kind: str
    files: dict[str, bytes]
    main: str = MAIN
    field: str | None = None
    culprit: str | None = None      # the file the error must name (default: main)
    whole_file: bool = False
    data: dict | None = dataclass_field(default=None, repr=False)  # the merged data, when known

    @property
    def blamed(self) -> str:
        return self.culprit or self.main


def _text(data: dict) -> bytes:
    return to_toml(data).encode("utf-8")


def _case(kind: str, data: dict, field_: str | None) -> Broken:
    return Broken(kind, {MAIN: _text(data)}, field=field_, data=data)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a scalar (or list item) in ``data``."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _paths(v, (*prefix, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _paths(v, (*prefix, i))]
    return [prefix]


def _tables(data: dict, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    for k, v in data.items():
        if isinstance(v, dict):
            out += _tables(v, (*prefix, k))
    return out


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _matches(path: tuple, pattern: tuple) -> bool:
    return len(path) == len(pattern) and all(q in ("*", p) for p, q in zip(path, pattern))


def _is_model_table(data: dict, path: tuple) -> bool:
    return any(_matches(path, pattern) for pattern in MODEL_TABLES)


# --- mutations of the data --------------------------------------------------------------

def wrong_type(rng: random.Random, data: dict) -> Broken:
    path = rng.choice(_paths(data))
    old = _get(data, path)
    pool = NON_STRINGS if isinstance(old, str) else NON_NUMBERS
    _set(data, path, copy.deepcopy(rng.choice(pool)))
    return _case("wrong_type", data, _dotted(path))


def out_of_range(rng: random.Random, data: dict) -> Broken:
    numbers = [p for p in _paths(data) if type(_get(data, p)) in (int, float)]
    path = rng.choice(numbers)
    old = _get(data, path)
    high = 1.5 if len(path) > 1 and path[-2] in SHARE_TABLES else TOO_HIGH.get(str(path[-1]))
    value = high if high is not None and rng.random() < 0.5 else -(abs(old) + 1)
    if type(old) is int and high is not None and rng.random() < 0.3:
        value = 10 ** rng.randint(20, 400)  # a huge whole number
    _set(data, path, value)
    return _case("out_of_range", data, _dotted(path))


def too_big(rng: random.Random, data: dict) -> Broken:
    """Schema-valid numbers that make an absurdly large run (the size check's job)."""
    stream = rng.choice(sorted(data["demand_streams"]))
    choice = rng.randrange(3)
    if choice == 0:
        data["demand_streams"][stream]["rate_per_1000"] = rng.choice([1e6, 1e9, 1e300])
        return _case("too_big", data, f"demand_streams.{stream}.rate_per_1000")
    if choice == 1:
        data["simulation"]["warmup_years"] = 20
        data["demand_streams"][stream]["trend_per_year"] = -0.99
        return _case("too_big", data, f"demand_streams.{stream}.trend_per_year")
    for muni in data["municipalities"].values():
        muni["inhabitants"] = 5_000_000
    data["simulation"]["horizon_years"] = 30
    data["simulation"]["warmup_years"] = 20
    return _case("too_big", data, None)


def missing_key(rng: random.Random, data: dict) -> Broken:
    candidates = [(t, k) for t in _tables(data) if _is_model_table(data, t)
                  for k in _get(data, t) if k not in OPTIONAL]
    table, key = rng.choice(candidates)
    del _get(data, table)[key]
    exact = key not in ("products", "providers")  # their loss breaks references first
    return _case("missing_key", data, _dotted((*table, key)) if exact else None)


def removed_item(rng: random.Random, data: dict) -> Broken:
    candidates = [("access_team", "complexity", k) for k in data["access_team"]["complexity"]]
    candidates += [("products", k) for k in data["products"]]
    candidates += [("providers", k) for k in data["providers"]]
    for t in _tables(data):
        if t and t[-1] in SHARE_TABLES and not (t[-1] == "complexity_mix"
                                                and len(_get(data, t)) == 1):
            candidates += [(*t, k) for k in _get(data, t)]  # an emptied mix passes (known gap)
    path = rng.choice(candidates)
    del _get(data, path[:-1])[path[-1]]
    return _case("removed_item", data, None)


def _typo(rng: random.Random, key: str) -> str:
    i = rng.randrange(len(key))
    options = [key[:i] + key[i + 1:], key[:i] + key[i] + key[i:],
               key[:i] + key[i + 1:i + 2] + key[i:i + 1] + key[i + 2:]]
    return rng.choice([o for o in options if o and o != key] or [key + "x"])


def unknown_key(rng: random.Random, data: dict) -> Broken:
    table = rng.choice([t for t in _tables(data) if _is_model_table(data, t)])
    content = _get(data, table)
    key = _typo(rng, rng.choice(sorted(content))) if rng.random() < 0.7 \
        else rng.choice(DUTCH_KEYS)
    if key in content:
        key += "_extra"
    value = content[rng.choice(sorted(content))]
    content[key] = copy.deepcopy(value)
    return _case("unknown_key", data, _dotted((*table, key)))


def shares_off(rng: random.Random, data: dict) -> Broken:
    tables = [t for t in _tables(data) if t and t[-1] in SHARE_TABLES]
    table = rng.choice(tables)
    shares = _get(data, table)
    key = rng.choice(sorted(shares))
    shares[key] = shares[key] * 0.5 if shares[key] > 0.2 else shares[key] + 0.3
    return _case("shares_off", data, _dotted(table))


def wrong_structure(rng: random.Random, data: dict) -> Broken:
    tables = [t for t in _tables(data) if t]
    lists = [p[:-1] for p in _paths(data) if isinstance(p[-1], int)]
    path = rng.choice(tables + lists)
    old = _get(data, path)
    if isinstance(old, list):
        _set(data, path, rng.choice([{"eerste": old[0]}, old[0], 5]))
        return _case("wrong_structure", data, _dotted(path))
    replacement = rng.choice(["list", "text", "number", "empty"])
    if replacement == "empty":
        if path[-1] == "complexity_mix":  # an empty mix passes the schema (a known gap)
            replacement = "list"
        else:
            _set(data, path, {})
            return _case("wrong_structure", data, None)
    value = {"list": list(old.values()), "text": "zie bijlage", "number": 1}[replacement]
    _set(data, path, value)
    return _case("wrong_structure", data, _dotted(path))


def broken_reference(rng: random.Random, data: dict) -> Broken:
    choice = rng.randrange(4)
    stream = rng.choice(sorted(data["demand_streams"]))
    spec = data["demand_streams"][stream]
    if choice == 0:
        spec["population"] = _typo(rng, spec["population"]) + "_"
    elif choice == 1:
        old = rng.choice(sorted(spec["complexity_mix"]))
        spec["complexity_mix"][_typo(rng, old) + "_"] = spec["complexity_mix"].pop(old)
    elif choice == 2:
        old = rng.choice(sorted(spec["referral_products"]))
        spec["referral_products"][old + "_x"] = spec["referral_products"].pop(old)
    else:
        provider = rng.choice(sorted(data["providers"]))
        items = data["providers"][provider]["products"]
        i = rng.randrange(len(items))
        items[i] = items[i] + "_x"
    return _case("broken_reference", data, None)


def top_level(rng: random.Random, data: dict) -> Broken:
    key = rng.choice(["simulation", "municipalities", "demand_streams", "access_team",
                      "products", "providers", "admin", "name"])
    old = data[key]
    text = "Baarn" if key != "name" else ["Baarn"]
    value = rng.choice([5, text, [old] if isinstance(old, dict) else {"waarde": old}, True])
    data[key] = value
    return _case("top_level", data, key)


DATA_MUTATIONS = [wrong_type, out_of_range, too_big, missing_key, removed_item, unknown_key,
                  shares_off, wrong_structure, broken_reference, top_level]

# --- extends ----------------------------------------------------------------------------


def _variant(extends: Any, **extra: Any) -> bytes:
    return _text({"extends": extends, "name": "variant", **extra})


def extends_case(rng: random.Random, base: dict) -> Broken:
    kind = rng.choice(["missing", "cycle", "self", "escape", "not_a_path", "directory",
                       "broken_base", "too_deep"])
    good = _text(base)
    if kind == "missing":
        return Broken("extends_missing", {MAIN: _variant(rng.choice(["weg.toml", "sub/weg.toml"]))},
                      field="extends")
    if kind == "cycle":
        return Broken("extends_cycle", {MAIN: _variant("b.toml"), "b.toml": _variant(MAIN)},
                      field="extends", culprit="b.toml")
    if kind == "self":
        return Broken("extends_self", {MAIN: _variant(MAIN)}, field="extends")
    if kind == "escape":
        target = rng.choice(["../basis.toml", "sub/../../basis.toml"])
        return Broken("extends_escape", {"basis.toml": good, "inner/scenario.toml":
                                         _variant(target), "inner/sub/x": b""},
                      main="inner/scenario.toml", field="extends")
    if kind == "not_a_path":
        value = rng.choice([5, [], {}, "", True, " "])
        return Broken("extends_not_a_path", {MAIN: _variant(value)}, field="extends")
    if kind == "directory":
        return Broken("extends_directory", {MAIN: _variant("map"), "map/x.toml": good},
                      field="extends")
    if kind == "broken_base":
        mutated = rng.choice([wrong_type, out_of_range, unknown_key, shares_off])(
            rng, copy.deepcopy(base))
        variant = _text({"extends": "basis.toml", "description": "variant"})
        return Broken("extends_broken_base", {"basis.toml": mutated.files[MAIN], MAIN: variant},
                      field=mutated.field, culprit="basis.toml")
    depth = 20
    files = {f"c{i}.toml": _variant(f"c{i + 1}.toml") for i in range(depth)}
    files[f"c{depth}.toml"] = good
    return Broken("extends_too_deep", files, main="c0.toml", field="extends",
                  culprit="c16.toml")


# --- text and bytes ---------------------------------------------------------------------

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def toml_syntax(rng: random.Random, base: dict) -> Broken:
    text = to_toml(base)
    inside = set()
    for m in _STRING.finditer(text):
        inside.update(range(m.start() + 1, m.end()))
    pos = rng.choice([i for i in range(len(text) + 1) if i not in inside])
    token = rng.choice(BREAKING_TOKENS)
    return Broken("toml_syntax", {MAIN: (text[:pos] + token + text[pos:]).encode("utf-8")},
                  whole_file=True)


def truncated(rng: random.Random, base: dict) -> Broken:
    text = to_toml(base).rstrip()
    pos = rng.randrange(len(text))
    return Broken("truncated", {MAIN: text[:pos].encode("utf-8")}, whole_file=True)


def duplicate(rng: random.Random, base: dict) -> Broken:
    lines = to_toml(base).splitlines()
    candidates = [i for i, line in enumerate(lines) if "=" in line or line.startswith("[")]
    i = rng.choice(candidates)
    j = i + 1 if "=" in lines[i] else len(lines)
    lines.insert(j, lines[i])
    return Broken("duplicate", {MAIN: ("\n".join(lines) + "\n").encode("utf-8")},
                  whole_file=True)


def encoding(rng: random.Random, base: dict) -> Broken:
    choice = rng.randrange(6)
    text = to_toml({**base, "name": "Súdwest-Fryslân"})
    content = {
        0: lambda: text.encode("latin-1"),
        1: lambda: text.encode("utf-16"),
        2: lambda: bytes([0xC3, 0x28]) + bytes(rng.randrange(256) for _ in range(200)),
        3: lambda: b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(100)),
        4: lambda: text.replace("\n", "\n\x00", 1).encode("utf-8"),
        5: lambda: text.encode("cp1252"),
    }[choice]()
    return Broken("encoding", {MAIN: content}, whole_file=True)


def odd_file(rng: random.Random, base: dict) -> Broken:
    choice = rng.randrange(5)
    if choice == 0:
        rows = ["gemeente;inwoners;jeugd_per_1000", "Baarn;24.973;55", "Soest;47.000;61"]
        return Broken("spreadsheet", {MAIN: ("\n".join(rows) + "\n").encode("cp1252")},
                      whole_file=True)
    if choice == 1:
        return Broken("empty", {MAIN: rng.choice([b"", b"   \n\n", b"# alleen commentaar\n"])},
                      field="name")
    if choice == 2:
        deep = rng.randint(2000, 5000)
        return Broken("deep_nesting", {MAIN: b"x = " + b"[" * deep + b"]" * deep + b"\n"},
                      whole_file=True)
    if choice == 3:
        rows = ",".join(f"{v}" for v in range(10))
        return Broken("spreadsheet", {MAIN: (rows + "\n" + rows + "\n").encode()},
                      whole_file=True)
    padding = b"# " + b"x" * 1000 + b"\n"
    return Broken("huge_file", {MAIN: _text(base) + padding * 5100}, whole_file=True)


FILE_MUTATIONS = [toml_syntax, truncated, duplicate, encoding, odd_file]


def generate(n: int, seed: int = 20270101) -> list[Broken]:
    """``n`` broken scenarios: 60% data mistakes, 15% extends, 25% text and bytes."""
    rng = random.Random(seed)
    cases = []
    huge = 0
    while len(cases) < n:
        base = small_scenario_dict()
        roll = rng.random()
        if roll < 0.6:
            case = rng.choice(DATA_MUTATIONS)(rng, base)
        elif roll < 0.75:
            case = extends_case(rng, base)
        else:
            case = rng.choice(FILE_MUTATIONS)(rng, base)
            if case.kind == "huge_file":
                huge += 1
                if huge > 3:  # a few are enough (5 MB each)
                    continue
        cases.append(case)
    return cases
