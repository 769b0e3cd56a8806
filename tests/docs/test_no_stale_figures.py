"""Figures in prose come from the scenarios (issue 27): no inhabitant figure in README, docs or
notebooks that no scenario file holds, and none of the stale BBS figures of 2016."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import simfin

pytestmark = pytest.mark.slow  # end to end: see docs/testing.md

ROOT = Path(__file__).resolve().parents[2]
PROSE = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")),
         *sorted((ROOT / "notebooks").glob("*.ipynb")), ROOT / "notebooks" / "_build.py"]
#: a number of inhabitants written out: "95.878 inwoners", "95,878 inhabitants"
FIGURE = re.compile(r"(\d{1,3}(?:[.,]\d{3})+)\s*(?:inwoners|inhabitants)")
STALE = re.compile(r"90[.,]831|91[.,]000|~\s?91\b")


@lru_cache(maxsize=1)
def _known() -> frozenset[int]:
    """Every total and every municipality's inhabitants of the shipped scenario files."""
    known = set()
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        scenario = simfin.load(path)
        values = [m.inhabitants for m in scenario.municipalities.values()]
        known |= {sum(values), *values}
    return frozenset(known)


@pytest.mark.parametrize("path", PROSE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_stale_inhabitant_figure(path):
    text = path.read_text(encoding="utf-8")
    assert not STALE.search(text), f"{path.name}: {STALE.search(text).group(0)}"
    known = _known()
    for match in FIGURE.finditer(text):
        value = int(re.sub(r"[.,]", "", match.group(1)))
        assert value % 1000 == 0 or value in known, f"{path.name}: {match.group(0)}"
