"""The shipped jeugd-60k base and its four financing overlays."""

from __future__ import annotations

import re

import pytest
from conftest import SCENARIOS

import simfin

OVERLAYS = {
    "jeugd-60k-pq-uur.toml": "pq_per_unit",
    "jeugd-60k-pq-traject.toml": "pq_per_trajectory",
    "jeugd-60k-lumpsum.toml": "lump_sum",
    "jeugd-60k-lumpsum-corridor.toml": "lump_sum_corridor",
}


def _without_financing(scenario) -> dict:
    data = scenario.model_dump()
    for key in ("name", "description"):
        data.pop(key)
    # the overlay's display name ([afweging] label) is not a change of the model
    afweging = data.pop("afweging") or {}
    assert not afweging.get("scores") and not afweging.get("ranges")
    for provider in data["providers"].values():
        provider.pop("financing")
    return data


@pytest.mark.parametrize(("file", "kind"), sorted(OVERLAYS.items()))
def test_overlays_change_only_the_financing(file, kind):
    base = simfin.load(SCENARIOS / "jeugd-60k.toml")
    variant = simfin.load(SCENARIOS / file)
    assert _without_financing(variant) == _without_financing(base)
    assert {p.financing.kind for p in variant.providers.values()} == {kind}
    assert set(base.demand_streams) == {"jeugd"}
    assert base.municipalities["Voorbeeldgemeente"].inhabitants == 60_000


#: A line that sets a number (``key = 1``, ``key = -0.5``, ``key = { ... }``).
NUMBER_LINE = re.compile(r"^\s*([a-z_0-9]+)\s*=\s*[-\d{]")
#: Keys whose value is no figure about the world (a reproducibility choice).
NOT_A_FIGURE = {"seed"}
#: A range for sensitivity analysis: "range 2-4", "0.8–1.2", "-0.03 to +0.03".
RANGE = re.compile(r"\brange\b|\d\s*(?:–|-|to)\s*[−+-]?\d")
#: What a source must point at: an address, a CBS table id, a year of publication, or an
#: earlier citation in the same file.
CITATION = re.compile(r"https?://\S+|\b\d{5}(?:NED|ned)\b|\b(?:19|20)\d\d\b"
                      r"|same\s+(?:url|source)\s+as\s+above", re.IGNORECASE)


def justification(comment: str) -> bool:
    """A "source:" with a citation, "derived" (arithmetic on sourced figures), an
    "assumption" with a range, or "by definition"."""
    text = comment.lower()
    return bool((re.search(r"\bsource:", text) and CITATION.search(comment))
                or re.search(r"\bderived\b", text)
                or (re.search(r"\bassumption\b", text) and RANGE.search(comment))
                or "by definition" in text)


def _comments(lines: list[str], i: int) -> tuple[str, str]:
    """The comment on line ``i`` and the comment block directly above it."""
    own = lines[i].split("#", 1)[1] if "#" in lines[i] else ""
    block, j = [], i - 1
    while j >= 0 and lines[j].lstrip().startswith("#"):
        block.insert(0, lines[j].lstrip()[1:])
        j -= 1
    return own, " ".join(block)


#: Pointers to files a user of the library does not have: the project's table of public figures
#: (``domain-figures.md``), its design brief, and the policy documents kept in ``shared/seeds/``
#: ("seed 000", "the seed document"). A citation must name the original public source instead.
#: The reproducibility seed (``seed = 2027...``, "seed below") is no such pointer.
UNFOLLOWABLE = re.compile(r"domain-figures|shared/|\bseeds?/|DESIGN\.md|\bseed\s+0\d\d\b"
                          r"|\bseed(?:'s)?\s+(?:document|says|asks|wants|itself|gives)\b"
                          r"|\b(?:the|BBS|Oude IJsselstreek)\s+seeds?\b(?!\s*(?:=|below|above|\d))",
                          re.IGNORECASE)
#: Every shipped scenario file is checked.
CHECKED_FILES = sorted(p.name for p in SCENARIOS.glob("*.toml"))


def unfollowable(text: str) -> list[str]:
    """Lines of ``text`` that cite a file users do not have (see ``UNFOLLOWABLE``)."""
    return [f"{i}: {line.strip()}" for i, line in enumerate(text.splitlines(), 1)
            if UNFOLLOWABLE.search(line)]


def unsourced(text: str) -> list[str]:
    """Lines of ``text`` that set a figure without a source or an assumption with a range."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        match = NUMBER_LINE.match(line)
        if match and match.group(1) not in NOT_A_FIGURE:
            own, above = _comments(lines, i)
            if not (justification(own) or justification(above)):
                found.append(f"{i + 1}: {line.strip()}")
    return found


def test_the_checked_files_are_the_shipped_ones():
    shipped = {"bbs-95k.toml", "referentie-100k.toml", "jeugd-60k.toml", *OVERLAYS}
    assert shipped <= set(CHECKED_FILES)


@pytest.mark.parametrize("file", CHECKED_FILES)
def test_every_number_in_the_shipped_files_is_sourced_or_an_assumption(file):
    assert unsourced((SCENARIOS / file).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("file", CHECKED_FILES)
def test_the_shipped_files_cite_only_sources_a_user_can_follow(file):
    assert unfollowable((SCENARIOS / file).read_text(encoding="utf-8")) == []


#: A small scenario file in the shipped style: every number sourced, no pointer to shared/.
FOLLOWABLE = """\
[simulation]
seed = 7                   # any fixed integer; keeps runs reproducible
# assumption: a check run (3 replications, seed below); range 2027-2028
start_year = 2027
[municipalities.A]
# source: CBS StatLine 03759ned, 1 January 2025
inhabitants = 25187
"""


@pytest.mark.parametrize("citation", [
    "(domain-figures.md 1.9)",
    "NOT FOUND in domain-figures.md",
    "the BBS document (shared/seeds/000_827d17ae2765063f.txt)",
    "seeds/003_d60085b763dc038a.txt",
    "seed 000 §3",
    "the seed says so",
    "the seeds compare BBS with 100,000",
    "the Oude IJsselstreek seed",
    "BBS seed: data-analyse",
    "DESIGN.md §3",
])
def test_a_file_citing_shared_files_fails_the_check(tmp_path, citation):
    assert unfollowable(FOLLOWABLE) == [] and unsourced(FOLLOWABLE) == []
    bad = FOLLOWABLE.replace("1 January 2025", f"1 January 2025 {citation}")
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    assert unfollowable(path.read_text(encoding="utf-8")) == [
        f"6: # source: CBS StatLine 03759ned, 1 January 2025 {citation}"]


@pytest.mark.parametrize(("line", "ok"), [
    ("fte = 10  #", False),                                   # a bare hash
    ("fte = 10  # ", False),
    ("fte = 10  # chosen", False),
    ("fte = 10  # assumption", False),                        # an assumption needs a range
    ("fte = 10  # assumption: busy team", False),
    ("fte = 10  # source: somebody said so", False),          # a source needs a citation
    ("fte = 10  # assumption: busy team; range 8–12", True),
    ("x = -0.01  # assumption: slight decline; -0.03 to +0.03", True),
    ("fte = 10  # source: CBS StatLine 03759ned", True),
    ("fte = 10  # source: Begroting 2019, https://example.nl/b", True),
    ("fte = 10  # derived: 60,000 / 6,000", True),
    ("seed = 7  # any fixed integer", True),
])
def test_a_bare_comment_is_not_a_source(line, ok):
    assert (unsourced(line) == []) is ok
    above = "# " + line.split("#", 1)[1].strip() + "\n" + line.split("#", 1)[0]
    assert (unsourced(above) == []) is ok


def test_overlay_comments_name_their_assumptions():
    for file in OVERLAYS:
        text = (SCENARIOS / file).read_text(encoding="utf-8")
        assert "extends = \"jeugd-60k.toml\"" in text
        assert "# assumption" in text
