"""Like with like (issue 27): the scope signature is computed from the file, a comparison of
different scope is refused with one line naming the difference, or with ``--common-scope``
compares only the shared scope and says so in its outputs."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import MINIMAL_TOML

import simfin
from simfin.cli import main
from simfin.scope_check import ScopeError, check_scope, restrict, scope_note, scope_of

BBS = "scenarios/bbs-95k.toml"

WITH_LINE = '''
extends = "basis.toml"
name = "met-regel"
[simulation]
horizon_years = 1
warmup_years = 0.5
[budget_lines.welzijn]
label = "Welzijn"
taakveld = "6.1"
eur_per_inhabitant = 100.0
'''
WITHOUT = '''
extends = "basis.toml"
name = "zonder-regel"
[simulation]
horizon_years = 1
warmup_years = 0.5
'''


def _files(tmp_path):
    (tmp_path / "basis.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    paths = []
    for name, text in (("met.toml", WITH_LINE), ("zonder.toml", WITHOUT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def test_signature_is_read_from_the_file():
    scope = scope_of(simfin.load(BBS))
    assert scope.entitlements == {"bijstand"}
    assert "samenkracht" in scope.budget_lines and "jeugd" in scope.streams
    # 6.1 comes only from the samenkracht budget line, 6.3 from bijstand and schuldhulp
    assert {"0.4", "6.1", "6.2", "6.3", "6.72", "6.82"} <= scope.taakvelden
    assert scope.price_level == 2027


def test_a_budget_line_more_is_refused_naming_it(tmp_path):
    with_line, without = (simfin.load(p) for p in _files(tmp_path))
    with pytest.raises(ScopeError, match=r"only met-regel has welzijn.*only met-regel has 6\.1"):
        check_scope([with_line, without])
    assert check_scope([with_line, with_line]) == scope_of(with_line)


def test_a_different_price_level_is_refused_even_for_the_common_scope(tmp_path):
    with_line, without = (simfin.load(p) for p in _files(tmp_path))
    later = without.model_copy(update={"business_case": without.business_case.model_copy(
        update={"price_base_year": 2030})})
    with pytest.raises(ScopeError, match="price level"):
        check_scope([with_line, later], common=True)


def test_restrict_drops_what_is_outside_the_common_scope(tmp_path):
    with_line, without = (simfin.load(p) for p in _files(tmp_path))
    common = check_scope([with_line, without], common=True)
    cut = restrict(with_line, common)
    assert scope_of(cut) == scope_of(without)
    assert restrict(without, common) is without
    assert scope_note(common, restricted=True).startswith("Alleen de gemeenschappelijke")


def test_organisations_refuse_on_the_cli_with_one_line(tmp_path, capsys):
    paths = [str(p) for p in _files(tmp_path)]
    assert main(["organisations", *paths, "-n", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "budget lines: only met-regel has welzijn" in err


def test_common_scope_is_said_in_console_and_csv(tmp_path, capsys):
    paths = [str(p) for p in _files(tmp_path)]
    out = tmp_path / "out"
    assert main(["organisations", *paths, "-n", "1", "--common-scope", "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "Alleen de gemeenschappelijke reikwijdte vergeleken: 1 vraagstroom," in shown
    table = pd.read_csv(out / "organisations.csv")
    assert table["scope"].str.startswith("Common scope only").all()
    # without the line both cost the same per inhabitant: the same file once restricted
    costs = table["cost_per_inhabitant_eur"]
    assert costs.iloc[0] == pytest.approx(costs.iloc[1])


def test_compare_refuses_and_business_refuses(tmp_path):
    with_line, without = _files(tmp_path)
    with pytest.raises(ScopeError, match="welzijn"):
        simfin.compare([with_line, without], replications=1)
    with pytest.raises(ScopeError, match="welzijn"):
        simfin.business_case(without, [with_line], replications=1, drivers=False)
    comparison = simfin.compare([with_line, without], replications=1, common_scope=True)
    assert "gemeenschappelijke reikwijdte" in comparison.to_text()
    assert comparison.table["scope"].str.startswith("Common scope only").all()
    side, _ = comparison.tables()
    assert any("gemeenschappelijke reikwijdte" in note for note in side.notes)


def test_same_kengetallen_is_computed_not_typed():
    from simfin.scope_check import kengetallen_note

    bbs = simfin.load(BBS)
    referentie = simfin.load("scenarios/referentie-100k.toml")
    assert kengetallen_note([bbs, bbs]).startswith("Zelfde kengetallen")
    note = kengetallen_note([bbs, referentie])
    assert note.startswith("Andere kengetallen") and "Samenkracht en burgerparticipatie" in note
    assert "vraagstromen" not in note  # the demand rates of the two files are equal
    assert "dezelfde kengetallen" not in referentie.description  # no longer typed in the file
