"""Singular and plural right (issue 29): one helper for every counted noun, and no output
text of a one-replication run says "1 replicaties"."""

from __future__ import annotations

import re

import pytest
from conftest import small_scenario_dict

import simfin
from simfin.report.plural import NOUNS, count_text, plural
from simfin.report.style import footnote_line
from simfin.report.summary import console_table, summary_text
from simfin.scenario import validate_dict


@pytest.mark.parametrize(("n", "noun", "lang", "text"), [
    (1, "replicatie", "nl", "1 replicatie"), (2, "replicatie", "nl", "2 replicaties"),
    (0, "replicatie", "nl", "0 replicaties"), (1, "jaar", "nl", "1 jaar"),
    (6, "jaar", "nl", "6 jaren"), (1, "trekking", "en", "1 sample"),
    (40, "trekking", "en", "40 samples"), (1, "verslagjaar", "nl", "1 verslagjaar"),
    (2.5, "dag", "nl", "2,5 dagen"), (1, "scenario", "nl", "1 scenario"),
    (3, "scenario", "nl", "3 scenario's")])
def test_count_text(n, noun, lang, text):
    assert count_text(n, noun, lang) == text


def test_every_noun_has_both_forms_in_both_languages():
    for noun, forms in NOUNS.items():
        assert len(forms) == 2 and all(len(f) == 2 and f[0] != f[1] or f[0] == f[1] == "run"
                                       for f in forms), noun
        assert plural(1, noun) == forms[0][0] and plural(2, noun, "en") == forms[1][1]


WRONG = re.compile(r"\b1 (replicaties|jaren|trekkingen|verslagjaren|replications|years|samples)\b")


def test_a_one_replication_run_says_1_replicatie_everywhere():
    data = small_scenario_dict()
    data["simulation"]["horizon_years"] = 1
    results = simfin.run(validate_dict(data), replications=1)
    texts = [summary_text(results), console_table(results), summary_text(results, lang="en"),
             footnote_line("x", "0", 1, 1), footnote_line("x", "0", 1, 1, "en")]
    from simfin.report.modelkaart import run_model_card

    texts.append(run_model_card(results))
    for text in texts:
        assert not WRONG.findall(text), WRONG.findall(text)
    assert "1 replicatie" in texts[0] and "1 replicatie" in texts[3]
    assert "1 verslagjaar" in texts[-1]


def test_the_scope_note_of_a_one_stream_comparison_says_1_vraagstroom():
    """Notebook 02's compare chart said "1 vraagstromen, 0 uitkeringen"."""
    from simfin.scope_check import scope_note, scope_of

    scenario = validate_dict(small_scenario_dict())
    scope = scope_of(scenario)
    streams = len(scope.streams)
    note = scope_note(scope)
    assert count_text(streams, "vraagstroom") in note
    assert "0 uitkeringen" in note
    one = type(scope)(frozenset({"jeugd"}), scope.entitlements, scope.budget_lines,
                      scope.taakvelden, scope.price_level)
    assert "1 vraagstroom," in scope_note(one) and "1 vraagstromen" not in scope_note(one)
    assert "1 demand stream," in scope_note(one, lang="en")


def test_the_scope_note_names_no_start_year_as_price_level():
    """The compare footnote said "prijspeil 2027" (the start year) for tariffs of 2023/2024:
    a file that declares no price level is in the inputs' own prices."""
    from simfin.scope_check import scope_note, scope_of

    data = small_scenario_dict()
    assert data.get("business_case", {}).get("price_base_year") is None
    note = scope_note(scope_of(validate_dict(data)))
    assert note.endswith("prijspeil van de invoer.") and "2027" not in note
    data["business_case"] = {"price_base_year": 2024}
    assert scope_note(scope_of(validate_dict(data))).endswith("prijspeil 2024.")
